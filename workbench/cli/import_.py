"""``workbench import STUDY FILE``: a REFI-QDA project (.qdpx) or codebook (.qdc) from NVivo, ATLAS.ti,
MAXQDA, QualCoder or Taguette into a study (which may be new and empty)."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import a REFI-QDA project (.qdpx) or codebook (.qdc)",
        description="Read a REFI-QDA project into the study: its texts (matched to the study's transcripts, "
        "documents and open answers, or added to the study), codes with their hierarchy and categories, codings, "
        "memos, cases and variables, and users as coders. A .qdc codebook is merged into the codebook. "
        "A study made with `workbench new` can be filled from a project alone.",
    )
    p.add_argument("study", help="study folder (with study.toml) or the study.toml file")
    p.add_argument("file", metavar="FILE", help="the .qdpx project or .qdc codebook")
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
        default=None,
        help="write texts that match nothing in the study into it (always done for a study without texts): "
        "interviews as transcripts, other texts as documents (docs/) or, when the project marks them so, "
        "as the researcher's notes (notes/), declared in study.toml",
    )
    p.add_argument(
        "--hierarchy-separator",
        metavar="SEP",
        help="split flat code names on SEP into a hierarchy (e.g. '/' for Taguette's 'Bezorging/overig')",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from ..coding import Store
    from ..coding.refi import import_file
    from ..coding.refi._sources import open_study

    study = open_study(args.study)
    with Store.open(study.path) as store:
        report = import_file(
            args.file, study, store, coder=args.coder, offsets=args.offsets, add_sources=args.add_sources,
            hierarchy_separator=args.hierarchy_separator,
        )
    print(report.summary())
    return 0
