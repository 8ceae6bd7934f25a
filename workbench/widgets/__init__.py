"""ipywidgets views over the library: thin shells that call the same functions a script would."""

from .loader import StudyLoader

__all__ = ["StudyLoader"]
