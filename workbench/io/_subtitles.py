"""WebVTT (Zoom, Teams) and SubRip (SRT) transcripts: timed cues, merged into speaker turns.

Speakers are found, in this order, in WebVTT voice tags (``<v Anouk>…</v>``, as Teams writes
them, also ``<v.loud Anouk>`` and without closing tag), in a label at the start of a cue line
(``Anouk: …`` as Zoom writes it, ``[Anouk] …``), in a name alone on the cue's first line (the
Teams/Stream transcript layout: a timing line, a name line, the text), and in dialogue dashes
(``- …``: the other speaker talks). A cue without any of these continues the current speaker.
Consecutive cues of one speaker become one turn, from the start of the first cue to the end of
the last.

Timings are read tolerantly: hours, milliseconds and leading zeros are optional (old Microsoft
Stream writes ``0:0:0.0 --> 0:0:3.490``), and form feeds count as spaces, as the WebVTT standard
says. A cue whose timing cannot be read is skipped with a warning (its line and text named); the
file is refused only when no cue can be read. Every pattern is linear in its input: a file
flooded with tags or ``<v`` markers is read in one pass.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from os import PathLike

from ..errors import TranscriptError
from ._header import header_note, header_person, match_hints, people_line
from ._messages import note
from ._speakers import NAME, NAME_LF, Candidate, choose_labels, label_key, plausible_label, split_label

__all__ = ["parse_vtt", "parse_srt", "parse_timed_text", "looks_timed", "RawTurn", "Parsed"]

# (speaker as written, text, start seconds, end seconds)
RawTurn = tuple[str, str, float, float]
# (start, end, payload lines)
_Cue = tuple[float, float, list[str]]

_WS = r"[ \t\f]"
_VTT_HEADER = re.compile(r"\ufeff?WEBVTT(?:[ \t\f].*)?$")
_VTT_BLOCK_KEYWORD = re.compile(rf"(?:NOTE|STYLE|REGION)(?:{_WS}.*)?$")
_TIME = r"(?:(\d{1,3}):)??(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"
_TIMING = re.compile(rf"{_WS}*{_TIME}{_WS}*-->{_WS}*{_TIME}(?:{_WS}.*)?$")
# Timings with another arrow ("—", "->", "→"): read, with a warning.
_TIMING_OTHER = re.compile(rf"{_WS}*{_TIME}{_WS}*(?P<arrow>-{{1,2}}>|[—–]+>?|→|=>|-){_WS}*{_TIME}(?:{_WS}.*)?$")
_SRT_INDEX = re.compile(rf"{_WS}*\d+{_WS}*$")

_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?(?:[ \t]+([^<>\n]*))?>")
_TAG = re.compile(r"</?[A-Za-z0-9][^<>\n]*>|\{\\[^{}\n]*\}")
_DASH = re.compile(r"(?:[-–—]|>>)\s+")
_CUE_LABEL = re.compile(rf"(?:\[(?P<br>{NAME})\](?:[ \t]*:)?|(?P<pl>{NAME_LF})[ \t]*:)(?:[ \t]+|$)")
_NAME_LINE = re.compile(rf"[ \t]*(?P<name>{NAME_LF})[ \t]*$")  # also "Jansen, Piet" (Teams)

_VTT_HINT = (
    "A WebVTT cue is an optional identifier line, a timing line such as "
    "'00:01:02.500 --> 00:01:05.000' (hours optional, three digits after the '.'), then the "
    "text; cues are separated by blank lines."
)
_SRT_HINT = (
    "An SRT block is a number, a timing line such as '00:00:01,000 --> 00:00:04,000', then the "
    "text; blocks are separated by blank lines."
)
_TIMED_HINT = (
    "A Teams or Stream transcript is a timing line such as '0:0:3.120 --> 0:0:8.450', the "
    "speaker's name on the next line, then the text (blank lines between cues are optional; a "
    "title block above the first timing line is skipped)."
)
_TIMED_DOCX_HINT = (
    "Read as a Teams or Stream transcript saved in Word: each cue is a paragraph with a timing "
    "line such as '0:0:3.120 --> 0:0:8.450', one with the speaker's name, then the text. If it is "
    "not one, start every turn with the speaker's name and a colon ('Anouk: …')."
)


@dataclass
class _Meta:
    """What the cue readers find besides cues: lines saying who took part (in the WEBVTT header, a
    NOTE block, a title block, or a first cue "Interviewer: Laura Bennett"), and the line of each
    cue's first text line (1-based)."""

    people: list[tuple[int, str]] = field(default_factory=list)
    cue_lines: list[int] = field(default_factory=list)

    def keep_others(self, lines: list[str], first: int) -> list[str]:
        """Record the lines of ``lines`` (from line ``first`` on) that say who took part; the others."""
        rest = []
        for k, ln in enumerate(lines):
            if people_line(ln) is not None:
                self.people.append((first + k, ln.strip()))
            else:
                rest.append(ln)
        return rest


