"""The digest: per owner, what is overdue, due soon, which milestones fall due, what has gone
quiet, which risk reviews fall due; and for the quality lead, the whole register at a glance.

Only open and in-progress actions are listed under their owners: a completed action waits for
sign-off, which is the governance meeting's job, not the owner's. So the whole-register
section, the quality lead's, lists every completed action awaiting sign-off (its ``close``),
oldest completion first, so that none sits forgotten. One action may appear under several
headings (overdue and gone quiet, say): each heading asks for something different.

A risk's owner is reminded of its reviews: the routine review, due by the interval for its
band, and the re-assessment owed after a linked action closed. Both are computed by the
functions lint's ``risk-not-reviewed`` and ``reassessment-due`` use, on the same settings, so
the digest reminds of a review before the day lint reports it missed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from govtool.lint.options import rule_options
from govtool.lint.rules.risks import scheduled_review
from govtool.register.deadlines import nothing_recorded, response_pending, unanswered_findings
from govtool.register.model import Action, Register, Risk
from govtool.register.people import resolve_person
from govtool.register.quiet import gone_quiet
from govtool.register.risk import reassessment_due
from govtool.report.header import build_header
from govtool.report.render import format_date
from govtool.report.views import Header

DEFAULT_WITHIN_DAYS = 14
NO_OWNER = "(no owner)"


@dataclass
class DigestItem:
    """One action under one heading, with the words that say why it is there."""

    id: str
    title: str | None
    status: str | None
    due: dt.date | None
    #: "overdue by 12 days", "due in 3 days", "milestone missed 2 days ago", "no progress note for 75 days",
    #: "not started: no progress note for 90 days" (an open action, nothing since it was created)
    why: str
    milestone: str | None = None
    milestone_due: dt.date | None = None
    #: gone quiet: the day of its last progress (a progress note, else the day it was created or
    #: reopened); the name kept for the JSON scripts read
    last_entry: dt.date | None = None


@dataclass
class ReviewItem:
    """A risk review that falls due, with the words that say why."""

    id: str  # the risk's ID
    title: str | None
    due: dt.date
    #: "review overdue by 12 days", "review due in 5 days", "re-assessment due today"
    why: str
    #: "last reviewed 2026-08-01; high risks are reviewed every 90 days", "ACT-7Q2K9D closed on 2026-10-01"
    detail: str


@dataclass
class OwnerDigest:
    owner: str  # the people-directory ID, the name as stored, or "(no owner)"
    name: str
    role: str | None
    email: str | None
    #: False when the owner is not in the people directory, or has left
    in_directory: bool
    #: their last working day, when that is before the as-of date (they have left by then)
    left: dt.date | None = None
    overdue: list[DigestItem] = field(default_factory=list)
    due_soon: list[DigestItem] = field(default_factory=list)
    milestones: list[DigestItem] = field(default_factory=list)
    quiet: list[DigestItem] = field(default_factory=list)
    #: risk reviews due by the end of the window, or past
    reviews: list[ReviewItem] = field(default_factory=list)
    #: open or in-progress actions the owner holds in all
    active: int = 0

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.milestones) + len(self.quiet) + len(self.reviews)


@dataclass
class ResponseDue:
    """A source whose response (e.g. the action plan CQC asked for) is due or past."""

    id: str
    title: str | None
    type: str | None
    response_due: dt.date
    why: str  # "due in 5 days", "was due 3 days ago"
    #: findings of the source that no action answers yet
    unanswered: list[str]
    #: True when the source lists no findings and no action answers it: nothing shows the
    #: response was made (the action plan says the same)
    nothing_recorded: bool = False


@dataclass
class AwaitingSignOff:
    """A completed action not yet closed: the sign-off (``govtool close``) is still to come."""

    id: str
    title: str | None
    owner: str  # the people-directory ID, the name as stored, or "(no owner)"
    owner_name: str
    #: the completion's date (None: not dated)
    completed: dt.date | None
    #: "awaiting sign-off for 12 days", "completed today", "completion not dated"
    why: str


@dataclass
class Totals:
    overdue: int
    due_soon: int
    milestones: int
    quiet: int
    active: int
    reviews: int = 0
    #: completed actions awaiting sign-off (the whole register's figure; 0 in one owner's)
    awaiting_sign_off: int = 0


@dataclass
class Digest:
    header: Header
    as_of: dt.date
    within_days: int
    until: dt.date  # the last day counted as "due soon"
    quiet_days: int
    #: owners with something to do, most urgent first
    owners: list[OwnerDigest]
    #: False when the digest is one owner's only (--owner, or one owner's email)
    whole_register: bool
    totals: Totals
    responses: list[ResponseDue]
    #: completed actions awaiting sign-off, oldest completion first (whole register only)
    awaiting_sign_off: list[AwaitingSignOff] = field(default_factory=list)


def build_digest(register: Register, as_of: dt.date, within_days: int = DEFAULT_WITHIN_DAYS,
                 owner: str | None = None) -> Digest:
    """The digest for ``as_of``; ``owner`` (an ID or a name) keeps that owner's part only."""
    quiet_days = int(rule_options(register.settings, "stale-action")["days"])
    until = as_of + dt.timedelta(days=within_days)
    wanted = resolve_person(register.people, owner, "--owner") if owner is not None else None
    owners: dict[str, OwnerDigest] = {}
    for action in sorted(register.actions.values(), key=lambda a: (a.due or dt.date.max, a.id)):
        if not action.is_active:
            continue
        key = action.owner or NO_OWNER
        if wanted is not None and key != wanted:
            continue
        entry = owners.get(key) or owners.setdefault(key, _owner(register, key, as_of))
        entry.active += 1
        _sort_into(entry, action, as_of, until, quiet_days)
    review_options = rule_options(register.settings, "risk-not-reviewed")
    grace_days = int(rule_options(register.settings, "reassessment-due")["grace_days"])
    for risk in sorted(register.risks.values(), key=lambda r: r.id):
        key = risk.owner or NO_OWNER
        if wanted is not None and key != wanted:
            continue
        reviews = _reviews(register, risk, as_of, until, review_options, grace_days)
        if reviews:
            entry = owners.get(key) or owners.setdefault(key, _owner(register, key, as_of))
            entry.reviews += reviews
    listed = sorted((o for o in owners.values() if o.count),
                    key=lambda o: (-len(o.overdue), -o.count, o.name.casefold(), o.owner))
    awaiting = _awaiting_sign_off(register, as_of) if wanted is None else []
    totals = Totals(
        overdue=sum(len(o.overdue) for o in listed), due_soon=sum(len(o.due_soon) for o in listed),
        milestones=sum(len(o.milestones) for o in listed), quiet=sum(len(o.quiet) for o in listed),
        active=sum(o.active for o in owners.values()), reviews=sum(len(o.reviews) for o in listed),
        awaiting_sign_off=len(awaiting),
    )
    subtitle = f"Overdue, due by {format_date(until)}, milestones, actions gone quiet, and risk reviews"
    filters = [f"owner {owners[wanted].name if wanted in owners else wanted}"] if wanted else []
    return Digest(
        header=build_header(register, as_of, "Reminders", subtitle=subtitle, filters=filters),
        as_of=as_of, within_days=within_days, until=until, quiet_days=quiet_days,
        owners=listed, whole_register=wanted is None, totals=totals,
        responses=_responses(register, as_of, until) if wanted is None else [],
        awaiting_sign_off=awaiting,
    )


