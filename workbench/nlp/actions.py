"""What a participant did: verb phrases with their object, read from a dependency parse.

:func:`action_phrases` finds the things a speaker says they did — "vergeleek prijzen op een
vergelijkingssite", "belde de klantenservice", "sorted it out with the business" — and gives them
as said: the stretch from the verb to its object or prepositional phrase, without the subject
pronoun and filler, with a lemma key (verb, then the object's head) for grouping.

An action is

* a content verb (not a light verb such as "hebben", "zien", "have", nor a state, evaluation or
  wish: ``not_action`` in ``data/themes/words.toml``) — or a light verb that carries a noun
  object ("een proefles gedaan", "did a trial class": ``support_verbs``);
* done by the speaker, not to them: no passive ("ik werd doorverbonden", "I got charged":
  ``passive_aux``), no participle under a state verb ("voelde me aan m'n lot overgelaten":
  ``state_heads``);
* done by the speaker: its subject is a first-person pronoun, or it has none (a survey answer
  "Prijzen vergeleken op …"), and then it is no third-person form ("Depends what …", "hangt af");
  nobody else's ("mijn buurman bestelde"), no generic "you" ("dat je kunt controleren");
* a word that can be a verb (:func:`workbench.nlp.wordclass.can_be_verb`: not "gratis retour"),
  used as one (:func:`_used_as_noun`: not a noun, a participle or infinitive inside a noun phrase
  the parser took for a verb — "foto's van rotan stoelen", "een optie voor CO2-neutraal
  verzenden", "notifications and onboarding e-mails");
* done, not wished ("betaal graag …"), planned, asked about or denied: no negation, no conditional or future
  auxiliary ("I'd recommend", "will renew"), not under a wish ("I wish I could copy …"), not an
  indirect question ("wist niet hoe ik de verpakking kon terugsturen"), not someone else's words
  ("die zeiden dat ik een klacht moest indienen");
* said as done: its verb, or the modal it is said with ('moest een account aanmaken'), is a past
  tense or participle (:func:`workbench.nlp.wordclass.past_form`), so the lane does not mix
  "paid with my own card" with "paying by credit card", "ask in the chat" or "retour aanmelden";
* with an object or a prepositional phrase that is no time expression ("late one evening", "in
  an evening"), so a modal and a verb alone ("kunt controleren") are no action — except a
  contact or transaction verb said with an explicit "ik"/"I" ("ik heb gebeld", "I called
  them": ``bare_actions``).

The small parser trained on UD often reads a Dutch perfect "ik heb X gedaan" with the
participle as a clause of "heb" and X as its subject, or a fronted object ("Dat heb ik gebeld")
as a second subject; :func:`_roles` reads such a clause as said: the first-person pronoun is the
subject, the other noun the object.
"""

from __future__ import annotations

from dataclasses import dataclass

from .action_objects import _OBJECT_PRONOUNS, _object_source, _purpose, _with_r_pronoun
from .clauses import is_clitic
from .phrases import (
    AUX,
    MAX_WORDS,
    OBJ,
    PRT,
    SUBJ,
    _is_neg,
    _lang,
    _lower_first,
    _nominal,
    _pp_nouns,
    _w,
    join_tokens,
    noun_phrase,
)
from .syntax import lemma
from .wordclass import can_be_verb, mostly_noun, past_form

__all__ = ["Action", "action_phrases"]

#: auxiliaries that make a verb conditional or future: not (yet) done
_NOT_DONE = {"nl": {"zou", "zouden", "zal", "zullen", "ga", "gaat", "gaan"},
             "en": {"would", "'d", "could", "will", "'ll", "shall", "might", "may", "should", "wo"}}
#: subordinators and question words that make a clause an indirect question, a condition or
#: someone's words ('zeiden dat ik een klacht moest indienen')
_NOT_ASSERTED = {"nl": {"hoe", "of", "als", "wanneer", "waar", "wat", "waarom", "welke", "indien", "mocht", "dat"},
                 "en": {"how", "whether", "if", "when", "where", "what", "why", "which", "unless", "that"}}
