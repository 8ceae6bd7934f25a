"""Negated statements that are no pain point of the journey, read from the parse.

The tagger reads a negated statement as a pain point ('negation.nl', 'negation.en'), and most
are. Four kinds are not: :func:`own_circumstance` (below), :func:`praise_by_absence` ("geen
piepschuim, alles karton", "no hassle at all"), :func:`correction` ("het is niet eens het
bedrag, het is het gevoel") and :func:`classification` ("they're not admins"); :func:`no_pain`
asks all four. :func:`not_a_pain` asks, whatever the cue, for a relief, a neutral impression,
someone else's complaint or other people's opinions read.

A speaker's own circumstance, said with a negation, is context of the journey, no pain point.
"ik heb geen bevestiging ontvangen", "ik kan niet inloggen", "we have no internet", "I still
have no refund" are pain points; some negations deny nothing the service owed: the speaker tells what they have or can
do themselves — "ik heb geen auto", "we don't have a car", "ik kan zo'n ding niet tillen". That
is why a pick-up point was hard, not what was wrong. :func:`own_circumstance` reads it from the
parse (:mod:`workbench.nlp.syntax`) of the sentence:

* every negator of the sentence negates a clause whose subject is the speaker ("ik", "we");
* the clause's verb is *have* as a main verb (not the auxiliary of "geen bevestiging
  *ontvangen*", "geen wifi *gekregen*") with a noun object, or *can* with a verb of bodily
  ability (``own_ability`` in ``data/themes/words.toml``: tillen, dragen, lift, carry, drive);
* no adverb makes the lack an unmet expectation (``expectation``: "nog", "meer", "still",
  "yet", "anymore");
* nothing in the clause is a service artefact: no word of the aspect lexicon
  (``data/themes/aspects.toml``: bevestiging, verbinding, refund, account, app …) and, for
  *have*, no object that names a process or its result (a deverbal noun: "verwarming",
  "heating", "reactie", "confirmation").

A negated quality of something of the speaker's, given as the reason ("want ons plafond is niet
zo hoog", "because our hallway isn't wide"), is a circumstance too (:func:`_own_quality`).

A vehicle that is also a service word ("bus") is the speaker's own when the speaker *has* it:
"ik heb geen bus" is a circumstance, "de bus kwam niet" a pain.
"""

from __future__ import annotations

import re

from .phrases import SUBJ, _w
from .syntax import lemma

__all__ = ["no_pain", "own_circumstance", "praise_by_absence", "correction", "classification", "relief", "unremarkable",
           "hearsay", "not_a_pain"]

_HAVE = {"hebben", "have", "bezitten", "own", "got"}
_CAN = {"kunnen", "can", "could", "ca", "kan", "kon"}
_OWN_MEANS = {"nl": {"auto", "bus", "busje", "bestelbus", "aanhanger", "fiets", "bakfiets", "rijbewijs", "lift"},
              "en": {"car", "van", "bike", "truck", "trailer", "licence", "license"}}
#: endings of nouns that name a process or its result ("bevestiging", "reactie", "confirmation")
_DEVERBAL = {"nl": re.compile(r"(ing|tie|sie|atie|ering)$"), "en": re.compile(r"(ing|tion|sion|ment|ance|ence|ery|age)$")}


def _aspect(word: str, lang: str) -> bool:
    from ..themes import aspect_category

    return aspect_category([word], lang) is not None


def _speaker(verb, lang: str) -> bool:
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    if not subjects and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        subjects = [c for c in verb.head.children if c.dep_ in SUBJ]
    return bool(subjects) and all(s.lower_ in _w(lang, "first_person") for s in subjects)


def _clause(verb) -> list:
    """The verb's own words: its subtree without clauses of its own."""
    out = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("conj", "ccomp", "advcl", "parataxis", "acl:relcl", "relcl")
                     or c.pos_ not in ("VERB", "AUX"))
    return out


