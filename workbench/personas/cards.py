"""Persona cards: who each persona is, in words and numbers, with evidence.

A :class:`PersonaCard` holds a persona's name (generated from its defining traits, or given
by the researcher), size, the features that set it apart from the whole sample with effect
sizes, demographics, channels and touchpoints, needs and pain points per phase, NPS / CSAT /
CES, the stability verdict, and representative quotes.

Effect sizes compare the persona with the whole sample: Cohen's d = (persona mean − sample
mean) / sample SD for scaled features; Cohen's h = 2·asin√p_persona − 2·asin√p_sample for
one-hot features (0.2 small, 0.5 medium, 0.8 large for both).

Quotes come from the persona's own open answers and interview turns, members closest to the
persona's centre first, documents tagged with a pain point or need preferred, each from another
person (and phase) while the persona has more to offer. A quote is the
document's text (or its first sentences, cut at a sentence end) after
:func:`workbench.privacy.scrub` removed personal data — nothing else is changed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..journey import labels as L
from ..journey.labels import number, signed
from ..privacy import scrub
from ._answers import by_persona, csat_scores, metrics, nps_score, option_shares, raw_means, scale_shares
from .features import FeatureMatrix
from .naming import WORDS, generate_name
from .stability import StabilityReport, verdict_label

__all__ = ["PersonaCard", "Quote", "build_cards", "persona_key", "effect_sizes", "nps_score", "csat_scores",
           "unique_names"]

N_TRAITS = 8
PROFILE_COLUMNS = ["attribute", "question", "value", "share", "sample_share"]
LEAD_SHARE, LEAD_LIFT = 0.6, 1.5  # an attribute value leads the name: most of the persona, 1.5× the sample
MAX_QUOTE = 280
WARNINGS = {
    "nl": {"unstable": "Instabiel: deze persona komt bij herhaald steekproeven niet terug (Jaccard {j} < 0,6). "
                       "Niet op vertrouwen.",
           "doubtful": "Twijfelachtig: deze persona komt maar deels terug (Jaccard {j}).",
           "too_small": "Te klein: {n} respondenten, minder dan de {m} die een persona minstens nodig heeft. "
                        "Beschrijf geen type op basis van zo weinig mensen."},
    "en": {"unstable": "Unstable: this persona does not come back under resampling (Jaccard {j} < 0.6). "
                       "Do not rely on it.",
           "doubtful": "Doubtful: this persona only partly comes back under resampling (Jaccard {j}).",
           "too_small": "Too small: {n} respondents, fewer than the {m} a persona needs at least. "
                        "Do not describe a type from so few people."},
}


@dataclass
class Quote:
    """A representative quote: scrubbed text and where it comes from."""

    doc_id: str
    text: str
    respondent_id: str | None = None
    participant_id: str | None = None
    tags: tuple[str, ...] = ()
    phase: str | None = None


@dataclass
class PersonaCard:
    """Everything a persona card shows. Tables are small DataFrames (see ``build_cards``).

    Attributes
    ----------
    persona : int
        0..k-1, 0 the largest.
    key : str
        Stable key under which a researcher's name is stored (``"k4-p0"``).
    name, generated_name : str
        Display name (the researcher's if given) and the generated one.
    size, share : int, float
        Respondents in the persona and their share of all respondents.
    traits : DataFrame
        ``column, kind, label, persona_value, sample_value, effect, effect_kind, display``,
        strongest effect first; empty when the survey makes one persona (it is the sample).
    demographics : DataFrame
        ``question_id, question, option, share, sample_share`` (top option per choice question).
    channels : DataFrame
        ``question_id, option, share, sample_share`` (multi-select options, most ticked first).
    touchpoints : DataFrame
        ``touchpoint, share, sample_share`` (share of the persona's documents naming it).
    phases : DataFrame
        ``phase, phase_name, docs, pain_share, need_share, pains, needs`` (examples: scrubbed quotes;
        ``phase_name`` in the card's language).
    nps, csat_mean, csat_top2, ces_mean : float or None
        Metrics of the persona (NPS −100..100; CSAT mean and share 4–5 on a 1–5 scale).
    csat_by_phase : DataFrame
        ``phase, question_id, mean, top2, n``.
    jaccard, verdict, warning : stability (None when not computed).
    quotes : list of Quote
    participants : list of str
        Interview participants placed in this persona.
    placed_by : dict
        How each participant was placed: ``"link"`` (their survey answers), ``"interview"`` (their
        words) or ``"only"`` (the survey makes one persona).
    profile : DataFrame
        ``attribute, question, value, share, sample_share``: per attribute question of the
        researcher, the value most of the persona gave (empty without attribute questions).
    """

    persona: int
    key: str
    name: str
    generated_name: str
    size: int
    share: float
    traits: pd.DataFrame
    demographics: pd.DataFrame
    channels: pd.DataFrame
    touchpoints: pd.DataFrame
    phases: pd.DataFrame
    nps: float | None = None
    n_nps: int = 0
    csat_mean: float | None = None
    csat_top2: float | None = None
    csat_by_phase: pd.DataFrame = field(default_factory=pd.DataFrame)
    ces_mean: float | None = None
    jaccard: float | None = None
    verdict: str | None = None
    warning: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    lang: str = "en"
    placed_by: dict[str, str] = field(default_factory=dict)
    profile: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROFILE_COLUMNS))

    @property
    def is_unstable(self) -> bool:
        return self.verdict in ("unstable", "too_small")

    @property
    def verdict_label(self) -> str:
        """The stability verdict in the card's language ("stabiel", "too small", …)."""
        return verdict_label(self.verdict, self.lang)


def persona_key(persona: int, n_clusters: int) -> str:
    """The key a persona's name is stored under: ``"k<k>-p<persona>"``."""
    return f"k{n_clusters}-p{persona}"


def effect_sizes(features: FeatureMatrix, members: pd.Index) -> pd.DataFrame:
    """Persona vs whole-sample values and effect sizes (d or h) for every feature."""
    f = features.frame
    info = features.feature_info.set_index("column").reindex(f.columns)
    in_p = f.index.isin(members)
    pm = f[in_p].mean()
    sm = f.mean()
    sd = f.std(ddof=0).replace(0, np.nan)
    onehot = info["kind"].isin(["choice", "multi", "missing"]) | f.columns.str.startswith("text:touchpoint:")
    d = (pm - sm) / sd
    h = 2 * np.arcsin(np.sqrt(pm.clip(0, 1))) - 2 * np.arcsin(np.sqrt(sm.clip(0, 1)))
    out = pd.DataFrame(
        {
            "column": f.columns,
            "kind": info["kind"].to_numpy(),
            "question_id": info["question_id"].to_numpy(),
            "question_text": info["question_text"].to_numpy(),
            "option": info["option"].to_numpy(),
            "label": info["label"].to_numpy(),
            "persona_value": pm.to_numpy(),
            "sample_value": sm.to_numpy(),
            "effect": np.where(onehot, h.fillna(0.0), d.fillna(0.0)),
            "effect_kind": np.where(onehot, "h", "d"),
        }
    )
    return out


def text_feature_label(column: str, lang: str, phase_names: Mapping[str, str] | None = None) -> str | None:
    """A text feature (``text:pain_share:purchase``, ``text:touchpoint:phone``, ``text:sentiment``)
    in words of ``lang``, with phase and touchpoint names; None for any other column."""
    parts = str(column).split(":")
    if parts[0] != "text" or len(parts) < 2:
        return None
    if parts[1] == "sentiment":
        return L.text("tf_sentiment", lang)
    if parts[1] == "touchpoint" and len(parts) > 2:
        return L.text("tf_touchpoint", lang, x=L.touchpoint_name(":".join(parts[2:]), lang))
    if parts[1] in ("pain_share", "need_share") and len(parts) > 2:
        what = parts[1].split("_")[0]
        ph = ":".join(parts[2:])
        if ph == "any":
            return L.text(f"tf_{what}_any", lang)
        return L.text(f"tf_{what}_in", lang, phase=(phase_names or {}).get(ph, ph))
    return None


def _display(row, raw_p: pd.Series, raw_s: pd.Series, lang: str = "en") -> str:
    """Persona vs sample value and the effect size, in the language's decimal convention."""
    eff = f"{row['effect_kind']} = {signed(row['effect'], 2, lang)}"
    if row["kind"] in ("likert", "nps", "numeric") and row["question_id"] in raw_p.index:
        q = row["question_id"]
        return f"{number(raw_p[q], 1, lang)} vs {number(raw_s[q], 1, lang)} ({eff})"
    if row["effect_kind"] == "h" or str(row["column"]).startswith("text:"):
        return f"{100 * row['persona_value']:.0f}% vs {100 * row['sample_value']:.0f}% ({eff})"
    return f"{number(row['persona_value'], 2, lang)} vs {number(row['sample_value'], 2, lang)} ({eff})"


def _sentences(text: str, limit: int = MAX_QUOTE) -> str:
    """The text, or its first sentences up to ``limit`` characters (a prefix, cut at a sentence end)."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", text) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _member_docs(documents, doc_tags, members, participants, rank) -> pd.DataFrame:
    """Documents of a persona (open answers of members, participant turns of its interviewees)."""
    if documents is None or documents.empty:
        return pd.DataFrame(columns=["doc_id", "text", "respondent_id", "participant_id", "rank", "pain_point",
                                     "need", "phase_tag", "tp"])
    d = documents
    is_ans = (d["kind"].astype("string") == "answer") & d["respondent_id"].isin(members)
    is_seg = (d["kind"].astype("string") == "segment") & d["participant_id"].isin(participants)
    if "role" in d.columns:
        is_seg &= d["role"].astype("string") != "interviewer"
    if "verbatim" in d.columns:  # the researcher's notes are never quoted as a participant's words
        is_seg &= d["verbatim"].astype(bool)
    docs = d[is_ans | is_seg].copy()
    docs = docs[docs["text"].notna() & (docs["text"].astype("string").str.strip() != "")]
    n = len(rank)  # respondents by distance to the centre; interview turns after them
    docs["rank"] = [rank.get(r, n) if isinstance(r, str) else n + 1 for r in docs["respondent_id"].astype(object)]
    if doc_tags is not None and not doc_tags.empty:
        t = doc_tags.drop_duplicates("doc_id").set_index("doc_id")
        for c in ("pain_point", "need"):
            docs[c] = docs["doc_id"].map(t[c]).fillna(0).astype(int) if c in t else 0
        docs["phase_tag"] = docs["doc_id"].map(t["phase"]) if "phase" in t else pd.NA
        docs["tp"] = docs["doc_id"].map(t["touchpoints"]) if "touchpoints" in t else ""
    else:
        docs["pain_point"] = docs["need"] = 0
        docs["phase_tag"] = pd.NA
        docs["tp"] = ""
    return docs.sort_values(["rank", "doc_id"], kind="stable")


def _quotes(docs: pd.DataFrame, names: Sequence[str], lang: str, n: int = 3) -> list[Quote]:
    """Up to ``n`` quotes, documents tagged with a pain point or need first, members closest to
    the centre first — from as many different people as the persona has (then from different
    phases): a card whose three quotes are one respondent's three answers shows one voice, not a
    persona. A quote that repeats another in its words (case and punctuation aside) is left out.
    """
    from ..journey.lanes import quote_key

    if docs.empty:
        return []
    tagged = (docs["pain_point"] + docs["need"]) > 0
    ordered = pd.concat([docs[tagged], docs[~tagged]])
    cand = []
    seen: set[str] = set()
    for r in ordered.itertuples(index=False):
        text = _sentences(scrub(str(r.text), names, lang=lang))
        key = quote_key(text)
        if len(text.strip()) < 20 or key in seen:
            continue
        seen.add(key)
        person = next((str(x) for x in (r.respondent_id, r.participant_id) if not pd.isna(x)), str(r.doc_id))
        phase = None if pd.isna(r.phase_tag) else str(r.phase_tag)
        cand.append((person, phase, r, text))
    picked: list[int] = []
    people: set[str] = set()
    phases: set = set()
    # tagged, new person, new phase; tagged, new person; new person; any
    for need_tag, new_person, new_phase in ((True, True, True), (True, True, False), (False, True, False),
                                            (False, False, False)):
        for i, (person, phase, r, _) in enumerate(cand):
            if len(picked) >= n:
                break
            if i in picked or (need_tag and not (r.pain_point or r.need)) or (new_person and person in people) or (
                    new_phase and phase in phases):
                continue
            picked.append(i)
            people.add(person)
            phases.add(phase)
    out: list[Quote] = []
    for i in sorted(picked):
        _, phase, r, text = cand[i]
        tags = tuple(t for t, flag in (("pain_point", r.pain_point), ("need", r.need)) if flag)
        out.append(Quote(doc_id=str(r.doc_id), text=text,
                         respondent_id=None if pd.isna(r.respondent_id) else str(r.respondent_id),
                         participant_id=None if pd.isna(r.participant_id) else str(r.participant_id),
                         tags=tags, phase=phase))
    return out


def _standing_alone(texts: pd.Series, words: int = 6) -> list[str]:
    """``texts`` in their order, those of at least ``words`` words first: an answer such as
    "Gewoon, onder de prijs." says something only next to the question it answers, so it is the
    phase's example only when nobody said more."""
    texts = [str(t) for t in texts]
    return sorted(texts, key=lambda t: len(re.findall(r"\w+", t)) < words)


def _profile(respondents: pd.DataFrame | None, attributes: Mapping[str, str] | None, members) -> pd.DataFrame:
    """Per attribute question, the value most of ``members`` gave, with its share among them
    and in the whole sample (answered ones only)."""
    rows = []
    if respondents is None or not attributes or "respondent_id" not in respondents:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    r = respondents.drop_duplicates("respondent_id").set_index(respondents["respondent_id"].drop_duplicates().astype(str))
    mine = r.index.isin([str(m) for m in members])
    for col, question in attributes.items():
        if col not in r:
            continue
        values = r[col].astype("string").str.strip().replace("", pd.NA)
        own, whole = values[mine].dropna(), values.dropna()
        if own.empty or whole.nunique() > 40:  # free text or an id: no profile
            continue
        top = own.value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        value = str(top.index[0])
        rows.append({"attribute": col, "question": question, "value": value, "share": float(top.iloc[0] / len(own)),
                     "sample_share": float((whole == value).mean())})
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _lead(profile: pd.DataFrame, name: str, taken) -> str:
    """``name`` led by the attribute value that marks the persona (most of it, ≥ 1.5× the sample)."""
    if profile.empty:
        return name
    mark = profile[(profile["share"] >= LEAD_SHARE) & (profile["share"] >= LEAD_LIFT * profile["sample_share"])]
    if mark.empty:
        return name
    value = str(mark.sort_values("share", ascending=False, kind="stable")["value"].iloc[0])
    if value.casefold() in name.casefold():
        return name
    first = name.split(" · ")[0]
    for out in (f"{value} · {first}", f"{value} · {name}", value):
        if out not in taken:
            return out
    return name


def _phase_table(docs, phases, names, lang, phase_names=None) -> pd.DataFrame:
    rows = []
    phase_names = dict(phase_names or {})
    for ph in phases:
        sub = docs[docs["phase_tag"].astype("string") == ph] if not docs.empty else docs
        n = len(sub)
        pains, needs = ([_sentences(scrub(t, names, lang=lang), 160)
                         for t in _standing_alone(sub.loc[sub[c] > 0, "text"])[:2]] for c in ("pain_point", "need"))
        rows.append({"phase": ph, "phase_name": phase_names.get(ph, ph), "docs": n,
                     "pain_share": float(sub["pain_point"].mean()) if n else np.nan,
                     "need_share": float(sub["need"].mean()) if n else np.nan,
                     "pains": pains, "needs": needs})
    return pd.DataFrame(rows, columns=["phase", "phase_name", "docs", "pain_share", "need_share", "pains", "needs"])


def _touchpoint_shares(docs: pd.DataFrame) -> pd.Series:
    """Share of ``docs`` naming each touchpoint (``tp``: ';'-joined names; a document counts once
    per touchpoint). Counted per distinct ``tp`` string: there are few of them."""
    if docs.empty:
        return pd.Series(dtype=float)
    counts: Counter = Counter()
    for joined, n in docs["tp"].astype("string").fillna("").value_counts(sort=False).items():
        for name in {t.strip() for t in joined.split(";")} - {""}:
            counts[name] += int(n)
    return pd.Series(counts, dtype=float) / len(docs)


def _touchpoints(docs: pd.DataFrame, sample_shares: pd.Series) -> pd.DataFrame:
    p = _touchpoint_shares(docs)
    out = pd.DataFrame({"touchpoint": p.index.astype(object), "share": p.to_numpy()})
    out["sample_share"] = out["touchpoint"].map(sample_shares).fillna(0.0)
    return out.sort_values(["share", "touchpoint"], ascending=[False, True]).head(6).reset_index(drop=True)


def build_cards(
    features: FeatureMatrix,
    labels: pd.Series,
    *,
    answers: pd.DataFrame,
    questions: pd.DataFrame | None = None,
    distances: pd.Series | None = None,
    documents: pd.DataFrame | None = None,
    doc_tags: pd.DataFrame | None = None,
    participants: pd.Series | None = None,
    placed_by: Mapping[str, str] | None = None,
    stability: StabilityReport | None = None,
    names: Mapping | None = None,
    scrub_names: Sequence[str] = (),
    phases: Sequence[str] | None = None,
    phase_names: Mapping[str, str] | None = None,
    lang: str = "en",
    n_traits: int = N_TRAITS,
    min_size: int | None = None,
    respondents: pd.DataFrame | None = None,
    attributes: Mapping[str, str] | None = None,
) -> list[PersonaCard]:
    """One card per persona.

    Parameters
    ----------
    features : FeatureMatrix
        The respondents' features (rows aligned with ``labels``).
    labels : Series
        Persona per respondent id (-1 = noise, no card).
    answers, questions : DataFrame
        ``schema.ANSWERS`` / ``schema.QUESTIONS``, for metrics, demographics and channels.
    distances : Series, optional
        Distance of each respondent to its persona's centre (quotes from the closest first).
    documents, doc_tags : DataFrame, optional
        For quotes, needs and pain points per phase, touchpoints.
    participants : Series, optional
        Persona per interview participant id (their interview turns count as the persona's).
    placed_by : mapping, optional
        How each participant was placed ("link" or "interview").
    stability : StabilityReport, optional
    names : mapping, optional
        Researcher-given names by key (``"k4-p0"``) or persona number. Generated names are
        unique and never repeat a researcher's name.
    scrub_names : sequence of str
        Names to remove from quotes (e.g. ``study.speaker_names()``).
    phases : sequence of str, optional
        Phase ids in order (for the per-phase table).
    phase_names : mapping, optional
        Display name of each phase id in ``lang`` (the card shows names, never ids).
    lang : {"nl", "en"}
    n_traits : int
        Distinguishing features listed per card.
    min_size : int, optional
        The minimum persona size (for the "too small" warning).
    respondents : DataFrame, optional
        ``schema.RESPONDENTS`` with the attribute columns, and ``attributes`` the researcher's
        attribute questions (column -> question text, :attr:`workbench.Study.attributes`): each
        card's ``profile`` says how the persona answered them (not clustered on, so they describe
        it independently), and a value most of a persona share, at least 1.5× as often as the
        sample, leads its generated name ("Forens · …").
    """
    names = dict(names or {})
    k = int(labels[labels >= 0].nunique())
    n_all = int(len(labels))
    dist = distances if distances is not None else pd.Series(0.0, index=labels.index)
    participants = participants if participants is not None else pd.Series(dtype="int64")
    tag_phases = list(phases) if phases is not None else (
        sorted(doc_tags["phase"].dropna().astype(str).unique()) if doc_tags is not None and "phase" in doc_tags else []
    )
    all_docs = _member_docs(documents, doc_tags, labels.index, participants.index, {})
    sample_tp = _touchpoint_shares(all_docs)
    metric_of = {}
    if questions is not None and "metric" in questions:
        metric_of = questions.dropna(subset=["metric"]).set_index("question_id")["metric"].astype(str).to_dict()
    verdicts = stability.table.set_index("persona") if stability is not None else None
    given = {p: names.get(persona_key(p, k)) or names.get(p) or names.get(str(p))
             for p in sorted(int(x) for x in labels.unique() if x >= 0)}
    taken = {str(v) for v in given.values() if v}
    reduced = by_persona(answers, labels)
    cards = []
    for p in sorted(int(x) for x in labels.unique() if x >= 0):
        members = labels.index[labels == p]
        rank = {r: i for i, r in enumerate(dist.loc[members].sort_values(kind="stable").index)}
        eff = effect_sizes(features, members)
        eff = eff[eff["kind"] != "missing"]
        eff = eff.reindex(eff["effect"].abs().sort_values(ascending=False, kind="stable").index)
        eff["metric"] = eff["question_id"].map(metric_of).astype(object)
        # how many of the persona the name's claims hold for ('NPS: promotor' only when most are)
        rated = eff["kind"].isin(["likert", "nps", "numeric"])
        shares = scale_shares(reduced["num"], p, questions, eff.loc[rated, "question_id"].dropna().unique().tolist())
        for col in ("p_top", "p_bottom"):
            eff[col] = eff["question_id"].map(shares[col]).where(rated) if len(shares) else np.nan
        profile = _profile(respondents, attributes, members)
        if k == 1:
            generated = WORDS.get(lang, WORDS["en"])["everyone"]
        else:
            generated = _lead(profile, generate_name(eff.head(3 * n_traits), number=p, lang=lang, taken=taken), taken)
        taken.add(generated)
        eff = eff.head(n_traits)
        words = [text_feature_label(c, lang, phase_names) for c in eff["column"]]
        eff["label"] = [w if w else x for w, x in zip(words, eff["label"], strict=True)]
        eff["question_text"] = [w if w else x for w, x in zip(words, eff["question_text"], strict=True)]
        raw_p, raw_s = raw_means(reduced["num"], p, eff["question_id"].dropna().tolist())
        eff["display"] = [_display(r, raw_p, raw_s, lang) for r in eff.to_dict("records")]
        eff = eff.reset_index(drop=True)
        key = persona_key(p, k)
        name = given[p] or generated
        demo = option_shares(reduced["choice"], p)
        if not demo.empty:
            demo = demo.sort_values(["question_id", "share"], ascending=[True, False], kind="stable")
            demo = demo.drop_duplicates("question_id").reset_index(drop=True)
        chan = option_shares(reduced["multi_choice"], p)
        if not chan.empty:
            chan = chan.sort_values("share", ascending=False, kind="stable").head(6).reset_index(drop=True)
            chan = chan.drop(columns="question")
        pids = sorted(str(x) for x in participants.index[participants == p])
        docs = _member_docs(documents, doc_tags, members, pids, rank)
        jac = verd = warn = None
        if verdicts is not None and p in verdicts.index:
            jac = float(verdicts.at[p, "jaccard_mean"])
            verd = str(verdicts.at[p, "verdict"])
            tmpl = WARNINGS.get(lang, WARNINGS["en"]).get(verd)
            warn = tmpl.format(j=number(jac, 2, lang), n=len(members), m=min_size) if tmpl else None
        cards.append(
            PersonaCard(
                persona=p, key=key, name=str(name), generated_name=generated, size=len(members),
                share=len(members) / n_all if n_all else 0.0, demographics=demo, channels=chan, profile=profile,
                traits=eff if k > 1 else eff.iloc[0:0],  # one persona is the sample: nothing sets it apart
                touchpoints=_touchpoints(docs, sample_tp), phases=_phase_table(docs, tag_phases, scrub_names, lang,
                                                                                       phase_names),
                jaccard=jac, verdict=verd, warning=warn, quotes=_quotes(docs, scrub_names, lang),
                participants=pids, lang=lang, placed_by={x: (placed_by or {}).get(x, "") for x in pids},
                **metrics(reduced["num"], questions, p),
            )
        )
    unique_names(cards)
    return cards


def unique_names(cards: list[PersonaCard]) -> None:
    """Make the display names unique: a repeated researcher-given name gets its persona number."""
    seen: set[str] = set()
    for c in cards:
        if c.name in seen:
            c.name = f"{c.name} (persona {c.persona})"
        seen.add(c.name)
