"""Texts without speaker turns (diaries, e-mails, field notes) to and from QDA tools.

A QualCoder-like project of 2 interviews, a diary (emoji, Windows line ends) and field notes
fills an empty study: all four texts load, as transcripts, a document and notes, and every
coding sits on the same characters; export -> import -> export gives the same project.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from _refi_reader import read

from workbench.cli import main
from workbench.coding import Store
from workbench.coding.refi import export_qdpx, import_qdpx
from workbench.study import load_study

FIX = Path(__file__).resolve().parent / "fixtures" / "refi"
DIARY, NOTES = "docs/Dagboek_Anouk.txt", "notes/Veldnotities_bezoek_Sem.txt"


def _generator():
    spec = importlib.util.spec_from_file_location("make_documents", FIX / "make_documents.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = _generator()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return GEN.write(tmp_path_factory.mktemp("fixture") / "documents.qdpx")


def _fill(folder: Path, qdpx: Path, capsys) -> str:
    """`workbench new` then `workbench import`, as a researcher would; returns the import summary."""
    assert main(["new", str(folder)]) == 0
    capsys.readouterr()
    assert main(["import", str(folder), str(qdpx)]) == 0
    return capsys.readouterr().out


def _placed(study, store) -> dict[str, tuple]:
    """Per imported selection: (selected text, start, end in its source text, code guid, coder),
    from the stored codings (one per paragraph or turn the selection overlaps)."""
    book = store.codebook()
    seg = study.segments.set_index("segment_id")
    text = study.sources.set_index("source")["text"]
    rows = store.codings().merge(store.coding_notes()[["coding_id", "selection"]], on="coding_id")
    out = {}
    for sel, group in rows.groupby("selection"):
        where = seg.loc[group["doc_id"]]
        starts = where["char_start"].to_numpy() + group["start_char"].to_numpy()
        ends = where["char_start"].to_numpy() + group["end_char"].to_numpy()
        source = where["source"].iloc[0]
        a, b = int(starts.min()), int(ends.max())
        out[sel] = (text[source][a:b], a, b, book[group["code"].iloc[0]].guid, group["coder"].iloc[0])
    return out


def _expected() -> dict[str, tuple]:
    out = {}
    for s in GEN.sources():
        for k, (a, b, code, user, _, _) in enumerate(s["selections"]):
            if code:
                out[GEN.guid("sel", s["name"], k)] = (s["text"][a:b], a, b, GEN.guid("code", code), user)
    return out


def test_documents_and_notes_fill_an_empty_study(project, tmp_path, capsys):
    out = _fill(tmp_path / "S", project, capsys)
    assert "4 sources matched, 0 not matched, 4 added to the study" in out
    assert "codings: 15 imported" in out and "0 selections skipped" in out
    assert f"+ {DIARY} (document: fewer than two speakers)" in out
    assert f"+ {NOTES} (notes: named as notes; fewer than two speakers)" in out
    study = load_study(tmp_path / "S")
    sources = study.sources.set_index("source")
    assert sources[["kind", "participant_id"]].to_dict("index") == {
        # the file names hold the participants' names: their ids are pseudonyms (issue 20)
        "interviews/Interview_Anouk.txt": {"kind": "transcript", "participant_id": "P01"},
        "interviews/Interview_Sem.txt": {"kind": "transcript", "participant_id": "P02"},
        # a case is one participant: the diary is Anouk's, the field notes are about Sem
        DIARY: {"kind": "document", "participant_id": "P01"},
        NOTES: {"kind": "notes", "participant_id": "P02"},
    }
    assert sources.loc[DIARY, "text"] == GEN.DIARY_ANOUK  # emoji kept, Windows line ends normalised
    seg = study.segments
    diary, notes = seg[seg["source"] == DIARY], seg[seg["source"] == NOTES]
    # paragraphs of the participant: the copied e-mail's "Van:" and "Aan:" are no speakers
    assert len(diary) == 4 and set(diary["speaker"]) == {"P01"} and diary["verbatim"].all()
    assert len(notes) == 3 and set(notes["speaker"]) == {"P02"} and not notes["verbatim"].any()
    assert set(seg["role"][seg["source"].isin([DIARY, NOTES])]) == {"participant"}
    with Store.open(tmp_path / "S") as store:
        assert _placed(study, store) == _expected()  # every coding on the same characters
        codings = store.codings()
        assert len(codings) == 15  # 14 selections, one over two paragraphs of the diary
        assert sorted(store.coding_notes()["memo"].dropna()) == ["Prijs of bezorging? 🤔", "Zelfde vraag als P03."]
        memos = store.memos().set_index("text")
        blij = memos.loc["Eindelijk positief 🙂\r\nna een week wachten."]
        paragraph = seg.set_index("segment_id").loc[blij["doc_id"], "text"]
        assert paragraph[int(blij["start_char"]):int(blij["end_char"])] == "Blij 🎉"
        assert memos.loc["Anouk hield het dagboek twee weken bij.", "source"] == DIARY
        assert memos.loc["Alleen als de deelnemer het zelf zo noemt.", "code"] == "Gevoel/Frustratie"
        cases = store.cases().set_index("name")
        assert cases.loc["Anouk", "participant_id"] == "P01"
        assert list(cases.loc["Anouk", "sources"]) == ["interviews/Interview_Anouk.txt", DIARY]
        again = import_qdpx(project, study, store)  # the same project again: every text known, nothing added
        assert not again.added_sources and not again.unmatched
        assert {how for _, _, how in again.matched} == {"text"}
        assert (again.codings_imported, again.codings_duplicate, again.memos_imported) == (0, 15, 0)
    toml = (tmp_path / "S" / "study.toml").read_text(encoding="utf-8")
    assert '# participants = { "interview-jan" = "P07" }' in toml  # the template's comments are kept


@pytest.mark.parametrize("marked", [False, True], ids=["named", "file-attributes"])
def test_export_import_export_keeps_documents_and_notes(marked, tmp_path, capsys):
    original_path = GEN.write(tmp_path / "p.qdpx", marked=marked)
    exports = []
    for run in ("a", "b"):
        folder = tmp_path / run / "S"
        out = _fill(folder, exports[-1] if exports else original_path, capsys)
        assert "0 not matched" in out and "0 selections skipped" in out
        with Store.open(folder) as store:
            exports.append(tmp_path / f"{run}.qdpx")
            report = export_qdpx(load_study(folder), store, exports[-1])
            assert report.sources == 4 and report.codings == 14 and not report.skipped
    if marked:  # the file attribute decides, also for the notes (their name alone would too)
        assert "(document: variable 'Soort' = 'dagboek')" in out or "(document: variable 'text kind'" in out
    original, a, b = read(original_path), read(exports[0]), read(exports[1])
    assert a == b
    with zipfile.ZipFile(exports[0]) as za, zipfile.ZipFile(exports[1]) as zb:
        assert za.namelist() == zb.namelist()
        assert all(za.read(n) == zb.read(n) for n in za.namelist())
    for key in ("codes", "users", "sources", "codings", "notes", "cases"):
        assert a[key] == original[key], key
    assert a["variables"] == original["variables"] | {("text kind", "Text")}
    kinds = {name: dict((v, x) for v, _, x in vals)["text kind"] for name, vals in a["source_values"].items()}
    assert kinds == {"Interview Anouk.docx": "transcript", "Interview Sem.docx": "transcript",
                     "Dagboek Anouk.docx": "document", "Veldnotities bezoek Sem.docx": "notes"}


def test_marked_kind_is_read_first(tmp_path, capsys):
    out = _fill(tmp_path / "S", GEN.write(tmp_path / "p.qdpx", marked=True), capsys)
    assert f"+ {DIARY} (document: variable 'Soort' = 'dagboek')" in out
    assert f"+ {NOTES} (notes: variable 'Soort' = 'veldnotities')" in out
    assert "+ interviews/Interview_Anouk.txt" in out


def _small(sources: list[dict], **kw) -> bytes:
    codes = [("Code", None, True)]
    return GEN.project(sources, codes=codes, **kw)


def test_text_the_loader_changes_moves_codings_exactly_or_skips_them(tmp_path, capsys):
    # inline text with a byte-order mark, mojibake ("cafÃ©") and a control character: the loader
    # removes the mark and the control character and repairs the mojibake
    text = "\ufeffMaandag\nIn het cafÃ© een bank gezien\x7f. Mooi.\n\nDinsdag\nBesteld en betaald.\n"
    sels = [(*GEN.at(text, p), "Code", "Jan", None, None) for p in ("bank gezien", "Mooi", "cafÃ", "Besteld en")]
    qdpx = tmp_path / "p.qdpx"
    qdpx.write_bytes(_small([{"name": "Dagboek", "text": text, "inline": True, "selections": sels}]))
    assert main(["new", str(tmp_path / "S")]) == 0
    with Store.open(tmp_path / "S") as store:
        report = import_qdpx(qdpx, tmp_path / "S", store)
        study = report.study
        loaded = study.sources.set_index("source").loc["docs/Dagboek.txt", "text"]
        assert loaded == "Maandag\nIn het café een bank gezien. Mooi.\n\nDinsdag\nBesteld en betaald.\n"
        placed = sorted(t for t, *_ in _placed(study, store).values())
    assert placed == ["Besteld en", "Mooi", "bank gezien"]  # moved with the text, not shifted
    assert report.matched == [("Dagboek", "docs/Dagboek.txt", "text as loaded")]
    assert report.selections_skipped == 1 and "on characters the loader changed" in report.skip_reasons[0]
    if study.language == "nl":  # the report speaks the study's language, around the loader's own warnings
        problem = next(p for p in report.problems if p.startswith("Dagboek: de studielader veranderde"))
        assert "verminkte tekens hersteld" in problem and "stuurtekens verwijderd" in problem
    else:
        problem = next(p for p in report.problems if p.startswith("Dagboek: the study loader changed"))
        assert "mojibake repaired" in problem and "control characters removed" in problem


def test_add_sources_never_invents_speakers(tmp_path, capsys):
    thread = "".join(
        f"Van: {a}\nAan: {b}\nVerzonden: {d} maart 2026\nOnderwerp: Re: bestelling 4471\n\n{body}\n\n"
        for a, b, d, body in [
            ("klantenservice@woonhuis.example", "Anouk", 6, "Uw bank wordt dinsdag bezorgd."),
            ("Anouk", "klantenservice@woonhuis.example", 5, "Wanneer komt mijn bank? Ik hoor niets."),
            ("klantenservice@woonhuis.example", "Anouk", 4, "Bedankt voor uw bestelling."),
            ("Anouk", "klantenservice@woonhuis.example", 3, "Kan ik de bank ook ophalen?"),
        ])
    answers = "".join(f"Vraag: {q}\nAntwoord: {a}\n\n" for q, a in [
        ("Hoe vond u de website?", "Overzichtelijk."), ("En de bezorging?", "Te laat."),
        ("Zou u ons aanraden?", "Misschien."), ("Nog iets?", "Nee.")])
    interview = "Interviewer: Hoe ging het?\n\nAnouk: Goed, de bank staat er.\n\nInterviewer: Mooi.\n\nAnouk: Ja.\n"
    sources = [
        {"name": "Mailwisseling Anouk", "text": thread, "selections": [
            (*GEN.at(thread, "Wanneer komt mijn bank?"), "Code", "Jan", None, None)]},
        {"name": "Antwoorden Anouk", "text": answers, "values": {"type": "written answer"}, "selections": [
            (*GEN.at(answers, "Te laat."), "Code", "Jan", None, None)]},
        {"name": "Interview notes P03", "text": interview, "selections": [
            (*GEN.at(interview, "de bank staat er"), "Code", "Jan", None, None)]},
    ]
    qdpx = tmp_path / "p.qdpx"
    qdpx.write_bytes(_small(sources, variables=[("type", "Text")]))
    out = _fill(tmp_path / "S", qdpx, capsys)
    assert "3 sources matched, 0 not matched" in out and "0 selections skipped" in out
    assert "+ docs/Antwoorden_Anouk.txt (document: variable 'type' = 'written answer')" in out
    study = load_study(tmp_path / "S")
    kinds = study.sources.set_index("source")["kind"].to_dict()
    assert kinds == {"docs/Mailwisseling_Anouk.txt": "document", "docs/Antwoorden_Anouk.txt": "document",
                     "interviews/Interview_notes_P03.txt": "transcript"}  # turns: an interview, whatever its name
    speakers = study.segments.groupby("source")["speaker"].agg(set).to_dict()
    # the file names hold a first name, so the participants are pseudonyms (issue 20)
    assert speakers["docs/Mailwisseling_Anouk.txt"] == {"P02"}  # not "Van" and "Aan"
    assert speakers["docs/Antwoorden_Anouk.txt"] == {"P01"}  # not "Vraag" and "Antwoord"
    assert speakers["interviews/Interview_notes_P03.txt"] == {"Interviewer", "Anouk"}
    with Store.open(tmp_path / "S") as store:
        assert sorted(t for t, *_ in _placed(study, store).values()) == [
            "Te laat.", "Wanneer komt mijn bank?", "de bank staat er"]
