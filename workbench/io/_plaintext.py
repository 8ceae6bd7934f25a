"""Plain-text and Markdown transcripts: turns introduced by speaker labels at line starts.

Recognised label lines (a timestamp such as ``[00:01:23]``, ``00:01:23``, ``(01:23)`` or
``[1:02:03.5]`` may come before the label or after it)::

    Interviewer: Hoe kwam u bij ons terecht?      I: … / R: … / Respondent: … / Deelnemer: …
    Anne-Marie de Vries: Via Instagram.           [00:01:23] Anouk: …   Anouk (01:23): …
    [P01] Ik zocht een cadeau.                     **Anouk**: …   **Anouk:** …
    Anouk<TAB>Ik zocht een cadeau.                 Anouk: [00:01:23] …

and Otter-style header lines, a name and a time alone on a line, followed by the text::

    Anouk  0:05
    Ik zocht een cadeau.

Lines without a label continue the current turn; text before the first label (title, date,
notes) belongs to no turn. The canonical text is the file itself, so offsets point into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._speakers import NAME, TS, accept_labels, label_key, plausible_label, seconds

__all__ = ["parse_plain"]

_BTS = rf"(?:\[{TS}\]|\({TS}\)|{TS})"
_SEP = r"[ \t]*(?:[-–—|][ \t]*)?"
_HEADER = re.compile(
    rf"""
    [ \t]*
    (?:(?P<ts1>{_BTS}){_SEP})?
    (?:
        \*\*[ \t]*(?P<md>{NAME})[ \t]*
            (?::[ \t]*\*\*|\*\*[ \t]*(?:(?P<ts_md>\[{TS}\]|\({TS}\))[ \t]*)?:)(?=\s|$)
      | \[(?P<br>{NAME})\](?:[ \t]*:)?(?=\s|$)
      | (?P<pl>{NAME})(?:[ \t]*(?P<ts2>\[{TS}\]|\({TS}\)))?(?:[ \t]*:(?=\s|$)|\t)
    )
    [ \t]*
    (?:(?P<ts3>{_BTS})(?=\s|$){_SEP})?
    """,
    re.VERBOSE,
)
_OTTER = re.compile(rf"[ \t]*(?P<name>{NAME})[ \t]+(?P<ts>{_BTS})[ \t]*$")
_TS_ONLY = re.compile(rf"[ \t]*(?P<ts>{_BTS})[ \t]*$")

# (speaker as written, start seconds, char_start, char_end)
PlainTurn = tuple[str, float, int, int]


def parse_plain(text: str, interviewer: Iterable[str] = ()) -> list[PlainTurn]:
    """Find the turns of a plain-text or Markdown transcript.

    Parameters
    ----------
    text : str
        The canonical text (decoded, newlines normalised).
    interviewer : iterable of str
        Labels that are speakers even when they occur only once.

    Returns
    -------
    list of (speaker, start_s, char_start, char_end)
        One entry per non-empty turn; ``text[char_start:char_end]`` is the turn's text without
        the label, surrounding timestamps and trailing whitespace.
    """
    lines = text.split("\n")
    starts = []  # offset of each line
    cands = []  # (line index, content offset, speaker, timestamp or None)
    ts_only: dict[int, str] = {}
    header, otter, stamp = _HEADER.match, _OTTER.match, _TS_ONLY.match
    pos = 0
    for i, line in enumerate(lines):
        starts.append(pos)
        if line and not line.isspace():
            m = header(line)
            if m is not None:
                name = m.group("pl") or m.group("md") or m.group("br")
                if plausible_label(name):
                    ts = m.group("ts1") or m.group("ts2") or m.group("ts_md") or m.group("ts3")
                    cands.append((i, pos + m.end(), name.strip(), ts))
            else:
                m = otter(line)
                if m is not None and plausible_label(m.group("name")):
                    cands.append((i, pos + len(line), m.group("name").strip(), m.group("ts")))
                else:
                    m = stamp(line)
                    if m is not None:
                        ts_only[i] = m.group("ts")
        pos += len(line) + 1

    accepted = accept_labels([label_key(c[2]) for c in cands], forced=interviewer)
    heads = [c for c in cands if label_key(c[2]) in accepted]
    # Where each turn's region ends: at the next label line, or at a timestamp-only line
    # that introduces it ("[00:01:23]" on a line of its own above "Anouk: …").
    cuts = []
    for k, (line_no, _, _, ts) in enumerate(heads):
        cut = starts[line_no]
        j = line_no - 1
        while j >= 0 and (not lines[j] or lines[j].isspace()):
            j -= 1
        if j >= 0 and j in ts_only and (k == 0 or j > heads[k - 1][0]):
            cut = starts[j]
            if ts is None:
                heads[k] = (line_no, heads[k][1], heads[k][2], ts_only[j])
        cuts.append(cut)
    cuts.append(len(text))

    turns: list[PlainTurn] = []
    for k, (_, content, speaker, ts) in enumerate(heads):
        end = max(cuts[k + 1], content)
        chunk = text[content:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        cs = content + (len(chunk) - len(chunk.lstrip()))
        turns.append((speaker, seconds(ts) if ts else float("nan"), cs, cs + len(stripped)))
    return turns
