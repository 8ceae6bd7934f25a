"""Data-driven personas: features, clustering with a stated k criterion, bootstrap stability,
persona cards with evidence, exports and an explorer widget.

>>> from workbench.personas import fit_personas            # doctest: +SKIP
>>> result = fit_personas(study, doc_tags=doc_tags)        # doctest: +SKIP
>>> result.table()                                         # doctest: +SKIP
>>> result.save("out/personas")                            # doctest: +SKIP
"""

from .cards import PersonaCard, Quote, build_cards, csat_scores, effect_sizes, nps_score, persona_key
from .clusterer import ALGORITHMS, PersonaClusterer
from .export import cards_to_html, cards_to_markdown
from .features import (
    DEFAULT_WEIGHTS,
    FEATURE_KINDS,
    FeatureMatrix,
    build_features,
    features_for_participants,
    text_features,
)
from .naming import generate_name
from .plots import plot_k_selection, plot_persona_card, plot_projection
from .result import PersonaResult, fit_personas
from .stability import StabilityReport, bootstrap_stability, verdict

__all__ = [
    "ALGORITHMS",
    "DEFAULT_WEIGHTS",
    "FEATURE_KINDS",
    "FeatureMatrix",
    "PersonaCard",
    "PersonaClusterer",
    "PersonaExplorer",
    "PersonaResult",
    "Quote",
    "StabilityReport",
    "bootstrap_stability",
    "build_cards",
    "build_features",
    "cards_to_html",
    "cards_to_markdown",
    "csat_scores",
    "effect_sizes",
    "features_for_participants",
    "fit_personas",
    "generate_name",
    "nps_score",
    "persona_key",
    "plot_k_selection",
    "plot_persona_card",
    "plot_projection",
    "text_features",
    "verdict",
]


def __getattr__(name: str):
    # The widget imports ipywidgets: load it only when asked for.
    if name == "PersonaExplorer":
        from .explorer import PersonaExplorer

        return PersonaExplorer
    raise AttributeError(name)
