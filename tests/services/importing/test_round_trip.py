"""A sheet written by 'govtool export' and edited in Excel comes back as lifecycle steps."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
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
        if row[headings.index("ID")].value == action_id:
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
    assert (f"row 2 ({plan.action}): refused: column W (Due) moved from 2030-12-31 to 2031-03-31 with no "
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
    assert "'Re-date reason' is given but column W (Due) still says 2030-12-31" in result.output
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
    assert added[0].created == dt.date.today()  # typed in the sheet now, not raised on the source's day


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
            "the reason in 'Re-date reason' beside the new date in column W (Due), and leave 'Why it last moved' empty"
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
            "reason in 'Re-date reason' beside the new date in column W (Due), and put 'Why it last moved' back as "
            "exported") in refused.output


def _with_refs(plan: Any) -> dict[str, str]:
    """Three actions numbered as the plan sent to CQC numbers them: '1.10' (text that reads as a
    number), '2' and 'R3'; the fixture's own action has no reference."""
    made = {}
    for ref, title in (("1.10", "Replace the MAR chart template with one that has a PRN section"),
                       ("2", "Check the fridge temperature log at every handover"),
                       ("R3", "Fit door closers to the four lounge fire doors")):
        created = plan.run("new", "action", "--title", title, "--source", plan.source, "--finding", "F1",
                           "--owner", "sam.patel", "--due", "2030-06-30", "--reference", ref)
        assert created.exit_code == 0, created.output
        made[ref] = created.output.strip().splitlines()[-1]
    plan.repo.commit("Numbered actions")
    return made


def test_the_export_s_first_column_is_the_ref_as_text(plan: Any, tmp_path: Path) -> None:
    """The export had no Ref column: a plan imported with its numbering lost it on the way out."""
    refs = _with_refs(plan)
    sheet = load_workbook(export(plan, tmp_path)).active
    headings = [c.value for c in sheet[1]]
    assert headings[:2] == ["Ref", "ID"]
    cells = {row[1].value: row[0] for row in sheet.iter_rows(min_row=2)}
    assert cells[refs["1.10"]].value == "1.10" and cells[refs["1.10"]].data_type == "s"  # not the number 1.1
    assert cells[refs["2"]].value == "2" and cells[refs["R3"]].value == "R3"
    assert cells[plan.action].value is None
    # Formatted as text, cell and column, so that Excel keeps a Ref typed as 1.10 as typed.
    assert {cells[a].number_format for a in cells} == {"@"}
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet.freeze_panes == "C2"  # the Ref and the ID stay in view
    rows = list(csv.DictReader(io.StringIO(plan.run("export", "--format", "csv").output)))
    assert list(rows[0])[:2] == ["Ref", "ID"]
    assert {row["ID"]: row["Ref"] for row in rows} == {**{a: r for r, a in refs.items()}, plan.action: ""}
    exported = json.loads(plan.run("export", "--format", "json").output)
    assert {item["id"]: item["reference"] for item in exported}[refs["1.10"]] == "1.10"


def test_an_unchanged_ref_comes_back_unchanged_as_text_or_as_the_number_excel_made_it(
        plan: Any, tmp_path: Path) -> None:
    """Excel's 'Convert to Number' makes '1.10' the number 1.1, and '2' the number 2: still the Ref exported."""
    refs = _with_refs(plan)
    sheet = export(plan, tmp_path)
    book = load_workbook(sheet)
    table = book.active
    for row in table.iter_rows(min_row=2):
        if row[0].value in ("1.10", "2"):
            row[0].value, row[0].number_format = float(row[0].value), "General"
    book.save(sheet)
    edit(sheet, refs["1.10"], **{"New progress note": "New template drafted, with a PRN section."})
    dry = plan.run("import", str(sheet), "--by", "sam.patel")
    assert dry.exit_code == 0, dry.output
    assert f"({refs['1.10']}): progress note 'New template drafted, with a PRN section.'\n" in dry.output  # Ref unchanged
    assert "1 row would be imported, 0 refused, 3 skipped" in dry.output
    applied = plan.run("import", str(sheet), "--by", "sam.patel", "--apply")
    assert applied.exit_code == 0, applied.output
    reg = load_register(plan.root)
    assert {a.id: a.reference for a in reg.actions.values()} == {
        **{a: r for r, a in refs.items()}, plan.action: None}
    assert [u.note for u in reg.actions[refs["1.10"]].updates] == ["New template drafted, with a PRN section."]
    assert "reference: '1.10'" in plan.action_text(refs["1.10"])
    assert reg.problems == [] and "reference" not in plan.run("lint").output


