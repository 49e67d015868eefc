"""End to end, the rest of what admins and residents do: manage reports, links, stats, inline, limits."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot import handlers
from index import Tokenizer

from .conftest import DATA
from .fake_telegram import BOT
from .helpers import make_docx
from .test_bot import ADMIN, RESIDENT, Harness, ask, buttons, running_bot

SHOWN = {"message_id": 700, "date": 0, "chat": {"id": ADMIN, "type": "private"}, "from": BOT, "text": "x"}


@pytest_asyncio.fixture
async def two(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> AsyncIterator[Harness]:
    """The bot over two reports: 高观镇 2020 (the bundled one) and 明中乡 2021."""
    shutil.copy(DATA / "mingzhong_2021.txt", corpus / "明中乡2021.txt")
    async with running_bot(tmp_path, tokenizer, GOVQA_RATE_LIMIT="3") as harness:
        yield harness


async def command(h: Harness, text: str, user: int = ADMIN) -> dict:
    return await ask(h, text, user=user)


async def test_docs_remove_with_confirmation_and_restore(two: Harness) -> None:
    listing = await command(two, "/docs")
    assert "1. 城口县高观镇" in listing["text"] and "2. 城口县明中乡" in listing["text"]

    confirm = await command(two, "/remove 2")
    assert "明中乡" in confirm["text"] and set(buttons(confirm)) == {"删除", "取消"}
    before = len(two.fake.sent("editMessageText"))
    two.fake.press(buttons(confirm)["删除"], SHOWN, user=ADMIN)
    removed = (await two.fake.wait_for("editMessageText", before + 1))[-1]
    assert "已删除 明中乡2021.txt" in removed["text"] and "1 份报告" in removed["text"]
    assert not (two.corpus / "明中乡2021.txt").exists()
    assert "<b>3次</b>" not in (await ask(two, "明中乡开展了几次消防演练？", user=RESIDENT))["text"]

    listing = await command(two, "/restore")
    assert "1. 明中乡2021.txt" in listing["text"]
    restored = await command(two, "/restore 1")
    assert "已恢复 明中乡2021.txt" in restored["text"] and "2 份报告" in restored["text"]
    assert "<b>3次</b>" in (await ask(two, "明中乡开展了几次消防演练？", user=RESIDENT))["text"]
    actions = [action for _admin, action, _detail in two.qlog.audit_entries()]
    assert actions == ["remove", "restore"]


async def test_remove_can_be_cancelled(two: Harness) -> None:
    confirm = await command(two, "/remove 1")
    two.fake.press(buttons(confirm)["取消"], SHOWN, user=ADMIN)
    cancelled = (await two.fake.wait_for("editMessageText"))[-1]
    assert "已取消" in cancelled["text"]
    assert len(list(two.corpus.glob("*.txt"))) == 2


async def test_resident_cannot_confirm_an_admin_action(two: Harness) -> None:
    confirm = await command(two, "/remove 2")
    two.fake.press(buttons(confirm)["删除"], SHOWN, user=RESIDENT)
    refusal = (await two.fake.wait_for("answerCallbackQuery"))[-1]
    assert "只有管理员" in refusal["text"]
    assert (two.corpus / "明中乡2021.txt").exists()


async def test_same_title_upload_replaces_only_after_confirmation(two: Harness, tmp_path: Path) -> None:
    path = make_docx(tmp_path / "new.docx", ["城口县明中乡人民政府2021年度法治政府建设工作情况报告", "一、安全生产", "全年开展消防安全应急救援演练九次。"])
    before = len(two.fake.sent())
    two.fake.document("明中乡新版.docx", path.read_bytes(), user=ADMIN)
    question = (await two.fake.wait_for("sendMessage", before + 1))[-1]
    assert "明中乡2021.txt" in question["text"] and set(buttons(question)) == {"替换", "取消"}
    assert "<b>3次</b>" in (await ask(two, "明中乡开展了几次消防演练？", user=RESIDENT))["text"], "nothing changes before the answer"
    before = len(two.fake.sent())
    two.fake.press(buttons(question)["替换"], SHOWN, user=ADMIN)
    added = (await two.fake.wait_for("sendMessage", before + 1))[-1]
    assert "已添加" in added["text"] and "2 份报告" in added["text"], "replaced, not duplicated"
    assert "<b>9次</b>" in (await ask(two, "明中乡开展了几次消防演练？", user=RESIDENT))["text"]
    assert not (two.corpus / "明中乡2021.txt").exists() and (two.corpus / "明中乡新版.docx").exists()


async def test_source_link_is_carried_by_the_citation(two: Harness) -> None:
    done = await command(two, "/source 1 https://www.cqck.gov.cn/report-2020.html")
    assert "已设为" in done["text"]
    reply = await ask(two, "高观镇开展了几次消防演练？", user=RESIDENT)
    assert '<a href="https://www.cqck.gov.cn/report-2020.html">城口县高观镇' in reply["text"]
    bad = await command(two, "/source 1 javascript:alert(1)")
    assert "无法设置" in bad["text"]


async def test_stats_counts_this_weeks_questions(two: Harness) -> None:
    await ask(two, "消防演练开展了几次？", user=RESIDENT)
    await ask(two, "镇长叫什么名字？", user=RESIDENT)
    await ask(two, "镇长叫什么名字？", user=RESIDENT + 1)
    stats = await command(two, "/stats")
    assert "答上 1 个问题，未答上 2 个" in stats["text"]
    assert "镇长叫什么名字？（2 次）" in stats["text"]
    refused = await command(two, "/stats", user=RESIDENT)
    assert "只有管理员" in refused["text"]


async def test_inline_mode_returns_passages(two: Harness) -> None:
    two.fake.inject({"inline_query": {"id": "iq1", "from": {"id": RESIDENT, "is_bot": False, "first_name": "x"}, "query": "高观镇消防演练开展了几次", "offset": ""}})
    call = (await two.fake.wait_for("answerInlineQuery"))[-1]
    results = call["results"]
    assert results and results[0]["title"].startswith("5次")
    assert "应急救援演练5次" in results[0]["input_message_content"]["message_text"]


async def test_per_user_rate_limit_is_polite(two: Harness) -> None:
    for _ in range(3):
        await ask(two, "高观镇消防演练开展了几次？", user=RESIDENT)
    slow = await ask(two, "高观镇消防演练开展了几次？", user=RESIDENT)
    assert "太频繁" in slow["text"]
    other = await ask(two, "高观镇消防演练开展了几次？", user=RESIDENT + 5)
    assert "<b>5次</b>" in other["text"], "the limit is per user"


async def test_typing_is_sent_only_when_an_answer_is_slow(two: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    await ask(two, "消防演练开展了几次？", user=RESIDENT)
    assert two.fake.sent("sendChatAction") == [], "a fast answer costs one request"
    monkeypatch.setattr(handlers, "TYPING_AFTER", 0.0)
    await ask(two, "消防演练开展了几次？", user=RESIDENT + 1)
    assert [c["action"] for c in two.fake.sent("sendChatAction")] == ["typing"]


async def test_start_lists_reports_and_offers_examples_that_answer(two: Harness) -> None:
    greeting = await ask(two, "/start", user=RESIDENT)
    assert "城口县高观镇人民政府2020年度" in greeting["text"] and "城口县明中乡人民政府2021年度" in greeting["text"]
    assert "加密散列" in greeting["text"], "/start says what is logged"
    examples = buttons(greeting)
    assert len(examples) == 3 and all(q.endswith("？") for q in examples)
    before = len(two.fake.sent())
    two.fake.press(next(iter(examples.values())), SHOWN, user=RESIDENT)
    answer = (await two.fake.wait_for("sendMessage", before + 1))[-1]
    assert "<b>" in answer["text"] and "没有找到" not in answer["text"]


async def test_help_and_privacy(two: Harness) -> None:
    resident_help = await ask(two, "/help", user=RESIDENT)
    assert "/ask" in resident_help["text"] and "/reindex" not in resident_help["text"]
    assert "/reindex" in (await command(two, "/help"))["text"]
    assert "HMAC" in (await ask(two, "/privacy", user=RESIDENT))["text"]


async def test_file_over_telegrams_download_limit_gets_a_clear_message(two: Harness) -> None:
    before = len(two.fake.sent())
    two.fake.document("大报告.pdf", b"%PDF", user=ADMIN, file_size=25 * 1024 * 1024)
    reply = (await two.fake.wait_for("sendMessage", before + 1))[-1]
    assert "20 MB" in reply["text"]
    assert two.fake.sent("getFile") == [], "nothing is downloaded"


async def test_failed_reindex_keeps_the_old_index_and_says_why(two: Harness) -> None:
    for path in two.corpus.glob("*.txt"):
        path.write_bytes(b"\x00binary")
    before = len(two.fake.sent())
    two.fake.message("/reindex", user=ADMIN)
    replies = await two.fake.wait_for("sendMessage", before + 2)
    assert "重建失败" in replies[-1]["text"] and "binary" in replies[-1]["text"]
    assert "<b>5次</b>" in (await ask(two, "高观镇开展了几次消防演练？", user=RESIDENT))["text"]


async def test_a_telegram_error_gets_a_polite_message_not_a_traceback(two: Harness) -> None:
    two.fake.failures["sendMessage"] = [{"error_code": 400, "description": "Bad Request: can't parse entities"}]
    two.fake.message("高观镇开展了几次消防演练？", user=RESIDENT)
    _failed, apology = await two.fake.wait_for("sendMessage", 2)
    assert apology["text"] == handlers.SOMETHING_WRONG


async def test_question_text_is_logged_only_when_asked_for(corpus: Path, tmp_path: Path, tokenizer: Tokenizer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="bot.handlers")
    async with running_bot(tmp_path, tokenizer, GOVQA_LOG_QUESTIONS="1") as h:
        await ask(h, "消防演练开展了几次？", user=RESIDENT)
    lines = [r for r in caplog.records if getattr(r, "event", None) == "question"]
    assert len(lines) == 1 and "消防演练开展了几次？" in lines[0].getMessage()
