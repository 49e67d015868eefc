"""The `govqa` command as staff use it: ask, --json, stdin, eval, index, exit statuses."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_PARTIAL, Locations, main

from .conftest import DATA, ROOT


@pytest.fixture
def where(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.delenv("GOVQA_CORPUS", raising=False)
    monkeypatch.delenv("GOVQA_INDEX", raising=False)
    return ["--corpus", str(corpus), "--index", str(tmp_path / "idx")]


def test_ask_builds_the_index_first_and_says_so(where: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "消防演练开展了几次？", *where]) == 0
    out, err = capsys.readouterr()
    assert "答：5次" in out and "应急救援演练5次" in out and "城口县高观镇人民政府2020年度法治政府建设工作情况报告" in out
    assert "building it" in err


def test_ask_json_has_the_documented_keys(where: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "--top", "2", "消防演练开展了几次？", *where]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["question"] == "消防演练开展了几次？"
    assert answer["answered"] is True and answer["answer"] == "5次"
    assert 1 <= len(answer["passages"]) <= 2
    first = answer["passages"][0]
    assert set(first) >= {"doc", "title", "section", "text", "score"}
    assert " › " in first["section"] and isinstance(first["score"], float)


def test_stdin_questions_stay_aligned_with_answers(where: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    questions = "消防演练开展了几次？\n\n今天天气怎么样？\n貼了多少幅標語\u2028？\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(questions.encode("utf-8"))))
    assert main(["ask", "--json", *where]) == 0
    lines = capsys.readouterr().out.splitlines()
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == ["消防演练开展了几次？", "", "今天天气怎么样？", "貼了多少幅標語\u2028？"]
    assert [a["answered"] for a in answers] == [True, False, False, True]
    assert answers[3]["answer"] == "30幅"


def test_eval_passes_on_the_sample_questions(where: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DATA / "questions.jsonl"), *where]) == 0
    out = capsys.readouterr().out
    assert "hit@1 1.000" in out and "refusal 1.000 (2/2)" in out and "0 failed" in out


def test_eval_fails_on_a_wrong_expectation(where: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "q.jsonl"
    cases.write_text(json.dumps({"id": "x", "question": "消防演练开展了几次？", "expect": "演练5次", "answer": "6次"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(cases), *where]) == 1
    assert "FAIL x" in capsys.readouterr().out


def test_index_exit_status_says_some_reports_were_skipped(where: list[str], corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    assert main(["index", *where]) == EXIT_PARTIAL
    assert "skipped bad.pdf" in capsys.readouterr().err


def test_missing_corpus_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--corpus", str(tmp_path / "nope"), "--index", str(tmp_path / "idx")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error:") and "does not exist" in err[0]


def test_bad_usage_exits_2(where: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ask", "--top", "0", "问题", *where])
    assert caught.value.code == 2


def test_locations_precedence() -> None:
    env = {"GOVQA_CORPUS": "/srv/reports", "GOVQA_INDEX": "/srv/index"}
    assert Locations.resolve(None, None, env) == Locations(Path("/srv/reports"), Path("/srv/index"))
    assert Locations.resolve("c", None, env).corpus == Path("c")
    assert Locations.resolve(None, None, {}) == Locations(Path("corpus"), Path(".govqa/index"))


def test_console_script_runs_from_the_checkout(tmp_path: Path) -> None:
    govqa = shutil.which("govqa", path=os.path.dirname(sys.executable))
    assert govqa, "the govqa console script is installed with the package"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVQA_")}
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    done = subprocess.run([govqa, "ask", "消防演练开展了几次？"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "5次" in done.stdout


def test_index_never_imports_telegram() -> None:
    code = "import sys, index, index.build, index.engine; sys.exit('telegram' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
    for path in (ROOT / "index").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import telegram" not in text and "from telegram" not in text, path
