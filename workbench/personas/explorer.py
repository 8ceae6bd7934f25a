"""``PersonaExplorer``: an ipywidgets view to run, inspect and name personas in a notebook.

A thin view over :func:`~workbench.personas.fit_personas`: pick feature groups, algorithm and
k, press Run; it shows the k-selection curve, the stability table and a 2-D projection, and one
text field per persona to rename it. Save calls ``on_save(names)`` with ``{key: name}`` (e.g.
``lambda names: [store.set_persona_name(k, v, coder) for k, v in names.items()]``).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Mapping

import ipywidgets as W

from ..errors import WorkbenchError
from .clusterer import ALGORITHMS
from .features import SURVEY_KINDS, FeatureMatrix, build_features
from .plots import plot_k_selection, plot_projection
from .result import PersonaResult, fit_personas, study_frames

__all__ = ["PersonaExplorer"]

_GROUP_LABELS = {"likert": "Likert (attitudes)", "nps": "NPS", "numeric": "numeric", "choice": "demographics (choice)",
                 "multi": "channels (multi-select)", "text": "text tags", "missing": "missing indicators"}


class PersonaExplorer(W.VBox):
    """Run and rename personas.

    Parameters
    ----------
    study_or_frames : Study or mapping
        As for :func:`fit_personas`.
    doc_tags : DataFrame, optional
        ``schema.DOC_TAGS`` for text features, needs, pains and quotes.
    names : mapping, optional
        Names already stored (``store.persona_names()``).
    on_save : callable, optional
        Called with ``{key: name}`` when Save is pressed.
    n_boot : int
        Bootstrap runs per Run.
    lang : {"nl", "en"}, optional

    Attributes
    ----------
    result : PersonaResult or None
        The latest run.
    """

    def __init__(self, study_or_frames, *, doc_tags=None, names: Mapping | None = None,
                 on_save: Callable[[dict[str, str]], object] | None = None, n_boot: int = 50,
                 lang: str | None = None, random_state: int = 0) -> None:
        self._study = study_or_frames
        self._doc_tags = doc_tags
        self._names = dict(names or {})
        self._on_save = on_save
        self._n_boot = n_boot
        self._lang = lang
        self._seed = random_state
        self.result: PersonaResult | None = None
        fr = study_frames(study_or_frames)
        tags = doc_tags if doc_tags is not None else fr["doc_tags"]
        self._features: FeatureMatrix = build_features(fr["answers"], fr["questions"], respondents=fr["respondents"],
                                                       doc_tags=tags, documents=fr["documents"],
                                                       phases=fr["phases"])
        kinds = self._features.kinds
        self.groups = W.SelectMultiple(options=[(_GROUP_LABELS.get(k, k), k) for k in kinds],
                                       value=tuple(k for k in kinds if k in SURVEY_KINDS) or tuple(kinds),
                                       description="features", rows=min(7, len(kinds)))
        self.algorithm = W.Dropdown(options=list(ALGORITHMS), value="lca", description="algorithm")
        self.k = W.Dropdown(options=["auto"] + list(range(2, 9)), value="auto", description="k")
        self.run_button = W.Button(description="Run", button_style="primary", icon="play")
        self.status = W.HTML()
        self.scores_image = W.Image(format="png", layout=W.Layout(max_width="45%"))
        self.projection_image = W.Image(format="png", layout=W.Layout(max_width="55%"))
        self.stability_html = W.HTML()
        self.name_fields: dict[str, W.Text] = {}
        self.names_box = W.VBox()
        self.save_button = W.Button(description="Save names", icon="save", disabled=True)
        self.run_button.on_click(self._on_run)
        self.save_button.on_click(self._on_save_click)
        super().__init__([
            W.HBox([self.groups, W.VBox([self.algorithm, self.k, self.run_button])]),
            self.status,
            W.HBox([self.scores_image, self.projection_image]),
            self.stability_html,
            self.names_box,
            self.save_button,
        ])

    def run(self) -> PersonaResult | None:
        """Fit personas with the current settings (what the Run button does)."""
        k = self.k.value
        if not self.groups.value:
            self.status.value = "<b>Choose at least one feature group.</b>"
            return None
        self.status.value = "running…"
        try:
            res = fit_personas(self._study, k=k, algorithm=self.algorithm.value, features=list(self.groups.value),
                               n_boot=self._n_boot, random_state=self._seed, doc_tags=self._doc_tags,
                               names=self._names, lang=self._lang, force=True)
        except WorkbenchError as exc:
            self.status.value = f"<b>error:</b> {html.escape(str(exc))}"
            return None
        self.result = res
        self._show(res)
        return res

    def _on_run(self, _button=None) -> None:
        self.run()

    def _show(self, res: PersonaResult) -> None:
        c = res.clusterer
        self.status.value = html.escape(
            f"{c.n_clusters_} personas ({c.algorithm}, {c.criterion_}); {len(res.features)} respondents, "
            f"{len(res.clustered_on)} features clustered on"
        ) + "".join(f"<br><i>{html.escape(n)}</i>" for n in res.notes)
        ax = plot_k_selection(res.k_scores, c.criterion_, chosen=c.n_clusters_, lang=res.lang)
        self.scores_image.value = _png(ax.figure)
        ax = plot_projection(res.features.select(columns=res.clustered_on).to_numpy(), c.labels_,
                             names={x.persona: x.name for x in res.cards}, lang=res.lang)
        self.projection_image.value = _png(ax.figure)
        rows = "".join(
            f"<tr><td>{x.persona}</td><td>{html.escape(x.name)}</td><td>{x.size}</td>"
            f"<td>{'' if x.jaccard is None else f'{x.jaccard:.2f}'}</td><td>{html.escape(x.verdict_label)}"
            f"{' ⚠' if x.is_unstable else ''}</td></tr>"
            for x in res.cards
        )
        self.stability_html.value = (
            "<table><tr><th>persona</th><th>name</th><th>size</th><th>Jaccard</th><th>verdict</th></tr>"
            f"{rows}</table>"
        )
        self.name_fields = {x.key: W.Text(value=x.name, description=f"persona {x.persona}",
                                          layout=W.Layout(width="32em")) for x in res.cards}
        self.names_box.children = tuple(self.name_fields.values())
        self.save_button.disabled = False

    def names(self) -> dict[str, str]:
        """The names in the text fields, by persona key."""
        return {key: field.value.strip() for key, field in self.name_fields.items()}

    def _on_save_click(self, _button=None) -> None:
        names = self.names()
        self._names.update(names)
        if self.result is not None:
            self.result.rename(names)
        if self._on_save is not None:
            self._on_save(dict(names))
        self.status.value = f"saved {len(names)} name(s)"


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    return buf.getvalue()
