"""The journey map as an Excel workbook (openpyxl).

- one sheet per map (everyone first, then each persona): the persona header, the steps, every
  lane as a row (grouped doing / thinking / feeling, the backstage last) with **every** item of
  each cell, and each cell a hyperlink to its rows in the evidence sheet; below the map the
  numbers behind it as numbers (metrics, emotion, KPI targets) and the definitions;
- an opportunities sheet (priority, score, effort, owner, status — numbers as numbers);
- the sentences without a phase, and the evidence sheet: the ids behind every item (the first
  ``MAX_IDS`` one per row with their snippet, the others together in one row), with ``value``
  and ``n`` as numbers.

Formula injection: any text starting with ``= + - @``, a tab, CR/LF or their full-width forms
gets an apostrophe in front and is stored as a string cell (``data_type 's'``, quote prefix),
so no cell of the workbook is ever a formula; numbers are written as numbers, never as text.
Characters XML cannot hold are removed. Hyperlinks point inside the workbook only.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from .._atomic import atomic_path
from ..journey import labels as L
from ..journey.anatomy import kpi_rows
from ..journey.assemble import JourneyMap, effective_priority
from ._common import cell_items, count, neutralise_formula, safe_url, status_line, unplaced_items
from ._content import (
    backstage_of,
    definitions,
    kpi_text,
    metric_items,
    opportunity_meta,
    overall_items,
    persona_block,
    steps_of,
)
from ._texts import GROUPS, lane_name, t

__all__ = ["to_xlsx", "MAX_IDS"]

MAX_IDS = 20  # ids written one per row (with the snippet) per item; the rest share one row
MAX_CELL = 32_000  # Excel holds at most 32,767 characters in a cell
_THIN = PatternFill("lightUp", fgColor="DDDDDD")
_HEAD = PatternFill("solid", fgColor="3B5B7A")
_BACK = PatternFill("solid", fgColor="EEF1F4")
_LINK = Font(color="0563C1", underline="single")


def _text(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + " …"


def _cell(ws, value, *, bold: bool = False, fill=None, wrap: bool = False, white: bool = False,
          link: str | None = None, fmt: str | None = None) -> WriteOnlyCell:
    """A write-only cell; text is cleaned of XML-illegal characters and never a formula, numbers
    stay numbers; ``link`` is a place in the workbook (``(ref, "'Sheet'!A5")``)."""
    if isinstance(value, str):
        text = _text(value)
        safe = neutralise_formula(text)
        cell = WriteOnlyCell(ws, value=safe)
        cell.data_type = "s"
        if safe != text:
            cell.quotePrefix = True
    else:
        cell = WriteOnlyCell(ws, value=_number(value))
        if fmt:
            cell.number_format = fmt
    if bold or white:
        cell.font = Font(bold=bold, color="FFFFFF" if white else None)
    if link is not None:
        ref, location = link
        if safe_url("#" + location):
            cell.hyperlink = Hyperlink(ref=ref, location=location, tooltip=t_link(location))
            cell.font = _LINK
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def t_link(location: str) -> str:
    return location.split("!")[-1]


def _number(value):
    """A plain int/float for a cell (numpy and pandas scalars converted; NaN and NA left empty)."""
    if value is None:
        return None
    try:
        if value != value:
            return None
    except (TypeError, ValueError):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        return None
    return value


def _plain(value):
    """A value for a plain (unstyled) cell: text cleaned and never a formula (openpyxl only makes
    formulas of text starting with '=', which :func:`neutralise_formula` always prefixes)."""
    if isinstance(value, str):
        return neutralise_formula(_text(value))
    return _number(value)


def _title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", str(name)).strip()[:28] or "Persona"
    title, i = base, 2
    while title.lower() in used:
        title = f"{base[:26]} {i}"
        i += 1
    used.add(title.lower())
    return title


def _item_text(it: dict, lane: str, lang: str, meta: dict | None = None) -> str:
    if lane == "quotes":
        s = f"“{it['text']}” — {it['detail']}"
    elif lane == "emotion":
        s = f"{it['text']} · {it['detail']}"
    else:
        s = f"{it['text']}{count(it)}"
    if lane == "opportunities" and meta:
        if meta.get("priority"):
            s = f"{meta['priority']} · {s}"
        if meta.get("fields"):
            s += f" [{meta['fields']}]"
    if lane == "metrics" and it.get("kpi"):
        s += f" → {kpi_text(it['kpi'], lang)}"
    if it["thin"]:
        s += f" — {L.text('thin', lang, n=it['n'])}"
    return s


def _cell_text(jm: JourneyMap, key: str, ph: str, lane: str) -> tuple[str, bool]:
    lang = jm.lang
    if lane == "backstage":
        rows = backstage_of(jm, ph)
        return ("\n".join(f"{r['label']}: {r['value']}" for r in rows) or f"— {t('backstage_empty', lang)}"), False
    if lane == "metrics":
        items = metric_items(jm, key, ph)
        return "\n".join(_item_text(it, lane, lang) for it in items) or L.text("no_data", lang), False
    items = cell_items(jm, key, ph, lane)
    meta = opportunity_meta(jm, key, ph) if lane == "opportunities" else {}
    text = "\n".join(_item_text(it, lane, lang, meta.get(it["rank"])) for it in items) or L.text("no_data", lang)
    return text, bool(items) and items[0]["thin"] and lane != "quotes"


def _evidence_rows(jm: JourneyMap) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(persona, phase, lane) -> first and last row of its evidence in the evidence sheet (the
    rows are written in the map's cell order, so a cell's rows are together)."""
    rows: dict[tuple[str, str, str], tuple[int, int]] = {}
    r = 2
    for persona, phase, lane, ids in zip(jm.cells["persona"], jm.cells["phase"], jm.cells["lane"],
                                         jm.cells["evidence_ids"], strict=True):
        n = max(1, min(len(ids), MAX_IDS)) + (1 if len(ids) > MAX_IDS else 0)
        first, _ = rows.get((persona, phase, lane), (r, r))
        rows[(persona, phase, lane)] = (first, r + n - 1)
        r += n
    return rows


