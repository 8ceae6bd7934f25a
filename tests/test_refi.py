"""REFI-QDA exchange: .qdc codebooks, .qdpx export (XSD-valid), import quirks, hostile files, CLI."""

from __future__ import annotations

import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from workbench.cli import main
from workbench.coding import Store, default_codebook
from workbench.coding.refi import (
    Limits,
    export_qdpx,
    import_qdpx,
    read_qdc,
    schema_path,
    validate_qdc,
    validate_qdpx,
    write_qdc,
)
from workbench.errors import QdpxError
from workbench.study import load_study

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "surveys" / "webshop-nl"
FIX = REPO / "tests" / "fixtures" / "refi"
XSD = REPO / "workbench" / "data" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "webshop-nl"
    shutil.copytree(DEMO, folder)
    return load_study(folder)


def _store(tmp_path, name="store.sqlite") -> Store:
    return Store.open(tmp_path / name)


def _span(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return i, i + len(phrase)


def _code(demo, store):
    """Codings on transcript turns and open answers (non-ASCII text), memos, a rejected suggestion."""
    book = default_codebook(demo.phase_model, "nl")
    book.add("prijs", "Prijsbewust", "Let op de prijs.", parent="pain_point", colour="#AA7700", phase="decision")
    store.save_codebook(book)
    docs = demo.documents().set_index("doc_id")["text"]
    store.add_coding("P01#003", *_span(docs["P01#003"], "reisbureau"), "pain_point", coder="anna")
    store.add_coding("P01#005", *_span(docs["P01#005"], "Instagram"), "touchpoint/social_ads", coder="bob")
    store.add_coding("P01#005", *_span(docs["P01#005"], "Instagram"), "touchpoint/social_ads", coder="anna")
    store.add_coding("P03#000", *_span(docs["P03#000"], "Oké"), "prijs", coder="anna")
    answers = [d for d in docs.index if "@" in d and any(ord(c) > 127 for c in docs[d])][:3]
    for d in answers:
        store.add_coding(d, 0, len(docs[d]), "need", coder="bob")
    store.decide("P02#003", 0, 10, "need", "accepted", "anna")
    store.decide("P02#005", 0, 10, "pain_point", "rejected", "anna")
    store.add_memo("Prijs komt vaak terug.", "anna", doc_id="P01#003")
    store.add_memo("Over de code.", "bob", code="prijs")
    store.add_memo("Algemeen memo.", "anna")
    return answers


def _selections(path: Path) -> set[tuple]:
    """(sha1 of source text, start, end, code name, coder) of every coded selection in a .qdpx."""
    with zipfile.ZipFile(path) as zf:
        root = ET.fromstring(zf.read("project.qde"))
        users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
        codes = {}
        for c in root.iter(f"{{{NS['q']}}}Code"):
            desc = c.findtext("q:Description", "", NS)
            codes[c.get("guid")] = json.loads(desc.rsplit("[workbench]", 1)[1])["name"]
        out = set()
        for src in root.iterfind("q:Sources/q:TextSource", NS):
            text = zf.read(src.get("plainTextPath").replace("internal://", "sources/")).decode("utf-8")
            digest = hashlib.sha1(text.encode()).hexdigest()
            for sel in src.iterfind("q:PlainTextSelection", NS):
                for coding in sel.iterfind("q:Coding", NS):
                    code = codes[coding.find("q:CodeRef", NS).get("targetGUID")]
                    out.add((digest, int(sel.get("startPosition")), int(sel.get("endPosition")), code,
                             users[coding.get("creatingUser")]))
    return out


# -- codebook ---------------------------------------------------------------------------------
def test_qdc_validates_against_packaged_schema_and_round_trips(demo, tmp_path):
    assert schema_path("Codebook.xsd").read_bytes() == (XSD / "Codebook.xsd").read_bytes()
    book = default_codebook(demo.phase_model, "nl")
    book.add("prijs", "Prijsbewust", "Let op de prijs.", parent="pain_point", colour="#aa7700", phase="decision")
    path = write_qdc(book, tmp_path / "cb.qdc")
    xmlschema.XMLSchema(str(XSD / "Codebook.xsd")).validate(str(path))
    validate_qdc(path)
    back = read_qdc(path)
    assert sorted(back.names) == sorted(book.names)  # nesting puts children after their parent
    for b in book:
        a = back[b.name]
        assert (a.guid, a.label, a.parent, a.phase, a.definition) == (b.guid, b.label, b.parent, b.phase, b.definition)
        assert a.colour == b.colour.upper()
    root = ET.parse(path).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    nested = root.find(".//{urn:QDA-XML:codebook:1.0}Code[@name='Pijnpunt']/{urn:QDA-XML:codebook:1.0}Code")
    assert nested.get("name") == "Prijsbewust" and nested.get("isCodable") == "true"


def test_qdc_errors(tmp_path):
    from workbench.coding import Codebook

    with pytest.raises(QdpxError, match="no codes"):
        write_qdc(Codebook(), tmp_path / "empty.qdc")
    (tmp_path / "p.qdc").write_text('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', encoding="utf-8")
    with pytest.raises(QdpxError, match="not a REFI-QDA codebook"):
        read_qdc(tmp_path / "p.qdc")


# -- export -----------------------------------------------------------------------------------
def test_export_is_valid_and_complete(demo, tmp_path):
    store = _store(tmp_path)
    answers = _code(demo, store)
    out = tmp_path / "study.qdpx"
    report = export_qdpx(demo, store, out)
    assert report.codings == 8 and report.notes == 3 and report.cases == 12 and report.users == 2
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        qde = zf.read("project.qde")
        xmlschema.XMLSchema(str(XSD / "Project.xsd")).validate(ET.fromstring(qde))
        validate_qdpx(out)
        root = ET.fromstring(qde)
        assert [c.tag.split("}")[1] for c in root] == [
            "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Description", "NoteRef"]
        sources = root.findall("q:Sources/q:TextSource", NS)
        assert len(sources) == 12 + 5  # transcripts + open questions
        for src in sources:
            guid = src.get("guid")
            assert src.get("plainTextPath") == f"internal://{guid}.txt" and f"sources/{guid}.txt" in names
        by_name = {s.get("name"): s for s in sources}
        p01 = zf.read(f"sources/{by_name['P01'].get('guid')}.txt").decode("utf-8")
        assert p01 == demo.source_text("interviews/P01.vtt")
        docs = demo.documents().set_index("doc_id")["text"]
        seg = demo.segments.set_index("segment_id")
        (sel,) = by_name["P01"].findall("q:PlainTextSelection[@name='P01#003']", NS)
        (whole,) = [s for s in by_name["P01"].findall("q:PlainTextSelection", NS) if s.find("q:NoteRef", NS) is not None]
        # the memo about the turn: a selection of the whole turn, with the memo as its Description
        assert whole.findtext("q:Description", "", NS) == "Prijs komt vaak terug." and whole.find("q:Coding", NS) is None
        assert p01[int(whole.get("startPosition")):int(whole.get("endPosition"))] == docs["P01#003"]
        assert p01[int(sel.get("startPosition")):int(sel.get("endPosition"))] == "reisbureau"
        a, _ = _span(docs["P01#003"], "reisbureau")
        assert int(sel.get("startPosition")) == seg.loc["P01#003", "char_start"] + a
        # open answers: per question, the selection covers the whole (non-ASCII) answer
        qid = answers[0].split("@")[1]
        qsrc = by_name[qid]
        qtext = zf.read(f"sources/{qsrc.get('guid')}.txt").decode("utf-8")
        coded = [s for s in qsrc.findall("q:PlainTextSelection", NS)
                 if s.get("name") == answers[0] and s.find("q:Coding", NS) is not None]
        assert qtext[int(coded[0].get("startPosition")):int(coded[0].get("endPosition"))] == docs[answers[0]]
        # the rejected suggestion is not exported; the accepted one is
        p02 = by_name["P02"]
        assert p02.find("q:PlainTextSelection[@name='P02#003']", NS) is not None
        assert p02.find("q:PlainTextSelection[@name='P02#005']", NS) is None
        case = root.find("q:Cases/q:Case[@name='P01']", NS)
        assert case.find("q:SourceRef", NS).get("targetGUID") == by_name["P01"].get("guid")
        var_names = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
        case_vars = {var_names[v.find("q:VariableRef", NS).get("targetGUID")]: v.findtext("q:TextValue", "", NS)
                     for v in case.findall("q:VariableValue", NS)}
        rid = demo.respondents.set_index("participant_id").loc["P01", "respondent_id"]
        assert case_vars["respondent_id"] == rid and "Q1" in case_vars and case_vars["interview_id"] == "P01"
        # no selection without a coding or a text of its own (QualCoder shows those as empty annotations)
        for s in root.iter(f"{{{NS['q']}}}PlainTextSelection"):
            assert s.find("q:Coding", NS) is not None or s.findtext("q:Description", "", NS).strip()
    assert export_qdpx(demo, store, tmp_path / "again.qdpx") and (tmp_path / "again.qdpx").read_bytes() == (
        out.read_bytes()
    )


def test_round_trip_keeps_every_code_and_coding(demo, tmp_path):
    store = _store(tmp_path)
    _code(demo, store)
    first = tmp_path / "first.qdpx"
    export_qdpx(demo, store, first)
    fresh = tmp_path / "fresh"
    shutil.copytree(DEMO, fresh)
    study2 = load_study(fresh)
    with Store.open(fresh) as store2:
        report = import_qdpx(first, study2, store2)
        assert report.offsets == "codepoints" and not report.unmatched and report.selections_skipped == 0
        assert report.codings_imported == 8 and report.memos_imported == 3
        assert report.codes_added == ["prijs"]
        second = tmp_path / "second.qdpx"
        export_qdpx(study2, store2, second)
        assert _selections(second) == _selections(first) and len(_selections(first)) == 8
        assert [c.name for c in store2.codebook()] == [c.name for c in store.codebook()]
        assert store2.codebook()["prijs"].phase == "decision"
        memos = store2.memos()
        assert set(memos["text"]) == {"Prijs komt vaak terug.", "Over de code.", "Algemeen memo."}
        assert memos.set_index("text").loc["Over de code.", "code"] == "prijs"
        assert memos.set_index("text").loc["Prijs komt vaak terug.", "doc_id"] == "P01#003"
        again = import_qdpx(first, study2, store2)  # importing twice adds nothing
        assert again.codings_imported == 0 and again.codings_duplicate == 8 and again.memos_imported == 0
        assert len(store2.codebook()) == len(store.codebook())


# -- import quirks ----------------------------------------------------------------------------
def _coded_texts(study, store) -> list[tuple[str, str, str, str]]:
    docs = study.documents().set_index("doc_id")["text"]
    return [(r.doc_id, docs[r.doc_id][r.start_char:r.end_char], r.code, r.coder)
            for r in store.codings().itertuples()]


def test_nvivo_like(demo, tmp_path):
    store = _store(tmp_path)
    report = import_qdpx(FIX / "nvivo_like.qdpx", demo, store)
    assert report.matched == [("P02", "interviews/P02.txt", "text")]
    assert sorted(t[1:] for t in _coded_texts(demo, store)) == [
        ("Apple Pay", "need", "Anna de Vries"),  # 'Behoefte' merged by label, CRLF offsets shifted
        ("een account aanmaken", "Thema's/Frustratie/Account verplicht", "Anna de Vries"),
    ]
    book = store.codebook()
    # codes from other tools are named by their path, so same-named codes under other parents stay apart
    assert book.ancestors("Thema's/Frustratie/Account verplicht") == ["Thema's/Frustratie", "Thema's"]
    assert book["Thema's/Frustratie"].label == "Frustratie"
    assert book["Thema's/Frustratie"].colour == "#CC3333"
    assert book["Thema's/Frustratie"].definition == "Ergernis van de klant."
    assert report.codes_added == ["Thema's", "Thema's/Frustratie", "Thema's/Frustratie/Account verplicht"]
    assert not book["Thema's"].codable and book["Thema's/Frustratie"].codable  # the non-codable folder
    assert all(r.created == "2026-03-18T09:30:00.000Z" for r in store.codings().itertuples())


def test_atlas_like_utf16_offsets_header_and_fallback_coder(demo, tmp_path):
    store = _store(tmp_path)
    report = import_qdpx(FIX / "atlas_like.qdpx", demo, store, coder="lead")
    assert report.offsets == "utf16"
    assert report.matched == [("Interview Sanne", "interviews/P03.vtt", "contains")]
    coded = _coded_texts(demo, store)
    assert len(coded) == 3 and {c[3] for c in coded} == {"lead"}
    assert all(c[1].isalpha() and c[1] in demo.source_text("interviews/P03.vtt") for c in coded)
    book = store.codebook()
    assert {"Prijs", "Levering"} <= set(book.names) and book["Prijs"].colour.startswith("#")
    # forcing the unit: utf16 gives the same, code points land two characters off (the emoji)
    assert import_qdpx(FIX / "atlas_like.qdpx", demo, _store(tmp_path, "b.sqlite"), offsets="utf16").offsets == "utf16"
    wrong = _store(tmp_path, "c.sqlite")
    import_qdpx(FIX / "atlas_like.qdpx", demo, wrong, offsets="codepoints")
    assert [c[1] for c in _coded_texts(demo, wrong)] != [c[1] for c in coded]
    without = import_qdpx(FIX / "atlas_like.qdpx", demo, _store(tmp_path, "d.sqlite"))
    assert without.codings_imported == 3
    assert set(_store(tmp_path, "d.sqlite").codings()["coder"]) == {"ATLAS.ti 23"}


def test_maxqda_like_utf8_inline_and_name_match(demo, tmp_path):
    store = _store(tmp_path)
    report = import_qdpx(FIX / "maxqda_like.qdpx", demo, store)
    assert report.offsets == "utf8"
    assert ("Interview Fatima", "interviews/P05.txt", "text") in report.matched
    assert ("P08.txt", "interviews/P08.txt", "name") in report.matched
    coded = _coded_texts(demo, store)
    assert ("P08#001", "Ja, prima.", "Betalen", "Fatima") in coded
    assert {c[1] for c in coded if c[0].startswith("P05")} <= {"kinderen", "betalen", "iDEAL", "bezorg", "retour"}
    assert store.codebook()["Gezin"].colour == "#FF00AA"


def test_qualcoder_like_split_guid_merge_notes_unmatched(demo, tmp_path):
    store = _store(tmp_path)
    report = import_qdpx(FIX / "qualcoder_like.qdpx", demo, store)
    assert report.offsets == "codepoints"
    assert {n for n, _ in report.unmatched} == {"P13 extra interview.txt", "Notities"}
    rows = store.codings()
    multi = rows[rows["code"] == "Prijsbewust"]
    assert list(multi["doc_id"]) == ["P01#003", "P01#004", "P01#005"]  # one selection over three turns
    seg = demo.segments.set_index("segment_id")
    assert multi["start_char"].tolist() == [10, 0, 0]
    assert multi["end_char"].tolist()[:2] == [seg.loc["P01#003", "char_end"] - seg.loc["P01#003", "char_start"],
                                              seg.loc["P01#004", "char_end"] - seg.loc["P01#004", "char_start"]]
    assert set(multi["created"]) == {"2026-03-19T07:00:00.000Z"}  # +01:00 converted to UTC
    wish = rows[rows["code"] == "need"]  # same guid as the default 'need': merged, not duplicated
    assert list(wish["coder"]) == ["Fatima"] and "Wens" not in store.codebook()
    memos = store.memos().set_index("text")
    assert memos.loc["Instagram komt vaak terug.", "doc_id"] == "P01#005"
    assert memos.loc["Prijs is belangrijk.", "code"] == "Prijsbewust"
    assert memos.loc["Project-memo van Jan.", "coder"] == "Jan"
    assert "P13 extra interview.txt" in report.summary()


def test_add_sources_writes_a_transcript(tmp_path):
    folder = tmp_path / "study"
    shutil.copytree(DEMO, folder)
    study = load_study(folder)
    with Store.open(folder) as store:
        report = import_qdpx(FIX / "qualcoder_like.qdpx", study, store, add_sources=True)
        assert report.added_sources[0] == "interviews/P13_extra_interview.txt"
        # prose without speakers named "Notities" (the researcher's notes after fieldwork): notes
        assert report.added_sources[1] == "notes/Notities.txt (notes: named as notes; fewer than two speakers)"
        new = store.codings(doc_id="P13_extra_interview#001")
        assert len(new) == 1 and new["code"].iloc[0] == "Prijsbewust"
    assert "P13_extra_interview" in report.study.participants
    assert not report.unmatched
    again = load_study(folder)  # study.toml now lists them, with its comments kept
    notes = again.segments[again.segments["source"] == "notes/Notities.txt"]
    assert again.sources.set_index("source").loc["notes/Notities.txt", "kind"] == "notes"
    assert notes["text"].tolist() == ["Losse aantekeningen na het veldwerk, zonder sprekers."]
    assert not notes["verbatim"].any() and set(notes["speaker"]) == {"Notities"}  # no invented speakers
    toml = (folder / "study.toml").read_text(encoding="utf-8")
    assert 'notes = ["notes/*.txt"]' in toml and toml.count("#") == (DEMO / "study.toml").read_text(
        encoding="utf-8").count("#") + 1


# -- hostile files ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, message",
    [
        ("billion_laughs.qdpx", "unsafe XML"),
        ("xxe.qdpx", "unsafe XML"),
        ("zip_slip.qdpx", "unsafe member name"),
        ("absolute_path.qdpx", "unsafe member name"),
        ("zip_bomb.qdpx", "expands"),
        ("not_a_zip.qdpx", "not a readable ZIP"),
        ("corrupt.qdpx", "not a readable ZIP"),
        ("no_qde.qdpx", "no project file"),
        ("two_qde.qdpx", "2 project files"),
        ("malformed.qdpx", "malformed XML"),
        ("missing_source.qdpx", "not in the archive"),
    ],
)
def test_hostile_files_are_refused(demo, tmp_path, name, message):
    store = _store(tmp_path)
    with pytest.raises(QdpxError, match=message) as err:
        import_qdpx(FIX / "hostile" / name, demo, store)
    assert err.value.path and name in err.value.path and err.value.hint
    assert store.codings().empty and store.codebook() is None
    if name == "malformed.qdpx":
        assert err.value.line == 5


