"""Measure the tagger against labelled texts: any labelled CSV/XLSX (:func:`evaluate_file`,
``workbench evaluate --file``) or the shipped synthetic regression sets
(``workbench/data/eval|dev/{nl,en}.jsonl``, :func:`evaluate`).

Each line of an evaluation file is ``{"id", "domain", "text", "pain_point": 0|1, "need": 0|1,
"sentiment": -1|0|1, "touchpoints": [ids]}``. The figures are precision, recall and F1 per
label: pain_point and need (binary, positive class 1), touchpoint (micro-averaged over the ids),
sentiment (macro-averaged over the three classes; predicted class from the sign of
``DOC_TAGS.sentiment`` beyond ``±threshold``).
"""

from __future__ import annotations

import io
import json
import re
import warnings
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from ..errors import EmptyFileError, FormatError, WorkbenchError
from ..phases import PhaseModel
from .langid import detect_language
from .tagger import tag_texts

__all__ = ["evaluate", "evaluate_file", "read_labelled_file", "score_labels", "read_eval_file", "eval_dir",
           "EVAL_COLUMNS", "FILE_COLUMNS", "SPLITS"]

SPLITS = ("eval", "dev")  # eval: the blind evaluation sets (report only); dev: for tuning the cues

EVAL_COLUMNS = ["lang", "label", "precision", "recall", "f1", "support"]
_REQUIRED = ("text", "pain_point", "need", "sentiment", "touchpoints")


def eval_dir(split: str = "eval") -> Path:
    """The folder of the shipped labelled sets: ``eval`` (blind evaluation) or ``dev`` (development)."""
    if split not in SPLITS:
        raise WorkbenchError(f"unknown set '{split}'", key="split", hint=f"Use one of {', '.join(SPLITS)}.")
    return Path(str(resources.files("workbench") / "data" / split))


