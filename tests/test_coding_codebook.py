"""Codebook: hierarchy operations, validation errors, CSV round trip, the default codebook."""

from __future__ import annotations

import uuid

import pytest

from workbench.coding import PALETTE, Code, Codebook, code_for_tag, default_codebook
from workbench.errors import StudyConfigError, WorkbenchError
from workbench.phases import load_phase_model


@pytest.fixture
def cb() -> Codebook:
    book = Codebook()
    book.add("pain_point", "Pain point", "hurts")
    book.add("price", "Price", parent="pain_point")
    book.add("price/shipping", "Shipping costs", parent="price")
    book.add("need", "Need")
    return book


def test_lookup_children_ancestors(cb):
    assert cb.names == ["pain_point", "price", "price/shipping", "need"]
    assert cb["price"].parent == "pain_point"
    assert cb.roots() == ["pain_point", "need"]
    assert cb.children("pain_point") == ["price"]
    assert cb.children(None) == ["pain_point", "need"]
    assert cb.ancestors("price/shipping") == ["price", "pain_point"]
    assert cb.descendants("pain_point") == ["price", "price/shipping"]
    assert cb.depth("price/shipping") == 2
    assert "need" in cb and "nope" not in cb
    assert cb.get("nope") is None
    assert cb.label("price") == "Price" and cb.label("unknown") == "unknown"


def test_add_assigns_palette_colour_and_uuid(cb):
    assert [c.colour for c in cb] == list(PALETTE[:4])
    for code in cb:
        assert uuid.UUID(code.guid).version == 4
    assert len({c.guid for c in cb}) == 4
    assert cb.by_guid(cb["need"].guid).name == "need"


def test_unknown_code_is_a_workbench_error(cb):
    with pytest.raises(WorkbenchError, match="unknown code 'nope'"):
        cb["nope"]


def test_duplicate_name_rejected(cb):
    with pytest.raises(StudyConfigError, match="used twice") as err:
        cb.add("need")
    assert err.value.hint


def test_missing_parent_rejected(cb):
    with pytest.raises(StudyConfigError, match="unknown parent 'ghost'") as err:
        cb.add("x", parent="ghost")
    assert "parent" in err.value.hint


@pytest.mark.parametrize("bad", ["", " lead", "two\nlines", None])
def test_invalid_names_rejected(cb, bad):
    with pytest.raises(StudyConfigError, match="invalid code name"):
        cb.add(bad)


def test_invalid_colour_and_guid_rejected(cb):
    with pytest.raises(StudyConfigError, match="invalid colour"):
        cb.add("x", colour="red")
    with pytest.raises(StudyConfigError, match="invalid guid"):
        cb.add("y", guid="not-a-uuid")


def test_cycle_rejected_on_move(cb):
    with pytest.raises(StudyConfigError, match="cycle") as err:
        cb.update("pain_point", parent="price/shipping")
    assert err.value.hint
    with pytest.raises(StudyConfigError, match="own parent"):
        cb.update("need", parent="need")
    assert cb["pain_point"].parent is None  # unchanged after the failed move


def test_cycle_rejected_on_construction():
    a = Code("a", parent="b", guid=str(uuid.uuid4()))
    b = Code("b", parent="a", guid=str(uuid.uuid4()))
    with pytest.raises(StudyConfigError, match="cycle"):
        Codebook([a, b])


def test_update_move_and_forbidden_fields(cb):
    cb.update("price", parent="need", label="Prijs", colour="#123456")
    assert cb["price"].parent == "need" and cb["price"].label == "Prijs"
    assert cb.children("need") == ["price"]
    with pytest.raises(StudyConfigError, match="guid"):
        cb.update("price", guid=str(uuid.uuid4()))


def test_rename_keeps_guid_position_and_children(cb):
    guid = cb["price"].guid
    cb.rename("price", "cost")
    assert cb.names == ["pain_point", "cost", "price/shipping", "need"]
    assert cb["cost"].guid == guid
    assert cb["price/shipping"].parent == "cost"
    with pytest.raises(StudyConfigError, match="already exists"):
        cb.rename("cost", "need")


