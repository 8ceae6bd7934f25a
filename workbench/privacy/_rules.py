"""Names and street addresses by word lists and context, for Dutch and English.

Rules, each a reading researchers would agree with:

- a title or form of address starts a name: "meneer bakker", "mevrouw de Jong", "Mrs. O'Neil";
- a kin or role word, or "named"/"heet", announces one: "mijn dochter fleur", "agent named Kevin";
- a capitalised first name from the lists is a name ("Sarah"); one that is also an ordinary word
  ("Will", "Mark", "Rose") only in the middle of a sentence or before a surname;
- a first name continues with interfixes and surnames: "Petra van Dijk", "jan de vries";
- initials before a capitalised word: "J.P. Balkenende", "A. Smith";
- a capitalised surname from the lists that is not an ordinary word: "Johnson", "Jansen";
- every later mention of a name found once in the text (or known to the study) is that name.

Addresses: a street (from the BAG street list, or a capitalised word with a street suffix) with a
house number ("Kerkstraat 12a", "Van Baerlestraat 3-II", "Meir 15 bus 2"), a number before an
English street ("42 Baker Street", "1600 Pennsylvania Ave"), flats/units and PO boxes, and a
street named after "I live on"/"ik woon aan".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ._lexicon import Lexicon

__all__ = ["find_names", "find_addresses", "tokenize"]

_TOKEN = re.compile(r"[^\W\d_]+\d\w*|[^\W\d_]+(?:['’\-](?![sS]\b)[^\W\d_]+)*|\d+[A-Za-z]?\b|\d+|[^\w\s]")
_SENT_END = {".", "!", "?", ":", ";", "\"", "“", "”", "(", ")", "*", "•", "-", "–", "—"}
_WEAK_CUES = frozenset({
    "to", "from", "with", "via", "met", "naar", "namens", "spoke", "speak", "talked", "talk", "asked", "ask",
    "thanks", "thank", "sprak", "gesproken", "gebeld", "belde", "vroeg", "cheers", "regards", "groetjes",
    "groeten", "gr", "mvg"})
_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they", "ik", "wij", "jij", "je", "hij", "zij", "ze", "u"})
_NAMING = frozenset({"named", "called", "heet", "heette", "genaamd", "ene", "name's"})
_NL_SUFFIX = re.compile(
    r"(?i)[a-zà-ÿ'’\-]{2,}(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|park|pad|steeg|markt|"
    r"baan|wal|haven|veld|erf|plantsoen|boulevard|dam|burgwal|kanaal|stede|akker|weide|kamp|ring|zijde|"
    r"oord|hoeve|polder|lei|dries|kaai|vest|berg|heuvel|bos|horst|hout|meent|brink|plaats|straatje|pleintje|"
    r"steenweg|hoek|werf|hagen|linde|laantje|wetering|vaart|sloot)$")
_EN_SUFFIX = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "boulevard", "blvd", "close",
    "court", "ct", "way", "place", "pl", "crescent", "cres", "terrace", "gardens", "square", "sq", "grove",
    "hill", "row", "parkway", "pkwy", "circle", "cir", "highway", "hwy", "mews", "walk", "green", "rise",
    "view", "trail", "path", "alley", "hollow", "heights", "park"})
_EN_COMPOUND = re.compile(r"[A-Z][a-z]{2,}(?:way|gate|side|croft|dale|mead|view|row|walk|grove|green)$")
_UNIT = re.compile(
    r"(?:\b(?i:flat|apt\.?|apartment|unit|suite|ste\.?|block|floor|building|bldg\.?)\s*#?\s*(?:\d+[a-zA-Z]?|[A-Z]\d*)\b,?\s*)+"
    r"(?:(?:[A-Z][\w'’\-]+\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Court|Ct|Way|Place|Pl|"
    r"Crescent|Terrace|Gardens|Square|Grove|Row|Park|Hill|Walk|Mews|Parade|Quay)\b\.?)?")
_POBOX = re.compile(r"(?i)\b(?:p\.?\s?o\.?\s?box|postbus)\s+\d{1,6}\b")
# A house number and what follows it in NL/BE addresses: a letter ("12a", "12 A"), a floor or
# unit ("12-2", "44-3hg", "3-II", "12 III", "56 2-hoog", "18 bis", "45 hs", "250-A"), a box ("15 bus 2").
_FLOOR = r"(?:\d{1,4}\s?-?\s?(?:hoog|hg|h|e|de|ste|etage|verd(?:ieping)?)\b|\d{1,4}[a-zA-Z]?|[IVX]{1,4}|hs|bis|huis|boven|bov|rood|zw|[A-Za-z])"
_HOUSE_NO = re.compile(
    r"\s?(\d{1,4}(?:\s?[a-zA-Z](?![\w']))?(?:(?:\s?[-/]\s?)" + _FLOOR + r"(?![\w'])|\s(?:bus|box)\s\d{1,4}"
    r"|\s(?:hs|bis|huis|boven|[IVX]{1,4}|\d{1,2}\s?-?\s?(?:hoog|hg|e|de|ste)\b)(?![\w']))?(?:\s(?:bus|box)\s\d{1,4})?)"
    r"(?![\d,.]\d)")
_EN_CUE = re.compile(r"(?i)\b(?:live|lives|lived|living|address|moved|at|on|to|is)\b[\w\s:,]{0,12}$")
# titles that are English words too: a name after them in lower case only when they have a capital
_TITLE_WORDS = frozenset({"miss", "sister", "brother", "father", "officer", "nurse", "doctor", "coach", "lady", "lord",
                          "dame", "sir", "madam", "reverend"})
_FUNCTION = frozenset({"of", "the", "and", "a", "an", "in", "on", "at", "to", "for", "from", "with", "or", "but", "is",
                       "was", "my", "our", "your", "this", "that", "we", "i", "you", "it", "they"})
_STREET_WORDS = frozenset({
    "lange", "korte", "nieuwe", "oude", "grote", "kleine", "hoge", "lage", "burgemeester", "president", "prins",
    "prinses", "koning", "koningin", "sint", "st", "dokter", "professor", "generaal", "admiraal", "graaf",
    "gravin", "hertog", "pastoor", "kapelaan", "meester", "kolonel", "north", "south", "east", "west", "upper",
    "lower", "old", "new", "great", "little", "high", "king", "queen", "prince", "princess", "saint"})
_LIVE_CUE = re.compile(
    r"(?i)\b(?:woon|woont|wonen|woonde|woonden|verhuisd|adres|live|lives|lived|living|moved|address|"
    r"staat|ligt|gevestigd)\b[^.!?\n]{0,25}$")


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


class _Ctx:
    def __init__(self, text: str, lex: Lexicon):
        self.text, self.lex = text, lex
        self.toks = tokenize(text)
        self.low = [t[2].lower() for t in self.toks]
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
        strong_cue = naming or (lo in lex.cues and lo not in _WEAK_CUES and lo not in _NAMING) or (
            lo == "is" and i > 0 and low[i - 1] in ("naam", "name"))
        if lo in lex.cues or strong_cue:
            j = i + 1 + (1 if i + 1 < n and toks[i + 1][2] == "," else 0)
            if j < n and c.word(j) and (strong_cue or low[j] in lex.first and (
                    _cap(toks[j][2]) or low[j] not in lex.words)):
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
        if lo in lex.first and not cap and lo not in lex.words:
            k2 = _interfix(toks, i + 1, lex) if i + 1 < n and _adjacent(toks, i) else i + 1
            if k2 < n and k2 > i and _adjacent(toks, k2 - 1) and low[k2] in lex.surname and low[k2] not in lex.words:
                end = _continue(c, k2 + 1, lowercase=True)
                spans.append((i, end))
                i = end
                continue
        if cap and lo in lex.surname and lo not in lex.words and lo not in lex.towns and not c.sent_initial(i) \
                and (i == 0 or low[i - 1] not in _LOCATIVE) and not _before_state(toks, i):
            end = _continue(c, i + 1, lowercase=False)
            spans.append((i, end))
            i = end
            continue
        i += 1
    from ._context import context_names

    spans += context_names(c, spans)
    out = [(toks[a][0], toks[b - 1][1], "person") for a, b in spans]
    found = {low[x] for a, b in spans for x in range(a, b) if c.word(x) and len(low[x]) > 2
             and low[x] not in lex.interfix and low[x] not in lex.words}
    found |= {p.lower() for name in known for p in re.split(r"[\s\-]+", name) if len(p) > 2}
    found -= lex.keep
    if found:
        rx = _known_pattern(tuple(sorted(found)))
        covered = [(s, e) for s, e, _ in out]
        for m in rx.finditer(text):
            if not any(s <= m.start() < e for s, e in covered):
                out.append((m.start(), m.end(), "person"))
    return out


@lru_cache(maxsize=512)
def _known_pattern(words: tuple[str, ...]) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w@.])(?:{alts})(?![\w@])", re.I)


_STREET_HEAD = re.compile(r"(?i)(?:laan|weg|plein|straat|kade|dreef|singel|dijk|gracht|hof|pad|park|markt|steenweg|"
                          r"lei|rue|avenue|chaussée|place|boulevard)$")


def _street_before(c: _Ctx, k: int) -> int | None:
    """Start index of a street name ending at token ``k - 1`` (just before a house number)."""
    lex = c.lex
    for a in range(max(0, k - 6), k - 1):  # "Laan van Nieuw Oost-Indië", "Rue de la Loi", "Plein Nieuw Zuid"
        if _cap(c.toks[a][2]) and _STREET_HEAD.match(c.toks[a][2]) and _cap(c.toks[k - 1][2]) and all(
                c.word(x) and (_cap(c.toks[x][2]) or c.low[x] in lex.interfix) and _adjacent(c.toks, x - 1)
                for x in range(a + 1, k)):
            return a
    best = None
    for n in range(1, 7):
        a = k - n
        if a < 0:
            break
        if any(not c.word(x) and c.toks[x][2] not in ("'", "’", "-", ".") for x in range(a, k)):
            break
        if not all(_adjacent(c.toks, x) for x in range(a, k - 1)):
            break
        joined = re.sub(r"[\s\-]+", " ", c.text[c.toks[a][0]:c.toks[k - 1][1]].lower())
        if joined in lex.streets and (n > 1 or _cap(c.toks[a][2]) or _NL_SUFFIX.match(joined)) and (
                n > 1 or _NL_SUFFIX.match(joined) or joined not in lex.vocab or _LIVE_CUE.search(
                    c.text, max(0, c.toks[a][0] - 40), c.toks[a][0])):
            best = a  # a one-word street that is a word too ("Lijn 5", "Markt 12") needs "ik woon op"
        elif n == 1 and _NL_SUFFIX.match(c.toks[a][2]) and (_cap(c.toks[a][2]) or c.low[a] not in lex.words):
            best = a
        elif best is not None and n > 1 and _cap(c.toks[a][2]) and (
                c.low[a] in lex.interfix or c.low[a] in _STREET_WORDS or c.low[a] in lex.first
                or c.low[a] in lex.surname):
            best = a
        elif best is not None and _cap(c.toks[a][2]) and len(c.low[a]) <= 5 and c.toks[a + 1][2] == ".":
            best = a  # "Kon. Julianaweg", "Burg. de Withstraat", "Pres. Kennedylaan"
        elif best is not None and c.word(a) and c.low[a] not in lex.interfix:
            break  # "Karim staat ingeschreven op Hoofdweg 12": the street ends where the name words stop
    return best


def find_addresses(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, "address")`` spans: streets with house numbers, units, PO boxes."""
    c = _Ctx(text, lex)
    toks, n = c.toks, len(c.toks)
    out: list[tuple[int, int, str]] = []
    for k in range(n):
        if not toks[k][2][:1].isdigit():
            continue
        # Dutch/Flemish order: street, then number
        a = _street_before(c, k)
        if a is not None and _adjacent(toks, k - 1):
            m = _HOUSE_NO.match(text, toks[k - 1][1])
            if m:
                out.append((toks[a][0], _place_after(text, m.end(), lex), "address"))
                be = re.match(r",?\s*([1-9]\d{3})(?=\s+[A-Z])", text[m.end():])
                if be:
                    out.append((m.end() + be.start(1), m.end() + be.end(1), "postcode"))
                continue
        # English order: number, then street words ending in a suffix
        ordinal = k + 1 < n and c.low[k + 1] in ("st", "nd", "rd", "th") and toks[k + 1][0] == toks[k][1]
        if re.fullmatch(r"\d{1,5}[A-Za-z]?", toks[k][2]) and not ordinal:
            cue = _EN_CUE.search(text, max(0, toks[k][0] - 30), toks[k][0]) is not None
            last = None
            first = k + 1
            if k + 2 < n and toks[k + 1][2] in "/-" and toks[k + 2][2][:1].isdigit() and _adjacent(toks, k):
                first = k + 3  # "2/45 Smith Street": unit 2, number 45
            for j in range(first, min(n, first + 7)):
                if toks[j][2] in ("'", "’") and j + 1 < n and c.low[j + 1] == "s":
                    continue  # "Queen's Road"
                if c.low[j] == "s" and j > 0 and toks[j - 1][2] in ("'", "’"):
                    continue
                if toks[j][2].isdigit() and j + 1 < n and c.low[j + 1] in ("st", "nd", "rd", "th"):
                    continue  # "West 57th Street"
                if c.low[j] in ("st", "nd", "rd", "th") and j > 0 and toks[j - 1][2].isdigit():
                    continue
                if not c.word(j) or not _adjacent(toks, j - 1) or c.low[j] in _FUNCTION:
                    break
                if not (_cap(toks[j][2]) or cue or c.low[j] in _EN_SUFFIX):
                    break
                if c.low[j] in _EN_SUFFIX and j > k + 1:
                    last = j
            if last is None and cue and first < n and c.word(first) and _cap(toks[first][2]) and _adjacent(toks, first - 1) \
                    and _EN_COMPOUND.match(toks[first][2]) and c.low[first] not in lex.towns:
                last = first  # "41 Kingsway", "12 Eastgate" after "I live at"
            if last is not None:
                end = toks[last][1] + (1 if last + 1 < n and toks[last + 1][2] == "." else 0)
                out.append((toks[k][0], _place_after(text, end, lex), "address"))
    for rx in (_UNIT, _POBOX):
        out.extend((m.start(), m.end(), "address") for m in rx.finditer(text))
    # a street without a number, after "I live on" / "ik woon aan de"
    for k in range(n):
        if _cap(toks[k][2]) and c.word(k) and _LIVE_CUE.search(text, max(0, toks[k][0] - 40), toks[k][0]):
            for m_ in range(3, 0, -1):
                if k + m_ > n:
                    continue
                joined = text[toks[k][0]:toks[k + m_ - 1][1]]
                lo = joined.lower()
                if lo in lex.towns or lo in lex.places:
                    continue
                if (lo in lex.streets and lo not in lex.words) or (
                        _NL_SUFFIX.match(joined) and " " not in joined) or (
                        m_ > 1 and lo.split()[-1] in _EN_SUFFIX and all(_cap(w) for w in joined.split())):
                    out.append((toks[k][0], toks[k + m_ - 1][1], "address"))
                    break
    return out


_PLACE_AFTER = re.compile(r",?\s(?:te\s|in\s)?([A-Z][\w'’\-]+(?:[\s\-][A-Z][\w'’\-]+){0,2})")


def _place_after(text: str, end: int, lex: Lexicon) -> int:
    """Extend an address over ", Utrecht" / " te Gouda" when that word is a known place."""
    m = _PLACE_AFTER.match(text, end)
    if m and text[end:m.start(1)].strip(" ,") in ("", "te") and m.group(1).lower() in lex.places:
        return m.end(1)
    return end
