"""Persona cards as Markdown, standalone HTML and files on disk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .._escape import escape_html, md_escape, md_inline
from ..errors import WorkbenchError
from ..privacy import display_id
from .cards import PersonaCard
from .facts import LABELS, card_facts, labels, pct, quote_tags, subtitle

__all__ = ["cards_to_markdown", "cards_to_html", "save_result"]


def _phase(row) -> str:
    """A phase's display name (its id only when the card has no name for it)."""
    name = row.get("phase_name")
    return str(name) if isinstance(name, str) and name else str(row["phase"])


def cards_to_markdown(cards: Sequence[PersonaCard], *, title: str | None = None) -> str:
    """All cards as one Markdown document.

    Every text that comes from the study (persona names, options, quotes, ids) is escaped with
    :func:`workbench._escape.md_escape`: a notebook shows the result with ``display(Markdown(...))``
    and JupyterLab would run HTML in it.
    """
    if not cards:
        return ""
    e = md_escape
    t = labels(cards[0])
    lines = [f"# {e(title or t['title'])}", ""]
    for c in cards:
        lines += [f"## {e(c.name)}", "", f"*persona {c.persona} · {e(subtitle(c))}*", ""]
        if c.warning:
            lines += [f"> **⚠ {e(c.warning)}**", ""]
        if not c.traits.empty:
            lines += [f"**{e(t['traits'])}**", "", f"| {e(t['feature'])} | {e(t['value'])} |", "|---|---|"]
            lines += [f"| {e(r['label'])} | {e(r['display'])} |" for r in c.traits.to_dict("records")]
            lines.append("")
        for head, items in card_facts(c):
            lines += [f"**{e(head)}**: " + "; ".join(e(i) for i in items), ""]
        ph = c.phases[c.phases["docs"] > 0] if not c.phases.empty else c.phases
        if not ph.empty:
            lines += [f"**{e(t['phases'])}**", "", f"| {t['phase']} | {t['docs']} | {t['pain']} | {t['need']} |",
                      "|---|---|---|---|"]
            for r in ph.to_dict("records"):
                pain = pct(r["pain_share"]) + ("".join(f" “{e(x)}”" for x in r["pains"][:1]))
                need = pct(r["need_share"]) + ("".join(f" “{e(x)}”" for x in r["needs"][:1]))
                lines.append(f"| {e(_phase(r))} | {r['docs']} | {pain} | {need} |")
            lines.append("")
        if c.quotes:
            lines += [f"**{e(t['quotes'])}**", ""]
            for q in c.quotes:
                who = display_id(q.participant_id, q.respondent_id) or q.doc_id
                tags = f", {quote_tags(c, q.tags)}" if q.tags else ""
                lines += [f"> {md_inline(q.text)}", f"> — {e(who)}{e(tags)}", ""]
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#222;max-width:70rem}
.card{border:1px solid #ccc;border-radius:8px;padding:1rem 1.5rem;margin:1.5rem 0}
.card.unstable{border:3px solid #b2182b}.card.doubtful{border:2px solid #b8860b}
.sub{color:#555}.warn{background:#fbe3e4;color:#8a1c1c;padding:.5rem .8rem;border-radius:4px;font-weight:bold}
table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;
text-align:left;vertical-align:top}blockquote{border-left:4px solid #1b9e77;margin:.6rem 0;padding:.2rem .8rem}
.who{color:#666;font-size:.9em}
"""


def cards_to_html(cards: Sequence[PersonaCard], *, title: str | None = None) -> str:
    """All cards as one standalone HTML page (all text escaped, no external resources)."""
    e = escape_html
    t = labels(cards[0]) if cards else LABELS["en"]
    lang = cards[0].lang if cards else "en"
    out = [f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">',
           f"<title>{e(title or t['title'])}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(title or t['title'])}</h1>"]
    for c in cards:
        out.append(f'<section class="card {e(c.verdict or "")}" id="persona-{e(c.persona)}">')
        out.append(f"<h2>{e(c.name)}</h2><p class='sub'>persona {e(c.persona)} · {e(subtitle(c))}</p>")
        if c.warning:
            out.append(f"<p class='warn'>⚠ {e(c.warning)}</p>")
        if not c.traits.empty:
            out.append(f"<h3>{e(t['traits'])}</h3><table><tr><th>{e(t['feature'])}</th><th>{e(t['value'])}</th></tr>")
            out += [f"<tr><td>{e(str(r['label']))}</td><td>{e(str(r['display']))}</td></tr>"
                    for r in c.traits.to_dict("records")]
            out.append("</table>")
        for head, items in card_facts(c):
            out.append(f"<h3>{e(head)}</h3><ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>")
        ph = c.phases[c.phases["docs"] > 0] if not c.phases.empty else c.phases
        if not ph.empty:
            out.append(f"<h3>{e(t['phases'])}</h3><table><tr><th>{e(t['phase'])}</th><th>{e(t['docs'])}</th>"
                       f"<th>{e(t['pain'])}</th><th>{e(t['need'])}</th></tr>")
            for r in ph.to_dict("records"):
                pain = e(pct(r["pain_share"])) + "".join(f"<br>“{e(x)}”" for x in r["pains"][:1])
                need = e(pct(r["need_share"])) + "".join(f"<br>“{e(x)}”" for x in r["needs"][:1])
                out.append(f"<tr><td>{e(_phase(r))}</td><td>{e(r['docs'])}</td><td>{pain}</td><td>{need}</td></tr>")
            out.append("</table>")
        if c.quotes:
            out.append(f"<h3>{e(t['quotes'])}</h3>")
            for q in c.quotes:
                who = display_id(q.participant_id, q.respondent_id) or q.doc_id
                out.append(f"<blockquote>{e(q.text)}<div class='who'>— {e(str(who))}</div></blockquote>")
        out.append("</section>")
    out.append("</body></html>\n")
    return "\n".join(out)


def save_result(result, out_dir: str | Path, *, png: bool = True) -> dict[str, Path]:
    """Write a PersonaResult's files into ``out_dir`` (created); return name -> path."""
    from .. import _atomic as atomic
    from .plots import plot_k_selection, plot_persona_card

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        paths = {"personas.csv": out / "personas.csv", "personas.md": out / "personas.md",
                 "personas.html": out / "personas.html"}
        atomic.to_csv(result.assignments, paths["personas.csv"], index=False)
        paths["k_selection.csv"] = out / "k_selection.csv"
        atomic.to_csv(result.k_scores, paths["k_selection.csv"], index=False)
        atomic.write_text(paths["personas.md"], cards_to_markdown(result.cards))
        atomic.write_text(paths["personas.html"], cards_to_html(result.cards))
        if png:
            for c in result.cards:
                fig = plot_persona_card(c)
                p = out / f"persona_{c.persona}.png"
                atomic.savefig(fig, p, dpi=100)
                paths[p.name] = p
            ax = plot_k_selection(result.k_scores, result.clusterer.criterion_,
                                  chosen=result.clusterer.n_clusters_, lang=result.lang)
            p = out / "k_selection.png"
            atomic.savefig(ax.figure, p, dpi=100)
            paths[p.name] = p
    except OSError as exc:
        raise WorkbenchError(f"cannot write persona files: {exc.strerror or exc}", path=out,
                             hint="Choose a folder you can write to.") from exc
    return paths
