"""Answering a question from a loaded index: search, decide whether it is answered, extract the figure."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .answer import CLOCK, CODE, DATE, FigureQuestion, asks_for_figure, longest_shared_run, wording
from .chunking import PLACE_UNITS, Passage, ReportMeta, is_title_passage
from .normalize import HAN, HAN_RE, NUMERALS
from .scoring import PostingIndex
from .store import StoredIndex, load_index
from .tokenizer import QueryTerms, Tokenizer, load_synonyms

__all__ = ["MAX_QUESTION_CHARS", "Answer", "Engine", "Hit"]

MAX_QUESTION_CHARS = 200
# Share of the question's weighted words the best passage must hold to count as an answer.
MIN_COVERAGE = 0.5
# Whether the best passage answers at all is judged with the question's verbs weighing this much of their
# weight: a passage holding a question's nouns but not its verbs mostly answers it in other words (谁劝阻
# 孙皓 → 何太后谏止), one holding its verbs but not its nouns is mostly about something else. Measured on
# CMRC/DRCD (bench/NOTES.md): more answered right and fewer answered wrong, both at once.
GATE_VERB_WEIGHT = 0.5
# 产量达到多少: a verb linking what is measured to its figure says nothing the noun does not; it keeps its weight.
_FIGURE_LINKS = frozenset({"达到", "达", "超过", "突破", "约为", "共计", "合计", "总计"})
# A question naming a report's year or place prefers that report's passages by this factor.
REPORT_PREFERENCE = 4.0
# Words of the frame (item lead, section path, title) count this much against the passage's own.
FRAME_WEIGHT = 0.5
# A question word that is in a report's title picks the report more than the passage: it counts
# this much in the passage's own text (the title is in every passage's frame already), and in
# coverage (高观镇的特产是什么 is not answered by any passage that merely belongs to 高观镇's report).
TITLE_WORD_WEIGHT = 0.3
# 去年 picks a report (or its part looking back) by its year more than it says what is asked: it weighs this much
# in coverage (高观镇去年GDP是多少 is not answered by the title of a 2020年度 report that says nothing of GDP).
PAST_YEAR_WEIGHT = 0.5
# A missing word that names the kind of answer asked for (…的籍贯是哪里, 什么颜色) costs this share of
# its weight: the passage that answers says where someone is from, not the word 籍贯.
FOCUS_WEIGHT = 0.5
# The paragraph around a passage counts this much; a question word only in that paragraph counts
# this share towards coverage.
PARA_WEIGHT = 0.5
PARA_CREDIT = 0.5
# The best passages by BM25 are re-ranked by BM25 × coverage ** COVERAGE_POWER.
RERANK_DEPTH = 50
COVERAGE_POWER = 2
# For a how-many question, the best few candidates that state a figure in the unit asked for count this much more.
FIGURE_DEPTH = 10
FIGURE_BOOST = 1.5
# A how-many question naming what it counts (多少人, 几次) whose best passage states no such figure is
# not answered: the passage is about something else (疫情期间确诊了多少人 → 不漏一户、不落一人).
NO_FIGURE = "报告里没有找到这个数字。"
NO_TIME = "报告里没有找到这个时间。"  # 几点下班
NO_FIGURE_IN_PASSAGE = "报告里没有直接写出这个数字，下面是最相关的段落。"
PLANNED_FIGURE = "这个数字是报告里定的目标，不是已经完成的数。"
# The best few after the coverage re-rank are re-ranked again by how long a stretch of the question they
# repeat word for word (大莱龙铁路位于哪里 → 大莱龙铁路位于…): × e^(SHARED_RUN_GAIN · run), run capped.
SHARED_RUN_DEPTH = 10
SHARED_RUN_GAIN = 0.15
SHARED_RUN_CAP = 12
# A question naming what a report says it is about (its subject: 红钻鱼 of 红钻鱼（学名…）…) prefers
# that report's passages by this factor in the re-rank.
SUBJECT_PREFERENCE = 1.3
# …and its best passage answers when it covers this much (not MIN_COVERAGE): the question is about what the
# report is about (沼鹿的生活习性是什么样的, of the report opening 沼鹿（学名…）是…, which never says 习性).
SUBJECT_GATE = 0.35
# Passages kept in matching form for reading figures, the least recently read dropped first.
NORMALIZED_CACHE = 4096
# A question about what was done (增长了多少, 减少了几天) is not answered by a target (预期目标…增长8%左右),
# nor one about plans (要提高哪些养老金) by the part of a report looking back: such passages count this much.
TARGET_WEIGHT = 0.5
UNSAID_TARGET_WEIGHT = 0.7  # …and a how-many question saying neither (粮食产量是多少) is answered by a result first
# A question asking who (谁) weighs a report's title line this much: a title names no one.
TITLE_WHO_WEIGHT = 0.5
# Of the best few, a passage where what a 哪些 question asks for closes a list (…、…等标准) counts this much more.
LIST_GAIN = 1.3
LIST_KIND_CHARS = 6  # how far after 哪些 its kind is read
# Of the best few, for a question asking what something is (银龄教师是啥, 两重指的是什么), a passage opening by
# defining a term the question names (43.“银龄教师”：为积极应对…, as a report's glossary does) counts this much more.
DEFINITION_GAIN = 1.5

_LATIN_RE = re.compile(r"[A-Za-z]{2,}")
_YEAR_Q_RE = re.compile(r"((?:19|20)\d{2})\s*年(?!代)")  # not 1950年代, a decade
# Years a question names relative to the newest report: 今年 its year, 去年 the one before; 明年 is
# the year its plans are for (found in the newest report, under "2021年工作计划").
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上一年": -1, "前年": -2, "明年": 1, "下一年": 1}
_PAST_YEARS = tuple(word for word, shift in _RELATIVE_YEARS.items() if shift < 0)
_PLACE_UNIT_RE = re.compile(rf"(.+?(?:{PLACE_UNITS}))")
_UNIT_END_RE = re.compile(rf"(?:{PLACE_UNITS})$")
# The peoples autonomous places are named for (湘西土家族苗族自治州): a question names the place without them.
_PEOPLE_END_RE = re.compile(
    "(?:(?:回|壮|藏|苗|彝|侗|傣|白|羌|黎|畲|瑶|满|土|水|蒙古|朝鲜|土家|布依|哈尼|哈萨克|傈僳|仫佬|仡佬|毛南|纳西|景颇|"
    "达斡尔|鄂温克|鄂伦春|锡伯|塔吉克|柯尔克孜|拉祜|佤|东乡|撒拉|保安|裕固|京|独龙|怒|普米|基诺|德昂|门巴|珞巴)族|维吾尔)+$"
)
# 增长了, 减少了, 去年…: done; 为了, 除了, 了解 are other words.
_DONE_RE = re.compile(rf"(?<![为除])[{HAN}]了(?!解)|去年|上年|上一年|过去")
_PLANNED_RE = re.compile(r"目标|预期|计划|力争|将要|明年|今后")
_TARGET_RE = re.compile(r"(?<![过成现于年到])预期目标|目标[是为：:]|力争")
# Words a question uses for what a report plans (下一步准备怎么防范自然灾害): any passage of the part of a
# report looking ahead holds them, whether or not it says them.
_PLANNING_WORDS = "计划|打算|准备|安排|部署|下一步|接下来|今后|未来|将要"
_PLANNING_WORD_RE = re.compile(f"{_PLANNING_WORDS}|要")
# 宁夏要提高哪些养老金, 明年打算怎么做: a question about what a report plans. 要 as "will", not 主要/需要/要求.
_PLAN_Q_RE = re.compile(rf"(?<![主重需只必纲摘纪提扼首次想险])要(?!求|素|点|闻|害|领|件|紧|是|么|不)|{_PLANNING_WORDS}|{_PLANNED_RE.pattern}")
# A report's part looking back (一、2024年工作回顾) or ahead (二、2025年工作安排), told by its headings.
_LOOKING_BACK_RE = re.compile(r"回顾|成效|成绩|进展|完成情况|过去[一二三四五六七八九十\d]*年")
_LOOKING_AHEAD_RE = re.compile(r"安排|任务|建议|打算|计划|部署|思路|下一步|展望|目标|总体要求")
BACK, AHEAD = -1, 1
# A report on its own year (2020年度…工作情况报告, 2020年工作总结), not a work report looking back on the last.
_OWN_YEAR_RE = re.compile(r"(?:19|20)\d{2}\s*年度|总结|情况")
# 今年是…, 我镇是…, 本报告为…: a time or a pointing word opens the sentence, not what the report is about.
_NOT_SUBJECTS = ("今年", "去年", "明年", "当前", "目前", "过去", "近年", "这", "那", "我", "本", "该", "此", "其")
# A first sentence that defines its subject: the subject, then a bracketed gloss or 是/为/位于.
# …or names it and, after a comma, says what it is or is also called (李思摩，本姓阿史那氏 / 神医，又称巫医 / 沈龙元，是…).
_SUBJECT_RE = re.compile(rf"\s*(《[^》]{{1,30}}》|[{HAN}](?=[（(])|[^（(，,。：:；;、\s]{{2,15}}?)(?:[（(]|是|为|(?:位|产|生|出生|坐落)于|[，,]?(?:又称|或称|又名|亦称|原名|本名|简称|本姓)|[，,](?:是|为|指|字))")
# 银龄教师是啥, 三级百圈是什么意思, 两重指的是什么: a question asking what a term means.
_DEFINE_Q_RE = re.compile(r"(?:是|指)(?:什么|啥|何)(?:意思|含义)?|(?:什么|啥)意思|含义|指的是")
# A passage opening by defining a term: 43.“银龄教师”：…, （五）两重：…, 网格化管理是指…
_DEFINES_RE = re.compile(r"\s*(?:\d{1,3}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?\s*[“「\"]?([^”」\"：:，,。；;\s]{2,20}?)(?:[”」\"][^：:，,。；;\s]{0,8}?)?\s*(?:[：:]|是指|指的是)")


def _looked_back_years(normalized: str, asks_plans: bool) -> frozenset[int]:
    """The years a question names that a report's look back on them may answer: none for a question
    about plans (2016年要开工几项) or one naming a report by its year (2004年报告里…)."""
    if asks_plans or "报告" in normalized:
        return frozenset()
    return frozenset(int(y) for y in _YEAR_Q_RE.findall(normalized))


def _listed_kind(normalized: str, words: tuple[str, ...]) -> re.Pattern[str] | None:
    """For 哪些 X (要深化哪些农村改革): a word of X closing a list, as a report writes one (粮食收储、集体产权…等改革)."""
    which = normalized.find("哪些")
    if which < 0:
        return None
    after = normalized[which + 2 : which + 2 + LIST_KIND_CHARS]
    kinds = [re.escape(word) for word in words if len(word) >= 2 and word in after]
    if not kinds:
        return None
    kind = "|".join(kinds)
    # …等一批重点项目, …等一系列措施: the list may close with how many there are.
    return re.compile(rf"等(?:一批|一系列|多项|多个|[\d{NUMERALS}]+[个项类种])?(?:{kind})|、[^。；;！？!?]{{0,12}}(?:{kind})")


_NUMBER_CHARS = frozenset("0123456789.")


def _literally(form: str, text: str) -> bool:
    """Whether ``text`` holds ``form`` as written; a number only whole (the 2 of 2户 is not in 236号)."""
    if not form.isdigit():
        return form in text
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if (start == 0 or text[start - 1] not in _NUMBER_CHARS) and (end == len(text) or text[end] not in _NUMBER_CHARS):
            return True
        start = text.find(form, start + 1)
    return False


def report_subject(opening: str) -> str | None:
    """What a report says it is about when its first sentence opens by defining it, or None.

    红钻鱼（学名：…）…, 大莱龙铁路位于山东省…, 高观镇是城口县… → 红钻鱼, 大莱龙铁路, 高观镇. ``opening`` is
    the report's first passage after its title, in matching form. A sentence opening otherwise
    (2020年，我镇…) names no subject.
    """
    match = _SUBJECT_RE.match(opening)
    if not match or not HAN_RE.search(match.group(1)) or match.group(1).startswith(_NOT_SUBJECTS):
        return None
    return match.group(1)


def _report_part(section: tuple[str, ...], year: int | None = None) -> int:
    """Whether a section path lies in the part of a report looking back (BACK) or ahead (AHEAD); 0 if its
    headings do not say. The outermost heading that says decides. Of a work report delivered at the start of
    ``year``, a heading naming only that year is about its plans (三、2025年重点工作), one naming only the
    year before about the year looked back on."""
    for heading in section:
        back, ahead = _LOOKING_BACK_RE.search(heading), _LOOKING_AHEAD_RE.search(heading)
        if back and not ahead:
            return BACK
        if ahead and not back:
            return AHEAD
        named = {int(y) for y in _YEAR_Q_RE.findall(heading)}
        if year and not back and not ahead and len(named) == 1:
            if year in named:
                return AHEAD
            if year - 1 in named:
                return BACK
    return 0


def _place_names(place: str) -> list[str]:
    """What a question may call a place by: each of its units, with and without 省/市/县… (城口县 → 城口,
    内蒙古自治区 → 内蒙古), and without the people it is named for (宁夏回族自治区 → 宁夏)."""
    names = []
    for unit in _PLACE_UNIT_RE.findall(place) or [place]:
        stem = _UNIT_END_RE.sub("", unit)
        short = _PEOPLE_END_RE.sub("", stem)
        names += [name for name in dict.fromkeys((unit, stem, short)) if len(name) >= 2]
    return names


@dataclass(frozen=True)
class _Word:
    """A question word as coverage weighs it: its forms, weight and bigram parts."""

    text: str
    forms: tuple[str, ...]  # the word and its synonyms
    weight: float
    parts: tuple[tuple[str, ...], ...]  # each bigram of a word the reports segment otherwise, with synonyms
    focus: bool  # names the kind of answer asked for
    year: bool  # a year the question names
    titled: bool = False  # a title the question names (《唐文粹》), held whole or not at all
    planning: bool = False  # 下一步, 打算: held by any passage of the part of a report looking ahead
    verb: bool = False  # 劝阻, 举办: a passage answering may say it in other words (see GATE_VERB_WEIGHT)
    # 去年, or 2003年 of a question a look back may answer: the year it means, held by any passage of a
    # report's look back on that year (the 2004 report's look back on 2003 need not name the year)
    looked_back: int = 0


@dataclass(frozen=True)
class _Plan:
    """What coverage checks of a question: its words, and the reports' places it names."""

    words: list[_Word]
    places: tuple[str, ...]
    # For the gate: the report places and 去年 / 今年 the question names, left out of the share when held (see
    # _covered); empty when the question names nothing else.
    framing: frozenset[str] = frozenset()


