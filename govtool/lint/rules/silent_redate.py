"""History rule: a due date moved without a re-date entry saying why."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import Change, acknowledge_hint, day_named, unrecorded_move
from govtool.history.snapshot import Snapshot
from govtool.lint.rule import LintContext, Report, rule
from govtool.register.vocabulary import FINISHED_STATUSES

NAME = "silent-redate"


@rule(NAME, "GT301", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A due date changed (in a commit, staged, or in the working tree) with no re-date entry.

    An inspector reads a moved due date as a missed one unless the plan says when and why it
    moved. Every change of ``due`` must add, in the same change, a ``redates`` entry whose
    ``from`` is the old date and ``to`` the new one, with the reason. A re-date entry added
    later for the same move also settles a past commit.

    Anti-pattern:

    ```yaml
    due: 2026-04-30        # was 2026-03-31; nothing says why
    ```

    Best practice:

    ```yaml
    due: 2026-04-30
    redates:
      - date: 2026-03-25
        from: 2026-03-31
        to: 2026-04-30
        reason: Supplier cannot deliver the new beds before April.
        by: jane.smith
    ```

    (``govtool redate ACT-… --to 2026-04-30 --reason "…"`` writes both. For a date already
    moved by hand, the same command with the date it now has adds the missing entries, one
    for each move made by hand (the date Git had before it, the date after it), and leaves
    ``due`` as it is.)
    """
    history = ctx.history
    moves: dict[str, list[tuple[Change, tuple[str, str]]]] = {}
    for change in history.changes:
        moved = unrecorded_move(change, history.current_snapshot(change.record_id))
        if moved is not None:
            moves.setdefault(change.record_id, []).append((change, moved))
    # what ``govtool redate`` records at once: every such move, before --base too
    every = Counter(change.record_id for change in history.all_changes if change.record_id in moves
                    and unrecorded_move(change, history.current_snapshot(change.record_id)) is not None)
    for record_id, found in moves.items():
        current = history.current_snapshot(record_id)
        for change, (old, new) in found:
            fix = _fix(record_id, current, old, new, max(every[record_id], len(found)))
            if change.where.kind == "working":  # no command moves a due date without its entry
                message = (f"{record_id}'s due date was changed in the file by hand, from {old} to {new}, and not "
                           f"yet committed, with no re-date entry saying why: {fix}")
            else:
                message = (
                    f"{change.where.describe()} moved the due date of {record_id} from {old} to {new} "
                    f"with no re-date entry: {fix}{acknowledge_hint(change.where)}"
                )
            yield from history.report(NAME, change, ("due",), message)


def _fix(record_id: str, current: Snapshot | None, old: str, new: str, moves: int) -> str:
    """How to record the move from ``old`` to ``new``: with ``govtool redate`` while the action
    can be re-dated (it records every move made by hand at once, ``moves`` of them here), else
    by hand."""
    due = current.get("due") if current is not None else None
    open_action = (current is not None and current.get("kind") == "action"
                   and current.get("status") not in FINISHED_STATUSES)
    if open_action and isinstance(due, str) and not _is_date(due):
        # A date written another way (28/02/2027): no re-date entry can hold it and the file is
        # refused for editing until it is a date, so that comes first; the day it names is the
        # day the move went to, and writing it so is no move of its own.
        meant = day_named(due)
        to = meant if _is_date(meant) else "YYYY-MM-DD"
        return (f"due {due!r} is not written YYYY-MM-DD: write it as {to} by hand, then record why it moved "
                f"with: govtool redate {record_id} --to {to} --reason \"...\" (it adds the missing entry and "
                "leaves the date as it is)")
    if open_action and isinstance(due, str) and _is_date(due):
        # The date stands as it is now: the command records the moves, with their reason, after the fact.
        what = (f"the missing entry, from {old} to {new}," if moves == 1 else
                f"the missing entry for each of the {moves} moves made by hand, this one from {old} to {new} among them,")
        return (f"record why it moved with: govtool redate {record_id} --to {due} --reason \"...\" "
                f"(it adds {what} and leaves the date as it is)")
    return f"add a redates entry with from: {old}, to: {new}, reason: <why it moved>"


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
