"""Writing a study and its store as a REFI-QDA project (``.qdpx``); see :mod:`workbench.coding.refi`."""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from ...errors import QdpxError
from ..codebook import default_codebook
from ._cases import cases_elements
from ._codes import codes_element
from ._kinds import KIND_VARIABLE
from ._sources import answer_sources, study_codebook, study_sources_frame
from ._xml import PROJECT_NS, clean_xml_text, make_guid, to_bytes

__all__ = ["ExportReport", "export_qdpx"]

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same study gives the same bytes


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


@dataclass
class ExportReport:
    """What :func:`export_qdpx` wrote."""

    path: Path
    sources: int = 0
    codes: int = 0
    codes_left_out: int = 0
    categories: int = 0
    codings: int = 0
    coding_memos: int = 0
    users: int = 0
    cases: int = 0
    variables: int = 0
    notes: int = 0
    skipped: list[str] = field(default_factory=list)

    suggestions: int = 0
    reviewed: int = 0

    def summary(self, lang: str = "en") -> str:
        """One line per figure, for the command line, in ``lang`` (the study's language); says
        when the tagger's suggestions were left out (only reviewed codes are exported)."""
        from ...journey import labels as L

        lines = [L.text("export_wrote", lang, path=self.path),
                 L.text("export_counts", lang, sources=self.sources, codes=self.codes, categories=self.categories,
                        codings=self.codings, coding_memos=self.coding_memos, notes=self.notes, users=self.users,
                        cases=self.cases, variables=self.variables)]
        if self.codes_left_out:
            lines.append(L.text("export_left_out", lang, n=self.codes_left_out))
        if self.skipped:
            lines.append(L.text("export_skipped", lang, n=len(self.skipped), x=", ".join(self.skipped[:3])))
        if self.suggestions:
            lines.append(L.text("export_suggestions", lang, n=self.suggestions, d=self.reviewed))
        return "\n".join(lines)


