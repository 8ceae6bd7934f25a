"""Measure the scrubber on sentences with marked identifiers.

A labelled file has one sentence a line, every identifier written as ``[[kind:text]]``; lines
starting with ``#`` are comments. :func:`read_labelled` returns the clean text with the gold spans;
:func:`score` returns recall per kind (a gold identifier counts as removed when every letter and
digit of it is inside a detected span, of any kind: what matters is that it does not reach the
reader) and the share of the other words that were removed as well.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ._detect import detect

__all__ = ["Labelled", "read_labelled", "score", "Score"]

_MARK = re.compile(r"\[\[(\w+):(.+?)\]\]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Labelled:
    """One sentence: its text and gold spans ``(start, end, kind)``; ``half`` is "dev" or "held-out"."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    half: str
    line: int


def read_labelled(path: str | Path) -> list[Labelled]:
    """Sentences of a labelled file; odd sentences are the "dev" half, even ones "held-out"."""
    out: list[Labelled] = []
    for no, raw in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        text, spans, pos = [], [], 0
        for m in _MARK.finditer(raw):
            text.append(raw[pos:m.start()])
            start = sum(map(len, text))
            text.append(m.group(2))
            spans.append((start, start + len(m.group(2)), m.group(1)))
            pos = m.end()
        text.append(raw[pos:])
        out.append(Labelled("".join(text), tuple(spans), "dev" if len(out) % 2 == 0 else "held-out", no))
    return out


@dataclass
class Score:
    """Recall per kind (found / total), and other words removed / total other words."""

    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    other_removed: int = 0
    other_words: int = 0
    misses: list[tuple[int, str, str]] = field(default_factory=list)
    false_hits: list[tuple[int, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = sum(self.total.values())
        return sum(self.found.values()) / n if n else 1.0

    @property
    def removed_share(self) -> float:
        return self.other_removed / self.other_words if self.other_words else 0.0


def score(items: list[Labelled], lang: str, **detect_kw) -> Score:
    """Run :func:`~workbench.privacy.detect` on every sentence and compare with the gold spans."""
    sc = Score()
    for it in items:
        hits = detect(it.text, lang, **detect_kw)
        covered = bytearray(len(it.text))
        for h in hits:
            covered[h.start:h.end] = b"\x01" * (h.end - h.start)
        for s, e, kind in it.spans:
            sc.total[kind] += 1
            if all(covered[i] for i in range(s, e) if it.text[i].isalnum()):
                sc.found[kind] += 1
            else:
                sc.misses.append((it.line, kind, it.text[s:e]))
        gold = bytearray(len(it.text))
        for s, e, _ in it.spans:
            gold[s:e] = b"\x01" * (e - s)
        for m in _WORD.finditer(it.text):
            if any(gold[m.start():m.end()]):
                continue
            sc.other_words += 1
            if any(covered[m.start():m.end()]):
                sc.other_removed += 1
                sc.false_hits.append((it.line, m.group()))
    return sc
