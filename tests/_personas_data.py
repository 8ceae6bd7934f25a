"""A small synthetic study with three planted persona types, for the persona tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench import schema

TYPES = ("price", "comfort", "green")
# latent means on the four attitude items (1..5)
MEANS = {"price": [4.6, 4.4, 1.6, 1.8], "comfort": [1.7, 1.9, 4.6, 1.8], "green": [1.8, 1.6, 1.9, 4.6]}
NPS = {"price": 3.0, "comfort": 9.0, "green": 7.5}
CHANNELS = {"price": ["Vergelijkingssite", "Google"], "comfort": ["WhatsApp-chat"], "green": ["Instagram", "Pinterest"]}
OPEN = {
    "price": "De verzendkosten waren te hoog en ik vond het afrekenen duur. Mail me op jan@example.nl.",
    "comfort": "Ik wil dat de levering snel gaat en dat ik niet hoef te zoeken. Bel 06-12345678 maar.",
    "green": "Ik zou graag zien dat er meer tweedehands meubels worden aangeboden, zegt Anouk.",
}
ITEMS = ["Ik let vooral op de prijs", "Ik wacht op kortingen", "Snelle levering is belangrijk", "Duurzaamheid telt"]


def make_study(n_per_type: int = 40, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    rows, resp, docs, tags = [], [], [], []
    truth = {}
    i = 0
    for t in TYPES:
        for _ in range(n_per_type):
            i += 1
            rid = f"R{i:03d}"
            truth[rid] = t
            for j, m in enumerate(MEANS[t]):
                v = int(np.clip(np.rint(m + rng.normal(0, 0.6)), 1, 5))
                rows.append((rid, f"Q1_{j + 1}", f"Eens? - {ITEMS[j]}", "likert", float(v), str(v)))
            nps = int(np.clip(np.rint(NPS[t] + rng.normal(0, 1.0)), 0, 10))
            rows.append((rid, "Q2", "Hoe waarschijnlijk is het dat u ons aanbeveelt?", "nps", float(nps), str(nps)))
            rows.append((rid, "Q3", "Bedrag laatste bestelling", "numeric", float(rng.lognormal(5, 0.5)), "x"))
            age = rng.choice(["18-34", "35-54", "55+"])
            rows.append((rid, "Q4", "Leeftijd", "choice", np.nan, str(age)))
            for ch in CHANNELS[t]:
                if rng.random() < 0.8:
                    rows.append((rid, "Q5", "Kanalen", "multi_choice", np.nan, ch))
            csat = int(np.clip(np.rint({"price": 2.5, "comfort": 4.5, "green": 3.8}[t] + rng.normal(0, 0.5)), 1, 5))
            rows.append((rid, "Q7", "Tevredenheid", "likert", float(csat), str(csat)))
            rows.append((rid, "Duration (in seconds)", "Duration", "numeric", float(rng.integers(60, 900)), "x"))
            rows.append((rid, "Q6", "Hoe verliep het bestellen?", "open", np.nan, OPEN[t]))
            docs.append({"doc_id": f"{rid}@Q6", "kind": "answer", "respondent_id": rid, "role": "participant",
                         "question_id": "Q6", "text": OPEN[t], "context": "Hoe verliep het bestellen?"})
            tags.append({"doc_id": f"{rid}@Q6", "pain_point": int(t == "price"), "need": int(t != "price"),
                         "sentiment": -0.5 if t == "price" else 0.3,
                         "phase": {"price": "purchase", "comfort": "use_evaluation", "green": "consideration"}[t],
                         "touchpoints": {"price": "checkout; payment_page", "comfort": "delivery",
                                         "green": "website"}[t]})
            resp.append({"respondent_id": rid, "source": "survey.csv", "participant_id": pd.NA})
    answers = schema.conform(pd.DataFrame(rows, columns=list(schema.ANSWERS)), schema.ANSWERS)
    respondents = schema.conform(pd.DataFrame(resp), schema.RESPONDENTS)
    respondents.loc[respondents["respondent_id"] == "R001", "participant_id"] = "P01"
    qs = answers.drop_duplicates("question_id")[["question_id", "question_text", "kind"]].copy()
    qs["scale_min"] = qs["kind"].map({"likert": 1.0, "nps": 0.0})
    qs["scale_max"] = qs["kind"].map({"likert": 5.0, "nps": 10.0})
    qs["metric"] = qs["question_id"].map({"Q2": "nps", "Q7": "csat"})
    qs["phase"] = qs["question_id"].map({"Q7": "purchase"})
    questions = schema.conform(qs, schema.QUESTIONS)
    # two interviews: P01 (linked to R001, a price type) and P02 (unlinked, talks like a green type)
    for pid, t, speaker in (("P01", "price", "Jan"), ("P02", "green", "Anouk")):
        for turn in range(4):
            sid = f"{pid}#{turn:03d}"
            role = "interviewer" if turn % 2 == 0 else "participant"
            text = "Hoe ging dat?" if role == "interviewer" else OPEN[t].replace("zegt Anouk", f"zegt {speaker}")
            docs.append({"doc_id": sid, "kind": "segment", "participant_id": pid, "role": role, "text": text,
                         "context": pd.NA})
            if role == "participant":
                tags.append({"doc_id": sid, "pain_point": int(t == "price"), "need": int(t != "price"),
                             "sentiment": 0.0, "phase": "consideration" if t == "green" else "purchase",
                             "touchpoints": "website" if t == "green" else "checkout"})
    documents = schema.conform(pd.DataFrame(docs), schema.DOCUMENTS)
    doc_tags = schema.conform(pd.DataFrame(tags), schema.DOC_TAGS)
    return {"answers": answers, "questions": questions, "respondents": respondents, "documents": documents,
            "doc_tags": doc_tags, "truth": pd.Series(truth), "phases": ["consideration", "purchase", "use_evaluation"],
            "language": "nl", "speaker_names": ["Jan", "Anouk"]}
