"""Names recognised by the company they keep, not by their place in a sentence.

:func:`context_names` runs after the list-and-title rules of :mod:`workbench.privacy._rules` and
adds the names those miss because the word is not in a list, or is but needs support ("Grace",
"Will"), or is written in lower case in chat. A word becomes a name when it has the shape of one
(a capitalised word that is not an ordinary word, a place, a brand or an acronym; in lower case
only a listed first name) and at least one of these (``context_<lang>.txt`` holds the words):

- a verb or phrase of address before it: "told Kyle", "spoke to Bronwyn", "vroeg Dunya",
  "volgens Oumaima", "Hi Kevin", "Groetjes, Marloes"; a preposition ("met", "with") only before
  a listed first name;
- a verb after it that takes a person as subject: "Tadhg rang me", "Sjoerd zegt", "Kyle promised";
- where the person works after it: "Will at the Amersfoort store", "Noor van de helpdesk";
- a possessive: "Aoife's account", "James' phone", "Jans auto", "Niamhs mum";
- a pronoun beside it: "me and tom", "ik en thijs", "Grace and I";
- a list with a name in it: "Jan, Piet en Kees", "Tom, Jess and Priya".
"""

from __future__ import annotations

import re

__all__ = ["context_names"]

_PAIR_BEFORE = {"en": {("me", "and"), ("myself", "and"), ("i", "and"), ("you", "and"), ("him", "and"),
                       ("her", "and")},
                "nl": {("ik", "en"), ("mij", "en"), ("mijzelf", "en"), ("jij", "en"), ("hij", "en"), ("zij", "en"),
                       ("ze", "en")}}
_PAIR_AFTER = {"en": {("and", "i"), ("and", "me"), ("&", "i")}, "nl": {("en", "ik"), ("en", "mij"), ("&", "ik")}}
_LINK = {"en": {"and", "&", "or", "plus"}, "nl": {"en", "&", "of", "plus"}}
_WORKS_AT = {"en": {"from", "at", "in", "on", "of"}, "nl": {"van", "bij", "uit", "op", "aan"}}
_ARTICLES = {"the", "de", "het", "'t", "our", "your", "their", "onze", "jullie", "hun", "a", "an", "een"}
_POSSESSIVE_S = ("'", "’")
_HE_SHE = frozenset({"he", "she", "hij", "zij", "ze"})
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t|s)$|n['’]t$")
_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "he", "she", "it", "they", "them", "ik", "je", "jij", "u", "hij",
                       "zij", "ze", "wij", "het", "die", "dat", "wie", "wat"})


# Zipf frequencies (wordfreq): below _RARE_NAME a capitalised word no list has is seldom written
# at all — a name, not a brand or a word, even as a sentence's first word ("Oluwadamilare said");
# below _RARE_WORD a first name that is a word too is rare enough as the word ("mo", not "mark").
_RARE_NAME = 2.5
_RARE_WORD = 4.5

_WORDS_BACK = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[^\w\s,]")


def _last_words(lex, section: str) -> frozenset[str]:
    """The last token of every phrase of ``section`` (of "it's": "s"), for a quick first look."""
    ctx = lex.context
    key = f"_last_{section}"
    if key not in ctx:
        ctx[key] = frozenset(re.split(r"['’\s]", p)[-1] for p in ctx.get(section, ()))
    return ctx[key]


def _phrase_before(c, i: int, section: str) -> bool:
    """A phrase of ``section`` ends just before token ``i`` (a comma between them is allowed;
    contractions count as one word: "it's", "name's")."""
    phrases = c.lex.context.get(section, ())
    j = i - 1 if i > 0 and c.toks[i - 1][2] != "," else i - 2
    if j < 0 or c.low[j] not in _last_words(c.lex, section):
        return False
    head = c.text[max(0, c.toks[i][0] - 40):c.toks[i][0]].rstrip()
    head = head[:-1] if head.endswith(",") else head
    words = [w.lower().replace("’", "'") for w in _WORDS_BACK.findall(head)]
    for n in range(1, 5):
        if n > len(words) or not words[-n][:1].isalpha():
            return False
        if " ".join(words[-n:]) in phrases:
            return True
    return False


