"""Output fingerprint, batching, ``n_process`` and streaming of the tagger (workbench.nlp).

No timing here: throughput is measured by ``benchmarks/tag.py``. The fingerprint pins what the
tagger outputs (``DOC_TAGS`` and ``TAGS``) on the development sets and on both demo studies, so
a speed change that alters any tag, and every cue edit, shows up. After an intended change of
cues or rules, regenerate the fingerprint and commit it with the change::

    PYTHONPATH=. python tests/test_nlp_speed.py --write
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import weakref
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # run as a script (``--write``)
    sys.path.insert(0, str(ROOT))

from workbench import load_study, schema  # noqa: E402
from workbench.nlp import make_pipeline, tag_documents, tag_texts  # noqa: E402
from workbench.nlp.evaluate import eval_dir, read_eval_file  # noqa: E402

FINGERPRINT = Path(__file__).parent / "fixtures" / "nlp" / "regression.json"
STUDIES = {"webshop-nl": ROOT / "surveys" / "webshop-nl", "saas-onboarding-en": ROOT / "surveys" / "saas-onboarding-en"}
DATASETS = ("dev-nl", "dev-en", *STUDIES)


def tagged(name: str, **kw) -> tuple[pd.DataFrame, pd.DataFrame]:
    """DOC_TAGS and TAGS of one fingerprinted data set."""
    if name.startswith("dev-"):
        lang = name[4:]
        dev = read_eval_file(eval_dir("dev") / f"{lang}.jsonl")
        return tag_texts(list(dev["text"]), lang=lang, ids=list(dev["id"]), return_tags=True, **kw)
    study = load_study(STUDIES[name])
    return tag_documents(study.documents(), study.language, study.phase_model, questions=study.questions, **kw)


def _cell(value) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):
        return f"{value:.9f}"  # scores and sentiments are rounded to 3 decimals: equal to 1e-9
    if hasattr(value, "item"):
        return value.item()
    return value


def _digest(frame: pd.DataFrame) -> str:
    rows = sorted(json.dumps([_cell(v) for v in row], ensure_ascii=False) for row in frame.itertuples(index=False))
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def fingerprint(doc_tags: pd.DataFrame, tags: pd.DataFrame) -> dict:
    """Row counts, counts per tag label and value, and hashes of the sorted rows of both frames."""
    counts = tags.groupby(["label", "value"], observed=True).size()
    return {
        "docs": len(doc_tags),
        "tags": len(tags),
        "doc_tags_sha256": _digest(doc_tags[list(schema.DOC_TAGS)]),
        "tags_sha256": _digest(tags[list(schema.TAGS)]),
        "per_value": {f"{label}:{value}": int(n) for (label, value), n in counts.items()},
    }


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(FINGERPRINT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DATASETS)
def test_output_matches_fingerprint(name, stored):
    got = fingerprint(*tagged(name))
    want = stored[name]
    # the counts first: they say which label changed; the hashes catch every other difference
    assert (got["docs"], got["tags"]) == (want["docs"], want["tags"])
    assert got["per_value"] == want["per_value"]
    assert got["doc_tags_sha256"] == want["doc_tags_sha256"], "DOC_TAGS changed (see the module docstring)"
    assert got["tags_sha256"] == want["tags_sha256"], "TAGS changed (see the module docstring)"


def test_n_process_and_batch_size_give_identical_output():
    one = tagged("dev-en", batch_size=7)
    two = tagged("dev-en", n_process=2, batch_size=64)
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_single_doc_call_equals_batch_pipe(lang):
    nlp = make_pipeline(lang)
    texts = list(read_eval_file(eval_dir("dev") / f"{lang}.jsonl")["text"])[:120]
    texts += ["", "   ", "?", "Ja.", "Ok!\n\nNee?"]
    piped = [(d._.journey_tags, d._.journey_sentiment, d._.journey_phase, d._.journey_sents)
             for d in nlp.pipe(texts, batch_size=16)]
    single = [(d._.journey_tags, d._.journey_sentiment, d._.journey_phase, d._.journey_sents)
              for d in map(nlp, texts)]
    assert piped == single
    doc = nlp(texts[0])
    assert [sp.start for sp in doc.spans["journey"]] == [t[0] for t in doc._.journey_tags]


def test_tagging_streams_docs(monkeypatch):
    """Rows are built as Docs come out of ``nlp.pipe``: no list of every Doc is kept."""
    _component_path(monkeypatch)
    nlp = make_pipeline("en", spans=False)  # the pipeline tag_texts uses
    make_doc = nlp.make_doc
    live: weakref.WeakSet = weakref.WeakSet()
    most = [0]

    def tracking_make_doc(text):
        doc = make_doc(text)
        live.add(doc)
        most[0] = max(most[0], len(live))
        return doc

    monkeypatch.setattr(nlp, "make_doc", tracking_make_doc)
    out = tag_texts([f"The delivery took ages, order {i}." for i in range(600)], lang="en", batch_size=50)
    assert len(out) == 600 and out["pain_point"].eq(1).all()
    assert 50 <= most[0] <= 5 * 50  # a few batches in flight at most, never the whole input


def test_fused_path_asks_spacy_once_per_distinct_word():
    """The fused path makes no Doc per text: spaCy's tokenizer is asked once per distinct word
    (kept for later batches), and texts it cannot compose word by word go to it whole."""

    nlp = make_pipeline("en", spans=False)
    tokenizer = nlp.tokenizer
    seen: list[str] = []

    class Tracking:  # the tokenizer, recording what it is asked
        def __getattr__(self, name):
            return getattr(tokenizer, name)

        def __call__(self, text):
            seen.append(text)
            return tokenizer(text)

    nlp.tokenizer = Tracking()
    try:
        texts = [f"The delivery took ages, order {i}." for i in range(600)] + ["Two  spaces took ages."]
        out = tag_texts(texts, lang="en", batch_size=50)
        first = list(seen)
        seen.clear()
        again = tag_texts(texts, lang="en", batch_size=50)
    finally:
        nlp.tokenizer = tokenizer
    assert len(out) == 601 and out["pain_point"].eq(1).all()
    pd.testing.assert_frame_equal(out, again)
    words = {w for t in texts[:600] for w in t.split(" ")}
    assert sorted(first) == sorted(words | {"Two", "spaces", "ages.", texts[600]})
    assert seen == [texts[600]]  # known words are not asked again; the double space goes whole


def _tokenizer_cases(lang: str) -> list[str]:
    import random

    texts = [t for t in read_eval_file(eval_dir("dev") / f"{lang}.jsonl")["text"]]
    texts += list(load_study(STUDIES["webshop-nl" if lang == "nl" else "saas-onboarding-en"]).documents()["text"])
    texts += [" leading space", "trailing  ", "\ttab\t", "a\n\nb", "zie https://x.nl/a?b=1.", "😀!!", "'s-Hertogenbosch",
              "e-mail: a@b.nl", "o.a. d.w.z. etc.", "(haakjes)", "\"quoted\"", "—", "x", "3,5 €", "\u00a0nbsp\u00a0",
              # special cases whose affix tokens meet across a space (spaCy's doc-level matcher)
              "bel A.u.b . terug", "ik dacht: o, nee", "blij : ) echt", "ok :-) top", "don't", "it 's", "Mr. Smith's trip",
              "3a.m. 10 p.m.", "z.s.m. , m.a.w.", "dubbel  spatie", "nbsp\u00a0midden"]
    random.Random(0).shuffle(texts)
    return texts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_word_tokenization_equals_one_doc_per_text(lang):
    """Composed word by word, texts get exactly the tokens (and offsets) of one Doc each, also
    with whitespace at their edges, newlines, URLs, emoji, special cases meeting across a space,
    in one batch or many, and with a word memory so small that it starts afresh every batch."""
    from spacy.attrs import IDX, LOWER, SPACY

    from workbench.nlp.fused import FusedTagger
    from workbench.nlp.words import WordTokenizer

    nlp = make_pipeline(lang, spans=False)
    texts = [t for t in _tokenizer_cases(lang) if t.strip()]
    texts[5:5] = ["", "  ", "x"]
    expected = [nlp.make_doc(t).to_array([LOWER, IDX, SPACY]) for t in texts]
    batch = FusedTagger.of(nlp).tokenize(texts)
    for k, text in enumerate(texts):
        lo, hi = batch.offsets[k], batch.offsets[k + 1]
        assert batch.low[lo:hi].tolist() == expected[k][:, 0].tolist(), text
        assert batch.idx[lo:hi].tolist() == expected[k][:, 1].tolist(), text
        assert batch.length[lo:hi].tolist() == [len(t) for t in nlp.make_doc(text)], text
    for size, max_words in ((7, 250_000), (40, 50)):
        words = WordTokenizer(nlp.tokenizer, max_words=max_words)
        rows = [words(texts[i:i + size])[0] for i in range(0, len(texts), size)]
        assert (np.concatenate(rows) == np.concatenate(expected)).all()
        assert len(words.ids) <= max(max_words, 2 * size * 200)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_words_known_by_their_hash_tokenize_as_spacy(lang, monkeypatch):
    """Words seen before are found by a hash of their characters, not their string: in other
    batches and another order the tokens are spaCy's; a new word among them, a word longer than
    MAX_HASHED, and every word once two words share a hash, are looked up by their string and
    come out the same."""
    from spacy.attrs import IDX, LOWER, SPACY

    from workbench.nlp import words as words_module
    from workbench.nlp.words import WordTokenizer

    nlp = make_pipeline(lang, spans=False)
    texts = [t for t in _tokenizer_cases(lang) if t.strip()]
    long_text = "een " + "x" * (words_module.MAX_HASHED + 1) + " woord"
    def check(tokenizer, batch: list[str]) -> None:
        expected = [nlp.make_doc(t).to_array([LOWER, IDX, SPACY]) for t in batch]
        rows, lens = tokenizer(batch)
        assert lens == [len(e) for e in expected]
        assert (rows == np.concatenate(expected)).all()

    words = WordTokenizer(nlp.tokenizer)
    check(words, [*texts, long_text])  # learns every word
    by_string = words.ids

    class NoStrings(dict):  # the string look-up is not asked for known words
        def __getitem__(self, word):
            raise AssertionError(word)

    words.ids = NoStrings()
    for size in (3, 40):
        for i in range(0, len(texts), size):
            check(words, texts[::-1][i:i + size])
    asked: list[str] = []

    class Recording(dict):  # a new word among known ones: only it is looked up by its string
        def get(self, word, default=None):
            asked.append(word)
            return super().get(word, default)

    words.ids = Recording(by_string)
    check(words, [texts[0] + " zzqx-nieuw", texts[1]])
    assert set(asked) == {"zzqx-nieuw"}
    check(words, [long_text, texts[0]])
    monkeypatch.setattr(words_module, "word_hashes", lambda units, starts, ends: np.zeros(len(starts), dtype=np.uint64))
    colliding = WordTokenizer(nlp.tokenizer)
    check(colliding, texts)
    assert not colliding._hashing and colliding._table is None
    check(colliding, texts[::-1])


def test_sorted_rank_equals_searchsorted():
    """The table look-up of the rules' positions answers as ``np.searchsorted`` does: sorted
    values with repeats, none at all, values at both ends, queries before, inside and past them."""
    from workbench.nlp.batch import SortedRank

    rng = np.random.default_rng(3)
    for n in (0, 1, 5, 50, 1000):
        for size in (0, 1, 3, n, 3 * n):
            values = np.sort(rng.integers(0, n + 1, size=size))
            if size > 1:
                values[0], values[-1] = 0, n
            x = rng.integers(-3, n + 4, size=200)
            rank = SortedRank(values, n)
            assert (rank.left(x) == np.searchsorted(values, x)).all()
            assert (rank.right(x) == np.searchsorted(values, x, side="right")).all()


def test_packed_lexsort_equals_numpy_lexsort():
    """The tag and cue order: integer keys packed into one argsort sort as ``np.lexsort`` does
    (ties in input order), and keys that do not pack (negative, too wide) still sort."""
    from workbench.nlp.batch import lexsort

    rng = np.random.default_rng(5)
    for size in (0, 1, 2, 7, 300):
        for width in (1, 2, 5, 1000):
            keys = [rng.integers(0, width, size=size) for _ in range(rng.integers(1, 5))]
            keys[0] = keys[0] > 0 if width == 2 else keys[0]  # a bool key among them
            assert (lexsort(keys) == np.lexsort(keys)).all()
    wide = [rng.integers(0, 2**40, size=50) for _ in range(2)]
    negative = [rng.integers(-3, 3, size=50), rng.integers(0, 3, size=50)]
    for keys in (wide, negative):
        assert (lexsort(keys) == np.lexsort(keys)).all()


def test_quick_contact_offer_check_misses_no_offer():
    """The pre-check that spares most need sentences the contact-offer rule passes every string
    the rule's verb pattern finds, and equals the plain ``\\b(?i:…)\\b`` form of its words (also
    for letters that match 'i' without case, and at the string's ends)."""
    from workbench.nlp import contact_offer as co

    plain = re.compile(r"(?i)\b(?:m(?:e|ij)|contact(?:ed)?|reached)\b")
    pieces = ["bel", "Bel", "me", "ME", "mij", "MİJ", "mıj", "contact", "Contacted", "reached", "reach", "met",
              "neem", "gerust", "op", "be", "call", "get in touch with", "mail", "e-mail", "x", "_", "7", ",", ":",
              "(", ".", "!", "-", "'"]
    rng = np.random.default_rng(11)
    for _ in range(4000):
        words = rng.choice(pieces, size=rng.integers(1, 7)).tolist()
        text = "".join(w + str(rng.choice(["", " ", " ", "  "])) for w in words)
        assert co.may_hold_offer(text) == bool(plain.search(text)), text
        if co._VERB_ME.search(text):
            assert co.may_hold_offer(text), text


