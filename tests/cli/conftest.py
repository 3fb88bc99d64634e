"""A small plan built through the real CLI: a source with two findings and one open action."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Plan:
    repo: Any  # tests/conftest.py GitRepo
    cli: Any  # tests/conftest.py CliCall
    source: str
    action: str

    @property
    def root(self) -> Path:
        return self.repo.path

    def run(self, *args: str):
        return self.cli(*args, cwd=self.root)

    def action_text(self, action_id: str | None = None) -> str:
        return (self.root / "actions" / f"{action_id or self.action}.yaml").read_text(encoding="utf-8")


#: The plan's action is due then.
PLAN_DUE = "2030-12-31"

#: What a progress note on the plan's action adds so that the action, in progress, has its next
#: milestone (a note without one is refused in a script: lint's no-trajectory would report it).
MILESTONE = ("--next-milestone", "Third consecutive weekly audit at 98%", "--milestone-due", PLAN_DUE)

#: A sign-off note that says what was checked and what it showed ("Checked" says nothing, and is refused).
CLOSURE_NOTE = "Governance meeting checked the three audits: 99% complete (was 82%)"


def new_id(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


@pytest.fixture
def plan(register: Any, cli: Any) -> Plan:
    source = new_id(cli(
        "new", "source", "--type", "inspection_report", "--title", "CQC inspection report, March 2026",
        "--date", "2026-03-02", "--reference", "INS2-1234",
        "--finding", "The provider did not ensure medicines were managed safely.", "--regulation", "12",
        "--finding", "Care plans did not record people's consent.", "--regulation", "11",
        cwd=register.path,
    ))
    action = new_id(cli(
        "new", "action", "--title", "Weekly audit of 10 MAR charts, reported to governance",
        "--source", source, "--finding", "F1", "--owner", "jane.smith", "--due", PLAN_DUE,
        "--priority", "high", "--target", "98% of MAR charts complete in three consecutive audits",
        cwd=register.path,
    ))
    register.commit("Plan for the March inspection", date="2026-03-10")
    return Plan(register, cli, source, action)
