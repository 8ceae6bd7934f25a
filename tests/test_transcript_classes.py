"""Each class of transcript misread from issue 15, tested as a class (many shapes, not one example).

Speaker names as Zoom and Teams write them, people who speak once, lower-case names, Word soft
breaks, header blocks, focus groups, Otter in Markdown, Teams/Stream layouts, WebVTT details,
encodings and control characters, documents without speakers — and the readers' linear time on
hostile input (issue 18).
"""

from __future__ import annotations

import io
import math

import docx
import pytest
from docx.enum.text import WD_BREAK

from workbench.errors import DecodeError, TranscriptError
from workbench.io._speakers import detect_roles, split_label
from workbench.io.text import decode
from workbench.io.transcripts import parse_document, parse_transcript_bytes

PERSON_TURNS = ["Goedemiddag, hoe kwam u bij ons?", "Via Google.", "En daarna?", "Ik heb besteld."]


def vtt(*cues: tuple[str, str]) -> bytes:
    out = ["WEBVTT", ""]
    for k, (who, text) in enumerate(cues):
        out += [str(k + 1), f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 1:02d}.500", f"{who}: {text}", ""]
    return "\n".join(out).encode()


def speakers(t) -> list[tuple[str, str]]:
    return list(zip(t.segments["speaker"], t.segments["role"], strict=True))


@pytest.mark.parametrize(
    "label, person",
    [
        ("Anna de Vries’s iPhone", "Anna de Vries"),
        ("Anna de Vries's iPhone", "Anna de Vries"),
        ("Kees’ iPad", "Kees"),
        ("Kees' iPad (2)", "Kees"),
        ("Jan's Galaxy S21", "Jan"),
        ("Fatima’s MacBook Pro", "Fatima"),
        ("Bas’s Pixel 7", "Bas"),
        ("iPhone van Jan de Boer", "Jan de Boer"),
        ("Galaxy A52 van Ellen", "Ellen"),
        ("Sanne Bakker (zij/haar)", "Sanne Bakker"),
        ("Tom (Gast)", "Tom"),
        ("Tom (Guest)", "Tom"),
        ("Lisa (SL)", "Lisa"),
        ("Piet Jansen (Extern)", "Piet Jansen"),
        ("Noor (she/her) (Guest)", "Noor"),
        ("Priya sharma", "Priya sharma"),
        ("jan de boer", "jan de boer"),
        ("mohammed el amrani", "mohammed el amrani"),
    ],
)
def test_zoom_display_names_are_one_speaker_wherever_they_speak(label, person):
    """The device/suffix form, also when it speaks once and in lower case, is a speaker of its own
    (never glued to the previous turn) and the same person as the plain name."""
    cues = [("Lisa de Graaf", PERSON_TURNS[0]), (person, "Via Google, met mijn laptop."),
            ("Lisa de Graaf", PERSON_TURNS[2]), (label, "Ik heb het daarna besteld."),
            ("Lisa de Graaf", "Dank u wel.")]
    t = parse_transcript_bytes(vtt(*cues), "zoom.vtt")
    assert t.segments["speaker"].tolist() == ["Lisa de Graaf", person, "Lisa de Graaf", person, "Lisa de Graaf"]
    assert t.segments["text"][3] == "Ik heb het daarna besteld."
    assert split_label(label)[0] == person


@pytest.mark.parametrize("fmt", ["vtt", "txt", "teams"])
def test_someone_who_speaks_once_is_a_speaker_in_every_layout(fmt):
    turns = [("Sanne", "Hoe ging het bestellen?"), ("Anouk", "Goed."), ("Sanne", "En de bezorging?"),
             ("Koen Visser", "Mag ik iets toevoegen? Bij mij was die te laat."), ("Anouk", "Bij mij niet."),
             ("Sanne", "Dank jullie.")]
    if fmt == "vtt":
        data, name = vtt(*turns), "x.vtt"
    elif fmt == "txt":
        data, name = "".join(f"{w}: {t}\n" for w, t in turns).encode(), "x.txt"
    else:
        data = "".join(f"<v {w}>{t}</v>\n\n" for w, t in turns)
        data = ("WEBVTT\n\n" + "".join(f"00:00:{k:02d}.000 --> 00:00:{k:02d}.900\n<v {w}>{t}</v>\n\n"
                                       for k, (w, t) in enumerate(turns))).encode()
        name = "x.vtt"
    t = parse_transcript_bytes(data, name)
    assert t.segments["speaker"].tolist() == [w for w, _ in turns]
    assert t.segments["role"].tolist()[3] == "participant"