def test_a_csv_export_saved_by_excel_with_1_10_as_1_1_comes_back_unchanged(plan: Any, tmp_path: Path) -> None:
    refs = _with_refs(plan)
    out = tmp_path / "plan.csv"
    assert plan.run("export", "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        row[0] = row[0].replace("1.10", "1.1")  # Excel opens the CSV, reads 1.10 as a number, saves 1.1
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = plan.run("import", str(out))
    assert result.exit_code == 0 and "0 rows would be imported, 0 refused, 4 skipped" in result.output
    assert refs["1.10"] not in result.output


def test_a_changed_ref_refuses_the_row_and_names_the_edit_that_makes_it(plan: Any, tmp_path: Path) -> None:
    refs = _with_refs(plan)
    sheet = export(plan, tmp_path)
    edit(sheet, refs["R3"], Ref="R4", **{"New progress note": "Closers ordered."})
    edit(sheet, refs["2"], Ref=None)
    edit(sheet, plan.action, Ref="1.1")
    result = plan.run("import", str(sheet), "--by", "jane.smith")
    assert result.exit_code == 1
    assert (f"({refs['R3']}): refused: {refs['R3']}: 'Ref' changed: the import records new progress notes and "
            f"re-dates only: put it back as exported, and change it with govtool edit {refs['R3']} --reference R4 "
            '--reason "..."') in result.output
    assert f"govtool edit {refs['2']} --reference - --reason" in result.output  # emptied: none
    assert f"govtool edit {plan.action} --reference 1.1 --reason" in result.output
    edit(sheet, plan.action, Ref=None, Action="Weekly audit of 20 MAR charts")
    two = plan.run("import", str(sheet), "--by", "jane.smith")
    assert (f"'Action' changed: the import records new progress notes and re-dates only: put it back as exported, "
            f'and change it with govtool edit {plan.action} --title "Weekly audit of 20 MAR charts" --reason "..."'
            ) in two.output
    # The command given does it, with its edits entry and the comments of the file kept.
    path = plan.root / "actions" / f"{refs['R3']}.yaml"
    path.write_text(path.read_text().replace("\ntitle:", "\n# numbered as in the plan sent to CQC\ntitle:", 1))
    plan.repo.commit("A comment")
    edited = plan.run("edit", refs["R3"], "--reference", "R4", "--reason", "Numbered as in the plan sent to CQC",
                      "--by", "jane.smith")
    assert edited.exit_code == 0, edited.output
    assert "# numbered as in the plan sent to CQC\n" in path.read_text()
    edit(sheet, refs["2"], Ref="2")
    edit(sheet, plan.action, Action="Weekly audit of 10 MAR charts, reported to governance")
    after = plan.run("import", str(sheet), "--by", "jane.smith", "--apply")
    assert after.exit_code == 0, after.output
    assert [u.note for u in load_register(plan.root).actions[refs["R3"]].updates] == ["Closers ordered."]


def test_a_row_added_to_the_export_keeps_its_ref_as_it_shows(plan: Any, tmp_path: Path) -> None:
    sheet = export(plan, tmp_path)
    book = load_workbook(sheet)
    table = book.active
    headings = [c.value for c in table[1]]
    rows = [{"Ref": "1.10", "Action": "Replace the MAR chart template with one that has a PRN section"},
            {"Ref": 2.5, "Action": "Check the fridge temperature log at every handover"}]
    for row in rows:
        table.append([{**row, "Source ID": plan.source, "Finding ID": "F1", "Owner": "Sam Patel",
                       "Due": dt.datetime(2030, 6, 30)}.get(h) for h in headings])
    table.cell(row=table.max_row, column=1).number_format = "0.00"  # shows 2.50
    book.save(sheet)
    result = plan.run("import", str(sheet), "--apply")
    assert result.exit_code == 0, result.output
    assert "row 3 (ref 1.10): create action" in result.output and "row 4 (ref 2.50): create action" in result.output
    refs = {a.title: a.reference for a in load_register(plan.root).actions.values()}
    assert refs["Replace the MAR chart template with one that has a PRN section"] == "1.10"
    assert refs["Check the fridge temperature log at every handover"] == "2.50"


def test_the_dry_run_says_in_one_line_per_row_what_it_records(plan: Any, tmp_path: Path) -> None:
    """It said 'progress note' and 're-date to ...': not which note, nor from which date, nor why."""
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, Due=dt.datetime(2031, 3, 31), **{
        "New progress note": "First weekly audit: 90% of MAR charts complete, two gaps on nights.",
        "Next milestone": "Third weekly audit at 98%", "Milestone due": dt.datetime(2030, 1, 15),
        "Re-date reason": "e-MAR supplier delayed go-live"})
    dry = plan.run("import", str(sheet), "--by", "jane.smith")
    assert dry.exit_code == 0, dry.output
    assert (f"row 2 ({plan.action}): progress note 'First weekly audit: 90% of MAR charts complete, two gaps on…', "
            "next milestone 'Third weekly audit at 98%' due 2030-01-15; re-date from 2030-12-31 to 2031-03-31 "
            "('e-MAR supplier delayed go-live')\n") in dry.output


