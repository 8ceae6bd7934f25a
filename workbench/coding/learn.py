"""Learning from codes: a text classifier trained on the researcher's decisions or a labelled table.

Two ways in:

- **From the study store**: every accepted code on a document makes it a positive example of the
  code's label (``pain_point``, ``need``; a child code such as ``pain_point/price`` counts for its
  top-level label), a rejected suggestion a negative one (:func:`examples_from_codings`,
  :func:`train_from_store`). :func:`rescore_suggestions` then gives the suggestions still to
  review a model score and an ``uncertainty`` the review widget orders by.
- **From a spreadsheet** of labelled texts (:func:`read_labelled`, ``workbench train``).

The model (spaCy ``textcat_multilabel`` + the rule tagger's cues, stacked; see
:class:`CodeModel`) is compared with the rules alone and a TF-IDF + logistic-regression baseline
by :func:`cross_validate` on the same folds.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import KFold

from ..errors import WorkbenchError
from ._tables import parse_binary, read_table, require_columns
from ._textmodel import (
    DEFAULT_LABELS,
    FEATURES,
    MODEL_FORMAT,
    CodeModel,
    load_model,
    predict,
    rule_cues,
    save_model,
    subset_cues,
    train_model,
)

__all__ = [
    "CodeModel",
    "DEFAULT_LABELS",
    "FEATURES",
    "MODEL_FORMAT",
    "SYSTEMS",
    "CV_COLUMNS",
    "train_model",
    "predict",
    "save_model",
    "load_model",
    "rule_cues",
    "read_labelled",
    "examples_from_codings",
    "train_from_store",
    "rescore_suggestions",
    "cross_validate",
]

#: The systems :func:`cross_validate` compares.
SYSTEMS = ("rules", "tfidf_logreg", "workbench")
#: Columns of the :func:`cross_validate` frame.
CV_COLUMNS = ("system", "label", "precision", "recall", "f1", "support", "n")
_RULE_LABELS = ("pain_point", "need")


def read_labelled(
    path: str | PathLike, text_column: str, label_columns: Sequence[str]
) -> tuple[list[str], pd.DataFrame]:
    """Texts and 0/1 labels from a CSV or ``.xlsx`` table.

    Label cells may be 1/0, yes/no, true/false, ja/nee (any case); an empty cell means the text
    is not labelled for that label. Rows with an empty text are dropped.

    Returns
    -------
    (list of str, DataFrame)
        The texts and a frame with one nullable ``Int8`` column per label.

    Raises
    ------
    WorkbenchError
        Unknown columns (the message lists the table's columns) or a cell that is not a yes/no
        value (with its 1-based data row).
    """
    frame = read_table(path)
    label_columns = [c.strip() for c in label_columns if c.strip()]
    if not label_columns:
        raise WorkbenchError("no label columns given", hint="E.g. --label-columns pain_point,need.")
    require_columns(frame, [text_column, *label_columns], path)
    labels = pd.DataFrame({c: parse_binary(frame[c], c, path) for c in label_columns})
    keep = frame[text_column].str.strip() != ""
    return frame.loc[keep, text_column].tolist(), labels[keep].reset_index(drop=True)


def examples_from_codings(
    codings: pd.DataFrame, documents: pd.DataFrame, labels: Sequence[str] = DEFAULT_LABELS
) -> pd.DataFrame:
    """Training examples from the store's codings: one row per coded document.

    A document is positive for a label when any coder accepted (or added) a code of that label
    on it, negative when its codes of that label were all rejected, and missing (``<NA>``)
    when nobody decided. Documents not in ``documents`` are left out.

    Returns
    -------
    DataFrame
        ``doc_id``, ``text`` and one nullable ``Int8`` column per label.
    """
    require_columns(codings, ["doc_id", "code", "decision"])
    require_columns(documents, ["doc_id", "text"])
    frame = pd.DataFrame(
        {
            "doc_id": codings["doc_id"].astype("string"),
            "label": codings["code"].astype("string").str.split("/").str[0],
            "value": (codings["decision"].astype(str) == "accepted").astype(int),
        }
    )
    frame = frame[frame["label"].isin(list(labels))]
    table = frame.pivot_table(index="doc_id", columns="label", values="value", aggfunc="max")
    table = table.reindex(columns=list(labels))
    texts = documents.assign(doc_id=documents["doc_id"].astype("string")).set_index("doc_id")["text"]
    table = table[table.index.isin(texts.index)]
    out = pd.DataFrame({"doc_id": pd.array(table.index, dtype="string")})
    out["text"] = pd.array(texts.reindex(table.index).fillna("").tolist(), dtype="string")
    for label in labels:
        out[label] = pd.array([None if pd.isna(v) else int(v) for v in table[label]], dtype="Int8")
    return out


def train_from_store(
    study,
    documents: pd.DataFrame,
    lang: str,
    *,
    labels: Sequence[str] = DEFAULT_LABELS,
    coder: str | None = None,
    **kwargs,
) -> CodeModel:
    """Train the model on a study's decisions (``study``: folder, store file or open ``Store``).

    ``coder`` restricts the examples to one coder's decisions; ``kwargs`` go to
    :func:`train_model` (``seed``, ``epochs`` …).
    """
    from .store import Store

    if isinstance(study, Store):
        codings = study.codings(coder=coder)
    else:
        with Store.open(study) as store:
            codings = store.codings(coder=coder)
    examples = examples_from_codings(codings, documents, labels)
    model = train_model(examples["text"].tolist(), examples[list(labels)], lang, **kwargs)
    model.meta["source"] = "study store" + (f" (coder {coder})" if coder else "")
    return model


def rescore_suggestions(model: CodeModel, suggestions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Re-score suggestions with a trained model.

    Suggestions whose ``label`` the model predicts get the model's probability for their
    document as ``score`` (the tagger's score is kept as ``rule_score``); other labels keep
    their score. ``uncertainty`` is 1 at the label's threshold and falls to 0 at certainty
    (``1 - |score - threshold| / max(threshold, 1 - threshold)``; for labels the model does not
    know, the threshold is 0.5). Review the highest uncertainty first.

    Parameters
    ----------
    model : CodeModel
    suggestions : DataFrame
        ``schema.TAGS`` rows (typically the undecided ones); extra columns are kept.
    documents : DataFrame
        ``schema.DOCUMENTS`` (``doc_id``, ``text``) of the suggested documents.

    Returns
    -------
    DataFrame
        The suggestions in their order, with ``score``, ``rule_score`` and ``uncertainty``.
    """
    require_columns(suggestions, ["doc_id", "label", "score"])
    require_columns(documents, ["doc_id", "text"])
    out = suggestions.copy().reset_index(drop=True)
    out["rule_score"] = pd.to_numeric(out["score"], errors="coerce").astype("float64")
    score = out["rule_score"].to_numpy().copy()
    threshold = np.full(len(out), 0.5)
    labels = out["label"].astype(str).to_numpy()
    ours = np.isin(labels, model.labels)
    if ours.any():
        texts = documents.assign(doc_id=documents["doc_id"].astype(str)).drop_duplicates("doc_id")
        texts = texts.set_index("doc_id")["text"]
        wanted = pd.unique(out.loc[ours, "doc_id"].astype(str))
        unknown = [d for d in wanted if d not in texts.index]
        if unknown:
            raise WorkbenchError(
                f"{len(unknown)} suggested document(s) are not in the documents, e.g. '{unknown[0]}'",
                key=unknown[0],
                hint="Pass the DOCUMENTS frame the suggestions were made from.",
            )
        probs = predict(model, texts.reindex(wanted).fillna("").astype(str).tolist())
        probs.index = wanted
        for label in model.labels:
            rows = ours & (labels == label)
            score[rows] = probs.loc[out.loc[rows, "doc_id"].astype(str), f"{label}_score"].to_numpy()
            threshold[rows] = model.thresholds[label]
    out["score"] = score
    spread = np.maximum(threshold, 1 - threshold)
    out["uncertainty"] = np.nan_to_num(1 - np.abs(score - threshold) / spread, nan=0.0).clip(0, 1)
    return out


def _scores(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float, float, int, int]:
    known = ~np.isnan(truth) & ~np.isnan(pred)
    t, p = truth[known].astype(int), pred[known].astype(int)
    prec, rec, f1, _ = precision_recall_fscore_support(t, p, average="binary", zero_division=0)
    return float(prec), float(rec), float(f1), int(t.sum()), int(known.sum())


def _tfidf_fold(texts: list[str], y: np.ndarray, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    x_train = vec.fit_transform([texts[i] for i in train])
    x_test = vec.transform([texts[i] for i in test])
    out = np.zeros((len(test), y.shape[1]))
    for j in range(y.shape[1]):
        known = ~np.isnan(y[train, j])
        truth = y[train, j][known].astype(int)
        if len(set(truth)) < 2:
            out[:, j] = truth[0] if len(truth) else 0
            continue
        lr = LogisticRegression(class_weight="balanced", max_iter=1000)
        out[:, j] = lr.fit(x_train[known], truth).predict(x_test)
    return out


def cross_validate(
    texts: Sequence[str],
    labels: pd.DataFrame,
    lang: str,
    folds: int = 5,
    seed: int = 0,
    *,
    epochs: int = 10,
    inner_folds: int = 3,
) -> pd.DataFrame:
    """Compare the rules, a TF-IDF + logistic-regression baseline and the workbench's model.

    All three are scored on the same ``folds`` (shuffled with ``seed``): the baseline and the
    model are trained on the other folds (the model tunes its stacker and thresholds by inner
    cross-validation inside the training folds only), the rules are not trained. Predictions are
    pooled over the folds before precision, recall and F1 are computed.

    The baseline: word uni- and bigram TF-IDF (sublinear tf), one class-balanced logistic
    regression per label, threshold 0.5. The rules: :func:`workbench.nlp.tag_texts` (they
    only know ``pain_point`` and ``need``; other labels get no ``rules`` row).

    Returns
    -------
    DataFrame
        Columns :data:`CV_COLUMNS`: ``system`` (:data:`SYSTEMS`), ``label`` (a label, or
        ``macro`` for the mean over the system's labels), ``precision``, ``recall``, ``f1``,
        ``support`` (positive examples) and ``n`` (examples scored).
    """
    texts = [str(t) for t in texts]
    names = [str(c) for c in labels.columns]
    y = labels.apply(pd.to_numeric, errors="coerce").astype("float64").to_numpy()
    if folds < 2 or folds > len(texts):
        raise WorkbenchError(
            f"cannot make {folds} folds of {len(texts)} examples",
            key="folds",
            hint="Use 2 or more folds, and no more folds than examples.",
        )
    cues = rule_cues(texts, lang)
    pred = {system: np.full(y.shape, np.nan) for system in SYSTEMS}
    for j, name in enumerate(names):
        if name in _RULE_LABELS:
            pred["rules"][:, j] = cues.rules[name].to_numpy(dtype=float)
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(texts):
        pred["tfidf_logreg"][test] = _tfidf_fold(texts, y, train, test)
        model = train_model(
            [texts[i] for i in train],
            labels.iloc[train],
            lang,
            seed=seed,
            epochs=epochs,
            inner_folds=inner_folds,
            cues=subset_cues(cues, train),
        )
        pred["workbench"][test] = predict(model, [texts[i] for i in test], cues=subset_cues(cues, test))[
            names
        ].to_numpy()
    rows = []
    for system in SYSTEMS:
        mine = []
        for j, name in enumerate(names):
            if np.isnan(pred[system][:, j]).all():
                continue
            mine.append((system, name, *_scores(y[:, j], pred[system][:, j])))
        if mine:
            means = np.mean([r[2:5] for r in mine], axis=0)
            mine.append((system, "macro", *means.tolist(), sum(r[5] for r in mine), sum(r[6] for r in mine)))
        rows.extend(mine)
    out = pd.DataFrame(rows, columns=list(CV_COLUMNS))
    return out.astype({"system": "string", "label": "string", "support": "int64", "n": "int64"})
