"""Whether a found "name" is a person here, and where it starts and ends.

Every person span — from deduce or from our rules — goes through :func:`person_span`, which
applies readings researchers would agree with:

- titles, forms of address, greetings and kin or role words stay outside the name ("mevrouw",
  "Dag", "Den" in Flemish "Den Wouters", "Hi"), an initial stays inside ("Mrs A. Robinson");
- a name that is part of a place or institution is none: after "St"/"Sint"/"Saint" ("St
  Vincent's", "AZ Sint-Jan"), before a head noun ("Anne Frank Huis", "Juliana
  Kinderziekenhuis", "Grafton Street", "Eindhoven Airport", "Den Haag Centraal"), a street
  ("Dr. Schaepmanstraat"), a town beside another town ("between Crewe and Preston") or before
  a state and postcode ("Dallas, TX 75219");
- a surname before a number is a ward, a gate, a bus ("Ward 7");
- a brand or product named like a person stays unless a title or kin word says otherwise
  ("Ben & Jerry's", "Ikea Billy"), and always when the brand's name holds the title ("Dr.
  Oetker");
- after an article a capitalised word is a shop or a thing ("bij de Dirk", "the Bureaus"), except
  a listed first name after "a"/"een" ("put me through to a Sandra");
- a first name that is a word too, opening a sentence before an object or subject, is that word
  ("Bill me later", "Will you …?", "Mark the box", "Door de storing").
"""

from __future__ import annotations

import re

from ._asides import kin_aside
from ._lexicon import Lexicon

__all__ = ["person_span", "strong_before"]

_WEAK = frozenset({"to", "from", "with", "via", "met", "naar", "namens", "spoke", "speak", "talked", "talk", "asked",
                   "ask", "thanks", "thank", "sprak", "gesproken", "gebeld", "belde", "vroeg", "cheers", "regards",
                   "groetjes", "groeten", "gr", "mvg", "our", "ons", "onze"})
_ARTICLES = frozenset({"den", "ons", "onze", "our"})  # Flemish/Irish "Den Wouters", "Ons Jef", "Our Mick"
_SAINT = re.compile(r"(?i)(?:^|[^\w])(?:st|saint|sint|sainte|sankt|san|santa|são)\.?[\s\-]+$")
_SAINT_IN = re.compile(r"(?i)(?:st|saint|sint|sankt)\.?-")
_ARTICLE_BEFORE = re.compile(r"(?:^|[\s(])(?i:(de|het|'t|een|the|a|an))\s+$")
_ARTICLE_TITLE = re.compile(r"(?i)(?:^|\s)(?:de|het|een|die|deze|the|a|that|this)\s+([^\W\d_]+)\s+$")
_TO_PLACE = re.compile(r"(?i)\b(?:to|from|at|via|naar|vanuit)\s+$")
# "talked to Rashid", "spoke with Florence": who one speaks to is a person, even when a city has the name
_SPOKE_TO = re.compile(r"(?i)\b(?:talk|talked|talking|spoke|speak|speaking|spoken|chat|chatted|chatting|explained|"
                       r"complained|said|says|wrote|write|writing|written|listen|listened|replied|reply|mentioned|"
                       r"apologi[sz]ed|sprak|gesproken|praatte|gepraat|zei|zegt|schreef)\s+(?:it\s+)?(?:to|with|met|tegen)\s+$")
_IN_PLACE = re.compile(r"(?i)\b(?:in|naar|uit|te|richting|near|outside|around)\s+$")
_OF_TOWN = re.compile(r"(?:van|uit|naar|in|te|bij|from|of|to|in|near)\s+(.+)$")
_STATE_AFTER = re.compile(r",?\s+(?:NSW|VIC|QLD|TAS|ACT|WA|SA|NT|[A-Z]{2})\.?,?\s+\d{4,5}\b")
_LINKED_BEFORE = re.compile(r"([A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?)\s*(?:,|\band\b|\ben\b|&|\bor\b|\bof\b|\bto\b|"
                            r"\bnaar\b|\btot\b)\s*$")
_LINKED_AFTER = re.compile(r"\s*(?:,|\band\b|\ben\b|&|\bor\b|\bof\b|\bto\b|\bnaar\b|\btot\b)\s*"
                           r"([A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?)")
