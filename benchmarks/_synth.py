"""Synthetic studies of any size for the benchmarks (seeded; realistic shapes, not realistic prose)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

WORDS_NL = (
    "ik de het een en dat was niet op met voor bestelling bezorging website levering pakket "
    "klantenservice betalen retour prijs snel lastig fijn duidelijk gezocht vergeleken reviews "
    "besteld afrekenen kortingscode nieuwsbrief instagram google zou graag willen jammer echt heel "
    "goed slecht teleurgesteld blij kapot kwam dagen later gebeld mail chat winkel bank stoel lamp"
).split()
LIKERT = ["Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"]
AGREE = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def _sentence(rng, n_words: int) -> str:
    words = rng.choice(WORDS_NL, size=n_words)
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def write_transcripts(folder: Path, n_files: int, words_per_file: int, seed: int = 0) -> int:
    """Write ``n_files`` .txt interviews of about ``words_per_file`` words; returns the word count."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n_files):
        lines, words = [], 0
        minute = 0
        while words < words_per_file:
            q = _sentence(rng, int(rng.integers(6, 12)))[:-1] + "?"
            a = " ".join(_sentence(rng, int(rng.integers(8, 20))) for _ in range(int(rng.integers(1, 5))))
            minute += 1
            lines.append(f"[00:{minute % 60:02d}:{i % 60:02d}] Interviewer: {q}")
            lines.append(f"[00:{minute % 60:02d}:{(i + 30) % 60:02d}] Deelnemer{i}: {a}")
            lines.append("")
            words += len(q.split()) + len(a.split())
        (folder / f"S{i:05d}.txt").write_text("\n".join(lines), encoding="utf-8")
        total += words
    return total


def write_survey(path: Path, n_respondents: int, n_questions: int = 40, seed: int = 0) -> None:
    """Write a Qualtrics-layout CSV: metadata, Likert, NPS, choice and open questions."""
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    kinds = (["likert"] * 20 + ["agree"] * 8 + ["nps"] + ["choice"] * 5 + ["open"] * 5 + ["numeric"])
    kinds = (kinds * (n_questions // len(kinds) + 1))[:n_questions]
    ids = ["StartDate", "EndDate", "Progress", "Duration (in seconds)", "Finished", "ResponseId"]
    texts = ["Start Date", "End Date", "Progress", "Duration (in seconds)", "Finished", "Response ID"]
    imports = ['{"ImportId":"startDate"}', '{"ImportId":"endDate"}', '{"ImportId":"progress"}',
               '{"ImportId":"duration"}', '{"ImportId":"finished"}', '{"ImportId":"_recordId"}']
    for j, kind in enumerate(kinds, start=1):
        ids.append(f"Q{j}")
        texts.append({
            "likert": f"Hoe tevreden bent u over onderdeel {j}?",
            "agree": f"Stelling {j}: ik let vooral op de prijs.",
            "nps": "Hoe waarschijnlijk is het dat u ons zou aanbevelen aan vrienden of familie?",
            "choice": f"Welke optie past het best bij u ({j})?",
            "open": f"Wat wilt u ons nog meegeven over onderdeel {j}?",
            "numeric": "Hoeveel euro heeft u besteed?",
        }[kind])
        imports.append(f'{{"ImportId":"QID{j}"}}')
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerows([ids, texts, imports])
        choices = ["Instagram", "Google", "Vrienden", "Televisie", "Nieuwsbrief"]
        for r in range(n_respondents):
            row = ["2026-03-01 10:00:00", "2026-03-01 10:09:00", "100", str(int(rng.integers(120, 900))), "True",
                   f"R_{r:08d}"]
            for kind in kinds:
                if kind == "likert":
                    row.append(LIKERT[int(rng.integers(0, 5))])
                elif kind == "agree":
                    row.append(AGREE[int(rng.integers(0, 5))])
                elif kind == "nps":
                    row.append(str(int(rng.integers(0, 11))))
                elif kind == "choice":
                    row.append(choices[int(rng.integers(0, 5))])
                elif kind == "open":
                    row.append(_sentence(rng, int(rng.integers(5, 25))) if rng.random() < 0.5 else "")
                else:
                    row.append(f"{rng.gamma(2.0, 60.0):.2f}")
            out.writerow(row)


def write_study(folder: Path, *, n_files: int, words_per_file: int, n_respondents: int,
                n_questions: int = 40, seed: int = 0) -> int:
    """A complete synthetic study folder; returns the number of transcript words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = write_transcripts(folder / "interviews", n_files, words_per_file, seed) if n_files else 0
    write_survey(folder / "survey" / "export.csv", n_respondents, n_questions, seed)
    (folder / "study.toml").write_text(
        'name = "Synthetic benchmark study"\nlanguage = "nl"\nphase_model = "klassiek-5"\n'
        + ('[transcripts]\npaths = ["interviews/*.txt"]\ninterviewer = ["Interviewer"]\n' if n_files else "")
        + '[survey]\npaths = ["survey/*.csv"]\n',
        encoding="utf-8",
    )
    return words
