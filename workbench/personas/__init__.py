"""Data-driven personas: features where every question weighs the same, latent class analysis
(or k-means, Ward, GMM, HDBSCAN) with an honest choice of k, bootstrap stability, persona cards
with evidence in the study's language, exports, an explorer widget, and planted surveys to test
it all on.

>>> from workbench.personas import fit_personas            # doctest: +SKIP
>>> result = fit_personas(study, doc_tags=doc_tags)        # doctest: +SKIP
>>> result.table()                                         # doctest: +SKIP
>>> result.save("out/personas")                            # doctest: +SKIP
"""

from .cards import PersonaCard, Quote, build_cards, csat_scores, effect_sizes, nps_score, persona_key
from .clusterer import ALGORITHMS, PersonaClusterer, default_min_size
from .export import cards_to_html, cards_to_markdown
from .facts import card_facts
from .features import (
    DEFAULT_WEIGHTS,
    FEATURE_KINDS,
    SURVEY_KINDS,
    FeatureMatrix,
    build_features,
    features_for_participants,
    text_features,
)
from .naming import generate_name
from .plots import plot_k_selection, plot_persona_card, plot_projection
from .result import MIN_RESPONDENTS, PersonaResult, auto_n_boot, fit_personas
from .simulate import PlantedSurvey, make_survey
from .stability import StabilityReport, bootstrap_stability, verdict, verdict_label

__all__ = [
    "ALGORITHMS",
    "DEFAULT_WEIGHTS",
    "FEATURE_KINDS",
    "MIN_RESPONDENTS",
    "SURVEY_KINDS",
    "FeatureMatrix",
    "PersonaCard",
    "PersonaClusterer",
    "PersonaExplorer",
    "PersonaResult",
    "PlantedSurvey",
    "Quote",
    "StabilityReport",
    "auto_n_boot",
    "bootstrap_stability",
    "build_cards",
    "build_features",
    "card_facts",
    "cards_to_html",
    "cards_to_markdown",
    "csat_scores",
    "default_min_size",
    "effect_sizes",
    "features_for_participants",
    "fit_personas",
    "generate_name",
    "make_survey",
    "nps_score",
    "persona_key",
    "plot_k_selection",
    "plot_persona_card",
    "plot_projection",
    "text_features",
    "verdict",
    "verdict_label",
]


def __getattr__(name: str):
    # The widget imports ipywidgets: load it only when asked for.
    if name == "PersonaExplorer":
        from .explorer import PersonaExplorer

        return PersonaExplorer
    raise AttributeError(name)
