"""Momentum: is the plan moving? Backlog over time, closures, time to close, slips, load.

Every figure is computed from the files for the as-of date (see :mod:`.action_dates`), so the
same register and date always give the same report, except slips, which come from Git's
history (:mod:`govtool.history.slips`): a due date moved by hand with no re-date entry slipped
too, and each move counts from the day of the commit that made it. "Closed" counts an action
by its closure date; the trailing quarter is the 91 days up to and including the as-of date
and the previous quarter the 91 days before it.

The backlog's weeks and the months of closures start when the plan did (:func:`plan_start`:
the earliest ``created`` date of its actions by the as-of date), so a register begun last month
does not show a year of empty months that would read as a year without progress; at most the
last 26 weeks and 12 months are shown (and every month with a closure).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govtool.register.model import Register
from govtool.report.action_dates import ActionDates, quarter_windows
from govtool.report.header import build_header
from govtool.report.views import Header

if TYPE_CHECKING:
    from govtool.history.slips import Slip

BACKLOG_WEEKS = 26
MONTHS_SHOWN = 12
NO_OWNER = "(no owner)"
#: Age buckets for open actions: (label, oldest age in days that still falls in it).
AGE_BUCKETS: list[tuple[str, int | None]] = [
    ("0-30 days", 30),
    ("31-90 days", 90),
    ("91-180 days", 180),
    ("181-365 days", 365),
    ("Over a year", None),
]


#: (action, closure date) for every action closed by the as-of date.
Closures = list[tuple[ActionDates, dt.date]]


@dataclass
class BacklogPoint:
    date: dt.date
    open: int
    overdue: int


@dataclass
class MonthClosures:
    month: str  # YYYY-MM
    label: str  # Nov 2026
    closed: int


@dataclass
class OwnerLoad:
    owner: str
    name: str
    role: str | None
    open: int
    overdue: int


@dataclass
class AgeBucket:
    label: str
    count: int


@dataclass
class Window:
    start: dt.date
    end: dt.date
    closed: int
    created: int


@dataclass
class Momentum:
    header: Header
    as_of: dt.date
    open: int
    overdue: int
    closed_trailing_quarter: int
    closed_previous_quarter: int
    closed_by_month: dict[str, int]
    median_days_to_close: float | int | None
    redated: int
    #: of those, the ones whose due date moved after it had passed (at least once)
    redated_after_due: int
    by_owner: dict[str, dict[str, int]]
    trailing_quarter: Window
    previous_quarter: Window
    closed_total: int
    backlog: list[BacklogPoint]
    months: list[MonthClosures]
    owners: list[OwnerLoad]
    age: list[AgeBucket]
    age_unknown: int
    #: the day the plan began (its earliest action created by the as-of date); None: not known
    plan_start: dt.date | None = None

    @property
    def weeks_from_plan_start(self) -> bool:
        """Whether the weeks shown start where the plan began, fewer than the full 26."""
        return self.plan_start is not None and len(self.backlog) < BACKLOG_WEEKS

    @property
    def months_from_plan_start(self) -> bool:
        """Whether the months shown start where the plan began, fewer than the full 12."""
        return self.plan_start is not None and len(self.months) < MONTHS_SHOWN

    @property
    def redated_said(self) -> str:
        """The re-dated card's words after its number: 'open actions re-dated at least once (1 of
        them after the due date had passed)'; for one action, 'open action re-dated at least once
        (after its due date had passed)' (one wording for every format)."""
        if self.redated == 1:
            when = "after its due date had passed" if self.redated_after_due else "before its due date"
            return f"open action re-dated at least once ({when})"
        after = f" ({self.redated_after_due} of them after the due date had passed)" if self.redated else ""
        return f"open actions re-dated at least once{after}"

    @property
    def closures_moved(self) -> str:
        """How closures in the trailing quarter compare with the quarter before: 'rose by 3',
        'fell by 2' or 'were level' (one wording for every format)."""
        change = self.trailing_quarter.closed - self.previous_quarter.closed
        return f"rose by {change}" if change > 0 else f"fell by {-change}" if change < 0 else "were level"

    @staticmethod
    def began_note(began: str, periods: str) -> str:
        """The note under a chart that starts where the plan began (``began``: its day, as the
        format writes dates; ``periods``: 'weeks' or 'months')."""
        return f"The plan began on {began} (its first action's created date): the {periods} before it are not shown."


def plan_start(actions: list[ActionDates], as_of: dt.date) -> dt.date | None:
    """When the plan began: the earliest ``created`` date on or before ``as_of``. A register with
    no action yet began on ``as_of`` (there is nothing earlier to show); one whose actions all
    lack a created date, None (open on every day, so the weeks before cannot be ruled out).

    The files decide it, not Git: a plan carried over from a spreadsheet began when its actions
    were created there, before its first commit, and a register committed before its first
    action had no plan to move yet."""
    created = [a.created for a in actions if a.created is not None and a.created <= as_of]
    if created:
        return min(created)
    return as_of if not any(a.created is None for a in actions) else None


