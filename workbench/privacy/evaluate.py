"""Measure the scrubber on sentences with marked identifiers.

Two file shapes are read (:func:`read_labelled`):

- inline marks, one sentence a line: ``Ik sprak [[NAME:Jan de Vries]] op [[PHONE:06-12345678]].``
  The type may be written in any case and as our own kind names (``[[person:Jan]]``,
  ``[[national_id:…]]``) or as the common types ``NAME ADDRESS POSTCODE PHONE EMAIL URL IBAN ID DOB
  PLATE``. Lines starting with ``#`` are comments; a ``.csv``/``.tsv`` file is read the same way
  from its ``text`` column.
- JSON lines (``.jsonl``/``.json``): ``{"text": …, "spans": [{"start": 3, "end": 9, "label": "NAME"}]}``;
  ``entities``/``labels``/``label`` lists and ``[start, end, label]`` triples (doccano, spaCy) too.

:func:`score` compares :func:`~workbench.privacy.detect` with the gold spans in three ways, per
type: *removed* (every letter and digit of the identifier is inside some detected span, of any
kind — what matters for privacy: it does not reach the reader), *exact* (a detected span of the
same type with the same boundaries) and *overlap* (a detected span shares at least one character).
It also counts the words outside every gold span that were removed all the same.
A title or form of address at the start of a gold name ("Mrs.", "mevrouw") is not required to be
removed: the scrubber keeps it on purpose ("mevrouw [PERSOON-2]").
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WorkbenchError
from ._detect import detect

__all__ = ["Labelled", "read_labelled", "score", "Score", "TYPES", "gold_type", "guess_lang"]

#: The identifier types a labelled set reports on, and the detector kinds that count as each.
TYPES = {"NAME": ("person",), "ADDRESS": ("address",), "POSTCODE": ("postcode",), "PHONE": ("phone",),
         "EMAIL": ("email",), "URL": ("url",), "IBAN": ("iban",), "ID": ("national_id", "number"),
         "DOB": ("date",), "PLATE": ("plate",)}
_ALIASES = {"PERSON": "NAME", "PER": "NAME", "PERSOON": "NAME", "NAAM": "NAME", "ADRES": "ADDRESS",
            "ZIP": "POSTCODE", "TELEFOON": "PHONE", "TEL": "PHONE", "E-MAIL": "EMAIL", "MAIL": "EMAIL",
            "HANDLE": "URL", "NATIONAL_ID": "ID", "NUMBER": "ID", "BSN": "ID", "SSN": "ID",
            "ID-NUMMER": "ID", "DATE": "DOB", "GEBOORTEDATUM": "DOB", "DATE_OF_BIRTH": "DOB",
            "KENTEKEN": "PLATE", "LICENSE_PLATE": "PLATE"}
_KIND_TYPE = {k: t for t, kinds in TYPES.items() for k in kinds}
_MARK = re.compile(r"\[\[([\w\-]+):(.+?)\]\]")
_WORD = re.compile(r"\w+")
_TITLE = re.compile(r"(?i)^(?:(?:mevrouw|meneer|mijnheer|mevr|mw|dhr|de heer|madame|mr|mrs|ms|miss|mx|dr|"
                    r"prof|sir|dame|lady|lord)\.?\s+)+")


def gold_type(label: str) -> str:
    """The common type of a label as written in a set ("person" and "NAME" are both "NAME")."""
    up = label.strip().upper()
    return _ALIASES.get(up, up)


@dataclass(frozen=True)
class Labelled:
    """One sentence: its text and gold spans ``(start, end, type)``; ``line`` in the file."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    line: int


def _inline(raw: str, no: int) -> Labelled:
    text, spans, pos = [], [], 0
    for m in _MARK.finditer(raw):
        text.append(raw[pos:m.start()])
        start = sum(map(len, text))
        text.append(m.group(2))
        spans.append((start, start + len(m.group(2)), gold_type(m.group(1))))
        pos = m.end()
    text.append(raw[pos:])
    return Labelled("".join(text), tuple(spans), no)


def _json_item(obj: dict, path: Path, no: int) -> Labelled:
    text = obj.get("text")
    if not isinstance(text, str):
        raise WorkbenchError("no \"text\" in this JSON object", path=path, line=no,
                             hint="Each line needs {\"text\": ..., \"spans\": [{\"start\", \"end\", \"label\"}]}.")
    if _MARK.search(text):
        return _inline(text, no)
    raw = next((obj[k] for k in ("spans", "entities", "labels", "label") if isinstance(obj.get(k), list)), [])
    spans = []
    for sp in raw:
        if isinstance(sp, dict):
            s, e = sp.get("start", sp.get("start_offset")), sp.get("end", sp.get("end_offset"))
            lab = sp.get("label", sp.get("type", sp.get("kind", "")))
        elif isinstance(sp, (list, tuple)) and len(sp) >= 3:
            s, e, lab = sp[:3]
        else:
            s = e = lab = None
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            raise WorkbenchError(f"span {sp!r} is not start < end inside the text", path=path, line=no,
                                 hint="Offsets are character positions in \"text\", end exclusive.")
        spans.append((s, e, gold_type(str(lab))))
    return Labelled(text, tuple(sorted(spans)), no)


