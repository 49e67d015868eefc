"""Cutting a report into passages that keep its structure.

A report is one paragraph a line. Headings (一、 （一） 1. 第一章) build a section path;
一是…二是… and 一方面…另一方面… items start new passages; a passage is one to three
whole sentences and at most ``MAX_PASSAGE_CHARS`` characters. A sentence longer than
that is cut at ；, then at ，, and only as a last resort mid-clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .normalize import HAN, HAN_RE

__all__ = [
    "CHUNKER_VERSION",
    "MAX_PASSAGE_CHARS",
    "PLACE_UNITS",
    "Passage",
    "ReportMeta",
    "chunk_report",
    "frame_ids",
    "paragraph_ids",
    "parse_place",
    "parse_year",
    "starts_heading",
]

# Bump when a change here cuts reports differently, or a reader reads them differently (5: Markdown read
# without its markup, lines wrapped mid-sentence rejoined, Word's own paragraph numbers read; 6: headings
# without a marker read as headings): indexes
# built before are then rebuilt.
CHUNKER_VERSION = 6
MAX_PASSAGE_CHARS = 250
MAX_SENTENCES = 3
_MAX_TITLE_CHARS = 60
_MAX_LABEL_CHARS = 8  # 附件1, 2021-03-05: a line before the title that is not one
_MAX_HEADING_CHARS = 40

_CN = "一二三四五六七八九十"
_BARE_HEADING_CHARS = 20
# A heading without a marker holds no punctuation; a line with any is a sentence or a fragment of one.
_BARE_PUNCT_RE = re.compile(r"[。，；：！？、,.;:!?《》“”\"'‘’…—]")
_PARAGRAPH_END_RE = re.compile(r"[。！？!?；;：:][”’」』）)]*$")  # not a closing quote alone: “…和平共处”
_BARE_ITEM_RE = re.compile(rf"[{_CN}]+[是要]")  # 一要, 二要: an item's marker on a line of its own
_HEADING_RES = (
    (0, re.compile(rf"^第[{_CN}百]+[章部节篇](?:分)?")),
    (1, re.compile(rf"^[{_CN}]+[、.．]")),
    (2, re.compile(rf"^[（(][{_CN}]+[）)]")),
    (3, re.compile(r"^\d{1,2}(?:[、]|[.．](?!\d))")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
# A numbered line that explains a term (名词解释: 12.“三通一码”：赣服通、赣政通、赣企通、赣通码。) is content.
_DEFINITION_RE = re.compile(r"\s*[^：:。，,]{1,30}[：:]\s*\S.{3,}")
_ITEM_RE = re.compile(rf"^(?:[{_CN}]+是|一方面|另一方面|首先|其次|再次|最后|此外)")
# A sentence ends at 。！？ (with any closing quotes or brackets), or at a colon that opens items.
_SENTENCE_RE = re.compile(
    rf"[^。！？!?]*?(?:[。！？!?]+[”’」』）)]*|：(?=[{_CN}]+是)|$)"
)
# Sentence punctuation, or a closing colon (各位代表：is a salutation, not a title).
_TITLE_PUNCT_RE = re.compile(r"[。，；！？,;!?]|[：:]\s*$")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
# Province-level places as titles name them for short.
_PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
    "四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()
_PROVINCE_RE = re.compile(rf"^(?:(?:19|20)\d{{2}}年度?)?({'|'.join(_PROVINCES)})")
# The administrative units a place name ends in (城口县, 高观镇), as a regex alternation.
PLACE_UNITS = "省|自治区|特别行政区|市|自治州|州|盟|地区|县|区|旗|镇|乡|街道"
# 关于城口县明中乡2021年度…的报告: 关于 ("on") opens many a title, and is no part of the place.
_PLACE_RE = re.compile(rf"^(?:关于)?(?:(?:19|20)\d{{2}}年度?)?((?:[{HAN}]{{1,9}}?(?:{PLACE_UNITS}))+)")


@dataclass(frozen=True)
class ReportMeta:
    """What is known about one report: its id (path in the corpus), title, year and place."""

    doc: str
    title: str
    year: int | None
    place: str | None
    sha256: str
    chars: int


@dataclass(frozen=True)
class Passage:
    """A citable piece of a report: whole sentences, where they sit, and their section path."""

    doc: str
    section: tuple[str, ...]
    text: str
    start: int
    end: int
    para_start: int
    para_end: int
    context: str = ""  # words that frame the passage (an item's lead sentence) for matching only


def parse_year(title: str) -> int | None:
    """The report year named in a title (2020年度 → 2020), or None."""
    match = _YEAR_RE.search(title)
    return int(match.group(1)) if match else None


def parse_place(title: str) -> str | None:
    """The place a title opens with (城口县高观镇人民政府… → 城口县高观镇), or None."""
    match = _PLACE_RE.match(title)
    if match:
        return match.group(1)
    short = _PROVINCE_RE.match(title)  # 2025年宁夏政府工作报告: a province named without 回族自治区
    return short.group(1) if short else None


def _name_title(doc: str) -> str:
    """A title from the file name, without a sorting prefix (1995_1995年…报告 → 1995年…报告)."""
    stem = PurePosixPath(doc).stem
    rest = re.sub(r"^\d+[_\-\s]+", "", stem)
    return rest if rest != stem and re.search(rf"[{HAN}]", rest) else stem


def _find_title(lines: list[str]) -> int | None:
    """The title line: the first line, if it reads like a title; past a short label (附件1) at most.

    A salutation (各位代表：) or a sentence first means the report has no title line; a title-like
    line further down (首先报告2001年的工作) is the text's own, not the report's.
    """
    for i, line in enumerate(lines[:2]):
        short = len(line) <= _MAX_TITLE_CHARS and not _TITLE_PUNCT_RE.search(line)
        if short and not _heading_level(line) and re.search(rf"[{HAN}A-Za-z]", line):
            return i
        if len(line.strip()) > _MAX_LABEL_CHARS or _TITLE_PUNCT_RE.search(line):
            return None
    return None


def starts_heading(line: str) -> bool:
    """Whether a line opens with a heading's marker (一、 （一） 1. （1） 第一章), as the chunker reads one."""
    return _heading_level(line) is not None


