"""Code reports on a small hand-made set of codings, with exact counts."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from workbench import schema  # noqa: E402
from workbench.coding import (  # noqa: E402
    Codebook,
    code_frequencies,
    cooccurrence,
    plot_code_frequencies,
    plot_cooccurrence,
)
from workbench.coding.reports import UNASSIGNED  # noqa: E402
from workbench.errors import WorkbenchError  # noqa: E402


@pytest.fixture
def codings() -> pd.DataFrame:
    rows = [
        # doc, start, end, code, decision
        ("P01#001", 0, 5, "pain_point", "accepted"),
        ("P01#001", 10, 15, "pain_point", "accepted"),
        ("P01#001", 20, 25, "touchpoint/delivery", "accepted"),
        ("P01#002", 0, 4, "need", "accepted"),
        ("P01#002", 5, 9, "pain_point", "rejected"),  # a rejection is not a code
        ("P02#001", 0, 8, "pain_point", "accepted"),
        ("P02#001", 9, 12, "need", "accepted"),
        ("P02#003", 0, 3, "need", "accepted"),  # document without a phase
        ("P03#001", 0, 3, "touchpoint/delivery", "accepted"),  # document unknown to `documents`
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "start_char", "end_char", "code", "decision"])
    frame["coder"], frame["origin"] = "anna", "manual"
    return schema.conform(frame, schema.CODINGS)


@pytest.fixture
def documents() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "doc_id": ["P01#001", "P01#002", "P02#001", "P02#003"],
            "participant_id": ["P01", "P01", "P02", "P02"],
            "text": ["…"] * 4,
        }
    )
    return schema.conform(frame, schema.DOCUMENTS)


@pytest.fixture
def doc_tags() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "doc_id": ["P01#001", "P01#002", "P02#001", "P02#003"],
            "phase": ["purchase", "awareness", "purchase", None],
        }
    )
    return schema.conform(frame, schema.DOC_TAGS)


def test_frequencies_by_phase(codings, doc_tags):
    freq = code_frequencies(codings, doc_tags, by="phase")
    assert list(freq.columns) == ["awareness", "purchase", UNASSIGNED]
    assert list(freq.index) == ["need", "pain_point", "touchpoint/delivery"]
    assert freq.to_dict("index") == {
        "need": {"awareness": 1, "purchase": 1, UNASSIGNED: 1},
        "pain_point": {"awareness": 0, "purchase": 3, UNASSIGNED: 0},
        "touchpoint/delivery": {"awareness": 0, "purchase": 1, UNASSIGNED: 1},
    }
    assert (freq.dtypes == "int64").all()
    assert freq.index.name == "code" and freq.columns.name == "phase"


def test_frequencies_documents_count_and_orders(codings, doc_tags):
    freq = code_frequencies(
        codings,
        doc_tags,
        count="documents",
        codes=["pain_point", "need", "emotion"],
        order=["awareness", "consideration", "purchase"],
    )
    assert list(freq.index) == ["pain_point", "need", "emotion", "touchpoint/delivery"]
    assert list(freq.columns) == ["awareness", "consideration", "purchase", UNASSIGNED]
    assert freq.loc["pain_point"].tolist() == [0, 0, 2, 0]  # two documents, three spans
    assert freq.loc["emotion"].tolist() == [0, 0, 0, 0]


def test_frequencies_phase_from_documents_frame(codings, documents, doc_tags):
    with_phase = documents.assign(phase=doc_tags["phase"])
    assert code_frequencies(codings, with_phase).equals(code_frequencies(codings, doc_tags))


def test_frequencies_by_participant(codings, documents):
    freq = code_frequencies(codings, documents, by="participant_id")
    assert freq.to_dict("index") == {
        "need": {"P01": 1, "P02": 2, UNASSIGNED: 0},
        "pain_point": {"P01": 2, "P02": 1, UNASSIGNED: 0},
        "touchpoint/delivery": {"P01": 1, "P02": 0, UNASSIGNED: 1},
    }


def test_frequencies_errors_and_empty(codings, documents):
    with pytest.raises(WorkbenchError, match="'phase'") as err:
        code_frequencies(codings, documents, by="phase")
    assert "DOC_TAGS" in err.value.hint
    with pytest.raises(WorkbenchError, match="unknown count"):
        code_frequencies(codings, documents, by="participant_id", count="words")
    with pytest.raises(WorkbenchError, match="no 'code' column"):
        code_frequencies(codings.drop(columns="code"), documents, by="participant_id")
    empty = code_frequencies(schema.empty(schema.CODINGS), documents, by="participant_id", codes=["need"])
    assert empty.to_dict("index") == {"need": {}}


def test_cooccurrence_by_document(codings):
    m = cooccurrence(codings)
    assert list(m.index) == list(m.columns) == ["need", "pain_point", "touchpoint/delivery"]
    assert m.values.tolist() == [
        [3, 1, 0],  # need in P01#002, P02#001, P02#003; with pain_point in P02#001
        [1, 2, 1],  # pain_point (accepted) in P01#001, P02#001
        [0, 1, 2],
    ]
    assert (m.values == m.values.T).all()


def test_cooccurrence_by_participant(codings, documents):
    m = cooccurrence(codings, "participant_id", documents=documents)
    assert m.values.tolist() == [[2, 2, 1], [2, 2, 1], [1, 1, 1]]  # P03's doc is not in documents
    with pytest.raises(WorkbenchError, match="cannot find the unit"):
        cooccurrence(codings, "participant_id")
    empty = cooccurrence(schema.empty(schema.CODINGS), codes=["a", "b"])
    assert empty.values.tolist() == [[0, 0], [0, 0]]


def test_plots(codings, doc_tags):
    cb = Codebook()
    cb.add("need", "Behoefte")
    freq = code_frequencies(codings, doc_tags)
    ax = plot_code_frequencies(freq, codebook=cb)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Behoefte", "pain_point", "touchpoint/delivery"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["awareness", "purchase", UNASSIGNED]
    assert sorted(t.get_text() for t in ax.texts) == sorted(str(v) for v in freq.values.ravel())
    assert ax.get_title() == "Codes per phase"
    plt.close(ax.figure)

    fig, given = plt.subplots(figsize=(4, 4))
    ax = plot_cooccurrence(cooccurrence(codings), ax=given)
    assert ax is given
    assert [t.get_text() for t in ax.texts][:3] == ["3", "1", "0"]
    assert ax.get_title() == "Code co-occurrence"
    plt.close(fig)
