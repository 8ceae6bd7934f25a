"""Tests of the spaCy tagging stage (workbench.nlp, `workbench tag`, `workbench evaluate`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import spacy

from workbench import schema
from workbench.cli import main
from workbench.errors import FormatError, StudyConfigError, WorkbenchError
from workbench.nlp import (
    cue_spans,
    detect_language,
    evaluate,
    load_patterns,
    make_pipeline,
    read_pattern_file,
    tag_documents,
    tag_texts,
    touchpoint_ids,
)
from workbench.phases import load_phase_model, phase_model_ids

FIXTURES = Path(__file__).parent / "fixtures" / "nlp"


@pytest.fixture(scope="module")
def nl():
    return make_pipeline("nl")


@pytest.fixture(scope="module")
def en():
    return make_pipeline("en")


def tags_of(text, lang="nl", **kw):
    doc_tags, tags = tag_texts([text], lang=lang, return_tags=True, **kw)
    return doc_tags.iloc[0], tags


def labels(tags, label):
    return sorted(tags.loc[tags["label"] == label, "value"].tolist())


# --- components in a user's own pipeline -------------------------------------------------


def test_factories_usable_in_blank_pipeline(nl):
    user = spacy.blank("en")
    user.add_pipe("sentencizer")
    user.add_pipe("lemmatizer", config={"mode": "lookup"})
    user.add_pipe("journey_cues")
    user.add_pipe("journey_negation")
    user.add_pipe("journey_phase", config={"phase_model": "see-think-do-care"})
    user.initialize()
    doc = user("The parcel never arrived. I wish they had a live chat.")
    found = {(s.label_, s.kb_id_) for s, _ in cue_spans(doc)}
    assert ("pain_point", "delay") in found
    assert ("need", "wish") in found
    assert ("touchpoint", "chat") in found
    assert doc._.journey_phase in {"see", "think", "do", "care"}


def test_cues_work_without_lemmatizer_or_initialize():
    user = spacy.blank("nl")
    user.add_pipe("journey_cues")
    doc = user("De app werkte niet.")
    assert any(s.label_ == "pain_point:broken" for s in doc.spans["journey_cues"])


def test_pipeline_names_and_cache(nl):
    assert nl.pipe_names == ["journey_sentencizer", "journey_cues", "journey_lexicon", "journey_negation", "journey_phase"]
    assert make_pipeline("nl") is nl
    with pytest.raises(WorkbenchError):
        make_pipeline("de")


def test_uninstalled_trained_pipeline_falls_back_to_blank(nl):
    assert make_pipeline("nl", pipeline="no_such_pipeline_xx") is nl


# --- cue classes, nl ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pain"),
    [
        ("De levering duurde echt veel te lang.", 1),
        ("De app werkte niet en ik kon niet inloggen.", 1),
        ("Het pakket is nooit aangekomen.", 1),
        ("Het was geen probleem.", 0),
        ("Ik vond het niet moeilijk om te bestellen.", 0),
        ("Ik heb de fiets besteld via de website.", 0),
    ],
)
def test_pain_nl(nl, text, pain):
    assert tags_of(text)[0]["pain_point"] == pain


@pytest.mark.parametrize(
    ("text", "pain"),
    [
        ("The package never arrived.", 1),
        ("The checkout didn't work on my phone.", 1),
        ("It was not easy to find the return label.", 1),
        ("No problems at all.", 0),
        ("The checkout was not difficult.", 0),
        ("If something goes wrong they help you.", 0),
    ],
)
def test_pain_en(en, text, pain):
    assert tags_of(text, "en")[0]["pain_point"] == pain


def test_needs_and_regret(nl, en):
    row, tags = tags_of("Ik zou graag een app willen.")
    assert row["need"] == 1 and row["pain_point"] == 0
    row, tags = tags_of("Het zou fijn zijn als ze sneller reageren.")
    assert row["need"] == 1 and labels(tags, "emotion") == []  # 'fijn' inside a wish is no emotion
    row, tags = tags_of("Jammer dat er geen chat is.")
    assert row["need"] == 1 and row["pain_point"] == 1
    row, _ = tags_of("Jammer dat ik niet eerder bij jullie was.")
    assert row["need"] == 1
    row, _ = tags_of("I wish they had a live chat.", "en")
    assert row["need"] == 1 and row["pain_point"] == 0
    row, _ = tags_of("It would be great if the app showed my balance.", "en")
    assert row["need"] == 1 and row["sentiment"] == 0
    row, _ = tags_of("I have no need for that.", "en")
    assert row["need"] == 0


def test_customer_question_is_a_need(en):
    assert tags_of("Can I pay with PayPal?", "en")[0]["need"] == 1
    assert tags_of("I can pay with PayPal.", "en")[0]["need"] == 0


def test_emotion_negation_and_intensifier(nl, en):
    assert tags_of("Ik was tevreden.")[0]["sentiment"] > 0
    assert tags_of("Ik was niet tevreden over de klantenservice.")[0]["sentiment"] < 0
    assert tags_of("I wasn't happy with the delivery.", "en")[0]["sentiment"] < 0
    plain = tags_of("I was happy.", "en")[1]
    strong = tags_of("I was really very happy.", "en")[1]
    assert strong["score"].max() > plain["score"].max()
    plain = tags_of("De levering duurde lang.")[1]
    strong = tags_of("De levering duurde echt heel lang.")[1]
    assert strong.loc[strong.label == "pain_point", "score"].max() > plain.loc[plain.label == "pain_point", "score"].max()


def test_touchpoints(nl, en):
    _, tags = tags_of("Ik zag een advertentie op Instagram en betaalde met iDEAL.")
    assert {"social_ads", "payment_page"} <= set(labels(tags, "touchpoint"))
    row, _ = tags_of("I compared prices on a comparison site and read the reviews.", "en")
    assert row["touchpoints"] == "comparison_site; reviews"
    known = set(touchpoint_ids())
    for lang in ("nl", "en"):
        used = {p["label"].split(":")[1] for p in load_patterns(lang) if p["label"].startswith("touchpoint:")}
        assert used == known
    for model_id in phase_model_ids():
        for phase in load_phase_model(model_id):
            assert set(phase.touchpoints) <= known


def test_interviewer_question_is_no_pain_but_gives_context(nl):
    q = "Had je nog problemen met de bezorging of was het pakket kapot?"
    doc_tags, tags = tag_texts([q], roles=["interviewer"], return_tags=True)
    assert doc_tags.loc[0, "pain_point"] == 0 and doc_tags.loc[0, "need"] == 0
    assert set(tags["label"].astype(str)) == {"touchpoint"}
    assert doc_tags.loc[0, "phase"] == "use_evaluation"
    answer = "Ja, dat was wel een dingetje."
    with_ctx = tag_texts([answer], contexts=["Hoe ging de bezorging?"])
    assert with_ctx.loc[0, "phase"] == "use_evaluation"
    assert pd.isna(tag_texts([answer]).loc[0, "phase"])


def test_phase_from_own_cues_touchpoint_and_known_phase(nl):
    out = tag_texts(
        ["Ik heb uiteindelijk besloten om te gaan.", "Via de vergelijkingssite.", "Het ging wel goed.", "Ik heb besteld."],
        contexts=[None, None, None, "Hoe ging de bezorging?"],
        context_phases=[None, None, "purchase", None],
    )
    assert out["phase"].tolist() == ["decision", "consideration", "purchase", "purchase"]
    with pytest.raises(StudyConfigError):
        tag_texts(["x"], context_phases=["nope"])


def test_custom_phase_model(en):
    model = {
        "id": "aida",
        "phases": [
            {"id": "attention", "cues": {"en": ["noticed"]}, "touchpoints": ["tv_radio_print"]},
            {"id": "action", "cues": {"en": ["signed"]}, "touchpoints": ["checkout"]},
        ],
    }
    out = tag_texts(["I noticed a billboard.", "I signed up at the checkout."], lang="en", phase_model=model)
    assert out["phase"].tolist() == ["attention", "action"]


def test_empty_and_missing_texts(nl):
    doc_tags, tags = tag_texts(["", None, float("nan"), "   ", "De app crashte."], return_tags=True)
    schema.check(doc_tags.drop(columns="text"), schema.DOC_TAGS)
    schema.check(tags, schema.TAGS)
    assert doc_tags["pain_point"].tolist() == [0, 0, 0, 0, 1]
    assert set(tags["doc_id"]) == {"4"}
    empty_docs, empty_tags = tag_texts([], return_tags=True)
    assert len(empty_docs) == 0 and len(empty_tags) == 0


def test_tags_offsets_and_schema(nl):
    text = "Eerst ging alles goed. Daarna duurde de levering heel lang!"
    doc_tags, tags = tag_texts([text], ids=["P01#003"], return_tags=True)
    schema.check(tags, schema.TAGS)
    for row in tags.itertuples():
        assert text[row.start_char : row.end_char] == row.text
        assert row.sent_start <= row.start_char < row.end_char <= row.sent_end
        assert 0 <= row.score <= 1
    assert tags["doc_id"].unique().tolist() == ["P01#003"]


def test_lang_auto(nl, en):
    assert detect_language("Ik vond het bestellen niet zo makkelijk.") == "nl"
    assert detect_language("The delivery was late and nobody told me.") == "en"
    assert detect_language("", default="en") == "en"
    assert detect_language("Prima!", default="en") in {"nl", "en"}
    out = tag_texts(["Het pakket is nooit aangekomen.", "The parcel never arrived."], lang="auto")
    assert out["pain_point"].tolist() == [1, 1]


def test_tag_documents(nl):
    docs = schema.conform(
        pd.DataFrame(
            {
                "doc_id": ["P01#000", "P01#001", "R1@Q5"],
                "kind": ["segment", "segment", "answer"],
                "role": ["interviewer", "participant", "participant"],
                "question_id": [None, None, "Q5"],
                "text": ["Was het bestellen lastig?", "Nee hoor, het ging prima.", "Dat was goed te doen."],
                "context": [None, "Was het bestellen lastig?", "Hoe was het bestellen?"],
            }
        ),
        schema.DOCUMENTS,
    )
    doc_tags, tags = tag_documents(docs, "nl", question_phases={"Q5": "purchase"})
    schema.check(doc_tags, schema.DOC_TAGS)
    assert doc_tags["pain_point"].tolist() == [0, 0, 0]
    assert doc_tags["phase"].tolist() == ["purchase", "purchase", "purchase"]
    with pytest.raises(WorkbenchError):
        tag_documents(pd.DataFrame({"x": [1]}))


def test_extra_pattern_file(tmp_path, nl):
    extra = tmp_path / "study.jsonl"
    extra.write_text('{"label": "pain_point:queue", "pattern": "rij bij de kassa", "id": "study.001"}\n', encoding="utf-8")
    _, tags = tag_texts(["Er stond een rij bij de kassa."], extra_patterns=[extra], return_tags=True)
    assert tags.loc[tags.label == "pain_point", "rule_id"].tolist() == ["study.001"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "oops:x", "pattern": "x"}\n', encoding="utf-8")
    with pytest.raises(FormatError):
        read_pattern_file(bad)


# --- CLI and evaluation -------------------------------------------------------------------


def test_cli_tag_csv(tmp_path, capsys, nl):
    src = tmp_path / "answers.csv"
    src.write_bytes("id;antwoord\n1;De bezorging duurde te lang.\n2;Ik zou graag een app willen.\n".encode("cp1252"))
    out = tmp_path / "out.csv"
    assert main(["tag", str(src), "--text-column", "antwoord", "--lang", "nl", "--out", str(out)]) == 0
    result = pd.read_csv(out, sep=";")
    assert list(result.columns) == ["id", "antwoord", "pain_point", "need", "sentiment", "phase", "touchpoints",
                                    "evidence"]
    assert result["pain_point"].tolist() == [1, 0] and result["need"].tolist() == [0, 1]
    assert result["evidence"].tolist() == ['pain_point "duurde te lang" (cue)', 'need "zou graag een app willen" (cue)']
    assert "2 rijen getagd" in capsys.readouterr().out  # --lang nl: the texts, and so the messages, are Dutch


def test_cli_unknown_column_lists_columns(tmp_path, capsys):
    src = tmp_path / "answers.csv"
    src.write_text("id,answer\n1,ok\n", encoding="utf-8")
    assert main(["tag", str(src), "--text-column", "tekst"]) == 2
    err = capsys.readouterr().err
    assert "tekst" in err and "id, answer" in err


def test_evaluate_figures_in_range(nl):
    table = evaluate(lang="nl", data=FIXTURES / "mini_eval.jsonl")
    assert list(table.columns) == ["lang", "label", "precision", "recall", "f1", "support"]
    assert table["label"].tolist() == ["pain_point", "need", "touchpoint", "sentiment"]
    assert table[["precision", "recall", "f1"]].stack().between(0, 1).all()
    assert table.set_index("label").loc["pain_point", "f1"] == 1.0
    assert table.set_index("label").loc["touchpoint", "support"] == 4


def test_cli_evaluate_file_per_label_language_and_group(tmp_path, capsys):
    """`workbench evaluate --file`: any labelled CSV, per label, language and group value; stray C1
    control characters are kept and reported; a bad label cell is a clear error (exit 2)."""
    src = tmp_path / "labelled.csv"
    rows = ["text,pain_point,need,sentiment,domain",
            "De levering duurde veel te lang.,1,0,-1,webshop",
            "Ik zou graag een app willen.,0,1,0,app",
            "Prima service\u0085 dank je.,0,0,1,webshop",
            "Het eten was koud.,1,0,-1,restaurant"]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["evaluate", "--file", str(src), "--label-columns", "pain_point,need,sentiment",
                 "--group-column", "domain", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "C1 control characters" in out and "data rows 3" in out
    lines = [line.split() for line in out.splitlines() if line.startswith("  nl") or line.startswith("nl")]
    groups = {(parts[1], parts[2]) for parts in lines}
    assert {("all", "pain_point"), ("all", "need"), ("all", "sentiment"), ("webshop", "pain_point"),
            ("restaurant", "pain_point"), ("app", "need")} <= groups
    all_pain = next(parts for parts in lines if parts[1:3] == ["all", "pain_point"])
    assert all_pain[-2:] == ["2", "4"]  # support (positives) and n
    src.write_text("text,pain_point\nLaat.,misschien\n", encoding="utf-8")
    assert main(["evaluate", "--file", str(src), "--label-columns", "pain_point", "--lang", "nl"]) == 2
    err = capsys.readouterr().err
    assert "row 1" in err and "pain_point" in err
