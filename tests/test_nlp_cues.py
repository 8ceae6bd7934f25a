"""Cue families, negation, intensifiers, questions and the pattern files of the tagger (workbench.nlp)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from workbench.errors import WorkbenchError
from workbench.nlp import evaluate, make_pipeline, read_pattern_file, tag_texts
from workbench.nlp.matching import CueTrie, compile_token_pattern
from workbench.nlp.resources import PATTERN_FILES, load_modifiers, pattern_dir

DEV = Path(__file__).parents[1] / "workbench" / "data" / "dev"


@pytest.fixture(scope="module", autouse=True)
def pipelines():
    return make_pipeline("nl"), make_pipeline("en")


def rows(texts, lang):
    return tag_texts(texts, lang=lang)


def flags(texts, lang, label):
    return rows(texts, lang)[label].tolist()


# --- cue families and their negation ---------------------------------------------------------

PAIN = {
    "nl": [
        "De app werkt niet.", "Het deed het niet.", "Het pakket kwam beschadigd aan.", "Mijn pakket is nooit aangekomen.",
        "Ik ben mijn bestelling kwijt.", "Ik krijg steeds een foutmelding.", "De app crasht.", "Het systeem loopt steeds vast.",
        "Ik kon niet inloggen.", "Er is dubbel afgeschreven.", "Veel te duur voor wat je krijgt.", "De uitleg was onduidelijk.",
        "Het retourformulier is nergens te vinden.", "Ik kreeg geen reactie op mijn mail.", "Ik hing een half uur in de wacht.",
        "We moesten lang wachten.", "Het duurde twee uur voordat de monteur er was.",
        "Het heeft drie weken geduurd tot ik mijn geld terug had.", "Om zes uur besteld en om half negen pas gegeten.",
        "Om 17.30 besteld, om 19.45 pas bezorgd.",
    ],
    "en": [
        "The app keeps crashing.", "The scanner doesn't work.", "My parcel never arrived.", "I was charged twice.",
        "I can't log in.", "I couldn't find the return label.", "No response to my emails.", "I was on hold for an hour.",
        "Way too expensive.", "The menu is confusing.", "Useless support.", "The screen cracked after a week.",
    ],
}
NOT_PAIN = {
    "nl": [
        "De app werkt prima.", "Het pakket was niet beschadigd.", "Geen problemen gehad.", "Het was niet duur.",
        "De uitleg was niet onduidelijk.", "Niet slecht.", "Ik heb de fiets besteld via de website.",
        "Als de bezorging te laat zou zijn, zou ik bellen.", "Wat vond u lastig?", "Had je nog problemen met de bezorging?",
        "De film duurde twee uur.", "Mijn zoon is 30 pas geworden.",
    ],
    "en": [
        "The app works fine.", "The parcel was not damaged.", "No problems at all.", "It wasn't expensive.",
        "I compared delivery costs.", "If the boiler ever breaks I'll call them.", "Did you have any problems with the delivery?",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pain_families(lang):
    assert flags(PAIN[lang], lang, "pain_point") == [1] * len(PAIN[lang])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_negated_and_neutral_texts_are_no_pain(lang):
    assert flags(NOT_PAIN[lang], lang, "pain_point") == [0] * len(NOT_PAIN[lang])


def test_bare_verdict_is_a_negative_pain_point():
    """A negative evaluation of the experience is a pain point (codebook), even without a cause."""
    out = rows(["Niet tevreden.", "Matig.", "Echt geen aanrader.", "Not helpful at all."], "nl")
    assert out["pain_point"].tolist() == [1, 1, 1, 0]  # the last one is English: no Dutch cue
    assert (out["sentiment"][:3] < 0).all()


def test_complaint_question_is_pain_and_a_why_question_asks_for_an_explanation():
    out = rows(["Waarom duurt dat zo lang?!", "Waarom kan ik in 2026 nog steeds niet digitaal betalen?"], "nl")
    assert out["pain_point"].tolist() == [1, 1]
    assert out["need"].tolist() == [0, 1]  # '?!' is rhetorical; a why-question asks for an explanation
    assert flags(["Why does my order keep getting cancelled?"], "en", "pain_point") == [1]


NEED = {
    "nl": ["Graag een optie om de nieuwsbrief uit te zetten.", "Het zou fijn zijn als er een chat komt.", "Ik mis een donkere modus.",
           "Kunnen jullie de factuur opnieuw sturen?", "Waar kan ik mijn pakket volgen?", "Hoe kan ik mijn abonnement opzeggen?",
           "Ik heb een nieuwe pas nodig."],
    "en": ["Please add a dark mode.", "It would be great to have a chat.", "Is there a way to export to Excel?",
           "Can you send me the invoice again?", "How do I cancel my subscription?", "I'd love a widget."],
}
NOT_NEED = {
    "nl": ["Ik heb geen app nodig.", "Ik had de tafel gisteren al.", "Waarom is het zo moeilijk?!", "Wat vond u lastig?"],
    "en": ["I don't need an app.", "Why is this so hard?!", "I have no need for that."],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_need_families_and_their_negation(lang):
    assert flags(NEED[lang], lang, "need") == [1] * len(NEED[lang])
    assert flags(NOT_NEED[lang], lang, "need") == [0] * len(NOT_NEED[lang])


def test_regret_with_lack_is_pain_and_need():
    out = rows(["Jammer dat je geen gedeelde lijstjes kunt maken.", "It's a shame there's no dark mode."], "nl")
    assert out.loc[0, ["pain_point", "need"]].tolist() == [1, 1]
    out = rows(["It's a shame there's no dark mode."], "en")
    assert out.loc[0, ["pain_point", "need"]].tolist() == [1, 1]


def test_dutch_requests_in_clause_imperatives_and_counterfactual_wishes():
    """General Dutch need shapes: an imperative opening a later clause ('…, maar los het dan ook op'),
    'zou … beter kunnen', 'zou op zijn plaats zijn', 'mocht … warmer', and a pluperfect
    counterfactual ('een uitleg was handig geweest'), which is also a pain point when a lack follows."""
    wants = [
        "Prima dat er een wachtrij is, maar informeer de mensen die erin staan.",
        "De zoekfunctie zou wel wat beter kunnen.",
        "Een korte sms vooraf zou op zijn plaats zijn.",
        "De friet mocht iets warmer aankomen.",
        "Een handleiding in het Nederlands was handig geweest.",
        "Het werkt, dus verwijder die extra stap bij het afrekenen.",
    ]
    assert flags(wants, "nl", "need") == [1] * len(wants)
    out = rows(["Een bevestiging per mail was fijn geweest, maar die kwam niet."], "nl")
    assert out.loc[0, ["pain_point", "need"]].tolist() == [1, 1]
    # the same verbs elsewhere in a clause, or a past that really happened, ask for nothing
    others = ["Ik heb de bon daarna verwijderd.", "De monteur stopte om vijf uur.", "Het is een fijne dag geweest."]
    assert flags(others, "nl", "need") == [0] * len(others)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_question_to_the_company_asks_for_something_a_question_about_the_past_does_not(lang):
    """'Can you verify …?' addresses the company and asks for something (a need); 'Did you compare
    …?' asks about an experience, as an interviewer does: no need, even without speaker roles."""
    asks = {
        "nl": ["Kunt u de factuur nog een keer sturen?", "Hebben jullie ook een abonnement voor studenten?"],
        "en": ["Can you check whether my refund went through?", "Are you going to bring back the old layout?",
               "Do you have a version for tablets?"],
    }[lang]
    about = {
        "nl": ["Wat vond je van de bezorging?", "Hoe heb je de winkel gevonden?", "Heeft u toen prijzen vergeleken?",
               "Kijk je wel eens in de app?"],
        "en": ["Did you compare prices first?", "How did you find the checkout?", "What was your first impression?",
               "Have you ever used the chat?"],
    }[lang]
    assert flags(asks, lang, "need") == [1] * len(asks)
    assert flags(about, lang, "need") == [0] * len(about)


