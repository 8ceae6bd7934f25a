"""Make study text inert wherever it leaves the workbench as HTML, Markdown or a spreadsheet.

Anything a respondent, a participant or a transcript wrote — and anything derived from it (theme
labels, persona names, choice options, file names) — goes through one of these before it is put
into an HTML page, a Markdown document, a notebook output or an XLSX/CSV cell:

- :func:`escape_html` for HTML text and attribute values;
- :func:`md_escape` for Markdown (it also escapes HTML, since Markdown renderers pass HTML through:
  JupyterLab runs ``<script>`` and ``onerror`` in the output of a cell just executed);
- :func:`neutralise_formula` for spreadsheet cells (OWASP's CSV-injection advice);
- :func:`safe_url` for anything used as a link target: only ``http``, ``https``, ``mailto`` and
  in-page ``#anchors`` pass; ``javascript:``, ``data:``, ``vbscript:`` and the rest are refused.

This module has no dependencies, so every layer (personas, coding widgets, renderers) can use it.
"""

from __future__ import annotations

import html
import re

__all__ = ["escape_html", "md_escape", "md_inline", "neutralise_formula", "safe_url", "FORMULA_STARTS"]

#: First characters that make a spreadsheet treat a cell as a formula (with full-width forms).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠", "|")

# Markdown syntax that could make a link, an image, emphasis, a table cell or a heading out of
# study text; ``[`` and ``]`` suffice to break every link and image form (``<`` is an entity).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_URL_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_SAFE_SCHEMES = {"http", "https", "mailto"}
# characters browsers drop while parsing a URL scheme ("java\tscript:", "jav&#x09;ascript:")
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def escape_html(text: object) -> str:
    """HTML-escape text for element content and quoted attribute values.

    >>> escape_html('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def md_escape(text: object) -> str:
    """Escape text for Markdown (a table cell, a heading, a list item or a block quote).

    HTML special characters become entities, so a renderer that allows HTML shows ``<script>``
    as text; Markdown syntax characters (links, images, emphasis, tables, headings) are
    backslash-escaped; line breaks and tabs become spaces.

    >>> md_escape("<script>|*x*")
    '&lt;script&gt;\\\\|\\\\*x\\\\*'
    >>> md_escape("[klik](javascript:alert(1))")
    '\\\\[klik\\\\](javascript:alert(1))'
    """
    s = "" if text is None else str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return re.sub(r"[\r\n\t\f\v]+", " ", s)


def md_inline(text: object) -> str:
    """:func:`md_escape`, for text that starts a line: a leading ``-``, ``+``, ``=`` or a number
    followed by ``.`` would otherwise start a list or a heading underline.

    >>> md_inline("1. niet goed")
    '1\\\\. niet goed'
    """
    s = md_escape(text)
    s = re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", s)
    return re.sub(r"^(\s*)([-+=])", r"\1\\\2", s)


def neutralise_formula(text: object) -> str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe (OWASP advice).

    >>> neutralise_formula("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_formula("goed")
    'goed'
    """
    s = "" if text is None else str(text)
    stripped = s.lstrip(" \u00a0")
    if stripped[:1] in FORMULA_STARTS or s[:1] in FORMULA_STARTS:
        return "'" + s
    return s


def safe_url(url: object) -> str | None:
    """The URL when it is safe as a link target (http, https, mailto, a relative path or an
    in-page anchor), else ``None``.

    >>> safe_url("https://example.org/a?b=1"), safe_url("#cell-3"), safe_url("evidence.html")
    ('https://example.org/a?b=1', '#cell-3', 'evidence.html')
    >>> safe_url("javascript:alert(1)"), safe_url(" JaVa\\tScRiPt:alert(1)"), safe_url("data:text/html,x")
    (None, None, None)
    """
    if url is None:
        return None
    s = str(url)
    probe = _URL_NOISE.sub("", html.unescape(s))
    m = _URL_SCHEME.match(probe)
    if m and m.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if probe.startswith("//"):  # protocol-relative: whatever the page was served with
        return None
    return s
