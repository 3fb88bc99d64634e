"""``govtool lint --staged`` (the pre-commit hook) judges what is being committed: the index,
not untracked drafts or unstaged edits in the working tree."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from govtool.history import engine
from govtool.lint.engine import LAST_RUN
from govtool.support.gitcommand import Repository
from tests.conftest import MINIMAL_SETTINGS, PROJECT_ROOT, GitRepo
from tests.lint.casebuild import base_files, write_files
from tests.lint.test_formats import LATE

GOOD = LATE.replace("ACT-LATE", "ACT-GOOD").replace("due: 2026-10-31", "due: 2027-10-31") + (
    "measure:\n  target: 98% of hoist checks recorded in three consecutive weekly audits\n")


def _register(register: GitRepo) -> GitRepo:
    write_files(register.path, base_files())
    register.write("actions/ACT-GOOD.yaml", GOOD)
    register.commit("The plan", date="2026-11-01")
    return register


def test_an_untracked_draft_is_not_linted_but_a_staged_file_is(register: GitRepo, cli) -> None:
    _register(register)
    register.write("actions/ACT-DRAFT.yaml", 'id: ACT-DRAFT\ntitle: "half written\n')
    assert cli("lint", "--as-of", "2026-11-26", cwd=register.path).exit_code == 1  # the working tree has it
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert (staged.exit_code, staged.stdout) == (0, "No problems found.\n"), staged.output
    register.git("add", "actions/ACT-DRAFT.yaml")
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert staged.exit_code == 1 and "actions/ACT-DRAFT.yaml:2: error invalid-yaml" in staged.stdout


def test_the_staged_content_is_judged_not_the_working_copy(register: GitRepo, cli) -> None:
    _register(register)
    path = register.path / "actions" / "ACT-GOOD.yaml"
    path.write_text(GOOD.replace("owner: jane.smith", "owner: nobody.known"), encoding="utf-8")
    register.git("add", "actions/ACT-GOOD.yaml")
    path.write_text(GOOD, encoding="utf-8")  # fixed in the working tree only, not staged
    plain = cli("lint", "--as-of", "2026-11-26", cwd=register.path)
    assert plain.exit_code == 0, plain.output
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert staged.exit_code == 1 and "actions/ACT-GOOD.yaml:5: error unknown-owner" in staged.stdout


def test_staged_outside_git_exits_2(tmp_path, cli) -> None:
    write_files(tmp_path, base_files())
    result = cli("lint", "--staged", cwd=tmp_path)
    assert result.exit_code == 2 and "--staged lints what Git would commit" in result.stderr


def test_a_git_pre_commit_hook_running_the_hook_entry_lets_a_commit_through_past_a_draft(register: GitRepo) -> None:
    _register(register)
    hook = register.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!/bin/sh\nPYTHONPATH={PROJECT_ROOT} exec {sys.executable} -m govtool lint --staged "
                    "--as-of 2026-11-26\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    register.write("actions/ACT-DRAFT.yaml", 'id: ACT-DRAFT\ntitle: "half written\n')
    register.write("actions/ACT-GOOD.yaml", GOOD.replace("Replace the hoist", "Replace the broken hoist"))
    env = dict(os.environ)
    done = subprocess.run(["git", "commit", "-q", "-m", "Better title", "actions/ACT-GOOD.yaml"], cwd=register.path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert register.log()[0] == "Better title"


def test_history_rules_under_staged_ignore_unstaged_edits(register: GitRepo, cli) -> None:
    _register(register)
    path = register.path / "actions" / "ACT-GOOD.yaml"
    path.write_text(GOOD.replace("due: 2027-10-31", "due: 2027-12-31"), encoding="utf-8")  # not staged
    # the working tree has it (judged today: a past --as-of reads only what was committed by then)
    assert "error silent-redate" in cli("lint", cwd=register.path).stdout
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert (staged.exit_code, staged.stdout) == (0, "No problems found.\n")


def test_a_staged_lint_keeps_the_same_one_of_two_records_with_one_id_as_a_plain_lint(register: GitRepo, cli) -> None:
    """A load reads actions, then sources, then risks: of two records with one ID, the first
    read is the one kept. Everything staged, ``--staged`` must answer as a plain lint does."""
    _register(register)
    source_id = next((register.path / "sources").glob("*.yaml")).stem
    register.write(f"risks/{source_id}.yaml", f"id: {source_id}\ntitle: A risk filed under a source's ID\n")
    register.git("add", "-A")
    plain = cli("lint", "--as-of", "2026-11-26", cwd=register.path)
    staged = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert "duplicate-id" in plain.stdout, plain.output
    assert (staged.exit_code, staged.stdout) == (plain.exit_code, plain.stdout)


def _install_hook(register: GitRepo) -> None:
    """A real Git pre-commit hook running the hook's entry, as ``pre-commit install`` sets up."""
    hook = register.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!/bin/sh\nPYTHONPATH={PROJECT_ROOT} exec {sys.executable} -m govtool lint --staged\n",
                    encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def test_errors_outside_the_commit_or_about_lateness_do_not_stop_it_but_its_own_do(register: GitRepo, cli) -> None:
    _register(register)
    late_and_shared = GOOD.replace("ACT-GOOD", "ACT-OLD").replace("due: 2027-10-31", "due: 2026-06-30").replace(
        "owner: jane.smith", "owner: Nursing team")
    register.write("actions/ACT-OLD.yaml", late_and_shared)
    register.commit("Written before the hook was installed", date="2026-11-02")
    lint = lambda *extra: cli("lint", "--as-of", "2026-11-26", "--staged", *extra, cwd=register.path)  # noqa: E731

    register.write("govtool.yaml", MINIMAL_SETTINGS + "  ravi.shah: {name: Ravi Shah, role: Quality Lead}\n")
    register.git("add", "govtool.yaml")
    allowed = lint()
    assert allowed.exit_code == 0, allowed.output
    # the old file's problems are counted, not listed: the commit's own would be lost among them
    assert allowed.stdout == ("No problems in the files this commit changes; 4 problems in files it leaves alone "
                              "('govtool lint' lists them).\n")
    assert "the commit may go ahead" in allowed.stderr
    assert "actions/ACT-OLD.yaml:5: error collective-owner" in cli("lint", "--as-of", "2026-11-26",
                                                                   cwd=register.path).stdout

    without_measure = GOOD.replace("ACT-GOOD", "ACT-NEW").split("measure:")[0]
    register.write("actions/ACT-NEW.yaml", without_measure.replace("due: 2027-10-31", "due: 2026-11-01"))
    register.git("add", "actions/ACT-NEW.yaml")
    assert lint().exit_code == 0  # overdue from the start: lateness never stops a commit
    assert lint("--strict").exit_code == 1  # its own missing-measure warning does, with --strict
    register.write("actions/ACT-NEW.yaml", without_measure.replace(
        "Replace the hoist sling on Oak unit and record the check in the equipment log",
        "Improve communication with relatives"))
    register.git("add", "actions/ACT-NEW.yaml")
    stopped = lint()
    assert stopped.exit_code == 1
    assert ("govtool: the commit is stopped by 1 problem in the files it changes; actions/ACT-NEW.yaml:2: error "
            "vague-action action 'Improve communication with relatives'") in stopped.stderr

    register.git("reset", "-q", "actions/ACT-NEW.yaml")
    register.git("rm", "-q", "--cached", "actions/ACT-GOOD.yaml")  # a record deleted: the trail it held is gone
    deleted = lint()
    assert deleted.exit_code == 1 and "actions/ACT-GOOD.yaml: error history-rewritten" in deleted.stderr


