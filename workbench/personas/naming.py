"""Generated persona names from a persona's distinguishing traits.

The trait words live in ``workbench/data/personas/traits.toml`` (keywords -> adjective / noun,
nl and en); see that file for how features are matched. When no entry matches, the name says
what stands out in the survey's own words (``"Persona 2: ‘Ik wacht op kortingsacties’ ↑"``).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import StudyConfigError

__all__ = ["load_traits", "generate_name", "feature_phrase", "TEMPLATES"]

TEMPLATES = {
    "nl": {"both": "De {adjective} {noun}", "adjective": "De {adjective} klant", "noun": "De {noun}",
           "fallback": "Persona {number}: {phrase}"},
    "en": {"both": "The {adjective} {noun}", "adjective": "The {adjective} customer", "noun": "The {noun}",
           "fallback": "Persona {number}: {phrase}"},
}
MIN_EFFECT = 0.3  # a trait must differ at least this much (Cohen's d or h) to name a persona


@lru_cache(maxsize=8)
def load_traits(path: str | None = None) -> tuple[dict, ...]:
    """The trait entries (the shipped file, or ``path``)."""
    try:
        if path is None:
            data = resources.files("workbench").joinpath("data/personas/traits.toml").read_bytes()
        else:
            data = Path(path).read_bytes()
        entries = tomllib.loads(data.decode("utf-8")).get("trait", [])
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StudyConfigError(f"cannot read persona trait words: {exc}", path=path or "traits.toml",
                               hint="Fix the TOML syntax (see the comments at the top of the file).") from exc
    return tuple(entries)


def feature_phrase(row) -> str:
    """The words of a feature a reader recognises: option, or Likert statement, or question."""
    option = row.get("option") if hasattr(row, "get") else None
    kind = row.get("kind")
    if kind in ("choice", "multi") and isinstance(option, str) and option:
        return option
    text = row.get("question_text")
    text = text if isinstance(text, str) and text else str(row.get("column", ""))
    return text.rsplit(" - ", 1)[-1].strip()


def _position(entry: dict, text: str, kind: str, metric: str | None) -> int | None:
    """Earliest position of one of the entry's keywords in ``text`` (None: no match).

    Features of metric questions (NPS, CSAT, CES) only match entries listing that metric, and
    match them whatever their wording.
    """
    metrics = entry.get("metrics")
    if metric:
        return 0 if metrics and metric in metrics else None
    if metrics and not entry.get("keywords"):
        return None
    kinds = entry.get("kinds")
    if kinds and kind not in kinds:
        return None
    low = text.lower()
    hits = [low.find(k.lower()) for k in entry.get("keywords", ())]
    hits = [h for h in hits if h >= 0]
    return min(hits) if hits else None


def _best_entry(row: dict, entries, direction: str) -> int | None:
    """The entry whose keyword comes first in the feature's phrase (then in its full question)."""
    kind = row.get("kind", "")
    metric = row.get("metric")
    metric = metric if isinstance(metric, str) and metric else None
    texts = [feature_phrase(row)]
    full = row.get("question_text")
    if isinstance(full, str) and full and full not in texts:
        texts.append(full)
    for text in texts:
        found = []
        for i, entry in enumerate(entries):
            if not entry.get(direction):
                continue
            pos = _position(entry, text, kind, metric)
            if pos is not None:
                found.append((pos, i))
        if found:
            return min(found)[1]
    return None


def generate_name(traits: pd.DataFrame, *, number: int, lang: str = "en", entries=None) -> str:
    """A name from the top traits: adjective of the strongest matching trait, noun of the next.

    Parameters
    ----------
    traits : DataFrame
        Distinguishing features, strongest first, with ``column, kind, question_text, option,
        effect`` (see :class:`~workbench.personas.cards.PersonaCard`).
    number : int
        0-based persona number (for the fallback name).
    lang : {"nl", "en"}
    entries : sequence of dict, optional
        Trait entries (default: :func:`load_traits`).

    Examples
    --------
    >>> t = pd.DataFrame({"kind": ["likert", "multi"], "question_text": ["Q - Ik let op de prijs", "Kanaal"],
    ...                   "option": [None, "Vergelijkingssite"], "effect": [1.2, 0.6]})
    >>> generate_name(t, number=0, lang="nl")
    'De prijsbewuste vergelijker'
    """
    lang = lang if lang in TEMPLATES else "en"
    entries = load_traits() if entries is None else entries
    matched: list[tuple[int, str]] = []  # distinct (entry, direction), strongest first
    for row in traits.to_dict("records"):
        eff = float(row.get("effect", 0.0))
        if abs(eff) < MIN_EFFECT:
            continue
        direction = "high" if eff > 0 else "low"
        i = _best_entry(row, entries, direction)
        if i is not None and i not in [m[0] for m in matched]:
            matched.append((i, direction))

    def form(m, part):
        return ((entries[m[0]].get(m[1]) or {}).get(part) or {}).get(lang)

    t = TEMPLATES[lang]
    if matched:
        first_adj = form(matched[0], "adjective")
        # nouns from attitudes and behaviour before nouns from metric questions (NPS, CSAT)
        later = sorted(matched[1:], key=lambda m: bool(entries[m[0]].get("metrics")))
        later_noun = next((form(m, "noun") for m in later if form(m, "noun")), None)
        if first_adj and later_noun:
            return t["both"].format(adjective=first_adj, noun=later_noun)
        if form(matched[0], "noun"):
            return t["noun"].format(noun=form(matched[0], "noun"))
        if first_adj:
            return t["adjective"].format(adjective=first_adj)
    top = [r for r in traits.to_dict("records") if abs(float(r.get("effect", 0.0))) >= MIN_EFFECT][:2]
    if not top:
        return f"Persona {number}"
    phrase = " · ".join(
        f"‘{_short(feature_phrase(r))}’ {'↑' if float(r['effect']) > 0 else '↓'}" for r in top
    )
    return t["fallback"].format(number=number, phrase=phrase)


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
