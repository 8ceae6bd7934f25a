"""``StudyLoader``: pick a study folder or upload files, load it, see a summary.

The widget calls :func:`workbench.load_study`; errors of the workbench family are shown as a
message (file, place, hint), never as a traceback. The loaded study is ``loader.study``; other
code can react with ``loader.on_load(callback)``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..io._local import DUTCH, local_frame
from ..errors import WorkbenchError
from ..study import Study, load_study, new_study

__all__ = ["StudyLoader", "find_studies", "report_html", "TRANSCRIPT_EXT", "SURVEY_EXT"]

TRANSCRIPT_EXT = (".vtt", ".srt", ".txt", ".md", ".docx")
SURVEY_EXT = (".csv", ".xlsx")


def find_studies(root: str | Path) -> list[Path]:
    """Study folders (holding a study.toml) directly below ``root``, sorted by name."""
    root = Path(root)
    if (root / "study.toml").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if (p / "study.toml").is_file()) if root.is_dir() else []


class StudyLoader(w.VBox):
    """Load a study in a notebook: choose a folder under ``root``, or upload transcripts and surveys.

    Parameters
    ----------
    root : path
        Folder whose sub-folders are offered (default: ``surveys``).
    upload_dir : path, optional
        Where uploaded files are saved as a new study (default: ``<root>/uploaded``).
    value : path, optional
        The folder selected at start.
    """

    def __init__(self, root: str | Path = "surveys", *, upload_dir: str | Path | None = None,
                 value: str | Path | None = None) -> None:
        self.root = Path(root)
        self.upload_dir = Path(upload_dir) if upload_dir else self.root / "uploaded"
        self.study: Study | None = None
        self._callbacks: list[Callable[[Study], None]] = []
        studies = find_studies(self.root)
        options = [(p.name, str(p)) for p in studies]
        self.folder = w.Dropdown(options=options, description="Study", layout=w.Layout(width="420px"))
        if value is not None and str(value) in [o[1] for o in options]:
            self.folder.value = str(value)
        self.load_button = w.Button(description="Load", button_style="primary", icon="folder-open")
        self.upload = w.FileUpload(accept=",".join(TRANSCRIPT_EXT + SURVEY_EXT), multiple=True,
                                   description="Upload files")
        self.language = w.ToggleButtons(options=[("Nederlands", "nl"), ("English", "en")], value="nl",
                                        description="Language")
        self.upload_button = w.Button(description="Load uploaded files", icon="upload")
        self.status = w.HTML()
        self.summary = w.HTML()
        self.load_button.on_click(lambda _b: self.load_folder())
        self.upload_button.on_click(lambda _b: self.load_uploaded())
        super().__init__(
            [
                w.HTML("<b>1. Choose a study folder</b>"),
                w.HBox([self.folder, self.load_button]),
                w.HTML("<b>… or upload transcripts (.vtt .srt .txt .md .docx) and survey exports (.csv .xlsx)</b>"),
                w.HBox([self.upload, self.language, self.upload_button]),
                self.status,
                self.summary,
            ]
        )

    def on_load(self, callback: Callable[[Study], None]) -> None:
        """Call ``callback(study)`` after every successful load."""
        self._callbacks.append(callback)

    # -- actions -------------------------------------------------------------------------------
    def load_folder(self, path: str | Path | None = None) -> Study | None:
        """Load the chosen (or given) folder; returns the study, or None after showing the error."""
        target = path or self.folder.value
        if not target:
            self._error("No study folder found under " + html.escape(str(self.root)), "Upload files instead.")
            return None
        return self._load(Path(target))

    def save_uploads(self) -> Path:
        """Write the uploaded files into a new study folder and return it."""
        files = list(self.upload.value)
        if not files:
            raise WorkbenchError("no files uploaded", hint="Choose files with the Upload button first.")
        n = 1
        while (self.upload_dir / f"study-{n:02d}").exists():
            n += 1
        folder = self.upload_dir / f"study-{n:02d}"
        new_study(folder, name=f"Uploaded study {n:02d}", language=self.language.value)
        for f in files:
            name = Path(f["name"]).name
            ext = Path(name).suffix.lower()
            if ext not in TRANSCRIPT_EXT + SURVEY_EXT:
                raise WorkbenchError(f"'{name}' is not a transcript or survey file",
                                     hint=f"Upload {' '.join(TRANSCRIPT_EXT + SURVEY_EXT)} files.")
            sub = "interviews" if ext in TRANSCRIPT_EXT else "survey"
            (folder / sub / name).write_bytes(bytes(f["content"]))
        toml = folder / "study.toml"
        if not any((folder / "survey").iterdir()):  # no survey: drop the survey section's patterns
            text = toml.read_text(encoding="utf-8").replace(
                'paths = ["survey/*.csv", "survey/*.xlsx"]', "paths = []")
            toml.write_text(text, encoding="utf-8")
        if not any((folder / "interviews").iterdir()):
            text = toml.read_text(encoding="utf-8").replace(
                'paths = ["interviews/*.vtt", "interviews/*.srt", "interviews/*.txt", "interviews/*.md", '
                '"interviews/*.docx"]', "paths = []")
            toml.write_text(text, encoding="utf-8")
        return folder

    def load_uploaded(self) -> Study | None:
        try:
            folder = self.save_uploads()
        except WorkbenchError as exc:
            self._error(str(exc))
            return None
        return self._load(folder)

    # -- display -------------------------------------------------------------------------------
    def _load(self, folder: Path) -> Study | None:
        self.status.value = f"Loading {html.escape(str(folder))} …"
        try:
            study = load_study(folder)
        except WorkbenchError as exc:
            self.study = None
            self._error(str(exc))
            return None
        self.study = study
        t = _TEXTS[_lang(study)]
        n_warn = len(study.warnings)
        self.status.value = (
            f"<span style='color:#1a7f37'>✔ {t['loaded']} <b>{html.escape(study.name)}</b>: "
            + t["figures"].format(p=len(study.participants), t=len(study.segments), r=len(study.respondents),
                                  a=len(study.answers))
            + (t["warnings_below"].format(n=n_warn, s=t["plural"] if n_warn != 1 else "") if n_warn else "")
            + ".</span>"
        )
        self.summary.value = summary_frame(study).to_html(header=False) + report_html(study)
        for cb in self._callbacks:
            cb(study)
        return study

    def _error(self, message: str, hint: str | None = None) -> None:
        text = html.escape(message).replace("\n", "<br>")
        if hint:
            text += "<br>" + html.escape(hint)
        self.status.value = f"<span style='color:#b42318'>✖ {text}</span>"
        self.summary.value = ""


def report_html(study: Study) -> str:
    """The load report as HTML: one row per file (format, encoding, speakers with role and turns,
    respondents, warnings), then every warning. Study text is escaped (names come from files)."""
    report = study.load_report
    if report.empty:
        return ""
    lang = _lang(study)
    t = _TEXTS[lang]
    cols = [c for c in report.columns if c not in ("respondents", "questions") or report[c].any()]
    shown = local_frame(report[cols], lang, ("kind", "layout", "speakers"))
    table = shown.to_html(index=False, escape=True, na_rep="", border=0)
    out = f"<details open><summary><b>{t['report']}</b>: {t['report_how']}</summary>" + table + "</details>"
    if study.warnings:
        n = len(study.warnings)
        items = "".join(f"<li>{html.escape(w)}</li>" for w in study.warnings)
        out += (f"<div style='color:#9a6700'><b>⚠ {n} {t['warning']}{t['plural'] if n != 1 else ''}</b>"
                f"<ul>{items}</ul></div>")
    return out


#: What the loader says about a loaded study, in the study's language.
_TEXTS = {
    "en": {"loaded": "Loaded", "figures": "{p} interviews, {t} turns, {r} respondents, {a} answers",
           "warnings_below": ", {n} warning{s} (below)", "warning": "warning", "plural": "s",
           "report": "Load report", "report_how": "how each file was read"},
    "nl": {"loaded": "Geladen:", "figures": "{p} interviews, {t} beurten, {r} respondenten, {a} antwoorden",
           "warnings_below": ", {n} waarschuwing{s} (hieronder)", "warning": "waarschuwing", "plural": "en",
           "report": "Inleesverslag", "report_how": "hoe elk bestand is gelezen"},
}


def _lang(study: Study) -> str:
    return study.language if study.language in _TEXTS else "en"


def summary_frame(study: Study) -> pd.DataFrame:
    """The study's overall figures as a one-column frame (for display), named in the study's language."""
    overall = study.info()["overall"]
    if _lang(study) == "nl":
        overall = overall.assign(figure=overall["figure"].map(lambda v: DUTCH.get(v, v)))
    return overall.set_index("figure")
