"""``JourneyMapView``: browse a journey map in Jupyter — pick a persona and lanes, click a cell
to see its quotes and the evidence behind it. A thin view over :class:`JourneyMap`."""

from __future__ import annotations

from html import escape

import ipywidgets as W
from IPython.display import HTML

from . import labels as L
from .assemble import JourneyMap

__all__ = ["JourneyMapView"]


class JourneyMapView(W.VBox):
    """Persona dropdown, lane selector, a grid of cell buttons and a detail pane.

    Attributes
    ----------
    persona : Dropdown
    lanes : SelectMultiple
    grid : GridBox
        One button per (lane, phase): short text of the strongest item and n.
    buttons : dict
        ``(lane, phase) -> Button``.
    detail : Output
        The clicked cell's items, quotes and evidence table (HTML).
    """

    def __init__(self, jm: JourneyMap, **kwargs):
        self.jm = jm
        lang = jm.lang
        self.persona = W.Dropdown(options=[(jm.persona_name(k), k) for k in jm.persona_keys],
                                  description=L.text("persona", lang))
        default = tuple(lane for lane in L.LANES if lane not in ("quotes",))
        self.lanes = W.SelectMultiple(options=[(L.lane_label(x, lang), x) for x in L.LANES], value=default,
                                      rows=len(L.LANES), description=L.text("lane", lang))
        self.grid = W.GridBox()
        self.detail = W.Output()
        self.buttons: dict[tuple[str, str], W.Button] = {}
        self.selected: tuple[str, str] | None = None
        self.persona.observe(lambda _: self._rebuild(), names="value")
        self.lanes.observe(lambda _: self._rebuild(), names="value")
        self._rebuild()
        super().__init__([W.HBox([self.persona, self.lanes]), self.grid, self.detail], **kwargs)

    def _rebuild(self) -> None:
        from ..render._common import cell_items

        jm, key = self.jm, self.persona.value
        phases = jm.phase_ids
        children = [W.HTML("")] + [W.HTML(f"<b>{escape(jm.phase_label(p))}</b>") for p in phases]
        self.buttons = {}
        for lane in self.lanes.value:
            children.append(W.HTML(f"<b>{escape(L.lane_label(lane, jm.lang))}</b>"))
            for ph in phases:
                items = cell_items(jm, key, ph, lane)
                top = items[0] if items else None
                text = f"{top['text'][:40]} (n={top['n']})" if top else L.text("no_data", jm.lang)
                b = W.Button(description=text, tooltip=top["text"] if top else "",
                             layout=W.Layout(width="auto", height="auto"),
                             button_style="" if not top or not top["thin"] else "warning")
                b.on_click(lambda _b, lane=lane, ph=ph: self.show(lane, ph))
                self.buttons[(lane, ph)] = b
                children.append(b)
        self.grid.children = children
        self.grid.layout = W.Layout(grid_template_columns=f"10em repeat({len(phases)}, 1fr)", grid_gap="4px")

    def detail_html(self, lane: str, phase: str) -> str:
        """The HTML the detail pane shows for a cell: its items, each with its evidence table."""
        from ..render._common import cell_items

        jm, key = self.jm, self.persona.value
        parts = [f"<h4>{escape(L.lane_label(lane, jm.lang))} — {escape(jm.phase_label(phase))}</h4>"]
        quotes = jm.quotes[(jm.quotes["persona"] == key) & (jm.quotes["phase"] == phase)]
        for q in quotes.itertuples(index=False):
            who = q.participant_id if isinstance(q.participant_id, str) else q.respondent_id
            parts.append(f"<blockquote>“{escape(str(q.text))}” — {escape(str(who))} · {escape(str(q.doc_id))}</blockquote>")
        for it in cell_items(jm, key, phase, lane):
            thin = f" <i>{escape(L.text('thin', jm.lang, n=it['n']))}</i>" if it["thin"] else ""
            parts.append(f"<p><b>{escape(it['text'])}</b> (n={it['n']}){thin}<br><small>{escape(it['detail'])}</small></p>")
            ev = jm.cell_evidence(it["persona"], phase, lane, it["rank"])
            if len(ev):
                rows = "".join(f"<tr><td>{escape(str(r.doc_id))}</td><td>{escape(str(r.who))}</td>"
                               f"<td>{escape(str(r.text))}</td></tr>" for r in ev.itertuples(index=False))
                parts.append(f"<table><tr><th>id</th><th>{escape(L.text('who', jm.lang))}</th>"
                             f"<th>{escape(L.text('source_text', jm.lang))}</th></tr>{rows}</table>")
        return "".join(parts)

    def show(self, lane: str, phase: str) -> None:
        """Show a cell in the detail pane (what clicking its button does)."""
        self.selected = (lane, phase)
        self.detail.outputs = ()
        self.detail.append_display_data(HTML(self.detail_html(lane, phase)))
