"""Latent class analysis of survey answers: StepMix with a measurement model per kind of question.

StepMix (PyPI ``stepmix``) runs the EM algorithm with several random starts and gives BIC,
entropy, posterior probabilities and predictions behind a scikit-learn API. It is extended the way
its documentation describes — :class:`stepmix.emission.emission.Emission` subclasses registered
in its ``EMISSION_DICT`` — with four measurement models that all accept missing answers (a missing
answer adds nothing to a respondent's likelihood: full-information maximum likelihood):

``ordinal``      Likert items and 0–10 scales: the adjacent-category logit model of ordinal
                 latent class analysis (Latent GOLD's "ordinal" indicators):
                 P(x | class c) ∝ exp(x·θ_cj + β_jx). Each item has its own shape β_j (shared
                 by the classes, so any marginal distribution fits, noise items included) and each
                 class a location θ_cj along the scale: k + L − 2 parameters per item with L points.
``categorical``  single-choice questions: a probability per option and class (k·(L − 1) per question).
``binary``       the options of a multi-select question, one column per option (k per option).
``gaussian``     numbers (on normal scores): a mean and a variance per class, the variance kept
                 above 5 % of the column's variance so a class cannot collapse onto one repeated
                 value (round amounts) — the source of StepMix's near-zero-variance RuntimeWarnings.

Why not StepMix's own models: it has no ordinal model, and its ``*_nan`` models loop over
columns in Python (10–20× slower than these on 5,000 rows, measured with ``benchmarks/personas.py``).

A column's model is written ``"ordinal:5"`` (5 points, codes 0..4), ``"categorical:3"``,
``"binary"`` or ``"gaussian"``; :func:`encode` one-hot encodes the coded columns once and groups
the columns into StepMix's nested descriptor.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

import numpy as np
from stepmix.emission.build_emission import EMISSION_DICT
from stepmix.emission.emission import Emission

__all__ = ["MODELS", "parse_model", "infer_models", "encode", "fit_stepmix", "n_parameters"]

MODELS = ("ordinal", "categorical", "binary", "gaussian")
PSEUDO = 0.1  # pseudo-count keeping probabilities off 0 and 1 (negligible beside tens of respondents)
RIDGE = 1e-3  # keeps ordinal locations finite when a class answers only one end of a scale
VAR_FLOOR = 0.05  # a class's variance is at least this share of the column's variance
ABS_TOL = 1e-4  # EM stops when the mean log-likelihood per respondent gains less
_MODEL_RE = re.compile(r"^(ordinal|categorical|binary|gaussian)(?::(\d+))?$")


def parse_model(spec: str) -> tuple[str, int]:
    """``"ordinal:5"`` -> ("ordinal", 5); levels are 2 for binary, 0 for gaussian."""
    m = _MODEL_RE.match(str(spec))
    if not m:
        raise ValueError(f"unknown measurement model {spec!r}: use ordinal:L, categorical:L, binary or gaussian")
    kind, levels = m.group(1), m.group(2)
    if kind in ("ordinal", "categorical"):
        if levels is None or int(levels) < 2:
            raise ValueError(f"{kind} needs its number of levels >= 2, e.g. '{kind}:5', got {spec!r}")
        return kind, int(levels)
    return kind, 2 if kind == "binary" else 0


def infer_models(X: np.ndarray) -> list[str]:
    """A model per column from its values: 0/1 -> binary; integers 0..10 -> ordinal; else gaussian."""
    out = []
    for col in X.T:
        v = col[~np.isnan(col)]
        if v.size and np.all((v == 0) | (v == 1)):
            out.append("binary")
        elif v.size and np.all(v == np.round(v)) and v.min() >= 0 and v.max() <= 10 and v.max() >= 1:
            out.append(f"ordinal:{int(v.max()) + 1}")
        else:
            out.append("gaussian")
    return out


class _Coded(Emission):
    """Items with up to L answer levels, one-hot encoded (L columns per item, unused levels of an
    item with fewer points padded; a missing answer is a row of zeros and adds nothing): shared
    by the ordinal and categorical models. ``levels``: the number of levels of each item."""

    def __init__(self, n_components=2, random_state=None, levels=(2,)):
        super().__init__(n_components=n_components, random_state=random_state)
        self.levels = np.asarray(levels, dtype=np.int64)
        self.L = int(self.levels.max())
        self.valid = np.arange(self.L)[None, :] < self.levels[:, None]  # f x L

    def _counts(self, X, resp) -> np.ndarray:
        return (X.T @ resp).T.reshape(self.n_components, -1, self.L)  # k x f x L

    def log_likelihood(self, X):
        return X @ np.where(self.valid, self._log_probs(), 0.0).reshape(self.n_components, -1).T

    def sample(self, class_no, n_samples):
        p = np.where(self.valid, np.exp(self._log_probs()[class_no]), 0.0)
        codes = np.stack([self.random_state.choice(self.L, size=n_samples, p=row / row.sum()) for row in p], axis=1)
        return (codes[:, :, None] == np.arange(self.L)).reshape(n_samples, -1).astype(float)


class Categorical(_Coded):
    """Single choice: one probability per option and class."""

    def __init__(self, n_components=2, random_state=None, levels=(2,)):
        super().__init__(n_components, random_state, levels)
        self.model_str = "categorical_nan"

    def m_step(self, X, resp):
        N = (self._counts(X, resp) + PSEUDO) * self.valid
        self.parameters["pis"] = N / N.sum(axis=2, keepdims=True)

    def _log_probs(self):
        return np.log(np.where(self.valid, self.parameters["pis"], 1.0))

    @property
    def n_parameters(self):
        return int(self.n_components * (self.levels - 1).sum())


class Ordinal(_Coded):
    """Adjacent-category logit: log P(x | c) = x·θ_cj + β_jx − log Σ_y exp(y·θ_cj + β_jy).

    The M-step takes Newton steps on the (concave) expected log-likelihood: for the class
    locations θ (one per class and item, independent), then for each item's shape β (a small
    linear system per item); the θ are kept centred across classes (the model's one redundancy).
    """

    def __init__(self, n_components=2, random_state=None, levels=(2,), newton_steps=2):
        super().__init__(n_components, random_state, levels)
        self.newton_steps = newton_steps
        self.model_str = "ordinal_nan"
        self.x = np.arange(self.L, dtype=float)
        self._off = np.where(self.valid, 0.0, -np.inf)  # padded levels have probability 0

    def _eta(self, theta, beta):
        eta = theta[:, :, None] * self.x + beta[None] + self._off
        return eta - eta.max(axis=2, keepdims=True)

    def _probs(self, theta, beta):
        p = np.exp(self._eta(theta, beta))
        return p / p.sum(axis=2, keepdims=True)

    def _log_probs(self):
        eta = self._eta(self.parameters["theta"], self._beta)
        return eta - np.log(np.exp(eta).sum(axis=2, keepdims=True))

    @property
    def _beta(self):
        return self.parameters["beta"][0]  # stored per class (identical rows) so StepMix can permute classes

    def initialize(self, X, resp, random_state=None):
        k, f = self.n_components, len(self.levels)
        self.parameters = {"theta": np.zeros((k, f)), "beta": np.zeros((k, f, self.L))}
        self.check_parameters()
        steps, self.newton_steps = self.newton_steps, 8
        self.m_step(X, resp)
        self.newton_steps = steps

    def m_step(self, X, resp):
        N = self._counts(X, resp)  # k x f x L
        Nc = N.sum(axis=2)  # k x f
        sx = N @ self.x
        theta, beta = self.parameters["theta"].copy(), self._beta.copy()
        eye = np.eye(self.L - 1)
        pad = ~self.valid[:, 1:]
        for _ in range(self.newton_steps):
            p = self._probs(theta, beta)
            ex = p @ self.x
            var = p @ self.x**2 - ex**2
            theta += np.clip((sx - Nc * ex - RIDGE * theta) / (Nc * var + RIDGE), -2.0, 2.0)
            p = self._probs(theta, beta)[:, :, 1:]  # levels 1..L-1 (beta_j0 = 0)
            gb = (N[:, :, 1:] - Nc[:, :, None] * p).sum(axis=0) - RIDGE * beta[:, 1:]
            pw = Nc[:, :, None] * p
            H = pw.sum(axis=0)[:, :, None] * eye - np.einsum("kfx,kfy->fxy", pw, p) + RIDGE * eye
            H[pad] = 0.0  # padded levels: an identity row, no step
            H += pad[:, :, None] * eye
            gb[pad] = 0.0
            beta[:, 1:] += np.clip(np.linalg.solve(H, gb[:, :, None])[:, :, 0], -2.0, 2.0)
            shift = theta.mean(axis=0)  # centre the locations; the shapes absorb the shift
            theta -= shift
            beta += shift[:, None] * self.x
        self.parameters = {"theta": theta, "beta": np.broadcast_to(beta, (len(theta),) + beta.shape).copy()}

    @property
    def n_parameters(self):
        return int((self.n_components + self.levels - 2).sum())


class Binary(Emission):
    """The options of a multi-select question: P(ticked | class) per option (NaN: not answered)."""

    def __init__(self, n_components=2, random_state=None):
        super().__init__(n_components=n_components, random_state=random_state)
        self.model_str = "binary_nan"

    def m_step(self, X, resp):
        obs = ~np.isnan(X)
        X0 = np.where(obs, X, 0.0)
        self.parameters["pis"] = ((X0.T @ resp + PSEUDO / 2) / (obs.T.astype(float) @ resp + PSEUDO)).T

    def log_likelihood(self, X):
        obs = ~np.isnan(X)
        X0 = np.where(obs, X, 0.0)
        p = self.parameters["pis"].T
        return X0 @ np.log(p) + (obs - X0) @ np.log1p(-p)

    def sample(self, class_no, n_samples):
        p = self.parameters["pis"][class_no]
        return (self.random_state.uniform(size=(n_samples, len(p))) < p).astype(float)

    @property
    def n_parameters(self):
        return int(self.parameters["pis"].size)


class Gaussian(Emission):
    """Numbers: a mean and a variance per class and column (NaN: not answered), variance floored."""

    def __init__(self, n_components=2, random_state=None):
        super().__init__(n_components=n_components, random_state=random_state)
        self.model_str = "gaussian_diag_nan"

    def m_step(self, X, resp):
        obs = ~np.isnan(X)
        X0 = np.where(obs, X, 0.0)
        n_obs = obs.sum(axis=0).clip(1)
        mu0 = X0.sum(axis=0) / n_obs
        var0 = np.maximum(((X0 - mu0) ** 2 * obs).sum(axis=0) / n_obs, 1e-6)
        w = resp.T @ obs.astype(float) + 1e-3  # k x f; the pseudo-weight keeps an empty class defined
        mu = (resp.T @ X0 + 1e-3 * mu0) / w
        sq = resp.T @ (X0**2) + 1e-3 * (var0 + mu0**2)
        var = np.maximum(sq / w - mu**2, VAR_FLOOR * var0)
        self.parameters["means"], self.parameters["variances"] = mu, var

    def log_likelihood(self, X):
        obs = ~np.isnan(X)
        X0 = np.where(obs, X, 0.0)
        mu, var = self.parameters["means"], self.parameters["variances"]
        o = obs.astype(float)
        quad = (X0**2) @ (1 / var).T - 2 * X0 @ (mu / var).T + o @ (mu**2 / var).T
        return -0.5 * (quad + o @ np.log(2 * np.pi * var).T)

    def sample(self, class_no, n_samples):
        mu, var = self.parameters["means"][class_no], self.parameters["variances"][class_no]
        return mu + np.sqrt(var) * self.random_state.standard_normal((n_samples, len(mu)))

    @property
    def n_parameters(self):
        return int(2 * self.parameters["means"].size)


_REGISTERED = {"wb_ordinal_nan": Ordinal, "wb_categorical_nan": Categorical, "wb_binary_nan": Binary,
               "wb_gaussian_nan": Gaussian}
EMISSION_DICT.update(_REGISTERED)  # StepMix's documented way to add an emission model


def encode(X: np.ndarray, models: Sequence[str]) -> tuple[np.ndarray, dict]:
    """StepMix's input and nested descriptor: columns grouped by model, coded columns one-hot
    encoded (a missing answer: a row of zeros), others as they are. Ordinal items form one block
    per number of levels (``"ordinal:5"``: a 0–10 item does not pad every 5-point item to 11
    levels); single-choice items one block, padded to the most options.

    >>> Z, desc = encode(np.array([[1.0, 0.0, 2.5], [np.nan, 1.0, 0.5]]), ["ordinal:3", "binary", "gaussian"])
    >>> list(desc), Z.tolist()
    (['ordinal:3', 'binary', 'gaussian'], [[0.0, 1.0, 0.0, 0.0, 2.5], [0.0, 0.0, 0.0, 1.0, 0.5]])
    """
    parsed = [parse_model(m) for m in models]
    groups: list[tuple[str, list[int]]] = []
    for kind in MODELS:
        cols = [i for i, p in enumerate(parsed) if p[0] == kind]
        if kind == "ordinal":
            groups += [(f"ordinal:{L}", [i for i in cols if parsed[i][1] == L])
                       for L in sorted({parsed[i][1] for i in cols})]
        elif cols:
            groups.append((kind, cols))
    desc, parts = {}, []
    for key, cols in groups:
        kind = key.split(":")[0]
        block = X[:, cols]
        if kind in ("ordinal", "categorical"):
            levels = np.array([parsed[i][1] for i in cols])
            obs = ~np.isnan(block)
            codes = np.where(obs, block, 0)
            if (codes < 0).any() or (codes >= levels).any() or (codes != np.round(codes)).any():
                raise ValueError(f"{kind} columns must hold integer codes 0..levels-1 (or NaN)")
            L = int(levels.max())
            block = ((codes[:, :, None] == np.arange(L)) & obs[:, :, None]).reshape(len(X), -1).astype(float)
            desc[key] = {"model": f"wb_{kind}_nan", "n_columns": block.shape[1], "levels": levels.tolist()}
        else:
            desc[key] = {"model": f"wb_{kind}_nan", "n_columns": len(cols)}
        parts.append(block)
    return np.hstack(parts), desc


def n_parameters(models: Sequence[str], k: int) -> int:
    """Free parameters of a k-class model (class sizes included)."""
    total = k - 1
    for kind, levels in (parse_model(m) for m in models):
        total += {"ordinal": k + levels - 2, "categorical": k * (levels - 1), "binary": k, "gaussian": 2 * k}[kind]
    return total


def fit_stepmix(Z: np.ndarray, desc: dict, k: int, *, n_init: int, random_state: int, max_iter: int = 500,
                abs_tol: float = ABS_TOL):
    """Fit a k-class StepMix model on encoded data (see :func:`encode`); returns (model, converged).

    EM stops when the mean log-likelihood per respondent gains less than ``abs_tol`` (scikit-learn's
    GaussianMixture stops at 1e-3; on the demos and planted surveys 1e-4 chose the same k and
    labels as 1e-6 in half the iterations).

    Warnings are caught (nothing reaches stderr); a start that did not converge is reported as
    ``converged=False``.
    """
    from sklearn.exceptions import ConvergenceWarning
    from stepmix.stepmix import StepMix

    sm = StepMix(n_components=k, measurement=desc, n_init=n_init, random_state=random_state, max_iter=max_iter,
                 abs_tol=abs_tol, verbose=0, progress_bar=0)
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="ignore"):
        warnings.simplefilter("always")
        sm.fit(Z)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return sm, converged
