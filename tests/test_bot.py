"""End to end: the real python-telegram-bot Application against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest_asyncio

from bot.app import build_application
from bot.qlog import QuestionLog
from bot.service import QAService
from bot.settings import Settings
from index import Tokenizer

from .fake_telegram import BOT, FakeTelegram
from .helpers import make_docx

TOKEN = "123456789:" + "A" * 35
ADMIN = 42
RESIDENT = 7


@dataclass
class Harness:
    fake: FakeTelegram
    service: QAService
    qlog: QuestionLog
    corpus: Path


def settings_for(url: str, tmp_path: Path, **extra: str) -> Settings:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "GOVQA_ADMIN_IDS": str(ADMIN),
        "GOVQA_CORPUS": str(tmp_path / "corpus"),
        "GOVQA_INDEX": str(tmp_path / "index"),
        "GOVQA_DATA": str(tmp_path / "data"),
        "TELEGRAM_API_BASE_URL": f"{url}/bot",
        "TELEGRAM_API_FILE_URL": f"{url}/file/bot",
        "GOVQA_HEALTH_PORT": "0",
        **extra,
    }
    return Settings.from_env(env)


@contextlib.asynccontextmanager
async def running_bot(tmp_path: Path, tokenizer: Tokenizer, webhook_port: int | None = None, **env: str) -> AsyncIterator[Harness]:
    """The real Application against a fresh fake API, polling (or on a webhook at ``webhook_port``)."""
    fake = FakeTelegram(TOKEN)
    url = await fake.start()
    settings = settings_for(url, tmp_path, **env)
    service = QAService(settings.corpus, settings.index, settings.data, tokenizer)
    service.load(lambda _m: None)
    qlog = QuestionLog(settings.data)
    app = build_application(settings, service, qlog)
    await app.initialize()
    assert app.updater is not None
    if webhook_port is None:
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
    else:
        await app.updater.start_webhook(
            listen="127.0.0.1", port=webhook_port, url_path="hook", secret_token=settings.webhook_secret, webhook_url=settings.webhook_url
        )
    await app.start()
    try:
        yield Harness(fake, service, qlog, settings.corpus)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        qlog.close()
        await fake.stop()


@pytest_asyncio.fixture
async def bot(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, tokenizer) as harness:
        yield harness


def buttons(sent: dict[str, Any]) -> dict[str, str]:
    rows = sent.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def ask(h: Harness, text: str, **kwargs: Any) -> dict[str, Any]:
    before = len(h.fake.sent())
    h.fake.message(text, **kwargs)
    return (await h.fake.wait_for("sendMessage", before + 1))[-1]


async def test_private_question_gets_figure_passage_and_citation(bot: Harness) -> None:
    reply = await ask(bot, "消防演练开展了几次？", user=RESIDENT)
    assert reply["parse_mode"] == "HTML"
    assert "<b>5次</b>" in reply["text"]
    assert "应急救援演练5次" in reply["text"]
    assert "城口县高观镇人民政府2020年度法治政府建设工作情况报告" in reply["text"]
    assert {"查看原文", "👍", "👎"} <= set(buttons(reply))


async def test_more_results_original_text_and_votes(bot: Harness) -> None:
    reply = await ask(bot, "法治宣传教育工作是怎么开展的", user=RESIDENT)
    keys = buttons(reply)
    assert "更多结果" in keys
    shown = {"message_id": 500, "date": 0, "chat": {"id": RESIDENT, "type": "private"}, "from": BOT, "text": "x"}
    bot.fake.press(keys["更多结果"], shown, user=RESIDENT)
    edited = (await bot.fake.wait_for("editMessageText"))[-1]
    assert edited["message_id"] == 500 and edited["text"].startswith("4.")  # the next page, numbered on
    before = len(bot.fake.sent())
    bot.fake.press(keys["查看原文"], shown, user=RESIDENT)
    original = (await bot.fake.wait_for("sendMessage", before + 1))[-1]
    assert "原文" in original["text"]
    bot.fake.press(keys["👎"], shown, user=RESIDENT)
    bot.fake.press(keys["👍"], shown, user=RESIDENT)
    await bot.fake.wait_for("answerCallbackQuery", 4)
    figures = bot.qlog.stats(0)
    assert (figures.thumbs_down, figures.thumbs_up) == (1, 1)
    assert bot.qlog.unanswered()[0][0] == "法治宣传教育工作是怎么开展的"  # 👎 questions are kept for admins


async def test_unanswerable_question_says_so(bot: Harness) -> None:
    reply = await ask(bot, "镇长叫什么名字？", user=RESIDENT)
    assert "没有找到" in reply["text"]
    assert bot.qlog.stats(0).unanswered == 1
    assert bot.qlog.unanswered()[0][0] == "镇长叫什么名字？"


async def test_refusal_says_why_and_offers_the_closest_sections(bot: Harness) -> None:
    reply = await ask(bot, "2019年开展了几次消防演练？", user=RESIDENT)
    assert "现有报告里没有2019年的报告（现有：2020年）" in reply["text"]
    assert "最接近的章节" in reply["text"]
    reply = await ask(bot, "网格员有多少人？", user=RESIDENT)
    assert "报告里没有找到这个数字" in reply["text"]
    assert bot.qlog.stats(0).unanswered == 2


async def test_group_rules(bot: Harness) -> None:
    group = -100
    bot.fake.message("大家好，今天开会吗", user=RESIDENT, chat=group, chat_type="supergroup")
    reply = await ask(bot, "/ask 消防演练开展了几次？", user=RESIDENT, chat=group, chat_type="supergroup")
    assert "<b>5次</b>" in reply["text"]
    assert len(bot.fake.sent()) == 1, "plain chatter got no reply"
    reply = await ask(bot, "@govqa_bot 发放了多少份安全生产宣传资料", user=RESIDENT, chat=group, chat_type="supergroup")
    assert "4000余份" in reply["text"]
    bot_msg = {"message_id": 1, "date": 0, "chat": {"id": group, "type": "supergroup"}, "from": BOT, "text": "…"}
    reply = await ask(bot, "悬挂了多少条横幅", user=RESIDENT, chat=group, chat_type="supergroup", reply_to=bot_msg)
    assert "20余条" in reply["text"]


async def test_admin_uploads_a_docx_and_it_answers_without_restart(bot: Harness, tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "明中乡.docx",
        ["城口县明中乡人民政府2021年度法治政府建设工作情况报告", "一、安全生产", "全年组织森林防火演习7次，发放宣传资料1200余份。"],
    )
    before = len(bot.fake.sent())
    bot.fake.document("明中乡.docx", path.read_bytes(), user=ADMIN)
    reply = (await bot.fake.wait_for("sendMessage", before + 1))[-1]
    assert "已添加" in reply["text"] and "2021年" in reply["text"]
    answer = await ask(bot, "森林防火演习组织了几次？", user=RESIDENT)
    assert "<b>7次</b>" in answer["text"] and "明中乡" in answer["text"]
    assert (bot.corpus / "明中乡.docx").is_file()
    assert ("upload" in [a for _id, a, _d in bot.qlog.audit_entries()])


async def test_non_admin_upload_and_reindex_are_refused(bot: Harness) -> None:
    before = len(bot.fake.sent())
    bot.fake.document("x.txt", "某镇报告\n开展演练9次。".encode(), user=RESIDENT)
    bot.fake.message("/reindex", user=RESIDENT)
    replies = await bot.fake.wait_for("sendMessage", before + 2)
    assert all("只有管理员" in r["text"] for r in replies[before:])
    assert not (bot.corpus / "x.txt").exists()


async def test_corrupt_upload_is_refused_and_the_old_index_answers(bot: Harness) -> None:
    before = len(bot.fake.sent())
    bot.fake.document("坏文件.docx", b"PK\x03\x04 not really a zip", user=ADMIN)
    reply = (await bot.fake.wait_for("sendMessage", before + 1))[-1]
    assert "无法添加" in reply["text"] and "damaged" in reply["text"]
    assert "<b>5次</b>" in (await ask(bot, "消防演练开展了几次？", user=RESIDENT))["text"]


async def test_flood_control_429_is_retried_and_the_reply_arrives(bot: Harness) -> None:
    bot.fake.failures["sendMessage"] = [{"error_code": 429, "description": "Too Many Requests", "parameters": {"retry_after": 1}}]
    bot.fake.message("消防演练开展了几次？", user=RESIDENT)
    refused, retried = await bot.fake.wait_for("sendMessage", 2)  # the refused one, then the retry
    assert "<b>5次</b>" in retried["text"] and retried["text"] == refused["text"]


async def test_long_original_text_arrives_split(bot: Harness) -> None:
    long_paragraph = "".join(f"第{i}项工作稳步推进，群众满意度持续提升，完成年度目标任务。" for i in range(1, 200))
    (bot.corpus / "长报告.txt").write_text("某乡2022年度工作报告\n一、重点工作\n" + long_paragraph + "\n", encoding="utf-8")
    bot.fake.message("/reindex", user=ADMIN)
    await bot.fake.wait_for("sendMessage", 2)
    reply = await ask(bot, "群众满意度怎么样", user=RESIDENT)
    shown = {"message_id": 501, "date": 0, "chat": {"id": RESIDENT, "type": "private"}, "from": BOT, "text": "x"}
    before = len(bot.fake.sent())
    bot.fake.press(buttons(reply)["查看原文"], shown, user=RESIDENT)
    await bot.fake.wait_for("sendMessage", before + 2)
    parts = bot.fake.sent()[before:]
    assert len(long_paragraph) > 4096 and len(parts) >= 2
    assert all(len(p["text"]) <= 4096 for p in parts)
    assert "第199项" in parts[-1]["text"]


async def test_voice_and_stickers_get_asked_for_text(bot: Harness) -> None:
    bot.fake.inject({"message": {"message_id": 9, "date": 0, "chat": {"id": RESIDENT, "type": "private"},
                                 "from": {"id": RESIDENT, "is_bot": False, "first_name": "x"},
                                 "voice": {"file_id": "v", "file_unique_id": "v", "duration": 2}}})
    reply = (await bot.fake.wait_for("sendMessage"))[-1]
    assert "文字" in reply["text"]
