"""Whether the sentences of a theme say what its label says.

:func:`backs` asks whether one member sentence names the theme's aspect or says at least half of
the label's content words, in some form of each (:func:`_same_word`: 'kortingscodes' is
'kortingscode', 'bezorger' is not 'bezorging'); :func:`split_unbacked` keeps in a theme only the
members that back its label and groups the others again. :func:`workbench.nlp.signable.signable_themes`
uses both before it lets a label onto the map.
"""

from __future__ import annotations

__all__ = ["backs", "judged_unsaid", "judgement", "split_unbacked"]


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word: one is the start of the other ('kortingscode'/'kortingscodes',
    'account'/'accounts'), or they share at least four letters and four fifths of the shorter
    ('beschadigd'/'beschadiging', 'prijs'/'prijzen', 'delivery'/'delivered') — not a person and a
    process that only share a stem ('bezorger'/'bezorging'), nor 'verlopen'/'verliep'."""
    if a.startswith(b) or b.startswith(a):
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= 0.8 * min(len(a), len(b))


def _content_words(label: str, lang: str) -> set[str]:
    """The label's words a member must say for the label to speak for it: longer than three
    letters, no negator, filler or word of a label template ('problemen met {x}')."""
    from ..themes import label_templates
    from .phrases import _w
    from .signable import _words

    template = {w for t in label_templates(lang).values() for w in t.lower().split() if w != "{x}"}
    skip = template | _w(lang, "negation") | _w(lang, "filler") | _w(lang, "bare_contractions")
    return {w for w in _words(label) if len(w) > 3 and w not in skip}


#: label templates that judge (a wrong class gives a wrong judgement: 'te veel verhuizing' of "dat
#: is te kort", 'unclear app' of "the writing's too small"): their own words must be said
_JUDGING = ("excess", "unclear")


def judgement(label: str, lang: str) -> set[str]:
    """The words a judging label template adds to ``label`` ('veel' of 'te veel verhuizing',
    'unclear' of 'unclear app'); empty for any other label."""
    from ..themes import label_templates
    from .signable import _template_slot, _words

    templates = label_templates(lang)
    for cls in _JUDGING:
        t = templates.get(cls)
        if t and _template_slot(label, [t]) is not None:
            return {w for w in _words(t.replace("{x}", "")) if len(w) > 3}
    return set()


def judged_unsaid(label: str, docs, lang: str) -> bool:
    """Whether ``label`` is a judging template ('te veel {x}') whose judgement none of ``docs`` says."""
    judged = judgement(label, lang)
    return bool(judged) and not any(_said(judged, {t.lower_ for t in d}) for d in docs)


def reads_as_need(label: str, doc, lang: str) -> bool:
    """Whether ``label`` of the sentence ``doc`` reads as a need (:func:`~workbench.nlp.phrases.need_like`),
    a request only when its first word is a verb there ('pas het aan', not 'pas besteld na de mail')."""
    from .phrases import _w, need_like

    if not need_like(label, lang):
        return False
    words = [w.strip(".,!?'").lower() for w in label.split()]
    if any(w in _w(lang, "need_words") for w in words) or label.rstrip().endswith("?"):
        return True
    return any(t.lower_ == words[0] and t.pos_ == "VERB" for t in doc)


def _facts(label: str) -> set[str]:
    """The numbers, amounts and names a label states ('500' of 'moest 500 euro bijbetalen',
    'spain' of 'card frozen in Spain'): a member that says another number or place does not say
    this label."""
    from .signable import _words

    words = label.split()
    named = {w.lower() for w in words[1:] if w[:1].isupper() and w[1:].islower()}  # 'Spain', not 'CSV'
    return {w for w in _words(label) if any(ch.isdigit() for ch in w) or w in named}


def _said(words: set[str], said: set[str]) -> set[str]:
    """The ``words`` a sentence says in some form (:func:`_same_word`)."""
    return {w for w in words if w in said or any(_same_word(w, x) for x in said if x[:1] == w[:1])}


def backs(label: str, doc, lang: str, aspect: str | None = None) -> bool:
    """Whether the sentence ``doc`` says what ``label`` says: it names the theme's ``aspect``
    as the label names it and, when the label says more, one more of its content words
    ('tijdvak … ruim' of 'tijdvak van bezorging was veel te ruim'; 'card was declined' does not
    back 'card frozen in Spain'), or holds at least half of the label's content words (a label
    without any backs every sentence). A judging template's word ('te veel', 'unclear') and the
    label's numbers ('500 euro') must be said as well."""
    from .phrases import _w
    from .signable import _words

    words = [t.lower_.strip(".,!?;:'\"") for t in doc]
    said = {w for w in words if len(w) > 3}
    if _facts(label) - set(words):
        return False  # '640 euro' does not back 'moest 500 euro bijbetalen'
    judged = judgement(label, lang)
    if judged and not _said(judged, said):
        return False  # 'dat is te kort' does not back 'te veel verhuizing'
    own = _content_words(label, lang)
    topic = {w for w in own if aspect and _said({w}, _content_words(aspect, lang))}  # the aspect as the label names it
    denied = {w for w in _words(label) if w in _w(lang, "negation")} & set(words)  # 'geen factuur' of both
    if topic and own - topic and not _said(own - topic, said) and not denied:
        return False  # it names what the label is about, not what is wrong with it
    if topic and _said(topic, said) == topic:
        return True
    if not own:
        return True
    return len(_said(own, said)) >= 0.5 * len(own)


