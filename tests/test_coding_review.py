"""Review queue and review widget: filters, ordering, navigation, and every callback's effect on the store."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import pytest
from IPython.display import display

from workbench import schema
from workbench.coding import (
    Codebook,
    ReviewQueue,
    ReviewWidget,
    Store,
    default_codebook,
    highlight_html,
    tokenize,
)
from workbench.coding.queue import Span
from workbench.errors import WorkbenchError
from workbench.phases import load_phase_model

TEXTS = {
    "P01#000": ("interviewer", "P01", None, "Hoe ging het bestellen?"),
    "P01#001": ("participant", "P01", None, "Het was te duur en het pakket werd laat bezorgd."),
    "P01#002": ("participant", "P01", None, "Ik wil sneller kunnen afrekenen."),
    "P02#001": ("participant", "P02", None, "Geen idee."),
    "R7@Q5": ("participant", None, "R7", "Fout: <script>alert(1)</script> & traag"),
}


@pytest.fixture
def documents() -> pd.DataFrame:
    rows = [
        {
            "doc_id": d,
            "kind": "answer" if "@" in d else "segment",
            "role": role,
            "participant_id": p,
            "respondent_id": r,
            "text": t,
            "context": "Wat vond u ervan?" if "@" in d else None,
        }
        for d, (role, p, r, t) in TEXTS.items()
    ]
    return schema.conform(pd.DataFrame(rows), schema.DOCUMENTS)


def _tag(doc_id, cue, label, value, phase, score):
    text = TEXTS[doc_id][3]
    start = text.index(cue)
    return {
        "doc_id": doc_id,
        "sent_start": 0,
        "sent_end": len(text),
        "start_char": start,
        "end_char": start + len(cue),
        "text": cue,
        "label": label,
        "value": value,
        "phase": phase,
        "score": score,
        "rule_id": "r",
    }


@pytest.fixture
def tags() -> pd.DataFrame:
    rows = [
        _tag("P01#001", "te duur", "pain_point", "price", "purchase", 0.9),
        _tag("P01#001", "bezorgd", "touchpoint", "delivery", "use_evaluation", 0.55),
        _tag("P01#001", "bezorgd", "touchpoint", "delivery", "use_evaluation", 0.7),  # duplicate rule hit
        _tag("P01#002", "Ik wil", "need", "want", "purchase", 0.7),
        _tag("R7@Q5", "<script>", "pain_point", "error", "use_evaluation", 0.5),
    ]
    return schema.conform(pd.DataFrame(rows), schema.TAGS)


@pytest.fixture
def codebook() -> Codebook:
    return default_codebook(load_phase_model("klassiek-5"), "nl")


@pytest.fixture
def store(tmp_path, codebook):
    with Store.open(tmp_path) as s:
        s.save_codebook(codebook)
        yield s


# -- helpers ----------------------------------------------------------------------------------
def test_tokenize():
    assert tokenize("Te duur, echt!") == [(0, 2), (3, 7), (7, 8), (9, 13), (13, 14)]
    assert tokenize("") == []


def test_highlight_html_escapes_and_splits_overlaps():
    text = "a <b> & c"
    out = highlight_html(
        text,
        [Span(0, 5, "#77AADD", "one <x>", "accepted"), Span(2, 9, "#EE8866", 'two "y"', "rejected")],
        selected=(8, 9),
    )
    assert "<b>" not in out and "&lt;b&gt;" in out and "&amp;" in out
    assert out.startswith('<mark style="background:#77AADD;" title="one &lt;x&gt;">a </mark>')
    assert 'title="one &lt;x&gt;; two &quot;y&quot;">&lt;b&gt;</mark>' in out
    assert "line-through" in out
    assert out.endswith('outline:2px solid #222222;" title="two &quot;y&quot;; selected">c</mark>')
    assert highlight_html("plain", []) == "plain"


# -- queue ------------------------------------------------------------------------------------
def test_queue_default_and_all_documents(documents, tags, codebook):
    q = ReviewQueue(documents, tags, codebook)
    assert q.doc_ids == ["P01#001", "P01#002", "R7@Q5"]  # no interviewer turns, no empty docs
    assert ReviewQueue(documents, tags, all_documents=True).doc_ids == [
        "P01#001",
        "P01#002",
        "P02#001",
        "R7@Q5",
    ]
    sugg = q.suggestions_for("P01#001")
    assert sugg["code"].tolist() == ["pain_point", "touchpoint/delivery"]  # duplicate merged
    assert sugg["uncertainty"].round(2).tolist() == [0.2, 0.6]  # the higher-scored duplicate kept
    assert sugg["decision"].isna().all()
    assert q.progress() == (0, 4)


def test_queue_order_uncertain_and_column(documents, tags):
    q = ReviewQueue(documents, tags, order="uncertain")
    assert q.doc_ids == ["R7@Q5", "P01#001", "P01#002"]
    custom = tags.assign(uncertainty=[0.1, 0.2, 0.2, 0.9, 0.0])
    assert ReviewQueue(documents, custom, order="uncertain").doc_ids == ["P01#002", "P01#001", "R7@Q5"]
    with pytest.raises(WorkbenchError, match="unknown order"):
        q.set_filters(order="random")


def test_queue_filters(documents, tags, codebook):
    q = ReviewQueue(documents, tags, codebook)
    assert q.set_filters(phase="purchase") == ["P01#001", "P01#002"]
    assert q.suggestions_for("P01#001")["code"].tolist() == ["pain_point"]
    assert q.progress() == (0, 2)
    assert q.set_filters(phase=None, code="touchpoint") == ["P01#001"]
    assert q.set_filters(code="pain_point", participant="R7") == ["R7@Q5"]
    assert q.progress() == (0, 1)
    assert q.set_filters(code=None, participant="P02") == []
    assert q.current is None


def test_queue_navigation_and_undecided(documents, tags, codebook):
    q = ReviewQueue(documents, tags, codebook)
    assert q.current == "P01#001"
    assert q.previous() is None and q.current == "P01#001"
    assert q.next() == "P01#002" and q.next() == "R7@Q5"
    assert q.next() is None and q.current == "R7@Q5"
    q.goto("P01#002")
    assert q.position == 1
    with pytest.raises(WorkbenchError, match="not in the review queue"):
        q.goto("P02#001")
    # decide the need in P01#002: with "undecided only" it leaves the queue
    q.update_decisions({("P01#002", 0, 6, "need"): (1, "accepted", "need")})
    assert q.progress() == (1, 4)
    assert q.set_filters(undecided_only=True) == ["P01#001", "R7@Q5"]
    assert q.current == "P01#001"  # P01#002 no longer queued: back to the first
    q.update_decisions(
        {
            ("P01#002", 0, 6, "need"): (1, "accepted", "need"),
            ("R7@Q5", 6, 14, "pain_point"): (2, "rejected", "pain_point"),
        }
    )
    assert q.next() is None  # R7@Q5 was decided meanwhile: skipped


def test_queue_rejects_bad_documents(tags):
    docs = pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]})
    with pytest.raises(WorkbenchError, match="unique"):
        ReviewQueue(docs, tags)


# -- widget -----------------------------------------------------------------------------------
@pytest.fixture
def rw(documents, tags, store) -> ReviewWidget:
    return ReviewWidget(documents, tags, store, coder="anna")


def test_widget_is_displayable(rw, capsys):
    assert isinstance(rw, widgets.VBox)
    display(rw)
    assert rw.codebook is not None and "pain_point" in rw.codebook  # from the store
    assert "reviewed 0 / 4" in rw.progress.value
    assert "document 1 / 3" in rw.progress.value
    assert "te duur" in rw.text.value and "<mark" in rw.text.value
    assert len(rw.suggestion_list.options) == 2
    assert rw.suggestion_list.options[0][0].startswith("· Pijnpunt")


def test_accept_reject_persist_and_progress(rw, store):
    rw.suggestion_list.value = 0
    rw.accept_button.click()
    rows = store.codings()
    assert rows[["doc_id", "code", "decision", "coder", "origin"]].values.tolist() == [
        ["P01#001", "pain_point", "accepted", "anna", "suggested"]
    ]
    assert "reviewed 1 / 4" in rw.progress.value
    assert rw.suggestion_list.value == 1  # moved on to the undecided one
    rw.reject_button.click()
    assert store.codings()["decision"].tolist() == ["accepted", "rejected"]
    assert store.codings()["code"].tolist() == ["pain_point", "touchpoint/delivery"]
    assert rw.suggestion_list.options[0][0].startswith("✓") and rw.suggestion_list.options[1][0].startswith(
        "✗"
    )
    assert "line-through" in rw.text.value
    rw.undo_button.click()
    assert store.codings()["decision"].tolist() == ["accepted"]
    assert "undone" in rw.status.value
    assert "reviewed 1 / 4" in rw.progress.value


def test_change_code(rw, store):
    rw.suggestion_list.value = 1
    rw.change_code.value = "touchpoint/customer_service"
    rw.change_button.click()
    row = store.codings().iloc[0]
    assert (row["code"], row["decision"], row["start_char"]) == (
        "touchpoint/customer_service",
        "accepted",
        40,
    )
    assert store.decided_keys("anna") == {("P01#001", 40, 47, "touchpoint/delivery")}
    assert "→ Klantenservice" in rw.suggestion_list.options[1][0]
    assert rw.suggestion_list.value == 1


def test_manual_coding_by_slider_and_find(rw, store):
    # tokens of "Het was te duur en het pakket werd laat bezorgd.": 5..6 = "het pakket"
    rw.span_slider.value = (5, 6)
    assert "“het pakket” (19–29)" in rw.span_preview.value
    rw.add_code.value = "touchpoint/delivery"
    rw.add_button.click()
    rw.search.value = "LAAT bez"
    rw.find_button.click()
    assert rw.span_slider.value == (8, 9)
    rw.add_code.value = "pain_point"
    rw.add_button.click()
    rows = store.codings()
    assert rows[["start_char", "end_char", "code", "origin"]].values.tolist() == [
        [19, 29, "touchpoint/delivery", "manual"],
        [35, 43, "pain_point", "manual"],
    ]
    assert 'title="Bezorging / track-and-trace">het pakket</mark>' in rw.text.value
    assert 'title="Pijnpunt">laat </mark>' in rw.text.value  # "bezorgd" overlaps the suggestion
    rw.search.value = "nergens"
    rw.find_button.click()
    assert "does not occur" in rw.status.value
    assert len(store.codings()) == 2


def test_error_shown_not_raised(rw, store):
    store.save_codebook(Codebook([store.codebook()["need"]]))  # shrink the codebook under the widget
    rw.add_code.value = "pain_point"
    rw.add_button.click()
    assert "not in the study" in rw.status.value and "#B2182B" in rw.status.value
    assert store.codings().empty


def test_memo_saved_and_updated(rw, store):
    rw.memo.value = "Prijs én levering: twee pijnpunten."
    rw.memo_button.click()
    rw.memo.value = "Prijs en levering."
    rw.memo_button.click()
    memos = store.memos()
    assert memos[["doc_id", "coder", "text"]].values.tolist() == [["P01#001", "anna", "Prijs en levering."]]
    rw.next_button.click()
    assert rw.memo.value == ""
    rw.previous_button.click()
    assert rw.memo.value == "Prijs en levering."


def test_navigation_and_escaping(rw):
    rw.next_button.click()
    assert "Ik wil" in rw.text.value
    rw.next_button.click()
    assert "R7@Q5" in rw.where.value and "R7" in rw.where.value
    assert "<script>" not in rw.text.value and "&lt;script&gt;" in rw.text.value
    assert "Wat vond u ervan?" in rw.context.value
    rw.next_button.click()
    assert "last document" in rw.status.value
    rw.previous_button.click()
    assert "Ik wil" in rw.text.value


def test_filters_and_order(rw, store):
    rw.order.value = "uncertain"
    assert rw.queue.current == "P01#001"  # current document kept
    assert rw.queue.doc_ids == ["R7@Q5", "P01#001", "P01#002"]
    rw.code_filter.value = "need"
    assert rw.queue.doc_ids == ["P01#002"] and "Ik wil" in rw.text.value
    assert "reviewed 0 / 1" in rw.progress.value
    rw.accept_button.click()
    rw.code_filter.value = None
    rw.undecided_filter.value = True
    assert rw.queue.doc_ids == ["R7@Q5", "P01#001"]
    rw.phase_filter.value = "use_evaluation"
    assert rw.queue.doc_ids == ["R7@Q5", "P01#001"]
    rw.participant_filter.value = "P02"
    assert rw.queue.doc_ids == [] and "No documents" in rw.text.value
    assert store.codings()["code"].tolist() == ["need"]


def test_widget_reopens_with_previous_decisions(documents, tags, store):
    first = ReviewWidget(documents, tags, store, coder="anna")
    first.accept_button.click()
    again = ReviewWidget(documents, tags, store, coder="anna")
    assert "reviewed 1 / 4" in again.progress.value
    other = ReviewWidget(documents, tags, store, coder="bram")
    assert "reviewed 0 / 4" in other.progress.value
