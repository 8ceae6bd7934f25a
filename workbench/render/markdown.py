"""The journey map as Markdown: per persona its header and a table (phases as columns, lanes as
rows — steps, doing / thinking / feeling, opportunities, metrics with targets, backstage), then the
definitions.

Text from the study is made inert: ``& < >`` become HTML entities (so ``<script>`` is shown,
never run, by renderers that allow HTML), Markdown syntax characters are backslash-escaped and
line breaks inside a cell become ``<br>``.
"""

from __future__ import annotations

from ..journey import labels as L
from ..journey.assemble import JourneyMap
from ._common import compact_items, count, md_escape, status_line, unplaced_items
from ._content import (
    backstage_of,
    definitions,
    kpi_text,
    metric_items,
    opportunity_meta,
    persona_block,
    steps_of,
)
from ._texts import GROUPS, lane_name, t

__all__ = ["to_markdown", "md_escape"]


def _item(it: dict, lane: str, lang: str, meta: dict | None = None) -> str:
    if lane == "quotes":
        s = f"*“{md_escape(it['text'])}”* — {md_escape(it['detail'])}"
    else:
        s = f"{md_escape(it['text'])}{count(it)}"
    if meta and meta.get("priority"):
        s = f"**{md_escape(meta['priority'])}** {s}"
    if meta and meta.get("fields"):
        s += f" ({md_escape(meta['fields'])})"
    if it.get("kpi"):
        s += f" → **{md_escape(kpi_text(it['kpi'], lang))}**"
    if it["thin"]:
        s += f" — _{md_escape(L.text('thin', lang, n=it['n']))}_"
    return s


def _cell(jm: JourneyMap, key: str, ph: str, lane: str) -> str:
    lang = jm.lang
    if lane == "backstage":
        rows = backstage_of(jm, ph)
        return "<br>".join(f"{md_escape(r['label'])}: {md_escape(r['value'])}" for r in rows) or \
            md_escape(f"— {t('backstage_empty', lang)}")
    if lane == "metrics":
        items = metric_items(jm, key, ph)
        return "<br>".join(_item(it, lane, lang) for it in items) or L.text("no_data", lang)
    meta = opportunity_meta(jm, key, ph) if lane == "opportunities" else {}
    items, hidden = compact_items(jm, key, ph, lane)
    shown = [_item(it, lane, lang, meta.get(it["rank"])) for it in items]
    if hidden:  # the rest of the cell is in the HTML page and the XLSX
        shown.append(f"_{md_escape(t('more', lang, n=hidden))}_")
    return "<br>".join(shown) or L.text("no_data", lang)


def _header(jm: JourneyMap, key: str) -> list[str]:
    lang = jm.lang
    b = persona_block(jm, key)
    out = [f"## {md_escape(b['name'])}", "", md_escape(b["counts"]) + (f" · **{md_escape(b['stability'])}**"
                                                                      if b["stability"] else ""), ""]
    if b["apart"]:
        out += [f"**{md_escape(b['apart_label'])}:** " + " · ".join(md_escape(a) for a in b["apart"]), ""]
    if b["need"]:
        where = f" ({md_escape(b['need_where'])})" if b["need_where"] else ""
        out += [f"**{md_escape(t('need', lang))}:** {md_escape(L.quoted(b['need']))}{where}", ""]
    if b["quote"]:
        out += [f"> *“{md_escape(b['quote'])}”*" + (f" — {md_escape(b['who'])}" if b["who"] else ""), ""]
    return out


def to_markdown(jm: JourneyMap) -> str:
    """Every persona's map as Markdown tables, everyone first."""
    lang = jm.lang
    out = [f"# {md_escape(L.text('journey_map', lang))} — {md_escape(jm.name)}", "",
           f"**{md_escape(status_line(jm))}**", ""]
    for n in jm.notes:
        out += [f"> {md_escape(n)}", ""]
    for key in jm.persona_keys:
        out += _header(jm, key)
        out.append("| | " + " | ".join(md_escape(jm.phase_label(p)) for p in jm.phase_ids) + " |")
        out.append("|---" * (len(jm.phase_ids) + 1) + "|")
        steps = {p: steps_of(jm, p) for p in jm.phase_ids}
        if any(steps.values()):
            out.append(f"| **{md_escape(lane_name('steps', lang))}** | " + " | ".join(
                "<br>".join(f"{i + 1}\\. {md_escape(s)}" for i, s in enumerate(steps[p])) or "—"
                for p in jm.phase_ids) + " |")
        for group, lanes in GROUPS:
            for lane in lanes:
                name = (f"{md_escape(t(group, lang))}: " if group else "") + md_escape(lane_name(lane, lang))
                out.append(f"| **{name}** | " + " | ".join(_cell(jm, key, ph, lane) for ph in jm.phase_ids) + " |")
        out.append("")
    out += [f"## {md_escape(t('definitions', lang))}", ""]
    out += [f"- {md_escape(d)}" for d in definitions(jm, shared=len(jm.persona_keys) > 1)]
    out.append("")
    unplaced = unplaced_items(jm)
    if unplaced:
        out += [f"## {md_escape(L.text('unplaced', lang))}", ""]
        out += [f"- {md_escape(u['label'])}: “{md_escape(u['text'])}” — {md_escape(u['who'])}" for u in unplaced]
        out.append("")
    return "\n".join(out)
