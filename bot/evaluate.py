"""Running a question file against the engine: hit@1, hit@3, figure accuracy, refusals."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index import MAX_PASSAGE_CHARS, Engine, GovqaError

__all__ = ["EvalReport", "evaluate", "load_questions"]


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read a question file (JSON lines); a bad line is an error naming its line number."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise GovqaError(f"cannot read {path}: {exc.strerror}") from exc
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except ValueError as exc:
            raise GovqaError(f"{path}:{number}: not JSON ({exc})") from exc
        if not isinstance(case, dict) or not isinstance(case.get("question"), str) or "expect" not in case:
            raise GovqaError(f'{path}:{number}: each line needs "question" and "expect"')
        cases.append(case)
    return cases


@dataclass
class EvalReport:
    """Counts and failures of one evaluation run."""

    answerable: int = 0
    hit1: int = 0
    hit3: int = 0
    figures: int = 0
    figures_right: int = 0
    unanswerable: int = 0
    refused: int = 0
    failures: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """The closing lines: rates with their counts."""

        def rate(n: int, d: int) -> str:
            return f"{n / d:.3f} ({n}/{d})" if d else "n/a (0/0)"

        return [
            f"hit@1 {rate(self.hit1, self.answerable)}  hit@3 {rate(self.hit3, self.answerable)}",
            f"answer {rate(self.figures_right, self.figures)}  refusal {rate(self.refused, self.unanswerable)}",
            f"{self.answerable + self.unanswerable - len(self.failures)} passed, {len(self.failures)} failed",
        ]


def evaluate(engine: Engine, cases: list[dict[str, Any]]) -> EvalReport:
    """Ask every question; a case fails when its first passage misses `expect`, is over the passage
    limit, its figure is wrong, or an unanswerable question is answered."""
    report = EvalReport()
    for case in cases:
        answer = engine.ask(case["question"], top=3)
        name = f"{case.get('id', '?')} {case['question']}"
        expect = case["expect"]
        if expect is None:
            report.unanswerable += 1
            if answer.answered:
                report.failures.append(f"FAIL {name}: should be refused, got 「{answer.passages[0].text[:60]}」")
            else:
                report.refused += 1
            continue
        report.answerable += 1
        texts = [hit.text for hit in answer.passages] if answer.answered else []
        problems = []
        if texts and expect in texts[0]:
            report.hit1 += 1
            if len(texts[0]) > MAX_PASSAGE_CHARS:
                problems.append(f"first passage is {len(texts[0])} characters")
        else:
            problems.append(f"first passage lacks 「{expect}」: " + (f"「{texts[0][:60]}」" if texts else "not answered"))
        if any(expect in text for text in texts[:3]):
            report.hit3 += 1
        if case.get("answer") is not None:
            report.figures += 1
            if answer.answer == case["answer"]:
                report.figures_right += 1
            else:
                problems.append(f"figure {answer.answer!r}, expected {case['answer']!r}")
        if problems:
            report.failures.append(f"FAIL {name}: " + "; ".join(problems))
    return report
