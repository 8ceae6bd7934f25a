"""``PersonaClusterer``: a scikit-learn clusterer that also chooses the number of personas, honestly.

One contract (``fit`` / ``predict`` / ``fit_predict``, ``predict_proba`` for the likelihood
models) over five methods, so it sits in a ``Pipeline`` or ``GridSearchCV`` like any estimator:

- ``"lca"`` (default): latent class analysis with StepMix, a measurement model per column
  (``ordinal:L`` for Likert items and 0–10 scales, ``categorical:L`` for single choice,
  ``binary`` for multi-select options, ``gaussian`` for numbers; see :mod:`._lca`). Missing
  answers (NaN) are allowed: they add nothing to a respondent's likelihood.
- ``"kmeans"`` (``MiniBatchKMeans`` above 20,000 rows), ``"agglomerative"`` (Ward),
  ``"gmm"`` (Gaussian mixture) and ``"hdbscan"``, on a complete numeric matrix (for personas:
  the block-weighted feature matrix, see :mod:`.features`).

Choosing k (``k="auto"``): every k in ``k_range`` is fitted and scored — by BIC (lower is
better) for ``lca`` and ``gmm``, by the mean silhouette (higher is better) for the others. The
curve (``k_scores_``) keeps per k the score, BIC and entropy (likelihood models), and the size
of the smallest persona. Honest k: a k is *eligible* only when its smallest persona has at least
``min_size`` members (default ``max(5 % of the rows, min(10, 10 % of the rows))``), so k is also
capped at ``n // min_size``; the best eligible k wins. With a likelihood criterion k = 1 is
part of the curve: when one class beats every split, the data show no distinct types and the
clusterer says so (``selection_``). With ``k`` given, that k is fitted as asked (no minimum).

Large data: k is chosen on a random sample of ``max_sample`` rows. LCA fits its model on that
sample and assigns every other row by the fitted model (its posterior); k-means and GMM refit
the chosen k on all rows; Ward and HDBSCAN (cost growing with n²) assign the other rows to the
nearest centroid. ``n_fit_`` is the number of rows the model was fitted on.

Labels are deterministic for a given ``random_state`` and ordered by size (0 = the largest).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import HDBSCAN, KMeans, MiniBatchKMeans
from sklearn.metrics import pairwise_distances_argmin, silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler
from sklearn.utils import check_random_state
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

from . import _lca
from ._notes import selection_text

__all__ = ["PersonaClusterer", "ALGORITHMS", "K_SCORE_COLUMNS", "default_min_size"]

ALGORITHMS = ("lca", "kmeans", "agglomerative", "gmm", "hdbscan")
LIKELIHOOD = ("lca", "gmm")
K_SCORE_COLUMNS = ("k", "score", "bic", "entropy", "smallest", "eligible")
BATCH_THRESHOLD = 20_000  # batch="auto": MiniBatchKMeans above this many rows
SILHOUETTE_SAMPLE = 3_000  # rows used for one silhouette score
SINGLE_THREAD_MAX = 20_000  # fits on at most this many rows run on one thread
SELECT_FEW_INITS = 2_000  # select_n_init="auto": fewer k-means starts when choosing k on more rows
N_INIT = {"lca": 4, "kmeans": 10, "agglomerative": 1, "gmm": 3, "hdbscan": 1}


def default_min_size(n: int) -> int:
    """The smallest persona size a chosen k may have: 5 % of the rows, and at least 10 people
    (at least 10 % of the rows for fewer than 100 rows).

    >>> default_min_size(40), default_min_size(100), default_min_size(340), default_min_size(5000)
    (4, 10, 17, 250)
    """
    return max(2, math.ceil(0.05 * n), min(10, math.ceil(0.1 * n)))


class PersonaClusterer(ClusterMixin, BaseEstimator):
    """Cluster units into personas, choosing k by a stated criterion.

    Parameters
    ----------
    algorithm : {"lca", "kmeans", "agglomerative", "gmm", "hdbscan"}, default="lca"
    k : "auto" or int, default="auto"
        Number of personas; "auto" picks the best eligible k in ``k_range`` by ``criterion``.
    k_range : tuple of int or None, default=None
        Inclusive range of k tried for ``k="auto"``; None: (1, 8) for BIC, (2, 8) for silhouette.
    criterion : {"bic", "silhouette"} or None, default=None
        None: "bic" for ``lca`` and ``gmm``, "silhouette" otherwise (BIC needs a likelihood model).
    measurement : "auto" or sequence of str, default="auto"
        ``lca`` only: the model of each column (``"ordinal:5"``, ``"categorical:3"``,
        ``"binary"``, ``"gaussian"``); "auto" infers them from the values (0/1: binary,
        integers 0..10: ordinal, else gaussian).
    min_size : "auto" or int, default="auto"
        Smallest persona a chosen k may have ("auto": :func:`default_min_size` of the rows).
    scale : bool, default=True
        Standardise columns first (not for ``lca``). Persona matrices are already on comparable
        scales: :func:`~workbench.personas.fit_personas` passes ``scale=False``.
    random_state : int, default=0
    n_init : "auto" or int, default="auto"
        Starts per fit, the best kept ("auto": 4 for LCA, 10 for k-means, 3 for GMM).
    max_sample : int, default=5000
        Rows used to choose k (and to fit LCA, Ward and HDBSCAN) on larger data.
    select_n_init : "auto" or int, default="auto"
        k-means / GMM starts for each k scored ("auto": ``n_init``, or 3 above 2,000 rows).
    batch : "auto" or bool, default="auto"
        ``MiniBatchKMeans`` ("auto": above 20,000 rows).
    min_cluster_size : int or None, default=None
        HDBSCAN's minimum cluster size (None: ``min_size``).
    covariance_type : str, default="diag"
        GMM covariance type.
    tol : float, default=1e-4
        ``lca``: EM stops when the mean log-likelihood per row gains less (scikit-learn's
        GaussianMixture stops at 1e-3).
    reg_covar : float, default=1e-2
        ``gmm``: added to every variance. Persona matrices have discrete columns (options,
        rounded answers) on 0..1 scales; without a floor a component collapses onto one value and
        BIC keeps adding components (planted surveys: k too high in 20 of 24 at 1e-4).

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        Persona per training row, 0 = largest; -1 = noise (HDBSCAN).
    n_clusters_ : int
    cluster_centers_ : ndarray of shape (n_clusters_, n_features)
        Mean of each persona's rows (missing values ignored), in the input space.
    k_scores_ : DataFrame
        ``k, score, bic, entropy, smallest, eligible`` per k tried (the selection curve;
        ``entropy`` is the relative entropy 1 − E / (n log k): 1 = every row clearly in one class).
    criterion_ : str
    selection_ : str
        How k was chosen, in words.
    min_size_ : int
    n_fit_ : int
        Rows the model was fitted on (fewer than ``labels_`` when sampled).
    k_labels_ : dict of int to ndarray
        The classes of the fitted rows for every k tried (raw class numbers, not ordered by size).
    measurement_ : list of str or None
        ``lca``: the model of each column.
    converged_ : bool
        ``lca``: whether EM converged within its iterations.
    model_ : the fitted underlying estimator (None for Ward and HDBSCAN).

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> X, _ = make_blobs(n_samples=300, centers=4, cluster_std=0.8, random_state=3)
    >>> est = PersonaClusterer(algorithm="kmeans").fit(X)
    >>> est.n_clusters_, int(est.k_scores_.set_index("k")["score"].idxmax())
    (4, 4)
    """

    def __init__(
        self,
        algorithm="lca",
        k="auto",
        k_range=None,
        criterion=None,
        measurement="auto",
        min_size="auto",
        scale=True,
        random_state=0,
        n_init="auto",
        max_sample=5000,
        select_n_init="auto",
        batch="auto",
        min_cluster_size=None,
        covariance_type="diag",
        tol=1e-4,
        reg_covar=1e-2,
    ):
        self.algorithm = algorithm
        self.k = k
        self.k_range = k_range
        self.criterion = criterion
        self.measurement = measurement
        self.min_size = min_size
        self.scale = scale
        self.random_state = random_state
        self.n_init = n_init
        self.max_sample = max_sample
        self.select_n_init = select_n_init
        self.batch = batch
        self.min_cluster_size = min_cluster_size
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar

    # -- parameters -----------------------------------------------------------------------
    def _criterion(self) -> str:
        criterion = self.criterion or ("bic" if self.algorithm in LIKELIHOOD else "silhouette")
        if criterion not in ("silhouette", "bic"):
            raise ValueError(f"criterion must be 'silhouette' or 'bic', got {criterion!r}")
        if criterion == "bic" and self.algorithm not in LIKELIHOOD:
            raise ValueError("criterion='bic' needs algorithm='lca' or 'gmm' (BIC is a likelihood criterion)")
        return criterion

    def _ks(self, n: int, criterion: str) -> list[int]:
        if isinstance(self.k, str):
            if self.k != "auto":
                raise ValueError(f"k must be 'auto' or an int >= 1, got {self.k!r}")
            lo, hi = (int(v) for v in (self.k_range or ((1 if criterion == "bic" else 2), 8)))
            if lo < (1 if criterion == "bic" else 2) or hi < lo:
                raise ValueError(f"k_range must be (lo, hi) with {1 if criterion == 'bic' else 2} <= lo <= hi "
                                 f"for criterion {criterion!r}, got {self.k_range!r}")
            cap = max(1, n // self.min_size_)  # k personas of at least min_size each
            self._tried = (lo, hi)
            return [k for k in range(lo, hi + 1) if k <= cap and k < n]  # empty: no k fits the data
        if isinstance(self.k, bool) or not isinstance(self.k, (int, np.integer)) or self.k < 1:
            raise ValueError(f"k must be 'auto' or an int >= 1, got {self.k!r}")
        if self.k > n:
            raise ValueError(f"n_samples={n} should be >= k={self.k}")
        return [int(self.k)]

    def _n_init(self) -> int:
        return N_INIT[self.algorithm] if self.n_init == "auto" else int(self.n_init)

    def _use_batch(self, n: int) -> bool:
        return bool(self.batch) if self.batch != "auto" else n > BATCH_THRESHOLD

    # -- single fits ----------------------------------------------------------------------
    def _fit_k(self, X, k: int, seed: int, n_init: int):
        """One model with k clusters: (labels, model)."""
        if k == 1:
            return np.zeros(len(X), dtype=np.int64), None
        if self.algorithm == "lca":
            model, converged = _lca.fit_stepmix(X, self._desc, k, n_init=n_init, random_state=seed,
                                                abs_tol=self.tol)
            self.converged_ = self.converged_ and converged
            return model.predict(X), model
        if self.algorithm == "kmeans":
            if self._use_batch(len(X)):
                model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=2048)
            else:
                model = KMeans(n_clusters=k, random_state=seed, n_init=n_init)
            return model.fit_predict(X), model
        if self.algorithm == "gmm":
            model = GaussianMixture(n_components=k, covariance_type=self.covariance_type, random_state=seed,
                                    n_init=max(1, n_init), reg_covar=self.reg_covar)
            return model.fit(X).predict(X), model
        raise AssertionError(self.algorithm)  # pragma: no cover

    def _score(self, X, k, labels, model, criterion, seed) -> dict:
        sizes = np.bincount(labels[labels >= 0], minlength=k) if k else np.array([0])
        row = {"k": k, "score": np.nan, "bic": np.nan, "entropy": np.nan, "smallest": int(sizes.min())}
        if self.algorithm in LIKELIHOOD:
            if model is None:  # one class
                row["bic"] = self._bic_one(X)
            else:
                row["bic"] = float(model.bic(X))
                row["entropy"] = _relative_entropy(model.predict_proba(X))
        if criterion == "bic":
            row["score"] = row["bic"]
        else:
            row["score"] = _silhouette(X, labels, seed)
        row["eligible"] = bool(row["smallest"] >= self.min_size_ or k == 1)
        return row

    def _bic_one(self, X) -> float:
        if self.algorithm == "lca":
            model, _ = _lca.fit_stepmix(X, self._desc, 1, n_init=1, random_state=0)
            return float(model.bic(X))
        return float(GaussianMixture(1, covariance_type=self.covariance_type, reg_covar=self.reg_covar).fit(X).bic(X))

    def _select(self, Xs, ks, criterion, seed):
        """Fit every k; return (chosen k, its labels, its model, the curve)."""
        n_init = self._n_init()
        if self.algorithm in ("kmeans", "gmm") and len(ks) > 1:
            if self.select_n_init == "auto":
                n_init = n_init if len(Xs) <= SELECT_FEW_INITS else min(n_init, 3)
            else:
                n_init = int(self.select_n_init)
        if not ks:
            lo, hi = self._tried
            self._selected("k_too_few_rows", n=len(Xs), lo=lo, hi=hi, min=self.min_size_)
            scores = pd.DataFrame(columns=list(K_SCORE_COLUMNS))
            return 1, np.zeros(len(Xs), dtype=np.int64), None, scores
        tree = linkage(Xs, method="ward") if self.algorithm == "agglomerative" and max(ks) > 1 else None
        rows, fits = [], {}
        for k in ks:
            if tree is not None and k > 1:
                labels, model = fcluster(tree, t=k, criterion="maxclust") - 1, None
            else:
                labels, model = self._fit_k(Xs, k, seed, n_init)
            fits[k] = (labels, model)
            if len(ks) > 1 or getattr(self, "_score_fixed_k", True):
                rows.append(self._score(Xs, k, labels, model, criterion, seed))
        scores = pd.DataFrame(rows, columns=list(K_SCORE_COLUMNS))
        self.k_labels_ = {int(k): np.asarray(lab) for k, (lab, _) in fits.items()}  # each k's split of the fitted rows
        if not isinstance(self.k, str):
            self._selected("k_given", k=ks[0])
            return ks[0], *fits[ks[0]], scores
        ok = scores[scores["eligible"] & scores["score"].notna()]
        if ok.empty:
            self._selected("k_none_fit", lo=ks[0], hi=ks[-1], min=self.min_size_)
            return 1, np.zeros(len(Xs), dtype=np.int64), None, scores
        best = ok["score"].idxmin() if criterion == "bic" else ok["score"].idxmax()
        k = int(scores.at[best, "k"])
        if k == 1:
            self._selected("k_one_class", lo=ks[0], hi=ks[-1])
        else:
            self._selected("k_best", k=k, word="lowest_bic" if criterion == "bic" else "highest_silhouette",
                           lo=ks[0], hi=ks[-1], min=self.min_size_)
        return k, *fits[k], scores

    def _selected(self, key, **kw):
        """How k was chosen: ``selection_`` in English, ``selection_note_`` (key, values) for
        wording it in the study's language with :func:`workbench.personas._notes.note`."""
        self.selection_note_ = (key, kw)
        self.selection_ = selection_text(key, kw, "en")

    # -- public API -----------------------------------------------------------------------
    def fit(self, X, y=None):
        """Fit the clusterer (``y`` is ignored)."""
        n = getattr(X, "shape", (len(X),))[0]
        with threadpool_limits(limits=1 if n <= SINGLE_THREAD_MAX else None):
            return self._fit(X)

    def _prepare(self, X, reset: bool):
        lca = self.algorithm == "lca"
        X = validate_data(self, X, dtype=np.float64, reset=reset, ensure_min_samples=1 if not reset else 2,
                          ensure_all_finite="allow-nan" if lca else True)
        if lca:
            return _lca.encode(X, self.measurement_)[0]
        return self.scaler_.transform(X) if getattr(self, "scaler_", None) is not None else X

    def _fit(self, X):
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"algorithm must be one of {ALGORITHMS}, got {self.algorithm!r}")
        lca = self.algorithm == "lca"
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=2,
                          ensure_all_finite="allow-nan" if lca else True)
        n = X.shape[0]
        criterion = self._criterion()
        self.criterion_ = criterion
        seed = int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))
        self.scaler_, self.measurement_, self.converged_ = None, None, True
        if lca:
            models = _lca.infer_models(X) if isinstance(self.measurement, str) else list(self.measurement)
            if isinstance(self.measurement, str) and self.measurement != "auto":
                raise ValueError(f"measurement must be 'auto' or a model per column, got {self.measurement!r}")
            if len(models) != X.shape[1]:
                raise ValueError(f"measurement has {len(models)} models for {X.shape[1]} columns")
            self.measurement_ = models
            Xs, self._desc = _lca.encode(X, models)
        elif self.scale:
            self.scaler_ = StandardScaler().fit(X)
            Xs = self.scaler_.transform(X)
        else:
            Xs = X
        sample = None
        if n > self.max_sample:
            sample = np.sort(check_random_state(seed).choice(n, size=int(self.max_sample), replace=False))
        Xsel = Xs[sample] if sample is not None else Xs
        self.n_fit_ = len(Xsel)
        self.min_size_ = default_min_size(len(Xsel)) if self.min_size == "auto" else int(self.min_size)
        if self.algorithm == "hdbscan":
            labels = self._fit_hdbscan(Xs, Xsel, sample, seed)
        else:
            k, labels_fit, model, self.k_scores_ = self._select(Xsel, self._ks(len(Xsel), criterion), criterion, seed)
            self.model_ = model
            if self.algorithm == "agglomerative" or k == 1:
                labels = self._spread(Xs, Xsel, labels_fit, sample)
            elif lca:
                labels = model.predict(Xs) if sample is not None else labels_fit
            elif sample is not None:
                labels, self.model_ = self._fit_k(Xs, k, seed, self._n_init())
                self.n_fit_ = n
            else:
                labels = labels_fit
        self._finish(X, labels)
        return self

    def _fit_hdbscan(self, Xs, Xsel, sample, seed):
        mcs = self.min_cluster_size or self.min_size_
        labels_fit = HDBSCAN(min_cluster_size=max(2, min(mcs, len(Xsel))), copy=True).fit_predict(Xsel)
        k_found = int(labels_fit.max()) + 1
        sizes = np.bincount(labels_fit[labels_fit >= 0]) if k_found else np.array([0])
        self.k_scores_ = pd.DataFrame([{"k": k_found, "score": _silhouette(Xsel[labels_fit >= 0],
                                        labels_fit[labels_fit >= 0], seed), "bic": np.nan, "entropy": np.nan,
                                        "smallest": int(sizes.min()), "eligible": True}], columns=list(K_SCORE_COLUMNS))
        self._selected("k_hdbscan", k=k_found, min=mcs)
        self.model_ = None
        return self._spread(Xs, Xsel, labels_fit, sample)

    def _finish(self, X, labels) -> None:
        """Relabel by size (descending, ties by first occurrence); centres in the input space."""
        uniq = [c for c in np.unique(labels) if c >= 0]
        first = {c: int(np.argmax(labels == c)) for c in uniq}
        order = sorted(uniq, key=lambda c: (-int(np.sum(labels == c)), first[c]))
        self._raw_to_label = {int(c): i for i, c in enumerate(order)}
        self._label_order = np.array([int(c) for c in order], dtype=np.int64)
        self.labels_ = np.array([self._raw_to_label.get(int(c), -1) for c in labels], dtype=np.int64)
        self.n_clusters_ = len(order)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # the mean of a column nobody in a persona answered
            centers = [np.nanmean(X[self.labels_ == i], axis=0) for i in range(self.n_clusters_)]
        self.cluster_centers_ = np.vstack(centers) if centers else np.empty((0, X.shape[1]))
        if self.algorithm != "lca":
            self._centers_scaled = (self.scaler_.transform(self.cluster_centers_) if self.scaler_ is not None
                                    and self.n_clusters_ else self.cluster_centers_)

    def _spread(self, Xs, Xsel, labels_fit, sample):
        """Labels for all rows when the model was fitted on a sample: nearest centroid."""
        if sample is None:
            return labels_fit
        uniq = [c for c in np.unique(labels_fit) if c >= 0]
        if not uniq:
            return np.full(len(Xs), -1)
        if len(uniq) == 1:
            labels = np.full(len(Xs), uniq[0])
        else:
            centers = np.vstack([Xsel[labels_fit == c].mean(axis=0) for c in uniq])
            labels = np.asarray(uniq)[pairwise_distances_argmin(Xs, centers)]
        labels[sample] = labels_fit
        return labels

    def predict(self, X):
        """Persona of new rows: LCA, k-means and GMM by their model, the others by nearest centroid."""
        check_is_fitted(self, "labels_")
        Xs = self._prepare(X, reset=False)
        if self.model_ is not None and self.algorithm in ("lca", "kmeans", "gmm"):
            raw = self.model_.predict(Xs)
            return np.array([self._raw_to_label.get(int(c), -1) for c in raw], dtype=np.int64)
        if self.n_clusters_ <= 1:
            return np.full(Xs.shape[0], 0 if self.n_clusters_ else -1, dtype=np.int64)
        return pairwise_distances_argmin(Xs, self._centers_scaled).astype(np.int64)

    @available_if(lambda self: self.algorithm in LIKELIHOOD)
    def predict_proba(self, X):
        """Posterior probability of each persona (``lca`` and ``gmm`` only); columns in persona order."""
        check_is_fitted(self, "labels_")
        Xs = self._prepare(X, reset=False)
        if self.model_ is None:
            return np.ones((Xs.shape[0], 1))
        return self.model_.predict_proba(Xs)[:, self._label_order]

    def fit_predict(self, X, y=None, **kwargs):
        return self.fit(X).labels_

    def transform_for_distance(self, X) -> np.ndarray:
        """Rows in the space the clusters were formed in (scaled if ``scale=True``); not for LCA."""
        check_is_fitted(self, "labels_")
        if self.algorithm == "lca":
            raise AttributeError("LCA has no distance space: use predict_proba")
        return self._prepare(X, reset=False)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = False
        tags.input_tags.allow_nan = self.algorithm == "lca"
        return tags


def _relative_entropy(proba: np.ndarray) -> float:
    k = proba.shape[1]
    if k < 2:
        return float("nan")
    p = np.clip(proba, 1e-15, 1.0)
    return float(1.0 - (-(p * np.log(p)).sum()) / (len(p) * np.log(k)))


def _silhouette(X: np.ndarray, labels: np.ndarray, seed: int) -> float:
    n_labels = len(np.unique(labels))
    if n_labels < 2 or n_labels >= len(X):
        return float("nan")
    size = min(len(X), SILHOUETTE_SAMPLE)
    return float(silhouette_score(X, labels, sample_size=size if size < len(X) else None, random_state=seed))
