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
from ..codebook import Codebook, default_codebook
from ._codes import codes_element
from ._xml import PROJECT_NS, clean_xml_text, make_guid, to_bytes

__all__ = ["ExportReport", "AnswerSource", "answer_sources", "export_qdpx", "study_codebook"]

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same study gives the same bytes


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


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


@dataclass
class ExportReport:
    """What :func:`export_qdpx` wrote."""

    path: Path
    sources: int = 0
    codes: int = 0
    codings: int = 0
    users: int = 0
    cases: int = 0
    notes: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line per figure, for the command line."""
        lines = [
            f"wrote {self.path}",
            f"  {self.sources} sources, {self.codes} codes, {self.codings} codings, "
            f"{self.users} users, {self.cases} cases, {self.notes} notes",
        ]
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} codings on unknown documents "
                         f"(e.g. {', '.join(self.skipped[:3])})")
        return "\n".join(lines)


def study_codebook(study, store, lang: str | None = None) -> Codebook:
    """The store's codebook, or the default one for the study's phase model when none was saved."""
    book = store.codebook()
    if book is None:
        book = default_codebook(study.phase_model, lang or study.language)
    return book


class _Builder:
    def __init__(self, study, store, lang: str | None) -> None:
        self.study, self.store = study, store
        self.sid = study.name
        codings = store.codings()
        self.codings = codings[codings["decision"] == "accepted"]
        self.memos = store.memos()
        self.book = study_codebook(study, store, lang).copy()
        for code in self.codings["code"].dropna().unique():  # codes used without a saved codebook
            if code not in self.book:
                self.book.add(str(code), guid=make_guid(self.sid, "code", code))
        coders = list(store.coders())
        for name in [*self.codings["coder"].dropna(), *self.memos["coder"].dropna()]:
            if name not in coders:
                coders.append(str(name))
        self.users = {name: make_guid("user", name) for name in coders}
        # doc_id -> (source guid, offset of the doc's text in the source text, doc length)
        self.where: dict[str, tuple[str, int, int]] = {}
        self.texts: dict[str, tuple[str, str, str]] = {}  # guid -> (name, description, text)
        self.by_participant: dict[str, list[str]] = {}
        seg = study.segments
        for row in study.sources[study.sources["kind"] == "transcript"].itertuples(index=False):
            guid = make_guid(self.sid, "source", row.source)
            self.texts[guid] = (PurePosixPath(row.source).stem, str(row.source), str(row.text))
            self.by_participant.setdefault(str(row.participant_id), []).append(guid)
            part = seg[seg["source"] == row.source]
            for sid, a, b in zip(part["segment_id"], part["char_start"], part["char_end"], strict=True):
                self.where[str(sid)] = (guid, int(a), int(b) - int(a))
        for ans in answer_sources(study):
            guid = make_guid(self.sid, "survey", ans.question_id)
            self.texts[guid] = (ans.question_id, ans.question_text, ans.text)
            for doc_id, a, b in ans.docs:
                self.where[doc_id] = (guid, a, b - a)
        self.selections: dict[str, list[ET.Element]] = {g: [] for g in self.texts}
        self.doc_selection: dict[str, str] = {}  # doc_id -> guid of its whole-document selection
        self.report = ExportReport(Path())

    # -- pieces ---------------------------------------------------------------------------
    def _selection(self, source: str, start: int, end: int, guid: str, name: str, user: str | None,
                   created: str | None) -> ET.Element:
        attrs = {"guid": guid, "name": clean_xml_text(name), "startPosition": str(start), "endPosition": str(end)}
        if user:
            attrs["creatingUser"] = user
        if created:
            attrs["creationDateTime"] = created
        el = ET.Element(_q("PlainTextSelection"), attrs)
        self.selections[source].append(el)
        return el

    def _whole_doc(self, doc_id: str) -> ET.Element | None:
        if doc_id not in self.where:
            return None
        if doc_id not in self.doc_selection:
            src, off, n = self.where[doc_id]
            guid = make_guid(self.sid, "doc", doc_id)
            self._selection(src, off, off + n, guid, doc_id, None, None)
            self.doc_selection[doc_id] = guid
        guid = self.doc_selection[doc_id]
        src = self.where[doc_id][0]
        return next(el for el in self.selections[src] if el.get("guid") == guid)

    def add_codings(self) -> None:
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
            user = self.users[str(row.coder)]
            created = None if pd.isna(row.created) else str(row.created)
            key = (self.sid, doc, start, end, row.code, row.coder)
            sel = self._selection(src, off + start, off + end, make_guid(*key, "sel"), doc, user, created)
            coding = ET.SubElement(sel, _q("Coding"), guid=make_guid(*key, "coding"), creatingUser=user)
            if created:
                coding.set("creationDateTime", created)
            ET.SubElement(coding, _q("CodeRef"), targetGUID=self.book[str(row.code)].guid)
            self.report.codings += 1

    def notes(self) -> tuple[ET.Element | None, dict[str, list[str]], list[str]]:
        """``<Notes>``, the note guids per code, and the project-level note guids."""
        if self.memos.empty:
            return None, {}, []
        notes = ET.Element(_q("Notes"))
        per_code: dict[str, list[str]] = {}
        project: list[str] = []
        for m in self.memos.itertuples(index=False):
            guid = make_guid(self.sid, "memo", m.memo_id, m.created)
            attrs = {"guid": guid, "name": f"Memo {m.memo_id}", "creatingUser": self.users[str(m.coder)]}
            if not pd.isna(m.created):
                attrs["creationDateTime"] = str(m.created)
            if not pd.isna(m.updated):
                attrs["modifiedDateTime"] = str(m.updated)
            note = ET.SubElement(notes, _q("Note"), attrs)
            ET.SubElement(note, _q("PlainTextContent")).text = clean_xml_text(m.text)
            placed = False
            if not pd.isna(m.doc_id):
                sel = self._whole_doc(str(m.doc_id))
                if sel is not None:
                    ET.SubElement(sel, _q("NoteRef"), targetGUID=guid)
                    placed = True
            if not pd.isna(m.code) and str(m.code) in self.book:
                per_code.setdefault(str(m.code), []).append(guid)
                placed = True
            if not placed:
                project.append(guid)
            self.report.notes += 1
        return notes, per_code, project

    def variables_and_cases(self) -> tuple[ET.Element | None, ET.Element | None]:
        resp = self.study.respondents
        linked = resp.dropna(subset=["participant_id"]) if "participant_id" in resp else resp.iloc[:0]
        participants = sorted(self.by_participant)
        values: dict[str, dict[str, str]] = {p: {} for p in participants}
        descriptions: dict[str, str] = {}
        attr_cols = [c for c in resp.columns if c not in ("respondent_id", "source", "participant_id")]
        answers = self.study.answers
        choice = answers[answers["kind"] == "choice"]
        qtext = dict(zip(self.study.questions["question_id"], self.study.questions["question_text"], strict=True))
        for rec in linked.to_dict("records"):
            pid, rid = str(rec["participant_id"]), str(rec["respondent_id"])
            if pid not in values:
                continue
            values[pid]["respondent_id"] = rid
            for col in attr_cols:
                val = rec.get(col)
                if val is not None and not pd.isna(val) and str(val).strip():
                    values[pid][str(col)] = str(val)
            mine = choice[choice["respondent_id"] == rid]
            for qid, val in zip(mine["question_id"], mine["value_text"], strict=True):
                if not pd.isna(val):
                    values[pid][str(qid)] = str(val)
                    descriptions[str(qid)] = str(qtext.get(qid, ""))
        names = []
        for vals in values.values():
            names.extend(n for n in vals if n not in names)
        variables = None
        var_guid = {n: make_guid(self.sid, "variable", n) for n in names}
        if names:
            variables = ET.Element(_q("Variables"))
            for n in names:
                var = ET.SubElement(variables, _q("Variable"), guid=var_guid[n], name=clean_xml_text(n),
                                    typeOfVariable="Text")
                if descriptions.get(n):
                    ET.SubElement(var, _q("Description")).text = clean_xml_text(descriptions[n])
        if not participants:
            return variables, None
        cases = ET.Element(_q("Cases"))
        for pid in participants:
            case = ET.SubElement(cases, _q("Case"), guid=make_guid(self.sid, "case", pid), name=clean_xml_text(pid))
            for n, val in values[pid].items():
                vv = ET.SubElement(case, _q("VariableValue"))
                ET.SubElement(vv, _q("VariableRef"), targetGUID=var_guid[n])
                ET.SubElement(vv, _q("TextValue")).text = clean_xml_text(val)
            for guid in self.by_participant[pid]:
                ET.SubElement(case, _q("SourceRef"), targetGUID=guid)
            rid = values[pid].get("respondent_id")
            if rid:
                for doc_id in [d for d in self.where if d.startswith(f"{rid}@")]:
                    sel = self._whole_doc(doc_id)
                    if sel is not None:
                        ET.SubElement(case, _q("SelectionRef"), targetGUID=sel.get("guid"))
            self.report.cases += 1
        return variables, cases

    # -- the project ----------------------------------------------------------------------
    def build(self) -> tuple[bytes, dict[str, str]]:
        self.add_codings()
        notes, per_code, project_notes = self.notes()
        variables, cases = self.variables_and_cases()
        root = ET.Element(_q("Project"), name=clean_xml_text(self.study.name), origin="Journey Workbench")
        if self.users:
            users = ET.SubElement(root, _q("Users"))
            for name, guid in self.users.items():
                ET.SubElement(users, _q("User"), guid=guid, name=clean_xml_text(name))
        if len(self.book):
            ET.SubElement(root, _q("CodeBook")).append(codes_element(self.book, PROJECT_NS, note_refs=per_code))
        for el in (variables, cases):
            if el is not None:
                root.append(el)
        files: dict[str, str] = {}
        if self.texts:
            sources = ET.SubElement(root, _q("Sources"))
            for guid, (name, desc, text) in self.texts.items():
                src = ET.SubElement(sources, _q("TextSource"), guid=guid, name=clean_xml_text(name),
                                    plainTextPath=f"internal://{guid}.txt")
                ET.SubElement(src, _q("Description")).text = clean_xml_text(desc)
                for sel in sorted(self.selections[guid], key=lambda e: (int(e.get("startPosition")),
                                                                         int(e.get("endPosition")))):
                    src.append(sel)
                files[f"sources/{guid}.txt"] = text
        if notes is not None:
            root.append(notes)
        desc = self.study.config.description
        if desc and str(desc).strip():
            ET.SubElement(root, _q("Description")).text = clean_xml_text(str(desc).strip())
        for guid in project_notes:
            ET.SubElement(root, _q("NoteRef"), targetGUID=guid)
        r = self.report
        r.sources, r.codes, r.users = len(self.texts), len(self.book), len(self.users)
        return to_bytes(root, PROJECT_NS), files


def export_qdpx(study, store, path, *, lang: str | None = None, scrub: bool = False) -> ExportReport:
    """Write the study and its coding as a REFI-QDA project; see :mod:`workbench.coding.refi`.
    ``scrub``: remove personal data from texts, notes and case values under the study's privacy
    policy, codings moved along (off by default: a QDA tool needs the original text)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise QdpxError("the folder does not exist", path=path.parent, hint="Create it first, or choose another path.")
    builder = _Builder(study, store, lang)
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
