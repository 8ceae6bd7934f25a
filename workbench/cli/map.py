"""``workbench map STUDY --out DIR [--compare OTHER]``: re-render the journey map from the store."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "map",
        help="re-render the journey map from the stored codes and personas",
        description="Rebuild the journey map from what `workbench run` stored, with the researcher's "
        "decisions (accepted/rejected/manual codings, persona names, edited opportunities) winning over "
        "suggestions. With --compare, also compare it with another wave (study).",
    )
    p.add_argument("study", help="the study folder")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--compare", metavar="OTHER_STUDY", help="an earlier wave to compare with (also run before)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--reviewed", action="store_true",
                   help="only the codes the researcher accepted or added (default: a draft with the tagger's "
                   "undecided suggestions, marked as such)")
    p.add_argument("--all-formats", action="store_true",
                   help="write every persona's map as PNG, SVG and PDF (default: PNG; everyone's map gets all three)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..pipeline import map_study

    jm, files = map_study(args.study, args.out, compare=args.compare, seed=args.seed, all_formats=args.all_formats,
                          reviewed=args.reviewed)
    from ..journey import labels as L

    print(L.text("cli_map", jm.lang, name=jm.name, n=len(jm.cells), thin=int(jm.cells["thin"].sum()),
                 files=len(files), out=args.out))
    return 0
