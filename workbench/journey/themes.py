"""Themes of a journey map's need and pain-point sentences, labelled like a researcher's code
("kortingscode werkte niet", "wil filter op prijs").

This is the map's view of :mod:`workbench.themes`: the sentences are the map's evidence (one
phase and label at a time), each with the tagger's cue span and class; they are parsed
(:mod:`workbench.nlp.syntax`), read into an aspect and a problem
(:func:`workbench.nlp.phrases.theme_phrase`) and grouped (:func:`workbench.themes.group_phrases`).
A sentence that names no aspect and no content verb ("Zo, dat wilde ik even kwijt!", "Graag
gedaan.") gets theme ``-1``: it is evidence, but no theme of the map; so does a negated statement of the
speaker's own circumstance ("ik heb geen auto", "I can't lift it"), praise by absence ("geen
piepschuim, alles karton") or a correction ("het is niet eens het bedrag, het is het gevoel"):
:func:`workbench.nlp.negated.no_pain`; and a burden gone ("I'm not calling people at five in
the morning anymore"), a neutral impression ("nothing special at first sight") or someone
else's complaint ("the ones from bigger companies complained"): :func:`workbench.nlp.negated.not_a_pain`. Such a sentence tells why something was hard, what was
good or what mattered instead, not what was wrong.

>>> import pandas as pd
>>> s = pd.Series(["De levering duurde te lang.", "Levering duurde twee weken te lang.",
...                "Betalen met iDEAL lukte niet.", "Graag gedaan."])
>>> t = find_themes(s, lang="nl")
>>> t.assignments.tolist()
[0, 0, 1, -1]
>>> t.labels[0]
'levering duurde te lang'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Themes", "find_themes", "MAX_LABEL_WORDS"]

MAX_LABEL_WORDS = 8
#: cue classes of a pain point said by a negation ('we kregen geen …', 'not admins'): the tagger's
#: ``negation`` and ``unmet`` rules; a cue of another class with a negator in it ('niet eens',
#: an ``expectation``) is one too
NEGATED = {"negation", "unmet"}


@dataclass
class Themes:
    """Result of :func:`find_themes`.

    Attributes
    ----------
    assignments : Series
        Theme number per input sentence (same index as the input), 0 = the largest theme,
        −1 = no theme (no aspect and no content verb).
    labels : list of str
        Label of each theme ("kortingscode werkte niet", "klachten over bezorging").
    terms : list of tuple of str
        Key terms of each theme: its aspect first, then the aspects and words its sentences
        name most.
    severity : list of float
        Mean severity (1–3, :data:`workbench.themes.SEVERITY`) of each theme's sentences: 3 =
        blocked, broken or cost money; needs count 1.
    unthemed : Series of str
        Why a sentence has no theme (same index as the input; ``""`` for one with a theme):
        ``"aside"`` — read as no complaint or wish (a negated circumstance, praise by absence,
        someone else's complaint) or naming no aspect and no content verb; ``"unsigned"`` — it
        says something, but no label a researcher would sign could be made of it; ``"capped"``
        — its theme is beyond ``n_themes``.
    """

    assignments: pd.Series
    labels: list[str]
    terms: list[tuple[str, ...]]
    severity: list[float] = field(default_factory=list)
    unthemed: pd.Series | None = None


def _values(values, n: int, default):
    if values is None:
        return [default] * n
    return [default if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
            for v in pd.Series(values).tolist()]


def find_themes(
    sentences: pd.Series,
    *,
    cues: pd.Series | None = None,
    cue_starts: pd.Series | None = None,
    classes: pd.Series | None = None,
    kind: str = "pain_point",
    lang: str = "nl",
    n_themes: int | None = None,
    pipeline: str | None = None,
    seed: int = 0,
    compounds: frozenset | None = None,
) -> Themes:
    """Group need or pain-point sentences into themes with researcher-style labels.

    Parameters
    ----------
    sentences : Series of str
        The sentences (one per piece of evidence); the index is kept in the result.
    cues : Series of str, optional
        Per sentence, the cue span's text (``TAGS.text``): it picks the clause to read.
    cue_starts : Series of int, optional
        Per sentence, the cue's offset in the sentence (else its first occurrence).
    classes : Series of str, optional
        Per sentence, the cue class (``TAGS.value``: ``broken``, ``delay``, ``wish`` …).
    kind : {'pain_point', 'need'}
        What the sentences are (for the label of a theme without shared wording).
    lang : {'nl', 'en'}
        Language.
    n_themes : int, optional
        At most this many themes: sentences of smaller themes get −1.
    pipeline : str, optional
        An installed spaCy pipeline to parse with (default: :func:`workbench.nlp.syntax.model_name`).
    seed : int
        Kept for compatibility; the grouping is deterministic.
    compounds : frozenset of (str, str), optional
        The study's multi-word names (:func:`workbench.nlp.compounds.study_compounds`; default:
        those of ``sentences``): a label never cuts one, and a pain-point cue that is only a
        name's first word ("delay" of "Delay Repay") is no pain point.

    Returns
    -------
    Themes
    """
    from ..nlp.compounds import cue_in_modifier, cue_past_names, study_compounds, with_compounds
    from ..nlp.negated import no_pain, not_a_pain, praise_by_absence
    from ..nlp.phrases import _w, theme_phrase
    from ..nlp.signable import signable_themes
    from ..nlp.syntax import parse
    from ..themes import SEVERITY, aspect_category, group_phrases, merge_copies
    from ..topics import word_senses

    texts = sentences.fillna("").astype(str)
    n = len(texts)
    if n == 0:
        return Themes(pd.Series([], index=texts.index, dtype="int64"), [], [], [],
                      pd.Series([], index=texts.index, dtype="string"))
    cue_list, start_list = _values(cues, n, ""), _values(cue_starts, n, None)
    cls_list = [str(c) for c in _values(classes, n, "")]
    docs = parse(texts.tolist(), lang, pipeline=pipeline)
    if compounds is None:
        compounds = study_compounds(texts.tolist(), lang)
    spans, gone = [], set()
    for text, cue, start in zip(texts.tolist(), cue_list, start_list, strict=True):
        span = None
        cue = str(cue)
        if cue:
            at = int(start) if start is not None and text[int(start):int(start) + len(cue)] == cue \
                else text.lower().find(cue.lower())
            if at >= 0:
                span = (at, at + len(cue))
        spans.append(span)
    if kind == "pain_point" and compounds:  # 'delay' of "Delay Repay" names the scheme: what else went wrong?
        named = [i for i, (doc, span) in enumerate(zip(docs, spans, strict=True)) if cue_in_modifier(doc, span, compounds)]
        for i, found in zip(named, cue_past_names([texts.iat[i] for i in named], lang, compounds), strict=True):
            spans[i], cls_list[i] = found if found else (None, "")
            gone.update(() if found else (i,))
    phrases, topics = [], []
    for i, (doc, span, cls) in enumerate(zip(docs, spans, cls_list, strict=True)):
        if i in gone:
            phrases.append(None)  # only a name was its cue
            topics.append(None)
            continue
        negated = cls in NEGATED or (span is not None and any(
            t.lower_ in _w(lang, "negation") for t in doc if span[0] <= t.idx < span[1]))  # 'niet eens' (expectation)
        if kind == "pain_point" and ((negated and no_pain(doc, lang, span)) or praise_by_absence(doc, lang)
                                     or not_a_pain(doc, lang, span)):
            phrases.append(None)  # 'ik heb geen auto', 'geen piepschuim, alles karton': no pain point
            topics.append(None)
            continue
        p = with_compounds(theme_phrase(doc, span, kind=kind), doc, compounds)  # 'automatic delay repay'
        phrases.append(p)
        words = ([p.aspect_key, *p.aspect.split()[::-1]] if p is not None and p.aspect_key else [])
        words += [t.lower_ for t in doc if t.pos_ in ("NOUN", "PROPN")]
        topics.append(aspect_category(words, lang, word_senses(doc, lang)) if p is not None or words else None)
    assign, labels, aspects = group_phrases(phrases, cls_list, lang=lang, topics=topics, kinds=[kind] * n)
    assign, labels, aspects = merge_copies(*signable_themes(assign, labels, aspects, phrases, docs, [kind] * n, lang,
                                                            split=True))  # 'veg was sad once' and '… 🙂': one item
    why = ["" if a >= 0 else ("aside" if p is None else "unsigned") for a, p in zip(assign, phrases, strict=True)]
    if n_themes is not None and len(labels) > max(1, n_themes):
        why = [w if a < n_themes else "capped" for a, w in zip(assign, why, strict=True)]
        assign = [a if a < n_themes else -1 for a in assign]
        labels, aspects = labels[:n_themes], aspects[:n_themes]
    terms = []
    for t, asp in enumerate(aspects):
        words = Counter(p.aspect.lower() for p, a in zip(phrases, assign, strict=True)
                        if a == t and p is not None and p.aspect)
        out = [asp] + [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if w != asp]
        terms.append(tuple(out[:5]))
    sev = [SEVERITY.get(c, 1) if kind == "pain_point" else 1 for c in cls_list]
    severity = [round(sum(v for v, a in zip(sev, assign, strict=True) if a == t)
                      / max(1, sum(1 for a in assign if a == t)), 2) for t in range(len(labels))]
    return Themes(pd.Series(assign, index=texts.index, dtype="int64"), labels, terms, severity,
                  pd.Series(why, index=texts.index, dtype="string"))
