"""What the cards say in numbers, from the survey answers: metrics (NPS, CSAT, CES), the raw
means behind effect sizes, and option shares for demographics and channels. The answers are
reduced once per study (:func:`by_persona`), not once per persona."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["nps_score", "csat_scores", "by_persona", "raw_means", "option_shares", "metrics", "scale_shares"]


def nps_score(values) -> float | None:
    """NPS = % promoters (9–10) − % detractors (0–6), −100..100; None without answers.

    >>> nps_score([10, 9, 8, 6, 0])
    0.0
    """
    v = pd.to_numeric(pd.Series(values, dtype="float64"), errors="coerce").dropna()
    if v.empty:
        return None
    return float(100.0 * ((v >= 9).mean() - (v <= 6).mean()))


def csat_scores(values, scale_max: float = 5.0) -> tuple[float | None, float | None]:
    """CSAT as (mean, share of the top two points: 4–5 on a 1–5 scale)."""
    v = pd.to_numeric(pd.Series(values, dtype="float64"), errors="coerce").dropna()
    if v.empty:
        return None, None
    top = (scale_max if np.isfinite(scale_max) else 5.0) - 1.0
    return float(v.mean()), float((v >= top).mean())


def by_persona(answers: pd.DataFrame, labels: pd.Series) -> dict[str, pd.DataFrame]:
    """The answers the cards need, reduced once (not once per persona): numbers (one per respondent
    and question) and the chosen options of choice and multi-select questions, each with a
    ``persona`` column."""
    persona = labels.copy()
    persona.index = persona.index.astype(str)
    out = {}
    num = answers.dropna(subset=["value_num"]).drop_duplicates(["respondent_id", "question_id"])
    out["num"] = num.assign(persona=num["respondent_id"].astype(str).map(persona))
    for kind in ("choice", "multi_choice"):
        a = answers[(answers["kind"].astype("string") == kind) & answers["value_text"].notna()]
        a = a.drop_duplicates(["respondent_id", "question_id", "value_text"])
        out[kind] = a.assign(persona=a["respondent_id"].astype(str).map(persona))
    return out


def raw_means(num: pd.DataFrame, p: int, qids: Sequence[str]) -> tuple[pd.Series, pd.Series]:
    a = num[num["question_id"].isin(list(qids))]
    allm = a.groupby("question_id")["value_num"].mean()
    pm = a[a["persona"] == p].groupby("question_id")["value_num"].mean()
    return pm, allm


def scale_shares(num: pd.DataFrame, p: int, questions: pd.DataFrame | None, qids: Sequence[str]) -> pd.DataFrame:
    """Per rating question, the share of the persona's answers at the top (``p_top``) and at the
    bottom (``p_bottom``) of its scale — what a name may claim of "most" of the persona: an NPS
    question's promoters (9–10) and detractors (0–6); a CSAT or CES question's top two and bottom
    two points; any other rating's answers above and below the scale's middle."""
    cols = ["p_top", "p_bottom"]
    a = num[num["question_id"].isin(list(qids))]
    if a.empty:
        return pd.DataFrame(columns=cols)
    q = questions.drop_duplicates("question_id").set_index("question_id") if questions is not None and len(
        questions) else pd.DataFrame()
    rows = {}
    for qid, g in a.groupby("question_id", sort=False):
        v = g.loc[g["persona"] == p, "value_num"].astype(float)
        if v.empty:
            continue
        info = q.loc[qid] if qid in q.index else pd.Series(dtype=object)
        kind, metric = str(info.get("kind", "")), str(info.get("metric", "")).lower()
        lo, hi = info.get("scale_min"), info.get("scale_max")
        lo = float(g["value_num"].min()) if lo is None or pd.isna(lo) else float(lo)
        hi = float(g["value_num"].max()) if hi is None or pd.isna(hi) else float(hi)
        if kind == "nps" or metric == "nps":
            top, bottom = v >= 9, v <= 6
        elif metric in ("csat", "ces"):
            top, bottom = v >= hi - 1, v <= lo + 1
        else:
            mid = (lo + hi) / 2
            top, bottom = v > mid, v < mid
        rows[qid] = {"p_top": float(top.mean()), "p_bottom": float(bottom.mean())}
    return pd.DataFrame.from_dict(rows, orient="index", columns=cols)


def option_shares(a: pd.DataFrame, p: int) -> pd.DataFrame:
    cols = ["question_id", "question", "option", "share", "sample_share"]
    if a.empty:
        return pd.DataFrame(columns=cols)
    n_all = a.groupby("question_id")["respondent_id"].nunique()
    pa = a[a["persona"] == p]
    n_p = pa.groupby("question_id")["respondent_id"].nunique()
    cnt_p = pa.groupby(["question_id", "value_text"]).size()
    cnt_s = a.groupby(["question_id", "value_text"]).size()
    texts = a.drop_duplicates("question_id").set_index("question_id")["question_text"]
    rows = [
        {"question_id": q, "question": texts.get(q), "option": o, "share": c / n_p[q],
         "sample_share": cnt_s[(q, o)] / n_all[q]}
        for (q, o), c in cnt_p.items()
    ]
    return pd.DataFrame(rows, columns=cols)


def metrics(num, questions, p) -> dict:
    out: dict = {"nps": None, "n_nps": 0, "csat_mean": None, "csat_top2": None, "ces_mean": None,
                 "csat_by_phase": pd.DataFrame(columns=["phase", "question_id", "mean", "top2", "n"])}
    if questions is None or questions.empty:
        q = num.drop_duplicates("question_id")[["question_id", "kind"]].assign(metric=pd.NA, phase=pd.NA)
    else:
        q = questions
    metric = q["metric"].astype("string") if "metric" in q else pd.Series(pd.NA, index=q.index, dtype="string")
    a = num[num["persona"] == p]
    nps_q = q.loc[metric == "nps", "question_id"].tolist() or q.loc[q["kind"].astype("string") == "nps",
                                                                     "question_id"].tolist()
    if nps_q:
        v = a.loc[a["question_id"] == nps_q[0], "value_num"]
        out["nps"], out["n_nps"] = nps_score(v), int(len(v))
    csat = q[metric == "csat"]
    if len(csat):
        smax = float(csat["scale_max"].max()) if "scale_max" in csat else 5.0
        v = a.loc[a["question_id"].isin(csat["question_id"]), "value_num"]
        out["csat_mean"], out["csat_top2"] = csat_scores(v, smax)
        rows = []
        for r in csat.itertuples(index=False):
            vv = a.loc[a["question_id"] == r.question_id, "value_num"]
            m, t = csat_scores(vv, getattr(r, "scale_max", 5.0))
            rows.append({"phase": getattr(r, "phase", pd.NA), "question_id": r.question_id, "mean": m,
                         "top2": t, "n": len(vv)})
        out["csat_by_phase"] = pd.DataFrame(rows, columns=["phase", "question_id", "mean", "top2", "n"])
    ces = q.loc[metric == "ces", "question_id"].tolist()
    if ces:
        v = a.loc[a["question_id"].isin(ces), "value_num"]
        out["ces_mean"] = float(v.mean()) if len(v) else None
    return out
