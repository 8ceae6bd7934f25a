"""Themes: need and pain-point sentences grouped by what they are about, labelled like a
researcher's code ("kortingscode werkte niet", "ik miste een filter op prijs").

A theme is built from the evidence itself:

1. **Topic.** Each sentence's content words (not a stop word, not part of the cue span, at
   least three letters) are candidates; a candidate scores ``sqrt(df) / (1 + d / 3)`` where
   ``df`` is the number of sentences of the input naming it (crude plural folding:
   ``kortingscodes`` = ``kortingscode``) and ``d`` the number of words between it and the cue
   span. The best candidate is the sentence's topic: a word near the cue that others name too.
2. **Grouping.** Sentences are grouped by (topic, cue class) — the cue class is the tagger's
   ``value`` (``broken``, ``delay``, ``missing`` …). Within one topic, a cue class with fewer
   than ``max(2, 25%)`` of the topic's sentences joins the topic's main class (so "kortingscode
   werkte niet" and "kortingscode … irritant" are one theme, while "levering te laat" and
   "levering beschadigd" stay two when both are common). Sentences without a topic are grouped
   by their cue words.
3. **Label.** The shortest verbatim window of a member sentence holding the cue span and the
   topic word, when it has at most ``MAX_LABEL_WORDS`` words; the window most members share
   wins, optionally extended to the next content word when most of them continue alike
   ("ik miste een filter" → "ik miste een filter op prijs"), or to the content words right
   before it ("code didn't work" → "discount code didn't work"). When most members have the
   topic far from the cue, the label is "topic · cue" ("levering · later dan beloofd").

Deterministic, and cheap at any size: at most ``max_fit`` sentences (a seeded sample) are
read word by word; the rest join the theme of the most common sampled topic word they name (one
regex pass each), and labels are chosen from at most ``max_examples`` members per theme.

>>> import pandas as pd
>>> s = pd.Series(["De levering duurde te lang", "Levering duurde twee weken",
...                "De levering was laat", "Betalen met iDEAL lukte niet", "iDEAL betalen ging mis"])
>>> t = find_themes(s, lang="nl", seed=0)
>>> t.assignments.tolist()
[0, 0, 0, 1, 1]
>>> t.labels[0]
'levering duurde'
>>> cues = pd.Series(["duurde te lang", "duurde", "laat", "lukte niet", "ging mis"])
>>> t = find_themes(s, cues=cues, lang="nl")
>>> t.labels[:2]
['levering duurde', 'iDEAL lukte niet']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["Themes", "find_themes", "stop_words", "MAX_LABEL_WORDS"]

MAX_LABEL_WORDS = 6
MAX_EXAMPLES = 50
MAX_FIT = 2000
MINOR_SHARE = 0.25
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BREAK_WORDS = frozenset({"maar", "want", "omdat", "terwijl", "hoewel", "but", "because", "although", "while"})


@lru_cache(maxsize=4)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` ('nl' or 'en'; anything else gets the English list), plus
    interview filler."""
    if lang == "nl":
        from spacy.lang.nl.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    extra = {
        "nl": {"echt", "gewoon", "eigenlijk", "wel", "ja", "nee", "beetje", "even", "heel", "best", "nou", "hè",
               "vond", "vind", "vinden", "denk", "dacht", "denken", "hoor", "keer", "kom", "komt", "willen", "wil",
               "zeg", "zeggen", "weet", "weten", "gaan", "ging", "moest", "moet", "kreeg", "krijg", "ding", "dingen",
               "zo'n", "snap", "zeker", "gewoonweg", "toch", "ok", "oké", "soort", "zegmaar", "dat's", "zat",
               "zitten", "stond", "staat", "kwam", "komen", "waren", "hele", "helemaal", "paar", "volgende",
               "vorige", "keertje", "graag", "liever", "hopelijk", "fijn", "prima", "zou", "zouden", "kunnen",
               "mocht", "vooral", "wilde", "hadden", "gedaan", "doen", "deed", "gehad", "goh", "hmm", "pff", "nog",
               "eerlijk", "gezegd", "kort", "al", "met", "bijbleef", "bleef", "iets", "wat", "laatste", "eerste",
               "meteen", "veel", "erg", "waar", "zelf", "zelfs", "anders", "straks", "euro", "dus", "zag", "zie",
               "zien", "gezien", "betekent", "betekende", "liet", "laten", "maken", "gemaakt", "lijkt", "leek", "dag", "dagen",
               "week", "weken", "maand", "maanden", "uur", "minuten", "twee", "drie", "vier", "vijf", "tien"},
        "en": {"really", "just", "like", "yeah", "bit", "actually", "pretty", "kind", "sort", "think", "thought",
               "know", "got", "get", "want", "wanted", "thing", "things", "went", "going", "said", "mean", "guess",
               "felt", "okay", "ok", "stuff", "lot", "gonna", "kinda", "wish", "hope", "hopefully", "would",
               "could", "great", "good", "nice", "fine", "honestly", "stuck", "anyway", "maybe", "little",
               "um", "uh", "hmm", "time", "way", "last", "first", "right", "though", "still", "saw", "see",
               "seen", "made", "make", "seemed", "means", "meant", "tried", "try", "day", "days",
               "week", "weeks", "month", "months", "hour", "hours", "minutes", "two", "three", "four", "five"},
    }
    return frozenset(set(STOP_WORDS) | extra.get(lang, extra["en"]))