def for_owner(digest: Digest, owner: OwnerDigest) -> Digest:
    """The digest as one owner's email shows it: their part only."""
    totals = owner_totals(owner)
    header = Header(**{**vars(digest.header), "filters": [f"owner {owner.name}"]})
    return Digest(header, digest.as_of, digest.within_days, digest.until, digest.quiet_days,
                  [owner], False, totals, [])


def owner_totals(owner: OwnerDigest) -> Totals:
    """One owner's figures, as their email's subject and totals give them."""
    return Totals(len(owner.overdue), len(owner.due_soon), len(owner.milestones), len(owner.quiet), owner.active,
                  len(owner.reviews))


def _reviews(register: Register, risk: Risk, as_of: dt.date, until: dt.date, options: dict[str, object],
             grace_days: int) -> list[ReviewItem]:
    """The reviews of ``risk`` due on or before ``until`` (or past): the routine one, by lint's
    schedule, and each re-assessment owed after a linked action closed, by lint's grace."""
    found = []
    schedule = scheduled_review(risk, register.settings, options)
    if schedule is not None and schedule.due <= until:
        since = "last reviewed" if schedule.reviewed else "never reviewed; entered"
        found.append(ReviewItem(risk.id, risk.title, schedule.due, _when("review", schedule.due, as_of),
                                f"{since} {format_date(schedule.since)}; {schedule.band or 'unbanded'} risks are "
                                f"reviewed every {_days(schedule.interval_days)}"))
    # reassessment_due lists what is past its grace on a day: the day after the window's last is
    # every re-assessment due by then.
    for owed in reassessment_due(risk, until + dt.timedelta(days=1), grace_days):
        found.append(ReviewItem(risk.id, risk.title, owed.due_on, _when("re-assessment", owed.due_on, as_of),
                                f"{owed.action.id} closed on {format_date(owed.closed_on)}: re-score the risk "
                                "and re-rate its control"))
    return sorted(found, key=lambda item: item.due)


