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
   app, account and payments, credit and debt, contract, information … — plus the company
   itself, and the verbs that name a step of the journey: "inloggen", "bezorgen", "bellen"), each
   word **in the sense it has in the sentence** (:func:`word_senses`, the ``[senses]`` of the
   same file): a word of two meanings names its topic only when no context word of another sense
   is said next to it ("missed our connection" with "train" is travel, not internet; "rekening
   houden met" is no bank account; "mijn man" is no staff member);
4. then the subject and object of the complaint's own predicate, then a verb the sentence
   negates ("besteld en betaald, maar niets ontvangen" -> delivery, not the ordering), then the
   other words in subject, object or prepositional-object position (a small tagger may take
   "app" for a preposition), then the verbs ("kon niet inloggen" -> app); failing those, a
   sentence naming exactly one lexicon topic anywhere has that topic (a weak parse may hide
   "de app" in any position); praise has no topic;
   the catch-all topics (``weak = true``: information, the company) count only when the aspect
   or the complaint's first subject or object names them and no other topic is named at all
   ("no information about my refund" is about the refund, "de bank blokkeerde mijn pas" about
   the card, "payments lowered without explanation" about the payments);
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
from typing import NamedTuple

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

__all__ = ["MIN_OPEN", "aspects_data", "topic_lexicon", "topic_adjectives", "topic_words", "sentence_topics", "topic_of_words", "topic_name",
           "sense_lexicon", "word_senses", "weak_topics", "TopicWords"]

#: Sentences that must name an aspect outside the lexicon before it is a topic of its own.
MIN_OPEN = 3
_CORE = {"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "iobj", "root", "ROOT", "attr"}
_OBLIQUE = {"obl", "pobj", "nmod"}
_NOT_NOUN = {"PUNCT", "ADV", "DET", "PRON", "AUX", "CCONJ", "SCONJ", "NUM", "INTJ", "SYM"}
_MODIFIERS = {"compound", "compound:prt", "flat", "flat:name", "nmod", "nmod:poss", "amod", "obl", "pobj", "conj",
              "appos"}
_NOT_COMPOUND = {"VERB", "ADJ", "ADV", "AUX"}
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


@lru_cache(maxsize=4)
def topic_adjectives(lang: str) -> dict[str, str]:
    """``{adjective: topic id}`` from the ``adjectives`` of ``aspects.toml``: the words that name a
    topic in a complaint with no noun at all ("te duur" -> price, "veel te druk" -> crowding)."""
    out: dict[str, str] = {}
    for a in aspects_data().get("aspects", []):
        for w in a.get("adjectives", {}).get(lang, []):
            out.setdefault(w.lower(), a["id"])
    return out


@lru_cache(maxsize=4)
def weak_topics() -> tuple[str, ...]:
    """The catch-all topics (``weak = true`` in ``aspects.toml``: information, the company), in
    lexicon order: a sentence has one only when its aspect names it and no other topic is named."""
    return tuple(a["id"] for a in aspects_data().get("aspects", []) if a.get("weak"))


@lru_cache(maxsize=4)
def sense_lexicon(lang: str) -> dict[str, tuple[frozenset[str], tuple[tuple[str | None, frozenset[str]], ...]]]:
    """``{word: (not_pos, ((topic or None, context words), …))}`` from ``[senses.<lang>]`` of
    ``aspects.toml``: the other senses of an ambiguous lexicon word, in file order."""
    out = {}
    for word, senses in aspects_data().get("senses", {}).get(lang, {}).items():
        not_pos = frozenset(senses.get("not_pos", ()))
        others = tuple((None if k == "none" else k, frozenset(w.lower() for w in v))
                       for k, v in senses.items() if k != "not_pos")
        out[word.lower()] = (not_pos, others)
    return out


def word_senses(doc, lang: str) -> dict[str, str | None]:
    """The ambiguous lexicon words of a parsed sentence (form, lemma, or a Dutch compound ending in
    one), each with the topic of the sense it has here — None: a sense that names no topic. A
    sense holds when one of its context words is said next to the word (its syntactic head, the
    words it governs, or within four words; for a compound also its first part); the first such
    sense wins; none said: the lexicon's own sense. A word in a part of speech of its ``not_pos``
    is another word ("pas" as adverb). A Dutch verb, adjective or adverb outside the lexicon is no
compound (None: "geregeld" is not "ge" + "geld"). A word said twice: the first occurrence in another sense
decides ("no update nor an update to the on-time status")."""
    from .nlp.syntax import lemma

    lex = sense_lexicon(lang)
    nouns, verbs, _ = topic_lexicon(lang)
    out: dict[str, str | None] = {}
    for t in doc:
        for w in dict.fromkeys((t.lower_, lemma(t))):
            if w in out and out[w] != nouns.get(w):
                continue
            key, rest = _sense_key(w, lex, lang)
            if key is None:
                if lang == "nl" and t.pos_ in _NOT_COMPOUND and w not in nouns and w not in verbs:
                    out[w] = None  # 'geregeld' holds 'geld' only in its letters: a compound is a noun
                continue
            not_pos, others = lex[key]
            near = [c for c in doc[max(0, t.i - 4): t.i + 5] if c is not t] + [t.head] + list(t.children)
            said = {x for c in near if c is not t for x in (c.lower_, lemma(c))} | ({rest, rest.strip("s-")} - {""})
            sense = next((topic for topic, ctx in others if said & ctx), nouns.get(key, ""))
            out[w] = None if t.pos_ in not_pos else sense or None
    return out


def _sense_key(word: str, lex: dict, lang: str) -> tuple[str | None, str]:
    """The ambiguous word ``word`` is, or (Dutch) the compound part it ends or starts with, and the
    compound's other part: ``('update', 'status')`` for "statusupdate", ``('bediening', 'sgemak')``."""
    if word in lex:
        return word, ""
    if lang != "nl":
        return None, ""
    end = next((h for h in lex if word.endswith(h) and len(word) - len(h) >= 4), None)
    if end:
        return end, word[: len(word) - len(end)]
    start = next((h for h in lex if word.startswith(h) and len(word) - len(h) >= 3), None)
    return (start, word[len(start):]) if start else (None, "")


def topic_of_words(words: Sequence[str], lang: str, *, verbs: bool = False,
                   senses: dict[str, str | None] | None = None) -> str | None:
    """The lexicon topic of the first of ``words`` that has one (nouns; ``verbs``: verb lemmas).
    A Dutch compound of six letters or more matches by its head — the longest known ending of at
    least three letters, its first part at least four ("bezorgkosten" -> kosten, "betaalapp" ->
    app) — else by its first part, a known noun or verb stem ("bezorgtijd" -> bezorg). ``senses``
    (:func:`word_senses` of the sentence) overrides the lexicon for the ambiguous words said."""
    nouns, verb_lex, _ = topic_lexicon(lang)
    lex = verb_lex if verbs else nouns
    for w in words:
        w = w.lower()
        if senses and w in senses:
            if senses[w]:
                return senses[w]
            continue
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


class TopicWords(NamedTuple):
    """What decides a sentence's topic (:func:`topic_words`), in order of weight."""

    aspect: list[str]  #: the aspect's nouns (see the module doc)
    args: list[str]  #: the subject and object of the complaint's own predicate
    denied: list[str]  #: verbs the sentence negates ('niets ontvangen', 'never arrived'): what went wrong
    predicate: list[str]  #: the complaint's predicate, a verb lemma ('niet ontvangen' -> ontvangen)
    core: list[str]  #: other words in subject, object, then prepositional-object position
    verbs: list[str]  #: the sentence's main verbs
    open_key: str | None  #: the aspect's own lemma for a topic of its own (``PROPN:…`` for a name)


def topic_words(doc, phrase, lang: str) -> TopicWords:
    """What decides a sentence's topic: the aspect's nouns in order of weight (see the module doc);
    the subject and object of the complaint's predicate; the verbs the sentence negates; that
    predicate; the other words in
    subject, object or prepositional-object position of the sentence (any part of speech: a small
    tagger takes "app" for a preposition); the main verb lemmas; and the aspect's own lemma for a
    topic of its own (None when it has none or it is generic; ``PROPN:…`` for a name)."""
    from .nlp.phrases import _nominal, word_lists
    from .nlp.syntax import lemma

    generic = _generic(lang)
    aspect: list[str] = []
    open_key = None
    if phrase is not None and phrase.positive:
        return TopicWords([], [], [], [], [], [], None)  # praise: what it praises is not what is wrong
    head = _aspect_head(doc, phrase, lang) if phrase is not None and phrase.aspect_key else None
    if head is not None:
        deps = sorted((c for c in head.subtree if c is not head and c.pos_ in ("NOUN", "PROPN") and _nominal(c)
                       and c.dep_ in _MODIFIERS), key=lambda c: c.dep_ == "conj")  # a conjunct is another thing
        own = [lemma(head), head.lower_]
        dep_words = [w for c in deps for w in (lemma(c), c.lower_)]
        if lemma(head) in generic or head.lower_ in generic:  # 'probleem met de app': the app
            aspect += dep_words + own
        else:
            aspect += own + dep_words
            if head.pos_ in ("NOUN", "PROPN"):
                open_key = ("PROPN:" if _a_name(head) else "") + lemma(head)
        aspect += [w.lower() for w in phrase.aspect.split()[::-1]]
    pred = [w for w in phrase.predicate_key.split() if w != "not"][-1:] if phrase is not None else []
    negation = word_lists(lang).get("negation", frozenset())
    negated = [t for t in doc if t.pos_ == "VERB" and any(c.lower_ in negation for c in t.children)]
    # the complaint's own subject and object — of its predicate, a verb it governs ('kwam … nooit
    # opdagen') or a verb the sentence negates — first ("I paid, but the parcel never came": the
    # parcel), then other subjects and objects, then obliques
    verbs_of = [t for t in doc if pred and lemma(t) == pred[0]]
    verbs_of += [c for t in verbs_of for c in t.children if c.dep_ == "xcomp"] + negated
    args = {c.i for t in verbs_of for c in t.children if c.dep_ in _CORE and c.pos_ not in _NOT_NOUN}
    cands = [t for t in doc if t.dep_ in _CORE | _OBLIQUE and t.pos_ not in _NOT_NOUN and lemma(t) not in generic]
    cands.sort(key=lambda t: t.dep_ not in _CORE)
    words = [(t.i in args, w) for t in cands for w in (lemma(t), t.lower_)]
    verbs = [lemma(t) for t in doc if t.pos_ == "VERB" and (t.dep_ in ("root", "ROOT", "conj", "xcomp")
                                                            or t.head.dep_ in ("root", "ROOT"))]
    own_args, core = [w for a, w in words if a], [w for a, w in words if not a]
    if head is not None and head.dep_ in _OBLIQUE and own_args:  # 'na de betaling kwam de monteur nooit'
        aspect, core = [], core + aspect  # an aspect in a prepositional phrase gives way to the subject
    return TopicWords(aspect, own_args, [lemma(t) for t in negated], pred, core, verbs, open_key)


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
        words = topic_words(doc, p, lang)
        senses = word_senses(doc, lang)
        loose = [] if p is not None and p.positive else [
            t for t in (topic_of_words([w.lower_], lang, senses=senses) for w in doc if w.lower_ not in generic) if t]
        topic = _choose(words, loose, lang, senses)
        if topic is None and not (p is not None and p.positive):
            topic = _adjective_topic(doc, lang)
        found.append(topic)
        opens.append(words.open_key if found[-1] is None else None)
    counts = Counter(k for k in opens if k and not k.startswith("PROPN:"))
    return [t if t is not None else (f"{_OPEN_PREFIX}{k}" if k and counts[k] >= min_open else None)
            for t, k in zip(found, opens, strict=True)]


@lru_cache(maxsize=4)
def _degree_words(lang: str) -> frozenset[str]:
    """The tagger's own degree words: its intensifiers and excess words ('te', 'erg', 'too', 'very')."""
    from .nlp.resources import load_modifiers

    mods = load_modifiers(lang)
    return frozenset(mods["intensifiers"]) | frozenset(mods["excess"])


def _adjective_topic(doc, lang: str) -> str | None:
    """A complaint that names no noun of the lexicon, by its adjective ("Te duur.", "Het is 's avonds
    veel te druk", "So rude!"): the topic of the first adjective of :func:`topic_adjectives` said
    (not a verb or a name: 'vol' in 'Vol Airlines')."""
    from .nlp.phrases import word_lists
    from .nlp.syntax import lemma

    adjectives = topic_adjectives(lang)
    negation = word_lists(lang).get("negation", frozenset())
    degree_words = _degree_words(lang)
    for t in doc:
        if t.pos_ == "PROPN" or any(w.lower_ in negation for w in doc[max(0, t.i - 2): t.i]):
            continue  # a name, or denied ('niet duur' is praise)
        # a small tagger may take 'te druk' for 'te drukken': a verb only when no degree word or
        # copula makes it a predicate adjective
        degree = t.i > 0 and doc[t.i - 1].lower_ in degree_words
        if t.pos_ == "VERB" and not degree and not any(c.dep_ == "cop" for c in t.children):
            continue
        topic = adjectives.get(t.lower_) or adjectives.get(lemma(t))
        if topic:
            return topic
    return None


def _choose(words: TopicWords, loose: list[str], lang: str, senses: dict[str, str | None] | None = None) -> str | None:
    """The topic of a sentence from its :func:`topic_words`: the first noun's topic, of the aspect
    first, then of the complaint's own subject or object, then the journey step a negated verb
    names ("besteld en betaald, maar niets ontvangen" is about delivery, not about ordering), then
    the other nouns, then the complaint's predicate and the other verbs — each word in the sense it has in the sentence
    (:func:`word_senses`).
    A catch-all topic (:func:`weak_topics`: information, the company) only when the aspect names it
    (not a noun in passing: "bars en restaurants in de buurt", "without explanation") and neither
    another noun nor a verb names a step of the journey ("de bank blokkeerde mijn pas" is about the
    card, "the bank never called back" about customer service, "no information about my refund"
    about the refund)."""
    weak = weak_topics()
    for nouns, verbs in ((words.aspect + words.args, words.denied), (words.core, words.predicate + words.verbs)):
        hits = (topic_of_words([w], lang, senses=senses) for w in nouns)
        first = next((t for t in hits if t and t not in weak), None) or topic_of_words(verbs, lang, verbs=True,
                                                                                       senses=senses)
        if first:
            return first
    strong = set(loose) - set(weak)
    if len(strong) == 1:
        return strong.pop()  # the one journey aspect the sentence names, wherever a weak parse put it
    # the aspect's head and the first word it governs, or the complaint's first subject or object;
    # not a noun further down a list ("bars en restaurants in de buurt")
    named = {topic_of_words([w], lang, senses=senses) for w in words.aspect[:4] + (words.args + words.core)[:2]}
    if (words.open_key or "").startswith("PROPN:"):
        named.add(COMPANY)  # a brand or organisation the complaint is about
    return next((t for t in weak if t in named), None)
