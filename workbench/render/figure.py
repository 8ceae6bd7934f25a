"""The journey map as a matplotlib figure, sized for A3 landscape (16.5 × 11.7 in).

Top to bottom: the title and the map's status; the persona header (who they are, their share
and size, what sets them apart, their main need, a headline quote, stability); the phases with
their steps; the lanes, read as **doing** (actions, touchpoints), **thinking** (needs, thoughts
as quotes) and **feeling** (the emotion curve, pain points), then opportunities, metrics with
their KPI targets and — under the line of visibility — the backstage (owner, system, process);
at the foot the definitions of everything measured and the sample sizes.

Lanes get the height their content needs (as far as the page allows); a cell that still cannot
show all its items ends with "+3 more" — nothing is dropped silently, and the HTML and XLSX
exports hold every item. Items resting on thin evidence are grey and italic, and cells whose
strongest item is thin are hatched. Text is never below 7 pt at A3 and is drawn with
``parse_math=False``: a ``$`` in a quote is a dollar sign, not math.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from .._atomic import savefig
from ..journey import labels as L
from ..journey.assemble import EVERYONE, JourneyMap
from ._cells import FONT, GAP, PAD_Y, SMALL, cell_content, content_height, fill_cell
from ._common import cell_items, resolve_persona, status_line
from ._content import definitions, frame_of, persona_block, sample_line, steps_of
from ._emotion import draw_emotion, draw_emotion_legend
from ._layout import block_height, ellipsize, fit_lines, line_height, quiet_glyphs, text_width, wrap
from ._page import GREY, Page
from ._texts import GROUPS, lane_name, t

__all__ = ["plot_journey_map", "save_figure", "A3_LANDSCAPE", "ALL_LANES"]

A3_LANDSCAPE = (16.5, 11.7)
#: Every lane of the printed map, in reading order.
ALL_LANES = tuple(lane for _, lanes in GROUPS for lane in lanes)
X_GROUP, X_LABEL, X_CELLS, RIGHT, TOP, BOTTOM = 0.2, 0.55, 1.95, 0.2, 0.22, 0.18
GROUP_W = 0.28
_COLOURS = {"pain_points": "#fde0dd", "needs": "#e0ecf4", "touchpoints": "#f0f0f0", "actions": "#f7f7f7",
            "quotes": "#fffbe6", "opportunities": "#e5f5e0", "metrics": "#f2f0f7", "emotion": "#ffffff",
            "backstage": "#eef1f4"}
_LEVEL = {"stable": "#1a7f37", "doubtful": "#b35806", "unstable": "#b2182b"}
HEAD = 8.5
#: Lanes kept whole when the page allows (the others give way first).
WHOLE = ("metrics", "opportunities", "backstage")
#: How the map's files are written: editable text in SVG and PDF, reproducible SVG ids.
RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "journey-workbench"}


def plot_journey_map(
    jm: JourneyMap,
    persona: str | None = None,
    lang: str | None = None,
    *,
    lanes: tuple[str, ...] | None = None,
    figsize: tuple[float, float] = A3_LANDSCAPE,
) -> Figure:
    """Draw the journey map of one persona (default: everyone) on one A3 landscape figure.

    Parameters
    ----------
    jm : JourneyMap
    persona : str, optional
        Persona key (``"k4-p0"``) or name; ``None`` for everyone.
    lang : {'nl', 'en'}, optional
        Language of the labels (default: the map's).
    lanes : tuple of str, optional
        Lanes to draw (default :data:`ALL_LANES`), in reading order.
    figsize : (float, float)
        Inches; the default is A3 landscape.

    Returns
    -------
    Figure
        With ``fig.journey_boxes``: every text and the box it stays in (see ``_page.Page``).
    """
    lang = lang or jm.lang
    key = resolve_persona(jm, persona)
    wanted = [lane for lane in ALL_LANES if lanes is None or lane in lanes]
    page = Page(figsize)
    W, H = figsize
    phases = jm.phase_ids
    n = max(1, len(phases))
    col_w = (W - RIGHT - X_CELLS) / n
    y = _header(page, jm, key, lang, H - TOP)
    y = _phase_heads(page, jm, phases, col_w, y, lang)
    y = _steps(page, jm, phases, col_w, y, lang)
    foot_top = _footer(page, jm, key, lang)
    _lanes(page, jm, key, phases, wanted, col_w, y - 0.04, foot_top + 0.06, lang)
    return page.fig


def _header(page: Page, jm: JourneyMap, key: str, lang: str, top: float) -> float:
    """Title, status and the persona header; returns the y below them."""
    W = page.W
    left, right = X_GROUP, W - RIGHT
    status = status_line(jm)
    sw = text_width(status, SMALL + 1.5, "bold")
    box = (left, 0, right, page.H)
    page.text(right, top, status, box, fontsize=SMALL + 1.5, weight="bold", ha="right", va="top",
              color="#b2182b" if jm.status == "draft" else "#1a7f37")
    title = f"{L.text('journey_map', lang)} — {jm.name}"
    y = top - page.para(left, top, title, right - left - sw - 0.3, box, 14, max_lines=2, weight="bold")
    y -= 0.06
    b = persona_block(jm, key)
    name_w = min(text_width(b["name"], 12, "bold"), (right - left) * 0.5)
    name = b["name"] if text_width(b["name"], 12, "bold") <= name_w else ellipsize(b["name"], name_w, 12, "bold")
    page.text(left, y, name, box, fontsize=12, weight="bold", va="top")
    rest = f"  —  {b['counts']}"
    stab_w = text_width(b["stability"], HEAD, "bold") if b["stability"] else 0.0
    room = right - left - name_w - (stab_w + 0.3 if stab_w else 0)
    page.text(left + name_w, y - 0.03, fit_lines([rest], 1, room, 10)[0] if text_width(rest, 10) <= room
              else ellipsize(rest, room, 10), box, fontsize=10, va="top")
    if b["stability"]:
        page.text(right, y - 0.03, b["stability"], box, fontsize=HEAD, weight="bold", ha="right", va="top",
                  color=_LEVEL.get(b["level"], GREY))
    y -= block_height(1, 12) + 0.04
    width = right - left
    if b["apart"]:
        y -= page.para(left, y, f"{b['apart_label']}: " + " · ".join(b["apart"]), width, box, HEAD, max_lines=2)
    if b["need"]:
        where = f" ({b['need_where']})" if b["need_where"] else ""
        y -= page.para(left, y, f"{t('need', lang)}: {L.quoted(b['need'])}{where}", width, box, HEAD, max_lines=1)
    if b["quote"]:
        who = f" — {b['who']}" if b["who"] else ""
        y -= page.para(left, y, f"{t('quote', lang)}: “{b['quote']}”{who}", width, box, HEAD, max_lines=2,
                       style="italic")
    return y - 0.08


def _phase_heads(page: Page, jm, phases, col_w, top, lang) -> float:
    size = 11.0
    labels = [wrap(jm.phase_label(p), col_w - 0.2, size, "bold") for p in phases]
    n_lines = min(2, max((len(x) for x in labels), default=1))
    h = block_height(n_lines, size) + 0.12
    for j, lines in enumerate(labels):
        x0 = X_CELLS + j * col_w
        page.rect(x0, top - h, col_w - 0.05, h, color="#3b5b7a")
        lines = fit_lines(lines, n_lines, col_w - 0.2, size, "bold")
        page.text(x0 + (col_w - 0.05) / 2, top - h / 2, "\n".join(lines), (x0, top - h, x0 + col_w - 0.05, top),
                  color="white", fontsize=size, weight="bold", ha="center", va="center", multialignment="center")
    return top - h - 0.03


def _steps(page: Page, jm, phases, col_w, top, lang) -> float:
    """The steps within each phase (from the phase model or study.toml), when there are any."""
    steps = {p: steps_of(jm, p) for p in phases}
    if not any(steps.values()):
        return top
    texts = {p: "  ›  ".join(f"{i + 1}. {s}" for i, s in enumerate(v)) for p, v in steps.items()}
    lines = {p: wrap(x, col_w - 0.05 - 0.12, SMALL + 0.5) if x else [] for p, x in texts.items()}
    n_lines = min(3, max(len(v) for v in lines.values()))
    h = block_height(n_lines, SMALL + 0.5) + 0.1
    label_box = (X_LABEL, top - h, X_CELLS - 0.05, top)
    page.para(X_LABEL, top - 0.05, lane_name("steps", lang), X_CELLS - X_LABEL - 0.1, label_box, 8.5, max_lines=1,
              weight="bold")
    for j, ph in enumerate(phases):
        x0 = X_CELLS + j * col_w
        box = (x0, top - h, x0 + col_w - 0.05, top)
        page.rect(x0, top - h, col_w - 0.05, h, facecolor="#dfe7ef", edgecolor="none")
        shown = fit_lines(lines[ph], n_lines, col_w - 0.17, SMALL + 0.5)
        page.block(x0 + 0.06, top - 0.05, shown, box, SMALL + 0.5, color="#1f3b57")
    return top - h - 0.03


def _footer(page: Page, jm: JourneyMap, key: str, lang: str) -> float:
    """Definitions, sample sizes and notes at the foot of the page; returns the top of the footer."""
    shared = key != EVERYONE and any(it.get("shared") for ph in jm.phase_ids
                                     for it in cell_items(jm, key, ph, "metrics"))
    parts = [sample_line(jm, key)]
    unplaced = getattr(jm, "unplaced", None)
    if unplaced is not None and len(unplaced):
        n = len({d for ids in unplaced["doc_ids"] for d in ids}) if "doc_ids" in unplaced.columns else len(unplaced)
        parts.append(t("unplaced_short", lang, n=n))
    text = f"{t('definitions', lang)}: " + "; ".join(definitions(jm, shared=shared)) + ". " + ". ".join(parts) + "."
    width = page.W - RIGHT - X_GROUP
    lines = wrap(text, width, SMALL)
    h = block_height(len(lines), SMALL)
    top = BOTTOM + h
    page.block(X_GROUP, top, lines, (X_GROUP, BOTTOM - 0.05, page.W - RIGHT, top + 0.02), SMALL, color=GREY)
    return top


def _allocate(need: dict[str, float], minimum: dict[str, float], avail: float) -> dict[str, float]:
    """Heights per lane: what each needs when everything fits (the rest shared out by need),
    else water-filling — lanes needing little get it, the others share the remaining height."""
    total = sum(need.values())
    if total <= avail:
        return {k: v + (avail - total) * v / total for k, v in need.items()}
    lo, hi = 0.0, max(need.values())
    for _ in range(50):  # the level t with sum(min(need, max(minimum, t))) == avail
        mid = (lo + hi) / 2
        used = sum(min(need[k], max(minimum[k], mid)) for k in need)
        lo, hi = (mid, hi) if used < avail else (lo, mid)
    return {k: min(need[k], max(minimum[k], lo)) for k in need}


def _lanes(page: Page, jm, key, phases, wanted, col_w, top, bottom, lang) -> None:
    inner = col_w - 0.05 - 2 * 0.06
    content = {lane: {ph: cell_content(jm, key, ph, lane, inner, lang) for ph in phases}
               for lane in wanted if lane != "emotion"}
    pad = 2 * PAD_Y + 0.06
    need, minimum = {}, {}
    for lane in wanted:
        if lane == "emotion":
            need[lane], minimum[lane] = 1.5, 1.3
            continue
        need[lane] = max(content_height(c) for c in content[lane].values()) + pad
        minimum[lane] = min(need[lane], block_height(2, FONT) + block_height(1, SMALL) + pad)
        if lane == "backstage" and len(frame_of(jm, "backstage")):  # room for the BACKSTAGE band's name
            need[lane] = max(need[lane], text_width(t("backstage", lang), 7.0, "bold") + 0.2)
    # what the map claims to measure and decide is shown whole when the page allows; the
    # other lanes give way first (their items are ranked, and cut ones are counted)
    whole = {lane: need[lane] for lane in wanted if lane in WHOLE}
    if "metrics" in whole and key != EVERYONE:  # the funnel's metrics (everyone's, marked *) may give way
        own = [cell_content(jm, key, ph, "metrics", inner, lang, own=True) for ph in phases]
        more = block_height(1, SMALL) + GAP * line_height(FONT)  # the '+N meer' line (and its gap)
        whole["metrics"] = min(need["metrics"], max(content_height(c) for c in own) + more + pad)
    if sum(whole.values()) + sum(v for k, v in minimum.items() if k not in whole) <= top - bottom:
        minimum.update(whole)
    heights = _allocate(need, minimum, top - bottom)
    y = top
    spans: dict[str, list[float]] = {}
    for lane in wanted:
        h = heights[lane]
        y -= h
        _lane_label(page, jm, key, lane, (X_LABEL, y, X_CELLS - 0.05, y + h), lang)
        group = next(g for g, lanes in GROUPS if lane in lanes)
        spans.setdefault(group, [y + h, y])[1] = y
        if lane == "backstage":  # the line of visibility: what the customer sees is above it
            page.line([X_GROUP, page.W - RIGHT], [y + h + 0.015] * 2, color="#3b5b7a", linestyle=(0, (6, 4)),
                      linewidth=1.0)
        if lane == "emotion":
            draw_emotion(page, jm, key, phases, (X_CELLS, y, X_CELLS + len(phases) * col_w - 0.05, y + h), lang)
            continue
        for j, ph in enumerate(phases):
            x0 = X_CELLS + j * col_w
            cell = (x0, y + 0.03, x0 + col_w - 0.05, y + h - 0.03)
            items = content[lane][ph]
            first = cell_items(jm, key, ph, lane)[:1] if lane not in ("backstage", "metrics") else []
            hatched = bool(first) and first[0]["thin"] and lane != "quotes"
            page.rect(x0, cell[1], col_w - 0.05, cell[3] - cell[1], facecolor=_COLOURS.get(lane, "#fff"),
                      edgecolor="#c8c8c8", hatch="///" if hatched else None, linewidth=0.6)
            empty = f"— {t('backstage_empty', lang)}" if lane == "backstage" else None
            page.hidden[(lane, ph)] = fill_cell(page, items, cell, lang, empty=empty)
    for group, (g_top, g_bottom) in spans.items():
        if group:
            _group_band(page, group, g_top, g_bottom, lang)


def _lane_label(page: Page, jm, key, lane, box, lang) -> None:
    x0, y0, x1, y1 = box
    width = x1 - x0
    label = lane_name(lane, lang)
    lines = wrap(label, width, 9, "bold")
    if lane == "emotion":
        h = page.block(x0, y1 - 0.08, fit_lines(lines, 2, width, 9, "bold"), box, 9, weight="bold")
        draw_emotion_legend(page, jm, key, x0, y1 - 0.14 - h, box, lang)
        return
    for size in (9.0, 8.0, 7.0):  # the largest size at which the whole name fits
        lines = wrap(label, width, size, "bold")
        if block_height(len(lines), size) <= y1 - y0 - 0.06:
            break
    n = max(1, min(len(lines), int((y1 - y0 - 0.06) / block_height(1, size))))
    lines = fit_lines(lines, n, width, size, "bold")
    page.text(x0, (y0 + y1) / 2, "\n".join(lines), box, fontsize=size, weight="bold", va="center")


def _group_band(page: Page, group: str, top: float, bottom: float, lang: str) -> None:
    """The doing / thinking / feeling / backstage band at the left, its name written upwards."""
    page.rect(X_GROUP, bottom + 0.03, GROUP_W, top - bottom - 0.06, facecolor="#3b5b7a" if group != "backstage"
              else "#7a8a9a", edgecolor="none")
    label = t(group, lang)
    for size in (8.5, 7.5, 7.0):
        if text_width(label, size, "bold") <= top - bottom - 0.12:
            page.text(X_GROUP + GROUP_W / 2, (top + bottom) / 2, label, (X_GROUP, bottom, X_GROUP + GROUP_W, top),
                      fontsize=size, weight="bold", color="white", rotation=90, ha="center", va="center")
            return


def save_figure(fig: Figure, out_base: str | Path, *, dpi: int = 150,
                formats: tuple[str, ...] = ("png", "svg", "pdf")) -> list[Path]:
    """Save as ``<out_base>.png`` (``dpi``), ``.svg`` and ``.pdf`` — or only the given
    ``formats`` — and return the paths.

    The SVG keeps its text as text (``<text>`` elements, ``svg.fonttype = "none"``) so it can be
    edited in Figma or Illustrator; the PDF embeds its fonts (TrueType, editable text). The files
    are reproducible: no creation date or software stamp, and the SVG's element ids are hashed
    with a fixed salt, so the same map gives the same bytes."""
    import matplotlib

    base = Path(out_base)
    paths = []
    stamps = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
    with matplotlib.rc_context(RC), quiet_glyphs():
        for ext in formats:
            p = base.with_name(base.name + "." + ext)
            savefig(fig, p, dpi=dpi if ext == "png" else None, metadata=stamps.get(ext))
            paths.append(p)
    return paths

