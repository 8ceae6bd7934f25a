"""The main job: a study folder in, every artefact out.

``run_study`` runs load → tag → store suggestions → personas → journey map → render, with a
progress bar across the stages, and writes (into ``out_dir``):

- ``journey_map.pdf`` (A3 landscape: everyone's map, a page per persona, a legend page),
  ``journey_map.png`` / ``.svg`` (everyone; the SVG keeps its text editable),
  ``journey_map_<persona>.png`` (and ``.svg`` / ``.pdf`` with ``all_formats=True``)
- ``journey_map.html`` (standalone), ``journey_map.xlsx``, ``journey_map.md``
- ``personas.csv`` and the persona cards (``personas.md``, ``personas.html``, ``persona_<n>.png``)
- ``tags.csv`` and ``doc_tags.csv`` (tagger output), ``summary.md``

On Linux the steps that only write what is already computed run in forked child processes on
the second core (``parallel=True``; see :mod:`workbench._background`): the tagger's output goes
into the store and ``tags.csv`` / ``doc_tags.csv`` while the personas and the map are computed,
and the PDF of every map is written while the rest is rendered. The stage time ``store`` is what the
main job waited for them.

The study store (``<study>/.workbench/store.sqlite``) receives the suggestions, document tags
and derived opportunities; the persona assignments go to ``<study>/.workbench/personas.csv`` so
``map_study`` (``workbench map``) can re-render from the stored codes and personas later — the
researcher's decisions (accepted / rejected / manual codings, persona names, edited
opportunities, the map plan: backstage and KPI targets) win over suggestions. The persona
cards' facts shown in each persona's header go to ``<study>/.workbench/persona_facts.json``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import _atomic as atomic
from . import schema
from ._background import start as start_background
from .errors import ModelError, StoreError, WorkbenchError
from .journey import labels as L
from .journey.anatomy import FACTS_FILE, attach_anatomy, load_facts, save_facts
from .journey.assemble import EVERYONE, JourneyMap, build_journey_map, effective_priority
from .journey.opportunities import sync_opportunities
from .privacy import Policy, scrub, scrub_map, scrub_parts
from .privacy.policy import hide_file_names, scrub_note
from .render._common import neutralise_formula

__all__ = ["RunResult", "run_study", "map_study", "render_all", "store_codings", "auto_n_boot", "PERSONAS_FILE"]

PERSONAS_FILE = "personas.csv"
STAGES = ("load", "tag", "store", "personas", "map", "render")


@dataclass
class RunResult:
    """What :func:`run_study` did: the frames, the map, the files written and the stage times."""

    study: object
    doc_tags: pd.DataFrame
    tags: pd.DataFrame
    personas: object | None
    journey_map: JourneyMap
    out_dir: Path
    files: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Stages:
    def __init__(self, progress: bool, total: int):
        self.timings: dict[str, float] = {}
        self.bar = None
        if progress:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc="workbench", unit="stage")

    def run(self, name: str, fn, *args, add: bool = False, **kw):
        """Run a stage; ``add``: more time of a stage already run (its wait for a background
        task), not a new step of the bar."""
        if self.bar is not None:
            self.bar.set_postfix_str(name)
        t0 = time.perf_counter()
        out = fn(*args, **kw)
        self.timings[name] = time.perf_counter() - t0 + (self.timings.get(name, 0.0) if add else 0.0)
        if self.bar is not None and not add:
            self.bar.update(1)
        return out

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def store_codings(store) -> pd.DataFrame:
    """The store's active codings with a ``suggestion`` column (the suggested code decided on)."""
    cod = store.codings()
    if cod.empty:
        return cod
    decisions = store.suggestion_decisions()
    by_id = {v[0]: k[3] for k, v in decisions.items()}
    cod["suggestion"] = cod["coding_id"].map(by_id).astype("string")
    return cod


def _personas_path(study) -> Path:
    return Path(study.path) / ".workbench" / PERSONAS_FILE


