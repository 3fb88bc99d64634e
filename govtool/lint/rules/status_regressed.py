"""History rule: a status that goes backwards says why."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import acknowledge_hint, added_entries, status_regression
from govtool.lint.rule import LintContext, Report, rule

NAME = "status-regressed"


@rule(NAME, "GT304", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A status moved backwards (closed -> in_progress, cancelled -> open, ...) with no progress note.

    Re-opening an action is sometimes right (the re-audit failed), but the plan must say
    so: the change that moves the status back adds an ``updates`` note explaining why.

    Anti-pattern:

    ```yaml
    status: in_progress     # was closed; nothing says why
    ```

    Best practice:

    ```yaml
    status: in_progress
    updates:
      - date: 2026-06-03
        by: jane.smith
        note: Re-opened; the May re-audit found the old forms back in use on Ward 2.
    ```
    """
    history = ctx.history
    for change in history.changes:
        moved = status_regression(change)
        if moved is None or added_entries(change.before, change.after, "updates"):
            continue
        old, new = moved
        message = (
            f"{change.where.describe()} moved {change.record_id} back from {old} to {new} with no progress "
            f"note saying why: add an updates entry in the same change "
            f"(govtool update {change.record_id} --note ...){acknowledge_hint(change.where)}"
        )
        yield from history.report(NAME, change, ("status",), message)
