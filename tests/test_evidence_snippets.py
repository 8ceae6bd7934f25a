"""Evidence a researcher can read and hand on: whole sentences as said, never cut inside a word,
and quotes attributed to pseudonyms (P01, R-017), never to raw survey ids.

Every row of the map's evidence table (shown in the XLSX 'Bewijs'/'Evidence' sheet and the HTML
expanders) is found in its source text, and starts and ends at a word boundary; the notebook's
map explorer names who said a quote as the printed map does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module", params=["webshop-nl", "saas-onboarding-en"])
def run(request, tmp_path_factory):
    from workbench.pipeline import run_study
    from workbench.study import copy_study

    tmp = tmp_path_factory.mktemp(request.param)
    folder = copy_study(ROOT / "surveys" / request.param, tmp / request.param)
    return run_study(folder, tmp / "out", progress=False, write=False, n_boot=0, parallel=False)


def test_evidence_rows_are_whole_words_of_their_source(run):
    texts = run.study.documents().set_index("doc_id")["text"].astype(str)
    ev = run.journey_map.evidence
    ev = ev[ev["text"].astype(str).str.len() > 0]
    assert len(ev) > 100
    cut = []
    for doc, snippet in zip(ev["doc_id"], ev["text"].astype(str), strict=True):
        source = texts.get(doc, "")
        i = source.find(snippet)
        if i < 0:
            continue  # scrubbed: personal data replaced by a placeholder
        before = source[i - 1] if i else " "
        after = source[i + len(snippet)] if i + len(snippet) < len(source) else " "
        if (before.isalnum() and snippet[0].isalnum()) or (after.isalnum() and snippet[-1].isalnum()):
            cut.append((doc, snippet[:60]))
    assert not cut, cut[:10]


def test_the_explorer_attributes_quotes_to_pseudonyms(run):
    from workbench.journey.view import JourneyMapView

    jm = run.journey_map
    raw = {str(r) for r in run.study.documents()["respondent_id"].dropna().unique()}
    view = JourneyMapView(jm)
    said = []
    for phase in jm.phase_ids:
        html = view.detail_html("quotes", phase)
        said += re.findall(r"</?blockquote>“.*?” — ([^ <·]+)", html) + re.findall(r"” — ([^ <·]+) ·", html)
    assert said, "no quote in any phase"
    assert not [w for w in said if w in raw], said[:5]
    assert all(re.fullmatch(r"(R-\d+|[A-Z]+\d+)", w) for w in said), said[:5]
