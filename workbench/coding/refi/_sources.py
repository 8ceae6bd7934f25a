"""The texts of a REFI-QDA project and the study's: matching them, and adding new ones.

A project's text source is matched to a study text (a transcript's or document's canonical
text, or an open question's answers as exported) by equal text, containment either way, or
name. Sources that match nothing can be written into the study folder: as an interview
transcript when the text is speaker turns that hold every selection, else as a document (a
participant's text without speaker turns) or notes (the researcher's; see :mod:`._kinds`),
declared in ``study.toml`` as ``[transcripts] documents`` / ``notes``.
"""

from __future__ import annotations

import glob
import re
from bisect import bisect_right
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

import pandas as pd

from ... import schema
from ...errors import StudyConfigError, WorkbenchError
from ..codebook import Codebook, default_codebook
from ._kinds import marked_kind, named_notes
from ._read import Source
from ._toml import declare

__all__ = ["AnswerSource", "answer_sources", "study_codebook", "Target", "targets", "match", "search", "open_study", "add_sources", "DOCUMENTS_DIR",
           "NOTES_DIR"]

_EXT = re.compile(r"\.(txt|text|docx?|rtf|odt|vtt|srt|md|pdf|html?)$", re.I)
#: Where texts without speaker turns from a project are written: a participant's documents,
#: the researcher's notes.
DOCUMENTS_DIR, NOTES_DIR = "docs", "notes"
_TEXT_KINDS = ("transcript", "document", "notes")


@dataclass
class Target:
    """A study text sources can be matched to; ``docs``: ``(doc_id, start, end)`` in ``text``."""

    key: str
    text: str
    names: set[str]
    docs: list[tuple[str, int, int]]  # sorted by start, non-overlapping

    def pieces(self, s: int, e: int) -> list[tuple[str, int, int]]:
        """``(doc_id, start, end)`` of each document the span overlaps, clipped to the document."""
        out = []
        starts = [d[1] for d in self.docs]
        i = max(bisect_right(starts, s) - 1, 0)
        for doc_id, ds, de in self.docs[i:]:
            if ds >= e:
                break
            a, b = max(s, ds), min(e, de)
            if b > a and self.text[a:b].strip():
                out.append((doc_id, a - ds, b - ds))
        return out


def name_key(name: str) -> str:
    """A source name as compared with file stems: no folder, no extension, case folded."""
    name = PurePosixPath(name.replace("\\", "/")).name
    return _EXT.sub("", name).strip().casefold()


def targets(study) -> list[Target]:
    """Every study text a project source can be: transcripts, documents, open questions."""
    out = []
    seg = study.segments.sort_values(["source", "char_start"])
    by_source = {s: g for s, g in seg.groupby("source", sort=False)}
    for row in study.sources[study.sources["kind"].isin(_TEXT_KINDS)].itertuples(index=False):
        part = by_source.get(row.source)
        docs = [] if part is None else list(
            zip(part["segment_id"].astype(str), part["char_start"].astype(int), part["char_end"].astype(int),
                strict=True)
        )
        names = {name_key(str(row.source)), str(row.participant_id).casefold()}
        if docs:  # the name an export gives it: its segment ids' key
            names.add(docs[0][0].rsplit("#", 1)[0].casefold())
        out.append(Target(str(row.source), str(row.text), names, docs))
    for ans in answer_sources(study):
        out.append(Target(f"survey {ans.question_id}", ans.text, {ans.question_id.casefold()}, ans.docs))
    return out


def match(src: Source, candidates: list[Target]) -> tuple[Target | None, str, int]:
    """The study text a source is, how it was found and the shift to add to its positions."""
    text = src.text
    for t in candidates:
        if t.text == text:
            return t, "text", 0
    inside = [t for t in candidates if t.text.strip() and t.text in text]
    if inside:
        t = max(inside, key=lambda t: len(t.text))
        return t, "contains", -text.find(t.text)
    core = text.strip()
    if core:
        lead = len(text) - len(text.lstrip())
        for t in candidates:
            if len(core) * 2 >= len(t.text) and core in t.text:
                return t, "excerpt", t.text.find(core) - lead
    key = name_key(src.name)
    for t in candidates:
        if key and key in t.names:
            return t, "name", 0
    return None, "", 0


def search(text: str, s: int, e: int, target: Target) -> tuple[int, int] | None:
    """Find ``text[s:e]`` in the target text, nearest to where it sits proportionally."""
    piece = text[s:e]
    needle = piece.strip()
    if not needle:
        return None
    expected = s * len(target.text) / max(len(text), 1)
    best, i = None, target.text.find(needle)
    while i != -1:
        if best is None or abs(i - expected) < abs(best - expected):
            best = i
        i = target.text.find(needle, i + 1)
    return None if best is None else (best, best + len(needle))


