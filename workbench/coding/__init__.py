"""Qualitative coding: codebook, study store, review widget and code reports.

- :mod:`.codebook`: :class:`Code`, :class:`Codebook`, :func:`default_codebook`
- :mod:`.store`: :class:`Store`, the study's SQLite file of decisions
- :mod:`.queue` / :mod:`.review`: :class:`ReviewQueue` and the :class:`ReviewWidget` view
- :mod:`.reports`: code frequencies and co-occurrence, with heatmaps
"""

from .codebook import CSV_COLUMNS, PALETTE, Code, Codebook, code_for_tag, default_codebook
from .reports import code_frequencies, cooccurrence, plot_code_frequencies, plot_cooccurrence
from .review import ReviewQueue, ReviewWidget, highlight_html, tokenize
from .store import MEMOS, OPPORTUNITIES, SCHEMA_VERSION, Store

__all__ = [
    "Code",
    "Codebook",
    "CSV_COLUMNS",
    "PALETTE",
    "code_for_tag",
    "default_codebook",
    "Store",
    "SCHEMA_VERSION",
    "MEMOS",
    "OPPORTUNITIES",
    "ReviewQueue",
    "ReviewWidget",
    "highlight_html",
    "tokenize",
    "code_frequencies",
    "cooccurrence",
    "plot_code_frequencies",
    "plot_cooccurrence",
]
