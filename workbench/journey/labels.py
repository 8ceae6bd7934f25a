"""Display texts of the journey map in Dutch and English (lanes, metrics, touchpoints)."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["LANES", "lane_label", "touchpoint_name", "text", "metric_text", "metric_name", "number", "signed",
           "plain", "quoted", "hmw", "is_other"]

#: Lanes in map order (rows of the figure).
LANES = ("actions", "touchpoints", "needs", "pain_points", "emotion", "quotes", "opportunities", "metrics")

_LANES = {
    "nl": {"actions": "Acties (wat klanten doen)", "touchpoints": "Contactpunten", "needs": "Behoeften",
           "pain_points": "Pijnpunten", "emotion": "Emotie (−2..+2)", "quotes": "Citaten",
           "opportunities": "Kansen", "metrics": "Metrieken"},
    "en": {"actions": "Actions (what customers do)", "touchpoints": "Touchpoints", "needs": "Needs",
           "pain_points": "Pain points", "emotion": "Emotion (−2..+2)", "quotes": "Quotes",
           "opportunities": "Opportunities", "metrics": "Metrics"},
}

_TEXT = {
    "nl": {"everyone": "Iedereen", "thin": "dun bewijs (n={n})",
           "often_with": "vaak met: {x}", "key_terms": "kerntermen: {x}",
           "docs": "{n} teksten", "respondents": "{n} respondenten", "participants": "{n} geïnterviewden",
           "no_data": "—", "researcher": "idee van de onderzoeker", "derived": "afgeleid van: {x}",
           "all_visitors": "alle bezoekers", "journey_map": "Klantreis", "evidence": "Bewijs",
           "persona": "Persona", "phase": "Fase", "lane": "Rij", "item": "Inhoud", "n": "n",
           "ids": "bronnen", "who": "wie", "source_text": "tekst", "cut": "ingekort",
           "more": "… en nog {n}", "mean_ci": "gemiddeld {m} (95%-BI {lo} tot {hi}, n={n})",
           "by_source": "interviews {mi} (n={ni}), open antwoorden {ms} (n={ns})",
           "unplaced_note": "{n} teksten met een pijnpunt, behoefte of actie hebben geen fase ({k} verschillende zinnen, elk met het aantal teksten dat hem zegt): zie ‘Fase onbekend’",
           "unplaced_questions": "; open antwoorden op vragen zonder fase: {q}. Geef een "
                                 "vraag een fase in study.toml: [survey.questions] {first} = {{ phase = \"…\" }} "
                                 "(een fase-id of -naam uit het fasemodel)",
           "other_pain_point": "overig: niet als klacht gelezen", "other_need": "overig: niet als wens gelezen",
           "kept_quote": "{q} getagde zinnen zonder leesbaar label staan als citaat in hun cel (tussen "
                         "aanhalingstekens: door twee of meer mensen gezegd, of één keer verteld in een interview)",
           "kept_other": "{o} getagde zinnen met een fase staan niet op de kaart: één keer gezegd in een open "
                         "antwoord zonder leesbaar label, of niet als klacht of wens gelezen (ze staan in tags.csv)",
           "unplaced": "Fase onbekend", "draft": "CONCEPT — automatisch getagd, {p}% van de suggesties beoordeeld",
           "reviewed_map": "Beoordeeld — alleen codes die de onderzoeker accepteerde of toevoegde",
           "pain_point": "pijnpunt", "need": "behoefte", "action": "actie", "tf_sentiment": "toon van wat ze zeggen",
           "tf_touchpoint": "noemt {x} in open antwoorden", "tf_pain_any": "pijnpunten (alle fasen)", "tf_need_any": "behoeften (alle fasen)",
           "tf_pain_in": "pijnpunten in {phase}", "tf_need_in": "behoeften in {phase}",
           "q_placed": "{q}: {total} antwoorden, {n} met een pijnpunt, behoefte of actie: {placed} geplaatst op hun "
                       "inhoud (woorden en contactpunten van het fasemodel), {unknown} blijven in ‘Fase onbekend’",
           "cli_run": "{name}: {k} persona's, {n} onderdelen op de kaart ({thin} met dun bewijs), {files} bestanden in {out}",
           "cli_map": "{name}: {n} onderdelen op de kaart ({thin} met dun bewijs), {files} bestanden in {out}",
           "cli_note": "let op: {x}", "cli_times": "tijden: {x}",
           "no_personas": "Geen enquêteantwoorden: de kaart toont alleen iedereen (geen persona's).",
           "personas_failed": "Er zijn geen persona's gemaakt: {x}", "personas_note": "Persona's: {x}",
           "sum_counts": "{i} interviews, {s} beurten, {r} respondenten, {d} teksten getagd ({m} van geïnterviewden en respondenten: de teksten van de kaart; {o} van interviewers), {g} suggesties",
           "sum_model": "fasemodel: {m}", "sum_personas": "Persona's",
           "sum_persona": "{r} respondenten, {i} geïnterviewden, {d} teksten",
           "sum_pains": "Belangrijkste pijnpunten per fase (iedereen)",
           "sum_opportunities": "Kansen op prioriteit (iedereen)", "sum_metrics": "Cijfers (iedereen)",
           "sum_thin": "Dun bewijs: {n} van {total} onderdelen rusten op minder dan {k} bronnen",
           "sum_notes": "Opmerkingen", "sum_timings": "Tijden (s)",
           "stage_load": "inlezen", "stage_tag": "taggen", "stage_store": "opslag", "stage_personas": "persona's",
           "stage_map": "kaart", "stage_render": "bestanden maken",
           "hmw_pain": "Hoe kunnen we ‘{x}’ oplossen?", "hmw_need": "Hoe kunnen we tegemoetkomen aan ‘{x}’?",
           "opp_score": "prioriteit = {n} mensen × ernst {s} × fasegewicht {w} ({why})",
           "why_csat": "{v}% tevreden", "why_conv": "conversie {v}%", "why_none": "geen fasecijfers",
           "emotion_text": "Wat ze zeggen: {x}", "emotion_survey": "Tevredenheid (enquête): {x}",
           "emotion_disagree": "Let op: tekst en enquête verschillen",
           "emotion_disagree_detail": "wat mensen zeggen ({t}) en hun scores in de enquête ({s}) wijzen "
                                      "een andere kant op; lees de citaten"},
    "en": {"everyone": "Everyone", "thin": "thin evidence (n={n})",
           "often_with": "often with: {x}", "key_terms": "key terms: {x}",
           "docs": "{n} texts", "respondents": "{n} respondents", "participants": "{n} interviewees",
           "no_data": "—", "researcher": "researcher's idea", "derived": "derived from: {x}",
           "all_visitors": "all visitors", "journey_map": "Journey map", "evidence": "Evidence",
           "persona": "Persona", "phase": "Phase", "lane": "Lane", "item": "Item", "n": "n",
           "ids": "sources", "who": "who", "source_text": "text", "cut": "shortened",
           "more": "… and {n} more", "mean_ci": "mean {m} (95% CI {lo} to {hi}, n={n})",
           "by_source": "interviews {mi} (n={ni}), open answers {ms} (n={ns})",
           "unplaced_note": "{n} texts with a pain point, need or action have no phase ({k} distinct sentences, each with the number of texts that say it): see ‘Phase unknown’",
           "unplaced_questions": "; open answers to questions without a phase: {q}. Give a "
                                 "question a phase in study.toml: [survey.questions] {first} = {{ phase = \"…\" }} "
                                 "(a phase id or name of the phase model)",
           "other_pain_point": "other: not read as a complaint", "other_need": "other: not read as a wish",
           "kept_quote": "{q} tagged sentences without a readable label are quoted in their cell (in quotation "
                         "marks: said by two or more people, or told once in an interview)",
           "kept_other": "{o} tagged sentences with a phase are not on the map: said once in an open answer without "
                         "a readable label, or not read as a complaint or wish (they are in tags.csv)",
           "unplaced": "Phase unknown", "draft": "DRAFT — machine-tagged, {p}% of the suggestions reviewed",
           "reviewed_map": "Reviewed — only codes the researcher accepted or added",
           "pain_point": "pain point", "need": "need", "action": "action", "tf_sentiment": "tone of what they say",
           "tf_touchpoint": "mentions {x} in open answers", "tf_pain_any": "pain points (any phase)", "tf_need_any": "needs (any phase)",
           "tf_pain_in": "pain points in {phase}", "tf_need_in": "needs in {phase}",
           "q_placed": "{q}: {total} answers, {n} with a pain point, need or action: {placed} placed by their "
                       "content (the phase model's words and touchpoints), {unknown} stay in ‘Phase unknown’",
           "cli_run": "{name}: {k} personas, {n} map items ({thin} thin), {files} files in {out}",
           "cli_map": "{name}: {n} map items ({thin} thin), {files} files in {out}",
           "cli_note": "note: {x}", "cli_times": "times: {x}",
           "no_personas": "No survey answers: the map shows everyone only (no personas).",
           "personas_failed": "Personas were not made: {x}", "personas_note": "Personas: {x}",
           "sum_counts": "{i} interviews, {s} turns, {r} respondents, {d} texts tagged ({m} by interviewees and respondents: the texts of the map; {o} by interviewers), {g} suggestions",
           "sum_model": "phase model: {m}", "sum_personas": "Personas",
           "sum_persona": "{r} respondents, {i} interviewees, {d} texts",
           "sum_pains": "Top pain points per phase (everyone)",
           "sum_opportunities": "Opportunities by priority (everyone)", "sum_metrics": "Metrics (everyone)",
           "sum_thin": "Thin evidence: {n} of {total} items rest on fewer than {k} sources",
           "sum_notes": "Notes", "sum_timings": "Timings (s)",
           "stage_load": "load", "stage_tag": "tag", "stage_store": "store", "stage_personas": "personas",
           "stage_map": "map", "stage_render": "render",
           "hmw_pain": "How might we solve ‘{x}’?", "hmw_need": "How might we meet ‘{x}’?",
           "opp_score": "priority = {n} people × severity {s} × phase weight {w} ({why})",
           "why_csat": "{v}% satisfied", "why_conv": "conversion {v}%", "why_none": "no phase figures",
           "emotion_text": "What they say: {x}", "emotion_survey": "Satisfaction (survey): {x}",
           "emotion_disagree": "Note: text and survey disagree",
           "emotion_disagree_detail": "what people say ({t}) and their survey ratings ({s}) point in "
                                      "different directions; read the quotes"},
}

#: What the command line says about a study (``workbench plan``, ``export``, ``tag``), in the
#: study's language; :func:`text` finds these keys too.
_CLI = {
    "nl": {"plan_title": "Kaartplan van {name}", "plan_steps": "stappen", "plan_target": "doel {m} ≥ {t}",
           "plan_opps": "Kansen ({n}; bewerk met --opportunity ID)",
           "plan_per_map": "Elke kaart heeft eigen kansen met eigen ids: ‘Iedereen’ en elke persona. Een wijziging "
                           "geldt alleen voor het id dat je bewerkt; dezelfde kans op een andere kaart bewerk je apart.",
           "plan_none": "  nog geen: `workbench run` leidt ze af uit de data",
           "plan_cols": "id persona fase status prioriteit inspanning eigenaar tekst",
           "plan_set": "{phase}: {kind} = {v}", "plan_removed": "{phase}: {kind} verwijderd",
           "plan_target_set": "{phase}: doel {m} ≥ {t}", "plan_target_removed": "{phase}: doel {m} verwijderd",
           "plan_updated": "kans {id} bijgewerkt ({map})",
           "plan_siblings": "dezelfde kans staat ook op {maps}: die blijft zoals hij was (bewerk met "
                            "--opportunity {first} als dat ook moet)",
           "plan_map_id": "kaart {p}, id {id}", "plan_all_maps": "alle kaarten", "plan_rerender": "Teken de kaart opnieuw: workbench map {study} --out MAP",
           "plan_bad_phase": "--phase {v!r} is geen fase van fasemodel ‘{model}’",
           "plan_bad_phase_hint": "Geef een fase-id of -naam: {listing}.",
           "plan_no_opp": "er is geen kans met id {id}",
           "plan_no_opp_hint": "Ids die er zijn: {ids} (`workbench plan {study}` toont ze met hun tekst).",
           "plan_need_phase": "--system, --process en --kpi horen bij een fase: geef ook --phase",
           "plan_need_phase_hint": "bijvoorbeeld workbench plan STUDY --phase aankoop --kpi csat_top2=70",
           "plan_need_opp": "--priority, --effort, --status en --text horen bij een kans: geef ook --opportunity ID",
           "plan_need_opp_hint": "`workbench plan STUDY` toont de kansen met hun id.",
           "plan_both": "bewerk een fase of een kans, niet allebei tegelijk",
           "plan_both_hint": "Draai de opdracht twee keer.",
           "plan_kpi_form": "--kpi {a!r} is niet METRIEK=DOEL", "plan_kpi_number": "het doel in --kpi {a!r} is geen getal",
           "plan_kpi_metric": "‘{m}’ is geen metriek van de kaart",
           "plan_kpi_hint": "Bijvoorbeeld --kpi csat_top2=70 (70%) of --kpi ces_mean=5,5; METRIEK= verwijdert het doel. "
                            "Metrieken: nps, csat_mean, csat_top2, ces_mean, ces_agree, conversion, micro:<stap>, "
                            "macro:<stap>.",
           "owner": "eigenaar", "system": "systeem", "process": "proces",
           "export_wrote": "{path} geschreven", "export_codebook": "{path} geschreven ({n} codes)",
           "export_counts": "  {sources} bronnen, {codes} codes ({categories} categorieën), {codings} coderingen "
                            "({coding_memos} met een memo), {notes} memo's, {users} gebruikers, {cases} cases, "
                            "{variables} variabelen",
           "export_left_out": "  {n} ongebruikte standaardcodes weggelaten (--all-codes schrijft ze)",
           "export_skipped": "  {n} coderingen op onbekende documenten overgeslagen (bijv. {x})",
           "export_suggestions": "  De {n} suggesties van de tagger zijn niet geëxporteerd: alleen codes die je "
                                 "accepteerde of zelf toevoegde gaan mee ({d} beoordeeld). Er is geen optie om "
                                 "onbeoordeelde suggesties mee te nemen; beoordeel ze eerst in het reviewwidget "
                                 "(notebook 02) en exporteer opnieuw.",
           "tag_model": "fasemodel: {m}", "tag_model_study": "fasemodel: {m} (van de studie in {path})",
           "tag_model_default": "fasemodel: {m} (standaard; kies een ander met --phase-model)",
           "tag_rows": "{n} rijen getagd: {p} met een pijnpunt, {nd} met een behoefte, {t} met een contactpunt "
                       "-> {out}",
           "tag_per_phase": "rijen per fase", "tag_no_phase": "(geen fase)",
           "tag_docs": "{n} documenten getagd: {s} suggesties opgeslagen in {path}"},
    "en": {"plan_title": "Map plan of {name}", "plan_steps": "steps", "plan_target": "target {m} ≥ {t}",
           "plan_opps": "Opportunities ({n}; edit with --opportunity ID)",
           "plan_per_map": "Every map has its own opportunities with their own ids: ‘Everyone’ and each persona. An "
                           "edit applies to the id you edit only; edit the same opportunity on another map separately.",
           "plan_none": "  none yet: `workbench run` derives them from the data",
           "plan_cols": "id persona phase status priority effort owner text",
           "plan_set": "{phase}: {kind} = {v}", "plan_removed": "{phase}: {kind} removed",
           "plan_target_set": "{phase}: target {m} ≥ {t}", "plan_target_removed": "{phase}: target {m} removed",
           "plan_updated": "opportunity {id} updated ({map})",
           "plan_siblings": "the same opportunity is also on {maps}: it stays as it was (edit it with "
                            "--opportunity {first} if it should change too)",
           "plan_map_id": "map {p}, id {id}", "plan_all_maps": "every map", "plan_rerender": "Re-render the map: workbench map {study} --out MAP",
           "plan_bad_phase": "--phase {v!r} is not a phase of phase model ‘{model}’",
           "plan_bad_phase_hint": "Use a phase id or name: {listing}.",
           "plan_no_opp": "there is no opportunity with id {id}",
           "plan_no_opp_hint": "Ids there are: {ids} (`workbench plan {study}` lists them with their text).",
           "plan_need_phase": "--system, --process and --kpi belong to a phase: add --phase",
           "plan_need_phase_hint": "e.g. workbench plan STUDY --phase purchase --kpi csat_top2=70",
           "plan_need_opp": "--priority, --effort, --status and --text belong to an opportunity: add --opportunity ID",
           "plan_need_opp_hint": "`workbench plan STUDY` lists the opportunities with their ids.",
           "plan_both": "edit a phase or an opportunity, not both at once",
           "plan_both_hint": "Run the command twice.",
           "plan_kpi_form": "--kpi {a!r} is not METRIC=TARGET", "plan_kpi_number": "the target in --kpi {a!r} is not a number",
           "plan_kpi_metric": "‘{m}’ is not a metric of the map",
           "plan_kpi_hint": "E.g. --kpi csat_top2=70 (70%) or --kpi ces_mean=5.5; METRIC= removes the target. "
                            "Metrics: nps, csat_mean, csat_top2, ces_mean, ces_agree, conversion, micro:<step>, "
                            "macro:<step>.",
           "owner": "owner", "system": "system", "process": "process",
           "export_wrote": "wrote {path}", "export_codebook": "wrote {path} ({n} codes)",
           "export_counts": "  {sources} sources, {codes} codes ({categories} categories), {codings} codings "
                            "({coding_memos} with a memo), {notes} memos, {users} users, {cases} cases, "
                            "{variables} variables",
           "export_left_out": "  {n} unused default codes left out (--all-codes writes them)",
           "export_skipped": "  skipped {n} codings on unknown documents (e.g. {x})",
           "export_suggestions": "  The tagger's {n} suggestions are not exported: only codes you accepted or added "
                                 "go along ({d} reviewed). No option exports unreviewed suggestions; review them in "
                                 "the review widget (notebook 02) first, then export again.",
           "tag_model": "phase model: {m}", "tag_model_study": "phase model: {m} (of the study in {path})",
           "tag_model_default": "phase model: {m} (the default; choose another with --phase-model)",
           "tag_rows": "tagged {n} rows: {p} with a pain point, {nd} with a need, {t} naming a touchpoint -> {out}",
           "tag_per_phase": "rows per phase", "tag_no_phase": "(no phase)",
           "tag_docs": "tagged {n} documents: {s} suggestions stored in {path}"},
}
for _lg, _words in _CLI.items():
    _TEXT[_lg].update(_words)


def _lang(lang: str) -> str:
    return lang if lang in _TEXT else "en"


def lane_label(lane: str, lang: str) -> str:
    return _LANES[_lang(lang)].get(lane, lane)


def stage_name(stage: str, lang: str) -> str:
    """A stage of ``workbench run`` ('load', 'tag', …) in the language (the key when it has no name)."""
    return _TEXT[_lang(lang)].get(f"stage_{stage}", stage)


def text(key: str, lang: str, **kw) -> str:
    """A display text by key, formatted with ``kw``."""
    return _TEXT[_lang(lang)][key].format(**kw)


@lru_cache(maxsize=1)
def _touchpoints() -> dict[str, dict]:
    raw = (resources.files("workbench") / "data" / "touchpoints.toml").read_text(encoding="utf-8")
    return {t["id"]: t.get("name", {}) for t in tomllib.loads(raw)["touchpoints"]}


#: display names of the touchpoints studies define (``[touchpoints.<id>] name``), by id
_STUDY_TOUCHPOINTS: dict[str, dict[str, str]] = {}


def add_touchpoint_names(names: dict[str, dict[str, str]]) -> None:
    """Name the touchpoints a study defines (read with its ``study.toml``)."""
    _STUDY_TOUCHPOINTS.update(names)


def touchpoint_name(tp: str, lang: str) -> str:
    """Display name of a touchpoint id: the study's name for it, the catalogue's, or the id
    prettified."""
    names = _STUDY_TOUCHPOINTS.get(tp) or _touchpoints().get(tp, {})
    return names.get(lang) or names.get("en") or str(tp).replace("_", " ").capitalize()


def _num(value: float, digits: int, lang: str) -> str:
    s = f"{value:.{digits}f}"
    return s.replace(".", ",") if _lang(lang) == "nl" else s


def number(value: float, digits: int, lang: str) -> str:
    """A number in the language's convention: ``1.234,5`` in Dutch, ``1,234.5`` in English.

    >>> number(1234.5, 1, "nl"), number(1234.5, 1, "en"), number(0.25, 2, "nl")
    ('1.234,5', '1,234.5', '0,25')
    """
    if value != value:
        return "–"
    s = f"{value:,.{digits}f}"
    if _lang(lang) == "nl":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


def plain(value: float, lang: str, digits: int = 2) -> str:
    """A number as a person writes it: no decimals when whole, else up to ``digits`` decimals,
    with the language's decimal sign (a target of 3.5 is ``3,5`` in Dutch).

    >>> plain(3.5, "nl"), plain(70.0, "nl"), plain(5.25, "en"), plain(0.125, "nl", 3)
    ('3,5', '70', '5.25', '0,125')
    """
    if value != value:
        return "–"
    s = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return s.replace(".", ",") if _lang(lang) == "nl" else s


def signed(value: float, digits: int, lang: str) -> str:
    """A signed number (``+0,8``, ``−1,2``) in the language's decimal convention.

    >>> signed(0.84, 1, "nl"), signed(-1.25, 2, "en"), signed(0.0, 1, "en")
    ('+0,8', '−1.25', '±0.0')
    """
    if value != value:
        return "–"
    r = round(float(value), digits)
    body = number(abs(r), digits, lang)
    return ("±" if r == 0 else "+" if r > 0 else "−") + body


_METRIC_NAMES = {
    "nl": {"nps": "NPS", "csat_mean": "CSAT gemiddeld", "csat_top2": "CSAT % 4–5 (top-2)", "ces_mean": "CES gemiddeld",
           "ces_agree": "CES % positief", "conversion": "conversie", "emotion_text": "emotie: wat ze zeggen",
           "emotion_survey": "emotie: tevredenheid (enquête)", "micro": "microconversie", "macro": "macroconversie"},
    "en": {"nps": "NPS", "csat_mean": "CSAT mean", "csat_top2": "CSAT % 4–5 (top-2)", "ces_mean": "CES mean",
           "ces_agree": "CES % positive", "conversion": "conversion", "emotion_text": "emotion: what they say",
           "emotion_survey": "emotion: satisfaction (survey)", "micro": "micro conversion",
           "macro": "macro conversion"},
}


def metric_name(metric: str, lang: str) -> str:
    """The display name of a metric key ('csat_mean' -> 'CSAT gemiddeld'; 'micro:<step>' -> 'microconversie
    <step>'); an unknown key as it is.

    >>> metric_name("ces_agree", "nl"), metric_name("micro:Winkelmandje", "nl")
    ('CES % positief', 'microconversie Winkelmandje')
    """
    names = _METRIC_NAMES[_lang(lang)]
    kind, sep, step = metric.partition(":")
    return f"{names.get(kind, kind)} {step}" if sep else names.get(metric, metric)


def metric_text(metric: str, value: float, lang: str) -> str:
    """Short display of a metric value: 'NPS +12', 'CSAT 3.80 (mean)', 'CSAT 64% 4–5', 'conversion 22.0%'."""
    nl = _lang(lang) == "nl"
    if value != value:  # NaN
        return f"{metric}: —"
    if metric == "nps":
        return f"NPS {signed(value, 0, lang)}"
    if metric in ("csat_mean", "ces_mean"):
        return f"{metric[:-5].upper()} {_num(value, 2, lang)} ({'gem.' if nl else 'mean'})"
    if metric == "csat_top2":
        return f"CSAT {value:.0f}% top-2"
    if metric == "ces_agree":
        return f"CES {value:.0f}% {'positief' if nl else 'positive'}"  # an ease or an agreement scale
    if metric == "conversion":
        return f"{'conversie' if nl else 'conversion'} {_num(value, 1, lang)}%"
    kind, _, step = metric.partition(":")
    return f"{kind} {step}: {_num(value, 1, lang)}%"


def quoted(label: str) -> str:
    """An item's label in single quotation marks, as the map cites it — a label that is itself a
    quote (“…”: the sentence's own words) keeps its marks and gets no second pair.

    >>> quoted("lagere prijs"), quoted("“Drie dagen niks.”")
    ('‘lagere prijs’', '“Drie dagen niks.”')
    """
    s = str(label)
    return s if s.startswith("“") and s.endswith("”") else f"‘{s}’"


def hmw(kind: str, label: str, lang: str) -> str:
    """An opportunity phrased as "How might we …?" of a pain (``kind`` ``pain_point``) or need
    label: the label in single quotation marks (a quote label loses its own marks), without a
    question mark of its own, so the opportunity ends on one question mark only.

    >>> hmw("need", "waarom moet ik elke maand opnieuw mijn adres invullen?", "nl")
    'Hoe kunnen we tegemoetkomen aan ‘waarom moet ik elke maand opnieuw mijn adres invullen’?'
    >>> hmw("pain_point", "“Abonnement duurder, geen bericht.”", "nl")
    'Hoe kunnen we ‘Abonnement duurder, geen bericht.’ oplossen?'
    """
    x = str(label).strip()
    if x.startswith("“") and x.endswith("”"):
        x = x[1:-1].strip()
    x = x.rstrip("?？ ").rstrip()
    return text("hmw_pain" if kind == "pain_point" else "hmw_need", lang, x=x)


def is_other(label: str, lang: str) -> bool:
    """Whether ``label`` is a cell's "other" item (sentences read as no complaint or wish)."""
    return str(label) in (text("other_pain_point", lang), text("other_need", lang))
