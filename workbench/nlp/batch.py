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
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START
from spacy.tokens import Doc

__all__ = ["TokenBatch", "WordFlags", "HashIndex", "batches", "get_ext", "set_ext", "shared_batch", "ranges"]

_EXT = "._."
_SHARED: dict[int, TokenBatch] = {}
_EMPTY = np.zeros((0, 3), dtype=np.uint64)
_ATTRS = [LOWER, IDX, LENGTH]
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


class TokenBatch:
    """LOWER hashes and sentence bounds of a batch of Docs, as flat arrays.

    Attributes
    ----------
    low : ndarray of uint64
        LOWER hashes of all tokens, Doc after Doc.
    idx, length : ndarray of int64
        Character offset (in its Doc) and length of every token.
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
    """

    __slots__ = ("refs", "lens", "low", "idx", "length", "offsets", "limit", "sent_starts", "sent_ends",
                 "sent_offsets", "cues", "tags", "__weakref__")

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.refs = [weakref.ref(doc) for doc in docs]
        self.lens = [len(doc) for doc in docs]
        arrays = [doc.to_array(_ATTRS) if n else _EMPTY for doc, n in zip(docs, self.lens, strict=True)]
        both = np.concatenate(arrays) if arrays else _EMPTY
        self.low = np.ascontiguousarray(both[:, 0])
        self.idx = both[:, 1].astype(np.int64)
        self.length = both[:, 2].astype(np.int64)
        lens = np.array(self.lens, dtype=np.int64)
        self.offsets = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=self.offsets[1:])
        self.limit = np.repeat(self.offsets[1:], lens)
        self.sent_starts = self.sent_ends = self.sent_offsets = None
        self.cues = self.tags = None

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

    def char_span(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Character offsets (within their Docs) of the token spans ``[starts, ends)`` (non-empty)."""
        return self.idx[starts], self.idx[ends - 1] + self.length[ends - 1]

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        """The Doc index of global token positions."""
        return np.searchsorted(self.offsets, positions, side="right") - 1

    def sentence_of(self, positions: np.ndarray) -> np.ndarray:
        """The sentence index of global token positions."""
        return np.searchsorted(self.sent_starts, positions, side="right") - 1

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
    """

    def __init__(self, keys: Sequence[int]) -> None:
        bits = max(4, (4 * max(len(keys), 1) - 1).bit_length())
        size = 1 << bits
        self.shift = np.uint64(64 - bits)
        self.mask = np.uint64(size - 1)
        table_keys = [0] * size
        table_values = [-1] * size
        self.probes = 1
        for i, key in enumerate(keys):
            slot = ((int(key) * _MULT) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)
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
        slot = (query * np.uint64(_MULT)) >> self.shift
        found = self.values[slot]
        hit = self.keys[slot] == query
        out = np.where(hit, found, -1)
        pending = np.flatnonzero(~hit & (found >= 0))
        probe = 1
        while len(pending) and probe < self.probes:
            where = (slot[pending] + np.uint64(probe)) & self.mask
            found = self.values[where]
            hit = self.keys[where] == query[pending]
            out[pending[hit]] = found[hit]
            pending = pending[~hit & (found >= 0)]
            probe += 1
        return out


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
        self._index = HashIndex(keys)
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

    def pair_flags(self, low: np.ndarray, flags: np.ndarray, limit: np.ndarray) -> np.ndarray:
        """Per token: the bits of the pair classes whose two words start at it (within one Doc)."""
        out = np.zeros(len(low), dtype=np.int64)
        cand = np.flatnonzero(flags & self.pair_first)
        if not len(cand) or not self._pair_keys:
            return out
        cand = cand[cand + 1 < limit[cand]]
        width = len(self.keys) + 1
        found = self._pair_index.lookup(self.index(low[cand]) * width + self.index(low[cand + 1]))
        hit = found >= 0
        out[cand[hit]] = self._pair_values[found[hit]]
        return out