@dataclass
class Themes:
    """Result of :func:`find_themes`.

    Attributes
    ----------
    assignments : Series
        Theme number per input sentence (same index as the input), 0 = the largest theme.
    labels : list of str
        Label of each theme: a short verbatim fragment ("kortingscode werkte niet"), or
        "topic · cue".
    terms : list of tuple of str
        Key terms of each theme (its topic first, then the words its sentences name most).
    """

    assignments: pd.Series
    labels: list[str]
    terms: list[tuple[str, ...]]


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


class _Sentence:
    """One sentence: its words, which of them are cue words, its content words and topic."""

    __slots__ = ("text", "spans", "clause", "cue_lo", "cue_hi", "content", "cls", "topic", "cue_key")

    def __init__(self, text: str, cue: str, start: int | None, cls: str, stops: frozenset[str], lang: str):
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.clause = [0] * len(self.spans)
        for i in range(1, len(self.spans)):
            gap = text[self.spans[i - 1][1]:self.spans[i][0]]
            brk = bool(gap.strip()) or text[self.spans[i][0]:self.spans[i][1]].lower() in _BREAK_WORDS
            self.clause[i] = self.clause[i - 1] + brk
        self.cls = cls
        lo = hi = -1
        if cue:
            at = start if start is not None and text[start:start + len(cue)] == cue else text.lower().find(cue.lower())
            if at >= 0:
                inside = [i for i, (a, b) in enumerate(self.spans) if a < at + len(cue) and at < b]
                if inside:
                    lo, hi = inside[0], inside[-1]
        self.cue_lo, self.cue_hi = lo, hi
        self.content: list[tuple[int, str]] = []
        for i, (a, b) in enumerate(self.spans):
            w = text[a:b]
            low = w.lower()
            if lo <= i <= hi or len(low) < 3 or low in stops or low.split("'")[0] in stops:
                continue
            self.content.append((i, _fold(w, lang)))
        self.topic: tuple[int, str] | None = None
        self.cue_key = " ".join(text[a:b].lower() for a, b in self.spans[lo:hi + 1]) if lo >= 0 else ""

    def distance(self, i: int) -> int:
        """Words between word ``i`` and the cue span, plus 6 when a clause break lies between."""
        if self.cue_lo < 0:
            return 0
        if i < self.cue_lo:
            d, other = self.cue_lo - i - 1, self.cue_lo
        else:
            d, other = max(0, i - self.cue_hi - 1), self.cue_hi
        return d + (6 if self.clause[i] != self.clause[other] else 0)


