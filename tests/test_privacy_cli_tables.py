"""Issue 20 for ``workbench themes`` and ``workbench tag``: no personal data in their files by default.

A survey export of our own is planted with identifiers — an e-mail column, a name column, a phone
column, a contact column with an innocent heading, and names, phone numbers and e-mail addresses in
the open answers. None may reach any file the two commands write, unless the researcher opts out
with ``--no-scrub-tables`` (internal use). A contact line ("Bel me gerust: …") is no need and no
theme.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pandas as pd
import pytest

from workbench.cli import main
from workbench.cli._private import identifying_columns
from workbench.nlp import tag_texts
from workbench.nlp.contact_offer import is_contact_offer

COMPLAINTS = [
    "De bezorging duurde veel te lang, twee weken gewacht.",
    "De app loopt steeds vast bij het afrekenen.",
    "Het retourneren was omslachtig en duurde lang.",
    "De klantenservice nam niet op, drie keer gebeld.",
    "Ik wil graag kunnen betalen met iDEAL in de app.",
    "De verzendkosten zijn te hoog voor zo'n klein pakketje.",
    "Het pakket was beschadigd toen het aankwam.",
]
PLANTED = {  # what must not reach an output file: identifier -> the text it is planted in
    "06-48213377": "Bel me gerust: 06-48213377, Gerrit",
    "Gerrit": "Bel me gerust: 06-48213377, Gerrit",
    "Maarten de Wit": "De bezorger, Maarten de Wit, was erg onbeleefd tegen mij.",
    "Ingrid Bos": "Vraag maar naar Ingrid Bos bij de balie, zij weet er alles van.",
    "w.kramer@voorbeeld.nl": "Stuur de factuur naar w.kramer@voorbeeld.nl want die kwam nooit aan.",
}
COLUMN_IDS = ["anouk.smit@voorbeeld.nl", "Anouk Smit", "0612003344", "bas@voorbeeld.org"]


def export(folder: Path, n: int = 60) -> Path:
    rng = random.Random(11)
    planted = sorted(set(PLANTED.values()))
    rows = [["Tijdstempel", "E-mailadres", "Naam", "Telefoonnummer", "Hoe kunnen we je bereiken?",
             "Hoe tevreden ben je?", "Wat kan beter?"]]
    for r in range(n):
        text = planted[(r // 4) % len(planted)] if r % 4 == 0 else rng.choice(COMPLAINTS)
        rows.append([f"2026/10/{1 + r % 28:02d} 12:0{r % 10}:00",
                     "anouk.smit@voorbeeld.nl" if r == 1 else f"klant{r}@voorbeeld.nl",
                     "Anouk Smit" if r == 1 else rng.choice(["Sem Visser", "Lieke de Boer", "Daan Mulder"]),
                     "0612003344" if r == 1 else f"06{rng.randint(10_000_000, 99_999_999)}",
                     "bas@voorbeeld.org" if r == 1 else f"contact{r}@voorbeeld.org",
                     rng.choice(["Tevreden", "Neutraal", "Ontevreden"]), text])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path = folder / "enquete.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def outputs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("out*"))}


def leaks(files: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, ident) for name, text in files.items() for ident in [*PLANTED, *COLUMN_IDS]
            if ident.casefold() in text.casefold()]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy_cli")
    path = export(folder)
    col = "Wat kan beter?"
    base = ["--text-column", col, "--lang", "nl"]
    scrubbed, raw = folder / "scrubbed", folder / "raw"
    scrubbed.mkdir()
    raw.mkdir()
    codes = [main(["themes", str(path), *base, "--label", "all", "--out", str(scrubbed / "out_themes")]),
             main(["themes", str(path), *base, "--label", "need", "--out", str(scrubbed / "out_needs")]),
             main(["tag", str(path), *base, "--out", str(scrubbed / "out_tagged.csv")]),
             main(["themes", str(path), *base, "--label", "all", "--out", str(raw / "out_themes"),
                   "--no-scrub-tables"]),
             main(["tag", str(path), *base, "--out", str(raw / "out_tagged.csv"), "--no-scrub-tables"])]
    assert codes == [0] * 5
    return scrubbed, raw


def test_no_identifier_reaches_any_output_file_by_default(runs):
    scrubbed, _ = runs
    files = outputs(scrubbed)
    assert set(files) == {"out_themes.themes.csv", "out_themes.rows.csv", "out_needs.themes.csv",
                          "out_needs.rows.csv", "out_tagged.csv"}
    assert leaks(files) == []
    rows = pd.read_csv(scrubbed / "out_themes.rows.csv", dtype=str)
    # the identifying columns are left out; answers and the scale stay
    assert list(rows.columns[:3]) == ["Tijdstempel", "Hoe tevreden ben je?", "Wat kan beter?"]
    assert rows["Tijdstempel"].iloc[0] == "2026/10/01 12:00:00"  # a timestamp is no date of birth
    assert "[TELEFOON]" in " ".join(rows["Wat kan beter?"])  # scrubbed, not dropped
    tagged = pd.read_csv(scrubbed / "out_tagged.csv", dtype=str)
    assert "E-mailadres" not in tagged and "Naam" not in tagged and "Hoe kunnen we je bereiken?" not in tagged


def test_opt_out_keeps_the_personal_data_for_internal_use(runs):
    _, raw = runs
    files = outputs(raw)
    assert {ident for _, ident in leaks(files)} == {*PLANTED, *COLUMN_IDS}


def test_a_contact_line_is_no_theme_and_no_need(runs):
    scrubbed, _ = runs
    for name in ("out_themes.themes.csv", "out_needs.themes.csv"):
        themes = pd.read_csv(scrubbed / name, dtype=str)
        said = " ".join(themes[["label", "aspect", "phrases", "quotes"]].fillna("").to_numpy().ravel()).casefold()
        assert "bel me" not in said and "telefoon" not in said, name
    tagged = pd.read_csv(scrubbed / "out_tagged.csv", dtype=str)
    contact = tagged[tagged["Wat kan beter?"].str.startswith("Bel me gerust")]
    assert len(contact) and (contact["need"] == "0").all()
    wish = tagged[tagged["Wat kan beter?"].str.startswith("Ik wil graag")]
    assert (wish["need"] == "1").all()  # a wish stays a need


@pytest.mark.parametrize("sentence, offer", [
    ("Bel me gerust: 06-48213377, Gerrit", True),
    ("Je mag me altijd mailen als er vragen zijn.", True),
    ("Neem gerust contact met mij op via 020-5550123.", True),
    ("Feel free to call me on 07700 900456.", True),
    ("You can always email me at ruth@example.org", True),
    ("Happy to be contacted for a follow-up interview.", True),
    ("Bel me terug over mijn retour.", False),
    ("Please call me back about the missing parcel.", False),
    ("Bel me niet meer met aanbiedingen.", False),
    ("Stop emailing me three times a day.", False),
    ("Ik wil graag een app met pushberichten.", False),
    ("Mail me when it is back in stock.", False),
])
def test_contact_offers(sentence, offer):
    assert is_contact_offer(sentence) is offer


def test_the_tagger_keeps_a_wish_next_to_a_contact_line():
    doc_tags, tags = tag_texts(["Ik wil graag een app. Bel me gerust!", "Bel me gerust: 06-48213377, Gerrit",
                                "Bel me terug over mijn bestelling."], lang="nl", return_tags=True)
    assert doc_tags["need"].tolist() == [1, 0, 1]


def test_identifying_columns_by_name_and_by_content():
    frame = pd.DataFrame({"E-mailadres": ["a@b.nl", ""], "Voornaam": ["Jan", "Piet"], "Leeftijd": ["31", "45"],
                          "Bereikbaar op": ["06-12345678", "+31 6 87654321"], "Klant-id": ["114000000001", "114000000002"],
                          "Vind je de naam van de app duidelijk, en waarom wel of niet?": ["Ja", "Nee"],
                          "Opmerking": ["Prima", "Te duur"]})
    assert identifying_columns(frame) == ["E-mailadres", "Voornaam", "Bereikbaar op"]
    assert identifying_columns(frame, keep=["Voornaam"]) == ["E-mailadres", "Bereikbaar op"]
