"""A council's contract-monitoring action plan, imported as a home-care manager imports it: a title
merged across the top, a two-row heading, section rows, issue cells merged down, progress written
for the monitoring visit, timescales typed as text ('end of Jan', 'Q1 2027'). Real workbook, real
register in Git, every date counted from today so that the plan is always a live one."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from govtool.lint.engine import lint_register
from govtool.register.load import load_register

#: the next milestone of an imported action in progress whose plan names none: its own due date
PLAN_MILESTONE = "Action complete by its due date"

TODAY = dt.date.today()
#: the monitoring visit the plan was written for: more than backdated-entry's 14 days ago
VISIT = TODAY - dt.timedelta(days=22)


def _day(days: int) -> dt.datetime:
    day = TODAY + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day)


def _month_end_after(day: dt.date, month: int) -> dt.date:
    year = day.year if month >= day.month else day.year + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def council_plan(path: Path, rows: list[tuple[Any, ...]] | None = None) -> Path:
    """The council's workbook, laid out as the trial's (title rows, two-row heading, merges)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Action Plan"
    sheet["A1"] = "Adult Social Care Commissioning - Quality Assurance Contract Monitoring Visit"
    sheet.merge_cells("A1:H1")
    sheet["A2"] = f"Provider: Brightside Home Care Ltd    Date of visit: {VISIT:%d/%m/%Y}    Officer: J. Morris"
    sheet.merge_cells("A2:H2")
    for cell, text in (("A3", "Ref"), ("B3", "Standard / Area"), ("C3", "Issue identified"),
                       ("D3", "Action required"), ("E3", "Provider Response")):
        sheet[cell] = text
    for merged in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:H3"):
        sheet.merge_cells(merged)
    for cell, text in (("E4", "Responsible"), ("F4", "Timescale"), ("G4", "RAG"), ("H4", "Progress update")):
        sheet[cell] = text
    rows = rows if rows is not None else [
        ("1", "1. Medication", None, None, None, None, None, None),
        ("1.1", None, "Time-critical medicines not flagged on rota",
         "Flag every time-critical medication call on the rota", "Jane Smith", _day(60), "Amber",
         "Flags added for 9 of 14 people"),
        ("1.2", None, "Complaints log not kept up to date", "Log every complaint within 2 working days", "Sam Patel",
         _day(30), "Green", "Complete"),
    ]
    for number, values in enumerate(rows, start=5):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
        if values[1]:
            sheet.merge_cells(start_row=number, start_column=2, end_row=number, end_column=8)
    book.save(path)
    return path


SOURCE = ["--source-type", "audit", "--source-date", f"{VISIT:%d/%m/%Y}",
          "--source-title", "Council contract monitoring visit", "--by", "jane.smith"]


@pytest.fixture(autouse=True)
def _today_as_each_test_starts() -> None:
    """govtool reads today's date as it runs, so each test reads its own as it starts, not once
    as the module loads: a suite that runs past midnight still compares the same day."""
    global TODAY, VISIT, SOURCE
    TODAY = dt.date.today()
    VISIT = TODAY - dt.timedelta(days=22)
    SOURCE = [f"{VISIT:%d/%m/%Y}" if i == 3 else arg for i, arg in enumerate(SOURCE)]


def _actions(root: Path) -> dict[str, Any]:
    return {a.reference: a for a in load_register(root).actions.values()}


def test_a_progress_cell_is_dated_the_day_of_the_import_says_where_it_came_from_and_lint_accepts_it(
        register: Any, cli: Any, tmp_path: Path) -> None:
    register.write("govtool.yaml", (register.path / "govtool.yaml").read_text() + "commit: true\n")
    register.commit("Commit every change", date="2026-01-06")
    plan = council_plan(tmp_path / "Contract monitoring action plan.xlsx")
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert (f"progress note from the plan, dated {TODAY.isoformat()} (the day of the import: a 'Date of update' "
            "column gives the day it was written)") in dry.output, dry.output
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    flags = _actions(register.path)["1.1"]
    (note,) = flags.updates
    # The sheet does not say when the update was written: it is dated the day govtool received it,
    # not the visit's day (a manager's trial: last week's update read in the CQC plan as written
    # at the inspection, and lint called the action quiet since); said to come from the plan.
    assert (note.date, note.by, note.note) == (TODAY, "jane.smith", "From the imported plan: Flags added for 9 of 14 people")
    # In progress, heading for the plan's own date: no no-trajectory error the manager did not cause.
    assert flags.status == "in_progress"
    assert (note.next_milestone, note.milestone_due) == (PLAN_MILESTONE, flags.due)
    rules = {p.rule for p in lint_register(register.path, TODAY).problems}
    assert not rules & {"no-trajectory", "backdated-entry", "trail-date-order", "future-date"}, rules
    report = cli("report", "action-plan", "--format", "markdown", cwd=register.path).output
    assert (f"**Latest progress** ({TODAY.day} {TODAY:%b %Y}, Jane Smith): From the imported plan: "
            "Flags added for 9 of 14 people") in report


