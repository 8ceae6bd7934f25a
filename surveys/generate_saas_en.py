"""Generate the survey of the English demo study ``surveys/saas-onboarding-en``.

The study is about onboarding at *Planwise*, an invented team-planning and scheduling tool for
small businesses, mapped on the ``retentie-5`` phase model (awareness, consideration, purchase,
retention, loyalty). This script writes a synthetic customer survey in the layout of a
SurveyMonkey XLSX export, so the workbench's SurveyMonkey reader has a realistic file to read:

* row 1: the metadata headers (Respondent ID, Collector ID, Start Date, End Date, IP Address,
  Email Address, First Name, Last Name, Custom Data 1), then one question text per question,
  with blank cells over the continuation columns of a multi-column question;
* row 2: blank under the metadata, then the sub-option of each column: ``Response`` for a
  single answer, ``Open-Ended Response`` for open text, the choice name for a multi-select
  (the cell holds the choice text when chosen, else it is empty) and the row label of a matrix;
* rows 3…: one respondent per row.

Three respondent types are planted: ``hands_on_owner`` (small teams, price-sensitive, does the
setup alone), ``ops_manager`` (mid-size, integration- and report-heavy) and
``reluctant_adopter`` (someone else chose the tool; low engagement). They differ clearly on the
six attitude statements and moderately on satisfaction, NPS, CES, features, company size and
seats. The truth goes to ``planted_types.csv`` so persona clustering can be checked against it.

Usage::

    /work/venv/bin/python surveys/generate_saas_en.py            # write the files
    /work/venv/bin/python surveys/generate_saas_en.py --check    # also run the KMeans check

Everything is deterministic for a given ``--seed`` (default 2026).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    tomllib = None

HERE = Path(__file__).resolve().parent
STUDY = HERE / "saas-onboarding-en"
OUT = STUDY / "survey"

TYPES = ("hands_on_owner", "ops_manager", "reluctant_adopter")
SHARES = (0.40, 0.35, 0.25)

META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
        "First Name", "Last Name", "Custom Data 1"]

SIZES = ["1-9 employees", "10-49 employees", "50-249 employees", "250 or more employees"]
ROLES = ["Owner / founder", "Operations manager", "Team lead", "HR / office manager",
         "Team member", "Other"]
HEARD = ["Search engine (e.g. Google)", "A colleague or friend", "Social media",
         "Online advertisement", "Review site (e.g. G2, Capterra)",
         "Someone at my company chose it", "Other"]
SAT_LABELS = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
              "Satisfied", "Very satisfied"]
AGREE5 = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
AGREE7 = ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
          "Somewhat agree", "Agree", "Strongly agree"]
PHASES = ("awareness", "consideration", "purchase", "retention", "loyalty")
SAT_ROWS = ["Finding out about Planwise", "Comparing plans and trying Planwise out",
            "Subscribing and paying", "Setting up and using Planwise day to day",
            "Renewing and staying with Planwise"]
FEATURES = ["Scheduling", "Time tracking", "Integrations", "Mobile app", "Reports"]
ATTITUDES = [
    "Price is the most important factor when we choose software.",
    "I prefer to set up new tools myself rather than ask for help.",
    "A planning tool must connect to the other systems we already use.",
    "Honestly, I would rather plan the way we did before Planwise.",
    "I like to try new features as soon as they come out.",
    "Detailed reports and data exports matter a lot to our team.",
]

# Per type: attitude means (1-5), satisfaction means per phase (1-5), NPS mean (0-10),
# CES mean (1-7), feature probabilities, and category weights.
PROFILE = {
    "hands_on_owner": dict(
        att=[4.5, 4.4, 2.2, 1.8, 4.1, 1.9], sat=[4.0, 3.4, 2.9, 3.9, 3.9], nps=8.4, ces=5.7,
        feat=[0.95, 0.55, 0.20, 0.80, 0.25], size=[0.60, 0.35, 0.05, 0.00],
        role=[0.80, 0.05, 0.08, 0.04, 0.00, 0.03], heard=[0.35, 0.30, 0.20, 0.10, 0.03, 0.00, 0.02],
        seats=(1.8, 0.5)),
    "ops_manager": dict(
        att=[2.3, 3.2, 4.6, 1.9, 3.3, 4.5], sat=[3.8, 4.0, 3.6, 3.1, 3.6], nps=7.4, ces=4.6,
        feat=[0.95, 0.75, 0.90, 0.55, 0.85], size=[0.02, 0.35, 0.50, 0.13],
        role=[0.08, 0.62, 0.12, 0.15, 0.00, 0.03], heard=[0.25, 0.15, 0.05, 0.05, 0.40, 0.05, 0.05],
        seats=(3.6, 0.6)),
    "reluctant_adopter": dict(
        att=[3.1, 1.8, 2.6, 4.3, 1.7, 2.4], sat=[3.0, 3.0, 3.2, 2.5, 2.6], nps=4.6, ces=3.2,
        feat=[0.85, 0.35, 0.10, 0.40, 0.10], size=[0.15, 0.45, 0.30, 0.10],
        role=[0.00, 0.05, 0.35, 0.15, 0.40, 0.05], heard=[0.05, 0.10, 0.02, 0.03, 0.02, 0.75, 0.03],
        seats=(2.6, 0.6)),
}

# Interviewees who also filled in the survey: participant id -> (type, forced attributes).
# The respondent ids printed by the script go into study.toml's [link] map.
LINKED = {
    "I01": ("ops_manager", {"size": "50-249 employees", "role": "Operations manager",
                            "heard": "Review site (e.g. G2, Capterra)", "seats": 85,
                            "sat": [4, 4, 3, 2, 4], "nps": 7, "ces": 3}),
    "I03": ("reluctant_adopter", {"size": "50-249 employees", "role": "Team lead",
                                  "heard": "Someone at my company chose it", "seats": 60,
                                  "sat": [3, 3, 3, 2, 2], "nps": 4, "ces": 3}),
    "I05": ("hands_on_owner", {"size": "10-49 employees", "role": "Owner / founder",
                               "heard": "A colleague or friend", "seats": 14,
                               "sat": [4, 3, 3, 4, 5], "nps": 9, "ces": 6}),
}

# ---------------------------------------------------------------------------------------------
# Open answers. One question per phase; an answer is a core sentence picked by the respondent's
# satisfaction with that phase (pos >= 4, neg <= 2, mix = 3) or by their type, sometimes followed
# by a second sentence. {alt} is filled with something they compared Planwise with.
OPEN_QUESTIONS = [
    "How did you first come across Planwise, and what made you take a closer look?",
    "What helped or got in the way when you compared Planwise with other options during the trial?",
    "Tell us about subscribing: choosing a plan and paying. What went well and what didn't?",
    "What has setting up and using Planwise been like for you and your team?",
    "What would make you renew Planwise, or recommend it to someone else?",
]
ALTS = ["spreadsheets", "our old Excel rota", "Google Sheets", "a whiteboard in the office",
        "Rosterly", "TeamGrid", "the planning module in our payroll software", "paper schedules"]
POOLS: dict[str, dict[str, list[str]]] = {
    "awareness": {
        "pos": ["A friend who runs a cafe recommended it and honestly that was enough to try it.",
                "I saw an ad on LinkedIn that showed a drag-and-drop rota, which was exactly our problem.",
                "Found it on Google when I searched for a simple staff scheduling app. The homepage was clear.",
                "Came across a review on Capterra, lots of small businesses like ours, so it felt relevant.",
                "A colleague at my previous job used it and kept talking about it."],
        "neg": ["The ads kept following me around for weeks, it felt a bit pushy.",
                "I only heard about it because my manager sent a link. Nobody explained why we needed it.",
                "The website talked a lot about 'teams' but it wasn't clear if it worked for shift work.",
                "Honestly I don't remember, it just appeared one day as our new tool."],
        "mix": ["Saw it in a podcast ad, it sounded fine but I didn't really know what it did until later.",
                "Heard about it from another owner in a Facebook group, then forgot about it for a month.",
                "Google search, it was one of many planning tools, nothing special at first sight.",
                "Our accountant mentioned it. The website looked nice but a bit vague."],
        "hands_on_owner": ["I was looking for something cheaper than {alt} that I could set up myself.",
                           "We just needed a rota the staff could see on their phones.",
                           "I searched for 'free scheduling app small business' late one evening."],
        "ops_manager": ["We were outgrowing {alt} and I was looking for a tool with a proper API.",
                        "I compared a shortlist from G2 and Planwise had good reviews on integrations.",
                        "Our IT person asked us to find a planner that supports single sign-on."],
        "reluctant_adopter": ["Management picked it, I got an invite e-mail and that was it.",
                              "I didn't look for it, it was chosen for us.",
                              "HR told us in a meeting that we would switch from {alt}."],
    },
    "consideration": {
        "pos": ["The free trial was long enough to plan two real weeks, that convinced me.",
                "The demo video showed exactly how shift swaps work, very helpful.",
                "Reviews from similar businesses helped, and the comparison page was honest.",
                "Sales answered my questions in the chat within minutes during the trial."],
        "neg": ["The pricing page was confusing, I couldn't work out what the Team plan includes.",
                "The trial ended before I had imported our staff, so I couldn't really compare.",
                "Per-seat pricing made it hard to compare with {alt}, which is a flat fee.",
                "I wish the trial had sample data, an empty calendar tells you nothing."],
        "mix": ["It looked better than {alt} but the difference between plans wasn't clear.",
                "Trial was ok. I had to google a lot because the help centre articles were short.",
                "We compared three tools. Planwise was easiest, but not the cheapest.",
                "Good trial, but the sales follow-up e-mails started on day two, a bit much."],
        "hands_on_owner": ["I tried it on my own on a Sunday and had a rota within an hour.",
                           "Price per user was the main thing I compared, and it adds up quickly.",
                           "I needed to know if my staff could use it without training."],
        "ops_manager": ["We checked the API docs, the payroll integration and SSO before anything else.",
                        "I needed a reference customer of our size, which took a while to get.",
                        "The security whitepaper was helpful for our IT review."],
        "reluctant_adopter": ["I wasn't part of the trial so I can't really say.",
                              "I would have liked to be asked before they chose it.",
                              "Somebody else compared the tools, I just got the result."],
    },
    "purchase": {
        "pos": ["Paying by credit card took two minutes, no problems at all.",
                "Choosing a plan was simple once I talked to someone in the chat.",
                "The invoice had everything our bookkeeper needed.",
                "Upgrading from the trial kept all our data, which was a relief."],
        "neg": ["We needed to pay by invoice and that was only possible on the yearly plan, annoying.",
                "The checkout asked for the number of seats before I knew how many we needed.",
                "Per-seat pricing punishes us for having many part-timers.",
                "VAT was not shown until the last step, that felt sneaky."],
        "mix": ["Fine in the end, but I needed to e-mail support to change the billing address.",
                "The plan names are confusing, Team vs Business, I still don't know the difference.",
                "Credit card worked, but the receipt went to the wrong e-mail address.",
                "It was ok. A discount for small teams would be great."],
        "hands_on_owner": ["I chose the cheapest plan and added seats one by one as people started.",
                           "Honestly the price per seat was the hardest part of the decision.",
                           "I paid with my own card and sorted it out with the business later."],
        "ops_manager": ["Procurement needed a quote and a DPA, that took three weeks.",
                        "We needed invoice payment and a PO number on the invoice.",
                        "The yearly plan was fine but the seat minimum was higher than we wanted."],
        "reluctant_adopter": ["No idea, the company pays for it.",
                              "I wasn't involved in the purchase.",
                              "Somebody in finance handled that part."],
    },
    "retention": {
        "pos": ["Setup was quick and the staff picked up the mobile app without any help.",
                "The in-app chat is great, real people who answer fast.",
                "The onboarding webinar saved me hours, I recommend it to every new admin.",
                "Inviting colleagues was easy, they just clicked the link in the e-mail.",
                "Time tracking replaced two other tools for us."],
        "neg": ["The CSV import kept failing on our date format and the error message didn't help.",
                "Setting up SSO took weeks, support kept sending the same help centre article.",
                "Too many onboarding e-mails, I unsubscribed after the fifth one.",
                "Support tickets take two or three days, that's too slow when the rota is wrong.",
                "The integration with our payroll software breaks every few weeks."],
        "mix": ["It works, but getting everyone to actually use it was harder than the setup.",
                "The help centre is fine for basics but not for anything advanced.",
                "The app is good, the desktop version is a bit cluttered.",
                "Importing our staff list took three attempts, after that it was fine."],
        "hands_on_owner": ["I set everything up myself in an evening, that's how I like it.",
                           "I watched a couple of the how-to videos and figured the rest out.",
                           "I wish I could copy last month's schedule with one click."],
        "ops_manager": ["We connected payroll and HR, which took a while but now saves a lot of time.",
                        "We needed custom reports per location and the export is too basic.",
                        "The API is good, but the webhook documentation is incomplete."],
        "reluctant_adopter": ["I only open it to check my shifts, I don't use anything else.",
                              "It's one more app on my phone, honestly I preferred the paper schedule.",
                              "Nobody showed us how it works, we just got an invite.",
                              "The notifications are too much, I turned them off."],
    },
    "loyalty": {
        "pos": ["I already recommended it to two other business owners.",
                "We will renew for sure, it saves me hours every week.",
                "Keep it simple like it is now and I'll stay.",
                "I wrote a review on Capterra because I was so happy with the support."],
        "neg": ["If the price goes up again we will look for something else.",
                "I wouldn't recommend it to a bigger company until SSO and reports are better.",
                "We're thinking about switching back to {alt}, to be honest.",
                "Not sure we will renew, the team doesn't really use it."],
        "mix": ["Probably renew, but a loyalty discount would help.",
                "I'd recommend it to small teams, not to a company like ours.",
                "It depends on the new pricing, we'll see at renewal.",
                "Fix the import and the reports and I'd recommend it."],
        "hands_on_owner": ["A cheaper plan for teams under ten people would make me a fan for life.",
                           "I'd recommend it to friends who run a small shop.",
                           "If it stays this easy I'll keep using it."],
        "ops_manager": ["Better reporting and an SSO that just works would make renewal an easy yes.",
                        "We need a dedicated account manager at our size.",
                        "A roadmap we can see would help us commit for another year."],
        "reluctant_adopter": ["I wouldn't recommend it, but I wouldn't warn anyone either.",
                              "Depends what management decides.",
                              "Maybe if it was less complicated."],
    },
}
EXTRA = ["Overall it's fine.", "Otherwise no complaints.", "That's about it.",
         "Just my two cents.", "I hope that helps.", "Would be great if this improved.",
         "It's not a big deal but it was frustrating.", "Really happy with that part."]


def open_answer(rng: np.random.Generator, phase: str, kind: str, sat: int | None,
                nps: int) -> str:
    """One open answer for ``phase`` by a respondent of ``kind`` with satisfaction ``sat``."""
    pools = POOLS[phase]
    mood = "mix" if sat is None or sat == 3 else ("pos" if sat >= 4 else "neg")
    if phase == "loyalty":
        mood = "pos" if nps >= 9 else ("neg" if nps <= 6 else "mix")
    first = kind if rng.random() < 0.5 else mood
    parts = [str(rng.choice(pools[first]))]
    if rng.random() < 0.35:
        other = mood if first == kind else kind
        second = str(rng.choice(pools[other]))
        if second != parts[0]:
            parts.append(second)
    elif rng.random() < 0.15:
        parts.append(str(rng.choice(EXTRA)))
    answer = " ".join(parts).replace("{alt}", str(rng.choice(ALTS)))
    if rng.random() < 0.12:
        answer = answer[0].lower() + answer[1:]
    if rng.random() < 0.15:
        answer = answer.rstrip(".")
    return answer


LINKED_ANSWERS = {
    "I01": [None,
            "We checked SSO, the payroll integration and the API first. Reviews on G2 got us started.",
            "Procurement wanted invoice payment with a PO number, which took longer than it should.",
            "Setting up SSO with our identity provider took almost three weeks, the help article was "
            "outdated. Once it worked, the payroll sync saved my planners hours.",
            "Better reports per warehouse and I'd recommend it without hesitation."],
    "I03": ["My manager chose it, I got an invite e-mail on a Monday morning.",
            None,
            None,
            "Too many notifications and onboarding e-mails. I mostly check my team's shifts and that's it.",
            "Not sure. It's ok, but honestly the old spreadsheet was easier for my team."],
    "I05": ["Another owner in my business network recommended it.",
            "The trial was good, the pricing page was confusing though, per seat adds up.",
            "Credit card payment was quick. I wish there was a cheaper plan for small teams.",
            "I did the whole setup myself in an evening, apart from the CSV import that kept failing "
            "on the phone numbers.",
            "I already told two friends about it."],
}


def linked_answers(pid: str) -> list[str | None]:
    """The open answers of an interviewee's survey row, in line with what they said."""
    return list(LINKED_ANSWERS[pid])


