"""Is a phrase read from a parse grammatical, and what does the speaker say verbatim?

A theme label or an action is built from some of a sentence's words (:mod:`workbench.nlp.phrases`,
:mod:`workbench.nlp.actions`). Leaving words out can break the grammar or the meaning, and a
researcher would never sign such a label. :func:`well_formed` checks the words chosen, in the
order shown, for the ways leaving out breaks a phrase:

* a clitic without its host ("n't clear": the "was" of "wasn't" left out);
* half a hyphenated word ("wrong e", "-mail");
* a negation left out that governs a word kept ("wil account" from "wilde geen account
  aanmaken", "special at first sight" from "nothing special at first sight");
* a finite verb whose pronoun subject was left out while other words stand before it
  ("reviews op site vertrouw niet" from "de reviews … vertrouw ik niet": Dutch inversion);
* an embedded clause whose pronoun subject was left out ("roadmap can see would help": "we");
* a verb at the end whose object, said after it, was left out ("DPA took": "three weeks");
* a wish label ("wil …", "wants …") holding a finite verb ("wil vanzelf gaat").

When a phrase is not well formed, the label falls back to :func:`verbatim_clause`: a short clause
of the sentence as said (the clause holding the cue, without discourse openers and a leading
first-person pronoun): "de reviews op de site zelf vertrouw ik niet helemaal", "wilde geen
account aanmaken".
"""

from __future__ import annotations

import re

__all__ = ["well_formed", "verbatim_clause", "question_clause", "is_clitic", "MAX_CLAUSE_WORDS"]

MAX_CLAUSE_WORDS = 14
_CLITIC = re.compile(r"^(n't|n’t|'s|’s|'re|’re|'m|’m|'ve|’ve|'d|’d|'ll|’ll)$", re.IGNORECASE)
_SUBJ = {"nsubj", "nsubj:pass", "nsubjpass", "csubj", "expl"}
_OBJ = {"obj", "dobj"}
_EMBEDDED = {"acl:relcl", "relcl", "advcl", "ccomp", "acl", "csubj"}
_CLAUSE = {"root", "ROOT", "conj", "ccomp", "advcl", "acl:relcl", "relcl", "parataxis", "csubj", "acl"}
_SEPARATE = {"conj", "parataxis", "appos", "list", "vocative", "discourse", "reparandum"}
_SEPARATE_AFTER_COMMA = {"advcl", "acl", "acl:relcl", "relcl", "ccomp"}
_RELATIVE = {"that", "which", "who", "die", "dat", "wat", "welke", "wie"}
#: filled pauses dropped from inside a clause as said ('features that are, um, in the …')
_PAUSES = {"um", "uh", "erm", "er", "eh", "ehm", "uhm", "hmm", "hm", "euh"}
_COMPARE = {"than", "dan", "as"}
#: words that open a clause as discourse, not content (trimmed off a verbatim clause)
_OPENERS = {
    "nl": {"nou", "ja", "nee", "oké", "oke", "ok", "dus", "en", "maar", "want", "of", "eh", "ehm", "hmm", "hm", "kortom",
           "toen", "dan", "daarna", "eigenlijk", "gewoon", "nouja", "tja", "oh", "o", "zeg", "even", "kort", "gezegd"},
    "en": {"so", "and", "but", "well", "yeah", "yes", "no", "ok", "okay", "um", "uh", "oh", "honestly", "anyway",
           "like", "then", "because", "or", "basically", "actually", "just", "which", "who"},
}
_FIRST_PERSON = {"nl": {"ik", "'k", "we", "wij"}, "en": {"i", "we"}}
_QUOTES = {'"', "“", "”", "‘", "’", "`", "'", "„"}
#: filler words kept inside a clause as said even when it is cut short (they carry meaning)
_KEEP_INSIDE = {"niet", "geen", "nooit", "not", "never", "no", "te", "too", "wel"}
#: pronominal adverbs a clause may open with ('daar betaal ik graag een tientje voor')
_PRONOMINAL = {"daar", "er", "hier", "there"}
_MODALS = {"nl": {"wil", "kan", "moet", "mag", "zal", "hoef", "ben", "word"}, "en": {"can", "must", "will", "may"}}
#: words whose leaving out turns the meaning around, like a negation ('zo min mogelijk nieuw kopen')
_REVERSING = {"min", "minder", "weinig", "nauwelijks", "amper", "zonder", "less", "fewer", "little", "hardly",
              "barely", "without"}
