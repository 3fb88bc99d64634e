"""Measure rule: every action says how closure will be verified."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.measure_examples import example_for_action
from govtool.register.vocabulary import PENDING_STATUSES


@rule("missing-measure", "GT212", "warning")
def missing_measure(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action not yet signed off (open, in progress or completed) with no `measure` to verify closure.

    CQC's action plans ask how the improvement will be monitored and sustained. The measure's
    `target` is the yes/no test for closure; `baseline` and `method` (who checks, how
    often) make it convincing. A completed action is checked too: its sign-off (`close`) is
    what the target is for, and an action closed with nothing to verify it against is what
    an inspector faults. A closed action was signed off as it stands (to add a measure,
    reopen it first) and a cancelled one needs none, so the rule leaves both alone, and the
    action plan does not say "No measure recorded" for them. The message gives the
    `govtool edit ID --target ...` that adds one, with an example of a target that fits what
    the action is about, as its title, finding and source say (medicines, falls, infection
    control, safeguarding, complaints, training), else one that fits any service; the message
    says it is only an example, so that nobody records it as the action's own target.

    Anti-pattern:
    ```yaml
    title: Audit 20 care records a month against the record-keeping standard
    status: open
    ```

    Best practice:
    ```yaml
    title: Audit 20 care records a month against the record-keeping standard
    status: open
    measure:
      baseline: 71% of the records sampled met the standard (February audit)
      target: 95% of the records sampled meet the standard in three monthly audits
      method: monthly audit of 20 records by the deputy manager
    ```
    """
    for action in ctx.register.actions.values():
        if action.status in PENDING_STATUSES and "measure" not in action.data:
            yield at(action, "title", "no measure: add its target, the result that shows the action worked "
                                      f'(govtool edit {action.id} --target "{example_for_action(action)}" --reason "..."; '
                                      f"that target is only an example: write this action's own)")
