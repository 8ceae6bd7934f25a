"""Can 200 coded sentences correct the rules? The rules as a prior, a learned correction on top.

Companion to ``benchmarks/realtext.py`` (whose ``load`` and TF-IDF baseline it reuses), for the
question of issue 13 item 6: after a researcher codes ``--train`` sentences (random draws, one per
``--seeds``), does a model that *starts from the rules* beat the rules and TF-IDF + LR on the
held-back rest, for pain points and needs, in both languages? Per label and draw it prints F1 on the
same held-back rows for:

- ``rules``: the rule tagger zero-shot (:func:`workbench.nlp.tag_texts`);
- ``tfidf``: TF-IDF + logistic regression trained on the coded rows (``realtext.tfidf_predict``);
- ``prior``: logistic regression with the rules' decision as a fixed offset (``logit = prior +
  b + w·x``; the prior is ``logit(0.7)`` where the rules fire and ``logit(0.03)`` where they do not,
  ``b`` unpenalised, so only the gap between the two is assumed) and an L2-penalised correction
  ``w`` over the rules' own evidence (every cue, emotion and touchpoint that fired, as marker
  tokens; the cue scores) and word uni-/bigram TF-IDF; threshold 0.5. With no evidence against
  them, it decides as the rules do;
- ``prior-cv``: the same, its threshold chosen by inner 5-fold CV on the coded rows, and falling
  back to the rules when inner CV does not show a gain over them;
- ``add-cv``: the rules, plus the sentences they miss that a logistic regression trained on the
  coded sentences the rules missed scores above a threshold chosen by inner CV (rules when no gain).

Nothing is tuned on the held-back rows. ``--train 650`` shows whether more codes would change the
picture (the correction on most of the set).

    PYTHONPATH=. python benchmarks/learn_prior.py [--langs nl en] [--train 200] [--seeds 0 1 2 3 4]
        [--penalty 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realtext import DEFAULT_DATA, LABELS, load, tfidf_predict  # noqa: E402

RULE_COLUMN = {"pain_point": "rule_pain_point", "need": "rule_need"}
PRIOR = {True: np.log(0.7 / 0.3), False: np.log(0.03 / 0.97)}
GRID = np.round(np.linspace(0.05, 0.95, 37), 3)
SYSTEMS = ("rules", "tfidf", "prior", "prior-cv", "add-cv")


def features(cues, rows: np.ndarray, fit_on: np.ndarray, texts: list[str]) -> sparse.csr_matrix:
    """Marker tokens of the rules' evidence + cue scores + TF-IDF, vocabularies from ``fit_on`` only."""
    markers = [" ".join(w for w in t.split() if w.startswith("wb")) for t in cues.texts]
    marks = CountVectorizer(token_pattern=r"\S+", binary=True, lowercase=False)
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    marks.fit([markers[i] for i in fit_on])
    words.fit([texts[i] for i in fit_on])
    return sparse.hstack([marks.transform([markers[i] for i in rows]), sparse.csr_matrix(cues.features[rows]),
                          words.transform([texts[i] for i in rows])]).tocsr()


def fit_offset(x: sparse.csr_matrix, y: np.ndarray, offset: np.ndarray, penalty: float) -> np.ndarray:
    """L2 logistic regression with a fixed per-row offset; returns ``[intercept, *weights]``."""
    def loss(w):
        z = offset + w[0] + x @ w[1:]
        g = 1 / (1 + np.exp(-z)) - y
        value = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * penalty * w[1:] @ w[1:]
        return value, np.concatenate([[g.sum()], x.T @ g + penalty * w[1:]])

    return minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B").x


