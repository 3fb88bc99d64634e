"""govtool import of a plan kept in a spreadsheet: real files, a real register in Git."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from govtool.register.load import load_register

from .sheets import csv_file, save_cached_values, workbook

HEADINGS = ["No.", "Finding", "Regulation", "Action required", "Lead", "By when", "RAG", "Progress update"]
SOURCE = ["--source-type", "inspection_report", "--source-date", "14/10/2026", "--by", "jane.smith"]


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def test_a_dry_run_writes_nothing_and_says_row_by_row_what_would_happen(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        HEADINGS,
        [1, "MAR charts had gaps.", "Regulation 12", "Audit 10 MAR charts every week and report the results to governance",
         "Jane Smith", "31/01/2030", "Amber", "Audit tool agreed"],
        [2, "Staff lacked MCA training.", "Reg 11", "Train all staff", "Care team", "Ongoing", "Red", None],
    ])
    before, log = files_of(register.path), register.log()
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert files_of(register.path) == before and register.log() == log
    lines = result.output.splitlines()
    assert any(line.startswith("row 2 (ref 1): create action 'Audit 10 MAR charts") and "progress note" in line for line in lines)
    assert "row 3 (ref 2): refused: column F (By when): 'Ongoing' is not a date" in result.output
    assert "create source (inspection_report, 2026-10-14)" in result.output
    assert "Nothing was written: run again with --apply" in result.output
    assert result.exit_code == 1  # a row was refused


def test_apply_commits_each_change_with_its_own_message_and_keeps_links(register: Any, cli: Any, tmp_path: Path) -> None:
    register.write("govtool.yaml", register.path.joinpath("govtool.yaml").read_text() + "commit: true\n")
    register.commit("Commit every change", date="2026-01-06")
    plan = workbook(tmp_path / "plan.xlsx", [
        HEADINGS,
        [1, "MAR charts had gaps.", "Regulation 12", "Audit 10 MAR charts every week and report the results to governance",
         "RM", "31/01/2030", "Amber", "Audit tool agreed"],
        [2, "MAR charts had gaps.", None, "Replace the MAR chart template with one that has a PRN section",
         "Sam Patel", "28 Feb 2030", "Not started", None],
    ])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    reg = load_register(register.path)
    (source,) = reg.sources.values()
    assert [(f.id, f.text, f.regulation) for f in source.findings] == [("F1", "MAR charts had gaps.", "12")]
    actions = sorted(reg.actions.values(), key=lambda a: a.due)
    assert [(a.owner, a.source_id, a.finding_id, a.status) for a in actions] == [
        ("jane.smith", source.id, "F1", "in_progress"),  # 'RM' is the one Registered Manager
        ("sam.patel", source.id, "F1", "open"),
    ]
    assert actions[0].updates[0].note == "From the imported plan: Audit tool agreed"
    # Each change its own commit, as 'govtool new source' and 'new action' commit it; the plan's
    # progress cell comes with the action it belongs to, as the plan had it.
    assert register.log() == [f'{actions[1].id}: created "Replace the MAR chart template with one that has a PRN section"',
                              f'{actions[0].id}: created "Audit 10 MAR charts every week and report the results to governance"',
                              f'{source.id}: created "Action plan imported from plan.xlsx"',
                              "Commit every change", "Start the register"]
    assert "3 changes saved in 3 commits" in result.output
    assert register.git("status", "--porcelain") == ""
    assert "matched 'RM' to jane.smith" in result.output


def test_new_names_are_proposed_and_groups_kept_as_written(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action", "Responsible person", "Timescale"],
        ["Fit a keypad lock to the clinical room door", "Priya Shah (Clinical Lead)", "31/03/2030"],
        ["Audit the clinical room temperature log weekly", "priya shah", "30/04/2030"],
        ["Hold a staff meeting about the night routine", "Nursing staff", "30/04/2030"],
        ["Replace the sluice room extractor fan", "RM/DM", "30/04/2030"],
    ])
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert "is not in the people directory: proposed as priya.shah" in dry.output
    assert "would first:\n  add to the people directory: priya.shah (Priya Shah)" in dry.output
    assert "error collective-owner" in dry.output
    assert ("note: column B (Responsible person): 'RM/DM' names 2 people, so no one person is accountable: "
            "imported as written (collective-owner)") in dry.output
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    settings = (register.path / "govtool.yaml").read_text()
    assert "priya.shah: {name: Priya Shah, role: Clinical Lead}" in settings  # in the style of the entries above
    owners = sorted(a.owner for a in load_register(register.path).actions.values())
    assert owners == ["Nursing staff", "RM/DM", "priya.shah", "priya.shah"]  # one new person, groups not people
    assert "nursing" not in settings.casefold() and "rm/dm" not in settings.casefold()


def test_rows_lint_rejects_are_imported_with_their_problems(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action", "Lead", "By when"],
        ["Improve medicines management", "Jane Smith", "31/01/2030"],
    ])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "error vague-action line 2" in result.output
    assert "1 row imported, 0 refused" in result.output and "(1 error)" in result.output
    assert [a.title for a in load_register(register.path).actions.values()] == ["Improve medicines management"]


def test_headings_on_row_three_below_a_merged_title_with_merged_findings_and_blank_rows(
        register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Willowbrook House: action plan after the CQC inspection of October 2026"],
        [],
        ["Area for improvement", "Action to be taken", "Person responsible", "Target date"],
        ["Care plans did not record consent.", "Add a consent section to the care plan template", "Jane Smith", "31/01/2030"],
        [None, "Audit 10 care plans for the consent section every month", "Sam Patel", "28/02/2030"],
        [],
        [],
        ["SAFE"],
        ["Fire doors were wedged open.", "Fit door closers to the four lounge fire doors", "Sam Patel", "31/03/2030"],
    ], merges=["A1:D1", "A4:A5"])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "headings on row 3" in result.output
    assert "row 8: skipped: a heading: the rows below answer the key question safe" in result.output
    reg = load_register(register.path)
    (source,) = reg.sources.values()
    assert [(f.text, f.key_question) for f in source.findings] == [
        ("Care plans did not record consent.", None), ("Fire doors were wedged open.", "safe")]
    assert sorted((a.due.isoformat(), a.finding_id) for a in reg.actions.values()) == [
        ("2030-01-31", "F1"), ("2030-02-28", "F1"), ("2030-03-31", "F2")]  # the merged finding answers both rows


def test_formulas_use_the_value_excel_saved_and_are_refused_without_one(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action", "Lead", "By when"],
        ['="Audit 10 MAR charts "&"every week"', "Jane Smith", "31/01/2030"],
        ["Replace the sluice room extractor fan", "Sam Patel", '=TEXT(DATE(2030,2,28),"dd/mm/yyyy")'],
    ])
    save_cached_values(plan, {"A2": "Audit 10 MAR charts every week"})
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert "row 2: create action 'Audit 10 MAR charts every week'" in result.output
    assert ("row 3: refused: column C (By when): a formula with no value saved in the file: "
            "open the file in Excel and save it") in result.output
    assert result.exit_code == 1


def test_the_sheet_with_the_plan_is_found_among_others_or_named(register: Any, cli: Any, tmp_path: Path) -> None:
    rows = [["Action", "Lead", "By when"], ["Fit door closers to the four lounge fire doors", "Sam Patel", "31/03/2030"]]
    plan = workbook(tmp_path / "plan.xlsx", rows, title="Plan", first_sheets={"Read me": [["How to use this plan"]]})
    found = cli("import", plan, *SOURCE, cwd=register.path)
    assert "plan.xlsx, sheet 'Plan'" in found.output and "the other sheets ('Read me') have no plan headings" in found.output
    two = workbook(tmp_path / "two.xlsx", rows, title="Safe", extra_sheets={"Well-led": rows})
    refused = cli("import", two, *SOURCE, cwd=register.path)
    assert refused.exit_code == 2
    assert "several sheets hold a plan ('Safe', 'Well-led'): choose one with --sheet NAME" in refused.output
    chosen = cli("import", two, *SOURCE, "--sheet", "well-led", cwd=register.path)
    assert "two.xlsx, sheet 'Well-led'" in chosen.output and chosen.exit_code == 0


def test_a_windows_1252_csv_is_read_and_a_byte_in_no_encoding_is_named(register: Any, cli: Any, tmp_path: Path) -> None:
    text = "Action;Lead;By when\nReplace the £40 kettle in the café kitchen;Zoë Brontë;31/03/2030\n"
    plan = csv_file(tmp_path / "plan.csv", text, "cp1252")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "read as Windows-1252 text" in result.output
    (action,) = load_register(register.path).actions.values()
    assert action.title == "Replace the £40 kettle in the café kitchen" and action.owner == "zoe.bronte"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Action,Lead,By when\r\nFit a lock,Sam Patel,31/03/2030\r\nFit a fan,Sam \x81Patel,31/03/2030\r\n")
    refused = cli("import", bad, *SOURCE, cwd=register.path)
    assert refused.exit_code == 2
    assert "bad.csv: row 3, column B: byte 0x81 is not text in UTF-8 or Windows-1252" in refused.output


def test_map_names_columns_the_headings_do_not(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["What we will do", "Who's on it", "Deadline (date)", "Sign-off comments"],
        ["Fit door closers to the four lounge fire doors", "Sam Patel", "31/03/2030", "Estates to quote"],
    ])
    unmapped = cli("import", plan, *SOURCE, cwd=register.path)
    assert "row 2: refused: no owner column: name it with --map \"HEADING=owner\"" in unmapped.output
    assert "not read: D 'Sign-off comments' (--map \"Sign-off comments=FIELD\" to read it)" in unmapped.output
    mapped = cli("import", plan, *SOURCE, "--map", "Who's on it=owner", "--map", "D=description", cwd=register.path)
    assert mapped.exit_code == 0, mapped.output
    assert "B \"Who's on it\" -> owner" in mapped.output and "D 'Sign-off comments' -> description" in mapped.output
    wrong = cli("import", plan, *SOURCE, "--map", "Who=ownr", cwd=register.path)
    assert wrong.exit_code == 2 and "'ownr' is not a field" in wrong.output


def test_a_map_naming_a_column_beyond_the_sheet_names_the_sheet_s_columns(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\nFit door closers to the four lounge fire doors,"
                                           "Sam Patel,31/03/2030\n")
    result = cli("import", plan, *SOURCE, "--map", "Z=description", cwd=register.path)
    assert result.exit_code == 2, result.output
    assert result.stderr == ("govtool: error: --map Z=description: the sheet has no column Z: its columns are "
                             "A 'Action', B 'Lead', C 'By when' (headings on row 1)\n")
    unheaded = csv_file(tmp_path / "notes.csv", "Action,Lead,By when,\nFit door closers to the four lounge fire doors,"
                                                "Sam Patel,31/03/2030,Estates to quote\n")
    mapped = cli("import", unheaded, *SOURCE, "--map", "D=description", cwd=register.path)
    assert mapped.exit_code == 0 and "D '' -> description" in mapped.output, mapped.output


def test_rows_answer_an_existing_source_and_new_findings_are_added_to_it(plan: Any, tmp_path: Path) -> None:
    sheet = workbook(tmp_path / "plan.xlsx", [
        ["Finding", "Action", "Lead", "By when"],
        ["care plans did not record people's consent.", "Add a consent section to the care plan template",
         "Jane Smith", "31/01/2030"],
        ["Call bells were not answered within five minutes.", "Audit call bell response times weekly",
         "Sam Patel", "31/01/2030"],
    ])
    result = plan.run("import", str(sheet), "--source", plan.source, "--by", "jane.smith", "--apply")
    assert result.exit_code == 0, result.output
    reg = load_register(plan.root)
    source = reg.sources[plan.source]
    assert [f.id for f in source.findings] == ["F1", "F2", "F3"]
    assert source.findings[2].text == "Call bells were not answered within five minutes."
    answered = sorted(a.finding_id for a in reg.actions.values() if a.id != plan.action)
    assert answered == ["F2", "F3"]  # the consent finding matched F2 by its text
    assert f"add 1 finding to {plan.source}: F3" in result.output


def test_an_unreadable_file_is_one_line_and_exit_2(register: Any, cli: Any, tmp_path: Path) -> None:
    fake = tmp_path / "plan.xlsx"
    fake.write_text("not a zip")
    result = cli("import", fake, *SOURCE, cwd=register.path)
    assert result.exit_code == 2 and "is not a readable .xlsx workbook" in result.output
    assert "Traceback" not in result.output
    no_headings = workbook(tmp_path / "notes.xlsx", [["Some notes"], ["More notes"]])
    result = cli("import", no_headings, *SOURCE, cwd=register.path)
    assert result.exit_code == 2 and "no heading row found" in result.output


def test_a_completed_row_is_recorded_as_completed_only_with_change_and_evidence(
        register: Any, cli: Any, tmp_path: Path) -> None:
    (register.path / "evidence").mkdir()
    (register.path / "evidence" / "audit.csv").write_text("week,score\n1,99\n")
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action", "Lead", "By when", "Status", "Outcome", "Evidence"],
        ["Audit 10 MAR charts every week", "Sam Patel", "31/01/2030", "Complete",
         "MAR charts 99% complete in three weekly audits (was 82%)", "evidence/audit.csv"],
        ["Fit door closers to the four lounge fire doors", "Sam Patel", "31/01/2030", "Green", None, "Invoice on file"],
    ])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    statuses = {a.title: a.status for a in load_register(register.path).actions.values()}
    assert statuses == {"Audit 10 MAR charts every week": "completed",
                        "Fit door closers to the four lounge fire doors": "open"}
    assert "status 'Green': not recorded as completed: no change to practice" in result.output
    assert "(Invoice on file)" in result.output


def test_a_workbook_with_an_xml_entity_bomb_is_refused_in_one_line(register: Any, cli: Any, tmp_path: Path) -> None:
    import zipfile

    plan = workbook(tmp_path / "plan.xlsx", [["Action", "Lead", "By when"], ["x", "Sam Patel", "31/03/2030"]])
    with zipfile.ZipFile(plan) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = (laughs + sheet).replace(">x<", ">&lol2;<").encode()
    with zipfile.ZipFile(plan, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert result.exit_code == 2 and "is not a readable .xlsx workbook" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_source_type_is_asked_for_or_named_as_missing(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [["Action", "Lead", "By when"],
                                             ["Fit door closers to the lounge fire doors", "Sam Patel", "31/03/2030"]])
    result = cli("import", plan, "--source-date", "14/10/2026", cwd=register.path)
    assert result.exit_code == 2
    # with the types it takes (a manager's trial had only the option's name)
    assert ("missing --source-type: give it on the command line (one of incident, complaint, safeguarding, audit, "
            "mock_inspection, inspection_report)") in result.output
    typed = cli("import", plan, "--source-date", "14/10/2026", "--source-title", "Fire risk assessment 2026",
                cwd=register.path)
    assert typed.exit_code == 0, typed.output  # the type is read from the title
    assert "create source (audit, 2026-10-14) 'Fire risk assessment 2026'" in typed.output


def test_help_gives_an_example(cli: Any) -> None:
    result = cli("import", "--help")
    assert result.exit_code == 0
    assert 'govtool import "CQC action plan.xlsx"' in result.output and "--apply" in result.output
    said = " ".join(result.output.split())
    assert "A blank finding cell continues the finding of the row above" in said
    assert "the plan comes in as received, and 'govtool lint' lists its problems afterwards" in said
    assert "--apply commits each change on its own, with its own message" in said
    assert "without the pre-commit check (as 'init --commit' takes over a register as received)" in said


def test_a_cancelled_row_is_cancelled_with_its_reason(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action", "Lead", "By when", "Status", "Comments"],
        ["Replace the lounge carpet", "Sam Patel", "31/03/2030", "No longer required", "Lounge refurbished in May"],
    ])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    (action,) = load_register(register.path).actions.values()
    assert action.status == "cancelled" and action.cancellation and action.cancellation.text == "Lounge refurbished in May"


def test_importing_again_after_putting_refused_rows_right_adds_only_those(register: Any, cli: Any, tmp_path: Path) -> None:
    rows = [["Finding", "Action", "Lead", "By when"],
            ["Fire doors were wedged open.", "Fit door closers to the four lounge fire doors", "Sam Patel", "31/03/2030"],
            ["Fire doors were wedged open.", "Check the fire doors on every night-shift walk-round", "Sam Patel", "Ongoing"]]
    plan = workbook(tmp_path / "plan.xlsx", rows)
    first = cli("import", plan, *SOURCE, "--source-title", "Fire safety audit", "--apply", cwd=register.path)
    assert first.exit_code == 1 and "1 row imported, 1 refused" in first.output
    rows[2][3] = "30/04/2030"
    workbook(plan, rows)
    again = cli("import", plan, *SOURCE, "--source-title", "Fire safety audit", "--apply", cwd=register.path)
    assert again.exit_code == 0, again.output
    assert "row 2: skipped: already in the register as ACT-" in again.output
    reg = load_register(register.path)
    assert len(reg.sources) == 1 and len(reg.actions) == 2
    assert {a.finding_id for a in reg.actions.values()} == {"F1"}


def test_a_missing_file_is_named_as_missing_off_a_terminal(register: Any, cli: Any) -> None:
    result = cli("import", *SOURCE, cwd=register.path)
    assert result.exit_code == 2 and "missing FILE: give it on the command line" in result.output


def test_a_register_on_its_own_framework_imports(register: Any, cli: Any, tmp_path: Path) -> None:
    from tests.register.frameworks.test_frameworks import HOUSE

    register.write("frameworks/house-2026.yaml", HOUSE)
    register.write("govtool.yaml", (register.path / "govtool.yaml").read_text() + "framework: house-2026\n")
    plan = workbook(tmp_path / "plan.xlsx", [["Action", "Lead", "By when"],
                                             ["Fit door closers to the lounge fire doors", "Sam Patel", "31/03/2030"]])
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "1 row would be imported" in result.output


def test_a_plan_gathering_several_sources_makes_one_source_per_title(register: Any, cli: Any, tmp_path: Path) -> None:
    text = ("Source,Regulation,Action,Lead,Target date,Revised date\n"
            "Complaint C-114 (missing laundry),,Label every resident's clothing on admission,Sam Patel,31/01/2030,\n"
            "Falls audit Q3,Regulation 12,Review the falls risk assessment of everyone who fell twice,Jane Smith,"
            "31/01/2030,30/04/2030\n"
            "Complaint C-114 (missing laundry),,Check the laundry log at every handover,Sam Patel,28/02/2030,\n")
    plan = csv_file(tmp_path / "plan.csv", text, "utf-16")
    result = cli("import", plan, "--source-date", "01/10/2026", "--by", "jane.smith", "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "read as UTF-16 text" in result.output
    reg = load_register(register.path)
    sources = {s.title: s for s in reg.sources.values()}
    assert {t: s.type for t, s in sources.items()} == {
        "Complaint C-114 (missing laundry)": "complaint", "Falls audit Q3": "audit"}
    falls = sources["Falls audit Q3"]
    assert [(f.id, f.text, f.regulation) for f in falls.findings] == [("F1", "Regulation 12: Safe care and treatment", "12")]
    (fall_action,) = falls.actions
    assert fall_action.due.isoformat() == "2030-04-30"  # the revised date, not the first one
    assert len(sources["Complaint C-114 (missing laundry)"].actions) == 2


def test_a_complete_row_whose_change_is_only_activity_is_imported_not_completed(
        register: Any, cli: Any, tmp_path: Path) -> None:
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action", "Lead", "By when", "Status", "Outcome", "Evidence"],
        ["Train the night staff in the PRN protocol", "Sam Patel", "31/01/2030", "Complete", "Training delivered",
         "https://intranet.example.org/training-log"],
    ])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    (action,) = load_register(register.path).actions.values()
    assert action.status == "open" and action.completion is None
    assert "status 'Complete': not recorded as completed:" in result.output


def test_an_owner_typed_without_accents_is_the_person_in_the_directory(register: Any, cli: Any, tmp_path: Path) -> None:
    assert cli("person", "add", "zoe.nibhriain", "--name", "Zoë Ní Bhriain", "--role", "Head of Care",
               cwd=register.path).exit_code == 0
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\n"
                    "Audit 10 MAR charts every week and report the results to governance,Zoe Ni Bhriain,31/01/2030\n"
                    "Review every fall within 24 hours at the daily huddle,Zoe,28/02/2030\n"
                    "Check the fridge temperature log at every handover,zoe nibhriain (HoC),28/02/2030\n"
                    "Fit a keypad lock to the clinical room door,Zoe Ni Brian,31/03/2030\n"
                    "Audit the clinical room temperature log weekly,Bhriain,31/03/2030\n", "utf-8")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 1  # the two near-misses are refused, not made into new people
    owners = sorted(a.owner for a in load_register(register.path).actions.values())
    assert owners == ["zoe.nibhriain"] * 3
    assert "matched 'Zoe Ni Bhriain' to zoe.nibhriain (Zoë Ní Bhriain)" in result.output
    assert ("row 5: refused: column B (Lead): 'Zoe Ni Brian' is not in the people directory but is nearly "
            "zoe.nibhriain (Zoë Ní Bhriain)") in result.output
    assert "row 6: refused: column B (Lead): 'Bhriain' is not in the people directory but is nearly" in result.output
    assert "add to the people directory" not in result.output
    assert sorted(load_register(register.path).people) == ["amy.jones", "jane.smith", "sam.patel", "test.author",
                                                           "zoe.nibhriain"]


def test_one_new_person_typed_several_ways_in_one_sheet_is_one_entry(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\n"
                    "Fit a keypad lock to the clinical room door,Siobhán O'Brien (Clinical Lead),31/03/2030\n"
                    "Audit the clinical room temperature log weekly,Siobhan OBrien,30/04/2030\n"
                    "Replace the sluice room extractor fan,Siobhan,30/04/2030\n"
                    "Check the controlled drugs register every night,Siobhan O Brian,30/04/2030\n", "utf-8")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    people = load_register(register.path).people
    (new,) = [p for p in people.values() if p.id not in ("jane.smith", "sam.patel", "amy.jones", "test.author")]
    assert (new.name, new.role) == ("Siobhán O'Brien", "Clinical Lead")
    owners = sorted(a.owner for a in load_register(register.path).actions.values())
    assert owners == [new.id] * 3
    assert f"'Siobhan O Brian' is not in the people directory but is nearly {new.id} (Siobhán O'Brien, " \
           "proposed by an earlier row)" in result.output


def test_a_dry_run_names_no_id_it_would_not_keep_and_apply_names_the_real_ones(register: Any, cli: Any,
                                                                               tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Finding,Action,Lead,By when,Status\n"
                    "MAR charts had gaps.,Audit 10 MAR charts every week and report the results to governance,"
                    "Jane Smith,31/01/2030,Complete\n"
                    "Falls were not reviewed.,,,,\n", "utf-8")
    first, second = (cli("import", plan, *SOURCE, cwd=register.path).output for _ in range(2))
    assert first == second  # the same sheet, the same dry run
    assert "record it with 'govtool complete ACT-… --change … --evidence …'" in first
    assert "source SRC-…: error unaddressed-finding" in first and "--source SRC-… --finding F2" in first
    assert not re.search(r"(ACT|SRC)-[A-Z0-9]{6}", first)
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path).output
    reg = load_register(register.path)
    (source,), (action,) = reg.sources, reg.actions
    assert f"record it with 'govtool complete {action} --change" in applied
    assert f"source {source}: error unaddressed-finding" in applied and f"--source {source} --finding F2" in applied
    assert set(re.findall(r"(?:ACT|SRC)-[A-Z0-9]{6}", applied)) == {source, action}


def test_rows_that_write_a_trail_entry_with_no_known_author_are_refused_in_the_dry_run_as_with_apply(
        register: Any, cli: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """--by left out in a script, and Git knows the user as 'Pat Doe', whom the directory does not
    list: a progress note or a cancellation would be signed by no one lint knows, for good. Rows
    that only create an action record no author, and are imported."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Pat Doe")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "pat.doe@example.org")
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when,Status,Progress update\n"
                    "Audit 10 MAR charts every week and report the results to governance,Jane Smith,31/01/2030,"
                    "In progress,Audit tool agreed\n"
                    "Replace the lounge carpet,Sam Patel,31/03/2030,No longer required,\n"
                    "Fit a keypad lock to the clinical room door,Sam Patel,31/03/2030,Not started,\n", "utf-8")
    source = SOURCE[:-2]  # no --by
    why = ("Git knows you as 'Pat Doe', who is not in govtool.yaml's people: give --by WHO (a people-directory ID "
           'or name), or add yourself first: govtool person add pat.doe --name "Pat Doe" --role ROLE')
    before = files_of(register.path)
    dry = cli("import", plan, *source, cwd=register.path)
    assert dry.exit_code == 1
    assert f"row 2: refused: a progress note records who made it: {why}" in dry.output
    assert f"row 3: refused: a cancellation records who made it: {why}" in dry.output
    assert "row 4: create action 'Fit a keypad lock to the clinical room door', owner sam.patel" in dry.output
    assert "1 row would be imported, 2 refused" in dry.output
    assert files_of(register.path) == before
    applied = cli("import", plan, *source, "--apply", cwd=register.path)
    assert applied.exit_code == 1
    assert f"row 2: refused: a progress note records who made it: {why}" in applied.output
    actions = load_register(register.path).actions.values()
    assert [(a.title, a.status, a.updates) for a in actions] == [("Fit a keypad lock to the clinical room door", "open", [])]
    # Put right with --by, the refused rows come in and the imported one is skipped.
    again = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert again.exit_code == 0, again.output
    statuses = sorted((a.status, [u.by for u in a.updates]) for a in load_register(register.path).actions.values())
    assert statuses == [("cancelled", []), ("in_progress", ["jane.smith"]), ("open", [])]


