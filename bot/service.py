"""The question-answering service the bot runs on: one engine, swapped atomically after a rebuild.

Searches run in a worker thread so a slow question never stalls other chats; rebuilds run
one at a time, and until a rebuild succeeds the previous engine keeps answering.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from index import (
    SUPPORTED_SUFFIXES,
    Answer,
    BuildResult,
    Engine,
    GovqaError,
    ReportError,
    ReportMeta,
    Tokenizer,
    build_index,
    load_or_build,
    read_report,
)
from index.chunking import chunk_report

__all__ = ["QAService", "UploadCheck", "safe_filename"]

log = logging.getLogger(__name__)


def _is_web_url(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not any(c in url for c in "<>\"' \n")


def safe_filename(name: str) -> str:
    """A file name that cannot leave the corpus folder or hide: no path parts, no control characters."""
    name = unicodedata.normalize("NFC", PurePosixPath(name.replace("\\", "/")).name)
    name = re.sub(r"[\x00-\x1f\x7f/:*?\"<>|]", "_", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        raise GovqaError("the file needs a name ending in .txt, .docx or .pdf")
    return f"{stem[:120]}.{suffix.lower()}"


@dataclass(frozen=True)
class UploadCheck:
    """A report checked and staged for adding: what it is and what it would replace."""

    staged: Path
    filename: str
    meta: ReportMeta
    passages: int
    replaces: str | None  # the doc id of an indexed report with the same file name or title


class QAService:
    """Owns the current Engine and the corpus folder; every change goes through a rebuild."""

    def __init__(self, corpus: Path, index: Path, data: Path, tokenizer: Tokenizer | None = None) -> None:
        self.corpus = corpus
        self.index = index
        self.data = data
        self.tokenizer = tokenizer or Tokenizer()
        self._engine: Engine | None = None
        self._lock = asyncio.Lock()
        self.trash = data / "removed"
        self.staging = data / "staging"
        self.sources_file = corpus / ".sources.json"
        self.sources: dict[str, str] = self._read_sources()

    def _read_sources(self) -> dict[str, str]:
        # Kept beside the reports (a hidden file the indexer skips) so links travel with the corpus.
        try:
            loaded = json.loads(self.sources_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", self.sources_file, exc)
            return {}
        return {str(k): str(v) for k, v in loaded.items() if _is_web_url(str(v))} if isinstance(loaded, dict) else {}

    def set_source(self, doc: str, url: str | None) -> None:
        """Link a report's citations to its source page (None removes the link); saved atomically."""
        if url is not None and not _is_web_url(url):
            raise GovqaError(f"{url!r} is not an http(s) address")
        sources = {**self.sources, doc: url} if url else {k: v for k, v in self.sources.items() if k != doc}
        self.corpus.mkdir(parents=True, exist_ok=True)
        tmp = self.sources_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(sources, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.sources_file)
        self.sources = sources

    @property
    def engine(self) -> Engine:
        """The engine answering now."""
        if self._engine is None:
            raise GovqaError("the index is not loaded yet")
        return self._engine

    def load(self, notify: Callable[[str], None]) -> Engine:
        """Load the index, building it from the corpus first when needed (at start-up)."""
        self.corpus.mkdir(parents=True, exist_ok=True)
        self._engine = load_or_build(self.index, self.corpus, self.tokenizer, notify)
        return self._engine

    async def ask(self, question: str, top: int = 3, offset: int = 0) -> tuple[Answer, float]:
        """Answer off the event loop; return the answer and the seconds it took."""
        engine = self.engine
        started = time.perf_counter()
        answer = await asyncio.to_thread(engine.ask, question, top, offset)
        return answer, time.perf_counter() - started

    async def reindex(self) -> BuildResult:
        """Rebuild from the corpus and swap the engine; on failure the old engine stays."""
        async with self._lock:
            result = await asyncio.to_thread(build_index, self.corpus, self.index, self.tokenizer)
            self._engine = await asyncio.to_thread(Engine.load, self.index, self.tokenizer)
            return result

    async def check_upload(self, filename: str, content: bytes, max_bytes: int) -> UploadCheck:
        """Check an uploaded report (name, type, size, readable) and stage it; nothing is indexed yet."""
        name = safe_filename(filename)
        if PurePosixPath(name).suffix not in SUPPORTED_SUFFIXES:
            raise GovqaError(f"{name}: only .txt, .md, .docx and .pdf reports can be added")
        if len(content) > max_bytes:
            raise GovqaError(f"{name}: {len(content) / 1_048_576:.1f} MB is over the {max_bytes // 1_048_576} MB limit")
        self.staging.mkdir(parents=True, exist_ok=True)
        staged = self.staging / f"{time.time_ns()}-{name}"
        staged.write_bytes(content)
        try:
            raw = await asyncio.to_thread(read_report, staged, name)
            meta, passages = chunk_report(name, raw.text, "")
        except ReportError:
            staged.unlink(missing_ok=True)
            raise
        replaces = None
        for report in self.engine.reports:
            if PurePosixPath(report.doc).name == name or report.title == meta.title:
                replaces = report.doc
                break
        return UploadCheck(staged, name, meta, len(passages), replaces)

    async def add_report(self, check: UploadCheck) -> BuildResult:
        """Move a staged report into the corpus (replacing its namesake) and rebuild; undo on failure."""
        same_place = check.replaces is not None and PurePosixPath(check.replaces).name == check.filename
        target = self.corpus / (check.replaces if same_place and check.replaces else check.filename)
        displaced_paths = {target} | ({self.corpus / check.replaces} if check.replaces else set())
        displaced = [(self._to_trash(path), path) for path in displaced_paths if path.exists()]
        shutil.move(str(check.staged), target)
        try:
            return await self.reindex()
        except Exception:
            target.unlink(missing_ok=True)
            for trashed, original in displaced:
                shutil.move(str(trashed), original)
            raise

    def discard(self, check: UploadCheck) -> None:
        """Drop a staged upload that was not confirmed."""
        check.staged.unlink(missing_ok=True)

    def _to_trash(self, path: Path) -> Path:
        self.trash.mkdir(parents=True, exist_ok=True)
        relative = path.relative_to(self.corpus).as_posix().replace("/", "__")
        destination = self.trash / f"{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**6:06d}--{relative}"
        shutil.move(str(path), destination)
        return destination

    async def remove(self, doc: str) -> BuildResult:
        """Move a report out of the corpus (restorable) and rebuild."""
        path = self.corpus / doc
        if not path.is_file():
            raise GovqaError(f"{doc} is not in the corpus")
        moved = self._to_trash(path)
        try:
            return await self.reindex()
        except Exception:
            shutil.move(str(moved), path)
            raise

    def removed(self) -> list[Path]:
        """Removed reports, newest first."""
        if not self.trash.is_dir():
            return []
        return sorted(self.trash.iterdir(), reverse=True)

    @staticmethod
    def removed_doc(removed: Path) -> str:
        """The corpus id a removed report had."""
        return removed.name.split("--", 1)[-1].replace("__", "/")

    async def restore(self, removed: Path) -> BuildResult:
        """Put a removed report back into the corpus and rebuild."""
        target = self.corpus / self.removed_doc(removed)
        if target.exists():
            raise GovqaError(f"{self.removed_doc(removed)} is in the corpus already")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(removed), target)
        return await self.reindex()
