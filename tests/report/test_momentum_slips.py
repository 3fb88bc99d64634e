"""Momentum's slips (``redated``: open actions re-dated at least once) as lint's history sees them.

A slip is a move of the due date, found in Git: a date moved by hand with no re-date entry
slipped too, and each move counts from the day of the commit that made it, not from the date an
entry gives. A past ``--as-of`` counts only the commits made on or before it. Each register is a
real repository with dated commits; each case failed when the figure came from the re-date
entries alone.
"""

from __future__ import annotations

import json
from typing import Any

from tests.history.helpers import SOURCE, action, redate

SETTINGS = """\
provider: Test Care Ltd
location: Test House
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}
"""


def _start(git_repo: Any) -> Any:
    git_repo.write("govtool.yaml", SETTINGS)
    git_repo.write("sources/SRC-1.yaml", SOURCE)
    git_repo.write("actions/ACT-1.yaml", action())
    git_repo.commit("Start", date="2026-01-10")
    return git_repo


def _redated(cli: Any, root: Any, as_of: str) -> int:
    result = cli("report", "momentum", "--format", "json", "--as-of", as_of, cwd=root)
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["redated"])


def test_a_due_date_moved_by_hand_is_a_slip_from_the_day_of_its_commit(git_repo: Any, cli: Any) -> None:
    repo = _start(git_repo)
    repo.write("actions/ACT-1.yaml", action(due="2026-04-30"))  # no re-date entry: a silent re-date
    repo.commit("Move the date", date="2026-03-05")
    assert _redated(cli, repo.path, "2026-03-04") == 0
    assert _redated(cli, repo.path, "2026-03-05") == 1
    assert _redated(cli, repo.path, "2026-06-01") == 1


def test_an_entry_dated_back_counts_from_the_commit_that_moved_the_date(git_repo: Any, cli: Any) -> None:
    # the move was typed up on 20 March with the day it was agreed, 2 March
    repo = _start(git_repo)
    repo.write("actions/ACT-1.yaml", action(due="2026-04-30", redates=[redate("2026-03-02", "2026-03-31", "2026-04-30")]))
    repo.commit("Re-date ACT-1", date="2026-03-20")
    assert _redated(cli, repo.path, "2026-03-10") == 0
    assert _redated(cli, repo.path, "2026-03-20") == 1


def test_a_move_recorded_later_counts_from_the_move_not_the_entry(git_repo: Any, cli: Any) -> None:
    # moved by hand in February; the entry recording it (govtool redate) was written in April
    repo = _start(git_repo)
    repo.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    repo.commit("Move the date", date="2026-02-10")
    repo.write("actions/ACT-1.yaml", action(due="2026-04-30", redates=[redate("2026-04-02", "2026-03-31", "2026-04-30")]))
    repo.commit("Record why", date="2026-04-02")
    assert _redated(cli, repo.path, "2026-02-09") == 0
    assert _redated(cli, repo.path, "2026-03-01") == 1


def test_a_move_committed_after_the_day_is_not_a_slip_on_the_day(git_repo: Any, cli: Any) -> None:
    repo = _start(git_repo)
    repo.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    repo.commit("Move the date", date="2026-05-01")
    assert _redated(cli, repo.path, "2026-04-30") == 0
    # nor one made on a branch merged later
    repo.git("checkout", "-q", "-b", "side")
    repo.write("actions/ACT-2.yaml", action("ACT-2"))
    repo.commit("ACT-2", date="2026-05-02")
    repo.write("actions/ACT-2.yaml", action("ACT-2", due="2026-08-31"))
    repo.commit("Move ACT-2 on a branch", date="2026-05-03")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-06-01")
    assert _redated(cli, repo.path, "2026-05-20") == 1  # ACT-1 alone
    assert _redated(cli, repo.path, "2026-06-01") == 2


def test_an_uncommitted_move_is_todays_not_a_past_days(git_repo: Any, cli: Any) -> None:
    repo = _start(git_repo)
    repo.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    assert _redated(cli, repo.path, "2026-03-01") == 0
    assert _redated(cli, repo.path, "2999-01-01") == 1


def test_entries_that_came_with_the_record_count_on_their_own_dates(git_repo: Any, cli: Any) -> None:
    # a plan typed in at once, with a re-date made before it was: Git never saw the date move
    git_repo.write("govtool.yaml", SETTINGS)
    git_repo.write("sources/SRC-1.yaml", SOURCE)
    git_repo.write("actions/ACT-1.yaml", action(due="2026-04-30",
                                                redates=[redate("2026-02-15", "2026-03-31", "2026-04-30")]))
    git_repo.commit("The plan so far", date="2026-03-10")
    assert _redated(cli, git_repo.path, "2026-02-14") == 0
    assert _redated(cli, git_repo.path, "2026-02-15") == 1
    assert _redated(cli, git_repo.path, "2026-03-10") == 1


def test_outside_git_the_entries_are_all_there_is(tmp_path: Any, cli: Any) -> None:
    folder = tmp_path / "register"
    (folder / "actions").mkdir(parents=True)
    (folder / "sources").mkdir()
    (folder / "govtool.yaml").write_text(SETTINGS, encoding="utf-8")
    (folder / "sources" / "SRC-1.yaml").write_text(SOURCE, encoding="utf-8")
    (folder / "actions" / "ACT-1.yaml").write_text(
        action(due="2026-04-30", redates=[redate("2026-03-02", "2026-03-31", "2026-04-30")]), encoding="utf-8")
    assert _redated(cli, folder, "2026-03-01") == 0
    assert _redated(cli, folder, "2026-03-02") == 1