def test_with_no_people_in_the_directory_the_dry_run_says_owners_stay_as_typed(cli: Any, tmp_path: Path) -> None:
    """'RM' and 'Jane Smith' would be two owners for one person: the user is told before applying."""
    folder = tmp_path / "fresh"
    assert cli("init", str(folder), "--provider", "Fresh Care", "--no-auto-commit").exit_code == 0
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\n"
                                           "Fit door closers to the four lounge fire doors,Jane Smith,31/03/2030\n"
                                           "Replace the broken hoist sling in room 4,RM,31/03/2030\n")
    result = cli("import", plan, "--source-type", "audit", "--source-date", "14/10/2026", "--by", "Jane Smith",
                 cwd=folder)
    assert result.exit_code == 0, result.output
    # What to do first is the first line, not the last of a long dry run; the summary repeats it.
    lines = result.output.splitlines()
    assert lines[0].startswith("First add the people: govtool.yaml lists no people, so 2 owners would be kept "
                               "exactly as typed ('Jane Smith', 'RM')"), lines
    assert "govtool person add" in result.stderr
    assert lines[-1].endswith("Nothing was written: add the people first (the first line says how), then run "
                              "again with --apply to import")
    # With --apply it is said before the rows are written, not after.
    applied = cli("import", plan, "--source-type", "audit", "--source-date", "14/10/2026", "--by", "Jane Smith",
                  "--apply", cwd=folder)
    assert applied.exit_code == 0, applied.output
    assert applied.output.splitlines()[0].startswith("note: govtool.yaml lists no people, so 2 owners are kept "
                                                     "exactly as typed ('Jane Smith', 'RM')")


