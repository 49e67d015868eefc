"""Pulling the figure a question asks for (5次, 23余次, 1-2个, 100%) out of a passage."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .normalize import HAN, HAN_RE, MEASURE_WORDS, NUMERALS

__all__ = ["CLOCK", "CODE", "DATE", "OFTEN", "FigureQuestion", "asks_for_figure", "counted_unit", "longest_shared_run", "wording"]

# Counting words and units a report states figures in besides those of MEASURE_WORDS and the measures below.
_COUNTING_UNITS = "个百分点 百分点 个月 户次 场次 批次 架次 千瓦时 千瓦 兆瓦 钱 对 盘 旗 趟 遍 分 颗 粒 根 班 站 级 步 话 队 盏 扇 片 匹 列 节 季 段 页 秒 点".split()  # 点: 几点下班 asks a clock time, 几点建议 a count
# What each unit measures: a question asking for a length takes any length (体长多少 → 89厘米, 多少米 → 1.2公里).
# Latin units as NFKC and lower-casing leave them: ㎡ is m2, ℃ is °c.
_KIND_UNITS = {
    "米": "公里 千米 米 厘米 公分 毫米 公尺 英里 英尺 英寸 英吋 吋 海里 光年 km cm mm m",
    "平方米": "平方公里 平方千米 平方米 平方公尺 平方英里 公顷 亩 km2 m2",
    "公斤": "吨 公斤 千克 克 斤 担 磅 kg g",
    "元": "元 万元 亿元 美元 港元 港币 澳元 欧元 日元 英镑 韩元 卢布 越南盾 新台币 台币 人民币",
    "度": "度 °c",
    "立方米": "立方米 立方千米 m3 升 千升 毫升",
}
_KIND_OF = {unit: kind for kind, units in _KIND_UNITS.items() for unit in units.split()}
# Residents' words for the unit the report writes.
_SAME_UNIT = {"回": "次", "遍": "次", "趟": "次", "场": "次", "场次": "次", "批次": "次", "架次": "次", "位": "人", "名": "人", "人次": "人", "间": "家", "钱": "元", "成": "%", **_KIND_OF}


def _unit_pattern(units: list[str]) -> str:
    """An alternation of units, longest first; a Latin unit must not run into a word (5m, not 300mb)."""
    ordered = sorted(set(units), key=len, reverse=True)
    return "|".join(f"{re.escape(u)}(?![a-z])" if u[-1].isascii() and u[-1].isalpha() else re.escape(u) for u in ordered)


_UNIT_ALTERNATION = f"(?:{_unit_pattern([*MEASURE_WORDS.split('|'), *_COUNTING_UNITS, *_KIND_OF])})"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # 2,790,060 as well as 2790060
# 几 asks how many, except in 几乎 (almost), 几何 (geometry), 几内亚 (Guinea), 茶几 (a tea table), 几时 (when).
_HOW_MUCH_RE = re.compile(r"多少|(?<![哪\d这那近前后好十茶])几(?!乎|何|内亚|时)|百分之几|千分之几|多大|多高|多长|多远|多重|多深|多宽|多久")
# A share asked for by its word alone (法治考试及格率？, 女性的比例): unless the question asks which one
# (哪一种米的比例最多, 哪个族群的人口比例占四成), when the share is what picks the answer, not the answer.
_SHARE_Q_RE = re.compile(r"百分比|比例|占比|比重|比率|率\s*(?:是|为|有|达到|怎么样|如何)?\s*[?？]?\s*$")
_WHICH = "哪|谁|什么|何"  # 何 covers 如何 and 何时, 什么 covers 为什么
_WHICH_RE = re.compile(_WHICH)
# 这几年, 哪位皇帝发动了几次战役: beside another asking word, 几 means "a few", and what is asked is that word.
_OTHER_ASKING_RE = re.compile(f"{_WHICH}|怎|多少")
# What a question asks the amount of, when it says so by its noun (高考人数是多少, 起步价是多少, 全长多少).
_RATE_WORDS = frozenset("率 比例 比重 占比".split())
_IMPLIED_UNITS = (
    ("人数", "人"), ("人口", "人"), ("次数", "次"), ("户数", "户"), ("个数", "个"),
    ("价格", "元"), ("价", "元"), ("费用", "元"), ("费", "元"), ("金额", "元"), ("工资", "元"), ("收入", "元"),
    ("投资", "元"), ("资金", "元"), ("融资", "元"), ("奖金", "元"), ("预算", "元"), ("造价", "元"),
    ("支出", "元"), ("开支", "元"), ("成本", "元"), ("利润", "元"), ("营业额", "元"), ("销售额", "元"), ("营收", "元"),
    ("产值", "元"), ("总值", "元"), ("余额", "元"), ("税收", "元"),
    ("面积", "平方米"),
    # Not 长 alone: 增长多少 asks for growth, 局长 is a person.
    ("长度", "米"), ("全长", "米"), ("总长", "米"), ("体长", "米"), ("身长", "米"), ("距离", "米"), ("里程", "米"),
    ("深度", "米"), ("水深", "米"), ("高度", "米"), ("身高", "米"), ("海拔", "米"), ("宽度", "米"), ("直径", "米"),
    ("重量", "公斤"), ("体重", "公斤"),
    ("温度", "度"), ("气温", "度"), ("水温", "度"),
    ("年龄", "岁"),
    ("任期", "时长"), ("期限", "时长"), ("工期", "时长"), ("寿命", "时长"), ("时长", "时长"),
    *((rate, "%") for rate in sorted(_RATE_WORDS)),
)
# Words between what is measured and 多少 that change nothing (收入是多少, 增长了大约多少, 收入合计多少).
_LINKS = "是|为|有|达到|达|约|大约|大概"
_TOTALS = "合计|共计|总计|累计|一共|总共|共"
# 一共有多少家, 累计多少: a total is asked, which a report states after 总数, 累计 … (新增15家、总数达23家).
_TOTAL_WORDS = f"{_TOTALS.removesuffix('|共')}|总数|总量|共有"
_TOTAL_Q_RE = re.compile(_TOTAL_WORDS)
_TOTAL_LEAD_RE = re.compile(f"{_TOTAL_WORDS}|总规模")
# A question about a year (去年, 今年, 全年, or one naming it: 2024年) and not a part of one is answered by the
# whole year's figure.
_RELATIVE_YEAR_Q_RE = re.compile(r"去年|今年|明年|上年|全年")
_PART_OF_YEAR_RE = re.compile(r"季度|半年|\d{1,2}\s*月")
_WHOLE_YEAR_RE = re.compile(r"全年|年度")
_TARGET_Q_RE = re.compile(r"目标|预期")
_PRICE_Q_RE = re.compile(rf"价(?:格|钱)?\s*(?:{_LINKS})*\s*(?:多少|几)")
_IMPLIED_RE = re.compile(
    rf"({'|'.join(e for e, _u in _IMPLIED_UNITS)})\s*(?:{_LINKS}|{_TOTALS})*\s*(?:多少|百分之几|几成|多大|多长|多高|多深|多宽|多重|多远)"
)
# 降低了多少费用负担, 投入了多少资金: the noun after 多少 says what is measured (money), not the verb before it.
# Not 多少比例: a share may be stated in words (三分之一), so it stays a share asked for, not a count.
# 安排了多少援疆资金, 有多少农村人口: a word or two may say which, when what is measured closes the question
# (not a share: 多少比例的人口 asks for a share).
_MEASURED_NOUNS = "|".join(e for e, u in _IMPLIED_UNITS if u != "%")
_IMPLIED_AFTER_RE = re.compile(
    rf"多少\s*(?:的)?({_MEASURED_NOUNS})|多少\s*(?:的)?(?:(?!比例|比重|占比|百分|率)[{HAN}]){{1,3}}?({_MEASURED_NOUNS})\s*[?？]?\s*$"
)
# 多少党员, 多少网格员, 多少志愿者, 多少游客: people are counted, in people (人, 名, 位), not in a share or in things.
_PEOPLE_AFTER_RE = re.compile(rf"多少\s*[{HAN}]{{0,3}}(?:员|者|客)(?![{HAN}]*(?:率|比例|占比|比重))")
# 多长, 多远, 多重: the question's own word for the measure.
_HOW_MEASURE = {"多长": "米", "多远": "米", "多高": "米", "多深": "米", "多宽": "米", "多重": "公斤"}
_HOW_MEASURE_RE = re.compile("|".join(_HOW_MEASURE))
_RATE_Q_RE = re.compile("|".join(sorted(_RATE_WORDS | {"百分"})))
# 增长了多少, 涨幅是多少: a change, stated as a share (增长5.8%), a multiple (增长2倍) or in points
# (提高1.5个百分点), not as a count (交出一份答卷 → 1份). 增加/减少 are not here: 减少了38天.
_CHANGE_VERBS = "增长|增速|增幅|涨幅|降幅|下降|上涨|上升|回落|提高|降低"
_CHANGE_Q_RE = re.compile(rf"(?:{_CHANGE_VERBS})了?\s*(?:{_LINKS})*\s*(?:多少|百分之几)")
_CHANGES = frozenset("% ‰ 倍 成 个百分点 百分点".split())
# 涨了多少, 减少了多少, 有什么变化: a question that may ask for a change.
_ASKS_CHANGE_RE = re.compile(rf"{_CHANGE_VERBS}|涨|降|增|减|升|变化|多了|少了")
# A change verb right before a share (增长24%, 下降了1.5%): the share is the change, not a level.
# …and so is each figure of a list after one (分别增长6.8%和8.3%).
# 煤增加了6400万吨: an amount added or taken away, which does not answer how much there was (1952年产了多少吨煤).
_ADDED_BEFORE_RE = re.compile(r"(?:(?:增加|减少|增产|减产)了?|(?<![至最较])[多少]了)\s*$")
_CHANGE_BEFORE_RE = re.compile(rf"(?P<verb>{_CHANGE_VERBS})了?\s*(?:\d+(?:\.\d+)?\s*(?:%|个百分点|百分点|倍)?\s*[、和及与]\s*)*$")
# 举报电话是多少, 编号是什么: a number or code that names something (12345, 023-6888, l2), not an amount. Not
# 新增电话多少万户: there 电话 is counted.
_CODE_Q_RE = re.compile(
    rf"(?:号码|电话|热线|编号|代码|代号|邮编|邮政编码|型号)\s*(?:是|为)?\s*(?:多少|什么|啥)(?![万亿千百]|{_UNIT_ALTERNATION})"
)
# A code holds a digit, may hold Latin letters and inner hyphens, and is not a date or a share (2020年, 5%).
_CODE_RE = re.compile(r"(?<![0-9a-z.\-])(?=[0-9a-z-]*\d)[0-9a-z]+(?:-[0-9a-z]+)*(?![0-9a-z.%年月日])")
CODE = "号码"
# 什么时候, 何时, 哪一年: answered by a date (2020年6月, 6月15日), read like a figure.
_WHEN_Q_RE = re.compile(r"什么时候|什么时间|啥时候?|几时|何时|何年|哪一?年|哪个?月|哪一?天|几月|几号")
_MONTH_DAY = r"\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
_DAY_OF_MONTH = r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
_DATE_RE = re.compile(rf"(?<![\d.])(?:(?:1[5-9]|20)\d{{2}}\s*年(?:{_MONTH_DAY})?|{_DAY_OF_MONTH})")
# 哪一年, 何年: a year is asked, so a day of a month (8月15日) does not answer; a year of history may be
# written in three digits or four (1261年, 480年).
_YEAR_ASKED_RE = re.compile(r"何年|哪一?年|几几年")
# 哪天, 几号: a day is asked, so a year alone (2025年 of a report's title) does not answer.
_DAY_ASKED_RE = re.compile(r"哪一?天|哪一?日|几号")
_DAY_RE = re.compile(rf"(?<![\d.])(?:(?:1[5-9]|20)\d{{2}}\s*年)?\s*{_DAY_OF_MONTH}")
# A year a question or a passage names (1993年, not 1950年代 or 3年).
_NAMED_YEAR_RE = re.compile(r"(?<![\d.])((?:1[5-9]|20)\d{2})\s*年(?!代)")
_YEAR_RE = re.compile(rf"(?<![\d.])(?:1\d{{3}}|20\d{{2}}|[1-9]\d{{2}})\s*年(?:{_MONTH_DAY})?")
DATE = "日期"
# 多久集中学习一次, 几年举行一次: how often, answered by 每季度, 每两年 …, not by a span of time.
_OFTEN_Q_RE = re.compile(r"(?:多久|多长时间|多少时间|几天|几个月|几年|几周)[^，,。;；?？]{0,10}?[一1]次")
_EVERY_RE = re.compile(r"每(?:隔)?(?:[一两二三四五六七八九十\d]+个?)?(?:个)?(?:季度|半年|月|周|星期|年|天|日|小时)")
OFTEN = "频次"
# 几点下班, 几点开门: a time of day, not a count (几点建议, 几点意见 count).
_CLOCK_Q_RE = re.compile(r"几点(?:钟)?(?!\s*(?:建议|意见|要求|措施|做法|经验|体会|原因|内容|问题|举措|原则|目标|任务|工作|变化|不足|启示))")
_CLOCK_RE = re.compile(r"(?:上午|下午|中午|晚上|早上|早晨|凌晨|傍晚)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}|[点时](?:\s*(?:\d{1,2}\s*分|半))?)")
CLOCK = "时刻"
_Q_UNIT_RE = re.compile(rf"(?:多少|(?<![哪\d这那近前后好十])几)({_UNIT_ALTERNATION})")  # not 20几所
# 多少年轻人, 几年级: 年 begins a word there, and counts no years.
_NOT_YEARS = "轻级龄代度底初末薪份会终报"
# What a report says of a figure right after it: 以上 and 以内 make it a floor or a ceiling, 左右 an estimate.
_BOUNDS = "以上|以下|以内|之内|左右"
_FIGURE_RE = re.compile(
    rf"(?<![\d.])(?P<number>(?:{_NUMBER})(?:\s*%?\s*[-~～—至到]\s*(?:{_NUMBER}))?)\s*(?P<before>余|多)?(?P<big>万|亿|千)?(?P<after>余|多)?"
    rf"\s*(?P<unit>%|‰|{_UNIT_ALTERNATION})(?:(?<=倍)多)?"  # 4000余份, 1120多万人, 3.2万余处, 1倍多, 6.5%-7%
    rf"(?P<bound>{_BOUNDS})?"  # 8000亿元以上, 4.5%以内: a bound is part of the figure
)
# 九成, 3成: a share in tenths (群众满意率达九成以上), not 成立, 成为, 成年 ….
_TENTHS_RE = re.compile(rf"(?<![{NUMERALS}\d.])(?P<number>[一二两三四五六七八九]|\d(?:\.\d+)?)(?P<unit>成)(?![立为功果本员就熟长效绩型品交都了套年不])(?:{_BOUNDS})?")
# $4.9, hk$12, ¥30: money written with a sign before the number.
_MONEY_SIGN_RE = re.compile(rf"(?:hk|nt|us)?[$¥€£]\s*(?P<number>{_NUMBER})(?P<big>万|亿)?")
# 上颌前端具2至4犬齿: a count written right before what it counts, with no measure word between.
_BARE_COUNT_RE = re.compile(rf"(?<![\d.])(?P<number>(?:{_NUMBER})(?:\s*[-~～—至到]\s*(?:{_NUMBER}))?)(?P<after>余|多)?")
# 人口8.57万, 投资1.2亿, 人口达2,790,060: an amount in 万 or 亿, or written with thousands separators,
# whose unit is left unsaid.
_AMOUNT_RE = re.compile(
    rf"(?:(?<![\d.])(\d+(?:\.\d+)?)\s*(万|亿)(余|多)?|(?<![\d.])(\d{{1,3}}(?:,\d{{3}})+))(?!\s*(?:[\d.]|%|{_UNIT_ALTERNATION}))"
    rf"(?:{_BOUNDS})?"
)
_TIMES = frozenset("年 个月 月 天 周 小时 分钟 秒 岁".split())
_NOT_AMOUNTS = frozenset("% ‰ 次 回 元 万元 亿元 时长 变化".split()) | _TIMES | frozenset(_KIND_UNITS)  # rates, times, money, measures
_PEOPLE = frozenset("人 名 位 户 人次".split())
# What 多少个 counts when it counts people (几个贫困户, 多少个志愿者, 几个村干部).
_PEOPLE_NOUN_RE = re.compile(rf"[{HAN}]*(?:人|员|者|客|户|生|民|众|工|童|士|师|兵|家庭|代表|干部|老人)")
# Units a figure in another unit never stands in for, nor stands in for another: rates, times, money,
# measures and people.
_STRICT_UNITS = _NOT_AMOUNTS | _PEOPLE | frozenset(_KIND_OF)
# How near a figure the words around the question's 多少 must be to count as leading up to it (扩大到年末的
# 1120多万人) or to name what it counts (50个村级网格)…
LEAD_CHARS = 6
# …and how much that counts: in a list (清理2300件，废止830件，修订325件) the verb the question asks about
# (废止了多少件) picks the figure even where another clause shares more of the question's other words.
LEAD_BONUS = 0.3
# Share of the question's words a figure in another unit than the one asked for must have beside it.
LOOSE_SHARE = 0.6
MEASURED_CHARS = 8  # how far before a figure the measure it states (参保人数1500万人) is read
# A figure's clause repeating a longer stretch of the question counts this much more for each character,
# up to RUN_CAP characters: enough to tell apart clauses that share the same words, no more.
RUN_GAIN = 0.01
RUN_CAP = 12
_NOT_WORDING_RE = re.compile(rf"[^0-9A-Za-z{HAN}]+")
# 第几届, 第多少批: an ordinal is asked for, and answered by one (第八届, 第3批).
_ORDINAL_Q_RE = re.compile(r"第(?:几|多少)")
# 任何一个超级大国, 每一个村, 某一项: one of a kind, not a count.
_ANY_ONE_RE = re.compile(r"(?:任何|任|每|某|哪|同)\s*$")
# Measure words 一 goes with as "a" (一个, 一份, 一批): one of them answers only a question asking for its unit.
_ONE_AS_A_UNITS = frozenset("个 份 批 项 件 种 位 名 条 张 次 回 场 起 家 处 座 所 套 支 只 部 篇 轮".split())
# 高于全国0.7个百分点: a difference of shares, always a change.
_POINTS = frozenset(("个百分点", "百分点"))
_ORDINAL_RE = re.compile(rf"第\s*([{NUMERALS}]+|\d+)\s*({_UNIT_ALTERNATION})")
_CLAUSE_SPLIT = "，,；;。：:！？!?、（）()"
# A sentence opening with a word standing for what an earlier sentence named (他们, 牠们, 该…).
_PRONOUN_OPENING_RE = re.compile(r"\s*(?:他|她|它|牠|该)")
# 收入3614.6亿元、增长0.6%: a clause opening with what changed, without saying what, is about the clause before.
_SUBJECTLESS = ("增长", "下降", "增加", "减少", "提高", "降低", "上涨", "上升", "同比", "比上年", "达到")
_ASIDE_CHARS = 30  # the longest bracketed aside a clause runs across
# Characters that do not name whose measure it is (每名奖金, 于水温, 全市总人口): function and counting words.
_NOT_OWNERS = frozenset("的之其于在为是与和及每各该本全总共约达") | frozenset(w for w in MEASURE_WORDS.split("|") if len(w) == 1)
# The measure a figure states right before it (参保人数1500万人, 常住人口为8600余人).
# Measures stated in any unit (煤炭产量 in 吨, 粮食产量 in 斤): whose they are is read as for 人数 and 价格.
_OWNED_MEASURES = ("产量", "销量", "产值", "吞吐量", "发电量", "出口额", "进口额", "保有量")
# Counts of things, projects or times, spans of time and ranks: not an amount produced (粮食产量有多少 is not
# the 3年 of 单产连续3年居…第1位).
_NOT_OUTPUTS = frozenset("个 项 次 批 件 处 场 起 年 月 天 日 周 小时 岁 位 名".split())
_OWNED_MEASURE_RE = re.compile(rf"({'|'.join(_OWNED_MEASURES)})\s*(?:{_LINKS}|{_TOTALS})*\s*多少")
_IMPLIED_UNIT = dict(_IMPLIED_UNITS)
_LEADING_MEASURES = "|".join([*(e for e, _u in _IMPLIED_UNITS if len(e) >= 2), *_OWNED_MEASURES])
_LEADING_MEASURE_RE = re.compile(rf"({_LEADING_MEASURES})\s*(?:是|为|有|达到|达|约|共|总计|合计|超过|突破|：|:)*\s*$")
# 国民收入由3010亿元增加到7790亿元: the figure after 由 or 从 is where the change started, not the value now…
_FROM_RE = re.compile(r"[由从]\s*(?:(?:19|20)\d{2}\s*年(?:底|末)?)?\s*的?\s*$")  # 从2002年1288亿元增加到…
_TO_RE = re.compile(r"[^，,；;。]*?[到至]\s*\d")
# …unless that is what the question asks (原来有多少, 由多少增加到…).
_ASKS_START_RE = re.compile(r"[由从]|原来|原先|起初|最初|之前|以前|开始")


def longest_shared_run(question: str, text: str) -> int:
    """Length of the longest stretch of ``question`` that ``text`` holds word for word."""
    best = 0
    for start in range(len(question)):
        end = start + best + 1
        while end <= len(question) and question[start:end] in text:
            best = end - start
            end += 1
    return best


def wording(text: str) -> str:
    """The text's characters that can be matched word for word: without punctuation or spaces."""
    return _NOT_WORDING_RE.sub("", text)


