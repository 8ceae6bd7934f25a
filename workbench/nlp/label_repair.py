"""Repairs and checks of theme labels that lean on the sentence around them (issue 14).

:func:`workbench.nlp.signable.label_problem` asks these checks, and
:func:`workbench.nlp.signable.signable_label` tries these repairs before giving a label up:

* a fragment opening with a conjunction ("but only after a support ticket …") is none;
* a pro-form pointing back ("didn't realise *that* until later", "*daar* betaal ik graag een
  tientje voor", "when I found out") with nothing else named: :func:`with_antecedent` heads the
  label with what it points to in the same sentence ("duurzaam: niet echt duidelijk wat dat
  betekent"), else the label is given up;
* Dutch inverted order with its front left out ("was de informatie vaag" of "ook al was de
  informatie vaag"): :func:`main_order` puts the subject first ("de informatie was vaag");
* a Dutch stranded preposition without its 'er' ("werd gek van"): :func:`with_r_pronoun`;
* a subordinate clause cut before its verb ("fijn als je bij een retour sneller je geld") or one
  of a pair ("difference between template" of "between a template and a shift");
* :func:`lower_start`: a label starts in lower case unless it opens with a name or "I".
"""

from __future__ import annotations

from collections import Counter

from .signable import _PRO_FORMS, _match, _words

__all__ = ["glued_across_comma", "cut_complement", "missed_question", "gapped_correction", "stranded_inside", "lower_start", "main_order", "with_antecedent", "with_determiners", "with_plural_subject", "with_r_pronoun", "without_dangling"]


def _said(label: str, docs):
    """``(tokens, doc)`` for each sentence of ``docs`` that says ``label``'s words, in order."""
    words = _words(label)
    for d in docs:
        toks = _match(words, d)
        if toks is not None:
            yield toks, d

#: words that pair two things: a label keeping one of the two is cut
_PAIRED = {"nl": {"tussen", "zowel"}, "en": {"between", "both", "either"}}
#: conjunctions a clause opens with: a label opening with one is a cut-off fragment
_CONJUNCTIONS = {"nl": {"maar", "en", "want", "dus", "omdat", "doordat", "hoewel", "alleen"},
                 "en": {"but", "and", "or", "so", "because", "although", "though", "only", "except"}}
#: words that point back to something said before: a label holding one names nothing of its own
_ANAPHORS = {"nl": {"dat", "dit", "daar", "hier", "daarvoor", "daarmee", "daarover", "daarom"},
             "en": {"that", "this", "those", "these"}}


def _lost_reference(toks, lang: str, polar) -> bool:
    """Whether the label's words lean on a pro-form pointing back ("that" of "I didn't realise
    that until later", "daar" of "daar betaal ik graag een tientje voor") and name nothing else:
    no noun that is an aspect, no evaluation and no amount."""
    from .phrases import _w
    from .syntax import lemma

    refs = [t for t in toks if t.lower_ in _ANAPHORS[lang] and t.dep_ not in ("det", "mark", "case")
            and t.pos_ in ("PRON", "ADV", "DET", "SCONJ") and not (t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN")
                                                          and t.dep_ == "det")]
    refs += [t for t in toks if (t.lower_ in _LEARN[lang] or lemma(t) in _LEARN[lang]) and t.pos_ == "VERB"
             and not any(c.dep_ in ("obj", "dobj", "ccomp", "xcomp", "obl", "mark") and c.i > t.i for c in t.children)]
    if _asked_about(toks, lang):
        return True  # 'didn't know who that was at head office': the question is about what 'that' was
    if not refs:
        return False
    said = {t.i for t in toks}
    if any(t.dep_ in ("acl:relcl", "relcl") or t.head.i not in said for t in refs if t.pos_ == "PRON" and
           t.lower_ in ("dat", "that") and t.head.pos_ in ("NOUN", "PROPN")):
        return False  # a relative 'that'
    named = [t for t in toks if t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.lower_ not in _PRO_FORMS[lang]
             and t.lower_ not in _w(lang, "not_aspect") and t.lower_ not in _AMOUNTS[lang] and not polar.get(t.lower_, 0)]
    return not named


#: question words of an embedded question ('wie dat was', 'what that meant')
_WH = {"nl": {"wat", "wie", "waar", "hoe", "welke", "welk", "wanneer", "waarom"},
       "en": {"what", "who", "where", "how", "which", "when", "why"}}