def find_themes(
    sentences: pd.Series,
    *,
    cues: pd.Series | None = None,
    cue_starts: pd.Series | None = None,
    classes: pd.Series | None = None,
    lang: str = "nl",
    n_themes: int | None = None,
    max_fit: int = MAX_FIT,
    max_examples: int = MAX_EXAMPLES,
    seed: int = 0,
) -> Themes:
    """Group need or pain-point sentences into themes labelled with a short verbatim phrase.

    Parameters
    ----------
    sentences : Series of str
        The sentences (one per piece of evidence); the index is kept in the result.
    cues : Series of str, optional
        Per sentence, the cue span's text (``TAGS.text``), aligned with ``sentences``.
    cue_starts : Series of int, optional
        Per sentence, the cue's offset in the sentence (else the first occurrence is used).
    classes : Series of str, optional
        Per sentence, the cue class (``TAGS.value``: ``broken``, ``delay``, ``wish`` …).
    lang : {'nl', 'en'}
        Language, for the stop words and plural folding.
    n_themes : int, optional
        At most this many themes: sentences of smaller themes join the kept theme whose words
        they share most (the largest one when they share none). Default: no limit.
    max_fit : int
        At most this many sentences (a seeded sample) are read word by word to find topics,
        themes and labels; the others join the theme of the most common sampled topic word
        they name (or their cue words' theme).
    max_examples : int
        Members per theme (a seeded sample) the label is chosen from.
    seed : int
        Seed of the samples.

    Returns
    -------
    Themes
    """
    texts = sentences.fillna("").astype(str)
    n = len(texts)
    if n == 0:
        return Themes(pd.Series([], index=texts.index, dtype="int64"), [], [])

    def col(values, default):
        if values is None:
            return [default] * n
        return [default if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v
                for v in pd.Series(values).tolist()]

    stops = stop_words(lang)
    cue_list, start_list, cls_list = col(cues, ""), col(cue_starts, None), col(classes, "")
    text_list = texts.tolist()
    rng = np.random.default_rng(seed)
    fit = np.sort(rng.choice(n, size=max_fit, replace=False)) if n > max_fit else np.arange(n)
    sents = [_Sentence(text_list[j], str(cue_list[j]), None if start_list[j] is None else int(start_list[j]),
                       str(cls_list[j]), stops, lang) for j in fit]
    df = Counter(k for s in sents for k in {k for _, k in s.content})
    seen = {k: -i for i, k in enumerate(dict.fromkeys(k for s in sents for _, k in s.content))}
    words: dict[str, Counter] = defaultdict(Counter)  # key -> surface forms
    for s in sents:
        for i, k in s.content:
            a, b = s.spans[i]
            words[k][s.text[a:b].lower()] += 1
        if s.content:  # ties: the word met first in the input, so alike sentences agree
            s.topic = max(s.content, key=lambda c, s=s: (df[c[1]] / (1 + s.distance(c[0]) / 3), seen[c[1]]))
    fit_keys = _group_keys(sents)
    keys: list[tuple | None] = [None] * n
    for j, g in zip(fit, fit_keys, strict=True):
        keys[j] = g
    if len(fit) < n:
        _assign_rest(keys, text_list, cue_list, cls_list, fit_keys, words, df)
    first: dict[tuple, int] = {}
    for j, g in enumerate(keys):
        first.setdefault(g, j)
    size = Counter(keys)
    order = sorted(size, key=lambda g: (-size[g], first[g]))
    if n_themes is not None and len(order) > max(1, n_themes):
        keys = _cap([_Sentence(t, str(c), None, str(k), stops, lang) for t, c, k in
                     zip(text_list, cue_list, cls_list, strict=True)], keys, order[: max(1, n_themes)])
        first = {}
        for j, g in enumerate(keys):
            first.setdefault(g, j)
        size = Counter(keys)
        order = sorted(size, key=lambda g: (-size[g], first[g]))
    number = {g: i for i, g in enumerate(order)}
    assigned = np.array([number[g] for g in keys], dtype=np.int64)
    by_sent = {j: s for j, s in zip(fit, sents, strict=True)}
    fitted: dict[int, list[int]] = defaultdict(list)
    for j in fit:
        fitted[int(assigned[j])].append(int(j))
    labels, terms = [], []
    for i, g in enumerate(order):
        members = fitted.get(i, [])
        if len(members) > max_examples:
            members = sorted(rng.choice(members, size=max_examples, replace=False).tolist())
        group = [by_sent[j] for j in members]
        if not group:  # a cue-only theme met outside the sample
            labels.append(_short(g[1]))
            terms.append(tuple(g[1].split()[:5]))
            continue
        labels.append(_label(group, words))
        terms.append(_terms(group, g, words))
    return Themes(pd.Series(assigned, index=texts.index, dtype="int64"), labels, terms)


