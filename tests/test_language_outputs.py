"""One language per study: every word the researcher reads — map (Markdown, HTML, the figure's
texts), persona cards (Markdown, HTML, the card figure), summary, notes and ``workbench info`` — is in the study's
language, and every number the workbench writes uses that language's decimal sign.

Both demo studies are run (without writing files) and their outputs are searched for words of
the other language from a list of leaks seen in real use, and for numbers with the wrong decimal
sign that do not come from the study's own texts.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: English that has leaked into Dutch outputs before (UI words, phase and touchpoint ids, notes).
EN_LEAKS = ["Metrics", "Touchpoints", "touchpoint", "Demographics", "Channels", "Quotes", "Needs", "Pain points",
            "Opportunities", "What sets them apart", "Everyone", "respondents", "interviewees", "sentences",
            "stable", "doubtful", "unstable", "target", "not measured", "more", "piece(s)", "Phase unknown",
            "awareness", "consideration", "purchase", "retention", "loyalty", "use_evaluation", "onboarding",
            "customer service", "customer_service", "phone", "line", "skipped", "mean", "satisfied", "conversion",
            "pain point", "need", "survey answers of respondent", "their words", "placed by the interview",
            "Draft", "DRAFT", "machine-tagged", "Notes", "Timings", "Sample", "thin evidence", "How might we",
            "Load report", "Warnings", "Survey questions per kind", "Phases of phase model", "participant",
            "origin", "derived", "priority (computed)", "priority (researcher)", "csat_mean", "csat_top2", "ces_mean",
            "ces_agree", "emotion_text", "emotion_survey", "Baan"]
#: Dutch that must not appear in English outputs.
NL_LEAKS = ["Kenmerk", "Cijfers", "Contactpunten", "Kanalen", "Citaten", "Behoeften", "Pijnpunten", "Kansen",
            "Wat hen onderscheidt", "Iedereen", "respondenten", "geïnterviewden", "zinnen", "stabiel", "doel",
            "niet gemeten", "meer", "Fase onbekend", "Bewustzijn", "Overweging", "Aankoop", "klantenservice",
            "pijnpunt", "behoefte", "gem.", "tevreden", "conversie", "CONCEPT", "Opmerkingen", "Tijden",
            "Steekproef", "dun bewijs", "Hoe kunnen we", "steekproef", "geplaatst", "enquête",
            "Inleesverslag", "Waarschuwingen", "Fasen van fasemodel", "deelnemer"]


class _Visible(HTMLParser):
    """The text a browser shows (no attributes, scripts or styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    p = _Visible()
    p.feed(html)
    return "\n".join(p.parts)


def figure_texts(fig) -> str:
    """Every text drawn on a matplotlib figure (texts, titles, tick labels: drawn first, as tick
    labels are only written when the figure is drawn)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    out = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and callable(a.get_text))]
    return "\n".join(x for x in out if isinstance(x, str))


@pytest.fixture(scope="module", params=["webshop-nl", "saas-onboarding-en"])
def outputs(request, tmp_path_factory):
    from workbench.personas.export import cards_to_html, cards_to_markdown
    from workbench.personas.plots import plot_k_selection, plot_persona_card
    from workbench.pipeline import run_study, write_summary
    from workbench.render import plot_journey_map, plot_legend, to_html, to_markdown

    tmp = tmp_path_factory.mktemp(request.param)
    study = tmp / request.param
    shutil.copytree(ROOT / "surveys" / request.param, study, ignore=shutil.ignore_patterns(".workbench"))
    run = run_study(study, tmp / "out", progress=False, n_boot=5, write=False, parallel=False)
    jm, cards = run.journey_map, run.personas.cards
    texts = {
        "map.md": to_markdown(jm),
        "map.html": visible(to_html(jm)),
        "map figure": "\n".join(figure_texts(plot_journey_map(jm, key)) for key in jm.persona_keys[:2]),
        "legend page": figure_texts(plot_legend(jm)),
        "cards.md": cards_to_markdown(cards),
        "cards.html": visible(cards_to_html(cards)),
        "card figures": "\n".join(figure_texts(plot_persona_card(c)) for c in cards),
        "k selection": figure_texts(plot_k_selection(run.personas.k_scores, run.personas.clusterer.criterion_,
                                                     lang=run.study.language).figure),
        "summary.md": write_summary(run, tmp / "summary.md").read_text(encoding="utf-8"),
        "notes": "\n".join(run.notes),
        "placements": "\n".join(run.personas.placements["basis"].astype(str)),
        "workbench info": _info_text(study, run.study.phase_model),
        "map.xlsx": _xlsx_text(jm, tmp / "map.xlsx"),
    }
    sources = "\n".join(run.study.documents()["text"].astype(str))
    sources += "\n" + "\n".join(run.study.questions["question_text"].astype(str))
    return run.study.language, texts, sources


def _xlsx_text(jm, path) -> str:
    """Every cell of the map's workbook (headers, metric names, opportunity columns; numbers are numbers), but the evidence ids
    (``funnel:<phase>:<step>`` names its source, as ``P01#003`` does)."""
    import openpyxl

    from workbench.render import to_xlsx

    wb = openpyxl.load_workbook(to_xlsx(jm, path), read_only=True)
    return "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row
                     if isinstance(v, str) and not v.startswith("funnel:"))


def _info_text(study, model) -> str:
    """What ``workbench info STUDY`` prints, without the phase ids of its phase table (the keys
    study.toml takes, shown beside the phase names)."""
    from workbench.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["info", str(study)]) == 0
    lines = buf.getvalue().splitlines()
    head = next(i for i, ln in enumerate(lines) if model.id in ln and ln.startswith(("Fasen", "Phases")))
    ids = re.compile(rf"^\s*({'|'.join(map(re.escape, model.ids))})\s")
    return "\n".join(lines[:head + 2] + [ids.sub(" ", ln) for ln in lines[head + 2:]])


