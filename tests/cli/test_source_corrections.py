"""Correcting a source and withdrawing one recorded by mistake, as a manager would, with lint's word on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from govtool.lint.engine import lint_register
from tests.cli.test_cli_errors import refused

# 30 days ahead, read when the file loads: still in the future whenever the test runs.
IN_A_MONTH = dt.date.today() + dt.timedelta(days=30)


def _today() -> dt.date:
    """Read when asked, not when the file loads: a run may cross midnight before a test starts."""
    return dt.date.today()


def _source(plan: Any) -> dict[str, Any]:
    return yaml.safe_load((plan.root / "sources" / f"{plan.source}.yaml").read_text())


def _problems(root: Any) -> list[tuple[str, str]]:
    return [(p.rule, p.message) for p in lint_register(root, today=_today()).problems]


def test_edit_corrects_a_sources_date_and_a_findings_regulation_with_an_edits_entry(plan: Any) -> None:
    before = _problems(plan.root)
    result = plan.run("edit", plan.source, "--date", "03/03/2026", "--reference", "INS2-1235",
                      "--reason", "Typed the publication date, not the inspection's", "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.log()[0].startswith(f"{plan.source}: edited date, reference (Typed the publication")
    result = plan.run("edit", plan.source, "--finding", "F2", "--regulation", "Reg 17", "--key-question", "well-led",
                      "--level", "must", "--reason", "As the requirement notice says", "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.log()[0].startswith(f"{plan.source}: edited F2 regulation, key_question, level (As the")
    data = _source(plan)
    assert (data["date"], data["reference"]) == (dt.date(2026, 3, 3), "INS2-1235")
    assert data["findings"][1] == {"id": "F2", "text": "Care plans did not record people's consent.",
                                   "regulation": "17", "key_question": "well-led", "level": "must"}
    assert data["edits"] == [
        {"date": _today(), "by": "jane.smith", "fields": ["date", "reference"],
         "from": {"date": "2026-03-02", "reference": "INS2-1234"},
         "reason": "Typed the publication date, not the inspection's"},
        {"date": _today(), "by": "jane.smith", "finding": "F2", "fields": ["regulation", "key_question", "level"],
         "from": {"regulation": "11"}, "reason": "As the requirement notice says"},
    ]
    assert _problems(plan.root) == before  # nothing new: no history-rewritten, no schema problem
    shown = plan.run("show", plan.source).stdout
    assert "edited F2 regulation, key_question, level by Jane Smith: As the requirement notice says" in shown
    assert "regulation was: 11" in shown


def test_a_hand_edit_of_a_sources_edits_entry_is_history_rewritten(plan: Any) -> None:
    assert plan.run("edit", plan.source, "--title", "CQC inspection report, 2 March 2026",
                    "--reason", "The report's own title", "--by", "jane.smith", "--commit").exit_code == 0
    path = plan.root / "sources" / f"{plan.source}.yaml"
    path.write_text(path.read_text().replace("reason: The report's own title", "reason: Tidied"))
    assert [rule for rule, _ in _problems(plan.root)].count("history-rewritten") == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--date", IN_A_MONTH.strftime("%d/%m/%Y")), "is in the future: a source records what has happened"),
    (("--finding", "F9", "--level", "must"), "has no finding F9: it has F1, F2"),
    (("--level", "must"), "--level is a finding's: say which finding with --finding F1"),
    (("--finding", "F1", "--title", "x"), "--title is the source's, not a finding's"),
    (("--owner", "sam.patel"), "--owner is an action's: a source has none"),
    (("--finding", "F1", "--regulation", "99"), "--regulation '99' is not one of"),
    (("--title", "CQC inspection report, March 2026"), "already says that: nothing to edit"),
])
def test_source_edits_that_cannot_be_made_change_nothing(plan: Any, args: tuple[str, ...], message: str) -> None:
    refused(plan, "edit", plan.source, *args, "--reason", "Correcting it", "--by", "jane.smith", message=message)


def test_edit_sets_corrects_and_removes_a_sources_response_date_with_an_edits_entry(plan: Any) -> None:
    """A response date missed at `new source` (or typed wrongly) could only be fixed by hand,
    leaving no trail of what it was."""
    before = _problems(plan.root)
    result = plan.run("edit", plan.source, "--response-due", "30/03/2026", "--reason", "CQC's letter asks within 28 days",
                      "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.log()[0].startswith(f"{plan.source}: edited response_due (CQC's letter asks within 28 days")
    result = plan.run("edit", plan.source, "--response-due", "2026-04-14", "--reason", "CQC agreed two more weeks",
                      "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert "response_due: 2026-03-30 -> 2026-04-14" in plan.repo.git("show", "-s", "--format=%B", "HEAD")
    data = _source(plan)
    assert data["response_due"] == dt.date(2026, 4, 14)
    assert list(data)[list(data).index("reference") + 1] == "response_due"  # where the schema puts it
    assert data["edits"] == [
        {"date": _today(), "by": "jane.smith", "fields": ["response_due"], "reason": "CQC's letter asks within 28 days"},
        {"date": _today(), "by": "jane.smith", "fields": ["response_due"], "from": {"response_due": "2026-03-30"},
         "reason": "CQC agreed two more weeks"},
    ]
    assert "respond by:  2026-04-14" in plan.run("show", plan.source).stdout
    # F2 has no action and the date has passed: response-due names the corrected date.
    assert any(rule == "response-due" and "due on 2026-04-14" in message for rule, message in _problems(plan.root))
    result = plan.run("edit", plan.source, "--response-due", "-", "--reason", "The requirement notice was withdrawn",
                      "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    data = _source(plan)
    assert "response_due" not in data
    assert data["edits"][-1]["from"] == {"response_due": "2026-04-14"}
    assert _problems(plan.root) == before


def test_a_sources_date_and_response_date_are_corrected_together(plan: Any) -> None:
    assert plan.run("edit", plan.source, "--response-due", "2026-03-30", "--reason", "The letter's date",
                    "--by", "jane.smith").exit_code == 0
    refused(plan, "edit", plan.source, "--date", "2026-04-02", "--reason", "The inspection ended on 2 April",
            "--by", "jane.smith", message="--response-due 2026-03-30 is before the source's date 2026-04-02")
    result = plan.run("edit", plan.source, "--date", "2026-04-02", "--response-due", "2026-04-30",
                      "--reason", "The inspection ended on 2 April", "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    data = _source(plan)
    assert (data["date"], data["response_due"]) == (dt.date(2026, 4, 2), dt.date(2026, 4, 30))
    assert data["edits"][-1]["fields"] == ["date", "response_due"]


@pytest.mark.parametrize(("args", "message"), [
    (("--response-due", "01/03/2026"), "--response-due 2026-03-01 is before the source's date 2026-03-02"),
    (("--response-due", "soon"), "--response-due 'soon' is not a date"),
    (("--finding", "F1", "--response-due", "2026-04-01"), "--response-due is the source's, not a finding's"),
    (("--response-due", "-"), "already says that: nothing to edit"),
])
def test_response_date_edits_that_cannot_be_made_change_nothing(plan: Any, args: tuple[str, ...], message: str) -> None:
    refused(plan, "edit", plan.source, *args, "--reason", "Correcting it", "--by", "jane.smith", message=message)


@pytest.mark.parametrize("option", ["--date", "--response-due"])
def test_an_actions_edit_refuses_a_sources_options(plan: Any, option: str) -> None:
    refused(plan, "edit", plan.action, option, "2026-04-01", "--reason", "x", "--by", "jane.smith",
            message=f"{option} is a source's: {plan.action} is an action (an action's due date moves with 'govtool redate')")
    refused(plan, "edit", plan.action, "--date", "2026-03-01", "--reason", "x", "--by", "jane.smith",
            message="--date is a source's: " + plan.action + " is an action (an action's due date moves with 'govtool redate')")


def test_cancel_withdraws_a_source_recorded_by_mistake_once_its_actions_are_cancelled(plan: Any) -> None:
    refused(plan, "cancel", plan.source, "--reason", "Recorded twice: the same report is SRC-OTHER", "--by", "jane.smith",
            message=f"{plan.source} is answered by {plan.action} (open): cancel those first")
    refused(plan, "cancel", plan.source, "--reason", "n/a", "--by", "jane.smith", message="does not say why")
    assert plan.run("cancel", plan.action, "--reason", "Its source was recorded twice: the report is SRC-OTHER",
                    "--by", "jane.smith").exit_code == 0
    result = plan.run("cancel", plan.source, "--reason", "Recorded twice: the same report is SRC-OTHER",
                      "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.log()[0] == f"{plan.source}: cancelled (Recorded twice: the same report is SRC-OTHER)"
    assert _source(plan)["cancellation"] == {"date": _today(), "by": "jane.smith",
                                             "reason": "Recorded twice: the same report is SRC-OTHER"}
    assert [rule for rule, _ in _problems(plan.root)] == []  # its findings ask for no actions any more
    refused(plan, "cancel", plan.source, "--reason", "Recorded twice, again", "--by", "jane.smith",
            message="is already cancelled")
    refused(plan, "new", "action", "--source", plan.source, "--finding", "F1", "--title", "Weekly audit",
            "--owner", "jane.smith", "--due", "2030-01-31", message="is cancelled (recorded by mistake)")
    assert "(cancelled) CQC inspection report" in plan.run("list", "sources").stdout
    assert plan.source not in plan.run("report", "action-plan", "--format", "markdown").stdout


def test_a_deleted_source_is_restored_and_cancelled_with_the_commands_lint_names(plan: Any) -> None:
    plan.repo.git("rm", "-q", f"sources/{plan.source}.yaml", f"actions/{plan.action}.yaml")
    plan.repo.commit("Remove the mistaken report")
    hints = [message for rule, message in _problems(plan.root) if rule == "history-rewritten"]
    assert len(hints) == 2
    source_hint = next(h for h in hints if f"deleted sources/{plan.source}.yaml" in h)
    restore = source_hint.split("restore the file (")[1].split(")")[0]
    assert restore.startswith("git checkout ") and restore.endswith(f" -- sources/{plan.source}.yaml")
    assert f"(govtool cancel {plan.source} --reason ...)" in source_hint
    for hint in hints:  # do as each says
        plan.repo.git(*hint.split("restore the file (git ")[1].split(")")[0].split())
    for record in (plan.action, plan.source):
        assert plan.run("cancel", record, "--reason", "Entered for the wrong home: it is Oak House's report",
                        "--by", "jane.smith", "--commit").exit_code == 0
    assert _problems(plan.root) == []


def test_a_finding_read_after_the_source_was_recorded_is_added_with_the_next_id(plan: Any) -> None:
    """A source recorded without --finding could never take one later: 'edit SRC --finding F1'
    said 'it has none' and nothing said how to add it."""
    made = plan.run("new", "source", "--type", "mock_inspection", "--title", "Mock inspection by the ICB",
                    "--date", "2026-03-05")
    source = made.output.strip().splitlines()[-1]
    # Said at once, as lint's source-without-findings says it until one is added.
    assert f'no findings recorded: add each, in the report\'s words, when it is read: govtool edit {source} --add-finding' in made.output
    assert "source-without-findings" in [rule for rule, _ in _problems(plan.root)]
    refusal = refused(plan, "edit", source, "--finding", "F1", "--text", "Fire doors were wedged open",
                      "--reason", "Left out", "--by", "jane.smith", message=f"{source} has no finding F1: it has none")
    assert f'govtool edit {source} --add-finding "..." --reason "..."' in refusal
    before = _problems(plan.root)
    result = plan.run("edit", source, "--add-finding", "Fire doors were  wedged open in the corridor", "--regulation", "12",
                      "--level", "must", "--reason", "Left out when the report was recorded", "--by", "jane.smith",
                      "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.log()[0].startswith(f"{source}: added finding F1 (Left out when the report was recorded)")
    assert f"govtool new action --source {source} --finding F1" in result.output
    data = yaml.safe_load((plan.root / "sources" / f"{source}.yaml").read_text())
    assert data["findings"] == [{"id": "F1", "text": "Fire doors were wedged open in the corridor",
                                 "regulation": "12", "level": "must"}]
    assert data["edits"] == [{"date": _today(), "by": "jane.smith", "finding": "F1", "fields": ["text", "regulation", "level"],
                              "reason": "Left out when the report was recorded"}]
    # The new finding asks for an action, as one recorded with the source does; nothing else is reported.
    added = [p for p in _problems(plan.root) if p not in before]
    assert [rule for rule, _ in added] == ["unaddressed-finding"], added
    assert "source-without-findings" not in [rule for rule, _ in _problems(plan.root)]
    # A second finding takes the next ID; the same words again are refused.
    assert plan.run("edit", source, "--add-finding", "Two sharps bins were overfilled", "--reason", "Also left out",
                    "--by", "jane.smith").exit_code == 0
    assert [f["id"] for f in yaml.safe_load((plan.root / "sources" / f"{source}.yaml").read_text())["findings"]] == ["F1", "F2"]
    refused(plan, "edit", source, "--add-finding", "two sharps bins were overfilled", "--reason", "Again",
            "--by", "jane.smith", message=f"{source} already has this finding as F2")
    refused(plan, "edit", source, "--add-finding", "X y z", "--finding", "F1", "--reason", "Again",
            "--by", "jane.smith", message="--add-finding gives a new finding's words")
    refused(plan, "edit", plan.action, "--add-finding", "X y z", "--reason", "Again",
            "--by", "jane.smith", message="--add-finding is a source's")


def test_a_finding_id_is_read_in_any_case(plan: Any) -> None:
    """'--finding f2' was refused: 'has no finding f2: it has F1, F2'."""
    result = plan.run("edit", plan.source, "--finding", "f2", "--level", "should", "--reason", "As the report says",
                      "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert _source(plan)["edits"][-1]["finding"] == "F2"
    made = plan.run("new", "action", "--title", "Record each person's consent decision in their care plan",
                    "--source", plan.source, "--finding", "f2", "--owner", "jane.smith", "--due", "2030-12-31")
    assert made.exit_code == 0, made.output
    action = made.output.strip().splitlines()[-1]
    assert yaml.safe_load((plan.root / "actions" / f"{action}.yaml").read_text())["finding"] == "F2"


@pytest.mark.parametrize("typed", ["Reg 17(2)(a)", "Regulation 17(2)(a)", "17(2)(a)", "regulation 17 (2) (a)"])
def test_a_regulation_is_taken_as_cqc_writes_it_and_its_paragraph_said_to_be_left_out(plan: Any, typed: str) -> None:
    """'--regulation "Reg 17(2)(a)"' was refused as '17(2)(A)', which is not what was typed;
    import reads the same words as regulation 17."""
    result = plan.run("edit", plan.source, "--add-finding", "Spot checks of care workers were not recorded",
                      "--regulation", typed, "--key-question", "Well-led", "--level", "must",
                      "--reason", "Left out when the report was recorded", "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert _source(plan)["findings"][-1]["regulation"] == "17"
    assert (f"note: --regulation {typed!r} recorded as regulation 17: a finding records the regulation's number, "
            "not its paragraph (2)(a)") in result.output


def test_new_source_reads_the_regulation_as_edit_and_import_do(plan: Any) -> None:
    made = plan.run("new", "source", "--type", "inspection_report", "--title", "CQC report, May 2026",
                    "--date", "2026-05-02", "--response-due", "none",
                    "--finding", "Records of spot checks were missing.", "--regulation", "Regulation 17(2)(a)",
                    "--finding", "Staff were not always deployed.", "--regulation", "Reg 18")
    assert made.exit_code == 0, made.output
    source = made.output.strip().splitlines()[-1]
    data = yaml.safe_load((plan.root / "sources" / f"{source}.yaml").read_text())
    assert [f["regulation"] for f in data["findings"]] == ["17", "18"]
    assert "'Regulation 17(2)(a)' recorded as regulation 17" in made.output and "'Reg 18'" not in made.output


@pytest.mark.parametrize("typed", ["Reg 21(2)(a)", "17(2)(a) and 12", "seventeen"])
def test_a_regulation_refused_is_quoted_exactly_as_typed(plan: Any, typed: str) -> None:
    refusal = refused(plan, "edit", plan.source, "--finding", "F2", "--regulation", typed, "--reason", "As the report says",
                      "--by", "jane.smith", message=f"--regulation {typed!r} is not one of: 9, 9A, 10")
    assert "(A)" not in refusal
