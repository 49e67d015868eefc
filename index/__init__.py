"""govqa's search core: read reports, chunk them by structure, index them with BM25, answer questions.

A plain library: it never imports ``telegram``. The CLI and the bot are adapters on top.

    tokenizer = Tokenizer()
    build_index(Path("corpus"), Path(".govqa/index"), tokenizer)
    engine = Engine.load(Path(".govqa/index"), tokenizer)
    engine.ask("消防演练开展了几次？").answer  # '5次'
"""

from __future__ import annotations

from .build import BuildResult, build_index, corpus_files, load_or_build
from .chunking import MAX_PASSAGE_CHARS, Passage, ReportMeta, chunk_report
from .engine import MAX_QUESTION_CHARS, Answer, Engine, Hit
from .errors import CorpusError, GovqaError, IndexCorrupt, IndexMismatch, IndexMissing, ReportError
from .readers import MAX_REPORT_BYTES, SUPPORTED_SUFFIXES, read_report
from .store import FORMAT_VERSION
from .tokenizer import Tokenizer, load_synonyms

__all__ = [
    "FORMAT_VERSION",
    "MAX_PASSAGE_CHARS",
    "MAX_QUESTION_CHARS",
    "MAX_REPORT_BYTES",
    "SUPPORTED_SUFFIXES",
    "Answer",
    "BuildResult",
    "CorpusError",
    "Engine",
    "GovqaError",
    "Hit",
    "IndexCorrupt",
    "IndexMismatch",
    "IndexMissing",
    "Passage",
    "ReportError",
    "ReportMeta",
    "Tokenizer",
    "build_index",
    "chunk_report",
    "corpus_files",
    "load_or_build",
    "load_synonyms",
    "read_report",
]
