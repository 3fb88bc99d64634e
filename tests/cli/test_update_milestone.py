"""A progress note from a script that would leave the action in progress with no next milestone
still to come is refused before anything is written: saved, it made the register fail lint
(no-trajectory) at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from govtool.lint.engine import lint_register
from tests.cli.conftest import MILESTONE
from tests.cli.test_cli_errors import snapshot

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _today_as_each_test_starts() -> None:
    """govtool reads today's date as it runs, so each test reads its own as it starts, not once
    as the module loads: a suite that runs past midnight still compares the same day."""
    global TODAY
    TODAY = dt.date.today()


def _no_trajectory(plan: Any) -> list[str]:
    return [p.message for p in lint_register(plan.root, today=TODAY).problems
            if p.rule == "no-trajectory" and p.record == plan.action]


def test_a_note_without_a_next_milestone_is_refused_in_a_script_and_lint_agrees(plan: Any) -> None:
    before = snapshot(plan.root)
    result = plan.cli.subprocess("update", plan.action, "--note", "Audit tool agreed with the pharmacy",
                                 "--by", "jane.smith", cwd=plan.root)
    assert result.returncode == 2
    assert (result.stdout, result.stderr) == ("", (
        f"govtool: error: missing --next-milestone: a progress note leaves {plan.action} in progress with no next "
        "milestone, which lint reports (no-trajectory): give --next-milestone TEXT --milestone-due DATE\n"))
    assert snapshot(plan.root) == before
    # What it would have saved is what lint reports; with the milestone it says nothing.
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("status: open", "status: in_progress")
                    + f"updates:\n- date: {TODAY}\n  by: jane.smith\n  note: Audit tool agreed with the pharmacy\n")
    assert _no_trajectory(plan)
    path.write_bytes(before[path.relative_to(plan.root)])
    done = plan.run("update", plan.action, "--note", "Audit tool agreed with the pharmacy", *MILESTONE, "--by", "jane.smith")
    assert done.exit_code == 0, done.output
    assert _no_trajectory(plan) == []


def test_a_milestone_still_to_come_may_be_left_out_one_that_has_passed_may_not(plan: Any) -> None:
    assert plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--by", "jane.smith").exit_code == 0
    kept = plan.run("update", plan.action, "--note", "First weekly audit: 9 of 10 complete", "--by", "jane.smith")
    assert kept.exit_code == 0, kept.output
    path = plan.root / "actions" / f"{plan.action}.yaml"
    passed = (TODAY - dt.timedelta(days=3)).isoformat()
    path.write_text(path.read_text().replace(f"milestone_due: {MILESTONE[-1]}", f"milestone_due: {passed}"))
    before = path.read_text()
    refused = plan.run("update", plan.action, "--note", "Second weekly audit: 10 of 10 complete", "--by", "jane.smith")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"govtool: error: missing --next-milestone: {plan.action}'s next milestone ({MILESTONE[1]}) was due on "
        f"{passed}, which lint reports (no-trajectory): give --next-milestone TEXT --milestone-due DATE\n")
    assert path.read_text() == before


def test_an_overdue_action_still_takes_a_note_without_one(plan: Any) -> None:
    """No milestone can come before a due date that has passed until the action is re-dated
    (lint's overdue says so already): the note, what happened, is still kept."""
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace(f"due: {MILESTONE[-1]}", f"due: {TODAY - dt.timedelta(days=1)}"))
    done = plan.run("update", plan.action, "--note", "Supplier delivered the new MAR charts", "--by", "jane.smith")
    assert done.exit_code == 0, done.output
    assert yaml.safe_load(path.read_text())["updates"][0]["note"] == "Supplier delivered the new MAR charts"
