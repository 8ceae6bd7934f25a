"""Whole projects through the workbench: a realistic QDA project into an empty study, and
export -> import -> export, read back by an independent reader (tests/_refi_reader.py)."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import pytest
from _refi_reader import read

from workbench.cli import main
from workbench.coding import Store, default_codebook
from workbench.coding.refi import export_qdpx, import_qdpx
from workbench.study import load_study

REPO = Path(__file__).resolve().parents[1]
FIX = REPO / "tests" / "fixtures" / "refi"


def _generator():
    spec = importlib.util.spec_from_file_location("make_project", FIX / "make_project.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _generator().write(tmp_path_factory.mktemp("fixture") / "realistic.qdpx")


def _fill(folder: Path, qdpx: Path, capsys) -> str:
    """`workbench new` then `workbench import`, as a researcher would; returns the import summary."""
    assert main(["new", str(folder)]) == 0
    assert main(["import", str(folder), str(qdpx)]) == 0
    return capsys.readouterr().out


def test_realistic_project_fills_an_empty_study_with_nothing_merged_or_lost(project, tmp_path, capsys):
    original = read(project)
    assert len(original["codes"]) == 262 and len(original["codings"]) == 205
    out = _fill(tmp_path / "S", project, capsys)
    assert "262 added, 12 categories" in out and "2 added to the study" in out
    study = load_study(tmp_path / "S")
    assert sorted(study.sources["source"]) == ["interviews/Interview_Anouk.txt", "interviews/Interview_Sem.txt"]
    with Store.open(tmp_path / "S") as store:
        book = store.codebook()
        by_guid = {c.guid: c for c in book}
        for guid, (path, codable) in original["codes"].items():  # every code, apart, with its path
            code = by_guid[guid]
            labels = [book[a].display for a in reversed(book.ancestors(code.name))] + [code.display]
            assert tuple(labels) == path and code.codable == codable
        overig = [c for c in book if c.display == "overig"]
        assert len(overig) > 10 and len({c.name for c in overig}) == len(overig)
        codings = store.codings()
        notes = store.coding_notes()
        assert notes["selection"].nunique() == 201  # 205 codings in 201 selections (4 carry two codes)
        docs = study.documents().set_index("doc_id")["text"]
        assert all(docs[r.doc_id][r.start_char:r.end_char].strip() for r in codings.itertuples())
        assert set(store.coders()) == original["users"]  # the user without codings too
        memos = store.memos()
        assert len(memos) == 5 + 4 + 2 + 3  # code, annotation, source, project (2 + the journal)
        assert memos["text"].str.contains("\r\n").sum() == 4 and memos["text"].str.contains("🙂").sum() == 4
        cases = store.cases().set_index("name")
        assert list(cases.index) == ["Anouk", "Sem"]
        assert cases.loc["Anouk", "participant_id"] == "P01"  # the file name holds her name: a pseudonym (issue 20)
        assert store.variables()["type"].tolist() == ["Text", "Integer", "Boolean", "Date"]
        first = tmp_path / "first.qdpx"
        report = export_qdpx(study, store, first)
        again = import_qdpx(project, study, store)  # importing the same project again adds nothing
        assert (again.codings_imported, again.memos_imported, again.codes_added) == (0, 0, [])
        assert again.codings_duplicate == 211 and len(store.cases()) == 2 and len(store.codebook()) == len(book)
    assert report.codings == 205 and report.codes == 262 and report.categories == 12
    exported = read(first)
    for key in ("users", "sources", "codings", "notes", "cases", "variables", "codes"):
        assert exported[key] == original[key], key


def test_export_import_export_is_stable(project, tmp_path, capsys):
    exports = []
    for run in ("a", "b"):
        folder = tmp_path / run / "S"  # the same study name, so the project files can be compared whole
        _fill(folder, exports[-1] if exports else project, capsys)
        with Store.open(folder) as store:
            exports.append(tmp_path / f"{run}.qdpx")
            export_qdpx(load_study(folder), store, exports[-1], all_codes=True)
    a, b = (read(p) for p in exports)
    assert a == b
    with zipfile.ZipFile(exports[0]) as za, zipfile.ZipFile(exports[1]) as zb:
        assert za.namelist() == zb.namelist()
        for name in za.namelist():
            assert za.read(name) == zb.read(name), name


def test_demo_study_round_trip_through_an_empty_study(tmp_path, capsys):
    """The demo's own coding, memos and cases survive export -> new study -> export."""
    demo = tmp_path / "demo"
    shutil.copytree(REPO / "surveys" / "webshop-nl", demo)
    study = load_study(demo)
    with Store.open(demo) as store:
        book = store.codebook() or default_codebook(study.phase_model, "nl")
        book.add("prijs", "Prijs 💶", parent="pain_point")
        book.add("groep", "Groep", codable=False)
        book.add("groep/overig", "overig", parent="groep")
        book.add("pain_point/overig", "overig", parent="pain_point")
        store.save_codebook(book)
        store.add_coding("P01#003", 0, 12, "prijs", coder="anna")
        cid = store.add_coding("P01#005", 0, 9, "groep/overig", coder="bob")
        store.set_coding_memo(cid, "Twijfel 😅\r\nook prijs?")
        store.add_coding("P02#003", 0, 9, "pain_point/overig", coder="anna")
        store.add_memo("Over deze zin.", "anna", doc_id="P01#003", start=2, end=8)
        store.add_memo("Over de code.", "bob", code="groep/overig")
        store.add_memo("Over het project.", "anna")
        first = tmp_path / "first.qdpx"
        export_qdpx(study, store, first)
    out = _fill(tmp_path / "S", first, capsys)
    # the transcripts come back as transcripts; the open answers (one text per question) as
    # documents, which the study loads: every text is matched, no selection is lost
    assert "+ interviews/P01.txt" in out and "+ docs/Q10_1.txt (document: variable 'text kind' = 'document')" in out
    assert "17 sources matched, 0 not matched, 17 added" in out and "0 selections skipped" in out
    again = load_study(tmp_path / "S")
    kinds = again.sources.set_index("source")["kind"]
    assert kinds[kinds.index.str.startswith("docs/")].tolist() == ["document"] * 5
    with Store.open(tmp_path / "S") as store:
        second = tmp_path / "second.qdpx"
        export_qdpx(again, store, second)
        assert store.coding_notes()["memo"].dropna().tolist() == ["Twijfel 😅\r\nook prijs?"]
    a, b = read(first), read(second)
    for key in ("codes", "users", "codings", "notes", "variables", "sources", "source_values"):
        assert a[key] == b[key], key
    assert len(a["sources"]) == 17 and set(a["source_values"]["Q10_1"]) == {("text kind", "TextValue", "document")}
