"""Labels of the map a researcher signs, and the evidence without one (labels4 round), on
sentences of our own.

* a label template ("could not use {x}", "waiting for {x}", "cost of {x}", "problems with {x}",
  "klachten over {x}") says what no member of its theme says: on the map it is never an item's
  label; its members speak in their own words, or are quoted, or counted in the note;
* an interviewee's pain or need told once, without a signable label, is quoted in its cell (the
  richest evidence there is) when its cue is clear; a survey snippet said once is not;
* two wishes in one answer glued by "+" or ";" are two items.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.journey.lanes import TOLD_SCORE, _split_lists, _told, theme_hits
from workbench.nlp.signable import label_problem, signable_themes
from workbench.nlp.syntax import parse

PAIN = "pain_point"


@pytest.mark.parametrize("lang,template,sentences", [
    ("en", "could not use phone", ["I had to phone them to stop it, in this day and age.",
                                   "You have to phone to stop the plan, silly.",
                                   "Had to phone them twice to end it."]),
    ("en", "cost of price", ["The price went up and no one warned us.", "Price rose again in May without a word.",
                             "They raised the price twice this year."]),
    ("en", "problems with recipe", ["One recipe lacked the beef.", "A recipe came without its sauce.",
                                    "The recipe had no garlic in the bag."]),
    ("nl", "klachten over monteur", ["De monteur kwam niet opdagen.", "Monteur belde af op de dag zelf.",
                                     "De monteur vergat de kabel mee te nemen.", "Monteur stond te vroeg voor de deur."]),
    ("nl", "wachten op snelheid", ["Snelheid omhoog graag, het duurt eeuwen.", "De snelheid zakt elke avond in.",
                                   "Snelheid valt 's avonds weg."]),
])
def test_a_template_is_no_map_label(lang, template, sentences):
    docs = parse(sentences, lang)
    n = len(sentences)
    _, labels, _ = signable_themes([0] * n, [template], [template.split()[-1]], [None] * n, docs, [PAIN] * n,
                                   lang, split=True)
    assert template not in labels


def test_a_template_still_heads_a_themes_table():
    # the themes table (not the map) is headed by topics: its template labels stay as they were
    sentences = ["De monteur kwam niet opdagen.", "Monteur belde af op de dag zelf.",
                 "De monteur vergat de kabel mee te nemen.", "Monteur stond te vroeg voor de deur."]
    _, labels, _ = signable_themes([0] * 4, ["klachten over monteur"], ["monteur"], [None] * 4,
                                   parse(sentences, "nl"), [PAIN] * 4, "nl", split=False)
    assert labels == ["klachten over monteur"]


def _sent(rows):
    """Tag rows as theme_hits reads them, of sentences that are whole documents."""
    texts = pd.Series({d: s for d, s, *_ in rows})
    sent = pd.DataFrame([{"doc_id": d, "sent_start": 0, "sent_end": len(s), "start_char": s.find(cue), "cue": cue,
                          "value": cls, "label": label, "phase": "delivery", "score": score}
                         for d, s, cue, cls, label, score in rows])
    return sent, texts


@pytest.mark.parametrize("lang,doc,sentence,cue", [
    ("en", "P03#004", "Twice it turned up a day late and once it simply never turned up.", "never turned up"),
    ("nl", "P02#006", "Twee keer kwam de doos een dag te laat, en de app zei dan gewoon bezorgd.", "te laat"),
])
def test_an_interview_story_told_once_is_on_the_map(lang, doc, sentence, cue):
    sent, texts = _sent([(doc, sentence, cue, "delay", PAIN, 0.9)])
    kept, table = theme_hits(sent, texts, lang, 0, interviews=frozenset({doc}))
    assert len(kept) == 1  # a theme of its own words, or its own words in quotation marks
    item = table[table["theme"] == kept["theme"].iat[0]]
    assert item["kind"].iat[0] in ("theme", "quote")
    # the same sentence as one survey answer, said once, with no signable label: not an item
    sent, texts = _sent([("R_x@Q9", sentence, cue, "delay", PAIN, 0.9)])
    kept2, table2 = theme_hits(sent, texts, lang, 0, interviews=frozenset())
    assert item["kind"].iat[0] == "theme" or kept2.empty


def test_a_told_story_needs_an_interview_and_a_clear_cue():
    said = "The box sat in the rain on the step all afternoon."
    rows = pd.DataFrame({"doc_id": ["P01#003", "P01#005", "P01#007", "P01#009"],
                         "score": [0.9, TOLD_SCORE - 0.2, 0.9, 0.9],
                         "value": ["broken", "broken", "evaluation", "broken"],
                         "sentence": [said, said, said, "That was the problem."]})
    ids = frozenset(rows["doc_id"])
    assert _told(rows.iloc[:1], ids)
    assert not _told(rows.iloc[1:2], ids)  # a guess of the model
    assert not _told(rows.iloc[2:3], ids)  # an evaluation word ('a true crime podcast'), no concrete complaint
    assert not _told(rows.iloc[3:], ids)  # says no more than that something was wrong
    assert not _told(rows.iloc[:1], frozenset())  # a survey answer


@pytest.mark.parametrize("lang,sentence,label", [
    ("nl", "De verkoopster aan de telefoon heeft niet alles verteld.", "niet alles verteld"),
    ("nl", "De monteur had de kabel niet meegenomen.", "kabel niet meegenomen"),
    ("en", "The courier had not mentioned the fee.", "not mentioned the fee"),
    ("nl", "Bellen gaat prima, de rest meh.", "de rest meh"),
    ("en", "Food is fine, the rest is meh.", "the rest is meh"),
])
def test_a_label_that_lost_who_did_it_is_not_signed(lang, sentence, label):
    assert label_problem(label, parse([sentence], lang), PAIN, lang) == "subject lost"


@pytest.mark.parametrize("sentence,label", [
    ("Mijn vrouw was er helemaal niet blij mee.", "vrouw was niet blij"),
    ("Dat had die jongen er niet bij gezegd.", "die jongen niet gezegd"),
    ("Mijn buurvrouw was er ook niet blij over.", "buurvrouw was niet blij"),
])
def test_a_label_that_lost_what_it_is_about_is_not_signed(sentence, label):
    assert label_problem(label, parse([sentence], "nl"), PAIN, "nl") == "reference lost"


@pytest.mark.parametrize("lang,sentence,label", [
    ("en", "The fee went up and no one said so.", "fee went"),
    ("en", "The driver never turned up on Friday.", "driver never turned"),
    ("en", "The new courier never showed up on Friday.", "new courier never showed"),
])
def test_a_label_that_lost_its_particle_is_cut(lang, sentence, label):
    assert label_problem(label, parse([sentence], lang), PAIN, lang) == "cut clause"


@pytest.mark.parametrize("lang,sentence,label", [
    ("nl", "De verkoper heeft niet alles verteld.", "verkoper heeft niet alles verteld"),
    ("nl", "Ik heb drie keer gebeld.", "drie keer gebeld"),
    ("nl", "Mijn man was niet blij met de monteur.", "man was niet blij met de monteur"),
])
def test_a_label_that_keeps_who_and_what_stands(lang, sentence, label):
    assert label_problem(label, parse([sentence], lang), PAIN, lang) is None


@pytest.mark.parametrize("sentence,parts", [
    ("less plastic in the box please + a harder version of the cooking cards",
     ["less plastic in the box please", "a harder version of the cooking cards"]),
    ("larger portions for teenagers; honest cooking times on the cards",
     ["larger portions for teenagers", "honest cooking times on the cards"]),
    ("een kortere wachttijd aan de telefoon; een duidelijker overzicht van de kosten",
     ["een kortere wachttijd aan de telefoon", "een duidelijker overzicht van de kosten"]),
    ("minder verpakking + een bericht als de bezorger onderweg is",
     ["minder verpakking", "een bericht als de bezorger onderweg is"]),
])
def test_two_glued_wishes_are_two_rows(sentence, parts):
    cue = parts[0].split()[0]
    sent = pd.DataFrame([{"doc_id": "R_a@Q9", "sent_start": 10, "sent_end": 10 + len(sentence), "start_char": 10,
                          "cue": cue, "value": "wish", "label": "need", "phase": "delivery", "sentence": sentence}])
    out = _split_lists(sent)
    assert out["sentence"].tolist() == parts
    text = "x" * 10 + sentence
    assert [text[a:b] for a, b in zip(out["sent_start"], out["sent_end"], strict=True)] == parts
    assert out["cue"].tolist()[0] == cue and out["cue"].tolist()[1] == ""


def test_a_pain_or_a_single_wish_is_not_split():
    rows = [{"doc_id": "R_b@Q9", "sent_start": 0, "sent_end": 30, "start_char": 0, "cue": "late", "value": "delay",
             "label": "pain_point", "phase": "delivery", "sentence": "late twice; never came once ok"},
            {"doc_id": "R_c@Q9", "sent_start": 0, "sent_end": 30, "start_char": 0, "cue": "wish", "value": "wish",
             "label": "need", "phase": "delivery", "sentence": "fish & chips on the menu please"}]
    out = _split_lists(pd.DataFrame(rows))
    assert len(out) == 2


def test_the_map_evidence_carries_the_taggers_score_so_a_weak_story_is_not_quoted():
    # the quote rule for an interview sentence told once reads the tagger's score: it must reach the map
    from workbench.journey._evidence import resolve_evidence

    docs = pd.DataFrame({"text": ["Nee, ik dacht misschien wordt het nog goedkoper."], "q_phase": [pd.NA]},
                        index=pd.Index(["P01#003"], name="doc_id"))
    tags = pd.DataFrame({"doc_id": ["P01#003"], "start_char": [16], "end_char": [31], "sent_start": [0],
                         "sent_end": [48], "label": ["need"], "value": ["wish"], "phase": ["purchase"],
                         "text": ["misschien wordt"], "score": [0.6]})
    doc_tags = pd.DataFrame({"doc_id": ["P01#003"], "phase": ["purchase"]})
    ev, _, _ = resolve_evidence(tags, doc_tags, docs, None, {})
    assert ev["score"].tolist() == [0.6]


@pytest.mark.parametrize("label, sentence, kind, lang", [
    ("miste informatie over waar", "Ik miste informatie over waar en hoe de producten gemaakt zijn.", "need", "nl"),
    ("wanted to know where", "I wanted to know where and when the parcel would come.", "need", "en"),
    ("daar zit meteen mijn grootste ergernis", "Nou, daar zit meteen mijn grootste ergernis.", "pain_point", "nl"),
    ("that is my biggest frustration", "And that is my biggest frustration.", "pain_point", "en"),
])
def test_a_label_cut_at_a_question_word_or_naming_only_an_emotion_about_that_is_not_made(label, sentence, kind,
                                                                                          lang):
    from workbench.nlp.signable import label_problem
    from workbench.nlp.syntax import parse

    assert label_problem(label, parse([sentence], lang), kind, lang) is not None
