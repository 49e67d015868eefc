"""Turning an Answer into what people read: plain text for the terminal, HTML for Telegram.

Pure functions: no I/O. Telegram's 4,096-character limit and HTML escaping live here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from index import Answer, Hit

__all__ = [
    "TELEGRAM_LIMIT",
    "citation",
    "citation_html",
    "highlight",
    "passage_html",
    "render_html",
    "render_text",
    "split_message",
]

TELEGRAM_LIMIT = 4096
NO_ANSWER = "报告里没有找到这个问题的答案。"
REPHRASE = "可以换个说法再问，例如写出具体的事项或数字单位（几次、多少份）。"


def citation(hit: Hit) -> str:
    """Report title › section path: where a passage can be checked."""
    return " › ".join(part for part in (hit.title, hit.section) if part)


def render_text(answer: Answer) -> str:
    """The readable answer for the terminal (`govqa ask`, `govqa chat`)."""
    lines = [f"提示：{notice}" for notice in answer.notices]
    if not answer.answered:
        if answer.reason:
            lines.append(answer.reason)
        elif answer.question.strip() and not answer.notices:
            lines.append(NO_ANSWER)
        if answer.suggestions:
            lines.append("最接近的章节：")
            lines.extend(f"  · {citation(hit)}" for hit in answer.suggestions)
        return "\n".join(line for line in lines if line)
    if answer.answer:
        lines.append(f"答：{answer.answer}")
    for number, hit in enumerate(answer.passages, start=1):
        lines.append(f"[{number}] 「{hit.text}」")
        lines.append(f"    —— {citation(hit)}")
    return "\n".join(lines)


def highlight(text: str, words: Sequence[str]) -> str:
    """HTML-escape ``text`` and underline the question's words (two characters or more) in it."""
    wanted = sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)
    if not wanted:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in wanted))
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<u>{html.escape(match.group(0))}</u>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def citation_html(hit: Hit, sources: Mapping[str, str] | None = None) -> str:
    """The citation in HTML; the report title links to its source page when an admin set one."""
    url = (sources or {}).get(hit.doc)
    title = html.escape(hit.title)
    if url:
        title = f'<a href="{html.escape(url, quote=True)}">{title}</a>'
    return " › ".join(part for part in (title, html.escape(hit.section)) if part)


def passage_html(hit: Hit, words: Sequence[str], number: int | None = None, sources: Mapping[str, str] | None = None) -> str:
    """One cited passage: the text with the question's words underlined, then where it is from."""
    label = f"{number}. " if number is not None else ""
    return f"{label}「{highlight(hit.text, words)}」\n<i>—— {citation_html(hit, sources)}</i>"


def render_html(answer: Answer, first_number: int = 1, sources: Mapping[str, str] | None = None) -> list[str]:
    """The answer as Telegram HTML messages, each within the 4,096-character limit.

    ``sources`` maps a report id to its source page, linked from the citation.
    """
    head: list[str] = [html.escape(f"提示：{n}") for n in answer.notices]
    if not answer.answered:
        if answer.reason:
            head.append(html.escape(answer.reason))
        elif answer.question.strip() and not (answer.notices and not answer.suggestions):
            head.append(html.escape(NO_ANSWER) + "\n" + html.escape(REPHRASE))
        if answer.suggestions:
            head.append("最接近的章节：\n" + "\n".join(f"· {html.escape(citation(h))}" for h in answer.suggestions))
        return split_message(["\n\n".join(head)])
    if answer.answer:
        head.append(f"答：<b>{html.escape(answer.answer)}</b>")
    numbered = len(answer.passages) > 1 or first_number > 1
    blocks = ["\n\n".join(head)] if head else []
    blocks += [
        passage_html(hit, answer.highlights, first_number + i if numbered else None, sources)
        for i, hit in enumerate(answer.passages)
    ]
    return split_message(blocks)


def split_message(blocks: Sequence[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Join blocks into messages of at most ``limit`` characters, breaking between blocks.

    A single block over the limit is cut at line ends, then hard, with its tags closed:
    the only tags used are <b>, <i> and <u>, never nested across a cut point.
    """
    messages: list[str] = []
    current = ""
    for block in blocks:
        if not block:
            continue
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = ""
        while len(block) > limit:
            cut = _safe_cut(block, limit)
            messages.append(block[:cut])
            block = block[cut:].lstrip("\n")
        current = block
    if current:
        messages.append(current)
    return messages


def _safe_cut(block: str, limit: int) -> int:
    """A cut point within ``limit`` that is outside any tag or entity and leaves no tag open."""
    cut = block.rfind("\n", 0, limit)
    if cut <= limit // 2:
        cut = limit
    while cut > 0:
        head = block[:cut]
        inside_tag = head.rfind("<") > head.rfind(">")
        inside_entity = head.rfind("&") > head.rfind(";")
        open_tags = sum(head.count(f"<{t}>") - head.count(f"</{t}>") for t in "biu")
        if not inside_tag and not inside_entity and open_tags == 0:
            return cut
        cut -= 1
    return limit
