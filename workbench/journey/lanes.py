"""The lanes of a journey map, computed for every persona and phase at once (vectorised).

Each function takes *hits* — one row per piece of evidence already tied to a persona (a document
in ``everyone`` and in its own persona) — and returns ranked cells. See
:func:`workbench.journey.build_journey_map` for the meaning of the columns.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

import numpy as np
import pandas as pd

from ..privacy import scrub
from ..nlp.compounds import study_compounds
from . import labels as L
from .themes import find_themes

__all__ = ["rank_items", "action_hits", "theme_hits", "emotion_table", "satisfaction_table", "summarise_scores",
           "pick_quotes", "quote_key", "MAX_SHOWN", "EMOTION_COLUMNS"]

MAX_SHOWN = 20      # evidence rows kept per cell for display (the cell keeps every id)
MAX_QUOTE = 280
_ITEM_KEYS = ["persona", "phase", "item"]


def rank_items(hits: pd.DataFrame, lane: str, min_evidence: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank the items of each (persona, phase) by documents (the people behind an item), then
    mentions; every item is kept (how many a compact output shows is the renderer's choice: it
    counts the rest as "+N more").

    ``hits`` has ``persona, phase, item, doc_id`` (and any other columns, kept in the evidence
    rows); an item whose optional ``last`` column is true ranks after every other one (the
    "other" item of a cell). Returns the cells and the evidence rows to display (≤ ``MAX_SHOWN`` per item).
    """
    cols = ["persona", "phase", "lane", "rank", "item", "value", "n_evidence", "evidence_ids", "thin"]
    if hits.empty:
        return pd.DataFrame(columns=cols), pd.DataFrame(columns=["persona", "phase", "lane", "rank", "item",
                                                                  "doc_id"])
    # factorise the key columns once (groupby, merge and drop_duplicates below reuse the codes)
    hits = hits.astype({k: "category" for k in (*_ITEM_KEYS, "doc_id")})
    g = hits.groupby(_ITEM_KEYS, sort=False, observed=True)
    agg = pd.DataFrame({"value": g.size(), "n_evidence": g["doc_id"].nunique(),
                        "_last": g["last"].max() if "last" in hits.columns else False}).reset_index()
    agg = agg.sort_values(["persona", "phase", "_last", "n_evidence", "value", "item"],
                          ascending=[True, True, True, False, False, True], kind="stable")
    agg["rank"] = agg.groupby(["persona", "phase"], sort=False).cumcount() + 1
    kept = hits.merge(agg[_ITEM_KEYS + ["rank"]], on=_ITEM_KEYS)
    ids = kept.drop_duplicates(_ITEM_KEYS + ["doc_id"]).groupby(_ITEM_KEYS, sort=False)["doc_id"].agg(tuple)
    agg = agg.merge(ids.rename("evidence_ids").reset_index(), on=_ITEM_KEYS, how="left")
    agg["lane"] = lane
    agg["thin"] = agg["n_evidence"] < min_evidence
    shown = kept.drop_duplicates(_ITEM_KEYS + ["doc_id"]).groupby(_ITEM_KEYS, sort=False).head(MAX_SHOWN)
    return agg[cols].reset_index(drop=True), shown.assign(lane=lane).reset_index(drop=True)


_FIRST_PERSON = {"nl": r"ik|we|wij|'k", "en": r"i|we|i'm|i've|we've|i'd"}
_SENT = re.compile(r"[^.!?…\n]+[.!?…]*")


def _cue_phase(phase_model, lang: str):
    """A function giving the first phase (in model order) whose cue words occur in a text."""
    cues = [(i, phase.id, c.lower()) for i, phase in enumerate(phase_model) for c in phase.cues.get(lang, ()) if c.strip()]
    if not cues:
        return lambda text: None
    alts = "|".join(re.escape(c) for c in sorted({c for _, _, c in cues}, key=len, reverse=True))
    pat = re.compile(rf"(?<!\w)({alts})(?!\w)", re.IGNORECASE)
    order = {}
    for i, pid, c in cues:
        order.setdefault(c, (i, pid))

    def find(text: str):
        hits = [order[m.group(1).lower()] for m in pat.finditer(text) if m.group(1).lower() in order]
        return min(hits)[1] if hits else None

    return find


