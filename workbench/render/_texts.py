"""Display texts of the deliverable's anatomy (persona header, reading groups, backstage, KPI
targets, legend) in Dutch and English; the map's own texts are in :mod:`workbench.journey.labels`."""

from __future__ import annotations

__all__ = ["t", "GROUPS", "LANE_GROUPS", "lane_name", "SOURCES"]

#: The map read as doing / thinking / feeling, then what to do about it, then the backstage.
GROUPS = (
    ("doing", ("actions", "touchpoints")),
    ("thinking", ("needs", "quotes")),
    ("feeling", ("emotion", "pain_points")),
    ("", ("opportunities", "metrics")),
    ("backstage", ("backstage",)),
)
LANE_GROUPS = {lane: group for group, lanes in GROUPS for lane in lanes}

#: Where each lane comes from: "data" (computed from the study), "researcher", or both.
SOURCES = {"steps": "researcher", "actions": "data", "touchpoints": "data", "needs": "data", "quotes": "data",
           "emotion": "data", "pain_points": "data", "opportunities": "both", "metrics": "both",
           "backstage": "researcher", "header": "data"}

_T = {
    "nl": {
        "doing": "DOEN", "thinking": "DENKEN", "feeling": "VOELEN", "backstage": "BACKSTAGE",
        "lane_quotes": "Gedachten (citaten)", "lane_metrics": "Metrieken en doelen",
        "lane_backstage": "Eigenaar, systeem, proces", "lane_steps": "Stappen",
        "owner": "Eigenaar", "system": "Systeem", "process": "Proces",
        "more": "+{n} meer", "overall": "algemeen", "target": "doel ≥ {t}", "met": "gehaald", "not_met": "niet gehaald",
        "not_measured": "niet gemeten", "kpi_line": "{m}: doel ≥ {t}, niet gemeten",
        "backstage_empty": "nog niet ingevuld",
        "share": "{p}% van de respondenten", "apart": "Wat hen onderscheidt", "personas": "Persona's",
        "need": "Belangrijkste behoefte", "need_where": "{phase}, n={n}", "quote": "In hun woorden",
        "stable": "stabiel", "doubtful": "twijfelachtig", "unstable": "instabiel — niet op vertrouwen",
        "stability_unknown": "stabiliteit niet bepaald", "jaccard": "Jaccard {j}",
        "priority": "P{n}", "priority_set": "P{n} (onderzoeker; berekend P{c})", "effort": "inspanning {x}",
        "low": "laag", "medium": "middel", "high": "hoog",
        "status_open": "open", "status_accepted": "geaccepteerd", "status_rejected": "afgewezen", "status_done": "gedaan",
        "shared_mark": "* = alle bezoekers (webanalyse, niet per persona)",
        "definitions": "Definities", "legend_title": "Legenda en definities",
        "emotion_def": "Emotie −2..+2: ‘wat ze zeggen’ = gemiddelde toon van de zinnen met emotie of een pijnpunt "
                       "(positief +1, negatief −1, pijnpunt −0,6); ‘tevredenheid’ = de CSAT-vraag van de fase "
                       "herschaald naar −2..+2; 95%-betrouwbaarheidsband; open marker = dun bewijs",
        "n_def": "n = aantal teksten (beurten, open antwoorden) of respondenten achter een item",
        "thin_def": "grijs cursief / gearceerd = dun bewijs (n < {k})",
        "priority_def": "P1, P2 … = prioriteit van een kans: mensen × ernst × fasegewicht, of door de onderzoeker gezet",
        "kpi_def": "doel ≥ x: door de onderzoeker gezet; ✓ gehaald, ✗ niet gehaald",
        "sample": "Steekproef: {r} respondenten, {i} interviews, {d} teksten",
        "sample_persona": "deze persona: {r} respondenten, {i} geïnterviewden, {d} teksten",
        "unplaced_short": "{n} teksten zonder fase: zie ‘Fase onbekend’ in HTML, XLSX en de legendapagina",
        "sources_title": "Waar elke rij vandaan komt", "from_data": "uit de data",
        "from_researcher": "van de onderzoeker", "from_both": "uit de data, bewerkt door de onderzoeker",
        "symbols_title": "Tekens", "metrics_title": "Metrieken", "samples_title": "Steekproef per persona",
        "lanes_title": "Rijen",
        "src_steps": "Stappen: uit het fasemodel of study.toml ([map.phases.<fase>] steps)",
        "src_actions": "Acties: de cue-woorden van de fase die in interviews en open antwoorden staan",
        "src_touchpoints": "Contactpunten: genoemde contactpunten, per fase geteld",
        "src_needs": "Behoeften en pijnpunten: thema's van getagde of gecodeerde zinnen; de codes van de onderzoeker winnen",
        "src_quotes": "Gedachten: representatieve zinnen uit de sterkste thema's (privacybeleid toegepast)",
        "src_emotion": "Emotie: de toon van wat mensen zeggen, en hun tevredenheid in de enquête",
        "src_opportunities": "Kansen: afgeleid van de sterkste thema's als ‘Hoe kunnen we …?’; tekst, status, "
                             "inspanning, eigenaar en prioriteit door de onderzoeker (workbench plan)",
        "src_metrics": "Metrieken: enquête (NPS, CSAT, CES) en funnel (conversie); doelen door de onderzoeker",
        "src_backstage": "Backstage: eigenaar, systeem en proces per fase, door de onderzoeker (workbench plan of "
                         "study.toml)",
        "src_header": "Persona-kop: aandeel, wat hen onderscheidt en stabiliteit uit het personamodel; behoefte en "
                      "citaat van de kaart",
        "sym_more": "+3 meer: de cel heeft nog 3 onderdelen die hier niet staan (de kaart toont de sterkste, "
                    "zoveel als op de pagina past); alles staat in HTML en XLSX",
        "sym_disagree": "⚠: wat mensen zeggen en hun enquêtescores wijzen een andere kant op",
        "col_persona": "Persona", "col_share": "aandeel", "col_resp": "respondenten", "col_int": "geïnterviewden",
        "col_docs": "teksten", "col_stab": "stabiliteit", "opportunities_sheet": "Kansen", "numbers": "Cijfers",
        "col_priority": "prioriteit", "col_score": "score", "col_effort": "inspanning", "col_owner": "eigenaar",
        "col_status": "status", "col_id": "nummer", "col_target": "doel",
        "col_origin": "herkomst", "col_prio_computed": "prioriteit (berekend)",
        "col_prio_set": "prioriteit (onderzoeker)", "origin_derived": "afgeleid", "origin_manual": "onderzoeker",
        "origin_researcher": "onderzoeker", "col_measured": "gemeten",
        "col_met": "gehaald", "col_value": "waarde", "col_rank": "rang", "col_thin": "dun bewijs", "col_metric": "metriek", "col_source": "bron",
        "yes": "ja", "no": "nee", "page_of": "pagina {i} van {n}",
        "facts_unreadable": "De kenmerken van de persona's zijn niet gelezen ({x}): draai `workbench run` opnieuw "
                            "voor de persona-koppen.",
        "glyphs_dropped": "{n} teken(s) die het lettertype van de kaart niet heeft ({chars}) zijn weggelaten uit de "
                          "PNG, SVG en PDF; de HTML, Markdown en XLSX houden ze.",
    },
    "en": {
        "doing": "DOING", "thinking": "THINKING", "feeling": "FEELING", "backstage": "BACKSTAGE",
        "lane_quotes": "Thoughts (quotes)", "lane_metrics": "Metrics and targets",
        "lane_backstage": "Owner, system, process", "lane_steps": "Steps",
        "owner": "Owner", "system": "System", "process": "Process",
        "more": "+{n} more", "overall": "overall", "target": "target ≥ {t}", "met": "met", "not_met": "not met",
        "not_measured": "not measured", "kpi_line": "{m}: target ≥ {t}, not measured",
        "backstage_empty": "not filled in yet",
        "share": "{p}% of respondents", "apart": "What sets them apart", "personas": "Personas",
        "need": "Main need", "need_where": "{phase}, n={n}", "quote": "In their words",
        "stable": "stable", "doubtful": "doubtful", "unstable": "unstable — do not rely on it",
        "stability_unknown": "stability not assessed", "jaccard": "Jaccard {j}",
        "priority": "P{n}", "priority_set": "P{n} (researcher; computed P{c})", "effort": "effort {x}",
        "low": "low", "medium": "medium", "high": "high",
        "status_open": "open", "status_accepted": "accepted", "status_rejected": "rejected", "status_done": "done",
        "shared_mark": "* = all visitors (web analytics, not per persona)",
        "definitions": "Definitions", "legend_title": "Legend and definitions",
        "emotion_def": "Emotion −2..+2: ‘what they say’ = mean tone of the sentences with an emotion or a pain point "
                       "(positive +1, negative −1, pain point −0.6); ‘satisfaction’ = the phase's CSAT question "
                       "rescaled to −2..+2; 95% confidence band; hollow marker = thin evidence",
        "n_def": "n = number of texts (turns, open answers) or respondents behind an item",
        "thin_def": "grey italic / hatched = thin evidence (n < {k})",
        "priority_def": "P1, P2 … = an opportunity's priority: people × severity × phase weight, or set by the "
                        "researcher",
        "kpi_def": "target ≥ x: set by the researcher; ✓ met, ✗ not met",
        "sample": "Sample: {r} respondents, {i} interviews, {d} texts",
        "sample_persona": "this persona: {r} respondents, {i} interviewees, {d} texts",
        "unplaced_short": "{n} texts without a phase: see ‘Phase unknown’ in the HTML, the XLSX and the legend page",
        "sources_title": "Where each lane comes from", "from_data": "from the data",
        "from_researcher": "from the researcher", "from_both": "from the data, edited by the researcher",
        "symbols_title": "Symbols", "metrics_title": "Metrics", "samples_title": "Sample per persona",
        "lanes_title": "Lanes",
        "src_steps": "Steps: from the phase model or study.toml ([map.phases.<phase>] steps)",
        "src_actions": "Actions: the phase's cue words found in interviews and open answers",
        "src_touchpoints": "Touchpoints: touchpoints named, counted per phase",
        "src_needs": "Needs and pain points: themes of tagged or coded sentences; the researcher's codes win",
        "src_quotes": "Thoughts: representative sentences from the strongest themes (privacy policy applied)",
        "src_emotion": "Emotion: the tone of what people say, and their satisfaction in the survey",
        "src_opportunities": "Opportunities: derived from the strongest themes as ‘How might we …?’; text, status, "
                             "effort, owner and priority by the researcher (workbench plan)",
        "src_metrics": "Metrics: survey (NPS, CSAT, CES) and funnel (conversion); targets by the researcher",
        "src_backstage": "Backstage: owner, system and process per phase, by the researcher (workbench plan or "
                         "study.toml)",
        "src_header": "Persona header: share, what sets them apart and stability from the persona model; need and "
                      "quote from the map",
        "sym_more": "+3 more: the cell holds 3 more items than shown here (the map shows the strongest, as "
                    "many as fit on the page); everything is in the HTML and the XLSX",
        "sym_disagree": "⚠: what people say and their survey scores point in different directions",
        "col_persona": "Persona", "col_share": "share", "col_resp": "respondents", "col_int": "interviewees",
        "col_docs": "texts", "col_stab": "stability", "opportunities_sheet": "Opportunities", "numbers": "Numbers",
        "col_priority": "priority", "col_score": "score", "col_effort": "effort", "col_owner": "owner",
        "col_status": "status", "col_id": "id", "col_target": "target",
        "col_origin": "origin", "col_prio_computed": "priority (computed)",
        "col_prio_set": "priority (researcher)", "origin_derived": "derived", "origin_manual": "researcher",
        "origin_researcher": "researcher", "col_measured": "measured",
        "col_met": "met", "col_value": "value", "col_rank": "rank", "col_thin": "thin evidence", "col_metric": "metric", "col_source": "source",
        "yes": "yes", "no": "no", "page_of": "page {i} of {n}",
        "facts_unreadable": "The personas' facts were not read ({x}): run `workbench run` again for the persona "
                            "headers.",
        "glyphs_dropped": "{n} character(s) the map's font cannot draw ({chars}) were left out of the PNG, SVG and "
                          "PDF; the HTML, Markdown and XLSX keep them.",
    },
}


def t(key: str, lang: str, **kw) -> str:
    """A display text of the anatomy by key, formatted with ``kw``."""
    return _T["nl" if lang == "nl" else "en"][key].format(**kw)


def lane_name(lane: str, lang: str) -> str:
    """A lane's name on the deliverable (quotes read as thoughts; metrics carry their targets)."""
    from ..journey import labels as L

    if lane in ("quotes", "metrics", "backstage", "steps"):
        return t(f"lane_{lane}", lang)
    return L.lane_label(lane, lang)
