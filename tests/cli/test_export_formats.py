"""govtool export: one table, three writers (CSV, JSON, XLSX with real dates and a frozen header)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl


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
        # a completed action works towards no milestone (as in the reports: govtool.rag)
        "latest_update": "Audit tool agreed", "next_milestone": None, "milestone_due": None,
        "completed": today, "change": "MAR completeness 82% -> 99%",
        "evidence": "https://docs.example.org/audit (March audit)", "closed": None, "closed_by": None,
    }
    assert {k: row[k] for k in expected} == expected


def test_rag_follows_the_nhs_convention(plan) -> None:
    from govtool.export import rag
    from govtool.register.load import load_register

    def colour(as_of: dt.date) -> str | None:
        return rag(load_register(plan.root).actions[plan.action], as_of)

    assert colour(dt.date(2030, 1, 1)) == "Amber"
    assert colour(dt.date(2031, 1, 1)) == "Red"  # overdue
    plan.run("update", plan.action, "--note", "x", "--next-milestone", "y", "--milestone-due", "2030-02-01")
    assert colour(dt.date(2030, 3, 1)) == "Red"  # milestone missed: off track
    plan.run("complete", plan.action, "--change", "99%", "--evidence", "https://x.org/e")
    assert colour(dt.date(2031, 1, 1)) == "Green"
    plan.run("close", plan.action, "--note", "checked", "--by", "sam.patel")
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


def test_csv_export_to_stdout_and_to_a_file(plan) -> None:
    out = plan.run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows[0]["ID"] == plan.action and rows[0]["Owner role"] == "Registered Manager"
    target = plan.root / "out" / "plan.csv"
    written = plan.run("export", "--format", "csv", "-o", str(target))
    assert written.exit_code == 0
    assert target.read_text() == out.output


def test_csv_cells_that_look_like_formulas_are_defused(plan) -> None:
    plan.run("update", plan.action, "--note", '=HYPERLINK("http://evil.example","click")')
    rows = list(csv.DictReader(io.StringIO(plan.run("export", "--format", "csv").output)))
    assert rows[0]["Latest update"].startswith("'=HYPERLINK")


def test_xlsx_has_a_frozen_filtered_header_and_real_dates(plan) -> None:
    completed_plan(plan)
    plan.run("update", plan.action, "--note", "x", "--by", "jane.smith")  # refused (completed): no change
    target = plan.root / "plan.xlsx"
    result = plan.run("export", "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["ID", "Action", "Description"]
    assert {"Source", "Finding", "Regulation", "Owner", "Owner role", "Due", "Times re-dated", "RAG",
            "Change to practice", "Evidence", "Closure date"} <= set(headers)
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}2"
    row = {h: c.value for h, c in zip(headers, sheet[2], strict=False)}
    assert row["ID"] == plan.action
    assert row["Due"] == dt.datetime(2031, 1, 31)  # a real date, not text
    assert row["Times re-dated"] == 1
    assert sheet.column_dimensions["B"].width >= 40


def test_xlsx_keeps_formula_like_text_as_text(plan) -> None:
    plan.run("update", plan.action, "--note", "=1+1")
    target = plan.root / "plan.xlsx"
    assert plan.run("export", "--format", "xlsx", "-o", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target).active
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("Latest update") + 1)
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_xlsx_without_an_output_file_is_refused(plan) -> None:
    result = plan.run("export", "--format", "xlsx")
    assert result.exit_code == 2 and "xlsx needs -o FILE" in result.output
