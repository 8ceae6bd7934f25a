"""Commit rate of the study store (one transaction per decision, synchronous=FULL vs NORMAL) and
the latency of a review-widget click on a study of 400 documents / 1200 suggestions.

Run: python benchmarks/store_commits.py [n]   (prints figures; no assertions)
"""

from __future__ import annotations

import sys
import tempfile
import time

from workbench.coding import Store


def rate(n: int, synchronous: str) -> float:
    with tempfile.TemporaryDirectory() as study, Store.open(study) as store:
        store.conn.execute(f"PRAGMA synchronous={synchronous}")
        t0 = time.perf_counter()
        for i in range(n):
            store.decide(f"P01#{i:04d}", 0, 5, "pain_point", "accepted", "anna")
        return n / (time.perf_counter() - t0)


def widget_click_ms(n_docs: int = 400, per_doc: int = 3) -> float:
    import pandas as pd

    from workbench.coding import ReviewWidget

    text = "Het was te duur en het pakket werd laat bezorgd, jammer."
    docs = pd.DataFrame({"doc_id": [f"P{i:03d}#001" for i in range(n_docs)], "text": text})
    tags = pd.DataFrame(
        [
            {
                "doc_id": d,
                "start_char": 3 * k,
                "end_char": 3 * k + 2,
                "label": "pain_point",
                "score": 0.5 + k / 10,
            }
            for d in docs["doc_id"]
            for k in range(per_doc)
        ]
    )
    with tempfile.TemporaryDirectory() as study, Store.open(study) as store:
        rw = ReviewWidget(docs, tags, store, coder="anna")
        t0 = time.perf_counter()
        clicks = 0
        for _ in range(30):
            rw.accept_button.click()
            rw.next_button.click()
            clicks += 2
        return (time.perf_counter() - t0) / clicks * 1000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    for mode in ("FULL", "NORMAL"):
        r = rate(n, mode)
        print(
            f"synchronous={mode:<6} {r:8.0f} decisions/s  ({1000 / r:.2f} ms per committed decision, n={n})"
        )
    with tempfile.TemporaryDirectory() as study, Store.open(study) as store:
        for i in range(n):
            store.decide(f"P01#{i:04d}", 0, 5, "pain_point", "accepted", "anna")
        t0 = time.perf_counter()
        for _ in range(20):
            store.suggestion_decisions("anna")
        print(f"suggestion_decisions() with {n} decisions: {(time.perf_counter() - t0) / 20 * 1000:.2f} ms")
    print(
        f"review widget, 400 docs / 1200 suggestions: {widget_click_ms():.1f} ms per click (accept or next)"
    )


if __name__ == "__main__":
    main()
