"""What turns a journey map into a deliverable: steps within phases, the backstage, KPI targets
and a header per persona.

Two kinds of content meet here, and every output says which is which:

- **from the researcher**: steps within a phase (the phase model's ``steps`` or
  ``[map.phases.<phase>] steps`` in ``study.toml``), the backstage — who owns a phase, which
  system and process carry it — and KPI targets per phase (``study.toml`` or the study store,
  where ``workbench plan`` and notebook 04 write; the store wins);
- **from the data**: each persona's share and size, what sets it apart (its strongest traits
  against the whole sample), its stability, its main need (the need theme with most evidence on
  its map) and a headline quote (the persona card's first quote, else the map's).

:func:`attach_anatomy` fills the map's ``steps``, ``backstage``, ``kpis`` and ``persona_facts``
frames (columns in :mod:`workbench.journey.assemble`); :func:`kpi_rows` puts a phase's targets
against the measured values.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from .._atomic import write_text
from ..privacy import display_id
from . import labels as L
from ._evidence import EVERYONE
from .assemble import JourneyMap

__all__ = ["attach_anatomy", "map_plan", "persona_facts", "kpi_rows", "save_facts", "load_facts",
           "STEP_COLUMNS", "BACKSTAGE_COLUMNS", "KPI_COLUMNS", "FACT_COLUMNS", "FACTS_FILE"]

STEP_COLUMNS = ["phase", "order", "step"]
BACKSTAGE_COLUMNS = ["phase", "kind", "value", "source"]
KPI_COLUMNS = ["phase", "metric", "target", "source"]
FACT_COLUMNS = ["persona", "share", "n_respondents", "n_participants", "stability", "jaccard", "apart", "text",
                "text_phase", "text_n", "quote", "quote_who"]
FACTS_FILE = "persona_facts.json"
KINDS = ("owner", "system", "process")
#: Funnel metrics are measured over all visitors, never per persona.
_FUNNEL = ("conversion", "micro:", "macro:")


def map_plan(model, lang: str, config_phases: dict | None = None, store=None):
    """Steps, backstage and KPI targets per phase: the phase model's steps, then ``study.toml``'s
    ``[map.phases.<phase>]``, then the study store (each later source wins, per phase and field).

    Returns three frames: ``steps`` (phase, order, step), ``backstage`` (phase, kind, value,
    source) and ``kpis`` (phase, metric, target, source); ``source`` is ``study.toml`` or
    ``store``. Rows of phases not in the model are left out (with ``store`` rows of a phase the
    model no longer has reported by :func:`attach_anatomy`).
    """
    ids = list(model.ids)
    steps: dict[str, tuple[str, ...]] = {p.id: tuple(getattr(p, "step_names", lambda _l: ())(lang)) for p in model}
    back: dict[tuple[str, str], tuple[str, str]] = {}
    kpi: dict[tuple[str, str], tuple[float, str]] = {}
    for phase, entry in (config_phases or {}).items():
        if entry.get("steps"):
            steps[phase] = tuple(entry["steps"])
        for kind in KINDS:
            if entry.get(kind):
                back[(phase, kind)] = (str(entry[kind]), "study.toml")
        for metric, target in entry.get("kpi", {}).items():
            kpi[(phase, metric)] = (float(target), "study.toml")
    if store is not None:
        for r in store.backstage().itertuples(index=False):
            back[(str(r.phase), str(r.kind))] = (str(r.text), "store")
        for r in store.kpi_targets().itertuples(index=False):
            kpi[(str(r.phase), str(r.metric))] = (float(r.target), "store")
    order = {p: i for i, p in enumerate(ids)}
    st = pd.DataFrame([(p, i + 1, s) for p in ids for i, s in enumerate(steps.get(p, ()))], columns=STEP_COLUMNS)
    bk = pd.DataFrame([(p, k, v, src) for (p, k), (v, src) in back.items() if p in order], columns=BACKSTAGE_COLUMNS)
    kp = pd.DataFrame([(p, m, t, src) for (p, m), (t, src) in kpi.items() if p in order], columns=KPI_COLUMNS)
    bk = bk.assign(_o=bk["phase"].map(order), _k=bk["kind"].map(KINDS.index)).sort_values(["_o", "_k"]) \
        .drop(columns=["_o", "_k"]).reset_index(drop=True)
    kp = kp.assign(_o=kp["phase"].map(order)).sort_values(["_o", "metric"]).drop(columns="_o").reset_index(drop=True)
    kp["target"] = kp["target"].astype("float64")
    return st, bk, kp


# -- persona facts -------------------------------------------------------------------------------

def _short_label(label: str) -> str:
    """A trait's question text without the matrix question in front ("… uitspraken? - Ik wacht op
    kortingsacties" → "Ik wacht op kortingsacties") or a choice's prefix."""
    s = str(label).rsplit(" - ", 1)[-1].strip()
    s = re.sub(r"^(Selected Choice|Geselecteerde keuze)\s*:\s*", "", s)
    if len(s) > 60 and ": " in s:
        s = s.rsplit(": ", 1)[-1]
    return s


