"""The lifecycle commands without an ID: asked for at a terminal, listing the actions the step
fits; refused in one line in a script, as a missing option is."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.cli.conftest import CLOSURE_NOTE
from tests.cli.test_guided import terminal  # noqa: F401  (a fixture)

STEPS = ["update", "redate", "complete", "close", "cancel", "reopen"]
CHANGE = "MAR charts 99% complete in three weekly audits (was 82%)"


def _answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("step", STEPS)
def test_in_a_script_a_missing_id_is_refused_in_one_line(plan: Any, step: str) -> None:
    before = plan.action_text()
    result = plan.run(step, "--by", "jane.smith")
    assert result.exit_code == 2
    whose = "action's (or the source's)" if step == "cancel" else "action's"
    assert result.output == (f"govtool: error: missing ID: give the {whose} ID on the command line "
                             f"(govtool {step} ACT-...; 'govtool list' shows the actions)\n")
    assert plan.action_text() == before


def test_at_a_terminal_update_asks_for_the_id_listing_the_open_actions(plan: Any, terminal: None) -> None:  # noqa: F811
    done = plan.run("new", "action", "--title", "Weekly audit of 10 care plans for a signed consent section",
                    "--source", plan.source, "--finding", "F2", "--owner", "sam.patel", "--due", "2030-06-30",
                    "--target", "100% of 10 sampled care plans have a signed consent section")
    completed = done.output.strip().splitlines()[-1]
    assert plan.run("complete", completed, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
                    "--evidence-note", "Audit results", "--by", "sam.patel").exit_code == 0
    result = plan.cli("update", cwd=plan.root, input=_answers(
        "ACT-NOPE", completed, plan.action.lower(), "Audit tool agreed at the governance meeting", "First weekly audit",
        "2030-01-15",
    ))
    assert result.exit_code == 0, result.output
    listed = result.stderr.split("  unknown action")[0]  # the prompt itself is on standard output
    assert listed.startswith("Actions that are open or in progress:\n")
    assert f"  {plan.action}  Weekly audit of 10 MAR charts, reported to governance  (Open, due 2030-12-31)" in listed
    assert completed not in listed  # a completed action takes no progress note
    assert result.stdout.count("ID of the action to add a progress note to:") == 3
    assert "unknown action ACT-NOPE" in result.stderr  # asked again
    assert f"{completed} is completed: progress notes are for open and in-progress actions" in result.stderr
    note = yaml.safe_load(plan.action_text())["updates"][0]
    assert (note["by"], note["note"]) == ("jane.smith", "Audit tool agreed at the governance meeting")


def test_at_a_terminal_each_step_lists_the_actions_it_fits_or_says_there_are_none(
        plan: Any, cli: Any, terminal: None) -> None:  # noqa: F811
    none = cli("close", cwd=plan.root, input="")
    assert none.exit_code == 2
    assert none.output == "govtool: error: no action is completed: none to sign off ('govtool list' shows every action)\n"
    assert cli("complete", plan.action, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
               "--evidence-note", "Audit results", "--by", "sam.patel", cwd=plan.root).exit_code == 0
    # who signed it off is asked too (Enter: you, as Git knows you)
    closed = cli("close", cwd=plan.root, input=_answers(plan.action, CLOSURE_NOTE, ""))
    assert closed.exit_code == 0, closed.output
    assert "by: jane.smith" in plan.action_text().split("closure:", 1)[1]
    assert closed.stderr.startswith(f"Actions that are completed:\n  {plan.action}  ")
    assert yaml.safe_load(plan.action_text())["status"] == "closed"
    reopened = cli("reopen", cwd=plan.root, input=_answers(plan.action, "The re-audit found gaps on night shifts"))
    assert reopened.exit_code == 0, reopened.output
    assert reopened.stderr.startswith("Actions that are completed or closed:\n")
    for step, listed in (("redate", "open, in progress or completed"), ("cancel", "open, in progress or completed"),
                         ("complete", "open or in progress")):
        asked = cli(step, cwd=plan.root, input="")
        assert asked.stderr.startswith(f"Actions that are {listed}:\n  {plan.action}  "), (step, asked.output)


@pytest.mark.parametrize(("command", "message"), [
    ("edit", "give the action's (or the source's) ID on the command line (govtool edit ACT-... or SRC-...; "
             "'govtool list' shows the actions, 'govtool list sources' the sources)"),
    ("show", "give the record's ID on the command line (govtool show ACT-..., SRC-... or RSK-...; 'govtool list' "
             "shows the actions, 'govtool list sources' the sources, 'govtool list risks' the risks)"),
    ("review", "give the risk's ID on the command line (govtool review RSK-...; 'govtool list risks' shows the risks)"),
])
def test_edit_show_and_review_without_an_id_are_refused_in_one_line_in_a_script(plan: Any, command: str,
                                                                                 message: str) -> None:
    """They printed click's usage block ("Usage: ... Try ... Error: Missing argument 'ID'")."""
    before = plan.action_text()
    result = plan.cli.subprocess(command, "--reason", "Typo", cwd=plan.root) if command == "edit" else \
        plan.cli.subprocess(command, cwd=plan.root)
    assert result.returncode == 2
    assert (result.stdout, result.stderr) == ("", f"govtool: error: missing ID: {message}\n")
    assert plan.action_text() == before


