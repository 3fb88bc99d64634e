"""govtool new action: an action already in the plan (same title, same finding, not closed or
cancelled) is not created twice by mistake: refused in a script, asked about on a terminal."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.cli.conftest import CLOSURE_NOTE, PLAN_DUE, Plan, new_id

#: The plan fixture's action, as a manager might type it again: other case, spaces, a full stop.
RETYPED = "  weekly audit of 10 MAR charts,  reported to governance. "


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal (CliRunner's is not), as tests/cli/test_guided.py has it."""
    import govtool.cli.ask
    import govtool.cli.commands.new
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.new, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)


def actions(plan: Plan) -> list[str]:
    return sorted(p.name for p in (plan.root / "actions").iterdir())


def again(plan: Plan, *extra: str, title: str = RETYPED, finding: str = "F1", input: str | None = None) -> Any:
    """``new action`` for the plan's finding, as the plan's own action was made."""
    return plan.cli("new", "action", "--title", title, "--source", plan.source, "--finding", finding,
                    "--owner", "sam.patel", "--due", PLAN_DUE,
                    "--target", "98% of MAR charts complete in three consecutive audits", *extra,
                    cwd=plan.root, input=input)


def test_from_a_script_a_duplicate_is_refused_in_one_line_naming_the_action_and_its_file(plan: Plan) -> None:
    before, head = actions(plan), plan.repo.git("rev-parse", "HEAD")
    result = again(plan, "--commit")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"govtool: error: nothing saved: the same action is already in the plan as {plan.action} "
        f"(actions/{plan.action}.yaml, open, owner Jane Smith): to add to it instead: govtool update {plan.action} "
        '--note "..."; to create a second one, give --allow-duplicate\n')
    assert actions(plan) == before
    assert plan.repo.git("rev-parse", "HEAD") == head
    assert plan.repo.git("status", "--porcelain") == ""


def test_allow_duplicate_creates_the_second_action(plan: Plan) -> None:
    result = again(plan, "--allow-duplicate")
    second = new_id(result)
    assert second != plan.action
    assert len(actions(plan)) == 2
    data = yaml.safe_load(plan.action_text(second))
    assert (data["source"], data["finding"], data["owner"]) == (plan.source, "F1", "sam.patel")


def test_the_same_title_for_another_finding_is_not_a_duplicate(plan: Plan) -> None:
    new_id(again(plan, finding="F2"))
    assert len(actions(plan)) == 2


def test_another_title_for_the_same_finding_is_not_a_duplicate(plan: Plan) -> None:
    new_id(again(plan, title="Weekly audit of 20 MAR charts, reported to governance"))
    assert len(actions(plan)) == 2


def test_a_cancelled_action_with_the_same_title_does_not_block(plan: Plan) -> None:
    assert plan.run("cancel", plan.action, "--reason", "Superseded by the new e-MAR system").exit_code == 0
    new_id(again(plan))
    assert len(actions(plan)) == 2


def test_a_closed_action_with_the_same_title_does_not_block(plan: Plan) -> None:
    for step in (("complete", plan.action, "--change", "MAR charts 99% complete in three audits (was 82%)",
                  "--evidence", "https://docs.example.org/audit"),
                 ("close", plan.action, "--note", CLOSURE_NOTE, "--by", "sam.patel")):
        assert plan.run(*step).exit_code == 0, step
    new_id(again(plan))
    assert len(actions(plan)) == 2


def test_a_completed_action_still_blocks_and_reopen_is_the_way_to_add_to_it(plan: Plan) -> None:
    done = plan.run("complete", plan.action, "--change", "MAR charts 99% complete in three audits (was 82%)",
                    "--evidence", "https://docs.example.org/audit")
    assert done.exit_code == 0, done.output
    result = again(plan)
    assert result.exit_code == 2
    assert f"(actions/{plan.action}.yaml, completed, owner Jane Smith)" in result.stderr
    assert f'govtool reopen {plan.action} --reason "..."' in result.stderr
    assert len(actions(plan)) == 1


def test_a_sub_action_of_the_same_finding_with_the_same_title_is_a_duplicate(plan: Plan) -> None:
    result = plan.run("new", "action", "--title", RETYPED, "--parent", plan.action, "--owner", "sam.patel",
                      "--due", PLAN_DUE)
    assert result.exit_code == 2
    assert f"already in the plan as {plan.action}" in result.stderr


def test_on_a_terminal_no_writes_nothing_and_says_how_to_add_to_the_existing_action(plan: Plan, terminal: None) -> None:
    before = actions(plan)
    result = again(plan, input="n\n")
    assert result.exit_code == 2
    assert (f"The same action is already in the plan as {plan.action} (actions/{plan.action}.yaml, open, owner "
            'Jane Smith): "Weekly audit of 10 MAR charts, reported to governance".') in result.stderr
    assert "Create it anyway? [y/N]" in result.stderr
    assert result.stderr.endswith(
        f'govtool: error: nothing saved: to add to it instead: govtool update {plan.action} --note "..."\n')
    assert actions(plan) == before
    assert plan.repo.git("status", "--porcelain") == ""


def test_on_a_terminal_enter_takes_no(plan: Plan, terminal: None) -> None:
    result = again(plan, input="\n")
    assert result.exit_code == 2
    assert len(actions(plan)) == 1


def test_on_a_terminal_yes_creates_it(plan: Plan, terminal: None) -> None:
    result = again(plan, input="y\n")
    assert "Create it anyway? [y/N]" in result.stderr
    second = new_id(result)
    assert second != plan.action
    assert yaml.safe_load(plan.action_text(second))["finding"] == "F1"
    assert len(actions(plan)) == 2


def test_on_a_terminal_allow_duplicate_asks_nothing(plan: Plan, terminal: None) -> None:
    result = again(plan, "--allow-duplicate", input="")
    assert "Create it anyway?" not in result.stderr
    new_id(result)
    assert len(actions(plan)) == 2


def test_help_names_the_option(plan: Plan) -> None:
    shown = " ".join(plan.run("new", "action", "--help").output.split())
    assert "--allow-duplicate Create it even when an action with the same title, not closed or cancelled, answers " \
           "the same finding" in shown


def test_on_the_guided_path_it_is_asked_before_the_owner_due_date_and_measure(plan: Plan, terminal: None) -> None:
    result = plan.cli("new", "action", cwd=plan.root, input="\n".join([RETYPED, "", "F1", "n"]) + "\n")
    assert result.exit_code == 2
    assert "Create it anyway? [y/N]" in result.stderr
    assert "Owner" not in result.output and "Due date" not in result.output
    assert len(actions(plan)) == 1
