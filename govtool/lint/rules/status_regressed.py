"""History rule: a status that goes backwards says why."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import acknowledge_hint, added_entries, reopened_by, status_regression
from govtool.lint.rule import LintContext, Report, rule

NAME = "status-regressed"


@rule(NAME, "GT304", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A status moved backwards (closed -> in_progress, cancelled -> open, ...) with no progress note.

    Re-opening an action is sometimes right (the re-audit failed), but the plan must say
    so: the change that moves the status back adds a ``reopened`` entry with the reason
    (``govtool reopen ID --reason ...`` writes it) or an ``updates`` note explaining why.

    Anti-pattern:

    ```yaml
    status: in_progress     # was closed; nothing says why
    ```

    Best practice:

    ```yaml
    status: in_progress
    reopened:
      - date: 2026-06-03
        by: jane.smith
        reason: The May re-audit found the old forms back in use on Ward 2.
        completion: {date: 2026-04-28, by: jane.smith, change: ...}   # set aside, kept as it was
    ```
    """
    history = ctx.history
    for change in history.changes:
        moved = status_regression(change)
        if moved is None or added_entries(change.before, change.after, "updates") or reopened_by(change):
            continue
        old, new = moved
        message = (
            f"{change.where.describe()} moved {change.record_id} back from {old} to {new} with no progress "
            f"note saying why: use govtool reopen {change.record_id} --reason ..., which records the reason "
            f"and keeps the earlier completion{acknowledge_hint(change.where)}"
        )
        yield from history.report(NAME, change, ("status",), message)
