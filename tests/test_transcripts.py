"""Tests for the transcript readers (workbench.io.transcripts) and text decoding (workbench.io.text)."""

from __future__ import annotations

import codecs
import math
from pathlib import Path

import docx
import pandas as pd
import pytest

from workbench import schema
from workbench.errors import (
    DecodeError,
    EmptyFileError,
    FormatError,
    TranscriptError,
    WorkbenchError,
)
from workbench.io._speakers import (
    Candidate,
    accept_labels,
    choose_labels,
    label_key,
    plausible_label,
    role_word,
)
from workbench.io.text import decode, decode_text, normalize_newlines
from workbench.io.transcripts import (
    Transcript,
    detect_roles,
    parse_transcript,
    parse_transcript_bytes,
    read_transcript,
)

FIX = Path(__file__).parent / "fixtures" / "transcripts"
GOOD = [
    "zoom.vtt", "teams.vtt", "unlabeled.vtt", "names.srt", "dialogue.srt", "labels.txt",
    "timestamps.txt", "otter.txt", "brackets.txt", "questions.txt", "english.txt", "cp1252.txt",
    "bom_crlf.txt", "utf16.txt", "markdown.md", "paragraphs.docx", "table2.docx", "table3.docx",
]


def parse(name: str, **kwargs) -> Transcript:
    return parse_transcript(FIX / name, **kwargs)


def rows(t: Transcript) -> list[tuple[str, str, str]]:
    return list(zip(t.segments["speaker"], t.segments["role"], t.segments["text"], strict=True))


def bytes_of(text: str, name: str = "x.txt", **kwargs) -> Transcript:
    return parse_transcript_bytes(text.encode("utf-8"), name, **kwargs)


# ---------------------------------------------------------------- invariants on every fixture


@pytest.mark.parametrize("name", GOOD)
def test_offsets_point_into_canonical_text(name):
    t = parse(name)
    schema.check(t.segments, schema.SEGMENTS)
    assert len(t.segments) > 0
    for seg in t.segments.itertuples():
        assert t.text[seg.char_start : seg.char_end] == seg.text
        assert seg.text == seg.text.strip() and seg.text
    assert "\r" not in t.text


@pytest.mark.parametrize("name", GOOD)
def test_ids_turns_and_defaults(name):
    t = parse(name)
    seg = t.segments
    stem = Path(name).stem
    assert seg["turn"].tolist() == list(range(len(seg)))
    assert seg["segment_id"].tolist() == [f"{stem}#{i:03d}" for i in range(len(seg))]
    assert seg["segment_id"].is_unique
    assert set(seg["participant_id"]) == {stem}
    assert set(seg["source"]) == {str(FIX / name)}
    assert set(seg["role"].astype(str)) <= {"interviewer", "participant"}
    assert t.format == Path(name).suffix.lstrip(".")
    # Offsets increase with the turn.
    assert seg["char_start"].is_monotonic_increasing


def test_source_and_participant_override():
    t = parse_transcript(FIX / "labels.txt", participant_id="P07", source="interviews/labels.txt")
    assert t.source == "interviews/labels.txt"
    assert set(t.segments["source"]) == {"interviews/labels.txt"}
    assert set(t.segments["participant_id"]) == {"P07"}
    assert t.segments["segment_id"][0] == "labels#000"


def test_read_transcript_returns_the_segments():
    seg = read_transcript(FIX / "labels.txt", participant_id="P03")
    assert isinstance(seg, pd.DataFrame)
    schema.check(seg, schema.SEGMENTS)
    assert set(seg["participant_id"]) == {"P03"}


# ---------------------------------------------------------------- plain text and markdown


def test_labels_txt_header_continuations_and_let_op():
    t = parse("labels.txt")
    assert [s for s, _, _ in rows(t)] == ["Interviewer", "Anouk"] * 3
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 3
    second = t.segments["text"][1]
    # Continuation lines, the blank line between paragraphs and "Let op: …" stay in the turn.
    assert second == (
        "Via Instagram. Ik zag een advertentie voor een cadeau.\n"
        "Het was voor de reünie van mijn zus.\n\nLet op: dat was al in november."
    )
    # Trailing whitespace is excluded; the header (title, Datum:, Locatie:) is no segment.
    assert t.segments["text"][3].endswith("vervelend.")
    assert "Datum" not in " ".join(t.segments["text"])
    assert t.text.startswith("Interview webshop klantreis\n")  # canonical text = the file
    assert t.encoding == "utf-8"
    assert t.segments["start_s"].isna().all() and t.segments["end_s"].isna().all()


