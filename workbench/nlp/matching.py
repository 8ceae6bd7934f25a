"""A compiled cue matcher over token hashes that lets intensifiers, hedges and fillers sit inside a cue.

Pattern files stay in spaCy's ``SpanRuler`` shape (phrases and token patterns); this module
compiles the patterns it understands into one trie keyed by token hashes:

- a phrase (``"duurde lang"``) is tokenized and matched on ``LOWER``;
- a token pattern may use ``LOWER``/``ORTH``/``TEXT``/``NORM`` (all matched lower-cased) and
  ``LEMMA``, each a string or ``{"IN": [...]}``, an empty dict ``{}`` for any token, and the
  operators ``?``, ``*``, ``+``, ``{n}``, ``{n,m}``, ``{,m}``.

While walking the trie, a *skippable* token (an intensifier, hedge or filler word such as
``echt``, ``heel``, ``wel``, ``really``, ``a bit``) inside a cue is passed over, so the file
says ``duurde lang`` once and ``duurde echt heel lang`` still matches. A match never starts or
ends on a skipped word; a pattern may still name such a word explicitly (``nog steeds niet``). Patterns using other attributes (``REGEX``,
``POS`` …) are not compiled: the caller hands them to spaCy's own ``Matcher``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence

__all__ = ["CueTrie", "compile_token_pattern", "MAX_VARIANTS", "MAX_REPEAT", "MAX_SKIP"]

MAX_VARIANTS = 20_000  # a token pattern expanding to more alternatives goes to spaCy's Matcher
MAX_REPEAT = 4  # '*' and '+' on a concrete token allow up to this many repetitions
MAX_SKIP = 3  # at most this many skippable words in a row inside a cue
_LOWER_KEYS = ("LOWER", "ORTH", "TEXT", "NORM")
_RANGE = re.compile(r"^\{(\d*),?(\d*)\}$")
_GAP = "gap"
_END = "end"


def _values(spec) -> list[str] | None:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and isinstance(spec["IN"], list):
        return [str(v) for v in spec["IN"]]
    return None


def _repeat(op: str | None) -> tuple[int, int] | None:
    if op is None or op == "!":
        return (1, 1) if op is None else None
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, MAX_REPEAT
    if op == "+":
        return 1, MAX_REPEAT
    m = _RANGE.match(op)
    if not m:
        return None
    lo = int(m.group(1) or 0)
    if "," not in op:
        return lo, lo
    hi = int(m.group(2)) if m.group(2) else MAX_REPEAT
    return lo, max(lo, hi)


def compile_token_pattern(pattern: Sequence[dict], hash_word: Callable[[str], int]) -> list[tuple] | None:
    """Expand a token pattern into element sequences, or ``None`` when it cannot be compiled.

    An element is ``('L', hashes)`` (LOWER in a set), ``('M', hashes)`` (LEMMA in a set) or
    ``('G', lo, hi)`` (any ``lo``..``hi`` tokens).
    """
    steps: list[list[tuple]] = []
    for token in pattern:
        if not isinstance(token, dict):
            return None
        token = dict(token)
        rep = _repeat(token.pop("OP", None))
        if rep is None:
            return None
        lo, hi = rep
        if not token:
            steps.append([(("G", lo, hi),)])
            continue
        if len(token) != 1:
            return None
        (attr, spec), = token.items()
        words = _values(spec)
        if words is None or attr not in _LOWER_KEYS + ("LEMMA",):
            return None
        kind = "M" if attr == "LEMMA" else "L"
        element = (kind, frozenset(hash_word(w.lower() if kind == "L" else w) for w in words))
        steps.append([(element,) * k for k in range(lo, hi + 1)])
    total = 1
    for options in steps:
        total *= len(options)
    if total > MAX_VARIANTS or total == 0:
        return None
    out = []
    for combo in itertools.product(*steps):
        seq = tuple(el for part in combo for el in part)
        if seq and seq[0][0] != "G" and seq[-1][0] != "G":
            out.append(seq)
    return out or None


class _Node:
    """A trie node: children indexed by token hash (one child per distinct word set), gaps, ends."""

    __slots__ = ("index", "sets", "gaps", "ends")

    def __init__(self) -> None:
        self.index: dict = {}  # hash (or ('M', hash) for LEMMA) -> list of child nodes
        self.sets: dict = {}  # element -> child node (so a repeated element reuses its child)
        self.gaps: dict = {}  # (lo, hi) -> child node
        self.ends: list[int] = []

    def child(self, element: tuple) -> _Node:
        node = self.sets.get(element)
        if node is None:
            node = self.sets[element] = _Node()
            for h in element[1]:
                key = h if element[0] == "L" else ("M", h)
                self.index.setdefault(key, []).append(node)
        return node


class CueTrie:
    """A trie of cue sequences; :meth:`find` returns ``(start, end, rule)`` for every match.

    Parameters
    ----------
    skip : set of int
        Hashes of skippable single words (intensifiers, hedges, fillers).
    skip_pairs : set of (int, int)
        Hashes of skippable two-word hedges (``een beetje``, ``a bit``, ``kind of``).
    stop : set of int
        Hashes of tokens a gap (``{}`` wildcard) may not cross (sentence-final punctuation).
    """

    def __init__(self, skip: Iterable[int] = (), skip_pairs: Iterable[tuple[int, int]] = (),
                 stop: Iterable[int] = ()) -> None:
        self.root = _Node()
        self.skip = frozenset(skip)
        self.skip_pairs = frozenset(skip_pairs)
        self.stop = frozenset(stop)
        self.uses_lemma = False
        self.size = 0

    def add(self, sequences: Iterable[tuple], rule: int) -> None:
        """Add the element sequences of one rule (see :func:`compile_token_pattern`)."""
        for seq in sequences:
            node = self.root
            for el in seq:
                if el[0] == "G":
                    key = (el[1], el[2])
                    node = node.gaps.get(key) or node.gaps.setdefault(key, _Node())
                    continue
                if el[0] == "M":
                    self.uses_lemma = True
                node = node.child(el)
            if rule not in node.ends:
                node.ends.append(rule)
                self.size += 1

    def find(self, low: Sequence[int], lem: Sequence[int] | None = None) -> list[tuple[int, int, int]]:
        """All matches ``(start, end, rule)`` in a token sequence of LOWER (and LEMMA) hashes."""
        index = self.root.index
        out: list[tuple[int, int, int]] = []
        if not index:
            return out
        lemma = lem if (self.uses_lemma and lem is not None) else None
        skip = self._skip_mask(low) if self.skip else None
        n = len(low)
        walk = self._walk
        for i, h in enumerate(low):
            nodes = index.get(h)
            if lemma is not None:
                extra = index.get(("M", lemma[i]))
                if extra is not None:
                    nodes = (nodes or []) + extra
            if nodes is None:
                continue
            j = i + 1
            for node in nodes:
                if node.ends:
                    out.extend((i, j, rule) for rule in node.ends)
                # most partial matches die on the next token: test that before walking on
                if j < n and (node.gaps or (skip is not None and skip[j]) or lemma is not None
                              or low[j] in node.index):
                    walk(node, i, j, low, lemma, skip, out, 0, False)
        return out

    def _skip_mask(self, low: Sequence[int]) -> list[bool] | None:
        skip = self.skip
        mask = [h in skip for h in low]
        if self.skip_pairs:
            pairs = self.skip_pairs
            for j in range(len(low) - 1):
                if (low[j], low[j + 1]) in pairs:
                    mask[j] = mask[j + 1] = True
        return mask if any(mask) else None

    def _walk(self, node: _Node, start: int, j: int, low, lemma, skip, out: list, skipped: int,
              can_end: bool = True) -> None:
        if can_end and node.ends:
            for rule in node.ends:
                out.append((start, j, rule))
        n = len(low)
        if j >= n:
            return
        nodes = node.index.get(low[j])
        if nodes is not None:
            for child in nodes:
                self._walk(child, start, j + 1, low, lemma, skip, out, 0)
        if lemma is not None:
            nodes = node.index.get(("M", lemma[j]))
            if nodes is not None:
                for child in nodes:
                    self._walk(child, start, j + 1, low, lemma, skip, out, 0)
        if node.gaps:
            stop = self.stop
            for (lo, hi), sub in node.gaps.items():
                for k in range(hi + 1):
                    if k and (j + k > n or low[j + k - 1] in stop):
                        break
                    if k >= lo and j + k < n:
                        self._walk(sub, start, j + k, low, lemma, skip, out, 0, False)
        if skip is not None and skipped < MAX_SKIP and skip[j] and j + 1 < n:
            # an intensifier/hedge/filler inside the cue: go on with the same node, never end on it
            self._walk(node, start, j + 1, low, lemma, skip, out, skipped + 1, False)
