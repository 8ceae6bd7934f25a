"""Train the small part-of-speech tagger and dependency parser the workbench ships
(``workbench/data/models/{nl,en}_ud``), reproducibly, from Universal Dependencies treebanks.

Only the dev and test splits of the treebanks are available here, so this script pools them per
language and makes its own split, **by document** (all sentences of one source document fall on
the same side, so near-duplicate sentences of one text never straddle the split), seeded:

* 80 % ``train`` — what the model learns from;
* 10 % ``dev`` — spaCy's model selection (the best checkpoint on it is kept);
* 10 % ``test`` — held out, used for nothing but the figures this script prints at the end
  (UPOS accuracy, UAS, LAS).

The model is spaCy's CNN ``tok2vec`` + ``morphologizer`` (trained on UPOS only: the morphological
features are dropped, so it predicts ``token.pos_``) + ``parser`` (UD labels), with a narrow
``tok2vec`` so the shipped model stays a few MB. Lemmas are not learned; the workbench adds its
lookup lemmatizer (spacy-lookups-data).

The treebanks are CC BY-SA 4.0, and so is a model trained on them (see the README beside it).

Run (about ten minutes per language on one core)::

    python -m workbench.nlp.train_ud --ud ../shared/data/ud --lang nl --out workbench/data/models/nl_ud
    python -m workbench.nlp.train_ud --ud ../shared/data/ud --lang en --out workbench/data/models/en_ud
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import tempfile
from pathlib import Path

__all__ = ["TREEBANKS", "read_conllu", "split_documents", "train", "evaluate_model"]

TREEBANKS = {
    "nl": ("UD_Dutch-Alpino", "UD_Dutch-LassySmall"),
    "en": ("UD_English-EWT",),
}
SHARES = {"train": 0.8, "dev": 0.1, "test": 0.1}
WIDTH = 64
ROWS = [4000, 800, 2000, 1000]
MAX_STEPS = {"nl": 2600, "en": 2000}  # steps run for the shipped models (CPU budget)


def read_conllu(path: Path) -> list[tuple[str, str]]:
    """``(document key, sentence block)`` per sentence of a CoNLL-U file. The document key is
    the ``newdoc id`` (English EWT) or the ``sent_id`` up to its last separator (Alpino
    ``WR-P-P-H-…\\…``, LassySmall ``wiki-1181.p.10.s.1``)."""
    out = []
    doc = ""
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.strip().splitlines()
        sent_id = ""
        for line in lines:
            if line.startswith("# newdoc id"):
                doc = line.split("=", 1)[1].strip()
            elif line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
        if "\\" in sent_id:
            key = sent_id.split("\\", 1)[0]
        elif re.match(r"wiki-\d+|[A-Z]{2}-", sent_id):
            key = sent_id.split(".", 1)[0]
        else:
            key = doc or re.sub(r"-\d+$", "", sent_id)
        out.append((f"{path.parent.name}/{key}", block.strip()))
    return out


def split_documents(sentences: list[tuple[str, str]], seed: int = 0) -> dict[str, list[str]]:
    """Shuffle the documents with ``seed`` and fill train, dev and test in turn up to their
    share of the sentences."""
    docs: dict[str, list[str]] = {}
    for key, block in sentences:
        docs.setdefault(key, []).append(block)
    keys = sorted(docs)
    random.Random(seed).shuffle(keys)
    total = len(sentences)
    out: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    limits = {"test": SHARES["test"] * total, "dev": SHARES["dev"] * total}
    for key in keys:
        part = next((p for p in ("test", "dev") if len(out[p]) < limits[p]), "train")
        out[part].extend(docs[key])
    return out


def _docbin(blocks: list[str], path: Path) -> int:
    """Convert CoNLL-U blocks to a spaCy DocBin (morphological features dropped: the
    morphologizer learns UPOS alone). Returns the number of tokens."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    db = DocBin(store_user_data=False)
    n = 0
    for doc in conllu_to_docs("\n\n".join(blocks) + "\n", n_sents=10, merge_subtokens=False, no_print=True):
        for tok in doc:
            tok.set_morph(None)
            n += 1
        db.add(doc)
    db.to_disk(path)
    return n