#: discourse words and phrases that end a spoken clause without adding to it
_TRAILERS = {"nl": {"hoor", "eigenlijk", "ofzo", "toch", "haha", "hè", "zeg"}, "en": {"honestly", "though", "anyway", "haha"}}
_TRAILER_PAIRS = {"nl": {("eerlijk", "gezegd"), ("of", "zo")}, "en": {("i", "guess"), ("i", "think")}}
_TRAILER_TRIPLES = {"nl": {("om", "eerlijk", "te")}, "en": {("to", "be", "honest"), ("you", "know", ".")}}
#: two-word discourse openers ('you know, fed up with …')
_OPENER_PAIRS = {"nl": {("weet", "je"), ("zeg", "maar"), ("nou", "ja"), ("om", "eerlijk")},
                 "en": {("you", "know"), ("i", "mean"), ("to", "be"), ("kind", "of"), ("sort", "of")}}


def is_clitic(tok) -> bool:
    """Whether a token is an English clitic that leans on the word before it ("n't", "'s", "'re" …)."""
    return bool(_CLITIC.match(tok.text))


def _lang(doc) -> str:
    return "nl" if doc.lang_ == "nl" else "en"


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _subject(tok):
    """The subject of the clause a verb, auxiliary or copula belongs to."""
    for t in (tok, tok.head) if tok.dep_ in ("aux", "aux:pass", "auxpass", "cop") else (tok,):
        for c in t.children:
            if c.dep_ in _SUBJ:
                return c
    if tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
        for c in tok.head.children:
            if c.dep_ in _SUBJ:
                return c
    return None


def _dropped_pronoun(tok, kept: set[int]):
    """Whether a pronoun subject of the verb's clause was left out (a parser may give a clause
    two subjects: any left-out pronoun counts)."""
    heads = (tok, tok.head) if tok.dep_ in ("aux", "aux:pass", "auxpass", "cop") else (tok,)
    subjects = [c for h in heads for c in h.children if c.dep_ in _SUBJ]
    if not subjects and tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
        subjects = [c for c in tok.head.children if c.dep_ in _SUBJ]
    return any(s.pos_ == "PRON" and s.i not in kept for s in subjects)


