"""The emotion lane of the printed map: two lines on −2..+2 — what people say (text) and how
they rated the phase (survey) — with their 95% bands, n at every point, a hollow marker for thin
evidence and a warning where the two disagree.

Everything is drawn in the page's inch coordinates; labels are placed where they overlap no
other label, marker or warning, inside the lane (the legend sits in the lane's label column, so
it can never cover a point).
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from ..journey import labels as L
from ._cells import SMALL
from ._common import cell_items
from ._layout import block_height, text_width, wrap
from ._page import GREY, Page

__all__ = ["draw_emotion", "draw_emotion_legend", "STYLE"]

STYLE = {"text": ("#3b5b7a", "-", "o"), "survey": ("#d95f02", "--", "s")}
LABEL = SMALL + 0.5
_MARK = 0.06  # half the size of a marker, inches
_TICK_W = 0.3  # room for the scale's labels at the left of the lane


def _sources(jm, key) -> tuple[object, list[str]]:
    em = jm.emotion[jm.emotion["persona"] == key] if len(jm.emotion) else jm.emotion
    if "source" not in em.columns:
        return em, []
    return em, [s for s in ("text", "survey") if (em["source"] == s).any()]


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def draw_emotion(page: Page, jm, key: str, phases: list[str], box, lang: str) -> None:
    """Draw the chart in ``box`` (x0, y0, x1, y1 inches: the lane's cells)."""
    x0, y0, x1, y1 = box
    n = max(1, len(phases))
    cw = (x1 - x0) / n
    em, sources = _sources(jm, key)
    page.rect(x0, y0 + 0.03, x1 - x0, y1 - y0 - 0.06, facecolor="white", edgecolor="#c8c8c8", linewidth=0.6)
    # warnings where text and survey disagree, at the bottom of their phase
    obstacles: list[tuple[float, float, float, float]] = []
    note_h = 0.0
    warn = "⚠ " + L.text("emotion_disagree", lang).split(":")[-1].strip()
    notes = [i for i, ph in enumerate(phases) if any(it["rank"] == 3 for it in cell_items(jm, key, ph, "emotion"))]
    if notes:
        lines = wrap(warn, cw - 0.12, SMALL)
        note_h = block_height(len(lines), SMALL) + 0.04
        for i in notes:
            cx = x0 + (i + 0.5) * cw
            page.text(cx, y0 + 0.06, "\n".join(lines), box, fontsize=SMALL, color="#b2182b", ha="center",
                      va="bottom", multialignment="center")
            w = max(text_width(s, SMALL) for s in lines)
            obstacles.append((cx - w / 2, y0 + 0.06, cx + w / 2, y0 + 0.06 + note_h))
    label_h = block_height(1, LABEL)
    lo_y = y0 + 0.08 + note_h + _MARK
    hi_y = y1 - 0.08 - label_h - _MARK
    if hi_y - lo_y < 0.2:  # a very low lane: use its whole height
        lo_y, hi_y = y0 + 0.1, y1 - 0.1

    def y_of(v):
        return lo_y + (np.asarray(v, dtype=float) + 2) / 4 * (hi_y - lo_y)

    # the scale: −2..+2 with light grid lines, labels at the lane's left edge
    for v in (-2, -1, 0, 1, 2):
        yy = float(y_of(v))
        page.line([x0 + _TICK_W, x1 - 0.02], [yy, yy], color="#999999" if v == 0 else "#e6e6e6",
                  linewidth=0.8 if v == 0 else 0.5, zorder=1)
        s = L.signed(v, 0, lang) if v else "0"
        page.text(x0 + _TICK_W - 0.04, yy, s, box, fontsize=SMALL, color=GREY, ha="right", va="center")
        tw = text_width(s, SMALL)
        obstacles.append((x0 + _TICK_W - 0.04 - tw, yy - label_h / 2, x0 + _TICK_W - 0.04, yy + label_h / 2))
    xs = x0 + (np.arange(n) + 0.5) * cw
    if not sources:
        for i in range(n):
            page.text(xs[i], float(y_of(0.3)), L.text("no_data", lang), box, fontsize=SMALL + 1, color=GREY,
                      ha="center", va="bottom")
        return
    points = []
    values: dict[str, np.ndarray] = {}
    for src in sources:
        colour, style, marker = STYLE[src]
        e = em[em["source"] == src].set_index("phase").reindex(phases)
        m = e["mean"].to_numpy(dtype=float)
        ok = ~np.isnan(m)
        if not ok.any():
            continue
        lo = e["ci_low"].to_numpy(dtype=float)
        hi = e["ci_high"].to_numpy(dtype=float)
        has_ci = ok & ~np.isnan(lo)
        page.ax.fill_between(xs, y_of(np.where(has_ci, np.clip(lo, -2, 2), m)), y_of(np.where(has_ci, np.clip(hi, -2, 2), m)),
                             where=has_ci, color=colour, alpha=0.12, linewidth=0, zorder=2)
        page.line(xs[ok], y_of(m[ok]), color=colour, linewidth=2, linestyle=style, zorder=3)
        values[src] = m
        lx, ly = xs[ok], y_of(m[ok])
        for k in range(len(lx) - 1):  # the line itself: labels are kept off it
            for f in np.linspace(0, 1, max(2, int((lx[k + 1] - lx[k]) / 0.05))):
                px, py = lx[k] + f * (lx[k + 1] - lx[k]), ly[k] + f * (ly[k + 1] - ly[k])
                obstacles.append((px - 0.012, py - 0.012, px + 0.012, py + 0.012))
        for i in np.flatnonzero(ok):
            thin = bool(e["thin"].iloc[i])
            py = float(y_of(np.clip(m[i], -2, 2)))
            page.line([xs[i]], [py], marker=marker, markersize=6, color=colour,
                      markerfacecolor="white" if thin else colour, zorder=4)
            obstacles.append((xs[i] - _MARK, py - _MARK, xs[i] + _MARK, py + _MARK))
            points.append((i, src, xs[i], py, f"{L.signed(m[i], 1, lang)} (n={int(e['n'].iloc[i])})",
                           GREY if thin else colour, "italic" if thin else "normal"))
    area = (x0 + _TICK_W, y0 + 0.04, x1 - 0.02, y1 - 0.04)
    for i, src, px, py, label, colour, style in points:
        w = text_width(label, LABEL, style=style)
        above = [(px + 0.08, py + 0.03), (px - 0.08 - w, py + 0.03), (px - w / 2, py + _MARK + 0.03)]
        below = [(px + 0.08, py - 0.03 - label_h), (px - 0.08 - w, py - 0.03 - label_h),
                 (px - w / 2, py - _MARK - 0.03 - label_h)]
        other = [v[i] for k, v in values.items() if k != src and v[i] == v[i]]
        lower = bool(other) and values[src][i] < other[0]  # the lower line's labels go below it
        cands = (below + above if lower else above + below) + [(px + 0.08, py - label_h / 2),
                                                               (px - 0.08 - w, py - label_h / 2)]
        best, best_cost = None, None
        for bx, by in cands:
            rect = (bx, by, bx + w, by + label_h)
            outside = rect[0] < area[0] or rect[2] > area[2] or rect[1] < area[1] or rect[3] > area[3]
            cost = sum(_overlap(rect, o) for o in obstacles) + (1e3 if outside else 0.0)
            if best_cost is None or cost < best_cost:
                best, best_cost = rect, cost
            if cost == 0:
                break
        page.text(best[0], best[1], label, box, fontsize=LABEL, color=colour, style=style, va="bottom", ha="left")
        obstacles.append(best)


def draw_emotion_legend(page: Page, jm, key: str, x: float, top: float, box, lang: str) -> float:
    """The two lines' legend in the lane's label column, from ``top`` down; returns the height."""
    _, sources = _sources(jm, key)
    y = top
    for src in sources:
        colour, style, marker = STYLE[src]
        label = L.text(f"emotion_{src}", lang, x="").rstrip(": ")
        lines = wrap(label, box[2] - x - 0.4, SMALL)
        h = block_height(len(lines), SMALL)
        mid = y - block_height(1, SMALL) / 2
        page.ax.add_line(Line2D([x, x + 0.3], [mid, mid], color=colour, linestyle=style, linewidth=1.6,
                                marker=marker, markevery=[1], markersize=4))
        page.text(x + 0.36, y, "\n".join(lines), box, fontsize=SMALL, color=colour, va="top")
        y -= h + 0.04
    return top - y
