"""The map as a deliverable: what the researcher adds (backstage, KPI targets, steps, opportunity
fields — in the store, study.toml and `workbench plan`) and how every format shows it with the
persona header, against the measured values, escaped, numbers as numbers and linked to evidence."""

from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "journey"))
import build  # noqa: E402

from workbench.coding import Store  # noqa: E402
from workbench.coding._migrations import MIGRATIONS  # noqa: E402
from workbench.config import parse_config  # noqa: E402
from workbench.errors import StoreError, StudyConfigError  # noqa: E402
from workbench.journey import build_journey_map  # noqa: E402
from workbench.journey.anatomy import attach_anatomy, kpi_rows, load_facts, map_plan, save_facts  # noqa: E402
from workbench.render import to_html, to_markdown, to_xlsx  # noqa: E402
from workbench.render._content import opportunity_meta, persona_block  # noqa: E402
from workbench.study import load_study  # noqa: E402

HOSTILE = "<img src=x onerror=alert(1)>=HYPERLINK(\"http://x\")"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = build.make_study(tmp_path_factory.mktemp("plan") / "tiny")
    study = load_study(folder)
    dt, tags = build.make_tags(study)
    jm = build_journey_map(study, dt, tags, personas=build.make_personas(), min_evidence=3)
    return folder, study, jm


# -- the store ------------------------------------------------------------------------------------

def test_a_v4_store_gains_the_plan_tables(tmp_path):
    path = tmp_path / ".workbench" / "store.sqlite"
    path.parent.mkdir()
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:4]:
        step(conn)
    conn.execute("INSERT INTO opportunities (persona_key, phase, text, origin, status, coder, updated) "
                 "VALUES ('everyone', 'purchase', 'Sneller afrekenen', 'manual', 'open', 'anna', 'x')")
    conn.execute("PRAGMA user_version = 4")
    conn.close()
    with Store.open(tmp_path) as s:
        assert s.version == len(MIGRATIONS) >= 5
        row = s.opportunities().iloc[0]
        assert row["text"] == "Sneller afrekenen" and pd.isna(row["effort"]) and pd.isna(row["priority"])
        s.update_opportunity(int(row["opportunity_id"]), "anna", effort="high", owner="Team Checkout", priority=1)
        row = s.opportunities().iloc[0]
        assert (row["effort"], row["owner"], row["priority"], row["coder"]) == ("high", "Team Checkout", 1, "anna")
        s.update_opportunity(int(row["opportunity_id"]), "anna", effort="", owner="", priority=0)
        row = s.opportunities().iloc[0]
        assert pd.isna(row["effort"]) and pd.isna(row["owner"]) and pd.isna(row["priority"])
        assert row["text"] == "Sneller afrekenen"  # untouched fields stay


def test_plan_rows_are_written_replaced_and_removed(tmp_path):
    with Store.open(tmp_path) as s:
        s.set_backstage("purchase", "owner", "Team A", "anna")
        s.set_backstage("purchase", "owner", "Team B", "bo")
        s.set_backstage("purchase", "system", "Adyen", "bo")
        s.set_kpi("purchase", "csat_top2", 70, "anna")
        s.set_kpi("purchase", "micro:Account aangemaakt", "45", "anna")
        assert s.backstage()[["phase", "kind", "text", "coder"]].values.tolist() == [
            ["purchase", "owner", "Team B", "bo"], ["purchase", "system", "Adyen", "bo"]]
        assert dict(zip(s.kpi_targets()["metric"], s.kpi_targets()["target"], strict=True)) == {
            "csat_top2": 70.0, "micro:Account aangemaakt": 45.0}
        s.set_backstage("purchase", "system", "  ", "bo")
        s.set_kpi("purchase", "csat_top2", None, "bo")
        assert s.backstage()["kind"].tolist() == ["owner"] and s.kpi_targets()["metric"].tolist() == [
            "micro:Account aangemaakt"]


@pytest.mark.parametrize("call, match", [
    (lambda s: s.set_backstage("purchase", "budget", "x", "a"), "backstage kind"),
    (lambda s: s.set_kpi("purchase", "csat", 70, "a"), "not a metric"),
    (lambda s: s.set_kpi("purchase", "nps", "veel", "a"), "must be a number"),
    (lambda s: s.set_kpi("purchase", "nps", float("inf"), "a"), "must be a number"),
    (lambda s: s.set_kpi("", "nps", 1, "a"), "phase is needed"),
    (lambda s: s.update_opportunity(s.add_opportunity("x", "a"), "a", effort="huge"), "invalid effort"),
    (lambda s: s.update_opportunity(s.add_opportunity("x", "a"), "a", priority="eerst"), "invalid priority"),
    (lambda s: s.update_opportunity(s.add_opportunity("x", "a"), "a", priority=1.5), "invalid priority"),
])
def test_bad_plan_values_are_refused_with_a_hint(tmp_path, call, match):
    with Store.open(tmp_path) as s, pytest.raises(StoreError, match=match) as err:
        call(s)
    assert err.value.hint


