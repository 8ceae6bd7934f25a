"""The tagger on real customer text: rules zero-shot, a TF-IDF baseline, and the learned model.

Reads ``../shared/data/realtext/{nl,en}.csv`` (real customer sentences labelled by
``CODEBOOK.md``; columns ``id,text,source,domain,rating,pain_point,need,sentiment``) and prints
per language, with n and the number of positives beside every figure:

1. **rules, zero-shot** (:func:`workbench.nlp.tag_texts`): precision, recall and F1 of
   ``pain_point`` and ``need``, sentiment macro-F1; on all rows, on the two halves by id
   (``even`` ids were used to develop the rules, ``odd`` ids to check them) and per domain;
2. **TF-IDF + logistic regression, 5-fold CV** (the same folds for every system; predictions
   pooled over the folds), per domain too;
3. **learning from 200 coded sentences**: ``--train`` rows stand for what a researcher codes; the
   rules, TF-IDF + LR trained on those rows, and the workbench's model
   (:func:`workbench.coding.learn.train_model`, what ``workbench train`` fits) are scored on the
   held-back rest; repeated for every ``--seeds`` draw, predictions pooled over the draws. Three ways
   of choosing the rows: ``random`` (seeded draws) and ``review`` — the order the review widget
   offers with "most uncertain first": sentences with a pain-point or need suggestion, the least
   certain suggestion first (ties broken by the seed), then the rest at random. A researcher who
   reviews suggestions codes those sentences first. (Measured: it does not help — the coded rows
   are the rules' hard cases and the held-back rest is another population — so ``random`` is
   the default and the figure we quote.) ``balanced`` takes the least certain suggestion of each
   label in turn, so the rare needs are coded early; ``--test-share 0.4`` tests every order on the
   same fixed 40 % of the rows (the coded rows come from the other 60 %). Below the pooled table,
   one line per draw: the mode each label's model chose by inner CV on the coded rows, and the three F1s on that draw's rest.

``--quick`` prints only the zero-shot figures (well under 30 s): a check before every commit.
``source`` and ``rating`` are never used as features.

    PYTHONPATH=. python benchmarks/realtext.py [--quick] [--data DIR] [--train 200] [--seeds 0 1 2]
        [--order random review balanced] [--test-share 0.4]
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("WORKBENCH_REALTEXT", ROOT.parent / "shared" / "data" / "realtext"))
LABELS = ["pain_point", "need"]


def load(data: Path, lang: str) -> pd.DataFrame:
    """One language's rows, read robustly (stray C1 control characters kept, reported)."""
    from workbench.nlp.evaluate import read_labelled_file

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = read_labelled_file(data / f"{lang}.csv", "text", [*LABELS, "sentiment"], ("id", "domain"))
    frame["half"] = np.where(frame["id"].str[-1].astype(int) % 2 == 0, "even", "odd")
    return frame


