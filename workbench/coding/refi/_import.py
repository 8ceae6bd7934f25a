"""Importing a REFI-QDA project or codebook into a study; see :mod:`workbench.coding.refi`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ...errors import QdpxError, StudyConfigError
from ._align import position_map
from ._codes import merge_codes, read_qdc_codes, split_paths
from ._kinds import KIND_NAMES
from ._read import OFFSET_UNITS, Project, Source, choose_unit, convert, read_project
from ._sources import Target, match, open_study, search, study_codebook, targets
from ._sources import add_sources as write_sources
from ._xml import Limits

__all__ = ["ImportReport", "import_qdpx", "import_qdc", "import_file"]


@dataclass
class ImportReport:
    """What an import did.

    Attributes
    ----------
    matched : list of (source name, study source, how)
        ``how`` is ``'text'`` (same text), ``'contains'`` (the source contains the study's
        text), ``'excerpt'`` (the study's text contains the source) or ``'name'`` (same name;
        each selection is found by its text).
    unmatched : list of (source name, reason)
        Sources whose codings were not imported.
    problems : list of str
        Things read in an unexpected way (codes sharing a guid, …): read them.
    """

    path: Path
    origin: str = ""
    offsets: str = "codepoints"
    matched: list[tuple[str, str, str]] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    added_sources: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    codes_matched: int = 0
    codes_by: dict[str, int] = field(default_factory=dict)
    categories: int = 0
    codings_imported: int = 0
    codings_duplicate: int = 0
    coding_memos: int = 0
    coded_selections: int = 0
    selections_skipped: int = 0
    skip_reasons: list[str] = field(default_factory=list)
    memos_imported: int = 0
    memos_by: dict[str, int] = field(default_factory=dict)
    users: list[str] = field(default_factory=list)
    cases: int = 0
    variables: int = 0
    other_sources: int = 0
    problems: list[str] = field(default_factory=list)
    study: object = None

    def skip(self, reason: str) -> None:
        self.selections_skipped += 1
        if len(self.skip_reasons) < 20:
            self.skip_reasons.append(reason)

    def summary(self) -> str:
        """A short human summary, for the command line."""
        by = ", ".join(f"{n} by {k}" for k, n in self.codes_by.items() if n)
        memo_kinds = ", ".join(f"{n} {k}" for k, n in self.memos_by.items() if n)
        lines = [
            f"imported {self.path}" + (f" (from {self.origin})" if self.origin else ""),
            f"  offsets counted in {self.offsets}",
            f"  {len(self.matched)} sources matched, {len(self.unmatched)} not matched"
            + (f", {len(self.added_sources)} added to the study" if self.added_sources else ""),
            f"  codes: {self.codes_matched} matched{f' ({by})' if by else ''}, {len(self.codes_added)} added"
            + (f", {self.categories} categories" if self.categories else ""),
            f"  codings: {self.codings_imported} imported, {self.codings_duplicate} already present "
            f"(from {self.coded_selections} coded selections, {self.coding_memos} with a memo; a selection over "
            f"several turns is stored per turn), {self.selections_skipped} selections skipped",
            f"  memos: {self.memos_imported} imported" + (f" ({memo_kinds})" if memo_kinds else ""),
            f"  cases: {self.cases}, variables: {self.variables}, users: {len(self.users)}",
        ]
        for name in self.added_sources:
            lines.append(f"  + {name}")
        for name, target, how in self.matched:
            lines.append(f"  = {name} -> {target} (by {how})")
        for name, reason in self.unmatched:
            lines.append(f"  ! {name}: {reason}")
        for problem in self.problems:
            lines.append(f"  ! {problem}")
        for reason in self.skip_reasons[:5]:
            lines.append(f"  - skipped: {reason}")
        if self.other_sources:
            lines.append(f"  {self.other_sources} PDF/picture/audio/video sources ignored")
        return "\n".join(lines)


def when(value: str | None) -> str | None:
    """An xsd:dateTime as the store's ISO-8601 UTC form; ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    dt = dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)
    return dt.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _anchor(target: Target, s: int, e: int) -> tuple[str, int, int] | None:
    """A passage as ``(doc_id, start, end)`` relative to the first document it overlaps (the
    end may run past that document when the passage spans several)."""
    pieces = target.pieces(s, e)
    if not pieces:
        return None
    doc_id, a, _ = pieces[0]
    start = next(ds for d, ds, _ in target.docs if d == doc_id)
    return doc_id, a, min(e, len(target.text)) - start if len(pieces) > 1 else pieces[0][2]