def open_study(study):
    """A :class:`~workbench.study.Study` from a Study, a folder or a ``study.toml``.

    A study folder without any source file yet (``workbench new S``) gives an empty study, so
    that a project can fill it.
    """
    from ...config import read_config
    from ...study import Study, load_study

    if not isinstance(study, (str, Path)):
        return study
    try:
        return load_study(study)
    except StudyConfigError as exc:
        if "no transcripts and no survey files" not in exc.message:
            raise
    config = read_config(study)
    return Study(config, schema.empty(schema.SOURCES), schema.empty(schema.SEGMENTS),
                 schema.empty(schema.RESPONDENTS), schema.empty(schema.QUESTIONS), schema.empty(schema.ANSWERS),
                 warnings=["the study had no source files yet"])


def _transcript_dir(study) -> str | None:
    for pat in study.config.transcript_paths:
        parent = PurePosixPath(pat).parent
        if not glob.has_magic(str(parent)) and fnmatch(str(parent / "x.txt"), pat):
            return str(parent)
    return None


def _is_transcript(src: Source, spans: list[tuple[int, int] | None]) -> tuple[bool, str]:
    """Whether a source reads as an interview: two or more speakers, turns that hold nearly all
    of the text and a part of every selection (else its codings would be lost)."""
    from ...io.transcripts import parse_transcript_bytes

    try:
        t = parse_transcript_bytes(src.text.encode("utf-8"), "source.txt")
    except WorkbenchError as exc:
        return False, exc.message
    seg = t.segments
    speakers = seg["speaker"].map(str.casefold).nunique()
    if speakers < 2:
        return False, "fewer than two speakers"
    if speakers > 2 and len(seg) < 2 * speakers:  # speakers come back in an interview or focus group;
        return False, "most speakers say one thing only"  # open answers labelled by respondent do not
    starts, ends = seg["char_start"].to_numpy(), seg["char_end"].to_numpy()
    inside = sum(len("".join(t.text[a:b].split())) for a, b in zip(starts, ends, strict=True))
    total = len("".join(t.text.split()))
    labels = sum(len(str(s)) for s in seg["speaker"])
    if inside + labels < 0.9 * total:
        return False, "text outside speaker turns"
    for span in spans:
        if span is not None and not any(a < span[1] and span[0] < b for a, b in zip(starts, ends, strict=True)):
            return False, "a selection outside the speaker turns"
    return True, ""


def _case_participants(proj, study, written: dict[str, tuple[str, str]], known: dict[str, str]) -> dict[str, str]:
    """File stem -> participant id for added texts that a project case ties to another text.

    A case is one participant: a diary in the case of an interview gets the interviewee's id
    (the participant of a study text the case's texts matched, else the case's first added
    interview, else its first added text). ``written``: source guid -> (stem, kind);
    ``known``: source guid -> the study text it matched.
    """
    of_source = dict(zip(study.sources["source"].astype(str), study.sources["participant_id"], strict=True))
    ids = study.config.participants
    out: dict[str, str] = {}
    for case in proj.cases:
        members = [g for g in case.sources if g in written]
        if not members:
            continue
        pid = next((str(of_source[known[g]]) for g in case.sources
                    if g in known and isinstance(of_source.get(known[g]), str)), None)
        if pid is None:
            first = next((g for g in members if written[g][1] == "transcript"), members[0])
            pid = ids.get(written[first][0], written[first][0])
        for g in members:
            out.setdefault(written[g][0], pid)
    return {stem: pid for stem, pid in out.items() if ids.get(stem, stem) != pid}


def _kind_of(src: Source, spans, proj, tdir: str | None) -> tuple[str, str]:
    """('transcript' | 'document' | 'notes', why) for a source to add (see :mod:`._kinds`)."""
    mark, marked = marked_kind(src.values, proj.variables)
    if mark in ("document", "notes"):
        return mark, marked
    interview, why = _is_transcript(src, spans)
    if interview and tdir is None:
        interview, why = False, "no [transcripts] pattern takes .txt files"
    if interview:
        return "transcript", ""
    if mark == "transcript":
        why = f"{marked}, but {why}"
    if named_notes(src.name):
        return "notes", f"named as notes; {why}"
    return "document", why


