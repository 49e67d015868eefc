"""Reading reports from disk: .txt/.md, .docx and .pdf, with the limits that keep a bad file harmless.

Every failure becomes a :class:`ReportError` whose message says why in plain words,
so an admin can act on it; nothing here raises anything else for a bad file.
"""

from __future__ import annotations

import html
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .chunking import starts_heading
from .errors import ReportError
from .normalize import HAN

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = [
    "MAX_REPORT_BYTES",
    "MAX_UNZIPPED_BYTES",
    "SUPPORTED_SUFFIXES",
    "RawReport",
    "clean_lines",
    "read_report",
]

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
MAX_REPORT_BYTES = 20 * 1024 * 1024
# A .docx is a zip: refuse one that unpacks to more than this (a zip bomb), or whose
# members claim a compression ratio no real document has.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
_MAX_ZIP_RATIO = 200
_MAX_PDF_PAGES = 2000

# Export artefacts and web-page chrome seen in reports saved from Word or a government site.
_ARTEFACT_RE = re.compile(r"\[bookmark: [^\]]*\]|\[(?:image|picture)[^\]]*\]", re.IGNORECASE)
_CHROME_LINE_RE = re.compile(
    r"^(?:【?字号[：:】]?.*|【?(?:大|中|小)\s*(?:中|小)?\s*(?:小)?】?|"
    r"下载|打印|打印本页|关闭|关闭窗口|分享到?[：:]?.*|收藏|【?打印】?|【?关闭】?|"
    r"(?:来源|发布时间|发布日期|浏览次数|阅读次数|访问量)[：:].{0,60}|"
    r"(?:首页|当前位置)[：:>\s].{0,80}|扫一扫.{0,30}|【\s*(?:打印|关闭|下载|字号).{0,20}】.*)$"
)
# Markup left in text copied from a web page or a wiki: tags (a line break where the page broke the
# line), character entities, and MediaWiki's script-variant marks -{…}- (-{zh-hans:甲;zh-hk:乙}- reads 甲).
_BREAK_TAG_RE = re.compile(r"<(?:br|p|/p|div|/div|tr|/tr|li)\b[^<>]{0,80}>", re.IGNORECASE)
_TAG_RE = re.compile(
    r"</?(?:nowiki|ref|references|sup|sub|span|font|b|i|u|a|em|strong|small|big|center|onlyinclude|noinclude|includeonly"
    r"|table|td|th|tbody|img|ul|ol)\b[^<>]{0,200}/?>",
    re.IGNORECASE,
)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)
_VARIANT_RE = re.compile(r"-\{([^{}\n]{0,300})\}-")
_VARIANT_PART_RE = re.compile(r"\s*(zh(?:-[A-Za-z]+)?)\s*:(.*)", re.DOTALL)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\ufeff]")


@dataclass(frozen=True)
class RawReport:
    """A report's cleaned text, one paragraph a line, as read from one file."""

    doc: str
    text: str


def _variant(match: re.Match[str]) -> str:
    """The simplified-Chinese reading of a -{…}- mark: its zh-cn/zh-hans part, else its first, else all of it."""
    body = match.group(1)
    parts: dict[str, str] = {}
    for part in body.split(";"):
        found = _VARIANT_PART_RE.fullmatch(part)
        if found:
            parts.setdefault(found.group(1).lower(), found.group(2).strip())
    if not parts:
        return body
    return next((parts[lang] for lang in ("zh-cn", "zh-hans", "zh", "zh-sg") if lang in parts), next(iter(parts.values())))