@dataclass
class Parsed:
    """What a transcript reader found: turns, role hints from the file, warnings, the layout."""

    turns: list[RawTurn]
    hints: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    layout: str = ""


def _time(hours: str | None, minutes: str, secs: str, frac: str | None) -> float | None:
    m, s = int(minutes), int(secs)
    if m >= 60 or s >= 60:
        return None
    value = (int(hours) * 3600 if hours else 0) + m * 60 + s
    return value + (int(frac) / 10 ** len(frac) if frac else 0.0)


_BLOCK = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
# A cue id or SRT number directly above a timing line: one token with a digit ("12",
# "0ae3f1c2-1/11-0"); text lines have spaces or no digits.
_ID_LINE = re.compile(r"[ \t]*[\w\-/.]*\d[\w\-/.]*[ \t]*$")


def _blocks(text: str, pos: int = 0):
    """Yield ``(offset, lines)`` of the cues from ``pos`` on.

    Cues are separated by blank lines, and also by a timing line alone (Teams' and Stream's
    downloads, and Word copies of them, often have no blank lines): a timing line inside a
    block starts a new cue, together with a cue id or number right above it.
    """
    for m in _BLOCK.finditer(text, pos):
        lines = m.group().split("\n")
        cuts = [0]
        if len(lines) > 2 and "-->" in m.group():
            for k in range(1, len(lines)):
                if "-->" in lines[k] and _TIMING.match(lines[k]):
                    # the line above is this cue's id (always so for a block's first line)
                    c = k - 1 if k - 1 == cuts[-1] or _ID_LINE.match(lines[k - 1]) else k
                    if c > cuts[-1]:
                        cuts.append(c)
        offset = m.start()
        for a, b in zip(cuts, cuts[1:] + [len(lines)], strict=True):
            yield offset, lines[a:b]
            offset += sum(len(ln) + 1 for ln in lines[a:b])


class _Lines:
    """Line numbers of offsets, computed once (counting newlines per cue would be quadratic)."""

    def __init__(self, text: str) -> None:
        self.ends = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, offset: int, plus: int = 0) -> int:
        import bisect

        return bisect.bisect_right(self.ends, offset - 1) + 1 + plus


def _parse_timing(line: str, other: list | None = None) -> tuple[float, float] | None:
    m = _TIMING.match(line)
    if m is None and other is not None:
        m = _TIMING_OTHER.match(line)
        if m is not None:
            other.append(m.group("arrow"))
    if m is None:
        return None
    g = m.groups()
    if len(g) > 8:  # _TIMING_OTHER: without its arrow group
        g = g[:4] + g[5:9]
    start, end = _time(*g[:4]), _time(*g[4:])
    if start is None or end is None:
        return None
    return start, max(start, end)


def _short(lines: list[str]) -> str:
    text = " ".join(ln.strip() for ln in lines if ln.strip())
    return text if len(text) <= 50 else text[:47] + "…"


