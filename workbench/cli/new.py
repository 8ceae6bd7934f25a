"""``workbench new PATH``: scaffold a study folder with a commented study.toml."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser(
        "new",
        help="create a study folder with a commented study.toml",
        description="Create PATH with study.toml, interviews/ and survey/; edit study.toml, add files, "
        "then run `workbench info PATH`.",
    )
    p.add_argument("path", help="the new study folder")
    p.add_argument("--name", help="study name (default: the folder name)")
    p.add_argument("--lang", default="nl", choices=["nl", "en"], help="language of the study (default nl)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..study import new_study

    toml = new_study(args.path, name=args.name, language=args.lang)
    print(f"created {toml}")
    print("next: put transcripts in interviews/ and survey exports in survey/, edit study.toml,")
    print(f"then run: workbench info {args.path}")
    return 0
