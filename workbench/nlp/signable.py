"""Whether a theme label is one a researcher would sign, judged against its parsed sentences.

A label is made by leaving words out of what was said (:mod:`workbench.nlp.phrases`). Some
leavings-out break it in ways no grammar check of the label alone sees; :func:`label_problem`
names them, from the parse of the sentences the label stands for:

* ``says nothing``: only pronouns, auxiliaries, modals, adverbs, determiners and negators ("dat
  wil ik ook", "that would be it"), or a need whose only content is an evaluation ("dat zou echt
  fijn zijn", "that would be great": what is wished is left out);
* ``subject lost``: it opens with a verb (or a predicate noun or adjective whose copula it leaves
  out: "not admins" of "they're not admins"), or a pro-form without its determiner ("ones from
  bigger companies complained" of "The ones from …"), whose subject in the sentence is neither in
  the label nor the speaker ("is voor mij het belangrijkste" of "dat is …", "means I miss things" of "which
  means …"), or with a Dutch inverted verb and its subject, the word in front left out ("heb ik
  in het opmerkingenveld gezet" of "Toen heb ik …");
* ``cut clause``: it ends on a verb whose object or clause, said after it, it leaves out ("need
  physios to know" of "… to know when they're working"), or a label template's noun slot holds a
  verb ("problems with payroll software breaks");
* ``cut name``: it keeps the first words of a multi-word name but not the rest ("mis Apple" of
  "Apple Pay");
* ``pronoun subject`` (pain points): what it says is wrong is a pronoun pointing back ("dat is dus
  niet echt een antwoord", "die werd één keer uitgesteld", "it kept crashing"), or an evaluation
  of one it leaves out ("niet netjes" of "ik vind dat niet netjes"): only the sentence before
  says what; :func:`signable_label` takes the clause before it in the same sentence when there is
  one ("het dressoir kwam in een enorme hoeveelheid plastic" of "…, dat valt tegen"), else another
  member's wording, else the theme has no label;
* ``object lost`` (pain points): only an evaluation, no word of what it judges, not even a
  pronoun ("not a fan" of "I'm still not a fan", "te duur"; not "wouldn't recommend it"): :func:`signable_label` heads it with the aspect its sentences
  name (:func:`with_aspect`), else another member's wording, else the theme has no label;
* ``pronoun object``: what it wants or did is a pronoun pointing back ("zet het gewoon op de
  site", "moet ik die ergens vandaan halen?", "turn those off"), :func:`workbench.nlp.label_reference.wants_a_pronoun`;
  no repair: the theme takes another member's wording or has no label;
* ``copula lost``: a subject and its predicate adjective or noun without the verb that links
  them ("winkelmandje leeg" of "het winkelmandje was leeg"): :func:`signable_label` puts the verb
  back, with the subject's article or possessive ("mijn winkelmandje was leeg");
* ``understatement`` (pain points): a negator denying a negative or belittling word ("dat is
  niet niks", "not bad");
* ``concession`` (pain points): a verbless negated phrase, or a clause of granting ("ik snap dat
  …", "I understand that …"), before ", maar"/", but" ("niet heel groot" of "Niet heel groot, maar
  wel zichtbaar", "ik snap dat het niet kapot mag gaan" of "…, maar dit was echt te veel"): what it
  grants is not the complaint;
* ``adjunct`` (pain points): only a prepositional phrase, no predicate ("with a warning about
  SSO setup");
* ``gapped`` (pain points): a noun and a negator whose verb another clause says ("zithoogte
  niet" of "… stonden erbij, maar de zithoogte niet");
* ``fragment``, ``reference lost``, ``stranded`` and the cut clauses and Dutch inverted order
  of :mod:`workbench.nlp.label_repair`, which :func:`signable_label` repairs where the sentence
  allows.

A theme's label must also speak for its members (:func:`backs`): a theme whose label most of its
sentences do not say (three sentences about shipping costs, an influencer and "het is niet eens
het bedrag", grouped by their price category and labelled by the last) is split — the members
that say the label keep it, the others form themes of their own wording.

:func:`signable_label` picks, for a theme, the first of its candidate labels with no problem.
"""

from __future__ import annotations

import re
from collections import Counter

from .backing import backs, judged_unsaid
from .phrases import CLAUSE_BREAKS

__all__ = ["backs", "label_problem", "names_aspect", "signable_label", "signable_themes", "tidy_label", "with_aspect"]

#: a contrast after a verbless negated phrase makes it a concession ("Niet zichtbaar, maar …")
_CONCEDED = {"nl": {"maar", "alleen", "wel"}, "en": {"but", "though", "still"}}
#: verbs that grant a point before the complaint ("Ik snap dat het niet kapot mag gaan, maar …")
_GRANTING = {"nl": {"snappen", "snap", "snapt", "snapte", "begrijpen", "begrijp", "begrijpt", "begreep"},
             "en": {"understand", "get", "appreciate", "realise", "realize"}}
