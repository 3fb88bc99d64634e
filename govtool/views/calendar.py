"""The register's dates as an iCalendar (RFC 5545) feed, built with the ``icalendar`` library.

One all-day event per date someone has to act on: an open action's due date, its next
milestone, a risk's next routine review (on the ``risk-not-reviewed`` rule's intervals), a
risk's re-assessment after a linked action closed (``reassessment-due``'s grace days), and a
source's ``response_due`` until it is sent or met. Each event's UID is made from the register's
identity (provider and location), the record's ID and the kind of date, never from the date
itself: importing the feed again moves an event that changed instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from icalendar import Calendar, Event

from govtool import __version__
from govtool.lint.options import rule_options
from govtool.register.deadlines import nothing_recorded, response_pending, unanswered_findings
from govtool.register.model import Action, Register
from govtool.register.people import resolve_person
from govtool.register.risk import closures_awaiting_review, review_schedule
from govtool.support.terminal import printable

PRODID = f"-//govtool//govtool {__version__}//EN"


@dataclass(frozen=True)
class Dated:
    """One date to put in the calendar."""

    record_id: str
    #: "due", "milestone", "review", "reassessment-ACT-…", "response"
    kind: str
    day: dt.date
    summary: str
    description: str
    category: str


def register_key(register: Register) -> str:
    """A short, stable name for the register: the same on every clone and in every folder."""
    identity = f"{register.settings.provider or ''}\0{register.settings.location or ''}"
    return hashlib.blake2b(identity.encode(), digest_size=6).hexdigest()


def event_uid(register: Register, record_id: str, kind: str) -> str:
    return f"{record_id}.{kind}.{register_key(register)}@govtool"


def build_calendar(register: Register, owner: str | None = None, stamp: dt.datetime | None = None,
                   as_of: dt.date | None = None) -> Calendar:
    """The feed; ``owner`` keeps that person's actions and risks only.

    ``as_of`` (default: the day of ``stamp``, now) is the day the feed is made for: each date
    already passed says so in its description. ``stamp`` is the feed's DTSTAMP.
    """
    wanted = resolve_person(register.people, owner, "--owner") if owner is not None else None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = _clean(f"{register.settings.location or register.settings.provider or 'Register'}: improvement plan")
    calendar.add("x-wr-calname", title)
    calendar.add("name", title)  # RFC 7986
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    day = as_of or stamp.date()
    for dated in sorted(dates(register, day, wanted), key=lambda d: (d.day, d.record_id, d.kind)):
        event = Event()
        event.add("uid", event_uid(register, dated.record_id, dated.kind))
        event.add("dtstamp", stamp)
        event.add("dtstart", dated.day)
        if dated.day < dt.date.max:  # an all-day event without DTEND lasts the day (RFC 5545 3.6.1)
            event.add("dtend", dated.day + dt.timedelta(days=1))
        event.add("summary", _clean(dated.summary))
        event.add("description", _clean(_passed(dated.day, day) + dated.description))
        event.add("categories", [dated.category])
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make anyone busy
        calendar.add_component(event)
    return calendar


def dates(register: Register, as_of: dt.date, owner: str | None = None) -> Iterator[Dated]:
    """Every date the feed holds on ``as_of``, unsorted; ``owner`` (a stored owner value) filters."""
    for action in register.actions.values():
        if action.is_active and (owner is None or action.owner == owner):
            yield from _action_dates(register, action)
    review_options = rule_options(register.settings, "risk-not-reviewed")
    grace = dt.timedelta(days=int(rule_options(register.settings, "reassessment-due")["grace_days"]))
    for risk in register.risks.values():
        if owner is not None and risk.owner != owner:
            continue
        name = f"{risk.title or risk.id} ({risk.id})"
        schedule = review_schedule(risk, register.settings.risk_bands, review_options["days"],
                                   int(review_options["default_days"]))
        if schedule is not None:
            since = "last reviewed" if schedule.reviewed else "entered"
            yield Dated(risk.id, "review", schedule.due, f"Risk review due: {name}",
                        f"{since} {schedule.since.isoformat()}; {schedule.band or 'unbanded'} risks are reviewed every "
                        f"{schedule.interval_days} days. Owner: {register.display_name(risk.owner)}. "
                        f"Record it with: govtool review {risk.id}", "Risk review")
        for closed in closures_awaiting_review(risk):
            assert closed.closed_on is not None  # closures_awaiting_review keeps closed actions only
            yield Dated(risk.id, f"reassessment-{closed.id}", closed.closed_on + grace,
                        f"Re-assess risk after {closed.id} closed: {name}",
                        f"{closed.id} ({closed.title or 'no title'}) closed on {closed.closed_on.isoformat()}: "
                        f"re-score the risk and re-rate its control. Record it with: govtool review {risk.id}",
                        "Risk review")
    if owner is not None:
        return  # sources have no owner
    for source in register.sources.values():
        due = source.response_due
        # A response sent (response_sent), or whose date has passed with every finding answered,
        # is met: it leaves the feed, as a completed action's due date does, instead of showing
        # as overdue for ever.
        # One with no findings and no action is not: nothing shows it was made.
        if due is not None and response_pending(source, as_of):
            unanswered = [f.id for f in unanswered_findings(source)]
            left = (f" Findings with no action yet: {', '.join(unanswered)}." if unanswered
                    else " No findings and no action recorded yet." if nothing_recorded(source) else "")
            yield Dated(source.id, "response", due, f"Response due: {source.title or source.id} ({source.id})",
                        f"The response to {source.id} ({(source.type or 'source').replace('_', ' ')}) is due.{left}",
                        "Response due")


def _action_dates(register: Register, action: Action) -> Iterator[Dated]:
    owner = register.display_name(action.owner) or "no owner"
    title = action.title or "no title"
    if action.due is not None:
        yield Dated(action.id, "due", action.due, f"Due: {title} ({action.id})",
                    f"Owner: {owner}. Status: {(action.status or '').replace('_', ' ')}. "
                    f"Target: {action.measure.target if action.measure and action.measure.target else 'not recorded'}.",
                    "Action due")
    milestone = action.milestone_update
    if milestone is not None and milestone.milestone_due is not None:
        yield Dated(action.id, "milestone", milestone.milestone_due,
                    f"Milestone: {milestone.next_milestone} ({action.id})",
                    f"Next milestone of {action.id} ({title}). Owner: {owner}. "
                    f"Record progress with: govtool update {action.id}", "Milestone")


def _passed(date: dt.date, today: dt.date) -> str:
    """'Overdue by 3 days (as of 2027-02-03). ' for a date before ``today``: every event in the
    feed is still to act on, so one in the past has been missed."""
    late = (today - date).days
    if late <= 0:
        return ""
    return f"Overdue by {late} day{'' if late == 1 else 's'} (as of {today.isoformat()}). "


def _clean(text: str) -> str:
    """Register text without control characters (icalendar escapes the rest)."""
    return " ".join(printable(text).split())
