"""Themes: similar need and pain-point sentences grouped and labelled by their key terms.

Sentences are weighted with TF-IDF (unigrams and bigrams, the language's spaCy stop words
removed) and factorised with NMF (scikit-learn, ``init="nndsvda"``: deterministic). Each
sentence joins the theme with its largest weight; a theme is labelled by its top terms.

The cost is bounded: at most ``max_fit`` sentences (a seeded sample) are used to fit the model;
every other sentence is assigned with ``transform``. So a million-word study costs a little
more than a small one, not quadratically more.

>>> import pandas as pd
>>> s = pd.Series(["De levering duurde te lang", "Levering duurde twee weken",
...                "De levering was laat", "Betalen met iDEAL lukte niet", "iDEAL betalen ging mis"])
>>> t = find_themes(s, lang="nl", seed=0)
>>> t.assignments.tolist()
[0, 0, 0, 1, 1]
>>> t.labels[0]
'levering · duurde'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["Themes", "find_themes", "stop_words", "n_themes_for"]

MAX_FIT = 300
MAX_THEMES = 6
N_TERMS = 2


@lru_cache(maxsize=4)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` ('nl' or 'en'; anything else gets the English list)."""
    if lang == "nl":
        from spacy.lang.nl.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    # Interview filler that spaCy's lists lack.
    extra = {
        "nl": {"echt", "gewoon", "eigenlijk", "wel", "ja", "nee", "beetje", "even", "heel", "best", "nou", "hè",
               "vond", "vind", "vinden", "denk", "dacht", "denken", "hoor", "keer", "kom", "komt", "willen", "wil",
               "zeg", "zeggen", "weet", "weten", "gaan", "ging", "moest", "moet", "kreeg", "krijg", "ding", "dingen",
               "zo'n", "snap", "zeker", "gewoonweg", "toch", "ok", "oké", "soort", "zegmaar", "dat's"},
        "en": {"really", "just", "like", "yeah", "bit", "actually", "pretty", "kind", "sort", "think", "thought",
               "know", "got", "get", "want", "wanted", "thing", "things", "went", "going", "said", "mean", "guess",
               "felt", "okay", "ok", "stuff", "lot", "gonna", "kinda"},
    }
    words = set(STOP_WORDS) | extra.get(lang, extra["en"])
    # The pieces the vectoriser's tokenizer makes of a stop word ("we'll" -> "we", "ll") are stop words too.
    words |= {piece for w in words for piece in re.findall(_tokenizer_pattern(), w)}
    words |= {piece for w in words for piece in re.findall(r"(?u)\b\w\w+\b", w)}
    return frozenset(words)


@dataclass
class Themes:
    """Result of :func:`find_themes`.

    Attributes
    ----------
    assignments : Series
        Theme number per input sentence (same index as the input), 0 = the largest theme.
    labels : list of str
        Label of each theme: its top terms joined by ' · '.
    terms : list of tuple of str
        The top terms (up to 5) of each theme, strongest first.
    """

    assignments: pd.Series
    labels: list[str]
    terms: list[tuple[str, ...]]


def n_themes_for(n: int) -> int:
    """How many themes for ``n`` sentences: about sqrt(n/2), between 1 and ``MAX_THEMES``."""
    if n < 4:
        return 1
    return int(min(MAX_THEMES, max(1, round(np.sqrt(n / 2)))))


def _tokenizer_pattern() -> str:
    return r"(?u)\b[^\W\d_][\w'-]+\b"


def find_themes(
    sentences: pd.Series,
    *,
    lang: str = "nl",
    n_themes: int | None = None,
    max_fit: int = MAX_FIT,
    seed: int = 0,
) -> Themes:
    """Group sentences into themes.

    Parameters
    ----------
    sentences : Series of str
        The sentences (one per piece of evidence); the index is kept in the result.
    lang : {'nl', 'en'}
        Language, for the stop words.
    n_themes : int, optional
        Number of themes (default: :func:`n_themes_for` the number of sentences).
    max_fit : int
        At most this many sentences (a seeded sample) fit the model; the rest are assigned.
    seed : int
        Seed of the sample (NMF itself is deterministic).

    Returns
    -------
    Themes
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = sentences.fillna("").astype(str)
    n = len(texts)
    if n == 0:
        return Themes(pd.Series([], index=texts.index, dtype="int64"), [], [])
    k = n_themes or n_themes_for(n)
    rng = np.random.default_rng(seed)
    fit_pos = np.sort(rng.choice(n, size=max_fit, replace=False)) if n > max_fit else np.arange(n)
    vec = TfidfVectorizer(
        lowercase=True,
        stop_words=sorted(stop_words(lang)),
        token_pattern=_tokenizer_pattern(),
        ngram_range=(1, 2),
        min_df=1,
        max_features=5000,
        sublinear_tf=True,
    )
    try:
        X_fit = vec.fit_transform(texts.iloc[fit_pos])
    except ValueError:  # nothing but stop words
        return Themes(pd.Series(0, index=texts.index, dtype="int64"), [_fallback_label(texts)], [()])
    vocab = np.asarray(vec.get_feature_names_out())
    k = max(1, min(k, X_fit.shape[0], X_fit.shape[1]))
    if k == 1:
        weights = np.asarray(X_fit.sum(axis=0)).ravel()
        order = np.argsort(-weights, kind="stable")[:5]
        terms = [tuple(vocab[order])]
        labels = [_label(terms[0])]
        return Themes(pd.Series(0, index=texts.index, dtype="int64"), labels, terms)
    model = NMF(n_components=k, init="nndsvda", max_iter=400, random_state=seed)
    model.fit(X_fit)
    X_all = vec.transform(texts)
    W = model.transform(X_all)
    raw = W.argmax(axis=1)
    raw[W.max(axis=1) == 0] = -1
    # Sentences with no known term join the largest theme (renumbered below).
    sizes = np.bincount(raw[raw >= 0], minlength=k)
    order = np.argsort(-sizes, kind="stable")
    remap = np.empty(k, dtype=np.int64)
    remap[order] = np.arange(k)
    assigned = np.where(raw >= 0, remap[np.maximum(raw, 0)], 0)
    terms, labels = [], []
    for comp in order:
        top = np.argsort(-model.components_[comp], kind="stable")[:5]
        t = tuple(vocab[top][model.components_[comp][top] > 0])
        terms.append(t)
        labels.append(_label(t))
    # Empty themes (no sentence got them) are dropped and the rest renumbered.
    used = np.unique(assigned)
    if len(used) < k:
        renum = {old: new for new, old in enumerate(used)}
        assigned = np.array([renum[a] for a in assigned], dtype=np.int64)
        terms = [terms[i] for i in used]
        labels = [labels[i] for i in used]
    return Themes(pd.Series(assigned, index=texts.index, dtype="int64"), labels, terms)


def _label(terms: tuple[str, ...]) -> str:
    """Top terms, skipping a unigram already inside a chosen bigram."""
    chosen: list[str] = []
    for t in terms:
        if any(t in c.split() or c in t.split() for c in chosen):
            continue
        chosen.append(t)
        if len(chosen) == N_TERMS:
            break
    return " · ".join(chosen) if chosen else "…"


def _fallback_label(texts: pd.Series) -> str:
    words = re.findall(r"\w+", " ".join(texts.head(3)).lower())
    return " · ".join(words[:N_TERMS]) or "…"
