"""Learning from codes: the workbench's model against the rules and a TF-IDF baseline.

For each language, samples ``--n`` labelled examples (seeded) from the tagger's evaluation sets
``workbench/data/eval/{nl,en}.jsonl`` and prints 5-fold cross-validated precision, recall and F1
for pain_point and need, for the three systems of :func:`workbench.coding.learn.cross_validate`
on the same folds, plus the time to train one model on all ``n`` examples.

For real customer text (learning from 200 coded sentences, tested on the held-back rest) see
``benchmarks/realtext.py``. Caveat: these synthetic sets are the rule tagger's regression data (written blind to the tagger, see
``workbench/data/eval/README.md``). The model's design (cue markers, stacking, epochs) was chosen
by looking at cross-validated figures on these sets, so treat the absolute numbers as optimistic
for the model; the folds themselves are never used for tuning (thresholds come from inner CV).

Run: ``PYTHONPATH=. python benchmarks/learn.py [--n 200] [--seed 0] [--folds 5]``
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import pandas as pd

from workbench.coding.learn import cross_validate, rule_cues, train_model

EVAL = Path(__file__).resolve().parents[1] / "workbench" / "data" / "eval"
LABELS = ["pain_point", "need"]


def sample(lang: str, n: int, seed: int) -> tuple[list[str], pd.DataFrame]:
    rows = [
        json.loads(line) for line in (EVAL / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    rows = random.Random(seed).sample(rows, min(n, len(rows)))
    return [r["text"] for r in rows], pd.DataFrame({label: [int(r[label]) for r in rows] for label in LABELS})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--langs", default="nl,en")
    args = parser.parse_args()
    for lang in args.langs.split(","):
        texts, labels = sample(lang, args.n, args.seed)
        start = time.perf_counter()
        cv = cross_validate(texts, labels, lang, folds=args.folds, seed=args.seed)
        cv_time = time.perf_counter() - start
        cues = rule_cues(texts, lang)
        start = time.perf_counter()
        train_model(texts, labels, lang, seed=args.seed, cues=cues)
        train_time = time.perf_counter() - start
        print(f"## {lang}: {len(texts)} examples (seed {args.seed}), {args.folds}-fold CV, pooled over folds")
        table = cv.pivot(index="system", columns="label", values="f1").reindex(columns=[*LABELS, "macro"])
        print("F1:")
        print(table.round(3).to_string())
        print("precision / recall:")
        detail = cv[cv["label"] != "macro"].set_index(["system", "label"])[["precision", "recall", "support"]]
        print(detail.round(3).to_string())
        print(
            f"training on all {len(texts)} examples (rule cues precomputed): {train_time:.1f} s; "
            f"whole CV: {cv_time:.1f} s\n"
        )


if __name__ == "__main__":
    main()
