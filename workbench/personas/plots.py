"""Plots for personas: the k-selection curve, a 2-D projection and a persona card figure."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import ScalarFormatter
from sklearn.decomposition import PCA

from .cards import PersonaCard
from .facts import card_facts, subtitle, trait_label

__all__ = ["plot_k_selection", "plot_projection", "plot_persona_card", "PALETTE"]

PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]
_VERDICT_COLOUR = {"stable": "#1b7837", "doubtful": "#b8860b", "unstable": "#b2182b", "too_small": "#b2182b"}
_L = {
    "nl": {"k": "aantal persona's (k)", "silhouette": "silhouet (hoger is beter)", "bic": "BIC (lager is beter)",
           "entropy": "entropie (1 = scherp ingedeeld)", "eligible": "elke persona groot genoeg",
           "too_small": "een persona te klein", "smallest": "getal: kleinste persona",
           "traits": "Wat hen onderscheidt (effectgrootte t.o.v. de hele steekproef)", "quotes": "Citaten",
           "resp": "respondenten", "stability": "stabiliteit", "pc": "hoofdcomponent", "persona": "persona {n}",
           "noise": "ruis (geen persona)"},
    "en": {"k": "number of personas (k)", "silhouette": "silhouette (higher is better)",
           "entropy": "entropy (1 = clear-cut classes)", "eligible": "every persona large enough",
           "too_small": "a persona too small", "smallest": "number: smallest persona",
           "bic": "BIC (lower is better)", "traits": "What sets them apart (effect size vs the whole sample)",
           "quotes": "Quotes", "resp": "respondents", "stability": "stability", "pc": "principal component",
           "persona": "persona {n}", "noise": "noise (no persona)"},
}


class DecimalFormatter(ScalarFormatter):
    """Tick labels with the language's decimal sign (``−0,5`` on a Dutch card)."""

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.comma = lang == "nl"

    def __call__(self, x, pos=None) -> str:
        s = super().__call__(x, pos)
        return s.replace(".", ",") if self.comma else s


def localize_ticks(lang: str, *axes: Axes) -> None:
    """Give every numeric axis of ``axes`` the language's decimal sign."""
    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_formatter(), ScalarFormatter):
                axis.set_major_formatter(DecimalFormatter(lang))


def _new_figure(figsize) -> Figure:
    return Figure(figsize=figsize, layout="constrained")


def plot_k_selection(k_scores: pd.DataFrame, criterion: str = "silhouette", *, chosen: int | None = None,
                     lang: str = "en", ax: Axes | None = None) -> Axes:
    """The k-selection curve: the criterion per k, the chosen k marked; a k whose smallest persona
    is below the minimum size drawn hollow; each point labelled with its smallest persona; for a
    likelihood criterion the entropy (how clearly respondents belong to one class) on a second axis."""
    L = _L.get(lang, _L["en"])
    if ax is None:
        ax = _new_figure((5.5, 3.4)).add_subplot()
    ks = k_scores.sort_values("k")
    ax.plot(ks["k"], ks["score"], color="#404040", zorder=1)
    ok = ks["eligible"].astype(bool) if "eligible" in ks else pd.Series(True, index=ks.index)
    ax.scatter(ks.loc[ok, "k"], ks.loc[ok, "score"], color="#404040", zorder=2, label=L["eligible"])
    if (~ok).any():
        ax.scatter(ks.loc[~ok, "k"], ks.loc[~ok, "score"], facecolors="white", edgecolors="#404040", zorder=2,
                   label=L["too_small"])
    if "smallest" in ks:
        for r in ks.itertuples(index=False):
            if np.isfinite(r.score):
                ax.annotate(f"{int(r.smallest)}", (r.k, r.score), textcoords="offset points", xytext=(0, -13),
                            ha="center", fontsize=7, color="#666666")
    if chosen is not None and chosen in set(ks["k"]):
        y = float(ks.loc[ks["k"] == chosen, "score"].iloc[0])
        ax.plot([chosen], [y], marker="o", markersize=11, color=PALETTE[1], zorder=3)
        ax.annotate(f"k = {chosen}", (chosen, y), textcoords="offset points", xytext=(8, 6))
    ax.set_xlabel(L["k"])
    ax.set_ylabel(L.get(criterion, criterion))
    ax.set_xticks(list(ks["k"]))
    ax.grid(alpha=0.3)
    if "entropy" in ks and ks["entropy"].notna().any():
        ax2 = ax.twinx()
        ax2.plot(ks["k"], ks["entropy"], color=PALETTE[2], linestyle="--", marker=".", label=L["entropy"])
        ax2.set_ylim(0, 1.05)
        ax2.set_ylabel(L["entropy"], color=PALETTE[2])
        ax2.tick_params(axis="y", colors=PALETTE[2])
        localize_ticks(lang, ax2)
    localize_ticks(lang, ax)
    ax.legend(fontsize=7, loc="best", frameon=False, title=L["smallest"], title_fontsize=7)
    return ax