def _measured(normalized_question: str, words: Sequence[tuple[str, ...]]) -> tuple[str, str]:
    """What a question measures and whose it is (浙江今年高考人数是多少 → 人数, 高考): the measure and the
    question word before it, when both are words of two characters or more; ("", "") if it does not say."""
    implied = _IMPLIED_RE.search(normalized_question) or _OWNED_MEASURE_RE.search(normalized_question)
    if implied is None or len(implied.group(1)) < 2:
        return ("", "")
    plain = [forms[0] for forms in words]
    if implied.group(1) not in plain:
        return ("", "")
    at = plain.index(implied.group(1))
    owner = plain[at - 1] if at > 0 else ""
    if len(owner) < 2 or not HAN_RE.match(owner) or not normalized_question[: implied.start()].rstrip("的").endswith(owner):
        return ("", "")
    return (implied.group(1), owner)


def _compact(text: str) -> str:
    """A figure as given and compared: without the spaces a report may put inside it (12 月 → 12月)."""
    return re.sub(r"\s+", "", text)


def _figure_asked(normalized_question: str) -> re.Match[str] | None:
    """Where a (normalised) question asks how many, how much or what share; None if it does not."""
    found = _HOW_MUCH_RE.search(normalized_question)
    if found is None and not _WHICH_RE.search(normalized_question):
        found = _SHARE_Q_RE.search(normalized_question)
    return found