def test_a_row_repeating_a_finding_under_another_regulation_says_which_regulation_was_kept(
        register: Any, cli: Any, tmp_path: Path) -> None:
    """Before, the second row's 'Reg 12' was dropped without a word."""
    finding = "The environment was not always clean; infection control audits were not effective."
    plan = csv_file(tmp_path / "plan.csv",
                    "Issue identified,Regulation,Action to be taken,Lead,By when\n"
                    f'"{finding}",Reg 15,Replace the carpets in the 6 bedrooms with washable flooring,Jane Smith,31/03/2030\n'
                    f'"{finding}",Reg 12,Complete a monthly IPC audit with the IPS tool,Jane Smith,31/01/2030\n')
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "Regulation 12 differs from the finding's Regulation 15, given on an earlier row: kept 15" in result.output


def test_an_owner_cell_naming_several_listed_people_is_kept_as_written_not_made_the_first(
        register: Any, cli: Any, tmp_path: Path) -> None:
    """The trial's report: 'Jane Smith, Sam Patel' was imported as jane.smith, both being in the
    directory, so a shared owner became one named person and lint's collective-owner never saw it.
    One person with a job title beside them ('Sam Lee, Director of Quality and Standards', a title
    with 'and' in it) or a role beside a name is still that one person."""
    assert cli("person", "add", "sam.lee", "--name", "Sam Lee", "--role", "Director of Quality and Standards",
               cwd=register.path).exit_code == 0
    shared = ["Jane Smith, Sam Patel", "Jane Smith / Sam Patel", "Jane Smith and Sam Patel",
              "Jane Smith (RM), Sam Patel (DM)", "JANE SMITH, SAM PATEL"]
    one = {"Sam Lee, Director of Quality and Standards": "sam.lee", "Jane Smith (Registered Manager)": "jane.smith",
           "Registered Manager - Jane Smith": "jane.smith", "JANE SMITH (RM)": "jane.smith"}
    titles = [f"Check the fire doors on floor {n} close fully every week" for n in range(len(shared) + len(one))]
    plan = workbook(tmp_path / "plan.xlsx", [["Action", "Lead", "By when"],
                                             *([t, o, "31/03/2030"] for t, o in zip(titles, [*shared, *one], strict=True))])
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert dry.exit_code == 0, dry.output
    for row, owner in enumerate(shared, start=2):  # the row, and the Owner cell's column in the sheet's terms
        assert (f"row {row}: create action {titles[row - 2]!r}, owner {owner}, due 2030-03-31" in dry.output), owner
        assert f"  note: column B (Lead): {owner!r} names 2 people, so no one person is accountable" in dry.output
    assert "owner jane.smith" not in dry.output.split("row 7:")[0]
    assert "error collective-owner line 4: owner 'Jane Smith, Sam Patel' names 2 people" in dry.output
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    owners = {a.title: a.owner for a in load_register(register.path).actions.values()}
    assert [owners[t] for t in titles] == [*shared, *one.values()]
    assert "add to the people directory" not in applied.output


