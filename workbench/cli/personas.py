"""``workbench personas PATH --out DIR``: cluster respondents into personas and write the cards."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import WorkbenchError


def _k(value: str):
    if value == "auto":
        return "auto"
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--k must be 'auto' or a number, got {value!r}") from None
    if k < 1:
        raise argparse.ArgumentTypeError("--k must be at least 1")
    return k


def add_parser(sub) -> None:
    from ..personas.clusterer import ALGORITHMS

    p = sub.add_parser(
        "personas",
        help="cluster survey respondents into personas and write persona cards",
        description="Cluster the respondents of a study folder (or of one survey export) into personas, "
        "check their bootstrap stability and write personas.csv, personas.md, personas.html and PNG cards.",
    )
    p.add_argument("path", help="a study folder (with study.toml) or a survey export (CSV/XLSX)")
    p.add_argument("--k", type=_k, default="auto", help="number of personas, or 'auto' (default)")
    p.add_argument("--algorithm", choices=ALGORITHMS, default="kmeans", help="clustering method (default kmeans)")
    p.add_argument("--boot", type=int, default=100, help="bootstrap runs for stability (default 100, 0 = skip)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of names (default: the study's)")
    p.add_argument("--no-png", action="store_true", help="skip the PNG cards")
    p.add_argument("--out", required=True, help="output folder")
    p.set_defaults(func=run)


def _load(path: Path):
    if path.is_dir():
        from ..study import load_study

        return load_study(path)
    if not path.exists():
        raise WorkbenchError("no such file or folder", path=path, hint="Give a study folder or a survey export.")
    from ..io.surveys import parse_survey

    s = parse_survey(path)
    return {"answers": s.answers, "questions": s.questions, "respondents": s.respondents}


def run(args) -> int:
    from ..personas import fit_personas

    study = _load(Path(args.path))
    result = fit_personas(study, k=args.k, algorithm=args.algorithm, n_boot=args.boot, random_state=args.seed,
                          lang=args.lang, progress=args.boot >= 50)
    paths = result.save(args.out, png=not args.no_png)
    c = result.clusterer
    print(f"{c.n_clusters_} personas from {len(result.features)} respondents "
          f"({c.algorithm}, k chosen by {c.criterion_ if len(result.k_scores) > 1 else 'you'})")
    table = result.table()
    width = max([len(n) for n in table["name"]] + [4])
    print(f"{'#':>2}  {'name':<{width}}  {'size':>5}  {'share':>5}  stability")
    for r in table.itertuples(index=False):
        stab = "not assessed" if r.verdict is None else f"{r.verdict} ({r.jaccard:.2f})"
        print(f"{r.persona:>2}  {r.name:<{width}}  {r.size:>5}  {100 * r.share:>4.0f}%  {stab}")
    for note in result.notes:
        print(f"note: {note}")
    print(f"wrote {len(paths)} files to {args.out}")
    return 0