def test_timestamps_before_and_after_the_label():
    t = parse("timestamps.txt")
    assert [s for s, _, _ in rows(t)] == ["I", "R", "I", "R", "I", "R", "I"]
    assert t.segments["start_s"].tolist() == [5.0, 12.0, 83.0, 90.0, 3723.5, 3730.0, 3900.0]
    assert t.segments["text"].tolist()[2:6] == [
        "Hoe heeft u gezocht?",
        "Eerst op Google, daarna bij de winkel in de buurt.",
        "En hoe verliep de levering?",
        "Snel, binnen twee dagen.",
    ]
    # A timestamp on its own line belongs to the next turn, not to the end of the previous one.
    assert t.segments["text"][5] == "Snel, binnen twee dagen."
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 3 + ["interviewer"]


def test_markdown_bold_names_with_spaces_and_diacritics():
    t = parse("markdown.md")
    assert t.format == "md"
    assert [s for s, _, _ in rows(t)] == ["Onderzoeker", "Anne-Marie de Vries"] * 2
    assert t.segments["text"][1] == (
        "Ik lees eerst recensies. Daarna vergelijk ik prijzen.\n\nSoms vraag ik het aan mijn buurvrouw."
    )
    assert t.segments["text"][3] == "Meestal online, want dat is *goedkoper*."
    assert "**" not in "".join(t.segments["text"])


def test_otter_header_lines():
    t = parse("otter.txt")
    assert [s for s, _, _ in rows(t)] == ["Sanne Bakker", "Jan"] * 2 + ["Sanne Bakker"]
    assert t.segments["start_s"].tolist() == [5.0, 12.0, 62.0, 70.0, 3665.0]
    assert t.segments["text"][1] == (
        "Eerlijk gezegd vond ik het inloggen lastig.\nIk moest drie keer mijn wachtwoord resetten."
    )
    assert t.segments["role"][0] == "interviewer"


def test_bracketed_speaker_ids_and_annotations():
    t = parse("brackets.txt")
    assert [s for s, _, _ in rows(t)] == ["Sanne", "P07", "Sanne", "P07"]
    # "[lacht]" is an annotation inside the turn, not a speaker.
    assert t.segments["text"][1].endswith("[lacht] Best saai eigenlijk.")
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2


def test_english_q_and_a():
    t = parse("english.txt")
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2
    assert t.segments["text"][0] == "How did you first hear about us?"


@pytest.mark.parametrize(
    "line, speaker, text, start",
    [
        ("Anouk: Ja.", "Anouk", "Ja.", math.nan),
        ("Anne-Marie de Vries: Ja.", "Anne-Marie de Vries", "Ja.", math.nan),
        ("Jan van den Berg: Ja.", "Jan van den Berg", "Ja.", math.nan),
        ("**Anouk**: Ja.", "Anouk", "Ja.", math.nan),
        ("**Anouk:** Ja.", "Anouk", "Ja.", math.nan),
        ("**Anouk** (01:02): Ja.", "Anouk", "Ja.", 62.0),
        ("[Anouk] Ja.", "Anouk", "Ja.", math.nan),
        ("[P01] Ja.", "P01", "Ja.", math.nan),
        ("[00:01:23] Anouk: Ja.", "Anouk", "Ja.", 83.0),
        ("00:01:23 - Anouk: Ja.", "Anouk", "Ja.", 83.0),
        ("(01:23) Anouk: Ja.", "Anouk", "Ja.", 83.0),
        ("[1:02:03.5] Anouk: Ja.", "Anouk", "Ja.", 3723.5),
        ("Anouk [00:01:23]: Ja.", "Anouk", "Ja.", 83.0),
        ("Anouk (01:23): Ja.", "Anouk", "Ja.", 83.0),
        ("Anouk: [00:01:23] Ja.", "Anouk", "Ja.", 83.0),
        ("[00:01:23] [Anouk] Ja.", "Anouk", "Ja.", 83.0),
        ("00:01:23\tAnouk\tJa.", "Anouk", "Ja.", 83.0),
        ("Anouk  0:05\nJa.", "Anouk", "Ja.", 5.0),
        ("Anouk 00:01:05\nJa.", "Anouk", "Ja.", 65.0),
        ("Anouk:\nJa.", "Anouk", "Ja.", math.nan),
        ("spk_1: Ja.", "spk_1", "Ja.", math.nan),
        ("Respondent: Ja.", "Respondent", "Ja.", math.nan),
        ("Geïnterviewde: Ja.", "Geïnterviewde", "Ja.", math.nan),
    ],
)
def test_label_layouts(line, speaker, text, start):
    t = bytes_of(f"Interviewer: Hoe gaat het?\n{line}\nInterviewer: Mooi zo.\n")
    seg = t.segments
    assert seg["speaker"].tolist() == ["Interviewer", speaker, "Interviewer"]
    assert seg["text"][1] == text
    got = seg["start_s"][1]
    assert (math.isnan(got) and math.isnan(start)) or got == start
    assert seg["role"].tolist() == ["interviewer", "participant", "interviewer"]