@pytest.mark.parametrize("line", ["Let op: dat was in november.", "Datum: 12 maart", "Ik zei: prima.",
                                  "Voordelen: snel en goedkoop.", "Goede vraag: ik weet het niet.",
                                  "Zie https://example.org: daar.", "mijn punt: te duur."])
def test_sentences_with_a_colon_in_a_turn_per_line_file_stay_text(line):
    t = parse_transcript_bytes(f"Sanne: Hoe ging het?\nAnouk: Goed.\n{line}\nSanne: En?\nAnouk: Niets.\n".encode(),
                               "x.txt")
    assert t.segments["speaker"].tolist() == ["Sanne", "Anouk", "Sanne", "Anouk"]


def _docx_bytes(paragraphs: list[list[str]], bold_names: bool = False) -> bytes:
    doc = docx.Document()
    for lines in paragraphs:
        p = doc.add_paragraph()
        for k, line in enumerate(lines):
            name, _, rest = line.partition(": ")
            if bold_names and rest:
                p.add_run(name + ":").bold = True
                run = p.add_run(" " + rest)
            else:
                run = p.add_run(line)
            if k < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("bold", [False, True])
def test_word_soft_line_breaks_split_turns(bold):
    data = _docx_bytes([["Interviewer: Hoe vond u ons?", "Jan: Via Google.", "Interviewer: En toen?"],
                        ["Jan: Besteld.", "Het ging snel.", "Interviewer: Dank u.", "Jan: Graag gedaan."]], bold)
    t = parse_transcript_bytes(data, "p.docx")
    assert speakers(t) == [("Interviewer", "interviewer"), ("Jan", "participant")] * 3
    assert t.segments["text"].tolist()[3] == "Besteld.\nHet ging snel."


@pytest.mark.parametrize(
    "header, interviewer",
    [
        ("Naam: Jan de Boer\nDatum: 14 maart\nInterviewer: Sanne Bakker\n", "Sanne"),
        ("Interviewer: Sanne Bakker\nDeelnemer: Jan de Boer\n", "Sanne"),
        ("Deelnemer: Sanne Bakker\nOnderzoeker: Jan de Boer\n", "Jan"),
        ("Interview 4\nRespondent: Jan de Boer\nLocatie: Utrecht\n", "Sanne"),
        ("Participants: Jan de Boer, Ellen Visser\nModerator: Sanne Bakker\n", "Sanne"),
    ],
)
def test_a_header_block_is_metadata_and_names_the_roles(header, interviewer):
    # Jan asks the questions here: without the header, he would be taken for the interviewer.
    body = ("Sanne: Vertel eens over uw bestelling.\nJan: Welke bedoelt u?\nSanne: De laatste.\n"
            "Jan: Die van de bank? Die kwam laat.\n")
    t = parse_transcript_bytes((header + "\n" + body).encode(), "h.txt")
    assert t.segments["speaker"].tolist() == ["Sanne", "Jan", "Sanne", "Jan"]
    roles = dict(zip(t.segments["speaker"], t.segments["role"], strict=False))
    assert roles[interviewer] == "interviewer" and list(roles.values()).count("interviewer") == 1
    assert not t.segments["text"].str.contains("Bakker|Boer|Datum|Naam").any()


