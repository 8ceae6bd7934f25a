"""What a cell of the printed map says, as wrapped text blocks, and how a cell is filled: whole
items from the top — at most the map's ``max_items`` of a ranked lane — and "+3 more" for the
items not drawn, left out or not fitting (everything is in HTML and XLSX)."""

from __future__ import annotations

from dataclasses import dataclass

from ..journey import labels as L
from ._common import compact_items
from ._content import backstage_of, kpi_text, metric_items, opportunity_meta
from ._layout import block_height, fit_lines, line_height, wrap
from ._page import GREY, Page
from ._texts import t

__all__ = ["Block", "Flow", "Items", "cell_content", "fill_cell", "content_height", "FONT", "SMALL", "PAD_X", "PAD_Y"]

FONT = 8.0
SMALL = 7.0
PAD_X = 0.06
PAD_Y = 0.06
GAP = 0.35  # between items, in lines of FONT
FLOW = ("actions", "touchpoints")  # short items: written one after the other
_RED, _GREEN = "#a50f15", "#1a7f37"


@dataclass
class Block:
    """One drawn text: its lines and style."""

    lines: list[str]
    size: float = FONT
    style: str = "normal"
    weight: str = "normal"
    color: str = "black"

    @property
    def height(self) -> float:
        return block_height(len(self.lines), self.size)


class Items(list):
    """A cell's items (each a list of blocks) and ``hidden``: how many more the cell holds that
    are not drawn at all (counted in its "+N more")."""

    hidden: int = 0

    def __init__(self, items=(), hidden: int = 0):
        super().__init__(items)
        self.hidden = hidden


@dataclass
class Flow:
    """Short items written one after the other (" · "), the thin ones after the others in grey
    italic; when the cell is too small, as many as fit and "+N more" (``hidden``: items of the
    cell not among ``parts``, always counted there)."""

    parts: list[tuple[str, bool]]
    width: float
    hidden: int = 0

    def blocks(self, k: int | None = None) -> list[Block]:
        parts = self.parts[:k]
        out = []
        strong = " · ".join(p for p, thin in parts if not thin)
        weak = " · ".join(p for p, thin in parts if thin)
        if strong:
            out.append(_block(strong, self.width))
        if weak:
            out.append(_block(weak, self.width, style="italic", color=GREY))
        return out


def _block(text: str, width: float, *, size: float = FONT, style: str = "normal", weight: str = "normal",
           color: str = "black") -> Block:
    return Block(wrap(text, width, size, weight, style), size, style, weight, color)


def _thin(it: dict) -> dict:
    return {"style": "italic", "color": GREY} if it["thin"] else {}


def _metric_lines(items: list[dict], lang: str) -> list[tuple[str, dict]]:
    """Metrics as lines, a CSAT or CES mean and share of the same people on one line."""
    out, skip = [], set()
    pairs = {"csat_mean": "csat_top2", "ces_mean": "ces_agree"}
    by_metric = {it["metric"]: it for it in items if not it.get("shared")}
    for it in items:
        if id(it) in skip:
            continue
        text = it["text"]
        if it.get("shared"):
            text = "* " + text.rsplit(" (", 1)[0]
        kpi = it.get("kpi")
        if kpi:
            text += " → " + kpi_text(kpi, lang)
        other = by_metric.get(pairs.get(it["metric"], ""))
        if other is not None and other["n"] == it["n"] and other["thin"] == it["thin"]:
            skip.add(id(other))
            second = other["text"].split(" ", 1)[-1]  # 'CSAT 46% top-2' -> '46% top-2'
            text += " · " + second + (" → " + kpi_text(other["kpi"], lang) if other.get("kpi") else "")
            kpi = kpi or other.get("kpi")
            missed = any(k and k["met"] is False for k in (it.get("kpi"), other.get("kpi")))
        else:
            missed = bool(kpi and kpi["met"] is False)
        if it["n"]:
            text += f" (n={L.number(it['n'], 0, lang)})"
        style = dict(_thin(it))
        if it.get("unmeasured"):
            style = {"color": GREY}
        elif kpi and kpi["met"] is not None:
            style["color"] = _RED if missed else _GREEN
        out.append((text, style))
    return out


