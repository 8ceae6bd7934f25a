"""The study model's tables in the study's language: column names, figure names and word values
(kinds, roles, layouts) of the load report and the counts, for ``workbench info`` and the loader
widget alike. English is what the frames hold; Dutch is looked up here.

>>> import pandas as pd
>>> local_frame(pd.DataFrame({"kind": ["transcript"], "turns": [12]}), "nl", ("kind",)).to_dict("records")
[{'soort': 'transcript', 'beurten': 12}]
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["DUTCH", "local_frame"]

#: Column names, figure names and word values in Dutch (English: as the frames have them).
DUTCH = {
    # figures
    "study": "studie", "language": "taal", "phase model": "fasemodel", "transcripts": "transcripten",
    "documents": "documenten", "participants": "deelnemers", "turns": "beurten", "words": "woorden",
    "respondents": "respondenten", "questions": "vragen", "answers": "antwoorden", "funnel steps": "funnelstappen",
    # columns
    "source": "bron", "kind": "soort", "format": "formaat", "layout": "indeling", "encoding": "codering",
    "speakers": "sprekers", "warnings": "waarschuwingen", "participant_id": "deelnemer",
    "respondent_id": "respondent", "turns_interviewer": "beurten_interviewer",
    "turns_participant": "beurten_deelnemer", "words_interviewer": "woorden_interviewer",
    "words_participant": "woorden_deelnemer", "question_id": "vraag", "phase": "fase", "metric": "metriek",
    "question_text": "vraagtekst", "name": "naam",
    # values
    "transcript": "transcript", "document": "document", "notes": "veldnotities", "survey": "enquête",
    "funnel": "funnel", "numeric": "getal", "choice": "keuze", "multi_choice": "meerkeuze", "open": "open",
    "date": "datum", "participant": "deelnemer", "interviewer": "interviewer", "labels": "sprekerlabels",
    "voice tags": "voice-tags", "name lines": "naamregels", "otter": "otter", "timed cues": "cues met tijden",
    "delimiter": "scheidingsteken", "sheet": "werkblad",
}


def _say(value, lang: str):
    """A word value (kind, role, layout …) in the study's language."""
    if lang != "nl" or not isinstance(value, str):
        return value
    if value in DUTCH:
        return DUTCH[value]
    out = value
    for phrase in ("voice tags", "name lines", "timed cues"):
        out = out.replace(phrase, DUTCH[phrase])
    # 'delimiter ','', "sheet 'Responses'", 'timed cues, labels'; roles inside 'Name (participant, 7)'
    out = re.sub(r"^(delimiter|sheet)\b", lambda m: DUTCH[m.group(1)], out)
    out = re.sub(r"\((participant|interviewer), ", lambda m: f"({DUTCH[m.group(1)]}, ", out)
    out = out.replace(", device)", ", apparaat)")
    return re.sub(r"(?<=, )(labels|otter)$", lambda m: DUTCH[m.group(1)], out)


def local_frame(frame: pd.DataFrame, lang: str, values: tuple[str, ...] = ()) -> pd.DataFrame:
    """A table with its column names, and the word values of ``values`` columns, in ``lang``."""
    if lang != "nl":
        return frame
    out = frame.copy()
    for col in values:
        if col in out:
            out[col] = out[col].astype(object).map(lambda v: _say(v, lang))
    return out.rename(columns={c: DUTCH.get(c, c) for c in out.columns})
