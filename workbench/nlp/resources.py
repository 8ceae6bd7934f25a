"""The tagger's data: cue pattern files, negation/intensifier word lists, touchpoint catalogue.

Pattern files are JSONL in spaCy's ``SpanRuler`` shape, one pattern a line::

    {"label": "pain_point:delay", "pattern": [{"LOWER": "duurde"}, ...], "id": "pain.nl.001"}

The label is ``<tag label>:<value>``: the tag label (``pain_point``, ``need``, ``emotion``,
``touchpoint``) and its value (the cue class, the polarity or the touchpoint id). ``pattern`` is
a token pattern (a list, for LOWER/LEMMA/REGEX forms) or a phrase (a string, matched on the
lower-cased text). A study can add its own file in the same shape (``extra_patterns=[path]``).
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import FormatError, ModelError
from ..schema import TAG_LABELS

__all__ = [
    "PATTERN_FILES",
    "pattern_dir",
    "load_patterns",
    "read_pattern_file",
    "load_modifiers",
    "lemma_table",
    "MODIFIER_KEYS",
    "load_touchpoints",
    "touchpoint_ids",
    "split_label",
]

PATTERN_FILES = ("pain", "need", "emotion", "touchpoint", "context")
MODIFIER_KEYS = (
    "negators",  # before a cue (same clause): drops a pain point/need, flips an emotion
    "prepositional_negators",  # 'zonder', 'without': negate their own object, not a predicate after a verb
    "intensifiers",  # in or just before a cue: raise its score; skipped inside a cue when matching
    "hedges",  # in or just before a cue: lower its score; skipped inside a cue when matching
    "fillers",  # modal particles, skipped inside a cue when matching (no effect on the score)
    "boundaries",  # clause boundaries: negation and scope never reach across them
    "contrast",  # 'maar', 'but': what follows weighs more in the sentiment
    "hypothetical",  # 'als', 'if' ...: pain points and emotions after it are not experienced
    "lack",  # after 'jammer dat' (or before it): the regret is also a pain point
    "home",  # 'hier', 'here', 'jullie': the talk is back at the company studied (ends a story about another one)
    "limitation",  # 'alleen', 'only': a limitation judged negatively also implies a wish (a need)
    "first_person",  # 'ik', 'mijn', 'I', 'my': a question with them reports the speaker's own case
    "second_person",  # 'u', 'je', 'you': a question with them asks about the listener's experience
    "complaint_questions",  # 'waarom', 'why', 'how come': a question with them is a complaint
    "excess",  # 'te', 'too' before a gradable word that is not positive: a pain point ('te duur')
    "counterfactual",  # 'was', 'zou', 'would': with a 'perfect' word in the clause an emotion is hindsight
    "perfect",  # 'geweest', 'have': ('dan was ik niet zo boos geweest' implies I was angry)
    "sarcasm",  # 'yeah right', '🙄': positive words in the sentence are meant negatively
    "sarcasm_weak",  # 'ja hoor', 'sure thing': the same, but only in a sentence with a complaint
    "question_open",  # words a question asking for something opens with ('hoe', 'kan', 'how', 'can')
    "imperatives",  # a need cue opening with one ('geef', 'fix') is a request only at the start of its clause
    "imperative_time",  # after a sentence-opening imperative (or one word later): an adverb of time ('Pas de volgende ochtend …')
    "never",  # 'nooit', 'never' followed by a 'so' word intensify: 'nog nooit zo slecht' is very bad
    "so",  # 'zo', 'so', 'such'
    "comparative",  # 'meer', 'more': "couldn't have been more helpful" is praise, not hindsight
    # negations that are no complaint (see JourneyNegation._plain_negators)
    "indifference",  # importance, need, hurry: 'niet het belangrijkste', 'hoef niet', "doesn't matter"
    "cognition",  # the speaker's knowing, remembering, saying: 'weet ik niet meer', "I can't say"
    "cognition_block",  # 'did': "I didn't know there was a fee" is a pain point
    "activity",  # the speaker's neutral activity or perception: 'niet vergeleken', "didn't compare"
    "modal_block",  # ability, obligation, conditional: 'kon niet bestellen' stays a pain point
    "determiner_negators",  # 'geen', 'no': 'ik zag geen knop' stays a pain point
    "auxiliaries",  # may open a subjectless clause ('had er nooit iets gekocht')
    "answer_words",  # an answer that only says no: 'Nee, niet echt.'
    "third_person",  # someone else does it: 'ze hebben het niet gelezen' stays a pain point
    "wh_words",  # 'welke', 'who': a short question with one, a negator and no I or you is rhetorical
    "past_questions",  # 'vond', 'did': a question to "you" with one asks about an experience, not for something
    "discourse_markers",  # 'well', 'goed', 'prima' opening a turn or clause before a comma: no evaluation
    "discourse_lead",  # 'ja', 'maar', 'oh', 'and': may stand before a discourse marker ('Ja goed, …', 'Oh well, …')
    "concessive",  # 'al', 'although' after 'Prima,': the praise is a concession, meant
)


def pattern_dir(lang: str) -> Path:
    """The folder holding the shipped pattern files of a language."""
    return Path(str(resources.files("workbench") / "data" / "patterns" / lang))


def split_label(label: str) -> tuple[str, str]:
    """Split a ruler label ``'pain_point:delay'`` into ``('pain_point', 'delay')``."""
    tag, _, value = label.partition(":")
    return tag, value


def read_pattern_file(path: str | Path) -> list[dict]:
    """Read and check one JSONL pattern file.

    Raises
    ------
    FormatError
        For a line that is not JSON, lacks ``label``/``pattern``, or has an unknown tag label.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"cannot read pattern file: {exc}", path=path) from exc
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"not a JSON object: {exc.msg}",
                path=path,
                line=n,
                hint='Write one pattern a line: {"label": "need:wish", "pattern": "i wish", "id": "my.001"}.',
            ) from exc
        if not isinstance(item, dict) or "label" not in item or "pattern" not in item:
            raise FormatError("a pattern needs 'label' and 'pattern'", path=path, line=n)
        tag, value = split_label(str(item["label"]))
        if tag not in TAG_LABELS + ("context",) or not value:
            raise FormatError(
                f"unknown label '{item['label']}'",
                path=path,
                line=n,
                hint=f"Use '<label>:<value>' with a label from {', '.join(TAG_LABELS)}.",
            )
        if not isinstance(item["pattern"], (str, list)):
            raise FormatError("'pattern' must be a string or a list of token dicts", path=path, line=n)
        pattern = {"label": item["label"], "pattern": item["pattern"]}
        pattern["id"] = str(item.get("id") or f"{path.stem}.{n:03d}")
        out.append(pattern)
    return out