_ADVERBS = frozenset({"just", "also", "both", "all", "already", "still", "never", "finally", "then", "literally", "actually",
                      "apparently"})


def _phrase_after(c, k: int, section: str) -> bool:
    """A phrase of ``section`` starts at token ``k`` (one or two words; after one adverb too:
    "tayo just sent me", "pooja still hasn't replied")."""
    phrases = c.lex.context.get(section, ())
    if k >= len(c.toks) or not c.word(k):
        return False
    if c.low[k] in _ADVERBS and k + 1 < len(c.toks) and c.word(k + 1):
        k += 1
    if c.low[k] in phrases:
        return True
    return k + 1 < len(c.toks) and c.word(k + 1) and f"{c.low[k]} {c.low[k + 1]}" in phrases


def _works_at(c, k: int) -> bool:
    """"from billing", "at the front desk", "van de klantenservice", "bij het filiaal" at ``k``."""
    if k >= len(c.toks) or c.low[k] not in _WORKS_AT[c.lex.lang]:
        return False
    j = k + 1
    while j < len(c.toks) and c.low[j] in _ARTICLES:
        j += 1
    for x in range(j, min(j + 4, len(c.toks))):  # "at the York branch", "van de technische dienst"
        if not c.word(x) or c.low[x] in c.lex.cues or c.low[x] in c.lex.first and c.toks[x][2][:1].isupper():
            return False  # "Dank aan verpleegkundige Ngozi op afdeling 5": the department is Ngozi's
        if c.low[x] in c.lex.context.get("dept", ()):
            return True
    return False


# a present-tense copula says what a thing costs or is ("Irn-Bru at the Tesco is £1.85"); a
# conjunction or pronoun starts another clause
_THING_VERBS = frozenset({"is", "are", "costs", "kost", "kosten", "zijn"})
_CLAUSE_BREAK = frozenset({"and", "but", "it", "en", "maar", "het", "to", "naar"})


def _works_then_verb(c, k: int) -> bool:
    """"from Bupa called back", "at the Southwark housing office said": where the person works
    (any words, up to five) and then a verb that takes a person, or after "from"/"at" any finite verb form that is
    no noun ("at Nationwide was brilliant", "at the Bunnings in Alexandria sorted the refund")."""
    if k >= len(c.toks) or c.low[k] not in _WORKS_AT[c.lex.lang]:
        return False
    named = False  # "from Bupa", "at the housing office": a name or a place of work in between
    for x in range(k + 1, min(k + 7, len(c.toks))):
        if not c.word(x):
            return False
        if named and (_phrase_after(c, x, "verbs") or c.low[x] in c.lex.verb_forms and x > k + 1
                      and c.low[x] not in _THING_VERBS and c.low[k] in ("from", "at", "van", "bij")
                      and not c.toks[x][2][:1].isupper()):
            return True
        if c.low[x] in _CLAUSE_BREAK:
            return False  # "ScotRail from Inverness to Perth and it was late": another clause
        named = named or c.toks[x][2][:1].isupper() or c.low[x] in c.lex.context.get("dept", ())
    return False


_HEDGES = (("i", "think"), ("i", "believe"), ("i", "guess"), ("or", "something"), ("or", "so"), ("of", "zo"),
           ("ofzo",), ("geloof", "ik"), ("denk", "ik"), ("of", "iets"), ("i", "thinks"))


_COPULA = frozenset({"was", "is", "were", "are", "been", "zijn", "waren"})
_DEGREE = frozenset({"really", "very", "so", "super", "extremely", "incredibly", "quite", "ever", "always", "not",
                     "genuinely", "just", "erg", "heel", "echt", "zo", "super", "ontzettend", "niet", "altijd", "best",
                     "enorm", "supe"})


