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
    assert len(items) >= 150
    kinds = {k for it in items for _, _, k in it.spans}
    assert {"person", "address", "postcode", "phone", "email", "iban", "national_id", "date", "plate"} <= kinds
    assert sum(not it.spans for it in items) >= 40  # sentences that must come through untouched


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_recall_and_overreach_on_the_development_half(lang):
    dev = [it for it in read_labelled(FIX / f"{lang}.txt") if it.half == "dev"]
    sc = score(dev, lang)
    assert sc.recall >= 0.95, sc.misses
    assert sc.removed_share <= 0.02, sc.false_hits


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