@lru_cache(maxsize=8)
def _shipped(lang: str) -> tuple[dict, ...]:
    folder = pattern_dir(lang)
    if not folder.is_dir():
        raise ModelError(
            f"no cue patterns for language '{lang}'",
            hint="Shipped languages are nl and en; pass patterns= or extra_patterns= for others.",
        )
    out: list[dict] = []
    for name in PATTERN_FILES:
        out.extend(read_pattern_file(folder / f"{name}.jsonl"))
    return tuple(out)


def load_patterns(lang: str, extra: list[str | Path] | tuple = ()) -> list[dict]:
    """The shipped patterns of ``lang`` followed by those in the ``extra`` files."""
    out = [dict(p) for p in _shipped(lang)]
    for path in extra:
        out.extend(read_pattern_file(path))
    return out


@lru_cache(maxsize=8)
def load_modifiers(lang: str) -> dict[str, frozenset[str]]:
    """Negators, intensifiers, clause boundaries, hypothetical and lack markers of a language."""
    path = pattern_dir(lang) / "modifiers.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, json.JSONDecodeError) as exc:
        raise FormatError(f"cannot read modifiers: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise FormatError("modifiers must be a JSON object of word lists", path=path)
    out = {key: frozenset() for key in MODIFIER_KEYS}
    for key, words in data.items():
        if key.startswith("_"):
            continue  # comments
        if key not in MODIFIER_KEYS or not isinstance(words, list):
            raise FormatError(f"unknown modifier list '{key}'", path=path, key=key,
                              hint=f"Use lists named {', '.join(MODIFIER_KEYS)}.")
        out[key] = frozenset(str(w).lower() for w in words)
    return out


@lru_cache(maxsize=4)
def lemma_table(lang: str) -> dict[str, str]:
    """The ``lemma_lookup`` table of spacy-lookups-data for ``lang`` (word form -> lemma), read once.

    The same data spaCy's ``lemmatizer`` uses in ``lookup`` mode, read as a plain dict (building
    spaCy's hashed ``Table`` takes seconds for Dutch). Empty when the package has no table.
    """
    from spacy.util import load_language_data, registry

    try:
        files = registry.lookups.get(lang)
    except Exception:  # noqa: BLE001 - catalogue raises its own RegistryError for unknown languages
        return {}
    if "lemma_lookup" not in files:
        return {}
    return dict(load_language_data(files["lemma_lookup"]))


@lru_cache(maxsize=1)
def load_touchpoints() -> tuple[dict, ...]:
    """The touchpoint catalogue (``data/touchpoints.toml``): dicts with id, name, description."""
    text = (resources.files("workbench") / "data" / "touchpoints.toml").read_text(encoding="utf-8")
    return tuple(tomllib.loads(text)["touchpoints"])


def touchpoint_ids() -> list[str]:
    """The touchpoint ids, in catalogue order."""
    return [t["id"] for t in load_touchpoints()]
