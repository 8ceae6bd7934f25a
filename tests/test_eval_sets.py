"""Schema checks for the labelled tagger evaluation sets in workbench/data/eval/.

The sets are hand-labelled by an author who did not see the tagger's cue patterns; these
tests only guard their *shape* (keys, types, ids, touchpoint catalogue, size, label
balance), so a malformed line added later is caught before it skews an evaluation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).resolve().parents[1] / "workbench" / "data" / "eval"
LANGUAGES = ("nl", "en")
MIN_LINES = 300

TOUCHPOINTS = frozenset(
    """
    search_engine search_ads social_ads social_media word_of_mouth tv_radio_print influencer
    website landing_page blog comparison_site reviews social_proof whitepaper demo
    checkout payment_page chat phone store quote_request
    order_confirmation delivery manual howto_video customer_service returns
    email newsletter loyalty_programme satisfaction_survey app account trial webinar invoice
    """.split()
)
DOMAINS = frozenset(
    {
        "survey_open_answer",
        "support_ticket",
        "app_review",
        "product_review",
        "interview",
        "social_media",
    }
)
REQUIRED = {
    "id": str,
    "domain": str,
    "text": str,
    "pain_point": int,
    "need": int,
    "sentiment": int,
    "touchpoints": list,
}
OPTIONAL = {"note": str}


class EvalSetError(ValueError):
    """A line of an evaluation set violates the schema (message names file and line)."""


def _check_record(rec: object, lang: str, where: str) -> dict:
    """Validate one decoded JSON line and return it; raise EvalSetError on any violation."""
    if not isinstance(rec, dict):
        raise EvalSetError(f"{where}: expected a JSON object, got {type(rec).__name__}")
    missing = set(REQUIRED) - set(rec)
    if missing:
        raise EvalSetError(f"{where}: missing keys {sorted(missing)}")
    unknown = set(rec) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise EvalSetError(f"{where}: unknown keys {sorted(unknown)}")
    for key, typ in {**REQUIRED, **OPTIONAL}.items():
        if key not in rec:
            continue
        val = rec[key]
        # bool is a subclass of int: reject true/false where 0/1 is expected
        if not isinstance(val, typ) or (typ is int and isinstance(val, bool)):
            raise EvalSetError(f"{where}: key {key!r} must be {typ.__name__}, got {val!r}")
    if not rec["id"].startswith(f"{lang}-"):
        raise EvalSetError(f"{where}: id {rec['id']!r} must start with '{lang}-'")
    if rec["domain"] not in DOMAINS:
        raise EvalSetError(f"{where}: unknown domain {rec['domain']!r}")
    if not rec["text"].strip():
        raise EvalSetError(f"{where}: empty text")
    for key in ("pain_point", "need"):
        if rec[key] not in (0, 1):
            raise EvalSetError(f"{where}: {key} must be 0 or 1, got {rec[key]!r}")
    if rec["sentiment"] not in (-1, 0, 1):
        raise EvalSetError(f"{where}: sentiment must be -1, 0 or 1, got {rec['sentiment']!r}")
    tps = rec["touchpoints"]
    bad = [t for t in tps if not isinstance(t, str) or t not in TOUCHPOINTS]
    if bad:
        raise EvalSetError(f"{where}: touchpoints not in the catalogue: {bad!r}")
    if len(set(tps)) != len(tps):
        raise EvalSetError(f"{where}: duplicate touchpoints {tps!r}")
    return rec


def load_eval_set(path: Path, lang: str) -> list[dict]:
    """Load and validate an evaluation set; raise EvalSetError on the first bad line."""
    records: list[dict] = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{lineno}"
        if not line.strip():
            raise EvalSetError(f"{where}: blank line")
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalSetError(f"{where}: invalid JSON ({exc.msg})") from exc
        rec = _check_record(rec, lang, where)
        if rec["id"] in seen:
            raise EvalSetError(f"{where}: duplicate id {rec['id']!r}")
        seen.add(rec["id"])
        records.append(rec)
    return records


@pytest.mark.parametrize("lang", LANGUAGES)
def test_eval_set_schema_size_and_balance(lang: str) -> None:
    records = load_eval_set(EVAL_DIR / f"{lang}.jsonl", lang)
    assert len(records) >= MIN_LINES
    assert len({r["text"] for r in records}) == len(records), "duplicate texts"
    for key in ("pain_point", "need"):
        assert {r[key] for r in records} == {0, 1}, f"{key} lacks a class"
    assert {r["sentiment"] for r in records} == {-1, 0, 1}
    assert any(r["touchpoints"] for r in records)
    assert any(not r["touchpoints"] for r in records)
    assert {r["domain"] for r in records} == DOMAINS


GOOD = {
    "id": "nl-9999",
    "domain": "support_ticket",
    "text": "Waar blijft mijn pakket?",
    "pain_point": 1,
    "need": 1,
    "sentiment": -1,
    "touchpoints": ["delivery"],
}


@pytest.mark.parametrize(
    "line",
    [
        "{not json",
        json.dumps([GOOD]),
        json.dumps({k: v for k, v in GOOD.items() if k != "need"}),
        json.dumps({**GOOD, "extra": 1}),
        json.dumps({**GOOD, "pain_point": True}),
        json.dumps({**GOOD, "pain_point": 2}),
        json.dumps({**GOOD, "sentiment": "neg"}),
        json.dumps({**GOOD, "sentiment": 2}),
        json.dumps({**GOOD, "touchpoints": ["parcel"]}),
        json.dumps({**GOOD, "touchpoints": "delivery"}),
        json.dumps({**GOOD, "domain": "tweet"}),
        json.dumps({**GOOD, "id": "en-0001"}),
        json.dumps({**GOOD, "text": "  "}),
        "",
    ],
)
def test_malformed_line_is_rejected(tmp_path: Path, line: str) -> None:
    path = tmp_path / "nl.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match=r"nl\.jsonl:2"):
        load_eval_set(path, "nl")


def test_duplicate_id_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "nl.jsonl"
    other = {**GOOD, "text": "Andere tekst."}
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match="duplicate id"):
        load_eval_set(path, "nl")


def test_good_line_loads(tmp_path: Path) -> None:
    path = tmp_path / "nl.jsonl"
    path.write_text(json.dumps({**GOOD, "note": "ok"}) + "\n", encoding="utf-8")
    assert load_eval_set(path, "nl")[0]["touchpoints"] == ["delivery"]