def test_complete_in_the_progress_cell_is_the_plan_s_claim_not_the_latest_progress(
        register: Any, cli: Any, tmp_path: Path) -> None:
    plan = council_plan(tmp_path / "plan.xlsx")
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert ("note: progress 'Complete' says the work is done, but it is not recorded as completed: the note keeps it "
            "as the plan's claim") in dry.output, dry.output
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    log = _actions(register.path)["1.2"]
    assert log.status == "in_progress" and log.completion is None
    assert [u.note for u in log.updates] == [
        'From the imported plan: "Complete" (the plan\'s claim: not recorded as completed in govtool)']
    report = cli("report", "action-plan", "--format", "markdown", cwd=register.path).output
    assert "Jane Smith): From the imported plan: \"Complete\" (the plan's claim: not recorded as completed" in report


def test_a_date_the_sheet_gives_for_the_update_dates_the_note(register: Any, cli: Any, tmp_path: Path) -> None:
    written = TODAY - dt.timedelta(days=10)
    plan = tmp_path / "plan.csv"
    plan.write_text("Action,Lead,By when,Progress update,Date of update\n"
                    f"Flag every time-critical call on the rota,Jane Smith,{_day(60):%d/%m/%Y},Flags for 9 of 14,"
                    f"{written:%d/%m/%Y}\n"
                    f"Log every complaint within 2 working days,Sam Patel,{_day(60):%d/%m/%Y},"
                    f"\"{written:%d/%m/%Y}: log checked, 3 late\",\n", encoding="utf-8")
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    dates = sorted((a.title, a.updates[0].date) for a in load_register(register.path).actions.values())
    assert dates == [("Flag every time-critical call on the rota", written),
                     ("Log every complaint within 2 working days", written)]  # the date the cell starts with


