"""The ``journey_negation`` component: turn raw cue matches into tags, with their scores and the sentiment."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from .batch import TokenBatch, WordFlags, batches, get_ext, lexsort, ranges, set_ext, shared_batch
from .components import raw_cues
from .counts import MAX_SPAN, RangeCounts
from .plain import plain_negators
from .resources import load_modifiers, split_label

__all__ = ["JourneyNegation", "PAIN_SENTIMENT_WEIGHT", "TEXT_KEY", "sentiments"]

PAIN_SENTIMENT_WEIGHT = 0.6  # a pain point without an emotion word still counts as negative evidence
CONTRAST_WEIGHT = 1.5  # evidence after 'maar'/'but' in a sentence weighs this much more
BEFORE_CONTRAST_WEIGHT = 0.5  # ... and evidence before it this much less
NEGATION_SCORE = 0.4  # a negated statement with nothing else in its sentence: weak evidence
LEXICON_BASE, LEXICON_SLOPE = 0.4, 0.5  # a lexicon word's score: base + slope * |polarity|
#: Per language: the weakest lexicon polarity whose negative reading makes a pain point
PAIN_STRENGTH = {"nl": 0.3, "en": 0.3}
TEXT_KEY = "journey.text"  # doc.user_data: the Doc's text, when the caller has it (saves rebuilding span texts)
_TAG_ORDER = ("touchpoint", "need", "emotion", "pain_point")
TOUCH, NEED, EMOTION, PAIN = range(4)
CONTEXT = 4  # 'context:<kind>' cues (context.jsonl): never tags, they silence the cues they touch
RHETORICAL_WORDS = 8  # a question of at most this many tokens may be rhetorical (see wh_words)
SMALL_TALK_REPLY = 6  # a sentence of at most this many tokens in a text with a small-talk cue is small talk
STORY_OPENING = 4  # someone else's story goes on in a sentence with their pronoun among its first words
FORMER_WORDS = 12  # a sentence naming the speaker's former provider is about it when this short
_TAG_STR_RANK = np.argsort(np.argsort(_TAG_ORDER))  # rank of each tag code in alphabetical order
_COUNTED = ("neutral", "negators", "question", "exclaim", "first_person", "second_person", "complaint_questions",
            "hypothetical", "intensifiers", "hedges", "contrast", "lack", "comma", "counterfactual",
            "perfect", "sarcasm", "question_open", "so", "finite", "comparative",
            # ... and by plain_negators around each negator
            "lead", "third_person", "cognition", "cognition_block", "activity", "modal_block", "indifference",
            "noncontent")  # counted in token ranges
_PAIR_KEYS = ("hypothetical", "hedges", "contrast", "lack", "first_person", "second_person", "complaint_questions",
              "counterfactual", "sarcasm", "sarcasm_weak")
#: word classes of negations that are no complaint (:func:`workbench.nlp.plain.plain_negators`)
_PLAIN_KEYS = ("indifference", "cognition", "cognition_block", "activity", "modal_block", "determiner_negators",
               "third_person", "wh_words")


#: words that make a negation a lasting lack, not 'not yet' ('nog steeds niet', 'still not')
_STILL = {"nl": frozenset({"steeds", "altijd", "nog steeds", "nog altijd"}), "en": frozenset({"still"})}
#: pronouns that carry someone else's story on into the next sentence
_THIRD = {"nl": frozenset({"ze", "zij", "hij", "haar", "hun", "die", "dat"}),
          "en": frozenset({"she", "he", "they", "her", "his", "their", "them", "that"})}
_ARTICLES = {"nl": frozenset({"de", "het", "een", "die", "dat", "deze", "hem"}),
             "en": frozenset({"the", "a", "an", "it", "this", "that", "them"})}
#: words that refer back to what was said before them ('…, which is annoying', '…, dat is jammer')
_REFERRING = {"nl": frozenset({"wat", "dat", "die", "dit", "het"}), "en": frozenset({"which", "that", "this", "it"})}
#: prepositions that open a story told about another company ('At Barclays …', 'Bij Eneco …')
_ELSEWHERE_PREPOSITIONS = {"nl": frozenset({"bij"}), "en": frozenset({"at", "with"})}
#: a word rarer than this (wordfreq Zipf) and no everyday word, after such a preposition, names a company
RARE_NAME_ZIPF = 4.0
_FIRST_SUBJECT = {"nl": frozenset({"ik", "we", "wij"}), "en": frozenset({"i", "we", "i'm", "i've", "i'd"})}


def _punctuation(add) -> set[int]:
    return {add(p) for p in ".,;:!?…-–—()[]\"'“”‘’/"}
#: TAGS.evidence: what made a tag, beside its cue (codes of the ``special`` array)
_SPECIAL = ("", "regret followed by a lack", "negative evaluation", "hindsight (counterfactual)",
            "sarcasm", "too + adjective", "negated statement", "a limitation judged negatively")


@Language.factory(
    "journey_negation",
    default_config={"input_key": "journey_cues", "spans_key": "journey", "window": 3},
)
def make_journey_negation(nlp: Language, name: str, input_key: str, spans_key: str, window: int) -> JourneyNegation:
    return JourneyNegation(nlp, name, input_key=input_key, spans_key=spans_key, window=window)


class JourneyNegation:
    """Resolve raw cue spans into tags: negation, intensifiers, hedges, hypotheticals, questions, roles.

    - Overlapping cues of one tag label keep the longest.
    - A negator (``niet``, ``geen``, ``not``, ``n't`` …) up to ``window`` words before a cue in
      the same clause (intensifiers, hedges and fillers not counted), or right after a cue that
      opens a Dutch clause (``Lastig was het niet``), drops a pain point or need and flips an
      emotion's polarity.
    - Intensifiers (``heel``, ``echt``, ``really`` …) in or just before a cue raise its score;
      hedges (``een beetje``, ``a bit``) lower it.
    - Pain points and emotions after a hypothetical marker (``mocht``, ``if``) are dropped.
    - In a question (sentence ending in ``?``) that addresses the listener (``vond u``, ``did
      you``) without the speaker's own ``ik``/``my`` and without ``waarom``/``why``, pain points
      and emotions are dropped: asking about difficulty is not reporting one.
    - Emotion words inside a wish (``het zou fijn zijn als``) are not emotions.
    - ``question`` cues (``need:question``, ``pain_point:question``) count only in a sentence
      ending in ``?``; a bare ``?`` cue tags the whole question. A rhetorical question (``?!``,
      ``??``, or opening with ``waarom``/``why``) is no need; nor is one with a ``pain_point:rhetorical``
      cue (an alternative 'werkt het nou of niet?', 'is dat nou zo moeilijk?', 'who designs this?'),
      which is a complaint (the cue counts only in a question). Negators inside a need cue
      (``heb geen app nodig``) negate it.
    - ``need:regret`` cues (``jammer dat``) are also a pain point when a lack follows (``geen``,
      ``niet``, ``pas``).
    - Texts with ``doc._.journey_role == 'interviewer'`` keep touchpoints only.

    The text's sentiment (``doc._.journey_sentiment``, in [-1, 1]) is the weighted mean of the
    emotions (signed scores) and, weaker, the pain points that carry no emotion word.

    All of it is computed for a whole ``nlp.pipe`` batch at once, with array look-ups instead
    of scans over the tokens.
    """

    def __init__(self, nlp: Language, name: str = "journey_negation", *, input_key: str = "journey_cues",
                 spans_key: str = "journey", window: int = 3) -> None:
        self.name = name
        self.lang = nlp.lang
        self.input_key = input_key
        self.spans_key = spans_key
        self.window = window
        self.strings = nlp.vocab.strings
        add = self.strings.add
        mods = load_modifiers(self.lang)
        words = {key: {add(w) for w in ws if " " not in w} for key, ws in mods.items()}
        pairs = {key: {tuple(add(p) for p in w.split()) for w in mods[key] if w.count(" ") == 1} for key in _PAIR_KEYS}
        subordinators = {add(w) for w in ("dat", "die", "wat", "om", "als", "wie", "waar", "waarin")}
        classes = {
            "negators": words["negators"],
            "neutral": words["intensifiers"] | words["hedges"] | words["fillers"],
            "intensifiers": words["intensifiers"],
            "boundaries": words["boundaries"],
            "stop": words["boundaries"] | subordinators,
            "question": {add("?")},
            "exclaim": {add("!")},
            "comma": {add(","), add("!"), add("...")},
            "perfect": words["perfect"],
            "question_open": words["question_open"],
            "imperatives": words["imperatives"],
            "never": words["never"],
            "so": words["so"],
            "comparative": words["comparative"],
            "prepositional_negators": words["prepositional_negators"],
            "finite": words["auxiliaries"] | words["counterfactual"],  # a verb between a preposition and a cue
            "past_questions": words["past_questions"],
            **{key: words[key] for key in _PAIR_KEYS},
            **{key: words[key] for key in _PLAIN_KEYS},
            # what a bare answer ('Nee, niet echt.') may hold besides its negator
            "noncontent": words["negators"] | words["intensifiers"] | words["hedges"] | words["fillers"]
            | words["answer_words"] | words["auxiliaries"] | words["first_person"] | _punctuation(add),
            # what may stand before the negator of a clause without a subject ('had er nooit iets gekocht')
            "lead": words["negators"] | words["intensifiers"] | words["hedges"] | words["fillers"]
            | words["auxiliaries"],
            # a discourse marker opening a turn or clause ('Well, …', 'Maar goed, …'), what may precede it,
            # the pause after it, and the pronoun a bare one may run into ('Well I …', 'Nou ik …')
            "discourse_markers": words["discourse_markers"],
            "discourse_lead": words["discourse_lead"],
            "concessive": words["contrast"] | words["concessive"],
            "pause": {add(p) for p in (",", "...", "…", "-", "–", "—")},
            "pronouns": words["first_person"] | words["second_person"] | words["third_person"],
            "limitation": words["limitation"],
            "articles": {add(w) for w in _ARTICLES.get(self.lang, ())},
        }
        self.flags = WordFlags(classes, pairs)
        self.counts = RangeCounts(self.flags, _COUNTED)
        self._labels: dict[str, tuple[int, str]] = {}
        self._hashes: dict[str, int] = {}
        self._info_table: list | None = None
        self._info_len = 0
        self._info: tuple = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), np.zeros(0, dtype=bool))
        self._lexicon = None
        self._nt = add("n't")  # the clitic negator: 'why didn't …' asks why, it suggests nothing
        # value names the rules compare with; the rules' own values are added as they come
        self._value_ids = {name: i for i, name in enumerate(
            ("positive", "negative", "question", "regret", "evaluation", "negation", "excess", "smalltalk", "other",
             "unmet", "limitation"))}
        self._names = np.array(list(self._value_ids), dtype=object)
        self._codes_of = None
        self._codes = np.zeros(0, dtype=np.int64)
        self._home_markers = frozenset(words["home"])  # hashes already
        self._home = frozenset()  # hashes of the words of the study's own names (set_home)
        self._rare: dict[int, bool] = {}

    def set_home(self, names: Iterable[str]) -> None:
        """The names of the company studied (its brand, products): a sentence naming one (or
        'here', 'hier', 'jullie') ends a story told about another company. Of a name of several
        words, its first word and the words that are no everyday word count ('Penny Mobile Bank':
        'penny'; 'bank' would end every story about the old bank)."""
        import re

        from .wordclass import common_word

        add = self.strings.add
        home = set()
        for name in names:  # a name's first word, and its later words that are no everyday word ('Penny Mobile Bank')
            found = [w for w in re.findall(r"[^\W\d_][\w'’&\-]*", str(name)) if len(w) > 1]
            home.update(add(w.lower()) for i, w in enumerate(found) if not i or not common_word(w, self.lang))
        self._home = frozenset(home)

    @property
    def home(self) -> frozenset:
        return self._home

    # --- the component ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.resolve([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Process the Docs a batch at a time."""
        for docs in batches(stream, batch_size):
            self.resolve(docs)
            yield from docs

    def resolve(self, docs: list[Doc]) -> TokenBatch:
        """Resolve the raw cues of a batch of Docs into tags (spans, rows, sentiment on every Doc)."""
        batch = shared_batch(docs)
        if batch is not None and batch.cues is not None:
            starts, ends, rules, table = batch.cues
        else:
            batch = batch or TokenBatch.from_docs(docs).share()
            starts, ends, rules, table = self._raw_from_docs(docs, batch)
        interviewer = np.array([get_ext(d, "journey_role") == "interviewer" for d in docs], dtype=bool)
        tags = self.resolve_batch(batch, interviewer, starts, ends, rules, table)
        batch.tags = (self.spans_key, *tags)
        self._write(docs, batch, *tags)
        return batch

    def _raw_from_docs(self, docs: list[Doc], batch: TokenBatch):
        """Raw cues from each Doc's run cache or span group (a pipeline without our ``journey_cues``)."""
        table: list[tuple[str, str]] = []
        index: dict[tuple[str, str], int] = {}
        rows = []
        for doc, base in zip(docs, batch.offsets.tolist(), strict=False):
            for s, e, label, rid in raw_cues(doc, self.input_key):
                key = (label, rid)
                if key not in index:
                    index[key] = len(table)
                    table.append(key)
                rows.append((s + base, e + base, index[key]))
        arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
        order = lexsort((arr[:, 1], arr[:, 0]))  # stable: equal spans keep their order
        arr = arr[order]
        return arr[:, 0], arr[:, 1], arr[:, 2], table

    def _rule_info(self, table: list[tuple[str, str]], rules: np.ndarray):
        if self._info_table is not table or self._info_len != len(table):
            self._info = self._table_info(table)
            self._info_table, self._info_len = table, len(table)
        tags, values, lexical = self._info
        return (tags[rules] if len(rules) else np.zeros(0, dtype=np.int64)), values, lexical

    @property
    def lexicon(self):
        """The polarity lexicon of the language (scores the ``lexicon.*`` cues)."""
        if self._lexicon is None:
            from .lexicon import lexicon_for

            self._lexicon = lexicon_for(self.lang)
        return self._lexicon

    def _table_info(self, table: list[tuple[str, str]]):
        tags, values = [], []
        lexical = np.array([rid == f"lexicon.{self.lang}" for _, rid in table], dtype=bool)
        for label, _ in table:
            info = self._labels.get(label)
            if info is None:
                tag, value = split_label(label)
                code = CONTEXT if tag == "context" else (_TAG_ORDER.index(tag) if tag in _TAG_ORDER else -1)
                info = self._labels[label] = (code, value)
            tags.append(info[0])
            values.append(info[1])
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return np.array(tags, dtype=np.int64), out, lexical

    def _discourse_marker(self, c, flags: np.ndarray, t: np.ndarray, value: np.ndarray, s: np.ndarray,
                          e: np.ndarray, k: np.ndarray, ss: np.ndarray, se: np.ndarray) -> np.ndarray:
        """Per cue: an emotion word that is a discourse marker, not an evaluation.

        One word of ``discourse_markers`` opening its sentence or the stretch after a pause,
        with only ``discourse_lead`` words before it ('Oh well', 'Maar goed'), followed by a
        pause and more talk whose next word is no contrast and no other emotion cue
        ('Mooi, maar …', 'Prima, al …', 'Goed, snel geleverd', 'Prima, eigenlijk.' stay evaluations). A marker
        that is also a lead word ('well', 'nou', 'okay') is one there always, also before a
        pronoun without a pause ('Well I never …'); a word that also evaluates ('goed',
        'prima', 'fine') only after a lead word ('Ja goed, …') or before a complaint in its
        sentence ('Goed, de monteur kwam niet': not sarcasm, and 'Prima, ik was thuis' stays praise).
        """
        bit = self.flags.bit
        emotion = t == EMOTION
        out = emotion & (e - s == 1) & ((flags[s] & bit["discourse_markers"]) > 0)
        if not out.any():
            return out
        at = np.flatnonzero(out)
        b, end, n = s[at], se[at], len(flags) - 1
        a = np.maximum(ss[at], c.positions("pause").last(np.maximum(b - 1, 0)) + 1)
        a = np.minimum(a, b)
        lead = c.positions("discourse_lead")
        leads = lead.count(b) - lead.count(a)
        opens = leads == (b - a)
        nxt, after = np.minimum(b + 1, n), np.minimum(b + 2, n)
        noncontent = c.positions("noncontent")
        talk = (after < end) & ((noncontent.count(end) - noncontent.count(after)) < (end - after))
        emotion_at = np.zeros(len(flags), dtype=bool)  # per token: an emotion cue starts there
        emotion_at[s[emotion]] = True
        paused = (b + 1 < end) & ((flags[nxt] & bit["pause"]) > 0) & talk \
            & ~emotion_at[after] & ((flags[after] & bit["concessive"]) == 0)
        pure = (flags[b] & bit["discourse_lead"]) > 0
        bare = pure & (b + 1 < end) & ((flags[nxt] & bit["pronouns"]) > 0)
        V = self._value_ids
        complaint = _same_group(k, (t == PAIN) | (emotion & (value == V["negative"])))[at]
        out[at] = opens & ((paused & (pure | (leads > 0) | complaint)) | bare)
        return out

    # --- the rules, over all cues of the batch ------------------------------------------------

    def resolve_batch(self, batch: TokenBatch, interviewer: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                      rules: np.ndarray, table: list[tuple[str, str]]) -> tuple:
        """The tags of a batch from its raw cues (global token positions), as arrays.

        ``interviewer`` flags the Docs whose role is ``'interviewer'``. Returns ``(doc, start,
        end, tag, value, rule, scores, table, ev_doc, ev_sign, ev_score, ev_weight)``: the tags
        (sorted by Doc, then as the rules list them; ``tag`` indexes ``_TAG_ORDER``, ``rule``
        ``table``) and the sentiment evidence.
        """
        low, limit = batch.low, batch.limit
        batch.others = None  # per sentence: it tells someone else's story (set below; read by journey_phase)
        tag, values, lexical = self._rule_info(table, rules)
        doc = batch.doc_of(starts)
        keep = (tag >= 0) & ~((tag != TOUCH) & interviewer[doc]) if len(tag) else np.zeros(0, dtype=bool)
        idx = np.flatnonzero(keep)
        idx = idx[lexsort((ends[idx], starts[idx], tag[idx], doc[idx]))]
        idx = self._longest(idx, starts, ends, tag, doc)
        if not len(idx):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, empty, np.zeros(0, dtype=object), empty, [], table, empty, \
                np.zeros(0), [], np.zeros(0), Evidence.empty()
        s, e, t, d, r = starts[idx], ends[idx], tag[idx], doc[idx], rules[idx]
        value = self._value_codes(values)[r]  # value ids (names: self._names), compared as integers
        V = self._value_ids
        is_q = value == V["question"]

        f = self.flags
        index = batch.word_index(f)
        flags = f.values[index]
        pair_pos, pair_bits = f.pair_hits(low, flags, limit, index)

        k = batch.sentence_of(s)
        ss, se = batch.sent_starts[k], batch.sent_ends[k]
        # every range counted below lies within its cue's sentence
        span = int((se - ss).max()) if (e <= se).all() else MAX_SPAN + 1
        c = self.counts.counter(index, flags, span)

        def has(key, lo, hi):
            if key in self.counts.field:
                single = c(key, lo, hi) > 0
            else:  # a rare class: counted from its positions
                pos = c.positions(key)
                single = pos.count(hi) - pos.count(lo) > 0
            if not f.pairs.get(key):
                return single
            pos = pair_pos[(pair_bits & f.pair_bit[key]) != 0]
            if not len(pos):
                return single
            return single | ((hi - lo >= 2) & (np.searchsorted(pos, np.maximum(hi - 1, 0)) - np.searchsorted(pos, lo) > 0))

        size = (e - s) - c("neutral", s, e)
        size = np.where(size > 0, size, e - s)
        score = 0.55 + 0.1 * np.minimum(size - 1, 3)
        lex = lexical[r]
        strength = np.zeros(len(s))
        if lex.any():  # a lexicon word: scored by the strength of its polarity
            strength[lex] = np.abs(self.lexicon.polarity(low[s[lex]]))
            score = np.where(lex, LEXICON_BASE + LEXICON_SLOPE * strength, score)
        touch_score = np.minimum(score + 0.1, 0.95)
        touch = t == TOUCH
        alive = ~touch
        # questions
        tail = np.maximum(ss, se - 3)
        q_tail, x_tail = c("question", tail, se), c("exclaim", tail, se)
        me, you = has("first_person", ss, se), has("second_person", ss, se)  # in the cue's sentence
        sent_negators = c("negators", ss, se)
        in_question = c("question", np.maximum(s, se - 3), se) > 0
        # a rhetorical question ('does it work or not?', 'is dat nou zo moeilijk?', 'wie verzint dit?'):
        # its cue counts only in a question, which it makes a complaint that asks for nothing
        rhetoric = (t == PAIN) & (value == V.get("rhetorical", -1))
        asked_rhetorically = _same_group(k, rhetoric & in_question)
        elicit = (q_tail > 0) & (x_tail == 0) & ~me & ~has("complaint_questions", ss, se) & you & ~asked_rhetorically
        # a question to "you" elicits: no pain point; no need either when it asks about the past
        # ('Wat vond je van …?', 'Did you compare …?'), but 'Can you verify …?' asks the company for something
        alive &= ~(is_q & (~in_question | (elicit & ((t != NEED) | has("past_questions", ss, se)))))
        need = t == NEED
        rhetorical = (x_tail > 0) | (q_tail > 1)
        # 'bij welke webshop niet?', "who doesn't?": short, a question word and a negator, no I or you
        rhetorical |= ((se - ss) <= RHETORICAL_WORDS) & has("wh_words", ss, se) & (sent_negators > 0) & ~me & ~you
        alive &= ~(need & is_q & rhetorical)
        alive &= ~(rhetoric & ~in_question) & ~(need & asked_rhetorically)
        whole = need & is_q & alive & ((flags[s] & f.bit["question"]) > 0)
        s, e = np.where(whole, ss, s), np.where(whole, se, e)
        emo_or_pain = (t == EMOTION) | (t == PAIN)
        alive &= ~(emo_or_pain & elicit)
        # clause, negation, hypotheticals, counterfactuals
        last_bound = c.positions("boundaries").last(np.maximum(s - 1, 0))
        clause = np.where(s > ss, np.maximum(ss, last_bound + 1), s)
        clause_end = np.minimum(c.positions("boundaries").next(e), se)
        own = c("negators", s, e) > 0
        lo = self._window_start(c, s, clause)
        negated = (lo < s) & (c("negators", np.minimum(lo, s), s) > 0)
        # 'nog nooit zo slecht', 'never been so rude': a superlative, not a negation
        last_neg = c.positions("negators").last(np.maximum(s - 1, 0))
        superlative = negated & (last_neg >= clause) & ((flags[np.maximum(last_neg, 0)] & f.bit["never"]) > 0) \
            & (c("so", np.minimum(last_neg + 1, s), s) > 0)
        negated &= ~superlative
        # 'een abonnement zonder groepslessen zou fijn zijn': a preposition negates its own object,
        # not the predicate after a verb ('zonder problemen' still negates)
        prep = negated & (last_neg >= 0) & ((flags[np.maximum(last_neg, 0)] & f.bit["prepositional_negators"]) > 0)
        if prep.any():
            verb = c("finite", np.minimum(last_neg + 1, s), np.minimum(s + 1, e)) > 0  # the cue may open with it
            negated &= ~(prep & verb & (c("negators", np.minimum(lo, s), np.maximum(last_neg, 0)) == 0))
        # a negator that denies no quality, function or expectation negates nothing
        # (it still undoes a need: 'de prijs was niet het belangrijkste' is no requirement)
        aside = np.zeros(len(flags), dtype=bool)  # tokens of 'eerlijk gezegd', 'to be honest' ...
        is_aside = (t == CONTEXT) & (value == V.get("aside", -1))
        aside[ranges(s[is_aside], e[is_aside])[1]] = True
        plain_at = plain_negators(batch, c, self.flags.bit, self.lexicon, s[(t == PAIN) & (value == V.get("delay", -1))],
                                  aside, self.lang)
        judged = negated & (t != NEED)
        if judged.any():
            negated[judged] = ~plain_at(last_neg[judged])
        if self.lang == "nl":  # not for a sentence adverb ('Helaas geen ...')
            top = self._topicalised(c, s, e, clause, se) & ((flags[s] & f.bit["contrast"]) == 0)
            judged = top & (t != NEED)
            if judged.any():
                top[judged] = ~plain_at(c.positions("negators").next(e[judged]))
            negated |= top
        # a negator inside a need cue negates it ('heb geen app nodig'), not inside a regret ('jammer, geen …')
        negated = np.where(own & need & ~is_q & (value != V["regret"]), True, ~own & negated)
        emotion = t == EMOTION
        alive &= ~self._discourse_marker(c, flags, t, value, s, e, k, ss, se)
        # 'dan was ik niet zo boos geweest', 'would have been happier': the feeling was the opposite
        hindsight = emotion & has("counterfactual", clause, s) \
            & (has("perfect", clause, s) | (c("perfect", e, np.maximum(clause_end, e)) > 0))
        # "couldn't have been more helpful", 'had niet vriendelijker gekund': a denied comparative
        # under a counterfactual is praise, neither hindsight nor a negation
        praise = hindsight & (c("negators", clause, s) > 0) \
            & (c("comparative", np.maximum(s - 2, clause), np.minimum(s + 1, e)) > 0)
        hindsight &= ~praise
        negated &= ~praise
        undone = (need | (t == PAIN)) & negated  # a negated pain point or need explains its negator
        alive &= ~undone
        # ... but a hindsight complaint is counterfactual by nature ('dan hadden ze me kunnen bellen')
        regret = (t == PAIN) & (value == V.get("hindsight", -1))
        alive &= ~(emo_or_pain & has("hypothetical", clause, s) & ~hindsight & ~regret)
        alive &= ~(emotion & _inside_any(s, e, d, emotion & alive, need & alive))
        # an imperative is a request at the start of its clause only ('Geef ons …', not '… they give me a')
        imperative = need & ((flags[s] & f.bit["imperatives"]) > 0)
        alive &= ~(imperative & (c("neutral", clause, s) != (s - clause)))
        # ... and no question: 'Have you ever used the chat?', 'Kijk je wel eens …?'
        after = np.minimum(s + 1, len(flags) - 1)
        alive &= ~(imperative & (q_tail > 0) & ((flags[after] & f.bit["second_person"]) > 0))
        flip = emotion & negated & ~hindsight
        score = np.where(flip, score - 0.1, score)
        value = np.where(flip & (value == V["positive"]), V["negative"], np.where(flip, V["positive"], value))
        value = np.where(hindsight, V["negative"], value)
        # 'hadden het niet beter kunnen doen': a hindsight cue around a denied comparative is praise
        alive &= ~((t == PAIN) & (value == V.get("hindsight", -1)) & own & (c("comparative", s, e) > 0))
        # context: small talk, time expressions, someone else's story, a solved problem
        ctx = t == CONTEXT
        alive &= ~ctx
        solved = None
        if ctx.any():
            # a non-answer ('Geen contact gehad', 'Not yet', 'nothing major') only when it is the whole answer
            none = ctx & (value == V.get("none", -1))
            if none.any():  # (the words of another non-answer are no content: 'Weet niet, nog maar net klant')
                empty = aside.copy()
                empty[ranges(s[none], e[none])[1]] = True
                ctx &= ~(none & ~self._bare(flags, low, empty, s, e, ss, se))
            # (a fix silences the problem words it touches, not the praise: 'sorted it quickly', 'which was handy')
            fix = ctx & (value == V.get("fixed", -1))
            praise = emotion & (value == V["positive"])
            alive &= ~(~touch & (_overlaps_any(s, e, d, ~ctx & ~touch, ctx & ~fix)
                                 | _overlaps_any(s, e, d, ~ctx & ~touch & ~praise, fix)))
            talk = ctx & ((value == V["smalltalk"]) | (value == V["other"]) | (value == V.get("none", -1))
                          | (value == V.get("joke", -1)))
            # another person named, not beside the speaker ('mijn moeder kreeg …', not 'my wife and I …'),
            # and the speaker's former provider in a sentence of its own ('I was fed up with my old bank'),
            # unless the sentence speaks to the service ('my wife has no way to log into your system')
            others = ctx & (value == V.get("others", -1))
            former = ctx & (value == V.get("former", -1))
            if others.any() or former.any():
                to_service = has("second_person", ss, se)
                # ... as the subject the sentence opens with ('Mijn zus is …', not '… gewacht met mijn dochter')
                opens = c("noncontent", ss, s) == (s - ss)
                talk |= others & opens & (c("first_person", ss, se) == c("first_person", s, e)) & ~to_service
                talk |= former & ((se - ss) <= FORMER_WORDS) & ~to_service
            talked = _same_group(k, talk)
            # 'Can I take a tote bag? Joking.': the joke is the sentence before
            joke = ctx & (value == V.get("joke", -1))
            if joke.any():
                talked |= _before_marked(batch, k, d, joke)
            # a story about someone else goes on in the next sentences that open with them ('Zij kreeg ook …')
            told = ctx & ((value == V["other"]) | (value == V.get("others", -1)) | (value == V.get("former", -1))) & talk
            if told.any():
                talked |= self._story_goes_on(batch, flags, low, k, told)
                # ... and is no phase of the speaker's ('Mijn buurvrouw is overgestapt'; a former provider
                # is: 'ik ben overgestapt van mijn oude bank')
                told_others = told & (value != V.get("former", -1))
                if told_others.any():
                    batch.others = self._story_sentences(batch, low, k, told_others)
            alive &= ~((emo_or_pain | need) & talked)
            # in a turn with small talk, a short reply is small talk too ('Ja hoor, prima. Graag zelfs, …')
            reply = (se - ss) <= SMALL_TALK_REPLY
            alive &= ~((emo_or_pain | need) & reply & _same_group(d, talk & (value == V["smalltalk"])))
            # a problem the sentence goes on to call solved is none ('het onderstel wiebelde een beetje,
            # maar met de stelvoetjes was dat zo opgelost'); one named after the fix still is
            # (a quick or own fix only: a delay stays a pain, 'it took three weeks, but then it was fixed')
            # ... and any fix of a problem the sentence calls small ('wiebelde een beetje, … en toen was het opgelost')
            mild = _first_in_group(k, s, ctx & (value == V.get("resolved", -1)))
            mild = np.where((mild >= 0) & has("hedges", ss, np.maximum(mild, ss)), mild, -1)
            solved = np.maximum(_first_in_group(k, s, ctx & (value == V.get("fixed", -1))), mild)
            alive &= ~((t == PAIN) & (s < solved) & (value != V.get("delay", -1)))
            # what the speaker wrote or told someone is the telling, not a pain or need of theirs
            # ('toen heb ik in het opmerkingenveld gezet: graag na vier uur', 'in my review I wrote …')
            told = _first_in_group(k, s, ctx & (value == V.get("reported", -1)))
            # (a request written in a form is done; a complaint told in a review is still the speaker's own)
            alive &= ~(need & (told >= 0) & (s >= told))
        # a story told about another company ('At my old bank …', 'Bij de concurrent …', 'With Vodafone …')
        # goes on over the next sentences of the text until it comes back to the company studied
        # (the story's first sentence opens with it, or is short: '…: bij mijn vorige bank slechte ervaringen
        # gehad … en bij Keytrade werkt alles' is a comparison)
        elsewhere = (t == CONTEXT) & (value == V.get("elsewhere", -1))
        elsewhere &= ((s - ss) < STORY_OPENING) | ((se - ss) <= FORMER_WORDS)
        scope = self._elsewhere_scope(batch, flags, low, k[elsewhere])
        if scope is not None:
            alive &= ~((emo_or_pain | need) & scope[k])
        # a positive fixed expression holds the pain cue it contains ('kan niet klagen', "can't fault")
        positive = emotion & alive & (value == V["positive"])
        positive_fixed = positive & (e - s >= 2)
        alive &= ~((t == PAIN) & _starts_inside(s, e, d, (t == PAIN) & alive, positive_fixed))
        # a positive word inside a pain cue is part of the complaint ('dat was eerst gratis', 'used to be free')
        plain_positive = emotion & ~flip & ~positive_fixed & (value == V["positive"])
        alive &= ~(plain_positive & _inside_any(s, e, d, emotion & alive, (t == PAIN) & alive))
        # sarcasm: a marker ('yeah right', '🙄') or a positive opener ('Geweldig, ...') before a complaint
        bad = alive & ((t == PAIN) | (emotion & (value == V["negative"])))
        complaint = _same_group(k, bad)
        opener = (c("neutral", ss, s) == (s - ss)) & (c("comma", e, np.minimum(e + 1, se)) > 0)
        strong = ~lex | (strength >= 0.5)  # 'Geweldig, …', 'Great, …' (not 'Yeah, …')
        # an ambiguous marker ('ja hoor', 'sure thing') only beside a complaint: 'Ja hoor, prima.' agrees
        sarcasm = positive & alive
        if sarcasm.any():
            at = np.flatnonzero(sarcasm)
            a, b = ss[at], se[at]
            marker = has("sarcasm", a, b) | (has("sarcasm_weak", a, b) & complaint[at])
            sarcasm[at] = marker | (opener[at] & strong[at] & complaint[at] & ~has("contrast", a, b))
        if sarcasm.any():
            value = np.where(sarcasm, V["negative"], value)
        # a forecast or requirement said in praise ('mooi en degelijk, ik verwacht dat het lang meegaat')
        # asks for nothing: the speaker's own expectation or need ('ik verwacht', 'I need', not 'they should')
        # in a sentence with praise and no complaint, negator or contrast
        soft = need & alive & ((value == V.get("improvement", -1)) | (value == V.get("requirement", -1)))
        soft[soft] = has("first_person", s[soft], e[soft])
        if soft.any():
            praised = _same_group(k, alive & emotion & (value == V["positive"]))
            faulted = _same_group(k, alive & ((t == PAIN) | (emotion & (value == V["negative"]))))
            alive &= ~(soft & praised & ~faulted & (sent_negators == 0) & ~has("contrast", ss, se))
        # a bare question asks for something when it opens like a question and is no complaint
        why = ((flags[ss] & f.bit["complaint_questions"]) > 0) \
            | ((se - ss > 1) & _at(pair_pos, pair_bits, ss, f.pair_bit["complaint_questions"]))
        asks = has("question_open", ss, se) | you | why
        alive &= ~(whole & ~asks)
        # 'why not offer that call from the start?', 'waarom niet gewoon een filter?': a suggestion
        # (a need), no complaint — a bare negator right after the question word ("why didn't …" is one)
        after = np.minimum(e, len(flags) - 1)
        suggestion = (t == PAIN) & is_q & (e < se) & ((flags[after] & f.bit["negators"]) != 0) \
            & (low[after] != self._nt)
        alive &= ~suggestion
        # a negated statement ('we kregen geen', 'it did not') is a pain point when nothing else in its
        # sentence explains the negator: no positive or negated emotion, no wish, no other pain point, no question
        negation = (t == PAIN) & (value == V["negation"])
        # 'weet ik niet meer', 'niet vergeleken', 'niet het belangrijkste', 'Nee, niet echt.': no complaint
        starts_negated = alive & ((negation | (value == V["unmet"])) & (t == PAIN))
        if starts_negated.any():  # ... nor is understatement: 'dat is niet niks', 'geen kleine aankoop'
            alive[starts_negated] = ~plain_at(s[starts_negated]) & ~plain_at(s[starts_negated], litotes=True)
        # 'ik ben pas later gaan kijken', 'I only compared them later': the speaker's own pace, no delay
        own_pace = alive & (t == PAIN) & (value == V.get("delay", -1))
        if own_pace.any():
            alive[own_pace] = ~plain_at(s[own_pace], own_activity=True)
        if negation.any():
            used = (alive & ((emotion & ((value == V["positive"]) | flip | hindsight | superlative)) | need
                             | ((t == PAIN) & ~negation))) | (undone & ~negation)
            wished = _same_group(d, alive & need)  # a negation in a text with a wish spells the wish out
            alive &= ~(negation & (_same_group(k, used) | (q_tail > 0) | wished))
            score = np.where(negation, NEGATION_SCORE, score)
        lo2 = np.maximum(clause, s - 2)
        boost = c("intensifiers", lo2, e) + superlative
        hedge = has("hedges", lo2, e)
        shout = (x_tail > 0) & ~touch  # an exclamation
        score = np.minimum(np.maximum(score + 0.1 * np.minimum(boost, 2) - 0.15 * hedge + 0.05 * shout, 0.05), 0.99)
        score = np.where(touch, touch_score, score)
        after_contrast = has("contrast", ss, s)
        # the clause after 'maar'/'but' decides the sentence's tone ('Dat ging snel, maar ik kreeg geen bevestiging')
        before_contrast = ~after_contrast & has("contrast", e, se)
        weight = np.where(after_contrast, CONTRAST_WEIGHT, np.where(before_contrast, BEFORE_CONTRAST_WEIGHT, 1.0))
        alive |= touch
        # round as the rules always did (Python's round, not numpy's)
        kept = np.flatnonzero(alive)
        score[kept] = round3(score[kept])
        # a regret with a lack after it ('jammer dat er geen …') or before it ('only in chat, that's a shame')
        regret = need & alive & (value == V["regret"]) & (has("lack", np.minimum(s + 1, se), se) | has("lack", ss, s))
        # a limitation judged negatively ('only in chat, which is annoying', 'alleen via de chat, jammer')
        # is a pain point that implies a wish: a need, unless the sentence states one already
        wish = emotion & alive & (value == V["negative"]) & ~_same_group(k, need & alive)
        if wish.any():
            wish[wish] = self._judges_limitation(c, flags, low, batch.sent_starts, s[wish], e[wish], ss[wish], se[wish])
        wish &= np.arange(len(s)) == _first_in_group(k, np.arange(len(s)), wish)  # one per sentence
        pain = (t == PAIN) & alive
        emotions = emotion & alive
        pain_evidence = pain & ~_overlaps_any(s, e, d, pain, emotions)
        # a negative evaluation is a pain point (unless a pain cue says so already)
        verdict = emotions & (value == V["negative"]) & (~lex | (strength >= PAIN_STRENGTH.get(self.lang, 0.3)) | hindsight)
        verdict &= ~_overlaps_any(s, e, d, verdict, pain)
        if solved is not None:  # ... nor is a negative word before it ('kept failing, but it was fixed')
            verdict &= ~(s < solved)
        # the tags: kept cues plus a pain point for every regret with a lack after it and every verdict
        rows = np.concatenate([np.flatnonzero(alive), np.flatnonzero(regret), np.flatnonzero(verdict),
                               np.flatnonzero(wish)])
        out_tag = np.concatenate([t[alive], np.full(int(regret.sum() + verdict.sum()), PAIN),
                                  np.full(int(wish.sum()), NEED)])
        extra = np.concatenate([np.zeros(int(alive.sum()), dtype=np.int64), np.ones(int(regret.sum()), dtype=np.int64),
                                np.full(int(verdict.sum()), 2, dtype=np.int64), np.full(int(wish.sum()), 3, dtype=np.int64)])
        src_tag = t[rows]
        # (Doc, start, end, label, source tag, kind: s[rows] once more would change nothing)
        order = lexsort((extra, src_tag, _TAG_STR_RANK[out_tag], e[rows], s[rows], d[rows]))
        rows, out_tag, extra = rows[order], out_tag[order], extra[order]
        out_value = self._names[np.where(extra == 1, V["regret"], np.where(extra == 2, V["evaluation"],
                                                                           np.where(extra == 3, V["limitation"], value[rows])))]
        # the sentiment evidence, in the order the rules list it: regrets (with needs), emotions, pains
        ev = np.concatenate([np.flatnonzero(regret), np.flatnonzero(emotions), np.flatnonzero(pain_evidence)])
        ev_src = np.concatenate([np.full(int(regret.sum()), NEED), np.full(int(emotions.sum()), EMOTION),
                                 np.full(int(pain_evidence.sum()), PAIN)])
        ev_order = lexsort((s[ev], ev_src, d[ev]))
        ev = ev[ev_order]
        ev_sign = np.where(ev_src[ev_order] == EMOTION, np.where(value[ev] == V["positive"], 1.0, -1.0), -PAIN_SENTIMENT_WEIGHT)
        # what fired, per tag: the words that changed it and the mechanism beside its cue
        special = np.where(hindsight, 3, np.where(sarcasm, 4, 0))
        special = np.where(value == V["excess"], 5, np.where(value == V["negation"], 6, special))
        special_rows = np.where(extra == 1, 1, np.where((extra == 2) & (special[rows] == 0), 2,
                                                        np.where(extra == 3, 7, special[rows])))
        nots = c.positions("negators")
        before, after = nots.last(np.maximum(s - 1, 0)), nots.next(e)
        negator = np.where(before >= lo, before, np.where(after < se, after, -1))
        negator = np.where(negated & ~own & ~touch, negator, -1)
        intensifier = np.where((boost > 0) & ~touch, c.positions("intensifiers").last(np.maximum(e - 1, 0)), -1)
        evidence = Evidence(np.where(lex, self._signed(low, s, lex), np.nan)[rows], negator[rows],
                            np.where((intensifier >= lo2) & (intensifier < e), intensifier, -1)[rows],
                            hedge[rows], after_contrast[rows], special_rows)
        return (d[rows], s[rows], e[rows], out_tag, out_value, r[rows], score[rows].tolist(), table,
                d[ev], ev_sign, score[ev], weight[ev], evidence)

    def _value_codes(self, values: np.ndarray) -> np.ndarray:
        """Per rule: the id of its value in ``self._names`` (kept per rule table)."""
        if self._codes_of is not values:
            ids = self._value_ids
            for name in values.tolist():
                if name not in ids:
                    ids[name] = len(ids)
            self._names = np.array(list(ids), dtype=object)
            self._codes = np.array([ids[name] for name in values.tolist()], dtype=np.int64)
            self._codes_of = values
        return self._codes

    def _signed(self, low: np.ndarray, s: np.ndarray, lex: np.ndarray) -> np.ndarray:
        out = np.zeros(len(s))
        if lex.any():
            out[lex] = self.lexicon.polarity(low[s[lex]])
        return out

    def _longest(self, idx, starts, ends, tag, doc) -> np.ndarray:
        """Per Doc and tag label, non-overlapping cues preferring the longest (then the earliest).

        ``idx`` is sorted by Doc, tag, start, end. Cues overlapping nothing are kept; in a run
        of two overlapping cues the better one; longer runs go through the greedy selection.
        """
        if len(idx) < 2:
            return idx
        s, e = starts[idx], ends[idx]
        group = doc[idx] * 8 + tag[idx]
        big = int(e.max()) + 1
        reach = np.maximum.accumulate(e + group * big)
        clash = np.zeros(len(idx), dtype=bool)
        clash[1:] = (group[1:] == group[:-1]) & (s[1:] + group[1:] * big < reach[:-1])
        if not clash.any():
            return idx
        run = np.cumsum(~clash) - 1  # runs of overlapping cues
        size = np.bincount(run)[run]
        keep = size == 1
        pair = np.flatnonzero((size == 2) & ~clash)  # first cue of a run of two
        if len(pair):
            a, b = pair, pair + 1
            first_wins = (e[a] - s[a]) >= (e[b] - s[b])  # longer, else the earlier (a starts first)
            keep[np.where(first_wins, a, b)] = True
        longer = np.flatnonzero(size > 2)
        if len(longer):
            bounds = np.flatnonzero(np.diff(np.concatenate([[-1], run[longer], [-1]])) != 0)
            for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
                members = longer[lo:hi]
                cues = list(zip(s[members].tolist(), e[members].tolist(), members.tolist(), strict=True))
                keep[[c[2] for c in _longest(cues)]] = True
        return idx[keep]

    def _window_start(self, c, s: np.ndarray, clause: np.ndarray) -> np.ndarray:
        """Where the negation window of each cue starts: ``window`` non-neutral words before it,
        not before its clause (intensifiers, hedges and fillers are not counted)."""
        window = self.window
        if window < 1 or not c.packed:  # the running count of non-neutral words, over the batch
            neutral = c.dense_counts("neutral")
            plain = np.arange(len(neutral)) - neutral
            first = np.searchsorted(plain, plain[s] - window, side="right") - 1
            return np.maximum(clause, first)
        # walk back: p = s - window - (neutral words in [p, s)) until it holds (or passes the clause)
        p = s - window
        active = np.flatnonzero(p >= clause)
        while len(active):
            q = s[active] - window - c("neutral", p[active], s[active])
            moved = q != p[active]
            p[active] = q
            active = active[moved & (q >= clause[active])]
        return np.maximum(clause, p)

    def _topicalised(self, c, s, e, clause, se) -> np.ndarray:
        """A one-word cue opening its clause (after neutral words only) with a negator up to 5
        words after it and before a clause boundary or subordinator ('Moeilijk vond ik het niet')."""
        next_stop = c.positions("stop").next(e)
        opens = (e - s == 1) & (c("neutral", clause, s) == (s - clause))
        until = np.minimum(next_stop, np.minimum(e + 5, se))
        return opens & (until > e) & (c("negators", e, np.maximum(until, e)) > 0)

    def _judges_limitation(self, c, flags: np.ndarray, low: np.ndarray, starts: np.ndarray, s, e, ss, se) -> np.ndarray:
        """Per negative emotion cue: it judges a limitation of its sentence as a whole — it follows the
        limitation word ('only', 'alleen') after a comma, right after it or after a word referring back
        ('only in chat, which is annoying',
        'alleen via de chat, jammer') or opens the sentence before it ('Unfortunately it only …').
        A limitation word after an article ('the only thing …') or opening a clause ('…, alleen was
        het lauw': a contrast, 'but') limits nothing."""
        bit = self.flags.bit
        word = (flags & bit["limitation"]) > 0
        before = np.concatenate([[0], flags[:-1]])
        opening = (before & bit["boundaries"]) > 0
        opening[starts[starts < len(flags)]] = True
        word &= ((before & bit["articles"]) == 0) & ~(opening & ((flags & bit["concessive"]) > 0))
        pos = np.flatnonzero(word)
        if not len(pos):
            return np.zeros(len(s), dtype=bool)
        i = np.searchsorted(pos, s) - 1
        last = np.where(i >= 0, pos[np.maximum(i, 0)], -1)
        # after a comma, right after it or after a word that refers back ('…, which is annoying', '…, dat is
        # jammer', '…, helaas'): 'with only 8 hours of delay and exhausted' judges the trip, '…, so I missed the
        # cut-off' tells what followed
        comma = c.positions("comma").last(np.maximum(s - 1, 0))
        opener = np.minimum(comma + 1, len(flags) - 1)
        refers = self._in(low[opener], _REFERRING.get(self.lang, frozenset()))
        after = (last >= ss) & (comma > last) & (comma < s) & ((comma + 1 == s) | refers)
        j = np.searchsorted(pos, e)
        nxt = np.where(j < len(pos), pos[np.minimum(j, len(pos) - 1)], len(flags))
        opens = (c("neutral", ss, s) == (s - ss)) & (nxt < se)
        return after | opens

    def _in(self, low: np.ndarray, words: frozenset[str]) -> np.ndarray:
        """Per token of the batch: whether its lower-cased text is one of ``words``."""
        return np.isin(low, np.array([self.strings.add(w) for w in words], dtype=low.dtype))

    def _bare(self, flags: np.ndarray, low: np.ndarray, aside: np.ndarray, s, e, ss, se) -> np.ndarray:
        """Per ``context:none`` cue: the answer says nothing else — beside the cue, the words of ``aside``
        (asides and non-answer cues: 'no, thank you'), articles and object
        pronouns at most one content word ('Nog niet ontvangen', 'Heb hem niet goed bekeken eerlijk gezegd'), no third party ('ze hebben het
        niet gecontroleerd') and no 'still' ('nog steeds niet ontvangen' is a delay)."""
        f = self.flags
        content = ((flags & f.bit["noncontent"]) == 0) & ~aside & ~self._in(low, _ARTICLES.get(self.lang, frozenset()))
        cum = np.concatenate([[0], np.cumsum(content)])
        extra = (cum[se] - cum[ss]) - (cum[e] - cum[s])
        other = (((flags & f.bit["third_person"]) != 0) & ~aside) | self._in(low, _STILL.get(self.lang, frozenset()))
        cum_other = np.concatenate([[0], np.cumsum(other)])
        return (extra <= 1) & (cum_other[se] == cum_other[ss])

    def _elsewhere_scope(self, batch: TokenBatch, flags: np.ndarray, low: np.ndarray,
                         opened: np.ndarray) -> np.ndarray | None:
        """Per sentence of the batch: it tells of another company, or ``None`` when none does.

        A story about another company opens with an ``elsewhere`` cue (sentence numbers ``opened``:
        'at my old bank', 'bij de concurrent') or with a preposition at the start of the sentence
        before a company's name ('With Vodafone …', 'Bij Eneco …': a word seldom written and no
        everyday word, not a name of the company studied). It goes on over the next sentences of the
        text until one names the company studied (:meth:`set_home`) or comes back to it ('here',
        'hier', 'bij jullie'); that sentence is about this company again. A sentence in the story
        that speaks to the service with a negation ('… and you don't') is a comparison complaint
        about the company studied and stays."""
        starts, ends = batch.sent_starts, batch.sent_ends
        n = len(starts)
        if not n or not len(low):
            return None
        start = np.zeros(n, dtype=bool)
        start[opened] = True
        if self._home:  # a company's name tells another company only when the one studied is known
            start |= self._names_elsewhere(low, flags, starts, ends)
        if not start.any():
            return None
        home = self._in_hashes(low, self._home | self._home_markers)
        cum = np.concatenate([[0], np.cumsum(home)])
        back = cum[ends] > cum[starts]
        start &= ~back
        doc = batch.doc_of(np.minimum(starts, len(low) - 1))
        first = np.ones(n, dtype=bool)
        first[1:] = doc[1:] != doc[:-1]
        idx = np.arange(n)
        last_start = np.maximum.accumulate(np.where(start, idx, -1))
        last_stop = np.maximum.accumulate(np.where((back | first) & ~start, idx, -1))
        scope = (last_start >= 0) & (last_start > last_stop)
        bit = self.flags.bit
        you = ((flags & bit["second_person"]) > 0).astype(np.int64)
        neg = ((flags & bit["negators"]) > 0).astype(np.int64)
        cum_you, cum_neg = np.concatenate([[0], np.cumsum(you)]), np.concatenate([[0], np.cumsum(neg)])
        compares = (cum_you[ends] > cum_you[starts]) & (cum_neg[ends] > cum_neg[starts])
        return scope & ~compares

    def _names_elsewhere(self, low: np.ndarray, flags: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Per sentence: it opens with a preposition before a company's name ('At Barclays …')."""
        preps = self._in(low, _ELSEWHERE_PREPOSITIONS.get(self.lang, frozenset()))
        lead = (flags & self.flags.bit["discourse_lead"]) > 0
        out = np.zeros(len(starts), dtype=bool)
        for j in (0, 1):  # the first word, or the second after a lead word ('And with Vodafone …')
            at = starts + j
            ok = (at + 1 < ends) & preps[np.minimum(at, len(low) - 1)]
            if j:
                ok &= lead[np.minimum(starts, len(low) - 1)]
            if not ok.any():
                continue
            which = np.flatnonzero(ok)
            out[which] |= [self._rare_name(int(h)) for h in low[at[which] + 1].tolist()]
        return out

    def _rare_name(self, h: int) -> bool:
        """Whether the word of hash ``h`` can name a company: seldom written, no everyday word, not the studied one."""
        hit = self._rare.get(h)
        if hit is None:
            from wordfreq import zipf_frequency

            from .wordclass import common_word

            word = self.strings[h] if h in self.strings else ""
            hit = self._rare[h] = (word.isalpha() and len(word) > 1 and not common_word(word, self.lang)
                                   and zipf_frequency(word, self.lang) < RARE_NAME_ZIPF)
        return hit and h not in self._home

    def _in_hashes(self, low: np.ndarray, hashes: frozenset | set) -> np.ndarray:
        if not hashes:
            return np.zeros(len(low), dtype=bool)
        return np.isin(low, np.array(sorted(hashes), dtype=low.dtype))

    def _story_goes_on(self, batch: TokenBatch, flags: np.ndarray, low: np.ndarray, k: np.ndarray,
                       told: np.ndarray) -> np.ndarray:
        """Per cue: its sentence goes on with someone else's story told in the sentence before (a chain of
        them): it opens with a pronoun of that person or story within its first four words ('Zij kreeg ook …',
        'Bij haar duurde het …', 'Their app logged me out …', 'Dus dat was vreemd') and has no first-person
        subject of its own."""
        return self._story_sentences(batch, low, k, told)[k]

    def _story_sentences(self, batch: TokenBatch, low: np.ndarray, k: np.ndarray, told: np.ndarray) -> np.ndarray:
        """Per sentence of the batch: it tells someone else's story (see :meth:`_story_goes_on`)."""
        starts, ends = batch.sent_starts, batch.sent_ends
        n = len(starts)
        third = self._in(low, _THIRD.get(self.lang, frozenset()))
        opens = np.zeros(n, dtype=bool)
        for j in range(STORY_OPENING):
            at = np.minimum(starts + j, len(low) - 1)
            opens |= (starts + j < ends) & third[at]
        mine = self._in(low, _FIRST_SUBJECT.get(self.lang, frozenset()))
        cum = np.concatenate([[0], np.cumsum(mine)])
        goes_on = opens & (cum[ends] == cum[starts])
        doc = batch.doc_of(starts)
        same = np.zeros(n, dtype=bool)
        same[1:] = doc[1:] == doc[:-1]  # a sentence and the one before it are of one Doc
        story = np.zeros(n, dtype=bool)
        story[k[told]] = True
        for _ in range(4):  # a story goes on over at most four sentences
            nxt = np.zeros(n, dtype=bool)
            nxt[1:] = story[:-1] & same[1:] & goes_on[1:]
            if not (nxt & ~story).any():
                break
            story |= nxt
        return story

    # --- writing the results ------------------------------------------------------------------

    def _hash(self, text: str) -> int:
        h = self._hashes.get(text)
        if h is None:
            h = self._hashes[text] = self.strings.add(text)
        return h

    def _write(self, docs, batch, d, s, e, tag, value, rule, score, table, ev_doc, ev_sign, ev_score, ev_weight,
               evidence):
        base = batch.offsets[d]
        start_char, end_char = batch.char_span(s, e)
        start_char, end_char = start_char.tolist(), end_char.tolist()
        bounds = np.searchsorted(d, np.arange(len(docs) + 1)).tolist()
        local_s, local_e = (s - base).tolist(), (e - base).tolist()
        labels = [_TAG_ORDER[x] for x in tag.tolist()]
        vals = value.tolist()
        rids = [table[x][1] for x in rule.tolist()]
        scores = score

        def words(pos: np.ndarray) -> list[str]:
            owner = batch.doc_of(pos)
            return [docs[i][p - int(batch.offsets[i])].text for i, p in zip(owner.tolist(), pos.tolist(), strict=True)]

        because = evidence_texts(evidence, words, batch.low)
        h = self._hash
        sentiment = sentiments(len(docs), ev_doc, ev_sign, ev_score, ev_weight)
        key = self.spans_key
        for k, doc in enumerate(docs):
            lo, hi = bounds[k], bounds[k + 1]
            spans = [Span(doc, local_s[i], local_e[i], label=h(labels[i]), kb_id=h(vals[i]), span_id=h(rids[i]))
                     for i in range(lo, hi)] if key else []
            if lo == hi:
                rows = []
            else:
                text = doc.user_data.get(TEXT_KEY)
                if text is not None:
                    texts = [text[a:b] for a, b in zip(start_char[lo:hi], end_char[lo:hi], strict=True)]
                elif spans:
                    texts = [sp.text for sp in spans]
                else:
                    texts = [doc[a:b].text for a, b in zip(local_s[lo:hi], local_e[lo:hi], strict=True)]
                rows = list(zip(local_s[lo:hi], local_e[lo:hi], start_char[lo:hi], end_char[lo:hi], texts,
                                labels[lo:hi], vals[lo:hi], rids[lo:hi], scores[lo:hi], because[lo:hi], strict=True))
            if key:
                doc.spans[key] = SpanGroup(doc, name=key, attrs={"scores": scores[lo:hi]}, spans=spans)
            set_ext(doc, "journey_tags", rows)
            set_ext(doc, "journey_sentiment", sentiment[k])


class Evidence(NamedTuple):
    """Per tag, what made it (see :func:`evidence_texts`): the lexicon polarity (NaN for a
    cue), the global positions of the negator that flipped it and of the intensifier that
    raised it (-1 for none), whether a hedge lowered it, whether it follows a contrast word,
    and the code of the mechanism that made it (``_SPECIAL``)."""

    polarity: np.ndarray
    negator: np.ndarray
    intensifier: np.ndarray
    hedge: np.ndarray
    contrast: np.ndarray
    special: np.ndarray

    @classmethod
    def empty(cls) -> Evidence:
        none = np.zeros(0, dtype=np.int64)
        return cls(np.zeros(0), none, none, np.zeros(0, dtype=bool), np.zeros(0, dtype=bool), none)


def evidence_texts(ev: Evidence, words, low: np.ndarray | None = None) -> np.ndarray:
    """``TAGS.evidence`` strings (an object array), e.g. ``"lexicon -0.70; negated by 'niet'; raised by 'echt'"``.

    ``words(positions)`` returns the texts of the tokens at global positions (an array);
    ``low`` (the batch's LOWER hashes) lets tags whose evidence words differ only by case share
    one string (words are written lower-cased): each distinct kind of evidence is formatted once."""
    n = len(ev.polarity)
    if not n:
        return np.zeros(0, dtype=object)
    _, pol = np.unique(np.where(np.isnan(ev.polarity), 9.0, ev.polarity), return_inverse=True)
    parts = [pol.astype(np.int64)]
    for pos in (ev.negator, ev.intensifier):
        word = np.where(pos >= 0, low[np.maximum(pos, 0)] if low is not None else pos, 0)
        parts.append(np.unique(word, return_inverse=True)[1].astype(np.int64))
    key = np.zeros(n, dtype=np.int64)
    for part in parts:
        key = key * (int(part.max()) + 1) + part
    key = key * 32 + ev.hedge.astype(np.int64) * 16 + ev.contrast.astype(np.int64) * 8 + ev.special
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    neg, boost = ev.negator[first], ev.intensifier[first]
    wanted = np.unique(np.concatenate([neg[neg >= 0], boost[boost >= 0]]))
    text = {p: w.lower() for p, w in zip(wanted.tolist(), words(wanted), strict=True)} if len(wanted) else {}
    text[-1] = ""
    lines = [_evidence_line(p, text[a], text[b], h, c, sp) for p, a, b, h, c, sp in zip(
        np.where(np.isnan(ev.polarity[first]), 9.0, ev.polarity[first]).tolist(), neg.tolist(), boost.tolist(),
        ev.hedge[first].tolist(), ev.contrast[first].tolist(), ev.special[first].tolist(), strict=True)]
    return np.array(lines, dtype=object)[inverse.ravel()]


def _evidence_line(pol: float, neg: str, boost: str, hedge: bool, contrast: bool, special: int) -> str:
    parts = ["cue" if pol == 9.0 else f"lexicon {pol:+.2f}"]
    if special:
        parts.append(_SPECIAL[special])
    if neg:
        parts.append(f"negated by '{neg}'")
    if boost:
        parts.append(f"raised by '{boost}'")
    if hedge:
        parts.append("lowered by a hedge")
    if contrast:
        parts.append("after a contrast")
    return "; ".join(parts)


def _at(pos: np.ndarray, bits: np.ndarray, x: np.ndarray, bit: int) -> np.ndarray:
    """Per position ``x``: whether it is among the sorted positions ``pos`` with ``bit`` set."""
    if not len(pos):
        return np.zeros(len(x), dtype=bool)
    i = np.minimum(np.searchsorted(pos, x), len(pos) - 1)
    return (pos[i] == x) & ((bits[i] & bit) != 0)


def round3(values: np.ndarray) -> np.ndarray:
    """``round(x, 3)`` for every value, exactly as Python rounds (numpy only where no tie is near)."""
    out = np.round(values, 3)
    scaled = values * 1000
    near_tie = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6
    if near_tie.any():
        out[near_tie] = [round(x, 3) for x in values[near_tie].tolist()]
    return out


def sentiments(n: int, doc, sign, score, weight) -> list[float]:
    """Per Doc: the weighted mean of its evidence, summed in the rules' order (exact floats)."""
    total = np.zeros(n)
    acc = np.zeros(n)
    np.add.at(total, doc, weight)  # unbuffered: adds in the order given, as the rules did
    np.add.at(acc, doc, (sign * score) * weight)
    out = np.zeros(n)
    some = total != 0
    out[some] = round3(acc[some] / total[some])
    return out.tolist()


def _same_group(group: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per item: whether an item of the same group (sentence, Doc; small non-negative ids) is in ``mask``."""
    if not mask.any():
        return np.zeros(len(group), dtype=bool)
    hit = np.zeros(int(group.max()) + 1, dtype=bool)
    hit[group[mask]] = True
    return hit[group]


def _first_in_group(group: np.ndarray, start: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per item: the smallest ``start`` of an item of its group in ``mask`` (-1 when there is none)."""
    if not mask.any():
        return np.full(len(group), -1, dtype=np.int64)
    first = np.full(int(group.max()) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, group[mask], start[mask].astype(np.int64))
    out = first[group]
    return np.where(out == np.iinfo(np.int64).max, -1, out)


def _pairs(d_a: np.ndarray, mask_a: np.ndarray, d_b: np.ndarray, mask_b: np.ndarray):
    """Index pairs ``(i, j)`` with ``mask_a[i]``, ``mask_b[j]`` and the same Doc."""
    a, b = np.flatnonzero(mask_a), np.flatnonzero(mask_b)
    if not len(a) or not len(b):
        return a[:0], b[:0]
    b = b[np.argsort(d_b[b], kind="stable")]
    lo = np.searchsorted(d_b[b], d_a[a], "left")
    hi = np.searchsorted(d_b[b], d_a[a], "right")
    owner, pos = ranges(lo, hi)
    return a[owner], b[pos]


def _inside_any(s, e, d, mask_a, mask_b) -> np.ndarray:
    """Per cue of ``mask_a``: lies within a cue of ``mask_b`` of its Doc (or ends one token after it)."""
    out = np.zeros(len(s), dtype=bool)
    i, j = _pairs(d, mask_a, d, mask_b)
    hit = (s[j] <= s[i]) & (e[i] <= e[j] + 1)
    out[i[hit]] = True
    return out


def _starts_inside(s, e, d, mask_a, mask_b) -> np.ndarray:
    """Per cue of ``mask_a``: starts within a cue of ``mask_b`` of its Doc."""
    out = np.zeros(len(s), dtype=bool)
    i, j = _pairs(d, mask_a, d, mask_b)
    hit = (s[j] <= s[i]) & (s[i] < e[j])
    out[i[hit]] = True
    return out


def _overlaps_any(s, e, d, mask_a, mask_b) -> np.ndarray:
    """Per cue of ``mask_a``: overlaps a cue of ``mask_b`` of its Doc."""
    out = np.zeros(len(s), dtype=bool)
    i, j = _pairs(d, mask_a, d, mask_b)
    hit = (s[j] < e[i]) & (s[i] < e[j])
    out[i[hit]] = True
    return out


def _longest(cues: Iterable[tuple]) -> list[tuple]:
    """Non-overlapping cues ``(start, end, ...)``, preferring the longest (then the earliest)."""
    ordered = sorted(cues, key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    out = []
    for cue in ordered:
        if not taken.intersection(range(cue[0], cue[1])):
            out.append(cue)
            taken.update(range(cue[0], cue[1]))
    return sorted(out)


def _before_marked(batch: TokenBatch, k: np.ndarray, d: np.ndarray, mark: np.ndarray) -> np.ndarray:
    """Per cue: the next sentence of its Doc holds a cue of ``mark`` ('Joking.' after the joke)."""
    hit = np.zeros(len(batch.sent_starts) + 1, dtype=bool)
    hit[k[mark]] = True
    doc_of = np.full(len(batch.sent_starts) + 1, -1, dtype=np.int64)
    doc_of[k[mark]] = d[mark]
    return hit[k + 1] & (doc_of[k + 1] == d)
