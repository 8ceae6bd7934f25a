"""The loop the workbench exists for, end to end on both demo studies: run → review and code
(every kind of coding) → `workbench map` / `workbench run` → the coded items on the map.

Kinds of coding walked: a suggestion accepted and one rejected in the review widget, a suggestion
accepted under another code (the widget's "Change code"), an accepted coding changed afterwards
(`Store.change_code`), a manual coding of every code in the study's codebook, codes the researcher
added to the codebook (a child of ``pain_point`` and a new top-level code), a phase coding, and an
undo. None of them may break the map; the pain points, emotions and touchpoints coded must show
up in it, and the rejected suggestion must not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from workbench.cli import main
from workbench.coding import ReviewWidget, Store, default_codebook
from workbench.journey import EVERYONE
from workbench.pipeline import build_from_store, run_study
from workbench.study import load_study

ROOT = Path(__file__).resolve().parents[1]
CODER = "onderzoeker"


def _pain_docs(jm, phase: str) -> int:
    ps = jm.pain_share
    hit = ps[(ps["persona"] == EVERYONE) & (ps["phase"] == phase)]
    return int(hit["n_pain"].iloc[0]) if len(hit) else 0


def _emotion_n(jm, phase: str) -> int:
    e = jm.emotion
    hit = e[(e["persona"] == EVERYONE) & (e["phase"] == phase)]
    return int(hit["n"].iloc[0]) if len(hit) else 0


def _sentence(text: str) -> tuple[int, int]:
    """The first sentence of a text (at least a few characters)."""
    for i, ch in enumerate(text):
        if ch in ".!?" and i > 8:
            return 0, i + 1
    return 0, len(text)


@pytest.fixture(scope="module", params=["webshop-nl", "saas-onboarding-en"])
def coded(request, tmp_path_factory):
    """A demo copy after a first run and a coding session; the maps before and after."""
    name = request.param
    tmp = tmp_path_factory.mktemp(name)
    path = tmp / name
    shutil.copytree(ROOT / "surveys" / name, path, ignore=shutil.ignore_patterns(".workbench"))
    run = run_study(path, tmp / "first", progress=False, n_boot=5, write=False)
    before = build_from_store(path)
    study = load_study(path)
    docs = study.documents().set_index("doc_id")
    tags = run.tags
    dt = run.doc_tags.set_index("doc_id")
    phased = dt["phase"].dropna().astype(str)
    part = docs[(docs["role"].astype(str) == "participant")]
    pain_docs = set(tags.loc[tags["label"] == "pain_point", "doc_id"].astype(str))
    emo_docs = set(tags.loc[tags["label"] == "emotion", "doc_id"].astype(str))
    # documents in a known phase with no pain point and no emotion suggested: coding them adds evidence
    quiet = [d for d in part.index if d in phased.index and d not in pain_docs and d not in emo_docs
             and len(str(part.loc[d, "text"])) > 20]
    n_codes = len((Store.open(path).codebook() or default_codebook(study.phase_model, study.language)).names) + 2
    assert len(quiet) >= n_codes + 2, "the demo has too few untagged documents for this test"

    # the pain suggestion to reject: the only pain suggestion of its document
    one_pain = tags[tags["label"] == "pain_point"].groupby("doc_id").filter(lambda g: len(g) == 1)
    one_pain = one_pain[one_pain["doc_id"].astype(str).isin(phased.index)]
    need_docs = set(tags.loc[tags["label"] == "need", "doc_id"].astype(str))
    one_pain = one_pain[~one_pain["doc_id"].astype(str).isin(need_docs)]  # its need evidence is the recoded one
    rejected = one_pain.iloc[0]
    accepted = one_pain.iloc[1]
    as_need = one_pain.iloc[2]

    store = Store.open(path)
    cb = store.codebook() or default_codebook(study.phase_model, study.language)
    cb.add("pain_point/kortingscode", "Kortingscode", "Problemen met kortingscodes", parent="pain_point")
    cb.add("idee", "Idee", "Een idee van de deelnemer")
    store.save_codebook(cb)

    # 1. the review widget: reject one pain suggestion, accept another, accept a third as a need
    rw = ReviewWidget(study.documents(), tags, store, coder=CODER)

    def review(row, action, as_code=None):
        rw.code_filter.value = "pain_point"
        doc = str(row["doc_id"])
        rw.queue.goto(doc)
        rw._show_document()
        sugg = rw._current_suggestions()
        key = (doc, int(row["start_char"]), int(row["end_char"]), "pain_point")
        idx = [i for i in sugg.index if tuple(sugg.loc[i, "key"]) == key]
        assert idx, f"suggestion {key} not in the widget"
        rw.suggestion_list.value = idx[0]
        if as_code:
            rw.change_code.value = as_code
            rw.change_button.click()
        else:
            (rw.accept_button if action == "accepted" else rw.reject_button).click()
        assert "error" not in rw.status.value.lower(), rw.status.value

    review(rejected, "rejected")
    review(accepted, "accepted")
    review(as_need, "accepted", as_code="need")

    # 2. manual codings: every code of the codebook on its own document, sentence-wide
    manual = {}
    for doc, code in zip(quiet, cb.names, strict=False):
        text = str(part.loc[doc, "text"])
        a, b = _sentence(text)
        manual[code] = (doc, store.add_coding(doc, a, b, code, CODER), (a, b))
    # 3. a manual coding changed afterwards, and one undone
    doc_changed = quiet[-1]
    a, b = _sentence(str(part.loc[doc_changed, "text"]))
    cid = store.add_coding(doc_changed, a, b, "need", CODER)
    store.change_code(cid, "pain_point/kortingscode", CODER)
    store.add_coding(quiet[-2], 0, 5, "pain_point", CODER)
    assert store.undo_last(CODER)
    store.close()
    after = build_from_store(path)
    return {"path": path, "tmp": tmp, "before": before, "after": after, "phased": phased,
            "rejected": rejected, "accepted": accepted, "as_need": as_need, "manual": manual, "doc_changed": doc_changed,
            "undone": quiet[-2], "study": study}


def _evidence_of(jm, doc: str, label: str) -> pd.DataFrame:
    r = jm.resolved
    return r[(r["doc_id"] == doc) & (r["label"] == label)]


def test_coded_pain_points_reach_the_map(coded):
    after, ids = coded["after"], coded["study"].phase_model.ids
    # every manually coded pain point: the top code, the researcher's child code, the changed code
    for doc in (coded["manual"]["pain_point"][0], coded["manual"]["pain_point/kortingscode"][0],
                coded["doc_changed"]):
        ev = _evidence_of(after, doc, "pain_point")
        assert len(ev) == 1 and ev["origin"].iloc[0] == "manual", doc
        assert ev["phase"].iloc[0] in ids
    acc = _evidence_of(after, str(coded["accepted"]["doc_id"]), "pain_point")
    assert list(acc["origin"]) == ["accepted"]
    # the pain share per phase counts exactly the documents with pain evidence in that phase
    r = after.resolved
    pains = r[(r["label"] == "pain_point") & r["phase"].notna()].drop_duplicates(["doc_id", "phase"])
    ps = after.pain_share[after.pain_share["persona"] == EVERYONE].set_index("phase")["n_pain"]
    assert pains.groupby("phase").size().reindex(ps.index, fill_value=0).to_dict() == ps.to_dict()
    # and each pain lane's evidence is pain evidence of its phase
    cells = after.cells[(after.cells["lane"] == "pain_points") & (after.cells["persona"] == EVERYONE)]
    for phase, evidence in zip(cells["phase"], cells["evidence_ids"], strict=True):
        assert set(evidence) <= set(pains.loc[pains["phase"] == phase, "doc_id"])


def test_rejected_and_recoded_suggestions(coded):
    after = coded["after"]
    doc = str(coded["rejected"]["doc_id"])
    assert _evidence_of(after, doc, "pain_point").empty
    pains = after.cells[after.cells["lane"] == "pain_points"]
    assert not any(doc in ids for ids in pains["evidence_ids"])
    assert doc not in set(after.evidence.loc[after.evidence["lane"] == "pain_points", "doc_id"])
    # a pain suggestion accepted as a need is a need, no longer a pain point
    doc = str(coded["as_need"]["doc_id"])
    assert _evidence_of(after, doc, "pain_point").empty
    assert "accepted" in set(_evidence_of(after, doc, "need")["origin"])


def test_coded_emotion_moves_the_curve(coded):
    before, after = coded["before"], coded["after"]
    for code in ("emotion/positive", "emotion/negative"):
        doc = coded["manual"][code][0]
        ev = _evidence_of(after, doc, "emotion")
        assert list(ev["value"]) == [code.split("/")[1]]
        phase = ev["phase"].iloc[0]
        assert _emotion_n(after, phase) >= 1
    # an emotion coded without a sign is evidence but does not move the curve
    doc = coded["manual"]["emotion"][0]
    assert _evidence_of(after, doc, "emotion")["value"].isna().all()
    assert set(after.emotion["phase"]) <= set(before.phase_ids)


def test_coded_touchpoint_is_counted(coded):
    after = coded["after"]
    tps = [c for c in coded["manual"] if c.startswith("touchpoint/")]
    assert tps
    for code in tps:
        ev = _evidence_of(after, coded["manual"][code][0], "touchpoint")
        assert code.split("/", 1)[1] in set(ev["value"]), code
    cells = after.cells[(after.cells["persona"] == EVERYONE) & (after.cells["lane"] == "touchpoints")]
    evidence = set().union(*cells["evidence_ids"]) if len(cells) else set()
    assert any(coded["manual"][c][0] in evidence for c in tps), "no coded touchpoint reached the lane"


def test_phase_coding_moves_the_document(coded):
    after = coded["after"]
    r = after.resolved
    for code, (doc, _, (a, b)) in coded["manual"].items():
        if code.startswith("phase/"):
            # every piece of evidence overlapping the coded span is in the coded phase
            over = r[(r["doc_id"] == doc) & (r["start_char"] < b) & (r["end_char"] > a)]
            assert set(over["phase"].dropna()) <= {code.split("/", 1)[1]}, code


def test_undone_and_unknown_codes_are_not_evidence(coded):
    after = coded["after"]
    assert _evidence_of(after, coded["undone"], "pain_point").empty
    # a code the researcher added outside the tagger's labels is kept in the store, not on the map
    assert "idee" not in set(after.resolved["code"].dropna())


def test_reviewed_map_rests_only_on_researcher_codes(coded):
    draft = coded["after"]
    assert draft.status == "draft" and 0 < draft.reviewed_share < 1
    jm = build_from_store(coded["path"], reviewed=True)
    assert jm.status == "reviewed"
    assert set(jm.resolved["origin"]) <= {"accepted", "manual", "imported"}
    r = jm.resolved
    pain_docs = set(r.loc[r["label"] == "pain_point", "doc_id"])
    assert coded["manual"]["pain_point"][0] in pain_docs and str(coded["accepted"]["doc_id"]) in pain_docs
    for ids in jm.cells.loc[jm.cells["lane"] == "pain_points", "evidence_ids"]:
        assert set(ids) <= pain_docs


def test_map_and_run_commands_after_coding(coded, capsys):
    from workbench.journey import labels as L

    path, tmp = coded["path"], coded["tmp"]
    lang = coded["study"].language
    assert main(["map", str(path), "--out", str(tmp / "map")]) == 0
    assert (tmp / "map" / "journey_map.html").stat().st_size > 0
    draft_mark = L.text("draft", lang, p="0").split("0")[0]
    assert draft_mark in (tmp / "map" / "journey_map.md").read_text(encoding="utf-8")
    assert main(["map", str(path), "--out", str(tmp / "reviewed"), "--reviewed"]) == 0
    md = (tmp / "reviewed" / "journey_map.md").read_text(encoding="utf-8")
    assert L.text("reviewed_map", lang).split(" ")[0] in md and draft_mark not in md
    assert main(["run", str(path), "--out", str(tmp / "run")]) == 0
    for f in ("journey_map.png", "journey_map.xlsx", "journey_map.md", "summary.md"):
        assert (tmp / "run" / f).stat().st_size > 0, f
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" not in err
