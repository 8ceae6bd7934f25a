"""Street addresses in Dutch, Flemish, German, British, Irish, American and Australian writing.

A street (from the BAG street list, a capitalised word with a street suffix, or a street-type word
before capitalised words: "Laan van Nieuw Oost-Indië") with a house number ("Kerkstraat 12a",
"Van Baerlestraat 3-II", "Meir 15 bus 2", "Kon. Julianaweg 5"); a number before an English street
("42 Baker Street", "1600 Pennsylvania Ave", after "I live at" also "41 Kingsway"); flats, units
and blocks ("Apt 12, Block C, Ballymun Rd") and PO boxes; a street named after "I live on"/"ik
woon aan". A street ends where its name words stop ("Karim staat ingeschreven op Hoofdweg 12":
only "Hoofdweg 12"), and a one-word street that is also a word ("Lijn 5", "Markt 12") needs the
"I live" cue.
"""

from __future__ import annotations

import re

from ._ids import _UNIT_AFTER
from ._lexicon import Lexicon
from ._rules import _adjacent, _cap, _Ctx
from ._town import known_end, town_words

__all__ = ["find_addresses"]

_NL_SUFFIX = re.compile(
    r"(?i)[a-zà-ÿ'’\-]{2,}(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|park|pad|steeg|markt|"
    r"baan|wal|haven|veld|erf|plantsoen|boulevard|dam|burgwal|kanaal|stede|akker|weide|kamp|ring|zijde|"
    r"oord|hoeve|polder|lei|dries|kaai|vest|berg|heuvel|bos|horst|hout|meent|brink|plaats|straatje|pleintje|"
    r"steenweg|hoek|werf|hagen|linde|laantje|wetering|vaart|sloot|"
    r"straße|strasse|allee|platz|gasse|damm|ufer|chaussee|steig|stieg|graben|zeile)$")  # German: "Hauptstraße 5"
_DE_STR = re.compile(r"[A-ZÄÖÜ][a-zäöüß\-]{2,}str")
_EN_SUFFIX = frozenset({
    "street", "st", "road", "rd", "avenue", "ave", "lane", "lanes", "ln", "gate", "drive", "dr", "boulevard", "blvd", "close",
    "court", "ct", "way", "place", "pl", "crescent", "cres", "terrace", "gardens", "square", "sq", "grove",
    "hill", "row", "parkway", "pkwy", "circle", "cir", "highway", "hwy", "mews", "walk", "green", "rise",
    "view", "trail", "path", "alley", "hollow", "heights", "park", "lawn", "lawns", "vale", "glen", "manor", "villas",
    "cottages", "meadows", "downs", "wynd", "brae", "parade", "esplanade", "promenade", "embankment", "quay",
    "crossing", "approach", "sideroad", "concession"})
_ABBREVIATED = frozenset({"st", "rd", "ave", "ln", "dr", "blvd", "ct", "pl", "cres", "sq", "pkwy", "cir", "hwy"})
_EN_COMPOUND = re.compile(r"[A-Z][a-z]{2,}(?:way|gate|side|croft|dale|mead|view|row|walk|grove|green)$")
_UNIT = re.compile(
    r"(?:\b(?i:flat|apt\.?|apartment|app\.?|appt\.?|unit|suite|ste\.?|block|floor|building|bldg\.?|room)\s*"
    r"(?i:no\.?\s*)?#?\s*(?:\d+[a-zA-Z]?|[A-Z]\d*)\b,?\s*)+"
    r"((?:[A-Z][\w'’\-]+\s){1,3}(?:Apartments|Residency|Towers|Mansions|Enclave|Complex)\b,?\s*)?"  # "Sai Krupa Apartments"
    r"((?:\d{1,2}(?:st|nd|rd|th)\s(?:Cross|Main)(?:\s(?:Road|Rd|Street|St))?\b,?\s*){1,3}"  # "6th Main, 2nd Cross"
    r"|(?:[A-Z][\w'’\-]+\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Court|Ct|Way|Place|Pl|"
    r"Crescent|Terrace|Gardens|Square|Grove|Row|Park|Hill|Walk|Mews|Parade|Quay)\b\.?)?")
