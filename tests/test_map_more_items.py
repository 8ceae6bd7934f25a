"""Nothing is dropped silently from a cell: the map keeps every item, the compact outputs (Markdown,
the printed map of everyone and of each persona) show the strongest ones and end the cell with
"+N meer" / "+N more", the HTML page and the XLSX hold every item. A metric question without a
phase (an NPS about the whole relationship) is shown for the whole study; the note about open
questions without a phase counts all their answers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from workbench import schema
from workbench.journey import build_journey_map
from workbench.pipeline import write_summary
from workbench.render import plot_journey_map, to_html, to_markdown, to_xlsx
from workbench.study import load_study

# Q2 (ordering, phase purchase): the channels each respondent names — 8 different ones.
ORDERING = {
    "R1": ("Eerst keek ik op de website, toen in de app en daarna vroeg ik het in de chat.", ["website", "app", "chat"]),
    "R2": ("Via de website en de app, en later kwam er nog een mail.", ["website", "app", "mail"]),
    "R3": ("De website deed het wel, de telefoon nam niemand op.", ["website", "telefoon"]),
    "R4": ("Ik heb gebeld met de telefoon en daarna een brief gestuurd.", ["telefoon", "brief"]),
    "R5": ("In de winkel gevraagd en toen op de website besteld.", ["winkel", "website"]),
    "R6": ("Alleen de app gebruikt, verder niets.", ["app"]),
    "R7": ("Alles ging via de chat met een medewerker.", ["chat"]),
    "R8": ("Ik kreeg een sms met de bevestiging.", ["sms"]),
}
CUE = {"website": "website", "app": "app", "chat": "chat", "mail": "mail", "telefoon": "telefoon",
       "brief": "brief", "winkel": "winkel", "sms": "sms"}
# Q3 (no phase): two answers carry a pain point, the others nothing for the map.
REMARKS = {"R1": "Het pakket kwam een week te laat aan.", "R2": "Geen opmerkingen verder.",
           "R3": "Alles prima geregeld.", "R4": "De factuur klopte niet en niemand reageerde.",
           "R5": "Nee hoor.", "R6": "Ga zo door.", "R7": "Niets te melden.", "R8": "Tot de volgende keer."}
PAINS = {"R1": "te laat", "R4": "klopte niet"}
NPS = {"R1": 10, "R2": 9, "R3": 3, "R4": 2, "R5": 8, "R6": 0, "R7": 1, "R8": 7}  # NPS −25; p0 0, p1 −50


def _study(folder: Path, lang: str) -> Path:
    (folder / "survey").mkdir(parents=True, exist_ok=True)
    rows = pd.DataFrame({"respondent_id": list(NPS), "Q1": list(NPS.values()),
                         "Q2": [ORDERING[r][0] for r in NPS], "Q3": [REMARKS[r] for r in NPS]})
    rows.to_csv(folder / "survey" / "export.csv", index=False)
    (folder / "study.toml").write_text(
        f'name = "Kanalen"\nlanguage = "{lang}"\nphase_model = "klassiek-5"\n\n[survey]\n'
        'paths = ["survey/export.csv"]\nformat = "plain"\nrespondent_id = "respondent_id"\n\n'
        '[survey.questions]\nQ1 = { kind = "nps", metric = "nps" }\nQ2 = { kind = "open", phase = "purchase" }\n'
        'Q3 = { kind = "open" }\n', encoding="utf-8")
    return folder


def _tags(study) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = study.documents()
    rows = []

    def add(rid, qid, cue, label, value, phase):
        hit = docs[(docs["respondent_id"] == rid) & (docs["question_id"] == qid)]
        doc_id, text = str(hit["doc_id"].iloc[0]), str(hit["text"].iloc[0])
        s = text.lower().index(cue)
        rows.append({"doc_id": doc_id, "sent_start": 0, "sent_end": len(text), "start_char": s,
                     "end_char": s + len(cue), "text": text[s:s + len(cue)], "label": label, "value": value,
                     "phase": phase, "score": 0.8, "rule_id": "test"})

    for rid, (_, channels) in ORDERING.items():
        for c in channels:
            add(rid, "Q2", CUE[c], "touchpoint", c, "purchase")
    for rid, cue in PAINS.items():
        add(rid, "Q3", cue, "pain_point", "broken", pd.NA)
    tags = schema.conform(pd.DataFrame(rows), schema.TAGS)
    dt = docs[["doc_id"]].copy()
    dt["pain_point"] = dt["doc_id"].isin(tags.loc[tags["label"] == "pain_point", "doc_id"]).astype("int8")
    dt["need"] = 0
    dt["sentiment"] = 0.0
    dt["phase"] = dt["doc_id"].map(tags.dropna(subset=["phase"]).drop_duplicates("doc_id").set_index("doc_id")["phase"])
    dt["touchpoints"] = ""
    return schema.conform(dt, schema.DOC_TAGS), tags


def _personas() -> pd.DataFrame:
    df = pd.DataFrame({"respondent_id": list(NPS), "participant_id": None,
                       "persona": [0, 0, 0, 0, 1, 1, 1, 1], "placed_by": "survey"})
    df["persona_name"] = df["persona"].map({0: "Snelle bestellers", 1: "Bellers"})
    return schema.conform(df, schema.PERSONAS)


@pytest.fixture(scope="module", params=["nl", "en"])
def mapped(request, tmp_path_factory):
    lang = request.param
    study = load_study(_study(tmp_path_factory.mktemp(f"more_{lang}"), lang))
    dt, tags = _tags(study)
    jm = build_journey_map(study, dt, tags, personas=_personas(), min_evidence=2, max_items=5)
    return lang, study, dt, tags, jm


def _more(lang: str, n: int) -> str:
    return f"+{n} meer" if lang == "nl" else f"+{n} more"


def test_the_map_keeps_every_item_of_a_cell_with_its_rank(mapped):
    _, _, _, _, jm = mapped
    c = jm.cell("everyone", "purchase", "touchpoints")
    assert len(c) == 8 and c["rank"].tolist() == list(range(1, 9))
    assert c["n_evidence"].tolist()[:2] == [4, 3]  # website, app: strongest first
    assert set(c["evidence_ids"].iloc[-1])  # the last item keeps its evidence too


def test_markdown_shows_the_top_items_and_counts_the_rest(mapped):
    lang, _, _, _, jm = mapped
    md = to_markdown(jm).replace("\\", "")  # Markdown escapes dropped
    assert _more(lang, 3) in md  # everyone's purchase touchpoints: 8 items, 5 shown
    assert _more(lang, 1) in md  # persona 0's: 6 items
    everyone = md.split("\n## ")[1]
    assert "Sms" not in everyone and "Sms" in md  # everyone's weakest item is counted, a persona's five shown


def test_html_and_xlsx_hold_every_item_with_its_evidence(mapped, tmp_path):
    _, _, _, _, jm = mapped
    names = ["Website", "App", "Chat", "Telefoon", "Mail", "Brief", "Winkel", "Sms"]
    html = to_html(jm)
    for name in names:
        assert name in html, name
    wb = openpyxl.load_workbook(to_xlsx(jm, tmp_path / "map.xlsx"))
    sheet = wb.worksheets[0]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    for name in names:
        assert name in text, name
    ev = wb.worksheets[-1]
    found = {str(r[4].value) for r in ev.iter_rows(min_row=2) if r[0].value and r[2].value}
    assert {"Sms", "Winkel", "Brief"} <= found  # the items beyond the fifth have their evidence rows


@pytest.mark.parametrize("persona", [None, "k2-p0"])
def test_the_printed_map_ends_a_cut_cell_with_more(mapped, persona):
    lang, _, _, _, jm = mapped
    fig = plot_journey_map(jm, persona)
    texts = [t.get_text() for t, _ in fig.journey_boxes]
    if persona is None:
        assert _more(lang, 3) in texts
        assert fig.journey_hidden[("touchpoints", "purchase")] == 3
        assert not any("Sms" in x for x in texts)
    else:  # the persona's cell has six channels: website, app, telefoon, chat, mail, brief
        assert fig.journey_hidden[("touchpoints", "purchase")] == 1
        assert _more(lang, 1) in texts


def _overall(lang: str, value: str, n: int) -> str:
    return f"{'algemeen' if lang == 'nl' else 'overall'}: NPS {value} (n={n})"


def test_the_whole_study_nps_is_on_every_map_and_in_the_summary(mapped, tmp_path):
    lang, study, dt, tags, jm = mapped
    assert jm.metrics.empty or "nps" not in set(jm.metrics["metric"])  # no phase: no phase's metric
    md = to_markdown(jm)
    assert _overall(lang, "−25", 8) in md
    assert _overall(lang, "0", 4) in md or _overall(lang, "±0", 4) in md
    assert _overall(lang, "−50", 4) in md
    assert _overall(lang, "−25", 8) in to_html(jm)
    texts = " ".join(t.get_text() for t, _ in plot_journey_map(jm).journey_boxes)
    assert _overall(lang, "−25", 8) in texts
    texts = " ".join(t.get_text() for t, _ in plot_journey_map(jm, "k2-p1").journey_boxes)
    assert _overall(lang, "−50", 4) in texts
    assert "NPS = % promot" in md  # its definition is given
    run = SimpleNamespace(journey_map=jm, study=study, doc_tags=dt, tags=tags, notes=[], timings={})
    summary = write_summary(run, tmp_path / "summary.md").read_text(encoding="utf-8")
    head = "Cijfers" if lang == "nl" else "Metrics"
    section = summary.split(f"## {head}", 1)[1].split("##", 1)[0]
    assert ("Algemeen" if lang == "nl" else "Overall") + ": NPS −25 (n=8)" in section, section


def test_the_note_on_open_questions_without_a_phase_counts_every_answer(mapped):
    lang, _, _, _, jm = mapped
    note = " ".join(jm.notes)
    if lang == "nl":
        assert "Q3: 8 antwoorden, 2 met een pijnpunt, behoefte of actie: 0 geplaatst" in note, note
    else:
        assert "Q3: 8 answers, 2 with a pain point, need or action: 0 placed" in note, note
