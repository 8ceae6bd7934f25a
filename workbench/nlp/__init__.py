"""Tagging with spaCy: pain points, needs, touchpoints, emotion and journey phase (nl, en).

>>> from workbench.nlp import tag_texts
>>> tag_texts(["The checkout kept crashing, so frustrating!"], lang="en")[["pain_point", "touchpoints"]].values.tolist()
[[1, 'checkout']]
"""

from __future__ import annotations

from .components import JourneyCues, JourneyLemmatizer, JourneySentencizer, cue_spans
from .evaluate import evaluate, read_eval_file
from .langid import detect_language
from .phase import JourneyPhase
from .pipeline import clear_cache, make_pipeline
from .resolve import JourneyNegation
from .resources import load_patterns, load_touchpoints, read_pattern_file, touchpoint_ids
from .tagger import tag_documents, tag_texts

__all__ = [
    "tag_texts",
    "tag_documents",
    "make_pipeline",
    "clear_cache",
    "evaluate",
    "read_eval_file",
    "detect_language",
    "load_patterns",
    "read_pattern_file",
    "load_touchpoints",
    "touchpoint_ids",
    "cue_spans",
    "JourneyCues",
    "JourneyNegation",
    "JourneyPhase",
    "JourneySentencizer",
    "JourneyLemmatizer",
]
