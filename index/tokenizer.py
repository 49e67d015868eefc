"""The one tokenizer for reports and questions: normalise, segment with jieba, drop stop-words.

Terms are jieba words in search mode (a long word also yields the dictionary words
inside it, as ``jieba.cut_for_search`` does) plus character bigrams across neighbouring
kept words, so that 消防演练 in a question still meets 消防安全应急救援演练 in a report.
The domain dictionary and stop-words are files in ``index/data``; their hash goes into
the index manifest, so an index built with other files is rebuilt instead of misread.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jieba

from .chunking import CHUNKER_VERSION
from .normalize import HAN, MEASURE_WORDS, Normalizer

__all__ = ["TOKENIZER_VERSION", "QueryTerms", "Tokenizer", "load_synonyms"]

# Bump when normalisation or segmentation code changes in a way that alters terms.
TOKENIZER_VERSION = 6

_KEEP_RE = re.compile(rf"[{HAN}0-9a-z]")
_CJK_RE = re.compile(rf"^[{HAN}]+$")
# 几幅, 多少张: how residents ask for a count. The figure is found by the answer step, not searched for.
# 哪部, 哪条, 哪一年, 第几届: which one is asked for; the report names it without these words.
_COUNT_WORD_RE = re.compile(rf"^第?(?:几|多少|哪[一几]?)[{HAN}]?$")
# 够不够, 有没有, 是不是: a yes-or-no question's form, not its subject.
_A_NOT_A_RE = re.compile(rf"^([{HAN}]{{1,2}})[不没]\1$")
# 发了, 做过: jieba keeps an aspect particle on a one-character verb; the verb is what reports write.
_ASPECT = frozenset("了过着")
# Resultative complements: 到 of 刮到, 完 of 干完.
_RESULTS = frozenset("到完好成掉住走上下出")
_YEAR_HEADS = frozenset("去今明前")  # 去 / 年产了: jieba's cut of 去年产了
_PARTICLE_RE = re.compile(rf"^([{HAN}])[{''.join(sorted(_ASPECT))}]$")
# jieba's HMM guesses a word it does not know from its neighbours and often takes a function
# character with it: 司马晏是谁 → 晏是, 胡天衡在媒体 → 衡在, 室温下乙二醛 → 下乙二醛. Such a guessed word
# loses these characters at its ends, so the name inside meets the same name in a report (and 会涨吗 → 涨,
# 补身汤会使用 → 汤, 更著重 → 著重).
_GLUE_HEAD = frozenset("在对被把从下当给让会能要将更所又故也都就才还而并且但却")  # not 于, 向, 和: surnames
_GLUE_TAIL = frozenset("是有在的了时里上得吗呢吧么于为会则后而也就才又都还被叫要从指")
# Words that ask (什么, 哪些, 是谁 …): the word after one of the first kind (什么颜色, 哪些职位), or the
# attribute before either kind (…的籍贯是哪里, …的性格有什么特点), names the kind of answer wanted,
# which the passage holding the answer often does not say in so many words. A count word (几次,
# 多少条) is not of the first kind: what it counts is what the passage must hold. 多少 and 几 are of
# neither: what a figure measures is stated beside it (人口8.57万), unlike 籍贯 beside 江苏吴江人.
_ASKS_KIND = frozenset("什么 什么样 哪些 哪种 何种 哪 哪个 哪一 哪几 啥 啥样".split())
_ASKS_VALUE = _ASKS_KIND | frozenset("哪里 哪儿 谁 如何 怎样 怎么样 怎么 咋样 何时".split())
# Words that name an attribute only generically: the passage states the name or kind itself.
_GENERIC_ATTRIBUTES = frozenset("名字 名称 姓名 称号 别名 全称 简称".split())
# Nouns for an aspect of something (its 特点, 习性, 外形, 含义), and 指 of 指的是什么: in a question that asks, they
# name the kind of answer, wherever they stand, as the generic attributes do; the passage describing it seldom names it.
_ASPECTS = frozenset("指 是指 特点 特征 特色 习性 习惯 外形 外观 外貌 长相 形状 样子 模样 地形 地貌 性格 职业 身份 类型 种类 性质 含义 意思 寓意 来历 由来 状况 用途 功能 作用 颜色 形态 构造 结构 风格 味道 口感".split())
_CALLED = frozenset(("叫", "叫做"))
_WHAT = frozenset(("什么", "啥"))
_HAPPENED = frozenset(("出", "发生"))
_EVENTS = frozenset(("事", "事情", "事儿"))
# 什么意思, 啥意思, 含义是什么, 指的是什么, 是指啥: asking what a term means. A passage that says it (“两重”：国家重大…)
# seldom says 意思 or 指.
_MEANING = frozenset(("意思", "含义"))
_MEANS = frozenset(("指", "是指"))
_MEANING_ASKED = frozenset(("啥意思",))
_WHERE_IN = frozenset("中里内上")
_NAMES = frozenset(("名字", "名称"))
_COUNT_RE = re.compile(r"[两二三四五六七八九十\d]{1,3}[个项条种类]")
_QUOTED_RE = re.compile(r"[「“‘『\"]([^「」“”‘’『』《》\"]{2,8})[」”’』\"]")
_TITLE_RE = re.compile(r"《([^《》]{2,8})》")
# What a question quotes to ask with (“几次”) is no name.
_ASKING_IN_QUOTES_RE = re.compile(r"几|多少|什么|啥|哪|谁|怎")
_LINKING = frozenset("是 有 叫 为 在 叫做 属于".split())
# Verbs that introduce a list the question asks for (包括哪些方面, 涵盖哪些领域).
_LISTING = frozenset("包括 包含 涵盖 涉及 分为".split())
_ASKING_PREFIXES = ("哪些", "哪个", "哪种", "哪位", "什么")
# 多深, 多宽, 多远: jieba cuts them 多 / 深; together they ask for a figure, like 多少.
_HOW_ADJECTIVES = frozenset("深宽高远重厚长大久粗")
# 该村, 这部, 此次: a pointing word jieba joins to the noun or measure word after it.
_DEMONSTRATIVES = frozenset("该这此")  # not 那: 那不勒斯, 库那西利
_MEASURE_CHARS = frozenset(w for w in MEASURE_WORDS.split("|") if len(w) == 1)
_UNITS = frozenset(MEASURE_WORDS.split("|"))  # 人次: 多少人次 asks for a unit, not 人 and 次
_COUNTED_WORD_FREQ = 100  # jieba's count from which 人口 of 多少人口 is a word, not 人 + 口 (辆车 has 3)


def _data_text(name: str) -> str:
    # Read as text ourselves: jieba's own loader silently mis-reads a BOM or CRLF (jieba #587, #236).
    raw = resources.files("index").joinpath("data").joinpath(name).read_bytes()
    return raw.decode("utf-8-sig").replace("\r\n", "\n")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class QueryTerms:
    """A question's terms: the words that must be covered, and everything that is scored."""

    words: tuple[str, ...]  # the question's own words (jieba's cut, stop-words dropped): what must be covered
    scored: tuple[str, ...]  # everything searched for: words, the words inside them, bigrams, synonyms
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    normalized: str = ""  # the question in matching form (what figure extraction reads)
    focus: frozenset[str] = frozenset()  # words naming the kind of answer asked for (籍贯, 颜色)
    # A one-character word beside another in the question (晏 of 司马晏, 栋 of 李成栋) is usually part of
    # a name jieba did not know: the bigrams joining it to its neighbours (马晏). A passage holding none
    # of them does not hold the character: 晏家村 is no part of 司马晏.
    joins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titled: frozenset[str] = frozenset()  # a title the question names (《唐文粹》): held whole or not at all