class _Holding:
    """Which of a question's candidate passages hold a term, in their text or frame, or in their paragraph.

    Each term is looked up once for all the candidates, not once per candidate.
    """

    def __init__(self, fields: dict[str, PostingIndex], candidates: np.ndarray, frames: np.ndarray, paragraphs: np.ndarray) -> None:
        self._fields = fields
        self._row = {int(passage_id): row for row, passage_id in enumerate(candidates.tolist())}
        self._candidates, self._frames, self._paragraphs = candidates, frames, paragraphs
        self._held: dict[str, np.ndarray] = {}
        self._in_paragraph: dict[str, np.ndarray] = {}

    def holds(self, term: str, passage_id: int) -> bool:
        """Whether the passage's text or frame (item lead, section path, title) holds ``term``."""
        held = self._held.get(term)
        if held is None:
            held = self._fields["body"].contains_each(term, self._candidates)
            held |= self._fields["frame"].contains_each(term, self._frames)
            self._held[term] = held
        return bool(held[self._row[passage_id]])

    def in_paragraph(self, term: str, passage_id: int) -> bool:
        """Whether the paragraph the passage comes from holds ``term``."""
        held = self._in_paragraph.get(term)
        if held is None:
            held = self._in_paragraph[term] = self._fields["para"].contains_each(term, self._paragraphs)
        return bool(held[self._row[passage_id]])


