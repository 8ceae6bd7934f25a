"""A small, fast, dependency-free language guess for Dutch and English texts.

The guess counts function words (articles, pronouns, auxiliaries) that are frequent in one
language and rare in the other; words shared by both (``in``, ``is``, ``was``, ``we``) are left
out. When the counts tie (short answers such as "Prima!"), spelling hints (``ij``, ``sch``
against ``th``, ``wh``) decide, and then ``default``.

>>> detect_language("Ik vond het bestellen niet zo makkelijk.")
'nl'
>>> detect_language("The delivery was late and nobody told me.")
'en'
"""

from __future__ import annotations

import re

__all__ = ["detect_language", "language_scores", "LANGS"]

LANGS = ("nl", "en")

_NL = frozenset(
    """de het een en ik je jij niet dat die van met op voor zijn maar heb hebben heeft er wel ook
    nog naar bij om dan kan als uit zo te wat hij ze wij mijn omdat toen werd had hadden geen
    moet moest kon kunnen zou zouden wil wilde ben bent waren worden wordt veel heel erg echt
    dus nou toch even maar mij me mee aan ook al welke waar waarom hoe wanneer deze dit daar
    hier alleen altijd nooit iets niets niks bijvoorbeeld eigenlijk gewoon misschien graag
    jullie hun haar zij onze ons uw u nee ja jawel zeker""".split()
)
_EN = frozenset(
    """the a an and i you not that of with on for but have has it to my they very really this
    be so just it's because when were been would could should will can't don't didn't there
    their them what which who how why where our your he she his her its than then also only
    did does do about from into out after before some any all no yes too much many more
    got get like i'm i've we're they're wasn't isn't""".split()
)
_WORD = re.compile(r"[a-zà-ÿ']+")
_NL_HINT = re.compile(r"ij|sch|aa|uu|oo[^kmrt]")
_EN_HINT = re.compile(r"th|wh|ght|tion|ck")


def language_scores(text: str) -> dict[str, int]:
    """Count the Dutch and English function words in ``text``.

    Returns
    -------
    dict
        ``{"nl": n_dutch_words, "en": n_english_words}``.
    """
    words = _WORD.findall(str(text).lower())
    return {
        "nl": sum(1 for w in words if w in _NL),
        "en": sum(1 for w in words if w in _EN),
    }


def detect_language(text: str | None, default: str = "nl") -> str:
    """Return ``'nl'`` or ``'en'`` for a text, or ``default`` when nothing decides.

    Parameters
    ----------
    text : str or None
        The text; ``None``/empty gives ``default``.
    default : {'nl', 'en'}
        The answer for empty or undecidable texts.
    """
    if not isinstance(text, str) or not text.strip():
        return default
    scores = language_scores(text)
    if scores["nl"] != scores["en"]:
        return "nl" if scores["nl"] > scores["en"] else "en"
    low = text.lower()
    nl_hint = len(_NL_HINT.findall(low))
    en_hint = len(_EN_HINT.findall(low))
    if nl_hint != en_hint:
        return "nl" if nl_hint > en_hint else "en"
    return default
