"""govtool export: one table, three writers (CSV, JSON, XLSX with real dates and a frozen header)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl

from tests.cli.conftest import CLOSURE_NOTE, MILESTONE


def completed_plan(plan):
    plan.run("update", plan.action, "--note", "Audit tool agreed", "--next-milestone", "Third audit",
             "--milestone-due", "2030-02-01", "--by", "jane.smith")
    plan.run("redate", plan.action, "--to", "2031-01-31", "--reason", "supplier delay", "--by", "jane.smith")
    plan.run("complete", plan.action, "--change", "MAR completeness 82% -> 99%",
             "--evidence", "https://docs.example.org/audit", "--evidence-note", "March audit", "--by", "jane.smith")
    return plan


def test_json_export_has_every_field_a_plan_needs(plan) -> None:
    completed_plan(plan)
    result = plan.run("export", "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    today = dt.date.today().isoformat()
    expected = {
        "id": plan.action, "source": plan.source, "source_title": "CQC inspection report, March 2026",
        "source_type": "inspection_report", "finding": "F1", "regulation": "12",
        "finding_text": "The provider did not ensure medicines were managed safely.",
        "owner": "jane.smith", "owner_name": "Jane Smith", "owner_role": "Registered Manager",
        "priority": "high", "created": today, "due": "2031-01-31", "original_due": "2030-12-31",
        "times_redated": 1, "status": "completed", "rag": "Green",
        # a completed action works towards no milestone (as in the reports: govtool.register.rag)
        "latest_update": "Audit tool agreed", "next_milestone": None, "milestone_due": None,
        "completed": today, "change": "MAR completeness 82% -> 99%",
        "evidence": "https://docs.example.org/audit (March audit)", "closed": None, "closed_by": None,
    }
    assert {k: row[k] for k in expected} == expected


def test_rag_follows_the_nhs_convention(plan) -> None:
    from govtool.register.load import load_register
    from govtool.views.export import rag

    def colour(as_of: dt.date) -> str | None:
        return rag(load_register(plan.root).actions[plan.action], as_of)

    assert colour(dt.date(2030, 1, 1)) == "Amber"
    assert colour(dt.date(2031, 1, 1)) == "Red"  # overdue
    plan.run("update", plan.action, "--note", "Re-audit begun", "--next-milestone", "y", "--milestone-due", "2030-02-01")
    assert colour(dt.date(2030, 3, 1)) == "Red"  # milestone missed: off track
    plan.run("complete", plan.action, "--change", "99%", "--evidence", "https://x.org/e")
    assert colour(dt.date(2031, 1, 1)) == "Green"
    plan.run("close", plan.action, "--note", CLOSURE_NOTE, "--by", "sam.patel")
    assert colour(dt.date(2031, 1, 1)) == "Blue"


def test_report_and_export_agree_on_rag_after_a_note_only_update(plan) -> None:
    """A missed milestone stays missed when a later note sets none: Red in both."""
    plan.run("update", plan.action, "--note", "Audit tool agreed", "--next-milestone", "First audit",
             "--milestone-due", "2030-02-01", "--by", "jane.smith")
    plan.run("update", plan.action, "--note", "Waiting for the pharmacy", "--by", "jane.smith")
    report = json.loads(plan.run("report", "action-plan", "--format", "json", "--as-of", "2030-03-01").stdout)
    reported = [a for s in report["sources"] for f in s["findings"] for a in f["actions"] if a["id"] == plan.action]
    (row,) = json.loads(plan.run("export", "--format", "json", "--as-of", "2030-03-01").stdout)
    assert reported[0]["rag"]["label"] == row["rag"] == "Red"
    assert (row["next_milestone"], row["milestone_due"]) == ("First audit", "2030-02-01")


def test_an_action_in_progress_with_no_next_milestone_is_not_called_on_track(plan) -> None:
    """Lint's no-trajectory says nothing shows it is on track; the report must not say it is."""
    as_of = (dt.date.today() + dt.timedelta(days=30)).isoformat()  # a month after the notes: not gone quiet
    path = plan.root / "actions" / f"{plan.action}.yaml"  # by hand: update refuses a note that leaves none
    path.write_text(path.read_text().replace("status: open", "status: in_progress")
                    + f"updates:\n- date: {dt.date.today().isoformat()}\n  by: jane.smith\n"
                    "  note: Audit tool agreed with the pharmacy\n")
    report = json.loads(plan.run("report", "action-plan", "--format", "json", "--as-of", as_of).stdout)
    (rag,) = [a["rag"] for s in report["sources"] for f in s["findings"] for a in f["actions"] if a["id"] == plan.action]
    assert rag["label"] == "Amber" and rag["reason"] == "no next milestone recorded"
    plan.run("update", plan.action, "--note", "First audit booked", "--next-milestone", "First audit",
             "--milestone-due", "2030-02-01", "--by", "jane.smith")
    report = json.loads(plan.run("report", "action-plan", "--format", "json", "--as-of", as_of).stdout)
    (rag,) = [a["rag"] for s in report["sources"] for f in s["findings"] for a in f["actions"] if a["id"] == plan.action]
    assert rag["reason"] == "on track"


