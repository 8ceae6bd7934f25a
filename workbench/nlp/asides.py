"""Pain-point cues that sit in a clause which is no pain point of the studied service, read from the parse.

Three kinds, each asked by :func:`workbench.nlp.negated.not_a_pain` (the journey map only):

* :func:`request` — the cue sits in a request the speaker addresses to the service: a Dutch
  bare infinitive or an English imperative without a subject, marked as a request ("graag",
  "gewoon", "alsjeblieft", "please", "just"): "gewoon niet meer adverteren met codes die
  verlopen zijn", "graag eerder laten weten als het later wordt", "please stop sending three
  e-mails a day", "just tell us when the import fails". That is a need (CODEBOOK: "a wish,
  request, suggestion"), so :func:`workbench.journey.lanes.theme_hits` moves it to the needs.
  "Nooit meer bestellen hier" (no request word) and "please explain why it costs twice as much"
  (a complaint the request takes as a fact) stay pain points.
* :func:`elsewhere` — the cue's clause is located at another shop the sentence named: a
  locative pro-form ("daar", "there") pointing back to a comparison site or a competitor
  ("Gekeken op een vergelijkingssite, daar stond de spiegel goedkoper maar niet op voorraad").
  Comparison shopping is context of the journey, not a pain with the service studied.
* :func:`hypothetical` — the cue sits in what the speaker checked for: a complement of a verb of
  checking ("gekeken naar de sterren, of ze niet pluizen", "to check that it wasn't a company
  that disappears in a year"). A problem only looked out for is hypothetical (CODEBOOK).
* :func:`compensation` — the cue's clause is the service making amends: a verb of getting or
  giving whose object or particle is a compensation ("voor de kras kreeg ik twintig euro terug",
  "they gave me a voucher for the broken lamp", "I got a refund for the missing screws"). That is
  the service's response; the pain is the damage, said in its own clause. A clause with a
  negation or a delay ("kreeg pas na drie weken mijn geld terug", "still haven't got a refund")
  stays a pain point.
* :func:`someone_else_did` — the cue is the speaker's negation of what they did, and the next
  clause names who did it instead ("I didn't set it up, head office did", "ik heb het niet
  besteld, mijn man wel", "… dat deed mijn zoon"): who did something, not a problem.
* :func:`what_they_left` — the cue is about the speaker's own former means, said as why they went
  looking ("when I was fed up with our WhatsApp group, I searched for it", "toen ik klaar was
  met ons oude Excel-rooster, zocht ik een app"): the reason they came, at most context.
* :func:`near_miss` — the cue's negation is 'almost' not ("I almost didn't buy", "ik had het
  bijna niet besteld"): it happened after all; the reason it nearly did not is said elsewhere.
"""

from __future__ import annotations

from .syntax import lemma

__all__ = ["request", "elsewhere", "hypothetical", "compensation", "someone_else_did", "what_they_left", "near_miss"]

#: words that make a subjectless infinitive or imperative a request
_REQUEST = {"nl": {"graag", "gewoon", "alsjeblieft", "alstublieft", "aub", "a.u.b.", "svp", "liever", "gelieve",
                   "liefst"},
            "en": {"please", "pls", "plz", "kindly", "just"}}
#: a request to explain why presupposes what it asks about: a complaint said as a fact
_WHY = {"nl": {"waarom", "hoezo"}, "en": {"why"}}
_SUBJ = {"nsubj", "nsubj:pass", "csubj", "expl", "nsubjpass"}
_CLAUSE_LINKS = {"conj", "parataxis"}
#: locative pro-forms that point back to a place named before
_THERE = {"nl": {"daar", "daarzo", "elders"}, "en": {"there", "elsewhere"}}
#: places that are another shop than the one studied: a comparison site, a competitor
_OTHER_SHOP = {"nl": {"vergelijkingssite", "vergelijkingssites", "vergelijker", "prijsvergelijker", "concurrent",
                      "concurrenten", "concurrentie", "kringloopwinkel", "kringloopwinkels", "kringloop", "marktplaats",
                      "tweedehandssite"},
               "en": {"competitor", "competitors", "competition", "comparison", "alternative", "alternatives"}}
