"""What the persona step tells the researcher (how k was chosen, gaps, placements), in the
study's language.

Every note is a key and its values; :func:`note` words it in Dutch or English, numbers with the
language's decimal mark.

>>> note("k_given", "nl", k=3)
'k = 3 opgegeven'
>>> note("not_placed_unsure", "nl", n=1, p="0,5", who=note("unsure_one", "nl", pid="I04", persona=0, p=0.41))
'1 geïnterviewde(n) niet geplaatst: geen persona past duidelijk bij hun woorden (p < 0,5): I04 (beste persona 0, p = 0,41).'
"""

from __future__ import annotations

from ..journey.labels import number

__all__ = ["note", "selection_text"]

_NOTES = {
    "en": {
        "k_chosen": "How k was chosen: {how}.",
        "cli_head": "{k} personas from {n} respondents ({alg}; {how})", "cli_wrote": "wrote {n} files to {out}",
        "cli_cols": "name size share stability", "curve_cols": "entropy smallest", "chosen": "<- chosen",
        "too_small": "(a persona too small)",
        "k_best": "k = {k}: {word} of k = {lo}..{hi} with every persona >= {min}",
        "k_one_class": "k = 1: one class has a lower BIC than any split (k = {lo}..{hi})",
        "k_given": "k = {k} as given",
        "k_none_fit": "no k in {lo}..{hi} gives personas of at least {min}: one group",
        "k_too_few_rows": "{n} rows cannot make {lo}..{hi} personas of at least {min} each: one group",
        "k_hdbscan": "HDBSCAN found {k} clusters of at least {min} (k is not chosen)",
        "lowest_bic": "lowest BIC", "highest_silhouette": "highest silhouette",
        "no_closed": "{n} respondent(s) without closed answers are left out of the personas.",
        "too_few": "only {n} respondents with answers: too few for personas",
        "too_few_hint": "Personas need a survey with (many) more respondents.",
        "too_few_auto": "only {n} respondents: too few to choose the number of personas from the data "
                        "(at least {min} are needed)",
        "too_few_auto_hint": "Give the number of personas yourself (k=3, --k 3) if you know how many types to "
                             "expect, or choose anyway with force=True (--force); with so few people every persona "
                             "is fragile.",
        "forced": "k was chosen from only {n} respondents (forced): treat the personas as fragile.",
        "sample": "The model was fitted on a random sample of {fit} of {n} respondents; the others were "
                  "assigned by the fitted model.",
        "not_converged": "Latent class analysis did not converge within 500 EM iterations for some start; the best "
                         "start was kept.",
        "gaps": "Gaps: {n} question(s) left open by some respondents ({listed}{more}); {how}.",
        "gaps_more": " and {n} more",
        "gaps_lca": "latent class analysis used each respondent's other answers (a gap adds nothing to the "
                    "likelihood)",
        "gaps_knn": "filled in from the 5 most similar respondents (KNNImputer), never from everyone's median",
        "small": "{n} persona(s) have fewer than {min} members (k was given): their cards say so.",
        "mixed": "Persona {p} mixes two groups of '{question}': {a} ({sa}) and {b} ({sb}), nearly all of each group "
                 "is in it; {then}",
        "mixed_split": "with k = {k} they fall apart (--k {k}, k={k} in the notebook); compare both before you "
                       "choose.",
        "who": "{n} interview participant(s) ({ids})",
        "not_placed_few": "{who} not placed on a persona: too few respondents wrote open answers ({n}) to learn how "
                          "the personas' words differ. Link interviewees to their survey answers ([link] in "
                          "study.toml).",
        "not_placed_alike": "{who} not placed on a persona: the respondents' open answers do not tell the personas "
                            "apart (cross-validated accuracy {acc}, {chance} by guessing the largest persona). Link "
                            "interviewees to their survey answers ([link] in study.toml).",
        "unsure_one": "{pid} (best persona {persona}, p = {p})",
        "not_placed_unsure": "{n} interview participant(s) not placed: no persona fits their words clearly "
                             "(p < {p}): {who}.",
        "basis_link": "survey answers of respondent {r}",
        "basis_words": "their words in {turns} interview turns read most like persona {persona}'s open answers "
                       "(p = {p}; cross-validated accuracy {acc} on respondents, {chance} by chance{check})",
        "basis_check": "; agrees with the link for {agree} of {n} linked interviewees",
        "basis_only": "the survey makes one persona, so every interviewee belongs to it",
    },
    "nl": {
        "k_chosen": "Zo is k gekozen: {how}.",
        "cli_head": "{k} persona's uit {n} respondenten ({alg}; {how})",
        "cli_wrote": "{n} bestanden geschreven naar {out}", "cli_cols": "naam grootte aandeel stabiliteit",
        "curve_cols": "entropie kleinste", "chosen": "<- gekozen", "too_small": "(een persona te klein)",
        "k_best": "k = {k}: {word} van k = {lo}..{hi} met elke persona >= {min}",
        "k_one_class": "k = 1: één klasse heeft een lagere BIC dan elke splitsing (k = {lo}..{hi})",
        "k_given": "k = {k} opgegeven",
        "k_none_fit": "geen k in {lo}..{hi} geeft persona's van minstens {min}: één groep",
        "k_too_few_rows": "{n} rijen zijn te weinig voor {lo}..{hi} persona's van minstens {min}: één groep",
        "k_hdbscan": "HDBSCAN vond {k} clusters van minstens {min} (k wordt niet gekozen)",
        "lowest_bic": "laagste BIC", "highest_silhouette": "hoogste silhouetscore",
        "no_closed": "{n} respondent(en) zonder gesloten antwoorden blijven buiten de persona's.",
        "too_few": "maar {n} respondenten met antwoorden: te weinig voor persona's",
        "too_few_hint": "Persona's vragen een enquête met (veel) meer respondenten.",
        "too_few_auto": "maar {n} respondenten: te weinig om het aantal persona's uit de data te kiezen "
                        "(minstens {min} nodig)",
        "too_few_auto_hint": "Geef het aantal persona's zelf op (k=3, --k 3) als je weet hoeveel typen je "
                             "verwacht, of kies toch met force=True (--force); met zo weinig mensen is elke "
                             "persona kwetsbaar.",
        "forced": "k is gekozen uit maar {n} respondenten (geforceerd): de persona's zijn kwetsbaar.",
        "sample": "Het model is geschat op een aselecte steekproef van {fit} van {n} respondenten; de anderen "
                  "zijn door het geschatte model ingedeeld.",
        "not_converged": "De latente-klassenanalyse convergeerde bij een of meer starts niet binnen 500 EM-iteraties; "
                         "de beste start is gehouden.",
        "gaps": "Open gelaten: {n} vra(a)g(en) door sommige respondenten niet beantwoord ({listed}{more}); {how}.",
        "gaps_more": " en nog {n}",
        "gaps_lca": "de latente-klassenanalyse gebruikte de andere antwoorden van die respondent (een lege plek telt "
                    "niet mee in de likelihood)",
        "gaps_knn": "ingevuld vanuit de 5 meest gelijkende respondenten (KNNImputer), nooit met ieders mediaan",
        "small": "{n} persona('s) hebben minder dan {min} leden (k was opgegeven): hun kaarten zeggen dat.",
        "mixed": "Persona {p} mengt twee groepen van '{question}': {a} ({sa}) en {b} ({sb}), bijna elk van beide "
                 "groepen zit erin; {then}",
        "mixed_split": "met k = {k} vallen ze uiteen (--k {k}, k={k} in het notebook); vergelijk beide voor u kiest.",
        "who": "{n} geïnterviewde(n) ({ids})",
        "not_placed_few": "{who} niet bij een persona geplaatst: te weinig respondenten schreven open antwoorden ({n}) "
                          "om te leren hoe de woorden van de persona's verschillen. Koppel geïnterviewden aan hun "
                          "enquêteantwoorden ([link] in study.toml).",
        "not_placed_alike": "{who} niet bij een persona geplaatst: de open antwoorden onderscheiden de persona's niet "
                            "(gekruisvalideerde nauwkeurigheid {acc}, {chance} door de grootste persona te gokken). "
                            "Koppel geïnterviewden aan hun enquêteantwoorden ([link] in study.toml).",
        "unsure_one": "{pid} (beste persona {persona}, p = {p})",
        "not_placed_unsure": "{n} geïnterviewde(n) niet geplaatst: geen persona past duidelijk bij hun woorden "
                             "(p < {p}): {who}.",
        "basis_link": "enquêteantwoorden van respondent {r}",
        "basis_words": "hun woorden in {turns} interviewbeurten lijken het meest op de open antwoorden van persona "
                       "{persona} (p = {p}; gekruisvalideerde nauwkeurigheid {acc} op respondenten, {chance} door "
                       "gokken{check})",
        "basis_check": "; komt overeen met de koppeling bij {agree} van {n} gekoppelde geïnterviewden",
        "basis_only": "de enquête vormt één persona, dus elke geïnterviewde hoort erbij",
    },
}


def _words(lang: str) -> dict[str, str]:
    return _NOTES.get(lang, _NOTES["en"])


def note(key: str, lang: str | None, **kw) -> str:
    """The note ``key`` in ``lang`` (English when the language has no wording), its numbers in
    the language's convention (:func:`workbench.journey.labels.number`: ``0,41``, ``12.345``)."""
    lang = lang if lang in _NOTES else "en"
    vals = {k: number(v, 2, lang) if isinstance(v, float) else number(v, 0, lang)
            if isinstance(v, int) and not isinstance(v, bool) else v for k, v in kw.items()}
    return _words(lang)[key].format(**vals)


def selection_text(key: str, values: dict, lang: str | None) -> str:
    """How k was chosen (a clusterer's ``selection_note_``), worded in ``lang``."""
    values = dict(values)
    if "word" in values:
        values["word"] = note(values["word"], lang)
    return note(key, lang, **values)
