"""Judge before writing: what lint will say about a record, asked before a command saves it.

A completion is recorded once and signed off once; correcting either later takes a
reopening. So ``complete`` (and ``close``, for the completion it signs off) refuse a change
that ``completion-without-change`` rejects, and ``new action`` and ``edit`` show what
``vague-action`` and ``collective-owner`` will report before they save, and never offer to
save what Git's pre-commit check would refuse to commit (:func:`refused_at_commit`). The
judging is the linter's own (govtool/lint/rules/judgement.py), under the register's lint settings: a rule
switched off, or ignored for the record's path, says nothing here either. An entry dated
with ``--date`` far before the day it is recorded is judged the same way, by
``backdated-entry``'s settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govtool.lint.config import LintConfig, load_config
from govtool.lint.rule import rules_in
from govtool.lint.rules import judgement
from govtool.lint.rules.judgement import collective_message, no_change_message, vague_message
from govtool.register.model import Settings
from govtool.services.checks import commit_checked
from govtool.support.errors import GovtoolError

COMPLETION_RULE = "completion-without-change"


@dataclass(frozen=True)
class Judged:
    """One problem lint will report for the record."""

    rule: str
    severity: str  # "error" or "warning", as the register's settings grade the rule
    message: str
    field: str = ""  # the action's field lint reports it on ("title", "owner"), when it is one

    def __str__(self) -> str:
        return f"{self.rule} ({self.severity}): {self.message}"


class Judge:
    """The judgement rules as the register's ``lint:`` settings configure them."""

    def __init__(self, settings: Settings):
        self.settings = settings
        # Only the judgement rules' settings: importing every rule module to check the whole
        # ``lint:`` section would cost more than the rest of the command (lint checks it).
        self._config: LintConfig = load_config(settings, rules_in(judgement.__name__), only_known=True)
        self._active = {spec.name for spec in self._config.rules}

    def _on(self, rule: str, path: Path) -> bool:
        return rule in self._active and rule not in self._config.ignored_at(path.as_posix())

    def _judged(self, rule: str, path: Path, message: str | None, field: str = "") -> Judged | None:
        if message is None or not self._on(rule, path):
            return None
        return Judged(rule, self._config.severity[rule], message, field)

    def completion(self, path: Path, change: str) -> Judged | None:
        """What completion-without-change says of a completion's ``change``."""
        return self._judged(COMPLETION_RULE, path, no_change_message(change))

    def action(self, path: Path, *, title: str | None, description: str | None,
               measure: dict[str, Any] | None, owner: str | None) -> list[Judged]:
        """What vague-action and collective-owner will report for an action with these fields."""
        found = []
        if title:
            found.append(self._judged("vague-action", path, vague_message(title, description, measure), "title"))
        if owner and owner not in self.settings.people:  # a directory entry is one person by definition
            found.append(self._judged("collective-owner", path, collective_message(owner), "owner"))
        return [j for j in found if j is not None]


def refused_at_commit(problems: list[Judged], root: Path, written: Collection[str] | None = None) -> list[Judged]:
    """Those of ``problems`` that Git's pre-commit check (``govtool lint --staged``) will refuse
    when the change is committed in ``root``: errors on a field the change writes (``written``;
    None: a new record, whose every line is written), where Git's hook runs govtool. The
    judgement rules judge what was written, so their errors on those lines stop a commit
    (govtool/lint/commit_gate.py)."""
    stopping = [p for p in problems if p.severity == "error" and (written is None or p.field in written)]
    return stopping if stopping and commit_checked(root) else []


def refuse_completion(judged: Judged | None, action_id: str, doing: str) -> None:
    """Raise the one-line refusal when the completion's change is an error lint will report."""
    if judged is not None and judged.severity == "error":
        raise GovtoolError(f"{action_id}: {doing}: {judged.rule}: {judged.message}")


def backdated(settings: Settings, path: Path, what: str, dated: dt.date, written: dt.date) -> Judged | None:
    """What ``backdated-entry`` will say of a trail entry dated ``dated`` (``--date``) that is
    written and committed on ``written``: nothing within the rule's ``days``, or when the rule is
    off or ignored for the file. The rule compares the same two days, the entry's and its
    commit's."""
    from govtool.lint.rules import backdated_entry

    rule = backdated_entry.NAME
    config = load_config(settings, rules_in(backdated_entry.__name__), only_known=True)
    if rule not in {spec.name for spec in config.rules} or rule in config.ignored_at(path.as_posix()):
        return None
    limit = int(config.options[rule]["days"])
    gap = (written - dated).days
    if abs(gap) <= limit:
        return None
    return Judged(rule, config.severity[rule],
                  f"the {what} dated {dated.isoformat()} is recorded {gap} days later, more than the {limit} the rule "
                  f"allows: {backdated_entry.advice(gap, committed=True)}")