#: 'wat dat betreft', 'as far as that goes': fixed expressions, no question
_NOT_ASKED = {"betreft", "aangaat", "goes", "concerns"}


def _asked_about(toks, lang: str) -> bool:
    """Whether the label holds an embedded question about a pro-form pointing back ("didn't know
    who *that* was", "niet duidelijk wat *dat* betekende"): a question word right before the
    pro-form, a verb after it. The nouns around it do not name what the question is about."""
    doc = toks[0].doc
    for a, b in zip(toks, toks[1:], strict=False):
        if a.lower_ in _WH[lang] and b.lower_ in _ANAPHORS[lang] and b.i == a.i + 1:
            after = [t for t in doc[b.i + 1:b.i + 4] if not t.is_punct]
            if any(t.pos_ in ("VERB", "AUX") for t in after[:2]) and not any(t.lower_ in _NOT_ASKED for t in after):
                return True
    return False


#: the start of a correction without its verb ('niet alleen tekeningen', 'not just the price')
_NOT_ONLY = {"nl": {("niet", "alleen"), ("niet", "enkel"), ("niet", "slechts"), ("niet", "zomaar")},
             "en": {("not", "only"), ("not", "just"), ("not", "merely")}}


def gapped_correction(toks, lang: str) -> bool:
    """Whether the label is a correction without a verb ('niet alleen tekeningen' of 'een
    handleiding met woorden erbij, niet alleen tekeningen'): what it corrects is elsewhere."""
    return len(toks) >= 2 and (toks[0].lower_, toks[1].lower_) in _NOT_ONLY[lang] \
        and not any(t.pos_ in ("VERB", "AUX") for t in toks)


#: words that open the clause an evaluation is about ('it wasn't clear *where* to put it')
_COMPLEMENT = {"nl": _WH["nl"] | {"of", "dat"}, "en": _WH["en"] | {"whether", "if", "that"}}


def cut_complement(toks, lang: str) -> bool:
    """Whether the label ends on an evaluation whose subject clause the sentence says right after
    it ("it wasn't clear" of "it wasn't clear where to put that"), or on a verb whose question
    follows ("nobody showed us" of "… how it works"): what it was about is cut off."""
    last, doc = toks[-1], toks[0].doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in _COMPLEMENT[lang]:
        return False
    # an evaluation ('it wasn't clear where …'), or a verb or its pronoun object before a question
    # ('nobody showed us how it works'; not 'dat'/'that', which may start a relative clause)
    return last.pos_ == "ADJ" or (last.pos_ in ("VERB", "PRON") and nxt.lower_ in _WH[lang] | {"whether", "of"})


#: 'missed' before a question: what was missed is an answer ('miste of montage mogelijk was')
_MISSED = {"nl": ({"miste", "misten", "mis", "mist"}, "wil weten"), "en": ({"missed", "miss", "misses"}, "wanted to know")}


def missed_question(label: str, lang: str) -> str | None:
    """A need worded 'miste of montage mogelijk was' (missed + an embedded question) as what was
    wanted: 'wil weten of montage mogelijk was', 'wanted to know whether …'; None for other labels."""
    words = label.split()
    verbs, wording = _MISSED[lang]
    if len(words) < 3 or words[0].lower() not in verbs or words[1].lower() not in _COMPLEMENT[lang] - {"dat", "that"}:
        return None
    return " ".join([wording, *words[1:]])


def glued_across_comma(label: str, toks) -> bool:
    """Whether the label's last word comes from beyond a comma the label leaves out ('doos bij
    buren gezet vervelend' of '… bij de buren gezet terwijl ik thuis was, erg vervelend'): two
    clauses read as one. (Only the last word: earlier words may match an earlier 'we' of the
    sentence.)"""
    if "," in label or len(toks) < 2:
        return False
    a, b = toks[-2], toks[-1]
    return b.i > a.i + 1 and any(t.text == "," for t in toks[0].doc[a.i + 1:b.i])


def stranded_inside(toks, lang: str) -> bool:
    """Whether a Dutch preposition in the label stands before the label's verb without the 'er'
    or 'daar' it belongs to ('geen bericht over gekregen' of '…, (daar) geen bericht over
    gekregen'): about what, the label does not say."""
    if lang != "nl" or any(t.lower_ in _R_PRONOUNS for t in toks):
        return False
    return any(_dangles(a, b) for a, b in zip(toks[:-1], toks[1:], strict=False))