@pytest.mark.parametrize(
    "line",
    [
        "Let op: de bezorging was laat.",
        "Ik zei: dat kan beter.",
        "Datum: 12 maart",
        "Om 10:30 belde ik.",
        "Zie https://example.org: daar stond het.",
        "[lacht] Ja.",
        "Q&A: geen idee.",
    ],
)
def test_lines_that_are_not_labels_continue_the_turn(line):
    t = bytes_of(f"Interviewer: Hoe ging het?\nAnouk: Goed.\n{line}\nInterviewer: En toen?\nAnouk: Niets.\n")
    assert t.segments["speaker"].tolist() == ["Interviewer", "Anouk"] * 2
    assert t.segments["text"][1] == f"Goed.\n{line}"


def test_a_person_who_speaks_once_in_the_files_layout_is_a_speaker():
    base = "Sanne: Hoe ging het?\nAnouk: Goed.\nSanne: En toen?\nAnouk: Niets.\n"
    once = bytes_of(base + "Koen Visser: Mag ik iets toevoegen?\nAnouk: Ja.\n")
    assert once.segments["speaker"].tolist()[-2:] == ["Koen Visser", "Anouk"]
    # … but not inside a turn written over several lines, where the layout is different.
    para = bytes_of("Sanne: Hoe ging het?\n\nAnouk: Goed.\nKoen Visser: dat zei hij.\n\nSanne: En?\n\n"
                    "Anouk: Niets.\n")
    assert "Koen Visser" not in para.segments["speaker"].tolist()
    twice = bytes_of(base + "Koen Visser: Mag ik?\nAnouk: Ja.\nKoen Visser: Dank je.\n")
    assert twice.segments["speaker"].tolist().count("Koen Visser") == 2
    # The study's interviewer labels are speakers even when they occur once.
    forced = bytes_of(base + "Koen Visser: Mag ik iets toevoegen?\n", interviewer=["koen visser"])
    assert forced.segments["speaker"].tolist()[-1] == "Koen Visser"


def test_short_exchange_with_single_labels():
    t = bytes_of("Sanne: Hoe ging het?\nAnouk: Goed.\n")
    assert t.segments["speaker"].tolist() == ["Sanne", "Anouk"]
    assert t.segments["role"].tolist() == ["interviewer", "participant"]


def test_header_metadata_with_role_words_is_not_a_turn():
    t = bytes_of(
        "Interview 3\nInterviewer: Sanne Bakker\nDeelnemer: Anouk (P03)\n\n"
        "Sanne: Hoe ging het?\nAnouk: Goed.\nSanne: En toen?\nAnouk: Niets.\n"
    )
    assert t.segments["speaker"].tolist() == ["Sanne", "Anouk"] * 2
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2


# ---------------------------------------------------------------- WebVTT and SRT


