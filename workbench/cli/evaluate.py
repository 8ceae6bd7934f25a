"""``workbench evaluate``: precision, recall and F1 of the tagger on labelled texts."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="measure the tagger on labelled texts",
        description=(
            "Print precision, recall and F1 of the rule tagger per label, language and group. "
            "With --file: any labelled CSV/XLSX (a text column, 0/1 label columns pain_point and "
            "need, optionally sentiment -1/0/1, and a grouping column such as domain). Without it: "
            "the shipped synthetic regression sets workbench/data/<set>/<lang>.jsonl (or --data FILE)."
        ),
    )
    p.add_argument("--file", help="a labelled CSV or XLSX table")
    p.add_argument("--text-column", default="text", help="--file: the column holding the texts (default: text)")
    p.add_argument("--label-columns", default="pain_point,need",
                   help="--file: comma-separated label columns among pain_point, need, sentiment")
    p.add_argument("--group-column", help="--file: report each value of this column (e.g. domain) too")
    p.add_argument("--lang", choices=["nl", "en", "all", "auto"], default=None,
                   help="language (--file: nl, en or auto per text, default auto; shipped sets: nl, en or all)")
    p.add_argument("--data", help="a JSONL file with labelled texts instead of the shipped sets")
    p.add_argument("--set", dest="split", choices=["eval", "dev"], default="eval",
                   help="shipped synthetic sets: eval (default) or dev")
    p.add_argument("--phase-model", default="klassiek-5", help="phase model id (default: klassiek-5)")
    p.set_defaults(func=run)


def _fmt(v: float) -> str:
    return f"{v:.3f}"


def run(args) -> int:
    import warnings

    from ..errors import WorkbenchError
    from ..nlp import evaluate
    from ..nlp.evaluate import evaluate_file

    if args.file:
        lang = args.lang or "auto"
        if lang == "all":
            raise WorkbenchError("--lang all is for the shipped sets", key="lang", hint="Use nl, en or auto with --file.")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            table = evaluate_file(args.file, args.text_column, args.label_columns.split(","), lang=lang,
                                  group_column=args.group_column, phase_model=args.phase_model)
        for w in caught:
            print(f"warning: {w.message}")
        print(table.to_string(index=False, float_format=_fmt))
        return 0
    table = evaluate(lang=args.lang if args.lang in ("nl", "en", "all") else "all", data=args.data,
                     phase_model=args.phase_model, split=getattr(args, "split", "eval"))
    print(table.to_string(index=False, float_format=_fmt))
    return 0
