"""A problem about a change between two versions names that change in a field
(:attr:`govtool.lint.rule.Problem.change`), which the pre-commit hook and the pull-request
check read: never the words of its message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from govtool.lint.branch_gate import Branch
from govtool.lint.commit_gate import stopping
from govtool.lint.engine import LAST_RUN, LintResult, lint_register
from govtool.lint.rule import Problem, all_rules
from tests.conftest import GitRepo
from tests.lint.casebuild import base_files, write_files

TODAY = dt.date(2026, 11, 26)

ACTION = """\
id: {id}
title: Replace the hoist sling on Oak unit and record the check in the equipment log
source: SRC-BASE
finding: F1
owner: jane.smith
created: 2026-03-10
due: 2027-10-31
status: in_progress
measure:
  target: 98% of hoist checks recorded in three consecutive weekly audits
updates:
  - date: 2026-11-01
    by: jane.smith
    note: First weekly audit found 80% of checks recorded
"""

#: For every history rule, a change to :data:`ACTION` that it reports. A new history rule
#: must be given one here: the test below then checks that its problems name their change.
TRIGGERS: dict[str, Callable[[str], str]] = {
    "silent-redate": lambda text: text.replace("due: 2027-10-31", "due: 2027-11-30"),
    "history-rewritten": lambda text: text.replace("found 80%", "found 90%"),
    "backdated-entry": lambda text: text + (
        "  - date: 2026-08-01\n    by: jane.smith\n    note: Sling ordered from the supplier in August\n"),
    "status-regressed": lambda text: text.replace("status: in_progress", "status: open"),
    "silent-edit": lambda text: text.replace("record the check in the equipment log", "log every weekly check"),
    # completed and signed off in one change: whoever typed in the completion typed in the sign-off
    "self-recorded-closure": lambda text: text.replace("status: in_progress", "status: closed") + (
        "completion:\n  date: 2026-11-03\n  by: jane.smith\n  change: 99% of hoist checks recorded in three weekly "
        "audits (was 80%)\n  evidence:\n    - url: https://intranet.example/hoist-log\n"
        "closure:\n  date: 2026-11-03\n  by: sam.patel\n  note: Hoist log checked at the governance meeting, "
        "99% of checks recorded\n"),
}


def _history_rules() -> set[str]:
    return {spec.name for spec in all_rules().values() if spec.needs_history}


def _plan(register: GitRepo) -> dict[str, str]:
    """For each history rule, one action changed in a commit (ACT-C…) and one in the staged
    changes (ACT-S…) the way it reports: record ID -> (rule, the change it is about)."""
    write_files(register.path, base_files())
    expected = {}
    for number, rule in enumerate(sorted(TRIGGERS)):
        for kind in ("C", "S"):
            record_id = f"ACT-{kind}{number}"
            register.write(f"actions/{record_id}.yaml", ACTION.format(id=record_id))
            expected[record_id] = rule
    register.commit("The plan", date="2026-11-01")
    for record_id, rule in expected.items():
        if record_id.startswith("ACT-C"):
            register.write(f"actions/{record_id}.yaml", TRIGGERS[rule](ACTION.format(id=record_id)))
    register.commit("Changed by hand", date="2026-11-03")
    for record_id, rule in expected.items():
        if record_id.startswith("ACT-S"):
            register.write(f"actions/{record_id}.yaml", TRIGGERS[rule](ACTION.format(id=record_id)))
    register.git("add", "-A")
    return expected


def test_every_history_rule_names_the_change_each_of_its_problems_is_about(register: GitRepo) -> None:
    """A history rule that forgot to say which change its problem is about would never stop
    a commit: every one of them says it, for a commit made and for the staged changes (kept
    between runs as well as found afresh)."""
    assert set(TRIGGERS) == _history_rules(), "a new history rule: add a change it reports to TRIGGERS"
    expected = _plan(register)
    for incremental in (False, True, True):  # the last run takes the kept reports
        found = lint_register(register.path, TODAY, staged=True, incremental=incremental).problems
        history = [p for p in found if p.rule in TRIGGERS]
        assert all(p.change is None for p in found if p.rule not in TRIGGERS)
        about = {(p.record, p.rule, p.change) for p in history}
        assert all(change == _kind(record) for record, _rule, change in about), about
        assert {(record_id, rule, _kind(record_id)) for record_id, rule in expected.items()} <= about
    assert LAST_RUN["history_kept"] > 0 and LAST_RUN["history_judged"] == 0


def _kind(record_id: str | None) -> str:
    """The change an action of :func:`_plan` was changed in."""
    return "commit" if (record_id or "").startswith("ACT-C") else "staged"


def _result(*problems: Problem) -> LintResult:
    return LintResult(None, list(problems), [])  # type: ignore[arg-type]  # the gates read no register


def test_the_hook_stops_a_commit_for_a_problem_about_the_staged_changes_whatever_its_words(tmp_path: Path) -> None:
    """A history rule whose message does not say 'the staged changes' (a new rule, a message
    reworded) still stops the commit its problem is about, and a message quoting those words
    about an earlier commit does not."""
    path = "actions/ACT-1.yaml"
    about_staged = Problem("a-new-history-rule", "error", path, 3, "ACT-1", "moved the due date", change="staged")
    about_commit = Problem("a-new-history-rule", "error", path, 4, "ACT-1",
                           "commit 1a2b3c4 changed the title to 'Check the staged changes'", change="commit")
    committed = {path: ("a" * 40, "b" * 40)}
    assert stopping(_result(about_staged, about_commit), committed, False, tmp_path) == [about_staged]


def test_the_pull_request_check_counts_a_problem_about_a_change_wherever_it_points() -> None:
    about_commit = Problem("a-new-history-rule", "error", "actions/ACT-1.yaml", 3, "ACT-1", "moved", change="commit")
    unchanged_file = Problem("vague-action", "error", "actions/ACT-1.yaml", 3, "ACT-1", "vague")
    branch = Branch("main", {"actions/ACT-2.yaml": None})
    assert branch.wrote(about_commit) and not branch.wrote(unchanged_file)


def test_a_strict_commit_is_not_stopped_by_an_earlier_commit_whose_problem_quotes_the_staged_changes(
        register: GitRepo, cli) -> None:
    """An earlier commit retitled an action by hand to words that happen to say 'the staged
    changes': its silent-edit warning is that commit's, and a progress note committed with
    --strict goes ahead (it was stopped when the hook looked for those words)."""
    write_files(register.path, base_files())
    register.write("actions/ACT-1.yaml", ACTION.format(id="ACT-1"))
    register.commit("The plan", date="2026-11-01")
    retitled = ACTION.format(id="ACT-1").replace(
        "Replace the hoist sling on Oak unit and record the check in the equipment log",
        "Check the staged changes to the hoist rota every week at the Oak unit handover")
    register.write("actions/ACT-1.yaml", retitled)
    register.commit("Retitled by hand", date="2026-11-03")
    register.write("actions/ACT-1.yaml", retitled + (
        "  - date: 2026-11-25\n    by: jane.smith\n    note: Second weekly audit found 92% of checks recorded\n"))
    register.git("add", "-A")
    result = cli("lint", "--as-of", "2026-11-26", "--staged", "--strict", cwd=register.path)
    assert "warning silent-edit commit" in result.stdout and "'Check the staged changes" in result.stdout, result.output
    assert result.exit_code == 0 and "the commit may go ahead" in result.stderr, result.output
