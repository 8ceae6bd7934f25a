"""displaCy span rendering of tag suggestions: see at a glance which words fired which cue.

>>> import pandas as pd
>>> tags = pd.DataFrame({"start_char": [3], "end_char": [12], "label": ["touchpoint"], "value": ["delivery"]})
>>> html = render_spans("De bezorging was te laat.", tags, lang="nl")
>>> "bezorging" in html and "touchpoint" in html
True
"""

from __future__ import annotations

import html as _html
import warnings
from functools import lru_cache

import pandas as pd
import spacy
from spacy import displacy

__all__ = ["LABEL_COLOURS", "render_spans", "render_documents"]

# Colour-blind-safe (Paul Tol "light"), one per tag label.
LABEL_COLOURS = {
    "pain_point": "#EE8866",
    "need": "#77AADD",
    "touchpoint": "#BBCC33",
    "emotion": "#EEDD88",
}


@lru_cache(maxsize=4)
def _tokenizer(lang: str):
    return spacy.blank(lang if lang in ("nl", "en") else "xx")


def render_spans(text: str, tags: pd.DataFrame, *, lang: str = "nl", with_value: bool = True) -> str:
    """HTML (displaCy ``span`` style) of ``text`` with the tag spans underlined per label.

    Parameters
    ----------
    text : str
        The document text.
    tags : DataFrame
        Rows of ``schema.TAGS`` for this document (``start_char``, ``end_char``, ``label``,
        optionally ``value``).
    with_value : bool
        Show the value (touchpoint id, polarity, cue class) after the label.
    """
    doc = _tokenizer(lang)(text)
    spans = []
    for row in tags.itertuples(index=False):
        span = doc.char_span(int(row.start_char), int(row.end_char), alignment_mode="expand")
        if span is None:
            continue
        label = str(row.label)
        value = getattr(row, "value", None)
        if with_value and isinstance(value, str) and value:
            label = f"{label}: {value}"
        label = _html.escape(label)  # displaCy escapes the text, not the labels
        span.label_ = label
        spans.append(span)
    doc.spans["sc"] = spans
    colours = {}
    for span in spans:
        colours[span.label_] = LABEL_COLOURS.get(span.label_.split(":")[0], "#DDDDDD")
    with warnings.catch_warnings():  # a document without suggestions is fine, not a warning (W117)
        warnings.simplefilter("ignore", UserWarning)
        return displacy.render(doc, style="span", jupyter=False, options={"colors": colours})


def render_documents(documents: pd.DataFrame, tags: pd.DataFrame, doc_ids, *, lang: str = "nl") -> str:
    """HTML for several documents: a header (id, role, context) and the highlighted text of each."""
    docs = documents.set_index("doc_id")
    by_doc = dict(tuple(tags.groupby("doc_id", observed=True))) if len(tags) else {}
    parts = []
    for doc_id in doc_ids:
        row = docs.loc[doc_id]
        who = row.get("participant_id") if pd.notna(row.get("participant_id")) else row.get("respondent_id")
        head = f"<b>{_html.escape(str(doc_id))}</b> · {_html.escape(str(who))} · {_html.escape(str(row['role']))}"
        if pd.notna(row.get("context")):
            head += f"<br><i>{_html.escape(str(row['context']))}</i>"
        body = render_spans(str(row["text"]), by_doc.get(doc_id, tags.iloc[0:0]), lang=lang)
        parts.append(f"<div style='margin:0.6em 0'>{head}{body}</div>")
    return "\n".join(parts)
