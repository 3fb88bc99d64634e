"""A register shared by push and pull: a consultant's clone and a registered manager's, one bare
remote, real merges with real conflicts, and govtool's pre-commit hook in both clones.

What the merge brings in from the other side was judged (or let through) when that side's
commit was made: the hook judges only what resolving the merge writes, conflicts leave no
knock-on errors, and the advice for a conflict gives a file that reads back whole."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_SETTINGS, PROJECT_ROOT, GitRepo

SOURCE = """\
id: SRC-CQC
type: inspection_report
title: CQC inspection, September 2026
date: 2026-09-10
findings:
  - id: F1
    text: Falls are not reviewed after they happen
  - id: F2
    text: Care plans are not reviewed monthly
"""

FALLS = """\
id: ACT-FALLS
title: Hold a post-falls huddle within 24 hours of every fall and record it on the falls log
source: SRC-CQC
finding: F1
owner: jane.smith
priority: high
created: 2026-09-15
due: 2027-01-31
status: open
"""

PLANS = """\
id: ACT-PLANS
title: Review every care plan each month and record the review date in the care plan audit
source: SRC-CQC
finding: F2
owner: sam.patel
priority: medium
created: 2026-09-15
due: 2027-01-31
status: in_progress
measure:
  target: 100% of care plans reviewed within the month in three monthly audits
updates:
  # still to come (due with the action): a later note may leave the next milestone out
  - date: 2026-09-20
    by: sam.patel
    note: Care plan audit tool agreed with the deputy manager
    next_milestone: First monthly audit of every care plan
    milestone_due: 2027-01-31
