"""``workbench export STUDY``: the study's coding as REFI-QDA (.qdpx), its codebook as .qdc or CSV."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="export codes and codings for NVivo, ATLAS.ti, MAXQDA, QualCoder (REFI-QDA)",
        description="Write the study's transcripts, open answers, codebook, accepted codings, memos and "
        "participants as a REFI-QDA project (.qdpx), and/or the codebook alone as .qdc or CSV.",
    )
    p.add_argument("study", help="study folder (with study.toml) or the study.toml file")
    p.add_argument("--qdpx", metavar="OUT.qdpx", help="write a REFI-QDA project")
    p.add_argument("--qdc", metavar="OUT.qdc", help="write the codebook as a REFI-QDA codebook")
    p.add_argument("--csv", metavar="OUT.csv", help="write the codebook as CSV")
    p.add_argument("--lang", choices=("nl", "en"), help="language of the default codebook (default: the study's)")
    p.add_argument("--scrub", action="store_true",
                   help="remove personal data from the project's texts (codings move along); off by default "
                   "because QDA tools need the original text")
    p.add_argument("--all-codes", action="store_true",
                   help="also write the workbench's default codes nobody has used (left out by default)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..coding import Store
    from ..coding.refi import export_qdpx, write_qdc
    from ..coding.refi._sources import study_codebook
    from ..errors import WorkbenchError
    from ..journey import labels as L
    from ..study import load_study

    if not (args.qdpx or args.qdc or args.csv):
        raise WorkbenchError(
            "nothing to export", hint="Name at least one output: --qdpx OUT.qdpx, --qdc OUT.qdc or --csv OUT.csv."
        )
    study = load_study(args.study)
    lang = study.language
    with Store.open(study.path) as store:
        if args.qdpx:
            print(export_qdpx(study, store, args.qdpx, lang=args.lang, all_codes=args.all_codes,
                              scrub=args.scrub).summary(lang))
        book = study_codebook(study, store, args.lang)
    if args.qdc:
        print(L.text("export_codebook", lang, path=write_qdc(book, args.qdc), n=len(book)))
    if args.csv:
        print(L.text("export_codebook", lang, path=book.to_csv(args.csv), n=len(book)))
    return 0
