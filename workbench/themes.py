"""Themes in open answers, as a researcher would code them ("kortingscode werkte niet",
"wil filter op prijs"), for any column of texts: NPS comments, tickets, reviews, interview turns.

:func:`find_themes` splits the texts into sentences, keeps the pain-point or need sentences the
tagger finds (or all), parses only those (:mod:`workbench.nlp.syntax`), reads from each parse the
aspect it is about and what is wrong or wanted with it (:func:`workbench.nlp.phrases.theme_phrase`)
and groups the sentences on two levels, as a researcher codes open answers (Dovetail, Qualtrics
Text iQ): **topics**, what the complaint or wish is about ("bezorging", "klantenservice", "app en
website"; :mod:`workbench.topics`), and within each topic **themes** (:func:`group_phrases`):

1. by **aspect** (its topic when it has one) — the lemma of the noun the sentence is about; a Dutch compound met once joins a
   more common aspect it ends with ("betaalapp" → "app");
2. within an aspect, by **problem** — the tagger's cue class (``broken``, ``delay``, ``wish`` …) or
   the predicate's lemma; a problem with fewer than ``max(2, 25 %)`` of the aspect's sentences
   joins the aspect's main problem, so near-duplicate wordings of one complaint are one theme;
3. each theme is **labelled** with the wording its members share most (their phrase labels;
   ties: the shortest), and themes whose labels read the same are merged.

A sentence that names neither an aspect nor a content verb ("Nooit meer!", "That would help a
lot.") gets no theme (``-1``): a label is never a fragment or filler.

Per theme the table gives its size, the share of people naming it, a severity (1–3: 3 = the
customer was blocked, something broke or cost money; 2 = delay, contact, something missing or
against expectation; 1 = unclear, annoying, other; needs count 1), the mean sentiment of its
sentences (−1..+1, from the tagger) and two or three distinct verbatim quotes.

>>> r = find_themes(["De kortingscode werkte niet.", "Kortingscode werkte niet bij het afrekenen!",
...                  "De levering duurde te lang."], lang="nl")
>>> r.themes[["theme", "level", "parent", "label", "n_sentences"]].values.tolist()
[[0, 'topic', -1, 'bestelling', 2], [1, 'theme', 0, 'kortingscode werkte niet', 2], [2, 'topic', -1, 'bezorging', 1], [3, 'theme', 2, 'levering duurde te lang', 1]]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import WorkbenchError
from .nlp.signable import tidy_label
from .theme_tables import (
    SEVERITY,
    TEXT_COLUMNS,
    THEME_COLUMNS,
    most_common,
    number_levels,
    text_table,
    theme_table,
)
from .topics import aspects_data

__all__ = ["ThemeResult", "find_themes", "group_phrases", "merge_copies", "aspect_category", "aspect_lexicon", "SEVERITY", "THEME_COLUMNS", "TEXT_COLUMNS"]

MINOR_SHARE = 0.25
_SENT_END = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass
class ThemeResult:
    """Result of :func:`find_themes`.

    Attributes
    ----------
    themes : DataFrame
        Two levels in one table (:data:`THEME_COLUMNS`), in tree order: each **topic** (what the
        sentences are about — "bezorging", "klantenservice", "app en website"; largest first)
        followed by its **themes** (an aspect with what is wrong or wanted — "kortingscode werkte
        niet"; largest first), then the themes in no topic. ``theme`` (0, 1, … in that order),
        ``level`` (``topic`` or ``theme``), ``parent`` (a theme's topic number; −1 for a topic
        and for a theme in no topic), ``label``, ``aspect`` (the aspect noun most of its
        sentences name), ``phrases`` (its sentences' own most common wordings with their
        counts, ``;``-joined), ``n_sentences``, ``n_texts``, ``n_people``, ``share_people``
        (0..1 of all people in the input), ``severity`` (1–3), ``sentiment`` (mean −1..+1),
        ``quotes`` (two or three distinct verbatim sentences, joined by `` | ``) and
        ``quote_ids`` (their rows).
    texts : DataFrame
        One row per input text (:data:`TEXT_COLUMNS`): ``row`` (the input's index), ``text``,
        ``n_sentences`` (selected sentences in it), ``topics`` and ``topic_labels`` (its
        topics' numbers and labels, ``;``-joined), ``themes`` and ``labels`` (its themes').
    sentences : DataFrame
        One row per selected sentence: ``row``, ``start``, ``end`` (offsets in the text),
        ``sentence``, ``label`` (pain_point / need), ``cls`` (cue class), ``sentiment``,
        ``phrase`` (its own label, empty when none), ``topic`` and ``theme`` (their numbers;
        −1: none).
    """

    themes: pd.DataFrame
    texts: pd.DataFrame
    sentences: pd.DataFrame

    def coverage(self, top: int = 10, level: str = "topic") -> float:
        """Share of the selected sentences that lie in the ``top`` largest topics (``level=
        'topic'``) or themes (``'theme'``)."""
        n = len(self.sentences)
        if not n:
            return float("nan")
        if level not in ("topic", "theme"):
            raise WorkbenchError(f"unknown level '{level}'", key="level", hint="Use topic or theme.")
        of = self.themes[self.themes["level"] == level]
        kept = set(of.sort_values("n_sentences", ascending=False, kind="stable")["theme"].head(top))
        return float(self.sentences[level].isin(kept).sum() / n)


def _fold(word: str, lang: str) -> str:
    """A grouping key: lower case, crude plural folding ('kortingscodes' -> 'kortingscode')."""
    w = word.lower().replace("’", "'")
    if lang == "nl":
        if len(w) > 6 and w.endswith("en") and not w.endswith("ijen"):
            return w[:-2]
        if len(w) > 5 and w[-1] == "s" and w[-2] not in "s'":
            return w[:-1]
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w[-1] == "s" and w[-2] not in "su'":
        return w[:-1]
    return w


@lru_cache(maxsize=4)
def aspect_lexicon(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """``({word: category id}, {category id: name})`` from ``data/themes/aspects.toml``."""
    data = aspects_data()
    words, names = {}, {}
    for a in data.get("aspects", []):
        if a.get("topic_only"):
            continue
        names[a["id"]] = a.get("name", {}).get(lang, a["id"])
        for w in a.get(lang, []):
            words.setdefault(w.lower(), a["id"])
    return words, names


def aspect_category(words: Sequence[str], lang: str, senses: dict[str, str | None] | None = None) -> str | None:
    """The category of the first of ``words`` (lemmas or forms) in the aspect lexicon; Dutch
    compounds of at least 4 letters match by their ending ("pakketbezorging" -> bezorging).
    ``senses`` (:func:`workbench.topics.word_senses` of the sentence) gives an ambiguous word the
    category of the sense it has there: "missed my connection" is travel, not internet, "on the
    line" of a train no phone line; a sense that names no category skips the word."""
    lex, names = aspect_lexicon(lang)
    for w in words:
        w = w.lower()
        if senses and w in senses and senses[w] != lex.get(w):
            if senses[w] in names:
                return senses[w]
            continue
        if w in lex:
            return lex[w]
        if lang == "nl" and len(w) >= 6:
            for end in range(1, len(w) - 3):
                if w[end:] in lex and len(w[end:]) >= 4:
                    return lex[w[end:]]
    return None


def group_phrases(phrases: Sequence, classes: Sequence[str] | None = None, *, lang: str = "nl",
                  topics: Sequence[str | None] | None = None,
                  kinds: Sequence[str] | None = None, split: bool = False) -> tuple[list[int], list[str], list[str]]:
    """Group sentences by their :class:`~workbench.nlp.phrases.Phrase` (see the module doc).

    ``topics`` may give per sentence an aspect category or topic (:func:`aspect_category`,
    :func:`workbench.topics.sentence_topics`): sentences of one topic share a theme even when their
    aspect words differ, a sentence without a phrase joins its topic's theme, and a theme never
    spans two topics. ``split``: the topics are a level of their own (:func:`find_themes`), so
    within a topic sentences are grouped by their aspect too. Returns the theme number per sentence (−1: none; 0 = the largest theme),
    and per theme its label and aspect. A theme is never headed by a category's name: that is
    the topic's (:func:`find_themes`), and a map item must be said by its evidence.
    """
    n = len(phrases)
    # praise is no pain point and no wish, whatever the tagger said ("de kast is mooi")
    phrases = [None if p is not None and p.positive else p for p in phrases]
    classes = list(classes) if classes is not None else [""] * n
    topics = list(topics) if topics is not None else [None] * n
    aspect = [(_fold(p.aspect_key, lang) if p is not None and p.aspect_key else None) for p in phrases]
    counts = Counter(a for a in aspect if a)
    if lang == "nl":  # a compound met once joins a more common aspect it ends with
        common = sorted((a for a, k in counts.items() if k >= 2 and len(a) >= 3), key=len, reverse=True)
        for i, a in enumerate(aspect):
            if a and counts[a] == 1:
                aspect[i] = next((b for b in common if b != a and a.endswith(b)), a)
    topic = [None if p is None and c is None else (("cat", c, a) if split else ("cat", c)) if c
             else (("asp", a) if a else (("vp", p.predicate_key) if p is not None else None))
             for a, c, p in zip(aspect, topics, phrases, strict=True)]
    problem = [str(c) or (p.predicate_key if p is not None else "") for p, c in zip(phrases, classes, strict=True)]
    if kinds is not None:  # a wish is one whether the tagger read 'please …', 'let me …' or 'I'd like …'
        problem = [("wish" if c in NEED_CLASSES | {"request"} else c) if kd == "need" else c
                   for c, kd in zip(problem, kinds, strict=True)]
    by_topic: dict[tuple, Counter] = defaultdict(Counter)
    for a, c in zip(topic, problem, strict=True):
        if a:
            by_topic[a][c] += 1
    main = {}
    for a, cs in by_topic.items():
        total = sum(cs.values())
        top = max(cs.items(), key=lambda kv: (kv[1], kv[0] != "", kv[0]))[0]
        for c, k in cs.items():
            main[(a, c)] = c if k >= max(2, MINOR_SHARE * total) and c else top
    keys = [(a, main[(a, c)]) if a else None for a, c in zip(topic, problem, strict=True)]
    members: dict[tuple, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if k is not None:
            members[k].append(i)
    templates = label_templates(lang)
    _, cat_names = aspect_lexicon(lang)
    # label each group, then merge groups whose labels read the same
    by_label: dict[tuple, list[int]] = defaultdict(list)
    label_aspect: dict[tuple, tuple[str, str]] = {}
    work = [(k, idx, False) for k, idx in members.items()]
    while work:
        k, idx, unfolded = work.pop(0)
        worded = [phrases[i] for i in idx if phrases[i] is not None]
        need = kinds is not None and all(kinds[i] == "need" for i in idx)
        x = _aspect_word(worded)
        lab = _choose_label(worded, len(idx))
        if lab is not None and len(idx) > 1:
            # one member's wording heads only the members asking or saying the same: 'let me cancel with one
            # button' is no member of 'put skip on the home screen' though both name the app
            best = next(phrases[i] for i in idx if phrases[i] is not None and phrases[i].label == lab)
            agree = [i for i in idx if phrases[i] is None or _same_request(phrases[i], best)]
            if len(agree) < len(idx):
                rest = [i for i in idx if i not in set(agree)]
                work[:0] = [((k[0], k[1], "agree"), agree, True), ((k[0], k[1], "rest", len(work)), rest, unfolded)]
                continue
        if lab is None and not unfolded and len({problem[i] for i in idx}) > 1:
            # no member's wording speaks for the group: its minor problems were folded into the main one
            # ('box too heavy' and 'charged for a box' under 'waiting for box'): each problem on its own
            parts: dict[str, list[int]] = defaultdict(list)
            for i in idx:
                parts[problem[i]].append(i)
            work[:0] = [((k[0], c, "own"), sub, True) for c, sub in parts.items()]
            continue
        template = _template(templates, k[1], need)
        if lab is None and x is not None and k[0][0] != "vp" and len(idx) >= 2 and template \
                and not (not need and names_problem(x, lang)):
            lab = template.format(x=x)
        heading = (template or templates.get("need" if need else "", "{x}"))
        if lab is None:  # no shared wording: the clause most members say, as said
            lab = _typical_clause(worded)
        if lab is None and len(idx) >= 3 and k[0][0] != "vp":
            # a topic of many wordings: named by the nouns its members actually say ('klachten over app en update')
            topic = _said_topic(worded, lang)
            if topic:  # a topic that is itself the problem ('deuk') is its own label, not 'problemen met deuk'
                alone = not need and " " not in topic and names_problem(topic, lang)  # one noun, not a clause
                lab = topic if alone else heading.format(x=topic)
        if lab is None and k[0][0] == "cat" and not split and len(idx) >= 3:
            # a topic no wording speaks for as a whole ('kapotte producten' of boxes, scratches and
            # dents) is grouped by its aspects instead: 'doos was beschadigd' of nine keeps its theme
            sub = group_phrases([phrases[i] for i in idx], [classes[i] for i in idx], lang=lang,
                                topics=[topics[i] for i in idx],
                                kinds=None if kinds is None else [kinds[i] for i in idx], split=True)
            for t, (sub_lab, sub_asp) in enumerate(zip(sub[1], sub[2], strict=True)):
                said = [i for i, a in zip(idx, sub[0], strict=True) if a == t]
                if len(said) < 3 or not sub_asp or sub_asp.lower() not in sub_lab.lower():
                    # an aspect said once or twice stays without a theme, as before; so does one whose label does
                    # not say its aspect (it would be shown as 'staff: couldn't really compare')
                    continue
                key = (k[0][1], sub_lab.lower())
                by_label[key].extend(said)
                label_aspect.setdefault(key, (sub_lab, sub_asp))
            continue
        if lab is None:
            continue
        lab = tidy_label(lab)
        key = (k[0][1] if k[0][0] == "cat" else None, lab.lower())  # a theme lies within one topic
        by_label[key].extend(idx)
        said = [p.aspect or p.label for p in worded]
        label_aspect.setdefault(key, (lab, x or (most_common(said) if said else cat_names.get(k[0][1], lab))))
    _merge_copies(by_label, label_aspect)
    groups = sorted(by_label.items(), key=lambda kv: (-len(kv[1]), min(kv[1])))
    assign = [-1] * n
    labels, aspects = [], []
    for t, (key, idx) in enumerate(groups):
        for i in idx:
            assign[i] = t
        labels.append(label_aspect[key][0])
        aspects.append(label_aspect[key][1])
    return assign, labels, aspects


def _merge_copies(by_label: dict, label_aspect: dict) -> None:
    """Merge, within one topic, the themes whose labels are one wording typed twice ('no coriander
    or lime for laksa' / 'no coriadner …', 'veg was a bit sad once' / '… 🙂', 'put skip on home
    screen' / 'put skip on the home screen of the app'): each label's content words are, up to a
    typo, among the other's. The larger theme's label (ties: the better spelled) stays; of two as large, the
    more general wording (its words a part of the other's) is true of both and stays."""
    from .nlp.spelling import near_copies, one_edit, spelling

    def covered(a: list[str], b: list[str]) -> bool:
        return bool(a) and all(any(one_edit(w, v) for v in b) for w in a)

    keys = sorted(by_label, key=lambda k: (-len(by_label[k]), -spelling(label_aspect[k][0], "en"), str(k[1])))
    for j, small in enumerate(keys[::-1]):
        own = _content(label_aspect[small][0])
        for big in keys[: len(keys) - 1 - j]:
            if big not in by_label or big[0] != small[0]:
                continue
            other = _content(label_aspect[big][0])
            copy = near_copies(label_aspect[small][0], label_aspect[big][0])
            if copy or (len(own) >= 2 and len(other) >= 2 and (covered(own, other) or covered(other, own))):
                if not copy and covered(own, other) and not covered(other, own) \
                        and len(by_label[small]) >= len(by_label[big]):
                    # 'wants a planner' and 'wants a planner for team': the general wording is true of both
                    label_aspect[big] = label_aspect[small]
                by_label[big].extend(by_label.pop(small))
                break


def merge_copies(assign: list[int], labels: list[str], aspects: list[str]) -> tuple[list[int], list[str], list[str]]:
    """Themes (numbered 0 = largest) with those whose labels are one wording typed twice merged
    (:func:`_merge_copies`; all in one topic), renumbered by size."""
    by_label = {(None, t): [i for i, a in enumerate(assign) if a == t] for t in range(len(labels))}
    label_aspect = {(None, t): (lab, asp) for t, (lab, asp) in enumerate(zip(labels, aspects, strict=True))}
    _merge_copies(by_label, label_aspect)
    if len(by_label) == len(labels):
        return list(assign), list(labels), list(aspects)
    groups = sorted(by_label.items(), key=lambda kv: (-len(kv[1]), min(kv[1], default=0)))
    out = [-1] * len(assign)
    for t, (_, idx) in enumerate(groups):
        for i in idx:
            out[i] = t
    return out, [label_aspect[k][0] for k, _ in groups], [label_aspect[k][1] for k, _ in groups]


def _content(label: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", label.casefold()) if len(w) > 3]


def _same_request(p, best) -> bool:
    """Whether the phrase ``p`` says what ``best`` (a theme's label phrase) says: the same aspect
    and predicate, or half of the label's content words (a typo counts as the word)."""
    from .nlp.spelling import one_edit

    if p.aspect_key and p.aspect_key == best.aspect_key and p.predicate_key == best.predicate_key:
        return True
    own, other = _content(best.label), _content(p.label)
    if not own or not other:
        return p.predicate_key == best.predicate_key
    hit = sum(1 for w in own if any(one_edit(w, v) for v in other))
    back = sum(1 for v in other if any(one_edit(w, v) for w in own))
    return hit >= 0.5 * len(own) and back >= 0.5 * len(other)


def _choose_label(worded: list, size: int) -> str | None:
    """The label of a theme: the complete member phrase (aspect and predicate) whose aspect and
    predicate most members share (ties: the one sharing most words with the others, then the
    shorter); ``None`` when no member phrase is complete, or (in a theme of three or more) when
    no other member shares its wording or both its aspect and predicate (a template label is
    used then)."""
    cands = [p for p in worded if p.complete]
    if not cands:
        return None
    asp = Counter(p.aspect_key for p in worded)
    pred = Counter(p.predicate_key for p in worded)
    exact = Counter(p.label.lower() for p in worded)
    words = Counter(w for p in worded for w in set(p.label.lower().split()))

    def score(p):  # shared aspect and predicate, then the most words shared with other members
        shared = sum(words[w] for w in set(p.label.lower().split()) if words[w] >= 2)
        return (asp[p.aspect_key] + pred[p.predicate_key] + exact[p.label.lower()], shared,
                -len(p.label.split()), -len(p.label), p.label)

    best = max(cands, key=score)
    # members saying the same thing: the same aspect AND the same predicate (not each of them apart:
    # 'service' in many members and 'be' in many others made one member's clause the heading of 37)
    joint = sum(1 for p in worded if p.aspect_key == best.aspect_key and p.predicate_key == best.predicate_key)
    shared = exact[best.label.lower()] >= 2 or joint >= 2
    if size > 2 and (not shared or max(joint, exact[best.label.lower()]) < max(2, 0.3 * size)):
        return None  # one member's wording would not describe the theme
    return best.label


def _aspect_word(worded: list) -> str | None:
    """The noun a template label names: the aspect most members actually say (at least 40 % of
    them, and at least two when there are several), as said; None when no aspect is shared that
    widely. A category's name from the aspect lexicon never becomes a label: it would speak of
    another domain ('stay and accommodation' in a software study)."""
    forms = Counter(p.aspect.lower() if p.aspect[:1].isupper() and p.aspect[1:2].islower() else p.aspect
                    for p in worded if p.aspect and p.aspect_noun and not p.verbatim)
    if not forms:
        return None
    x, n = min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    return x if n >= 0.4 * len(worded) and (n >= 2 or len(worded) == 1) else None


def _typical_clause(worded: list) -> str | None:
    """The clause as said (:attr:`Phrase.clause`) of the most typical member — the one sharing
    most of its words with the others (ties: the shorter) — when it speaks for the theme: at
    least half of the members hold half of its content words (a theme of one or two: always).
    None when no member has a clause of two to :data:`~workbench.nlp.clauses.MAX_CLAUSE_WORDS`
    words, or the most typical one is one voice among many."""
    from .nlp.clauses import MAX_CLAUSE_WORDS

    cands = [p.clause for p in worded if p.clause and 2 <= len(p.clause.split()) <= MAX_CLAUSE_WORDS]
    if not cands:
        return None
    sets = [{w for w in c.lower().split() if len(w) > 3} for c in cands]
    words = Counter(w for s in sets for w in s)

    def score(c):
        return (sum(words[w] for w in set(c.lower().split()) if len(w) > 3), -len(c.split()), c)

    best = max(cands, key=score)
    if len(worded) <= 2:
        return best
    own = {w for w in best.lower().split() if len(w) > 3}
    backed = sum(1 for s in sets if own and len(own & s) >= 0.5 * len(own))
    return best if backed >= 0.5 * len(worded) else None


def _said_topic(worded: list, lang: str) -> str | None:
    """A topic named by the aspect nouns its members actually say: the most common one, or the
    two most common joined ('app en update', 'bank and card') when one alone is said by fewer
    than 40 % of them; None when no noun is said twice."""
    forms = Counter(p.aspect.lower() for p in worded if p.aspect and p.aspect_noun and not p.verbatim
                    and len(p.aspect.split()) <= 3)
    top = [w for w, n in sorted(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0])) if n >= 2][:2]
    if not top:
        return None
    if forms[top[0]] >= 0.4 * len(worded) or len(top) == 1 or top[0] in top[1] or top[1] in top[0]:
        return top[0]  # (not 'customer service and service')
    return f"{top[0]} {'en' if lang == 'nl' else 'and'} {top[1]}"


#: the cue classes of needs: a need theme is never worded with a pain template, nor the reverse
NEED_CLASSES = {"wish", "improvement", "requirement", "imperative"}


@lru_cache(maxsize=4096)
def names_problem(word: str, lang: str) -> bool:
    """Whether ``word`` alone is a pain point to the tagger ('deuk', 'beschadiging', 'error'): a
    pain template around it ('problemen met deuk') says the problem twice and names no aspect."""
    from .nlp import tag_texts

    _, tags = tag_texts([word], lang=lang, return_tags=True)
    return bool((tags["label"].astype(str) == "pain_point").any()) if len(tags) else False


def _template(templates: dict[str, str], cls: str, need: bool) -> str:
    """The label template for a theme's cue class: a need's from the need templates only (its
    own class, else ``need``), a pain point's from the pain templates only."""
    if need:
        if f"{cls}_need" in templates:
            return templates[f"{cls}_need"]
        return templates[cls] if cls in NEED_CLASSES | {"question"} and cls in templates else templates.get("need", "{x}")
    if cls in templates and cls and cls not in NEED_CLASSES | {"question"}:
        return templates[cls]
    return ""


@lru_cache(maxsize=4)
def label_templates(lang: str) -> dict[str, str]:
    """Per cue class, the label of a theme whose members share no wording (``{x}`` = aspect)."""
    return dict(aspects_data().get("labels", {}).get(lang, {}))


def find_themes(
    texts: Sequence[str] | pd.Series,
    *,
    lang: str = "auto",
    label: str | None = "pain_point",
    kind: str | None = None,
    people: Sequence | pd.Series | None = None,
    pipeline: str | None = None,
    max_quotes: int = 3,
    seed: int = 0,
) -> ThemeResult:
    """Themes of a column of open answers (see the module doc).

    Parameters
    ----------
    texts : sequence or Series of str
        The answers; a Series keeps its index as ``row``.
    lang : {'nl', 'en', 'auto'}
        Language; ``'auto'`` decides per text.
    label : {'pain_point', 'need', 'all'}
        Which sentences to theme: the tagger's pain points, its needs, or every sentence
        (``'all'`` or None).
    kind : {'pain_point', 'need'}, optional
        With ``label='all'``: what the given sentences are (say, sentences a researcher already
        selected as pain points), for the wording of labels. Default: what the tagger says.
    people : sequence, optional
        Per text, who wrote it (for ``n_people`` / ``share_people``); default: one person per text.
    pipeline : str, optional
        An installed spaCy pipeline for tagging and parsing (default: the official small one
        when installed, else the workbench's own).
    max_quotes : int
        Quotes per theme (distinct sentences, from different texts where possible).
    seed : int
        Seed of the quote choice among equally good sentences.
    """
    from .nlp import detect_language, tag_texts
    from .nlp.contact_offer import is_contact_offer

    if label not in ("pain_point", "need", "all", None):
        raise WorkbenchError(f"unknown label '{label}'", key="label", hint="Use pain_point, need or all.")
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts))
    series = series.astype("string").fillna("")
    values = series.tolist()
    rows = series.index.tolist()
    who = list(people) if people is not None else rows
    if len(who) != len(values):
        raise WorkbenchError(f"people has {len(who)} items for {len(values)} texts", key="people")
    langs = [detect_language(t) if lang == "auto" else lang for t in values]
    parts = []
    for language in sorted(set(langs)):
        pos = [i for i, x in enumerate(langs) if x == language]
        dt, tags = tag_texts([values[i] for i in pos], lang=language, ids=[str(i) for i in pos],
                             pipeline=pipeline, return_tags=True)
        sents = _sentences(values, pos, tags, label, language)
        if len(sents):  # a contact line ("Bel me gerust: 06-…") is no theme (workbench.nlp.contact_offer)
            sents = sents[~sents["sentence"].map(is_contact_offer).astype(bool)].reset_index(drop=True)
        if kind is not None and label in ("all", None):
            sents["label"] = kind
        if len(sents):
            parts.append(_theme_sentences(sents, language, pipeline))
    cols = ["row", "pos", "start", "end", "sentence", "label", "cls", "sentiment", "phrase", "said", "aspect",
            "topic_id", "theme", "theme_label", "lang"]
    sent = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    sent = number_levels(sent)
    sent["row"] = [rows[int(p)] for p in sent["pos"]]
    sent["person"] = [who[int(p)] for p in sent["pos"]]
    themes = theme_table(sent, len(set(map(str, who))), max_quotes, seed)
    table = text_table(sent, rows, values, themes)
    keep = ["row", "start", "end", "sentence", "label", "cls", "sentiment", "phrase", "topic", "theme"]
    return ThemeResult(themes=themes, texts=table, sentences=sent[keep].reset_index(drop=True))