#: quantifiers of a fronted time phrase that says how often ('every Friday', 'elke zondag')
_EVERY = {"nl": {"elke", "iedere", "meeste", "sommige"}, "en": {"every", "each", "most", "some"}}
_SECOND_PERSON = {"nl": {"je", "jij", "u"}, "en": {"you"}}
#: a past-perfect auxiliary, and the words that make it counterfactual before the verb ('dan had ik mijn
#: termijnbedrag verhoogd', 'had ik maar gebeld', 'otherwise I had paid'): what the speaker did not do
_PLUPERFECT = {"nl": {"had", "hadden", "was", "waren"}, "en": {"had", "'d"}}
_IRREALIS = {"nl": {"dan", "anders", "als", "indien", "mocht", "maar", "desnoods"}, "en": {"otherwise", "if", "only"}}
_QUOTES = {'"', "'", "“", "”", "‘", "’", "`"}
_TEMPORAL = {"obl", "obl:tmod", "nmod:tmod", "npadvmod", "obl:npmod", "obl:unmarked"}
#: adverbs a parser may attach to the verb that are its particle ('figured the rest out')
_PARTICLES = {"nl": {"op", "aan", "af", "uit", "in", "terug", "door", "mee", "weg", "over", "toe", "vast"},
              "en": {"up", "out", "down", "off", "back", "over", "away", "through", "around"}}


@dataclass(frozen=True)
class Action:
    """A thing a participant did: ``text`` as said (without the pronoun), ``key`` its lemmas
    (verb, then the object's head) for grouping, and its character span in the sentence."""

    text: str
    key: str
    start: int
    end: int
    #: a contact verb said without whom ('ik heb gebeld', 'I called'): its object is the party the turn or
    #: its phase names (:func:`workbench.journey.lanes.action_hits`); ``text`` is the verb as said
    open: bool = False


_HAVE = {"nl": {"hebben", "heb", "hebt", "heeft", "had", "hadden", "zijn", "ben", "bent", "is", "was", "waren"},
         "en": {"have", "has", "had", "be", "is", "was", "were"}}
#: auxiliaries of a second or third person, which a subjectless answer by the speaker never has
_THIRD_AUX = {"nl": {"heeft", "hebt", "is", "bent", "wordt"}, "en": {"has", "is", "does"}}
_DEMONSTRATIVE = {"nl": {"die", "dat", "dit", "deze", "het"}, "en": {"that", "this", "those", "these", "it"}}


def _subject(verb, lang: str = "en"):
    """The verb's subject (a first-person pronoun first, when the parser gave it two), or that of
    the clause it is conjoined to or the complement of."""
    subs = [c for c in verb.children if c.dep_ in SUBJ]
    subs += [c for a in verb.children if a.dep_ in AUX for c in a.children if c.dep_ in SUBJ]  # 'Ik' under 'heb'
    first = _w(lang, "first_person")
    if subs:
        return next((c for c in subs if c.lower_ in first), subs[0])
    head = verb.head
    if head.i != verb.i and (verb.dep_ in ("conj", "xcomp") or (  # a participle read as a clause or object of 'heb'
            verb.dep_ in ("ccomp", "obj") and (head.lower_ in _HAVE.get(lang, ()) or lemma(head) in _HAVE.get(lang, ())))):
        return _subject(head, lang)  # 'ik heb toen de tarieven vergeleken' read as 'heb' + a clause
    return None


