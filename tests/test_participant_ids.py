"""Participant ids are pseudonyms: a first name in a file name never becomes the id that every
quote, persona card and REFI case shows (issue 20: participants keep their study pseudonyms)."""

from __future__ import annotations

import pytest

import workbench
from workbench.io._participants import participant_ids, segment_keys


def _talk(interviewer: str, participant: str) -> str:
    return (f"{interviewer}: Hoe kwam je bij ons terecht?\n{participant}: Via een collega.\n"
            f"{interviewer}: En daarna?\n{participant}: Toen heb ik een abonnement genomen.\n")


@pytest.mark.parametrize(("speakers", "expected"), [
    ({"P01_anna": ["Sanne", "Anna de Vries"]}, {"P01_anna": "P01"}),           # code + name (in the file)
    ({"anna_P07": ["Interviewer", "R"]}, {"anna_P07": "P07"}),                 # code + a first name (lexicon)
    ({"03-kees": []}, {"03-kees": "P03"}),                                     # a bare number is a P-code
    ({"R12_Fatima": []}, {"R12_Fatima": "R12"}),                               # the study's own letters stay
    ({"P02": [], "P02_teams": ["Sanne", "Jeroen"]}, {"P02": "P02", "P02_teams": "P02_teams"}),  # no name: kept
    ({"dagboek_week1": [], "interview3": []}, {"dagboek_week1": "dagboek_week1", "interview3": "interview3"}),
    ({"P01": [], "P02_jan": [], "floor-jansen": ["Floor Jansen"], "daan": []},  # name alone: next free number
     {"P01": "P01", "P02_jan": "P02", "daan": "P03", "floor-jansen": "P04"}),
])
def test_ids_from_file_names(speakers, expected):
    ids, _ = participant_ids(speakers)
    assert ids == expected


def test_explicit_ids_win_and_are_never_reused():
    ids, notes = participant_ids({"anna": ["Anna"], "kees": ["Kees"], "P01_lotte": []},
                                 explicit={"anna": "P02", "kees": "Kees"})
    assert ids == {"anna": "P02", "kees": "Kees", "P01_lotte": "P01"}  # what the researcher wrote stays
    # a pseudonym for P01_lotte; the files named in study.toml only lose their name in evidence ids
    assert [(stem, n.key) for stem, n in notes] == [("P01_lotte", "pseudonym"), ("anna", "named_file"),
                                                    ("kees", "named_file")]
    ids, _ = participant_ids({"anna": [], "P01_x": [], "P02": []}, explicit={"P02": "P03"})
    assert ids["anna"] == "P04"  # P01, P02 (a code in a stem) and P03 (explicit) are taken


def test_the_same_files_give_the_same_ids_in_any_order():
    stems = {"jan-bos": ["Jan Bos"], "P02_noor": [], "lieke": [], "P05": [], "eva-smit": ["Eva Smit"]}
    first, _ = participant_ids(stems)
    again, _ = participant_ids(dict(reversed(list(stems.items()))))
    assert first == again == {"P02_noor": "P02", "P05": "P05", "eva-smit": "P01", "jan-bos": "P03", "lieke": "P04"}


