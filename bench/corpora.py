"""Synthetic corpora for benchmarks, in the vocabulary of real government reports.

Sentences of the reports in ../shared/data/reports are recombined into new reports (titles,
headings, paragraphs), with every figure varied, from a fixed random seed, until a target number of
passages is reached. Questions are made from the same sentences: words of a sentence, asked back.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from index import SUPPORTED_SUFFIXES, ReportError, read_report

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REPORTS = SHARED / "data" / "reports"
SEED = 20261127
_SENTENCE_RE = re.compile(r"[^。！？]+[。！？]")
_HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、(.{2,30})$")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_PLACES = ["青山", "石门", "白河", "新安", "东坪", "西岭", "南塘", "北坡", "高桥", "龙泉", "桃源", "清溪", "金沙", "云台"]
_UNITS = ["县", "镇", "乡", "区"]
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Material:
    """Sentences and headings taken from the real reports."""

    sentences: list[str]
    headings: list[str]
    chars: int


def load_material(limit_files: int | None = None) -> Material:
    """Read every real report under shared/data/reports (raises FileNotFoundError without it)."""
    files = sorted(p for p in REPORTS.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    if not files:
        raise FileNotFoundError(f"no reports under {REPORTS}")
    sentences: list[str] = []
    headings: list[str] = []
    chars = 0
    for path in files[:limit_files]:
        try:
            text = read_report(path).text
        except ReportError:
            continue
        for line in text.split("\n"):
            heading = _HEADING_RE.match(line)
            if heading:
                headings.append(heading.group(1).rstrip("。"))
                continue
            for sentence in _SENTENCE_RE.findall(line):
                if 12 <= len(sentence) <= 160:
                    sentences.append(sentence)
                    chars += len(sentence)
    return Material(sentences, headings, chars)


def _vary(sentence: str, rng: random.Random) -> str:
    def change(match: re.Match[str]) -> str:
        value = float(match.group(0))
        if 1900 <= value <= 2100 and "." not in match.group(0):
            return str(rng.randint(2015, 2025))  # a year stays a year
        varied = value * rng.uniform(0.5, 2.0)
        return f"{varied:.1f}" if "." in match.group(0) else str(max(1, round(varied)))

    return _NUMBER_RE.sub(change, sentence)


def write_corpus(folder: Path, passages: int, material: Material, seed: int = SEED) -> list[Path]:
    """Write synthetic reports into ``folder`` until about ``passages`` passages."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    sentences_left = int(passages * 2.4)  # measured: a passage holds ~2.4 of these sentences
    number = 0
    while sentences_left > 0:
        number += 1
        place = f"{rng.choice(_PLACES)}{rng.choice(_UNITS)}"
        year = rng.randint(2015, 2025)
        lines = [f"{place}{year}年政府工作报告（合成第{number}号）"]
        for section in range(rng.randint(4, 7)):
            lines.append(f"{_NUMERALS[section]}、{rng.choice(material.headings)}")
            for _paragraph in range(rng.randint(2, 5)):
                count = min(sentences_left, rng.randint(2, 7))
                lines.append("".join(_vary(rng.choice(material.sentences), rng) for _ in range(count)))
                sentences_left -= count
                if sentences_left <= 0:
                    break
            if sentences_left <= 0:
                break
        path = folder / f"report-{number:05d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def make_questions(material: Material, count: int, seed: int = SEED) -> list[str]:
    """Questions in a resident's shape, from the reports' own words: '…是多少？', '…怎么样？'."""
    import jieba

    rng = random.Random(seed + 1)
    questions: list[str] = []
    endings = ["是多少？", "有多少？", "怎么样？", "有哪些措施？", "进展如何？"]
    while len(questions) < count:
        sentence = rng.choice(material.sentences)
        words = [w for w in jieba.lcut(sentence) if len(w) >= 2 and re.match(r"^[\u4e00-\u9fff]+$", w)]
        if len(words) < 3:
            continue
        start = rng.randrange(0, len(words) - 2)
        questions.append("".join(words[start : start + rng.randint(2, 3)]) + rng.choice(endings))
    return questions