class Tokenizer:
    """Turns report text and questions into the same terms (one jieba dictionary per process)."""

    def __init__(self, *, bigrams: bool = True) -> None:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.bigrams = bigrams
        self.normalize = Normalizer()
        userdict = _data_text("userdict.txt")
        stopwords = _data_text("stopwords.txt")
        self.stopwords = frozenset(self.normalize(word) for word in _lines(stopwords))
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        tagged: dict[str, str] = {}
        for line in _lines(userdict):
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            self._jieba.add_word(self.normalize(parts[0]), freq)
            if len(parts) > 2:
                tagged[self.normalize(parts[0])] = parts[2]
        self._tagged = tagged
        settings = {
            "version": TOKENIZER_VERSION,
            "chunker": CHUNKER_VERSION,
            "bigrams": bigrams,
            "jieba": jieba.__version__,
        }
        digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
        digest.update(userdict.encode())
        digest.update(stopwords.encode())
        # The code that makes terms, too: an index built by other segmentation code is rebuilt, not misread,
        # even where TOKENIZER_VERSION was not bumped.
        for module in ("normalize.py", "tokenizer.py", "chunking.py"):
            digest.update(resources.files("index").joinpath(module).read_bytes())
        self.settings = settings
        # Identifies everything that decides a passage's terms; an index records it.
        self.fingerprint = digest.hexdigest()[:16]
        self._phrases: dict[str, tuple[str, ...]] = {}  # synonyms' words, as _phrase_words cut them

    def _cut(self, normalized: str) -> list[str]:
        """jieba's words, mended where its cut hides what is asked about.

        A measure word goes back to its count (多少辆 / 车, not 多少 / 辆车), an asking word comes off
        the noun it asks about (哪些 / 方面), a measure word after a number goes (2020年 is 2020), and
        function characters come off the ends of words jieba's HMM guessed (晏是 → 晏).
        """
        out: list[str] = []
        freq = self._jieba.FREQ
        cut = list(self._jieba.cut(normalized))
        for i, word in enumerate(cut):
            word = word.strip()
            if not word:
                continue
            ran_into = bool(out) and out[-1] in ("多少", "几", "哪") and (word[0] in _MEASURE_CHARS or word[0] == "钱")
            # 多少人口, 多少年轻人, 多少次数: a dictionary word that only begins with a measure word is what is counted.
            ran_into = ran_into and (len(word) == 1 or word in _UNITS or freq.get(word, 0) < _COUNTED_WORD_FREQ)
            if ran_into and (out[-1] != "哪" or len(word) > 1):
                # 多少辆车 is cut 多少 / 辆车: the measure word belongs to the count, the noun is the subject
                # (拿出多少钱来 is cut 多少 / 钱来, and 哪天作的 哪 / 天作: 哪天 asks when, 作 is the verb; 哪 / 年
                # stay apart, as they always have).
                out[-1] += word[0]
                word = word[1:]
                if not word:
                    continue
            if out and out[-1] == "多" and word in _HOW_ADJECTIVES:
                out[-1] += word  # 多 / 深 is the asking word 多深
                continue
            if len(word) == 3 and word.startswith("有多") and word[2] in _HOW_ADJECTIVES:
                word = word[1:]  # jieba: 有多深, 有多厚
            if len(word) == 2 and word[0] in _DEMONSTRATIVES and word not in self.stopwords:
                if word[1] in _MEASURE_CHARS:
                    continue  # 这部, 此次: pointing and counting, nothing to search for
                word = word[1]  # 该村, 该站: the noun pointed at
            if out and out[-1] in ("哪里", "哪儿") and word == "人":
                out[-1] += word  # 哪里人 asks where one is from, as a whole: 人 is no word a passage must hold
                continue
            if out and out[-1] == "哪" and word.startswith("一"):
                word = out.pop() + word  # 哪 / 一个 is the asking word 哪一个, not 哪 and the count 一个
            asking = next((a for a in _ASKING_PREFIXES if word.startswith(a) and len(word) > len(a)), None)
            if asking is None and word.startswith("哪一") and len(word) > 3:
                asking = "哪一"  # 哪一部分 asks which 部分; 哪一年 is asked as a whole
            if asking and word not in self.stopwords:
                # 哪些方面, 哪个部门: the asking word and what it asks about.
                out.extend((asking, word[len(asking) :]))
                continue
            if out and out[-1].isdigit() and word in _MEASURE_CHARS:
                continue  # 2020年, 1500辆: the number says it
            if len(word) == 2 and word[0] == "年" and cut[i + 1 : i + 2] and cut[i + 1] in _ASPECT:
                # 1952年产了多少, 去年产了多少: jieba's 年产 ("annual output"), where 产了 is the verb and 年 ends the year.
                if out and out[-1] in _YEAR_HEADS:
                    out[-1] += "年"
                if out and (out[-1].isdigit() or out[-1].endswith("年")):
                    word = word[1:]
            if out and out[-1].isdigit() and len(word) == 2 and word[0] in _MEASURE_CHARS and word[1:] in self.stopwords:
                continue  # 1936年时: jieba runs the measure word into the function word after it
            if out and out[-1].isdigit() and len(word) == 2 and word[0] in _MEASURE_CHARS and not freq.get(word):
                word = word[1:]  # 2007年拟安排, 2007年全社会: its HMM guessed 年拟, 年全; the number's 年 says nothing
            if len(word) < 2 or freq.get(word) or not _CJK_RE.match(word):
                out.append(word)
                continue
            start, end = 0, len(word)
            while end - start > 1 and word[start] in _GLUE_HEAD:
                start += 1
            while end - start > 1 and word[end - 1] in _GLUE_TAIL:
                end -= 1
            out.append(word[start:end])  # the ends are function characters: dropped like stop-words
            if end == start + 1 < len(word) and word[end] in _ASPECT:
                out.append(word[end])  # 粮食产了多少: the particle says 产 is a verb (see _joins)
        return out

    def _focus(self, words: list[str]) -> frozenset[str]:
        """The question's words that name the kind of answer it asks for (see _ASKS_KIND)."""
        found: set[str] = set()
        for i, word in enumerate(words):
            kind = word in _ASKS_KIND or (word.startswith("哪") and bool(_COUNT_WORD_RE.match(word)))
            if not kind and word not in _ASKS_VALUE:
                continue
            after = words[i + 1 : i + 3]
            if after and after[0] == "的":
                after = after[1:]
            if kind and after and after[0] not in self.stopwords and _KEEP_RE.search(after[0]):
                found.add(after[0])
            j = i - 1
            if j >= 0 and words[j] in _LINKING:
                j -= 1
            # 镇长是哪里人: the word after 哪里 says what is asked (where one is from), and 镇长 is whom it is asked of.
            asks_of = word not in _ASKS_KIND and i + 1 < len(words) and words[i + 1] not in self.stopwords and _KEEP_RE.search(words[i + 1])
            attribute = not asks_of and j >= 1 and (words[j - 1] == "的" or words[j] in _GENERIC_ATTRIBUTES)  # 父亲名字叫什么
            if attribute and words[j] not in self.stopwords and _KEEP_RE.search(words[j]):
                found.add(words[j])
            if kind and i >= 1 and words[i - 1] in _LISTING:
                found.add(words[i - 1])  # 包括哪些: the passage lists them without saying 包括
        if any(word in _ASKS_VALUE for word in words):
            found.update(word for word in words if word in _ASPECTS or word in _GENERIC_ATTRIBUTES)  # 河口湾有什么地形特点
        return frozenset(found)

    def _runs(self, cut: list[str]) -> list[list[str]]:
        """Runs of kept base words: a stop-word or punctuation ends a run."""
        runs: list[list[str]] = [[]]
        for word in cut:
            particle = _PARTICLE_RE.match(word)
            if particle:
                word = particle.group(1)
            if word in self.stopwords or not _KEEP_RE.search(word) or _COUNT_WORD_RE.match(word) or _A_NOT_A_RE.match(word):
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(word)
        return [run for run in runs if run]

    def _terms(self, runs: list[list[str]]) -> tuple[list[str], list[str], list[str]]:
        base: list[str] = []
        words: list[str] = []
        grams: list[str] = []
        freq = self._jieba.FREQ
        for run in runs:
            base.extend(run)
            for word in run:
                # Search mode: the dictionary words inside a long word count too.
                if len(word) > 2:
                    for size in (2, 3):
                        if len(word) > size:
                            words.extend(
                                word[i : i + size]
                                for i in range(len(word) - size + 1)
                                if freq.get(word[i : i + size]) and word[i : i + size] not in self.stopwords
                            )
                words.append(word)
            if self.bigrams:
                joined = "".join(w for w in run if _CJK_RE.match(w))
                grams.extend(joined[i : i + 2] for i in range(len(joined) - 1))
        return base, words, grams

    def is_verb(self, word: str) -> bool:
        """Whether jieba's dictionary (or ours, which overrides it: 镇长 is a noun) tags ``word`` a verb."""
        tag = self._tagged.get(word)
        if tag:
            return tag == "v"
        if len(word) == 2 and word[1] in _RESULTS and not self._jieba.FREQ.get(word):
            # 刮到, 挂上: jieba guessed a verb and its result as one word it does not know; the verb says what it is.
            return self._dictionary_tags[0].get(word[0]) == "v"
        return word in self._dictionary_tags[1]

    def tokens(self, text: str) -> list[str]:
        """All terms of a report passage (or any text), in order, repeats kept."""
        _base, words, grams = self._terms(self._runs(self._cut(self.normalize(text))))
        return words + grams

    @functools.cached_property
    def _dictionary_tags(self) -> tuple[dict[str, str], frozenset[str]]:
        """From jieba's dictionary, read once on the first question: the part-of-speech tags of its
        one-character words, and its words tagged a verb (v)."""
        tags: dict[str, str] = {}
        verbs: list[bytes] = []
        with self._jieba.get_dict_file() as dictionary:
            for raw in dictionary:
                if raw.endswith(b" v\n"):
                    verbs.append(raw.split(b" ", 1)[0])
                if 0 < raw.find(b" ", 0, 5) < 5:  # a character takes at most four bytes in UTF-8
                    parts = raw.decode("utf-8").split()
                    if len(parts[0]) == 1:
                        tags[parts[0]] = parts[2] if len(parts) > 2 else ""
        return tags, frozenset(verb.decode("utf-8") for verb in verbs)

    def _joins(self, cut: list[str], runs: list[list[str]]) -> dict[str, tuple[str, ...]]:
        # 产了, 挂过: a one-character word with an aspect particle is a verb, whatever jieba's dictionary tags it.
        acted = {word for word, after in itertools.pairwise(cut) if after in _ASPECT}
        acted.update(m.group(1) for m in map(_PARTICLE_RE.match, cut) if m)
        joins: dict[str, list[str]] = {}
        for run in runs:
            for i, word in enumerate(run):
                if len(word) != 1 or not _CJK_RE.match(word):
                    continue
                if word in acted or (i == len(run) - 1 and self._dictionary_tags[0].get(word, "").startswith("v")):
                    continue  # a verb after what it acts on: 横幅挂了几条, 联系卡发了几张, 粮食产了多少
                grams = joins.setdefault(word, [])
                if i > 0 and _CJK_RE.match(run[i - 1]):
                    grams.append(run[i - 1][-1] + word)
                if i + 1 < len(run) and _CJK_RE.match(run[i + 1]):
                    grams.append(word + run[i + 1][0])
        return {word: tuple(grams) for word, grams in joins.items() if grams}

    def _phrase_words(self, phrase: str) -> tuple[str, ...]:
        """The words a (normalised) phrase is indexed as, when it is more than one; cut once and kept."""
        found = self._phrases.get(phrase)
        if found is None:
            _base, words, _grams = self._terms(self._runs(self._cut(phrase)))
            found = self._phrases[phrase] = tuple(words) if len(words) > 1 else ()
        return found

    def query(self, question: str, synonyms: dict[str, tuple[str, ...]] | None = None) -> QueryTerms:
        """A question's terms, each once, with synonyms from ``synonyms`` added to what is scored."""
        normalized = self.normalize(question)
        cut = _without_asking_phrases(self._cut(normalized))
        runs = self._runs(cut)
        base, words, grams = self._terms(runs)
        # 「下栏」是指什么, 《唐文粹》: what a question quotes, or names as a title, is one more word to find whole,
        # however jieba cuts it (下 / 栏, and 下 is a stop-word). A title must be held; a quoted word weighs as
        # any word does, for residents quote their own words too (“消防演练” for 消防安全应急救援演练).
        titled = [t for t in _TITLE_RE.findall(normalized) if _CJK_RE.fullmatch(t)]
        quoted = [q for q in _QUOTED_RE.findall(normalized) if _CJK_RE.fullmatch(q) and not _ASKING_IN_QUOTES_RE.search(q)]
        base += [q for q in dict.fromkeys(titled + quoted) if q not in base]
        unique_words = tuple(dict.fromkeys(words))
        expansions: dict[str, tuple[str, ...]] = {}
        extra: list[str] = []
        for word in dict.fromkeys(base + words):
            others = (synonyms or {}).get(word, ())
            if others:
                expansions[word] = others
                extra.extend(others)
                # A synonym the reports segment into several words (地区生产总值 → 地区 / 生产总值) is searched
                # for by those words: as a whole it is no term of any passage.
                extra.extend(term for other in others for term in self._phrase_words(other))
        scored = tuple(dict.fromkeys([*unique_words, *extra, *grams]))
        return QueryTerms(
            words=tuple(dict.fromkeys(base)),
            scored=scored,
            expansions=expansions,
            normalized=normalized,
            focus=self._focus(cut),
            joins=self._joins(cut, runs),
            titled=frozenset(titled),
        )


