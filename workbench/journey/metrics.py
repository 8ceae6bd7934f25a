"""Survey and funnel metrics per journey phase (and per persona).

Definitions (the ``definition`` column of :attr:`JourneyMap.metrics` repeats them):

- **NPS** = % promoters (9–10) − % detractors (0–6) on the 0–10 recommend question, −100..+100.
- **CSAT** is reported twice: ``csat_mean`` (mean score on the question's scale, usually 1–5) and
  ``csat_top2`` (% answering the top two points, 4–5 on a 1–5 scale).
- **CES** likewise: ``ces_mean`` (mean on 1–7) and ``ces_agree`` (% on the positive side, easy or agree: ≥ 5 on a 1–7 scale,
  ≥ 4 on a 1–5 scale).
- **conversion** of a phase = its last ``funnel`` count / the previous phase's last ``funnel``
  count (the first phase has none). ``micro:<step>`` and ``macro:<step>`` = the step's count / the
  phase's entry count (its first ``funnel`` count), as a percentage.

Survey metrics use the questions with a ``metric`` in ``study.toml``: per phase for a question
mapped to one (``QUESTIONS.phase``), for the whole study (``phase`` <NA>) for a question that has
none — an NPS question is often about the whole relationship. The evidence behind a survey metric is the respondents who answered; behind a funnel
metric, the funnel rows.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["METRIC_COLUMNS", "survey_metrics", "survey_satisfaction", "funnel_metrics", "nps", "DEFINITIONS"]

METRIC_COLUMNS = ["persona", "phase", "metric", "value", "n", "definition", "evidence_ids"]

DEFINITIONS = {
    "nl": {
        "nps": "NPS = % promotors (9–10) − % criticasters (0–6), −100..+100",
        "csat_mean": "CSAT: gemiddelde score op schaal {lo:g}–{hi:g}",
        "csat_top2": "CSAT: % dat {top:g}–{hi:g} antwoordt (schaal {lo:g}–{hi:g})",
        "ces_mean": "CES: gemiddelde score op schaal {lo:g}–{hi:g} (hoger = minder moeite)",
        "ces_agree": "CES: % aan de positieve kant (makkelijk of eens: ≥ {top:g} op schaal {lo:g}–{hi:g})",
        "conversion": "conversie = laatste funneltelling van de fase / die van de vorige fase",
        "micro": "microconversie = telling van de stap / instroom van de fase",
        "macro": "macroconversie = telling van de stap / instroom van de fase",
    },
    "en": {
        "nps": "NPS = % promoters (9–10) − % detractors (0–6), −100..+100",
        "csat_mean": "CSAT: mean score on a {lo:g}–{hi:g} scale",
        "csat_top2": "CSAT: % answering {top:g}–{hi:g} (scale {lo:g}–{hi:g})",
        "ces_mean": "CES: mean score on a {lo:g}–{hi:g} scale (higher = less effort)",
        "ces_agree": "CES: % on the positive side (easy or agree: ≥ {top:g} on a {lo:g}–{hi:g} scale)",
        "conversion": "conversion = the phase's last funnel count / the previous phase's",
        "micro": "micro-conversion = the step's count / the phase's entry count",
        "macro": "macro-conversion = the step's count / the phase's entry count",
    },
}


def nps(values) -> float:
    """NPS of 0–10 scores: % 9–10 minus % 0–6 (NaN for no scores).

    >>> nps([10, 9, 8, 7, 6, 0])
    0.0
    >>> nps([10, 10, 10, 3])
    50.0
    """
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy()
    if len(v) == 0:
        return float("nan")
    return float(100.0 * ((v >= 9).mean() - (v <= 6).mean()))


def _scale(q: pd.Series, values: np.ndarray, default: tuple[float, float]) -> tuple[float, float]:
    lo = q.get("scale_min")
    hi = q.get("scale_max")
    lo = default[0] if lo is None or pd.isna(lo) else float(lo)
    hi = default[1] if hi is None or pd.isna(hi) else float(hi)
    if len(values) and values.max() > hi:  # the reader did not know the scale
        hi = float(values.max())
    return lo, hi


def survey_metrics(
    answers: pd.DataFrame,
    questions: pd.DataFrame,
    groups: Mapping[str, pd.Index | None],
    lang: str = "en",
) -> pd.DataFrame:
    """NPS / CSAT / CES per phase for each group of respondents.

    Parameters
    ----------
    answers, questions : DataFrame
        ``schema.ANSWERS`` and ``schema.QUESTIONS``.
    groups : mapping
        group key (persona key, or ``"everyone"``) -> respondent ids (``None``: all respondents).
    lang : {'nl', 'en'}
        Language of the definitions.

    Returns
    -------
    DataFrame
        :data:`METRIC_COLUMNS`; ``evidence_ids`` is a tuple of respondent ids; ``phase`` is <NA>
        for a question without a phase (a whole-study metric).
    """
    defs = DEFINITIONS.get(lang, DEFINITIONS["en"])
    rows: list[dict] = []
    if questions is None or questions.empty or answers is None or answers.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    q = questions[questions["metric"].notna()]
    if q.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    ans = answers[answers["question_id"].isin(q["question_id"]) & answers["value_num"].notna()]
    by_q = {qid: g for qid, g in ans.groupby("question_id", sort=False)}
    for _, qrow in q.iterrows():
        metric = str(qrow["metric"]).lower()
        qa = by_q.get(qrow["question_id"])
        if qa is None or metric not in ("nps", "csat", "ces"):
            continue
        for key, members in groups.items():
            a = qa if members is None else qa[qa["respondent_id"].isin(members)]
            vals = a["value_num"].to_numpy(dtype=float)
            ids = tuple(a["respondent_id"].astype(str))
            phase = str(qrow["phase"]) if pd.notna(qrow["phase"]) else pd.NA
            base = {"persona": key, "phase": phase, "n": len(vals), "evidence_ids": ids}
            if metric == "nps":
                rows.append({**base, "metric": "nps", "value": nps(vals), "definition": defs["nps"]})
                continue
            lo, hi = _scale(qrow, vals, (1.0, 5.0) if metric == "csat" else (1.0, 7.0))
            if metric == "csat":
                top = hi - 1
                names = ("csat_mean", "csat_top2")
            else:
                top = hi - 2 if hi - lo >= 6 else hi - 1
                names = ("ces_mean", "ces_agree")
            mean = float(vals.mean()) if len(vals) else float("nan")
            share = float(100.0 * (vals >= top).mean()) if len(vals) else float("nan")
            fmt = {"lo": lo, "hi": hi, "top": top}
            rows.append({**base, "metric": names[0], "value": mean, "definition": defs[names[0]].format(**fmt)})
            rows.append({**base, "metric": names[1], "value": share, "definition": defs[names[1]].format(**fmt)})
    out = pd.DataFrame(rows, columns=METRIC_COLUMNS)
    # Several questions of one metric in one phase: pool them (respondent-weighted mean).
    if out.duplicated(["persona", "phase", "metric"]).any():
        out = _pool(out)
    return out


def survey_satisfaction(
    answers: pd.DataFrame,
    questions: pd.DataFrame,
    groups: Mapping[str, pd.Index | None],
) -> pd.DataFrame:
    """How satisfied respondents say they are, per phase, on the map's −2..+2 emotion scale.

    Every rating question of a phase counts: the CSAT, CES and NPS questions and any other Likert
    question that ``study.toml`` places in a phase. An answer is rescaled linearly from its
    scale (``scale_min``..``scale_max``) to −2..+2; an NPS answer by its own categories:
    detractor (0–6) −2, passive (7–8) 0, promoter (9–10) +2, so that the phase's mean is NPS / 50
    and the line never says "satisfied" beside a negative NPS (a 6 is a detractor, not +0.4).
    A respondent's score in a phase is the mean of their rescaled answers there, so each
    respondent counts once.

    Returns ``persona, phase, score`` rows, one per respondent and phase (``person`` is the
    respondent id), ready for :func:`workbench.journey.lanes.emotion_table`-style summaries.
    """
    cols = ["persona", "phase", "person", "score"]
    if questions is None or questions.empty or answers is None or answers.empty:
        return pd.DataFrame(columns=cols)
    q = questions[questions["phase"].notna() & questions["kind"].astype("string").isin(["likert", "nps"])]
    if q.empty:
        return pd.DataFrame(columns=cols)
    a = answers[answers["question_id"].isin(q["question_id"]) & answers["value_num"].notna()]
    if a.empty:
        return pd.DataFrame(columns=cols)
    qi = q.set_index("question_id")
    vals = a["value_num"].to_numpy(dtype=float)
    is_nps = (qi["kind"].astype("string") == "nps").reindex(a["question_id"]).fillna(False).to_numpy(dtype=bool)
    lo = pd.to_numeric(qi["scale_min"], errors="coerce").reindex(a["question_id"]).to_numpy(dtype=float)
    hi = pd.to_numeric(qi["scale_max"], errors="coerce").reindex(a["question_id"]).to_numpy(dtype=float)
    # scales the reader did not know: the observed range of the question
    obs = a.groupby("question_id")["value_num"].agg(["min", "max"]).reindex(a["question_id"])
    lo = np.where(is_nps, 0.0, np.where(np.isnan(lo), obs["min"].to_numpy(dtype=float), lo))
    hi = np.where(is_nps, 10.0, np.where(np.isnan(hi), obs["max"].to_numpy(dtype=float), hi))
    span = np.where(hi > lo, hi - lo, np.nan)
    score = (vals - lo) / span * 4.0 - 2.0
    score = np.where(is_nps, np.select([vals >= 9, vals >= 7], [2.0, 0.0], -2.0), score)
    f = pd.DataFrame({"person": a["respondent_id"].astype(str).to_numpy(),
                      "phase": qi["phase"].astype(str).reindex(a["question_id"]).to_numpy(), "score": score})
    f = f.dropna(subset=["score"])
    per = f.groupby(["person", "phase"], sort=False)["score"].mean().reset_index()
    parts = []
    for key, members in groups.items():
        g = per if members is None else per[per["person"].isin(members)]
        parts.append(g.assign(persona=key))
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def _pool(df: pd.DataFrame) -> pd.DataFrame:
    def agg(g: pd.DataFrame) -> pd.Series:
        n = g["n"].sum()
        value = float(np.average(g["value"], weights=g["n"])) if n else float("nan")
        ids = tuple(dict.fromkeys(i for t in g["evidence_ids"] for i in t))
        return pd.Series({"value": value, "n": int(n), "definition": g["definition"].iloc[0], "evidence_ids": ids})

    keys = ["persona", "phase", "metric"]
    pooled = df.groupby(keys, sort=False, dropna=False)[["value", "n", "definition", "evidence_ids"]].apply(agg)
    pooled = pooled.reset_index()
    return pooled[METRIC_COLUMNS]


def funnel_metrics(funnel: pd.DataFrame, phase_ids: list[str], lang: str = "en") -> pd.DataFrame:
    """Conversion per phase and micro/macro-conversions from ``study.funnel`` (persona ``everyone``).

    ``value`` is a percentage; ``n`` the count the rate rests on (the denominator).

    >>> f = pd.DataFrame({"phase": ["a", "a", "b"], "step": ["visit", "signup", "buy"],
    ...                   "count": [1000, 50, 200], "kind": ["funnel", "micro", "funnel"]})
    >>> funnel_metrics(f, ["a", "b"])[["phase", "metric", "value"]].values.tolist()
    [['a', 'micro:signup', 5.0], ['b', 'conversion', 20.0]]
    """
    defs = DEFINITIONS.get(lang, DEFINITIONS["en"])
    if funnel is None or funnel.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    f = funnel.copy()
    f["kind"] = f["kind"].astype(str)
    f["order"] = np.arange(len(f))
    rows = []
    last_prev = None
    for pid in phase_ids:
        fp = f[f["phase"] == pid]
        steps = fp[fp["kind"] == "funnel"]
        entry = int(steps["count"].iloc[0]) if len(steps) else None
        last = int(steps["count"].iloc[-1]) if len(steps) else None
        if last is not None and last_prev:
            rows.append({"persona": "everyone", "phase": pid, "metric": "conversion",
                         "value": 100.0 * last / last_prev, "n": last_prev, "definition": defs["conversion"],
                         "evidence_ids": (f"funnel:{pid}:{steps['step'].iloc[-1]}",)})
        for _, r in fp[fp["kind"].isin(["micro", "macro"])].iterrows():
            if not entry:
                continue
            rows.append({"persona": "everyone", "phase": pid, "metric": f"{r['kind']}:{r['step']}",
                         "value": 100.0 * int(r["count"]) / entry, "n": entry, "definition": defs[r["kind"]],
                         "evidence_ids": (f"funnel:{pid}:{r['step']}",)})
        if last is not None:
            last_prev = last
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)
