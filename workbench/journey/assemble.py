"""``build_journey_map``: the study, its tags and codes, and its personas → a :class:`JourneyMap`.

The tidy interface is :attr:`JourneyMap.cells`, one row per item on the map:

==============  ==========================================================================
persona         persona key (``"everyone"``, or ``"k4-p0"`` as in the study store)
phase           phase id of the study's phase model
lane            actions, touchpoints, needs, pain_points, emotion, quotes, opportunities, metrics
rank            1 = strongest item of the lane in that phase
text            what the map shows (touchpoint name, theme key terms, quote, metric …)
value           mentions (actions/touchpoints/needs/pains: sentences or hits), mean emotion
                (−2..+2), the metric's value; NaN for quotes and manual opportunities
n_evidence      distinct documents (segment ids / open-answer ids) or respondents behind the cell
evidence_ids    tuple of those ids (segment ids ``P01#004``, answer ids ``R_1@Q10``,
                respondent ids, or ``funnel:<phase>:<step>``)
thin            ``n_evidence < min_evidence``; quotes (one piece of evidence by nature) and the
                researcher's own opportunities are never thin
detail          key terms, co-occurring touchpoints, metric definition, quote source …
==============  ==========================================================================

Other frames: ``emotion`` (persona, phase, source — ``text``: what people said, from the emotion and
pain evidence; ``survey``: their ratings of the phase rescaled to −2..+2 —, mean, se, ci_low,
ci_high, n, thin, evidence_ids, and for the text line mean/n of interviews and open answers apart),
``metrics`` (persona, phase, metric, value, n, definition, evidence_ids), ``quotes`` (persona,
phase, rank, doc_id, participant_id, respondent_id, text — scrubbed, verbatim), ``personas``
(persona, persona_id, name, n_respondents, n_participants, n_documents), ``evidence`` (up to 20
display rows per cell: persona, phase, lane, rank, doc_id, who, text — scrubbed), ``themes``,
``opportunities``, ``pain_share`` (persona, phase, n_docs, n_pain, share) and ``resolved``: every
piece of evidence the map rests on after the researcher's decisions (doc_id, start_char, end_char,
sent_start, sent_end, label, value, code, phase, origin — suggested / accepted / manual /
imported —, cue), including evidence without a phase (``phase`` <NA>); ``unplaced``: the pain-point
and need sentences with no phase (label, doc_id, who, text — scrubbed, one row per distinct text),
shown under "phase unknown" so nothing true is lost; ``overall_metrics``: the metrics of questions
without a phase (an NPS about the whole relationship), as ``metrics`` with ``phase`` <NA>, shown
in each map's header.

The anatomy a deliverable adds (empty until :func:`workbench.journey.anatomy.attach_anatomy`
fills them): ``steps`` (phase, order, step — from the phase model or ``study.toml``),
``backstage`` (phase, kind — owner / system / process —, value, source), ``kpis`` (phase, metric,
target, source) and ``persona_facts`` (persona, share, n_respondents, n_participants, stability,
jaccard, apart, text — the main need —, quote, quote_who). ``opportunities`` carry the
researcher's ``effort``, ``owner`` and ``priority_set`` (a priority over the computed one).

``status`` is ``"draft"`` (the tagger's suggestions count as evidence; ``reviewed_share`` is the
share of pain-point and need suggestions the researcher decided on) or ``"reviewed"``
(``reviewed=True``: only codings the researcher accepted or made).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..privacy import display_id, scrub
from . import labels as L
from ._evidence import EVERYONE, membership, persona_groups, resolve_evidence
from .lanes import (
    MAX_SHOWN,
    action_hits,
    emotion_table,
    locate,
    pick_quotes,
    quote_key,
    rank_items,
    satisfaction_table,
    theme_hits,
)
from .metrics import funnel_metrics, survey_metrics, survey_satisfaction

__all__ = ["JourneyMap", "build_journey_map", "overlay_opportunities", "effective_priority", "CELL_COLUMNS",
           "EVERYONE"]

CELL_COLUMNS = ["persona", "phase", "lane", "rank", "text", "value", "n_evidence", "evidence_ids", "thin", "detail"]
METRIC_ORDER = ["nps", "csat_mean", "csat_top2", "ces_mean", "ces_agree", "conversion"]


@dataclass
class JourneyMap:
    """A journey map: cells per persona × phase × lane, each with its evidence (see the module doc)."""

    name: str
    lang: str
    phases: pd.DataFrame          # phase, label (in model order)
    personas: pd.DataFrame
    cells: pd.DataFrame
    emotion: pd.DataFrame
    metrics: pd.DataFrame
    quotes: pd.DataFrame
    evidence: pd.DataFrame
    themes: pd.DataFrame
    opportunities: pd.DataFrame
    pain_share: pd.DataFrame
    derived_opportunities: pd.DataFrame = field(default_factory=pd.DataFrame)
    resolved: pd.DataFrame = field(default_factory=pd.DataFrame)
    unplaced: pd.DataFrame = field(default_factory=pd.DataFrame)
    overall_metrics: pd.DataFrame = field(default_factory=pd.DataFrame)
    status: str = "draft"
    reviewed_share: float = 0.0
    min_evidence: int = 3
    max_items: int = 5
    notes: list[str] = field(default_factory=list)
    steps: pd.DataFrame = field(default_factory=pd.DataFrame)
    backstage: pd.DataFrame = field(default_factory=pd.DataFrame)
    kpis: pd.DataFrame = field(default_factory=pd.DataFrame)
    persona_facts: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def persona_keys(self) -> list[str]:
        return self.personas["persona"].tolist()

    @property
    def phase_ids(self) -> list[str]:
        return self.phases["phase"].tolist()

    def phase_label(self, phase: str) -> str:
        hit = self.phases.loc[self.phases["phase"] == phase, "label"]
        return str(hit.iloc[0]) if len(hit) else str(phase)

    def persona_name(self, key: str) -> str:
        if key == EVERYONE:
            return L.text("everyone", self.lang)
        hit = self.personas.loc[self.personas["persona"] == key, "name"]
        return str(hit.iloc[0]) if len(hit) else str(key)

    def _index(self, name: str, frame: pd.DataFrame, keys: list[str]) -> dict:
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = {k: g for k, g in frame.groupby(keys, sort=False, observed=True)} if len(frame) else {}
        return cache[name]

    def cell(self, persona: str, phase: str, lane: str) -> pd.DataFrame:
        """The items of one cell, strongest first."""
        idx = self._index("cells", self.cells, ["persona", "phase", "lane"])
        hit = idx.get((persona, phase, lane))
        return hit.sort_values("rank") if hit is not None else self.cells.iloc[0:0]

    def cell_evidence(self, persona: str, phase: str, lane: str, rank: int | None = None) -> pd.DataFrame:
        """The display evidence rows of a cell (of one item when ``rank`` is given)."""
        e = self.evidence
        if rank is None:
            m = (e["persona"] == persona) & (e["phase"] == phase) & (e["lane"] == lane)
            return e[m]
        idx = self._index("evidence", e, ["persona", "phase", "lane", "rank"])
        hit = idx.get((persona, phase, lane, int(rank)))
        return hit if hit is not None else e.iloc[0:0]

    def with_opportunities(self, stored: pd.DataFrame | None) -> JourneyMap:
        """A copy whose opportunities are the store's rows (see :func:`overlay_opportunities`)."""
        opps = overlay_opportunities(self.derived_opportunities, stored, self.persona_keys, self.lang)
        keep = self.cells[self.cells["lane"] != "opportunities"]
        new = _opportunity_cells(opps, self.phase_ids)
        cells = pd.concat([keep, new], ignore_index=True) if len(new) else keep
        cells = _order(cells.reindex(columns=CELL_COLUMNS), self.persona_keys, self.phase_ids)
        ev = self.evidence[self.evidence["lane"] != "opportunities"]
        ev = pd.concat([ev, _metric_evidence(cells[cells["lane"] == "opportunities"])], ignore_index=True)
        return replace(self, cells=cells, opportunities=opps, evidence=ev)

    def thin_cells(self) -> pd.DataFrame:
        return self.cells[self.cells["thin"]]

    def __repr__(self) -> str:
        return (f"JourneyMap({self.name!r}, {len(self.phases)} phases, {len(self.personas)} personas "
                f"incl. everyone, {len(self.cells)} cells, {int(self.cells['thin'].sum())} thin)")


