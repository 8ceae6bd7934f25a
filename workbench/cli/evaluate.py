"""``workbench evaluate``: precision, recall and F1 of the tagger on labelled texts."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="measure the tagger on the evaluation sets",
        description=(
            "Print precision, recall and F1 per label (pain_point, need, touchpoint, sentiment) "
            "and language, on workbench/data/<set>/<lang>.jsonl (the blind evaluation sets, or "
            "--set dev for the development sets used to tune the cues) or on --data FILE."
        ),
    )
    p.add_argument("--lang", choices=["nl", "en", "all"], default="all", help="language (default: all)")
    p.add_argument("--data", help="a JSONL file with labelled texts instead of the shipped sets")
    p.add_argument("--set", dest="split", choices=["eval", "dev"], default="eval",
                   help="shipped sets: eval (blind, for reporting; default) or dev (for tuning)")
    p.add_argument("--phase-model", default="klassiek-5", help="phase model id (default: klassiek-5)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..nlp import evaluate

    table = evaluate(lang=args.lang, data=args.data, phase_model=args.phase_model,
                     split=getattr(args, "split", "eval"))
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    return 0
