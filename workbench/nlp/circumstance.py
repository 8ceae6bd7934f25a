"""The speaker's own circumstances are context for a persona, no pain point of the experience.

Participants describe themselves — most of all when asked to ("Vertel eens iets over jezelf",
"Tell me a bit about yourself"): "budget is niet heel groot", "omdat ik blut ben", "ik koop niet
snel iets voor de volle prijs", "money's a bit tight", "I'm not very techy". The cue patterns read a
negator or a negative word and make these pain points, mostly without a phase. A pain point is a
problem with, or a negative evaluation of, the experience (CODEBOOK.md); these sentences say
something about the person. :func:`circumstance_pains` drops their pain points after tagging.

A tagger sentence is the speaker's circumstance when

- its pain points are only of the kinds a description of oneself sets off (``SOFT``: a negated
  statement, an unmet degree, a negative evaluation word, 'too' + adjective, or a cue that is a
  ``states`` word: 'broke' of "we're broke") — a problem cue ('kan het niet meer betalen', 'price
  rise', 'kwam te laat') keeps it a complaint;
- it names no touchpoint (no product, service, channel or journey step: "ik ben al jaren klant,
  maar de levering …" stays a complaint) and no ``service`` word: the company addressed or pointed
  at ('jullie', 'your', 'they', 'daar'), or for a habit a change since ('again', 'niet meer');
- its subject is the speaker and its predicate their means, state or habit (``data/circumstance.toml``):
  a first-person subject with a copula and a ``states`` word ('omdat ik blut ben', "I'm not very
  techy"), with a have-verb and a ``means`` word and no purpose after it ('ik heb weinig tijd',
  "I don't have much money", not 'geen tijd om achter mijn geld aan te zitten'), or with a shopping verb and a ``habit_words`` word ('ik koop niet snel iets voor de
  volle prijs', 'I never buy anything full price'); or a ``money`` word opening its clause as the
  subject of a present copula ('budget is niet heel groot', "money's a bit tight").

An answer to a question about the participant (``intro`` of the tagging context's last line)
weighs this more: there any sentence with a first-person or ``money`` subject that meets the
first two conditions is a circumstance ('We huren een bovenwoning, dus niet heel groot'). A reply
to a turn that only greets or thanks (``greeting``, no question: "Goedenavond Joost, fijn dat het
's avonds kon.") is warm-up logistics: any sentence of it that meets the first two conditions
("Ja, overdag lukt het echt niet.": there 'lukt niet' is about fitting the interview in) loses its
pain points.

>>> is_circumstance("Niet om de planeet, gewoon omdat ik blut ben.", "nl")
True
>>> is_circumstance("Ik kan het niet meer betalen sinds de prijsverhoging.", "nl"), is_circumstance("I'm not very techy.", "en")
(False, True)
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ._drop import drop_tags

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["asks_about_person", "only_greets", "is_circumstance", "circumstance_pains", "SOFT"]

#: pain point kinds that a description of oneself sets off (a problem cue keeps the sentence a complaint)
SOFT = frozenset({"negation", "unmet", "evaluation", "excess"})
_WORD = re.compile(r"\w+(?:-\w+)*|'\w+")
_LEADING = {"nl": frozenset({"dus", "ja", "nou", "en", "eh", "ehm", "mijn", "m", "'n", "ons", "onze", "gewoon", "tja"}),
            "en": frozenset({"so", "yeah", "well", "and", "um", "uh", "my", "our", "honestly", "just"})}
_MONEY_COPULA = {"nl": frozenset({"is", "zit", "blijft"}), "en": frozenset({"is", "'s", "stays", "remains", "are"})}
#: a purpose after a lack of means says what it keeps the speaker from, often the experience
#: ('geen tijd om achter mijn geld aan te zitten'): no plain circumstance
_PURPOSE = {"nl": frozenset({"om"}), "en": frozenset({"to"})}
#: cue kinds that in a reply to a greeting are about fitting the interview in ("overdag lukt het niet",
#: "mornings don't work"); with a touchpoint named ("the app doesn't work") the sentence stays a complaint
_LOGISTICS = frozenset({"blocked", "broken"})
_CHANGE = {"nl": frozenset({"weer", "meer", "opnieuw"}), "en": frozenset({"again", "anymore", "longer"})}


@lru_cache(maxsize=4)
def _table(lang: str) -> dict:
    data = tomllib.loads((resources.files("workbench") / "data" / "circumstance.toml").read_text(encoding="utf-8"))
    table = dict(data.get(lang, {}))
    asks, greets = table.pop("intro", []), table.pop("greeting", [])
    out = {key: frozenset(words) for key, words in table.items()}
    out["intro"] = re.compile("|".join(f"(?:{a})" for a in asks), re.IGNORECASE) if asks else None
    out["greeting"] = re.compile("|".join(f"(?:{a})" for a in greets), re.IGNORECASE) if greets else None
    return out


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def asks_about_person(question: str | None, lang: str) -> bool:
    """Whether a question (the last line of a tagging context) asks who the participant is.

    >>> asks_about_person("Haha, oké. Vertel eerst even kort iets over jezelf.", "nl")
    True
    >>> asks_about_person("Could you tell me a bit about yourself?", "en"), asks_about_person("How did you pay?", "en")
    (True, False)
    """
    if lang not in ("nl", "en") or not isinstance(question, str) or not question.strip():
        return False
    pattern = _table(lang)["intro"]
    return bool(pattern and pattern.search(question.strip().splitlines()[-1]))


def only_greets(context: str | None, lang: str) -> bool:
    """Whether an interviewer's turn (the tagging context's last line) only greets or thanks — it
    asks nothing — so that the reply is warm-up logistics ("Ja, overdag lukt het echt niet").

    >>> only_greets("Goedenavond Joost, fijn dat het 's avonds kon.", "nl")
    True
    >>> only_greets("Hi Sam, thanks for joining. How did the ordering go?", "en"), only_greets("Top.", "nl")
    (False, False)
    """
    if lang not in ("nl", "en") or not isinstance(context, str) or not context.strip():
        return False
    last = context.strip().splitlines()[-1]
    pattern = _table(lang)["greeting"]
    return "?" not in last and bool(pattern and pattern.search(last))


def _near(words: list[str], kind: frozenset[str], lo: int, hi: int) -> bool:
    return any(w in kind for w in words[max(lo, 0):max(hi, 0)])


def _clause_start(words: list[str], j: int, lang: str) -> bool:
    """Whether only leading words ('dus ja', 'so', 'my') stand before position ``j``."""
    return all(w in _LEADING[lang] for w in words[:j])


def is_circumstance(sentence: str, lang: str, intro: bool = False) -> bool:
    """Whether a sentence's subject is the speaker and its predicate their means, state or habit
    (see the module doc; the pain kinds and touchpoints are checked by the caller)."""
    if lang not in ("nl", "en"):
        return False
    table = _table(lang)
    clauses = [_words(part) for part in re.split(r"[,;:–—]| - ", sentence)]
    words = [w for clause in clauses for w in clause]
    if not words or any(w in table["service"] for w in words):
        return False
    speaker, copula, have = table["speaker"], table["copula"], table["have"]
    for w in clauses:
        for j, word in enumerate(w):
            if word in table["money"] and _clause_start(w, j, lang) and _near(w, _MONEY_COPULA[lang], j + 1, j + 3):
                return True
            if word in table["states"] and _near(w, speaker, j - 4, j) and _near(w, copula, j - 4, j + 3):
                return True
            if word in table["means"] and (j == 0 or w[j - 1] not in table["determiners"]) \
                    and _near(w, speaker, j - 5, j + 1) and _near(w, have, j - 5, j + 2) \
                    and not _near(w, _PURPOSE[lang], j + 1, len(w)):
                return True
            if word in table["habit_verbs"] and _near(w, speaker, j - 3, j + 2) \
                    and _near(w, table["habit_words"], j - 3, len(w)) and not _near(w, _CHANGE[lang], 0, len(w)):
                return True
    if intro:  # an answer about who they are: a first-person or money subject is enough
        return any(w in speaker for w in words) \
            or any(word in table["money"] and _clause_start(w, j, lang) for w in clauses for j, word in enumerate(w))
    return False


def circumstance_pains(doc_tags: pd.DataFrame, tags: pd.DataFrame, ids: list[str], texts: list[str],
                       contexts: list, roles: list, lang_of: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop the pain points of the sentences that describe the speaker's circumstances (see the module doc).

    ``contexts``, ``roles`` and ``lang_of`` are per text, as :func:`~workbench.nlp.tagger.tag_texts`
    has them; the frames are its DOC_TAGS (plus ``text``) and TAGS frames, in input order."""
    if not len(tags):
        return doc_tags, tags
    label = tags["label"].astype(str).to_numpy()
    pain = label == "pain_point"
    if not pain.any():
        return doc_tags, tags
    position = {d: k for k, d in enumerate(ids)}
    cols = [tags[c].tolist() for c in ("doc_id", "sent_start", "sent_end", "value", "text")]
    by_sentence: dict[tuple, list[int]] = {}
    hard: set[tuple] = set()  # sentences with a problem cue or a touchpoint
    firm: set[tuple] = set()  # ... a problem cue other than 'it does not work out' ('lukt niet'), or a touchpoint
    for row, (d, a, b, value, text) in enumerate(zip(*cols, strict=True)):
        key = (d, a, b)
        if pain[row]:
            by_sentence.setdefault(key, []).append(row)
            # (a problem word that is also a state of the speaker's, 'broke' of "we're broke", is judged as one)
            if str(value) not in SOFT and str(text).lower() not in _table(lang_of[position.get(d, 0)])["states"]:
                hard.add(key)
                if str(value) not in _LOGISTICS:
                    firm.add(key)
        elif label[row] == "touchpoint":
            hard.add(key)
            firm.add(key)
    drop = np.zeros(len(tags), dtype=bool)
    intro: dict[int, bool] = {}
    greeted: dict[int, bool] = {}
    for key, rows in by_sentence.items():
        if key in firm:
            continue
        i = position.get(key[0])
        if i is None or roles[i] == "interviewer" or lang_of[i] not in ("nl", "en"):
            continue
        if i not in intro:
            intro[i] = asks_about_person(contexts[i], lang_of[i])
            greeted[i] = only_greets(contexts[i], lang_of[i])
        sentence = texts[i][key[1]:key[2]]
        if (key not in hard and is_circumstance(sentence, lang_of[i], intro[i])) or (
                greeted[i] and not any(w in _table(lang_of[i])["service"] for w in _words(sentence))):
            drop[rows] = True
    if not drop.any():
        return doc_tags, tags
    return drop_tags(doc_tags, tags, drop, "pain_point")
