"""Generate the survey files of the Dutch demo study ``surveys/webshop-nl``.

Run ``python surveys/generate_surveys.py`` (optionally ``--seed``, ``--n``, ``--check``) to write

* ``surveys/webshop-nl/survey/qualtrics_export.csv`` -- a Qualtrics "choice text" CSV export
  (UTF-8 with BOM, comma-delimited, three header rows: question ids, question texts and the
  ``{"ImportId": ...}`` JSON row) of a satisfaction survey among customers of *Woonhuis.nl*, a
  fictitious Dutch online home & living shop;
* ``surveys/webshop-nl/survey/planted_types.csv`` -- the planted truth (``respondent_id, type``).

The output is fully determined by the seed (``numpy.random.default_rng(seed)``).

Planted respondent types
------------------------
Every respondent is drawn from one of four types, in fixed proportions (counts are exact):

===================  =====  ==============================================================
type                 share  high (agree) on the attitude items (Q9_x)
===================  =====  ==============================================================
``prijsjager``       30 %   Q9_1 "laagste prijs", Q9_2 "wacht op kortingsacties"
``gemaksshopper``    25 %   Q9_3 "snelle levering belangrijker dan prijs", Q9_4 "min. moeite"
``vergelijker``      25 %   Q9_5 "veel reviews vergelijken", Q9_6 "specificaties/afmetingen"
``duurzame_koper``   20 %   Q9_7 "duurzaamheid weegt zwaar", Q9_8 "meer betalen tweedehands"
===================  =====  ==============================================================

Each type has a latent mean per attitude item (about 4.5 on its own two items, 1.7-2.7 on the
others, see ``ATTITUDE_MEANS``); a respondent's answer is ``mean + N(0, 0.7)``, rounded and
clipped to 1..5. The types also differ, more moderately, on satisfaction per phase (Q5_1..Q5_5,
1..5, sd 0.8), NPS (Q6, 0..10, sd 1.8), CES (Q7, 1..7, sd 1.1), channels used (Q8), age band (Q1),
household (Q3), purchase frequency (Q4), the open answers (Q10_x, drawn from a per-type pool) and
the amount spent (Q11, log-normal per type).

A k-means on the standardised numeric answers (Q9_1..Q9_8, Q5_1..Q5_5, Q6, Q7) of the completed
responses should choose k = 4 by silhouette and recover the types with an adjusted Rand index of
at least 0.85; ``--check`` prints these figures.

Twelve respondents carry an ``interview_id`` (P01..P12): the interviewees of the study, with the
type of the person in the transcript; all their answers (demographics, satisfaction, NPS, CES,
channels, attitudes, open answers, spend) are taken from the interview
(``webshop-nl/generator/interviewees.toml``). About 4 % of the
responses are incomplete (``Finished = False``, ``Progress < 100``, later answers empty); most of
those broke off in the open questions, a few (3) before the attitude block.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
STUDY = HERE / "webshop-nl"
OPEN_POOL = STUDY / "generator" / "open_answers.toml"
INTERVIEWEES = STUDY / "generator" / "interviewees.toml"
SLOTS = ("product", "carrier", "days", "late", "pct", "small", "many", "few")  # lists in [general]

DEFAULT_SEED = 20260312
DEFAULT_N = 340

TYPES = ("prijsjager", "gemaksshopper", "vergelijker", "duurzame_koper")
SHARES = (0.30, 0.25, 0.25, 0.20)

AGE = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDER = ("Vrouw", "Man", "Anders/zeg ik liever niet")
HOUSEHOLD = (
    "Alleenwonend",
    "Met partner zonder kinderen",
    "Met partner en kinderen",
    "Alleenstaande ouder",
    "Met huisgenoten of ouders",
)
FREQUENCY = (
    "Minder dan één keer per jaar",
    "Eén keer per jaar",
    "2 tot 4 keer per jaar",
    "Elke maand of vaker",
)
SATISFACTION = ("Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden")
AGREE5 = ("Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens")
AGREE7 = (
    "Helemaal mee oneens",
    "Mee oneens",
    "Enigszins mee oneens",
    "Neutraal",
    "Enigszins mee eens",
    "Mee eens",
    "Helemaal mee eens",
)
CHANNELS = (
    "Instagram",
    "Google",
    "Pinterest",
    "Nieuwsbrief",
    "Vergelijkingssite",
    "Fysieke winkel",
    "WhatsApp-chat",
    "Telefoon",
)
PHASE_ASPECTS = (  # Q5_1..Q5_5, one per phase of klassiek-5
    "De manier waarop u Woonhuis.nl leerde kennen",
    "De informatie op de website (foto's, afmetingen, reviews)",
    "Prijs, levertijd en retourvoorwaarden bij het kiezen",
    "Het bestellen en afrekenen",
    "De levering, het product en de service daarna",
)
PHASES = ("awareness", "consideration", "decision", "purchase", "use_evaluation")
ATTITUDES = (
    "Ik zoek altijd naar de laagste prijs",
    "Ik wacht op kortingsacties",
    "Snelle levering vind ik belangrijker dan de prijs",
    "Ik wil zo min mogelijk moeite doen bij het bestellen",
    "Ik vergelijk veel reviews voordat ik iets koop",
    "Ik wil alle specificaties en afmetingen precies weten",
    "Duurzaamheid weegt zwaar mee in mijn keuze",
    "Ik betaal graag meer voor tweedehands of eerlijk geproduceerde producten",
)
OPEN_QUESTIONS = (
    "Wat viel u op toen u Woonhuis voor het eerst tegenkwam?",
    "Hoe heeft u de producten bekeken en vergeleken? Wat miste u?",
    "Wat gaf uiteindelijk de doorslag om bij Woonhuis te kopen?",
    "Hoe verliep het bestellen en betalen?",
    "Hoe ging de levering en het gebruik?",
)

# Latent means per type (rows in TYPES order).
ATTITUDE_MEANS = np.array(
    [
        [4.5, 4.5, 1.9, 2.5, 2.6, 2.3, 2.0, 1.7],
        [2.2, 2.1, 4.5, 4.6, 2.0, 2.1, 2.3, 2.2],
        [2.6, 2.5, 2.2, 1.8, 4.6, 4.5, 2.4, 2.3],
        [1.9, 2.2, 2.0, 2.4, 2.7, 2.7, 4.6, 4.5],
    ]
)
SATISFACTION_MEANS = np.array(  # awareness, consideration, decision, purchase, use_evaluation
    [
        [4.0, 3.6, 3.0, 2.5, 3.5],  # prijsjager: kortingscode en verzendkosten bij afrekenen
        [3.5, 3.9, 4.1, 3.2, 3.0],  # gemaksshopper: verplicht account, bezorgmoment
        [3.2, 2.7, 3.9, 4.1, 4.1],  # vergelijker: afmetingen/specificaties ontbreken
        [3.8, 2.6, 3.2, 4.0, 2.8],  # duurzame koper: herkomst onduidelijk, verpakking
    ]
)
NPS_MEANS = np.array([5.8, 8.0, 7.6, 5.6])
CES_MEANS = np.array([3.9, 5.9, 5.4, 5.0])
AGE_P = np.array(
    [
        [0.30, 0.38, 0.16, 0.09, 0.05, 0.02],
        [0.04, 0.20, 0.34, 0.27, 0.11, 0.04],
        [0.04, 0.14, 0.22, 0.24, 0.22, 0.14],
        [0.12, 0.38, 0.26, 0.12, 0.08, 0.04],
    ]
)
GENDER_P = np.array([[0.56, 0.41, 0.03], [0.50, 0.48, 0.02], [0.55, 0.43, 0.02], [0.66, 0.30, 0.04]])
HOUSEHOLD_P = np.array(
    [
        [0.32, 0.22, 0.14, 0.08, 0.24],
        [0.12, 0.24, 0.48, 0.12, 0.04],
        [0.22, 0.38, 0.28, 0.06, 0.06],
        [0.26, 0.36, 0.22, 0.06, 0.10],
    ]
)
FREQUENCY_P = np.array(
    [[0.16, 0.30, 0.40, 0.14], [0.08, 0.22, 0.46, 0.24], [0.30, 0.38, 0.26, 0.06], [0.24, 0.40, 0.30, 0.06]]
)
CHANNEL_P = np.array(  # per type, probability of ticking each of CHANNELS
    [
        [0.62, 0.70, 0.20, 0.58, 0.55, 0.08, 0.12, 0.04],
        [0.30, 0.78, 0.10, 0.30, 0.10, 0.10, 0.48, 0.22],
        [0.18, 0.82, 0.26, 0.16, 0.62, 0.38, 0.30, 0.20],
        [0.50, 0.52, 0.60, 0.36, 0.12, 0.24, 0.26, 0.06],
    ]
)
# Relative weight of each hour of the day (0..23) for the start of a response.
HOUR_WEIGHTS = np.array([2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 4, 6, 7, 7, 7, 9, 8, 7, 7, 7, 8, 9, 11, 12, 11, 8, 4])
SPEND_MEDIAN = np.array([85.0, 175.0, 420.0, 260.0])  # euros, log-normal with sigma 0.6

META = (
    ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/Amsterdam"}),
    ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/Amsterdam"}),
    ("Status", "Response Type", {"ImportId": "status"}),
    ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
    ("Progress", "Progress", {"ImportId": "progress"}),
    ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
    ("Finished", "Finished", {"ImportId": "finished"}),
    ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate", "timeZone": "Europe/Amsterdam"}),
    ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
    ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
    ("UserLanguage", "User Language", {"ImportId": "userLanguage"}),
    ("interview_id", "interview_id", {"ImportId": "interview_id"}),
)


def question_columns() -> list[tuple[str, str, dict[str, str]]]:
    """Return ``(id, text, import_id)`` for every question column, in export order."""
    cols = [
        ("Q1", "Wat is uw leeftijd?", {"ImportId": "QID1"}),
        ("Q2", "Wat is uw geslacht?", {"ImportId": "QID2"}),
        ("Q3", "Wat is uw huishoudsituatie?", {"ImportId": "QID3"}),
        ("Q4", "Hoe vaak koopt u online meubels of woonaccessoires?", {"ImportId": "QID4"}),
    ]
    stem = "Hoe tevreden bent u over Woonhuis.nl op de volgende punten?"
    cols += [(f"Q5_{i}", f"{stem} - {a}", {"ImportId": f"QID5_{i}"}) for i, a in enumerate(PHASE_ASPECTS, 1)]
    cols += [
        (
            "Q6",
            "Hoe waarschijnlijk is het dat u Woonhuis zou aanbevelen aan vrienden of familie?",
            {"ImportId": "QID6"},
        ),
        ("Q7", "Woonhuis maakte het mij makkelijk om mijn bestelling te plaatsen.", {"ImportId": "QID7"}),
        (
            "Q8",
            "Welke kanalen heeft u gebruikt rond uw aankoop bij Woonhuis? (meerdere antwoorden mogelijk) - Selected Choice",
            {"ImportId": "QID8"},
        ),
    ]
    stem = "In hoeverre bent u het eens met de volgende uitspraken?"
    cols += [(f"Q9_{i}", f"{stem} - {a}", {"ImportId": f"QID9_{i}"}) for i, a in enumerate(ATTITUDES, 1)]
    stem = "Vertel in uw eigen woorden over uw ervaring met Woonhuis."
    cols += [
        (f"Q10_{i}", f"{stem} - {q}", {"ImportId": f"QID10_{i}"}) for i, q in enumerate(OPEN_QUESTIONS, 1)
    ]
    cols.append(
        (
            "Q11",
            "Hoeveel euro heeft u bij uw laatste bestelling bij Woonhuis ongeveer uitgegeven?",
            {"ImportId": "QID11_TEXT"},
        )
    )
    return cols


# Export order of the question blocks, and the Progress (%) reached after each block.
BLOCKS = (("Q1", "Q4", 25), ("Q5", "Q5", 38), ("Q6", "Q7", 50), ("Q8", "Q8", 56), ("Q9", "Q9", 69))


def _likert(rng: np.random.Generator, mean: float, sd: float, lo: int, hi: int) -> int:
    return int(np.clip(np.rint(mean + rng.normal(0.0, sd)), lo, hi))


def _response_id(rng: np.random.Generator) -> str:
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "R_" + "".join(alphabet[i] for i in rng.integers(0, len(alphabet), 15))


def _open_answer(rng: np.random.Generator, pool: dict, kind: str, phase: str) -> str:
    """Compose an open answer from the type x phase pool: one or two sentences, slots filled in
    (``{product}``, ``{carrier}``, ...), sometimes with an opener, a closer or sloppy typing."""
    general = pool["general"]
    core = pool[kind][phase]
    n = 2 if rng.random() < 0.45 else 1
    parts = [str(s) for s in rng.choice(core, size=n, replace=False)]
    if rng.random() < 0.3:
        opener = str(rng.choice(general["openers"]))
        parts[0] = opener + " " + parts[0][0].lower() + parts[0][1:]
    if rng.random() < 0.2:
        parts.append(str(rng.choice(general["closers"])))
    text = " ".join(parts)
    slots = {key: str(rng.choice(general[key])) for key in SLOTS}
    text = text.format(**slots)
    roll = rng.random()
    if roll < 0.10:  # people who type in lower case and skip the final full stop
        text = text.lower().rstrip(".")
    elif roll < 0.16:
        text = text.rstrip(".") + "!"
    elif roll < 0.22:
        text = text.replace(". ", ", ", 1)
    return text


def _interviewee_answers(person: dict) -> dict[str, str]:
    """The survey answers an interviewee gave, as written in ``interviewees.toml``."""
    ans = {f"Q{k}": str(person[f"q{k}"]) for k in (1, 2, 3, 4, 11)}
    ans.update({f"Q5_{k + 1}": SATISFACTION[v - 1] for k, v in enumerate(person["q5"])})
    ans.update({f"Q9_{k + 1}": AGREE5[v - 1] for k, v in enumerate(person["q9"])})
    ans.update({f"Q10_{k + 1}": str(v) for k, v in enumerate(person["q10"])})
    ans["Q6"] = str(person["q6"])
    ans["Q7"] = AGREE7[person["q7"] - 1]
    ans["Q8"] = ",".join(c for c in CHANNELS if c in person["q8"])
    return ans


def generate(seed: int = DEFAULT_SEED, n: int = DEFAULT_N) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Build the export rows (three header rows first) and the planted ``(respondent_id, type)``.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives byte-identical files.
    n : int
        Number of respondents (at least 40, so every type has its interviewees).

    Returns
    -------
    rows, truth
        ``rows``: list of CSV rows (strings); ``truth``: planted type per respondent id.
    """
    if n < 40:
        raise ValueError("n must be at least 40")
    rng = np.random.default_rng(seed)
    pool = tomllib.loads(OPEN_POOL.read_text(encoding="utf-8"))
    interviewees = tomllib.loads(INTERVIEWEES.read_text(encoding="utf-8"))
    qcols = question_columns()
    header = [m[0] for m in META] + [q[0] for q in qcols]
    texts = [m[1] for m in META] + [q[1] for q in qcols]
    imports = [json.dumps(m[2], separators=(",", ":")) for m in META]
    imports += [json.dumps(q[2], separators=(",", ":")) for q in qcols]

    counts = [int(round(s * n)) for s in SHARES]
    counts[0] += n - sum(counts)
    kinds = np.repeat(np.arange(len(TYPES)), counts)
    rng.shuffle(kinds)
    # Interviewees: the first free respondent of the right type gets the interview id.
    linked: dict[int, str] = {}
    for pid, person in interviewees.items():
        t = TYPES.index(person["type"])
        idx = next(i for i in range(5, n) if kinds[i] == t and i not in linked)
        linked[idx] = pid
    # Incomplete responses: broke off after block index `stop` (None = complete).
    stops: dict[int, int] = {}
    candidates = [i for i in range(n) if i not in linked]
    for i in rng.choice(candidates, size=max(3, round(0.04 * n)), replace=False)[:3]:
        stops[int(i)] = int(rng.integers(1, 3))  # before the attitude block
    for i in rng.choice(
        [c for c in candidates if c not in stops], size=max(3, round(0.04 * n)) - 3, replace=False
    ):
        stops[int(i)] = 5  # in the open questions

    start0 = datetime(2026, 3, 2)
    hour_p = HOUR_WEIGHTS / HOUR_WEIGHTS.sum()
    people = []
    for i in range(n):
        t = int(kinds[i])
        day = int(rng.integers(0, 19))
        hour = int(rng.choice(24, p=hour_p))
        start = start0 + timedelta(days=day, hours=hour, seconds=int(rng.integers(0, 3600)))
        people.append((start, i, t))
    people.sort()

    rows: list[list[str]] = [header, texts, imports]
    truth: list[tuple[str, str]] = []
    for start, i, t in people:
        rid = _response_id(rng)
        truth.append((rid, TYPES[t]))
        ans: dict[str, str] = {}
        ans["Q1"] = str(rng.choice(AGE, p=AGE_P[t]))
        ans["Q2"] = str(rng.choice(GENDER, p=GENDER_P[t]))
        ans["Q3"] = str(rng.choice(HOUSEHOLD, p=HOUSEHOLD_P[t]))
        ans["Q4"] = str(rng.choice(FREQUENCY, p=FREQUENCY_P[t]))
        for k in range(5):
            ans[f"Q5_{k + 1}"] = SATISFACTION[_likert(rng, SATISFACTION_MEANS[t, k], 0.8, 1, 5) - 1]
        ans["Q6"] = str(_likert(rng, NPS_MEANS[t], 1.8, 0, 10))
        ans["Q7"] = AGREE7[_likert(rng, CES_MEANS[t], 1.1, 1, 7) - 1]
        ticked = [c for c, p in zip(CHANNELS, CHANNEL_P[t], strict=True) if rng.random() < p]
        if not ticked:
            ticked = ["Google"]
        ans["Q8"] = ",".join(ticked)
        for k in range(8):
            ans[f"Q9_{k + 1}"] = AGREE5[_likert(rng, ATTITUDE_MEANS[t, k], 0.7, 1, 5) - 1]
        openness = rng.uniform(0.25, 0.85)
        for k, phase in enumerate(PHASES):
            ans[f"Q10_{k + 1}"] = _open_answer(rng, pool, TYPES[t], phase) if rng.random() < openness else ""
        spend = SPEND_MEDIAN[t] * math.exp(rng.normal(0.0, 0.6))
        ans["Q11"] = f"{spend:.2f}" if rng.random() < 0.35 else str(int(round(spend / 5.0) * 5))
        pid = linked.get(i, "")
        if pid:
            ans.update(_interviewee_answers(interviewees[pid]))

        stop = stops.get(i)
        progress = 100
        if stop is not None:
            keep_upto = BLOCKS[stop - 1][1] if stop <= len(BLOCKS) else "Q9"
            order = [q[0] for q in qcols]
            last = max(j for j, q in enumerate(order) if q.split("_")[0] == keep_upto)
            if stop == 5:  # answered some of the open questions, then left
                last += int(rng.integers(0, 4))
                progress = 69 + 5 * (last - order.index("Q10_1") + 1)
            else:
                progress = BLOCKS[stop - 1][2]
            for q in order[last + 1 :]:
                ans[q] = ""
        duration = int(rng.lognormal(math.log(430), 0.45)) if stop is None else int(rng.integers(60, 400))
        end = start + timedelta(seconds=duration)
        recorded = end if stop is None else end + timedelta(days=7)
        fmt = "%Y-%m-%d %H:%M:%S"
        meta = [
            start.strftime(fmt),
            end.strftime(fmt),
            "IP Address",
            "",  # responses were anonymised: Qualtrics leaves the IP address empty
            str(progress),
            str(duration),
            "True" if stop is None else "False",
            recorded.strftime(fmt),
            rid,
            "anonymous" if rng.random() < 0.7 else "email",
            "NL",
            pid,
        ]
        rows.append(meta + [ans[q[0]] for q in qcols])
    return rows, truth


