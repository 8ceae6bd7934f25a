"""Journey phase models: the five shipped ones (``data/phases/*.toml``) and custom ones.

A phase model is an ordered list of phases, each with a name per language, cue words per
language (used by the tagger to place a sentence in a phase), weak cue words (words that often
mean the phase but as often mean something else — "zag", "hoorde", "again": they place a
sentence only when nothing else around it does) and the touchpoints that belong to it by
default. A study picks a shipped model by id in ``study.toml`` (``phase_model =
"klassiek-5"``) or defines its own in a ``[phase_model]`` table with the same shape as the files.

>>> model = load_phase_model("klassiek-5")
>>> [p.id for p in model.phases]
['awareness', 'consideration', 'decision', 'purchase', 'use_evaluation']
>>> model.label("purchase", "nl")
'Aankoop'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import StudyConfigError

__all__ = ["Phase", "PhaseModel", "load_phase_model", "phase_model_ids", "LANGUAGES", "UNIVERSAL_TOUCHPOINTS"]

LANGUAGES = ("nl", "en")
#: Channels of every domain: a study's own phase model detects these also where it does not list them (an
#: account or portal, a bill, a help centre and a search engine come with every service: energy, insurance,
#: telecom, software alike).
UNIVERSAL_TOUCHPOINTS = frozenset({"phone", "email", "chat", "website", "app", "customer_service", "social_media",
                                   "letter", "account", "invoice", "manual", "search_engine"})


@dataclass(frozen=True)
class Phase:
    """One phase: ``id`` (snake_case), names, cue words and weak cue words per language, default
    touchpoints, and optional steps within the phase per language (shown on the map under the
    phase's name)."""

    id: str
    names: dict[str, str]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weak_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    touchpoints: tuple[str, ...] = ()
    steps: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.id

    def step_names(self, lang: str = "en") -> tuple[str, ...]:
        """The phase's steps in a language (the English ones, or any, when it has none)."""
        return self.steps.get(lang) or self.steps.get("en") or next(iter(self.steps.values()), ())


@dataclass(frozen=True)
class PhaseModel:
    """An ordered list of phases."""

    id: str
    names: dict[str, str]
    phases: tuple[Phase, ...]
    #: a shipped model, its cue words vetted; a researcher's own model's one-word verb cues need their sense
    #: context (:class:`workbench.nlp.phase.JourneyPhase`)
    curated: bool = False
    #: a shipped model (``data/phases``): it detects every touchpoint of the catalogue
    shipped: bool = False
    #: the study's own touchpoints (``[touchpoints.<id>]`` in study.toml): id -> language -> words,
    #: and id -> language -> display name; a catalogue id here gets these words beside its own
    touchpoint_words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    touchpoint_names: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.phases]

    @property
    def declared_touchpoints(self) -> frozenset[str]:
        """The touchpoint ids the phases list."""
        return frozenset(tp for p in self.phases for tp in p.touchpoints)

    @property
    def detected_touchpoints(self) -> frozenset[str] | None:
        """The touchpoint ids the tagger looks for, or ``None`` for the whole catalogue.

        A shipped model, or one that lists no touchpoints, detects the whole catalogue. A study's
        own model describes its own domain: it detects the touchpoints its phases list, the ones
        the study defines, and the channels of every domain (:data:`UNIVERSAL_TOUCHPOINTS`) — so
        a webshop word ('pakket' as a parcel, 'loket' as a shop counter) names nothing in an
        insurer's study that never declared delivery or a store.
        """
        declared = self.declared_touchpoints
        if self.shipped or not declared:
            return None
        return declared | frozenset(self.touchpoint_words) | UNIVERSAL_TOUCHPOINTS

    def with_touchpoints(self, words: dict[str, dict[str, tuple[str, ...]]],
                         names: dict[str, dict[str, str]]) -> PhaseModel:
        """This model with the study's own touchpoints (see :attr:`touchpoint_words`)."""
        return replace(self, touchpoint_words=dict(words), touchpoint_names=dict(names))

    def __len__(self) -> int:
        return len(self.phases)

    def __iter__(self):
        return iter(self.phases)

    def __getitem__(self, phase_id: str) -> Phase:
        for p in self.phases:
            if p.id == phase_id:
                return p
        raise KeyError(phase_id)

    def label(self, phase_id: str, lang: str = "en") -> str:
        """The display name of a phase in a language."""
        return self[phase_id].name(lang)

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names.get("en") or self.id

    def index(self, phase_id: str) -> int:
        return self.ids.index(phase_id)