def split_unbacked(assign: list[int], labels: list[str], aspects: list[str], phrases: list, docs: list,
                    kinds: list[str], lang: str) -> tuple[list[int], list[str], list[str]]:
    """Themes whose label most members do not say (:func:`backs`; in a theme of two, both must)
    keep only the members that say it. The others are grouped again by their own aspect and
    wording (:func:`workbench.themes.group_phrases` without the aspect categories that joined
    them) into new themes after the existing ones; a member no such theme speaks for is a theme of
    its own wording (its phrase's label or clause, when that says it and a need's reads as a need),
    else gets −1."""
    from ..themes import group_phrases
    from .signable import _template

    assign = list(assign)
    labels, aspects = list(labels), list(aspects)
    loose: list[int] = []
    for t, label in enumerate(list(labels)):
        members = [i for i, a in enumerate(assign) if a == t]
        if len(members) < 2:
            continue
        backed = [i for i in members if backs(label, docs[i], lang, aspects[t])]
        if 2 * len(backed) > len(members):
            continue  # most members say it
        for i in members:
            if i not in backed:
                assign[i] = -1
                loose.append(i)
    if not loose:
        return assign, labels, aspects
    sub, sub_labels, sub_aspects = group_phrases([phrases[i] for i in loose], None, lang=lang,
                                                 kinds=[kinds[i] for i in loose])
    own: dict[tuple[str, str], list[int]] = {}  # members no regrouped label speaks for: their own wording
    for t, (label, aspect) in enumerate(zip(sub_labels, sub_aspects, strict=True)):
        members = [loose[k] for k, a in enumerate(sub) if a == t]
        backed = [i for i in members if backs(label, docs[i], lang, aspect) and (
            kinds[i] != "need" or _template(label, lang) or reads_as_need(label, docs[i], lang))]
        if not backed or (len(members) >= 2 and 2 * len(backed) <= len(members)):
            for i in members:
                wording = phrases[i] and next((w for w in (phrases[i].label, phrases[i].clause)
                                               if w and backs(w, docs[i], lang, phrases[i].aspect)
                                               and (kinds[i] != "need" or reads_as_need(w, docs[i], lang))), None)
                if wording:
                    own.setdefault((wording, phrases[i].aspect), []).append(i)
            continue
        for i in backed:
            assign[i] = len(labels)
        labels.append(label)
        aspects.append(aspect)
    for (label, aspect), members in own.items():  # 'verhuizing doorgeven kan pas 6 weken van tevoren'
        for i in members:
            assign[i] = len(labels)
        labels.append(label)
        aspects.append(aspect)
    return assign, labels, aspects
