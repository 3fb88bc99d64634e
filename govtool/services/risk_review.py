"""Record a risk review: the new residual score, who scored it and why, and control changes.

A review is the only way the residual score should change (``residual-differs-from-review``
reports hand edits), and it is the step that completes the risk/action interlock: after an
action that strengthens a control closes, the review re-rates the control and re-scores the
risk. This module checks a requested review against the register, edits the risk file
keeping the user's comments and key order, checks the result against the schema and writes
it atomically. The caller holds the register lock and decides about committing.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from govtool.register.edit import append_entry, dump, read_for_edit, set_field
from govtool.register.model import Action, Control, Register, Risk, Score
from govtool.register.risk import (
    CONSEQUENCE_LABELS,
    LIKELIHOOD_LABELS,
    closures_awaiting_review,
    last_review,
    pending_actions,
)
from govtool.register.vocabulary import EFFECTIVENESS
from govtool.services.edits import save_checked
from govtool.services.people_lookup import resolve_recorded_person
from govtool.support.errors import GovtoolError

#: Where a new ``reviews`` list goes in a file that has none yet: after the last of these.
REVIEWS_AFTER = ("inherent", "residual", "target", "controls")
SCALES = {"likelihood": LIKELIHOOD_LABELS, "consequence": CONSEQUENCE_LABELS}


@dataclass(frozen=True)
class ReviewRequest:
    """A review as the user asked for it (scores already whole numbers, date already a date)."""

    risk_id: str
    likelihood: int
    consequence: int
    note: str
    date: dt.date
    by: str | None = None  # an ID or a name; None means the risk's owner
    controls: dict[str, str] = field(default_factory=dict)  # control ID -> new effectiveness
    #: a new inherent score (likelihood, consequence), when the risk proved worse than first scored
    inherent: tuple[int, int] | None = None


@dataclass(frozen=True)
class ControlChange:
    control: str
    before: str | None
    after: str


@dataclass(frozen=True)
class ReviewOutcome:
    """What a saved review changed, for the command's summary and commit message."""

    risk_id: str
    path: Path  # absolute path of the risk file written
    date: dt.date
    by: str
    before: Score
    after: Score
    control_changes: list[ControlChange]
    answered: list[Action]  # closed actions whose re-assessment this review records
    still_unanswered: list[Control]  # weak controls with no action on the way, after the review


# -- reading what the user typed ------------------------------------------------------------
def parse_score(text: str | int, option: str) -> int:
    """A likelihood or consequence typed by the user: a whole number from 1 to 5."""
    scale = SCALES[option.lstrip("-").removeprefix("inherent-")]  # --inherent-likelihood: the same scale
    hint = ", ".join(f"{n} {label.lower()}" for n, label in scale.items())
    value = str(text).strip()
    if not value.isdigit() or not 1 <= int(value) <= 5:
        raise GovtoolError(f"--{option.lstrip('-')} {text!r} is not a score: give a whole number from 1 to 5 ({hint})")
    return int(value)


