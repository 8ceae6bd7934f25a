"""Open or choice: free text typed in answer to "Hoe was …?" / "How was …?" / "What …?" is open
text, on every export format, and a genuinely closed question stays a choice.

An open question asking for a description ("Hoe was je laatste contact met de klantenservice?")
whose answers are short, mostly without full stops, and partly repeated read as a choice question:
every comment on the service was then counted as an option, never tagged. Typed answers give
themselves away (one respondent writes "nee", another "Nee"; one "nvt", another "n.v.t."; some
start in lower case), and the question asks how something went. A pick such as "What best
describes your work?" is not an opinion question, and the note says what made the call.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pandas as pd
import pytest

from workbench.io._openness import open_score
from workbench.io.surveys import parse_survey

# --- own text -------------------------------------------------------------------------------

HOW_WAS = {
    "nl": ("Hoe was je laatste bezoek aan de servicebalie?",
           ["Snel geholpen", "viel mee", "Duurde lang", "nvt", "n.v.t.", "Nee", "nee", "Oke", "prima",
            "De man achter de balie luisterde goed", "Moest twee keer terugkomen voor een formulier",
            "kreeg een ander antwoord dan aan de telefoon", "Vriendelijk, maar wist het niet",
            "20 minuten in de rij gestaan", "alles in één keer geregeld", "Niemand aanwezig om 9 uur",
            "Geen bezoek gehad", "ze stuurden me door naar de website", "Top geholpen!",
            "Medewerker had haast", "Onduidelijk waar ik moest zijn", "keurig"]),
    "en": ("How was your last call with our helpline?",
           ["Quick and easy", "fine", "Took ages", "n/a", "N/A", "No", "no", "Ok", "alright",
            "The agent sorted it first time", "Had to ring back twice about the same bill",
            "got cut off after waiting", "Polite but could not help", "40 mins on hold",
            "never called them", "they promised a callback that never came", "Great help!",
            "Agent seemed rushed", "Couldn't find the number on the website", "decent"]),
}
WHAT = ("What stood out when you moved your account to us?",
        ["Nothing really", "nothing", "The forms were long", "quick switch", "App was easy", "took two weeks",
         "lost a direct debit on the way", "Paperwork got lost", "the welcome email was confusing",
         "Support answered fast", "had to send my ID twice", "Smooth", "smooth", "old bank made it hard",
         "Bonus came late", "no issues", "Statements disappeared", "couldn't log in for a day"])
CLOSED = {
    "nl": ("Hoe lang ben je al klant?", ["Korter dan een jaar", "1 tot 3 jaar", "Langer dan 3 jaar"]),
    "en": ("What best describes your work?", ["Employed full time", "Employed part time", "Self-employed",
                                              "Student", "Retired", "Not working"]),
}


def _answers(pool: list[str], n: int, seed: int) -> list[str]:
    """Respondents' answers: every typed variant at least once, some repeated, some left empty."""
    rng = random.Random(seed)
    out = list(pool)
    while len(out) < n:
        out.append("" if rng.random() < 0.1 else rng.choice(pool))
    rng.shuffle(out)
    return out


def _export(folder: Path, fmt: str, columns: list[tuple[str, list[str]]]) -> Path:
    n = len(columns[0][1])
    if fmt == "googleforms":
        rows = [["Timestamp"] + [q for q, _ in columns]]
        rows += [[f"2026/03/{1 + r % 28:02d} 10:{r % 60:02d}:00"] + [v[r] for _, v in columns] for r in range(n)]
    elif fmt == "qualtrics":
        rows = [["StartDate", "ResponseId"] + [f"Q{i + 1}" for i in range(len(columns))],
                ["Start Date", "Response ID"] + [q for q, _ in columns],
                ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}']
                + [f'{{"ImportId":"QID{i + 1}"}}' for i in range(len(columns))]]
        rows += [[f"2026-03-{1 + r % 28:02d} 10:00:00", f"R_x{r}"] + [v[r] for _, v in columns] for r in range(n)]
    elif fmt == "surveymonkey":
        rows = [["Respondent ID", "Collector ID"] + [q for q, _ in columns], ["", ""] + ["Response"] * len(columns)]
        rows += [[str(9000 + r), "12"] + [v[r] for _, v in columns] for r in range(n)]
    else:
        rows = [["respondent"] + [q for q, _ in columns]] + [[f"r{r}"] + [v[r] for _, v in columns] for r in range(n)]
    if fmt == "xlsx":
        path = folder / "export.xlsx"
        pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
        return path
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = folder / f"{fmt}.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _kinds(survey) -> dict[str, str]:
    return dict(zip(survey.questions["question_text"], survey.questions["kind"].astype(str), strict=True))


