"""Dutch person names through ``deduce`` (UMC Utrecht's de-identification method, LGPL).

Deduce finds names the way Dutch is written: initials ("J.P. de Vries"), prefixes and titles
("mevr. van der Berg", "dhr. Bakker"), interfixes, first names and surnames from its lists, and
context ("Jan" + capitalised word). We use its *name* annotators only: fixed-shape identifiers
(phone, e-mail, IBAN, BSN, dates of birth, postcodes, plates) come from
:mod:`workbench.privacy._patterns` and addresses from :mod:`workbench.privacy._rules`, which cover
English and Flemish forms too and run much faster.

Deduce builds its lookup structures on first use (1–3 minutes and ~1.2 GB for all of them, most
of it the street and healthcare-institution tries) and then loads a 77 MB pickle (15–20 s) on
every start. We build only what the name annotators need — first names, surnames, interfixes,
prefixes, the whitelist, eponymous diseases — and store it in deduce's own cache format in the
workbench cache (:func:`workbench.privacy._lexicon.cache_dir`): built in seconds once, loaded in
well under a second after that, offline.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from ._lexicon import _save, _version, cache_dir

__all__ = ["deduce_names", "deduce_engine"]

# deduce's base config, names group only (patient_name needs patient metadata we do not have).
_NAME_ANNOTATORS = ("prefix_with_initial", "prefix_with_interfix", "prefix_with_name", "interfix_with_name",
                    "initial_with_name", "initial_interfix", "first_name_lookup", "surname_lookup",
                    "name_context", "eponymous_disease")
_LISTS = ("names/lst_first_name", "names/lst_initial", "names/lst_interfix", "names/lst_interfix_surname",
          "names/lst_prefix", "names/lst_surname", "whitelist/lst_common_word", "whitelist/lst_eponymous_disease",
          "whitelist/lst_medical_term", "whitelist/lst_stop_word")
_lock = threading.Lock()


def _slim_dir() -> Path:
    return cache_dir() / f"deduce-{_version('deduce')}-names"


def _build_structs(tokenizer):
    """The lookup structures the name annotators use, made by deduce's own loaders."""
    import deduce
    import docdeid as dd
    from deduce import lookup_struct_loader as L
    from deduce.lookup_structs import load_raw_itemsets

    base = Path(deduce.__file__).parent / "data" / "lookup"
    items = load_raw_itemsets(base_path=base, subdirs=list(_LISTS))
    ds = dd.ds.DsCollection()
    for name in ("initial", "interfix_surname", "common_word", "medical_term", "stop_word"):
        s = dd.ds.LookupSet()
        s.add_items_from_iterable(items[name])
        ds[name] = s
    ds["prefix"] = L.load_prefix_lookup(items)
    ds["interfix"] = L.load_interfix_lookup(items)
    ds["whitelist"] = L.load_whitelist_lookup(items)
    ds["first_name"] = L.load_first_name_lookup(items, tokenizer)
    ds["surname"] = L.load_surname_lookup(items, tokenizer)
    ds["eponymous_disease"] = L.load_eponymous_disease_lookup(items, tokenizer)
    return ds


def _config() -> dict:
    import deduce

    base = json.loads((Path(deduce.__file__).parent / "base_config.json").read_text("utf-8"))
    base["annotators"] = {k: v for k, v in base["annotators"].items() if k in _NAME_ANNOTATORS}
    return base


@lru_cache(maxsize=1)
def deduce_engine():
    """A ``deduce.Deduce`` with the name annotators, its lookup structures from the workbench cache
    (built and cached on first use)."""
    root = logging.getLogger()
    level = root.level
    with _lock:
        import deduce
        from deduce import Deduce

        root.setLevel(level)  # importing deduce sets the root logger to DEBUG: undo that
        slim = _slim_dir()
        cache_file = slim / "cache" / "lookup_structs.pickle"
        if not cache_file.exists():
            tok = Deduce._initialize_tokenizer(Path(deduce.__file__).parent / "data" / "lookup")
            structs = _build_structs(tok)
            _save(cache_file, {"deduce_version": deduce.__version__, "saved_datetime": str(datetime.now()),
                               "lookup_structs": structs})
            if not cache_file.exists():  # cache not writable: build in a temporary place
                import tempfile

                slim = Path(tempfile.mkdtemp(prefix="workbench-deduce-"))
                os.makedirs(slim / "cache")
                _save(slim / "cache" / "lookup_structs.pickle",
                      {"deduce_version": deduce.__version__, "saved_datetime": str(datetime.now()),
                       "lookup_structs": structs})
        engine = Deduce(load_base_config=False, config=_config(), cache_path=slim)
        root.setLevel(level)
    return engine


def deduce_names(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, "person")`` for every name deduce finds in ``text``.

    >>> deduce_names("Ik sprak met mevrouw de Jong en Jan de Vries.")
    [(13, 28, 'person'), (32, 44, 'person')]
    """
    if not text:
        return []
    doc = deduce_engine().deidentify(text, disabled={"redactor"})
    return sorted((a.start_char, a.end_char, "person") for a in doc.annotations if a.tag == "persoon")