def _sentences(values, pos, tags, label, lang) -> pd.DataFrame:
    """The selected sentences of the texts at positions ``pos``: one row per sentence, with the
    tagger's label, cue span and class, and sentiment."""
    t = tags.copy()
    t["pos"] = t["doc_id"].astype(int)
    emo = t[t["label"] == "emotion"]
    senti = emo.assign(v=np.where(emo["value"] == "negative", -1.0, 1.0)).groupby(["pos", "sent_start"])["v"].mean()
    pain = t[t["label"].isin(["pain_point", "need"])]
    if label in ("pain_point", "need"):
        pain = pain[pain["label"] == label]
        pain = pain.sort_values(["pos", "sent_start", "start_char"]).drop_duplicates(["pos", "sent_start"])
        out = pd.DataFrame({"pos": pain["pos"], "start": pain["sent_start"], "end": pain["sent_end"],
                            "label": pain["label"].astype("string"), "cls": pain["value"].astype("string"),
                            "cue_start": pain["start_char"], "cue_end": pain["end_char"]})
    else:
        first = pain.sort_values(["pos", "sent_start", "start_char"]).drop_duplicates(["pos", "sent_start"])
        cue = {(p, s): (lab, v, a, b) for p, s, lab, v, a, b in zip(first["pos"], first["sent_start"], first["label"],
                                                                    first["value"], first["start_char"],
                                                                    first["end_char"], strict=True)}
        rows = []
        for p in pos:
            for s, e in _split(values[p]):
                lab, v, a, b = cue.get((p, s), ("", "", -1, -1))
                rows.append((p, s, e, str(lab), str(v), a, b))
        out = pd.DataFrame(rows, columns=["pos", "start", "end", "label", "cls", "cue_start", "cue_end"])
    out["sentence"] = [values[p][s:e] for p, s, e in zip(out["pos"], out["start"], out["end"], strict=True)]
    sent_pain = out["label"].eq("pain_point")
    base = pd.Series([senti.get((p, s), np.nan) for p, s in zip(out["pos"], out["start"], strict=True)],
                     index=out.index)
    out["sentiment"] = base.fillna(pd.Series(np.where(sent_pain, -0.6, 0.0), index=out.index)).astype(float)
    out["lang"] = lang
    return out.reset_index(drop=True)


