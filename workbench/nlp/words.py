"""spaCy's tokenization of a batch of texts, memoized per word, as token arrays.

spaCy's tokenizer splits a text at whitespace first and tokenizes each whitespace-free piece (a
*word*: ``"duurde"``, ``"lang."``, ``"(zo'n"``) on its own, with prefix, suffix and infix rules
and special cases. A text whose words are separated by single spaces is therefore tokenized
exactly as its words one after the other, each word's last token followed by a space -- with
one exception: spaCy's doc-level special-case matcher (``Tokenizer._special_matcher``) could
match a special case's affix tokens across a space (``"A.u.b"`` ending one word, ``"."``
starting the next). :class:`WordTokenizer` keeps, per distinct word, the LOWER hashes and
offsets of the tokens spaCy gives it (asked once per word, with the pipeline's own
tokenizer), and puts a batch together from them with array operations, without making Docs.

A batch's words are recognised by a 64-bit hash of their characters, computed for all words
at once from running sums over the batch's code points (:func:`word_hashes`), and looked up in a
table of the known words' hashes (:class:`_HashTable`) -- no Python string per word. That is
the trust spaCy's own tokenizer places in a 64-bit hash (its cache of tokenized words is keyed
by one); two known words with one hash switch the hashes off, and words longer than
:data:`MAX_HASHED` characters (where polynomial hashes can be made to collide) and words not
known yet are looked up by their string.

Texts it cannot compose exactly go to spaCy's tokenizer as they are: a text with whitespace
other than single spaces (line breaks, tabs, double spaces, whitespace at an edge), and a text
where two neighbouring words could meet in a special case (the last token of one and the first
of the next are neighbours in some special case's affix tokens). The result is the same as
``tokenizer(text).to_array([LOWER, IDX, SPACY])`` for every text (tested on the evaluation
and development sets, the demo studies and edge cases).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.attrs import IDX, LOWER, ORTH, SPACY
from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab

__all__ = ["WordTokenizer", "tokenize_each", "word_hashes", "MAX_HASHED"]

MAX_HASHED = 64  # longer words are looked up by their string
_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_LENGTH_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_POWERS: list[np.ndarray] = [np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64)]  # _BASE**t, _BASE**-t

_ROWS = [LOWER, IDX, SPACY]
_WORD_ROWS = [LOWER, IDX, ORTH]
_NO_ROWS = np.zeros((0, 3), dtype=np.uint64)
_SETTINGS = ("rules", "prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")


def _settings(tokenizer: Tokenizer) -> tuple:
    """What a tokenizer's output depends on (compared by identity, so a change is noticed)."""
    return (tokenizer.rules, len(tokenizer.rules), tokenizer.prefix_search, tokenizer.suffix_search,
            tokenizer.infix_finditer, tokenizer.token_match, tokenizer.url_match)