_AFTER_ADDRESS = re.compile(r"(?:\b\d{1,5}[A-Za-z]?|\b(?:St|Street|Rd|Road|Ave|Avenue|Lane|Ln|Drive|Dr|Blvd|Way|Pl|Place|"
                            r"Court|Ct|Crescent|Cres|Terrace|Tce|Close))\.?,[ ]*$")
_OWNER = re.compile(r"\b([A-Z][a-z]+)['’]s?[ ]$")
_CONTRACTION = re.compile(r"(?i)(?:i|you|we|they|he|she|it|that|there|here|who|what|this)['’](?:m|re|s|ve|ll|d)\s+")
_CONTRACTED = frozenset({"it", "that", "he", "she", "what", "there", "here", "who", "name", "let", "where", "how"})
_ON_PLACE = re.compile(r"(?i)\b(?:op|in|aan|over|langs|naar|via|rond|richting)\s+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’\-]*)")
_NEXT_CAPS = re.compile(r"(?:[ \t]+[A-Z][\w'’\-]*){1,3}")


def _context_words(lex: Lexicon, *sections: str) -> frozenset[str]:
    ctx = lex.context or {}
    return frozenset(w for s in sections for w in ctx.get(s, ()) if " " not in w)


def _place_head(word: str, lex: Lexicon) -> bool:
    """A head noun that makes the capitalised words before it a place or institution: "Street",
    "Airport", "Huis"; in Dutch also a compound on one ("Kinderziekenhuis", "Schaepmanstraat"),
    unless the compound is a listed surname ("Vreeswijk", "Terdijk": a family name on "-wijk")."""
    lo = word.lower()
    heads = (lex.context or {}).get("place", frozenset())
    return lo in heads or lo not in lex.surname and any(
        h[0] == "-" and lo.endswith(h[1:]) and len(lo) > len(h) for h in heads)


def strong_before(text: str, s: int, lex: Lexicon) -> bool:
    """A title or a kin/role word right before ``s`` ("Mrs. Fletcher", "mijn opa Otto"): a name
    even when a brand or a place has the same name."""
    words = re.findall(r"[^\W\d_]+", text[max(0, s - 30):s])
    tail = text[max(0, s - 30):s].rstrip(" .,")
    if not words or not tail.lower().endswith(words[-1].lower()):
        return False
    w = words[-1].lower()
    at = _ARTICLE_TITLE.search(tail + " ")
    if at and at.group(1).lower() == w and w in lex.titles and w != "heer":
        return False  # "de meneer van Stedin", "the doctor": a noun here, not a title
    return w in lex.titles or (w in lex.cues and w not in _WEAK)


def _role_compound(word: str, lex: Lexicon) -> bool:
    """A Dutch compound on a role word: "thuiszorgmedewerker", "pakketbezorger", "wijkverpleegkundige"."""
    return len(word) > 9 and word not in lex.first and word not in lex.surname and any(
        word.endswith(c) for c in lex.cues if len(c) >= 6 and " " not in c)


def _after_title(text: str, s: int, lex: Lexicon) -> bool:
    """The word before ``s`` is an abbreviated title ("Mevr. El Idrissi"): its dot ends no sentence."""
    m = re.search(r"([^\W\d_]+)\.\s*$", text[max(0, s - 12):s])
    return m is not None and m.group(1).lower() in lex.titles


