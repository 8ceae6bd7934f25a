"""One privacy policy per study: what is removed, what it becomes, and what stays.

A :class:`Policy` turns every piece of personal data :func:`~workbench.privacy.detect` finds into
a placeholder in the study's language:

- a person gets a numbered pseudonym, the same in every output of the study: ``[PERSOON-3]`` /
  ``[PERSON-3]`` ("Jan de Vries", "Jan" and "meneer De Vries" are one person);
- an interview participant named in a text becomes their study id (``[P01]``), the interviewer
  ``[INTERVIEWER]``;
- everything else its kind: ``[ADRES]``/``[ADDRESS]``, ``[TELEFOON]``/``[PHONE]``, …

Survey respondents are shown by readable pseudonyms (``R-017``, :meth:`Policy.pseudonym`). The
numbers live in the study store (tables ``privacy_pseudonyms`` and ``privacy_marks``), never in an
export. The researcher marks a phrase "keep" (a brand, a product named like a person) or "scrub"
(a name the rules missed) with :func:`mark` or the review widget; marks apply study-wide.

While a policy is active (``with policy.active(): …``) every :func:`~workbench.privacy.scrub`
call uses it — the pipeline activates the study's policy around everything it writes.
"""

from __future__ import annotations

import contextvars
import itertools
import os
import re
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ._detect import Span, detect

__all__ = ["Policy", "PLACEHOLDERS", "mark", "unmark", "marks", "active_policy", "display_id", "hide_file_names",
           "scrub_note", "consistent_brands"]

PLACEHOLDERS = {
    "nl": {"person": "PERSOON", "address": "ADRES", "postcode": "POSTCODE", "phone": "TELEFOON",
           "email": "E-MAIL", "url": "URL", "iban": "IBAN", "national_id": "ID-NUMMER", "number": "NUMMER",
           "date": "GEBOORTEDATUM", "plate": "KENTEKEN", "interviewer": "INTERVIEWER"},
    "en": {"person": "PERSON", "address": "ADDRESS", "postcode": "POSTCODE", "phone": "PHONE",
           "email": "EMAIL", "url": "URL", "iban": "IBAN", "national_id": "ID-NUMBER", "number": "NUMBER",
           "date": "DATE-OF-BIRTH", "plate": "PLATE", "interviewer": "INTERVIEWER"},
}
_ACTIVE: contextvars.ContextVar[Policy | None] = contextvars.ContextVar("workbench_privacy_policy", default=None)
_TITLES = re.compile(r"(?i)^(?:(?:mevrouw|meneer|mevr|mw|dhr|de heer|mr|mrs|ms|miss|dr)\.?\s+)+")


def _key(name: str) -> str:
    return " ".join(_TITLES.sub("", name).lower().replace("’", "'").split())


def active_policy() -> Policy | None:
    """The policy made active with :meth:`Policy.active` in this context, if any."""
    return _ACTIVE.get()