def _roles(v, lang: str):
    """The subject of ``v`` and the words the parser made its subject that are its objects.

    - "Ik heb de prijzen vergeleken" read as 'heb' with a clause 'de prijzen vergeleken': the
      subject of 'heb' (a first-person pronoun) is the subject, 'prijzen' the object;
    - "Die heb ik gestuurd" / "Dat heb ik gebeld": a demonstrative subject beside a first-person
      pronoun is the fronted object;
    - "Meestal kies ik het kleinste pakket": a noun subject after the verb and the first-person pronoun
      (Dutch inversion) is the object.
    """
    first = _w(lang, "first_person")
    own = [c for c in v.children if c.dep_ in SUBJ]
    head = v.head
    if v.dep_ in ("ccomp", "xcomp", "conj", "obj") and head.i != v.i and head.i < v.i and \
            (lemma(head) in _HAVE.get(lang, ()) or head.lower_ in _HAVE.get(lang, ())):
        upper = [c for c in head.children if c.dep_ in SUBJ and c.lower_ in first]
        nouns = [c for c in own if c.lower_ not in first and head.i < c.i < v.i]
        if upper and nouns and len(nouns) == len(own):
            return upper[0], nouns
    me = [c for c in v.children if c.lower_ in first and c.dep_ in SUBJ | OBJ]
    demo = [c for c in own if c.lower_ in _DEMONSTRATIVE.get(lang, ()) and c.i < v.i]
    if me and demo and not any(c.lower_ in first for c in own):
        return me[0], demo
    later = [c for c in own if c.lower_ not in first and c.pos_ in ("NOUN", "PROPN") and me and v.i < me[0].i < c.i]
    if me and later and me[0] in own and len(later) == len(own) - 1:
        return me[0], later  # 'Meestal kies ik het kleinste pakket' with 'pakket' read as a second subject
    if v.dep_ in ("ccomp", "xcomp", "conj", "obj") and head.i != v.i and head.i < v.i and \
            (lemma(head) in _HAVE.get(lang, ()) or head.lower_ in _HAVE.get(lang, ())):
        upper = [c for c in head.children if c.dep_ in SUBJ and c.lower_ in first]
        pron = [c for c in own if c.lower_ in _OBJECT_PRONOUNS.get(lang, ()) and upper[:1] and upper[0].i < c.i < v.i]
        if upper and pron and len(pron) == len(own):
            return upper[0], pron  # 'daarna heb ik ze gevolgd': 'ze' is the object, 'ik' the subject
    return _subject(v, lang), []


def _done_to_speaker(v, lang: str) -> bool:
    """A passive ("ik werd doorverbonden", "I got charged twice") or a participle under a state
    verb ("ik voelde me aan m'n lot overgelaten"): something done to the speaker."""
    if any(c.dep_ in ("nsubj:pass", "nsubjpass", "aux:pass", "auxpass", "csubj:pass") for c in v.children):
        return True
    if any(c.dep_ in AUX and c.lower_ in _w(lang, "passive_aux") for c in v.children):
        return True
    head = v.head
    return v.dep_ in ("xcomp", "ccomp", "conj") and head.i != v.i and (
        head.lower_ in _w(lang, "state_heads") or lemma(head) in _w(lang, "state_heads"))


def _done_to_goods(v, subj, objs, pps, lang: str) -> bool:
    """A participle said without a subject of what was done to the customer or their goods: a verb
    whose object they are said without one ("Charged for a box", "Left in the rain", "Delayed due to
    …": ``done_to``), or one with an agent ("bezorgd door DPD", "installed by the engineer":
    ``agent_prepositions`` with a name or a noun with its article; an English name after 'by' is as
    often how one paid, 'paid by PayPal')."""
    if subj is not None or not past_form(v.text, lemma(v), lang):
        return False
    if not objs and (v.lower_ in _w(lang, "done_to") or lemma(v) in _w(lang, "done_to")):
        return True
    agent = _w(lang, "agent_prepositions")
    return any((case.lower_ in agent or n.dep_ == "obl:agent") and n.i > v.i and (
        (n.pos_ == "PROPN" and lang != "en") or any(c.dep_ == "det" and c.pos_ == "DET" for c in n.children))
        for case, n in pps)


