"""Questions about many real reports at once: 83 government work reports (national 1954–2024, provincial 2025).

Indexes ../shared/data/reports (.txt and .docx) through `govqa index` and runs `govqa eval` on
bench/reports_questions.jsonl: questions written from sentences drawn at random from those reports,
naming the year or province the way residents do. Not part of the test suite; skips without the data.

    python bench/reports_eval.py [--questions FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT.parent / "shared" / "data" / "reports"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=ROOT / "bench" / "reports_questions.jsonl")
    args = parser.parse_args()
    if not REPORTS.is_dir():
        print(f"skipped: {REPORTS} not found (it lives in ../shared/data)", file=sys.stderr)
        return 0
    print(over_reports(["eval", str(args.questions)]), end="")
    return 0


def over_reports(command: list[str], stdin: str | None = None) -> str:
    """Index all the reports into a temporary folder and run `govqa <command>` over them; its output."""
    govqa = str(Path(sys.executable).with_name("govqa"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        for report in REPORTS.rglob("*"):
            if report.suffix in (".txt", ".docx"):
                shutil.copy(report, corpus / report.name)
        env = {**os.environ, "GOVQA_CORPUS": str(corpus), "GOVQA_INDEX": str(index)}
        subprocess.run([govqa, "index"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return subprocess.run([govqa, *command], env=env, capture_output=True, text=True, input=stdin).stdout


if __name__ == "__main__":
    raise SystemExit(main())
