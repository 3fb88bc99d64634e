"""A sheet written by 'govtool export' and edited in Excel comes back as lifecycle steps."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from govtool.register.load import load_register
from tests.cli.conftest import MILESTONE


def export(plan: Any, tmp_path: Path, name: str = "plan.xlsx") -> Path:
    out = tmp_path / name
    result = plan.run("export", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def edit(path: Path, action_id: str, **cells: Any) -> None:
    """Change cells of the action's row, by heading, as someone would in Excel."""
    book = load_workbook(path)
    sheet = book.active
    headings = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == action_id:
            for heading, value in cells.items():
                row[headings.index(heading.replace("_", " "))].value = value
    book.save(path)


def test_the_export_has_the_two_columns_people_fill_in(plan: Any, tmp_path: Path) -> None:
    sheet = load_workbook(export(plan, tmp_path)).active
    headings = [c.value for c in sheet[1]]
    assert "New progress note" in headings and "Re-date reason" in headings
    row = [c.value for c in sheet[2]]
    assert row[headings.index("New progress note")] is None and row[headings.index("Re-date reason")] is None


def test_a_new_progress_note_becomes_an_update_committed_alone(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"New progress note": "First weekly audit: 90% of MAR charts complete."})
    dry = plan.run("import", str(sheet), "--by", "sam.patel")
    assert dry.exit_code == 0, dry.output
    assert f"row 2 ({plan.action}): progress note" in dry.output
    assert "a sheet written by govtool export" in dry.output
    log = plan.repo.log()
    applied = plan.run("import", str(sheet), "--by", "sam.patel", "--apply", "--commit")
    assert applied.exit_code == 0, applied.output
    assert plan.repo.log() == [f"{plan.action}: progress note", *log]
    (update,) = load_register(plan.root).actions[plan.action].updates
    assert (update.note, update.by) == ("First weekly audit: 90% of MAR charts complete.", "sam.patel")


def test_a_moved_due_date_is_a_redate_only_with_its_reason(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, Due=dt.datetime(2031, 3, 31))
    refused = plan.run("import", str(sheet), "--apply")
    assert refused.exit_code == 1
    assert (f"row 2 ({plan.action}): refused: column V (Due) moved from 2030-12-31 to 2031-03-31 with no "
            "'Re-date reason'") in refused.output
    assert "redates" not in plan.action_text()
    edit(sheet, plan.action, **{"Re-date reason": "x"})
    placeholder = plan.run("import", str(sheet), "--apply", "--by", "jane.smith")
    assert placeholder.exit_code == 1
    assert f"row 2 ({plan.action}): refused: 'Re-date reason' 'x' does not say why: say what delayed it" \
        in placeholder.output
    edit(sheet, plan.action, **{"Re-date reason": "e-MAR supplier delayed go-live"})
    applied = plan.run("import", str(sheet), "--apply", "--by", "jane.smith")
    assert applied.exit_code == 0, applied.output
    action = load_register(plan.root).actions[plan.action]
    assert action.due == dt.date(2031, 3, 31)
    assert [(r.from_, r.to, r.reason) for r in action.redates] == [
        (dt.date(2030, 12, 31), dt.date(2031, 3, 31), "e-MAR supplier delayed go-live")]


def test_a_reason_without_a_new_date_is_refused(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"Re-date reason": "Supplier delay"})
    result = plan.run("import", str(sheet))
    assert "'Re-date reason' is given but column V (Due) still says 2030-12-31" in result.output
    assert result.exit_code == 1


def test_a_changed_trail_entry_refuses_its_row(plan: Any, tmp_path: Path) -> None:
    plan.run("update", plan.action, "--note", "Audit tool agreed.", *MILESTONE, "--by", "jane.smith")
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"Latest update": "Audit tool agreed and first audit done.",
                                "New progress note": "Second audit 94%."})
    before = plan.action_text()
    result = plan.run("import", str(sheet), "--apply")
    assert result.exit_code == 1
    assert (f"row 2 ({plan.action}): refused: {plan.action}: 'Latest update' changed: the trail is append-only") \
        in result.output
    assert plan.action_text() == before  # the row's new note is not imported either


