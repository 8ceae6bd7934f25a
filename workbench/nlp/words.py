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

__all__ = ["WordTokenizer", "tokenize_each"]

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
        self.ptr = np.zeros(1, dtype=np.int64)
        self.flags = np.zeros(0, dtype=np.uint8)

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

    def __call__(self, texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
        """``(rows, lens)``: LOWER, IDX and SPACY of every token, text after text, and the
        token count of each text -- as spaCy's tokenizer gives them."""
        n = len(texts)
        if not n:
            return _NO_ROWS, []
        joined = " ".join(texts)
        words = joined.split(" ")
        if self._state != _settings(self.tokenizer):
            self._reset()
        try:  # all words known (the common case): one C-level pass
            ids = np.fromiter(map(self.ids.__getitem__, words), dtype=np.int64, count=len(words))
        except KeyError:
            ids = self.word_ids(words)
        # where each word and text starts in ``joined`` (code points: UTF-32 units)
        units = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        word_start = np.empty(len(words), dtype=np.int64)
        word_start[0] = 0
        word_start[1:] = np.flatnonzero(units == 32) + 1
        text_start = np.zeros(n, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=n)[:-1] + 1, out=text_start[1:])
        first_word = np.searchsorted(word_start, text_start)
        counts = np.diff(first_word, append=len(words))
        owner = np.repeat(np.arange(n), counts)  # the text of each word
        last_word = np.zeros(len(words), dtype=bool)
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
        word_of = np.repeat(np.arange(len(words)), sizes)
        k = np.repeat(lo - (ends - sizes), sizes) + np.arange(n_tokens)
        word_start -= text_start[owner]
        rows = np.zeros((n_tokens, 3), dtype=np.uint64)
        rows[:, :2] = self.rows[k]
        rows[:, 1] += word_start[word_of].astype(np.uint64)
        spaced = ~last_word & (sizes > 0)  # a word's last token is followed by a space unless its text ends
        rows[ends[spaced] - 1, 2] = 1
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
