"""Passages keep the report's structure: section paths, whole sentences, offsets, the title."""

from __future__ import annotations

from index import MAX_PASSAGE_CHARS, chunk_report
from index.chunking import parse_place, parse_year

from .conftest import SEED


def _seed():
    text = SEED.read_text(encoding="utf-8").replace("[bookmark: _GoBack]", "")
    return text, chunk_report("seed.txt", text, "0")


def test_title_year_and_place() -> None:
    _text, (meta, passages) = _seed()
    assert meta.title == "城口县高观镇人民政府2020年度法治政府建设工作情况报告"
    assert (meta.year, meta.place) == (2020, "城口县高观镇")
    assert passages[0].text == meta.title and passages[0].section == ()


def test_offsets_point_at_the_passage_and_passages_are_whole_sentences() -> None:
    text, (_meta, passages) = _seed()
    for passage in passages:
        assert text[passage.start : passage.end].strip() == passage.text
        assert len(passage.text) <= MAX_PASSAGE_CHARS
        assert passage.text[-1] in "。！？”）" or passage.section == ()


def test_section_paths_follow_headings() -> None:
    _text, (_meta, passages) = _seed()
    drill = next(p for p in passages if "应急救援演练5次" in p.text)
    assert drill.section == ("三、严格依法行政，推进平安高观建设进程", "（二）加强社会综合治理，深入推进普法依法治理工作")
    problems = next(p for p in passages if "执法编制" in p.text)
    assert problems.section == ("五、存在问题",)


def test_items_start_new_passages() -> None:
    _text, (_meta, passages) = _seed()
    starts = [p.text[:2] for p in passages if p.section == ("一、依法全面履行政府职能",)]
    assert {"二是", "三是", "四是", "五是", "六是"} <= set(starts)


def test_long_sentence_is_split_at_semicolons_then_commas() -> None:
    clause = "推进重点工作取得明显成效"
    sentence = "；".join([clause * 3] * 12) + "。"
    _meta, passages = chunk_report("long.txt", "标题\n" + sentence, "0")
    body = passages[1:]
    assert len(body) > 1
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in body)
    assert all(p.text.endswith(("；", "。")) for p in body)


def test_title_falls_back_to_the_file_name() -> None:
    meta, _passages = chunk_report("2021年某镇报告.txt", "第一句话很长，没有标题。第二句。", "0")
    assert meta.title == "2021年某镇报告" and meta.year == 2021


def test_place_and_year_parsing() -> None:
    assert parse_place("2025年上海市政府工作报告") == "上海市"
    assert parse_year("1954年中华人民共和国国务院政府工作报告") == 1954
    assert parse_place("中华人民共和国国务院政府工作报告") is None
    assert parse_place("关于城口县明中乡2021年度法治政府建设工作的报告") == "城口县明中乡"  # 关于 is no place
    assert parse_place("巫溪县文峰镇关于2021年法治政府建设工作情况的报告") == "巫溪县文峰镇"


def test_unbroken_clause_longer_than_the_limit_is_still_split() -> None:
    sentence = "甲" * 400 + "，乙乙乙；" + "丙" * 300 + "。"
    _meta, passages = chunk_report("x.txt", "标题\n" + sentence, "0")
    body = passages[1:]
    assert "".join(p.text for p in body) == sentence
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in body)


def test_a_salutation_is_not_a_title() -> None:
    meta, _ = chunk_report("1995_1995年中华人民共和国国务院政府工作报告.txt", "各位代表：\n现在，我代表国务院向大会作政府工作报告。\n", "x")
    assert meta.title == "1995年中华人民共和国国务院政府工作报告"  # the file name, without its sorting prefix
    assert meta.year == 1995


def test_a_title_that_says_less_than_the_file_name_gives_way_to_it() -> None:
    meta, _ = chunk_report("2022年中华人民共和国国务院政府工作报告.txt", "政府工作报告\n一、回顾\n过去一年经济增长3%。\n", "x")
    assert meta.title == "2022年中华人民共和国国务院政府工作报告"
    meta, _ = chunk_report("000_4763322064e12282.txt", "高观镇工作报告\n正文。\n", "x")
    assert meta.title == "高观镇工作报告"