def test_other_changed_columns_refuse_the_row_and_unchanged_rows_are_left(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, Action="Weekly audit of 20 MAR charts")
    result = plan.run("import", str(sheet))
    assert f"refused: {plan.action}: 'Action' changed: the import records new progress notes and re-dates only" \
        in result.output
    untouched = export(plan, tmp_path, "again.xlsx")
    quiet = plan.run("import", str(untouched))
    assert quiet.exit_code == 0 and "0 rows would be imported, 0 refused, 1 skipped" in quiet.output


def test_a_sheet_older_than_the_register_says_to_export_again(plan: Any, tmp_path: Path) -> None:
    plan.run("update", plan.action, "--note", "Audit tool agreed.", *MILESTONE, "--by", "jane.smith")
    sheet = export(plan, tmp_path)
    plan.run("update", plan.action, "--note", "First audit 90%.", "--by", "jane.smith")
    edit(sheet, plan.action, **{"New progress note": "Second audit 94%."})
    result = plan.run("import", str(sheet))
    assert f"{plan.action} has changed in the register since this sheet was exported" in result.output
    assert "export again and redo this row" in result.output


def test_a_row_added_without_an_id_is_a_new_action_on_the_named_finding(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    book = load_workbook(sheet)
    table = book.active
    headings = [c.value for c in table[1]]
    new = {"Action": "Replace the MAR chart template with one that has a PRN section", "Source ID": plan.source,
           "Finding ID": "F2", "Owner": "Sam Patel", "Due": dt.datetime(2030, 6, 30)}  # no Owner ID typed
    table.append([new.get(h) for h in headings])
    book.save(sheet)
    result = plan.run("import", str(sheet), "--apply")
    assert result.exit_code == 0, result.output
    added = [a for a in load_register(plan.root).actions.values() if a.id != plan.action]
    assert [(a.source_id, a.finding_id, a.owner) for a in added] == [(plan.source, "F2", "sam.patel")]


def test_a_csv_export_with_formula_like_text_comes_back_as_written(plan: Any, tmp_path: Path) -> None:
    plan.run("update", plan.action, "--note", '=HYPERLINK("http://x") looked odd; -5% this week', *MILESTONE,
             "--by", "jane.smith")
    out = tmp_path / "plan.csv"
    plan.run("export", "--format", "csv", "-o", str(out))
    assert "'=HYPERLINK" in out.read_text()  # defused by the export
    unchanged = plan.run("import", str(out))
    assert unchanged.exit_code == 0 and "0 rows would be imported, 0 refused, 1 skipped" in unchanged.output
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("New progress note")] = "Second audit 94%."
    with out.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    applied = plan.run("import", str(out), "--apply", "--by", "sam.patel")
    assert applied.exit_code == 0, applied.output
    notes = [u.note for u in load_register(plan.root).actions[plan.action].updates]
    assert notes == ['=HYPERLINK("http://x") looked odd; -5% this week', "Second audit 94%."]


