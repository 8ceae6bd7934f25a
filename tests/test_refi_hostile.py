"""Hostile and odd .qdpx/.qdc files: deep nesting, shared guids, paths out of the archive, and
flat codebooks; each gives a clear QdpxError or imports with what was odd in the report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.coding import Store
from workbench.coding.refi import Limits, import_qdc, import_qdpx, read_qdc
from workbench.errors import QdpxError

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
TEXT = "Interviewer: Hoe ging het?\n\nMila: De bezorging was te laat.\n\nInterviewer: En de prijs?\n\nMila: Prima.\n"


def _g(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


def _qdpx(path: Path, body: str, files: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", f'{HEAD}<Project xmlns="urn:QDA-XML:project:1.0" name="x">{body}</Project>')
        for name, text in (files or {}).items():
            zf.writestr(name, text)
    return path


def _study(tmp_path: Path) -> Path:
    assert main(["new", str(tmp_path / "S")]) == 0
    return tmp_path / "S"


def _source(selections: str) -> str:
    return (f'<Sources><TextSource guid="{_g(900)}" name="Mila" plainTextPath="internal://{_g(900)}.txt">'
            f"{selections}</TextSource></Sources>")


def _coding(i: int, phrase: str, code: int) -> str:
    a = TEXT.index(phrase)
    return (f'<PlainTextSelection guid="{_g(800 + i)}" startPosition="{a}" endPosition="{a + len(phrase)}">'
            f'<Coding guid="{_g(700 + i)}"><CodeRef targetGUID="{_g(code)}"/></Coding></PlainTextSelection>')


def test_codes_nested_deeper_than_the_limit_are_refused_without_recursion(tmp_path):
    n = 20_000
    codes = "".join(f'<Code guid="{_g(i)}" name="c{i}" isCodable="true">' for i in range(n)) + "</Code>" * n
    path = _qdpx(tmp_path / "deep.qdpx", f"<CodeBook><Codes>{codes}</Codes></CodeBook>")
    with pytest.raises(QdpxError, match="nested more than 200 levels") as err:
        import_qdpx(path, _study(tmp_path), Store.open(tmp_path / "s.sqlite"))
    assert "deep.qdpx" in err.value.path and "max_depth" in err.value.hint
    # within the limit, a deep tree imports whole, and a raised limit lets a deeper one in
    ok = _qdpx(tmp_path / "ok.qdpx", "<CodeBook><Codes>" + "".join(
        f'<Code guid="{_g(i)}" name="c{i}" isCodable="true">' for i in range(250)) + "</Code>" * 250
        + "</Codes></CodeBook>")
    with Store.open(tmp_path / "S") as store:
        report = import_qdpx(ok, tmp_path / "S", store, limits=Limits(max_depth=300))
        assert len(report.codes_added) == 250
        assert store.codebook().depth(report.codes_added[-1]) == 249
    qdc = tmp_path / "deep.qdc"
    qdc.write_text(f'{HEAD}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>',
                   encoding="utf-8")
    with pytest.raises(QdpxError, match="nested more than"):
        read_qdc(qdc)


def test_codes_sharing_a_guid_are_reported_and_kept_apart(tmp_path):
    codes = (f'<Code guid="{_g(1)}" name="Bezorging" isCodable="true">'
             f'<Code guid="{_g(1)}" name="te laat" isCodable="true"/></Code>'  # a child with its parent's guid
             f'<Code guid="{_g(2)}" name="Prijs" isCodable="true"/><Code guid="{_g(2)}" name="Korting" isCodable="true"/>')
    body = f"<CodeBook><Codes>{codes}</Codes></CodeBook>" + _source(
        _coding(0, "te laat", 1) + _coding(1, "Prima", 2))
    path = _qdpx(tmp_path / "dupes.qdpx", body, {f"sources/{_g(900)}.txt": TEXT})
    folder = _study(tmp_path)
    with Store.open(folder) as store:
        report = import_qdpx(path, folder, store)
        book = store.codebook()
        assert {"Bezorging", "Bezorging/te laat", "Prijs", "Korting"} <= set(book.names)
        assert book["Bezorging/te laat"].parent == "Bezorging"  # the child is not dropped
        assert len({c.guid for c in book}) == len(book)
        shared = [p for p in report.problems if "share the guid" in p]
        assert len(shared) == 2 and "'Bezorging' and 'te laat'" in shared[0]
        assert "Korting" in shared[1] and "go to 'Prijs'" in shared[1]
        assert sorted(store.codings()["code"]) == ["Bezorging", "Prijs"]  # the first code with the guid
    assert "share the guid" in report.summary()


@pytest.mark.parametrize("ref", ["internal://../../etc/passwd", "sources/../../../x.txt", "..\\..\\x.txt",
                                 "internal://sources/./../../x.txt"])
def test_source_paths_out_of_the_archive_are_refused(tmp_path, ref):
    body = f'<Sources><TextSource guid="{_g(900)}" name="x" plainTextPath="{ref}"/></Sources>'
    with pytest.raises(QdpxError, match="points outside the archive") as err:
        import_qdpx(_qdpx(tmp_path / "evil.qdpx", body), _study(tmp_path), Store.open(tmp_path / "s.sqlite"))
    assert "evil.qdpx" in err.value.path and err.value.hint


def test_files_outside_the_archive_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Interviewer: geheim\n\nMila: geheim\n", encoding="utf-8")
    body = f'<Sources><TextSource guid="{_g(900)}" name="x" plainTextPath="file://{secret}"/></Sources>'
    folder = _study(tmp_path)
    with Store.open(folder) as store:
        report = import_qdpx(_qdpx(tmp_path / "ext.qdpx", body), folder, store)
    assert report.unmatched == [("x", f"the text is outside the archive (file://{secret}); only files inside the "
                                      ".qdpx are read")]
    assert not any((folder / "interviews").iterdir())


def test_flat_codebook_with_separator(tmp_path, capsys):
    """Taguette writes a flat codebook whose names carry the hierarchy: --hierarchy-separator /."""
    codes = "".join(f'<Code guid="{_g(i)}" name="{n}" isCodable="true"/>' for i, n in enumerate(
        ["Bezorging/overig", "Prijs/overig", "Prijs", "Prijs/te duur/fors", "Losse code"]))
    qdc = tmp_path / "taguette.qdc"
    qdc.write_text(f'{HEAD}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>',
                   encoding="utf-8")
    flat = read_qdc(qdc)
    assert sorted(flat.names) == ["Bezorging/overig", "Losse code", "Prijs", "Prijs/overig", "Prijs/te duur/fors"]
    assert all(c.parent is None for c in flat)
    tree = read_qdc(qdc, hierarchy_separator="/")
    assert tree["Prijs/overig"].parent == "Prijs" and tree["Prijs/overig"].label == "overig"
    assert tree["Prijs"].guid == _g(2) and tree["Prijs"].codable  # the real code takes the place
    assert not tree["Bezorging"].codable and not tree["Prijs/te duur"].codable  # made up: categories
    assert tree.ancestors("Prijs/te duur/fors") == ["Prijs/te duur", "Prijs"]
    folder = _study(tmp_path)
    capsys.readouterr()
    assert main(["import", str(folder), str(qdc), "--hierarchy-separator", "/"]) == 0
    assert "7 added" in capsys.readouterr().out
    with Store.open(folder) as store:
        assert store.codebook()["Bezorging/overig"].parent == "Bezorging"
        again = import_qdc(qdc, store, study=folder, hierarchy_separator="/")
        assert again.codes_added == [] and again.codes_matched == 7  # by guid, nothing doubled


def test_codebook_is_not_a_zip_and_project_is_not_a_codebook(tmp_path, capsys):
    folder = _study(tmp_path)
    (tmp_path / "p.qdc").write_text(f'{HEAD}<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(folder), str(tmp_path / "p.qdc")]) == 2
    assert "not a REFI-QDA codebook" in capsys.readouterr().err


def test_source_without_a_name_is_named_after_its_file(tmp_path):
    body = (f'<Sources><TextSource guid="{_g(900)}" plainTextPath="internal://Interview Mila.txt">'
            f'{_coding(0, "te laat", 1)}</TextSource></Sources>'
            f'<CodeBook><Codes><Code guid="{_g(1)}" name="Bezorging" isCodable="true"/></Codes></CodeBook>')
    body = body[body.index("<CodeBook"):] + body[:body.index("<CodeBook")]  # schema order
    folder = _study(tmp_path)
    with Store.open(folder) as store:
        report = import_qdpx(_qdpx(tmp_path / "p.qdpx", body, {"sources/Interview Mila.txt": TEXT}), folder, store)
        assert report.added_sources == ["interviews/Interview_Mila.txt"]
        assert report.matched == [("Interview Mila", "interviews/Interview_Mila.txt", "text")]
        assert store.codings()["doc_id"].tolist() == ["P01#001"]  # ids from its pseudonym: "Mila" is a name


# -- fuzz: whatever a file holds, the import loads it or raises a QdpxError ------------------
_PIECES = [
    f'<CodeBook><Codes><Code guid="{_g(1)}" name="A" isCodable="true"><Code guid="{_g(1)}" name="B" isCodable="x"/>'
    "</Code></Codes></CodeBook>",
    f'<Users><User guid="{_g(5)}"/></Users>',
    _source(_coding(0, "te laat", 1)),
    _source(f'<PlainTextSelection guid="{_g(3)}" startPosition="-4" endPosition="99999"/>'),
    _source(f'<PlainTextSelection guid="{_g(3)}" startPosition="x" endPosition="2"/>'),
    f'<Cases><Case guid="{_g(6)}"><VariableValue><VariableRef targetGUID="{_g(7)}"/><IntegerValue>1</IntegerValue>'
    f'</VariableValue><SourceRef targetGUID="{_g(900)}"/></Case></Cases>',
    f'<Variables><Variable guid="{_g(7)}" name="v" typeOfVariable="Integer"/></Variables>',
    f'<Notes><Note guid="{_g(8)}"><PlainTextContent>n</PlainTextContent></Note></Notes><NoteRef targetGUID="{_g(8)}"/>',
    f'<Notes><Note guid="{_g(9)}" plainTextPath="internal://nope.txt"/></Notes>',
    "<Sets><Set/></Sets>",
    "<Unknown><Deeper/></Unknown>",
    f'<Sources><TextSource guid="{_g(901)}"><PlainTextContent>{TEXT}</PlainTextContent></TextSource></Sources>',
]


@pytest.mark.slow
def test_fuzzed_projects_load_or_give_a_clear_error(tmp_path):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    from workbench.coding.refi._sources import open_study

    study = open_study(_study(tmp_path))  # an empty study: the texts are added to it
    bad_inputs = []

    @hypothesis.settings(max_examples=60, deadline=None, derandomize=True,
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(parts=st.lists(st.sampled_from(_PIECES), max_size=5),
                      noise=st.text(max_size=20), cut=st.integers(min_value=0, max_value=400))
    def run(parts, noise, cut):
        body = "".join(parts)
        if noise:  # damage the XML somewhere
            body = body[:cut] + noise + body[cut:]
        path = _qdpx(tmp_path / "f.qdpx", body, {f"sources/{_g(900)}.txt": TEXT})
        with Store.open(tmp_path / "fuzz.sqlite") as store:
            try:
                import_qdpx(path, study, store, add_sources=False)
            except QdpxError as exc:
                assert exc.hint, body
            except Exception as exc:  # noqa: BLE001 - the property under test
                bad_inputs.append((type(exc).__name__, str(exc), body))

    run()
    assert bad_inputs == []