def plot_projection(X, labels, *, names: dict[int, str] | None = None, random_state: int = 0,
                    lang: str = "en", ax: Axes | None = None) -> Axes:
    """A 2-D PCA projection of the rows, coloured by persona (noise in grey)."""
    L = _L.get(lang, _L["en"])
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels)
    if ax is None:
        ax = _new_figure((6, 4.5)).add_subplot()
    n_comp = min(2, X.shape[1], X.shape[0])
    P = PCA(n_components=n_comp, random_state=random_state).fit_transform(X)
    if n_comp == 1:
        P = np.column_stack([P[:, 0], np.zeros(len(P))])
    for p in sorted(set(labels.tolist())):
        m = labels == p
        colour = "#bbbbbb" if p < 0 else PALETTE[p % len(PALETTE)]
        label = (names or {}).get(int(p), L["persona"].format(n=p + 1) if p >= 0 else L["noise"])
        ax.scatter(P[m, 0], P[m, 1], s=14, alpha=0.7, color=colour, label=label, linewidths=0)
    ax.set_xlabel(f"{L['pc']} 1")
    ax.set_ylabel(f"{L['pc']} 2")
    ax.legend(fontsize=8, loc="best", frameon=False)
    localize_ticks(lang, ax)
    return ax


def _short(text: str, n: int) -> str:
    from .naming import _short as short

    return short(text, n)


def plot_persona_card(card: PersonaCard, *, figsize: tuple[float, float] = (12, 6.5)) -> Figure:
    """A one-page figure of a persona card: traits as effect-size bars, facts and quotes."""
    L = _L.get(card.lang, _L["en"])
    fig = Figure(figsize=figsize)
    colour = _VERDICT_COLOUR.get(card.verdict or "", "#404040")
    fig.text(0.02, 0.96, card.name, fontsize=17, fontweight="bold", va="top")
    fig.text(0.02, 0.89, subtitle(card), fontsize=11, va="top", color=colour)
    if card.warning:
        fig.text(0.02, 0.845, "⚠ " + "\n".join(textwrap.wrap(card.warning, 120)), fontsize=9.5, va="top",
                 color=_VERDICT_COLOUR["unstable"], fontweight="bold")
    ax = fig.add_axes((0.27, 0.08, 0.25, 0.66))
    tr = card.traits.head(8).iloc[::-1]
    if len(tr):
        colours = [PALETTE[0] if e > 0 else PALETTE[1] for e in tr["effect"]]
        ax.barh(range(len(tr)), tr["effect"], color=colours)
        ax.set_yticks(range(len(tr)))
        ax.set_yticklabels(["\n".join(textwrap.wrap(_short(trait_label(r), 84), 42)) for r in tr.to_dict("records")],
                           fontsize=7)
        ax.axvline(0, color="#404040", linewidth=0.8)
        ax.set_title(L["traits"], fontsize=9, loc="right")
    else:  # one persona of everyone: nothing sets it apart
        ax.set_axis_off()
    ax.tick_params(axis="x", labelsize=8)
    localize_ticks(card.lang, ax)
    lines = []
    for title, items in card_facts(card):
        lines.append(title)
        lines += ["  " + _short(i, 75) for i in items[:4]]
    if card.quotes:
        lines.append(L["quotes"])
        for q in card.quotes[:3]:
            lines += ["  " + w for w in textwrap.wrap(f"“{q.text}”", 72)[:3]]
    fig.text(0.56, 0.76, "\n".join(lines), fontsize=8, va="top")
    return fig
