"""Labels that lean on what the sentence around them says (issue 14): a complaint about a pronoun
pointing back, and a predicate without its copula.

:func:`workbench.nlp.signable.label_problem` asks :func:`leans_on_pronoun` ("dat is dus niet echt
een antwoord", "niet netjes" of "ik vind dat niet netjes") and :func:`lost_copula` ("winkelmandje
leeg" of "het winkelmandje was leeg"); :func:`workbench.nlp.signable.signable_label` repairs them
with :func:`with_preceding_clause` (what the pronoun points to, said before it in the same
sentence: "de bezorger wilde niet drie trappen op" of "De bezorger …, hij wilde niet …") and
:func:`with_copula` ("mijn winkelmandje was leeg"). A pronoun whose reference lies in another
sentence has no repair: the theme then takes another member's wording or has no label.
"""

from __future__ import annotations

from collections import Counter

from .label_repair import _ANAPHORS, _CORE, _in_aside, _said
from .signable import _PRO_FORMS

__all__ = ["leans_on_pronoun", "list_item", "lost_copula", "reacts_to_pronoun", "wants_a_pronoun", "with_copula", "with_preceding_clause"]


#: pronouns that point back to something said before when they are what a complaint is about
#: ('dat was een drama', 'die werd uitgesteld', 'it kept crashing'); the speaker and a generic
#: 'je'/'you' are someone, not something said before
_REFERRING = {"nl": {"dat", "dit", "die", "deze", "het", "hij", "'t"},
              "en": {"that", "this", "those", "these", "it", "he", "she"}}
#: of these, the ones that stand for a thing named by a noun ('een rol van twee meter, die past
#: niet'), not for what a whole clause said ('dat vond ik stressvol')
_FOR_A_NOUN = {"nl": {"die", "deze", "hij"}, "en": {"it", "he", "she"}}
#: dependents before a noun that belong to its phrase (not its clause's subject: 'dat is een rol')
_NP_LEFT = {"det", "amod", "nummod", "compound", "nmod:poss", "det:poss", "flat"}
#: words before a pronoun that make the clause before it a contrast, not what it points to
_CONTRAST = {"nl": {"maar", "hoewel", "alleen"}, "en": {"but", "although", "though", "only"}}
#: dependents of a predicate that say what an anticipatory 'het'/'it' stands for ('it wasn't
#: clear which plan had SSO', 'het duurde lang voordat …')
_EXTRAPOSED = {"ccomp", "csubj", "xcomp", "advcl"}


def _relative(t, said: set[int]) -> bool:
    """Whether pronoun ``t`` is a relative pronoun of a noun the label says ('de code die niet werkte')."""
    v = t.head
    return v.dep_ in ("acl:relcl", "relcl", "acl") and v.head.i in said and v.head.i < t.i


def leans_on_pronoun(toks, doc, lang: str) -> bool:
    """Whether a pain label's complaint is about a pronoun pointing back: its subject is one
    ("dat is dus niet echt een antwoord", "die werd één keer uitgesteld", "it kept crashing"; not
    an anticipatory 'it' with the clause it stands for: "it wasn't clear which plan had SSO", nor
    the Dutch 'het' of "het lukte niet"), or what it evaluates is one, said or left out ("ik vind
    dat niet netjes", "niet netjes" of it)."""
    said = {t.i for t in toks}
    for t in doc:
        if t.lower_ not in _REFERRING[lang] or t.lower_ in ("het", "'t") or t.pos_ not in ("PRON", "DET") \
                or t.dep_ not in _POINTED or (t.i not in said and t.head.i not in said):
            continue
        if t.i not in said and not t.dep_.startswith("nsubj") and t.head.pos_ not in ("ADJ", "NOUN"):
            continue  # a pronoun object the label leaves out of a verb it keeps says nothing wrong by itself
        if t.i not in said and t.lower_ not in _ANAPHORS[lang] | {"die", "deze"}:
            continue  # 'too expensive' of 'it was too expensive': a personal pronoun left out is no pointing
        if t.lower_ == "it" and not t.dep_.startswith("nsubj"):
            continue  # 'doesn't really use it': the product, as object
        if _relative(t, said):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.i != t.head.i and (nxt.pos_ in ("NOUN", "PROPN") or nxt.dep_ in ("amod", "compound")) \
                and t.lower_ != "it":
            continue  # 'die verplichte registratie …': a determiner the parser took for the subject
        if t.lower_ == "it" and any(_extraposed(c) and c.i > t.i for c in t.head.children):
            continue  # 'it wasn't clear which plan had SSO'
        if t.i not in said and (any(k.dep_.startswith("nsubj") for k in toks)
                                or any(k.i < t.i and k.pos_ in ("NOUN", "PROPN") for k in toks)
                                or (t.head.pos_ in ("NOUN", "PROPN") and any(k.pos_ == "VERB" for k in toks))):
            continue  # the label names its own subject ('een kast … past niet' of 'Dat is een kast …, die past niet')
        return True
    return False


