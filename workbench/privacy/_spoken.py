"""Numbers and codes read aloud, spelled or typed apart, turned into their written form.

People say their phone number, postcode or IBAN in pieces: "oh-seven-seven, double-oh, nine-four-
one", "nul zes, eh, vier acht, twaalf, negenenvijftig", "I E seven four, B O F I, seven eight …",
"bee seventeen, nine dee ex", "zeven vijf een een, ka ka", and type them apart ("0 1 2 2 3 -
5 6 1 4 0 9", "+353 8 7 2 2 0 1 9 4 6") or with the letter O for a zero ("06 12 OO 45 67").
:func:`normalise` finds every such run — Dutch and English number words (units, teens, tens,
"negenenvijftig", "thirty-four"), "double"/"triple"/"dubbel", "oh"/"nul", letter names ("bee",
"dee", "ex", "ka", "el", "zed"), single letters and digits apart, with hesitations ("eh", "uhm")
inside — and writes it the way the shape finders of :mod:`workbench.privacy._patterns` read
codes ("07700 941 362", "IE74 BOFI 7889 8837 2772 19", "B17 9DX", "7511 KK"): a pause (a comma,
a hesitation, a spaced dash) becomes a space between groups, letters and digits said one by one
are joined. :class:`Normalised` keeps, for every character of the rewritten text, where it came
from, so a span found there maps back to the words that were said.

Nothing is decided here: a run only becomes personal data when a shape finder (with its check
digits, lengths and cue words) accepts its written form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Normalised", "normalise", "word_digits"]

_UNITS = {"zero": 0, "oh": 0, "nought": 0, "nil": 0, "nul": 0, "one": 1, "een": 1, "één": 1, "two": 2,
          "twee": 2, "three": 3, "drie": 3, "four": 4, "vier": 4, "five": 5, "vijf": 5, "six": 6, "zes": 6,
          "seven": 7, "zeven": 7, "eight": 8, "acht": 8, "nine": 9, "negen": 9}
_TEENS = {"ten": 10, "tien": 10, "eleven": 11, "elf": 11, "twelve": 12, "twaalf": 12, "thirteen": 13,
          "dertien": 13, "fourteen": 14, "veertien": 14, "fifteen": 15, "vijftien": 15, "sixteen": 16,
          "zestien": 16, "seventeen": 17, "zeventien": 17, "eighteen": 18, "achttien": 18, "nineteen": 19,
          "negentien": 19}
_TENS = {"twenty": 20, "twintig": 20, "thirty": 30, "dertig": 30, "forty": 40, "veertig": 40, "fifty": 50,
         "vijftig": 50, "sixty": 60, "zestig": 60, "seventy": 70, "zeventig": 70, "eighty": 80, "tachtig": 80,
         "ninety": 90, "negentig": 90}
_REPEAT = {"double": 2, "dubbel": 2, "dubbele": 2, "triple": 3, "treble": 3, "driedubbel": 3, "drie-dubbel": 3}
_HUNDRED = {"hundred": "00", "honderd": "00"}
# Letter names as said when spelling, English and Dutch (the alphabet's own names; one-letter
# tokens are letters anyway). Ordinary words among them ("en", "see", "er") only count inside a
# run with digits, and a run only matters when a shape finder accepts it.
_LETTERS = {
    "ay": "A", "aa": "A", "bee": "B", "be": "B", "cee": "C", "see": "C", "sea": "C", "dee": "D", "ee": "E",
    "ef": "F", "eff": "F", "gee": "G", "aitch": "H", "haitch": "H", "haa": "H", "ha": "H", "ie": "I",
    "jay": "J", "jee": "J", "kay": "K", "ka": "K", "el": "L", "ell": "L", "em": "M", "en": "N", "oo": "O",
    "pee": "P", "cue": "Q", "queue": "Q", "ku": "Q", "ar": "R", "arr": "R", "er": "R", "ess": "S", "es": "S", "tee": "T",
    "uu": "U", "vee": "V", "wee": "W", "ex": "X", "iks": "X", "why": "Y", "wye": "Y", "ij": "Y",
    "zed": "Z", "zee": "Z", "zet": "Z"}
# The NATO spelling alphabet ("Bravo Foxtrot six eight, X-ray Kilo Lima"); most are words or names
# too, so one only counts as a letter beside another letter.
_NATO = {w: w[0].upper() for w in (
    "alpha", "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "juliett",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor",
    "whiskey", "whisky", "xray", "yankee", "zulu")}
_LETTERS.update(_NATO)
_FILLERS = frozenset({"eh", "ehm", "euh", "uh", "uhm", "um", "umm", "erm", "uhh", "ehh", "hmm", "mm"})
# letter names that are everyday words too: a letter only beside another letter ("en el", "I E")
_AMBIGUOUS = frozenset({"be", "see", "sea", "why", "en", "er", "ie", "ha", "aa", "oo", "ee", "es", "el", "ay", "cue",
                        *_NATO})
_NL_COMPOUND = re.compile(r"(een|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n(twintig|dertig|veertig|vijftig|"
                          r"zestig|zeventig|tachtig|negentig)$")
_TOKEN = re.compile(r"\+|(?<![\w'’])[^\W\d_]+(?![\w'’])|(?<!\w)\d+(?![^\W\d_])")
_GAP = re.compile(r"[\s,\-–./]*")


def word_digits(word: str) -> str | None:
    """The digits a number word says ("zes" -> "6", "negenenvijftig" -> "59", "thirty" -> "30"),
    or None.

    >>> word_digits("drieëntachtig"), word_digits("oh"), word_digits("fourteen"), word_digits("cat")
    ('83', '0', '14', None)
    """
    w = word.lower()
    if w in _UNITS:
        return str(_UNITS[w])
    if w in _TEENS:
        return str(_TEENS[w])
    if w in _TENS:
        return str(_TENS[w])
    m = _NL_COMPOUND.match(w)
    if m:
        return str(_TENS[m.group(2)] + _UNITS[m.group(1)])
    return None


@dataclass(frozen=True)
class Normalised:
    """``text`` with every spoken, spelled or spaced-out run rewritten; ``origin[i]`` is the
    ``(start, end)`` in the original of character ``i``; ``runs`` the rewritten ranges (in
    ``text``)."""

    text: str
    origin: tuple[tuple[int, int], ...]
    runs: tuple[tuple[int, int], ...]

    def original(self, a: int, b: int) -> tuple[int, int]:
        """The original span of the rewritten span ``[a, b)``."""
        return self.origin[a][0], self.origin[b - 1][1]

    def touches_run(self, a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in self.runs)


def _read(tok: str, lang: str) -> tuple[str, str] | None:
    """``(kind, value)`` of one token: "d" digits, "w" a number word's digits, "l" a letter,
    "r" a repeat count, "h" hundred, "f" a hesitation, "+"; None when it cannot be part of a run."""
    lo = tok.lower()
    if tok == "+" or lo == "plus":
        return "+", "+"
    if tok.isdigit():
        return "d", tok
    d = word_digits(lo)
    if d is not None:
        return "w", d
    if lo in _REPEAT:
        return "r", str(_REPEAT[lo])
    if lo in _HUNDRED:
        return "h", _HUNDRED[lo]
    if len(tok) == 1 and tok.isalpha() and tok.isascii():
        return "l", tok.upper()
    if set(tok) == {"O"} and len(tok) <= 3:
        return "o", "0" * len(tok)  # "06 12 OO 45 67": O's typed for zeros
    if lo == "er" and lang == "en":
        return "f", ""  # "it's, er, oh seven": a hesitation in English
    if lo in _LETTERS:
        return "n", _LETTERS[lo]
    if lo in _FILLERS:
        return "f", ""
    return None


def _runs(text: str, lang: str) -> list[list[tuple[int, int, str, str]]]:
    """Maximal runs of readable tokens, each token ``(start, end, kind, value)``; tokens of a run
    are apart by at most a few spaces, commas, dashes, dots or slashes."""
    toks = [(m.start(), m.end(), m.group(), _read(m.group(), lang)) for m in _TOKEN.finditer(text)]
    out: list[list[tuple[int, int, str, str]]] = []
    cur: list[tuple[int, int, str, str]] = []
    for i, (s, e, tok, got) in enumerate(toks):
        if got is not None and got[0] == "n" and tok.lower() in _AMBIGUOUS:
            near = [toks[j][3] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
            if not any(g is not None and g[0] in "ln" for g in near):
                got = None  # "it'll be oh seven": "be" is a verb here
        if tok in ("a", "I") and any(t[2] != "f" for t in cur) and "," in text[cur[-1][1]:s]:
            got = None  # "…, Mike Tango Yankee, a grey Corsa": after a pause the article, not a letter
        if tok.lower() == "ray" and cur and cur[-1][3] == "X" and text[cur[-1][1]:s] == "-":
            cur[-1] = (cur[-1][0], e, *cur[-1][2:])  # "X-ray": the letter X said the NATO way
            continue
        if got is None and cur and len(tok) == 4 and tok.isalpha() and _iban_head(cur):
            got = ("b", tok.upper())  # "en el zesenzeventig, rabo, …": the bank's code said as a word
        if got is not None and cur:
            gap = text[cur[-1][1]:s]
            if len(gap) > 4 or _GAP.fullmatch(gap) is None or gap.count(".") > 1:
                out.append(cur)
                cur = []
        if got is None:
            if cur:
                out.append(cur)
                cur = []
            continue
        cur.append((s, e, *got))
    if cur:
        out.append(cur)
    return out


def _iban_head(cur: list[tuple[int, int, str, str]]) -> bool:
    """The run so far says two letters and two digits: an IBAN's country and check digits."""
    said = "".join(v for _, _, k, v in cur if k in "dwln")
    return re.fullmatch(r"[A-Z]{2}\d{2}", said) is not None


