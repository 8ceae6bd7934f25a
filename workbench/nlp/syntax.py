"""Part of speech and dependency parses for theme and action phrases.

The workbench needs to know, in a pain or need sentence, which words form the noun phrase it is
about ("de kortingscode", "a filter on price") and which the verb and its object ("belde de
klantenservice"). That takes a part-of-speech tagger and a dependency parser:

* an official spaCy pipeline when one is installed (``nl_core_news_sm``, ``en_core_web_sm`` or
  the one a study names), or else
* the small UD model shipped in ``workbench/data/models/{nl,en}_ud`` (CC BY-SA 4.0, trained by
  :mod:`workbench.nlp.train_ud` on Universal Dependencies treebanks; see the README there).

Both give ``token.pos_`` (UPOS), ``token.dep_`` and ``token.head``; lemmas come from the
pipeline's lemmatizer, else from spaCy's rule lemmatizer with spacy-lookups-data's tables. Parsing costs about a
millisecond per sentence, so the workbench parses only the sentences it needs (the evidence
sentences of a map, the selected sentences of a text column), never a whole study.

>>> docs = parse(["De kortingscode werkte niet."], "nl")
>>> [(t.text, t.pos_) for t in docs[0]][:3]
[('De', 'DET'), ('kortingscode', 'NOUN'), ('werkte', 'VERB')]
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import DEP, HEAD, POS, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from ..errors import ModelError
from .resources import lemma_table

__all__ = ["OFFICIAL", "MODEL_DIR", "syntax_pipeline", "parse", "lemma", "model_name"]

#: The official spaCy pipelines used when installed.
OFFICIAL = {"nl": "nl_core_news_sm", "en": "en_core_web_sm"}
#: Where the shipped UD models live.
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"


@registry.tokenizers("workbench.light_tokenizer.v1")
def light_tokenizer():
    """spaCy's tokenizer for the language with its prefix, suffix and infix rules and only the
    special cases with an apostrophe ("didn't" -> "did", "n't"; "zo'n"), not the thousands of
    abbreviations: built in milliseconds instead of seconds. A hyphen between letters does not
    split a word ("e-mail", "co2-neutrale", "sign-up" stay whole, as the UD treebanks write
    them), so a label never holds half a word."""

    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        rules = {k: v for k, v in (d.tokenizer_exceptions or {}).items() if "'" in k or "’" in k}
        infixes = [r for r in (d.infixes or ()) if not _splits_hyphenated(r)]
        return Tokenizer(
            nlp.vocab, rules=rules,
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=d.token_match, url_match=d.url_match)

    return make


def _splits_hyphenated(pattern: str) -> bool:
    """Whether an infix rule splits a hyphenated word ("e-mail", "co2-neutral") at its hyphen."""
    import re

    try:
        rx = re.compile(pattern)
    except re.error:
        return False
    return any(m.group(0) == "-" for word in ("e-mail", "co2-neutral") for m in rx.finditer(word))


def model_name(lang: str, pipeline: str | None = None) -> str:
    """The pipeline :func:`syntax_pipeline` uses for ``lang``: ``pipeline`` or the official one
    when installed, else the shipped ``{lang}_ud`` model."""
    for name in (pipeline, OFFICIAL.get(lang)):
        if name and spacy.util.is_package(name):
            return name
    return f"{lang}_ud"


@lru_cache(maxsize=4)
def syntax_pipeline(lang: str, pipeline: str | None = None) -> Language:
    """The tagger + parser for ``lang`` (built once per process); see the module doc."""
    name = model_name(lang, pipeline)
    if name != f"{lang}_ud":
        nlp = spacy.load(name, exclude=["ner", "textcat", "textcat_multilabel", "senter"])
    else:
        path = MODEL_DIR / name
        if not (path / "config.cfg").exists():
            raise ModelError(f"no part-of-speech model for '{lang}' (looked in {path})", key="lang",
                             hint="Reinstall journey-workbench, or install spaCy's "
                                  f"{OFFICIAL.get(lang, 'pipeline')} (python -m spacy download …).")
        # the language's punctuation rules without its thousands of abbreviation exceptions:
        # building those takes seconds, and the sentences we parse rarely need them
        nlp = spacy.load(path, config={"nlp": {"tokenizer": {"@tokenizers": "workbench.light_tokenizer.v1"}}},
                         exclude=["tokenizer"])
    if "lemmatizer" not in nlp.pipe_names and "trainable_lemmatizer" not in nlp.pipe_names:
        # spaCy's rule lemmatizer reads the parts of speech ('gezien' -> 'zien'); its tables come
        # from spacy-lookups-data (a second or a few to load, once per process). It runs only on
        # the words whose lemma is asked for (see lemma()), not on every token.
        nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize()
        nlp.disable_pipe("lemmatizer")
    return nlp


_LEMMAS: dict[tuple, str] = {}


def lemma(token) -> str:
    """The token's lemma in lower case: the pipeline's when it set one, else spaCy's rule
    lemmatizer's for its word and part of speech (cached), else the lower-cased word."""
    if token.lemma_:
        return token.lemma_.lower()
    key = (token.doc.lang_, token.text, token.pos_)
    hit = _LEMMAS.get(key)
    if hit is None:
        hit = token.lower_
        lem = _disabled_lemmatizer(token.doc.lang_)
        if lem is not None:
            try:
                hit = (lem.rule_lemmatize(token) or [hit])[0].lower()
            except (KeyError, ValueError):  # a table the language lacks
                hit = lemma_table(token.doc.lang_).get(token.lower_, hit).lower()
        _LEMMAS[key] = hit
    return hit