def _placer(src: Source, target: Target, how: str, shift: int):
    """Where a selection's span (code points of ``src.text``) lies in the target's text."""
    if how == "name":
        return lambda s, e: search(src.text, s, e, target)
    return lambda s, e: (s + shift, e + shift)


def _aligned(src: Source, target: Target, study, report: ImportReport):
    """The placer for a text the study loader read with some characters changed (a byte-order
    mark, control characters, repaired mojibake): positions move with the text; an edge on a
    changed character has no place (the selection is skipped and reported)."""
    moved = position_map(src.text, target.text)
    loader = [w for w in study.warnings if w.startswith(f"{target.key}: ")]
    said = f" ({'; '.join(w[len(target.key) + 2:] for w in loader)})" if loader else ""
    template = _CHANGED.get(getattr(study, "language", "en"), _CHANGED["en"])
    report.problems.append(template.format(name=src.name, n=moved.changed, key=target.key, said=said))
    return moved.span


#: The loader's warnings inside it speak the study's language, so the sentence around them does too.
_CHANGED = {
    "en": "{name}: the study loader changed {n} characters of the text in {key}{said}; selections were moved "
          "with the text, those on changed characters skipped",
    "nl": "{name}: de studielader veranderde {n} tekens van de tekst in {key}{said}; selecties zijn met de tekst "
          "meeverplaatst, die op veranderde tekens overgeslagen",
}


@dataclass
class _Memo:
    text: str
    user: str
    created: str | None
    modified: str | None
    title: str
    guid: str | None
    doc: tuple[str, int, int] | None = None
    code: str | None = None
    source: str | None = None

    def kind(self) -> str:
        return ("passage" if self.doc else "code" if self.code else "document" if self.source else "project")


