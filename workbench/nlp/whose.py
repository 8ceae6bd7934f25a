"""Pain-point cues whose problem is nobody's with the studied service, read from the words around them.

Three more kinds beside :mod:`workbench.nlp.asides`, each asked by
:func:`workbench.nlp.negated.not_a_pain` (the journey map only):

* :func:`another_way` — the cue negates a way of getting in touch and the next clause says the
  service got in touch another way ("ze hebben niet gebeld, maar wel binnen twee dagen
  teruggemaild", "they didn't call, but they did e-mail back the same day"): how the service
  answered, not a problem. A second clause with a negation ("… maar ook niet gemaild") keeps it.
* :func:`someone_elses_problem` — the cue's clause says a problem for another party, and the
  sentence sets the speaker's own side against it ("I know it had problems for head office, …,
  but for my team it was easy", "voor de monteurs was het lastig, maar voor ons ging het prima"):
  another party's problem, told to say it was none for the speaker.
* :func:`own_pace` — the cue says the speaker's own project goes slowly ("we zijn al twee jaar
  bezig om het huis in te richten, heel langzaam", "we're taking our time with the garden,
  slowly"): the pace they chose, not a delay of the service.

* :func:`chosen_for` — the cue sits in the purpose of the speaker's own choice ("I chose the
  monthly plan so I could stop any time", "ik koos de huur zodat ik kon opzeggen wanneer ik
  wilde"): what the choice allows, not a problem.

All of them read words, not the parse tree (the parser of a blank pipeline misreads such clauses).
"""

from __future__ import annotations

__all__ = ["another_way", "someone_elses_problem", "own_pace", "chosen_for"]

#: ways of getting in touch (forms; a Dutch 'terug-' prefix is taken off first)
_CONTACT = {"nl": {"bellen", "bel", "belt", "belde", "belden", "gebeld", "mailen", "mail", "mailt", "mailde", "mailden",
                   "gemaild", "e-mailen", "ge-e-maild", "appen", "appte", "appten", "geappt", "sms'en", "gesmst",
                   "reageren", "reageerde", "reageerden", "gereageerd", "antwoorden", "antwoordde", "antwoordden",
                   "geantwoord", "schrijven", "schreef", "schreven", "geschreven", "terug"},
            "en": {"call", "called", "ring", "rang", "rung", "phone", "phoned", "e-mail", "e-mailed", "email",
                   "emailed", "mail", "mailed", "reply", "replied", "respond", "responded", "answer", "answered",
                   "text", "texted", "write", "wrote", "written", "message", "messaged", "back"}}
_NOT = {"nl": {"niet", "geen", "nooit", "niets", "niks"}, "en": {"not", "n't", "never", "no", "nothing"}}
#: what opens the clause of the other way ('maar wel', 'but they did')
_BUT = {"nl": {"maar"}, "en": {"but"}}
_AFFIRM = {"nl": {"wel"}, "en": {"did", "do", "does", "instead"}}
_FOR = {"nl": {"voor"}, "en": {"for"}}
_ALSO = {"nl": {"ook", "evenmin", "net"}, "en": {"also", "too", "either", "even", "same"}}
_MINE = {"nl": {"mij", "me", "ons", "mijn", "onze", "m'n", "mezelf", "mijzelf"},
         "en": {"me", "us", "my", "our", "myself", "ourselves"}}
_FIRST_SUBJECT = {"nl": {"ik", "we", "wij"}, "en": {"i", "we", "i'm", "we're"}}
#: the speaker's own project or chosen pace
_BUSY = {"nl": {"bezig"}, "en": {"busy"}}
_TAKE_TIME = {"nl": ({"nemen", "neem", "nam", "namen", "genomen"}, {"tijd"}),
              "en": ({"take", "taking", "took", "taken"}, {"time"})}
_SLOW = {"nl": {"langzaam", "traag", "rustig", "rustigjes", "stapje", "langzamerhand"},
         "en": {"slowly", "slow", "gradually", "bit"}}


def _cue_tokens(doc, span):
    return [t for t in doc if span[0] <= t.idx < span[1] and t.pos_ != "PUNCT"] if span else []


