"""A learned second opinion on person names: a logistic-regression token classifier.

The rules (:mod:`._rules`, :mod:`._context`, deduce for Dutch) know names from lists and from the
cues written for the sentences they were tuned on; a name no list knows in a context no rule was
written for slips through. This model scores every capitalised word (and every listed name in any
case) from *general* evidence only — never the word itself, so it cannot learn names by heart:

- shape: capital, sentence-initial, first word of the line, length, hyphen/apostrophe, suffix;
- lists: listed first name / surname, ordinary word, lemma-table word, place, town, city, brand
  ("keep"), title, cue, stop word, street, how frequent the word is (wordfreq Zipf band);
- neighbours: the words before and after (titles, kin words, "met", "from", "named", chat
  openers, signatures), their shape and lists, a particle before or after ("van", "de", "van der");
- the other finders' decisions: inside an address, e-mail, URL, … that the rules found.

Tokens scoring at least the shipped threshold become person spans; runs of them (and the particles
between them) join into one name, and every span still passes :func:`._person.person_span` (brands,
places and institutions named like people stay). The weights are a small JSON file
(``workbench/data/privacy/names_<lang>.json``) made by ``benchmarks/pii_learned.py --ship``
(deterministic, seed as a parameter); inference is a dictionary lookup per feature, no
scikit-learn at run time. Training data: only invented sentences written for this project (the
labelled sets of ``tests/fixtures/pii`` and the independent annotators' development sets, every
person, number and address made up); the weights hold feature names (context words, suffixes,
list memberships), no name or sentence of those sets.

>>> m = load_model("en"); 0 < m.threshold < 1 and len(m.weights) > 100
True
"""

from __future__ import annotations

import json
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ._lexicon import Lexicon, lexicon
from ._rules import _cap, _Ctx

__all__ = ["NameModel", "load_model", "candidates", "features", "learned_names", "using"]