#: pronouns a reaction may point back with: 'het' as what is judged ('vond het teleurstellend'), an
#: 'er'/'daar' with its stranded preposition ('werd er gek van', 'baalde daar van')
_WHAT_IS_JUDGED = {"nl": {"het", "'t"}, "en": set()}


def reacts_to_pronoun(toks, doc, lang: str) -> bool:
    """Whether a pain label is only a reaction to a pronoun pointing back and names no aspect
    ("mijn vriend werd er gek van", "bij hun nieuwe meubels vond ik het teleurstellend"): an
    'er'/'daar' whose preposition the label keeps without a noun after it, or a 'het' judged by
    the words after it that end the clause; and no noun after the pronoun (the subject before it
    is who reacts) nor a word of the aspect lexicon. A noun with a preposition of its own ('bij
    hun nieuwe meubels') says where, not what."""
    from .label_repair import _PREPOSITIONS_NL, _R_PRONOUNS
    from .lexicon import lexicon_entries
    from .signable import _aspect_word

    if lang != "nl":
        return False
    polar = lexicon_entries(lang)
    said = {t.i for t in toks}
    last = toks[-1]
    ends = last.i + 1 >= len(doc) or doc[last.i + 1].is_punct or doc[last.i + 1].pos_ == "CCONJ"
    pronoun = None
    for k, t in enumerate(toks):
        rest = toks[k + 1:]
        if t.lower_ in _R_PRONOUNS and any(
                r.lower_ in _PREPOSITIONS_NL and (r.i + 1 >= len(doc) or doc[r.i + 1].pos_ not in ("NOUN", "PROPN", "DET", "NUM"))
                for r in rest) and any(r.pos_ == "ADJ" or polar.get(r.lower_, 0) for r in rest):
            pronoun = t  # 'werd er gek van'
        elif t.lower_ in _WHAT_IS_JUDGED[lang] and k > 0 and (toks[k - 1].pos_ == "VERB" or (toks[k - 1].pos_ == "PRON" and k > 1 and toks[k - 2].pos_ == "VERB")) and ends \
                and rest and all(r.pos_ in ("ADJ", "ADV", "VERB") for r in rest) \
                and (rest[-1].pos_ == "ADJ" or polar.get(rest[-1].lower_, 0)):
            pronoun = t  # 'vond het teleurstellend'
        if pronoun is not None:
            break
    if pronoun is None:
        return False
    return not any(t.pos_ in ("NOUN", "PROPN") and (_aspect_word(t, lang) or (
        t.i > pronoun.i and not any(c.dep_ == "case" for c in t.children) and not polar.get(t.lower_, 0)
        and t.lower_ not in _PRO_FORMS[lang])) for t in toks if t.i in said)


def list_item(toks, lang: str) -> bool:
    """Whether a verbless 'geen + noun' label ('geen percentage' of "Geen percentage, geen herkomst,
    niks.") is one item of a list whose head is elsewhere: the noun is a conjunct or apposition
    of a word outside the label, has such conjuncts outside it, or is the object of a verb the
    label leaves out. An existential 'er is geen reparatieservice' keeps 'geen reparatieservice'."""
    from .phrases import _is_neg

    if any(t.pos_ in ("VERB", "AUX") for t in toks) or not any(_is_neg(t, lang) for t in toks):
        return False
    if not all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADV") for t in toks):
        return False
    said = {t.i for t in toks}
    for n in toks:
        if n.pos_ not in ("NOUN", "PROPN"):
            continue
        if n.head.i not in said and n.head.i != n.i and (n.dep_ in ("obj", "dobj", "obl", "nmod") or (
                n.dep_ in ("conj", "appos") and n.head.pos_ in ("NOUN", "PROPN", "PRON"))):
            return True
        if any(c.dep_ in ("conj", "appos") and c.i not in said and c.pos_ in ("NOUN", "PROPN", "PRON")
               for c in n.children):
            return True  # not 'geen ramp' of 'Geen ramp, maar wel traag.'
    return False


#: pronouns that stand for something said before when they are what is wanted or done ('zet het
#: op de site', 'moet ik die ergens vandaan halen?', 'turn those off'); 'het'/'it' and the Dutch
#: 'er' only where the label names no one and nothing as subject or object ('my staff could use it')
_POINTING_OBJECT = {"nl": {"dat", "dit", "die", "deze", "ze", "hen", "hem"},
                    "en": {"that", "this", "those", "these", "them", "him", "her"}}