def _likert(rng: np.random.Generator, mean: float, sd: float, lo: int, hi: int) -> int:
    return int(np.clip(np.rint(rng.normal(mean, sd)), lo, hi))


def simulate(n: int = 160, seed: int = 2026) -> list[dict]:
    """Simulate ``n`` respondents; each is a dict of raw answers plus its planted type."""
    rng = np.random.default_rng(seed)
    counts = np.floor(np.array(SHARES) * n).astype(int)
    counts[0] += n - counts.sum()
    kinds = np.repeat(np.arange(len(TYPES)), counts)
    rng.shuffle(kinds)
    start0 = dt.datetime(2026, 2, 9, 8, 0)
    rid = 114_903_000_000 + int(rng.integers(0, 900_000))
    people = []
    for k in kinds:
        t = TYPES[k]
        p = PROFILE[t]
        mood = rng.normal(0, 0.35)  # a person's general mood shifts every score a little
        rid += int(rng.integers(40, 4000))
        start = start0 + dt.timedelta(minutes=int(rng.integers(0, 60 * 24 * 30)))
        r = {
            "id": rid, "type": t,
            "collector": 431_877_215 if rng.random() < 0.7 else 431_877_602,  # web link / e-mail
            "start": start,
            "end": start + dt.timedelta(seconds=int(rng.gamma(4.0, 110.0)) + 150),
            "ip": f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.integers(1, 255)}",
            "size": rng.choice(SIZES, p=p["size"]),
            "role": rng.choice(ROLES, p=p["role"]),
            "heard": rng.choice(HEARD, p=p["heard"]),
            "seats": max(1, int(np.rint(rng.lognormal(*p["seats"])))),
            "att": [_likert(rng, m, 0.75, 1, 5) for m in p["att"]],
            "sat": [_likert(rng, m + mood, 0.8, 1, 5) for m in p["sat"]],
            "nps": _likert(rng, p["nps"] + 1.5 * mood, 1.5, 0, 10),
            "ces": _likert(rng, p["ces"] + mood, 1.0, 1, 7),
            "feat": [rng.random() < q for q in p["feat"]],
        }
        if not any(r["feat"]):
            r["feat"][0] = True
        # Realistic gaps: a few skipped items (never the whole block).
        for key in ("sat", "att"):
            for j in range(len(r[key])):
                if rng.random() < 0.02:
                    r[key][j] = None
        if rng.random() < 0.03:
            r["seats"] = None
        r["open"] = [open_answer(rng, phase, t, r["sat"][j], r["nps"])
                     if rng.random() < 0.5 else None for j, phase in enumerate(PHASES)]
        people.append(r)
    _link(people)
    return people


