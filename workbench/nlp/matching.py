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

import numpy as np

from .batch import HashIndex, SortedRank, WordFlags, ranges

__all__ = ["CueTrie", "compile_token_pattern", "MAX_VARIANTS", "MAX_REPEAT", "MAX_SKIP"]

MAX_VARIANTS = 20_000  # a token pattern expanding to more alternatives goes to spaCy's Matcher
MAX_REPEAT = 4  # '*' and '+' on a concrete token allow up to this many repetitions
MAX_SKIP = 3  # at most this many skippable words in a row inside a cue
_LOWER_KEYS = ("LOWER", "ORTH", "TEXT", "NORM")
_SKIP_BIT = 1 << 63  # in the trie's node filters: see _Compiled._token_bits
_ALL_BITS = (1 << 64) - 1
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
        self._compiled: _Compiled | None = None

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
        self._compiled = None

    def find(self, low: Sequence[int], lem: Sequence[int] | None = None) -> list[tuple[int, int, int]]:
        """All matches ``(start, end, rule)`` in a token sequence of LOWER (and LEMMA) hashes."""
        arr = np.array(low, dtype=np.uint64)
        lemma = np.array(lem, dtype=np.uint64) if lem is not None else None
        starts, ends, rules = self.find_batch(arr, np.full(len(arr), len(arr), dtype=np.int64), lemma)
        return list(zip(starts.tolist(), ends.tolist(), rules.tolist(), strict=True))

    def compiled(self) -> _Compiled:
        """The trie as arrays (compiled on first use after a change)."""
        if self._compiled is None:
            self._compiled = _Compiled(self)
        return self._compiled

    @property
    def words(self) -> WordFlags:
        """The word index of the compiled trie (for :meth:`TokenBatch.word_index`)."""
        return self.compiled().words

    def find_batch(self, low: np.ndarray, limit: np.ndarray, lemma: np.ndarray | None = None,
                   index: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All matches in the tokens of a whole batch of Docs, as arrays ``(starts, ends, rules)``.

        Parameters
        ----------
        low : ndarray of uint64
            LOWER hashes of the tokens of all Docs, one after the other.
        limit : ndarray of int64
            Per token: the end (exclusive global position) of its Doc; no match crosses it.
        lemma : ndarray of uint64, optional
            LEMMA hashes (only read when a pattern uses ``LEMMA``).
        index : ndarray of int64, optional
            ``self.words.index(low)``, when the caller has looked it up already.

        Every path through the trie gives one match, so a match found along two paths is
        listed twice (callers that need a set deduplicate).
        """
        return self.compiled().find(low, limit, lemma if self.uses_lemma else None, index)



class _Compiled:
    """The trie as arrays, walked breadth-first for all start positions of a batch at once.

    A state is ``(start, j, node, skipped, can_end)``: a partial match from token ``start``
    that reached ``node`` before token ``j``. Each round emits the states that may end (their
    node ends rules), then moves every live state on by one step: a child for token ``j``
    (by LOWER or LEMMA), a gap of ``lo..hi`` tokens (never across a stop token), or over a
    skippable word (at most ``MAX_SKIP`` in a row, never ending there).
    """

    def __init__(self, trie: CueTrie) -> None:
        nodes, number = [trie.root], {id(trie.root): 0}

        def num(node: _Node) -> int:
            if id(node) not in number:
                number[id(node)] = len(nodes)
                nodes.append(node)
            return number[id(node)]

        lower: list[tuple[int, int, int]] = []  # (node, hash, child)
        lemma: list[tuple[int, int, int]] = []
        gaps: list[tuple[int, int, int, int]] = []  # (node, lo, hi, sub)
        i = 0
        while i < len(nodes):
            node = nodes[i]
            for key, children in node.index.items():
                for child in children:
                    if isinstance(key, tuple):
                        lemma.append((i, key[1], num(child)))
                    else:
                        lower.append((i, key, num(child)))
            for (lo, hi), sub in node.gaps.items():
                gaps.append((i, lo, hi, num(sub)))
            i += 1
        n = len(nodes)
        self.words = WordFlags({"skip": trie.skip, "stop": trie.stop, "word": {h for _, h, _ in lower}},
                               {"skip": trie.skip_pairs})
        self.n_keys = len(self.words.keys) + 1
        self.word_bits = np.left_shift(np.uint64(1), (np.arange(self.n_keys) % 63).astype(np.uint64))  # bit of each word
        where = self.words.index(np.array([h for _, h, _ in lower], dtype=np.uint64)).tolist()
        edges = [(a, w, c) for (a, _, c), w in zip(lower, where, strict=True)]
        self.lower = self._table(edges, self.n_keys)
        # the root's children by word position, for the first step of every token (a gather, no hash)
        self.root_lo = np.zeros(self.n_keys, dtype=np.int64)
        self.root_hi = np.zeros(self.n_keys, dtype=np.int64)
        for pos, (a, w, _) in enumerate(edges):  # sorted by (node, word) in _table
            if a == 0:
                if self.root_hi[w] == 0:
                    self.root_lo[w] = pos
                self.root_hi[w] = pos + 1
        self.lemma_keys = np.array(sorted({h for _, h, _ in lemma}), dtype=np.uint64)
        lemma_index = {h: k for k, h in enumerate(self.lemma_keys.tolist())}
        self.lemma = self._table([(a, lemma_index[h], c) for a, h, c in lemma], len(self.lemma_keys) + 1)
        ends = [node.ends for node in nodes]
        self.end_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(e) for e in ends], out=self.end_ptr[1:])
        self.end_rules = np.array([r for e in ends for r in e], dtype=np.int64)
        self.has_ends = np.diff(self.end_ptr) > 0
        gaps.sort()
        self.gap_ptr = np.searchsorted(np.array([g[0] for g in gaps], dtype=np.int64), np.arange(n + 1))
        self.gap_lo, self.gap_hi, self.gap_sub = (np.array([g[k] for g in gaps], dtype=np.int64) for k in (1, 2, 3))
        self.root_has = self.root_hi > self.root_lo
        self.root_single = not (self.root_hi - self.root_lo > 1).any()
        self.has_gaps = np.diff(self.gap_ptr) > 0
        # a 64-bit filter of each node's child words (bit ``word % 63``): a state whose next token
        # is not in it (and that has no gap, no lemma child, no skippable next token) dies in the
        # next step anyway. Bit 63 is set in every node and in the bits of a skippable token; a
        # node with gaps or lemma children lets every token through (see :meth:`_token_bits`).
        open_ = self.has_gaps.copy()
        for a, _, _ in lemma:
            open_[a] = True
        bloom = [_SKIP_BIT] * n
        for a, w, _ in edges:
            bloom[a] |= 1 << (w % 63)
        self.bloom = np.array(bloom, dtype=np.uint64)
        self.bloom[open_] = np.uint64(_ALL_BITS)
        self.skips = bool(trie.skip or trie.skip_pairs)
        self.empty = not trie.root.index
        # the first step by word: whether a child of the root for it ends a rule, and the union of
        # their filters (a token none of whose states could end or go on starts none)
        self.first_ends = np.zeros(self.n_keys, dtype=bool)
        first_bloom = [0] * self.n_keys
        for a, w, c in edges:
            if a == 0:
                self.first_ends[w] |= bool(self.has_ends[c])
                first_bloom[w] |= int(self.bloom[c])
        self.first_bloom = np.array(first_bloom, dtype=np.uint64)

    @staticmethod
    def _table(edges: list[tuple[int, int, int]], width: int):
        """Edges ``(node, word, child)`` as a hash index on ``node * width + word`` -> child range."""
        edges.sort()
        keys = [a * width + w for a, w, _ in edges]
        distinct = sorted(set(keys))
        lo = np.searchsorted(np.array(keys, dtype=np.int64), np.array(distinct, dtype=np.int64), "left")
        hi = np.searchsorted(np.array(keys, dtype=np.int64), np.array(distinct, dtype=np.int64), "right")
        return HashIndex(distinct), lo, hi, np.array([c for _, _, c in edges], dtype=np.int64), len(edges)

    @staticmethod
    def _children(table, nodes: np.ndarray, words: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
        """``(owner, child)``: for each state ``owner`` (an index into ``nodes``), its children."""
        index, lo, hi, _, size = table
        if not size or not len(nodes):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        found = index.lookup((nodes * width + words).astype(np.uint64))
        have = np.flatnonzero(found >= 0)
        owner, k = ranges(lo[found[have]], hi[found[have]])
        return have[owner], k

    def find(self, low: np.ndarray, limit: np.ndarray, lemma: np.ndarray | None, index: np.ndarray | None = None):
        empty = np.zeros(0, dtype=np.int64)
        if not len(low) or self.empty:
            return empty, empty, empty
        if index is None:
            index = self.words.index(low)
        flags = self.words.values[index]
        bit = self.words.bit
        stops = SortedRank(np.flatnonzero(flags & bit["stop"]), len(low))
        skip = None
        if self.skips:
            skip = (flags & bit["skip"]) > 0
            pair, _ = self.words.pair_hits(low, flags, limit, index)
            skip[pair] = True
            skip[pair + 1] = True
        lwords = None
        if lemma is not None and len(self.lemma_keys):
            pos = np.searchsorted(self.lemma_keys, lemma)
            pos[pos == len(self.lemma_keys)] = 0
            pos[self.lemma_keys[pos] != lemma] = len(self.lemma_keys)
            lwords = pos
        bits = self._token_bits(index, skip)
        out_s, out_e, out_r = [], [], []
        # the first step, from the root, for every token
        if lwords is None:  # only from the tokens whose word may end a rule or go on (by word)
            go_on = ((self.first_bloom[index] & bits[1:]) != 0) & (np.arange(1, len(index) + 1) < limit)
            start, j, node = self._first_step(index, None, np.flatnonzero(self.first_ends[index] | go_on))
        else:
            start, j, node = self._first_step(index, lwords)
        keep = self.has_ends[node] | ((j < limit[start]) & self._viable(node, j, bits))
        start, j, node = start[keep], j[keep], node[keep]
        skipped = np.zeros(len(start), dtype=np.int64)
        can_end = np.ones(len(start), dtype=bool)
        while len(start):
            emit = np.flatnonzero(can_end & self.has_ends[node])
            if len(emit):
                owner, k = ranges(self.end_ptr[node[emit]], self.end_ptr[node[emit] + 1])
                out_s.append(start[emit][owner])
                out_e.append(j[emit][owner])
                out_r.append(self.end_rules[k])
            live = (j < limit[start]) & self._viable(node, j, bits)
            if not live.all():
                start, j, node, skipped = start[live], j[live], node[live], skipped[live]
            if not len(start):
                break
            parts = []
            s2, j2, n2 = self._step(j, node, index, lwords, start)
            parts.append((s2, j2, n2, np.zeros(len(s2), dtype=np.int64), np.ones(len(s2), dtype=bool)))
            gapped = np.flatnonzero(self.has_gaps[node])
            if len(gapped):
                parts.append(self._gaps(start[gapped], j[gapped], node[gapped], limit, stops, bits))
            if skip is not None:
                go = skip[j] & (skipped < MAX_SKIP) & (j + 1 < limit[start])
                if go.any():
                    parts.append((start[go], j[go] + 1, node[go], skipped[go] + 1, np.zeros(int(go.sum()), dtype=bool)))
            start, j, node, skipped, can_end = (np.concatenate(col) for col in zip(*parts, strict=True))
        if not out_s:
            return empty, empty, empty
        return np.concatenate(out_s), np.concatenate(out_e), np.concatenate(out_r)

    def _first_step(self, index: np.ndarray, lwords: np.ndarray | None, cand: np.ndarray | None = None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The states after the first token of a match, for every token (the root's children), or
        for the tokens ``cand`` only (sorted; by LOWER only)."""
        if cand is None:
            cand = np.flatnonzero(self.root_has[index])
        words = index[cand]
        if self.root_single:  # one child per word: no range expansion
            start, k = cand, self.root_lo[words]
        else:  # every child of each token's word
            owner, k = ranges(self.root_lo[words], self.root_hi[words])
            start = cand[owner]
        s, jj, child = start, start + 1, self.lower[3][k]
        if lwords is not None:
            j = np.arange(len(index), dtype=np.int64)
            owner, k = self._children(self.lemma, np.zeros(len(j), dtype=np.int64), lwords, len(self.lemma_keys) + 1)
            if len(owner):
                s = np.concatenate([s, j[owner]])
                jj = np.concatenate([jj, j[owner] + 1])
                child = np.concatenate([child, self.lemma[3][k]])
        return s, jj, child

    def _step(self, j: np.ndarray, node: np.ndarray, index: np.ndarray, lwords: np.ndarray | None,
              start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The states one token on: ``(start, j + 1, child)`` for every child matching token ``j``."""
        if start is None:
            start = j
        owner, k = self._children(self.lower, node, index[j], self.n_keys)
        s, jj, child = start[owner], j[owner] + 1, self.lower[3][k]
        if lwords is not None:
            owner, k = self._children(self.lemma, node, lwords[j], len(self.lemma_keys) + 1)
            if len(owner):
                s = np.concatenate([s, start[owner]])
                jj = np.concatenate([jj, j[owner] + 1])
                child = np.concatenate([child, self.lemma[3][k]])
        return s, jj, child

    def _token_bits(self, index: np.ndarray, skip: np.ndarray | None) -> np.ndarray:
        """Per token, its bit in the nodes' filters (bit 63 too when it is skippable), and a
        last entry for the position after the last token (callers mask it out by ``limit``)."""
        bits = np.zeros(len(index) + 1, dtype=np.uint64)
        np.take(self.word_bits, index, out=bits[:-1])
        if skip is not None:
            bits[:-1][skip] |= np.uint64(_SKIP_BIT)
        return bits

    def _viable(self, node: np.ndarray, j: np.ndarray, bits: np.ndarray) -> np.ndarray:
        """Whether states at ``node`` before token ``j`` may go on: a child word may match token
        ``j`` (by the node's filter), or the node has gaps or lemma children, or ``j`` is
        skippable (``bits``: :meth:`_token_bits`)."""
        return (self.bloom[node] & bits[j]) != 0

    def _gaps(self, start, j, node, limit, stops, bits):
        """States after a gap of ``lo..hi`` tokens (none of which is a stop token) that may go on.

        A gap from token ``j`` may take ``k`` tokens for every ``lo <= k <= hi`` that leaves a
        token to match (``j + k`` before the Doc's end) and crosses no stop token (the first at
        or after ``j``, from the positions ``stops``, lies at ``j + k`` or later): one
        range of ``k`` per state and gap, expanded at once."""
        owner, g = ranges(self.gap_ptr[node], self.gap_ptr[node + 1])
        start, j = start[owner], j[owner]
        sub = self.gap_sub[g]
        next_stop = np.append(stops.values, len(bits))[stops.left(j)]  # past the end: none
        most = np.minimum(np.minimum(self.gap_hi[g], limit[start] - 1 - j), next_stop - j)
        which, at = ranges(j + self.gap_lo[g], j + most + 1)
        go = self._viable(sub[which], at, bits)
        s = start[which[go]]
        return s, at[go], sub[which[go]], np.zeros(len(s), dtype=np.int64), np.zeros(len(s), dtype=bool)