def _strip_markup(text: str) -> str:
    if "<" in text:
        text = _TAG_RE.sub("", _BREAK_TAG_RE.sub("\n", text))
    if "-{" in text:
        text = _VARIANT_RE.sub(_variant, text)
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def clean_lines(text: str) -> str:
    """Drop export artefacts, markup, web chrome, control characters and blank lines; one paragraph a line."""
    out: list[str] = []
    for line in _strip_markup(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _CONTROL_RE.sub("", _ARTEFACT_RE.sub("", line)).strip().replace("\u3000", " ").replace("\xa0", " ").strip()
        if not line or _CHROME_LINE_RE.match(line):
            continue
        out.append(line)
    return "\n".join(out)


def _decode_text(doc: str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ReportError(doc, "this is a binary file, not text (it holds NUL bytes)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportError(doc, "the text is neither UTF-8 nor GB18030/GBK; save it as UTF-8 and upload again")


def _check_zip(doc: str, path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > _MAX_ZIP_RATIO and info.file_size > 1_000_000:
                    raise ReportError(doc, f"refused: {info.filename} unpacks {info.file_size // info.compress_size}× larger than it is stored (a zip bomb?)")
            if total > MAX_UNZIPPED_BYTES:
                raise ReportError(doc, f"refused: unpacks to {total // 1_048_576} MB, over the {MAX_UNZIPPED_BYTES // 1_048_576} MB limit (a zip bomb?)")
    except zipfile.BadZipFile:
        raise ReportError(doc, "this .docx is damaged (not a valid Word file)") from None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"


def _chinese_count(n: int) -> str:
    """一, 十, 十二, 二十, 一百零五, 一百一十: how Word writes a count in Chinese (its chineseCounting formats)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        tens, ones = divmod(rest, 10)
        tail = "" if not rest else "零" + _CN_DIGITS[ones] if rest < 10 else _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
        return _CN_DIGITS[hundreds] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _format_count(n: int, fmt: str) -> str:
    """A level's count in its Word number format; the formats Chinese reports use, and the Latin ones."""
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japaneseCounting")):
        return _chinese_count(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


class _Numbering:
    """Word's automatic paragraph numbers (一、 （一） 1.), which python-docx's ``paragraph.text`` leaves out,
    counted as Word shows them, so that headings numbered by Word are read as headings."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        self._counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        try:
            self._read(root)
        except ValueError:  # a level or start that is not a number: the paragraphs are read without numbers
            self._levels = {}

    def _read(self, root: Any) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for level in definition.iter(f"{_W}lvl"):
                fmt, text, start = level.find(f"{_W}numFmt"), level.find(f"{_W}lvlText"), level.find(f"{_W}start")
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[definition.get(f"{_W}abstractNumId", "")] = levels
        for number in root.iter(f"{_W}num"):
            target = number.find(f"{_W}abstractNumId")
            if target is not None and target.get(f"{_W}val") in abstract:
                self._levels[number.get(f"{_W}numId", "")] = abstract[target.get(f"{_W}val", "")]

    @staticmethod
    def _numbered(paragraph: Any) -> tuple[str, int] | None:
        """The paragraph's list (numId) and level, set on it or on its style (or the style it is based on)."""
        owners = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None and len(owners) < 10:
            owners.append(style.element.pPr)
            style = style.base_style
        for properties in owners:
            found = properties.find(f"{_W}numPr") if properties is not None else None
            if found is None:
                continue
            num_id, level = found.find(f"{_W}numId"), found.find(f"{_W}ilvl")
            if num_id is None:
                return None
            return num_id.get(f"{_W}val", "0"), int(level.get(f"{_W}val", "0")) if level is not None else 0
        return None

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph ("" for none or a bullet); counts it."""
        if not self._levels:
            return ""
        try:
            numbered = self._numbered(paragraph)
        except ValueError:  # a level that is not a number
            return ""
        if numbered is None or numbered[0] not in self._levels or not paragraph.text.strip():
            return ""
        num_id, level = numbered
        levels = self._levels[num_id]
        if not 0 <= level <= 9 or level not in levels or levels[level][0] in ("bullet", "none"):
            return ""  # Word has levels 0 to 8
        counts = self._counts.setdefault(num_id, [0] * 10)
        counts[level] = counts[level] + 1 if counts[level] else levels[level][2]
        counts[level + 1 :] = [0] * (len(counts) - level - 1)  # a new 一、 starts its （一） again

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            fmt, _text, start = levels.get(at, ("decimal", "", 1))
            return _format_count(counts[at] or start, fmt)

        return re.sub(r"%([1-9])", number, levels[level][1])


def _read_docx(doc: str, path: Path) -> str:
    _check_zip(doc, path)
    import docx  # python-docx; imported here so the core starts fast without it
    from docx.table import Table

    try:
        document = docx.Document(str(path))
        numbering = _Numbering(document)
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        value = cell.text.strip()
                        if value and (not cells or cells[-1] != value):  # merged cells repeat
                            cells.append(value)
                    if cells:
                        lines.append("，".join(cells))
            else:
                lines.append(numbering.label(block) + block.text)
    except ReportError:
        raise
    except Exception as exc:  # python-docx raises many types for a damaged file
        raise ReportError(doc, f"this .docx could not be read ({type(exc).__name__})") from exc
    return "\n".join(lines)


_SENTENCE_END = "。！？；：!?;:”’」』）)"
_SHORT_LINE = 20  # a line no longer than this (a title, a heading without a marker) is not wrapped text
_CLAUSE_MARK_RE = re.compile(r"[。，；,;]")  # a heading has none: 1. 开展法律进村。全年开展… is text
_CELLS_RE = re.compile(r"\t|\S {2,}\S|\|")  # a table's row (cells set apart by tabs, runs of spaces or |) is no wrapped text


def _rejoin(lines: list[str], titled: bool = True) -> list[str]:
    """Paragraphs from lines a layout or an editor wrapped: a line continues the one before unless that one
    ends a sentence, is short or is a heading, or the line starts one (一、, （一）, 1.), or either is a
    table's row; the first line of a report (``titled``) is its title. A space joins them only between
    Latin words (not between digits: 15 / 00余辆 is one number the page cut)."""
    paragraphs: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        previous = paragraphs[-1] if len(paragraphs) > int(titled) else ""
        if (
            previous
            and len(previous) > _SHORT_LINE
            and not previous.endswith(tuple(_SENTENCE_END))
            and not (starts_heading(previous) and not _CLAUSE_MARK_RE.search(previous))
            and not starts_heading(line)
            and not _CELLS_RE.search(previous + "\n" + line)
        ):
            spaced = previous[-1].isascii() and line[0].isascii() and not (previous[-1].isdigit() and line[0].isdigit())
            paragraphs[-1] += (" " if spaced else "") + line
        else:
            paragraphs.append(line)
    return paragraphs


def _inline_text(children: list[Token], titled: bool) -> str:
    """A Markdown paragraph's or cell's text without its markup: emphasis, links and escapes read as what
    they say, an image as nothing; its lines rejoined as a wrapped report's are (see :func:`_rejoin`;
    ``titled``: it opens the report, so its first line is the title)."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "\n".join(_rejoin("".join(out).split("\n"), titled))


def _markdown_text(source: str) -> str:
    """A Markdown report as plain text, one paragraph a line: headings, paragraphs and list items each a
    line, an ordered item keeping its number (1. reads as a heading, as in a .txt report), a table row its
    cells joined by ，, code as it is."""
    from markdown_it import MarkdownIt  # imported here so the core starts fast without it

    lines: list[str] = []
    row: list[str] | None = None
    number = ""  # the number of the ordered item whose first line comes next
    for token in MarkdownIt("commonmark").enable("table").parse(source):
        if token.type == "list_item_open" and token.info:
            number = token.info + token.markup
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if row:
                lines.append("，".join(row))
            row = None
        elif token.type == "inline":
            text = _inline_text(token.children or [], titled=not lines)
            if row is not None:
                if text:
                    row.append(text)
                continue
            if number:
                text, number = f"{number} {text}", ""
            lines.extend(text.split("\n"))
        elif token.type in ("fence", "code_block", "html_block"):
            lines.extend(token.content.splitlines())
    return "\n".join(lines)




# A page's number on a line of its own (- 3 -, —3—, 第3页, 3/12, 第 3 页 共 12 页): not part of any paragraph.
_PAGE_NUMBER_RE = re.compile(r"^[-—–_\s]*(?:第\s*)?\d{1,4}\s*页?\s*(?:(?:/|共)\s*\d{1,4}\s*页?)?[-—–_\s]*$")
# A space a PDF's layout put between two Chinese characters (高 观 镇), or between one and a number
# (隐患 33处, 2020 年): no writer puts one there.
_HAN_CLASS = f"[{HAN}，。、；：！？（）《》“”]"
_HAN_GAP_RE = re.compile(rf"(?<={_HAN_CLASS})[ \t]+(?={_HAN_CLASS}|\d)|(?<=\d)[ \t]+(?={_HAN_CLASS})")


def _join_pdf_lines(text: str) -> str:
    """Undo a PDF's layout: lines rejoined into paragraphs (see :func:`_rejoin`); page numbers go, and so do
    spaces the layout put between Chinese characters."""
    lines = (_HAN_GAP_RE.sub("", line.strip()) for line in text.split("\n"))
    return "\n".join(_rejoin([line for line in lines if line and not _PAGE_NUMBER_RE.match(line)]))


def _read_pdf(doc: str, path: Path) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise ReportError(doc, "this PDF is password-protected; upload an unprotected copy")
        if len(reader.pages) > _MAX_PDF_PAGES:
            raise ReportError(doc, f"refused: {len(reader.pages)} pages, over the {_MAX_PDF_PAGES}-page limit")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReportError(doc, f"this PDF is damaged and could not be read ({type(exc).__name__})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ReportError(doc, "this PDF has no text layer (a scan?); upload the Word file or a text PDF")
    return _join_pdf_lines(text)


def read_report(path: Path, doc: str | None = None) -> RawReport:
    """Read one report file into cleaned text; raise :class:`ReportError` with the reason when it cannot."""
    doc = doc or path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReportError(doc, f"unsupported file type {suffix or '(none)'}; use .txt, .docx or .pdf")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReportError(doc, f"cannot open the file ({exc.strerror})") from exc
    if size > MAX_REPORT_BYTES:
        raise ReportError(doc, f"refused: {size / 1_048_576:.1f} MB is over the {MAX_REPORT_BYTES // 1_048_576} MB limit")
    if size == 0:
        raise ReportError(doc, "the file is empty")
    if suffix == ".docx":
        text = _read_docx(doc, path)
    elif suffix == ".pdf":
        text = _read_pdf(doc, path)
    else:
        text = _decode_text(doc, path.read_bytes())
        if suffix == ".md":
            text = _markdown_text(text)
    text = clean_lines(text)
    if suffix == ".txt":
        text = "\n".join(_rejoin(text.split("\n")))
    if not text:
        raise ReportError(doc, "the report holds no text")
    if not re.search(rf"[{HAN}]", text):
        log.warning("%s holds no Chinese text", doc)
    return RawReport(doc=doc, text=text)
