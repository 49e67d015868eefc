"""Reading reports: every format an office produces, and every bad file refused with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import Engine, ReportError, Tokenizer, build_index, read_report, readers

from .helpers import make_blank_pdf, make_cjk_pdf, make_docx, make_numbered_docx, make_text_pdf, make_zip_bomb

REPORT = "城口县某镇2022年度工作报告\n一、安全生产\n开展消防演练6次。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_text_in_every_office_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.replace("\n", "\r\n").encode(encoding))
    assert read_report(path).text == REPORT.strip()


def test_export_artefacts_and_web_chrome_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("【字号：大 中 小】\n打印\n[bookmark: _GoBack]城口县某镇工作报告\n正文一句。\n下载\n", encoding="utf-8")
    assert read_report(path).text == "城口县某镇工作报告\n正文一句。"


def test_markup_of_a_saved_web_page_is_removed(tmp_path: Path) -> None:
    # Tags, entities and a wiki's script-variant marks, as in text copied from a web page.
    path = tmp_path / "r.txt"
    path.write_text(
        "某镇工作报告<br>调解员郭-{麐}-主持调解&nbsp;12起。<br/>"
        "与-{zh-hk:新特兰;zh-hans:桑德兰;}-结对<sup>[1]</sup>，PM2.5<35微克。\n",
        encoding="utf-8",
    )
    assert read_report(path).text == "某镇工作报告\n调解员郭麐主持调解 12起。\n与桑德兰结对[1]，PM2.5<35微克。"


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "r.docx", ["某镇2022年工作报告", "一、概况", "开展演练6次。"], [["项目", "数量"], ["演练", "6次"]])
    text = read_report(path).text
    assert text.splitlines()[:3] == ["某镇2022年工作报告", "一、概况", "开展演练6次。"]
    assert "演练，6次" in text


NUMBERED_PARAGRAPHS: list[tuple[int | None, str]] = [
    (None, "某镇2023年度法治政府建设工作情况报告"),
    (0, "主要工作"),
    (1, "加强普法宣传"),
    (None, "全年开展法律进村活动12场次，发放宣传资料3000余份。"),
    (1, "强化安全生产"),
    (2, "开展应急演练"),
    (None, "开展消防安全应急救援演练5次。"),
    (0, "存在的问题"),
    (1, "执法力量不足"),
    (None, "执法人员还未落到实处。"),
]


def test_word_numbered_headings_read_with_their_numbers(tmp_path: Path) -> None:
    # Word numbers headings itself (一、 （一） 1.) outside the paragraphs' text: read as Word shows them,
    # counting each level and starting a level again under a new heading above it.
    text = read_report(make_numbered_docx(tmp_path / "r.docx", NUMBERED_PARAGRAPHS)).text
    assert text.split("\n") == [
        "某镇2023年度法治政府建设工作情况报告",
        "一、主要工作",
        "（一）加强普法宣传",
        "全年开展法律进村活动12场次，发放宣传资料3000余份。",
        "（二）强化安全生产",
        "1.开展应急演练",
        "开展消防安全应急救援演练5次。",
        "二、存在的问题",
        "（一）执法力量不足",
        "执法人员还未落到实处。",
    ]


def test_broken_word_numbering_loses_no_text(tmp_path: Path) -> None:
    # Numbering definitions with a level or a start that is no number: the paragraphs are read, unnumbered.
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:lvl w:ilvl="x"><w:start w:val="y"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    document.add_paragraph("某镇2023年工作报告")
    item = document.add_paragraph("开展消防演练5次。")
    item._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="zz"/><w:numId w:val="91"/></w:numPr>'))
    document.save(str(tmp_path / "r.docx"))
    assert read_report(tmp_path / "r.docx").text.split("\n") == ["某镇2023年工作报告", "开展消防演练5次。"]


def test_a_word_numbered_report_answers_with_its_sections(tmp_path: Path, tokenizer: Tokenizer) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_numbered_docx(corpus / "r.docx", NUMBERED_PARAGRAPHS)
    build_index(corpus, tmp_path / "index", tokenizer)
    answer = Engine.load(tmp_path / "index", tokenizer).ask("消防演练开展了几次？")
    assert answer.answer == "5次"
    assert answer.passages[0].section == "一、主要工作 › （二）强化安全生产 › 1.开展应急演练"


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "r.pdf", ["Annual report 2022", "Fire drills were held 6 times."])
    text = read_report(path).text
    assert "Annual report 2022" in text and "6 times" in text


MARKDOWN_REPORT = """# 某县某镇2023年度法治政府建设工作情况报告

## 一、主要工作

### （一）加强普法宣传