# A street whose type word comes before its name, after a house number: French ("388 Rue Saint-Paul
# Ouest"), Irish ("14 Ard na Gréine", "2 Bóthar an Chnoic"), Welsh ("3 Heol y Bryn"), Spanish and
# Italian ("12 Calle Mayor", "5 Via Roma"); and a door number written "No. 12, 3rd Cross Street" or
# "#45, 2nd Main Road" as in India, with the locality after it ("Besant Nagar", "Anna Colony").
_TYPE_FIRST = re.compile(
    r"\b\d{1,5}[a-zA-Z]?(?:[-–/]\d{1,5}[a-zA-Z]?)?,?\s(?:Rue|Avenue|Av\.|Boulevard|Boul\.|Bd|Chemin|Allée|Impasse|"
    r"Route|Quai|Cours|Ard|Bóthar|Bothar|Sráid|Sraid|Ascaill|Lána|Plás|Céide|Cearnóg|Páirc|Cnoc|Radharc|Bóithrín|"
    r"Cúirt|Garrán|Heol|Ffordd|Stryd|Lôn|Rhodfa|Cilgant|Maes|Calle|Avenida|Via|Viale|Piazza|Corso)"
    r"(?:\s(?:(?:de|du|des|la|le|l'|d'|na|an|y|yr|del|della|di)\s)?[A-ZÀ-ÖØ-Þ][\w'’\-]+){1,3}"
    r"(?:\s(?:Ouest|Est|Nord|Sud))?")
_DOOR_NO = re.compile(
    r"(?:\b(?i:no)\.?\s?|#\s?)\d{1,5}[a-zA-Z]?(?:/\d{1,4})?,\s"
    r"(?:\d{1,2}(?:st|nd|rd|th)\s)?(?:[A-Z][\w'’\-]+\s){0,3}"
    r"(?:Cross|Main|Street|St|Road|Rd|Lane|Avenue|Salai|Marg|Nagar)\b(?:\s(?:Street|Road|St|Rd)\b)?"
    r"(?:,\s\d{1,2}(?:st|nd|rd|th)\s(?:Cross|Main)\b(?:\s(?:Street|Road|St|Rd)\b)?)*")
_DOOR_BEFORE = re.compile(r"(?i)(?:^|[,:;(]|\b(?:is|at|to|address|addr))\s*$")
_HOUSE_WORD = re.compile(r"\b(?i:house|h|door|plot|flat|villa|bungalow)\.?\s*$")
_LOCALITY = re.compile(r",\s(?:[A-Z][\w'’\-]+\s){1,2}(?:Nagar|Colony|Vihar|Layout|Puram|Enclave|Extension|Halli)\b")
# A compass point after an American street ("Peachtree Rd NE", "K Street NW").
_COMPASS = re.compile(r"\.?\s(?:NE|NW|SE|SW|N|S|E|W)\b\.?")
_POBOX = re.compile(r"(?i)\b(?:p\.?\s?o\.?\s?box|postbus)\s+\d{1,6}\b")
# A house number and what follows it in NL/BE addresses: a letter ("12a", "12 A"), a floor or
# unit ("12-2", "44-3hg", "3-II", "12 III", "56 2-hoog", "18 bis", "45 hs", "250-A"), a box ("15 bus 2").
_FLOOR = r"(?:\d{1,4}\s?-?\s?(?:hoog|hg|h|e|de|ste|etage|verd(?:ieping)?)\b|\d{1,4}[a-zA-Z]?|[IVX]{1,4}|hs|bis|huis|boven|bov|rood|zw|[A-Za-z])"
_HOUSE_NO = re.compile(
    r"\s?(\d{1,4}(?:\s?[a-zA-Z](?![\w']))?(?:(?:\s?[-/]\s?)" + _FLOOR + r"(?![\w'])|\s(?:bus|box)\s\d{1,4}"
    r"|\s(?:hs|bis|huis|boven|zwart|rood|zw|[IVX]{1,4}|\d{1,2}\s?-?\s?(?:hoog|hg|e|de|ste)\b)(?![\w']))?"
    r"(?:\s(?:bus|box)\s\d{1,4}(?:\.\d{1,2})?|\s(?:kamer|unit|app\.?|appartement)\s\d{1,4}[a-zA-Z]?)?)"  # "bus 0.2", "kamer 4"
    r"(?![\d,.]\d)")