def test_zoom_vtt_merges_consecutive_cues_and_continues_speakers():
    t = parse("zoom.vtt")
    seg = t.segments
    assert seg["speaker"].tolist() == ["Sanne Bakker", "Anouk de Vries"] * 2
    assert seg["role"].tolist() == ["interviewer", "participant"] * 2
    # Cues 1+2 are one turn: start of the first, end of the last.
    assert seg["start_s"][0] == pytest.approx(1.02) and seg["end_s"][0] == pytest.approx(7.25)
    assert seg["text"][0] == "Goedemiddag, fijn dat u er bent. Hoe kwam u bij ons terecht?"
    # Multi-line cue, entities, diacritics.
    assert seg["text"][1] == (
        "Via Instagram. Ik zag een advertentie voor een cadeau voor mijn zus' reünie. "
        "Ik was meteen geïnteresseerd & ben gaan kijken."
    )
    # "Let op:" is not a speaker; the unlabelled cue 7 continues Anouk's turn.
    assert seg["text"][3] == (
        "Let op: de bezorging duurde één week te lang. Daarna heb ik gebeld met de klantenservice."
    )
    assert seg["end_s"][3] == 26.0
    assert t.text.startswith(
        "[00:00:01] Sanne Bakker: Goedemiddag, fijn dat u er bent. Hoe kwam u bij ons terecht?\n\n"
        "[00:00:08] Anouk de Vries: Via Instagram."
    )
    assert "Ã" not in t.text


def test_teams_vtt_voice_tags_blocks_settings_and_markup():
    t = parse("teams.vtt")
    seg = t.segments
    assert seg["speaker"].tolist() == ["Sanne Bakker", "Jan Jansen"] * 2
    assert seg["text"][0] == (
        "Welkom bij dit gesprek over onze webshop. Kunt u vertellen hoe u ons vond?"
    )
    # <v.loud …> without </v>, &lt; &gt; &nbsp;, <c.yellow>, a timestamp tag.
    assert seg["text"][1] == (
        "Via Google, <denk ik>. Ik zocht een fiets. De site was traag op mijn telefoon."
    )
    assert (seg["start_s"][1], seg["end_s"][1]) == (6.5, 12.4)
    # Hours optional in cue timings; two voices in one cue are two turns.
    assert seg["start_s"].tolist()[2:] == [3601.0, 3601.0]
    assert seg["text"].tolist()[2:] == ["Zou u ons aanraden?", "Ja, zeker wel."]
    assert "Gemaakt door Teams" not in t.text and "color" not in t.text


def test_vtt_without_speakers_is_one_speaker():
    t = parse("unlabeled.vtt")
    assert t.segments["speaker"].tolist() == ["Speaker"]
    assert t.segments["text"][0] == "Dit is een opname zonder sprekers. Het gaat over de bezorging."
    assert (t.segments["start_s"][0], t.segments["end_s"][0]) == (1.0, 5.0)


def test_vtt_header_followed_directly_by_cue():
    t = bytes_of("WEBVTT\n00:01.000 --> 00:02.000\nAnouk: Hallo.\n", "a.vtt")
    assert t.segments["text"].tolist() == ["Hallo."]


def test_srt_names_brackets_and_tags():
    t = parse("names.srt")
    assert rows(t) == [
        ("Interviewer", "interviewer", "Hoe bevalt de nieuwe abonnementsvorm?"),
        ("Fatima", "participant", "Goed! Al mis ik de maandelijkse korting. Die was echt fijn."),
        ("Interviewer", "interviewer", "Begrijpelijk. Nog iets anders?"),
    ]
    assert (t.segments["start_s"][1], t.segments["end_s"][1]) == (4.5, 10.0)
    assert t.format == "srt"


def test_srt_dialogue_dashes_alternate_speakers():
    t = parse("dialogue.srt")
    assert t.segments["speaker"].tolist() == ["Speaker 1", "Speaker 2"] * 2
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2
    assert t.segments["text"][3] == "Overzichtelijk, maar traag. Vooral het afrekenen duurde lang."


# ---------------------------------------------------------------- DOCX


def test_docx_paragraph_labels_and_bold_names():
    t = parse("paragraphs.docx")
    assert t.encoding == "" and t.format == "docx"
    assert [s for s, _, _ in rows(t)] == ["Interviewer", "Mohammed"] * 3
    assert t.segments["text"][1] == (
        "De premie werd te hoog. Ik heb vergeleken op een vergelijkingssite.\n"
        "Daarna heb ik de polisvoorwaarden gelezen."
    )
    assert t.segments["text"][3] == "Heel makkelijk. Let op: de oude verzekeraar zegde automatisch op."
    assert t.segments["start_s"][4] == 750.0
    assert "Datum" not in t.text  # heading and notes before the first label are dropped