def _risk(plan: Any) -> str:
    made = plan.run("new", "risk", "--title", "Falls at night on the first floor", "--owner", "jane.smith",
                    "--likelihood", "4", "--consequence", "4", "--control", "Hourly night checks:partial",
                    "--residual-likelihood", "3", "--residual-consequence", "4")
    assert made.exit_code == 0, made.output
    return str(made.output.strip().splitlines()[-1])


def test_at_a_terminal_show_lists_each_kind_of_record_and_asks(plan: Any, terminal: None) -> None:  # noqa: F811
    risk = _risk(plan)
    result = plan.cli("show", cwd=plan.root, input=_answers("ACT-NOPE", risk.lower()))
    assert result.exit_code == 0, result.output
    listed = result.stderr.split("  unknown action")[0]
    assert listed == (
        "Actions that are open, in progress or completed:\n"
        f"  {plan.action}  Weekly audit of 10 MAR charts, reported to governance  (Open, due 2030-12-31)\n"
        "Sources:\n"
        f"  {plan.source}  CQC inspection report, March 2026  (CQC inspection report, 2026-03-02)\n"
        "Risks:\n"
        f"  {risk}  Falls at night on the first floor  (residual 12 high)\n"
    )
    assert result.stdout.count("ID of the record to show:") == 2
    assert f"{risk}  Falls at night on the first floor" in result.stdout.split("ID of the record to show:")[-1]


def test_at_a_terminal_edit_lists_actions_and_sources_and_refuses_what_it_cannot_edit(
        plan: Any, terminal: None) -> None:  # noqa: F811
    risk = _risk(plan)
    assert plan.run("cancel", plan.action, "--reason", "Replaced by the eMAR rollout", "--by", "jane.smith").exit_code == 0
    result = plan.cli("edit", cwd=plan.root, input=_answers(plan.action, risk, plan.source, "reference", "INS2-9999",
                                                            "Typed the wrong inspection number"))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Sources:\n  {plan.source}  ")  # no action is left to edit
    assert f"{plan.action} is cancelled: a cancelled action is kept as it was cancelled" in result.stderr
    assert f"{risk} is a risk: give an action's or a source's ID" in result.stderr
    assert "reference: INS2-9999" in (plan.root / "sources" / f"{plan.source}.yaml").read_text()


def test_at_a_terminal_review_lists_the_risks_or_says_there_are_none(plan: Any, terminal: None) -> None:  # noqa: F811
    none = plan.cli("review", cwd=plan.root, input="")
    assert (none.exit_code, none.output) == (2, "govtool: error: no risk to review yet ('govtool new risk' records one)\n")
    risk = _risk(plan)
    result = plan.cli("review", cwd=plan.root, input=_answers(plan.action, risk, "2", "4", "Night checks now hourly"))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Risks:\n  {risk}  Falls at night on the first floor  (residual 12 high)\n")
    assert f"{plan.action} is an action: give a risk's ID" in result.stderr
    assert f"{risk} reviewed on" in result.stdout
