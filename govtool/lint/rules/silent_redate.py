"""History rule: a due date moved without a re-date entry saying why."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import acknowledge_hint, unrecorded_move
from govtool.lint.rule import LintContext, Report, rule

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
    moved by hand, the same command with the date it now has adds the missing entry, from the
    date Git had before to the date the file has, and leaves ``due`` as it is.)
    """
    history = ctx.history
    for change in history.changes:
        current = history.current_snapshot(change.record_id)
        moved = unrecorded_move(change, current)
        if moved is None:
            continue
        old, new = moved
        if (current is not None and current.get("kind") == "action" and current.get("due") == new
                and current.get("status") not in ("closed", "cancelled")):
            # The date still stands: the command records the move, with its reason, after the fact.
            fix = (f"record why it moved with: govtool redate {change.record_id} --to {new} --reason \"...\" "
                   f"(it adds the missing entry, from {old} to {new}, and leaves the date as it is)")
        else:
            fix = f"add a redates entry with from: {old}, to: {new}, reason: <why it moved>"
        message = (
            f"{change.where.describe()} moved the due date of {change.record_id} from {old} to {new} "
            f"with no re-date entry: {fix}{acknowledge_hint(change.where)}"
        )
        yield from history.report(NAME, change, ("due",), message)
