"""Journey Workbench: from interview transcripts and survey exports to personas and an
evidence-backed customer-journey map, in Dutch and English.

The public API is re-exported here once. Stages that import heavy libraries (spaCy,
scikit-learn, matplotlib) are imported on first use, so ``import workbench`` stays fast.

>>> import workbench
>>> study = workbench.load_study("surveys/webshop-nl")          # doctest: +SKIP
>>> doc_tags = workbench.tag_texts(["De bezorging was te laat."], lang="nl")   # doctest: +SKIP
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

from .config import StudyConfig, read_config  # noqa: E402
from .errors import (  # noqa: E402
    DecodeError,
    DuplicateIdError,
    EmptyFileError,
    FormatError,
    ModelError,
    QdpxError,
    StoreError,
    StudyConfigError,
    SurveyError,
    TranscriptError,
    WorkbenchError,
)
from .io.surveys import Survey, parse_survey, read_survey  # noqa: E402
from .io.transcripts import Transcript, parse_transcript, read_transcript  # noqa: E402
from .phases import PhaseModel, load_phase_model, phase_model_ids  # noqa: E402
from .privacy import scrub  # noqa: E402
from .study import Study, copy_study, load_study, new_study  # noqa: E402

# name -> module that defines it; imported on first attribute access (PEP 562).
_LAZY = {
    "tag_texts": "workbench.nlp",
    "tag_documents": "workbench.nlp",
    "make_pipeline": "workbench.nlp",
    "evaluate": "workbench.nlp",
    "Codebook": "workbench.coding",
    "default_codebook": "workbench.coding",
    "Store": "workbench.coding",
    "ReviewWidget": "workbench.coding",
    "PersonaClusterer": "workbench.personas",
    "fit_personas": "workbench.personas",
    "build_features": "workbench.personas",
    "PersonaExplorer": "workbench.personas",
    "JourneyMap": "workbench.journey",
    "build_journey_map": "workbench.journey",
    "compare_maps": "workbench.journey",
    "JourneyMapView": "workbench.journey",
    "run_study": "workbench.pipeline",
    "find_themes": "workbench.themes",
    "ThemeResult": "workbench.themes",
    "StudyLoader": "workbench.widgets",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    # errors
    "WorkbenchError",
    "StudyConfigError",
    "FormatError",
    "EmptyFileError",
    "DecodeError",
    "TranscriptError",
    "SurveyError",
    "DuplicateIdError",
    "StoreError",
    "QdpxError",
    "ModelError",
    # load
    "StudyConfig",
    "read_config",
    "Study",
    "load_study",
    "new_study",
    "copy_study",
    "Transcript",
    "parse_transcript",
    "read_transcript",
    "Survey",
    "parse_survey",
    "read_survey",
    "PhaseModel",
    "load_phase_model",
    "phase_model_ids",
    "scrub",
    *_LAZY,
]