def test_focus_group_moderator_is_found_despite_question_tags():
    texts = ["Welkom. Hoe vonden jullie het bestellen?", "Prima toch? Snel.", "Bij mij ging het mis, snap je?",
             "Ik had dat ook, weet je?", "Wat ging er mis?", "De betaalpagina bleef laden. Raar hè?",
             "Bij mij niet.", "Ik betaal met PayPal, dat gaat goed, right?", "En de bezorging?",
             "Snel.", "Maar de doos was kapot, you know?", "En zouden jullie opnieuw bestellen?", "Ja hoor."]
    who = ["Mod", "Pieter", "Fatima", "Pieter", "Mod", "Fatima", "Joost", "Pieter", "Mod", "Joost", "Pieter",
           "Mod", "Fatima"]
    who = ["Sanne" if w == "Mod" else w for w in who]
    roles = detect_roles(who, texts)
    assert roles == {"sanne": "interviewer", "pieter": "participant", "fatima": "participant", "joost": "participant"}
    # A role hint in a display name decides before questions do.
    hinted = detect_roles(["Tom (Gast)", "Lisa"], ["Wat bedoelt u?", "Hoe was het?"],
                          hints={"tom": "participant"})
    assert hinted == {"tom": "participant", "lisa": "interviewer"}
    assert detect_roles(["Respondent A", "Respondent B", "Moderator"], ["Ja?", "Nee?", "Goed."]) == {
        "respondent a": "participant", "respondent b": "participant", "moderator": "interviewer"}


@pytest.mark.parametrize(
    "text",
    [
        "**{a}** [00:00:03] {x}\n\n**{b}** [00:00:10] {y}\n\n**{a}** [00:01:02] {z}\n",
        "**{a}**  0:03\n{x}\n\n**{b}**  0:10\n{y}\n\n**{a}**  1:02\n{z}\n",
        "**{a}** 00:00:03\n{x}\n\n**{b}** 00:00:10\n{y}\n\n**{a}** 00:01:02\n{z}\n",
        "### {a} (0:03)\n{x}\n\n### {b} (0:10)\n{y}\n\n### {a} (1:02)\n{z}\n",
        "{a}  0:03\n{x}\n{b}  0:10\n{y}\n{a}  1:02\n{z}\n",
    ],
)
def test_otter_exports_pasted_into_markdown(text):
    md = text.format(a="Sanne Bakker", b="Jan Jansen", x="Hoe vond je de app?", y="Inloggen was lastig.\nEcht.",
                     z="Waarom?")
    t = parse_transcript_bytes(md.encode(), "o.md")
    assert t.segments["speaker"].tolist() == ["Sanne Bakker", "Jan Jansen", "Sanne Bakker"]
    assert t.segments["start_s"].tolist() == [3.0, 10.0, 62.0]
    assert t.segments["text"].tolist()[1] == "Inloggen was lastig.\nEcht."


@pytest.mark.parametrize("timing", ["0:0:0.0 --> 0:0:3.490", "00:00:00.000 --> 00:00:03.490",
                                    "0:00:00 --> 0:00:03", "00:00.0 --> 00:03.49"])
@pytest.mark.parametrize("name", ["x.txt", "x.vtt"])
def test_teams_and_stream_timing_name_text_layout(timing, name):
    later = timing.replace("3.490", "9.0").replace(":03", ":09").replace("03.49", "09.00")
    body = f"{timing}\nSanne Bakker\nHoe bent u klant geworden?\n\n{later}\nJansen, Piet\nVia mijn werkgever.\n"
    data = ("WEBVTT\n\n" + body if name.endswith(".vtt") else body).encode()
    t = parse_transcript_bytes(data, name)
    assert speakers(t) == [("Sanne Bakker", "interviewer"), ("Jansen, Piet", "participant")]
    assert t.segments["start_s"][0] == 0.0 and not t.warnings


def test_webvtt_details_from_the_w3c_parsing_tests():
    text = ("WEBVTT\f\n\nid-->with arrow\n00:00:01.000\f-->\t00:00:02.000 align:start\nSanne: Hoe was het?\n\n"
            "00:00:02.500 --> 00:00:0x.000\nAnouk: kapot\n\n00:00:03.000 --> 00:00:04.000\nAnouk: Goed.\n")
    t = parse_transcript_bytes(text.encode(), "w3c.vtt")
    assert t.segments["text"].tolist() == ["Hoe was het?", "Goed."]
    assert [w.split(":")[0] for w in t.warnings] == ["line 3", "line 7"]
    assert "'Anouk: kapot'" in t.warnings[1]


