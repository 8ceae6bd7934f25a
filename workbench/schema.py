"""The tidy frames that flow between the workbench's stages, written down once.

Each schema is an ordered mapping ``column -> (dtype, description)``. Readers and stages build
their output with :func:`conform`, which orders the columns, adds missing ones as empty and
casts dtypes, so every stage can rely on exactly these columns. Extra columns are allowed only
where a schema says so (``RESPONDENTS`` carries the survey's attribute columns after its own).

The descriptions double as documentation: ``print(describe(SEGMENTS))``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = [
    "ROLES",
    "ANSWER_KINDS",
    "TAG_LABELS",
    "SEGMENTS",
    "SOURCES",
    "SOURCE_KINDS",
    "LOAD_REPORT",
    "RESPONDENTS",
    "QUESTIONS",
    "ANSWERS",
    "DOCUMENTS",
    "TAGS",
    "DOC_TAGS",
    "CODINGS",
    "PERSONAS",
    "THEME_LEVELS",
    "THEMES",
    "THEME_TEXTS",
    "conform",
    "empty",
    "describe",
    "check",
]

ROLES = ("interviewer", "participant")
SOURCE_KINDS = ("transcript", "document", "notes", "survey", "funnel")
ANSWER_KINDS = ("likert", "nps", "numeric", "choice", "multi_choice", "open", "date")
TAG_LABELS = ("pain_point", "need", "touchpoint", "emotion")

Schema = Mapping[str, tuple[object, str]]

STR = "string"  # pandas' nullable string dtype: missing is <NA>, never the text "nan"

SEGMENTS: Schema = {
    "segment_id": (STR, "unique id in the study: '<source stem>#<turn, 3 digits>'; a stem that holds a "
                        "name is replaced by the participant id ('P01#003', not 'P01_anna#003')"),
    "source": (STR, "path of the transcript, relative to the study folder (or as given)"),
    "participant_id": (STR, "the interviewed participant (from study.toml, or the file stem)"),
    "speaker": (STR, "speaker as written in the source ('Interviewer', 'Anouk', 'R'), without the device "
                "name or parenthesised suffix Zoom/Teams add ('Anna’s iPhone' -> 'Anna'); documents: the participant"),
    "role": (pd.CategoricalDtype(ROLES), "'interviewer' or 'participant'"),
    "turn": ("int64", "0-based position of the turn in its source"),
    "start_s": ("float64", "start time in seconds (NaN when the source has no times)"),
    "end_s": ("float64", "end time in seconds (NaN when unknown)"),
    "text": (STR, "what was said, verbatim: source_text[char_start:char_end]"),
    "char_start": ("int64", "code-point offset of text in the source's canonical text"),
    "char_end": ("int64", "exclusive end offset of text in the source's canonical text"),
    "verbatim": ("bool", "the participant's own words (quotable); False for the researcher's notes"),
}

SOURCES: Schema = {
    "source": (STR, "path relative to the study folder"),
    "kind": (pd.CategoricalDtype(SOURCE_KINDS), "what the file holds: transcript, document (a participant's "
             "own text without speakers), notes (the researcher's), survey, funnel"),
    "format": (STR, "txt, md, vtt, srt, docx, csv, xlsx; surveys: e.g. 'qualtrics/csv'"),
    "participant_id": (STR, "for transcripts and documents: the participant"),
    "encoding": (STR, "detected text encoding (utf-8, utf-8-sig, cp1252, …) or '' for binary"),
    "text": (STR, "transcripts and documents: the canonical UTF-8 text that segment offsets point into"),
}

LOAD_REPORT: Schema = {
    "source": (STR, "the file, relative to the study folder"),
    "kind": (pd.CategoricalDtype(SOURCE_KINDS), "transcript, document, notes, survey, funnel"),
    "format": (STR, "detected format: txt, vtt, docx …; surveys: vendor/file type ('qualtrics/csv')"),
    "layout": (STR, "how turns were found ('labels', 'voice tags', 'table', …); surveys: the sheet or delimiter"),
    "encoding": (STR, "detected text encoding ('' for docx/xlsx)"),
    "speakers": (STR, "each speaker with role and turns: 'Sanne (interviewer, 12); Jan (participant, 11)'"),
    "turns": ("int64", "speaker turns (documents: paragraphs)"),
    "respondents": ("int64", "survey respondents (rows) read"),
    "questions": ("int64", "survey questions read"),
    "warnings": ("int64", "number of warnings about this file (listed in Study.warnings)"),
}

RESPONDENTS: Schema = {
    "respondent_id": (STR, "unique id of the survey respondent"),
    "source": (STR, "the survey export the respondent came from"),
    "participant_id": (STR, "linked interview participant, <NA> when not interviewed"),
    # ... followed by one column per attribute (demographics, metadata), named by question id
}

QUESTIONS: Schema = {
    "question_id": (STR, "id of the question (Qualtrics 'Q5', LimeSurvey 'Q1[SQ001]', …)"),
    "question_text": (STR, "the question as shown to respondents (with sub-option if any)"),
    "kind": (pd.CategoricalDtype(ANSWER_KINDS), "how answers are typed"),
    "source": (STR, "the survey export"),
    "position": ("int64", "0-based column position in the export"),
    "scale_min": ("float64", "likert/nps/numeric: lowest possible value (NaN if unknown)"),
    "scale_max": ("float64", "likert/nps/numeric: highest possible value (NaN if unknown)"),
    "options": (STR, "choice/likert: the answer labels in scale order, joined by ' | '"),
    "phase": (STR, "journey phase id the question belongs to (study.toml), or <NA>"),
    "metric": (STR, "'nps', 'csat', 'ces' when study.toml (or detection) says so, else <NA>"),
}

ANSWERS: Schema = {
    "respondent_id": (STR, "who answered"),
    "question_id": (STR, "which question (see QUESTIONS)"),
    "question_text": (STR, "the question text, repeated for convenience"),
    "kind": (pd.CategoricalDtype(ANSWER_KINDS), "likert, nps, numeric, choice, multi_choice, open, date"),
    "value_num": ("float64", "likert: 1..n in scale order; nps: 0..10; numeric; date: POSIX seconds"),
    "value_text": (STR, "the answer as given (label, choice, open text verbatim, ISO date)"),
}
# One row per respondent x question answered; a multi_choice answer gives one row per chosen
# option. Empty answers give no row.

DOCUMENTS: Schema = {
    "doc_id": (STR, "segment_id for a turn, '<respondent_id>@<question_id>' for an open answer"),
    "kind": (pd.CategoricalDtype(("segment", "answer")), "where the text comes from"),
    "source": (STR, "the file the text comes from"),
    "participant_id": (STR, "interview participant (segments, or linked respondents)"),
    "respondent_id": (STR, "survey respondent (answers)"),
    "role": (pd.CategoricalDtype(ROLES), "segments: speaker role; answers: 'participant'"),
    "question_id": (STR, "answers: the question answered"),
    "text": (STR, "the text to tag"),
    "context": (STR, "the interviewer's preceding question, or the survey question text"),
    "verbatim": ("bool", "may be quoted as the participant's words (False for the researcher's notes)"),
}

TAGS: Schema = {
    "doc_id": (STR, "the tagged document (DOCUMENTS.doc_id, or the row position as text)"),
    "sent_start": ("int64", "offset of the sentence in the document's text"),
    "sent_end": ("int64", "exclusive end of the sentence"),
    "start_char": ("int64", "offset of the cue span in the document's text"),
    "end_char": ("int64", "exclusive end of the cue span"),
    "text": (STR, "the cue span's text"),
    "label": (pd.CategoricalDtype(TAG_LABELS), "pain_point, need, touchpoint, emotion"),
    "value": (STR, "touchpoint id, emotion polarity ('positive'/'negative'), or the cue class"),
    "phase": (STR, "phase id assigned to the sentence (<NA> when none fits)"),
    "score": ("float64", "confidence 0..1 of the suggestion"),
    "rule_id": (STR, "id of the pattern (or model) that fired"),
    "evidence": (STR, "what made the tag: 'cue' or 'lexicon <polarity>', the mechanism (negative evaluation, "
                 "hindsight, sarcasm …) and the words that changed it ('negated by …', 'raised by …')"),
}

DOC_TAGS: Schema = {
    "doc_id": (STR, "as in TAGS"),
    "pain_point": ("int8", "1 if any pain point was found"),
    "need": ("int8", "1 if any need was found"),
    "sentiment": ("float64", "-1..1, mean polarity of emotion cues (0 when none)"),
    "phase": (STR, "the document's phase id (<NA> when none fits)"),
    "touchpoints": (STR, "touchpoint ids named, sorted, joined by '; ' ('' when none)"),
}

CODINGS: Schema = {
    "coding_id": ("int64", "row id in the study store"),
    "doc_id": (STR, "coded document"),
    "start_char": ("int64", "span start in the document's text"),
    "end_char": ("int64", "exclusive span end"),
    "code": (STR, "code name (see the codebook)"),
    "coder": (STR, "who decided"),
    "origin": (pd.CategoricalDtype(("suggested", "manual", "imported")), "where the coding came from"),
    "decision": (pd.CategoricalDtype(("accepted", "rejected")), "the coder's decision"),
    "created": (STR, "ISO-8601 UTC time of the decision"),
}

PERSONAS: Schema = {
    "respondent_id": (STR, "survey respondent (<NA> for an interview-only participant)"),
    "participant_id": (STR, "interview participant (<NA> when not interviewed)"),
    "persona": ("int64", "persona number 0..k-1 (-1: noise, HDBSCAN)"),
    "persona_name": (STR, "generated or researcher-given name"),
    "placed_by": (STR, "'survey', 'link' (survey answers of a linked participant), 'interview' (by their "
                       "words) or 'only' (the survey makes one persona)"),
}

THEME_LEVELS = ("topic", "theme")

#: ``workbench themes`` / :func:`workbench.find_themes`: two levels in one table, in tree order —
#: each topic (largest first) followed by its themes (largest first), then the themes in no topic.
THEMES: Schema = {
    "theme": ("int64", "number of the row: 0, 1, … in the table's order (topics and themes share the numbering)"),
    "level": (STR, "'topic': what the sentences are about ('bezorging', 'klantenservice', 'app en website'; "
              "from each sentence's aspect, see workbench.topics); 'theme': an aspect with what is wrong or "
              "wanted ('kortingscode werkte niet'), within one topic"),
    "parent": ("int64", "a theme's topic (its 'theme' number); -1 for a topic and for a theme in no topic"),
    "label": (STR, "a topic's name (from the topic lexicon, or the aspect word its sentences say) or a theme's "
              "label as a researcher would write it"),
    "aspect": (STR, "the aspect noun most of its sentences name, as said"),
    "phrases": (STR, "its sentences' own most common wordings with their counts, '; '-joined"),
    "n_sentences": ("int64", "sentences in it"),
    "n_texts": ("int64", "input texts with at least one of its sentences"),
    "n_people": ("int64", "distinct people (the person column, else one per text)"),
    "share_people": ("float64", "n_people / all people in the input (0..1)"),
    "severity": ("float64", "mean severity 1-3 of its sentences' problem classes (needs count 1)"),
    "sentiment": ("float64", "mean sentiment of its sentences (-1..+1)"),
    "quotes": (STR, "two or three distinct verbatim sentences, ' | '-joined"),
    "quote_ids": (STR, "the quotes' rows, ' | '-joined"),
}

#: One row per input text of :func:`workbench.find_themes` (``OUT.rows.csv`` adds these to the input's columns).
THEME_TEXTS: Schema = {
    "row": ("object", "the input's index (the CSV's row number)"),
    "text": (STR, "the text as given"),
    "n_sentences": ("int64", "its sentences selected for theming (pain points, needs or all)"),
    "topics": (STR, "its topics' numbers, ';'-joined ('' when none)"),
    "topic_labels": (STR, "its topics' labels, '; '-joined"),
    "themes": (STR, "its themes' numbers, ';'-joined ('' when none)"),
    "labels": (STR, "its themes' labels, '; '-joined"),
}


def empty(schema: Schema) -> pd.DataFrame:
    """An empty frame with the schema's columns and dtypes."""
    return conform(pd.DataFrame(), schema)


