"""Evidence for an action already completed or closed: what lint asks for, by the command it names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from govtool.lint.engine import lint_register
from tests.cli.test_cli_errors import refused

COMPLETED = """\
id: ACT-DONE
title: Weekly audit of 10 MAR charts, reported to the monthly governance meeting
source: {source}
finding: F1
owner: sam.patel
created: 2026-03-10
due: 2030-10-31
status: {status}
measure:
  target: 98% of MAR charts complete in three consecutive weekly audits
completion:
  date: 2026-10-20
  by: sam.patel
  change: MAR completeness rose from 82% to 98% in three consecutive weekly audits.
"""
CLOSURE = "closure: {date: 2026-10-25, by: jane.smith, note: Checked at the governance meeting.}\n"


def _problems(root: Any) -> list[tuple[str, str]]:
    return [(p.rule, p.message) for p in lint_register(root, today=dt.date.today()).problems if p.record == "ACT-DONE"]


def _completed(plan: Any, status: str = "completed") -> None:
    text = COMPLETED.format(source=plan.source, status=status) + (CLOSURE if status == "closed" else "")
    plan.repo.write("actions/ACT-DONE.yaml", text)
    plan.repo.commit("Completed without evidence", date="2026-10-25")


def test_lints_fix_for_missing_evidence_is_a_command_that_adds_it_without_reopening(plan: Any) -> None:
    _completed(plan)
    [(rule, message)] = _problems(plan.root)
    assert rule == "completion-without-evidence"
    command = message.split("(govtool ")[1].split(":")[0]
    assert command == "complete ACT-DONE --evidence PATH_OR_URL"
    (plan.root / "evidence").mkdir()
    (plan.root / "evidence" / "mar-audits.csv").write_text("week,complete\n1,98\n")
    result = plan.run(*command.replace("PATH_OR_URL", "evidence/mar-audits.csv").split(),
                      "--evidence-note", "The three weekly audits", "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.log()[0] == "ACT-DONE: evidence added (evidence/mar-audits.csv)"
    assert plan.repo.git("status", "--porcelain") == ""  # the evidence file went in with it
    data = yaml.safe_load(plan.action_text("ACT-DONE"))
    assert data["status"] == "completed"
    assert data["completion"] == {
        "date": dt.date(2026, 10, 20), "by": "sam.patel",
        "change": "MAR completeness rose from 82% to 98% in three consecutive weekly audits.",
        "evidence": [{"path": "evidence/mar-audits.csv", "description": "The three weekly audits",
                      "added": dt.date.today(), "by": "jane.smith"}],
    }
    assert _problems(plan.root) == []  # no history-rewritten, no backdated-entry: the completion stands
    assert "evidence added to the completion" in plan.run("show", "ACT-DONE").stdout
    before = plan.action_text("ACT-DONE")
    again = plan.run("complete", "ACT-DONE", "--evidence", "evidence/mar-audits.csv", "--by", "jane.smith", "--commit")
    assert again.exit_code == 2 and "already lists evidence/mar-audits.csv: nothing to add" in again.stderr
    assert plan.action_text("ACT-DONE") == before


def test_a_closed_action_takes_evidence_too_and_a_changed_completion_is_still_rewritten(plan: Any) -> None:
    _completed(plan, "closed")
    result = plan.run("complete", "ACT-DONE", "--evidence", "https://docs.example.org/mar-audits", "--by", "jane.smith",
                      "--commit")
    assert result.exit_code == 0, result.output
    assert _problems(plan.root) == []
    path = plan.root / "actions" / "ACT-DONE.yaml"
    path.write_text(path.read_text().replace("rose from 82% to 98%", "rose from 80% to 98%"))
    assert "history-rewritten" in [rule for rule, _ in _problems(plan.root)]


def test_evidence_alone_on_an_open_action_says_to_complete_it(plan: Any) -> None:
    refused(plan, "complete", plan.action, "--evidence", "https://docs.example.org/a", "--by", "jane.smith",
            message="missing --change")