def well_formed(tokens, negation: frozenset[str] | set[str], *, prefix: str = "") -> bool:
    """Whether the words ``tokens`` (spaCy tokens of one parsed sentence, in the order shown)
    read as a grammatical phrase with the sentence's meaning; ``prefix`` is a word the label
    puts before them ("wil", "wants"), ``negation`` the language's negation words (see the
    module doc for the checks)."""
    toks = list(tokens)
    if not toks:
        return False
    doc = toks[0].doc
    kept = {t.i for t in toks}
    for pos, t in enumerate(toks):
        # a clitic without its host, half a hyphenated word
        if is_clitic(t) and (t.i == 0 or t.i - 1 not in kept or (pos > 0 and toks[pos - 1].i != t.i - 1)):
            return False
        if t.text.startswith("-") or t.text.endswith("-") or t.text in ("-", "–"):
            return False
        if _glued_hyphen(doc, t, kept):
            return False
        # a negation governing a kept word, left out
        for c in t.children:
            if c.i not in kept and (c.lower_ in negation or c.lower_ in _REVERSING) \
                    and c.dep_ in ("det", "advmod", "neg", "nsubj", "obj", "obl", "amod", "fixed"):
                return False
            if c.i not in kept and c.dep_ in ("advmod", "amod", "obl") and any(
                    k.lower_ in _REVERSING and k.i not in kept for k in c.subtree):
                return False  # 'wil nieuw kopen' from 'zo min mogelijk nieuw kopen'
            if c.i not in kept and len(toks) <= 3 and c.dep_ in ("acl", "xcomp", "ccomp") and c.i > t.i \
                    and t.pos_ in ("NOUN", "PROPN", "VERB"):
                return False  # 'geen zin' without 'om … te zoeken', 'wil weten' without 'of …'
        if t.dep_ in ("obl", "nmod", "obl:arg") and any(c.dep_ == "case" and c.i < t.i and c.i not in kept
                                                          for c in t.children) and t.head.i in kept:
            return False  # 'failed three times separator': the preposition left out
    roots = [t for t in toks if t.head.i not in kept or t.head.i == t.i]
    for r in roots:  # an object without its verb ('geen zin' of 'daar heb ik geen zin in', 'geen bezorgmoment')
        if r.dep_ in _OBJ and r.head.i not in kept and _is_verb(r.head) and not prefix:
            return False
        if r.pos_ == "ADP" and not prefix:
            return False  # a stranded preposition ('betaal graag tientje voor': 'daar … voor')
    if not prefix and len([t for t in roots if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")]) > 1:
        return False  # words of two clauses ('double part-time seats from start')
    first_kept = min(kept)
    for t in toks:
        for c in t.children:
            if c.dep_ == "case" and c.i < t.i and c.i not in kept and (c.i > first_kept or c.i == t.i - 1) \
                    and c.lower_ not in ("'s", "’s"):
                return False  # 'wil gast bestellen' from 'als gast': the preposition left out
            if c.dep_ == "mark" and c.i not in kept and first_kept < c.i < t.i and _is_verb(t):
                return False  # 'wil vanzelf gaat' from 'wil dat het vanzelf gaat'
    verbs = [t for t in toks if _is_verb(t) and t.dep_ not in ("amod", "acl", "compound")]
    if verbs:
        first = verbs[0]
        before = [t for t in toks if toks.index(t) < toks.index(first)]
        if before and _dropped_pronoun(first, kept):
            return False  # 'reviews op site vertrouw niet'
        for v in verbs:
            head = v.head if v.dep_ in ("aux", "aux:pass", "auxpass", "cop") else v
            if head.dep_ in _EMBEDDED and head.head.i in kept and _dropped_pronoun(head, kept):
                return False  # 'roadmap can see would help'
        if not prefix and first.pos_ == "VERB" and _dropped_pronoun(first, kept) and _present_first_person(first):
            return False  # 'vertrouw niet', "don't believe": reads as an order, not a finding
        last = toks[-1]
        if _is_verb(last) and last.dep_ not in ("aux", "cop"):
            later = [c for c in last.children if c.dep_ in _OBJ and c.i > last.i and c.pos_ in ("NOUN", "PROPN", "NUM")]
            if later and not any(c.i in kept for c in later):
                return False  # 'DPA took'
    if prefix and any(not _infinitive(v, doc) for v in toks if _is_verb(v)):
        return False  # 'wil vanzelf gaat', 'wants trial had sample data'
    return True


def _comma_between(doc, a, b) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any(doc[i].text in (",", ";", ":") for i in range(lo + 1, hi)) or (b.i > a.i and b.i > 0
                                                                          and doc[min(t.i for t in b.subtree) - 1].text == ",")


def _glued_hyphen(doc, t, kept: set[int]) -> bool:
    """A hyphen written against ``t`` ("e-" + "mail" split by a tokenizer) that was left out."""
    after = t.i + 1
    if after < len(doc) and doc[after].text == "-" and not t.whitespace_ and after not in kept:
        return True
    before = t.i - 1
    return before >= 0 and doc[before].text == "-" and not doc[before].whitespace_ and before not in kept


def _present_first_person(v) -> bool:
    """A first-person present form whose pronoun is left out: Dutch stem forms ('vertrouw',
    'vind'), English forms after "do"/"don't" or a bare base form."""
    from .syntax import lemma

    subj = _subject(v)
    if subj is None or subj.lower_ not in _FIRST_PERSON[_lang(v.doc)] or v.pos_ == "AUX" \
            or v.lower_ in _MODALS.get(_lang(v.doc), ()):
        return False
    base = lemma(v)
    if _lang(v.doc) == "nl":
        w = v.lower_
        if not base.endswith("en") or len(base) < 4:
            return False
        stem = base[:-2]
        # 'vertrouw', 'vind', 'zit' (zitten), 'betaal' (betalen), 'lees' (lezen); not 'kreeg', 'vond'
        forms = {stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
        if len(stem) >= 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
            long = stem[:-1] + stem[-2] + stem[-1]
            forms.add(long[:-1] + {"z": "s", "v": "f"}.get(long[-1], long[-1]))
        return w in forms
    if any(c.lower_ in ("do", "don", "am", "'m") for c in v.children if c.dep_ in ("aux",)):
        return True
    return v.lower_ == base and not any(c.dep_ in ("aux",) for c in v.children)


def _infinitive(v, doc) -> bool:
    """A verb form a wish label may hold after "wil"/"wants": a Dutch infinitive (-en, -n) or
    participle, an English verb after "to"."""
    if _lang(doc) == "nl":
        w = v.lower_
        return w.endswith("n") or w.startswith("ge")
    return v.i > 0 and doc[v.i - 1].lower_ == "to"


def _clause_head(anchor):
    """The head of the finite clause holding ``anchor`` (a clause without a subject of its own —
    'about switching back', 'to compare' — belongs to the one above it)."""
    t = anchor
    for _ in range(50):
        if t.head.i == t.i:
            return t
        subj = _subject(t)
        own = subj is not None and not (subj.lower_ in _RELATIVE and t.dep_ in ("acl:relcl", "relcl", "acl"))
        if t.dep_ in _CLAUSE and (t.dep_ in ("conj", "parataxis", "root", "ROOT") or own):
            return t
        t = t.head
    return t


def question_clause(doc, anchor, *, filler: frozenset[str] | set[str] = frozenset(),
                    max_words: int = MAX_CLAUSE_WORDS) -> str:
    """A question as said, from ``anchor`` (its first word) to the question mark, openers
    trimmed ('is het nou echt goedkoper of komt er straks nog tien euro bij?'); the clause of
    :func:`verbatim_clause` with a question mark when that runs longer than ``max_words``."""
    lang = _lang(doc)
    toks = [t for t in doc[anchor.i:] if t.text not in _QUOTES]
    openers = (_OPENERS.get(lang, set()) | set(filler)) - _PRONOMINAL
    while toks and (toks[0].pos_ in ("PUNCT", "CCONJ", "INTJ") or toks[0].lower_ in openers):
        toks = toks[1:]
    while toks and toks[-1].pos_ == "PUNCT":
        toks = toks[:-1]
    words = [t for t in toks if t.pos_ != "PUNCT"]
    if not words or len(words) > max_words:
        short = verbatim_clause(doc, anchor, filler=filler, max_words=max_words)
        return short + "?" if short else ""
    text = "".join(t.text + t.whitespace_ for t in toks).strip()
    if text[:1].isupper() and text[1:2].islower() and toks[0].pos_ != "PROPN":
        text = text[0].lower() + text[1:]
    return text + "?"


def verbatim_clause(doc, anchor, *, filler: frozenset[str] | set[str] = frozenset(),
                    max_words: int = MAX_CLAUSE_WORDS) -> str:
    """The clause holding ``anchor`` as said: its clause head's words without the clauses joined
    to it (other conjuncts, asides) — the longest unbroken stretch around the anchor — with
    discourse openers, a leading first-person pronoun before its verb, quotes and end
    punctuation taken off, at most ``max_words`` words (cut at a comma after the anchor, else
    around it). Empty when nothing is left."""
    if not len(doc):
        return ""
    lang = _lang(doc)
    head = _clause_head(anchor)
    inside: set[int] = set()

    def take(t):
        inside.add(t.i)
        for c in t.children:
            if anchor.i not in {k.i for k in c.subtree} and (c.dep_ in _SEPARATE or (
                    c.dep_ in _SEPARATE_AFTER_COMMA and _comma_between(doc, t, c))) \
                    and not any(k.lower_ in _COMPARE for k in c.children if k.i < c.i):
                continue  # another clause, unless it is a comparison ('higher than we wanted')
            take(c)

    take(head)
    lo = hi = anchor.i if anchor.i in inside else head.i
    while lo - 1 in inside:
        lo -= 1
    while hi + 1 in inside:
        hi += 1
    toks = [doc[i] for i in range(lo, hi + 1)]
    # filled pauses and the commas around them are no words of the clause ('that are, um, in the …')
    pauses = {t.i for t in toks if t.lower_ in _PAUSES}
    pauses |= {t.i for t in toks if t.text == "," and (t.i - 1 in pauses or t.i + 1 in pauses)}
    toks = [t for t in toks if t.i not in pauses]
    # a short lead without a verb before a comma ('prima, maar ik had graag …')
    comma = next((k for k, t in enumerate(toks) if t.text == "," and t.i < anchor.i), None)
    if comma is not None and comma <= 2 and not any(_is_verb(t) or t.pos_ in ("NOUN", "PROPN") for t in toks[:comma]):
        toks = toks[comma + 1:]
    openers = (_OPENERS.get(lang, set()) | set(filler)) - _PRONOMINAL
    pairs = _OPENER_PAIRS.get(lang, set())
    dropped = None
    while toks:
        if toks[0].pos_ in ("PUNCT", "CCONJ", "INTJ", "SYM") or toks[0].lower_ in openers \
                or toks[0].text.strip("\"'“”‘’`") == "":
            dropped = toks[0] if toks[0].pos_ not in ("PUNCT", "SYM") else dropped
            toks = toks[1:]
        elif len(toks) > 2 and (toks[0].lower_, toks[1].lower_) in pairs:
            toks = toks[2:]
        else:
            break
    if lang == "nl" and dropped is not None and len(toks) > 1 and dropped.i == toks[0].i - 1 \
            and _is_verb(toks[0]) and toks[1].dep_.startswith("nsubj") and toks[1].head.i in (toks[0].i, toks[0].head.i):
        toks = [dropped, *toks]  # an inverted verb keeps the word in front of it ('toen heb ik …')
    while toks:  # end punctuation, and a discourse tail ('…, eerlijk gezegd', '…, to be honest')
        tail = tuple(t.lower_ for t in toks[-3:])
        if toks[-1].pos_ in ("PUNCT", "CCONJ", "SCONJ", "SYM") or toks[-1].text.strip("\"'“”‘’`") == "":
            toks = toks[:-1]
        elif toks[-1].lower_ in _TRAILERS.get(lang, ()):
            toks = toks[:-1]
        elif len(toks) > 3 and tail[-2:] in _OPENER_PAIRS.get(lang, set()) | _TRAILER_PAIRS.get(lang, set()):
            toks = toks[:-2]
        elif len(toks) > 4 and tail in _TRAILER_TRIPLES.get(lang, set()):
            toks = toks[:-3]
        else:
            break
    if len(toks) >= 2 and toks[0].lower_ in _FIRST_PERSON.get(lang, ()) and _is_verb(toks[1]) \
            and not _present_first_person(toks[1]) and not (len(toks) > 2 and _present_first_person(toks[2])):
        # 'ik wilde geen account aanmaken' -> 'wilde geen account aanmaken'; "I'm not …" -> "not …";
        # not before a present form: 'ik vertrouw …', "I don't have …" stay as said
        toks = toks[2:] if is_clitic(toks[1]) and toks[1].lower_ not in ("n't", "n’t") else toks[1:]
    # a comma after the cue ends the clause ('wish the trial had sample data, an empty calendar …')
    cut = next((k for k, t in enumerate(toks) if t.text in (",", ";", ":") and t.i > anchor.i), None)
    if cut is not None and len([t for t in toks[:cut] if t.pos_ != "PUNCT"]) >= 3:
        toks = toks[:cut]
    toks = [t for t in toks if t.text not in _QUOTES]
    inner = set(filler) - _KEEP_INSIDE
    if len([t for t in toks if t.pos_ != "PUNCT"]) > max_words:  # filler first, then a subordinate clause
        toks = [t for t in toks if t.lower_ not in inner or t.i == anchor.i]
    if len([t for t in toks if t.pos_ != "PUNCT"]) > max_words:
        at = next((k for k, t in enumerate(toks) if t.i >= anchor.i), 0)
        start = max(0, min(at - max_words // 2, len(toks) - max_words))
        window = toks[start:start + max_words]
        sub = [k for k, t in enumerate(window) if k > at - start and t.dep_ in ("mark", "cc") and k >= 3]
        toks = window[:sub[-1]] if sub else window
        while toks and toks[-1].pos_ in ("AUX", "DET", "ADP", "SCONJ", "CCONJ", "PART", "PUNCT") \
                and not is_clitic(toks[-1]):
            toks = toks[:-1]  # a cut never ends on 'we would', 'of the'
    parts = []
    for k, t in enumerate(toks):
        parts.append(t.text)
        if k + 1 < len(toks):
            nxt = toks[k + 1]
            gap = " " if nxt.i != t.i + 1 and nxt.pos_ != "PUNCT" else ""
            parts.append(t.whitespace_ if nxt.i == t.i + 1 else gap)
    text = "".join(parts).strip().strip(" ,;:")
    if text[:1].isupper() and text[1:2].islower() and toks and toks[0].pos_ != "PROPN" \
            and toks[0].text[1:] == toks[0].text[1:].lower():  # not a name with inner capitals ('PostNL')
        text = text[0].lower() + text[1:]
    return text


def judged_anchor(doc, anchor):
    """The verb of the clause an evaluation tail judges ('PostNL heeft het pakket bij een
    afhaalpunt gelegd terwijl ik thuis was, erg irritant'): when ``anchor`` sits in the last
    stretch of the sentence, after a comma, with at most three words and no verb, noun or
    pronoun, the sentence's root verb before that comma (else its first verb); None otherwise."""
    comma = next((t for t in reversed(doc[:anchor.i]) if t.text == ","), None)
    if comma is None:
        return None
    from .wordclass import can_be_finite

    tail = [t for t in doc[comma.i + 1:] if not t.is_punct]
    if not tail or len(tail) > 3 or any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "PRON") and not (
            t.i == anchor.i and not can_be_finite(t.lower_, _lang(doc))) for t in tail):
        return None  # (the parser may take the judging word for a verb: 'erg irritant')
    verbs = [t for t in doc[:comma.i] if t.pos_ == "VERB"]
    return next((t for t in verbs if t.dep_.lower() == "root"), verbs[0] if verbs else None)

