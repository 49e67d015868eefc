"""Document-level retrieval on CMRC 2018 dev (or DRCD dev): hit@1, hit@5 and MRR through `govqa`.

Each of the dev set's passages becomes one report; every question is asked through
`govqa ask --json --top 5` and the report of each returned passage is ranked (first
appearance wins). Reads ../shared/data (not part of the test suite); skips cleanly without it.

    python bench/cmrc_eval.py [--data ../shared/data/cmrc2018/cmrc2018_dev.json] [--limit N]

With --ask-of OTHER (DRCD's dev set, say), the questions are asked of OTHER's passages instead,
which were not written for them: the share answered is the share of confident wrong answers
(near enough; the two sets share a few topics).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "cmrc2018" / "cmrc2018_dev.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="ask only the first N questions")
    parser.add_argument("--ask-of", type=Path, help="ask the questions of this other set's passages")
    args = parser.parse_args()
    if not args.data.is_file() or (args.ask_of and not args.ask_of.is_file()):
        print("skipped: the data set is not found (it lives in ../shared/data)", file=sys.stderr)
        return 0
    dataset = json.loads(args.data.read_text(encoding="utf-8"))["data"]
    if args.ask_of:
        return ask_of(dataset, json.loads(args.ask_of.read_text(encoding="utf-8"))["data"], args)
    govqa = str(Path(sys.executable).with_name("govqa"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        questions: list[tuple[str, str]] = []
        golds: list[list[str]] = []
        for n, article in enumerate(dataset):
            for para_n, paragraph in enumerate(article["paragraphs"]):
                doc = f"p{n:04d}_{para_n}.txt"
                # One passage a report; the file name is the title, so no line of the passage is taken for one.
                (corpus / doc).write_text(paragraph["context"].replace("\n", " "), encoding="utf-8")
                questions += [(qa["question"], doc) for qa in paragraph["qas"]]
                golds += [[a["text"] for a in qa["answers"]] for qa in paragraph["qas"]]
        if args.limit:
            questions = questions[: args.limit]
        env = {**os.environ, "GOVQA_CORPUS": str(corpus), "GOVQA_INDEX": str(index)}
        started = time.perf_counter()
        subprocess.run([govqa, "index"], env=env, check=True, stdout=subprocess.DEVNULL)
        built = time.perf_counter() - started
        started = time.perf_counter()
        done = subprocess.run(
            [govqa, "ask", "--json", "--top", "5"],
            env=env, check=True, capture_output=True, text=True,
            input="".join(q.replace("\n", " ") + "\n" for q, _ in questions),
        )
        asked = time.perf_counter() - started
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(questions), (len(answers), len(questions))
    hit1 = hit5 = 0
    rr = 0.0
    refused = 0
    ranked1 = 0  # retrieval alone: a refused question's closest sections count as its ranking
    shown = 0  # of the hits at 1, those whose first passage holds the data set's answer, as a resident reads it
    for answer, (_q, gold), texts in zip(answers, questions, golds):
        docs = list(dict.fromkeys(p["doc"] for p in answer["passages"]))
        closest = docs or [s["doc"] for s in answer.get("suggestions", [])]
        ranked1 += bool(closest) and closest[0] == gold
        refused += not answer["answered"]
        if gold in docs:
            rank = docs.index(gold) + 1
            hit1 += rank == 1
            shown += rank == 1 and any(text in answer["passages"][0]["text"] for text in texts)
            hit5 += rank <= 5
            rr += 1 / rank
    n = len(questions)
    print(f"{args.data.name}: {sum(len(a['paragraphs']) for a in dataset)} passages, {n} questions")
    # Four places and the count: 0.98495 must not read as 0.985.
    print(f"hit@1 {hit1 / n:.4f} ({hit1} of {n})  hit@5 {hit5 / n:.4f}  MRR {rr / n:.4f}  refused {refused / n:.4f} ({refused})  (a refusal counts as a miss)")
    print(f"retrieval hit@1 counting a refused question's closest section: {ranked1 / n:.3f}")
    print(f"the data set's answer in the first passage shown: {shown / n:.3f} of all questions ({shown / max(hit1, 1):.3f} of the hits at 1)")
    figures(questions, golds, answers)
    print(f"index {built:.1f}s, {n} questions {asked:.1f}s ({asked / n * 1000:.1f} ms each incl. start-up)")
    return 0


def figures(questions: list[tuple[str, str]], golds: list[list[str]], answers: list[dict]) -> None:
    """Print how often the figure given for a how-many question, and the date given for a when-question
    (什么时候, 何时, 哪一年), is the data set's answer.

    Either is right only from the right report. A figure is right when its number (separators dropped)
    is in one of the data set's answers, a date when it and an answer hold one another; answers are
    normalised as govqa normalises text.
    """
    sys.path.insert(0, str(ROOT))
    from index.answer import DATE, FigureQuestion, asks_for_figure
    from index.normalize import Normalizer

    normalize = Normalizer()
    counts = {"figure": [0, 0, 0], "date": [0, 0, 0]}  # asked, given, right
    for answer, (question, gold), texts in zip(answers, questions, golds):
        normalized = normalize(question)
        asked_for = FigureQuestion.of(normalized, [], lambda _word: 1.0)
        if asks_for_figure(normalized):
            kind = "figure"
        elif asked_for is not None and asked_for.wanted == DATE:
            kind = "date"
        else:
            continue
        count = counts[kind]
        count[0] += 1
        given = answer["answer"] if answer["answered"] else None
        if given is None:
            continue
        count[1] += 1
        if answer["passages"][0]["doc"] != gold:
            continue
        if kind == "figure":
            number = re.search(r"\d+(?:\.\d+)?", given.replace(",", ""))
            count[2] += bool(number) and any(number.group(0) in normalize(t).replace(",", "") for t in texts)
        else:
            count[2] += any(given in t or t in given for t in (normalize(t).replace(" ", "") for t in texts))
    for kind, label in (("figure", "how-many questions {}: a figure"), ("date", "when-questions {}: a date")):
        asked, given_n, right = counts[kind]
        print(f"{label.format(asked)} given for {given_n}, right {right} ({right / max(given_n, 1):.3f} of those given)")


def ask_of(dataset: list[dict], other: list[dict], args: argparse.Namespace) -> int:
    """Ask ``dataset``'s questions of ``other``'s passages; print the share answered."""
    govqa = str(Path(sys.executable).with_name("govqa"))
    questions = [qa["question"] for article in dataset for paragraph in article["paragraphs"] for qa in paragraph["qas"]]
    if args.limit:
        questions = questions[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        corpus.mkdir()
        for n, article in enumerate(other):
            for para_n, paragraph in enumerate(article["paragraphs"]):
                (corpus / f"p{n:04d}_{para_n}.txt").write_text(paragraph["context"].replace("\n", " "), encoding="utf-8")
        env = {**os.environ, "GOVQA_CORPUS": str(corpus), "GOVQA_INDEX": str(index)}
        subprocess.run([govqa, "index"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        done = subprocess.run(
            [govqa, "ask", "--json"], env=env, check=True, capture_output=True, text=True,
            input="".join(q.replace("\n", " ") + "\n" for q in questions),
        )
    answered = sum(json.loads(line)["answered"] for line in done.stdout.splitlines())
    print(f"{args.data.name} questions asked of {args.ask_of.name} passages: answered {answered}/{len(questions)} ({answered / len(questions):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
