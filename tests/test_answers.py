"""What residents get back: the right passage, the right figure, or a plain refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.render import render_text
from index import MAX_PASSAGE_CHARS, MAX_QUESTION_CHARS, Engine, Tokenizer
from index.answer import FigureQuestion, _spread
from index.engine import PLANNED_FIGURE, _literally, report_subject

from .helpers import engine_fixture, engine_over


@pytest.mark.parametrize(
    ("question", "expect", "figure"),
    [
        ("消防演练开展了几次？", "应急救援演练5次", "5次"),
        ("演习搞了几回？", "应急救援演练5次", "5次"),  # colloquial: 演习 for 演练, 几回 for 几次
        ("消防演练开展了五次吗", "应急救援演练5次", None),  # Chinese numeral in the question
        ("貼了多少幅標語？", "张贴标语30幅", "30幅"),  # traditional script
        ("罚了多少起？", "处罚76起", "76起"),
        ("教育了多少起违法违规行为？", "教育70起", "70起"),
        ("村级网格有几个", "50个村级网格", "50个"),
        ("一年集中学习几次？", "一年4次", "4次"),
        ("高观镇属于哪个县？", "城口县高观镇", None),  # the title line is a passage
        ("高观镇２０２０年开展了几次消防演练？", "应急救援演练5次", "5次"),  # full-width digits
        ("消防演习搞了几次", "应急救援演练5次", "5次"),  # a synonym inside a word the report cuts otherwise
        ("联系卡发了几张", "民情联系卡2000余张", "2000余张"),  # 发了: the particle stays off the verb
        ("横幅挂了几条？", "悬挂横幅20余条", "20余条"),  # the passage that states the figure wins
        ("微信群建了几个？", "1-2个基础网格微信群", "1-2个"),
        ("法治考试及格率", "合格率100%", "100%"),  # a rate asked without 多少
        ("执法人员够不够？", "执法编制和执法人员还未落到实处", None),  # 够不够 is the question's form
        ("疫情期间宣传用了什么方式？", "大喇叭", None),  # 方式 for the report's 形式
        ("疫情期间宣传用了哪一种方式？", "大喇叭", None),
        ("疫情期间宣传用了甚麼方式？", "大喇叭", None),  # 甚麼: 什么 as Hong Kong and Taiwan write it
        # how residents open a question: the framing is not what they ask about
        ("能给我介绍一下禁毒工作吗？", "禁毒宣传教育", None),
        ("我想了解一下法治考试的合格率", "合格率100%", "100%"),
        ("告诉我消防演练搞了几次", "应急救援演练5次", "5次"),
        ("说说三治融合是什么", "法治德治自治", None),
        ("你好，麻烦问下，消防演练搞了几次？谢谢", "应急救援演练5次", "5次"),  # courtesies ask about nothing
        ("三治融合指的是啥？", "法治德治自治", None),  # 指 names the kind of answer: the report defines it without 指
        ("无事酒是啥意思？", "整治“无事酒”", None),  # 啥意思 asks what it means; the report never says 意思
        # residents quote their own words too: the report writes 消防安全应急救援演练, and “几次” only asks
        ("“消防演练”开展了几次？", "应急救援演练5次", "5次"),
        ("消防演练开展了“几次”？", "应急救援演练5次", "5次"),
        ("疫情期间大喇叭用来干嘛？", "大喇叭", None),  # 干嘛, 为啥, 怎么弄: how residents ask, not what about
        ("疫情期间怎么排查的？", "不漏一户、不落一人", None),  # 排查 for the report's 摸排
        # 去年 of a 2020年度 report, read the year after: its own year, when no report is of 2019
        ("去年开展了几次消防演练？", "应急救援演练5次", "5次"),
        ("有多少辆车被检查了？", "检查车辆1500余辆", "1500余辆"),
        ("领导班子一年集中学习多少次？", "一年4次", "4次"),  # 一年 picks 一年4次 over 集中学习1次
        ("禁毒工作包括哪些方面？", "预防吸毒", None),  # the report lists them without writing 包括
        ("宣传单发了几份？", "宣传资料4000余份", "4000余份"),  # jieba: 宣传 / 单发, unless 宣传单 is a word
        ("貴鎮開展了幾次消防演練？", "应急救援演练5次", "5次"),  # 贵镇: "your town", the report's own
        ("高观镇属于哪个区县？", "城口县高观镇", None),  # 区县 asks for a 县 or a 区
        ("每个村建几个网格微信群？", "1-2个基础网格微信群", "1-2个"),  # 每个 for the report's 各
        ("领导班子多久集中学习一次？", "每季度组织全体领导班子集中学习1次", "每季度"),  # how often, not 一年 (1年)
    ],
)
def test_answers_colloquial_questions(seed_engine: Engine, question: str, expect: str, figure: str | None) -> None:
    answer = seed_engine.ask(question)
    assert answer.answered, question
    assert expect in answer.passages[0].text
    assert answer.answer == figure
    assert len(answer.passages[0].text) <= MAX_PASSAGE_CHARS


def test_passage_carries_citation(seed_engine: Engine) -> None:
    hit = seed_engine.ask("消防演练开展了几次？").passages[0]
    assert hit.title == "城口县高观镇人民政府2020年度法治政府建设工作情况报告"
    assert hit.section == "三、严格依法行政，推进平安高观建设进程 › （二）加强社会综合治理，深入推进普法依法治理工作"
    assert hit.doc == "城口县高观镇2020年度法治政府建设工作情况报告.txt"


def test_passage_text_is_the_reports_own_wording(seed_engine: Engine) -> None:
    hit = seed_engine.ask("疫情防控期间如何进行摸排？").passages[0]
    assert "不漏一户、不落一人" in hit.text  # not the normalised 不漏1户


@pytest.mark.parametrize(
    "question",
    [
        "今天天气怎么样？",
        "镇长叫什么名字？",
        "怎么办理身份证？",
        "养老保险怎么交",
        "2019年开展了几次消防演练？",
        # The report's own place name is in every passage's title: it does not make one the answer.
        "高观镇的面积有多大？",
        "高观镇的特产是什么？",
        "镇卫生院几点下班？",
        "高观镇的镇长是谁？",
        "高观镇党委书记是谁？",  # 党委 and 书记 of 党委带头学法, …总书记… name no one holding the office
        "高观镇的镇长是哪里人？",  # 哪里人 asks where one is from: 人 of 人民政府 in the title is no answer
        "2020年全镇财政收入多少？",
        "高观镇去年GDP是多少？",  # 去年 is the report's year, but the report says nothing of GDP
    ],
)
def test_refuses_what_the_report_does_not_hold(seed_engine: Engine, question: str) -> None:
    answer = seed_engine.ask(question)
    assert not answer.answered
    assert answer.passages == [] and answer.answer is None


def test_who_holds_an_office_is_found_beside_it(tmp_path: Path, tokenizer: Tokenizer) -> None:
    report = "坪坝镇2020年工作总结\n一、基层党建\n镇党委书记李明带头落实党委带头学法机制，全年讲授党课6次。\n"
    answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("坪坝镇党委书记是谁？")
    assert answer.answered and "党委书记李明" in answer.passages[0].text


def test_a_county_is_not_a_district(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # 区县 asks for either (高观镇属于哪个区县 → 城口县), but 有多少个县 is not answered by the city's districts.
    report = "某市2024年工作报告\n一、基本情况\n全市辖5个区，共有街道30个、社区200个。\n"
    engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
    assert not engine.ask("全市有多少个县？").answered
    assert engine.ask("全市有多少个区县？").answer == "5个"


@pytest.mark.parametrize("question", ["", "   \t ", "？？！！", "🙂🙂🚒", "\x00\x07\x1b"])
def test_empty_or_meaningless_question_gets_a_message(seed_engine: Engine, question: str) -> None:
    answer = seed_engine.ask(question)
    assert not answer.answered
    assert answer.notices and all(n.strip() for n in answer.notices)


def test_overlong_question_is_cut_and_says_so(seed_engine: Engine) -> None:
    question = "消防演练开展了几次？" * 1_000
    answer = seed_engine.ask(question)
    assert answer.question == question  # echoed as received
    assert any(str(MAX_QUESTION_CHARS) in n for n in answer.notices)
    assert answer.answered and answer.answer == "5次"


def test_control_characters_do_not_break_a_question(seed_engine: Engine) -> None:
    answer = seed_engine.ask("消防\x00演练\x1b开展了\u200b几次？")
    assert answer.answered and answer.answer == "5次"


def test_english_question_is_told_reports_are_chinese(seed_engine: Engine) -> None:
    answer = seed_engine.ask("How many fire drills were held?")
    assert any("中文" in n for n in answer.notices)


def test_more_results_pages_without_repeating(seed_engine: Engine) -> None:
    first = seed_engine.ask("法治宣传教育", top=3)
    second = seed_engine.ask("法治宣传教育", top=3, offset=3)
    assert first.answered and second.answered
    assert {h.passage_id for h in first.passages}.isdisjoint({h.passage_id for h in second.passages})


class TestSeveralReports:
    """With reports from two towns and years, the question's place or year picks the report."""

    def test_place_picks_the_report(self, two_report_engine: Engine) -> None:
        answer = two_report_engine.ask("明中乡开展了几次消防演练？")
        assert answer.answer == "3次"
        assert answer.passages[0].doc == "明中乡2021.txt"
        answer = two_report_engine.ask("高观镇开展了几次消防演练？")
        assert answer.answer == "5次"

    @pytest.mark.parametrize("question", ["明中乡悬挂了多少条横幅？", "明中乡的禁毒宣传是怎么做的？"])
    def test_a_place_is_not_answered_from_another_places_report(self, two_report_engine: Engine, question: str) -> None:
        # Only 高观镇's report speaks of banners and drug-prevention work: its answers are not 明中乡's.
        answer = two_report_engine.ask(question)
        assert not answer.answered, answer.passages[0].text

    def test_year_picks_the_report(self, two_report_engine: Engine) -> None:
        assert two_report_engine.ask("2021年开展了几次消防安全应急救援演练？").answer == "3次"
        assert two_report_engine.ask("2020年开展了几次消防安全应急救援演练？").answer == "5次"

    def test_next_year_means_the_newest_reports_plans(self, seed_engine: Engine) -> None:
        answer = seed_engine.ask("明年有什么工作计划？")
        assert answer.answered and answer.passages[0].section.startswith("六、2021年工作计划")

    def test_this_year_means_the_newest_report(self, two_report_engine: Engine) -> None:
        assert two_report_engine.ask("今年开展了几次消防安全应急救援演练？").answer == "3次"
        assert two_report_engine.ask("去年开展了几次消防安全应急救援演练？").answer == "5次"

    def test_a_year_no_report_covers_is_refused_and_says_which_years_there_are(self, two_report_engine: Engine) -> None:
        # 六、2021年工作计划 holds 工作计划 but not 2022: the plans of 2022 are in no report.
        answer = two_report_engine.ask("2022年有什么工作计划？")
        assert not answer.answered
        assert answer.reason == "现有报告里没有2022年的报告（现有：2020年、2021年）。"
        assert answer.suggestions  # the closest sections are still offered

    def test_a_year_a_passage_names_answers_from_another_years_report(self, seed_engine: Engine) -> None:
        answer = seed_engine.ask("2021年在宪法宣传方面有什么计划？")
        assert answer.answered and answer.reason is None

    def test_closest_sections_are_each_offered_once(self, two_report_engine: Engine) -> None:
        answer = two_report_engine.ask("2022年有什么工作计划？")
        cited = [(h.doc, h.section) for h in answer.suggestions]
        assert len(cited) == len(set(cited)) == 3

    def test_every_passage_names_its_report(self, two_report_engine: Engine) -> None:
        titles = {r.title for r in two_report_engine.reports}
        assert titles == {"城口县高观镇人民政府2020年度法治政府建设工作情况报告", "城口县明中乡人民政府2021年度法治政府建设工作情况报告"}
        for hit in two_report_engine.ask("调解纠纷多少起", top=5).passages:
            assert hit.title in titles

    def test_chinese_numerals_in_a_report_answer_as_digits(self, two_report_engine: Engine) -> None:
        answer = two_report_engine.ask("明中乡道路交通检查开展了多少次？")
        assert answer.answer == "80余次"
        assert "八十余次" in answer.passages[0].text

    def test_rate_question_gets_a_percentage(self, two_report_engine: Engine) -> None:
        assert two_report_engine.ask("调解成功率是多少？").answer == "98%"


