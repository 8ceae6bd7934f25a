"""``workbench tag``: tag a CSV column, or a whole study folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..errors import DecodeError, EmptyFileError, FormatError, WorkbenchError

OUTPUT_COLUMNS = ["pain_point", "need", "sentiment", "phase", "touchpoints"]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "tag",
        help="tag texts with pain points, needs, touchpoints, emotion and phase",
        description=(
            "Tag a text column of any CSV file (writes the rows plus pain_point, need, sentiment, "
            "phase, touchpoints), or a study folder (writes .workbench/tags.csv and doc_tags.csv)."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="a CSV file, or a study folder")
    p.add_argument("--text-column", help="CSV: the column holding the texts")
    p.add_argument("--context-column", help="CSV: optional column with the question each text answers")
    p.add_argument("--lang", choices=["nl", "en", "auto"], help="language (CSV default: auto; study: its language)")
    p.add_argument("--phase-model", help="phase model id or TOML file (default: klassiek-5 / the study's)")
    p.add_argument("--out", help="CSV: output file (default: INPUT.tagged.csv)")
    p.add_argument("--progress", action="store_true", help="show a progress bar")
    p.set_defaults(func=run)


def _decode(raw: bytes, path: Path) -> str:
    try:
        from ..io.text import decode_text  # the readers' shared decoder, when present
    except ImportError:
        decode_text = None
    if decode_text is not None:
        try:
            result = decode_text(raw, path=path)
        except TypeError:
            result = decode_text(raw)
        return result[0] if isinstance(result, tuple) else result
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DecodeError("cannot decode the file", path=path, hint="Save it as UTF-8.")  # pragma: no cover


def read_csv_any(path: str | Path) -> tuple[pd.DataFrame, str]:
    """Read a CSV with unknown delimiter and encoding; returns (frame of strings, delimiter)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WorkbenchError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    text = _decode(raw, path)
    if not text.strip():
        raise EmptyFileError("the file is empty", path=path, hint="Export the data again.")
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise FormatError(f"not a readable CSV: {exc}", path=path, hint="Check quotes and delimiters.") from exc
    return frame, delimiter


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


def _tag_csv(args) -> int:
    from ..nlp import tag_texts

    path = Path(args.input)
    frame, delimiter = read_csv_any(path)
    col = _column(frame, args.text_column, path, "--text-column")
    contexts = None
    if args.context_column:
        contexts = frame[_column(frame, args.context_column, path, "--context-column")].tolist()
    result = tag_texts(
        frame[col].tolist(),
        lang=args.lang or "auto",
        phase_model=args.phase_model or "klassiek-5",
        contexts=contexts,
        progress=args.progress,
    )
    out = frame.copy()
    for c in OUTPUT_COLUMNS:
        out[c] = result[c].to_numpy()
    target = Path(args.out) if args.out else path.with_name(path.stem + ".tagged.csv")
    out.to_csv(target, sep=delimiter, index=False, encoding="utf-8")
    print(
        f"tagged {len(out)} rows: {int(result['pain_point'].sum())} with a pain point, "
        f"{int(result['need'].sum())} with a need, "
        f"{int((result['touchpoints'] != '').sum())} naming a touchpoint -> {target}"
    )
    print(result["phase"].value_counts(dropna=False).rename("rows per phase").to_string())
    return 0


def _tag_study(args) -> int:
    from ..nlp import tag_documents

    try:
        from ..study import load_study
    except ImportError as exc:  # pragma: no cover - the study module ships with the package
        raise WorkbenchError("study support is not available", hint="Update Journey Workbench.") from exc
    folder = Path(args.input)
    study = load_study(folder)
    documents = study.documents()
    config = getattr(study, "config", None)
    lang = args.lang or getattr(config, "language", None) or "nl"
    phase_model = args.phase_model or getattr(study, "phase_model", None) or "klassiek-5"
    questions = getattr(study, "questions", None)
    if callable(questions):
        questions = questions()
    doc_tags, tags = tag_documents(
        documents,
        lang,
        phase_model,
        questions=questions if isinstance(questions, pd.DataFrame) else None,
        pipeline=getattr(config, "nlp_pipeline", None),
        progress=args.progress,
    )
    out = folder / ".workbench"
    out.mkdir(exist_ok=True)
    tags.to_csv(out / "tags.csv", index=False)
    doc_tags.to_csv(out / "doc_tags.csv", index=False)
    print(f"tagged {len(doc_tags)} documents, {len(tags)} tags -> {out}")
    if len(tags):
        table = pd.crosstab(tags["phase"].fillna("(none)"), tags["label"].astype(str))
        print(table.to_string())
    return 0


def run(args) -> int:
    path = Path(args.input)
    if path.is_dir():
        return _tag_study(args)
    if not path.exists():
        raise WorkbenchError("file not found", path=path, hint="Give a CSV file or a study folder.")
    return _tag_csv(args)
