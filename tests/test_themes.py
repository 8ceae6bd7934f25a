"""Themes of open answers: the shipped tagger/parser, phrases read from parses, actions, the theme
finder for any text column and its command."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench
from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.nlp import train_ud
from workbench.nlp.actions import action_phrases
from workbench.nlp.phrases import theme_phrase
from workbench.nlp.syntax import model_name, parse
from workbench.themes import TEXT_COLUMNS, THEME_COLUMNS


def _phrase(text: str, lang: str = "nl"):
    return theme_phrase(parse([text], lang)[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_part_of_speech_model_is_always_there(lang):
    # the shipped UD model, unless an official spaCy pipeline is installed
    assert model_name(lang) in (f"{lang}_ud", {"nl": "nl_core_news_sm", "en": "en_core_web_sm"}[lang])
    text = {"nl": "De kortingscode werkte niet.", "en": "The discount code did not work."}[lang]
    doc = parse([text], lang)[0]
    code = next(t for t in doc if t.lower_ in ("kortingscode", "code"))
    assert code.pos_ == "NOUN" and code.dep_.startswith("nsubj")
    assert code.head.lower_ in ("werkte", "work")


@pytest.mark.parametrize("text,label", [
    ("De kortingscode werkte niet, heel irritant.", "kortingscode werkte niet"),
    ("Ik zou graag een filter op prijs willen.", "wil filter op prijs"),
    ("Ik miste een filter op prijs.", "miste filter op prijs"),
    ("De montage-instructies waren onduidelijk, kostte me een hele avond.", "montage-instructies waren onduidelijk"),
])
def test_theme_phrase_reads_like_a_code(text, label):
    p = _phrase(text)
    assert p is not None and p.label == label
    assert p.complete and p.aspect in label


@pytest.mark.parametrize("text", ["Zo, dat wilde ik even kwijt!", "Graag gedaan.", "Dat was niet fijn."])
def test_sign_offs_and_pronoun_talk_give_no_phrase(text):
    assert _phrase(text) is None


def test_praise_is_marked():
    p = _phrase("De kast is heel mooi.")
    assert p is None or p.positive


def test_actions_are_what_the_speaker_did():
    acts = action_phrases(parse(["Ik vergeleek de prijzen op een vergelijkingssite."], "nl")[0])
    assert [a.text for a in acts] == ["vergeleek de prijzen op een vergelijkingssite"]
    assert acts[0].key == "vergelijken prijs"
    ordered = action_phrases(parse(["Ik heb de kast via de website besteld."], "nl")[0])
    assert [a.key for a in ordered] == ["bestellen kast"]
    # seeing is no action, and neither is what someone else did
    assert action_phrases(parse(["Ik zag een scheur in de bank."], "nl")[0]) == []
    assert action_phrases(parse(["Mijn buurman bestelde een kast."], "nl")[0]) == []


TEXTS = [
    "De kortingscode werkte niet bij het afrekenen.",
    "Mijn kortingscode werkte niet!",
    "De levering duurde veel te lang.",
    "Super service, top!",
    "Levering duurde te lang, twee weken gewacht.",
    "Zo, dat wilde ik even kwijt!",
]


def test_find_themes_table_and_rows():
    texts = pd.Series(TEXTS, index=[f"r{i}" for i in range(len(TEXTS))])
    r = workbench.find_themes(texts, lang="nl", people=["a", "b", "c", "d", "a", "e"])
    assert list(r.themes.columns) == THEME_COLUMNS and list(r.texts.columns) == TEXT_COLUMNS
    # two levels in tree order: each topic, then its themes
    assert r.themes[["level", "label", "parent"]].values.tolist() == [
        ["topic", "bestelling", -1], ["theme", "kortingscode werkte niet", 0],
        ["topic", "bezorging", -1], ["theme", "levering duurde te lang", 2]]
    themes = r.themes[r.themes["level"] == "theme"]
    assert "kortingscode werkte niet (1)" in themes["phrases"].iloc[0]
    assert themes["n_sentences"].tolist() == [2, 2]
    # people: 'a' wrote about both themes; five people in all
    assert themes["n_people"].tolist() == [2, 2] and themes["share_people"].tolist() == [0.4, 0.4]
    assert themes["severity"].iloc[0] > themes["severity"].iloc[1]  # broken > delay
    assert (r.themes["sentiment"] < 0).all()
    for quotes in r.themes["quotes"]:
        qs = quotes.split(" | ")
        assert len(qs) == len(set(qs)) == 2 and all(q in TEXTS for q in qs)  # distinct, verbatim
    rows = r.texts.set_index("row")
    assert rows.loc["r0", "labels"] == "kortingscode werkte niet" and rows.loc["r0", "topic_labels"] == "bestelling"
    assert rows.loc["r3", "themes"] == "" and rows.loc["r3", "topics"] == ""
    assert rows.loc["r5", "themes"] == "" and rows.loc["r5", "topics"] == ""  # a sign-off is neither
    assert r.coverage(1) == pytest.approx(2 / len(r.sentences))
    assert r.coverage(2, level="theme") == pytest.approx(4 / len(r.sentences))
    with pytest.raises(WorkbenchError, match="level"):
        r.coverage(1, level="sub")


def test_topics_come_from_what_the_complaint_is_about():
    """A topic is the subject of the complaint — its aspect's head, a Dutch compound by its head,
    a generic head by the noun it governs, a verb naming a journey step — never a noun in
    passing, and a sentence naming no aspect stays without one."""
    texts = ["De bezorgkosten waren veel te hoog.", "Ik had een probleem met de app.", "Kon niet inloggen.",
             "De prijs was hoger dan op de website.", "Nooit meer!",
             "Het retourlabel van de bestelling klopte niet.", "De klantenservice reageerde niet op mijn mail."]
    r = workbench.find_themes(texts, lang="nl", label="all", kind="pain_point")
    labels = r.texts["topic_labels"].tolist()
    assert labels == ["prijs en kosten", "app en website", "app en website", "prijs en kosten", "",
                      "retour en terugbetaling", "klantenservice"]
    en = workbench.find_themes(["The delivery fee was far too high.", "I had an issue with my card.",
                                "The return flight was late.", "Never again."], lang="en", label="all",
                               kind="pain_point")
    assert en.texts["topic_labels"].tolist() == ["price and costs", "account and payments",
                                                 "travel and transport", ""]
    # every theme lies within its topic
    s = r.sentences[r.sentences["theme"] >= 0]
    parent = r.themes.set_index("theme")["parent"]
    assert all(parent[t] == tp for t, tp in zip(s["theme"], s["topic"], strict=True))


def test_an_aspect_outside_the_lexicon_is_a_topic_of_its_own_word():
    texts = ["De kwitantie was onleesbaar.", "Mijn kwitantie klopte niet.", "Kwitantie kwam veel te laat.",
             "Een kwitantie ontbrak."]
    r = workbench.find_themes(texts, lang="nl", label="all", kind="pain_point")
    topics = r.themes[r.themes["level"] == "topic"]
    assert topics["label"].tolist() == ["kwitantie"] and topics["n_sentences"].tolist() == [4]
    # fewer than MIN_OPEN sentences: no topic of its own
    few = workbench.find_themes(texts[:2], lang="nl", label="all", kind="pain_point")
    assert (few.themes["level"] == "topic").sum() == 0 and (few.sentences["topic"] == -1).all()


def test_find_themes_labels_and_bad_input():
    r = workbench.find_themes(["Ik zou graag een filter op prijs willen.", "De levering duurde te lang."],
                              lang="nl", label="need")
    assert r.themes["label"].tolist() == ["prijs en kosten", "wil filter op prijs"] and set(r.sentences["label"]) == {"need"}
    everything = workbench.find_themes(["De levering duurde te lang. Ik wil een filter op prijs."], lang="nl",
                                       label="all")
    assert len(everything.sentences) == 2
    with pytest.raises(WorkbenchError, match="label"):
        workbench.find_themes(["x"], label="pain")
    with pytest.raises(WorkbenchError, match="people"):
        workbench.find_themes(["x", "y"], people=["a"])
    empty = workbench.find_themes([], lang="nl")
    assert empty.themes.empty and empty.texts.empty


def test_cli_themes(tmp_path, capsys):
    src = tmp_path / "nps.csv"
    pd.DataFrame({"id": range(len(TEXTS)), "comment": TEXTS}).to_csv(src, sep=";", index=False)
    assert main(["themes", str(src), "--text-column", "comment", "--lang", "nl", "--out", str(tmp_path / "out.csv")]) == 0
    themes = pd.read_csv(tmp_path / "out.themes.csv", sep=";")
    rows = pd.read_csv(tmp_path / "out.rows.csv", sep=";", keep_default_na=False)
    assert themes["label"].tolist()[:2] == ["bestelling", "kortingscode werkte niet"]
    assert themes["parent"].tolist()[:2] == [-1, 0]
    assert list(rows.columns) == ["id", "comment", "topics", "topic_labels", "themes", "theme_labels"]
    assert len(rows) == len(TEXTS) and rows["topic_labels"].iloc[0] == "bestelling"
    assert "kortingscode werkte niet" in capsys.readouterr().out
    assert main(["themes", str(src), "--text-column", "tekst", "--out", str(tmp_path / "x")]) == 2
    assert "comment" in capsys.readouterr().err


CONLLU = """# newdoc id = doc-a
# sent_id = doc-a-0001
# text = Het werkt.
1\tHet\thet\tPRON\t_\t_\t2\tnsubj\t_\t_
2\twerkt\twerken\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# sent_id = doc-a-0002
# text = Goed.
1\tGoed\tgoed\tADJ\t_\t_\t0\troot\t_\tSpaceAfter=No
2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