def _map_sheet(wb, jm: JourneyMap, key: str, title: str, ev_title: str, ev_rows) -> None:
    lang = jm.lang
    ws = wb.create_sheet(title)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 26
    for j in range(len(jm.phase_ids)):
        ws.column_dimensions[get_column_letter(3 + j)].width = 48
    b = persona_block(jm, key)
    rows = [[_cell(ws, f"{L.text('journey_map', lang)} — {jm.name}", bold=True), None, _cell(ws, status_line(jm), bold=True)],
            [_cell(ws, b["name"], bold=True), None, _cell(ws, b["counts"] + (f" · {b['stability']}" if b["stability"] else ""))]]
    if b["apart"]:
        rows.append([_cell(ws, b["apart_label"], bold=True), None, _cell(ws, " · ".join(b["apart"]))])
    if b["need"]:
        rows.append([_cell(ws, t("need", lang), bold=True), None,
                     _cell(ws, L.quoted(b['need']) + (f" ({b['need_where']})" if b["need_where"] else ""))])
    if b["quote"]:
        rows.append([_cell(ws, t("quote", lang), bold=True), None,
                     _cell(ws, f"“{b['quote']}”" + (f" — {b['who']}" if b["who"] else ""))])
    rows.append([])
    for r in rows:
        ws.append(r)
    head_row = len(rows) + 1
    ws.freeze_panes = f"C{head_row + 1}"
    ws.append([None, _cell(ws, L.text("lane", lang), bold=True)]
              + [_cell(ws, jm.phase_label(ph), bold=True, white=True, fill=_HEAD) for ph in jm.phase_ids])
    row = head_row + 1
    steps = {p: steps_of(jm, p) for p in jm.phase_ids}
    if any(steps.values()):
        ws.append([None, _cell(ws, lane_name("steps", lang), bold=True)]
                  + [_cell(ws, "\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps[p])) or "—", wrap=True)
                     for p in jm.phase_ids])
        row += 1
    for group, lanes in GROUPS:
        for lane in lanes:
            cells = [_cell(ws, t(group, lang) if group else "", bold=True), _cell(ws, lane_name(lane, lang), bold=True)]
            for j, ph in enumerate(jm.phase_ids):
                text, thin = _cell_text(jm, key, ph, lane)
                span = ev_rows.get((key, ph, lane))
                link = (f"{get_column_letter(3 + j)}{row}", f"'{ev_title}'!A{span[0]}:J{span[1]}") if span else None
                cells.append(_cell(ws, text, wrap=True, fill=_THIN if thin else (_BACK if lane == "backstage" else None),
                                   link=link))
            ws.append(cells)
            row += 1
    ws.append([])
    _numbers(ws, jm, key)
    ws.append([])
    ws.append([_cell(ws, t("definitions", lang), bold=True)])
    for d in definitions(jm, shared=key != "everyone"):
        ws.append([None, _cell(ws, d)])


def _numbers(ws, jm: JourneyMap, key: str) -> None:
    """The map's numbers as numbers: metrics (with targets), emotion means and their intervals."""
    lang = jm.lang
    ws.append([_cell(ws, t("numbers", lang), bold=True)])
    ws.append([None] + [_cell(ws, h, bold=True) for h in (
        L.text("phase", lang), t("col_metric", lang), t("col_value", lang), "n", t("col_target", lang),
        t("col_met", lang), "95% CI ↓", "95% CI ↑")])
    for it in overall_items(jm, key):  # the whole study's (a question without a phase)
        ws.append([None, _cell(ws, t("overall", lang)), _cell(ws, L.metric_name(it["metric"], lang)),
                   _cell(ws, it["value"], fmt="0.00"),
                   _cell(ws, it["n"] or None)])
    for ph in jm.phase_ids:
        label = jm.phase_label(ph)
        for it in metric_items(jm, key, ph):
            k = it.get("kpi") or (next((x for x in kpi_rows(jm, key, ph) if x["metric"] == it["metric"]), None)
                                  if it.get("unmeasured") else None)
            met = None if not k or k["met"] is None else (t("yes", lang) if k["met"] else t("no", lang))
            ws.append([None, _cell(ws, label), _cell(ws, L.metric_name(it["metric"], lang)
                                                      + (" *" if it.get("shared") else "")),
                       _cell(ws, it["value"], fmt="0.00"), _cell(ws, it["n"] or None),
                       _cell(ws, k["target"] if k else None, fmt="0.00"), _cell(ws, met) if met else None])
        em = jm.emotion[(jm.emotion["persona"] == key) & (jm.emotion["phase"] == ph)] if len(jm.emotion) else jm.emotion
        for r in em.itertuples(index=False):
            ws.append([None, _cell(ws, label), _cell(ws, L.metric_name(f"emotion_{getattr(r, 'source', 'text')}", lang)),
                       _cell(ws, r.mean, fmt="+0.00;-0.00;0.00"), _cell(ws, int(r.n)), None, None,
                       _cell(ws, r.ci_low, fmt="+0.00;-0.00;0.00"), _cell(ws, r.ci_high, fmt="+0.00;-0.00;0.00")])


def _origin(origin: str, lang: str) -> str:
    """Where an opportunity comes from, in the map's language ('derived' -> 'afgeleid')."""
    try:
        return t(f"origin_{origin}", lang)
    except KeyError:
        return origin


def _opportunities(wb, jm: JourneyMap, used: set[str]) -> None:
    lang = jm.lang
    opps = jm.opportunities
    if not len(opps):
        return
    ws = wb.create_sheet(_title(t("opportunities_sheet", lang), used))
    heads = [L.text("persona", lang), L.text("phase", lang), t("col_priority", lang), t("col_score", lang),
             L.text("item", lang), "n", t("col_effort", lang), t("col_owner", lang), t("col_status", lang),
             t("col_origin", lang), t("col_id", lang), t("col_prio_computed", lang), t("col_prio_set", lang)]
    ws.append([_cell(ws, h, bold=True) for h in heads])
    ranked = opps.assign(eff=effective_priority(opps)).sort_values(["persona", "eff"], kind="stable",
                                                                  na_position="last")
    for r in ranked.itertuples(index=False):
        phase = jm.phase_label(r.phase) if isinstance(r.phase, str) else ""
        effort = getattr(r, "effort", None)
        ws.append([_plain(jm.persona_name(r.persona)), _plain(phase), _number(r.eff), _cell(ws, r.value, fmt="0.0"),
                   _plain(str(r.text)), _number(r.n_evidence),
                   _plain(t(effort, lang)) if isinstance(effort, str) else None,
                   _plain(getattr(r, "owner", None)) if isinstance(getattr(r, "owner", None), str) else None,
                   _plain(t(f"status_{r.status}", lang)), _plain(_origin(str(r.origin), lang)), _number(r.opportunity_id),
                   _number(r.priority), _number(getattr(r, "priority_set", None))])


def to_xlsx(jm: JourneyMap, path: str | Path) -> Path:
    """Write the workbook to ``path`` and return it."""
    lang = jm.lang
    wb = Workbook(write_only=True)
    ev_title = L.text("evidence", lang)
    used: set[str] = {"evidence", ev_title.lower()}
    ev_rows = _evidence_rows(jm)
    for key in jm.persona_keys:
        _map_sheet(wb, jm, key, _title(jm.persona_name(key), used), ev_title, ev_rows)
    _opportunities(wb, jm, used)
    unplaced = unplaced_items(jm)
    if unplaced:
        ws = wb.create_sheet(_title(L.text("unplaced", lang), used))
        ws.append([_cell(ws, h, bold=True) for h in (L.text("lane", lang), L.text("source_text", lang),
                                                      L.text("who", lang), L.text("ids", lang))])
        for u in unplaced:
            ws.append([_plain(u["label"]), _plain(u["text"]), _plain(u["who"]), _plain(u["doc_id"])])
    ev = wb.create_sheet(ev_title)
    ev.freeze_panes = "A2"
    cols = [L.text("persona", lang), L.text("phase", lang), L.text("lane", lang), t("col_rank", lang),
            L.text("item", lang), t("col_value", lang), "n", t("col_thin", lang), L.text("ids", lang),
            L.text("source_text", lang)]
    ev.append([_cell(ev, h, bold=True) for h in cols])
    snippets = {(r.persona, r.phase, r.lane, r.rank, r.doc_id): r.text for r in jm.evidence.itertuples(index=False)}
    names = {k: jm.persona_name(k) for k in jm.persona_keys}
    phases = {p: jm.phase_label(p) for p in jm.phase_ids}
    for r in jm.cells.itertuples(index=False):
        ids = list(r.evidence_ids)
        head = [names.get(r.persona, r.persona), phases.get(r.phase, r.phase), lane_name(r.lane, lang),
                int(r.rank), str(r.text), _number(r.value), int(r.n_evidence), bool(r.thin)]
        for i in ids[:MAX_IDS] or [""]:
            # write-only cells are consumed by append: make new ones for every row
            vals = head + [str(i), snippets.get((r.persona, r.phase, r.lane, r.rank, i), "")]
            ev.append([_plain(v) for v in vals])
        if len(ids) > MAX_IDS:
            rest = ", ".join(str(i) for i in ids[MAX_IDS:])
            if len(rest) > MAX_CELL:
                rest = rest[: rest.rfind(", ", 0, MAX_CELL)] + " …"
            ev.append([None] * 8 + [_cell(ev, rest), _cell(ev, L.text("more", lang, n=len(ids) - MAX_IDS))])
    path = Path(path)
    with atomic_path(path) as tmp:  # never a half-written workbook under the real name
        wb.save(tmp)
    return path
