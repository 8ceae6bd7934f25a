"""Renderers of a :class:`~workbench.journey.JourneyMap`: figure (PNG/SVG), the PDF book, HTML,
XLSX, Markdown.

Every renderer treats the study's text as hostile: HTML-escaped, formula-neutralised in
spreadsheets, Markdown-escaped, and drawn without math parsing in figures.
"""

from .book import plot_legend, save_book
from .figure import A3_LANDSCAPE, ALL_LANES, plot_journey_map, save_figure
from .html import to_html
from .markdown import md_escape, to_markdown
from .xlsx import to_xlsx

__all__ = ["A3_LANDSCAPE", "ALL_LANES", "plot_journey_map", "plot_legend", "save_book", "save_figure", "to_html",
           "to_xlsx", "to_markdown", "md_escape"]