def _reported_present(v, subj, lang: str) -> bool:
    """A present tense the speaker reports of themselves as what they do ("Every Sunday I pick the
    recipes", "ik kies meestal de kleinste box"): an explicit first-person subject, a finite verb
    without an auxiliary or modal ("I can choose" is an option, not a habit), no verb that does its
    act as it is said ("I recommend it": ``performative``), not in a question and not put in the
    future by a time word ("ik bel morgen")."""
    if subj is None or subj.lower_ not in _w(lang, "first_person") or subj.head.i != v.i:
        return False  # 'had to pay the fee', 'trying to settle …': the subject is another verb's
    if v.dep_ in ("xcomp", "ccomp") or v.lower_.endswith("ing") or any(
            c.dep_ in AUX or c.dep_ == "mark" for c in v.children):
        return False
    doc = v.doc  # one sentence (action_hits parses each on its own)
    between = list(doc[subj.i + 1:v.i] if subj.i < v.i else doc[v.i + 1:subj.i])
    if any(t.lower_ in _w(lang, "negation") or t.lower_ in _w(lang, "modals") or t.lower_ in _w(lang, "bare_contractions")
           for t in (v, *between)) or any(t.pos_ != "ADV" for t in between):
        return False  # 'I cant log', 'I cannot access …', 'I never order': a modal, a negation or a verb, no habit
    for t in doc[v.i + 1:]:  # its clause after it: 'ik betaal mijn bank niet om …'
        if t.pos_ in ("PUNCT", "SCONJ", "VERB", "AUX") or t.dep_ == "mark":
            break
        if t.lower_ in _w(lang, "negation"):
            return False
    if v.lower_ in _w(lang, "performative") or lemma(v) in _w(lang, "performative"):
        return False  # 'I recommend it to every new manager': said now, an opinion
    if lang == "en" and v.lower_ != lemma(v).lower():
        return False  # 'picks', 'picked' (a past is read as such)
    if lang == "nl" and v.lower_.endswith("en") and subj.lower_ not in ("we", "wij"):
        return False  # 'ik … kiezen': an infinitive under something else
    if doc.text.rstrip().endswith("?") or any(t.lower_ in _w(lang, "future_time") for t in doc):
        return False
    return True


def _time_clause(v, lang: str) -> bool:
    """A main clause after a fronted time phrase that the parser read as its relative clause ("Most
    weeks I just leave it on the default": 'leave' under 'weeks', "Every Friday I …"): a time noun or
    one said with how often, and a first-person subject of its own after it."""
    head = v.head
    if v.dep_ not in ("acl:relcl", "relcl") or head.i > v.i:
        return False
    if head.lower_ not in _w(lang, "not_aspect") and not any(
            c.dep_ == "det" and c.lower_ in _EVERY.get(lang, ()) for c in head.children):
        return False  # 'the box I ordered': a relative clause
    subs = [c for c in v.children if c.dep_ in SUBJ]
    return bool(subs) and subs[0].lower_ in _w(lang, "first_person") and subs[0].i > head.i


def _other_side(n, v, lang: str) -> list:
    """The second side of a two-sided phrase ("tussen een nieuwe lamp of mijn geld terug", "between
    X and Y", "either X or Y": ``two_sided``): the conjunction and the conjoined noun phrase, hung on
    the noun or (a misparse) on the verb; [] when the phrase is no such one."""
    two = _w(lang, "two_sided")
    doc = n.doc
    marked = any(doc[i].lower_ in two for i in range(max(0, n.i - 4), n.i))
    if not marked:
        return []
    conj = next((c for c in (*n.children, *v.children) if c.dep_ == "conj" and c.i > n.i
                 and c.pos_ in ("NOUN", "PROPN", "NUM")), None)
    if conj is not None:
        cc = [c for c in conj.children if c.dep_ == "cc" and c.i < conj.i]
        return cc + _object_tokens(conj, lang)
    # the parser hung the second side elsewhere ('… of mijn geld terug' under another verb): as said after the conjunction
    end = max(t.i for t in (n, *_object_tokens(n, lang)))
    if end + 1 >= len(doc) or doc[end + 1].pos_ != "CCONJ":
        return []
    side = []
    for t in doc[end + 2:end + 6]:
        if t.pos_ not in ("DET", "PRON", "ADJ", "NOUN", "PROPN", "NUM") or t.lower_ in _w(lang, "first_person"):
            break
        side.append(t)
    return [doc[end + 1], *side] if any(t.pos_ in ("NOUN", "PROPN") for t in side) else []