class Draw:
    """One label on one draw: the coded rows ``train``, the held-back ``test``."""

    def __init__(self, cues, texts, y, fired, penalty, seed):
        self.cues, self.texts, self.y, self.fired, self.penalty, self.seed = cues, texts, y, fired, penalty, seed

    def prior(self, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        offset = np.where(self.fired, PRIOR[True], PRIOR[False])
        w = fit_offset(features(self.cues, train, train, self.texts), self.y[train], offset[train], self.penalty)
        return 1 / (1 + np.exp(-(offset[test] + w[0] + features(self.cues, test, train, self.texts) @ w[1:])))

    def added(self, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        missed = train[~self.fired[train]]
        if len(set(self.y[missed])) < 2:
            return np.zeros(len(test))
        lr = LogisticRegression(class_weight="balanced", max_iter=2000)
        lr.fit(features(self.cues, missed, train, self.texts), self.y[missed])
        return lr.predict_proba(features(self.cues, test, train, self.texts))[:, 1]

    def cv_decide(self, method, combine, train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, str]:
        """``combine(fired, scores, t)``, ``t`` by inner 5-fold CV on ``train``; the rules unless it gains."""
        y, fired = self.y[train], self.fired[train]
        if y.sum() < 5:
            return self.fired[test], "rules (too few)"
        oof = np.zeros(len(train))
        for a, b in StratifiedKFold(5, shuffle=True, random_state=self.seed).split(train, y):
            oof[b] = method(train[a], train[b])
        base = f1_score(y, fired, zero_division=0)
        gain, t = max((f1_score(y, combine(fired, oof, t), zero_division=0) - base, -abs(t - 0.5), t) for t in GRID)[::2]
        if gain <= 0:
            return self.fired[test], "rules"
        return combine(self.fired[test], method(train, test), t), f"t {t:.2f}"


def run(lang: str, n_train: int, seeds: list[int], penalty: float) -> None:
    from workbench.coding.learn import FEATURES, rule_cues

    frame = load(DEFAULT_DATA, lang)
    texts = frame["text"].tolist()
    cues = rule_cues(texts, lang)
    print(f"\n## {lang}: {n_train} coded sentences (random), tested on the other {len(frame) - n_train}; F1")
    for label in LABELS:
        y = frame[label].to_numpy()
        fired = cues.features[:, FEATURES.index(RULE_COLUMN[label])] >= 0.5
        print(f"{label}: {'draw':>5}{'pos':>5}" + "".join(f"{s:>10}" for s in SYSTEMS) + "   chosen (prior-cv / add-cv)")
        table = []
        for seed in seeds:
            perm = np.random.default_rng(seed).permutation(len(frame))
            train, test = np.sort(perm[:n_train]), np.sort(perm[n_train:])
            d = Draw(cues, texts, y, fired, penalty, seed)
            prior_cv, why_p = d.cv_decide(d.prior, lambda f, s, t: s >= t, train, test)
            add_cv, why_a = d.cv_decide(d.added, lambda f, s, t: f | (s >= t), train, test)
            preds = [fired[test], tfidf_predict([texts[i] for i in train], y[train], [texts[i] for i in test]),
                     d.prior(train, test) >= 0.5, prior_cv, add_cv]
            table.append([f1_score(y[test], p, zero_division=0) for p in preds])
            print(f"{'':<{len(label) + 1}} {seed:>5}{int(y[train].sum()):>5}"
                  + "".join(f"{f:>10.3f}" for f in table[-1]) + f"   {why_p} / {why_a}")
        print(f"{'':<{len(label) + 1}} {'mean':>10}" + "".join(f"{f:>10.3f}" for f in np.mean(table, axis=0)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", nargs="+", default=["nl", "en"])
    parser.add_argument("--train", type=int, default=200, help="coded sentences per draw")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4], help="draws")
    parser.add_argument("--penalty", type=float, default=3.0, help="L2 penalty of the correction")
    args = parser.parse_args(argv)
    if not (DEFAULT_DATA / "nl.csv").is_file():
        raise SystemExit(f"no real-text sets in {DEFAULT_DATA} (set WORKBENCH_REALTEXT)")
    for lang in args.langs:
        run(lang, args.train, args.seeds, args.penalty)


if __name__ == "__main__":
    main()
