"""RAG status: the one definition the reports, the export and every other view use.

Red: overdue, or off track (the next milestone's date has passed). Amber: open or in progress;
"on track" only when something shows it: an action in progress needs a next milestone (as
lint's no-trajectory asks), and an action that has gone quiet (lint's stale-action: no progress
note for its ``days``; for an open action, nothing since it was created) says so instead.
Green: completed, awaiting sign-off. Blue: closed, complete and assured: the evidence was
checked by someone other than the person who completed the work. A closure signed by the
person who recorded the completion is no such check (lint's self-assured-closure), so it
stays Green, "not independently assured"; so does one typed in (committed) by the person who
completed the action or typed in its completion, when the caller knows from Git who typed
what (the action plan; lint's self-recorded-closure). Grey: cancelled. The next milestone is the
one the latest update that set one named: a later progress note without a milestone does not
clear it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.model import Action, Register
from govtool.register.quiet import gone_quiet
from govtool.register.recorded import Recorded


@dataclass(frozen=True)
class Milestone:
    text: str | None
    due: dt.date | None
    past: bool  # its date has passed


@dataclass(frozen=True)
class RagStatus:
    """A status colour with its word, so that colour is never the only signal."""

    colour: str  # red, amber, green, blue, grey
    label: str  # "Red", "Amber", ...
    reason: str  # "overdue by 12 days", "on track", ...


def next_milestone(action: Action, today: dt.date) -> Milestone | None:
    """The milestone the action is working towards, if it is active and one was set."""
    if not action.is_active:
        return None
    for update in reversed(action.updates):
        if update.next_milestone or update.milestone_due:
            past = update.milestone_due is not None and update.milestone_due < today
            return Milestone(update.next_milestone, update.milestone_due, past)
    return None


def self_assured(register: Register, action: Action) -> bool:
    """Whether the action's sign-off is by the person who recorded its completion: the
    evidence was not checked by anyone else (whoever owns the action)."""
    closure, completion = action.closure, action.completion
    return closure is not None and completion is not None and register.same_person(closure.by, completion.by)


def self_recorded(register: Register, action: Action, recorded: Recorded | None) -> bool:
    """Whether the sign-off was typed in (committed), under someone else's name, by the person
    who completed the action or who typed in its completion (lint's self-recorded-closure). A
    signer who types in their own sign-off is judged by ``by`` alone (:func:`self_assured`):
    the name is theirs, whoever typed in the completion they checked."""
    completion, closure = action.completion, action.closure
    if recorded is None or recorded.closure is None or completion is None or closure is None:
        return False
    typist = recorded.closure
    if register.same_person(typist, closure.by):
        return False
    return register.same_person(typist, completion.by) or register.same_person(typist, recorded.completion)


def rag_status(action: Action, today: dt.date, register: Register | None = None,
               quiet_days: int | None = None, recorded: Recorded | None = None) -> RagStatus:
    """The action's colour on ``today``. With ``register``, a closure signed by the person who
    completed the action is not Blue (nor, with ``recorded``, one typed in by them); with
    ``quiet_days`` (the stale-action rule's ``days``), an action gone quiet is not "on track"."""
    status = action.status
    if status == "cancelled":
        return RagStatus("grey", "Cancelled", "cancelled")
    if status == "closed":
        if register is not None and self_assured(register, action):
            return RagStatus("green", "Green", "not independently assured: signed off by the person "
                                               "who completed it")
        if register is not None and self_recorded(register, action, recorded):
            return RagStatus("green", "Green", "not independently assured: the sign-off was typed in by the "
                                               "person who completed it or typed in its completion")
        return RagStatus("blue", "Blue", "closed: complete and assured")
    if status == "completed":
        return RagStatus("green", "Green", "completed, awaiting sign-off")
    if status not in ("open", "in_progress"):
        return RagStatus("grey", "No status", "status not recorded")
    if action.is_overdue(today) and action.due is not None:
        overdue = (today - action.due).days
        return RagStatus("red", "Red", f"overdue by {overdue} day{'s' if overdue != 1 else ''}")
    milestone = next_milestone(action, today)
    if milestone and milestone.past:
        return RagStatus("red", "Red", "off track: next milestone date has passed")
    if action.due is None:
        return RagStatus("amber", "Amber", "no due date recorded")
    if status == "in_progress" and milestone is None:  # lint's no-trajectory: nothing says it is on track
        return RagStatus("amber", "Amber", "no next milestone recorded")
    quiet = gone_quiet(action, today, quiet_days) if quiet_days is not None else None
    if quiet is not None:  # lint's stale-action: nothing recorded lately says it is on track
        days = quiet.days_to(today)
        if status == "open" and quiet.entry is None:
            return RagStatus("amber", "Amber", f"not started: no progress note since it was created {days} days ago")
        return RagStatus("amber", "Amber", f"no progress note for {days} days")
    return RagStatus("amber", "Amber", "on track")