def _pause(gap: str) -> bool:
    """A gap that separates groups: a comma, a spaced dash or slash, a long space."""
    return "," in gap or "/" in gap or re.search(r"\s[\-–.]|[\-–.]\s", gap) is not None or len(gap) > 2


def _write(toks: list[tuple[int, int, str, str]], text: str) -> list[tuple[str, int, int]] | None:
    """The written form of a run as pieces ``(chars, start, end)``, or None when the run says
    nothing worth rewriting (plain written digits; a lone number word)."""
    while toks and toks[0][2] in "frh":
        toks = toks[1:]
    while toks and toks[-1][2] in "fr+":
        toks = toks[:-1]
    if not toks:
        return None
    said = sum(t[2] in "wnb" for t in toks)
    singles = sum(t[2] in "dl" and len(t[3]) == 1 for t in toks)
    zeros = any(t[2] == "o" for t in toks)
    digits = sum(len(t[3]) for t in toks if t[2] in "dwo")
    letters = sum(t[2] in "ln" for t in toks)
    if (digits < 3 and not (digits and letters >= 3)) or not (said >= 2 or zeros or singles >= 4 or said and singles >= 2):
        return None
    pieces: list[tuple[str, int, int]] = []
    repeat = 1
    prev: tuple[int, int, str, str] | None = None
    for i, (s, e, kind, val) in enumerate(toks):
        if kind == "f":
            continue
        if kind == "r":
            repeat = int(val)
            continue
        if kind == "h":
            if prev is not None and prev[2] == "w" and len(prev[3]) == 1:
                pieces.append(("00", s, e))
            continue
        if kind == "l" and val == "O" and prev is not None and prev[2] in "dwo" and (
                i + 1 >= len(toks) or toks[i + 1][2] in "dwo"):
            val = "0"  # an O among digits is a zero
        out_val = val * repeat if kind != "+" else val
        if repeat == 2 and kind in "ln" and val == "U":
            out_val = "W"  # "double-u"
        if prev is not None:
            gap = text[prev[1]:s]
            last_char = pieces[-1][0][-1:] if pieces else ""
            between = [t for t in toks[toks.index(prev) + 1:i] if t[2] == "f"]
            if between or _pause(gap):
                sep = " "
            elif gap.strip(" ") == "" and len(prev[3]) > 1 and len(val) > 1 and prev[2] in "do" and kind in "do":
                sep = " "  # "06 12 00 45": written groups stay apart
            else:
                sep = ""
            if last_char == "+":
                sep = ""
            if sep:
                pieces.append((sep, prev[1], s))
        # "thirty four" read as 34: a unit straight after a bare tens word joins it
        if prev is not None and kind == "w" and prev[2] == "w" and len(val) == 1 and val != "0" and \
                prev[3].endswith("0") and len(prev[3]) == 2 and text[prev[1]:s].strip(" -") == "":
            ch, ps, _ = pieces[-1]
            pieces[-1] = (ch[:-1] + val, ps, e)
        else:
            pieces.append((out_val, s, e))
        repeat = 1
        prev = (s, e, kind, val)
    return pieces


