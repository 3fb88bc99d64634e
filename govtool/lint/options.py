"""A rule's options as a register's settings give them, for commands outside lint.

The digest counts an action as gone quiet after the ``stale-action`` rule's ``days``, and the
calendar schedules risk reviews with ``risk-not-reviewed``'s intervals: one threshold, set
once in govtool.yaml, means the same thing in lint, in reminders and in the calendar.
"""

from __future__ import annotations

from typing import Any

from govtool.lint.config import load_config
from govtool.lint.rule import all_rules
from govtool.register.model import Settings


def rule_options(settings: Settings, rule_name: str) -> dict[str, Any]:
    """The options of ``rule_name``: its defaults with the settings' ``lint.options`` applied
    (a bad ``lint:`` section is the settings error lint would give, exit 2)."""
    return dict(load_config(settings, all_rules()).options[rule_name])