def tokenize_each(tokenizer, texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
    """``(rows, lens)`` of ``texts`` from a Doc per text: LOWER, IDX and SPACY of every token,
    and the token count of each text (any tokenizer that returns Docs)."""
    arrays = [tokenizer(t).to_array(_ROWS) if t else _NO_ROWS for t in texts]
    return (np.concatenate(arrays) if arrays else _NO_ROWS), [len(a) for a in arrays]


def special_pairs(tokenizer: Tokenizer) -> set[tuple[int, int]]:
    """ORTH hash pairs of neighbouring tokens in the special cases' affix tokenizations.

    spaCy's doc-level special-case matcher looks for exactly these token sequences (the
    tokenization of a special case without special cases); a match across a space needs such
    a pair at the space. A superset of the matcher's phrases is taken (every rule).
    """
    affixes = Tokenizer(Vocab(), rules={}, prefix_search=tokenizer.prefix_search,
                        suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                        token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    pairs = set()
    for rule in tokenizer.rules:
        orths = affixes(rule).to_array(ORTH).tolist()
        pairs.update(zip(orths[:-1], orths[1:], strict=True))
    return pairs


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``_BASE**t`` and its inverse modulo 2**64 for ``t < n`` (kept, grown by doubling)."""
    if len(_POWERS[0]) < n:
        size = 1 << (n - 1).bit_length()
        out = []
        for base in (_BASE, pow(_BASE, -1, 1 << 64)):
            p = np.full(size, base, dtype=np.uint64)
            p[0] = 1
            out.append(np.cumprod(p, out=p))  # integer arrays wrap: modulo 2**64
        _POWERS[:] = out
    return _POWERS[0], _POWERS[1]


def word_hashes(units: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each word ``units[starts[i]:ends[i]]`` (code points), all at once.

    The polynomial ``sum(u[t] * B**t)`` of a word's characters (modulo 2**64) is the difference
    of two running sums over the whole string, moved to the word's start by ``B**-start``;
    the word's length is mixed in. The same word gives the same hash wherever it stands."""
    power, inverse = _powers(len(units) + 1)
    running = np.empty(len(units) + 1, dtype=np.uint64)
    running[0] = 0
    # in place: no temporaries as long as the text
    np.multiply(units, power[:len(units)], out=running[1:])
    np.cumsum(running[1:], out=running[1:])
    return ((running[ends] - running[starts]) * inverse[starts]) ^ ((ends - starts).astype(np.uint64) * _LENGTH_MIX)


class _HashTable:
    """Distinct 64-bit hashes -> their positions, built and looked up with array operations:
    buckets by the top bits (about four per key), a bucket's keys side by side."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        bits = max(4, (4 * max(len(keys), 1) - 1).bit_length())
        self.shift = np.uint64(64 - bits)
        slot = (keys >> self.shift).astype(np.int64)
        order = np.argsort(slot, kind="stable")
        self.keys = np.append(keys[order], np.uint64(0))  # one more: an empty bucket may point past the last
        self.values = np.append(values[order], -1)
        self.start = np.searchsorted(slot[order], np.arange((1 << bits) + 1))
        self.depth = int(np.bincount(slot).max()) if len(keys) else 0

    def lookup(self, query: np.ndarray) -> np.ndarray:
        """Per query: its value, or -1."""
        bucket = (query >> self.shift).astype(np.int64)
        at, end = self.start[bucket], self.start[bucket + 1]
        hit = (self.keys[at] == query) & (at < end)  # a bucket's first key (most buckets hold one)
        out = np.where(hit, self.values[at], -1)
        pending = np.flatnonzero(~hit & (at + 1 < end))
        for k in range(1, self.depth):
            probe = at[pending] + k
            hit = self.keys[probe] == query[pending]
            out[pending[hit]] = self.values[probe[hit]]
            pending = pending[~hit & (probe + 1 < end[pending])]
            if not len(pending):
                break
        return out


class WordTokenizer:
    """The token arrays of texts, from spaCy's tokenization of each distinct word (kept).

    Parameters
    ----------
    tokenizer : spacy.tokenizer.Tokenizer
        The pipeline's tokenizer (``nlp.tokenizer``); asked once per new word.
    max_words : int
        Distinct words kept at most; past it the memory starts afresh (bounded memory).
    """

    @staticmethod
    def supports(tokenizer) -> bool:
        """Whether ``tokenizer`` works like spaCy's (rules and affix settings) so words compose."""
        return all(hasattr(tokenizer, name) for name in _SETTINGS)

    def __init__(self, tokenizer: Tokenizer, max_words: int = 250_000) -> None:
        self.tokenizer = tokenizer
        self.max_words = max_words
        self._reset()

    def _reset(self) -> None:
        self._state = _settings(self.tokenizer)
        pairs = special_pairs(self.tokenizer)
        self._pairs = pairs
        self._pair_first = {a for a, _ in pairs}
        self._pair_second = {b for _, b in pairs}
        self.ids: dict[str, int] = {}
        self._sizes: list[int] = []  # token count per word
        self._flags: list[int] = []  # per word: 1 odd (whitespace or empty), 2 may end a pair, 4 may start one
        self._last: list[int] = []  # ORTH of each word's last token (for the exact pair check)
        self._first: list[int] = []
        self.rows = np.zeros((0, 2), dtype=np.uint64)
        self._columns = np.zeros((2, 0), dtype=np.uint64)
        self.ptr = np.zeros(1, dtype=np.int64)
        self.flags = np.zeros(0, dtype=np.uint8)
        self._hashes = np.zeros(0, dtype=np.uint64)  # per word: its word_hashes value ...
        self._hashed = np.zeros(0, dtype=bool)  # ... when known
        self._table: _HashTable | None = None  # the hashes known when it was built
        self._in_table = 0
        self._hashing = True  # False once two known words share a hash
        self._generation = getattr(self, "_generation", 0) + 1

    def _remember(self, ids: np.ndarray, hashes: np.ndarray) -> None:
        """Keep the hashes of the words ``ids``; rebuild the table of known hashes once a
        quarter more words than it holds have one (words not in it yet go by string)."""
        grow = len(self.ids) - len(self._hashes)
        if grow > 0:
            self._hashes = np.concatenate([self._hashes, np.zeros(grow, dtype=np.uint64)])
            self._hashed = np.concatenate([self._hashed, np.zeros(grow, dtype=bool)])
        self._hashes[ids], self._hashed[ids] = hashes, True
        known = np.flatnonzero(self._hashed)
        if self._table is not None and len(known) - self._in_table <= max(256, self._in_table // 4):
            return
        if len(np.unique(self._hashes[known])) < len(known):  # two words, one hash: by string from now on
            self._hashing, self._table = False, None
        else:
            self._table, self._in_table = _HashTable(self._hashes[known], known), len(known)

    def _add(self, words: list[str]) -> None:
        """Tokenize new words with spaCy and append them to the tables."""
        parts = []
        for word in words:
            self.ids[word] = len(self.ids)
            if not word or word.split() != [word]:  # empty, or holds whitespace: never composed
                arr = _NO_ROWS
                self._flags.append(1)
                self._first.append(0)
                self._last.append(0)
            else:
                arr = self.tokenizer(word).to_array(_WORD_ROWS)
                first, last = int(arr[0, 2]), int(arr[-1, 2])
                self._flags.append(2 * (last in self._pair_first) + 4 * (first in self._pair_second))
                self._first.append(first)
                self._last.append(last)
            parts.append(arr[:, :2])
            self._sizes.append(len(arr))
        self.rows = np.concatenate([self.rows, *parts])
        self._columns = np.ascontiguousarray(self.rows.T)  # LOWER and IDX as rows: a gather per column
        self.ptr = np.zeros(len(self._sizes) + 1, dtype=np.int64)
        np.cumsum(self._sizes, out=self.ptr[1:])
        self.flags = np.array(self._flags, dtype=np.uint8)

    def word_ids(self, words: list[str]) -> np.ndarray:
        """The table index of every word (new words are tokenized and added)."""
        get = self.ids.get
        ids = [get(w, -1) for w in words]
        if -1 in ids:
            new = list(dict.fromkeys(w for w, i in zip(words, ids, strict=True) if i == -1))
            if len(self.ids) + len(new) > self.max_words:  # start afresh with this batch's words
                self._reset()
                get = self.ids.get
                new = list(dict.fromkeys(words))
            self._add(new)
            ids = [get(w) for w in words]
        return np.fromiter(ids, dtype=np.int64, count=len(ids))

    def _word_ids(self, joined: str, units: np.ndarray, word_start: np.ndarray, word_end: np.ndarray) -> np.ndarray:
        """The table index of every word of ``joined`` (new words are tokenized and added): by
        its hash when the table of hashes has it, otherwise by its string."""
        if not self._hashing:
            return self.word_ids(joined.split(" "))
        hashes = word_hashes(units, word_start, word_end)
        short = (word_end - word_start) <= MAX_HASHED
        ids = self._table.lookup(hashes) if self._table is not None else np.full(len(hashes), -1, dtype=np.int64)
        ids[~short] = -1
        miss = np.flatnonzero(ids < 0)
        if not len(miss):
            return ids
        generation = self._generation
        if len(miss) == len(ids):
            ids = self.word_ids(joined.split(" "))
        else:
            ids[miss] = self.word_ids([joined[a:b] for a, b in zip(word_start[miss].tolist(), word_end[miss].tolist(),
                                                                   strict=True)])
            if self._generation != generation:  # the memory started afresh: the ids by hash are void
                ids, miss = self.word_ids(joined.split(" ")), np.arange(len(ids))
        miss = miss[short[miss]]
        self._remember(ids[miss], hashes[miss])
        return ids

    def __call__(self, texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """``(rows, lens)``: LOWER, IDX and SPACY of every token, text after text, and the
        token count of each text -- as spaCy's tokenizer gives them."""
        n = len(texts)
        if not n:
            return _NO_ROWS, []
        joined = " ".join(texts)
        if self._state != _settings(self.tokenizer):
            self._reset()
        # where each word and text starts in ``joined`` (code points: UTF-32 units)
        units = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        spaces = np.flatnonzero(units == 32)
        n_words = len(spaces) + 1
        word_start = np.empty(n_words, dtype=np.int64)
        word_start[0] = 0
        word_start[1:] = spaces + 1
        ids = self._word_ids(joined, units, word_start, np.append(spaces, len(units)))
        text_start = np.zeros(n, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=n)[:-1] + 1, out=text_start[1:])
        first_word = np.searchsorted(word_start, text_start)
        counts = np.diff(first_word, append=n_words)
        owner = np.repeat(np.arange(n), counts)  # the text of each word
        last_word = np.zeros(n_words, dtype=bool)
        last_word[first_word[1:] - 1] = True
        last_word[-1] = True
        # texts spaCy's tokenizer has to do itself
        flags = self.flags[ids]
        bad = np.zeros(n, dtype=bool)
        bad[owner[(flags & 1) > 0]] = True
        meet = np.flatnonzero(((flags[:-1] & 2) > 0) & ((flags[1:] & 4) > 0) & ~last_word[:-1])
        for k in meet.tolist():
            if (self._last[ids[k]], self._first[ids[k + 1]]) in self._pairs:
                bad[owner[k]] = True
        # the tokens of every word, placed in its text
        lo = self.ptr[ids]
        sizes = self.ptr[ids + 1] - lo
        ends = np.cumsum(sizes)
        n_tokens = int(ends[-1])
        k = np.repeat(lo - (ends - sizes), sizes) + np.arange(n_tokens)
        word_start -= text_start[owner]
        # built column by column (a row per attribute), handed out as its transpose: (token, attribute)
        columns = np.empty((3, n_tokens), dtype=np.uint64)
        np.take(self._columns, k, axis=1, out=columns[:2])
        columns[1] += np.repeat(word_start, sizes).astype(np.uint64)
        columns[2] = 0
        spaced = ~last_word & (sizes > 0)  # a word's last token is followed by a space unless its text ends
        columns[2, ends[spaced] - 1] = 1
        rows = columns.T
        lens = np.bincount(owner, weights=sizes, minlength=n).astype(np.int64)
        if not bad.any():
            return rows, lens.tolist()
        return self._redo(texts, rows, lens, bad)

    def _redo(self, texts: Sequence[str], rows: np.ndarray, lens: np.ndarray, bad: np.ndarray):
        """Replace the rows of the ``bad`` texts by spaCy's own tokenization of them."""
        redo = np.flatnonzero(bad)
        redone, sizes = tokenize_each(self.tokenizer, [texts[i] for i in redo.tolist()])
        arrays = np.split(redone, np.cumsum(sizes)[:-1])
        old_off = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=old_off[1:])
        new_lens = lens.copy()
        new_lens[redo] = sizes
        if (new_lens == lens).all():  # same token counts (a special case that changed nothing): in place
            for i, arr in zip(redo.tolist(), arrays, strict=True):
                rows[old_off[i]:old_off[i + 1]] = arr
            return rows, lens.tolist()
        new_off = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(new_lens, out=new_off[1:])
        out = np.empty((int(new_off[-1]), 3), dtype=np.uint64)
        text_of = np.repeat(np.arange(len(lens)), lens)
        src = np.flatnonzero(~bad[text_of])
        out[new_off[text_of[src]] + (src - old_off[text_of[src]])] = rows[src]
        for i, arr in zip(redo.tolist(), arrays, strict=True):
            out[new_off[i]:new_off[i + 1]] = arr
        return out, new_lens.tolist()
