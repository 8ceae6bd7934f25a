"""Placing interview participants on personas, and saying how each was placed.

A participant who also answered the survey (``RESPONDENTS.participant_id``, the study's
``[link]``) takes the persona of those answers: ``placed_by = "link"``.

Another participant is placed by their own words: a text classifier (scikit-learn's TF-IDF
and logistic regression) learns from the respondents' open answers how each persona writes, and
the participant's interview turns go to the persona they read most like (``placed_by =
"interview"``). Only when the words tell the personas apart — cross-validated accuracy on the
respondents at least :data:`MIN_GAIN` above guessing the largest persona — and only when one
persona fits clearly (probability at least :data:`MIN_PROB`); otherwise the participant stays
unplaced and a note says why. The basis of every placement is kept (``placements.basis``),
including how often the classifier agrees with the link for the linked interviewees.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

from ..journey.labels import number
from ._notes import note

__all__ = ["place_participants", "PLACEMENT_COLUMNS", "MIN_GAIN", "MIN_PROB", "MIN_WRITERS"]

PLACEMENT_COLUMNS = ("participant_id", "respondent_id", "persona", "placed_by", "basis")
MIN_GAIN = 0.15  # cross-validated accuracy must beat the largest persona's share by this much
MIN_PROB = 0.5  # ... and the participant's most likely persona must have at least this probability
MIN_WRITERS = 20  # respondents with open answers needed to learn how the personas write


def _linked(respondents, labels, lang="en") -> list[dict]:
    if respondents is None or "participant_id" not in respondents:
        return []
    link = respondents.set_index(respondents["respondent_id"].astype(str))["participant_id"].dropna()
    return [{"participant_id": str(p), "respondent_id": r, "persona": int(labels[r]), "placed_by": "link",
             "basis": note("basis_link", lang, r=r)} for r, p in link.items() if r in labels.index]


def _texts(docs: pd.DataFrame, by: str) -> pd.Series:
    docs = docs[docs["text"].notna()]
    return docs.groupby(docs[by].astype(str))["text"].agg(lambda t: " ".join(map(str, t)))


def _classifier():
    return make_pipeline(TfidfVectorizer(min_df=2, sublinear_tf=True),
                         LogisticRegression(C=3.0, max_iter=1000))


def place_participants(labels: pd.Series, *, respondents, documents,
                       lang: str | None = "en") -> tuple[pd.DataFrame, list[str]]:
    """Persona of every interview participant, with how it was placed; and notes.

    Returns a frame with :data:`PLACEMENT_COLUMNS` (one row per placed participant) and notes
    about the participants that could not be placed.
    """
    rows = _linked(respondents, labels, lang)
    notes: list[str] = []
    done = pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS))
    if documents is None or documents.empty:
        return done, notes
    seg = documents[(documents["kind"].astype("string") == "segment") & documents["participant_id"].notna()]
    if "role" in seg:
        seg = seg[seg["role"].astype("string") != "interviewer"]
    linked = {r["participant_id"] for r in rows}
    turns = _texts(seg, "participant_id")
    unlinked = sorted(p for p in turns.index if p not in linked)
    if not unlinked:
        return done, notes
    who = note("who", lang, n=len(unlinked), ids=", ".join(unlinked))
    keep = labels[labels >= 0]
    if keep.nunique() == 1:  # one persona: everyone is in it, nothing to learn or to guess
        only = int(keep.iloc[0])
        rows += [{"participant_id": pid, "respondent_id": pd.NA, "persona": only, "placed_by": "only",
                  "basis": note("basis_only", lang)} for pid in unlinked]
        return pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS)), notes
    answers = documents[(documents["kind"].astype("string") == "answer") & documents["respondent_id"].notna()]
    written = _texts(answers, "respondent_id")
    written = written[written.index.isin(keep.index)]
    y = keep.loc[written.index].to_numpy()
    counts = np.bincount(y) if len(y) else np.array([0])
    present = counts[counts > 0]
    if len(written) < MIN_WRITERS or len(present) < 2 or present.min() < 2:
        notes.append(note("not_placed_few", lang, who=who, n=len(written)))
        return done, notes
    model = _classifier()
    folds = StratifiedKFold(n_splits=int(min(5, present.min())), shuffle=True, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a persona missing from a fold
        acc = float(cross_val_score(model, written.to_numpy(), y, cv=folds).mean())
    chance = float(counts.max() / counts.sum())
    if acc < chance + MIN_GAIN:
        notes.append(note("not_placed_alike", lang, who=who, acc=acc, chance=chance))
        return done, notes
    model.fit(written.to_numpy(), y)
    classes = model.classes_
    check = ""
    if rows:
        lk = [r for r in rows if r["participant_id"] in turns.index]
        if lk:
            guess = classes[model.predict_proba(turns.loc[[r["participant_id"] for r in lk]].to_numpy()).argmax(1)]
            agree = int(sum(int(g) == r["persona"] for g, r in zip(guess, lk, strict=True)))
            check = note("basis_check", lang, agree=agree, n=len(lk))
    proba = model.predict_proba(turns.loc[unlinked].to_numpy())
    n_turns = seg.groupby(seg["participant_id"].astype(str)).size()
    unsure = []
    for pid, pr in zip(unlinked, proba, strict=True):
        best = int(pr.argmax())
        if pr[best] < MIN_PROB:
            unsure.append(note("unsure_one", lang, pid=pid, persona=classes[best], p=float(pr[best])))
            continue
        rows.append({"participant_id": pid, "respondent_id": pd.NA, "persona": int(classes[best]),
                     "placed_by": "interview",
                     "basis": note("basis_words", lang, turns=int(n_turns.get(pid, 0)), persona=int(classes[best]),
                                   p=float(pr[best]), acc=acc, chance=chance, check=check)})
    if unsure:
        notes.append(note("not_placed_unsure", lang, n=len(unsure), p=number(MIN_PROB, 1, lang), who="; ".join(unsure)))
    return pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS)), notes
