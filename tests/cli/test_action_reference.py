"""An action's reference: its number in the plan it came from ('1.2', 'R3', 'Must do 2')."""

from __future__ import annotations

import docx

from govtool.register.load import load_register

from .conftest import Plan, new_id


def test_new_action_keeps_the_reference_given_and_the_report_shows_it(plan: Plan) -> None:
    action = new_id(plan.run(
        "new", "action", "--title", "Write a PRN protocol for every person prescribed an as-needed medicine",
        "--source", plan.source, "--finding", "F1", "--owner", "jane.smith", "--due", "2030-12-31",
        "--reference", "1.2"))
    assert "\nreference: '1.2'\n" in plan.action_text(action)
    assert load_register(plan.root).actions[action].reference == "1.2"
    assert f"- **Ref 1.2 · {action}** Write a PRN protocol" in plan.run("report", "action-plan").output
    assert f"- **{plan.action}** Weekly audit" in plan.run("report", "action-plan").output  # none given: none shown
    # The Word plan, as the HTML, has it before the ID under the action's title.
    assert plan.run("report", "action-plan", "--format", "docx", "-o", str(plan.root / "plan.docx")).exit_code == 0
    cells = [row.cells[0].text for table in docx.Document(str(plan.root / "plan.docx")).tables for row in table.rows]
    assert any(cell.startswith("Write a PRN protocol") and f"\nRef 1.2 · {action}" in cell for cell in cells), cells


def test_a_reference_typed_as_a_number_by_hand_is_reported_with_how_to_keep_it(plan: Plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("\ntitle:", "\nreference: 1.2\ntitle:", 1))
    result = plan.run("lint")
    assert result.exit_code == 1
    assert ("error schema reference: expected text, got a number 1.2: put it in quotes, exactly as typed, so it is "
            "kept as text (reference: '1.2')") in result.output


def test_edit_reference_sets_renumbers_and_removes_it_with_its_edits_entry_committed(plan: Plan) -> None:
    """'govtool edit ACT-... --reference' was refused as a source's option: an action imported
    without its number, or numbered wrongly, could be put right only by hand, which lint reports."""
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("\ntitle:", "\n# the number CQC's letter uses\ntitle:", 1))
    plan.repo.commit("A comment", date="2026-03-11")
    log = plan.repo.log()
    given = plan.run("edit", plan.action, "--reference", "1.10", "--reason", "Numbered as in the plan sent to CQC",
                     "--by", "jane.smith", "--commit")
    assert given.exit_code == 0, given.output
    text = plan.action_text()
    assert "# the number CQC's letter uses\ntitle:" in text  # comments kept
    assert "\nreference: '1.10'\n" in text  # text, as typed: not the number 1.1
    assert plan.repo.log() == [f"{plan.action}: edited reference (Numbered as in the plan sent to CQC)", *log]
    renumbered = plan.run("edit", plan.action, "--reference", "R3", "--reason", "CQC's letter numbers it R3",
                          "--by", "jane.smith", "--commit")
    assert renumbered.exit_code == 0, renumbered.output
    removed = plan.run("edit", plan.action, "--reference", "-", "--reason", "Not one of the plan's numbered actions",
                       "--by", "jane.smith", "--commit")
    assert removed.exit_code == 0, removed.output
    action = load_register(plan.root).actions[plan.action]
    assert action.reference is None and "reference:" not in plan.action_text().split("edits:")[0]
    assert [(e["fields"], e.get("from")) for e in action.data["edits"]] == [
        (["reference"], None), (["reference"], {"reference": "1.10"}), (["reference"], {"reference": "R3"})]
    assert plan.action not in plan.run("lint").output  # no silent edit, no schema problem
    again = plan.run("edit", plan.action, "--reference", "none", "--reason", "x", "--by", "jane.smith")
    assert again.exit_code == 2 and "already says that: nothing to edit" in again.output
    empty = plan.run("edit", plan.action, "--reference", " ", "--reason", "x", "--by", "jane.smith")
    assert empty.exit_code == 2
    assert "--reference is empty: give the action's number in its plan (1.2, R3), or '-' for none" in empty.output


def test_a_reference_changed_by_hand_is_a_silent_edit_naming_the_command(plan: Plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("\ntitle:", "\nreference: '1.2'\ntitle:", 1))
    result = plan.run("lint")
    assert (f"the reference of {plan.action} was changed in the file by hand from (none) to '1.2', and not yet "
            f"committed, with no edit entry saying why: remove it "
            f"again by hand, then make the change with govtool edit {plan.action} --reference ... --reason ..."
            ) in result.output
