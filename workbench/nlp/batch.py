"""Token arrays of a whole ``nlp.pipe`` batch, shared by the tagger's components.

The components (``journey_sentencizer``, ``journey_cues``, ``journey_negation``,
``journey_phase``) work on a batch of Docs at once: the LOWER hashes of all tokens in one
array, the sentence bounds as arrays of global token positions, and word classes as bit flags
looked up with one ``searchsorted``. The first component builds a :class:`TokenBatch`; the
next ones reuse it when they receive exactly the same Docs (same objects, same lengths) and
otherwise build their own from the Docs (so each component also works alone or after other
components). Nothing of it is stored on the Docs: the batch keeps weak references only.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START, SPACY
from spacy.tokens import Doc

__all__ = ["TokenBatch", "SortedRank", "WordFlags", "SharedWords", "HashIndex", "batches", "get_ext", "set_ext", "shared_batch", "ranges",
           "lexsort"]

_EXT = "._."
_SHARED: dict[int, TokenBatch] = {}
_EMPTY = np.zeros((0, 3), dtype=np.uint64)
_ATTRS = [LOWER, IDX, LENGTH]
_ATTRS_WS = [LOWER, IDX, SPACY]  # lengths from the next token's offset (cheaper than LENGTH)
_MULT = 0x9E3779B97F4A7C15  # Fibonacci hashing: slot = (key * _MULT mod 2**64) >> shift


def get_ext(doc: Doc, name: str):
    """``doc._.<name>`` read straight from ``doc.user_data`` (where spaCy keeps extension values)."""
    return doc.user_data.get((_EXT, name, None, None))


def set_ext(doc: Doc, name: str, value) -> None:
    """Set ``doc._.<name>`` (an extension registered with a default) without the ``Underscore`` object."""
    doc.user_data[(_EXT, name, None, None)] = value


def batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """Lists of up to ``size`` Docs, pulled lazily from ``docs``."""
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand ``[lo[i], hi[i])`` ranges: ``(owner, value)`` arrays, owner ``i`` once per value."""
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(counts)), counts)
    if not total:
        return owner, np.zeros(0, dtype=np.int64)
    firsts = np.cumsum(counts) - counts
    return owner, np.repeat(lo - firsts, counts) + np.arange(total)


def lexsort(keys: Sequence[np.ndarray]) -> np.ndarray:
    """``np.lexsort(keys)`` (the last key sorts first, ties keep their order) of integer keys.

    Non-negative keys whose ranges multiply to less than 2**62 are packed into one int64 (mixed
    radix, the last key most significant) and sorted by one stable ``argsort``: the same order,
    many times faster than ``np.lexsort``, which compares key by key. Other keys go to ``np.lexsort``.
    """
    keys = [np.asarray(key) for key in keys]
    if not len(keys) or not len(keys[0]) or any(key.dtype.kind not in "biu" for key in keys):
        return np.lexsort(keys)
    packed, scale = np.zeros(len(keys[0]), dtype=np.int64), 1
    for key in keys:
        low, high = int(key.min()), int(key.max())
        if low < 0 or scale * (high + 1) >= 1 << 62:
            return np.lexsort(keys)
        packed += key.astype(np.int64) * scale
        scale *= high + 1
    return np.argsort(packed, kind="stable")


class SortedRank:
    """``np.searchsorted`` of a sorted integer array whose values lie in ``0..n``, by table.

    For the many unsorted queries of the tagger's rules a binary search each is slow; a table
    of the number of values before every position (built once, ``n + 2`` entries) answers each
    query with one gather, exactly as ``searchsorted`` would for any integer query.
    """

    __slots__ = ("values", "n", "_before")

    def __init__(self, values: np.ndarray, n: int) -> None:
        self.values, self.n = values, n
        self._before: np.ndarray | None = None

    def _table(self) -> np.ndarray:
        if self._before is None:  # _before[y]: how many values are below y (y = 0 .. n + 1)
            values = self.values
            if len(values) < 2 or (values[1:] > values[:-1]).all():  # distinct: marked, then counted
                before = np.zeros(self.n + 2, dtype=np.int64)  # (~10x faster than a bincount of few values)
                before[values + 1] = 1
                self._before = np.cumsum(before, out=before)
            else:
                self._before = np.cumsum(np.bincount(values + 1, minlength=self.n + 2))
        return self._before

    def left(self, x: np.ndarray) -> np.ndarray:
        """``np.searchsorted(values, x)``: per query, how many values are below it."""
        return self._table().take(x, mode="clip")  # queries clipped to 0 .. n + 1 (faster than np.clip and a gather)

    def right(self, x: np.ndarray) -> np.ndarray:
        """``np.searchsorted(values, x, side="right")``: how many values are at most it."""
        return self._table().take(np.asarray(x) + 1, mode="clip")