def _link(people: list[dict]) -> None:
    """Give each interviewee a survey row of the right type with the interview's facts.

    The (5n)-th complete respondent of the type is taken (n = 1, 2, 3 for the interviewees in
    order), so the linked rows sit in the file among the others rather than at the top.
    """
    for n, (pid, (t, facts)) in enumerate(LINKED.items(), start=1):
        done = [r for r in people if r["type"] == t and None not in r["att"]]
        r = done[min(5 * n, len(done) - 1)]
        r.update(facts)
        r["custom"] = pid  # the invitation link carried the interview id as custom data
        r["open"] = linked_answers(pid)


def columns() -> tuple[list, list]:
    """The two header rows of the export."""
    row1, row2 = list(META), [None] * len(META)

    def q(textline: str, subs: list[str]) -> None:
        row1.extend([textline] + [None] * (len(subs) - 1))
        row2.extend(subs)

    q("How many people work at your company?", ["Response"])
    q("What is your role?", ["Response"])
    q("How did you first hear about Planwise?", ["Response"])
    q("How many seats (user licences) does your Planwise subscription include?", ["Response"])
    q("How satisfied are you with each stage of your experience with Planwise?", SAT_ROWS)
    q("How likely is it that you would recommend Planwise to a friend or colleague?",
      ["Response"])
    q("Planwise made it easy for me to get my team set up.", ["Response"])
    q("Which Planwise features does your team use? (Select all that apply)", FEATURES)
    q("How much do you agree with the following statements?", ATTITUDES)
    for question in OPEN_QUESTIONS:
        q(question, ["Open-Ended Response"])
    return row1, row2


