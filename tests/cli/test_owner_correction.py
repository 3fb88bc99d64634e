"""edit --owner: a handover, or the correction of an owner recorded by mistake.

A new trial's manager typed the wrong owner, corrected it with ``edit --owner ... --reason
"wrong owner typed"``, and the plan said "Handed over from Aisha". A correction is not a
handover: ``--correction`` (or the answer at a terminal) records it as one, and the plan,
``show`` and the commit say so, while the trail keeps the change and the owner before it.
"""

from __future__ import annotations

import json

import yaml

from tests.cli.test_cli_errors import refused


def load(plan):
    return yaml.safe_load(plan.action_text())


def test_an_owner_typed_wrongly_is_corrected_not_handed_over(plan) -> None:
    result = plan.run("edit", plan.action, "--owner", "sam.patel", "--correction", "--reason", "Wrong owner typed",
                      "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{plan.action}: owner corrected to sam.patel (Wrong owner typed)")
    assert "recorded as a correction, not a handover" in result.output
    assert plan.repo.log()[0] == f"{plan.action}: owner corrected to sam.patel (Wrong owner typed)"
    data = load(plan)
    assert data["owner"] == "sam.patel"
    (entry,) = data["edits"]
    assert entry["fields"] == ["owner"] and entry["from"] == {"owner": "jane.smith"}  # the trail keeps who it was
    assert entry["handover"] is False and entry["reason"] == "Wrong owner typed"

    markdown = plan.run("report", "action-plan", "--format", "markdown").stdout
    assert "Handed over" not in markdown and "handed over" not in markdown
    assert "**Corrected** (owner: Jane Smith recorded by mistake) on " in markdown
    assert "by Jane Smith: Wrong owner typed" in markdown
    html = plan.run("report", "action-plan", "--format", "html").stdout
    assert "Handed over" not in html and "(owner: Jane Smith recorded by mistake): Wrong owner typed" in html
    plan_json = json.loads(plan.run("report", "action-plan", "--format", "json").stdout)
    edits = [a["edits"] for s in plan_json["sources"] for f in s["findings"] for a in f["actions"] if a["edits"]]
    assert edits == [[{**edits[0][0], "fields": ["owner: Jane Smith recorded by mistake"], "handed_over_from": None}]]

    shown = plan.run("show", plan.action).stdout
    assert "owner corrected (recorded by mistake, not a handover) by Jane Smith: Wrong owner typed" in shown
    assert "owner was: Jane Smith" in shown and "handed over" not in shown
    assert "owner corrected from jane.smith (Wrong owner typed)" in shown  # the Git timeline's words

    changes = plan.run("changes", "HEAD~1..HEAD").output
    assert "owner corrected from jane.smith to sam.patel: Wrong owner typed" in changes
    assert "handed over from" not in changes  # (the summary counts "1 edited or handed over")

    linted = plan.run("lint", "--format", "json")
    assert [p["rule"] for p in json.loads(linted.stdout) if p["record"] == plan.action
            and p["rule"] in ("schema", "silent-edit", "history-rewritten")] == []


def test_a_handover_is_still_a_handover_from_a_script_and_with_handover(plan) -> None:
    result = plan.run("edit", plan.action, "--owner", "sam.patel", "--handover", "--reason", "Jane on leave until August")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{plan.action}: handed over to sam.patel (Jane on leave until August)")
    assert "handover" not in load(plan)["edits"][0]  # a handover's entry is as it always was
    assert "Handed over** from Jane Smith" in plan.run("report", "action-plan", "--format", "markdown").stdout


def test_at_a_terminal_edit_asks_whether_a_new_owner_is_a_handover_or_a_correction(plan, monkeypatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.edit
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.edit, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = plan.cli("edit", plan.action, "--owner", "sam.patel", "--by", "jane.smith", cwd=plan.root,
                      input="correction\nTyped Jane instead of Sam when the action was created\n")
    assert result.exit_code == 0, result.output
    assert "Is this a handover (the work passes from Jane Smith to Sam Patel) or a correction" in result.output
    assert "What was the mistake" in result.output
    entry = load(plan)["edits"][0]
    assert entry["handover"] is False and entry["reason"] == "Typed Jane instead of Sam when the action was created"

    result = plan.cli("edit", plan.action, "--owner", "jane.smith", "--by", "jane.smith", cwd=plan.root,
                      input="\nSam moves to nights; Jane takes it back\n")  # Enter: the default, a handover
    assert result.exit_code == 0, result.output
    assert "handover" not in load(plan)["edits"][1]


def test_correction_needs_a_new_owner_and_an_action(plan) -> None:
    refused(plan, "edit", plan.action, "--title", "Weekly audit of 20 MAR charts, reported to governance",
            "--correction", "--reason", "x", message="--correction says what a new owner is: give the new owner with --owner")
    refused(plan, "edit", plan.action, "--owner", "jane.smith", "--correction", "--reason", "x",
            message="already says that: nothing to edit")
    refused(plan, "edit", plan.source, "--correction", "--title", "CQC report", "--reason", "x",
            message="--correction is an action's: a source has none")
    assert "edits" not in load(plan)


def test_a_recorded_handover_cannot_be_turned_into_a_correction_afterwards(plan) -> None:
    """The entry is part of the append-only trail: adding ``handover: false`` to a handover
    already committed is a rewritten trail entry, which lint reports."""
    assert plan.run("edit", plan.action, "--owner", "sam.patel", "--reason", "Jane on leave until August",
                    "--by", "jane.smith", "--commit").exit_code == 0
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("    reason: Jane on leave", "    handover: false\n    reason: Jane on leave"))
    plan.repo.commit("Tidy the trail")
    linted = json.loads(plan.run("lint", "--format", "json").stdout)
    assert any(p["rule"] == "history-rewritten" and p["record"] == plan.action for p in linted)