# -- study.toml and the phase model ---------------------------------------------------------------

BASE = {"name": "x", "language": "nl", "phase_model": "klassiek-5"}


def test_map_table_in_study_toml():
    cfg = parse_config({**BASE, "map": {"phases": {
        "Aankoop": {"steps": ["Winkelmandje", "Betalen"], "owner": "Team Checkout", "kpi": {"csat_top2": 70}},
        "gebruik": {"process": "Retouren", "kpi": {"nps": -10, "micro:Review geschreven": 15.5}}}}})
    assert cfg.map_phases == {
        "purchase": {"owner": "Team Checkout", "steps": ("Winkelmandje", "Betalen"), "kpi": {"csat_top2": 70.0}},
        "use_evaluation": {"process": "Retouren", "kpi": {"nps": -10.0, "micro:Review geschreven": 15.5}}}


@pytest.mark.parametrize("table, match", [
    ({"phases": {"purchase": {"ownr": "x"}}}, "Did you mean 'owner'"),
    ({"phase": {}}, "Did you mean 'phases'"),
    ({"phases": {"kassa": {"owner": "x"}}}, "not a phase"),
    ({"phases": {"purchase": {"kpi": {"csat": 70}}}}, "not a metric"),
    ({"phases": {"purchase": {"kpi": {"nps": "hoog"}}}}, "must be a number"),
    ({"phases": {"purchase": {"kpi": {"nps": True}}}}, "must be a number"),
    ({"phases": {"purchase": {"steps": ["a", ""]}}}, "non-empty"),
    ({"phases": {"purchase": {"owner": "x"}, "Aankoop": {"owner": "y"}}}, "second time"),
])
def test_map_table_mistakes_name_the_key(table, match):
    with pytest.raises(StudyConfigError, match=match) as err:
        parse_config({**BASE, "map": table})
    assert "map" in str(err.value)


def test_steps_from_the_phase_model_then_study_toml_then_the_store(tmp_path):
    model = {"id": "m", "phases": [
        {"id": "a", "name": "A", "steps": {"nl": ["Zien"], "en": ["See"]}},
        {"id": "b", "name": "B", "steps": ["Kopen", "Betalen"]}]}
    cfg = parse_config({**BASE, "phase_model": model,
                        "map": {"phases": {"b": {"steps": ["Afrekenen"], "owner": "Toml", "kpi": {"nps": 5}}}}})
    with Store.open(tmp_path) as store:
        store.set_backstage("b", "owner", "Store", "anna")
        store.set_kpi("a", "csat_top2", 50, "anna")
        steps, back, kpis = map_plan(cfg.phase_model, "en", cfg.map_phases, store)
    assert steps.values.tolist() == [["a", 1, "See"], ["b", 1, "Afrekenen"]]
    assert back.values.tolist() == [["b", "owner", "Store", "store"]]
    assert kpis[["phase", "metric", "target", "source"]].values.tolist() == [
        ["a", "csat_top2", 50.0, "store"], ["b", "nps", 5.0, "study.toml"]]
    with pytest.raises(StudyConfigError, match="steps"):
        parse_config({**BASE, "phase_model": {"id": "m", "phases": [{"id": "a", "steps": "Zien"}]}})


# -- the anatomy on a map -------------------------------------------------------------------------

class Card:  # a persona card of some version: only some fields
    def __init__(self, key, **kw):
        self.key = key
        self.__dict__.update(kw)