"""


@dataclass
class Shared:
    """The consultant's clone (``marcus``), the manager's (``manager``) and their remote."""

    marcus: GitRepo
    manager: GitRepo

    def run(self, clone: GitRepo, *args: str) -> subprocess.CompletedProcess[str]:
        """govtool as a user runs it, in ``clone``."""
        return subprocess.run([sys.executable, "-m", "govtool", *args], cwd=clone.path, capture_output=True,
                              text=True, check=False, env=_env(), timeout=120)

    def commit(self, clone: GitRepo, *args: str) -> subprocess.CompletedProcess[str]:
        """``git commit ARGS``, the pre-commit hook and all."""
        return subprocess.run(["git", "commit", *args], cwd=clone.path, capture_output=True, text=True,
                              check=False, env=_env())

    def pull(self) -> subprocess.CompletedProcess[str]:
        """Marcus pulls the manager's pushed work: a merge (stopped by any conflict)."""
        self.manager.git("push", "-q", "origin", "main")
        return subprocess.run(["git", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
                              cwd=self.marcus.path, capture_output=True, text=True, check=False, env=_env())


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _install_hook(clone: GitRepo) -> None:
    hook = clone.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f"#!/bin/sh\nPYTHONPATH={PROJECT_ROOT} exec {sys.executable} -m govtool lint --staged\n",
                    encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def shared(tmp_path: Path) -> Shared:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    marcus = GitRepo(tmp_path / "marcus")
    subprocess.run(["git", "clone", "-q", str(remote), str(marcus.path)], check=True, capture_output=True)
    marcus.git("checkout", "-q", "-b", "main")
    marcus.write("govtool.yaml", MINIMAL_SETTINGS)
    marcus.write("sources/SRC-CQC.yaml", SOURCE)
    marcus.write("actions/ACT-FALLS.yaml", FALLS)
    marcus.write("actions/ACT-PLANS.yaml", PLANS)
    (marcus.path / "risks").mkdir()
    marcus.commit("The plan", date="2026-09-15")
    marcus.git("push", "-q", "origin", "main")
    manager = GitRepo(tmp_path / "manager")
    subprocess.run(["git", "clone", "-q", str(remote), str(manager.path)], check=True, capture_output=True)
    for clone in (marcus, manager):
        _install_hook(clone)
    return Shared(marcus, manager)


def _note(shared: Shared, clone: GitRepo, action: str, note: str, by: str) -> None:
    done = shared.run(clone, "update", action, "--note", note, "--by", by, "--date", "2026-12-01", "--commit")
    assert done.returncode == 0, done.stderr


def _vague_title_pushed_past_the_hook(shared: Shared) -> None:
    """The manager shortens a title by hand and commits it with --no-verify (the hook would refuse)."""
    manager = shared.manager
    manager.write("actions/ACT-FALLS.yaml", FALLS.replace(
        "title: Hold a post-falls huddle within 24 hours of every fall and record it on the falls log",
        "title: Improve falls management"))
    manager.git("commit", "-q", "-a", "--no-verify", "-m", "Shorter title")


def _conflict_on_two_notes(shared: Shared) -> None:
    """Both write a progress note on ACT-PLANS the same day: Marcus's pull stops on a conflict."""
    _note(shared, shared.manager, "ACT-PLANS", "Audit tool drafted with the deputy", "jane.smith")
    _note(shared, shared.marcus, "ACT-PLANS", "First monthly audit found 8 of 10 plans reviewed", "sam.patel")
    assert shared.pull().returncode != 0
    assert "<<<<<<<" in (shared.marcus.path / "actions/ACT-PLANS.yaml").read_text(encoding="utf-8")


def _resolve_keeping_both_notes(marcus: GitRepo) -> None:
    """Both sides' notes kept, each with its own '- ' line: what the conflict advice asks for."""
    path = marcus.path / "actions/ACT-PLANS.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("<<<<<<< ")
    ours, _, rest = rest.partition("=======\n")
    theirs, _, _ = rest.partition(">>>>>>> ")
    ours = ours.split("\n", 1)[1]  # past the marker's own line
    dated = head.rstrip("\n").rsplit("\n", 1)[1]  # "  - date: 2026-12-01", the line both sides share
    path.write_text(head + ours + dated + "\n" + theirs, encoding="utf-8")
    marcus.git("add", "actions/ACT-PLANS.yaml")


def test_a_merge_is_not_stopped_by_a_problem_the_other_side_committed(shared: Shared) -> None:
    """The manager's vague title came in with --no-verify; Marcus resolves a conflict on another
    action and commits the merge: the hook lets it through (the title stays reported by lint)."""
    _vague_title_pushed_past_the_hook(shared)
    _conflict_on_two_notes(shared)
    _resolve_keeping_both_notes(shared.marcus)

    staged = shared.run(shared.marcus, "lint", "--staged")
    assert "vague-action" in staged.stdout  # listed, as every error in the register is
    assert "the staged changes changed the title" not in staged.stdout  # the manager's commit did that
    assert "the commit may go ahead" in staged.stderr

    merged = shared.commit(shared.marcus, "--no-edit")
    assert merged.returncode == 0, merged.stderr
    assert len(shared.marcus.git("rev-parse", "HEAD^2")) == 40  # a merge commit
    lint = shared.run(shared.marcus, "lint")
    assert "ACT-FALLS.yaml:2: error vague-action" in lint.stdout
    assert "silent-edit" in lint.stdout and "Shorter title" not in lint.stdout  # by its commit, not the merge


def test_a_problem_the_merge_resolution_writes_still_stops_it(shared: Shared) -> None:
    """Only what both sides did is let through: a line the resolution writes itself is judged."""
    _conflict_on_two_notes(shared)
    _resolve_keeping_both_notes(shared.marcus)
    path = shared.marcus.path / "actions/ACT-PLANS.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Review every care plan each month and record the review date in the care plan audit",
        "title: Improve care planning").replace(
        "  target: 100% of care plans reviewed within the month in three monthly audits",
        "  target: Better care plans"), encoding="utf-8")
    shared.marcus.git("add", "actions/ACT-PLANS.yaml")
    staged = shared.run(shared.marcus, "lint", "--staged").stdout
    assert "silent-edit the staged changes changed the title of ACT-PLANS" in staged  # the resolution's own

    refused = shared.commit(shared.marcus, "--no-edit")
    assert refused.returncode != 0
    assert "the commit is stopped by" in refused.stderr and "ACT-PLANS.yaml:2: error vague-action" in refused.stderr
    assert "ACT-FALLS" not in refused.stderr.split("the commit is stopped by")[1]


