"""The review queue: which documents to review, in which order, and how far the coder got.

Pure logic behind :class:`workbench.coding.review.ReviewWidget` (no widgets here), usable from a
script as well:

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Te duur.", "Snel geleverd!"]})
>>> tags = pd.DataFrame({"doc_id": ["a", "b"], "start_char": [0, 5], "end_char": [7, 13],
...                      "label": ["pain_point", "touchpoint"], "value": ["price", "delivery"],
...                      "score": [0.9, 0.55]})
>>> q = ReviewQueue(docs, tags, order="uncertain")
>>> q.doc_ids
['b', 'a']
>>> q.suggestions_for("b")["code"].tolist()
['touchpoint/delivery']
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from .. import schema
from ..errors import WorkbenchError
from .codebook import PALETTE, Codebook, code_for_tag

__all__ = ["ReviewQueue", "Span", "tokenize", "highlight_html", "ORDERS"]

ORDERS = ("document", "uncertain")
_TOKEN = re.compile(r"\w+|[^\w\s]")
_KEEP = object()  # "leave this filter as it is"


def tokenize(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of the words and punctuation marks of ``text``.

    >>> tokenize("Te duur!")
    [(0, 2), (3, 7), (7, 8)]
    """
    return [m.span() for m in _TOKEN.finditer(text or "")]


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of a document: ``state`` is undecided, accepted, rejected or selection."""

    start: int
    end: int
    colour: str
    title: str
    state: str = "undecided"


_STYLE = {
    "undecided": "background:{c}66;border-bottom:2px dashed {c};",
    "accepted": "background:{c};",
    "rejected": "background:#EEEEEE;color:#777777;text-decoration:line-through;",
    "selection": "background:transparent;outline:2px solid #222222;",
}


def highlight_html(text: str, spans: Iterable[Span], *, selected: tuple[int, int] | None = None) -> str:
    """The text as HTML with ``<mark>`` elements for the spans; all text is escaped.

    Overlapping spans are split at every boundary; a piece covered by several spans takes the
    style of the last one given and lists all their titles. ``selected`` gets an outline.

    >>> highlight_html("a <b> c", [Span(2, 5, "#77AADD", "code", "accepted")])
    'a <mark style="background:#77AADD;" title="code">&lt;b&gt;</mark> c'
    """
    text = text or ""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if selected is not None and 0 <= selected[0] < selected[1] <= len(text):
        spans.append(Span(selected[0], selected[1], "#222222", "selected", "selection"))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in pairwise(cuts):
        piece = html.escape(text[a:b])
        covering = [s for s in spans if s.start <= a and b <= s.end]
        if not covering:
            out.append(piece)
            continue
        marks = [s for s in covering if s.state != "selection"]
        style = _STYLE[marks[-1].state].format(c=marks[-1].colour) if marks else ""
        if len(marks) < len(covering):
            style += _STYLE["selection"] if not marks else "outline:2px solid #222222;"
        title = html.escape("; ".join(dict.fromkeys(s.title for s in covering)), quote=True)
        out.append(f'<mark style="{style}" title="{title}">{piece}</mark>')
    return "".join(out)


def _suggestion_frame(suggestions: pd.DataFrame, codebook: Codebook | None) -> pd.DataFrame:
    tags = schema.conform(suggestions, schema.TAGS)
    if "uncertainty" in suggestions.columns:
        uncertainty = pd.to_numeric(suggestions["uncertainty"], errors="coerce").to_numpy()
    else:  # a score of 0.5 is the least certain; a missing score counts as certain
        uncertainty = (1 - 2 * (tags["score"] - 0.5).abs()).fillna(0).to_numpy()
    tags["uncertainty"] = uncertainty
    tags["code"] = pd.array(
        [
            code_for_tag(label, value if value is not pd.NA else None, codebook)
            for label, value in zip(tags["label"].astype(object), tags["value"].astype(object), strict=True)
        ],
        dtype="string",
    )
    tags["order"] = np.arange(len(tags))
    # several rules on the same span and code: one suggestion, with the highest score
    tags = tags.sort_values("score", ascending=False, kind="stable", na_position="last")
    tags = tags.drop_duplicates(["doc_id", "start_char", "end_char", "code"], keep="first")
    tags = tags.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)
    keys = zip(tags["doc_id"], tags["start_char"], tags["end_char"], tags["code"], strict=True)
    tags["key"] = pd.Series([(str(d), int(a), int(b), str(c)) for d, a, b, c in keys], dtype=object)
    return tags


class ReviewQueue:
    """Filters, orders and steps through the documents that have suggestions to review.

    Parameters
    ----------
    documents : DataFrame
        ``DOCUMENTS`` frame (document order = its row order).
    suggestions : DataFrame
        ``TAGS`` frame; an optional ``uncertainty`` column (higher = review first) overrides the
        default ``1 - 2·|score − 0.5|``.
    codebook : Codebook, optional
        Maps suggestions to code names (a missing child code falls back to its parent).
    decisions : mapping, optional
        ``Store.suggestion_decisions(coder)``; refresh with :meth:`update_decisions`.
    all_documents : bool
        Also queue documents without suggestions (for manual coding). Interviewer turns are
        never queued.
    phase, code, participant, undecided_only, order
        Initial filters, see :meth:`set_filters`.
    """

    def __init__(
        self,
        documents: pd.DataFrame,
        suggestions: pd.DataFrame,
        codebook: Codebook | None = None,
        *,
        decisions: Mapping | None = None,
        all_documents: bool = False,
        phase: str | None = None,
        code: str | None = None,
        participant: str | None = None,
        undecided_only: bool = False,
        order: str = "document",
    ) -> None:
        docs = schema.conform(documents, schema.DOCUMENTS)
        if docs["doc_id"].isna().any() or docs["doc_id"].duplicated().any():
            raise WorkbenchError(
                "document ids must be present and unique",
                key="doc_id",
                hint="Pass the study's DOCUMENTS frame.",
            )
        docs = docs[docs["role"].astype("string").fillna("") != "interviewer"].reset_index(drop=True)
        self.documents = docs.set_index("doc_id", drop=False)
        self.codebook = codebook
        self.suggestions = _suggestion_frame(suggestions, codebook)
        self.suggestions = self.suggestions[self.suggestions["doc_id"].isin(self.documents.index)]
        self.decisions: dict = dict(decisions or {})
        self.all_documents = all_documents
        self.phase, self.code, self.participant = phase, code, participant
        self.undecided_only, self.order = undecided_only, order
        self.doc_ids: list[str] = []
        self.position = 0
        self.set_filters()

    # -- filters --------------------------------------------------------------------------
    def set_filters(
        self, *, phase=_KEEP, code=_KEEP, participant=_KEEP, undecided_only=_KEEP, order=_KEEP
    ) -> list[str]:
        """Change filters (``None`` = no filter) and recompute the queue; return its doc ids.

        ``code`` matches a code and its children (``"touchpoint"`` matches
        ``"touchpoint/delivery"``). The current document stays current when it is still queued.
        """
        for name, value in (("phase", phase), ("code", code), ("participant", participant)):
            if value is not _KEEP:
                setattr(self, name, value or None)
        if undecided_only is not _KEEP:
            self.undecided_only = bool(undecided_only)
        if order is not _KEEP:
            self.order = order
        if self.order not in ORDERS:
            raise WorkbenchError(f"unknown order {self.order!r}", key="order", hint=f"Use one of {ORDERS}.")
        current = self.current
        sugg = self._filtered()
        if self.undecided_only:
            sugg = sugg[~self._decided_mask(sugg)]
        docs = self.documents
        if self.participant is not None:
            docs = docs[self._who(docs) == self.participant]
        with_sugg = set(sugg["doc_id"])
        filtering = self.phase is not None or self.code is not None or self.undecided_only
        keep = [d for d in docs.index if d in with_sugg or (self.all_documents and not filtering)]
        if self.order == "uncertain":
            top = sugg.groupby("doc_id")["uncertainty"].max()
            rank = {d: i for i, d in enumerate(keep)}
            keep.sort(key=lambda d: (-top.get(d, -1.0), rank[d]))
        self.doc_ids = keep
        self.position = keep.index(current) if current in keep else 0
        return keep

    def _filtered(self, doc_id: str | None = None) -> pd.DataFrame:
        s = self.suggestions
        if doc_id is not None:
            s = s[s["doc_id"] == doc_id]
        if self.phase is not None:
            s = s[s["phase"] == self.phase]
        if self.code is not None:
            code = s["code"].astype(str)
            s = s[(code == self.code) | code.str.startswith(self.code + "/")]
        return s

    @staticmethod
    def _who(docs: pd.DataFrame) -> pd.Series:
        return docs["participant_id"].fillna(docs["respondent_id"])

    def _decided_mask(self, sugg: pd.DataFrame) -> np.ndarray:
        decided = self.decisions
        return np.fromiter((k in decided for k in sugg["key"]), dtype=bool, count=len(sugg))

    def update_decisions(self, decisions: Mapping) -> None:
        """Replace the known decisions (``Store.suggestion_decisions(coder)``)."""
        self.decisions = dict(decisions)

    # -- navigation -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.doc_ids)

    @property
    def current(self) -> str | None:
        """The current document id (``None`` when the queue is empty)."""
        return self.doc_ids[self.position] if self.doc_ids else None

    def _still_queued(self, doc_id: str) -> bool:
        if not self.undecided_only:
            return True
        sugg = self._filtered(doc_id)
        return bool(len(sugg)) and not self._decided_mask(sugg).all()

    def _step(self, direction: int) -> str | None:
        i = self.position + direction
        while 0 <= i < len(self.doc_ids):
            if self._still_queued(self.doc_ids[i]):
                self.position = i
                return self.doc_ids[i]
            i += direction
        return None

    def next(self) -> str | None:
        """Move to the next queued document; ``None`` (and stay) at the end."""
        return self._step(+1)

    def previous(self) -> str | None:
        """Move to the previous queued document; ``None`` (and stay) at the start."""
        return self._step(-1)

    def goto(self, doc_id: str) -> None:
        """Make ``doc_id`` current."""
        if doc_id not in self.doc_ids:
            raise WorkbenchError(
                f"document '{doc_id}' is not in the review queue",
                key=doc_id,
                hint="Clear the filters, or check the document id.",
            )
        self.position = self.doc_ids.index(doc_id)

    # -- content --------------------------------------------------------------------------
    def document(self, doc_id: str | None = None) -> pd.Series:
        """The ``DOCUMENTS`` row of a document (default: the current one)."""
        return self.documents.loc[doc_id or self.current]

    def suggestions_for(self, doc_id: str | None = None) -> pd.DataFrame:
        """The current filters' suggestions for a document, in text order, with their decision.

        Columns: ``TAGS`` plus ``uncertainty``, ``code``, ``key`` (the store's suggestion key),
        ``decision`` (accepted/rejected/<NA>), ``coded_as`` (the code accepted, if changed) and
        ``coding_id`` (<NA> when undecided).
        """
        doc_id = doc_id or self.current
        sugg = self._filtered(doc_id).sort_values(["start_char", "end_char", "code"], kind="stable")
        sugg = sugg.reset_index(drop=True)
        keys = sugg["key"].tolist()
        found = [self.decisions.get(k) for k in keys]
        sugg["decision"] = pd.array([f[1] if f else None for f in found], dtype="string")
        sugg["coded_as"] = pd.array([f[2] if f else None for f in found], dtype="string")
        sugg["coding_id"] = pd.array([f[0] if f else None for f in found], dtype="Int64")
        return sugg

    def progress(self) -> tuple[int, int]:
        """``(reviewed, total)`` suggestions under the phase/code/participant filters."""
        sugg = self._filtered()
        if self.participant is not None:
            who = self._who(self.documents)
            sugg = sugg[sugg["doc_id"].map(who) == self.participant]
        return int(self._decided_mask(sugg).sum()), len(sugg)

    def colour(self, code: str) -> str:
        """The highlight colour of a code (its codebook colour, else a fixed palette colour)."""
        if self.codebook is not None and code in self.codebook:
            return self.codebook[code].colour
        top = code.split("/")[0]
        idx = schema.TAG_LABELS.index(top) if top in schema.TAG_LABELS else len(schema.TAG_LABELS)
        return PALETTE[idx % len(PALETTE)]

    def label(self, code: str) -> str:
        """The display label of a code."""
        return self.codebook.label(code) if self.codebook is not None else code