def _partitive(tok, lang: str) -> list:
    """The words of a numeral object that counts a set it names ("three or four of them", "twee van
    de drie"): the numeral to the end of the PP it, or a numeral conjoined to it (hung on it or, a
    misparse, on the verb), has; [] when the object is no such numeral."""
    if tok.pos_ != "NUM" or tok.dep_ not in OBJ:
        return []
    nums = [tok, *(c for c in (*tok.children, *tok.head.children) if c.dep_ == "conj" and c.pos_ == "NUM" and c.i > tok.i)]
    pps = [k for t in nums for k in t.children if k.dep_ in ("nmod", "obl") and k.i > t.i]
    if not pps or any(t.pos_ in ("PUNCT", "VERB", "AUX") for t in tok.doc[tok.i:max(k.i for k in pps) + 1]):
        return []
    return list(tok.doc[tok.i:max(k.i for k in pps) + 1])


def _third_person_form(v, lang: str) -> bool:
    """A present-tense third-person form ("depends", "hangt"), which needs a subject other than
    the speaker when none is said."""
    base = lemma(v)
    w = v.lower_
    if lang == "en":
        return w.endswith("s") and not w.endswith("ss") and base != w and w in (base + "s", base + "es")
    stem = base[:-2] if base.endswith("en") else base
    return w != stem and w in (stem + "t", stem[:-1] + "t" if len(stem) > 2 and stem[-1] == stem[-2] else "") \
        and not w.startswith("ge")


_NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM"}


def _used_as_noun(v, lang: str) -> bool:
    """Whether the parser's VERB ``v`` is a word of a noun phrase, not the head of a clause:

    - it has a determiner, an adposition or a copula of its own ("het verzenden", "was een optie
      voor … verzenden"): only nouns and predicates take those;
    - it is conjoined to a noun ("notifications and onboarding e-mails");
    - it follows a determiner, adposition or adjective of another phrase with only adverbs or
      adjectives between ("voor CO2-neutraal verzenden", "the onboarding e-mails");
    - the lexicon knows it chiefly as a noun ("stoelen", "booking") and the clause gives it no
      subject or auxiliary of its own.
    """
    hung = {c.i - 1 for c in _hung_objects(v, lang)}  # 'de klantenservice gebeld': the article is the object's
    if any(c.dep_ in ("det", "case", "cop") and c.i not in hung for c in v.children):
        return True
    if v.dep_ == "conj" and v.head.pos_ in _NOMINAL_POS:
        return True
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].pos_ in ("ADV", "ADJ") and doc[j].head.i != v.i:
        j -= 1
    if j >= 0 and j < v.i - 1 and doc[j].pos_ in ("DET", "ADP") and doc[j].head.i != v.i:
        return True  # 'voor CO2-neutraal verzenden'
    if v.i > 0 and doc[v.i - 1].pos_ in ("DET", "ADJ") and doc[v.i - 1].head.i != v.i \
            and doc[v.i - 1].dep_ not in SUBJ and doc[v.i - 1].lower_ not in _w(lang, "first_person"):
        return True  # 'the onboarding e-mails'
    if mostly_noun(v.lower_, lang):
        own = any(c.dep_ in SUBJ or c.dep_ in AUX for c in v.children)
        return not own
    return False


def _counterfactual(v, chain, lang: str) -> bool:
    """A past perfect said of what would have happened: a pluperfect auxiliary of the verb with a word of
    the irrealis before the verb in its sentence ('dan had ik … verhoogd', 'had ik maar …')."""
    pluperfect = _PLUPERFECT.get(lang, ())
    aux = [c for t in chain for c in t.children if c.dep_ in AUX and c.lower_ in pluperfect]
    aux += [t for t in chain[1:] if t.lower_ in pluperfect]  # 'had' read as the verb, the participle its xcomp
    if not aux:
        return False
    sent = v.sent if v.doc.has_annotation("SENT_START") else v.doc[:]
    return any(t.lower_ in _IRREALIS.get(lang, ()) for t in v.doc[sent.start:v.i])


