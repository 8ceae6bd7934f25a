"""PersonaClusterer: the scikit-learn contract, each algorithm, choosing k honestly, determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.cluster import MiniBatchKMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from workbench.personas import ALGORITHMS, PersonaClusterer, default_min_size


@parametrize_with_checks(
    [PersonaClusterer(k=3), PersonaClusterer(k_range=(1, 3)), PersonaClusterer(algorithm="kmeans"),
     PersonaClusterer(algorithm="agglomerative", k=3), PersonaClusterer(algorithm="gmm", k=3),
     PersonaClusterer(algorithm="hdbscan")]
)
def test_sklearn_estimator_checks(estimator, check):
    # check_array_api_input skips itself (SkipTest) when SCIPY_ARRAY_API is not set; every
    # other check applies to a clusterer and must pass for all five algorithms (LCA with a
    # fixed k and with k chosen from a short range, to keep the run short).
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
    assert est.criterion_ == ("bic" if algorithm in ("lca", "gmm") else "silhouette")
    # predict on the training rows gives the training labels (nearest centroid for Ward / HDBSCAN)
    assert (est.predict(X) == est.labels_).mean() > 0.97


@pytest.mark.parametrize("true_k", [2, 3, 5, 6])
def test_auto_k_finds_true_k(true_k):
    X, _ = make_blobs(n_samples=60 * true_k, n_features=5, centers=true_k, cluster_std=0.8, random_state=true_k)
    est = PersonaClusterer(algorithm="kmeans").fit(X)
    assert est.n_clusters_ == true_k
    assert list(est.k_scores_.columns) == ["k", "score", "bic", "entropy", "smallest", "eligible"]
    assert list(est.k_scores_["k"]) == list(range(2, 9))
    assert est.k_scores_.set_index("k")["score"].idxmax() == true_k


def test_lca_curve_has_bic_entropy_and_smallest_class(blobs):
    X, y = blobs
    est = PersonaClusterer().fit(X)
    ks = est.k_scores_.set_index("k")
    assert list(ks.index) == list(range(1, 9))  # k = 1 belongs on a BIC curve
    assert ks["score"].equals(ks["bic"]) and ks["bic"].idxmin() == 4
    assert np.isnan(ks.at[1, "entropy"]) and ks.loc[2:, "entropy"].between(0, 1).all()
    assert ks.at[4, "smallest"] == np.bincount(est.labels_).min()
    assert ks.at[1, "smallest"] == len(X)
    assert "lowest BIC" in est.selection_ and est.measurement_ == ["gaussian"] * X.shape[1]


def test_bic_curve_and_silhouette_for_gmm(blobs):
    X, _ = blobs
    bic = PersonaClusterer(algorithm="gmm").fit(X)
    assert bic.k_scores_.set_index("k")["score"].idxmin() == bic.n_clusters_ == 4
    sil = PersonaClusterer(algorithm="gmm", criterion="silhouette").fit(X)
    assert sil.criterion_ == "silhouette" and sil.n_clusters_ == 4


def test_minimum_persona_size_caps_k():
    rng = np.random.default_rng(0)
    # three clear groups, one of them 6 people: a persona of 6 out of 206 is below the minimum
    X = np.vstack([rng.normal(0, 0.3, (100, 3)), rng.normal(5, 0.3, (100, 3)), rng.normal([0, 9, 0], 0.3, (6, 3))])
    est = PersonaClusterer(algorithm="kmeans").fit(X)
    assert est.min_size_ == default_min_size(206) == 11
    ks = est.k_scores_.set_index("k")
    assert not ks.at[3, "eligible"] and ks.at[3, "smallest"] == 6
    assert est.n_clusters_ == 2 and np.bincount(est.labels_).min() >= 11
    assert PersonaClusterer(algorithm="kmeans", min_size=5).fit(X).n_clusters_ == 3
    # k is capped by the data: 40 rows with a minimum of 10 cannot make more than 4 personas
    small = PersonaClusterer(algorithm="kmeans", min_size=10).fit(rng.normal(size=(40, 2)))
    assert small.k_scores_["k"].max() == 4
    # a k given by the researcher is fitted as asked
    assert PersonaClusterer(algorithm="kmeans", k=3).fit(X).n_clusters_ == 3


def test_lca_says_one_group_when_there_are_no_types():
    rng = np.random.default_rng(1)
    X = rng.integers(0, 5, size=(300, 8)).astype(float)  # answers on a 5-point scale, no structure
    est = PersonaClusterer(measurement=["ordinal:5"] * 8, k_range=(1, 4)).fit(X)
    assert est.n_clusters_ == 1 and (est.labels_ == 0).all()
    assert est.k_scores_.set_index("k")["bic"].idxmin() == 1
    assert est.selection_.startswith("k = 1: one class has a lower BIC than any split")


def test_lca_models_gaps_and_predicts_probabilities():
    rng = np.random.default_rng(2)
    y = np.repeat([0, 1, 2], 80)
    means = np.array([[0.5, 3.5, 1.0], [3.5, 0.5, 3.0], [2.0, 2.0, 0.0]])
    likert = np.clip(np.rint(means[y] + rng.normal(0, 0.7, (240, 3))), 0, 4)
    ticked = (rng.random((240, 2)) < np.array([[0.9, 0.1], [0.1, 0.9], [0.5, 0.5]])[y]).astype(float)
    X = np.column_stack([likert, ticked, rng.normal(y * 2.0, 0.5)])
    X[rng.random(X.shape) < 0.1] = np.nan  # 10 % gaps everywhere
    models = ["ordinal:5"] * 3 + ["binary"] * 2 + ["gaussian"]
    est = PersonaClusterer(measurement=models, random_state=0).fit(X)
    assert est.n_clusters_ == 3 and adjusted_rand_score(y, est.labels_) > 0.9
    proba = est.predict_proba(X[:10])
    assert proba.shape == (10, 3) and np.allclose(proba.sum(axis=1), 1)
    assert (proba.argmax(axis=1) == est.labels_[:10]).all()
    assert not hasattr(PersonaClusterer(algorithm="kmeans"), "predict_proba")
    with pytest.raises(ValueError, match="integer codes"):
        est.predict(np.column_stack([X[:2, :2], [[7.0], [1.0]], X[:2, 3:]]))


def test_lca_fast_path_fits_a_sample_and_assigns_the_rest():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 3, 6000)
    X = np.clip(np.rint(np.array([[0.5, 3.5], [3.5, 0.5], [2.0, 2.0]])[y] + rng.normal(0, 0.6, (6000, 2))), 0, 4)
    X = np.column_stack([X, np.array([[1.0], [0.0], [3.0]])[y] + rng.normal(0, 0.4, (6000, 1))])
    est = PersonaClusterer(measurement=["ordinal:5", "ordinal:5", "gaussian"], max_sample=1000, k_range=(2, 4),
                           n_init=2).fit(X)
    assert est.n_fit_ == 1000 and len(est.labels_) == 6000
    assert est.n_clusters_ == 3 and adjusted_rand_score(y, est.labels_) > 0.9


def test_labels_ordered_by_size_and_deterministic():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.3, (30, 2)), rng.normal(5, 0.3, (90, 2)), rng.normal([0, 5], 0.3, (60, 2))])
    for algorithm in ("lca", "kmeans"):
        a = PersonaClusterer(algorithm=algorithm, k=3, random_state=7).fit(X)
        b = PersonaClusterer(algorithm=algorithm, k=3, random_state=7).fit(X)
        assert np.array_equal(a.labels_, b.labels_)
        assert np.bincount(a.labels_).tolist() == [90, 60, 30]
        np.testing.assert_allclose(a.cluster_centers_[0], X[30:120].mean(axis=0))


def test_centers_in_input_space_when_scaled(blobs):
    X, _ = blobs
    est = PersonaClusterer(algorithm="kmeans", k=4, scale=True).fit(X * 100)
    assert est.scaler_ is not None
    for i in range(4):
        np.testing.assert_allclose(est.cluster_centers_[i], (X * 100)[est.labels_ == i].mean(axis=0))
    assert PersonaClusterer(algorithm="kmeans", k=4, scale=False).fit(X).scaler_ is None


def test_in_pipeline_and_grid_search(blobs):
    X, y = blobs
    pipe = Pipeline([("scale", StandardScaler()), ("personas", PersonaClusterer(k=3))])
    labels = pipe.fit_predict(X)
    assert len(np.unique(labels)) == 3
    assert pipe.predict(X[:5]).shape == (5,)
    c = clone(PersonaClusterer(k=5, algorithm="gmm"))
    assert c.get_params()["k"] == 5 and c.get_params()["algorithm"] == "gmm"
    grid = GridSearchCV(PersonaClusterer(algorithm="kmeans"), {"k": [2, 3, 4, 5]},
                        scoring=lambda e, X_, y_=None: -abs(e.n_clusters_ - 4),
                        cv=[(np.arange(len(X)), np.arange(len(X)))])
    grid.fit(X)
    assert grid.best_params_ == {"k": 4}


def test_sampling_and_minibatch_for_large_n():
    X, y = make_blobs(n_samples=3000, n_features=8, centers=3, random_state=0)
    est = PersonaClusterer(algorithm="kmeans", max_sample=500, batch=True).fit(X)
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
        ({"algorithm": "kmeans", "criterion": "bic"}, "needs algorithm='lca' or 'gmm'"),
        ({"criterion": "aic"}, "criterion"),
        ({"algorithm": "kmeans", "k_range": (1, 4)}, "k_range"),
        ({"measurement": ["ordinal:5"]}, "measurement has 1 models for 6 columns"),
        ({"measurement": ["likert"] * 6}, "unknown measurement model"),
        ({"measurement": ["ordinal"] * 6}, "number of levels"),
    ],
)
def test_bad_parameters_raise(blobs, params, message):
    with pytest.raises(ValueError, match=message):
        PersonaClusterer(**params).fit(blobs[0])


def test_a_persona_holding_two_whole_attribute_groups_that_the_next_k_parts_gets_a_note():
    """BIC may merge two planted types with ~100 respondents; the researcher's attribute question
    (not clustered on) shows it, and the note names the k that separates them."""
    from types import SimpleNamespace

    from workbench.personas.result import _mixed_notes

    groups = ["Studeert"] * 30 + ["Werkt thuis"] * 25 + ["Gezin"] * 30 + ["Gepensioneerd"] * 20
    ids = [f"R{i:03d}" for i in range(len(groups))]
    labels = pd.Series([0] * 55 + [1] * 30 + [2] * 20, index=ids)
    resp = pd.DataFrame({"respondent_id": ids, "Q1": groups})
    scores = pd.DataFrame({"k": [3, 4], "eligible": [True, True]})
    split = np.array([0] * 30 + [3] * 25 + [1] * 30 + [2] * 20)
    fit = SimpleNamespace(k_labels_={3: labels.to_numpy(), 4: split}, k_scores_=scores)
    for lang, word in (("nl", "mengt"), ("en", "mixes")):
        notes = _mixed_notes(labels, fit, resp, {"Q1": "Wat past bij u?"}, lang)
        assert len(notes) == 1 and word in notes[0] and "k = 4" in notes[0] and "Persona 0" in notes[0]
    same = SimpleNamespace(k_labels_={3: labels.to_numpy(), 4: labels.to_numpy()}, k_scores_=scores)
    assert _mixed_notes(labels, same, resp, {"Q1": "Wat past bij u?"}, "nl") == []  # k = 4 keeps them together
    mixed_through = pd.Series(groups, index=ids).sample(frac=1, random_state=0).to_numpy()
    spread = pd.DataFrame({"respondent_id": ids, "Q1": mixed_through})
    assert _mixed_notes(labels, fit, spread, {"Q1": "Wat past bij u?"}, "en") == []  # groups spread over personas


def test_every_k_tried_keeps_its_split():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (40, 3)), rng.normal(5, 1, (40, 3))])
    est = PersonaClusterer(algorithm="gmm", k_range=(1, 3), random_state=0).fit(X)
    assert set(est.k_labels_) == {1, 2, 3} and all(len(v) == 80 for v in est.k_labels_.values())