def asks_for_figure(normalized_question: str) -> bool:
    """Whether a (normalised) question asks how many, how much or what share."""
    return _figure_asked(normalized_question) is not None


def _asked_count(normalized_question: str) -> str | None:
    """The unit after the question's 多少 or 几 (多少辆, 几次, 多少颗, 几几年 → 年); None if there is none.

    A 几 beside another asking word (哪位皇帝发动了几次战役) means "a few" and asks nothing.
    """
    normalized_question = normalized_question.replace("几几", "几")  # 几几年: which year
    for match in _Q_UNIT_RE.finditer(normalized_question):
        unit = match.group(1)
        if unit == "年" and normalized_question[match.end() : match.end() + 1] in tuple(_NOT_YEARS):
            continue
        if not match.group(0).startswith("多少"):
            rest = normalized_question[: match.start()] + normalized_question[match.end() :]
            if _OTHER_ASKING_RE.search(rest.replace("几", "")):
                continue
        return unit
    return None


def counted_unit(normalized_question: str) -> str | None:
    """The unit a how-many question names or implies; None if it names none.

    次 for 几次, 辆 for 多少辆; 人 for 人数是多少, 元 for 起步价是多少, % for 利率是多少, 米 (any length) for
    全长多少 or 多远, 时长 (any span of time) for 多久.
    """
    if re.search("多久|多长时间|多少时间", normalized_question):
        return "时长"
    unit = _asked_count(normalized_question)
    if unit:
        return unit
    implied = _IMPLIED_RE.search(normalized_question) or _IMPLIED_AFTER_RE.search(normalized_question)
    if implied:
        noun = next(group for group in implied.groups() if group)
        return next(unit for ending, unit in _IMPLIED_UNITS if noun.endswith(ending))
    how = _HOW_MEASURE_RE.search(normalized_question)
    if how:
        return _HOW_MEASURE[how.group(0)]
    return "人" if _PEOPLE_AFTER_RE.search(normalized_question) else None