@dataclass(frozen=True)
class Hit:
    """One passage found for a question, with what it takes to cite it."""

    passage_id: int
    doc: str
    title: str
    section: str
    text: str
    score: float

    def to_json(self) -> dict[str, Any]:
        """The passage as the `--json` output shows it."""
        return {"doc": self.doc, "title": self.title, "section": self.section, "text": self.text, "score": round(self.score, 4)}


@dataclass(frozen=True)
class Answer:
    """The reply to one question: whether the reports answer it, the figure, the passages."""

    question: str
    answered: bool
    answer: str | None
    passages: list[Hit]
    notices: list[str] = field(default_factory=list)
    suggestions: list[Hit] = field(default_factory=list)  # closest sections when not answered
    highlights: list[str] = field(default_factory=list)  # question words to mark in the passages
    more: bool = False  # more passages exist past these
    reason: str | None = None  # why the reports do not answer, when more can be said than "not found"

    def to_json(self) -> dict[str, Any]:
        """The JSON object `govqa ask --json` prints for this answer."""
        out: dict[str, Any] = {
            "question": self.question,
            "answered": self.answered,
            "answer": self.answer,
            "passages": [hit.to_json() for hit in self.passages],
        }
        if self.notices:
            out["notice"] = " ".join(self.notices)
        if self.reason:
            out["reason"] = self.reason
        if self.suggestions:
            out["suggestions"] = [{"doc": h.doc, "title": h.title, "section": h.section} for h in self.suggestions]
        return out


