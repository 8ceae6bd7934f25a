"""The journey map as an Excel workbook (openpyxl): one sheet per persona (everyone first) with
phases as columns and lanes as rows, and an "Evidence" sheet listing the ids behind every item
(the first ``MAX_IDS`` one per row with their snippet, the others together in one row).

Formula injection: any text starting with ``= + - @``, a tab, CR/LF or their full-width forms
gets an apostrophe in front and is stored as a string cell (``data_type 's'``, quote prefix),
so no cell of the workbook is ever a formula. Characters XML cannot hold are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill

from .._atomic import atomic_path
from ..journey import labels as L
from ..journey.assemble import JourneyMap
from ._common import cell_items, count, neutralise_formula, persona_header, status_line, unplaced_items

__all__ = ["to_xlsx", "MAX_IDS"]

MAX_IDS = 20  # ids written one per row (with the snippet) per item; the rest share one row
MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell
_THIN = PatternFill("lightUp", fgColor="DDDDDD")
_HEAD = PatternFill("solid", fgColor="3B5B7A")


def _cell(ws, value, *, bold: bool = False, fill=None, wrap: bool = False, white: bool = False) -> WriteOnlyCell:
    """A write-only cell; text is cleaned of XML-illegal characters and never a formula."""
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        safe = neutralise_formula(text)
        cell = WriteOnlyCell(ws, value=safe)
        cell.data_type = "s"
        if safe != text:
            cell.quotePrefix = True
    else:
        cell = WriteOnlyCell(ws, value=value)
    if bold or white:
        cell.font = Font(bold=bold, color="FFFFFF" if white else None)
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _plain(value):
    """A value for a plain (unstyled) cell: text cleaned and never a formula (openpyxl only makes
    formulas of text starting with '=', which :func:`neutralise_formula` always prefixes)."""
    if isinstance(value, str):
        return neutralise_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", str(name)).strip()[:28] or "Persona"
    title, i = base, 2
    while title.lower() in used:
        title = f"{base[:26]} {i}"
        i += 1
    used.add(title.lower())
    return title


def _item_text(it: dict, lane: str, lang: str) -> str:
    if lane == "quotes":
        s = f"“{it['text']}” — {it['detail']}"
    elif lane == "emotion":
        s = f"{it['text']} · {it['detail']}"
    else:
        s = f"{it['text']}{count(it)}"
    if it["thin"]:
        s += f" — {L.text('thin', lang, n=it['n'])}"
    return s


def to_xlsx(jm: JourneyMap, path: str | Path) -> Path:
    """Write the workbook to ``path`` and return it."""
    lang = jm.lang
    wb = Workbook(write_only=True)
    used: set[str] = {"evidence", L.text("evidence", lang).lower()}
    for key in jm.persona_keys:
        ws = wb.create_sheet(_title(jm.persona_name(key), used))
        ws.column_dimensions["A"].width = 24
        for j in range(len(jm.phase_ids)):
            ws.column_dimensions[chr(ord("B") + j)].width = 48
        ws.freeze_panes = "B3"
        ws.append([_cell(ws, persona_header(jm, key), bold=True), _cell(ws, status_line(jm), bold=True)])
        ws.append([_cell(ws, L.text("lane", lang), bold=True)]
                  + [_cell(ws, jm.phase_label(ph), bold=True, white=True, fill=_HEAD) for ph in jm.phase_ids])
        for lane in L.LANES:
            row = [_cell(ws, L.lane_label(lane, lang), bold=True)]
            for ph in jm.phase_ids:
                items = cell_items(jm, key, ph, lane)
                text = "\n".join(_item_text(it, lane, lang) for it in items) or L.text("no_data", lang)
                thin = bool(items) and items[0]["thin"] and lane != "quotes"
                row.append(_cell(ws, text, wrap=True, fill=_THIN if thin else None))
            ws.append(row)
    unplaced = unplaced_items(jm)
    if unplaced:
        ws = wb.create_sheet(_title(L.text("unplaced", lang), used))
        ws.append([_cell(ws, h, bold=True) for h in (L.text("lane", lang), L.text("source_text", lang),
                                                      L.text("who", lang), L.text("ids", lang))])
        for u in unplaced:
            ws.append([_plain(u["label"]), _plain(u["text"]), _plain(u["who"]), _plain(u["doc_id"])])
    ev = wb.create_sheet(L.text("evidence", lang))
    ev.freeze_panes = "A2"
    cols = [L.text("persona", lang), L.text("phase", lang), L.text("lane", lang), "rank", L.text("item", lang),
            "n", "thin", L.text("ids", lang), L.text("source_text", lang)]
    ev.append([_cell(ev, h, bold=True) for h in cols])
    snippets = {(r.persona, r.phase, r.lane, r.rank, r.doc_id): r.text for r in jm.evidence.itertuples(index=False)}
    names = {k: jm.persona_name(k) for k in jm.persona_keys}
    phases = {p: jm.phase_label(p) for p in jm.phase_ids}
    for r in jm.cells.itertuples(index=False):
        ids = list(r.evidence_ids)
        head = [names.get(r.persona, r.persona), phases.get(r.phase, r.phase), L.lane_label(r.lane, lang),
                int(r.rank), str(r.text), int(r.n_evidence), bool(r.thin)]
        for i in ids[:MAX_IDS] or [""]:
            # write-only cells are consumed by append: make new ones for every row
            vals = head + [str(i), snippets.get((r.persona, r.phase, r.lane, r.rank, i), "")]
            ev.append([_plain(v) for v in vals])
        if len(ids) > MAX_IDS:
            rest = ", ".join(str(i) for i in ids[MAX_IDS:])
            if len(rest) > MAX_CELL:
                rest = rest[: rest.rfind(", ", 0, MAX_CELL)] + " …"
            ev.append([None] * 7 + [_cell(ev, rest), _cell(ev, L.text("more", lang, n=len(ids) - MAX_IDS))])
    path = Path(path)
    with atomic_path(path) as tmp:  # never a half-written workbook under the real name
        wb.save(tmp)
    return path