def _split(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: split after . ! ? … and at line breaks; blank sentences left out."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _theme_sentences(sents: pd.DataFrame, lang: str, pipeline: str | None) -> pd.DataFrame:
    from .nlp.phrases import theme_phrase
    from .nlp.signable import signable_themes
    from .nlp.syntax import parse
    from .topics import sentence_topics

    docs = parse(sents["sentence"].tolist(), lang, pipeline=pipeline)
    phrases = []
    for doc, s, a, b, kind in zip(docs, sents["start"], sents["cue_start"], sents["cue_end"],
                                  sents["label"].fillna("").tolist(), strict=True):
        cue = (int(a) - int(s), int(b) - int(s)) if a >= 0 else None
        phrases.append(theme_phrase(doc, cue, kind=kind or None))
    topics = sentence_topics(docs, phrases, lang)
    kinds = sents["label"].fillna("").tolist()
    assign, labels, aspects = group_phrases(phrases, sents["cls"].fillna("").tolist(), lang=lang, topics=topics,
                                            kinds=kinds, split=True)
    assign, labels, aspects = merge_copies(*signable_themes(assign, labels, aspects, phrases, docs, kinds, lang))
    out = sents.copy()
    out["phrase"] = [p.label if p is not None else "" for p in phrases]
    out["said"] = [p.aspect if p is not None and not p.positive else "" for p in phrases]
    out["topic_id"] = topics
    out["theme"] = assign
    out["theme_label"] = [labels[t] if t >= 0 else "" for t in assign]
    out["aspect"] = [aspects[t] if t >= 0 else "" for t in assign]
    return out
