"""The one tokenizer for reports and questions: normalise, segment with jieba, drop stop-words.

Terms are jieba words in search mode (a long word also yields the dictionary words
inside it, as ``jieba.cut_for_search`` does) plus character bigrams across neighbouring
kept words, so that 消防演练 in a question still meets 消防安全应急救援演练 in a report.
The domain dictionary and stop-words are files in ``index/data``; their hash goes into
the index manifest, so an index built with other files is rebuilt instead of misread.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jieba

from .chunking import CHUNKER_VERSION
from .normalize import Normalizer

__all__ = ["TOKENIZER_VERSION", "QueryTerms", "Tokenizer", "load_synonyms"]

# Bump when normalisation or segmentation code changes in a way that alters terms.
TOKENIZER_VERSION = 2

_KEEP_RE = re.compile(r"[\u4e00-\u9fff0-9a-z]")
_CJK_RE = re.compile(r"^[\u4e00-\u9fff]+$")
# 几幅, 多少张: how residents ask for a count. The figure is found by the answer step, not searched for.
_COUNT_WORD_RE = re.compile(r"^(?:几|多少)[\u4e00-\u9fff]?$")
# 够不够, 有没有, 是不是: a yes-or-no question's form, not its subject.
_A_NOT_A_RE = re.compile(r"^([\u4e00-\u9fff]{1,2})[不没]\1$")
# 发了, 做过: jieba keeps an aspect particle on a one-character verb; the verb is what reports write.
_PARTICLE_RE = re.compile(r"^([\u4e00-\u9fff])[了过着]$")


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
        for line in _lines(userdict):
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            self._jieba.add_word(self.normalize(parts[0]), freq)
        settings = {
            "version": TOKENIZER_VERSION,
            "chunker": CHUNKER_VERSION,
            "bigrams": bigrams,
            "jieba": jieba.__version__,
        }
        digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
        digest.update(userdict.encode())
        digest.update(stopwords.encode())
        self.settings = settings
        # Identifies everything that decides a passage's terms; an index records it.
        self.fingerprint = digest.hexdigest()[:16]

    def _words(self, normalized: str) -> list[list[str]]:
        """Runs of kept base words: a stop-word or punctuation ends a run."""
        runs: list[list[str]] = [[]]
        for word in self._jieba.cut(normalized):
            word = word.strip()
            particle = _PARTICLE_RE.match(word)
            if particle:
                word = particle.group(1)
            if not word or word in self.stopwords or not _KEEP_RE.search(word) or _COUNT_WORD_RE.match(word) or _A_NOT_A_RE.match(word):
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(word)
        return [run for run in runs if run]

    def _terms(self, normalized: str) -> tuple[list[str], list[str], list[str]]:
        base: list[str] = []
        words: list[str] = []
        grams: list[str] = []
        freq = self._jieba.FREQ
        for run in self._words(normalized):
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

    def tokens(self, text: str) -> list[str]:
        """All terms of a report passage (or any text), in order, repeats kept."""
        _base, words, grams = self._terms(self.normalize(text))
        return words + grams

    def query(self, question: str, synonyms: dict[str, tuple[str, ...]] | None = None) -> QueryTerms:
        """A question's terms, each once, with synonyms from ``synonyms`` added to what is scored."""
        normalized = self.normalize(question)
        base, words, grams = self._terms(normalized)
        unique_words = tuple(dict.fromkeys(words))
        expansions: dict[str, tuple[str, ...]] = {}
        extra: list[str] = []
        for word in dict.fromkeys(base + words):
            others = (synonyms or {}).get(word, ())
            if others:
                expansions[word] = others
                extra.extend(others)
        scored = tuple(dict.fromkeys([*unique_words, *extra, *grams]))
        return QueryTerms(words=tuple(dict.fromkeys(base)), scored=scored, expansions=expansions, normalized=normalized)


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