def read_eval_file(path: str | Path) -> pd.DataFrame:
    """Read one JSONL evaluation file into a frame (one row per labelled text)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise WorkbenchError("evaluation file not found", path=path,
                             hint="Pass --data FILE, or add workbench/data/eval/<lang>.jsonl.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read evaluation file: {exc}", path=path) from exc
    rows = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"not a JSON object: {exc.msg}", path=path, line=n) from exc
        missing = [k for k in _REQUIRED if not isinstance(item, dict) or k not in item]
        if missing:
            raise FormatError(f"missing key(s) {', '.join(missing)}", path=path, line=n,
                              hint=f"Every line needs {', '.join(_REQUIRED)}.")
        rows.append(item)
    if not rows:
        raise EmptyFileError("evaluation file has no items", path=path)
    return pd.DataFrame(rows)


def _binary(y_true, y_pred) -> tuple[float, float, float, int]:
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)
    return float(p), float(r), float(f), int(np.sum(y_true))


def score_frame(gold: pd.DataFrame, pred: pd.DataFrame, lang: str, threshold: float = 0.15) -> pd.DataFrame:
    """Compare gold labels with DOC_TAGS predictions (same row order) into the tidy figures."""
    rows = []
    for label in ("pain_point", "need"):
        y = gold[label].astype(int).to_numpy()
        rows.append((lang, label, *_binary(y, pred[label].astype(int).to_numpy())))
    gold_tp = [sorted(set(t or [])) for t in gold["touchpoints"]]
    pred_tp = [[t for t in str(s).split("; ") if t] for s in pred["touchpoints"].fillna("")]
    mlb = MultiLabelBinarizer(classes=sorted({t for ts in gold_tp + pred_tp for t in ts}))
    yt, yp = mlb.fit_transform(gold_tp), mlb.transform(pred_tp)
    if yt.size:
        p, r, f, _ = precision_recall_fscore_support(yt, yp, average="micro", zero_division=0)
    else:
        p = r = f = 0.0
    rows.append((lang, "touchpoint", float(p), float(r), float(f), int(yt.sum())))
    s = pred["sentiment"].to_numpy(dtype=float)
    sp = np.where(s > threshold, 1, np.where(s < -threshold, -1, 0))
    p, r, f, _ = precision_recall_fscore_support(
        gold["sentiment"].astype(int).to_numpy(), sp, labels=[-1, 0, 1], average="macro", zero_division=0
    )
    rows.append((lang, "sentiment", float(p), float(r), float(f), len(gold)))
    return pd.DataFrame(rows, columns=EVAL_COLUMNS)


def evaluate(
    lang: str = "all",
    data: str | Path | None = None,
    phase_model: str | PhaseModel = "klassiek-5",
    split: str = "eval",
) -> pd.DataFrame:
    """Precision, recall and F1 per label and language.

    Parameters
    ----------
    lang : {'nl', 'en', 'all'}
        Which shipped evaluation sets to use (with ``data``: the language of that file;
        ``'all'`` then means 'auto-detect per text').
    data : path, optional
        A JSONL evaluation file instead of the shipped ones.
    split : {'eval', 'dev'}
        Which shipped sets: the blind evaluation sets (for reporting) or the development sets
        (for tuning cue patterns).

    Returns
    -------
    DataFrame
        Columns ``lang, label, precision, recall, f1, support``; labels pain_point, need,
        touchpoint (micro over ids, support = number of gold ids), sentiment (3-class macro,
        support = number of texts).
    """
    if lang not in ("nl", "en", "all"):
        raise WorkbenchError(f"unknown language '{lang}'", key="lang", hint="Use nl, en or all.")
    if data is not None:
        sets = [(lang if lang != "all" else "auto", Path(data))]
    else:
        langs = ["nl", "en"] if lang == "all" else [lang]
        sets = [(code, eval_dir(split) / f"{code}.jsonl") for code in langs]
    frames = []
    for code, path in sets:
        gold = read_eval_file(path)
        pred = tag_texts(gold["text"].tolist(), lang=code, phase_model=phase_model)
        frames.append(score_frame(gold, pred, code if code != "auto" else path.stem))
    return pd.concat(frames, ignore_index=True)


#: Columns of :func:`evaluate_file` / :func:`score_labels`.
FILE_COLUMNS = ["lang", "group", "label", "precision", "recall", "f1", "support", "n"]
_C1 = re.compile("[\u0080-\u009f]")


def read_labelled_file(path: str | Path, text_column: str, label_columns: list[str],
                       other_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """A labelled CSV (``,`` ``;`` or tab; UTF-8, else cp1252) or ``.xlsx`` table as strings.

    Stray C1 control characters (U+0080–U+009F, left by old exports inside valid UTF-8) are
    kept as they are and reported with a warning naming the rows. Rows without text are
    dropped (reported too). Label cells must be 0/1 (``sentiment``: -1/0/1).

    Raises
    ------
    WorkbenchError
        Missing file or columns (the message lists the table's columns), a label cell that is
        not a number of the label's set (with its 1-based data row).
    """
    path = Path(path)
    if not path.is_file():
        raise WorkbenchError("no such file", path=path, hint="Check the path.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from ..coding._tables import read_table

        frame = read_table(path)
    else:
        data = path.read_bytes()
        if not data.strip():
            raise EmptyFileError("the file is empty", path=path, hint="Export the table again.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warnings.warn(f"{path}: not UTF-8, read as cp1252", stacklevel=2)
        first = text.split("\n", 1)[0]
        sep = max((",", ";", "\t"), key=first.count)
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, ValueError) as exc:
            raise FormatError(f"not a readable CSV table: {exc}", path=path,
                              hint="Every row needs the same number of fields; quote texts with the separator.") from None
        frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in [text_column, *label_columns, *other_columns] if c not in frame.columns]
    if missing:
        raise WorkbenchError(f"column(s) not found: {', '.join(missing)}", path=path, key=missing[0],
                             hint=f"The table has the columns: {', '.join(map(str, frame.columns))}.")
    odd = frame[text_column].astype(str).str.contains(_C1)
    if odd.any():
        rows = (np.flatnonzero(odd.to_numpy()) + 1).tolist()
        warnings.warn(f"{path}: {len(rows)} text(s) hold C1 control characters (U+0080–U+009F), kept as they are "
                      f"(data rows {', '.join(map(str, rows[:10]))}{' …' if len(rows) > 10 else ''})", stacklevel=2)
    empty = frame[text_column].astype(str).str.strip() == ""
    if empty.any():
        warnings.warn(f"{path}: {int(empty.sum())} row(s) without text left out", stacklevel=2)
        frame = frame[~empty].reset_index(drop=True)
    for col in label_columns:
        allowed = ("-1", "0", "1") if col == "sentiment" else ("0", "1")
        cells = frame[col].astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
        bad = ~cells.isin(allowed)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 1
            raise WorkbenchError(f"label '{col}' has the value '{frame[col].iloc[row - 1]}'", path=path, key=col,
                                 row=row, hint=f"Label cells of {col} are {', '.join(allowed)}.")
        frame[col] = cells.astype(int)
    return frame


def score_labels(gold: pd.DataFrame, pred: pd.DataFrame, labels: list[str], threshold: float = 0.15) -> list[tuple]:
    """``(label, precision, recall, f1, support, n)`` per label: pain_point/need binary (support =
    positives), sentiment 3-class macro (predicted from ``DOC_TAGS.sentiment`` beyond ``±threshold``)."""
    out = []
    for label in labels:
        y = gold[label].to_numpy(dtype=int)
        if label == "sentiment":
            s = pred["sentiment"].to_numpy(dtype=float)
            sp = np.where(s > threshold, 1, np.where(s < -threshold, -1, 0))
            p, r, f, _ = precision_recall_fscore_support(y, sp, labels=[-1, 0, 1], average="macro", zero_division=0)
            out.append((label, float(p), float(r), float(f), len(y), len(y)))
        else:
            out.append((label, *_binary(y, pred[label].to_numpy(dtype=int)), len(y)))
    return out


def evaluate_file(
    path: str | Path,
    text_column: str,
    label_columns: list[str],
    *,
    lang: str = "auto",
    group_column: str | None = None,
    phase_model: str | PhaseModel = "klassiek-5",
) -> pd.DataFrame:
    """Precision, recall and F1 of the tagger on any labelled table, per label, language and group.

    Parameters
    ----------
    path : path
        CSV or XLSX with a text column and 0/1 label columns (``pain_point``, ``need``) and
        optionally ``sentiment`` (-1/0/1).
    lang : {'nl', 'en', 'auto'}
        Language of the texts; ``auto`` detects it per text and reports per detected language.
    group_column : str, optional
        A column (e.g. ``domain``) to report each value of separately (beside ``all``).

    Returns
    -------
    DataFrame
        Columns :data:`FILE_COLUMNS`; ``support`` is the number of positives (texts, for
        sentiment) and ``n`` the number of texts scored.
    """
    labels = [c.strip() for c in label_columns if c.strip()]
    unknown = [c for c in labels if c not in ("pain_point", "need", "sentiment")]
    if unknown:
        raise WorkbenchError(f"the tagger has no label '{unknown[0]}'", key=unknown[0],
                             hint="Use pain_point, need and/or sentiment.")
    if lang not in ("nl", "en", "auto"):
        raise WorkbenchError(f"unknown language '{lang}'", key="lang", hint="Use nl, en or auto.")
    frame = read_labelled_file(path, text_column, labels, (group_column,) if group_column else ())
    texts = frame[text_column].astype(str).tolist()
    langs = [detect_language(t) for t in texts] if lang == "auto" else [lang] * len(texts)
    frame["_lang"] = langs
    parts = []
    for code in sorted(set(langs)):
        mask = frame["_lang"] == code
        parts.append(tag_texts(texts if mask.all() else [t for t, m in zip(texts, mask, strict=True) if m],
                               lang=code, phase_model=phase_model).set_index(frame.index[mask]))
    pred = pd.concat(parts).loc[frame.index]
    rows = []
    for code in sorted(set(langs)):
        mask = (frame["_lang"] == code).to_numpy()
        groups = [("all", mask)]
        if group_column:
            values = frame[group_column].astype(str)
            groups += [(g, mask & (values == g).to_numpy()) for g in sorted(values[mask].unique())]
        for name, m in groups:
            rows += [(code, name, *row) for row in score_labels(frame[m], pred[m], labels)]
    out = pd.DataFrame(rows, columns=FILE_COLUMNS)
    return out.astype({"lang": "string", "group": "string", "label": "string", "support": "int64", "n": "int64"})
