"""Layout checks of a printed map, measured with matplotlib's renderer (used by test_visual.py).

Every text the map draws is registered with the box it must stay in (``fig.journey_boxes``, see
``workbench/render/_page.py``). :func:`layout_problems` draws the figure at a resolution, measures
every text's extent with the renderer and reports texts that leave their box, texts that overlap
each other, texts on a data point of the emotion curve, and texts that were never registered.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.text import Text

from workbench.render.figure import RC

TOLERANCE_PX = 1.0  # antialiasing and rounding: a pixel of slack


def renderer_for(fig, fmt: str, dpi: float = 72):
    """The renderer a format measures text with: Agg (hinted glyphs) at ``dpi`` for PNG; the SVG
    and PDF renderers at 72 dpi (unhinted outlines, as the files hold them)."""
    if fmt == "png":
        fig.set_dpi(dpi)
        return FigureCanvasAgg(fig).get_renderer()
    fig.set_dpi(72)
    w, h = fig.get_size_inches() * 72
    if fmt == "svg":
        from matplotlib.backends.backend_svg import RendererSVG

        return RendererSVG(w, h, io.StringIO(), image_dpi=72)
    from matplotlib.backends.backend_pdf import PdfFile, RendererPdf

    return RendererPdf(PdfFile(io.BytesIO()), 72, h, w)


def layout_problems(fig, fmt: str = "png", dpi: float = 150, *, limit: int = 20) -> list[str]:
    """What is wrong with the layout of ``fig`` written as ``fmt`` (empty: nothing leaves its box
    or overlaps); ``dpi`` is the PNG's resolution."""
    import matplotlib

    with matplotlib.rc_context(RC):
        renderer = renderer_for(fig, fmt, dpi)
        fig.draw(renderer) if fmt == "png" else None
        problems = _problems(fig, renderer, fig.dpi)
    return problems[:limit] + ([f"… {len(problems) - limit} more"] if len(problems) > limit else [])


def _problems(fig, renderer, dpi: float) -> list[str]:
    problems: list[str] = []
    registered = {id(t) for t, _ in fig.journey_boxes}
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and id(t) not in registered:
            problems.append(f"text not registered with a box: {t.get_text()[:60]!r}")
    tol = TOLERANCE_PX / dpi
    rects, labels = [], []
    for t, (x0, y0, x1, y1) in fig.journey_boxes:
        if not t.get_text().strip():
            continue
        bb = t.get_window_extent(renderer)
        r = (bb.x0 / dpi, bb.y0 / dpi, bb.x1 / dpi, bb.y1 / dpi)
        if r[0] < x0 - tol or r[1] < y0 - tol or r[2] > x1 + tol or r[3] > y1 + tol:
            problems.append(f"leaves its box by {_outside(r, (x0, y0, x1, y1)) * 72:.1f} pt: {t.get_text()[:60]!r}")
        rects.append(r)
        labels.append(t.get_text())
    a = np.array(rects)
    if len(a):
        # pairwise overlap of every two texts (shrunk by the tolerance)
        w = np.minimum(a[:, None, 2], a[None, :, 2]) - np.maximum(a[:, None, 0], a[None, :, 0])
        h = np.minimum(a[:, None, 3], a[None, :, 3]) - np.maximum(a[:, None, 1], a[None, :, 1])
        hit = (w > tol) & (h > tol)
        np.fill_diagonal(hit, False)
        for i, j in zip(*np.nonzero(np.triu(hit)), strict=True):
            problems.append(f"overlap: {labels[i][:40]!r} and {labels[j][:40]!r}")
        # texts on a data point (a marker of the emotion curve)
        for line in fig.findobj(Line2D):
            if line.get_marker() in (None, "None", "", " ") or len(line.get_xdata()) != 1:
                continue
            px, py = line.get_transform().transform((line.get_xdata()[0], line.get_ydata()[0])) / dpi
            inside = (a[:, 0] < px) & (px < a[:, 2]) & (a[:, 1] < py) & (py < a[:, 3])
            for i in np.flatnonzero(inside):
                problems.append(f"text on a data point: {labels[i][:40]!r}")
    return problems


def _outside(r, box) -> float:
    return max(box[0] - r[0], r[2] - box[2], box[1] - r[1], r[3] - box[3], 0.0)