def test_someone_new_with_a_job_title_after_a_comma_is_proposed_by_their_name(
        register: Any, cli: Any, tmp_path: Path) -> None:
    """It proposed 'sam.lee.director.of.quality.and.standards', named with the title."""
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\n"
                    'Check the fire doors close fully every week,"Sam Lee, Director of Quality and Standards",'
                    "31/03/2030\n"
                    "Test the fire alarm every Friday and log the result,Sam Lee,31/03/2030\n")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    people = load_register(register.path).people
    assert (people["sam.lee"].name, people["sam.lee"].role) == ("Sam Lee", "Director of Quality and Standards")
    assert sorted(a.owner for a in load_register(register.path).actions.values()) == ["sam.lee", "sam.lee"]


def test_someone_not_in_the_directory_beside_a_role_is_kept_as_written_not_given_to_the_roles_holder(
        register: Any, cli: Any, tmp_path: Path) -> None:
    """'Priya Shah (Registered Manager)' was imported as jane.smith, the Registered Manager: someone
    else made accountable without a word. A post beside a place is still its holder, and a name in
    the directory is that person whatever role is beside it."""
    kept = ["Priya Shah (Registered Manager)", "Registered Manager - Priya Shah", "PRIYA SHAH (RM)"]
    matched = {"Registered Manager, Oakwood": "jane.smith", "Registered Manager - Ward 3": "jane.smith",
               "Jane Smith (RM)": "jane.smith", "Deputy Manager - Jane Smith": "jane.smith"}
    titles = [f"Check the fire doors on floor {n} close fully every week" for n in range(len(kept) + len(matched))]
    plan = workbook(tmp_path / "plan.xlsx", [["Action", "Lead", "By when"],
                                             *([t, o, "31/03/2030"] for t, o in zip(titles, [*kept, *matched],
                                                                                       strict=True))])
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert dry.exit_code == 0, dry.output
    for row, owner in enumerate(kept, start=2):
        name = "Priya Shah"
        assert f"row {row}: create action {titles[row - 2]!r}, owner {owner}, due 2030-03-31" in dry.output, owner
        assert (f"  note: column B (Lead): {owner!r}: {name} is not in the people directory (its Registered Manager "
                "is jane.smith (Jane Smith)): imported as written, not as jane.smith: write jane.smith if the sheet "
                f'means them, or add {name} first (govtool person add priya.shah --name "{name}" --role '
                '"Registered Manager")') in dry.output
    assert "add to the people directory" not in dry.output
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    owners = {a.title: a.owner for a in load_register(register.path).actions.values()}
    assert [owners[t] for t in titles] == [*kept, *matched.values()]
    assert "priya" not in (register.path / "govtool.yaml").read_text().casefold()


