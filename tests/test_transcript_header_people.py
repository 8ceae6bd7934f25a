"""A header line saying who took part is metadata in every transcript reader, never a turn.

"Interviewer: Laura Bennett" above the conversation (who interviewed, before anyone speaks) is
written exactly like a turn. A Word file read it as the interviewer saying "Laura Bennett" (one
interviewer turn too many, silently) while the same header in a .txt was metadata. The class: a
line "role word: a bare personal name (or participant code) and nothing else" before the first
real turn, in .docx, .txt, Otter exports, WebVTT (header, NOTE blocks, a first cue) and SRT (a
title block, a first cue). It is never a turn, it tells which speaker is the interviewer when
the turns use the name, and the load messages say it was read as a header.
"""

from __future__ import annotations

import io

import docx
import pytest

from workbench import load_study
from workbench.io.transcripts import parse_transcript_bytes

# own text: the participant opens with a question and the interviewer asks in statements, so
# question counting alone takes the participant for the interviewer; the header tells who is who
TURNS = [
    ("Noor", "Hello? Is this working, can you see me?"),
    ("Laura", "Yes, all fine. Tell me how you first came across the bank."),
    ("Noor", "My brother kept going on about it, so I downloaded it on the train."),
    ("Laura", "Then walk me through opening the account."),
    ("Noor", "The selfie check failed twice because of the light in the carriage."),
    ("Laura", "And after that, the first weeks of using it."),
    ("Noor", "Honestly fine, the card came in three days."),
]


def _roles(t) -> dict[str, str]:
    return dict(zip(t.segments["speaker"], t.segments["role"], strict=True))


def _header_noted(t, text: str) -> bool:
    return any("read as a header line saying who took part" in w and text in w for w in t.warnings)


def _no_header_turn(t, name: str = "Laura Bennett") -> None:
    assert name not in set(t.segments["text"].str.strip()), t.segments[["speaker", "text"]].head(3)
    assert not t.segments["text"].str.startswith("Interviewer: ").any()


def _docx(paragraphs: list[str | tuple[str, str]]) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        if isinstance(p, tuple):  # a bold label and its text
            par = d.add_paragraph()
            par.add_run(p[0]).bold = True
            par.add_run(p[1])
        else:
            d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_header_line_above_bold_turns_of_the_same_label_is_no_turn():
    # the shape of the review: title, date, "Interviewer: Laura Bennett", then bold "Interviewer:" turns
    paras = ["Bank study – interview 5", "Date: 3 March 2025", "Interviewer: Laura Bennett"]
    for who, text in TURNS:
        paras.append(("Interviewer: " if who == "Laura" else "Noor: ", text))
    t = parse_transcript_bytes(_docx(paras), "P05.docx")
    _no_header_turn(t)
    assert len(t.segments) == len(TURNS)
    assert (t.segments["role"] == "interviewer").sum() == 3
    assert _header_noted(t, "'Interviewer: Laura Bennett'") and "line 3" in t.warnings[-1]


def test_docx_header_names_the_interviewer_who_speaks_by_first_name():
    paras = ["Interviewer: Laura Bennett"] + [f"{who}: {text}" for who, text in TURNS]
    t = parse_transcript_bytes(_docx(paras), "P05.docx")
    _no_header_turn(t)
    assert _roles(t) == {"Noor": "participant", "Laura": "interviewer"}


@pytest.mark.parametrize("header", [
    "Interviewer: Laura Bennett\n",  # one line, right above the first turn
    "Interviewer: Laura Bennett\n\n",  # one line, then a blank line
    "Interview 7\nOnderzoeker: Laura Bennett\nDeelnemer: P07\n\n",  # Dutch role words, a participant code
])
def test_txt_header_line_is_no_turn_and_tells_the_interviewer(header):
    body = "".join(f"{who}: {text}\n" for who, text in TURNS)
    t = parse_transcript_bytes((header + body).encode(), "P07.txt")
    _no_header_turn(t)
    assert len(t.segments) == len(TURNS)
    assert _roles(t) == {"Noor": "participant", "Laura": "interviewer"}
    assert _header_noted(t, "Laura Bennett'")


def test_txt_header_line_above_turns_of_the_same_label_is_no_turn():
    body = "".join(f"{'Interviewer' if who == 'Laura' else 'Noor'}: {text}\n" for who, text in TURNS)
    t = parse_transcript_bytes(("Interviewer: Laura Bennett\n" + body).encode(), "P07.txt")
    _no_header_turn(t)
    assert (t.segments["speaker"] == "Interviewer").sum() == 3