_FUNCTION_POS = {"PRON", "AUX", "DET", "ADV", "PART", "SCONJ", "CCONJ", "ADP", "INTJ", "PUNCT", "SYM", "X"}
_MODIFIER = {"acl", "amod", "acl:relcl", "compound", "nmod", "obl", "flat"}  # a verb inside a noun phrase
_SPEAKER = {"nl": {"ik", "we", "wij", "'k"}, "en": {"i", "we"}}
#: the generic 'you' ("you can't pay by invoice"): anyone, as the speaker
_GENERIC = {"nl": {"je", "men"}, "en": {"you"}}
#: subjects a predicate may leave out: 'te duur' of 'het was te duur' (not 'not admins' of "they're …")
_NEUTER = {"nl": {"het", "dat", "dit", "'t"}, "en": {"it", "that", "this"}}
#: nouns that stand for a noun said elsewhere ('the ones', 'degenen'): a label opening with one
#: without its determiner names nobody
#: particle dependencies: a label may end on one ('kwam niet aan', 'gave up')
PRT_DEPS = {"compound:prt", "prt", "svp"}
#: nouns that stand for what the sentence said before ('de rest', 'the rest'): a subject only there
_REMAINDER = {"nl": frozenset({"rest", "overige", "overigen"}), "en": frozenset({"rest"})}
#: question words: a label ending in one has lost the question it opens
_WH = {"nl": frozenset({"waar", "hoe", "wat", "wie", "welke", "waarom", "wanneer", "hoeveel"}),
       "en": frozenset({"where", "how", "what", "who", "which", "why", "when"})}
_PRO_FORMS = {"nl": {"degene", "degenen", "diegenen", "beetje", "paar"}, "en": {"one", "ones", "lot", "bit", "couple"}}


def _template_slot(label: str, templates) -> str | None:
    """The words a label template's ``{x}`` holds in ``label`` ('payroll software breaks' of
    'problems with payroll software breaks'), else None."""
    for t in templates:
        if "{x}" not in t:
            continue
        head, _, tail = t.partition("{x}")
        m = re.fullmatch(re.escape(head) + r"(.+?)" + re.escape(tail), label.strip(), flags=re.IGNORECASE)
        if m:
            return m.group(1)
    return None


_CLITIC = re.compile(r"^(.+?)(n't|'s|'re|'m|'ve|'d|'ll)$")
_NT_STEMS = {"can": "ca", "won": "wo", "shan": "sha"}


def _words(label: str) -> list[str]:
    """The label's words as a tokenizer splits them ("hadn't" → "had", "n't"; "can't" → "ca", "n't")."""
    out = []
    for w in label.replace("’", "'").split():
        w = w.strip(".,!?;:\"“”‘’()").lower().strip("'")
        if not w:
            continue
        m = _CLITIC.match(w)
        if m and m.group(2) == "n't":
            stem = m.group(1)
            out += [_NT_STEMS.get(stem, stem), "n't"]
        elif m:
            out += [m.group(1), m.group(2)]
        else:
            out.append(w)
    return out


def _match(label_words: list[str], doc) -> list | None:
    """The doc's tokens the label's words are, in order (None when the label is not taken from
    this sentence)."""
    toks, at = [], 0
    low = [t.lower_ for t in doc]
    for w in label_words:
        try:
            k = low.index(w, at)
        except ValueError:
            return None
        toks.append(doc[k])
        at = k + 1
    return toks


#: the negators of a contrast ('a voucher not money', 'een voucher, niet het geld'): a label opening
#: with one after a noun says only what did not happen
_BARE_NOT = {"en": frozenset({"not", "rather", "instead"}), "nl": frozenset({"niet", "maar"})}


#: the pronominal adverbs of Dutch whose preposition may stand apart ('er … mee', 'daar … over')
_PRONOMINAL = frozenset({"er", "daar", "hier", "waar"})


def _lost_doer(toks: list, said: set, lang: str) -> bool:
    """Whether the label's verb lost its auxiliary and with it its subject, someone other than the
    speaker ('niet alles gezegd' of "de verkoopster heeft niet alles gezegd"): who did it is gone."""
    for v in toks:
        if v.pos_ != "VERB" or any(c.dep_.startswith("nsubj") and c.i in said for c in v.children):
            continue
        aux = [c for c in v.children if c.dep_.startswith("aux") and c.i not in said]
        heads = [v, *aux]  # the parser may hang the subject on the auxiliary ('verkoper' of 'heeft')
        doer = [c for h in heads for c in h.children if c.dep_.startswith("nsubj") and c.i not in said
                and c.lower_ not in _SPEAKER[lang] | _GENERIC[lang] | _NEUTER[lang]]
        if aux and doer:
            return True
    return False