def test_a_file_as_the_other_side_wrote_it_is_not_the_merge_s(shared: Shared) -> None:
    """A whole file taken from the other side (a new action the manager added with an error in
    it, unverified) stops nothing: its line-less problems included."""
    manager = shared.manager
    manager.write("actions/ACT-NEW.yaml", FALLS.replace("ACT-FALLS", "ACT-NEW").replace(
        "title: Hold a post-falls huddle within 24 hours of every fall and record it on the falls log",
        "title: Improve falls management"))
    manager.git("add", "-A")
    manager.git("commit", "-q", "--no-verify", "-m", "Another action")
    _conflict_on_two_notes(shared)
    _resolve_keeping_both_notes(shared.marcus)
    merged = shared.commit(shared.marcus, "--no-edit")
    assert merged.returncode == 0, merged.stderr


def test_a_command_during_a_merge_says_how_to_make_its_change_part_of_the_merge(shared: Shared) -> None:
    _vague_title_pushed_past_the_hook(shared)
    _conflict_on_two_notes(shared)
    _resolve_keeping_both_notes(shared.marcus)
    edit = ("edit", "ACT-FALLS", "--title", "Hold a post-falls huddle within 24 hours of every fall",
            "--reason", "The manager's shorter title said too little", "--by", "jane.smith")

    refused = shared.run(shared.marcus, *edit, "--commit")
    assert refused.returncode == 2
    assert "a merge is in progress" in refused.stderr
    assert "--no-commit" in refused.stderr and "'git add'" in refused.stderr
    assert "git merge --continue" in refused.stderr and "git merge --abort" in refused.stderr

    saved = shared.run(shared.marcus, *edit, "--no-commit")
    assert saved.returncode == 0, saved.stderr
    shared.marcus.git("add", "actions/ACT-FALLS.yaml")
    merged = shared.commit(shared.marcus, "--no-edit")
    assert merged.returncode == 0, merged.stderr
    assert "vague-action" not in shared.run(shared.marcus, "lint").stdout


def test_an_unresolved_conflict_is_one_error_not_a_knock_on_unanswered_finding(shared: Shared) -> None:
    _conflict_on_two_notes(shared)
    lint = shared.run(shared.marcus, "lint")
    assert re.search(r"ACT-PLANS.yaml:\d+: error merge-conflict", lint.stdout), lint.stdout
    assert "unaddressed-finding" not in lint.stdout  # ACT-PLANS answers F2: it is only unreadable


def test_deleting_the_markers_of_two_notes_is_told_to_give_the_second_its_own_line(shared: Shared) -> None:
    """Two notes on one day conflict below their shared '- date:' line; deleting the markers runs
    them together. The advice is the missing '- ' line, never deleting a note."""
    _conflict_on_two_notes(shared)
    path = shared.marcus.path / "actions/ACT-PLANS.yaml"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    path.write_text("".join(kept), encoding="utf-8")

    lint = shared.run(shared.marcus, "lint").stdout
    duplicate = next(line for line in lint.splitlines() if "duplicate-key" in line)
    assert "'updates.1.by' appears twice in one entry of 'updates'" in duplicate
    assert "its own '- ' line" in duplicate and "do not delete either" in duplicate
    assert "delete one" not in lint