def test_kpi_targets_against_measured_values_and_persona_facts(tiny, tmp_path):
    folder, study, jm = tiny
    with Store.open(folder) as store:
        store.set_kpi("purchase", "csat_top2", 50, "anna")
        store.set_kpi("purchase", "ces_mean", 9, "anna")
        store.set_kpi("awareness", "micro:Nieuwsbrief", 4, "anna")
        store.set_kpi("decision", "nps", 0, "anna")  # nothing measured there
        traits = pd.DataFrame({"label": ["Hoe snel? - Ik wil het morgen"], "display": ["4.5 vs 2.9 (d = +1.24)"]})
        cards = [Card("k2-p0", share=0.5, verdict="doubtful", jaccard=0.7, traits=traits,
                      quotes=[type("Q", (), {"text": "Snel graag", "participant_id": "P01"})()]),
                 Card("k2-p1")]  # a card with nothing but its key
        a = attach_anatomy(jm, study=study, store=store, cards=cards)
    m = a.metrics.set_index(["persona", "phase", "metric"])["value"]
    rows = {r["metric"]: r for r in kpi_rows(a, "everyone", "purchase")}
    assert rows["csat_top2"]["met"] == (m[("everyone", "purchase", "csat_top2")] >= 50)
    assert rows["ces_mean"]["met"] is False and rows["ces_mean"]["value"] == m[("everyone", "purchase", "ces_mean")]
    funnel = kpi_rows(a, "k2-p0", "awareness")[0]  # funnel metrics: all visitors, also on a persona's map
    assert funnel["shared"] and funnel["met"] is True and funnel["value"] == pytest.approx(5.0)
    assert kpi_rows(a, "everyone", "decision")[0]["met"] is None
    b = persona_block(a, "k2-p0")
    assert b["apart"] == ["Ik wil het morgen: 4,5 (iedereen 2,9)"]
    assert "(50%)" in b["counts"] and b["level"] == "doubtful" and "Jaccard 0,70" in b["stability"]
    assert b["quote"] == "Snel graag" and b["who"] == "P01"
    bare = persona_block(a, "k2-p1")  # tolerant: no traits, no stability, the map's own quote
    assert bare["apart"] == [] and bare["stability"] == "stabiliteit niet bepaald" and bare["level"] is None
    assert persona_block(a, "everyone")["apart"][0].startswith("De <i>haaster</i> ")


def test_facts_survive_a_rerender_and_a_broken_file_is_reported(tmp_path):
    cards = [Card("k2-p0", share=0.25, verdict="stable", jaccard=0.9, traits=["Snel"],
                  quotes=[{"text": "Top", "respondent_id": None, "participant_id": "P02"}])]
    path = save_facts(cards, tmp_path / "facts.json", "nl")
    back, problem = load_facts(path)
    assert problem is None and back[0]["key"] == "k2-p0" and back[0]["traits"] == ["Snel"]
    path.write_text("{kapot", encoding="utf-8")
    assert load_facts(path)[1] and load_facts(tmp_path / "missing.json") == ([], None)


def test_researcher_priority_reorders_and_is_labelled(tiny):
    _, _, jm = tiny
    opps = jm.opportunities.copy()
    if len(opps) < 2:
        opps = pd.concat([opps] * 2, ignore_index=True)
    opps["persona"], opps["phase"] = "everyone", "use_evaluation"
    opps["text"] = ["Eerste", "Tweede"] + list(opps["text"][2:])
    opps["priority"] = range(1, len(opps) + 1)
    opps["priority_set"] = [None, 1] + [None] * (len(opps) - 2)
    opps["effort"], opps["owner"] = ["low", "high"] + [None] * (len(opps) - 2), None
    from dataclasses import replace

    from workbench.journey.assemble import _opportunity_cells

    cells = _opportunity_cells(opps, jm.phase_ids)
    assert cells.sort_values("rank")["text"].tolist()[:2] == ["Tweede", "Eerste"]
    jm2 = replace(jm, opportunities=opps)
    meta = opportunity_meta(jm2, "everyone", "use_evaluation")
    assert meta[1]["priority"] == "P1 (onderzoeker; berekend P2)" and meta[1]["fields"] == "inspanning hoog"
    assert meta[2]["priority"] == "P1" and meta[2]["fields"] == "inspanning laag"


# -- every format shows it ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def planned(tiny):
    folder, study, jm = tiny
    cfg_steps = {"purchase": {"steps": ("Mandje", HOSTILE)}}
    object.__setattr__(study.config, "map_phases", cfg_steps)
    with Store.open(folder) as store:
        store.set_backstage("purchase", "owner", HOSTILE, "anna")
        store.set_backstage("use_evaluation", "process", "Retouren", "anna")
        store.set_kpi("purchase", "csat_top2", 50, "anna")
        store.set_kpi("use_evaluation", "nps", 10, "anna")
        return attach_anatomy(jm, study=study, store=store)


def test_html_shows_the_anatomy_escaped(planned):
    html = to_html(planned)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Retouren" in html and "<li>Mandje</li>" in html and "doel ≥ 50%" in html and "doel ≥ 10" in html
    assert "class='backstage'" in html and "Eigenaar" in html and "id='legend'" in html
    assert "NPS = % promotors" in html  # the definitions are on the page
    for href in re.findall(r"href='([^']*)'", html):
        assert href.startswith("#e"), href  # only the page's own evidence anchors


def test_markdown_shows_the_anatomy_escaped(planned):
    md = to_markdown(planned)
    assert "<img" not in md and "&lt;img" in md and "Retouren" in md and "doel ≥ 50%" in md
    assert "## Definities" in md


