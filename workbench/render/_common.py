"""What every renderer shows of a cell: its items, with thin evidence and funnel fallback."""

from __future__ import annotations

import pandas as pd

from ..journey import labels as L
from ..journey.assemble import EVERYONE, JourneyMap

__all__ = ["cell_items", "persona_header", "resolve_persona", "neutralise_formula", "FORMULA_STARTS"]

#: First characters that make a spreadsheet treat a cell as a formula (with full-width forms).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠", "|")


def neutralise_formula(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe (OWASP advice)."""
    s = str(text)
    stripped = s.lstrip(" \u00a0")
    if stripped[:1] in FORMULA_STARTS or s[:1] in FORMULA_STARTS:
        return "'" + s
    return s


def resolve_persona(jm: JourneyMap, persona: str | None) -> str:
    """A persona key from a key, a persona name or ``None`` (everyone)."""
    if persona is None or persona == EVERYONE:
        return EVERYONE
    if persona in jm.persona_keys:
        return persona
    hit = jm.personas.loc[jm.personas["name"] == persona, "persona"]
    if len(hit):
        return str(hit.iloc[0])
    raise KeyError(f"unknown persona {persona!r}; use one of {jm.persona_keys}")


def cell_items(jm: JourneyMap, persona: str, phase: str, lane: str) -> list[dict]:
    """The items of a cell as dicts (rank, text, n, thin, detail, value, ids, shared).

    A persona's metrics cell also lists the funnel metrics of everyone (web analytics are not
    per persona), marked ``shared``.
    """
    rows = jm.cell(persona, phase, lane)
    if lane == "metrics" and persona != EVERYONE:
        funnel = jm.cell(EVERYONE, phase, lane)
        funnel = funnel[funnel["evidence_ids"].map(lambda t: bool(t) and str(t[0]).startswith("funnel:"))]
        rows = pd.concat([rows, funnel.assign(_shared=True)], ignore_index=True)
    items = []
    for r in rows.to_dict("records"):
        shared = bool(r.get("_shared", False)) is True
        text = str(r["text"]) + (f" ({L.text('all_visitors', jm.lang)})" if shared else "")
        items.append({"rank": int(r["rank"]), "text": text, "n": int(r["n_evidence"]), "thin": bool(r["thin"]),
                      "detail": str(r["detail"] or ""), "value": r["value"], "ids": tuple(r["evidence_ids"]),
                      "shared": shared, "persona": EVERYONE if shared else persona})
    return items


def persona_header(jm: JourneyMap, persona: str) -> str:
    """'Name — 120 respondents · 4 interviewees · 560 documents'."""
    row = jm.personas[jm.personas["persona"] == persona].iloc[0]
    parts = [L.text("respondents", jm.lang, n=int(row["n_respondents"])),
             L.text("participants", jm.lang, n=int(row["n_participants"])),
             L.text("docs", jm.lang, n=int(row["n_documents"]))]
    return f"{jm.persona_name(persona)} — " + " · ".join(parts)