class _Builder:
    def __init__(self, study, store, lang: str | None, all_codes: bool, scrub: bool = False) -> None:
        self.study, self.store = study, store
        self.sid = study.name
        codings = store.codings()
        self.codings = codings[codings["decision"] == "accepted"]
        self.report = ExportReport(Path(), suggestions=len(store.suggestions()), reviewed=len(codings))
        notes = store.coding_notes().set_index("coding_id")
        self.coding_memo = notes["memo"].dropna().to_dict()
        self.coding_selection = notes["selection"].dropna().to_dict()
        self.memos = store.memos()
        self.book = study_codebook(study, store, lang).copy()
        for code in self.codings["code"].dropna().unique():  # codes used without a saved codebook
            if code not in self.book:
                self.book.add(str(code), guid=make_guid(self.sid, "code", code))
        self.include = None if all_codes else self._codes_in_use(lang)
        coders = list(store.coders())
        for name in [*self.codings["coder"].dropna(), *self.memos["coder"].dropna()]:
            if name not in coders:
                coders.append(str(name))
        self.users = {name: make_guid("user", name) for name in sorted(coders)}  # sorted: the same bytes
        known = store.exchange_sources()
        # doc_id -> (source guid, offset of the doc's text in the source text, doc length)
        self.where: dict[str, tuple[str, int, int]] = {}
        self.texts: dict[str, tuple[str, str, str]] = {}  # guid -> (name, description, text)
        self.source_guid: dict[str, str] = {}  # study source (path or 'survey Q') -> guid
        self.by_participant: dict[str, list[str]] = {}
        kinds: dict[str, str] = {}  # source guid -> transcript | document | notes
        seg = study.segments
        from ...privacy.policy import hide_file_names

        renamed = getattr(study, "renamed", {})  # file stems that hold a name -> their segment-id key
        for row in study_sources_frame(study).itertuples(index=False):
            part = seg[seg["source"] == row.source]
            # named as its segment ids are (the participant id where the file name holds a name);
            # the file itself only in the description, and only when the texts stay as said
            key = str(part["segment_id"].iloc[0]).rsplit("#", 1)[0] if len(part) else PurePosixPath(row.source).stem
            guid, name, desc = known.get(row.source) or (make_guid(self.sid, "source", row.source), key,
                                                         str(row.source))
            if scrub:
                name, desc = hide_file_names(name, renamed), hide_file_names(desc, renamed)
            self.texts[guid] = (name, desc, str(row.text))
            self.source_guid[str(row.source)] = guid
            kinds[guid] = str(row.kind)
            self.by_participant.setdefault(str(row.participant_id), []).append(guid)
            for sid, a, b in zip(part["segment_id"], part["char_start"], part["char_end"], strict=True):
                self.where[str(sid)] = (guid, int(a), int(b) - int(a))
        for ans in answer_sources(study):
            key = f"survey {ans.question_id}"
            guid, name, desc = known.get(key) or (make_guid(self.sid, "survey", ans.question_id), ans.question_id,
                                                  ans.question_text)
            self.texts[guid] = (name, desc, ans.text)
            self.source_guid[key] = guid
            kinds[guid] = "document"  # the respondents' own words, without speaker turns
            for doc_id, a, b in ans.docs:
                self.where[doc_id] = (guid, a, b - a)
        # each text's kind as a variable of the source, once the study has texts without turns
        self.source_values = ({g: {KIND_VARIABLE: k} for g, k in kinds.items()}
                              if any(k != "transcript" for k in kinds.values()) else {})
        self.variable_guid: dict[str, str] = {}  # variable name -> guid (set by cases_elements)
        self.selections: dict[str, list[ET.Element]] = {g: [] for g in self.texts}
        self.source_notes: dict[str, list[str]] = {g: [] for g in self.texts}

    def _codes_in_use(self, lang: str | None) -> set[str]:
        """Codes used by a coding or memo, their ancestors, and every code that is not one of the
        workbench's default codes (the researcher's own codes and those from QDA tools)."""
        defaults = {c.guid for c in default_codebook(self.study.phase_model, lang or self.study.language)}
        used = set(self.codings["code"].dropna()) | set(self.memos["code"].dropna())
        keep = {c.name for c in self.book if c.name in used or c.guid not in defaults}
        for name in list(keep):
            keep.update(self.book.ancestors(name))
        return keep

    # -- pieces ---------------------------------------------------------------------------
    def _selection(self, source: str, start: int, end: int, guid: str, name: str | None, user: str | None,
                   created: str | None, description: str | None = None) -> ET.Element:
        attrs = {"guid": guid, "startPosition": str(start), "endPosition": str(end)}
        if name:
            attrs["name"] = clean_xml_text(name)
        if user:
            attrs["creatingUser"] = user
        if created:
            attrs["creationDateTime"] = created
        el = ET.Element(_q("PlainTextSelection"), attrs)
        if description:
            ET.SubElement(el, _q("Description")).text = clean_xml_text(description)
        self.selections[source].append(el)
        return el

    def add_codings(self) -> None:
        groups: dict[tuple, dict] = {}
        for row in self.codings.itertuples(index=False):
            doc = str(row.doc_id)
            if doc not in self.where:
                self.report.skipped.append(doc)
                continue
            src, off, n = self.where[doc]
            start, end = max(int(row.start_char), 0), min(int(row.end_char), n)
            if end <= start:
                self.report.skipped.append(doc)
                continue
            created = None if pd.isna(row.created) else str(row.created)
            sel = self.coding_selection.get(row.coding_id)
            key = (src, sel, row.code, row.coder) if sel else (src, None, doc, start, end, row.code, row.coder)
            g = groups.setdefault(key, {"src": src, "doc": doc, "start": off + start, "end": off + end,
                                        "code": str(row.code), "coder": str(row.coder), "created": created,
                                        "sel": sel, "memo": None})
            g["start"], g["end"] = min(g["start"], off + start), max(g["end"], off + end)
            g["memo"] = g["memo"] or self.coding_memo.get(row.coding_id)
        taken: set[str] = set()
        for g in groups.values():
            code = self.book[g["code"]]
            if g["sel"] and g["sel"] not in taken:
                guid = g["sel"]
            elif g["sel"]:
                guid = make_guid(g["sel"], code.guid, g["coder"])
            else:
                guid = make_guid(self.sid, g["doc"], g["start"], g["end"], g["code"], g["coder"], "sel")
            taken.add(guid)
            user = self.users[g["coder"]]
            el = self._selection(g["src"], g["start"], g["end"], guid, g["doc"], user, g["created"], g["memo"])
            coding = ET.SubElement(el, _q("Coding"), guid=make_guid(guid, code.guid, g["coder"], "coding"),
                                   creatingUser=user)
            if g["created"]:
                coding.set("creationDateTime", g["created"])
            ET.SubElement(coding, _q("CodeRef"), targetGUID=code.guid)
            self.report.codings += 1
            self.report.coding_memos += bool(g["memo"])

    def notes(self) -> tuple[ET.Element | None, dict[str, list[str]], list[str]]:
        """``<Notes>``, the note guids per code, and the project-level note guids.

        Every memo is a Note with its text (``PlainTextContent``). A memo about a passage or a
        document is also a selection of that text without a coding, whose ``Description`` is
        the memo (QualCoder shows it as an annotation) and whose ``NoteRef`` points at the Note.
        """
        if self.memos.empty:
            return None, {}, []
        notes = ET.Element(_q("Notes"))
        per_code: dict[str, list[str]] = {}
        project: list[str] = []
        for m in self.memos.itertuples(index=False):
            guid = m.guid if not pd.isna(m.guid) else make_guid(self.sid, "memo", m.memo_id, m.created)
            user = self.users[str(m.coder)]
            attrs = {"guid": guid, "name": clean_xml_text(m.title if not pd.isna(m.title) else f"Memo {m.memo_id}"),
                     "creatingUser": user}
            if not pd.isna(m.created):
                attrs["creationDateTime"] = str(m.created)
            if not pd.isna(m.updated):
                attrs["modifiedDateTime"] = str(m.updated)
            note = ET.SubElement(notes, _q("Note"), attrs)
            ET.SubElement(note, _q("PlainTextContent")).text = clean_xml_text(m.text)
            placed = False
            if not pd.isna(m.doc_id) and str(m.doc_id) in self.where:
                src, off, n = self.where[str(m.doc_id)]
                a, b = (0, n) if pd.isna(m.start_char) else (int(m.start_char), int(m.end_char))
                b = min(b, len(self.texts[src][2]) - off)
                if b > a:
                    sel = self._selection(src, off + a, off + b, make_guid(guid, "passage"), None, user,
                                          None if pd.isna(m.created) else str(m.created), str(m.text))
                    ET.SubElement(sel, _q("NoteRef"), targetGUID=guid)
                    placed = True
            if not pd.isna(m.code) and str(m.code) in self.book and (
                    self.include is None or str(m.code) in self.include):
                per_code.setdefault(str(m.code), []).append(guid)
                placed = True
            if not pd.isna(m.source) and str(m.source) in self.source_guid:
                self.source_notes[self.source_guid[str(m.source)]].append(guid)
                placed = True
            if not placed:
                project.append(guid)
            self.report.notes += 1
        return notes, per_code, project

    # -- the project ----------------------------------------------------------------------
    def build(self) -> tuple[bytes, dict[str, str]]:
        self.add_codings()
        notes, per_code, project_notes = self.notes()
        variables, cases = cases_elements(self)
        root = ET.Element(_q("Project"), name=clean_xml_text(self.study.name), origin="Journey Workbench")
        if self.users:
            users = ET.SubElement(root, _q("Users"))
            for name, guid in self.users.items():
                ET.SubElement(users, _q("User"), guid=guid, name=clean_xml_text(name))
        codes = codes_element(self.book, PROJECT_NS, note_refs=per_code, include=self.include)
        if len(codes):
            ET.SubElement(root, _q("CodeBook")).append(codes)
        for el in (variables, cases):
            if el is not None:
                root.append(el)
        files: dict[str, str] = {}
        if self.texts:
            sources = ET.SubElement(root, _q("Sources"))
            for guid, (name, desc, text) in self.texts.items():
                src = ET.SubElement(sources, _q("TextSource"), guid=guid, name=clean_xml_text(name),
                                    plainTextPath=f"internal://{guid}.txt")
                if desc:
                    ET.SubElement(src, _q("Description")).text = clean_xml_text(desc)
                for sel in sorted(self.selections[guid], key=lambda e: (int(e.get("startPosition")),
                                                                         int(e.get("endPosition")), e.get("guid"))):
                    src.append(sel)
                for note in self.source_notes[guid]:
                    ET.SubElement(src, _q("NoteRef"), targetGUID=note)
                for var, value in self.source_values.get(guid, {}).items():
                    vv = ET.SubElement(src, _q("VariableValue"))
                    ET.SubElement(vv, _q("VariableRef"), targetGUID=self.variable_guid[var])
                    ET.SubElement(vv, _q("TextValue")).text = clean_xml_text(value)
                files[f"sources/{guid}.txt"] = text
        if notes is not None:
            root.append(notes)
        desc = self.study.config.description or self.store.setting("refi.description")
        if desc and str(desc).strip():
            ET.SubElement(root, _q("Description")).text = clean_xml_text(str(desc).strip())
        for guid in project_notes:
            ET.SubElement(root, _q("NoteRef"), targetGUID=guid)
        r = self.report
        r.sources, r.users = len(self.texts), len(self.users)
        written = [c for c in self.book if self.include is None or c.name in self.include]
        r.codes, r.categories = len(written), sum(not c.codable for c in written)
        r.codes_left_out = len(self.book) - len(written)
        return to_bytes(root, PROJECT_NS), files