class Policy:
    """How personal data is replaced in one study's outputs.

    Parameters
    ----------
    lang : {"nl", "en"}
        The study's language: the rules used and the placeholders' language.
    participants : dict
        Speaker name -> study id for interview participants (``{"Anouk": "P01"}``).
    interviewers : iterable of str
        The interviewers' names (become ``[INTERVIEWER]``).
    keep, scrub : iterable of str
        Phrases never removed / always removed (the researcher's marks).
    own : iterable of str
        The study's own names — the brand or product in its name and those declared in
        ``study.toml`` (``[privacy] keep = [...]``): never a person, whatever verb follows ("Penny
        blocked the payment"), unless a title or kin word stands right before ("mevrouw Penny").
    store : path, optional
        The study folder or store file holding pseudonym numbers; ``None``: numbers in memory.

    >>> p = Policy("nl", participants={"Anouk": "P01"})
    >>> p.scrub("Anouk zei dat Jan de Vries belde; Jan was boos. Mail anouk@example.nl")
    '[P01] zei dat [PERSOON-1] belde; [PERSOON-1] was boos. Mail [E-MAIL]'
    """

    def __init__(self, lang: str = "nl", *, participants: dict[str, str] | None = None,
                 interviewers: Iterable[str] = (), keep: Iterable[str] = (), scrub: Iterable[str] = (),
                 own: Iterable[str] = (), store: str | os.PathLike | None = None) -> None:
        self.lang = "en" if lang == "en" else "nl"
        self.participants = {_key(k): str(v) for k, v in (participants or {}).items() if k and str(k).strip()}
        self.interviewers = {_key(n) for n in interviewers if n and str(n).strip()}
        self.keep = tuple(sorted({k.strip() for k in keep if k and k.strip()}))
        self.scrub_marks = tuple(sorted({k.strip() for k in scrub if k and k.strip()}))
        self.own = tuple(sorted({k.strip() for k in own if k and k.strip()}))
        self.store = Path(store) if store is not None else None
        self._persons: dict[str, int] = {}
        self._parts: dict[str, int] = {}
        self._respondents: dict[str, int] = {}
        self._cache: dict[str, str] = {}

    # -- the study's policy ---------------------------------------------------------------
    @classmethod
    def for_study(cls, study) -> Policy:
        """The policy of a loaded study: its speakers, its marks and its stored pseudonyms."""
        seg = study.segments
        participants, interviewers = {}, set()
        names = set(study.speaker_names())
        for spk, role, pid in zip(seg["speaker"], seg["role"].astype(str), seg["participant_id"], strict=True):
            if not isinstance(spk, str) or spk not in names:
                continue
            if role == "participant" and isinstance(pid, str):
                participants[spk] = pid
            elif role == "interviewer":
                interviewers.add(spk)
        from ..coding.store import Store

        with Store.open(study.path) as st:
            mk = marks(st)
        own = [*study_brands(study.name, study.language), *getattr(study.config, "privacy_keep", ())]
        try:  # what each person said, joined: a brand is one many people name, not one said often
            docs = study.documents()
            who = docs["participant_id"].astype("string").fillna(docs["respondent_id"].astype("string"))
            texts = docs["text"].astype("string").fillna("").groupby(who.fillna(docs["doc_id"])).agg("\n".join)
        except (AttributeError, KeyError, ValueError, TypeError):
            texts = ()
        own += consistent_brands(texts, study.language)
        pol = cls(study.language, participants=participants, interviewers=interviewers,
                  keep=mk.loc[mk["action"] == "keep", "text"], scrub=mk.loc[mk["action"] == "scrub", "text"],
                  own=own, store=study.path)
        rid = study.respondents["respondent_id"].dropna().astype(str).tolist() if len(study.respondents) else []
        pol.register_respondents(rid)
        return pol

    @contextmanager
    def active(self):
        """Make this the policy every :func:`~workbench.privacy.scrub` call uses, in this context."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)

    # -- finding and replacing ------------------------------------------------------------
    def known_names(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.participants) | self.interviewers | {_key(s) for s in self.scrub_marks}))

    def spans(self, text: str, names: Iterable[str] = ()) -> list[Span]:
        """The personal data in ``text`` (``names``: more names known to be people)."""
        known = self.known_names() + tuple(n for n in names if isinstance(n, str) and n.strip())
        return detect(text, self.lang, known=known, keep=self.keep, own=self.own)

    def scrub(self, text: str, names: Iterable[str] = ()) -> str:
        """``text`` with every piece of personal data replaced by its placeholder."""
        if not isinstance(text, str) or not text:
            return text
        names = tuple(names)
        if not names and text in self._cache:
            return self._cache[text]
        out = self.scrub_with_offsets(text, names)[0]
        if not names and len(self._cache) < 200_000:
            self._cache[text] = out
        return out

    def scrub_with_offsets(self, text: str, names: Iterable[str] = ()) -> tuple[str, list[tuple[int, int, int]]]:
        """The scrubbed text and the replaced spans as ``(start, end, new_length)`` in order, so
        callers can move offsets into the old text to the new one (see :func:`shift`)."""
        parts, edits, pos = [], [], 0
        for sp in self.spans(text, names):
            parts.append(text[pos:sp.start])
            label = self.placeholder(sp)
            parts.append(label)
            edits.append((sp.start, sp.end, len(label)))
            pos = sp.end
        parts.append(text[pos:])
        return "".join(parts), edits

    def placeholder(self, span: Span) -> str:
        ph = PLACEHOLDERS[self.lang]
        if span.kind != "person":
            return f"[{ph[span.kind]}]"
        key = _key(span.text)
        for k in (key, *key.split()):
            if k in self.participants:
                return f"[{self.participants[k]}]"
            if k in self.interviewers:
                return f"[{ph['interviewer']}]"
        return f"[{ph['person']}-{self.person_number(key)}]"

    def person_number(self, key: str) -> int:
        """The study-wide number of a person ("jan de vries"; "jan" alone is the same person)."""
        if key in self._persons:
            return self._persons[key]
        parts = [p for p in key.split() if len(p) > 2]
        same = next((self._parts[p] for p in parts if p in self._parts), None)
        if same is None and key in self._parts:
            same = self._parts[key]
        n = same if same is not None else self._number("person", key)
        self._persons[key] = n
        for p in parts:
            self._parts.setdefault(p, n)
        return n

    # -- respondents ----------------------------------------------------------------------
    def register_respondents(self, ids: Iterable[str]) -> None:
        """Give every respondent not numbered yet the next number, in sorted order (stable across
        runs and waves: earlier respondents keep theirs)."""
        new = sorted({str(i) for i in ids} - set(self._respondents))
        if not new:
            return
        if self.store is None:
            start = max(self._respondents.values(), default=0)
            self._respondents.update({r: start + i for i, r in enumerate(new, 1)})
            return
        from ._store import assign

        self._respondents.update(assign(self.store, "respondent", new))

    def pseudonym(self, respondent_id: str) -> str:
        """The display pseudonym of a survey respondent (``R-017``); a participant id stays."""
        rid = str(respondent_id)
        if rid not in self._respondents:
            self.register_respondents([rid])
        return f"R-{self._respondents[rid]:03d}"

    def _number(self, kind: str, key: str) -> int:
        if self.store is None:
            return max(self._persons.values(), default=0) + 1
        from ._store import assign

        return assign(self.store, kind, [key])[key]


def study_brands(name: object, lang: str = "nl") -> list[str]:
    """The names a study's name holds — the client, brand or product it is about — kept in its
    quotes: every capitalised word, and each run of capitalised words up to its first everyday
    word ("Woonhuis.nl klantreis 2026" -> "Woonhuis.nl", "Woonhuis"; "Penny mobile bank" and
    "Penny Mobile Bank" -> "Penny"; "Albert Heijn klantreis" -> "Albert Heijn", "Heijn"). A
    listed first name is kept as the whole run only, so the name of a brand that starts with a
    given name keeps no person of that given name ("Albert" alone); a run of one word is the
    brand itself ("Penny": the bank, not a person, in "can't pay cash into Penny").

    >>> study_brands("Woonhuis.nl klantreis 2026"), study_brands("Planwise onboarding journey", "en")
    (['Woonhuis.nl', 'Woonhuis'], ['Planwise'])
    >>> study_brands("Penny Mobile Bank – customer journey 2025", "en"), study_brands("Albert Heijn klantreis")
    (['Penny', 'Mobile', 'Bank'], ['Albert Heijn', 'Heijn'])
    """
    from ._lexicon import lexicon

    lex = lexicon(lang)
    out: list[str] = []
    runs: list[list[str]] = []
    last = None
    for m in re.finditer(r"[^\W\d_][\w'’&\-]*(?:\.[a-z]{2,4}\b)?", str(name or "")):
        if not m.group()[:1].isupper():
            last = None
            continue
        if last is not None and not str(name)[last:m.start()].strip():
            runs[-1].append(m.group())
        else:
            runs.append([m.group()])
        last = m.end()
    for caps in runs:
        core = caps[:1] + list(itertools.takewhile(
            lambda w: re.sub(r"\.[a-z]{2,4}$", "", w).lower() not in lex.vocab, caps[1:]))
        if len(core) > 1 or core[0].lower() in lex.first:
            out.append(" ".join(core))
        for word in caps:
            base = re.sub(r"\.[a-z]{2,4}$", "", word)
            if base.lower() not in lex.first:
                out += [word] if base == word else [word, base]
    return list(dict.fromkeys(out))


_BRAND_BEFORE = {"en": ("via", "through", "on", "from", "with", "using", "use", "used", "tried", "switched to",
                        "ordered from", "the"),
                 "nl": ("via", "bij", "op", "van", "met", "de", "het", "overgestapt naar", "besteld bij")}
_BRAND_AFTER = {"en": ("app", "website", "site", "account", "box", "boxes", "order", "delivery", "store", "shop",
                       "subscription", "customer service", "support", "driver", "rider"),
                "nl": ("app", "website", "site", "account", "winkel", "bezorger", "klantenservice", "abonnement",
                       "pakket", "box", "bestelling", "storing", "monteur")}


def consistent_brands(texts: Iterable[object], lang: str = "nl", *, min_docs: int = 3) -> list[str]:
    """The shops, apps and third parties a study names consistently — no people: one capitalised
    word, no listed name, written mid-sentence in the texts of at least ``min_docs`` people, never beside
    another capitalised word (no "Tom Deliveroo"), and at least once where only a brand stands
    ("via Deliveroo", "the Trainline app", "bij Coolblue"). The policy keeps them like ``[privacy]
    keep``: a title or kin word before one still makes it a person ("mevrouw Coolblue").

    >>> consistent_brands(["Ordered via Deliveroo.", "Then Deliveroo was late.", "I use Deliveroo a lot.",
    ...                    "We tried Gousto once."], "en")
    ['Deliveroo']
    """
    from ._lexicon import lexicon

    lex = lexicon(lang)
    lang = "en" if lang == "en" else "nl"
    before = _BRAND_BEFORE[lang]
    after = _BRAND_AFTER[lang]
    docs: dict[str, int] = {}
    branded: set[str] = set()
    named: set[str] = set()
    word = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+(?:[A-Z][a-z]+)?)(?= ([A-Za-z]+)|[\s.,!?;:)]|$)")
    for t in texts:
        if not isinstance(t, str) or not t:
            continue
        seen = set()
        for m in word.finditer(t):
            w, lo = m.group(1), m.group(1).lower()
            if lo in lex.first or lo in lex.surname or lo in lex.vocab or lo in lex.titles or lo in lex.cues or (
                    lo in lex.never):
                continue
            nxt = m.group(2) or ""
            raw = t[max(0, m.start() - 24):m.start()].split()
            head = [h.lower() for h in raw]
            if nxt[:1].isupper() or (raw and raw[-1][:1].isupper() and head[-1] in lex.first and not (
                    head[-1] in lex.never or head[-1] in lex.words)):  # not "De Bezorgbeer app"
                named.add(w)  # "Tom Deliveroo", "Deliveroo Smith": part of a name
            if any(" ".join(head[-len(b.split()):]) == b for b in before) or nxt.lower() in after:
                branded.add(w)
            seen.add(w)
        for w in seen:
            docs[w] = docs.get(w, 0) + 1
    return sorted(w for w, n in docs.items() if n >= min_docs and w in branded and w not in named)


def hide_file_names(text: str, renamed: dict[str, str]) -> str:
    """``text`` with every file stem that holds a name (``Study.renamed``: ``{"P01_anna": "P01"}``)
    replaced by the key its segment ids use: for the load warnings repeated in an output, which
    name the file they are about ("interviews/P01_anna.vtt: …" -> "interviews/P01.vtt: …").

    >>> hide_file_names("interviews/P01_anna.vtt: line 3 skipped; P01_annabel stays", {"P01_anna": "P01"})
    'interviews/P01.vtt: line 3 skipped; P01_annabel stays'
    """
    if not renamed or not isinstance(text, str):
        return text
    rx = re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in sorted(renamed, key=len, reverse=True)) + r")(?!\w)")
    return rx.sub(lambda m: renamed[m.group(1)], text)


_QUOTED = re.compile(r"""(?<!\w)(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")(?!\w)""")


