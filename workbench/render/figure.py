"""The journey map as a matplotlib figure, sized for A3 landscape (16.5 × 11.7 in).

Phases are columns, lanes are rows; the emotion curve runs across its lane with 95% confidence
intervals. Items resting on thin evidence are grey and italic with "thin evidence (n=2)", and
cells whose strongest item is thin are hatched. Text is never below 7 pt at A3. Text is drawn
with ``parse_math=False``: a ``$`` in a quote is a dollar sign, not math.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .._atomic import savefig
from ..journey import labels as L
from ..journey.assemble import JourneyMap
from ._common import cell_items, count, persona_header, resolve_persona, status_line

__all__ = ["plot_journey_map", "save_figure", "A3_LANDSCAPE"]

A3_LANDSCAPE = (16.5, 11.7)
FONT = 8.0
SMALL = 7.0
LANE_WEIGHTS = {"actions": 1.0, "touchpoints": 1.0, "needs": 1.1, "pain_points": 1.1, "emotion": 1.2,
                "quotes": 1.9, "opportunities": 1.0, "metrics": 1.3}
_COLOURS = {"pain_points": "#fde0dd", "needs": "#e0ecf4", "touchpoints": "#f0f0f0", "actions": "#f7f7f7",
            "quotes": "#fffbe6", "opportunities": "#e5f5e0", "metrics": "#f2f0f7", "emotion": "#ffffff"}
GREY = "#707070"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width=max(10, width), break_long_words=True) or [""]


def plot_journey_map(
    jm: JourneyMap,
    persona: str | None = None,
    lang: str | None = None,
    *,
    lanes: tuple[str, ...] = L.LANES,
    figsize: tuple[float, float] = A3_LANDSCAPE,
    max_items: int = 4,
) -> Figure:
    """Draw the journey map of one persona (default: everyone) on one A3 landscape figure.

    Parameters
    ----------
    jm : JourneyMap
    persona : str, optional
        Persona key (``"k4-p0"``) or name; ``None`` for everyone.
    lang : {'nl', 'en'}, optional
        Language of the labels (default: the map's).
    lanes : tuple of str
        Lanes to draw, top to bottom.
    figsize : (float, float)
        Inches; the default is A3 landscape.
    max_items : int
        Items shown per cell (the rest are in the HTML / XLSX exports).

    Returns
    -------
    Figure
    """
    lang = lang or jm.lang
    key = resolve_persona(jm, persona)
    phases = jm.phase_ids
    W, H = figsize
    fig = Figure(figsize=figsize)
    left, right, top, bottom = 1.55, 0.25, 1.05, 0.3
    head_h = 0.35
    n = max(1, len(phases))
    col_w = (W - left - right) / n
    weights = np.array([LANE_WEIGHTS.get(lane, 1.0) for lane in lanes])
    body_h = H - top - head_h - bottom
    row_h = body_h * weights / weights.sum()
    title = f"{L.text('journey_map', lang)} — {jm.name}"
    fig.text(left / W, 1 - 0.35 / H, title, fontsize=14, weight="bold", va="center", parse_math=False)
    fig.text(left / W, 1 - 0.7 / H, persona_header(jm, key), fontsize=10.5, va="center", parse_math=False)
    fig.text(1 - right / W, 1 - 0.35 / H, status_line(jm), fontsize=SMALL + 1.5, weight="bold", ha="right",
             va="center", color="#b2182b" if jm.status == "draft" else "#1a7f37", parse_math=False)
    legend = L.text("thin", lang, n=0).split(" (")[0] + f" (n < {jm.min_evidence})"
    fig.text(1 - right / W, 1 - 0.7 / H, ("gearceerd / grijs = " if lang == "nl" else "hatched / grey = ") + legend,
             fontsize=SMALL + 1, color=GREY, ha="right", va="center", parse_math=False)
    # One axes in inch coordinates holds every cell: far cheaper than an axes per cell.
    body = fig.add_axes((0, 0, 1, 1))
    body.set_axis_off()
    body.set_xlim(0, W)
    body.set_ylim(0, H)
    y_head = H - top
    for j, ph in enumerate(phases):
        x0 = left + j * col_w
        body.add_patch(Rectangle((x0, y_head - head_h), col_w - 0.05, head_h, color="#3b5b7a"))
        body.text(x0 + (col_w - 0.05) / 2, y_head - head_h / 2, jm.phase_label(ph), color="white", fontsize=11,
                  weight="bold", ha="center", va="center", parse_math=False)
    y = y_head - head_h
    chars = int(col_w * 72 / (FONT * 0.6))
    for lane, h in zip(lanes, row_h, strict=False):
        y -= h
        fig.text(0.12 / W, (y + h / 2) / H, "\n".join(_wrap(L.lane_label(lane, lang), 18)), fontsize=9.5,
                 weight="bold", va="center", parse_math=False)
        if lane == "emotion":
            _emotion_row(fig, jm, key, phases, (left / W, (y + 0.04) / H, (n * col_w - 0.05) / W, (h - 0.08) / H), lang)
            continue
        for j, ph in enumerate(phases):
            x0, y0, cw, ch = left + j * col_w, y + 0.03, col_w - 0.05, h - 0.06
            items = cell_items(jm, key, ph, lane)[:max_items]
            hatched = bool(items) and items[0]["thin"]
            body.add_patch(Rectangle((x0, y0), cw, ch, facecolor=_COLOURS.get(lane, "#fff"), edgecolor="#c8c8c8",
                                     hatch="///" if hatched else None, linewidth=0.6))
            _cell_text(body, items, lane, chars, (x0 + 0.03 * cw, y0 + ch), ch, lang)
    return fig


def _cell_text(ax, items: list[dict], lane: str, chars: int, corner: tuple[float, float], height_in: float,
               lang: str) -> None:
    """Write a cell's items from its top-left ``corner`` (inches) down, as many lines as fit."""
    line_in = FONT * 1.3 / 72
    max_lines = max(1, int((height_in - 0.1) / line_in))
    used = 0
    x, top = corner
    if not items:
        ax.text(x, top - 0.1 * height_in, L.text("no_data", lang), fontsize=FONT, color=GREY, va="top")
        return
    for it in items:
        if lane == "quotes":
            body = f"“{it['text']}” — {it['detail'].split(' · ')[0]}"
        elif lane in ("emotion",):
            body = it["text"]
        elif lane == "metrics":
            body = f"{it['text']}{count(it)}"
        else:
            body = f"• {it['text']}" + (f" ({it['n']})" if it["n"] else "")
        if it["thin"]:
            body += f" — {L.text('thin', lang, n=it['n'])}"
        lines = _wrap(body, chars)
        room = max_lines - used
        if room <= 0:
            break
        if len(lines) > room:
            lines = lines[:room]
            lines[-1] = lines[-1][: max(0, chars - 1)] + "…"
        ax.text(x, top - 0.05 - used * line_in, "\n".join(lines), fontsize=FONT, va="top", ha="left",
                color=GREY if it["thin"] else "black", style="italic" if it["thin"] or lane == "quotes" else "normal",
                linespacing=1.15, parse_math=False)
        used += len(lines)


_EMOTION_STYLE = {"text": ("#3b5b7a", "-", "o"), "survey": ("#d95f02", "--", "s")}


def _emotion_row(fig: Figure, jm: JourneyMap, key: str, phases: list[str], rect, lang: str) -> None:
    """Two lines on −2..+2: what people say (text) and how they rated the phase (survey), each
    with its 95% CI band and n; a hollow marker marks thin evidence."""
    ax = fig.add_axes(rect)
    x = np.arange(len(phases))
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_xlim(-0.5, len(phases) - 0.5)
    ax.set_ylim(-2.2, 2.2)
    ax.set_yticks([-2, -1, 0, 1, 2])
    ax.tick_params(axis="y", labelsize=SMALL + 0.5)
    ax.set_xticks([])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    em = jm.emotion[jm.emotion["persona"] == key]
    sources = [s for s in ("text", "survey") if "source" in em.columns and (em["source"] == s).any()]
    if not sources:
        for i in range(len(phases)):
            ax.text(x[i], 0.3, L.text("no_data", lang), ha="center", fontsize=FONT, color=GREY)
        return
    handles = []
    for k, src in enumerate(sources):
        colour, style, marker = _EMOTION_STYLE[src]
        e = em[em["source"] == src].set_index("phase").reindex(phases)
        m = e["mean"].to_numpy(dtype=float)
        ok = ~np.isnan(m)
        if not ok.any():
            continue
        (line,) = ax.plot(x[ok], m[ok], color=colour, linewidth=2, linestyle=style,
                          label=L.text(f"emotion_{src}", lang, x="").rstrip(": "))
        handles.append(line)
        lo = e["ci_low"].to_numpy(dtype=float)
        hi = e["ci_high"].to_numpy(dtype=float)
        has_ci = ok & ~np.isnan(lo)
        ax.fill_between(x, np.where(has_ci, lo, m), np.where(has_ci, hi, m), where=has_ci, color=colour,
                        alpha=0.12, linewidth=0)
        for i in np.flatnonzero(ok):
            thin = bool(e["thin"].iloc[i])
            n = int(e["n"].iloc[i])
            ax.plot([x[i]], [m[i]], marker=marker, markersize=6, color=colour,
                    markerfacecolor="white" if thin else colour)
            label = f"{L.signed(m[i], 1, lang)} (n={n})"
            # labels of the two lines on opposite sides of their points, clear of the axis limits
            dy = 0.28 if k == 0 else -0.42
            y = m[i] + dy
            if y > 1.9 or y < -2.1:
                y = m[i] - dy - (0.14 if k == 0 else 0)
            ax.text(x[i] + 0.07, y, label, fontsize=SMALL + 0.5, color=GREY if thin else colour,
                    style="italic" if thin else "normal", parse_math=False)
    for i, ph in enumerate(phases):  # where the two lines tell different stories, say so
        if any(it["rank"] == 3 for it in cell_items(jm, key, ph, "emotion")):
            ax.text(x[i], -2.15, "⚠ " + L.text("emotion_disagree", lang).split(":")[-1].strip(), ha="center",
                    va="bottom", fontsize=SMALL, color="#b2182b", parse_math=False)
    if handles:
        ax.legend(handles=handles, loc="lower left", ncol=len(handles), fontsize=SMALL, frameon=True,
                  framealpha=0.85, edgecolor="none", handlelength=2.5, borderaxespad=0.2)


def save_figure(fig: Figure, out_base: str | Path, *, dpi: int = 150,
                formats: tuple[str, ...] = ("png", "svg", "pdf")) -> list[Path]:
    """Save as ``<out_base>.png`` (``dpi``), ``.svg`` (text as paths) and ``.pdf`` — or only the
    given ``formats`` — and return the paths.

    The files are reproducible: no creation date or software stamp, and the SVG's element ids
    are hashed with a fixed salt, so the same map gives the same bytes."""
    import matplotlib

    base = Path(out_base)
    paths = []
    stamps = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    with matplotlib.rc_context({"svg.fonttype": "path", "pdf.fonttype": 42, "svg.hashsalt": "journey-workbench"}):
        for ext in formats:
            p = base.with_name(base.name + "." + ext)
            savefig(fig, p, dpi=dpi if ext == "png" else None, metadata=stamps.get(ext))
            paths.append(p)
    return paths
