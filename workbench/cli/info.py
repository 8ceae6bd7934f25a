"""``workbench info STUDY``: what a study folder holds, and how each file was read.

Prints the overall figures, the load report (per file: detected format and layout, encoding,
speakers with role and turns, respondents, questions, warnings), every warning, the turns per
participant, the survey questions with their kind, phase and metric, and the phases of the
study's phase model.
"""

from __future__ import annotations

import os
import sys

import pandas as pd

from .. import schema
from ..io._local import DUTCH, local_frame


def add_parser(sub) -> None:
    p = sub.add_parser(
        "info",
        help="summarise a study and how each file was read (the load report)",
        description="Load a study folder and print its figures, the load report (per file: format, encoding, "
        "speakers with role and turns, respondents, warnings), the questions with kind, phase and metric, "
        "and the phases of its phase model.",
    )
    p.add_argument("study", help="study folder (with study.toml) or the study.toml file")
    p.set_defaults(func=run)


def _table(frame: pd.DataFrame) -> str:
    with pd.option_context("display.width", 200, "display.max_colwidth", 120, "display.max_rows", 10_000):
        # as text first: filling a categorical column with "" fails on older pandas
        return frame.astype(object).where(frame.notna(), "").to_string(index=False)


#: Every word ``workbench info`` writes, per language (the study's): headings, column names and
#: the values that are words (kinds, roles, layouts); ids, file names and the study's own texts
#: are shown as they are.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "load_report": "Load report (one row per file)",
        "warnings": "Warnings ({n})",
        "participants": "Participants (turns and words per role; linked survey respondent)",
        "kinds": "Survey questions per kind",
        "questions": "Questions (kind; phase and metric from study.toml or detection; override a kind with "
                     '[survey.questions] Q1 = { kind = "open" } in study.toml)',
        "attributes": "Respondent columns read as attributes, not questions (a question with "
                      '[survey.questions] ID = { role = "…" } or a kind)',
        "phases": "Phases of phase model '{model}' (give a question a phase by its id or name)",
    },
    "nl": {
        "load_report": "Inleesverslag (één rij per bestand)",
        "warnings": "Waarschuwingen ({n})",
        "participants": "Deelnemers (beurten en woorden per rol; gekoppelde respondent van de enquête)",
        "kinds": "Enquêtevragen per soort",
        "questions": "Vragen (soort; fase en metriek uit study.toml of herkend; geef een vraag een andere soort met "
                     '[survey.questions] Q1 = { kind = "open" } in study.toml)',
        "attributes": "Kolommen van respondenten gelezen als kenmerk, niet als vraag (maak er een vraag van met "
                      '[survey.questions] ID = { role = "…" } of met een kind)',
        "phases": "Fasen van fasemodel '{model}' (geef een vraag een fase met het id of de naam)",
    },
}
def report_text(study) -> str:
    """The info of a loaded study as text (what ``workbench info`` prints), in the study's language."""
    lang = study.language if study.language in TEXTS else "en"
    t = TEXTS[lang]
    tables = study.info()
    overall = tables["overall"].copy()
    overall["figure"] = overall["figure"].map(lambda v: DUTCH.get(v, v) if lang == "nl" else v)
    out = [f"{study.name}  ({study.path})", "", overall.to_string(index=False, header=False)]
    report = tables["load_report"]
    if len(report):
        shown = report.drop(columns=[c for c in ("respondents", "questions") if not report[c].any()]
                            + ([] if report["turns"].any() else ["turns", "speakers"]))
        out += ["", t["load_report"], _table(local_frame(shown, lang, ("kind", "layout", "speakers")))]
    if study.warnings:
        out += ["", t["warnings"].format(n=len(study.warnings))] + [f"  - {w}" for w in study.warnings]
    if len(tables["participants"]):
        out += ["", t["participants"], _table(local_frame(tables["participants"], lang))]
    if len(study.questions):
        questions = tables["questions"].copy()
        model = study.phase_model
        questions["phase"] = questions["phase"].astype(object).map(
            lambda p: model.label(p, lang) if isinstance(p, str) and p in model.ids else p)
        kinds = local_frame(tables["question_kinds"], lang, ("kind",))
        out += ["", t["kinds"], kinds.to_string(index=False),
                "", t["questions"], _table(local_frame(questions, lang, ("kind",)))]
    attributes = [c for c in study.respondents.columns if c not in schema.RESPONDENTS]
    if attributes:
        out += ["", t["attributes"], "  " + ", ".join(map(str, attributes))]
    phases = tables["phases"].rename(columns={"phase": "id"})
    out += ["", t["phases"].format(model=study.phase_model.id), _table(local_frame(phases, lang))]
    return "\n".join(out)


def run(args) -> int:
    from ..study import load_study

    study = load_study(args.study)
    try:
        print(report_text(study))
        sys.stdout.flush()
    except BrokenPipeError:  # `workbench info S | head`: the reader has gone, end quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0
