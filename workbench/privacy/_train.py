"""Train the learned name model (:mod:`._learned`) on labelled sets — deterministic, seed as a parameter.

Why logistic regression (scikit-learn, already a dependency) and not a CRF: the decision the rules
miss is per word ("is this capitalised word a name here?"), and the neighbouring words already
enter as features; a linear model is deterministic with ``liblinear``, trains in a second, ships as
a readable table of feature weights (a few hundred kB of JSON) and needs no library at run time. A
CRF (``sklearn-crfsuite``) would add a dependency whose wrapper is no longer maintained, for label
transitions that the span merging in :func:`._learned.learned_names` covers.

The model is trained as an *independent* second opinion: the rules' own person decision is not a
feature, because the rules were written on these very sets — on training data they are almost
always right, so a model given them would learn "the rules decide" and nothing that transfers.
The other finders' decisions (inside an address, an e-mail, a URL) are features. The threshold is
chosen on out-of-fold scores (leave one labelled set out at a time) of the model on its own: a
name word found counts +1, another word taken for a name −``cost``. (Counting only the words the
rules leave would choose "never": the rules were written on these sets and leave almost no name
on them, while on a set they have never seen they miss one name in ten —
``benchmarks/pii_learned.py`` measures that with the rules of an earlier commit.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._detect import rule_hits
from ._learned import NameModel, candidates, features, token_spans
from ._lexicon import lexicon
from ._rules import _Ctx
from .evaluate import Labelled

__all__ = ["Row", "rows_of", "fit", "oof_probs", "choose_threshold", "train"]


@dataclass(frozen=True)
class Row:
    """One candidate token: its set (``group``), features and gold label."""

    group: str
    feats: tuple[str, ...]
    label: bool


def rows_of(items: Sequence[Labelled], lang: str, group: str) -> list[Row]:
    """Candidate tokens of every sentence of one labelled set."""
    lex = lexicon(lang)
    out: list[Row] = []
    for it in items:
        c = _Ctx(it.text, lex)
        cand = candidates(c)
        if not cand:
            continue
        inside = token_spans(c, rule_hits(it.text, lang))
        names = [(s, e) for s, e, k in it.spans if k == "NAME"]
        for i in cand:
            a, b, _ = c.toks[i]
            gold = any(s < b and a < e for s, e in names) and c.low[i] not in lex.titles
            out.append(Row(group, tuple(features(c, i, inside)), gold))
    return out


def fit(rows: Sequence[Row], lang: str, *, seed: int = 0, C: float = 1.0, min_count: int = 2,
        threshold: float = 0.5) -> NameModel:
    """A logistic regression on ``rows``; features seen fewer than ``min_count`` times are dropped."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for r in rows for f in set(r.feats))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: j for j, f in enumerate(vocab)}
    indptr, cols = [0], []
    for r in rows:
        cols += sorted({index[f] for f in r.feats if f in index})
        indptr.append(len(cols))
    X = csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(rows), len(vocab)))
    y = np.array([r.label for r in rows], dtype=int)
    clf = LogisticRegression(C=C, solver="liblinear", random_state=seed, max_iter=1000)
    clf.fit(X, y)
    w = {f: float(v) for f, v in zip(vocab, clf.coef_[0], strict=True) if abs(v) >= 1e-3}
    return NameModel(lang, w, float(clf.intercept_[0]), threshold,
                     {"seed": seed, "C": C, "min_count": min_count, "rows": len(rows), "names": int(y.sum())})


def oof_probs(rows: Sequence[Row], lang: str, *, seed: int = 0, C: float = 1.0) -> list[float]:
    """Each row's probability from a model trained without the row's set."""
    probs = [0.0] * len(rows)
    for g in sorted({r.group for r in rows}):
        model = fit([r for r in rows if r.group != g], lang, seed=seed, C=C)
        for k, r in enumerate(rows):
            if r.group == g:
                probs[k] = model.prob(list(r.feats))
    return probs


def choose_threshold(rows: Sequence[Row], probs: Sequence[float], *, cost: float = 2.0) -> float:
    """The threshold (0.30 … 0.95) with the most name words found minus ``cost`` × other words
    taken for names; ties go to the higher threshold."""
    best, best_t = 0.0, 0.95
    for t in [x / 100 for x in range(95, 29, -5)]:
        gain = sum((1.0 if r.label else -cost) for r, p in zip(rows, probs, strict=True) if p >= t)
        if gain > best:
            best, best_t = gain, t
    return best_t


def train(rows: Sequence[Row], lang: str, *, seed: int = 0, C: float = 1.0, cost: float = 2.0) -> NameModel:
    """Threshold from out-of-fold scores over the sets in ``rows``, then a model on all of them."""
    t = choose_threshold(rows, oof_probs(rows, lang, seed=seed, C=C), cost=cost)
    m = fit(rows, lang, seed=seed, C=C, threshold=t)
    return NameModel(lang, m.weights, m.bias, t, {**m.meta, "cost": cost, "groups": sorted({r.group for r in rows})})
