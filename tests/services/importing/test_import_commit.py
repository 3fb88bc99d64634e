"""An import into a register that commits, with govtool's pre-commit hook installed: the plan
comes in as received, every row with its problems (none refused because the hook would stop it),
each change its own commit with its own message, made without the hook; the hook then judges the
changes made to the imported records. Real repositories, real hooks."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from govtool.register.load import load_register

from .sheets import csv_file
from .test_import_plan import files_of

#: the trial's sheet: the second row's finding cell is blank and its owner is a group
TRIAL = ("Finding,Regulation,Action,Lead,By when\n"
         "Audits missed gaps,17,Add MAR audit results to the governance agenda,Sam Patel,31/01/2030\n"
         ",17,Hold regular staff meetings,All staff,31/03/2030\n")
SOURCE = ["--source-type", "inspection_report", "--source-date", "01/11/2026", "--by", "jane.smith"]
#: two actions, the first with a progress note, the second owned by someone the import adds
TWO_ROWS = ("Action,Lead,By when,Progress update\n"
            "Audit 10 MAR charts every week and report the results to the governance meeting,Sam Patel,31/03/2030,"
            "Audit tool agreed\n"
            "Fit door closers to the four lounge fire doors,Priya Shah,30/04/2030,\n")


def committing_with_hook(register: Any, hook_body: str | None = None, hooks: Path | None = None) -> Path:
    """``commit: true`` and a pre-commit hook running govtool's staged lint, as ``pre-commit
    install`` runs the hook ``govtool init`` writes (in ``hooks``, set as ``core.hooksPath``, if
    given); each run of the hook is counted in a file."""
    register.write("govtool.yaml", (register.path / "govtool.yaml").read_text() + "commit: true\n")
    register.commit("Commit every change", date="2026-01-06")
    runs = register.path.parent / "hook-runs"
    if hooks is not None:
        register.git("config", "core.hooksPath", str(hooks))
    hook = (hooks or register.path / ".git" / "hooks") / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!/bin/sh\necho run >> {runs}\n"
                    + (hook_body or f"exec {sys.executable} -m govtool lint --staged\n"))
    hook.chmod(0o755)
    return runs


#: the trial's plan: a vague action, a group as owner, and a good action
AS_RECEIVED = ("Action,Lead,By when\n"
               "Improve medicines management,Jane Smith,31/01/2030\n"
               "Hold a falls huddle after every fall,All staff,28/02/2030\n"
               "Audit 10 MAR charts every week and report the results to the governance meeting,Sam Patel,"
               "31/03/2030\n")


def test_a_register_made_by_init_imports_every_row_as_received_and_the_hook_then_judges_changes(
        cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "willowbrook"
    made = cli("init", root, "--provider", "Willowbrook Care Ltd", "--auto-commit", cwd=tmp_path)
    assert made.exit_code == 0, made.output
    hook = root / ".git" / "hooks" / "pre-commit"
    installed = hook.read_text()
    assert "govtool" in installed  # init installed Git's pre-commit hook
    for person, name, role in (("jane.smith", "Jane Smith", "Registered Manager"),
                               ("sam.patel", "Sam Patel", "Deputy Manager")):
        assert cli("person", "add", person, "--name", name, "--role", role, cwd=root).exit_code == 0

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout

    before = git("log", "--format=%s").splitlines()
    plan = csv_file(tmp_path / "plan.csv", AS_RECEIVED)
    dry = cli("import", plan, *SOURCE, cwd=root)
    assert dry.exit_code == 0, dry.output
    assert "refused" not in dry.output.replace("0 refused", "")
    assert "3 rows would be imported, 0 refused, 0 skipped" in dry.output

    applied = cli("import", plan, *SOURCE, "--apply", cwd=root)
    assert applied.exit_code == 0, applied.output  # every row imported, problems or not
    assert "3 rows imported, 0 refused, 0 skipped" in applied.output and "4 changes saved in 4 commits" in applied.output
    assert "error vague-action line 2" in applied.output and "error collective-owner" in applied.output
    assert "Committed as received, without the pre-commit check: 'govtool lint' lists these problems" in applied.output
    reg = load_register(root)
    (source,) = reg.sources.values()
    by_title = {action.title: action for action in reg.actions.values()}
    vague, huddle, audit = (by_title[title] for title in (
        "Improve medicines management", "Hold a falls huddle after every fall",
        "Audit 10 MAR charts every week and report the results to the governance meeting"))
    assert huddle.owner == "All staff"
    assert git("log", "--format=%s").splitlines() == [
        f'{audit.id}: created "Audit 10 MAR charts every week and report the results to the governance meeting"',
        f'{huddle.id}: created "Hold a falls huddle after every fall"',
        f'{vague.id}: created "Improve medicines management"',
        f'{source.id}: created "Action plan imported from plan.csv"', *before]
    for n in range(4):  # each commit says why the check did not judge it, and where its problems are
        assert ("Imported from plan.csv as received, without the pre-commit check: 'govtool lint' lists the "
                "problems its rows came with.") in git("log", "-1", "--format=%b", f"HEAD~{n}")
    assert git("status", "--porcelain") == ""
    assert hook.read_text() == installed  # the hook is still there, as init wrote it

    lint = cli("lint", cwd=root)
    assert lint.exit_code == 1 and f"{vague.id}" in lint.output and "vague-action" in lint.output, lint.output

    # The hook judges the lines a commit changes: an edit of another field of the vague action commits.
    edited = cli("edit", vague.id, "--priority", "high", "--reason", "raised at the governance meeting",
                 "--by", "jane.smith", cwd=root)
    assert edited.exit_code == 0, edited.output
    assert git("log", "-1", "--format=%s").startswith(f"{vague.id}: ")
    assert git("status", "--porcelain") == ""
    # ... and it still stops a commit whose changed lines have a problem: a title made vague again.
    record = root / "actions" / f"{audit.id}.yaml"
    record.write_text(record.read_text().replace("Audit 10 MAR charts every week and report the results to the "
                                                 "governance meeting", "Improve MAR charts"))
    refused = subprocess.run(["git", "commit", "-q", "-am", "shorter title"], cwd=root, capture_output=True, text=True)
    assert refused.returncode != 0 and "vague-action" in refused.stdout + refused.stderr


def test_a_hook_that_refuses_every_commit_does_not_stop_an_import(register: Any, cli: Any, tmp_path: Path) -> None:
    runs = committing_with_hook(register, "echo 'govtool: the commit is stopped by 1 problem' >&2\nexit 1\n")
    result = cli("import", csv_file(tmp_path / "plan.csv", TRIAL), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "2 rows imported, 0 refused, 0 skipped" in result.output and "3 changes saved in 3 commits" in result.output
    assert not runs.exists()  # the hook never ran: the import came in as received
    assert register.git("status", "--porcelain") == ""
    reg = load_register(register.path)
    assert sorted(a.owner for a in reg.actions.values()) == ["All staff", "sam.patel"]
    assert len(reg.sources) == 1


def test_each_change_is_its_own_commit_with_its_own_message_and_the_hook_not_run(
        register: Any, cli: Any, tmp_path: Path) -> None:
    runs = committing_with_hook(register)
    register.write("notes.txt", "staged by hand, not for the import\n")
    register.git("add", "notes.txt")
    before = register.log()
    result = cli("import", csv_file(tmp_path / "plan.csv", TWO_ROWS), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "4 changes saved in 4 commits" in result.output
    reg = load_register(register.path)
    (source,) = reg.sources.values()
    audit, doors = sorted(reg.actions.values(), key=lambda a: a.due)
    # The plan's progress cell comes with its action, in the commit that creates it: the plan as received.
    assert register.log() == [f'{doors.id}: created "Fit door closers to the four lounge fire doors"',
                              f'{audit.id}: created "Audit 10 MAR charts every week and report the results to the '
                              'governance meeting"',
                              f'{source.id}: created "Action plan imported from plan.csv"',
                              "people: added priya.shah (Priya Shah)", *before]
    # the note, then why the check did not judge it
    assert register.git("log", "-1", "--format=%b", "HEAD~1").startswith(
        f"With the plan's progress note, dated {dt.date.today().isoformat()}:\nFrom the imported plan: Audit tool agreed\n\n"
        "Imported from plan.csv as received, without the pre-commit check")
    assert not runs.exists()  # the import's commits are made without the hook
    # Each commit holds its own files, as that change left them.
    files = [register.git("show", "--name-only", "--format=", f"HEAD~{n}") for n in range(4)]
    assert files == [f"actions/{doors.id}.yaml", f"actions/{audit.id}.yaml", f"sources/{source.id}.yaml", "govtool.yaml"]
    assert "Audit tool agreed" in register.git("show", f"HEAD~1:actions/{audit.id}.yaml")
    # What was staged by hand stays staged, and in none of the import's commits.
    assert register.git("status", "--porcelain") == "A  notes.txt"


def test_show_lists_an_imported_action_with_the_plan_s_progress_note_as_one_event_dated_by_its_source(
        register: Any, cli: Any, tmp_path: Path) -> None:
    # No hook here: each change is committed as the command line commits it.
    register.write("govtool.yaml", (register.path / "govtool.yaml").read_text() + "commit: true\n")
    register.commit("Commit every change", date="2026-01-06")
    result = cli("import", csv_file(tmp_path / "plan.csv", TWO_ROWS), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    audit = min(load_register(register.path).actions.values(), key=lambda a: a.due)
    shown = cli("show", audit.id, cwd=register.path).output
    # dated the day of the import: the sheet does not say when the update was written
    assert f"{dt.date.today().isoformat()}  progress note by Jane Smith: From the imported plan: Audit tool agreed" in shown
    timeline = shown.split("Timeline (from Git)\n", 1)[1].splitlines()
    assert len(timeline) == 1, shown
    assert timeline[0].endswith("Test Author  created")
    # The note carries the source's date, weeks before the commit: it came with the record, as received,
    # so lint's backdated-entry (which judges entries added to a record later) has nothing to say.
    lint = cli("lint", cwd=register.path)
    assert "backdated-entry" not in lint.output and "trail-date-order" not in lint.output, lint.output


def test_git_failing_before_the_branch_moves_leaves_history_and_files_as_they_were(
        register: Any, cli: Any, tmp_path: Path) -> None:
    # The import's commits are made on one another and the branch is moved once, at the end: here
    # Git cannot move it (another process holds the branch's lock), so no commit of the import is
    # on the branch, nothing already there is taken off it, and every file is put back.
    register.write("govtool.yaml", (register.path / "govtool.yaml").read_text() + "commit: true\n")
    register.commit("Commit every change", date="2026-01-06")
    branch = register.git("symbolic-ref", "--short", "HEAD").strip()
    lock = register.path / ".git" / "refs" / "heads" / f"{branch}.lock"
    lock.write_text("")
    before, log = files_of(register.path), register.log()
    result = cli("import", csv_file(tmp_path / "plan.csv", TWO_ROWS), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 2, result.output
    assert "nothing was changed: the commit was refused" in result.stderr
    assert files_of(register.path) == before and register.log() == log
    lock.unlink()
    assert register.git("status", "--porcelain") == ""


def test_a_blank_finding_cell_continues_the_finding_above(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Finding,Action,Lead,By when\n"
                                           "Call bells were not answered at night,Fit a call bell in every bedroom,"
                                           "Sam Patel,31/01/2030\n"
                                           "Falls were not reviewed,Hold a falls huddle after every fall,Sam Patel,"
                                           "31/01/2030\n"
                                           ",Add the falls log to the monthly governance meeting agenda,Sam Patel,"
                                           "28/02/2030\n")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "refused" not in result.output.replace("0 refused", "")
    reg = load_register(register.path)
    (source,) = reg.sources.values()
    assert [f.text for f in source.findings] == ["Call bells were not answered at night", "Falls were not reviewed"]
    assert sorted((a.finding_id, a.title) for a in reg.actions.values()) == [
        ("F1", "Fit a call bell in every bedroom"), ("F2", "Add the falls log to the monthly governance meeting agenda"),
        ("F2", "Hold a falls huddle after every fall")]


def test_a_finding_row_heads_the_actions_below_it(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Finding,Action,Lead,By when\n"
                                           "Falls were not reviewed,,,\n"
                                           ",Hold a falls huddle after every fall,Sam Patel,31/01/2030\n")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "row 2: skipped: no action on this row: its finding is the one the rows below it answer" in result.output
    (action,) = load_register(register.path).actions.values()
    assert action.finding_id == "F1"
    assert "unaddressed-finding" not in cli("lint", cwd=register.path).output


def test_a_regulation_alone_joins_the_source_s_finding_under_that_regulation(plan: Any, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path / "plan.csv", "Regulation,Action,Lead,By when\n"
                                            "Reg 11,Add a consent section to the care plan template,Sam Patel,"
                                            "31/01/2030\n"
                                            "17,Audit 10 care plans every month at the governance meeting,Sam Patel,"
                                            "28/02/2030\n")
    result = plan.run("import", str(sheet), "--source", plan.source, "--by", "jane.smith", "--apply")
    assert result.exit_code == 0, result.output
    reg = load_register(plan.root)
    source = reg.sources[plan.source]
    assert [(f.id, f.regulation) for f in source.findings] == [("F1", "12"), ("F2", "11"), ("F3", "17")]
    answered = {a.title: a.finding_id for a in reg.actions.values() if a.id != plan.action}
    assert answered == {"Add a consent section to the care plan template": "F2",  # joins Regulation 11's finding
                        "Audit 10 care plans every month at the governance meeting": "F3"}  # a new one, named after it
    assert source.findings[2].text == "Regulation 17: Good governance"


def test_a_row_naming_no_finding_is_told_in_the_sheet_s_terms_naming_the_real_source(
        register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Finding,Action,Lead,By when\n"
                                           ",Fit a call bell in every bedroom,Sam Patel,31/01/2030\n"
                                           "Falls were not reviewed,Hold a falls huddle after every fall,Sam Patel,"
                                           "31/01/2030\n")
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 1, result.output
    (source,) = load_register(register.path).sources.values()
    assert f"create source {source.id} " in result.output
    assert (f"row 2: refused: which finding does this row answer? {source.id} has findings F1 'Falls were not "
            "reviewed': column A (Finding) is blank, with no finding on a row above: type the finding's text (or its "
            "ID) there") in result.output
    assert "--finding" not in result.output
    assert re.search(r"SRC-[0-9A-Z]{6}", result.output.replace(source.id, "")) is None  # no scratch copy's ID


def test_a_sheet_without_a_finding_column_is_told_to_add_one(plan: Any, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path / "plan.csv", "Action,Lead,By when\n"
                                            "Add a consent section to the care plan template,Sam Patel,31/01/2030\n")
    result = plan.run("import", str(sheet), "--source", plan.source, "--by", "jane.smith")
    assert result.exit_code == 1, result.output
    assert (f"row 2: refused: which finding does this row answer? {plan.source} has findings F1 'The provider did "
            "not ensure medicines…', F2 \"Care plans did not record people's…\": the sheet has no Finding "
            "column: add one with the finding's text (or its ID), or name the column that holds it with --map "
            "\"HEADING=finding\"") in result.output


def test_a_due_date_before_the_date_raised_is_told_in_the_sheet_s_terms(register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,Date raised,By when\n"
                                           "Fit door closers to the four lounge fire doors,Sam Patel,01/03/2026,"
                                           "28/02/2026\n")
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert ("row 2: refused: column D (By when) 2026-02-28 is before column C (Date raised) 2026-03-01: an action is "
            "due after it is raised: correct one of the two dates") in result.output, result.output
    assert "--due" not in result.output


def test_a_regulation_alone_under_several_findings_of_it_is_refused_naming_them(
        register: Any, cli: Any, tmp_path: Path) -> None:
    plan = csv_file(tmp_path / "plan.csv", "Finding,Regulation,Action,Lead,By when\n"
                                           "Audits missed gaps,17,Add MAR audit results to the governance agenda,"
                                           "Sam Patel,31/01/2030\n"
                                           "Records were not kept,17,Audit 10 care records every month,Sam Patel,"
                                           "31/01/2030\n"
                                           "WELL-LED,,,,\n"
                                           ",17,Review the audit schedule at each governance meeting,Sam Patel,"
                                           "31/03/2030\n")
    result = cli("import", plan, *SOURCE, cwd=register.path)
    assert ("row 5: refused: the finding cell is blank and the new source has 2 findings under Regulation 17 "
            "('Audits missed gaps', 'Records were not kept'): say which this row answers: type its text in column A "
            "(Finding)") in result.output, result.output
    assert "with 2 findings" in result.output


def test_the_first_commit_of_an_import_holds_what_its_records_depend_on_never_committed(
        uncommitted_register: tuple[Path, str], cli: Any, tmp_path: Path) -> None:
    root, source = uncommitted_register  # init, person add and new source, nothing committed: no branch yet
    plan = csv_file(tmp_path / "plan.csv", "Finding,Action,Lead,By when\n"
                                           "Falls were not reviewed.,Hold a falls huddle after every fall,Sam Patel,"
                                           "31/01/2030\n"
                                           ",Add the falls log to the monthly governance meeting agenda,Sam Patel,"
                                           "28/02/2030\n")
    result = cli("import", plan, "--source", source, "--by", "sam.patel", "--apply", "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert re.search(r"committed [0-9a-f]{7} first, on its own: the changes already in govtool\.yaml, "
                     rf"sources/{source}\.yaml, .*not made by this command and not committed before", result.output)
    assert "2 changes saved in 2 commits" in result.output
    def files_of_commit(which: str) -> list[str]:
        return sorted(subprocess.run(["git", "show", "--format=", "--name-only", which], cwd=root, capture_output=True,
                                     text=True, check=True).stdout.split())

    huddle, agenda = sorted(load_register(root).actions.values(), key=lambda a: a.due)
    assert files_of_commit("HEAD~2") == sorted([  # the branch's first commit: what was there, whole, on its own
        ".pre-commit-config.yaml", "actions/.gitkeep", "evidence/.gitkeep",
        "govtool.yaml", "risks/.gitkeep", "sources/.gitkeep", f"sources/{source}.yaml"])
    assert files_of_commit("HEAD~1") == [f"actions/{huddle.id}.yaml"]  # each import commit: its own change only
    assert files_of_commit("HEAD") == [f"actions/{agenda.id}.yaml"]
    def message(which: str) -> str:
        return subprocess.run(["git", "log", "-1", "--format=%B", which], cwd=root, capture_output=True, text=True,
                              check=True).stdout
    assert message("HEAD~2").startswith("Uncommitted changes to govtool.yaml and 6 other files, committed as found\n")
    assert "Imported from" not in message("HEAD~2")
    assert message("HEAD~1").startswith(f'{huddle.id}: created "Hold a falls huddle after every fall"\n')
    assert "not committed before" not in message("HEAD~1")
    assert subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                          check=True).stdout == ""


def test_a_line_typed_into_govtool_yaml_is_committed_on_its_own_before_the_import_adds_a_person(
        register: Any, cli: Any, tmp_path: Path) -> None:
    committing_with_hook(register)
    settings = register.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "rating: Requires Improvement\n")  # typed by hand, not committed
    before = register.log()
    result = cli("import", csv_file(tmp_path / "plan.csv", TWO_ROWS), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "the changes already in govtool.yaml, not made by this command and not committed before" in result.output
    log = register.log()
    assert log[len(log) - len(before) - 2:] == ["people: added priya.shah (Priya Shah)",
                                                "Uncommitted changes to govtool.yaml, committed as found", *before]
    def changed(commit: str) -> list[str]:
        return [line for line in register.git("show", "--format=", commit).splitlines()
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    found, person = (f"HEAD~{len(log) - len(before) - n}" for n in (1, 2))
    assert changed(found) == ["+rating: Requires Improvement"]
    assert "rating" not in "".join(changed(person)) and any("priya.shah" in line for line in changed(person))
    assert register.git("status", "--porcelain") == ""