def _trait_text(rec: dict, lang: str) -> str:
    """'Ik wacht op kortingsacties: 4,4 (iedereen 2,9)' from a persona card's trait row."""
    label = _short_label(rec.get("label") or rec.get("column") or "")
    display = str(rec.get("display") or "")
    display = re.sub(r"\s*\((?:d|h)\s*=.*?\)\s*$", "", display)  # the effect size is for the card
    persona, _, sample = display.partition(" vs ")
    if lang == "nl":
        persona, sample = (re.sub(r"(\d)\.(\d)", r"\1,\2", x) for x in (persona, sample))
    if not persona:
        return label
    return f"{label}: {persona.strip()} ({L.text('everyone', lang).lower()} {sample.strip()})" if sample \
        else f"{label}: {persona.strip()}"


def _attr(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _card_rows(cards, lang: str) -> dict[str, dict]:
    """The facts a persona card holds, read tolerantly (cards of any version: missing fields are
    simply not shown)."""
    out = {}
    for card in cards or ():
        key = _attr(card, "key")
        if not key:
            continue
        traits = _attr(card, "traits")
        apart: list[str] = []
        if isinstance(traits, pd.DataFrame) and len(traits):
            apart = [_trait_text(r, lang) for r in traits.head(3).to_dict("records")]
        elif isinstance(traits, list | tuple):
            apart = [str(t) for t in traits[:3]]
        quote, who = None, ""
        for q in _attr(card, "quotes") or ():
            text = _attr(q, "text")
            if isinstance(text, str) and text.strip():
                quote = text.strip()
                who = display_id(_attr(q, "participant_id"), _attr(q, "respondent_id")) or str(_attr(q, "doc_id") or "")
                break
        jac = _attr(card, "jaccard")
        out[str(key)] = {"share": _float(_attr(card, "share")), "stability": _attr(card, "verdict"),
                         "jaccard": _float(jac), "apart": tuple(apart), "quote": quote, "quote_who": who}
    return out


def _float(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return np.nan


def save_facts(cards, path: str | Path, lang: str) -> Path:
    """Write what :func:`persona_facts` needs from the persona cards to ``path`` (JSON), so a map
    re-rendered later (``workbench map``) has the same persona headers."""
    rows = _card_rows(cards, lang)
    clean = {k: {f: (None if isinstance(v, float) and np.isnan(v) else list(v) if isinstance(v, tuple) else v)
                 for f, v in r.items()} for k, r in rows.items()}
    return write_text(Path(path), json.dumps(clean, ensure_ascii=False, indent=1))


def load_facts(path: str | Path) -> tuple[list[dict], str | None]:
    """The saved card facts as card-like dicts, and a problem to report (``None`` when fine or
    when no file was saved)."""
    path = Path(path)
    if not path.exists():
        return [], None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        return [], f"{path}: {exc}"
    return [{"key": k, **{f: v for f, v in r.items() if f != "apart"}, "traits": list(r.get("apart") or ()),
             "verdict": r.get("stability"), "quotes": [{"text": r.get("quote"), "doc_id": r.get("quote_who")}]
             if r.get("quote") else []} for k, r in data.items() if isinstance(r, dict)], None


def _main_need(jm: JourneyMap, key: str) -> tuple[str | None, str | None, int]:
    """The persona's need theme with most evidence on its map (not thin when one is not)."""
    c = jm.cells[(jm.cells["persona"] == key) & (jm.cells["lane"] == "needs")]
    c = c[~c["text"].map(lambda x: L.is_other(x, jm.lang)).astype(bool)]  # 'other': not read as a wish
    if c.empty:
        return None, None, 0
    c = c.sort_values(["thin", "n_evidence", "value"], ascending=[True, False, False], kind="stable")
    r = c.iloc[0]
    return str(r["text"]), str(r["phase"]), int(r["n_evidence"])


def _map_quote(jm: JourneyMap, key: str) -> tuple[str | None, str]:
    """A headline quote from the map: the first quote of the phase with the strongest pain."""
    q = jm.quotes[jm.quotes["persona"] == key] if len(jm.quotes) else jm.quotes
    if q.empty:
        return None, ""
    pains = jm.cells[(jm.cells["persona"] == key) & (jm.cells["lane"] == "pain_points") & ~jm.cells["thin"]]
    phase = pains.sort_values("n_evidence", ascending=False, kind="stable")["phase"].iloc[0] if len(pains) else None
    pick = q[q["phase"] == phase] if phase is not None and (q["phase"] == phase).any() else q
    r = pick.sort_values("rank", kind="stable").iloc[0]
    return str(r["text"]), display_id(r["participant_id"], r["respondent_id"])


def persona_facts(jm: JourneyMap, cards=None) -> pd.DataFrame:
    """One row per persona key of the map (everyone first): :data:`FACT_COLUMNS`.

    ``cards``: the persona cards (``PersonaResult.cards``, or card-like dicts from
    :func:`load_facts`); without them share, size and the map's own need and quote are shown
    and stability is unknown."""
    by_key = _card_rows(cards, jm.lang)
    people = jm.personas.set_index("persona")
    total = int(people.loc[EVERYONE, "n_respondents"]) if EVERYONE in people.index else 0
    rows = []
    for key in jm.persona_keys:
        card = by_key.get(key, {})
        n_resp = int(people.loc[key, "n_respondents"])
        share = 1.0 if key == EVERYONE else card.get("share", np.nan)
        if share != share and total:
            share = n_resp / total
        if key == EVERYONE:
            others = [k for k in jm.persona_keys if k != EVERYONE]
            apart = tuple(f"{jm.persona_name(k)} {L.number(100 * people.loc[k, 'n_respondents'] / total, 0, jm.lang)}%"
                          for k in others) if total else ()
        else:
            apart = tuple(card.get("apart", ()))
        need, need_phase, need_n = _main_need(jm, key)
        quote, who = card.get("quote"), card.get("quote_who", "")
        if not quote:
            quote, who = _map_quote(jm, key)
        rows.append({"persona": key, "share": float(share), "n_respondents": n_resp,
                     "n_participants": int(people.loc[key, "n_participants"]),
                     "stability": card.get("stability"), "jaccard": card.get("jaccard", np.nan), "apart": apart,
                     "text": need, "text_phase": need_phase, "text_n": need_n, "quote": quote, "quote_who": who})
    out = pd.DataFrame(rows, columns=FACT_COLUMNS)
    out["text"] = out["text"].astype("string")
    out["quote"] = out["quote"].astype("string")
    return out


def attach_anatomy(jm: JourneyMap, *, study=None, store=None, cards=None) -> JourneyMap:
    """A copy of ``jm`` with its steps, backstage, KPI targets and persona facts (see the module
    doc). ``study`` gives the phase model and ``study.toml``'s ``[map]``; ``store`` the
    researcher's edits; ``cards`` the persona cards."""
    notes = list(jm.notes)
    if study is not None:
        config = getattr(study, "config", None)
        steps, back, kpis = map_plan(study.phase_model, jm.lang, getattr(config, "map_phases", {}), store)
        if store is not None:
            known = set(jm.phase_ids)
            stray = sorted({str(p) for p in pd.concat([store.backstage()["phase"], store.kpi_targets()["phase"]])}
                           - known)
            if stray:
                notes.append(_stray_note(stray, jm.lang))
    else:
        steps, back, kpis = (pd.DataFrame(columns=c) for c in (STEP_COLUMNS, BACKSTAGE_COLUMNS, KPI_COLUMNS))
    return replace(jm, steps=steps, backstage=back, kpis=kpis, persona_facts=persona_facts(jm, cards), notes=notes)


def _stray_note(phases: list[str], lang: str) -> str:
    if lang == "nl":
        return (f"De studie bewaart een backstage of doel voor fasen die het fasemodel niet heeft ({', '.join(phases)}): "
                "niet op de kaart; pas ze aan met `workbench plan`.")
    return (f"The study store holds backstage texts or targets for phases the phase model does not have "
            f"({', '.join(phases)}): not on the map; change them with `workbench plan`.")


def kpi_rows(jm: JourneyMap, persona: str, phase: str) -> list[dict]:
    """The phase's KPI targets against what was measured for ``persona`` (funnel metrics: for
    all visitors). Each: metric, target, value (NaN: not measured), n, met (None: not measured),
    shared (measured over all visitors), source."""
    k = getattr(jm, "kpis", None)
    if k is None or not len(k):
        return []
    cache = jm.__dict__.setdefault("_cache", {})
    if "measured" not in cache:  # (persona, phase, metric) -> (value, n), built once per map
        m = jm.metrics
        cache["measured"] = {(a, b, c): (float(v), int(n)) for a, b, c, v, n in zip(
            m["persona"], m["phase"], m["metric"], m["value"], m["n"], strict=True)} if len(m) else {}
    measured = cache["measured"]
    out = []
    rows = k[k["phase"] == phase]
    for metric, target, source in zip(rows["metric"], rows["target"], rows["source"], strict=True):
        metric = str(metric)
        shared = metric.startswith(_FUNNEL)
        value, n = measured.get((EVERYONE if shared else persona, phase, metric), (np.nan, 0))
        met = None if value != value else bool(value >= float(target))
        out.append({"metric": metric, "target": float(target), "value": value, "n": n, "met": met,
                    "shared": shared and persona != EVERYONE, "source": str(source)})
    return out
