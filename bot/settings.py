"""The bot's configuration, read once at start-up from the environment (and a .env file).

A missing or malformed setting stops start-up with one line naming it (SettingsError).
"""

from __future__ import annotations

import os
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

__all__ = ["SETTINGS_DOC", "Settings", "SettingsError", "read_env_file"]

_TOKEN_RE = re.compile(r"^\d{5,12}:[A-Za-z0-9_-]{30,}$")

# name → (default, meaning): the single source for .env.example, `govqa check` and the README table.
SETTINGS_DOC: dict[str, tuple[str, str]] = {
    "TELEGRAM_BOT_TOKEN": ("", "the bot's token from @BotFather (required for `serve`; never commit it)"),
    "GOVQA_ADMIN_IDS": ("", "comma-separated Telegram user ids allowed to add/remove reports and see /stats"),
    "GOVQA_CORPUS": ("corpus", "folder of reports (.txt/.md/.docx/.pdf)"),
    "GOVQA_INDEX": (".govqa/index", "folder of the search index (rebuilt from the corpus when missing)"),
    "GOVQA_DATA": (".govqa/data", "folder for the bot's own state: question log, audit log, removed reports"),
    "GOVQA_TZ": ("Asia/Shanghai", "time zone for 'this week' in /stats"),
    "GOVQA_PROXY": ("", "HTTP or SOCKS proxy URL for reaching Telegram, e.g. socks5://127.0.0.1:1080"),
    "TELEGRAM_API_BASE_URL": ("", "self-hosted Bot API server, e.g. http://127.0.0.1:8081/bot (the token is appended)"),
    "TELEGRAM_API_FILE_URL": ("", "file URL of a self-hosted Bot API server, e.g. http://127.0.0.1:8081/file/bot"),
    "GOVQA_WEBHOOK_URL": ("", "public HTTPS URL of the webhook; empty means long polling"),
    "GOVQA_WEBHOOK_SECRET": ("", "secret token Telegram sends with every webhook request (required with a webhook)"),
    "GOVQA_LISTEN": ("127.0.0.1", "address the webhook and health endpoints listen on"),
    "GOVQA_PORT": ("8443", "port of the webhook listener"),
    "GOVQA_HEALTH_PORT": ("8080", "port of the /healthz endpoint (0 turns it off)"),
    "GOVQA_RATE_LIMIT": ("10", "questions one user may ask per minute"),
    "GOVQA_FLOOD_LIMITER": ("on", "on: pace replies to Telegram's limits and retry 429s; off only for load tests"),
    "GOVQA_RETENTION_DAYS": ("90", "days unanswered and 👎 questions are kept"),
    "GOVQA_MAX_UPLOAD_MB": ("20", "largest report an admin may upload (Telegram bots can download 20 MB at most)"),
    "GOVQA_LOG_QUESTIONS": ("0", "1 logs each question's text at INFO (off by default)"),
    "LOG_LEVEL": ("INFO", "DEBUG, INFO, WARNING or ERROR"),
    "GOVQA_LOG_FORMAT": ("text", "text or json (one JSON object per line for journald/Loki)"),
}


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (comments and blank lines ignored, quotes stripped)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        if not sep:
            raise SettingsError(f"{path}:{number}: expected KEY=VALUE")
        values[key.strip()] = value.strip().strip("'\"")
    return values


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with."""

    token: str = field(repr=False)
    admin_ids: frozenset[int]
    corpus: Path
    index: Path
    data: Path
    tz: str
    proxy: str | None
    base_url: str | None
    base_file_url: str | None
    webhook_url: str | None
    webhook_secret: str | None = field(repr=False)
    listen: str
    port: int
    health_port: int
    rate_limit: int
    flood_limiter: bool
    retention_days: int
    max_upload_mb: int
    log_questions: bool
    log_level: str
    log_format: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, require_token: bool = True) -> Settings:
        """Read and check every setting; the environment wins over a .env file in the working directory."""
        merged = {**read_env_file(Path(".env")), **(dict(os.environ) if env is None else dict(env))}

        def get(name: str) -> str:
            return merged.get(name, "").strip() or SETTINGS_DOC[name][0]

        def integer(name: str, low: int, high: int) -> int:
            raw = get(name)
            try:
                value = int(raw)
            except ValueError:
                raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
            if not low <= value <= high:
                raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
            return value

        def url(name: str, schemes: tuple[str, ...]) -> str | None:
            raw = get(name)
            if not raw:
                return None
            parsed = urlparse(raw)
            if parsed.scheme not in schemes or not parsed.netloc:
                raise SettingsError(f"{name} must be a {'/'.join(schemes)} URL, got {raw!r}")
            return raw

        token = get("TELEGRAM_BOT_TOKEN")
        if require_token and not token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
        if token and not _TOKEN_RE.match(token):
            raise SettingsError("TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters)")
        admins: set[int] = set()
        for part in filter(None, (p.strip() for p in get("GOVQA_ADMIN_IDS").split(","))):
            if not part.lstrip("-").isdigit():
                raise SettingsError(f"GOVQA_ADMIN_IDS must be comma-separated numeric user ids, got {part!r}")
            admins.add(int(part))
        tz = get("GOVQA_TZ")
        try:
            zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"GOVQA_TZ is not a known time zone: {tz!r}") from None
        webhook_url = url("GOVQA_WEBHOOK_URL", ("https", "http"))
        secret = get("GOVQA_WEBHOOK_SECRET") or None
        if webhook_url and not secret:
            raise SettingsError("GOVQA_WEBHOOK_SECRET is required when GOVQA_WEBHOOK_URL is set")
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise SettingsError("GOVQA_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1-256 characters)")
        log_format = get("GOVQA_LOG_FORMAT")
        if log_format not in ("text", "json"):
            raise SettingsError(f"GOVQA_LOG_FORMAT must be text or json, got {log_format!r}")
        flood = get("GOVQA_FLOOD_LIMITER").lower()
        if flood not in ("on", "off"):
            raise SettingsError(f"GOVQA_FLOOD_LIMITER must be on or off, got {flood!r}")
        log_level = get("LOG_LEVEL").upper()
        if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise SettingsError(f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}")
        return cls(
            token=token,
            admin_ids=frozenset(admins),
            corpus=Path(get("GOVQA_CORPUS")),
            index=Path(get("GOVQA_INDEX")),
            data=Path(get("GOVQA_DATA")),
            tz=tz,
            proxy=url("GOVQA_PROXY", ("http", "https", "socks5", "socks5h", "socks4")),
            base_url=url("TELEGRAM_API_BASE_URL", ("http", "https")),
            base_file_url=url("TELEGRAM_API_FILE_URL", ("http", "https")),
            webhook_url=webhook_url,
            webhook_secret=secret,
            listen=get("GOVQA_LISTEN"),
            port=integer("GOVQA_PORT", 1, 65535),
            health_port=integer("GOVQA_HEALTH_PORT", 0, 65535),
            rate_limit=integer("GOVQA_RATE_LIMIT", 1, 1_000_000),
            flood_limiter=flood == "on",
            retention_days=integer("GOVQA_RETENTION_DAYS", 1, 36_500),
            max_upload_mb=integer("GOVQA_MAX_UPLOAD_MB", 1, 20),
            log_questions=get("GOVQA_LOG_QUESTIONS") in ("1", "true", "yes"),
            log_level=log_level,
            log_format=log_format,
        )

    @property
    def mode(self) -> str:
        """'webhook' when a webhook URL is set, else 'polling'."""
        return "webhook" if self.webhook_url else "polling"
