"""``workbench agreement CODINGS.csv|STUDY``: intercoder agreement per code and overall."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "agreement",
        help="intercoder agreement (percent, Cohen's kappa, Krippendorff's alpha) per code",
        description=(
            "Compute intercoder agreement per code (presence/absence on the units each coder saw) and "
            "overall. Give a table (CSV or .xlsx) with the columns unit, coder, code (one row per code "
            "a coder assigned to a unit), or a study folder to use the decisions in its store "
            "(a unit is a document; accepted and manual codes count as assigned, rejected ones as absent)."
        ),
    )
    p.add_argument("source", nargs="+",
                   help="CSV/.xlsx table(s) with columns unit, coder, code (e.g. one file per coder), "
                   "or a study folder")
    p.add_argument(
        "--level",
        default="nominal",
        choices=("nominal", "ordinal", "interval", "ratio"),
        help="metric of the codes for the overall alpha when every unit has one code per coder "
        "(default: nominal)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    import pandas as pd

    from ..coding.agreement import agreement_report
    from ..errors import StoreError

    sources = [Path(s) for s in args.source]
    source = sources[0]
    if source.is_dir():
        if len(sources) > 1:
            from ..errors import WorkbenchError

            raise WorkbenchError("give one study folder, or one or more tables",
                                 hint="workbench agreement STUDY  or  workbench agreement a.csv b.csv")
        from ..coding.store import STORE_DIR, STORE_FILE, Store

        if not (source / STORE_DIR / STORE_FILE).is_file():
            raise StoreError(
                "this folder has no study store yet",
                path=source,
                hint="Code some documents first (notebook 02_tag_and_code), or pass a unit,coder,code table.",
            )
        with Store.open(source) as store:
            codings = store.codings()
        what = f"study store of {source}"
    else:
        from ..coding._tables import read_table, require_columns

        frames = []
        for table in sources:
            frame = read_table(table)
            require_columns(frame, ["unit", "coder", "code"], table)
            frames.append(frame)
        codings = pd.concat(frames, ignore_index=True)
        codings = codings[codings["code"].str.strip() != ""]
        what = " + ".join(str(t) for t in sources)
    report = agreement_report(codings, level=args.level)
    if report.empty:
        print(f"{what}: no codes assigned, nothing to compare")
        return 0
    coders = codings["coder"].dropna().nunique()
    print(f"{what}: {coders} coder(s), {len(report) - 1} code(s)")
    shown = report.copy()
    for col in ("percent", "kappa", "alpha"):
        shown[col] = shown[col].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
    with pd.option_context("display.max_colwidth", 80, "display.width", 200):
        print(shown.to_string(index=False))
    return 0
