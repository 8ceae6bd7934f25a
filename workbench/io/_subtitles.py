"""WebVTT (Zoom, Teams) and SubRip (SRT) transcripts: timed cues, merged into speaker turns.

Speakers are found, in this order, in WebVTT voice tags (``<v Anouk>…</v>``, as Teams writes
them, also ``<v.loud Anouk>`` and without closing tag), in a label at the start of a cue line
(``Anouk: …`` as Zoom writes it, ``[Anouk] …``), and in dialogue dashes (``- …``: the other
speaker talks). A cue without any of these continues the current speaker. Consecutive cues of one
speaker become one turn, from the start of the first cue to the end of the last.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from os import PathLike

from ..errors import TranscriptError
from ._speakers import NAME, accept_labels, label_key, plausible_label

__all__ = ["parse_vtt", "parse_srt", "RawTurn"]

# (speaker as written, text, start seconds, end seconds)
RawTurn = tuple[str, str, float, float]
# (start, end, payload lines)
_Cue = tuple[float, float, list[str]]

_VTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?$")
_VTT_BLOCK_KEYWORD = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_VTT_TIME = r"(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{1,3})"
_VTT_TIMING = re.compile(rf"[ \t]*{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?:[ \t].*)?$")
_SRT_TIME = r"(\d{1,3}):(\d{2}):(\d{2})[,.](\d{1,3})"
_SRT_TIMING = re.compile(rf"[ \t]*{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?$")
_SRT_INDEX = re.compile(r"[ \t]*\d+[ \t]*$")

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>\n]*))?>")
_TAG = re.compile(r"</?[A-Za-z0-9][^>\n]*>|\{\\[^}\n]*\}")
_DASH = re.compile(r"(?:[-–—]|>>)\s+")
_CUE_LABEL = re.compile(rf"(?:\[(?P<br>{NAME})\](?:[ \t]*:)?|(?P<pl>{NAME})[ \t]*:)(?:[ \t]+|$)")

_VTT_HINT = (
    "A WebVTT cue is an optional identifier line, a timing line such as "
    "'00:01:02.500 --> 00:01:05.000' (hours optional, three digits after the '.'), then the "
    "text; cues are separated by blank lines."
)
_SRT_HINT = (
    "An SRT block is a number, a timing line such as '00:00:01,000 --> 00:00:04,000', then the "
    "text; blocks are separated by blank lines."
)


def _time(hours: str | None, minutes: str, secs: str, frac: str) -> float | None:
    m, s = int(minutes), int(secs)
    if m >= 60 or s >= 60:
        return None
    return (int(hours) * 3600 if hours else 0) + m * 60 + s + int(frac) / 10 ** len(frac)


_BLOCK = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")


def _blocks(text: str, pos: int = 0):
    """Yield ``(offset, lines)`` of the blank-line separated blocks from ``pos`` on."""
    for m in _BLOCK.finditer(text, pos):
        yield m.start(), m.group().split("\n")


def _line_no(text: str, offset: int, plus: int = 0) -> int:
    return text.count("\n", 0, offset) + 1 + plus


def _timing(pattern: re.Pattern, block: list[str], t: int, where: tuple, hint: str) -> tuple[float, float]:
    m = pattern.match(block[t])
    start = end = None
    if m is not None:
        g = m.groups()
        start, end = _time(*g[:4]), _time(*g[4:])
    if start is None or end is None:
        text, offset, path = where
        raise TranscriptError(
            f"malformed cue timing {block[t].strip()!r}",
            path=path,
            line=_line_no(text, offset, t),
            hint=hint,
        )
    return start, max(start, end)


def _vtt_cues(text: str, path) -> list[_Cue]:
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
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        if not line.strip() or "-->" in line:
            break
        pos = nl + 1
    cues = []
    for offset, block in _blocks(text, pos):
        head = block[0]
        if head[:1] in "NSR" and _VTT_BLOCK_KEYWORD.match(head):
            continue
        if "-->" in head:
            t = 0
        elif len(block) > 1 and "-->" in block[1]:
            t = 1
        else:
            raise TranscriptError(
                f"cue without a timing line (starts with {head.strip()[:40]!r})",
                path=path,
                line=_line_no(text, offset),
                hint=_VTT_HINT,
            )
        start, end = _timing(_VTT_TIMING, block, t, (text, offset, path), _VTT_HINT)
        cues.append((start, end, block[t + 1 :]))
    return cues


def _srt_cues(text: str, path) -> list[_Cue]:
    cues = []
    for offset, block in _blocks(text):
        if _SRT_INDEX.match(block[0]):
            if len(block) < 2:
                raise TranscriptError(
                    "cue number without a timing line",
                    path=path,
                    line=_line_no(text, offset, 1),
                    hint=_SRT_HINT,
                )
            t = 1
        elif "-->" in block[0]:
            t = 0
        else:
            raise TranscriptError(
                f"expected a cue number or timing line, found {block[0].strip()[:40]!r}",
                path=path,
                line=_line_no(text, offset),
                hint=_SRT_HINT,
            )
        start, end = _timing(_SRT_TIMING, block, t, (text, offset, path), _SRT_HINT)
        cues.append((start, end, block[t + 1 :]))
    return cues


def _clean(raw: str) -> str:
    """Strip markup from cue text and decode entities; keep line breaks."""
    text = _TAG.sub("", raw) if "<" in raw or "{" in raw else raw
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\xa0", " ")


def _pieces(cues: list[_Cue]):
    """Split cues into pieces ``(cue, voice, label, dash, text with label, text without)``."""
    out = []
    label_match = _CUE_LABEL.match
    for c, (_, _, payload) in enumerate(cues):
        joined = "\n".join(payload)
        parts = _VOICE.split(joined) if "<v" in joined else [joined]
        runs = [(None, parts[0])] + [
            ((parts[k] or "").strip() or None, parts[k + 1]) for k in range(1, len(parts), 2)
        ]
        for voice, raw in runs:
            if not raw or raw.isspace():
                continue
            for line in _clean(raw).split("\n"):
                line = line.strip()
                if not line:
                    continue
                dash = _DASH.match(line) if line[0] in "-–—>" else None
                if dash is not None:
                    line = line[dash.end() :]
                label, rest = None, line
                if voice is None:
                    m = label_match(line)
                    if m is not None:
                        name = (m.group("pl") or m.group("br")).strip()
                        if plausible_label(name):
                            label, rest = name, line[m.end() :]
                out.append((c, voice, label, dash is not None, line, rest))
    return out


def _assemble(cues: list[_Cue], interviewer: Iterable[str]) -> list[RawTurn]:
    pieces = _pieces(cues)
    accepted = accept_labels(
        [label_key(p[2]) for p in pieces if p[2] is not None], forced=interviewer
    )
    turns: list[list] = []  # [speaker, [texts], start, end]
    current: str | None = None
    previous: str | None = None
    for c, voice, label, dash, line, rest in pieces:
        speaker, text = voice, line
        if speaker is None and label is not None and label_key(label) in accepted:
            speaker, text = label, rest
        if speaker is None and dash:
            if previous is not None:
                speaker = previous
            else:
                speaker = "Speaker 1" if current != "Speaker 1" else "Speaker 2"
        if speaker is None:
            speaker = current or "Speaker"
        if current is None or label_key(speaker) != label_key(current):
            previous, current = current, speaker
        if not text:
            continue
        start, end = cues[c][0], cues[c][1]
        if turns and label_key(turns[-1][0]) == label_key(speaker):
            turns[-1][1].append(text)
            turns[-1][3] = max(turns[-1][3], end)
        else:
            turns.append([speaker, [text], start, end])
    return [(s, " ".join(parts), start, end) for s, parts, start, end in turns]


def parse_vtt(text: str, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> list[RawTurn]:
    """Turns of a WebVTT transcript (see the module docstring).

    Raises
    ------
    TranscriptError
        When the ``WEBVTT`` header is missing or a cue's timing line is malformed (with the
        line number).
    """
    return _assemble(_vtt_cues(text, path), interviewer)


def parse_srt(text: str, path: str | PathLike | None = None, interviewer: Iterable[str] = ()) -> list[RawTurn]:
    """Turns of a SubRip (``.srt``) transcript (see the module docstring).

    Raises
    ------
    TranscriptError
        When a block does not start with a cue number or timing line, or its timing line is
        malformed (with the line number).
    """
    return _assemble(_srt_cues(text, path), interviewer)
