"""The NHS 5x5 risk matrix (NPSA) and the risk/action interlock, shared by rules and reports.

Score = likelihood x consequence, each 1-5. Bands are a setting (``risk_bands`` in
govtool.yaml: band name -> lowest score in it) because organisations band differently; the
defaults are the NPSA's: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme.

The interlock: an inadequate control is answered by an action naming the risk and control.
While that action is open, in progress or completed it is a *pending* control change on the
risk; once it is closed the risk is due a re-assessment review, which records the new score
and the control's new effectiveness. Every function here is pure (records and dates in,
values out) so that the lint rules, the reports and the ``review`` command agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govtool.register.model import Action, Control, Review, Risk, Score
from govtool.register.vocabulary import PENDING_STATUSES

CONSEQUENCE_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic"}
LIKELIHOOD_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
DEFAULT_BANDS: dict[str, int] = {"low": 1, "moderate": 4, "high": 8, "extreme": 15}
#: Colours used by reports for the default band names (RAG-like, as the NPSA matrix is drawn).
BAND_COLOURS = {"low": "#2e7d32", "moderate": "#f2c500", "high": "#ef6c00", "extreme": "#c62828"}
#: The only scores the matrix can produce (7, 11, 13, 14, 17-19 and 21-24 cannot occur).
POSSIBLE_SCORES = tuple(sorted({likelihood * consequence for likelihood in range(1, 6) for consequence in range(1, 6)}))
MAX_SCORE = 25
#: Days between reviews by band: the riskiest risks are looked at most often.
DEFAULT_REVIEW_DAYS: dict[str, int] = {"extreme": 30, "high": 90, "moderate": 180, "low": 365}


# -- scores and bands ---------------------------------------------------------------------
def bands(configured: Mapping[str, int] | None = None) -> list[tuple[str, int]]:
    """Bands as (name, lowest score), lowest first."""
    chosen = dict(configured) if configured else DEFAULT_BANDS
    return sorted(chosen.items(), key=lambda item: item[1])


def band_of(score: int | None, configured: Mapping[str, int] | None = None) -> str | None:
    """The band a score falls in (None for no score)."""
    if score is None:
        return None
    name = None
    for band, lowest in bands(configured):
        if score >= lowest:
            name = band
    return name


def scale(labels: Mapping[int, str]) -> str:
    """'1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain': one axis of the matrix, as a prompt shows it."""
    return ", ".join(f"{n} {label.lower()}" for n, label in labels.items())


def describe(score: Score, configured: Mapping[str, int] | None = None) -> str:
    """'12 high (likely x moderate)' for people reading a report or a message."""
    if score.value is None:
        return "not scored"
    likelihood = LIKELIHOOD_LABELS.get(score.likelihood or 0, "?").lower()
    consequence = CONSEQUENCE_LABELS.get(score.consequence or 0, "?").lower()
    return f"{score.value} {band_of(score.value, configured)} ({likelihood} x {consequence})"


@dataclass(frozen=True)
class BandProblem:
    """Why a ``risk_bands`` setting cannot be used; ``band`` is None for the whole setting."""

    band: str | None
    message: str


def band_problems(configured: Mapping[str, Any]) -> list[BandProblem]:
    """Problems with a ``risk_bands`` setting (empty when usable); an order problem comes alone.

    Bands must be listed lowest first, the first starting at 1, each starting higher than the
    one before, none above 25, and each must hold at least one score the matrix can produce
    (a band from 13 to 14 would stay empty forever).
    """
    if not configured:
        return [BandProblem(None, "risk_bands is empty: list the bands (name: lowest score) or remove it to use the defaults")]
    written = list(configured.items())
    for position, (band, lowest) in enumerate(written):
        if not isinstance(lowest, int) or isinstance(lowest, bool) or not 1 <= lowest <= MAX_SCORE:
            return [BandProblem(band, f"risk_bands.{band}: the lowest score must be a whole number from 1 to {MAX_SCORE}")]
        if position == 0 and lowest != 1:
            return [BandProblem(band, f"risk_bands.{band}: the first band must start at 1 (it starts at {lowest}), so that every score has a band")]
        if position > 0 and lowest <= written[position - 1][1]:
            previous, previous_lowest = written[position - 1]
            return [BandProblem(
                band,
                f"risk_bands.{band}: starts at {lowest}, not above '{previous}' ({previous_lowest}): "
                "list the bands lowest first, each starting at a higher score",
            )]
    # In order: now each band runs from its lowest score to just below the next band's.
    problems = []
    for position, (band, lowest) in enumerate(written):
        highest = written[position + 1][1] - 1 if position + 1 < len(written) else MAX_SCORE
        if not any(lowest <= score <= highest for score in POSSIBLE_SCORES):
            problems.append(BandProblem(
                band, f"risk_bands.{band}: no score from {lowest} to {highest} can occur on the 5x5 matrix, so the band would always be empty",
            ))
    return problems


def current_score(risk: Risk) -> Score:
    """The score the risk stands at now: the residual, or the inherent one if never rescored."""
    residual: Score = risk.residual
    inherent: Score = risk.inherent
    return residual if residual.value is not None else inherent


# -- reviews ------------------------------------------------------------------------------
def last_review(risk: Risk) -> Review | None:
    """The most recent dated review (the later entry wins a tie), or None."""
    dated = [review for review in risk.reviews if review.date is not None]
    return max(dated, key=lambda review: (review.date, review.index)) if dated else None


def last_reviewed_on(risk: Risk) -> dt.date | None:
    review = last_review(risk)
    return review.date if review else None


def review_interval_days(band: str | None, intervals: Mapping[str, int] | None = None, default: int = 90) -> int:
    """Days allowed between reviews for a band; a band the intervals do not name gets ``default``."""
    chosen = DEFAULT_REVIEW_DAYS if intervals is None else intervals
    return int(chosen.get(band or "", default))


@dataclass(frozen=True)
class ReviewSchedule:
    """When a risk's next routine review falls due, and why."""

    since: dt.date  # the last review, or ``created`` for a risk never reviewed
    reviewed: bool  # False when ``since`` is the created date
    band: str | None
    interval_days: int

    @property
    def due(self) -> dt.date:
        return self.since + dt.timedelta(days=self.interval_days)