def _when(what: str, due: dt.date, as_of: dt.date) -> str:
    if due < as_of:
        return f"{what} overdue by {_days((as_of - due).days)}"
    return f"{what} due today" if due == as_of else f"{what} due in {_days((due - as_of).days)}"


def _owner(register: Register, key: str, as_of: dt.date) -> OwnerDigest:
    person = register.person(key) if key != NO_OWNER else None
    if person is None:
        return OwnerDigest(key, key, None, None, False)
    gone = person.left if not person.in_post_on(as_of) else None
    return OwnerDigest(key, person.name, person.role, person.email, gone is None, gone)


def _days(count: int) -> str:
    return f"{count} day{'' if count == 1 else 's'}"


def _sort_into(entry: OwnerDigest, action: Action, as_of: dt.date, until: dt.date, quiet_days: int) -> None:
    def item(why: str, milestone: str | None = None, milestone_due: dt.date | None = None,
             last: dt.date | None = None) -> DigestItem:
        return DigestItem(action.id, action.title, action.status, action.due, why, milestone, milestone_due, last)

    due = action.due
    if due is not None and due < as_of:
        entry.overdue.append(item(f"overdue by {_days((as_of - due).days)}"))
    elif due is not None and due <= until:
        ahead = (due - as_of).days
        entry.due_soon.append(item("due today" if ahead == 0 else f"due in {_days(ahead)}"))
    milestone = action.milestone_update
    if milestone is not None and milestone.milestone_due is not None and milestone.milestone_due <= until:
        when = milestone.milestone_due
        why = (f"milestone missed {_days((as_of - when).days)} ago" if when < as_of
               else "milestone due today" if when == as_of else f"milestone due in {_days((when - as_of).days)}")
        entry.milestones.append(item(why, milestone=milestone.next_milestone, milestone_due=when))
    quiet = gone_quiet(action, as_of, quiet_days)  # lint's stale-action, the same definition
    if quiet is not None:
        days = _days(quiet.days_to(as_of))
        never = action.status == "open" and quiet.entry is None  # created, and nothing since
        entry.quiet.append(item(f"not started: no progress note for {days}" if never else
                                f"no progress note for {days}", last=quiet.date))


def _awaiting_sign_off(register: Register, as_of: dt.date) -> list[AwaitingSignOff]:
    """Every completed action (not yet closed), the longest waiting first; undated ones first
    of all, since nothing says how long they have waited."""
    found = []
    for action in register.actions.values():
        if action.status != "completed":
            continue
        completion = action.completion
        done = completion.date if completion is not None else None
        if done is None:
            why = "completion not dated"
        elif done >= as_of:
            why = "awaiting sign-off since today" if done == as_of else "completion dated in the future"
        else:
            why = f"awaiting sign-off for {_days((as_of - done).days)}"
        key = action.owner or NO_OWNER
        person = register.person(key) if key != NO_OWNER else None
        found.append(AwaitingSignOff(action.id, action.title, key, person.name if person else key, done, why))
    return sorted(found, key=lambda a: (a.completed or dt.date.min, a.id))


def _responses(register: Register, as_of: dt.date, until: dt.date) -> list[ResponseDue]:
    found = []
    for source in register.sources.values():
        due = source.response_due
        if due is None or due > until or not response_pending(source, as_of):
            continue  # none, later than the window, or past with every finding answered: met
        unanswered = [f.id for f in unanswered_findings(source)]
        ahead = (due - as_of).days
        why = (f"was due {_days(-ahead)} ago" if ahead < 0 else "due today" if ahead == 0 else f"due in {_days(ahead)}")
        found.append(ResponseDue(source.id, source.title, source.type, due, why, unanswered,
                                 nothing_recorded(source)))
    return sorted(found, key=lambda r: (r.response_due, r.id))