def parse_control_changes(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``C1=effective`` options into {control: effectiveness}; one change per control."""
    changes: dict[str, str] = {}
    for value in values:
        control, sep, effectiveness = value.partition("=")
        control, effectiveness = control.strip(), effectiveness.strip().lower()
        if not sep or not control:
            raise GovtoolError(f"--control {value!r}: write CONTROL=EFFECTIVENESS, e.g. C1=effective")
        if effectiveness not in EFFECTIVENESS:
            raise GovtoolError(f"--control {value!r}: effectiveness must be one of {', '.join(EFFECTIVENESS)}")
        if changes.get(control, effectiveness) != effectiveness:
            raise GovtoolError(f"--control {control} given twice with different values ({changes[control]}, {effectiveness})")
        changes[control] = effectiveness
    return changes


# -- checking the request against the register ------------------------------------------------
def find_risk(register: Register, risk_id: str) -> Risk:
    """The risk with this ID, or a one-line error that says what the ID is instead."""
    risk = register.risks.get(risk_id)
    if risk is not None:
        return risk
    other = register.record(risk_id)
    if other is not None:
        raise GovtoolError(f"{risk_id} is {'an action' if risk_id in register.actions else 'a source'}, not a risk")
    guess = difflib.get_close_matches(risk_id, list(register.risks), n=1)
    hint = f": did you mean {guess[0]}?" if guess else " (govtool list shows the register's records)"
    raise GovtoolError(f"unknown risk {risk_id}{hint}")


def resolve_reviewer(register: Register, who: str, on: dt.date) -> str:
    """The people-directory ID for ``who`` (an ID or a name); the text itself without a directory."""
    return resolve_recorded_person(register.people, who, "--by", on).stored


def _reviewer(register: Register, risk: Risk, request: ReviewRequest) -> str:
    if request.by is not None:
        return resolve_reviewer(register, request.by, request.date)
    if risk.owner is None:
        raise GovtoolError(f"{risk.id} has no owner to default to: give --by")
    try:
        return resolve_reviewer(register, risk.owner, request.date)
    except GovtoolError as error:
        raise GovtoolError(f"cannot default --by to the risk owner ({error.message})") from None


def _check_request(register: Register, risk: Risk, request: ReviewRequest, today: dt.date) -> None:
    for option, value in (("likelihood", request.likelihood), ("consequence", request.consequence)):
        parse_score(value, option)
    if not request.note.strip():
        raise GovtoolError("--note must say what the review found and why the score is what it is")
    if request.date > today:
        raise GovtoolError(f"--date {request.date} is in the future: record a review on or after the day it happens")
    inherent = (Score(*request.inherent) if request.inherent is not None
                else risk.inherent)
    residual = Score(request.likelihood, request.consequence)
    if inherent is not None and inherent.value is not None and residual.value is not None \
            and residual.value > inherent.value:
        raise GovtoolError(
            f"the residual score {residual.value} ({request.likelihood}x{request.consequence}) is above the inherent "
            f"{inherent.value}: controls cannot make a risk worse than it is without them. If the risk proved worse "
            "than first scored, re-score it in this review: --inherent-likelihood N --inherent-consequence N")
    previous = last_review(risk)
    if previous is not None and previous.date is not None and request.date < previous.date:
        raise GovtoolError(
            f"{risk.id} was last reviewed on {previous.date}: a new review cannot be dated before it (reviews are append-only)"
        )
    for control_id in request.controls:
        if risk.control(control_id) is None:
            known = ", ".join(c.id for c in risk.controls) or "none"
            raise GovtoolError(f"{risk.id} has no control {control_id} (its controls: {known})")
    problems = [p for p in register.problems if p.path == risk.path]
    if problems:
        first = problems[0]
        raise GovtoolError(f"{first.message}: fix the file first (nothing was written)", first.path, first.line)


# -- the edit ---------------------------------------------------------------------------
def record_review(register: Register, request: ReviewRequest, today: dt.date) -> ReviewOutcome:
    """Check ``request`` against ``register`` and append the review to the risk file.

    Raises GovtoolError (and writes nothing) for an unknown risk or control, a bad score or
    date, an unknown reviewer, or a risk file that already has problems.
    """
    risk = find_risk(register, request.risk_id)
    _check_request(register, risk, request, today)
    by = _reviewer(register, risk, request)
    path = register.root / risk.path

    data, yaml = read_for_edit(path, risk.path)
    before = risk.residual  # the score it replaces: what the risk stood at until this review (--as-of)
    replaced = {"likelihood": before.likelihood, "consequence": before.consequence} if before.value is not None else None
    entry: dict[str, object] = {"date": request.date, "by": by, "from": replaced, "likelihood": request.likelihood,
                                "consequence": request.consequence, "note": request.note.strip()}
    if request.inherent is not None:  # re-scored: the review says so, and the risk's inherent score moves
        rescored = {"likelihood": request.inherent[0], "consequence": request.inherent[1]}
        entry["inherent"] = rescored
        inherent = data.get("inherent")
        if isinstance(inherent, dict):  # in place: keeps flow style and comments
            inherent["likelihood"], inherent["consequence"] = request.inherent
        else:
            set_field(data, "inherent", dict(rescored), ("owner",))
    append_entry(
        data, "reviews", entry,
        after=tuple(key for key in data if key in REVIEWS_AFTER),  # after whichever comes last in the file
    )
    residual = data.get("residual")
    if isinstance(residual, dict):  # change the numbers in place: keeps flow style and comments
        residual["likelihood"], residual["consequence"] = request.likelihood, request.consequence
    else:
        set_field(data, "residual", {"likelihood": request.likelihood, "consequence": request.consequence}, ("inherent",))
    changes = []
    for control_id, effectiveness in request.controls.items():
        control = risk.control(control_id)
        assert control is not None  # _check_request refused unknown controls
        entry = data["controls"][control.index]
        if entry.get("effectiveness") != effectiveness:
            changes.append(ControlChange(control_id, control.effectiveness, effectiveness))
            entry["effectiveness"] = effectiveness

    save_checked(register.root, "risk", risk.path, dump(data, yaml))

    after = Score(request.likelihood, request.consequence)
    return ReviewOutcome(
        risk_id=risk.id, path=path, date=request.date, by=by, before=risk.residual, after=after,
        control_changes=changes,
        answered=[a for a in closures_awaiting_review(risk) if a.closed_on and a.closed_on <= request.date],
        still_unanswered=_unanswered_after(risk, request.controls),
    )


def _unanswered_after(risk: Risk, controls: dict[str, str]) -> list[Control]:
    """Weak controls left with nothing on the way once this review is recorded.

    After the review, closed actions no longer answer their control (their closure has been
    re-assessed), so only pending actions count.
    """
    left = []
    for control in risk.controls:
        effectiveness = controls.get(control.id, control.effectiveness)
        if effectiveness == "inadequate" and not pending_actions(risk, control.id):
            left.append(control)
    return left


def commit_message(outcome: ReviewOutcome) -> str:
    """``RSK-…: reviewed, residual 12 → 8 (C2 now effective)``."""
    before, after = outcome.before.value, outcome.after.value
    if before is None:
        residual = f"residual {after}"
    elif before == after:
        residual = f"residual stays {after}"
    else:
        residual = f"residual {before} → {after}"
    controls = ", ".join(f"{c.control} now {c.after}" for c in outcome.control_changes)
    return f"{outcome.risk_id}: reviewed, {residual}" + (f" ({controls})" if controls else "")


__all__ = [
    "ReviewRequest", "ReviewOutcome", "ControlChange", "parse_score", "parse_control_changes",
    "find_risk", "resolve_reviewer", "record_review", "commit_message",
]