def export_qdpx(study, store, path, *, lang: str | None = None, all_codes: bool = False,
                scrub: bool = False) -> ExportReport:
    """Write the study and its coding as a REFI-QDA project; see :mod:`workbench.coding.refi`.

    Unused default codes are left out unless ``all_codes=True``. ``scrub``: remove personal data
    from texts, notes and case values under the study's privacy policy, codings moved along (off
    by default: a QDA tool needs the original text). A source is named as its segment ids are
    (``P01``, not the file ``P01_anna.vtt``); its description is the file's path, with a file name
    that holds a name replaced by that id when ``scrub`` is on.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise QdpxError("the folder does not exist", path=path.parent, hint="Create it first, or choose another path.")
    builder = _Builder(study, store, lang, all_codes, scrub)
    qde, files = builder.build()
    if scrub:
        from ...privacy import Policy
        from ...privacy._refi import scrub_project

        qde, files = scrub_project(qde, files, Policy.for_study(study), PROJECT_NS)
    fd, tmp = tempfile.mkstemp(prefix=".qdpx-", dir=path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(zipfile.ZipInfo("project.qde", _ZIP_TIME), qde, compress_type=zipfile.ZIP_DEFLATED)
            for name, text in files.items():
                zf.writestr(zipfile.ZipInfo(name, _ZIP_TIME), text.encode("utf-8"),
                            compress_type=zipfile.ZIP_DEFLATED)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise QdpxError(f"cannot write the project: {exc.strerror}", path=path, hint="Check the folder.") from None
    builder.report.path = path
    return builder.report