def without_dangling(label: str, docs, lang: str) -> str | None:
    """``label`` without the Dutch preposition whose 'er'/'daar' it left out (:func:`stranded_inside`:
    'geen bericht gekregen' of 'geen bericht over gekregen'; :func:`~workbench.nlp.signable.signable_label`
    then heads it with what it pointed back to, :func:`with_antecedent`); None when no sentence
    says it so, or no noun is left for the verb ('niet gerekend' of 'niet op gerekend':
    the verb needed its preposition)."""
    words = label.split()
    for toks, _d in _said(label, docs):
        if len(toks) != len(words):
            return None  # a word the tokenizer splits: no safe way to drop one
        drop = {k for k, (a, b) in enumerate(zip(toks[:-1], toks[1:], strict=False)) if _dangles(a, b)}
        kept = [t for k, t in enumerate(toks) if k not in drop]
        if drop and any(t.pos_ in ("NOUN", "PROPN") or (k > 0 and kept[k - 1].pos_ == "DET")
                        for k, t in enumerate(kept) if t.pos_ not in ("VERB", "ADP")):
            return " ".join(w for k, w in enumerate(words) if k not in drop)
        return None  # 'niet gerekend' of 'niet op gerekend': the verb needed its preposition, no phrase is left
    return None


def _dangles(a, b) -> bool:
    """Whether preposition ``a`` stands right before the verb ``b`` that ends its clause (a
    participle or the clause's last word): its 'er'/'daar' is left out ('over gekregen')."""
    doc = a.doc
    return a.lower_ in _PREPOSITIONS_NL and b.i == a.i + 1 and b.pos_ in ("VERB", "AUX") \
        and (b.lower_.startswith("ge") or b.i + 1 >= len(doc) or doc[b.i + 1].is_punct)


#: verbs of finding out: without an object they point back to what was found ('when I found out')
_LEARN = {"nl": {"ontdekken", "ontdekte", "ontdekt", "merken", "merkte", "gemerkt", "beseffen", "besefte", "beseft"},
          "en": {"find", "found", "realise", "realised", "realize", "realized", "notice", "noticed", "discover",
                 "discovered", "learn", "learned", "learnt"}}
#: nouns of an amount of money or time: no aspect of the journey ('een tientje', 'a fiver')
_AMOUNTS = {"nl": {"tientje", "tientjes", "vijfje", "euro", "euro's", "cent", "centen", "geld", "bedrag"},
            "en": {"fiver", "tenner", "buck", "bucks", "dollar", "dollars", "pound", "pounds", "euro", "euros",
                   "money", "amount"}}


_SUBORDINATORS = {"nl": {"als", "dat", "omdat", "wanneer", "zodat", "voordat", "nadat", "terwijl", "doordat"},
                  "en": {"if", "when", "because", "whether", "before", "after", "while", "unless"}}
#: pronouns that are only subjects ('ze', 'je', 'het' can be objects: 'vond het zonde')
_PRONOUNS_NL = {"ik", "wij", "jij", "hij", "men"}
#: copulas: a noun phrase right after one is its subject ('was de informatie vaag')
_COPULAS_NL = {"is", "was", "waren", "zijn", "bleek", "bleken", "werd", "werden", "wordt", "leek", "leken", "lijkt", "blijkt"}


_R_PRONOUNS = {"er", "daar", "hier", "ergens", "nergens", "overal"}
_PREPOSITIONS_NL = {"aan", "achter", "bij", "door", "in", "mee", "naar", "om", "op", "over", "tegen", "uit", "van",
                    "voor", "vanaf", "tussen", "onder", "boven", "naast"}


def _stranded(toks, doc):
    """The Dutch pronominal 'er' (or 'daar' …) a label left out while keeping its preposition
    at the end ('werd gek van' of 'werd er gek van'); None when there is none."""
    last = toks[-1]
    if last.lower_ not in _PREPOSITIONS_NL:
        return None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "DET", "PRON", "NUM", "ADJ"):
        return None  # 'van de bank': the preposition has its noun
    said = {t.i for t in toks}
    return next((t for t in doc[toks[0].i:last.i] if t.lower_ in _R_PRONOUNS and t.i not in said), None)