def _described(c, k: int) -> bool:
    """What is said of a person follows at ``k``: "was really helpful", "is zo vriendelijk" (a
    copula, up to two words of degree, a word of ``[trait]``) — a first name that is a word too
    ("Will", "Mark", "Hope") is the person then, even as the sentence's first word."""
    if k >= len(c.toks) or c.low[k] not in _COPULA:
        return False
    j = k + 1
    while j < len(c.toks) and j < k + 3 and c.low[j] in _DEGREE:
        j += 1
    return j < len(c.toks) and c.word(j) and c.low[j] in c.lex.context.get("trait", ())


def _full_verb(c, k: int) -> bool:
    """The verb phrase at ``k`` is more than a stop word ("said", "called back", "heeft gebeld"; not
    "hier"): after a sentence's first word, which may be a verb itself ("Ben hier nu vaker
    geweest"), only a real verb makes it its subject."""
    if k < len(c.toks) and c.low[k] in _ADVERBS:
        k += 1
    if k >= len(c.toks) or c.low[k] not in c.lex.never:
        return True
    return k + 1 < len(c.toks) and f"{c.low[k]} {c.low[k + 1]}" in c.lex.context.get("verbs", ())


def _asked_of(c, i: int, k: int) -> bool:
    """The subject after a sentence's first auxiliary, before a verb that takes a person within
    three words: "Heeft Co al gebeld?", "Has Will called back?", "Did Mark ring you?"."""
    if i == 0 or not c.sent_initial(i - 1) or c.low[i - 1] not in c.lex.context.get("aux", ()):
        return False
    verbs = c.lex.context.get("participle", ())
    return any(c.word(x) and c.low[x] in verbs for x in range(k, min(k + 3, len(c.toks))))


def _hedged_aside(c, i: int, after: int) -> bool:
    """A name recalled with a hedge, between commas: ", marcus i think, told me", ", kees of zo, die"."""
    if i == 0 or c.toks[i - 1][2] != ",":
        return False
    for h in _HEDGES:
        end = after + len(h)
        if end < len(c.toks) and tuple(c.low[after:end]) == h and c.toks[end][2] in (",", "?", ")"):
            return True
    return False


def _own_words(lex) -> frozenset[str]:
    """The one-word entries of the context lists (greetings, verbs of address, departments)."""
    ctx = lex.context or {}
    got = ctx.get("_own")
    if got is None:
        got = frozenset(w for k, v in ctx.items() if k in ("address", "vocative", "verbs", "dept")
                        for w in v if " " not in w)
        ctx["_own"] = got
    return got


def _shape(c, i: int) -> str:
    """"listed" (a first name, capitalised or not an ordinary word), "word" (a listed first name
    that is an ordinary word too), "unlisted" (capitalised, not a word, place, brand or acronym),
    or "" (not a name)."""
    if not c.word(i):
        return ""
    t, lo, lex = c.toks[i][2], c.low[i], c.lex
    cap = t[:1].isupper() and not (len(t) > 1 and t.isupper())
    if len(t) > 1 and t.isupper() and not c.text.isupper():
        return ""  # "IDE", "NBN": an acronym
    if lo in lex.keep or lo in lex.titles or lo in lex.interfix or lo in lex.cues or _CONTRACTION.search(lo):
        return ""
    if not cap and lex.everyday(lo):
        return ""  # "bedankt voor niks", "neemt zn bas mee": a word in lower case
    if lo in lex.first and (lo in lex.words or lo in lex.never or lo in _own_words(lex)):
        if not cap and lo not in lex.never and lo not in _own_words(lex) and lex.rarity(lo) < _RARE_WORD:
            return "lower"  # "mo wants to know": a word too, but a rare one; a name with a verb after
        return "word" if cap and lo not in _PRONOUNS else ""  # "Grace", "Will", "May"
    if lo in lex.first and not cap and lo in lex.vocab:
        return "lower"  # "tom", "mees", "roos": a word too when written in lower case
    if lo in _own_words(lex):
        return ""  # "Dank aan ...", "Hi": the context words themselves
    if lo in lex.never:
        return ""
    if lo in lex.first:
        return "listed"
    if lex.lang == "en" and not cap and len(lo) > 2 and t.isalpha() and lo not in lex.vocab and lo not in lex.words and (
            lo not in lex.keep and lo not in lex.titles and lo not in lex.cues) and not lex.ordinary(lo):
        return "chat"  # "tayo", "shaz": in chat a name no list has, written in lower case
    if not cap or lo in lex.words or lo in lex.towns or len(lo) < 2:
        return ""
    if lo in lex.surname:
        return "listed"
    return "unlisted"