def _finished(plan: Any) -> tuple[str, str]:
    """A closed action and a cancelled one, beside the fixture's open one."""
    made = []
    for title in ("Check the fridge temperature log at every handover", "Fit door closers to the four lounge fire doors"):
        created = plan.run("new", "action", "--title", title, "--source", plan.source, "--finding", "F1",
                           "--owner", "sam.patel", "--due", "2030-06-30")
        made.append(created.output.strip().splitlines()[-1])
    closed, cancelled = made
    assert plan.run("complete", closed, "--change", "Fridge log complete every day for four weeks (was 60% of days)",
                    "--evidence", "https://docs.example.org/fridge-log", "--by", "sam.patel").exit_code == 0
    assert plan.run("close", closed, "--note", "Governance checked four weeks of the fridge log: complete every day",
                    "--by", "jane.smith").exit_code == 0
    assert plan.run("cancel", cancelled, "--reason", "Superseded: the lounge doors are being replaced with "
                    "self-closing ones in the refurbishment", "--by", "jane.smith").exit_code == 0
    plan.repo.commit("Finished actions")
    return closed, cancelled


def test_a_note_or_a_new_date_on_a_closed_or_cancelled_action_says_what_to_do_instead(
        plan: Any, tmp_path: Path) -> None:
    """It said 'ACT-… is closed: a closed action cannot be updated', and nothing of what to do."""
    closed, cancelled = _finished(plan)
    sheet = export(plan, tmp_path)
    edit(sheet, closed, **{"New progress note": "Log still complete in January."})
    edit(sheet, cancelled, Due=dt.datetime(2031, 3, 31), **{"Re-date reason": "Refurbishment moved to March"})
    dry = plan.run("import", str(sheet), "--by", "jane.smith")
    assert dry.exit_code == 1
    today = dt.date.today().isoformat()
    lines = dry.output.splitlines()
    assert (f"({closed}): refused: {closed} was signed off (closed) on {today}, so a 'New progress note' cannot be "
            f'recorded on it: if the work is not finished, reopen it first (govtool reopen {closed} --reason "...") '
            "and import the sheet again; otherwise clear the row's changes") in dry.output
    assert (f"({cancelled}): refused: {cancelled} was cancelled on {today}, so a new 'Due' date cannot be recorded "
            "on it: a cancelled action stays as it was cancelled: if the work is needed after all, add it as a new "
            "row without an ID (a new action); otherwise clear the row's changes") in dry.output
    assert sum(line.startswith("row ") for line in lines) == 2  # one line each


