"""The map as one PDF: everyone's map, a page per persona, and a legend page with the metric
definitions, where each lane comes from, the symbols, the sample per persona and the sentences
without a phase."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from .._atomic import atomic_path
from ..journey import labels as L
from ..journey.assemble import EVERYONE, JourneyMap
from ._cells import SMALL
from ._common import status_line, unplaced_items
from ._content import definitions, persona_block
from ._layout import block_height, quiet_glyphs, text_width, wrap
from ._page import GREY, Page
from ._texts import t
from .figure import A3_LANDSCAPE, RC, plot_journey_map

__all__ = ["plot_legend", "save_book"]

_SIZE = 8.5


class _Columns:
    """Text written into columns, top to bottom and left to right; what does not fit is counted."""

    def __init__(self, page: Page, left: float, right: float, top: float, bottom: float, n: int = 3):
        self.page, self.top, self.bottom = page, top, bottom
        w = (right - left) / n
        self.cols = [(left + i * w, left + (i + 1) * w - 0.3) for i in range(n)]
        self.i, self.y = 0, top
        self.dropped = 0

    def write(self, text: str, *, size: float = _SIZE, weight: str = "normal", style: str = "normal",
              color: str = "black", space: float = 0.04, keep: float = 0.0) -> bool:
        """Write a paragraph; ``keep``: height that must follow it in the same column (a heading
        is not left alone at the foot of a column)."""
        while self.i < len(self.cols):
            x0, x1 = self.cols[self.i]
            lines = wrap(text, x1 - x0, size, weight, style)
            h = block_height(len(lines), size)
            if self.y - h - keep >= self.bottom:
                self.page.block(x0, self.y, lines, (x0, self.bottom, x1, self.top), size, weight=weight,
                                style=style, color=color)
                self.y -= h + space
                return True
            self.i, self.y = self.i + 1, self.top
        self.dropped += 1
        return False

    def heading(self, text: str) -> None:
        self.write(text, size=11, weight="bold", space=0.08, keep=block_height(2, _SIZE))


def plot_legend(jm: JourneyMap, lang: str | None = None, *, figsize: tuple[float, float] = A3_LANDSCAPE) -> Figure:
    """The legend page: definitions, lane sources, symbols, the sample per persona, the sentences
    without a phase and the map's notes (``+N more`` when they do not all fit)."""
    lang = lang or jm.lang
    page = Page(figsize)
    W, H = figsize
    box = (0.3, 0.2, W - 0.3, H - 0.2)
    status = status_line(jm)
    page.text(W - 0.3, H - 0.3, status, box, fontsize=SMALL + 1.5, weight="bold", ha="right", va="top",
              color="#b2182b" if jm.status == "draft" else "#1a7f37")
    title = f"{t('legend_title', lang)} — {jm.name}"
    top = H - 0.3 - page.para(0.3, H - 0.3, title, W - 0.9 - text_width(status, SMALL + 1.5, "bold"), box, 14,
                              max_lines=2, weight="bold") - 0.2
    cols = _Columns(page, 0.3, W - 0.3, top, 0.5)
    cols.heading(t("lanes_title", lang) + " — " + t("sources_title", lang))
    for lane in ("header", "steps", "actions", "touchpoints", "needs", "quotes", "emotion", "opportunities",
                 "metrics", "backstage"):
        cols.write("• " + t(f"src_{lane}", lang))
    cols.y -= 0.1
    cols.heading(t("metrics_title", lang))
    for d in definitions(jm, shared=len(jm.persona_keys) > 1):
        cols.write("• " + d)
    cols.y -= 0.1
    cols.heading(t("symbols_title", lang))
    for key in ("sym_more", "sym_disagree"):
        cols.write("• " + t(key, lang))
    cols.y -= 0.1
    cols.heading(t("samples_title", lang))
    for key in jm.persona_keys:
        b = persona_block(jm, key)
        extra = f" · {b['stability']}" if b["stability"] else ""
        cols.write(f"{b['name']}: {b['counts']}{extra}", weight="bold" if key == EVERYONE else "normal")
    notes = list(jm.notes)
    if notes:
        cols.y -= 0.1
        cols.heading(L.text("sum_notes", lang))
        for n in notes:
            cols.write("• " + n, color=GREY)
    unplaced = unplaced_items(jm)
    if unplaced:
        cols.y -= 0.1
        cols.heading(L.text("unplaced", lang))
        for u in unplaced:
            cols.write(f"{u['label']}: “{u['text']}” — {u['who']}", size=SMALL + 0.5, style="italic", space=0.03)
    if cols.dropped:
        page.text(W - 0.3, 0.25, t("more", lang, n=cols.dropped), box, fontsize=SMALL, weight="bold", color=GREY,
                  ha="right", va="bottom")
    return page.fig


def save_book(jm: JourneyMap, path: str | Path, *, lang: str | None = None, figures=None) -> Path:
    """Write the PDF: everyone's map, each persona's map and the legend page (A3 landscape).

    ``figures``: those pages already drawn (in that order), else they are drawn here.
    Reproducible: no creation date, fonts embedded as TrueType (text stays editable)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    path = Path(path)
    if figures is None:
        figures = [plot_journey_map(jm, key, lang) for key in jm.persona_keys] + [plot_legend(jm, lang)]
    with (atomic_path(path) as tmp, matplotlib.rc_context(RC), quiet_glyphs(),
          PdfPages(tmp, metadata={"CreationDate": None}) as pdf):
        for fig in figures:  # never a half-written PDF under the real name
            pdf.savefig(fig)
    return path