def _without_asking_phrases(cut: list[str]) -> list[str]:
    """The words of a question that only ask, as a phrase: 名字 of 叫什么名字 / 名字叫啥 (the passage that answers
    gives the name without saying 名字: 那个台风叫什么名字 → 超强台风“摩羯”), and 出 / 发生 … 事 of 出了什么事 /
    发生了什么事情 (华容县去年出了什么事 → …堤防决口).
    """
    asked: set[int] = set()
    cut = list(cut)
    for i in range(len(cut) - 2):
        if cut[i] in _CALLED and cut[i + 1] in _WHAT and cut[i + 2] in _GENERIC_ATTRIBUTES:
            asked.add(i + 2)
        if cut[i + 1] in _CALLED and cut[i + 2] in _WHAT and cut[i] in _GENERIC_ATTRIBUTES:
            asked.add(i)
        if cut[i] in _HAPPENED:
            j = i + 1 + (cut[i + 1] == "了")
            if j + 1 < len(cut) and cut[j] in _WHAT and cut[j + 1] in _EVENTS:
                asked.update((i, j + 1))
    for i, word in enumerate(cut):
        rest = [w for w in cut[i + 1 : i + 4] if w not in ("的", "是")]
        if word in _MEANING_ASKED or (word in _MEANING and i > 0 and cut[i - 1] in _WHAT):
            asked.add(i)  # 什么意思, 啥意思
        elif (word in _MEANING or word in _MEANS) and rest[:1] and (rest[0] in _WHAT or rest[0] in ("哪", "哪些", "谁")):
            asked.add(i)  # 含义是什么, 指的是什么, 是指啥, 指哪四个
        elif i > 0 and cut[i - 1] == "哪" and _COUNT_RE.fullmatch(word):
            asked.add(i)  # 指的是哪三个: the count is how many are asked for, not a word to find
        elif word in _NAMES and i > 0 and cut[i - 1] in (*_WHAT, "为什么"):
            asked.add(i)  # 改成了什么名字, 改划为什么名字: what is asked is a name, which the passage gives without 名字
        elif len(word) == 2 and word[1] == "指" and word[0] in _WHERE_IN and rest[:1] and rest[0] in _WHAT:
            cut[i] = word[0]  # 在佛经中指什么: jieba's 中指 (a finger) is 中 and the asking 指
        elif word in _WHERE_IN and _framed_by_zai(cut, i):
            asked.add(i)  # 在外形上, 在选举中: 在 … 上 only says where; the passage says it otherwise or not at all
    return [word for i, word in enumerate(cut) if i not in asked]


def _framed_by_zai(cut: list[str], i: int) -> bool:
    """Whether the word at ``i`` closes a 在 … frame: 在, then up to three words, none of them punctuation."""
    for j in range(i - 2, max(-1, i - 5), -1):
        if cut[j] == "在":
            return all(_KEEP_RE.search(w) for w in cut[j + 1 : i])
    return False


def load_synonyms(path: Path | None, tokenizer: Tokenizer) -> dict[str, tuple[str, ...]]:
    """Read a synonyms file (one group a line) into word → the other words of its groups."""
    text = path.read_text(encoding="utf-8-sig") if path is not None else _data_text("synonyms.txt")
    groups: dict[str, list[str]] = {}
    for line in _lines(text):
        members = [tokenizer.normalize(w) for w in re.split(r"[\s,，、]+", line) if w]
        for word in members:
            bucket = groups.setdefault(word, [])
            bucket.extend(m for m in members if m != word and m not in bucket)
    return {word: tuple(others) for word, others in groups.items()}