_GRID = re.compile(r"[NSEW]\d{3,5}")  # a rural grid house number in the US Midwest: "N4782 County Road K"
_EN_CUE = re.compile(r"(?i)\b(?:live|lives|lived|living|address|moved|at|on|to|is)\b[\w\s:,]{0,12}$")
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



# "van de Javastraat": the article in running text is no part of the street's name
_ARTICLES = frozenset({"de", "het", "den", "t", "'t", "the"})
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
                n == 1 or best is None or _cap(c.toks[a][2]) or c.low[a] not in _ARTICLES) and (
                n > 1 or _NL_SUFFIX.match(joined) or joined not in lex.vocab or _LIVE_CUE.search(
                    c.text, max(0, c.toks[a][0] - 40), c.toks[a][0])):
            best = a  # a one-word street that is a word too ("Lijn 5", "Markt 12") needs "ik woon op"
        elif n == 1 and _NL_SUFFIX.match(c.toks[a][2]) and (_cap(c.toks[a][2]) or c.low[a] not in lex.words):
            best = a
        elif n == 2 and c.toks[k - 1][2] == "." and _DE_STR.fullmatch(c.toks[a][2]):
            best = a  # "Bahnhofstr. 3a": a German street, its suffix abbreviated
        elif best is not None and n > 1 and _cap(c.toks[a][2]) and (
                c.low[a] in lex.interfix or c.low[a] in _STREET_WORDS or c.low[a] in lex.first
                or c.low[a] in lex.surname):
            best = a
        elif best is not None and _cap(c.toks[a][2]) and len(c.low[a]) <= 5 and c.toks[a + 1][2] == ".":
            best = a  # "Kon. Julianaweg", "Burg. de Withstraat", "Pres. Kennedylaan"
        elif best is not None and c.word(a) and c.low[a] not in lex.interfix:
            break  # "Karim staat ingeschreven op Hoofdweg 12": the street ends where the name words stop
    return best


# After a number, a word that makes it an amount, a size, a time or a count ("de spiegel 10 euro",
# "stap 2 van 5", "de kast 45 cm breed", "bus 12 minuten te laat"): no house number.
_QUANTITY = re.compile(
    r"(?i)\s*(?:[€$£]|cm|mm|m|meter|meters?|centimeter|millimeter|inch|gram|g|ton|l|liter|minuten|minuut|min|"
    r"seconden|sec|uur|uren|dagen|dag|weken|week|maanden|maand|jaar|jaren|sterren|ster|stars?|pagina'?s|"
    r"paginas|van\s+(?:de\s+)?\d+|of\s+\d+|op\s+\d+|out\s+of|per|pp|p\.p\.|x|stuk|personen|persoon|"
    r"kinderen|pakketten|pakjes|dozen|minutes?|seconds?|hours?|days?|weeks?|months?|years?|pages?|euros?)\b")
_POSTCODE_AFTER = re.compile(r",?\s*(?:[1-9]\d{3}\s?(?!SA|SD|SS)[A-Za-z]{2}\b|(?:B-|D-)?[1-9]\d{3}\s+[A-Z]|(?:D-)?\d{5}\s+[A-Z])")


def _street_evidence(c: _Ctx, a: int, k: int, end: int) -> bool:
    """Whether tokens ``a..k-1`` before the number ending at ``end`` read as a street, not as a
    noun with an amount, a size, a step or a model ("de spiegel 10 euro", "hoofdstuk 3").

    Evidence: an address cue before it ("ik woon op"), a postcode or known place after it, or the
    street written as a name (capitalised; a sentence's first word only when it is a listed street
    or no ordinary word), or in lower case a street-suffixed word that is no dictionary word
    ("kerkstraat 12" in a chat). A number followed by a unit or currency is never a house number.
    """
    text, lex = c.text, c.lex
    place = _place_after(text, end, lex) > end or _POSTCODE_AFTER.match(text, end) is not None
    if _QUANTITY.match(text, end) or _UNIT_AFTER.match(text, end):
        return place
    if place or _LIVE_CUE.search(text, max(0, c.toks[a][0] - 40), c.toks[a][0]):
        return True
    name = [x for x in range(a, k) if c.word(x) and c.low[x] not in lex.interfix]
    if not name:
        return False
    head = c.low[name[-1]]
    if all(_cap(c.toks[x][2]) for x in name):
        joined = re.sub(r"[\s\-]+", " ", text[c.toks[a][0]:c.toks[k - 1][1]].lower())
        return not (len(name) == 1 and c.sent_initial(name[0]) and head in lex.vocab
                    and not (joined in lex.streets and _NL_SUFFIX.match(head)))
    return bool(_NL_SUFFIX.match(head)) and head not in lex.vocab