def build_momentum(register: Register, as_of: dt.date) -> Momentum:
    actions = [ActionDates.of(a) for a in register.actions.values()]
    open_now = [a for a in actions if a.open_on(as_of)]
    overdue_now = [a for a in open_now if a.overdue_on(as_of)]
    closures = [(a, a.closed) for a in actions if a.closed is not None and a.closed <= as_of]
    (t_start, t_end), (p_start, p_end) = quarter_windows(as_of)
    owners = _owner_load(register, open_now, as_of)
    began = plan_start(actions, as_of)
    months = _months(closures, as_of, began)
    age, age_unknown = _ages(open_now, as_of)
    redated, redated_after_due = _redated(register, open_now, as_of)
    return Momentum(
        header=build_header(register, as_of, "Momentum",
                            subtitle="Is the action plan moving? Backlog, closures and slips"),
        as_of=as_of,
        open=len(open_now),
        overdue=len(overdue_now),
        closed_trailing_quarter=_count_between(closures, t_start, t_end),
        closed_previous_quarter=_count_between(closures, p_start, p_end),
        closed_by_month={m.month: m.closed for m in months},
        median_days_to_close=_median_days(closures),
        redated=redated,
        redated_after_due=redated_after_due,
        by_owner={o.owner: {"open": o.open, "overdue": o.overdue} for o in owners},
        trailing_quarter=_window(actions, closures, t_start, t_end),
        previous_quarter=_window(actions, closures, p_start, p_end),
        closed_total=len(closures),
        backlog=_backlog(actions, as_of, began),
        months=months,
        owners=owners,
        age=age,
        age_unknown=age_unknown,
        plan_start=began,
    )


def _redated(register: Register, open_now: list[ActionDates], as_of: dt.date) -> tuple[int, int]:
    """Open actions whose due date moved at least once by ``as_of``, as Git's history shows
    (:func:`~govtool.history.slips.slips`: silent re-dates too, each on its commit's day; for a
    past day only the commits the branch held then), and of them those moved at least once
    after the due date it moved had passed (by that day; a move not yet committed, today).
    Outside Git, or in a shallow clone, the files' re-date entries on their own dates."""
    from govtool.history.errors import HistoryUnavailable
    from govtool.history.slips import slips  # Git only for this figure

    try:
        found = slips(register.root, as_of, past=register.as_of is not None)
    except HistoryUnavailable:
        slipped = [a for a in open_now if a.redated_by(as_of) > 0]
        return len(slipped), sum(1 for a in slipped if a.redated_after_due_by(as_of))
    open_ids = {a.id for a in open_now}
    slipped_ids = {slip.record for slip in found} & open_ids
    late = {slip.record for slip in found if _moved_after_due(slip, as_of)}
    return len(slipped_ids), len(slipped_ids & late)


def _moved_after_due(slip: Slip, as_of: dt.date) -> bool:
    """A slip made after the due date it moved had passed; one not yet committed is made today."""
    day = slip.day if slip.day is not None or slip.seen_in == "entry" else as_of
    return day is not None and slip.moved_from is not None and day > slip.moved_from


def _count_between(closures: Closures, start: dt.date, end: dt.date) -> int:
    return sum(1 for _, d in closures if start <= d <= end)


def _window(actions: list[ActionDates], closures: Closures, start: dt.date, end: dt.date) -> Window:
    created = sum(1 for a in actions if a.created is not None and start <= a.created <= end)
    return Window(start, end, _count_between(closures, start, end), created)


def _median_days(closures: Closures) -> float | int | None:
    days = [(d - a.created).days for a, d in closures if a.created is not None and a.created <= d]
    if not days:
        return None
    median = statistics.median(days)
    return int(median) if float(median).is_integer() else float(median)


def _backlog(actions: list[ActionDates], as_of: dt.date, began: dt.date | None) -> list[BacklogPoint]:
    """The last 26 weeks, each ending ``as_of`` less a whole number of weeks: from the first
    week that ends on or after the plan began (the as-of week at least)."""
    points = []
    for weeks_back in range(BACKLOG_WEEKS - 1, -1, -1):
        day = as_of - dt.timedelta(weeks=weeks_back)
        if began is not None and day < began and weeks_back:
            continue
        open_then = [a for a in actions if a.open_on(day)]
        points.append(BacklogPoint(day, len(open_then), sum(1 for a in open_then if a.overdue_on(day))))
    return points


def _month_key(day: dt.date) -> tuple[int, int]:
    return (day.year, day.month)


def _months(closures: Closures, as_of: dt.date, began: dt.date | None) -> list[MonthClosures]:
    """Every month from the first closure (or 12 months back, or the month the plan began if
    later) to the as-of month, zeros included."""
    year, month = as_of.year, as_of.month - (MONTHS_SHOWN - 1)
    while month < 1:
        year, month = year - 1, month + 12
    if began is not None:
        year, month = max((year, month), _month_key(min(began, as_of)))
    first = min([(year, month), *(_month_key(d) for _, d in closures)])
    counts: dict[tuple[int, int], int] = {}
    for _, d in closures:
        counts[_month_key(d)] = counts.get(_month_key(d), 0) + 1
    result = []
    year, month = first
    while (year, month) <= _month_key(as_of):
        label = dt.date(year, month, 1).strftime("%b %Y")
        result.append(MonthClosures(f"{year:04d}-{month:02d}", label, counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _owner_load(register: Register, open_now: list[ActionDates], as_of: dt.date) -> list[OwnerLoad]:
    load: dict[str, OwnerLoad] = {}
    for action in open_now:
        key = action.owner or NO_OWNER
        if key not in load:
            person = register.person(action.owner)
            load[key] = OwnerLoad(key, person.name if person else key, person.role if person else None, 0, 0)
        load[key].open += 1
        if action.overdue_on(as_of):
            load[key].overdue += 1
    return sorted(load.values(), key=lambda o: (-o.open, -o.overdue, o.name.casefold(), o.owner))


def _ages(open_now: list[ActionDates], as_of: dt.date) -> tuple[list[AgeBucket], int]:
    counts = [0] * len(AGE_BUCKETS)
    unknown = 0
    for action in open_now:
        if action.created is None:
            unknown += 1
            continue
        age = (as_of - action.created).days
        for i, (_, oldest) in enumerate(AGE_BUCKETS):
            if oldest is None or age <= oldest:
                counts[i] += 1
                break
    return [AgeBucket(label, n) for (label, _), n in zip(AGE_BUCKETS, counts, strict=True)], unknown