def _config(lang: str, seed: int, max_steps: int):
    from spacy.cli.init_config import init_config

    cfg = init_config(lang=lang, pipeline=["morphologizer", "parser"], optimize="efficiency", gpu=False)
    cfg["system"]["seed"] = seed
    cfg["training"]["max_steps"] = max_steps
    cfg["training"]["eval_frequency"] = 200
    cfg["training"]["patience"] = 1200
    cfg["training"]["score_weights"] = {"pos_acc": 0.5, "dep_las": 0.5, "morph_acc": None, "dep_uas": None,
                                        "sents_f": None}
    enc = cfg["components"]["tok2vec"]["model"]["encode"]
    enc["width"] = WIDTH
    cfg["components"]["tok2vec"]["model"]["embed"]["rows"] = ROWS
    cfg["components"]["parser"]["model"]["hidden_width"] = 64
    return cfg


def evaluate_model(model_dir: Path, test_path: Path) -> dict[str, float]:
    """UPOS accuracy, UAS and LAS of a trained model on a DocBin (gold tokenization)."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model_dir)
    gold = list(DocBin().from_disk(test_path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(g.text), g) for g in gold]
    scores = nlp.evaluate(examples)
    return {"upos": round(scores["pos_acc"], 4), "uas": round(scores["dep_uas"], 4),
            "las": round(scores["dep_las"], 4), "sentences": sum(len(list(g.sents)) for g in gold),
            "tokens": sum(len(g) for g in gold)}


def train(ud: Path, lang: str, out: Path, *, seed: int = 0, max_steps: int | None = None) -> dict:
    """Split, convert, train and evaluate; writes the model to ``out`` (with ``meta.json``
    holding the figures) and returns the figures."""
    from spacy.cli.train import train as spacy_train
    from spacy.util import fix_random_seed

    sentences = [s for tb in TREEBANKS[lang] for f in sorted((ud / tb).glob("*.conllu")) for s in read_conllu(f)]
    if not sentences:
        raise SystemExit(f"no CoNLL-U files for {lang} under {ud}")
    parts = split_documents(sentences, seed)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        ntok = {p: _docbin(b, t / f"{p}.spacy") for p, b in parts.items()}
        cfg = _config(lang, seed, max_steps or MAX_STEPS[lang])
        cfg.to_disk(t / "config.cfg")
        fix_random_seed(seed)
        spacy_train(t / "config.cfg", t / "model", overrides={"paths.train": str(t / "train.spacy"),
                                                               "paths.dev": str(t / "dev.spacy")})
        return finish(t / "model" / "model-best", t, out, lang, parts, ntok, seed)


def finish(best: Path, work: Path, out: Path, lang: str, parts: dict, ntok: dict, seed: int) -> dict:
    """Evaluate the best checkpoint on the held-out ``test`` part (and ``dev``), copy it to
    ``out`` and write the figures into its ``meta.json``."""
    figures = evaluate_model(best, work / "test.spacy")
    dev = evaluate_model(best, work / "dev.spacy")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta.update({
        "name": f"{lang}_ud", "version": "1.0.0",
        "description": f"UPOS tagger and UD dependency parser trained by workbench.nlp.train_ud on {', '.join(TREEBANKS[lang])}",
        "license": "CC BY-SA 4.0", "sources": [{"name": tb, "license": "CC BY-SA 4.0"} for tb in TREEBANKS[lang]],
        "workbench": {"seed": seed, "split": "by document, 80/10/10 train/dev/test of the pooled dev+test files",
                      "sentences": {p: len(b) for p, b in parts.items()}, "tokens": ntok,
                      "held_out_test": figures, "dev": dev},
    })
    meta.pop("performance", None)
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"lang": lang, "sentences": {p: len(b) for p, b in parts.items()}, "test": figures, "dev": dev}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ud", type=Path, required=True, help="folder with the UD_* treebank folders")
    ap.add_argument("--lang", choices=sorted(TREEBANKS), required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-steps", type=int, default=None, help="default: the steps the shipped model was trained for")
    a = ap.parse_args(argv)
    res = train(a.ud, a.lang, a.out, seed=a.seed, max_steps=a.max_steps)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