def test_a_new_note_may_bring_its_next_milestone(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"New progress note": "Audit tool agreed.", "Next milestone": "First weekly audit",
                                "Milestone due": dt.datetime(2030, 1, 15)})
    result = plan.run("import", str(sheet), "--apply", "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    (update,) = load_register(plan.root).actions[plan.action].updates
    assert (update.next_milestone, update.milestone_due) == ("First weekly audit", dt.date(2030, 1, 15))
    edit(export(plan, tmp_path, "later.xlsx"), plan.action, **{"Next milestone": "Second weekly audit"})
    alone = plan.run("import", str(tmp_path / "later.xlsx"))
    assert "'Next milestone' changed: the trail is append-only" in alone.output  # a milestone without a note


def test_a_sheet_imported_again_is_already_imported_not_redone(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"New progress note": "First weekly audit: 90% of MAR charts complete.",
                                "Due": dt.datetime(2031, 3, 31), "Re-date reason": "e-MAR go-live moved to March"})
    first = plan.run("import", str(sheet), "--by", "sam.patel", "--apply", "--commit")
    assert first.exit_code == 0, first.output
    log = plan.repo.log()
    again = plan.run("import", str(sheet), "--by", "sam.patel", "--apply", "--commit")
    assert again.exit_code == 0, again.output
    assert f"row 2 ({plan.action}): skipped: already imported: its progress note (recorded " in again.output
    assert "and its re-date to 2031-03-31 are in" in again.output and "export again" not in again.output
    assert "0 rows imported, 0 refused, 1 skipped" in again.output
    assert plan.repo.log() == log  # no second note, no second re-date
    action = load_register(plan.root).actions[plan.action]
    assert (len(action.updates), len(action.redates)) == (1, 1)
    # a different note on the same old sheet is still a sheet the register has moved past
    edit(sheet, plan.action, **{"New progress note": "Second weekly audit: 94%."})
    moved = plan.run("import", str(sheet), "--by", "sam.patel")
    assert moved.exit_code == 1 and "export again and redo this row" in moved.output