def from_columns(columns: Mapping[str, object], schema: Schema) -> pd.DataFrame:
    """A frame of ``columns`` (a list or array per schema column, already in the schema's kinds
    of values) in the schema's order and dtypes, built column by column without :func:`conform`'s copy.
    A Categorical of the column's own type is taken as it is."""
    out = {}
    for col, (dtype, _) in schema.items():
        values = columns[col]
        if isinstance(dtype, pd.CategoricalDtype):
            same = isinstance(values, pd.Categorical) and values.dtype == dtype
            out[col] = values if same else pd.Categorical(values, dtype=dtype)
        elif dtype in ("int64", "int8", "float64", "bool"):
            out[col] = np.asarray(values, dtype=dtype)
        else:
            out[col] = pd.array(values, dtype=dtype)
    return pd.DataFrame(out)


def conform(df: pd.DataFrame, schema: Schema, *, extra: bool = False) -> pd.DataFrame:
    """Return ``df`` with the schema's columns in order and dtypes cast.

    Missing columns are added empty. With ``extra=True`` other columns are kept after the
    schema's own (``RESPONDENTS``' attributes); otherwise they are dropped.
    """
    out = {}
    n = len(df)
    for col, (dtype, _) in schema.items():
        if col in df.columns:
            s = df[col]
        elif dtype in ("int64", "int8"):
            s = pd.Series(np.zeros(n, dtype=dtype), index=df.index)
        elif dtype == "bool":
            s = pd.Series(np.ones(n, dtype=bool), index=df.index)
        elif dtype == "float64":
            s = pd.Series(np.full(n, np.nan), index=df.index)
        else:
            s = pd.Series([pd.NA] * n, index=df.index, dtype=object)
        out[col] = s.astype(dtype) if str(s.dtype) != str(dtype) else s
    frame = pd.DataFrame(out, index=df.index)
    if extra:
        rest = [c for c in df.columns if c not in schema]
        if rest:
            frame = pd.concat([frame, df[rest]], axis=1)
    return frame.reset_index(drop=True)


def check(df: pd.DataFrame, schema: Schema, *, extra: bool = False) -> None:
    """Raise ``AssertionError`` unless ``df`` has exactly the schema's columns and dtypes."""
    cols = list(df.columns)
    want = list(schema)
    if extra:
        assert cols[: len(want)] == want, f"columns {cols[:len(want)]} != {want}"
    else:
        assert cols == want, f"columns {cols} != {want}"
    for col, (dtype, _) in schema.items():
        assert str(df[col].dtype) == str(pd.api.types.pandas_dtype(dtype)), (
            f"{col}: dtype {df[col].dtype} != {dtype}"
        )


def describe(schema: Schema) -> str:
    """The schema as a small text table (column, dtype, meaning)."""
    rows = []
    for col, (dtype, doc) in schema.items():
        name = "category" if isinstance(dtype, pd.CategoricalDtype) else str(dtype)
        rows.append(f"{col:<15} {name:<9} {doc}")
    return "\n".join(rows)
