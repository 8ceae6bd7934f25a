"""``workbench plan STUDY``: what the researcher adds to the map — the backstage (owner, system,
process) and KPI targets per phase, and an opportunity's priority, effort, owner and status.

Without options it prints the plan: per phase the steps, backstage and targets (and where each
comes from: ``study.toml`` or the store), then the stored opportunities. With ``--phase`` it sets
the phase's backstage texts and targets; with ``--opportunity ID`` that opportunity's fields.
Everything is written to the study store at once; ``workbench map STUDY --out DIR`` re-renders.
"""

from __future__ import annotations

import pandas as pd

from ..errors import WorkbenchError
from ..journey import labels as L

_CLEAR = "an empty value removes it"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "plan",
        help="set the backstage, KPI targets and opportunity fields of the journey map",
        description="Show or edit what the researcher adds to the journey map: per phase the owner, "
        "system and process (backstage) and KPI targets; per opportunity its priority, effort, owner "
        "and status. Written to the study store; `workbench map STUDY --out DIR` re-renders.",
    )
    p.add_argument("study", help="the study folder")
    p.add_argument("--phase", help="the phase to edit (its id or name, e.g. purchase or Aankoop)")
    p.add_argument("--owner", help=f"who owns the phase (with --phase) or the opportunity; {_CLEAR}")
    p.add_argument("--system", help=f"the systems behind the phase; {_CLEAR}")
    p.add_argument("--process", help=f"the process behind the phase; {_CLEAR}")
    p.add_argument("--kpi", action="append", default=[], metavar="METRIC=TARGET",
                   help="a target, e.g. csat_top2=70 or ces_mean=5.5 (repeatable); METRIC= removes it. Metrics: "
                   "nps, csat_mean, csat_top2, ces_mean, ces_agree, conversion, micro:<step>, macro:<step>")
    p.add_argument("--opportunity", type=int, metavar="ID", help="the opportunity to edit (ids: `workbench plan STUDY`)")
    p.add_argument("--priority", help="the opportunity's priority: 1 = first; 0 or auto = the computed one")
    p.add_argument("--effort", help=f"the opportunity's effort: low, medium or high; {_CLEAR}")
    p.add_argument("--status", help="the opportunity's status: open, accepted, rejected or done")
    p.add_argument("--text", help="a new text for the opportunity")
    p.add_argument("--coder", default="researcher", help="who makes the change (default: researcher)")
    p.set_defaults(func=run)


def _kpi(arg: str, lang: str = "en") -> tuple[str, float | None]:
    from ..config import check_kpi_metric

    metric, sep, value = arg.partition("=")
    metric = metric.strip()
    if not sep or not metric:
        raise WorkbenchError(L.text("plan_kpi_form", lang, a=arg), hint=L.text("plan_kpi_hint", lang))
    problem = check_kpi_metric(metric)
    if problem:
        raise WorkbenchError(L.text("plan_kpi_metric", lang, m=metric), hint=L.text("plan_kpi_hint", lang))
    if not value.strip():
        return metric, None
    try:
        return metric, float(value.replace(",", "."))
    except ValueError:
        raise WorkbenchError(L.text("plan_kpi_number", lang, a=arg), hint=L.text("plan_kpi_hint", lang)) from None


def _phase_edit(args, store, config) -> list[str]:
    from ..config import resolve_phase
    from ..errors import StudyConfigError

    lang, model = config.language, config.phase_model
    try:
        phase = resolve_phase(model, args.phase, lang, key="--phase")
    except StudyConfigError:  # a command-line argument, not a key of study.toml
        listing = "; ".join(f"{p.id} ({p.name(lang)})" for p in model)
        raise WorkbenchError(L.text("plan_bad_phase", lang, v=args.phase, model=model.name(lang)),
                             hint=L.text("plan_bad_phase_hint", lang, listing=listing)) from None
    name = model.label(phase, lang)
    done = []
    for kind in ("owner", "system", "process"):
        value = getattr(args, kind)
        if value is not None:
            store.set_backstage(phase, kind, value, args.coder)
            what = L.text(kind, lang)
            done.append(L.text("plan_set", lang, phase=name, kind=what, v=value.strip()) if value.strip()
                        else L.text("plan_removed", lang, phase=name, kind=what))
    for arg in args.kpi:
        metric, target = _kpi(arg, lang)
        store.set_kpi(phase, metric, target, args.coder)
        done.append(L.text("plan_target_set", lang, phase=name, m=metric, t=L.plain(target, lang))
                    if target is not None else L.text("plan_target_removed", lang, phase=name, m=metric))
    return done


def _map_name(key, lang: str) -> str:
    """The map an opportunity is on: 'Iedereen', a persona key, or every map (no persona given)."""
    if key is None or pd.isna(key):
        return L.text("plan_all_maps", lang)
    return L.text("everyone", lang) if str(key) == "everyone" else str(key)