def test_a_row_already_past_its_due_date_gets_no_milestone_and_says_so(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = council_plan(tmp_path / "plan.xlsx", [
        ("1.1", None, "Calls late", "Flag every time-critical medication call on the rota", "Jane Smith",
         _day(-3), "Amber", "Flags added for 9 of 14 people"),
    ])
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert f"note: no next milestone: the plan's due date {_day(-3).date().isoformat()} has passed" in dry.output


def test_timescales_with_no_year_are_read_after_the_visit_and_quarters_only_when_unambiguous(
        register: Any, cli: Any, tmp_path: Path) -> None:
    plan = council_plan(tmp_path / "plan.xlsx", [
        ("1.2", None, "MAR charts not reviewed", "Review all MAR charts for people receiving medication support",
         "Jane Smith", "end of Jan", "Red", None),
        ("1.3", None, None, "Audit 10 MAR charts a month", "Jane Smith", "end of March", "Red", None),
        ("3.3", None, "Induction records incomplete", "Complete the Care Certificate for all new starters",
         "Sam Patel", "Q1 2027", "Amber", None),
        ("3.4", None, None, "Check every new starter's Care Certificate at 12 weeks", "Sam Patel", "Q1 2027/28",
         "Amber", None),
    ])
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    january, march = _month_end_after(VISIT, 1), _month_end_after(VISIT, 3)
    assert (f"note: column F (Timescale): 'end of Jan' has no year: read as {january.isoformat()}, the first end of "
            f"January on or after the source's date ({VISIT.isoformat()})") in dry.output, dry.output
    assert f"'end of March' has no year: read as {march.isoformat()}" in dry.output
    assert ("row 7 (ref 3.3): refused: column F (Timescale): 'Q1 2027' is ambiguous: Q1 of the calendar year 2027 "
            "ends 31/03/2027, Q1 of the 2027/28 financial year ends 30/06/2027") in dry.output
    assert ("'Q1 2027/28' read as the last day of quarter 1 of the 2027/28 financial year (April to March), "
            "2027-06-30") in dry.output
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 1  # the ambiguous quarter's row
    assert {ref: a.due for ref, a in _actions(register.path).items()} == {
        "1.2": january, "1.3": march, "3.4": dt.date(2027, 6, 30)}


def test_a_refused_row_lists_every_problem_it_has(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = council_plan(tmp_path / "plan.xlsx", [
        ("1.2", None, "MAR charts not reviewed", "Review all MAR charts for people receiving medication support",
         "Jane Smith / Deputy", "Ongoing", "Waiting for Bob", None),
    ])
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert dry.exit_code == 1
    lines = dry.output.splitlines()
    at = lines.index("row 5 (ref 1.2): refused, 2 problems:")
    assert lines[at + 1].startswith("  column F (Timescale): 'Ongoing' is not a date")
    assert lines[at + 2].startswith("  column G (RAG): 'Waiting for Bob' is not a status govtool knows")
    # and what else the row says, to put right in the same go: the owner names two people
    assert lines[at + 3].startswith("  note: column E (Responsible): 'Jane Smith / Deputy' names 2 people")


def _terminal(monkeypatch: Any) -> None:
    """Standard input is a terminal (CliRunner's is not)."""
    import govtool.cli.ask
    import govtool.cli.commands.importing
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.importing, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)


def test_at_a_terminal_the_title_is_asked_too_offering_the_sheet_s_own_title_and_date(
        register: Any, cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    _terminal(monkeypatch)
    plan = council_plan(tmp_path / "Contract monitoring action plan.xlsx")
    # Enter takes the title the sheet has above its headings; the type is typed; Enter takes its date of visit.
    result = cli("import", plan, "--by", "jane.smith", "--apply", cwd=register.path, input="\naudit\n\n")
    assert result.exit_code == 0, result.output
    assert ("Title of the source this plan answers (the inspection, visit, audit, ...) "
            "[Adult Social Care Commissioning - Quality Assurance Contract Monitoring Visit]:") in result.output
    assert f"(YYYY-MM-DD or DD/MM/YYYY) [{VISIT:%d/%m/%Y}]:" in result.output
    (source,) = load_register(register.path).sources.values()
    assert (source.title, source.type, source.date) == (
        "Adult Social Care Commissioning - Quality Assurance Contract Monitoring Visit", "audit", VISIT)


def test_a_mistyped_visit_date_at_the_prompt_is_asked_again_not_the_end_of_the_import(
        register: Any, cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    _terminal(monkeypatch)
    plan = council_plan(tmp_path / "Contract monitoring action plan.xlsx")
    result = cli("import", plan, "--by", "jane.smith", "--apply", cwd=register.path, input="\naudit\n31/02/2026\n\n")
    assert result.exit_code == 0, result.output
    assert "31/02/2026" in result.stderr and result.output.count("(YYYY-MM-DD or DD/MM/YYYY)") == 2
    (source,) = load_register(register.path).sources.values()
    assert source.date == VISIT


def test_at_a_terminal_a_sheet_with_no_title_offers_the_file_s_name(
        register: Any, cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    _terminal(monkeypatch)
    plan = tmp_path / "Falls audit Nov 2026.csv"
    plan.write_text(f"Action,Lead,By when\nFit a sensor mat in every bedroom,Jane Smith,{_day(60):%d/%m/%Y}\n",
                    encoding="utf-8")
    typed = cli("import", plan, "--by", "jane.smith", "--apply", cwd=register.path,
                input=f"Falls audit, November 2026\n{VISIT:%d/%m/%Y}\n")
    assert typed.exit_code == 0, typed.output
    assert "[Falls audit Nov 2026]:" in typed.output
    (source,) = load_register(register.path).sources.values()
    # 'Falls audit' says the type: only the date is asked
    assert (source.title, source.type, source.date) == ("Falls audit, November 2026", "audit", VISIT)
    assert "Type of the source" not in typed.output


def test_a_plan_s_own_number_typed_for_an_id_is_answered_with_the_id(register: Any, cli: Any, tmp_path: Path) -> None:
    # A manager's trial: 'govtool edit 3' with the number her spreadsheet gave the action.
    plan = council_plan(tmp_path / "plan.xlsx")
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    flags = _actions(register.path)["1.1"]
    result = cli("show", "1.1", cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr == f"govtool: error: '1.1' is not a record ID: did you mean {flags.id} (reference 1.1 in the plan)?\n"
