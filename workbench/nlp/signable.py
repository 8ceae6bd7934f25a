"""Whether a theme label is one a researcher would sign, judged against its parsed sentences.

A label is made by leaving words out of what was said (:mod:`workbench.nlp.phrases`). Some
leavings-out break it in ways no grammar check of the label alone sees; :func:`label_problem`
names them, from the parse of the sentences the label stands for:

* ``says nothing``: only pronouns, auxiliaries, modals, adverbs, determiners and negators ("dat
  wil ik ook", "that would be it");
* ``subject lost``: it opens with a verb whose subject in the sentence is neither in the label nor
  the speaker ("is voor mij het belangrijkste" of "dat is …", "means I miss things" of "which
  means …"), or with a Dutch inverted verb and its subject, the word in front left out ("heb ik
  in het opmerkingenveld gezet" of "Toen heb ik …");
* ``cut clause``: it ends on a verb whose object or clause, said after it, it leaves out ("need
  physios to know" of "… to know when they're working");
* ``cut name``: it keeps the first words of a multi-word name but not the rest ("mis Apple" of
  "Apple Pay");
* ``understatement`` (pain points): a negator denying a negative or belittling word ("dat is
  niet niks", "not bad");
* ``adjunct`` (pain points): only a prepositional phrase, no predicate ("with a warning about
  SSO setup").

:func:`signable_label` picks, for a theme, the first of its candidate labels with no problem.
"""

from __future__ import annotations

from collections import Counter

__all__ = ["label_problem", "signable_label", "signable_themes", "tidy_label"]

_FUNCTION_POS = {"PRON", "AUX", "DET", "ADV", "PART", "SCONJ", "CCONJ", "ADP", "INTJ", "PUNCT", "SYM", "X"}
_MODIFIER = {"acl", "amod", "acl:relcl", "compound", "nmod", "obl", "flat"}  # a verb inside a noun phrase
_SPEAKER = {"nl": {"ik", "we", "wij", "'k"}, "en": {"i", "we"}}


def _words(label: str) -> list[str]:
    return [w.strip(".,!?;:'\"“”‘’()").lower() for w in label.split() if w.strip(".,!?;:'\"“”‘’()")]


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


def label_problem(label: str, docs, kind: str, lang: str) -> str | None:
    """The first problem of ``label`` (see the module doc) in any of the parsed sentences
    ``docs`` it is taken from; None when it reads well."""
    from .lexicon import lexicon_entries
    from .phrases import _is_neg, _w

    words = _words(label)
    if not words:
        return "says nothing"
    polar = lexicon_entries(lang)
    for doc in docs:
        toks = _match(words, doc)
        if toks is None:
            continue
        said = {t.i for t in toks}
        content = [t for t in toks if t.pos_ not in _FUNCTION_POS and not _is_neg(t, lang)
                   and t.lower_ not in _w(lang, "wish") and t.lower_ not in _w(lang, "modals")
                   and t.lower_ not in _w(lang, "light_verbs") and t.lower_ not in _w(lang, "filler")]
        if not content:
            return "says nothing"
        first = toks[0]
        lead = next((t for t in toks if t.pos_ not in ("ADV", "PART")), first)  # 'only looks at …'
        if lead.pos_ in ("VERB", "AUX"):
            verb = lead.head if lead.pos_ == "AUX" and lead.dep_ in ("aux", "cop") else lead
            subjects = [c for c in verb.children if c.dep_.startswith("nsubj")]
            lost = [s for s in subjects if s.i not in said and s.lower_ not in _SPEAKER[lang]]
            if lost and lost[0].i < lead.i:
                return "subject lost"
        if first.pos_ in ("VERB", "AUX") and not label.rstrip().endswith("?"):
            subjects = [c for c in first.head.children if c.dep_.startswith("nsubj")] \
                if first.dep_ in ("aux", "cop") else [c for c in first.children if c.dep_.startswith("nsubj")]
            if lang == "nl" and len(toks) > 1 and toks[1].i == first.i + 1 and toks[1].i in {s.i for s in subjects} \
                    and first.i > 0 and doc[first.i - 1].pos_ not in ("PUNCT", "CCONJ"):
                return "subject lost"  # 'heb ik … gezet' of 'Toen heb ik … gezet'
        last = toks[-1]
        verbs = [t for t in toks if t.pos_ == "VERB"]
        if verbs and any(c.dep_ in ("ccomp", "xcomp", "obj") and c.i > last.i and c.i not in said
                         for c in verbs[-1].children):
            return "cut clause"  # 'need physios to know' of '… to know when they're working'
        for t in toks:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if t.text[:1].isupper() and t.i > 0 and nxt is not None and nxt.i not in said \
                    and nxt.text[:1].isupper() and nxt.is_alpha and t.pos_ == "PROPN" or (
                    t.text[:1].isupper() and nxt is not None and nxt.pos_ == "PROPN" and nxt.dep_ in ("flat", "compound")
                    and nxt.head.i == t.i and nxt.i not in said):
                return "cut name"
        if kind == "pain_point":
            for a, b in zip(toks, toks[1:], strict=False):
                if _is_neg(a, lang) and b.i == a.i + 1 and (_is_neg(b, lang) or polar.get(b.lower_, 0) < 0):
                    return "understatement"
            predicate = [t for t in toks if (t.pos_ in ("VERB", "ADJ") and t.dep_ not in _MODIFIER) or _is_neg(t, lang)]
            if first.pos_ == "ADP" and not predicate:
                return "adjunct"
        return None
    return None


def signable_label(candidates, docs, kind: str, lang: str) -> str | None:
    """The first of ``candidates`` (labels, best first) with no :func:`label_problem`; None
    when every one has a problem."""
    for label in candidates:
        if label and label_problem(label, docs, kind, lang) is None:
            return label
    return None


def tidy_label(label: str) -> str:
    """A label without the punctuation its clause was cut from ('..koud' → 'koud', 'slow,' → 'slow').

    >>> tidy_label("..koud"), tidy_label("- app crasht,"), tidy_label("waarom niet?")
    ('koud', 'app crasht', 'waarom niet?')
    """
    out = label.strip().lstrip(".,;:!-–—…·*) ").rstrip(".,;:-–—…·*( ").strip()
    return out or label


def signable_themes(assign: list[int], labels: list[str], aspects: list[str], phrases: list, docs: list,
                    kinds: list[str], lang: str) -> tuple[list[int], list[str], list[str]]:
    """Each theme with a label a researcher would sign: its label, else the clause most of its
    sentences say (:attr:`~workbench.nlp.phrases.Phrase.clause`), else none — its sentences then
    get −1 (an empty cell beats a false one). ``kinds`` is each sentence's ``pain_point`` or
    ``need``; themes keep their order."""
    keep: dict[int, int] = {}
    out_labels: list[str] = []
    out_aspects: list[str] = []
    for t, label in enumerate(labels):
        members = [i for i, a in enumerate(assign) if a == t]
        said = Counter(phrases[i].clause for i in members if phrases[i] is not None and phrases[i].clause)
        candidates = [label] + [c for c, _ in sorted(said.items(), key=lambda kv: (-kv[1], kv[0])) if c != label]
        kind = Counter(kinds[i] for i in members).most_common(1)[0][0] if members else ""
        chosen = signable_label(candidates, [docs[i] for i in members], kind, lang)
        if chosen is None:
            continue
        keep[t] = len(out_labels)
        out_labels.append(tidy_label(chosen))
        out_aspects.append(aspects[t])
    return [keep.get(a, -1) for a in assign], out_labels, out_aspects
