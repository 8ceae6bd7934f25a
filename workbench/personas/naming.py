"""Generated persona names, from what sets each persona apart, in the survey's own words.

A name joins the two strongest distinguishing answers of a persona (largest effect sizes on the
card, at least :data:`MIN_EFFECT`), each in the words of the survey: the option chosen more often,
with the question's short topic (``hoofdrekening: Ja``, ``Vergelijkingssite``), the statement
agreed with (``‘Ik zoek altijd naar de laagste prijs’``) or disagreed with (``oneens: ‘…’``), a
number that is high or low, and for metric questions the study's metric (``NPS: promotor``,
``tevreden: het bestellen``).

A name claims only what holds for most of the persona. When the card knows the shares
(``persona_value`` of an option; ``p_top`` / ``p_bottom``, the share of the persona answering at
the top or the bottom of a scale — promoters and detractors for an NPS), a claim that holds for
half or fewer is said as a comparison with everyone: ``meer promotors`` rather than ``NPS:
promotor`` for a persona whose mean answer is 7.7, ``hoofdrekening: vaker Ja``. An option chosen
less often is named only when nothing else is, and never beside another option of the same
question. The glue words come from :data:`WORDS` in the study's language; nothing else is built
in, so names fit any domain. Names are unique within a set of personas: when two personas would
share a name, the next distinguishing answer is used instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

__all__ = ["generate_name", "feature_phrase", "trait_phrase", "short_topic", "WORDS", "MIN_EFFECT", "MOST"]

MIN_EFFECT = 0.3  # a trait must differ at least this much (Cohen's d or h) to name a persona
MAX_PART = 44  # characters of one part of a name
MAX_NAME = 64  # a name joins two parts only when they fit in this many characters
MAX_TOPIC = 32  # characters of a question's topic in a name
MOST = 0.5  # a name claims a trait of the persona only when more than this share of it has it
NAMED_KINDS = ("likert", "nps", "numeric", "choice", "multi")
#: Glue words; a key ending in ``~`` is the comparison said when the claim holds for half or fewer.
WORDS = {
    "nl": {"disagree": "oneens", "high": "hoog", "low": "laag", "persona": "Persona {number}",
           "everyone": "Alle respondenten", "csat+": "tevreden", "csat-": "ontevreden", "ces+": "makkelijk",
           "ces-": "moeizaam", "nps+": "NPS: promotor", "nps-": "NPS: criticus",
           "agree+~": "vaker eens", "disagree~": "vaker oneens", "csat+~": "vaker tevreden",
           "csat-~": "minder tevreden", "ces+~": "vaker makkelijk", "ces-~": "minder makkelijk",
           "nps+~": "meer promotors", "nps-~": "meer criticasters", "more": "vaker", "less": "minder vaak"},
    "en": {"disagree": "disagrees", "high": "high", "low": "low", "persona": "Persona {number}",
           "everyone": "All respondents", "csat+": "satisfied", "csat-": "dissatisfied", "ces+": "easy",
           "ces-": "hard", "nps+": "NPS: promoter", "nps-": "NPS: detractor",
           "agree+~": "agrees more", "disagree~": "agrees less", "csat+~": "more often satisfied",
           "csat-~": "less satisfied", "ces+~": "more often easy", "ces-~": "less easy",
           "nps+~": "more promoters", "nps-~": "more detractors", "more": "more often", "less": "less often"},
}
#: The words a question opens with before its topic: 'How satisfied are you with', 'Hoe tevreden
#: ben je over', 'Is … your', 'Wat is je'.
_LEAD = {
    "nl": re.compile(r"^(?:(?:hoe|wat|welke|waar|wanneer|waarom)(?:\s+\w+){0,2}?\s+)?"
                     r"(?:ben|bent|was|is|heb|hebt|heeft|had|vond|vindt?|zou|wil|kun|kon|gebruik|gebruikt|gebruikte|doe|doet|deed)\s+(?:je|jij|u)\s+"
                     r"(?:over|met|van|bij|in|op|aan)?\s*", re.IGNORECASE),
    "en": re.compile(r"^(?:(?:how|what|which|where|when|why)(?:\s+\w+){0,2}?\s+)?"
                     r"(?:are|were|is|was|do|did|does|have|had|would|will|can|could)\s+(?:you|they)\s+"
                     r"(?:with|about|to|by|of|in|on|at)?\s*", re.IGNORECASE),
}
_OWN = {"nl": re.compile(r"\b(?:je|jouw|uw)\s+(.+)$", re.IGNORECASE),
        "en": re.compile(r"\b(?:your)\s+(.+)$", re.IGNORECASE)}
_ARTICLE = {"nl": re.compile(r"^(?:de|het|een)\s+", re.IGNORECASE), "en": re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)}
#: The thing a question asks for: 'Via welk kanaal …', 'Which channel …', 'What kind of plan …'.
_ASKED = {"nl": re.compile(r"\b(?:welke?|wat voor(?:\s+een)?|hoeveel)\s+(?:soort\s+|type\s+)?(\w[\w-]*)", re.IGNORECASE),
          "en": re.compile(r"\b(?:which|what|how many)\s+(?:kind of\s+|type of\s+|sort of\s+)?"
                           r"(?!is\b|are\b|was\b|were\b|do\b|did\b|does\b)(\w[\w-]*)", re.IGNORECASE)}
#: What an ease or clarity statement says before its topic: 'It is easy to', 'Het was makkelijk om'.
_STATEMENT = {"nl": re.compile(r"^het\s+(?:is|was)\s+(?:\w+\s+)?(?:makkelijk|gemakkelijk|eenvoudig|duidelijk|moeilijk|"
                               r"lastig)\s+(?:om\s+)?", re.IGNORECASE),
              "en": re.compile(r"^it\s+(?:is|was)\s+(?:\w+\s+)?(?:easy|simple|clear|hard|difficult)\s+to\s+",
                               re.IGNORECASE)}


def short_topic(question: str, lang: str = "en") -> str:
    """What a question is about, in a few of its own words, for a persona's name.

    >>> short_topic("How satisfied are you with using the app day to day (card, payments)?", "en")
    'using the app day to day'
    >>> short_topic("Is the app still your main bank account?", "en")
    'main bank account'
    >>> short_topic("Hoe tevreden ben je over het doorgeven van je verhuizing?", "nl")
    'doorgeven van je verhuizing'
    >>> short_topic("Wat is je leeftijd?", "nl")
    'leeftijd'
    """
    text = " ".join(str(question).split())
    text = text.rsplit(" - ", 1)[-1]  # a matrix question's statement
    text = re.sub(r"\s*\([^)]*\)", "", text).strip().rstrip("?:.!").strip()
    lang = "nl" if lang == "nl" else "en"
    text = _STATEMENT[lang].sub("", text, count=1) or text
    lead = _LEAD[lang].match(text)
    asked = _ASKED[lang].search(text)
    if lead and asked and asked.end() <= lead.end():  # 'Welke soort abonnement heeft u …' asks for 'abonnement'
        return asked.group(1)
    rest = _LEAD[lang].sub("", text, count=1)
    if rest == text or not rest:  # no lead-in to take off: what belongs to the respondent, if named
        own = _OWN[lang].search(text)
        rest = own.group(1) if own else text
    rest = _ARTICLE[lang].sub("", rest.strip())
    rest = rest or text
    if len(rest) <= MAX_TOPIC:
        return rest
    return asked.group(1) if asked else ""  # 'Via welk kanaal had u …' -> 'kanaal'; else only the value


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


def _fits(text: str, n: int = MAX_PART) -> str:
    """``text`` when it fits in ``n`` characters, else "": a name never shows a cut-off sentence."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else ""


