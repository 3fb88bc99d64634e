"""Inline-suppression rules: comments that excuse a problem must say why, and must be needed.

The engine applies `# govtool: ignore[rule] reason` comments after every rule has run, so it
alone knows which comment excused what; these checks therefore report nothing themselves and
the engine files the problems under their names (see govtool/lint/engine.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, rule


@rule("suppression-without-reason", "GT120", "warning")
def suppression_without_reason(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An inline `# govtool: ignore[...]` comment that gives no reason.

    An excused problem is still a decision that a manager or an inspector will ask about;
    the reason is the answer, written where the next reader will see it. The comment goes on
    the offending line, or alone on the line above it.

    Anti-pattern:
    ```yaml
    due: 2026-01-31  # govtool: ignore[overdue]
    ```

    Best practice:
    ```yaml
    due: 2026-01-31  # govtool: ignore[overdue] new date agreed with CQC, letter of 2026-02-03
    ```
    """
    return iter(())  # reported by the engine, which reads the comments


@rule("unused-suppression", "GT121", "warning")
def unused_suppression(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An inline suppression that excuses nothing, or names a rule that does not exist.

    Once the problem is fixed, the comment only hides the next, different problem on that
    line. A misspelt rule name excuses nothing at all; the message suggests the closest name.

    Anti-pattern:
    ```yaml
    # govtool: ignore[overdeu] agreed with the commissioner
    due: 2026-01-31
    ```

    Best practice:
    ```yaml
    # govtool: ignore[overdue] agreed with the commissioner on 2026-02-03
    due: 2026-01-31
    ```
    """
    return iter(())  # reported by the engine, which knows which comments were used


@rule("internal-error", "GT900")
def internal_error(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A rule crashed: a bug in govtool, reported as a problem instead of a crashed run.

    The message names the rule and the error. The rule's other problems were not checked,
    so the register may have more problems than shown; every other rule still ran. Please
    report it with the message. This rule cannot be switched off.

    Anti-pattern:
    ```yaml
    # govtool.yaml
    lint:
      ignore: [internal-error]   # has no effect: a crash is always reported
    ```

    Best practice:
    ```yaml
    # report the message to the govtool maintainers, and lint again once fixed
    ```
    """
    return iter(())  # reported by the engine around each rule it runs
