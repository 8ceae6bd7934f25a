"""Bootstrap stability (Hennig's clusterboot): verdicts, Jaccard, ARI, sampling."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_blobs

from workbench.errors import ModelError
from workbench.personas import PersonaClusterer, bootstrap_stability, verdict, verdict_label
from workbench.personas.stability import _best_jaccard


def test_verdict_thresholds():
    assert [verdict(x) for x in (0.9, 0.75, 0.7, 0.6, 0.59, float("nan"))] == [
        "stable", "stable", "doubtful", "doubtful", "unstable", "unstable"]
    assert verdict(0.99, size=2, min_size=10) == "too_small" and verdict(0.99, size=10, min_size=10) == "stable"
    assert [verdict_label(v, "nl") for v in ("stable", "doubtful", "unstable", "too_small")] == [
        "stabiel", "twijfelachtig", "instabiel", "te klein"]
    assert verdict_label("too_small", "en") == "too small" and verdict_label(None, "nl") == ""


def test_best_jaccard_by_hand():
    orig = np.array([0, 0, 0, 0, 1, 1])
    new = np.array([5, 5, 5, 7, 7, 7])
    # persona 0 = {0,1,2,3}: vs {0,1,2} -> 3/4, vs {3,4,5} -> 1/6; persona 1 = {4,5}: vs {3,4,5} -> 2/3
    np.testing.assert_allclose(_best_jaccard(orig, new, np.array([0, 1])), [0.75, 2 / 3])


def test_clear_blobs_are_stable():
    X, _ = make_blobs(n_samples=300, n_features=10, centers=4, cluster_std=1.0, random_state=0)
    est = PersonaClusterer(algorithm="kmeans").fit(X)
    rep = bootstrap_stability(X, est, n_boot=20)
    assert rep.table["verdict"].tolist() == ["stable"] * 4
    assert rep.table["jaccard_mean"].min() > 0.95
    assert rep.ari_mean > 0.95
    assert rep.jaccard.shape == (20, 4) and rep.n_rows == 300
    assert rep.table["size"].sum() == 300
    assert (rep.table["jaccard_se"] < 0.02).all()
    assert "persona 0" in rep.summary()


def test_uniform_noise_with_k5_is_not_stable():
    X = np.random.default_rng(0).uniform(size=(300, 4))
    est = PersonaClusterer(algorithm="kmeans", k=5).fit(X)
    rep = bootstrap_stability(X, est, n_boot=20)
    assert (rep.table["verdict"] != "stable").all()
    assert rep.table["jaccard_mean"].mean() < 0.75
    assert rep.ari_mean < 0.7


def test_unfitted_clusterer_is_fitted_and_deterministic():
    X, _ = make_blobs(n_samples=120, centers=3, random_state=2)
    a = bootstrap_stability(X, PersonaClusterer(algorithm="kmeans", k=3), n_boot=10, random_state=5)
    b = bootstrap_stability(X, PersonaClusterer(algorithm="kmeans", k=3), n_boot=10, random_state=5)
    np.testing.assert_array_equal(a.jaccard, b.jaccard)


def test_large_data_runs_on_a_sample():
    X, _ = make_blobs(n_samples=3000, n_features=5, centers=3, random_state=0)
    est = PersonaClusterer(algorithm="kmeans", k=3).fit(X)
    rep = bootstrap_stability(X, est, n_boot=5, max_sample=400, min_size=500)
    assert rep.n_rows == 400
    assert rep.table["size"].sum() == 400
    # the minimum size counts every row, not the bootstrap sample's
    assert (rep.table["verdict"] == "stable").all()


def test_lca_with_gaps():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 100)
    X = np.clip(np.rint(np.array([[0.5, 3.5, 1.0], [3.5, 0.5, 3.0]])[y] + rng.normal(0, 0.6, (200, 3))), 0, 4)
    X[rng.random(X.shape) < 0.1] = np.nan
    est = PersonaClusterer(measurement=["ordinal:5"] * 3, k=2).fit(X)
    rep = bootstrap_stability(X, est, n_boot=8)
    assert (rep.table["verdict"] == "stable").all() and rep.ari_mean > 0.9


@pytest.mark.parametrize("algorithm", ["agglomerative", "gmm", "hdbscan"])
def test_other_algorithms(algorithm):
    X, _ = make_blobs(n_samples=200, n_features=4, centers=3, cluster_std=0.7, random_state=4)
    est = PersonaClusterer(algorithm=algorithm).fit(X)
    rep = bootstrap_stability(X, est, n_boot=8)
    assert len(rep.table) == est.n_clusters_ == 3
    assert (rep.table["jaccard_mean"] > 0.75).all()


def test_bad_input():
    X = np.zeros((10, 2))
    with pytest.raises(ModelError):
        bootstrap_stability(X, PersonaClusterer(algorithm="kmeans", k=2), n_boot=0)
    with pytest.raises(ModelError, match="labels"):
        bootstrap_stability(X, PersonaClusterer(algorithm="kmeans", k=2), n_boot=2, labels=np.zeros(3))
