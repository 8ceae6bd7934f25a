"""What an action's verb was done to, when the parse hides it (issue 14): helpers of
:func:`workbench.nlp.actions.action_phrases`.

* :func:`_object_source`: the place an object came from, hung on the noun ("exported our staff
  from the HR system");
* :func:`_purpose`: a contact verb's purpose clause ("gebeld om te vragen of de levertijd klopte");
* :func:`_with_r_pronoun`: the Dutch 'er' of a stranded particle ("er een kussen bij gedaan").
"""

from __future__ import annotations

from .phrases import MAX_WORDS, PRT, _pp_nouns, _w, noun_phrase

#: personal pronouns that can be a verb's object ('heb ze gevolgd', 'called them'): an action
#: with one names whom it was done to; a demonstrative alone ('dat heb ik gebeld') names nothing
_OBJECT_PRONOUNS = {"nl": {"ze", "zij", "hem", "haar", "hen", "hun"}, "en": {"them", "him", "her"}}
#: the marker of a purpose clause ('gebeld om te vragen of …', 'called to ask whether …')
_PURPOSE = {"nl": {"om"}, "en": {"to"}}
_R_PRONOUNS = {"nl": {"er", "daar", "hier"}, "en": set()}
_STRANDABLE = {"nl": {"aan", "achter", "bij", "door", "in", "mee", "naar", "op", "over", "tegen", "uit", "van",
                      "voor", "af", "toe"}, "en": set()}


def _object_source(noun, lang: str) -> list:
    """The (preposition, noun) of a short PP the parser hung on the object noun instead of the
    verb ("exported our staff from the HR system"): said right after the object, it says where
    the object came from or went, which the action needs to name it. Empty when there is none."""
    for case, n in _pp_nouns(noun):
        if n.i > noun.i and case.i == max(t.i for t in noun_phrase(noun, lang, with_pp=False)) + 1 \
                and case.lower_ in _w(lang, "source_prepositions"):
            return [(case, n)]
    return []


def _purpose(v, lang: str) -> list:
    """The purpose clause of a contact verb ('gebeld om te vragen of de levertijd klopte',
    'called to ask about the invoice'), as said, when it is short; else []."""
    doc = v.doc
    for c in v.children:
        if c.dep_ not in ("advcl", "xcomp") or c.i < v.i or c.pos_ != "VERB":
            continue
        marks = [k for k in c.children if k.dep_ == "mark" and k.i < c.i]
        if not marks or marks[0].lower_ not in _PURPOSE.get(lang, ()):
            continue
        span = [t for t in doc[marks[0].i:c.right_edge.i + 1]]
        cut = next((k for k, t in enumerate(span) if t.pos_ == "PUNCT"), len(span))  # up to the next comma
        span = span[:cut]
        if 3 <= len(span) <= MAX_WORDS + 1:
            return span
    return []


def _with_r_pronoun(stretch: list, v, kids: list, lang: str) -> list:
    """The stretch with the Dutch pronominal 'er'/'daar' its stranded particle needs, put back
    where it was said ('er een kussen bij gedaan' of 'heb er nog een kussen bij gedaan', not
    'een kussen bij gedaan')."""
    if lang != "nl" or not stretch:
        return stretch
    doc = v.doc
    heads = {k.i for k in kids}
    stranded = [t for t in stretch if t.lower_ in _STRANDABLE[lang] and (t.dep_ in PRT or t.dep_ == "case")
                and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ in ("VERB", "AUX", "PUNCT"))]
    if not stranded:
        return stretch
    r = next((t for t in doc[:stretch[0].i] if t.lower_ in _R_PRONOUNS[lang] and t.head.i in heads | {v.i}), None)
    return [r, *stretch] if r is not None else stretch
