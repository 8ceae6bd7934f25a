"""``study.toml``: the schema of a study folder's settings, parsed and validated once.

Every problem names the key (dotted path) and says what to do; unknown keys are rejected with
the closest known key as a suggestion, so a typo never silently drops a setting.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import StudyConfigError
from .phases import LANGUAGES, PhaseModel, load_phase_model
from .schema import ANSWER_KINDS

__all__ = ["StudyConfig", "read_config", "parse_config", "resolve_phase", "check_kpi_metric", "CONFIG_NAME",
           "SURVEY_FORMATS", "TEXT_KINDS", "KPI_METRICS", "BACKSTAGE_KINDS"]

CONFIG_NAME = "study.toml"
MAX_CONFIG_BYTES = 1_000_000  # settings only; a larger file is a mistake (or an attack), not a study
SURVEY_FORMATS = ("auto", "qualtrics", "qualtrics-legacy", "surveymonkey", "googleforms", "limesurvey", "typeform", "msforms",
                  "spss", "plain")
QUESTION_ROLES = ("attribute", "ignore", "id")
TEXT_KINDS = ("transcript", "document", "notes")
METRICS = ("nps", "csat", "ces")
#: Metrics a KPI target can be set for (besides ``micro:<step>`` / ``macro:<step>`` of the funnel).
KPI_METRICS = ("nps", "csat_mean", "csat_top2", "ces_mean", "ces_agree", "conversion")
BACKSTAGE_KINDS = ("owner", "system", "process")

# key -> expected type(s), for each table. A nested dict describes a sub-table.
_ROOT = {
    "name": str,
    "language": str,
    "phase_model": (str, dict),
    "description": str,
    "nlp_pipeline": str,
    "transcripts": dict,
    "survey": dict,
    "link": dict,
    "funnel": dict,
    "allow_outside": bool,
    "map": dict,
    "privacy": dict,
    "touchpoints": dict,
}
_TOUCHPOINT = {"name": (str, dict), "words": dict}
_PRIVACY = {"keep": (list, str)}
_TRANSCRIPTS = {"paths": (list, str), "documents": (list, str), "notes": (list, str), "kinds": dict,
                "interviewer": (list, str), "participants": dict}
_SURVEY = {"paths": (list, str), "format": str, "respondent_id": str, "sheet": str, "scales": dict, "questions": dict}
_QUESTION = {"role": str, "kind": str, "phase": str, "metric": str, "scale": (list, str)}
_LINK = {"column": str, "map": dict}
_FUNNEL = {"path": str}
_MAP = {"phases": dict}
_MAP_PHASE = {"steps": list, "owner": str, "system": str, "process": str, "kpi": dict}


@dataclass(frozen=True)
class StudyConfig:
    """The settings of one study, as read from ``study.toml`` (see the README for each key)."""

    name: str
    language: str
    phase_model: PhaseModel
    description: str = ""
    nlp_pipeline: str | None = None
    transcript_paths: tuple[str, ...] = ()
    document_paths: tuple[str, ...] = ()
    notes_paths: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)  # file (relative path or name) -> text kind
    interviewer: tuple[str, ...] = ()
    participants: dict[str, str] = field(default_factory=dict)
    survey_paths: tuple[str, ...] = ()
    survey_format: str = "auto"
    respondent_id: str | None = None
    sheet: str | None = None
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    link_column: str | None = None
    link_map: dict[str, str] = field(default_factory=dict)
    funnel_path: str | None = None
    allow_outside: bool = False  # read files outside the study folder (see workbench._contain)
    # [map.phases.<phase>]: phase id -> {"steps": (…), "owner"/"system"/"process": str, "kpi": {metric: target}}
    map_phases: dict[str, dict[str, Any]] = field(default_factory=dict)
    # [privacy] keep: brand and product names the researcher declares (never scrubbed, with the study's name)
    privacy_keep: tuple[str, ...] = ()
    path: Path | None = None  # the study.toml file
    # what the settings leave open but a researcher should know (said at load, in the study's language)
    warnings: tuple[str, ...] = ()

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None


def _type_name(t) -> str:
    names = {str: "a string", list: "a list", dict: "a table", int: "a number", bool: "true or false"}
    if isinstance(t, tuple):
        return " or ".join(names.get(x, x.__name__) for x in t)
    return names.get(t, t.__name__)


def _check_table(table: dict, spec: dict, prefix: str, path) -> None:
    for key, value in table.items():
        if key not in spec:
            close = difflib.get_close_matches(key, list(spec), n=1)
            hint = f"Did you mean '{close[0]}'? " if close else ""
            where = f"[{prefix.rstrip('.')}]" if prefix else "the top level"
            raise StudyConfigError(
                f"unknown key '{prefix}{key}'",
                path=path,
                key=prefix + key,
                hint=f"{hint}Known keys in {where}: {', '.join(spec)}.",
            )
        want = spec[key]
        if not isinstance(value, want):
            raise StudyConfigError(
                f"'{prefix}{key}' must be {_type_name(want)}, not {type(value).__name__}",
                path=path,
                key=prefix + key,
            )


def _str_list(value, key: str, path) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not all(isinstance(v, str) and v for v in items):
        raise StudyConfigError(f"'{key}' must list non-empty strings", path=path, key=key)
    return tuple(items)


def _str_map(value: dict, key: str, path) -> dict[str, str]:
    for k, v in value.items():
        if not isinstance(v, str):
            raise StudyConfigError(
                f"'{key}.{k}' must be a string, not {type(v).__name__}", path=path, key=f"{key}.{k}"
            )
    return dict(value)


def _choice(value: str, allowed, key: str, path) -> str:
    if value not in allowed:
        close = difflib.get_close_matches(value, list(allowed), n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        raise StudyConfigError(
            f"'{key}' is '{value}', which is not one of {', '.join(allowed)}",
            path=path,
            key=key,
            hint=hint + f"Use one of: {', '.join(allowed)}." if hint else f"Use one of: {', '.join(allowed)}.",
        )
    return value


def resolve_phase(model: PhaseModel, value: str, language: str = "en", *, key: str = "phase", path=None) -> str:
    """The id of a phase given by its id or by its name in a language of the model.

    Case and spacing do not matter, and a name may be shortened to its first word(s) when that
    names one phase only ("gebruik" for "Gebruik en evaluatie").

    >>> from workbench.phases import load_phase_model
    >>> m = load_phase_model("klassiek-5")
    >>> resolve_phase(m, "Gebruik en evaluatie", "nl"), resolve_phase(m, "gebruik", "nl")
    ('use_evaluation', 'use_evaluation')

    Raises
    ------
    StudyConfigError
        When no phase, or more than one, fits (naming the key and the phases by id and name).
    """
    norm = " ".join(str(value).replace("_", " ").split()).casefold()
    if value in model.ids:
        return value
    by_id = {p.id.replace("_", " ").casefold(): p.id for p in model}
    if norm in by_id:
        return by_id[norm]
    langs = [language] + [lang for lang in LANGUAGES if lang != language]
    for lang in langs:
        hits = [p.id for p in model if " ".join(p.name(lang).split()).casefold() == norm]
        if len(hits) == 1:
            return hits[0]
    for lang in langs:
        hits = [p.id for p in model if norm and " ".join(p.name(lang).split()).casefold().startswith(norm)
                and len(norm) >= 3]
        if len(set(hits)) == 1:
            return hits[0]
    listing = "; ".join(f"{p.id} ({p.name(language)})" for p in model)
    raise StudyConfigError(f"'{key}' is '{value}', which is not a phase of phase model '{model.id}'",
                           path=path, key=key, hint=f"Use a phase id or name: {listing}.")


def check_kpi_metric(metric: str) -> str | None:
    """``None`` when ``metric`` can carry a KPI target, else what is wrong with it.

    >>> check_kpi_metric("csat_top2"), check_kpi_metric("micro:Account aangemaakt") is None
    (None, True)
    >>> print(check_kpi_metric("csat"))
    'csat' is not a metric of the map; use one of nps, csat_mean, csat_top2, ces_mean, ces_agree, conversion, micro:<step>, macro:<step>
    """
    m = str(metric).strip()
    if m in KPI_METRICS:
        return None
    kind, _, step = m.partition(":")
    if kind in ("micro", "macro") and step.strip():
        return None
    return f"'{m}' is not a metric of the map; use one of {', '.join(KPI_METRICS)}, micro:<step>, macro:<step>"


def _map_phases(table: dict, model: PhaseModel, language: str, path) -> dict[str, dict[str, Any]]:
    """``[map.phases.<phase>]``: steps, backstage texts and KPI targets per phase."""
    _check_table(table, _MAP, "map.", path)
    out: dict[str, dict[str, Any]] = {}
    for name, settings in table.get("phases", {}).items():
        key = f"map.phases.{name}"
        if not isinstance(settings, dict):
            raise StudyConfigError(f"'{key}' must be a table", path=path, key=key,
                                   hint=f'Write [map.phases.{name}] with owner = "…", kpi = {{ csat_top2 = 70 }}.')
        _check_table(settings, _MAP_PHASE, key + ".", path)
        phase = resolve_phase(model, name, language, key=key, path=path)
        entry: dict[str, Any] = {k: str(v).strip() for k, v in settings.items() if k in BACKSTAGE_KINDS and str(v).strip()}
        if "steps" in settings:
            entry["steps"] = _str_list(settings["steps"], key + ".steps", path)
        kpi = {}
        for metric, target in settings.get("kpi", {}).items():
            problem = check_kpi_metric(metric)
            if problem:
                raise StudyConfigError(problem, path=path, key=f"{key}.kpi.{metric}")
            if isinstance(target, bool) or not isinstance(target, int | float):
                raise StudyConfigError(f"'{key}.kpi.{metric}' must be a number, not {type(target).__name__}",
                                       path=path, key=f"{key}.kpi.{metric}", hint="e.g. csat_top2 = 70 (for 70%).")
            kpi[metric.strip()] = float(target)
        if kpi:
            entry["kpi"] = kpi
        if phase in out:
            raise StudyConfigError(f"'{key}' names phase '{phase}' a second time", path=path, key=key,
                                   hint="Give each phase one [map.phases.…] table.")
        out[phase] = entry
    return out


def _scale(value, scales: dict, key: str, path) -> list[str]:
    if isinstance(value, str):
        if value not in scales:
            raise StudyConfigError(f"'{key}' names scale '{value}', which is not in [survey.scales]", path=path,
                                   key=key, hint=f"Declare it: [survey.scales] {value} = [\"…\", \"…\"] (lowest first)"
                                   + (f", or use one of: {', '.join(scales)}." if scales else "."))
        return list(scales[value])
    if len(value) < 2 or not all(isinstance(v, str) and v.strip() for v in value):
        raise StudyConfigError(f"'{key}' must list at least two answer labels, lowest first", path=path, key=key,
                               hint='Write scale = ["Nooit", "Soms", "Vaak", "Altijd"].')
    return list(value)


def _phase_model_spec(data: dict[str, Any], path: Path | None):
    """A phase model named by a ``.toml`` file is read relative to the study folder, and only
    from inside it (unless ``allow_outside``)."""
    spec = data.get("phase_model", "klassiek-5")
    if isinstance(spec, str) and spec.endswith(".toml") and path is not None:
        from ._contain import check_inside

        check_inside(path.parent, Path(spec), key="phase_model", config_path=path,
                     allowed=data.get("allow_outside") is True)
        return path.parent / spec
    return spec


def _touchpoints(table: dict, model: PhaseModel, path) -> tuple[PhaseModel, tuple[str, ...]]:
    """The study's own touchpoints (``[touchpoints.<id>]``: a name and words per language) on the
    phase model, and a warning for each touchpoint id the phases list that is neither in the
    catalogue nor defined here (it would never be detected)."""
    from .io._messages import note
    from .nlp.resources import touchpoint_ids

    catalogue = set(touchpoint_ids())
    words: dict[str, dict[str, tuple[str, ...]]] = {}
    names: dict[str, dict[str, str]] = {}
    for tid, spec in table.items():
        key = f"touchpoints.{tid}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", tid):
            raise StudyConfigError(f"touchpoint id '{tid}' is not a snake_case id", path=path, key=key,
                                   hint="Write ids such as [touchpoints.letter] or [touchpoints.healthcare_provider].")
        if not isinstance(spec, dict):
            raise StudyConfigError(f"'{key}' must be a table", path=path, key=key,
                                   hint='Write [touchpoints.letter] name = { nl = "Brief", en = "Letter" }, '
                                   'words.nl = ["brief", …], words.en = ["letter", …].')
        _check_table(spec, _TOUCHPOINT, key + ".", path)
        given = spec.get("words", {})
        bad = [lang for lang, ws in given.items() if lang not in LANGUAGES or not isinstance(ws, list)
               or not all(isinstance(w, str) and w.strip() for w in ws)]
        if bad:
            raise StudyConfigError(f"'{key}.words.{bad[0]}' must be a list of words in a language nl or en",
                                   path=path, key=f"{key}.words.{bad[0]}",
                                   hint='Write words.nl = ["brief", "premiebrief"] and words.en = ["letter"].')
        if tid not in catalogue and not any(given.values()):
            raise StudyConfigError(f"touchpoint '{tid}' is not in the catalogue and has no words", path=path,
                                   key=key + ".words", hint='Give the words that name it, e.g. words.nl = ["brief"].')
        words[tid] = {lang: tuple(w.strip().lower() for w in ws) for lang, ws in given.items()}
        if "name" in spec:
            names[tid] = {lang: spec["name"] for lang in LANGUAGES} if isinstance(spec["name"], str) \
                else {str(k): str(v) for k, v in spec["name"].items()}
    if names:
        from .journey.labels import add_touchpoint_names

        add_touchpoint_names(names)
    known = catalogue | set(words)
    warnings = []
    for phase in model.phases:
        for tid in phase.touchpoints:
            if tid not in known:
                close = difflib.get_close_matches(tid, sorted(known), n=1)
                warnings.append(note("touchpoint_unknown", file=path.name if path else CONFIG_NAME, phase=phase.id,
                                     tid=tid, close_en=f"did you mean '{close[0]}'? " if close else "",
                                     close_nl=f"bedoelt u '{close[0]}'? " if close else ""))
    return model.with_touchpoints(words, names) if words else model, tuple(warnings)


def parse_config(data: dict[str, Any], *, path: Path | None = None) -> StudyConfig:
    """Validate a parsed ``study.toml`` mapping and return a :class:`StudyConfig`."""
    _check_table(data, _ROOT, "", path)
    for required in ("name", "language"):
        if required not in data:
            raise StudyConfigError(
                f"missing key '{required}'",
                path=path,
                key=required,
                hint='A study needs at least name = "…" and language = "nl" or "en".',
            )
    language = _choice(data["language"], LANGUAGES, "language", path)
    model = load_phase_model(_phase_model_spec(data, path), path=path)
    model, warnings = _touchpoints(data.get("touchpoints", {}), model, path)

    tr = data.get("transcripts", {})
    _check_table(tr, _TRANSCRIPTS, "transcripts.", path)
    sv = data.get("survey", {})
    _check_table(sv, _SURVEY, "survey.", path)
    scales = {}
    for name, labels in sv.get("scales", {}).items():
        if not isinstance(labels, list):
            raise StudyConfigError(f"'survey.scales.{name}' must be a list of answer labels, lowest first",
                                   path=path, key=f"survey.scales.{name}")
        scales[name] = _scale(labels, {}, f"survey.scales.{name}", path)
    kinds = {}
    for file, kind in tr.get("kinds", {}).items():
        kinds[file] = _choice(str(kind), TEXT_KINDS, f"transcripts.kinds.{file}", path)
    questions: dict[str, dict[str, Any]] = {}
    for qid, settings in sv.get("questions", {}).items():
        key = f"survey.questions.{qid}"
        if not isinstance(settings, dict):
            raise StudyConfigError(
                f"'{key}' must be a table",
                path=path,
                key=key,
                hint=f'Write {qid} = {{ phase = "purchase", metric = "csat" }}.',
            )
        _check_table(settings, _QUESTION, key + ".", path)
        if "role" in settings:
            _choice(settings["role"], QUESTION_ROLES, key + ".role", path)
        if "kind" in settings:
            _choice(settings["kind"], ANSWER_KINDS, key + ".kind", path)
        if "metric" in settings:
            _choice(settings["metric"], METRICS, key + ".metric", path)
        settings = dict(settings)
        if "phase" in settings:
            settings["phase"] = resolve_phase(model, settings["phase"], language, key=key + ".phase", path=path)
        if "scale" in settings:
            settings["scale"] = _scale(settings["scale"], scales, key + ".scale", path)
            if settings.setdefault("kind", "likert") != "likert":
                raise StudyConfigError(f"'{key}' declares a scale but kind = '{settings['kind']}'", path=path,
                                       key=key + ".kind", hint="A question with a scale is a Likert question: "
                                       "remove kind, or set kind = \"likert\".")
        questions[qid] = settings
    link = data.get("link", {})
    _check_table(link, _LINK, "link.", path)
    funnel = data.get("funnel", {})
    _check_table(funnel, _FUNNEL, "funnel.", path)
    privacy = data.get("privacy", {})
    _check_table(privacy, _PRIVACY, "privacy.", path)
    return StudyConfig(
        name=data["name"],
        language=language,
        phase_model=model,
        description=data.get("description", ""),
        nlp_pipeline=data.get("nlp_pipeline") or None,
        transcript_paths=_str_list(tr.get("paths", ()), "transcripts.paths", path),
        document_paths=_str_list(tr.get("documents", ()), "transcripts.documents", path),
        notes_paths=_str_list(tr.get("notes", ()), "transcripts.notes", path),
        kinds=kinds,
        interviewer=_str_list(tr.get("interviewer", ()), "transcripts.interviewer", path),
        participants=_str_map(tr.get("participants", {}), "transcripts.participants", path),
        survey_paths=_str_list(sv.get("paths", ()), "survey.paths", path),
        survey_format=_choice(sv.get("format", "auto"), SURVEY_FORMATS, "survey.format", path),
        respondent_id=sv.get("respondent_id"),
        sheet=sv.get("sheet"),
        questions=questions,
        link_column=link.get("column"),
        link_map=_str_map(link.get("map", {}), "link.map", path),
        funnel_path=funnel.get("path"),
        allow_outside=data.get("allow_outside", False),
        map_phases=_map_phases(data.get("map", {}), model, language, path),
        privacy_keep=_str_list(privacy.get("keep", ()), "privacy.keep", path),
        path=path,
        warnings=warnings,
    )


def read_config(path: str | Path) -> StudyConfig:
    """Read and validate ``study.toml`` (``path`` is the file or the study folder)."""
    p = Path(path)
    file = p / CONFIG_NAME if p.is_dir() else p
    if not file.is_file():  # also refuses a FIFO or device named study.toml (reading it would hang)
        raise StudyConfigError(
            "no study.toml found" if p.is_dir() else "file not found",
            path=file,
            hint="Point at a study folder with a study.toml, or create one with `workbench new PATH`.",
        )
    try:
        size = file.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise StudyConfigError(
                f"study.toml is {size:,} bytes; settings files are at most {MAX_CONFIG_BYTES:,}",
                path=file,
                hint="study.toml holds settings only: keep data in the study's files.",
            )
        raw = file.read_bytes()
        # Windows editors save a byte-order mark (Notepad: UTF-8 with BOM, or "Unicode" = UTF-16)
        encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        data = tomllib.loads(raw.decode(encoding))
    except UnicodeDecodeError as exc:
        raise StudyConfigError("study.toml is not UTF-8", path=file, line=raw[:exc.start].count(b"\n") + 1,
                               hint="Save it as UTF-8 (in Notepad: Save as… → Encoding: UTF-8).") from exc
    except RecursionError:
        raise StudyConfigError("study.toml is nested too deeply to read", path=file,
                               hint="A study.toml has tables and lists a few levels deep; check the file.") from None
    except OSError as exc:
        raise StudyConfigError(f"cannot read study.toml ({exc.strerror or exc})", path=file) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        msg = re.sub(r" \(at line .*\)$", "", str(exc))
        raise StudyConfigError(
            f"invalid TOML: {msg}", path=file, line=line, hint="Check quotes, brackets and '=' on that line."
        ) from exc
    return parse_config(data, path=file.resolve())
