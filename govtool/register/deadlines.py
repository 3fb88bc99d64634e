"""The deadlines a regulator usually sets on a source, where govtool's figure comes from, and
when a source's response is met (and whether it was met in time).

Only what is usual is offered, never imposed: a requirement notice or a letter states its own
date, and that date is the one to record as ``response_due``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.model import Action, Finding, Source


@dataclass(frozen=True)
class UsualDeadline:
    days: int
    #: what is due, as a sentence fragment
    what: str
    #: where the figure comes from, for the user to check
    basis: str

    def after(self, date: dt.date) -> dt.date:
        return date + dt.timedelta(days=self.days)


#: By source type. The 28 days is CQC's usual period for the action plan a provider sends after
#: a requirement notice (see docs/frameworks.md, "Deadlines", for the sources and their limits).
USUAL_DEADLINES = {
    "inspection_report": UsualDeadline(
        28,
        "the action plan CQC asks for after a requirement notice",
        "CQC usually asks for it within 28 days; the requirement notice states the date that applies",
    ),
}


def usual_deadline(source_type: str) -> UsualDeadline | None:
    return USUAL_DEADLINES.get(source_type)


def unanswered_findings(source: Source) -> list[Finding]:
    """The findings of ``source`` that no action answers: a cancelled action answers nothing.

    The one test of whether a response is met (with :func:`nothing_recorded` for a source with
    no findings): lint's ``response-due``, the action plan, the digest and the calendar all ask
    it, so that they never disagree about the same source.
    """
    return [f for f in source.findings if not any(a.status != "cancelled" for a in f.actions)]


def nothing_recorded(source: Source) -> bool:
    """Whether ``source`` lists no findings and no action on it answers it (a cancelled action
    answers nothing): nothing shows that its response was made, so once its ``response_due``
    has passed it is overdue, never met. A source with no findings is answered as a whole by an
    action on it, as an incident or a complaint often is."""
    return not source.findings and not any(a.status != "cancelled" for a in source.actions)


@dataclass(frozen=True)
class LateAnswer:
    """A finding that had no action on its source's ``response_due`` and an action typed in later;
    ``finding`` is None for a source with no findings, answered as a whole by an action on it."""

    finding: Finding | None
    deadline: dt.date
    #: the first action that answers it now (not cancelled), raised after the deadline
    action_id: str
    raised: dt.date

    @property
    def days_late(self) -> int:
        return (self.raised - self.deadline).days


def answered_on(action: Action, day: dt.date) -> bool:
    """Whether ``action`` answered its finding on ``day``: raised (its ``created`` date) by then
    and not cancelled by then. An undated cancellation is given the benefit of the doubt."""
    created = action.created
    if created is None or created > day:
        return False
    if action.status != "cancelled":
        return True
    cancelled = action.cancelled_on
    return cancelled is None or cancelled > day


def late_answers(source: Source, as_of: dt.date) -> list[LateAnswer]:
    """The findings of ``source`` that an action answers now but none did on its ``response_due``
    (passed by ``as_of``), when the register does not record when the response was sent: the
    first action for them was typed in after the date. That is what the register shows, not
    proof the response was late (a plan emailed to CQC in time is often entered later), so
    lint and the plan ask for the day it was sent (``response_sent``). A source with no
    findings is judged as a whole, by the actions on it. Once ``response_sent`` is recorded
    (:func:`sent_on`), it says whether the response was late, and this is empty.

    Judged by the date each action was raised (``created``): a finding none of whose actions
    was raised by the deadline (or all of them cancelled by then) is listed, with the first
    action that answers it now. A finding with an action whose ``created`` date is not known
    is not listed (nothing says it came later)."""
    due = source.response_due
    if due is None or source.is_cancelled or due >= as_of or sent_on(source, as_of) is not None:
        return []
    late = []
    answered: list[tuple[Finding | None, list[Action]]] = [(f, f.actions) for f in source.findings]
    for finding, actions in answered or [(None, source.actions)]:
        answering = [a for a in actions if a.status != "cancelled"]
        raised = [a.created for a in answering]
        if not answering or None in raised or any(answered_on(a, due) for a in actions):
            continue
        first = min(answering, key=lambda a: (a.created or due, a.id))
        late.append(LateAnswer(finding, due, first.id, first.created or due))
    return late


def sent_on(source: Source, as_of: dt.date) -> dt.date | None:
    """The day the response to ``source`` was sent to the regulator (its ``response_sent``), when
    that is on or before ``as_of``: a response sent later had not been sent on ``as_of``.

    The one fact that says whether a response was made in time. When it is recorded, the day an
    action was typed into the register says nothing about it: a plan emailed to CQC on the 18th
    and entered here on 4 December was sent on the 18th."""
    sent = source.response_sent
    return sent if sent is not None and sent <= as_of else None


def days_late(source: Source, as_of: dt.date) -> int | None:
    """How many days after ``response_due`` the response was sent (0 or less: in time), when
    both dates are recorded and the sending is on or before ``as_of``."""
    sent, due = sent_on(source, as_of), source.response_due
    return None if sent is None or due is None else (sent - due).days


def response_pending(source: Source, as_of: dt.date) -> bool:
    """Whether ``source`` has a response still to chase on ``as_of``: it has a ``response_due``,
    is not cancelled, was not sent by then (:func:`sent_on`), and the date is still to come, or
    has passed while a finding has no action (or, for a source with no findings, while nothing
    is recorded: :func:`nothing_recorded`). A date passed with every finding answered is met:
    nothing is overdue about it."""
    due = source.response_due
    if due is None or source.is_cancelled or sent_on(source, as_of) is not None:
        return False
    return due >= as_of or bool(unanswered_findings(source)) or nothing_recorded(source)
