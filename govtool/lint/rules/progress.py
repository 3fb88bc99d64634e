"""Progress rules: is active work on time, and does it show where it is heading?"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.model import Redate, Reopening
from govtool.register.quiet import gone_quiet


def _day(date: dt.date) -> str:
    return date.isoformat()


@rule("overdue", "GT206", options={"grace_days": 0}, stops_commit=False)
def overdue(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An open or in-progress action past its due date.

    An overdue action is either late or re-dated without a record. Finish it, or move the due
    date with a `redates` entry that says why (`govtool redate ID --to DATE --reason ...`).
    `grace_days` allows that many days past the due date before reporting.

    Move the date before it is missed: a re-date recorded after the due date it moves settles
    this rule, but the action plan says so beside it ("re-dated 5 days after it was due"), and
    the momentum report counts the open actions whose date moved after it had passed.

    Anti-pattern:
    ```yaml
    due: 2026-03-31
    status: in_progress
    # today is 2026-05-01, nothing recorded
    ```

    Best practice:
    ```yaml
    due: 2026-06-30
    status: in_progress
    redates:
      - date: 2026-03-25
        from: 2026-03-31
        to: 2026-06-30
        reason: New MAR stock delayed by the supplier until May
    ```
    """
    grace = dt.timedelta(days=options["grace_days"])
    for action in ctx.register.actions.values():
        due = action.due
        if action.is_active and due is not None and due + grace < ctx.today:
            days = (ctx.today - due).days
            yield at(action, "due", f"{action.status.replace('_', ' ')} action was due on {_day(due)} ({days} days ago): "
                                    "finish it, or re-date it with the reason (govtool redate)")


