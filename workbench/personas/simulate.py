"""Planted surveys: survey exports with customer types whose truth is known.

``make_survey`` writes what a survey tool would export — one row per respondent, one column per
question, Likert answers as labels in Dutch or English (5- or 7-point, agreement and
satisfaction scales from the reader's own catalogue), multi-select answers joined by ``;``,
single choices, 0–10 recommendation scores and numbers with gaps — from ``n_types`` planted
types, like ``sklearn.datasets.make_blobs`` for surveys. Use it to check whether a design (how
many respondents, which questions) can find the types you expect, and to test the persona step:
``benchmarks/personas.py`` runs its recovery study on these.

How types differ (every draw from ``seed``):

- statements and satisfaction items: each type sits low, in the middle or high on an item
  (20 %, 50 % or 80 % of the scale, ± a little); an answer is that position plus normal noise
  with a standard deviation of ``noise`` × the scale's range (0.9 points on a 5-point scale),
  rounded to a scale point. About a third of the items are shared by all types (no signal),
  and every two types differ on at least three items (or all signal items when fewer);
- multi-select questions: each type ticks its own few options (a quarter of them) with
  probability 0.7, the others with 0.1 (nothing ticked: left blank);
- single choices: each type has its own answer distribution (a Dirichlet draw);
- recommendation (0–10) and numbers: a type mean (numbers log-normal, rounded to 5, some left
  blank at random);
- noise questions: a statement, a choice and a number with the same distribution for everyone.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["PlantedSurvey", "make_survey", "random_design"]

_TEXT = {
    "en": {"agree": "How much do you agree? - Statement {j}", "satisfaction": "How satisfied are you with - Part {j}",
           "nps": "How likely are you to recommend us to a friend or colleague?", "multi": "Which options do you use? "
           "(list {j})", "option": "Option {j}.{i}", "choice": "Which fits you best? (question {j})",
           "answer": "Answer {j}.{i}", "number": "How many units did you buy? (number {j})",
           "noise": "Noise: statement {j}"},
    "nl": {"agree": "In hoeverre bent u het eens? - Stelling {j}",
           "satisfaction": "Hoe tevreden bent u over - Onderdeel {j}",
           "nps": "Hoe waarschijnlijk is het dat u ons zou aanbevelen aan vrienden of collega's?",
           "multi": "Welke opties gebruikt u? (lijst {j})", "option": "Optie {j}.{i}",
           "choice": "Wat past het best bij u? (vraag {j})", "answer": "Antwoord {j}.{i}",
           "number": "Hoeveel eenheden kocht u? (getal {j})", "noise": "Ruis: stelling {j}"},
}
POSITIONS = (0.2, 0.5, 0.8)  # low / middle / high on an item, as a share of the scale's range


@lru_cache(maxsize=1)
def _scales() -> tuple[dict, ...]:
    data = resources.files("workbench").joinpath("data/likert.toml").read_bytes()
    return tuple(tomllib.loads(data.decode("utf-8"))["scales"])


def scale_labels(kind: str, lang: str, points: int) -> list[str]:
    """The labels of a Likert scale from the survey reader's catalogue (``workbench/data/likert.toml``).

    >>> scale_labels("agreement", "nl", 5)[-1]
    'Helemaal mee eens'
    """
    for s in _scales():
        if s["type"] == kind and s["language"] == lang and len(s["labels"]) == points:
            return list(s["labels"])
    raise ValueError(f"no {points}-point {kind} scale in {lang}")


@dataclass
class PlantedSurvey:
    """A generated survey export and its truth.

    Attributes
    ----------
    table : DataFrame
        The export: a ``respondent`` column, then one column per question (header = question
        text), answers as a respondent would have given them ('' = left blank).
    truth : Series
        Planted type (0..n_types-1) per respondent id.
    design : dict
        What was planted (types, sizes, questions, scale points, gaps, language).
    """

    table: pd.DataFrame
    truth: pd.Series
    design: dict = field(default_factory=dict)

    def write(self, path: str | Path) -> Path:
        """Write the export as a CSV file (UTF-8, ``,``)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.table.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL)
        return path