def action_hits(docs: pd.DataFrame, phase_model, lang: str, doc_phase: pd.Series | None = None,
                pipeline: str | None = None, sentences: pd.DataFrame | None = None,
                parties: set | None = None) -> pd.DataFrame:
    """What participants say they did — verb phrases with their object ("vergeleek prijzen op een
    vergelijkingssite", "belde de klantenservice"), see :func:`workbench.nlp.actions.action_phrases`
    — one row per document × phase × action (``doc_id, phase, item, cue``; ``item`` is the
    action as most often said, ``cue`` as said in this document, ``key`` its lemmas).

    Only sentences in the first person (or answers, which often leave the pronoun out) are
    parsed. An action that names a (strong) cue word itself ("besteld") is in that cue's phase;
    any other in its sentence's: that of the tagged sentence it lies in (``sentences``: ``doc_id,
    sent_start, sent_end, phase`` — the evidence's phases, with the researcher's phase codes),
    else that of the first phase whose cue words the sentence names, else its document's
    (``doc_phase``: the tagger's phase, else the question's); without one its ``phase`` is <NA>
    (the map lists it under "phase unknown"). Rows also carry the sentence's ``sent_start,
    sent_end``.

    A contact verb said without whom ("ik heb gebeld", "I called") takes its party from the context:
    the customer service, when its turn names that touchpoint (``parties``: the ids of such documents)
    or its phase lists it ("klantenservice gebeld", "called customer service") — so three people who
    say "ik heb gebeld" make one action told three times; without such a context it is too thin.
    """
    from ..nlp.actions import action_phrases
    from ..nlp.syntax import parse

    cols = ["doc_id", "phase", "item", "cue", "key", "sent_start", "sent_end"]
    if docs.empty:
        return pd.DataFrame(columns=cols)
    placed: dict[str, list] = {}
    if sentences is not None and len(sentences):
        known = sentences.dropna(subset=["phase"]).drop_duplicates(["doc_id", "sent_start"])
        for d, a, b, ph in zip(known["doc_id"].astype(str), known["sent_start"], known["sent_end"], known["phase"],
                               strict=True):
            placed.setdefault(d, []).append((int(a), int(b), str(ph)))
    first = re.compile(rf"(?<!\w)({_FIRST_PERSON.get(lang, _FIRST_PERSON['en'])})(?!\w)", re.IGNORECASE)
    cue_phase = _cue_phase(phase_model, lang)
    phases = doc_phase if doc_phase is not None else pd.Series(dtype="string")
    qph = docs["q_phase"] if "q_phase" in docs.columns else pd.Series(pd.NA, index=docs.index)
    kinds = docs["kind"].astype("string") if "kind" in docs.columns else pd.Series("segment", index=docs.index)
    cand = []
    for doc_id, text, q, kind in zip(docs.index, docs["text"].astype("string").fillna(""), qph, kinds, strict=True):
        dp = phases.get(doc_id, pd.NA)
        own = placed.get(str(doc_id), ())
        for m in _SENT.finditer(str(text)):
            sent = m.group(0).strip()
            if len(sent) < 8 or not (kind == "answer" or first.search(sent)):
                continue
            at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            ph = next((p for a, b, p in own if a <= at < b), None)
            ph = ph or cue_phase(sent) or (dp if isinstance(dp, str) and dp else (q if isinstance(q, str) and q else None))
            cand.append((str(doc_id), ph or pd.NA, sent, at, at + len(sent)))
    if not cand:
        return pd.DataFrame(columns=cols)
    from ..nlp.talk import small_talk

    cand = [c for c, talk in zip(cand, small_talk([c[2] for c in cand], lang), strict=True) if not talk]
    rows = []
    party = _Party(phase_model, lang, pipeline)
    for (doc_id, ph, _, a0, a1), parsed in zip(cand, parse([c[2] for c in cand], lang, pipeline=pipeline), strict=True):
        for a in action_phrases(parsed, open_objects=True):  # the action's own cue word first ('twijfelde …, toen heb ik besteld')
            if a.open:
                a = party.complete(a, ph if isinstance(ph, str) else None, doc_id in (parties or ()))
                if a is None:
                    continue
            rows.append((doc_id, cue_phase(a.text) or ph, a.text, a.key, a0, a1))
    hits = pd.DataFrame(rows, columns=["doc_id", "phase", "cue", "key", "sent_start", "sent_end"])
    if hits.empty:
        return pd.DataFrame(columns=cols)
    from ..nlp.spelling import respell

    said_words = hits["cue"].tolist()  # a typo'd copy is the action its clean copies say ('filled in the form twice')
    hits["cue"] = [respell(c, said_words, lang) for c in said_words]
    hits["key"] = [respell(k, said_words, lang) for k in hits["key"].tolist()]
    said = hits.assign(low=hits["cue"].str.lower()).groupby(["key", "low"], sort=False).size().rename("k").reset_index()
    said = said.sort_values(["key", "k", "low"], ascending=[True, False, True], kind="stable").drop_duplicates("key")
    surface = dict(zip(hits["cue"].str.lower(), hits["cue"], strict=True))
    hits["item"] = hits["key"].map({k: surface[w] for k, w in zip(said["key"], said["low"], strict=True)})
    hits["doc_id"] = hits["doc_id"].astype("string")
    hits["phase"] = hits["phase"].astype("string")
    hits = _merge_objects(hits, lang)
    return hits.drop_duplicates(["doc_id", "phase", "key"])[cols].reset_index(drop=True)