def test_two_files_that_become_one_id_are_reported():
    ids, notes = participant_ids({"P01_anna": [], "P01_anna_deel2": []})
    assert ids == {"P01_anna": "P01", "P01_anna_deel2": "P01"}
    assert sum("all become participant P01" in str(n) for _, n in notes) == 1


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_study_never_shows_the_names_in_its_file_names(tmp_path, language):
    folder = tmp_path / "s"
    (folder / "interviews").mkdir(parents=True)
    files = {"P01_floor.txt": _talk("Sanne", "Floor"), "daan-visser.txt": _talk("Sanne", "Daan Visser"),
             "P03.txt": _talk("Sanne", "Noor"), "gesprek_kim.txt": _talk("Sanne", "Kim"),
             "P05_lieke.txt": _talk("Sanne", "R")}
    for name, text in files.items():
        (folder / "interviews" / name).write_text(text, encoding="utf-8")
    (folder / "study.toml").write_text(
        f'name = "s"\nlanguage = "{language}"\n[transcripts]\npaths = ["interviews/*.txt"]\n'
        'participants = { "gesprek_kim" = "P09" }\n', encoding="utf-8")
    study = workbench.load_study(folder)
    ids = dict(zip(study.sources["source"], study.sources["participant_id"], strict=True))
    assert ids == {"interviews/P01_floor.txt": "P01", "interviews/daan-visser.txt": "P02",
                   "interviews/P03.txt": "P03", "interviews/gesprek_kim.txt": "P09",
                   "interviews/P05_lieke.txt": "P05"}
    assert set(study.segments["participant_id"]) == set(ids.values())
    # each change is said once, in the study's language, after the file's own warnings
    said = [w for w in study.warnings if "P01_floor" in w or "daan-visser" in w or "P05_lieke" in w]
    assert len(said) == 3 and len(study.warnings) == 4  # + gesprek_kim: its ids follow its id in study.toml
    # no segment id carries a file's name: they start with the participant id instead
    assert {s.split("#")[0] for s in study.segments["segment_id"]} == set(ids.values())
    assert study.renamed == {"P01_floor": "P01", "daan-visser": "P02", "gesprek_kim": "P09", "P05_lieke": "P05"}
    word = {"nl": "de bestandsnaam bevat een naam", "en": "the file name holds a name"}[language]
    assert all(word in w for w in said)
    report = study.load_report.set_index("source")["warnings"]
    assert report["interviews/P01_floor.txt"] == 1 and report["interviews/P03.txt"] == 0
    assert workbench.load_study(folder).sources["participant_id"].tolist() == study.sources["participant_id"].tolist()


def test_a_document_named_after_its_writer_gets_a_pseudonym_as_its_speaker_too(tmp_path):
    folder = tmp_path / "d"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "dagboek_lotte.txt").write_text("Dag 1. Besteld.\n\nDag 2. Niets gehoord.\n", encoding="utf-8")
    (folder / "study.toml").write_text(
        'name = "d"\nlanguage = "nl"\n[transcripts]\ndocuments = ["docs/*.txt"]\n', encoding="utf-8")
    study = workbench.load_study(folder)
    assert set(study.segments["participant_id"]) == {"P01"} and set(study.segments["speaker"]) == {"P01"}
    assert "P01 (participant, 2)" in study.load_report["speakers"].iloc[0]


def test_an_explicit_id_naming_another_file_follows_its_pseudonym():
    """A REFI import ties a diary to its writer's interview by naming the interview's stem."""
    ids, notes = participant_ids({"Interview_Anouk": ["Sanne", "Anouk"], "Dagboek_Anouk": []},
                                 explicit={"Dagboek_Anouk": "Interview_Anouk"})
    assert ids == {"Interview_Anouk": "P01", "Dagboek_Anouk": "P01"}
    assert [stem for stem, n in notes if n.key == "pseudonym"] == ["Interview_Anouk"]
    assert segment_keys({"Interview_Anouk": ["Sanne", "Anouk"], "Dagboek_Anouk": []}, ids) == {
        "Dagboek_Anouk": "P01", "Interview_Anouk": "P01-2"}  # one participant, two texts: unique ids


def _named_study(tmp_path):
    folder = tmp_path / "m"
    (folder / "interviews").mkdir(parents=True)
    (folder / "interviews" / "P01_floor.txt").write_text(_talk("Sanne", "Floor"), encoding="utf-8")
    (folder / "interviews" / "P02.txt").write_text(_talk("Sanne", "Noor"), encoding="utf-8")
    (folder / "study.toml").write_text('name = "m"\nlanguage = "nl"\n[transcripts]\npaths = ["interviews/*.txt"]\n',
                                       encoding="utf-8")
    return folder