def _sizes(rng, n: int, k: int) -> np.ndarray:
    """Type sizes: uneven (Dirichlet), every type at least 6 % and at least 12 respondents."""
    floor = max(12, int(np.ceil(0.06 * n)))
    if floor * k > n:
        raise ValueError(f"{n} respondents cannot hold {k} types of at least {floor}")
    extra = rng.multinomial(n - floor * k, rng.dirichlet(np.full(k, 3.0)))
    return floor + extra


def _profiles(rng, k: int, items: int, min_diff: int = 3) -> np.ndarray:
    """Each type's position (low / middle / high) per item; a third of the items shared by all
    types (NaN). Types are types because they differ: every two types sit apart on at least
    ``min_diff`` items (as many as there are when fewer), re-drawing positions until they do."""
    shared = rng.random(items) < 1 / 3
    if items and shared.all():
        shared[rng.integers(items)] = False
    pos = rng.choice(POSITIONS, (k, items))
    signal = np.flatnonzero(~shared)
    need = min(min_diff, len(signal))
    for _ in range(1000):
        diff = (pos[:, None, signal] != pos[None, :, signal]).sum(axis=2) + need * np.eye(k, dtype=int)
        a, b = np.unravel_index(diff.argmin(), diff.shape)
        if diff[a, b] >= need:
            break
        j = rng.choice(signal)
        pos[b, j] = rng.choice([p for p in POSITIONS if p != pos[a, j]])
    pos[:, shared] = np.nan
    return pos


