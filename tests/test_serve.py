"""`govqa serve` for real: webhook mode's secret token, and the whole process against the fake API."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

import aiohttp

from bot.qlog import QuestionLog
from index import Tokenizer

from .conftest import ROOT
from .fake_telegram import FakeTelegram
from .test_bot import RESIDENT, TOKEN, running_bot


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def update(text: str, update_id: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": int(time.time()), "text": text,
            "chat": {"id": RESIDENT, "type": "private"}, "from": {"id": RESIDENT, "is_bot": False, "first_name": "居民"},
        },
    }


async def post_until_listening(url: str, body: dict[str, object], headers: dict[str, str]) -> int:
    # tornado listens only after setWebhook returns: retry a refused connection briefly.
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.post(url, data=json.dumps(body), headers={"Content-Type": "application/json", **headers}) as response:
                    return response.status
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
    raise AssertionError("the webhook never listened")


async def test_webhook_checks_the_secret_token(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    port = free_port()
    secret = {"GOVQA_WEBHOOK_URL": "https://bot.example.org/hook", "GOVQA_WEBHOOK_SECRET": "s3cret-token"}
    async with running_bot(tmp_path, tokenizer, webhook_port=port, **secret) as h:
        hook = f"http://127.0.0.1:{port}/hook"
        assert h.fake.sent("setWebhook")[0]["secret_token"] == "s3cret-token"
        assert await post_until_listening(hook, update("消防演练开展了几次？", 1), {"X-Telegram-Bot-Api-Secret-Token": "wrong"}) == 403
        assert await post_until_listening(hook, update("消防演练开展了几次？", 2), {}) == 403
        assert await post_until_listening(hook, update("消防演练开展了几次？", 3), {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}) == 200
        replies = await h.fake.wait_for("sendMessage")
        assert len(replies) == 1 and "<b>5次</b>" in replies[0]["text"]


async def test_serve_process_answers_reports_health_and_stops_on_sigterm(tmp_path: Path) -> None:
    fake = FakeTelegram(TOKEN)
    url = await fake.start()
    health = free_port()
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVQA_", "TELEGRAM_"))}
    env.update({
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": f"{url}/bot", "TELEGRAM_API_FILE_URL": f"{url}/file/bot",
        "GOVQA_HEALTH_PORT": str(health), "GOVQA_DATA": str(tmp_path / "data"), "LOG_LEVEL": "DEBUG", "NO_PROXY": "127.0.0.1",
        "GOVQA_LOG_FORMAT": "json",
    })
    govqa = str(Path(sys.executable).with_name("govqa"))
    process = await asyncio.create_subprocess_exec(govqa, "serve", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE)
    try:
        fake.message("消防演练开展了几次？", user=RESIDENT)
        replies = await fake.wait_for("sendMessage", timeout=60)
        assert "<b>5次</b>" in replies[0]["text"]
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{health}/healthz") as response:
            assert response.status == 200
            status = await response.json()
        assert status["status"] == "ok" and status["mode"] == "polling" and status["reports"] == 1
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(process.communicate(), timeout=30)
        await fake.stop()
    assert process.returncode == 0, err.decode()[-2000:]
    log = err.decode()
    assert TOKEN not in log and TOKEN.split(":")[1] not in log, "the token never appears in the log, even at DEBUG"
    entries = [json.loads(line) for line in log.splitlines() if line.strip()]  # every line is one JSON object
    questions = [e for e in entries if e.get("event") == "question"]
    assert len(questions) == 1 and questions[0]["answered"] is True and questions[0]["ms"] >= 0
    ours = [e for e in entries if e["logger"].startswith(("bot", "index"))]
    assert ours and not any("消防演练" in json.dumps(e, ensure_ascii=False) for e in ours), "no question text unless GOVQA_LOG_QUESTIONS=1"


async def test_serve_without_token_fails_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVQA_", "TELEGRAM_"))}
    govqa = str(Path(sys.executable).with_name("govqa"))
    process = await asyncio.create_subprocess_exec(govqa, "serve", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE)
    _out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 1
    assert err.decode().strip() == "Error: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)"


def test_env_example_documents_every_setting() -> None:
    from bot.settings import SETTINGS_DOC

    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name, (default, _meaning) in SETTINGS_DOC.items():
        assert f"\n{name}={default}\n" in text, name
    assert "TELEGRAM_BOT_TOKEN=\n" in text, "no token is committed"


def test_unanswered_lists_what_residents_asked(tmp_path: Path, monkeypatch, capsys) -> None:
    from bot.cli import main

    qlog = QuestionLog(tmp_path / "data")
    qlog.record(1, "镇长叫什么名字？", answered=False)
    qlog.record(2, "镇长叫什么名字？", answered=False)
    qlog.record(3, "消防演练开展了几次？", answered=True)
    qlog.close()
    monkeypatch.setenv("GOVQA_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["unanswered"]) == 0
    out = capsys.readouterr().out
    assert "2×" in out and "镇长叫什么名字？" in out and "消防演练" not in out
