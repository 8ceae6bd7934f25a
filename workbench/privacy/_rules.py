"""Names by word lists and context, for Dutch and English.

Rules, each a reading researchers would agree with:

- a title or form of address starts a name: "meneer bakker", "mevrouw de Jong", "Mrs. O'Neil";
- a kin or role word, or "named"/"heet", announces one: "mijn dochter fleur", "agent named Kevin";
- a capitalised first name from the lists is a name ("Sarah"); one that is also an ordinary word
  ("Will", "Mark", "Rose") only in the middle of a sentence or before a surname;
- a first name continues with interfixes and surnames: "Petra van Dijk", "jan de vries";
- initials before a capitalised word: "J.P. Balkenende", "A. Smith";
- a capitalised surname from the lists that is not an ordinary word: "Johnson", "Jansen";
- every later mention of a name found once in the text (or known to the study) is that name.

Street addresses are in :mod:`workbench.privacy._address`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ._lexicon import Lexicon, _fold
from ._person import _FAMILY_AFTER

__all__ = ["find_names", "tokenize"]

_TOKEN = re.compile(r"[^\W\d_]+\d\w*|[^\W\d_]+(?:['’\-](?![sS]\b)[^\W\d_]+)*|\d+[A-Za-z]?\b|\d+|[^\w\s]")
_SENT_END = {".", "!", "?", ":", ";", "\"", "“", "”", "(", ")", "*", "•", "-", "–", "—"}
_WEAK_CUES = frozenset({
    "to", "from", "with", "via", "met", "naar", "namens", "spoke", "speak", "talked", "talk", "asked", "ask",
    "thanks", "thank", "sprak", "gesproken", "gebeld", "belde", "vroeg", "cheers", "regards", "groetjes",
    "groeten", "gr", "mvg"})
_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they", "ik", "wij", "jij", "je", "hij", "zij", "ze", "u"})
_NAMING = frozenset({"named", "called", "heet", "heette", "genaamd", "ene", "name's"})
# titles that are English words too: a name after them in lower case only when they have a capital
_TITLE_WORDS = frozenset({"miss", "sister", "brother", "father", "officer", "nurse", "doctor", "coach", "lady", "lord",
                          "dame", "sir", "madam", "reverend"})


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for words, numbers and punctuation."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _cap(t: str) -> bool:
    return t[:1].isupper() and not (len(t) > 1 and t.isupper())


def _initials(toks, k: int) -> int:
    """Index after initials starting at ``k`` ("J." "J.P." "A.B.C."), else ``k``."""
    j = k
    while j + 1 < len(toks) and len(toks[j][2]) == 1 and toks[j][2].isupper() and toks[j + 1][2] == ".":
        j += 2
    return j


def _interfix(toks, k: int, lex: Lexicon) -> int:
    """Index after the longest interfix (up to 3 words: "van der", "van 't") at ``k``."""
    best = k
    for n in (1, 2, 3):
        if k + n > len(toks):
            break
        words = [t[2] for t in toks[k:k + n]]
        if any(w in "'’" for w in words):
            continue
        joined = " ".join(w.lower() for w in words)
        if joined in lex.interfix and all(_adjacent(toks, x) for x in range(k, k + n - 1)):
            best = k + n
    return best


def _adjacent(toks, i: int) -> bool:
    """Tokens ``i`` and ``i+1`` are separated by at most one space (no punctuation, no line)."""
    return toks[i + 1][0] - toks[i][1] <= 1


def _double_name(lo: str, lex: Lexicon) -> str:
    """A hyphenated token whose parts are all listed names reads as its first part ("Bronwyn-Jane",
    "Adeyemi-Bello"), a listed name typed with accents as the list has it; any other token as itself."""
    if not lo.isascii() and lo not in lex.first and lo not in lex.surname and lo not in lex.vocab:
        folded = _fold(lo)  # "Pádraig", "Siân", "Ruairí" as the lists have them: "padraig", "sian"
        if folded in lex.first or folded in lex.surname:
            return folded
    if "-" not in lo or lo in lex.first or lo in lex.surname:
        return lo
    parts = lo.split("-")
    if all(len(p) > 1 and (p in lex.first or p in lex.surname) and p not in lex.words for p in parts):
        return parts[0]
    return lo


class _Ctx:
    def __init__(self, text: str, lex: Lexicon):
        self.text, self.lex = text, lex
        self.toks = tokenize(text)
        self.low = [_double_name(t[2].lower(), lex) for t in self.toks]
        self._word = [t[2][:1].isalpha() and not t[2][-1:].isdigit() for t in self.toks]

    def sent_initial(self, i: int) -> bool:
        if i == 0:
            return True
        prev = self.toks[i - 1]
        return prev[2] in _SENT_END or "\n" in self.text[prev[1]:self.toks[i][0]]

    def word(self, i: int) -> bool:
        """Token ``i`` is a word of letters ("Jet2", "MP3" are not: no names)."""
        return 0 <= i < len(self._word) and self._word[i]

    def namey(self, i: int, *, strong: bool) -> bool:
        """Token ``i`` can be (part of) a name: capitalised and not an ordinary word, or — with a
        strong cue — a listed first name or surname in any case."""
        if not self.word(i):
            return False
        t, lo, lex = self.toks[i][2], self.low[i], self.lex
        if (lo in lex.keep and not strong) or lo in lex.titles or lo in lex.cues and not _cap(t):
            return False
        listed = lo in lex.first or lo in lex.surname
        if _cap(t):
            if lo in lex.words and not listed:
                return False
            return strong or listed or lo not in lex.words
        return strong and listed and lo not in lex.words


def _name_end(c: _Ctx, j: int, *, strong: bool, title: bool = False) -> int:
    """End index of a name starting at ``j`` (after a title or cue), or ``j`` if none."""
    lex = c.lex
    k = _initials(c.toks, j)
    k2 = _interfix(c.toks, k, lex)
    if k2 >= len(c.toks) or not c.namey(k2, strong=strong or k2 > j):
        return j
    if k2 > k == j and c.low[k2] not in lex.surname and not title:
        return j  # "de monteur van Eneco": "van" + a word that is no surname is not a name
    k = k2
    return _continue(c, k + 1, lowercase=not _cap(c.toks[k][2]))


def _continue(c: _Ctx, k: int, *, lowercase: bool) -> int:
    """Extend a name over hyphenated parts, interfixes and surnames."""
    lex = c.lex
    while k < len(c.toks) and _adjacent(c.toks, k - 1):
        t, lo = c.toks[k][2], c.low[k]
        if lo == "." and c.low[k - 1] in ("st", "ste") and k + 1 < len(c.toks) and _adjacent(c.toks, k) and _cap(
                c.toks[k + 1][2]) and k >= 2 and c.low[k - 2] in lex.first and (
                c.low[k + 1] in lex.first or c.low[k + 1] in lex.surname) and c.low[k + 1] not in lex.never:
            k += 2  # "Evelyn St. John", "Marie Ste. Croix": a surname on "Saint", after a given name
            continue
        if c.sent_initial(k):
            break
        k2 = _interfix(c.toks, k, lex)
        if k2 > k and k2 < len(c.toks) and _adjacent(c.toks, k2 - 1):
            t2, lo2 = c.toks[k2][2], c.low[k2]
            if (_cap(t2) and lo2 not in lex.keep and (lo2 not in lex.words or lo2 in lex.surname)) or (
                    lowercase and lo2 in lex.surname and lo2 not in lex.words):
                k = k2 + 1
                continue
            break
        if _cap(t) and c.word(k) and lo not in lex.keep and lo not in lex.titles and (
                lo not in lex.words or lo in lex.surname) and lo not in lex.places:
            k += 1
            continue
        if lowercase and lo in lex.surname and lo not in lex.words and lo not in lex.never and (
                lo not in lex.first or c.sent_initial(k - 1) or k - 1 > 0 and c.low[k - 2] in _NAMING):
            k += 1
            continue
        break
    return k


_LOCATIVE = frozenset({"in", "at", "from", "to", "near", "of", "the", "a", "an", "de", "het", "een", "naar", "bij",
                       "uit", "op", "nabij", "richting", "via", "around", "outside", "inside"})


def _before_state(toks, i: int) -> bool:
    """"Springfield, IL": a place before a US state code."""
    return i + 2 < len(toks) and toks[i + 1][2] == "," and re.fullmatch(r"[A-Z]{2}", toks[i + 2][2]) is not None


def _unknown(c: _Ctx, i: int) -> bool:
    """Token ``i`` is a capitalised word (not an acronym) that no word, place, brand or name list knows."""
    t, lo, lex = c.toks[i][2], c.low[i], c.lex
    return c.word(i) and _cap(t) and len(lo) > 2 and re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", t) is not None and not any(
        lo in s for s in (lex.vocab, lex.words, lex.towns, lex.places, lex.keep, lex.titles, lex.cues, lex.never,
                          lex.first, lex.surname, lex.interfix))


_BIRTH_CUE = re.compile(r"(?i),?\s*\(?(?:born|b\.|dob|d\.o\.b\.?|date of birth|geboren|geb\.(?:datum)?|geboortedatum)(?!\w)")


def _before_birth(c: _Ctx) -> list[tuple[int, int]]:
    """The capitalised words just before a birth cue are the person's name, listed or not
    ("for Fiadh, born 21/02/2023", "Hywel ap Dafydd, born 17 April 1947", "Harpreet Kaur Sandhu, DOB")."""
    if not _BIRTH_CUE.search(c.text):
        return []
    lex, toks, out = c.lex, c.toks, []
    for m in _BIRTH_CUE.finditer(c.text):
        k = next((i for i in range(len(toks) - 1, -1, -1) if toks[i][1] <= m.start()), None)
        if k is None or c.text[toks[k][1]:m.start()].strip():
            continue
        a = k + 1
        for i in range(k, max(-1, k - 6), -1):
            lo = c.low[i]
            after_particle = i > 0 and c.low[i - 1] in lex.interfix and a == k + 1  # "van der Meer": any surname
            if c.word(i) and _cap(toks[i][2]) and lo not in lex.titles and lo not in lex.keep and (after_particle or (
                    lo not in lex.towns and lo not in lex.never and (
                        lo not in lex.vocab or lo in lex.first or lo in lex.surname))):
                a = i
            elif not (lo in lex.interfix and a <= k and i > 0 and (  # "Sipke van der Meer"
                    _cap(toks[i - 1][2]) or c.low[i - 1] in lex.interfix)):
                break
            if i == 0 or not _adjacent(toks, i - 1):
                break
        if a <= k and c.word(a):
            out.append((a, k + 1))
    return out


def _name_start(c: _Ctx, a: int) -> int:
    """Start of a found name widened over up to two capitalised words before it that no word,
    brand, title or cue list knows ("owner Shreyas Gowda", "Caller Kostas Papadopoulos"): a given
    name the lists lack, before a surname they have."""
    lex, toks = c.lex, c.toks
    for _ in range(2):
        i = a - 1
        if i < 0 or not c.word(i) or not _adjacent(toks, i) or not _cap(toks[i][2]) or not re.fullmatch(
                r"[^\W\d_]{3,}(?:[-'’][^\W\d_]{2,})*", toks[i][2]) or c.sent_initial(i):
            break  # not "I'm", "St Bernardus", nor a sentence's first word (its capital says nothing)
        lo = c.low[i]
        if any(lo in s for s in (lex.vocab, lex.words, lex.keep, lex.titles, lex.cues, lex.never, lex.places,
                                 lex.cities, lex.interfix)) or (i > 0 and c.low[i - 1] in _LOCATIVE):
            break
        a = i
    return a


def find_names(text: str, lex: Lexicon, known: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """``(start, end, "person")`` spans (titles not included) found by the rules above."""
    c = _Ctx(text, lex)
    toks, low, n = c.toks, c.low, len(c.toks)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        t, lo = toks[i][2], low[i]
        end = i
        if not c.word(i):
            i += 1
            continue
        nxt = i + 1 + (1 if i + 1 < n and toks[i + 1][2] == "." else 0)
        if lo in lex.titles and (_cap(t) or nxt < n) and not (  # "gonna miss conn": a verb, not "Miss"
                lo in _TITLE_WORDS and not _cap(t) and nxt < n and not _cap(toks[nxt][2])):
            end = _name_end(c, nxt, strong=True, title=True)
            if end > nxt:
                spans.append((nxt, end))
                i = end
                continue
        naming = lo in _NAMING and not (i > 0 and low[i - 1] in _SUBJECTS)  # "a guy called X", not "I called X"
        naming = naming or (lo in ("is", "was") and i > 0 and low[i - 1] in ("wie", "who") and i + 1 < n and (
            low[i + 1] in lex.first and low[i + 1] not in lex.words))  # "wie is daan??", "who was kev"
        strong_cue = naming or (lo in lex.cues and lo not in _WEAK_CUES and lo not in _NAMING) or (
            lo == "is" and i > 0 and low[i - 1] in ("naam", "name")) or (  # "name's Delroy Campbell"
            lo == "s" and i > 1 and toks[i - 1][2] in "'’" and low[i - 2] == "name") or (
            t == "@" and i + 1 < n and toks[i + 1][0] == toks[i][1] and _cap(toks[i + 1][2]))  # "@Liam O'Connor-Byrne"
        if lo in lex.cues or strong_cue:
            j = i + 1 + (1 if i + 1 < n and toks[i + 1][2] == "," else 0)
            if j < n and c.word(j) and (strong_cue or low[j] in lex.first and (
                    _cap(toks[j][2]) or low[j] not in lex.words and not lex.opener(low[j]))):  # "gebeld, niks"
                end = _name_end(c, j, strong=strong_cue or low[j] not in lex.words)
                if end > j:
                    spans.append((j, end))
                    i = end
                    continue
        k = _initials(toks, i)
        k = _interfix(toks, k, lex) if k > i else k
        if k > i and k < n and c.namey(k, strong=False):
            end = _continue(c, k + 1, lowercase=False)
            spans.append((i, end))
            i = end
            continue
        if lo in lex.keep or lo in lex.titles or lo in lex.never:
            i += 1
            continue
        cap = _cap(t)
        if cap and i > 0 and low[i - 1] in ("the", "familie", "family") and lo.endswith("s") and (
                lo[:-1] in lex.surname and lo[:-1] not in lex.words):
            spans.append((i, i + 1))  # "the Hendersons", "familie Jansens"
            i += 1
            continue
        if cap and i > 0 and low[i - 1] in ("the", "de") and i + 1 < n and _FAMILY_AFTER.match(
                c.text, toks[i][1]) and (
                lo in lex.surname and lo not in lex.words and lo not in lex.keep):
            spans.append((i, i + 1))  # "the Kowalski family", "de Yilmaz familie"
            i += 1
            continue
        if lo in lex.first and cap:
            if lo not in lex.words:
                ok = (not c.sent_initial(i) or lex.lang == "en" or lo not in lex.cues) and not (
                    lo in lex.cities and i > 0 and low[i - 1] in _LOCATIVE)
            else:  # "Will", "Mark", "Rose": a name mid-sentence or before a surname
                follows = i + 1 < n and _adjacent(toks, i) and _cap(toks[i + 1][2]) and (
                    low[i + 1] in lex.surname or low[i + 1] not in lex.words)
                ok = follows or (not c.sent_initial(i) and lex.lang == "en")
            if ok:
                end = _continue(c, i + 1, lowercase=False)
                spans.append((i, end))
                i = end
                continue
        # "lisa de vries" typed in lower case; not "niks hoor": everyday words in lower case are those words
        if lo in lex.first and not cap and lo not in lex.words and not lex.opener(lo):
            k2 = _interfix(toks, i + 1, lex) if i + 1 < n and _adjacent(toks, i) else i + 1
            if k2 < n and k2 > i and _adjacent(toks, k2 - 1) and low[k2] in lex.surname and low[k2] not in lex.words \
                    and not lex.opener(low[k2]):
                end = _continue(c, k2 + 1, lowercase=True)
                spans.append((i, end))
                i = end
                continue
        if cap and i + 1 < n and not c.sent_initial(i) and _adjacent(toks, i) and _unknown(c, i) and _unknown(c, i + 1) \
                and lo != low[i + 1] \
                and (i + 2 >= n or not (c.word(i + 2) and _cap(toks[i + 2][2]) and _adjacent(toks, i + 1))):
            spans.append((i, i + 2))  # "Yonas Tekle": two capitalised words no list knows, mid-sentence
            i += 2
            continue
        if cap and lo in lex.surname and lo not in lex.words and lo not in lex.towns and not c.sent_initial(i) \
                and (i == 0 or low[i - 1] not in _LOCATIVE) and not _before_state(toks, i):
            end = _continue(c, i + 1, lowercase=False)
            spans.append((i, end))
            i = end
            continue
        i += 1
    from ._context import context_names

    spans = [(_name_start(c, a), b) for a, b in spans]
    spans += _before_birth(c)
    spans += context_names(c, spans)
    out = [(toks[a][0], toks[b - 1][1], "person") for a, b in spans]
    if "-" in text:  # a name spelled letter by letter: "O-B-I", "B-O-U-Z-I-D"
        out += [(m.start(), m.end(), "person") for m in _SPELLED.finditer(text)]
    if ", " in text:  # the surname first, then the initials, as on a form: "Schilder, J.", "Okafor, C.N."
        greet = lex.context.get("address", frozenset()) | lex.context.get("vocative", frozenset())
        out += [(m.start(), m.end(), "person") for m in _INVERTED.finditer(text) if not any(
            w in lex.keep or w in lex.towns or w in greet or w in lex.titles or w in lex.cues
            for w in (m.group(1).lower(), m.group(1).lower().split()[0])) and (
            m.group(1).lower() in lex.surname or m.group(1).lower() not in lex.vocab | lex.words)]
    if "(" in text:  # initials, the name one goes by in brackets, the surname: "E.M. (Els) Wiersma"
        out += [(m.start(), m.end(), "person") for m in _NICKNAMED.finditer(text)
                if m.group(1).lower() not in lex.vocab or m.group(1).lower() in lex.first]
    found = {low[x] for a, b in spans for x in range(a, b) if c.word(x) and len(low[x]) > 2
             and low[x] not in lex.interfix and low[x] not in lex.words}
    found |= {p.lower() for name in known for p in re.split(r"[\s\-]+", name) if len(p) > 2}
    found -= lex.keep
    if found:
        rx = _known_pattern(tuple(sorted(found)))
        covered = [(s, e) for s, e, _ in out]
        at = {toks[x][0]: x for x in range(n)}
        for m in rx.finditer(text):
            if m.group()[:1].islower() and lex.opener(m.group().lower()):
                continue  # "Niks, …" found as a name does not make "echt niks" one
            if not any(s <= m.start() < e for s, e in covered):
                x = at.get(m.start())
                out.append((toks[_name_start(c, x)][0] if x is not None else m.start(), m.end(), "person"))
    return out


_INVERTED = re.compile(r"(?<![\w\-])([A-Z][^\W\d_]+(?:[ \-][A-Z][^\W\d_]+)?),[ ](?:[A-Z]\.){1,3}(?![ ]?[A-Z][^\W\d_])")
_NICKNAMED = re.compile(r"(?<![\w.])(?:[A-Z]\.[ ]?){1,4}[ ]?\(([A-Z][^\W\d_]+)\)[ ]"
                        r"(?:(?:van|de|der|den|ter|ten|te|von|du|le|la|van de|van der|van den)[ ])?[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?")
_SPELLED = re.compile(r"(?<![\w\-])(?:[A-Z]-){2,}[A-Z](?![\w\-])")


@lru_cache(maxsize=512)
def _known_pattern(words: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w@.])(?:{alts})(?![\w@])", re.I)