@pytest.mark.parametrize("name", ["table2.docx", "table3.docx"])
def test_docx_tables(name):
    t = parse(name)
    assert t.segments["speaker"].tolist() == ["Speaker 1", "Speaker 2"] * 2
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2
    # Consecutive rows of one speaker are one turn; the header row is skipped.
    assert t.segments["text"][1] == (
        "Through a Facebook ad, I think.\nIt showed a discount for new customers."
    )
    starts = t.segments["start_s"].tolist()
    if name == "table3.docx":
        assert starts == [2.0, 5.0, 14.0, 17.0]
    else:
        assert all(math.isnan(s) for s in starts)


def test_docx_interviewer_override(tmp_path):
    doc = docx.Document()
    for speaker, text in [("Sanne", "Welkom."), ("Bas", "Waarom?"), ("Sanne", "Daarom."), ("Bas", "Oké?")]:
        doc.add_paragraph(f"{speaker}: {text}")
    path = tmp_path / "override.docx"
    doc.save(path)
    assert parse_transcript(path).segments["role"].tolist()[:2] == ["participant", "interviewer"]
    t = parse_transcript(path, interviewer=["SANNE"])
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2


# ---------------------------------------------------------------- encodings


def test_cp1252_file():
    t = parse("cp1252.txt")
    assert t.encoding == "cp1252"
    assert "reünie" in t.segments["text"][3] and "–" in t.segments["text"][3]
    assert t.segments["text"][0] == "Wat vond u van de prijs van € 49,95?"
    assert "café ’t Hoekje" in t.text and "Ã" not in t.text
    assert t.segments["speaker"].tolist() == ["Interviewer", "Deelnemer"] * 2


def test_bom_and_crlf_and_utf16():
    t = parse("bom_crlf.txt")
    assert t.encoding == "utf-8-sig"
    assert not t.text.startswith("\ufeff") and "\r" not in t.text
    assert t.segments["text"][1] == "Omslachtig. Ik moest een formulier printen.\nIk heb geen printer."
    u = parse("utf16.txt")
    assert u.encoding == "utf-16"
    assert u.segments["text"].tolist() == t.segments["text"].tolist()


def test_decode_text_variants():
    assert decode_text("reünie".encode()) == ("reünie", "utf-8")
    assert decode_text("reünie".encode("cp1252")) == ("reünie", "cp1252")
    assert decode_text(codecs.BOM_UTF8 + "reünie".encode()) == ("reünie", "utf-8-sig")
    assert decode_text("reünie".encode("utf-16")) == ("reünie", "utf-16")
    # UTF-8 is tried before cp1252, so UTF-8 never turns into mojibake; mojibake that was saved
    # as UTF-8 ("Ã«") is repaired with a warning, or refused by callers that cannot warn.
    d = decode("reÃ¼nie Ã«".encode())
    assert (d.text, d.encoding) == ("reünie ë", "utf-8") and d.warnings[0].startswith("line 1: mojibake")
    with pytest.raises(DecodeError):
        decode_text("Ã«".encode())
    assert decode_text(b"") == ("", "utf-8")
    assert decode_text(b"a;b\r\n") == ("a;b\r\n", "utf-8")


@pytest.mark.parametrize("data", [b"abc \x81 def", b"abc\x00def", b"a\x9d", "ok\x85".encode()])
def test_decode_text_rejects_garbage(data):
    with pytest.raises(DecodeError) as err:
        decode_text(data, path="s.csv")
    assert "s.csv" in str(err.value)
    assert "UTF-8" in err.value.hint


def test_normalize_newlines():
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert normalize_newlines("plain") == "plain"


# ---------------------------------------------------------------- roles


def test_detect_roles_by_role_words():
    assert detect_roles(["Interviewer", "Anouk"], ["Ja.", "Nee?"]) == {
        "interviewer": "interviewer",
        "anouk": "participant",
    }
    assert detect_roles(["R", "Sanne", "R"], ["Ja.", "Echt?", "Ja."]) == {
        "r": "participant",
        "sanne": "interviewer",
    }
    assert detect_roles(["Moderator", "P1", "P2"], ["Wie?", "Ik.", "Ik ook."]) == {
        "moderator": "interviewer",
        "p1": "participant",
        "p2": "participant",
    }


