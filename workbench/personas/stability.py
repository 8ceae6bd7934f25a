"""How much to trust each persona: bootstrap stability after Hennig's ``clusterboot``.

For each of ``n_boot`` bootstrap resamples of the rows the clusterer is refitted (with the
number of personas fixed to the original one). Each original persona, restricted to the
distinct rows drawn, is compared with every cluster of the refit by the Jaccard similarity
``|A ∩ B| / |A ∪ B|``; its score for that run is the best match. The mean over runs is the
persona's stability: >= 0.75 "stable", 0.6-0.75 "doubtful", < 0.6 "unstable" (Hennig 2007,
"Cluster-wise assessment of cluster stability", CSDA 52). A persona smaller than the minimum
persona size gets "too_small" whatever its Jaccard: a handful of people can look stable and
still describe no type. :func:`verdict_label` gives a verdict in the study's language. The
mean adjusted Rand index between the original labels (restricted to the resample) and the
refit labels summarises the whole partition.

For large data sets the bootstrap runs on a random sample of ``max_sample`` rows (the original
labels restricted to that sample are the reference).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score
from sklearn.utils import check_random_state
from threadpoolctl import threadpool_limits

from ..errors import ModelError

__all__ = ["StabilityReport", "bootstrap_stability", "verdict", "verdict_label", "STABLE", "DOUBTFUL", "VERDICTS"]

STABLE = 0.75
DOUBTFUL = 0.6
#: Verdicts in the study's language.
VERDICTS = {
    "nl": {"stable": "stabiel", "doubtful": "twijfelachtig", "unstable": "instabiel", "too_small": "te klein"},
    "en": {"stable": "stable", "doubtful": "doubtful", "unstable": "unstable", "too_small": "too small"},
}


def verdict_label(key: str | None, lang: str = "en") -> str:
    """A verdict in the study's language.

    >>> verdict_label("doubtful", "nl"), verdict_label("too_small", "en")
    ('twijfelachtig', 'too small')
    """
    if key is None:
        return ""
    return VERDICTS.get(lang, VERDICTS["en"]).get(key, key)


def verdict(jaccard: float, size: int | None = None, min_size: int | None = None) -> str:
    """Hennig's verdict for a mean Jaccard: "stable", "doubtful" or "unstable"; "too_small" for
    a persona below ``min_size`` members."""
    if size is not None and min_size is not None and size < min_size:
        return "too_small"
    if not np.isfinite(jaccard):
        return "unstable"
    if jaccard >= STABLE:
        return "stable"
    if jaccard >= DOUBTFUL:
        return "doubtful"
    return "unstable"


@dataclass
class StabilityReport:
    """Result of :func:`bootstrap_stability`.

    Attributes
    ----------
    table : DataFrame
        One row per persona: ``persona, size, jaccard_mean, jaccard_sd, jaccard_se, dissolved,
        verdict`` (``jaccard_se``: standard error of the mean over the runs; ``dissolved``: share
        of runs with a best Jaccard below 0.5, Hennig's dissolution).
    jaccard : ndarray of shape (n_boot, n_personas)
        Best Jaccard per run and persona (NaN when the persona was not drawn).
    ari : ndarray of shape (n_boot,)
        Adjusted Rand index per run.
    n_boot, n_rows : int
        Runs and rows the bootstrap ran on.
    """

    table: pd.DataFrame
    jaccard: np.ndarray
    ari: np.ndarray
    n_boot: int
    n_rows: int

    @property
    def ari_mean(self) -> float:
        return float(np.nanmean(self.ari)) if len(self.ari) else float("nan")

    def verdicts(self) -> dict[int, str]:
        return dict(zip(self.table["persona"].astype(int), self.table["verdict"], strict=True))

    def summary(self) -> str:
        lines = [f"bootstrap: {self.n_boot} runs on {self.n_rows} rows, mean ARI {self.ari_mean:.2f}"]
        for r in self.table.itertuples(index=False):
            lines.append(f"  persona {r.persona}: n={r.size}, Jaccard {r.jaccard_mean:.2f} -> {r.verdict}")
        return "\n".join(lines)


def _best_jaccard(orig: np.ndarray, new: np.ndarray, personas: np.ndarray) -> np.ndarray:
    """For each persona in ``personas``: max Jaccard of its rows in ``orig`` with a cluster of ``new``."""
    new_ids, new_codes = np.unique(new, return_inverse=True)
    out = np.full(len(personas), np.nan)
    sizes_new = np.bincount(new_codes, minlength=len(new_ids))
    for j, p in enumerate(personas):
        in_p = orig == p
        n_p = int(in_p.sum())
        if n_p == 0:
            continue
        inter = np.bincount(new_codes[in_p], minlength=len(new_ids)).astype(float)
        valid = new_ids >= 0  # HDBSCAN noise is not a cluster
        if not valid.any():
            out[j] = 0.0
            continue
        jac = inter / (n_p + sizes_new - inter)
        out[j] = float(jac[valid].max())
    return out


# starts per bootstrap refit (the reference fit keeps its own): a refit per resample needs fewer
BOOT_N_INIT = {"kmeans": 3, "lca": 1}
BOOT_TOL = 1e-3  # LCA refits stop at scikit-learn's GaussianMixture tolerance: labels settle well before


def _one_run(b, rng, n, base, params, X, labels, personas, jac, ari) -> None:
    idx = rng.randint(0, n, size=n)
    est = clone(base)
    if "random_state" in params:
        est.set_params(random_state=int(rng.randint(np.iinfo(np.int32).max)))
    if params.get("algorithm") in BOOT_N_INIT:
        est.set_params(n_init=BOOT_N_INIT[params["algorithm"]])
    if params.get("algorithm") == "lca":
        est.set_params(tol=BOOT_TOL)
    est._score_fixed_k = False  # the refits need labels only, not the silhouette at the fixed k
    new = np.asarray(est.fit_predict(X[idx]))
    # distinct rows drawn, each with the label of its first draw
    uniq, first = np.unique(idx, return_index=True)
    orig_u, new_u = labels[uniq], new[first]
    jac[b] = _best_jaccard(orig_u, new_u, personas)
    keep = orig_u >= 0
    ari[b] = adjusted_rand_score(orig_u[keep], new_u[keep])


def bootstrap_stability(
    X,
    clusterer,
    n_boot: int = 100,
    random_state: int = 0,
    *,
    labels: np.ndarray | None = None,
    max_sample: int | None = 2000,
    progress: bool = False,
    min_size: int | None = None,
) -> StabilityReport:
    """Hennig's clusterwise bootstrap stability of a clustering.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The data the clusterer was (or will be) fitted on.
    clusterer : PersonaClusterer or any sklearn clusterer
        If fitted (has ``labels_``) its labels are the reference; otherwise it is fitted on ``X``.
        Refits use a clone with ``k`` fixed to the number of clusters found (when it has ``k``).
    n_boot : int, default=100
        Bootstrap runs.
    random_state : int, default=0
        Seed for the resamples.
    labels : ndarray, optional
        Reference labels (instead of the clusterer's ``labels_``).
    max_sample : int or None, default=2000
        Bootstrap on a random sample of this many rows when there are more.
    progress : bool, default=False
        Show a progress bar (``tqdm.auto``).
    min_size : int, optional
        Personas with fewer members (in ``X``) get the verdict "too_small".

    Returns
    -------
    StabilityReport
    """
    X = np.asarray(X, dtype=float)  # may hold NaN (gaps) for a clusterer that models them
    n = len(X)
    if n_boot < 1:
        raise ModelError(f"n_boot must be >= 1, got {n_boot}", hint="Use n_boot=100 (Hennig's default).")
    if labels is None:
        if not hasattr(clusterer, "labels_"):
            clusterer = clone(clusterer).fit(X)
        labels = np.asarray(clusterer.labels_)
    labels = np.asarray(labels)
    if len(labels) != n:
        raise ModelError(f"{len(labels)} labels for {n} rows", hint="Pass the labels of the rows in X.")
    personas = np.array(sorted(int(c) for c in np.unique(labels) if c >= 0))
    n_clusters = len(personas)
    full_sizes = [int(np.sum(labels == p)) for p in personas]  # the verdict's minimum size counts all rows
    rng = check_random_state(random_state)
    if max_sample is not None and n > max_sample:
        sub = np.sort(rng.choice(n, size=int(max_sample), replace=False))
        X, labels, n = X[sub], labels[sub], int(max_sample)
    base = clone(clusterer)
    params = base.get_params()
    if "k" in params and params.get("algorithm") != "hdbscan":
        base.set_params(k=max(n_clusters, 1))
    if "max_sample" in params:
        base.set_params(max_sample=max(n, params["max_sample"] or 0))
    jac = np.full((n_boot, n_clusters), np.nan)
    ari = np.full(n_boot, np.nan)
    runs = range(n_boot)
    if progress:
        from tqdm.auto import tqdm

        runs = tqdm(runs, desc="bootstrap", unit="run")
    with threadpool_limits(limits=1):
        for b in runs:
            _one_run(b, rng, n, base, params, X, labels, personas, jac, ari)
    sizes = [int(np.sum(labels == p)) for p in personas]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a persona never drawn: all-NaN column
        means = np.nanmean(jac, axis=0) if n_clusters else np.array([])
        sds = np.nanstd(jac, axis=0) if n_clusters else np.array([])
        ses = sds / np.sqrt(np.maximum((~np.isnan(jac)).sum(axis=0), 1)) if n_clusters else np.array([])
        dissolved = np.nanmean(jac < 0.5, axis=0) if n_clusters else np.array([])
    table = pd.DataFrame(
        {
            "persona": personas.astype("int64"),
            "size": np.asarray(sizes, dtype="int64"),
            "jaccard_mean": means,
            "jaccard_sd": sds,
            "jaccard_se": ses,
            "dissolved": dissolved,
            "verdict": [verdict(m, sz, min_size) for m, sz in zip(means, full_sizes, strict=True)],
        }
    )
    return StabilityReport(table=table, jaccard=jac, ari=ari, n_boot=n_boot, n_rows=n)