def write(rows: list[list[str]], truth: list[tuple[str, str]], folder: Path) -> tuple[Path, Path]:
    """Write the export (UTF-8 with BOM, as Qualtrics does) and the planted types to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    export = folder / "qualtrics_export.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    planted = folder / "planted_types.csv"
    with planted.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["respondent_id", "type"])
        w.writerows(truth)
    return export, planted


def check(rows: list[list[str]], truth: list[tuple[str, str]], seed: int = 0) -> None:
    """Print the silhouette per k (2..8) and the ARI at k=4 of a k-means on the numeric answers."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, silhouette_score
    from sklearn.preprocessing import StandardScaler

    header = rows[0]
    cols = [f"Q9_{i}" for i in range(1, 9)] + [f"Q5_{i}" for i in range(1, 6)] + ["Q6", "Q7"]
    scales = {"Q6": None, "Q7": AGREE7}
    scales.update({c: AGREE5 for c in cols if c.startswith("Q9")})
    scales.update({c: SATISFACTION for c in cols if c.startswith("Q5")})
    types = dict(truth)
    x, y = [], []
    for row in rows[3:]:
        rec = dict(zip(header, row, strict=True))
        if rec["Finished"] != "True" and any(rec[c] == "" for c in cols):
            continue
        x.append([float(rec[c]) if scales[c] is None else scales[c].index(rec[c]) + 1 for c in cols])
        y.append(types[rec["ResponseId"]])
    z = StandardScaler().fit_transform(np.array(x))
    print(f"respondents with all numeric answers: {len(y)} of {len(rows) - 3}")
    for k in range(2, 9):
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(z)
        ari = adjusted_rand_score(y, labels)
        print(f"k={k}: silhouette={silhouette_score(z, labels):.3f}  ARI={ari:.3f}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: generate and write the files, optionally run the check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="number of respondents")
    parser.add_argument("--out", type=Path, default=STUDY / "survey", help="output folder")
    parser.add_argument("--check", action="store_true", help="print a k-means separation check")
    args = parser.parse_args(argv)
    rows, truth = generate(args.seed, args.n)
    export, planted = write(rows, truth, args.out)
    print(f"wrote {export} ({len(rows) - 3} responses) and {planted}")
    if args.check:
        check(rows, truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