def test_a_note_with_no_author_the_directory_knows_is_refused_in_the_dry_run_as_with_apply(
        plan: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """A script with no --by, run by someone Git calls 'Pat Doe': the note would be signed by no
    one govtool.yaml lists, for good; the dry run says so, and --apply writes nothing of it."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Pat Doe")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "pat.doe@example.org")
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"New progress note": "First weekly audit: 90% of MAR charts complete.",
                                "Due": dt.datetime(2031, 3, 31), "Re-date reason": "e-MAR supplier delayed go-live"})
    refusal = (f"row 2 ({plan.action}): refused: a progress note records who made it: Git knows you as 'Pat Doe', "
               "who is not in govtool.yaml's people: give --by WHO")
    dry = plan.run("import", str(sheet))
    assert dry.exit_code == 1 and refusal in dry.output
    before = plan.action_text()
    applied = plan.run("import", str(sheet), "--apply")
    assert applied.exit_code == 1 and refusal in applied.output
    assert plan.action_text() == before
    assert plan.run("import", str(sheet), "--apply", "--by", "sam.patel").exit_code == 0
    action = load_register(plan.root).actions[plan.action]
    assert [u.by for u in action.updates] == ["sam.patel"] and [r.by for r in action.redates] == ["sam.patel"]


def test_an_owner_retyped_without_accents_or_case_is_the_same_owner(plan: Any, tmp_path: Path) -> None:
    """Excel on a keyboard without accents: 'Seán Ó Murchú' comes back as 'Sean O Murchu'. A new
    row's owner is matched that way, so an existing row's is too; another person is still a change."""
    assert plan.run("person", "add", "sean.o.murchu", "--name", "Seán Ó Murchú", "--role", "Head of Care").exit_code == 0
    created = plan.run("new", "action", "--title", "Check the fridge temperature log at every handover",
                       "--source", plan.source, "--finding", "F1", "--owner", "Seán Ó Murchú", "--due", "2030-06-30")
    action_id = created.output.strip().splitlines()[-1]
    sheet = export(plan, tmp_path)
    edit(sheet, action_id, **{"Owner": "Sean O Murchu", "Owner ID": "Sean.O.Murchu",
                              "New progress note": "Log checked at 14 of 14 handovers this week."})
    edit(sheet, plan.action, **{"Owner": "JANE SMITH (RM)", "New progress note": "Audit tool agreed."})
    applied = plan.run("import", str(sheet), "--apply", "--by", "jane.smith")
    assert applied.exit_code == 0, applied.output
    actions = load_register(plan.root).actions
    assert [u.note for u in actions[action_id].updates] == ["Log checked at 14 of 14 handovers this week."]
    assert [u.note for u in actions[plan.action].updates] == ["Audit tool agreed."]
    assert actions[action_id].owner == "sean.o.murchu"
    # A different person in the owner cell is a handover, which only 'govtool edit --owner' records.
    later = export(plan, tmp_path, "later.xlsx")
    edit(later, action_id, **{"Owner": "Sam Patel", "New progress note": "Second week: 14 of 14."})
    refused = plan.run("import", str(later), "--by", "jane.smith")
    assert refused.exit_code == 1
    assert f"({action_id}): refused: {action_id}: 'Owner' changed" in refused.output


def test_an_owner_retyped_as_two_people_is_a_change_not_the_first_of_them(plan: Any, tmp_path: Path) -> None:
    """'Jane Smith, Sam Patel' in jane.smith's row read as jane.smith, so the shared owner passed
    unseen; it is now a change of owner, which only 'govtool edit --owner' records."""
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"Owner": "Jane Smith, Sam Patel", "New progress note": "Audit tool agreed."})
    refused = plan.run("import", str(sheet), "--by", "jane.smith")
    assert refused.exit_code == 1, refused.output
    assert f"({plan.action}): refused: {plan.action}: 'Owner' changed" in refused.output


def test_a_sheet_exported_with_codes_before_they_were_words_still_comes_back(plan: Any, tmp_path: Path) -> None:
    """Sheets now show 'In progress' and 'CQC inspection report'; one exported earlier holds the
    codes, and its rows are not refused as changed."""
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"Status": "open", "Source type": "inspection_report", "Priority": "high",
                                "New progress note": "First weekly audit: 90% of MAR charts complete."})
    applied = plan.run("import", str(sheet), "--by", "sam.patel", "--apply")
    assert applied.exit_code == 0, applied.output
    (update,) = load_register(plan.root).actions[plan.action].updates
    assert update.note == "First weekly audit: 90% of MAR charts complete."


def test_a_reason_typed_in_why_it_last_moved_is_sent_to_re_date_reason(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, Due=dt.datetime(2031, 3, 31), **{"Why it last moved": "e-MAR supplier delayed go-live"})
    refused = plan.run("import", str(sheet), "--by", "jane.smith")
    assert refused.exit_code == 1
    assert (f"row 2 ({plan.action}): refused: {plan.action}: 'Why it last moved' changed, but {plan.action} has never "
            "been re-dated ('Why it last moved' shows the last re-date once there is one): to move the due date, put "
            "the reason in 'Re-date reason' beside the new date in column V (Due), and leave 'Why it last moved' empty"
            ) in refused.output
    assert "append-only" not in refused.output
    edit(sheet, plan.action, **{"Why it last moved": None, "Re-date reason": "e-MAR supplier delayed go-live"})
    applied = plan.run("import", str(sheet), "--by", "jane.smith", "--apply")
    assert applied.exit_code == 0, applied.output
    assert load_register(plan.root).actions[plan.action].due == dt.date(2031, 3, 31)


def test_a_new_reason_over_the_last_re_dates_says_where_a_new_one_goes(plan: Any, tmp_path: Path) -> None:
    plan.run("redate", plan.action, "--to", "2031-03-31", "--reason", "e-MAR supplier delayed go-live", "--by",
             "jane.smith")
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, Due=dt.datetime(2031, 6, 30), **{"Why it last moved": "Pharmacy audit moved to June"})
    refused = plan.run("import", str(sheet), "--by", "jane.smith")
    assert refused.exit_code == 1
    assert (f"refused: {plan.action}: 'Why it last moved' changed: it shows the re-date already recorded (to "
            "2031-03-31: 'e-MAR supplier delayed go-live'), which is not edited: to move the due date again, put the "
            "reason in 'Re-date reason' beside the new date in column V (Due), and put 'Why it last moved' back as "
            "exported") in refused.output