_OTHER = {"nl": {"andere", "ander", "een", "die"}, "en": {"another", "other", "different"}}
_SHOP = {"nl": {"winkel", "winkels", "webshop", "webshops", "site", "sites", "aanbieder", "aanbieders", "leverancier",
                "zaak", "tool", "tools"},
         "en": {"shop", "shops", "store", "stores", "site", "sites", "website", "vendor", "vendors", "provider",
                "tool", "tools", "supplier", "app", "apps", "platform"}}
#: verbs of checking for something; 'see', 'zien' are not (what was seen happened)
_CHECK = {"nl": {"kijken", "kijk", "keek", "keken", "gekeken", "controleren", "controleer", "controleerde",
                 "gecontroleerd", "checken", "check", "checkte", "gecheckt", "nagaan", "nagegaan", "testen",
                 "getest", "opletten", "letten", "let", "lette"},
          "en": {"check", "checks", "checked", "checking", "verify", "verified", "ensure", "ensured", "test", "tested",
                 "confirm", "confirmed"}}
_WHETHER = {"nl": {"of"}, "en": {"whether", "if", "that"}}
_AND = {"nl": {"en", "maar", "want", "dus"}, "en": {"and", "but", "so", "because"}}
#: verbs of getting or giving (lemmas and forms the lemmatizer may leave)
_GET = {"nl": {"krijgen", "kreeg", "kregen", "gekregen", "ontvangen", "ontving", "ontvingen", "geven", "gaf", "gaven",
               "gegeven", "terugkrijgen", "terugbetalen", "terugstorten", "vergoeden", "vergoedden", "vergoedde",
               "vergoed", "crediteren", "storten", "stortten", "stortte", "gestort"},
        "en": {"get", "got", "gotten", "receive", "received", "give", "gave", "given", "refund", "refunded",
               "compensate", "compensated", "credit", "credited", "offer", "offered"}}
#: what makes the thing got or given a compensation
_AMENDS = {"nl": {"terug", "vergoeding", "compensatie", "tegoedbon", "waardebon", "cadeaubon", "tegoed", "korting",
                  "creditnota", "restitutie", "coulance", "schadevergoeding"},
           "en": {"back", "refund", "voucher", "credit", "compensation", "discount", "goodwill", "reimbursement",
                  "refunded", "compensated", "credited"}}
#: words that make amends a pain after all: not (yet) given, or late
_NOT_AMENDS = {"nl": {"niet", "geen", "nooit", "pas", "eindelijk", "nog", "weken", "maanden", "dagen", "laat", "later"},
               "en": {"not", "n't", "no", "never", "only", "finally", "still", "yet", "after", "until", "weeks",
                      "months", "days", "late", "later"}}


def _cue_tokens(doc, span):
    return [t for t in doc if span[0] <= t.idx < span[1] and t.pos_ != "PUNCT"] if span else []


def _clause_head(tok):
    """The head of the clause ``tok`` is in: up the tree to the root or a conjoined clause."""
    seen = set()
    while tok.dep_.lower() != "root" and tok.dep_ not in _CLAUSE_LINKS and tok.head.i != tok.i and tok.i not in seen:
        seen.add(tok.i)
        tok = tok.head
    return tok


def _own_subtree(head) -> set[int]:
    """The token indices of ``head``'s clause with its subordinate clauses, without the clauses
    conjoined to it."""
    out, stack = set(), [head]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if not (c.dep_ in _CLAUSE_LINKS and c.pos_ in ("VERB", "AUX", "ADJ")))
    return out


def _bare_verb(v, lang: str) -> bool:
    """A Dutch infinitive or English base form heading a clause with no subject and no finite
    auxiliary of its own."""
    if v.pos_ != "VERB" or any(c.dep_ in _SUBJ for c in v.children):
        return False
    if any(c.dep_ in ("aux", "aux:pass", "cop") and c.lower_ not in ("te", "to") for c in v.children):
        return False
    if lang == "nl":
        return v.lower_.endswith("en") and not v.lower_.startswith("ge")  # not a participle ('gebroken')
    first = next((t for t in v.doc[v.left_edge.i:v.i + 1] if t.pos_ not in ("PUNCT", "CCONJ", "ADV", "INTJ")
                  and t.lower_ not in _REQUEST["en"]), None)
    return first is not None and first.i == v.i and lemma(v) == v.lower_  # 'stop …', 'tell us …'


