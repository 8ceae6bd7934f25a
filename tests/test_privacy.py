"""Personal data out of quotes and exports: detection quality, pseudonyms, marks, REFI offsets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.privacy import Policy, detect, mark, marks, scrub, shift, unmark
from workbench.privacy.evaluate import read_labelled, score

FIX = Path(__file__).parent / "fixtures" / "pii"
DEMO = Path(__file__).parents[1] / "surveys" / "webshop-nl"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_labelled_set_is_large_and_marked(lang):
    items = read_labelled(FIX / f"{lang}.txt")
    assert len(items) >= 250
    kinds = {k for it in items for _, _, k in it.spans}
    assert {"NAME", "ADDRESS", "POSTCODE", "PHONE", "EMAIL", "URL", "IBAN", "ID", "DOB", "PLATE"} <= kinds
    assert sum(not it.spans for it in items) >= 60  # sentences that must come through untouched


@pytest.mark.parametrize("name,recall", [
    ("nl.txt", 0.97), ("en.txt", 0.97), ("check_nl.txt", 0.97), ("check_en.txt", 0.97),
    ("independent_nl.txt", 0.97), ("independent_en.txt", 0.97),  # an independent annotator's sets
    ("check2_nl.txt", 0.97), ("check2_en.txt", 0.95),  # nicknames that are words, unlisted names without context
])
def test_recall_and_overreach_on_the_labelled_sets(name, recall):
    items = read_labelled(FIX / name)
    sc = score(items, "en" if name.endswith("en.txt") else "nl")
    assert sc.recall >= recall, sc.misses
    assert sc.removed_share <= 0.01, sc.false_hits


def test_both_labelled_shapes_and_the_three_scores(tmp_path):
    inline = tmp_path / "set.txt"
    inline.write_text("# comment\nIk sprak [[NAME:Wietske]] op [[phone:06-12345678]].\nBij Jumbo.\n", "utf-8")
    jsonl = tmp_path / "set.jsonl"
    jsonl.write_text('{"text": "Mevrouw de Jong belde.", "spans": [{"start": 0, "end": 15, "label": "NAME"}]}\n',
                     "utf-8")
    a, b = read_labelled(inline), read_labelled(jsonl)
    assert [(it.text, it.spans) for it in a] == [("Ik sprak Wietske op 06-12345678.", ((9, 16, "NAME"), (20, 31, "PHONE"))),
                                                 ("Bij Jumbo.", ())]
    sc = score(a + b, "nl")
    # the title inside the gold name is not required: "de Jong" is removed, "Mevrouw" stays
    assert sc.rate("removed") == 1.0 and sc.rate("overlap") == 1.0 and sc.rate("exact", "PHONE") == 1.0
    assert sc.rate("exact", "NAME") == 1.0 and sc.other_removed == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "abc", "spans": [[2, 9, "NAME"]]}\n', "utf-8")
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError, match="line 1"):
        read_labelled(bad)


@pytest.mark.parametrize("lang,text,gone", [
    ("nl", "Ik heb het aan Wietske gevraagd en Tjitske belde terug.", ["Wietske", "Tjitske"]),
    ("nl", "Jan, Piet en Kees kregen dezelfde factuur; Jans auto stond er ook.", ["Jan", "Piet", "Kees"]),
    ("nl", "heb net met sanne gebeld, groetjes kees", ["sanne", "kees"]),
    ("en", "I told Kyle and then Tadhg rang me; Aoife's account was charged.", ["Kyle", "Tadhg", "Aoife"]),
    ("en", "me and tom both complained, cheers kev", ["tom", "kev"]),
    ("en", "Will at the York branch swapped it, and Grace and I left.", ["Will", "Grace"]),
])
def test_names_found_by_their_context(lang, text, gone):
    out = scrub(text, lang=lang)
    for name in gone:
        assert name not in out, out


@pytest.mark.parametrize("lang,text", [
    ("nl", "Bij de Dirk was het goedkoper dan bij de Jumbo, en ik kocht een roos."),
    ("nl", "Het centrum van Brussel is mooi; de Ikea Billy kast stond in Den Bosch."),
    ("en", "I hope it arrives. Will they answer? The bill was wrong; Mark it urgent."),
    ("en", "We went with Sky, flew Delta to Sydney and bought a Bosch drill at Bunnings."),
])
def test_ordinary_words_brands_and_places_named_like_people_stay(lang, text):
    assert detect(text, lang) == []


@pytest.mark.parametrize("text", [
    "06 12 34 56 78", "+31 (0)6 1234 5678", "0031 6 12345678", "(020) 123 45 67", "088 - 123 45 67",
    "02/123.45.67", "0475/12.34.56", "+32 2 123 45 67", "07700 900 123", "+44 (0)7700 900123", "(0161) 496 0123",
    "1-800-555-0199", "(646) 555-0182", "212.555.0199", "087 123 4567", "+353 87 765 4321", "0412 345 678",
    "(02) 9876 5432", "1300 655 506", "nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig",
    "oh seven seven double oh, nine hundred, one two three",
])
def test_phone_numbers_of_six_countries_and_spoken(text):
    hits = detect(f"Bel me op {text} graag.", "nl") + detect(f"Call me on {text} please.", "en")
    assert [h.text for h in hits if h.kind == "phone"] == [text, text]


def test_no_phone_in_dates_prices_times_and_check_digit_numbers():
    text = "Op 01-01-2024 om 09.00-17.00 kostte het 1.299,00; BSN 111222333, bestelling 2023-11-05."
    assert [h.kind for h in detect(text, "nl") if h.kind == "phone"] == []


@pytest.mark.parametrize("lang,text,kind", [
    ("nl", "petra punt jansen apenstaartje gmail punt com", "email"),
    ("nl", "jan.dekker@gmail,com", "email"),
    ("en", "jake dot miller at gmail dot com", "email"),
    ("en", "sarah (at) outlook (dot) com", "email"),
    ("en", "@sarah.bakes", "url"),
    ("en", "943 476 5919", "national_id"),   # NHS, mod 11
    ("en", "1234567T", "national_id"),       # Irish PPS, mod 23
    ("en", "123 456 782", "national_id"),    # Australian TFN
    ("nl", "93.05.18-223.61", "national_id"),  # Belgian rijksregisternummer
    ("nl", "BE71 0961 2345 6769", "iban"),
    ("en", "D02 X285", "postcode"),          # Eircode
    ("nl", "B-8000", "postcode"),
])
def test_contact_details_and_check_digit_numbers(lang, text, kind):
    hits = detect(f"Het is {text} zeker." if lang == "nl" else f"It is {text} for sure.", lang)
    assert [(h.text, h.kind) for h in hits] == [(text, kind)]


def test_brand_handles_and_bare_shop_domains_stay():
    assert detect("Ik heb @coolblue getagd en besteld via bol.com", "nl") == []


def test_dutch_forms_the_issue_names():
    text = ("Ik sprak Jan de Vries en meneer Bakker; mijn zoon Daan woont op Kerkstraat 12, 3512 AB. "
            "BSN 111222333, kenteken 12-ABC-3, geboren 12-03-1985, IBAN NL91ABNA0417164300.")
    out = scrub(text, lang="nl")
    for gone in ("Jan", "Vries", "Bakker", "Daan", "Kerkstraat", "3512", "111222333", "12-ABC-3", "1985", "NL91"):
        assert gone not in out
    assert "meneer [PERSOON-" in out  # the form of address stays, the name goes
    assert "[ADRES]" in out and "[KENTEKEN]" in out


def test_english_text_gets_english_placeholders():
    out = scrub("Sarah Johnson lives at 42 Baker Street, SSN 123-45-6789, call (555) 123-4567.", lang="en")
    assert "Sarah" not in out and "Baker" not in out and "6789" not in out
    assert "[ADDRESS]" in out and "[ID-NUMBER]" in out and "[PHONE]" in out and "[PERSON-" in out


def test_brands_and_places_stay():
    for lang, text in (("nl", "Bij Albert Heijn en de Hema in Utrecht was de Philips airfryer goedkoper."),
                       ("en", "The Dyson from John Lewis in London was cheaper at Tesco.")):
        assert detect(text, lang) == []


def test_same_person_same_pseudonym_and_participants_keep_their_id(tmp_path):
    pol = Policy("nl", participants={"Anouk": "P01"}, interviewers=["Sanne"], store=_store_dir(tmp_path))
    a = pol.scrub("Jan de Vries belde Anouk terug.")
    b = pol.scrub("Later zei Jan dat meneer De Vries het zou regelen; Sanne vroeg door.")
    assert a == "[PERSOON-1] belde [P01] terug."
    assert b.count("[PERSOON-1]") == 2 and "[INTERVIEWER]" in b
    assert pol.scrub("Fleur kwam ook.") == "[PERSOON-2] kwam ook."
    # a new policy on the same store (a later run) gives the same numbers
    again = Policy("nl", store=_store_dir(tmp_path))
    assert again.scrub("Fleur en Jan de Vries") == "[PERSOON-2] en [PERSOON-1]"


def test_respondent_pseudonyms_are_stable_and_stored(tmp_path):
    d = _store_dir(tmp_path)
    pol = Policy("nl", store=d)
    pol.register_respondents(["R_b", "R_a", "R_c"])
    assert [pol.pseudonym(r) for r in ("R_a", "R_b", "R_c")] == ["R-001", "R-002", "R-003"]
    later = Policy("nl", store=d)
    later.register_respondents(["R_0", "R_a"])  # a new wave: the old keep their numbers
    assert later.pseudonym("R_a") == "R-001" and later.pseudonym("R_0") == "R-004"


def test_keep_and_scrub_marks_in_the_store(tmp_path):
    d = _store_dir(tmp_path)
    mark(d, "Jan Linders", "keep")
    mark(d, "Woonie", "scrub")
    m = marks(d)
    assert set(zip(m["text"], m["action"], strict=True)) == {("Jan Linders", "keep"), ("Woonie", "scrub")}
    pol = Policy("nl", keep=m.loc[m["action"] == "keep", "text"], scrub=m.loc[m["action"] == "scrub", "text"])
    out = pol.scrub("Bij Jan Linders hielp Woonie mij, en Petra ook.")
    assert "Jan Linders" in out and "Woonie" not in out and "Petra" not in out
    unmark(d, "woonie")
    assert list(marks(d)["text"]) == ["Jan Linders"]
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError):
        mark(d, "x", "forget")


def test_shift_moves_offsets_into_the_scrubbed_text():
    pol = Policy("nl")
    text = "Bel Jan de Vries op 06-12345678 over de stoelen."
    new, edits = pol.scrub_with_offsets(text)
    a = text.index("stoelen")
    assert new[shift(a, edits):shift(a + 7, edits)] == "stoelen"


def test_review_widget_marks_the_chosen_words(tmp_path):
    import pandas as pd

    from workbench.coding import Store
    from workbench.coding.review import ReviewWidget

    docs = pd.DataFrame({"doc_id": ["d1"], "kind": ["answer"], "source": ["s.csv"], "participant_id": [pd.NA],
                         "respondent_id": ["R1"], "role": ["participant"], "question_id": ["Q1"],
                         "text": ["De Woonie app van Jan werkt niet."], "context": ["Waarom?"]})
    sugg = pd.DataFrame({"doc_id": ["d1"], "sent_start": [0], "sent_end": [33], "start_char": [20],
                         "end_char": [32], "text": ["werkt niet"], "label": ["pain_point"], "value": ["defect"],
                         "phase": [pd.NA], "score": [0.9], "rule_id": ["r"]})
    with Store.open(_store_dir(tmp_path)) as st:
        w = ReviewWidget(docs, sugg, st, "anna", all_documents=True)
        w.search.value = "Woonie"
        w.find_button.click()
        w.keep_button.click()
        w.search.value = "Jan"
        w.find_button.click()
        w.scrub_button.click()
        got = dict(zip(marks(st)["text"], marks(st)["action"], strict=True))
    assert got == {"Woonie": "keep", "Jan": "scrub"}


def _store_dir(tmp_path: Path) -> Path:
    d = tmp_path / "study"
    d.mkdir(exist_ok=True)
    return d


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    if not DEMO.exists():
        pytest.skip("demo study missing")
    d = tmp_path_factory.mktemp("demo") / "webshop-nl"
    shutil.copytree(DEMO, d, ignore=shutil.ignore_patterns(".workbench"))
    return d


def test_refi_export_scrubs_on_request_and_keeps_codings_on_their_words(demo_copy, tmp_path):
    import zipfile

    from workbench.coding import Store
    from workbench.coding.refi import export_qdpx
    from workbench.study import load_study

    study = load_study(demo_copy)
    seg = study.segments[study.segments["role"] == "participant"].iloc[0]
    text = str(seg["text"])
    at = text.index(" ", 10) + 1
    word_end = text.index(" ", at)
    with Store.open(study.path) as st:
        st.add_coding(str(seg["segment_id"]), at, word_end, "pain_point", "anna")
        plain = export_qdpx(study, st, tmp_path / "plain.qdpx")
        clean = export_qdpx(study, st, tmp_path / "clean.qdpx", scrub=True)
    assert plain.codings == clean.codings == 1
    with zipfile.ZipFile(tmp_path / "plain.qdpx") as z:
        raw = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("sources/"))
    with zipfile.ZipFile(tmp_path / "clean.qdpx") as z:
        files = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    assert "Mark" in raw  # the participant's name is in the original transcript ...
    scrubbed = "".join(v for k, v in files.items() if k.startswith("sources/"))
    assert "Mark:" not in scrubbed and "[P02]" in scrubbed  # ... and not in the scrubbed one
    import re

    sel = re.search(r'<PlainTextSelection[^>]*startPosition="(\d+)" endPosition="(\d+)"[^>]*>\s*<Coding',
                    files["project.qde"])
    a, b = int(sel.group(1)), int(sel.group(2))
    word = text[at:word_end]
    assert word in "".join(files[k][a:b] for k in files if k.startswith("sources/"))
