"""Normalisation and question words: numerals become digits only where they count something."""

from __future__ import annotations

import pytest

from index import Tokenizer
from index.normalize import Normalizer


@pytest.fixture(scope="module")
def normalize() -> Normalizer:
    return Normalizer()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("开展演练五次", "开展演练5次"),
        ("十二场", "12场"),
        ("三千五百余份", "3500余份"),
        ("三十万元", "30万元"),
        ("两三次", "2-3次"),  # a range, not 23
        ("新建三间调解室，印发五百本手册", "新建3间调解室,印发500本手册"),
        ("合格率百分之百", "合格率100%"),
        ("覆盖率百分之十六点六七", "覆盖率16.67%"),
        ("自然增长率千分之五点二", "自然增长率5.2‰"),
        ("甚麼時候", "什么时候"),  # 甚麼/甚么: another writing of 什么
        ("張貼標語", "张贴标语"),
        ("ＡＢＣ５次", "abc5次"),
        ("一九九五年固定资产投资", "1995年固定资产投资"),  # a year digit by digit
        ("二〇二〇年", "2020年"),
        ("两批", "2批"),
        ("裁减军队员额五十万的任务", "裁减军队员额50万的任务"),  # 万 ends a number, measure word or not
        ("由1 6 5 5 亿美元增加到3 2 5 1 亿美元", "由1655 亿美元增加到3251 亿美元"),  # digits a layout spaced
        ("烤烟达到七百八十万担", "烤烟达到780万担"),
        ("关岛得七分", "关岛得7分"),  # points scored
        ("考核得了九十五分", "考核得了95分"),
        ("十分钟", "10分钟"),
        # guards: not counts
        ("张三", "张三"),
        ("零售价", "零售价"),
        ("一是加强", "一是加强"),
        ("一村一警", "一村一警"),
        ("十九大", "十九大"),
        ("哪一年", "哪一年"),  # a question, not 1年
        ("这一部法规", "这一部法规"),  # which one, not how many
        ("第一次", "第一次"),
        ("推进一批项目", "推进一批项目"),  # "a number of", not one batch
        ("开通3号线一期、昌平线南延一期", "开通3号线一期、昌平线南延一期"),  # a project's phase names it
        ("加快机场三期扩建，二期工程建成", "加快机场三期扩建,二期工程建成"),  # (full-width comma → half-width)
        ("举办培训班三期", "举办培训班3期"),  # periods counted are still a count
        ("一二三四五年", "一二三四五年"),  # five digits: no year
        ("千万不要", "千万不要"),  # "by all means": no digit before 万
        ("万一出现", "万一出现"),
        ("亿万人民", "亿万人民"),
        ("十分重要", "十分重要"),  # "very", not ten points
        ("占三分之一", "占三分之一"),  # a fraction
        ("一分为二", "一分为二"),
    ],
)
def test_folding(normalize: Normalizer, raw: str, folded: str) -> None:
    assert normalize(raw) == folded