def _assign_rest(keys: list, texts: list[str], cues: list, classes: list, fit_keys: list[tuple],
                 words: dict[str, Counter], df: Counter) -> None:
    """Put the sentences outside the sample into a theme cheaply: by the most common sampled
    topic word they name (its theme for their cue class, else its main theme), else by their
    cue words."""
    theme_of: dict[tuple[str, str], tuple] = {}
    main_of: dict[str, tuple] = {}
    sizes = Counter(fit_keys)
    for g in sorted(sizes, key=lambda g: -sizes[g]):
        if g[0] == "topic":
            theme_of.setdefault((g[1], g[2]), g)
            main_of.setdefault(g[1], g)
    key_of = {w: k for k, forms in words.items() if k in main_of for w in forms}
    for j, g in enumerate(keys):
        if g is not None:
            continue
        text = texts[j]
        best = None
        for w in _WORD.findall(text.lower()):
            k = key_of.get(w)
            if k is not None and (best is None or df[k] > df[best]):
                best = k
        cls = str(classes[j])
        if best is not None:
            keys[j] = theme_of.get((best, cls), main_of[best])
        else:
            cue = " ".join(_WORD.findall(str(cues[j]).lower()))
            keys[j] = ("cue", cue or text.strip().lower()[:40], cls)


def _group_keys(sents: list[_Sentence]) -> list[tuple]:
    """(topic, class) per sentence; minor classes of a topic join its main class."""
    by_topic: dict[str, Counter] = defaultdict(Counter)
    for s in sents:
        if s.topic is not None:
            by_topic[s.topic[1]][s.cls] += 1
    main: dict[tuple[str, str], str] = {}
    for topic, classes in by_topic.items():
        total = sum(classes.values())
        top = max(classes.items(), key=lambda kv: (kv[1], kv[0] == "", kv[0]))[0]
        for cls, k in classes.items():
            main[(topic, cls)] = cls if k >= max(2, MINOR_SHARE * total) else top
    keys = []
    for s in sents:
        if s.topic is not None:
            keys.append(("topic", s.topic[1], main[(s.topic[1], s.cls)]))
        else:
            keys.append(("cue", s.cue_key or s.text.strip().lower()[:40], s.cls))
    return keys


def _cap(sents: list[_Sentence], keys: list[tuple], kept: list[tuple]) -> list[tuple]:
    """Move the sentences of themes not in ``kept`` to the kept theme sharing most words."""
    kept_set = set(kept)
    vocab: dict[tuple, set[str]] = defaultdict(set)
    for s, g in zip(sents, keys, strict=True):
        if g in kept_set:
            vocab[g] |= {k for _, k in s.content}
    out = []
    for s, g in zip(sents, keys, strict=True):
        if g in kept_set:
            out.append(g)
            continue
        mine = {k for _, k in s.content}
        out.append(max(kept, key=lambda h, mine=mine: (len(mine & vocab[h]), -kept.index(h))))
    return out


def _lower_first(fragment: str, sentence_start: bool) -> str:
    if sentence_start and len(fragment) > 1 and fragment[0].isupper() and fragment[1:2].islower():
        return fragment[0].lower() + fragment[1:]
    return fragment


def _window(s: _Sentence) -> tuple[int, int] | None:
    """Word range (inclusive) holding the cue span and the topic word, within one clause and at
    most ``MAX_LABEL_WORDS`` words; ``None`` when there is no such range."""
    points = [p for p in (s.cue_lo, s.cue_hi) if p >= 0]
    if s.topic is not None:
        points.append(s.topic[0])
    if not points:
        return None
    lo, hi = min(points), max(points)
    if hi - lo + 1 > MAX_LABEL_WORDS or s.clause[lo] != s.clause[hi]:
        return None
    return lo, hi


def _words(s: _Sentence, lo: int, hi: int) -> str:
    return s.text[s.spans[lo][0]:s.spans[hi][1]]


def _short(text: str, n: int = MAX_LABEL_WORDS) -> str:
    found = list(_WORD.finditer(text))
    if len(found) <= n:
        return text.strip().rstrip(".,;:!?").strip()
    return text[: found[n - 1].end()].strip() + " …"


