"""An import into a register that commits, with govtool's pre-commit hook installed: the dry
run says what the hook will stop, a refused row writes nothing, each change is its own commit
with its own message, and the hook runs once over the whole import before them. Real
repositories, a real hook running the real ``govtool lint --staged``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from govtool.register.load import load_register
from govtool.support import commitseries

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


def test_the_dry_run_refuses_what_the_hook_will_stop_and_apply_writes_nothing_of_it(
        register: Any, cli: Any, tmp_path: Path) -> None:
    runs = committing_with_hook(register)
    plan = csv_file(tmp_path / "plan.csv", TRIAL)
    dry = cli("import", plan, *SOURCE, cwd=register.path)
    assert dry.exit_code == 1, dry.output
    assert ("row 3: refused: the pre-commit hook would stop its commit: error collective-owner: owner 'All staff' "
            "is a group") in dry.output
    assert "1 row would be imported, 1 refused, 0 skipped; 1 lint problem (0 errors) on the imported records" in dry.output
    assert "with 1 finding" in dry.output

    before = register.log()
    applied = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert applied.exit_code == 1, applied.output
    assert "row 3: refused: the pre-commit hook would stop its commit: error collective-owner" in applied.output
    assert "1 row imported, 1 refused, 0 skipped; 1 lint problem (0 errors) on the imported records" in applied.output
    assert "2 changes saved in 2 commits" in applied.output
    reg = load_register(register.path)
    (source,), (action,) = reg.sources.values(), reg.actions.values()
    assert register.log() == [f'{action.id}: created "Add MAR audit results to the governance agenda"',
                              f'{source.id}: created "Action plan imported from plan.csv"', *before]
    assert runs.read_text().splitlines() == ["run"]  # once, for both commits
    assert register.git("status", "--porcelain") == ""  # everything written is committed
    assert [(f.id, f.text) for f in source.findings] == [("F1", "Audits missed gaps")]  # no finding for row 3
    lint = cli("lint", cwd=register.path)
    assert "unaddressed-finding" not in lint.output and lint.exit_code == 0, lint.output


def test_each_change_is_its_own_commit_after_one_run_of_the_hook_over_them_all(
        register: Any, cli: Any, tmp_path: Path) -> None:
    seen = tmp_path / "hook-saw"
    runs = committing_with_hook(register, f"git diff --cached --name-only >> {seen}\n"
                                          f"exec {sys.executable} -m govtool lint --staged\n")
    register.write("notes.txt", "staged by hand, not for the import\n")
    register.git("add", "notes.txt")
    before = register.log()
    result = cli("import", csv_file(tmp_path / "plan.csv", TWO_ROWS), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "5 changes saved in 5 commits" in result.output
    reg = load_register(register.path)
    (source,) = reg.sources.values()
    audit, doors = sorted(reg.actions.values(), key=lambda a: a.due)
    assert register.log() == [f'{doors.id}: created "Fit door closers to the four lounge fire doors"',
                              f"{audit.id}: progress note",
                              f'{audit.id}: created "Audit 10 MAR charts every week and report the results to the '
                              'governance meeting"',
                              f'{source.id}: created "Action plan imported from plan.csv"',
                              "people: added priya.shah (Priya Shah)", *before]
    assert register.git("log", "-1", "--format=%b", "HEAD~1") == "Audit tool agreed"  # the note's own message body
    # The hook ran once, over every file of the import at once: what one commit of them would hold.
    assert runs.read_text().splitlines() == ["run"]
    assert sorted(seen.read_text().split()) == sorted(["govtool.yaml", f"sources/{source.id}.yaml",
                                                       f"actions/{audit.id}.yaml", f"actions/{doors.id}.yaml"])
    # Each commit holds its own files, as that change left them.
    files = [register.git("show", "--name-only", "--format=", f"HEAD~{n}") for n in range(5)]
    assert files == [f"actions/{doors.id}.yaml", f"actions/{audit.id}.yaml", f"actions/{audit.id}.yaml",
                     f"sources/{source.id}.yaml", "govtool.yaml"]
    assert "Audit tool agreed" not in register.git("show", f"HEAD~2:actions/{audit.id}.yaml")
    assert "Audit tool agreed" in register.git("show", f"HEAD~1:actions/{audit.id}.yaml")
    # What was staged by hand stays staged, and in none of the import's commits.
    assert register.git("status", "--porcelain") == "A  notes.txt"


def test_show_lists_an_imported_action_s_progress_note_as_its_own_event(
        register: Any, cli: Any, tmp_path: Path) -> None:
    # No hook here: each change is committed as the command line commits it.
    register.write("govtool.yaml", (register.path / "govtool.yaml").read_text() + "commit: true\n")
    register.commit("Commit every change", date="2026-01-06")
    result = cli("import", csv_file(tmp_path / "plan.csv", TWO_ROWS), *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 0, result.output
    audit = min(load_register(register.path).actions.values(), key=lambda a: a.due)
    shown = cli("show", audit.id, cwd=register.path).output
    timeline = shown.split("Timeline (from Git)\n", 1)[1].splitlines()
    assert len(timeline) == 2, shown
    assert timeline[0].endswith("Test Author  created")
    assert timeline[1].endswith("Test Author  status open → in_progress; progress note added")


def test_a_commit_the_hook_refuses_after_all_puts_every_file_back(register: Any, cli: Any, tmp_path: Path) -> None:
    # A hook of the register's own that stops any commit of an action (a policy govtool cannot foresee).
    runs = committing_with_hook(register, "git diff --cached --name-only | grep -q '^actions/' || exit 0\n"
                                          "echo 'govtool: the commit is stopped by 1 problem in the files it "
                                          "changes; the first: policy' >&2\nexit 1\n")
    register.write("notes.txt", "staged by hand\n")
    register.git("add", "notes.txt")
    index = register.git("ls-files", "-s")
    plan = csv_file(tmp_path / "plan.csv", "Action,Lead,By when,Progress update\n"
                                           "Fit door closers to the four lounge fire doors,Priya Shah,31/03/2030,"
                                           "Estates quote received\n")
    before, log = files_of(register.path), register.log()
    result = cli("import", plan, *SOURCE, "--apply", cwd=register.path)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert "nothing was changed: the commit was refused: the commit is stopped by 1 problem" in result.stderr
    assert runs.read_text().splitlines() == ["run"]  # once, over the whole import, not once per change
    assert files_of(register.path) == before and register.log() == log  # no source, action, person: all put back
    assert register.git("ls-files", "-s") == index and register.git("status", "--porcelain") == "A  notes.txt"


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


def _hook_environment(seen: Path) -> str:
    """A hook that writes down where it runs, the Git variables it is given and the index's files."""
    return (f"{{ echo cwd=$(pwd); env | grep -E '^GIT_' | sed 's/=.*//' | sort | tr '\\n' ' '; echo;"
            f" echo editor=$GIT_EDITOR; git diff --cached --name-only; }} > {seen}\n")