@pytest.mark.parametrize("n", [2_000, 20_000])
def test_readers_are_linear_on_tag_floods(n):
    """A file flooded with voice/markup tags or label-like lines is read (issue 18: this hung).
    Times are measured in benchmarks/readers.py; here the reads must simply finish."""
    flood = "<v a" * n + "<c.x" * n + "{\\b" * n
    t = parse_transcript_bytes(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{flood}\n".encode(), "f.vtt")
    assert len(t.segments) == 1
    t = parse_transcript_bytes(("Anouk " * n + ": x\n" + "**" * n + "\n").encode(), "f.txt")
    assert len(t.segments) >= 1


@pytest.mark.parametrize(
    "text, enc, expected",
    [
        ("Interviewer: 你好，欢迎。\nWang Fang: 我买了一张桌子。\n", "gb2312", "gb18030"),
        ("Interviewer: Как вы нас нашли?\nАнна: Через Google, я искала диван.\n", "cp1251", "cp1251"),
        ("Interviewer: Wat vond u van de prijs van € 49,95?\nDeelnemer: Te duur – reünie.\n", "cp1252", "cp1252"),
    ],
)
def test_legacy_code_pages_are_detected_and_named(text, enc, expected):
    t = parse_transcript_bytes(text.encode(enc), "x.txt")
    assert t.encoding == expected
    assert t.segments["text"].tolist()[1] == text.split("\n")[1].split(": ", 1)[1]
    assert bool(t.warnings) == (enc != "cp1252")  # Windows-1252 is the documented default


def test_mixed_utf8_and_cp1252_lines_are_repaired_line_by_line():
    data = "Interviewer: Één vraag?\n".encode() + "Deelnemer: Reünie – té duur.\n".encode("cp1252")
    d = decode(data)
    assert d.text == "Interviewer: Één vraag?\nDeelnemer: Reünie – té duur.\n"
    assert d.encoding == "utf-8+cp1252" and d.warnings[0].startswith("line 2: not UTF-8")


@pytest.mark.parametrize(
    "raw, clean, start",
    [
        ("It wasn\u00e2\x80\x99t great.", "It wasn’t great.", "line 1: mojibake repaired"),
        ("caf\u00c3\u00a9 en re\u00c3\u00bcnie", "café en reünie", "line 1: mojibake repaired"),
        ("Goed\x00 zo\x00.", "Goed zo.", "line 1: control characters removed (U+0000)"),
        ("Prima\x85 hoor", "Prima… hoor", "line 1: mojibake repaired"),  # 0x85 is '…' in Windows-1252
        ("Prima\x81 hoor", "Prima hoor", "line 1: control characters removed (U+0081)"),  # undefined there
    ],
)
def test_c1_controls_nuls_and_mojibake_are_repaired_with_a_warning(raw, clean, start):
    d = decode(("Koptekst\n" * 40 + raw + "\n").encode())
    assert d.text.split("\n")[40] == clean
    assert d.warnings[-1].startswith(start.replace("line 1", "line 41"))


def test_binary_files_are_still_refused():
    with pytest.raises(DecodeError):
        decode(bytes(range(256)) * 20)
    with pytest.raises(DecodeError):
        decode(b"PK\x03\x04\x00\x00\x00\x08\x00" * 50)


def test_documents_and_notes():
    text = "Dag 1\nBesteld.\n\nDag 2\nNiets gehoord.\n\nDag 3\nGebeld."
    doc = parse_document(text, source="docs/dagboek_P10.txt", participant_id="P10")
    assert doc.segments["text"].tolist() == ["Dag 1\nBesteld.", "Dag 2\nNiets gehoord.", "Dag 3\nGebeld."]
    assert set(doc.segments["speaker"]) == {"P10"} and doc.segments["verbatim"].all()
    for seg in doc.segments.itertuples():
        assert doc.text[seg.char_start:seg.char_end] == seg.text
    notes = parse_transcript_bytes(text.encode(), "veld.txt", kind="notes")
    assert notes.kind == "notes" and not notes.segments["verbatim"].any()
    # A text without blank lines has one segment per line; a diary with "Maandag:" lines is
    # a document when listed as one, even though such lines could look like labels.
    lines = parse_transcript_bytes(b"Maandag: besteld.\nDinsdag: niets.\n", "d.txt", kind="document")
    assert lines.segments["text"].tolist() == ["Maandag: besteld.", "Dinsdag: niets."]
    assert math.isnan(lines.segments["start_s"][0])


def test_a_subtitle_without_any_cue_is_still_refused():
    with pytest.raises(TranscriptError):
        parse_transcript_bytes(b"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHallo\n", "x.vtt")