def review_schedule(
    risk: Risk,
    configured_bands: Mapping[str, int] | None = None,
    intervals: Mapping[str, int] | None = None,
    default: int = 90,
) -> ReviewSchedule | None:
    """The routine review schedule (None when neither a review nor ``created`` gives a start)."""
    reviewed = last_reviewed_on(risk)
    since = reviewed or risk.created
    if since is None:
        return None
    band = band_of(current_score(risk).value, configured_bands)
    return ReviewSchedule(since, reviewed is not None, band, review_interval_days(band, intervals, default))


# -- the interlock with actions -----------------------------------------------------------
def pending_actions(risk: Risk, control_id: str | None = None) -> list[Action]:
    """Linked actions still on their way (open, in progress or completed awaiting sign-off).

    With ``control_id``, only those that name that control.
    """
    return [
        action for action in risk.actions
        if action.status in PENDING_STATUSES and (control_id is None or action.control_id == control_id)
    ]


def closures_awaiting_review(risk: Risk, control_id: str | None = None) -> list[Action]:
    """Linked closed actions with no review of the risk on or after their closure date."""
    reviewed = last_reviewed_on(risk)
    awaiting = [
        action for action in risk.actions
        if action.closed_on is not None
        and (reviewed is None or reviewed < action.closed_on)
        and (control_id is None or action.control_id == control_id)
    ]
    return sorted(awaiting, key=lambda action: (action.closed_on, action.id))


@dataclass(frozen=True)
class DueReassessment:
    """A closed action whose effect on the risk has not been re-assessed in time."""

    action: Action
    closed_on: dt.date
    due_on: dt.date  # the last day of grace: closure date + grace days


def reassessment_due(risk: Risk, as_of: dt.date, grace_days: int = 14) -> list[DueReassessment]:
    """Closed linked actions not followed by a review within ``grace_days`` of their closure."""
    due = []
    for action in closures_awaiting_review(risk):
        assert action.closed_on is not None  # closures_awaiting_review keeps only closed ones
        due_on = action.closed_on + dt.timedelta(days=grace_days)
        if as_of > due_on:
            due.append(DueReassessment(action, action.closed_on, due_on))
    return due


def unanswered_controls(risk: Risk, weak: tuple[str, ...] = ("inadequate",)) -> list[Control]:
    """Weak controls with nothing on the way to strengthen them.

    A control is answered by a pending action naming it, or by a closed one whose closure the
    risk has not yet been reviewed after: the next step there is the review (reassessment-due),
    not a new action. A review after the closure that still finds the control weak means the
    action did not work, and the control is unanswered again.
    """
    return [
        control for control in risk.controls
        if control.effectiveness in weak
        and not pending_actions(risk, control.id)
        and not closures_awaiting_review(risk, control.id)
    ]


@dataclass(frozen=True)
class Justification:
    """What can explain a residual score below the inherent one."""

    controls: list[Control]  # controls that work (effective, or partial when accepted)
    closed_actions: list[Action]  # linked actions closed with evidence

    def __bool__(self) -> bool:
        return bool(self.controls or self.closed_actions)


def reduction_justification(risk: Risk, working: tuple[str, ...] = ("effective",)) -> Justification:
    """The controls and closed actions that justify lowering the residual below the inherent score."""
    return Justification(
        controls=[control for control in risk.controls if control.effectiveness in working],
        closed_actions=[action for action in risk.actions if action.closed_on is not None],
    )
