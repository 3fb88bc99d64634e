"""History rules with a past ``--as-of DAY``: what lint would have said at the end of that day.

Only the commits the branch held then are read (made on or before DAY, by the committer's
date in the committer's own time zone), each record as that commit held it, and nothing
staged or uncommitted. Each case is a real repository with dated commits; each failed
before, when a past ``--as-of`` still judged every commit, and today's files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govtool.history import cache as history_cache
from govtool.history.engine import open_view
from govtool.lint.engine import lint_register
from govtool.support.gitcommand import commit_standing_on
from tests.conftest import CliCall, GitRepo
from tests.history.helpers import action, branch_moving_two_dates, note, redate

MARCH = dt.date(2026, 3, 1)


def _rules(root: Path, day: dt.date, *, no_cache: bool = False) -> list[tuple[str, str | None]]:
    """(rule, record) of every history problem lint finds for ``day``, as it stood then."""
    if no_cache:
        for stale in (root / ".git" / "govtool").glob("history-*.json"):
            stale.unlink()
    result = lint_register(root, day, as_it_stood=True)
    history = {"silent-redate", "history-rewritten", "backdated-entry", "status-regressed", "silent-edit"}
    return sorted((p.rule, p.record) for p in result.problems if p.rule in history)


def _today(root: Path) -> list[tuple[str, str | None]]:
    result = lint_register(root, dt.date(2026, 12, 1))
    return sorted((p.rule, p.record) for p in result.problems if p.rule in {"silent-redate", "history-rewritten"})


def test_a_silent_redate_committed_after_the_day_is_not_reported_as_of_the_day(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("move the date", date="2026-03-20")
    assert _rules(reg.path, MARCH) == []
    assert _rules(reg.path, dt.date(2026, 3, 20)) == [("silent-redate", "ACT-1")]


def test_a_redate_entry_recorded_after_the_day_does_not_settle_it_on_the_day(reg: GitRepo) -> None:
    # moved by hand in February; the missing entry (dated as written, in April) came later
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("move the date", date="2026-02-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30", redates=[redate("2026-04-02", "2026-03-31", "2026-04-30")]))
    reg.commit("record why", date="2026-04-02")
    assert _rules(reg.path, MARCH) == [("silent-redate", "ACT-1")]
    assert _rules(reg.path, dt.date(2026, 4, 2)) == []


def test_a_trail_entry_edited_after_the_day_is_not_reported_on_the_day(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01", "Audit tool agreed.")]))
    reg.commit("ACT-1", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01", "Audit done.")]))
    reg.commit("rewrite the note", date="2026-05-01")
    assert _rules(reg.path, MARCH) == []
    assert ("history-rewritten", "ACT-1") in _rules(reg.path, dt.date(2026, 5, 1))


def test_an_entry_committed_late_after_the_day_is_not_backdated_on_the_day(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01")]))
    reg.commit("a note written up in May", date="2026-05-20")
    assert _rules(reg.path, MARCH) == []
    assert _rules(reg.path, dt.date(2026, 6, 1)) == [("backdated-entry", "ACT-1")]


def test_uncommitted_and_staged_changes_are_todays_not_the_days(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    assert _rules(reg.path, MARCH) == []
    reg.git("add", "-A")
    assert _rules(reg.path, MARCH) == []
    assert _today(reg.path) == [("silent-redate", "ACT-1")]


def test_a_commit_made_late_that_day_where_it_was_made_counts_for_the_day(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    # 23:30 in New York on 1 March is 2 March in London: it was made on 1 March
    late = reg.commit("move the date", date="2026-03-01T23:30:00-05:00")
    assert commit_standing_on(reg.path, MARCH) == late
    assert commit_standing_on(reg.path, dt.date(2026, 2, 28)) != late
    assert _rules(reg.path, MARCH) == [("silent-redate", "ACT-1")]
    assert _rules(reg.path, dt.date(2026, 2, 28)) == []


def test_a_branch_merged_after_the_day_was_not_there_on_the_day(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.git("checkout", "-q", "-b", "side")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("move the date on a branch", date="2026-02-10")
    reg.git("checkout", "-q", "main")
    reg.write("sources/SRC-2.yaml", "id: SRC-2\ntype: audit\ntitle: Falls audit\ndate: 2026-02-20\n")
    reg.commit("another audit", date="2026-02-20")
    reg.git("merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-04-01")
    assert _rules(reg.path, MARCH) == []
    assert _rules(reg.path, dt.date(2026, 4, 1)) == [("silent-redate", "ACT-1")]


def test_nothing_committed_by_the_day_means_no_history_problem(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("move the date", date="2026-03-20")
    assert commit_standing_on(reg.path, dt.date(2025, 12, 1)) is None
    assert _rules(reg.path, dt.date(2025, 12, 1)) == []


def test_a_past_day_leaves_todays_caches_as_they_were(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    head = reg.commit("move the date", date="2026-03-20")
    view = open_view(reg.path)
    digest = history_cache.digest_file(view.repo.common_dir, view.paths)
    listing = history_cache.cache_file(view.repo.common_dir, view.paths)

    assert _today(reg.path) == [("silent-redate", "ACT-1")]  # today's run makes the digest
    kept = digest.read_bytes()
    assert _rules(reg.path, MARCH) == []  # a past day from the caches...
    assert digest.read_bytes() == kept  # ...leaves today's digest alone
    data, _ = history_cache.load(listing, view.paths)
    assert data is not None and data.tip == head  # and the listing at today's tip
    assert _today(reg.path) == [("silent-redate", "ACT-1")]

    # a past day read first, from nothing, gives the same and leaves a listing today's run can use
    assert _rules(reg.path, MARCH, no_cache=True) == []
    data, _ = history_cache.load(listing, view.paths)
    assert data is not None and data.tip == head and not digest.exists()
    assert _today(reg.path) == [("silent-redate", "ACT-1")]
    assert _rules(reg.path, dt.date(2026, 3, 20)) == [("silent-redate", "ACT-1")]


def test_lint_as_of_on_the_command_line(reg: GitRepo, cli: CliCall) -> None:
    reg.write("actions/ACT-1.yaml", action(due="2026-12-31"))
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2027-01-31"))
    reg.commit("move the date", date="2026-03-20")
    found = cli("lint", "--as-of", "2026-03-01", "--format", "json", "--select", "silent-redate", cwd=reg.path)
    assert found.exit_code == 0 and json.loads(found.stdout) == []


@pytest.mark.parametrize("day, expected", [("2026-02-15", "2026-01-10"), ("2026-03-20", "2026-03-20")])
def test_portfolio_last_change_is_the_newest_commit_by_the_day(reg: GitRepo, cli: CliCall, day: str,
                                                                expected: str) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-03-20")]))
    reg.commit("a note", date="2026-03-20")
    found = cli("portfolio", str(reg.path), "--as-of", day, "--format", "json")
    assert found.exit_code == 0, found.output
    out, _, _note = found.output.rpartition("}\n")
    assert json.loads(out + "}")["registers"][0]["last_change"] == expected


def test_an_acknowledged_mistake_made_after_the_day_is_not_in_the_plan_as_of_the_day(reg: GitRepo, cli: CliCall) -> None:
    reg.write("actions/ACT-1.yaml", action(due="2026-12-31"))
    reg.commit("ACT-1", date="2026-01-10")
    reg.write("actions/ACT-1.yaml", action(due="2027-01-31"))
    moved = reg.commit("move the date", date="2026-03-20")
    settings = (reg.path / "govtool.yaml").read_text()
    reg.write("govtool.yaml", settings + f"lint:\n  acknowledged:\n    - commit: {moved[:7]}\n"
                                         "      reason: Agreed at the April governance meeting.\n")
    reg.commit("acknowledge", date="2026-04-02")
    later = cli("report", "action-plan", "--as-of", "2026-04-02", cwd=reg.path).stdout
    assert "Acknowledged mistakes in the trail" in later and "Agreed at the April governance meeting." in later
    earlier = cli("report", "action-plan", "--as-of", "2026-03-01", cwd=reg.path).stdout
    assert "ACT-1" in earlier and "Acknowledged mistakes in the trail" not in earlier


def _fix_branch_merged_later(reg: GitRepo) -> tuple[str, str]:
    """See :func:`branch_moving_two_dates`; the branch 'fix' is left checked out."""
    early, late = branch_moving_two_dates(reg)
    reg.git("checkout", "-q", "fix")
    return early, late


def test_lint_base_as_of_a_past_day_takes_the_base_as_it_stood_then(reg: GitRepo, cli: CliCall) -> None:
    """``lint --base main --as-of DAY`` judges the branch as it stood at the end of DAY: main is
    its newest commit made by then too. Before, main was today's, which has since merged the
    branch, so the range was empty and the branch's silent re-date passed the check."""
    early, late = _fix_branch_merged_later(reg)
    found = cli("lint", "--base", "main", "--as-of", "2026-02-10", "--format", "json", "--select", "silent-redate",
                cwd=reg.path)
    assert found.exit_code == 1, found.output
    problems = json.loads(found.stdout)
    assert [(p["rule"], p["record"]) for p in problems] == [("silent-redate", "ACT-1")]
    assert early[:7] in problems[0]["message"] and late[:7] not in found.output
    later = json.loads(cli("lint", "--base", "main", "--as-of", "2026-02-25", "--format", "json",
                           "--select", "silent-redate", cwd=reg.path).stdout)
    assert sorted(p["record"] for p in later) == ["ACT-1", "ACT-2"]
    # today main holds the whole branch: nothing after it is left to judge
    today = cli("lint", "--base", "main", "--format", "json", "--select", "silent-redate", cwd=reg.path)
    assert json.loads(today.stdout) == [] and today.exit_code == 0


