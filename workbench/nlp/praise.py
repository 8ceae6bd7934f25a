"""Answers to a question about what went well are praise, unless they clearly complain.

The mirror of :mod:`workbench.nlp.improvement`. A survey question "What, if anything, did you like?"
or an interviewer's "Wat ging er goed?" asks for praise, so its answer praises even when a cue read
on its own says otherwise: "cheap if you split ticket" (a low price, not shoddy goods), "train
manager kept us informed during the long delay, excellent" (the delay is the setting of the
praise). :func:`praise_answers` drops, after tagging, the pain points of such an answer — and the
negative emotion words they rest on — unless the pain point is a clear complaint:

- it follows a contrast word in its sentence ("Nice seats but the toilets were broken"),
- it rests on a strong negative word ("Staff are nice, toilets broken"), or
- its sentence holds no positive emotion and the pain point is more than a reading of a weak
  emotion word, a negator or "too + word" ("Nothing, the trains are always late").

The text's sentiment is then recomputed from the tags that are left. Which questions ask what went
well is per language in ``data/praise.toml``.

>>> asks_praise("What, if anything, did you like about travelling with us?", "en")
True
>>> asks_praise("Wat ging er goed?", "nl"), asks_praise("Wat ging er mis?", "nl")
(True, False)
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .resolve import CONTRAST_WEIGHT, PAIN_SENTIMENT_WEIGHT, round3

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["asks_praise", "praise_answers"]

#: pain point values that only read a word of the sentence (an emotion word, a negator, "too + word")
_READINGS = frozenset({"evaluation", "negation", "excess", "unmet"})
#: an emotion word this strong (its score, 0.4 + 0.5 x |polarity|) complains even in an answer about praise
_STRONG = 0.65
_CONTRAST = "after a contrast"


@lru_cache(maxsize=4)
def _asks(lang: str) -> re.Pattern | None:
    data = tomllib.loads((resources.files("workbench") / "data" / "praise.toml").read_text(encoding="utf-8"))
    asks = data.get(lang, {}).get("asks", [])
    return re.compile("|".join(f"(?:{a})" for a in asks), re.IGNORECASE) if asks else None


def asks_praise(question: str | None, lang: str) -> bool:
    """Whether a question asks what went well or what the participant liked (the last line of a
    tagging context: the question actually asked)."""
    if not isinstance(question, str) or not question.strip():
        return False
    pattern = _asks(lang)
    return bool(pattern and pattern.search(question.strip().splitlines()[-1]))


def _complaint(pain, sentence: list) -> bool:
    """Whether the pain point ``pain`` (a TAGS row) clearly complains in its sentence's tags."""
    if _CONTRAST in str(pain.evidence) or any(
            r.label == "emotion" and r.value == "negative" and r.score >= _STRONG
            and r.start_char < pain.end_char and pain.start_char < r.end_char for r in sentence):
        return True
    if any(r.label == "emotion" and r.value == "positive" for r in sentence):
        return False
    return pain.value not in _READINGS


def praise_answers(doc_tags: pd.DataFrame, tags: pd.DataFrame, ids: list[str], texts: list[str],
                   contexts: list, roles: list, lang_of: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop the pain points of answers to a praise question that do not clearly complain (see the
    module doc); the frames are :func:`~workbench.nlp.tagger.tag_texts`' DOC_TAGS and TAGS."""
    todo = {ids[i] for i, ctx in enumerate(contexts) if roles[i] != "interviewer" and lang_of[i] in ("nl", "en")
            and texts[i] and asks_praise(ctx, lang_of[i])}
    if not todo or not len(tags):
        return doc_tags, tags
    mine = tags[tags["doc_id"].isin(todo)]
    drop: list[int] = []
    for _, sentence in mine.groupby(["doc_id", "sent_start"], sort=False):
        rows = list(sentence.itertuples())
        for pain in rows:
            if pain.label != "pain_point" or _complaint(pain, rows):
                continue
            drop.append(pain.Index)
            drop.extend(r.Index for r in rows if r.label == "emotion" and r.value == "negative"
                        and r.start_char < pain.end_char and pain.start_char < r.end_char)
    if not drop:
        return doc_tags, tags
    touched = set(tags.loc[drop, "doc_id"])
    tags = tags.drop(index=sorted(set(drop))).reset_index(drop=True)
    doc_tags = doc_tags.copy()
    left = tags[tags["doc_id"].isin(touched)]
    still = set(left.loc[left["label"] == "pain_point", "doc_id"])
    lost = (doc_tags["doc_id"].isin(touched) & ~doc_tags["doc_id"].isin(still)).to_numpy()
    doc_tags.loc[lost, "pain_point"] = 0
    at = doc_tags["doc_id"].isin(touched).to_numpy()
    doc_tags.loc[at, "sentiment"] = [_sentiment(left[left["doc_id"] == d]) for d in doc_tags.loc[at, "doc_id"]]
    return doc_tags, tags


def _sentiment(rows: pd.DataFrame) -> float:
    """A text's sentiment from its tags, as the resolver weighs them: emotions at their signed score,
    pain points without an emotion word at 0.6, evidence after a contrast 1.5 times."""
    emotions = rows[rows["label"] == "emotion"]
    spans = list(zip(emotions["start_char"], emotions["end_char"], strict=True))
    signed, weight = [], []
    for r in rows.itertuples():
        after = CONTRAST_WEIGHT if _CONTRAST in str(r.evidence) else 1.0
        if r.label == "emotion":
            signed.append((1.0 if r.value == "positive" else -1.0) * r.score)
            weight.append(after)
        elif r.label == "pain_point" and not any(a < r.end_char and r.start_char < b for a, b in spans):
            signed.append(-r.score)
            weight.append(after * PAIN_SENTIMENT_WEIGHT)
    if not weight:
        return 0.0
    w = np.array(weight)
    return float(round3(np.array([np.dot(np.array(signed), w) / w.sum()]))[0])