def test_word_tokenizer_follows_tokenizer_changes():
    """A special case added to the tokenizer after words were kept is honoured at once."""
    import spacy
    from spacy.attrs import ORTH

    from workbench.nlp.words import WordTokenizer

    nlp = spacy.blank("nl")
    words = WordTokenizer(nlp.tokenizer)
    assert len(words(["bestelnr123 kwijt"])[0]) == 2
    nlp.tokenizer.add_special_case("bestelnr123", [{ORTH: "bestelnr"}, {ORTH: "123"}])
    rows, lens = words(["bestelnr123 kwijt"])
    assert lens == [3] and rows[:, 0].tolist() == nlp("bestelnr123 kwijt").to_array("LOWER").tolist()


def test_fused_path_with_a_custom_tokenizer():
    """A tokenizer put on ``nlp.tokenizer`` that is not spaCy's (here: split at spaces only, as
    in spaCy's documentation) is used as it is: the tokens are its own, the tags follow them."""
    from spacy.tokens import Doc

    from workbench.nlp.fused import FusedTagger

    nlp = make_pipeline("en", spans=False)
    original = nlp.tokenizer

    class WhitespaceTokenizer:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            words = text.split(" ")
            return Doc(self.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])

    texts = ["The delivery took ages , sadly .", "The delivery took ages, sadly."]
    nlp.tokenizer = WhitespaceTokenizer(nlp.vocab)
    try:
        batch = FusedTagger.of(nlp).tokenize(texts)
        out = tag_texts(texts, lang="en")
    finally:
        nlp.tokenizer = original
    assert batch.lens == [7, 5]
    assert batch.idx.tolist() == [0, 4, 13, 18, 23, 25, 31, 0, 4, 13, 18, 24]
    assert out["pain_point"].tolist() == [1, 0]  # "ages," is one token here: the cue "took ages" misses it


