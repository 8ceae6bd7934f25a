"""``workbench train LABELLED.csv …``: train a text classifier on labelled examples and save it."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train a pain-point/need classifier on a labelled table and save it",
        description=(
            "Train the workbench's text model (spaCy text classifier + the rule tagger's cues) on a "
            "CSV/.xlsx table of texts with 0/1 (yes/no, true/false, ja/nee) label columns; an empty "
            "label cell means 'not labelled'. Prints cross-validated precision/recall/F1 of the rules, "
            "a TF-IDF baseline and the model, and saves the model with a meta.json."
        ),
    )
    p.add_argument("labelled", help="CSV or .xlsx file")
    p.add_argument("--text-column", required=True, help="column holding the texts")
    p.add_argument(
        "--label-columns",
        default="pain_point,need",
        help="comma-separated label columns (default: pain_point,need)",
    )
    p.add_argument("--lang", required=True, choices=("nl", "en"), help="language of the texts")
    p.add_argument("--out", required=True, help="folder to write the model to")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--epochs", type=int, default=10, help="training passes (default: 10)")
    p.add_argument(
        "--folds", type=int, default=5, help="cross-validation folds; 0 skips the comparison (default: 5)"
    )
    p.set_defaults(func=run)


def run(args) -> int:
    import time

    from ..coding.learn import cross_validate, read_labelled, rule_cues, save_model, train_model

    labels = [c.strip() for c in args.label_columns.split(",") if c.strip()]
    texts, frame = read_labelled(args.labelled, args.text_column, labels)
    print(
        f"{args.labelled}: {len(texts)} texts; "
        + ", ".join(f"{c}: {int(frame[c].sum())} yes / {int((frame[c] == 0).sum())} no" for c in labels)
    )
    cv = None
    if args.folds:
        cv = cross_validate(texts, frame, args.lang, folds=args.folds, seed=args.seed, epochs=args.epochs)
        print(f"\n{args.folds}-fold cross-validation (F1; precision/recall in meta.json):")
        print(cv.pivot(index="system", columns="label", values="f1").round(3).to_string())
    start = time.perf_counter()
    model = train_model(
        texts, frame, args.lang, seed=args.seed, epochs=args.epochs, cues=rule_cues(texts, args.lang)
    )
    seconds = time.perf_counter() - start
    model.meta["source"] = str(args.labelled)
    out = save_model(model, args.out, cv=cv)
    thresholds = ", ".join(f"{k} {v:.3f}" for k, v in model.thresholds.items())
    print(f"\ntrained in {seconds:.1f} s; thresholds: {thresholds}")
    print(f"saved to {out}")
    return 0