def request(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue sits in a request to the service (see the module doc)."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue:
        return False
    v = _clause_head(cue[0])
    if not _bare_verb(v, lang):
        return False
    clause = _own_subtree(v)
    if not all(t.i in clause for t in cue):
        return False
    if any(t.lower_ in _WHY.get(lang, ()) and t.i <= cue[0].i for t in doc if t.i in clause and t.i > v.i):
        return False  # 'please explain why it costs twice as much': the complaint is said as a fact
    before = [t for t in doc[v.left_edge.i:v.i + 1]]
    return any(t.lower_ in _REQUEST.get(lang, ()) and (t.head.i == v.i or t.i in clause) for t in before)


def _other_shop(tokens, lang: str) -> bool:
    """Whether the tokens name another shop: a comparison site or competitor, or 'andere
    winkel', 'another tool'."""
    low = [t.lower_ for t in tokens]
    if any(w in _OTHER_SHOP.get(lang, ()) or w.endswith(("vergelijkingssite", "vergelijker")) for w in low):
        return True
    return any(a in _OTHER.get(lang, ()) - {"een", "die"} and b in _SHOP.get(lang, ()) for a, b in zip(low, low[1:], strict=False))


def elsewhere(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue's clause is located at another shop named before it (see the module doc)."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue:
        return False
    start = next((t.i + 1 for t in reversed(doc[:cue[0].i]) if t.pos_ == "PUNCT" and t.text not in "-/'"), 0)
    stretch = [t for t in doc[start:cue[0].i + 1]]  # the cue's clause up to the cue, read linearly
    there = [t for t in stretch if t.lower_ in _THERE.get(lang, ())]
    if not there:
        return False
    if there[0].lower_ in ("elders", "elsewhere"):
        return True
    return _other_shop(doc[:start], lang)


def hypothetical(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether every word of the cue sits in what a verb of checking looked out for (see the
    module doc): after a complementizer ('of', 'whether', 'that') whose nearest verb before it
    is one of checking."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue:
        return False
    first = min(t.i for t in cue)
    marks = [t for t in doc[:first] if t.lower_ in _WHETHER.get(lang, ())
             and (t.lower_ != "that" or t.pos_ == "SCONJ" or t.dep_ == "mark")]  # not 'that' of 'that box'
    if not marks:
        return False
    mark = marks[-1]
    if any(t.text in ".!?;" or t.lower_ in _AND.get(lang, ()) for t in doc[mark.i + 1:first]):
        return False  # 'I checked if it came, and it did not'
    verb = next((t for t in reversed(doc[:mark.i]) if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and (verb.lower_ in _CHECK.get(lang, ()) or lemma(verb) in _CHECK.get(lang, ()))


def compensation(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue sits in a clause of the service making amends (see the module doc): its
    head is a verb of getting or giving, a compensation word is the verb's own ('terug',
    'refund', 'a voucher'), and nothing in the clause denies or delays it."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue:
        return False
    v = _clause_head(cue[0])
    if v.pos_ not in ("VERB", "AUX") or not (v.lower_ in _GET.get(lang, ()) or lemma(v) in _GET.get(lang, ())):
        return False
    clause = _own_subtree(v)
    if not all(t.i in clause for t in cue):
        return False
    words = [doc[i] for i in sorted(clause)]
    if any(t.lower_ in _NOT_AMENDS.get(lang, ()) for t in words):
        return False
    return any(t.lower_ in _AMENDS.get(lang, ()) and (t.head.i == v.i or t.i == v.i) for t in words)


#: pro-verbs and the Dutch 'wel' that take up the negated verb for another doer
_DID = {"nl": {"deed", "deden", "doet", "doen", "gedaan", "wel"}, "en": {"did", "does", "do", "done"}}
_NOTHING = {"nl": {"niet", "geen", "niets", "niks", "nooit"}, "en": {"not", "n't", "no", "nothing", "never", "none"}}
_UNABLE = {"nl": {"kan", "kon", "konden", "kunnen", "lukt", "lukte", "lukten"},
           "en": {"can", "ca", "could", "cannot", "able", "unable", "manage", "managed"}}
_FIRST = {"nl": {"ik", "we", "wij", "mijzelf", "mezelf", "zelf"}, "en": {"i", "we", "myself", "ourselves"}}


def someone_else_did(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue negates what the speaker did and the next clause gives another doer (see
    the module doc): the cue's clause (between punctuation) has a first-person subject and a
    negation; the next one a pro-verb or 'wel', a noun that is not the speaker, and no negation."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue:
        return False
    lo = next((t.i + 1 for t in reversed(doc[:cue[0].i]) if t.pos_ == "PUNCT"), 0)
    hi = next((t.i for t in doc[cue[-1].i:] if t.pos_ == "PUNCT"), len(doc))
    own = doc[lo:hi]
    if not any(t.lower_ in _NOTHING.get(lang, ()) for t in own):
        return False  # the negation may sit beside the cue ('didn't' of a cue 'set it up')
    if not any(t.lower_ in _FIRST.get(lang, ()) and t.dep_ in _SUBJ for t in own):
        return False
    if any(t.lower_ in _GET.get(lang, ()) or lemma(t) in _GET.get(lang, ()) for t in own if t.pos_ in ("VERB", "AUX")):
        return False  # 'I didn't get a refund, my neighbour did': still a loss
    if any(t.lower_ in _UNABLE.get(lang, ()) for t in own):
        return False  # 'we couldn't import it, support did it for us': the speaker could not
    if hi >= len(doc) or doc[hi].text not in (",", ";", "–", "-"):
        return False
    end = next((t.i for t in doc[hi + 1:] if t.pos_ == "PUNCT"), len(doc))
    nxt = doc[hi + 1:end]
    low = [t.lower_ for t in nxt]
    if not any(w in _DID.get(lang, ()) for w in low) or any(w in _NOTHING.get(lang, ()) for w in low):
        return False
    return any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _FIRST.get(lang, ()) for t in nxt)


#: verbs of going to look for or switching to something new
_SEEK = {"nl": {"zoeken", "zocht", "zochten", "gezocht", "googelen", "googlen", "googlede", "gegoogeld", "overstappen",
                "stapte", "stapten", "overgestapt", "begon", "begonnen", "aanmelden", "meldde", "kijken", "keek", "keken"},
         "en": {"search", "searched", "look", "looked", "google", "googled", "switch", "switched", "start", "started",
                "sign", "signed", "try", "tried", "find", "found"}}
_MINE = {"nl": {"ons", "onze", "mijn", "m'n"}, "en": {"our", "my"}}


def what_they_left(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue is about the speaker's own former means, before a main clause in which the
    speaker went looking or switched (see the module doc): the sentence's root, after the cue, is
    such a verb with a first-person subject, and between the cue and the root a first-person
    possessive names the speaker's own thing ('our WhatsApp group') that is no service word."""
    from .negated import _aspect

    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue:
        return False
    root = next((t for t in doc if t.dep_.lower() == "root"), None)
    if root is None or root.i <= cue[-1].i or not (root.lower_ in _SEEK.get(lang, ()) or lemma(root) in _SEEK.get(lang, ())):
        return False
    if not any(c.dep_ in _SUBJ and c.lower_ in _FIRST.get(lang, ()) for c in root.children):
        return False
    owned = [t.head for t in doc[cue[0].i:root.i] if t.lower_ in _MINE.get(lang, ()) and t.head.pos_ in ("NOUN", "PROPN")]
    return bool(owned) and not any(_aspect(o.lower_, lang) or _aspect(lemma(o), lang) for o in owned)


_ALMOST = {"nl": {"bijna", "haast", "nagenoeg"}, "en": {"almost", "nearly"}}


def near_miss(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether every negation of the cue follows 'almost' (see the module doc), with at most one
    word between ('bijna niet', 'almost didn't')."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    negs = [t for t in cue if t.lower_ in _NOTHING.get(lang, ())]
    if not negs:
        return False
    return all(any(doc[j].lower_ in _ALMOST.get(lang, ()) for j in range(max(0, n.i - 2), n.i)) for n in negs)
