"""Last year's growth against this year's target: 31 provincial work reports of 2025, asked 增长了多少.

A work report states both what grew last year (全省地区生产总值增长5.8%) and what this year's target is
(主要预期目标是：地区生产总值增长5.5%左右); a resident asking 增长了多少 wants the first. For each
province and each of six indicators, the expected figure is the one growth figure the report states
for it outside a sentence of targets (a sentence naming 预期目标, 目标是, 力争 or 建议); pairs with none or
several are left out. Every question is asked through `govqa ask --json` over all 83 reports at once.
Not part of the test suite; skips without ../shared/data.

    python bench/growth_eval.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from reports_eval import REPORTS, ROOT, over_reports

PROVINCIAL = REPORTS / "provincial-2025-docx"
INDICATORS = ("地区生产总值", "固定资产投资", "社会消费品零售总额", "规模以上工业增加值", "一般公共预算收入", "进出口总额")
_TARGET_SENTENCE = re.compile(r"预期目标|目标[是为:]|力争|建议")


def cases() -> list[tuple[str, str, set[str]]]:
    """(question, the figure that grew, this year's target figures) for each pair the reports settle."""
    sys.path.insert(0, str(ROOT))
    from index.normalize import Normalizer
    from index.readers import read_report

    normalize = Normalizer()
    found = []
    for path in sorted(PROVINCIAL.glob("*.docx")):
        province = re.match(r"2025年(.+?)(?:省|市|自治区)?政府工作报告", path.name)
        if not province:
            continue
        text = normalize(read_report(path, path.name).text)
        for indicator in INDICATORS:
            grew: set[str] = set()
            targets: set[str] = set()
            for sentence in re.split(r"[。!?！？\n]", text):
                for match in re.finditer(re.escape(indicator) + r"[^,，。;；]{0,12}?增长(\d+(?:\.\d+)?%(?:以上|以下|以内|之内|左右)?)", sentence):
                    (targets if _TARGET_SENTENCE.search(sentence) else grew).add(match.group(1))
            if len(grew) == 1:
                found.append((f"{province.group(1)}{indicator}增长了多少？", grew.pop(), targets))
    return found


def main() -> int:
    if not PROVINCIAL.is_dir():
        print(f"skipped: {PROVINCIAL} not found (it lives in ../shared/data)", file=sys.stderr)
        return 0
    asked = cases()
    output = over_reports(["ask", "--json"], "".join(question + "\n" for question, _grew, _targets in asked))
    answers = [json.loads(line) for line in output.splitlines()]
    right = target = 0
    for (question, grew, targets), answer in zip(asked, answers, strict=True):
        right += answer["answer"] == grew
        target += answer["answer"] in targets and answer["answer"] != grew
        if answer["answer"] != grew:
            print(f"  {question} expected {grew}, got {answer['answer']} (targets: {'、'.join(sorted(targets)) or 'none'})")
    print(f"{len(asked)} questions: last year's figure given {right} ({right / len(asked):.3f}), this year's target given {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