MAX_OBJECTS = 4  # objects named in one merged action ('gegoogeld op bank / spiegel / bureau / …')


def _merge_objects(hits: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One action per verb and preposition in a phase: 'gegoogeld op bank', 'gegoogeld op spiegel' and
    'gegoogeld op bureau', each said by one or two people, are one thing customers did ('gegoogeld op
    bank / spiegel / bureau'), counted by everyone who said one of them. Only actions whose key is a
    verb, a preposition and a noun (:func:`workbench.nlp.actions.action_phrases` keys a prepositional
    object so) and whose words around the object are the same ('vergeleken met X' and 'X vergeleken'
    stay apart); objects ranked by people, at most :data:`MAX_OBJECTS` named, then '…'.
    """
    if hits.empty:
        return hits
    framed = hits["key"].str.split().str.len().eq(3) & hits["phase"].notna()
    if not framed.any():
        return hits
    rows = []
    for i, item, key in zip(hits.index[framed], hits.loc[framed, "item"], hits.loc[framed, "key"], strict=True):
        verb, case, noun = key.split()
        words = str(item).split()
        at = next((j for j, w in enumerate(words) if w.lower() == case), None)
        if at is None:
            continue
        # 'gegoogeld op bank': the object runs to the end; 'via de chat gevraagd' (Dutch, verb last): to the verb
        rest = words[at + 1:]
        end = len(rest) - 1 if at == 0 else len(rest)
        head, obj, after = words[:at + 1], rest[:end], rest[end:]
        if not obj or len(os.path.commonprefix([obj[-1].lower(), noun])) < min(4, len(noun)):
            continue  # the object is not the key's noun ('filled in the form twice': 'in' is a particle)
        rows.append((i, hits.at[i, "phase"], f"{verb} {case}", " ".join(head).lower(), " ".join(after).lower(),
                     " ".join(head), " ".join(obj), " ".join(after), hits.at[i, "doc_id"], key))
    if not rows:
        return hits
    f = pd.DataFrame(rows, columns=["i", "phase", "frame", "h", "a", "head", "obj", "after", "doc_id", "key"])
    f = f[f.groupby(["phase", "frame", "h", "a"], sort=False)["key"].transform("nunique") > 1]
    if f.empty:
        return hits
    from ..nlp.wordclass import closed_class_words

    # each object ends in a noun, not in a closed-class word a misparse took for one ('the form twice')
    closed = closed_class_words(lang)
    f = f[~f["obj"].str.split().str[-1].str.lower().isin(closed)]
    hits = hits.copy()
    for _, g in f.groupby(["phase", "frame", "h", "a"], sort=False):
        if g["key"].nunique() < 2:
            continue
        people = g.drop_duplicates(["key", "doc_id"]).groupby("key", sort=False)["doc_id"].size()
        objs = g.drop_duplicates("key").set_index("key")["obj"]
        ranked = sorted(people.index, key=lambda k: (-people[k], objs[k].lower()))
        named = [objs[k] for k in ranked[:MAX_OBJECTS]] + (["…"] if len(ranked) > MAX_OBJECTS else [])
        first = g.iloc[0]
        label = " ".join(x for x in (first["head"], " / ".join(named), first["after"]) if x)
        hits.loc[g["i"], "item"] = label
        hits.loc[g["i"], "key"] = f"{first['frame']} *"
    return hits


class _Party:
    """The party of a contact verb said without whom: the customer service (its touchpoint's name)."""

    TOUCHPOINT = "customer_service"

    def __init__(self, phase_model, lang: str, pipeline: str | None) -> None:
        self.lang, self.pipeline = lang, pipeline
        self.phases = {p.id for p in phase_model if self.TOUCHPOINT in p.touchpoints}
        self._key: str | None = None

    @property
    def name(self) -> str:
        from . import labels as L

        return L.touchpoint_name(self.TOUCHPOINT, self.lang).lower()

    def key(self) -> str:
        """The object's lemma as a parsed action has it ('de klantenservice gebeld' -> 'klantenservic')."""
        if self._key is None:
            from ..nlp.syntax import lemma, parse

            doc = parse([self.name], self.lang, pipeline=self.pipeline)[0]
            nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN", "ADJ")] or list(doc)
            self._key = lemma(nouns[-1]) if nouns else self.name
        return self._key

    def complete(self, action, phase: str | None, named: bool):
        """``action`` with the customer service as its object, or None when the context names none."""
        if not (named or phase in self.phases):
            return None
        from ..nlp.wordclass import can_be_finite

        verb = action.text
        # Dutch puts the object before a participle ('klantenservice gebeld'), after a finite verb ('belde …')
        text = f"{self.name} {verb}" if self.lang == "nl" and not can_be_finite(verb, "nl") else f"{verb} {self.name}"
        return replace(action, text=text, key=f"{action.key} {self.key()}", open=False)


_SENT_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s)|\n\s*\n")


def locate(texts: pd.Series, doc_ids: pd.Series, needles: pd.Series, width: int = 160) -> tuple[list[int], list[int]]:
    """Snippet bounds: the sentence around the first case-insensitive hit of each needle (its
    longest word when the needle is a label not said as such), never more than ``width``
    characters either side, and cut at a word boundary, never inside a word.

    >>> t = pd.Series({"d": "Het was goed. Ik heb via de chat gevraagd, en dat hielp. Daarna niks."})
    >>> s, e = locate(t, pd.Series(["d"]), pd.Series(["via de chat vragen"]))
    >>> t["d"][s[0]:e[0]]
    'Ik heb via de chat gevraagd, en dat hielp.'
    >>> long = pd.Series({"d": "woord " * 40 + "de chat " + "woord " * 40})
    >>> s, e = locate(long, pd.Series(["d"]), pd.Series(["chat"]), width=20)
    >>> long["d"][s[0]:e[0]]
    'woord woord de chat woord woord woord'
    """
    starts, ends = [], []
    for d, n in zip(doc_ids, needles, strict=False):
        t = str(texts.get(d, ""))
        low, n = t.lower(), str(n).lower()
        i, size = low.find(n), len(n)
        if i < 0:
            for w in sorted(re.findall(r"\w{4,}", n), key=len, reverse=True):
                i = low.find(w)
                if i >= 0:
                    size = len(w)
                    break
        i = max(i, 0)
        lo, hi = max(0, i - width), min(len(t), i + size + width)
        before = [m.end() for m in _SENT_END.finditer(t, lo, i)]
        s = before[-1] if before else lo
        after = _SENT_END.search(t, i + size, hi)
        e = after.end() if after else hi
        if s > 0 and before == [] and t[s - 1].isalnum():  # a cut inside a word: go to the next word
            sp = t.find(" ", s, i)
            s = sp + 1 if sp >= 0 else s
        if e < len(t) and after is None and t[e - 1].isalnum():
            e = max(t.rfind(" ", i + size, e), i + size)
        while s < e and t[s].isspace():
            s += 1
        starts.append(s)
        ends.append(e)
    return starts, ends


def _requests_as_needs(sent: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pain-point sentences whose cue sits in a request to the service ("gewoon niet meer
    adverteren met codes die verlopen zijn", "just tell us when the import fails":
    :func:`workbench.nlp.asides.request`) are needs: their rows move to the need label (class
    ``request``), once per sentence."""
    from ..nlp.asides import request
    from ..nlp.syntax import parse

    pains = sent.index[sent["label"].astype(str) == "pain_point"]
    if not len(pains):
        return sent
    docs = parse(sent.loc[pains, "sentence"].tolist(), lang)
    moved = []
    for i, doc in zip(pains, docs, strict=True):
        at = int(sent.at[i, "start_char"] - sent.at[i, "sent_start"])
        if request(doc, lang, (at, at + len(str(sent.at[i, "cue"])))):
            moved.append(i)
    if not moved:
        return sent
    sent = sent.copy()
    if isinstance(sent["label"].dtype, pd.CategoricalDtype) and "need" not in sent["label"].cat.categories:
        sent["label"] = sent["label"].cat.add_categories(["need"])
    if isinstance(sent["value"].dtype, pd.CategoricalDtype) and "request" not in sent["value"].cat.categories:
        sent["value"] = sent["value"].cat.add_categories(["request"])
    sent.loc[moved, "label"] = "need"
    sent.loc[moved, "value"] = "request"
    return sent.drop_duplicates(["doc_id", "sent_start", "label"])


#: what glues two wishes in one answer: a plus, a semicolon ("less plastic + a card for cooks";
#: "bigger portions; shorter cooking times")
_LIST_SEP = re.compile(r"\s+\+\s+|\s*;\s+")


def _split_lists(sent: pd.DataFrame) -> pd.DataFrame:
    """Need sentences that list wishes ("less plastic please + an advanced recipe card", "kleiner
    tijdvak; duidelijker overzicht") are one row per wish: each part of two words or more, with its
    own ``sent_start``/``sent_end``, so every wish is its own item; the part holding the cue keeps
    it, the others are read without one."""
    need = sent["label"].astype(str).eq("need") & sent["sentence"].astype("string").str.contains(_LIST_SEP, na=False)
    if not need.any():
        return sent
    rows = []
    for i, r in sent[need].iterrows():
        text, at = str(r["sentence"]), 0
        cue_at = int(r["start_char"] - r["sent_start"])
        parts = []
        for m in [*_LIST_SEP.finditer(text), None]:
            end = m.start() if m is not None else len(text)
            part = text[at:end]
            lead = len(part) - len(part.lstrip())
            part = part.strip()
            if len(part.split()) >= 2:
                parts.append((at + lead, at + lead + len(part)))
            at = m.end() if m is not None else at
        if len(parts) < 2:
            continue
        for a, e in parts:
            row = r.copy()
            row["sentence"] = text[a:e]
            row["sent_start"], row["sent_end"] = int(r["sent_start"]) + a, int(r["sent_start"]) + e
            if not a <= cue_at < e:
                row["cue"], row["start_char"] = "", int(r["sent_start"]) + a
            rows.append((i, row))
    if not rows:
        return sent
    parts = pd.DataFrame([row for _, row in rows]).astype(sent.dtypes.to_dict(), errors="ignore")
    return pd.concat([sent.drop(index=sorted({i for i, _ in rows})), parts], ignore_index=True)


#: longest quote that labels an item whose sentence gave no signable label (longer ones are cut at a word)
QUOTE_LABEL = 120


def _quote_label(sentence: str) -> str:
    """A sentence as an item's label: verbatim in quotation marks, cut at a word after
    :data:`QUOTE_LABEL` characters.

    >>> _quote_label("Abonnement weer duurder en geen bericht waarom.")
    '“Abonnement weer duurder en geen bericht waarom.”'
    >>> _quote_label('" Ja, dat snap ik, maar zet dat dan bij de code.')
    '“Ja, dat snap ik, maar zet dat dan bij de code.”'
    >>> _quote_label("'s Avonds laat kwam het pakket pas.")
    "“'s Avonds laat kwam het pakket pas.”"
    """
    s = " ".join(str(sentence).split())
    # a double quote mark the sentence split left without its partner (a single one may be an apostrophe: "'s avonds")
    if s.count('"') % 2:
        s = s.strip('" ')
    if s.count("“") + s.count("„") != s.count("”"):
        s = s.strip("“”„ ")
    if len(s) > QUOTE_LABEL:
        cut = s.rfind(" ", 0, QUOTE_LABEL)
        s = s[: cut if cut > 40 else QUOTE_LABEL].rstrip(" ,;:") + " …"
    return f"“{s}”"


#: people who must say a sentence that gave no signable label before it is an item of its own (in quotes)
MIN_QUOTE_ITEM = 2

#: the tagger's least score for an interviewee's sentence said once, without a signable label, to be
#: quoted in its cell: a clear complaint or wish (a cue of the pattern lists, not a guess)
TOLD_SCORE = 0.65
#: the cue classes of a concrete complaint or wish (not an evaluation word of the lexicon, a bare
#: negation, an imperative or a question: "a true crime podcast", "Sort of.", "what's the point?")
TOLD_CLASSES = frozenset({"blocked", "broken", "cost", "delay", "contact", "missing", "expectation", "problem",
                          "excess", "unmet", "hindsight", "wish", "improvement", "requirement", "request"})
#: words a sentence told once needs to be quoted: fewer say no more than "That was the problem."
TOLD_WORDS = 6


#: pictographs and their modifiers: a label is a researcher's phrase ('every thursday 🙄'); quotes keep them
_PICTO = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")
_OPENER = re.compile(r"^([^\W\d_]+):\s+(?=\S)")


def _label_text(label: str, sentences: pd.Series, lang: str) -> str:
    """A theme's label as the map shows it: without pictographs, and without the word a respondent
    opened a sentence with before a colon when that word names no aspect ('Simple: had to
    phone to cancel' → 'had to phone to cancel'; 'bestelling: duurde te lang', an aspect named
    elsewhere in the sentence, stays).

    >>> _label_text("simple: had to phone to cancel", pd.Series(["Simple: had to phone to cancel."]), "en")
    'had to phone to cancel'
    >>> _label_text("every thursday 🙄", pd.Series(["x"]), "en")
    'every thursday'
    """
    out = " ".join(_PICTO.sub(" ", str(label)).split()) or str(label)
    m = _OPENER.match(out)
    if m and len(sentences):
        from ..nlp.wordclass import mostly_noun
        from ..themes import aspect_category

        word = m.group(1).lower()
        said = sentences.astype(str).str.strip().str.lower()
        if said.str.startswith(word + ":").any() and not mostly_noun(word, lang) \
                and aspect_category([word], lang) is None:
            out = out[m.end():]
    return out


def _told(rows: pd.DataFrame, interviews) -> bool:
    """Whether the sentences ``rows`` (one wording, said by fewer than :data:`MIN_QUOTE_ITEM`
    people) are an interviewee's story told once that the map quotes in its cell: every one is
    an interview turn (``interviews``: their doc ids) of :data:`TOLD_WORDS` words or more whose
    cue is of a concrete class (:data:`TOLD_CLASSES`) and scored as clear (:data:`TOLD_SCORE`).
    An interview is the richest evidence there is; a survey snippet said once without a label
    stays counted in the note."""
    if not interviews or not rows["doc_id"].isin(interviews).all():
        return False
    score = pd.to_numeric(rows["score"], errors="coerce") if "score" in rows.columns else pd.Series(1.0, rows.index)
    words = rows["sentence"].astype(str).str.split().str.len() if "sentence" in rows.columns else TOLD_WORDS
    return bool((score.fillna(0) >= TOLD_SCORE).all() and rows["value"].astype(str).isin(TOLD_CLASSES).all()
                and (words >= TOLD_WORDS).all())


def theme_hits(sent: pd.DataFrame, texts: pd.Series, lang: str, seed: int,
               names=(), interviews=frozenset()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes per (phase, label) over the sentences of everyone; returns the sentences with a
    ``theme`` number and the theme table (phase, label, theme, text, terms, size, severity, kind).

    ``sent`` has ``doc_id, sent_start, sent_end, start_char, cue, value`` (the cue span's text
    and class, see :func:`workbench.journey.find_themes`). A sentence that says something but gave
    no label a researcher would sign, said by at least :data:`MIN_QUOTE_ITEM` people in the same
    words, is an item labelled by its own words (``kind`` ``quote``: the scrubbed sentence in
    quotation marks, one item per wording, so seven people who wrote the same answer are one item
    of n=7; evidence, but no opportunity); so is one said once by an interviewee (``interviews``:
    the doc ids of interview turns) when its cue is clear (:func:`_told`) — the story of one
    person, attributed, ranked after the items more people say. The rest — said once without a label, or read as no
    complaint or wish (no aspect and no content verb, a negated circumstance, praise by absence,
    someone else's complaint: see :func:`workbench.journey.find_themes`) — is no item of the map
    (a pain lane listing what is no pain would be false): the table counts it per cell in a row of
    ``kind`` ``other`` (``theme`` −1) for the map's note, and it stays in tags.csv. ``names``: the
    speaker names scrubbed from the quote labels."""
    sent = sent.copy()
    by_id = texts.to_dict()  # a dict look-up per row: Series.get costs microseconds
    sent["sentence"] = [str(by_id.get(d, ""))[s:e] for d, s, e in
                        zip(sent["doc_id"].tolist(), sent["sent_start"].tolist(), sent["sent_end"].tolist(),
                            strict=True)]
    sent = _split_lists(_requests_as_needs(sent, lang))
    sent["theme"] = -1
    rows = []
    compounds = study_compounds(texts.astype(str).tolist(), lang)  # the study's names ('delay repay')
    for (phase, label), g in sent.groupby(["phase", "label"], sort=True, observed=True):
        th = find_themes(g["sentence"], cues=g["cue"], cue_starts=g["start_char"] - g["sent_start"],
                         classes=g["value"], kind=str(label), lang=lang, seed=seed, compounds=compounds)
        assign = th.assignments.copy()
        sizes = th.assignments.value_counts()
        for i, (lab, terms, sev) in enumerate(zip(th.labels, th.terms, th.severity, strict=False)):
            lab = _label_text(lab, g.loc[assign.index[assign == i], "sentence"], lang)
            rows.append({"phase": phase, "label": label, "theme": i, "text": lab,
                         "terms": ", ".join(terms), "size": int(sizes.get(i, 0)), "severity": sev, "kind": "theme"})
        nxt = len(th.labels)
        unsigned = th.unthemed[th.unthemed == "unsigned"].index
        if len(unsigned):  # said, but no signable label: the sentence is its own label
            quoted = g.loc[unsigned, "sentence"].str.strip()
            scrubbed = dict(zip(quoted.unique(), [scrub(x, list(names), lang=lang) for x in quoted.unique()],
                                strict=True))
            keys = quoted.map(lambda x: quote_key(scrubbed[x]))
            for key, members in keys.groupby(keys, sort=False).groups.items():
                if not key or (len(members) < MIN_QUOTE_ITEM and not _told(g.loc[members], interviews)):
                    continue  # a snippet said once, and no label: in tags.csv and counted in the note, not on the map
                first = quoted.loc[members[0]]
                assign.loc[members] = nxt
                rows.append({"phase": phase, "label": label, "theme": nxt, "text": _quote_label(scrubbed[first]),
                             "terms": "", "size": len(members),
                             "severity": _severity(g.loc[members, "value"], str(label)), "kind": "quote"})
                nxt += 1
        rest = assign.index[assign < 0]
        if len(rest):  # read as no complaint or wish, or said once without a label: counted, not shown
            rows.append({"phase": phase, "label": label, "theme": -1, "text": L.text(f"other_{label}", lang),
                         "terms": "", "size": len(rest), "severity": 1.0, "kind": "other"})
        sent.loc[g.index, "theme"] = assign.to_numpy()
    table = pd.DataFrame(rows, columns=["phase", "label", "theme", "text", "terms", "size", "severity", "kind"])
    return sent[sent["theme"] >= 0], table


def _severity(classes: pd.Series, label: str) -> float:
    from ..themes import SEVERITY

    if label != "pain_point":
        return 1.0
    return round(float(np.mean([SEVERITY.get(str(c), 1) for c in classes])), 2)


EMOTION_COLUMNS = ["persona", "phase", "source", "mean", "se", "ci_low", "ci_high", "n", "thin", "evidence_ids",
                   "mean_interview", "n_interview", "mean_survey", "n_survey"]


def summarise_scores(per: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """Mean, standard error, 95% CI (t) and n of per-person scores, per persona and phase.

    ``per`` has ``persona, phase, person, score`` (one row per person and phase) and optionally
    ``evidence`` (a tuple of ids per row, joined per cell; default: the person ids).
    """
    from scipy import stats

    cols = ["persona", "phase", "mean", "se", "ci_low", "ci_high", "n", "thin", "evidence_ids"]
    if per.empty:
        return pd.DataFrame(columns=cols)
    keys = ["persona", "phase"]
    g = per.groupby(keys, sort=False)["score"]
    out = pd.DataFrame({"mean": g.mean(), "sd": g.std(ddof=1), "n": g.size()})
    if "evidence" in per.columns:
        out["evidence_ids"] = per.groupby(keys, sort=False)["evidence"].agg(
            lambda v: tuple(dict.fromkeys(i for t in v for i in t)))
    else:
        out["evidence_ids"] = per.groupby(keys, sort=False)["person"].agg(tuple)
    out = out.reset_index()
    out["se"] = out["sd"] / np.sqrt(out["n"])
    tcrit = np.where(out["n"] > 1, stats.t.ppf(0.975, np.maximum(out["n"] - 1, 1)), np.nan)
    out["ci_low"] = out["mean"] - tcrit * out["se"]
    out["ci_high"] = out["mean"] + tcrit * out["se"]
    out["thin"] = out["n"] < min_evidence
    out["n"] = out["n"].astype("int64")
    return out[cols]


def emotion_table(sentences: pd.DataFrame, member: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """Mean emotion in what people said (−2..+2) per persona and phase, one vote per person, with
    its standard error, 95% CI and n (persons), and the same mean for interviewees and survey
    respondents' open answers apart (``source`` is ``"text"``).

    ``sentences`` has ``doc_id, phase, score`` (valence −1..+1 of a sentence), ``person`` and
    ``source`` ('interview' / 'survey'). A person's score in a phase is the mean of their
    sentences there, times 2; so a talkative interviewee counts once, like a respondent.
    """
    d = sentences.merge(member, on="doc_id")
    if d.empty:
        return pd.DataFrame(columns=EMOTION_COLUMNS)
    keys = ["persona", "phase"]
    per = d.groupby(keys + ["person", "source"], sort=False)["score"].mean().mul(2.0).reset_index()
    docs = d.drop_duplicates(keys + ["doc_id"]).groupby(keys + ["person"], sort=False)["doc_id"].agg(tuple)
    per["evidence"] = [docs.get(k, ()) for k in zip(per["persona"], per["phase"], per["person"], strict=True)]
    out = summarise_scores(per, min_evidence).set_index(keys)
    src = per.groupby(keys + ["source"], sort=False)["score"].agg(["mean", "size"]).unstack("source")
    for name in ("interview", "survey"):
        out[f"mean_{name}"] = src[("mean", name)] if ("mean", name) in src.columns else np.nan
        n_src = src[("size", name)] if ("size", name) in src.columns else 0
        out[f"n_{name}"] = pd.Series(n_src, index=out.index).fillna(0).astype("int64")
    out = out.reset_index().assign(source="text")
    return out[EMOTION_COLUMNS]


def satisfaction_table(per: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """:func:`summarise_scores` of the survey's rescaled ratings (``source`` is ``"survey"``;
    evidence: the respondents)."""
    out = summarise_scores(per, min_evidence).assign(source="survey", n_interview=0, n_survey=0)
    out["mean_interview"] = np.nan
    out["mean_survey"] = np.nan
    return out.reindex(columns=EMOTION_COLUMNS)


def quote_key(text: str) -> str:
    """A quote reduced to its words (case, punctuation and spacing ignored), to find repeats.

    >>> quote_key("Er staat wel 'duurzaam' bij!") == quote_key("er staat wel duurzaam bij")
    True
    """
    return " ".join(re.findall(r"\w+", str(text).casefold()))


def _one_copy(q: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Quotes of a (persona, phase) cell that are one sentence typed twice (:func:`quote_key`, or
    :func:`workbench.nlp.spelling.near_copies`: a typo, an emoji, case) kept once, at the first
    copy's rank, in the copy spelled best ('Also no coriander', not 'Aso no coriander')."""
    from ..nlp.spelling import near_copies, spelling

    keep, texts = [], q["text"].tolist()
    keys = [quote_key(t) for t in texts]
    for _, g in q.groupby(["persona", "phase"], sort=False):
        firsts: list[int] = []
        for i in g.index:
            same = next((f for f in firsts if keys[f] == keys[i] or near_copies(texts[f], texts[i])), None)
            if same is None:
                firsts.append(i)
            elif (spelling(texts[i], lang), -len(re.findall(r"[^\w\s,.;:!?'’-]", texts[i]))) > \
                    (spelling(texts[same], lang), -len(re.findall(r"[^\w\s,.;:!?'’-]", texts[same]))):
                q.loc[same, ["doc_id", "text"]] = q.loc[i, ["doc_id", "text"]].to_numpy()
                texts[same], keys[same] = texts[i], keys[i]
        keep += firsts
    return q.loc[sorted(keep)] if len(q) else q


def pick_quotes(cand: pd.DataFrame, texts: pd.Series, names: list[str], lang: str, per_cell: int = 3) -> pd.DataFrame:
    """Representative quotes per (persona, phase): scrubbed sentences from the strongest themes,
    one per document, each verbatim in the scrubbed source.

    ``cand`` has ``persona, phase, doc_id, sent_start, sent_end, pref`` (lower = better).
    """
    cols = ["persona", "phase", "rank", "doc_id", "text", "pref"]
    if cand.empty:
        return pd.DataFrame(columns=cols)
    c = cand.copy()
    c["length"] = c["sent_end"] - c["sent_start"]
    c["fit"] = np.where((c["length"] >= 30) & (c["length"] <= MAX_QUOTE), 0, 1)
    from ..nlp.spelling import typo_penalty

    said = [str(texts.get(d, ""))[a:b] for d, a, b in zip(c["doc_id"], c["sent_start"], c["sent_end"], strict=True)]
    c["typo"] = typo_penalty(said, lang)  # of two copies of a sentence, the one spelled right ('on the line')
    c = c.sort_values(["persona", "phase", "fit", "pref", "typo", "doc_id", "sent_start"], kind="stable")
    c = c.drop_duplicates(["persona", "phase", "doc_id"])
    c = c.groupby(["persona", "phase"], sort=False).head(per_cell * 3)
    scrubbed_docs: dict[str, str] = {}
    out = []
    for row in c.itertuples(index=False):
        full = str(texts.get(row.doc_id, ""))
        raw = full[row.sent_start:row.sent_end].strip()
        if len(raw) > MAX_QUOTE:
            cut = raw.rfind(" ", 0, MAX_QUOTE)
            raw = raw[: cut if cut > 40 else MAX_QUOTE]
        quote = scrub(raw, names, lang=lang).strip()
        if not quote:
            continue
        if row.doc_id not in scrubbed_docs:
            scrubbed_docs[row.doc_id] = scrub(full, names, lang=lang)
        if quote not in scrubbed_docs[row.doc_id]:
            continue  # scrubbing across the cut changed it: not verbatim any more
        out.append({"persona": row.persona, "phase": row.phase, "doc_id": row.doc_id, "text": quote,
                    "pref": row.pref})
    q = pd.DataFrame(out, columns=["persona", "phase", "doc_id", "text", "pref"])
    q = _one_copy(q, lang)  # the same words said twice, or typed with a typo, are one quote: the clean copy
    q = q.groupby(["persona", "phase"], sort=False).head(per_cell)
    q["rank"] = q.groupby(["persona", "phase"], sort=False).cumcount() + 1
    return q[cols].reset_index(drop=True)
