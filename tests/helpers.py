"""Builders of test files (Word documents, PDFs, hostile archives) and of engines over small reports."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from index import Engine, Tokenizer, build_index


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    """A real .docx with these paragraphs (and optionally a table after them)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def make_numbered_docx(path: Path, paragraphs: list[tuple[int | None, str]]) -> Path:
    """A .docx whose (level, text) paragraphs are numbered by Word itself, as offices number headings:
    level 0 一、, level 1 （一）, level 2 1.; None for a paragraph without a number. The numbers are not in
    the paragraphs' text, only in the document's numbering definitions."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        + "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        + "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
    document.save(str(path))
    return path


def make_zip_bomb(path: Path, unpacked_mb: int = 150) -> Path:
    """A .docx-named zip whose one member unpacks to ``unpacked_mb`` MB of zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w", force_zip64=True) as member:
        chunk = b"\0" * (1 << 20)
        for _ in range(unpacked_mb):
            member.write(chunk)
    return path


def make_text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with a real text layer (Helvetica, so ASCII text only)."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _write_pdf(path, objects)


def make_cjk_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF whose text layer is Chinese, one list of lines a page, as an office's export writes it: a
    Type0 font (Identity-H) with a ToUnicode map, each line shown at its own position (no glyphs embedded,
    so it renders blank, but its text extracts as with a real report)."""
    chars = sorted({ch for lines in pages for line in lines for ch in line})
    cid = {ch: n for n, ch in enumerate(chars, start=1)}
    mappings = [f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars]
    blocks = "\n".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar" for chunk in (mappings[i : i + 100] for i in range(0, len(mappings), 100))
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{blocks}\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )
    font = len(pages) * 2 + 3  # objects: catalog, pages, (page, content) per page, then the font's four
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for lines in pages:
        page = len(objects) + 1
        kids.append(f"{page} 0 R")
        content = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join("<" + "".join(f"{cid[ch]:04X}" for ch in line) + "> Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page + 1} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    objects += [
        f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [{font + 1} 0 R] /ToUnicode {font + 2} 0 R >>",
        (
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
            f" /Supplement 0 >> /FontDescriptor {font + 3} 0 R /DW 1000 >>"
        ),
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
        (
            "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800"
            " /Descent -200 /CapHeight 700 /StemV 80 >>"
        ),
    ]
    return _write_pdf(path, objects)


def _write_pdf(path: Path, objects: list[str]) -> Path:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def make_blank_pdf(path: Path) -> Path:
    """A PDF with a page and no text at all, like a scan."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=612, height=792)
    with path.open("wb") as out:
        writer.write(out)
    return path


def engine_over(folder: Path, reports: dict[str, str], tokenizer: Tokenizer) -> Engine:
    """An engine over these reports (file name → text), written into ``folder`` and indexed there."""
    (folder / "corpus").mkdir()
    for name, text in reports.items():
        (folder / "corpus" / name).write_text(text, encoding="utf-8")
    build_index(folder / "corpus", folder / "index", tokenizer)
    return Engine.load(folder / "index", tokenizer)


def engine_fixture(name: str, reports: dict[str, str]) -> Callable[..., Engine]:
    """A module-scoped fixture called ``name``: an engine over these reports, indexed once for the module."""

    @pytest.fixture(scope="module", name=name)
    def fixture(tmp_path_factory: pytest.TempPathFactory, tokenizer: Tokenizer) -> Engine:
        return engine_over(tmp_path_factory.mktemp(name), reports, tokenizer)

    return fixture