def _chat_subject(c, i: int, after: int) -> bool:
    """A lower-case name that opens a chat message before its verb ("mo wants to know", "sterre
    komt ook"): the first word, rare enough as a word ("bill arrived" is the bill), then straight
    away a finite verb form that is no noun."""
    return after == i + 1 and not c.toks[i][2][:1].isupper() and c.sent_initial(i) and after < len(c.toks) and (
        c.lex.rarity(c.low[i]) < _RARE_WORD) and (
        c.word(after) and c.low[after] in c.lex.verb_forms and c.toks[after][0] - c.toks[i][1] <= 1)


def _rare_name(c, i: int) -> bool:
    """Token ``i`` is one plain word (not "Dis-Chem", not "MediaMarkt") seldom written at all in
    the language: a name even where every word has a capital."""
    t = c.toks[i][2]
    return t.isalpha() and t[1:].islower() and len(t) > 3 and c.lex.rarity(c.low[i]) < _RARE_NAME and not (
        c.lex.ordinary(c.low[i]))  # "Chatbot helpt niet", "Recipies were late": a word, misspelt or compound


def context_names(c, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans ``(a, b)`` of names found by context, not overlapping ``taken``."""
    from ._asides import aside_names
    from ._rules import _continue

    toks, low, n, lang = c.toks, c.low, len(c.toks), c.lex.lang
    busy = bytearray(n)
    for a, b in taken:
        busy[a:b] = b"\x01" * (b - a)
    out: list[tuple[int, int]] = []
    for i in range(n):
        if busy[i]:
            continue
        shape = _shape(c, i)
        if shape in ("", "chat") and _vocative(c, i):  # "cheers kev", "thanks sandy"
            out.append((i, i + 1))
            busy[i] = 1
            continue
        poss = _possessive(c, i)
        if poss and shape != "word":
            shape = "listed"
        if not shape:
            continue
        cap = toks[i][2][:1].isupper()
        end = _continue(c, i + 1, lowercase=not cap) if cap or shape == "listed" else i + 1
        after = end + 2 if end + 1 < n and toks[end][2] in _POSSESSIVE_S and low[end + 1] == "s" else end
        address = _phrase_before(c, i, "address")
        pair = (i >= 2 and (low[i - 2], low[i - 1]) in _PAIR_BEFORE[lang]) or (
            after + 1 < n and (low[after], low[after + 1]) in _PAIR_AFTER[lang])
        verb = _phrase_after(c, after, "verbs") or (  # an aside: "de jongen, kevin, zei"
            i > 0 and toks[i - 1][2] == "," and after < n and toks[after][2] == "," and _phrase_after(c, after + 1, "verbs"))
        works_verb = _works_then_verb(c, after)
        works = _works_at(c, after) or works_verb
        weak = _phrase_before(c, i, "weak")
        ok = shape != "word" and _hedged_aside(c, i, after)
        if ok:
            pass
        elif shape == "listed":
            ok = address or pair or verb or works or poss or weak or _chat_subject(c, i, after)
        elif shape == "lower":  # "me and tom", "aan mees vragen"; not "een rode roos op de balie"
            ok = address or pair or verb or _chat_subject(c, i, after)
        elif shape == "chat":  # "shaz said gazza moved out": a verb that takes a person, straight after
            ok = verb and after == i + 1 or _chat_subject(c, i, after) and not c.lex.rarity(low[i]) or (  # "kez is"; not "rego is"
                address and not _phrase_before(c, i, "intro"))  # "i told tommo u were", "thanks gav"
        elif shape == "word":  # "Grace", "Will", "Mark": capitalised, with strong support
            ok = (address and not c.sent_initial(i)) or pair or works or _described(c, after) or _asked_of(c, i, after) or (
                verb and (not c.sent_initial(i) or _full_verb(c, after)))
        elif shape == "unlisted":  # a sentence's first word has its capital anyway ("Medicare said")
            ok = address or pair or ((verb or works) and (not c.sent_initial(i) or _rare_name(c, i) or works_verb))
        if ok:
            out.append((i, after if poss and after > end else end))
            busy[i:end] = b"\x01" * (end - i)
    for i in range(n):  # a brand named like a person where the person works: "Sky from support"
        if not busy[i] and c.word(i) and toks[i][2][:1].isupper() and low[i] in c.lex.keep and low[i] in c.lex.first \
                and _works_at(c, i + 1):
            out.append((i, i + 1))
            busy[i] = 1
    sign = _sign_off(c)
    if sign:  # over a part found already ("Ji-woo" of "Ji-woo Park"): the longer span wins
        out.append(sign)
        busy[sign[0]:sign[1]] = b"\x01" * (sign[1] - sign[0])
    for a, b in _speakers(c, busy):
        out.append((a, b))
        busy[a:b] = b"\x01" * (b - a)
    out += aside_names(c, busy)
    out += _lists(c, taken + out, busy)
    return out


def _name_like(c, i: int) -> bool:
    """Token ``i`` can open a name with no other support than its place: a capitalised listed given
    name that is no everyday word, or a capitalised word seldom written at all (wordfreq) that no
    list has as a word, place or brand."""
    lex, t = c.lex, c.toks[i][2]
    if not c.word(i) or not t[:1].isupper() or (len(t) > 1 and t.isupper()):
        return False
    lo, raw = c.low[i], t.lower()
    if raw in lex.towns or raw in lex.places or lo in lex.keep or lo in lex.titles or lo in lex.cues:
        return False
    return (lo in lex.first and lo not in lex.words and not lex.everyday(lo)) or (
        lex.rarity(raw) < _RARE_NAME and raw not in lex.vocab and raw not in lex.words and not lex.ordinary(raw))


def _surname_like(c, i: int) -> bool:
    """A capitalised listed surname that is no word or town ("Account holder: Pham Van Duc")."""
    lo = c.low[i]
    return c.word(i) and c.toks[i][2][:1].isupper() and lo in c.lex.surname and lo not in c.lex.words and (
        lo not in c.lex.vocab and lo not in c.lex.towns and lo not in c.lex.keep)


def _speakers(c, busy: bytearray) -> list[tuple[int, int]]:
    """Names that label a turn in a chat or call transcript: before a colon at the start of a line
    ("Kelechi: can I have ...") and after a speaker's role and its colon ("Customer: Oksana
    Kovalenko, with a K"), when the first word can open a name by itself (:func:`_name_like`)."""
    toks, n = c.toks, len(c.toks)
    roles = c.lex.context.get("speaker", frozenset())
    out = []
    for p in range(1, n):
        if toks[p][2] != ":":
            continue
        a = p - 1
        while a > 0 and p - a < 3 and c.word(a - 1) and toks[a - 1][2][:1].isupper() and not c.sent_initial(a):
            a -= 1
        if c.sent_initial(a) and all(c.word(x) for x in range(a, p)) and _name_like(c, a) and not busy[a:p].count(1):
            out.append((a, p))
        role = c.low[p - 1] in roles or p > 1 and f"{c.low[p - 2]} {c.low[p - 1]}" in roles
        if role and p + 1 < n and (_name_like(c, p + 1) or _surname_like(c, p + 1)):
            b = p + 2
            while b < n and b - p <= 3 and c.word(b) and toks[b][2][:1].isupper() and toks[b][0] - toks[b - 1][1] <= 1:
                b += 1
            if not busy[p + 1]:  # a longer name over a part found already ("Pham" of "Pham Van Duc")
                out.append((p + 1, b))
    return out


_TRAILER = re.compile(r"[\s\d()+.,!\-–/]*")
_SIGN_HEAD = re.compile(r"[^\W\d_]+")


def _sign_off(c) -> tuple[int, int] | None:
    """The name that signs a message: one to three capitalised words at its very end (a phone
    number or a full stop may follow) after a comma or a greeting ("... for June and July, Ji-woo
    Park", "Vr.gr. Oksana Melnyk 06 ..."), when the first is a listed given name that is no
    everyday word, or a word seldom written at all (wordfreq) that no list knows as a place or word."""
    toks, lex, n = c.toks, c.lex, len(c.toks)
    k = n - 1
    while k >= 0 and not c.word(k):
        k -= 1
    if k < 0 or _TRAILER.fullmatch(c.text, toks[k][1]) is None:
        return None
    a = k
    while a > max(0, k - 2) and c.word(a - 1) and _adjacent_cap(c, a - 1):
        a -= 1
    if not all(_adjacent_cap(c, x) for x in range(a, k + 1)):
        return None
    lo = c.low[a]
    if any(c.low[x] in lex.keep or c.low[x] in lex.titles or c.low[x] in lex.cues for x in range(a, k + 1)):
        return None
    raw = toks[a][2].lower()  # "Ji-woo" as written: "ji" alone is a town too
    given = lo in lex.first and lo not in lex.words and not lex.everyday(lo) and raw not in lex.towns
    rare = lex.rarity(raw) < _RARE_NAME and raw not in lex.vocab and raw not in lex.towns and raw not in lex.places and (
        not lex.ordinary(raw))
    # a listed surname that is no word ("Regards, Fergus"; a town of that name too): a name only right
    # after a greeting, which no town signs
    family = lo in lex.surname and lo not in lex.vocab and lo not in lex.words and not lex.everyday(lo)
    if not (given or rare or family) or a == 0:
        return None
    head = c.text[max(0, toks[a][0] - 40):toks[a][0]].rstrip()
    words = _SIGN_HEAD.findall(head.lower())
    greet = lex.context.get("address", frozenset()) | lex.context.get("vocative", frozenset())
    greeted = any(" ".join(words[-m:]) in greet for m in (1, 2, 3) if len(words) >= m)
    if not (given or rare) and not greeted:
        return None
    if head.endswith(","):  # after a bare comma a place ("in Cork, Kinsale") needs a name's full shape
        return (a, k + 1) if given or k > a or greeted else None
    if head.endswith((".", "!")) and not greeted:
        return None
    return (a, k + 1) if greeted else None


def _adjacent_cap(c, i: int) -> bool:
    """Token ``i`` is a capitalised word (no acronym), at most one space from the next token."""
    t = c.toks[i][2]
    return t[:1].isupper() and not (len(t) > 1 and t.isupper()) and (
        i + 1 >= len(c.toks) or c.toks[i + 1][0] - c.toks[i][1] <= 1 or not c.word(i + 1))


def _possessive(c, i: int) -> bool:
    """"Aoife's", "James'" (token then apostrophe), or Dutch/typo "Jans", "Niamhs": a listed first
    name plus s, before a lower-case word."""
    toks, low, n = c.toks, c.low, len(c.toks)
    if not c.word(i) or not toks[i][2][:1].isupper():
        return False
    if i + 1 < n and toks[i + 1][2] in _POSSESSIVE_S and toks[i + 1][0] == toks[i][1]:
        nxt = i + 3 if i + 2 < n and low[i + 2] == "s" else i + 2
        return nxt < n and c.word(nxt) and low[i] in c.lex.first and low[i] not in c.lex.words
    lo = low[i]
    return (lo.endswith("s") and len(lo) > 3 and lo[:-1] in c.lex.first and lo[:-1] not in c.lex.words
            and lo not in c.lex.words and lo not in c.lex.first and lo not in c.lex.towns
            and i + 1 < n and c.word(i + 1) and toks[i + 1][2][:1].islower())


def _vocative(c, i: int) -> bool:
    """A lower-case word that is no word of the language, after a greeting or thanks and before a
    comma or the end ("cheers kev", "thanks sandy!"), or after a verb of address and before the
    end, a verb or where they work ("I asked gaz in the tech team")."""
    lo, lex = c.low[i], c.lex
    if not c.word(i) or c.toks[i][2][:1].isupper() or lo in lex.words or lo in lex.never or lo in lex.keep:
        return False
    if lo in lex.cues or lo in lex.titles or len(lo) < 3 or not lo.isalpha() or lo in _own_words(lex) or lex.everyday(lo):
        return False
    end = i + 1 >= len(c.toks) or not c.word(i + 1) and c.toks[i + 1][2] in ",.!?:;)"
    if end and i > 0 and c.low[i - 1] in lex.context.get("vocative", ()):
        return lo in lex.first or lo not in lex.vocab  # "thanks sandy", "cheers kev"; not "dag allemaal"
    intro = _phrase_before(c, i, "intro")
    if intro and (lo in lex.vocab or not _phrase_before(c, i, "nick")):
        return False  # "this is awesome", "ik ben jarig"; but "it's bazza again"
    return _phrase_before(c, i, "address") and (
        end or _works_at(c, i + 1) or _phrase_after(c, i + 1, "verbs") or intro or (
            i + 1 < len(c.toks) and c.low[i + 1] in _HE_SHE))  # "ask fatou she knows"


def _lists(c, found: list[tuple[int, int]], busy: bytearray) -> list[tuple[int, int]]:
    """Names beside a found name in a list: "Jan, Piet en Kees"."""
    toks = c.toks
    link = _LINK[c.lex.lang]
    out: list[tuple[int, int]] = []
    frontier = sorted(found)
    while frontier:
        a, b = frontier.pop()
        for cand in (_neighbour_after(c, b, link), _neighbour_before(c, a, link)):
            if cand is None or busy[cand]:
                continue
            shape = _shape(c, cand)
            lower_ok = not toks[cand][2][:1].isupper() and not toks[a][2][:1].isupper()
            if (shape == "listed" and (toks[cand][2][:1].isupper() or lower_ok)) or (
                    shape == "unlisted" and toks[a][2][:1].isupper() and cand > a  # "Ta, Gaz and Shaz"
                    and c.text[toks[b - 1][1]:toks[cand][0]].strip() in link):
                end = _continue_from(c, cand)
                busy[cand:end] = b"\x01" * (end - cand)
                out.append((cand, end))
                frontier.append((cand, end))
    return out


def _continue_from(c, i: int) -> int:
    from ._rules import _continue

    return _continue(c, i + 1, lowercase=not c.toks[i][2][:1].isupper())


def _neighbour_after(c, b: int, link: set[str]) -> int | None:
    toks, n = c.toks, len(c.toks)
    if b + 1 < n and (toks[b][2] == "," or c.low[b] in link):
        if toks[b][2] == "," and b + 2 < n and c.low[b + 1] in link:
            return b + 2
        return b + 1
    return None


def _neighbour_before(c, a: int, link: set[str]) -> int | None:
    toks = c.toks
    if a >= 2 and (toks[a - 1][2] == "," or c.low[a - 1] in link):
        j = a - 2
        if toks[a - 1][2] != "," and j >= 0 and toks[j][2] == ",":
            j -= 1
        return j if j >= 0 and c.word(j) else None
    return None