@rule("no-trajectory", "GT205", stops_commit=False)
def no_trajectory(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An in-progress action with no next milestone, or whose next milestone date has passed.

    Trajectory is what tells a reader an in-progress action is on track: the latest progress
    note names the next step and its date. A milestone date in the past means the note is out
    of date; a milestone due after the action itself means the plan already expects it to be
    late (bring the milestone forward, or re-date the action with the reason).

    Anti-pattern:
    ```yaml
    status: in_progress
    updates:
      - date: 2026-02-10
        by: jane.smith
        note: Work ongoing.
    ```

    Best practice:
    ```yaml
    status: in_progress
    updates:
      - date: 2026-02-10
        by: jane.smith
        note: New consent form approved; old stock withdrawn.
        next_milestone: First monthly audit of 20 forms
        milestone_due: 2026-03-05
    ```
    """
    for action in ctx.register.actions.values():
        if action.status != "in_progress":
            continue
        latest = action.milestone_update
        if latest is None:
            where = ("updates", action.updates[-1].index) if action.updates else "status"
            yield at(action, where, "in progress with no next milestone: add an update with "
                                    "next_milestone and milestone_due (govtool update --next-milestone)")
        elif latest.milestone_due is None:
            yield at(action, ("updates", latest.index, "next_milestone"),
                     f"next milestone {latest.next_milestone!r} has no date: add milestone_due")
        elif latest.milestone_due < ctx.today:
            yield at(action, ("updates", latest.index, "milestone_due"),
                     f"next milestone {latest.next_milestone!r} was due on {_day(latest.milestone_due)}: "
                     "add an update saying whether it was met, with the next milestone and its date")
        elif action.due is not None and latest.milestone_due > action.due:
            yield at(action, ("updates", latest.index, "milestone_due"),
                     f"next milestone {latest.next_milestone!r} is due on {_day(latest.milestone_due)}, after the "
                     f"action's due date {_day(action.due)}: bring the milestone forward (govtool update "
                     f"--next-milestone ... --milestone-due ...) or re-date the action with the reason (govtool redate)")


_SCOPE_CHANGE = re.compile(
    r"\b(re-?scoped?|re-?scoping|(?:change[ds]?|new|reduced|revised|narrowed|widened|extended) scope"
    r"|scope (?:change[ds]?|reduced|revised|narrowed|widened|extended)|change of scope)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:no|not|without)\b[^.;]*$", re.IGNORECASE)


def scope_changed(redate: Redate) -> bool:
    """Whether a re-date's reason records a change of scope (and does not deny one)."""
    reason = redate.reason or ""
    match = _SCOPE_CHANGE.search(reason)
    return match is not None and not _NEGATED.search(reason[: match.start()])


@rule("repeated-slip", "GT207", "warning", options={"threshold": 3})
def repeated_slip(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An active action re-dated again and again without a change of scope.

    One re-date with a good reason is normal; the third is a sign that the action is too big,
    blocked, or not owned. Split it, escalate it, or re-scope it (say "re-scoped" in the
    re-date's reason: counting starts again after a change of scope). `threshold` is the
    number of re-dates that triggers the rule.

    Anti-pattern:
    ```yaml
    redates:
      - {date: 2026-03-25, from: 2026-03-31, to: 2026-04-30, reason: Staff sickness}
      - {date: 2026-04-28, from: 2026-04-30, to: 2026-05-31, reason: Staff sickness}
      - {date: 2026-05-29, from: 2026-05-31, to: 2026-06-30, reason: Still short-staffed}
    ```

    Best practice:
    ```yaml
    redates:
      - {date: 2026-03-25, from: 2026-03-31, to: 2026-04-30, reason: Staff sickness}
      - date: 2026-04-28
        from: 2026-04-30
        to: 2026-06-30
        reason: Re-scoped to the two nursing units first; residential units in ACT-7Q2K9E
    ```
    """
    threshold = options["threshold"]
    for action in ctx.register.actions.values():
        if not action.is_active:
            continue
        redates = action.redates
        since_scope = 0
        for redate in redates:
            since_scope = 0 if scope_changed(redate) else since_scope + 1
        if threshold > 0 and since_scope >= threshold:
            last = redates[-1]
            yield at(action, ("redates", last.index),
                     f"re-dated {since_scope} times without a change of scope: split the action, "
                     "escalate the blocker, or re-scope it and say so in the re-date's reason")


@rule("stale-action", "GT219", "warning", options={"days": 60}, stops_commit=False)
def stale_action(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An open or in-progress action with no progress note for a long time (`days`, default 60).

    A plan whose notes stopped months ago does not show an effective system to monitor
    quality (Regulation 17). Add a progress note, even if it says what is blocking the work.
    An open action counts too: one with nothing recorded since it was created is what an
    inspector reads as drift, not "on track"; a note saying when the work will start, or what
    it waits for, answers it. The count starts on the day the action was created (or reopened)
    and only a progress note resets it: a re-date, an edit or a handover says nothing about
    how the work stands. The digest's "Gone quiet" is this rule, with the same `days`, and the
    action plan shows such an action as Amber with the reason instead of "on track".

    Anti-pattern:
    ```yaml
    status: in_progress
    updates:
      - {date: 2026-01-10, by: jane.smith, note: Started.}
    # today is 2026-06-01
    ```

    ```yaml
    status: open
    created: 2026-01-10
    # today is 2026-06-01, nothing recorded
    ```

    Best practice:
    ```yaml
    status: in_progress
    updates:
      - {date: 2026-01-10, by: jane.smith, note: Started.}
      - date: 2026-05-20
        by: jane.smith
        note: Two of five units trained; the rest booked for June.
        next_milestone: All five units trained
        milestone_due: 2026-06-30
    ```
    """
    for action in ctx.register.actions.values():
        quiet = gone_quiet(action, ctx.today, options["days"])
        if quiet is None:
            continue
        days = quiet.days_to(ctx.today)
        where = quiet.entry.field_path if quiet.entry is not None else "status"
        if action.status == "open" and quiet.entry is None:
            yield at(action, where, f"open with no progress note since it was created on {_day(quiet.date)} "
                                    f"({days} days): add a progress note saying when the work starts, or what it "
                                    "waits for, with its first milestone (govtool update --next-milestone)")
            continue
        since = (f"it was reopened on {_day(quiet.date)}" if isinstance(quiet.entry, Reopening)
                 else _day(quiet.date))
        yield at(action, where, f"no progress note since {since} ({days} days): "
                                "add an update (govtool update), even if it says what is blocking the work")