def _fits(unit: str, wanted: str | None) -> bool:
    """Whether a figure in ``unit`` answers a question asking for ``wanted`` (None: any unit)."""
    if wanted is None or unit == wanted:
        return True
    if wanted == "时长":
        return unit in _TIMES and unit != "岁"
    if wanted == "变化":
        return unit in _CHANGES
    if wanted == "个":
        return unit not in _NOT_AMOUNTS and unit not in _KIND_OF  # 多少个 asks for a count in any unit (26块)
    return _SAME_UNIT.get(unit, unit) == _SAME_UNIT.get(wanted, wanted) or (wanted == "%" and unit == "‰")


def _is_date(text: str, match: re.Match[str], unit: str) -> bool:
    """Whether a figure is a point in time: a year (2020年) or a month of a date (2008年6月, 6月1日)."""
    if unit == "年":
        number = match["number"] if "number" in match.re.groupindex else match.group(1)
        return re.fullmatch(r"(?:1[5-9]|20)\d{2}", number) is not None
    if unit == "月":
        return text[: match.start()].rstrip().endswith("年") or re.match(r"\s*\d{1,2}\s*日", text[match.end() :]) is not None
    return False


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]; a bracketed aside inside it (2133个县（市、区）初步建立…) does not end it."""
    left = start
    while left > 0:
        if text[left - 1] in "）)":
            opening = max(text.rfind("（", max(0, left - _ASIDE_CHARS), left), text.rfind("(", max(0, left - _ASIDE_CHARS), left))
            if opening >= 0:
                left = opening
                continue
        if text[left - 1] in _CLAUSE_SPLIT:
            break
        left -= 1
    right = end
    while right < len(text):
        if text[right] in "（(":
            found = [i for i in (text.find("）", right, right + _ASIDE_CHARS), text.find(")", right, right + _ASIDE_CHARS)) if i >= 0]
            if found:
                right = min(found) + 1
                continue
        if text[right] in _CLAUSE_SPLIT:
            break
        right += 1
    return left, right


_SENTENCE_ENDS = "。！？!?\n"
_PHRASE_ENDS = _SENTENCE_ENDS + "，,；;：:"
_ITEM_ENDS = _SENTENCE_ENDS + "；;"  # an item of a list of statements: …；开展6000户…家庭居家适老化改造；…


def _sentence_end(text: str, position: int, ends: str = _SENTENCE_ENDS) -> int:
    while position < len(text) and text[position] not in ends:
        position += 1
    return position


def _sentence_start(text: str, position: int, ends: str = _SENTENCE_ENDS) -> int:
    while position > 0 and text[position - 1] not in ends:
        position -= 1
    return position


def _shared_start(phrase: str, text: str, position: int) -> int:
    """How many characters of ``phrase`` ``text`` repeats from ``position`` on."""
    n = 0
    while n < len(phrase) and position + n < len(text) and text[position + n] == phrase[n]:
        n += 1
    return n


_LIST_JOINS = "、和与及"
_CHAIN_GAP_RE = re.compile(rf"\s*[{_LIST_JOINS}，,]\s*")
_ITEMS_SPLIT_RE = re.compile(f"[{_LIST_JOINS}]")


def _respectively(passage: str, start: int) -> tuple[list[str], int] | None:
    """The items a figure of a 分别 list stands for, and which of them it is; None outside such a list.

    信访总量和刑事立案量分别下降32.4%和19.9%: 19.9% is the second figure, so it is of the second item.
    """
    opening = _sentence_start(passage, start)
    respectively = passage.rfind("分别", opening, start)
    if respectively < 0:
        return None
    chain = list(_FIGURE_RE.finditer(passage, respectively, _sentence_end(passage, start)))
    position = next((i for i, m in enumerate(chain) if m.start() == start), None)
    if position is None:
        return None
    first, last = position, position  # the run of figures joined only by 和, 、 or commas
    while first > 0 and _CHAIN_GAP_RE.fullmatch(passage, chain[first - 1].end(), chain[first].start()):
        first -= 1
    while last + 1 < len(chain) and _CHAIN_GAP_RE.fullmatch(passage, chain[last].end(), chain[last + 1].start()):
        last += 1
    # The items are named in the clause before 分别, or in the one before that when this one only says
    # when (农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元).
    clauses = re.split(r"[，,：:（(]", passage[opening:respectively])
    lead = clauses[-1] if _ITEMS_SPLIT_RE.search(clauses[-1]) or len(clauses) < 2 else clauses[-2]
    items = [item for item in _ITEMS_SPLIT_RE.split(lead) if item.strip()]
    if len(items) < 2 or len(items) != last - first + 1:
        return None
    # 城镇居民、农村居民人均可支配收入: what all the items share is written once, after the last; the last
    # item is told apart from the others by as many characters as they have.
    items[-1] = items[-1][: max(len(item) for item in items[:-1])]
    return items, position - first


def _leading_measure(passage: str, left: int, start: int) -> re.Match[str] | None:
    """The measure the figure at ``start`` states right before it, in its clause from ``left`` (参保人数1500万人,
    粮食产量280.76亿斤), read within MEASURED_CHARS; positions are the passage's."""
    return _LEADING_MEASURE_RE.search(passage, max(left, start - MEASURED_CHARS), start)


