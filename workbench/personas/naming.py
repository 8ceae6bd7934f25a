"""Generated persona names, from what sets each persona apart, in the survey's own words.

A name joins the two strongest distinguishing answers of a persona (largest effect sizes on the
card, at least :data:`MIN_EFFECT`), each in the words of the survey: the option chosen more often
(``Vergelijkingssite``), the statement agreed with (``‘Ik zoek altijd naar de laagste prijs’``)
or disagreed with (``oneens: ‘…’``), a number that is high or low, and for metric questions the
study's metric (``NPS: promotor``, ``tevreden: Het bestellen``). The glue words come from
:data:`WORDS` in the study's language; nothing else is built in, so names fit any domain. Names
are unique within a set of personas: when two personas would share a name, the next
distinguishing answer is used instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["generate_name", "feature_phrase", "trait_phrase", "WORDS", "MIN_EFFECT"]

MIN_EFFECT = 0.3  # a trait must differ at least this much (Cohen's d or h) to name a persona
MAX_PART = 44  # characters of one part of a name
MAX_NAME = 64  # a name joins two parts only when they fit in this many characters
NAMED_KINDS = ("likert", "nps", "numeric", "choice", "multi")
WORDS = {
    "nl": {"disagree": "oneens", "high": "hoog", "low": "laag", "not": "niet", "persona": "Persona {number}",
           "everyone": "Alle respondenten", "csat+": "tevreden", "csat-": "ontevreden", "ces+": "makkelijk",
           "ces-": "moeizaam", "nps+": "NPS: promotor", "nps-": "NPS: criticus"},
    "en": {"disagree": "disagrees", "high": "high", "low": "low", "not": "not", "persona": "Persona {number}",
           "everyone": "All respondents", "csat+": "satisfied", "csat-": "dissatisfied", "ces+": "easy",
           "ces-": "hard", "nps+": "NPS: promoter", "nps-": "NPS: detractor"},
}


def feature_phrase(row) -> str:
    """The words of a feature a reader recognises: option, or Likert statement, or question."""
    option = row.get("option") if hasattr(row, "get") else None
    kind = row.get("kind")
    if kind in ("choice", "multi") and isinstance(option, str) and option:
        return option
    text = row.get("question_text")
    text = text if isinstance(text, str) and text else str(row.get("column", ""))
    return text.rsplit(" - ", 1)[-1].strip()


def _short(text: str, n: int = MAX_PART) -> str:
    """``text`` in at most ``n`` characters, cut at a word end with "…" ('Ik wil alle specificaties…',
    not '… afmetingen pre…'); a single word longer than half of ``n`` is cut inside it."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    if text[n - 1] != " " and cut.rfind(" ") >= n // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:") + "…"


def trait_phrase(row, lang: str = "en") -> str | None:
    """One distinguishing answer in words (None when it cannot name a persona).

    >>> trait_phrase({"kind": "likert", "question_text": "Eens? - Ik let op de prijs", "effect": -0.9}, "nl")
    'oneens: ‘Ik let op de prijs’'
    >>> trait_phrase({"kind": "multi", "option": "Vergelijkingssite", "effect": 0.7}, "nl")
    'Vergelijkingssite'
    """
    w = WORDS.get(lang, WORDS["en"])
    kind, eff = row.get("kind"), float(row.get("effect", 0.0))
    if kind not in NAMED_KINDS or abs(eff) < MIN_EFFECT:
        return None
    up = eff > 0
    metric = row.get("metric")
    metric = metric if isinstance(metric, str) and metric in ("nps", "csat", "ces") else None
    if kind == "nps" or metric == "nps":
        return w["nps+" if up else "nps-"]
    phrase = _short(feature_phrase(row))
    if kind in ("choice", "multi"):
        return phrase if up else f"{w['not']}: {phrase}"
    if metric:
        return f"{w[metric + ('+' if up else '-')]}: {phrase}"
    if kind == "likert":
        return f"‘{phrase}’" if up else f"{w['disagree']}: ‘{phrase}’"
    return f"{w['high' if up else 'low']}: {phrase}"


def generate_name(traits: pd.DataFrame, *, number: int, lang: str = "en", taken: Iterable[str] = ()) -> str:
    """A name from a persona's distinguishing answers, not in ``taken``.

    Parameters
    ----------
    traits : DataFrame
        Distinguishing features, strongest first, with ``kind, question_text, option, effect``
        (and optionally ``metric``; see :class:`~workbench.personas.cards.PersonaCard`).
    number : int
        0-based persona number (for a name when nothing sets the persona apart).
    lang : {"nl", "en"}
    taken : iterable of str
        Names already given to other personas.

    Examples
    --------
    >>> t = pd.DataFrame({"kind": ["likert", "multi"], "question_text": ["Q - Ik let op de prijs", "Kanaal"],
    ...                   "option": [None, "Vergelijkingssite"], "effect": [1.2, 0.6]})
    >>> generate_name(t, number=0, lang="nl")
    '‘Ik let op de prijs’ · Vergelijkingssite'
    >>> generate_name(t, number=0, lang="nl", taken=["‘Ik let op de prijs’ · Vergelijkingssite"])
    '‘Ik let op de prijs’'
    """
    w = WORDS.get(lang, WORDS["en"])
    taken = set(taken)
    positive, negative = [], []  # what a persona does / agrees with reads better than what it does not
    for row in traits.to_dict("records"):
        p = trait_phrase(row, lang)
        one_hot_not = row.get("kind") in ("choice", "multi") and float(row.get("effect", 0.0)) < 0
        if p and p not in positive + negative:
            (negative if one_hot_not else positive).append(p)
    phrases = (positive + negative)[:5]
    pairs = [f"{a} · {b}" for i, a in enumerate(phrases) for b in phrases[i + 1:]]
    short = [n for n in pairs if len(n) <= MAX_NAME]
    candidates = short[:1] + phrases[:1] + short[1:] + phrases[1:] + pairs
    for name in candidates:
        if name not in taken:
            return name
    base = phrases[0] if phrases else w["persona"].format(number=number + 1)
    name = base if base not in taken else f"{base} ({w['persona'].format(number=number + 1).lower()})"
    while name in taken:
        name += "'"
    return name