def find_addresses(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """``(start, end, "address")`` spans: streets with house numbers, units, PO boxes."""
    c = _Ctx(text, lex)
    toks, n = c.toks, len(c.toks)
    out: list[tuple[int, int, str]] = []
    for k in range(n):
        if not toks[k][2][:1].isdigit() and not _GRID.fullmatch(toks[k][2]):
            continue
        # Dutch/Flemish order: street, then number
        a = _street_before(c, k)
        if a is not None and _adjacent(toks, k - 1):
            m = _HOUSE_NO.match(text, toks[k - 1][1])
            if m and _street_evidence(c, a, k, m.end()):
                out.append((toks[a][0], _place_after(text, m.end(), lex), "address"))
                be = re.match(r",?\s*([1-9]\d{3}|\d{5})(?=\s+[A-Z])", text[m.end():])  # Belgian, German
                if be:
                    out.append((m.end() + be.start(1), m.end() + be.end(1), "postcode"))
                continue
        # English order: number, then street words ending in a suffix
        ordinal = k + 1 < n and c.low[k + 1] in ("st", "nd", "rd", "th") and toks[k + 1][0] == toks[k][1]
        if (re.fullmatch(r"\d{1,5}[A-Za-z]?", toks[k][2]) or _GRID.fullmatch(toks[k][2])) and not ordinal:
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
                if toks[j][2] == "." and c.low[j - 1] in ("n", "s", "e", "w", "ne", "nw", "se", "sw"):
                    continue  # "1418 N. Pennsylvania St."
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
                end = toks[last][1] + (1 if last + 1 < n and toks[last + 1][2] == "." and c.low[last] in _ABBREVIATED
                                       and toks[last + 1][0] == toks[last][1] else 0)  # "Oak St.", not "Road." ending a sentence
                compass = _COMPASS.match(text, end)
                end = compass.end() if compass else end
                out.append((toks[k][0], _place_after(text, end, lex), "address"))
    out.extend((m.start(), m.end(), "address") for m in _POBOX.finditer(text))
    for m in (*_TYPE_FIRST.finditer(text), *_DOOR_NO.finditer(text)):
        start = m.start()
        if text[start] in "Nn#":
            house = _HOUSE_WORD.search(text, max(0, start - 20), start)
            if house:  # "House No. 17, 2nd Main Road", "Plot #4, …": the door's own word is part of it
                start = house.start()
            elif not _DOOR_BEFORE.search(text[max(0, start - 20):start]):
                continue  # "order No. 4471, Main Street store": a number of something else
        loc = _LOCALITY.match(text, m.end())
        out.append((start, _place_after(text, loc.end() if loc else m.end(), lex), "address"))
    starts, ends = {s for s, _, _ in out}, {e: s for s, e, _ in out}
    for m in _UNIT.finditer(text):  # "Flat 3, 8 Queen's Road", "12 Main St Apt 3C"; not "suite 7" or "floor 2"
        before = len(text[:m.start()].rstrip(" ,"))
        if m.group(2) or m.end() in starts or before in ends or _LIVE_CUE.search(
                text, max(0, m.start() - 40), m.start()):
            end = m.end() if m.end() in starts else len(text[:m.end()].rstrip(" ,"))
            out.append((ends.get(before, m.start()), end, "address"))  # "57 Rue X Est, app. 4" as one
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


_PLACE_AFTER = re.compile(r",?[ \t](?:te[ \t])?")


def _place_after(text: str, end: int, lex: Lexicon) -> int:
    """Extend an address over ", Utrecht" / " te Gouda" / ", Bergen op Zoom" when that is a Dutch
    place (deduce's list; :func:`~workbench.privacy._town.town_after` adds the world's towns)."""
    m = _PLACE_AFTER.match(text, end)
    if not m:
        return end
    return known_end(text, m.end(), town_words(text, m.end()), lex.places) or end