def make_survey(
    n_types: int = 4,
    n_respondents: int = 400,
    *,
    lang: str = "en",
    points: int = 5,
    n_statements: int = 10,
    n_satisfaction: int = 3,
    multi_options: tuple[int, ...] = (8,),
    n_choice: int = 2,
    n_numbers: int = 1,
    gap_share: float = 0.1,
    n_noise: int = 1,
    nps: bool = True,
    noise: float = 0.22,
    seed: int = 0,
) -> PlantedSurvey:
    """A survey export of ``n_respondents`` from ``n_types`` planted types (see the module docstring).

    Parameters
    ----------
    n_types, n_respondents : int
    lang : {"nl", "en"}
        Language of the question texts and answer labels.
    points : {5, 7}
        Points of the Likert scales.
    n_statements, n_satisfaction : int
        Agreement and satisfaction items.
    multi_options : tuple of int
        One multi-select question per entry, with that many options.
    n_choice, n_numbers : int
        Single-choice questions and numeric questions.
    gap_share : float
        Share of respondents leaving each number blank.
    n_noise : int
        Noise questions of each kind (statement, choice, number) with no type differences.
    nps : bool
        Add a 0–10 recommendation question.
    noise : float
        Answer noise on the Likert items, as a share of the scale's range.
    seed : int

    Examples
    --------
    >>> s = make_survey(3, 120, lang="nl", seed=1)
    >>> s.table.shape, sorted(s.truth.value_counts().tolist())[0] >= 12
    ((120, 22), True)
    """
    rng = np.random.default_rng(seed)
    T = _TEXT[lang]
    sizes = _sizes(rng, n_respondents, n_types)
    types = rng.permutation(np.repeat(np.arange(n_types), sizes))
    ids = [f"R{i + 1:05d}" for i in range(n_respondents)]
    cols: dict[str, list] = {"respondent": ids}

    n_items = n_statements + n_satisfaction
    profile = _profiles(rng, n_types, n_items)  # types x items: position on the scale, NaN = shared item
    items = iter(profile.T)

    def likert(text: str, kind: str, shared: bool) -> None:
        labels = scale_labels(kind, lang, points)
        pos = np.full(n_types, rng.choice(POSITIONS)) if shared else next(items)
        if np.isnan(pos).any():
            pos = np.full(n_types, rng.choice(POSITIONS))
        mu = (pos + rng.normal(0, 0.04, n_types))[types] * (points - 1)
        x = np.clip(np.rint(mu + rng.normal(0, noise * (points - 1), n_respondents)), 0, points - 1).astype(int)
        cols[text] = [labels[v] for v in x]

    for j in range(1, n_statements + 1):
        likert(T["agree"].format(j=j), "agreement", shared=False)
    for j in range(1, n_satisfaction + 1):
        likert(T["satisfaction"].format(j=j), "satisfaction", shared=False)
    if nps:
        mu = rng.choice([3.0, 6.5, 9.0], n_types)[types]
        cols[T["nps"]] = [str(v) for v in np.clip(np.rint(mu + rng.normal(0, 1.5, n_respondents)), 0, 10).astype(int)]
    for j, m in enumerate(multi_options, start=1):
        options = [T["option"].format(j=j, i=i) for i in range(1, m + 1)]
        own = max(1, m // 4)
        p = np.full((n_types, m), 0.1)
        for t in range(n_types):
            p[t, rng.choice(m, own, replace=False)] = 0.7
        ticks = rng.random((n_respondents, m)) < p[types]
        cols[T["multi"].format(j=j)] = [";".join(o for o, on in zip(options, row, strict=True) if on) for row in ticks]
    for j in range(1, n_choice + 1):
        m = int(rng.integers(3, 7))
        answers = [T["answer"].format(j=j, i=i) for i in range(1, m + 1)]
        p = rng.dirichlet(np.full(m, 0.7), n_types)
        cols[T["choice"].format(j=j)] = [answers[rng.choice(m, p=p[t])] for t in types]
    for j in range(1, n_numbers + 1):
        mu = rng.choice(np.log([20.0, 60.0, 180.0]), n_types)[types]
        x = np.maximum(5, np.round(np.exp(mu + rng.normal(0, 0.45, n_respondents)) / 5) * 5).astype(int)
        blank = rng.random(n_respondents) < gap_share
        cols[T["number"].format(j=j)] = ["" if b else str(v) for v, b in zip(x, blank, strict=True)]
    for j in range(1, n_noise + 1):
        likert(T["noise"].format(j=j), "agreement", shared=True)
        m = int(rng.integers(3, 6))
        answers = [T["answer"].format(j=f"n{j}", i=i) for i in range(1, m + 1)]
        cols[T["choice"].format(j=f"n{j}")] = list(rng.choice(answers, n_respondents, p=rng.dirichlet(np.ones(m))))
        x = np.maximum(5, np.round(rng.lognormal(np.log(60), 0.6, n_respondents) / 5) * 5).astype(int)
        blank = rng.random(n_respondents) < gap_share
        cols[T["number"].format(j=f"n{j}")] = ["" if b else str(v) for v, b in zip(x, blank, strict=True)]
    design = {"types": n_types, "respondents": n_respondents, "sizes": sorted(sizes.tolist(), reverse=True),
              "lang": lang, "points": points, "statements": n_statements, "satisfaction": n_satisfaction,
              "multi_options": list(multi_options), "choice": n_choice, "numbers": n_numbers, "gaps": gap_share,
              "noise_questions": n_noise, "nps": nps, "noise": noise, "seed": seed}
    return PlantedSurvey(pd.DataFrame(cols), pd.Series(types, index=pd.Index(ids, name="respondent_id"),
                                                       name="type"), design)


def random_design(seed: int) -> dict:
    """Keyword arguments of :func:`make_survey` for a varied design: 2–7 types, 100–5,000
    respondents (log-uniform, enough for the types), 5- or 7-point scales in Dutch or English,
    4–16 statements, 0–5 satisfaction items, 0–2 multi-selects of 3–12 options, 0–3 choices,
    0–2 numbers with 0–30 % gaps and 0–2 noise questions of each kind."""
    rng = np.random.default_rng(10_000 + seed)
    k = int(rng.integers(2, 8))
    n = int(np.exp(rng.uniform(np.log(100), np.log(5000))))
    n = max(n, 12 * k + 20, int(np.ceil(12 * k / 0.6)))
    return {"n_types": k, "n_respondents": n, "lang": str(rng.choice(["nl", "en"])), "points": int(rng.choice([5, 7])),
            "n_statements": int(rng.integers(4, 17)), "n_satisfaction": int(rng.integers(0, 6)),
            "multi_options": tuple(int(m) for m in rng.integers(3, 13, int(rng.integers(0, 3)))),
            "n_choice": int(rng.integers(0, 4)), "n_numbers": int(rng.integers(0, 3)),
            "gap_share": float(rng.choice([0.0, 0.05, 0.15, 0.3])), "n_noise": int(rng.integers(0, 3)),
            "nps": bool(rng.random() < 0.7), "seed": seed}
