"""Property-based fuzzing of every reader: it loads the input or raises a WorkbenchError.

Hypothesis builds inputs near real files (see ``tests/hostile_inputs.py``) for the transcript
and survey readers, ``study.toml``, ``funnel.csv``, codebook CSV and ``.qdc``, ``.qdpx`` and the
CSV/XLSX tables the CLI reads. Any other exception — a traceback a researcher would see — fails
the test, and Hypothesis shrinks it to a small example.

CI runs the ``ci`` profile: derandomized (the same examples every run) and a bounded number of
examples per reader, so the suite takes a few minutes at most. For a longer hunt:
``HYPOTHESIS_PROFILE=hunt pytest tests/test_hostile_fuzz.py`` (random, many more examples);
``WB_HOSTILE_SAVE=1`` also writes every crashing input into ``tests/fixtures/hostile/<kind>/`` so
it becomes a regression case (``tests/test_hostile_corpus.py``).

A hang would show as an example that does not finish: a 120 s alarm turns it into a failure
instead of a stuck CI job. Speed itself is measured in ``benchmarks/hostile.py``, not here.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).parent))
from hostile_inputs import READERS, STRATEGIES, outcome, write_case  # noqa: E402

CORPUS = Path(__file__).parent / "fixtures" / "hostile"

settings.register_profile("ci", max_examples=int(os.environ.get("WB_FUZZ_EXAMPLES", "40")), derandomize=True,
                          deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
settings.register_profile("hunt", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class Hang(Exception):
    pass


#: Crashes whose fix is another issue's work (routed by the coordinator): (kind, exception,
#: module where it is raised) -> reason. A matching crash marks the test xfail with the reason
#: instead of failing CI; its inputs are in the corpus (tests/fixtures/hostile/EXPECT.toml).
KNOWN: dict[tuple[str, str, str], str] = {}  # none open: issues 15 and 17 fixed theirs


def _known(kind: str, exc: BaseException) -> str | None:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = Path(frames[-1].filename).name if frames else ""
    return KNOWN.get((kind, type(exc).__name__, where))


def _alarm(signum, frame):
    raise Hang("a reader did not finish within 120 s")


def check(kind: str, suffix: str, data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_case(Path(tmp), kind, suffix, data)
        old = signal.signal(signal.SIGALRM, _alarm) if hasattr(signal, "SIGALRM") else None
        if old is not None:
            signal.alarm(120)
        try:
            return outcome(lambda: READERS[kind](path))
        except Exception as exc:
            reason = _known(kind, exc)
            if reason and not os.environ.get("WB_HOSTILE_SAVE"):
                pytest.xfail(reason)
            if os.environ.get("WB_HOSTILE_SAVE"):
                folder = CORPUS / kind
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"found-{hashlib.sha1(data).hexdigest()[:10]}{suffix}").write_bytes(data)
            raise
        finally:
            if old is not None:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, old)


def _fuzz(kind: str):
    @PROFILE
    @given(case=STRATEGIES[kind])
    def test(case):
        suffix, data = case
        check(kind, suffix, data)

    test.__name__ = f"test_fuzz_{kind}"
    return test


test_fuzz_transcripts = _fuzz("transcripts")
test_fuzz_surveys = _fuzz("surveys")
test_fuzz_study_toml = _fuzz("study_toml")
test_fuzz_funnel = _fuzz("funnel")
test_fuzz_codebook_csv = _fuzz("codebook_csv")
test_fuzz_qdc = _fuzz("qdc")
test_fuzz_qdpx = _fuzz("qdpx")
test_fuzz_tables = _fuzz("tables")


def test_the_rule_tells_a_crash_from_a_clear_error():
    from workbench.errors import FormatError

    assert outcome(lambda: None) == "loaded"
    assert outcome(lambda: (_ for _ in ()).throw(FormatError("bad", path="x.csv"))) == "error"
    with pytest.raises(ZeroDivisionError):
        outcome(lambda: 1 / 0)
