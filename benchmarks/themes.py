"""Themes on real customer sentences: coverage, labels and speed.

Reads ``../shared/data/realtext/{nl,en}.csv`` (not in the repository: skipped when absent), takes
the gold ``pain_point = 1`` sentences (or ``need = 1`` with ``--label need``), themes them with
:func:`workbench.find_themes` (``label='all'``: every given sentence is evidence) and prints

* how many sentences got a topic and a theme, the number of each, and the share of sentences in
  the ten largest topics and in the ten largest themes (coverage), also per domain;
* the largest topics with their size, severity, sentiment and label, each with its largest themes;
* parse speed: sentences per second of the part-of-speech tagger + parser alone, and of the
  whole theme finder (tagging, parsing, grouping), best of ``--repeat`` runs, each without
  cached parses;
* with ``--sample N``, N members of each of the ten largest topics (seeded), for judging purity;
* with ``--purity-out DIR``, ``DIR/{lang}.md``: five seeded random members of each of the ten
  largest topics of ``workbench themes`` on the whole file (``--label pain_point``: the tagger
  selects the sentences, so its mistakes count), without verdicts, for an independent judge.

    python benchmarks/themes.py --data ../shared/data/realtext [--label need] [--sample 5] [--purity-out DIR]
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
    ap.add_argument("--purity-out", type=Path)
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
        tops, subs = th[th["level"] == "topic"], th[th["level"] == "theme"]
        print(f"\n== {lang}: {len(gold)} gold {a.label} sentences, model {model_name(lang)} ==")
        for level, of in (("topic", tops), ("theme", subs)):
            n_in = int((s[level] >= 0).sum())
            print(f"{level}s: {len(of)}; sentences in one: {n_in}/{len(s)} ({n_in / max(1, len(s)):.1%}); "
                  f"coverage of the {a.top} largest {level}s: {res.coverage(a.top, level):.1%}")
        dom = df.set_index("id")["domain"]
        big = {lv: set(of.nlargest(a.top, "n_sentences", keep="first")["theme"]) for lv, of in (("topic", tops), ("theme", subs))}
        per = s.assign(domain=s["row"].map(dom), top=s["topic"].isin(big["topic"]), sub=s["theme"].isin(big["theme"]))
        print("per domain (share in the ten largest topics / themes): " + "; ".join(
            f"{d} {g['top'].mean():.0%} / {g['sub'].mean():.0%} (n={len(g)})" for d, g in per.groupby("domain")))
        print(f"speed: parse {len(gold) / best_parse:,.0f} sentences/s; find_themes (tag + parse + group) "
              f"{len(gold) / best_all:,.0f} sentences/s (best of {a.repeat})")
        print(f"{'#':>4} {'n':>4} {'sev':>4} {'sent':>5}  topic / its largest themes")
        for r in tops.head(a.show).itertuples(index=False):
            print(f"{r.theme:>4} {r.n_sentences:>4} {r.severity:>4.1f} {r.sentiment:>+5.2f}  {r.label}")
            for q in subs[subs["parent"] == r.theme].head(4).itertuples(index=False):
                print(f"{'':>4} {q.n_sentences:>4} {q.severity:>4.1f} {q.sentiment:>+5.2f}    - {q.label}")
        free = subs[subs["parent"] < 0]
        print(f"themes in no topic: {len(free)} ({int(free['n_sentences'].sum())} sentences), largest: "
              + "; ".join(f"{r.label} ({r.n_sentences})" for r in free.head(5).itertuples(index=False)))
        if a.sample:
            _samples(res, a.top, a.sample, a.seed, print)
        if a.purity_out:
            tagged = workbench.find_themes(df.set_index("id")["text"], lang=lang, label="pain_point", seed=a.seed)
            a.purity_out.mkdir(parents=True, exist_ok=True)
            lines = [f"# Topic purity sample ({lang})", "",
                     f"`workbench themes --label pain_point` on the whole real-text file ({len(df)} sentences; the "
                     f"tagger selects {len(tagged.sentences)} pain-point sentences, so its mistakes count). "
                     f"{a.sample or 5} random members (seed {a.seed}) of each of the {a.top} largest topics. "
                     "For each member: would a researcher file this sentence under this topic?", ""]
            _samples(tagged, a.top, a.sample or 5, a.seed, lines.append, markdown=True)
            (a.purity_out / f"{lang}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"-> {a.purity_out / f'{lang}.md'}")


def _samples(res, top: int, k: int, seed: int, emit, markdown: bool = False) -> None:
    """``k`` seeded random members of each of the ``top`` largest topics."""
    th, s = res.themes, res.sentences
    tops = th[th["level"] == "topic"].nlargest(top, "n_sentences", keep="first")
    for r in tops.itertuples(index=False):
        m = s[s["topic"] == r.theme].sample(frac=1.0, random_state=seed).head(k)
        emit(f"\n## {r.label} ({r.n_sentences} sentences)\n" if markdown else f"\n[{r.theme}] {r.label}")
        for row, text in zip(m["row"], m["sentence"], strict=True):
            emit(f"- {row}: {' '.join(text.split())}" if markdown else f"   {row}: {text[:150]}")


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
