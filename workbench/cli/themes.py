"""``workbench themes``: themes of an open-answer column (NPS comments, tickets, reviews)."""

from __future__ import annotations

from pathlib import Path

from .._atomic import to_csv as atomic_to_csv
from ..errors import WorkbenchError
from ._private import Scrubber
from .tag import _column, read_csv_any, table_language


def add_parser(sub) -> None:
    p = sub.add_parser(
        "themes",
        help="themes of a text column: what is wrong or wanted, with counts and quotes",
        description=(
            "Find the themes of any text column of a CSV file, as a researcher would code them, on two "
            "levels: topics (what a complaint or wish is about: 'bezorging', 'klantenservice') holding "
            "themes (an aspect with what is wrong or wanted: 'kortingscode werkte niet', 'wil filter op "
            "prijs'). Writes a themes table (level, parent, label, aspect, sentences, people, share of "
            "people, severity 1-3, sentiment, quotes) and the input rows with their topic(s) and "
            "theme(s). Only the sentences with the chosen label are themed."
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
    p.add_argument("--no-scrub-tables", action="store_true",
                   help="internal use only: keep personal data (names, phone numbers, e-mail addresses, identifying "
                   "columns) in both files; by default they are scrubbed and identifying columns left out")
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
    rows, themes = frame.copy(), result.themes
    if not args.no_scrub_tables:  # issue 20: one privacy policy for every text that leaves the workbench
        scrubber = Scrubber(table_language(frame[col], args.lang))
        rows = scrubber.rows(rows, text_columns=[col], what=str(rows_path))
        themes = scrubber.theme_table(themes)
    for col_out, col_in in (("topics", "topics"), ("topic_labels", "topic_labels"), ("themes", "themes"),
                            ("theme_labels", "labels")):
        values = result.texts[col_in]
        if not args.no_scrub_tables and col_out.endswith("labels"):
            values = values.astype(object).map(scrubber.words)
        rows[col_out] = values.to_numpy()
    atomic_to_csv(themes, themes_path, sep=delimiter, index=False, encoding="utf-8")
    atomic_to_csv(rows, rows_path, sep=delimiter, index=False, encoding="utf-8")
    s, th = result.sentences, themes
    tops, subs = th[th["level"] == "topic"], th[th["level"] == "theme"]
    print(f"{len(frame)} rows, {len(s)} {args.label.replace('_', ' ')} sentence(s): {int((s['topic'] >= 0).sum())} in "
          f"{len(tops)} topic(s), the 10 largest hold {result.coverage(10):.0%}; {int((s['theme'] >= 0).sum())} in "
          f"{len(subs)} theme(s), the 10 largest hold {result.coverage(10, 'theme'):.0%}")
    for r in tops.head(10).itertuples(index=False):
        print(f"  {r.n_sentences:>4}  {r.share_people:>4.0%}  sev {r.severity:.1f}  {r.label}")
        for q in subs[subs["parent"] == r.theme].head(3).itertuples(index=False):
            print(f"  {q.n_sentences:>4}  {q.share_people:>4.0%}  sev {q.severity:.1f}    - {q.label}")
    free = subs[subs["parent"] < 0]
    if len(free):
        print(f"  themes in no topic: {len(free)}, largest: " + "; ".join(free["label"].head(3)))
    print(f"-> {themes_path}\n-> {rows_path}")
    return 0