def auto_n_boot(n_respondents: int, algorithm: str = "lca") -> int:
    """Bootstrap runs of the persona stability check (see :func:`workbench.personas.auto_n_boot`).

    >>> auto_n_boot(300), auto_n_boot(300, "kmeans"), auto_n_boot(10_000)
    (30, 100, 20)
    """
    from .personas import auto_n_boot as personas_n_boot

    return personas_n_boot(n_respondents, algorithm)


def _fit_personas(study, doc_tags, k, seed, names, n_boot, notes, algorithm="lca"):
    """The persona step of the run: the same call as ``workbench personas`` (same features,
    algorithm, k selection and seed), so both find the same personas; its notes (how k was
    chosen, gaps, participants not placed) join the run's notes."""
    from .personas import fit_personas

    if study.answers.empty:
        notes.append(L.text("no_personas", study.language))
        return None
    try:
        result = fit_personas(study, doc_tags=doc_tags, k=k, algorithm=algorithm, random_state=seed, names=names,
                              n_boot=n_boot)
    except (ModelError, WorkbenchError) as exc:
        said = f"{exc.message} ({exc.hint})" if getattr(exc, "hint", None) else getattr(exc, "message", str(exc))
        notes.append(L.text("personas_failed", study.language, x=said))
        return None
    notes.extend(L.text("personas_note", study.language, x=n) for n in result.notes)
    return result


def run_study(
    path: str | Path,
    out_dir: str | Path,
    *,
    k: int | str = "auto",
    seed: int = 0,
    progress: bool = True,
    n_boot: int | str = "auto",
    write: bool = True,
    all_formats: bool = False,
    parallel: bool = True,
    scrub_tables: bool = True,
    reviewed: bool = False,
) -> RunResult:
    """Run the whole job on a study folder and write every artefact into ``out_dir``.

    Parameters
    ----------
    path : str or Path
        The study folder (or its ``study.toml``).
    out_dir : str or Path
        Where the artefacts go (created if needed).
    k : "auto" or int
        Number of personas.
    seed : int
        Seed for personas and theme sampling.
    progress : bool
        Show a progress bar across the stages.
    n_boot : int or "auto"
        Bootstrap runs of the persona stability check; "auto": :func:`auto_n_boot` of the
        number of respondents (for latent class analysis 30 up to 1,000 respondents, 20 above).
    write : bool
        Write the artefacts (``False``: compute only, e.g. for benchmarks of the stages).
    all_formats : bool
        Write every persona's map as PNG, SVG and PDF (default: PNG; everyone's map always gets
        all three).
    parallel : bool
        Use a second process (Linux) for the steps that only write what is already computed:
        the tagger's output into the study store (while the personas are fitted) and
        ``tags.csv`` / ``doc_tags.csv`` (while the figures are drawn). ``False``, or the
        environment variable ``WORKBENCH_SERIAL=1``: everything in this process.
    reviewed : bool
        A map of only what the researcher accepted or coded (default: a draft in which the
        tagger's undecided suggestions count as evidence, marked as such on every output).
    scrub_tables : bool
        Remove personal data from ``tags.csv`` (default). ``False`` is for internal use only:
        the tables keep the cue texts as said. Every other output is always scrubbed under the
        study's privacy policy (:class:`workbench.privacy.Policy`).
    """
    from contextlib import ExitStack

    from .coding.store import Store
    from .nlp import tag_documents
    from .study import load_study

    stages = _Stages(progress, len(STAGES))
    notes: list[str] = []
    privacy = ExitStack()  # the study's privacy policy applies to everything written below
    try:
        study = stages.run("load", load_study, path)
        privacy.enter_context(Policy.for_study(study).active())
        notes += study.warnings  # the load report's warnings, repeated with the map (summary.md, CLI)
        docs = study.documents()
        doc_tags, tags = stages.run("tag", tag_documents, docs, study.language, study.phase_model,
                                    questions=study.questions, home=study.own_names())

        def read_store():
            with Store.open(study.path) as store:
                return store_codings(store), store.persona_names()

        out = Path(out_dir)

        def write_outputs():
            with Store.open(study.path) as store:
                store.replace_tagger_output(tags, doc_tags)  # one transaction: never one without the other
            if write:
                write_tables(out, tags, doc_tags, study.speaker_names(), study.language, scrub_text=scrub_tables,
                             texts=dict(zip(docs["doc_id"], docs["text"], strict=True)))

        # The researcher's codings and persona names are read first; the tagger's output is then
        # written (to the store and the CSV files) by a child process while personas and map are
        # computed, and joined before the map's opportunities are stored.
        codings, names = stages.run("store", read_store)
        writing = start_background(write_outputs, enabled=parallel)
        boots = n_boot if n_boot == "auto" else int(n_boot)
        result = stages.run("personas", _fit_personas, study, doc_tags, k, seed, names, boots, notes)
        assignments = result.assignments if result is not None else None
        if assignments is not None:
            pp = atomic.to_csv(assignments, _personas_path(study), index=False)
            save_facts(result.cards, pp.with_name(FACTS_FILE), study.language)

        def store_opportunities(jm):
            with Store.open(study.path) as store:
                stored = sync_opportunities(store, jm.derived_opportunities)
                return attach_anatomy(jm.with_opportunities(stored), study=study, store=store,
                                      cards=result.cards if result is not None else None)

        jm = stages.run("map", build_journey_map, study, doc_tags, tags, codings=codings, personas=assignments,
                        seed=seed, reviewed=reviewed)
        stages.run("store", writing.wait, add=True)
        jm = stages.run("map", store_opportunities, jm, add=True)
        files: dict[str, Path] = {}
        if write:
            files = stages.run("render", render_all, jm, out, study=study, personas=result,
                               all_formats=all_formats, parallel=parallel)
            files.update({name: out / name for name in ("tags.csv", "doc_tags.csv")})
        run = RunResult(study, doc_tags, tags, result, jm, out, files, stages.timings, notes + list(jm.notes))
        if write:
            run.files["summary"] = write_summary(run, out / "summary.md")
    finally:
        stages.close()
        privacy.close()
    return run


