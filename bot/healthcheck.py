"""Exit 0 when the bot's /healthz answers 200, 1 otherwise: the Docker HEALTHCHECK command.

    python -m bot.healthcheck      # uses GOVQA_HEALTH_PORT (default 8080) on 127.0.0.1
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

from .settings import SETTINGS_DOC


def main() -> int:
    """Ask the local health endpoint once."""
    port = os.environ.get("GOVQA_HEALTH_PORT") or SETTINGS_DOC["GOVQA_HEALTH_PORT"][0]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