def test_remove(cb):
    with pytest.raises(StudyConfigError, match="child codes") as err:
        cb.remove("pain_point")
    assert "recursive" in err.value.hint
    assert cb.remove("need") == ["need"]
    assert cb.remove("pain_point", recursive=True) == ["pain_point", "price", "price/shipping"]
    assert len(cb) == 0


def test_csv_round_trip(cb, tmp_path):
    cb.update("need", definition='says "I want", with a comma; and\na line break', phase="purchase")
    path = cb.to_csv(tmp_path / "codebook.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "name,label,definition,parent,colour,phase,guid"
    back = Codebook.from_csv(path)
    assert back == cb
    assert back["need"].phase == "purchase"


def test_csv_minimal_hand_written(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("name,parent\ntop,\nchild,top\n", encoding="utf-8-sig")
    book = Codebook.from_csv(path)
    assert book.children("top") == ["child"]
    assert book["child"].colour == PALETTE[1]
    assert uuid.UUID(book["child"].guid)


@pytest.mark.parametrize(
    "body, row, match",
    [
        ("name,parent\na,\na,\n", 2, "used twice"),
        ("name,parent\na,ghost\n", 1, "unknown parent"),
        ("name,colour\na,#12\n", 1, "invalid colour"),
        ("name,parent\na,\n,\n", 2, "invalid code name"),
        ("name\na,extra\n", 1, "more fields"),
    ],
)
def test_csv_row_errors(tmp_path, body, row, match):
    path = tmp_path / "codes.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(StudyConfigError, match=match) as err:
        Codebook.from_csv(path)
    assert err.value.row == row
    assert err.value.path == str(path)


def test_csv_header_and_file_errors(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("code,parent\na,\n", encoding="utf-8")
    with pytest.raises(StudyConfigError, match="header") as err:
        Codebook.from_csv(path)
    assert "name" in err.value.hint
    with pytest.raises(StudyConfigError, match="cannot read"):
        Codebook.from_csv(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(StudyConfigError, match="cannot read"):
        Codebook.from_csv(latin)


def test_default_codebook_klassiek5_nl():
    model = load_phase_model("klassiek-5")
    cb = default_codebook(model, "nl")
    assert cb.roots() == ["pain_point", "need", "touchpoint", "emotion", "phase"]
    assert cb["pain_point"].label == "Pijnpunt"
    assert cb["need"].label == "Behoefte"
    assert cb.children("emotion") == ["emotion/positive", "emotion/negative"]
    assert cb.children("phase") == [f"phase/{p}" for p in model.ids]
    assert cb["phase/purchase"].label == "Aankoop" and cb["phase/purchase"].phase == "purchase"
    used = list(dict.fromkeys(t for p in model for t in p.touchpoints))
    assert cb.children("touchpoint") == [f"touchpoint/{t}" for t in used]
    assert cb["touchpoint/delivery"].label == "Bezorging / track-and-trace"
    # children share their top code's colour; top codes differ
    assert len({cb[r].colour for r in cb.roots()}) == 5
    assert cb["touchpoint/delivery"].colour == cb["touchpoint"].colour
    # deterministic: same guids every time, in either language
    again = default_codebook(model, "en")
    assert [c.guid for c in again] == [c.guid for c in cb]
    assert again["pain_point"].label == "Pain point" and again["phase/purchase"].label == "Purchase"


def test_default_codebook_custom_model_unknown_touchpoint():
    model = load_phase_model({"phases": [{"id": "see", "name": "See", "touchpoints": ["billboard_xl"]}]})
    cb = default_codebook(model, "en")
    assert cb["touchpoint/billboard_xl"].label == "Billboard xl"
    assert cb.children("phase") == ["phase/see"]


def test_code_for_tag():
    cb = default_codebook(load_phase_model("klassiek-5"), "en")
    assert code_for_tag("touchpoint", "delivery", cb) == "touchpoint/delivery"
    assert code_for_tag("touchpoint", "hologram", cb) == "touchpoint"
    assert code_for_tag("touchpoint", "hologram") == "touchpoint/hologram"
    assert code_for_tag("emotion", "negative", cb) == "emotion/negative"
    assert code_for_tag("pain_point", "price", cb) == "pain_point"
    assert code_for_tag("touchpoint", None) == "touchpoint"