def test_a_first_commit_is_judged_on_every_file_it_adds(git_repo: GitRepo, cli) -> None:
    write_files(git_repo.path, base_files())
    git_repo.write("actions/ACT-NEW.yaml", GOOD.replace("ACT-GOOD", "ACT-NEW").replace("owner: jane.smith",
                                                                                      "owner: Nursing team"))
    git_repo.git("add", "-A")
    result = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=git_repo.path)
    assert result.exit_code == 1 and "actions/ACT-NEW.yaml:5: error collective-owner" in result.stderr, result.output


def test_recording_a_source_commits_past_the_hook_before_its_findings_have_actions(register: GitRepo, cli) -> None:
    """The first step of every plan: the hook must not refuse a new source for the findings
    that its actions, still to be written, will answer."""
    register.write("govtool.yaml", MINIMAL_SETTINGS + "commit: true\n")
    register.commit("Commit each change", date="2026-11-02")
    _install_hook(register)
    result = cli("new", "source", "--type", "complaint", "--title", "Laundry complaint", "--date", "2026-11-20",
                 "--finding", "Laundry labelled wrongly", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert register.log()[0].endswith('created "Laundry complaint"')
    source = next((register.path / "sources").glob("SRC-*.yaml")).stem
    vague = cli("new", "action", "--source", source, "--finding", "F1", "--title", "Improve laundry",
                "--owner", "jane.smith", "--due", "2030-01-31", "--priority", "high", cwd=register.path, input="n\n")
    assert vague.exit_code != 0 and len(register.log()) == 3  # refused: not written, not committed


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["memo", "no-cache"])
def test_a_staged_run_asks_git_for_the_repository_once(register: GitRepo, cli, options: tuple[str, ...],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The records come from Git's index and the history rules read the history: one repository,
    found once a run (each look is a Git process), and found afresh by the next run."""
    _register(register)
    looked: list[Path] = []
    find = engine.find_repository

    def counted(folder: Path) -> Repository | None:
        looked.append(folder)
        return find(folder)

    monkeypatch.setattr(engine, "find_repository", counted)
    path = register.path / "actions" / "ACT-GOOD.yaml"
    runs = []
    for title in ("Replace the broken hoist", "Replace the old hoist", "Replace the hoist at last"):
        path.write_text(GOOD.replace("Replace the hoist", title), encoding="utf-8")
        register.git("add", "actions/ACT-GOOD.yaml")
        looked.clear()
        LAST_RUN.clear()
        # a date still to come: the files as they are, through the memo (a past date reads the
        # register as it stood then, afresh)
        result = cli("lint", "--as-of", "2099-12-31", "--staged", *options, cwd=register.path)
        # the history rules read the staged change through the same repository
        assert "warning silent-edit the staged changes changed the title" in result.stdout, result.output
        assert len(looked) == 1
        runs.append(LAST_RUN.get("by_index", 0))
    # with the memo, a first run (every file linted) and then runs with a few files changed
    assert runs == ([0, 1, 1] if not options else [0, 0, 0])


def test_the_commit_gate_takes_the_commit_s_files_from_the_history_reader(register: GitRepo, cli,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The history rules already ask Git what the commit changes (record files and govtool.yaml,
    a rename's both names): the gate reads that instead of asking Git again."""
    from govtool.lint import commit_gate
    from govtool.lint.engine import lint_register

    _register(register)
    register.write("govtool.yaml", MINIMAL_SETTINGS + "  ravi.shah: {name: Ravi Shah, role: Quality Lead}\n")
    register.git("mv", "actions/ACT-GOOD.yaml", "actions/ACT-MOVED.yaml")
    register.git("add", "-A")
    today = dt.date(2026, 11, 26)
    committed = lint_register(register.path, today, staged=True).committed
    assert committed is not None
    assert committed.keys() == commit_gate.committed_paths(register.path).keys() == {
        "govtool.yaml", "actions/ACT-GOOD.yaml", "actions/ACT-MOVED.yaml"}
    # a moved file is new under its new name (every line counts) and gone under its old one
    old_blob = register.git("rev-parse", "HEAD:actions/ACT-GOOD.yaml").strip()
    assert committed["actions/ACT-MOVED.yaml"] == (None, register.git("rev-parse", ":actions/ACT-MOVED.yaml").strip())
    assert committed["actions/ACT-GOOD.yaml"] == (old_blob, None)

    def no_second_question(root: Path) -> dict[str, tuple[str | None, str | None]]:
        raise AssertionError("Git asked again")

    monkeypatch.setattr(commit_gate, "committed_paths", no_second_question)
    result = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert result.exit_code == 1 and "actions/ACT-MOVED.yaml:1: error id-mismatch" in result.stderr, result.output


def test_a_commit_is_stopped_for_what_it_writes_not_for_old_problems_in_the_same_file(register: GitRepo, cli) -> None:
    """An action whose owner was written as a group before the hook was installed: a progress
    note on it may be committed (the owner's line is not written by the commit), a note by
    someone the directory does not know may not."""
    _register(register)
    shared = GOOD.replace("ACT-GOOD", "ACT-OLD").replace("owner: jane.smith", "owner: Nursing team")
    register.write("actions/ACT-OLD.yaml", shared)
    register.commit("Written before the hook was installed", date="2026-11-02")
    noted = shared.replace("status: open", "status: in_progress") + (
        "updates:\n  - {date: 2026-11-20, by: jane.smith, note: First weekly audit found 80% of checks recorded}\n")
    register.write("actions/ACT-OLD.yaml", noted)
    register.git("add", "actions/ACT-OLD.yaml")
    lint = lambda: cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)  # noqa: E731
    allowed = lint()
    assert "actions/ACT-OLD.yaml:5: error collective-owner" in allowed.stdout  # still listed
    assert allowed.exit_code == 0 and "the commit may go ahead" in allowed.stderr, allowed.output
    register.write("actions/ACT-OLD.yaml", noted + "  - {date: 2026-11-24, by: bob.nobody, note: Second audit 90%}\n")
    register.git("add", "actions/ACT-OLD.yaml")
    stopped = lint()
    assert stopped.exit_code == 1
    assert "stopped by 1 problem in the files it changes; actions/ACT-OLD.yaml:13: error unknown-owner" in stopped.stderr


