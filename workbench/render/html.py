"""The journey map as one standalone HTML page: every persona (a switcher shows one at a time),
every item of every cell, and the evidence behind each item one click away.

Each persona's map has its header (who they are, share and n, what sets them apart, main need,
a headline quote, stability), the steps within each phase, the lanes read as doing / thinking /
feeling, opportunities with their priority, effort, owner and status, metrics against their KPI
targets, and the backstage below the line of visibility. A legend section states every
definition and which lanes come from the data and which from the researcher. All study text is
escaped (:func:`escape_html`) and every link passes :func:`safe_url`.
"""

from __future__ import annotations

from ..journey import labels as L
from ..journey.assemble import JourneyMap
from ._common import cell_items, count, escape_html, safe_url, source_label, status_line, unplaced_items
from ._content import (
    backstage_of,
    definitions,
    kpi_text,
    metric_items,
    opportunity_meta,
    persona_block,
    steps_of,
)
from ._texts import GROUPS, SOURCES, lane_name, t

__all__ = ["to_html"]

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem;margin:0 0 .3rem} h2{font-size:1.15rem;margin:1.2rem 0 .2rem}
table.map{border-collapse:collapse;width:100%;table-layout:fixed}
table.map th,table.map td{border:1px solid #ccc;padding:.35rem;vertical-align:top;font-size:.82rem;
overflow-wrap:anywhere}
table.map thead th.phase{background:#3b5b7a;color:#fff}
table.map th.lane{background:#f4f4f4;text-align:left;width:9rem}
table.map th.grp{background:#3b5b7a;color:#fff;width:1.6rem;padding:0;writing-mode:vertical-rl;
transform:rotate(180deg);font-size:.72rem;letter-spacing:.08em}
table.map tr.steps td{background:#dfe7ef;color:#1f3b57} table.map tr.steps ol{margin:0;padding-left:1.1rem}
table.map tr.backstage td,table.map tr.backstage th{border-top:2px dashed #3b5b7a;background:#eef1f4}
table.map th.grp.backstage{background:#7a8a9a}
.thin{color:#707070;font-style:italic;background:repeating-linear-gradient(45deg,transparent 0 6px,#eee 6px 8px)}
.quote{font-style:italic} details{margin:.15rem 0} summary{cursor:pointer}
table.ev{border-collapse:collapse;margin:.3rem 0;font-size:.75rem} table.ev td,table.ev th{border:1px solid #ddd;padding:.15rem .3rem}
.note{color:#555;font-size:.85rem} .tag{font-size:.7rem;color:#555}
.src{font-size:.65rem;font-weight:normal;color:#555;display:block}
.prio{font-weight:bold;color:#1a5a2a} .kpi{font-size:.72rem;font-weight:bold} .kpi.met{color:#1a7f37}
.kpi.miss{color:#a50f15} .kpi.none{color:#707070}
header.who{border-left:4px solid #3b5b7a;padding:.2rem .8rem;margin:.6rem 0 .8rem;background:#f7f9fb}
header.who p{margin:.2rem 0} header.who blockquote{margin:.3rem 0;font-style:italic}
.stab.stable{color:#1a7f37} .stab.doubtful{color:#b35806} .stab.unstable{color:#b2182b;font-weight:bold}
nav select{font-size:1rem;padding:.2rem} p.ids{font-size:.75rem;margin:.2rem 0}
tr:target{background:#fff3bf}
p.status{font-weight:bold} p.status.draft{color:#b2182b}
section#legend li{margin:.15rem 0;font-size:.85rem}
"""

_JS = """
(function(){var s=document.getElementById('persona');if(!s)return;
function show(){var v=s.value;document.querySelectorAll('section.persona').forEach(function(e){
e.style.display=(e.getAttribute('data-key')===v)?'':'none';});}
s.addEventListener('change',show);show();})();
"""


def _e(x) -> str:
    return escape_html(x)


def _href(anchor: str) -> str:
    url = safe_url(anchor)
    return f" href='{_e(url)}'" if url else ""


class _Evidence:
    """The page's evidence snippets, each listed once at the end and referenced by anchor id."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def ref(self, doc_id: str, who: str, text: str) -> str:
        key = (str(doc_id), str(who), str(text))
        if key not in self.ids:
            self.ids[key] = f"e{len(self.ids) + 1}"
        return self.ids[key]

    def section(self, lang: str) -> str:
        if not self.ids:
            return ""
        rows = "".join(f"<tr id='{i}'><td>{_e(d)}</td><td>{_e(w)}</td><td>{_e(x)}</td></tr>"
                       for (d, w, x), i in self.ids.items())
        head = (f"<tr><th>{_e(L.text('ids', lang))}</th><th>{_e(L.text('who', lang))}</th>"
                f"<th>{_e(L.text('source_text', lang))}</th></tr>")
        return f"<section id='evidence'><h2>{_e(L.text('evidence', lang))}</h2><table class='ev'>{head}{rows}</table></section>"


def _evidence_table(jm: JourneyMap, phase: str, lane: str, item: dict, book: _Evidence) -> str:
    ev = jm.cell_evidence(item["persona"], phase, lane, item["rank"])
    lang = jm.lang
    links = []
    for d, w, x in zip(ev["doc_id"], ev["who"], ev["text"], strict=False):
        label = _e(source_label(jm, d)) + (f" <span class='tag'>{_e(w)}</span>" if w and w != d else "")
        links.append(f"<a{_href('#' + book.ref(d, w, x))}>{label}</a>" if x else label)
    more = len(item["ids"]) - len(ev)
    extra = f" <span class='note'>{_e(L.text('more', lang, n=more))}</span>" if more > 0 else ""
    detail = f"<p class='note'>{_e(item['detail'])}</p>" if item["detail"] else ""
    return f"{detail}<p class='ids'>{' · '.join(links)}{extra}</p>"


def _summary(it: dict, lang: str, head: str = "", tail: str = "") -> str:
    label = head + _e(it["text"]) + (f" <span class='tag'>{count(it).strip()}</span>" if it["n"] else "")
    if it["thin"]:
        label += f" <span class='tag'>{_e(L.text('thin', lang, n=it['n']))}</span>"
    return label + tail


def _item(jm: JourneyMap, phase: str, lane: str, it: dict, book: _Evidence, head: str = "", tail: str = "") -> str:
    cls = "thin" if it["thin"] else ""
    if lane == "quotes":
        return (f"<p class='quote {cls}' title='{_e(it['detail'])}'>“{_e(it['text'])}”"
                f" <span class='tag'>{_e(it['detail'])}</span></p>")
    summary = _summary(it, jm.lang, head, tail)
    if not it["ids"] and not it["detail"]:
        return f"<p class='{cls}'>{summary}</p>"
    return f"<details class='{cls}'><summary>{summary}</summary>{_evidence_table(jm, phase, lane, it, book)}</details>"


def _cell(jm: JourneyMap, persona: str, phase: str, lane: str, book: _Evidence) -> str:
    lang = jm.lang
    if lane == "backstage":
        rows = backstage_of(jm, phase)
        return "<br>".join(f"<b>{_e(r['label'])}:</b> {_e(r['value'])}" for r in rows) or \
            f"<span class='note'>— {_e(t('backstage_empty', lang))}</span>"
    if lane == "metrics":
        parts = []
        for it in metric_items(jm, persona, phase):
            k = it.get("kpi")
            tail = ""
            if k:
                cls = "none" if k["met"] is None else ("met" if k["met"] else "miss")
                tail = f" <span class='kpi {cls}'>{_e(kpi_text(k, lang))}</span>"
            if it.get("unmeasured"):
                parts.append(f"<p class='kpi none'>{_e(it['text'])}</p>")
            else:
                parts.append(_item(jm, phase, lane, it, book, tail=tail))
        return "".join(parts) or _e(L.text("no_data", lang))
    items = cell_items(jm, persona, phase, lane)
    meta = opportunity_meta(jm, persona, phase) if lane == "opportunities" else {}
    parts = []
    for it in items:
        m = meta.get(it["rank"], {})
        head = f"<span class='prio'>{_e(m['priority'])}</span> " if m.get("priority") else ""
        tail = f" <span class='tag'>{_e(m['fields'])}</span>" if m.get("fields") else ""
        parts.append(_item(jm, phase, lane, it, book, head, tail))
    return "".join(parts) or _e(L.text("no_data", lang))


def _header(jm: JourneyMap, persona: str) -> str:
    lang = jm.lang
    b = persona_block(jm, persona)
    stab = f" · <span class='stab {_e(b['level'] or '')}'>{_e(b['stability'])}</span>" if b["stability"] else ""
    out = [f"<h2>{_e(b['name'])}</h2>", f"<p class='counts'>{_e(b['counts'])}{stab}</p>"]
    if b["apart"]:
        out.append(f"<p><b>{_e(b['apart_label'])}:</b> {' · '.join(_e(a) for a in b['apart'])}</p>")
    if b["need"]:
        where = f" ({_e(b['need_where'])})" if b["need_where"] else ""
        out.append(f"<p><b>{_e(t('need', lang))}:</b> {_e(L.quoted(b['need']))}{where}</p>")
    if b["quote"]:
        who = f" — {_e(b['who'])}" if b["who"] else ""
        out.append(f"<blockquote>“{_e(b['quote'])}”{who}</blockquote>")
    return f"<header class='who'>{''.join(out)}</header>"


def _lane_head(lane: str, lang: str) -> str:
    src = SOURCES.get(lane, "data")
    return (f"<th class='lane' title='{_e(t('src_' + ('needs' if lane == 'pain_points' else lane), lang))}'>"
            f"{_e(lane_name(lane, lang))}<span class='src'>{_e(t('from_' + src, lang))}</span></th>")


def _section(jm: JourneyMap, persona: str, book: _Evidence) -> str:
    lang = jm.lang
    phases = jm.phase_ids
    head = "".join(f"<th class='phase'>{_e(jm.phase_label(p))}</th>" for p in phases)
    steps = {p: steps_of(jm, p) for p in phases}
    step_row = ""
    if any(steps.values()):
        cells = "".join("<td>" + ("<ol>" + "".join(f"<li>{_e(s)}</li>" for s in steps[p]) + "</ol>" if steps[p]
                                  else "—") + "</td>" for p in phases)
        step_row = f"<tr class='steps'><th class='grp'></th>{_lane_head('steps', lang)}{cells}</tr>"
    body = []
    for group, lanes in GROUPS:
        for i, lane in enumerate(lanes):
            grp = ""
            if i == 0:
                grp = f"<th class='grp {_e(group)}' rowspan='{len(lanes)}'>{_e(t(group, lang)) if group else ''}</th>"
            cells = []
            for ph in phases:
                items = cell_items(jm, persona, ph, lane) if lane not in ("backstage", "metrics") else []
                cls = " class='thin'" if items and items[0]["thin"] and lane != "quotes" else ""
                cells.append(f"<td{cls}>{_cell(jm, persona, ph, lane, book)}</td>")
            row_cls = " class='backstage'" if lane == "backstage" else ""
            body.append(f"<tr{row_cls}>{grp}{_lane_head(lane, lang)}{''.join(cells)}</tr>")
    whole = jm.opportunities[(jm.opportunities["persona"] == persona) & jm.opportunities["phase"].isna()] \
        if len(jm.opportunities) else jm.opportunities
    extra = ""
    if len(whole):
        extra = "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in whole["text"]) + "</ul>"
    return (f"<section class='persona' data-key='{_e(persona)}'>{_header(jm, persona)}"
            f"<table class='map'><thead><tr><th class='grp'></th><th class='lane'></th>{head}</tr>{step_row}</thead>"
            f"<tbody>{''.join(body)}</tbody></table>{extra}</section>")


def _legend(jm: JourneyMap) -> str:
    lang = jm.lang
    defs = "".join(f"<li>{_e(d)}</li>" for d in definitions(jm, shared=len(jm.persona_keys) > 1))
    srcs = "".join(f"<li>{_e(t('src_' + lane, lang))}</li>" for lane in
                   ("header", "steps", "actions", "touchpoints", "needs", "quotes", "emotion", "opportunities",
                    "metrics", "backstage"))
    syms = "".join(f"<li>{_e(t(k, lang))}</li>" for k in ("sym_disagree",))
    return (f"<section id='legend'><h2>{_e(t('legend_title', lang))}</h2>"
            f"<h3>{_e(t('sources_title', lang))}</h3><ul>{srcs}</ul>"
            f"<h3>{_e(t('metrics_title', lang))}</h3><ul>{defs}{syms}</ul></section>")


def to_html(jm: JourneyMap) -> str:
    """The journey map as a standalone HTML page (every persona, with a switcher)."""
    lang = jm.lang
    options = "".join(f"<option value='{_e(k)}'>{_e(jm.persona_name(k))}</option>" for k in jm.persona_keys)
    nav = f"<nav><label>{_e(L.text('persona', lang))}: <select id='persona'>{options}</select></label></nav>"
    notes = "".join(f"<p class='note'>{_e(n)}</p>" for n in jm.notes)
    legend = f"<p class='note'><span class='thin'>{_e(L.text('thin', lang, n=0).split(' (')[0])}</span>: n &lt; {jm.min_evidence}</p>"
    book = _Evidence()
    status = f"<p class='status {_e(jm.status)}'>{_e(status_line(jm))}</p>"
    unplaced = unplaced_items(jm)
    lost = ""
    if unplaced:
        rows = "".join(f"<li>{_e(u['label'])}: “{_e(u['text'])}” <span class='tag'>{_e(u['who'])}</span></li>"
                       for u in unplaced)
        lost = f"<section id='unplaced'><h2>{_e(L.text('unplaced', lang))}</h2><ul>{rows}</ul></section>"
    sections = "".join(_section(jm, k, book) for k in jm.persona_keys) + _legend(jm) + lost + book.section(lang)
    title = f"{L.text('journey_map', lang)} — {jm.name}"
    return (f"<!DOCTYPE html><html lang='{_e(lang)}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{_e(title)}</h1>{status}{nav}{legend}{notes}{sections}"
            f"<script>{_JS}</script></body></html>")
