"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real PTB client.

It serves `POST /bot<token>/<method>` and `GET /file/bot<token>/<path>` the way Telegram does
(see shared notes/telegram-testing.md): updates are injected by the test and handed out by
getUpdates honouring `offset`; everything the bot sends is recorded for assertions.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

BOT = {"id": 999000, "is_bot": True, "first_name": "govqa", "username": "govqa_bot"}
_JSON_FIELDS = {
    "chat_id", "message_id", "offset", "limit", "timeout", "reply_markup", "allowed_updates", "entities",
    "results", "commands", "disable_web_page_preview", "link_preview_options", "cache_time", "show_alert",
    "reply_parameters", "max_connections", "drop_pending_updates", "reply_to_message_id",
}


@dataclass
class Call:
    """One request the bot made, and when it arrived (time.monotonic)."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeTelegram:
    """The fake server: inject updates, read what the bot sent."""

    token: str
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    failures: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # method → error replies to give first
    url: str = ""
    on_call: Any = None  # optional callable(Call), run as each call arrives (load benchmarks use it)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(100)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._closing = False

    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        self._closing = True
        self._changed.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what tests call ----------------------------------------------------------------------

    def inject(self, update: dict[str, Any]) -> None:
        update["update_id"] = next(self._ids)
        self.updates.append(update)
        self._changed.set()

    def message(self, text: str, *, user: int = 1, chat: int | None = None, chat_type: str = "private", reply_to: dict[str, Any] | None = None) -> dict[str, Any]:
        """Inject a text message (a leading /command gets its bot_command entity, as Telegram adds)."""
        chat_id = chat if chat is not None else user
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, **({"title": "村民群"} if chat_type != "private" else {})},
            "from": {"id": user, "is_bot": False, "first_name": "居民"},
            "text": text,
        }
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if "@" + BOT["username"] in text:
            start = text.index("@" + BOT["username"])
            msg.setdefault("entities", []).append({"type": "mention", "offset": start, "length": len(BOT["username"]) + 1})
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        self.inject({"message": msg})
        return msg

    def document(self, name: str, content: bytes, *, user: int = 1, file_size: int | None = None) -> None:
        file_id = f"file{len(self.files)}"
        self.files[file_id] = content
        self.inject({
            "message": {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": user, "type": "private"},
                "from": {"id": user, "is_bot": False, "first_name": "管理员"},
                "document": {"file_id": file_id, "file_unique_id": file_id, "file_name": name, "file_size": file_size or len(content)},
            }
        })

    def press(self, data: str, message: dict[str, Any], *, user: int = 1) -> None:
        self.inject({
            "callback_query": {
                "id": str(next(self._ids)),
                "from": {"id": user, "is_bot": False, "first_name": "居民"},
                "chat_instance": "ci",
                "data": data,
                "message": message,
            }
        })

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [c.params for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[dict[str, Any]]:
        """Wait until the bot has called ``method`` at least ``count`` times in all; return those calls."""
        deadline = time.monotonic() + timeout
        while len(self.sent(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot made {len(self.sent(method))} {method} call(s), expected {count}: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)
        return self.sent(method)

    # --- the API ------------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, str) and key in _JSON_FIELDS:
                try:
                    params[key] = json.loads(value)
                    continue
                except ValueError:
                    pass
            params[key] = value if isinstance(value, str) else value.file.read()
        return params

    def _bot_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id", 0)
        return {
            "message_id": params.get("message_id") or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if isinstance(chat_id, int) and chat_id > 0 else "group"},
            "from": BOT,
            "text": params.get("text", ""),
            **({"reply_markup": params["reply_markup"]} if params.get("reply_markup") else {}),
        }

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        if method != "getUpdates":
            call = Call(method, params)
            self.calls.append(call)
            if self.on_call is not None:
                self.on_call(call)
        queued = self.failures.get(method)
        if queued:
            error = queued.pop(0)
            return web.json_response({"ok": False, **error}, status=error.get("error_code", 400))
        if method == "getUpdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        if method == "sendMessage" and len(params.get("text", "")) > 4096:
            return web.json_response({"ok": False, "error_code": 400, "description": "Bad Request: message is too long"}, status=400)
        result: Any = True
        if method == "getMe":
            result = BOT
        elif method in ("sendMessage", "editMessageText", "sendDocument"):
            result = self._bot_message(params)
        elif method == "getFile":
            file_id = params["file_id"]
            result = {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]), "file_path": f"documents/{file_id}"}
        elif method == "getWebhookInfo":
            result = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 0.5)
        while True:
            ready = [u for u in self.updates if u["update_id"] >= offset]
            if ready or self._closing or time.monotonic() >= deadline:
                return ready
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=max(0.01, deadline - time.monotonic()))
            except TimeoutError:
                pass

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])


async def _standalone(args: Any) -> int:
    """Serve, ask one question as a resident, write ok/fail to --done-file once the bot replied,
    and keep serving until SIGTERM so the bot never loses its server mid-poll."""
    import signal

    fake = FakeTelegram(args.token)
    url = await fake.start()
    await asyncio.to_thread(Path(args.url_file).write_text, url, encoding="utf-8")
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    fake.message(args.question, user=7)
    try:
        replies = await fake.wait_for("sendMessage", timeout=args.timeout)
        text = replies[0].get("text", "")
        verdict = "ok" if args.expect in text else "fail"
        print(f"fake Bot API: the bot replied: {text[:80]!r}", flush=True)
    except AssertionError as exc:
        verdict = "fail"
        print(f"fake Bot API: {exc}", flush=True)
    await asyncio.to_thread(Path(args.done_file).write_text, verdict, encoding="utf-8")
    try:
        await asyncio.wait_for(stop.wait(), timeout=args.timeout)
    except TimeoutError:
        pass
    await fake.stop()
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Run the fake Bot API for one question (deploy/smoke.sh).")
    parser.add_argument("--token", required=True)
    parser.add_argument("--url-file", required=True)
    parser.add_argument("--done-file", required=True)
    parser.add_argument("--question", required=True)
    parser.add_argument("--expect", required=True)
    parser.add_argument("--timeout", type=float, default=90)
    raise SystemExit(asyncio.run(_standalone(parser.parse_args())))
