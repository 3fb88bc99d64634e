"""An action's state on a given date, worked out from the dates in its file.

Reports are computed "as of" a date, and momentum needs the backlog on past dates, so every
count goes through these functions rather than the current ``status`` alone: an action is on
the backlog on day ``d`` when it was created by ``d`` and had not yet been completed,
closed or cancelled by ``d``. The due date in force on ``d`` is :func:`due_in_force`'s, the one
a register cut back to a past day (:mod:`govtool.register.as_of`) has, so the backlog's weeks
agree with what ``list`` and the plan show for those days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.as_of import due_in_force, redates_by_day
from govtool.register.model import Action
from govtool.register.vocabulary import ACTIVE_STATUSES

#: The trailing quarter is the 91 days up to and including the as-of date (SPEC.md).
QUARTER_DAYS = 91


def quarter_windows(as_of: dt.date) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """(trailing, previous) quarters as inclusive (first day, last day) pairs."""
    trailing_start = as_of - dt.timedelta(days=QUARTER_DAYS - 1)
    previous_end = trailing_start - dt.timedelta(days=1)
    previous_start = previous_end - dt.timedelta(days=QUARTER_DAYS - 1)
    return (trailing_start, as_of), (previous_start, previous_end)


def ended_on(action: Action) -> dt.date | None:
    """The day the action left the backlog: completed, closed or cancelled (earliest known)."""
    dates = []
    if action.status in ("completed", "closed") and action.completion is not None:
        dates.append(action.completion.date)
    if action.status == "closed" and action.closure is not None:
        dates.append(action.closure.date)
    if action.status == "cancelled" and action.cancellation is not None:
        dates.append(action.cancellation.date)
    known = [d for d in dates if d is not None]
    return min(known) if known else None


@dataclass(frozen=True)
class ActionDates:
    """The dates that decide an action's state on any day, read from its file once."""

    id: str
    owner: str | None
    created: dt.date | None
    active: bool
    ended: dt.date | None
    due: dt.date | None
    #: (date, due date before it) for every dated re-date, oldest first.
    redates: tuple[tuple[dt.date, dt.date | None], ...]
    closed: dt.date | None
    undated_redates: int = 0

    @classmethod
    def of(cls, action: Action) -> ActionDates:
        return cls(
            id=action.id,
            owner=action.owner,
            created=action.created,
            active=action.status in ACTIVE_STATUSES,
            ended=ended_on(action),
            due=action.due,
            redates=redates_by_day(action),
            closed=action.closed_on,
            undated_redates=sum(1 for r in action.redates if r.date is None),
        )

    def open_on(self, day: dt.date) -> bool:
        """On the backlog (open or in progress) on ``day``, judged from the file's dates."""
        if self.created is not None and self.created > day:
            return False
        if self.active:
            return True
        # A finished action with no usable end date: its status is all we know, so it is
        # not counted as open on any date rather than inflating the backlog forever.
        return self.ended is not None and self.ended > day

    def due_on(self, day: dt.date) -> dt.date | None:
        """The due date in force on ``day``: re-dates recorded after ``day`` are undone."""
        return due_in_force(self.due, self.redates, day)

    def overdue_on(self, day: dt.date) -> bool:
        due = self.due_on(day)
        return self.open_on(day) and due is not None and due < day

    def redated_by(self, day: dt.date) -> int:
        """Re-dates recorded by ``day`` (undated ones count: they happened at some point)."""
        return self.undated_redates + sum(1 for redate_day, _ in self.redates if redate_day <= day)

    def redated_after_due_by(self, day: dt.date) -> bool:
        """Whether a re-date recorded by ``day`` was recorded after the due date it moved."""
        return any(redate_day <= day and due_before is not None and redate_day > due_before
                   for redate_day, due_before in self.redates)