def _disabled_lemmatizer(lang: str):
    for nlp in (syntax_pipeline(lang, p) for p in (None,)):
        if "lemmatizer" in nlp.disabled:
            return nlp.get_pipe("lemmatizer")
    return None


_PARSED: dict[tuple, Doc] = {}


def _lower_start(text: str) -> str:
    """The text with a capitalised first word in lower case ("Prima, maar" -> "prima, maar"): a
    small model tags sentence-initial capitals as names; offsets stay the same."""
    i = len(text) - len(text.lstrip())
    if text[i:i + 1].isupper() and text[i + 1:i + 2].islower():
        return text[:i] + text[i].lower() + text[i + 1:]
    return text
MAX_CACHED = 50_000


def _with_text(doc: Doc, text: str) -> Doc:
    """The parse of a case-changed copy of ``text`` on a Doc of ``text`` itself (same offsets)."""
    words = [text[t.idx:t.idx + len(t.text)] for t in doc]
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    attrs = [POS, HEAD, DEP, SENT_START]
    out.from_array(attrs, doc.to_array(attrs))
    return out


def parse(texts: Iterable[str], lang: str, *, pipeline: str | None = None, batch_size: int = 256) -> list[Doc]:
    """Parsed Docs of ``texts`` (sentences, ideally) with the pipeline of :func:`syntax_pipeline`.

    Each distinct text is parsed once per process (the map's themes and actions share
    sentences; the last ``MAX_CACHED`` are kept)."""
    nlp = syntax_pipeline(lang, pipeline)
    texts = [str(t) for t in texts]
    key = (lang, pipeline)
    todo = list(dict.fromkeys(t for t in texts if (key, t) not in _PARSED))
    if len(_PARSED) + len(todo) > MAX_CACHED:
        _PARSED.clear()
    fix = _lower_start if lang == "nl" else str  # the Dutch model mistakes capitalised first words for names
    for t, doc in zip(todo, nlp.pipe((fix(t) for t in todo), batch_size=batch_size), strict=True):
        _PARSED[(key, t)] = doc if doc.text == t else _with_text(doc, t)
    return [_PARSED[(key, t)] for t in texts]