# sent_id = wiki-12.p.1.s.1
# text = Ja.
1\tJa\tja\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No
2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_
"""


def test_ud_training_split_keeps_documents_together(tmp_path):
    f = tmp_path / "UD_Test" / "x-ud-dev.conllu"
    f.parent.mkdir()
    f.write_text(CONLLU, encoding="utf-8")
    keys = [k for k, _ in train_ud.read_conllu(f)]
    assert keys == ["UD_Test/doc-a", "UD_Test/doc-a", "UD_Test/wiki-12"]
    sents = [(f"d{i // 3}", f"block {i}") for i in range(300)]
    parts = train_ud.split_documents(sents, seed=0)
    assert parts == train_ud.split_documents(sents, seed=0)  # seeded
    where = {b: p for p, blocks in parts.items() for b in blocks}
    for d in {k for k, _ in sents}:
        assert len({where[b] for k, b in sents if k == d}) == 1  # a document on one side only
    assert abs(len(parts["test"]) - 30) <= 3 and abs(len(parts["train"]) - 240) <= 6


def test_map_themes_carry_severity():
    from workbench.journey import find_themes as map_themes

    s = pd.Series(["De kortingscode werkte niet.", "Mijn kortingscode werkte niet!", "De levering duurde te lang."])
    t = map_themes(s, classes=pd.Series(["broken", "broken", "delay"]), lang="nl")
    assert t.labels == ["kortingscode werkte niet", "levering duurde te lang"] and t.severity == [3.0, 2.0]
    needs = map_themes(s, classes=pd.Series(["wish"] * 3), kind="need", lang="nl")
    assert set(needs.severity) == {1.0}


def test_one_members_wording_never_heads_a_theme_of_others():
    """Many members name the same aspect and many others use the same verb, but no two say the
    same thing: the heading is no single member's clause (seen on real English complaints: one
    review's "the problem is that you can't leave the service" headed 37 of them)."""
    from workbench.nlp.phrases import Phrase
    from workbench.themes import group_phrases

    said = [Phrase("the problem is that you can't leave the service", "service", "service", "be",
                   clause="the problem is that you can't leave the service", aspect_noun=True)]
    said += [Phrase(f"service {v}", "service", "service", v, aspect_noun=True)
             for v in ("slow", "rude", "useless", "unreachable", "closed")]
    said += [Phrase(f"{a} is bad", a, a, "be", aspect_noun=True) for a in ("app", "fee", "card", "hold music")]
    assign, labels, _ = group_phrases(said, ["evaluation"] * len(said), lang="en",
                                      topics=["customer_service"] * len(said))
    assert "the problem is that you can't leave the service" not in labels