def normalise(text: str, lang: str = "en") -> Normalised | None:
    """``text`` with its spoken, spelled and spaced-out codes written out, or None when it has
    none (the common case: nothing to do).

    >>> n = normalise("my number's oh-seven-seven, double-oh, nine-four-one, three-six-two, ta")
    >>> n.text
    "my number's 077 00 941 362, ta"
    >>> n.original(12, 26)
    (12, 67)
    >>> normalise("Postcode? Uh, bee seventeen, nine dee ex, Harborne").text
    'Postcode? Uh, B17 9DX, Harborne'
    >>> normalise("Mijn vaste nummer is 0 5 9 2 - 3 4 7 7 1 2 en").text
    'Mijn vaste nummer is 0592 347712 en'
    """
    if not text:
        return None
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []
    pos = 0
    for run in _runs(text, lang):
        pieces = _write(run, text)
        if pieces is None:
            continue
        start, end = pieces[0][1], pieces[-1][2]
        for i in range(pos, start):
            out.append(text[i])
            origin.append((i, i + 1))
        r0 = len(out)
        for chars, s, e in pieces:
            for ch in chars:
                out.append(ch)
                origin.append((s, e))
        runs.append((r0, len(out)))
        pos = end
    if not runs:
        return None
    for i in range(pos, len(text)):
        out.append(text[i])
        origin.append((i, i + 1))
    return Normalised("".join(out), tuple(origin), tuple(runs))