def _share(row, key: str) -> float | None:
    """A share the card measured for the persona (None when it did not)."""
    v = row.get(key)
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def trait_phrase(row, lang: str = "en") -> str | None:
    """One distinguishing answer in words (None when it cannot name a persona), claiming only what
    holds for most of the persona (see the module doc).

    >>> trait_phrase({"kind": "likert", "question_text": "Eens? - Ik let op de prijs", "effect": -0.9}, "nl")
    'oneens: ‘Ik let op de prijs’'
    >>> trait_phrase({"kind": "multi", "option": "Vergelijkingssite", "effect": 0.7}, "nl")
    'Vergelijkingssite'
    >>> trait_phrase({"kind": "nps", "effect": 0.6, "p_top": 0.38}, "nl")
    'meer promotors'
    >>> trait_phrase({"kind": "choice", "option": "Yes", "question_text": "Is it your main account?",
    ...               "effect": 0.9, "persona_value": 0.8}, "en")
    'main account: Yes'
    """
    w = WORDS.get(lang, WORDS["en"])
    kind, eff = row.get("kind"), float(row.get("effect", 0.0))
    if kind not in NAMED_KINDS or abs(eff) < MIN_EFFECT:
        return None
    up = eff > 0
    metric = row.get("metric")
    metric = metric if isinstance(metric, str) and metric in ("nps", "csat", "ces") else None
    held = _share(row, "p_top" if up else "p_bottom")
    most = held is None or held > MOST  # unknown: the plain claim, as the card says it
    if kind == "nps" or metric == "nps":
        return w[("nps+" if up else "nps-") + ("" if most else "~")]
    if kind in ("choice", "multi"):
        option = _fits(feature_phrase(row))
        if not option:
            return None
        chosen = _share(row, "persona_value")
        said = option if up and (chosen is None or chosen > MOST) else f"{w['more' if up else 'less']} {option}"
        question = row.get("question_text")  # a single choice's option ('Yes', '25-34') needs its question
        topic = short_topic(question, lang) if kind == "choice" and isinstance(question, str) and question.strip() \
            else ""
        return f"{topic}: {said}" if topic and topic.casefold() != option.casefold() else said
    if metric:
        topic = short_topic(feature_phrase(row), lang)
        return f"{w[metric + ('+' if up else '-') + ('' if most else '~')]}: {topic}" if topic else None
    phrase = _fits(feature_phrase(row)) if kind == "likert" else short_topic(feature_phrase(row), lang)
    if not phrase:  # a statement too long to quote whole names no persona: the card shows it
        return None
    if kind == "likert":
        if up:
            return f"‘{phrase}’" if most else f"{w['agree+~']}: ‘{phrase}’"
        return f"{w['disagree' + ('' if most else '~')]}: ‘{phrase}’"
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
    chosen = set()  # questions an option of which the persona chose more often
    rows = traits.to_dict("records")
    for row in rows:
        if row.get("kind") == "choice" and float(row.get("effect", 0.0)) >= MIN_EFFECT:
            chosen.add(row.get("question_id", row.get("question_text")))
    for row in rows:
        one_hot_not = row.get("kind") in ("choice", "multi") and float(row.get("effect", 0.0)) < 0
        if one_hot_not and row.get("kind") == "choice" and row.get("question_id", row.get("question_text")) in chosen:
            continue  # 'Yes' says it; 'less often No' beside it says nothing more
        p = trait_phrase(row, lang)
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
