"""Open text or a choice question? Free-text answers that repeat are still open text.

A Google Forms export does not say which columns were text boxes. Many respondents giving the
same sentence ("De sfeer." × 9) looked like a choice question: clustered on for personas, never
tagged. These tests generate survey designs at random (column kinds, sizes, languages,
repetition, Google Forms / Qualtrics / SurveyMonkey shapes) and assert every column's kind, and
check the close-call note and its study.toml override on fixtures of our own.
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

# --- own text: word pools for answers and questions ------------------------------------------

CHOICES = {
    "nl": [["Via een vriend", "Zoekmachine", "Folder in de bus", "Op straat gezien", "Radio", "Anders"],
           ["Man", "Vrouw", "Anders", "Zeg ik liever niet"], ["Dagelijks", "Wekelijks", "Maandelijks", "Zelden"],
           ["Student", "Werkend", "Gepensioneerd", "Werkzoekend"], ["Ochtend", "Middag", "Avond"], ["Ja", "Nee"],
           ["Minder dan 10 minuten", "10 tot 20 minuten", "Meer dan 20 minuten"],
           ["Groningen", "Friesland", "Drenthe", "Overijssel", "Gelderland", "Utrecht", "Zeeland", "Limburg"]],
    "en": [["Word of mouth", "Search engine", "Podcast ad", "Billboard", "Other"], ["Yes", "No", "Not sure"],
           ["Less than a year", "1-2 years", "More than 2 years"], ["Car", "Bike", "Public transport", "On foot"],
           ["Under 25", "25-44", "45-64", "65 or older"], ["Weekdays", "Weekends", "Both"]],
    "de": [["Zeitung", "Freunde", "Internet", "Plakat"], ["Morgens", "Mittags", "Abends"], ["Ja", "Nein", "Vielleicht"]],
}
CLOSED_Q = {
    "nl": ["Hoe heb je over ons gehoord?", "Welke optie past het best?", "Hoe vaak kom je?", "Kanaal", "Vraag {i}",
           "Wat is je leeftijd?", "Wanneer kom je meestal?"],
    "en": ["Which option fits best?", "How often do you visit?", "How did you hear about us?", "Channel", "Question {i}"],
    "de": ["Wie haben Sie von uns erfahren?", "Welche Option passt?", "Frage {i}"],
}
OPEN_Q = {
    "nl": ["Wat vind je het leukst aan de club?", "Waarom kwam je bij ons?", "Wat zou je veranderen aan de service?",
           "Heb je nog opmerkingen?", "Toelichting", "Vraag {i}"],
    "en": ["What do you like most about us?", "Why did you cancel?", "What would you change?", "Any other comments?",
           "Question {i}"],
    "de": ["Was gefällt Ihnen am besten?", "Warum sind Sie gekommen?", "Frage {i}"],
}
SUBJECTS = {
    "nl": ["De kleedkamer", "Het personeel", "De boekingsapp", "De wachttijd", "Het rooster", "De prijs", "Parkeren",
           "De koffie", "Het terras", "Mijn trainer", "De muziek", "Het zwembad"],
    "en": ["The changing room", "The staff", "The booking app", "Waiting time", "The timetable", "The price", "Parking",
           "The coffee", "My coach", "The music", "The pool"],
    "de": ["Die Umkleide", "Das Personal", "Die App", "Die Wartezeit", "Der Preis", "Die Musik", "Das Bad"],
}
PREDICATES = {
    "nl": ["is te klein", "was vriendelijk", "werkt niet goed", "duurt veel te lang", "kan beter", "is prima geregeld",
           "mag wel wat goedkoper", "viel me tegen", "is altijd schoon", "is echt top", "heb ik nooit nodig"],
    "en": ["is too small", "was friendly", "doesn't work well", "takes far too long", "could be better",
           "is well organised", "should be cheaper", "let me down", "is always clean", "is really great"],
    "de": ["ist zu klein", "war sehr freundlich", "funktioniert nicht gut", "dauert viel zu lange", "ist immer sauber",
           "könnte besser sein"],
}
TAILS = {
    "nl": ["", "", " op zaterdag", " de laatste tijd", ", vooral 's ochtends", " als je met kinderen komt"],
    "en": ["", "", " on Saturdays", " lately", ", especially in the morning", " when you bring the kids"],
    "de": ["", "", " am Wochenende", " in letzter Zeit"],
}
LIKERT = {"nl": ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"],
          "en": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]}


def sentence(rng: random.Random, lang: str) -> str:
    text = f"{rng.choice(SUBJECTS[lang])} {rng.choice(PREDICATES[lang])}{rng.choice(TAILS[lang])}"
    return text + rng.choice([".", ".", ".", "!", ""])


def design(seed: int) -> dict:
    """A random survey: format, language, size, and columns of random kinds with their answers."""
    rng = random.Random(seed)
    lang = rng.choice(["nl", "nl", "en", "en", "de"])
    fmt = rng.choice(["googleforms", "qualtrics", "surveymonkey", "plain"])
    n = rng.choice([25, 40, 90, 150, 300])
    cols = []
    for i in range(1, rng.randint(3, 7) + 1):
        kind = rng.choice(["choice", "choice", "open", "open", "multi_choice", "likert", "numeric"])
        if kind == "likert" and lang == "de":  # the shipped Likert scales are Dutch and English
            kind = "choice"
        if kind == "choice":
            pool = rng.choice(CHOICES[lang])
            values = [rng.choice(pool) if rng.random() > 0.1 else "" for _ in range(n)]
            if len({v for v in values if v}) < 2:
                values[:2] = pool[:2]
            text = rng.choice(CLOSED_Q[lang]).format(i=i)
        elif kind == "open":
            k = rng.randint(3, 40)  # how many distinct answers: few (much repetition) or many
            pool = list(dict.fromkeys(sentence(rng, lang) for _ in range(k * 3)))[:k]
            weights = [1.0 / (r + 1) for r in range(len(pool))]
            tail = rng.choice([0.0, 0.0, 0.2, 0.5])  # share of answers written by one respondent only
            values = []
            for _ in range(n):
                roll = rng.random()
                if roll < 0.15:
                    values.append("")
                elif roll < 0.15 + tail:
                    values.append(sentence(rng, lang) + rng.choice(["", " Verder prima.", " Thanks!", ""]))
                else:
                    values.append(rng.choices(pool, weights)[0])
            text = rng.choice(OPEN_Q[lang]).format(i=i)
        elif kind == "multi_choice":
            # (no "Other": SurveyMonkey exports an "Other" option as a text box of its own)
            pool = rng.choice([p for p in CHOICES[lang] if len(p) >= 3 and "Anders" not in p and "Other" not in p])
            sep = ";" if fmt == "plain" and rng.random() < 0.5 else ", "
            values = [sep.join(rng.sample(pool, rng.randint(1, 3))) for _ in range(n)]
            text = rng.choice(CLOSED_Q[lang]).format(i=i)
        elif kind == "likert":
            values = [rng.choice(LIKERT[lang]) for _ in range(n)]
            text = f"Stelling {i}: de service is goed." if lang == "nl" else f"Statement {i}: the service is good."
        else:
            values = [str(rng.randint(18, 80)) for _ in range(n)]
            text = {"nl": "Leeftijd", "en": "Age", "de": "Alter"}[lang] + f" ({i})"
        cols.append({"kind": kind, "text": f"{text} [{i}]", "values": values,
                     "sep": sep if kind == "multi_choice" else None})
    return {"seed": seed, "lang": lang, "format": fmt, "n": n, "columns": cols}


def write(d: dict, folder: Path) -> Path:
    """Write a design as an export of its format."""
    n, cols, fmt = d["n"], d["columns"], d["format"]
    stamp = [f"2026/10/{1 + i % 28:02d} 1{i % 10}:0{i % 6}:1{i % 9}" for i in range(n)]
    rows: list[list[str]]
    if fmt == "googleforms":
        rows = [["Tijdstempel" if d["lang"] == "nl" else "Timestamp"] + [c["text"] for c in cols]]
        rows += [[stamp[r]] + [c["values"][r] for c in cols] for r in range(n)]
    elif fmt == "plain":
        rows = [["respondent"] + [c["text"] for c in cols]]
        rows += [[f"p{r}"] + [c["values"][r] for c in cols] for r in range(n)]
    elif fmt == "qualtrics":
        ids = ["StartDate", "ResponseId"] + [f"Q{i + 1}" for i in range(len(cols))]
        texts = ["Start Date", "Response ID"] + [c["text"] for c in cols]
        imports = ['{"ImportId":"startDate"}', '{"ImportId":"_recordId"}'] + [
            f'{{"ImportId":"QID{i + 1}"}}' for i in range(len(cols))]
        rows = [ids, texts, imports]
        rows += [[stamp[r], f"R_{d['seed']}x{r}"] + [c["values"][r] for c in cols] for r in range(n)]
    else:  # SurveyMonkey: a multi-select is one column per option, the option in the second header row
        head, second, body = ["Respondent ID", "Collector ID"], ["", ""], [[str(10_000 + r), "77"] for r in range(n)]
        for c in cols:
            if c["kind"] == "multi_choice":
                options = sorted({o.strip() for v in c["values"] for o in v.split(c["sep"].strip()) if o.strip()})
                for j, opt in enumerate(options):
                    head.append(c["text"] if j == 0 else "")
                    second.append(opt)
                    for r in range(n):
                        chosen = {o.strip() for o in c["values"][r].split(c["sep"].strip())}
                        body[r].append(opt if opt in chosen else "")
            else:
                head.append(c["text"])
                # "Response" for every single column: the kind must come from the answers, not the sub-header
                second.append("Response")
                for r in range(n):
                    body[r].append(c["values"][r])
        rows = [head, second] + body
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = folder / f"survey_{d['seed']}.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", range(40))
def test_generated_designs_are_typed_by_their_kind(tmp_path, seed):
    d = design(seed)
    survey = parse_survey(write(d, tmp_path))
    got = dict(zip(survey.questions["question_text"], survey.questions["kind"].astype(str), strict=True))
    want = {c["text"]: c["kind"] for c in d["columns"]}
    assert got == want, (d["format"], d["lang"], d["n"], {t: (want[t], got.get(t)) for t in want if got.get(t) != want[t]})


# --- own-text fixtures -----------------------------------------------------------------------

FAVOURITE = ["Het zwembad is lekker warm.", "De yogalessen op woensdag.", "Personeel is behulpzaam.", "De rust.",
             "Je kunt er fietsen stallen.", "Goede koffie na het sporten!", "Dicht bij mijn werk."]
CHANNELS = ["Zwemmen", "Yoga", "Fitness", "Spinning"]


def forms_export(folder: Path, n: int = 84, seed: int = 3) -> Path:
    """A Google Forms export of our own: a free-text question answered with few, repeated sentences."""
    rng = random.Random(seed)
    rows = [["Tijdstempel", "E-mailadres", "Hoe vaak train je?", "Welke lessen volg je?",
             "Wat vind je het prettigst aan Sportpark Oost?", "Wanneer train je?"]]
    for r in range(n):
        lessons = ";".join(rng.sample(CHANNELS, rng.randint(1, 3)))
        rows.append([f"2026/09/{1 + r % 28:02d} 09:1{r % 10}:00", f"lid{r}@voorbeeld.nl" if r % 3 else "",
                     rng.choice(["Een keer per week", "Twee keer per week", "Vaker"]), lessons,
                     rng.choice(FAVOURITE) if r % 7 else "", rng.choice(["Ochtend", "Avond", "Weekend"])])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = folder / "antwoorden.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_forms_free_text_with_repeated_sentences_is_open(tmp_path):
    survey = parse_survey(forms_export(tmp_path))
    kinds = dict(zip(survey.questions["question_text"], survey.questions["kind"].astype(str), strict=True))
    assert kinds == {"Hoe vaak train je?": "choice", "Welke lessen volg je?": "multi_choice",
                     "Wat vind je het prettigst aan Sportpark Oost?": "open", "Wanneer train je?": "choice"}
    answers = survey.answers[survey.answers["question_text"] == "Wat vind je het prettigst aan Sportpark Oost?"]
    assert set(answers["value_text"]) == set(FAVOURITE)  # kept verbatim, one answer per respondent
    assert not any("close call" in w for w in survey.warnings)  # a clear case: no note


def test_the_same_answers_in_a_surveymonkey_shape_are_open_too(tmp_path):
    rng = random.Random(5)
    body = [[str(500 + r), rng.choice(FAVOURITE), rng.choice(["Ja", "Nee"])] for r in range(60)]
    rows = [["Respondent ID", "Wat vind je het prettigst aan Sportpark Oost?", "Kom je terug?"],
            ["", "Response", "Response"]] + body
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (tmp_path / "sm.csv").write_text(buf.getvalue(), encoding="utf-8")
    survey = parse_survey(tmp_path / "sm.csv")
    assert survey.format == "surveymonkey"
    assert survey.questions["kind"].astype(str).tolist() == ["open", "choice"]


def test_close_call_is_noted_with_the_override_and_the_override_wins(tmp_path):
    # short answers with full stops, two of them clauses, asked neutrally: a close call
    rng = random.Random(8)
    answers = ["Te duur.", "Parkeren is lastig.", "Geen tijd.", "Verhuisd.", "Ik ben geblesseerd.", "Andere club."]
    rows = [["respondent", "Reden van opzeggen"]] + [[f"r{i}", rng.choice(answers)] for i in range(70)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "opzeggingen.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    counts = pd.Series(rows[1:]).map(lambda r: r[1]).value_counts()
    assert open_score(counts, "Reden van opzeggen").close
    survey = parse_survey(path)
    kind = str(survey.questions["kind"].iloc[0])
    other = "open" if kind == "choice" else "choice"
    notes = [w for w in survey.warnings if "close call" in w]
    # a plain CSV's question id is its heading: quoted as a TOML key in the override
    assert len(notes) == 1 and f'"Reden van opzeggen" = {{ kind = "{other}" }}' in notes[0], survey.warnings
    forced = parse_survey(path, questions={"Reden van opzeggen": {"kind": other}})
    assert str(forced.questions["kind"].iloc[0]) == other
    assert not any("close call" in w for w in forced.warnings)  # the researcher decided: no note


@pytest.mark.parametrize("values, question, kind", [
    (["Fitness;Groepslessen", "Fitness", "Sauna;Fitness", "Groepslessen"], "Welke faciliteiten gebruik je?", "multi_choice"),
    (["Helemaal mee eens", "Mee eens", "Neutraal", "Mee oneens"], "De kleedkamers zijn schoon.", "likert"),
    (["Korter dan een jaar", "1 tot 3 jaar", "Langer dan 3 jaar"], "Hoe lang ben je lid?", "choice"),
    (["Yes", "No"], "Would you come back?", "choice"),
    (["Staff were lovely.", "Too crowded at night!", "The sauna is great.", "Parking is a pain."],
     "What do you like most?", "open"),
    (["Es ist zu teuer.", "Das Personal ist nett.", "Die Musik ist zu laut!"], "Was gefällt Ihnen?", "open"),
])
def test_own_columns_keep_their_kind(tmp_path, values, question, kind):
    rows = [["respondent", question]] + [[f"r{i}", values[i % len(values)]] for i in range(48)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (tmp_path / "s.csv").write_text(buf.getvalue(), encoding="utf-8")
    assert str(parse_survey(tmp_path / "s.csv").questions["kind"].iloc[0]) == kind


def test_short_answers_to_an_open_question_are_a_close_call_with_a_note(tmp_path):
    # label-like answers, but the question asks what they like: the researcher is told, either way
    answers = ["vriendelijk personeel", "locatie", "prijs", "de sfeer", "ruime openingstijden", "schone kleedkamers"]
    rows = [["Tijdstempel", "Wat vind je het fijnst aan ons?"]]
    rows += [[f"2026/09/{1 + i % 28:02d} 10:00:00", answers[i % len(answers)]] for i in range(60)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (tmp_path / "f.csv").write_text(buf.getvalue(), encoding="utf-8")
    survey = parse_survey(tmp_path / "f.csv")
    notes = [w for w in survey.warnings if "close call" in w]
    assert len(notes) == 1 and "Q1 = { kind = " in notes[0] and "asks for an opinion" in notes[0], survey.warnings
