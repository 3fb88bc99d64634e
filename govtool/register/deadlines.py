"""The deadlines a regulator usually sets on a source, and where govtool's figure comes from.

Only what is usual is offered, never imposed: a requirement notice or a letter states its own
date, and that date is the one to record as ``response_due``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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
