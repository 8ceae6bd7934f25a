"""Do the personas find the planted customer types? A recovery study, and time and memory at scale.

    python benchmarks/personas.py                      # recovery study (24 surveys) + 100,000 respondents
    python benchmarks/personas.py --surveys 30 --algorithms lca kmeans --large 0
    python benchmarks/personas.py --surveys 0 --large 100000 200000

Recovery study: ``--surveys`` planted surveys from :func:`workbench.personas.simulate.random_design`
(2–7 types, 100–5,000 respondents, 5- and 7-point scales in Dutch and English, multi-selects of
3–12 options, single choices, numbers with gaps, noise questions). Each is written as a CSV
export and read back by the survey reader (so Likert labels, multi-selects and gaps go through
the real path), then every algorithm runs through ``fit_personas(k="auto", n_boot=0)``. Printed:
per survey the design and, per algorithm, the k found and the adjusted Rand index (ARI) against
the planted types; per algorithm the share of surveys where k is right and the ARI distribution.

Scale: ``--large`` sizes: a planted survey of that many respondents, timed per stage (reading
the export, features, fitting with k="auto", bootstrap stability, cards) with peak traced memory
(tracemalloc) and the process's maximum resident set size. Above 5,000 respondents k is chosen and
the latent class model fitted on a random sample of 5,000, and everyone else is assigned by the
fitted model (the fast path); the bootstrap runs on 2,000 rows.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from workbench.errors import ModelError
from workbench.io.surveys import parse_survey
from workbench.personas import ALGORITHMS, build_features, fit_personas
from workbench.personas.simulate import make_survey, random_design


def _frames(survey, folder: Path, name: str) -> dict:
    path = survey.write(folder / f"{name}.csv")
    s = parse_survey(path)
    return {"answers": s.answers, "questions": s.questions, "respondents": s.respondents,
            "language": survey.design["lang"]}


def _describe(d: dict) -> str:
    multi = "+".join(str(m) for m in d["multi_options"]) or "-"
    return (f"k={d['types']} n={d['respondents']:>5} {d['lang']} {d['points']}pt st={d['statements']:>2} "
            f"sat={d['satisfaction']} multi={multi:<5} ch={d['choice']} num={d['numbers']} "
            f"gaps={100 * d['gaps']:>2.0f}% noise={d['noise_questions']}")


def recovery(n_surveys: int, algorithms: list[str], first_seed: int) -> None:
    print(f"Recovery study: {n_surveys} planted surveys (seeds {first_seed}..{first_seed + n_surveys - 1}), "
          "fit_personas(k='auto', n_boot=0)")
    head = "  ".join(f"{a[:6]:>11}" for a in algorithms)
    print(f"{'seed':>4}  {'design':<86}  {head}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(first_seed, first_seed + n_surveys):
            design = random_design(seed)
            survey = make_survey(**design)
            frames = _frames(survey, Path(tmp), f"s{seed}")
            cells = []
            for alg in algorithms:
                t = time.perf_counter()
                try:
                    res = fit_personas(frames, algorithm=alg, n_boot=0, random_state=0)
                    truth = survey.truth.reindex(res.labels.index)
                    ari, k = adjusted_rand_score(truth, res.labels), res.clusterer.n_clusters_
                except ModelError:  # HDBSCAN: every respondent noise
                    ari, k = 0.0, 0
                secs = time.perf_counter() - t
                rows.append({"seed": seed, "algorithm": alg, "k_true": design["n_types"], "k": k, "ari": ari,
                             "seconds": secs, "n": design["n_respondents"]})
                cells.append(f"{k}{'*' if k == design['n_types'] else ' '} {ari:5.2f}{' ' * 3}")
            print(f"{seed:>4}  {_describe(survey.design):<86}  {'  '.join(f'{c:>11}' for c in cells)}", flush=True)
    df = pd.DataFrame(rows)
    print("\n(* = the planted k)  per algorithm over", n_surveys, "surveys:")
    print(f"{'algorithm':<14} {'k right':>8} {'k too low':>9} {'k too high':>10} {'ARI min':>8} {'ARI q25':>8} "
          f"{'median':>7} {'q75':>6} {'mean':>6} {'ARI>=0.9':>9} {'s/survey':>9}")
    for alg in algorithms:
        d = df[df["algorithm"] == alg]
        a = d["ari"]
        print(f"{alg:<14} {100 * (d['k'] == d['k_true']).mean():>7.0f}% {100 * (d['k'] < d['k_true']).mean():>8.0f}% "
              f"{100 * (d['k'] > d['k_true']).mean():>9.0f}% {a.min():>8.2f} {a.quantile(0.25):>8.2f} "
              f"{a.median():>7.2f} {a.quantile(0.75):>6.2f} {a.mean():>6.2f} {100 * (a >= 0.9).mean():>8.0f}% "
              f"{d['seconds'].mean():>9.1f}")


def _measure(fn):
    tracemalloc.start()
    t = time.perf_counter()
    out = fn()
    secs = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, secs, peak / 2**20


def large(sizes: list[int], n_boot: int) -> None:
    print(f"\nScale: LCA (k='auto' on a sample of 5,000, the rest assigned by the model), bootstrap {n_boot} runs "
          "on 2,000 rows")
    print(f"{'n':>8} {'stage':<24} {'seconds':>8} {'peak MiB':>9}  result")
    for n in sizes:
        survey = make_survey(5, n, lang="nl", points=5, n_statements=12, n_satisfaction=4, multi_options=(8,),
                             n_choice=2, n_numbers=1, gap_share=0.1, seed=1)
        with tempfile.TemporaryDirectory() as tmp:
            path = survey.write(Path(tmp) / "large.csv")
            s, secs, mem = _measure(lambda path=path: parse_survey(path))
        print(f"{n:>8} {'read export':<24} {secs:>8.2f} {mem:>9.1f}  {len(s.answers):,} answers")
        frames = {"answers": s.answers, "questions": s.questions, "respondents": s.respondents, "language": "nl"}
        fm, secs, mem = _measure(lambda s=s: build_features(s.answers, s.questions, respondents=s.respondents))
        print(f"{n:>8} {'features':<24} {secs:>8.2f} {mem:>9.1f}  {len(fm.columns)} columns")
        res, secs, mem = _measure(lambda frames=frames, fm=fm: fit_personas(frames, features=fm, n_boot=0))
        ari = adjusted_rand_score(survey.truth.reindex(res.labels.index), res.labels)
        print(f"{n:>8} {'fit + cards (n_boot=0)':<24} {secs:>8.2f} {mem:>9.1f}  k={res.clusterer.n_clusters_} "
              f"(planted 5), ARI {ari:.3f}, fitted on {res.clusterer.n_fit_:,} rows")
        from workbench.personas import bootstrap_stability

        X = fm.lca_data()[0].to_numpy(dtype=float)
        rep, secs, mem = _measure(lambda X=X, est=res.clusterer: bootstrap_stability(X, est, n_boot=n_boot))
        print(f"{n:>8} {f'stability ({n_boot} runs)':<24} {secs:>8.2f} {mem:>9.1f}  "
              f"Jaccard min {rep.table['jaccard_mean'].min():.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max resident set size of the process: {rss:.0f} MiB")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--surveys", type=int, default=24, help="planted surveys in the recovery study (0: skip)")
    ap.add_argument("--seed", type=int, default=0, help="first design seed")
    ap.add_argument("--algorithms", nargs="+", default=list(ALGORITHMS), choices=ALGORITHMS)
    ap.add_argument("--large", type=int, nargs="*", default=[100_000], help="respondents for the scale test")
    ap.add_argument("--boot", type=int, default=20, help="bootstrap runs in the scale test")
    args = ap.parse_args(argv)
    np.seterr(all="ignore")
    if args.surveys:
        recovery(args.surveys, args.algorithms, args.seed)
    if args.large:
        large(args.large, args.boot)


if __name__ == "__main__":
    sys.exit(main())
