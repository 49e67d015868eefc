"""Building an index from a corpus folder: read, chunk, tokenize (reusing cached work), score, save."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import Passage, ReportMeta, chunk_report, frame_ids, is_title_passage, paragraph_ids
from .engine import Engine
from .errors import CorpusError, GovqaError, IndexCorrupt, IndexMismatch, IndexMissing, ReportError
from .readers import SUPPORTED_SUFFIXES, read_report
from .scoring import K1, B, LuceneBM25, PostingIndex
from .store import build_lock, load_segments, save_index
from .tokenizer import Tokenizer

__all__ = ["BuildResult", "Progress", "build_index", "corpus_files", "load_or_build", "report_terms"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


@dataclass
class BuildResult:
    """What a build did: reports indexed, reports skipped with the reason, work reused."""

    reports: list[ReportMeta] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    passages: int = 0
    reused: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds spent reading, cutting, scoring, saving
    path: Path | None = None

    @property
    def complete(self) -> bool:
        """True when every report in the corpus was indexed."""
        return not self.skipped


def corpus_files(corpus_dir: Path) -> list[tuple[str, Path]]:
    """The report files of a corpus folder as (id, path): the id is the path inside the folder."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"the corpus folder {corpus_dir} does not exist")
    found: list[tuple[str, Path]] = []
    for path in sorted(corpus_dir.rglob("*")):
        relative = path.relative_to(corpus_dir)
        if any(part.startswith((".", "~$")) for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append((relative.as_posix(), path))
    return found


def report_terms(tokenizer: Tokenizer, meta: ReportMeta, passages: list[Passage]) -> list[list[list[str]]]:
    """Each passage's terms by field: [its own text, its frame (item lead, section path, title)].

    Passages of one section share most of their frame, so each distinct frame is cut once.
    """
    frames: dict[str, list[str]] = {}
    out: list[list[list[str]]] = []
    for passage in passages:
        if is_title_passage(passage, meta.title):
            out.append([tokenizer.tokens(passage.text), []])
            continue
        framing = " ".join((passage.context, *passage.section, meta.title))
        if framing not in frames:
            frames[framing] = tokenizer.tokens(framing)
        out.append([tokenizer.tokens(passage.text), frames[framing]])
    return out


# Cutting text with jieba is most of a build. Past this many characters to cut, the work is shared
# by worker processes (one per core), each with its own tokenizer; below it, starting them costs more.
PARALLEL_MIN_CHARS = 2_000_000
_worker_tokenizer: Tokenizer | None = None  # set in each worker process by _start_worker, never in the parent


def _start_worker() -> None:
    global _worker_tokenizer
    _worker_tokenizer = Tokenizer()


def _worker_terms(meta: ReportMeta, passages: list[Passage]) -> tuple[str, list[list[list[str]]]]:
    assert _worker_tokenizer is not None
    return _worker_tokenizer.fingerprint, report_terms(_worker_tokenizer, meta, passages)


def _tokenize_all(
    tokenizer: Tokenizer, pending: list[tuple[ReportMeta, list[Passage]]], progress: Progress | None
) -> list[list[list[list[str]]]]:
    """Terms of every pending report, in order; in worker processes when there is enough text."""
    chars = sum(len(p.text) for _meta, passages in pending for p in passages)
    workers = min(os.cpu_count() or 1, len(pending))
    if chars < PARALLEL_MIN_CHARS or workers < 2:
        results = []
        for done, (meta, passages) in enumerate(pending, start=1):
            results.append(report_terms(tokenizer, meta, passages))
            if progress:
                progress(done, len(pending), meta.doc)
        return results
    # forkserver, not fork: the bot builds from a thread, and forking a threaded process can deadlock.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
        futures = [pool.submit(_worker_terms, meta, passages) for meta, passages in pending]
        results = []
        for done, (future, (meta, _passages)) in enumerate(zip(futures, pending), start=1):
            fingerprint, terms = future.result()
            if fingerprint != tokenizer.fingerprint:
                raise GovqaError("a worker process cut text differently from this one; rebuild with one process")
            results.append(terms)
            if progress:
                progress(done, len(pending), meta.doc)
        return results


def _previous_segments(index_dir: Path, tokenizer: Tokenizer) -> dict[str, list[list[list[str]]]]:
    try:
        return load_segments(index_dir, tokenizer.fingerprint)
    except IndexCorrupt as exc:
        log.info("not reusing the previous index: %s", exc)
        return {}


def build_index(corpus_dir: Path, index_dir: Path, tokenizer: Tokenizer, progress: Progress | None = None) -> BuildResult:
    """Index every readable report in ``corpus_dir`` into a new generation of ``index_dir``.

    Unreadable reports are skipped and listed in the result. When no report at all can be
    read, :class:`CorpusError` is raised and the previous index stays current.
    """
    started = time.perf_counter()
    files = corpus_files(corpus_dir)
    if not files:
        raise CorpusError(f"no .txt, .md, .docx or .pdf report in {corpus_dir}")
    result = BuildResult()
    with build_lock(index_dir):
        cache = _previous_segments(index_dir, tokenizer)
        texts: dict[str, str] = {}
        passages: list[Passage] = []
        body_tokens: list[list[str]] = []
        frame_tokens: list[list[str]] = []
        segments: dict[str, list[list[list[str]]]] = {}
        titles: dict[str, str] = {}
        read: list[tuple[ReportMeta, list[Passage], str]] = []
        pending: list[tuple[ReportMeta, list[Passage]]] = []
        for doc, path in files:
            try:
                raw = read_report(path, doc)
            except ReportError as exc:
                result.skipped.append((doc, exc.reason))
                log.warning("skipped %s", exc)
                continue
            except OSError as exc:
                result.skipped.append((doc, f"cannot read the file ({exc.strerror})"))
                continue
            sha = hashlib.sha256(raw.text.encode("utf-8")).hexdigest()
            meta, report_passages = chunk_report(doc, raw.text, sha)
            if meta.title in titles:
                log.warning("%s has the same title as %s", doc, titles[meta.title])
            titles.setdefault(meta.title, doc)
            read.append((meta, report_passages, raw.text))
            cached = cache.get(sha)
            if cached is not None and len(cached) == len(report_passages):
                segments[sha] = cached
                result.reused += 1
            elif sha not in segments:
                pending.append((meta, report_passages))
        phases = {"read": time.perf_counter() - started}
        for (meta, _passages), terms in zip(pending, _tokenize_all(tokenizer, pending, progress)):
            segments[meta.sha256] = terms
        for meta, report_passages, text in read:
            texts[meta.doc] = text
            result.reports.append(meta)
            passages.extend(report_passages)
            for body, frame in segments[meta.sha256]:
                body_tokens.append(body)
                frame_tokens.append(frame)
        if not result.reports:
            reasons = "; ".join(f"{doc}: {reason}" for doc, reason in result.skipped)
            raise CorpusError(f"no report in {corpus_dir} could be read ({reasons}); the previous index is kept")
        # The paragraph a passage sits in is a field of its own, scored once per paragraph: words of
        # the question spread over neighbouring sentences still point at the passage.
        # Frames (section path, item lead, title) repeat across a section's passages: each distinct
        # frame is one entry of the frame field.
        unique_frames: list[list[str]] = []
        for frame, number in zip(frame_tokens, frame_ids(passages, {r.doc: r.title for r in result.reports})):
            if number == len(unique_frames):
                unique_frames.append(frame)
        para_tokens: list[list[str]] = []
        for passage_tokens, para in zip(body_tokens, paragraph_ids(passages)):
            if para == len(para_tokens):
                para_tokens.append([])
            para_tokens[para].extend(passage_tokens)
        phases["cut"] = time.perf_counter() - started - sum(phases.values())
        models = {name: LuceneBM25(tokens, k1=K1, b=B) for name, tokens in (("body", body_tokens), ("frame", unique_frames), ("para", para_tokens))}
        # One vocabulary for all fields: the paragraph field's terms are the text's, and most frame
        # terms are too; one shared dictionary instead of three saves memory on every load.
        vocab = {term: i for i, term in enumerate(sorted(set().union(*(m.idf for m in models.values()))))}
        fields = {name: PostingIndex.from_model(model, vocab) for name, model in models.items()}
        manifest = {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "tokenizer": {**tokenizer.settings, "fingerprint": tokenizer.fingerprint},
            "bm25": {"variant": "LuceneBM25", "k1": K1, "b": B},
            "corpus": str(corpus_dir),
            "reports": [{"doc": r.doc, "sha256": r.sha256, "title": r.title} for r in result.reports],
            "skipped": [{"doc": doc, "reason": reason} for doc, reason in result.skipped],
            "passages": len(passages),
        }
        try:
            phases["score"] = time.perf_counter() - started - sum(phases.values())
            result.path = save_index(index_dir, manifest, result.reports, texts, passages, fields, segments)
            phases["save"] = time.perf_counter() - started - sum(phases.values())
        except OSError as exc:
            raise GovqaError(f"could not write the index to {index_dir}: {exc}; the previous index is kept") from exc
    result.passages = len(passages)
    result.seconds = time.perf_counter() - started
    result.phases = phases
    log.info("build phases: %s", ", ".join(f"{name} {seconds:.2f}s" for name, seconds in phases.items()))
    return result


def load_or_build(
    index_dir: Path,
    corpus_dir: Path,
    tokenizer: Tokenizer,
    notify: Callable[[str], None],
    synonyms_path: Path | None = None,
) -> Engine:
    """Load the index, or build it from the corpus when it is missing, outdated or damaged (saying why)."""
    try:
        return Engine.load(index_dir, tokenizer, synonyms_path)
    except IndexMissing:
        notify(f"no index yet at {index_dir}: building it from {corpus_dir} …")
    except (IndexMismatch, IndexCorrupt) as exc:
        notify(f"{exc}. Rebuilding it from {corpus_dir} …")
    result = build_index(corpus_dir, index_dir, tokenizer)
    for doc, reason in result.skipped:
        notify(f"skipped {doc}: {reason}")
    notify(f"indexed {len(result.reports)} report(s), {result.passages} passages in {result.seconds:.1f}s")
    return Engine.load(index_dir, tokenizer, synonyms_path)
