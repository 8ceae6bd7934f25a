"""What the transcript and survey readers report, in the study's language (Dutch and English).

A reader's warning is a :class:`Note`: a ``str`` holding the English text, as every caller has
always received it, that also keeps its message key and values, so the study loader can say it
again in the study's language with :func:`say`. Messages are data: one template per language.

>>> w = note("text_before_cue", line=1, text="Interview FitPlaza")
>>> str(w)
"line 1: text before the first cue skipped ('Interview FitPlaza')"
>>> say(w, "nl")
"regel 1: tekst vóór de eerste cue overgeslagen ('Interview FitPlaza')"
>>> say("a plain warning", "nl")
'a plain warning'
"""

from __future__ import annotations

__all__ = ["Note", "note", "say", "MESSAGES"]

#: Message key -> {language: template}; ``str.format`` fields are the note's values.
MESSAGES: dict[str, dict[str, str]] = {
    # survey readers
    "off_scale": {
        "en": "question {qid}: {n} answer(s) not on the declared scale, kept as text without a number: {shown}",
        "nl": "vraag {qid}: {n} antwoord(en) niet op de opgegeven schaal, bewaard als tekst zonder getal: {shown}",
    },
    "kind_close_open": {
        "en": "{about_en} read as open text, a close call ({evidence_en}); if it is a choice question, set "
              "[survey.questions] {override} = {{ kind = \"choice\" }} in study.toml",
        "nl": "{about_nl} gelezen als open tekst, een twijfelgeval ({evidence_nl}); is het een keuzevraag, zet dan "
              "[survey.questions] {override} = {{ kind = \"choice\" }} in study.toml",
    },
    "kind_close_choice": {
        "en": "{about_en} read as a choice question, a close call ({evidence_en}); if it is open text, set "
              "[survey.questions] {override} = {{ kind = \"open\" }} in study.toml",
        "nl": "{about_nl} gelezen als keuzevraag, een twijfelgeval ({evidence_nl}); is het open tekst, zet dan "
              "[survey.questions] {override} = {{ kind = \"open\" }} in study.toml",
    },
    "cue_id_arrow": {
        "en": "line {line}: a cue id contains '-->' ({head!r}); read as the cue's id",
        "nl": "regel {line}: een cue-id bevat '-->' ({head!r}); gelezen als het id van de cue",
    },
    "other_arrow": {
        "en": "line {line}: timing written with {arrow!r} instead of '-->' ({timing!r}); read as a timing",
        "nl": "regel {line}: tijdregel geschreven met {arrow!r} in plaats van '-->' ({timing!r}); "
              "gelezen als tijdregel",
    },
    "cue_bad_timing": {
        "en": "line {line}: cue skipped, its timing {timing!r} cannot be read",
        "nl": "regel {line}: cue overgeslagen, de tijdregel {timing!r} is niet te lezen",
    },
    "cue_bad_timing_text": {
        "en": "line {line}: cue skipped, its timing {timing!r} cannot be read (text: {text!r})",
        "nl": "regel {line}: cue overgeslagen, de tijdregel {timing!r} is niet te lezen (tekst: {text!r})",
    },
    "cue_no_timing": {
        "en": "line {line}: cue skipped, no timing line after cue number {number}",
        "nl": "regel {line}: cue overgeslagen, geen tijdregel na cuenummer {number}",
    },
    "cue_no_timing_text": {
        "en": "line {line}: cue skipped, no timing line after cue number {number} (text: {text!r})",
        "nl": "regel {line}: cue overgeslagen, geen tijdregel na cuenummer {number} (tekst: {text!r})",
    },
    "text_joined": {
        "en": "line {line}: text without a timing line ({text!r}) read as part of the cue before it",
        "nl": "regel {line}: tekst zonder tijdregel ({text!r}) gelezen als deel van de cue ervoor",
    },
    "text_before_cue": {
        "en": "line {line}: text before the first cue skipped ({text!r})",
        "nl": "regel {line}: tekst vóór de eerste cue overgeslagen ({text!r})",
    },
    "text_before_label": {
        "en": "lines {first}–{last}: text before the first speaker label is not part of any turn ({text!r})",
        "nl": "regels {first}–{last}: tekst vóór het eerste sprekerlabel hoort bij geen enkele beurt ({text!r})",
    },
    "line_before_label": {
        "en": "line {first}: text before the first speaker label is not part of any turn ({text!r})",
        "nl": "regel {first}: tekst vóór het eerste sprekerlabel hoort bij geen enkele beurt ({text!r})",
    },
    "label_as_text": {
        "en": "line {line}: {label!r} looks like a speaker line but is not a speaker of this file; read as "
              "text of the turn before (add the name to [transcripts] interviewer if it is the interviewer)",
        "nl": "regel {line}: {label!r} lijkt een sprekerregel maar is geen spreker in dit bestand; gelezen "
              "als tekst van de beurt ervoor (zet de naam in [transcripts] interviewer als het de "
              "interviewer is)",
    },
    "as_document": {
        "en": "no speaker labels found: read as a document of participant {pid} (one segment per paragraph, "
              "quotable as their words). If it is an interview, start each turn with the speaker's name and a "
              "colon; if these are your own notes, list the file under [transcripts] notes in study.toml",
        "nl": "geen sprekerlabels gevonden: gelezen als document van deelnemer {pid} (één segment per alinea, "
              "te citeren als hun woorden). Is het een interview, begin dan elke beurt met de naam van de "
              "spreker en een dubbele punt; zijn het je eigen aantekeningen, zet het bestand dan onder "
              "[transcripts] notes in study.toml",
    },
    "pseudonym": {
        "en": "the file name holds a name ({stem!r}); participant id {pid} is used in quotes and persona cards "
              "instead (choose ids with [transcripts] participants in study.toml), but evidence ids "
              "({stem}#001 …) and the sources of a REFI export still carry the file name: rename the file "
              "to {pid} (keep its extension) before you code it or share evidence tables",
        "nl": "de bestandsnaam bevat een naam ({stem!r}); deelnemer-id {pid} wordt in citaten en personakaarten "
              "gebruikt (kies ids met [transcripts] participants in study.toml), maar bewijs-ids ({stem}#001 …) "
              "en de bronnen van een REFI-export dragen nog de bestandsnaam: noem het bestand "
              "{pid} (met dezelfde extensie) voordat je het codeert of bewijstabellen deelt",
    },
    "shared_id": {
        "en": "{files} all become participant {pid}: read as one person's interviews (give them different ids "
              "with [transcripts] participants in study.toml if they are different people)",
        "nl": "{files} worden allemaal deelnemer {pid}: gelezen als interviews van één persoon (geef ze andere "
              "ids met [transcripts] participants in study.toml als het verschillende mensen zijn)",
    },
}


class Note(str):
    """A warning: its English text, with the key and values to say it in another language."""

    key: str
    values: dict

    def __new__(cls, key: str, **values) -> Note:
        obj = super().__new__(cls, MESSAGES[key]["en"].format(**values))
        obj.key, obj.values = key, values
        return obj

    def __reduce__(self):  # pickles (background loading) keep the key
        return (_rebuild, (self.key, self.values))


def _rebuild(key: str, values: dict) -> Note:
    return Note(key, **values)


def note(key: str, **values) -> Note:
    """The warning ``key`` with its values (see :data:`MESSAGES`)."""
    return Note(key, **values)


def say(warning: str, language: str | None) -> str:
    """A warning in ``language`` ('nl' or 'en'); a plain string, or a language without a
    template, stays as it is."""
    if isinstance(warning, Note):
        template = MESSAGES[warning.key].get(language or "en")
        if template is not None:
            return template.format(**warning.values)
    return str(warning)
