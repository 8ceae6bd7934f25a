"""Build (and cache) the tagging pipeline for a language and a phase model."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from ..errors import ModelError
from ..phases import PhaseModel, load_phase_model
from . import components, lexicon, phase, resolve  # noqa: F401  (registers the factories)
from .resources import load_patterns

__all__ = ["make_pipeline", "clear_cache", "study_patterns", "SUPPORTED_LANGS"]

SUPPORTED_LANGS = ("nl", "en")
OUR_COMPONENTS = ("journey_cues", "journey_lexicon", "journey_negation", "journey_phase")
_CACHE: dict[tuple, Language] = {}


def _model_key(model: PhaseModel) -> str:
    return repr(model)


def clear_cache() -> None:
    """Forget the pipelines built so far in this process."""
    _CACHE.clear()


def make_pipeline(
    lang: str,
    phase_model: str | dict | PhaseModel = "klassiek-5",
    pipeline: str | None = None,
    *,
    extra_patterns: list[str | Path] | tuple = (),
    lemmas: bool = False,
    spans: bool = True,
) -> Language:
    """Return the tagging pipeline for ``lang``, built once per process and arguments.

    Parameters
    ----------
    lang : {'nl', 'en'}
        Language of the texts.
    phase_model : str, dict or PhaseModel
        Shipped phase model id, TOML path, ``[phase_model]`` mapping or a loaded model.
    pipeline : str, optional
        Name of a trained spaCy pipeline (``nl_core_news_sm``). Used only when installed;
        otherwise the blank pipeline is built (no download is ever attempted).
    extra_patterns : list of paths
        More JSONL cue pattern files (a study's own cues).
    lemmas : bool
        Add ``journey_lemmatizer`` so every token gets its lookup lemma. The tagger itself does
        not need it: ``journey_cues`` looks up lemmas only for patterns that use ``LEMMA``.
    spans : bool
        Write the tags as spans to ``doc.spans["journey"]``. :func:`~workbench.nlp.tag_texts`
        reads the plain rows of ``doc._.journey_tags`` and builds its pipeline without them.

    Returns
    -------
    spacy.language.Language
        ``journey_sentencizer`` (or the trained parser/senter), optionally ``journey_lemmatizer``,
        ``journey_cues``, ``journey_lexicon``, ``journey_negation``, ``journey_phase``.
        Built in well under a second once the language's tables are loaded (they are cached
        per process).

    Examples
    --------
    >>> nlp = make_pipeline("nl")
    >>> nlp.pipe_names
    ['journey_sentencizer', 'journey_cues', 'journey_lexicon', 'journey_negation', 'journey_phase']
    """
    if lang not in SUPPORTED_LANGS:
        raise ModelError(f"unsupported language '{lang}'", key="lang", hint="Use 'nl', 'en' or 'auto'.")
    model = load_phase_model(phase_model)
    installed = pipeline if pipeline and spacy.util.is_package(pipeline) else None
    extra = tuple(str(p) for p in extra_patterns)
    key = (lang, _model_key(model), installed, extra, bool(lemmas), bool(spans))
    if key not in _CACHE:
        _CACHE[key] = _build(lang, model, installed, extra, bool(lemmas), bool(spans))
    return _CACHE[key]


def _build(lang: str, model: PhaseModel, installed: str | None, extra: tuple[str, ...], lemmas: bool,
           spans: bool) -> Language:
    if installed:
        nlp = spacy.load(installed)
        if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
            nlp.add_pipe("journey_sentencizer", first=True)
        if "lemmatizer" not in nlp.pipe_names:
            nlp.add_pipe("journey_lemmatizer").initialize(nlp=nlp)
    else:
        nlp = spacy.blank(lang)
        nlp.add_pipe("journey_sentencizer")
        if lemmas:
            nlp.add_pipe("journey_lemmatizer")
    # the raw cues travel to journey_negation in the run cache; no separate span group (speed)
    nlp.add_pipe("journey_cues", config={"extra_patterns": list(extra), "spans_key": ""})
    nlp.add_pipe("journey_lexicon", config={"spans_key": ""})
    key = "journey" if spans else ""
    nlp.add_pipe("journey_negation", config={"spans_key": key})
    stage = nlp.add_pipe("journey_phase", config={"spans_key": key})
    if installed:
        nlp.get_pipe("journey_cues").initialize(nlp=nlp)
    else:
        nlp.initialize()
    if model.detected_touchpoints is not None or model.touchpoint_words:
        nlp.get_pipe("journey_cues").initialize(nlp=nlp, patterns=study_patterns(lang, model, extra))
    stage.set_phase_model(model)
    return nlp


def study_patterns(lang: str, model: PhaseModel, extra: tuple[str, ...] = ()) -> list[dict]:
    """The cue patterns of ``lang`` for a study's phase model: the touchpoint patterns of only the
    touchpoints it detects (:attr:`PhaseModel.detected_touchpoints`), plus the words of the
    study's own touchpoints (``[touchpoints.<id>] words``); a word the study gives one touchpoint is no
    longer the cue of another catalogue touchpoint."""
    detected = model.detected_touchpoints
    # a word the study gives its own touchpoint is that touchpoint's, not the catalogue's: 'courier' of a
    # study's [touchpoints.courier] no longer also names the catalogue's delivery (which took the hit)
    own = {w.lower(): tid for tid, words in model.touchpoint_words.items() for w in words.get(lang, ())}
    out = [p for p in load_patterns(lang, extra) if not p["label"].startswith("touchpoint:") or (
        (detected is None or p["label"][len("touchpoint:"):] in detected)
        and own.get(p["pattern"].lower() if isinstance(p["pattern"], str) else None,
                    p["label"][len("touchpoint:"):]) == p["label"][len("touchpoint:"):])]
    for tid, words in model.touchpoint_words.items():
        out.extend({"label": f"touchpoint:{tid}", "pattern": w, "id": f"study.touchpoint.{tid}.{k + 1:03d}"}
                   for k, w in enumerate(words.get(lang, ())))
    return out