def test_lint_base_as_of_a_day_before_the_base_had_a_commit_judges_the_whole_branch(reg: GitRepo, cli: CliCall) -> None:
    """A base with no commit by the day held nothing then: every commit of the branch by the day is its own."""
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Start", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("Move ACT-1", date="2026-02-03")
    reg.git("checkout", "-q", "--orphan", "later-base")  # a base that begins after the day
    reg.commit("An empty start for the base", date="2026-03-01")
    reg.git("checkout", "-q", "main")
    found = cli("lint", "--base", "later-base", "--as-of", "2026-02-10", "--format", "json",
                "--select", "silent-redate", cwd=reg.path)
    assert [(p["rule"], p["record"]) for p in json.loads(found.stdout)] == [("silent-redate", "ACT-1")]


def test_lint_base_as_of_a_past_day_fails_on_what_the_branch_wrote_by_then(reg: GitRepo, cli: CliCall) -> None:
    """The exit status with --base counts the lines the branch wrote since its fork point; with a
    past --as-of, the fork point of the base and the branch as they stood that day. Before, it
    was today's: the branch since merged, nothing counted as written, and the check passed."""
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Start", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "fix")
    reg.write("actions/ACT-3.yaml", action("ACT-3", source="SRC-9", created="2026-02-03"))
    reg.commit("ACT-3 on a source not yet recorded", date="2026-02-03")
    reg.git("checkout", "-q", "main")
    reg.git("merge", "-q", "--no-ff", "-m", "Merge fix", "fix", date="2026-03-01")
    reg.git("checkout", "-q", "fix")
    found = cli("lint", "--base", "main", "--as-of", "2026-02-10", "--select", "broken-link", cwd=reg.path)
    assert found.exit_code == 1, found.output
    assert "the check fails" in found.stderr
    assert cli("lint", "--base", "main", "--select", "broken-link", cwd=reg.path).exit_code == 0  # merged today