def test_the_lines_a_commit_writes_are_read_from_git(git_repo: GitRepo) -> None:
    from govtool.lint.commit_gate import written_lines

    git_repo.write("actions/ACT-A.yaml", "id: ACT-A\ntitle: one\nowner: jane.smith\nstatus: open\n")
    git_repo.write("actions/ACT-B.yaml", "id: ACT-B\n")
    git_repo.commit("Start", date="2026-11-02")
    git_repo.write("actions/ACT-A.yaml", "id: ACT-A\ntitle: two\nowner: jane.smith\nstatus: open\nmore: x\n")
    git_repo.write("actions/ACT-C.yaml", "id: ACT-C\n")
    git_repo.git("rm", "-q", "actions/ACT-B.yaml")
    git_repo.git("add", "-A")
    assert written_lines(git_repo.path, {"actions/ACT-A.yaml", "actions/ACT-B.yaml", "actions/ACT-C.yaml"}) == {
        "actions/ACT-A.yaml": {2, 5}, "actions/ACT-B.yaml": None, "actions/ACT-C.yaml": None}


#: An action written before the hook was installed, its owner a group (collective-owner and
#: unknown-owner on line 6, errors no day brings or takes away), a comment above the owner and
#: a priority below it.
HAND_WRITTEN = GOOD.replace("ACT-GOOD", "ACT-OLD").replace(
    "owner: jane.smith", "# Agreed at the October team meeting\nowner: Nursing team\npriority: medium")
