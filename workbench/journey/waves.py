"""Waves: compare two journey maps (an earlier and a later study) phase by phase, for everyone.

Per phase: the emotion delta with a Welch t-test from the two means, standard errors and n
(``emotion_p``; ``emotion_sig`` is True when p < 0.05), the deltas of NPS, CSAT (mean), CES
(mean) and conversion, the delta of the pain-point share (documents with a pain point / all the
phase's documents), and the need / pain themes that are new or gone (themes match when their
key terms overlap, Jaccard ≥ 1/3).

Verdict: each signal votes +1 (better) / −1 (worse) when it moves beyond a threshold —
significant emotion change; NPS ± 5 points; CSAT mean ± 0.1; CES mean ± 0.2; conversion ± 1
percentage point; pain share ∓ 5 points. ``improved`` if the votes sum above 0, ``worsened``
below 0, else ``unchanged``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .assemble import EVERYONE, JourneyMap

__all__ = ["compare_maps", "plot_wave_comparison", "THRESHOLDS"]

THRESHOLDS = {"nps": 5.0, "csat_mean": 0.1, "ces_mean": 0.2, "conversion": 1.0, "pain_share": 5.0}


def _emotion(jm: JourneyMap, phase: str) -> tuple[float, float, int]:
    """Everyone's text emotion (what people said) in a phase: mean, standard error, n."""
    e = jm.emotion[(jm.emotion["persona"] == EVERYONE) & (jm.emotion["phase"] == phase)]
    if "source" in e.columns:
        e = e[e["source"] == "text"]
    if e.empty:
        return np.nan, np.nan, 0
    r = e.iloc[0]
    return float(r["mean"]), float(r["se"]), int(r["n"])


def _metric(jm: JourneyMap, phase: str, metric: str) -> float:
    m = jm.metrics
    hit = m[(m["persona"] == EVERYONE) & (m["phase"] == phase) & (m["metric"] == metric)]
    return float(hit["value"].iloc[0]) if len(hit) else np.nan


def _pain_share(jm: JourneyMap, phase: str) -> float:
    p = jm.pain_share
    hit = p[(p["persona"] == EVERYONE) & (p["phase"] == phase)]
    return float(100 * hit["share"].iloc[0]) if len(hit) else np.nan


def _themes(jm: JourneyMap, phase: str) -> list[tuple[str, set[str]]]:
    t = jm.themes[jm.themes["phase"] == phase]
    return [(r.text, {w.strip() for w in str(r.terms).split(",") if w.strip()}) for r in t.itertuples(index=False)]


def _unmatched(xs, ys) -> list[str]:
    out = []
    for text, terms in xs:
        if not any(len(terms & t2) / max(1, len(terms | t2)) >= 1 / 3 for _, t2 in ys):
            out.append(text)
    return out


def _welch_p(m1, s1, n1, m2, s2, n2) -> float:
    from scipy import stats

    if min(n1, n2) < 2 or np.isnan([m1, m2, s1, s2]).any():
        return np.nan
    se = np.sqrt(s1**2 + s2**2)
    if se == 0:
        return np.nan
    t = (m2 - m1) / se
    df = se**4 / ((s1**4) / (n1 - 1) + (s2**4) / (n2 - 1))
    return float(2 * stats.t.sf(abs(t), df))


def compare_maps(a: JourneyMap, b: JourneyMap) -> pd.DataFrame:
    """Compare wave ``a`` (earlier) with wave ``b`` (later), per phase, for everyone.

    Phases are matched by id (those of ``b``, in its order). Returns one row per phase with
    ``phase, label, emotion_a, emotion_b, emotion_delta, emotion_p, emotion_sig, <m>_a, <m>_b,
    <m>_delta`` for nps, csat_mean, ces_mean, conversion and pain_share (in %), ``themes_new``,
    ``themes_gone`` ('; '-joined) and ``verdict``.
    """
    rows = []
    for ph in b.phase_ids:
        m1, s1, n1 = _emotion(a, ph)
        m2, s2, n2 = _emotion(b, ph)
        p = _welch_p(m1, s1, n1, m2, s2, n2)
        row = {"phase": ph, "label": b.phase_label(ph), "emotion_a": m1, "emotion_b": m2, "emotion_delta": m2 - m1,
               "emotion_n_a": n1, "emotion_n_b": n2, "emotion_p": p, "emotion_sig": bool(p < 0.05) if p == p else False}
        votes = np.sign(row["emotion_delta"]) if row["emotion_sig"] else 0
        for metric in ("nps", "csat_mean", "ces_mean", "conversion", "pain_share"):
            va = _pain_share(a, ph) if metric == "pain_share" else _metric(a, ph, metric)
            vb = _pain_share(b, ph) if metric == "pain_share" else _metric(b, ph, metric)
            d = vb - va
            row.update({f"{metric}_a": va, f"{metric}_b": vb, f"{metric}_delta": d})
            if d == d and abs(d) >= THRESHOLDS[metric]:
                votes += -np.sign(d) if metric == "pain_share" else np.sign(d)
        ta, tb = _themes(a, ph), _themes(b, ph)
        row["themes_new"] = "; ".join(_unmatched(tb, ta))
        row["themes_gone"] = "; ".join(_unmatched(ta, tb))
        row["verdict"] = "improved" if votes > 0 else "worsened" if votes < 0 else "unchanged"
        rows.append(row)
    return pd.DataFrame(rows)


def plot_wave_comparison(df: pd.DataFrame, *, figsize: tuple[float, float] = (12, 7)) -> Figure:
    """Small multiples of the per-phase deltas (emotion, NPS, CSAT, CES, conversion, pain share)."""
    fig = Figure(figsize=figsize, layout="constrained")
    panels = [("emotion_delta", "Δ emotion (−2..+2)", False), ("nps_delta", "Δ NPS", False),
              ("csat_mean_delta", "Δ CSAT (mean)", False), ("ces_mean_delta", "Δ CES (mean)", False),
              ("conversion_delta", "Δ conversion (pp)", False), ("pain_share_delta", "Δ pain share (pp)", True)]
    axes = fig.subplots(2, 3)
    x = np.arange(len(df))
    for ax, (col, title, lower_better) in zip(axes.ravel(), panels, strict=False):
        v = df[col].to_numpy(dtype=float) if col in df else np.full(len(df), np.nan)
        good = (v < 0) if lower_better else (v > 0)
        ax.bar(x, np.nan_to_num(v), color=np.where(good, "#1b7837", "#b2182b"))
        ax.axhline(0, color="#888888", linewidth=0.8)
        ax.set_title(title, fontsize=10)
        ax.set_xticks(x, [str(s) for s in df["label"]], rotation=30, ha="right", fontsize=8)
        if col == "emotion_delta" and "emotion_sig" in df:
            for i, sig in enumerate(df["emotion_sig"]):
                if sig and v[i] == v[i]:
                    ax.text(i, v[i], "*", ha="center", va="bottom" if v[i] >= 0 else "top", fontsize=12)
    fig.suptitle("  ·  ".join(f"{lab}: {ver}" for lab, ver in zip(df["label"], df["verdict"], strict=False)), fontsize=9)
    return fig