def test_the_sheet_says_why_the_due_date_last_moved(plan) -> None:
    """'Times re-dated' alone leaves a reader of the sheet asking why: the reason is beside it."""
    plan.run("redate", plan.action, "--to", "2031-01-31", "--reason", "Seven residents were in hospital in March",
             "--by", "jane.smith")
    (row,) = list(csv.DictReader(io.StringIO(plan.run("export", "--format", "csv").output)))
    assert row["Times re-dated"] == "1" and row["Why it last moved"] == "Seven residents were in hospital in March"
    assert row["Re-date reason"] == ""  # still the column a person fills in to move it again


def test_csv_export_to_stdout_and_to_a_file(plan) -> None:
    out = plan.run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows[0]["ID"] == plan.action and rows[0]["Owner role"] == "Registered Manager"
    target = plan.root / "out" / "plan.csv"
    target.parent.mkdir()  # -o writes into a folder that exists (a missing one is refused)
    written = plan.run("export", "-o", str(target))  # csv from the suffix
    assert written.exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads the file as UTF-8 only with it
    assert raw.decode("utf-8-sig") == out.output
    assert not out.output.startswith("\ufeff")  # scripts reading standard output get no mark


def test_csv_cells_that_look_like_formulas_are_defused(plan) -> None:
    plan.run("update", plan.action, "--note", '=HYPERLINK("http://evil.example","click")', *MILESTONE)
    rows = list(csv.DictReader(io.StringIO(plan.run("export", "--format", "csv").output)))
    assert rows[0]["Latest update"].startswith("'=HYPERLINK")


def test_xlsx_has_a_frozen_filtered_header_and_real_dates(plan) -> None:
    completed_plan(plan)
    plan.run("update", plan.action, "--note", "Re-audit begun", "--by", "jane.smith")  # refused (completed): no change
    target = plan.root / "plan.xlsx"
    result = plan.run("export", "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Ref", "ID", "Action", "Description"]  # the plan's own number first, as plans show it
    assert {"Source", "Finding", "Regulation", "Owner", "Owner role", "Due", "Times re-dated", "RAG",
            "Change to practice", "Evidence", "Closure date"} <= set(headers)
    assert sheet.freeze_panes == "C2"  # the header, the Ref and the ID stay in view
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}2"
    row = {h: c.value for h, c in zip(headers, sheet[2], strict=False)}
    assert row["ID"] == plan.action
    assert row["Due"] == dt.datetime(2031, 1, 31)  # a real date, not text
    assert row["Times re-dated"] == 1
    assert row["Regulation"] == 12  # a number, not text that Excel flags
    due = sheet.cell(row=2, column=headers.index("Due") + 1)
    assert due.number_format == "dd/mm/yyyy"  # UK style
    widths = {h: sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i, h in enumerate(headers)}
    assert widths["ID"] == len(plan.action) + 2  # fitted to the content
    assert widths["Action"] == 50  # a long title stops at the column's widest, and wraps
    assert sheet.cell(row=2, column=headers.index("Action") + 1).alignment.wrap_text
    assert widths["Description"] == len("Description") + 2  # an empty column is as wide as its header
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"  # the header on every printed page


def test_xlsx_keeps_formula_like_text_as_text(plan) -> None:
    plan.run("update", plan.action, "--note", "=1+1", *MILESTONE)
    target = plan.root / "plan.xlsx"
    assert plan.run("export", "--format", "xlsx", "-o", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target).active
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("Latest update") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_xlsx_to_a_pipe_is_a_workbook(plan) -> None:
    from click.testing import CliRunner

    from govtool.cli import main

    result = CliRunner().invoke(main, ["-C", str(plan.root), "export", "-o", "-", "--format", "xlsx"])
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes)).active
    assert sheet["B2"].value == plan.action
    assert not (plan.root / "-").exists()


