"""``workbench import STUDY IN.qdpx``: codes, codings and memos from NVivo, ATLAS.ti, MAXQDA, QualCoder."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import codes and codings from a REFI-QDA project (.qdpx)",
        description="Read a REFI-QDA project, match its text sources to the study's transcripts and open "
        "answers, merge its codes into the codebook and store its codings (origin 'imported') and notes.",
    )
    p.add_argument("study", help="study folder (with study.toml) or the study.toml file")
    p.add_argument("qdpx", help="the .qdpx file")
    p.add_argument("--coder", help="coder name for codings whose user the file does not name")
    p.add_argument(
        "--offsets",
        choices=("auto", "codepoints", "utf16", "utf8"),
        default="auto",
        help="unit of the file's text positions (default: detected)",
    )
    p.add_argument(
        "--add-sources",
        action="store_true",
        help="write sources that match no transcript as new .txt transcripts into the study",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ..coding import Store
    from ..coding.refi import import_qdpx
    from ..study import load_study

    study = load_study(args.study)
    with Store.open(study.path) as store:
        report = import_qdpx(
            args.qdpx, study, store, coder=args.coder, offsets=args.offsets, add_sources=args.add_sources
        )
    print(report.summary())
    return 0
