"""An action's trail as one list of dated, signed entries, for the rules that check them together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.model import Action, Register

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class TrailEntry:
    #: what the entry is, as a user reads it: "update 2", "re-date 1", "completion", ...
    label: str
    #: where it is in the file, for the problem's line
    field_path: FieldPath
    date: dt.date | None
    by: str | None


def trail(action: Action) -> list[TrailEntry]:
    """Updates, re-dates, completion, closure and cancellation, in file order."""
    entries = [
        TrailEntry(f"update {u.index + 1}", ("updates", u.index), u.date, u.by) for u in action.updates
    ]
    entries += [
        TrailEntry(f"re-date {r.index + 1}", ("redates", r.index), r.date, r.by) for r in action.redates
    ]
    completion = action.completion
    if completion is not None:
        entries.append(TrailEntry("completion", ("completion",), completion.date, completion.by))
    for key, sign_off in (("closure", action.closure), ("cancellation", action.cancellation)):
        if sign_off is not None:
            entries.append(TrailEntry(key, (key,), sign_off.date, sign_off.by))
    return entries


def same_person(register: Register, a: str | None, b: str | None) -> bool:
    """Whether two owner/by values name the same person (by directory entry, else by text)."""
    if not a or not b:
        return False
    pa, pb = register.person(a), register.person(b)
    if pa is not None and pb is not None:
        return pa.id == pb.id
    return a.strip().casefold() == b.strip().casefold()
