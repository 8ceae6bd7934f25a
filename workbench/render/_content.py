"""The deliverable's anatomy as plain data, the same for every renderer: the persona header,
steps, backstage, metrics with their KPI targets, opportunity fields, definitions.

Every function reads the map only (``jm.persona_facts``, ``jm.steps``, ``jm.backstage``,
``jm.kpis``, ``jm.opportunities``, ``jm.metrics``) and tolerates a map without the anatomy (a
plain :func:`~workbench.journey.build_journey_map` result): the parts are then empty.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..journey import labels as L
from ..journey.anatomy import kpi_rows
from ..journey.assemble import EVERYONE, METRIC_ORDER, JourneyMap, _opportunity_cells, effective_priority
from ._common import cell_items
from ._texts import t

__all__ = ["persona_block", "overall_items", "overall_line", "steps_of", "backstage_of", "metric_items", "opportunity_meta", "definitions",
           "sample_line", "kpi_text", "frame_of"]


def frame_of(jm: JourneyMap, name: str) -> pd.DataFrame:
    """An anatomy frame of the map, or an empty frame when the map has none."""
    f = getattr(jm, name, None)
    return f if isinstance(f, pd.DataFrame) else pd.DataFrame()


def _pct(x: float, lang: str) -> str:
    return L.number(100 * x, 0, lang) + "%"


def persona_block(jm: JourneyMap, key: str) -> dict:
    """The header of a persona's map: ``name``, ``counts`` (respondents with share, interviewees,
    texts), ``stability`` (text) and ``level`` (stable / doubtful / unstable / None), ``apart``
    (strongest traits, or the personas on everyone's map), ``apart_label``, ``need`` (text or
    None), ``need_where``, ``quote`` and ``who``."""
    lang = jm.lang
    row = jm.personas[jm.personas["persona"] == key].iloc[0]
    facts = frame_of(jm, "persona_facts")
    f = facts[facts["persona"] == key].iloc[0].to_dict() if len(facts) and (facts["persona"] == key).any() else {}
    resp = L.text("respondents", lang, n=int(row["n_respondents"]))
    share = _num(f.get("share"))
    if key != EVERYONE and share is not None:
        resp += f" ({_pct(share, lang)})"
    counts = " · ".join([resp, L.text("participants", lang, n=int(row["n_participants"])),
                         L.text("docs", lang, n=int(row["n_documents"]))])
    overall = overall_line(jm, key)
    if overall:
        counts += " · " + overall
    level = f.get("stability") if isinstance(f.get("stability"), str) else None
    if key == EVERYONE:
        stability = ""
    elif level in ("stable", "doubtful", "unstable"):
        j = _num(f.get("jaccard"))
        stability = t(level, lang) + (f" ({t('jaccard', lang, j=L.number(j, 2, lang))})" if j is not None else "")
    else:
        stability = t("stability_unknown", lang)
    need = f.get("text")
    need = str(need) if isinstance(need, str) and need else None
    where = ""
    if need and f.get("text_phase"):
        where = t("need_where", lang, phase=jm.phase_label(str(f["text_phase"])), n=int(f.get("text_n") or 0))
    quote = f.get("quote")
    return {"name": jm.persona_name(key), "counts": counts, "stability": stability, "level": level,
            "apart": [str(a) for a in (f.get("apart") or ())],
            "apart_label": t("personas" if key == EVERYONE else "apart", lang),
            "need": need, "need_where": where, "quote": str(quote) if isinstance(quote, str) and quote else None,
            "who": str(f.get("quote_who") or "")}


def overall_items(jm: JourneyMap, key: str) -> list[dict]:
    """The whole-study metrics of a map's people (questions without a phase, such as an NPS about
    the whole relationship): ``metric``, ``value``, ``n`` and ``text`` ('NPS −20 (n=60)')."""
    o = frame_of(jm, "overall_metrics")
    if o.empty:
        return []
    o = o[o["persona"] == key]
    order = [METRIC_ORDER.index(x) if x in METRIC_ORDER else len(METRIC_ORDER) for x in o["metric"]]
    o = o.assign(_o=order).sort_values(["_o", "metric"], kind="stable")
    return [{"metric": str(r.metric), "value": r.value, "n": int(r.n),
             "text": f"{L.metric_text(str(r.metric), float(r.value), jm.lang)} (n={L.number(int(r.n), 0, jm.lang)})"}
            for r in o.itertuples(index=False)]


def overall_line(jm: JourneyMap, key: str) -> str:
    """'overall: NPS −20 (n=60)' (in the map's language), or '' when the study has none."""
    items = overall_items(jm, key)
    return f"{t('overall', jm.lang)}: " + " · ".join(it["text"] for it in items) if items else ""


def steps_of(jm: JourneyMap, phase: str) -> list[str]:
    s = frame_of(jm, "steps")
    if s.empty:
        return []
    return [str(x) for x in s[s["phase"] == phase].sort_values("order")["step"]]


def backstage_of(jm: JourneyMap, phase: str) -> list[dict]:
    """``kind`` (owner / system / process), ``label`` and ``value`` of a phase's backstage."""
    b = frame_of(jm, "backstage")
    if b.empty:
        return []
    return [{"kind": str(r.kind), "label": t(str(r.kind), jm.lang), "value": str(r.value), "source": str(r.source)}
            for r in b[b["phase"] == phase].itertuples(index=False)]


def kpi_text(k: dict, lang: str) -> str:
    """'target ≥ 70 ✗' / 'doel ≥ 70 ✓' for a row of :func:`workbench.journey.anatomy.kpi_rows`."""
    mark = "" if k["met"] is None else (" ✓" if k["met"] else " ✗")
    return t("target", lang, t=_target(k, lang)) + mark


def _target(k: dict, lang: str) -> str:
    """A KPI target in the language's decimal convention (``3,5`` in Dutch), ``%`` for shares."""
    pct = k["metric"] in ("csat_top2", "ces_agree", "conversion") or k["metric"].startswith(("micro:", "macro:"))
    return L.plain(k["target"], lang) + ("%" if pct else "")


def _cache(jm: JourneyMap) -> dict:
    """Per-map cache of what every renderer asks for cell by cell (a map is not changed after it
    is built: a changed map is a new object, with an empty cache)."""
    return jm.__dict__.setdefault("_cache", {})


def _metric_names(jm: JourneyMap, persona: str, phase: str) -> dict[int, str]:
    """rank -> metric name of a metrics cell (the order :func:`build_journey_map` ranks them in)."""
    cache = _cache(jm)
    if "metric_names" not in cache:
        index: dict[tuple[str, str], dict[int, str]] = {}
        m = jm.metrics
        if len(m):
            order = [METRIC_ORDER.index(x) if x in METRIC_ORDER else len(METRIC_ORDER) for x in m["metric"]]
            ranked = m.assign(_o=order).sort_values(["persona", "phase", "_o", "metric"], kind="stable")
            for (pers, ph), g in ranked.groupby(["persona", "phase"], sort=False):
                index[(pers, ph)] = {i + 1: name for i, name in enumerate(g["metric"])}
        cache["metric_names"] = index
    return cache["metric_names"].get((persona, phase), {})


def metric_items(jm: JourneyMap, persona: str, phase: str) -> list[dict]:
    """The metrics cell with each measured metric's KPI target (``kpi``) and the targets nothing
    was measured for (``text`` says so, ``n`` 0), as :func:`cell_items` dicts with ``metric``."""
    lang = jm.lang
    items = cell_items(jm, persona, phase, "metrics")
    own = _metric_names(jm, persona, phase)
    shared = _metric_names(jm, EVERYONE, phase)
    kpis = {k["metric"]: k for k in kpi_rows(jm, persona, phase)}
    for it in items:
        it["metric"] = (shared if it.get("shared") else own).get(it["rank"], "")
        it["kpi"] = kpis.pop(it["metric"], None)
    for k in kpis.values():
        items.append({"rank": len(items) + 1, "text": t("kpi_line", lang, m=_metric_label(k["metric"], lang),
                                                        t=_target(k, lang)),
                      "n": 0, "thin": False, "detail": "", "value": np.nan, "ids": (), "shared": k["shared"],
                      "persona": persona, "metric": k["metric"], "kpi": None, "unmeasured": True})
    return items


def _metric_label(metric: str, lang: str) -> str:
    kind, _, step = metric.partition(":")
    if step:
        return f"{kind} {step}"
    return {"nps": "NPS", "csat_mean": "CSAT", "csat_top2": "CSAT top-2", "ces_mean": "CES",
            "ces_agree": "CES %", "conversion": "conversie" if lang == "nl" else "conversion"}.get(metric, metric)


def opportunity_meta(jm: JourneyMap, persona: str, phase: str) -> dict[int, dict]:
    """rank -> the fields of an opportunity item: ``priority`` (label), ``score``, ``effort``,
    ``owner``, ``status``, ``opportunity_id`` and ``fields`` (a short line of what is set)."""
    cache = _cache(jm)
    if "opportunity_meta" not in cache:
        cache["opportunity_meta"] = _opportunity_index(jm)
    return {rank: dict(m) for rank, m in cache["opportunity_meta"].get((persona, phase), {}).items()}


def _opportunity_index(jm: JourneyMap) -> dict[tuple[str, str], dict[int, dict]]:
    opps = jm.opportunities
    if not len(opps):
        return {}
    oc = _opportunity_cells(opps, jm.phase_ids)  # the ranks the map's cells have
    lang = jm.lang
    out: dict[tuple[str, str], dict[int, dict]] = {}
    eff = effective_priority(oc)
    for r, prio in zip(oc.to_dict("records"), eff, strict=True):
        computed = _num(r.get("priority"))
        set_ = _num(r.get("priority_set"))
        label = ""
        if prio == prio:
            label = t("priority", lang, n=int(prio))
            if set_ is not None and computed is not None and int(set_) != int(computed):
                label = t("priority_set", lang, n=int(set_), c=int(computed))
        effort = r.get("effort") if isinstance(r.get("effort"), str) else None
        owner = r.get("owner") if isinstance(r.get("owner"), str) else None
        status = str(r.get("status")) if isinstance(r.get("status"), str) else "open"
        parts = [p for p in (t("effort", lang, x=t(effort, lang)) if effort else "",
                             f"{t('owner', lang).lower()} {owner}" if owner else "",
                             t(f"status_{status}", lang) if status != "open" else "") if p]
        oid = _num(r.get("opportunity_id"))
        out.setdefault((r["persona"], r["phase"]), {})[int(r["rank"])] = {
            "priority": label, "score": _num(r.get("value")), "effort": effort, "owner": owner, "status": status,
            "opportunity_id": None if oid is None else int(oid), "fields": " · ".join(parts)}
    return out


def _num(x) -> float | None:
    """A number, or ``None`` for anything missing (None, NaN, pd.NA) or not a number."""
    try:
        return None if x is None or pd.isna(x) else float(x)
    except (TypeError, ValueError):
        return None


def sample_line(jm: JourneyMap, key: str) -> str:
    lang = jm.lang
    everyone = jm.personas[jm.personas["persona"] == EVERYONE].iloc[0]
    s = t("sample", lang, r=int(everyone["n_respondents"]), i=int(everyone["n_participants"]),
          d=int(everyone["n_documents"]))
    if key != EVERYONE:
        row = jm.personas[jm.personas["persona"] == key].iloc[0]
        s += "; " + t("sample_persona", lang, r=int(row["n_respondents"]), i=int(row["n_participants"]),
                      d=int(row["n_documents"]))
    return s


def definitions(jm: JourneyMap, *, shared: bool = False) -> list[str]:
    """What the printed map's readers need to know: emotion, each metric on the map (with its
    scale), n, thin evidence, priorities, targets and — on a persona's map — the shared mark."""
    lang = jm.lang
    out = [t("emotion_def", lang)]
    frames = [f for f in (jm.metrics, frame_of(jm, "overall_metrics")) if len(f)]
    if frames:
        both = pd.concat(frames, ignore_index=True)
        m = both.assign(_o=[METRIC_ORDER.index(x) if x in METRIC_ORDER else len(METRIC_ORDER)
                            for x in both["metric"]]).sort_values("_o", kind="stable")
        seen = []
        for d in m["definition"].dropna().astype(str):
            if d not in seen:
                seen.append(d)
        out += seen
    out += [t("n_def", lang), t("thin_def", lang, k=jm.min_evidence), t("priority_def", lang)]
    if len(frame_of(jm, "kpis")):
        out.append(t("kpi_def", lang))
    if shared:
        out.append(t("shared_mark", lang))
    return out
