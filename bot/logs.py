"""Logging set-up for the entry points: level from LOG_LEVEL, text or JSON lines, the bot token redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
import time

__all__ = ["RedactTokenFilter", "configure"]

# A Telegram bot token: digits, a colon, 35 URL-safe characters. PTB logs request URLs
# (which hold the token) at DEBUG, and httpx at INFO: redact it whatever the level.
_TOKEN_RE = re.compile(r"\d{6,12}:[A-Za-z0-9_-]{30,}")


class RedactTokenFilter(logging.Filter):
    """Replace anything shaped like a bot token (and the configured one) with «[token]»."""

    def __init__(self, secret: str | None = None) -> None:
        super().__init__()
        self.secret = secret

    def redact(self, text: str) -> str:
        """``text`` with every token removed."""
        if self.secret:
            text = text.replace(self.secret, "[token]")
        return _TOKEN_RE.sub("[token]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line, for journald or Loki."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("event", "ms", "answered", "chat", "question"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info or record.exc_text:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO", fmt: str = "text", secret: str | None = None) -> None:
    """Configure the root logger once, at an entry point. Unknown levels fall back to INFO."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactTokenFilter(secret))
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    resolved = logging.getLevelName(level.upper())
    root.setLevel(resolved if isinstance(resolved, int) else logging.INFO)
    # httpx logs every request URL at INFO, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
