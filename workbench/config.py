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

__all__ = ["StudyConfig", "read_config", "parse_config", "CONFIG_NAME", "SURVEY_FORMATS"]

CONFIG_NAME = "study.toml"
SURVEY_FORMATS = ("auto", "qualtrics", "qualtrics-legacy", "surveymonkey", "googleforms", "limesurvey", "plain")
QUESTION_ROLES = ("attribute", "ignore", "id")
METRICS = ("nps", "csat", "ces")

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
}
_TRANSCRIPTS = {"paths": (list, str), "interviewer": (list, str), "participants": dict}
_SURVEY = {"paths": (list, str), "format": str, "respondent_id": str, "questions": dict}
_QUESTION = {"role": str, "kind": str, "phase": str, "metric": str}
_LINK = {"column": str, "map": dict}
_FUNNEL = {"path": str}


@dataclass(frozen=True)
class StudyConfig:
    """The settings of one study, as read from ``study.toml`` (see the README for each key)."""

    name: str
    language: str
    phase_model: PhaseModel
    description: str = ""
    nlp_pipeline: str | None = None
    transcript_paths: tuple[str, ...] = ()
    interviewer: tuple[str, ...] = ()
    participants: dict[str, str] = field(default_factory=dict)
    survey_paths: tuple[str, ...] = ()
    survey_format: str = "auto"
    respondent_id: str | None = None
    questions: dict[str, dict[str, str]] = field(default_factory=dict)
    link_column: str | None = None
    link_map: dict[str, str] = field(default_factory=dict)
    funnel_path: str | None = None
    path: Path | None = None  # the study.toml file

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None


def _type_name(t) -> str:
    names = {str: "a string", list: "a list", dict: "a table", int: "a number"}
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
    model = load_phase_model(data.get("phase_model", "klassiek-5"), path=path)

    tr = data.get("transcripts", {})
    _check_table(tr, _TRANSCRIPTS, "transcripts.", path)
    sv = data.get("survey", {})
    _check_table(sv, _SURVEY, "survey.", path)
    questions: dict[str, dict[str, str]] = {}
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
        if "phase" in settings:
            _choice(settings["phase"], model.ids, key + ".phase", path)
        questions[qid] = dict(settings)
    link = data.get("link", {})
    _check_table(link, _LINK, "link.", path)
    funnel = data.get("funnel", {})
    _check_table(funnel, _FUNNEL, "funnel.", path)
    return StudyConfig(
        name=data["name"],
        language=language,
        phase_model=model,
        description=data.get("description", ""),
        nlp_pipeline=data.get("nlp_pipeline") or None,
        transcript_paths=_str_list(tr.get("paths", ()), "transcripts.paths", path),
        interviewer=_str_list(tr.get("interviewer", ()), "transcripts.interviewer", path),
        participants=_str_map(tr.get("participants", {}), "transcripts.participants", path),
        survey_paths=_str_list(sv.get("paths", ()), "survey.paths", path),
        survey_format=_choice(sv.get("format", "auto"), SURVEY_FORMATS, "survey.format", path),
        respondent_id=sv.get("respondent_id"),
        questions=questions,
        link_column=link.get("column"),
        link_map=_str_map(link.get("map", {}), "link.map", path),
        funnel_path=funnel.get("path"),
        path=path,
    )


def read_config(path: str | Path) -> StudyConfig:
    """Read and validate ``study.toml`` (``path`` is the file or the study folder)."""
    p = Path(path)
    file = p / CONFIG_NAME if p.is_dir() else p
    if not file.exists():
        raise StudyConfigError(
            "no study.toml found" if p.is_dir() else "file not found",
            path=file,
            hint="Point at a study folder with a study.toml, or create one with `workbench new PATH`.",
        )
    try:
        raw = file.read_bytes()
        # Windows editors save a byte-order mark (Notepad: UTF-8 with BOM, or "Unicode" = UTF-16)
        encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        data = tomllib.loads(raw.decode(encoding))
    except UnicodeDecodeError as exc:
        raise StudyConfigError("study.toml is not UTF-8", path=file, line=raw[:exc.start].count(b"\n") + 1,
                               hint="Save it as UTF-8 (in Notepad: Save as… → Encoding: UTF-8).") from exc
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        msg = re.sub(r" \(at line .*\)$", "", str(exc))
        raise StudyConfigError(
            f"invalid TOML: {msg}", path=file, line=line, hint="Check quotes, brackets and '=' on that line."
        ) from exc
    return parse_config(data, path=file.resolve())