def _from_data(found: str, sources: str) -> bool:
    return found in sources


def _outside_quotes(text: str, sources: str) -> str:
    """The text without the lines that are the study's own words (quotes, question texts)."""
    return "\n".join(line for line in text.splitlines() if not any(
        len(q) > 12 and q in sources for q in re.split(r"[“”‘’\"|]", line)))


def test_every_output_is_in_the_study_language(outputs):
    lang, texts, sources = outputs
    leaks = EN_LEAKS if lang == "nl" else NL_LEAKS
    for name, text in texts.items():
        own = _outside_quotes(text, sources)
        found = sorted({w for w in leaks if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", own)
                        and not _from_data(w, sources)})
        assert not found, f"{lang} study, {name}: words of the other language {found}"


def test_numbers_use_the_language_decimal_sign(outputs):
    lang, texts, sources = outputs
    # a decimal point in Dutch (1.3, 0.97), a decimal comma in English (1,3) — not thousands (12.345 / 12,345)
    wrong = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d])" if lang == "nl" else r"(?<![\d.,])\d+,\d{1,2}(?![\d])")
    for name, text in texts.items():
        bad = sorted({m for m in wrong.findall(text) if not _from_data(m, sources)})
        assert not bad, f"{lang} study, {name}: numbers with the wrong decimal sign {bad}"
    right = re.compile(r"\d,\d" if lang == "nl" else r"\d\.\d")
    assert right.search(texts["cards.md"]) and right.search(texts["summary.md"])  # there are decimals to check


def test_checks_catch_a_leak():
    """The two checks fail on the kind of output the user trial found."""
    card = "**Metrics**: NPS -100 (n=30) · CSAT 2.97\n**Touchpoints**: app 8%; phone 6%\n| consideration | 3 |"
    assert {w for w in EN_LEAKS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", card)} >= {
        "Metrics", "Touchpoints", "phone", "consideration"}
    assert re.findall(r"(?<![\d.,])\d+\.\d{1,2}(?![\d])", card) == ["2.97"]


def test_tag_csv_inside_a_study_uses_its_phase_model_and_language(tmp_path, capsys, monkeypatch):
    from workbench.cli import main

    study = tmp_path / "s"
    (study / "survey").mkdir(parents=True)
    (study / "study.toml").write_text('name = "s"\nlanguage = "nl"\nphase_model = "retentie-5"\n', encoding="utf-8")
    csv = study / "survey" / "antwoorden.csv"
    csv.write_text("tekst\nDe app crasht bij het betalen.\nIk wil online kunnen opzeggen.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["tag", str(csv), "--text-column", "tekst", "--out", str(tmp_path / "o.csv")]) == 0
    out = capsys.readouterr().out
    assert "fasemodel: retentie-5" in out and "van de studie" in out and "rijen getagd" in out
    outside = tmp_path / "los.csv"
    shutil.copy(csv, outside)
    assert main(["tag", str(outside), "--text-column", "tekst", "--out", str(tmp_path / "p.csv")]) == 0
    out = capsys.readouterr().out
    assert "phase model: klassiek-5" in out and "default" in out  # says which model it used


def test_export_says_the_suggestions_are_not_exported(tmp_path, capsys):
    from workbench.cli import main

    study = tmp_path / "webshop-nl"
    shutil.copytree(ROOT / "surveys" / "webshop-nl", study, ignore=shutil.ignore_patterns(".workbench"))
    assert main(["tag", str(study)]) == 0
    assert "suggesties opgeslagen" in capsys.readouterr().out
    assert main(["export", str(study), "--qdpx", str(tmp_path / "w.qdpx")]) == 0
    out = capsys.readouterr().out
    assert "suggesties van de tagger zijn niet geëxporteerd" in out and "geschreven" in out
    assert not re.search(r"\b(wrote|sources|codings|skipped)\b", out)


def test_kpi_targets_use_the_decimal_sign():
    from workbench.render._content import kpi_text

    assert kpi_text({"metric": "ces_mean", "target": 3.5, "met": None}, "nl") == "doel ≥ 3,5"
    assert kpi_text({"metric": "csat_top2", "target": 70.0, "met": True}, "nl") == "doel ≥ 70% ✓"
    assert kpi_text({"metric": "ces_mean", "target": 5.25, "met": False}, "en") == "target ≥ 5.25 ✗"
