"""Topics: the first level of themes — what a complaint or wish is about ("bezorging",
"klantenservice", "app en website", "prijs en kosten"), one subject each, with the fine themes
(aspect + what is wrong, :func:`workbench.themes.group_phrases`) as its sub-themes.

A sentence's topic comes from its **aspect**, the noun phrase its complaint is about
(:func:`workbench.nlp.phrases.theme_phrase`); a noun said in passing counts only when it is the
one journey aspect the sentence names at all:

1. the aspect's head noun, its lemma and form; a generic head ("probleem met de app", "issue with
   my card") gives way to the nouns it governs;
2. Dutch compounds by their head, the part they end with ("bezorgkosten" -> kosten), then by their
   first part ("bezorgtijd" -> bezorgen, "appstore" -> app); English compounds are words of
   their own: the head first, then its modifiers ("delivery fee" -> fee, then delivery);
3. these words are looked up in the topic lexicon (``data/themes/aspects.toml``: the aspects of a
   service journey in both languages — delivery, order, returns, price, customer service, staff,
   app, account and payments, contract, information … — plus the company itself, and the verbs
   that name a step of the journey: "inloggen", "bezorgen", "bellen"); the company is the weakest
   topic: it counts only when the aspect names it and nothing else does ("de bank blokkeerde mijn
   pas" is about the card);
4. then the words in subject, object or prepositional-object position (a small tagger may take
   "app" for a preposition), then the verbs ("kon niet inloggen" -> app); failing those, a
   sentence naming exactly one lexicon topic anywhere has that topic (a weak parse may hide
   "de app" in any position); praise has no topic;
5. an aspect in no lexicon topic is a topic of its own when at least :data:`MIN_OPEN` sentences
   name it ("v3", "letter"), named by the word as said; a brand name ("Bunq", "Virgin") speaks
   of the company.

Why a lexicon and not clustering: offline there are no word vectors, and clustering aspect heads
by the words they occur with needs far more sentences than a survey column has (a few hundred);
the lexicon is short, general (no study's words), readable and extensible, and what it does not
know stays a topic of its own word — never "other". Sentences with no aspect, no known verb and
no lexicon noun get no topic (−1): an honest blank beats a catch-all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

__all__ = ["MIN_OPEN", "aspects_data", "topic_lexicon", "topic_words", "sentence_topics", "topic_of_words", "topic_name"]

#: Sentences that must name an aspect outside the lexicon before it is a topic of its own.
MIN_OPEN = 3
_CORE = {"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "iobj", "root", "ROOT", "attr"}
_OBLIQUE = {"obl", "pobj", "nmod"}
_NOT_NOUN = {"PUNCT", "ADV", "DET", "PRON", "AUX", "CCONJ", "SCONJ", "NUM", "INTJ", "SYM"}
_MODIFIERS = {"compound", "compound:prt", "flat", "flat:name", "nmod", "nmod:poss", "amod", "obl", "pobj", "conj",
              "appos"}
_OPEN_PREFIX = "noun:"
#: the topic of the company itself, its brand and the verdict on it: the weakest of all
COMPANY = "company"


@lru_cache(maxsize=1)
def aspects_data() -> dict:
    """``data/themes/aspects.toml``, read once: the aspect lexicon, topic words and label templates."""
    path = Path(__file__).resolve().parent / "data" / "themes" / "aspects.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def topic_lexicon(lang: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """``({noun: topic id}, {verb lemma or Dutch verb stem: topic id}, {topic id: name})`` from
    ``data/themes/aspects.toml`` (its ``[[aspects]]``; verbs from ``verbs.nl`` / ``verbs.en``)."""
    data = aspects_data()
    nouns, verbs, names = {}, {}, {}
    for a in data.get("aspects", []):
        names[a["id"]] = a.get("name", {}).get(lang, a["id"])
        for w in a.get(lang, []):
            nouns.setdefault(w.lower(), a["id"])
        for v in a.get("verbs", {}).get(lang, []):
            verbs.setdefault(v.lower(), a["id"])
            if lang == "nl" and v.endswith("en") and len(v) >= 7:  # 'bezorgen' -> 'bezorg' ('bezorgtijd')
                verbs.setdefault(v[:-2].lower(), a["id"])
    return nouns, verbs, names


def topic_of_words(words: Sequence[str], lang: str, *, verbs: bool = False) -> str | None:
    """The lexicon topic of the first of ``words`` that has one (nouns; ``verbs``: verb lemmas).
    A Dutch compound of six letters or more matches by its head — the longest known ending of at
    least three letters, its first part at least four ("bezorgkosten" -> kosten, "betaalapp" ->
    app) — else by its first part, a known noun or verb stem ("bezorgtijd" -> bezorg)."""
    nouns, verb_lex, _ = topic_lexicon(lang)
    lex = verb_lex if verbs else nouns
    for w in words:
        w = w.lower()
        if w in lex:
            return lex[w]
        if verbs or lang != "nl" or len(w) < 6:
            continue
        head = next((w[i:] for i in range(4, len(w) - 2) if w[i:] in nouns), None)
        if head:
            return nouns[head]
        first = next((w[:i] for i in range(len(w) - 3, 3, -1) if w[:i] in nouns or w[:i] in verb_lex), None)
        if first:
            return nouns.get(first) or verb_lex[first]
    return None


def topic_name(topic: str, lang: str, said: Sequence[str] = ()) -> str:
    """A topic's name: the lexicon's, or for a topic of its own word the form most often said."""
    if topic.startswith(_OPEN_PREFIX):
        forms = Counter(s for s in said if s)
        return min(forms, key=lambda f: (-forms[f], len(f), f)) if forms else topic[len(_OPEN_PREFIX):]
    return topic_lexicon(lang)[2].get(topic, topic)


@lru_cache(maxsize=4)
def _generic(lang: str) -> frozenset[str]:
    """Head nouns that name no topic by themselves: problem words, time and quantity words
    (``data/themes/words.toml``) and the light heads of ``aspects.toml`` ("service", "vraag")."""
    from .nlp.phrases import word_lists

    w = word_lists(lang)
    light = aspects_data().get("topic_words", {}).get("light", {}).get(lang, [])
    return w.get("problem_nouns", frozenset()) | w.get("not_aspect", frozenset()) | frozenset(light)


def _aspect_head(doc, phrase, lang: str):
    """The token of ``doc`` that is the phrase's aspect: among its label tokens first."""
    from .nlp.phrases import _key

    pool = list(phrase.tokens) + [t for t in doc if t not in phrase.tokens]
    return next((t for t in pool if t.pos_ != "PUNCT" and _key(t, lang) == phrase.aspect_key), None)