def test_xlsx_links_every_cell_to_its_evidence_and_keeps_numbers(planned, tmp_path):
    path = to_xlsx(planned, tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(path)
    ev = wb["Bewijs"]
    links = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f"
                if isinstance(c.value, str):  # a number is never stored as text ('+1.5)
                    assert not re.fullmatch(r"'?[+\-−±]?\d+([.,]\d+)?%?", c.value.strip()), (ws.title, c.value)
                if c.hyperlink is not None:
                    links += 1
                    sheet, _, ref = c.hyperlink.location.partition("!")
                    assert sheet.strip("'") == "Bewijs" and c.hyperlink.target is None
                    first = int(re.match(r"A(\d+)", ref).group(1))
                    persona, phase = ev.cell(first, 1).value, ev.cell(first, 2).value
                    lane = ev.cell(first, 3).value
                    col_phase = ws.cell(row=[r for r in range(1, 20) if ws.cell(r, 2).value == "Rij"][0],
                                        column=c.column).value
                    assert persona.lstrip("'").replace("</i>", "< i>") == ws.title
                    assert phase == col_phase and lane == ws.cell(c.row, 2).value
    assert links > 10
    from workbench.journey import labels as L

    names = {L.metric_name("csat_top2", "nl"), L.metric_name("nps", "nl")}  # in the study's language
    numbers = [r for r in wb["Iedereen"].iter_rows(values_only=True) if r[2] in names]
    measured = [r for r in numbers if r[4]]
    assert len(measured) >= 2 and all(isinstance(r[3], float) and isinstance(r[4], int) for r in measured)
    assert any(r[5] == 50 and r[6] in ("ja", "nee") for r in numbers)
    opp = wb["Kansen"]
    assert [c.value for c in opp[1]][:4] == ["Persona", "Fase", "prioriteit", "score"]
    assert all(isinstance(r[2], int | type(None)) for r in opp.iter_rows(min_row=2, values_only=True))


# -- the command line -----------------------------------------------------------------------------

def test_cli_plan_sets_lists_and_refuses(tmp_path, capsys):
    from workbench.cli import main

    folder = build.make_study(tmp_path / "s")
    assert main(["plan", str(folder), "--phase", "Aankoop", "--owner", "Team Checkout", "--kpi", "csat_top2=70",
                 "--kpi", "ces_mean=5,5"]) == 0
    with Store.open(folder) as s:
        oid = s.add_opportunity("Sneller betalen", "anna", phase="purchase")
    assert main(["plan", str(folder), "--opportunity", str(oid), "--priority", "1", "--effort", "low",
                 "--status", "accepted"]) == 0
    assert main(["plan", str(folder), "--opportunity", str(oid), "--text", "Hoe kunnen we " + "sneller betalen " * 6]) == 0
    capsys.readouterr()
    assert main(["plan", str(folder)]) == 0
    out = capsys.readouterr().out
    # the study is Dutch: the plan speaks Dutch, with a decimal comma and phase names, not ids
    assert "eigenaar: Team Checkout  [store]" in out and "doel ces_mean ≥ 5,5  [store]" in out
    assert re.search(rf"{oid}\s+alle kaarten\s+Aankoop\s+geaccepteerd\s+1\s+laag", out)
    assert "eigen ids" in out  # every map keeps its own opportunities: the plan says so
    assert "betalen…" in out and "betal…" not in out  # a cut text ends in an ellipsis, at a word end
    assert not re.search(r"\b(owner|target|Opportunities|accepted|steps)\b", out)
    assert main(["plan", str(folder), "--phase", "kassa", "--owner", "x"]) == 2
    err = capsys.readouterr().err
    assert "geen fase" in err and "Aankoop" in err and "study.toml" not in err  # an argument, not a config key
    assert main(["plan", str(folder), "--kpi", "nps=1"]) == 2
    assert "geef ook --phase" in capsys.readouterr().err
    assert main(["plan", str(folder), "--phase", "purchase", "--kpi", "nps"]) == 2
    assert "METRIEK=DOEL" in capsys.readouterr().err
    assert main(["plan", str(folder), "--effort", "low"]) == 2
    assert main(["plan", str(folder), "--opportunity", "999", "--effort", "low"]) == 2
    err = capsys.readouterr().err
    assert "geen kans met id 999" in err and f"{oid}" in err and "store." not in err  # no Python in a CLI hint


def test_the_notebook_view_shows_header_backstage_and_targets(planned):
    from workbench.journey.view import JourneyMapView

    v = JourneyMapView(planned)
    v.persona.value = "k2-p0"
    assert "De &lt;i&gt;haaster&lt;/i&gt;" in v.header.value and "<i>haaster" not in v.header.value
    assert "Eigenaar" in v.buttons[("backstage", "purchase")].description
    v.buttons[("metrics", "purchase")].click()
    html = v.detail.outputs[0]["data"]["text/html"]
    assert "doel ≥ 50%" in html
    v.buttons[("backstage", "purchase")].click()
    assert "&lt;img" in v.detail.outputs[0]["data"]["text/html"]  # the researcher's text, escaped too