def _opportunity_edit(args, store, config) -> list[str]:
    from ..journey.opportunities import SETTING

    lang = config.language
    opps = store.opportunities()
    ids = [int(x) for x in opps["opportunity_id"]]
    if args.opportunity not in ids:
        raise WorkbenchError(L.text("plan_no_opp", lang, id=args.opportunity),
                             hint=L.text("plan_no_opp_hint", lang, ids=", ".join(map(str, ids)) or "—",
                                         study=args.study))
    store.update_opportunity(args.opportunity, args.coder, text=args.text, status=args.status, effort=args.effort,
                             owner=args.owner, priority=args.priority)
    row = opps[opps["opportunity_id"] == args.opportunity].iloc[0]
    done = [L.text("plan_updated", lang, id=args.opportunity, map=_map_name(row["persona_key"], lang))]
    # The same derived opportunity on other maps (each map keeps its own row, by design): say so.
    derived = {str(k): v for k, v in (store.setting(SETTING, {}) or {}).items()}
    mine = derived.get(str(args.opportunity))
    if mine is not None:
        same = opps[(opps["phase"] == row["phase"]) & (opps["opportunity_id"] != args.opportunity)
                    & (opps["opportunity_id"].astype(str).map(derived) == mine)]
        if len(same):
            maps = ", ".join(L.text("plan_map_id", lang, p=_map_name(r.persona_key, lang), id=int(r.opportunity_id))
                             for r in same.itertuples(index=False))
            done.append(L.text("plan_siblings", lang, maps=maps, first=int(same["opportunity_id"].iloc[0])))
    return done


def _cut(text: str, n: int = 70) -> str:
    """A table cell of at most ``n`` characters, with an ellipsis when the text was cut."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[n // 2:] else cut).rstrip(" ,.;:") + "…"  # at a word end


def _table(view: pd.DataFrame) -> list[str]:
    """A frame as left-aligned text columns (the last one unpadded)."""
    widths = [max(len(str(c)), *(len(x) for x in view[c])) for c in view.columns]
    rows = [list(map(str, view.columns)), *view.to_numpy().tolist()]
    return [" ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def plan_text(config, store) -> str:
    """The study's map plan as text (what ``workbench plan STUDY`` prints), in the study's language."""
    from ..journey.anatomy import map_plan
    from ..render._texts import t

    lang = config.language
    model = config.phase_model
    steps, back, kpis = map_plan(model, lang, config.map_phases, store)
    out = [L.text("plan_title", lang, name=config.name), ""]
    for p in model:
        out.append(f"{p.id} ({p.name(lang)})")
        s = steps[steps["phase"] == p.id]["step"].tolist()
        out.append(f"  {L.text('plan_steps', lang)}: " + (" › ".join(s) if s else "—"))
        for r in back[back["phase"] == p.id].itertuples(index=False):
            out.append(f"  {L.text(str(r.kind), lang)}: {r.value}  [{r.source}]")
        for r in kpis[kpis["phase"] == p.id].itertuples(index=False):
            out.append(f"  {L.text('plan_target', lang, m=r.metric, t=L.plain(r.target, lang))}  [{r.source}]")
    opps = store.opportunities()
    out += ["", L.text("plan_opps", lang, n=len(opps)), L.text("plan_per_map", lang)]
    if len(opps):
        cols = ["opportunity_id", "persona_key", "phase", "status", "priority", "effort", "owner", "text"]
        view = opps[cols].copy().astype(object)
        view["persona_key"] = [_map_name(k, lang) for k in view["persona_key"]]
        view["phase"] = [model.label(x, lang) if x in model.ids else x for x in view["phase"]]
        view["status"] = [t(f"status_{x}", lang) if f"{x}" in ("open", "accepted", "rejected", "done") else x
                          for x in view["status"]]
        view["effort"] = [t(x, lang) if x in ("low", "medium", "high") else x for x in view["effort"]]
        view["text"] = [_cut(x) for x in view["text"]]
        view.columns = L.text("plan_cols", lang).split()
        view = view.where(view.notna(), "").astype(str)
        out += _table(view)
    else:
        out.append(L.text("plan_none", lang))
    return "\n".join(out)


def run(args) -> int:
    from ..coding.store import Store
    from ..config import read_config

    config = read_config(args.study)
    lang = config.language
    editing_phase = any(getattr(args, k) is not None for k in ("system", "process")) or args.kpi
    if editing_phase and not args.phase:
        raise WorkbenchError(L.text("plan_need_phase", lang), hint=L.text("plan_need_phase_hint", lang))
    opp_only = any(getattr(args, k) is not None for k in ("priority", "effort", "status", "text"))
    if opp_only and args.opportunity is None:
        raise WorkbenchError(L.text("plan_need_opp", lang), hint=L.text("plan_need_opp_hint", lang))
    if args.phase and args.opportunity is not None:
        raise WorkbenchError(L.text("plan_both", lang), hint=L.text("plan_both_hint", lang))
    with Store.open(config.folder) as store:
        done = []
        if args.phase:
            done = _phase_edit(args, store, config)
        elif args.opportunity is not None:
            done = _opportunity_edit(args, store, config)
        if done:
            print("\n".join(done))
            print(L.text("plan_rerender", lang, study=args.study))
        else:
            print(plan_text(config, store))
    return 0