def _lost_pronominal(toks: list, said: set, doc) -> bool:
    """Whether the label leaves out a Dutch split pronominal adverb ('er … mee', 'daar … over')
    its words govern: what they are about ('mijn vrouw was er niet blij mee' -> 'vrouw was niet blij',
    'dat had die jongen er niet bij verteld' -> 'die jongen niet verteld') is gone."""
    for r in doc:
        if r.lower_ not in _PRONOMINAL or r.i in said or r.head.i not in said:
            continue
        if any(a.pos_ == "ADP" and a.i > r.i and a.i not in said and a.head.i in said and not list(a.children)
               for a in doc[r.i + 1:]):
            return True
    return False


def label_problem(label: str, docs, kind: str, lang: str) -> str | None:
    """The first problem of ``label`` (see the module doc) in any of the parsed sentences
    ``docs`` it is taken from; None when it reads well."""
    from ..themes import label_templates
    from .label_reference import leans_on_pronoun, list_item, lost_copula, reacts_to_pronoun, wants_a_pronoun
    from .label_repair import (
        _CONJUNCTIONS,
        _PAIRED,
        _SUBORDINATORS,
        _cut_subordinate,
        _lost_reference,
        _stranded,
        _subject_span,
        cut_complement,
        gapped_correction,
        glued_across_comma,
        lost_determiners,
        plural_subject,
        stranded_inside,
    )
    from .lexicon import lexicon_entries
    from .phrases import _is_neg, _w
    from .syntax import lemma
    from .wordclass import can_be_finite

    words = _words(label)
    if not words:
        return "says nothing"
    polar = lexicon_entries(lang)
    x = _template_slot(label, label_templates(lang).values())
    for doc in docs if x is not None else ():
        slot = _match(_words(x), doc)
        verbless = not any(t.pos_ in ("VERB", "AUX") for t in doc)  # the parser missed its verb
        if slot and any((t.pos_ in ("VERB", "AUX") and t.dep_ not in _MODIFIER)
                        or (verbless and can_be_finite(t.lower_, lang)) for t in slot):
            return "cut clause"  # 'problems with payroll software breaks': a clause in a noun's place
    for doc in docs:
        toks = _match(words, doc)
        if toks is None:
            continue
        said = {t.i for t in toks}
        content = [t for t in toks if t.pos_ not in _FUNCTION_POS and not _is_neg(t, lang)
                   and t.lower_ not in _w(lang, "wish") and t.lower_ not in _w(lang, "modals")
                   and t.lower_ not in _w(lang, "light_verbs") and t.lower_ not in _w(lang, "filler")
                   and not (t.pos_ == "VERB" and lemma(t) in _w(lang, "light_verbs"))]  # "hadn't done"
        if not content:
            return "says nothing"
        if len(toks) == 1 and not label.rstrip().endswith("?"):
            return "bare word"  # 'deuk': a topic, not what was wrong or wanted
        before = doc[toks[0].i - 1] if toks[0].i > 0 else None
        if kind == "pain_point" and toks[0].lower_ in _BARE_NOT[lang] and before is not None \
                and before.pos_ in ("NOUN", "PROPN") and not any(t.pos_ in ("VERB", "AUX") for t in toks):
            return "bare contrast"  # 'not money' of "got a voucher not money": what they got instead is lost
        if kind == "need" and all(polar.get(t.lower_, 0) for t in content):
            return "says nothing"  # 'dat zou echt fijn zijn', 'that would be great': a wish without its object
        first = toks[0]
        if first.lower_ in _CONJUNCTIONS[lang] or (first.pos_ in ("CCONJ", "SCONJ") and first.dep_ in ("cc", "mark")
                                                  and not label.rstrip().endswith("?")) \
                or (first.lower_ in _SUBORDINATORS[lang] - _NEUTER[lang] and not label.rstrip().endswith("?")):
            return "fragment"  # 'but only after a support ticket that took four days'
        if stranded_inside(toks, lang):
            return "dangling preposition"  # 'geen bericht over gekregen' of '…, (daar) geen bericht over gekregen'
        if ": " not in label and _lost_reference(toks, lang, polar):
            return "reference lost"  # "didn't realise that until later"
        if list_item(toks, lang):
            return "list item"  # 'geen percentage' of 'Geen percentage, geen herkomst, niks.'
        if gapped_correction(toks, lang):
            return "gapped"  # 'niet alleen tekeningen': what it corrects is said elsewhere
        lead = next((t for t in toks if t.pos_ not in ("ADV", "PART")), first)  # 'only looks at …'
        if lead.lower_ in _PRO_FORMS[lang] and not any(c.i in said for c in lead.children if c.dep_ == "det"):
            return "subject lost"  # 'ones from bigger companies complained' of 'The ones from …'
        nouns = [t for t in toks if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _w(lang, "filler")]
        if nouns and nouns[0].lower_ in _REMAINDER[lang] and not any(t.pos_ == "NOUN" for t in nouns[1:]):
            return "subject lost"  # 'de rest meh', 'the rest was meh': the rest of what the answer praised
        copula = any(c.dep_ == "cop" and c.i not in said for c in lead.children)
        if lead.pos_ in ("VERB", "AUX") or copula:  # 'not admins' of "they're not admins"
            verb = lead.head if lead.pos_ == "AUX" and lead.dep_ in ("aux", "cop") else lead
            subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
            lost = [s for s in subjects if s.i not in said and s.lower_ not in _SPEAKER[lang] | _GENERIC[lang]
                    and not (copula and lead.pos_ not in ("VERB", "AUX") and s.lower_ in _NEUTER[lang])]
            if lost and lost[0].i < lead.i:
                return "subject lost"
        if first.pos_ in ("VERB", "AUX") and not label.rstrip().endswith("?"):
            subjects = [c for c in first.head.children if c.dep_.startswith("nsubj")] \
                if first.dep_ in ("aux", "cop") else [c for c in first.children if c.dep_.startswith("nsubj")]
            prev = doc[first.i - 1] if first.i > 0 else None
            if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.i not in said and can_be_finite(first.lower_, lang) \
                    and not subjects:
                return "subject lost"  # 'was duurder' of 'Woonhuis was duurder' (the parser lost the subject)
            if lang == "nl" and (any(s.i in said and s.i > first.i and s.lower_ not in _w(lang, "reflexive")
                                     for s in subjects) or _subject_span(toks))\
                    and first.i > 0 and doc[first.i - 1].pos_ not in ("PUNCT", "CCONJ"):
                return "subject lost"  # 'heb ik … gezet' of 'Toen heb ik … gezet'
        last = toks[-1]
        if last.pos_ in ("DET", "ADP", "CCONJ", "SCONJ") and last.dep_ not in PRT_DEPS and last.i + 1 < len(doc) \
                and not doc[last.i + 1].is_punct and not label.rstrip().endswith("?"):
            return "cut clause"  # 'klachten over beschadigingen bij de' of '… bij de bezorging'
        if last.lower_ in _WH[lang] and last.i + 1 < len(doc) and doc[last.i + 1].is_alpha \
                and not label.rstrip().endswith("?"):
            return "cut clause"  # 'miste informatie over waar' of '… over waar en hoe de producten gemaakt zijn'
        if any((c.dep_ in PRT_DEPS or (c.pos_ == "ADP" and c.dep_ == "advmod" and last.pos_ == "VERB"))
               and c.i > last.i and c.i not in said for c in last.children):
            return "cut clause"  # 'price went' of 'price went up', 'monteur belde' of 'de monteur belde af'
        if lang == "nl" and plural_subject(toks, doc) is not None:
            return "subject lost"  # 'willen zo min mogelijk nieuw kopen' of 'we willen …'
        if lang == "nl" and _stranded(toks, doc) is not None:
            return "stranded"  # 'mijn vriend werd gek van' of 'mijn vriend werd er gek van'
        if _cut_subordinate(toks, doc, lang) or cut_complement(toks, lang) \
                or (": " not in label and glued_across_comma(label, toks)):
            return "cut clause"  # 'fijn als je bij een retour sneller je geld' of '… je geld terug hebt'
        if _lost_doer(toks, said, lang):
            return "subject lost"  # 'niet alles gezegd' of 'de verkoopster heeft niet alles gezegd'
        if lang == "nl" and _lost_pronominal(toks, said, doc):
            return "reference lost"  # 'vrouw was niet blij' of 'mijn vrouw was er niet blij mee'
        if any(t.lower_ in _PAIRED[lang] for t in toks) and any(
                c.dep_ == "conj" and c.i > last.i and c.i not in said for c in last.children):
            return "cut clause"  # 'difference between template' of '… between a template and a shift'
        colon = doc[last.i + 1] if last.i + 1 < len(doc) else None
        bare = last.pos_ in ("VERB", "AUX") or any(  # 'see on every product': a light verb without its object
            t.pos_ == "VERB" and lemma(t) in _w(lang, "light_verbs")
            and not any(c.dep_ in ("obj", "dobj", "ccomp", "xcomp") and c.i in said for c in t.children) for t in toks)
        if bare and colon is not None and colon.text == ":" and colon.i + 1 < len(doc) \
                and any(t.is_alpha for t in doc[colon.i + 1:]) and not label.rstrip().endswith("?"):
            return "cut clause"  # 'zou graag bij elk product zien' of '… zien: waar het gemaakt is, …'
        verbs = [t for t in toks if t.pos_ == "VERB"]
        if verbs and any(c.dep_ in ("ccomp", "xcomp", "obj") and c.i > last.i and c.i not in said
                         and not any(t.text == "," for t in doc[last.i + 1:c.i]) for c in verbs[-1].children):
            return "cut clause"  # 'need physios to know' of '… to know when they're working'
        head = toks[-1]  # a noun phrase whose preposition and verb stayed behind
        phrase = [t for t in toks if t.i in {x.i for x in head.subtree}]
        if head.pos_ in ("NOUN", "PROPN") and head.head.i not in said and len(phrase) >= 2 \
                and not any(t.pos_ in ("VERB", "AUX") for t in phrase) \
                and any(c.dep_ == "case" and c.i not in said and c.i < phrase[0].i for c in head.children):
            return "cut clause"  # 'the wrong e-mail address' of 'the receipt went to the wrong e-mail address'
        if lost_copula(toks) is not None:
            return "copula lost"  # 'winkelmandje leeg' of 'het winkelmandje was leeg'
        if kind == "pain_point" and ": " not in label and leans_on_pronoun(toks, doc, lang):
            return "pronoun subject"  # 'dat is dus niet echt een antwoord', 'niet netjes' of 'ik vind dat niet netjes'
        if kind == "pain_point" and ": " not in label and reacts_to_pronoun(toks, doc, lang):
            return "pronoun subject"  # 'mijn vriend werd er gek van', 'bij hun nieuwe meubels vond ik het teleurstellend'
        if ": " not in label and wants_a_pronoun(toks, doc, lang, kind):
            return "pronoun object"  # 'zet het gewoon op de site', 'moet ik die ergens vandaan halen?'
        for t in toks:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if t.text[:1].isupper() and t.i > 0 and nxt is not None and nxt.i not in said \
                    and nxt.text[:1].isupper() and nxt.is_alpha and t.pos_ == "PROPN" or (
                    t.text[:1].isupper() and nxt is not None and nxt.pos_ == "PROPN" and nxt.dep_ in ("flat", "compound")
                    and nxt.head.i == t.i and nxt.i not in said):
                return "cut name"
        if lost_determiners(toks, doc):
            return "determiner lost"  # 'andere twee kwamen dag later' of 'De andere twee kwamen een dag later'
        if kind == "pain_point":
            for a, b in zip(toks, toks[1:], strict=False):
                c = doc[a.i + 2] if a.i + 2 < len(doc) else None
                if _is_neg(a, lang) and b.pos_ == "DET" and b.i == a.i + 1 and c is not None and c.i in said \
                        and polar.get(c.lower_, 0) < 0 and c.pos_ in ("NOUN", "ADJ"):
                    return "understatement"  # 'not a disaster'
                if _is_neg(a, lang) and b.i == a.i + 1 and (_is_neg(b, lang) or (
                        polar.get(b.lower_, 0) < 0 and b.pos_ not in ("VERB", "AUX"))):  # not "can't pay"
                    return "understatement"
            if last.lower_ in _w(lang, "negation") and len(toks) >= 2 and not any(t.pos_ in ("VERB", "AUX", "ADJ") for t in toks) \
                    and (last.i + 1 >= len(doc) or doc[last.i + 1].pos_ == "PUNCT"):
                return "gapped"  # 'zithoogte niet' of '… stonden erbij, maar de zithoogte niet': its verb is elsewhere
            predicate = [t for t in toks if (t.pos_ in ("VERB", "ADJ") and t.dep_ not in _MODIFIER) or _is_neg(t, lang)]
            if first.pos_ == "ADP" and not predicate:
                return "adjunct"
            after = [t for t in doc[last.i + 1:last.i + 5] if not t.is_space][:2]  # 'Niet zichtbaar,\nmaar'
            granted = len(after) == 2 and after[0].text == "," and after[1].lower_ in _CONCEDED[lang]
            if ": " not in label and granted and (
                    (_is_neg(first, lang) and not any(t.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "NUM", "PRON")
                                                      for t in toks))
                    or lemma(first) in _GRANTING[lang] or (first.lower_ in _SPEAKER[lang] and len(toks) > 1
                                                          and lemma(toks[1]) in _GRANTING[lang])):
                return "concession"  # 'niet zichtbaar' of 'Niet zichtbaar, maar …', 'ik snap dat …, maar …': the point follows
            if ": " not in label and all(polar.get(t.lower_, 0) for t in content) \
                    and not any(_aspect_word(t, lang) for t in content) \
                    and not any(t.pos_ == "PRON" and t.lower_ not in _SPEAKER[lang] for t in toks):
                return "object lost"  # 'not a fan' of "I'm still not a fan", 'te duur': what it judges is left out
        return None
    return None


