"""The index on disk: plain files, atomic replacement, cached work, rebuild when outdated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import index.build as build_module
from index import CorpusError, Engine, IndexCorrupt, IndexMismatch, IndexMissing, Tokenizer, build_index, load_or_build, store
from index.scoring import LuceneBM25, PostingIndex

from .conftest import DATA


def _answer(index_dir: Path, tokenizer: Tokenizer, question: str = "消防演练开展了几次？") -> str | None:
    return Engine.load(index_dir, tokenizer).ask(question).answer


def test_index_is_plain_data_with_a_manifest(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    result = build_index(corpus, tmp_path / "idx", tokenizer)
    assert result.path is not None
    suffixes = {p.suffix for p in result.path.iterdir()}
    assert suffixes <= {".json", ".jsonl", ".npy"}
    for npy in result.path.glob("*.npy"):
        np.load(npy, allow_pickle=False)  # raises if an object array (pickle) slipped in
    manifest = json.loads((result.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == store.FORMAT_VERSION
    assert manifest["tokenizer"]["fingerprint"] == tokenizer.fingerprint
    assert len(manifest["reports"][0]["sha256"]) == 64


def test_failed_build_keeps_the_previous_index(corpus: Path, tmp_path: Path, tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "idx"
    build_index(corpus, index_dir, tokenizer)
    (corpus / "new.txt").write_text("某镇2022年报告\n开展消防演练9次。", encoding="utf-8")

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # like a kill in the middle of writing

    monkeypatch.setattr(store.np, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        build_index(corpus, index_dir, tokenizer)
    monkeypatch.undo()
    assert not list(index_dir.glob(".tmp-*")), "the half-written generation is cleaned up"
    assert _answer(index_dir, tokenizer) == "5次"
    assert len(Engine.load(index_dir, tokenizer).reports) == 1


def test_corpus_with_nothing_readable_keeps_the_old_index(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    index_dir = tmp_path / "idx"
    build_index(corpus, index_dir, tokenizer)
    for path in corpus.iterdir():
        path.write_bytes(b"\x00\x01binary")
    with pytest.raises(CorpusError, match="previous index is kept"):
        build_index(corpus, index_dir, tokenizer)
    assert _answer(index_dir, tokenizer) == "5次"


def test_unreadable_report_is_skipped_and_the_rest_indexed(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    (corpus / "broken.docx").write_bytes(b"not a zip")
    shutil.copy(DATA / "mingzhong_2021.txt", corpus / "mingzhong.txt")
    result = build_index(corpus, tmp_path / "idx", tokenizer)
    assert [doc for doc, _ in result.skipped] == ["broken.docx"]
    assert not result.complete
    assert len(result.reports) == 2


def test_unchanged_reports_reuse_their_segmentation(corpus: Path, tmp_path: Path, tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "idx"
    build_index(corpus, index_dir, tokenizer)
    shutil.copy(DATA / "mingzhong_2021.txt", corpus / "mingzhong.txt")
    tokenized: list[str] = []
    original = build_module.report_terms
    monkeypatch.setattr(build_module, "report_terms", lambda t, meta, ps: tokenized.append(meta.doc) or original(t, meta, ps))
    result = build_index(corpus, index_dir, tokenizer)
    assert result.reused == 1
    assert set(tokenized) == {"mingzhong.txt"}
    assert Engine.load(index_dir, tokenizer).ask("明中乡开展了几次消防演练？").answer == "3次"


def test_missing_index_is_reported(tmp_path: Path, tokenizer: Tokenizer) -> None:
    with pytest.raises(IndexMissing, match="govqa index"):
        Engine.load(tmp_path / "none", tokenizer)


def test_index_from_another_dictionary_is_rebuilt_saying_so(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    index_dir = tmp_path / "idx"
    result = build_index(corpus, index_dir, tokenizer)
    manifest_path = result.path / "manifest.json"  # type: ignore[operator]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["tokenizer"]["fingerprint"] = "another"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="rebuild"):
        Engine.load(index_dir, tokenizer)
    said: list[str] = []
    engine = load_or_build(index_dir, corpus, tokenizer, said.append)
    assert engine.ask("消防演练开展了几次？").answer == "5次"
    assert any("another dictionary" in line for line in said)


def test_damaged_index_is_detected_and_rebuilt(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    index_dir = tmp_path / "idx"
    result = build_index(corpus, index_dir, tokenizer)
    (result.path / "body.doc_ids.npy").write_bytes(b"garbage")  # type: ignore[operator]
    with pytest.raises(IndexCorrupt):
        Engine.load(index_dir, tokenizer)
    said: list[str] = []
    assert load_or_build(index_dir, corpus, tokenizer, said.append).ask("消防演练开展了几次？").answer == "5次"
    assert said


def test_pickled_array_is_refused(corpus: Path, tmp_path: Path, tokenizer: Tokenizer) -> None:
    index_dir = tmp_path / "idx"
    result = build_index(corpus, index_dir, tokenizer)
    np.save(result.path / "body.idf.npy", np.array([object()], dtype=object), allow_pickle=True)  # type: ignore[operator]
    with pytest.raises(IndexCorrupt):
        Engine.load(index_dir, tokenizer)


def test_postings_score_exactly_like_rank_bm25() -> None:
    corpus = [["消防", "演练", "消防"], ["网格", "演练"], ["消防"], ["网格", "网格", "群"], ["法治"] * 5]
    model = LuceneBM25(corpus)
    postings = PostingIndex.from_model(model)
    for query in (["消防"], ["演练", "网格"], ["法治", "消防", "未知"]):
        np.testing.assert_allclose(postings.scores(query), model.get_scores(query), rtol=1e-6)
        # one word's part of them, as the frame of a passage that says the word itself is taken out
        parts = [postings.term_scores(term) for term in query]
        np.testing.assert_allclose(sum(p for p in parts if p is not None), model.get_scores(query), rtol=1e-6)
    assert postings.term_scores("未知") is None


def test_postings_know_which_passages_hold_a_word() -> None:
    corpus = [["消防", "演练", "消防"], ["网格", "演练"], ["消防"], ["网格", "网格", "群"], ["法治"] * 5]
    postings = PostingIndex.from_model(LuceneBM25(corpus))
    asked = np.array([4, 0, 3, 2, 1])  # in any order, as a question's candidates come
    for term in ("消防", "网格", "法治", "未知"):
        expected = [term in corpus[i] for i in asked]
        assert postings.contains_each(term, asked).tolist() == expected
        assert [postings.contains(term, int(i)) for i in asked] == expected


def test_common_words_still_count() -> None:
    # Okapi's idf would be zero or negative for a word in half the passages or more.
    model = LuceneBM25([["消防"], ["消防"], ["消防", "网格"], ["其他"]])
    assert model.idf["消防"] > 0
    assert model.get_scores(["消防"])[0] > 0


def test_empty_corpus_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="empty corpus"):
        LuceneBM25([])


def test_worker_processes_cut_exactly_as_one_process(corpus: Path, tmp_path: Path, tokenizer: Tokenizer, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(DATA / "mingzhong_2021.txt", corpus / "mingzhong.txt")
    one = build_index(corpus, tmp_path / "one", tokenizer)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_CHARS", 0)
    many = build_index(corpus, tmp_path / "many", tokenizer)
    assert one.path is not None and many.path is not None
    for name in ("segments.jsonl", "passages.jsonl", "vocab.json"):
        assert (one.path / name).read_bytes() == (many.path / name).read_bytes(), name
    np.testing.assert_array_equal(np.load(one.path / "body.weights.npy"), np.load(many.path / "body.weights.npy"))


def test_fast_statistics_equal_rank_bm25s_own() -> None:
    from rank_bm25 import BM25Okapi

    corpus = [["消防", "演练", "消防"], ["网格", "演练"], ["消防"], ["网格", "网格", "群"], ["法治"] * 5]
    ours, theirs = LuceneBM25(corpus), BM25Okapi(corpus)
    assert [dict(f) for f in ours.doc_freqs] == theirs.doc_freqs
    assert (ours.doc_len, ours.avgdl, ours.corpus_size) == (theirs.doc_len, theirs.avgdl, theirs.corpus_size)
    assert set(ours.idf) == set(theirs.idf)
