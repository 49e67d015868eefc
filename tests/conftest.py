"""Shared fixtures: the bundled report, small fixture reports, a built index in a temp folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from index import Engine, Tokenizer, build_index

# Opt in to PTB's timedelta retry_after now, as `govqa serve` does, instead of a warning per 429.
os.environ.setdefault("PTB_TIMEDELTA", "1")
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "城口县高观镇2020年度法治政府建设工作情况报告.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    """One tokenizer for the session: loading jieba's dictionary costs half a second."""
    return Tokenizer()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus folder holding the bundled report."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory: pytest.TempPathFactory, tokenizer: Tokenizer) -> Engine:
    """An engine over the bundled report alone."""
    base = tmp_path_factory.mktemp("seed")
    (base / "corpus").mkdir()
    shutil.copy(SEED, base / "corpus" / SEED.name)
    build_index(base / "corpus", base / "index", tokenizer)
    return Engine.load(base / "index", tokenizer)


@pytest.fixture(scope="session")
def two_report_engine(tmp_path_factory: pytest.TempPathFactory, tokenizer: Tokenizer) -> Engine:
    """An engine over two towns' reports of different years."""
    base = tmp_path_factory.mktemp("two")
    (base / "corpus").mkdir()
    shutil.copy(SEED, base / "corpus" / SEED.name)
    shutil.copy(DATA / "mingzhong_2021.txt", base / "corpus" / "明中乡2021.txt")
    build_index(base / "corpus", base / "index", tokenizer)
    return Engine.load(base / "index", tokenizer)
