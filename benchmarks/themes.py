"""Themes on real customer sentences: coverage, labels and speed.

Reads ``../shared/data/realtext/{nl,en}.csv`` (not in the repository: skipped when absent), takes
the gold ``pain_point = 1`` sentences (or ``need = 1`` with ``--label need``), themes them with
:func:`workbench.find_themes` (``label='all'``: every given sentence is evidence) and prints

* how many sentences got a theme, the number of themes, and the share of sentences in the ten
  largest themes (coverage);
* the largest themes with their size, severity, sentiment, label and most common phrases;
* parse speed: sentences per second of the part-of-speech tagger + parser alone, and of the
  whole theme finder (tagging, parsing, grouping), best of ``--repeat`` runs, each without
  cached parses;
* with ``--sample N``, N members of each of the ten largest themes (seeded), for judging purity.

    python benchmarks/themes.py --data ../shared/data/realtext [--label need] [--sample 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import workbench
from workbench.nlp import syntax
from workbench.nlp.syntax import model_name, parse


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/realtext")
    ap.add_argument("--label", choices=["pain_point", "need"], default="pain_point")
    ap.add_argument("--lang", nargs="*", default=["nl", "en"])
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--show", type=int, default=25)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    for lang in a.lang:
        path = a.data / f"{lang}.csv"
        if not path.exists():
            print(f"{path} not found: skipped")
            continue
        df = pd.read_csv(path, dtype={"id": str})
        gold = df[df[a.label] == 1].set_index("id")["text"]
        parse(gold.head(5), lang)  # load the model outside the timing
        best_parse = min(_timed(lambda g=gold, lg=lang: (syntax._PARSED.clear(), parse(g, lg))) for _ in range(a.repeat))
        best_all, res = float("inf"), None
        for _ in range(a.repeat):
            syntax._PARSED.clear()  # parse every time: no cached parses
            t0 = time.perf_counter()
            res = workbench.find_themes(gold, lang=lang, label="all", kind=a.label, seed=a.seed)
            best_all = min(best_all, time.perf_counter() - t0)
        s, th = res.sentences, res.themes
        themed = int((s["theme"] >= 0).sum())
        print(f"\n== {lang}: {len(gold)} gold {a.label} sentences, model {model_name(lang)} ==")
        print(f"themed: {themed}/{len(s)} ({themed / max(1, len(s)):.1%}); themes: {len(th)}; "
              f"themes with >= 2 sentences: {int((th['n_sentences'] >= 2).sum())}")
        print(f"coverage of the {a.top} largest themes: {res.coverage(a.top):.1%} of all sentences, "
              f"{s['theme'].isin(th['theme'].head(a.top)).sum() / max(1, themed):.1%} of the themed ones")
        print(f"speed: parse {len(gold) / best_parse:,.0f} sentences/s; find_themes (tag + parse + group) "
              f"{len(gold) / best_all:,.0f} sentences/s (best of {a.repeat})")
        print(f"{'#':>3} {'n':>4} {'sev':>4} {'sent':>5}  label  [its most common phrases]")
        for r in th.head(a.show).itertuples(index=False):
            print(f"{r.theme:>3} {r.n_sentences:>4} {r.severity:>4.1f} {r.sentiment:>+5.2f}  {r.label}  [{r.phrases}]")
        if a.sample:
            for r in th.head(a.top).itertuples(index=False):
                m = s[s["theme"] == r.theme].sample(frac=1.0, random_state=a.seed).head(a.sample)
                print(f"\n[{r.theme}] {r.label}")
                for row, text in zip(m["row"], m["sentence"], strict=True):
                    print(f"   {row}: {text[:150]}")


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
