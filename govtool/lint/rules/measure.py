"""Measure rule: every action says how closure will be verified."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule


@rule("missing-measure", "GT212", "warning")
def missing_measure(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An open or in-progress action with no `measure`: nothing says how closure is verified.

    CQC's action plans ask how the improvement will be monitored and sustained. The measure's
    `target` is the yes/no test for closure; `baseline` and `method` (who checks, how
    often) make it convincing.

    Anti-pattern:
    ```yaml
    title: Weekly MAR audit of 10 charts
    status: open
    ```

    Best practice:
    ```yaml
    title: Weekly MAR audit of 10 charts
    status: open
    measure:
      baseline: 82% of MAR charts complete (February audit)
      target: 98% of MAR charts complete in three consecutive weekly audits
      method: weekly audit of 10 charts by the deputy manager
    ```
    """
    for action in ctx.register.actions.values():
        if action.is_active and "measure" not in action.data:
            yield at(action, "title", "no measure: add measure.target, the result that shows the action "
                                      "worked (e.g. 98% of MAR charts complete in three weekly audits)")