def _stretch(doc, lo: int, hi: int):
    """The tokens between the punctuation before ``lo`` and the punctuation at or after ``hi``."""
    start = next((t.i + 1 for t in reversed(doc[:lo]) if t.is_punct), 0)
    end = next((t.i for t in doc[hi:] if t.is_punct), len(doc))
    return doc[start:end]


def _contact(t, lang: str) -> bool:
    low = t.lower_
    if lang == "nl" and low.startswith("terug") and len(low) > 6:
        low = low[5:]
    return low in _CONTACT[lang] and low != "terug" and low != "back"


def another_way(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue negates a way of getting in touch and the next clause, opened by 'maar
    wel' / 'but … did', says another one without a negation (see the module doc)."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue or lang not in _CONTACT:
        return False
    own = _stretch(doc, cue[0].i, cue[-1].i)
    if not any(t.lower_ in _NOT[lang] for t in own) or not any(_contact(t, lang) for t in own):
        return False
    end = own.end
    if end >= len(doc) or doc[end].text not in (",", ";"):
        return False
    nxt = _stretch(doc, end + 1, end + 1)
    low = [t.lower_ for t in nxt]
    if not low or low[0] not in _BUT[lang] or not any(w in _AFFIRM[lang] for w in low[:4]):
        return False
    return any(_contact(t, lang) for t in nxt) and not any(w in _NOT[lang] for w in low)


def someone_elses_problem(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue's clause says the problem was for another party ('for head office') and a
    later clause of the sentence, opened by 'but'/'maar', says how it was for the speaker ('but
    for my team it was easy')."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue or lang not in _FOR:
        return False
    own = _stretch(doc, cue[0].i, cue[-1].i)
    other = [t for t in own if t.lower_ in _FOR[lang] and t.i + 1 < len(doc) and doc[t.i + 1].lower_ not in _MINE[lang]
             and not doc[t.i + 1].is_punct]
    if not other:
        return False
    for t in doc[own.end:]:
        if t.lower_ in _BUT[lang]:
            near = doc[t.i + 1:t.i + 4]
            if any(a.lower_ in _FOR[lang] and a.i + 1 < len(doc) and doc[a.i + 1].lower_ in _MINE[lang] for a in near):
                rest = {w.lower_ for w in _stretch(doc, t.i + 1, t.i + 1)}
                return not rest & (_NOT[lang] | _ALSO[lang])  # 'maar voor ons ook', 'but for us not either'
    return False


def own_pace(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue is a word of slowness said of the speaker's own project: before it in the
    sentence a first-person subject is busy with something or takes their time (see the module doc)."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue or lang not in _SLOW or not any(t.lower_ in _SLOW[lang] for t in cue):
        return False
    before = doc[:cue[0].i]
    if not any(t.lower_ in _FIRST_SUBJECT[lang] for t in before):
        return False
    take, time = _TAKE_TIME[lang]
    low = {t.lower_ for t in before}
    return bool(low & _BUSY[lang]) or (bool(low & take) and bool(low & time))


_CHOSE = {"nl": {"koos", "kozen", "gekozen", "nam", "namen", "genomen"},
          "en": {"chose", "chosen", "picked", "took", "opted", "went"}}
_SO_THAT = {"nl": {"zodat"}, "en": {"so"}}
_ABLE = {"nl": {"kon", "konden", "kan", "kunnen"}, "en": {"could", "can", "would"}}


def chosen_for(doc, lang: str | None = None, span: tuple[int, int] | None = None) -> bool:
    """Whether the cue sits in a purpose clause ('so I could …', 'zodat ik … kon') after the
    speaker's own choice ('I chose', 'ik koos') in the same sentence."""
    lang = lang or doc.lang_
    cue = _cue_tokens(doc, span)
    if not cue or lang not in _CHOSE:
        return False
    so = next((t for t in reversed(doc[:cue[0].i]) if t.lower_ in _SO_THAT[lang]), None)
    if so is None or any(t.is_punct for t in doc[so.i:cue[0].i]):
        return False
    purpose = doc[so.i + 1:cue[0].i]
    before = doc[:so.i]
    return any(t.lower_ in _ABLE[lang] for t in purpose) and any(t.lower_ in _FIRST_SUBJECT[lang] for t in before) \
        and any(t.lower_ in _CHOSE[lang] for t in before) and not any(t.lower_ in _NOT[lang] for t in doc[so.i:cue[-1].i + 1])

