"""PersonaClusterer: the scikit-learn contract, each algorithm, choosing k, determinism."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.cluster import MiniBatchKMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from workbench.personas import ALGORITHMS, PersonaClusterer


@parametrize_with_checks(
    [PersonaClusterer(), PersonaClusterer(algorithm="agglomerative", k=3), PersonaClusterer(algorithm="gmm", k=3),
     PersonaClusterer(algorithm="hdbscan")]
)
def test_sklearn_estimator_checks(estimator, check):
    # check_array_api_input skips itself (SkipTest) when SCIPY_ARRAY_API is not set; every
    # other check applies to a clusterer and must pass for all four algorithms. (k is fixed for
    # the slower algorithms to keep the run short; choosing k is tested below.)
    check(estimator)


@pytest.fixture(scope="module")
def blobs():
    X, y = make_blobs(n_samples=300, n_features=6, centers=4, cluster_std=1.0, random_state=3)
    return X, y


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_each_algorithm_recovers_blobs(blobs, algorithm):
    X, y = blobs
    est = PersonaClusterer(algorithm=algorithm).fit(X)
    assert est.n_clusters_ == 4
    assert adjusted_rand_score(y, est.labels_) > 0.95
    assert est.cluster_centers_.shape == (4, X.shape[1])
    assert est.criterion_ == ("bic" if algorithm == "gmm" else "silhouette")
    # predict on the training rows gives the training labels (nearest centroid for hierarchical/HDBSCAN)
    pred = est.predict(X)
    assert (pred == est.labels_).mean() > 0.97


@pytest.mark.parametrize("true_k", [2, 3, 5, 6])
def test_auto_k_finds_true_k(true_k):
    X, _ = make_blobs(n_samples=60 * true_k, n_features=5, centers=true_k, cluster_std=0.8, random_state=true_k)
    est = PersonaClusterer().fit(X)
    assert est.n_clusters_ == true_k
    assert list(est.k_scores_.columns) == ["k", "score"]
    assert list(est.k_scores_["k"]) == list(range(2, 9))
    assert est.k_scores_.set_index("k")["score"].idxmax() == true_k


def test_bic_curve_and_silhouette_for_gmm(blobs):
    X, _ = blobs
    bic = PersonaClusterer(algorithm="gmm").fit(X)
    assert bic.k_scores_.set_index("k")["score"].idxmin() == bic.n_clusters_ == 4
    sil = PersonaClusterer(algorithm="gmm", criterion="silhouette").fit(X)
    assert sil.criterion_ == "silhouette" and sil.n_clusters_ == 4


def test_labels_ordered_by_size_and_deterministic():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.3, (30, 2)), rng.normal(5, 0.3, (90, 2)), rng.normal([0, 5], 0.3, (60, 2))])
    a = PersonaClusterer(k=3, random_state=7).fit(X)
    b = PersonaClusterer(k=3, random_state=7).fit(X)
    assert np.array_equal(a.labels_, b.labels_)
    assert np.bincount(a.labels_).tolist() == [90, 60, 30]
    np.testing.assert_allclose(a.cluster_centers_[0], X[30:120].mean(axis=0))


def test_centers_in_input_space_when_scaled(blobs):
    X, _ = blobs
    est = PersonaClusterer(k=4, scale=True).fit(X * 100)
    assert est.scaler_ is not None
    for i in range(4):
        np.testing.assert_allclose(est.cluster_centers_[i], (X * 100)[est.labels_ == i].mean(axis=0))
    assert PersonaClusterer(k=4, scale=False).fit(X).scaler_ is None


def test_in_pipeline_and_grid_search(blobs):
    X, y = blobs
    pipe = Pipeline([("scale", StandardScaler()), ("personas", PersonaClusterer(k=3))])
    labels = pipe.fit_predict(X)
    assert len(np.unique(labels)) == 3
    assert pipe.predict(X[:5]).shape == (5,)
    c = clone(PersonaClusterer(k=5, algorithm="gmm"))
    assert c.get_params()["k"] == 5 and c.get_params()["algorithm"] == "gmm"

    def score(est, X_, y_=None):
        return adjusted_rand_score(y, est.fit(X_).labels_) if len(X_) == len(y) else 0.0

    grid = GridSearchCV(PersonaClusterer(), {"k": [2, 3, 4, 5]}, scoring=lambda e, X_, y_=None: -abs(
        e.n_clusters_ - 4), cv=[(np.arange(len(X)), np.arange(len(X)))])
    grid.fit(X)
    assert grid.best_params_ == {"k": 4}


def test_sampling_and_minibatch_for_large_n():
    X, y = make_blobs(n_samples=3000, n_features=8, centers=3, random_state=0)
    est = PersonaClusterer(max_sample=500, batch=True).fit(X)
    assert isinstance(est.model_, MiniBatchKMeans)
    assert est.n_clusters_ == 3 and adjusted_rand_score(y, est.labels_) > 0.95
    agg = PersonaClusterer(algorithm="agglomerative", max_sample=400).fit(X)
    assert agg.labels_.shape == (3000,) and adjusted_rand_score(y, agg.labels_) > 0.95


def test_hdbscan_noise_and_k_ignored():
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(0, 0.2, (80, 2)), rng.normal(4, 0.2, (80, 2)), rng.uniform(-10, 14, (6, 2))])
    est = PersonaClusterer(algorithm="hdbscan", k=7).fit(X)
    assert est.n_clusters_ == 2
    assert (est.labels_ == -1).sum() >= 1
    assert set(est.predict(X[:160])) == {0, 1}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"algorithm": "kmedoids"}, "algorithm"),
        ({"k": "many"}, "k must be"),
        ({"k": 0}, "k must be"),
        ({"criterion": "bic"}, "needs algorithm='gmm'"),
        ({"criterion": "aic"}, "criterion"),
        ({"k_range": (1, 4)}, "k_range"),
    ],
)
def test_bad_parameters_raise(blobs, params, message):
    with pytest.raises(ValueError, match=message):
        PersonaClusterer(**params).fit(blobs[0])
