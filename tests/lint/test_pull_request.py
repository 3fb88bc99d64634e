"""``govtool lint --base REV`` (pull-request mode, as docs/ci.md runs it in CI) fails for what the
branch wrote, not for problems already on the base branch on lines it leaves alone."""

from __future__ import annotations

import json

from tests.conftest import GitRepo
from tests.lint.casebuild import base_files, write_files
from tests.lint.test_formats import LATE
from tests.lint.test_staged import GOOD

#: A group as owner (collective-owner and unknown-owner on line 5): written, never brought by a day.
SHARED = GOOD.replace("ACT-GOOD", "ACT-SHARED").replace("owner: jane.smith", "owner: Nursing team")
NOTE = ("updates:\n"
        "  - date: 2026-11-20\n"
        "    by: jane.smith\n"
        "    note: First weekly audit found 80% of checks recorded\n"
        "    next_milestone: Second weekly audit\n"
        "    milestone_due: 2026-11-27\n")


def _plan(register: GitRepo) -> GitRepo:
    """main: an overdue action (ACT-LATE, as of 2026-11-26), one owned by a group, a good one;
    then the branch 'note' adds a progress note to the good one."""
    write_files(register.path, base_files())
    register.write("actions/ACT-LATE.yaml", LATE)
    register.write("actions/ACT-SHARED.yaml", SHARED)
    register.write("actions/ACT-GOOD.yaml", GOOD)
    register.commit("The plan", date="2026-11-01")
    register.git("checkout", "-q", "-b", "note")
    register.write("actions/ACT-GOOD.yaml", GOOD.replace("status: open", "status: in_progress") + NOTE)
    register.commit("Progress on ACT-GOOD", date="2026-11-20")
    return register


def _lint(cli, register: GitRepo, *options: str):
    return cli("lint", "--as-of", "2026-11-26", "--require-history", *options, cwd=register.path)


def test_a_progress_note_passes_though_the_base_branch_has_errors_elsewhere(register: GitRepo, cli) -> None:
    _plan(register)
    base = register.git("rev-parse", "main")
    github = _lint(cli, register, "--base", base, "--format", "github")
    assert github.exit_code == 0, github.output
    lines = github.stdout.splitlines()
    assert lines[0] == (f"::notice title=govtool lint::3 errors and 1 warning on lines not changed since {base[:12]}: "
                        "shown as notices, they do not fail this check")
    assert lines[1].startswith("::notice file=actions/ACT-LATE.yaml,line=2,title=govtool missing-measure::")
    assert lines[2].startswith("::notice file=actions/ACT-LATE.yaml,line=7,title=govtool overdue::")
    assert lines[3].startswith("::notice file=actions/ACT-SHARED.yaml,line=5,title=govtool collective-owner::")
    assert len(lines) == 5 and "::error" not in github.stdout and "::warning" not in github.stdout
    assert github.stderr.splitlines()[-1] == (
        f"govtool: the check passes: the problems listed are on lines not changed since {base[:12]} ('govtool lint' "
        "without --base, and the reports, still hold them against the plan)")

    text = _lint(cli, register, "--base", "main")  # every problem listed, as ever
    assert text.exit_code == 0 and "actions/ACT-LATE.yaml:7: error overdue" in text.stdout
    assert "since main" in text.stderr
    sarif = register.path / "lint.sarif"
    assert _lint(cli, register, "--base", "main", "--output-file", str(sarif)).exit_code == 0
    levels = [result["level"] for result in json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]]
    assert sorted(levels) == ["error", "error", "error", "warning"]  # the file keeps the register's problems

    whole = _lint(cli, register)  # without --base: the whole register, as before
    assert whole.exit_code == 1 and "the check" not in whole.stderr


def test_what_the_branch_writes_fails_it_the_plan_s_progress_too(register: GitRepo, cli) -> None:
    """An owner the branch names, a new action already overdue: the branch wrote them."""
    _plan(register)
    register.write("actions/ACT-GOOD.yaml", GOOD.replace("status: open", "status: in_progress").replace(
        "owner: jane.smith", "owner: amy.jones") + NOTE)
    register.write("actions/ACT-NEW.yaml", GOOD.replace("ACT-GOOD", "ACT-NEW").replace("due: 2027-10-31",
                                                                                       "due: 2026-11-01"))
    register.commit("Hand over, and a late action", date="2026-11-21")
    github = _lint(cli, register, "--base", "main", "--format", "github")
    assert github.exit_code == 1
    errors = [line for line in github.stdout.splitlines() if line.startswith("::error")]
    assert [line.split("::")[1] for line in errors] == [
        "error file=actions/ACT-GOOD.yaml,line=5,title=govtool unknown-owner",
        "error file=actions/ACT-NEW.yaml,line=7,title=govtool overdue"]
    assert "::notice file=actions/ACT-LATE.yaml,line=7,title=govtool overdue::" in github.stdout
    assert github.stderr.splitlines()[-1].startswith(
        "govtool: the check fails on 2 problems in what changed since main; the first: actions/ACT-GOOD.yaml:5: error "
        "unknown-owner owner Amy Jones left on 2026-06-30")


def test_the_branch_is_what_it_changed_since_it_left_the_base(register: GitRepo, cli) -> None:
    """A vague action that landed on main after the branch left it, merged into the branch
    (as GitHub's pull-request checkout is), is main's, not the branch's."""
    _plan(register)
    register.git("checkout", "-q", "main")
    register.write("actions/ACT-VAGUE.yaml", GOOD.replace("ACT-GOOD", "ACT-VAGUE").split("measure:")[0].replace(
        "Replace the hoist sling on Oak unit and record the check in the equipment log",
        "Improve communication with relatives"))
    register.commit("A vague action on main", date="2026-11-21")
    register.git("checkout", "-q", "note")
    register.git("merge", "-q", "--no-edit", "main", date="2026-11-22")
    result = _lint(cli, register, "--base", "main")
    assert "actions/ACT-VAGUE.yaml:2: error vague-action" in result.stdout
    assert result.exit_code == 0, result.output


def test_a_history_problem_after_the_base_fails_it_wherever_it_points(register: GitRepo, cli) -> None:
    """The history rules judge only the changes after --base: a progress note the branch edited
    fails it, though the problem points at the entry's first line, which the branch left alone."""
    _plan(register)
    register.git("checkout", "-q", "-b", "reword")
    noted = GOOD.replace("status: open", "status: in_progress") + NOTE
    register.write("actions/ACT-GOOD.yaml", noted.replace("found 80%", "found 85%"))
    register.commit("Reword the note", date="2026-11-21")
    result = _lint(cli, register, "--base", "note")
    assert result.exit_code == 1, result.output
    assert ("the check fails on 1 problem in what changed since note; actions/ACT-GOOD.yaml:12: error "
            "history-rewritten commit") in result.stderr


def test_a_clean_result_says_the_history_was_judged_only_since_the_base(register: GitRepo, cli) -> None:
    # A consultant's trial read "No problems found." under --base as the register's verdict.
    _plan(register)
    clean = _lint(cli, register, "--base", "main", "--select", "silent-redate")
    assert (clean.exit_code, clean.stdout) == (0, "No problems found.\n")
    assert clean.stderr.endswith("govtool: the history rules judged the commits since main; 'govtool lint' without "
                                 "--base judges the whole history\n")
    assert "judged the commits since" not in _lint(cli, register, "--select", "silent-redate").stderr