def test_a_note_left_under_the_re_dates_is_told_to_move_under_updates(shared: Shared) -> None:
    """Marcus re-dates an action that has a progress note, the manager adds another note: both at
    the end of the file, they conflict. Kept both with the markers deleted, the manager's note
    sits under Marcus's new 'redates:'. One error says where it belongs, not six."""
    _note(shared, shared.marcus, "ACT-PLANS", "Audit tool chosen", "sam.patel")
    shared.marcus.git("push", "-q", "origin", "main")
    shared.manager.git("pull", "-q", "--no-rebase", "origin", "main")
    redate = shared.run(shared.marcus, "redate", "ACT-PLANS", "--to", "2030-02-28", "--by", "jane.smith",
                        "--reason", "The audit tool arrives in January", "--date", "2026-12-02", "--commit")
    assert redate.returncode == 0, redate.stderr
    done = shared.run(shared.manager, "update", "ACT-PLANS", "--note", "First monthly audit found 8 of 10 plans reviewed",
                      "--by", "jane.smith", "--date", "2026-12-02", "--commit")
    assert done.returncode == 0, done.stderr
    assert shared.pull().returncode != 0
    path = shared.marcus.path / "actions/ACT-PLANS.yaml"
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    path.write_text("".join(kept), encoding="utf-8")
    lint = shared.run(shared.marcus, "lint").stdout
    schema = [line for line in lint.splitlines() if "error schema" in line]
    assert len(schema) == 1, lint
    assert "has the fields of an 'updates' entry" in schema[0] and "under 'updates:'" in schema[0]


def test_a_source_left_in_conflict_is_not_a_broken_link_of_its_actions(register: GitRepo, cli) -> None:
    """The source file cannot be read while its conflict is there: its actions' links to it are
    not broken, and a risk's control is not 'unanswered' because its action cannot be read."""
    register.write("sources/SRC-CQC.yaml", SOURCE.replace(
        "title: CQC inspection, September 2026\n",
        "<<<<<<< HEAD\ntitle: CQC inspection, September 2026\n=======\ntitle: CQC inspection report\n>>>>>>> theirs\n"))
    register.write("actions/ACT-FALLS.yaml", FALLS + "measure:\n  target: 100% of falls have a huddle recorded\n")
    register.write("risks/RSK-FALL.yaml", """\
        id: RSK-FALL
        title: Residents fall again because falls are not reviewed
        owner: jane.smith
        created: 2026-09-15
        inherent: {likelihood: 4, impact: 4}
        residual: {likelihood: 3, impact: 4}
        controls:
          - id: C1
            description: Post-falls huddle
            effectiveness: inadequate
        """)
    register.write("actions/ACT-HUDDLE.yaml", """\
        id: ACT-HUDDLE
        title: Hold a post-falls huddle within 24 hours of every fall and record it on the falls log
        risk: RSK-FALL
        control: C1
        owner: jane.smith
        created: 2026-09-15
        due: 2027-01-31
        <<<<<<< HEAD
        status: open
        =======
        status: in_progress
        >>>>>>> theirs
        """)
    lint = cli("lint", cwd=register.path).output
    assert "sources/SRC-CQC.yaml:3: error merge-conflict" in lint and "ACT-HUDDLE.yaml:8: error merge-conflict" in lint
    assert "broken-link" not in lint and "uncontrolled-risk" not in lint, lint


def test_the_lint_memo_follows_a_file_in_conflict_as_it_changes(shared: Shared) -> None:
    """Each run relints what a changed unreadable file may touch: an edit inside the conflict
    that moves the action to another finding, then back, is followed both ways."""
    _conflict_on_two_notes(shared)
    path = shared.marcus.path / "actions/ACT-PLANS.yaml"
    conflicted = path.read_text(encoding="utf-8")
    assert "unaddressed-finding" not in shared.run(shared.marcus, "lint").stdout
    path.write_text(conflicted.replace("finding: F2", "finding: F1"), encoding="utf-8")
    assert "finding F2 'Care plans are not reviewed monthly' has no action" in shared.run(shared.marcus, "lint").stdout
    path.write_text(conflicted + "# still resolving\n", encoding="utf-8")
    assert "unaddressed-finding" not in shared.run(shared.marcus, "lint").stdout
