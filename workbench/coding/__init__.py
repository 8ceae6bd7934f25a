"""Qualitative coding: codebook, study store, review widget and code reports.

- :mod:`.codebook`: :class:`Code`, :class:`Codebook`, :func:`default_codebook`
- :mod:`.store`: :class:`Store`, the study's SQLite file of decisions
- :mod:`.queue` / :mod:`.review`: :class:`ReviewQueue` and the :class:`ReviewWidget` view
- :mod:`.reports`: code frequencies and co-occurrence, with heatmaps
- :mod:`.agreement`: percent agreement, Cohen's kappa, Krippendorff's alpha
- :mod:`.learn`: a text classifier trained on the researcher's decisions (spaCy textcat)
"""

from .agreement import agreement_report, cohen_kappa, krippendorff_alpha, percent_agreement
from .codebook import CSV_COLUMNS, PALETTE, Code, Codebook, code_for_tag, default_codebook
from .learn import (
    CodeModel,
    cross_validate,
    load_model,
    predict,
    rescore_suggestions,
    save_model,
    train_from_store,
    train_model,
)
from .reports import code_frequencies, cooccurrence, plot_code_frequencies, plot_cooccurrence
from .review import ReviewQueue, ReviewWidget, highlight_html, tokenize
from .store import BACKSTAGE, CASES, KPIS, MEMOS, OPPORTUNITIES, SCHEMA_VERSION, VARIABLES, Store

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
    "CASES",
    "VARIABLES",
    "OPPORTUNITIES",
    "BACKSTAGE",
    "KPIS",
    "ReviewQueue",
    "ReviewWidget",
    "highlight_html",
    "tokenize",
    "code_frequencies",
    "cooccurrence",
    "plot_code_frequencies",
    "plot_cooccurrence",
    "agreement_report",
    "percent_agreement",
    "cohen_kappa",
    "krippendorff_alpha",
    "CodeModel",
    "train_model",
    "train_from_store",
    "predict",
    "save_model",
    "load_model",
    "rescore_suggestions",
    "cross_validate",
]
