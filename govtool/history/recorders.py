"""Who typed in each action's completion and sign-off: the authors of the commits that added them.

Read from the changes the history rules already have (no further Git read): a change that adds
a completion or a closure to a record that already existed names, by its commit's author, who
typed it in; one not yet committed (staged, or in the working tree) is typed in by whoever
Git names here, who will commit it (the pre-commit hook warns before the commit, not after).
An entry that arrives with a new record (a plan carried over or imported) tells nothing, nor
does evidence added later to a completion (the completion itself stands). A reopening sets the
entries aside, so whoever types in the next ones counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from govtool.history.model import Change, added_entries
from govtool.register.model import Person
from govtool.register.people import identity_person
from govtool.register.recorded import Recorded

_PARTS = ("completion", "closure")


def recorded_by(changes: Iterable[Change], people: Mapping[str, Person],
                me: Callable[[], str | None] = lambda: None) -> dict[str, Recorded]:
    """Record ID -> who committed its current completion and closure (oldest change first).
    ``me``: who Git names here (asked only for an entry not yet committed)."""
    found: dict[str, dict[str, str | None]] = {}
    for change in changes:
        if change.after is None:
            continue
        record = found.setdefault(change.record_id, dict.fromkeys(_PARTS))
        for part in _PARTS:
            if change.after.get(part) is None:
                record[part] = None  # reopened (or removed): the next entry is someone's anew
            elif added_entries(change.before, change.after, part):
                record[part] = None if change.before is None else _typist(change, people, me)
    return {record_id: Recorded(**parts) for record_id, parts in found.items() if any(parts.values())}


def _typist(change: Change, people: Mapping[str, Person], me: Callable[[], str | None]) -> str | None:
    commit = change.where.commit
    return identity_person(people, commit.author, commit.email) if commit is not None else me()
