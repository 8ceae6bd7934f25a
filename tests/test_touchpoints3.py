"""A study's own touchpoints, and only the touchpoints of its domain.

- ``[touchpoints.<id>]`` in study.toml defines a touchpoint (a name and words per language) or
  gives a catalogue one more words; the tagger finds them and the map names them.
- A touchpoint id a phase lists that is neither in the catalogue nor defined is said at load
  (the file, the phase, the nearest id, what to add), never accepted silently.
- A study's own phase model looks only for the touchpoints it lists, the ones it defines and the
  channels of every domain: a webshop word ('pakket', 'loket', 'bevestiging', 'contactformulier',
  'enquête') names nothing in an insurer's study that never listed delivery, a store, an order
  confirmation, a quote request or a satisfaction survey. A shipped model keeps the catalogue.
- Every client-facing output of a Dutch study (XLSX, HTML, Markdown, persona cards, summary) is
  Dutch: no metric keys, English column headers or lane words.
- A Teams Word download's title block is skipped with a warning; a noun opening a sentence
  ("Nota van de tandarts") is no person's name.

Own fixtures (a fictional energy-and-insurance study written for these tests).
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from workbench.errors import StudyConfigError
from workbench.nlp import tag_texts
from workbench.study import load_study

MODEL = '''
[phase_model]
id = "verzekeraar-3"
name = { nl = "Verzekeraar", en = "Insurer" }

[[phase_model.phases]]
id = "kiezen"
name = { nl = "Kiezen", en = "Choosing" }
cues.nl = ["overstappen", "vergelijken", "gekozen"]
cues.en = ["switch", "compare", "chose"]
touchpoints = ["comparison_site", "website"]

[[phase_model.phases]]
id = "declareren"
name = { nl = "Declareren", en = "Claims" }
cues.nl = ["declaratie", "vergoed", "ingediend"]
cues.en = ["claim", "reimbursed", "submitted"]
touchpoints = ["app", "zorgverlener", "invoice"]

[[phase_model.phases]]
id = "premie"
name = { nl = "Premie", en = "Premium" }
cues.nl = ["premie", "verlengen"]
cues.en = ["premium", "renewal"]
touchpoints = ["letter", "email"{extra}]
'''

DEFINED = '''
[touchpoints.zorgverlener]
name = { nl = "Zorgverlener", en = "Care provider" }
words.nl = ["zorgverlener", "fysiotherapeut", "tandarts"]
words.en = ["care provider", "physiotherapist", "dentist"]

[touchpoints.letter]
words.nl = ["premiebrief", "polisblad"]
words.en = ["premium letter"]
'''


def _write(folder, lang: str = "nl", *, extra: str = "", defined: str = DEFINED, body: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "interviews").mkdir(exist_ok=True)
    (folder / "interviews" / "P01.txt").write_text(body or "Interviewer: Hoe ging het?\nKees: Prima.\n",
                                                   encoding="utf-8")
    (folder / "study.toml").write_text(
        f'name = "Verzekerd"\nlanguage = "{lang}"\n' + MODEL.replace("{extra}", extra) + defined
        + '\n[transcripts]\npaths = ["interviews/*.txt"]\ninterviewer = ["Interviewer"]\n', encoding="utf-8")


def _touchpoints(texts, model, lang="nl") -> list[set[str]]:
    out = tag_texts(texts, lang=lang, phase_model=model)
    return [set(filter(None, str(v).split("; "))) if isinstance(v, str) else set() for v in out["touchpoints"]]


# --- 1. defining touchpoints, warnings at load --------------------------------------------------------------


def test_an_undefined_touchpoint_id_is_said_at_load_with_what_to_do(tmp_path):
    _write(tmp_path / "nl", extra=', "zorgpass"')
    warnings = load_study(tmp_path / "nl").warnings
    said = [w for w in warnings if "zorgpass" in w]
    assert len(said) == 1, warnings
    assert "study.toml" in said[0] and "fase 'premie'" in said[0] and "[touchpoints.zorgpass]" in said[0]
    assert "words.nl" in said[0] and "nooit" in said[0]
    _write(tmp_path / "en", "en", extra=', "emial"')
    said = [w for w in load_study(tmp_path / "en").warnings if "emial" in w]
    assert len(said) == 1 and "did you mean 'email'?" in said[0] and "never detected" in said[0]


def test_defined_and_catalogue_ids_are_not_warned_about(tmp_path):
    _write(tmp_path)
    assert not [w for w in load_study(tmp_path).warnings if "touchpoint" in w]


@pytest.mark.parametrize("defined, key", [
    ('[touchpoints.zorgpas]\nname = "Zorgpas"\n', "touchpoints.zorgpas.words"),      # new id, no words
    ('[touchpoints.zorgpas]\nwoorden.nl = ["zorgpas"]\n', "touchpoints.zorgpas.woorden"),  # typo in a key
    ('[touchpoints.Zorg-Pas]\nwords.nl = ["zorgpas"]\n', "touchpoints.Zorg-Pas"),     # not an id
    ('[touchpoints.zorgpas]\nwords.de = ["Karte"]\n', "touchpoints.zorgpas.words.de"),  # not a language
])
def test_a_malformed_touchpoint_definition_stops_the_load_with_its_key(tmp_path, defined, key):
    _write(tmp_path, defined=defined)
    with pytest.raises(StudyConfigError) as err:
        load_study(tmp_path)
    assert err.value.key == key


def test_a_defined_touchpoint_is_found_named_and_placed(tmp_path):
    _write(tmp_path)
    model = load_study(tmp_path).phase_model
    found = _touchpoints(["De tandarts stuurde de declaratie zelf in.", "De premiebrief was onduidelijk.",
                          "Ik kreeg een brief over de premie."], model)
    assert found == [{"zorgverlener"}, {"letter"}, {"letter"}]
    tags = tag_texts(["De premiebrief was onduidelijk."], lang="nl", phase_model=model)
    assert tags["phase"].tolist() == ["premie"]
    from workbench.journey.labels import touchpoint_name

    assert touchpoint_name("zorgverlener", "nl") == "Zorgverlener"
    assert touchpoint_name("zorgverlener", "en") == "Care provider"
    assert touchpoint_name("letter", "nl") == "Brief"  # a catalogue touchpoint keeps its name
    en = _touchpoints(["My dentist sent the claim.", "The premium letter was unclear."], model, "en")
    assert en == [{"zorgverlener"}, {"letter"}]


def test_a_word_the_study_gives_its_touchpoint_no_longer_names_the_catalogue_one(tmp_path):
    # 'koerier'/'courier' are the catalogue delivery's words too; the study's own touchpoint takes them
    own = DEFINED + '''
[touchpoints.koerier]
name = { nl = "Koerier", en = "Courier" }
words.nl = ["koerier", "chauffeur"]
words.en = ["courier", "driver"]
'''
    _write(tmp_path, extra=', "delivery", "koerier"', defined=own)
    model = load_study(tmp_path).phase_model
    found = _touchpoints(["De koerier was erg vriendelijk.", "De bezorging duurde lang."], model)
    assert found == [{"koerier"}, {"delivery"}]
    assert _touchpoints(["The driver was very kind.", "The delivery took ages."], model, "en") == [
        {"koerier"}, {"delivery"}]


# --- 2. only the touchpoints of the study's domain -------------------------------------------------------

OTHER_DOMAIN = [
    "Ik heb het aanvullende pakket gekozen.",          # a plan, no parcel (delivery)
    "Vroeger kon je bij een loket in de stad terecht.",  # no shop (store)
    "Ik vulde het contactformulier in.",              # no quote request
    "Ik kreeg geen bevestiging van de overstap.",     # no order confirmation
    "De enquête was te lang.",                        # the questionnaire itself (satisfaction survey)
]


def test_a_study_model_does_not_find_touchpoints_of_another_domain(tmp_path):
    _write(tmp_path)
    model = load_study(tmp_path).phase_model
    assert _touchpoints(OTHER_DOMAIN, model) == [set()] * len(OTHER_DOMAIN)


def test_a_study_model_still_finds_the_channels_of_every_domain(tmp_path):
    _write(tmp_path)
    model = load_study(tmp_path).phase_model
    found = _touchpoints(["Ik heb drie keer gebeld.", "Ik kreeg een mail.", "Via de chat kwam ik verder.",
                          "Ik heb het op de website opgezocht.", "De klantenservice hielp me.",
                          "Ik keek op een vergelijkingssite.", "De factuur klopte niet.",
                          "Ik kon niet inloggen op mijn account.", "Ik heb het gegoogeld."], model)
    assert found == [{"phone"}, {"email"}, {"chat"}, {"website"}, {"customer_service"}, {"comparison_site"},
                     {"invoice"}, {"account"}, {"search_engine"}]


def test_listing_a_catalogue_touchpoint_makes_it_found(tmp_path):
    _write(tmp_path, extra=', "store"')
    model = load_study(tmp_path).phase_model
    assert _touchpoints(["Vroeger kon je bij een loket in de stad terecht."], model) == [{"store"}]


def test_a_shipped_model_keeps_the_whole_catalogue_and_the_parcel_sense():
    found = _touchpoints(["Het pakket werd niet bezorgd.", "Ik heb het aanvullende pakket gekozen.",
                          "Bij het loket was het druk.", "Ik kreeg geen bevestiging."], "klassiek-5")
    assert found == [{"delivery"}, set(), {"store"}, {"order_confirmation"}]


# --- 3. a Dutch study's outputs are Dutch ------------------------------------------------------------------

#: English (and odd Dutch) seen in a Dutch study's client-facing files before.
EN_WORDS = ["origin", "priority", "computed", "researcher", "derived", "Baan", "Banen", "csat_mean", "csat_top2",
            "ces_mean", "ces_agree", "emotion_text", "emotion_survey", "nps", "conversion", "mean", "agree",
            "positive", "negative", "survey", "pain_point", "placed_by", "persona_name", "Touchpoints", "Lane",
            "Metrics", "Opportunities", "Evidence", "Phase unknown", "thin evidence", "Everyone", "only", "too few",
            "hint", "respondents", "needed", "load", "render"]

INTERVIEW = """Interviewer: Hoe kwam je bij ons terecht?
Sanne: Ik heb vorig jaar op een vergelijkingssite gekeken en ben toen overgestapt. Het vergelijken was lastig.
Interviewer: En het declareren?
Sanne: De declaratie van de fysiotherapeut duurde zes weken, dat vond ik veel te lang. Ik heb twee keer gebeld.
Interviewer: Wat vond je van de premiebrief?
Sanne: Die was onduidelijk, ik snapte niet waarom de premie omhoog ging. Ik wil een duidelijke uitleg.
"""


def _survey(folder, n: int = 60) -> None:
    scale = ["Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"]
    opens = ["De app crashte bij het indienen van een declaratie.", "De premie is te hoog voor wat je krijgt.",
             "Ik wil sneller mijn vergoeding krijgen.", "Bellen duurt veel te lang, slechte klantenservice.",
             "De premiebrief was onduidelijk.", "Fijn dat de tandarts direct declareert."]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["ResponseId", "Q1", "Q2", "Q3", "Q4", "Q5"])
    w.writerow(["Response ID", "Hoe tevreden bent u over het kiezen?", "Hoe tevreden bent u over het declareren?",
                "Hoe tevreden bent u over de premie?", "Hoe waarschijnlijk is het dat u ons aanbeveelt?",
                "Wat kunnen we verbeteren?"])
    w.writerow(['{"ImportId":"_recordId"}'] + [f'{{"ImportId":"QID{i}"}}' for i in range(1, 6)])
    for i in range(n):
        w.writerow([f"R{i:02d}", scale[i % 5], scale[(i * 2) % 5], scale[(i * 3 + 1) % 5], str(i % 11),
                    opens[i % len(opens)]])
    (folder / "survey").mkdir()
    (folder / "survey" / "export.csv").write_text(buf.getvalue(), encoding="utf-8")


def _dutch_study(folder, n: int = 60):
    _write(folder, body=INTERVIEW)
    _survey(folder, n)
    text = (folder / "study.toml").read_text(encoding="utf-8")
    (folder / "study.toml").write_text(text + '\n[survey]\npaths = ["survey/export.csv"]\nformat = "qualtrics"\n'
                                       'respondent_id = "ResponseId"\n\n[survey.questions]\n'
                                       'Q1 = { phase = "kiezen", metric = "csat" }\n'
                                       'Q2 = { phase = "declareren", metric = "csat" }\n'
                                       'Q3 = { phase = "premie", metric = "csat" }\nQ4 = { metric = "nps" }\n'
                                       'Q5 = { kind = "open" }\n', encoding="utf-8")


@pytest.fixture(scope="module")
def dutch_run(tmp_path_factory):
    from workbench.pipeline import run_study

    folder = tmp_path_factory.mktemp("nl") / "studie"
    _dutch_study(folder)
    out = folder.parent / "out"
    run_study(folder, out, progress=False, n_boot=5, parallel=False)
    return folder, out


def _xlsx_text(path) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def _visible(html: str) -> str:
    from tests.test_language_outputs import visible

    return visible(html)


def test_every_client_facing_file_of_a_dutch_study_is_dutch(dutch_run):
    folder, out = dutch_run
    texts = {"journey_map.xlsx": _xlsx_text(out / "journey_map.xlsx")}
    for f in sorted(out.glob("*.md")) + sorted(out.glob("*.html")):
        raw = f.read_text(encoding="utf-8")
        texts[f.name] = _visible(raw) if f.suffix == ".html" else raw
    assert {"journey_map.md", "journey_map.html", "summary.md"} <= set(texts), sorted(texts)
    own = INTERVIEW + (folder / "survey" / "export.csv").read_text(encoding="utf-8")
    for name, text in texts.items():
        # the study's own words, file names and study.toml keys are not the workbench's
        text = re.sub(r"\\?\[[a-z_.]+\\?\]|[\w/.-]+\.(?:csv|txt|toml|xlsx)", " ", text)
        found = sorted({w for w in EN_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)
                        and w not in own})
        assert not found, (name, found)


def test_too_few_respondents_for_personas_is_said_in_dutch(tmp_path):
    from workbench.errors import ModelError
    from workbench.personas import fit_personas

    _dutch_study(tmp_path / "klein", n=20)
    with pytest.raises(ModelError) as err:
        fit_personas(load_study(tmp_path / "klein"))
    assert "maar 20 respondenten" in err.value.message and "te weinig" in err.value.message
    assert "Geef het aantal persona's zelf op" in err.value.hint


def test_the_xlsx_says_rij_and_dutch_metric_and_opportunity_columns(dutch_run):
    _, out = dutch_run
    text = _xlsx_text(out / "journey_map.xlsx")
    assert "Rij" in text.split("\n")
    assert "CSAT gemiddeld" in text and "emotie: wat ze zeggen" in text
    assert "herkomst" in text and "prioriteit (berekend)" in text and "afgeleid" in text


def test_the_map_names_the_study_touchpoints(dutch_run):
    _, out = dutch_run
    md = (out / "journey_map.md").read_text(encoding="utf-8")
    assert "Zorgverlener" in md and "Brief" in md
    assert "Bezorging" not in md and "Winkel" not in md


# --- 4. loading: a Teams title block, a noun that opens a sentence --------------------------------------------


def test_a_teams_word_title_block_is_skipped_with_a_warning(tmp_path):
    docx = pytest.importorskip("docx")
    from workbench.io.transcripts import parse_transcript

    d = docx.Document()
    for line in ["Gesprek Ans - klantreis verzekering", "4 november 2026, 11:15", "28m 12s", "",
                 "Anna de Vries   0:03", "Goedemorgen, fijn dat je er bent.", "",
                 "Bram Smit   0:09", "Graag gedaan, ik heb er zin in.", ""]:
        d.add_paragraph(line)
    d.save(tmp_path / "P01.docx")
    t = parse_transcript(tmp_path / "P01.docx", interviewer=["Anna de Vries"])
    assert t.segments["speaker"].tolist() == ["Anna de Vries", "Bram Smit"]
    said = [w for w in t.warnings if "header above the first speaker skipped" in w]
    assert len(said) == 1 and "lines 1–3" in said[0] and "28m 12s" in said[0], t.warnings
    from workbench.io._messages import say

    assert "overgeslagen" in say(said[0], "nl")


def test_a_teams_download_without_a_title_has_no_title_warning(tmp_path):
    docx = pytest.importorskip("docx")
    from workbench.io.transcripts import parse_transcript

    d = docx.Document()
    for line in ["Anna de Vries   0:03", "Goedemorgen.", "", "Bram Smit   0:09", "Goedemorgen!", ""]:
        d.add_paragraph(line)
    d.save(tmp_path / "P02.docx")
    assert not [w for w in parse_transcript(tmp_path / "P02.docx").warnings if "title" in w]


@pytest.mark.parametrize("text, kept", [
    ("Ja. Nota van de tandarts twee keer ingediend.", "Nota"),
    ("Nee. Polis kwijt en niemand helpt.", "Polis"),
    ("Ja. Rekening van de huisarts kwam pas na drie maanden.", "Rekening"),
])
def test_a_noun_opening_a_sentence_is_no_name(text, kept):
    from workbench.privacy import scrub

    assert scrub(text, lang="nl") == text, kept


@pytest.mark.parametrize("text, name", [
    ("Ja. Nora van de balie hielp me goed.", "Nora"),
    ("Ja. Bakker van de klantenservice belde terug.", "Bakker"),
    ("Ja. Visser zei dat het geregeld was.", "Visser"),
])
def test_a_name_opening_a_sentence_stays_a_name(text, name):
    from workbench.privacy import scrub

    assert name not in scrub(text, lang="nl")
