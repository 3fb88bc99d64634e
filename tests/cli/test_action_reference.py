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
