"""``govtool list``: choose actions by status, owner, source and dates, and lay them out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from govtool.create import SOURCE_TYPES, STATUSES, choice
from govtool.errors import GovtoolError
from govtool.register.model import Action, Register
from govtool.register.people import resolve_person
from govtool.terminal import printable


@dataclass(frozen=True)
class Filters:
    statuses: Sequence[str] = field(default_factory=tuple)
    owner: str | None = None
    source_type: str | None = None
    source: str | None = None
    overdue: bool = False
    due_before: dt.date | None = None


def select_actions(register: Register, filters: Filters, as_of: dt.date) -> list[Action]:
    """The actions matching every filter given, soonest due first."""
    statuses = {choice(s, "--status", STATUSES) for s in filters.statuses}
    owner = resolve_person(register.people, filters.owner, "--owner") if filters.owner else None
    source_type = choice(filters.source_type, "--source-type", SOURCE_TYPES) if filters.source_type else None
    if filters.source and filters.source not in register.sources:
        raise GovtoolError(f"unknown source {filters.source}: 'govtool list' without --source shows all actions")

    def wanted(action: Action) -> bool:
        return all((
            not statuses or action.status in statuses,
            owner is None or action.owner == owner
            or (action.owner or "").casefold() == owner.casefold(),
            source_type is None or (action.source is not None and action.source.type == source_type),
            filters.source is None or action.source_id == filters.source,
            not filters.overdue or action.is_overdue(as_of),
            filters.due_before is None or (action.due is not None and action.due < filters.due_before),
        ))

    chosen = [a for a in register.actions.values() if wanted(a)]
    return sorted(chosen, key=lambda a: (a.due or dt.date.max, a.id))


def status_cell(action: Action, as_of: dt.date) -> str:
    status = action.status or "?"
    return f"{status} (overdue)" if action.is_overdue(as_of) else status


def action_table(register: Register, actions: Sequence[Action], as_of: dt.date, width: int) -> list[str]:
    """Aligned columns ID, STATUS, DUE, OWNER, TITLE; titles cut to fit ``width``."""
    header = ("ID", "STATUS", "DUE", "OWNER", "TITLE")
    rows = [
        (a.id, status_cell(a, as_of), a.due.isoformat() if a.due else "?", register.display_name(a.owner) or "?",
         " ".join((a.title or "").split()))
        for a in actions
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(4)]
    room = max(width - sum(widths) - 2 * 4, 20)

    def line(row: tuple[str, ...]) -> str:
        title = row[4] if len(row[4]) <= room else row[4][: room - 1] + "…"
        return "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + "  " + title

    return [printable(line(header)), *(printable(line(row)) for row in rows)]