def test_a_role_nobody_holds_is_kept_as_written_not_proposed_as_a_person(register: Any, cli: Any,
                                                                          tmp_path: Path) -> None:
    """'Director of Nursing' was proposed as a person, director.of.nursing, where new action --owner
    refuses a role typed as a person. 'Clinical Lead': amy.jones, who held it, has left."""
    roles = {"Director of Nursing": "Director of Nursing", "HoC": "Head of Care", "DoN": "Director of Nursing",
             "Director of Nursing (DoN)": "Director of Nursing", "Clinical Lead": "Clinical Lead",
             "Registered Manager": None}
    _leaving_dates(register, {"amy.jones": -30})
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\n" + "".join(
        f"Check the fire doors on floor {n} close fully every week,{owner},31/03/2030\n"
        for n, owner in enumerate(roles)) + "Test the fire alarm every Friday and log the result,Tom Brown,31/03/2030\n")
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert dry.exit_code == 0, dry.output
    for owner, role in roles.items():
        if role is not None and owner != "Clinical Lead":  # its holder has left: said below
            assert (f"  note: column B (Lead): {owner!r} reads as a role, and no one in the people directory holds it: "
                    "imported as written: write the name of the person who does, or add them first (govtool person "
                    f'add ID --name NAME --role "{role}")') in dry.output, owner
    assert (f"  note: column B (Lead): 'Clinical Lead' is the Clinical Lead, and Amy Jones (amy.jones), who held it, "
            f"left on {_days_from_today(-30)}: imported as written") in dry.output
    assert "add to the people directory: tom.brown (Tom Brown)\n" in dry.output  # a name is still proposed
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    reg = load_register(register.path)
    assert sorted(a.owner for a in reg.actions.values()) == sorted(
        [*(owner for owner, role in roles.items() if role), "jane.smith", "tom.brown"])
    assert sorted(reg.people) == ["amy.jones", "jane.smith", "sam.patel", "test.author", "tom.brown"]


