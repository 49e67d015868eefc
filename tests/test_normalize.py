"""Normalisation: numerals become digits only where they count something."""

from __future__ import annotations

import pytest

from index.normalize import Normalizer


@pytest.fixture(scope="module")
def normalize() -> Normalizer:
    return Normalizer()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("开展演练五次", "开展演练5次"),
        ("十二场", "12场"),
        ("三千五百余份", "3500余份"),
        ("三十万元", "30万元"),
        ("两三次", "2-3次"),  # a range, not 23
        ("合格率百分之百", "合格率100%"),
        ("張貼標語", "张贴标语"),
        ("ＡＢＣ５次", "abc5次"),
        # guards: not counts
        ("张三", "张三"),
        ("零售价", "零售价"),
        ("一是加强", "一是加强"),
        ("一村一警", "一村一警"),
        ("十九大", "十九大"),
    ],
)
def test_folding(normalize: Normalizer, raw: str, folded: str) -> None:
    assert normalize(raw) == folded