def signable_label(candidates, docs, kind: str, lang: str) -> str | None:
    """The first of ``candidates`` (labels, best first) with no :func:`label_problem`, or
    repaired to have none (:mod:`workbench.nlp.label_repair`); None when every one has a problem."""
    from .label_reference import with_copula, with_judged_clause, with_preceding_clause
    from .label_repair import (
        main_order,
        missed_question,
        with_antecedent,
        with_conditional,
        with_coordinate,
        with_determiners,
        with_relative_head,
        with_plural_subject,
        with_r_pronoun,
        without_dangling,
    )

    for label in candidates:
        if not label:
            continue
        if kind == "need":
            label = missed_question(label, lang) or label  # 'miste of montage mogelijk was' -> 'wil weten of …'
        label = with_coordinate(label, docs) or label  # 'a bit hit and miss', not 'a bit hit'
        label = with_relative_head(label, docs) or label  # 'a number you can ring …', not 'you can ring …'
        if kind == "need":
            label = with_conditional(label, docs) or label  # 'would like a small overdraft', not 'like …'
        problem = label_problem(label, docs, kind, lang)
        if problem is None:
            return label
        if problem in ("reference lost", "pronoun subject"):
            resolved = with_judged_clause(label, docs, lang)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # 'opzeggen kan pas een week van tevoren: te kort' of '…, dat is te kort'
        if problem == "determiner lost":
            resolved = with_determiners(label, docs)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # 'de andere twee kwamen een dag later'
        if problem == "stranded":
            resolved = with_r_pronoun(label, docs)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved
        if problem == "subject lost" and lang == "nl":
            resolved = with_plural_subject(label, docs) or main_order(label, docs)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # 'de informatie was vaag' of 'ook al was de informatie vaag'
        if problem == "copula lost":
            resolved = with_copula(label, docs)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # 'het winkelmandje was leeg'
        if problem == "pronoun subject":
            resolved = with_preceding_clause(label, docs, lang)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # 'het dressoir kwam in een enorme hoeveelheid plastic' of '…, dat valt tegen'
        if problem == "object lost":
            resolved = with_aspect(label, docs, lang)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # 'rapporten: niet handig' of 'de rapporten, niet handig'; else no label
        if problem == "dangling preposition":
            cut = without_dangling(label, docs, lang)  # 'geen bericht gekregen', a full phrase without 'over'
            if cut is not None and label_problem(cut, docs, kind, lang) is None:
                headed = with_antecedent(cut, docs, lang) if ": " not in cut else None
                return headed if headed is not None and label_problem(headed, docs, kind, lang) is None else cut
        if problem == "reference lost":
            resolved = with_antecedent(label, docs, lang)
            if resolved is not None and label_problem(resolved, docs, kind, lang) is None:
                return resolved  # "duurzaam: niet echt duidelijk wat dat dan betekent"
    return None