def with_r_pronoun(label: str, docs) -> str | None:
    """``label`` with the pronominal 'er' of its stranded preposition put back, where it was said."""
    for toks, d in _said(label, docs):
        r = _stranded(toks, d)
        if r is not None:
            return " ".join(t.text for t in sorted([*toks, r], key=lambda t: t.i))
    return None


def _cut_subordinate(toks, doc, lang: str) -> bool:
    """Whether the label opens a subordinate clause ('als', 'if') but stops before its verb,
    which the sentence says right after the label."""
    from .wordclass import can_be_finite

    mark = next((t for t in toks if t.lower_ in _SUBORDINATORS[lang]), None)
    if mark is None:
        return False
    after = [t for t in toks if t.i > mark.i]
    if any(t.pos_ in ("VERB", "AUX") and can_be_finite(t.lower_, lang) for t in after):
        return False  # both the parser and the lexicon must see the clause's verb ('tegoed' read as a verb)
    nxt = [t for t in doc[toks[-1].i + 1:]]
    stop = next((k for k, t in enumerate(nxt) if t.pos_ == "PUNCT"), len(nxt))
    return any(t.pos_ in ("VERB", "AUX") or can_be_finite(t.lower_, lang) for t in nxt[:stop])


def _subject_span(toks) -> list:
    """The words of a Dutch subject right after a label's first word: a pronoun that is only a
    subject ('ik'), or after a copula a determiner with the adjectives and the noun after it ('de
    informatie'); [] when there is none."""
    if len(toks) < 2:
        return []
    if toks[1].lower_ in _PRONOUNS_NL:
        return [toks[1]]  # 'heb ik …': a pronoun that is only ever a subject
    if toks[0].lower_ not in _COPULAS_NL or toks[1].pos_ != "DET" or toks[1].lower_ in ("geen",):
        return []  # 'kreeg een foutmelding': after another verb, a noun phrase may be its object
    span = [toks[1]]
    for t in toks[2:]:
        if t.i != span[-1].i + 1:
            return []
        span.append(t)
        if t.pos_ in ("NOUN", "PROPN"):
            return span
        if t.pos_ not in ("ADJ", "ADV"):
            return []
    return []


def main_order(label: str, docs) -> str | None:
    """A Dutch label in inverted order, its front left out ("was de informatie vaag" of "ook al
    was de informatie vaag", "heb ik in het opmerkingenveld gezet" of "toen heb ik …"), in main
    clause order: the subject's words, then the verb ("de informatie was vaag"); None when no
    sentence says it so."""
    for toks, _ in _said(label, docs):
        if len(toks) < 2:
            continue
        from .wordclass import can_be_finite

        verb = toks[0]
        span = _subject_span(toks)
        if not span or not can_be_finite(verb.lower_, "nl"):
            continue
        rest = [t for t in toks[1:] if t not in span]
        return " ".join(t.text for t in [*span, verb, *rest])
    return None


_CORE = {"nsubj", "nsubj:pass", "obj", "dobj", "nsubjpass"}


def with_antecedent(label: str, docs, lang: str) -> str | None:
    """``label`` headed by what its pro-form points back to in the same sentence ("Er staat wel
    'duurzaam' bij, maar niet echt duidelijk wat dat betekent" → "duurzaam: niet echt duidelijk
    wat dat betekent"): the nearest noun before the label that is the subject or object of a
    clause (not one of an aside, :func:`_in_aside`), or a word set in quotes; the one more than
    half of the sentences give, else None (the reference is then outside the sentence:
    "And I didn't realise that until later")."""
    found: Counter = Counter()
    for toks, d in _said(label, docs):
        quoted = [t for t in d[1:toks[0].i] if t.i + 1 < len(d) and d[t.i - 1].text in _QUOTES
                  and d[t.i + 1].text in _QUOTES and t.is_alpha]
        core = [t for t in d[:toks[0].i] if t.pos_ in ("NOUN", "PROPN") and not _in_aside(t)
                and t.lower_ not in _PRO_FORMS[lang] and (t.dep_ in _CORE or _introduces(t, toks[0]))]
        best = max(quoted + core, key=lambda t: t.i, default=None)
        if best is not None:
            found[best.text if best in quoted else best.lower_] += 1  # no quote marks: the map quotes labels
    if not found:
        return None
    word, k = found.most_common(1)[0]
    return f"{word}: {label}" if 2 * k > len(docs) else None


_QUOTES = {"'", '"', "‘", "’", "“", "”", "`"}


