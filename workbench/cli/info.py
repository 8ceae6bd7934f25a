"""``workbench info STUDY``: what a study folder holds (counts per source, participant, question kind)."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "info",
        help="summarise a study: sources, participants, questions, language",
        description="Load a study folder and print counts per source, participant and question kind.",
    )
    p.add_argument("study", help="study folder (with study.toml) or the study.toml file")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..study import load_study

    study = load_study(args.study)
    tables = study.info()
    print(f"{study.name}  ({study.path})")
    print()
    print(tables["overall"].to_string(index=False, header=False))
    for warning in study.warnings:
        print(f"warning: {warning}")
    if len(tables["sources"]):
        print("\nTranscripts")
        print(tables["sources"].to_string(index=False))
    if len(tables["participants"]):
        print("\nParticipants (turns and words per role; linked survey respondent)")
        print(tables["participants"].fillna("").to_string(index=False))
    if len(study.questions):
        print("\nSurvey questions per kind")
        print(tables["question_kinds"].to_string(index=False))
    return 0