def _is_evidence(word: str) -> bool:
    """Whether a question word beside a figure says what the figure is of (not 2020, not 率 of 培训率)."""
    return not word.isdigit() and word not in _RATE_WORDS


def _spread(word: str, text: str) -> bool:
    """Whether the two characters of ``word`` stand in ``text`` one or two Chinese characters apart (全长 in 全路长)."""
    start = text.find(word[0])
    while start >= 0:
        for gap in (1, 2):
            end = start + gap + 1
            if end < len(text) and text[end] == word[1] and all(HAN_RE.fullmatch(ch) for ch in text[start + 1 : end]):
                return True
        start = text.find(word[0], start + 1)
    return False


def _overlap(
    passage: str, clause_span: tuple[int, int], words: Sequence[tuple[str, ...]], weight: Callable[[str], float], unit: str
) -> float:
    """How well the figure's surroundings match the question's words.

    A word in the figure's own clause counts whole; one earlier in the same sentence (the verb
    of a list: 设置了1个镇级网格，50个村级网格) counts 0.8, one later in it 0.6 when the figure's clause
    opens the sentence (1854年，第一个火车站建成) or its item of a ；-list, and 0.6 in the first clause
    of the sentence before one opening with a pronoun (牠们…只余下650头), unless a date is sought; a
    longer word only partly present counts by the share of its bigrams, at half. The figure's unit is
    not evidence.
    """
    left, right = clause_span
    clause = passage[left:right]
    start = _sentence_start(passage, left)
    before = passage[start:left]
    # 牠们接近灭绝，只余下650头: a sentence opening with a pronoun is about what the one before it opens with. Not
    # for a date: a life told sentence by sentence (他…1994年…) dates much that the question does not ask about.
    told = ""
    if start > 0 and unit != DATE and _PRONOUN_OPENING_RE.match(passage, start):
        told_start = _sentence_start(passage, start - 1)
        told = passage[told_start : _sentence_end(passage, told_start, _PHRASE_ENDS)]
    # A figure opening its sentence (1854年，第一个火车站建成), or its item of a list (…；开展6000户特殊困难高龄、
    # 失能老年人家庭居家适老化改造；…), is about what follows it.
    if not before.strip():
        after = passage[right : _sentence_end(passage, right)]
    elif not passage[_sentence_start(passage, left, _ITEM_ENDS) : left].strip():
        after = passage[right : _sentence_end(passage, right, _ITEM_ENDS)]
    else:
        after = ""
    total = 0.0
    for forms in words:
        word = forms[0]
        if word == unit or word in _KIND_OF or not _is_evidence(word):
            continue  # 多少公里: the unit asked for says nothing of which figure (宽40米 beside 长约2.8公里)
        if any(form in clause for form in forms):
            credit = 1.0
        elif any(form in before for form in forms):
            credit = 0.8
        elif any(form in after or form in told for form in forms):
            credit = 0.6
        elif len(word) > 2:
            grams = [word[i : i + 2] for i in range(len(word) - 1)]
            credit = 0.5 * sum(g in clause for g in grams) / len(grams)
        elif len(word) == 2 and _spread(word, clause):
            credit = 0.5  # 全长 in 全路长约2.8公里: the word with what it is of inside it
        else:
            credit = 0.0
        total += credit * weight(word)
    return total