def _label(group: list[_Sentence], words: dict[str, Counter]) -> str:
    if group[0].topic is None:
        return _cue_label(group)
    base: Counter = Counter()
    seen: dict[str, tuple[_Sentence, int, int]] = {}
    pairs: Counter = Counter()  # members whose topic is too far from the cue: "topic · cue"
    for s in group:
        w = _window(s)
        if w is None:
            if s.topic is not None and s.cue_key:
                pairs[f"{_surface(s.topic[1], words)} · {_short(s.cue_key, 4)}"] += 1
            continue
        key = _words(s, *w).lower()
        base[key] += 1
        seen.setdefault(key, (s, *w))
    if pairs and (not base or max(pairs.values()) > max(base.values())):
        return max(pairs, key=lambda k: (pairs[k], -len(k)))
    if base:
        key = max(base, key=lambda k: (base[k], -len(k.split()), -len(k)))
        s0, lo, hi = seen[key]
        head = _extend_left(group, key)
        lo2 = lo - len(_WORD.findall(head))
        frag = head + _words(s0, lo, hi) + _extend(group, key, hi - lo2 + 1)
        return _lower_first(frag, lo2 == 0)
    s0 = group[0]
    topic = _surface(s0.topic[1], words)
    return f"{topic} · {_short(s0.cue_key, 4)}" if s0.cue_key else topic


def _cue_label(group: list[_Sentence]) -> str:
    """Label of a theme without a topic word: its sentence when short ("volgende keer hopelijk
    beter"), else its cue words."""
    short = Counter(s.text.strip() for s in group if 0 < len(s.spans) <= MAX_LABEL_WORDS)
    if short:
        text = max(short, key=lambda t: (short[t], -len(t)))
        return _lower_first(_short(text), True)
    return _short(group[0].cue_key or group[0].text)


def _members_with(group: list[_Sentence], key: str):
    """The members whose cue window reads ``key``: (sentence, lo, hi, content word positions)."""
    for s in group:
        w = _window(s)
        if w is None or _words(s, *w).lower() != key:
            continue
        yield s, w[0], w[1], {i for i, _ in s.content}


def _extend_left(group: list[_Sentence], key: str) -> str:
    """Content words right before a fragment ('discount' of 'discount code didn't work'), when
    most members with this fragment have the same ones."""
    heads: Counter = Counter()
    surface: dict[str, str] = {}
    members = list(_members_with(group, key))
    n = len(members)
    for s, lo, hi, content in members:
        first = lo
        while first - 1 in content and s.clause[first - 1] == s.clause[lo] and hi - first + 2 <= MAX_LABEL_WORDS - 1:
            first -= 1
        if first < lo:
            head = s.text[s.spans[first][0]:s.spans[lo][0]]
            heads[head.lower()] += 1
            surface.setdefault(head.lower(), head)
    if heads:
        head, k = max(heads.items(), key=lambda kv: (kv[1], len(kv[0])))
        if k * 2 > n and (k >= 2 or n == 1):
            return surface[head]
    return ""


def _extend(group: list[_Sentence], key: str, size: int) -> str:
    """The words after a fragment up to the last content word that still fits (same clause, at
    most ``MAX_LABEL_WORDS`` in all), when most members with this fragment continue alike."""
    tails: Counter = Counter()
    surface: dict[str, str] = {}
    members = list(_members_with(group, key))
    n = len(members)
    for s, lo, hi, content in members:
        last = None
        for j in range(hi + 1, min(len(s.spans), lo + MAX_LABEL_WORDS)):
            if s.clause[j] != s.clause[hi]:
                break
            if j in content:
                last = j
        if last is not None:
            tail = s.text[s.spans[hi][1]:s.spans[last][1]]
            tails[tail.lower()] += 1
            surface.setdefault(tail.lower(), tail)
    if tails:
        tail, k = max(tails.items(), key=lambda kv: (kv[1], len(kv[0])))
        tail = surface[tail]
        if k * 2 > n and (k >= 2 or n == 1) and size + len(_WORD.findall(tail)) <= MAX_LABEL_WORDS:
            return tail
    return ""


def _surface(key: str, words: dict[str, Counter]) -> str:
    forms = words.get(key)
    return forms.most_common(1)[0][0] if forms else key


def _terms(group: list[_Sentence], g: tuple, words: dict[str, Counter]) -> tuple[str, ...]:
    counts = Counter(k for s in group for k in {k for _, k in s.content})
    out = []
    if g[0] == "topic":
        out.append(_surface(g[1], words))
    for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        word = _surface(k, words)
        if word not in out:
            out.append(word)
        if len(out) == 5:
            break
    if not out and g[0] == "cue":
        out = [w for w in g[1].split() if w][:5]
    return tuple(out)