def test_dash_means_standard_output_for_export_and_reports(plan) -> None:
    exported = plan.run("export", "--format", "json", "-o", "-")
    assert exported.exit_code == 0 and json.loads(exported.stdout)[0]["id"] == plan.action
    report = plan.run("report", "action-plan", "--format", "html", "-o", "-")
    assert report.exit_code == 0 and report.stdout.lstrip().lower().startswith("<!doctype html>")
    assert not (plan.root / "-").exists()


def test_an_unreadable_record_is_named_and_the_exit_status_is_1(plan) -> None:
    (plan.root / "actions" / "ACT-BROKEN.yaml").write_text('id: ACT-BROKEN\ntitle: "unclosed\n', encoding="utf-8")
    for command in (("list",), ("list", "--format", "csv"), ("export",), ("export", "--format", "json")):
        result = plan.run(*command)
        assert result.exit_code == 1, command
        assert plan.action in result.stdout  # the readable ones are still listed
        assert "govtool: warning: actions/ACT-BROKEN.yaml:2: left out, the file cannot be read" in result.stderr


def test_an_output_name_whose_suffix_names_no_format_is_refused(plan) -> None:
    """plan.txt (or a typo, plan.xlsx2) used to be written as CSV under a name that says otherwise."""
    for name, said in (("plan.txt", "'.txt' names no format this command writes"),
                       ("plan.xlsx2", "'.xlsx2' names no format this command writes"),
                       ("plan", "the name has no suffix")):
        result = plan.run("export", "-o", name)
        assert result.exit_code == 2, result.output
        assert result.stderr == (f"govtool: error: -o {name}: {said}: end the name with .csv, .json or .xlsx, "
                                 "or choose one with --format\n")
        assert not (plan.root / name).exists()
    # --format says it outright: the name is the user's choice.
    result = plan.run("export", "-o", "plan.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads((plan.root / "plan.txt").read_text(encoding="utf-8"))[0]["id"] == plan.action
    # The reports are held to the same rule (a .txt report used to be Markdown).
    result = plan.run("report", "momentum", "-o", "momentum.txt")
    assert result.exit_code == 2 and "'.txt' names no format this command writes" in result.stderr
    assert not (plan.root / "momentum.txt").exists()


def test_a_sheet_shows_codes_in_the_words_the_reports_use_and_json_keeps_the_codes(plan, tmp_path) -> None:
    """The trial's Excel export showed 'inspection_report' and 'in_progress' where the action plan
    says 'CQC inspection report' and 'In progress'."""
    plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--by", "jane.smith")
    plan.run("edit", plan.source, "--finding", "F1", "--key-question", "well-led", "--level", "must",
             "--reason", "As the report says", "--by", "jane.smith")
    wanted = {"Source type": "CQC inspection report", "Key question": "Well-led", "Must / should": "MUST",
              "Priority": "High", "Status": "In progress"}
    (row,) = csv.DictReader(io.StringIO(plan.run("export", "--format", "csv").output))
    assert {k: row[k] for k in wanted} == wanted
    out = tmp_path / "plan.xlsx"
    assert plan.run("export", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).active
    headings = [c.value for c in sheet[1]]
    cells = dict(zip(headings, [c.value for c in sheet[2]], strict=True))
    assert {k: cells[k] for k in wanted} == wanted
    (data,) = json.loads(plan.run("export", "--format", "json").output)
    assert (data["source_type"], data["key_question"], data["level"], data["priority"], data["status"]) == (
        "inspection_report", "well-led", "must", "high", "in_progress")


def test_the_columns_left_empty_for_import_say_so_on_their_headings(plan, tmp_path) -> None:
    """'Re-date reason' stood blank beside 'Why it last moved' with nothing to say it is for
    people to fill in (the reason for a due date they move in the sheet)."""
    out = tmp_path / "plan.xlsx"
    assert plan.run("export", "-o", str(out)).exit_code == 0
    heads = {c.value: c for c in openpyxl.load_workbook(out).active[1]}
    assert "type the new date in 'Due' and why here" in heads["Re-date reason"].comment.text
    assert "'Why it last moved' shows the last one recorded" in heads["Re-date reason"].comment.text
    assert "becomes one with 'govtool import'" in heads["New progress note"].comment.text
    assert heads["Re-date reason"].fill.start_color.rgb.endswith("FFF2CC")
    assert heads["Why it last moved"].comment is None
