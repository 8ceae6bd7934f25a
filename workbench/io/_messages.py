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
    # study.toml
    "touchpoint_unknown": {
        "en": "{file}: phase '{phase}' lists touchpoint '{tid}', which is not in the catalogue and not defined in "
              "the study, so it is never detected; {close_en}define it in {file} as [touchpoints.{tid}] with "
              "name = {{ nl = \"…\", en = \"…\" }} and words.nl = [\"…\"], words.en = [\"…\"]",
        "nl": "{file}: fase '{phase}' noemt touchpoint '{tid}', dat niet in de catalogus staat en niet in de studie "
              "is gedefinieerd, dus nooit wordt gevonden; {close_nl}definieer het in {file} als [touchpoints.{tid}] "
              "met name = {{ nl = \"…\", en = \"…\" }} en words.nl = [\"…\"], words.en = [\"…\"]",
    },
    # survey readers
    "off_scale": {
        "en": "question {qid}: {n} answer(s) not on the declared scale, kept as text without a number: {shown}",
        "nl": "vraag {qid}: {n} antwoord(en) niet op de opgegeven schaal, bewaard als tekst zonder getal: {shown}",
    },
    "not_applicable": {
        "en": "{qid}: {n} answer(s) {label!r} treated as not applicable (missing, no score on the scale)",
        "nl": "{qid}: {n} antwoord(en) {label!r} behandeld als niet van toepassing (ontbrekend, geen score op de schaal)",
    },
    "off_likert": {
        "en": "{qid}: {n} answer(s) on no point of the scale, kept as text without a number: {shown} (declare the "
              "scale with [survey.questions] {qid} = {{ scale = [\"lowest\", …, \"highest\"] }} in study.toml)",
        "nl": "{qid}: {n} antwoord(en) op geen punt van de schaal, bewaard als tekst zonder getal: {shown} (geef de "
              "schaal op met [survey.questions] {qid} = {{ scale = [\"laagste\", …, \"hoogste\"] }} in study.toml)",
    },
    "partial_responses": {
        "en": "{n} of {total} responses are unfinished (the export marks them partial: Finished = False or Progress "
              "below 100): kept, with the answers they gave; they count as respondents ({shown}); to leave them out, "
              "filter them from the export",
        "nl": "{n} van {total} reacties zijn niet afgemaakt (de export markeert ze als onvolledig: Finished = False of "
              "Progress onder 100): bewaard met de antwoorden die ze gaven; ze tellen als respondent ({shown}); om ze "
              "weg te laten, filter ze uit de export",
    },
    "derived_column": {
        "en": "column {qid}: computed by the survey tool from {source} (its groups or score), read as a respondent "
              "attribute, not a second question for the personas",
        "nl": "kolom {qid}: door het enquêteprogramma berekend uit {source} (groepen of score), gelezen als kenmerk "
              "van de respondent, niet als tweede vraag voor de persona's",
    },
    "non_numbers": {
        "en": "{qid}: read as numbers; {n} answer(s) in words are missing: {shown} (rows {rows})",
        "nl": "{qid}: gelezen als getallen; {n} antwoord(en) in woorden ontbreken: {shown} (rijen {rows})",
    },
    "scale_loose": {
        "en": "{qid}: answers read as the scale's labels worded a little differently: {pairs}",
        "nl": "{qid}: antwoorden gelezen als labels van de schaal in iets andere woorden: {pairs}",
    },
    "scale_near": {
        "en": "{qid}: read as a plain choice although its answers but {off} are the labels of a known scale; if it "
              "is a rating scale, declare it in study.toml: [survey.scales] name = [lowest, …, highest] (e.g. "
              "{labels}, with your wording) and [survey.questions] {qid} = {{ scale = \"name\" }}",
        "nl": "{qid}: gelezen als gewone keuzevraag, hoewel de antwoorden behalve {off} de labels van een bekende "
              "schaal zijn; is het een beoordelingsschaal, geef die dan op in study.toml: [survey.scales] naam = "
              "[laagste, …, hoogste] (bv. {labels}, in uw woorden) en [survey.questions] {qid} = {{ scale = \"naam\" }}",
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
    "code_column": {
        "en": "column {qid!r}: its {n} answers are all different codes of letters and digits: read as a respondent "
              "attribute (an identifier), not a question; if it is a question, set [survey.questions] "
              "{override} = {{ kind = \"open\" }} in study.toml",
        "nl": "kolom {qid!r}: de {n} antwoorden zijn allemaal verschillende codes van letters en cijfers: gelezen als "
              "kenmerk van de respondent (een identificatie), niet als vraag; is het een vraag, zet dan "
              "[survey.questions] {override} = {{ kind = \"open\" }} in study.toml",
    },
    "sheet_chosen": {
        "en": "the workbook has {n} sheets with data; read sheet '{chosen}', which looks like the responses (also "
              "there: {others}). Set [survey] sheet = \"…\" in study.toml to choose another",
        "nl": "de werkmap heeft {n} werkbladen met gegevens; werkblad '{chosen}' gelezen, dat op de antwoorden lijkt "
              "(ook aanwezig: {others}). Kies een ander met [survey] sheet = \"…\" in study.toml",
    },
    "mixed_encoding": {
        "en": "{lines_en}: not UTF-8 like the rest of the file; read as Windows-1252 (check the accents on these "
              "lines, or save the file as UTF-8)",
        "nl": "{lines_nl}: geen UTF-8 zoals de rest van het bestand; gelezen als Windows-1252 (controleer de "
              "accenten op deze regels, of sla het bestand op als UTF-8)",
    },
    "legacy_encoding": {
        "en": "the file is not UTF-8; read as {encoding} (detected{detail}): check that names and accents look right, "
              "or save the file as UTF-8",
        "nl": "het bestand is geen UTF-8; gelezen als {encoding} (herkend{detail}): controleer of namen en accenten "
              "kloppen, of sla het bestand op als UTF-8",
    },
    "mojibake_repaired": {
        "en": "{lines_en}: mojibake repaired{example}; the text had been decoded in the wrong encoding before it "
              "was saved",
        "nl": "{lines_nl}: verminkte tekens hersteld{example}; de tekst was vóór het opslaan in de verkeerde "
              "codering gelezen",
    },
    "control_removed": {
        "en": "{lines_en}: control characters removed ({chars})",
        "nl": "{lines_nl}: stuurtekens verwijderd ({chars})",
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
    "title_before_label": {
        "en": "{where_en}: title block above the first speaker line skipped ({text!r})",
        "nl": "{where_nl}: titelblok boven de eerste sprekerregel overgeslagen ({text!r})",
    },
    "line_before_label": {
        "en": "line {first}: text before the first speaker label is not part of any turn ({text!r})",
        "nl": "regel {first}: tekst vóór het eerste sprekerlabel hoort bij geen enkele beurt ({text!r})",
    },
    "bare_labels": {
        "en": "speaker names read from lines of their own, without a colon (from line {first}): {names}; check "
              "who is the interviewer with `workbench info`, or write 'Name: text' to be sure",
        "nl": "sprekernamen gelezen van regels zonder dubbele punt (vanaf regel {first}): {names}; controleer wie "
              "de interviewer is met `workbench info`, of schrijf 'Naam: tekst' om zeker te zijn",
    },
    "header_people": {
        "en": "{where_en}: {shown} read as a header line saying who took part, not as a turn",
        "nl": "{where_nl}: {shown} gelezen als kopregel die zegt wie er meededen, niet als beurt",
    },
    "tool_line": {
        "en": "line {line}: {text!r} is a note of the transcription tool, not speech: left out of the {which_en} turn",
        "nl": "regel {line}: {text!r} is een notitie van het transcriptieprogramma, geen spraak: weggelaten uit "
              "de {which_nl} beurt",
    },
    "header_skipped": {
        "en": "{where_en}: header above the first speaker skipped ({text!r})",
        "nl": "{where_nl}: kop boven de eerste spreker overgeslagen ({text!r})",
    },
    "device_speaker": {
        "en": "speaker {label!r} is the name of a device, not of a person: kept as speaker {name!r} (rename the "
              "speaker in the file to show who it is)",
        "nl": "spreker {label!r} is de naam van een apparaat, niet van een persoon: bewaard als spreker {name!r} "
              "(hernoem de spreker in het bestand om te laten zien wie het is)",
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
        "en": "the file name holds a name; participant id {pid} is used instead in quotes, persona cards, "
              "evidence ids ({seg}#001 …) and the sources of a REFI export, and outputs show the file as "
              "{seg} (choose ids with [transcripts] participants in study.toml)",
        "nl": "de bestandsnaam bevat een naam; deelnemer-id {pid} wordt in plaats daarvan gebruikt in citaten, "
              "personakaarten, bewijs-ids ({seg}#001 …) en de bronnen van een REFI-export, en uitvoer noemt het "
              "bestand {seg} (kies ids met [transcripts] participants in study.toml)",
    },
    "named_file": {
        "en": "the file name holds a name; its evidence ids start with its participant id ({seg}#001 …) and "
              "outputs show the file as {seg}",
        "nl": "de bestandsnaam bevat een naam; de bewijs-ids beginnen met het deelnemer-id ({seg}#001 …) en "
              "uitvoer noemt het bestand {seg}",
    },
    "ids_moved": {
        "en": "study store: {counts} moved to the evidence ids without file names ({keys}), so no coding "
              "or memo lost its text",
        "nl": "studieopslag: {counts} verplaatst naar de bewijs-ids zonder bestandsnaam ({keys}), zodat geen "
              "codering of memo zijn tekst kwijt is",
    },
    "ids_not_moved": {
        "en": "study store: the codings and memos on {keys} still use the old evidence ids, as the store could "
              "not be changed ({why}); they show again once it can: close other workbench sessions and load "
              "the study again",
        "nl": "studieopslag: de coderingen en memo's bij {keys} gebruiken nog de oude bewijs-ids, want de opslag "
              "kon niet worden aangepast ({why}); ze komen terug zodra dat kan: sluit andere workbench-sessies "
              "en laad de studie opnieuw",
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
