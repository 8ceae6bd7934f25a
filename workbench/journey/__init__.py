"""The journey map: per persona and phase, the touchpoints, actions, needs and pain points
(grouped into themes), emotion curve, quotes, opportunities and metrics — every cell with its
evidence.

>>> from workbench.journey import build_journey_map          # doctest: +SKIP
>>> jm = build_journey_map(study, doc_tags, tags, personas=result.assignments)  # doctest: +SKIP
>>> jm.cells.head()                                          # doctest: +SKIP
"""

from .assemble import CELL_COLUMNS, EVERYONE, JourneyMap, build_journey_map
from .labels import LANES
from .metrics import funnel_metrics, nps, survey_metrics
from .themes import Themes, find_themes
from .waves import compare_maps, plot_wave_comparison

__all__ = [
    "CELL_COLUMNS",
    "EVERYONE",
    "LANES",
    "JourneyMap",
    "JourneyMapView",
    "Themes",
    "build_journey_map",
    "compare_maps",
    "find_themes",
    "funnel_metrics",
    "nps",
    "plot_wave_comparison",
    "survey_metrics",
]


def __getattr__(name: str):
    # The widget imports ipywidgets: load it only when asked for.
    if name == "JourneyMapView":
        from .view import JourneyMapView

        return JourneyMapView
    raise AttributeError(name)
