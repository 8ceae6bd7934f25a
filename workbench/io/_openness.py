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
* **the question** — asking for an opinion or a reason ("Wat vind je het fijnst …?", "Waarom …",
  "What would you improve …?", "Opmerkingen", "Anything else?") or for a pick ("Welke …",
  "Hoe vaak …", "Which …", "How often …", "select all that apply");
* **few answers** — two to four distinct answers are the mark of a closed question.

:func:`open_score` adds these up; a column is open text when the score reaches
:data:`THRESHOLD`, and the decision is *close* (reported to the researcher, with how to override
it in ``study.toml``) when the score lies within :data:`MARGIN` of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

__all__ = ["Openness", "open_score", "THRESHOLD", "MARGIN"]

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
_OPEN_Q = re.compile(
    r"(?i)\b(?:waarom|why|warum|pourquoi|por\s+qu[eé]|toelichting|licht\b.*\btoe|explain|uitleg|opmerking(?:en)?|"
    r"comments?|remarks?|feedback|suggesties?|suggestions?|anything\s+else|nog\s+iets|iets\s+(?:anders\s+)?kwijt|"
    r"beschrijf|describe|vertel|tell\s+us|eigen\s+woorden|own\s+words|mening|opinion|indruk|impression|"
    r"wat\s+(?:vind|vond|zou|zouden|kunnen|kan|mis|miste|moet|moeten|wil|maakt|maakte|is\s+(?:het|de)\s+(?:beste|fijnste|leukste|"
    r"ergste|grootste|belangrijkste)|spreekt)|"
    r"what\s+(?:do|did|would|could|should|can|made|makes|is\s+the\s+(?:best|worst|one|biggest|main|most)|was\s+the)|"
    r"verbeter\w*|improve\w*|fijnst\w*|leukst\w*|best\s+thing|like\s+(?:most|best|least)|dislike|"
    r"waarover|waaraan|hoe\s+kunnen\s+we|how\s+can\s+we|how\s+could\s+we)"
)
_CLOSED_Q = re.compile(
    r"(?i)^\s*(?:\d+[.)]\s*)?(?:welke?|which|wat\s+voor|welk\s+soort|what\s+(?:kind|type|sort)\s+of|hoe\s+(?:vaak|lang|oud|veel)|how\s+(?:often|long|old|many|much)|hoeveel|"
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
    question: float  # +1 asks for an opinion or reason (+0.5 any 'what …?'), -1 for a pick, 0 neither

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
        if self.question:
            kind = ("an opinion or a reason", "een mening of een reden") if self.question >= 1 else \
                ("what", "iets") if self.question > 0 else ("a pick", "een keuze")
            parts.append(("de vraag vraagt om " + kind[1]) if nl else ("the question asks for " + kind[0]))
        return "; ".join(parts)


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
    """+1 when the question asks for an opinion or a reason, +0.5 for any other "Wat …?" / "What …?"
    question, -1 for a pick, 0 neither or both."""
    text = text or ""
    opened, closed = bool(_OPEN_Q.search(text)), bool(_CLOSED_Q.search(text))
    if closed:
        return -1.0 + opened
    return 1.0 if opened else 0.5 if _WHAT_Q.search(text) else 0.0


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
    cue = question_cue(question)
    score = (2.5 * sentences / n + 1.5 * stops / n + min(1.5, max(-1.0, (mean_words - 3.0) / 2.0))
             + 2.0 * singletons / n + 1.0 * cue - (1.5 if n <= 4 else 0.0))
    return Openness(round(score, 2), sentences, stops, n, rows, mean_words, singletons, cue)
