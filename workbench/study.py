"""The study model: one object holding a study's tidy frames, loaded from a study folder.

>>> study = load_study("surveys/webshop-nl")          # doctest: +SKIP
>>> study.segments.head()                             # doctest: +SKIP

Loading is all-or-nothing: every file is read and checked before a :class:`Study` is returned;
the first problem raises a :class:`~workbench.errors.WorkbenchError` naming the file and place.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from ._contain import check_inside, is_outside_allowed, static_prefix
from .config import CONFIG_NAME, StudyConfig, read_config
from .errors import DuplicateIdError, EmptyFileError, StudyConfigError, WorkbenchError
from .phases import PhaseModel

__all__ = ["Study", "load_study", "new_study", "copy_study", "read_funnel", "FUNNEL_KINDS"]

FUNNEL_KINDS = ("funnel", "micro", "macro")
MAX_FUNNEL_COUNT = 10**15  # more than any web-analytics count; bigger would not fit the int64 column


@dataclass
class Study:
    """A loaded study: settings plus tidy frames (columns documented in :mod:`workbench.schema`).

    Attributes
    ----------
    config : StudyConfig
        The validated ``study.toml``.
    sources : DataFrame
        One row per file read (``schema.SOURCES``); transcripts carry their canonical text.
    segments : DataFrame
        One row per speaker turn (``schema.SEGMENTS``).
    respondents : DataFrame
        One row per survey respondent (``schema.RESPONDENTS`` + attribute columns).
    questions : DataFrame
        One row per survey question (``schema.QUESTIONS``).
    answers : DataFrame
        Long format, one row per answer (``schema.ANSWERS``).
    funnel : DataFrame
        Web-analytics counts per phase (phase, step, count, kind); empty when there is none.
    warnings : list of str
        Things worth knowing that did not stop the load, each starting with the file it is
        about: a glob that matched no file, a skipped subtitle cue, repaired characters, a file
        without speakers read as a document, the sheet read from a workbook …
    load_report : DataFrame
        One row per file read (``schema.LOAD_REPORT``): detected format and layout, encoding,
        speakers with role and turns, respondents, questions, and the number of warnings.
    renamed : dict
        File stem -> what its segment ids start with instead, for every transcript whose file name
        holds a name (``{"P01_anna": "P01"}``: ``P01#003``, not ``P01_anna#003``). Outputs show
        the key where a file name would appear.
    attributes : dict
        The researcher's attribute questions (``role = "attribute"`` in ``[survey.questions]``):
        their column in ``respondents`` -> question text. Persona cards profile each persona by them.
    """

    config: StudyConfig
    sources: pd.DataFrame
    segments: pd.DataFrame
    respondents: pd.DataFrame
    questions: pd.DataFrame
    answers: pd.DataFrame
    funnel: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["phase", "step", "count", "kind"]))
    warnings: list[str] = field(default_factory=list)
    load_report: pd.DataFrame = field(default_factory=lambda: schema.empty(schema.LOAD_REPORT))
    renamed: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def language(self) -> str:
        return self.config.language

    def own_names(self) -> list[str]:
        """The names of the company studied: the brand in the study's name and the names of
        ``[privacy] keep`` (kept in quotes; a story about another company ends where one is named)."""
        from .privacy.policy import study_brands

        return [*study_brands(self.name, self.language), *self.config.privacy_keep]

    @property
    def phase_model(self) -> PhaseModel:
        return self.config.phase_model

    @property
    def path(self) -> Path | None:
        """The study folder."""
        return self.config.folder

    @property
    def participants(self) -> list[str]:
        """Interview participant ids, sorted."""
        return sorted(self.segments["participant_id"].dropna().unique().tolist())

    def speaker_names(self) -> list[str]:
        """Every speaker label in the transcripts (for scrubbing names from quotes)."""
        generic = {"interviewer", "onderzoeker", "moderator", "respondent", "participant", "deelnemer",
                   "interviewee", "speaker", "spreker", "unknown", "i", "r", "q", "a"}
        names = self.segments["speaker"].dropna().unique().tolist()
        return sorted(n for n in names if n.strip().lower() not in generic)

    def source_text(self, source: str) -> str:
        """The canonical text of a transcript (what segment offsets point into)."""
        hit = self.sources.loc[self.sources["source"] == source, "text"]
        if hit.empty:
            raise KeyError(source)
        return str(hit.iloc[0])

    def documents(self) -> pd.DataFrame:
        """Every text to tag and code: speaker turns and open survey answers (``schema.DOCUMENTS``).

        A participant turn's ``context`` is the interviewer's latest turn before it in the same
        transcript; an open answer's ``context`` is its question text.
        """
        seg = self.segments
        is_int = seg["role"] == "interviewer"
        # The latest interviewer text before each turn: forward-fill within each source.
        last_q = seg["text"].where(is_int).groupby(seg["source"]).shift(1)
        last_q = last_q.groupby(seg["source"]).ffill()
        seg_docs = pd.DataFrame(
            {
                "doc_id": seg["segment_id"],
                "kind": "segment",
                "source": seg["source"],
                "participant_id": seg["participant_id"],
                "respondent_id": pd.NA,
                "role": seg["role"],
                "question_id": pd.NA,
                "text": seg["text"],
                "context": last_q.where(~is_int, pd.NA),
                "verbatim": seg["verbatim"],
            }
        )
        open_ = self.answers[self.answers["kind"] == "open"]
        link = self.respondents.set_index("respondent_id")["participant_id"]
        src = self.respondents.set_index("respondent_id")["source"]
        ans_docs = pd.DataFrame(
            {
                "doc_id": open_["respondent_id"] + "@" + open_["question_id"],
                "kind": "answer",
                "source": open_["respondent_id"].map(src),
                "participant_id": open_["respondent_id"].map(link),
                "respondent_id": open_["respondent_id"],
                "role": "participant",
                "question_id": open_["question_id"],
                "text": open_["value_text"],
                "context": open_["question_text"],
                "verbatim": True,
            }
        )
        return schema.conform(pd.concat([seg_docs, ans_docs], ignore_index=True), schema.DOCUMENTS)

    def info(self) -> dict[str, pd.DataFrame]:
        """Summary tables: overall figures, per source, per participant, per question kind, the load
        report, the questions (id, kind, phase, metric, source, the question text up to 60 characters)
        and the phases of the phase model."""
        seg = self.segments
        words = seg["text"].str.count(r"\S+").astype("int64")
        per_source = (
            seg.assign(words=words)
            .groupby("source", observed=True)
            .agg(participant=("participant_id", "first"), turns=("turn", "size"), words=("words", "sum"))
            .reset_index()
        )
        per_part = (
            seg.assign(words=words)
            .groupby(["participant_id", "role"], observed=True)
            .agg(turns=("turn", "size"), words=("words", "sum"))
            .unstack("role", fill_value=0)
        )
        per_part.columns = [f"{a}_{b}" for a, b in per_part.columns]
        per_part = per_part.reset_index()
        linked = self.respondents.dropna(subset=["participant_id"])
        per_part["respondent_id"] = (
            per_part["participant_id"].map(linked.set_index("participant_id")["respondent_id"]).astype("string")
        )
        kinds = (
            self.questions.groupby("kind", observed=False)
            .agg(questions=("question_id", "size"))
            .join(self.answers.groupby("kind", observed=False).agg(answers=("respondent_id", "size")))
            .reset_index()
        )
        overall = pd.DataFrame(
            {
                "figure": ["study", "language", "phase model", "transcripts", "documents", "participants",
                           "turns", "words", "respondents", "questions", "answers", "funnel steps"],
                "value": [self.name, self.language, self.phase_model.id,
                          int((self.sources["kind"] == "transcript").sum()),
                          int(self.sources["kind"].isin(["document", "notes"]).sum()), len(self.participants),
                          len(seg), int(words.sum()), len(self.respondents), len(self.questions),
                          len(self.answers), len(self.funnel)],
            }
        )
        overall["value"] = overall["value"].astype(str)
        questions = self.questions[["question_id", "kind", "phase", "metric", "source"]].copy()
        text = self.questions["question_text"].astype("string").fillna("")
        questions["question_text"] = text.where(text.str.len() <= 60, text.str.slice(0, 57).str.rstrip() + "…")
        model = self.phase_model
        phases = pd.DataFrame({"phase": model.ids, "name": [model.label(p, self.language) for p in model.ids]})
        return {"overall": overall, "sources": per_source, "participants": per_part, "question_kinds": kinds,
                "load_report": self.load_report, "questions": questions, "phases": phases}

    def __repr__(self) -> str:
        return (
            f"Study({self.name!r}, language={self.language!r}, phase_model={self.phase_model.id!r}, "
            f"{len(self.participants)} participants, {len(self.segments)} turns, "
            f"{len(self.respondents)} respondents, {len(self.answers)} answers)"
        )


def _expand(folder: Path, patterns: tuple[str, ...], key: str, config_path,
            warnings: list[str], *, allow_outside: bool = False) -> list[Path]:
    """Files matched by the patterns, in order. A literal path must exist; a set of globs that
    matches nothing is noted in ``warnings`` (a study may have interviews but no survey yet).

    Every pattern and every file it matches must lie inside the study folder, symbolic links
    resolved (see :mod:`workbench._contain`), unless ``allow_outside``."""
    files: list[Path] = []
    seen: set[Path] = set()
    for pattern in patterns:
        check_inside(folder, Path(static_prefix(pattern)), key=key, config_path=config_path,
                     allowed=allow_outside, pattern=pattern if glob.has_magic(pattern) else None)
        try:
            if not glob.has_magic(pattern) and not (folder / pattern).is_file():
                raise StudyConfigError(
                    f"'{pattern}' does not exist in {folder}",
                    path=config_path,
                    key=key,
                    hint="Check the path (relative to the study folder) or remove it.",
                )
            hits = [h for h in _glob(folder, pattern) if h.is_file() and not h.name.startswith(("~$", "."))]
        except (ValueError, RecursionError) as exc:
            raise StudyConfigError(
                f"'{pattern[:200]}' is not a usable pattern: {exc}",
                path=config_path,
                key=key,
                hint="Write a path or glob relative to the study folder, e.g. interviews/*.txt.",
            ) from None
        except OSError as exc:  # e.g. a file name longer than the file system allows
            raise StudyConfigError(
                f"'{pattern[:200]}' cannot be searched: {exc.strerror or exc}",
                path=config_path,
                key=key,
                hint="Shorten the path or pattern (relative to the study folder).",
            ) from None
        for h in hits:
            check_inside(folder, h, key=key, config_path=config_path, allowed=allow_outside)
        files.extend(h for h in hits if not (h in seen or seen.add(h)))
    if patterns and not files:
        warnings.append(f"{key}: {', '.join(patterns)} match no file yet")
    return files


def _glob(folder: Path, pattern: str) -> list[Path]:
    """The files a pattern matches, sorted. ``**`` does not descend into symbolic links to
    folders (:meth:`pathlib.Path.glob`; :func:`glob.glob` follows them, so two links to
    parent folders made it walk for ever), and hidden folders (``.workbench``) are skipped."""
    pat = Path(pattern)
    if pat.is_absolute():
        base, rel = Path(pat.anchor), pat.relative_to(pat.anchor)
    else:
        base, rel = folder, pat
    if not glob.has_magic(pattern):
        return [Path(os.path.normpath(base / rel))]
    hits = []
    for hit in base.glob(str(rel)):
        if not any(part.startswith(".") and part not in (".", "..") for part in hit.relative_to(base).parts):
            hits.append(Path(os.path.normpath(hit)))
    return sorted(hits)


def _relative(file: Path, folder: Path) -> str:
    """``file`` relative to the study folder, as a source name (``../x.txt`` when allowed outside)."""
    try:
        return file.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(file, folder)).as_posix()


def read_funnel(path: str | Path, phase_model: PhaseModel | None = None) -> pd.DataFrame:
    """Read ``funnel.csv`` (columns phase, step, count, and optionally kind: funnel|micro|macro).

    The file is read strictly (:mod:`workbench._tabular`): an empty file, a broken quote or a row
    with more or fewer fields than the header is refused with its line, never read half."""
    from ._tabular import csv_rows, rows_frame, sniff_delimiter
    from .io.text import decode_text

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise WorkbenchError(f"cannot read the funnel file: {exc.strerror}", path=path) from exc
    if not data.strip():
        raise EmptyFileError("the funnel file is empty", path=path,
                             hint="A funnel file has a header line phase,step,count[,kind] and one row per step.")
    text, _enc = decode_text(data, path=path)
    df = rows_frame(csv_rows(text, delimiter=sniff_delimiter(text, ",;\t"), path=path), path=path,
                    places=True)
    df.columns = [c.strip().lower() for c in df.columns]
    dup = df.columns[df.columns.duplicated()]
    if len(dup):
        raise WorkbenchError(f"the column '{dup[0]}' occurs twice", path=path, line=1,
                             hint="Name each column once: phase, step, count, kind.")
    missing = [c for c in ("phase", "step", "count") if c not in df.columns]
    if missing:
        raise WorkbenchError(
            f"funnel file lacks column(s) {', '.join(missing)}",
            path=path,
            hint="A funnel file has the columns phase, step, count and optionally kind (funnel|micro|macro).",
        )
    if "kind" not in df.columns:
        df["kind"] = "funnel"
    df["kind"] = df["kind"].replace("", "funnel").str.strip().str.lower()
    counts = pd.to_numeric(df["count"].str.replace(r"[\s_.](?=\d{3}\b)", "", regex=True), errors="coerce")
    for i in range(len(df)):
        line = int(df.index[i])  # the line of the file the row starts on
        c = counts.iloc[i]
        if pd.isna(c) or not 0 <= c <= MAX_FUNNEL_COUNT or c != int(c):
            raise WorkbenchError(
                f"count '{df['count'].iloc[i]}' is not a non-negative number (a whole one)",
                path=path,
                row=line,
                hint="Write counts as plain whole numbers, e.g. 12000.",
            )
        if df["kind"].iloc[i] not in FUNNEL_KINDS:
            raise WorkbenchError(
                f"kind '{df['kind'].iloc[i]}' is not one of {', '.join(FUNNEL_KINDS)}", path=path, row=line
            )
        if phase_model is not None and df["phase"].iloc[i] not in phase_model.ids:
            raise WorkbenchError(
                f"phase '{df['phase'].iloc[i]}' is not in phase model '{phase_model.id}'",
                path=path,
                row=line,
                hint=f"Use one of: {', '.join(phase_model.ids)}.",
            )
    df, counts = df.reset_index(drop=True), counts.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "phase": df["phase"].astype("string"),
            "step": df["step"].astype("string"),
            "count": counts.astype("int64"),
            "kind": df["kind"].astype("string"),
        }
    )
    return out


def _link_participants(respondents: pd.DataFrame, answers: pd.DataFrame, config: StudyConfig) -> pd.DataFrame:
    link = pd.Series(pd.NA, index=respondents.index, dtype="string")
    if config.link_column:
        col = config.link_column
        if col in respondents.columns:
            values = respondents[col].astype("string")
        else:
            hit = answers[answers["question_id"] == col]
            if hit.empty and col not in set(answers["question_id"]):
                raise StudyConfigError(
                    f"link column '{col}' is not in the survey",
                    path=config.path,
                    key="link.column",
                    hint="Name the survey column (question id) that holds the interview participant id.",
                )
            values = respondents["respondent_id"].map(hit.set_index("respondent_id")["value_text"]).astype("string")
        values = values.str.strip().replace("", pd.NA)
        link = values
    if config.link_map:
        known = set(respondents["respondent_id"])
        by_resp = {}
        for pid, rid in config.link_map.items():
            if rid not in known:
                raise StudyConfigError(
                    f"link.map links '{pid}' to respondent '{rid}', who is not in the survey",
                    path=config.path,
                    key=f"link.map.{pid}",
                    hint="Use a respondent id from the survey export.",
                )
            by_resp[rid] = pid
        mapped = respondents["respondent_id"].map(by_resp).astype("string")
        link = mapped.fillna(link)
    out = respondents.copy()
    out["participant_id"] = link.astype("string")
    dup = out["participant_id"].dropna()
    dup = dup[dup.duplicated()]
    if not dup.empty:
        raise DuplicateIdError(
            f"participant '{dup.iloc[0]}' is linked to more than one respondent",
            path=config.path,
            key="link",
            hint="Each interview participant can be linked to one survey respondent.",
        )
    return out


def load_study(path: str | Path, *, progress: bool = False, on_file: Callable[[Path], None] | None = None,
               allow_outside: bool | None = None) -> Study:
    """Load a study folder (or its ``study.toml``) into a :class:`Study`.

    Parameters
    ----------
    path : str or Path
        The study folder, or its ``study.toml``.
    progress : bool
        Show a progress bar over the files.
    on_file : callable, optional
        Called with each file's path before it is read (used by the notebook loader).
    allow_outside : bool, optional
        Read files outside the study folder (``../``, absolute paths, symbolic links out of the
        folder). Default: the study's ``allow_outside`` setting; otherwise such paths are refused
        (see :mod:`workbench._contain`).

    Raises
    ------
    WorkbenchError
        For the first problem found; nothing is loaded partially.
    """
    from .io._messages import say
    from .io.surveys import parse_survey
    from .io.transcripts import parse_transcript

    config = read_config(path)
    folder = config.folder
    outside = is_outside_allowed(config.allow_outside if allow_outside is None else allow_outside)
    warnings: list[str] = [say(w, config.language) for w in config.warnings]
    files = _study_files(config, warnings, allow_outside=outside)
    if not files:
        raise StudyConfigError(
            "the study has no transcripts and no survey files"
            + (f" ({'; '.join(warnings)})" if warnings else ""),
            path=config.path,
            hint="Put files in the study folder and list them in study.toml: "
            "[transcripts] paths = [...] and/or [survey] paths = [...] (globs relative to the folder).",
        )
    iterator = files
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="loading", unit="file")

    source_rows, seg_frames, report = [], [], []
    resp_frames, q_frames, ans_frames = [], [], []
    attributes: dict[str, str] = {}
    seen_stems: dict[str, Path] = {}
    parsed: list[tuple] = []  # (stem, source, Transcript, where its warnings start)
    columns: set[str] = set()
    for kind, file in iterator:
        if on_file is not None:
            on_file(file)
        rel = _relative(file, folder)
        if kind != "survey":
            stem = file.stem
            if stem in seen_stems:
                raise DuplicateIdError(
                    f"two transcripts share the name '{stem}' ({seen_stems[stem].name} and {file.name})",
                    path=file,
                    hint="Segment ids are made from the file name: rename one of the files.",
                )
            seen_stems[stem] = file
            t = parse_transcript(
                file,
                participant_id=config.participants.get(stem, stem),
                interviewer=config.interviewer or None,
                source=rel,
                kind=kind,
            )
            parsed.append((stem, rel, t, len(warnings)))
            seg_frames.append(t.segments)
            source_rows.append(
                {"source": rel, "kind": t.kind, "format": t.format,
                 "participant_id": config.participants.get(stem, stem), "encoding": t.encoding, "text": t.text}
            )
            warnings.extend(f"{rel}: {say(w, config.language)}" for w in t.warnings)
            report.append({"source": rel, "kind": t.kind, "format": t.format, "layout": t.layout,
                           "encoding": t.encoding, "speakers": _speakers(t.segments), "turns": len(t.segments),
                           "respondents": 0, "questions": 0, "warnings": len(t.warnings)})
        else:
            s = parse_survey(
                file,
                format=config.survey_format,
                respondent_id=config.respondent_id,
                questions=config.questions or None,
                source=rel,
                sheet=config.sheet,
                strict_questions=len(config.questions) == 0,
            )
            columns.update(s.columns)
            resp_frames.append(s.respondents)
            attributes.update(s.attributes)
            q_frames.append(s.questions)
            ans_frames.append(s.answers)
            source_rows.append(
                {"source": rel, "kind": "survey", "format": f"{s.format}/{s.file_type}",
                 "participant_id": pd.NA, "encoding": s.encoding, "text": pd.NA}
            )
            warnings.extend(f"{rel}: {say(w, config.language)}" for w in s.warnings)
            layout = f"sheet '{s.sheet}'" if s.sheet else f"delimiter {s.delimiter!r}" if s.delimiter else ""
            report.append({"source": rel, "kind": "survey", "format": f"{s.format}/{s.file_type}", "layout": layout,
                           "encoding": s.encoding, "speakers": "", "turns": 0, "respondents": len(s.respondents),
                           "questions": len(s.questions), "warnings": len(s.warnings)})

    if resp_frames:  # every question setting must fit a column of at least one export
        from .io.surveys import unknown_setting

        for key in config.questions:
            if key not in columns:
                raise unknown_setting(key, sorted(columns), config.path)
    renamed = _pseudonymise(parsed, config, seg_frames, source_rows, report, warnings) if parsed else {}
    if renamed:
        from .coding._store_ids import move_stored_ids

        warnings.extend(move_stored_ids(folder, renamed, config.language))
    segments = _concat(seg_frames, schema.SEGMENTS)
    respondents = _concat(resp_frames, schema.RESPONDENTS, extra=True)
    questions = _concat(q_frames, schema.QUESTIONS)
    answers = _concat(ans_frames, schema.ANSWERS)
    if not respondents.empty:
        dup = respondents["respondent_id"].duplicated(keep=False)
        if dup.any():
            rid = respondents.loc[dup, "respondent_id"].iloc[0]
            where = respondents.loc[respondents["respondent_id"] == rid, "source"].tolist()
            raise DuplicateIdError(
                f"respondent id '{rid}' occurs in more than one survey file ({', '.join(where)})",
                path=config.path,
                hint="Give each wave its own study, or make the ids unique.",
            )
        respondents = _link_participants(respondents, answers, config)
    questions = _apply_question_settings(questions, config)

    funnel = pd.DataFrame({"phase": [], "step": [], "count": [], "kind": []})
    if config.funnel_path:
        fpath = folder / config.funnel_path
        check_inside(folder, fpath, key="funnel.path", config_path=config.path, allowed=outside)
        if not fpath.is_file():
            raise StudyConfigError(
                f"funnel file '{config.funnel_path}' not found",
                path=config.path,
                key="funnel.path",
                hint="Fix the path (relative to the study folder) or remove [funnel].",
            )
        funnel = read_funnel(fpath, config.phase_model)
        source_rows.append(
            {"source": config.funnel_path, "kind": "funnel", "format": "csv", "participant_id": pd.NA,
             "encoding": "", "text": pd.NA}
        )
        report.append({"source": config.funnel_path, "kind": "funnel", "format": "csv", "layout": "",
                       "encoding": "", "speakers": "", "turns": 0, "respondents": 0, "questions": 0, "warnings": 0})
    sources = schema.conform(pd.DataFrame(source_rows), schema.SOURCES)
    load_report = schema.conform(pd.DataFrame(report), schema.LOAD_REPORT)
    return Study(config, sources, segments, respondents, questions, answers, funnel, warnings, load_report,
                 renamed, attributes)


def _pseudonymise(parsed: list[tuple], config: StudyConfig, seg_frames: list, source_rows: list, report: list,
                  warnings: list[str]) -> dict[str, str]:
    """Participant and segment ids without the names that file names carry (see
    :mod:`workbench.io._participants`): the ids of the segments and sources are replaced, and each
    change is noted once, after the file's own warnings. Returns ``{stem: key}`` for every file
    whose segment ids no longer start with its stem."""
    from .io._messages import say
    from .io._participants import participant_ids, segment_keys

    speakers = {stem: t.segments["speaker"].unique().tolist() if t.kind == "transcript" else []
                for stem, _, t, _ in parsed}
    ids, notes = participant_ids(speakers, config.participants, config.language)
    keys = segment_keys(speakers, ids, config.language)
    by_stem: dict[str, list] = {}
    for stem, n in notes:
        by_stem.setdefault(stem, []).append(n)
    shift = 0
    for stem, rel, t, at in parsed:
        pid, key = ids[stem], keys[stem]
        old = config.participants.get(stem, stem)
        frame = next(f for f in seg_frames if f is t.segments)
        if key != stem:
            frame["segment_id"] = key + "#" + frame["turn"].map("{:03d}".format)
        if pid != old:
            frame["participant_id"] = frame["participant_id"].replace(old, pid)
            if t.kind != "transcript":  # a document's speaker is its participant
                frame["speaker"] = frame["speaker"].replace(old, pid)
            row = next(r for r in source_rows if r["source"] == rel)
            row["participant_id"] = pid
        said = [f"{rel}: {say(n, config.language)}" for n in by_stem.get(stem, [])]
        pos = at + shift + len(t.warnings)
        warnings[pos:pos] = said
        shift += len(said)
        entry = next(r for r in report if r["source"] == rel)
        entry["warnings"] += len(said)
        if t.kind != "transcript":
            entry["speakers"] = _speakers(frame)
    return {stem: key for stem, key in keys.items() if key != stem}


def _speakers(segments: pd.DataFrame) -> str:
    """'Sanne (interviewer, 12); Jan (participant, 11)', in order of first appearance."""
    from .io._speakers import device_label

    seen: dict[str, list] = {}  # plain Python: a groupby per file would cost more than reading it
    for name, role in zip(segments["speaker"].tolist(), segments["role"].astype(str).tolist(), strict=True):
        entry = seen.setdefault(name, [role, 0])
        entry[1] += 1
    # a device's name ("iPad") is no person: said in the report, as in the file's warning
    return "; ".join(f"{name} ({role}, {n}{', device' if device_label(name) else ''})" for name, (role, n) in seen.items())


def _study_files(config: StudyConfig, warnings: list[str], *, allow_outside: bool = False
                 ) -> list[tuple[str, Path]]:
    """(kind, file) of every file the study lists, in order: transcripts, documents, notes, surveys.

    A file listed as a document or as notes (or given a kind in ``[transcripts] kinds``) is read
    as that, also when a transcript glob matches it too."""
    folder = config.folder
    try:
        groups = [
            ("transcript", _expand(folder, config.transcript_paths, "transcripts.paths", config.path, warnings,
                                allow_outside=allow_outside)),
            ("document", _expand(folder, config.document_paths, "transcripts.documents", config.path, warnings,
                                allow_outside=allow_outside)),
            ("notes", _expand(folder, config.notes_paths, "transcripts.notes", config.path, warnings,
                                allow_outside=allow_outside)),
            ("survey", _expand(folder, config.survey_paths, "survey.paths", config.path, warnings,
                                allow_outside=allow_outside)),
        ]
    except OSError as exc:  # e.g. a file name longer than the file system allows
        raise StudyConfigError(f"cannot list the study's files: {exc.strerror or exc}", path=config.path,
                               hint="Check the paths and globs in study.toml (and the names of the files "
                               "they match).") from None
    kind_of: dict[Path, str] = {}
    order: list[Path] = []
    for kind, files in groups:
        for f in files:
            if f not in kind_of:
                order.append(f)
            if f not in kind_of or kind in ("document", "notes"):
                kind_of[f] = kind
    for name, kind in config.kinds.items():
        hits = [f for f in order if _relative(f, folder) == name or f.name == name]
        if not hits:
            raise StudyConfigError(f"transcripts.kinds names '{name}', which is not one of the study's text files",
                                   path=config.path, key=f"transcripts.kinds.{name}",
                                   hint="Give the path relative to the study folder of a file that "
                                   "[transcripts] paths, documents or notes lists.")
        for f in hits:
            if kind_of[f] == "survey":
                raise StudyConfigError(f"transcripts.kinds names the survey export '{name}'", path=config.path,
                                       key=f"transcripts.kinds.{name}", hint="Kinds are for text files.")
            kind_of[f] = kind
    texts = [(kind_of[f], f) for f in order if kind_of[f] != "survey"]
    return texts + [("survey", f) for f in order if kind_of[f] == "survey"]


def _concat(frames: list[pd.DataFrame], sch, *, extra: bool = False) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty(sch)
    return schema.conform(pd.concat(frames, ignore_index=True), sch, extra=extra)


def _apply_question_settings(questions: pd.DataFrame, config: StudyConfig) -> pd.DataFrame:
    """Copy phase and metric from study.toml onto the questions frame (the readers may have done it)."""
    if questions.empty or not config.questions:
        return questions
    q = questions.copy()
    for qid, settings in config.questions.items():
        mask = q["question_id"] == qid
        for col in ("phase", "metric"):
            if col in settings and mask.any():
                q.loc[mask, col] = settings[col]
    q["position"] = q["position"].astype(np.int64)
    return q


def _default_toml(name: str, language: str) -> str:
    return STUDY_TEMPLATE.format(name=name, language=language)


STUDY_TEMPLATE = '''# Journey Workbench study settings. Paths are relative to this folder.
# Every key is explained in the README ("The study folder").

name = "{name}"
language = "{language}"            # "nl" or "en": the language of the transcripts and open answers
phase_model = "klassiek-5"   # klassiek-5 | retentie-5 | hom-6 | see-think-do-care | website-5
                             # or define your own in a [phase_model] table (see the README)
# description = "What the study is about"
# nlp_pipeline = "nl_core_news_sm"   # only if that trained spaCy pipeline is installed

[transcripts]
paths = ["interviews/*.vtt", "interviews/*.srt", "interviews/*.txt", "interviews/*.md", "interviews/*.docx"]
# interviewer = ["Interviewer", "Onderzoeker"]   # speaker labels of the interviewer (else detected)
# participants = {{ "interview-jan" = "P07" }}      # file name (without extension) -> participant id

[survey]
paths = ["survey/*.csv", "survey/*.xlsx", "survey/*.sav"]
format = "auto"      # auto | qualtrics | qualtrics-legacy | surveymonkey | googleforms | limesurvey | typeform | msforms | spss | plain
# respondent_id = "ResponseId"   # the column with respondent ids (else detected)

# Per-question settings, keyed by question id:
# [survey.questions]
# Q1 = {{ role = "attribute" }}                    # attribute | ignore | id
# Q5 = {{ phase = "purchase", metric = "csat" }}   # phase for per-phase metrics; metric: nps | csat | ces
# Q6 = {{ kind = "nps", metric = "nps", phase = "use_evaluation" }}

# How interview participants link to survey respondents:
# [link]
# column = "interview_id"          # a survey column that holds the participant id
# map = {{ P01 = "R_0001" }}         # or an explicit participant -> respondent map

# [funnel]
# path = "funnel.csv"              # columns: phase, step, count, kind (funnel | micro | macro)

# Brand and product names never removed from quotes (the brand in the study's name is kept anyway):
# [privacy]
# keep = ["Penny", "Kofi Pay"]
'''


def new_study(path: str | Path, *, name: str | None = None, language: str = "nl") -> Path:
    """Create a study folder with a commented ``study.toml`` and empty ``interviews/`` and ``survey/``.

    Raises
    ------
    StudyConfigError
        If the folder already holds a study.toml.
    """
    folder = Path(path)
    toml = folder / CONFIG_NAME
    if toml.exists():
        raise StudyConfigError(
            "a study.toml exists already", path=toml, hint="Choose a new folder, or edit the existing file."
        )
    if language not in ("nl", "en"):
        raise StudyConfigError(f"language '{language}' is not nl or en", key="language")
    (folder / "interviews").mkdir(parents=True, exist_ok=True)
    (folder / "survey").mkdir(parents=True, exist_ok=True)
    toml.write_text(_default_toml(name or folder.name, language), encoding="utf-8")
    return toml


def copy_study(source: str | Path, target: str | Path, *, replace: bool = True) -> Path:
    """Copy a study folder to ``target`` without its ``.workbench`` store (a clean working copy).

    The notebooks use this to try the demo studies without writing into the shipped folders.
    With ``replace=True`` an existing ``target`` is removed first.
    """
    import shutil

    src = Path(source)
    if not (src / CONFIG_NAME).is_file():
        raise StudyConfigError("not a study folder (no study.toml)", path=src,
                               hint="Point at a folder that holds a study.toml.")
    dst = Path(target)
    if dst.exists():
        if not replace:
            raise StudyConfigError("the target folder exists already", path=dst,
                                   hint="Choose another folder or pass replace=True.")
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".workbench", "__pycache__", ".ipynb_checkpoints"))
    return dst
