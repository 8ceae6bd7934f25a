"""``PersonaClusterer``: a scikit-learn clusterer that also chooses the number of personas.

It wraps k-means (``MiniBatchKMeans`` for large data), Ward hierarchical clustering, Gaussian
mixtures and HDBSCAN behind one contract (``fit`` / ``predict`` / ``fit_predict``), so it sits in
a ``Pipeline`` or ``GridSearchCV`` like any other estimator.

Choosing k: for ``k="auto"`` every k in ``k_range`` is fitted on (a sample of at most
``max_sample`` rows of) the data and scored by the mean silhouette (higher is better) or, for
Gaussian mixtures, by BIC (lower is better); the curve is kept in ``k_scores_``. The final model
is then fitted with the chosen k on all rows (k-means, GMM) or on the sample (hierarchical,
HDBSCAN: their cost grows with n squared).

Predicting: k-means and GMM use their own model; hierarchical clustering and HDBSCAN have no
``predict`` of their own, so new rows go to the nearest cluster centroid (in the scaled space).
HDBSCAN ignores ``k`` and may leave noise (label -1).

Labels are deterministic for a given ``random_state`` and ordered by cluster size (0 is the
largest persona).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import HDBSCAN, KMeans, MiniBatchKMeans
from sklearn.metrics import pairwise_distances_argmin, silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

__all__ = ["PersonaClusterer", "ALGORITHMS"]

ALGORITHMS = ("kmeans", "agglomerative", "gmm", "hdbscan")
BATCH_THRESHOLD = 20_000  # batch="auto": MiniBatchKMeans above this many rows
SILHOUETTE_SAMPLE = 3_000  # rows used for one silhouette score
SINGLE_THREAD_MAX = 20_000  # fits on at most this many rows run on one thread
SELECT_FEW_INITS = 2_000  # select_n_init="auto": fewer starts when choosing k on more rows


class PersonaClusterer(ClusterMixin, BaseEstimator):
    """Cluster units into personas, choosing k by a stated criterion.

    Parameters
    ----------
    algorithm : {"kmeans", "agglomerative", "gmm", "hdbscan"}, default="kmeans"
        Clustering method (agglomerative is Ward linkage).
    k : "auto" or int, default="auto"
        Number of personas; "auto" picks the best k in ``k_range`` by ``criterion``.
    k_range : tuple of int, default=(2, 8)
        Inclusive range of k tried for ``k="auto"``.
    criterion : {"silhouette", "bic"} or None, default=None
        How k is chosen: None means "bic" for ``gmm`` and "silhouette" otherwise.
    scale : bool, default=True
        Standardise columns before clustering (``scaler_``). Persona feature matrices are
        already on comparable scales: :func:`fit_personas` passes ``scale=False``.
    random_state : int, default=0
        Seed for initialisation and sampling.
    n_init : int, default=10
        Initialisations of k-means / GMM (the best is kept).
    max_sample : int, default=5000
        Rows used to choose k (and to fit hierarchical / HDBSCAN models).
    select_n_init : "auto" or int, default="auto"
        Initialisations of each k-means / GMM fit made only to score a k (the final model
        always uses ``n_init``); "auto": ``n_init`` when k is chosen on at most 2,000 rows,
        else 3 — with thousands of rows k-means++ starts land on near-identical solutions, so
        the silhouette of each k barely depends on the number of starts.
    batch : "auto" or bool, default="auto"
        Use ``MiniBatchKMeans``; "auto": when there are more than 20,000 rows.
    min_cluster_size : int or None, default=None
        HDBSCAN's minimum cluster size; None: max(5, 2 % of the rows).
    covariance_type : str, default="diag"
        GMM covariance type.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Persona per training row, 0 = largest; -1 = noise (HDBSCAN).
    n_clusters_ : int
    cluster_centers_ : ndarray of shape (n_clusters_, n_features)
        Mean of each cluster's rows, in the input space.
    k_scores_ : DataFrame
        ``k, score`` per k tried (the selection curve; one row when k was given).
    criterion_ : str
    scaler_ : StandardScaler or None
    model_ : the fitted underlying estimator (None for hierarchical clustering).

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> X, _ = make_blobs(n_samples=300, centers=4, cluster_std=0.8, random_state=3)
    >>> est = PersonaClusterer().fit(X)
    >>> est.n_clusters_, int(est.k_scores_.set_index("k")["score"].idxmax())
    (4, 4)
    """

    def __init__(
        self,
        algorithm="kmeans",
        k="auto",
        k_range=(2, 8),
        criterion=None,
        scale=True,
        random_state=0,
        n_init=10,
        max_sample=5000,
        select_n_init="auto",
        batch="auto",
        min_cluster_size=None,
        covariance_type="diag",
    ):
        self.algorithm = algorithm
        self.k = k
        self.k_range = k_range
        self.criterion = criterion
        self.scale = scale
        self.random_state = random_state
        self.n_init = n_init
        self.max_sample = max_sample
        self.select_n_init = select_n_init
        self.batch = batch
        self.min_cluster_size = min_cluster_size
        self.covariance_type = covariance_type

    # -- parameter checks ---------------------------------------------------------------
    def _check_params(self, n: int) -> tuple[list[int], str]:
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"algorithm must be one of {ALGORITHMS}, got {self.algorithm!r}")
        criterion = self.criterion or ("bic" if self.algorithm == "gmm" else "silhouette")
        if criterion not in ("silhouette", "bic"):
            raise ValueError(f"criterion must be 'silhouette' or 'bic', got {criterion!r}")
        if criterion == "bic" and self.algorithm != "gmm":
            raise ValueError("criterion='bic' needs algorithm='gmm' (BIC is a likelihood criterion)")
        if isinstance(self.k, str):
            if self.k != "auto":
                raise ValueError(f"k must be 'auto' or an int >= 1, got {self.k!r}")
            lo, hi = (int(v) for v in self.k_range)
            if lo < 2 or hi < lo:
                raise ValueError(f"k_range must be (lo, hi) with 2 <= lo <= hi, got {self.k_range!r}")
            ks = [k for k in range(lo, hi + 1) if k < n]
            if not ks:
                raise ValueError(f"n_samples={n} is too small to choose k in {self.k_range}; need > {lo}")
        else:
            if isinstance(self.k, bool) or not isinstance(self.k, (int, np.integer)) or self.k < 1:
                raise ValueError(f"k must be 'auto' or an int >= 1, got {self.k!r}")
            if self.k > n:
                raise ValueError(f"n_samples={n} should be >= k={self.k}")
            ks = [int(self.k)]
        return ks, criterion

    def _use_batch(self, n: int) -> bool:
        return bool(self.batch) if self.batch != "auto" else n > BATCH_THRESHOLD

    # -- single fits --------------------------------------------------------------------
    def _fit_k(self, X: np.ndarray, k: int, rng_seed: int, n: int | None = None, n_init: int | None = None):
        """Fit one model with k clusters (``n_init`` starts, default ``self.n_init``); return
        (labels, model)."""
        n_init = self.n_init if n_init is None else n_init
        if self.algorithm == "kmeans":
            if self._use_batch(n if n is not None else len(X)):
                model = MiniBatchKMeans(n_clusters=k, random_state=rng_seed, n_init=3, batch_size=2048)
            else:
                model = KMeans(n_clusters=k, random_state=rng_seed, n_init=n_init)
            return model.fit_predict(X), model
        if self.algorithm == "gmm":
            model = GaussianMixture(n_components=k, covariance_type=self.covariance_type,
                                    random_state=rng_seed, n_init=max(1, min(n_init, 3)), reg_covar=1e-4)
            return model.fit(X).predict(X), model
        raise AssertionError(self.algorithm)  # pragma: no cover

    def _select(self, Xs: np.ndarray, ks: list[int], criterion: str, seed: int) -> tuple[int, pd.DataFrame]:
        rows = []
        tree = linkage(Xs, method="ward") if self.algorithm == "agglomerative" and len(ks) > 1 else None
        if self.select_n_init == "auto":
            n_init = self.n_init if len(Xs) <= SELECT_FEW_INITS else min(self.n_init, 3)
        else:
            n_init = int(self.select_n_init)
        for k in ks:
            if tree is not None:
                labels = fcluster(tree, t=k, criterion="maxclust") - 1
                model = None
            else:
                labels, model = self._fit_k(Xs, k, seed, n=len(Xs), n_init=n_init)
            if criterion == "bic":
                score = float(model.bic(Xs))
            else:
                score = _silhouette(Xs, labels, seed)
            rows.append((k, score))
        scores = pd.DataFrame(rows, columns=["k", "score"])
        if scores["score"].isna().all():
            return ks[0], scores
        best = scores["score"].idxmin() if criterion == "bic" else scores["score"].idxmax()
        return int(scores.at[best, "k"]), scores

    # -- public API ---------------------------------------------------------------------
    def fit(self, X, y=None):
        """Fit the clusterer (``y`` is ignored)."""
        n = getattr(X, "shape", (len(X),))[0]
        # Small problems run faster on one thread (OpenMP start-up dominates otherwise).
        with threadpool_limits(limits=1 if n <= SINGLE_THREAD_MAX else None):
            return self._fit(X)

    def _fit(self, X):
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"algorithm must be one of {ALGORITHMS}, got {self.algorithm!r}")
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2)
        n = X.shape[0]
        rs = check_random_state(self.random_state)
        seed = int(rs.randint(np.iinfo(np.int32).max))
        if self.scale:
            self.scaler_ = StandardScaler().fit(X)
            Xs = self.scaler_.transform(X)
        else:
            self.scaler_ = None
            Xs = X
        sample = None
        if n > self.max_sample:
            sample = np.sort(check_random_state(seed).choice(n, size=int(self.max_sample), replace=False))
        Xsel = Xs[sample] if sample is not None else Xs

        if self.algorithm == "hdbscan":
            self.criterion_ = "silhouette"
            labels_fit = self._fit_hdbscan(Xsel)
            k_found = int(labels_fit.max()) + 1
            score = _silhouette(Xsel[labels_fit >= 0], labels_fit[labels_fit >= 0], seed)
            self.k_scores_ = pd.DataFrame({"k": [k_found], "score": [score]})
            self.model_ = None
            labels = self._spread(Xs, Xsel, labels_fit, sample)
        else:
            ks, criterion = self._check_params(len(Xsel))
            self.criterion_ = criterion
            if len(ks) > 1:
                k, self.k_scores_ = self._select(Xsel, ks, criterion, seed)
            else:
                k, self.k_scores_ = ks[0], None
            if self.algorithm == "agglomerative":
                labels_fit = fcluster(linkage(Xsel, method="ward"), t=k, criterion="maxclust") - 1 if k > 1 \
                    else np.zeros(len(Xsel), dtype=int)
                self.model_ = None
                labels = self._spread(Xs, Xsel, labels_fit, sample)
            else:
                labels, self.model_ = self._fit_k(Xs, k, seed, n=n)
            if self.k_scores_ is None and not getattr(self, "_score_fixed_k", True):
                self.k_scores_ = pd.DataFrame({"k": [k], "score": [np.nan]})
            if self.k_scores_ is None:
                score = (float(self.model_.bic(Xs)) if criterion == "bic"
                         else _silhouette(Xsel, labels[sample] if sample is not None else labels, seed))
                self.k_scores_ = pd.DataFrame({"k": [k], "score": [score]})

        # relabel by size (descending), ties by first occurrence
        uniq = [c for c in np.unique(labels) if c >= 0]
        first = {c: int(np.argmax(labels == c)) for c in uniq}
        order = sorted(uniq, key=lambda c: (-int(np.sum(labels == c)), first[c]))
        self._raw_to_label = {int(c): i for i, c in enumerate(order)}
        self.labels_ = np.array([self._raw_to_label.get(int(c), -1) for c in labels], dtype=np.int64)
        self.n_clusters_ = len(order)
        self.cluster_centers_ = np.vstack(
            [X[self.labels_ == i].mean(axis=0) for i in range(self.n_clusters_)]
        ) if self.n_clusters_ else np.empty((0, X.shape[1]))
        self._centers_scaled = self._transform(self.cluster_centers_) if self.n_clusters_ else self.cluster_centers_
        return self

    def _fit_hdbscan(self, Xsel: np.ndarray) -> np.ndarray:
        mcs = self.min_cluster_size or max(5, int(0.02 * len(Xsel)))
        mcs = max(2, min(mcs, len(Xsel)))
        return HDBSCAN(min_cluster_size=mcs, copy=True).fit_predict(Xsel)

    def _spread(self, Xs, Xsel, labels_fit, sample):
        """Labels for all rows when the model was fitted on a sample: nearest centroid."""
        if sample is None:
            return labels_fit
        uniq = [c for c in np.unique(labels_fit) if c >= 0]
        if not uniq:
            return np.full(len(Xs), -1)
        centers = np.vstack([Xsel[labels_fit == c].mean(axis=0) for c in uniq])
        labels = np.asarray(uniq)[pairwise_distances_argmin(Xs, centers)]
        labels[sample] = labels_fit
        return labels

    def _transform(self, X: np.ndarray) -> np.ndarray:
        return self.scaler_.transform(X) if self.scaler_ is not None else X

    def predict(self, X):
        """Persona of new rows (see the module docstring for how each algorithm predicts)."""
        check_is_fitted(self, "labels_")
        X = validate_data(self, X, dtype=np.float64, reset=False)
        Xs = self._transform(X)
        if self.model_ is not None and self.algorithm in ("kmeans", "gmm"):
            raw = self.model_.predict(Xs)
            return np.array([self._raw_to_label.get(int(c), -1) for c in raw], dtype=np.int64)
        if self.n_clusters_ == 0:
            return np.full(X.shape[0], -1, dtype=np.int64)
        return pairwise_distances_argmin(Xs, self._centers_scaled).astype(np.int64)

    def fit_predict(self, X, y=None, **kwargs):
        return self.fit(X).labels_

    def transform_for_distance(self, X) -> np.ndarray:
        """Rows in the space the clusters were formed in (scaled if ``scale=True``)."""
        check_is_fitted(self, "labels_")
        return self._transform(validate_data(self, X, dtype=np.float64, reset=False))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = False
        return tags


def _silhouette(X: np.ndarray, labels: np.ndarray, seed: int) -> float:
    n_labels = len(np.unique(labels))
    if n_labels < 2 or n_labels >= len(X):
        return float("nan")
    size = min(len(X), SILHOUETTE_SAMPLE)
    return float(silhouette_score(X, labels, sample_size=size if size < len(X) else None, random_state=seed))
