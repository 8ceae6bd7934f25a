"""Planted identifiers in a copy of the Dutch demo never reach an output of ``workbench run``."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

DEMO = Path(__file__).parents[1] / "surveys" / "webshop-nl"
PLANTED = [", zei mijn buurvrouw Petra van Dijk (06-87654321, petra.vandijk@example.nl)",
           ", vertelde Jan de Vries van de Kerkstraat 12, 3512 AB",
           ", met IBAN NL20INGB0001234567 en BSN 944117715",
           ", met de auto 12-ABC-3 van mijn zoon Daan, geboren 14-02-1979"]
NEEDLES = ["Petra", "Dijk", "87654321", "example.nl", "Vries", "Kerkstraat", "3512 AB", "INGB0001234567",
           "944117715", "12-ABC-3", "Daan", "14-02-1979"]
#: Interview files named after their participant, as researchers often do: the name must not
#: reach an output through an evidence id, a sheet, a CSV, a load warning or a REFI source.
NAMED_FILES = {"P05.txt": "P05_fatima.txt", "P08.txt": "lotte-interview.txt"}
NAMES_ANY_CASE = ["fatima", "lotte"]


def _plant(path: Path) -> None:
    """Put an identifier into every sentence of every participant turn."""
    lines, n = [], 0
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"(\[[\d:]+\] )?(\w+): (.*)$", line)
        if m and m.group(2) not in ("Onderzoeker", "Interviewer"):
            def add(mm):
                nonlocal n
                n += 1
                return PLANTED[n % len(PLANTED)] + mm.group(0)
            line = (m.group(1) or "") + m.group(2) + ": " + re.sub(r"[.!?](?=\s|$)", add, m.group(3))
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _texts(out: Path) -> dict[str, str]:
    texts = {}
    for p in out.rglob("*"):
        if p.suffix in (".md", ".html", ".csv", ".svg", ".txt"):
            texts[p.name] = p.read_text("utf-8", errors="replace")
        elif p.suffix in (".xlsx", ".qdpx"):
            with zipfile.ZipFile(p) as z:
                texts[p.name] = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return texts


@pytest.mark.slow
def test_planted_identifiers_reach_no_output(tmp_path):
    if not DEMO.exists():
        pytest.skip("demo study missing")
    import matplotlib

    from workbench.coding import Store
    from workbench.coding.refi import export_qdpx
    from workbench.pipeline import map_study, run_study
    from workbench.study import load_study

    study_dir = tmp_path / "webshop-nl"
    shutil.copytree(DEMO, study_dir, ignore=shutil.ignore_patterns(".workbench"))
    for p in (study_dir / "interviews").glob("*.txt"):
        _plant(p)
    for old, new in NAMED_FILES.items():
        (study_dir / "interviews" / old).rename(study_dir / "interviews" / new)
    raw = "".join(p.read_text("utf-8") for p in (study_dir / "interviews").glob("*.txt"))
    assert all(n in raw for n in NEEDLES)
    out = tmp_path / "out"
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text in the SVGs stays searchable
        run_study(study_dir, out, progress=False, n_boot=5, all_formats=True)
        map_study(study_dir, tmp_path / "map")
    study = load_study(study_dir)
    with Store.open(study_dir) as st:
        export_qdpx(study, st, out / "scrubbed.qdpx", scrub=True)
    texts = _texts(out) | {f"map/{k}": v for k, v in _texts(tmp_path / "map").items()}
    assert {"journey_map.md", "journey_map.html", "journey_map.svg", "journey_map.xlsx", "personas.md",
            "personas.html", "tags.csv", "summary.md", "scrubbed.qdpx", "map/journey_map.md"} <= set(texts)
    leaks = {(name, n) for name, t in texts.items() for n in NEEDLES if n in t}
    leaks |= {(name, n) for name, t in texts.items() for n in NAMES_ANY_CASE if n in t.lower()}
    assert not leaks
    assert "P05#" in texts["tags.csv"]  # the evidence ids of the named files: their pseudonyms
    assert 'name="P05"' in texts["scrubbed.qdpx"] and 'name="P08"' in texts["scrubbed.qdpx"]
    # the planted sentences did reach the outputs, with placeholders in their place
    shown = texts["journey_map.md"] + texts["personas.md"] + texts["journey_map.html"]
    assert "[PERSOON-" in shown
    assert "[P02]" in texts["scrubbed.qdpx"]