def _cues(text: str, path, pos: int, kind: str, warnings: list[str], meta: _Meta | None = None) -> list[_Cue]:
    """Timed cues of the blocks from ``pos`` on; malformed ones skipped with a warning.

    ``kind`` is 'vtt', 'srt' or 'timed' (cues in a .txt or .docx: numbers optional). ``meta``
    collects the lines of NOTE and title blocks that say who took part, and each cue's line."""
    meta = meta if meta is not None else _Meta()
    if kind == "timed":
        hint = _TIMED_DOCX_HINT if str(path or "").lower().endswith(".docx") else _TIMED_HINT
    else:
        hint = _SRT_HINT if kind == "srt" else _VTT_HINT
    numbered = kind in ("srt", "timed")
    line_no = _Lines(text)
    cues: list[_Cue] = []
    first_error: TranscriptError | None = None
    for offset, block in _blocks(text, pos):
        head = block[0]
        if kind == "vtt" and head.lstrip()[:1] in "NSR" and _VTT_BLOCK_KEYWORD.match(head.lstrip()):
            if head.lstrip().startswith("NOTE"):  # "NOTE", "NOTE Interviewer: Laura Bennett"
                meta.keep_others([head.lstrip()[4:]] + block[1:], line_no(offset))
            continue
        other: list[str] = []
        timing, t = _parse_timing(head), 0
        if timing is None and len(block) > 1:
            timing, t = _parse_timing(block[1]), 1
            if timing is not None and "-->" in head:
                warnings.append(note("cue_id_arrow", line=line_no(offset), head=head.strip()[:40]))
            elif timing is not None and kind != "vtt" and not _ID_LINE.match(head):
                # not a cue number: a title line right above the first timing line
                warnings.append(note("text_before_cue", line=line_no(offset), text=_short([head])))
        if timing is None and "-->" not in head:
            t = 1 if len(block) > 1 and (numbered and _SRT_INDEX.match(head) or kind == "vtt") else 0
            timing = _parse_timing(block[t], other) if "-->" not in block[t] else None
            if timing is None and t == 1:
                t, timing = 0, _parse_timing(head, other)
            if timing is not None:
                warnings.append(note("other_arrow", line=line_no(offset, t), arrow=other[-1],
                                     timing=block[t].strip()[:40]))
        if timing is not None:
            cues.append((timing[0], timing[1], block[t + 1 :]))
            meta.cue_lines.append(line_no(offset, t + 1))
            continue
        bad = next((k for k in (0, 1) if k < len(block) and "-->" in block[k]), None)
        if bad is not None:
            where = line_no(offset, bad)
            error = TranscriptError(f"malformed cue timing {block[bad].strip()[:60]!r}", path=path, line=where,
                                    hint=hint)
            what = _short(block[bad + 1 :])
            warnings.append(note("cue_bad_timing_text" if what else "cue_bad_timing", line=where,
                                 timing=block[bad].strip()[:60], text=what))
        elif numbered and _SRT_INDEX.match(head):
            where = line_no(offset, 1)
            error = TranscriptError("cue number without a timing line", path=path, line=where, hint=hint)
            what = _short(block[1:])
            warnings.append(note("cue_no_timing_text" if what else "cue_no_timing", line=where,
                                 number=head.strip(), text=what))
        else:
            where = line_no(offset)
            what = (f"expected a cue number or timing line, found {head.strip()[:40]!r}" if kind == "srt" else
                    f"expected a timing line ('… --> …'), found {head.strip()[:40]!r}" if kind == "timed" else
                    f"cue without a timing line (starts with {head.strip()[:40]!r})")
            error = TranscriptError(what, path=path, line=where, hint=hint)
            if cues:  # text after a blank line inside a cue: keep it with the cue before
                cues[-1][2].extend(block)
                warnings.append(note("text_joined", line=where, text=_short(block)))
                continue
            rest = meta.keep_others(block, where)  # a title block saying who took part is metadata
            if rest:
                warnings.append(note("text_before_cue", line=where, text=_short(rest)))
        first_error = first_error or error
    if not cues and first_error is not None:
        raise first_error
    return cues