def test_emotion_polarity_and_negation():
    out = rows(["Heel tevreden over de service.", "Niet tevreden over de service.", "Niet slecht eigenlijk."], "nl")
    assert out["sentiment"].tolist()[0] > 0 > out["sentiment"].tolist()[1]
    assert out["sentiment"].tolist()[2] > 0
    out = rows(["I'm really happy with it.", "I'm not happy with it."], "en")
    assert out["sentiment"].tolist()[0] > 0 > out["sentiment"].tolist()[1]


# --- intensifiers, hedges, fillers -----------------------------------------------------------


def _score(text, lang, label):
    _, tags = tag_texts([text], lang=lang, return_tags=True)
    return float(tags.loc[tags["label"] == label, "score"].max())


def test_intensifiers_inside_a_cue_match_and_raise_the_score():
    plain = _score("De levering duurde lang.", "nl", "pain_point")
    strong = _score("De levering duurde echt heel lang.", "nl", "pain_point")
    hedged = _score("De levering duurde een beetje lang.", "nl", "pain_point")
    assert hedged < plain < strong
    assert _score("It doesn't really work.", "en", "pain_point") > 0
    assert _score("It doesn't work.", "en", "pain_point") < _score("It really really doesn't work.", "en", "pain_point")


def test_fillers_inside_a_cue_are_skipped_but_the_span_is_the_cue():
    _, tags = tag_texts(["Het werkte eigenlijk gewoon niet."], lang="nl", return_tags=True)
    pain = tags[tags["label"] == "pain_point"]
    assert pain["text"].tolist() == ["werkte eigenlijk gewoon niet"]