#: first-person possessives: 'ons plafond', 'my flat'
_MY = {"nl": {"mijn", "m'n", "ons", "onze"}, "en": {"my", "our"}}
#: words that give a clause as the reason for what the speaker did or asked
_REASON = {"nl": {"want", "omdat", "aangezien", "doordat"}, "en": {"because", "since", "as", "cause", "'cause"}}
#: verbs of finding out or measuring: the reason then says why the speaker needed to know
_FIND_OUT = {"nl": {"weten", "wist", "wisten", "meten", "mat", "gemeten", "opmeten", "nameten", "uitzoeken"},
             "en": {"know", "knew", "measure", "measured", "wonder", "wondered", "find", "found"}}


def _own_quality(head, lang: str) -> bool:
    """Whether ``head`` is a negated predicate about something of the speaker's, given as the
    reason the speaker needed to find something out or check it: 'ik wilde weten hoe hoog de
    lamp was, want ons plafond is niet zo hoog', 'I checked the height, because our ceiling isn't
    high' — why a size or a feature mattered, not what was wrong. Nothing in the clause may be a service
    word (aspect lexicon: 'want mijn pakket was niet compleet' stays a pain)."""
    if head.pos_ not in ("ADJ", "ADV") or not any(c.dep_ == "cop" for c in head.children):
        return False
    subj = [c for c in head.children if c.dep_ in SUBJ]
    if not subj or subj[0].pos_ not in ("NOUN", "PROPN") \
            or not any(c.lower_ in _MY.get(lang, ()) for c in subj[0].children):
        return False
    if not any(c.lower_ in _REASON.get(lang, ()) for c in head.children if c.dep_ in ("cc", "mark")):
        return False
    from .asides import _CHECK

    finding = _FIND_OUT.get(lang, set()) | _CHECK.get(lang, set())
    if not any(t.pos_ in ("VERB", "AUX") and (t.lower_ in finding or lemma(t) in finding)
               for t in head.doc[:head.left_edge.i]):
        return False  # 'I sent it back because my desk wasn't straight': the product's fault
    words = _clause(head)
    low = {t.lower_ for t in words} | {lemma(t) for t in words}
    if low & _w(lang, "expectation"):
        return False
    return not any(t.pos_ in ("NOUN", "PROPN") and (_aspect(t.lower_, lang) or _aspect(lemma(t), lang)) for t in words)