def phase_model_ids() -> list[str]:
    """The ids of the shipped phase models."""
    folder = resources.files("workbench") / "data" / "phases"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def _names(value: Any, where: str, path) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value, "nl": value}
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    raise StudyConfigError(
        "a name must be a string or a table of names per language",
        path=path,
        key=where,
        hint='Write e.g. name = { nl = "Aankoop", en = "Purchase" }.',
    )


def _steps(value: Any, where: str, path) -> dict[str, tuple[str, ...]]:
    """Steps as a list (the same in every language) or a table of lists per language."""
    if isinstance(value, list):
        value = {lang: value for lang in LANGUAGES}
    if not isinstance(value, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v) for v in value.values()):
        raise StudyConfigError(
            "steps must be a list of names, or a table of lists per language",
            path=path,
            key=where,
            hint='Write steps = ["Winkelmandje", "Betalen"] or steps.nl = [...] and steps.en = [...].',
        )
    return {lang: tuple(x.strip() for x in v) for lang, v in value.items()}


def _cue_table(cues: Any, where: str, path) -> dict[str, tuple[str, ...]]:
    """Cue words per language (``cues`` or ``weak_cues`` of a phase)."""
    if not isinstance(cues, dict) or not all(isinstance(v, list) for v in cues.values()):
        raise StudyConfigError(
            "cues must be a table of word lists per language",
            path=path,
            key=where,
            hint='Write cues.nl = ["besteld", …] and cues.en = ["ordered", …].',
        )
    return {lang: tuple(str(w) for w in words) for lang, words in cues.items()}


def _from_mapping(data: dict, path=None, prefix: str = "") -> PhaseModel:
    known = {"id", "name", "phases"}
    for key in data:
        if key not in known:
            raise StudyConfigError(
                f"unknown key '{key}' in phase model",
                path=path,
                key=prefix + key,
                hint=f"A phase model has the keys {sorted(known)}.",
            )
    raw_phases = data.get("phases")
    if not isinstance(raw_phases, list) or not raw_phases:
        raise StudyConfigError(
            "a phase model needs a non-empty list of phases",
            path=path,
            key=prefix + "phases",
            hint='Add [[phase_model.phases]] tables with id = "…" and name = { nl = "…", en = "…" }.',
        )
    phases = []
    seen = set()
    for i, raw in enumerate(raw_phases):
        where = f"{prefix}phases[{i}]"
        if not isinstance(raw, dict) or "id" not in raw:
            raise StudyConfigError("every phase needs an id", path=path, key=where)
        unknown = set(raw) - {"id", "name", "cues", "weak_cues", "touchpoints", "steps"}
        if unknown:
            raise StudyConfigError(
                f"unknown key '{sorted(unknown)[0]}' in a phase",
                path=path,
                key=f"{where}.{sorted(unknown)[0]}",
                hint="A phase has the keys id, name, cues, weak_cues, touchpoints, steps.",
            )
        pid = str(raw["id"])
        if pid in seen:
            raise StudyConfigError(f"phase id '{pid}' is used twice", path=path, key=where)
        seen.add(pid)
        cues, weak = (_cue_table(raw.get(key, {}), f"{where}.{key}", path) for key in ("cues", "weak_cues"))
        phases.append(
            Phase(
                id=pid,
                names=_names(raw.get("name", pid), f"{where}.name", path),
                cues=cues,
                weak_cues=weak,
                touchpoints=tuple(str(t) for t in raw.get("touchpoints", ())),
                steps=_steps(raw.get("steps", {}), f"{where}.steps", path),
            )
        )
    mid = str(data.get("id", "custom"))
    return PhaseModel(id=mid, names=_names(data.get("name", mid), prefix + "name", path), phases=tuple(phases))


def load_phase_model(spec: str | dict | PhaseModel | Path, *, path=None) -> PhaseModel:
    """Return a phase model from a shipped id, a TOML file, or a mapping (a ``study.toml`` table).

    Raises
    ------
    StudyConfigError
        For an unknown id (listing the shipped ones) or a malformed definition.
    """
    if isinstance(spec, PhaseModel):
        return spec
    if isinstance(spec, dict):
        return _from_mapping(spec, path=path, prefix="phase_model.")
    if isinstance(spec, Path) or (isinstance(spec, str) and spec.endswith(".toml")):
        file = Path(spec)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StudyConfigError(f"cannot read phase model: {exc}", path=file) from exc
        return _from_mapping(data, path=file)
    ids = phase_model_ids()
    if spec not in ids:
        raise StudyConfigError(
            f"unknown phase model '{spec}'",
            path=path,
            key="phase_model",
            hint=f"Use one of {', '.join(ids)}, or define your own in a [phase_model] table.",
        )
    text = (resources.files("workbench") / "data" / "phases" / f"{spec}.toml").read_text(encoding="utf-8")
    return replace(_from_mapping(tomllib.loads(text)), curated=True, shipped=True)