def test_hostile_codebook_and_limits(demo, tmp_path):
    with pytest.raises(QdpxError, match="unsafe XML"):
        read_qdc(FIX / "hostile" / "xxe.qdc")
    with pytest.raises(QdpxError, match="uncompressed"):
        import_qdpx(FIX / "qualcoder_like.qdpx", demo, _store(tmp_path), limits=Limits(max_total=2000))
    with pytest.raises(QdpxError, match="MB uncompressed"):
        import_qdpx(FIX / "qualcoder_like.qdpx", demo, _store(tmp_path), limits=Limits(max_member=100))
    relaxed = Limits(max_ratio=10_000, max_total=10 * 1024 * 1024)  # ratio relaxed: the total still holds
    with pytest.raises(QdpxError, match="more than"):
        import_qdpx(FIX / "hostile" / "zip_bomb.qdpx", demo, _store(tmp_path), limits=relaxed)
    with pytest.raises(QdpxError, match="offset unit"):
        import_qdpx(FIX / "qualcoder_like.qdpx", demo, _store(tmp_path), offsets="bytes")
    with pytest.raises(QdpxError, match="no such file"):
        import_qdpx(tmp_path / "nope.qdpx", demo, _store(tmp_path))


def study_codebook_names(folder):
    with Store.open(folder) as store:
        return store.codebook().names


