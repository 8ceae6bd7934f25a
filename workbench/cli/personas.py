"""``workbench personas PATH --out DIR``: cluster respondents into personas and write the cards.

On a study folder it makes the same personas as ``workbench run`` (same features, algorithm,
choice of k, seed and stored names; documents tagged the same way for the cards' needs, pains
and interviewees), so the two commands agree.
"""

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


def _boot(value: str):
    if value == "auto":
        return "auto"
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--boot must be 'auto' or a number, got {value!r}") from None


def add_parser(sub) -> None:
    from ..personas.clusterer import ALGORITHMS

    p = sub.add_parser(
        "personas",
        help="cluster survey respondents into personas and write persona cards",
        description="Cluster the respondents of a study folder (or of one survey export) into personas, "
        "check their bootstrap stability and write personas.csv, personas.md, personas.html, the k-selection "
        "curve and PNG cards. On a study folder the personas are the ones `workbench run` makes.",
    )
    p.add_argument("path", help="a study folder (with study.toml) or a survey export (CSV/XLSX)")
    p.add_argument("--k", type=_k, default="auto", help="number of personas, or 'auto' (default)")
    p.add_argument("--algorithm", choices=ALGORITHMS, default="lca",
                   help="clustering method (default lca: latent class analysis)")
    p.add_argument("--boot", type=_boot, default="auto",
                   help="bootstrap runs for stability ('auto' (default): 30 for LCA up to 1,000 respondents; 0 = skip)")
    p.add_argument("--force", action="store_true",
                   help="choose k from the data even with fewer than 50 respondents")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the cards (default: the study's)")
    p.add_argument("--no-png", action="store_true", help="skip the PNG cards")
    p.add_argument("--out", required=True, help="output folder")
    p.set_defaults(func=run)


def _load(path: Path):
    """(study or frames, doc_tags or None, stored persona names, the study's privacy policy or None)."""
    if path.is_dir():
        from ..nlp import tag_documents
        from ..privacy import Policy
        from ..study import load_study

        study = load_study(path)
        docs = study.documents()
        doc_tags = None
        if len(docs):
            doc_tags, _ = tag_documents(docs, study.language, study.phase_model, questions=study.questions,
                                          home=study.own_names())
        names = {}
        if (Path(study.path) / ".workbench" / "store.sqlite").exists():
            from ..coding.store import Store

            with Store.open(study.path) as store:
                names = store.persona_names()
        return study, doc_tags, names, Policy.for_study(study)
    if not path.exists():
        raise WorkbenchError("no such file or folder", path=path, hint="Give a study folder or a survey export.")
    from ..io.surveys import parse_survey

    s = parse_survey(path)
    return {"answers": s.answers, "questions": s.questions, "respondents": s.respondents}, None, {}, None


def _print_curve(result) -> None:
    from ..journey.labels import number
    from ..personas._notes import note

    ks = result.k_scores
    if len(ks) < 2:
        return
    c, lang = result.clusterer, result.lang
    head = "BIC" if c.criterion_ == "bic" else "silhouette"
    entropy, smallest = note("curve_cols", lang).split()
    print(f"  {'k':>2}  {head:>10}  {entropy:>8}  {smallest:>8}")
    for r in ks.itertuples(index=False):
        mark = f"  {note('chosen', lang)}" if r.k == c.n_clusters_ else (
            "" if r.eligible else f"  {note('too_small', lang)}")
        score = number(float(r.score), 1 if c.criterion_ == "bic" else 3, lang).rjust(10)
        ent = "" if r.entropy != r.entropy else number(float(r.entropy), 2, lang)
        print(f"  {r.k:>2}  {score}  {ent:>8}  {r.smallest:>8}{mark}")


def run(args) -> int:
    from contextlib import nullcontext

    from ..journey import labels as L
    from ..journey.labels import number
    from ..personas import fit_personas
    from ..personas._notes import note, selection_text
    from ..personas.facts import labels

    study, doc_tags, names, policy = _load(Path(args.path))
    with policy.active() if policy is not None else nullcontext():  # the study's privacy policy, as in `run`
        result = fit_personas(study, k=args.k, algorithm=args.algorithm, n_boot=args.boot, random_state=args.seed,
                              lang=args.lang, progress=args.boot == "auto" or args.boot >= 50, force=args.force,
                              doc_tags=doc_tags, names=names)
        paths = result.save(args.out, png=not args.no_png)
    c = result.clusterer
    lang = result.lang
    how = selection_text(*c.selection_note_, lang)
    print(note("cli_head", lang, k=c.n_clusters_, n=len(result.features), alg=c.algorithm, how=how))
    _print_curve(result)
    table = result.table()
    width = max([len(n) for n in table["name"]] + [4])
    name, size, share, stability = note("cli_cols", lang).split()
    width = max(width, len(name))
    print(f"{'#':>2}  {name:<{width}}  {size:>7}  {share:>7}  {stability}")
    for r in table.itertuples(index=False):
        stab = labels(lang=result.lang)["no_stab"] if r.verdict is None else (
            f"{r.verdict} ({number(float(r.jaccard), 2, lang)})" if r.jaccard == r.jaccard else r.verdict)
        print(f"{r.persona:>2}  {r.name:<{width}}  {r.size:>7}  {100 * r.share:>6.0f}%  {stab}")
    for said in result.notes[1:]:  # the first note is how k was chosen, printed above
        print(L.text("cli_note", lang, x=said))
    print(note("cli_wrote", lang, n=len(paths), out=args.out))
    return 0