#: The same, its owner excused by a suppression comment above it.
EXCUSED = HAND_WRITTEN.replace("ACT-OLD", "ACT-EXCUSED").replace(
    "# Agreed at the October team meeting",
    "# govtool: ignore[collective-owner, unknown-owner] the rota names the nurse in charge")


def _git_commit(register: GitRepo, message: str) -> subprocess.CompletedProcess[str]:
    """``git commit -a`` as a user types it, the pre-commit hook and all."""
    return subprocess.run(["git", "commit", "-q", "-a", "-m", message], cwd=register.path, capture_output=True,
                          text=True, check=False)


def test_an_old_problem_is_not_the_commit_s_when_a_line_near_it_goes_or_moves(register: GitRepo) -> None:
    """The owner's line stays as it was when the comment above it is removed or the priority
    below it moves up: the hook lets the commit through. A suppression removed above it brings
    its problem back, which is the commit's doing."""
    _register(register)
    register.write("actions/ACT-OLD.yaml", HAND_WRITTEN)
    register.write("actions/ACT-EXCUSED.yaml", EXCUSED)
    register.commit("Written before the hook was installed", date="2026-11-02")
    _install_hook(register)
    path = register.path / "actions" / "ACT-OLD.yaml"

    path.write_text(HAND_WRITTEN.replace("# Agreed at the October team meeting\n", ""), encoding="utf-8")
    uncommented = _git_commit(register, "Drop an old comment")
    assert uncommented.returncode == 0, uncommented.stderr
    assert "ACT-OLD.yaml:5: error collective-owner" in uncommented.stderr  # still listed (Git shows a hook's output there)

    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    priority = lines.pop(5)
    assert priority == "priority: medium\n"
    lines.insert(1, priority)
    path.write_text("".join(lines), encoding="utf-8")
    moved = _git_commit(register, "Priority first")
    assert moved.returncode == 0, moved.stderr
    assert register.log()[:2] == ["Priority first", "Drop an old comment"]

    (register.path / "actions" / "ACT-EXCUSED.yaml").write_text(
        EXCUSED.replace("# govtool: ignore[collective-owner, unknown-owner] the rota names the nurse in charge\n", ""),
        encoding="utf-8")
    unexcused = _git_commit(register, "Drop the excuse")
    assert unexcused.returncode == 1
    assert ("govtool: the commit is stopped by 2 problems in the files it changes; the first: "
            "actions/ACT-EXCUSED.yaml:5: error collective-owner") in unexcused.stderr, unexcused.stderr