**1. 开展法律进村。** 全年开展[法律进村](https://example.org/a)活动12场次，
发放宣传资料3000余份。

- 组织村干部学法培训4次；
- 建立“法律明白人”队伍56人。

## 二、存在的问题

| 项目 | 数量 |
| --- | --- |
| 调解纠纷 | 45起 |
"""


def test_markdown_reads_as_its_text_without_markup(tmp_path: Path) -> None:
    # Headings, emphasis, links and tables are markup, not the report's words; a line wrapped in the
    # middle of a Chinese sentence is one paragraph; an ordered item keeps its number (a heading).
    (tmp_path / "r.md").write_text(MARKDOWN_REPORT, encoding="utf-8")
    assert read_report(tmp_path / "r.md").text.split("\n") == [
        "某县某镇2023年度法治政府建设工作情况报告",
        "一、主要工作",
        "（一）加强普法宣传",
        "1. 开展法律进村。 全年开展法律进村活动12场次，发放宣传资料3000余份。",
        "组织村干部学法培训4次；",
        "建立“法律明白人”队伍56人。",
        "二、存在的问题",
        "项目，数量",
        "调解纠纷，45起",
    ]


def test_markdown_written_as_plain_lines_keeps_its_paragraphs(tmp_path: Path) -> None:
    # A report saved as .md without blank lines is one Markdown paragraph: its lines are still its
    # paragraphs and headings, and only a line wrapped mid-sentence joins the next (a number too).
    lines = ["某县某镇人民政府2023年度法治政府建设工作情况报告", "根据上级要求，现将我镇2023年度法治政府建设工作情况报告如下：", "一、主要工作", "全年开展法律进村、法治讲座和普法宣传活动5次，累计检查车辆15", "00余辆，排查隐患33处。", "二、存在问题", "执法人员不足。"]
    (tmp_path / "r.md").write_text("\n".join(lines), encoding="utf-8")
    assert read_report(tmp_path / "r.md").text.split("\n") == [
        "某县某镇人民政府2023年度法治政府建设工作情况报告",
        "根据上级要求，现将我镇2023年度法治政府建设工作情况报告如下：",
        "一、主要工作",
        "全年开展法律进村、法治讲座和普法宣传活动5次，累计检查车辆1500余辆，排查隐患33处。",
        "二、存在问题",
        "执法人员不足。",
    ]


def test_a_text_report_wrapped_mid_sentence_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    # Reports copied from a wiki or an e-mail are wrapped at a fixed width: a passage must not end where
    # a line did (…食糖产量前 / 三年共增加了…). Headings, short lines and a table's rows stay as they are.
    lines = [
        "1957年国务院政府工作报告",
        "一、关于社会主义建设",
        "棉布产量前三年共增加了三千二百万匹，而1956年就增加了四千三百万匹；食糖产量前",
        "三年共增加了十六万吨。",
        "（一）关于对资本主义工商业的社会主义改造问题",
        "指标名称\t1952年实际完成数\t1956年实际完成数\t四年增长幅度",
        "职工年平均工资（元）\t446\t610",
    ]
    (tmp_path / "r.txt").write_text("\n".join(lines), encoding="utf-8")
    assert read_report(tmp_path / "r.txt").text.split("\n") == [
        lines[0],
        lines[1],
        lines[2] + lines[3],
        *lines[4:],
    ]


def test_a_markdown_report_answers_with_its_sections(tmp_path: Path, tokenizer: Tokenizer) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "r.md").write_text(MARKDOWN_REPORT, encoding="utf-8")
    build_index(corpus, tmp_path / "index", tokenizer)
    answer = Engine.load(tmp_path / "index", tokenizer).ask("法律进村活动开展了多少场？")
    assert answer.answer == "12场次"
    assert answer.passages[0].title == "某县某镇2023年度法治政府建设工作情况报告"
    assert answer.passages[0].section == "一、主要工作 › （一）加强普法宣传 › 1. 开展法律进村"


CJK_PDF_PAGES = [
    # a line as long as an A4 page holds (about 28 characters), cut where the page ends, not the sentence
    ["某镇2021年度法治政府建设工作报告", "一、平安建设", "持续狠抓安全生产工作，今年累计开展消防安全应急救援", "- 1 -"],
    ["演练6次，悬挂横幅20余条。", "检查车辆1500余辆，排查 安 全 隐 患 33处。", "二、存在问题", "执法人员不足。", "第 2 页 共 2 页"],
]


def test_a_chinese_pdf_reads_as_its_paragraphs(tmp_path: Path) -> None:
    # A PDF's lines are its layout: a sentence runs on over a line and a page break, a page number is no
    # text, and spaces the layout put between characters are not the report's.
    text = read_report(make_cjk_pdf(tmp_path / "r.pdf", CJK_PDF_PAGES)).text
    assert text.split("\n") == [
        "某镇2021年度法治政府建设工作报告",
        "一、平安建设",
        "持续狠抓安全生产工作，今年累计开展消防安全应急救援演练6次，悬挂横幅20余条。",
        "检查车辆1500余辆，排查安全隐患33处。",
        "二、存在问题",
        "执法人员不足。",
    ]


def test_a_chinese_pdf_answers_from_its_joined_sentences(tmp_path: Path, tokenizer: Tokenizer) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_cjk_pdf(corpus / "r.pdf", CJK_PDF_PAGES)
    build_index(corpus, tmp_path / "index", tokenizer)
    answer = Engine.load(tmp_path / "index", tokenizer).ask("消防演练开展了几次？")
    assert answer.answer == "6次" and "应急救援演练6次" in answer.passages[0].text
    assert answer.passages[0].title == "某镇2021年度法治政府建设工作报告"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\r\n \n", "no text"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("latin.txt", "caf\xe9 \xff\xfe\xfd".encode("latin-1") * 3 + b"\x81\x30", "UTF-8"),
        ("broken.docx", b"PK\x03\x04 this is not a zip", "damaged"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "damaged"),
        ("notes.exe", b"MZ....", "unsupported"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportError) as caught:
        read_report(path)
    assert reason in caught.value.reason
    assert name in str(caught.value)


def test_scanned_pdf_says_it_has_no_text(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no text layer"):
        read_report(make_blank_pdf(tmp_path / "scan.pdf"))


def test_zip_bomb_docx_is_refused_before_unpacking(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="zip bomb"):
        read_report(make_zip_bomb(tmp_path / "bomb.docx"))


def test_report_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_REPORT_BYTES", 1024)
    path = tmp_path / "big.txt"
    path.write_text("报告" * 1000, encoding="utf-8")
    with pytest.raises(ReportError, match="over the"):
        read_report(path)
