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
from govtool.support.errors import GovtoolError


def rule_options(settings: Settings, rule_name: str) -> dict[str, Any]:
    """The options of ``rule_name``: its defaults with the settings' ``lint.options`` applied
    (a bad ``lint:`` section is the settings error lint would give, exit 2)."""
    return dict(load_config(settings, all_rules()).options[rule_name])


def quiet_days(settings: Settings) -> int:
    """The ``stale-action`` rule's ``days``, for the plan's status reason: the rule's default when
    the ``lint:`` section cannot be read (a report renders whatever is valid; lint says what is
    wrong with the settings)."""
    try:
        return int(rule_options(settings, "stale-action")["days"])
    except GovtoolError:
        return int(all_rules()["stale-action"].options["days"])