def test_detect_roles_by_questions_and_ties():
    # The speaker with more questions is the interviewer even when not first.
    roles = detect_roles(["Jan", "Piet", "Jan", "Piet"], ["Zal ik?", "Wat?", "Ja.", "Hoe dan?"])
    assert roles == {"jan": "participant", "piet": "interviewer"}
    # A tie goes to the first speaker.
    assert detect_roles(["Jan", "Piet"], ["Ja.", "Nee."]) == {"jan": "interviewer", "piet": "participant"}
    # More than two speakers: one interviewer, the rest participants.
    roles = detect_roles(["A1", "Bo", "Cas"], ["Ok.", "Wat vindt u?", "Goed."])
    assert list(roles.values()).count("interviewer") == 1 and roles["bo"] == "interviewer"
    # One speaker: no interviewer.
    assert detect_roles(["Speaker"], ["Hoe?"]) == {"speaker": "participant"}


def test_detect_roles_override_is_case_insensitive_and_falls_back():
    roles = detect_roles(["Interviewer", "Anouk"], ["Ja?", "Nee."], interviewer=["anouk"])
    assert roles == {"interviewer": "participant", "anouk": "interviewer"}
    # Labels given for the study that do not occur in this file: detection as usual.
    roles = detect_roles(["I", "R"], ["Ja?", "Nee."], interviewer=["Onderzoeker"])
    assert roles == {"i": "interviewer", "r": "participant"}


def test_override_in_parse():
    t = parse("questions.txt", interviewer=["Jan"])
    assert set(t.segments.loc[t.segments["speaker"] == "Jan", "role"]) == {"interviewer"}
    assert set(t.segments.loc[t.segments["speaker"] == "Piet", "role"]) == {"participant"}
    assert parse("questions.txt").segments["role"][0] == "participant"


def test_label_helpers():
    assert role_word("Interviewer 2") == "interviewer" and role_word("Int.") == "interviewer"
    assert role_word("Deelnemer") == "participant" and role_word("Anouk") is None
    assert label_key("  Anne-Marie   de Vries ") == "anne-marie de vries"
    assert plausible_label("Anne-Marie de Vries") and plausible_label("P01")
    assert not plausible_label("Let op") and not plausible_label("Ik zei")
    assert not plausible_label("lacht") and not plausible_label("x" * 41)
    assert accept_labels(["sanne", "anouk", "sanne", "anouk", "koen"]) == {"sanne", "anouk", "koen"}
    assert accept_labels(["sanne", "anouk"]) == {"sanne", "anouk"}
    # A label once, in another layout than the file's turns, is not a speaker.
    cands = [Candidate("sanne", True, "turn"), Candidate("anouk", True, "turn")] * 2 + [Candidate("koen", True, "x")]
    assert choose_labels(cands) == {"sanne", "anouk"}


# ---------------------------------------------------------------- errors


def test_a_malformed_cue_among_good_ones_is_skipped_with_a_warning():
    t = parse("bad_timestamp.vtt")
    assert t.segments["text"].tolist() == ["Hallo."]
    assert t.warnings == ["line 8: cue skipped, its timing '00:01:2,5 --> x' cannot be read (text: 'Anouk: Dag.')"]
    # A file in which no cue can be read is refused, with the line.
    with pytest.raises(TranscriptError) as err:
        bytes_of("WEBVTT\n\n1\n00:01:2,5 --> x\nAnouk: Dag.\n", "bad.vtt")
    e = err.value
    assert e.line == 4 and "bad.vtt, line 4" in str(e) and "00:01:2,5" in str(e)
    assert "00:01:02.500 --> 00:01:05.000" in e.hint


def test_vtt_missing_header():
    with pytest.raises(TranscriptError) as err:
        parse("no_header.vtt")
    assert err.value.line == 1 and "no_header.vtt" in str(err.value)
    assert "WEBVTT" in err.value.hint


def test_vtt_cue_without_timing_and_srt_oddities_load_with_warnings():
    t = parse("no_timing.vtt")  # "—" instead of "-->"
    assert t.segments["text"].tolist() == ["Hallo.", "Dag."] and t.warnings[0].startswith("line 8: timing written")
    # SRT without milliseconds is read; a block without number and timing stays with the cue before.
    assert parse("bad_timing.srt").segments["speaker"].tolist() == ["Interviewer", "Anouk"]
    t = parse("stray_text.srt")
    assert t.segments["speaker"].tolist() == ["Interviewer", "Anouk"]
    assert t.warnings == ["line 5: text without a timing line ('Anouk: Dag.') read as part of the cue before it"]