def test_otter_export_with_a_header_line_keeps_its_layout():
    body = "".join(f"{'Interviewer' if who == 'Laura' else 'Noor Haddad'}  0:{5 * k:02d}\n{text}\n\n"
                   for k, (who, text) in enumerate(TURNS))
    t = parse_transcript_bytes(("Bank study, interview 3\nInterviewer: Laura Bennett\n\n" + body).encode(), "P03.txt")
    _no_header_turn(t)
    assert t.layout == "otter"
    assert len(t.segments) == len(TURNS)
    assert _header_noted(t, "'Interviewer: Laura Bennett'")


def _vtt(before: str = "", first_cue: str = "") -> bytes:
    out = ["WEBVTT", ""] + ([before, ""] if before else [])
    if first_cue:
        out += ["00:00:00.000 --> 00:00:01.000", first_cue, ""]
    for k, (who, text) in enumerate(TURNS):
        out += [f"00:00:{2 + 5 * k:02d}.000 --> 00:00:{6 + 5 * k:02d}.000", f"{who}: {text}", ""]
    return "\n".join(out).encode()


def _srt(before: str = "", first_cue: str = "") -> bytes:
    out = [before, ""] if before else []
    cues = ([("Interviewer", first_cue)] if first_cue else []) + [(who, text) for who, text in TURNS]
    for k, (who, text) in enumerate(cues):
        out += [str(k + 1), f"00:00:{1 + 5 * k:02d},000 --> 00:00:{4 + 5 * k:02d},000", f"{who}: {text}", ""]
    return "\n".join(out).encode()


@pytest.mark.parametrize("name, data", [
    ("note.vtt", _vtt(before="NOTE\nInterviewer: Laura Bennett\nParticipant: Noor Haddad")),
    ("note_inline.vtt", _vtt(before="NOTE Moderator: Laura Bennett")),
    ("first_cue.vtt", _vtt(first_cue="Interviewer: Laura Bennett")),
    ("title.srt", _srt(before="Bank study, interview 2\nInterviewer: Laura Bennett")),
    ("first_cue.srt", _srt(first_cue="Laura Bennett")),
])
def test_subtitle_headers_and_notes_tell_the_interviewer(name, data):
    t = parse_transcript_bytes(data, name)
    _no_header_turn(t)
    assert len(t.segments) == len(TURNS)
    assert _roles(t) == {"Noor": "participant", "Laura": "interviewer"}
    assert _header_noted(t, "Laura Bennett'")


@pytest.mark.parametrize("first", ["Interviewer: Goedemorgen Anouk", "Interviewer: Welkom!", "Interviewer: Anouk?",
                                   "Interviewer: Good Morning", "Q: Laura Bennett"])
def test_a_first_turn_that_is_not_a_bare_name_stays_a_turn(first):
    body = "".join(f"{'Interviewer' if who == 'Laura' else 'Noor'}: {text}\n" for who, text in TURNS)
    if first.startswith("Q:"):
        body = "".join(f"{'Q' if who == 'Laura' else 'A'}: {text}\n" for who, text in TURNS)
    t = parse_transcript_bytes((first + "\n" + body).encode(), "P09.txt")
    assert t.segments["text"].iloc[0] == first.split(": ", 1)[1]
    assert len(t.segments) == len(TURNS) + 1
    assert not any("who took part" in w for w in t.warnings)


def test_the_study_reports_the_header_in_its_language(tmp_path):
    (tmp_path / "interviews").mkdir()
    paras = ["Interviewer: Laura Bennett"] + [("Interviewer: " if w == "Laura" else "Noor: ", x) for w, x in TURNS]
    (tmp_path / "interviews" / "P01.docx").write_bytes(_docx(paras))
    (tmp_path / "study.toml").write_text('name = "Kopregels"\nlanguage = "nl"\n[transcripts]\n'
                                         'paths = ["interviews/*.docx"]\n', encoding="utf-8")
    study = load_study(tmp_path)
    assert "Laura Bennett" not in set(study.segments["text"])
    assert any(w.startswith("interviews/P01.docx: regel 1: 'Interviewer: Laura Bennett' gelezen als kopregel")
               for w in study.warnings), study.warnings
    assert study.load_report.set_index("source").loc["interviews/P01.docx", "warnings"] == 1