def test_a_history_problem_stops_the_commit_that_makes_it_not_a_later_one(register: GitRepo, cli) -> None:
    """A history rule's problem names its change: an earlier commit's silent re-date does not
    stop the commit that re-dates the action properly (its due line changes), and a progress
    note's text edited in the staged changes stops the commit, though the problem points at
    the entry's first line."""
    noted = GOOD.replace("status: open", "status: in_progress") + (
        "updates:\n"
        "  - date: 2026-11-02\n"
        "    by: jane.smith\n"
        "    note: First weekly audit found 80% of checks recorded\n")
    _register(register)
    register.write("actions/ACT-GOOD.yaml", noted)
    register.commit("A progress note", date="2026-11-02")
    silently = noted.replace("due: 2027-10-31", "due: 2027-11-30")
    register.write("actions/ACT-GOOD.yaml", silently)
    register.commit("Moved by hand", date="2026-11-03")
    lint = lambda: cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)  # noqa: E731

    register.write("actions/ACT-GOOD.yaml", silently.replace("due: 2027-11-30", "due: 2027-12-31") + (
        "redates:\n"
        "  - {date: 2026-11-26, by: jane.smith, from: 2027-11-30, to: 2027-12-31, reason: Sling supplier delayed delivery to December}\n"))
    register.git("add", "actions/ACT-GOOD.yaml")
    redated = lint()
    assert "actions/ACT-GOOD.yaml:7: error silent-redate commit" in redated.stdout  # still listed
    assert redated.exit_code == 0 and "the commit may go ahead" in redated.stderr, redated.output

    register.git("checkout", "HEAD", "--", "actions/ACT-GOOD.yaml")
    register.write("actions/ACT-GOOD.yaml", silently.replace("found 80%", "found 90%"))
    register.git("add", "actions/ACT-GOOD.yaml")
    edited = lint()
    assert edited.exit_code == 1
    assert ("stopped by 1 problem in the files it changes; actions/ACT-GOOD.yaml:12: error history-rewritten the "
            "staged changes changed the progress note of 2026-11-02") in edited.stderr


