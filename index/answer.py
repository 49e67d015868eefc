"""Pulling the figure a question asks for (5次, 23余次, 1-2个, 100%) out of a passage."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .normalize import MEASURE_WORDS, NUMERALS

__all__ = ["asks_for_figure", "counted_unit", "extract_figure", "question_unit"]

_UNIT_ALTERNATION = f"(?:{MEASURE_WORDS}|km)"
_FIGURE_Q_RE = re.compile(
    r"多少|(?<![哪\d])几(?!乎)|百分之几|百分比|比例|占比|比重|比率|多大|多高|多长|多远|多重"
    r"|率\s*(?:是|为|有|达到|怎么样|如何)?\s*[?？]?\s*$"  # 法治考试及格率？ asks for the rate
)
# What a question asks the amount of, when it says so by its noun (高考人数是多少, 起步价是多少).
_RATE_WORDS = frozenset("率 比例 比重 占比".split())
_IMPLIED_UNITS = (
    ("人数", "人"), ("次数", "次"), ("户数", "户"), ("个数", "个"),
    ("价格", "元"), ("价", "元"), ("费用", "元"), ("费", "元"), ("金额", "元"), ("工资", "元"), ("收入", "元"),
    *((rate, "%") for rate in sorted(_RATE_WORDS)),
)
_IMPLIED_RE = re.compile(rf"({'|'.join(e for e, _u in _IMPLIED_UNITS)})\s*(?:是|为|有|达到|达|大概|大约|约)*\s*(?:多少|百分之几|几成)")
_Q_UNIT_RE = re.compile(rf"(?:多少|(?<![哪\d])几)({_UNIT_ALTERNATION})")  # not 20几所: twenty-odd
_RATE_Q_RE = re.compile("|".join(sorted(_RATE_WORDS | {"百分"})))
# Units residents use for the one the report writes.
_SAME_UNIT = {"回": "次", "遍": "次", "趟": "次", "场": "次", "条": "条", "位": "人", "名": "人", "km": "公里", "间": "家"}
_FIGURE_RE = re.compile(
    rf"(?P<number>\d+(?:\.\d+)?(?:\s*[-~～—至到]\s*\d+(?:\.\d+)?)?)\s*(?P<before>余|多)?(?P<big>万|亿|千)?(?P<after>余|多)?"
    rf"\s*(?P<unit>%|‰|{_UNIT_ALTERNATION})"  # 4000余份, 1120多万人, 3.2万余处
)
# 人口8.57万, 投资1.2亿: an amount in 万 or 亿 whose unit is left unsaid.
_AMOUNT_RE = re.compile(rf"(\d+(?:\.\d+)?)\s*(万|亿)(余|多)?(?!\s*(?:%|{_UNIT_ALTERNATION}))")
_NOT_AMOUNTS = frozenset("% ‰ 年 月 天 周 小时 分钟 岁 次 回 元 万元 亿元".split())  # rates, times, money
_PEOPLE = frozenset("人 名 位 户 人次".split())
# How far before a figure the question's leading word still leads up to it (扩大到年末的1120多万人).
LEAD_CHARS = 6
# Share of the question's words a figure in another unit than the one asked for must have beside it.
LOOSE_SHARE = 0.6
# 第几届, 第多少批: an ordinal is asked for, and answered by one (第八届, 第3批).
_ORDINAL_Q_RE = re.compile(r"第(?:几|多少)")
_ORDINAL_RE = re.compile(rf"第\s*([{NUMERALS}]+|\d+)\s*({_UNIT_ALTERNATION})")
_CLAUSE_SPLIT = "，,；;。：:！？!?、（）()"


def asks_for_figure(normalized_question: str) -> bool:
    """Whether a (normalised) question asks how many, how much or what share."""
    return bool(_FIGURE_Q_RE.search(normalized_question))


def counted_unit(normalized_question: str) -> str | None:
    """The unit a how-many question names or implies; None if it names none.

    次 for 几次, 辆 for 多少辆; 人 for 人数是多少, 元 for 起步价是多少, % for 利率是多少.
    """
    match = _Q_UNIT_RE.search(normalized_question)
    if match:
        return match.group(1)
    implied = _IMPLIED_RE.search(normalized_question)
    if implied:
        return next(unit for ending, unit in _IMPLIED_UNITS if implied.group(1).endswith(ending))
    return None


def question_unit(normalized_question: str) -> str | None:
    """The unit a question expects: 次 for 几次, 辆 for 多少辆, 元 for 费用, % for a rate; None if unsaid."""
    unit = counted_unit(normalized_question)
    if unit:
        return unit
    if _RATE_Q_RE.search(normalized_question):
        return "%"
    return None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and text[left - 1] not in _CLAUSE_SPLIT:
        left -= 1
    right = end
    while right < len(text) and text[right] not in _CLAUSE_SPLIT:
        right += 1
    return left, right


def _sentence_end(text: str, position: int) -> int:
    while position < len(text) and text[position] not in "。！？!?\n":
        position += 1
    return position


def _sentence_start(text: str, position: int) -> int:
    while position > 0 and text[position - 1] not in "。！？!?\n":
        position -= 1
    return position


def _is_evidence(word: str) -> bool:
    """Whether a question word beside a figure says what the figure is of (not 2020, not 率 of 培训率)."""
    return not word.isdigit() and word not in _RATE_WORDS


def _overlap(
    passage: str, clause_span: tuple[int, int], words: Sequence[tuple[str, ...]], weight: Callable[[str], float], unit: str
) -> float:
    """How well the figure's surroundings match the question's words.

    A word in the figure's own clause counts whole; one earlier in the same sentence (the verb
    of a list: 设置了1个镇级网格，50个村级网格) counts 0.8, one later in it 0.6 when the figure opens
    the sentence (1854年，第一个火车站建成); a longer word only partly present
    counts by the share of its bigrams, at half. The figure's unit is not evidence.
    """
    left, right = clause_span
    clause = passage[left:right]
    before = passage[_sentence_start(passage, left) : left]
    # A figure opening its sentence (1854年，第一个火车站建成) is about what follows it.
    after = "" if before.strip() else passage[right : _sentence_end(passage, right)]
    total = 0.0
    for forms in words:
        word = forms[0]
        if word == unit or not _is_evidence(word):
            continue
        if any(form in clause for form in forms):
            credit = 1.0
        elif any(form in before for form in forms):
            credit = 0.8
        elif any(form in after for form in forms):
            credit = 0.6
        elif len(word) > 2:
            grams = [word[i : i + 2] for i in range(len(word) - 1)]
            credit = 0.5 * sum(g in clause for g in grams) / len(grams)
        else:
            credit = 0.0
        total += credit * weight(word)
    return total


def extract_figure(
    normalized_question: str,
    normalized_passage: str,
    question_words: Sequence[tuple[str, ...]],
    weight: Callable[[str], float],
) -> str | None:
    """The figure in the passage that best fits the question, with its unit; None if none fits.

    A figure fits when its unit is the one the question asks for (when it names one) and
    the words of its clause share the most weight with the question's words; each entry of
    ``question_words`` is a word followed by its synonyms.
    """
    if not asks_for_figure(normalized_question):
        return None
    wanted = question_unit(normalized_question)
    if _ORDINAL_Q_RE.search(normalized_question):
        figures = [(m, m.group(2), m.group(0)) for m in _ORDINAL_RE.finditer(normalized_passage)]
    else:
        figures = [
            (m, m["unit"], m.group(0))
            for m in _FIGURE_RE.finditer(normalized_passage)
            if not normalized_passage[: m.start()].rstrip().endswith("第")  # 第3次 is not how many times
        ]
        figures += [(m, "", m.group(0)) for m in _AMOUNT_RE.finditer(normalized_passage)]
    # A figure the question itself states (一年 → 1年 in 一年集中学习多少次) marks the clause it asks about.
    stated = [m.group(0) for m in _FIGURE_RE.finditer(normalized_question)]
    # The word the question puts right before its 多少 (增加到多少亿元): what leads up to the figure.
    asking = _FIGURE_Q_RE.search(normalized_question)
    before_asking = normalized_question[: asking.start()] if asking else ""
    leaders = [forms for forms in question_words if forms[0] and before_asking.endswith(forms[0])]
    # What a figure's surroundings can share with the question at most (its unit and numbers aside).
    possible = sum(weight(forms[0]) for forms in question_words if _is_evidence(forms[0]) and forms[0] != wanted)
    best: tuple[float, str] | None = None
    for match, unit, figure in figures:
        if unit == "年" and re.fullmatch(r"(?:19|20)\d{2}", match.group(1)) and wanted != "年":
            continue  # 2020年 is a date, not a count
        whole = (match["big"] or "") + unit if match.re is _FIGURE_RE else unit  # 1500亿元 answers 多少亿元
        fits = (
            wanted is None
            or unit == wanted
            or whole == wanted
            or (wanted == "个" and unit not in _NOT_AMOUNTS)  # 多少个 asks for a count in any unit (26块)
            or _SAME_UNIT.get(unit, unit) == _SAME_UNIT.get(wanted, wanted)
            or (wanted == "%" and unit == "‰")
        )
        # An amount in 万 counts people as well as things (户籍人口1.2万); a resident's unit for things can
        # be loose (民情联系卡发了多少份 → 2000余张) where the figure plainly answers. People are counted in
        # people, not in groups (多少人口 is not 1-2个微信群).
        amount = not unit and wanted not in _NOT_AMOUNTS
        loose = not fits and not amount and wanted not in _NOT_AMOUNTS | _PEOPLE and unit not in _NOT_AMOUNTS | _PEOPLE
        if not fits and not amount and not loose:
            continue
        left, right = _clause(normalized_passage, match.start(), match.end())
        overlap = _overlap(normalized_passage, (left, right), question_words, weight, unit)
        share = overlap / possible if possible else 1.0
        if overlap <= 0 or (loose and share < LOOSE_SHARE):
            continue  # a figure with none (or too few) of the question's words beside it answers something else
        score = share + (1.0 if (fits or amount) and wanted is not None else 0.0)
        # Of two figures in one clause (由400多万人扩大到1120多万人), which score alike otherwise, the one the
        # question's leading word leads up to.
        lead = normalized_passage[max(left, match.start() - LEAD_CHARS) : match.start()]
        if any(form in lead for forms in leaders for form in forms):
            score += 0.01
        if stated:
            clause = normalized_passage[left:right].replace(match.group(0), "", 1)
            score += sum(1.0 for phrase in stated if phrase in clause)
        text = re.sub(r"\s+", "", figure)
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best else None
