"""The risk register: heat maps, each risk's scores and controls, and the actions on them.

A risk is due a re-assessment when an action linked to it closed after its last review: the
control it strengthened has changed, so the score may be out of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from govtool.register import risk as matrix
from govtool.register.as_of import not_yet_reviewed
from govtool.register.model import Action, Register, Risk, Score
from govtool.report.actions import ActionViewBuilder
from govtool.report.domain import EFFECTIVENESS, status_label
from govtool.report.header import build_header
from govtool.report.views import Header, PersonView, Rag

UNBANDED_COLOUR = "#9e9e9e"
#: A residual score the files do not give on a past --as-of day (:func:`not_yet_reviewed`).
NOT_YET_REVIEWED = "not yet reviewed"


@dataclass
class BandView:
    name: str
    lowest: int
    highest: int
    colour: str


@dataclass
class ScoreView:
    likelihood: int | None
    consequence: int | None
    score: int | None
    band: str | None
    colour: str
    description: str
    #: 'likely × major' (empty when not scored).
    words: str


@dataclass
class ActionRef:
    id: str
    title: str | None
    status: str | None
    status_label: str
    rag: Rag
    due: dt.date | None
    closed: dt.date | None


@dataclass
class ControlView:
    id: str
    description: str | None
    effectiveness: str | None
    effectiveness_label: str
    actions: list[ActionRef]


@dataclass
class ReviewView:
    date: dt.date | None
    by: str | None
    score: ScoreView
    note: str | None


@dataclass
class RiskView:
    id: str
    title: str | None
    owner: PersonView | None
    inherent: ScoreView
    residual: ScoreView
    target: ScoreView | None
    controls: list[ControlView]
    #: Linked actions that name no control of this risk.
    other_actions: list[ActionRef]
    last_review: ReviewView | None
    reviews: int
    #: Linked actions closed after the last review (non-empty = re-assessment due).
    closed_since_review: list[ActionRef]
    path: str


@dataclass
class HeatCell:
    likelihood: int
    consequence: int
    score: int
    band: str | None
    colour: str
    risk_ids: list[str]


@dataclass
class HeatMap:
    title: str
    #: Rows from likelihood 5 (top) down to 1; cells by consequence 1 to 5.
    rows: list[list[HeatCell]]
    likelihood_labels: dict[int, str]
    consequence_labels: dict[int, str]
    unscored: list[str]


@dataclass
class RiskRegister:
    header: Header
    bands: list[BandView]
    residual_map: HeatMap
    inherent_map: HeatMap
    risks: list[RiskView]
    reassessment_due: list[str]


def build_risk_register(register: Register, as_of: dt.date) -> RiskRegister:
    configured = register.settings.risk_bands or None
    builder = ActionViewBuilder(register, as_of)
    risks = sorted(register.risks.values(), key=lambda r: (-(r.residual.value or 0), r.id))
    views = [_risk_view(r, builder, configured, as_of) for r in risks]
    residual_map = _heat_map("Residual risk (current score)", risks, lambda r: r.residual, configured)
    pending = {r.id for r in risks if not_yet_reviewed(register, r)}
    residual_map.unscored = [f"{rid} ({NOT_YET_REVIEWED})" if rid in pending else rid for rid in residual_map.unscored]
    return RiskRegister(
        header=build_header(register, as_of, "Risk register"),
        bands=_bands(configured),
        residual_map=residual_map,
        inherent_map=_heat_map("Inherent risk (before controls)", risks, lambda r: r.inherent, configured),
        risks=views,
        reassessment_due=[v.id for v in views if v.closed_since_review],
    )


def _bands(configured: dict[str, int] | None) -> list[BandView]:
    """Each band with the scores that can really occur in it (4-6, not 4-7: 7 is no product)."""
    ordered = matrix.bands(configured)
    possible = sorted({likelihood * consequence for likelihood in range(1, 6) for consequence in range(1, 6)})
    result = []
    for i, (name, lowest) in enumerate(ordered):
        below = ordered[i + 1][1] if i + 1 < len(ordered) else 26
        scores = [s for s in possible if lowest <= s < below]
        if scores:
            result.append(BandView(name, scores[0], scores[-1], colour_of(name)))
    return result


def colour_of(band: str | None) -> str:
    return matrix.BAND_COLOURS.get(band or "", UNBANDED_COLOUR)


def score_view(score: Score, configured: dict[str, int] | None, unknown: str | None = None) -> ScoreView:
    """``unknown``: what to say for a missing score instead of "not scored" (a risk raised with
    a residual score the files no longer give on a past --as-of day: "not yet reviewed")."""
    band = matrix.band_of(score.value, configured)
    words = ""
    if score.value is not None:
        words = (f"{matrix.LIKELIHOOD_LABELS.get(score.likelihood or 0, '?').lower()} × "
                 f"{matrix.CONSEQUENCE_LABELS.get(score.consequence or 0, '?').lower()}")
    description = unknown if unknown is not None and score.value is None else matrix.describe(score, configured)
    return ScoreView(score.likelihood, score.consequence, score.value, band, colour_of(band), description, words)


def _action_ref(action: Action, builder: ActionViewBuilder) -> ActionRef:
    return ActionRef(action.id, action.title, action.status, status_label(action.status),
                     builder.rag(action), action.due, action.closed_on)


def _risk_view(risk: Risk, builder: ActionViewBuilder, configured: dict[str, int] | None, as_of: dt.date) -> RiskView:
    by_id = sorted(risk.actions, key=lambda a: a.id)
    controls = [
        ControlView(c.id, c.description, c.effectiveness, EFFECTIVENESS.get(c.effectiveness or "", "Not rated"),
                    [_action_ref(a, builder) for a in by_id if a.control_id == c.id])
        for c in risk.controls
    ]
    control_ids = {c.id for c in risk.controls}
    reviews = [r for r in risk.reviews if r.date is None or r.date <= as_of]
    dated = [r for r in reviews if r.date is not None]
    last = max(dated, key=lambda r: (r.date, r.index)) if dated else (reviews[-1] if reviews else None)
    last_date = last.date if last else None
    closed_since = [
        a for a in by_id
        if a.closed_on is not None and a.closed_on <= as_of and (last_date is None or a.closed_on > last_date)
    ]
    return RiskView(
        id=risk.id,
        title=risk.title,
        owner=builder.person(risk.owner),
        inherent=score_view(risk.inherent, configured),
        residual=score_view(risk.residual, configured, NOT_YET_REVIEWED if not_yet_reviewed(builder.register, risk) else None),
        target=score_view(risk.target, configured) if risk.target else None,
        controls=controls,
        other_actions=[_action_ref(a, builder) for a in by_id if a.control_id not in control_ids],
        last_review=ReviewView(last.date, builder.name(last.by), score_view(last.score, configured), last.note)
        if last else None,
        reviews=len(reviews),
        closed_since_review=[_action_ref(a, builder) for a in closed_since],
        path=risk.path.as_posix(),
    )


def _heat_map(title: str, risks: list[Risk], which: Callable[[Risk], Score],
              configured: dict[str, int] | None) -> HeatMap:
    placed: dict[tuple[int, int], list[str]] = {}
    unscored = []
    for risk in risks:
        score = which(risk)
        likelihood, consequence = score.likelihood, score.consequence
        if likelihood is None or consequence is None or not (1 <= likelihood <= 5 and 1 <= consequence <= 5):
            unscored.append(risk.id)
            continue
        placed.setdefault((likelihood, consequence), []).append(risk.id)
    rows = []
    for likelihood in range(5, 0, -1):
        row = []
        for consequence in range(1, 6):
            value = likelihood * consequence
            band = matrix.band_of(value, configured)
            row.append(HeatCell(likelihood, consequence, value, band, colour_of(band),
                                sorted(placed.get((likelihood, consequence), []))))
        rows.append(row)
    return HeatMap(title, rows, dict(matrix.LIKELIHOOD_LABELS), dict(matrix.CONSEQUENCE_LABELS), sorted(unscored))
