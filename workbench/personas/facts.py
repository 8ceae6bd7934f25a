"""The facts of a persona card in words, in the card's language: one home for what the Markdown,
HTML and figure versions of a card say (``export`` and ``plots`` both import from here)."""

from __future__ import annotations

import pandas as pd

from ..journey.labels import number, signed, touchpoint_name
from .cards import PersonaCard
from .stability import verdict_label

__all__ = ["LABELS", "labels", "pct", "metrics_line", "card_facts", "subtitle", "question_short", "trait_label",
           "quote_tags"]

LABELS = {
    "nl": {"title": "Persona's", "resp": "respondenten", "stability": "stabiliteit", "traits": "Wat hen onderscheidt",
           "feature": "Kenmerk", "value": "Persona vs steekproef", "demo": "Meest gekozen antwoord", "channels": "Kanalen",
           "touch": "Contactpunten", "metrics": "Cijfers", "phases": "Behoeften en pijnpunten per fase",
           "phase": "Fase", "docs": "Teksten", "pain": "Pijnpunt", "need": "Behoefte", "quotes": "Citaten",
           "interviews": "Geïnterviewden", "sample": "steekproef", "pain_point": "pijnpunt", "no_stab":
           "stabiliteit niet bepaald", "link": "gekoppeld aan de enquête", "interview": "geplaatst via het interview",
           "only": "de enige persona",
           "tag_pain_point": "pijnpunt", "tag_need": "behoefte", "mean": "gem.",
           "over_q": "gemiddeld over {n} vragen",
           "profile": "Profiel"},
    "en": {"title": "Personas", "resp": "respondents", "stability": "stability", "traits": "What sets them apart",
           "feature": "Feature", "value": "Persona vs sample", "demo": "Most chosen answer", "channels": "Channels",
           "touch": "Touchpoints", "metrics": "Metrics", "phases": "Needs and pain points per phase",
           "phase": "Phase", "docs": "Texts", "pain": "Pain point", "need": "Need", "quotes": "Quotes",
           "interviews": "Interviewees", "sample": "sample", "pain_point": "pain point", "no_stab":
           "stability not assessed", "link": "linked to the survey", "interview": "placed by the interview",
           "only": "the only persona",
           "tag_pain_point": "pain point", "tag_need": "need", "mean": "mean",
           "over_q": "mean of {n} questions",
           "profile": "Profile"},
}


def labels(card: PersonaCard | None = None, lang: str | None = None) -> dict:
    """The words of a card (its language, else ``lang``, else English)."""
    lang = card.lang if card is not None else lang
    return LABELS.get(lang or "en", LABELS["en"])


def pct(x) -> str:
    return "–" if x is None or pd.isna(x) else f"{100 * float(x):.0f}%"


def metrics_line(card: PersonaCard) -> str:
    """NPS, CSAT and CES of the persona in the card's decimal convention."""
    lang, parts = card.lang, []
    if card.nps is not None:
        parts.append(f"NPS {signed(card.nps, 0, lang)} (n={card.n_nps})")
    if card.csat_mean is not None:
        by_q = card.csat_by_phase
        n_q = int((by_q["n"] > 0).sum()) if isinstance(by_q, pd.DataFrame) and "n" in by_q else 1
        over = f"{labels(card)['over_q'].format(n=n_q)}; " if n_q > 1 else ""  # several phases' items in one number
        parts.append(f"CSAT {number(card.csat_mean, 2, lang)} ({over}{pct(card.csat_top2)} 4–5)")
    if card.ces_mean is not None:
        parts.append(f"CES {number(card.ces_mean, 2, lang)}")
    return " · ".join(parts)


def quote_tags(card: PersonaCard, tags) -> str:
    """A quote's tags (pain_point, need) in the card's words."""
    t = labels(card)
    return ", ".join(t.get(f"tag_{x}", str(x).replace("_", " ")) for x in tags)


def question_short(text) -> str:
    """The part of a question a reader needs: the statement after " - ", else the question."""
    return str(text).rsplit(" - ", 1)[-1] if isinstance(text, str) else ""


def trait_label(row) -> str:
    """A distinguishing feature with what was asked, short enough for a bar label: a choice as
    ``question: option`` (an option alone, ``Overdag``, does not say what it answers); a Likert
    statement of a matrix question as the statement; anything else as its question.

    >>> trait_label({"kind": "choice", "question_text": "Wanneer sport je meestal?", "option": "Overdag"})
    'Wanneer sport je meestal?: Overdag'
    >>> trait_label({"kind": "likert", "question_text": "Eens? - Ik let op de prijs", "label": "x"})
    'Ik let op de prijs'
    """
    option = row.get("option")
    question = question_short(row.get("question_text"))
    if row.get("kind") in ("choice", "multi") and isinstance(option, str) and option:
        return f"{question}: {option}" if question and question != option else option
    label = row.get("label")
    return question or (str(label) if isinstance(label, str) else "")


def card_facts(card: PersonaCard) -> list[tuple[str, list[str]]]:
    """The card's short facts as (heading, lines): metrics, demographics, channels, touchpoints,
    interviewees (with how each was placed)."""
    t = labels(card)
    out = []
    m = metrics_line(card)
    if m:
        out.append((t["metrics"], [m]))
    whole = card.share >= 1.0  # one persona of everyone: 'vs the sample' compares it with itself

    def vs(r) -> str:
        return "" if whole else f"{t['sample']} {pct(r['sample_share'])}"

    def bracket(*parts: str) -> str:
        return f" ({'; '.join(p for p in parts if p)})" if any(parts) else ""

    if isinstance(card.profile, pd.DataFrame) and not card.profile.empty:
        out.append((t["profile"], [f"{question_short(r['question'])}: {r['value']}{bracket(pct(r['share']), vs(r))}"
                                   for r in card.profile.to_dict("records")]))
    if not card.demographics.empty:
        out.append((t["demo"], [f"{question_short(r['question'])}: {r['option']}{bracket(pct(r['share']), vs(r))}"
                                for r in card.demographics.to_dict("records")]))
    if not card.channels.empty:
        out.append((t["channels"], [f"{r['option']} {pct(r['share'])}{bracket(vs(r))}"
                                    for r in card.channels.to_dict("records")]))
    if not card.touchpoints.empty:
        out.append((t["touch"], [f"{touchpoint_name(r['touchpoint'], card.lang)} {pct(r['share'])}{bracket(vs(r))}"
                                 for r in card.touchpoints.to_dict("records")]))
    if card.participants:
        how = card.placed_by or {}
        out.append((t["interviews"], [", ".join(
            f"{p} ({t[how[p]]})" if how.get(p) in t else p for p in card.participants)]))
    return out


def subtitle(card: PersonaCard) -> str:
    """Size, share and the stability verdict in the card's language."""
    t = labels(card)
    s = f"{card.size} {t['resp']} ({pct(card.share)})"
    if card.verdict:
        jac = "" if card.jaccard is None or pd.isna(card.jaccard) else f" (Jaccard {number(card.jaccard, 2, card.lang)})"
        s += f" · {t['stability']}: {verdict_label(card.verdict, card.lang)}{jac}"
    else:
        s += f" · {t['no_stab']}"
    return s
