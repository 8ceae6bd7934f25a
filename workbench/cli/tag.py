"""``workbench tag``: tag a CSV column, or a whole study folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .._atomic import to_csv as atomic_to_csv
from ..errors import WorkbenchError

OUTPUT_COLUMNS = ["pain_point", "need", "sentiment", "phase", "touchpoints", "evidence"]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "tag",
        help="tag texts with pain points, needs, touchpoints, emotion and phase",
        description=(
            "Tag a text column of any CSV file (writes the rows plus pain_point, need, sentiment, "
            "phase, touchpoints and evidence: what made each pain point and need), or a study folder (stores the suggestions in the study's store, "
            ".workbench/store.sqlite, for review; your decisions are kept). With --model, a model "
            "trained by `workbench train` decides pain_point and need (CSV input)."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="a CSV file, or a study folder")
    p.add_argument("--text-column", help="CSV: the column holding the texts")
    p.add_argument("--context-column", help="CSV: optional column with the question each text answers")
    p.add_argument("--lang", choices=["nl", "en", "auto"], help="language (CSV default: auto; study: its language)")
    p.add_argument("--phase-model", help="phase model id or TOML file (default: klassiek-5 / the study's)")
    p.add_argument("--out", help="CSV: output file (default: INPUT.tagged.csv)")
    p.add_argument("--model", metavar="MODEL_DIR",
                   help="CSV: a model from `workbench train`; its pain_point/need predictions (and "
                   "pain_point_score/need_score) replace the rules' for the labels it knows")
    p.add_argument("--progress", action="store_true", help="show a progress bar")
    p.add_argument("--no-scrub-tables", action="store_true",
                   help="CSV, internal use only: keep personal data (names, phone numbers, e-mail addresses, "
                   "identifying columns) in the output; by default it is scrubbed and identifying columns left out")
    p.set_defaults(func=run)


def read_csv_any(path: str | Path) -> tuple[pd.DataFrame, str]:
    """Read a CSV (or XLSX) table with unknown delimiter and encoding; returns (frame of strings,
    delimiter). Strict: see :func:`workbench.coding._tables.read_table`; what was repaired while
    decoding (mojibake, control characters) is said on stderr, not silent."""
    from ..coding._tables import read_table

    notes: list[str] = []
    frame = read_table(path, warnings=notes)
    for note in notes:
        print(f"warning: {path}: {note}", file=sys.stderr)
    return frame, frame.attrs.get("delimiter", ",")


def table_language(texts: pd.Series, lang: str | None) -> str:
    """The language of a table's texts for its placeholders: the one given, else the most common
    among (up to 500 of) its texts."""
    if lang in ("nl", "en"):
        return lang
    from ..nlp import detect_language

    sample = [t for t in texts.dropna().astype(str).tolist() if t.strip()][:500]
    found = [detect_language(t) for t in sample]
    return "en" if found.count("en") > found.count("nl") else "nl"


def _column(frame: pd.DataFrame, name: str | None, path: Path, option: str) -> str:
    if name is None or name not in frame.columns:
        what = "no column given" if name is None else f"unknown column '{name}'"
        raise WorkbenchError(
            what,
            path=path,
            key=name,
            hint=f"Pass {option} with one of: {', '.join(map(str, frame.columns))}.",
        )
    return name


def evidence_column(tags: pd.DataFrame, n: int) -> list[str]:
    """Per text: its pain points and needs with what made them, e.g.
    ``pain_point "slecht" (lexicon -0.70; negated by 'niet') | need "graag" (cue)``."""
    out = [""] * n
    rows = tags[tags["label"].astype(str).isin(("pain_point", "need"))]
    parts: dict[int, list[str]] = {}
    for doc_id, label, text, evidence in zip(rows["doc_id"], rows["label"].astype(str), rows["text"],
                                             rows["evidence"].fillna(""), strict=True):
        parts.setdefault(int(doc_id), []).append(f'{label} "{text}" ({evidence})' if evidence else f'{label} "{text}"')
    for i, items in parts.items():
        out[i] = " | ".join(items)
    return out


def _enclosing_study(path: Path):
    """The study a CSV file is in (a study.toml in its folder or above, else in the working
    folder or above), or None: its phase model and language are the right ones for its texts."""
    from ..config import read_config

    for start in (path.resolve().parent, Path.cwd()):
        for folder in (start, *start.parents):
            if (folder / "study.toml").is_file():
                try:
                    return read_config(folder)
                except WorkbenchError:
                    return None  # a broken study.toml: the defaults, and the line below says so
    return None


def _tag_csv(args) -> int:
    from ..journey import labels as L
    from ..nlp import tag_texts
    from ..phases import load_phase_model

    path = Path(args.input)
    study = _enclosing_study(path)
    lang = study.language if study is not None else args.lang if args.lang in ("nl", "en") else "en"
    if args.phase_model:
        phases, said = load_phase_model(args.phase_model), "tag_model"
    elif study is not None:
        phases, said = study.phase_model, "tag_model_study"
    else:
        phases, said = load_phase_model("klassiek-5"), "tag_model_default"
    frame, delimiter = read_csv_any(path)
    col = _column(frame, args.text_column, path, "--text-column")
    contexts = None
    if args.context_column:
        contexts = frame[_column(frame, args.context_column, path, "--context-column")].tolist()
    result, tags = tag_texts(
        frame[col].tolist(),
        lang=args.lang or (study.language if study is not None else "auto"),
        phase_model=phases,
        contexts=contexts,
        progress=args.progress,
        return_tags=True,
    )
    result["evidence"] = evidence_column(tags, len(result))
    out = frame.copy()
    for c in OUTPUT_COLUMNS:
        out[c] = result[c].to_numpy()
    if args.model:
        from ..coding.learn import load_model, predict

        model = load_model(args.model)
        predicted = predict(model, frame[col].fillna("").tolist())
        for c in predicted.columns:
            out[c] = predicted[c].to_numpy()
        result = result.assign(**{c: predicted[c].to_numpy() for c in ("pain_point", "need") if c in predicted})
    target = Path(args.out) if args.out else path.with_name(path.stem + ".tagged.csv")
    if not args.no_scrub_tables:  # issue 20: one privacy policy for every text that leaves the workbench
        from ._private import Scrubber

        scrubber = Scrubber(table_language(frame[col], args.lang))
        out = scrubber.rows(out, text_columns=[col], what=str(target))
        out["evidence"] = out["evidence"].astype(object).map(scrubber.words)
    atomic_to_csv(out, target, sep=delimiter, index=False, encoding="utf-8")
    print(L.text("tag_rows", lang, n=len(out), p=int(result["pain_point"].sum()), nd=int(result["need"].sum()),
                 t=int((result["touchpoints"] != "").sum()), out=target))
    where = study.folder if study is not None else ""
    print(L.text(said, lang, m=f"{phases.id} ‘{phases.name(lang)}’", path=where))
    names = {p.id: p.name(lang) for p in phases}
    phases = result["phase"].map(lambda x: names.get(x, x) if isinstance(x, str) and x else L.text("tag_no_phase", lang))
    print(L.text("tag_per_phase", lang) + ":")
    print(phases.value_counts().to_string(header=False))
    return 0


def _tag_study(args) -> int:
    from ..coding.store import Store
    from ..journey import labels as L
    from ..nlp import tag_documents
    from ..study import load_study

    if args.model:
        raise WorkbenchError("--model works on CSV input", hint="Tag the study with the rules; the "
                             "review widget re-scores suggestions with a model trained on your decisions.")
    folder = Path(args.input)
    study = load_study(folder)
    doc_tags, tags = tag_documents(
        study.documents(),
        args.lang or study.language,
        args.phase_model or study.phase_model,
        questions=study.questions,
        pipeline=study.config.nlp_pipeline,
        home=study.own_names(),
        progress=args.progress,
    )
    with Store.open(folder) as store:
        store.replace_tagger_output(tags, doc_tags)
    lang = study.language
    print(L.text("tag_docs", lang, n=len(doc_tags), s=len(tags), path=store.path))
    if len(tags):
        names = {p.id: p.name(lang) for p in study.phase_model}
        labels = tags["label"].astype(str).map(lambda x: L.text(x, lang) if x in ("pain_point", "need") else x)
        table = pd.crosstab(tags["phase"].map(names).fillna(L.text("tag_no_phase", lang)), labels)
        print(table.to_string())
    return 0


def run(args) -> int:
    path = Path(args.input)
    if path.is_dir():
        return _tag_study(args)
    if not path.exists():
        raise WorkbenchError("file not found", path=path, hint="Give a CSV file or a study folder.")
    return _tag_csv(args)