def _introduces(noun, first) -> bool:
    """Whether ``noun`` heads the clause that announces the label after a colon ('het antwoord
    was: "dat weten we niet"'): the sentence's root, a colon between it and the label."""
    return noun.dep_.lower() == "root" and any(t.text == ":" for t in noun.doc[noun.i + 1:first.i])


def _in_aside(t) -> bool:
    """Whether ``t`` heads a prepositional phrase set off by commas ("…, met zo'n groen blaadje,
    …"): an aside, not what the clause around it is about."""
    case = [c for c in t.children if c.dep_ == "case" and c.i < t.i]
    if not case:
        return False
    lo, doc = case[0].i, t.doc
    return lo > 0 and doc[lo - 1].pos_ == "PUNCT"


def lower_start(label: str, docs) -> str:
    """``label`` with a lower-case first letter when its first word is capitalised only because
    it opened the sentence ("Fix the import" → "fix the import", "Per-seat pricing …"); a name,
    "I" or an acronym keeps its capital."""
    from .wordclass import common_word

    words = label.split()
    first = words[0] if words else ""
    if not first[:1].isupper() or first == "I" or first.startswith("I'") or any(c.isupper() for c in first[1:]):
        return label
    if len(words) > 1 and words[1][:1].isupper() and words[1] != "I":
        return label  # 'Apple Pay …': a name of two words
    lang = docs[0].lang_ if docs and getattr(docs[0], "lang_", "") in ("nl", "en") else "en"
    if not common_word(first.split("-")[0].strip(".,!?'\"“”‘’"), lang):
        return label  # 'Woonhuis was duurder': a name the lexicon does not know as a word
    toks = next((m for m, _ in _said(label, docs)), None)
    if toks is not None and toks[0].i > toks[0].sent.start:
        return label  # capitalised inside its sentence: a name
    return first[0].lower() + label[1:]


def name_case(label: str, docs) -> str:
    """``label`` with a name spelled as its sentences mostly spell it ("apple Pay zou handig zijn"
    → "Apple Pay zou handig zijn", typed lower case by one respondent): a lower-case word is
    capitalised when its sentences write it capitalised more often than not where the capital
    is no sentence start — inside a sentence, or before another capitalised word of the same
    name ('Apple Pay') — or when the label's next word, capitalised, is a
    name it opens ('apple Pay')."""
    caps: Counter = Counter()
    low: Counter = Counter()
    for d in docs:
        for t in d:
            if not t.is_alpha:
                continue
            nxt = d[t.i + 1] if t.i + 1 < len(d) else None
            if t.text[:1].isupper() and (t.i > t.sent.start or (
                    t.pos_ in ("NOUN", "PROPN", "X") and nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha
                    and nxt.text != "I")):
                caps[(t.lower_, t.text)] += 1
            elif t.text.islower():
                low[t.lower_] += 1
    out: list[str] = []
    for w in reversed(label.split()):  # from the end: 'apple pay' → 'apple Pay' → 'Apple Pay'
        core = w.strip(".,;:!?\"'“”‘’()")
        nxt = out[-1] if out else ""
        if core.isalpha() and core.islower():
            spelled = Counter({text: n for (lw, text), n in caps.items() if lw == core})
            if spelled and (sum(spelled.values()) > low[core] or (nxt[:1].isupper() and nxt != "I")):
                w = w.replace(core, spelled.most_common(1)[0][0], 1)
        out.append(w)
    return " ".join(reversed(out))


_PLURAL_SUBJECTS_NL = {"we", "wij"}


def plural_subject(toks, doc):
    """The Dutch 'we' a label left out before its plural verb ('willen zo min mogelijk nieuw
    kopen' of 'we willen …': without it the verb reads as an infinitive); None when there is none."""
    from .wordclass import can_be_finite

    first = toks[0]
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is None or prev.lower_ not in _PLURAL_SUBJECTS_NL or not first.lower_.endswith("en") \
            or not can_be_finite(first.lower_, "nl"):
        return None
    return prev


def with_plural_subject(label: str, docs) -> str | None:
    """``label`` with the 'we' of its plural verb put back ('we willen zo min mogelijk nieuw kopen')."""
    for toks, d in _said(label, docs):
        we = plural_subject(toks, d)
        if we is not None:
            return f"{we.lower_} {label}"
    return None


_DET_DEPS = ("det", "det:poss", "nmod:poss", "det:predet")


