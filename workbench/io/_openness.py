"""Is a text column a choice question or open text? The evidence, weighed in one score.

A Google Forms or plain CSV export does not say which columns were free-text boxes, and a free
text answered by many respondents repeats ("De sfeer.", "Dicht bij huis." eight times each): a
handful of distinct values, like a choice question. What tells them apart is how the answers
are written and what the question asks:

* **sentences** — an answer that ends like a sentence (``.``, ``!``, ``?``) and holds a clause
  (a verb, a pronoun, a negation: "Muziek is goed.", "The app keeps crashing!"), or is long;
* **full stops** — most answers ending in sentence punctuation (choice labels do not: "Fitness",
  "Korter dan 6 maanden", "Once a week");
* **length** — many words per answer;
* **a long tail** — many answers given by one respondent only;
* **mostly distinct** — many distinct answers beside the number of rows (a choice question has a
  short list of options, however many answered);
* **typed** — answers spelled like another but for capitals and punctuation ("nee" and "Nee",
  "nvt" and "n.v.t."), or starting in lower case beside capitalised ones: options of a choice
  question are written once, in one style;
* **the question** — asking for an opinion or a reason ("Wat vind je het fijnst …?", "Waarom …",
  "What would you improve …?"), a description ("Hoe was je laatste contact …?", "How did the
  move go?", "Describe …"), comments ("Opmerkingen", "Anything else?") or for a pick ("Welke …",
  "Hoe vaak …", "Which …", "How often …", "What best describes …", "select all that apply");
* **few answers** — two to four distinct answers are the mark of a closed question.

:func:`open_score` adds these up; a column is open text when the score reaches
:data:`THRESHOLD`, and the decision is *close* (reported to the researcher, with how to override
it in ``study.toml``) when the score lies within :data:`MARGIN` of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

__all__ = ["Openness", "open_score", "question_asks", "THRESHOLD", "MARGIN"]

THRESHOLD = 1.5
MARGIN = 1.25

_END = re.compile(r"[.!?…]+[\"')\]]*$")
_ABBREV_END = re.compile(r"(?i)(?:\b\w\.){2,}$|\b(?:etc|enz|bijv|bv|vs|nvt|ca|incl|excl|o\.a|e\.d|mr|mrs|dr|st)\.$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
#: Words that make a clause (finite verbs, pronouns, negations, conjunctions), per language.
#: Choice labels rarely hold them; sentences nearly always do.
_CLAUSE = frozenset("""
is zijn was waren ben bent heb hebt heeft hebben had wordt worden werd kan kun kunt kunnen moet moeten zou
zouden wil wilt willen vind vindt vond mag mogen ik jij we wij ze zij hij mij mijn ons onze jullie niet geen
nooit maar omdat want dus erg heel echt altijd
are were am be been has have had can could should would will won't can't i i'm i've it's it they we you my
our your not don't didn't doesn't isn't wasn't never but because so very really always
ist sind war waren bin hat habe haben kann können muss ich wir sie er nicht kein keine aber weil sehr immer
est sont était suis ai avons peut je nous ils elle ne pas mais parce très toujours
es son era estoy está están tengo hay puede yo nosotros ellos pero porque muy siempre
""".split())
# What an open question asks for, by group: the note to the researcher names the group and the words.
_OPINION_Q = re.compile(
    r"(?i)\b(?:waarom|why|warum|pourquoi|por\s+qu[eé]|toelichting|licht\b.*\btoe|explain|uitleg|"
    r"mening|opinion|indruk|impression|"
    r"wat\s+(?:vind|vond|zou|zouden|kunnen|kan|mis|miste|moet|moeten|wil|maakt|maakte|is\s+(?:het|de)\s+(?:beste|fijnste|leukste|"
    r"ergste|grootste|belangrijkste)|spreekt)|"
    r"what\s+(?:do|did|would|could|should|can|made|makes|is\s+the\s+(?:best|worst|one|biggest|main|most)|was\s+the)|"
    r"hoe\s+(?:vind|vond|beoordeel|beoordeelde)\s+(?:je|jij|u)\b|"
    r"verbeter\w*|improve\w*|fijnst\w*|leukst\w*|best\s+thing|like\s+(?:most|best|least)|dislike|"
    r"waarover|waaraan|hoe\s+kunnen\s+we|how\s+can\s+we|how\s+could\s+we)"
)
# a description of what happened or how it went ("Hoe was je laatste contact …?", "How did the move go?");
# "describe" and "beschrijf" as a request, not "What best describes you?" (a pick)
_DESCRIBE_Q = re.compile(
    r"(?i)\b(?:beschrijf\b|omschrijf\b|describe\b|vertel|tell\s+us|eigen\s+woorden|own\s+words|"
    r"hoe\s+(?:was|waren|ging|gingen|verliep|verliepen|ervaar\w*|ervoer\w*|beleef\w*|beleefde\w*)\b|"
    r"how\s+(?:was|were)\b|how\s+did\s+(?:\w+\s+){1,5}?go\b|how\s+would\s+you\s+describe|"
    r"what\s+happened|wat\s+(?:gebeurde|is\s+er\s+gebeurd))"
)
_COMMENT_Q = re.compile(
    r"(?i)\b(?:opmerking(?:en)?|comments?|remarks?|feedback|suggesties?|suggestions?|anything\s+else|nog\s+iets|"
    r"iets\s+(?:anders\s+)?kwijt)"
)
_OPEN_Q = (("opinion", _OPINION_Q), ("description", _DESCRIBE_Q), ("comments", _COMMENT_Q))
_CLOSED_Q = re.compile(
    r"(?i)^\s*(?:\d+[.)]\s*)?(?:welke?|which|wat\s+voor|welk\s+soort|what\s+(?:kind|type|sort)\s+of|"
    r"what\s+(?:best\s+)?describes|wat\s+(?:past|beschrijft|omschrijft)\b.*\bbest|hoe\s+(?:vaak|lang|oud|veel)|how\s+(?:often|long|old|many|much)|hoeveel|"
    r"wanneer|when|waar\s+woon|where\s+do\s+you\s+live|geslacht|gender|leeftijd|age\b|provincie|land|country|"
    r"opleiding|education|kies|choose|select)|"
    r"meerdere\s+antwoorden|select\s+all|check\s+all|all\s+that\s+apply|één\s+antwoord|one\s+answer|"
    r"wat\s+is\s+(?:je|uw)\s+(?:leeftijd|geslacht|opleiding|woonplaats|functie|rol)|what\s+is\s+your\s+(?:age|gender|role)|"
    # 'Wat is uw huishoudsituatie?', 'What is your job title?': a fact about the respondent, not an opinion
    r"^\s*(?:\d+[.)]\s*)?(?:wat\s+is\s+(?:je|jouw|uw)|what\s+is\s+your)\s+"
    r"(?!mening|indruk|ervaring|advies|tip|suggestie|reden|opinion|impression|experience|advice|reason|feedback)"
    r"[\w-]+(?:\s+[\w-]+)?\s*\?\s*$"
)

_WHAT_Q = re.compile(r"(?i)^\s*(?:\d+[.)]\s*)?(?:wat|what|was|que|qué|quoi)\b.*\?\s*$")


@dataclass(frozen=True)
class Openness:
    """The evidence that a column is open text, and its score (open when ``score >= THRESHOLD``)."""

    score: float
    sentences: int  # distinct answers read as sentences
    stops: int  # distinct answers (of two words or more) ending in sentence punctuation
    distinct: int
    rows: int
    words: float  # mean words per distinct answer
    singletons: int
    question: float  # +1 asks for an opinion, a description or comments (+0.5 any 'what …?'), -1 a pick, 0 neither
    typed: int = 0  # distinct answers with marks of typing (see _typed)
    asks: str = ""  # what the question asks for: 'opinion', 'description', 'comments', 'what', 'pick' or ''
    cue: str = ""  # the question's words that said so

    @property
    def is_open(self) -> bool:
        return self.score >= THRESHOLD

    @property
    def close(self) -> bool:
        return abs(self.score - THRESHOLD) < MARGIN

    def because(self, lang: str = "en") -> str:
        """The evidence in a few words, for the note to the researcher (``nl`` or ``en``)."""
        nl = lang == "nl"
        parts = [f"{self.distinct} {'verschillende antwoorden over' if nl else 'distinct answer(s) over'} "
                 f"{self.rows} {'rijen' if nl else 'row(s)'}",
                 f"{self.sentences} {'als zin gelezen' if nl else 'read as sentences'}",
                 f"{self.stops} {'eindigend op . ! of ?' if nl else 'ending in . ! or ?'}",
                 (f"gemiddeld {self.words:.1f} woorden".replace(".", ",") if nl
                  else f"{self.words:.1f} words on average")]
        if self.singletons:
            parts.append(f"{self.singletons} {'eenmaal gegeven' if nl else 'given once'}")
        if self.typed:
            typed = "getypt (hoofdletters of spelling wisselen)" if nl else "typed (capitals or spelling vary)"
            parts.append(f"{self.typed} {typed}")
        if self.question and self.asks:
            parts.append(_ASKS[self.asks][1 if nl else 0].format(cue=self.cue))
        return "; ".join(parts)


# what the question asked for, in the note (en, nl): the words that made the call
_ASKS = {
    "opinion": ("the question asks for an opinion or a reason ('{cue}')",
                "de vraag vraagt om een mening of een reden ('{cue}')"),
    "description": ("the question asks for a description ('{cue}')",
                    "de vraag vraagt om een beschrijving ('{cue}')"),
    "comments": ("the question asks for comments ('{cue}')", "de vraag vraagt om opmerkingen ('{cue}')"),
    "what": ("the question starts with '{cue}'", "de vraag begint met '{cue}'"),
    "pick": ("the question asks for a pick ('{cue}')", "de vraag vraagt om een keuze ('{cue}')"),
}


def _words(value: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(value)]


def _sentence_like(value: str, words: list[str]) -> tuple[bool, bool]:
    """(reads as a sentence, ends in sentence punctuation) of one distinct answer."""
    v = value.strip()
    stop = len(words) >= 2 and bool(_END.search(v)) and not _ABBREV_END.search(v.rstrip("\"')]"))
    clause = len(words) >= 3 and any(w in _CLAUSE for w in words)
    shouted = "!" in v or "?" in v
    signals = stop + clause + (len(words) >= 6) + (shouted and len(words) >= 2)
    return signals >= 2 or len(words) >= 9, stop


def question_cue(text: str) -> float:
    """+1 when the question asks for an opinion, a reason, a description or comments, +0.5 for any
    other "Wat …?" / "What …?" question, -1 for a pick, 0 neither or both."""
    return question_asks(text)[0]


def question_asks(text: str) -> tuple[float, str, str]:
    """(:func:`question_cue`, what the question asks for, the words that said so).

    >>> question_asks("Hoe was je laatste contact met de klantenservice?")
    (1.0, 'description', 'Hoe was')
    >>> question_asks("What best describes your work?")
    (-1.0, 'pick', 'What best describes')
    """
    text = text or ""
    opened = next(((kind, m) for kind, rx in _OPEN_Q if (m := rx.search(text)) is not None), None)
    closed = _CLOSED_Q.search(text)
    if closed is not None:
        return (0.0, "", "") if opened else (-1.0, "pick", _cue(closed.group()))
    if opened is not None:
        return 1.0, opened[0], _cue(opened[1].group())
    what = _WHAT_Q.search(text)
    return (0.5, "what", _cue(what.group()).split()[0]) if what else (0.0, "", "")


def _cue(words: str) -> str:
    words = " ".join(re.sub(r"^\s*\d+[.)]\s*", "", words).split()).rstrip(" ?")
    return words if len(words) <= 40 else words[:39] + "…"


def _typed(values: list[str]) -> int:
    """How many distinct answers bear marks of being typed by respondents, not picked from a list:
    spelled like another answer but for capitals and punctuation ("nee" and "Nee", "nvt" and
    "n.v.t."), or starting in lower case where other answers start with a capital (or the other way
    round). The options of a choice question are written once, by the researcher, in one style."""
    norm: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        norm.setdefault(re.sub(r"[\W_]+", "", v.casefold()), []).append(i)
    marked = {i for group in norm.values() if len(group) > 1 for i in group}
    first = [(_WORD.match(v.strip()) or None) for v in values]
    lower = {i for i, m in enumerate(first) if m is not None and m.group().islower()}
    upper = {i for i, m in enumerate(first) if m is not None and m.group()[0].isupper()}
    if lower and upper:
        marked |= lower if len(lower) <= len(upper) else upper
    return len(marked)


def open_score(counts: pd.Series, question: str) -> Openness:
    """Weigh the evidence that a column is open text (see the module docstring).

    Parameters
    ----------
    counts : Series
        The column's distinct non-empty answers (index) and how often each was given.
    question : str
        The question text.

    Examples
    --------
    >>> import pandas as pd
    >>> open_score(pd.Series({"De sfeer.": 9, "Muziek is goed.": 8, "Dicht bij huis.": 7}),
    ...            "Wat vind je het fijnst aan ons?").is_open
    True
    >>> open_score(pd.Series({"Fitness": 30, "Sauna": 12, "Groepslessen": 20}), "Welke faciliteiten gebruik je?").is_open
    False
    """
    values = [str(u) for u in counts.index]
    n, rows = len(values), int(counts.sum())
    if not n:
        return Openness(0.0, 0, 0, 0, 0, 0.0, 0, 0)
    sentences = stops = 0
    total_words = 0
    for v in values:
        words = _words(v)
        total_words += len(words)
        sent, stop = _sentence_like(v, words)
        sentences += sent
        stops += stop
    mean_words = total_words / n
    singletons = int((counts == 1).sum()) if rows >= 20 else 0
    cue, asks, said = question_asks(question)
    typed = _typed(values)
    # mostly distinct: a choice question's options are few beside its rows (counted from 20 rows on)
    spread = max(0.0, n / rows - 0.2) if rows >= 20 else 0.0
    score = (2.5 * sentences / n + 1.5 * stops / n + min(1.5, max(-1.0, (mean_words - 3.0) / 2.0))
             + 2.0 * singletons / n + 2.0 * typed / n + 1.5 * spread + 1.0 * cue - (1.5 if n <= 4 else 0.0))
    return Openness(round(score, 2), sentences, stops, n, rows, mean_words, singletons, cue, typed, asks, said)
