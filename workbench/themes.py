"""Themes in open answers, as a researcher would code them ("kortingscode werkte niet",
"wil filter op prijs"), for any column of texts: NPS comments, tickets, reviews, interview turns.

:func:`find_themes` splits the texts into sentences, keeps the pain-point or need sentences the
tagger finds (or all), parses only those (:mod:`workbench.nlp.syntax`), reads from each parse the
aspect it is about and what is wrong or wanted with it (:func:`workbench.nlp.phrases.theme_phrase`)
and groups the sentences (:func:`group_phrases`):

1. by **aspect** — the lemma of the noun the sentence is about; a Dutch compound met once joins a
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
>>> r.themes[["label", "n_sentences"]].values.tolist()
[['kortingscode werkte niet', 2], ['levering duurde te lang', 1]]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import WorkbenchError
from .nlp.signable import tidy_label

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

__all__ = ["ThemeResult", "find_themes", "group_phrases", "aspect_category", "aspect_lexicon", "SEVERITY", "THEME_COLUMNS", "TEXT_COLUMNS"]

#: Severity (1–3) of a pain point by its cue class; needs and unknown classes count 1.
SEVERITY = {"blocked": 3, "broken": 3, "cost": 3, "delay": 2, "contact": 2, "missing": 2, "expectation": 2,
            "unclear": 1, "frustration": 1, "problem": 2, "regret": 1, "question": 1,
            # the tagger's judgement classes: a negative evaluation, too much of something, a quality
            # not met, hindsight ('dan was ik niet zo boos geweest'); a negated positive is milder
            "evaluation": 2, "excess": 2, "unmet": 2, "hindsight": 2, "negation": 1}
MINOR_SHARE = 0.25
_SENT_END = re.compile(r"(?<=[.!?…])\s+|\n+")
THEME_COLUMNS = ["theme", "label", "topic", "phrases", "n_sentences", "n_texts", "n_people", "share_people", "severity",
                 "sentiment", "quotes", "quote_ids"]
TEXT_COLUMNS = ["row", "text", "n_sentences", "themes", "labels"]


@dataclass
class ThemeResult:
    """Result of :func:`find_themes`.

    Attributes
    ----------
    themes : DataFrame
        One row per theme, largest first (:data:`THEME_COLUMNS`): ``theme`` (0, 1, …),
        ``label``, ``topic`` (the aspect category it is about — "bezorging", "prijs en kosten" —
        or its aspect noun when no category fits), ``phrases`` (its sentences' own most common
        wordings with their counts, ``;``-joined), ``n_sentences``, ``n_texts``,
        ``n_people``, ``share_people`` (0..1 of all people in the input), ``severity`` (1–3),
        ``sentiment`` (mean −1..+1), ``quotes`` (two or three distinct verbatim sentences,
        joined by `` | ``) and ``quote_ids`` (their rows).
    texts : DataFrame
        One row per input text (:data:`TEXT_COLUMNS`): ``row`` (the input's index), ``text``,
        ``n_sentences`` (selected sentences in it), ``themes`` (theme numbers, ``;``-joined) and
        ``labels`` (their labels, ``;``-joined).
    sentences : DataFrame
        One row per selected sentence: ``row``, ``start``, ``end`` (offsets in the text),
        ``sentence``, ``label`` (pain_point / need), ``cls`` (cue class), ``sentiment``,
        ``phrase`` (its own label, empty when none) and ``theme`` (−1: no theme).
    """

    themes: pd.DataFrame
    texts: pd.DataFrame
    sentences: pd.DataFrame

    def coverage(self, top: int = 10) -> float:
        """Share of the selected sentences that lie in the ``top`` largest themes."""
        n = len(self.sentences)
        if not n:
            return float("nan")
        kept = set(self.themes["theme"].head(top))
        return float(self.sentences["theme"].isin(kept).sum() / n)


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
    path = Path(__file__).resolve().parent / "data" / "themes" / "aspects.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words, names = {}, {}
    for a in data.get("aspects", []):
        names[a["id"]] = a.get("name", {}).get(lang, a["id"])
        for w in a.get(lang, []):
            words.setdefault(w.lower(), a["id"])
    return words, names


def aspect_category(words: Sequence[str], lang: str) -> str | None:
    """The category of the first of ``words`` (lemmas or forms) in the aspect lexicon; Dutch
    compounds of at least 4 letters match by their ending ("pakketbezorging" -> bezorging)."""
    lex, _ = aspect_lexicon(lang)
    for w in words:
        w = w.lower()
        if w in lex:
            return lex[w]
        if lang == "nl" and len(w) >= 6:
            for end in range(1, len(w) - 3):
                if w[end:] in lex and len(w[end:]) >= 4:
                    return lex[w[end:]]
    return None


def group_phrases(phrases: Sequence, classes: Sequence[str] | None = None, *, lang: str = "nl",
                  topics: Sequence[str | None] | None = None, kinds: Sequence[str] | None = None,
                  category_labels: bool = True) -> tuple[list[int], list[str], list[str]]:
    """Group sentences by their :class:`~workbench.nlp.phrases.Phrase` (see the module doc).

    ``topics`` may give per sentence an aspect category (:func:`aspect_category`): sentences of
    one category share a topic even when their aspect words differ, and a sentence without a
    phrase joins its category's theme. Returns the theme number per sentence (−1: none; 0 =
    the largest theme), and per theme its label and aspect.

    ``category_labels``: a theme of many wordings may be named by its category ("klachten over
    eten en drinken", as a researcher heads a group of open answers); the journey map, whose
    every item must be said by its evidence, passes False.
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
    topic = [None if p is None and c is None else ("cat", c) if c else (("asp", a) if a else (("vp", p.predicate_key) if p is not None else None))
             for a, c, p in zip(aspect, topics, phrases, strict=True)]
    problem = [str(c) or (p.predicate_key if p is not None else "") for p, c in zip(phrases, classes, strict=True)]
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
    by_label: dict[str, list[int]] = defaultdict(list)
    label_aspect: dict[str, tuple[str, str]] = {}
    for k, idx in members.items():
        worded = [phrases[i] for i in idx if phrases[i] is not None]
        need = kinds is not None and all(kinds[i] == "need" for i in idx)
        x = _aspect_word(worded)
        lab = _choose_label(worded, len(idx))
        template = _template(templates, k[1], need)
        if lab is None and x is not None and k[0][0] != "vp" and len(idx) >= 2 and template:
            lab = template.format(x=x)
        heading = (template or templates.get("need" if need else "", "{x}"))
        if lab is None and category_labels and k[0][0] == "cat" and len(idx) >= 3 and cat_names.get(k[0][1]):
            # a topic of many wordings in open answers: headed by its category ('klachten over eten en
            # drinken'), not by one member's clause (an independent judge found 1 in 5 members on such a clause)
            lab = heading.format(x=cat_names[k[0][1]])
        if lab is None:  # no shared wording: the clause most members say, as said
            lab = _typical_clause(worded)
        if lab is None and len(idx) >= 3 and k[0][0] != "vp":
            # a topic of many wordings: named by the nouns its members actually say ('klachten over app en update')
            topic = _said_topic(worded, lang)
            if topic:
                lab = heading.format(x=topic)
        if lab is None:
            continue
        lab = tidy_label(lab)
        by_label[lab.lower()].extend(idx)
        said = [p.aspect or p.label for p in worded]
        label_aspect.setdefault(lab.lower(), (lab, x or (_common(said) if said else cat_names.get(k[0][1], lab))))
    groups = sorted(by_label.items(), key=lambda kv: (-len(kv[1]), min(kv[1])))
    assign = [-1] * n
    labels, aspects = [], []
    for t, (key, idx) in enumerate(groups):
        for i in idx:
            assign[i] = t
        labels.append(label_aspect[key][0])
        aspects.append(label_aspect[key][1])
    return assign, labels, aspects


def _common(values: list[str]) -> str:
    c = Counter(values)
    return max(c, key=lambda v: (c[v], -len(v), v))


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
    path = Path(__file__).resolve().parent / "data" / "themes" / "aspects.toml"
    return dict(tomllib.loads(path.read_text(encoding="utf-8")).get("labels", {}).get(lang, {}))


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
        if kind is not None and label in ("all", None):
            sents["label"] = kind
        if len(sents):
            parts.append(_theme_sentences(sents, language, pipeline))
    cols = ["row", "pos", "start", "end", "sentence", "label", "cls", "sentiment", "phrase", "aspect", "theme", "lang"]
    sent = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    sent = _renumber(sent)
    sent["row"] = [rows[int(p)] for p in sent["pos"]]
    sent["person"] = [who[int(p)] for p in sent["pos"]]
    themes = _theme_table(sent, len(set(map(str, who))), max_quotes, seed)
    table = _text_table(sent, rows, values, themes)
    keep = ["row", "start", "end", "sentence", "label", "cls", "sentiment", "phrase", "theme"]
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

    docs = parse(sents["sentence"].tolist(), lang, pipeline=pipeline)
    phrases = []
    for doc, s, a, b, kind in zip(docs, sents["start"], sents["cue_start"], sents["cue_end"],
                                  sents["label"].fillna("").tolist(), strict=True):
        cue = (int(a) - int(s), int(b) - int(s)) if a >= 0 else None
        phrases.append(theme_phrase(doc, cue, kind=kind or None))
    topics = [_topic(doc, p, lang) for doc, p in zip(docs, phrases, strict=True)]
    kinds = sents["label"].fillna("").tolist()
    assign, labels, aspects = group_phrases(phrases, sents["cls"].fillna("").tolist(), lang=lang, topics=topics,
                                            kinds=kinds)
    assign, labels, aspects = signable_themes(assign, labels, aspects, phrases, docs, kinds, lang)
    out = sents.copy()
    out["phrase"] = [p.label if p is not None else "" for p in phrases]
    out["theme"] = assign
    out["theme_label"] = [labels[t] if t >= 0 else "" for t in assign]
    out["aspect"] = [aspects[t] if t >= 0 else "" for t in assign]
    return out


def _topic(doc, phrase, lang: str) -> str | None:
    """The aspect category of a sentence: of its phrase's aspect when it has one ("the return
    flight was late" is about the flight, not about returns), else of its nouns in order."""
    from .nlp.syntax import lemma

    if phrase is not None and phrase.aspect_key:  # what the complaint is about decides, not a noun in passing
        return aspect_category([phrase.aspect_key, *phrase.aspect.split()[::-1]], lang)
    return aspect_category([w for t in doc if t.pos_ in ("NOUN", "PROPN") for w in (lemma(t), t.lower_)], lang)


def _renumber(sent: pd.DataFrame) -> pd.DataFrame:
    """One numbering across languages: themes by size, largest first (ties: first met)."""
    if sent.empty:
        return sent.assign(theme=pd.Series(dtype="int64"))
    key = [(lg, t) if t >= 0 else None for lg, t in zip(sent["lang"], sent["theme"], strict=True)]
    size = Counter(k for k in key if k is not None)
    first: dict = {}
    for i, k in enumerate(key):
        if k is not None:
            first.setdefault(k, i)
    order = {k: n for n, k in enumerate(sorted(size, key=lambda k: (-size[k], first[k])))}
    sent = sent.copy()
    sent["theme"] = [order[k] if k is not None else -1 for k in key]
    return sent


def _theme_table(sent: pd.DataFrame, n_people: int, max_quotes: int, seed: int) -> pd.DataFrame:
    rows = []
    rng = np.random.default_rng(seed)
    for t, g in sent[sent["theme"] >= 0].groupby("theme", sort=True):
        sev = [SEVERITY.get(str(c), 1) if lab == "pain_point" else 1 for c, lab in zip(g["cls"], g["label"], strict=True)]
        quotes, qids = _quotes(g, max_quotes, rng)
        rows.append({"theme": int(t), "label": _common(g["theme_label"].tolist()), "topic": _common(g["aspect"].tolist()),
                     "phrases": "; ".join(f"{p} ({k})" for p, k in Counter(x for x in g["phrase"] if x).most_common(3)),
                     "n_sentences": len(g), "n_texts": g["pos"].nunique(), "n_people": g["person"].astype(str).nunique(),
                     "share_people": round(g["person"].astype(str).nunique() / max(1, n_people), 4),
                     "severity": round(float(np.mean(sev)), 2), "sentiment": round(float(g["sentiment"].mean()), 2),
                     "quotes": " | ".join(quotes), "quote_ids": " | ".join(map(str, qids))})
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def _quotes(g: pd.DataFrame, k: int, rng) -> tuple[list[str], list]:
    """Up to ``k`` distinct verbatim sentences of a theme: of quotable length first, one per text."""
    cand = g.assign(q=g["sentence"].str.strip(), r=rng.random(len(g)))
    cand["fit"] = ~cand["q"].str.len().between(25, 240)
    cand = cand.sort_values(["fit", "r"], kind="stable")
    seen, texts, out, ids = set(), set(), [], []
    for q, pos, row in zip(cand["q"], cand["pos"], cand["row"], strict=True):
        norm = " ".join(q.lower().split()).strip(".!? ")
        if norm in seen or pos in texts:
            continue
        seen.add(norm)
        texts.add(pos)
        out.append(q)
        ids.append(row)
        if len(out) == k:
            break
    return out, ids


def _text_table(sent: pd.DataFrame, rows: list, values: list[str], themes: pd.DataFrame) -> pd.DataFrame:
    label_of = dict(zip(themes["theme"], themes["label"], strict=True))
    per = defaultdict(list)
    nsent = Counter()
    for p, t in zip(sent["pos"], sent["theme"], strict=True):
        nsent[int(p)] += 1
        if t >= 0 and t not in per[int(p)]:
            per[int(p)].append(int(t))
    out = []
    for i, (r, v) in enumerate(zip(rows, values, strict=True)):
        ts = sorted(per.get(i, []))
        out.append({"row": r, "text": v, "n_sentences": nsent.get(i, 0), "themes": ";".join(map(str, ts)),
                    "labels": "; ".join(label_of[t] for t in ts)})
    return pd.DataFrame(out, columns=TEXT_COLUMNS)
