"""``JourneyMapView``: browse a journey map in Jupyter — pick a persona and lanes, click a cell
to see its quotes and the evidence behind it. A thin view over :class:`JourneyMap`: the persona
header, the metrics against their KPI targets and the backstage come from the same functions the
exported files use (``workbench.render._content``)."""

from __future__ import annotations

import ipywidgets as W
from IPython.display import HTML

from .._escape import escape_html as escape
from ..privacy.policy import display_id
from . import labels as L
from .assemble import JourneyMap

__all__ = ["JourneyMapView"]

#: Lanes the view offers: the map's, then the researcher's backstage.
VIEW_LANES = (*L.LANES, "backstage")


class JourneyMapView(W.VBox):
    """Persona dropdown, lane selector, the persona's header, a grid of cell buttons and a
    detail pane.

    Attributes
    ----------
    persona : Dropdown
    lanes : SelectMultiple
    header : HTML
        Who the persona is: share and n, what sets them apart, main need, a quote, stability.
    grid : GridBox
        One button per (lane, phase): short text of the strongest item and n.
    buttons : dict
        ``(lane, phase) -> Button``.
    detail : Output
        The clicked cell's items, quotes and evidence table (HTML).
    """

    def __init__(self, jm: JourneyMap, **kwargs):
        from ..render._texts import lane_name

        self.jm = jm
        lang = jm.lang
        self.persona = W.Dropdown(options=[(jm.persona_name(k), k) for k in jm.persona_keys],
                                  description=L.text("persona", lang))
        default = tuple(lane for lane in VIEW_LANES if lane not in ("quotes",))
        self.lanes = W.SelectMultiple(options=[(lane_name(x, lang), x) for x in VIEW_LANES], value=default,
                                      rows=len(VIEW_LANES), description=L.text("lane", lang))
        self.header = W.HTML()
        self.grid = W.GridBox()
        self.detail = W.Output()
        self.buttons: dict[tuple[str, str], W.Button] = {}
        self.selected: tuple[str, str] | None = None
        self.persona.observe(lambda _: self._rebuild(), names="value")
        self.lanes.observe(lambda _: self._rebuild(), names="value")
        self._rebuild()
        super().__init__([W.HBox([self.persona, self.lanes]), self.header, self.grid, self.detail], **kwargs)

    def _items(self, lane: str, phase: str) -> list[dict]:
        """A cell's items as dicts with ``text``, ``n``, ``thin`` (and ``kpi`` for metrics)."""
        from ..render._common import cell_items
        from ..render._content import backstage_of, metric_items

        if lane == "backstage":
            return [{"text": f"{r['label']}: {r['value']}", "n": 0, "thin": False, "detail": "", "ids": (),
                     "rank": i + 1, "persona": self.persona.value} for i, r in enumerate(backstage_of(self.jm, phase))]
        if lane == "metrics":
            return metric_items(self.jm, self.persona.value, phase)
        return cell_items(self.jm, self.persona.value, phase, lane)

    def _header_html(self) -> str:
        from ..render._content import persona_block
        from ..render._texts import t

        b = persona_block(self.jm, self.persona.value)
        parts = [f"<b>{escape(b['name'])}</b> — {escape(b['counts'])}"
                 + (f" · <i>{escape(b['stability'])}</i>" if b["stability"] else "")]
        if b["apart"]:
            parts.append(f"<b>{escape(b['apart_label'])}:</b> " + " · ".join(escape(a) for a in b["apart"]))
        if b["need"]:
            parts.append(f"<b>{escape(t('need', self.jm.lang))}:</b> ‘{escape(b['need'])}’ {escape(b['need_where'])}")
        if b["quote"]:
            parts.append(f"<i>“{escape(b['quote'])}”</i> — {escape(b['who'])}")
        return "<br>".join(parts)

    def _rebuild(self) -> None:
        from ..render._texts import lane_name

        jm = self.jm
        phases = jm.phase_ids
        self.header.value = self._header_html()
        children = [W.HTML("")] + [W.HTML(f"<b>{escape(jm.phase_label(p))}</b>") for p in phases]
        self.buttons = {}
        for lane in self.lanes.value:
            children.append(W.HTML(f"<b>{escape(lane_name(lane, jm.lang))}</b>"))
            for ph in phases:
                items = self._items(lane, ph)
                top = items[0] if items else None
                text = (f"{top['text'][:40]}" + (f" (n={top['n']})" if top["n"] else "")) if top \
                    else L.text("no_data", jm.lang)
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
        from ..render._content import kpi_text
        from ..render._texts import lane_name

        jm, key = self.jm, self.persona.value
        parts = [f"<h4>{escape(lane_name(lane, jm.lang))} — {escape(jm.phase_label(phase))}</h4>"]
        quotes = jm.quotes[(jm.quotes["persona"] == key) & (jm.quotes["phase"] == phase)]
        for q in quotes.itertuples(index=False):
            who = q.who if isinstance(q.who, str) and q.who else display_id(q.participant_id, q.respondent_id)
            parts.append(f"<blockquote>“{escape(str(q.text))}” — {escape(str(who))} · {escape(str(q.doc_id))}</blockquote>")
        for it in self._items(lane, phase):
            thin = f" <i>{escape(L.text('thin', jm.lang, n=it['n']))}</i>" if it["thin"] else ""
            kpi = f" <b>{escape(kpi_text(it['kpi'], jm.lang))}</b>" if it.get("kpi") else ""
            n = f" (n={it['n']})" if it["n"] else ""
            parts.append(f"<p><b>{escape(it['text'])}</b>{n}{kpi}{thin}<br><small>{escape(it['detail'])}</small></p>")
            if not it["ids"]:
                continue
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
