"""Text normalisation for matching: the one place where text is folded before tokenizing.

Reports and questions go through the same :class:`Normalizer`, so 五次 in a
question meets 5次 in a report, 貼 meets 贴 and ５ meets 5. The normalised form
is only ever used for matching: what residents read is always the report's own
wording.
"""

from __future__ import annotations

import re
import unicodedata

import opencc

__all__ = ["HAN", "HAN_RE", "MEASURE_WORDS", "NUMERALS", "Normalizer", "chinese_numeral_value"]

# Han characters, for use inside a regex character class: the basic block and also Extension A and
# the supplementary planes, where rare characters of names and places live (䲟, 𬬻). A rule written
# for the basic block alone silently drops such a name from the question and the report.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")  # one Han character

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# Measure words after which a Chinese numeral is a count. Converting only there is
# the guard against 张三 → 张3, 零售价 → 0售价 and 一是 → 1是 (see notes/retrieval-facts.md); 第一次
# and 哪一年 keep their 一: an ordinal and a question are not counts, nor is 这一部, 每一次, nor 一批
# (推进一批项目: "a number of", not one batch).
MEASURE_WORDS = (
    "人次|平方公里|公里|千米|平方米|公顷|万元|亿元|元|公斤|千克|小时|分钟|"
    "次|回|个|份|辆|起|处|块|张|条|幅|人|户|名|项|场|家|间|所|座|栋|层|台|件|篇|本|册|部|首|集|章|"
    "期|批|轮|届|年|天|周|月|岁|位|支|套|亩|吨|米|类|种|组|棵|株|头|只|艘|架|枚|门|倍|卷|辑|担"
)
NUMERALS = "零〇一二两三四五六七八九十百千万亿"
# Not inside a longer numeral, nor an ordinal, a question or a pointing word (第三, 哪一, 这一, 每一).
_NOT_COUNTED_AFTER = f"(?<![{NUMERALS}第哪这那每某])"
# 3号线一期, 机场三期扩建, 二期工程: a phase of a project is its name, not a count of periods.
_PHASE = rf"(?:(?<=[线延])[{NUMERALS}]+期|[{NUMERALS}]+期(?:工程|项目|扩建|建设|改造|续建))"
# 得七分 is 7分 (points), though 三分之一 is a fraction, 一分为二 a split, and 十分 alone "very" (see _numeral_to_digits).
_NUMERAL_RE = re.compile(rf"{_NOT_COUNTED_AFTER}(?!一批|{_PHASE})([{NUMERALS}]+)(余|多)?(?=(?:{MEASURE_WORDS}|分(?![之为])))")
# 裁减军队员额五十万: a numeral ending in 万 or 亿 is a number with or without a measure word after it (not
# 千万 "by all means", 万一, 亿万: a digit must come before the 万).
_BIG_NUMERAL_RE = re.compile(rf"{_NOT_COUNTED_AFTER}([{NUMERALS}]*[一二两三四五六七八九][{NUMERALS}]*[万亿])(余|多)?(?![{NUMERALS}])")
# 1 6 5 5 亿美元: digits a layout spaced apart are one number.
_SPACED_DIGITS_RE = re.compile(r"(?<![\d.])\d(?: \d){2,}(?![\d.])")
# 一九九五年: a year written digit by digit (not a count of 1995 years, and not 一千九百九十五).
_DIGIT_YEAR_RE = re.compile(rf"(?<![{NUMERALS}])([零〇一二三四五六七八九]{{4}})(?=年)")
_PERCENT_RE = re.compile(rf"([百千])分之([{NUMERALS}]+(?:点[{''.join(_DIGITS)}]+)?|\d+(?:\.\d+)?)")
_DECIMAL_DIGITS = str.maketrans({numeral: str(value) for numeral, value in _DIGITS.items()})
# Other writings of the same word that script conversion leaves apart (甚麼 → 甚么, asked as 什么).
_VARIANT_WORDS = (("甚么", "什么"),)
# 两三次, 三四个: two neighbouring digits are a range, not 23 or 34.
_RANGE_RE = re.compile(r"^([一二两三四五六七八九])([二三四五六七八九])$")
_SPACES_RE = re.compile(r"\s+")


def chinese_numeral_value(text: str) -> int | None:
    """Value of a Chinese numeral such as 十二, 一百零五 or 三千五百万; None if it is not one."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch not in _BIG_UNITS for ch in text):
        return None
    total = 0
    section = 0  # the part below the current 万/亿
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # 二三 without a unit between: not a plain numeral
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _BIG_UNITS[ch]
            section = 0
            digit = None
    return total + section + (digit or 0)


def _numeral_to_digits(match: re.Match[str]) -> str:
    numeral, approx = match.group(1), match.group(2) or ""
    if numeral in ("万", "亿", "千", "百"):
        return match.group(0)
    if numeral == "十" and not approx and match.string.startswith("分", match.end()) and not match.string.startswith("分钟", match.end()):
        return match.group(0)  # 十分重要: "very", not ten points
    ranged = _RANGE_RE.match(numeral)
    if ranged and _DIGITS[ranged.group(1)] + 1 == _DIGITS[ranged.group(2)]:
        return f"{_DIGITS[ranged.group(1)]}-{_DIGITS[ranged.group(2)]}{approx}"
    # 三十万元 reads as 30万元, the way reports write it, not 300000元.
    big = ""
    while numeral and numeral[-1] in _BIG_UNITS:
        big = numeral[-1] + big
        numeral = numeral[:-1]
    value = chinese_numeral_value(numeral)
    if value is None:
        return match.group(0)
    return f"{value}{big}{approx}"


def _percent(match: re.Match[str]) -> str:
    sign = "%" if match.group(1) == "百" else "‰"  # 百分之五 is 5%, 千分之五 is 5‰
    value = match.group(2)
    if value[0].isdigit():
        return f"{value}{sign}"
    whole, _, fraction = value.partition("点")  # 百分之十六点六七 is 16.67%
    number = chinese_numeral_value(whole)
    if number is None:
        return match.group(0)
    return f"{number}.{fraction.translate(_DECIMAL_DIGITS)}{sign}" if fraction else f"{number}{sign}"


class Normalizer:
    """Folds text for matching: width, script, case, spaces and counted numerals."""

    def __init__(self) -> None:
        self._t2s = opencc.OpenCC("t2s")

    def __call__(self, text: str) -> str:
        """Return the matching form of ``text`` (NFKC, simplified script, lower case, digits)."""
        text = unicodedata.normalize("NFKC", text)
        text = self._t2s.convert(text)
        for variant, word in _VARIANT_WORDS:
            text = text.replace(variant, word)
        text = text.lower()
        text = _PERCENT_RE.sub(_percent, text)
        text = _DIGIT_YEAR_RE.sub(lambda m: m.group(1).translate(_DECIMAL_DIGITS), text)
        text = _NUMERAL_RE.sub(_numeral_to_digits, text)
        text = _BIG_NUMERAL_RE.sub(_numeral_to_digits, text)
        text = _SPACES_RE.sub(" ", text)
        return _SPACED_DIGITS_RE.sub(lambda m: m.group(0).replace(" ", ""), text)