def _aspect_word(t, lang: str) -> bool:
    """Whether token ``t`` is a word of the aspect lexicon (what a complaint can be about)."""
    from ..themes import aspect_category
    from .syntax import lemma

    return t.pos_ in ("NOUN", "PROPN", "VERB") and aspect_category([t.lower_, lemma(t)], lang) is not None


def names_aspect(label: str, docs, lang: str) -> bool:
    """Whether ``label`` says what it is about: in the first sentence that says it, one of its
    words is a noun that is no evaluation, or an aspect word ("duurde te lang" of "het duurde te
    lang" names nothing). A label no sentence says as such (a template's) names its aspect."""
    from .lexicon import lexicon_entries

    polar = lexicon_entries(lang)
    toks = next((m for m in (_match(_words(label), d) for d in docs) if m is not None), None)
    if toks is None:
        return True
    return any((t.pos_ in ("NOUN", "PROPN") and t.lower_ not in _PRO_FORMS[lang] and not polar.get(t.lower_, 0))
               or _aspect_word(t, lang) for t in toks)


def with_aspect(label: str, docs, lang: str) -> str | None:
    """``label`` headed by the aspect its sentences name around it ("bestelling: duurde te lang"):
    per sentence the aspect word nearest before the label, else the first after it; the one more
    than half of the sentences give, else None. Only words of the aspect lexicon count: a noun the
    small parser guessed ('navragen') would head a label nobody writes."""
    from .label_repair import _in_aside

    found: Counter = Counter()
    for d in docs:
        toks = _match(_words(label), d)
        if toks is None:
            continue
        # a label that opens its own clause after a clause with a verb of its own ('Love the staff, hate the
        # timetable') takes no aspect from it; after a bare topic ('The reports, not a fan.') it does
        # — and generally: an aspect word before the label's own clause, after a clause with a verb, is that
        # clause's ('The trial ended before I had imported our staff, so I couldn't really compare': no 'staff:')
        brk = max((t.i for t in d[:toks[0].i] if t.lower_ in CLAUSE_BREAKS or t.lower_ in _CLAUSE_LINKS.get(lang, ())),
                  default=None)
        first = brk  # ', so': the clause before runs up to the comma
        while first is not None and first > 0 and (d[first - 1].lower_ in CLAUSE_BREAKS
                                                   or d[first - 1].lower_ in _CLAUSE_LINKS.get(lang, ())):
            first -= 1
        lo = brk + 1 if brk is not None and _has_verb(d, first) else 0
        before = [t for t in d[lo:toks[0].i] if _aspect_word(t, lang) and not _in_aside(t)]
        after = [t for t in d[toks[-1].i + 1:] if _aspect_word(t, lang) and not _in_aside(t)]
        word = before[-1] if before else (after[0] if after else None)
        if word is not None:
            found[word.lower_] += 1
    if not found:
        return None
    word, k = found.most_common(1)[0]
    return f"{word}: {label}" if 2 * k > len(docs) else None