def _trim_title(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Move the start past titles, greetings, cue and ordinary words ("mevrouw", "Mr.", "de heer",
    "Dag", "collega", "Volgens"), a Flemish article ("Den Wouters"); an initial stays ("A. Robinson")."""
    greet = _context_words(lex, "vocative", "address")
    first = True  # the span's own first word (after "Mevr." the sentence has not begun again)
    while True:
        m = re.match(r"([^\W\d_]+)(\.?),?\s+", text[s:e])
        if not m:
            return s
        word, rest = m.group(1).lower(), text[s + m.end():e]
        if len(word) == 1 and m.group(1).isupper() and m.group(2):
            return s  # an initial
        listed = word in lex.first or word in lex.surname
        opening = not text[:s].strip() or text[:s].rstrip()[-1:] in ".!?:;\"“”(\n"
        if word in lex.titles or (word == "de" and rest.lower().startswith("heer")) or (
                word in _ARTICLES and rest[:1].isupper() and not rest.lower().startswith(("van ", "de ", "der "))) or (
                word in greet and rest[:1].isupper() and (opening or word not in lex.first)) or (
                word not in lex.interfix and (word in lex.cues or word in lex.never or _role_compound(word, lex) or (
                    word in lex.words and not listed)) or (
                opening and first and not listed and word in lex.nouns and rest[:1].isupper() and not _after_title(text, s, lex))):  # "Klant Jef Verbruggen belt"
            s += m.end()
            first = False
            continue
        return s


def _trim_tail(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Move the end back over ordinary words and dangling interfixes ("Sarah Johnson van het
    Engelse" -> "Sarah Johnson") and trailing punctuation."""
    while True:
        while e > s and text[e - 1] in " .,-'’":
            e -= 1
        m = re.search(r"\s([^\s]+)$", text[s:e])
        if not m:
            return e
        last = m.group(1).lower()
        before = text[s:s + m.start()].rsplit(None, 1)[-1].lower() if text[s:s + m.start()].strip() else ""
        if m.group(1)[:1].isupper() and last in lex.never and before in lex.interfix:
            return e  # "Sipke van der Meer": a stop word as a surname after its particle
        if last in lex.interfix or last in lex.never or (last in lex.words and last not in lex.surname):
            e = s + m.start()
            continue
        return e


def _place_reading(text: str, s: int, e: int, low: str, lex: Lexicon) -> bool:
    """The span is (part of) a place or institution name, not a person."""
    if _SAINT.search(text[max(0, s - 8):s]) or _SAINT_IN.match(low):
        return True  # "St Vincent's", "AZ Sint-Jan"
    if re.search(r"\b(?:Co\.|County|Lake|Mount|Mt\.?|Port|Fort)\s+$", text[max(0, s - 8):s]):
        return True  # "Co. Kerry", "Lake Louise", "Mount Isa": a county, lake or mountain
    words = low.split()
    if len(words) > 1 and any(_place_head(w, lex) for w in words[1:]):
        return True  # "Anne Frank Huis", "Trinity College Dublin" as one span
    own = _OWNER.search(text[max(0, s - 20):s])
    if len(words) == 1 and own and own.group(1).lower() not in _CONTRACTED and text[s:s + 1].isupper() and (
            low in lex.words or low not in lex.first):
        return True  # "Mother's Day", "St Patrick's Day": a thing named after someone
    if len(words) == 2 and words[0] in ("de", "het") and _ON_PLACE.search(text[max(0, s - 12):s]):
        return True  # "op de Dam", "aan de Amstel": a place
    if any(w[:1].isupper() and _place_head(w, lex) for w in text[s:e].split()) and (
            all(_place_head(w, lex) or w.lower() in lex.towns for w in text[s:e].split())):
        return True  # "Schaepmanstraat" alone
    nxt = _NEXT_CAPS.match(text, e)
    if nxt and any(_place_head(w, lex) for w in nxt.group().split()):
        return True  # "Grafton Street", "Eindhoven Airport", "Juliana Kinderziekenhuis", "Luas Green Line"
    while len(words) > 1 and _place_head(words[-1], lex):
        words.pop()
    core = " ".join(words)
    if core != low and core in lex.towns:
        return True  # "Den Haag Centraal"
    prev = _PREV_WORD.search(text[max(0, s - 30):s])
    if prev and prev.group(1)[:1].isupper() and (f"{prev.group(1).lower()} {low}" in lex.towns or (
            prev.group(1).lower() in lex.towns and prev.group(1).lower() not in lex.first and low in lex.towns)):
        return True  # "New Jersey", "Leeds Bradford"
    if (low in lex.towns or low in lex.places) and _AFTER_ADDRESS.search(text, max(0, s - 30), s):
        return True  # "318 Atlantic Ave, Apt 5C, Brooklyn": the town of an address
    if _STATE_AFTER.match(text, e):
        return True  # "Brooklyn, NY 11201", "Bondi NSW 2026"
    if low in lex.towns or low in lex.places:
        linked = _LINKED_BEFORE.search(text[max(0, s - 40):s]) or _LINKED_AFTER.match(text, e)
        if linked and linked.group(1).lower() in lex.towns and linked.group(1).lower() not in lex.first and not (
                low in lex.first and _APPOSITION.match(text, e) and text[max(0, s - 2):s] == ", "):
            return True  # "between Crewe and Preston"; not "the driver in Brighton, Stan, was kind"
    return False


# a name set off by commas before a lower-case word that goes on the sentence (no "and"/"or" of a list)
_APPOSITION = re.compile(r",[ \t]+(?!(?:and|or|en|of|nor)\b)[a-z]")
_ITEM = r"[A-Z][\w'’\-]*(?:[ ](?:&[ ])?[A-Z][\w'’\-]*){0,3}"
_ITEM_BEFORE = re.compile(r"(" + _ITEM + r")[ ]*(?:,|[ ](?:and|en|or|of|&)|[ ]?/)[ ]*$")
_ITEM_AFTER = re.compile(r"(?:['’]s)?[ ]*(?:,|(?:and|en|or|of|&)[ ]|/)[ ]*(" + _ITEM + r")")


def _list_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The other capitalised items of a list the span stands in: "Paris, Florence and Sydney";
    none when it is no list of three or with a link word ("bij de ING, Priya, is": an aside)."""
    out, a, b, linked = [], s, e, False
    for _ in range(5):
        m = _ITEM_BEFORE.search(text, max(0, a - 60), a)
        if not m:
            break
        out.append((m.start(1), m.end(1)))
        linked |= "," not in text[m.end(1):a]
        a = m.start(1)
    for _ in range(5):
        m = _ITEM_AFTER.match(text, b)
        if not m or re.match(r"[ ]*\d", text[m.end(1):m.end(1) + 3]):
            break  # "Wouter Vanderhaeghe, Sint-Pietersnieuwstraat 77": an address, no list
        out.append((m.start(1), m.end(1)))
        linked |= "," not in text[b:m.start(1)]
        b = m.end(1)
    return out if len(out) >= 2 or linked else []


def _in_list_of_things(text: str, s: int, e: int, low: str, lex: Lexicon, kept: list[tuple[int, int]]) -> bool:
    """A name in a list whose other items are brands or places ("Morgan Stanley, Charles Schwab,
    Wells Fargo", "Lewis's, Debenhams, Woolworths", "Southwark Council, Lambeth Council"), or in a
    list of three or more that are all towns ("Paris, Florence and Sydney"): the list names things
    of one sort, not people."""
    items = _list_items(text, s, e)
    prev = re.search(r"([^\W\d_]+)[ ,]*$", text[max(0, s - 30):s])
    if not items or prev and prev.group(1).lower() in _WEAK | _context_words(lex, "address", "vocative"):
        return False  # "thanks to Gary, Tesco and Aldi were fine": Gary is spoken of as a person
    for a, b in items:
        item = re.sub(r"['’]s$", "", text[a:b]).lower()
        if any(a < ke and ks < b for ks, ke in kept) or item in lex.keep or (
                (item in lex.towns or item in lex.places) and item not in lex.first) or _place_head(item.split()[-1], lex):
            return True
    return len(items) >= 2 and all(text[a:b].lower() in lex.towns for a, b in items) and low in lex.towns


_PREV_WORD = re.compile(r"([^\W\d_][\w'’\-]*)[ ]$")


def _in_proper_phrase(text: str, s: int, low: str, lex: Lexicon) -> bool:
    """A first name right after a capitalised word that is no name, title, greeting or sentence
    start: the tail of a brand, product or event ("Prime Day", "Philips Hue")."""
    first = low.split()[0] if low else ""
    if first not in lex.first or first in lex.surname and first not in lex.words:
        return False
    m = _PREV_WORD.search(text[max(0, s - 30):s])
    if not m or not m.group(1)[:1].isupper() or m.group(1).isupper():
        return False
    w = m.group(1).lower()
    before = text[:s - len(m.group())].rstrip()
    if not before or before[-1] in ".!?:;\"“”(\n-–—,":
        return False  # the previous word starts a sentence: its capital says nothing
    return not ((w in lex.first or w in lex.surname) and w not in lex.words or w in lex.titles or w in lex.cues or w in lex.interfix
                or w in _context_words(lex, "vocative", "address"))


def _plain_cap(word: str, lex: Lexicon) -> bool:
    """A capitalised word that reads as an everyday word of the language ("Power", "Energie", "Pig")."""
    return word in lex.words or word in lex.common


def _before_everyday_word(text: str, s: int, e: int, low: str, lex: Lexicon) -> bool:
    """A name that is part of a brand or product: a first name before a capitalised everyday word
    that no list has as a surname ("Percy Pig", "Frank Energie"), or words that all read as words
    or places ("Georgia Power", "Sun Life", "Bell Canada"): people are named by given name and
    surname, not by a given name and a noun."""
    words = low.split()
    if len(words) > 1:
        if any(w in lex.interfix for w in words):
            return False
        if len(words) == 2 and _plain_cap(words[1], lex) and words[1] not in lex.surname and words[1] not in lex.first:
            return True  # "Frank Energie": a noun, no surname, after the given name
        return all(_plain_cap(w, lex) or w in lex.towns and w not in lex.surname for w in words) and any(
            _plain_cap(w, lex) for w in words)
    nxt = _NEXT_WORD.match(text, e)
    if not nxt or not nxt.group(1)[:1].isupper() or nxt.group(1).isupper() or "\n" in text[e:nxt.start(1)]:
        return False
    w = nxt.group(1).lower()
    if w in lex.surname or w in lex.first or w in lex.never or w in lex.titles or w in lex.cues or w in lex.interfix:
        return False
    return _plain_cap(w, lex) and w not in _context_words(lex, "address", "vocative", "verbs")


#: What follows a word said on its own: a comma, the end of the sentence or of the text.
_ALONE_AFTER = re.compile(r"[ \t]*(?:[,!?…]|\.(?!\w)|$)")


def _opens_sentence(text: str, s: int) -> bool:
    before = text[:s].rstrip()
    return not before or before[-1] in ".!?:;\"“”(\n"


_POSSESSIVE = re.compile(r"(?i)\b(?:my|our|your|his|her|their|mijn|m'n|onze|ons|je|jouw|uw|zijn|haar|hun)[ \t]+$")


def _compound(low: str, lex: Lexicon) -> bool:
    """``low`` is a compound of two words (or a verb's stem and a noun) of the language
    ("factuuradres", "bezorgadres") and no listed name."""
    if low in lex.first or low in lex.surname or len(low) < 8:
        return False
    return any((low[:i] in lex.vocab or low[:i] + "en" in lex.vocab) and low[i:] in lex.nouns  # "bezorg|adres"
               for i in range(3, len(low) - 3))


_TWO_AFTER = re.compile(r"[ \t]+([^\W\d_]+)(?:[ \t]+([^\W\d_][\w'’\-]*))?")


def _ordinary_grammar(text: str, s: int, e: int, low: str, lex: Lexicon) -> bool:
    """A first name that is an everyday word too, opening a sentence in that word's own grammar: a
    verb before its object or a modal before its subject ("Bill me later", "Will you call?", "Mark
    the box", "Hope it arrives", "Door de storing"); not "Bill the plumber", "Co de Vries"."""
    if " " in low or low not in lex.first or low not in lex.vocab or not _opens_sentence(text, s):
        return False
    m = _TWO_AFTER.match(text, e)
    if not m or m.group(1).lower() not in (lex.context or {}).get("object", ()):
        return False
    nxt = m.group(2) or ""
    return not (nxt[:1].isupper() or nxt.lower() in lex.cues or nxt.lower() in lex.titles)


_SIGNED_BEFORE = re.compile(r"([^\W\d_]+)[ \t]*,[ \t]*$")
_SIGNED_AFTER = re.compile(r"[\s\d()+.,!\-–/]*$")


def _signed(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """The span signs the message: after a greeting and a comma, at the end ("Regards, Fergus
    (07700 …)"): a person, even when a town has the name."""
    m = _SIGNED_BEFORE.search(text, max(0, s - 30), s)
    return m is not None and _SIGNED_AFTER.match(text, e) is not None and m.group(1).lower() in _context_words(
        lex, "address", "vocative")


def _not_a_person(text: str, s: int, e: int, lex: Lexicon, kept: list[tuple[int, int]]) -> bool:
    """A found "name" that reads as something else here (see the module docstring)."""
    low = text[s:e].lower()
    if _ordinary_grammar(text, s, e, low, lex):
        return True
    if _place_reading(text, s, e, low, lex):
        return True
    of = _OF_TOWN.match(low) if text[s:s + 1].islower() else None  # "centrum van Brussel"; not "Van den Berg"
    core = of.group(1) if of else low
    two = re.match(r"[ \t]+([a-z]+(?:['’][a-z]+)?)(?:[ \t]+([a-z]+))?", text[e:e + 30])
    verbs = (lex.context or {}).get("verbs", frozenset())
    chat_subject = text[s:s + 1].islower() and " " not in low and two is not None and (
        two.group(1) in verbs or f"{two.group(1)} {two.group(2)}" in verbs)  # "shaz said gazza moved out": a nickname
    if (core in lex.places or core in lex.towns) and not chat_subject and not _signed(text, s, e, lex):
        # a first name that is also a town is a person unless the town reading is spelled out
        before = text[max(0, s - 12):s]
        if core not in lex.first or of or _IN_PLACE.search(before) or (
                core in lex.cities and _TO_PLACE.search(before) and not _SPOKE_TO.search(text, max(0, s - 30), s)):
            return True  # "in Sydney", "flew to Sydney" (a big city); "according to Gary" stays a name
    for ks, ke in kept:
        if ke <= s and not text[ke:s].strip() and text[ks:ks + 1].isupper() and (
                " " in text[ks:ke] or text[:ks].strip()):
            return True  # "Ikea Billy", "Gazelle Chamonix": a product of a brand (written as a brand, not "Okay Sarah")
    if _in_list_of_things(text, s, e, low, lex, kept):
        return True
    if " " not in low and _opens_sentence(text, s) and _ALONE_AFTER.match(text, e) and (
            lex.opener(low) or low in lex.interjections):
        return True  # "Niks, prima zo", "Nope.", "Klopt!", "Ha, no problem": an answer or interjection, not a vocative
    if " " not in low and _opens_sentence(text, s) and low in lex.closed and not _person_after(text, e, lex):
        return True  # "Niks bijzonders", "Nae bother": a pronoun, quantifier or interjection opening an answer
    if _in_proper_phrase(text, s, low, lex):
        return True  # "Amazon Prime Day", "Philips Hue", "de Volkswagen Polo"
    if _before_everyday_word(text, s, e, low, lex) and not _person_after(text, e, lex, verbs=False):
        return True  # "Percy Pig", "Frank Energie", "Georgia Power", "Sun Life"; not "Lisa Kok van de bediening"
    if " " not in low and _POSSESSIVE.search(text, max(0, s - 8), s):
        nxt = _NEXT_WORD.match(text, e)
        w = nxt.group(1) if nxt else ""
        head = _NEXT_WORD.match(text, nxt.end()) if nxt else None  # "air fryer": a compound noun
        if w.islower() and len(w) > 2 and w in lex.vocab and w not in lex.verb_forms and (w in lex.nouns or (
                w in lex.vocab and w not in lex.never and head is not None and head.group(1) in lex.nouns)):
            return True  # "our Ninja air fryer", "my Guardian subscription": a brand before its product
    if " " not in low and text[e:e + 1] == ":" and _compound(low, lex):
        return True  # "Factuuradres: …", "Bezorgadres:": a label of compound words, not a speaker
    if " " not in low and (low not in lex.first or low in lex.words or low in lex.vocab) and re.match(r"[ \t]+\d", text[e:e + 3]):
        return True  # "Ward 7", "Gate 12"
    if " " not in low and low in lex.never and low not in lex.first:
        return True
    tail = low.rsplit("-", 1)[-1] if "-" in low.split()[-1] else ""
    if len(tail) > 2 and text[e - len(tail):e].islower() and (tail in lex.vocab or tail in lex.nouns) and tail not in lex.interfix \
            and tail not in lex.surname:
        return True  # "WhatsApp-chat", "Google-account": a compound noun on a brand
    if " " not in low and low in lex.vocab and _opens_sentence(text, s):
        nxt = _NEXT_WORD.match(text, e)
        if nxt and nxt.group(1).islower() and nxt.group(1) in lex.nouns:
            return True  # "Bill payments are due", "Grace periods": a word before its noun
        if low in lex.nouns and low not in lex.first and nxt and nxt.group(1).islower() and not _person_after(
                text, e, lex):
            return True  # "Nota van de tandarts", "Polis kwijt": a noun opening the sentence, nothing says a person
    if " " not in low and low in _context_words(lex, "vocative", "address") and not text[e:e + 2].strip()[:1].isupper():
        return True  # "Lieve mensen van Telenet", "Dag allemaal"
    at = _ARTICLE_TITLE.search(text[max(0, s - 30):s])
    if at and at.group(1).lower() in lex.titles and low.split()[0] in lex.interfix and not any(
            w in lex.surname for w in low.split()[1:]):
        return True  # "de meneer van Stedin": the man from Stedin
    art = _ARTICLE_BEFORE.search(text[max(0, s - 6):s])
    if not art:
        return False
    if art.group(1).lower() in ("a", "an", "een") and " " not in low and low in lex.first and low not in lex.words:
        return False  # "put me through to a Sandra"
    return not (low.endswith("s") and low[:-1] in lex.surname)


_PREV_CAP = re.compile(r"(?:^|(?<=[\s(\"“]))([A-Z][^\W\d_]+(?:['’\-][^\W\d_]+)?)[ ]$")


# Things people give a person's name: pets, chatbots and voice assistants, storms, hospital wards.
_THING = (r"cat|cats|dog|dogs|kitten|kitty|puppy|pup|rabbit|bunny|hamster|guinea pig|parrot|budgie|tortoise|horse|"
          r"pony|goldfish|kat|kater|poes|poesje|hond|hondje|katje|konijn|konijntje|cavia|papegaai|parkiet|paard|"
          r"chatbot|chat bot|bot|chat assistant|virtual assistant|voice assistant|digital assistant|"
          r"digitale assistent|virtuele assistent|chatassistent|storm|orkaan|hurricane|typhoon|cyclone")
_THING_BEFORE = re.compile(r"(?i)\b(?:" + _THING + r")[ \t]+(?:(?:called|named|genaamd|die|sir|lady|lord|mr|mrs|"
                           r"miss|meneer|mevrouw)\.?[ \t]+)?[\"'“‘]?$")
_THING_AFTER = re.compile(r"[\"'”’]?[ \t]+(?:ward|wards|afdeling|paviljoen|street|road|avenue|boulevard|parkway|lane)\b")
_STORM = frozenset({"storm", "hurricane", "orkaan", "typhoon", "cyclone"})


def _named_thing(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """A pet, a chatbot, a storm or a ward with a person's name: "our cat Pietje", "the chatbot
    'Ava'", "een chatbot die Sam heet", "Storm Kathleen", "Cedar ward" (not "Storm Jansen")."""
    if _THING_BEFORE.search(text, max(0, s - 40), s) or _THING_AFTER.match(text, e):
        return True
    words = text[s:e].split()
    return len(words) == 2 and words[0].lower() in _STORM and (
        words[1].lower() in lex.first or words[1].lower() not in lex.surname)


def _unknown_first_before(text: str, s: int, e: int, lex: Lexicon) -> int:
    """Start of a capitalised word no list knows right before a surname ("Chiamaka Okafor": a first
    name the lists miss), else ``s``."""
    low = text[s:e].lower()
    if " " in low or low not in lex.surname or low in lex.first:
        return s
    m = _PREV_CAP.search(text[max(0, s - 30):s])
    if not m:
        return s
    w = m.group(1).lower()
    if w in lex.vocab or w in lex.words or w in lex.towns or w in lex.places or w in lex.keep or w in lex.titles \
            or w in lex.cues or w in lex.interfix or w in lex.never or w in _context_words(lex, "vocative", "address"):
        return s
    return s - len(m.group())


_WORDS_BEFORE = re.compile(r"([^\W\d_][\w'’]*)[\s,]*$")
_WORKS = {"en": r"(?:from|at|in|on|of)\s+(?:the\s+|our\s+|your\s+)?", "nl": r"(?:van|bij|uit|op|aan)\s+(?:de\s+|het\s+)?"}


def _said_of_a_person(text: str, s: int, e: int, ks: int, ke: int, lex: Lexicon) -> bool:
    """A brand that is also a first name ("Zara", "Otto", "Mercedes"), used as a person: after a
    verb of address ("according to Zara", "Hi Otto"), before a verb that takes a person ("Zara
    said") or where they work ("Otto from the helpdesk")."""
    low = text[s:e].lower()
    if (ks, ke) != (s, e) or " " in low or low not in lex.first:
        return False
    ctx = lex.context or {}
    before = re.findall(r"[^\W\d_][\w'’]*", text[max(0, s - 40):s].lower())
    if any(" ".join(before[-n:]) in ctx.get("address", ()) for n in (1, 2, 3) if len(before) >= n):
        return True
    return _person_after(text, e, lex) or kin_aside(text, e)


def _person_after(text: str, e: int, lex: Lexicon, *, verbs: bool = True) -> bool:
    """After ``e`` a verb that takes a person ("said") or where they work ("van de bediening")."""
    ctx = lex.context or {}
    after = re.findall(r"[^\W\d_][\w'’]*", text[e:e + 40].lower())
    if verbs and any(" ".join(after[:n]) in ctx.get("verbs", ()) for n in (1, 2) if len(after) >= n):
        return True
    works = re.match(r"\s+" + _WORKS.get(lex.lang, _WORKS["en"]) + r"([\w\-]+)(?:\s+([\w\-]+))?", text[e:e + 50], re.I)
    return bool(works and any(g and g.lower() in ctx.get("dept", ()) for g in works.groups()))  # "the tech team"


_FAMILY_AFTER = re.compile(r"\s+(?:family|household|familie|gezin)\b(?!\s+(?:plan|pack|size|ticket|room|car|pass|deal|"
                           r"bundle|account|tree|pakket|kaart|abonnement)\b)")  # not "the Smith family plan"


def person_span(text: str, s: int, e: int, lex: Lexicon, kept: list[tuple[int, int]],
                known_low: set[str]) -> tuple[int, int] | None:
    """The person span ``(start, end)`` after trimming, or None when it is not a person here."""
    s = _trim_title(text, s, e, lex)
    lead = _CONTRACTION.match(text, s, e)
    if lead:
        s = lead.end()  # "I'm Emre Yıldız", "He's Tom": the pronoun and its verb are no part of the name
    e = _trim_tail(text, s, e, lex)
    if e <= s:
        return None
    if " " not in text[s:e] and _place_head(text[s:e], lex) and text[s:s + 1].isupper():
        return None  # "Dr. Schaepmanstraat": a street named after a person
    if re.fullmatch(r"[A-Z]{2,5}", text[s:e]) and re.match(r"[ :#]+\S*\d", text[e:e + 14]) and not text.isupper():
        return None  # "Patient NHI ZKM4179", "PAN BQXPR4471M": the name of a code, before the code
    if _named_thing(text, s, e, lex):
        return None
    strong = strong_before(text, s, lex) or (  # "the Kowalski family": a surname said of a household
        _FAMILY_AFTER.match(text, e) is not None and re.search(r"\b(?:the|de)\s+$", text[max(0, s - 6):s]) is not None)
    for ks, ke in kept:
        if s < ke and ks < e and (ks < s or not (strong or _said_of_a_person(text, s, e, ks, ke, lex))):
            return None  # part of a brand or product ("Ben & Jerry's", "Dr. Oetker", "stofzuiger van Bosch")
    if re.search(r"\b[1-9]\d{3}\s*$", text[max(0, s - 8):s]):
        return None  # "2000 Antwerpen": the place after a postcode
    low = text[s:e].lower()
    if low in known_low:
        return s, e
    if low in lex.titles or low in lex.interfix:
        return None
    if not strong and _not_a_person(text, s, e, lex, kept):
        return None
    return _unknown_first_before(text, s, e, lex), e
