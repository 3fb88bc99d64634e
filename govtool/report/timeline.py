"""An action's state on a given date, worked out from the dates in its file.

Reports are computed "as of" a date, and momentum needs the backlog on past dates, so every
count goes through these functions rather than the current ``status`` alone: an action is on
the backlog on day ``d`` when it was created by ``d`` and had not yet been completed,
closed or cancelled by ``d``. (Git history may refine this later; the files are enough for a
reproducible answer.)
"""

from __future__ import annotations

import datetime as dt

from govtool.register.model import ACTIVE_STATUSES, Action

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


def is_open_on(action: Action, day: dt.date) -> bool:
    """On the backlog (open or in progress) on ``day``, judged from the file's dates."""
    if action.created is not None and action.created > day:
        return False
    if action.status in ACTIVE_STATUSES:
        return True
    end = ended_on(action)
    # A finished action with no usable end date: its status is all we know, so it is not
    # counted as open on any date rather than inflating the backlog forever.
    return end is not None and end > day


def due_on(action: Action, day: dt.date) -> dt.date | None:
    """The due date in force on ``day``: re-dates recorded after ``day`` are undone."""
    later = [r for r in action.redates if r.date is not None and r.date > day]
    if later:
        first = min(later, key=lambda r: (r.date, r.index))
        return first.from_ or action.due
    return action.due


def is_overdue_on(action: Action, day: dt.date) -> bool:
    due = due_on(action, day)
    return is_open_on(action, day) and due is not None and due < day


def closed_on(action: Action) -> dt.date | None:
    """The closure date that counts for momentum ("closed" = signed off, by its date)."""
    return action.closed_on


def redates_by(action: Action, day: dt.date) -> int:
    return sum(1 for r in action.redates if r.date is None or r.date <= day)