def add_sources(study, proj, sources: list[tuple[Source, list[tuple[int, int] | None]]], report,
                known: dict[str, str] | None = None) -> tuple[object, dict[int, str]]:
    """Write unmatched sources into the study folder; return the reloaded study and, per source
    written (by its index in ``sources``), its path in the study.

    ``sources`` pairs each source with its selections' spans (code points of ``src.text``);
    ``known`` maps the guids of the project's other sources to the study texts they matched.
    Interviews go to the folder of the first ``[transcripts]`` pattern that takes ``.txt``
    files; other texts to ``docs/`` (documents) or ``notes/`` (notes), declared in
    ``study.toml`` with the loader's keys, as are the participants of texts a case ties
    together. A text the loader would refuse is not written (reported).
    """
    from ...io.transcripts import parse_transcript_bytes
    from ...study import load_study

    folder = study.path
    if folder is None:
        report.unmatched.extend((s.name, "not added: the study has no folder") for s, _ in sources)
        return study, {}
    taken = {PurePosixPath(str(s)).stem.casefold() for s in study.sources["source"]}
    tdir = _transcript_dir(study)
    placed: dict[int, str] = {}
    written: dict[str, tuple[str, str]] = {}  # source guid -> (stem, kind)
    for i, (src, spans) in enumerate(sources):
        if not src.text.strip():
            report.unmatched.append((src.name, "not added: the text is empty"))
            continue
        kind, why = _kind_of(src, spans, proj, tdir)
        target_dir = {"transcript": tdir, "document": DOCUMENTS_DIR, "notes": NOTES_DIR}[kind]
        stem = re.sub(r"[^\w-]+", "_", _EXT.sub("", src.name)).strip("_") or "source"
        base, n = stem, 2
        while stem.casefold() in taken or (folder / target_dir / f"{stem}.txt").exists():
            stem, n = f"{base}-{n}", n + 1
        data = src.text.encode("utf-8")
        try:  # what the loader will make of the file: a text it refuses is not written
            parse_transcript_bytes(data, f"{stem}.txt", kind=kind)
        except WorkbenchError as exc:
            report.unmatched.append((src.name, f"not added: the study loader would refuse it ({exc.message})"))
            continue
        (folder / target_dir).mkdir(parents=True, exist_ok=True)
        (folder / target_dir / f"{stem}.txt").write_bytes(data)
        taken.add(stem.casefold())
        placed[i] = rel = f"{target_dir}/{stem}.txt"
        written.setdefault(src.guid, (stem, kind))
        report.added_sources.append(rel if kind == "transcript" else f"{rel} ({kind}: {why})")
    if not placed:
        return study, placed
    patterns = {key: f"{d}/*.txt" for key, d, k in (("documents", DOCUMENTS_DIR, "document"),
                                                     ("notes", NOTES_DIR, "notes"))
                if any(kind == k for _, kind in written.values())}
    participants = _case_participants(proj, study, written, known or {})
    problem = declare(study, patterns, participants) if patterns or participants else ""
    if problem:
        for i, rel in list(placed.items()):
            if not rel.startswith((f"{DOCUMENTS_DIR}/", f"{NOTES_DIR}/")):
                continue
            report.unmatched.append((sources[i][0].name, f"written to {rel} but not loaded: {problem}"))
            del placed[i]
        report.problems.append(f"study.toml: {problem}")
    return load_study(folder), placed


def study_sources_frame(study) -> pd.DataFrame:
    """The study's text sources (``SOURCES`` rows of transcripts, documents and notes)."""
    return study.sources[study.sources["kind"].isin(_TEXT_KINDS)]


@dataclass
class AnswerSource:
    """The open answers to one survey question as one text.

    Each answer is a block ``[<respondent_id>]\\n<answer>``; blocks are separated by a blank
    line. ``docs`` lists ``(doc_id, start, end)``: where each answer's text sits in ``text``.
    """

    question_id: str
    question_text: str
    text: str
    docs: list[tuple[str, int, int]]


def answer_sources(study) -> list[AnswerSource]:
    """One :class:`AnswerSource` per open question with answers, in question order."""
    open_ = study.answers[study.answers["kind"] == "open"]
    out = []
    order = {q: i for i, q in enumerate(study.questions["question_id"])}
    for qid, group in sorted(open_.groupby("question_id", sort=False), key=lambda kv: order.get(kv[0], 1e9)):
        parts, docs, pos = [], [], 0
        for rid, text in zip(group["respondent_id"], group["value_text"], strict=True):
            if pd.isna(text) or not str(text):
                continue
            head = f"[{rid}]\n"
            if parts:
                pos += 2
            start = pos + len(head)
            parts.append(head + str(text))
            docs.append((f"{rid}@{qid}", start, start + len(str(text))))
            pos = start + len(str(text))
        if docs:
            qtext = str(group["question_text"].iloc[0])
            out.append(AnswerSource(str(qid), qtext, "\n\n".join(parts), docs))
    return out


def study_codebook(study, store, lang: str | None = None) -> Codebook:
    """The store's codebook, or the default one for the study's phase model when none was saved."""
    book = store.codebook()
    if book is None:
        book = default_codebook(study.phase_model, lang or study.language)
    return book
