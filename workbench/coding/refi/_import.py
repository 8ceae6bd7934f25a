"""Importing a REFI-QDA project into a study's store; see :mod:`workbench.coding.refi`."""

from __future__ import annotations

import glob
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timezone
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

import pandas as pd

from ... import schema
from ...errors import QdpxError, WorkbenchError
from ._codes import merge_codes
from ._export import answer_sources, study_codebook
from ._read import OFFSET_UNITS, Project, Source, choose_unit, convert, read_project
from ._xml import Limits

__all__ = ["ImportReport", "import_qdpx"]

_EXT = re.compile(r"\.(txt|text|docx?|rtf|odt|vtt|srt|md|pdf|html?)$", re.I)


@dataclass
class ImportReport:
    """What :func:`import_qdpx` did.

    Attributes
    ----------
    matched : list of (source name, study source, how)
        ``how`` is ``'text'`` (same text), ``'contains'`` (the source contains the study's
        text), ``'excerpt'`` (the study's text contains the source) or ``'name'`` (same name;
        each selection is found by its text).
    unmatched : list of (source name, reason)
        Sources whose codings were not imported.
    """

    path: Path
    origin: str = ""
    offsets: str = "codepoints"
    matched: list[tuple[str, str, str]] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    added_sources: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    codes_matched: int = 0
    codings_imported: int = 0
    codings_duplicate: int = 0
    selections_skipped: int = 0
    skip_reasons: list[str] = field(default_factory=list)
    memos_imported: int = 0
    other_sources: int = 0
    study: object = None

    def skip(self, reason: str) -> None:
        self.selections_skipped += 1
        if len(self.skip_reasons) < 20:
            self.skip_reasons.append(reason)

    def summary(self) -> str:
        """A short human summary, for the command line."""
        lines = [
            f"imported {self.path}" + (f" (from {self.origin})" if self.origin else ""),
            f"  offsets counted in {self.offsets}",
            f"  {len(self.matched)} sources matched, {len(self.unmatched)} not matched"
            + (f", {len(self.added_sources)} added to the study" if self.added_sources else ""),
            f"  codes: {self.codes_matched} matched, {len(self.codes_added)} added",
            f"  codings: {self.codings_imported} imported, {self.codings_duplicate} already present, "
            f"{self.selections_skipped} selections skipped",
            f"  memos: {self.memos_imported} imported",
        ]
        for name, target, how in self.matched:
            lines.append(f"  = {name} -> {target} (by {how})")
        for name, reason in self.unmatched:
            lines.append(f"  ! {name}: {reason}")
        for reason in self.skip_reasons[:5]:
            lines.append(f"  - skipped: {reason}")
        if self.other_sources:
            lines.append(f"  {self.other_sources} PDF/picture/audio/video sources ignored")
        return "\n".join(lines)


@dataclass
class _Target:
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


def _name_key(name: str) -> str:
    name = PurePosixPath(name.replace("\\", "/")).name
    return _EXT.sub("", name).strip().casefold()


def _targets(study) -> list[_Target]:
    out = []
    seg = study.segments.sort_values(["source", "char_start"])
    by_source = {s: g for s, g in seg.groupby("source", sort=False)}
    for row in study.sources[study.sources["kind"] == "transcript"].itertuples(index=False):
        part = by_source.get(row.source)
        docs = [] if part is None else list(
            zip(part["segment_id"].astype(str), part["char_start"].astype(int), part["char_end"].astype(int), strict=True)
        )
        names = {_name_key(str(row.source)), str(row.participant_id).casefold()}
        out.append(_Target(str(row.source), str(row.text), names, docs))
    for ans in answer_sources(study):
        out.append(_Target(f"survey {ans.question_id}", ans.text, {ans.question_id.casefold()}, ans.docs))
    return out


def _match(src: Source, targets: list[_Target]) -> tuple[_Target | None, str, int]:
    """The study text a source is, how it was found and the shift to add to its positions."""
    text = src.text
    for t in targets:
        if t.text == text:
            return t, "text", 0
    inside = [t for t in targets if t.text.strip() and t.text in text]
    if inside:
        t = max(inside, key=lambda t: len(t.text))
        return t, "contains", -text.find(t.text)
    core = text.strip()
    if core:
        lead = len(text) - len(text.lstrip())
        for t in targets:
            if len(core) * 2 >= len(t.text) and core in t.text:
                return t, "excerpt", t.text.find(core) - lead
    key = _name_key(src.name)
    for t in targets:
        if key and key in t.names:
            return t, "name", 0
    return None, "", 0


def _search(text: str, s: int, e: int, target: _Target) -> tuple[int, int] | None:
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