def _is_bare_heading(lines: list[str], number: int) -> bool:
    """Whether a line is a heading written without a marker (2024年工作回顾, 过去五年的回顾, 名词解释): a few words
    alone on a line, after a finished paragraph and before a paragraph or a marked heading. Such a heading
    names one of a report's parts, so it opens a section at the top level."""
    line = lines[number]
    if not 2 <= len(line) <= _BARE_HEADING_CHARS or _BARE_PUNCT_RE.search(line) or len(HAN_RE.findall(line)) < 2:
        return False
    if number == 0 or number + 1 >= len(lines) or _BARE_ITEM_RE.match(line) or _ITEM_RE.match(line) or starts_heading(line):
        return False
    following = lines[number + 1]
    if _BARE_PUNCT_RE.match(following):
        return False  # 城市轨道交通 / 、地下综合管廊…: a line a link broke out of its sentence
    after_a_paragraph = _PARAGRAPH_END_RE.search(lines[number - 1]) is not None
    return after_a_paragraph and (len(following) > _BARE_HEADING_CHARS or starts_heading(following))


def _heading_level(line: str) -> tuple[int, int] | None:
    for level, pattern in _HEADING_RES:
        match = pattern.match(line)
        if match:
            return level, match.end()
    return None


def _sentences(line: str, base: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) of one paragraph starting at ``base``."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE_RE.finditer(line):
        if match.end() > match.start() and line[match.start() : match.end()].strip():
            spans.append((base + match.start(), base + match.end()))
    return spans


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence over the limit at ；, then ，, then hard, keeping pieces as long as allowed."""
    if end - start <= MAX_PASSAGE_CHARS:
        return [(start, end)]
    for separator in ("；", ";", "，", ",", "、"):
        cuts = [start + m.end() for m in re.finditer(re.escape(separator), text[start:end])]
        if not cuts:
            continue
        pieces: list[tuple[int, int]] = []
        piece_start = start
        last_cut = None
        for cut in cuts + [end]:
            if cut - piece_start > MAX_PASSAGE_CHARS and last_cut is not None:
                pieces.append((piece_start, last_cut))
                piece_start = last_cut
            last_cut = cut
        pieces.append((piece_start, end))
        pieces = [(s, e) for s, e in pieces if e > s]
        if (start, end) in pieces:
            continue  # no cut at this separator helps: try the next one
        out: list[tuple[int, int]] = []
        for piece in pieces:
            out.extend(_split_long(text, *piece) if piece[1] - piece[0] > MAX_PASSAGE_CHARS else [piece])
        return out
    return [(s, min(s + MAX_PASSAGE_CHARS, end)) for s in range(start, end, MAX_PASSAGE_CHARS)]


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。；;：:，,")


def chunk_report(doc: str, text: str, sha256: str) -> tuple[ReportMeta, list[Passage]]:
    """Split a cleaned report (one paragraph a line) into its metadata and passages."""
    lines = text.split("\n")
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1

    title_line = _find_title(lines)
    named = _name_title(doc)
    title = lines[title_line] if title_line is not None else named
    if title_line is not None and title in named and title != named:
        title = named  # 政府工作报告 says less than the file name 2022年中华人民共和国国务院政府工作报告
    meta = ReportMeta(
        doc=doc,
        title=title,
        year=parse_year(title) or parse_year(PurePosixPath(doc).stem),
        place=parse_place(title),
        sha256=sha256,
        chars=len(text),
    )

    passages: list[Passage] = []
    path: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        base = offsets[number]
        para = (base, base + len(line))
        if number == title_line:
            passages.append(Passage(doc, (), line, para[0], para[1], para[0], para[1]))
            continue
        sentences = _sentences(line, base)
        heading = _heading_level(line) or ((0, 0) if number > (title_line or 0) and _is_bare_heading(lines, number) else None)
        if heading and heading[0] >= 3 and _DEFINITION_RE.match(line, heading[1]):
            heading = None  # 2.“两新”：大规模设备更新和消费品以旧换新。: a term explained, not a heading
        if heading and sentences:
            level, _marker_end = heading
            first_start, first_end = sentences[0]
            first = _strip_end(text[first_start:first_end])
            if len(first) <= _MAX_HEADING_CHARS:
                label = first
                sentences = sentences[1:]
            else:
                clause = re.split(r"[，,；;]", first, maxsplit=1)[0]
                label = clause if len(clause) <= _MAX_HEADING_CHARS else clause[:_MAX_HEADING_CHARS] + "…"
                label = label if label == first else label + ("" if label.endswith("…") else "…")
            path = [entry for entry in path if entry[0] < level]
            path.append((level, label))
        section = tuple(label for _level, label in path)
        passages.extend(_pack(doc, text, sentences, section, para))
    return meta, passages


def _pack(
    doc: str,
    text: str,
    sentences: list[tuple[int, int]],
    section: tuple[str, ...],
    para: tuple[int, int],
) -> list[Passage]:
    """Group a paragraph's sentences into passages; items start new ones."""
    pieces: list[tuple[int, int, bool]] = []
    for start, end in sentences:
        # Skip the whitespace a sentence may start with, so offsets point at its first character.
        while start < end and text[start].isspace():
            start += 1
        is_item = bool(_ITEM_RE.match(text[start:end]))
        for index, (s, e) in enumerate(_split_long(text, start, end)):
            pieces.append((s, e, is_item and index == 0))

    out: list[Passage] = []
    current: list[tuple[int, int]] = []
    seen_item = False
    lead = ""  # the opening sentence of the item (or paragraph) a continuation belongs to

    def flush(context: str) -> None:
        if current:
            start, end = current[0][0], current[-1][1]
            out.append(Passage(doc, section, text[start:end].strip(), start, end, para[0], para[1], context))

    passage_lead = ""
    intro = ""  # the paragraph's opening sentence, when it comes before any item
    for start, end, is_item in pieces:
        length = end - start
        size = current[-1][1] - current[0][0] if current else 0
        glue_lead = is_item and not seen_item and current and size + length <= MAX_PASSAGE_CHARS and len(current) < MAX_SENTENCES
        if current and ((is_item and not glue_lead) or len(current) >= MAX_SENTENCES or size + length > MAX_PASSAGE_CHARS):
            flush(passage_lead)
            current = []
        if is_item:
            seen_item = True
            lead = _strip_end(text[start:end])[:60]
        if not current:
            # A passage that opens the paragraph needs no frame; a later item gets the paragraph's
            # opening sentence (大力开展各项疫情防控工作：), a continuation also its item's lead.
            frames = [intro] if intro else []
            if lead and not is_item and lead != intro:
                frames.append(lead)
            passage_lead = " ".join(frames) if out else ""
        if not lead:
            sentence = text[start:end].strip()
            # A sentence that opens items with a colon says what they are about at its end.
            lead = _strip_end(sentence)[-60:] if sentence.endswith(("：", ":")) else _strip_end(sentence)[:60]
        if not intro and not seen_item:
            intro = lead
        current.append((start, end))
    flush(passage_lead)
    return out


def paragraph_ids(passages: list[Passage]) -> list[int]:
    """For each passage, the number of the paragraph it belongs to (paragraphs numbered in order)."""
    ids: list[int] = []
    previous: tuple[str, int] | None = None
    for passage in passages:
        key = (passage.doc, passage.para_start)
        if key != previous:
            previous = key
            ids.append(ids[-1] + 1 if ids else 0)
        else:
            ids.append(ids[-1])
    return ids


def is_title_passage(passage: Passage, title: str) -> bool:
    """Whether a passage is the report's title line (it has no frame: it is the title)."""
    return not passage.section and passage.text == title


def frame_ids(passages: list[Passage], titles: dict[str, str]) -> list[int]:
    """For each passage, the number of its frame (report, section path, item lead), numbered by first use.

    Passages of one section share a frame; indexing each distinct frame once keeps the frame field small.
    """
    numbers: dict[tuple[object, ...], int] = {}
    ids: list[int] = []
    for passage in passages:
        if is_title_passage(passage, titles[passage.doc]):
            key: tuple[object, ...] = ("title", passage.doc)
        else:
            key = (passage.doc, passage.section, passage.context)
        ids.append(numbers.setdefault(key, len(numbers)))
    return ids
