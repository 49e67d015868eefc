"""Rendering: HTML-escaped, highlighted, within Telegram's 4,096 characters; the token kept out of logs."""

from __future__ import annotations

import logging

from bot.logs import RedactTokenFilter
from bot.render import highlight, render_html, render_text, split_message
from index import Answer, Hit
from index.engine import NO_FIGURE_IN_PASSAGE


def hit(text: str, section: str = "一、<工作>") -> Hit:
    return Hit(passage_id=0, doc="r.txt", title="某镇<2020>报告", section=section, text=text, score=1.0)


def test_html_is_escaped_and_words_highlighted() -> None:
    answer = Answer("演练几次", True, "5次", [hit("开展<script>演练5次 & 更多")], highlights=["演练"])
    (message,) = render_html(answer)
    assert "<script>" not in message and "&lt;script&gt;" in message and "&amp;" in message
    assert "<u>演练</u>" in message and "<b>5次</b>" in message
    assert "某镇&lt;2020&gt;报告 › 一、&lt;工作&gt;" in message


def test_highlight_ignores_single_characters() -> None:
    assert highlight("镇里的事", ["镇"]) == "镇里的事"


def test_long_answers_split_on_passage_boundaries() -> None:
    passages = [hit(f"第{i}段" + "字" * 240) for i in range(40)]
    messages = render_html(Answer("q", True, None, passages, highlights=[]))
    assert len(messages) > 1 and all(len(m) <= 4096 for m in messages)
    assert all(m.count("「") == m.count("」") for m in messages), "no passage is cut in two"
    assert "".join(messages).count("「") == 40


def test_a_single_block_over_the_limit_is_cut_without_breaking_tags() -> None:
    block = "<b>" + "很" * 3000 + "</b>" + "&amp;" * 1000
    parts = split_message([block])
    assert all(len(p) <= 4096 for p in parts)
    assert all(p.count("<b>") == p.count("</b>") for p in parts)
    assert not any(p.endswith("&am") for p in parts)


def test_a_passage_without_the_figure_asked_for_comes_after_saying_so() -> None:
    answer = Answer(
        "白酒出口了多少？", True, None, [hit("稳定和扩大白酒等特色产品出口。")], [NO_FIGURE_IN_PASSAGE], highlights=["白酒"]
    )
    text = render_text(answer)
    assert text.index("提示：报告里没有直接写出这个数字") < text.index("稳定和扩大白酒") and "答：" not in text
    (message,) = render_html(answer)
    assert message.index("提示：报告里没有直接写出这个数字") < message.index("稳定和扩大")


def test_refusal_is_plain() -> None:
    answer = Answer("镇长叫什么名字", False, None, [], suggestions=[hit("x", "二、治理")])
    assert "没有找到" in render_text(answer) and "二、治理" in render_text(answer)


def test_refusal_says_why_when_the_engine_knows() -> None:
    reason = "现有报告里没有2022年的报告（现有：2020年）。"
    answer = Answer("2022年的计划", False, None, [], suggestions=[hit("x", "六、计划")], reason=reason)
    for shown in (render_text(answer), "".join(render_html(answer))):
        assert reason in shown and "六、计划" in shown
        assert "没有找到这个问题的答案" not in shown  # the reason says it, once


def test_token_is_redacted_from_log_records() -> None:
    token = "123456789:" + "AbCdEfGhIj" * 3 + "KlMnO"  # built here so no token-shaped literal is committed
    record = logging.LogRecord("httpx", logging.INFO, "", 0, "POST https://api.telegram.org/bot%s/getMe", (token,), None)
    RedactTokenFilter(token).filter(record)
    assert token not in record.getMessage() and "[token]" in record.getMessage()


def test_question_log_keeps_no_raw_chat_id_and_forgets_after_retention(tmp_path) -> None:
    import sqlite3
    import time

    from bot.qlog import QuestionLog

    qlog = QuestionLog(tmp_path, retention_days=1)
    qlog.record(123456789, "镇长叫什么名字？", answered=False)
    qlog._write("INSERT INTO unanswered VALUES (?, ?, ?)", (time.time() - 3 * 86400, "x", "很久以前的问题"))
    qlog.prune()
    assert [q for q, _n, _t in qlog.unanswered()] == ["镇长叫什么名字？"]
    qlog.close()
    dump = "\n".join(sqlite3.connect(tmp_path / "questions.sqlite3").iterdump())
    assert "123456789" not in dump
    assert QuestionLog(tmp_path).chat_hash(123456789) != QuestionLog(tmp_path / "other").chat_hash(123456789), "keyed per deployment"
