"""Phrases from a dependency parse: what a pain or need sentence is about, and what a customer did.

:func:`theme_phrase` turns one parsed sentence (and, optionally, the tagger's cue span in it) into a
:class:`Phrase`: the **aspect** — the noun phrase the sentence is about ("kortingscode", "filter op
prijs", "CSV import") — and a short, grammatical **label** that says what is wrong or wanted with
it, the way a researcher writes a code:

* "De kortingscode werkte niet, heel irritant." → ``kortingscode werkte niet``
* "Mijn jaarafrekening was veel hoger dan het voorschot." → ``jaarafrekening veel hoger dan voorschot``
* "Ik zou graag een filter op prijs willen." → ``wil filter op prijs``
* "The CSV import kept failing on our date format." → ``CSV import kept failing on date format``

Determiners, possessives, pronoun subjects, copulas, tense auxiliaries, punctuation and filler
("echt", "gewoon", "honestly") are left out; negation, modal verbs, degree words ("te", "too")
and one prepositional phrase are kept. A sentence whose predicate has neither a noun phrase nor a
content verb ("Dat was niet fijn.", "That would help a lot.") gives no phrase: it is not a theme.

What a participant did is read by :func:`workbench.nlp.actions.action_phrases`. A phrase that
leaving words out would make ungrammatical falls back to a short clause as said
(:mod:`workbench.nlp.clauses`).

Both read UD labels (the shipped model, ``nl_core_news_sm``) and spaCy's English ClearNLP labels
(``en_core_web_sm``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .clauses import (
    _REVERSING,
    MAX_CLAUSE_WORDS,
    is_clitic,
    judged_anchor,
    question_clause,
    verbatim_clause,
    well_formed,
)
from .syntax import lemma

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

__all__ = ["CLAUSE_BREAKS", "Phrase", "theme_phrase", "join_tokens", "noun_phrase", "word_lists", "need_like"]

SUBJ = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
OBJ = {"obj", "dobj", "iobj", "dative"}
OBL = {"obl", "obl:agent", "nmod", "obl:arg"}
AUX = {"aux", "aux:pass", "auxpass"}
PRT = {"compound:prt", "prt", "svp"}
NP_INNER = {"compound", "flat", "flat:name", "fixed", "amod", "compound:nn"}
CLAUSE = {"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "relcl", "csubj", "parataxis", "conj", "root", "ROOT"}
_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "themes" / "words.toml"


@lru_cache(maxsize=4)
def word_lists(lang: str) -> dict[str, frozenset[str]]:
    """The word lists of ``data/themes/words.toml`` for ``lang`` (negation, filler, light verbs …)."""
    data = tomllib.loads(_WORDS_FILE.read_text(encoding="utf-8")).get(lang, {})
    return {k: frozenset(v) for k, v in data.items()}


def _w(lang: str, name: str) -> frozenset[str]:
    return word_lists(lang).get(name, frozenset())


MAX_WORDS = 7
#: "het zou mooi zijn als …" is a wish, not praise
CONDITIONAL = {"zou", "zouden", "als", "would", "could", "if", "wish"}


@dataclass(frozen=True)
class Phrase:
    """What a pain or need sentence is about (``aspect``, its lemma ``aspect_key``), the verb or
    adjective saying what is wrong or wanted (``predicate_key``: lemma, with ``not`` when negated)
    and the ``label`` reading like a code."""

    label: str
    aspect: str
    aspect_key: str
    predicate_key: str
    complete: bool = True
    positive: bool = False
    #: the sentence's clause holding the cue, as said (the label when no phrase reads well)
    clause: str = ""
    #: the label is that clause
    verbatim: bool = False
    #: a word put before the chosen words ("wil", "wants", "probleem met")
    prefix: str = field(default="", compare=False, repr=False)
    #: the sentence's words the label is made of, in the order shown
    tokens: tuple = field(default=(), compare=False, repr=False)
    #: the aspect is a noun the speaker said (not an adjective or verb a parser took for one)
    aspect_noun: bool = False


def _lang(doc) -> str:
    return "nl" if doc.lang_ == "nl" else "en"


def _is_neg(tok, lang: str) -> bool:
    return tok.dep_ == "neg" or (tok.dep_ in ("advmod", "det", "obj", "dobj") and tok.lower_ in _w(lang, "negation"))


def fixed_span(tok) -> list:
    """The tokens of the idiom ``tok`` is part of (``fixed_phrases``: 'in de wacht', 'on hold',
    'in the queue'), else an empty list. Such a noun names no aspect: cut out of its idiom it
    reads as a thing ('contact over wacht')."""
    doc = tok.doc
    if tok.lower_ not in _fixed_words(_lang(doc)):
        return []
    for expr in _w(_lang(doc), "fixed_phrases"):
        words = expr.split()
        for k, w in enumerate(words):
            lo = tok.i - k
            if w == tok.lower_ and lo >= 0 and lo + len(words) <= len(doc) \
                    and [t.lower_ for t in doc[lo:lo + len(words)]] == words:
                return list(doc[lo:lo + len(words)])
    return []


@lru_cache(maxsize=4)
def _fixed_words(lang: str) -> frozenset[str]:
    return frozenset(w for expr in _w(lang, "fixed_phrases") for w in expr.split())


def _idiom_phrase(span: list, lang: str) -> Phrase | None:
    """The label of a cue inside an idiom ('ik hing drie kwartier in de wacht', '45 minuten in de
    wacht gestaan', 'was on hold for forty minutes'): the idiom whole, with the duration or
    amount it hangs on or that follows it ('drie kwartier in de wacht', 'on hold for forty
    minutes') and a participle right after it ('45 minuten in de wacht gestaan')."""
    doc = span[0].doc
    lo, hi = span[0].i, span[-1].i
    inside = {t.i for t in span}
    out = list(span)

    def measure(t) -> bool:  # 'drie kwartier', '45 minuten', 'an hour', 'lang'
        return t.like_num or any(k.like_num or k.pos_ == "NUM" for k in t.children) \
            or (t.lower_ in _w(lang, "not_aspect") and any(k.dep_ == "det" for k in t.children))

    heads = {doc[i].head for i in inside if doc[i].head.i not in inside}
    before = doc[lo - 1] if lo > 0 else None
    for h in [before] if before is not None and before.pos_ == "NOUN" and measure(before) else heads:
        if h.i < lo and h.pos_ in ("NOUN", "NUM") and measure(h):  # said right before it, or what it hangs on
            out.extend(k for k in h.subtree if k.i < lo and k.pos_ not in ("PUNCT", "CCONJ", "SCONJ"))
    if len(out) == len(span) and lo > 0 and doc[lo - 1].pos_ in ("ADV", "ADJ") \
            and doc[lo - 1].lower_ not in _w(lang, "filler"):
        out.append(doc[lo - 1])  # 'lang in de wacht'
    nxt = doc[hi + 1] if hi + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "ADP":  # 'on hold for forty minutes'
        noun = nxt.head if nxt.head.i > nxt.i else None
        if noun is not None and measure(noun):
            out.extend(k for k in doc[nxt.i:noun.i + 1] if k.pos_ != "PUNCT")
    elif nxt is not None and nxt.pos_ == "VERB" and len(out) > len(span):
        out.append(nxt)  # '45 minuten in de wacht gestaan'
    if len(out) == len(span):  # the idiom alone: with its verb, as said ('hing in de wacht', 'was on hold')
        verbs = [h for h in heads if h.pos_ in ("VERB", "AUX")] + \
            [c for i in inside for c in doc[i].children if c.dep_ == "cop" and c.i < lo]
        for v in verbs[:1]:  # with how long: 'spent an hour in the queue'
            out.append(v)
            for c in v.children:
                if c.pos_ in ("NOUN", "NUM") and measure(c) and c.i not in inside:
                    out.extend(k for k in c.subtree if k.pos_ != "PUNCT")
    toks = sorted({t.i: t for t in out}.values(), key=lambda t: t.i)
    if len(toks) == len(span):
        return None
    text = _lower_first(_join_ordered(toks), toks[0])
    key = span[-1].lower_
    return Phrase(label=text, aspect="", aspect_key="", predicate_key=key, complete=True, tokens=tuple(toks))


def _judged_question(doc, anchor, lang: str) -> Phrase | None:
    """A judgement followed by the indirect question it judges ('Onduidelijk wat het verschil is
    tussen vast en variabel', 'it was unclear how the fee is worked out'): the judgement (with
    its negator) and the question whole, as said, up to the clause's end — a noun cut out of the
    question ('onduidelijk het verschil') is not what was unclear."""
    from .label_repair import _WH

    adj = next((t for t in (anchor, anchor.head, *anchor.children) if (t.pos_ == "ADJ" or (t is anchor and t.pos_ in ("PROPN", "X")))
                and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _WH[lang] | {"of", "whether"}), None)
    if adj is None:
        return None
    end = next((t.i for t in doc[adj.i + 1:] if t.is_punct and t.text not in "-/'"), len(doc))
    question = list(doc[adj.i + 1:end])
    if not 3 <= len(question) <= MAX_WORDS + 2 or not any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in question):
        return None
    before = list(doc[max(0, adj.i - 2):adj.i])  # its negator, and a degree word a negator holds ('niet echt')
    neg = [t for k, t in enumerate(before) if _is_neg(t, lang) or (t.dep_ == "advmod" and t.head == adj and (
        t.lower_ not in _w(lang, "filler") or (k > 0 and _is_neg(before[k - 1], lang))))]
    toks = [*neg, adj, *(t for t in question if t.lower_ not in _w(lang, "discourse"))]
    text = _join_ordered(toks)
    text = text[0].lower() + text[1:] if toks[0].i == toks[0].sent.start and text[1:2].islower() else text
    nouns = [t for t in question if t.pos_ in ("NOUN", "PROPN") and _nominal(t)]
    aspect = nouns[0] if nouns else None
    return Phrase(label=text, aspect=join_tokens(noun_phrase(aspect, lang, with_pp=False)) if aspect else "",
                  aspect_key=_key(aspect, lang) if aspect else "", predicate_key=lemma(adj), complete=True,
                  verbatim=True, tokens=tuple(toks), aspect_noun=aspect is not None and _said_noun(aspect, lang))


#: what follows an imperative that asks for a state of affairs ('zorg dat …', 'make sure …')
_ENSURE = {"nl": {"dat", "ervoor", "erop"}, "en": {"sure"}}


def _ensured(doc, lang: str) -> Phrase | None:
    """A wish worded as an order for a state of affairs ('Zorg dat de app ook het gasverbruik
    realtime laat zien', 'make sure the bonus is paid on time'): the order whole, as said up to
    the clause's end without filler — what is to be ensured, with how and when, is the point
    ('zorg dat de app het gasverbruik realtime laat zien'), not a noun cut out of it."""
    from .resources import load_modifiers

    words = [t for t in doc if not t.is_punct or t.text in "-/'"]
    lead = next((k for k, t in enumerate(words) if t.lower_ not in _w(lang, "discourse")), None)
    if lead is None or words[lead].lower_ not in load_modifiers(lang)["imperatives"] \
            or not any(t.lower_ in _ENSURE[lang] and (t.lower_ != "dat" or t.dep_ == "mark")  # not 'geef dat formulier'
                       for t in words[lead + 1:lead + 3]):
        return None
    first = words[lead]
    end = next((t.i for t in doc[first.i + 1:] if t.is_punct and t.text not in "-/'"), len(doc))
    toks = [t for t in doc[first.i:end] if t.lower_ not in _w(lang, "filler") or t.lower_ in _ENSURE[lang]]
    nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN") and _nominal(t) and t.i != first.i]
    if not 4 <= len(toks) <= MAX_WORDS + 4 or not nouns:
        return None
    text = _join_ordered(toks)
    text = text[0].lower() + text[1:] if text[1:2].islower() else text
    return Phrase(label=text, aspect=join_tokens(noun_phrase(nouns[-1], lang, with_pp=False)),
                  aspect_key=_key(nouns[-1], lang), predicate_key="want", complete=True, verbatim=True,
                  tokens=tuple(toks), aspect_noun=_said_noun(nouns[-1], lang))


def _nominal(tok) -> bool:
    """A noun that can be an aspect: not a time or quantity word, not a placeholder, not a typed
    contraction ('doesnt'), not the noun of an idiom ('in de wacht'). A word the tagger took for
    something else counts when it has an article or a preposition of its own ("de klantenservice",
    "met iDEAL") and is no stop word."""
    if tok.lower_ in _w(_lang(tok.doc), "not_aspect") or tok.lower_ in _w(_lang(tok.doc), "bare_contractions") \
            or tok.like_num or not any(c.isalpha() for c in tok.text) or tok.text.startswith("[") or fixed_span(tok):
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        return True
    return tok.pos_ in ("ADJ", "PRON", "X", "VERB") and not tok.is_stop and len(tok.text) >= 3 and \
        tok.dep_ in SUBJ | OBJ | OBL | {"ccomp", "xcomp", "conj", "appos"} and any(
            (c.dep_ == "det" and c.pos_ == "DET") or c.dep_ == "case" for c in tok.children if c.i < tok.i)


def _pp_nouns(tok):
    """(preposition, noun) of the prepositional phrases under ``tok``, for UD (noun with a
    ``case`` child) and ClearNLP (``prep`` with a ``pobj``)."""
    for c in tok.children:
        if c.dep_ in OBL and _nominal(c):
            case = [k for k in c.children if k.dep_ == "case"]
            if case and case[0].i < c.i:
                yield case[0], c
        elif c.dep_ == "prep":
            for k in c.children:
                if k.dep_ == "pobj" and _nominal(k):
                    yield c, k


def noun_phrase(head, lang: str, *, with_pp: bool = True) -> list:
    """The tokens of the noun phrase headed by ``head``: its compounds, adjectives and names, and
    (``with_pp``) one short prepositional phrase ("filter op prijs"); no determiners."""
    out = {head}

    def inner(t, depth=0):
        for c in t.children:
            if (c.dep_ in NP_INNER or (c.dep_ == "advmod" and t.pos_ == "ADJ" and t.i != head.i)) \
                    and c.lower_ not in _w(lang, "filler") and c.pos_ not in ("DET", "PRON", "PUNCT"):
                out.add(c)  # 'too many notifications'
                if depth < 2:
                    inner(c, depth + 1)

    inner(head)
    if with_pp:
        for case, noun in _pp_nouns(head):
            if noun.i > head.i:
                sub = noun_phrase(noun, lang, with_pp=False)
                if len(sub) <= 3:
                    out.update(sub)
                    out.add(case)
                break
    return sorted(out, key=lambda t: t.i)


def join_tokens(tokens: list) -> str:
    """The tokens as text: original spacing between neighbours, one space across a gap, no
    punctuation or quote marks."""
    toks = [t for t in sorted(tokens, key=lambda t: t.i) if t.pos_ != "PUNCT" and t.text.strip("\"'“”‘’`")]
    parts = []
    for i, t in enumerate(toks):
        parts.append(t.text)
        if i + 1 < len(toks):
            parts.append(t.whitespace_ if toks[i + 1].i == t.i + 1 else " ")
    return "".join(parts).strip()


def _anchor(span, cue: tuple[int, int] | None):
    """The highest token of the cue span (character offsets in ``span``'s doc), else the root.
    A cue spanning the whole sentence (a question) is read at its end: the question is the
    last clause ('…, so why not offer that call from the start?')."""
    doc = span.doc if hasattr(span, "doc") else span
    if cue is not None and len(doc) > 4 and cue[0] <= doc[0].idx and cue[1] >= doc[-1].idx:
        commas = [t.i for t in doc if t.text in (",", ":", ";") and t.i < len(doc) - 2]
        first = doc[commas[-1] + 1] if commas else doc[0]  # the question's first word after the last comma
        cue = (first.idx, first.idx + len(first.text))
    if cue is not None:
        toks = [t for t in doc if t.idx < cue[1] and cue[0] < t.idx + len(t.text)]
        if toks:
            ids = {t.i for t in toks}
            tops = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
            return min(tops, key=lambda t: (t.pos_ in ("PRON", "DET", "PUNCT", "AUX", "SCONJ", "CCONJ"), _depth(t), t.i))
    roots = [t for t in doc if t.head.i == t.i]
    return roots[0] if roots else doc[0]


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _predicate(anchor):
    """Climb from the cue to the word carrying the clause: a verb, adjective or noun that is
    not a mere modifier, auxiliary or particle."""
    t = anchor
    for _ in range(6):
        if t.pos_ in ("VERB", "ADJ", "NOUN", "PROPN") and t.dep_ not in ("advmod", "aux", "cop", "mark", "det",
                                                                          "case", "compound:prt", "prt"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _acomp(pred):
    """ClearNLP copula: 'was late' has ``was`` as head and ``late`` as ``acomp``/``attr``."""
    if pred.pos_ == "AUX" or lemma(pred) == "be":
        for c in pred.children:
            if c.dep_ in ("acomp", "attr", "oprd"):
                return c
    return pred


def _aspect_of(pred, lang: str):
    subj = [c for c in pred.children if c.dep_ in SUBJ]
    if subj and _nominal(subj[0]):
        return subj[0], "subj"
    objs = [c for c in pred.children if c.dep_ in OBJ and _nominal(c)]
    if objs:
        return objs[0], "obj"
    if pred.dep_ in ("xcomp", "ccomp") and pred.head.i != pred.i:  # "kept failing": subject on the head
        hs = [c for c in pred.head.children if c.dep_ in SUBJ and _nominal(c)]
        if hs:
            return hs[0], "subj"
    if pred.dep_ in ("amod", "acl") and _nominal(pred.head):  # "slechte service", "product not as described"
        return pred.head, "head"
    if _nominal(pred.head) and _hanging_verb(pred.head) == pred:  # "Shipping costs only showed up"
        return pred.head, "subj"
    for _, noun in _pp_nouns(pred):
        return noun, "pp"
    for c in pred.children:  # an object clause: "wat de bezorging kost"
        if c.dep_ in ("ccomp", "xcomp"):
            for k in c.children:
                if k.dep_ in SUBJ | OBJ and _nominal(k):
                    return k, "clause"
    return None, ""


def _verb_group(pred, lang: str, aspect_toks: set) -> list:
    """The predicate's own words: negation, modal, degree words, particle, the predicate, an
    object noun phrase, an open complement and one prepositional phrase."""
    out = [pred]
    keep_cop = False
    for c in pred.children:
        if c in aspect_toks or c.pos_ == "PUNCT":
            continue
        low = c.lower_
        if _is_neg(c, lang):
            out.append(c)
            if c.dep_ in ("det",) or c.lower_ == "geen":
                pass
        elif c.dep_ in AUX:
            if low in _w(lang, "modals") or lemma(c) in _w(lang, "modals"):
                out.append(c)
                keep_cop = True
        elif c.dep_ in PRT:
            out.append(c)
        elif c.dep_ in ("advmod", "amod", "npadvmod") and low not in _w(lang, "filler") and abs(c.i - pred.i) <= 2 \
                and (c.pos_ in ("ADV", "ADJ") or (c.dep_ == "advmod" and c.pos_ == "NOUN" and not list(c.children))):
            # an adverb the tagger took for a noun still says how ('Dubbel betaald', not 'betaald')
            out.append(c)
            out.extend(k for k in c.children if k.dep_ in ("advmod",) and k.lower_ not in _w(lang, "filler"))
        elif c.dep_ in OBJ and _nominal(c):
            out.extend(noun_phrase(c, lang) + _negators(c, lang))
        elif c.dep_ in OBJ | {"obl:tmod", "obl:npmod", "npadvmod", "obl:unmarked", "obl"} and c.i > pred.i and (
                c.like_num or any(k.like_num or k.pos_ == "NUM" for k in c.children)):
            out.extend([c, *(k for k in c.children if k.like_num or k.pos_ == "NUM")])  # 'took three weeks'
        elif c.dep_ == "xcomp" and c.pos_ in ("VERB", "ADJ") and c.i > pred.i:
            out.append(c)
            out.extend(k for k in c.children if (k.dep_ in OBJ and _nominal(k)) or _is_neg(k, lang)
                       or (k.dep_ == "mark" and k.lower_ in ("te", "to")))
            for k in c.children:
                if k.dep_ in OBJ and _nominal(k):
                    out.extend(noun_phrase(k, lang) + _negators(k, lang))
    for c in pred.children:
        if c.dep_ == "cop" and keep_cop:
            out.append(c)
    out.extend(_wished_how(pred, lang, out))
    chosen = {t.i for t in out}
    for t in list(out):  # "n't" leans on its auxiliary or copula: 'website wasn't clear'
        if is_clitic(t) and t.i > 0 and t.i - 1 not in chosen:
            out.append(t.doc[t.i - 1])
    pps = [(case, noun) for case, noun in _pp_nouns(pred) if noun not in aspect_toks and noun.i > pred.i - 4]
    if not pps:  # what an idiom's particle is about ('schrok me rot van het termijnbedrag')
        pps = [(case, noun) for x in out if x.dep_ in PRT and x.head == pred
               for case, noun in _pp_nouns(x) if noun not in aspect_toks and noun.i > x.i]
    if not pps:  # where or how the open complement's action is wanted ('let people verify in a shop')
        pps = [(case, noun) for x in out if x.dep_ == "xcomp" and x.head == pred
               for case, noun in _pp_nouns(x) if noun not in aspect_toks and noun.i > x.i]
    if pps:
        case, noun = pps[0]
        sub = noun_phrase(noun, lang, with_pp=False)
        if len(sub) <= 3:
            out.extend([case, *sub])
    for c in pred.children:  # comparatives: "hoger dan het voorschot", "later dan beloofd"
        if c.pos_ != "PUNCT" and any(k.lower_ in ("dan", "than") for k in c.children if k.i < c.i) and \
                not any(t.i == c.i for t in out):
            out.extend(k for k in c.subtree if k.pos_ not in ("DET", "PUNCT", "PRON") or k.lower_ in ("dan", "than"))
    return out


def _wished_how(pred, lang: str, chosen: list) -> list:
    """How or when a wished thing should be, said anywhere in its clause ('zou graag realtime het
    gasverbruik willen zien', 'wish it could put money aside automatically'): in a wish that
    manner word is the point, so the distance limit of other modifiers does not hold for it."""
    wish = _w(lang, "wish")  # not a lack ('miste een filter op prijs van laag naar hoog')
    verbs = [pred, *(c for c in pred.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB")]
    wished = lemma(pred) in wish or pred.lower_ in wish or any(
        c.dep_ in AUX and c.lower_ in wish for c in pred.children) or (
        pred.dep_ in ("xcomp", "ccomp") and (pred.head.lower_ in wish or lemma(pred.head) in wish))
    if not wished:
        return []
    ids = {t.i for t in chosen}
    skip = wish | _w(lang, "need_words") | _w(lang, "filler") | _w(lang, "modals") | _w(lang, "negation") | _w(lang, "discourse")
    return [c for v in verbs for c in v.children
            if c.i not in ids and c.pos_ in ("ADJ", "ADV") and c.dep_ in ("advmod", "amod", "dep", "obl", "xcomp")
            and c.lower_ not in skip and not c.is_stop and not any(k.pos_ in ("NOUN", "PROPN", "VERB", "ADP") for k in c.children)]


def _negators(noun, lang: str) -> list:
    """The negating determiners of a noun ('geen account', 'no clear message')."""
    return [c for c in noun.children if c.lower_ in _w(lang, "negation") and c.i < noun.i]


def _tidy(tokens: list, lang: str, pred, aspect_first) -> tuple[str, list]:
    """The label text of the chosen tokens, and the tokens in the order shown."""
    toks = sorted({t.i: t for t in tokens if t.i == pred.i or _keep(t, lang)}.values(), key=lambda t: t.i)
    if not toks:
        return "", []
    toks = _fill(toks, lang)
    subordinate = pred.dep_ in ("ccomp", "acl:relcl") or any(
        c.dep_ == "mark" and c.lower_ in ("dat", "omdat", "als", "doordat", "zodat", "terwijl", "of", "wanneer")
        for c in pred.children)
    if lang == "nl" and subordinate and aspect_first is not None and pred.pos_ == "VERB" and pred.i > aspect_first.i:
        # subordinate clause order ("dat de code niet werkte") → main clause order ("code werkte niet")
        asp = [t for t in toks if t.i <= aspect_first.i or t.i < min((x.i for x in toks if x.i != aspect_first.i
                                                                        and x.i > aspect_first.i), default=0)]
        if toks[-1].i == pred.i and len(toks) - len(asp) > 1 and not any(t.dep_ in AUX for t in toks):
            toks = asp + [pred] + [t for t in toks if t not in asp and t.i != pred.i]
            return _join_ordered(toks), toks
    return join_tokens(toks), [t for t in toks if t.pos_ != "PUNCT" and t.text.strip("\"'“”‘’`")]


def _keep(t, lang: str) -> bool:
    return (t.pos_ not in ("DET", "PUNCT", "SCONJ", "CCONJ", "INTJ", "X") or _is_neg(t, lang)
            or t.lower_ in ("dan", "than", "om", "te", "to")) and t.lower_ not in _w(lang, "filler") \
        and not (t.pos_ == "PRON" and t.dep_ in ("nmod:poss", "poss", "det", "nsubj", "expl", "obl", "iobj")
                 and not (t.lower_ in _w(lang, "reflexive") and t.i == t.head.i + 1 and t.head.pos_ == "VERB"))


#: words between two nouns that join clauses, not nouns ('prijs dat', 'levering omdat')
_NOT_BETWEEN_NOUNS = {"nl": {"dat", "omdat", "als", "want", "maar", "of", "en"},
                      "en": {"that", "because", "if", "but", "or", "and"}}


def _keep_between(t, chosen: set[int], lang: str) -> bool:
    """A word inside a phrase's stretch kept although :func:`_keep` would drop it: a
    coordinating conjunction or a preposition before a verb, tying two kept words
    ('too many notifications and onboarding e-mails', 'thinking about switching back'), or a
    preposition between two kept nouns that the parser took for a conjunction ('totaalprijs
    inclusief bezorging')."""
    if lang == "nl" and _pronoun_kept(t, chosen):
        return True
    doc = t.doc
    if t.pos_ in ("ADP", "SCONJ") and 0 < t.i < len(doc) - 1 and t.i - 1 in chosen and t.i + 1 in chosen \
            and doc[t.i - 1].pos_ in ("NOUN", "PROPN") and doc[t.i + 1].pos_ in ("NOUN", "PROPN") \
            and t.lower_ not in _NOT_BETWEEN_NOUNS.get(lang, ()):
        return True  # 'totaalprijs inclusief bezorging': a preposition between two kept nouns the parser misread
    if t.head.i not in chosen and not any(c.i in chosen for c in t.head.children if c.i > t.i):
        return False
    return (t.dep_ == "cc" and t.pos_ == "CCONJ") or (t.dep_ in ("mark", "case") and t.head.pos_ == "VERB"
                                                       and t.pos_ in ("ADP", "SCONJ") and t.lower_ not in
                                                       ("dat", "that", "because", "omdat", "als", "if"))


_NOMINAL_NEXT = ("NOUN", "PROPN", "ADJ", "NUM", "DET", "PRON")


def _pronoun_kept(t, chosen: set[int]) -> bool:
    """A Dutch pronoun a label cannot leave out: 'het' as an object with no noun after it ('vond
    het zonde', not 'vond zonde'), and 'er' of a split pronominal adverb whose preposition the
    label keeps ('wil er niet over na hoeven denken', not 'wil niet over na …')."""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if t.lower_ in ("het", "'t"):
        return nxt is not None and nxt.i in chosen and nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    if t.lower_ == "er":
        return any(i > t.i and doc[i].pos_ == "ADP" and (doc[i].i + 1 >= len(doc) or doc[i + 1].pos_ not in _NOMINAL_NEXT)
                   for i in chosen)
    return False


def _fill(toks: list, lang: str) -> list:
    """The words between the chosen ones, as said, when the phrase spans a short stretch of one
    clause without punctuation ("kon niet betalen met iDEAL", not "kon niet betalen iDEAL")."""
    doc = toks[0].doc
    lo, hi = toks[0].i, toks[-1].i
    if hi - lo + 1 > MAX_WORDS + 3 or any(doc[i].pos_ == "PUNCT" and doc[i].text not in "-/'" for i in range(lo, hi)):
        return toks
    chosen = {t.i for t in toks} | {i for i in range(lo, hi + 1) if _keep(doc[i], lang)}
    return [doc[i] for i in range(lo, hi + 1) if i in chosen or _keep_between(doc[i], chosen, lang)]


def _join_ordered(toks: list) -> str:
    parts = [toks[0].text]
    for a, b in zip(toks, toks[1:], strict=False):
        parts.append((a.whitespace_ if b.i == a.i + 1 else " ") + b.text)
    return "".join(parts).strip()


def _lower_first(text: str, tok) -> str:
    if tok.i == tok.sent.start and tok.pos_ != "PROPN" and text[:1].isupper() and text[1:2].islower():
        return text[0].lower() + text[1:]
    return text


def theme_phrase(doc, cue: tuple[int, int] | None = None, kind: str | None = None) -> Phrase | None:
    """The :class:`Phrase` of a parsed sentence; ``cue`` is the tagger's cue span (character
    offsets in ``doc.text``), which picks the clause when a sentence has several (when that
    clause gives nothing, the main clause is read). ``None`` when the sentence names no aspect
    and no content verb.

    ``kind`` (``'pain_point'`` or ``'need'``) is what the sentence is: a pain point is never
    worded as a wish ("wants quote"), a need always is ("wil reparatieservice", "miste
    zithoogte", "Apple Pay zou handig zijn") or is left for the theme to label. A phrase that
    leaving words out made ungrammatical (:func:`workbench.nlp.clauses.well_formed`) is
    replaced by its clause as said (``verbatim``)."""
    found = _sentence_phrase(doc, cue, kind)
    if found is not None and kind == "pain_point" and cue is not None:
        return _cue_clause_phrase(doc, cue, found) or found
    return found


def _sentence_phrase(doc, cue: tuple[int, int] | None, kind: str | None) -> Phrase | None:
    if not len(doc):
        return None
    lang = _lang(doc)
    anchor = _anchor(doc, cue)
    clause = verbatim_clause(doc, judged_anchor(doc, anchor) or anchor, filler=_w(lang, "filler"))
    if kind == "need" and doc.text.rstrip().endswith("?") and anchor.i >= max(
            (t.i for t in doc if t.text in (",", ":", ";") and t.i < len(doc) - 2), default=-1):
        clause = question_clause(doc, anchor, filler=_w(lang, "filler"))  # a question asks: its label stays one
    found = _theme_phrase(doc, cue, kind)
    if found is None and cue is not None:
        # no aspect and no content verb, but the clause names something ('it wasn't clear which plan
        # had SSO'): the clause as said; a clause of pronouns and judgements ('dat vond ik irritant') is none
        named = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and _nominal(t) and t.lower_ in clause.lower().split()]
        if named and len(clause.split()) >= 3:
            said = Phrase(label=clause, aspect="", aspect_key="", predicate_key=_key(_predicate(anchor), lang),
                          clause=clause, verbatim=True, complete=_clause_complete(clause, kind, lang))
            if kind == "need" and not need_like(clause, lang) and _request(doc, lang, cue):
                return _as_asked(said, lang)
            return said
        found = _theme_phrase(doc, None, kind)
    if found is None:
        return None
    found = replace(found, clause=clause)
    if found.tokens and not well_formed(found.tokens, _w(lang, "negation"), prefix=found.prefix):
        found = replace(found, label=clause, verbatim=True, complete=_clause_complete(clause, kind, lang))
    elif cue is not None and found.complete and not _says_cue(doc, found, cue):
        # the wording misses what the tagger found wrong or wanted: it may group, not label
        found = replace(found, complete=False)
    if not found.verbatim and found.tokens and all(t.lower_ in _w(lang, "negation") or t.lower_ in _w(lang, "filler")
                                                   for t in found.tokens if t.pos_ not in ("AUX", "PRON")):
        found = replace(found, label=clause, verbatim=True, complete=_clause_complete(clause, kind, lang))  # 'niet niks'
    if kind == "need" and len(found.label.split()) < 3 and clause.split()[:1] \
            and clause.split()[0].lower() in _imperatives(lang):
        found = replace(found, label=clause, verbatim=True, complete=_clause_complete(clause, kind, lang))
    if kind == "need" and not need_like(found.label, lang) and cue is not None and _request(doc, lang, cue):
        found = _as_asked(found, lang)
    elif kind == "need" and not need_like(found.label, lang):
        found = _as_need(found, doc, lang)
    elif kind == "need" and not found.complete and not found.verbatim and len(found.label.split()) >= 2 \
            and (found.aspect_noun or any(t.pos_ in ("NOUN", "PROPN") for t in found.tokens)):
        found = replace(found, complete=True)  # 'loyalty discount would help': the need word says it
    elif kind == "pain_point" and (found.predicate_key == "want" or (
            need_like(found.label, lang) and not any(_is_neg(t, lang) for t in found.tokens))):
        found = replace(found, complete=False)  # a pain point worded as a wish ('wish we had one person …')
    return found


#: a word this positive in another clause makes a pain point's sentence mixed praise and complaint
PRAISE_POLARITY = 0.3
#: words that open a clause of their own in a sentence of several ('Love the staff, hate the timetable')
CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "—", "but", "though", "although", "however", "whereas", "maar",
                            "hoewel", "terwijl", "echter"})


def _cue_clause_phrase(doc, cue: tuple[int, int], found: Phrase) -> Phrase | None:
    """A pain point's phrase read from the clause of its cue alone, when the sentence's phrase holds
    no word of that clause: "Love the staff, hate the timetable" is about the timetable, never the
    staff; so is "Great staff but the timetable is awful", whose phrase reads as praise. None when
    the phrase already speaks of the cue's clause, or no other clause praises."""
    inside = [t.i for t in doc if t.idx < cue[1] and cue[0] < t.idx + len(t.text)]
    if not inside:
        return None
    breaks = [t.i for t in doc if t.lower_ in CLAUSE_BREAKS]
    lo = max((b for b in breaks if b < inside[0]), default=-1) + 1
    hi = min((b for b in breaks if b > inside[-1]), default=len(doc))
    if lo == 0 and hi == len(doc):
        return None
    clause, lang = doc[lo:hi], _lang(doc)
    words = {t.lower_ for t in clause if t.pos_ not in ("DET", "PRON", "ADP", "AUX", "PUNCT", "CCONJ", "SCONJ")}
    if (words & {w.lower() for w in found.label.split()} and not found.positive) or len(clause) < 2:
        return None
    from .lexicon import lexicon_entries
    from .syntax import parse

    polarity = lexicon_entries(lang)
    if not any(polarity.get(t.lower_, 0.0) >= PRAISE_POLARITY for t in doc if t.i < lo or t.i >= hi):
        return None  # no praise beside the cue's clause: the sentence's own wording stands ('waiting for procurement')
    start = clause.start_char
    sub = parse([clause.text], lang)[0]
    said = theme_phrase(sub, (cue[0] - start, cue[1] - start), kind="pain_point")
    if said is not None:
        return said
    text = _lower_first(clause.text.strip(), clause[0])  # the clause as said ('hate the timetable')
    return Phrase(label=text, aspect="", aspect_key="", predicate_key=found.predicate_key, clause=text,
                  verbatim=True, complete=_clause_complete(text, "pain_point", lang))


def _as_asked(phrase: Phrase, lang: str) -> Phrase:
    """A request read from a pain-point cue ('gewoon niet meer adverteren met codes die verlopen
    zijn', 'just tell us when the import fails'), worded as asked: its clause after 'graag' /
    'please' ('graag niet meer adverteren met …', 'please tell us when the import fails')."""
    word = "graag" if lang == "nl" else "please"
    said = phrase.clause or phrase.label
    return replace(phrase, label=f"{word} {said}", prefix=word, verbatim=True, complete=True)


def _request(doc, lang: str, cue: tuple[int, int]) -> bool:
    from .asides import request

    return request(doc, lang, cue)


def need_like(label: str, lang: str) -> bool:
    """Whether a label reads as a need: it holds a word of wishing, lacking, asking or a
    conditional (``need_words``: 'wil', 'miste', 'zou', 'wants', 'would'), or opens with a
    request ('fix the import', 'zet het op de site')."""
    from .resources import load_modifiers

    words = [w.strip(".,!?'").lower() for w in label.split()]
    return any(w in _w(lang, "need_words") for w in words) or label.rstrip().endswith("?") or (
        bool(words) and words[0] in load_modifiers(lang)["imperatives"])


def _imperatives(lang: str) -> frozenset[str]:
    from .resources import load_modifiers

    return load_modifiers(lang)["imperatives"]


def _clause_complete(clause: str, kind: str | None, lang: str) -> bool:
    """Whether a clause as said can label a theme: two to :data:`MAX_CLAUSE_WORDS` words and
    worded as what it is (a need as a need, a pain point not as a wish)."""
    words = clause.split()
    if not 2 <= len(words) <= MAX_CLAUSE_WORDS:
        return False
    negated = any(w.lower() in _w(lang, "negation") or w.lower().endswith("n't") for w in words)
    if kind == "need":
        return need_like(clause, lang)
    return kind != "pain_point" or not need_like(clause, lang) or negated


#: the words a need naming the thing wanted opens with (its first or second word: 'gewoon een brief')
_WANTED_THING = {"a", "an", "one", "een", "één", "eén"}


def _as_need(phrase: Phrase, doc, lang: str) -> Phrase:
    """A need whose phrase names a lack or only its object ('jammer dat er geen reparatieservice
    is', 'Apple Pay?') worded as the wish: 'wil reparatieservice'; else it may group, not label."""
    words = phrase.label.split()
    negated = any(w.lower() in _w(lang, "negation") for w in words)
    if phrase.tokens:  # a lack is a negator before what is lacking ('geen reparatieservice'), not after it
        negated = any(_is_neg(t, lang) and any(k.i > t.i and _nominal(k) for k in phrase.tokens)
                      for t in phrase.tokens)
    if phrase.aspect and negated and not phrase.verbatim:
        want = "wil" if lang == "nl" else "wants"
        return replace(phrase, label=f"{want} {phrase.aspect}", prefix=want, verbatim=False,
                       complete=True, predicate_key="want")
    said = phrase.clause or phrase.label
    opening = [w.lower() for w in said.split()[:2]]
    if not negated and opening and (opening[0] in _WANTED_THING or opening[-1] in _WANTED_THING) \
            and not any(t.pos_ == "AUX" for t in doc):
        # a need naming the thing wanted ('Eén vast aanspreekpunt.', 'a realistic project plan'): the wish
        want = "wil" if lang == "nl" else "wants"
        said = said[:1].lower() + said[1:] if opening[0] in ("a", "an", "one", "een") else said
        return replace(phrase, label=f"{want} {said}", prefix=want, verbatim=True, complete=True, predicate_key="want")
    return replace(phrase, complete=False)


def _says_cue(doc, phrase: Phrase, cue: tuple[int, int]) -> bool:
    """Whether a phrase's label holds a word of the cue span (a negation, when the cue is one)."""
    lang = _lang(doc)
    words = {w.lower() for w in phrase.label.split()}
    cue_words = {t.lower_ for t in doc if t.idx < cue[1] and cue[0] < t.idx + len(t.text) and t.pos_ != "PUNCT"}
    negated_cue = bool(cue_words & _w(lang, "negation")) or any(w.endswith("n't") for w in cue_words)
    return bool(words & cue_words) or (negated_cue and bool(words & _w(lang, "negation"))) \
        or phrase.predicate_key == "want"


def _theme_phrase(doc, cue: tuple[int, int] | None, kind: str | None = None) -> Phrase | None:
    lang = _lang(doc)
    anchor = _anchor(doc, cue)
    idiom = fixed_span(anchor)
    if idiom:
        said = _idiom_phrase(idiom, lang)
        if said is not None:
            return said
    asked = _judged_question(doc, anchor, lang)
    if asked is not None:
        return asked
    if kind == "need":
        ensured = _ensured(doc, lang)
        if ensured is not None:
            return ensured
    if kind != "pain_point" and (anchor.lower_ in _w(lang, "wish") or lemma(anchor) in _w(lang, "wish")):
        wished = _wished(anchor, lang)
        if wished is not None:
            return wished
    pred = _acomp(_predicate(anchor))
    if pred.lower_ in _w(lang, "evaluative") or lemma(pred) in _w(lang, "evaluative"):
        inner = [c for c in pred.children if c.dep_ in ("ccomp", "advcl", "csubj", "xcomp", "parataxis")
                 and c.pos_ in ("VERB", "ADJ", "NOUN")]
        if inner:
            pred = _acomp(inner[0])
        elif pred.head.i != pred.i and pred.head.pos_ in ("VERB", "ADJ", "NOUN", "PROPN"):
            pred = _acomp(pred.head)  # "pakket bij een afhaalpunt gelegd …, erg irritant"
    if _nominal(pred) and pred.dep_ not in SUBJ | OBJ | {"root", "ROOT"} and pred.head.pos_ in ("VERB", "ADJ"):
        if pred.lower_ not in _w(lang, "problem_nouns") and lemma(pred) not in _w(lang, "problem_nouns"):
            # a problem noun under a verb ("er zat een kras in het blad"): the noun phrase is the code
            np = noun_phrase(pred, lang) + _negators(pred, lang)
            return _phrase(np, pred, pred, lang, lemma(pred))
        pred = pred.head
    if _nominal(pred):
        if pred.lower_ in _w(lang, "problem_nouns") or lemma(pred) in _w(lang, "problem_nouns"):
            return _problem(pred, lang)
        verb = _hanging_verb(pred)
        if verb is not None:  # "Shipping costs only showed up …" parsed as a noun with a loose verb
            asp = noun_phrase(pred, lang, with_pp=False)
            group = _verb_group(verb, lang, set(asp))
            neg = any(_is_neg(t, lang) for t in group)
            return _phrase(asp + group, pred, verb, lang, lemma(verb) + (" not" if neg else ""), aspect_first=pred)
        # a noun cue as the head of its clause ("Doos kapot, deuk in het blad", "slechte service")
        np = noun_phrase(pred, lang)
        extra = [c for c in pred.children if _is_neg(c, lang) or (c.dep_ in ("amod", "advmod") and c.pos_ == "ADJ")]
        return _phrase(np + extra, pred, pred, lang, lemma(pred))
    aspect, role = _aspect_of(pred, lang)
    asp_toks = set(noun_phrase(aspect, lang, with_pp=role != "pp") + _negators(aspect, lang)) \
        if aspect is not None else set()
    group = _verb_group(pred, lang, asp_toks)
    if aspect is None:
        copula = any(c.dep_ == "cop" for c in pred.children)  # "dat was niet fijn": no verb, no aspect
        if pred.pos_ != "VERB" or copula or lemma(pred) in _w(lang, "light_verbs") or pred.lower_ in _w(lang, "light_verbs"):
            return None
        has_obj = any(t.i != pred.i and t.pos_ in ("NOUN", "PROPN", "VERB") for t in group)
        if not has_obj and not any(_is_neg(t, lang) for t in group):
            return None
    neg = any(_is_neg(t, lang) for t in group)
    pkey = lemma(pred) + (" not" if neg else "")
    tokens = list(asp_toks) + group if role in ("subj", "head", "clause") or aspect is None else group + list(asp_toks)
    if role == "pp" and aspect is not None:
        tokens = group + list(asp_toks)
    found = _phrase(tokens, aspect if aspect is not None else pred, pred, lang, pkey,
                    aspect_first=aspect if role == "subj" else None)
    if found is not None and (pred.lower_ in _w(lang, "emotion_verbs") or lemma(pred) in _w(lang, "emotion_verbs")) \
            and not any(_nominal(t) and t.dep_ not in PRT for t in found.tokens):
        found = _with_reason(found, pred, lang)  # 'schrok me rot': a feeling without its cause labels nothing
    return found


#: the words opening the reason for a feeling, said in a clause of its own ('…, want we betaalden 140')
_REASON = {"nl": {"want", "omdat", "doordat"}, "en": {"because", "cause", "since", "as"}}


def _with_reason(found: Phrase, pred, lang: str) -> Phrase:
    """A feeling without its cause ('schrok me echt rot, want we betaalden bij de vorige 140') with
    the reason clause it is said with, as said ('schrok rot, want we betaalden bij de vorige 140');
    without one it labels nothing (``complete=False``)."""
    for c in pred.children:
        if c.dep_ not in ("conj", "advcl", "parataxis") or c.i < pred.i:
            continue
        opener = next((k for k in c.subtree if k.i < c.i and k.pos_ in ("CCONJ", "SCONJ") and k.lower_ in _REASON[lang]),
                      None)
        if opener is None:
            continue
        reason = [t for t in c.subtree if t.i >= opener.i and not t.is_punct and t.lower_ not in _w(lang, "discourse")]
        if len(found.label.split()) + len(reason) <= MAX_WORDS + 5:
            return replace(found, label=f"{found.label}, {_join_ordered(reason)}", complete=True,
                           tokens=(*found.tokens, *reason))
    return replace(found, complete=False)


def _hanging_verb(noun):
    """A verb right after a root noun that the parser attached to it loosely (parataxis, advcl …)
    instead of making the noun its subject; None when there is none."""
    if noun.dep_ not in ("root", "ROOT"):
        return None
    for c in noun.children:
        if c.pos_ == "VERB" and c.i > noun.i and c.dep_ in ("parataxis", "advcl", "acl", "acl:relcl", "relcl", "dep",
                                                             "conj", "amod") \
                and not any(k.dep_ in SUBJ for k in c.children) and c.i - noun.i <= 3:
            return c
    return None


def _phrase(tokens, aspect, pred, lang, pkey, aspect_first=None) -> Phrase | None:
    words = list({t.i: t for t in tokens}.values())
    t0 = words[0]
    if len(words) > MAX_WORDS + 3:
        return None
    text, shown = _tidy(words, lang, pred, aspect_first)
    if not text or len(text.split()) > MAX_WORDS + 1 or not any(c.isalpha() for c in text):
        return None
    first = min(words, key=lambda t: t.i)
    text = _lower_first(text, first)
    if not _nominal(aspect):  # a verb phrase without a noun ("kon niet betalen"): no aspect
        return Phrase(label=text, aspect="", aspect_key="", predicate_key=pkey, complete=len(text.split()) >= 2,
                      tokens=tuple(shown))
    asp_np = noun_phrase(aspect, lang, with_pp=False)
    complete = len(text.split()) >= 2 and any(_nominal(t) for t in words) and any(
        (t.pos_ == "VERB" and lemma(t) not in _w(lang, "light_verbs") and t.lower_ not in _w(lang, "light_verbs"))
        or (t.pos_ == "ADJ" and t.lower_ not in _w(lang, "evaluative")) or _is_neg(t, lang)
        or (t.pos_ == "NUM" and t.head.pos_ != "PROPN") for t in words) \
        and "." not in text.strip(".")
    positive = any(t.lower_ in _w(lang, "positive") or lemma(t) in _w(lang, "positive") for t in words) and not any(
        _is_neg(t, lang) or t.lower_ in _w(lang, "negative_hints") for t in words) and not any(
        t.lower_ in CONDITIONAL for t in t0.sent)
    return Phrase(label=text, aspect=_lower_first(join_tokens(asp_np), asp_np[0]), aspect_key=_key(aspect, lang),
                  predicate_key=pkey, complete=complete, positive=positive, tokens=tuple(shown),
                  aspect_noun=_said_noun(aspect, lang))


def _said_noun(tok, lang: str) -> bool:
    """Whether a token is a noun that can name a theme: tagged NOUN or PROPN and no evaluative
    word of the polarity lexicon ('fijn', 'help' read as nouns)."""
    from .lexicon import lexicon_entries

    return tok.pos_ in ("NOUN", "PROPN") and _nominal(tok) and tok.lower_ not in lexicon_entries(lang)


def _key(tok, lang: str) -> str:
    k = lemma(tok) if _nominal(tok) or tok.pos_ == "VERB" else tok.lower_
    return k.replace("’", "'")


def _wished(anchor, lang: str) -> Phrase | None:
    """A wish with an object ("ik zou graag een filter op prijs willen", "I'd like dark mode"):
    ``wil`` / ``wants`` + the object's noun phrase."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    if any(_is_neg(t, lang) or t.lower_ in _REVERSING for t in verb.subtree):
        return None  # 'ik wilde geen account aanmaken', 'zo min mogelijk nieuw kopen': read as said
    if anchor.pos_ not in ("VERB", "AUX") and verb.pos_ == "VERB" and lemma(verb) not in _w(lang, "wish") \
            and lemma(verb) not in _w(lang, "light_verbs") and verb.lower_ not in _w(lang, "light_verbs"):
        return None  # 'daar betaal ik graag een tientje voor': what is wished is the doing, read as said
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
               and not any(k.dep_ in ("mark", "advmod") and k.i < c.i and k.lower_ in _PURPOSE_OPENERS[lang] - {"om", "to"}
                           for k in c.children)]  # not 'als de les begint': when it is wished, not what
    above = (verb.head,) if verb.dep_ in ("aux", "xcomp") and verb.head.i != verb.i else ()
    for v in (verb, *clauses, *above):  # "I wish the trial had sample data" -> the clause's object
        objs = [c for c in v.children if c.dep_ in OBJ and (_nominal(c) or (
            c.pos_ not in ("PRON", "DET", "NUM", "PUNCT", "VERB", "AUX") and not c.is_stop and len(c.text) > 2
            and c.lower_ not in _w(lang, "not_aspect")))]
        if not objs and any(c.dep_ == "expl" for c in v.children):  # 'I wish there was a cheaper plan'
            objs = [c for c in v.children if c.dep_ in SUBJ and _nominal(c)]
        if v is not verb and any(c.dep_ == "mark" and c.lower_ in ("dat", "that", "of", "if", "whether")
                                 for c in v.children):
            return None  # 'ik wil dat een kortingscode in één keer werkt': read as said
        if objs and any(c.dep_ in ("xcomp", "ccomp") and c.i > objs[0].i for c in (*objs[0].children, *v.children)):
            return None  # 'I need my physios to know when they work': read as said
        if objs and any(_wished_how(x, lang, []) for x in (v, *clauses)):
            return None  # 'wil mijn meterstanden zelf online doorgeven': how it is wished is the point, read as said
        if objs:
            np = noun_phrase(objs[0], lang)
            if len(np) <= 5:
                np = _with_article(np, objs[0], lang)
                word = "wil" if lang == "nl" else "wants"
                asp = noun_phrase(objs[0], lang, with_pp=False)
                what = f"{word} {join_tokens(np)}"
                tail = _purpose_tail(np, lang)
                if tail and len(what.split()) + len(tail.strip(": ").split()) <= MAX_WORDS + 3:
                    what = f"{what} {tail}" if not tail.startswith(":") else f"{what}{tail}"
                return Phrase(label=what, aspect=join_tokens(asp),
                              aspect_key=_key(objs[0], lang), predicate_key="want", prefix=word,
                              tokens=tuple(t for t in np if t.pos_ != "PUNCT"), aspect_noun=_said_noun(objs[0], lang))
    return None


#: words that open what a wished thing is for, said right after it or after a comma ('a calculator
#: to estimate the cost', 'a reminder …, like a push message when their shift starts')
_PURPOSE_OPENERS = {"nl": {"om", "zodat", "als", "wanneer", "zodra", "voordat"},
                    "en": {"to", "so", "when", "whenever", "before", "if"}}


def _purpose_tail(np: list, lang: str) -> str:
    """What the wished thing is for, as said after its noun phrase: a purpose or time clause
    right after it ("to estimate the monthly cost", "om de maandprijs te zien") or later in its
    sentence ("when their shift starts" of "…, like a push message when their shift starts"), or
    subjectless steps after a comma (": put in fourteen people, see the price"). Empty when the
    sentence says none. A wish without its purpose ("wants a reminder") leaves out what it is for."""
    if not np:
        return ""
    doc = np[0].doc
    end = max(t.i for t in np) + 1
    rest = [t for t in doc[end:] if not (t.is_punct and t.text in ".!?")]
    if not rest:
        return ""
    openers = _PURPOSE_OPENERS[lang]
    start = next((k for k, t in enumerate(rest) if t.lower_ in openers and (k == 0 or rest[k - 1].text == ","
                                                                          or t.lower_ not in ("to", "om", "if", "als"))),
                 None)
    if start is not None:
        clause = []
        for t in rest[start:]:
            if t.is_punct:
                break
            clause.append(t)
        verbs = [t for t in clause if t.pos_ in ("VERB", "AUX") or t.lower_ in ("te",)]
        if 2 <= len(clause) <= 6 and (verbs or lang == "en") and not any(t.lower_ in _w(lang, "negation") for t in clause):
            return join_tokens(clause)
    if rest[0].text == "," and len(rest) > 1 and rest[1].pos_ == "VERB" and not any(
            c.dep_ in SUBJ for c in rest[1].children):  # 'a calculator, put in fourteen people, see the price'
        steps = [t for t in rest[1:] if t.text not in ".!?"]
        if len(steps) <= 9 and not any(t.dep_ in SUBJ for t in steps):
            return ": " + "".join(t.text_with_ws for t in steps).strip()  # as said, with its commas
    return ""


def _with_article(np: list, head, lang: str) -> list:
    """An English wished noun phrase with its article and a short relative clause, as said
    ("wants a calculator", "wants one person at Planwise who knows our setup"): a bare singular
    ("wants calculator") reads as a note, not a researcher's phrase. Dutch labels stay bare ("wil
    filter op prijs")."""
    if lang != "en":
        return np
    said = {t.i for t in np}
    det = [c for c in head.children if c.dep_ in ("det", "nummod") and c.i < head.i
           and c.lower_ in ("a", "an", "one", "some", "more", "better", "another")]
    rel = next((c for t in np for c in t.children if c.dep_ in ("acl:relcl", "relcl") and c.i > max(said)), None)
    extra = list(rel.subtree) if rel is not None else []
    if extra and (len(np) + len(extra) > MAX_WORDS or any(t.pos_ == "PUNCT" for t in extra)
                  or min(t.i for t in extra) != max(said) + 1):
        extra = []
    return sorted({t.i: t for t in [*det, *np, *extra]}.values(), key=lambda t: t.i)


def _problem(noun, lang: str) -> Phrase | None:
    """'probleem met de app', 'the only real problem was the CSV import' → 'problem with CSV import'."""
    target = None
    for _, n in _pp_nouns(noun):
        target = n
        break
    if target is None and noun.dep_ in SUBJ and _nominal(noun.head):
        target = noun.head
    if target is None:
        for c in noun.head.children if noun.dep_ in SUBJ | {"attr"} else ():
            if c.i != noun.i and c.dep_ in SUBJ | {"attr"} and _nominal(c):
                target = c
    if target is None or target.i == noun.i or target.lower_ in _w(lang, "problem_nouns"):
        return None
    np = noun_phrase(target, lang, with_pp=False)
    word, prep = ("probleem", "met") if lang == "nl" else ("problem", "with")
    return Phrase(label=f"{word} {prep} {join_tokens(np)}", aspect=join_tokens(np), aspect_key=_key(target, lang),
                  predicate_key="problem", aspect_noun=_said_noun(target, lang))