# -- command line -----------------------------------------------------------------------------
def test_cli_export_and_import(tmp_path, capsys):
    folder = tmp_path / "study"
    shutil.copytree(DEMO, folder)
    study = load_study(folder)
    with Store.open(folder) as store:
        _code(study, store)
    out = tmp_path / "out.qdpx"
    assert main(["export", str(folder), "--qdpx", str(out), "--qdc", str(tmp_path / "cb.qdc"),
                 "--csv", str(tmp_path / "cb.csv")]) == 0
    printed = capsys.readouterr().out
    assert "8 coderingen" in printed and out.is_file()  # the demo study is Dutch
    # unused default codes are left out; --all-codes writes them
    assert "ongebruikte standaardcodes weggelaten" in printed
    assert main(["export", str(folder), "--qdpx", str(tmp_path / "all.qdpx"), "--all-codes"]) == 0
    assert "weggelaten" not in capsys.readouterr().out
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(tmp_path / "all.qdpx") as b:
        used, every = (z.read("project.qde").count(b"<Code ") for z in (a, b))
    assert used < every == len(study_codebook_names(folder))
    validate_qdpx(out)
    validate_qdc(tmp_path / "cb.qdc")
    assert (tmp_path / "cb.csv").read_text(encoding="utf-8").startswith("name,label,definition")
    fresh = tmp_path / "fresh"
    shutil.copytree(DEMO, fresh)
    assert main(["import", str(fresh), str(out), "--offsets", "codepoints"]) == 0
    assert "8 imported" in capsys.readouterr().out
    with Store.open(fresh) as store2:
        assert len(store2.codings()) == 8
    assert main(["import", str(fresh), str(FIX / "hostile" / "zip_slip.qdpx")]) == 2
    assert "unsafe member name" in capsys.readouterr().err
    assert main(["export", str(folder)]) == 2
    assert "nothing to export" in capsys.readouterr().err