def _refs(root: Path) -> dict[str, str | None]:
    return {a.title or "": a.reference for a in load_register(root).actions.values()}


def test_the_sheet_s_ref_column_is_kept_as_each_action_s_reference_from_a_csv(
        register: Any, cli: Any, tmp_path: Path) -> None:
    """Before, the Ref column was only shown in the dry run: once imported, a plan could not be
    matched to the provider's or CQC's numbering."""
    plan = csv_file(tmp_path / "plan.csv",
                    "Ref.,Finding,Action required,Lead,By when\n"
                    "1.1,MAR charts had gaps.,Audit 10 MAR charts every week and report the results to governance,"
                    "Jane Smith,31/01/2030\n"
                    "1.10,,Replace the MAR chart template with one that has a PRN section,Sam Patel,28/02/2030\n"
                    "Must do 2,Fire doors did not close.,Fit door closers to the four lounge fire doors,Jane Smith,"
                    "31/03/2030\n"
                    ",,Replace the broken hoist sling in room 4,Jane Smith,31/03/2030\n")
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert "row 3 (ref 1.10): create action 'Replace the MAR chart template" in dry.output
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert _refs(register.path) == {
        "Audit 10 MAR charts every week and report the results to governance": "1.1",
        "Replace the MAR chart template with one that has a PRN section": "1.10",  # text, as typed: not 1.1
        "Fit door closers to the four lounge fire doors": "Must do 2",
        "Replace the broken hoist sling in room 4": None,  # no ref, no field
    }
    reg = load_register(register.path)
    assert reg.problems == []
    texts = {a.reference: (register.path / a.path).read_text() for a in reg.actions.values()}
    assert "\nreference: '1.10'\n" in texts["1.10"]
    assert "reference" not in texts[None]
    # The action plan shows each reference beside its action, so the plan reads in the sheet's numbering.
    ids = {a.reference: a.id for a in reg.actions.values()}
    markdown = cli("report", "action-plan", cwd=register.path).output
    assert f"- **Ref 1.10 · {ids['1.10']}** Replace the MAR chart template" in markdown
    assert f"- **Ref Must do 2 · {ids['Must do 2']}** Fit door closers" in markdown
    assert f"- **{ids[None]}** Replace the broken hoist sling" in markdown
    html = cli("report", "action-plan", "--format", "html", cwd=register.path).output
    assert f'<span class="ref">Ref 1.1</span> · <span class="id">{ids["1.1"]}</span>' in html
    assert "  reference:   Must do 2" in cli("show", ids["Must do 2"], cwd=register.path).output


