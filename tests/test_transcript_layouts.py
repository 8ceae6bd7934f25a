"""One conversation, every layout real tools write it in: the same turns, speakers and roles.

Otter and new Teams write a name line with a time above the text ("Bakker, Sanne  0:14"),
Teams' and Stream's transcript downloads write timing / name / text lines with or without blank
lines between cues (and a title block on top), in .txt, .vtt and Word; company directories put
the surname first. The reader must find the same turns in all of them, match "Surname, First" to
the study's "First Surname" interviewer, and report what it skipped (issue: user trial A1–A3).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import docx
import pytest

from workbench.io._messages import say
from workbench.io._speakers import label_key
from workbench.io._subtitles import parse_timed_text
from workbench.io.transcripts import parse_transcript, parse_transcript_bytes

HERE = Path(__file__).parent / "fixtures" / "transcripts"

# (first names, surname as a directory writes it after the comma-less name) — particles,
# diacritics, hyphens and initials, as Dutch and English participants have them.
PEOPLE = [
    ("Marieke", "van Dam"), ("Joëlle", "Kuipers-Smit"), ("J.P.", "de Groot"), ("Ömer", "Yılmaz"),
    ("Anne-Fleur", "ter Horst"), ("Siobhán", "O'Neill"), ("Pieter", "van den Berg"), ("Li", "Wei"),
]
QUESTIONS = [
    "Hoe kwam je bij ons terecht?", "Wat gebeurde er daarna?", "Waarom koos je toen voor de app?",
    "Wat had je liever gezien?", "How did you hear about the offer?", "En hoe liep de levering?",
]
ANSWERS = [
    "Via een collega, die had er goede ervaringen mee.", "De bezorger belde aan terwijl ik op mijn werk was.",
    "Ik heb drie winkels vergeleken, deze was het goedkoopst.", "A friend sent me the link, so I had a look.",
    "Het formulier werkte niet op mijn telefoon. Ik heb het uiteindelijk op de laptop gedaan.",
    "Let op: dat was al de tweede keer dat het misging.", "Prima, niets op aan te merken eigenlijk.",
]
SUFFIXES = ["", " (Gast)", " (Guest)", " (External)", " (Extern)"]


def _conversation(rng: random.Random) -> tuple[list[tuple[str, str, str]], tuple[str, str], tuple[str, str]]:
    """[(who, text, role)] with who in {"I", "P"}; the interviewer and the participant."""
    interviewer, participant = rng.sample(PEOPLE, 2)
    turns = []
    for k in range(rng.randint(2, 5)):
        turns.append(("I", rng.choice(QUESTIONS), "interviewer"))
        answer = rng.choice(ANSWERS) if k % 2 else " ".join(rng.sample(ANSWERS, 2))
        turns.append(("P", answer, "participant"))
    return turns, interviewer, participant


def _label(person: tuple[str, str], order: str, suffix: str = "") -> str:
    first, last = person
    return (f"{last}, {first}" if order == "last_first" else f"{first} {last}") + suffix


def _clock(secs: int, style: str) -> str:
    if style == "otter":
        return f"{secs // 60}:{secs % 60:02d}"
    if style == "full":
        return f"{secs // 3600:02d}:{secs % 3600 // 60:02d}:{secs % 60:02d}"
    return f"0:{secs // 60}:{secs % 60}.{secs * 37 % 1000:03d}"  # Teams/Stream: 0:0:3.120


def _otter(turns, names, clock: str) -> list[str]:
    lines = []
    for k, (who, text, _) in enumerate(turns):
        lines += [f"{names[who]}  {_clock(k * 9, clock)}", text, ""]
    return lines


def _cues(turns, names, gaps: bool, numbers: bool, title: bool) -> list[str]:
    lines = ["Klantgesprek - opname", "March 3, 2026, 2:15PM", "29m 40s"] if title else []
    if title and gaps:
        lines.append("")
    for k, (who, text, _) in enumerate(turns):
        if numbers:
            lines.append(str(k + 1))
        start, end = _clock(k * 9 + 1, "teams"), _clock(k * 9 + 7, "teams")
        lines += [f"{start} --> {end}", names[who], text]
        if gaps:
            lines.append("")
    return lines


def _inline(turns, names, style: str) -> list[str]:
    """The time beside the name: Trint, Descript, Rev, a Zoom/tab export, the time above the text."""
    lines = []
    for k, (who, text, _) in enumerate(turns):
        ts, name = _clock(k * 9, "full"), names[who]
        lines += {"trint": [f"{name}  [{ts}] {text}", ""], "trint_paren": [f"{name} ({ts}) {text}"],
                  "descript": [f"[{ts}] {name}: {text}"], "rev": [f"{name} ({ts}):", text, ""],
                  "tab": [f"{ts}\t{name}:\t{text}"], "time_first": [f"{ts} {name}", text, ""],
                  "time_first_brackets": [f"[{ts}] {name}", text, ""]}[style]
    return lines


def _docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _layouts(turns, interviewer, participant, rng: random.Random):
    """(description, file name, bytes, a title was written above the first cue)."""
    order_i, order_p = rng.choice(["first_last", "last_first"]), rng.choice(["first_last", "last_first"])
    names = {"I": _label(interviewer, order_i), "P": _label(participant, order_p, rng.choice(SUFFIXES))}
    for clock in ("otter", "full"):
        yield f"otter {clock}", "x.txt", "\n".join(_otter(turns, names, clock)).encode(), False
    yield "otter in Word", "x.docx", _docx(_otter(turns, names, "otter")), False
    for style in ("trint", "trint_paren", "descript", "rev", "tab", "time_first", "time_first_brackets"):
        yield f"inline {style}", "x.txt", "\n".join(_inline(turns, names, style)).encode(), False
    yield "inline trint in Word", "x.docx", _docx(_inline(turns, names, "trint")), False
    for gaps in (True, False):
        for title in (False, True):
            lines = _cues(turns, names, gaps, numbers=False, title=title)
            what = f"teams gaps={gaps} title={title}"
            yield what + " .txt", "x.txt", "\n".join(lines).encode(), title
            yield what + " .docx", "x.docx", _docx(lines), title
            if not title:
                yield what + " .vtt", "x.vtt", ("WEBVTT\n\n" + "\n".join(lines)).encode(), False
        yield f"srt gaps={gaps}", "x.srt", "\n".join(_cues(turns, names, gaps, True, False)).encode(), False


@pytest.mark.parametrize("seed", range(12))
def test_the_same_conversation_gives_the_same_turns_in_every_layout(seed):
    rng = random.Random(seed)
    turns, interviewer, participant = _conversation(rng)
    expected = [(label_key(_label(interviewer if w == "I" else participant, "first_last")), role, text)
                for w, text, role in turns]
    # the study names the interviewer in either order; the file may use the other one
    config = [_label(interviewer, rng.choice(["first_last", "last_first"]))]
    for what, name, data, title in _layouts(turns, interviewer, participant, rng):
        for given in (config, None):  # named in study.toml, or detected from the questions
            t = parse_transcript_bytes(data, name, interviewer=given)
            got = [(label_key(s), r, x) for s, r, x in zip(t.segments["speaker"], t.segments["role"].astype(str),
                                                            t.segments["text"], strict=True)]
            assert got == expected, (seed, what, given)
            if title:
                assert len(t.warnings) == 1 and "before the first cue" in t.warnings[0], (what, t.warnings)
            else:
                assert t.warnings == [], (what, t.warnings)


def test_otter_surname_first_labels_keep_the_interviewers_turns():
    t = parse_transcript(HERE / "otter_surname_first.txt", interviewer=["Marieke van Dam"])
    seg = t.segments
    assert t.layout == "otter" and t.warnings == []
    assert seg["role"].tolist() == ["interviewer", "participant"] * 3
    assert seg["text"][0].startswith("Fijn dat je tijd hebt.")  # the first turn is not lost
    assert not seg["text"].str.contains("0:15|Dam, Marieke").any()  # no name line glued into a turn
    assert seg["start_s"].tolist() == [0.0, 6.0, 15.0, 19.0, 34.0, 38.0]


@pytest.mark.parametrize("label", ["Bakker, Sanne", "Sanne Bakker", "Bakker, Sanne (Extern)", "Bakker,  Sanne"])
def test_surname_first_labels_match_the_study_interviewer_in_either_order(label):
    text = f"{label}  0:01\nHoe ging het?\n\nFloor Jansen  0:04\nGoed.\n\n{label}  0:07\nEn toen?\n\nFloor Jansen  0:09\nNiets."
    for given in (["Sanne Bakker"], ["Bakker, Sanne"]):
        t = parse_transcript_bytes(text.encode(), "x.txt", interviewer=given)
        assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2, (label, given)


def test_a_sentence_with_a_comma_is_not_a_surname_first_label():
    text = "Sanne: Hoe ging het?\nFloor: Goed.\nNou, kijk: het ging eigenlijk prima.\nSanne: En toen?\nFloor: Niets."
    t = parse_transcript_bytes(text.encode(), "x.txt")
    assert t.segments["speaker"].tolist() == ["Sanne", "Floor", "Sanne", "Floor"]
    assert "Nou, kijk: het ging" in t.segments["text"][1]


def test_speaker_lines_that_are_not_understood_are_reported_not_glued_silently():
    text = ("Bakker; Sanne  0:00\nWelkom, hoe kwam je bij ons?\n\nFloor Jansen  0:05\nVia een advertentie.\n\n"
            "Bakker; Sanne  0:09\nEn toen?\n\nFloor Jansen  0:12\nToen heb ik besteld.\n")
    t = parse_transcript_bytes(text.encode(), "x.txt")
    assert [w.split(":")[0] for w in t.warnings] == ["lines 1–2", "line 7"]
    assert "looks like a speaker line" in t.warnings[1] and "Bakker; Sanne  0:09" in t.warnings[1]


def test_teams_download_without_blank_lines():
    t = parse_transcript(HERE / "teams_no_gaps.txt")
    assert t.layout == "timed cues, name lines" and t.warnings == []
    assert [(s, r) for s, r in zip(t.segments["speaker"], t.segments["role"].astype(str), strict=True)] == [
        ("Kuipers-Smit, Joëlle", "interviewer"), ("J.P. de Groot", "participant"),
        ("Kuipers-Smit, Joëlle", "interviewer"), ("J.P. de Groot", "participant")]
    assert t.segments["text"][1].endswith("kwam pas na een maand.")  # two cues of one speaker, one turn
    assert t.segments["end_s"][1] == 18.0


def test_word_copy_with_a_title_block_and_no_gaps_is_read_with_a_warning():
    t = parse_transcript(HERE / "teams_title_no_gaps.docx", interviewer=["Joëlle Kuipers-Smit"])
    assert len(t.segments) == 4 and t.segments["role"].tolist() == ["interviewer", "participant"] * 2
    assert len(t.warnings) == 1 and t.warnings[0].startswith("line 1: text before the first cue skipped")
    assert say(t.warnings[0], "nl").startswith("regel 1: tekst vóór de eerste cue overgeslagen")


def test_error_hints_fit_the_file_type():
    from workbench.errors import TranscriptError

    bad = "Titel van het gesprek\n\nnog een regel\n"
    with pytest.raises(TranscriptError) as word:
        parse_timed_text(bad, "gesprek.docx")
    assert "Word" in str(word.value) and "SRT" not in str(word.value) and "cue number" not in str(word.value)
    with pytest.raises(TranscriptError) as text:
        parse_timed_text(bad, "gesprek.txt")
    assert "Teams or Stream" in str(text.value) and "SRT" not in str(text.value)


@pytest.mark.parametrize("clock", ["0:14", "00:00:14"])
def test_generic_speaker_labels_in_the_otter_layout(clock):
    text = (f"Speaker 1  0:01\nHoe kwam je bij ons terecht?\n\nSpeaker 2  {clock}\nVia een advertentie, denk ik.\n\n"
            f"Speaker 1  0:20\nEn wat deed je toen?\n\nSpeaker 2  0:25\nIk heb het abonnement direct genomen.\n")
    t = parse_transcript_bytes(text.encode(), "x.md")
    assert t.segments["speaker"].tolist() == ["Speaker 1", "Speaker 2"] * 2 and t.warnings == []
    assert t.segments["role"].tolist() == ["interviewer", "participant"] * 2
    assert t.segments["start_s"][1] == 14.0


def test_every_reader_message_has_the_same_values_in_dutch_and_english_and_survives_pickling():
    import pickle
    import string

    from workbench.io._messages import MESSAGES, note

    for key, templates in MESSAGES.items():
        # a value worded per language carries its language as a suffix ('about_nl', 'about_en')
        fields = {lang: {f.removesuffix(f"_{lang}") for _, f, _, _ in string.Formatter().parse(t) if f}
                  for lang, t in templates.items()}
        assert set(fields) == {"nl", "en"} and fields["nl"] == fields["en"], key
    w = pickle.loads(pickle.dumps(note("text_joined", line=4, text="nog wat")))  # background loading pickles
    assert say(w, "nl") == "regel 4: tekst zonder tijdregel ('nog wat') gelezen als deel van de cue ervoor"
    assert say(w, "en") == str(w) == "line 4: text without a timing line ('nog wat') read as part of the cue before it"


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("name", ["x.txt", "x.docx"])
def test_names_on_lines_of_their_own_are_speakers_with_a_note(seed, name):
    rng = random.Random(seed)
    turns, interviewer, participant = _conversation(rng)
    names = {"I": rng.choice(["Interviewer", _label(interviewer, "first_last")]), "P": _label(participant, "first_last")}
    lines = []
    for who, text, _ in turns:
        lines += [names[who], text, ""]
    data = "\n".join(lines).encode() if name.endswith(".txt") else _docx(lines)
    t = parse_transcript_bytes(data, name, interviewer=[names["I"]])
    got = [(label_key(s), r, x) for s, r, x in zip(t.segments["speaker"], t.segments["role"].astype(str),
                                                    t.segments["text"], strict=True)]
    assert got == [(label_key(names[w]), role, text) for w, text, role in turns]
    assert len(t.warnings) == 1 and "lines of their own" in t.warnings[0]


def test_headings_that_do_not_recur_are_not_speakers():
    notes = "Bezoek filiaal Utrecht\n\nBinnenkomst\nDe klant kwam om tien uur binnen.\n\nKassa\nEr stond een lange rij.\n"
    t = parse_transcript_bytes(notes.encode(), "notes.txt")
    assert set(t.segments["speaker"]) == {"notes"} and "no speaker labels" in t.warnings[0]


def test_recurring_headings_of_a_diary_are_not_speakers():
    diary = "\n\n".join(f"{day}\n{text}" for day, text in [
        ("Maandag", "Ik heb de app geïnstalleerd."), ("Dinsdag", "Inloggen lukte niet."),
        ("Maandag", "Weer geprobeerd, nu ging het."), ("Dinsdag", "De klantenservice belde terug.")])
    t = parse_transcript_bytes(diary.encode(), "dagboek.txt")
    assert set(t.segments["speaker"]) == {"dagboek"} and "no speaker labels" in t.warnings[0]