def test_a_store_with_the_old_file_name_ids_moves_to_the_new_ids_once(tmp_path):
    """Codings and memos made when ids were '<file stem>#<turn>' keep their text (issue 20)."""
    from workbench.coding import Store

    folder = _named_study(tmp_path)
    with Store.open(folder) as store:  # written by an earlier version: ids from the file name
        first = store.add_coding("P01_floor#001", 0, 9, "pain_point", coder="sanne")
        store.change_code(first, "need", coder="sanne")  # history: two rows for one span
        store.add_coding("P02#003", 0, 5, "need", coder="sanne")
        store.add_memo("Lange wachttijd", "sanne", doc_id="P01_floor#003")
    study = workbench.load_study(folder)
    assert sorted(study.segments["segment_id"])[:2] == ["P01#000", "P01#001"]
    moved = [w for w in study.warnings if "studieopslag" in w]
    assert moved == ["studieopslag: 2 coderingen, 1 memo's verplaatst naar de bewijs-ids zonder bestandsnaam "
                     "(P01#…), zodat geen codering of memo zijn tekst kwijt is"]
    assert not any("floor" in w.lower() for w in moved)
    with Store.open(folder) as store:
        assert sorted(store.codings()["doc_id"]) == ["P01#001", "P02#003"]
        assert sorted(store.history()["doc_id"]) == ["P01#001", "P01#001", "P02#003"]
        assert store.memos()["doc_id"].tolist() == ["P01#003"]
        seg = study.segments.set_index("segment_id")
        assert seg.loc["P01#001", "text"].startswith("Via een collega")  # the coded turn is the same turn
    again = workbench.load_study(folder)  # idempotent: nothing left to move, nothing said
    assert not any("studieopslag" in w for w in again.warnings)
    with Store.open(folder) as store:
        assert sorted(store.codings()["doc_id"]) == ["P01#001", "P02#003"]


def test_a_store_that_cannot_be_changed_is_reported_and_keeps_the_old_ids(tmp_path, monkeypatch):
    import sqlite3

    from workbench.coding import Store

    folder = _named_study(tmp_path)
    with Store.open(folder) as store:
        store.add_coding("P01_floor#001", 0, 9, "pain_point", coder="sanne")
    real_open = Store.open.__func__
    monkeypatch.setattr(Store, "open", classmethod(lambda cls, loc, **kw: real_open(cls, loc, timeout=0.1)))
    other = sqlite3.connect(folder / ".workbench" / "store.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another session is writing
    try:
        study = workbench.load_study(folder)
    finally:
        other.execute("ROLLBACK")
        other.close()
    said = [w for w in study.warnings if "studieopslag" in w]
    assert len(said) == 1 and "oude bewijs-ids" in said[0] and "P01#…" in said[0]
    with Store.open(folder) as store:
        assert store.codings()["doc_id"].tolist() == ["P01_floor#001"]  # nothing half-moved
    study = workbench.load_study(folder)  # the next load moves them
    with Store.open(folder) as store:
        assert store.codings()["doc_id"].tolist() == ["P01#001"]


def test_refi_sources_are_named_by_their_ids_not_by_a_named_file(tmp_path):
    import zipfile

    from workbench.coding import Store
    from workbench.coding.refi import export_qdpx

    folder = _named_study(tmp_path)
    study = workbench.load_study(folder)
    with Store.open(folder) as store:
        plain = export_qdpx(study, store, tmp_path / "plain.qdpx").path
        scrubbed = export_qdpx(study, store, tmp_path / "scrubbed.qdpx", scrub=True).path
    with zipfile.ZipFile(plain) as z:
        qde = z.read("project.qde").decode("utf-8")
    assert 'name="P01"' in qde and 'name="P01_floor"' not in qde
    assert "interviews/P01_floor.txt" in qde  # the file, for the researcher's own QDA tool (unscrubbed export)
    with zipfile.ZipFile(scrubbed) as z:
        everything = "".join(z.read(n).decode("utf-8") for n in z.namelist())
    assert "floor" not in everything.lower() and 'name="P01"' in everything