def _vtt_cues(text: str, path, warnings: list[str], meta: _Meta | None = None) -> list[_Cue]:
    first, _, _ = text.partition("\n")
    if not _VTT_HEADER.match(first):
        raise TranscriptError(
            "not a WebVTT file: the first line must be 'WEBVTT'",
            path=path,
            line=1,
            hint="Add a first line 'WEBVTT' followed by a blank line, or save a transcript "
            "without timings as .txt.",
        )
    # The header runs to the first blank line (tolerated: a cue right after it, no blank line).
    pos = len(first) + 1
    header: list[str] = []
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        if not line.strip() or "-->" in line:
            break
        header.append(line)
        pos = nl + 1
    if meta is not None:
        meta.keep_others(header, 2)
    return _cues(text, path, pos, "vtt", warnings, meta)


def _clean(raw: str) -> str:
    """Strip markup from cue text and decode entities; keep line breaks."""
    text = _TAG.sub("", raw) if "<" in raw or "{" in raw else raw
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\xa0", " ")


def _name_lines(cues: list[_Cue]) -> bool:
    """Whether the cues put the speaker's name alone on their first line (Teams, Stream)."""
    multi = [c for c in cues if len([ln for ln in c[2] if ln.strip()]) >= 2 and "<v" not in c[2][0]]
    if len(multi) < max(2, 0.6 * len(cues)):
        return False
    named = 0
    for _, _, payload in multi:
        m = _NAME_LINE.match(_clean(payload[0]))
        if m is not None and not m.group("name").rstrip().endswith((".", "!", "?", ",")) and plausible_label(
            m.group("name"), True
        ):
            named += 1
    return named >= 0.8 * len(multi)


def _pieces(cues: list[_Cue]):
    """Split cues into pieces ``(cue, voice, label, strict, layout, dash, text with label, text without)``."""
    out = []
    label_match = _CUE_LABEL.match
    name_lines = _name_lines(cues)
    for c, (_, _, payload) in enumerate(cues):
        joined = "\n".join(payload)
        parts = _VOICE.split(joined) if "<v" in joined else [joined]
        runs = [(None, parts[0])] + [
            ((parts[k] or "").strip() or None, parts[k + 1]) for k in range(1, len(parts), 2)
        ]
        first_line = True
        for voice, raw in runs:
            if not raw or raw.isspace():
                continue
            lines = [ln.strip() for ln in _clean(raw).split("\n")]
            lines = [ln for ln in lines if ln]
            for n, line in enumerate(lines):
                dash = _DASH.match(line) if line[0] in "-–—>" else None
                if dash is not None:
                    line = line[dash.end() :]
                label, strict, layout, rest = None, True, None, line
                if voice is None:
                    if name_lines and first_line and n == 0 and len(lines) > 1:
                        m = _NAME_LINE.match(line)
                        if m is not None and plausible_label(m.group("name"), True):
                            label, rest, layout = m.group("name").strip(), "", ("nameline",)
                    if label is None:
                        m = label_match(line)
                        if m is not None:
                            name = (m.group("pl") or m.group("br")).strip()
                            if plausible_label(name, True):
                                label, rest = name, line[m.end() :]
                                layout = ("bracket" if m.group("br") else "colon", first_line)
                    if label is not None:
                        strict = plausible_label(label)
                out.append((c, voice, label, strict, layout, dash is not None, line, rest))
                first_line = False
    return out


def _leading_header(pieces: list, meta: _Meta) -> list:
    """The pieces without those before the first turn that say who took part ("Interviewer: Laura
    Bennett" as the first cue): recorded in ``meta``, never a turn."""
    k = 0
    while k < len(pieces):
        c, voice, label, _, _, dash, line, rest = pieces[k]
        if voice is not None or label is None or dash or header_person(f"{label}: {rest}") is None:
            break
        within = sum(1 for p in pieces[:k] if p[0] == c)
        meta.people.append(((meta.cue_lines[c] if c < len(meta.cue_lines) else 0) + within, line))
        k += 1
    return pieces[k:]