def test_words_spread_over_a_paragraph_still_find_its_passage(tmp_path, tokenizer) -> None:
    filler = "围绕群众关心的婚姻家庭、土地承包、劳动报酬等问题，组织法律顾问深入村社逐户讲解，" * 6
    report = (
        "某镇2022年度工作报告\n"
        f"一、普法工作\n镇司法所牵头开展法律讲座进村活动。{filler}受到群众欢迎。全年共举办十二场，覆盖全部村社。\n"
        "二、文艺活动\n全年举办文艺演出八场，丰富群众文化生活。\n"
    )
    answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("法律讲座举办了多少场？")
    assert answer.answered and "全年共举办十二场" in answer.passages[0].text
    assert answer.answer == "12场"


@pytest.mark.parametrize(
    ("report", "question", "listed"),
    [
        # Both passages hold 提高 and 标准; 哪些标准 asks for the one listing standards (…、…等标准).
        (
            (
                "某省2018年政府工作报告\n一、民生\n稳步提高居民收入水平，提高最低工资标准，提高住房公积金缴存标准。\n"
                "强化民生兜底保障。稳步提高城乡低保、社会救助、抚恤优待等标准。\n"
            ),
            "2018年要提高哪些标准？",
            "抚恤优待等标准",
        ),
        # Both hold 新开工 and 重点项目; the list may close with how many there are (…等一批重点项目).
        (
            (
                "1997年政府工作报告\n一、回顾\n新开工重点项目投资增长较快，在新开工的国家重点项目投资总额中，中西部地区占全国的43%以上。\n"
                "新开工了南疆铁路、山西阳城坑口电厂、甘肃疏勒河农业综合开发等一批重点项目。\n"
            ),
            "新开工了哪些重点项目？",
            "南疆铁路",
        ),
    ],
)
def test_which_ones_is_answered_by_a_list_of_them(tmp_path: Path, tokenizer: Tokenizer, report: str, question: str, listed: str) -> None:
    answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question)
    assert answer.answered and listed in answer.passages[0].text


