"""How survey answers are typed: Likert scales, NPS, numbers, dates, choices and open text.

A column is typed once, over all its rows, by looking at its *distinct* values only (a closed
question has a handful, whatever the number of respondents), so typing costs little more than a
``value_counts`` per column. The result, :class:`ColumnType`, maps each distinct value to its
number, text and (for multi-select answers) chosen options; the reader applies these maps to
the whole column at once.

The Likert label maps are data: ``workbench/data/likert.toml``.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import StudyConfigError
from ._openness import Openness, open_score

__all__ = ["LikertCatalog", "ColumnType", "load_likert", "norm_label", "opt_out", "type_column", "multi_family",
           "declared_scale"]

NAN = math.nan
_DASHES = str.maketrans({"–": "-", "—": "-", "\u00a0": " ", "’": "'"})
_SPACES = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([/,])\s*")
# "1 - Helemaal mee oneens", "5 = Strongly agree", "(3) Neutraal", "10. Extremely likely"
_NUM_LABEL = re.compile(r"^\s*\(?(\d{1,2})\)?\s*(?:[-:.=)]\s*|\s+)(\S.*?)\s*$", re.S)
_LABEL_NUM = re.compile(r"^\s*(\S.*?)\s*\((\d{1,2})\)\s*$", re.S)
_INT = re.compile(r"^\s*\d{1,2}\s*$")
_NUMBER = re.compile(r"^\s*[-+]?(?:[€$£]\s*)?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?\s*%?\s*$")
_DATE_SHAPE = re.compile(
    r"^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
_DATE_FORMATS = (
    "ISO8601", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
    "%d/%m/%Y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    # two-digit years (Microsoft Forms, Excel's short date): day first, then month first
    "%d-%m-%y %H:%M:%S", "%d-%m-%y %H:%M", "%d-%m-%y", "%d/%m/%y %H:%M:%S", "%d/%m/%y %H:%M", "%d/%m/%y",
    "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y",
)  # fmt: skip
# "Hoe waarschijnlijk is het dat je ons aanbeveelt / zou aanbevelen / aanraadt / doorverwijst …",
# "How likely are you to recommend …", "Would you recommend us … (0-10)".
_RECOMMEND = (r"(?:aan\s?(?:te\s)?bevel\w*|aanbe(?:veel|vel|vol)\w*|aan\s?(?:te\s)?raden|aanra(?:ad|d)\w*|"
              r"raadt?\b.*\baan\b|beveelt?\b.*\baan\b|doorverwijz\w*|doorverwijst|recommend\w*|weiterempfehl\w*)")
_RECOMMEND_RX = re.compile(_RECOMMEND, re.I)
_LIKELY_RX = re.compile(r"waarschijnlijk|\bkans\b|likely|likelihood|wahrscheinlich|\b0\s*(?:-|–|tot|to|t/m)\s*10\b|"
                        r"net promoter", re.I)


class _NpsText:
    """The wording of an NPS question: a recommendation, and "how likely" or a 0–10 range."""

    @staticmethod
    def search(text: str) -> bool:
        return bool(_RECOMMEND_RX.search(text) and _LIKELY_RX.search(text)) or "net promoter" in text.casefold()


_NPS_TEXT = _NpsText()
_NPS_ANCHORS = {
    "zeer onwaarschijnlijk": 0.0, "helemaal niet waarschijnlijk": 0.0, "extremely unlikely": 0.0,
    "not at all likely": 0.0, "not likely at all": 0.0, "zeer waarschijnlijk": 10.0,
    "extreem waarschijnlijk": 10.0, "extremely likely": 10.0,
}  # fmt: skip
_CES_TEXT = re.compile(
    r"(ge)?makkelijk\s+(om|te)\b|maakte\s.*\b(ge)?makkelijk|hoeveel\s+moeite|"
    r"made\s.*\beasy|easy\s+(for\s+me\s+)?to\b|how\s+much\s+effort",
    re.I | re.S,
)
# ease of understanding is clarity, not effort: "it was easy to understand what they offer", "makkelijk
# te begrijpen", "easy to read", "duidelijk" are no CES
_CLARITY_TEXT = re.compile(
    r"(?:easy|simple|hard|difficult)\s+to\s+(?:understand|follow|read|see|tell|grasp|make\s+sense)|"
    r"(?:makkelijk|gemakkelijk|eenvoudig|moeilijk|lastig)\s+(?:te\s+)?(?:begrijpen|begrijpelijk|volgen|lezen|snappen|"
    r"zien)|\bbegrijpelijk|\bduidelijk",
    re.I,
)
# a rating question: numbers 1..5 (1..7) under it are a scale, not quantities
_RATING_TEXT = re.compile(
    r"\b(hoe\s+(tevreden|ontevreden|waardeer|beoordeel)|tevredenheid|beoordeling\s+van|"
    r"how\s+(satisfied|dissatisfied|would\s+you\s+rate|do\s+you\s+rate)|satisfaction\s+with|rate\s+(your|the|our))",
    re.I,
)
# a CSAT question: "How satisfied were you with …", "Hoe tevreden bent u over …" (on a satisfaction scale,
# or rated 1..5)
_CSAT_TEXT = re.compile(r"\bhow\s+(?:satisfied|dissatisfied)\b|\bsatisfaction\s+with\b|\bhoe\s+(?:tevreden|ontevreden)\b|"
                        r"\btevredenheid\s+(?:over|met|van)\b", re.I)
# an answer that opts out of a rating ("I have not made a claim", "I haven't contacted them", "Ik heb geen
# contact gehad", "Nog niet gebruikt", "Does not apply"), besides the catalog's "N/A" and "Weet ik niet"
_OPT_OUT = re.compile(
    r"^(?:(?:i|we)\s+)?(?:have\s*n[o']?t|havent|has\s*n[o']?t|did\s*n[o']?t|didnt|do\s*n[o']?t\s+(?:use|have|know)|"
    r"never\s+(?:used|made|had|contacted|claimed|tried|bought|been|needed)|not\s+(?:yet\s+)?(?:used|applicable|"
    r"relevant)|(?:this\s+)?(?:does\s*n[o']?t|doesnt|did\s*n[o']?t)\s+apply)\b"
    r"|^(?:ik\s+|wij\s+|we\s+)?(?:heb|hebben|ben|was)\s+(?:nog\s+)?(?:geen|niet|nooit)\b"
    r"|^(?:nog\s+)?(?:niet|nooit)\s+(?:gebruikt|gedaan|gehad|geclaimd|geprobeerd|gekocht|nodig\s+gehad|van\s+toepassing)\b"
    r"|^(?:geen|nvt|n\.v\.t|n/a|na)\b.{0,40}$",
    re.I)


def opt_out(value: str, cat: LikertCatalog) -> bool:
    """Whether an answer to a rating question says the question does not apply or the respondent
    does not know ("N/A", "Weet ik niet", "I have not made a claim", "Ik heb geen contact gehad"):
    missing, not a point of the scale.

    >>> cat = load_likert()
    >>> [opt_out(v, cat) for v in ("I have not made a claim", "I haven't contacted them", "Niet van toepassing",
    ...                            "Ik heb nog geen bestelling geplaatst", "Weet ik niet", "Disagree", "Never")]
    [True, True, True, True, True, False, False]
    """
    n = norm_label(value)
    if n in cat.no_answer:
        return True
    return len(n.split()) <= 10 and n not in cat.index and _OPT_OUT.search(n.replace("’", "'")) is not None


_SCALE_HINT = re.compile(r"\b1\s*(?:-|–|tot(?:\s+en\s+met)?|t/m|to|through)\s*([57])\b|\b([57])\s*=|\(1\s*-\s*([57])\)")
# words a scale label may have or lack without changing its point: "Niet makkelijk en niet moeilijk" is
# "Niet makkelijk, niet moeilijk"; "Neither easy nor difficult" is "Neither easy, difficult"
_FILLER = frozenset({"en", "noch", "of", "and", "nor", "or", "but", "maar", "wel"})
_INDICATORS = {"1", "y", "yes", "ja", "x", "selected", "checked", "geselecteerd", "aangevinkt", "true", "waar"}
_SEPARATORS = (";", ",")
_MAX_CHOICES = 30


def loose_label(value: str) -> str:
    """A label without commas and filler words ("en", "and", "nor"), for matching close wordings.

    >>> loose_label("Niet makkelijk en niet moeilijk") == loose_label("Niet makkelijk, niet moeilijk")
    True
    """
    return " ".join(w for w in norm_label(value).replace(",", " ").replace("/", " ").split() if w not in _FILLER)


def norm_label(value: str) -> str:
    """Normalise an answer label for matching: case, spaces, dashes, '/' and ',' spacing, final '.'.

    >>> norm_label("  Neutraal/Geen  mening. ")
    'neutraal / geen mening'
    """
    s = value.translate(_DASHES).casefold()
    s = _AROUND.sub(lambda m: " / " if m.group(1) == "/" else ", ", s)
    return _SPACES.sub(" ", s).strip().rstrip(".").strip()


@dataclass(frozen=True)
class _Entry:
    key: tuple[str, int]  # (scale type, number of points)
    pos: int  # 0-based position in the scale
    lang: str
    variant: bool


class LikertCatalog:
    """The known Likert scales, indexed by normalised label.

    Parameters
    ----------
    scales : sequence of dict
        Entries with ``type``, ``language``, ``labels`` (low to high) and optional ``variants``
        (label -> list of other wordings), as in ``data/likert.toml``.
    no_answer : dict, optional
        Language -> labels that mean "no answer on the scale" ("Weet ik niet", "N.v.t.").
    """

    def __init__(self, scales: Sequence[dict], no_answer: dict | None = None) -> None:
        self.index: dict[str, list[_Entry]] = {}
        self.labels: dict[tuple[str, int, str], list[str]] = {}
        self.order: dict[tuple[str, int], int] = {}
        for scale in scales:
            kind, lang, labels = scale["type"], scale["language"], list(scale["labels"])
            key = (kind, len(labels))
            self.order.setdefault(key, len(self.order))
            self.labels[(kind, len(labels), lang)] = labels
            variants = scale.get("variants", {})
            unknown = set(variants) - set(labels)
            if unknown:
                raise StudyConfigError(
                    f"variants for labels that are not on the {kind}/{lang} scale: {sorted(unknown)}",
                    key="scales.variants",
                    hint="Key each variant list by one of the scale's labels.",
                )
            for pos, label in enumerate(labels):
                for text, is_variant in [(label, False)] + [(v, True) for v in variants.get(label, [])]:
                    entries = self.index.setdefault(norm_label(text), [])
                    if not any(e.key == key and e.lang == lang for e in entries):
                        entries.append(_Entry(key, pos, lang, is_variant))
        self.loose: dict[str, list[_Entry]] = {}
        for lab, entries in self.index.items():
            same = self.loose.setdefault(loose_label(lab), [])
            same.extend(e for e in entries if not any(o.key == e.key and o.lang == e.lang for o in same))
        self.no_answer = {norm_label(t) for texts in (no_answer or {}).values() for t in texts}
        words = sorted((lab for lab in self.index if " " in lab), key=len, reverse=True)
        self._in_text = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")

    def label_in_text(self, text: str) -> list[_Entry]:
        """Entries of the multi-word scale labels that the (question) text mentions."""
        return [e for m in self._in_text.finditer(norm_label(text)) for e in self.index[m.group(1)]]


def load_likert(path: str | Path | None = None) -> LikertCatalog:
    """Load a Likert label map (default: the shipped ``workbench/data/likert.toml``).

    Raises
    ------
    StudyConfigError
        When the file cannot be read or parsed.
    """
    if path is None:
        return _default_catalog()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StudyConfigError(f"cannot read the Likert label map: {exc}", path=path,
                               hint="Check the TOML syntax against workbench/data/likert.toml.") from None
    return LikertCatalog(data.get("scales", []), data.get("no_answer", {}))


@lru_cache(maxsize=1)
def _default_catalog() -> LikertCatalog:
    text = resources.files("workbench").joinpath("data/likert.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return LikertCatalog(data["scales"], data.get("no_answer", {}))


@dataclass
class ColumnType:
    """How one question column is typed: per distinct value, its number, text and options."""

    kind: str
    num: dict[str, float] | None = None  # distinct value -> value_num (absent: NaN)
    text: dict[str, str] | None = None  # distinct value -> value_text (None: the value as given)
    split: dict[str, list[str]] | None = None  # multi_choice: distinct value -> chosen options
    options: list[str] | None = None
    scale_min: float = NAN
    scale_max: float = NAN
    metric: str | None = None
    openness: Openness | None = None  # choice or open text: the evidence weighed (see _openness)
    loose: tuple[str, ...] = ()  # likert: answers read as a scale label worded with a filler word more or less
    non_numbers: tuple[str, ...] = ()  # numeric: answers in words, read as missing
    near_scale: tuple[str, ...] = ()  # choice: the labels of a known scale most of its answers are (not all)


# --- Likert ------------------------------------------------------------------------------------


@dataclass
class _Fit:
    key: tuple[str, int]
    score: tuple
    num: dict[str, float]
    lang: str
    loose: tuple[str, ...] = ()  # answers matched to a label with a filler word more or less


def _parse_labelled(u: str, cat: LikertCatalog) -> tuple[list[_Entry] | None, int | None, bool]:
    """(scale entries or None, leading number or None, is_no_answer) of one distinct value."""
    n = norm_label(u)
    if n in cat.index:
        return cat.index[n], None, False
    if opt_out(u, cat):
        return None, None, True
    if loose_label(u) in cat.loose and len(loose_label(u).split()) >= 2:
        return cat.loose[loose_label(u)], None, False
    for rx, li, ni in ((_NUM_LABEL, 2, 1), (_LABEL_NUM, 1, 2)):
        m = rx.match(u)
        if m and norm_label(m.group(li)) in cat.index:
            return cat.index[norm_label(m.group(li))], int(m.group(ni)), False
    if _INT.match(u):
        return None, int(u), False
    return None, None, False


def likert_fits(uniques: Sequence[str], cat: LikertCatalog) -> list[_Fit]:
    """All scales that every distinct value fits, best first (see ``data/likert.toml``)."""
    parsed = {}
    for u in uniques:
        entries, number, no_answer = _parse_labelled(u, cat)
        if entries is None and number is None and not no_answer:
            return []
        parsed[u] = (entries, number)
    labelled = {u: p for u, p in parsed.items() if p[0] is not None}
    if len(labelled) < (2 if len(parsed) > len(labelled) else 1):
        return []  # an opt-out answer and one label ("Never", "I have not used it") are no scale
    keys = set.intersection(*({e.key for e in ents} for ents, _ in labelled.values()))
    fits = []
    for key in keys:
        points = key[1]
        pos, langs, variants = {}, Counter(), 0
        for u, (ents, _) in labelled.items():
            e = next(e for e in ents if e.key == key)
            pos[u], variants = e.pos, variants + e.variant
            langs[e.lang] += 1
        numbers = [nb for _, nb in parsed.values() if nb is not None]
        if any(not 1 <= nb <= points for nb in numbers):
            continue
        pairs = [(nb, pos[u]) for u, (ents, nb) in labelled.items() if nb is not None]
        rev = bool(pairs) and all(nb == points - p for nb, p in pairs) and any(nb != p + 1 for nb, p in pairs)
        num = {}
        for u, (_, nb) in parsed.items():
            if u in pos:
                num[u] = float(pos[u] + 1)
            elif nb is not None:
                num[u] = float(points + 1 - nb if rev else nb)
        by_lang = Counter()
        for u in pos:
            lang = next(e.lang for e in labelled[u][0] if e.key == key)
            by_lang[(lang, pos[u])] += 1
        collisions = sum(c - 1 for c in by_lang.values())
        score = (collisions, variants, points, cat.order[key])
        loose = tuple(u for u in labelled if norm_label(u) not in cat.index and not _NUM_LABEL.match(u)
                      and not _LABEL_NUM.match(u))
        fits.append(_Fit(key, score, num, langs.most_common(1)[0][0], loose))
    return _five_point_first(sorted(fits, key=lambda f: f.score))


def _five_point_first(fits: list[_Fit]) -> list[_Fit]:
    """A 7-point reading whose answers never use the points next to the extremes ("Disagree",
    "Agree") while the 5-point scale of the same type takes them without two on one point is the
    5-point scale worded "Somewhat …" (Qualtrics: "Strongly disagree, Somewhat disagree, Neither …,
    Somewhat agree, Strongly agree"): the 5-point fit goes first."""
    if not fits or fits[0].key[1] != 7:
        return fits
    used = {int(v) for v in fits[0].num.values()}
    five = next((f for f in fits if f.key == (fits[0].key[0], 5) and f.score[0] == 0), None)
    if five is None or used & {2, 6}:
        return fits
    return [five] + [f for f in fits if f is not five]


def _likert(fit: _Fit, cat: LikertCatalog) -> ColumnType:
    kind, points = fit.key
    return ColumnType("likert", num=fit.num, options=cat.labels[(kind, points, fit.lang)],
                      scale_min=1.0, scale_max=float(points), loose=fit.loose)


def _numeric_likert(uniques: Sequence[str], text: str, cat: LikertCatalog, forced: bool) -> ColumnType | None:
    """Likert answered with numbers 1..n, recognised by scale labels or '1-7' in the question."""
    if not uniques or not all(_INT.match(u) for u in uniques):
        return None
    values = {u: int(u) for u in uniques}
    hint = _SCALE_HINT.search(text)
    mentioned = cat.label_in_text(text)
    rating = _RATING_TEXT.search(text) is not None
    if not (hint or mentioned or _CES_TEXT.search(text) or rating or forced):
        return None
    top = max(values.values())
    if rating and not (hint or mentioned or forced) and top > 7:
        return None  # a rating question scored 1..10 is a grade: numbers, not a 5- or 7-point scale
    if hint:
        points = int(next(g for g in hint.groups() if g))
    else:
        points = 7 if top > 5 else 5
    if min(values.values()) < 1 or top > points:
        return None
    options = [str(i) for i in range(1, points + 1)]
    for e in mentioned:
        labels = cat.labels.get((e.key[0], points, e.lang))
        if labels:
            options = labels
            break
    return ColumnType("likert", num={u: float(v) for u, v in values.items()}, options=options,
                      scale_min=1.0, scale_max=float(points))


# --- NPS, numbers, dates -----------------------------------------------------------------------


def _nps_value(u: str) -> float | None:
    if _INT.match(u):
        return float(int(u))
    m = _NUM_LABEL.match(u) or None
    if m:
        return float(int(m.group(1)))
    m = _LABEL_NUM.match(u)
    if m:
        return float(int(m.group(2)))
    return _NPS_ANCHORS.get(norm_label(u))


def _nps(uniques: Sequence[str], forced: bool) -> ColumnType | None:
    num = {u: _nps_value(u) for u in uniques}
    if not forced and any(v is None or not 0 <= v <= 10 for v in num.values()):
        return None
    num = {u: v for u, v in num.items() if v is not None and 0 <= v <= 10}
    return ColumnType("nps", num=num, scale_min=0.0, scale_max=10.0, metric="nps")


def _clean_number(u: str, decimal_comma: bool) -> str:
    s = u.strip().lstrip("€$£").rstrip("%").strip()
    if decimal_comma and "," in s and "." not in s:
        s = s.replace(",", ".")
    return s if _NUMBER.match(s) else ""


def _numeric(uniques: Sequence[str], decimal_comma: bool, forced: bool, counts: pd.Series | None = None
             ) -> ColumnType | None:
    """Numbers: plain ones parsed at C speed, the rest ('3,5' in ';' files, '€ 12') cleaned first.

    A quantity question (many different numbers) with a few answers in words ("about a year", "not
    sure": at most a fifth of the rows) is numeric, those answers missing (``ColumnType.non_numbers``).
    """
    arr = np.asarray(uniques, dtype=object)
    parsed = pd.to_numeric(arr, errors="coerce").astype(float)
    bad = np.flatnonzero(~np.isfinite(parsed))
    if len(bad) and decimal_comma:  # '3,5' from Dutch Excel, vectorised
        swapped = pd.Series(arr[bad], dtype=object).str.replace(",", ".", regex=False)
        parsed[bad] = pd.to_numeric(swapped, errors="coerce").astype(float)
        bad = np.flatnonzero(~np.isfinite(parsed))
    if len(bad):
        if not forced and any(not _clean_number(u, decimal_comma) for u in arr[bad[:20]]):
            return _mostly_numeric(arr, parsed, counts)
        clean = [_clean_number(u, decimal_comma) for u in arr[bad]]
        parsed[bad] = pd.to_numeric(pd.Series(clean, dtype=object), errors="coerce").astype(float)
    ok = np.isfinite(parsed)
    if not forced and not ok.all():
        return None
    return ColumnType("numeric", num=dict(zip(arr[ok].tolist(), parsed[ok].tolist(), strict=True)))


def _mostly_numeric(arr: np.ndarray, parsed: np.ndarray, counts: pd.Series | None) -> ColumnType | None:
    if counts is None:
        return None
    ok = np.isfinite(parsed)
    rows = counts.reindex(arr).to_numpy(dtype=float)
    if len(set(parsed[ok].tolist())) < 8 or rows[~ok].sum() * 5 > rows.sum():
        return None  # a handful of numbers beside words is a choice ("0", "1-2", "3 or more")
    return ColumnType("numeric", num=dict(zip(arr[ok].tolist(), parsed[ok].tolist(), strict=True)),
                      non_numbers=tuple(arr[~ok].tolist()))


def _date(uniques: Sequence[str], forced: bool) -> ColumnType | None:
    if not forced and not all(_DATE_SHAPE.match(u) for u in uniques):
        return None
    series = pd.Series(list(uniques), dtype=object).str.strip()
    best = None
    for fmt in _DATE_FORMATS:
        try:
            parsed = pd.to_datetime(series, format=fmt, errors="coerce", utc=True)
        except (ValueError, TypeError):
            continue
        ok = int(parsed.notna().sum())
        if best is None or ok > best[0]:
            best = (ok, parsed)
        if ok == len(series):
            break
    if best is None or best[0] == 0 or (not forced and best[0] < len(series)):
        return None
    parsed = best[1]
    has_time = series.str.contains(":", regex=False)
    seconds = (parsed - pd.Timestamp("1970-01-01", tz="UTC")) / pd.Timedelta(seconds=1)
    iso = parsed.dt.strftime("%Y-%m-%dT%H:%M:%S").where(has_time, parsed.dt.strftime("%Y-%m-%d"))
    num, text = {}, {}
    for u, ok, s, t in zip(uniques, parsed.notna(), seconds, iso, strict=True):
        if ok:
            num[u], text[u] = float(s), str(t)
    return ColumnType("date", num=num, text=text)


# --- choices -----------------------------------------------------------------------------------


def _segment(parts: list[str], sep: str, known: set[str]) -> list[str] | None:
    """Split ``parts`` into the fewest known options (options may contain the separator)."""
    k = len(parts)
    if k > 40:
        return None
    best: list[list[str] | None] = [[]] + [None] * k
    for j in range(1, k + 1):
        for i in range(j):
            if best[i] is None:
                continue
            piece = sep.join(parts[i:j]).strip()
            if piece in known and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = best[i] + [piece]
    return best[k]


def _glue(parts: dict[str, list[str]], alone: set[str], sep: str) -> dict[str, list[str]]:
    """Re-join pieces that always occur together, in order: one option containing the separator."""
    while True:
        occ = Counter(p for ps in parts.values() for p in set(ps))
        adj = Counter((a, b) for ps in parts.values() for a, b in zip(ps, ps[1:], strict=False))
        glued = {(a, b) for (a, b), c in adj.items()
                 if a != b and c == occ[a] == occ[b] and a not in alone and b not in alone}
        if not glued:
            return parts
        out = {}
        for u, ps in parts.items():
            merged = [ps[0]]
            for p in ps[1:]:
                if (merged[-1], p) in glued:
                    merged[-1] = f"{merged[-1]}{sep} {p}" if sep == "," else f"{merged[-1]}{sep}{p}"
                else:
                    merged.append(p)
            out[u] = merged
        parts = out


def _split_multi(counts: pd.Series, forced: bool) -> tuple[dict[str, list[str]], bool] | None:
    """Multi-select splitting: (distinct value -> options, judged a multi-select column).

    A value is split only into known options: ones seen as a whole answer in other rows, or,
    when most cells hold a separator and the parts recur across different answers (the column
    is a multi-select), the recurring parts. Parts that always appear together are one option
    ("Ja, zeker"), so an open answer with commas stays whole.
    """
    total = int(counts.sum())
    alone = {str(u).strip() for u in counts.index if not any(s in u for s in _SEPARATORS)}
    best = None
    for sep in _SEPARATORS:
        with_sep = [u for u in counts.index if sep in u]
        if not with_sep:
            continue
        parts = {u: [p.strip() for p in u.split(sep) if p.strip()] for u in with_sep}
        parts = _glue(parts, alone, sep)
        distinct = Counter(p for ps in parts.values() for p in set(ps))
        distinct.update(alone)
        recurring = {p for p, c in distinct.items() if c >= 2}
        cells_sep = sum(int(counts[u]) for u in with_sep)
        occurrences = Counter()
        for u, ps in parts.items():
            for p in ps:
                occurrences[p] += int(counts[u])
        share_rec = sum(c for p, c in occurrences.items() if p in recurring) / max(1, sum(occurrences.values()))
        judged = forced or (cells_sep * 2 >= total and share_rec >= 0.6 and not _labels_with_sep(parts, alone))
        known = alone | recurring if judged else alone
        split, n_cells = {}, 0
        for u, ps in parts.items():
            seg = _segment(ps, sep if sep == ";" else ", ", known) if len(ps) > 1 else None
            if seg is None and judged and len(ps) > 1:
                seg = ps
            if seg and len(seg) > 1:
                split[u], n_cells = seg, n_cells + int(counts[u])
        if split and (best is None or n_cells > best[0]):
            best = (n_cells, split, judged)
    if best is None:
        return None
    return best[1], best[2]


def _labels_with_sep(parts: dict[str, list[str]], alone: set[str]) -> bool:
    """Whether answers that hold a separator are single-choice labels made of parts ("2 people, 3 recipes",
    "Tablet, Android"): no part is ever chosen alone, every answer has as many parts, and each place holds
    its own parts (the first is always a size, the second a number of recipes). A multi-select's cells are
    combinations: some alone, some of two or three options, an option first in one cell and second in another."""
    if alone & {p for ps in parts.values() for p in ps} or len({len(ps) for ps in parts.values()}) != 1:
        return False
    places = [{ps[i] for ps in parts.values()} for i in range(len(next(iter(parts.values()))))]
    return len(places) > 1 and all(not (a & b) for i, a in enumerate(places) for b in places[i + 1:])


def _is_choice(counts: pd.Series, n_rows: int) -> bool:
    values = [str(u) for u in counts.index]
    n = len(values)
    if n >= n_rows or n > _MAX_CHOICES or n > max(3, 0.6 * n_rows):
        return False
    if any("\n" in v or len(v) > 80 for v in values):
        return False
    return sum(len(v.split()) for v in values) / n <= 6


def _options_by_frequency(counts: Counter) -> list[str]:
    first = {o: i for i, o in enumerate(counts)}
    return sorted(counts, key=lambda o: (-counts[o], first[o]))


def _choice_or_multi(counts: pd.Series, forced: str | None, text: str = "") -> ColumnType:
    n_rows = int(counts.sum())
    many = len(counts) > 200 and len(counts) * 2 > n_rows  # open text, not a handful of combinations
    openness = open_score(counts, text) if forced is None else None
    if forced == "multi_choice" or (forced is None and not many):
        result = _split_multi(counts, forced == "multi_choice")
        if result is not None:
            split, judged = result
            opts = Counter()
            for u, c in counts.items():
                for o in split.get(u, [str(u).strip()]):
                    opts[o] += int(c)
            # a multi-select (most cells hold recurring options) is one unless its answers and its
            # options read as open text (sentences sharing a clause after a comma); a split by whole
            # answers only is one unless the answers read as open text
            if judged and not forced and openness.is_open and open_score(pd.Series(opts), text).is_open:
                return ColumnType("open", openness=openness)
            if forced or judged or (len(opts) <= _MAX_CHOICES and all(len(o) <= 80 for o in opts)
                                    and not openness.is_open):
                full = {u: split.get(u, [str(u).strip()]) for u in counts.index}
                return ColumnType("multi_choice", split=full, options=_options_by_frequency(opts))
        if forced == "multi_choice":
            full = {u: [str(u).strip()] for u in counts.index}
            return ColumnType("multi_choice", split=full, options=_options_by_frequency(Counter(
                {str(u).strip(): int(c) for u, c in counts.items()})))
    if forced == "choice" or (forced is None and _is_choice(counts, n_rows) and not openness.is_open):
        return ColumnType("choice", options=_options_by_frequency(Counter(
            {str(u): int(c) for u, c in counts.items()})), openness=openness)
    # open text: the score matters to the researcher only where a choice was possible at all
    return ColumnType("open", openness=openness if forced is None and _is_choice(counts, n_rows) else None)


# --- a whole column ------------------------------------------------------------------------------


def type_column(
    counts: pd.Series,
    text: str,
    *,
    cat: LikertCatalog,
    decimal_comma: bool = False,
    forced: str | None = None,
    fit: _Fit | None = None,
) -> ColumnType:
    """Type one question from its distinct non-empty values and their counts.

    Parameters
    ----------
    counts : Series
        ``value_counts()`` of the column's non-empty answers (index: the distinct values).
    text : str
        The question text (NPS, CES and numeric-Likert detection read it).
    cat : LikertCatalog
        The known Likert scales.
    decimal_comma : bool
        Read "3,5" as 3.5 (';'-delimited files from Dutch Excel).
    forced : str, optional
        A kind from ``study.toml`` that overrides detection.
    fit : _Fit, optional
        The Likert scale shared by the question's matrix siblings.
    """
    uniques = counts.index.tolist()
    if forced in (None, "nps") and (forced or _NPS_TEXT.search(text)) and uniques:
        typed = _nps(uniques, forced == "nps")
        if typed is not None:
            return typed
    if forced in (None, "likert"):
        if fit is None:
            fits = likert_fits(uniques, cat)
            if not fits and forced == "likert":  # declared a scale: read it from the labels that are on one
                fits = likert_fits([u for u in uniques if _parse_labelled(u, cat) != (None, None, False)], cat)
            fit = fits[0] if fits else None
        typed = _likert(fit, cat) if fit is not None else _numeric_likert(uniques, text, cat, forced == "likert")
        if typed is None and forced == "likert":
            typed = ColumnType("likert", num={}, options=uniques)
        if typed is not None:
            kind = fit.key[0] if fit is not None else None
            if (kind == "ease" and typed.num) or (_CES_TEXT.search(text) and not _CLARITY_TEXT.search(text)
                                                  and kind in (None, "agreement", "ease")):
                typed.metric = "ces"
            elif _CSAT_TEXT.search(text) and (fit is None or fit.key[0] == "satisfaction") and typed.num:
                typed.metric = "csat"
            return typed
    if forced in (None, "numeric"):
        typed = _numeric(uniques, decimal_comma, forced == "numeric", counts)
        if typed is not None:
            return typed
    if forced in (None, "date"):
        typed = _date(uniques, forced == "date")
        if typed is not None:
            return typed
        if forced == "date":
            return ColumnType("date", num={}, text={})
    if forced == "open":
        return ColumnType("open")
    typed = _choice_or_multi(counts, forced, text)
    if typed.kind == "choice" and forced is None:
        typed.near_scale = _near_scale(uniques, cat)
    return typed


def _near_scale(uniques: Sequence[str], cat: LikertCatalog) -> tuple[str, ...]:
    """The labels (lowest first) of the known scale that all answers but one are on, or (): a rating
    question one of whose labels is worded differently ("Heel erg makkelijk"), read as a plain choice."""
    if not 3 <= len(uniques) <= 11:
        return ()
    on = Counter()
    for u in uniques:
        entries, _, no_answer = _parse_labelled(u, cat)
        for key in {(e.key, e.lang) for e in entries or ()}:
            on[key] += 1
    if not on:
        return ()
    (key, lang), n = on.most_common(1)[0]
    if n < 2 or n < len(uniques) - 1:
        return ()
    return tuple(cat.labels[(key[0], key[1], lang)])


def declared_scale(counts: pd.Series, labels: Sequence[str], cat: LikertCatalog) -> tuple[ColumnType, list[str]]:
    """A Likert question on a scale the researcher declared (``labels`` lowest first).

    Answers match a label as in the catalog (case, spacing, a leading "3 - " or trailing "(3)");
    a number 1..n is that point. Returns the type and the answers that are on no point of the
    scale (kept as text without a number), leaving out "no answer" labels such as "Weet ik niet".
    """
    points = {norm_label(lab): float(i) for i, lab in enumerate(labels, start=1)}
    num: dict[str, float] = {}
    off = []
    for u in counts.index:
        value = str(u)
        n = norm_label(value)
        if n in points:
            num[u] = points[n]
            continue
        m = _NUM_LABEL.match(value) or _LABEL_NUM.match(value)
        if m is not None:
            label = m.group(2) if m.re is _NUM_LABEL else m.group(1)
            if norm_label(label) in points:
                num[u] = points[norm_label(label)]
                continue
        if _INT.match(value) and 1 <= int(value) <= len(labels):
            num[u] = float(int(value))
        elif not opt_out(value, cat):
            off.append(value)
    typed = ColumnType("likert", num=num, options=list(labels), scale_min=1.0, scale_max=float(len(labels)))
    return typed, off


def family_fit(counts_list: Sequence[pd.Series], cat: LikertCatalog) -> tuple[str, int] | None:
    """The key of the one Likert scale all matrix rows of a question fit (best summed score), or None."""
    per_col = []
    for counts in counts_list:
        if len(counts) == 0:
            continue
        fits = likert_fits([str(u) for u in counts.index], cat)
        if not fits:
            return None
        per_col.append({f.key: f for f in fits})
    if len(per_col) < 2:
        return None
    common = set.intersection(*(set(d) for d in per_col))
    if not common:
        return None

    def total(key):
        scores = [d[key].score for d in per_col]
        return (sum(s[0] for s in scores), sum(s[1] for s in scores), key[1], scores[0][3])

    best = min(common, key=total)
    five = (best[0], 5)
    if best[1] == 7 and five in common and not any(d[five].score[0] for d in per_col):
        used = {int(v) for d in per_col for v in d[best].num.values()}
        if not used & {2, 6}:  # the 5-point scale worded "Somewhat …" (see _five_point_first)
            return five
    return best


def refit(fit_key: tuple[str, int], counts: pd.Series, cat: LikertCatalog) -> _Fit | None:
    """The fit of one column for a given scale key (after :func:`family_fit`)."""
    for f in likert_fits([str(u) for u in counts.index], cat):
        if f.key == fit_key:
            return f
    return None


def multi_family(counts_list: Sequence[pd.Series], options: Sequence[str | None], cat: LikertCatalog) -> list[str] | None:
    """Options of a multi-select question exported as one column per choice, or None.

    Each column must hold at most one distinct value: an indicator ("1", "Y", "Ja", "X") or the
    choice's own text (SurveyMonkey, Qualtrics "split multi-value fields"). Returns the option
    label of each column (its sub-option label, or the value it holds).
    """
    labels = []
    for counts, option in zip(counts_list, options, strict=True):
        if len(counts) > 1:
            return None
        if len(counts) == 0:
            labels.append(option or "")
            continue
        value = str(counts.index[0]).strip()
        nv = norm_label(value)
        if nv in _INDICATORS:
            if not option:
                return None
            labels.append(option)
        elif (option and nv == norm_label(option)) or (
            option is None and nv not in cat.index and not _NUMBER.match(value)
        ):
            labels.append(value)
        else:
            return None
    return labels if any(len(c) for c in counts_list) else None
