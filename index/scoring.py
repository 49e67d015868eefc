"""BM25 scoring: rank-bm25 defines the scores, an inverted index computes them fast.

:class:`LuceneBM25` is rank-bm25's ``BM25Okapi`` with Lucene's idf,
log(1 + (N − n + 0.5)/(n + 0.5)), set through its ``_calc_idf`` hook: Okapi's own idf is
0 for a word in half the passages and negative beyond, so in a single report split into
a few dozen passages 消防 or 网格 would count for nothing (rank_bm25 issue #39).

:class:`PostingIndex` holds, for every term, the passages it occurs in and the
term-frequency part of the BM25 formula, precomputed from the rank-bm25 model at build
time. A question then costs one vector add per term instead of rank-bm25's Python loop
over every passage; the scores are the same (tests compare them with ``get_scores``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rank_bm25 import BM25Okapi

__all__ = ["K1", "B", "LuceneBM25", "PostingIndex"]

K1 = 1.2
B = 0.75


def _unseen_idf(n_docs: int) -> float:
    """Lucene's idf of a term no passage holds: the most a word can weigh."""
    return math.log(1.0 + (n_docs + 0.5) / 0.5)


class LuceneBM25(BM25Okapi):  # type: ignore[misc]  # rank-bm25 ships no type hints
    """rank-bm25's BM25Okapi with an idf that is never zero or negative."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        if not corpus:
            raise ValueError("cannot score an empty corpus")
        super().__init__(corpus, k1=k1, b=b)

    def _initialize(self, corpus: Sequence[Sequence[str]]) -> dict[str, int]:
        # The same statistics as rank-bm25's own loop (a test compares them), counted by
        # collections.Counter in C: at 100k passages this is 3 s instead of 9.
        self.doc_freqs = [Counter(document) for document in corpus]
        self.doc_len = [len(document) for document in corpus]
        self.corpus_size = len(self.doc_len)
        self.avgdl = sum(self.doc_len) / self.corpus_size
        nd: Counter[str] = Counter()
        for frequencies in self.doc_freqs:
            nd.update(frequencies.keys())
        return dict(nd)

    def _calc_idf(self, nd: dict[str, int]) -> None:
        n_docs = self.corpus_size
        self.idf = {word: math.log(1.0 + (n_docs - freq + 0.5) / (freq + 0.5)) for word, freq in nd.items()}
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0


@dataclass(frozen=True)
class PostingIndex:
    """Term → (passage ids, BM25 term weights): the whole searchable state, as plain arrays."""

    vocab: dict[str, int]
    offsets: np.ndarray  # int64, len(vocab) + 1: postings of term t are offsets[t]:offsets[t+1]
    doc_ids: np.ndarray  # int32, sorted within each term
    weights: np.ndarray  # float32, tf·(k1+1)/(tf + k1·(1 − b + b·dl/avgdl))
    idf: np.ndarray  # float64, one per term
    n_docs: int

    @classmethod
    def from_model(cls, model: LuceneBM25, vocab: dict[str, int] | None = None) -> PostingIndex:
        """Precompute the postings of a rank-bm25 model (same k1, b, idf, lengths).

        ``vocab`` (term → id, ids 0..n-1) lets several fields share one vocabulary; it must hold every
        term of the model. A term the model lacks gets no postings and the idf of an unseen term.
        """
        if vocab is None:
            vocab = {term: i for i, term in enumerate(sorted(model.idf))}
        terms = sorted(vocab, key=vocab.__getitem__)
        # Flatten every (passage, term, tf) once, then group by term with one stable sort: passages
        # stay in ascending order within each term, as `contains` needs.
        lengths = np.fromiter((len(f) for f in model.doc_freqs), dtype=np.int64, count=len(model.doc_freqs))
        total = int(lengths.sum())
        term_ids = np.fromiter(map(vocab.__getitem__, chain.from_iterable(model.doc_freqs)), dtype=np.int64, count=total)
        tf_flat = np.fromiter(chain.from_iterable(f.values() for f in model.doc_freqs), dtype=np.float64, count=total)
        doc_flat = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        order = np.argsort(term_ids, kind="stable")
        doc_ids = doc_flat[order]
        tfs = tf_flat[order]
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_ids, minlength=len(terms)), out=offsets[1:])
        doc_len = np.asarray(model.doc_len, dtype=np.float64)
        norm = model.k1 * (1 - model.b + model.b * doc_len[doc_ids] / model.avgdl)
        weights = (tfs * (model.k1 + 1) / (tfs + norm)).astype(np.float32)
        unseen = _unseen_idf(model.corpus_size)
        idf = np.array([model.idf.get(t, unseen) for t in terms], dtype=np.float64)
        return cls(vocab, offsets, doc_ids, weights, idf, model.corpus_size)

    def has(self, term: str) -> bool:
        """Whether any passage (of this field) holds ``term``."""
        t = self.vocab.get(term)
        return t is not None and bool(self.offsets[t + 1] > self.offsets[t])

    def missing_idf(self) -> float:
        """The idf a term found in no passage would have: the most a word can weigh."""
        return _unseen_idf(self.n_docs)

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The passages holding ``term`` and its weights there, or None for an unknown term."""
        t = self.vocab.get(term)
        if t is None or self.offsets[t + 1] == self.offsets[t]:
            return None
        lo, hi = self.offsets[t], self.offsets[t + 1]
        return self.doc_ids[lo:hi], self.weights[lo:hi]

    def term_idf(self, term: str) -> float:
        """The term's idf; an unknown term gets :meth:`missing_idf`."""
        t = self.vocab.get(term)
        return self.missing_idf() if t is None else float(self.idf[t])

    def scores(self, terms: Sequence[str], boosts: Sequence[float] | None = None) -> np.ndarray:
        """BM25 score of every passage for the query ``terms`` (equal to rank-bm25's get_scores).

        ``boosts``, one per term, scales each term's part (1.0 everywhere gives plain BM25).
        """
        out = np.zeros(self.n_docs, dtype=np.float64)
        for i, term in enumerate(terms):
            t = self.vocab.get(term)
            if t is None:
                continue
            lo, hi = self.offsets[t], self.offsets[t + 1]
            scale = self.idf[t] * (1.0 if boosts is None else boosts[i])
            out[self.doc_ids[lo:hi]] += scale * self.weights[lo:hi]
        return out

    def term_scores(self, term: str) -> np.ndarray | None:
        """``term``'s part of the BM25 score of every passage; None if no passage holds it."""
        found = self.postings(term)
        if found is None:
            return None
        out = np.zeros(self.n_docs, dtype=np.float64)
        out[found[0]] = self.idf[self.vocab[term]] * found[1]
        return out

    def contains(self, term: str, doc_id: int) -> bool:
        """Whether passage ``doc_id`` holds ``term``."""
        return bool(self.contains_each(term, np.array([doc_id]))[0])

    def contains_each(self, term: str, doc_ids: np.ndarray) -> np.ndarray:
        """For each of ``doc_ids`` (in any order), whether that passage holds ``term``: one lookup for all."""
        found = self.postings(term)
        if found is None:
            return np.zeros(len(doc_ids), dtype=bool)
        ids = found[0]
        at = np.minimum(np.searchsorted(ids, doc_ids), len(ids) - 1)
        return np.asarray(ids[at] == doc_ids)
