"""History rule: a due date moved without a re-date entry saying why."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import acknowledge_hint, due_moved, redate_chain
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

    (``govtool redate ACT-… --to 2026-04-30 --reason "…"`` writes both.)
    """
    history = ctx.history
    for change in history.changes:
        moved = due_moved(change)
        if moved is None or redate_chain(change.before, change.after) is not None:
            continue
        old, new = moved
        current = history.current_snapshot(change.record_id)
        if current is not None and any(r.get("from") == old and r.get("to") == new for r in current["redates"]):
            continue  # recorded afterwards: the trail now says why
        message = (
            f"{change.where.describe()} moved the due date of {change.record_id} from {old} to {new} "
            f"with no re-date entry: add a redates entry with from: {old}, to: {new}, "
            f"reason: <why it moved>{acknowledge_hint(change.where)}"
        )
        yield from history.report(NAME, change, ("due",), message)
