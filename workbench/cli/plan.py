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


def _kpi(arg: str) -> tuple[str, float | None]:
    from ..config import check_kpi_metric

    metric, sep, value = arg.partition("=")
    metric = metric.strip()
    if not sep or not metric:
        raise WorkbenchError(f"--kpi {arg!r} is not METRIC=TARGET", key="--kpi",
                             hint="Write e.g. --kpi csat_top2=70 (or --kpi csat_top2= to remove the target).")
    problem = check_kpi_metric(metric)
    if problem:
        raise WorkbenchError(problem, key="--kpi")
    if not value.strip():
        return metric, None
    try:
        return metric, float(value.replace(",", "."))
    except ValueError:
        raise WorkbenchError(f"the target in --kpi {arg!r} is not a number", key="--kpi",
                             hint="e.g. --kpi csat_top2=70 for 70%, --kpi ces_mean=5.5 for a mean on 1–7.") from None


def _phase_edit(args, store, config) -> list[str]:
    from ..config import resolve_phase

    phase = resolve_phase(config.phase_model, args.phase, config.language, key="--phase", path=config.path)
    done = []
    for kind in ("owner", "system", "process"):
        value = getattr(args, kind)
        if value is not None:
            store.set_backstage(phase, kind, value, args.coder)
            done.append(f"{phase}: {kind} " + (f"= {value.strip()}" if value.strip() else "removed"))
    for arg in args.kpi:
        metric, target = _kpi(arg)
        store.set_kpi(phase, metric, target, args.coder)
        done.append(f"{phase}: target {metric} " + (f"≥ {target:g}" if target is not None else "removed"))
    return done


def _opportunity_edit(args, store) -> list[str]:
    store.update_opportunity(args.opportunity, args.coder, text=args.text, status=args.status, effort=args.effort,
                             owner=args.owner, priority=args.priority)
    return [f"opportunity {args.opportunity} updated"]


def plan_text(config, store) -> str:
    """The study's map plan as text (what ``workbench plan STUDY`` prints)."""
    from ..journey.anatomy import map_plan

    lang = config.language
    steps, back, kpis = map_plan(config.phase_model, lang, config.map_phases, store)
    out = [f"Map plan of {config.name}", ""]
    for p in config.phase_model:
        out.append(f"{p.id} ({p.name(lang)})")
        s = steps[steps["phase"] == p.id]["step"].tolist()
        out.append("  steps: " + (" › ".join(s) if s else "—"))
        for r in back[back["phase"] == p.id].itertuples(index=False):
            out.append(f"  {r.kind}: {r.value}  [{r.source}]")
        for r in kpis[kpis["phase"] == p.id].itertuples(index=False):
            out.append(f"  target {r.metric} ≥ {r.target:g}  [{r.source}]")
    opps = store.opportunities()
    out += ["", f"Opportunities ({len(opps)}; edit with --opportunity ID)"]
    if len(opps):
        view = opps[["opportunity_id", "persona_key", "phase", "status", "priority", "effort", "owner", "text"]].copy()
        view["text"] = view["text"].astype(str).str.slice(0, 70)
        with pd.option_context("display.width", 200, "display.max_colwidth", 72, "display.max_rows", 10_000):
            out.append(view.astype(object).where(view.notna(), "").to_string(index=False))
    else:
        out.append("  none yet: `workbench run` derives them from the data")
    return "\n".join(out)


def run(args) -> int:
    from ..coding.store import Store
    from ..config import read_config

    config = read_config(args.study)
    editing_phase = any(getattr(args, k) is not None for k in ("system", "process")) or args.kpi
    if editing_phase and not args.phase:
        raise WorkbenchError("--system, --process and --kpi need --phase", key="--phase",
                             hint="e.g. workbench plan STUDY --phase purchase --kpi csat_top2=70")
    opp_only = any(getattr(args, k) is not None for k in ("priority", "effort", "status", "text"))
    if opp_only and args.opportunity is None:
        raise WorkbenchError("--priority, --effort, --status and --text need --opportunity ID", key="--opportunity",
                             hint="`workbench plan STUDY` lists the opportunities with their ids.")
    if args.phase and args.opportunity is not None:
        raise WorkbenchError("edit a phase or an opportunity, not both at once", key="--opportunity",
                             hint="Run the command twice.")
    with Store.open(config.folder) as store:
        done = []
        if args.phase:
            done = _phase_edit(args, store, config)
        elif args.opportunity is not None:
            done = _opportunity_edit(args, store)
        if done:
            print("\n".join(done))
            print(f"Re-render the map: workbench map {args.study} --out DIR")
        else:
            print(plan_text(config, store))
    return 0
