"""Wiring the bot: build the PTB Application, the health endpoint, and `govqa serve`.

This module only builds and wires; the handlers live in ``bot.handlers``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from index import GovqaError

from . import handlers as h
from .logs import configure
from .qlog import QuestionLog
from .service import QAService
from .settings import Settings, SettingsError

__all__ = ["HealthServer", "build_application", "serve"]

log = logging.getLogger(__name__)


class HealthServer:
    """A tiny local HTTP endpoint: GET /healthz → 200 with the index it serves, for Docker and monitoring."""

    def __init__(self, service: QAService, mode: str, host: str, port: int) -> None:
        self.service, self.mode, self.host, self.port = service, mode, host, port
        self._server: asyncio.base_events.Server | None = None

    def status(self) -> dict[str, object]:
        """What /healthz reports."""
        engine = self.service.engine
        return {
            "status": "ok",
            "mode": self.mode,
            "index": engine.stored.path.name,
            "reports": len(engine.reports),
            "passages": len(engine.passages),
        }

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readline(), timeout=5)
            while (await asyncio.wait_for(reader.readline(), timeout=5)).strip():
                pass
            parts = request.decode("latin-1").split()
            if len(parts) >= 2 and parts[0] in ("GET", "HEAD") and parts[1].split("?")[0] == "/healthz":
                code, body = "200 OK", json.dumps(self.status(), ensure_ascii=False).encode()
            else:
                code, body = "404 Not Found", b'{"status":"not found"}'
            writer.write(
                f"HTTP/1.1 {code}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + (body if parts and parts[0] != "HEAD" else b"")
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, GovqaError):
            pass
        finally:
            writer.close()

    async def start(self) -> None:
        """Start listening (port 0 in settings means off)."""
        if self.port:
            self._server = await asyncio.start_server(self._handle, self.host, self.port)
            log.info("health endpoint on http://%s:%s/healthz", self.host, self.port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


COMMANDS = [
    BotCommand("start", "开始 / 收录了哪些报告"),
    BotCommand("help", "使用帮助"),
    BotCommand("ask", "提问（群组中使用）"),
    BotCommand("privacy", "我们记录什么"),
]


def build_application(settings: Settings, service: QAService, qlog: QuestionLog) -> Application:  # type: ignore[type-arg]
    """The PTB Application with every handler, the rate limiter and the shared state."""
    builder = ApplicationBuilder().token(settings.token).concurrent_updates(True)
    if settings.flood_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]  # PTB's generics
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    if settings.proxy:
        builder = builder.proxy(settings.proxy).get_updates_proxy(settings.proxy)
    health = HealthServer(service, settings.mode, settings.listen, settings.health_port)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        await health.start()
        try:
            await app.bot.set_my_commands(COMMANDS)
        except TelegramError as exc:  # commands are a convenience; never block start-up on them
            log.warning("could not set the command list: %s", exc)

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        await health.stop()
        qlog.close()

    app = builder.post_init(post_init).post_shutdown(post_shutdown).build()
    app.bot_data["govqa"] = h.BotState(settings=settings, service=service, qlog=qlog)
    app.bot_data["health"] = health
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    app.add_handler(CommandHandler("start", h.start, block=False))
    app.add_handler(CommandHandler("help", h.help_command, block=False))
    app.add_handler(CommandHandler("privacy", h.privacy, block=False))
    app.add_handler(CommandHandler("ask", h.ask_command, block=False))
    app.add_handler(CommandHandler("reindex", h.reindex, block=False))
    app.add_handler(CommandHandler("docs", h.docs, block=False))
    app.add_handler(CommandHandler("remove", h.remove, block=False))
    app.add_handler(CommandHandler("restore", h.restore, block=False))
    app.add_handler(CommandHandler("stats", h.stats, block=False))
    app.add_handler(CommandHandler("source", h.source, block=False))
    app.add_handler(MessageHandler(filters.Document.ALL, h.on_document, block=False))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private, h.private_text, block=False))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & groups, h.group_text, block=False))
    app.add_handler(
        MessageHandler((filters.VOICE | filters.AUDIO | filters.PHOTO | filters.Sticker.ALL | filters.VIDEO) & private, h.not_text, block=False)
    )
    app.add_handler(CallbackQueryHandler(h.on_callback, block=False))
    app.add_handler(InlineQueryHandler(h.inline_query, block=False))
    app.add_error_handler(h.on_error)
    return app


def serve(args: argparse.Namespace | None = None) -> int:
    """Run the bot until SIGTERM/SIGINT; exit 0 on a clean stop."""
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        raise GovqaError(str(exc)) from exc
    configure(settings.log_level, settings.log_format, settings.token)
    # PTB ≥ 22.2 warns on every flood-control retry unless opted in to its timedelta API.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    qlog = QuestionLog(settings.data, settings.retention_days)
    qlog.prune()
    service = QAService(settings.corpus, settings.index, settings.data)
    service.load(lambda message: log.info("%s", message))
    app = build_application(settings, service, qlog)
    log.info("serving %d report(s) by %s", len(service.engine.reports), settings.mode)
    if settings.webhook_url:
        path = urlparse(settings.webhook_url).path.lstrip("/") or "telegram"
        app.run_webhook(
            listen=settings.listen,
            port=settings.port,
            url_path=path,
            secret_token=settings.webhook_secret,
            webhook_url=settings.webhook_url,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