def _done(v, lang: str) -> bool:
    """Not conditional, counterfactual, future, wished, asked about or denied."""
    chain = [v, v.head] if v.dep_ in ("xcomp",) else [v]
    if _counterfactual(v, chain, lang):
        return False
    for t in chain:
        for c in t.children:
            if c.dep_ in AUX and c.lower_ in _NOT_DONE.get(lang, ()):
                return False
            if c.dep_ in ("mark", "advmod") and c.lower_ in _NOT_ASSERTED.get(lang, ()) and c.i < v.i:
                return False
            if _is_neg(c, lang) or (c.dep_ in OBJ and any(_is_neg(k, lang) for k in c.children)):
                return False  # 'kon geen bezorgmoment kiezen': not done
            if c.dep_ == "advmod" and c.lower_ in _w(lang, "wish"):
                return False  # 'daar betaal ik graag een tientje voor': willing, not done
    head = v.head
    if v.dep_ == "ccomp" and head.i != v.i and any(c.dep_ in SUBJ and c.lower_ not in _w(lang, "first_person")
                                                   for c in head.children):
        return False  # 'die zeiden dat ik een klacht moest indienen': someone else's words, not done
    if head.i != v.i and (lemma(head) in _w(lang, "wish") or head.lower_ in _w(lang, "wish")) \
            and v.dep_ in ("ccomp", "xcomp"):
        return False  # 'I wish I could copy …'
    return True


def _hung_objects(v, lang: str) -> list:
    """Noun phrases the parser hung on the verb as a modifier ("de klantenservice gebeld" with
    'klantenservice' read as an adjective): a word with its own article before a Dutch verb."""
    if lang != "nl":
        return []
    doc = v.doc
    return [c for c in v.children if c.dep_ == "amod" and 0 < c.i < v.i and (
        any(k.dep_ == "det" for k in c.children) or (doc[c.i - 1].dep_ == "det" and doc[c.i - 1].head.i in (v.i, c.i)))]


def _quoted(noun) -> list:
    """The tokens between the quote marks around ``noun`` (a search term said in quotes), else []."""
    doc = noun.doc
    left = next((i for i in range(noun.i - 1, max(-1, noun.i - 8), -1) if doc[i].text in _QUOTES), None)
    right = next((i for i in range(noun.i + 1, min(len(doc), noun.i + 8)) if doc[i].text in _QUOTES), None)
    if left is None or right is None:
        return []
    return [doc[i] for i in range(left + 1, right)]


def _object_tokens(noun, lang: str) -> list:
    inside = _quoted(noun)
    if inside:
        return inside
    return noun_phrase(noun, lang, with_pp=False) + [c for c in noun.children
                                                     if c.dep_ in ("det", "nummod", "det:poss", "nmod:poss")
                                                     and c.lower_ not in _w(lang, "negation")]


#: nouns for a person that say who only with a clause of their own ('a guy I know at …')
_PERSON = {"nl": {"man", "vrouw", "jongen", "meisje", "kerel", "gast", "persoon", "iemand", "type", "vent"},
           "en": {"guy", "man", "woman", "person", "someone", "somebody", "bloke", "lady", "chap", "fellow", "dude"}}


def _vague_person(noun, lang: str) -> bool:
    """Whether ``noun`` is an indefinite person ('a guy', 'een man') that a relative clause
    identifies: the action's phrase without the clause would name nobody."""
    return noun.lower_ in _PERSON.get(lang, ()) and any(
        c.dep_ in ("acl:relcl", "relcl", "acl") for c in noun.children)


def _stretch(toks: list, v, subj, lang: str, extra: int = 0) -> list | None:
    """The words from the first chosen word to the last, as said: the chosen ones and the words
    between them except the subject, filler, punctuation and a left-out time phrase; None when the
    stretch crosses a clause boundary or runs too long."""
    doc = v.doc
    chosen = {t.i for t in toks}
    lo, hi = min(chosen), max(chosen)
    out = []
    for i in range(lo, hi + 1):
        t = doc[i]
        if i in chosen:
            out.append(t)
            continue
        if t.pos_ == "PUNCT" and t.text not in _QUOTES:
            return None
        if t.dep_ == "mark" or (t.pos_ in ("VERB", "AUX") and t.head.i != v.i and t.i != v.i):
            return None
        if (subj is not None and t.i == subj.i) or t.lower_ in _w(lang, "filler") or t.text in _QUOTES:
            continue
        if (t.lower_ in _w(lang, "not_aspect") and t.dep_ in _TEMPORAL) or (
                t.head.lower_ in _w(lang, "not_aspect") and t.head.dep_ in _TEMPORAL):
            continue  # 'set everything up in an evening'
        if t.pos_ == "AUX":
            continue  # an infinitive modal or a tense auxiliary between ('heb het … moeten vragen')
        out.append(t)
    if len(out) > MAX_WORDS + 2 + extra:
        return None
    return out