def test_progress_bar(capsys):
    out = tag_texts(["Het pakket is nooit aangekomen.", "", "Top service!"], lang="nl", progress=True)
    assert out["pain_point"].tolist() == [1, 0, 0]
    assert "tagging" in capsys.readouterr().err


def _component_path(monkeypatch) -> None:
    """Make ``tag_texts`` run ``nlp.pipe`` (the components one by one) instead of the fused path."""
    from workbench.nlp import tagger
    from workbench.nlp.fused import FusedTagger

    monkeypatch.setattr(tagger.FusedTagger, "supports", staticmethod(lambda nlp: False))
    assert FusedTagger.supports(make_pipeline("nl", spans=False)) is False


@pytest.mark.parametrize("name", ["dev-nl", "dev-en", "webshop-nl"])
def test_fused_path_equals_component_path(name, monkeypatch):
    fused = tagged(name, batch_size=64)
    _component_path(monkeypatch)
    piped = tagged(name, batch_size=64)
    pd.testing.assert_frame_equal(fused[0], piped[0])
    pd.testing.assert_frame_equal(fused[1], piped[1])


def test_long_sentences_count_like_short_ones(monkeypatch):
    """Sentences of 1024+ tokens use running counts per class instead of the packed sums."""
    dev = read_eval_file(eval_dir("dev") / "nl.jsonl")
    texts = [re.sub(r"[.!?…\n]+", ",", t) for t in dev["text"][:150]]
    long_text = " ".join(texts)  # one sentence, well over 1024 tokens
    short = tag_texts(texts, lang="nl", return_tags=True)
    whole = tag_texts([long_text], lang="nl", return_tags=True)
    assert len(make_pipeline("nl").make_doc(long_text)) > 1100
    _component_path(monkeypatch)
    assert whole[1]["label"].tolist() == tag_texts([long_text], lang="nl", return_tags=True)[1]["label"].tolist()
    assert len(whole[1]) and len(short[1])


