"""Positions in a project's text carried into the text the study loader made of it.

A text the importer writes into the study is read back by the loader, which may change a few
characters: a byte-order mark at the start, control characters (removed), mojibake (repaired
by ftfy). Selections must then move with the text, exactly, or be refused where they start or
end inside changed characters; never shifted by guesswork. :func:`position_map` aligns the two
texts line by line (``difflib``: lines first, so a long text stays fast, then characters within
the lines that differ) and maps each position.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher

__all__ = ["PositionMap", "position_map"]


def _starts(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    out.append(pos)  # one past the end (as if the text ended with a newline)
    return out


class PositionMap:
    """Maps code point positions of the project's text to the loaded text.

    ``ops``: ``(tag, a0, a1, b0, b1)`` as difflib gives them, in text order, over the whole
    texts. A position inside an equal run moves with it; inside removed characters it goes to
    where they were; inside replaced or inserted characters it has no place (``None``).
    """

    def __init__(self, ops: list[tuple[str, int, int, int, int]]) -> None:
        self.ops = ops
        self._a0 = [op[1] for op in ops]

    @property
    def changed(self) -> int:
        """How many characters differ (the larger side of each change)."""
        return sum(max(a1 - a0, b1 - b0) for tag, a0, a1, b0, b1 in self.ops if tag != "equal")

    def __call__(self, pos: int) -> int | None:
        i = bisect_right(self._a0, pos) - 1
        found = None
        for tag, a0, a1, b0, b1 in self.ops[max(i - 1, 0): i + 2]:
            if not a0 <= pos <= a1:
                continue
            if tag == "equal":
                return b0 + pos - a0
            if tag == "delete":
                found = b0
            elif found is None and pos in (a0, a1):
                found = b0 if pos == a0 else b1
        return found

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """A selection's span in the loaded text, or ``None`` when an edge has no place."""
        a, b = self(start), self(end)
        return (a, b) if a is not None and b is not None and b > a else None


def position_map(a: str, b: str) -> PositionMap:
    """Align ``a`` (the project's text) with ``b`` (the text the loader made of it).

    >>> m = position_map("\\ufeffDag 1\\nBesteld\\x7f.", "Dag 1\\nBesteld.")
    >>> m.span(1, 6), m.span(7, 14), m.changed
    ((0, 5), (6, 13), 2)
    """
    la, lb = a.split("\n"), b.split("\n")
    sa, sb = _starts(la), _starts(lb)
    ops: list[tuple[str, int, int, int, int]] = []

    def add(tag: str, a0: int, a1: int, b0: int, b1: int) -> None:
        if a0 == a1 and b0 == b1:
            return
        if ops and ops[-1][0] == tag and ops[-1][2] == a0 and ops[-1][4] == b0:
            ops[-1] = (tag, ops[-1][1], a1, ops[-1][3], b1)
        else:
            ops.append((tag, a0, a1, b0, b1))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:  # the same lines, some characters changed
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                for t, c1, c2, d1, d2 in SequenceMatcher(None, la[i], lb[j], autojunk=False).get_opcodes():
                    add(t, sa[i] + c1, sa[i] + c2, sb[j] + d1, sb[j] + d2)
                add("equal", sa[i + 1] - 1, sa[i + 1], sb[j + 1] - 1, sb[j + 1])  # the newline
        else:
            add(tag, sa[i1], sa[i2], sb[j1], sb[j2])
    return PositionMap(ops)
