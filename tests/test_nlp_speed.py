"""Output fingerprint, batching, ``n_process`` and streaming of the tagger (workbench.nlp).

No timing here: throughput is measured by ``benchmarks/tag.py``. The fingerprint pins what the
tagger outputs (``DOC_TAGS`` and ``TAGS``) on the development sets and on both demo studies, so
a speed change that alters any tag, and every cue edit, shows up. After an intended change of
cues or rules, regenerate the fingerprint and commit it with the change::

    PYTHONPATH=. python tests/test_nlp_speed.py --write
"""

from __future__ import annotations

import hashlib
import json
import sys
import weakref
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # run as a script (``--write``)
    sys.path.insert(0, str(ROOT))

from workbench import load_study, schema  # noqa: E402
from workbench.nlp import make_pipeline, tag_documents, tag_texts  # noqa: E402
from workbench.nlp.evaluate import eval_dir, read_eval_file  # noqa: E402

FINGERPRINT = Path(__file__).parent / "fixtures" / "nlp" / "regression.json"
STUDIES = {"webshop-nl": ROOT / "surveys" / "webshop-nl", "saas-onboarding-en": ROOT / "surveys" / "saas-onboarding-en"}
DATASETS = ("dev-nl", "dev-en", *STUDIES)


def tagged(name: str, **kw) -> tuple[pd.DataFrame, pd.DataFrame]:
    """DOC_TAGS and TAGS of one fingerprinted data set."""
    if name.startswith("dev-"):
        lang = name[4:]
        dev = read_eval_file(eval_dir("dev") / f"{lang}.jsonl")
        return tag_texts(list(dev["text"]), lang=lang, ids=list(dev["id"]), return_tags=True, **kw)
    study = load_study(STUDIES[name])
    return tag_documents(study.documents(), study.language, study.phase_model, questions=study.questions, **kw)


def _cell(value) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):
        return f"{value:.9f}"  # scores and sentiments are rounded to 3 decimals: equal to 1e-9
    if hasattr(value, "item"):
        return value.item()
    return value


def _digest(frame: pd.DataFrame) -> str:
    rows = sorted(json.dumps([_cell(v) for v in row], ensure_ascii=False) for row in frame.itertuples(index=False))
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def fingerprint(doc_tags: pd.DataFrame, tags: pd.DataFrame) -> dict:
    """Row counts, counts per tag label and value, and hashes of the sorted rows of both frames."""
    counts = tags.groupby(["label", "value"], observed=True).size()
    return {
        "docs": len(doc_tags),
        "tags": len(tags),
        "doc_tags_sha256": _digest(doc_tags[list(schema.DOC_TAGS)]),
        "tags_sha256": _digest(tags[list(schema.TAGS)]),
        "per_value": {f"{label}:{value}": int(n) for (label, value), n in counts.items()},
    }


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(FINGERPRINT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DATASETS)
def test_output_matches_fingerprint(name, stored):
    got = fingerprint(*tagged(name))
    want = stored[name]
    # the counts first: they say which label changed; the hashes catch every other difference
    assert (got["docs"], got["tags"]) == (want["docs"], want["tags"])
    assert got["per_value"] == want["per_value"]
    assert got["doc_tags_sha256"] == want["doc_tags_sha256"], "DOC_TAGS changed (see the module docstring)"
    assert got["tags_sha256"] == want["tags_sha256"], "TAGS changed (see the module docstring)"


def test_n_process_and_batch_size_give_identical_output():
    one = tagged("dev-en", batch_size=7)
    two = tagged("dev-en", n_process=2, batch_size=64)
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_single_doc_call_equals_batch_pipe(lang):
    nlp = make_pipeline(lang)
    texts = list(read_eval_file(eval_dir("dev") / f"{lang}.jsonl")["text"])[:120]
    texts += ["", "   ", "?", "Ja.", "Ok!\n\nNee?"]
    piped = [(d._.journey_tags, d._.journey_sentiment, d._.journey_phase, d._.journey_sents)
             for d in nlp.pipe(texts, batch_size=16)]
    single = [(d._.journey_tags, d._.journey_sentiment, d._.journey_phase, d._.journey_sents)
              for d in map(nlp, texts)]
    assert piped == single
    doc = nlp(texts[0])
    assert [sp.start for sp in doc.spans["journey"]] == [t[0] for t in doc._.journey_tags]


def test_tagging_streams_docs(monkeypatch):
    """Rows are built as Docs come out of ``nlp.pipe``: no list of every Doc is kept."""
    nlp = make_pipeline("en", spans=False)  # the pipeline tag_texts uses
    make_doc = nlp.make_doc
    live: weakref.WeakSet = weakref.WeakSet()
    most = [0]

    def tracking_make_doc(text):
        doc = make_doc(text)
        live.add(doc)
        most[0] = max(most[0], len(live))
        return doc

    monkeypatch.setattr(nlp, "make_doc", tracking_make_doc)
    out = tag_texts([f"The delivery took ages, order {i}." for i in range(600)], lang="en", batch_size=50)
    assert len(out) == 600 and out["pain_point"].eq(1).all()
    assert 50 <= most[0] <= 5 * 50  # a few batches in flight at most, never the whole input


def test_progress_bar(capsys):
    out = tag_texts(["Het pakket is nooit aangekomen.", "", "Top service!"], lang="nl", progress=True)
    assert out["pain_point"].tolist() == [1, 0, 0]
    assert "tagging" in capsys.readouterr().err


def _write() -> None:
    data = {name: fingerprint(*tagged(name)) for name in DATASETS}
    FINGERPRINT.parent.mkdir(parents=True, exist_ok=True)
    FINGERPRINT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINT.relative_to(ROOT)}: " + ", ".join(f"{k} {v['tags']} tags" for k, v in data.items()))


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    _write()
