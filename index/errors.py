"""Exceptions raised by the search core.

    GovqaError                 base of everything the core raises on purpose
    ├── ReportError            one report cannot be read (the reason is the message)
    ├── IndexMissing           no index has been built at that location yet
    ├── IndexMismatch          the index was built by another format or tokenizer: rebuild it
    ├── IndexCorrupt           the index files are unreadable or inconsistent
    └── CorpusError            the corpus folder is missing or holds no readable report

Adapters (the CLI, the bot) catch ``GovqaError`` and show its message; anything
else is a bug and is logged with its traceback.
"""

from __future__ import annotations

__all__ = [
    "CorpusError",
    "GovqaError",
    "IndexCorrupt",
    "IndexMismatch",
    "IndexMissing",
    "ReportError",
]


class GovqaError(Exception):
    """Base class of the errors the core raises deliberately."""


class ReportError(GovqaError):
    """A report could not be read; ``str(err)`` says why in words an admin understands."""

    def __init__(self, doc: str, reason: str) -> None:
        super().__init__(f"{doc}: {reason}")
        self.doc = doc
        self.reason = reason


class IndexMissing(GovqaError):
    """No index exists at the given location."""


class IndexMismatch(GovqaError):
    """The index on disk was built with another format version or tokenizer."""


class IndexCorrupt(GovqaError):
    """The index on disk cannot be loaded."""


class CorpusError(GovqaError):
    """The corpus folder cannot be used (missing, or nothing in it could be read)."""
