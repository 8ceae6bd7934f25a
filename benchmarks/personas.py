"""Time and peak memory of the persona step on large synthetic surveys.

    python benchmarks/personas.py [--sizes 10000 100000] [--features 50] [--boot 20]

For each size: build a respondents x features matrix with 5 planted types (Likert-like 0..1
columns plus one-hot columns), then fit ``PersonaClusterer(k="auto")`` (choosing k on a sample of
5,000 rows, silhouette on a sample, MiniBatchKMeans above 20,000 rows) and run the bootstrap
stability check on a sample of 2,000 rows. Prints seconds and peak traced memory (tracemalloc)
per stage, and the adjusted Rand index against the planted types.
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np
from sklearn.metrics import adjusted_rand_score

from workbench.personas import PersonaClusterer, bootstrap_stability


def make_matrix(n: int, n_features: int, n_types: int = 5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    types = rng.integers(0, n_types, n)
    n_scaled = int(n_features * 0.7)
    centres = rng.uniform(0.15, 0.85, (n_types, n_scaled))
    scaled = np.clip(centres[types] + rng.normal(0, 0.18, (n, n_scaled)), 0, 1)
    probs = rng.uniform(0.1, 0.6, (n_types, n_features - n_scaled))
    onehot = (rng.random((n, n_features - n_scaled)) < probs[types]).astype(float) * 0.5
    return np.hstack([scaled, onehot]), types


def measure(fn):
    tracemalloc.start()
    t = time.perf_counter()
    out = fn()
    secs = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, secs, peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--features", type=int, default=50)
    ap.add_argument("--boot", type=int, default=20)
    args = ap.parse_args()
    print(f"{'n':>8} {'stage':<22} {'seconds':>8} {'peak MiB':>9}  result")
    for n in args.sizes:
        X, types = make_matrix(n, args.features)
        est, s_fit, m_fit = measure(lambda X=X: PersonaClusterer(scale=False).fit(X))
        ari = adjusted_rand_score(types, est.labels_)
        print(f"{n:>8} {'fit (k=auto)':<22} {s_fit:>8.2f} {m_fit:>9.1f}  k={est.n_clusters_}, ARI {ari:.3f}, "
              f"model {type(est.model_).__name__}")
        rep, s_b, m_b = measure(lambda X=X, est=est: bootstrap_stability(X, est, n_boot=args.boot))
        print(f"{n:>8} {f'stability ({args.boot} boots)':<22} {s_b:>8.2f} {m_b:>9.1f}  "
              f"Jaccard min {rep.table['jaccard_mean'].min():.2f}, ARI {rep.ari_mean:.2f}")
        print(f"{n:>8} {'total':<22} {s_fit + s_b:>8.2f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max resident set size of the process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