def test_a_title_like_line_inside_the_text_is_not_the_title() -> None:
    text = "各位代表：\n现在，我代表省政府作报告。\n首先报告2001年的工作\n"
    meta, _ = chunk_report("2002_2002年某省政府工作报告.txt", text, "x")
    assert meta.title == "2002年某省政府工作报告" and meta.year == 2002


def test_a_province_named_for_short_is_the_place() -> None:
    meta, _ = chunk_report("2025年宁夏政府工作报告.docx", "2025年宁夏政府工作报告\n正文。\n", "x")
    assert meta.place == "宁夏"


def test_a_numbered_line_explaining_a_term_is_a_passage_not_a_heading() -> None:
    # 名词解释 at the end of a provincial report: each numbered line explains a term.
    text = (
        "2025年某省政府工作报告\n一、主要任务\n1.加强组织领导\n各地要压实责任。\n附件\n名词解释\n"
        "12.“三通一码”：赣服通、赣政通、赣企通、赣通码。\n13.“两新”：大规模设备更新和消费品以旧换新。\n"
    )
    _meta, passages = chunk_report("r.txt", text, "0")
    by_text = {p.text: p for p in passages}
    assert "12.“三通一码”：赣服通、赣政通、赣企通、赣通码。" in by_text
    assert "13.“两新”：大规模设备更新和消费品以旧换新。" in by_text
    assert by_text["各地要压实责任。"].section == ("一、主要任务", "1.加强组织领导")  # a short heading stays one


def test_a_heading_without_a_marker_opens_a_part_of_the_report() -> None:
    # Some reports head their parts with a line of words alone (2024年工作回顾, 结束语), no 一、 before it.
    text = (
        "2025年某自治区政府工作报告\n自治区主席 某某\n各位代表：\n现在，我代表自治区人民政府报告工作。\n"
        "2024年工作回顾\n一是稳定态势持续向好。粮食产量突破110万吨，新建和美乡村300个。\n"
        "2025年工作安排\n（一）加快农牧业发展\n确保粮食产量稳定在100万吨以上。\n"
        "结束语\n各位代表！让我们更加紧密地团结起来，为完成今年的目标任务而奋斗！\n"
    )
    _meta, passages = chunk_report("r.txt", text, "0")
    section = {p.text: p.section for p in passages}
    assert section["现在，我代表自治区人民政府报告工作。"] == ()
    assert section["自治区主席 某某"] == ()  # the speaker's line after the title heads nothing
    assert section["一是稳定态势持续向好。粮食产量突破110万吨，新建和美乡村300个。"] == ("2024年工作回顾",)
    assert section["确保粮食产量稳定在100万吨以上。"] == ("2025年工作安排", "（一）加快农牧业发展")
    assert section["各位代表！让我们更加紧密地团结起来，为完成今年的目标任务而奋斗！"] == ("结束语",)
    assert "2024年工作回顾" not in section


def test_a_short_line_inside_a_sentence_is_not_a_heading() -> None:
    # Lines a web page or a list broke out of their paragraph: an item's marker (二要), a link's words
    # (城市轨道交通 / 、地下…), a phrase after a quotation left open (…和平共处” / 五项原则 / 早已…).
    text = (
        "2017年政府工作报告\n一、工作回顾\n新建高速公路6700公里。\n城市轨道交通\n、地下综合管廊建设加快，新开工改造棚户区600万套。\n"
        "一要加强企业管理，培养企业经营者队伍。\n二要\n加强企业各项基础工作，全面推行经济责任制。\n"
        "我们主张“互相尊重主权、和平共处”\n五项原则\n早已载入我国宪法，它是我国处理同各国关系的准则。\n"
    )
    _meta, passages = chunk_report("r.txt", text, "0")
    assert {p.section for p in passages if p.section} == {("一、工作回顾",)}