def test_interviewer_role_keeps_touchpoints_only():
    out, tags = tag_texts(["Wat vond u lastig aan de app?"], lang="nl", roles=["interviewer"], return_tags=True)
    assert out.loc[0, ["pain_point", "need"]].tolist() == [0, 0]
    assert set(tags["label"].astype(str)) == {"touchpoint"}


# --- the pattern files -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pattern_files_are_readable_and_compile(lang):
    nlp = make_pipeline(lang)
    cues = nlp.get_pipe("journey_cues")
    for name in PATTERN_FILES:
        path = pattern_dir(lang) / f"{name}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) < 600 and path.stat().st_size < 60_000, path
        patterns = read_pattern_file(path)
        assert all(p["id"].startswith(f"{name}.{lang}.") for p in patterns)
        for p in patterns:
            if isinstance(p["pattern"], list):
                assert compile_token_pattern(p["pattern"], nlp.vocab.strings.add), p
    assert cues._n_matcher == 0  # every shipped pattern runs in the fast trie
    mods = load_modifiers(lang)
    assert mods["negators"] and mods["intensifiers"] and mods["hedges"]


def test_rule_ids_are_unique_per_rule():
    for lang in ("nl", "en"):
        for name in PATTERN_FILES:
            seen: dict[str, str] = {}
            for p in read_pattern_file(pattern_dir(lang) / f"{name}.jsonl"):
                assert seen.setdefault(p["id"], p["label"]) == p["label"], p["id"]


def test_trie_operators():
    vocab = spacy.blank("en").vocab
    add = vocab.strings.add
    trie = CueTrie(skip={add("really")})
    seqs = compile_token_pattern([{"LOWER": {"IN": ["took", "takes"]}}, {"OP": "{0,2}"}, {"LOWER": "ages"}], add)
    trie.add(seqs, 0)
    trie.add(compile_token_pattern([{"LOWER": "no"}, {"LOWER": "reply", "OP": "+"}], add), 1)
    low = [add(w) for w in "it took really ages and then no reply reply".split()]
    found = trie.find(low)
    assert (1, 4, 0) in found and (6, 8, 1) in found and (6, 9, 1) in found
    assert compile_token_pattern([{"POS": "NOUN"}], add) is None