# --- tests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["googleforms", "qualtrics", "surveymonkey", "plain", "xlsx"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_typed_answers_to_a_how_was_question_are_open_text(tmp_path, fmt, lang):
    question, pool = HOW_WAS[lang]
    closed_q, options = CLOSED[lang]
    n = 56
    survey = parse_survey(_export(tmp_path, fmt, [(closed_q, _answers(options, n, 1)),
                                                  (question, _answers(pool, n, 2))]))
    assert _kinds(survey) == {closed_q: "choice", question: "open"}, survey.warnings
    # a clear call: no note asking the researcher to check it
    assert not any("close call" in w for w in survey.warnings), survey.warnings
    answers = survey.answers[survey.answers["question_text"] == question]
    assert {"nvt" if lang == "nl" else "n/a", "Top geholpen!" if lang == "nl" else "Great help!"} <= set(
        answers["value_text"])


def test_typed_answers_to_a_what_question_are_open_text(tmp_path):
    question, pool = WHAT
    survey = parse_survey(_export(tmp_path, "googleforms", [(question, _answers(pool, 60, 3))]))
    assert _kinds(survey) == {question: "open"}


@pytest.mark.parametrize("question", ["Hoe was je aanmelding geregeld?", "How was the delivery?", "What did you pick?"])
def test_a_closed_question_with_few_repeated_options_stays_a_choice(tmp_path, question):
    # asked like an open question, but answered from a short list, each option written one way
    options = (["Online", "Via de telefoon", "Aan de balie", "Door een collega"] if question.startswith("Hoe")
               else ["On time", "Late", "Not delivered"])
    survey = parse_survey(_export(tmp_path, "googleforms", [(question, _answers(options, 60, 4))]))
    assert _kinds(survey) == {question: "choice"}


def test_the_spelling_of_options_written_once_is_no_mark_of_typing():
    # one option in lower case with a capital inside ("iPhone"), the others capitalised: a list
    counts = pd.Series({"iPhone": 30, "Android": 25, "Geen smartphone": 5, "Anders": 2})
    assert open_score(counts, "Hoe was je eerste kennismaking met de app?").typed == 0
    typed = pd.Series({"nee": 4, "Nee": 3, "nvt": 2, "n.v.t.": 2, "Prima": 5, "duurde lang": 1})
    assert open_score(typed, "Hoe was het?").typed == 5  # nee, Nee, nvt, n.v.t., duurde lang


@pytest.mark.parametrize("lang, question, said", [
    ("en", "What best describes your work?", "asks for a pick ('What best describes')"),
    ("nl", "Wat past het best bij jouw situatie?", "vraagt om een keuze ('Wat past het best')"),
    ("en", "Describe your work", "asks for a description ('Describe')"),
    ("nl", "Hoe was je laatste bezoek?", "vraagt om een beschrijving ('Hoe was')"),
    ("en", "What do you like about us?", "asks for an opinion or a reason ('What do')"),
    ("en", "What's your favourite?", "starts with 'What's'"),
])
def test_the_note_names_what_the_question_asks_for(lang, question, said):
    counts = pd.Series({"Employed": 20, "Self-employed": 8, "Student": 6, "Retired": 4, "Between jobs": 2})
    because = open_score(counts, question).because(lang)
    assert said in because
    if "pick" not in said and "keuze" not in said:
        assert "opinion" not in because or "opinion" in said


def test_a_pick_question_is_not_said_to_ask_for_an_opinion(tmp_path):
    # "What best describes your work?" with a write-in: whatever the call, no note calls it an opinion question
    question, options = CLOSED["en"]
    values = _answers(options + ["freelance photographer"], 30, 5)
    survey = parse_survey(_export(tmp_path, "googleforms", [(question, values)]))
    assert _kinds(survey) == {question: "choice"}
    assert not any("opinion" in w for w in survey.warnings), survey.warnings