class TestQuestionWords:
    """What the tokenizer makes of how residents ask."""

    @pytest.mark.parametrize(("word", "verb"), [("劝阻", True), ("下班", True), ("建设", False), ("房价", False), ("镇长", False)])
    def test_verbs_are_told_by_the_dictionary_and_ours_overrides_it(self, tokenizer: Tokenizer, word: str, verb: bool) -> None:
        # jieba's dictionary tags 镇长 a verb; ours says it is a noun.
        assert tokenizer.is_verb(word) is verb

    @pytest.mark.parametrize(("word", "verb"), [("刮到", True), ("挂上", True), ("强台风", False), ("城下", False)])
    def test_a_verb_jieba_guessed_with_its_result_is_a_verb(self, tokenizer: Tokenizer, word: str, verb: bool) -> None:
        # 那个台风刮到海南: jieba's HMM makes 刮到 one word its dictionary does not have; 刮 is a verb there.
        assert tokenizer.is_verb(word) is verb

    def test_a_name_keeps_apart_from_the_function_word_jieba_ran_into_it(self, tokenizer: Tokenizer) -> None:
        # jieba's HMM cuts 司马晏是 as 司马 / 晏是; 晏是 is in no report, 晏 is.
        assert tokenizer.query("司马晏是哪个村的调解员？").words == ("司马", "晏", "村", "调解员")

    @pytest.mark.parametrize(
        ("question", "words"),
        [
            ("职工工资会涨吗？", ("职工工资", "涨")),  # jieba's HMM: 会涨, a word no report holds
            ("补身汤会使用什么肉？", ("补身", "汤", "使用", "肉")),  # jieba's HMM: 汤会
            ("政治人物更著重什么？", ("政治", "人物", "著重")),  # jieba's HMM: 更著重
            ("明年房价会降吗？", ("明年", "房价", "降")),
            ("有多少辆车被检查了？", ("车", "检查")),  # jieba: 多少 / 辆车
            # …but 人口, 年轻人, 名额 are words that only begin with a measure word: what is counted
            ("2016年全国出生了多少人口？", ("2016", "全国", "出生", "人口")),
            ("村里有多少年轻人外出务工？", ("年轻人", "外出", "务工")),
            ("湖南省长叫什么名字？", ("湖南省", "长")),  # jieba's HMM: 湖南省 / 长叫; 什么名字 only asks
            ("镇长的父亲是哪里人？", ("镇长", "父亲")),  # 哪里人 asks where from, as a whole
            ("扶贫工作做得怎么样？", ("扶贫", "工作")),  # 得 links a verb to how it went, like 的
            ("1986年中国跟几个国家建立了外交关系？", ("1986", "中国", "国家", "建立", "外交关系")),  # 跟: 和, 与
            ("禁毒工作包括哪些方面？", ("禁毒", "工作", "包括")),  # jieba: 哪些方面
            ("2020年全镇财政收入多少？", ("2020", "全镇", "财政收入")),  # the year's 年 is not a word of its own
            ("政府工作报告是哪天作的？", ("政府", "工作", "报告", "作")),  # jieba: 哪 / 天作; 哪天 asks when
            # jieba: 哪 / 一个, 哪 / 一种: the count belongs to the asking word (the report writes 1个)
            ("哪一个村调解纠纷最多？", ("村", "调解纠纷", "最", "多")),
            ("禁毒宣传用了哪一种方式？", ("禁毒", "宣传", "用", "方式")),
            ("法治政府建设于何时开始？", ("法治政府", "建设", "开始")),
            ("哪一部分工作还没完成？", ("部分", "工作", "没", "完成")),  # jieba: 哪 / 一部分
            # function words and the framing of a question about a text are not what it asks about
            ("文中提到的禁毒宣传是怎么开展的？", ("禁毒", "宣传")),
            ("2020年时镇里由谁负责调解工作？", ("2020", "负责", "调解", "工作")),  # jieba: 2020 / 年时
            # jieba's HMM: 年拟, 率要, 增从 — the number's 年 and the function words 要, 从 come off
            ("2007年拟安排长期建设国债多少亿元？", ("2007", "拟", "安排", "长期", "建设", "国债", "亿元")),
            ("水土保持率要达到多少？", ("水土保持", "率", "达到")),
            ("2021年赤字率定的多少？", ("2021", "赤字率")),  # not 赤字 / 率定: 定 sets the figure asked
            # how residents frame a request is not what they ask about
            ("请帮我查一下消防演练搞了几次", ("消防演练",)),
            ("能不能说一下禁毒工作", ("禁毒", "工作")),
            ("麻烦说下消防演练情况", ("消防演练",)),
            ("网格管理是怎么回事", ("网格", "管理")),
            # policies known by their short names are words of their own, as reports write them
            ("營改增從什麼時候開始擴大到建築業？", ("营改增", "开始", "扩大", "到", "建筑业")),
            ("新农保试点范围扩大到多少县？", ("新农保", "试点", "范围", "扩大", "到", "县")),
            ("除了消防演练还有哪些安全工作？", ("消防演练", "安全", "工作")),
            # jieba: 多 / 深, 多 / 宽: together they ask how deep or wide, like 多少
            ("蓄水池有多深？", ("蓄水池",)),
            ("新修的村道有多宽？", ("新修", "村道")),
            # hedges and pointing words: jieba joins 该 to the noun (该村) and 此 to the measure word (此次)
            ("该村大约有多少户？", ("村",)),
            ("此次培训大概有多少人参加？", ("培训", "参加")),
        ],
    )
    def test_what_is_asked_about_comes_apart_from_how_it_is_asked(
        self, question: str, words: tuple[str, ...], tokenizer: Tokenizer
    ) -> None:
        assert tokenizer.query(question).words == words

    def test_a_one_character_name_part_must_sit_beside_the_rest(self, tokenizer: Tokenizer) -> None:
        assert tokenizer.query("司马晏是谁？").joins == {"晏": ("马晏",)}

    def test_a_verb_after_what_it_acts_on_stands_alone(self, tokenizer: Tokenizer) -> None:
        # 发 is a verb at the end of its phrase: the report writes 发放民情联系卡, never 卡发.
        assert tokenizer.query("民情联系卡发了几张？").joins == {}

    @pytest.mark.parametrize(
        "question", ["宝山镇的初级中学叫什么名字？", "宝山镇的初级中学名字叫啥？", "海翠商场后来改成了什么名字？", "一级行政区改划为什么名字？"]
    )
    def test_the_word_for_a_name_only_asks_for_one(self, tokenizer: Tokenizer, question: str) -> None:
        assert "名字" not in tokenizer.query(question).words

    @pytest.mark.parametrize("question", ["华容县去年出了什么事？", "华容县去年发生了什么事情？"])
    def test_what_happened_is_asked_by_a_phrase(self, tokenizer: Tokenizer, question: str) -> None:
        # 出了什么事 asks what happened: the passage says 决口, neither 出 nor 事.
        assert tokenizer.query(question).words == ("华容县", "去年")

    @pytest.mark.parametrize(("question", "words"), [("禅那在佛经中指什么？", ("禅", "佛经", "中")), ("他的中指受伤了吗", ("他", "中指", "受伤"))])
    def test_zhongzhi_before_what_is_in_and_the_asking_zhi(self, tokenizer: Tokenizer, question: str, words: tuple[str, ...]) -> None:
        # jieba cuts 在佛经中指什么 as 佛经 / 中指 (the finger) / 什么: 指 asks what is meant, as in 指的是什么.
        assert tokenizer.query(question).words == words

    @pytest.mark.parametrize(("question", "words"), [("「下栏」是指什么？", ("栏", "下栏")), ("“一村一警”是什么", ("一村一警",)), ("《唐文粹》共收多少篇？", ("唐文粹", "收"))])
    def test_what_a_question_quotes_is_a_word_to_find_whole(self, tokenizer: Tokenizer, question: str, words: tuple[str, ...]) -> None:
        # jieba cuts 下栏 as 下 / 栏, and 下 is a stop-word: the quoted name was searched for as 栏 alone.
        assert tokenizer.query(question).words == words

    @pytest.mark.parametrize(("question", "words"), [("“三大工程”指的是哪三个？", ("三大", "工程", "三大工程")), ("四下基层指哪四个", ("四下", "基层"))])
    def test_which_three_asks_how_many_are_meant(self, tokenizer: Tokenizer, question: str, words: tuple[str, ...]) -> None:
        # 指 before 哪, and the count after 哪, ask: a passage saying “三个一批” holds no more of what is asked.
        assert tokenizer.query(question).words == words

    def test_a_guessed_word_loses_the_zhi_of_zhideshi(self, tokenizer: Tokenizer) -> None:
        # jieba's HMM cuts 两新指的是啥 as 两新指 / 的 / 是 / 啥: the term the report defines is 两新.
        assert tokenizer.query("两新指的是啥？").words == ("两新",)

    def test_a_one_character_word_with_an_aspect_particle_is_a_verb(self, tokenizer: Tokenizer) -> None:
        # jieba tags 产 a noun, but 产了 is "produced": 粮食产了多少 is answered by 粮食总产量, where no 食产 stands.
        assert tokenizer.query("河南去年粮食产了多少？").joins == {}

    @pytest.mark.parametrize(
        ("question", "words"),
        [("去年产了多少粮食？", ("去年", "产", "粮食")), ("1952年产了多少吨煤？", ("1952", "产", "煤")), ("2024年产量是多少？", ("2024", "年产量"))],
    )
    def test_a_year_keeps_its_nian_when_jieba_reads_an_annual_output(self, tokenizer: Tokenizer, question: str, words: tuple[str, ...]) -> None:
        # jieba cuts 去年产了 as 去 / 年产 / 了: the year asked about was lost, and 年产 ("annual output") searched for.
        assert tokenizer.query(question).words == words

    @pytest.mark.parametrize("question", ["巴沟站是哪条线路的车站？", "这是哪一年的报告？", "高观镇属于哪个县？"])
    def test_which_words_are_not_searched_for(self, question: str, tokenizer: Tokenizer) -> None:
        assert not any(w.startswith("哪") for w in tokenizer.query(question).words)

    @pytest.mark.parametrize(
        ("question", "words"),
        [
            ("荨麻在外形上有什么特征？", ("荨麻", "外形", "特征")),  # 在 … 上 only says where to look
            ("在选举中最终获胜的是谁？", ("选举", "最终", "获胜")),
            ("在报告里提到了几次？", ("报告",)),
            ("中国有多少人？", ("中国",)),  # no 在 before it: 中 is a word here
            ("在网上怎么办理？", ("网上", "办理")),  # jieba's one word
        ],
    )
    def test_where_a_question_looks_is_no_word_to_find(self, tokenizer: Tokenizer, question: str, words: tuple[str, ...]) -> None:
        assert tokenizer.query(question).words == words

    @pytest.mark.parametrize(
        ("question", "focus"),
        [
            ("邬晏清的籍贯是哪里？", {"籍贯"}),
            ("网格公示牌是什么颜色？", {"颜色"}),
            ("朱载圳的性格有什么特点?", {"性格", "特点"}),
            ("巴沟站是哪条线路的车站？", {"线路"}),
            # what a count word counts is the subject, not the kind of answer
            ("开展了几次消防演练？", set()),
            ("悬挂了多少条安全生产横幅？", set()),
            ("镇长叫什么名字？", set()),  # 名字 beside 叫什么 is no word at all (see below)
            ("邬晏清的父亲名字叫什么？", {"父亲"}),  # …and what is asked of 邬晏清 is his father
            ("邬晏清的父亲名字是什么？", {"名字"}),  # a name is stated, not called a name
            ("禁毒工作包括哪些方面？", {"包括"}),
            # an aspect (地形, 特点, 习性) names the kind of answer wherever it stands in a question that asks
            ("河口湾有什么地形特点？", {"地形", "特点"}),
            ("麦银汉鱼的生活习性有什么特点？", {"习性", "特点"}),
            ("网格公示牌的特点", set()),  # no asking word: a search for the words
            # a name, wherever it stands, is stated, not called one; 含义是什么 only asks (it is no word to find)
            ("隆柯龙类名字的含义是什么？", {"名字"}),
            # 是哪里人 asks where one is from; 父亲 is whom it is asked of
            ("镇长的父亲是哪里人？", set()),
            # what a figure measures is stated beside it (人口8.57万), unlike 籍贯 beside 江苏吴江人
            ("西安的邮政编码是多少？", set()),
            ("水库的面积有多大？", set()),
        ],
    )
    def test_words_naming_the_kind_of_answer(self, question: str, focus: set[str], tokenizer: Tokenizer) -> None:
        assert tokenizer.query(question).focus == focus
