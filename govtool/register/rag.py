"""RAG status: the one definition the reports, the export and every other view use.

Red: overdue, or off track (the next milestone's date has passed). Amber: open or in progress
and on track (an action in progress is on track only with a next milestone to show it, as lint's
no-trajectory asks). Green: completed, awaiting sign-off. Blue: closed, complete and assured. Grey:
cancelled. The next milestone is the one the latest update that set one named: a later
progress note without a milestone does not clear it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.model import Action


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


def rag_status(action: Action, today: dt.date) -> RagStatus:
    status = action.status
    if status == "cancelled":
        return RagStatus("grey", "Cancelled", "cancelled")
    if status == "closed":
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
    return RagStatus("amber", "Amber", "on track")