def test_a_status_changed_in_the_sheet_names_the_command_that_records_it(plan: Any, tmp_path: Path) -> None:
    """A status typed in the sheet was refused with 'change it with govtool's own commands': which?"""
    closed, cancelled = _finished(plan)
    other = plan.run("new", "action", "--title", "Replace the MAR chart template with one that has a PRN section",
                     "--source", plan.source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-06-30")
    marked = other.output.strip().splitlines()[-1]
    plan.repo.commit("Another action")
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, Status="Cancelled",
         **{"New progress note": "No longer needed: eMAR replaces paper MAR charts in January"})
    edit(sheet, marked, Status="Complete", **{"Change to practice": "Every MAR chart in use has a PRN section",
                                             "Evidence": "https://docs.example.org/mar; https://docs.example.org/prn"})
    edit(sheet, closed, Status="In progress")
    result = plan.run("import", str(sheet), "--by", "jane.smith")
    assert result.exit_code == 1
    assert (f"({plan.action}): refused: {plan.action}: 'Status' changed from 'Open' to 'Cancelled': the import records "
            f"new progress notes and re-dates only: put it back as exported, and cancel it with govtool cancel "
            f'{plan.action} --reason "No longer needed: eMAR replaces paper MAR charts in January" (the \'New '
            "progress note' as its reason)") in result.output, result.output
    assert (f"({marked}): refused: {marked}: 'Status', 'Change to practice', 'Evidence' changed: a completion is "
            f"recorded with its evidence, not by the import: put the row back as exported, and record it with "
            f'govtool complete {marked} --change "Every MAR chart in use has a PRN section" --evidence '
            "https://docs.example.org/mar --evidence https://docs.example.org/prn") in result.output
    assert (f"({closed}): refused: {closed}: 'Status' changed from 'Closed' to 'In progress': the import records "
            f'new progress notes and re-dates only: put it back as exported, and reopen it with govtool reopen {closed} '
            '--reason "..."') in result.output
    assert "append-only" not in result.output


def test_a_closed_or_cancelled_action_s_title_changed_in_the_sheet_is_not_sent_to_a_refused_edit(
        plan: Any, tmp_path: Path) -> None:
    """It named 'govtool edit', which refuses a closed or cancelled action."""
    closed, cancelled = _finished(plan)
    sheet = export(plan, tmp_path)
    edit(sheet, closed, Action="Check the fridge temperature log at every handover and on every night round")
    edit(sheet, cancelled, Action="Fit door closers to the lounge fire doors")
    result = plan.run("import", str(sheet), "--by", "jane.smith")
    assert result.exit_code == 1
    assert (f"({closed}): refused: {closed}: 'Action' changed: the import records new progress notes and re-dates "
            f"only: put it back as exported: {closed} is signed off (closed) as it stands: if it was wrong, reopen it "
            f'first (govtool reopen {closed} --reason "..."), then govtool edit {closed} --title "Check the fridge '
            'temperature log at every handover and on every night round" --reason "..."') in result.output
    assert (f"({cancelled}): refused: {cancelled}: 'Action' changed: the import records new progress notes and "
            "re-dates only: put it back as exported: a cancelled action is kept as it was cancelled\n") in result.output


#: How a UK Excel writes a date back to a CSV it saved (2030-12-31 read as a date, shown in the
#: cell's style), and how people type one: all the same day as the ISO date exported.
_EXCEL_DATE_STYLES = {
    "dd/mm/yyyy": lambda day: f"{day:%d/%m/%Y}",
    "d/m/yyyy": lambda day: f"{day.day}/{day.month}/{day.year}",
    "d mmm yyyy": lambda day: f"{day.day} {day:%b %Y}",
    "dd/mm/yyyy hh:mm": lambda day: f"{day:%d/%m/%Y} 00:00",
}


