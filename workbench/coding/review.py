"""The review widget: accept, reject, re-code and add codings, one document at a time.

A thin ipywidgets view over :class:`~workbench.coding.queue.ReviewQueue` (what to show) and
:class:`~workbench.coding.store.Store` (where every click is written at once)::

    rw = ReviewWidget(study.documents, tags, store, coder="anna", codebook=cb)
    display(rw)
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from ..errors import WorkbenchError
from .codebook import Codebook
from .queue import ReviewQueue, Span, highlight_html, tokenize
from .store import Store

__all__ = ["ReviewWidget", "ReviewQueue", "highlight_html", "tokenize"]

_MARK = {"accepted": "✓", "rejected": "✗"}


class ReviewWidget(widgets.VBox):
    """Review the tagger's suggestions and code documents by hand.

    Parameters
    ----------
    documents : DataFrame
        ``DOCUMENTS`` frame.
    suggestions : DataFrame
        ``TAGS`` frame (optionally with an ``uncertainty`` column).
    store : Store
        The study store; every decision, code change, coding, memo and undo is committed at once.
    coder : str
        Who is reviewing.
    codebook : Codebook, optional
        Defaults to the store's codebook; without one, the codes are those suggested.
    all_documents : bool
        Also show documents without suggestions.
    """

    def __init__(
        self,
        documents: pd.DataFrame,
        suggestions: pd.DataFrame,
        store: Store,
        coder: str,
        codebook: Codebook | None = None,
        *,
        all_documents: bool = False,
    ) -> None:
        self.store, self.coder = store, coder
        self.codebook = codebook if codebook is not None else store.codebook()
        self.queue = ReviewQueue(
            documents,
            suggestions,
            self.codebook,
            decisions=store.suggestion_decisions(coder),
            all_documents=all_documents,
        )
        self._span: tuple[int, int] | None = None
        self._tokens: list[tuple[int, int]] = []
        self._syncing = False
        self._rendering = False
        self._sugg = pd.DataFrame()
        self._build()
        super().__init__(children=self._layout())
        self._show_document()

    # -- building -------------------------------------------------------------------------
    def _code_options(self) -> list[tuple[str, str]]:
        if self.codebook is not None:
            return [("\u2003" * self.codebook.depth(c.name) + c.display, c.name) for c in self.codebook]
        codes = sorted(set(self.queue.suggestions["code"].astype(str)))
        return [(c, c) for c in codes]

    def _build(self) -> None:
        q, w = self.queue, widgets
        phases = sorted(set(q.suggestions["phase"].dropna().astype(str)))
        codes = list(dict.fromkeys(q.suggestions["code"].astype(str)))
        roots = list(dict.fromkeys(c.split("/")[0] for c in codes))
        who = sorted(set(q._who(q.documents).dropna().astype(str)))
        self.phase_filter = w.Dropdown(
            options=[("all phases", None)]
            + [(q.label(f"phase/{p}") if f"phase/{p}" in (self.codebook or ()) else p, p) for p in phases],
            description="Phase",
        )
        self.code_filter = w.Dropdown(
            options=[("all codes", None)]
            + [(q.label(c), c) for c in roots + [c for c in codes if c not in roots]],
            description="Code",
        )
        self.participant_filter = w.Dropdown(
            options=[("everyone", None)] + [(p, p) for p in who], description="Who"
        )
        self.undecided_filter = w.Checkbox(value=False, description="undecided only", indent=False)
        self.order = w.ToggleButtons(
            options=[("document order", "document"), ("most uncertain first", "uncertain")], value="document"
        )
        for control in (
            self.phase_filter,
            self.code_filter,
            self.participant_filter,
            self.undecided_filter,
            self.order,
        ):
            control.observe(self._on_filter, names="value")

        self.progress = w.HTML()
        self.where = w.HTML()
        self.context = w.HTML()
        self.text = w.HTML()
        self.status = w.HTML()

        self.suggestion_list = w.Select(options=[], rows=6, layout=w.Layout(width="100%"))
        self.suggestion_list.observe(lambda _: self._rendering or self._render_text(), names="value")
        self.why = w.HTML()  # the evidence of the selected suggestion (TAGS.evidence)
        self.accept_button = w.Button(description="Accept", button_style="success", icon="check")
        self.reject_button = w.Button(description="Reject", button_style="danger", icon="times")
        self.change_code = w.Dropdown(options=self._code_options(), description="Code as")
        self.change_button = w.Button(description="Change code")
        self.accept_button.on_click(lambda _: self._decide("accepted"))
        self.reject_button.on_click(lambda _: self._decide("rejected"))
        self.change_button.on_click(self._on_change)

        self.span_slider = w.IntRangeSlider(
            value=(0, 0), min=0, max=0, description="Tokens", continuous_update=False
        )
        self.span_slider.observe(self._on_slider, names="value")
        self.span_preview = w.HTML()
        self.search = w.Text(placeholder="find text in this document", description="Find")
        self.find_button = w.Button(description="Find")
        self.find_button.on_click(self._on_find)
        self.add_code = w.Dropdown(options=self._code_options(), description="Code")
        self.add_button = w.Button(description="Add coding", icon="plus")
        self.add_button.on_click(self._on_add)

        # privacy marks on the chosen span: "keep" (a brand, a product named like a person) or
        # "scrub" (a name the scrubber missed); study-wide, used by every export
        self.keep_button = w.Button(description="Keep: not personal", icon="eye",
                                    tooltip="never remove these words from quotes and exports")
        self.scrub_button = w.Button(description="Scrub: personal", icon="eye-slash", button_style="warning",
                                     tooltip="always remove these words from quotes and exports")
        self.keep_button.on_click(lambda _: self._on_privacy("keep"))
        self.scrub_button.on_click(lambda _: self._on_privacy("scrub"))

        self.memo = w.Textarea(placeholder="memo on this document", layout=w.Layout(width="100%"))
        self.memo_button = w.Button(description="Save memo")
        self.memo_button.on_click(self._on_memo)

        self.previous_button = w.Button(description="Previous", icon="arrow-left")
        self.next_button = w.Button(description="Next", icon="arrow-right")
        self.undo_button = w.Button(description="Undo", icon="undo")
        self.previous_button.on_click(lambda _: self._move(self.queue.previous, "first"))
        self.next_button.on_click(lambda _: self._move(self.queue.next, "last"))
        self.undo_button.on_click(self._on_undo)

    def _layout(self) -> list[widgets.Widget]:
        w = widgets
        return [
            w.HBox([self.phase_filter, self.code_filter, self.participant_filter]),
            w.HBox([self.undecided_filter, self.order]),
            w.HBox([self.previous_button, self.next_button, self.undo_button, self.progress]),
            self.where,
            self.context,
            self.text,
            self.suggestion_list,
            self.why,
            w.HBox([self.accept_button, self.reject_button, self.change_code, self.change_button]),
            w.HTML("<b>Add a coding</b>"),
            w.HBox([self.span_slider, self.span_preview]),
            w.HBox([self.search, self.find_button]),
            w.HBox([self.add_code, self.add_button]),
            w.HBox([self.keep_button, self.scrub_button]),
            self.memo,
            self.memo_button,
            self.status,
        ]

    # -- showing --------------------------------------------------------------------------
    def _say(self, message: str, error: bool = False) -> None:
        colour = "#B2182B" if error else "#444444"
        self.status.value = f'<span style="color:{colour}">{html.escape(message)}</span>'

    def _refresh_decisions(self) -> None:
        self.queue.update_decisions(self.store.suggestion_decisions(self.coder))

    def _current_suggestions(self) -> pd.DataFrame:
        return self._sugg

    def _show_document(self, *, keep_selection: bool = False) -> None:
        q = self.queue
        done, total = q.progress()
        self.progress.value = (
            f"reviewed {done} / {total} · document {q.position + 1 if len(q) else 0} / {len(q)}"
        )
        self._sugg = q.suggestions_for() if q.current else pd.DataFrame()
        if q.current is None:
            self.where.value = self.context.value = ""
            self.text.value = "<i>No documents match these filters.</i>"
            self.suggestion_list.options = []
            self._tokens = []
            return
        doc = q.document()
        who = doc["participant_id"] if pd.notna(doc["participant_id"]) else doc["respondent_id"]
        self.where.value = f"<b>{html.escape(str(q.current))}</b> · {html.escape(str(who))}"
        ctx = doc["context"]
        self.context.value = f"<i>{html.escape(str(ctx))}</i>" if pd.notna(ctx) and str(ctx) else ""
        text = str(doc["text"]) if pd.notna(doc["text"]) else ""
        if not keep_selection:
            self._tokens = tokenize(text)
            self._syncing = True
            self.span_slider.max = max(len(self._tokens) - 1, 0)
            self.span_slider.value = (0, 0)
            self._syncing = False
            self._span = self._tokens[0] if self._tokens else None
            memos = self.store.memos(doc_id=q.current, coder=self.coder)
            self.memo.value = str(memos["text"].iloc[-1]) if len(memos) else ""
        sugg = self._current_suggestions()
        previous = self.suggestion_list.value
        options = []
        for i, row in sugg.iterrows():
            mark = _MARK.get(row["decision"], "·") if pd.notna(row["decision"]) else "·"
            label = q.label(row["code"])
            if pd.notna(row["coded_as"]) and row["coded_as"] != row["code"]:
                label += f" → {q.label(row['coded_as'])}"
            score = f" {row['score']:.2f}" if pd.notna(row["score"]) else ""
            options.append((f"{mark} {label} · “{row['text'] if pd.notna(row['text']) else ''}”{score}", i))
        self._rendering = True  # one render at the end, not one per changed control
        try:
            self.suggestion_list.options = options
            if options:
                undecided = [i for i in sugg.index if pd.isna(sugg.at[i, "decision"])]
                pick = previous if keep_selection and previous in sugg.index else (undecided or [0])[0]
                self.suggestion_list.value = pick
        finally:
            self._rendering = False
        self._render_text()

    def _render_text(self) -> None:
        q = self.queue
        if q.current is None:
            return
        text = str(q.document()["text"]) if pd.notna(q.document()["text"]) else ""
        spans = []
        for _, c in self._manual_codings().iterrows():
            spans.append(
                Span(
                    int(c["start_char"]),
                    int(c["end_char"]),
                    q.colour(c["code"]),
                    q.label(c["code"]),
                    "accepted",
                )
            )
        sugg = self._current_suggestions()
        selected = None
        for i, row in sugg.iterrows():
            state = row["decision"] if pd.notna(row["decision"]) else "undecided"
            code = row["coded_as"] if pd.notna(row["coded_as"]) else row["code"]
            span = Span(int(row["start_char"]), int(row["end_char"]), q.colour(code), q.label(code), state)
            spans.append(span)
            if i == self.suggestion_list.value:
                selected = (span.start, span.end)
                self.why.value = _why(row)
        if selected is None:
            self.why.value = ""
        body = highlight_html(text, spans, selected=selected)
        self.text.value = f'<div style="line-height:1.8;font-size:1.05em">{body}</div>'
        if self._span:
            a, b = self._span
            self.span_preview.value = f"“{html.escape(text[a:b])}” ({a}–{b})"
        else:
            self.span_preview.value = ""

    def _manual_codings(self) -> pd.DataFrame:
        """The coder's accepted codings of this document that do not decide a suggestion."""
        rows = self.store.codings(coder=self.coder, doc_id=self.queue.current)
        deciding = {v[0] for v in self.queue.decisions.values()}
        return rows[(rows["decision"] == "accepted") & ~rows["coding_id"].isin(deciding)]

    # -- actions --------------------------------------------------------------------------
    def _act(self, action, message: str) -> bool:
        try:
            action()
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return False
        self._refresh_decisions()
        self._say(message)
        return True

    def _selected(self) -> pd.Series | None:
        sugg = self._current_suggestions()
        value = self.suggestion_list.value
        if value is None or value not in sugg.index:
            self._say("Select a suggestion first.", error=True)
            return None
        return sugg.loc[value]

    def _decide(self, decision: str) -> None:
        row = self._selected()
        if row is None:
            return
        doc, a, b, code = row["key"]
        if self._act(
            lambda: self.store.decide(doc, a, b, code, decision, self.coder),
            f"{decision}: {self.queue.label(code)}",
        ):
            self._show_document()

    def _on_change(self, _=None) -> None:
        row = self._selected()
        if row is None or self.change_code.value is None:
            return
        doc, a, b, code = row["key"]
        new = self.change_code.value
        action = lambda: self.store.decide(doc, a, b, code, "accepted", self.coder, as_code=new)  # noqa: E731
        if self._act(action, f"coded as {self.queue.label(new)}"):
            self._show_document(keep_selection=True)

    def _on_slider(self, change) -> None:
        if self._syncing or not self._tokens:
            return
        i, j = change["new"]
        self._span = (self._tokens[i][0], self._tokens[j][1])
        self._render_text()

    def _on_find(self, _=None) -> None:
        needle = self.search.value.strip()
        text = str(self.queue.document()["text"]) if self.queue.current else ""
        at = text.casefold().find(needle.casefold()) if needle else -1
        if at < 0:
            self._say(f"“{needle}” does not occur in this document.", error=True)
            return
        end = at + len(needle)
        first = next(i for i, t in enumerate(self._tokens) if t[1] > at)
        last = max(i for i, t in enumerate(self._tokens) if t[0] < end)
        self._syncing = True
        self.span_slider.value = (first, last)
        self._syncing = False
        self._span = (at, end)
        self._say(f"found at {at}–{end}")
        self._render_text()

    def _on_add(self, _=None) -> None:
        if self._span is None or self.queue.current is None or self.add_code.value is None:
            self._say("Choose a span and a code first.", error=True)
            return
        doc, (a, b), code = self.queue.current, self._span, self.add_code.value
        if self._act(
            lambda: self.store.add_coding(doc, a, b, code, self.coder), f"added {self.queue.label(code)}"
        ):
            self._show_document(keep_selection=True)

    def _on_privacy(self, action: str) -> None:
        from ..privacy import mark

        if self._span is None or self.queue.current is None:
            self._say("Choose the words first (span or find).", error=True)
            return
        a, b = self._span
        words = str(self.queue.document()["text"])[a:b].strip()
        shown = "kept in" if action == "keep" else "removed from"
        self._act(lambda: mark(self.store, words, action, coder=self.coder),
                  f"“{words}” will be {shown} every quote and export")

    def _on_memo(self, _=None) -> None:
        doc = self.queue.current
        if doc is None:
            return
        memos = self.store.memos(doc_id=doc, coder=self.coder)
        text = self.memo.value
        if len(memos):
            memo_id = int(memos["memo_id"].iloc[-1])
            self._act(lambda: self.store.update_memo(memo_id, text), "memo saved")
        else:
            self._act(lambda: self.store.add_memo(text, self.coder, doc_id=doc), "memo saved")

    def _on_undo(self, _=None) -> None:
        try:
            undone = self.store.undo_last(self.coder)
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self._refresh_decisions()
        self._say("undone the last decision" if undone else "nothing to undo")
        self._show_document(keep_selection=True)

    def _move(self, step, edge: str) -> None:
        if step() is None:
            self._say(f"this is the {edge} document")
            return
        self._say("")
        self._show_document()

    def _on_filter(self, _=None) -> None:
        try:
            self.queue.set_filters(
                phase=self.phase_filter.value,
                code=self.code_filter.value,
                participant=self.participant_filter.value,
                undecided_only=self.undecided_filter.value,
                order=self.order.value,
            )
        except WorkbenchError as exc:
            self._say(str(exc), error=True)
            return
        self._show_document()


def _why(row: pd.Series) -> str:
    """One line saying what made a suggestion: its rule, score and evidence (negation, lexicon …)."""
    evidence = row.get("evidence")
    if evidence is None or pd.isna(evidence) or not str(evidence):
        return ""
    rule = row.get("rule_id")
    rule = f" · rule {html.escape(str(rule))}" if rule is not None and pd.notna(rule) else ""
    return f'<span style="color:#555;font-size:0.9em">why: {html.escape(str(evidence))}{rule}</span>'
