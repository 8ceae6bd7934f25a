"""The journey map as Markdown: per persona a table (phases as columns, lanes as rows).

Text from the study is made inert: ``& < >`` become HTML entities (so ``<script>`` is shown,
never run, by renderers that allow HTML), Markdown syntax characters are backslash-escaped and
line breaks inside a cell become ``<br>``.
"""

from __future__ import annotations

from ..journey import labels as L
from ..journey.assemble import JourneyMap
from ._common import cell_items, count, md_escape, persona_header, status_line, unplaced_items

__all__ = ["to_markdown", "md_escape"]


def _item(it: dict, lane: str, lang: str) -> str:
    if lane == "quotes":
        s = f"*“{md_escape(it['text'])}”* — {md_escape(it['detail'])}"
    else:
        s = f"{md_escape(it['text'])}{count(it)}"
    if it["thin"]:
        s += f" — _{md_escape(L.text('thin', lang, n=it['n']))}_"
    return s


def to_markdown(jm: JourneyMap) -> str:
    """Every persona's map as Markdown tables, everyone first."""
    lang = jm.lang
    out = [f"# {md_escape(L.text('journey_map', lang))} — {md_escape(jm.name)}", "",
           f"**{md_escape(status_line(jm))}**", ""]
    for n in jm.notes:
        out += [f"> {md_escape(n)}", ""]
    for key in jm.persona_keys:
        out += [f"## {md_escape(persona_header(jm, key))}", ""]
        out.append("| | " + " | ".join(md_escape(jm.phase_label(p)) for p in jm.phase_ids) + " |")
        out.append("|---" * (len(jm.phase_ids) + 1) + "|")
        for lane in L.LANES:
            cells = []
            for ph in jm.phase_ids:
                items = cell_items(jm, key, ph, lane)
                cells.append("<br>".join(_item(it, lane, lang) for it in items) or L.text("no_data", lang))
            out.append(f"| **{md_escape(L.lane_label(lane, lang))}** | " + " | ".join(cells) + " |")
        out.append("")
    unplaced = unplaced_items(jm)
    if unplaced:
        out += [f"## {md_escape(L.text('unplaced', lang))}", ""]
        out += [f"- {md_escape(u['label'])}: “{md_escape(u['text'])}” — {md_escape(u['who'])}" for u in unplaced]
        out.append("")
    return "\n".join(out)