def _frame_of(personas) -> pd.DataFrame | None:
    if personas is None:
        return None
    frame = getattr(personas, "assignments", personas)
    return frame if len(frame) else None


def build_journey_map(
    study,
    doc_tags: pd.DataFrame,
    tags: pd.DataFrame,
    *,
    codings: pd.DataFrame | None = None,
    personas=None,
    opportunities: pd.DataFrame | None = None,
    lang: str | None = None,
    min_evidence: int = 3,
    max_items: int = 5,
    seed: int = 0,
    reviewed: bool = False,
) -> JourneyMap:
    """Assemble the journey map of a study.

    Parameters
    ----------
    study : Study
        The loaded study (documents, questions, answers, funnel, phase model, speaker names).
    doc_tags, tags : DataFrame
        ``schema.DOC_TAGS`` and ``schema.TAGS`` from :func:`workbench.nlp.tag_documents` (or the
        study store's ``doc_tags()`` / ``suggestions()``).
    codings : DataFrame, optional
        Active ``schema.CODINGS`` of the study store (optionally with a ``suggestion`` column:
        the suggested code a decision is about). Rejected suggestions are not evidence; accepted
        and manual codings are.
    personas : DataFrame or PersonaResult, optional
        ``schema.PERSONAS`` assignments; without them, or with one persona of everyone, the map
        has only ``everyone``.
    opportunities : DataFrame, optional
        The store's ``OPPORTUNITIES`` (optionally with ``derived_text``: the text it was derived
        with). When given, these rows (the researcher's edits) are the map's opportunities;
        otherwise they are derived from the strongest pain and need themes.
    lang : {'nl', 'en'}, optional
        Language of the map's texts (default: the study's).
    min_evidence : int
        Cells resting on fewer distinct documents / respondents are marked ``thin``.
    max_items : int
        Items the compact outputs (Markdown, the printed figure) show per cell of a ranked lane
        (actions, touchpoints, needs, pain points); they end the cell with "+N more". The map
        keeps every item (``cells``, with its rank), and HTML and XLSX show them all.
    seed : int
        Seed of the theme sampling.
    reviewed : bool
        Only what the researcher accepted or coded is evidence (the tagger's undecided
        suggestions are left out); the map's ``status`` is then ``"reviewed"``, else ``"draft"``.
    """
    lang = lang or study.language
    model = study.phase_model
    phase_ids = model.ids
    names = list(study.speaker_names())
    pers = _frame_of(personas)
    if pers is not None and len(pers) and pers["persona"].nunique() == 1 and (pers["persona"] >= 0).all():
        pers = None  # one persona is everyone: its map would repeat everyone's under another name
    docs = study.documents()
    docs = docs[docs["role"].astype("string") == "participant"].set_index("doc_id")
    q = study.questions.sort_values("phase", na_position="last", kind="stable")  # several exports may share an id
    qph = q.drop_duplicates("question_id").set_index("question_id")["phase"] if len(q) else pd.Series(dtype="string")
    docs["q_phase"] = docs["question_id"].map(qph).astype("string")
    texts = docs["text"].astype("string").fillna("")
    tp_phase: dict[str, str] = {}
    for ph in model:
        for tp in ph.touchpoints:
            tp_phase.setdefault(tp, ph.id)
    notes: list[str] = []

    ev, doc_phase, _ = resolve_evidence(tags, doc_tags, docs, codings, tp_phase)
    share = _reviewed_share(ev, tags)
    if reviewed:
        ev = ev[ev["origin"] != "suggested"].reset_index(drop=True)
    resolved = ev.assign(phase=ev["phase"].where(ev["phase"].isin(phase_ids)).astype("string"))
    no_phase = ~ev["phase"].isin(phase_ids)
    # actions: verb phrases participants use for what they did, in the phase of their sentence
    # (a contact verb said without whom takes the customer service its turn names: 'ik heb gebeld')
    called = set(ev.loc[(ev["label"] == "touchpoint") & (ev["value"] == "customer_service"), "doc_id"].astype(str))
    ah = action_hits(docs, model, lang, doc_phase=doc_phase.where(doc_phase.isin(phase_ids)), sentences=resolved,
                     parties=called)
    act_unplaced = ~ah["phase"].isin(phase_ids)
    unplaced = _unplaced(pd.concat([ev[no_phase], ah[act_unplaced].assign(label="action")], ignore_index=True),
                         texts, docs, names, lang)
    by_answer = pd.concat([ev[["doc_id", "label", "phase"]], ah[["doc_id", "phase"]].assign(label="action")],
                          ignore_index=True)
    questions_note = _no_phase_questions(by_answer.assign(placed=by_answer["phase"].isin(phase_ids)), docs, lang)
    if len(unplaced):
        n_texts = len({d for ids in unplaced["doc_ids"] for d in ids})
        notes.append(L.text("unplaced_note", lang, n=n_texts, k=len(unplaced)) + questions_note)
    elif questions_note:
        notes.append(questions_note[2].upper() + questions_note[3:])
    ev = ev[~no_phase]
    groups = persona_groups(pers)
    member = membership(docs, pers, groups)
    cells, shown = [], []

    # touchpoints
    tp = ev[ev["label"] == "touchpoint"].assign(item=lambda d: d["value"].astype("string"))
    c, s = rank_items(tp.merge(member, on="doc_id"), "touchpoints", min_evidence)
    c["text"] = [L.touchpoint_name(i, lang) for i in c["item"]]
    c["detail"] = ""
    cells.append(c)
    shown.append(s)

    # actions with the touchpoints named in the same documents
    ah = ah[~act_unplaced].merge(member, on="doc_id")
    c, s = rank_items(ah, "actions", min_evidence)
    c["text"] = c["item"]
    det = _co_touchpoints(s, ev, lang)
    c["detail"] = [det.get(k, "") for k in zip(c["persona"], c["phase"], c["rank"], strict=False)]
    cells.append(c)
    shown.append(s)

    # needs and pain points, grouped into themes (fitted on everyone's sentences)
    sent = ev[ev["label"].isin(["need", "pain_point"])].drop_duplicates(["doc_id", "sent_start", "label"])
    sent, themes = theme_hits(sent, texts, lang, seed, names,
                              interviews=frozenset(docs.index[docs["kind"].astype("string").ne("answer").fillna(True)]))
    th_text = themes.set_index(["phase", "label", "theme"])
    if len(themes) and (themes["kind"] != "theme").any():
        n_kind = themes.groupby("kind")["size"].sum()
        said = [L.text(f"kept_{k}", lang, q=int(n_kind.get(k, 0)), o=int(n_kind.get(k, 0)))
                for k in ("quote", "other") if n_kind.get(k, 0)]
        notes.append("; ".join(said))
    theme_cells = {}
    for label, lane in (("need", "needs"), ("pain_point", "pain_points")):
        h = sent[sent["label"] == label].assign(item=lambda d: d["theme"]).merge(member, on="doc_id")
        keys = list(zip(h["phase"], [label] * len(h), h["item"], strict=True))
        h["kind"] = [th_text.loc[k, "kind"] for k in keys]
        h["last"] = h["kind"] == "other"
        c, s = rank_items(h, lane, min_evidence)
        keys = list(zip(c["phase"], [label] * len(c), c["item"], strict=False))
        c["text"] = [th_text.loc[k, "text"] for k in keys]
        c["kind"] = [th_text.loc[k, "kind"] for k in keys]
        c["detail"] = [L.text("key_terms", lang, x=th_text.loc[k, "terms"]) if th_text.loc[k, "terms"] else ""
                       for k in keys]
        theme_cells[lane] = (c, h)
        cells.append(c)
        shown.append(s)

    # emotion per phase: what people said (the tagger's and the researcher's emotion and pain
    # evidence) and how satisfied respondents rated the phase, as two lines that may disagree
    emotion = _emotion(study, ev, docs, member, pers, groups, min_evidence)
    if len(emotion):
        cells.append(_emotion_cells(emotion, lang))

    # quotes
    quotes = _quotes(theme_cells, ev, member, texts, docs, names, lang, max_items)
    if len(quotes):
        qc = quotes.assign(lane="quotes", value=np.nan, n_evidence=1, thin=False, item=None)
        qc["evidence_ids"] = [(d,) for d in qc["doc_id"]]
        qc["detail"] = [_who(docs, d) for d in qc["doc_id"]]  # a readable pseudonym; raw ids in the evidence
        cells.append(qc)

    # metrics
    metrics, overall = _metrics(study, pers, groups, phase_ids, lang)
    if len(metrics):
        mc = metrics.assign(lane="metrics", item=None, n_evidence=metrics["n"].astype("int64"))
        mc["rank"] = [METRIC_ORDER.index(m) + 1 if m in METRIC_ORDER else len(METRIC_ORDER) + 1 for m in mc["metric"]]
        mc = mc.sort_values(["persona", "phase", "rank", "metric"], kind="stable")
        mc["rank"] = mc.groupby(["persona", "phase"]).cumcount() + 1
        mc["text"] = [L.metric_text(m, v, lang) for m, v in zip(mc["metric"], mc["value"], strict=False)]
        mc["thin"] = mc["n_evidence"] < min_evidence
        mc["detail"] = mc["definition"]
        cells.append(mc)

    # opportunities
    person_of = _person_of(docs)
    derived = _derive_opportunities(theme_cells, themes, phase_weights(metrics, phase_ids), person_of, lang)
    opps = overlay_opportunities(derived, opportunities, groups["persona"].tolist(), lang)
    if len(opps):
        cells.append(_opportunity_cells(opps, phase_ids))

    frame = pd.concat([c for c in cells if len(c)], ignore_index=True) if any(len(c) for c in cells) \
        else pd.DataFrame(columns=CELL_COLUMNS)
    frame = frame.reindex(columns=CELL_COLUMNS)
    frame = _order(frame, groups["persona"].tolist(), phase_ids)
    evidence = _evidence_rows(shown, frame, texts, docs, names, lang)
    evidence = pd.concat([evidence, _metric_evidence(frame)], ignore_index=True)
    if len(quotes):
        quotes = quotes.assign(participant_id=quotes["doc_id"].map(docs["participant_id"]),
                               respondent_id=quotes["doc_id"].map(docs["respondent_id"]),
                               who=[_who(docs, d) for d in quotes["doc_id"]])  # pseudonym, as in the evidence
    quotes = quotes.reindex(columns=["persona", "phase", "rank", "doc_id", "participant_id", "respondent_id", "who",
                                     "text"])
    persona_table = _persona_table(groups, member, pers, study)
    phases = pd.DataFrame({"phase": phase_ids, "label": [model.label(p, lang) for p in phase_ids]})
    return JourneyMap(
        name=study.name, lang=lang, phases=phases, personas=persona_table, cells=frame, emotion=emotion,
        metrics=metrics, overall_metrics=overall, quotes=quotes, evidence=evidence, themes=themes, opportunities=opps,
        derived_opportunities=derived, resolved=resolved, unplaced=unplaced,
        status="reviewed" if reviewed else "draft", reviewed_share=share,
        pain_share=_pain_share(ev, doc_phase, member, phase_ids), min_evidence=min_evidence, max_items=max_items,
        notes=notes,
    )