def topic_words(doc, phrase, lang: str) -> tuple[list[str], list[str], list[str], str | None]:
    """What decides a sentence's topic: ``(aspect, core, verbs, open_key)`` — the aspect's nouns
    in order of weight (see the module doc); the words in subject, object or prepositional-object
    position of the sentence (any part of speech: a small tagger takes "app" for a preposition);
    the verb lemmas to try after them; and the aspect's own lemma for a topic of its own (None
    when it has none or it is generic; ``PROPN:…`` for a name)."""
    from .nlp.phrases import _nominal
    from .nlp.syntax import lemma

    generic = _generic(lang)
    aspect: list[str] = []
    verbs: list[str] = []
    open_key = None
    if phrase is not None and phrase.positive:
        return [], [], [], None  # praise: what it praises is not what is wrong
    head = _aspect_head(doc, phrase, lang) if phrase is not None and phrase.aspect_key else None
    if head is not None:
        deps = [c for c in head.subtree if c is not head and c.pos_ in ("NOUN", "PROPN") and _nominal(c)
                and c.dep_ in _MODIFIERS]
        own = [lemma(head), head.lower_]
        dep_words = [w for c in deps for w in (lemma(c), c.lower_)]
        if lemma(head) in generic or head.lower_ in generic:  # 'probleem met de app': the app
            aspect += dep_words + own
        else:
            aspect += own + dep_words
            if head.pos_ in ("NOUN", "PROPN"):
                open_key = ("PROPN:" if _a_name(head) else "") + lemma(head)
        aspect += [w.lower() for w in phrase.aspect.split()[::-1]]
    if phrase is not None and phrase.predicate_key:
        verbs.append(phrase.predicate_key.split()[-1])
    core = [w for t in doc if t.dep_ in _CORE | _OBLIQUE and t.pos_ not in _NOT_NOUN and lemma(t) not in generic
            for w in (lemma(t), t.lower_)]
    verbs += [lemma(t) for t in doc if t.pos_ == "VERB" and (t.dep_ in ("root", "ROOT", "conj", "xcomp")
                                                             or t.head.dep_ in ("root", "ROOT"))]
    return aspect, core, verbs, open_key


def _a_name(tok) -> bool:
    """A brand or organisation as the subject or object: a name ('@Bunq', 'TransUnion', 'AMEX', a
    capitalised noun inside the sentence), not a capitalised first word the tagger took for one."""
    if tok.dep_ not in _CORE:
        return False
    shouted = tok.text.isupper() and len(tok.text) >= 4  # 'Bellen is een RAMP'
    return tok.text.startswith("@") or (tok.pos_ == "PROPN" and not shouted and (
        tok.i > 0 and tok.text[:1].isupper() or any(c.isupper() for c in tok.text[1:])))


def sentence_topics(docs: Sequence, phrases: Sequence, lang: str, *, min_open: int = MIN_OPEN) -> list[str | None]:
    """Per parsed sentence its topic id (a lexicon id, ``'company'`` for a brand name, or
    ``'noun:<lemma>'`` for an aspect at least ``min_open`` sentences name); None: no topic."""
    found, opens = [], []
    generic = _generic(lang)
    for doc, p in zip(docs, phrases, strict=True):
        aspect, core, verbs, open_key = topic_words(doc, p, lang)
        loose = [] if p is not None and p.positive else [
            t for t in (topic_of_words([w.lower_], lang) for w in doc if w.lower_ not in generic) if t]
        found.append(_choose(aspect, core, verbs, [t for t in loose if t != COMPANY], open_key, lang))
        opens.append(open_key if found[-1] is None else None)
    counts = Counter(k for k in opens if k and not k.startswith("PROPN:"))
    return [t if t is not None else (f"{_OPEN_PREFIX}{k}" if k and counts[k] >= min_open else None)
            for t, k in zip(found, opens, strict=True)]


def _choose(aspect: list[str], core: list[str], verbs: list[str], loose: list[str], open_key: str | None,
            lang: str) -> str | None:
    """The topic of a sentence from its :func:`topic_words`: the first noun's topic, of the aspect
    first; the company only when the aspect names it (not a noun in passing: "bars en restaurants
    in de buurt") and neither another noun nor a verb names a step of the journey ("de bank
    blokkeerde mijn pas" is about the card, "the bank never called back" about customer service)."""
    hits = [t for t in (topic_of_words([w], lang) for w in aspect + core) if t]
    first = next((t for t in hits if t != COMPANY), None) or topic_of_words(verbs, lang, verbs=True)
    if first:
        return first
    if len(set(loose) - {COMPANY}) == 1:
        return loose[0]  # the one journey aspect the sentence names, wherever a weak parse put it
    if any(topic_of_words([w], lang) == COMPANY for w in aspect) or (open_key or "").startswith("PROPN:"):
        return COMPANY  # a brand or organisation the complaint is about
    return None