def without_discourse(label: str, docs, kind: str, lang: str) -> str:
    """``label`` without the discourse markers of its sentence ('wil gewoon dat een kortingscode
    in één keer werkt' → 'wil dat een kortingscode in één keer werkt', "I honestly …"): words of
    the ``discourse`` list that are no noun or verb there and no negator holds ('niet echt
    duidelijk' keeps its 'echt'). The label as it was when leaving them out gives it a problem."""
    from .phrases import _is_neg, _w

    marks = _w(lang, "discourse")
    words = label.split()
    if not any(w.lower().strip(".,;:!?") in marks for w in words):
        return label
    toks = next((m for m in (_match(_words(label), d) for d in docs) if m is not None), None)
    if toks is None:
        return label
    drop = set()
    for t in toks:
        if t.lower_ not in marks or t.pos_ in ("NOUN", "PROPN", "VERB", "AUX"):
            continue
        prev = t.doc[t.i - 1] if t.i > 0 else None
        if prev is not None and _is_neg(prev, lang):
            return label  # 'niet echt duidelijk': the negator holds it
        drop.add(t.lower_)
    kept = [w for w in words if w.lower().strip(".,;:!?") not in drop]
    if not drop or not kept:
        return label
    out = tidy_label(" ".join(kept))
    return out if label_problem(out, docs, kind, lang) is None else label