def import_qdpx(
    path,
    study,
    store,
    *,
    coder: str | None = None,
    offsets: str = "auto",
    add_sources: bool | None = None,
    hierarchy_separator: str | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import a REFI-QDA project into a study: sources, codes, codings, memos, cases, users.

    ``study`` is a loaded Study or a study folder (which may have no sources yet).
    ``add_sources`` writes sources that match no study text into the study folder (default:
    only when the study has no text yet). See :mod:`workbench.coding.refi` for the matching.
    """
    if offsets != "auto" and offsets not in OFFSET_UNITS:
        raise QdpxError(f"unknown offset unit '{offsets}'", key="offsets",
                        hint=f"Use auto or one of {', '.join(OFFSET_UNITS)}.")
    proj: Project = read_project(path, limits)
    study = open_study(study)
    report = ImportReport(Path(path), origin=proj.origin, other_sources=proj.other_sources,
                          problems=list(proj.problems))
    if proj.sets:
        report.problems.append(f"{proj.sets} sets (code or document groups) are not imported")
    report.offsets, modes = choose_unit(proj.sources, offsets)
    spans = {src.guid + str(i): convert(src, report.offsets, modes.get(src.guid, "raw"))
             for i, src in enumerate(proj.sources) if src.raw is not None}
    cands = targets(study)
    matches: list[tuple[Source, list, Target, str, object]] = []
    lost: list[tuple[Source, list]] = []
    for i, src in enumerate(proj.sources):
        if src.raw is None:
            report.unmatched.append((src.name, src.reason))
            continue
        target, how, shift = match(src, cands)
        if target is None:
            lost.append((src, spans[src.guid + str(i)]))
        else:
            matches.append((src, spans[src.guid + str(i)], target, how, _placer(src, target, how, shift)))
    if add_sources is None:
        add_sources = study.sources.empty
    if lost and add_sources:
        known = {src.guid: t.key for src, _, t, _, _ in matches}
        study, placed = write_sources(study, proj, lost, report, known)
        by_key = {t.key: t for t in targets(study)}
        for i, (src, sp) in enumerate(lost):
            if i not in placed:
                continue
            target = by_key.get(placed[i])
            if target is None:
                report.unmatched.append((src.name, f"written to {placed[i]} but the study does not load it"))
                continue
            how, place = "text", _placer(src, target, "text", 0)
            if target.text != src.text:  # the loader changed characters: move the selections with them
                how, place = "text as loaded", _aligned(src, target, study, report)
            matches.append((src, sp, target, how, place))
    else:
        report.unmatched.extend(
            (s.name, "matches no transcript, document or survey question (by text or name); "
             "--add-sources adds it to the study") for s, _ in lost)
    attributes = sum(proj.variables.get(g, ("",))[0].strip().casefold() not in KIND_NAMES
                     for src in proj.sources for g in src.values)
    if attributes:
        report.problems.append(f"{attributes} values of variables on texts (file attributes) are not kept")
    report.study = study

    codes = split_paths(proj.codes, hierarchy_separator) if hierarchy_separator else proj.codes
    merged, mapping = _merge(study, store, codes, report)
    code_of = {}  # a guid as referred to -> workbench code (the first code with that guid)
    for i, rc in enumerate(codes):
        code_of.setdefault(rc.guid, mapping[i])
        code_of.setdefault(rc.uid, mapping[i])
    fallback = coder or proj.origin or "imported"
    rows, memos = [], []
    for src, sp, target, how, place in matches:
        report.matched.append((src.name, target.key, how))
        if src.source_codings:
            report.skip(f"{src.name}: {src.source_codings} codings of the whole source (not of a span)")
        memos.extend(_Memo(*_note(proj, g, fallback), source=target.key) for g in src.notes if g in proj.notes)
        for sel, span in zip(src.selections, sp, strict=True):
            if span is None:
                report.skip(f"{src.name}: selection {sel.start}..{sel.end} outside the text")
                continue
            span = place(*span)
            pieces = target.pieces(*span) if span is not None else []
            if not pieces:
                if sel.codings or sel.notes or sel.description.strip():
                    where = "on characters the loader changed in" if how == "text as loaded" else "not found in"
                    report.skip(f"{src.name}: selection {sel.start}..{sel.end} {where} {target.key}")
                continue
            _selection(proj, sel, pieces, target, span, code_of, fallback, rows, memos, report)
    store.save_codebook(merged)
    for user in proj.users.values():
        if user and user not in report.users:
            report.users.append(user)
    for user in report.users:
        store.add_coder(user)
    if rows:
        before = set(store.codings()["coding_id"].tolist())
        frame = pd.DataFrame(rows)
        ids = store.import_codings(frame)
        new = {i for i in ids if i not in before}
        report.codings_imported, report.codings_duplicate = len(new), len(ids) - len(new)
        coded = frame.drop_duplicates(["selection", "code", "coder"]) if frame["selection"].notna().all() else frame
        report.coded_selections = len(coded)
        report.coding_memos = int(coded["memo"].notna().sum())
    placed = {m.guid for m in memos if m.guid}
    for i, rc in enumerate(codes):
        memos.extend(_Memo(*_note(proj, g, fallback), code=mapping[i]) for g in rc.notes if g in proj.notes)
        placed.update(rc.notes)
    placed.update(g for src, *_ in matches for g in src.notes)
    placed.update(g for src, *_ in matches for sel in src.selections for c in sel.codings for g in c[3])
    for g in [*proj.project_notes, *(g for g in proj.notes if g not in placed)]:
        if g in proj.notes and g not in {m.guid for m in memos}:
            memos.append(_Memo(*_note(proj, g, fallback)))
    _store_memos(store, memos, report)
    from ._cases import import_cases

    import_cases(proj, study, store, {src.guid: t.key for src, _, t, _, _ in matches}, report)
    store.save_exchange_sources({t.key: (src.guid, src.name, src.description) for src, _, t, _, _ in reversed(matches)})
    return report


def _merge(study, store, codes, report) -> tuple[object, dict[int, str]]:
    book = study_codebook(study, store)
    try:
        merged, mapping, added, how = merge_codes(book, codes, set(study.phase_model.ids))
    except StudyConfigError as exc:
        raise QdpxError(exc.message, path=report.path, key=exc.key, hint=exc.hint) from None
    report.codes_added, report.codes_matched, report.codes_by = added, len(mapping) - len(added), how
    report.categories = sum(not rc.codable for rc in codes)
    return merged, mapping


def _note(proj: Project, guid: str, fallback: str) -> tuple:
    n = proj.notes[guid]
    return (n.text, proj.users.get(n.user) or fallback, when(n.created), when(n.modified), n.name, guid)


def _selection(proj, sel, pieces, target, span, code_of, fallback, rows, memos, report) -> None:
    """Codings of a selection (its ``Description`` and the notes of a ``Coding`` are the coding's
    memo) and the memos about its passage (its notes; its description when it has no coding)."""
    description = sel.description.strip()
    anchor = _anchor(target, *span)
    note_texts = {proj.notes[g].text.strip() for g in sel.notes if g in proj.notes}
    if not sel.codings and description and description not in note_texts:
        user = proj.users.get(sel.user) or fallback
        memos.append(_Memo(sel.description, user, when(sel.created), None, "", None, doc=anchor))
    memos.extend(_Memo(*_note(proj, g, fallback), doc=anchor) for g in sel.notes if g in proj.notes)
    for code_guid, user, created, notes in sel.codings:
        code = code_of.get(code_guid)
        if code is None:
            report.skip(f"selection {sel.start}..{sel.end}: coding refers to an unknown code {code_guid}")
            continue
        texts = [description] if description else []
        texts += [proj.notes[g].text.strip() for g in notes if g in proj.notes]
        memo = "\n\n".join(dict.fromkeys(t for t in texts if t)) or None
        name = proj.users.get(user) or fallback
        if name not in report.users:
            report.users.append(name)
        for doc_id, a, b in pieces:
            rows.append({"doc_id": doc_id, "start_char": a, "end_char": b, "code": code, "coder": name,
                         "origin": "imported", "decision": "accepted", "created": when(created),
                         "memo": memo, "selection": sel.guid or None})


def _store_memos(store, memos: list[_Memo], report: ImportReport) -> None:
    existing = store.memos()
    guids = set(existing["guid"].dropna())
    seen = {
        (str(t), _na(d), _na(c), _na(s))
        for t, d, c, s in zip(existing["text"], existing["doc_id"], existing["code"], existing["source"],
                              strict=True)
    }
    for m in memos:
        key = (m.text, m.doc[0] if m.doc else None, m.code, m.source)
        if (m.guid and m.guid in guids) or key in seen:
            continue
        doc, start, end = m.doc if m.doc else (None, None, None)
        store.add_memo(m.text, m.user, doc_id=doc, code=m.code, start=start, end=end, source=m.source,
                       title=m.title or None, guid=m.guid, created=m.created, updated=m.modified)
        seen.add(key)
        if m.guid:
            guids.add(m.guid)
        report.memos_imported += 1
        report.memos_by[m.kind()] = report.memos_by.get(m.kind(), 0) + 1


def _na(value) -> str | None:
    return None if pd.isna(value) else str(value)


def import_qdc(path, store, *, study=None, hierarchy_separator: str | None = None,
               limits: Limits | None = None) -> ImportReport:
    """Merge a REFI-QDA codebook (``.qdc``) into the study's codebook (same rules as a project)."""
    codes, problems = read_qdc_codes(path, limits)
    if hierarchy_separator:
        codes = split_paths(codes, hierarchy_separator)
    report = ImportReport(Path(path), problems=problems)
    study = open_study(study) if study is not None else None
    if study is None:
        from ..codebook import Codebook

        book = store.codebook() or Codebook()
        merged, _, added, how = merge_codes(book, codes)
        report.codes_added, report.codes_matched, report.codes_by = added, len(codes) - len(added), how
        report.categories = sum(not rc.codable for rc in codes)
    else:
        merged, _ = _merge(study, store, codes, report)
    store.save_codebook(merged)
    report.study = study
    return report


def import_file(path, study, store, **options) -> ImportReport:
    """Import a ``.qdc`` codebook or a ``.qdpx`` project, by the file's extension."""
    if Path(path).suffix.lower() == ".qdc":
        keep = {k: v for k, v in options.items() if k in ("hierarchy_separator", "limits")}
        return import_qdc(path, store, study=study, **keep)
    return import_qdpx(path, study, store, **options)