def test_holding_the_place_and_year_asked_about_is_not_holding_what_is_asked(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # Every passage of the report is of 湖北 and of last year: that says nothing of births.
    report = (
        "2025年湖北省政府工作报告\n一、2024年工作回顾\n"
        "刚刚过去的一年极不平凡，6100万湖北人民备受鼓舞、倍增动力。\n"
        "地区生产总值增长5.8%、总量达到60013亿元；规上工业增加值增长7.7%。\n"
        "新增城镇就业92.5万人，城镇调查失业率5.2%。\n"
    )
    engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
    assert not engine.ask("湖北去年出生了多少人？").answered
    assert engine.ask("湖北去年新增城镇就业多少人？").answer == "92.5万人"


def test_a_quoted_name_is_found_whole(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # 栏 alone is in the hurdles report; only the recycling report says 「下栏」.
    reports = {
        "a.txt": "罗伯斯是古巴田径运动员，专项为110米栏。他在北京出赛男子110米栏，以12秒93夺得金牌，跑完最后一个栏后庆祝。",
        "b.txt": "垃圾站内的回收物料会被分类，俗称「下栏」，除非经投标，垃圾分类工序交指定的收买者。",
    }
    engine = engine_over(tmp_path, reports, tokenizer)
    answer = engine.ask("「下栏」是指什么？")
    assert answer.answered and answer.passages[0].doc == "b.txt"
    assert not engine.ask("「上栏」是指什么？").answered


def test_a_title_no_passage_holds_is_not_answered_by_its_parts(tmp_path: Path, tokenizer: Tokenizer) -> None:
    report = (
        "某省2025年政府工作报告\n一、重点工作\n推进环岛旅游公路驿站建设，新建驿站20个。\n"
        "发展银发经济，建设银发友好型社会，新增养老床位5000张。\n"
        "在社区建设银发服务驿站30个，方便老年人就近休息。\n"
    )
    engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
    # One passage holds 银发 and 驿站, none 《银发驿站》.
    assert not engine.ask("《银发驿站》是谁写的？").answered
    assert engine.ask("“银发经济”是什么意思？").answered


def test_a_glossary_entry_may_name_its_kind_after_the_term(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # 13.“三大工程”建设：… defines 三大工程 as 43.“银龄教师”：… defines 银龄教师.
    report = (
        "某省2025年政府工作报告\n一、重点工作\n迭代推出“三个一批”政策举措，提速推动“三大工程”，开工建设7000套配售型保障性住房。\n"
        "名词解释\n13.“三大工程”建设：保障性住房建设、“平急两用”公共基础设施建设、城中村改造。\n"
    )
    answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("“三大工程”指的是哪三个？")
    assert answer.answered and answer.passages[0].text.startswith("13.“三大工程”建设：")


@pytest.mark.parametrize(("form", "text", "held"), [("2", "北站路236号", False), ("2", "2户车站", True), ("2", "第2.5", False), ("2", "共2个", True), ("户", "2户", True)])
def test_a_number_is_held_literally_only_whole(form: str, text: str, held: bool) -> None:
    assert _literally(form, text) is held


def test_a_number_in_a_question_is_held_only_whole(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # 二户车站 is read 2户车站; the 2 of it is not in 236号, so a passage on another station's 地址 does not hold it.
    reports = {
        "a.txt": "株洲北站是湖南省株洲市的铁路车站。车站机关地址：湖南省株洲市石峰区北站路236号，邮编412001。",
        "b.txt": "二户车站是一个位于日本岩手县二户市石切所的铁路车站，由东日本旅客铁道所经营。",
    }
    answer = engine_over(tmp_path, reports, tokenizer).ask("二户车站的地址是哪里？")
    assert answer.answered and answer.passages[0].doc == "b.txt"


def test_the_passage_that_repeats_the_questions_wording_comes_first(seed_engine: Engine) -> None:
    # Both passages hold 行政执法人员; one says what is asked of them (提高行政执法人员业务素质).
    answer = seed_engine.ask("镇里对行政执法人员有什么要求？")
    assert answer.answered and "提高行政执法人员业务素质" in answer.passages[0].text


@pytest.mark.parametrize("question", ["银龄教师是啥？", "银龄教师是什么意思", "“银龄教师”指的是什么？"])
def test_what_a_term_means_is_answered_by_the_glossary_entry_defining_it(tmp_path: Path, tokenizer: Tokenizer, question: str) -> None:
    # One report counts 银龄教师 among its targets; the other's glossary says what they are.
    reports = {
        "a.txt": "某省2025年政府工作报告\n一、重点工作\n实施银龄人才计划。年度目标：引进留用3600名高层次银龄人才，其中：银龄教师1550名、银龄医师1000名。\n",
        "b.txt": (
            "另一省2025年政府工作报告\n一、重点工作\n实施“银龄教师”计划。\n名词解释\n"
            "43.“银龄教师”：为积极应对人口老龄化，挖潜广大退休教师政治优势、专业优势，调动优秀退休教师继续投身教育事业的积极性。\n"
        ),
    }
    answer = engine_over(tmp_path, reports, tokenizer).ask(question)
    assert answer.answered and answer.passages[0].text.startswith("43.“银龄教师”：")


# Two reports with no title line, each opening by saying what it is about.
SUBJECT_REPORTS = {
    "a.txt": "红钻鱼（学名：Etelis carbunculus），又称大口滨鲷、红鸡仔，是笛鲷科的一种海鱼。"
    "本鱼分布于印度洋和太平洋，从东非、红海到夏威夷群岛都有记录，栖息在水深90至400米的岩礁区。",
    "b.txt": "丝尾红钻鱼（学名：Etelis coruscans），又称长尾滨鲷、闪灼红钻鱼，是笛鲷科的一种海鱼。"
    "本鱼广泛分布于印度太平洋区，从东非到夏威夷群岛都有记录，栖息在水深50至200米的海域。",
}


def test_a_question_naming_what_a_report_is_about_is_answered_from_that_report(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # b.txt names 红钻鱼 twice (闪灼红钻鱼), but it is about 丝尾红钻鱼.
    engine = engine_over(tmp_path, SUBJECT_REPORTS, tokenizer)
    answer = engine.ask("红钻鱼又称什么？")
    assert answer.answered and answer.passages[0].doc == "a.txt"


def test_a_question_about_what_a_report_is_about_is_answered_though_its_words_are_not_there(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # The report on 沼鹿 never says 生活习性; it is what the question is about, and it answers. A word that
    # names no report's subject is no such answer.
    reports = {
        **SUBJECT_REPORTS,
        "c.txt": "沼鹿（学名：Rucervus duvaucelii）是鹿科的一种，分布于印度和尼泊尔。牠们在早上及晚上觅食，较水鹿少在夜间活动，喜在草地上吃草。",
        "d.txt": "水鹿（学名：Rusa unicolor）是鹿科的一种大型鹿。本种分布于南亚、东南亚和中国南部，生活在森林中。",
        "e.txt": "梅花鹿是鹿科的一种中型鹿，生活于森林边缘和山地草原，夏毛有白色斑点。",
    }
    engine = engine_over(tmp_path, reports, tokenizer)
    answer = engine.ask("沼鹿的生活习性是什么样的？")
    assert answer.answered and answer.passages[0].doc == "c.txt"
    assert not engine.ask("尼泊尔的气候有什么特点？").answered  # the report on 沼鹿 names 尼泊尔, but is not about it


# 异齿前肛鳗's short passage says 以小型鱼类为食 and 前肛鳗 as tightly as a.txt's and scores higher; a.txt is about 前肛鳗.
EEL_REPORTS = {
    "a.txt": "前肛鳗（学名：Dysomma anguillare），为鳗鲡目通鳃鳗科的一个种。本鱼分布于全球各大洋，体长可达52公分。"
    "属于底栖鱼类，多分布在1000至200公尺之海底，属优势鱼种，以小型鱼类、甲壳类及软体动物为食。数量多，但无经济价值。",
    "b.txt": "异齿前肛鳗，又称长身前肛鳗，为鳗鲡目通鳃鳗科的一个种。本鱼分布于印度西太平洋海域。以小型鱼类为食，前肛鳗类多为食。",
    "c.txt": "黑尾前肛鳗，为鳗鲡目通鳃鳗科的一个种。体淡色，尾鳍黑色。属于底栖鱼类，以甲壳类为食。",
}
# 短䲟 and 白䲟 hold 䲟 too; a question naming 䲟 as a word of its own asks about a.txt's fish.
REMORA_REPORTS = {
    "a.txt": "䲟（学名：Echeneis naucrates），又称长印鱼，为䲟科的一种。本鱼体延长，背吸盘有21至28对鳍瓣，体长为盘长之3.5至4.35倍。",
    "b.txt": "短䲟（学名：Remora remora），又称短印鱼。本鱼体形粗短，背吸盘有16至20对鳍瓣。",
    "c.txt": "白䲟，又称白短印鱼。本鱼体延长，背吸盘有11至13对鳍瓣。",
}


@pytest.mark.parametrize(
    ("reports", "question", "doc", "figure"),
    [
        (EEL_REPORTS, "前肛鳗以什么为食？", "a.txt", None),  # of passages holding as much, the one of the report about it
        (REMORA_REPORTS, "䲟的背吸盘有多少对鳍瓣？", "a.txt", "21至28对"),  # a one-character subject
        (REMORA_REPORTS, "短䲟的背吸盘有多少对鳍瓣？", "b.txt", "16至20对"),
    ],
)
def test_the_report_a_question_is_about_answers_it(
    tmp_path: Path, tokenizer: Tokenizer, reports: dict[str, str], question: str, doc: str, figure: str | None
) -> None:
    answer = engine_over(tmp_path, reports, tokenizer).ask(question)
    assert answer.answered and answer.passages[0].doc == doc and answer.answer == figure


def test_a_report_about_a_titled_work_answers_what_it_says_of_it(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # a.txt says nothing of 写, 作者 or 年龄; it is about the book the question names (its title holding a
    # comma), and answers at the lower bar of a question naming what a report is about.
    reports = {
        "a.txt": "轻小说简介\n《虫，眼球系列》是当时年仅18岁的日日日在MF文库J出版的轻小说系列。插画家是三月MOUSE。",
        "b.txt": "轻小说介绍\n《魔法禁书目录》是镰池和马所著的轻小说系列，插画家是灰村清孝。",
        **{
            f"{n}.txt": f"第{n}号公告：{text}"
            for n, text in enumerate(
                ["全镇新建村道12公里，改造危房30户。", "坪坝村新建文化广场1个，安装路灯80盏。", "开展普法讲座20场，受众3000余人次。"]
                + ["新增城镇就业岗位450个，培训农民工600人。", "完成植树造林2000亩。", "调解矛盾纠纷46起，调解成功率98%。"]
            )
        },
    }
    answer = engine_over(tmp_path, reports, tokenizer).ask("写《虫，眼球系列》的作者出版时年龄多大？")
    assert answer.answered and answer.answer == "18岁" and answer.passages[0].doc == "a.txt"


@pytest.mark.parametrize(
    ("opening", "subject"),
    [
        ("红钻鱼(学名:etelis),又称大口滨鲷", "红钻鱼"),
        ("䲟(学名:echeneis),又称长印鱼", "䲟"),  # one character, then its bracket
        ("丘是1个中文姓氏", None),  # one character and no bracket: too short to say
        ("大莱龙铁路位于山东省北部环渤海地区", "大莱龙铁路"),
        ("高观镇是城口县的1个镇", "高观镇"),
        ("李思摩,本姓阿史那氏,名思摩", "李思摩"),  # a comma, then what it is or is also called
        ("神医,又称巫医", "神医"),
        ("沈龙元,是中国职业足球运动员", "沈龙元"),
        ("《唐文粹》又称《文粹》", "《唐文粹》"),
        ("《虫,眼球系列》是当时年仅18岁的日日日出版的轻小说系列", "《虫,眼球系列》"),  # a title holding a comma
        ("增城挂绿产于中国广东省广州市增城区", "增城挂绿"),
        ("过去一年,是极不平凡的一年", None),  # a time
        ("2020年以来,高观镇全面贯彻落实", None),
        ("2020年,我镇在县委县政府的领导下", None),  # opens with a time, not a subject
        ("(1)加强组织领导", None),
        ("今年是十四五规划的开局之年", None),  # a time, not a subject
        ("我镇位于城口县东北部", None),
    ],
)
def test_what_a_report_says_it_is_about(opening: str, subject: str | None) -> None:
    assert report_subject(opening) == subject


NAMES_REPORT = (
    "某镇2022年度乡村治理工作报告\n"
    "一、新乡贤工作\n"
    "新乡贤代表邬晏清，城口县坪坝镇人，退休前任镇中心小学校长。全镇评选新乡贤12名。\n"
    "二、人民调解\n"
    "坪坝村调解员司马晏从事人民调解工作十年，今年调解矛盾纠纷45起。\n"
    "司马平组织开展法律讲座6场。晏家村新建调解室1个。\n"
    "三、网格管理\n"
    "网格员王岩今年调解纠纷30起。\n"
    "网格员李䶮今年走访群众200余户。\n"
)


# A report naming people jieba does not know.
names_engine = engine_fixture("names_engine", {"r.txt": NAMES_REPORT})


class TestNamesAndAttributes:
    """Questions about people and things the dictionary does not know, and what is asked of them."""

    def test_asking_for_an_attribute_the_passage_states_without_naming_it(self, names_engine: Engine) -> None:
        # The passage says where 邬晏清 is from; it never writes the word 籍贯.
        answer = names_engine.ask("邬晏清的籍贯是哪里？")
        assert answer.answered and "城口县坪坝镇人" in answer.passages[0].text

    def test_a_name_jieba_runs_into_the_next_word_is_still_found(self, names_engine: Engine) -> None:
        # jieba cuts 司马晏是 as 司马 / 晏是; the question must still meet 司马晏 in the report.
        answer = names_engine.ask("司马晏是哪个村的调解员？")
        assert answer.answered and "调解员司马晏" in answer.passages[0].text

    @pytest.mark.parametrize("question", ["去年刮到海南的那个超强台风叫什么名字？", "那个超强台风的名字叫啥？"])
    def test_asking_what_something_is_called(self, tmp_path: Path, tokenizer: Tokenizer, question: str) -> None:
        # The passage gives the name (“摩羯”) without the word 名字, which reports hardly ever write.
        report = (
            "2025年海南省政府工作报告\n一、2024年工作回顾\n"
            "我们有力有效抗击超强台风和极端强降雨。特别是超强台风“摩羯”正面侵袭海南时，各方全力支援。\n"
            "二、2025年重点工作\n完善重大自然灾害灾后复盘机制，提升防灾减灾能力。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question)
        assert answer.answered and "摩羯" in answer.passages[0].text

    def test_what_happened_somewhere(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        report = (
            "2025年湖南省政府工作报告\n一、2024年工作回顾\n"
            "积极应战多轮强降雨过程，有效处置华容县团洲垸洞庭湖一线堤防决口。\n"
            "二、2025年重点工作\n强化应急演练。加快推进资兴市、华容县团洲垸等灾后恢复重建，出台支持政策。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("华容县去年出了什么事？")
        assert answer.answered and "堤防决口" in answer.passages[0].text

    def test_parts_of_a_name_found_apart_are_not_the_name(self, names_engine: Engine) -> None:
        # 司马平 holds 司马, 邬晏清 holds 清: nobody called 司马清 is in the report.
        assert not names_engine.ask("司马清的职务是什么？").answered

    def test_a_name_with_a_rare_character_keeps_it(self, names_engine: Engine) -> None:
        # 䶮 lies outside the basic Han block (Extension A), as rare characters of names often do: 王䶮
        # is not 王岩, whose figure must not be given for him, and 李䶮 is found by his whole name.
        assert not names_engine.ask("王䶮调解了多少起纠纷？").answered
        answer = names_engine.ask("李䶮走访了多少户？")
        assert answer.answered and answer.answer == "200余户" and "李䶮" in answer.passages[0].text


FIGURES_REPORT = (
    "某乡2022年度工作报告\n"
    "一、基本情况\n"
    "全乡辖6个村，户籍人口1.2万，常住人口8600余人。新建调解室三间，印发法律手册五百本。\n"
    "二、基层组织\n"
    "乡人大代表选举于2021年11月举行，这是第十八届乡人大代表选举。\n"
    "2019年，全乡第一个便民服务站在坪坝村建成。全年举办法律讲座6场。\n"
    "三、项目建设\n"
    "村道硬化工程投资80万元，全长12.5公里，于2021年6月开工，历时5个月完工。\n"
    "近三年全乡新建文化广场4个。全年接待游客12,500人次，旅游收入达到3.5亿美元。\n"
    "全乡生产总值年均增长7.5%，新增光伏发电装机1.2万千瓦。乡政府各部门共清理涉农规范性文件230件，废止83件，修订32件。\n"
    "全乡人口自然增长率控制在千分之五以内，群众对调解工作的满意率达九成以上。\n"
    "截至年底，全乡已有3个村（社区、居委会）初步建立了积分制管理制度，2100户农户参与积分制管理评比。\n"
)


# The 1993 report looks back on 1992 and sets targets for 1997.
STEEL_REPORT = (
    "1993年政府工作报告\n一、过去五年的回顾\n"
    "１９９２年同１９８７年相比，钢产量增长百分之四十二，达到８０００万吨；原煤产量增长百分之二十，达到１１亿吨。\n"
    "二、今后五年的任务\n加强原材料工业建设，１９９７年钢产量达到９４００万吨，并努力提高质量。\n"
)


# A report stating figures the ways reports do: in 万, as ordinals, at the head of a sentence.
figures_engine = engine_fixture("figures_engine", {"r.txt": FIGURES_REPORT})


class TestFigures:
    """The figure a how-many question asks for, or a plain 'not in the reports'."""

    def test_an_amount_in_wan_answers_how_many_people(self, figures_engine: Engine) -> None:
        assert figures_engine.ask("户籍人口有多少人？").answer == "1.2万"

    def test_counts_of_rooms_and_books(self, figures_engine: Engine) -> None:
        assert figures_engine.ask("新建了几间调解室？").answer == "3间"
        assert figures_engine.ask("法律手册印发了多少本？").answer == "500本"

    def test_an_ordinal_answers_which_one(self, figures_engine: Engine) -> None:
        assert figures_engine.ask("这是第几届乡人大代表选举？").answer == "第十八届"

    def test_a_figure_opening_its_sentence_counts_what_follows(self, figures_engine: Engine) -> None:
        assert figures_engine.ask("第一个便民服务站是几几年建成的？").answer == "2019年"

    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            ("村道硬化工程有多长？", "12.5公里"),  # a length, not the 80万元 of the same clause
            ("村道硬化用了几个月？", "5个月"),  # 2021年6月 is a date, not a count of months
            ("村道硬化花了多长时间？", "5个月"),
            ("近几年新建了多少个文化广场？", "4个"),  # 近几年 says when; 多少个 is what is asked
            ("全年接待游客多少人次？", "12,500人次"),  # thousands separators
            ("旅游收入是多少？", "3.5亿美元"),  # money in another currency
            ("光伏发电装机新增了多少千瓦？", "1.2万千瓦"),
            ("生产总值年均增长多少？", "7.5%"),  # 增长 asks for growth, not a length
            ("乡政府各部门废止了多少件涉农规范性文件？", "83件"),  # the verb asked about picks the figure of a list
            ("有多少村初步建立了积分制管理制度？", "3个"),  # the clause runs on past its bracketed aside
            ("人口自然增长率是千分之几？", "5‰以内"),  # 以内: a ceiling, not the figure itself
            ("群众对调解工作的满意率是多少？", "九成以上"),  # a share in tenths, with its bound
        ],
    )
    def test_the_figure_of_the_kind_asked_for(self, figures_engine: Engine, question: str, figure: str) -> None:
        answer = figures_engine.ask(question)
        assert answer.answered and answer.answer == figure

    def test_the_same_measure_of_something_else_is_not_the_answer(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        report = "某省2025年政府工作报告\n一、民生\n城乡居民医保参保人数1500万人，新增护理员8000人。\n"
        engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
        assert engine.ask("医保参保人数是多少？").answer == "1500万人"
        # 参保人数 is a count of people, but not of those who sat the 高考, which the report never names.
        answer = engine.ask("今年高考人数是多少？")
        assert answer.answer != "1500万人" and not answer.answered

    def test_a_passage_without_the_figure_says_it_has_none(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # The passage is about what was asked, but states no amount: it is shown, and said to hold none.
        report = "某省2025年政府工作报告\n一、开放\n稳定和扩大白酒、化肥、轮胎、茶叶等特色产品出口，推动更多产品走出去。\n"
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("白酒出口了多少？")
        assert answer.answered and answer.answer is None and "白酒" in answer.passages[0].text
        assert any("没有直接写出这个数字" in notice for notice in answer.notices)

    def test_a_share_that_picks_which_one_is_not_the_answer(self, figures_engine: Engine) -> None:
        # 哪项工作 is asked; the 九成 only says which.
        answer = figures_engine.ask("群众满意的比例达到九成以上的是哪项工作？")
        assert answer.answered and answer.answer is None and "调解工作" in answer.passages[0].text

    def test_the_questions_own_figure_is_not_the_answer(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 至道三年 says when; the passage gives no count of 路 that govqa reads, so no figure rather than 3年.
        report = "宋代地方行政\n至道三年，全国划分为十五路，设转运使二十四员。\n"
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("至道三年全国划分为多少路？")
        assert answer.answered and answer.answer != "3年"

    def test_an_ordinal_is_not_a_count(self, figures_engine: Engine) -> None:
        # 第十八届 says which election, not how many: 举行了几届 is not answered by it.
        assert figures_engine.ask("乡人大代表选举举行了几届？").answer != "18届"

    @pytest.mark.parametrize("question", ["网格员有多少人？", "高观镇有多少人口？", "高观镇的人口是多少？", "高观镇有多少党员？"])
    def test_no_such_figure_means_no_answer(self, seed_engine: Engine, question: str) -> None:
        # The passages found are about 网格/人口/党员 but count no people (1-2个 counts chat groups, 100% is the
        # share of 党员干部 who sat the law exam): say so.
        answer = seed_engine.ask(question)
        assert not answer.answered and answer.reason == "报告里没有找到这个数字。"
        assert answer.suggestions

    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            # not the growth (百分之四十二) nor 原煤's 11亿吨, whose clause only goes on 钢产量's sentence
            ("1992年钢产量是多少？", "8000万吨"),
            ("1992年钢产量增长了多少？", "42%"),
            ("1992年原煤产量是多少？", "11亿吨"),
        ],
    )
    def test_the_figure_of_what_is_asked(self, tmp_path: Path, tokenizer: Tokenizer, question: str, figure: str) -> None:
        assert engine_over(tmp_path, {"r.txt": STEEL_REPORT}, tokenizer).ask(question).answer == figure

    def test_a_harvest_asked_with_a_verb_finds_the_harvest(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 粮食产了多少: 产 is the verb, found in 总产量, not a name part that must stand beside 粮食 (粮食产能).
        report = (
            "2025年河南省政府工作报告\n一、2024年工作回顾\n"
            "克服极端灾害天气影响，粮食总产量1344亿斤，连续8年稳定在1300亿斤以上。\n"
            "二、2025年重点工作\n实施粮食产能提升工程。建设1500万亩小麦、2000万亩玉米高产示范区。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("河南去年粮食产了多少？")
        assert answer.answer == "1344亿斤" and "粮食总产量1344亿斤" in answer.passages[0].text

    def test_a_total_of_money_asked_with_heji_is_money(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 收入合计多少 asks for money, as 收入是多少 does: not the 两项 of 两项资金合计.
        report = "某县2024年工作报告\n一、财政\n预算内和预算外两项资金合计比上年增加一倍，五年合计财政收入为5953万元。\n"
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("财政收入合计多少？").answer == "5953万元"

    def test_a_length_in_inches_as_taiwan_writes_them(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        report = "某县2024年工作报告\n一、装备\n县消防大队新购的水枪，枪管长度为14英吋。\n"
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("枪管长度是多少？").answer == "14英吋"

    def test_a_target_for_a_later_year_is_not_the_year_asked(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        report = "1993年政府工作报告\n一、今后五年的任务\n加强原材料工业建设，１９９７年钢产量达到９４００万吨，并努力提高质量。\n"
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("1993年钢产量是多少？")
        assert answer.answer is None

    def test_a_figure_on_something_else_does_not_answer_what_the_best_passage_leaves_uncounted(self, seed_engine: Engine) -> None:
        # The epidemic passage tells of 派发防控疫情宣传单 but gives no number; 安全生产宣传资料4000余份 is
        # another campaign's, and holds less of the question.
        answer = seed_engine.ask("疫情期间发了多少份宣传单？")
        assert not answer.answered and answer.reason == "报告里没有找到这个数字。"
        assert "疫情" in answer.suggestions[0].text

    @pytest.mark.parametrize("question", ["网格员人数是多少？", "普法宣传的费用是多少？", "执法人员的培训率是多少？"])
    def test_a_noun_that_says_what_is_counted_asks_for_that_figure(self, seed_engine: Engine, question: str) -> None:
        # 人数 asks for people, 费用 for money, 培训率 for a share: none is stated beside these words.
        assert not seed_engine.ask(question).answered

    def test_a_passage_about_the_subject_without_a_count_is_not_an_answer(self, seed_engine: Engine) -> None:
        assert not seed_engine.ask("疫情期间确诊了多少人？").answered  # 不落一人 is not a count of cases

    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            ("网格公示牌设置了多少个？", "26块"),  # 多少个 asks for a count in whatever unit the report uses
            ("民情联系卡发了多少份？", "2000余张"),  # the resident's unit is loose; the cards were counted in 张
            ("教育了多少起？", "70起"),  # 教育 is in many passages: the one that counts 起 answers
        ],
    )
    def test_the_figure_that_answers_whatever_unit_was_asked(self, seed_engine: Engine, question: str, figure: str) -> None:
        assert seed_engine.ask(question).answer == figure


YEARLY_REPORTS = {
    "2002_2002年某省政府工作报告.txt": (
        "各位代表：\n一、过去一年的工作\n城市居民最低生活保障的覆盖人数，由年初的400多万人扩大到年末的1120多万人。"
        "发行1500亿元长期建设国债，集中用于在建项目。\n"
    ),
    "2007_2007年某省政府工作报告.txt": (
        "各位代表：\n一、过去五年的工作\n城镇职工基本医疗保险参保人数达到1.8亿人，比2002年增加1.6亿人。"
        "五年累计发行长期建设国债4200亿元。\n"
    ),
}


# Two years of one government's reports, each opening with 各位代表：as real ones do.
yearly_engine = engine_fixture("yearly_engine", YEARLY_REPORTS)


class TestReportsOfManyYears:
    def test_the_citation_names_the_report_not_its_salutation(self, yearly_engine: Engine) -> None:
        hit = yearly_engine.ask("2002年城市低保覆盖人数扩大到多少人？").passages[0]
        assert hit.title == "2002年某省政府工作报告"

    def test_the_year_asked_about_is_that_years_report(self, yearly_engine: Engine) -> None:
        # The 2007 report names 2002 too (比2002年增加), but the question is about the 2002 report.
        answer = yearly_engine.ask("2002年城市低保覆盖人数扩大到多少人？")
        assert answer.answer == "1120多万人" and answer.passages[0].doc.startswith("2002_")

    def test_a_province_named_for_short_picks_its_report(self, tmp_path, tokenizer: Tokenizer) -> None:
        reports = {f"2025年{name}政府工作报告.txt": f"2025年{name}政府工作报告\n一、回顾\n全年实现地区生产总值{gdp}亿元。\n"
                   for name, gdp in (("宁夏", 5503), ("贵州", 22667))}
        engine = engine_over(tmp_path, reports, tokenizer)
        assert engine.ask("宁夏全年地区生产总值是多少？").passages[0].doc == "2025年宁夏政府工作报告.txt"
        assert engine.ask("贵州全年地区生产总值是多少？").passages[0].doc == "2025年贵州政府工作报告.txt"

    def test_a_year_written_digit_by_digit_is_that_year(self, yearly_engine: Engine) -> None:
        assert yearly_engine.ask("二〇〇七年发行了多少亿元长期建设国债？").answer == "4200亿元"
        assert yearly_engine.ask("二〇〇二年发行了多少亿元长期建设国债？").answer == "1500亿元"

    def test_an_autonomous_region_named_for_short_picks_its_report(self, tmp_path, tokenizer: Tokenizer) -> None:
        # 黑龙江's sentence holds more of the question's words; the place named picks the report.
        reports = {
            "2025年内蒙古自治区政府工作报告.txt": "2025年内蒙古自治区政府工作报告\n一、回顾\n"
            "全年经济运行稳中有进，全区实现地区生产总值26314亿元，各项事业取得新的进展。\n",
            "2025年宁夏回族自治区政府工作报告.txt": "2025年宁夏回族自治区政府工作报告\n一、回顾\n"
            "全年经济运行稳中有进，全区实现地区生产总值5503亿元，各项事业取得新的进展。\n",
            "2025年黑龙江省政府工作报告.txt": "2025年黑龙江省政府工作报告\n一、回顾\n全年实现地区生产总值16476亿元。\n",
        }
        engine = engine_over(tmp_path, reports, tokenizer)
        assert engine.ask("内蒙古全年实现地区生产总值多少？").answer == "26314亿元"
        assert engine.ask("宁夏全年实现地区生产总值多少？").answer == "5503亿元"

    def test_the_reports_own_place_beside_a_figure_does_not_pick_it(self, tmp_path, tokenizer: Tokenizer) -> None:
        # 新疆 closes the sentence that 6.1%'s clause opens, and is rarer in the text than 固定资产投资, which is
        # 6.9%'s: a word of the report's title says which report, not which figure.
        report = (
            "2025年新疆政府工作报告\n一、回顾\n全疆地区生产总值同比增长6.1%、突破2万亿元大关，固定资产投资增长6.9%，"
            "社会消费品零售总额增长2%，新疆经济社会稳的基础更加牢固。\n"
            + "".join(f"第{n}季度固定资产投资项目审批提速，投资结构持续优化。\n" for n in "一二三四")
            + "".join(f"第{n}批民生实事全部完成，群众满意度稳步提升。\n" for n in "一二三四五六七八九十")
        )
        engine = engine_over(tmp_path, {"2025年新疆政府工作报告.txt": report}, tokenizer)
        assert engine.ask("新疆固定资产投资增长了多少？").answer == "6.9%"

    def test_an_amount_in_yi_yuan_answers_how_many_yi_yuan(self, yearly_engine: Engine) -> None:
        assert yearly_engine.ask("2002年发行了多少亿元长期建设国债？").answer == "1500亿元"


def test_the_passage_defining_a_thing_answers_what_it_is(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # Later passages of a paragraph carry its opening sentence as their frame; one naming 网格化管理 again
    # must not count it twice and come before the opening that says what it is.
    report = (
        "某镇2023年工作报告\n一、基本情况\n"
        "网格化管理是指把全镇划成若干网格、由网格员负责巡查和服务群众的基层治理方式。今年我镇推行这一方式。各村社区都已覆盖。"
        "网格化管理实行月度考核，考核结果与网格员补贴挂钩。综治中心与网格联动，群众诉求当日响应。经费由镇财政保障。\n"
    )
    engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
    for question in ("网格化管理是什么？", "什么是网格化管理？"):
        assert engine.ask(question).passages[0].text.startswith("网格化管理是指"), question


def test_a_day_asked_is_not_answered_by_a_year(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # 哪天 asks for a day: the 2025年 of a report's title is no answer to it.
    report = (
        "2025年某省政府工作报告\n2025年1月13日在某省第十四届人民代表大会第三次会议上\n某省人民政府省长 张三\n"
        "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2024年工作回顾\n全省地区生产总值增长5.4%。\n"
    )
    answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("某省的政府工作报告是哪天作的？")
    assert answer.answer != "2025年"
    assert any("2025年1月13日" in hit.text for hit in answer.passages)


def test_who_is_not_answered_by_a_title(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # The title 2025年某省政府工作报告 holds every word of 政府工作报告是谁作的 (作 too, inside 工作), but names no one.
    report = (
        "2025年某省政府工作报告\n——2025年1月13日在某省第十四届人民代表大会第三次会议上\n"
        "某省人民政府省长王五作政府工作报告。\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n"
        "一、2024年工作回顾\n全省地区生产总值增长5.4%。\n"
    )
    answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("某省的政府工作报告是谁作的？")
    assert answer.answered and "王五" in answer.passages[0].text


@pytest.mark.parametrize("question", ["定日县地震是啥时候发生的？", "定日县地震是几时发生的？", "定日县地震是什么时候发生的？"])
def test_when_as_residents_ask_it(tmp_path: Path, tokenizer: Tokenizer, question: str) -> None:
    # 啥时候 and 几时 ask when, as 什么时候 does: the answer is a date, and the asking word is no word to find.
    report = (
        "2025年某自治区政府工作报告\n一、2024年工作回顾\n今年1月7日，日喀则定日县发生6.8级地震，各方火速驰援。\n"
        "全区地区生产总值增长6.3%，粮食产量突破110万吨。\n"
    )
    assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question).answer == "1月7日"


# Lists as provincial reports write them: figures of several things in one sentence.
LISTS_REPORT = (
    "某省2025年政府工作报告\n"
    "一、工作回顾\n"
    "强化社会治安整体防控，信访总量和刑事立案量分别下降32.4%和19.9%。"
    "城镇居民、农村居民人均可支配收入分别增长4.6%、6.7%。\n"
    "启动建设电子元器件、生物制造、能源智能开发与高效利用3个省实验室，批复建设22个全省重点实验室。\n"
    "推行药品和医用耗材集中带量采购，降低费用负担超过4000亿元。推进一批重大项目。\n"
    "固定资产投资增长幅度由上年的百分之五十八点六回落到百分之二十七点八。\n"
    "二、2025年重点任务\n"
    "年度目标：全省城镇职工基本养老保险参保人数达970万人；开展6000户特殊困难高龄、失能老年人家庭居家适老化改造；"
    "实施青少年心理健康专项行动。拟安排地方政府专项债券4.4万亿元、比上年增加5000亿元。\n"
    "建成投产白酒技改项目，新增优质白酒产能5万千升。中央财政拟投入433亿元用于促进就业。\n"
    "五年来，国民收入由3010亿元增加到7790亿元。\n"
    "一般公共预算总收入5955.6亿元、增长0.8%，地方一般公共预算收入3614.6亿元、增长0.6%。\n"
    "一九五八年要求造林六千五百零六万亩，同时在采伐过的林地，补种和抚育二百一十九万亩。\n"
    "一九七四年五月，老主席视察了当地工作。一九七六年九月，老主席与世长辞。\n"
    "2025年1月13日在省人民代表大会第三次会议上，省长作政府工作报告。\n"
    "古城始建于845年，历时多年，于8月15日全面建成，成为当地名胜。\n"
    "要按期完成三年内裁减军队员额五十万的任务。烤烟：达到七百八十万担，增长百分之七十六点六。\n"
    "全社会研究与实验发展经费，从2002年1288亿元增加到2007年的3664亿元。居民储蓄存款余额五年增长1倍多。\n"
    "农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元。\n"
    "全方位夯实粮食安全根基。建设高标准农田1000万亩，完善建设、验收、管护机制，确保建一亩成一亩。\n"
    "全年开展法律进村活动十二场次，组织巡回审判6批次。\n"
    "对口援疆有力推进，19个援疆省市安排援疆资金近200亿元。\n"
)


lists_engine = engine_fixture("lists_engine", {"r.txt": LISTS_REPORT})


def extract(question: str, words: list[tuple[str, ...]], passage: str) -> tuple[str | None, bool]:
    """The figure a how-many question takes from a (normalised) passage, each word weighing the same."""
    asked = FigureQuestion.of(question, words, lambda _w: 1.0)
    assert asked is not None, question
    return asked.extract(passage)


class TestFiguresInLists:
    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            # 分别: the nth figure is the nth item's
            ("刑事立案量下降了多少？", "19.9%"),
            ("信访总量下降了多少？", "32.4%"),
            ("城镇居民人均可支配收入增长了多少？", "4.6%"),
            ("农村居民人均可支配收入增长了多少？", "6.7%"),
            # what is counted, right after the figure, over the verb before the next one
            ("启动建设了几个省实验室？", "3个"),
            ("批复建设了多少个全省重点实验室？", "22个"),
            # a noun after 多少 says what is measured: money, not a change
            ("集中带量采购降低了多少费用负担？", "4000亿元"),
            # 4.4万亿元 is money as 5000亿元 is; 比上年增加 is the change
            ("拟安排地方政府专项债券多少钱？", "4.4万亿元"),
            # a figure opening its item of a ；-list counts what follows in that item
            ("要给多少户老年人家庭做适老化改造？", "6000户"),
            # how residents say it: 增速 for 增长幅度, 降到 for 回落到
            ("固定资产投资增速降到了百分之几？", "27.8%"),
            ("新增了多少优质白酒产能？", "5万千升"),  # a volume, not 5万 of something
            ("中央财政拿出多少钱来促进就业？", "433亿元"),  # jieba: 多少 / 钱来; 拿出 for 投入
            ("援疆省市安排了多少援疆资金？", "200亿元"),  # money, though a word says which: not the 19个 of 19个援疆省市
            ("国民收入是多少亿元？", "7790亿元"),  # where 由…增加到 ended, not where it started
            # what is counted, named right before the figure as reports list work done, over the verb alone
            ("今年要建多少高标准农田？", "1000万亩"),
            # 场次 and 批次 are units of their own, not 场 and 批 with a stray 次
            ("法律进村活动开展了多少场？", "12场次"),
            ("巡回审判搞了几次？", "6批次"),
            ("国民收入由多少亿元增加？", "3010亿元"),
            # both clauses hold every word; one repeats the question's 一般公共预算收入 as written
            ("一般公共预算收入增长了多少？", "0.6%"),
            ("一般公共预算总收入增长了多少？", "0.8%"),
            # the question's own year opens the sentence; what it asks about is in the second clause
            ("1958年采伐过的林地要补种多少亩？", "219万亩"),
            ("1958年要求造林多少亩？", "6506万亩"),
            ("老主席是什么时候逝世的？", "1976年9月"),  # 逝世 for 与世长辞
            ("政府工作报告是哪天作的？", "2025年1月13日"),  # jieba: 哪 / 天作
            # 哪一年 asks a year: not the 8月15日 nearer the question's words, and a year of three digits counts
            ("古城是哪一年建成的？", "845年"),
            ("要裁减多少军队员额？", "50万"),  # 五十万 with no measure word; 3年内 says by when
            ("烤烟产量达到多少担？", "780万担"),  # 担, a weight
            ("2007年全社会研究与实验发展经费是多少？", "3664亿元"),  # 从2002年1288亿元 is where it started
            ("居民储蓄存款余额五年增长了多少？", "1倍多"),
            ("2000年城镇居民人均可支配收入是多少？", "6280元"),  # 分别, its items in the clause before
        ],
    )
    def test_the_figure_of_the_thing_asked_about(self, lists_engine: Engine, question: str, figure: str) -> None:
        answer = lists_engine.ask(question)
        assert answer.answered and answer.answer == figure

    def test_a_figure_followed_by_what_it_counts_counts_that(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 五个针对 counts 针对 (a slogan's five points), not health alliances; 五项原则 counts principles, not countries.
        report = (
            "某区2025年政府工作报告\n一、2024年工作回顾\n深入落实“五个针对”要求，紧密型县域医共体实现全覆盖。\n"
            "我们信守和平共处五项原则，同世界各国建立和发展友好关系，对外交往不断扩大。\n"
        )
        engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
        for question in ("有多少个县域医共体？", "同几个国家建立了友好关系？"):
            answer = engine.ask(question)
            assert answer.answer is None and not answer.answered, question

    def test_any_one_is_not_a_count(self) -> None:
        # 任何一个超级大国 is "any one": the report says with how many countries it has relations nowhere here.
        question, words = "中国跟几个国家建立了外交关系?", [("中国",), ("国家",), ("建立",), ("外交关系",)]
        assert extract(question, words, "中国决不依附于任何1个超级大国，也决不同它们任何一方结盟或建立战略关系。") == (None, False)
        assert extract(question, words, "中国同世界上130个国家建立了外交关系。") == ("130个", True)

    def test_the_output_of_something_else_is_not_the_answer(self) -> None:
        # 煤炭产量 asked of a passage stating only 粮食总产量: the harvest, however its unit, is not the coal mined.
        question, words = "内蒙古煤炭产量是多少?", [("内蒙古",), ("煤炭",), ("产量",)]
        assert extract(question, words, "粮食总产量达到820.1亿斤、实现“二十一连丰”，增量居全国第3位。") == (None, False)
        assert extract(question, words, "全区煤炭产量达到12.7亿吨，保障全国能源供应。") == ("12.7亿吨", True)

    def test_the_output_of_something_else_in_another_sentence_is_not_the_answer(self) -> None:
        # The passage names 煤炭 in the sentence before; the figure is 天然气产量's, which exceeds (超过) it.
        words = [("山西",), ("煤炭",), ("产量",)]
        assert extract("山西煤炭产量是多少?", words, "煤炭先进产能占比达到83%。非常规天然气产量超过165亿立方米,增长12.7%。") == (None, False)
        assert extract("山西煤炭产量是多少?", words, "煤炭先进产能占比达到83%。全省煤炭产量超过13亿吨。") == ("13亿吨", True)

    def test_an_output_is_not_a_count_of_projects(self) -> None:
        # 吞吐量是多少 asks how much a port moved: 13个港航项目 counts projects.
        question, words = "周口港的吞吐量是多少?", [("周口",), ("港",), ("吞吐量",)]
        assert extract(question, words, "建成周口港中心作业区一期工程，加快沙颍河、淮河等13个港航项目进度。") == (None, False)
        assert extract(question, words, "周口港全年货物吞吐量达到3500万吨。") == ("3500万吨", True)

    def test_a_target_asked_for_may_be_a_growth(self) -> None:
        # Reports set GDP targets as growths: 增长5%左右 answers GDP目标是多少, not the 失业率 of the same list.
        passage = "今年经济社会发展的主要预期目标是:地区生产总值增长5%左右;规模以上工业增加值增长6%左右;城镇调查失业率5.5%左右。"
        words = [("广东",), ("今年",), ("gdp", "地区生产总值"), ("目标",)]
        assert extract("广东今年GDP目标是多少?", words, passage) == ("5%左右", True)

    def test_an_item_of_a_list_that_says_what_it_measures_is_that(self) -> None:
        # 外贸进出口 leads the list, but 粮食产量280.76亿斤 says it is the harvest; the trade figure is a growth.
        passage = "初步预计,全区地区生产总值增长4.2%左右,外贸进出口总额增长9.4%,一般公共预算收入增长3%,粮食产量280.76亿斤。"
        assert extract("广西去年外贸进出口多少?", [("广西",), ("去年",), ("外贸",), ("进出口",)], passage) == (None, False)
        people = [("靖西",), ("市",), ("境内",), ("人口数",)]
        assert extract("靖西市境内的人口数为多少?", people, "2012年时靖西市境内人口为62万。") == ("62万", True)

    def test_an_amount_inside_a_figure_is_that_figure(self) -> None:
        # 10万余场次 counts events (场次): its 10万 is no count of visitors (人次).
        words = [("西藏",), ("去年",), ("游客",)]
        assert extract("西藏去年游客多少人次?", words, "开展各类文化惠民活动10万余场次,吸引游客参与。") == (None, False)
        assert extract("西藏去年游客多少人次?", words, "全年接待游客6500万人次,旅游收入增长。") == ("6500万人次", True)

    def test_a_difference_in_points_is_a_change(self) -> None:
        # 高于全国0.7个百分点 compares growths; GDP是多少 asks the economy's size (经济总量).
        passage = "全省地区生产总值增长5.7%,高于全国0.7个百分点,经济总量达到64697亿元,保持全国第5位。"
        words = [("四川",), ("去年",), ("gdp", "地区生产总值", "经济总量")]
        assert extract("四川去年GDP是多少?", words, passage) == ("64697亿元", True)

    def test_one_as_a_is_no_figure(self) -> None:
        # 交出一份高分答卷: 一份 is "a"; a question asking for no unit is not answered 1份 (nor 新一轮 1轮).
        gdp = [("浙江",), ("今年",), ("gdp", "地区生产总值"), ("目标",)]
        passage = "今年要高质量完成地区生产总值、研发投入强度等目标任务，交出1份经得起检验的高分答卷。"
        assert extract("浙江今年GDP目标多少?", gdp, passage) == (None, False)
        fields = [("甘肃",), ("今年",), ("建",), ("高标准",), ("农田",)]
        assert extract("甘肃今年要建多少高标准农田?", fields, "实施新1轮粮食产能提升行动,稳步推进高标准农田建设。") == (None, False)
        assert extract("今年开展了几次演练?", [("今年",), ("开展",), ("演练",)], "今年开展消防演练1次。") == ("1次", True)

    def test_a_years_figure_is_the_whole_years(self) -> None:
        # 去年经济增长了多少: the year's growth, not a quarter's, whichever comes first.
        passage = "实现三季度增长4.6%、追平全国，四季度增长5.6%、高于全国0.2个百分点，全年增长4.8%、总量达5.3万亿元。"
        assert extract("湖南去年经济增长了多少?", [("湖南",), ("去年",), ("经济",), ("增长",)], passage) == ("4.8%", True)
        assert extract("湖南三季度经济增长了多少?", [("湖南",), ("三季度",), ("经济",), ("增长",)], passage) == ("4.6%", True)

    def test_a_figure_in_another_measure_word_counts_what_it_counts(self) -> None:
        # 多少个站: 352条 counts bus lines (条); 12座 counts stations only where 站 stands beside it.
        words = [("北京地铁",), ("17",), ("号线",), ("站",)]
        passage = "开通3号线一期、12号线、昌平线南延一期等3条轨道新线;优化143条公交线路,推出通学、通医、通游专线352条。"
        assert extract("北京地铁17号线有多少个站?", words, passage) == (None, False)
        assert extract("北京地铁17号线有多少个站?", words, "17号线全线贯通,沿线新建车站12座。") == ("12座", True)

    def test_people_answer_how_many_only_when_people_are_counted(self) -> None:
        # 多少个县 counts counties: 1万人 counts pupils; 几个贫困户 may well be counted in 户.
        passage = "西藏班招生规模突破1万人,青藏高原地质资源工程团队荣获称号。"
        assert extract("西藏有多少个县?", [("西藏",), ("县",)], passage) == (None, False)
        assert extract("村里有几个贫困户?", [("村里",), ("贫困户",)], "全村建档立卡贫困户12户,已全部脱贫。") == ("12户", True)

    def test_an_output_is_not_a_span_of_time_or_a_rank(self) -> None:
        # 粮食产量有多少: the harvest, not the 3年 of 单产连续3年 or the 1位 of 第1位.
        passage = "粮食生产再创新高。播种面积达到8780.7万亩，单产连续3年居粮食主产省第1位，总产量达到853.2亿斤。"
        assert extract("吉林粮食产量有多少?", [("吉林",), ("粮食产量",)], passage) == ("853.2亿斤", True)


    def test_a_price_is_not_a_total(self) -> None:
        # 收购价是多少 asks what one unit costs: 产值超2200亿元 is the output of the whole industry.
        question, words = "棉花收购价是多少?", [("棉花",), ("收购价",)]
        assert extract(question, words, "全力推进棉花和纺织服装全产业链发展，产值超2200亿元，吸纳就业100余万人。") == (None, False)
        assert extract(question, words, "棉花收购价每斤3.5元，比上年提高0.2元。") == ("3.5元", True)

    def test_every_figure_of_a_list_of_changes_is_a_change(self) -> None:
        # 分别增长6.8%和8.3%: 8.3% is a growth though 增长 stands before 6.8%; 人均GDP是多少 asks a level.
        question, words = "人均gdp是多少?", [("人均",), ("gdp", "地区生产总值")]
        assert extract(question, words, "地区生产总值增长6.3%，城乡居民人均可支配收入分别增长6.8%和8.3%。") == (None, False)

    def test_a_number_of_is_not_one(self, lists_engine: Engine) -> None:
        # 推进一批重大项目: "a number of", so the report states no count of projects.
        answer = lists_engine.ask("推进了多少个重大项目？")
        assert answer.answer != "1批" and not answer.answered


# A year's results, then the targets for the next: what was done is asked 增长了多少, what is planned 预期.
RESULTS_AND_TARGETS = (
    "某市2025年政府工作报告\n"
    "一、工作回顾\n"
    "2024年，全市地区生产总值增长5.8%，固定资产投资增长3.2%，社会消费品零售总额增长4.4%，城乡居民收入稳步提高。\n"
    "常住人口城镇化率提高1.5个百分点，跨境电商交易额增长2倍。普惠小微贷款余额年均增长24%，贷款平均利率稳中有降。\n"
    "二、2025年预期目标\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，固定资产投资增长5%左右，社会消费品零售总额增长5%左右。\n"
    "三、2025年重点工作\n"
    "今年要高质量完成地区生产总值等目标任务，交出一份经得起检验的答卷。\n"
)


targets_engine = engine_fixture("targets_engine", {"r.txt": RESULTS_AND_TARGETS})


class TestResultsAndTargets:
    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            ("地区生产总值增长了多少？", "5.8%"),
            ("固定资产投资增长了多少？", "3.2%"),
            ("社会消费品零售总额增长了多少？", "4.4%"),
            ("去年地区生产总值增长多少？", "5.8%"),
        ],
    )
    def test_what_was_done_is_not_answered_by_a_target(self, targets_engine: Engine, question: str, figure: str) -> None:
        answer = targets_engine.ask(question)
        assert answer.answer == figure and "2024年" in answer.passages[0].text
        assert PLANNED_FIGURE not in answer.notices

    def test_a_target_given_for_a_question_not_asking_for_one_is_called_a_target(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # Only the targets state the harvest: the figure is given, and the resident told it is a target.
        report = (
            "某区2025年政府工作报告\n一、过去一年工作回顾\n粮食生产再获丰收，城乡居民收入稳步提高。\n"
            "经济增长达到预期目标。城镇新增就业32.5万人，零就业家庭动态清零。\n"
            "二、今年目标任务\n今年全区经济社会发展的主要预期目标是：地区生产总值增长5%左右；粮食产量282亿斤左右。\n"
        )
        engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
        answer = engine.ask("粮食产量是多少？")
        assert answer.answer == "282亿斤左右" and PLANNED_FIGURE in answer.notices
        assert PLANNED_FIGURE in render_text(answer)
        asked = engine.ask("粮食产量的目标是多少？")  # asked for the target: nothing to warn of
        assert asked.answer == "282亿斤左右" and PLANNED_FIGURE not in asked.notices
        done = engine.ask("城镇新增就业多少人？")  # a result, in a paragraph saying the target was met (达到预期目标)
        assert done.answer == "32.5万人" and PLANNED_FIGURE not in done.notices

    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            # 粮食产量是多少 means the harvest there was, not the target; a result beating its target
            # (超过全年预期目标) is a result, not a target.
            ("粮食产量是多少？", "280.76亿斤"),
            ("城镇新增就业了多少人？", "32.5万人"),
            # 去年 is the year a 2025 report looks back on, though its heading says only 过去一年
            ("去年粮食产量是多少？", "280.76亿斤"),
            ("去年城镇新增就业了多少人？", "32.5万人"),
        ],
    )
    def test_a_result_comes_before_a_target(self, tmp_path: Path, tokenizer: Tokenizer, question: str, figure: str) -> None:
        report = (
            "某区2025年政府工作报告\n一、过去一年工作回顾\n"
            "初步预计，全区地区生产总值增长4.2%左右，外贸进出口总额增长9.4%，一般公共预算收入增长3%，粮食产量280.76亿斤，"
            "城镇新增就业32.5万人，超过全年预期目标。\n"
            "二、今年目标任务\n今年全区经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业32万人以上；粮食产量282亿斤左右。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question)
        assert answer.answer == figure and "初步预计" in answer.passages[0].text

    def test_last_year_is_the_part_looking_back_when_its_heading_has_no_marker(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 2024年工作回顾 / 2025年工作安排 on lines of their own: 去年 is read in the first, not the plans of the second.
        report = (
            "2025年某自治区政府工作报告\n各位代表：\n现在，我代表自治区人民政府报告工作。\n2024年工作回顾\n"
            "三是潜力优势日益显现。打好农牧业提质增效攻坚战，粮食产量突破110万吨，第一产业增加值增长10%以上。\n"
            "2025年工作安排\n加快农牧业高质高效发展。坚持稳粮、兴牧、强特色，确保粮食产量稳定在100万吨以上。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("去年粮食产量有多少？")
        assert answer.answer == "110万吨" and answer.passages[0].section == "2024年工作回顾"

    @pytest.mark.parametrize(
        ("look_back", "plans", "question", "figure"),
        [
            # 三、2025年重点工作 names no plan word, but in a report delivered at the start of 2025 it is the year's
            # work to come: 去年 is the 836.9亿斤 harvested, not the 825亿斤 to keep up.
            (
                (
                    "——经济实力跃上新台阶。全省地区生产总值增长5.8%，经济总量跨上5万亿元台阶。粮食产量836.9亿斤，再创历史新高。"
                    "规上工业增加值增长9%，增速居工业大省第1位。"
                ),
                "三、2025年重点工作\n（七）乡村全面振兴\n稳定粮食生产，全年粮食产量825亿斤以上。",
                "去年粮食有多少斤？",
                "836.9亿斤",
            ),
            # 有多少家, naming no year and no tense: the 17家 there are, not the 10家 the plans hope to add.
            (
                (
                    "积极推进科技创新和产业创新紧密互动。注册科技型企业累计超过2600家，组建科创基金39只。全国重点实验室达到17家，"
                    "荣获国家科学技术奖20项。"
                ),
                "二、2025年工作安排\n（二）坚持创新驱动\n争创国家科技成果转移转化示范区，争取再获批10家以上全国重点实验室，申报国家技术创新中心。",
                "有多少家全国重点实验室？",
                "17家",
            ),
            # 搬迁了多少户, naming no year: the 2.14万户 moved, not the 3万户 the plans will move.
            (
                "完成生态及地质灾害避险搬迁2.14万户，确保12.98万户一期工程圆满收官。完善自然灾害监测预警、防范管控措施。",
                "二、2025年工作安排\n（六）持续保障和改善民生\n实施生态及地质灾害避险搬迁3万户，建设安置住房1.2万套。",
                "避险搬迁了多少户？",
                "2.14万户",
            ),
        ],
    )
    def test_what_was_done_or_is_there_is_not_answered_from_the_plans(
        self, tmp_path: Path, tokenizer: Tokenizer, look_back: str, plans: str, question: str, figure: str
    ) -> None:
        report = f"2025年某省政府工作报告\n一、2024年工作回顾\n{look_back}\n{plans}\n"
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question).answer == figure

    def test_a_target_asked_for_is_the_target(self, targets_engine: Engine) -> None:
        answer = targets_engine.ask("今年地区生产总值预期增长多少？")
        assert answer.answer == "5.5%左右" and "预期目标" in answer.passages[0].text

    def test_a_range_of_shares_is_given_whole(self) -> None:
        # 6.5%－7%: the target is the range, not its lower end.
        question, words = "国内生产总值增长目标是多少?", [("国内生产总值",), ("增长",), ("目标",)]
        assert extract(question, words, "今年发展的主要预期目标是：国内生产总值增长6.5%-7%，居民消费价格涨幅3%左右。") == ("6.5%-7%", True)

    def test_the_growth_target_set_is_the_economys(self, targets_engine: Engine) -> None:
        # 定 of 目标定的多少 sets the figure: it is no word to find, least of all inside 固定资产投资.
        assert targets_engine.ask("今年经济增长目标定的多少？").answer == "5.5%左右"

    def test_a_change_after_its_amount_belongs_to_that_amount(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 收入200亿元、增长3.1%: the growth's clause names no subject; 收入 nearest to a growth figure is 4.6%'s.
        report = "某市2024年统计公报\n全市地区生产总值3000亿元、增长5.5%，地方一般公共预算收入200亿元、增长3.1%，城镇居民、农村居民人均可支配收入分别增长4.6%、6.7%。\n"
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("一般公共预算收入增长了多少？").answer == "3.1%"

    @pytest.mark.parametrize(("question", "figure"), [("城镇化率提高了多少？", "1.5个百分点"), ("跨境电商交易额增长了多少？", "2倍")])
    def test_a_change_in_points_or_multiples(self, targets_engine: Engine, question: str, figure: str) -> None:
        assert targets_engine.ask(question).answer == figure

    def test_a_rate_is_not_a_growth(self, targets_engine: Engine) -> None:
        # The report gives no rate of interest: 年均增长24% is how the loans grew.
        answer = targets_engine.ask("贷款利率是多少？")
        assert answer.answer != "24%" and not answer.answered

    def test_a_change_is_a_share_not_a_count(self, targets_engine: Engine) -> None:
        # The passage says the income rose, not by how much: 过去一年 is no answer (1年), nor 一份答卷 (1份).
        answer = targets_engine.ask("城乡居民收入提高了多少？")
        assert answer.answered and answer.answer is None


# Work reports are delivered at the start of their year: the 2004 report looks back on 2003 without naming it,
# while the 2003 report looks back on 2002 and plans 2003. A yearly report (2020年度…) is about its own year.
WORK_REPORTS = {
    "2003.txt": (
        "2003年政府工作报告\n一、过去五年工作回顾\n国家外汇储备从1997年的1399亿美元增加到2002年的2864亿美元。\n"
        "二、2003年工作建议\n今年要继续扩大对外开放，保持国家外汇储备稳定。\n"
    ),
    "2004.txt": (
        "2004年政府工作报告\n一、一年来工作回顾\n全年实际利用外商直接投资535亿美元。年底国家外汇储备达4033亿美元。\n"
        "二、2004年工作任务\n今年要实际利用外商直接投资600亿美元。\n"
    ),
}
YEARLY_REPORTS = {
    "2020.txt": "某镇2020年度工作情况报告\n一、工作成效\n全年开展消防演练5次。\n",
    "2021.txt": "某镇2021年度工作情况报告\n一、工作成效\n全年开展消防演练8次。\n",
}


class TestTheYearAReportLooksBackOn:
    def test_a_years_figure_is_found_in_the_next_years_look_back(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        answer = engine_over(tmp_path, WORK_REPORTS, tokenizer).ask("2003年底国家外汇储备有多少？")
        assert answer.answer == "4033亿美元" and answer.passages[0].doc == "2004.txt"

    def test_a_question_about_plans_stays_with_its_years_report(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        answer = engine_over(tmp_path, WORK_REPORTS, tokenizer).ask("2004年要利用多少外商直接投资？")
        assert answer.answer == "600亿美元" and answer.passages[0].doc == "2004.txt"

    def test_a_report_named_by_its_year_is_that_report(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        answer = engine_over(tmp_path, WORK_REPORTS, tokenizer).ask("2003年的报告说国家外汇储备是多少？")
        assert answer.answer == "2864亿美元" and answer.passages[0].doc == "2003.txt"

    def test_a_yearly_report_is_about_its_own_year(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        engine = engine_over(tmp_path, YEARLY_REPORTS, tokenizer)
        assert engine.ask("2020年开展了几次消防演练？").answer == "5次"
        assert engine.ask("2021年开展了几次消防演练？").answer == "8次"


class TestTheUnitAsked:
    def test_a_figure_in_the_unit_asked_for_beats_one_in_a_loose_unit(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # The plan's 1000家 could count cars only loosely; the review's 23.6万辆 counts them.
        report = (
            "某省2025年政府工作报告\n一、2024年工作回顾\n"
            "提早对接重大举措，用好存量增量政策，汽车、家电产品以旧换新分别达23.6万辆、269.8万台，拉动消费超500亿元。\n"
            "二、2025年工作安排\n大力提振消费。持续实施以旧换新等促消费活动，扩大汽车、智能家居等消费，新增以旧换新服务网点1000家以上。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("汽车以旧换新了多少辆？")
        assert answer.answer == "23.6万辆"


    @pytest.mark.parametrize(
        ("word", "text", "spread"), [("全长", "全路长约2.8公里", True), ("全长", "全线路长", True), ("全长", "全,长", False), ("全长", "全部道路长", False)]
    )
    def test_a_word_spread_by_one_or_two_characters(self, word: str, text: str, spread: bool) -> None:
        assert _spread(word, text) is spread

    @pytest.mark.parametrize("question", ["康王路全长多少？", "康王路全长多少公里？"])
    def test_a_length_is_the_figure_its_word_leads_to_not_the_one_in_the_unit_asked(
        self, tmp_path: Path, tokenizer: Tokenizer, question: str
    ) -> None:
        # 公里 in the question is no evidence for 宽40米; 全长 is in 全路长约2.8公里 with 路 inside it.
        reports = {
            "a.txt": "康王路是广州市荔湾区一条贯穿南北的城市主干道。全路分北、中、南三段。全路长约2.8公里、宽40米，设置双向8车道。",
            "b.txt": "中山路是某市一条东西向的主干道，全长约5.6公里，沿线有多座历史建筑。",
        }
        assert engine_over(tmp_path, reports, tokenizer).ask(question).answer == "2.8公里"

    @pytest.mark.parametrize(("question", "figure"), [("1952年产了多少吨煤？", "6649万吨"), ("1957年比1952年煤增加了多少吨？", "6400万吨")])
    def test_an_amount_added_answers_how_much_was_added_not_how_much_there_was(
        self, tmp_path: Path, tokenizer: Tokenizer, question: str, figure: str
    ) -> None:
        report = (
            "1959年政府工作报告\n一、成就\n一九五七年比一九五二年，钢增加了四百万吨，煤增加了六千四百万吨。\n"
            "拿煤来说，英国早在一八五四年就已经能够生产六千五百七十万吨，同我国一九五二年生产六千六百四十九万吨的水平大体相等。\n"
        )
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question).answer == figure

    def test_a_synonym_the_reports_write_as_several_words_is_searched_for_by_them(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # GDP's synonym 地区生产总值 is cut 地区 / 生产总值 in reports: searched for whole, it matched no passage of
        # a long report, and only the report's name was left to find one.
        filler = "".join(f"第{n}项民生工程稳步推进，群众满意度持续提升。\n" for n in range(1, 80))
        report = f"2025年某省政府工作报告\n一、2024年工作回顾\n{filler}全省地区生产总值57761亿元、增长5.5%。\n"
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("某省的GDP是多少？").answer == "57761亿元"

    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            ("2024年GDP是多少？", "57761亿元"),  # GDP: what the report calls 地区生产总值
            ("全国重点实验室一共有多少家？", "23家"),  # a total: not the 15家 added this year
            ("今年新增了多少家全国重点实验室？", "15家"),
            ("去年接待了多少游客？", "6.5亿人次"),  # visitors are people (人次), not the money they spent
            ("地铁总里程有多少公里？", "900公里"),  # 地铁 for the report's 轨道交通
            ("CPI涨了多少？", "2.5%"),  # CPI: what the report calls 居民消费价格
            ("去年建了多少套保障房？", "5.7万套"),  # 保障房: what the report calls 保障性住房
            ("新农保有多少人参保？", "3.58亿人"),  # 新农保: 新型农村社会养老保险
            ("新结了几对国际友好城市？", "3对"),  # 友好城市: what the report calls 友城
        ],
    )
    def test_how_residents_name_what_reports_measure(self, tmp_path: Path, tokenizer: Tokenizer, question: str, figure: str) -> None:
        report = (
            "2025年某省政府工作报告\n一、2024年工作回顾\n"
            "初步统计，2024年全省地区生产总值57761亿元、增长5.5%，"
            "城镇居民、农村居民人均可支配收入分别增长4.6%和6.7%。\n"
            "文旅经济持续升温，全省接待旅游总人数6.5亿人次、游客旅游总花费8350亿元，机场旅客吞吐量2790.6万人次。\n"
            "全力保障国家战略科技力量建设。新增全国重点实验室15家、总数达23家。\n"
            "建成2号线西延伸等轨道交通线，全市线路总长近900公里。加强生活必需品保供稳价，居民消费价格上涨2.5%。\n"
            "加力稳住楼市，新增保障性住房5.7万套，完成城中村改造416个。\n"
            "2343个县开展新型农村社会养老保险试点，3.58亿人参保，覆盖面扩大到60%以上。\n"
            "向北开放桥头堡方面，新缔结3对国际友城，通辽保税物流中心获批。\n"
        )
        assert engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question).answer == figure


def test_a_figure_in_the_unit_the_question_names_beats_another_of_its_kind(tmp_path: Path, tokenizer: Tokenizer) -> None:
    # 完成 leads up to 286万亩 of 营造林; the question names 平方公里, which only 石漠化治理's figure is in.
    report = (
        "某省2025年政府工作报告\n一、2024年工作回顾\n深化草海综合治理。"
        "完成营造林286万亩、石漠化综合治理887.83平方公里、水土流失综合治理3294.43平方公里。\n"
    )
    engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
    assert engine.ask("石漠化治理完成了多少平方公里？").answer == "887.83平方公里"
    assert engine.ask("营造林完成了多少？").answer == "286万亩"


class TestCountsWrittenShort:
    """Counts written without the measure word a question uses, or in a sentence that names its subject by pronoun."""

    REPORT = (
        "某镇2024年度工作情况报告\n一、基本情况\n全镇辖3社区、12行政村，户籍人口2.1万。\n"
        "二、文体活动\n镇第三届乡村篮球赛于8月举行，各村球队踊跃报名，共有16队参加。全镇综合考核得分九十五分，位列全县第一。\n"
        "三、社会治理\n坪坝村新乡贤理事会于2019年成立，负责调解邻里纠纷。它现有成员28人。\n"
    )

    @pytest.mark.parametrize(
        ("question", "figure"),
        [
            ("全镇有几个行政村？", "12"),  # 12行政村: the count right before what it counts
            ("篮球赛有几支球队参加？", "16队"),  # 队 of 球队 as the measure word
            ("综合考核得了多少分？", "95分"),  # 九十五分: points, in numerals
            ("新乡贤理事会有多少人？", "28人"),  # 它现有成员28人: 它 is the council the sentence before names
        ],
    )
    def test_the_count_is_read(self, tmp_path: Path, tokenizer: Tokenizer, question: str, figure: str) -> None:
        answer = engine_over(tmp_path, {"r.txt": self.REPORT}, tokenizer).ask(question)
        assert answer.answered and answer.answer == figure


class TestFormerNames:
    @pytest.mark.parametrize("question", ["坪坝村原来的名字叫什么？", "坪坝村本来的名字是什么？", "坪坝村的原名是什么？"])
    def test_a_former_name_is_what_the_report_calls_its_original_name(self, tmp_path: Path, tokenizer: Tokenizer, question: str) -> None:
        report = (
            "某镇2024年度工作情况报告\n一、基本情况\n坪坝村原名大河坝村，2015年由两村合并而成。\n"
            "二、工作回顾\n全年新建村道12公里，改造危房30户，坪坝村新建文化广场1个。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask(question)
        assert answer.answered and "原名大河坝村" in answer.passages[0].text


# The report says 主持修缮了 where a resident says 修复 or 翻修; it names the 古戏台 they ask about.
RESTORED = (
    "某县2024年工作报告\n一、工作回顾\n"
    "县文化馆馆长李明主持修缮了城关古戏台，古戏台于2023年10月重新向群众开放。\n"
    "全年组织送戏下乡演出120场，惠及群众5万人次。\n"
    "二、存在问题\n部分乡镇综合文化站设施老化。\n"
)

restored_engine = engine_fixture("restored_engine", {"r.txt": RESTORED})


class TestVerbsInOtherWords:
    @pytest.mark.parametrize("question", ["谁带头修复了古戏台？", "古戏台是谁负责翻修的？"])
    def test_a_passage_naming_what_is_asked_answers_in_its_own_verbs(self, restored_engine: Engine, question: str) -> None:
        answer = restored_engine.ask(question)
        assert answer.answered and "主持修缮了城关古戏台" in answer.passages[0].text

    @pytest.mark.parametrize("question", ["县里举办了几场马拉松比赛？", "会议几点开始？"])
    def test_what_the_report_does_not_name_is_still_refused(self, restored_engine: Engine, question: str) -> None:
        assert not restored_engine.ask(question).answered

    def test_a_time_of_day_not_given_is_said_so(self, seed_engine: Engine) -> None:
        answer = seed_engine.ask("镇卫生院几点下班？")
        assert not answer.answered and answer.reason == "报告里没有找到这个时间。"

    def test_a_decade_is_not_a_year_the_report_must_be_of(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 1950年代 names no year: a report of 2024 that says 上世纪50年代 still answers it.
        report = "某县2024年文化工作报告\n一、文化遗产\n上世纪50年代，城关古戏台是全县最热闹的演出场所，每年演出逾百场。\n"
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("1950年代全县最热闹的演出场所是哪里？")
        assert answer.answered and "城关古戏台" in answer.passages[0].text

    def test_a_clock_time_is_a_figure(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        report = (
            "某镇便民服务指南\n一、办事时间\n镇便民服务中心每天上午8点30分开始办公，下午5点30分下班。\n"
            "二、意见征集\n群众代表对便民服务提出3点建议。\n"
        )
        engine = engine_over(tmp_path, {"r.txt": report}, tokenizer)
        assert engine.ask("便民服务中心几点下班？").answer == "下午5点30分"
        assert engine.ask("便民服务中心几点开始办公？").answer == "上午8点30分"
        assert engine.ask("群众代表提了几点建议？").answer == "3点"


# A provincial report looks back on last year and then sets out this year's work, in similar words.
LOOK_BACK_AND_AHEAD = (
    "某省2025年政府工作报告\n"
    "一、2024年工作回顾\n"
    "养老金水平逐步提高。连续提高养老金，退休人员基本养老金提高3%，城乡居民基础养老金提高到每月150元。\n"
    "防范自然灾害有力有效。有力防范应对持续性极端强降雨、超强台风等自然灾害，最大限度减少了损失。\n"
    "二、2025年工作安排\n"
    "持续深化社保扩面提质工程，提高退休人员基本养老金、城乡居民基础养老金、城乡低保标准。\n"
    "切实防范台风、暴雨、山洪、泥石流等自然灾害，加强应急能力建设。\n"
)

back_and_ahead_engine = engine_fixture("back_and_ahead_engine", {"r.txt": LOOK_BACK_AND_AHEAD})


class TestWhatTheReportPlans:
    @pytest.mark.parametrize(
        ("question", "expected"),
        [
            ("要提高哪些养老金？", "城乡居民基础养老金"),
            ("今年打算提高哪些养老金？", "城乡居民基础养老金"),
            ("要防范哪些自然灾害？", "山洪、泥石流"),
            ("下一步准备怎么防范自然灾害？", "山洪、泥石流"),
        ],
    )
    def test_a_question_about_plans_is_answered_from_the_part_looking_ahead(
        self, back_and_ahead_engine: Engine, question: str, expected: str
    ) -> None:
        answer = back_and_ahead_engine.ask(question)
        assert answer.answered and expected in answer.passages[0].text
        assert answer.passages[0].section.startswith("二、2025年工作安排")

    def test_a_question_about_what_was_done_still_gets_the_look_back(self, back_and_ahead_engine: Engine) -> None:
        answer = back_and_ahead_engine.ask("防范应对了哪些自然灾害？")
        assert answer.answered and answer.passages[0].section.startswith("一、2024年工作回顾")

    @pytest.mark.parametrize("question", ["下一步有什么打算？", "接下来准备怎么推进法治政府建设？"])
    def test_the_bundled_reports_plans(self, seed_engine: Engine, question: str) -> None:
        answer = seed_engine.ask(question)
        assert answer.answered and answer.passages[0].section.startswith("六、2021年工作计划")

    def test_strengthen_is_said_two_ways(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # Reports write 加强 and 强化 for the same thing; a resident asking 加强 must meet 强化.
        report = (
            "某区2025年政府工作报告\n二、2025年工作安排\n"
            "加强乌海湖区保护，加强乌海湖库区清淤及矿区生态修复。\n"
            "乌海及周边地区要强化大气污染联防联控联治，完善工业园区管理机制。\n"
        )
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("乌海要加强什么污染治理？")
        assert answer.answered and "强化大气污染联防联控" in answer.passages[0].text

    def test_will_it_rise(self, tmp_path: Path, tokenizer: Tokenizer) -> None:
        # 会涨吗: jieba guessed 会涨 as a word; the report writes 增长, the synonym of 涨.
        report = "某市2025年政府工作报告\n二、2025年工作安排\n今年计划安排职工工资有适度的增长，继续提高城乡居民基础养老金。\n"
        answer = engine_over(tmp_path, {"r.txt": report}, tokenizer).ask("今年职工工资会涨吗？")
        assert answer.answered and "职工工资有适度的增长" in answer.passages[0].text

    def test_main_and_needed_are_not_plans(self, back_and_ahead_engine: Engine) -> None:
        # 主要, 需要, 要求 are not "will": the look back is still the answer to what the passage says.
        answer = back_and_ahead_engine.ask("主要防范应对了哪些自然灾害？")
        assert answer.passages[0].section.startswith("一、2024年工作回顾")


SERVICES_REPORT = (
    "某镇2022年度工作报告\n"
    "一、便民服务\n"
    "镇便民服务中心于2021年6月15日正式启用，开通咨询电话023-59221234，全年接听群众来电1200余次。\n"
    "设立举报信箱2个，公布举报电话12345。\n"
    "二、通信\n"
    "全镇新增固定电话300户，移动电话用户达到1.2万户。\n"
    "三、交通\n"
    "新开通的公交线路编号为K12，全长18公里。\n"
)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("咨询电话是多少？", "023-59221234"),
        ("便民服务中心的电话号码是多少", "023-59221234"),
        ("举报电话是多少？", "12345"),
        ("新开通公交线路的编号是什么？", "K12"),  # as the report writes it, not lower-cased for matching
        ("全镇新增固定电话多少户？", "300户"),  # here 电话 is counted
        ("便民服务中心是什么时候启用的？", "2021年6月15日"),  # a when-question gets the date
        ("2022年报告里，便民服务中心何时启用？", "2021年6月15日"),  # not the question's own 2022年
    ],
)
def test_numbers_that_name_something_and_dates(tmp_path: Path, tokenizer: Tokenizer, question: str, figure: str) -> None:
    answer = engine_over(tmp_path, {"r.txt": SERVICES_REPORT}, tokenizer).ask(question)
    assert answer.answered and answer.answer == figure