def tidy_label(label: str) -> str:
    """A label without the punctuation its clause was cut from ('..koud' → 'koud', 'slow,' → 'slow').

    A word said twice in a row, as speakers stumble ('ik ik krijg', 'the the app', 'I I'), is said
    once; words that may follow themselves ('dat dat klopt', 'had had') stay.

    >>> tidy_label("..koud"), tidy_label("- app crasht,"), tidy_label("waarom niet?"), tidy_label("ik ik krijg geen antwoord")
    ('koud', 'app crasht', 'waarom niet?', 'ik krijg geen antwoord')
    """
    out = label.strip().lstrip(".,;:!-–—…·*) ").rstrip(".,;:-–—…·*( ").strip()
    out = _STUTTER.sub(lambda m: m.group(1) if m.group(1).lower() not in _TWICE else m.group(0), out)
    return out or label


#: a word repeated at once, in any case ('Ik ik', 'the the')
_STUTTER = re.compile(r"\b(\w+(?:'\w+)?) (?i:\1)\b")
#: words a sentence may say twice in a row
_TWICE = {"dat", "die", "that", "had", "is", "ja", "nee", "yes", "no", "very", "heel", "erg", "so", "zo", "really"}


#: cue classes whose label template names a topic, not what was wrong or wanted ('klachten over pakket')
_THIN_CLASSES = ("", "broken", "missing", "problem", "expectation", "regret", "frustration", "need", "wish", "question",
                 "requirement", "improvement")


#: sentences a theme needs before a thin template may label it: of fewer (often two or three sayings of
#: one speaker), the template only guesses
#: what was wrong ('klachten over antwoord' of "En de medewerker wist het niet zeker.")
_THIN_MIN = 4


def _template(label: str, lang: str) -> bool:
    """Whether ``label`` is any label template's wording ('wachten op geld', 'onduidelijkheid over
    trustpilot'): on a theme of one sentence, whose own wording did not read, it is a guess."""
    from ..themes import label_templates

    return _template_slot(label, list(label_templates(lang).values())) is not None


def _thin_template(label: str, lang: str) -> bool:
    """Whether ``label`` is a template of a class that says only that something was wrong or
    wanted about its aspect ('klachten over pakket', '{x} valt tegen', 'wishes about {x}')."""
    from ..themes import label_templates

    templates = label_templates(lang)
    return _template_slot(label, [templates[c] for c in _THIN_CLASSES if c in templates]) is not None


def _own_wording(members: list[int], chosen: str | None, aspect: str | None, assign: list[int], labels: list[str],
                 aspects: list[str], phrases: list, docs: list, kind: str, lang: str) -> list[int]:
    """The ``members`` that say ``chosen``; each other one (every one when ``chosen`` is None)
    moves to a theme of its own wording (its phrase's label, appended to ``labels``; one theme
    per wording; a need's worded as a need), or to none."""
    from .backing import reads_as_need

    stay, new = [], {}
    for i in members:
        if chosen is not None and backs(chosen, docs[i], lang, aspect):
            stay.append(i)
            continue
        p = phrases[i]
        assign[i] = -1
        if p is not None and p.label and p.label != chosen and (kind != "need" or reads_as_need(p.label, docs[i], lang)):
            if p.label not in new:
                new[p.label] = len(labels)
                labels.append(p.label)
                aspects.append(p.aspect)
            assign[i] = new[p.label]
    return stay