def test_the_hook_is_run_as_git_runs_it_for_a_commit_with_or_without_git_hook_run(
        register: Any, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen, hooks = tmp_path / "hook-saw", tmp_path / "shared-hooks"
    runs = committing_with_hook(register, _hook_environment(seen), hooks=hooks)  # core.hooksPath honoured
    register.write("notes.txt", "a file of the repository's own\n")
    register.git("add", "notes.txt")
    register.git("commit", "-q", "-m", "a commit made by Git itself")
    by_git = seen.read_text().splitlines()
    assert by_git[0] == f"cwd={register.path}" and by_git[2] == "editor=:" and by_git[3] == "notes.txt"
    assert "GIT_INDEX_FILE" in by_git[1] and "GIT_AUTHOR_DATE" in by_git[1]

    sheets = [csv_file(tmp_path / f"plan{n}.csv", f"Action,Lead,By when\nFit door closers to the {n} lounge fire "
                                                  "doors,Sam Patel,31/03/2030\n") for n in (1, 2)]
    result = cli("import", sheets[0], *SOURCE, "--apply", cwd=register.path)  # 'git hook run pre-commit'
    assert result.exit_code == 0, result.output
    by_hook_run = seen.read_text().splitlines()
    monkeypatch.setattr(commitseries, "_git_version", lambda top: (2, 35))  # a Git before 'git hook run'
    result = cli("import", sheets[1], *SOURCE, "--apply", cwd=register.path)  # the hook file itself
    assert result.exit_code == 0, result.output
    by_file = seen.read_text().splitlines()
    assert by_hook_run[:3] == by_file[:3] == by_git[:3]  # the same place, variables and editor as Git's own
    for staged in (by_hook_run[3:], by_file[3:]):  # each import's own files, both at once
        assert len(staged) == 2 and re.fullmatch(r"actions/ACT-\w+\.yaml", staged[0])
        assert re.fullmatch(r"sources/SRC-\w+\.yaml", staged[1])
    assert by_hook_run[3:] != by_file[3:]
    assert len(runs.read_text().splitlines()) == 3


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
    assert (f"also committed what this change depends on, not committed before: govtool.yaml, sources/{source}.yaml"
            in result.output)
    assert "2 changes saved in 2 commits" in result.output
    def files_of_commit(which: str) -> list[str]:
        return sorted(subprocess.run(["git", "show", "--format=", "--name-only", which], cwd=root, capture_output=True,
                                     text=True, check=True).stdout.split())

    huddle, agenda = sorted(load_register(root).actions.values(), key=lambda a: a.due)
    assert files_of_commit("HEAD~1") == sorted([  # the branch's first commit: the register whole
        ".pre-commit-config.yaml", "actions/.gitkeep", f"actions/{huddle.id}.yaml", "evidence/.gitkeep",
        "govtool.yaml", "risks/.gitkeep", "sources/.gitkeep", f"sources/{source}.yaml"])
    assert files_of_commit("HEAD") == [f"actions/{agenda.id}.yaml"]
    message = subprocess.run(["git", "log", "-1", "--format=%B", "HEAD~1"], cwd=root, capture_output=True, text=True,
                             check=True).stdout
    assert message.startswith(f'{huddle.id}: created "Hold a falls huddle after every fall"\n\nAlso commits what '
                              "this change depends on, not committed before:\n- govtool.yaml\n")
    assert subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True,
                          check=True).stdout == ""
