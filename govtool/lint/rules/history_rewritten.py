"""History rule: the trail is append-only, and records are cancelled, never deleted."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import Change, acknowledge_hint, has_entry, trail_edits
from govtool.lint.rule import LintContext, Report, rule
from govtool.register.find import instead_of_deleting

NAME = "history-rewritten"


@rule(NAME, "GT302", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A change edits or removes an existing trail entry, or deletes a record file.

    Progress notes, re-dates, edits, reopenings, completion, closure and cancellation
    entries (and risk reviews) are the evidence that the plan was run: they are added, never
    edited or removed, and a record that is no longer wanted is cancelled with a reason, not
    deleted. Putting the entry (or the file) back as it was settles the problem. A completion
    that was wrong is not edited: ``govtool reopen`` moves it, unchanged, into a new
    ``reopened`` entry with the reason, and the next ``govtool complete`` records a new one.

    Anti-pattern:

    ```yaml
    updates:
      - date: 2026-02-10
        by: jane.smith
        note: Training booked for all night staff.   # edited later to say "delivered"
    ```

    Best practice:

    ```yaml
    updates:
      - date: 2026-02-10
        by: jane.smith
        note: Training booked for all night staff.
      - date: 2026-03-02
        by: jane.smith
        note: Training delivered to 14 of 16 night staff; two booked for April.
    ```
    """
    history = ctx.history
    for change in history.changes:
        current = history.current_snapshot(change.record_id)
        hint = acknowledge_hint(change.where)
        if change.deleted:
            if current is None:
                message = (
                    f"{change.where.describe()} deleted {change.path}: restore the file "
                    f"({_restore_command(change, history.prefix)}) and {instead_of_deleting(change.record_id)}: "
                    f"cancel, don't delete{hint}"
                )
                yield from history.report(NAME, change, ("id",), message)
            continue
        for edit in trail_edits(change.before, change.after):
            if has_entry(current, edit.part, edit.entry):
                continue  # put back as it was
            field = (edit.part,) if edit.index is None else (edit.part, edit.index)
            message = (
                f"{change.where.describe()} {edit.describe()} of {change.record_id}: "
                f"restore the entry as it was; add a new one instead (the trail is append-only){hint}"
            )
            yield from history.report(NAME, change, field, message)


def _restore_command(change: Change, prefix: str = "") -> str:
    """The Git command that puts a deleted record file back: for a register at the top of its
    repository, the path as the register names it; for one in a folder of it (one client of
    several), the path from the top in Git's ":/" form, which works wherever it is typed."""
    commit = change.where.commit
    revision = f"{commit.short}^" if commit is not None else "HEAD"
    path = f'":/{prefix}/{change.path}"' if prefix else change.path
    return f"git checkout {revision} -- {path}"