def row(r: dict) -> list:
    """One respondent as a row of cells, in the order of :func:`columns`."""
    def lab(labels: list[str], v: int | None) -> str | None:
        return None if v is None else labels[v - 1]

    return [
        r["id"], r["collector"], r["start"], r["end"], r["ip"], None, None, None,
        r.get("custom"),
        r["size"], r["role"], r["heard"], r["seats"],
        *[lab(SAT_LABELS, v) for v in r["sat"]],
        r["nps"], lab(AGREE7, r["ces"]),
        *[f if on else None for f, on in zip(FEATURES, r["feat"], strict=True)],
        *[lab(AGREE5, v) for v in r["att"]],
        *r["open"],
    ]


def write(people: list[dict], out: Path = OUT) -> None:
    """Write ``surveymonkey_export.xlsx`` and ``planted_types.csv`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet"
    row1, row2 = columns()
    ws.append(row1)
    ws.append(row2)
    for r in people:
        ws.append(row(r))
    for col in ("C", "D"):
        for cell in ws[col][2:]:
            cell.number_format = "mm/dd/yyyy hh:mm:ss AM/PM"
    wb.properties.creator = "SurveyMonkey"
    wb.properties.created = EXPORTED
    wb.save(out / "surveymonkey_export.xlsx")
    _freeze(out / "surveymonkey_export.xlsx")
    with open(out / "planted_types.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["respondent_id", "type"])
        w.writerows([str(r["id"]), r["type"]] for r in people)


EXPORTED = dt.datetime(2026, 3, 16, 9, 0)


def _freeze(path: Path) -> None:
    """Make the XLSX byte-identical across runs: fixed zip entry times and modified date.

    openpyxl stamps the save time into ``docProps/core.xml`` and into every zip entry, so a
    regenerated file would always differ from the committed one.
    """
    with zipfile.ZipFile(path) as zf:
        entries = [(info.filename, zf.read(info)) for info in zf.infolist()]
    stamp = EXPORTED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            zf.writestr(zipfile.ZipInfo(name, date_time=EXPORTED.timetuple()[:6]), data,
                        compress_type=zipfile.ZIP_DEFLATED)


def numeric_matrix(people: list[dict]) -> np.ndarray:
    """Attitudes + satisfaction + NPS + CES as numbers; gaps filled with the column mean."""
    x = np.array([[np.nan if v is None else v for v in r["att"] + r["sat"] + [r["nps"], r["ces"]]]
                  for r in people], dtype=float)
    return np.where(np.isnan(x), np.nanmean(x, axis=0), x)


def check(people: list[dict], seed: int = 0) -> dict:
    """KMeans on standardized numeric answers: k by silhouette (2..8) and ARI with the truth."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, silhouette_score
    from sklearn.preprocessing import StandardScaler

    x = StandardScaler().fit_transform(numeric_matrix(people))
    truth = [r["type"] for r in people]
    sil = {}
    labels = {}
    for k in range(2, 9):
        labels[k] = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
        sil[k] = float(silhouette_score(x, labels[k]))
    best = max(sil, key=sil.get)
    return {"silhouette": sil, "best_k": best,
            "ari_best": float(adjusted_rand_score(truth, labels[best])),
            "ari_k3": float(adjusted_rand_score(truth, labels[3]))}


def linked_ids(people: list[dict]) -> dict[str, str]:
    """Participant id -> respondent id of the interviewees' survey rows."""
    return dict(sorted((r["custom"], str(r["id"])) for r in people if r.get("custom")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=160, help="number of respondents (default 160)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder")
    ap.add_argument("--check", action="store_true", help="run the KMeans recovery check")
    args = ap.parse_args(argv)
    people = simulate(args.n, args.seed)
    write(people, args.out)
    links = linked_ids(people)
    print(f"wrote {len(people)} respondents to {args.out}")
    print("link map:", ", ".join(f'{k} = "{v}"' for k, v in links.items()))
    toml = STUDY / "study.toml"
    if toml.exists() and tomllib is not None:
        configured = tomllib.loads(toml.read_text("utf-8")).get("link", {}).get("map", {})
        if configured != links:
            print(f"WARNING: study.toml [link] map {configured} differs from {links}")
    if args.check:
        res = check(people)
        sil = ", ".join(f"k={k}: {v:.3f}" for k, v in res["silhouette"].items())
        print(f"silhouette {sil}")
        print(f"best k = {res['best_k']}, ARI(best k) = {res['ari_best']:.3f}, "
              f"ARI(k=3) = {res['ari_k3']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
