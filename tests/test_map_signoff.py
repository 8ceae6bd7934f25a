"""A journey map a researcher would sign (issue 14), checked on both demo studies.

For everyone's map, every item of the lanes actions, needs, pain points and opportunities must
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

import re
from pathlib import Path

import pandas as pd
import pytest

from workbench import load_study
from workbench.journey import EVERYONE, build_journey_map
from workbench.journey.lanes import theme_hits
from workbench.nlp import tag_documents

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
                     "please", "hope", "prefer", "should"}}
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


def wish_worded(label: str, lang: str) -> bool:
    """A label opening with a wish and denying nothing: a need's wording ("wants quote")."""
    ws = words(label)
    return bool(ws) and ws[0] in WISH_OPENERS[lang] and not set(ws) & NEGATORS[lang]


#: verbs a request opens with ('fix the import', 'zet het op de site')
REQUESTS = {"nl": {"zet", "maak", "geef", "voeg", "stuur", "regel", "graag", "doe", "bel"},
            "en": {"fix", "add", "make", "give", "send", "please", "let", "keep", "improve"}}


def need_worded(label: str, lang: str) -> bool:
    """A label that says what is wanted: a wish, lack or request word, a request, or a question."""
    ws = words(label)
    return bool(set(ws) & NEED_WORDS[lang]) or label.rstrip().endswith("?") or (bool(ws) and ws[0] in REQUESTS[lang])


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
    return mine and bool(near & NEUTRAL_WHEN_NEGATED[lang]) and len(ws) <= 14


def time_object(label: str, lang: str) -> bool:
    """An action whose last word is a time expression ("scheduling late evening")."""
    ws = words(label)
    return bool(ws) and ws[-1] in TIME_WORDS[lang]


# --- the checks on their own ----------------------------------------------------------------------


def test_checks_catch_what_they_name():
    assert dangling_contraction("website n't clear") and not dangling_contraction("website wasn't clear")
    assert broken_hyphen("wrong e", ["It went to the wrong e-mail address."])
    assert broken_hyphen("wants -mail support", [])
    assert not broken_hyphen("wrong e-mail address", ["It went to the wrong e-mail address."])
    assert lone_modal("kunt controleren", "nl") and not lone_modal("kon betalen met Klarna", "nl")
    assert not lone_modal("wil reparatieservice", "nl") and lone_modal("could stop", "en")
    assert wish_worded("wants quote", "en") and not wish_worded("wilde geen account aanmaken", "nl")
    assert small_talk("Top, dank je.", "nl") and small_talk("Thanks for having me!", "en")
    assert not small_talk("Dank je, de levering was te laat.", "nl")
    assert negated_neutral("Nee, niet echt.", "nl") and negated_neutral("I didn't compare other tools.", "en")
    assert negated_neutral("Via een advertentie, ik weet niet meer waar.", "nl")
    assert not negated_neutral("De kortingscode werkte niet.", "nl")
    assert not negated_neutral("The parcel didn't arrive.", "en")
    assert time_object("scheduling late evening", "en") and not time_object("belde de klantenservice", "nl")


# --- the demo maps --------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=sorted(DEMOS))
def demo(request):
    lang = request.param
    study = load_study(DEMOS[lang])
    docs = study.documents()
    doc_tags, tags = tag_documents(docs, study.language, study.phase_model, questions=study.questions)
    jm = build_journey_map(study, doc_tags, tags)
    return lang, study, jm


def _items(jm) -> pd.DataFrame:
    c = jm.cells
    return c[(c["persona"] == EVERYONE) & c["lane"].isin(LANES)].reset_index(drop=True)


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
        if all(small_talk(s, lang) or negated_neutral(s, lang) for s in evidence):
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