def action_phrases(doc, open_objects: bool = False) -> list[Action]:
    """The actions in a parsed sentence (see the module doc). With ``open_objects`` a contact verb said
    with an explicit 'ik'/'I' and no object ('ik heb gebeld', 'I called') is an :class:`Action` too,
    ``open`` (its object left to the context), where without it is too thin."""
    lang = _lang(doc)
    out = []
    second = _SECOND_PERSON.get(lang, set())
    for v in doc:
        if v.pos_ != "VERB":
            continue
        light = lemma(v) in _w(lang, "light_verbs") or v.lower_ in _w(lang, "light_verbs")
        support = v.lower_ in _w(lang, "support_verbs") or lemma(v) in _w(lang, "support_verbs")
        if light and not support:
            continue
        if not can_be_verb(v.lower_, lang):
            continue  # a verbless answer read as a clause ('gratis retour', '… euro vijftig')
        if _used_as_noun(v, lang):
            continue  # a noun phrase read as a clause ("foto's van rotan stoelen")
        if lemma(v) in _w(lang, "not_action") or v.lower_ in _w(lang, "not_action"):
            continue  # a state, an evaluation or a wish ('miste een filter', 'de levertijd klopte')
        if (v.dep_ in ("amod", "acl", "advcl", "csubj") or (v.dep_ in ("acl:relcl", "relcl") and not _time_clause(v, lang))) \
                or not _done(v, lang):
            continue
        if sum(1 for t in doc[:v.i] if t.text in _QUOTES) % 2:
            continue  # inside quotes: words cited, not done ("don't believe the 'up and running' …")
        if _done_to_speaker(v, lang):
            continue  # 'aan m'n lot overgelaten', 'got charged twice': done to the customer
        subj, fronted = _roles(v, lang)
        if subj is not None and subj.lower_ not in _w(lang, "first_person"):
            continue
        if subj is None:
            if v.dep_ not in ("root", "ROOT", "conj", "xcomp") or _third_person_form(v, lang):
                continue
            if any(c.dep_ in AUX and c.lower_ in _THIRD_AUX.get(lang, ()) for c in v.children):
                continue  # 'mijn buurman heeft gebeld' with 'buurman' read as the object: not the speaker
            if any(t.lower_ in second and (t.i >= v.i - 4 or t.dep_ in SUBJ) for t in doc[:v.i]):
                continue  # 'dat je de bestelling kunt controleren': anyone, not the speaker
        kids = [v]
        if v.dep_ in ("xcomp", "ccomp", "obj") and (lemma(v.head) in ("hebben", "zijn", "have", "be")
                                                    or v.head.lower_ in _HAVE.get(lang, ())):
            kids.append(v.head)  # "ik heb de kast via de website besteld" read as 'heb' + participle
        first = _w(lang, "first_person")
        objs = [c for c in fronted if _nominal(c)] + [
            c for k in kids for c in k.children if c.dep_ in OBJ | {"ccomp", "xcomp"}
            and (_nominal(c) or _partitive(c, lang)) and c.lower_ not in first]
        objs += _hung_objects(v, lang)
        pps = [(case, n) for k in kids for case, n in _pp_nouns(k)]
        if not pps and objs:
            pps = _object_source(objs[0], lang)  # 'exported our staff from the HR system', the PP hung on the noun
        if _done_to_goods(v, subj, objs, pps, lang):
            continue  # 'Charged for a box', 'bezorgd door DPD': what happened, not what the customer did
        bare = subj is not None and (v.lower_ in _w(lang, "bare_actions") or lemma(v) in _w(lang, "bare_actions"))
        if support and not any(o.pos_ in ("NOUN", "PROPN") for o in objs):
            continue  # 'heb het gedaan', 'made it': a light verb needs a noun to be an action
        purpose = _purpose(v, lang) if bare and not objs and not pps else []
        whom = [c for c in (*fronted, *v.children) if c.dep_ in SUBJ | OBJ and c.lower_ in _OBJECT_PRONOUNS.get(lang, ())
                and c.i != getattr(subj, "i", -1)]
        if whom and not objs and not pps:  # 'heb ik ze gevolgd voor de acties' with the PP hung on 'ze'
            pps = [(c, n) for c, n in _pp_nouns(whom[0]) if n.i > whom[0].i]
        if bare and not objs and not pps and not purpose and not whom:
            # 'ik heb gebeld', 'besteld': what or whom, the sentence does not say — too thin for the map,
            # unless a contact verb's party comes from the context
            if open_objects and (v.lower_ in _w(lang, "contact_verbs") or lemma(v) in _w(lang, "contact_verbs")) \
                    and past_form(v.text, lemma(v), lang):
                out.append(Action(text=v.lower_, key=lemma(v), start=v.idx, end=v.idx + len(v.text), open=True))
            continue
        if not objs and not pps and not bare:
            continue
        toks = [v] + [c for c in v.children if c.dep_ in PRT or (
            c.dep_ == "advmod" and c.lower_ in _PARTICLES.get(lang, ()) and c.i > v.i)]
        # a finite modal says how it was done ('moest een account aanmaken'); an infinitive one
        # ('heb het via de chat moeten vragen') is left out
        toks += [c for c in v.children if c.dep_ in AUX and c.lower_ in _w(lang, "modals")
                 and not (lang == "nl" and c.lower_.endswith("en"))]
        key_obj = ""
        long = 0  # words a two-sided phrase may add to the length limit
        if objs:
            toks += _partitive(objs[0], lang) or _object_tokens(objs[0], lang)  # 'three or four of them'
            side = _other_side(objs[0], v, lang)
            toks += side
            long += len(side)
            before = doc[objs[0].i - 1] if objs[0].i > 0 else None
            if before is not None and before.dep_ == "det" and before.head.i == v.i:
                toks.append(before)  # the article the parser hung on the verb ('de klantenservice gebeld')
            key_obj = lemma(objs[0])
        if pps:
            case, n = pps[0]
            np = _object_tokens(n, lang)
            if _vague_person(n, lang):
                np = []  # 'to a guy' of 'to a guy I know at another firm': who it is, the clause said
            side = _other_side(n, v, lang) if np else []
            if np and len(np) <= 4:
                toks += [case, *np, *side]
                long += len(side)
                key_obj = key_obj or f"{case.lower_} {lemma(n)}"
        if bare and not objs and not pps:  # 'I called them', 'heb ze gebeld', 'gebeld om te vragen of …'
            toks += whom[:1] + purpose
        elif whom and not objs and whom[0].i < v.i:  # 'daarna heb ik ze gevolgd voor de acties'
            toks += whom[:1]
        toks = [t for t in {t.i: t for t in toks}.values() if t.lower_ not in _w(lang, "filler") or t.i == v.i]
        toks = [t for t in toks if not is_clitic(t) or t.i - 1 in {k.i for k in toks}]
        stretch = _stretch(toks, v, subj, lang, long)
        if stretch is None:
            continue
        stretch = _with_r_pronoun(stretch, v, kids, lang)  # 'er een kussen bij gedaan'
        tensed = next((t for t in stretch if t.dep_ in AUX and t.head.i == v.i), v)
        if not past_form(tensed.text, lemma(tensed), lang) and not (tensed is v and _reported_present(v, subj, lang)):
            continue  # 'paying by credit card', 'ask in the chat', 'lees vooral …': not said as done
        content = [t for t in stretch if (t.pos_ in ("NOUN", "PROPN", "NUM") or _nominal(t) or t in objs)
                   and t.lower_ not in _w(lang, "modals")]
        if (not bare or not (whom or purpose)) and (not content or len(stretch) < 2):
            continue  # 'kunt controleren': a modal and a verb are no action
        text = _lower_first(join_tokens(stretch), stretch[0])
        if len(text.split()) < 2:
            continue
        out.append(Action(text=text, key=f"{lemma(v)} {key_obj}".strip(), start=stretch[0].idx,
                          end=stretch[-1].idx + len(stretch[-1].text)))
    return out