def _order(frame: pd.DataFrame, persona_order: list[str], phase_ids: list[str]) -> pd.DataFrame:
    f = frame.copy()
    f["rank"] = f["rank"].astype("int64")
    f["value"] = pd.to_numeric(f["value"], errors="coerce").astype("float64")
    f["n_evidence"] = f["n_evidence"].fillna(0).astype("int64")
    f["thin"] = f["thin"].fillna(False).astype(bool)
    f["text"] = f["text"].astype("string")
    f["detail"] = f["detail"].fillna("").astype("string")
    f["evidence_ids"] = [tuple(x) if isinstance(x, tuple | list) else () for x in f["evidence_ids"]]
    p = pd.Categorical(f["persona"], categories=persona_order, ordered=True)
    ph = pd.Categorical(f["phase"], categories=phase_ids, ordered=True)
    ln = pd.Categorical(f["lane"], categories=list(L.LANES), ordered=True)
    f = f.assign(_p=p, _ph=ph, _l=ln).sort_values(["_p", "_ph", "_l", "rank"], kind="stable")
    return f.drop(columns=["_p", "_ph", "_l"]).reset_index(drop=True)


#: Text and survey emotion disagree when they lie this far apart on −2..+2, or on opposite sides
#: of neutral by at least half this much (both resting on enough people).
DISAGREE_GAP = 1.0