@pytest.mark.parametrize(
    "text, line",
    [
        ("WEBVTT\n\n00:00:01.000 --> 00:00:75.000\nHallo.\n", 3),  # seconds >= 60
        ("WEBVTT\n\n1\n00:00:01.000 00:00:02.000\nHallo.\n", 3),  # no arrow: no timing line
    ],
)
def test_vtt_timing_values(text, line):
    with pytest.raises(TranscriptError) as err:
        bytes_of(text, "x.vtt")
    assert err.value.line == line


def test_empty_file():
    with pytest.raises(EmptyFileError) as err:
        parse("empty.txt")
    assert "empty.txt" in str(err.value)
    assert "Interviewer:" in err.value.hint


def test_text_without_speakers_is_read_as_a_document_with_a_warning():
    t = parse("no_labels.txt")
    assert t.kind == "document" and t.layout == "paragraphs"
    assert t.segments["speaker"].tolist() == ["no_labels", "no_labels"]
    assert set(t.segments["role"]) == {"participant"} and t.segments["verbatim"].all()
    assert "no speaker labels found" in t.warnings[0] and "[transcripts] notes" in t.warnings[0]


def test_empty_vtt_and_docx(tmp_path):
    with pytest.raises(EmptyFileError) as err:
        bytes_of("WEBVTT\n\nNOTE nothing here\n", "leeg.vtt")
    assert "leeg.vtt" in str(err.value) and err.value.hint
    path = tmp_path / "leeg.docx"
    docx.Document().save(path)
    with pytest.raises(EmptyFileError) as err:
        parse_transcript(path)
    assert "leeg.docx" in str(err.value) and "table" in err.value.hint


def test_binary_junk_txt():
    with pytest.raises(DecodeError) as err:
        parse("junk.txt")
    assert "junk.txt" in str(err.value) and "UTF-8" in err.value.hint


@pytest.mark.parametrize("name", ["corrupt.docx", "legacy.docx"])
def test_corrupt_docx(name):
    with pytest.raises(FormatError) as err:
        parse(name)
    assert name in str(err.value) and ".docx" in err.value.hint


def test_unknown_extension_lists_formats():
    with pytest.raises(FormatError) as err:
        parse("unknown.pdf")
    assert "unknown.pdf" in str(err.value)
    for ext in (".txt", ".md", ".vtt", ".srt", ".docx"):
        assert ext in err.value.hint


def test_doc_extension_hint():
    with pytest.raises(FormatError) as err:
        parse_transcript_bytes(b"x", "oud.doc")
    assert "save it as .docx" in err.value.hint


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FormatError) as err:
        parse_transcript(tmp_path / "weg.txt", source="interviews/weg.txt")
    assert "interviews/weg.txt" in str(err.value) and "not found" in str(err.value)
    folder = tmp_path / "map.txt"
    folder.mkdir()
    with pytest.raises(WorkbenchError) as err:
        parse_transcript(folder)
    assert "map.txt" in str(err.value)


def test_transcript_repr():
    assert repr(parse("labels.txt")).startswith("Transcript(source=")


def test_interviewer_as_a_single_string():
    t = parse("questions.txt", interviewer="Jan")
    assert t.segments["role"][0] == "interviewer"


def test_vtt_and_srt_with_bom_and_crlf():
    vtt = "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\nAnouk: Hallo.\r\n"
    t = parse_transcript_bytes(codecs.BOM_UTF8 + vtt.encode(), "bom.vtt")
    assert t.encoding == "utf-8-sig" and t.segments["text"].tolist() == ["Hallo."]
    srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nAnouk: Één.\r\n"
    t = parse_transcript_bytes(srt.encode("cp1252"), "cp.srt")
    assert t.encoding == "cp1252" and t.segments["text"].tolist() == ["Één."]


@pytest.mark.parametrize("name", GOOD + ["bad_timestamp.vtt", "no_header.vtt", "bad_timing.srt"])
def test_damaged_files_give_workbench_errors_only(name):
    """Truncated or byte-flipped copies of every fixture parse or raise a WorkbenchError."""
    import random

    data = (FIX / name).read_bytes()
    rng = random.Random(name)
    for _ in range(15):
        damaged = bytearray(data[: rng.randrange(1, len(data) + 1)])
        for _ in range(rng.randrange(0, 4)):
            if damaged:
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            t = parse_transcript_bytes(bytes(damaged), name)
        except WorkbenchError:
            continue
        for seg in t.segments.itertuples():
            assert t.text[seg.char_start : seg.char_end] == seg.text