_PUNCT_CTX = re.compile(r"[^\w\s]")
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}['’]?s")
_CAMEL = re.compile(r"[a-z][A-Z]")  # "PhonePe", "LaserJet", "AFib" — and "McDonald", "DeShawn"


@dataclass(frozen=True)
class NameModel:
    """Feature weights of one language, the intercept and the decision threshold."""

    lang: str
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict = field(default_factory=dict)

    def prob(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"lang": self.lang, "bias": round(self.bias, 5), "threshold": self.threshold,
                           "meta": self.meta, "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())}},
                          ensure_ascii=False, indent=0, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> NameModel:
        d = json.loads(text)
        return cls(d["lang"], dict(d["weights"]), float(d["bias"]), float(d["threshold"]), d.get("meta", {}))


_OVERRIDE: dict[str, NameModel | None] = {}


@lru_cache(maxsize=2)
def _shipped(lang: str) -> NameModel | None:
    res = resources.files("workbench").joinpath("data", "privacy", f"names_{lang}.json")
    if not res.is_file():
        return None
    return NameModel.from_json(res.read_text("utf-8"))


def load_model(lang: str) -> NameModel | None:
    """The model for ``lang`` (one trained in a benchmark when :func:`using` is active, else the
    shipped one; ``None`` when neither exists)."""
    lang = "en" if lang == "en" else "nl"
    if lang in _OVERRIDE:
        return _OVERRIDE[lang]
    return _shipped(lang)


@contextmanager
def using(lang: str, model: NameModel | None):
    """Use ``model`` (or none) for ``lang`` inside the block — for leave-one-set-out measuring."""
    lang = "en" if lang == "en" else "nl"
    had, old = lang in _OVERRIDE, _OVERRIDE.get(lang)
    _OVERRIDE[lang] = model
    try:
        yield
    finally:
        if had:
            _OVERRIDE[lang] = old
        else:
            _OVERRIDE.pop(lang, None)


def candidates(c: _Ctx) -> list[int]:
    """Tokens the model scores: capitalised words, and listed names in any case; no particles."""
    lex, out = c.lex, []
    for i, (_, _, t) in enumerate(c.toks):
        lo = c.low[i]
        if not c.word(i) or lo in lex.interfix or len(lo) < 2 or any(ch.isdigit() for ch in t):
            continue  # "M404dn", "Jet2": a model number, no name
        if _ACRONYM_PLURAL.fullmatch(t):
            continue  # "ETFs", "PDFs": an abbreviation in the plural
        if _cap(t) or (lo in lex.first or lo in lex.surname) and lo not in lex.words:
            out.append(i)
    return out


def _lists(lo: str, lex: Lexicon) -> tuple[str, ...]:
    return _lists_of(lo, lex.lang) if lexicon(lex.lang) is lex else _list_names(lo, lex)


@lru_cache(maxsize=65536)
def _lists_of(lo: str, lang: str) -> tuple[str, ...]:
    """Which lists know ``lo`` (cached per word: most words recur)."""
    return _list_names(lo, lexicon(lang))


def _list_names(lo: str, lex: Lexicon) -> tuple[str, ...]:
    out = [name for name, s in (("first", lex.first), ("sur", lex.surname), ("words", lex.words),
                                ("vocab", lex.vocab), ("town", lex.towns), ("city", lex.cities),
                                ("place", lex.places), ("keep", lex.keep), ("title", lex.titles),
                                ("cue", lex.cues), ("never", lex.never), ("street", lex.streets),
                                ("common", lex.common), ("noun", lex.nouns), ("verb", lex.verb_forms),
                                ("ifx", lex.interfix)) if lo in s]
    return tuple(out) or ("none",)


def _word_ctx(c: _Ctx, j: int) -> str:
    if j < 0:
        return "^"
    if j >= len(c.toks):
        return "$"
    t = c.toks[j][2]
    if c.word(j):
        return c.low[j]
    return t if _PUNCT_CTX.fullmatch(t) else ("#" if t[:1].isdigit() else t.lower())


def features(c: _Ctx, i: int, inside: dict[int, str]) -> list[str]:
    """The features of token ``i``; ``inside`` maps token index -> kind of a non-person span the
    other finders put it in."""
    lex, toks = c.lex, c.toks
    t, lo = toks[i][2], c.low[i]
    f = ["cap" if _cap(t) else "lower"]
    if c.sent_initial(i):
        f.append("si")
    if i == 0 or "\n" in c.text[toks[i - 1][1]:toks[i][0]]:
        f.append("line0")
    f.append(f"len{min(len(lo), 12) // 3}")
    if "-" in t:
        f.append("hyph")
    if "'" in t or "’" in t:
        f.append("apos")
    if not lo.isascii():
        f.append("accent")
    if _CAMEL.search(t):
        f.append("camel:" + ("mc" if re.match(r"(?:Mc|Mac|De|La|Le|Di|Da|Van|O)[A-Z]", t) else "inner"))
    f.append("s3:" + lo[-3:])
    f.append("s2:" + lo[-2:])
    z = (lex.zipf or {}).get(lo, 0) // 10
    f.append(f"z{z}")
    mine = _lists(lo, lex)
    f += ["L:" + x for x in mine]
    f += ["LZ:" + x + str(min(z, 4)) for x in mine]  # a listed name that is also frequent is weaker
    if c.sent_initial(i):
        f += ["Lsi:" + x for x in mine]
    for off, tag in ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2")):
        j = i + off
        f.append(f"{tag}:{_word_ctx(c, j)}")
        if 0 <= j < len(toks) and c.word(j):
            f.append(f"{tag}cap:{_cap(toks[j][2])}")
            if abs(off) == 1:
                f += [f"{tag}L:{x}" for x in _lists(c.low[j], lex)]
                if _cap(toks[j][2]):
                    f += [f"{tag}capL:{x}" for x in _lists(c.low[j], lex)]
    if i + 1 < len(toks) and toks[i + 1][0] - toks[i][1] > 1:
        f.append("gap_after")
    k = inside.get(i)
    if k:
        f.append("in:" + k)
    return f


def token_spans(c: _Ctx, hits) -> dict[int, str]:
    """Token index -> kind of the first non-person span of ``hits`` covering it."""
    out: dict[int, str] = {}
    spans = [(s, e, k) for s, e, k in hits if k != "person"]
    if not spans:
        return out
    for i, (a, b, _) in enumerate(c.toks):
        for s, e, k in spans:
            if s < b and a < e:
                out[i] = k
                break
    return out


def learned_names(text: str, lex: Lexicon, hits, model: NameModel | None = None,
                  ctx: _Ctx | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, "person")`` spans the model scores at or above its threshold; runs of such
    tokens, with particles between them, form one name."""
    model = model or load_model(lex.lang)
    if model is None:
        return []
    c = ctx or _Ctx(text, lex)
    cand = candidates(c)
    if not cand:
        return []
    inside = token_spans(c, hits)
    prob = {i: model.prob(features(c, i, inside)) for i in cand}
    yes = {i for i, p in prob.items() if p >= model.threshold}
    # a capitalised word right beside a found name joins it at half the threshold ("Harpreet" of
    # "Harpreet Kaur Sandhu"): the neighbour's evidence, as a sequence model would pass it on
    grow = True
    while grow:
        grow = False
        for i in sorted(yes):
            for j in (i - 1, i + 1):
                if j in prob and j not in yes and prob[j] >= model.threshold / 2 and _cap(c.toks[j][2]) and (
                        c.toks[max(i, j)][0] - c.toks[min(i, j)][1] <= 1) and not (j > i and c.sent_initial(j)):
                    yes.add(j)
                    grow = True
    out: list[list[int]] = []
    for i in sorted(yes):
        if out:
            a, b = out[-1]
            between = range(b + 1, i)
            if all(c.low[x] in lex.interfix for x in between) and all(
                    c.toks[x + 1][0] - c.toks[x][1] <= 1 for x in range(b, i)):
                out[-1][1] = i
                continue
        out.append([i, i])
    return [(c.toks[a][0], c.toks[b][1], "person") for a, b in out if not _other_reading(c, a, b)]


def _other_reading(c: _Ctx, a: int, b: int) -> bool:
    """Tokens ``a..b`` (a run the model scored as a name) have a plain reading the model alone
    should not overrule: every word of it is a place, it follows a place in a list ("in Cork,
    Kinsale"), or it is one ordinary
    word opening a sentence, where its capital says nothing ("Hope at the end of the day")."""
    lex = c.lex
    words = [x for x in range(a, b + 1) if c.low[x] not in lex.interfix]
    if all(c.low[x] in lex.towns or c.low[x] in lex.places for x in words):
        return True
    k = a - 1
    if k >= 1 and c.low[k] in (",", "and", "en", "or", "of", "&"):  # "in Cork, Kinsale": one more place of a list
        prev = c.low[k - 1]
        if c.word(k - 1) and _cap(c.toks[k - 1][2]) and (prev in lex.towns or prev in lex.places) and (
                prev not in lex.first) and (a == b or c.low[b] not in lex.surname):
            return True
    return a == b and c.sent_initial(a) and (c.low[a] in lex.words or lex.everyday(c.low[a]))