def _emotion(study, ev, docs, member, pers, groups, min_evidence) -> pd.DataFrame:
    text = emotion_table(_emotion_sentences(ev, docs), member, min_evidence)
    members = _survey_members(pers, groups)
    sat = satisfaction_table(survey_satisfaction(study.answers, study.questions, members), min_evidence)
    parts = [f for f in (text, sat) if len(f)]
    return pd.concat(parts, ignore_index=True) if parts else text


def disagreement(text_mean: float, survey_mean: float) -> bool:
    """Whether the text line and the survey line of a phase tell different stories.

    >>> disagreement(1.2, -0.4), disagreement(0.3, -0.1), disagreement(-1.5, -0.2)
    (True, False, True)
    """
    if np.isnan(text_mean) or np.isnan(survey_mean):
        return False
    gap = abs(text_mean - survey_mean)
    opposite = np.sign(text_mean) != np.sign(survey_mean) and gap >= DISAGREE_GAP / 2
    return bool(gap >= DISAGREE_GAP or opposite)


def _emotion_cells(emotion: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The emotion lane: rank 1 the text line, rank 2 the survey line, rank 3 a note when the two
    disagree (both with enough people)."""
    e = emotion.copy()
    e["rank"] = np.where(e["source"] == "text", 1, 2)
    e = e.assign(lane="emotion", item=None, value=e["mean"], n_evidence=e["n"])
    e["text"] = [L.text(f"emotion_{src}", lang, x=L.signed(m, 1, lang)) for src, m in zip(e["source"], e["mean"], strict=True)]
    e["detail"] = [(L.text("mean_ci", lang, m=L.signed(m, 1, lang), lo=L.signed(lo, 1, lang), hi=L.signed(hi, 1, lang), n=n)
                    if n > 1 else f"n={n}") + (_by_source(lang, mi, ni, ms, ns) if src == "text" else "")
                   for m, lo, hi, n, mi, ni, ms, ns, src in zip(
                       e["mean"], e["ci_low"], e["ci_high"], e["n"], e["mean_interview"], e["n_interview"],
                       e["mean_survey"], e["n_survey"], e["source"], strict=True)]
    notes = []
    wide = e.pivot_table(index=["persona", "phase"], columns="source", values=["mean", "thin"], aggfunc="first")
    if ("mean", "text") in wide.columns and ("mean", "survey") in wide.columns:
        for (persona, phase), r in wide.iterrows():
            tm, sm = float(r[("mean", "text")]), float(r[("mean", "survey")])
            thin = any(bool(x) for x in (r[("thin", "text")], r[("thin", "survey")]) if x == x)
            if not thin and disagreement(tm, sm):
                notes.append({"persona": persona, "phase": phase, "lane": "emotion", "rank": 3, "item": None,
                              "value": np.nan, "n_evidence": 0, "evidence_ids": (), "thin": False,
                              "text": L.text("emotion_disagree", lang),
                              "detail": L.text("emotion_disagree_detail", lang, t=L.signed(tm, 1, lang),
                                               s=L.signed(sm, 1, lang))})
    out = e.drop(columns=[c for c in e.columns if c not in CELL_COLUMNS + ["item"]])
    return pd.concat([out, pd.DataFrame(notes)], ignore_index=True) if notes else out


def _reviewed_share(ev: pd.DataFrame, tags: pd.DataFrame) -> float:
    """Share of the tagger's pain-point and need suggestions the researcher decided on."""
    n_sugg = int(tags["label"].isin(["pain_point", "need"]).sum()) if len(tags) else 0
    if not n_sugg:
        return 1.0
    undecided = int((ev["label"].isin(["pain_point", "need"]) & (ev["origin"] == "suggested")).sum())
    return max(0.0, min(1.0, 1 - undecided / n_sugg))


def _unplaced(ev: pd.DataFrame, texts: pd.Series, docs: pd.DataFrame, names, lang: str) -> pd.DataFrame:
    """Pain-point, need and action sentences without a phase, one row per distinct sentence, with
    ``n`` — the texts (answers, turns) that say it — and their ``doc_ids``; ``who`` is the first."""
    cols = ["label", "doc_id", "who", "text", "n", "doc_ids"]
    e = ev[ev["label"].isin(["pain_point", "need", "action"])].drop_duplicates(["doc_id", "sent_start", "label"])
    if e.empty:
        return pd.DataFrame(columns=cols)
    by_id = texts.to_dict()
    raw = [str(by_id.get(d, ""))[int(a):int(b)].strip() for d, a, b in zip(e["doc_id"], e["sent_start"], e["sent_end"],
                                                                          strict=True)]
    out = pd.DataFrame({"label": e["label"].astype(str).to_numpy(), "doc_id": e["doc_id"].astype(str).to_numpy(),
                        "who": [_who(docs, d) for d in e["doc_id"]], "text": raw})
    out = out[out["text"] != ""]
    out["text"] = out["text"].map(scrub_many(out["text"].unique().tolist(), names, lang))
    out["_key"] = out["text"].map(quote_key)
    ids = out.groupby(["label", "_key"], sort=False)["doc_id"].agg(lambda v: tuple(dict.fromkeys(v)))
    out = out.drop_duplicates(["label", "_key"])
    out["doc_ids"] = [ids[k] for k in zip(out["label"], out["_key"], strict=True)]
    out["n"] = out["doc_ids"].map(len).astype("int64")
    out = out.drop(columns="_key")
    return out.sort_values(["label", "doc_id"], kind="stable").reset_index(drop=True)[cols]


def _no_phase_questions(evidence: pd.DataFrame, docs: pd.DataFrame, lang: str) -> str:
    """What the notes add about open questions without a phase: per question, how many answers it
    had in all, how many of them have a pain point, need or action, how many of those were placed
    by their own words (the tagger's clear-evidence placement) and how many stay in phase unknown —
    so the answers with nothing on the map are counted too — and how to give the question a phase
    in study.toml. ``evidence``: ``doc_id``, ``label``, ``placed`` (bool)."""
    if "question_id" not in docs or "q_phase" not in docs:
        return ""
    answers = docs[docs["question_id"].notna() & docs["q_phase"].isna()]
    if answers.empty:
        return ""
    e = evidence[evidence["label"].isin(["pain_point", "need", "action"]) & evidence["doc_id"].isin(answers.index)]
    # an answer stays unknown when any of its evidence has no phase
    placed = e.groupby("doc_id")["placed"].all()
    per_q = pd.DataFrame({"q": answers["question_id"].astype(str),
                          "tagged": answers.index.isin(placed.index),
                          "placed": placed.reindex(answers.index).fillna(False).astype(bool)})
    per_q = per_q[per_q["q"].isin(per_q.loc[per_q["tagged"], "q"])]  # a question with something to place
    if per_q.empty:
        return ""
    parts = []
    for q, g in sorted(per_q.groupby("q")):
        n, ok = int(g["tagged"].sum()), int(g["placed"].sum())
        parts.append(L.text("q_placed", lang, q=q, total=len(g), placed=ok, n=n, unknown=n - ok))
    return L.text("unplaced_questions", lang, q="; ".join(parts), first=sorted(per_q["q"].unique())[0])


def _person_of(docs: pd.DataFrame) -> dict:
    """doc_id -> the person who wrote or said it (participant id, else respondent id)."""
    who = docs["participant_id"].astype("string").fillna(docs["respondent_id"].astype("string"))
    return {d: str(p) for d, p in zip(docs.index, who, strict=True) if isinstance(p, str)}


def _survey_members(pers, groups) -> dict:
    members = {EVERYONE: None}
    if pers is not None:
        key_of = groups.set_index("persona_id")["persona"]
        p = pers[(pers["persona"] >= 0) & pers["respondent_id"].notna()]
        for pid, g in p.groupby("persona"):
            members[key_of[int(pid)]] = pd.Index(g["respondent_id"].astype(str))
    return members


def _by_source(lang: str, mi: float, ni: int, ms: float, ns: int) -> str:
    if not (ni and ns):
        return ""
    return " · " + L.text("by_source", lang, mi=L.signed(mi, 1, lang), ni=ni, ms=L.signed(ms, 1, lang), ns=ns)


def _who(docs: pd.DataFrame, doc_id: str) -> str:
    if doc_id not in docs.index:
        return ""
    row = docs.loc[doc_id]
    return display_id(row["participant_id"], row["respondent_id"])


def _co_touchpoints(shown: pd.DataFrame, ev: pd.DataFrame, lang: str) -> dict:
    """Per action cell ``(persona, phase, rank)``: the two touchpoints most named in its documents."""
    if shown.empty:
        return {}
    tps = ev.loc[ev["label"] == "touchpoint", ["doc_id", "value"]].drop_duplicates()
    m = shown[["persona", "phase", "rank", "doc_id"]].merge(tps, on="doc_id")
    if m.empty:
        return {}
    keys = ["persona", "phase", "rank"]
    top = (m.groupby(keys + ["value"]).size().rename("k").reset_index()
           .sort_values(keys + ["k", "value"], ascending=[True, True, True, False, True])
           .groupby(keys).head(2))
    joined = top.groupby(keys)["value"].agg(lambda v: ", ".join(L.touchpoint_name(x, lang) for x in v))
    return {k: L.text("often_with", lang, x=v) for k, v in joined.items()}


#: A pain point counts as this much negative valence (the tagger's document sentiment uses the
#: same weight for a pain point without an emotion word).
PAIN_VALENCE = 0.6


def _emotion_sentences(ev: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Valence per sentence with emotion or pain-point evidence: the mean of its signals — an
    emotion +1 / −1, a pain point −``PAIN_VALENCE`` — with the person (participant or
    respondent) and source (interview / survey) of its document."""
    cols = ["doc_id", "phase", "score", "person", "source"]
    e = ev[ev["label"].isin(["emotion", "pain_point"])]
    if e.empty:
        return pd.DataFrame(columns=cols)
    # Compare in pandas, then leave for numpy: a coded pain point or emotion without a child
    # code has value <NA>, and a nullable-string array handed to numpy keeps pd.NA, whose
    # truth value is an error (the cause of "boolean value of NA is ambiguous").
    is_emo = e["label"].astype("string").eq("emotion").fillna(False).to_numpy(dtype=bool)
    value = e["value"].astype("string")
    negative = value.eq("negative").fillna(False).to_numpy(dtype=bool)
    unsigned = value.isna().to_numpy()
    # an emotion coded without positive/negative carries no sign: it does not move the curve
    is_emo_signed = is_emo & ~unsigned
    sig = np.where(is_emo, np.where(negative, -1.0, 1.0), -PAIN_VALENCE)
    keep = ~is_emo | is_emo_signed
    e, sig, is_emo = e[keep], sig[keep], is_emo[keep]
    if e.empty:
        return pd.DataFrame(columns=cols)
    f = pd.DataFrame({"doc_id": e["doc_id"].to_numpy(), "sent": e["sent_start"].to_numpy(),
                      "phase": e["phase"].to_numpy(), "sig": sig, "emo": is_emo})
    out = f.groupby(["doc_id", "sent"], sort=False).agg(phase=("phase", "first"), score=("sig", "mean")).reset_index()
    d = docs.reindex(out["doc_id"])
    is_answer = d["kind"].astype("string").eq("answer").fillna(False).to_numpy(dtype=bool)
    person = np.where(is_answer, d["respondent_id"].astype("string"), d["participant_id"].astype("string"))
    out["person"] = pd.array(person, dtype="string").fillna(out["doc_id"].astype("string"))
    out["source"] = np.where(is_answer, "survey", "interview")
    return out[cols]


def _quotes(theme_cells, ev, member, texts, docs, names, lang, max_items) -> pd.DataFrame:
    cand = []
    for lane, offset in (("pain_points", 0.0), ("needs", 0.5)):
        c, h = theme_cells[lane]
        ranks = c[["persona", "phase", "item", "rank"]]
        hh = h.merge(ranks, on=["persona", "phase", "item"], how="left")
        # quotes come first from the items a compact map shows, then from the rest of the cell
        hh["pref"] = hh["rank"].where(hh["rank"] <= max_items).fillna(50).astype(float) + offset
        hh = hh[hh["kind"] != "other"]  # read as no complaint or wish: no quote of the cell
        cand.append(hh[["persona", "phase", "doc_id", "sent_start", "sent_end", "pref"]])
    em = ev[ev["label"] == "emotion"].drop_duplicates(["doc_id", "sent_start"]).merge(member, on="doc_id")
    cand.append(em.assign(pref=10.0)[["persona", "phase", "doc_id", "sent_start", "sent_end", "pref"]])
    cand = pd.concat(cand, ignore_index=True)
    if "verbatim" in docs.columns:  # the researcher's notes are coded and mapped, never quoted
        cand = cand[cand["doc_id"].map(docs["verbatim"]).fillna(True).astype(bool).to_numpy()]
    return pick_quotes(cand, texts, names, lang)


def _metrics(study, pers, groups, phase_ids, lang) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The metrics per phase, and the whole study's (a metric question without a phase)."""
    sm = survey_metrics(study.answers, study.questions, _survey_members(pers, groups), lang)
    fm = funnel_metrics(study.funnel, phase_ids, lang)
    out = pd.concat([x for x in (sm, fm) if len(x)], ignore_index=True) if len(sm) or len(fm) else sm
    if not len(out):
        return out, out
    whole = out["phase"].isna()
    return out[out["phase"].isin(phase_ids)].reset_index(drop=True), out[whole].reset_index(drop=True)


OPP_COLUMNS = ["persona", "phase", "text", "value", "n_evidence", "evidence_ids", "thin", "detail", "origin",
               "status", "opportunity_id", "derived_text", "priority", "effort", "owner", "priority_set"]


#: How much a need weighs against a pain point of the same size when no theme severity is known.
NEED_SEVERITY = 0.7


def phase_weights(metrics: pd.DataFrame, phase_ids: list[str]) -> pd.DataFrame:
    """How much a phase hurts by its numbers: ``weight = 1 + mean(available losses)``, where the
    losses are the share not satisfied (1 − CSAT top-2) and the funnel's drop-off (1 − conversion)
    of everyone in that phase; 1.0 when the phase has neither. Columns ``phase, weight, why``."""
    m = metrics[metrics["persona"] == EVERYONE] if len(metrics) else metrics
    rows = []
    for ph in phase_ids:
        losses, why = [], []
        for metric, key in (("csat_top2", "csat"), ("conversion", "conv")):
            hit = m[(m["phase"] == ph) & (m["metric"] == metric)] if len(m) else m
            if len(hit) and hit["value"].iloc[0] == hit["value"].iloc[0]:
                v = float(hit["value"].iloc[0])
                losses.append(1 - v / 100)
                why.append((key, v))
        rows.append({"phase": ph, "weight": 1 + (float(np.mean(losses)) if losses else 0.0), "why": tuple(why)})
    return pd.DataFrame(rows, columns=["phase", "weight", "why"])


def _derive_opportunities(theme_cells, themes, weights, person_of, lang) -> pd.DataFrame:
    """Opportunities from the themes with enough evidence (never thin ones, never an item labelled
    by a quote or 'other'): the two strongest pain themes and the strongest need theme of each cell, phrased as "How might we …?", scored by
    people affected × severity × the phase's weight (:func:`phase_weights`) and ranked by that
    score within each persona (``value`` is the score, ``priority`` its rank)."""
    sev = {}
    if "severity" in themes.columns:
        sev = {(r.phase, r.label, r.theme): float(r.severity) for r in themes.itertuples(index=False)
               if r.severity == r.severity}
    w = weights.set_index("phase")
    rows, said, labels = [], [], []
    for lane, label, n_top in (("pain_points", "pain_point", 2), ("needs", "need", 1)):
        c, h = theme_cells[lane]
        sentences = _item_sentences(h)
        # only a theme with a signable label: a sentence quoted as said (no label could be read
        # of it) and 'other' (no complaint or wish) are evidence in the cell, no opportunity
        themed = c[c["kind"] == "theme"]
        themed = themed.assign(rank=themed.groupby(["persona", "phase"], sort=False).cumcount() + 1)
        for r in themed[(themed["rank"] <= n_top) & ~themed["thin"].astype(bool)].itertuples(index=False):
            people = len({person_of.get(d, d) for d in r.evidence_ids})
            severity = sev.get((r.phase, label, r.item), 1.0 if label == "pain_point" else NEED_SEVERITY)
            weight = float(w.loc[r.phase, "weight"]) if r.phase in w.index else 1.0
            score = people * severity * weight
            text = L.hmw(label, r.text, lang)
            detail = L.text("opp_score", lang, n=people, s=L.number(severity, 1, lang), w=L.number(weight, 2, lang),
                            why=_weight_why(w.loc[r.phase, "why"] if r.phase in w.index else (), lang))
            rows.append({"persona": r.persona, "phase": r.phase, "text": text, "value": score,
                         "n_evidence": int(r.n_evidence), "evidence_ids": r.evidence_ids, "thin": False,
                         "detail": detail + " · " + L.text("derived", lang, x=r.text), "origin": "derived",
                         "status": "open", "opportunity_id": pd.NA, "derived_text": text})
            said.append(sentences.get((r.persona, r.phase, r.item), frozenset()))
            labels.append(quote_key(r.text))
    derived = _one_per_evidence(pd.DataFrame(rows, columns=OPP_COLUMNS), said, labels)
    if len(derived):
        derived = derived.sort_values(["persona", "value", "phase"], ascending=[True, False, True], kind="stable")
        derived["priority"] = derived.groupby("persona", sort=False).cumcount() + 1
        derived = derived.sort_values(["persona", "phase", "priority"], kind="stable")
    return derived.reset_index(drop=True)


def _item_sentences(h: pd.DataFrame) -> dict:
    """``(persona, phase, item) -> frozenset of (doc_id, sent_start)``: the sentences of each item."""
    if h.empty:
        return {}
    keys = list(zip(h["persona"], h["phase"], h["item"], strict=True))
    out: dict = {}
    for k, d, a in zip(keys, h["doc_id"].astype(str), h["sent_start"].astype("int64"), strict=True):
        out.setdefault(k, set()).add((d, int(a)))
    return {k: frozenset(v) for k, v in out.items()}


def _one_per_evidence(derived: pd.DataFrame, said: list[frozenset], words: list[str]) -> pd.DataFrame:
    """The opportunities without those that repeat a stronger one of their persona and phase from
    the same evidence (``said``: each one's sentences; ``words``: its label's, :func:`quote_key`;
    a question tagged both a pain point and a need — "waarom moet ik elke maand
    opnieuw mijn adres invullen?" — is one opportunity, not two): one whose sentences are for more
    than half another's, which scores higher, and whose label's words are that one's or hold
    them, is left out. A complaint and a different wish in one sentence ("vervelend dat ik een
    account moest aanmaken" and "wil gast bestellen") stay two."""
    if len(derived) < 2:
        return derived
    order = sorted(range(len(derived)), key=lambda i: -float(derived["value"].iloc[i]))

    def same(i: int, j: int) -> bool:
        return bool(words[i]) and bool(words[j]) and (words[i] in words[j] or words[j] in words[i])

    kept: list[int] = []
    for i in order:
        mine = said[i]
        if mine and any(derived["persona"].iloc[j] == derived["persona"].iloc[i]
                        and derived["phase"].iloc[j] == derived["phase"].iloc[i]
                        and 2 * len(mine & said[j]) > len(mine) and same(i, j) for j in kept):
            continue
        kept.append(i)
    return derived.iloc[sorted(kept)].reset_index(drop=True)


def _weight_why(why, lang: str) -> str:
    parts = []
    for key, v in why:
        parts.append(L.text(f"why_{key}", lang, v=L.number(v, 0, lang)))
    return "; ".join(parts) if parts else L.text("why_none", lang)


def overlay_opportunities(derived: pd.DataFrame, stored: pd.DataFrame | None, persona_keys: list[str],
                          lang: str) -> pd.DataFrame:
    """The map's opportunities: the derived ones, or — when the store's rows are given — those rows
    (the researcher's text and status win; rejected ones are left out), with the evidence of the
    derived opportunity they came from (matched on persona, phase and ``derived_text``)."""
    if stored is None:
        return derived
    st = stored[stored["status"].astype("string") != "rejected"].copy()
    st["persona"] = st["persona_key"].astype("string")
    dtext = st["derived_text"] if "derived_text" in st.columns else st["text"]
    st["derived_text"] = dtext.astype("string").fillna(st["text"].astype("string"))
    index = {(r.persona, r.phase, r.derived_text): r for r in derived.itertuples(index=False)}
    out = []
    for r in st.itertuples(index=False):
        for p in (persona_keys if pd.isna(r.persona) else [r.persona]):
            base = {"persona": p, "phase": r.phase, "text": r.text, "origin": str(r.origin), "status": str(r.status),
                    "opportunity_id": int(r.opportunity_id), "derived_text": r.derived_text,
                    "effort": _given(getattr(r, "effort", None)), "owner": _given(getattr(r, "owner", None)),
                    "priority_set": _given(getattr(r, "priority", None))}
            h = index.get((p, r.phase, r.derived_text))
            if h is not None:
                out.append({**base, "value": h.value, "n_evidence": h.n_evidence, "evidence_ids": h.evidence_ids,
                            "thin": h.thin, "detail": h.detail, "priority": h.priority})
            else:
                out.append({**base, "value": np.nan, "n_evidence": 0, "evidence_ids": (), "thin": False,
                            "detail": L.text("researcher", lang) if str(r.origin) == "manual" else "",
                            "priority": np.nan})
    return pd.DataFrame(out, columns=OPP_COLUMNS)


def _given(value):
    """A field the researcher may have left empty: ``None`` when missing."""
    return None if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else value


def effective_priority(opps: pd.DataFrame) -> pd.Series:
    """The priority an opportunity is ranked by: the researcher's (``priority_set``) where given,
    else the computed one (``priority``); NaN for neither."""
    computed = pd.to_numeric(opps["priority"], errors="coerce") if "priority" in opps.columns else \
        pd.Series(np.nan, index=opps.index)
    if "priority_set" in opps.columns:
        return pd.to_numeric(opps["priority_set"], errors="coerce").fillna(computed).astype("float64")
    return computed.astype("float64")


def _opportunity_cells(opps: pd.DataFrame, phase_ids: list[str]) -> pd.DataFrame:
    """The opportunities lane: per cell in priority order — the researcher's priority where set,
    else the computed one; the researcher's own unranked ideas after the ranked ones."""
    oc = opps[opps["phase"].isin(phase_ids)].assign(lane="opportunities")
    if "priority" in oc.columns:
        own = oc["priority_set"].isna() if "priority_set" in oc.columns else pd.Series(True, index=oc.index)
        oc = oc.assign(_prio=effective_priority(oc), _own=own.astype(bool))  # on a tie, the researcher's first
        oc = oc.sort_values(["persona", "phase", "_prio", "_own"], kind="stable", na_position="last")
        oc = oc.drop(columns=["_prio", "_own"])
    oc["rank"] = oc.groupby(["persona", "phase"]).cumcount() + 1
    return oc


def _evidence_rows(shown, cells, texts, docs, names, lang) -> pd.DataFrame:
    cols = ["persona", "phase", "lane", "rank", "doc_id", "who", "text"]
    parts = [s for s in shown if len(s)]
    if not parts:
        return pd.DataFrame(columns=cols)
    s = pd.concat(parts, ignore_index=True)
    has_sent = s["sent_start"].notna() if "sent_start" in s.columns else pd.Series(False, index=s.index)
    out = []
    need = s[~has_sent]
    needle = need["cue"] if "cue" in need.columns else need["item"]
    starts, ends = locate(texts, need["doc_id"], needle.astype(str)) if len(need) else ([], [])
    loc = dict(zip(need.index, zip(starts, ends, strict=False), strict=False))
    ss = s["sent_start"] if "sent_start" in s.columns else pd.Series(0, index=s.index)
    se = s["sent_end"] if "sent_end" in s.columns else pd.Series(0, index=s.index)
    whos: dict[str, str] = {}
    for i, persona, phase, lane, rank, doc, a, b, sent in zip(
            s.index, s["persona"], s["phase"], s["lane"], s["rank"], s["doc_id"], ss, se, has_sent, strict=True):
        t = str(texts.get(doc, ""))
        a, b = (int(a), int(b)) if sent else loc[i]
        if doc not in whos:
            whos[doc] = _who(docs, doc)
        out.append((persona, phase, lane, int(rank), doc, whos[doc], t[a:b].strip()))
    frame = pd.DataFrame(out, columns=cols)
    # the same sentence is shown for everyone and for its persona: scrub each distinct one once
    frame["text"] = frame["text"].map(scrub_many(frame["text"].unique().tolist(), names, lang))
    return frame


_SEP = "\n\x00\n"


def scrub_many(snippets: list[str], names, lang: str) -> dict[str, str]:
    """``{snippet: scrubbed}`` for many snippets with one :func:`scrub` call over them joined by a
    separator no pattern spans (each is scrubbed on its own if the separator got touched)."""
    if not snippets:
        return {}
    parts = scrub(_SEP.join(snippets), names, lang=lang).split(_SEP)
    if len(parts) != len(snippets):
        parts = [scrub(x, names, lang=lang) for x in snippets]
    return dict(zip(snippets, parts, strict=True))


def _metric_evidence(cells: pd.DataFrame) -> pd.DataFrame:
    m = cells[cells["lane"].isin(["metrics", "opportunities"])]
    rows = []
    for r in m.itertuples(index=False):
        for i in r.evidence_ids[:MAX_SHOWN]:
            rows.append({"persona": r.persona, "phase": r.phase, "lane": r.lane, "rank": r.rank, "doc_id": i,
                         "who": i if r.lane == "metrics" else "", "text": ""})
    return pd.DataFrame(rows, columns=["persona", "phase", "lane", "rank", "doc_id", "who", "text"])


def _pain_share(ev, doc_phase, member, phase_ids) -> pd.DataFrame:
    in_phase = pd.concat([ev[["doc_id", "phase"]],
                          pd.DataFrame({"doc_id": doc_phase.index.astype("string"),
                                        "phase": doc_phase.astype("string").to_numpy()}).dropna()])
    in_phase = in_phase[in_phase["phase"].isin(phase_ids)].drop_duplicates().merge(member, on="doc_id")
    pain = ev.loc[ev["label"] == "pain_point", ["doc_id", "phase"]].drop_duplicates().merge(member, on="doc_id")
    n_docs = in_phase.groupby(["persona", "phase"]).size().rename("n_docs")
    n_pain = pain.groupby(["persona", "phase"]).size().rename("n_pain")
    out = pd.concat([n_docs, n_pain], axis=1).fillna(0).astype("int64").reset_index()
    out["share"] = np.where(out["n_docs"] > 0, out["n_pain"] / out["n_docs"].clip(lower=1), np.nan)
    return out


def _persona_table(groups, member, pers, study) -> pd.DataFrame:
    t = groups.copy()
    n_docs = member.groupby("persona").size()
    t["n_documents"] = t["persona"].map(n_docs).fillna(0).astype("int64")
    if pers is not None:
        p = pers[pers["persona"] >= 0]
        key_of = groups.set_index("persona_id")["persona"]
        keyed = p.assign(key=p["persona"].map(key_of))
        t["n_respondents"] = t["persona"].map(keyed.dropna(subset=["respondent_id"]).groupby("key").size())
        t["n_participants"] = t["persona"].map(keyed.dropna(subset=["participant_id"]).groupby("key").size())
    else:
        t["n_respondents"] = 0
        t["n_participants"] = 0
    t.loc[t["persona"] == EVERYONE, "n_respondents"] = len(study.respondents)
    t.loc[t["persona"] == EVERYONE, "n_participants"] = len(study.participants)
    for col in ("n_respondents", "n_participants"):
        t[col] = t[col].fillna(0).astype("int64")
    return t[["persona", "persona_id", "name", "n_respondents", "n_participants", "n_documents"]]
