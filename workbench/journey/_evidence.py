"""The evidence behind a journey map: suggestions minus the researcher's rejections, plus their
accepted and manual codings, each placed in a phase and tied to the personas of its document.

The researcher's decisions win over suggestions:

- a suggestion with an active decision (``origin='suggested'`` coding on the same span and
  suggested code) is replaced by that decision: rejected → gone, accepted → evidence under the
  accepted code (which may differ from the suggested one when the reviewer changed it);
- accepted ``manual`` and ``imported`` codings are evidence too;
- an accepted ``phase/<id>`` coding moves every piece of evidence overlapping its span (and the
  document itself, for the emotion curve) into that phase.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import schema

__all__ = ["EVERYONE", "resolve_evidence", "membership", "sentence_bounds", "persona_groups"]

EVERYONE = "everyone"
_LABELS = set(schema.TAG_LABELS)
_SENT_END = re.compile(r"(?<=[.!?…])\s+|\n+")

EVIDENCE_COLUMNS = ["doc_id", "start_char", "end_char", "sent_start", "sent_end", "label", "value",
                    "code", "phase", "origin", "cue", "score"]  # score: the tagger's; 1 for a researcher's code


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (split at . ! ? … followed by space, or a newline) around ``text[start:end]``."""
    s, e = 0, len(text)
    for m in _SENT_END.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    return s, e


def _codes(label: pd.Series, value: pd.Series) -> pd.Series:
    label = label.astype("string")
    value = value.astype("string").fillna("")
    nested = label.isin(["touchpoint", "emotion"]) & (value != "")
    return label.where(~nested, label + "/" + value)


def _latest_decisions(codings: pd.DataFrame) -> pd.DataFrame:
    sugg = codings[codings["origin"].astype("string") == "suggested"].copy()
    sug_code = sugg["suggestion"] if "suggestion" in sugg.columns else sugg["code"]
    sugg["suggestion"] = sug_code.astype("string").fillna(sugg["code"].astype("string"))
    sugg = sugg.sort_values(["created", "coding_id"], kind="stable")
    return sugg.drop_duplicates(["doc_id", "start_char", "end_char", "suggestion"], keep="last")


def resolve_evidence(
    tags: pd.DataFrame,
    doc_tags: pd.DataFrame,
    docs: pd.DataFrame,
    codings: pd.DataFrame | None,
    touchpoint_phase: dict[str, str],
) -> tuple[pd.DataFrame, pd.Series, set[str]]:
    """Evidence rows (:data:`EVIDENCE_COLUMNS`), the phase per document, and the documents whose
    emotion the researcher decided on.

    ``docs`` is the participants' documents indexed by ``doc_id`` with ``text`` and ``q_phase``
    (the declared phase of an answer's question).
    """
    keep = tags["doc_id"].isin(docs.index)
    t = tags.loc[keep, ["doc_id", "start_char", "end_char", "sent_start", "sent_end", "label", "value",
                        "phase", "text"]].copy()
    t["score"] = pd.to_numeric(tags.loc[keep, "score"], errors="coerce") if "score" in tags.columns else 1.0
    t["label"] = t["label"].astype("string")
    t["code"] = _codes(t["label"], t["value"])
    t["origin"] = "suggested"
    t = t.rename(columns={"text": "cue"})

    doc_phase = doc_tags.drop_duplicates("doc_id").set_index("doc_id")["phase"].reindex(docs.index).astype("string")
    doc_phase = doc_phase.fillna(docs["q_phase"].astype("string"))
    emotion_decided: set[str] = set()
    if codings is not None and len(codings):
        c = codings[codings["doc_id"].isin(docs.index)].copy()
        for col in ("code", "origin", "decision", "doc_id"):
            c[col] = c[col].astype("string")
        if "created" not in c.columns:
            c["created"] = ""
        c["created"] = c["created"].astype("string").fillna("")
        decided = _latest_decisions(c)
        emotion_decided = set(c.loc[c["code"].str.startswith("emotion"), "doc_id"])
        if len(decided):
            key = ["doc_id", "start_char", "end_char", "code"]
            dk = decided[["doc_id", "start_char", "end_char", "suggestion"]].rename(columns={"suggestion": "code"})
            dk["_hit"] = True
            t = t.merge(dk.astype({"start_char": "int64", "end_char": "int64"}), on=key, how="left")
            t = t[t["_hit"].isna()].drop(columns="_hit")
            accepted_sug = decided[decided["decision"] == "accepted"]
        else:
            accepted_sug = decided
        others = c[(c["origin"] != "suggested") & (c["decision"] == "accepted")]
        acc = pd.concat([accepted_sug, others], ignore_index=True)
        acc = acc.drop_duplicates(["doc_id", "start_char", "end_char", "code"])
        phase_codes = acc[acc["code"].str.startswith("phase/")]
        acc = acc[~acc["code"].str.startswith("phase/")]
        if len(acc):
            parts = acc["code"].str.split("/", n=1, expand=True)
            acc["label"] = parts[0]
            acc["value"] = parts[1] if parts.shape[1] > 1 else pd.NA
            acc = acc[acc["label"].isin(_LABELS)]
            texts = docs["text"]
            bounds = [sentence_bounds(str(texts.get(d, "")), int(s), int(e))
                      for d, s, e in zip(acc["doc_id"], acc["start_char"], acc["end_char"], strict=False)]
            acc["sent_start"] = [b[0] for b in bounds]
            acc["sent_end"] = [b[1] for b in bounds]
            acc["cue"] = [str(texts.get(d, ""))[int(s):int(e)]
                          for d, s, e in zip(acc["doc_id"], acc["start_char"], acc["end_char"], strict=False)]
            acc["origin"] = np.where(acc["origin"] == "suggested", "accepted", acc["origin"])
            acc["score"] = 1.0  # the researcher's decision is certain
            # A coding takes the phase of the tagged sentence it lies in, if any.
            sent = tags.loc[keep & tags["phase"].notna(), ["doc_id", "sent_start", "sent_end", "phase"]]
            sent = sent.drop_duplicates(["doc_id", "sent_start"])
            m = acc[["doc_id", "start_char"]].reset_index().merge(sent, on="doc_id")
            m = m[(m["sent_start"] <= m["start_char"]) & (m["start_char"] < m["sent_end"])]
            acc["phase"] = m.drop_duplicates("index").set_index("index")["phase"].reindex(acc.index)
            t = pd.concat([t, acc[EVIDENCE_COLUMNS]], ignore_index=True)
        if len(phase_codes):
            t, doc_phase = _apply_phase_codes(t, doc_phase, phase_codes)
    t = t.reset_index(drop=True)
    t["phase"] = t["phase"].astype("string").fillna(t["doc_id"].map(doc_phase).astype("string"))
    tp_default = t["value"].astype("string").map(touchpoint_phase)
    is_tp = t["label"] == "touchpoint"
    t.loc[is_tp, "phase"] = t.loc[is_tp, "phase"].fillna(tp_default[is_tp].astype("string"))
    for col in ("start_char", "end_char", "sent_start", "sent_end"):
        t[col] = t[col].astype("int64")
    return t[EVIDENCE_COLUMNS], doc_phase, emotion_decided