def test_gap_matches_equal_a_direct_search():
    """Wildcard gaps (``{lo,hi}``) match exactly where a direct search over the tokens finds
    them: gaps of every allowed length, never across a stop token or a Doc's end, several gaps
    in one pattern, gaps that meet other patterns' words, on varied random token sequences."""
    import random

    import numpy as np

    vocab = spacy.blank("en").vocab
    add = vocab.strings.add
    words = ["a", "b", "c", "d", "x", "y", "."]
    patterns = [  # (word or None for a gap (lo, hi)) elements
        [("a",), (0, 2), ("b",)],
        [("a",), (1, 3), ("c",)],
        [("b",), (2, 5), ("d",), (0, 1), ("a",)],
        [("x",), (0, 0), ("y",)],
        [("d",), (3, 6), (".",)],
        [("c",), (1, 1), ("c",)],
    ]
    trie = CueTrie(stop={add(".")})
    for rule, elements in enumerate(patterns):
        spec = [{"LOWER": el[0]} if len(el) == 1 else {"OP": f"{{{el[0]},{el[1]}}}"} for el in elements]
        trie.add(compile_token_pattern(spec, add), rule)

    def direct(tokens: list[str], limit: list[int]) -> set[tuple[int, int, int]]:
        found = set()

        def walk(rule, elements, start, j):
            if not elements:
                found.add((start, j, rule))
                return
            el, rest = elements[0], elements[1:]
            if len(el) == 1:
                if j < limit[start] and tokens[j] == el[0]:
                    walk(rule, rest, start, j + 1)
                return
            for k in range(el[0], el[1] + 1):  # the gap's tokens: inside the Doc, no stop token
                if j + k > limit[start] or any(t == "." for t in tokens[j:j + k]):
                    break
                walk(rule, rest, start, j + k)

        for start in range(len(tokens)):
            for rule, elements in enumerate(patterns):
                walk(rule, elements, start, start)
        return found

    rng = random.Random(7)
    for _ in range(200):
        sizes = [rng.randint(0, 14) for _ in range(rng.randint(1, 4))]
        tokens = [rng.choice(words) for _ in range(sum(sizes))]
        limit = [end for size, end in zip(sizes, np.cumsum(sizes).tolist(), strict=True) for _ in range(size)]
        starts, ends, rules = trie.find_batch(np.array([add(t) for t in tokens], dtype=np.uint64),
                                              np.array(limit, dtype=np.int64))
        got = set(zip(starts.tolist(), ends.tolist(), rules.tolist(), strict=True))
        assert got == direct(tokens, limit), tokens


def test_user_extra_token_patterns_with_lemma_and_regex(tmp_path):
    extra = tmp_path / "study.jsonl"
    extra.write_text(
        "\n".join(json.dumps(p) for p in [
            {"label": "pain_point:queue", "pattern": [{"LOWER": "rij"}, {"OP": "{0,2}"}, {"LOWER": "kassa"}], "id": "study.001"},
            {"label": "pain_point:parking", "pattern": [{"LEMMA": "parkeren"}, {"LOWER": "kost"}], "id": "study.002"},
            {"label": "touchpoint:store", "pattern": [{"LOWER": {"REGEX": "^filiaal"}}], "id": "study.003"},
        ]) + "\n",
        encoding="utf-8",
    )
    texts = ["Er stond een lange rij bij de kassa.", "Het parkeren kost een fortuin.", "In het filiaalnet."]
    out, tags = tag_texts(texts, extra_patterns=[extra], return_tags=True)
    assert set(tags["rule_id"]) >= {"study.001", "study.002", "study.003"}
    assert out["pain_point"].tolist() == [1, 1, 0]


def test_evaluate_rejects_unknown_split():
    with pytest.raises(WorkbenchError):
        evaluate("nl", split="test")


# --- development sets (the blind evaluation sets are for reporting, never asserted on) --------


@pytest.mark.skipif(not (DEV / "nl.jsonl").exists(), reason="development sets not written yet")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dev_set_floor(lang):
    table = evaluate(lang, split="dev").set_index("label")
    for label in ("pain_point", "need"):
        assert table.loc[label, "f1"] >= 0.55 and table.loc[label, "precision"] >= 0.75, (label, table)
    assert table.loc["touchpoint", "f1"] >= 0.6
    assert table.loc["sentiment", "f1"] >= 0.5