def test_packed_counts_equal_running_counts(monkeypatch):
    from workbench.nlp.counts import RangeCounts, _Counter

    packed = tagged("dev-nl")
    monkeypatch.setattr(RangeCounts, "counter", lambda self, index, flags, span: _Counter(self, index, flags, False))
    running = tagged("dev-nl")
    pd.testing.assert_frame_equal(packed[1], running[1])
    pd.testing.assert_frame_equal(packed[0], running[0])


def test_separate_components_give_the_fused_tags():
    """A pipeline built component by component tags like tag_texts' fused path."""
    import spacy

    texts = list(read_eval_file(eval_dir("dev") / "en.jsonl")["text"])[:150]
    nlp = spacy.blank("en")
    for name in ("journey_sentencizer", "journey_cues", "journey_lexicon", "journey_negation", "journey_phase"):
        nlp.add_pipe(name)
    nlp.initialize()
    rows = [(i, row[2], row[3], row[5], row[6], row[7]) for i, doc in enumerate(nlp.pipe(texts, batch_size=32))
            for row in doc._.journey_tags]
    _, tags = tag_texts(texts, lang="en", return_tags=True)
    got = list(zip(tags["doc_id"].astype(int), tags["start_char"], tags["end_char"], tags["label"].astype(str),
                   tags["value"], tags["rule_id"], strict=True))
    assert got == rows


def _write() -> None:
    data = {name: fingerprint(*tagged(name)) for name in DATASETS}
    FINGERPRINT.parent.mkdir(parents=True, exist_ok=True)
    FINGERPRINT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FINGERPRINT.relative_to(ROOT)}: " + ", ".join(f"{k} {v['tags']} tags" for k, v in data.items()))


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    _write()
