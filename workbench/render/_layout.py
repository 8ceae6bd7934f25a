"""Measure and fit text for the printed map, without drawing it.

Widths come from the font's own advance widths (the font matplotlib draws with, DejaVu Sans by
default), cached per character: wrapping a whole map costs milliseconds instead of a renderer
call per candidate line. Kerning and hinting can make drawn text a little narrower or wider than
the sum of advances; :data:`SAFETY` leaves room for that, and ``tests/test_visual.py`` measures
the drawn text with the renderer to prove that nothing leaves its cell or overlaps.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from functools import lru_cache

from matplotlib import rcParams
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font

try:  # matplotlib >= 3.10
    from matplotlib.ft2font import LoadFlags

    NO_HINTING = LoadFlags.NO_HINTING
except ImportError:  # pragma: no cover - older matplotlib
    from matplotlib.ft2font import LOAD_NO_HINTING as NO_HINTING

__all__ = ["text_width", "drawable", "quiet_glyphs", "wrap", "fit_lines", "line_height", "block_height", "ellipsize", "SAFETY", "PAD",
           "LINESPACING"]

#: Measured widths are multiplied by this, and lines kept :data:`PAD` narrower than the room
#: available (drawn text measured up to 5% wider than its advances, most at 72 dpi in bold).
SAFETY = 1.07
PAD = 2.0 / 72
#: Line spacing of multi-line texts on the map (matplotlib's ``linespacing``).
LINESPACING = 1.2
_REF = 100.0  # font size the advance widths are read at


@lru_cache(maxsize=16)
def _font(weight: str, style: str):
    """A font object of our own (matplotlib's cached ones are shared with its renderers, whose
    state must not be changed between their calls)."""
    path = findfont(FontProperties(family=rcParams["font.family"], weight=weight, style=style))
    return path, FT2Font(path)


@lru_cache(maxsize=20_000)
def _advance(ch: str, weight: str, style: str) -> float:
    """Advance width of a character in em (1.0 = the font size)."""
    _, font = _font(weight, style)
    font.set_size(_REF, 72)
    glyph = font.get_char_index(ord(ch))
    if glyph == 0 and not ch.isspace():  # not in the font: left out when drawn (see drawable)
        return 0.0
    g = font.load_char(ord(ch), flags=NO_HINTING)
    return g.linearHoriAdvance / 65536 / _REF


@lru_cache(maxsize=20_000)
def _missing(ch: str, weight: str, style: str) -> bool:
    """Whether the map's font has no glyph for ``ch`` (an emoji in DejaVu Sans)."""
    return not ch.isspace() and _font(weight, style)[1].get_char_index(ord(ch)) == 0


def drawable(text: str, weight: str = "normal", style: str = "normal") -> tuple[str, set[str]]:
    """``text`` without the characters the map's font cannot draw, and those characters.

    matplotlib would warn about each ("Glyph 128580 missing from font") in the middle of the
    progress output and draw nothing (PDF) or a box in its place; the map leaves them out instead
    and the run says so once. Variation selectors and zero-width joiners of emoji go with them.

    >>> drawable("Great app 🙄 really")
    ('Great app  really', {'🙄'})
    """
    if text.isascii():
        return text, set()
    gone = {c for c in set(text) if _missing(c, weight, style) or (c in _EMOJI_GLUE and len(text) > 1)}
    if not gone:
        return text, set()
    return "".join(c for c in text if c not in gone), gone - _EMOJI_GLUE


_EMOJI_GLUE = frozenset("\ufe0f\ufe0e\u200d")


@contextmanager
def quiet_glyphs():
    """No "Glyph … missing from font" warnings while a map is saved (they would print in the middle
    of the progress bar): :func:`drawable` has left those characters out, and the run notes them."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (?:current )?font", category=UserWarning)
        yield


def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width of one line of text in inches at ``size`` points."""
    w = sum(_advance(c, weight, style) for c in text)
    return w * size / 72 * SAFETY


def line_height(size: float) -> float:
    """Distance between the baselines of two lines of a multi-line text, in inches (matplotlib
    spaces lines by the font size × ``linespacing``; a block of n lines is n of these high)."""
    return size * LINESPACING / 72


def block_height(n_lines: int, size: float) -> float:
    """Height of a drawn text of ``n_lines`` lines, in inches."""
    return max(0, n_lines) * line_height(size)


def _break_word(word: str, width: float, size: float, weight: str, style: str) -> list[str]:
    parts, cur = [], ""
    for ch in word:
        if cur and text_width(cur + ch, size, weight, style) > width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    return parts + ([cur] if cur else [])


def wrap(text: str, width: float, size: float, weight: str = "normal", style: str = "normal") -> list[str]:
    """``text`` broken into lines no wider than ``width`` inches (words longer than a line are
    broken); line breaks in the text are kept."""
    lines: list[str] = []
    width -= PAD
    space = _advance(" ", weight, style) * size / 72 * SAFETY
    for para in str(text).split("\n"):
        cur, cur_w = "", 0.0
        for word in para.split():
            w = text_width(word, size, weight, style)
            if w > width:
                if cur:
                    lines.append(cur)
                pieces = _break_word(word, width, size, weight, style)
                lines += pieces[:-1]
                cur = pieces[-1]
                cur_w = text_width(cur, size, weight, style)
                continue
            if not cur:
                cur, cur_w = word, w
            elif cur_w + space + w <= width:
                cur, cur_w = cur + " " + word, cur_w + space + w
            else:
                lines.append(cur)
                cur, cur_w = word, w
        lines.append(cur)
    return lines or [""]


def ellipsize(line: str, width: float, size: float, weight: str = "normal", style: str = "normal") -> str:
    """``line`` with "…" at its end, shortened until it fits ``width``."""
    s = line.rstrip()
    while s and text_width(s + "…", size, weight, style) > width - PAD:
        s = s[:-1].rstrip()
    return s + "…"


def fit_lines(lines: list[str], max_lines: int, width: float, size: float, weight: str = "normal",
              style: str = "normal") -> list[str]:
    """At most ``max_lines`` of ``lines``, the last one ending in "…" when some were cut."""
    if len(lines) <= max_lines:
        return lines
    if max_lines <= 0:
        return []
    return lines[: max_lines - 1] + [ellipsize(lines[max_lines - 1], width, size, weight, style)]
