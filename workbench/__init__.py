"""Journey Workbench: from interview transcripts and survey exports to personas and an
evidence-backed customer-journey map, in Dutch and English.

The public API is re-exported here once; see the README for the workflow.
"""

from __future__ import annotations

__version__ = "0.1.0"

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
from .phases import PhaseModel, load_phase_model, phase_model_ids  # noqa: E402

__all__ = [
    "__version__",
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
    "PhaseModel",
    "load_phase_model",
    "phase_model_ids",
]
