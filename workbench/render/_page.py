"""A page of the printed map: one matplotlib axes in inch coordinates, and a record of the box
every text must stay in.

``fig.journey_boxes`` lists ``(Text, (x0, y0, x1, y1))`` for every text drawn (inches from the
bottom-left corner): the visual check (``tests/test_visual.py``) measures each text with the
renderer and asserts it stays in its box and overlaps no other text. ``fig.journey_hidden``
holds, per ``(lane, phase)``, how many items did not fit (and are counted as "+N more").
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ._layout import LINESPACING, block_height, drawable, fit_lines, wrap

__all__ = ["Page", "GREY", "DARK"]

GREY = "#666666"
DARK = "#222222"


class Page:
    """A figure of ``figsize`` inches whose drawing functions take inches."""

    def __init__(self, figsize: tuple[float, float]):
        self.W, self.H = figsize
        self.fig = Figure(figsize=figsize)
        ax = self.fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, self.W)
        ax.set_ylim(0, self.H)
        self.ax = ax
        self.boxes: list[tuple[object, tuple[float, float, float, float]]] = []
        self.hidden: dict[tuple[str, str], int] = {}
        self.fig.journey_boxes = self.boxes
        self.fig.journey_hidden = self.hidden
        self.dropped: set[str] = set()  # characters the font cannot draw, left out (see _layout.drawable)
        self.fig.journey_dropped = self.dropped

    def text(self, x: float, y: float, s: str, box, **kw):
        """Draw ``s`` at (x, y) inches; ``box`` is where it must stay."""
        s, gone = drawable(s, kw.get("weight", "normal"), kw.get("style", "normal"))
        self.dropped |= gone
        t = self.ax.text(x, y, s, parse_math=False, linespacing=LINESPACING, **kw)
        self.boxes.append((t, tuple(box)))
        return t

    def block(self, x: float, top: float, lines: list[str], box, size: float, **kw) -> float:
        """Lines from ``top`` down (left-aligned at ``x``); returns the height used."""
        if not lines:
            return 0.0
        self.text(x, top, "\n".join(lines), box, fontsize=size, va="top", ha=kw.pop("ha", "left"), **kw)
        return block_height(len(lines), size)

    def para(self, x: float, top: float, s: str, width: float, box, size: float, *, max_lines: int = 99,
             weight: str = "normal", style: str = "normal", **kw) -> float:
        """``s`` wrapped to ``width`` (at most ``max_lines``, the last ending in "…" when cut)."""
        lines = fit_lines(wrap(s, width, size, weight, style), max_lines, width, size, weight, style)
        return self.block(x, top, lines, box, size, weight=weight, style=style, **kw)

    def rect(self, x: float, y: float, w: float, h: float, **kw) -> Rectangle:
        r = Rectangle((x, y), w, h, **kw)
        self.ax.add_patch(r)
        return r

    def line(self, xs, ys, **kw):
        return self.ax.plot(xs, ys, **kw)

