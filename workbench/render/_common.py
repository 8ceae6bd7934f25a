"""What every renderer shows of a cell: its items, with thin evidence and funnel fallback."""

from __future__ import annotations

import pandas as pd

from .._escape import FORMULA_STARTS, escape_html, md_escape, md_inline, neutralise_formula, safe_url
from ..journey import labels as L
from ..journey.assemble import EVERYONE, JourneyMap

__all__ = ["count", "status_line", "unplaced_items", "cell_items", "compact_items", "RANKED", "persona_header", "resolve_persona", "neutralise_formula", "FORMULA_STARTS",
           "escape_html", "md_escape", "md_inline", "safe_url"]


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


def _item_index(jm: JourneyMap) -> dict[tuple[str, str, str], list[dict]]:
    """Every cell's items as dicts, built once per map (renderers ask for each cell many times)."""
    cache = jm.__dict__.setdefault("_cache", {})
    if "items" not in cache:
        index: dict[tuple[str, str, str], list[dict]] = {}
        c = jm.cells.sort_values(["persona", "phase", "lane", "rank"], kind="stable")
        cols = zip(c["persona"], c["phase"], c["lane"], c["rank"], c["text"], c["n_evidence"], c["thin"],
                   c["detail"], c["value"], c["evidence_ids"], strict=True)
        for persona, phase, lane, rank, text, n, thin, detail, value, ids in cols:
            index.setdefault((persona, phase, lane), []).append(
                {"rank": int(rank), "text": str(text), "n": int(n), "thin": bool(thin),
                 "detail": "" if detail is None or detail is pd.NA else str(detail), "value": value,
                 "ids": tuple(ids), "shared": False, "persona": persona})
        cache["items"] = index
    return cache["items"]


def status_line(jm: JourneyMap) -> str:
    """What the map rests on: a draft of the tagger's suggestions (with the share reviewed), or
    only the researcher's accepted codes."""
    if getattr(jm, "status", "draft") == "reviewed":
        return L.text("reviewed_map", jm.lang)
    return L.text("draft", jm.lang, p=L.number(100 * getattr(jm, "reviewed_share", 0.0), 0, jm.lang))


def unplaced_items(jm: JourneyMap) -> list[dict]:
    """The sentences without a phase as dicts (label in the map's language, text, who)."""
    u = getattr(jm, "unplaced", None)
    if u is None or not len(u):
        return []
    n = u["n"] if "n" in u.columns else pd.Series(1, index=u.index)
    return [{"label": L.text(r.label, jm.lang), "text": str(r.text), "doc_id": str(r.doc_id),
             "who": str(r.who) + (f" (n={int(k)})" if k == k and int(k) > 1 else ""), "n": int(k) if k == k else 1}
            for r, k in zip(u.itertuples(index=False), n, strict=True)]


def count(it: dict) -> str:
    """`` (n=12)`` after an item, or nothing for an item that rests on no counted evidence (a
    researcher's own idea, a note)."""
    return f" (n={it['n']})" if it.get("n") else ""


def cell_items(jm: JourneyMap, persona: str, phase: str, lane: str) -> list[dict]:
    """The items of a cell as dicts (rank, text, n, thin, detail, value, ids, shared).

    A persona's metrics cell also lists the funnel metrics of everyone (web analytics are not
    per persona), marked ``shared``.
    """
    index = _item_index(jm)
    items = [dict(it) for it in index.get((persona, phase, lane), ())]
    if lane == "metrics" and persona != EVERYONE:
        suffix = f" ({L.text('all_visitors', jm.lang)})"
        for it in index.get((EVERYONE, phase, lane), ()):
            if it["ids"] and str(it["ids"][0]).startswith("funnel:"):
                items.append({**it, "text": it["text"] + suffix, "shared": True, "persona": EVERYONE})
    return items


#: Lanes whose items are ranked by evidence: a compact output shows the top ``jm.max_items``
#: and counts the rest as "+N more" (the HTML page and the XLSX show every item).
RANKED = ("actions", "touchpoints", "needs", "pain_points")


def compact_items(jm: JourneyMap, persona: str, phase: str, lane: str) -> tuple[list[dict], int]:
    """The items a compact output (Markdown, the printed map) shows of a cell, and how many it
    leaves out: the top ``jm.max_items`` of a ranked lane (:data:`RANKED`), every item of any
    other lane."""
    items = cell_items(jm, persona, phase, lane)
    k = int(getattr(jm, "max_items", 0) or 0)
    if lane not in RANKED or k <= 0 or len(items) <= k:
        return items, 0
    return items[:k], len(items) - k


def source_label(jm: JourneyMap, source_id: str) -> str:
    """An evidence id as a reader sees it: a funnel step ``funnel:<phase id>:<step>`` with the
    phase's name in the map's language (``funnel · Oriëntatie · Productpagina bekeken``); other
    ids (P01, R-017, document ids) as they are."""
    kind, _, rest = str(source_id).partition(":")
    phase, _, step = rest.partition(":")
    if kind == "funnel" and phase in jm.phase_ids:
        return " · ".join(x for x in ("funnel", jm.phase_label(phase), step) if x)
    return str(source_id)


def persona_header(jm: JourneyMap, persona: str) -> str:
    """'Name — 120 respondents · 4 interviewees · 560 documents'."""
    row = jm.personas[jm.personas["persona"] == persona].iloc[0]
    parts = [L.text("respondents", jm.lang, n=int(row["n_respondents"])),
             L.text("participants", jm.lang, n=int(row["n_participants"])),
             L.text("docs", jm.lang, n=int(row["n_documents"]))]
    return f"{jm.persona_name(persona)} — " + " · ".join(parts)
