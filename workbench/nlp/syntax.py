"""Part of speech and dependency parses for theme and action phrases.

The workbench needs to know, in a pain or need sentence, which words form the noun phrase it is
about ("de kortingscode", "a filter on price") and which the verb and its object ("belde de
klantenservice"). That takes a part-of-speech tagger and a dependency parser:

* an official spaCy pipeline when one is installed (``nl_core_news_sm``, ``en_core_web_sm`` or
  the one a study names), or else
* the small UD model shipped in ``workbench/data/models/{nl,en}_ud`` (CC BY-SA 4.0, trained by
  :mod:`workbench.nlp.train_ud` on Universal Dependencies treebanks; see the README there).

Both give ``token.pos_`` (UPOS), ``token.dep_`` and ``token.head``; lemmas come from the
pipeline's lemmatizer, else from spacy-lookups-data's lookup table. Parsing costs about a
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
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError
from .resources import lemma_table

__all__ = ["OFFICIAL", "MODEL_DIR", "syntax_pipeline", "parse", "lemma", "model_name"]

#: The official spaCy pipelines used when installed.
OFFICIAL = {"nl": "nl_core_news_sm", "en": "en_core_web_sm"}
#: Where the shipped UD models live.
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models"


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
        nlp = spacy.load(path)
    return nlp


def lemma(token) -> str:
    """The token's lemma in lower case: the pipeline's, else the lookup table's, else the
    lower-cased word."""
    if token.lemma_ and token.lemma_ != token.text:
        return token.lemma_.lower()
    table = lemma_table(token.doc.lang_)
    low = token.text.lower()
    return (table.get(token.text) or table.get(low) or low).lower()


def parse(texts: Iterable[str], lang: str, *, pipeline: str | None = None, batch_size: int = 256) -> list[Doc]:
    """Parsed Docs of ``texts`` (sentences, ideally) with the pipeline of :func:`syntax_pipeline`."""
    nlp = syntax_pipeline(lang, pipeline)
    return list(nlp.pipe((str(t) for t in texts), batch_size=batch_size))