def lost_determiners(toks, doc) -> list:
    """The articles and possessives a label left out of its own noun phrases: a determiner the
    sentence says before a noun of the label, between the label's first and last word or right
    before its first ('andere twee kwamen dag later' of 'De andere twee kwamen een dag later',
    "recommend it to bigger company" of '… to a bigger company')."""
    said = {t.i for t in toks}
    # a label word matched to an earlier article of the sentence ('de' of 'in de chat' for 'de chat …')
    misplaced = {s.lower_ for s in toks if s.dep_ in _DET_DEPS and s.head.i not in said}
    out = []
    for t in doc[max(0, toks[0].i - 1):toks[-1].i]:
        if t.lower_ in misplaced or t.i in said or t.dep_ not in _DET_DEPS or t.head.i not in said or t.head.i < t.i:
            continue
        if t.i < toks[0].i and (t.i + 1 != toks[0].i or toks[0].dep_ not in ("amod", "nummod", "det", "advmod")):
            continue  # 'doos was beschadigd': a heading may drop the article of its first noun
        out.append(t)
    return out


def with_determiners(label: str, docs) -> str | None:
    """``label`` with the determiners of its noun phrases put back, where they were said."""
    for toks, d in _said(label, docs):
        dets = lost_determiners(toks, d)
        if dets:
            from .phrases import join_tokens

            out = sorted([*toks, *dets], key=lambda t: t.i)
            text = join_tokens(out)
            return text[:1].lower() + text[1:] if out[0].pos_ == "DET" else text
    return None


def with_coordinate(label: str, docs) -> str | None:
    """``label`` with the coordinate it cut off its last word ('a bit hit and miss', not 'a bit
    hit'; 'vast en variabel'): a word joined by 'and'/'en' right after it that is no clause of
    its own (a noun, adjective or adverb, not 'and that'), at most three words, ending the
    clause ('na 5 maanden en na 3 keer bellen' is no pair); None when no sentence cuts one."""
    for toks, doc in _said(label, docs):
        last = toks[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is None or nxt.dep_ != "cc" or nxt.pos_ != "CCONJ":
            continue
        conj = [c for c in last.children if c.dep_ == "conj" and c.i > nxt.i and c.pos_ in ("NOUN", "ADJ", "ADV")]
        if not conj:
            continue
        span = doc[nxt.i:conj[0].right_edge.i + 1]
        end = span.end >= len(doc) or doc[span.end].is_punct  # the pair ends the sentence or clause
        if len(span) > 4 or any(t.is_punct for t in span) or not end:
            continue
        return f"{label} {span.text}"
    return None


def with_relative_head(label: str, docs) -> str | None:
    """``label`` with the noun its relative clause describes, when the label opens inside that
    clause ('a number you can ring when you're stuck abroad', not 'you can ring when …'): the
    noun's phrase as said, from its determiner on; None when no sentence cuts one off."""
    for toks, doc in _said(label, docs):
        inside = {t.i for t in toks}
        rel = next((t for t in toks if t.dep_ in ("relcl", "acl:relcl") and t.head.i not in inside
                    and t.head.i < toks[0].i and t.head.pos_ in ("NOUN", "PROPN")), None)
        if rel is None:
            continue
        head = rel.head
        start = min([head.i] + [c.i for c in head.children if c.i < head.i and c.dep_ in ("det", "amod", "compound", "nummod")])
        if toks[0].i - start > 4 or any(doc[i].is_punct for i in range(start, toks[0].i)):
            continue
        return f"{doc[start:toks[0].i].text} {label}"
    return None


#: conditional auxiliaries a wish is worded with ('I'd like', 'ik zou graag')
_CONDITIONAL = {"would", "'d", "zou", "zouden"}


def with_conditional(label: str, docs) -> str | None:
    """A wish with the 'would' its label left off ('would really like a small overdraft', not
    'really like …', which reads as praise): the conditional before the label's verb, else None."""
    for toks, _doc in _said(label, docs):
        first = toks[0]
        pred = first.head if first.dep_ == "advmod" and first.head.i > first.i else first
        inside = {t.i for t in toks}
        aux = [c for c in pred.children if c.dep_ in ("aux", "aux:pass") and c.lower_ in _CONDITIONAL
               and c.i < first.i and c.i not in inside]
        if aux and pred.i in inside:
            return f"{'would' if aux[0].lower_ == chr(39) + 'd' else aux[0].lower_} {label}"
    return None
