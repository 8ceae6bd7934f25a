"""Measure the tagger against labelled texts (``workbench/data/eval/{nl,en}.jsonl``).

Each line of an evaluation file is ``{"id", "domain", "text", "pain_point": 0|1, "need": 0|1,
"sentiment": -1|0|1, "touchpoints": [ids]}``. The figures are precision, recall and F1 per
label: pain_point and need (binary, positive class 1), touchpoint (micro-averaged over the ids),
sentiment (macro-averaged over the three classes; predicted class from the sign of
``DOC_TAGS.sentiment`` beyond ``±threshold``).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from ..errors import EmptyFileError, FormatError, WorkbenchError
from ..phases import PhaseModel
from .tagger import tag_texts

__all__ = ["evaluate", "read_eval_file", "eval_dir", "EVAL_COLUMNS", "SPLITS"]

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
