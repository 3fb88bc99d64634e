"""Date rules: an action's dates tell one story, in order, none of it yet in the future, and its
words promise the date its due date does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.model import Action, Record, Reopening, TrailEntry
from govtool.register.stated_deadline import StatedDeadline, long_date, stated_deadline


@rule("due-before-created", "GT213")
def due_before_created(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action due before the day it was created.

    Usually a typing slip (a swapped day and month, or last year). A plan copied from an older
    document keeps the original creation date and a due date after it.

    Anti-pattern:
    ```yaml
    created: 2026-03-10
    due: 2026-01-31
    ```

    Best practice:
    ```yaml
    created: 2026-03-10
    due: 2026-05-31
    ```
    """
    for action in ctx.register.actions.values():
        created, due = action.created, action.due
        if created and due and due < created:
            yield at(action, "due", f"due {due.isoformat()} is before the action was created ({created.isoformat()}): "
                                    "correct the date")


@rule("trail-date-order", "GT214")
def trail_date_order(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """Trail entries dated out of order, or before the action was created.

    The trail is a diary: notes and re-dates oldest first, the completion on or after the last
    progress note (the work was still going on then) and the last reopening, the sign-off
    after the completion it signs off, a reopening on or after the completion (and the
    sign-off) it set aside, and a note written after a reopening on or after that reopening.
    Dates out of order usually mean a typo, or an entry
    inserted in the middle instead of appended at the end. Only the current completion counts:
    one a reopening set aside is history, and notes after it belong to the reopened work. A
    note dated after the completion a reopening set aside was written after that reopening (no
    note is written while an action stands completed), so it is dated on or after the
    reopening too. (A re-date after the completion is not reported: a completed action can
    still be re-dated.)

    Anti-pattern:
    ```yaml
    created: 2026-03-10
    updates:
      - {date: 2026-04-20, by: jane.smith, note: Audit tool agreed.}
      - {date: 2026-04-02, by: jane.smith, note: First audit done.}
    completion: {date: 2026-05-30, by: jane.smith, change: ...}
    closure: {date: 2026-05-12, by: sam.patel, note: ...}
    ```

    Best practice:
    ```yaml
    created: 2026-03-10
    updates:
      - {date: 2026-04-02, by: jane.smith, note: Audit tool agreed.}
      - {date: 2026-04-20, by: jane.smith, note: First audit done.}
    completion: {date: 2026-05-30, by: jane.smith, change: ...}
    closure: {date: 2026-06-12, by: sam.patel, note: ...}
    ```
    """
    for action in ctx.register.actions.values():
        yield from _out_of_order(action)


#: The trail lists whose entries go oldest first: each is dated on or after the one before it.
ORDERED_LISTS = ("updates", "redates", "edits", "reopened")


@dataclass(frozen=True)
class Floor:
    """A day a trail entry may not be dated before, as ``trail-date-order`` reads the trail."""

    #: "created" (the action's creation), "earlier" (the entry before it in its list),
    #: "signed-off" (the completion a closure signs off), "set-aside" (the completion or the
    #: sign-off a reopening sets aside), for a completion "progress" (the last progress
    #: note), "reopened" (the last reopening) and "re-dated" (the last re-date), and for a
    #: progress note "reopened" (the reopening it follows)
    kind: str
    date: dt.date
    #: the entry it follows ("update 2", "completion"); "created" for the action's creation
    label: str


def date_floors(action: Action, part: str, index: int | None = None, *, recording: bool = False) -> list[Floor]:
    """The days the entry at ``index`` of the trail part ``part`` (``updates``, ``closure``, ...)
    may not be dated before; ``index`` None: a new entry appended to ``part``, or the single
    entry ``part`` is. The one statement of the order ``trail-date-order`` reports and the
    lifecycle commands' ``--date`` refuses: no entry before the action was created, each entry
    of a list on or after the one before it, a completion on or after the last progress note
    and the last reopening, a closure on or after the completion it signs off, a reopening
    on or after the completion and the sign-off it sets aside (for a new one: the action's own),
    and a progress note on or after the reopening it follows (for a new one: the last; for one
    on file: the last whose set-aside completion is dated before the note, see
    :func:`_reopening_followed`).

    ``recording``: the entry is being recorded now, after everything on file. A completion
    recorded now also follows the last re-date (every re-date on file was made while the work
    was going on); one on file does not have to, since a completed action can be re-dated
    after its completion."""
    floors = []
    if action.created is not None:
        floors.append(Floor("created", action.created, "created"))
    if part in ORDERED_LISTS:
        entries = _listed(action, part)
        end = len(entries) if index is None else min(index, len(entries))
        # walking back to the nearest dated entry (no copy of the list) keeps trail-date-order
        # linear in the trail's length
        previous = next((entries[i] for i in range(end - 1, -1, -1) if entries[i].date is not None), None)
        if previous is not None and previous.date is not None:
            floors.append(Floor("earlier", previous.date, previous.label))
    if part == "updates":
        # a note written after a reopening belongs to the reopened work: dated on or after it
        noted = action.updates[index].date if index is not None and index < len(action.updates) else None
        reopening = _reopening_followed(action, noted, new=index is None)
        if reopening is not None and reopening.date is not None:
            floors.append(Floor("reopened", reopening.date, reopening.label))
    if part == "completion":
        # the current completion came after every progress note and reopening on file: notes are
        # written only while the work goes on, and a reopening takes the completion before it away
        followed: list[tuple[str, Sequence[TrailEntry]]] = [("progress", action.updates),
                                                            ("reopened", action.reopenings)]
        if recording:
            followed.append(("re-dated", action.redates))
        for kind, entries in followed:
            latest = _latest(entries)
            if latest is not None and latest.date is not None:
                floors.append(Floor(kind, latest.date, latest.label))
    if part == "reopened":
        # a reopening comes after the completion (and the sign-off) it sets aside: those of the
        # entry on file, or for a new one the action's current ones
        reopenings = action.reopenings
        if index is not None and index < len(reopenings):
            set_aside: Sequence[TrailEntry | None] = (reopenings[index].completion, reopenings[index].closure)
        else:
            set_aside = (action.completion, action.closure)
        floors.extend(Floor("set-aside", entry.date, entry.label)
                      for entry in set_aside if entry is not None and entry.date is not None)
    completion = action.completion
    if part == "closure" and completion is not None and completion.date is not None:
        floors.append(Floor("signed-off", completion.date, completion.label))
    return floors


def _reopening_followed(action: Action, noted: dt.date | None, new: bool) -> Reopening | None:
    """The reopening a progress note follows: for a ``new`` one, the last; for one on file dated
    ``noted``, the last whose completion set aside is dated before the note. Notes are written
    only while the work goes on (not while the action is completed) and a completion follows
    every note before it, so a note dated after a completion that a reopening set aside was
    written after that reopening. None: no reopening it follows (or none dated)."""
    reopenings = action.reopenings
    if new:
        latest = _latest(reopenings)
        return latest if isinstance(latest, Reopening) else None
    if noted is None:
        return None
    followed = None
    for reopening in reopenings:
        ended = next((entry.date for entry in (reopening.completion, reopening.closure)
                      if entry is not None and entry.date is not None), None)
        if reopening.date is None or ended is None or ended >= noted:
            continue
        if followed is None or followed.date is None or reopening.date >= followed.date:
            followed = reopening
    return followed


def _listed(action: Action, part: str) -> Sequence[TrailEntry]:
    """The entries of one of ``ORDERED_LISTS``, in file order."""
    lists: dict[str, Sequence[TrailEntry]] = {"updates": action.updates, "redates": action.redates,
                                              "edits": action.edits, "reopened": action.reopenings}
    return lists[part]


def _latest(entries: Sequence[TrailEntry]) -> TrailEntry | None:
    """The latest-dated of ``entries`` (the last in the file of those dated that day)."""
    dated = [(entry.date, i) for i, entry in enumerate(entries) if entry.date is not None]
    return entries[max(dated)[1]] if dated else None


def _out_of_order(action: Action) -> Iterator[Report]:
    for entry in action.trail:
        date = entry.date
        if date is None:
            continue
        part, index = entry.field_path[0], entry.field_path[1] if len(entry.field_path) > 1 else None
        for floor in date_floors(action, str(part), None if index is None else int(index)):
            if date >= floor.date:
                continue
            if floor.kind == "created":
                message = (f"{entry.label} is dated {date.isoformat()}, before the action was created "
                           f"({floor.date.isoformat()}): correct the date")
            elif floor.kind == "earlier":
                message = (f"{entry.label} ({date.isoformat()}) is dated before {floor.label} "
                           f"({floor.date.isoformat()}): entries go oldest first; correct the date")
            elif floor.kind == "progress":
                message = (f"{entry.label} ({date.isoformat()}) is dated before the last progress note "
                           f"({floor.label}, {floor.date.isoformat()}): the work was still going on then: date the "
                           f"completion on or after {floor.date.isoformat()} (once committed: reopen the action "
                           f"with 'govtool reopen {action.id} --reason ...' and complete it again)")
            elif floor.kind == "reopened" and part == "updates":
                message = (f"{entry.label} ({date.isoformat()}) is dated before {floor.label} "
                           f"({floor.date.isoformat()}), which it follows: a progress note after a reopening "
                           f"is part of the reopened work, dated on or after it: correct the date")
            elif floor.kind == "reopened":
                message = (f"{entry.label} ({date.isoformat()}) is dated before {floor.label} "
                           f"({floor.date.isoformat()}), which set the earlier completion aside: correct the date")
            elif floor.kind == "set-aside":
                what, done = SET_ASIDE[floor.label]
                message = (f"{entry.label} ({date.isoformat()}) is dated before the {what} it set aside "
                           f"({floor.date.isoformat()}): an action is reopened after it was {done}: correct the date")
            else:
                message = (f"{entry.label} ({date.isoformat()}) is dated before the completion it signs off "
                           f"({floor.date.isoformat()}): correct the date")
            yield at(action, (*entry.field_path, "date"), message)


#: What a reopening sets aside (by the entry's label, a "set-aside" floor's), as messages name it,
#: and what had been done to the action then.
SET_ASIDE = {"completion": ("completion", "completed"), "closure": ("sign-off", "signed off")}


def in_future(date: dt.date, today: dt.date) -> bool:
    """Whether a trail entry dated ``date`` is one ``future-date`` reports on ``today``: an entry
    records what has happened, so it is dated today at the latest."""
    return date > today


@rule("future-date", "GT215")
def future_date(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A creation date, trail entry, source or response sent dated in the future.

    A note, re-date, completion or sign-off records something that happened: it cannot be
    dated after today. So does a source: the inspection, incident, complaint or audit has
    already taken place; and so does the day its response was sent (`response_sent`). (Due dates, milestone dates and a source's `response_due` are plans
    and may be in the future.)

    Anti-pattern:
    ```yaml
    # today is 2026-04-01
    completion: {date: 2026-04-30, by: jane.smith, change: ...}
    ```

    Best practice:
    ```yaml
    # record the completion on the day it happens
    completion: {date: 2026-04-01, by: jane.smith, change: ...}
    ```
    """
    today = ctx.today
    for source in ctx.register.sources.values():
        if source.date and source.date > today:
            yield at(source, "date", f"source dated {source.date.isoformat()}, in the future: a source records "
                                     "what has happened: correct the date to the day of the report, incident or audit")
        sent = source.response_sent
        if sent and sent > today:
            yield at(source, "response_sent", f"response_sent {sent.isoformat()} is in the future: it records the day "
                                              "the response was sent: correct it, or remove it until it is sent "
                                              f"(govtool edit {source.id} --response-sent - --reason ...)")
        yield from _future_entries(source, source.trail, today)
    for action in ctx.register.actions.values():
        created = action.created
        if created and created > today:
            yield at(action, "created", f"created {created.isoformat()} is in the future: "
                                        "use the date the action was agreed")
        yield from _future_entries(action, action.trail, today)


def _future_entries(record: Record, trail: Iterable[TrailEntry], today: dt.date) -> Iterator[Report]:
    for entry in trail:
        if entry.date and in_future(entry.date, today):
            yield at(record, (*entry.field_path, "date"),
                     f"{entry.label} is dated {entry.date.isoformat()}, in the future: record it on the day it happens")


@rule("deadline-mismatch", "GT220", "warning")
def deadline_mismatch(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An open or in-progress action whose title or description states a deadline its due date does not keep.

    "Complete the fire risk assessment actions by 31 January 2027" with `due: 2026-12-18`, or a
    title that still says "by 30 November 2026" after the action was re-dated: the plan makes
    two commitments, and an inspector asks which one is real. A deadline is a date after "by",
    "before", "no later than", "deadline" or "due", written as a day ("31 January 2027",
    "31 Jan 2027", "31/01/2027", "31/01/27", "31.01.2027", "2027-01-31") or a month
    ("January 2027", "end of January 2027"). A day should be the due date; a month is kept by
    any due date up to its last day (finishing early is fine). A date without a year ("by the
    end of March") or a quarter ("Q1 2027", calendar or financial year?) says no day and is
    not read; of several deadlines the latest counts, and one followed by more work ("live by
    31 May 2026, then 8 clean weekly reports") may come before the due date. Closed, completed
    and cancelled actions are not judged: their dates are history.

    Anti-pattern:
    ```yaml
    title: Replace the 6 sensor mats over 5 years old by 30 November 2026
    due: 2027-01-31
    redates:
      - {date: 2026-11-20, from: 2026-11-30, to: 2027-01-31, reason: Supplier delay, by: jane.smith}
    ```

    Best practice:
    ```yaml
    title: Replace the 6 sensor mats over 5 years old by 31 January 2027
    due: 2027-01-31
    redates:
      - {date: 2026-11-20, from: 2026-11-30, to: 2027-01-31, reason: Supplier delay, by: jane.smith}
    edits:
      - {date: 2026-11-20, by: jane.smith, fields: [title], reason: Title gave the date before the re-date}
    ```
    """
    for action in ctx.register.actions.values():
        due = action.due
        if not action.is_active or due is None:
            continue
        for field_name, text in (("title", action.title), ("description", action.description)):
            stated = stated_deadline(text)
            if stated is not None and not stated.kept_by(due):
                yield at(action, field_name, _mismatch(action, field_name, stated, due, ctx.today))


def _mismatch(action: Action, field_name: str, stated: StatedDeadline, due: dt.date, today: dt.date) -> str:
    edit = f'govtool edit {action.id} --{field_name} "..." --reason "..."'
    if any(r.from_ == stated.promised for r in action.redates):
        return (f"the {field_name} still says '{stated.words}' but the action was re-dated and is due on "
                f"{long_date(due)}: edit the {field_name} to match ({edit})")
    says = f"the {field_name} says '{stated.words}' but the due date is {long_date(due)}: make them agree"
    if stated.promised < today:
        return f"{says} (edit the {field_name}: {edit})"
    return (f"{says} (edit the {field_name}, or re-date with a reason: "
            f'govtool redate {action.id} --to {stated.promised.isoformat()} --reason "...")')
