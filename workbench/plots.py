"""Small plots of a loaded study (the journey map and persona cards have their own renderers)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

__all__ = ["likert_table", "plot_likert"]

# Diverging red -> grey -> blue, colour-blind safe, for up to 7 points.
_DIVERGING = {
    5: ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"],
    7: ["#b2182b", "#d6604d", "#f4a582", "#d9d9d9", "#92c5de", "#4393c3", "#2166ac"],
}


def likert_table(answers: pd.DataFrame, questions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Share of answers per scale point for every Likert question (rows: questions, columns: 1..n)."""
    lik = answers[answers["kind"] == "likert"]
    if lik.empty:
        return pd.DataFrame()
    counts = pd.crosstab(lik["question_id"], lik["value_num"].astype(int))
    shares = counts.div(counts.sum(axis=1), axis=0)
    if questions is not None and not questions.empty:
        order = [q for q in questions["question_id"] if q in shares.index]
        shares = shares.loc[order]
    shares.columns = [int(c) for c in shares.columns]
    return shares


def plot_likert(
    answers: pd.DataFrame,
    questions: pd.DataFrame | None = None,
    *,
    labels: str = "text",
    max_label: int = 60,
    ax: Axes | None = None,
) -> Axes:
    """Diverging stacked bars: the distribution of every Likert question, centred on neutral.

    Parameters
    ----------
    answers, questions : DataFrame
        The study's ``answers`` and (for labels and order) ``questions`` frames.
    labels : {"text", "id"}
        Label bars by question text (shortened to ``max_label`` characters) or by id.
    """
    shares = likert_table(answers, questions)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.45 * max(len(shares), 2) + 1.2))
    if shares.empty:
        ax.text(0.5, 0.5, "no Likert questions", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    n = int(max(shares.columns))
    colours = _DIVERGING.get(n) or plt.get_cmap("RdBu")(np.linspace(0.1, 0.9, n))
    shares = shares.reindex(columns=range(1, n + 1), fill_value=0.0)
    mid = (n + 1) / 2
    left = -(shares[[c for c in shares.columns if c < mid]].sum(axis=1))
    if n % 2:
        left = left - shares[int(mid)] / 2
    y = np.arange(len(shares))[::-1]
    start = left.to_numpy().copy()
    option_names = {}
    if questions is not None and "options" in questions:
        opts = questions.set_index("question_id")["options"].dropna()
        distinct = {o for o in opts.loc[opts.index.intersection(shares.index)] if o}
        if len(distinct) == 1:  # one scale for all bars: name the points; else number them
            option_names = dict(enumerate(distinct.pop().split(" | "), start=1))
    for point in shares.columns:
        width = shares[point].to_numpy()
        ax.barh(y, width, left=start, color=colours[point - 1], edgecolor="white", height=0.7,
                label=option_names.get(point, str(point)))
        start = start + width
    if labels == "text" and questions is not None and not questions.empty:
        text = questions.set_index("question_id")["question_text"]
        names = [str(text.get(q, q)) for q in shares.index]
        names = [t if len(t) <= max_label else "…" + t[-(max_label - 1):] for t in names]
    else:
        names = list(shares.index)
    ax.set_yticks(y, names, fontsize=8)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1], ["100%", "50%", "0", "50%", "100%"])
    ax.set_xlabel("share of respondents (negative | positive)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.02 * (len(shares) < 6)), ncol=min(n, 7),
              fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
