"""``workbench themes``: themes of an open-answer column (NPS comments, tickets, reviews)."""

from __future__ import annotations

from pathlib import Path

from ..errors import WorkbenchError
from .tag import _column, read_csv_any


def add_parser(sub) -> None:
    p = sub.add_parser(
        "themes",
        help="themes of a text column: what is wrong or wanted, with counts and quotes",
        description=(
            "Find the themes of any text column of a CSV file, as a researcher would code them "
            "('kortingscode werkte niet', 'wil filter op prijs'): a themes table (label, "
            "topic, sentences, people, share of people, severity 1-3, sentiment, quotes) and the input rows "
            "with their theme(s). Only the sentences with the chosen label are themed."
        ),
    )
    p.add_argument("input", metavar="INPUT.csv", help="a CSV file")
    p.add_argument("--text-column", required=True, help="the column holding the texts")
    p.add_argument("--lang", choices=["nl", "en", "auto"], default="auto", help="language (default: auto, per row)")
    p.add_argument("--label", choices=["pain_point", "need", "all"], default="pain_point",
                   help="theme the tagger's pain-point sentences (default), its need sentences, or all sentences")
    p.add_argument("--person-column", help="optional column with who wrote each text (for the share of people)")
    p.add_argument("--out", required=True, metavar="OUT",
                   help="output: OUT.themes.csv and OUT.rows.csv (a .csv suffix of OUT is dropped)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..themes import find_themes

    path = Path(args.input)
    if not path.is_file():
        raise WorkbenchError("file not found", path=path, hint="Give a CSV file with a text column.")
    frame, delimiter = read_csv_any(path)
    col = _column(frame, args.text_column, path, "--text-column")
    people = None
    if args.person_column:
        people = frame[_column(frame, args.person_column, path, "--person-column")].tolist()
    result = find_themes(frame[col], lang=args.lang, label=args.label, people=people)
    out = Path(args.out)
    stem = out.with_suffix("") if out.suffix.lower() == ".csv" else out
    if stem.parent and not stem.parent.exists():
        stem.parent.mkdir(parents=True, exist_ok=True)
    themes_path = stem.with_name(stem.name + ".themes.csv")
    rows_path = stem.with_name(stem.name + ".rows.csv")
    result.themes.to_csv(themes_path, sep=delimiter, index=False, encoding="utf-8")
    rows = frame.copy()
    rows["themes"] = result.texts["themes"].to_numpy()
    rows["theme_labels"] = result.texts["labels"].to_numpy()
    rows.to_csv(rows_path, sep=delimiter, index=False, encoding="utf-8")
    s = result.sentences
    themed = int((s["theme"] >= 0).sum())
    print(f"{len(frame)} rows, {len(s)} {args.label.replace('_', ' ')} sentence(s), {themed} in "
          f"{len(result.themes)} theme(s); the 10 largest hold {result.coverage(10):.0%} of the sentences")
    for r in result.themes.head(10).itertuples(index=False):
        print(f"  {r.n_sentences:>4}  {r.share_people:>4.0%}  sev {r.severity:.1f}  {r.label}")
    print(f"-> {themes_path}\n-> {rows_path}")
    return 0
