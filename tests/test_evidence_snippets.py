"""Evidence snippets a researcher can read: whole sentences as said, never cut inside a word.

Every row of the map's evidence table (shown in the XLSX 'Bewijs'/'Evidence' sheet and the HTML
expanders) is found in its source text, and starts and ends at a word boundary."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize("name", ["webshop-nl", "saas-onboarding-en"])
def test_evidence_rows_are_whole_words_of_their_source(name, tmp_path):
    from workbench.pipeline import run_study
    from workbench.study import copy_study

    folder = copy_study(ROOT / "surveys" / name, tmp_path / name)
    run = run_study(folder, tmp_path / "out", progress=False, write=False, n_boot=0, parallel=False)
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