def _apply_phase_codes(t: pd.DataFrame, doc_phase: pd.Series, pc: pd.DataFrame):
    pc = pc.assign(pc_phase=pc["code"].str.slice(len("phase/")))
    spans = pc[["doc_id", "start_char", "end_char", "pc_phase"]].rename(
        columns={"start_char": "p_start", "end_char": "p_end"})
    m = t[["doc_id", "start_char", "end_char"]].reset_index().merge(spans, on="doc_id")
    m = m[(m["start_char"] < m["p_end"]) & (m["p_start"] < m["end_char"])]
    over = m.drop_duplicates("index").set_index("index")["pc_phase"]
    t = t.copy()
    t.loc[over.index, "phase"] = over.astype("string")
    first = spans.drop_duplicates("doc_id").set_index("doc_id")["pc_phase"]
    doc_phase = doc_phase.copy()
    doc_phase.loc[first.index.intersection(doc_phase.index)] = first
    return t, doc_phase


def persona_groups(personas: pd.DataFrame | None) -> pd.DataFrame:
    """One row per persona: ``persona`` (key), ``persona_id``, ``name`` — plus ``everyone`` first."""
    from ..personas.cards import persona_key

    rows = [{"persona": EVERYONE, "persona_id": -1, "name": EVERYONE}]
    if personas is not None and len(personas):
        p = personas[personas["persona"] >= 0]
        ids = sorted(int(i) for i in p["persona"].unique())
        k = len(ids)
        names = p.drop_duplicates("persona").set_index("persona")["persona_name"]
        for i in ids:
            name = names.get(i)
            rows.append({"persona": persona_key(i, k), "persona_id": i,
                         "name": str(name) if isinstance(name, str) and name else f"Persona {i + 1}"})
    return pd.DataFrame(rows)


def membership(docs: pd.DataFrame, personas: pd.DataFrame | None, groups: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, persona`` pairs: every document in ``everyone``, and in the persona of its
    respondent or (interview) participant."""
    base = pd.DataFrame({"doc_id": docs.index.astype("string"), "persona": EVERYONE})
    if personas is None or len(groups) == 1:
        return base
    key_of = groups.set_index("persona_id")["persona"]
    p = personas[personas["persona"] >= 0]
    by_resp = p.dropna(subset=["respondent_id"]).drop_duplicates("respondent_id")
    by_resp = by_resp.set_index(by_resp["respondent_id"].astype(str))["persona"].map(key_of)
    by_part = p.dropna(subset=["participant_id"]).drop_duplicates("participant_id")
    by_part = by_part.set_index(by_part["participant_id"].astype(str))["persona"].map(key_of)
    resp = docs["respondent_id"].astype("string").map(by_resp)
    part = docs["participant_id"].astype("string").map(by_part)
    own = resp.astype("string").fillna(part.astype("string")).dropna()  # one dtype: no fill-value warning
    mine = pd.DataFrame({"doc_id": own.index.astype("string"), "persona": own.astype("string").to_numpy()})
    return pd.concat([base, mine], ignore_index=True)
