"""Regression corpus: every hostile case that ever failed (tests/fixtures/hostile/<kind>/), held to
the rule of the fuzz suite — loads or raises a WorkbenchError — and to the outcome pinned in
``EXPECT.toml`` (a broken funnel must be refused, a table with trailing delimiters must load)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).parent))
from hostile_inputs import READERS, outcome  # noqa: E402

CORPUS = Path(__file__).parent / "fixtures" / "hostile"
EXPECT = tomllib.loads((CORPUS / "EXPECT.toml").read_text(encoding="utf-8"))


def _cases():
    for kind in sorted(READERS):
        for path in sorted((CORPUS / kind).glob("*")) if (CORPUS / kind).is_dir() else []:
            key = f"{kind}/{path.name}"
            spec = EXPECT.get(key, {})
            marks = [pytest.mark.xfail(reason=spec["xfail"], strict=False)] if "xfail" in spec else []
            yield pytest.param(kind, path, spec.get("expect"), id=key, marks=marks)


def test_corpus_is_not_empty():
    assert len(list(_cases())) >= 20
    unknown = [k for k in EXPECT if not (CORPUS / k).is_file()]
    assert not unknown, f"EXPECT.toml names cases that are not in the corpus: {unknown}"


@pytest.mark.parametrize("kind, path, expect", list(_cases()))
def test_corpus_case(kind, path, expect, tmp_path):
    target = tmp_path / ("study.toml" if kind == "study_toml" else path.name)
    shutil.copyfile(path, target)
    got = outcome(lambda: READERS[kind](target))
    if expect is not None:
        assert got == expect