def _assemble(cues: list[_Cue], interviewer: Iterable[str], meta: _Meta | None = None) -> Parsed:
    pieces = _pieces(cues)
    if meta is not None:
        pieces = _leading_header(pieces, meta)
    accepted = choose_labels(
        [Candidate(label_key(p[2]), p[3], p[4]) for p in pieces if p[2] is not None], forced=interviewer
    )
    turns: list[list] = []  # [speaker, [texts], start, end]
    hints: dict[str, str] = {}
    current: str | None = None
    previous: str | None = None
    voices = labels = 0
    for c, voice, label, _, _, dash, line, rest in pieces:
        speaker, text = voice, line
        if speaker is None and label is not None and label_key(label) in accepted:
            speaker, text = label, rest
            labels += 1
        elif speaker is not None:
            voices += 1
        if speaker is None and dash:
            if previous is not None:
                speaker = previous
            else:
                speaker = "Speaker 1" if current != "Speaker 1" else "Speaker 2"
        if speaker is None:
            speaker = current or "Speaker"
        if current is None or label_key(speaker) != label_key(current):
            previous, current = current, speaker
        hint = split_label(speaker)[1]
        if hint is not None:
            hints.setdefault(label_key(speaker), hint)
        if not text:
            continue
        start, end = cues[c][0], cues[c][1]
        if turns and label_key(turns[-1][0]) == label_key(speaker):
            turns[-1][1].append(text)
            turns[-1][3] = max(turns[-1][3], end)
        else:
            turns.append([speaker, [text], start, end])  # the reader takes the device and suffix off
    layout = "voice tags" if voices else ("name lines" if any(p[4] == ("nameline",) for p in pieces) and labels
                                          else "labels" if labels else "no speakers")
    return Parsed([(s, " ".join(parts), start, end) for s, parts, start, end in turns], hints, [], layout)


def _finish(cues: list[_Cue], interviewer, warnings: list[str], meta: _Meta) -> Parsed:
    parsed = _assemble(cues, interviewer, meta)
    if meta.people:  # the roles they name go to the speakers with those names ("Laura: …")
        named: dict[str, str] = {}
        for _, line in meta.people:
            role, names = people_line(line) or (None, [])
            for name in names if role else ():
                named.setdefault(label_key(name), role)
        for key, role in match_hints(named, [label_key(t[0]) for t in parsed.turns]).items():
            parsed.hints.setdefault(key, role)
        warnings.append(header_note(sorted(meta.people)))
    parsed.warnings = warnings
    return parsed


def parse_vtt(text: str, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> Parsed:
    """Turns of a WebVTT transcript (see the module docstring).

    Raises
    ------
    TranscriptError
        When the ``WEBVTT`` header is missing, or no cue has a readable timing line (with the
        line number of the first problem).
    """
    warnings: list[str] = []
    meta = _Meta()
    return _finish(_vtt_cues(text, path, warnings, meta), interviewer, warnings, meta)


def parse_srt(text: str, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> Parsed:
    """Turns of a SubRip (``.srt``) transcript (see the module docstring).

    Raises
    ------
    TranscriptError
        When no block has a cue number and readable timing line (with the line number of the
        first problem).
    """
    warnings: list[str] = []
    meta = _Meta()
    return _finish(_cues(text, path, 0, "timed", warnings, meta), interviewer, warnings, meta)


def looks_timed(text: str) -> bool:
    """Whether a text file holds timed cues ("0:0:0.0 --> 0:0:3.490" lines, as Teams' and
    Stream's transcript downloads, or subtitles saved as .txt)."""
    head = text[:20000]
    if _VTT_HEADER.match(head.partition("\n")[0]):
        return True
    timings = sum(1 for ln in head.split("\n") if "-->" in ln and _TIMING.match(ln))
    blocks = sum(1 for _ in _blocks(head))
    return timings >= 2 and timings >= 0.5 * blocks


def parse_timed_text(text: str, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> Parsed:
    """Turns of a text file of timed cues, with or without a ``WEBVTT`` header."""
    if _VTT_HEADER.match(text.partition("\n")[0]):
        return parse_vtt(text, path, interviewer)
    warnings: list[str] = []
    meta = _Meta()
    return _finish(_cues(text, path, 0, "timed", warnings, meta), interviewer, warnings, meta)
