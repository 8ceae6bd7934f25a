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


def report_text(study) -> str:
    """The info of a loaded study as text (what ``workbench info`` prints)."""
    tables = study.info()
    out = [f"{study.name}  ({study.path})", "", tables["overall"].to_string(index=False, header=False)]
    report = tables["load_report"]
    if len(report):
        shown = report.drop(columns=[c for c in ("respondents", "questions") if not report[c].any()]
                            + ([] if report["turns"].any() else ["turns", "speakers"]))
        out += ["", "Load report (one row per file)", _table(shown)]
    if study.warnings:
        out += ["", f"Warnings ({len(study.warnings)})"] + [f"  - {w}" for w in study.warnings]
    if len(tables["participants"]):
        out += ["", "Participants (turns and words per role; linked survey respondent)",
                _table(tables["participants"])]
    if len(study.questions):
        out += ["", "Survey questions per kind", tables["question_kinds"].to_string(index=False),
                "", "Questions (kind; phase and metric from study.toml or detection; override a kind with "
                '[survey.questions] Q1 = { kind = "open" } in study.toml)', _table(tables["questions"])]
    attributes = [c for c in study.respondents.columns if c not in schema.RESPONDENTS]
    if attributes:
        out += ["", "Respondent columns read as attributes, not questions (a question with "
                '[survey.questions] ID = { role = "…" } or a kind)', "  " + ", ".join(map(str, attributes))]
    out += ["", f"Phases of phase model '{study.phase_model.id}'", _table(tables["phases"])]
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