def scrub_note(text: str, policy: Policy | None = None) -> str:
    """A load warning as the client's outputs show it (``summary.md``): every quoted line of the
    file scrubbed ("line 4: 'Interviewer: [PERSON-1]' read as a header line"), and the study's
    speakers named anywhere in it replaced by their pseudonym ("speaker names …: [P02], [P03]").
    The file and line stay, so the researcher finds it; the console keeps the names.

    >>> p = Policy("en", participants={"Margaret Hale": "P03"})
    >>> scrub_note("line 5: 'Respondent: Margaret Hale (73)' read as a header; speakers: Margaret Hale, Tom", p)
    "line 5: 'Respondent: [P03] (73)' read as a header; speakers: [P03], Tom"
    """
    pol = policy if policy is not None else active_policy()
    if pol is None or not isinstance(text, str) or not text:
        return text

    def quoted(m: re.Match) -> str:
        q = "'" if m.group(1) is not None else '"'
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        return q + pol.scrub(inner) + q

    out = _QUOTED.sub(quoted, text)
    from ._lexicon import lexicon

    lex = lexicon(pol.lang)  # a speaker called by a role ("Interviewer", "Klant") is no name
    names = sorted({k for k in (*pol.participants, *pol.interviewers) if len(k) > 2 and not (
        k in lex.vocab or k in lex.words or k in lex.cues)}, key=len, reverse=True)
    if not names:
        return out
    rx = re.compile(r"(?<![\w\[])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w\]])", re.I)
    return rx.sub(lambda m: pol.placeholder(Span(m.start(), m.end(), "person", m.group())), out)


