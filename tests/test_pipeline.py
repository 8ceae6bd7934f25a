"""The main job end to end: `run_study` on the demo studies, `workbench run` / `workbench map`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

try:  # the other stages are written in parallel: skip until they import
    import workbench.coding.store  # noqa: F401
    import workbench.nlp  # noqa: F401
    import workbench.personas  # noqa: F401
    STAGES_READY = True
except ImportError as exc:  # pragma: no cover
    STAGES_READY = False
    WHY = f"a pipeline stage does not import yet: {exc}"

pytestmark = pytest.mark.skipif(not STAGES_READY, reason=WHY if not STAGES_READY else "")

EXPECTED = ["journey_map.png", "journey_map.svg", "journey_map.pdf", "journey_map.html", "journey_map.xlsx",
            "journey_map.md", "personas.csv", "tags.csv", "doc_tags.csv", "summary.md"]


def _copy(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / name
    shutil.copytree(ROOT / "surveys" / name, dst, ignore=shutil.ignore_patterns(".workbench"))
    return dst


@pytest.mark.parametrize("name", ["webshop-nl", "saas-onboarding-en"])
def test_run_study_on_demo(name, tmp_path):
    from workbench.pipeline import run_study

    study = _copy(name, tmp_path)
    out = tmp_path / "out"
    res = run_study(study, out, progress=False, n_boot=5)
    for f in EXPECTED:
        assert (out / f).stat().st_size > 0, f
    jm = res.journey_map
    assert len(jm.persona_keys) >= 3  # everyone + at least two personas
    for key in jm.persona_keys[1:]:
        assert (out / f"journey_map_{key}.png").exists()
    assert set(jm.cells["phase"]) <= set(res.study.phase_model.ids)
    assert {"touchpoints", "pain_points", "emotion", "metrics", "quotes"} <= set(jm.cells["lane"])
    assert set(res.timings) == {"load", "tag", "store", "personas", "map", "render"}
    wb = openpyxl.load_workbook(out / "journey_map.xlsx", read_only=True)
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert (study / ".workbench" / "personas.csv").exists()
    summary = (out / "summary.md").read_text(encoding="utf-8")
    from workbench.journey import labels as L

    lang = res.study.language
    assert L.text("sum_thin", lang, n=0, total=0, k=0).split(":")[0] in summary
    assert L.text("sum_timings", lang) in summary and L.text("sum_personas", lang) in summary
    docs = res.study.documents().set_index("doc_id")["text"]
    from workbench.privacy import Policy, scrub

    names = res.study.speaker_names()
    with Policy.for_study(res.study).active():  # the study's pseudonyms, as the run used them
        for q in jm.quotes.itertuples(index=False):
            assert q.text in scrub(docs[q.doc_id], names, lang=res.study.language)


def test_cli_run_then_map_uses_researcher_decisions(tmp_path, capsys):
    from workbench.cli import main
    from workbench.coding import default_codebook
    from workbench.coding.store import Store
    from workbench.study import load_study

    study = build.make_study(tmp_path / "tiny")
    # run needs the real tagger; decisions below are made on what it stored
    assert main(["run", str(study), "--out", str(tmp_path / "out1"), "--no-progress", "--serial"]) == 0
    assert "onderdelen op de kaart" in capsys.readouterr().out  # the tiny study is Dutch: so is the CLI
    s = load_study(study)
    with Store.open(study) as store:
        tags = store.suggestions()
        assert len(tags) > 0
        store.save_codebook(default_codebook(s.phase_model, "nl"))
        t = tags.iloc[0]
        code = t["label"] if t["label"] in ("pain_point", "need") else f"{t['label']}/{t['value']}"
        store.decide(t["doc_id"], int(t["start_char"]), int(t["end_char"]), code, "rejected", "anna")
        opp = store.opportunities()
        if len(opp):
            store.update_opportunity(int(opp["opportunity_id"].iloc[0]), "anna", text="Eigen idee van Anna")
    assert main(["map", str(study), "--out", str(tmp_path / "out2"), "--compare", str(study)]) == 0
    md = (tmp_path / "out2" / "journey_map.md").read_text(encoding="utf-8")
    if len(opp):
        assert "Eigen idee van Anna" in md
    cmp = pd.read_csv(tmp_path / "out2" / "wave_comparison.csv")
    assert (cmp["verdict"] == "unchanged").all()


def test_map_before_run_is_a_clear_error(tmp_path, capsys):
    from workbench.cli import main

    study = build.make_study(tmp_path / "fresh")
    assert main(["map", str(study), "--out", str(tmp_path / "o")]) == 2
    assert "workbench run" in capsys.readouterr().err
