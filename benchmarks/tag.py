"""Throughput of the tagging pipeline against a bare spaCy tokenizer, same texts, same run.

The corpus is built from real, varied sentences: the documents of the demo studies
(``surveys/webshop-nl``, ``surveys/saas-onboarding-en``) and the development sets
(``workbench/data/dev/{nl,en}.jsonl``), split into sentences and sampled with a seed into texts
of realistic lengths: survey answers of 1–3 sentences and interview turns of up to ~150 tokens.

Prints, per language and corpus size, tokens/second of ``tag_texts`` (the full pipeline, the
DOC_TAGS and TAGS frames included) and of ``spacy.blank(lang).pipe`` (tokenizer only) on the
same texts, and their ratio (target: at least 0.4). Each figure is the best of ``--repeat``
interleaved runs (the two take turns, so a slow spell of a shared machine hits both); the
"first run" ratio is the very first run of each: a new ``spacy.blank`` against the tagger with
its word memory emptied (:mod:`workbench.nlp.words`; it pays for learning every word and the
special-case table once; the pipeline's vocabulary may know words from an earlier size). Then the share of each stage of the full run (``tag_texts``' fused path):
the tokenizer, reading the token arrays, every component's batch method and the rest of
``tag_texts`` (column values, frames, plumbing).

    python benchmarks/tag.py [--sizes 50000 250000] [--seed 0] [--repeat 5] [--n-process 1]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

import spacy

from workbench import load_study
from workbench.nlp import make_pipeline, tag_texts
from workbench.nlp.evaluate import eval_dir, read_eval_file

ROOT = Path(__file__).resolve().parents[1]
STUDIES = {"nl": ROOT / "surveys" / "webshop-nl", "en": ROOT / "surveys" / "saas-onboarding-en"}
SURVEY_SHARE = 0.6  # share of texts that are survey answers (the rest: interview turns)
_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentence_pool(lang: str) -> list[str]:
    """Distinct real sentences of a language: demo study documents plus the development set."""
    texts = list(load_study(STUDIES[lang]).documents()["text"].dropna())
    texts += list(read_eval_file(eval_dir("dev") / f"{lang}.jsonl")["text"])
    seen: dict[str, None] = {}
    for text in texts:
        for sent in _SPLIT.split(str(text)):
            if sent.strip():
                seen.setdefault(sent.strip(), None)
    return list(seen)


def corpus(lang: str, n_tokens: int, seed: int = 0) -> list[str]:
    """Texts sampled from the sentence pool until about ``n_tokens`` tokens.

    A survey answer has 1–3 sentences; an interview turn takes sentences until a length drawn
    from 15–150 tokens.
    """
    rng = random.Random(seed)
    pool = sentence_pool(lang)
    tok = spacy.blank(lang).tokenizer
    lengths = [len(tok(s)) for s in pool]
    texts, total = [], 0
    while total < n_tokens:
        if rng.random() < SURVEY_SHARE:
            picked = rng.sample(range(len(pool)), rng.randint(1, 3))
        else:
            goal, picked, size = rng.randint(15, 150), [], 0
            while size < goal:
                i = rng.randrange(len(pool))
                picked.append(i)
                size += lengths[i]
        texts.append(" ".join(pool[i] for i in picked))
        total += sum(lengths[i] for i in picked)
    return texts


def interleaved_best(repeat: int, fns: dict) -> dict[str, float]:
    """The shortest wall time of each function over ``repeat`` rounds, the functions taking
    turns within a round (so a slow spell of this shared machine hits both alike)."""
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def measure(lang: str, texts: list[str], repeat: int, n_process: int, batch_size: int = 1000) -> dict[str, float]:
    """Tokens/s of the full tagging and of the bare tokenizer on ``texts``: on the first run
    (``cold``: a new ``spacy.blank`` and the tagger's word memory emptied) and the best of
    ``repeat`` interleaved runs after it; and the token count."""
    from workbench.nlp.fused import FusedTagger

    blank = spacy.blank(lang)
    nlp = make_pipeline(lang, spans=False)  # build outside the timing (tag_texts uses this one)
    n_tokens = sum(len(doc) for doc in spacy.blank(lang).pipe(texts))
    FusedTagger.of(nlp)._word_tokenizer = None
    blank_run = lambda items: sum(1 for _ in blank.pipe(items, batch_size=256))  # noqa: E731
    full_run = lambda items: tag_texts(items, lang=lang, return_tags=True, n_process=n_process,  # noqa: E731
                                       batch_size=batch_size)
    cold = interleaved_best(1, {"bare": lambda: blank_run(texts), "full": lambda: full_run(texts)})
    best = interleaved_best(repeat, {"bare": lambda: blank_run(texts), "full": lambda: full_run(texts)})
    return {"tokens": n_tokens, "cold_full": n_tokens / cold["full"], "cold_bare": n_tokens / cold["bare"],
            "full": n_tokens / best["full"], "bare": n_tokens / best["bare"]}


def shares(lang: str, texts: list[str], repeat: int, batch_size: int = 1000) -> dict[str, float]:
    """Seconds per stage of a tagging run (the fused path of ``tag_texts``).

    The tokenizer with reading the token arrays (``FusedTagger.tokenize``: a few texts per
    string, see :mod:`workbench.nlp.fused`), the shared word look-up, each component's batch
    method, and the rest of ``tag_texts`` (column values, frames, plumbing), each timed inside
    real runs; best of ``repeat``.
    """
    from workbench.nlp import fused as fused_module

    nlp = make_pipeline(lang, spans=False)  # the pipeline tag_texts runs
    tagger = fused_module.FusedTagger.of(nlp)
    spent: dict[str, float] = {}
    patched = []

    def timed(owner, attr: str, name: str) -> None:
        original = getattr(owner, attr)

        def run(*args, **kwargs):
            t0 = time.perf_counter()
            out = original(*args, **kwargs)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0
            return out

        patched.append((owner, attr, original, attr in vars(owner)))
        setattr(owner, attr, run)

    timed(nlp, "make_doc", "tokenizer + arrays")  # when a component needs the Docs
    timed(tagger, "tokenize", "tokenizer + arrays")
    timed(tagger._words(), "fill", "word look-up")
    timed(tagger.sentencizer, "find_sentences", "journey_sentencizer")
    timed(tagger.cues, "find_batch", "journey_cues")
    timed(tagger.lexicon, "merge", "journey_lexicon")
    timed(tagger.negation, "resolve_batch", "journey_negation")
    timed(tagger.phase, "touch_evidence", "journey_phase")
    timed(tagger.phase, "score_batch", "journey_phase")
    from workbench.nlp import fused as fused_module2
    timed(fused_module2, "evidence_texts", "evidence strings")
    best: dict[str, float] = {}
    totals = []
    try:
        for _ in range(repeat):
            spent.clear()
            t0 = time.perf_counter()
            tag_texts(texts, lang=lang, return_tags=True, batch_size=batch_size)
            totals.append(time.perf_counter() - t0)
            for name, seconds in spent.items():
                best[name] = min(best.get(name, seconds), seconds)
    finally:
        for owner, attr, original, own in reversed(patched):
            if own:
                setattr(owner, attr, original)
            else:
                delattr(owner, attr)
    best["rest of tag_texts"] = max(min(totals) - sum(best.values()), 0.0)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 250_000])
    parser.add_argument("--langs", nargs="+", default=["nl", "en"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--no-shares", action="store_true", help="skip the per-stage breakdown")
    args = parser.parse_args(argv)
    print("pipeline: workbench.tag_texts (fused path); tokenizer: spacy.blank(lang).pipe, a Doc per text")
    print(f"best of {args.repeat} interleaved runs; 'first run': a fresh spacy.blank and the tagger's word memory emptied")
    print(f"{'lang':<5}{'tokens':>9}{'texts':>7}{'pipeline tok/s':>16}{'tokenizer tok/s':>17}{'ratio':>8}"
          f"{'first run ratio':>17}")
    corpora = {}
    for lang in args.langs:
        for size in args.sizes:
            texts = corpora[lang, size] = corpus(lang, size, args.seed)
            m = measure(lang, texts, args.repeat, args.n_process, args.batch_size)
            print(f"{lang:<5}{m['tokens']:>9}{len(texts):>7}{m['full']:>16,.0f}{m['bare']:>17,.0f}"
                  f"{m['full'] / m['bare']:>8.2f}{m['cold_full'] / m['cold_bare']:>17.2f}", flush=True)
    if args.no_shares:
        return
    for lang in args.langs:
        texts = corpora[lang, args.sizes[0]]
        n = sum(len(nlp_doc) for nlp_doc in spacy.blank(lang).pipe(texts))
        parts = shares(lang, texts, args.repeat, args.batch_size)
        total = sum(parts.values())
        print(f"\nstages, {lang}, {n} tokens: {total * 1e6 / n:.2f} µs/token")
        for name, seconds in parts.items():
            print(f"  {name:<22}{seconds * 1e6 / n:>8.2f} µs/token{100 * seconds / total:>7.1f} %")


if __name__ == "__main__":
    main()