def _when(value: str | None) -> str | None:
    """An xsd:dateTime as the store's ISO-8601 UTC form; ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    dt = dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _add_sources(study, sources: list[Source], report: ImportReport):
    """Write unmatched sources as .txt transcripts; return the reloaded study (or the same one)."""
    from ...io.transcripts import parse_transcript_bytes
    from ...study import load_study

    folder = study.path
    target_dir = None
    for pat in study.config.transcript_paths:
        parent = PurePosixPath(pat).parent
        if not glob.has_magic(str(parent)) and fnmatch(str(parent / "x.txt"), pat):
            target_dir = parent
            break
    if folder is None or target_dir is None:
        report.unmatched.extend((s.name, "not added: no [transcripts] pattern takes .txt files") for s in sources)
        return study
    taken = {PurePosixPath(str(s)).stem.casefold() for s in study.sources["source"]}
    written = []
    for src in sources:
        stem = re.sub(r"[^\w-]+", "_", _EXT.sub("", src.name)).strip("_") or "source"
        base, n = stem, 2
        while stem.casefold() in taken or (folder / target_dir / f"{stem}.txt").exists():
            stem, n = f"{base}-{n}", n + 1
        data = src.text.encode("utf-8")
        try:
            parse_transcript_bytes(data, f"{stem}.txt")
        except WorkbenchError as exc:
            report.unmatched.append((src.name, f"not added: not a transcript ({exc.message})"))
            continue
        (folder / target_dir).mkdir(parents=True, exist_ok=True)
        (folder / target_dir / f"{stem}.txt").write_bytes(data)
        taken.add(stem.casefold())
        written.append(src.name)
        report.added_sources.append(f"{target_dir}/{stem}.txt")
    return load_study(folder) if written else study


def import_qdpx(
    path,
    study,
    store,
    *,
    coder: str | None = None,
    offsets: str = "auto",
    add_sources: bool = False,
    limits: Limits | None = None,
) -> ImportReport:
    """Import a REFI-QDA project's codes, codings and notes into the study's store.

    See :mod:`workbench.coding.refi` for how sources, codes and offsets are matched.
    """
    if offsets != "auto" and offsets not in OFFSET_UNITS:
        raise QdpxError(f"unknown offset unit '{offsets}'", key="offsets",
                        hint=f"Use auto or one of {', '.join(OFFSET_UNITS)}.")
    proj: Project = read_project(path, limits)
    report = ImportReport(Path(path), origin=proj.origin, other_sources=proj.other_sources)
    report.offsets, modes = choose_unit(proj.sources, offsets)
    targets = _targets(study)
    matches: list[tuple[Source, _Target, str, int]] = []
    lost: list[Source] = []
    for src in proj.sources:
        if src.raw is None:
            report.unmatched.append((src.name, src.reason))
            continue
        target, how, shift = _match(src, targets)
        if target is None:
            lost.append(src)
        else:
            matches.append((src, target, how, shift))
    if lost and add_sources:
        study = _add_sources(study, lost, report)
        targets = _targets(study)
        for src in lost:
            target, how, shift = _match(src, targets)
            if target is not None:
                matches.append((src, target, how, shift))
            elif not any(name == src.name for name, _ in report.unmatched):
                report.unmatched.append((src.name, "matches no transcript or survey question"))
    else:
        report.unmatched.extend((s.name, "matches no transcript or survey question (by text or name)")
                                for s in lost)
    report.study = study

    book = study_codebook(study, store)
    merged, mapping, added = merge_codes(book, proj.codes, set(study.phase_model.ids))
    report.codes_added, report.codes_matched = added, len(mapping) - len(added)
    fallback = coder or proj.origin or "imported"
    rows, note_docs = [], {}
    for src, target, how, shift in matches:
        report.matched.append((src.name, target.key, how))
        if src.source_codings:
            report.skip(f"{src.name}: {src.source_codings} codings of the whole source (not of a span)")
        spans = convert(src, report.offsets, modes.get(src.guid, "raw"))
        for sel, span in zip(src.selections, spans, strict=True):
            if span is None:
                report.skip(f"{src.name}: selection {sel.start}..{sel.end} outside the text")
                continue
            if how == "name":
                span = _search(src.text, *span, target)
            else:
                span = (span[0] + shift, span[1] + shift)
            pieces = target.pieces(*span) if span is not None else []
            if not pieces:
                if sel.codings:
                    report.skip(f"{src.name}: selection {sel.start}..{sel.end} not found in {target.key}")
                continue
            for note in sel.notes:
                note_docs.setdefault(note, pieces[0][0])
            for code_guid, user, created in sel.codings:
                code = mapping.get(code_guid)
                if code is None:
                    report.skip(f"{src.name}: coding refers to an unknown code {code_guid}")
                    continue
                name = proj.users.get(user) or fallback
                for doc_id, a, b in pieces:
                    rows.append({"doc_id": doc_id, "start_char": a, "end_char": b, "code": code, "coder": name,
                                 "origin": "imported", "decision": "accepted", "created": _when(created)})
    if added or store.codebook() is None:
        store.save_codebook(merged)
    if rows:
        before = set(store.codings()["coding_id"].tolist())
        ids = store.import_codings(schema.conform(pd.DataFrame(rows), schema.CODINGS))
        new = {i for i in ids if i not in before}
        report.codings_imported, report.codings_duplicate = len(new), len(ids) - len(new)
    _import_notes(proj, store, mapping, note_docs, fallback, report)
    return report


def _import_notes(proj: Project, store, mapping: dict[str, str], note_docs: dict[str, str], fallback: str,
                  report: ImportReport) -> None:
    note_codes = {}
    for code_guid, guids in proj.code_notes.items():
        for g in guids:
            if code_guid in mapping:
                note_codes.setdefault(g, mapping[code_guid])
    existing = store.memos()
    seen = {(str(t), None if pd.isna(d) else str(d), None if pd.isna(c) else str(c))
            for t, d, c in zip(existing["text"], existing["doc_id"], existing["code"], strict=True)}
    for guid, (text, user, _created) in proj.notes.items():
        key = (text, note_docs.get(guid), note_codes.get(guid))
        if key in seen:
            continue
        store.add_memo(text, proj.users.get(user) or fallback, doc_id=key[1], code=key[2])
        seen.add(key)
        report.memos_imported += 1