def display_id(participant_id: object = None, respondent_id: object = None) -> str:
    """Who said it, for display: the participant's study id, else the respondent's pseudonym
    under the active policy (the raw id when no policy is active)."""
    if isinstance(participant_id, str) and participant_id:
        return participant_id
    if isinstance(respondent_id, str) and respondent_id:
        pol = active_policy()
        return pol.pseudonym(respondent_id) if pol is not None else respondent_id
    return ""


def shift(offset: int, edits: list[tuple[int, int, int]]) -> int:
    """Move an offset into the original text to the scrubbed text (an offset inside a replaced
    span goes to the placeholder's start, or its end for the end of a range)."""
    delta = 0
    for s, e, n in edits:
        if offset <= s:
            break
        if offset < e:
            return s + delta
        delta += n - (e - s)
    return offset + delta


def _store(location):
    from ..coding.store import Store

    return Store.open(location) if not hasattr(location, "conn") else location


def mark(location, text: str, action: str, *, coder: str = "researcher") -> None:
    """Mark ``text`` "keep" (never removed: a brand, a product) or "scrub" (always removed) in a
    study; ``location`` is the study folder, its store file, or an open Store."""
    if action not in ("keep", "scrub"):
        from ..errors import WorkbenchError

        raise WorkbenchError(f"unknown privacy mark {action!r}", hint="Use 'keep' or 'scrub'.")
    if not isinstance(text, str) or not text.strip():
        from ..errors import WorkbenchError

        raise WorkbenchError("an empty text cannot be marked", hint="Select or type the words to mark.")
    st = _store(location)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with st._write() as conn:
        conn.execute("INSERT OR REPLACE INTO privacy_marks (text, action, coder, created) VALUES (?, ?, ?, ?)",
                     (" ".join(text.split()), action, coder, now))
    if st is not location:
        st.close()


def unmark(location, text: str) -> None:
    """Remove a keep/scrub mark."""
    st = _store(location)
    with st._write() as conn:
        conn.execute("DELETE FROM privacy_marks WHERE lower(text) = lower(?)", (" ".join(text.split()),))
    if st is not location:
        st.close()


def marks(location) -> pd.DataFrame:
    """The study's privacy marks: ``text, action, coder, created``."""
    st = _store(location)
    rows = st._read("SELECT text, action, coder, created FROM privacy_marks ORDER BY created, text")
    if st is not location:
        st.close()
    return pd.DataFrame(rows, columns=["text", "action", "coder", "created"], dtype="string")
