"""Saving and loading an index as plain files, replaced atomically.

An index folder holds generations (``gen-…`` folders) and a ``CURRENT`` file naming
the one in use. A build writes a whole new generation beside the old one and then
replaces ``CURRENT`` with ``os.replace``, so a crash, a kill or a failed build at any
moment leaves the previous index whole and in use. Everything is JSON, JSONL or
``.npy`` loaded with ``allow_pickle=False``: loading an index cannot run code.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .chunking import Passage, ReportMeta, frame_ids, paragraph_ids
from .errors import IndexCorrupt, IndexMismatch, IndexMissing
from .scoring import PostingIndex

__all__ = ["FORMAT_VERSION", "StoredIndex", "build_lock", "current_generation", "load_index", "load_segments", "save_index"]

FORMAT_VERSION = 4
_ARRAYS = ("offsets", "doc_ids", "weights", "idf")
FIELDS = ("body", "frame", "para")
_KEEP_GENERATIONS = 2


@dataclass(frozen=True)
class StoredIndex:
    """Everything an index generation holds."""

    manifest: dict[str, Any]
    reports: list[ReportMeta]
    texts: dict[str, str]
    passages: list[Passage]
    fields: dict[str, PostingIndex]  # "body": per passage; "frame": per distinct frame; "para": per paragraph
    path: Path
    frame_of: npt.NDArray[np.int32]  # each passage's entry in the frame field
    para_of: npt.NDArray[np.int32]  # each passage's entry in the paragraph field


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
        out.flush()
        os.fsync(out.fileno())


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as src:
        return [json.loads(line) for line in src if line.strip()]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index folder's build lock: two builds never interleave their swaps."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_generation(index_dir: Path) -> Path | None:
    """The generation folder ``CURRENT`` names, or None when no index was ever completed."""
    try:
        name = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexCorrupt(f"cannot read {index_dir / 'CURRENT'}: {exc.strerror}") from exc
    if not name.startswith("gen-") or "/" in name or not (index_dir / name).is_dir():
        raise IndexCorrupt(f"{index_dir / 'CURRENT'} names a missing generation {name!r}; run `govqa index` to rebuild")
    return index_dir / name


def save_index(
    index_dir: Path,
    manifest: dict[str, Any],
    reports: list[ReportMeta],
    texts: dict[str, str],
    passages: list[Passage],
    fields: dict[str, PostingIndex],
    segments: dict[str, list[list[list[str]]]],
) -> Path:
    """Write a new generation and make it current in one atomic step; return its folder."""
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 1_000_000:06d}"
    tmp = index_dir / f".tmp-{name}"
    tmp.mkdir()
    try:
        manifest = {**manifest, "format": FORMAT_VERSION}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        # dataclasses.asdict deep-copies every value: at 100k passages that alone took 3 s.
        _write_jsonl(tmp / "reports.jsonl", [{**vars(r), "text": texts[r.doc]} for r in reports])
        _write_jsonl(tmp / "passages.jsonl", ({**vars(p), "section": list(p.section)} for p in passages))
        _write_jsonl(tmp / "segments.jsonl", ({"sha256": k, "tokens": v} for k, v in segments.items()))
        vocab = next(iter(fields.values())).vocab
        if any(postings.vocab is not vocab for postings in fields.values()):
            raise ValueError("every field must share one vocabulary")
        terms = sorted(vocab, key=vocab.__getitem__)
        (tmp / "vocab.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        for field_name, postings in fields.items():
            for array in _ARRAYS:
                np.save(tmp / f"{field_name}.{array}.npy", getattr(postings, array), allow_pickle=False)
        _fsync_dir(tmp)
        final = index_dir / name
        os.rename(tmp, final)
        pointer = index_dir / ".CURRENT.tmp"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, index_dir / "CURRENT")
        _fsync_dir(index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(index_dir, keep=name)
    return final


def _prune(index_dir: Path, keep: str) -> None:
    """Remove stale temporary folders and all but the newest generations."""
    for stale in index_dir.glob(".tmp-gen-*"):
        if stale.name != f".tmp-{keep}" and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
    generations = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in generations[:-_KEEP_GENERATIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def read_manifest(generation: Path) -> dict[str, Any]:
    """The manifest of a generation folder."""
    try:
        manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"cannot read the index manifest in {generation}: {exc}") from exc
    if not isinstance(manifest, dict):
        raise IndexCorrupt(f"the index manifest in {generation} is not an object")
    return manifest


def load_index(index_dir: Path, tokenizer_fingerprint: str) -> StoredIndex:
    """Load the current generation; raise if missing, built differently, or damaged."""
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexMissing(f"no index at {index_dir}; run `govqa index` to build one")
    manifest = read_manifest(generation)
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatch(
            f"the index at {index_dir} has format {manifest.get('format')}, this version reads {FORMAT_VERSION}; "
            "run `govqa index` to rebuild it"
        )
    if manifest.get("tokenizer", {}).get("fingerprint") != tokenizer_fingerprint:
        raise IndexMismatch(
            f"the index at {index_dir} was built with another dictionary or stop-word list, or by another version of "
            "the readers or the segmentation; run `govqa index` to rebuild it"
        )
    try:
        report_rows = _read_jsonl(generation / "reports.jsonl")
        reports = [ReportMeta(**{k: v for k, v in row.items() if k != "text"}) for row in report_rows]
        texts = {sys.intern(row["doc"]): row["text"] for row in report_rows}
        with (generation / "passages.jsonl").open(encoding="utf-8") as rows:
            # One line at a time: a list of every row's dict first would double the peak memory.
            passages = [_passage(json.loads(line)) for line in rows if line.strip()]
        vocab = {term: i for i, term in enumerate(json.loads((generation / "vocab.json").read_text(encoding="utf-8")))}
        # Scored units per field: passages; distinct frames; paragraphs (derived from the passages).
        frame_of = np.array(frame_ids(passages, {r.doc: r.title for r in reports}), dtype=np.int32)
        para_of = np.array(paragraph_ids(passages), dtype=np.int32)
        units = {
            "body": len(passages),
            "frame": int(frame_of.max(initial=-1)) + 1,
            "para": int(para_of.max(initial=-1)) + 1,
        }
        fields = {name: _load_postings(generation, name, vocab, units[name]) for name in FIELDS}
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexCorrupt(f"the index at {generation} is damaged ({exc}); run `govqa index` to rebuild it") from exc
    if not all(p.doc in texts for p in passages):
        raise IndexCorrupt(f"the index files in {generation} do not agree with each other; run `govqa index` to rebuild it")
    return StoredIndex(manifest, reports, texts, passages, fields, generation, frame_of, para_of)


def _passage(row: dict[str, Any]) -> Passage:
    # A report id, its headings and item leads repeat across thousands of passages: share one copy.
    return Passage(
        doc=sys.intern(row["doc"]),
        section=tuple(sys.intern(heading) for heading in row["section"]),
        text=row["text"],
        start=row["start"],
        end=row["end"],
        para_start=row["para_start"],
        para_end=row["para_end"],
        context=sys.intern(row["context"]),
    )


def load_segments(index_dir: Path, tokenizer_fingerprint: str) -> dict[str, list[list[list[str]]]]:
    """The build cache of the current generation: report sha256 → each passage's terms by field.

    Only a build reads it (answering never needs it); an index from another tokenizer, or none, gives {}.
    """
    generation = current_generation(index_dir)
    if generation is None:
        return {}
    manifest = read_manifest(generation)
    if manifest.get("format") != FORMAT_VERSION or manifest.get("tokenizer", {}).get("fingerprint") != tokenizer_fingerprint:
        return {}
    try:
        return {row["sha256"]: row["tokens"] for row in _read_jsonl(generation / "segments.jsonl")}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorrupt(f"the build cache in {generation} is damaged ({exc})") from exc


def _load_postings(generation: Path, name: str, vocab: dict[str, int], n_passages: int) -> PostingIndex:
    arrays = {array: np.load(generation / f"{name}.{array}.npy", allow_pickle=False) for array in _ARRAYS}
    postings = PostingIndex(
        vocab=vocab,
        offsets=arrays["offsets"],
        doc_ids=arrays["doc_ids"],
        weights=arrays["weights"],
        idf=arrays["idf"],
        n_docs=n_passages,
    )
    n_terms = len(vocab)
    consistent = (
        postings.offsets.shape == (n_terms + 1,)
        and postings.idf.shape == (n_terms,)
        and postings.doc_ids.shape == postings.weights.shape == (int(postings.offsets[-1]),)
        and (postings.doc_ids.size == 0 or int(postings.doc_ids.max()) < n_passages)
    )
    if not consistent:
        raise ValueError(f"the {name} postings do not agree with each other")
    return postings