class TokenBatch:
    """LOWER hashes and sentence bounds of a batch of Docs, as flat arrays.

    Attributes
    ----------
    low : ndarray of uint64
        LOWER hashes of all tokens, Doc after Doc.
    idx, length : ndarray of int64
        Character offset (in its Doc) and length of every token. With ``text_lengths`` (the
        length of each Doc's text) the lengths come from the offsets and trailing spaces.
    offsets : ndarray of int64
        ``offsets[d]:offsets[d + 1]`` are the tokens of Doc ``d``.
    limit : ndarray of int64
        Per token: the end of its Doc (global position).
    sent_starts, sent_ends : ndarray of int64
        Global token bounds of the sentences, Doc after Doc (an empty Doc has one empty sentence).
    sent_offsets : ndarray of int64
        ``sent_offsets[d]:sent_offsets[d + 1]`` are the sentences of Doc ``d``.
    cues, tags : object
        Results left by ``journey_cues`` and ``journey_negation`` for the next components.
    others : ndarray of bool or None
        Per sentence: it tells someone else's story (left by ``journey_negation`` for ``journey_phase``).
    """

    __slots__ = ("refs", "lens", "low", "idx", "length", "offsets", "limit", "sent_starts", "sent_ends",
                 "sent_offsets", "cues", "tags", "others", "indexes", "_doc_rank", "_sent_rank", "__weakref__")

    def __init__(self, docs: Sequence[Doc], text_lengths: Sequence[int] | None = None) -> None:
        self.refs = [weakref.ref(doc) for doc in docs]
        lens = [len(doc) for doc in docs]
        attrs = _ATTRS if text_lengths is None else _ATTRS_WS
        arrays = [doc.to_array(attrs) if n else _EMPTY for doc, n in zip(docs, lens, strict=True)]
        self._fill(np.concatenate(arrays) if arrays else _EMPTY, lens, text_lengths)

    @classmethod
    def from_arrays(cls, rows: np.ndarray, lens: Sequence[int], text_lengths: Sequence[int]) -> TokenBatch:
        """A batch without Docs: ``rows`` holds the LOWER, IDX (within its text) and SPACY values
        of all tokens, text after text; ``lens`` the token count of each text."""
        batch = cls.__new__(cls)
        batch.refs = []
        batch._fill(rows, lens, text_lengths)
        return batch

    def _fill(self, both: np.ndarray, lens: Sequence[int], text_lengths: Sequence[int] | None) -> None:
        self.lens = list(lens)
        self.low = np.ascontiguousarray(both[:, 0])
        self.idx = both[:, 1].astype(np.int64)
        lens = np.array(self.lens, dtype=np.int64)
        self.offsets = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=self.offsets[1:])
        if text_lengths is None:
            self.length = both[:, 2].astype(np.int64)
        else:  # a token ends where the next one starts, less its trailing space (the last: at the text's end)
            ends = np.empty_like(self.idx)
            ends[:-1] = self.idx[1:]
            filled = lens > 0
            ends[self.offsets[1:][filled] - 1] = np.asarray(text_lengths, dtype=np.int64)[filled]
            self.length = ends - both[:, 2].astype(np.int64) - self.idx
        self.limit = np.repeat(self.offsets[1:], lens)
        self.sent_starts = self.sent_ends = self.sent_offsets = None
        self.cues = self.tags = self.others = None
        self.indexes: dict[WordFlags, np.ndarray] = {}
        self._doc_rank = self._sent_rank = None

    @classmethod
    def from_docs(cls, docs: Sequence[Doc]) -> TokenBatch:
        """A batch with the sentence bounds the Docs carry (the whole Doc when none are set)."""
        batch = cls(docs)
        starts = []
        for doc, n, base in zip(docs, batch.lens, batch.offsets.tolist(), strict=False):
            if n > 1 and doc.has_annotation("SENT_START"):
                flags = doc.to_array(SENT_START)
                flags[0] = 1
                starts.append(np.flatnonzero(flags == 1) + base)
            else:
                starts.append(np.array([base], dtype=np.int64))
        batch.set_sentences(np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64),
                            np.array([len(s) for s in starts], dtype=np.int64))
        return batch

    def set_sentences(self, starts: np.ndarray, per_doc: np.ndarray) -> None:
        """Sentence starts (global, sorted, each Doc's first token included) and their count per Doc."""
        self.sent_starts = starts.astype(np.int64, copy=False)
        self.sent_offsets = np.zeros(len(per_doc) + 1, dtype=np.int64)
        np.cumsum(per_doc, out=self.sent_offsets[1:])
        ends = np.empty_like(self.sent_starts)
        if len(ends):
            ends[:-1] = self.sent_starts[1:]
            last = self.sent_offsets[1:][per_doc > 0] - 1
            ends[last] = self.offsets[1:][per_doc > 0]
        self.sent_ends = ends
        self._sent_rank = None

    def word_index(self, words: WordFlags) -> np.ndarray:
        """``words.index(low)``, looked up once per batch (or given by :class:`SharedWords`)."""
        index = self.indexes.get(words)
        if index is None:
            index = self.indexes[words] = words.index(self.low)
        return index

    def char_span(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets (within their Docs) of the token spans ``[starts, ends)`` (non-empty)."""
        return self.idx[starts], self.idx[ends - 1] + self.length[ends - 1]

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """The Doc index of global token positions."""
        if self._doc_rank is None:
            self._doc_rank = SortedRank(self.offsets, len(self.low))
        return self._doc_rank.right(positions) - 1

    def sentence_of(self, positions: np.ndarray) -> np.ndarray:
        """The sentence index of global token positions."""
        if self._sent_rank is None:
            self._sent_rank = SortedRank(self.sent_starts, len(self.low))
        return self._sent_rank.right(positions) - 1

    def share(self) -> TokenBatch:
        """Offer this batch to the next components of the pipeline."""
        if len(_SHARED) > 32:
            _SHARED.clear()
        if self.refs:
            doc = self.refs[0]()
            if doc is not None:
                _SHARED[id(doc.vocab)] = self
        return self


def shared_batch(docs: Sequence[Doc]) -> TokenBatch | None:
    """The batch an earlier component built for exactly these Docs, if any."""
    if not docs:
        return None
    batch = _SHARED.get(id(docs[0].vocab))
    if batch is None or len(batch.refs) != len(docs) or batch.sent_starts is None:
        return None
    for ref, doc, n in zip(batch.refs, docs, batch.lens, strict=True):
        if ref() is not doc or len(doc) != n:
            return None
    return batch


class HashIndex:
    """An open-addressing hash table from 64-bit keys to positions, looked up for whole arrays.

    Much faster than ``searchsorted`` for large query arrays: one gather and compare per probe
    round, and most queries (absent words) end in the first round.

    Parameters
    ----------
    keys : sequence of int
        Distinct keys (0 ≤ key < 2**64); key ``keys[i]`` maps to ``i``.
    mix : bool
        Scatter the keys with Fibonacci hashing (for structured keys such as small integers).
        Keys that are hashes already (spaCy's string hashes) are used as they are: their low
        bits are the slot, one operation less per look-up.
    """

    def __init__(self, keys: Sequence[int], mix: bool = True) -> None:
        factor = 4 if mix else 16
        bits = max(4, (factor * max(len(keys), 1) - 1).bit_length())
        size = 1 << bits
        self.mix = mix
        self.shift = np.uint64(64 - bits)
        self.mask = np.uint64(size - 1)
        table_keys = [0] * size
        table_values = [-1] * size
        self.probes = 1
        for i, key in enumerate(keys):
            if mix:
                slot = ((int(key) * _MULT) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)
            else:
                slot = int(key) & (size - 1)
            probe = 0
            while table_values[(slot + probe) & (size - 1)] >= 0:
                probe += 1
            table_keys[(slot + probe) & (size - 1)] = int(key)
            table_values[(slot + probe) & (size - 1)] = i
            self.probes = max(self.probes, probe + 1)
        self.keys = np.array(table_keys, dtype=np.uint64)
        self.values = np.array(table_values, dtype=np.int64)

    def lookup(self, query: np.ndarray) -> np.ndarray:
        """Per query key: its position in ``keys``, or -1."""
        query = query.astype(np.uint64, copy=False)
        if self.mix:
            slot = ((query * np.uint64(_MULT)) >> self.shift).view(np.int64)
        else:
            slot = (query & self.mask).view(np.int64)
        found = self.values[slot]
        hit = self.keys[slot] == query
        out = np.where(hit, found, -1)
        pending = np.flatnonzero(~hit & (found >= 0))
        probe = 1
        while len(pending) and probe < self.probes:
            where = (slot[pending] + probe) & int(self.mask)
            found = self.values[where]
            hit = self.keys[where] == query[pending]
            out[pending[hit]] = found[hit]
            pending = pending[~hit & (found >= 0)]
            probe += 1
        return out


class SharedWords:
    """One hash look-up per batch for the word indexes of several :class:`WordFlags`.

    The tokens are looked up in the union of their keys; each member's index is then a gather
    from a small table (the member's position of every union key).
    """

    def __init__(self, members: Sequence[WordFlags]) -> None:
        self.members = list(members)
        keys = np.unique(np.concatenate([m.keys for m in self.members])) if self.members else _EMPTY[:, 0]
        self.n_keys = len(keys)
        self._index = HashIndex(keys.tolist(), mix=False)
        self._remap = [np.append(m.index(keys), len(m.keys)) for m in self.members]

    def fill(self, batch: TokenBatch) -> None:
        """Set the word indexes of all members on ``batch`` (see :meth:`TokenBatch.word_index`)."""
        found = self._index.lookup(batch.low)
        found[found < 0] = self.n_keys
        for member, remap in zip(self.members, self._remap, strict=True):
            batch.indexes[member] = remap[found]


class WordFlags:
    """Bit flags of word classes, looked up for a whole token array at once.

    Parameters
    ----------
    classes : mapping of str to iterable of int
        Class name -> word hashes. Each class gets a bit (in insertion order).
    pairs : mapping of str to iterable of (int, int)
        Class name -> two-word sequences; :meth:`pair_flags` marks the first word of each.
    """

    def __init__(self, classes: Mapping[str, Iterable[int]],
                 pairs: Mapping[str, Iterable[tuple[int, int]]] | None = None) -> None:
        pairs = pairs or {}
        self.bit = {name: 1 << i for i, name in enumerate(classes)}
        table: dict[int, int] = {}
        for name, words in classes.items():
            for h in words:
                table[int(h)] = table.get(int(h), 0) | self.bit[name]
        self.pair_bit = {name: 1 << i for i, name in enumerate(pairs)}
        self.pairs = {name: frozenset((int(a), int(b)) for a, b in seq) for name, seq in pairs.items()}
        self.pair_first = 1 << len(self.bit)
        for a, b in (p for seq in self.pairs.values() for p in seq):
            table[a] = table.get(a, 0) | self.pair_first
            table.setdefault(b, 0)
        keys = sorted(table)
        self.keys = np.array(keys, dtype=np.uint64)
        self.values = np.array([table[k] for k in keys] + [0], dtype=np.int64)
        self._index = HashIndex(keys, mix=False)
        where = {k: i for i, k in enumerate(keys)}
        pair_bits: dict[int, int] = {}
        for name, seq in self.pairs.items():
            for a, b in seq:
                key = where[a] * (len(keys) + 1) + where[b]
                pair_bits[key] = pair_bits.get(key, 0) | self.pair_bit[name]
        self._pair_keys = sorted(pair_bits)
        self._pair_index = HashIndex(self._pair_keys)
        self._pair_values = np.array([pair_bits[k] for k in self._pair_keys], dtype=np.int64)

    def index(self, low: np.ndarray) -> np.ndarray:
        """Position of each hash in the sorted keys, ``len(keys)`` when absent."""
        pos = self._index.lookup(low)
        pos[pos < 0] = len(self.keys)
        return pos

    def flags(self, low: np.ndarray) -> np.ndarray:
        """Per token: the OR of the bits of its classes."""
        return self.values[self.index(low)]

    def pair_flags(self, low: np.ndarray, flags: np.ndarray, limit: np.ndarray,
                   index: np.ndarray | None = None) -> np.ndarray:
        """Per token: the bits of the pair classes whose two words start at it (within one Doc).

        ``index`` is :meth:`index` of ``low`` when the caller has it already.
        """
        out = np.zeros(len(low), dtype=np.int64)
        pos, bits = self.pair_hits(low, flags, limit, index)
        out[pos] = bits
        return out

    def pair_hits(self, low: np.ndarray, flags: np.ndarray, limit: np.ndarray,
                  index: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The sorted positions where a pair class's two words start (within one Doc), and its bits."""
        cand = np.flatnonzero(flags & self.pair_first) if self._pair_keys else np.zeros(0, dtype=np.int64)
        if not len(cand):
            return cand, np.zeros(0, dtype=np.int64)
        cand = cand[cand + 1 < limit[cand]]
        width = len(self.keys) + 1
        if index is None:
            first, second = self.index(low[cand]), self.index(low[cand + 1])
        else:
            first, second = index[cand], index[cand + 1]
        found = self._pair_index.lookup(first * width + second)
        hit = found >= 0
        return cand[hit], self._pair_values[found[hit]]