_WEAK_OBJECT = {"nl": {"het", "'t", "er"}, "en": {"it"}}


def wants_a_pronoun(toks, doc, lang: str, kind: str) -> bool:
    """Whether what a label wants or did is a pronoun pointing back, its object or what its
    verb is about ("moet ik die ergens vandaan halen?", "zet het gewoon op de site", "wil er niet
    over na hoeven denken", "it would be great if we could turn those off", "couldn't add it
    myself"): only the sentence before says what. A pain point's 'it' is the product ("wouldn't
    recommend it") and no such pronoun; a relative pronoun, a pronoun said before a noun
    ('die verplichte registratie') is not either. A pointing object the label leaves out inside
    its words ('zet dan bij de code' of 'zet dat dan bij de code') still points back."""
    said = {t.i for t in toks}
    named = any(t.pos_ in ("NOUN", "PROPN") and (t.dep_.startswith("nsubj") or t.dep_ in ("obj", "dobj", "nmod"))
                for t in toks)
    nouns = any(t.pos_ in ("NOUN", "PROPN") for t in toks)
    for k, t in enumerate(toks):
        low = t.lower_
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.pos_ not in ("PRON", "ADV", "DET") or k == 0 or (
                _relative(t, said) and t.head.head.pos_ in ("NOUN", "PROPN")):
            continue  # a label opening with it: its subject (leans_on_pronoun, 'says nothing')
        after = doc[t.i + 2] if t.i + 2 < len(doc) else None
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "NUM") or (
                nxt.pos_ == "ADJ" and after is not None and after.pos_ in ("NOUN", "PROPN"))):
            continue  # 'die verplichte registratie', 'that call': a determiner of a noun
        after_verb = toks[k - 1].pos_ in ("VERB", "AUX") and toks[k - 1].i == t.i - 1 \
            and not any(c.dep_.startswith("nsubj") and c.i < t.i for c in toks[k - 1].children)
        if low in _POINTING_OBJECT[lang] and (t.dep_ in ("obj", "dobj", "iobj", "obl") or after_verb
                                              or (kind == "need" and low not in ("ze", "them"))):
            return True  # 'moet ik die … halen?' (the small parser may call it the subject)
        if kind == "need" and low in _WEAK_OBJECT[lang] and not named and (
                t.dep_ in ("obj", "dobj", "iobj") or (after_verb and k == 1) or (low == "er" and not nouns)):
            return True  # 'zet het op de site', 'wil er niet over na hoeven denken'
    if kind == "need" and not nouns and any(
            t.i not in said and t.lower_ == "er" and t.pos_ in ("ADV", "PRON") for t in doc[toks[0].i:toks[-1].i]):
        return True  # 'wil niet over na hoeven denken' of 'wil er niet over …': its 'er' left out, still pointing
    left_out = _POINTING_OBJECT[lang] | (_WEAK_OBJECT[lang] if kind == "need" else set())
    if any(t.i not in said and t.lower_ in left_out and t.head.i in said and (
            t.dep_ in ("obj", "dobj", "iobj") or (t.dep_ == "nsubj" and t.head.i < t.i))  # the parser's 'zet dat'
           and doc[t.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ") for t in doc[toks[0].i:toks[-1].i]):
        return True  # 'zet dan bij de code' of 'zet dat dan bij de code': the object left out, still pointing
    return False


#: how a bare evaluation's pointing pronoun hangs on it ('ik vind dat niet netjes': subject, object or
#: the parser's 'mark')
_POINTED = {"nsubj", "nsubj:pass", "obj", "dobj", "mark", "expl"}


def _extraposed(c) -> bool:
    """Whether dependent ``c`` is the clause an anticipatory 'het'/'it' stands for: a clause
    complement, or an infinitive or question clause ('it wasn't easy to find', 'het duurde lang
    voordat …'), not a bare verb ('it kept crashing')."""
    if c.dep_ in ("ccomp", "csubj"):
        return True
    return c.dep_ in _EXTRAPOSED and any(k.dep_ in ("mark", "advmod") and k.i < c.i and k.pos_ in ("SCONJ", "PART", "ADP", "ADV")
                                         for k in c.children)


def with_preceding_clause(label: str, docs, lang: str) -> str | None:
    """What a pronoun-led complaint points back to when the same sentence says it just before:
    the clause before the comma ("het dressoir kwam in een enorme hoeveelheid plastic" of
    "Het dressoir kwam in een enorme hoeveelheid plastic, dat valt tegen"), as said; the one more
    than half of the sentences give, else None (the reference is then in another sentence)."""
    from ..journey.themes import MAX_LABEL_WORDS
    from .phrases import join_tokens, theme_phrase

    found: Counter = Counter()
    for toks, d in _said(label, docs):
        first = toks[0]
        if first.i < 2 or not any(t.text in (",", ";", ":") for t in d[max(0, first.i - 2):first.i]) \
                or any(t.lower_ in _CONTRAST[lang] for t in d[max(0, first.i - 2):first.i]):
            continue
        if first.lower_ in _FOR_A_NOUN[lang]:  # 'een rol van twee meter, die past niet …': the noun for the pronoun
            noun = next((t for t in reversed(d[:first.i]) if t.pos_ in ("NOUN", "PROPN") and not _in_aside(t)
                         and t.lower_ not in _PRO_FORMS[lang] and not any(c.dep_ == "case" for c in t.children)
                         and (t.dep_ in _CORE or t.dep_.lower() == "root")), None)  # not a PP's noun ('in de gang')
            if noun is not None:  # the noun's phrase as said, up to the comma ('een rol van twee meter')
                said = []
                start = min([noun.i] + [c.i for c in noun.children if c.i < noun.i and c.dep_ in _NP_LEFT])
                for t in d[start:min(noun.right_edge.i + 1, first.i)]:
                    if t.is_punct:
                        break
                    said.append(t)
                new = " ".join([join_tokens(said), *(t.text for t in toks[1:])])
                if len(new.split()) <= MAX_LABEL_WORDS + 2:
                    found[new] += 1
                    continue
        p = theme_phrase(d, (d[0].idx, first.idx), kind="pain_point")
        clause = p.clause if p is not None else ""
        if clause and len(clause.split()) <= MAX_LABEL_WORDS + 2 and clause.lower() not in label.lower():
            found[clause] += 1
    if not found:
        return None
    clause, k = found.most_common(1)[0]
    return clause if 2 * k > len(docs) else None


#: a pronoun subject and copula that judge what was said before ('dat is te kort', 'that was too slow')
_JUDGED_BEFORE = {"nl": ({"dat", "dit", "het"}, {"is", "was", "lijkt", "leek", "blijkt", "bleek"}),
                  "en": ({"that", "this", "it"}, {"is", "was", "seems", "seemed"})}


def with_judged_clause(label: str, docs, lang: str) -> str | None:
    """A judgement of what the sentence said just before it ('dat is te kort' of "Opzeggen kan
    pas een week van tevoren, dat is te kort"): that clause, then the judgement ('opzeggen kan
    pas een week van tevoren: te kort'), so neither the complaint nor what it is about is lost;
    None when ``label`` is no pronoun, copula and judgement, or no clause precedes it."""
    words = label.split()
    pronouns, copulas = _JUDGED_BEFORE[lang]
    if len(words) < 3 or words[0].lower() not in pronouns or words[1].lower() not in copulas:
        return None
    clause = with_preceding_clause(label, docs, lang)
    return f"{clause}: {' '.join(words[2:])}" if clause else None


def lost_copula(toks):
    """The copula a verbless label left out between its subject and predicate ('was' of
    "winkelmandje leeg" of "Het winkelmandje was leeg"), else None."""
    if any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    said = {t.i for t in toks}
    for t in toks:
        if t.pos_ not in ("ADJ", "NOUN"):
            continue
        cop = next((c for c in t.children if c.dep_ == "cop" and c.i not in said), None)
        subj = [c for c in t.children if c.dep_.startswith("nsubj") and c.i in said]
        if cop is not None and subj and subj[0].i < t.i:
            return cop
    return None


def with_copula(label: str, docs) -> str | None:
    """``label`` with its copula put back after the subject, in main-clause order, with the
    subject's article or possessive as said ("mijn winkelmandje was leeg" of "… was mijn
    winkelmandje ook nog leeg")."""
    for toks, _d in _said(label, docs):
        cop = lost_copula(toks)
        if cop is None:
            continue
        pred = cop.head
        subj = next(c for c in pred.children if c.dep_.startswith("nsubj") and c in toks)
        det = [c for c in subj.children if c.dep_ in ("det", "nmod:poss", "det:poss") and c.i < subj.i and c not in toks]
        front = sorted([*det[:1], *(t for t in toks if t.i <= subj.i or t.head.i == subj.i and t.i < pred.i)],
                       key=lambda t: t.i)
        rest = [t for t in toks if t not in front]
        return " ".join(t.text for t in [*front, cop, *rest])
    return None