def prf(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    a, b, c, _ = precision_recall_fscore_support(y, p, average="binary", zero_division=0)
    return float(a), float(b), float(c)


def sentiment_f1(y: np.ndarray, s: np.ndarray, threshold: float = 0.15) -> float:
    pred = np.where(s > threshold, 1, np.where(s < -threshold, -1, 0))
    return float(precision_recall_fscore_support(y, pred, labels=[-1, 0, 1], average="macro", zero_division=0)[2])


def cell(y: np.ndarray, p: np.ndarray) -> str:
    a, b, c = prf(y, p)
    return f"{a:.2f}/{b:.2f}/{c:.2f}"


def groups(frame: pd.DataFrame, by_half: bool = True):
    yield "all", np.ones(len(frame), dtype=bool)
    if by_half:
        for half in ("even", "odd"):
            yield f"{half} ids", (frame["half"] == half).to_numpy()
    for domain in sorted(frame["domain"].unique()):
        yield domain, (frame["domain"] == domain).to_numpy()


def zero_shot(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    from workbench.nlp import tag_texts

    start = time.perf_counter()
    pred = tag_texts(frame["text"].tolist(), lang=lang)
    seconds = time.perf_counter() - start
    print(f"\n## {lang}: rules, zero-shot ({len(frame)} sentences tagged in {seconds:.1f} s)")
    print("P/R/F1 per label; pos = positives; sentiment = 3-class macro-F1")
    print(f"{'rows':<14}{'n':>5}{'pos':>5}{'pain_point':>16}{'pos':>5}{'need':>16}{'sentiment':>11}")
    for name, m in groups(frame):
        g, p = frame[m], pred[m]
        print(f"{name:<14}{m.sum():>5}{int(g['pain_point'].sum()):>5}"
              f"{cell(g['pain_point'].to_numpy(), p['pain_point'].to_numpy()):>16}{int(g['need'].sum()):>5}"
              f"{cell(g['need'].to_numpy(), p['need'].to_numpy()):>16}"
              f"{sentiment_f1(g['sentiment'].to_numpy(), p['sentiment'].to_numpy()):>11.2f}")
    return pred


def tfidf_predict(train_texts: list[str], y: np.ndarray, test_texts: list[str]) -> np.ndarray:
    """Word uni- and bigram TF-IDF (sublinear tf) + class-balanced logistic regression, threshold 0.5
    (the baseline of :func:`workbench.coding.learn.cross_validate`)."""
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    x = vec.fit_transform(train_texts)
    if len(set(y)) < 2:
        return np.full(len(test_texts), y[0] if len(y) else 0)
    return LogisticRegression(class_weight="balanced", max_iter=1000).fit(x, y).predict(vec.transform(test_texts))


def cross_validated(frame: pd.DataFrame, lang: str, rules: pd.DataFrame, folds: int, seed: int) -> None:
    texts = frame["text"].tolist()
    pred = np.zeros((len(frame), len(LABELS)), dtype=int)
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(texts):
        for j, label in enumerate(LABELS):
            pred[test, j] = tfidf_predict([texts[i] for i in train], frame[label].to_numpy()[train],
                                          [texts[i] for i in test])
    print(f"\n## {lang}: rules zero-shot vs TF-IDF + LR, {folds}-fold CV (seed {seed}, pooled), P/R/F1")
    print(f"{'rows':<14}{'n':>5}{'pain rules':>16}{'pain tfidf':>16}{'need rules':>16}{'need tfidf':>16}")
    for name, m in groups(frame, by_half=False):
        parts = []
        for j, label in enumerate(LABELS):
            y = frame[label].to_numpy()[m]
            parts += [cell(y, rules[label].to_numpy()[m]), cell(y, pred[m, j])]
        print(f"{name:<14}{m.sum():>5}" + "".join(f"{x:>16}" for x in parts))
    for j, label in enumerate(LABELS):
        _, _, f_tfidf = prf(frame[label].to_numpy(), pred[:, j])
        _, _, f_rules = prf(frame[label].to_numpy(), rules[label].to_numpy())
        print(f"{label}: rules F1 {f_rules:.3f} = {f_rules / f_tfidf:.2f} x TF-IDF+LR F1 {f_tfidf:.3f}")


def review_uncertainty(texts: list[str], lang: str) -> dict[str, np.ndarray]:
    """Per label, per text: the review queue's uncertainty of its least certain suggestion of that
    label (``1 - 2 |score - 0.5|``, as :class:`workbench.coding.ReviewQueue` orders "most
    uncertain first"); -1 for a text without one (it is reviewed after every suggestion)."""
    from workbench.nlp import tag_texts

    _, tags = tag_texts(texts, lang=lang, return_tags=True)
    out = {}
    for label in LABELS:
        t = tags[tags["label"].astype(str) == label]
        unc = (1 - 2 * (t["score"] - 0.5).abs()).groupby(t["doc_id"].astype(int)).max()
        out[label] = np.full(len(texts), -1.0)
        out[label][unc.index.to_numpy()] = unc.to_numpy()
    return out


def coding_order(pool: np.ndarray, uncertainty: dict[str, np.ndarray] | None, order_by: str) -> np.ndarray:
    """The order in which a researcher codes the ``pool`` (already a seeded permutation):
    ``random``; ``review`` (any suggestion, the least certain first); ``balanced`` (the least
    certain suggestion of each label in turn, so a rare label's suggestions come early)."""
    if order_by == "random":
        return pool
    if order_by == "review":
        top = np.max([uncertainty[label][pool] for label in LABELS], axis=0)
        return pool[np.argsort(-top, kind="stable")]
    queues = [[i for i in pool[np.argsort(-uncertainty[label][pool], kind="stable")] if uncertainty[label][i] >= 0]
              for label in LABELS]
    seen: dict[int, None] = {}
    for k in range(max(map(len, queues), default=0)):
        for q in queues:
            if k < len(q):
                seen.setdefault(int(q[k]))
    return np.array([*seen, *(i for i in pool if int(i) not in seen)], dtype=int)


def learning(frame: pd.DataFrame, lang: str, rules: pd.DataFrame, n_train: int, seeds: list[int],
             order_by: str = "random", test_share: float = 0.0) -> None:
    """Train on ``n_train`` rows (``order_by``: see :func:`coding_order`), test on the rest — or,
    with ``test_share``, on a fixed random share of the rows, the coded rows coming from the others
    (so that orders are compared on the same test rows): rules, TF-IDF + LR, the workbench model."""
    from workbench.coding.learn import predict, rule_cues, subset_cues, train_model

    texts = frame["text"].tolist()
    cues = rule_cues(texts, lang)
    uncertainty = review_uncertainty(texts, lang) if order_by != "random" else None
    truth, got = [], {s: [] for s in ("rules", "tfidf_logreg", "workbench")}
    domains, draws, needs_coded = [], [], []
    seconds = 0.0
    for seed in seeds:
        perm = np.random.default_rng(seed).permutation(len(frame))
        n_test = int(round(test_share * len(frame)))
        order = coding_order(perm[n_test:], uncertainty, order_by)  # the seed's permutation breaks ties
        train = np.sort(order[:n_train])
        test = np.sort(perm[:n_test]) if n_test else np.sort(order[n_train:])
        labels = frame.loc[train, LABELS].reset_index(drop=True)
        needs_coded.append(int(labels["need"].sum()))
        start = time.perf_counter()
        model = train_model([texts[i] for i in train], labels, lang, seed=seed, cues=subset_cues(cues, train))
        seconds += time.perf_counter() - start
        learned = predict(model, [texts[i] for i in test], cues=subset_cues(cues, test))
        truth.append(frame.loc[test, LABELS].to_numpy())
        got["rules"].append(rules.loc[test, LABELS].to_numpy())
        got["workbench"].append(learned[LABELS].to_numpy())
        got["tfidf_logreg"].append(np.column_stack([
            tfidf_predict([texts[i] for i in train], frame[label].to_numpy()[train], [texts[i] for i in test])
            for label in LABELS]))
        domains.append(frame["domain"].to_numpy()[test])
        draws.append(f"draw {seed}: " + "; ".join(
            f"{label} {model.stack[label].get('mode', 'model')} "
            + "/".join(f"{prf(truth[-1][:, j], got[s][-1][:, j])[2]:.2f}" for s in got)
            for j, label in enumerate(LABELS)))
    coded = "/".join(map(str, needs_coded))
    y = np.concatenate(truth)
    dom = np.concatenate(domains)
    preds = {k: np.concatenate(v) for k, v in got.items()}
    tested = f"a fixed {test_share:.0%} ({len(test)})" if test_share else f"the other {len(frame) - n_train}"
    print(f"\n## {lang}: after {n_train} coded sentences ({order_by} order; {coded} needs coded per draw), tested on {tested} "
          f"(draws {', '.join(map(str, seeds))}, pooled; model training {seconds / len(seeds):.1f} s each), P/R/F1")
    print(f"{'rows':<14}{'n':>6}" + "".join(f"{label + ' ' + s[:9]:>22}" for label in LABELS for s in preds))
    for name in ["all", *sorted(set(dom))]:
        m = np.ones(len(dom), dtype=bool) if name == "all" else dom == name
        parts = [cell(y[m, j], preds[s][m, j]) for j in range(len(LABELS)) for s in preds]
        print(f"{name:<14}{m.sum():>6}" + "".join(f"{x:>22}" for x in parts))
    print("per draw: the mode the model chose by inner CV (model / rules / veto), then F1 rules/TF-IDF/model")
    print("\n".join(draws))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with nl.csv and en.csv")
    parser.add_argument("--langs", nargs="+", default=["nl", "en"])
    parser.add_argument("--quick", action="store_true", help="zero-shot figures only")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--train", type=int, default=200, help="coded sentences the model learns from")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="draws of the coded sentences")
    parser.add_argument("--order", nargs="+", choices=["random", "review", "balanced"], default=["random"],
                        help="how the coded sentences are chosen (default: random)")
    parser.add_argument("--test-share", type=float, default=0.0,
                        help="test on a fixed random share of the rows instead of the uncoded rest (e.g. 0.4)")
    args = parser.parse_args(argv)
    if not (args.data / "nl.csv").is_file():
        raise SystemExit(f"no real-text sets in {args.data} (pass --data DIR or set WORKBENCH_REALTEXT)")
    for lang in args.langs:
        frame = load(args.data, lang)
        rules = zero_shot(frame, lang)
        if args.quick:
            continue
        cross_validated(frame, lang, rules, args.folds, args.seeds[0])
        for order_by in args.order:
            learning(frame, lang, rules, args.train, args.seeds, order_by, args.test_share)


if __name__ == "__main__":
    main()