def read_labelled(path: str | Path) -> list[Labelled]:
    """The sentences of a labelled file (inline marks, CSV/TSV with a ``text`` column, or JSON lines)."""
    path = Path(path)
    try:
        body = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkbenchError(f"cannot be read as UTF-8 text ({exc})", path=path,
                             hint="Save the labelled set as UTF-8.") from exc
    out: list[Labelled] = []
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        stripped = body.strip()
        if suffix == ".json" and stripped.startswith("["):
            rows = list(enumerate(json.loads(stripped), 1))
        else:
            rows = []
            for no, ln in enumerate(body.splitlines(), 1):
                if ln.strip():
                    try:
                        rows.append((no, json.loads(ln)))
                    except json.JSONDecodeError as exc:
                        raise WorkbenchError(f"not valid JSON ({exc.msg})", path=path, line=no,
                                             hint="One JSON object a line.") from exc
        return [_json_item(obj, path, no) for no, obj in rows if isinstance(obj, dict)]
    if suffix in (".csv", ".tsv"):
        reader = csv.DictReader(body.splitlines(), delimiter="\t" if suffix == ".tsv" else ",")
        col = next((c for c in (reader.fieldnames or []) if c.strip().lower() in ("text", "sentence", "tekst")), None)
        if col is None:
            raise WorkbenchError("no text column", path=path, hint="Name the column with the marked sentences 'text'.")
        return [_inline(r[col], no) for no, r in enumerate(reader, 2) if (r.get(col) or "").strip()]
    for no, raw in enumerate(body.splitlines(), 1):
        if raw.strip() and not raw.lstrip().startswith("#"):
            out.append(_inline(raw, no))
    return out


def guess_lang(items: list[Labelled]) -> str:
    """"nl" or "en", from the share of a few very common words of each language."""
    text = " ".join(it.text for it in items[:400]).lower()
    words = Counter(_WORD.findall(text))
    nl = sum(words[w] for w in ("de", "het", "een", "en", "ik", "van", "niet", "op", "dat", "is", "mijn"))
    en = sum(words[w] for w in ("the", "a", "and", "i", "of", "not", "on", "that", "is", "my", "to"))
    return "nl" if nl > en else "en"


@dataclass
class Score:
    """Per type: gold identifiers (``total``) and those ``removed``, ``exact`` and ``overlap``
    (see the module docstring); words outside the gold spans and how many were removed."""

    total: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    exact: Counter = field(default_factory=Counter)
    overlap: Counter = field(default_factory=Counter)
    other_removed: int = 0
    other_words: int = 0
    misses: list[tuple[int, str, str]] = field(default_factory=list)
    false_hits: list[tuple[int, str]] = field(default_factory=list)

    @property
    def found(self) -> Counter:
        return self.removed

    def rate(self, which: str = "removed", kind: str | None = None) -> float:
        got = getattr(self, which)
        n = self.total[kind] if kind else sum(self.total.values())
        k = got[kind] if kind else sum(got.values())
        return k / n if n else 1.0

    @property
    def recall(self) -> float:
        return self.rate("removed")

    @property
    def removed_share(self) -> float:
        return self.other_removed / self.other_words if self.other_words else 0.0


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def score(items: list[Labelled], lang: str, *, found: list | None = None, **detect_kw) -> Score:
    """Run :func:`~workbench.privacy.detect` on every sentence and compare with the gold spans;
    or compare ``found`` (one list of :class:`~workbench.privacy.Span` per sentence, e.g. from
    another version of the scrubber) instead."""
    sc = Score()
    for n, it in enumerate(items):
        hits = detect(it.text, lang, **detect_kw) if found is None else found[n]
        covered = bytearray(len(it.text))
        for h in hits:
            covered[h.start:h.end] = b"\x01" * (h.end - h.start)
        got = {(*_trimmed(it.text, h.start, h.end), _KIND_TYPE.get(h.kind, h.kind)) for h in hits}
        for s, e, kind in it.spans:
            if kind == "NAME":
                m = _TITLE.match(it.text[s:e])
                if m and m.end() < e - s:
                    s += m.end()
            sc.total[kind] += 1
            if all(covered[i] for i in range(s, e) if it.text[i].isalnum()):
                sc.removed[kind] += 1
            else:
                sc.misses.append((it.line, kind, it.text[s:e]))
            if any(covered[s:e]):
                sc.overlap[kind] += 1
            if (*_trimmed(it.text, s, e), kind) in got:
                sc.exact[kind] += 1
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
