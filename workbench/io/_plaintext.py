"""Plain-text and Markdown transcripts: turns introduced by speaker labels at line starts.

Recognised label lines (a timestamp such as ``[00:01:23]``, ``00:01:23``, ``(01:23)`` or
``[1:02:03.5]`` may come before the label or after it)::

    Interviewer: Hoe kwam u bij ons terecht?      I: … / R: … / Respondent: … / Deelnemer: …
    Anne-Marie de Vries: Via Instagram.           [00:01:23] Anouk: …   Anouk (01:23): …
    [P01] Ik zocht een cadeau.                     **Anouk**: …   **Anouk:** …
    Anouk<TAB>Ik zocht een cadeau.                 Anouk: [00:01:23] …
    **Anouk** [00:01:23] Ik zocht een cadeau.      (Otter pasted into Markdown)

and Otter- or Teams-style header lines, a name and a time alone on a line, followed by the text::

    Anouk  0:05                                    **Anouk**  0:05      ### Anouk (0:05)
    Ik zocht een cadeau.

Lines without a label continue the current turn; text before the first label (title, date,
notes) belongs to no turn. A header block at the top ("Interviewer: Sanne Bakker",
"Deelnemers: Anouk, Jan") is metadata: its lines are not turns, and the roles it names are
passed on as hints; so is one line of a role word and a bare name right above the first turn
("Interviewer: Laura Bennett" above "Interviewer: Goedemorgen …", see :mod:`._header`). A
warning names the header lines. The canonical text is the file itself, so offsets point into it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ._header import KEY_VALUE as _KEY_VALUE
from ._header import header_note, header_person, header_skipped, match_hints, people_line
from ._messages import note
from ._speakers import (
    NAME,
    NAME_LF,
    TS,
    Candidate,
    choose_labels,
    label_key,
    plausible_label,
    role_word,
    seconds,
)

__all__ = ["parse_plain", "Mark", "PlainResult"]

_BTS = rf"(?:\[{TS}\]|\({TS}\)|{TS})"
_SEP = r"[ \t]*(?:[-–—|][ \t]*)?"
_HEADER = re.compile(
    rf"""
    [ \t]*
    (?:(?P<ts1>{_BTS}){_SEP})?
    (?:
        \*\*[ \t]*(?P<md>{NAME})[ \t]*
            (?::[ \t]*\*\*|\*\*[ \t]*(?:(?P<ts_md>\[{TS}\]|\({TS}\))[ \t]*)?:)(?=\s|$)
      | \*\*[ \t]*(?P<md2>{NAME})[ \t]*\*\*[ \t]*(?P<ts_md2>{_BTS})(?=\s|$)
      | \[(?P<br>{NAME})\](?:[ \t]*:)?(?=\s|$)
      | (?P<pl>{NAME_LF})(?:[ \t]*(?P<ts2>\[{TS}\]|\({TS}\)))?(?:[ \t]*:(?=\s|$)|(?P<tab>\t)|(?(ts2)[ \t]+(?=\S)|(?!)))
    )
    [ \t]*
    (?:(?P<ts3>{_BTS})(?=\s|$){_SEP})?
    """,
    re.VERBOSE,
)
_OTTER = re.compile(
    rf"[ \t]*(?:\#{{1,6}}[ \t]+)?(?:\*\*|__)?[ \t]*(?P<name>{NAME_LF})[ \t]*(?:\*\*|__)?"
    rf"[ \t]+(?:\*\*|__)?[ \t]*(?P<ts>{_BTS})[ \t]*(?:\*\*|__)?[ \t]*$"
)
# the time first, then the name, the text below ("00:00:03 Speaker 1", "[00:00:03] Anna de Vries")
_OTTER_TS_FIRST = re.compile(rf"[ \t]*(?P<ts>{_BTS})[ \t]+(?:[-–—|][ \t]*)?(?P<name>{NAME_LF})[ \t]*:?[ \t]*$")
_TS_ONLY = re.compile(rf"[ \t]*(?P<ts>{_BTS})[ \t]*$")
# (speaker as written, start seconds, char_start, char_end)
PlainTurn = tuple[str, float, int, int]


@dataclass(frozen=True)
class Mark:
    """A label found by the caller (a bold name or a table row in Word): the line's speaker
    ``name``, where its text starts in the line (``col``), times and the layout ``form``."""

    name: str
    col: int
    start: float = float("nan")
    end: float = float("nan")
    form: str = "bold"


@dataclass
class PlainResult:
    """Turns of a plain transcript, roles its header names, and what was found unusual."""

    turns: list[PlainTurn]
    hints: dict[str, str] = field(default_factory=dict)
    header_lines: list[int] = field(default_factory=list)  # 0-based
    layout: str = "labels"
    line_of_turn: list[int] = field(default_factory=list)  # 0-based line of each turn's label
    warnings: list[str] = field(default_factory=list)


def _header_roles(lines: list[str], cands: dict[int, tuple], speakers: set[str]) -> tuple[dict, set]:
    """Header lines above the conversation that name who took part, and the roles they give.

    Returns ``({name key: role}, {0-based line})``. A line such as "Interviewer: Sanne Bakker" is
    a header line when it comes before the first turn and names a speaker of the file ("Sanne: …"
    later), stands in a block of at least two "key: value" lines, or gives one person's role and a
    bare name and nothing else (:func:`._header.header_person`: "Interviewer: Laura Bennett" right
    above "Interviewer: Good morning …" in a Word file).
    """
    found: dict[int, tuple[str | None, list[str]]] = {}
    kv: set[int] = set()
    first_turn = min(cands) if cands else len(lines)
    for i, line in enumerate(lines):
        if i > first_turn and i not in found and i - 1 not in found and i - 1 not in kv:
            break  # past the top of the file: a header block is over
        if not line.strip() or _KEY_VALUE.match(line) is None:
            continue
        kv.add(i)
        people = people_line(line)
        if people is not None:
            found[i] = people
    top_end = next((i for i in sorted(cands) if i not in found), len(lines))
    firsts = {k.split()[0] for k in speakers if k}
    hints: dict[str, str] = {}
    header: set[int] = set()
    for i, (role, names) in found.items():
        if i >= top_end:
            continue
        keys = [label_key(n) for n in names]
        elsewhere = any(k in speakers - {label_key(lines[i].split(":")[0])} or k.split()[0] in firsts
                        for k in keys)
        a = b = i
        while a > 0 and lines[a - 1].strip():
            a -= 1
        while b + 1 < len(lines) and lines[b + 1].strip():
            b += 1
        block = range(a, b + 1)
        pure = all(j in found or j not in cands for j in block) and sum(j in kv for j in block) >= 2
        if elsewhere or pure or header_person(lines[i]) is not None:
            header.add(i)
            for k in keys:
                if role:
                    hints.setdefault(k, role)
    return hints, header


def parse_plain(text: str, interviewer: Iterable[str] = (), marks: dict[int, Mark] | None = None) -> PlainResult:
    """Find the turns of a plain-text or Markdown transcript.

    Parameters
    ----------
    text : str
        The canonical text (decoded, newlines normalised).
    interviewer : iterable of str
        Labels that are speakers even when they occur only once.
    marks : dict, optional
        Labels the caller found itself, by 0-based line (Word's bold names and table rows).

    Returns
    -------
    PlainResult
        ``turns``: one ``(speaker, start_s, char_start, char_end)`` per non-empty turn;
        ``text[char_start:char_end]`` is the turn's text without the label, surrounding
        timestamps and trailing whitespace. ``hints``: roles named in a header block.
    """
    marks = marks or {}
    lines = text.split("\n")
    starts = []  # offset of each line
    cands: dict[int, tuple] = {}  # line -> (content offset, speaker, timestamp, form, end)
    ts_only: dict[int, str] = {}
    header, stamp = _HEADER.match, _TS_ONLY.match

    def otter(line: str):
        return _OTTER.match(line) or _OTTER_TS_FIRST.match(line)

    pos = 0
    for i, line in enumerate(lines):
        starts.append(pos)
        if i in marks:
            mk = marks[i]
            cands[i] = (pos + mk.col, mk.name.strip(), mk.start, mk.form, mk.end)
        elif line and not line.isspace():
            m = header(line)
            if m is not None:
                name = m.group("pl") or m.group("md") or m.group("md2") or m.group("br")
                if plausible_label(name, True):
                    ts = (m.group("ts1") or m.group("ts2") or m.group("ts_md") or m.group("ts_md2")
                          or m.group("ts3"))
                    form = ("md" if m.group("md") or m.group("md2") else "bracket" if m.group("br")
                            else "tab" if m.group("tab") else "colon")
                    cands[i] = (pos + m.end(), name.strip(), ts, form, None)
            else:
                m = otter(line)
                if m is not None and plausible_label(m.group("name"), True):
                    cands[i] = (pos + len(line), m.group("name").strip(), m.group("ts"), "otter", None)
                else:
                    m = stamp(line)
                    if m is not None:
                        ts_only[i] = m.group("ts")
        pos += len(line) + 1

    speakers = {label_key(c[1]) for c in cands.values()}
    hints, header_lines = _header_roles(lines, cands, speakers)
    order = sorted(i for i in cands if i not in header_lines)
    candidates = []
    for i in order:
        _, name, ts, form, _ = cands[i]
        j = i - 1
        after = "blank" if j < 0 or not lines[j].strip() or j in ts_only else "label" if j in cands else "text"
        ts_flag = ts is not None and not (isinstance(ts, float) and ts != ts)
        candidates.append(Candidate(label_key(name), plausible_label(name), (form, ts_flag, after)))
    accepted = choose_labels(candidates, forced=interviewer)
    heads = [i for i in order if label_key(cands[i][1]) in accepted]
    bare_note = []
    if not heads:  # no label with a colon, tab or time: names on lines of their own ("Interviewer" above the text)?
        bare = _bare_labels(lines, starts, header_lines, interviewer)
        if bare:
            cands.update(bare)
            heads = sorted(bare)
            names = sorted({label_key(c[1]): c[1] for c in bare.values()}.values())
            bare_note.append(note("bare_labels", names=", ".join(names), first=heads[0] + 1))
    # Where each turn's region ends: at the next label line, or at a timestamp-only line
    # that introduces it ("[00:01:23]" on a line of its own above "Anouk: …").
    cuts, stamps = [], []
    for k, line_no in enumerate(heads):
        cut, ts = starts[line_no], cands[line_no][2]
        j = line_no - 1
        while j >= 0 and (not lines[j] or lines[j].isspace()):
            j -= 1
        if j >= 0 and j in ts_only and (k == 0 or j > heads[k - 1]):
            cut = starts[j]
            if ts is None:
                ts = ts_only[j]
        cuts.append(cut)
        stamps.append(ts)
    cuts.append(len(text))

    turns: list[PlainTurn] = []
    turn_lines: list[int] = []
    for k, line_no in enumerate(heads):
        content, speaker = cands[line_no][0], cands[line_no][1]
        end = max(cuts[k + 1], content)
        chunk = text[content:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        cs = content + (len(chunk) - len(chunk.lstrip()))
        ts = stamps[k]
        start = ts if isinstance(ts, float) else (seconds(ts) if ts else float("nan"))
        turns.append((speaker, start, cs, cs + len(stripped)))
        turn_lines.append(line_no)
    forms = {cands[i][3] for i in heads}
    layout = "otter" if forms == {"otter"} else "labels"
    warnings = bare_note + (_unread(lines, cands, heads, header_lines, ts_only, title=layout == "otter")
                            if heads and not bare_note else [])
    if header_lines and turns:
        warnings.append(header_note([(i + 1, lines[i]) for i in sorted(header_lines)]))
    return PlainResult(turns, match_hints(hints, [label_key(t[0]) for t in turns]), sorted(header_lines),
                       layout, turn_lines, warnings)


def _first_names():
    from ._participants import _lexicon_first_names

    nl, en = _lexicon_first_names("nl"), _lexicon_first_names("en")
    return lambda word: nl(word) or en(word)


_BARE = re.compile(rf"[ \t]*(?:\*\*|__)?[ \t]*(?P<name>{NAME_LF})[ \t]*(?:\*\*|__)?[ \t]*$")


def _bare_labels(lines: list[str], starts: list[int], header_lines, interviewer) -> dict[int, tuple]:
    """Speaker names written alone on a line above their text ("Interviewer", "Respondent", "Anouk"),
    without colon or time: accepted only when at least two names recur (or are role words or the
    study's interviewer), each directly above text, for at least three turns — a heading that
    occurs once, or a file of headings that do not recur, stays text."""
    forced = {label_key(f) for f in interviewer or ()}
    found: dict[int, str] = {}
    for i, line in enumerate(lines[:-1]):
        m = _BARE.match(line)
        below = _BARE.match(lines[i + 1])
        if (m is None or i in header_lines or not lines[i + 1].strip() or not plausible_label(m.group("name"))
                or (below is not None and plausible_label(below.group("name")))):
            continue
        found[i] = m.group("name").strip()
    counts = Counter(label_key(n) for n in found.values())
    first_name = _first_names()
    # a role word, the study's interviewer, or a person's name — not a recurring heading ("Maandag", "Kassa")
    keys = {k for k, n in counts.items() if role_word(k) is not None or k in forced
            or (n >= 2 and first_name(k.split()[0]))}
    take = {i: n for i, n in found.items() if label_key(n) in keys}
    if len(keys) < 2 or len(take) < 3:
        return {}
    return {i: (starts[i] + len(lines[i]) + 1, name, None, "alone", None) for i, name in take.items()}


_OTTER_SHAPE = re.compile(rf"[ \t]*(?:\*\*|__)?[ \t]*(?P<name>[^\W\d_][^\n]{{0,60}}?)[ \t]*(?:\*\*|__)?"
                          rf"[ \t]+(?:\*\*|__)?(?P<ts>{_BTS})[ \t]*(?:\*\*|__)?[ \t]*$")


def _unread(lines: list[str], cands: dict, heads: list[int], header_lines: set[int], ts_only: dict, *,
            title: bool = False) -> list[str]:
    """Warnings for text the turns may have lost: lines above the first label that are more than
    a title or "key: value" header (a question, a speaker-like line, a paragraph: the first turn
    under a label that was not understood), and lines written like an Otter/Teams speaker line
    ("Bakker, Sanne  0:14") that were read as text of a turn. With ``title`` (an Otter/Teams
    download, whose title block is the meeting's name, date and length) a shorter title block is
    said to be skipped too."""
    out = []
    first = heads[0]
    above = [i for i in range(first) if lines[i].strip() and i not in header_lines and i not in ts_only
             and not _KEY_VALUE.match(lines[i])]
    talk = [i for i in above if lines[i].rstrip().endswith("?") or _OTTER_SHAPE.match(lines[i])]
    if talk or sum(len(lines[i].split()) for i in above) > 25:  # more than a title: turns may be lost
        text = " ".join(lines[i].strip() for i in above)
        out.append(note("text_before_label" if above[-1] > above[0] else "line_before_label", first=above[0] + 1,
                        last=above[-1] + 1, text=text if len(text) <= 50 else text[:47] + "…"))
    else:  # a title block (title, date, duration, "Attendees" …): skipped, and said so
        skipped = [i for i in range(first) if lines[i].strip() and i not in header_lines and i not in ts_only]
        if skipped:
            out.append(header_skipped([(i + 1, lines[i]) for i in skipped]))
    taken = set(heads)
    for i in range(first + 1, len(lines)):
        if i in taken or not lines[i].strip() or (i > 0 and lines[i - 1].strip() and i - 1 not in taken):
            continue  # a speaker line stands after a blank line (or right after a turn's label)
        m = _OTTER_SHAPE.match(lines[i])
        if m is not None and len(m.group("name").split()) <= 6 and not m.group("name").rstrip().endswith(
                (".", "!", "?", ":")) and i + 1 < len(lines) and lines[i + 1].strip():
            out.append(note("label_as_text", line=i + 1, label=lines[i].strip()[:60]))
    return out
