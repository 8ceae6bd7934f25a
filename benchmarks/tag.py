"""Throughput of the tagging pipeline against a bare spaCy tokenizer, same texts, same run.

Prints, per language and corpus size, tokens/second of ``tag_texts`` (the full pipeline,
rows included) and of ``spacy.blank(lang).pipe`` (tokenizer only), and their ratio.

    python benchmarks/tag.py [--sizes 20000 100000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import time

import spacy

from workbench.nlp import make_pipeline, tag_texts

SENTENCES = {
    "nl": [
        "Ik zag een advertentie op Instagram en ben toen gaan kijken op de website.",
        "Via een collega hoorde ik over dit abonnement.",
        "Ik heb eerst reviews gelezen en de prijzen vergeleken op een vergelijkingssite.",
        "Uiteindelijk heb ik gekozen voor de goedkoopste optie.",
        "Het afrekenen ging snel, ik heb met iDEAL betaald.",
        "De bezorging duurde echt veel te lang en de track & trace klopte niet.",
        "De klantenservice was vriendelijk, maar ik moest drie keer bellen.",
        "Het zou fijn zijn als ze een chat hadden op de site.",
        "Jammer dat er geen duidelijke handleiding bij zat.",
        "Eigenlijk ben ik best tevreden, ik zou het zeker aanraden.",
        "Ik kon niet inloggen in de app, dat was heel frustrerend.",
        "Ja, dat weet ik eigenlijk niet meer precies, het was in het voorjaar denk ik.",
        "We hebben de hypotheek uiteindelijk bij de bank op kantoor afgesloten.",
        "De factuur was hoger dan verwacht door extra kosten.",
        "Ik heb het pakket teruggestuurd en mijn geld kwam binnen een week terug.",
        "Mijn treinreis werd geannuleerd en niemand wist wat ik moest doen.",
    ],
    "en": [
        "I saw an ad on Instagram and then looked at their website.",
        "A colleague recommended the tool to me last spring.",
        "I read reviews and compared prices on a comparison site.",
        "In the end we went with the cheapest plan.",
        "Checkout was quick and I paid with PayPal.",
        "The delivery took way too long and the tracking was wrong.",
        "Customer service was friendly, but I had to call three times.",
        "It would be great if they had a live chat on the site.",
        "It's a shame there was no clear manual in the box.",
        "Overall I'm pretty happy, I'd definitely recommend it.",
        "I couldn't log in to the app, which was really frustrating.",
        "Yeah, I don't remember exactly, it was sometime in spring I think.",
        "We signed the mortgage at the bank's branch in the end.",
        "The invoice was higher than expected because of hidden fees.",
        "I sent the parcel back and got my refund within a week.",
        "My train was cancelled and nobody knew what to do.",
    ],
}


def corpus(lang: str, n_tokens: int, seed: int) -> list[str]:
    """Texts of 1–5 recombined sentences until about ``n_tokens`` tokens."""
    rng = random.Random(seed)
    tok = spacy.blank(lang).tokenizer
    lengths = {s: len(tok(s)) for s in SENTENCES[lang]}
    texts, total = [], 0
    while total < n_tokens:
        picked = [rng.choice(SENTENCES[lang]) for _ in range(rng.randint(1, 5))]
        texts.append(" ".join(picked))
        total += sum(lengths[s] for s in picked)
    return texts


def measure(lang: str, texts: list[str]) -> tuple[float, float, int]:
    blank = spacy.blank(lang)
    make_pipeline(lang)  # build outside the timing
    t0 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in blank.pipe(texts, batch_size=256))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    tag_texts(texts, lang=lang, return_tags=True)
    full = time.perf_counter() - t0
    return n_tokens / full, n_tokens / bare, n_tokens


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"{'lang':<5}{'tokens':>9}{'pipeline tok/s':>16}{'tokenizer tok/s':>17}{'ratio':>8}")
    for lang in ("nl", "en"):
        for size in args.sizes:
            texts = corpus(lang, size, args.seed)
            full, bare, n = measure(lang, texts)
            print(f"{lang:<5}{n:>9}{full:>16,.0f}{bare:>17,.0f}{full / bare:>8.2f}")


if __name__ == "__main__":
    main()