def test_the_ref_column_of_an_xlsx_is_kept_numbers_and_text_alike(register: Any, cli: Any, tmp_path: Path) -> None:
    """Excel stores 1.1 and 2 as numbers: each becomes the text a person reads in the cell."""
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Action no", "Finding", "Action required", "Lead", "By when"],
        [1.1, "MAR charts had gaps.", "Audit 10 MAR charts every week and report the results to governance",
         "Jane Smith", "31/01/2030"],
        [2, None, "Replace the MAR chart template with one that has a PRN section", "Sam Patel", "28/02/2030"],
        ["R3", None, "Fit door closers to the four lounge fire doors", "Jane Smith", "31/03/2030"],
    ])
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "columns: A 'Action no' -> ref" in result.output
    assert sorted(_refs(register.path).values()) == ["1.1", "2", "R3"]
    assert load_register(register.path).problems == []


def _days_from_today(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


def _leaving_dates(register: Any, days: dict[str, int]) -> None:
    """Give people a leaving date ``days`` from today (negative: they have left), committed."""
    settings = register.path / "govtool.yaml"
    text = settings.read_text()
    for person_id, offset in days.items():
        text = re.sub(rf"^(  {re.escape(person_id)}: {{[^}}]*?)(, left: [0-9-]+)?}}$",
                      rf"\g<1>, left: {_days_from_today(offset)}}}", text, count=1, flags=re.MULTILINE)
    settings.write_text(text)
    register.commit("Leaving dates")


def test_a_role_is_held_by_whoever_is_in_post_today_even_with_a_leaving_date_to_come(
        register: Any, cli: Any, tmp_path: Path) -> None:
    """A person with a leaving date was never matched by their role, even one still in post (their
    leaving date still to come, or today, their last working day); someone who has left is not
    matched, and the dry run names them on the row."""
    _leaving_dates(register, {"jane.smith": 60, "sam.patel": 0, "amy.jones": -1})
    plan = csv_file(tmp_path / "plan.csv",
                    "Ref,Action required,Lead,By when\n"
                    "1,Audit 10 MAR charts every week and report the results to governance,RM,31/01/2030\n"
                    "2,Replace the MAR chart template with one that has a PRN section,Deputy Manager,28/02/2030\n"
                    "3,Check the fridge temperature log every day and act on readings out of range,CL,31/03/2030\n")
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    row2 = lines.index(next(line for line in lines if line.startswith("row 2 (ref 1): create action")))
    assert "owner jane.smith" in lines[row2]
    assert lines[row2 + 1] == (f"  note: owner matched 'RM' to jane.smith (Jane Smith, whose last working day is "
                               f"{_days_from_today(60)})")
    assert "row 3 (ref 2): create action 'Replace the MAR chart template with one that has a PRN section', " \
           "owner sam.patel" in dry.output  # today is their last working day: still theirs to hand over
    row4 = lines.index(next(line for line in lines if line.startswith("row 4 (ref 3): create action")))
    assert "owner CL," in lines[row4]
    assert lines[row4 + 1] == (
        f"  note: column C (Lead): 'CL' is the Clinical Lead, and Amy Jones (amy.jones), who held it, left on "
        f"{_days_from_today(-1)}: imported as written: write the name of the Clinical Lead now, or add them first "
        '(govtool person add ID --name NAME --role "Clinical Lead")')
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    owners = {a.reference: a.owner for a in load_register(register.path).actions.values()}
    assert owners == {"1": "jane.smith", "2": "sam.patel", "3": "CL"}


def test_a_number_cell_reads_as_its_format_shows_it(register: Any, cli: Any, tmp_path: Path) -> None:
    """1.1 formatted 0.00 shows 1.10 in Excel, and 0.98 formatted 0% shows 98%: they were kept
    as 1.1 and 0.98."""
    plan = workbook(tmp_path / "plan.xlsx", [
        ["Ref", "Action required", "Lead", "By when", "Measure of success"],
        [1.1, "Audit 10 MAR charts every week and report the results to governance", "Jane Smith", "31/01/2030", 0.98],
        [1.2, "Replace the MAR chart template with one that has a PRN section", "Sam Patel", "28/02/2030", None],
    ])
    book = load_workbook(plan)
    book.active["A2"].number_format = book.active["A3"].number_format = "0.00"
    book.active["E2"].number_format = "0%"
    book.save(plan)
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    actions = {a.reference: a for a in load_register(register.path).actions.values()}
    assert sorted(actions) == ["1.10", "1.20"]
    assert actions["1.10"].measure is not None and actions["1.10"].measure.target == "98%"