def signable_themes(assign: list[int], labels: list[str], aspects: list[str], phrases: list, docs: list,
                    kinds: list[str], lang: str, *, split: bool = False) -> tuple[list[int], list[str], list[str]]:
    """Each theme with a label a researcher would sign: its label, else the clause most of its
    sentences say (:attr:`~workbench.nlp.phrases.Phrase.clause`), else none — its sentences then
    get −1 (an empty cell beats a false one). ``kinds`` is each sentence's ``pain_point`` or
    ``need``; two themes whose labels read the same become one, and themes come largest first. With ``split`` (the journey map, whose every item must be
    said by its evidence), a theme whose label most of its sentences do not say is split first
    (see the module doc); a themes table headed by categories ("klachten over eten en drinken")
    keeps its themes whole."""
    from .backing import split_unbacked
    from .label_repair import lower_start, name_case
    from .spelling import respell

    if split:
        assign, labels, aspects = split_unbacked(assign, labels, aspects, phrases, docs, kinds, lang)
    evidence = [d.text for d in docs]  # the words spelled right somewhere in the evidence
    keep: dict[int, int] = {}
    out_labels: list[str] = []
    out_aspects: list[str] = []
    assign, labels, aspects = list(assign), list(labels), list(aspects)
    t = -1
    while t + 1 < len(labels):
        t += 1
        label = labels[t]
        members = [i for i, a in enumerate(assign) if a == t]
        said = Counter(phrases[i].clause for i in members if phrases[i] is not None and phrases[i].clause)
        candidates = [label] + [c for c, _ in sorted(said.items(), key=lambda kv: (-kv[1], kv[0])) if c != label]
        kind = Counter(kinds[i] for i in members).most_common(1)[0][0] if members else ""
        if split and len(members) >= 2:  # a member's clause heads the theme only when most members say it
            candidates = [c for c in candidates if c == label
                          or 2 * sum(backs(c, docs[i], lang, aspects[t]) for i in members) > len(members)]
        if split and len(candidates) > 1 and _thin_template(label, lang):
            candidates = [*candidates[1:], label]  # 'antwoord valt tegen' gives way to what most of them said
        if judged_unsaid(label, [docs[i] for i in members], lang):
            candidates = [c for c in candidates if c != label]  # 'te veel verhuizing' of "dat is te kort"
        templated = _template(label, lang)
        if (_thin_template(label, lang) and len(members) < _THIN_MIN) or (split and templated):
            # 'klachten over antwoord' of two sentences is a guess; on the map, whose items are said by their
            # evidence, a template says what no member says: 'could not use phone' of "I had to phone them to
            # stop it", 'cost of price', 'waiting for speed' of "speed up refunds", 'klachten over monteur'
            candidates = [c for c in candidates if c != label]
        chosen = signable_label(candidates, [docs[i] for i in members], kind, lang)
        if chosen is None:
            if split and templated and len(members) >= 2:  # each member then speaks in its own words, or not
                own = [i for i in members if phrases[i] is not None and phrases[i].label != label]
                _own_wording(own, None, aspects[t], assign, labels, aspects, phrases, docs, kind, lang)
            continue
        if split and chosen != label and len(members) >= 2:
            # a member's clause heads the theme: who does not say it leaves ('card was declined' of 'card frozen')
            members = _own_wording(members, chosen, aspects[t], assign, labels, aspects, phrases, docs, kind, lang)
        if split and kind == "pain_point" and not names_aspect(chosen, [docs[i] for i in members], lang):
            chosen = with_aspect(chosen, [docs[i] for i in members], lang) or chosen  # 'bestelling: duurde te lang'
        chosen = without_discourse(chosen, [docs[i] for i in members], kind, lang)  # 'wil (gewoon) weten …'
        chosen = lower_start(chosen, [docs[i] for i in members])  # 'fix the import' of 'Fix the import'
        chosen = name_case(chosen, [docs[i] for i in members])  # 'Apple Pay …' of 'Goh, apple Pay …'
        chosen = respell(chosen, evidence, lang)  # 'split ticket', not 'splti ticket'
        if tidy_label(chosen) in out_labels:  # two themes that read the same are one ('wil gast bestellen' twice)
            keep[t] = out_labels.index(tidy_label(chosen))
            continue
        keep[t] = len(out_labels)
        out_labels.append(tidy_label(chosen))
        out_aspects.append(aspects[t])
    out = [keep.get(a, -1) for a in assign]
    size = Counter(a for a in out if a >= 0)
    order = sorted(range(len(out_labels)), key=lambda t: (-size[t], t))  # largest first, as before
    rank = {t: r for r, t in enumerate(order)}
    return [rank.get(a, -1) for a in out], [out_labels[t] for t in order], [out_aspects[t] for t in order]


#: words that open a new clause after one with its own verb ('…, so I couldn't compare', '… omdat …')
_CLAUSE_LINKS = {"nl": frozenset({"dus", "omdat", "want", "toen", "waardoor", "zodat"}),
                 "en": frozenset({"so", "because", "then", "therefore", "since"})}


def _has_verb(doc, brk: int) -> bool:
    """Whether the clause before the break at ``brk`` holds a verb of its own (not a bare topic)."""
    lo = max((t.i for t in doc[:brk] if t.lower_ in CLAUSE_BREAKS), default=-1) + 1
    return any(t.pos_ in ("VERB", "AUX") for t in doc[lo:brk])
