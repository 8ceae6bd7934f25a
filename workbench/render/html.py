"""The journey map as one standalone HTML page: no external assets, inline CSS and a few lines of
inline JavaScript (a persona switcher; without JavaScript every persona is shown).

Every text from the study is HTML-escaped. Each item opens (``<details>``) to the documents or
respondents behind it, each linked to its scrubbed snippet in the evidence table at the end of
the page (every snippet is listed once, however many items cite it); quotes carry their source
in a ``title`` tooltip.
"""

from __future__ import annotations

from html import escape

from ..journey import labels as L
from ..journey.assemble import JourneyMap
from ._common import cell_items, count, persona_header, status_line, unplaced_items

__all__ = ["to_html"]

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem;margin:0 0 .3rem} h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
table.map{border-collapse:collapse;width:100%;table-layout:fixed}
table.map th,table.map td{border:1px solid #ccc;padding:.35rem;vertical-align:top;font-size:.82rem}
table.map thead th{background:#3b5b7a;color:#fff}
table.map th.lane{background:#f4f4f4;text-align:left;width:9rem}
.thin{color:#707070;font-style:italic;background:repeating-linear-gradient(45deg,transparent 0 6px,#eee 6px 8px)}
.quote{font-style:italic} details{margin:.15rem 0} summary{cursor:pointer}
table.ev{border-collapse:collapse;margin:.3rem 0;font-size:.75rem} table.ev td,table.ev th{border:1px solid #ddd;padding:.15rem .3rem}
.note{color:#555;font-size:.85rem} .tag{font-size:.7rem;color:#555}
nav select{font-size:1rem;padding:.2rem} p.ids{font-size:.75rem;margin:.2rem 0}
tr:target{background:#fff3bf}
p.status{font-weight:bold} p.status.draft{color:#b2182b}
"""

_JS = """
(function(){var s=document.getElementById('persona');if(!s)return;
function show(){var v=s.value;document.querySelectorAll('section.persona').forEach(function(e){
e.style.display=(e.getAttribute('data-key')===v)?'':'none';});}
s.addEventListener('change',show);show();})();
"""


def _e(x) -> str:
    return escape(str(x), quote=True)


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
        rows = "".join(f"<tr id='{i}'><td>{_e(d)}</td><td>{_e(w)}</td><td>{_e(t)}</td></tr>"
                       for (d, w, t), i in self.ids.items())
        head = (f"<tr><th>{_e(L.text('ids', lang))}</th><th>{_e(L.text('who', lang))}</th>"
                f"<th>{_e(L.text('source_text', lang))}</th></tr>")
        return f"<section id='evidence'><h2>{_e(L.text('evidence', lang))}</h2><table class='ev'>{head}{rows}</table></section>"


def _evidence_table(jm: JourneyMap, phase: str, lane: str, item: dict, book: _Evidence) -> str:
    ev = jm.cell_evidence(item["persona"], phase, lane, item["rank"])
    lang = jm.lang
    links = []
    for d, w, t in zip(ev["doc_id"], ev["who"], ev["text"], strict=False):
        label = _e(d) + (f" <span class='tag'>{_e(w)}</span>" if w and w != d else "")
        links.append(f"<a href='#{book.ref(d, w, t)}'>{label}</a>" if t else label)
    more = len(item["ids"]) - len(ev)
    extra = f" <span class='note'>{_e(L.text('more', lang, n=more))}</span>" if more > 0 else ""
    detail = f"<p class='note'>{_e(item['detail'])}</p>" if item["detail"] else ""
    return f"{detail}<p class='ids'>{' · '.join(links)}{extra}</p>"


def _item(jm: JourneyMap, phase: str, lane: str, it: dict, book: _Evidence) -> str:
    lang = jm.lang
    cls = "thin" if it["thin"] else ""
    if lane == "quotes":
        return (f"<p class='quote {cls}' title='{_e(it['detail'])}'>“{_e(it['text'])}”"
                f" <span class='tag'>{_e(it['detail'])}</span></p>")
    label = _e(it['text']) + (f" <span class='tag'>{count(it).strip()}</span>" if it["n"] else "")
    if it["thin"]:
        label += f" <span class='tag'>{_e(L.text('thin', lang, n=it['n']))}</span>"
    return f"<details class='{cls}'><summary>{label}</summary>{_evidence_table(jm, phase, lane, it, book)}</details>"


def _section(jm: JourneyMap, persona: str, book: _Evidence) -> str:
    lang = jm.lang
    head = "".join(f"<th>{_e(jm.phase_label(p))}</th>" for p in jm.phase_ids)
    body = []
    for lane in L.LANES:
        cells = []
        for ph in jm.phase_ids:
            items = cell_items(jm, persona, ph, lane)
            inner = "".join(_item(jm, ph, lane, it, book) for it in items) or _e(L.text("no_data", lang))
            cls = " class='thin'" if items and items[0]["thin"] and lane != "quotes" else ""
            cells.append(f"<td{cls}>{inner}</td>")
        body.append(f"<tr><th class='lane'>{_e(L.lane_label(lane, lang))}</th>{''.join(cells)}</tr>")
    whole = jm.opportunities[(jm.opportunities["persona"] == persona) & jm.opportunities["phase"].isna()] \
        if len(jm.opportunities) else jm.opportunities
    extra = ""
    if len(whole):
        extra = "<ul>" + "".join(f"<li>{_e(t)}</li>" for t in whole["text"]) + "</ul>"
    return (f"<section class='persona' data-key='{_e(persona)}'><h2>{_e(persona_header(jm, persona))}</h2>"
            f"<table class='map'><thead><tr><th class='lane'></th>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
            f"</table>{extra}</section>")


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
    sections = "".join(_section(jm, k, book) for k in jm.persona_keys) + lost + book.section(lang)
    title = f"{L.text('journey_map', lang)} — {jm.name}"
    return (f"<!DOCTYPE html><html lang='{_e(lang)}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{_e(title)}</h1>{status}{nav}{legend}{notes}{sections}"
            f"<script>{_JS}</script></body></html>")
