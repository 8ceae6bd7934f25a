"""Intercoder agreement against published worked examples, edge cases, the report and the CLI."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench.cli import main
from workbench.coding import Store
from workbench.coding.agreement import (
    REPORT_COLUMNS,
    UndefinedAgreementWarning,
    agreement_report,
    cohen_kappa,
    krippendorff_alpha,
    percent_agreement,
    presence_frame,
)
from workbench.errors import WorkbenchError

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers,
# 12 units, values 1..5, missing values (None); unit 12 has a single value and is unpairable.
KRIPPENDORFF_2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def long(matrix: dict[str, list]) -> pd.DataFrame:
    rows = [(u + 1, c, v) for c, vs in matrix.items() for u, v in enumerate(vs) if v is not None]
    return pd.DataFrame(rows, columns=["unit", "coder", "code"])


def two_coders(cells: dict[tuple[str, str], int]) -> pd.DataFrame:
    """A 2x2 (or larger) contingency table as a long frame: (code_a, code_b) -> count."""
    rows, unit = [], 0
    for (a, b), count in cells.items():
        for _ in range(count):
            rows += [(unit, "a", a), (unit, "b", b)]
            unit += 1
    return pd.DataFrame(rows, columns=["unit", "coder", "code"])


@pytest.mark.parametrize(
    ("level", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)]
)
def test_krippendorff_2011_example(level, expected):
    assert krippendorff_alpha(long(KRIPPENDORFF_2011), level) == pytest.approx(expected, abs=5e-4)


def test_unit_coded_by_one_coder_is_ignored():
    frame = long(KRIPPENDORFF_2011)
    without_12 = frame[frame["unit"] != 12]
    assert krippendorff_alpha(frame) == krippendorff_alpha(without_12)
    extra = pd.concat([frame, pd.DataFrame({"unit": [99], "coder": ["A"], "code": [5]})])
    assert krippendorff_alpha(extra) == krippendorff_alpha(frame)


@pytest.mark.parametrize(
    ("cells", "kappa"),
    [
        # Wikipedia "Cohen's kappa": 50 items, 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no -> 0.4
        ({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}, 0.4),
        # Wikipedia's two 100-item tables with the same 60% agreement: kappa 0.1304 and 0.2593
        ({("yes", "yes"): 45, ("yes", "no"): 15, ("no", "yes"): 25, ("no", "no"): 15}, 0.1304),
        ({("yes", "yes"): 25, ("yes", "no"): 35, ("no", "yes"): 5, ("no", "no"): 35}, 0.2593),
    ],
)
def test_cohen_kappa_textbook(cells, kappa):
    frame = two_coders(cells)
    assert cohen_kappa(frame, "a", "b") == pytest.approx(kappa, abs=5e-5)
    agree = sum(n for (a, b), n in cells.items() if a == b) / sum(cells.values())
    assert percent_agreement(frame) == pytest.approx(agree)


def test_alpha_two_coders_by_hand():
    # n = 100 values: 55 yes, 45 no; 15 disagreeing units -> o_yn = o_ny = 15.
    # alpha = 1 - (n - 1) * 30 / (2 * 55 * 45) = 1 - 99 * 30 / 4950 = 0.4
    frame = two_coders({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15})
    assert krippendorff_alpha(frame) == pytest.approx(0.4)


def test_perfect_agreement_is_one():
    frame = two_coders({("x", "x"): 3, ("y", "y"): 4, ("z", "z"): 2})
    assert percent_agreement(frame) == 1.0
    assert cohen_kappa(frame, "a", "b") == pytest.approx(1.0)
    assert krippendorff_alpha(frame) == pytest.approx(1.0)


def test_single_category_is_undefined_not_a_crash():
    frame = two_coders({("x", "x"): 5})
    with pytest.warns(UndefinedAgreementWarning, match="no variation"):
        assert math.isnan(krippendorff_alpha(frame))
    with pytest.warns(UndefinedAgreementWarning, match="single category"):
        assert math.isnan(cohen_kappa(frame, "a", "b"))
    assert percent_agreement(frame) == 1.0


def test_no_pairable_units():
    frame = pd.DataFrame({"unit": [1, 2], "coder": ["a", "b"], "code": ["x", "y"]})
    with pytest.warns(UndefinedAgreementWarning, match="two or more coders"):
        assert math.isnan(krippendorff_alpha(frame))
    assert math.isnan(percent_agreement(frame))


def test_input_errors():
    frame = two_coders({("x", "y"): 2})
    with pytest.raises(WorkbenchError, match="no coder 'c'") as err:
        cohen_kappa(frame, "a", "c")
    assert "a, b" in str(err.value)
    with pytest.raises(WorkbenchError, match="lacks the column"):
        percent_agreement(frame.rename(columns={"code": "label"}))
    twice = pd.concat([frame, pd.DataFrame({"unit": [0], "coder": ["a"], "code": ["z"]})])
    with pytest.raises(WorkbenchError, match="more than one value"):
        krippendorff_alpha(twice)
    with pytest.raises(WorkbenchError, match="unknown level"):
        krippendorff_alpha(frame, "cardinal")
    with pytest.raises(WorkbenchError, match="numeric"):
        krippendorff_alpha(frame, "interval")


def test_report_on_single_code_data_matches_functions():
    frame = long(KRIPPENDORFF_2011)
    report = agreement_report(frame)
    assert list(report.columns) == list(REPORT_COLUMNS)
    overall = report.set_index("code").loc["(all codes)"]
    assert overall["alpha"] == pytest.approx(0.743, abs=5e-4)
    assert overall["n_units"] == 11 and overall["n_coders"] == 4
    assert math.isnan(overall["kappa"]) and "2 coders" in overall["note"]
    assert set(report["code"]) == {"1", "2", "3", "4", "5", "(all codes)"}


@pytest.fixture
def coded_store(tmp_path):
    """Two coders on 4 documents; anna and ben agree on pain_point except on d3."""
    with Store.open(tmp_path) as store:
        for doc, anna, ben in [
            ("d1", "accepted", "accepted"),
            ("d2", "rejected", "rejected"),
            ("d3", "accepted", "rejected"),
            ("d4", "accepted", "accepted"),
        ]:
            store.decide(doc, 0, 4, "pain_point", anna, "anna")
            store.decide(doc, 0, 4, "pain_point", ben, "ben")
        store.add_coding("d2", 5, 9, "need", "anna")  # manual: counts as assigned
        store.add_coding("d2", 5, 9, "need", "ben")
        store.add_coding("d9", 0, 3, "need", "anna")  # only anna saw d9: not pairable
        yield tmp_path, store


def test_report_from_store(coded_store):
    _, store = coded_store
    codings = store.codings()
    frame = presence_frame(codings)
    assert frame["code"].isna().sum() == 3  # the rejections: seen, nothing assigned
    report = agreement_report(codings).set_index("code")
    pain = report.loc["pain_point"]
    assert pain["n_units"] == 4 and pain["n_coders"] == 2
    assert pain["percent"] == pytest.approx(0.75)
    # anna 1,0,1,1 vs ben 1,0,0,1
    expected = cohen_kappa(
        pd.DataFrame(
            {"unit": list(range(4)) * 2, "coder": ["a"] * 4 + ["b"] * 4, "code": [1, 0, 1, 1, 1, 0, 0, 1]}
        ),
        "a",
        "b",
    )
    assert pain["kappa"] == pytest.approx(expected)
    need = report.loc["need"]
    assert need["percent"] == 1.0 and need["alpha"] == pytest.approx(1.0)
    assert "pooled" in report.loc["(all codes)", "note"]


def test_cli_agreement_csv(tmp_path, capsys):
    path = tmp_path / "codings.csv"
    long(KRIPPENDORFF_2011).to_csv(path, index=False)
    assert main(["agreement", str(path)]) == 0
    out = capsys.readouterr().out
    assert "(all codes)" in out and "0.743" in out and "4 coder(s)" in out


def test_cli_agreement_missing_columns(tmp_path, capsys):
    path = tmp_path / "codings.csv"
    path.write_text("doc,who,label\n1,a,x\n", encoding="utf-8")
    assert main(["agreement", str(path)]) == 2
    err = capsys.readouterr().err
    assert "unit, coder, code" in err and "doc, who, label" in err


def test_cli_agreement_study(coded_store, capsys):
    folder, _ = coded_store
    assert main(["agreement", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "pain_point" in out and "need" in out and "2 coder(s)" in out


def test_cli_agreement_folder_without_store(tmp_path, capsys):
    assert main(["agreement", str(tmp_path)]) == 2
    assert "no study store" in capsys.readouterr().err
    assert not (tmp_path / ".workbench").exists()