def clean_question(question: str) -> tuple[str, list[str]]:
    """Strip control characters and cut an overlong question; return it with notices for the user."""
    notices: list[str] = []
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question).strip()
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS]
        notices.append(f"问题太长，只用了前{MAX_QUESTION_CHARS}个字。")
    if text and not HAN_RE.search(text) and _LATIN_RE.search(text):
        notices.append("报告是中文的，请用中文提问；已按原文尝试检索。")
    return text, notices


class Engine:
    """A loaded index ready to answer questions. Immutable: a rebuild makes a new Engine."""

    def __init__(self, stored: StoredIndex, tokenizer: Tokenizer, synonyms: dict[str, tuple[str, ...]]) -> None:
        self.stored = stored
        self.tokenizer = tokenizer
        self.synonyms = synonyms
        self.reports: list[ReportMeta] = stored.reports
        self._report_of = {r.doc: r for r in stored.reports}
        report_index = {r.doc: i for i, r in enumerate(stored.reports)}
        self._passage_report = np.array([report_index[p.doc] for p in stored.passages], dtype=np.int32)
        self._para_of = stored.para_of
        self._frame_of = stored.frame_of
        # A work report delivered at the start of its year (not a report on its own year: 2020年度…工作情况报告).
        work_year = {r.doc: r.year if r.year and not _OWN_YEAR_RE.search(r.title) else None for r in stored.reports}
        part_of_section = {
            key: _report_part(*key) for key in {(p.section, work_year[p.doc]) for p in stored.passages}
        }
        self._part_of = np.array([part_of_section[(p.section, work_year[p.doc])] for p in stored.passages], dtype=np.int8)
        self._title_terms = frozenset(t for r in stored.reports for t in tokenizer.tokens(r.title))
        self._years = sorted({r.year for r in stored.reports if r.year})  # the years reports are of
        self.newest_year = self._years[-1] if self._years else None
        # A report on its own year (2020年度…工作情况报告) comes out the year after: residents reading it say 去年 for
        # its year as well as the report's own 今年.
        self._newest_on_own_year = any(r.year == self.newest_year and work_year[r.doc] is None for r in stored.reports)
        # The names a question can call a report's place by (城口县高观镇 → 城口县, 城口, 高观镇, 高观), each with
        # the reports of that place; and each report's year. Worked out once: a question only looks them up.
        reports_named: dict[str, list[int]] = {}
        for i, r in enumerate(stored.reports):
            for name in _place_names(r.place) if r.place else ():
                reports_named.setdefault(name, []).append(i)
        self._reports_named = {name: np.array(ids, dtype=np.int32) for name, ids in reports_named.items()}
        self._report_years = np.array([r.year or 0 for r in stored.reports], dtype=np.int32)
        # The year a passage of a report's part looking back is about: a work report of 2004 (delivered at its
        # start) looks back on 2003; a report on its own year (2020年度…工作情况报告, 2020年工作总结) does not.
        looks_back_a_year = np.array([work_year[r.doc] is not None for r in stored.reports])
        self._looked_back = np.where(
            (self._part_of == BACK) & looks_back_a_year[self._passage_report], self._report_years[self._passage_report] - 1, 0
        )
        # Whether a passage states targets (1) or not (0), read when a question first needs it (-1: not yet).
        self._targets = np.full(len(stored.passages), -1, dtype=np.int8)
        # Figures are read from the passages' matching form; questions keep reaching the same passages.
        self._normalized_text = functools.lru_cache(maxsize=NORMALIZED_CACHE)(self._normalize_passage)
        # Each report's subject, with the reports of that subject.
        subjects: dict[str, list[int]] = {}
        opened: set[str] = set()
        for passage in stored.passages:
            report = self._report_of[passage.doc]
            if passage.doc in opened or is_title_passage(passage, report.title):
                continue
            opened.add(passage.doc)
            subject = report_subject(tokenizer.normalize(passage.text[:40]))
            if subject:
                subjects.setdefault(subject, []).append(report_index[passage.doc])
            if len(opened) == len(stored.reports):
                break  # every report's opening is read
        self._reports_about = {subject: np.array(ids, dtype=np.int32) for subject, ids in subjects.items()}

    @classmethod
    def load(cls, index_dir: Path, tokenizer: Tokenizer, synonyms_path: Path | None = None) -> Engine:
        """Load the current index at ``index_dir`` (raises IndexMissing/IndexMismatch/IndexCorrupt)."""
        stored = load_index(index_dir, tokenizer.fingerprint)
        return cls(stored, tokenizer, load_synonyms(synonyms_path, tokenizer))

    @property
    def passages(self) -> list[Passage]:
        """Every passage, in index order."""
        return self.stored.passages

    def report(self, doc: str) -> ReportMeta:
        """The metadata of the report with id ``doc``."""
        return self._report_of[doc]

    def paragraph(self, passage_id: int) -> str:
        """The whole paragraph a passage comes from (for 查看原文)."""
        passage = self.stored.passages[passage_id]
        return self.stored.texts[passage.doc][passage.para_start : passage.para_end]

    def _hit(self, passage_id: int, score: float) -> Hit:
        passage = self.stored.passages[passage_id]
        return Hit(
            passage_id=passage_id,
            doc=passage.doc,
            title=self._report_of[passage.doc].title,
            section=" › ".join(passage.section),
            text=passage.text,
            score=float(score),
        )

    def _preferred_reports(self, normalized: str) -> np.ndarray | None:
        """Reports the question points at by year (2020年, 今年, 去年) or by place; None if none."""
        years = {int(y) for y in _YEAR_Q_RE.findall(normalized)}
        if self.newest_year is not None:
            newest = self.newest_year
            for word, shift in _RELATIVE_YEARS.items():
                if word in normalized:
                    years.update(self._relative_year(shift) if shift <= 0 else (newest,))
        chosen = np.isin(self._report_years, list(years)) if years else np.zeros(len(self.reports), dtype=bool)
        for name, ids in self._reports_named.items():
            if name in normalized:
                chosen[ids] = True
        if not chosen.any() or chosen.all():
            return None
        return chosen

    def _reports_asked_about(self, normalized: str, words: tuple[str, ...]) -> np.ndarray | None:
        """The reports whose subject the question names (红钻鱼分布在哪里 → 红钻鱼（学名…）…); None if none. A
        one-character subject (䲟（学名…）…) is named only as a word of its own (䲟的背吸盘, not 短䲟)."""
        chosen = None
        for subject, ids in self._reports_about.items():
            if subject in words if len(subject) == 1 else subject in normalized:
                if chosen is None:
                    chosen = np.zeros(len(self.reports), dtype=bool)
                chosen[ids] = True
        return chosen

    def _target_flags(self, passage_ids: np.ndarray) -> np.ndarray:
        """Whether each passage states targets, read on first asking and kept (it is the passage's own)."""
        unknown = passage_ids[self._targets[passage_ids] < 0]
        for passage_id in unknown:
            self._targets[passage_id] = self._states_targets(int(passage_id))
        return np.asarray(self._targets[passage_ids] == 1)

    def _states_targets(self, passage_id: int) -> bool:
        """Whether the passage states targets (预期目标是：…), itself, or as the rest of a sentence or item that does.

        A long list of targets is cut into passages: the passage that ends it does not repeat 预期目标, but
        its sentence, or the lead sentence of its item, began with it.
        """
        passage = self.stored.passages[passage_id]
        text = self.stored.texts[passage.doc]
        begins = max(text.rfind(mark, passage.para_start, passage.start) for mark in "。！？!?\n") + 1
        return _TARGET_RE.search(text, max(begins, passage.para_start), passage.end) is not None or bool(
            _TARGET_RE.search(passage.context)
        )

    def _suggestions(self, candidates: np.ndarray, scores: np.ndarray, count: int = 3) -> list[Hit]:
        """The closest sections to offer when nothing answers: best search score first, each section once."""
        hits: list[Hit] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for i in sorted(candidates.tolist(), key=lambda i: (-scores[i], i)):
            passage = self.stored.passages[i]
            if (passage.doc, passage.section) not in seen:
                seen.add((passage.doc, passage.section))
                hits.append(self._hit(i, float(scores[i])))
                if len(hits) == count:
                    break
        return hits

    def _missing_years(self, normalized: str) -> str | None:
        """Why a question naming a year no report is of goes unanswered (2022年 with reports of 2020, 2021)."""
        named = sorted({int(y) for y in _YEAR_Q_RE.findall(normalized)})
        if not self._years or not named or any(y in self._years for y in named):
            return None
        years = "、".join(f"{y}年" for y in named)
        return f"现有报告里没有{years}的报告（现有：{'、'.join(f'{y}年' for y in self._years)}）。"

    def term_weight(self, term: str) -> float:
        """How much a word weighs: its idf in the passages' text (or frame); the most if unknown."""
        body, frame = self.stored.fields["body"], self.stored.fields["frame"]
        if body.has(term) or not frame.has(term):
            return body.term_idf(term)
        return frame.term_idf(term)

    def _title_factor(self, term: str) -> float:
        """TITLE_WORD_WEIGHT for a word of a report's title (every passage of the report has it), else 1."""
        return TITLE_WORD_WEIGHT if term in self._title_terms else 1.0

    def _evidence_weight(self, term: str) -> float:
        """How much a question word beside a figure says it is the figure asked for: a word of a report's
        title (新疆 of 新疆's report) says which report, not which figure."""
        return self.term_weight(term) * self._title_factor(term)

    def _word_parts(self, word: str) -> list[str]:
        """What a question word is matched by when the report segments it otherwise: its bigrams."""
        if len(word) > 2 and HAN_RE.match(word):
            return [word[i : i + 2] for i in range(len(word) - 1)]
        return [word]

    def _coverage_plan(self, terms: QueryTerms, looked_back: frozenset[int]) -> _Plan:
        """What coverage checks of each question word, worked out once per question."""
        years = set(_YEAR_Q_RE.findall(terms.normalized))
        places = tuple(name for name in self._reports_named if name in terms.normalized)
        plan: list[_Word] = []
        for word in terms.words:
            parts = self._word_parts(word)
            if self.stored.fields["body"].has(word) or self.stored.fields["frame"].has(word) or len(parts) == 1:
                weight = self.term_weight(word)
            else:
                weight = sum(self.term_weight(p) for p in parts) / len(parts)
            weight *= PAST_YEAR_WEIGHT if word in _PAST_YEARS else self._title_factor(word)
            # 省委书记是谁: whoever holds the office is named beside it; the 书记 of 总书记 is another office.
            whose = f"{word}是谁" in terms.normalized or f"谁是{word}" in terms.normalized
            part_forms = tuple((part, *terms.expansions.get(part, ())) for part in parts) if len(parts) > 1 and not whose else ()
            planning = _PLANNING_WORD_RE.fullmatch(word) is not None
            verb = self.tokenizer.is_verb(word) and word not in _FIGURE_LINKS
            if word in _RELATIVE_YEARS and word in terms.expansions:
                back = int(terms.expansions[word][0])
            else:
                back = int(word) if word in years and int(word) in looked_back else 0
            plan.append(
                _Word(
                    word,
                    (word, *terms.expansions.get(word, ())),
                    weight,
                    part_forms,
                    focus=word in terms.focus,
                    year=word in years,
                    titled=word in terms.titled,
                    planning=planning,
                    verb=verb,
                    looked_back=back,
                )
            )
        framing = frozenset(w.text for w in plan if w.text in places or w.text in _RELATIVE_YEARS)
        return _Plan(plan, places, framing if len(framing) < len(plan) else frozenset())

    def _own_words(self, passage_id: int) -> str:
        """The passage with its frame (item lead, section path, report title), as the report writes them."""
        passage = self.stored.passages[passage_id]
        return " ".join((passage.text, passage.context, *passage.section, self._report_of[passage.doc].title))

    def _covered(
        self, terms: QueryTerms, passage_id: int, plan: _Plan, holding: _Holding, verb_weight: float = 1.0, topical: bool = False
    ) -> float:
        """Weighted share of the question's words the passage holds.

        A word counts whole when the passage holds it or a synonym, as a term or literally; a longer word
        that the report segments otherwise counts by the share of its bigrams the passage holds, and
        weighs the mean idf of those bigrams (an unknown one weighs the most a word can); a word found
        only elsewhere in the passage's paragraph counts PARA_CREDIT. A word of a report title weighs
        TITLE_WORD_WEIGHT of its weight; a word for plans (打算, 下一步) is held by any passage of the part
        of a report looking ahead; a missing word naming the kind of answer asked for costs
        FOCUS_WEIGHT of its weight; a one-character part of a name counts only beside the rest of it.
        A year the question names that neither the passage nor its report's title holds leaves nothing,
        and so does a report's place it names (河北 asked of 北京's report) when they hold none of those named.
        """
        # Literal containment catches what segmentation split otherwise (发 in 发放, 县 in 城口县). It reads
        # the report's own text: normalising every candidate on every question would cost more than the
        # search, and the terms checked above already cover the normalised forms.
        text = self._own_words(passage_id)
        if plan.places and not any(place in text for place in plan.places):
            return 0.0
        total = 0.0
        held = 0.0
        # A name's one-character part found only apart from the rest (晏 of 司马晏 in 晏家村) is not held.
        apart = {
            char for char, grams in terms.joins.items() if not any(holding.holds(g, passage_id) or g in text for g in grams)
        }
        # For the gate (topical), the report's place and 去年 / 今年 are left out of the share when held and the
        # question names more: holding them says nothing of what is asked (湖北去年出生了多少人 is not answered by
        # 6100万湖北人民), lacking them does.
        framing = plan.framing if topical else frozenset()
        for word in plan.words:
            forms = word.forms[1:] if word.text in apart else word.forms
            weight = word.weight * verb_weight if word.verb else word.weight
            if (
                any(holding.holds(form, passage_id) for form in forms)
                or any(_literally(form, text) for form in forms)
                or (word.planning and self._part_of[passage_id] == AHEAD)
                or (word.looked_back and self._looked_back[passage_id] == word.looked_back)
            ):
                if word.text in framing:
                    continue
                held += weight
                total += weight
                continue
            if word.year or word.titled:
                return 0.0  # 2022年的工作计划 is not in a passage of 2020 that never names 2022, 《银发驿站》 not in one on 驿站
            if word.focus:
                weight *= FOCUS_WEIGHT
            total += weight
            credit = 0.0
            if word.parts:
                # 消防演习 against 消防安全应急救援演练: 消防 held, 演习 held as its synonym 演练.
                held_parts = sum(any(holding.holds(form, passage_id) for form in part) for part in word.parts)
                credit = held_parts / len(word.parts)
            if any(holding.in_paragraph(form, passage_id) for form in forms):
                credit = max(credit, PARA_CREDIT)
            held += weight * credit
        return held / total if total else 0.0

    def _relative_year(self, shift: int) -> tuple[int, ...]:
        """The years 今年 (0), 去年 (-1), 明年 (1) … mean, the first being the one counted from the newest report's
        year; a past year no report is of also means the year after it when the newest report is on its own year
        (去年 of a 2020年度 report, read in 2021, is 2020; with a 2019年度 report too, it is 2019's)."""
        assert self.newest_year is not None
        if shift < 0 and self._newest_on_own_year and self.newest_year + shift not in self._years:
            return (self.newest_year + shift, self.newest_year + shift + 1)
        return (self.newest_year + shift,)

    def _with_years(self, terms: QueryTerms) -> QueryTerms:
        """今年, 去年, 明年 also search for the year they mean (2020, 2019, 2021 when the newest report is 2020's)."""
        if self.newest_year is None:
            return terms
        years = {
            word: tuple(map(str, self._relative_year(shift))) for word, shift in _RELATIVE_YEARS.items() if word in terms.words
        }
        if not years:
            return terms
        scored = tuple(dict.fromkeys([*terms.scored, *(y for ys in years.values() for y in ys)]))
        return replace(terms, scored=scored, expansions={**terms.expansions, **years})

    def search(self, terms: QueryTerms, normalized: str, looked_back: frozenset[int] | None = None) -> np.ndarray:
        """Scores of every passage for a question's terms, with the report preference applied (``looked_back``:
        the question's years a report's look back may answer, worked out from it when not given)."""
        fields = self.stored.fields
        boosts = [self._title_factor(term) for term in terms.scored]
        scores = fields["body"].scores(terms.scored, boosts)
        # A frame fills in what its passage leaves unsaid: a word both hold counts once, the larger of its two parts
        # (网格化管理 in a later passage of the paragraph opening 网格化管理是指… does not count twice and come first;
        # a report's title word, weighing less in a passage's own text, costs a passage nothing for saying it).
        framed = fields["frame"].scores(terms.scored)[self._frame_of]
        for term, boost in zip(terms.scored, boosts):
            held = fields["body"].postings(term)
            if held is None:
                continue
            frame_part = fields["frame"].term_scores(term)
            if frame_part is not None:
                said = boost * fields["body"].term_idf(term) * held[1].astype(np.float64)
                framed[held[0]] -= np.minimum(frame_part[self._frame_of[held[0]]], said / FRAME_WEIGHT)
        scores += FRAME_WEIGHT * framed
        scores += PARA_WEIGHT * fields["para"].scores(terms.scored, boosts)[self._para_of]
        preferred = self._preferred_reports(normalized)
        if preferred is not None:
            chosen = preferred[self._passage_report]
            if looked_back is None:
                looked_back = _looked_back_years(normalized, _PLAN_Q_RE.search(normalized) is not None)
            if looked_back:  # 2003年外汇储备: the 2004 report's look back on 2003 as well as the 2003 report
                chosen = chosen | np.isin(self._looked_back, list(looked_back))
            scores = scores * np.where(chosen, REPORT_PREFERENCE, 1.0)
        return scores

    def _by_wording(
        self,
        question: str,
        normalized: str,
        words: tuple[str, ...],
        candidates: np.ndarray,
        coverage: np.ndarray,
        final: np.ndarray,
        about: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Candidates best first, after weighing what a question's wording says beyond its words.

        A report whose subject the question names counts SUBJECT_PREFERENCE more, and its passage comes first
        when it holds as much of the question as the best (by coverage); of the best few, a
        passage repeating a longer stretch of the question word for word counts more (SHARED_RUN_GAIN),
        and so does one listing what a 哪些 question asks for (LIST_GAIN).
        """
        if about is not None:
            final = final * np.where(about[self._passage_report[candidates]], SUBJECT_PREFERENCE, 1.0)
        keep = np.lexsort((candidates, -final))
        order, coverage, final = candidates[keep], coverage[keep], final[keep]
        if about is not None and not about[self._passage_report[order[0]]]:
            # 前肛鳗以什么为食: of passages holding as much of the question, the one from the report about 前肛鳗
            # comes first, however much the passage of 异齿前肛鳗 repeats its words.
            fitting = np.flatnonzero(about[self._passage_report[order]] & (coverage >= coverage[0]))
            if fitting.size:
                keep = np.r_[fitting[0], np.delete(np.arange(len(order)), fitting[0])]
                order, coverage, final = order[keep], coverage[keep], final[keep]
                final[0] = max(final[0], np.nextafter(final[1], np.inf))  # and stays first when re-sorted by score
        # The report's own wording, not its matching form: normalising ten passages a question would cost
        # more than the search. The question is read as asked and as normalised (五次 → 5次), so either
        # wording the report uses is met.
        asked = {wording(text) for text in (question, normalized)}
        listed = _listed_kind(normalized, words)
        defining = _DEFINE_Q_RE.search(normalized) is not None
        for i in range(min(SHARED_RUN_DEPTH, len(order))):
            own = self._own_words(int(order[i]))
            run = max(longest_shared_run(form, own) for form in asked)
            final[i] *= math.exp(SHARED_RUN_GAIN * min(run, SHARED_RUN_CAP))
            text = self.stored.passages[int(order[i])].text
            if listed is not None and listed.search(text):
                final[i] *= LIST_GAIN  # 要提高哪些标准: 稳步提高城乡低保、社会救助、抚恤优待等标准
            if defining and (term := _DEFINES_RE.match(text)) and any(wording(term.group(1)) in form for form in asked):
                final[i] *= DEFINITION_GAIN  # 银龄教师是啥: 43.“银龄教师”：为积极应对人口老龄化…
        keep = np.lexsort((order, -final))
        return order[keep], coverage[keep], final[keep]

    def _normalize_passage(self, passage_id: int) -> str:
        return self.tokenizer.normalize(self.stored.passages[passage_id].text)

    def _figure(self, asked: FigureQuestion, passage_id: int) -> tuple[str | None, bool]:
        """The figure the passage gives for the question, and whether it is in the unit asked for."""
        text = self.stored.passages[passage_id].text
        figure, fitting = asked.extract(self._normalized_text(passage_id))
        if figure is not None and asked.wanted == CODE:
            # Matching lower-cases a code (L2 → l2): give it as the report writes it.
            written = re.search(re.escape(figure), text, re.IGNORECASE)
            figure = written.group(0) if written else figure
        return figure, fitting

    def ask(self, question: str, top: int = 3, offset: int = 0) -> Answer:
        """Answer ``question`` with the ``top`` best passages after ``offset`` (for 更多结果)."""
        if top < 1 or offset < 0:
            raise ValueError("top must be at least 1 and offset at least 0")
        text, notices = clean_question(question)
        if not text:
            return Answer(question, False, None, [], ["问题是空的，请输入想问的内容。", *notices])
        terms = self._with_years(self.tokenizer.query(text, self.synonyms))
        normalized = terms.normalized
        if not terms.words:
            return Answer(question, False, None, [], [*notices, "问题里没有可以检索的词，请换个说法，例如：消防演练开展了几次？"])
        asks_plans = _PLAN_Q_RE.search(normalized) is not None
        looked_back = _looked_back_years(normalized, asks_plans)
        scores = self.search(terms, normalized, looked_back)
        wanted = offset + top
        positive = np.flatnonzero(scores > 0)
        highlights = sorted(terms.words, key=len, reverse=True)
        if positive.size == 0:
            return Answer(question, False, None, [], notices, highlights=highlights)
        depth = max(RERANK_DEPTH, wanted + 1)
        if positive.size > depth:
            positive = positive[np.argpartition(-scores[positive], depth)[:depth]]
        plan = self._coverage_plan(terms, looked_back)
        holding = _Holding(self.stored.fields, positive, self._frame_of[positive], self._para_of[positive])
        coverage = np.array([self._covered(terms, int(i), plan, holding) for i in positive])
        final = scores[positive] * coverage**COVERAGE_POWER
        done = _DONE_RE.search(normalized) is not None and not _PLANNED_RE.search(normalized)
        how_many = asks_for_figure(normalized)
        if done or (how_many and not asks_plans):
            # 增长了多少 asks what was done; 粮食产量是多少, asked without a tense, the harvest there was before the one planned.
            planned = self._target_flags(positive)
            # 去年粮食收了多少 asks last year's, not this year's plans; a how-many question naming no year (有多少家重点
            # 实验室, 避险搬迁了多少户) what there is or was done. A year named (1980年钢产量是多少) may be the one planned.
            past = any(word in terms.words for word in _PAST_YEARS)
            dated = _YEAR_Q_RE.search(normalized) is not None or any(word in terms.words for word in _RELATIVE_YEARS)
            undated = how_many and not dated
            if past or undated:
                planned |= self._part_of[positive] == AHEAD
            final *= np.where(planned, TARGET_WEIGHT if done else UNSAID_TARGET_WEIGHT, 1.0)
        elif asks_plans:
            # 宁夏要提高哪些养老金 asks what the report plans, not what it looks back on.
            final *= np.where(self._part_of[positive] == BACK, TARGET_WEIGHT, 1.0)
        if "谁" in normalized:
            # 报告是谁作的: a report's title names no one; the line under it does (省长王正谱作政府工作报告).
            candidates = [self.stored.passages[i] for i in positive]
            titles = [is_title_passage(p, self._report_of[p.doc].title) for p in candidates]
            final *= np.where(titles, TITLE_WHO_WEIGHT, 1.0)
        about = self._reports_asked_about(normalized, terms.words)
        order, coverage, final = self._by_wording(text, normalized, terms.words, positive, coverage, final, about)
        figures: dict[int, str | None] = {}
        asked = FigureQuestion.of(normalized, [(w, *terms.expansions.get(w, ())) for w in terms.words], self._evidence_weight)
        counted = asked is not None and asked.counted
        if asked is not None:
            # A how-many question is answered by a passage that states such a figure beside its words. The
            # best few are read; one that names what it counts (多少起) reads on until a passage that
            # could answer states one, and such a passage comes before every passage that states none.
            stated = np.zeros(len(order), dtype=bool)
            # …but only one covering the question as well as the best does: 疫情期间发了多少份宣传单 is not
            # answered by 安全生产宣传资料4000余份 when the best passage, on the epidemic's leaflets, gives no number.
            best_coverage = coverage[0]
            for i in range(len(order)):
                if i >= FIGURE_DEPTH and (not counted or stated.any()):
                    break
                if i >= FIGURE_DEPTH and coverage[i] < MIN_COVERAGE:
                    continue  # past the best few, only a passage that could answer is worth reading
                passage_id = int(order[i])
                figures[passage_id], fitting = self._figure(asked, passage_id)
                if figures[passage_id] is not None:
                    if fitting:  # not a figure in a loose unit (1000家 for 多少辆), which may still answer (多少份 → 2000余张)
                        final[i] *= FIGURE_BOOST
                    stated[i] = counted and coverage[i] >= max(MIN_COVERAGE, best_coverage)
            keep = np.lexsort((order, -final, ~stated))
            order, coverage, final = order[keep], coverage[keep], final[keep]
        best = int(order[0])
        # Whether it answers at all: verbs weigh GATE_VERB_WEIGHT and framing words are left out, so the coverage is
        # read again if there are any.
        if any(w.verb for w in plan.words) or plan.framing:
            gate = self._covered(terms, best, plan, holding, GATE_VERB_WEIGHT, topical=True)
        else:
            gate = coverage[0]
        floor = SUBJECT_GATE if about is not None and about[self._passage_report[best]] else MIN_COVERAGE
        if gate < floor:
            suggestions = self._suggestions(order, scores)
            reason = self._missing_years(normalized)
            return Answer(question, False, None, [], notices, suggestions=suggestions, highlights=highlights, reason=reason)
        hits = [self._hit(int(i), s) for i, s in zip(order[offset:wanted], final[offset:wanted]) if s > 0]
        figure = figures[best] if best in figures else (self._figure(asked, best)[0] if asked is not None else None)
        if figure is None and counted:
            suggestions = self._suggestions(order, scores)
            reason = NO_TIME if asked is not None and asked.wanted == CLOCK else NO_FIGURE
            return Answer(question, False, None, [], notices, suggestions=suggestions, highlights=highlights, reason=reason)
        if offset:
            figure = None
        elif figure is None and asked is not None and asked.wanted not in (CODE, DATE):
            # 白酒出口了多少: the passage is about it but states no such figure; say so, not as if it did.
            notices = [*notices, NO_FIGURE_IN_PASSAGE]
        elif figure is not None and asked is not None and asked.wanted not in (CODE, DATE, CLOCK) and not asks_plans and self._target_flags(np.array([best]))[0]:
            # 吉林粮食产量有多少 → 880亿斤以上 from the year's targets: say it is a target, not a result.
            notices = [*notices, PLANNED_FIGURE]
        return Answer(question, True, figure, hits, notices, highlights=highlights, more=len(order) > wanted)