def _safe_csv(df: pd.DataFrame, path: Path, names: list[str], lang: str, scrub_cols=("text",)) -> Path:
    """Write ``df`` as CSV: ``scrub_cols`` scrubbed, every text neutralised against formulas.

    Each distinct text is scrubbed and neutralised once (cue spans repeat a lot), and the
    results are mapped back onto the column."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            s = out[col].astype("string")
            uniq = s.dropna().unique()
            clean = [neutralise_formula(scrub(x, names, lang=lang) if col in scrub_cols else x) for x in uniq]
            out[col] = s.map(dict(zip(uniq, clean, strict=True)), na_action="ignore").astype("string")
    return atomic.to_csv(out, path, index=False)


def write_tables(out: Path, tags=None, doc_tags=None, names=(), lang: str = "nl", *,
                 scrub_text: bool = True, texts: dict[str, str] | None = None) -> dict[str, Path]:
    """Write ``tags.csv`` and ``doc_tags.csv`` (scrubbed, formula-safe) for the frames given;
    ``scrub_text=False`` (internal use only) keeps the texts as said. With ``texts`` (doc_id ->
    the document's text) a cue span is scrubbed as it reads in its document: "Groot" of "mevrouw
    De Groot" becomes the person's placeholder, though "Groot" alone is a word."""
    atomic.make_dir(out)
    files = {}
    cols = ("text",) if scrub_text else ()
    tag_cols = cols
    if scrub_text and texts and tags is not None and len(tags):
        tags, tag_cols = _scrub_in_documents(tags, texts, list(names), lang), ()
    for frame, sch, name, scrub_cols in ((tags, schema.TAGS, "tags.csv", tag_cols),
                                         (doc_tags, schema.DOC_TAGS, "doc_tags.csv", cols)):
        if frame is not None:
            files[name] = _safe_csv(schema.conform(frame, sch), out / name, list(names), lang, scrub_cols=scrub_cols)
    return files


def _scrub_in_documents(tags: pd.DataFrame, texts: dict[str, str], names: list[str], lang: str) -> pd.DataFrame:
    """``tags`` with each cue span's text scrubbed inside its document (each document once); a
    span whose offsets do not point at its text in the document is scrubbed on its own."""
    out = tags.copy()
    clean = out["text"].astype(object).tolist()
    rows: dict[str, list[int]] = {}
    for i, (doc, a, b, t) in enumerate(zip(out["doc_id"], out["start_char"], out["end_char"], clean, strict=True)):
        doc_text = texts.get(doc) if isinstance(doc, str) else None
        if isinstance(t, str) and isinstance(doc_text, str) and doc_text[int(a):int(b)] == t:
            rows.setdefault(doc, []).append(i)
        elif isinstance(t, str):
            clean[i] = scrub(t, names, lang=lang)
    for doc, idx in rows.items():
        parts = scrub_parts(texts[doc], [(int(out["start_char"].iat[i]), int(out["end_char"].iat[i])) for i in idx],
                            names, lang=lang)
        for i, part in zip(idx, parts, strict=True):
            clean[i] = part
    out["text"] = pd.array(clean, dtype="string")
    return out


def render_all(jm: JourneyMap, out: Path, *, study=None, doc_tags=None, tags=None, personas=None,
               all_formats: bool = False, dpi: int = 150, persona_dpi: int = 110,
               parallel: bool = True) -> dict[str, Path]:
    """Write the map's figures, PDF, HTML, XLSX and Markdown, and — when given — tags, document
    tags and persona cards.

    ``journey_map.pdf`` holds everyone's map, a page per persona and a legend page; everyone's
    figure is also written as PNG (``dpi``) and SVG (editable text), each persona's as a PNG
    (``persona_dpi``) — and as SVG and a PDF of its own with ``all_formats``. With ``parallel``,
    the PDF is written by a child process while the rest is written (see
    :mod:`workbench._background`).
    """
    from .render import plot_journey_map, plot_legend, save_book, save_figure, to_html, to_markdown, to_xlsx

    atomic.make_dir(out)
    atomic.clean_stale(out)  # temporary files of a run that was killed
    jm = scrub_map(jm)  # every text on the map, in every format, under the privacy policy
    # Every page is drawn once, here; a forked child inherits the figures and writes the PDF and
    # every other persona's figure while this process writes the rest.
    figs = {key: plot_journey_map(jm, key) for key in jm.persona_keys}
    legend = plot_legend(jm)
    dropped = set().union(*(getattr(f, "journey_dropped", set()) for f in [*figs.values(), legend]))
    if dropped:  # emoji the font lacks: left out of the drawn map, said once
        from .render._texts import t

        jm.notes.append(t("glyphs_dropped", jm.lang, n=len(dropped), chars=" ".join(sorted(dropped))))
    personas_keys = [k for k in jm.persona_keys if k != EVERYONE]
    formats = ("png", "svg", "pdf") if all_formats else ("png",)
    files: dict[str, Path] = {"journey_map.pdf": out / "journey_map.pdf"}
    files.update({f"journey_map_{k}.{ext}": out / f"journey_map_{k}.{ext}" for k in personas_keys for ext in formats})

    def save_personas(keys):
        for key in keys:
            save_figure(figs[key], out / f"journey_map_{key}", dpi=persona_dpi, formats=formats)

    def child():
        save_book(jm, out / "journey_map.pdf", figures=[figs[k] for k in jm.persona_keys] + [legend])
        save_personas(personas_keys[1::2])

    book = start_background(child, enabled=parallel)
    for p in save_figure(figs[EVERYONE], out / "journey_map", dpi=dpi, formats=("png", "svg")):
        files[p.name] = p
    save_personas(personas_keys[0::2])
    files["journey_map.html"] = atomic.write_text(out / "journey_map.html", to_html(jm))
    files["journey_map.xlsx"] = to_xlsx(jm, out / "journey_map.xlsx")
    files["journey_map.md"] = atomic.write_text(out / "journey_map.md", to_markdown(jm))
    names = list(study.speaker_names()) if study is not None else []
    texts = None
    if study is not None and tags is not None:
        docs = study.documents()
        texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    files.update(write_tables(out, tags, doc_tags, names, jm.lang, texts=texts))
    if personas is not None:
        for name, p in personas.save(out).items():
            files[str(name)] = Path(p)
    book.wait()
    return files


def write_summary(run: RunResult, path: Path) -> Path:
    """A short Markdown summary in the study's language: counts, the map's status, personas, top
    pain points and opportunities per phase, metrics, thin cells, notes, timings."""
    from .journey import labels as L
    from .render._common import status_line
    from .render._content import overall_line
    from .render.markdown import md_escape as e

    jm, st = run.journey_map, run.study
    lang = jm.lang
    everyone = jm.personas.loc[jm.personas["persona"] == EVERYONE, "n_documents"]
    mapped = int(everyone.iloc[0]) if len(everyone) else len(run.doc_tags)  # the map's texts: not the interviewer's

    def t(key, **kw):
        return L.text(f"sum_{key}", lang, **kw)

    lines = [f"# {e(st.name)}", "", f"**{e(status_line(jm))}**", "",
             "- " + t("counts", i=len(st.participants), s=len(st.segments), r=len(st.respondents),
                      d=len(run.doc_tags), m=mapped, o=len(run.doc_tags) - mapped, g=len(run.tags)),
             "- " + t("model", m=e(st.phase_model.name(lang))),
             ""]
    lines += [f"## {t('personas')}", ""]
    for r in jm.personas.itertuples(index=False):
        lines.append(f"- {e(jm.persona_name(r.persona))}: " + t("persona", r=r.n_respondents, i=r.n_participants,
                                                                  d=r.n_documents))
    lines += ["", f"## {t('pains')}", ""]
    for ph in jm.phase_ids:
        top = jm.cell(EVERYONE, ph, "pain_points").head(2)
        items = "; ".join(f"{e(x)} (n={n})" for x, n in zip(top["text"], top["n_evidence"], strict=False)) or "—"
        lines.append(f"- {e(jm.phase_label(ph))}: {items}")
    opp = jm.opportunities
    if len(opp) and "priority" in opp.columns:
        ranked = opp.assign(_p=effective_priority(opp))
        top = ranked[(ranked["persona"] == EVERYONE) & ranked["_p"].notna()].sort_values("_p", kind="stable").head(5)
        if len(top):
            lines += ["", f"## {t('opportunities')}", ""]
            lines += [f"{int(p)}. {e(x)} ({e(jm.phase_label(ph))})"
                      for p, x, ph in zip(top["_p"], top["text"], top["phase"], strict=True)]
    lines += ["", f"## {t('metrics')}", ""]
    overall = overall_line(jm, EVERYONE)  # a metric question without a phase (an NPS about the whole relationship)
    if overall:
        lines.append(f"- {e(overall[0].upper() + overall[1:])}")
    m = jm.cells[(jm.cells["persona"] == EVERYONE) & (jm.cells["lane"] == "metrics")]
    for ph in jm.phase_ids:
        mm = m[m["phase"] == ph]
        if len(mm):
            lines.append(f"- {e(jm.phase_label(ph))}: " + "; ".join(
                f"{e(x)} (n={n})" for x, n in zip(mm["text"], mm["n_evidence"], strict=False)))
    thin = jm.thin_cells()
    lines += ["", f"## {t('thin', n=len(thin), total=len(jm.cells), k=jm.min_evidence)}", ""]
    if run.notes:
        # the load warnings name their file (not by a person's name) and quote its lines (pseudonymised)
        lines += [f"## {t('notes')}", ""] + [f"- {e(scrub_note(hide_file_names(n, st.renamed)))}"
                                             for n in run.notes] + [""]
    lines += [f"## {t('timings')}", ""] + [f"- {L.stage_name(k, lang)}: {L.number(v, 2, lang)}"
                                                 for k, v in run.timings.items()] + [""]
    return atomic.write_text(path, "\n".join(lines))


def _stored_personas(study, names: dict[str, str]) -> pd.DataFrame | None:
    from .personas.cards import persona_key

    pp = _personas_path(study)
    if not pp.exists():
        return None
    try:
        df = pd.read_csv(pp, dtype={"respondent_id": "string", "participant_id": "string",
                                    "persona_name": "string", "placed_by": "string"})
        df = schema.conform(df, schema.PERSONAS)
        if df["persona"].isna().any():
            raise ValueError("a row without a persona")
    except (OSError, ValueError, KeyError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise StoreError(f"the stored persona assignments cannot be read ({exc})"[:300], path=pp,
                         hint=f"Run `workbench run {study.path} --out DIR` again: it writes them anew.") from None
    k = int((df.loc[df["persona"] >= 0, "persona"]).nunique())
    keys = df["persona"].map(lambda p: persona_key(int(p), k) if p >= 0 else "")
    df["persona_name"] = keys.map(names).astype("string").fillna(df["persona_name"])
    return df


def map_study(path: str | Path, out_dir: str | Path, *, compare: str | Path | None = None,
              seed: int = 0, all_formats: bool = False, reviewed: bool = False) -> tuple[JourneyMap, dict[str, Path]]:
    """Re-render a study's journey map from its store (suggestions, codings, opportunities, persona
    names) and ``.workbench/personas.csv``; with ``compare``, also write the wave comparison."""
    from .study import load_study

    with Policy.for_study(load_study(path)).active():
        return _map_study(path, out_dir, compare=compare, seed=seed, all_formats=all_formats, reviewed=reviewed)


def _map_study(path, out_dir, *, compare, seed, all_formats, reviewed):
    jm = build_from_store(path, seed=seed, reviewed=reviewed)
    out = Path(out_dir)
    files = render_all(jm, out, all_formats=all_formats)
    if compare is not None:
        from .journey.waves import compare_maps, plot_wave_comparison

        other = build_from_store(compare, seed=seed, reviewed=reviewed)
        df = compare_maps(other, jm)
        atomic.to_csv(df, out / "wave_comparison.csv", index=False)
        fig = plot_wave_comparison(df)
        atomic.savefig(fig, out / "wave_comparison.png", dpi=150)
        files["wave_comparison.csv"] = out / "wave_comparison.csv"
        files["wave_comparison.png"] = out / "wave_comparison.png"
    return jm, files


def build_from_store(path: str | Path, *, seed: int = 0, reviewed: bool = False) -> JourneyMap:
    """The journey map of a study from what ``run`` stored (raises if it was never run)."""
    from .coding.store import Store
    from .study import load_study

    study = load_study(path)
    with Store.open(study.path) as store:
        doc_tags = store.doc_tags()
        tags = store.suggestions()
        if doc_tags.empty:
            raise StoreError("the study store holds no tagger output yet", path=store.path,
                             hint=f"Run `workbench run {path} --out DIR` first.")
        codings = store_codings(store)
        names = store.persona_names()
        personas = _stored_personas(study, names)
        jm = build_journey_map(study, doc_tags, tags, codings=codings, personas=personas, seed=seed,
                               reviewed=reviewed)
        stored = sync_opportunities(store, jm.derived_opportunities)
        cards, problem = load_facts(_personas_path(study).with_name(FACTS_FILE)) if personas is not None else ([], None)
        jm = attach_anatomy(jm.with_opportunities(stored), study=study, store=store, cards=cards)
    if problem:
        from .render._texts import t

        jm.notes.append(t("facts_unreadable", jm.lang, x=problem))
    return jm