def _circumstance(neg, lang: str) -> bool:
    """Whether the negator ``neg`` negates a clause that states the speaker's own circumstance."""
    head = neg.head
    if _own_quality(head, lang):
        return True
    noun = head if neg.dep_ == "det" and head.pos_ in ("NOUN", "PROPN", "ADJ") else None
    verb = noun.head if noun is not None else head
    if verb.pos_ not in ("VERB", "AUX") or not _speaker(verb, lang):
        return False
    words = _clause(verb)
    low = {t.lower_ for t in words} | {lemma(t) for t in words}
    if low & _w(lang, "expectation"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass") and lemma(c) != "do"]  # "don't have"
    own_means = _OWN_MEANS.get(lang, set())
    if lemma(verb) in _HAVE or verb.lower_ in _HAVE:
        if auxes or any(c.pos_ == "VERB" and c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return False  # 'heb geen … ontvangen' read with 'heb' as the head
        objs = [c for c in verb.children if c.dep_ in ("obj", "dobj")] or ([noun] if noun is not None else [])
        if not objs or any(o.pos_ not in ("NOUN", "PROPN", "ADJ") for o in objs):  # 'aanhanger' read as ADJ
            return False
        for o in objs:
            w, base = o.lower_, lemma(o)
            if w in own_means or base in own_means:
                continue
            if _DEVERBAL[lang].search(w) or _aspect(w, lang) or _aspect(base, lang):
                return False
        rest = [t for t in words if t.pos_ in ("NOUN", "PROPN") and t not in objs]
        return not any(_aspect(t.lower_, lang) or _aspect(lemma(t), lang) for t in rest)
    if any(lemma(a) in _CAN or a.lower_ in _CAN for a in auxes):
        if lemma(verb) not in _w(lang, "own_ability") and verb.lower_ not in _w(lang, "own_ability"):
            return False
        # what cannot be lifted is often the product itself ('zo'n zware doos'); a service word
        # elsewhere in the clause makes it the service's ('kan het niet naar het afhaalpunt dragen')
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("obj", "dobj")
                 and not (t.head.dep_ in ("obj", "dobj") and t.head.head.i == verb.i)]
        return not any(_aspect(t.lower_, lang) or _aspect(lemma(t), lang) for t in nouns)
    return False


def _negators(doc, lang: str, negators) -> list:
    return list(negators) if negators is not None else [t for t in doc if t.lower_ in _w(lang, "negation")]


def _cue_negators(doc, lang: str, span: tuple[int, int] | None) -> list | None:
    """The negators inside the cue's character ``span``; None (every negator) without a span or
    when the cue holds none."""
    if span is None:
        return None
    return [t for t in doc if t.lower_ in _w(lang, "negation") and span[0] <= t.idx < span[1]] or None


def own_circumstance(doc, lang: str | None = None, negators=None) -> bool:
    """Whether every negator of the parsed sentence ``doc`` (or of ``negators``) states the
    speaker's own circumstance (see the module doc); False when it has none."""
    lang = lang or doc.lang_
    negators = _negators(doc, lang, negators)
    return bool(negators) and all(_circumstance(n, lang) for n in negators)


#: words that name what there was instead, or ask for less: 'geen piepschuim, alles karton',
#: 'veel minder verpakking en geen piepschuim'
_INSTEAD = {"nl": {"alles", "allemaal", "alleen", "enkel", "slechts", "minder"},
            "en": {"all", "everything", "only", "just", "less", "fewer"}}
STRONG = 0.5  # a word of at least this polarity praises ('perfect', 'top'); 'support' (0.4) does not
_ABSENT = {"nl": {"geen"}, "en": {"no"}}  # negators that deny a thing's presence
_BE = {"zijn", "be", "is", "was", "'s", "are", "were"}
_DEFINITE = {"nl": {"de", "het"}, "en": {"the"}}
_IT = {"nl": {"het", "dat", "dit", "'t"}, "en": {"it", "that", "this"}}


def praise_by_absence(doc, lang: str | None = None, negators=None) -> bool:
    """Whether the sentence's negators deny only the presence of a thing, in a clause without a
    verb ("geen piepschuim", "no hassle"), and the sentence says it as praise or a wish: the thing
    is a problem word or a word of negative polarity ("geen gedoe", "no hassle", "geen kras"), or
    the sentence names what there was instead or asks for less ("alles karton", "only
    cardboard", "veel minder verpakking"), or it has a positive word ("geen piepschuim, top") —
    and no other negative word. "Geen reactie." and "no reply from support" stay pain points."""
    from .lexicon import lexicon_entries

    lang = lang or doc.lang_
    polar = lexicon_entries(lang)
    negators = _negators(doc, lang, negators)
    if not negators:
        return False
    things = []
    for n in negators:
        if n.lower_ not in _ABSENT.get(lang, ()) or n.i + 1 >= len(doc):
            return False  # 'niet', 'not': a verb or quality denied
        x = doc[n.i + 1]
        if x.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return False
        lo = next((t.i + 1 for t in reversed(doc[:n.i]) if t.pos_ in ("PUNCT", "CCONJ")), 0)
        hi = next((t.i for t in doc[n.i:] if t.pos_ == "PUNCT"), len(doc))
        if any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
            return False  # 'ik kreeg geen reactie': a clause with a verb
        things.append(x)
    said = [t for t in doc if t not in things and t not in negators]
    if any(polar.get(t.lower_, 0) < 0 for t in said):
        return False  # 'geen bevestiging, heel vervelend'
    bad_thing = any(t.lower_ in _w(lang, "problem_nouns") or lemma(t) in _w(lang, "problem_nouns")
                    or polar.get(t.lower_, 0) < 0 for t in things)
    instead = any(t.lower_ in _INSTEAD.get(lang, ()) for t in said)
    praised = any(polar.get(t.lower_, 0) >= STRONG and not _aspect(t.lower_, lang) for t in said)
    return bad_thing or instead or praised


def correction(doc, lang: str | None = None, negators=None) -> bool:
    """Whether the sentence denies a thing only to say what it is instead: a negated copular
    clause followed by one that is not negated ("het is niet eens het bedrag, het is het
    gevoel", "it's not the money, it's the principle"), or a clause "it is not (even) the
    <noun>" that ends there ("het is niet eens het bedrag," — not "it's not the right size",
    "it's not the product I ordered"). What matters is said in the second
    clause; the first denies no quality of the journey."""
    lang = lang or doc.lang_
    negators = _negators(doc, lang, negators)
    if len(negators) != 1:
        return False
    n = negators[0]
    before = [t for t in doc[max(0, n.i - 3):n.i] if lemma(t) in _BE or t.lower_ in _BE]
    if not before:
        return False
    after = next((t for t in doc[n.i + 1:] if t.pos_ not in ("ADV", "PART")), None)
    if after is None or after.pos_ not in ("DET", "NOUN", "PROPN", "NUM", "PRON"):
        return False  # 'het is niet duidelijk, het is een rommeltje': a quality denied
    it = _IT.get(lang, set())
    if after.pos_ == "DET" and after.lower_ in _DEFINITE.get(lang, ()) and after.i + 1 < len(doc) \
            and doc[after.i + 1].pos_ == "NOUN" and before[0].i > 0 and doc[before[0].i - 1].lower_ in it \
            and (after.i + 2 >= len(doc) or doc[after.i + 2].pos_ == "PUNCT"):
        return True  # 'het is niet eens het bedrag,': not that, the rest of the turn says what
    for j in range(n.i + 2, len(doc) - 1):
        if doc[j].lower_ in it and (lemma(doc[j + 1]) in _BE or doc[j + 1].lower_ in _BE):
            return True
    return False


_PEOPLE = {"nl": {"ze", "zij", "hij", "die"}, "en": {"they", "he", "she"}}


def classification(doc, lang: str | None = None, negators=None) -> bool:
    """Whether the sentence only denies that people are of some kind: a negated copular clause
    with a personal pronoun as subject and a bare noun of no polarity, no service word, as
    predicate ("they're not admins", "ze zijn geen klanten"). It says who someone is, not what
    was wrong ("he was not helpful" is a quality, "they are not a bank" no person)."""
    from .lexicon import lexicon_entries

    lang = lang or doc.lang_
    polar = lexicon_entries(lang)
    negators = _negators(doc, lang, negators)
    if len(negators) != 1:
        return False
    pred = negators[0].head
    if pred.pos_ != "NOUN" or not any(c.dep_ == "cop" for c in pred.children):
        return False
    subjects = [c for c in pred.children if c.dep_ in SUBJ]
    return bool(subjects) and all(c.lower_ in _PEOPLE.get(lang, ()) for c in subjects) \
        and polar.get(pred.lower_, 0) == 0 and not _aspect(pred.lower_, lang) and not _aspect(lemma(pred), lang)


def no_pain(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> str | None:
    """Why the negated sentence ``doc`` is no pain point: ``"circumstance"``, ``"praise"``,
    ``"correction"`` or ``"classification"`` (see the functions of the same names); None when
    it may be one. ``span`` (character offsets of the tagger's cue in the sentence) limits the
    question to the negators of the cue: another clause's negation is another tag's matter
    ("they're not admins, they don't need tips")."""
    lang = lang or doc.lang_
    negators = _cue_negators(doc, lang, span)
    for name, check in (("circumstance", own_circumstance), ("praise", praise_by_absence),
                        ("correction", correction), ("classification", classification)):
        if check(doc, lang, negators):
            return name
    return None


#: a negated activity said to have stopped: 'not … anymore', 'niet meer', 'no longer'
_NO_MORE = {"nl": {"meer"}, "en": {"anymore", "longer"}}
_NEED_TO = {"nl": {"hoef", "hoeft", "hoeven", "hoefde", "hoefden"},
            "en": {"have", "has", "need", "needs", "must"}}
_ABLE = {"nl": {"kan", "kon", "kunnen", "konden", "lukt", "lukte"},
         "en": {"can", "ca", "could", "able", "cannot"}}
_PRODUCT_PRONOUNS = {"nl": {"het", "'t", "dat", "dit", "die"}, "en": {"it", "that", "this", "them"}}
#: what comes to the speaker, awaited: 'ik heb nooit meer iets gehoord', "I didn't get anything anymore"
_RECEIVED = {"nl": {"iets", "wat", "horen", "gehoord", "krijgen", "gekregen", "kreeg", "kregen", "ontvangen", "zien", "gezien"},
             "en": {"anything", "something", "hear", "heard", "get", "got", "receive", "received", "see", "saw", "seen"}}


def _clause_tokens(doc, i: int) -> list:
    """The tokens of the comma- or conjunction-bounded stretch around token ``i``."""
    lo = next((t.i + 1 for t in reversed(doc[:i]) if t.pos_ == "PUNCT" or t.lower_ in ("but", "maar", "and", "en")), 0)
    hi = next((t.i for t in doc[i:] if t.pos_ == "PUNCT" and t.text not in ("'",)), len(doc))
    return list(doc[lo:hi])


def relief(doc, lang: str | None = None, negators=None) -> bool:
    """Whether a negated clause tells that the speaker no longer has to do something — a
    former burden gone, a relief, not a pain: "I'm not calling people from the van at five in
    the morning anymore", "ik hoef niet meer te bellen", "we no longer have to chase them".
    The speaker is the subject, the clause says the activity stopped ('anymore', 'no longer',
    'niet meer'), and it is not what the speaker can no longer do ("I can't log in anymore",
    "het lukt niet meer"), nor the product or a service thing stopped ("I'm not using it
    anymore", "we don't get notifications anymore", "de app werkt niet meer"): a clause with a
    need-to verb ('hoeven', 'have to') is a relief whatever its object."""
    lang = lang or doc.lang_
    negators = _negators(doc, lang, negators)
    if not negators:
        return False
    for n in negators:
        words = _clause_tokens(doc, n.i)
        low = [t.lower_ for t in words]
        after = [t for t in words if t.i > n.i]
        if not any(t.lower_ in _NO_MORE.get(lang, ()) for t in after):
            return False  # 'not' without 'anymore': a denial, not a stop
        subject = next((t for t in words if t.i < n.i and t.pos_ == "PRON"), None) \
            or next((t for t in after if t.pos_ == "PRON"), None)
        if subject is None or subject.lower_ not in _w(lang, "first_person"):
            return False
        if any(w in _ABLE.get(lang, ()) for w in low):
            return False  # 'I can't log in anymore': a loss
        if any(w in _RECEIVED.get(lang, ()) for w in low):
            return False  # 'ik heb nooit meer iets gehoord': what was awaited did not come
        if any(w in _NEED_TO.get(lang, ()) for w in low):
            continue  # 'ik hoef niet meer te bellen'
        if any(t.lower_ in _PRODUCT_PRONOUNS.get(lang, ()) and t.i > n.i for t in words) \
                or any(_aspect(t.lower_, lang) or _aspect(lemma(t), lang) for t in words if t.pos_ in ("NOUN", "PROPN")):
            return False  # 'I'm not using it anymore', "we don't get notifications anymore"
        if not any(t.pos_ in ("VERB", "NOUN") and t.i > n.i for t in words):
            return False
    return True


#: words of distinction: 'nothing special' tells an impression was neutral, not bad
_DISTINCTION = {"nl": {"bijzonders", "bijzonder", "speciaals", "speciaal", "opvallends", "spannends", "bijzonderheden"},
                "en": {"special", "remarkable", "spectacular", "exciting", "fancy", "unusual", "out"}}
_NOTHING = {"nl": {"niets", "niks", "weinig"}, "en": {"nothing"}}


def unremarkable(doc, lang: str | None = None) -> bool:
    """Whether the sentence calls something merely unremarkable — "nothing special at first
    sight", "niks bijzonders", "niets speciaals" — a neutral impression, no pain point (it
    is one when the sentence also says something negative: "nothing special, and slow")."""
    from .lexicon import lexicon_entries

    lang = lang or doc.lang_
    polar = lexicon_entries(lang)
    for t in doc[:-1]:
        if t.lower_ in _NOTHING.get(lang, ()) and doc[t.i + 1].lower_ in _DISTINCTION.get(lang, ()):
            rest = [x for x in doc if x.i not in (t.i, t.i + 1)]
            return not any(polar.get(x.lower_, 0) < 0 or x.lower_ in _w(lang, "negation") for x in rest)
    return False


#: verbs of complaining: someone else's complaint, told by the speaker
_COMPLAIN = {"nl": {"klagen", "klaagde", "klaagden", "klaagt", "mopperden", "mopperde", "zeurden"},
             "en": {"complain", "complained", "complains", "moaned", "grumbled", "whined"}}


def hearsay(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the pain is someone else's complaint the speaker reports — "the ones from
    bigger companies complained about reports", "andere klanten klaagden over de levertijd":
    a verb of complaining whose subject, said before it in its clause, is neither the speaker
    nor a word of the service ('support', 'de medewerker'). Context of the journey (other
    people's story), not the participant's pain."""
    lang = lang or doc.lang_
    if _reported_complaints(doc, lang):
        return True
    verbs = [t for t in doc if t.lower_ in _COMPLAIN.get(lang, ()) or lemma(t) in _COMPLAIN.get(lang, ())]
    if span is not None:
        verbs = [t for t in verbs if span[0] <= t.idx < span[1]] or verbs
    if not verbs:
        return False
    for v in verbs:
        before = [t for t in _clause_tokens(doc, v.i) if t.i < v.i]
        if not before or any(t.lower_ in _w(lang, "first_person") for t in before):
            return False  # 'I complained', 'we klaagden'
        head = next((t for t in reversed(before) if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if head is None or _aspect(head.lower_, lang) or _aspect(lemma(head), lang):
            return False  # 'support complained …' is the service speaking
    return True


#: nouns of complaints: other people's, when the speaker only reports or read them
_COMPLAINT_NOUNS = {"nl": {"klacht", "klachten", "klaagverhalen"}, "en": {"complaint", "complaints"}}
_OWN = {"nl": {"mijn", "m'n", "onze", "ons"}, "en": {"my", "our"}}
_YOU = {"nl": {"je", "jouw", "uw", "u", "jij"}, "en": {"you", "your"}}


def _reported_complaints(doc, lang: str) -> bool:
    """Whether the sentence reports complaints that are not the speaker's: "op Trustpilot waren
    er wat klachten over de levertijd", "I read complaints about the app on Reddit" — a complaint
    noun, not the speaker's own ('mijn klacht', 'we had a complaint'), in a clause whose subject is
    not the speaker or whose verb is one of reading or seeing (what others wrote)."""
    see = _READ.get(lang, set()) | ({"zag", "zagen", "gezien", "stond", "stonden"} if lang == "nl"
                                    else {"saw", "seen", "noticed", "found"})
    people = _w(lang, "first_person") | _YOU[lang]
    for t in doc:
        if t.lower_ not in _COMPLAINT_NOUNS.get(lang, ()) or any(c.dep_ in ("nmod:poss", "det:poss", "det")
                                                                and c.lower_ in _OWN[lang] | _YOU[lang] for c in t.children):
            continue  # 'mijn klacht', 'your complaints': the speaker's (or anyone's) own
        clause = _clause_tokens(doc, t.i)
        reading = any(c.pos_ == "VERB" and (c.lower_ in see or lemma(c) in see) for c in clause)
        there = any(c.dep_ == "expl" or c.lower_ in ("er", "there") for c in clause)  # 'er waren klachten'
        verbless = not any(c.pos_ in ("VERB", "AUX") and c.i != t.i for c in doc)  # 'En een paar klachten over …' (what came back)
        if reading or ((there or verbless) and not any(c.lower_ in people for c in clause)):
            return True  # 'ik las klachten over …', 'op Trustpilot waren er klachten over …'
    return False


_OPINIONS = {"nl": {"review", "reviews", "recensie", "recensies", "beoordeling", "beoordelingen", "ervaringen",
                     "reacties", "sterren", "comments"},
             "en": {"review", "reviews", "rating", "ratings", "comments", "stars", "testimonials"}}
_READ = {"nl": {"lezen", "lees", "leest", "las", "lazen", "gelezen", "kijken", "kijk", "keek", "keken", "gekeken",
                "bekijken", "bekijk", "bekeek", "bekeken", "zoeken", "zoek", "zocht", "gezocht", "filteren", "filter"},
         "en": {"read", "reads", "reading", "look", "looked", "looking", "check", "checked", "checking", "search",
                "searched", "filter", "filtered", "sort", "sorted", "scroll", "scrolled", "browse", "browsed"}}


def reading_opinions(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the negative word describes other people's opinions the speaker reads — "ik lees
    eigenlijk vooral de slechte reviews", "I always check the negative ratings first": a habit of
    the search, not a pain. Only words of the cue's span (all words without one), only an
    adjective of an opinion noun, and only when the clause's verb is one of reading or looking."""
    lang = lang or doc.lang_
    words = [t for t in doc if span is None or span[0] <= t.idx < span[1]]
    for t in words:
        noun = t.head if t.dep_ == "amod" else None
        if noun is None or noun.lower_ not in _OPINIONS.get(lang, ()):
            continue
        verbs = [v for v in _clause_tokens(doc, noun.i) if v.pos_ == "VERB"
                 and (v.lower_ in _READ.get(lang, ()) or lemma(v) in _READ.get(lang, ()))]
        if verbs:
            return True
    return False


def not_a_pain(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> str | None:
    """Why a sentence the tagger read as a pain point is none, whatever its cue's class:
    ``"relief"`` (:func:`relief`), ``"neutral"`` (:func:`unremarkable`), ``"hearsay"``
    (:func:`hearsay`), ``"reading"`` (:func:`reading_opinions`), or, from
    :mod:`workbench.nlp.asides`, ``"request"`` (a need), ``"elsewhere"`` (another shop's) or
    ``"hypothetical"`` (only checked for) or ``"compensation"`` (the service's amends) ``"someone else"`` (who did it) or ``"left behind"`` (the
    speaker's former means) or ``"near miss"`` ('almost didn't'), or from :mod:`workbench.nlp.whose`
    ``"another way"`` (got in touch another way), ``"someone else's"`` (another party's problem) or
    ``"own pace"`` (the speaker's own project) or ``"chosen for"`` (what a choice allows); None when it
    may be one."""
    lang = lang or doc.lang_
    negators = _cue_negators(doc, lang, span)
    if relief(doc, lang, negators):
        return "relief"
    if unremarkable(doc, lang):
        return "neutral"
    if hearsay(doc, lang, span):
        return "hearsay"
    if reading_opinions(doc, lang, span):
        return "reading"
    from . import asides, whose

    for reason, check in (("request", asides.request), ("elsewhere", asides.elsewhere),
                          ("hypothetical", asides.hypothetical), ("compensation", asides.compensation),
                          ("someone else", asides.someone_else_did), ("left behind", asides.what_they_left),
                          ("near miss", asides.near_miss), ("another way", whose.another_way),
                          ("someone else's", whose.someone_elses_problem), ("own pace", whose.own_pace),
                          ("chosen for", whose.chosen_for)):
        if check(doc, lang, span):
            return reason
    return None