@pytest.mark.parametrize(("change", "written"), [
    ("a comment removed", set()),
    ("a line moved up", {2}),
    ("an entry removed", set()),
    ("a line added", {5}),
    ("a suppression removed", {4}),
    ("a suppression rewritten", {4, 5}),
    ("a key removed, its entries left behind", {6, 7}),
    ("the last entries under a key removed", {7, 8}),
    ("one of two entries under a key removed", set()),
    ("a comment-like line of a value removed", {10, 11}),
    ("a blank line of a value removed", {11, 12}),
])
def test_the_lines_a_change_writes_follow_their_text(change: str, written: set[int]) -> None:
    """A line only moved by lines removed or added above it is not written; a removal marks
    the lines beside it only when it can change what they mean."""
    from govtool.lint.commit_gate import changed_lines

    before = ["id: ACT-A", "title: Run a daily session", "# Ade agreed at the meeting", "owner: ade.okafor",
              "priority: medium", "due: 2027-02-28", "measure:", "  baseline: 12 of 31", "  target: 90%",
              "note: |", "  # part of the note", "", "  more", "status: open"]
    excused = before[:3] + ["# govtool: ignore[unknown-owner] handing over in January"] + before[3:]
    after = {
        "a comment removed": (before, before[:2] + before[3:]),
        "a line moved up": (before, [before[0], before[4], *before[1:4], *before[5:]]),
        "an entry removed": (before, before[:4] + before[5:]),
        "a line added": (before, [*before[:4], "finding: F1", *before[4:]]),
        "a suppression removed": (excused, before),
        "a suppression rewritten": (excused, [line.replace("govtool: ignore[unknown-owner]", "note:") for line in excused]),
        "a key removed, its entries left behind": (before, before[:6] + before[7:]),
        "the last entries under a key removed": (before, before[:7] + before[9:]),
        "one of two entries under a key removed": (before, before[:7] + before[8:]),
        "a comment-like line of a value removed": (before, before[:10] + before[11:]),
        "a blank line of a value removed": (before, before[:11] + before[12:]),
    }[change]
    assert changed_lines(*after) == written


def test_with_nothing_staged_every_problem_counts_as_pre_commit_run_all_files_needs(register: GitRepo, cli) -> None:
    """A consultant's trial: 'pre-commit run --all-files' in CI stages nothing, and the hook
    passed a register full of errors ('the commit may go ahead')."""
    _register(register)
    register.write("actions/ACT-OLD.yaml", HAND_WRITTEN)
    register.commit("Written before the hook was installed", date="2026-11-02")
    register.write("actions/ACT-DRAFT.yaml", 'id: ACT-DRAFT\ntitle: "half written\n')  # untracked: not Git's
    result = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=register.path)
    assert result.exit_code == 1, result.output
    assert "actions/ACT-OLD.yaml:6: error collective-owner" in result.stdout
    assert "ACT-DRAFT" not in result.output
    assert result.stderr.startswith("govtool: notice: nothing is staged for a commit, so every problem in the "
                                    "register as Git holds it counts, as in 'govtool lint'\n")


def test_a_commit_that_stages_nothing_is_still_judged_by_what_it_changes(register: GitRepo) -> None:
    """An amended message, or an empty commit, stages nothing too: Git runs the hook for a commit
    (it sets GIT_INDEX_FILE), and the old problems elsewhere do not stop it."""
    _register(register)
    register.write("actions/ACT-OLD.yaml", HAND_WRITTEN)
    register.commit("Written before the hook was installed", date="2026-11-02")
    _install_hook(register)
    empty = subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "Governance meeting held"],
                           cwd=register.path, capture_output=True, text=True, check=False)
    assert empty.returncode == 0, empty.stdout + empty.stderr
    amended = subprocess.run(["git", "commit", "-q", "--amend", "--allow-empty", "-m", "Governance meeting held on 2 December"],
                             cwd=register.path, capture_output=True, text=True, check=False)
    assert amended.returncode == 0, amended.stdout + amended.stderr
    assert "nothing is staged" not in empty.stderr + amended.stderr
