"""The workbench's text model (internals of :mod:`workbench.coding.learn`, which re-exports the API).

The workbench's model (:class:`CodeModel`) has two stages, both trained from scratch in seconds:

1. a spaCy ``textcat_multilabel`` (bag-of-words, uni- and bigrams) on the lower-cased text with
   the rule tagger's cues appended as marker tokens (``wbcue_pain_point_delay``, ``wbemo_negative``,
   ``wbtp_delivery``), so it learns which cues the researcher agrees with;
2. per label, a small logistic regression that stacks the text score with the rule tagger's cue
   scores (pain, need, positive and negative emotion), its sentiment and a question mark.

The stacker is fitted on out-of-fold text scores (inner cross-validation on the training data),
and each label's decision threshold is the one that maximises F1 on out-of-fold stacked scores:
nothing is tuned on data the model is evaluated on. Training is seeded
(``spacy.util.fix_random_seed``): the same data and seed give the same predictions.

>>> import pandas as pd
>>> texts = ["Levering te laat.", "Ik wil graag een app."] * 6 + ["Prima.", "Alles goed."] * 6
>>> labels = pd.DataFrame({"pain_point": [1, 0] * 6 + [0] * 12, "need": [0, 1] * 6 + [0] * 12})
>>> model = train_model(texts, labels, lang="nl", epochs=3)
>>> predict(model, ["De levering was te laat."])[["pain_point", "need"]].values.tolist()
[[1, 0]]
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd
import spacy
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..errors import ModelError

__all__ = [
    "CodeModel",
    "DEFAULT_LABELS",
    "FEATURES",
    "rule_cues",
    "train_model",
    "predict",
    "save_model",
    "load_model",
    "MODEL_FORMAT",
    "Cues",
    "best_threshold",
]

DEFAULT_LABELS = ("pain_point", "need")
MODEL_FORMAT = "journey-workbench/textcat-stack"
MODEL_VERSION = 2
#: The stacker's inputs after the text score, in order.
FEATURES = ("cue_pain_point", "cue_need", "emotion_positive", "emotion_negative", "sentiment", "question",
            "rule_pain_point", "rule_need", "pain_evaluation", "pain_negation", "need_question", "need_request")
_CUE_COLUMN = {"pain_point": 0, "need": 1, "positive": 2, "negative": 3}
_RULE_COLUMN = {"pain_point": 6, "need": 7}
_VALUE_COLUMN = {("pain_point", "evaluation"): 8, ("pain_point", "negation"): 9, ("need", "question"): 10}
_GRID = np.round(np.linspace(0.05, 0.95, 37), 3)
_BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**18,
}


@dataclass
class CodeModel:
    """A trained model: the spaCy pipeline, the stackers and the thresholds.

    Attributes
    ----------
    nlp : spacy.language.Language
        Blank pipeline with one ``textcat_multilabel`` component.
    labels : list of str
        The labels predicted (``pain_point``, ``need`` …).
    lang : str
        ``nl`` or ``en`` (the rule tagger's language for the cue features).
    thresholds : dict
        label -> probability at or above which the label is predicted (tuned by inner CV).
    stack : dict
        label -> ``{"coef": [...], "intercept": float, "mode": str}`` over
        ``("text_score", *FEATURES)``; ``mode`` is how the label is decided, chosen out of fold on
        the training data: ``model`` (probability ≥ threshold), ``rules`` (too few examples to beat
        them: the rules decide; the probability still orders the review) or ``veto`` (the rules,
        less the texts the model scores below ``veto_below``).
    meta : dict
        Everything else written to ``meta.json`` (seed, epochs, counts, CV figures).
    """

    nlp: Language
    labels: list[str]
    lang: str
    thresholds: dict[str, float]
    stack: dict[str, dict]
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Cues:
    """The rule tagger's output for a list of texts, as the model consumes it."""

    texts: list[str]  # lower-cased text + cue marker tokens
    features: np.ndarray  # len(texts) x len(FEATURES)
    rules: pd.DataFrame  # the tagger's DOC_TAGS (pain_point, need 0/1 …)


def rule_cues(texts: Sequence[str], lang: str) -> Cues:
    """Run the rule tagger (:func:`workbench.nlp.tag_texts`) and derive the model's inputs."""
    from ..nlp import tag_texts

    texts = ["" if t is None or (isinstance(t, float) and t != t) else str(t) for t in texts]
    doc_tags, tags = tag_texts(texts, lang=lang, return_tags=True)
    markers: list[set[str]] = [set() for _ in texts]
    feats = np.zeros((len(texts), len(FEATURES)))
    for doc_id, label, value, score in zip(
        tags["doc_id"],
        tags["label"].astype(str),
        tags["value"].astype("string").fillna(""),
        tags["score"],
        strict=True,
    ):
        i = int(doc_id)
        value = str(value).replace(" ", "_")
        if label == "touchpoint":
            markers[i].add(f"wbtp_{value}")
            continue
        if label == "emotion":
            markers[i].add(f"wbemo_{value}")
            col = _CUE_COLUMN.get(value)
        else:
            markers[i].update((f"wbcue_{label}", f"wbcue_{label}_{value}"))
            col = _CUE_COLUMN.get(label)
            extra = _VALUE_COLUMN.get((label, value), 11 if label == "need" else None)
            if extra is not None and not pd.isna(score):
                feats[i, extra] = max(feats[i, extra], float(score))
        if col is not None and not pd.isna(score):
            feats[i, col] = max(feats[i, col], float(score))
    feats[:, 4] = doc_tags["sentiment"].to_numpy(dtype=float)
    feats[:, 5] = [float("?" in t) for t in texts]
    feats[:, 6] = doc_tags["pain_point"].to_numpy(dtype=float)
    feats[:, 7] = doc_tags["need"].to_numpy(dtype=float)
    prepped = [" ".join([t.lower(), *sorted(m)]) for t, m in zip(texts, markers, strict=True)]
    return Cues(prepped, feats, doc_tags)


@lru_cache(maxsize=4)
def _blank(lang: str) -> Language:
    return spacy.blank(lang)  # building the tokenizer is the slow part: do it once per language


def _new_pipeline(lang: str, labels: Sequence[str]) -> Language:
    base = _blank(lang)
    nlp = type(base)(vocab=base.vocab, create_tokenizer=lambda _nlp: base.tokenizer)
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": _BOW})
    for label in labels:
        textcat.add_label(label)
    return nlp


def _fit_textcat(
    lang: str,
    texts: list[str],
    y: np.ndarray,
    labels: Sequence[str],
    *,
    seed: int,
    epochs: int,
    batch_size: int,
) -> Language:
    fix_random_seed(seed)
    nlp = _new_pipeline(lang, labels)
    examples = []
    for text, row in zip(texts, y, strict=True):
        cats = {label: float(v) for label, v in zip(labels, row, strict=True) if not np.isnan(v)}
        examples.append(Example.from_dict(nlp.make_doc(text), {"cats": cats}))
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(examples)
        for batch in minibatch(examples, size=batch_size):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    return nlp


def _text_scores(nlp: Language, texts: list[str], labels: Sequence[str]) -> np.ndarray:
    docs = nlp.pipe(nlp.make_doc(t) for t in texts)
    return np.array([[doc.cats[label] for label in labels] for doc in docs]).reshape(len(texts), len(labels))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _stack_inputs(text_score: np.ndarray, features: np.ndarray) -> np.ndarray:
    return np.column_stack([_logit(text_score), features])


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The threshold on a 0.05..0.95 grid that maximises F1 (ties: the one nearest 0.5)."""
    results = [(f1_score(truth, scores >= t, zero_division=0), -abs(t - 0.5), t) for t in _GRID]
    return float(max(results)[2])


def _choose_mode(scores: np.ndarray, rules: np.ndarray, truth: np.ndarray, threshold: float) -> tuple[str, float]:
    """``('model', t)``, ``('rules', 0)`` or ``('veto', cut)`` (the rules, less the texts the model
    scores below ``cut``): whichever has the best F1 on out-of-fold scores; ties go to the rules."""
    f_model = f1_score(truth, scores >= threshold, zero_division=0)
    f_rules = f1_score(truth, rules, zero_division=0)
    cuts = [(f1_score(truth, rules & (scores >= c), zero_division=0), -c, c) for c in _GRID[_GRID <= 0.5]]
    f_veto, _, cut = max(cuts)
    best = max(f_model, f_rules, f_veto)
    if f_rules >= best:
        return "rules", 0.0
    if f_veto >= best:
        return "veto", float(cut)
    return "model", threshold


def _label_matrix(labels: pd.DataFrame, n: int) -> tuple[list[str], np.ndarray]:
    if not isinstance(labels, pd.DataFrame) or labels.shape[1] == 0:
        raise ModelError(
            "labels must be a frame with one 0/1 column per label", hint="E.g. columns pain_point, need."
        )
    if len(labels) != n:
        raise ModelError(f"{len(labels)} label rows for {n} texts", hint="Give one label row per text.")
    y = labels.apply(pd.to_numeric, errors="coerce").astype("float64").to_numpy()
    bad = ~np.isnan(y) & ~np.isin(y, (0.0, 1.0))
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise ModelError(
            f"label '{labels.columns[c]}' has a value other than 0/1",
            key=str(labels.columns[c]),
            row=int(r) + 1,
            hint="Labels are 1 (applies), 0 (does not apply) or missing.",
        )
    return [str(c) for c in labels.columns], y


def _check_counts(names: list[str], y: np.ndarray, folds: int) -> None:
    for j, name in enumerate(names):
        known = y[~np.isnan(y[:, j]), j]
        pos, neg = int(known.sum()), int(len(known) - known.sum())
        if min(pos, neg) < folds:
            raise ModelError(
                f"too few examples of label '{name}': {pos} positive, {neg} negative",
                key=name,
                hint=f"Code at least {folds} positive and {folds} negative examples per label "
                "(a few dozen of each give a useful model).",
            )


def train_model(
    texts: Sequence[str],
    labels: pd.DataFrame,
    lang: str,
    *,
    seed: int = 0,
    epochs: int = 10,
    inner_folds: int = 3,
    batch_size: int = 8,
    cues: Cues | None = None,
) -> CodeModel:
    """Train the workbench's model on labelled texts.

    Parameters
    ----------
    texts : sequence of str
        The examples.
    labels : DataFrame
        One column per label, values 1, 0 or missing (``<NA>``/NaN: not labelled), row-aligned
        with ``texts``.
    lang : {'nl', 'en'}
        Language of the texts.
    seed : int
        Seed for spaCy, the shuffles and the inner folds.
    epochs, batch_size : int
        Passes over the data and minibatch size of the text classifier.
    inner_folds : int
        Folds of the inner cross-validation that fits the stacker and the thresholds.
    cues : Cues, optional
        Precomputed :func:`rule_cues` of ``texts`` (saves re-tagging in cross-validation).

    Raises
    ------
    ModelError
        When labels are not 0/1, or a label has fewer than ``inner_folds`` positive or negative
        examples.
    """
    texts = list(texts)
    names, y = _label_matrix(labels, len(texts))
    _check_counts(names, y, inner_folds)
    cues = cues or rule_cues(texts, lang)
    fit = dict(seed=seed, epochs=epochs, batch_size=batch_size)
    oof = np.full(y.shape, np.nan)
    for train, test in KFold(inner_folds, shuffle=True, random_state=seed).split(texts):
        nlp = _fit_textcat(lang, [cues.texts[i] for i in train], y[train], names, **fit)
        oof[test] = _text_scores(nlp, [cues.texts[i] for i in test], names)
    stack, thresholds = {}, {}
    for j, name in enumerate(names):
        known = ~np.isnan(y[:, j])
        z, truth = _stack_inputs(oof[known, j], cues.features[known]), y[known, j].astype(int)
        lr = LogisticRegression(C=1.0, max_iter=1000)
        folds = StratifiedKFold(inner_folds, shuffle=True, random_state=seed)
        stacked = cross_val_predict(lr, z, truth, cv=folds, method="predict_proba")[:, 1]
        thresholds[name] = best_threshold(stacked, truth)
        lr.fit(z, truth)
        stack[name] = {"coef": lr.coef_[0].round(6).tolist(), "intercept": round(float(lr.intercept_[0]), 6)}
        # with few examples the model may not beat the rules: choose, out of fold on the training
        # data, between the model, the rules, and the rules with the model's confident vetoes
        rule_col = _RULE_COLUMN.get(name)
        if rule_col is not None:
            mode, cut = _choose_mode(stacked, cues.features[known, rule_col] >= 0.5, truth, thresholds[name])
            stack[name]["mode"] = mode
            if mode == "veto":
                stack[name]["veto_below"] = cut
    nlp = _fit_textcat(lang, cues.texts, y, names, **fit)
    counts = {
        n: {"positive": int(np.nansum(y[:, j])), "negative": int((y[:, j] == 0).sum())}
        for j, n in enumerate(names)
    }
    meta = {
        "seed": seed,
        "epochs": epochs,
        "inner_folds": inner_folds,
        "batch_size": batch_size,
        "n_examples": len(texts),
        "counts": counts,
    }
    return CodeModel(nlp, names, lang, thresholds, stack, meta)


def _probabilities(model: CodeModel, cues: Cues) -> np.ndarray:
    text = _text_scores(model.nlp, cues.texts, model.labels)
    out = np.zeros_like(text)
    for j, name in enumerate(model.labels):
        w = model.stack[name]
        z = _stack_inputs(text[:, j], cues.features) @ np.asarray(w["coef"]) + w["intercept"]
        out[:, j] = 1.0 / (1.0 + np.exp(-z))
    return out


def subset_cues(cues: Cues, idx: np.ndarray) -> Cues:
    """The cues of the texts at positions ``idx`` (indices or a boolean mask)."""
    idx = np.flatnonzero(idx) if np.asarray(idx).dtype == bool else np.asarray(idx)
    return Cues([cues.texts[i] for i in idx], cues.features[idx], cues.rules.iloc[idx].reset_index(drop=True))


def predict(model: CodeModel, texts: Sequence[str], *, cues: Cues | None = None) -> pd.DataFrame:
    """Label probabilities and decisions for texts.

    Returns
    -------
    DataFrame
        One row per text, in order: a 0/1 (``int8``) column per label (1 when the probability
        reaches the label's threshold; for a label in ``rules``/``veto`` mode, when the rules find
        it and, for ``veto``, the model does not score it below ``veto_below``), then ``<label>_score`` (probability, ``float64``).
    """
    texts = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]
    filled = np.array([bool(t.strip()) for t in texts], dtype=bool)
    probs = np.zeros((len(texts), len(model.labels)))  # an empty text carries no evidence: 0
    features = np.zeros((len(texts), len(FEATURES)))
    if filled.any():
        if cues is None:
            cues = rule_cues([t for t, f in zip(texts, filled, strict=True) if f], model.lang)
        elif not filled.all():
            cues = subset_cues(cues, filled)
        probs[filled] = _probabilities(model, cues)
        features[filled] = cues.features
    out = {}
    for j, name in enumerate(model.labels):
        out[name] = (probs[:, j] >= model.thresholds[name]).astype("int8")
        mode = model.stack[name].get("mode", "model")
        if mode in ("rules", "veto"):
            decided = features[:, _RULE_COLUMN[name]] >= 0.5
            if mode == "veto":
                decided &= probs[:, j] >= model.stack[name]["veto_below"]
            out[name] = decided.astype("int8")
    for j, name in enumerate(model.labels):
        out[f"{name}_score"] = probs[:, j].astype("float64")
    return pd.DataFrame(out, index=pd.RangeIndex(len(texts)))


def save_model(model: CodeModel, directory: str | PathLike, *, cv: pd.DataFrame | None = None) -> Path:
    """Write the model to ``directory``: ``pipeline/`` (spaCy) and ``meta.json``; return the path.

    ``cv`` (a :func:`workbench.coding.learn.cross_validate` frame) is stored in the meta.
    """
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        model.nlp.to_disk(directory / "pipeline")
        meta = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "labels": model.labels,
            "lang": model.lang,
            "thresholds": model.thresholds,
            "stack_inputs": ["text_score", *FEATURES],
            "stack": model.stack,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            **model.meta,
        }
        if cv is not None:
            meta["cv"] = json.loads(cv.to_json(orient="records"))
        (directory / "meta.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise ModelError(
            f"cannot write the model: {exc}", path=directory, hint="Choose a writable folder."
        ) from None
    model.meta = {k: v for k, v in meta.items() if k not in _CORE_META}
    return directory


_CORE_META = {"format", "version", "labels", "lang", "thresholds", "stack_inputs", "stack"}


def load_model(directory: str | PathLike) -> CodeModel:
    """Read a model written by :func:`save_model` (or ``workbench train``)."""
    directory = Path(directory)
    meta_path = directory / "meta.json"
    if not meta_path.is_file():
        raise ModelError(
            "not a workbench model folder (no meta.json)",
            path=directory,
            hint="Pass the folder written by `workbench train … --out MODEL_DIR`.",
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(
            f"meta.json is unreadable: {exc}", path=meta_path, hint="Train the model again."
        ) from None
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise ModelError(
            "meta.json does not describe a workbench text model",
            path=meta_path,
            hint="Pass the folder written by `workbench train`.",
        )
    if meta.get("version", 0) > MODEL_VERSION:
        raise ModelError(
            f"model format version {meta.get('version')} is newer than this workbench",
            path=meta_path,
            hint="Upgrade Journey Workbench.",
        )
    if meta.get("stack_inputs") != ["text_score", *FEATURES]:
        raise ModelError("the model was trained with other features", path=meta_path, hint="Train it again.")
    try:
        nlp = spacy.load(directory / "pipeline")
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline: {exc}",
            path=directory / "pipeline",
            hint="Train the model again.",
        ) from None
    rest = {k: v for k, v in meta.items() if k not in _CORE_META}
    return CodeModel(
        nlp, list(meta["labels"]), meta["lang"], dict(meta["thresholds"]), dict(meta["stack"]), rest
    )
