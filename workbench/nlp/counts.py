"""Counting word classes in many token ranges of a batch at once (for ``journey_negation``).

The rules ask, for every cue, how many negators, intensifiers, question marks … lie in a few
token ranges around it (its clause, its sentence). :class:`RangeCounts` answers that for up to
a dozen classes with two running sums: each token's classes are packed into 10-bit fields of
one integer, so the difference of two running sums holds the count of every class in the
range, exactly, as long as the range has fewer than 1024 tokens (the caller checks; longer
sentences use one running count per class instead).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .batch import SortedRank, WordFlags

__all__ = ["RangeCounts", "Positions", "FIELD_BITS", "MAX_SPAN"]

FIELD_BITS = 10
MAX_SPAN = (1 << FIELD_BITS) - 1  # ranges must be shorter than this for the packed counts
_PER_WORD = 64 // FIELD_BITS


class Positions:
    """The sorted global positions of the tokens of one word class (of ``n`` tokens)."""

    __slots__ = ("pos", "n", "rank")

    def __init__(self, pos: np.ndarray, n: int) -> None:
        self.pos, self.n = pos, n
        self.rank = SortedRank(pos, n)  # searchsorted in ``pos`` by table

    def count(self, x: np.ndarray) -> np.ndarray:
        """Per position: how many tokens of the class lie before it."""
        return self.rank.left(x)

    def last(self, x: np.ndarray) -> np.ndarray:
        """Per position: the last token of the class at or before it, else -1."""
        if not len(self.pos):
            return np.full(len(x), -1, dtype=np.int64)
        i = self.rank.right(x) - 1
        return np.where(i >= 0, self.pos[np.maximum(i, 0)], -1)

    def next(self, x: np.ndarray) -> np.ndarray:
        """Per position: the first token of the class at or after it, else the number of tokens."""
        if not len(self.pos):
            return np.full(len(x), self.n, dtype=np.int64)
        i = self.rank.left(x)
        return np.where(i < len(self.pos), self.pos[np.minimum(i, len(self.pos) - 1)], self.n)


class RangeCounts:
    """Per-word tables for counting word classes of a :class:`WordFlags` in token ranges.

    Parameters
    ----------
    words : WordFlags
        The word classes (their bits).
    classes : sequence of str
        The classes to count.
    """

    def __init__(self, words: WordFlags, classes: Sequence[str]) -> None:
        self.words = words
        self.classes = list(classes)
        self.field: dict[str, tuple[int, int]] = {}
        tables = []
        for start in range(0, len(self.classes), _PER_WORD):
            table = np.zeros(len(words.values), dtype=np.uint64)
            for k, name in enumerate(self.classes[start:start + _PER_WORD]):
                has = (words.values & words.bit[name]) != 0
                table |= has.astype(np.uint64) << np.uint64(FIELD_BITS * k)
                self.field[name] = (len(tables), FIELD_BITS * k)
            tables.append(table)
        self.tables = tables

    def counter(self, index: np.ndarray, flags: np.ndarray, span: int) -> _Counter:
        """A counter over a batch (word ``index`` and ``flags`` per token) whose queried ranges
        are at most ``span`` tokens long (packed sums when that is short enough)."""
        return _Counter(self, index, flags, span <= MAX_SPAN)


class _Counter:
    """``counter(name, lo, hi)``: per range, the tokens of class ``name`` in ``[lo, hi)``."""

    def __init__(self, counts: RangeCounts, index: np.ndarray, flags: np.ndarray, packed: bool) -> None:
        self.counts = counts
        self.flags = flags
        self.packed = packed
        self.sums: list[np.ndarray] = []
        self.dense: dict[str, np.ndarray] = {}
        self._positions: dict[str, Positions] = {}
        if packed:
            for table in counts.tables:
                total = np.zeros(len(index) + 1, dtype=np.uint64)
                np.cumsum(table[index], out=total[1:])
                self.sums.append(total)

    def __call__(self, name: str, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        if self.packed:
            which, shift = self.counts.field[name]
            total = self.sums[which]
            return (((total[hi] - total[lo]) >> np.uint64(shift)) & np.uint64(MAX_SPAN)).astype(np.int64)
        total = self.dense_counts(name)
        return total[hi] - total[lo]

    def dense_counts(self, name: str) -> np.ndarray:
        """Per position (``len(flags) + 1`` of them): the tokens of class ``name`` before it."""
        total = self.dense.get(name)
        if total is None:
            total = self.dense[name] = np.zeros(len(self.flags) + 1, dtype=np.int64)
            np.cumsum((self.flags & self.counts.words.bit[name]) != 0, out=total[1:])
        return total

    def positions(self, name: str) -> Positions:
        """The positions of the tokens of class ``name`` (any class of the word flags; kept)."""
        found = self._positions.get(name)
        if found is None:
            bit = self.counts.words.bit[name]
            found = self._positions[name] = Positions(np.flatnonzero((self.flags & bit) != 0), len(self.flags))
        return found
