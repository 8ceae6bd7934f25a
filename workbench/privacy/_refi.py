"""Scrub a REFI-QDA project before it is zipped (opt-in: QDA tools usually need the original).

Each source text goes through the policy; the selections (codings) on it are moved to the same
words in the scrubbed text (:func:`workbench.privacy.shift`), and notes, descriptions and case
variable values are scrubbed too.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .policy import Policy, shift


def scrub_project(qde: bytes, files: dict[str, str], policy: Policy, ns: str) -> tuple[bytes, dict[str, str]]:
    """The project XML and source files with personal data replaced under ``policy``."""
    from ..coding.refi._xml import to_bytes

    root = ET.fromstring(qde)
    q = f"{{{ns}}}"
    files = dict(files)
    for src in root.iter(q + "TextSource"):
        key = f"sources/{src.get('guid')}.txt"
        if key not in files:
            continue
        new, edits = policy.scrub_with_offsets(files[key])
        files[key] = new
        if src.get("name"):
            src.set("name", policy.scrub(src.get("name")))
        for sel in src.iter(q + "PlainTextSelection"):
            a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
            a2 = shift(a, edits)
            b2 = max(shift(b, edits), a2 + 1) if b > a else a2
            sel.set("startPosition", str(a2))
            sel.set("endPosition", str(min(b2, len(new))))
    for tag in ("PlainTextContent", "TextValue", "Description"):
        for el in root.iter(q + tag):
            if el.text:
                el.text = policy.scrub(el.text)
    return to_bytes(root, ns), files