@dataclass(frozen=True)
class FigureQuestion:
    """What a how-many question asks for, worked out once and then read against each candidate passage."""

    words: Sequence[tuple[str, ...]]  # each question word followed by its synonyms
    weight: Callable[[str], float]
    # the unit asked for (次, 米 for any length, 时长 for any span of time, 变化 for a change, CODE for a
    # number or code that names something), None if unsaid
    wanted: str | None
    counted: bool  # the question names or implies what it counts (几次, 人数是多少), not only a share
    ordinal: bool  # 第几届: answered by an ordinal
    stated: tuple[str, ...]  # figures the question states itself (一年 → 1年 in 一年集中学习多少次)
    leaders: tuple[tuple[str, ...], ...]  # the word right before 多少 (增加到多少亿元): what leads up to the figure
    trailers: tuple[tuple[str, ...], ...]  # the word right after 多少个 (多少个村级网格): what the figure counts
    possible: float  # what a figure's surroundings can share with the question at most
    dates_wanted: bool  # 哪一年 or 几年 may ask which year; 多少年 asks how long
    asked: str = ""  # the question, normalised
    counted_phrase: str = ""  # what follows 多少个 up to the end (几个省实验室 → 省实验室)
    wording: str = ""  # the question's words in a row, without punctuation or spaces
    # 高考人数是多少: what is measured (人数) and whose it is (高考); ("", "") when the question does not say
    measured: tuple[str, str] = ("", "")
    latest_year: int = 0  # the latest year the question names (1993 of 1993年钢产量是多少), 0 if none
    asks_change: bool = False  # 涨了多少, 有什么变化: it may ask for a change
    asks_total: bool = False  # 一共有多少, 累计多少: a total, not what was added
    asks_price: bool = False  # 收购价是多少, 房价多少: the price of one thing
    asks_output: bool = False  # 产量是多少, 吞吐量是多少: an amount produced or moved, in any unit but a count
    asks_year: bool = False  # 去年增长了多少, 2024年粮食产量: a year's figure, not a quarter's
    asks_target: bool = False  # GDP目标是多少: reports set most targets as growths
    named_unit: str = ""  # the unit the question writes after 多少 or 几 (多少平方公里), "" if it names none

    @classmethod
    def of(
        cls, normalized_question: str, question_words: Sequence[tuple[str, ...]], weight: Callable[[str], float]
    ) -> FigureQuestion | None:
        """The figure a (normalised) question asks for; None when it asks for none."""
        code = _CODE_Q_RE.search(normalized_question)
        asking = code or _figure_asked(normalized_question)
        when = None if asking else _WHEN_Q_RE.search(normalized_question)
        asking = asking or when
        if asking is None:
            return None
        counted = None if code or when else counted_unit(normalized_question)
        wanted = CODE if code else DATE if when else counted
        if not code and _OFTEN_Q_RE.search(normalized_question):
            counted, wanted = None, OFTEN
        elif counted == "点" and _CLOCK_Q_RE.search(normalized_question):
            wanted = CLOCK  # counted stays: a passage giving no time does not answer 几点下班
        if wanted is None and _CHANGE_Q_RE.search(normalized_question):
            wanted = "变化"  # 城镇化率提高了多少: 1.5个百分点 answers, as 1.5% would
        elif wanted is None and _RATE_Q_RE.search(normalized_question):
            wanted = "%"
        # 废止了多少件, 增加到了多少: the particle or linking word between them does not count.
        before = re.sub(r"[了过着是为有达约共]+$", "", normalized_question[: asking.start()])
        count = _Q_UNIT_RE.match(normalized_question, asking.start())
        after = normalized_question[(count or asking).end() :].lstrip("的")
        latest_year = max((int(y) for y in _NAMED_YEAR_RE.findall(normalized_question)), default=0)
        return cls(
            words=question_words,
            weight=weight,
            wanted=wanted,
            counted=counted is not None,
            ordinal=_ORDINAL_Q_RE.search(normalized_question) is not None,
            stated=tuple(_compact(m.group(0)) for m in _FIGURE_RE.finditer(normalized_question)),
            leaders=tuple(forms for forms in question_words if forms[0] and before.endswith(forms[0])),
            trailers=tuple(forms for forms in question_words if forms[0] and after.startswith(forms[0])),
            counted_phrase=_compact(re.split(r"[?？!！。，,]", after)[0]),
            wording=wording(normalized_question),
            measured=_measured(normalized_question, question_words),
            possible=sum(weight(forms[0]) for forms in question_words if _is_evidence(forms[0]) and forms[0] != wanted),
            dates_wanted=wanted == "年" and "多少年" not in normalized_question,
            latest_year=latest_year,
            asks_change=_ASKS_CHANGE_RE.search(normalized_question) is not None,
            asks_total=_TOTAL_Q_RE.search(normalized_question) is not None,
            asks_price=_PRICE_Q_RE.search(normalized_question) is not None,
            asks_output=_OWNED_MEASURE_RE.search(normalized_question) is not None,
            asks_year=(latest_year > 0 or _RELATIVE_YEAR_Q_RE.search(normalized_question) is not None)
            and _PART_OF_YEAR_RE.search(normalized_question) is None,
            asks_target=_TARGET_Q_RE.search(normalized_question) is not None,
            named_unit=_asked_count(normalized_question) or "",
            asked=normalized_question,
        )

    def _figures(self, passage: str) -> list[tuple[re.Match[str], str, str]]:
        """Every figure of the passage that could answer: (match, unit, text)."""
        if self.ordinal:
            return [(m, m.group(2), m.group(0)) for m in _ORDINAL_RE.finditer(passage)]
        if self.wanted == DATE:  # not a date the question states itself
            dates = _YEAR_RE if _YEAR_ASKED_RE.search(self.asked) else _DAY_RE if _DAY_ASKED_RE.search(self.asked) else _DATE_RE
            return [(m, DATE, m.group(0)) for m in dates.finditer(passage) if _compact(m.group(0)) not in self.asked]
        if self.wanted == OFTEN:
            return [(m, OFTEN, m.group(0)) for m in _EVERY_RE.finditer(passage)]
        if self.wanted == CLOCK:
            return [(m, CLOCK, m.group(0)) for m in _CLOCK_RE.finditer(passage)]
        if self.wanted == CODE:  # not the question's own (17号线的编号是多少: not 17)
            return [(m, CODE, m.group(0)) for m in _CODE_RE.finditer(passage) if len(m.group(0)) >= 2 and m.group(0) not in self.asked]
        figures = [
            (m, m["unit"], m.group(0))
            for m in _FIGURE_RE.finditer(passage)
            if not passage[: m.start()].rstrip().endswith("第")  # 第3次 is not how many times
            and not (m["number"] == "1" and _ANY_ONE_RE.search(passage, max(0, m.start() - 2), m.start()))
        ]
        figures += [(m, "元", m.group(0)) for m in _MONEY_SIGN_RE.finditer(passage)]
        if self.wanted in ("%", "变化"):
            figures += [(m, "成", m.group(0)) for m in _TENTHS_RE.finditer(passage)]
        # An amount inside a figure already read (10万 of 10万余场次) is that figure, not one without a unit.
        spans = [(m.start(), m.end()) for m, _unit, _text in figures]
        if self._bare_nouns and self.wanted is not None:
            # 多少颗犬齿: 具2至4犬齿 counts 犬齿 as asked, though it says no 颗.
            figures += [
                (m, self.wanted, m.group(0))
                for m in _BARE_COUNT_RE.finditer(passage)
                if passage.startswith(self._bare_nouns, m.end()) and not any(a <= m.start() < b for a, b in spans)
            ]
            spans = [(m.start(), m.end()) for m, _unit, _text in figures]
        figures += [(m, "", m.group(0)) for m in _AMOUNT_RE.finditer(passage) if not any(a <= m.start() < b for a, b in spans)]
        return figures

    @cached_property
    def _bare_nouns(self) -> tuple[str, ...]:
        """What a counting question counts, as it may stand right after a bare number (多少颗犬齿 → 犬齿)."""
        return tuple(form for forms in self.trailers for form in forms if len(form) >= 2) if self.counted else ()

    @cached_property
    def _noun_units(self) -> frozenset[str]:
        """The last characters of what a counting question counts, which a report may count in (乐队共有几只 → 10队)."""
        if not self.counted:
            return frozenset()
        return frozenset(form[-1] for forms in (*self.leaders, *self.trailers) for form in forms if len(form) >= 2)

    def _is_change(self, passage: str, start: int) -> bool:
        """Whether the figure at ``start`` is a change (增长24%) that the question does not ask about."""
        verb = _CHANGE_BEFORE_RE.search(passage, max(0, start - 40), start)
        return verb is not None and verb["verb"] not in self.asked

    def _of_another(self, passage: str, left: int, right: int, match: re.Match[str]) -> bool:
        """Whether the figure measures what the question asks for, but of something else the passage names
        instead: 参保人数1500万人 for 高考人数, in a passage that never names 高考."""
        noun, owner = self.measured
        if not noun:
            return False
        if owner in passage[_sentence_start(passage, left) : _sentence_end(passage, right)]:
            return False
        found = _leading_measure(passage, left, match.start())
        if found is None or found.group(1) != noun:
            return False
        start = found.start()
        start -= passage[start - 1 : start] in ("总", "全")  # 粮食总产量
        other = passage[max(left, start - 2) : start]  # 参保 of 参保人数, 天然气 of 天然气产量: whose measure the passage states
        return len(other) == 2 and all(HAN_RE.fullmatch(ch) and ch not in _NOT_OWNERS for ch in other)

    def _measures_another(self, passage: str, left: int, match: re.Match[str]) -> bool:
        """Whether the figure's clause says what it measures (粮食产量280.76亿斤) and shares no word with the question
        before the figure: it is an item of a list the question's words only lead into."""
        found = _leading_measure(passage, left, match.start())
        implied = _IMPLIED_UNIT.get(found.group(1)) if found else None
        if found is None or (self.wanted is not None and implied is not None and _fits(implied, self.wanted)):
            return False  # 有多少人: 人口达2,790,060 is the number of people asked for
        if any(found.group(1) in form for forms in self.words for form in forms):
            return False  # 人口数为多少: 人口 is what is asked
        lead = passage[left : match.start()]
        return not any(form in lead for forms in self.words for form in forms if _is_evidence(forms[0]))

    def _of_another_year(self, passage: str, match: re.Match[str]) -> bool:
        """Whether the figure's sentence names years before it, all of them later than the question's: a
        target for a later year (1993年钢产量 against １９９７年钢产量达到９４００万吨). An earlier year is not
        another year's figure in a report of the year asked (1984年纯收入 against 一九八三年…纯收入达到３０９．８元,
        in the report of 1984), so it stays."""
        if not self.latest_year or self.wanted == DATE:
            return False
        named = _NAMED_YEAR_RE.findall(passage, _sentence_start(passage, match.start()), match.start())
        return bool(named) and min(int(y) for y in named) > self.latest_year

    def _counts_another(self, passage: str, left: int, end: int, right: int) -> bool:
        """Whether a figure in a counting word (个, 项, 座 …) ending at ``end`` counts something other than what
        the question counts (多少个县域医共体 against “五个针对”): it is followed by words, and neither its clause
        before it (裁减军队员额50万的任务) holds the question's words after its count, nor the words after it
        (up to the phrase's end: 6000户特殊困难高龄、失能老年人家庭, 150个以上优质学前教育资源牵头的幼儿园共同体) share a
        character with them (8个出口 counts 出入口 as a resident says it). A figure ending its clause (集散中心7个，) counts what
        comes before it, and is left to the overlap."""
        if not self.counted or not self.trailers or end >= right or not HAN_RE.match(passage[end]):
            return False
        if any(form in passage[left:end] for forms in self.trailers for form in forms):
            return False
        after = set(passage[end : _sentence_end(passage, end, _PHRASE_ENDS)])
        return not any(HAN_RE.match(ch) and ch in after for forms in self.trailers for form in forms for ch in form)

    def _is_start(self, passage: str, match: re.Match[str]) -> bool:
        """Whether the figure is where a change started (由3010亿元增加到…) and the question asks about now."""
        return (
            self.wanted != DATE  # 从1961年8月12日起…到…: a when-question asks when it began
            and _FROM_RE.search(passage, max(0, match.start() - 10), match.start()) is not None
            and _TO_RE.match(passage, match.end()) is not None
            and _ASKS_START_RE.search(self.asked) is None
        )

    def extract(self, passage: str) -> tuple[str | None, bool]:
        """The figure in the (normalised) passage that best fits the question, with its unit; None if none fits;
        and whether it is in the unit asked for (23.6万辆 for 多少辆, not the loose 1000家 of 多少辆).

        A figure fits when its unit is the one the question asks for (when it names one) and
        the words of its clause share the most weight with the question's words. Of a 分别 list, a figure
        is its own item's; a starting figure (由…到) is passed over unless asked for; and a passage stating
        the asked measure of something else it names instead (参保人数 for 高考人数) gives none.
        """
        wanted = self.wanted
        best: tuple[float, str, bool] | None = None
        for match, unit, figure in self._figures(passage):
            if _is_date(passage, match, unit) and not (self.dates_wanted or wanted == unit == "月"):
                continue  # 2020年, 2008年6月 are dates, not counts
            if _compact(figure) in self.stated:
                continue  # 至道三年划分了多少路: the question's own 3年 is not what it asks
            if (wanted == "%" or (wanted is None and not self.asks_change and not self.asks_target)) and (
                unit in _POINTS or self._is_change(passage, match.start())
            ):
                continue  # 贷款利率是多少: 年均增长24% is a growth, not the rate (GDP目标是多少 is one: 增长5%左右)
            if wanted is not None and not self.asks_change and _ADDED_BEFORE_RE.search(passage, max(0, match.start() - 4), match.start()):
                continue  # 1952年产了多少吨煤: not the 6400万吨 of 煤增加了6400万吨
            if self._is_start(passage, match):
                continue  # 国民收入是多少: not the 3010亿元 of 由3010亿元增加到7790亿元
            if self._of_another_year(passage, match):
                continue  # 1993年钢产量: not the target of １９９７年钢产量达到９４００万吨
            big = match["big"] if "big" in match.re.groupindex else None
            if big == "亿" and self.asks_price:
                continue  # 收购价是多少: a price is not a total of hundreds of millions (产值超2200亿元)
            by_noun = unit in self._noun_units
            fits = _fits(unit, wanted) or (big or "") + unit == wanted or by_noun  # 1500亿元 answers 多少亿元
            if wanted is None and "number" in match.re.groupindex and match["number"] == "1" and unit in _ONE_AS_A_UNITS and not big:
                continue  # GDP目标是多少: not the 1份 of 交出一份高分答卷, where 一份 is "a"
            if fits and wanted == "个" and unit in _PEOPLE and self.counted_phrase and not _PEOPLE_NOUN_RE.fullmatch(self.counted_phrase):
                fits = False  # 西藏有多少个县: not the 1万人 of 西藏班招生规模突破1万人; 几个贫困户 may be counted in 户
            # An amount in 万 counts people as well as things (户籍人口1.2万); a resident's unit for things can
            # be loose (民情联系卡发了多少份 → 2000余张) where the figure plainly answers. People are counted in
            # people, not in groups (多少人口 is not 1-2个微信群), and a measure only in its own kind of unit.
            amount = not unit and wanted not in _NOT_AMOUNTS
            loose = not fits and not amount and wanted not in _STRICT_UNITS and unit not in _STRICT_UNITS
            if not fits and not amount and not loose:
                continue
            if unit in _NOT_OUTPUTS and self.asks_output:
                continue  # 周口港的吞吐量是多少: not the 13个 of 13个港航项目; an output is no count of things or times
            left, right = _clause(passage, match.start(), match.end())
            if wanted == "个" and unit not in ("个", "") and self.trailers and not any(
                form in passage[left:right] for forms in self.trailers for form in forms
            ):
                continue  # 17号线有多少个站: 352条 counts what its own measure word counts (公交线路), not 站
            if unit not in _STRICT_UNITS and not by_noun and self._counts_another(passage, left, match.end(), right):
                continue  # 西藏有多少个县: not the 5个 of “五个针对”, which counts 针对
            if left > 0 and passage[left : match.start()].lstrip().startswith(_SUBJECTLESS):
                left = _clause(passage, left - 1, left - 1)[0]
            if self._measures_another(passage, left, match):
                continue  # 广西去年外贸进出口多少: not the 280.76亿斤 of 粮食产量280.76亿斤, later in the list
            if self._of_another(passage, left, right, match):
                return None, False  # 高考人数是多少: a passage on 参保人数 (1500万人) and not 高考 gives no such figure
            respective = _respectively(passage, match.start())
            if respective is not None:
                items, mine = respective
                held = [sum(self.weight(forms[0]) for forms in self.words if any(f in item for f in forms)) for item in items]
                if max(held) > 0 and held.count(max(held)) == 1 and held.index(max(held)) != mine:
                    continue  # 刑事立案量降了多少: not 32.4%, which is 信访总量's
            overlap = _overlap(passage, (left, right), self.words, self.weight, unit)
            share = overlap / self.possible if self.possible else 1.0
            if overlap <= 0 or (loose and share < LOOSE_SHARE):
                continue  # a figure with none (or too few) of the question's words beside it answers something else
            score = share + (1.0 if (fits or amount) and wanted is not None else 0.0)
            # Of two figures in one clause (由400多万人扩大到1120多万人), or of a list's, the one the question's
            # leading word leads up to, and the one followed by what the question counts.
            lead = passage[max(left, match.start() - LEAD_CHARS) : match.start()]
            trail = passage[match.end() : min(right, match.end() + LEAD_CHARS)]
            if any(form in lead for forms in self.leaders for form in forms):
                score += LEAD_BONUS
            if self.named_unit in _KIND_OF and unit == self.named_unit:
                score += LEAD_BONUS  # 治理了多少平方公里: 887.83平方公里, not the 286万亩 of 营造林 in the same list
            if self.asks_total and _TOTAL_LEAD_RE.search(lead):
                score += LEAD_BONUS  # 一共有多少家: 新增15家、总数达23家
            if self.asks_year and _WHOLE_YEAR_RE.search(lead):
                score += LEAD_BONUS  # 去年经济增长了多少: 全年增长4.8%, not 三季度增长4.6%
            # What the question counts may follow the figure (50个村级网格) or, as reports list what was done,
            # stand right before it after the question's verb (建设高标准农田1000万亩 for 建多少高标准农田; not
            # 整治违法违规行为146起 for 教育了多少起违法违规行为).
            clause = passage[left:right]
            led = not self.leaders or any(form in clause for forms in self.leaders for form in forms)
            if any(form in trail[: len(form) + 2] or (led and form in lead) for forms in self.trailers for form in forms):
                score += LEAD_BONUS
            # 几个省实验室 against 启动建设…3个省实验室，批复建设22个全省重点实验室: the figure followed right away by
            # what is counted, as asked, says more than the verb before it.
            if len(self.counted_phrase) >= 2 and _shared_start(self.counted_phrase, passage, match.end()) >= min(len(self.counted_phrase), 4):
                score += 2 * LEAD_BONUS
            if self.stated:
                # The question's own figure beside this one (至道三年…划分为多少路), or earlier in its sentence
                # (1958年要求造林6506万亩，同时在采伐过的林地，补种219万亩), as a question word would count.
                clause = passage[left:right].replace(match.group(0), "", 1)
                before = passage[_sentence_start(passage, left) : left]
                score += sum(1.0 if phrase in clause else 0.8 if phrase in before else 0.0 for phrase in self.stated)
            # Of two clauses holding the same words (一般公共预算总收入…增长0.8%，地方一般公共预算收入…增长0.6%),
            # the one repeating more of the question word for word (一般公共预算收入). Read only where it could
            # decide: a figure that cannot reach the best even with the most it adds is not the answer.
            if best is None or score + RUN_GAIN * RUN_CAP > best[0]:
                score += RUN_GAIN * min(longest_shared_run(self.wording, passage[left:right]), RUN_CAP)
                if best is None or score > best[0]:
                    best = (score, _compact(figure), not loose)
        return (best[1], best[2]) if best else (None, False)