def _saved_by_excel(path: Path, style: Any, action_id: str, **cells: str) -> None:
    """Rewrite every ISO date of an exported CSV in ``style``, then type ``cells`` in the
    action's row, as a UK Excel opening and saving it does."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        for index, text in enumerate(row):
            if len(text) == 10 and text[4] == "-" and text[7] == "-":
                row[index] = style(dt.date.fromisoformat(text))
        if row[rows[0].index("ID")] == action_id:
            for heading, value in cells.items():
                row[rows[0].index(heading)] = value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _with_dated_trail(plan: Any) -> None:
    """A note and a re-date, so the row has every date column a live action shows."""
    assert plan.run("update", plan.action, "--note", "Audit tool agreed.", *MILESTONE, "--by", "jane.smith").exit_code == 0
    assert plan.run("redate", plan.action, "--to", "2031-03-31", "--reason", "e-MAR supplier delayed go-live",
                    "--by", "jane.smith").exit_code == 0


@pytest.mark.parametrize("style", list(_EXCEL_DATE_STYLES))
def test_a_csv_saved_by_a_uk_excel_with_its_dates_rewritten_brings_its_new_note(
        plan: Any, tmp_path: Path, style: str) -> None:
    """A manager's trial: Excel rewrote every date as DD/MM/YYYY, and every row was refused as an
    edited trail. The same day, however written, is unchanged; the note she typed is imported."""
    _with_dated_trail(plan)
    out = tmp_path / "plan.csv"
    assert plan.run("export", "-o", str(out)).exit_code == 0
    _saved_by_excel(out, _EXCEL_DATE_STYLES[style], plan.action, **{"New progress note": "Second audit 94%."})
    applied = plan.run("import", str(out), "--apply", "--by", "jane.smith")
    assert applied.exit_code == 0 and ", 0 refused, 0 skipped" in applied.output, applied.output
    notes = [u.note for u in load_register(plan.root).actions[plan.action].updates]
    assert notes == ["Audit tool agreed.", "Second audit 94%."]


def test_a_date_really_changed_in_a_csv_saved_by_excel_is_refused_and_named_alone(plan: Any, tmp_path: Path) -> None:
    _with_dated_trail(plan)
    out = tmp_path / "plan.csv"
    assert plan.run("export", "-o", str(out)).exit_code == 0
    _saved_by_excel(out, _EXCEL_DATE_STYLES["dd/mm/yyyy"], plan.action,
                    **{"Original due date": "30/11/2030", "New progress note": "Second audit 94%."})
    before = plan.action_text()
    refused = plan.run("import", str(out), "--apply", "--by", "jane.smith")
    assert refused.exit_code == 1
    assert (f"refused: {plan.action}: 'Original due date' changed: the trail is append-only, so an entry already "
            "recorded cannot be edited") in refused.output
    assert plan.action_text() == before


def test_an_xlsx_with_real_dates_or_dates_typed_as_text_brings_its_new_note_and_a_changed_one_is_named(
        plan: Any, tmp_path: Path) -> None:
    """The .xlsx route: Excel keeps real dates (read back as date-times); one retyped as UK text
    is the same day too; a date really changed is refused, named alone."""
    _with_dated_trail(plan)
    created = load_register(plan.root).actions[plan.action].created
    assert created is not None
    sheet = export(plan, tmp_path)
    edit(sheet, plan.action, **{"Created": f"{created:%d/%m/%Y}", "Source date": "2 Mar 2026",
                                "New progress note": "Second audit 94%."})
    applied = plan.run("import", str(sheet), "--apply", "--by", "jane.smith")
    assert applied.exit_code == 0, applied.output
    assert len(load_register(plan.root).actions[plan.action].updates) == 2
    later = export(plan, tmp_path, "later.xlsx")
    edit(later, plan.action, **{"Source date": dt.datetime(2026, 3, 3), "New progress note": "Third audit 98%."})
    refused = plan.run("import", str(later), "--by", "jane.smith")
    assert refused.exit_code == 1
    assert f"refused: {plan.action}: 'Source date' changed:" in refused.output
