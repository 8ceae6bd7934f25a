"""``workbench run STUDY --out DIR``: the whole job (load, tag, personas, journey map, exports)."""

from __future__ import annotations


def _k(value: str):
    return value if value == "auto" else int(value)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "run",
        help="run the whole job: tag, personas, journey map and every export",
        description="Load the study, tag its texts, store the suggestions, make personas and the "
        "journey map, and write the map (PNG/SVG/PDF, HTML, XLSX, Markdown), personas, tags and a summary.",
    )
    p.add_argument("study", help="the study folder (or its study.toml)")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--k", type=_k, default="auto", help="number of personas, or 'auto' (default)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--all-formats", action="store_true",
                   help="write every persona's map as PNG, SVG and PDF (default: PNG; everyone's map gets all three)")
    p.add_argument("--serial", action="store_true",
                   help="one process only (default: on Linux, files and the store are written by a child "
                   "process on the second core while the job goes on)")
    p.add_argument("--reviewed", action="store_true",
                   help="a map of only the codes the researcher accepted or added (default: a draft in which "
                   "the tagger's undecided suggestions count, marked as a draft on every output)")
    p.add_argument("--no-scrub-tables", action="store_true",
                   help="internal use only: keep personal data in tags.csv (every other output is always scrubbed)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..pipeline import run_study

    res = run_study(args.study, args.out, k=args.k, seed=args.seed, progress=not args.no_progress,
                    all_formats=args.all_formats, parallel=not args.serial,
                    scrub_tables=not args.no_scrub_tables, reviewed=args.reviewed)
    from ..journey import labels as L

    jm = res.journey_map
    lang = jm.lang
    print(L.text("cli_run", lang, name=res.study.name, k=len(jm.personas) - 1, n=len(jm.cells),
                 thin=int(jm.cells["thin"].sum()), files=len(res.files), out=res.out_dir))
    for note in res.notes:
        print(L.text("cli_note", lang, x=note))
    print(L.text("cli_times", lang, x=", ".join(f"{L.stage_name(k, lang)} {L.number(v, 1, lang)} s"
                                                    for k, v in res.timings.items())))
    return 0