def cell_content(jm, key: str, phase: str, lane: str, width: float, lang: str, *,
                 own: bool = False) -> list[list[Block]]:
    """The items of a cell as lists of blocks (an item may have a second, smaller line);
    ``own``: a persona's metrics without the funnel's, which are everyone's (marked *)."""
    if lane == "backstage":
        rows = backstage_of(jm, phase)
        if not rows:
            return []
        return [[_block(f"{r['label']}: {r['value']}", width)] for r in rows]
    if lane == "metrics":
        items = [it for it in metric_items(jm, key, phase) if not (own and it.get("shared"))]
        return [[_block(text, width, **style)] for text, style in _metric_lines(items, lang)]
    items, hidden = compact_items(jm, key, phase, lane)
    if lane == "quotes":
        return [[_block(f"“{it['text']}” — {it['detail'].split(' · ')[0]}", width, style="italic",
                        color=GREY if it["thin"] else "black")] for it in items]
    if lane == "opportunities":
        meta = opportunity_meta(jm, key, phase)
        out = []
        for it in items:
            m = meta.get(it["rank"], {})
            head = f"{m['priority']} · " if m.get("priority") else ""
            n = f" (n={it['n']})" if it["n"] else ""
            item = [_block(head + it["text"] + n, width, **_thin(it))]
            if m.get("fields"):
                item.append(_block(m["fields"], width, size=SMALL, color=GREY))
            out.append(item)
        return out
    if lane in FLOW:
        return [Flow([(f"{it['text']} ({it['n']})" if it["n"] else it["text"], it["thin"]) for it in items], width,
                     hidden)] if items else []
    return Items([[_block(f"• {it['text']}" + (f" ({it['n']})" if it["n"] else ""), width, **_thin(it))]
                  for it in items], hidden)


def content_height(items: list) -> float:
    """Height all items need (without the cell's padding)."""
    if not items:
        return block_height(1, FONT)
    hidden = items[0].hidden if isinstance(items[0], Flow) else getattr(items, "hidden", 0)
    if isinstance(items[0], Flow):
        items = [items[0].blocks()]
    gap = GAP * line_height(FONT)
    more = gap + block_height(1, SMALL) if hidden else 0.0  # the '+N more' line
    return sum(sum(b.height for b in it) for it in items) + gap * (len(items) - 1) + more


def fill_cell(page: Page, items: list[list[Block]], box, lang: str, *, empty: str | None = None) -> int:
    """Draw the items from the top of ``box`` down; when the rest does not fit, "+N more".
    Returns the number of items not shown."""
    x0, y0, x1, y1 = box
    x, y, bottom = x0 + PAD_X, y1 - PAD_Y, y0 + PAD_Y
    width = x1 - x0 - 2 * PAD_X
    if not items:
        page.text(x, y, empty if empty is not None else L.text("no_data", lang), box, fontsize=FONT, color=GREY,
                  va="top")
        return 0
    gap = GAP * line_height(FONT)
    more_h = block_height(1, SMALL)
    if isinstance(items[0], Flow):
        return _fill_flow(page, items[0], box, lang)
    hidden = getattr(items, "hidden", 0)
    shown = 0
    for i, item in enumerate(items):
        rest = len(items) - i - 1 + hidden
        room = y - bottom - (more_h + gap if rest else 0)
        need = sum(b.height for b in item)
        if need <= room + 1e-9:
            for b in item:
                y -= page.block(x, y, b.lines, box, b.size, style=b.style, weight=b.weight, color=b.color)
            y -= gap
            shown += 1
            continue
        if shown == 0:  # not even the first item fits whole: its first lines, cut with "…"
            room = y - bottom - (more_h + gap if rest else 0)
            b = item[0]
            n = int(room / block_height(1, b.size) + 1e-9)
            if n > 0:
                lines = fit_lines(b.lines, n, width, b.size, b.weight, b.style)
                y -= page.block(x, y, lines, box, b.size, style=b.style, weight=b.weight, color=b.color) + gap
                shown = 1
        break
    left = len(items) - shown + hidden
    if left:
        page.text(x, y, t("more", lang, n=left), box, fontsize=SMALL, color=GREY, va="top", weight="bold")
    return left


def _fill_flow(page: Page, flow: Flow, box, lang: str) -> int:
    x0, y0, x1, y1 = box
    x, y, room = x0 + PAD_X, y1 - PAD_Y, y1 - y0 - 2 * PAD_Y
    gap = GAP * line_height(FONT) / 2
    total = len(flow.parts)
    for k in range(total, 0, -1):
        blocks = flow.blocks(k)
        need = sum(b.height for b in blocks) + gap * (len(blocks) - 1)
        if k < total or flow.hidden:
            need += gap + block_height(1, SMALL)
        if need <= room + 1e-9 or k == 1:
            break
    if need > room + 1e-9:  # not even one item: its first lines, cut with "…"
        b = blocks[0]
        n = int((room - (gap + block_height(1, SMALL) if total > 1 or flow.hidden else 0)) / block_height(1, b.size)
                + 1e-9)
        blocks = [Block(fit_lines(b.lines, n, x1 - x0 - 2 * PAD_X, b.size, b.weight, b.style), b.size, b.style,
                        b.weight, b.color)] if n > 0 else []
        k = 1 if blocks else 0
    for b in blocks:
        y -= page.block(x, y, b.lines, box, b.size, style=b.style, weight=b.weight, color=b.color) + gap
    left = total - k + flow.hidden
    if left:
        page.text(x, y, t("more", lang, n=left), box, fontsize=SMALL, color=GREY, va="top", weight="bold")
    return left
