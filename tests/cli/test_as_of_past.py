"""A past --as-of DATE means one thing everywhere: today's files with every trail entry and
record dated after DATE left out (govtool/register/as_of.py). Every command that takes the
option shows the same register for the same day, and no Git is needed to work it out.

The register is built as a consultant's trial built it: a real repository whose commits are
dated from June to December 2026, each adding what happened that day (a closure, a re-date,
a hand-over, a new action).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL_SETTINGS, GitRepo

PAST = "2026-08-31"
#: after ACT-T3's closure (10 Sep), before ACT-T4's re-date (5 Oct): three actions overdue then
OCTOBER = "2026-10-02"
#: a date still to come: --as-of keeps today's meaning there
FUTURE = "2099-01-01"

SOURCE = """\
id: SRC-AUD1
type: audit
title: Medicines audit, June 2026
date: 2026-06-01
findings:
  - {id: F1, text: Three MAR charts had gaps in the June sample., key_question: safe}
"""


def action(number: int, extra: str = "", owner: str = "jane.smith", due: str = "2026-09-30",
           status: str = "open", created: str = "2026-06-02") -> str:
    return f"""\
id: ACT-T{number}
title: Audit 20 MAR charts a week until 4 weeks in a row have no gaps (action {number})
source: SRC-AUD1
finding: F1
owner: {owner}
priority: high
created: {created}
due: {due}
status: {status}
measure:
  target: 4 weekly audits in a row with 0 gaps in 20 charts
{extra}"""


CLOSED_T1 = """\
completion:
  date: 2026-07-15
  by: jane.smith
  change: Four weekly audits in a row found 0 gaps in 20 MAR charts (3 gaps in June).
  evidence:
    - {url: https://example.org/mar-audit-july, description: July MAR audits}
closure: {date: 2026-07-20, by: test.author, note: Audit sheets checked at the July governance meeting.}
"""
NOTE_T2 = """\
updates:
  - {date: 2026-08-20, by: jane.smith, note: Two clean weeks so far., next_milestone: Week 4 audit, milestone_due: 2026-09-30}
"""
COMPLETED_T3 = """\
completion:
  date: 2026-09-03
  by: jane.smith
  change: Four weekly audits in a row found 0 gaps in 20 MAR charts (3 gaps in June).
  evidence:
    - {url: https://example.org/mar-audit-sept, description: September MAR audits}
"""
CLOSED_T3 = COMPLETED_T3 + """\
closure: {date: 2026-09-10, by: test.author, note: Audit sheets checked at the September governance meeting.}
"""
REDATED_T4 = """\
redates:
  - {date: 2026-10-05, from: 2026-09-30, to: 2026-12-31, reason: The pharmacy changed supplier and the new MAR charts arrive in November.}
"""
HANDED_OVER_T5 = """\
edits:
  - {date: 2026-11-12, by: jane.smith, fields: [owner], from: {owner: jane.smith}, reason: Jane moves to the day unit; Sam takes the audits over.}
"""
#: a completion that says what was done, not what changed (completion-without-change), in October
WEAK_T7 = """\
completion:
  date: 2026-10-20
  by: jane.smith
  change: Done.
  evidence:
    - {url: https://example.org/mar-audit-oct, description: October MAR audits}
"""


@pytest.fixture
def trial(git_repo: GitRepo) -> GitRepo:
    """Willowbrook's register, June to December: actions on one audit finding, then what
    happened to them, each step committed on its day."""
    repo = git_repo
    repo.write("govtool.yaml", MINIMAL_SETTINGS + "rating: Requires Improvement\n")
    repo.write("sources/SRC-AUD1.yaml", SOURCE)
    for n in (1, 2, 3, 4, 5):
        repo.write(f"actions/ACT-T{n}.yaml", action(n))
    repo.write("actions/ACT-T7.yaml", action(7, due="2026-11-30"))
    (repo.path / "risks").mkdir()
    repo.commit("Medicines audit and its actions", date="2026-06-02")
    repo.write("actions/ACT-T1.yaml", action(1, CLOSED_T1, status="closed"))
    repo.commit("ACT-T1 closed", date="2026-07-20")
    repo.write("actions/ACT-T2.yaml", action(2, NOTE_T2, status="in_progress"))
    repo.commit("ACT-T2 progress", date="2026-08-20")
    repo.write("actions/ACT-T3.yaml", action(3, COMPLETED_T3, status="completed"))
    repo.commit("ACT-T3 completed", date="2026-09-03")
    repo.write("actions/ACT-T3.yaml", action(3, CLOSED_T3, status="closed"))
    repo.commit("ACT-T3 closed", date="2026-09-10")
    repo.write("actions/ACT-T4.yaml", action(4, REDATED_T4, due="2026-12-31"))
    repo.commit("ACT-T4 re-dated", date="2026-10-05")
    repo.write("actions/ACT-T7.yaml", action(7, WEAK_T7, status="completed", due="2026-11-30"))
    repo.commit("ACT-T7 completed", date="2026-10-20")
    repo.write("actions/ACT-T5.yaml", action(5, HANDED_OVER_T5, owner="sam.patel"))
    repo.commit("ACT-T5 handed over", date="2026-11-12")
    repo.write("actions/ACT-T6.yaml", action(6, created="2026-11-20", due="2027-01-31"))
    repo.commit("ACT-T6 added", date="2026-11-20")
    return repo


def ok(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def statuses(cli: Any, folder: Path, day: str) -> dict[str, str]:
    rows = json.loads(ok(cli("list", "--as-of", day, "--format", "json", cwd=folder)))
    return {row["id"]: row["status"] for row in rows}


def test_the_plan_of_a_past_date_holds_no_later_completion_hand_over_or_re_date(cli: Any, trial: GitRepo) -> None:
    plan = ok(cli("report", "action-plan", "--as-of", PAST, "--format", "markdown", cwd=trial.path))
    for later in ("3 Sep 2026", "10 Sep 2026", "31 Dec 2026", "Sam Patel", "ACT-T6", "supplier", "Done."):
        assert later not in plan, later
    assert "Jane Smith" in plan and "ACT-T3" in plan
    data = json.loads(ok(cli("report", "action-plan", "--as-of", PAST, "--format", "json", cwd=trial.path)))
    actions = {a["id"]: a for section in _sections(data) for a in section}
    assert actions["ACT-T3"]["status"] == "open" and actions["ACT-T3"]["completion"] is None
    assert actions["ACT-T5"]["owner"]["name"] == "Jane Smith" and actions["ACT-T5"]["edits"] == []
    assert actions["ACT-T4"]["due"] == "2026-09-30" and actions["ACT-T4"]["redates"] == []
    # today (no --as-of) the same plan shows them all
    today = ok(cli("report", "action-plan", "--format", "markdown", cwd=trial.path))
    assert "Sam Patel" in today and "ACT-T6" in today and "supplier" in today


def _sections(plan: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Every list of actions in the plan's JSON, wherever the sections nest them."""
    found: list[list[dict[str, Any]]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "actions" and isinstance(inner, list) and all(isinstance(a, dict) and "id" in a for a in inner):
                    found.append(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(plan)
    return found


def test_plan_momentum_list_and_portfolio_agree_on_a_past_date(cli: Any, trial: GitRepo) -> None:
    listed = statuses(cli, trial.path, OCTOBER)
    assert listed == {"ACT-T1": "closed", "ACT-T2": "in_progress", "ACT-T3": "closed", "ACT-T4": "open",
                      "ACT-T5": "open", "ACT-T7": "open"}
    overdue = json.loads(ok(cli("list", "--as-of", OCTOBER, "--overdue", "--format", "json", cwd=trial.path)))
    # ACT-T4 was re-dated only on 5 October: on the 2nd its due date was 30 September
    assert sorted(row["id"] for row in overdue) == ["ACT-T2", "ACT-T4", "ACT-T5"]
    momentum = json.loads(ok(cli("report", "momentum", "--as-of", OCTOBER, "--format", "json", cwd=trial.path)))
    assert momentum["open"] == sum(s in ("open", "in_progress") for s in listed.values()) == 4
    assert momentum["overdue"] == len(overdue) == 3
    plan = json.loads(ok(cli("report", "action-plan", "--as-of", OCTOBER, "--format", "json", cwd=trial.path)))
    shown = {a["id"]: a for section in _sections(plan) for a in section}
    assert {i: a["status"] for i, a in shown.items()} == listed
    assert sorted(i for i, a in shown.items() if a["overdue_days"]) == ["ACT-T2", "ACT-T4", "ACT-T5"]
    row = json.loads(ok(cli("portfolio", str(trial.path), "--as-of", OCTOBER, "--format", "json")))["registers"][0]
    assert (row["open"], row["overdue"]) == (momentum["open"], momentum["overdue"]) == (4, 3)
    exported = json.loads(ok(cli("export", "--as-of", OCTOBER, "--format", "json", cwd=trial.path)))
    assert {r["id"]: r["status"] for r in exported} == listed


def test_the_portfolio_of_a_past_date_counts_no_later_entry_as_future_dated(cli: Any, trial: GitRepo) -> None:
    row = json.loads(ok(cli("portfolio", str(trial.path), "--as-of", PAST, "--format", "json")))["registers"][0]
    assert row["lint_errors"] == 0, row
    assert (row["open"], row["closed_trailing_quarter"]) == (5, 1)
    assert not [p for p in _problems(cli, trial.path, "--as-of", PAST) if p["rule"] == "future-date"]
    # a second run (the kept row) and a run for today give their own figures
    again = json.loads(ok(cli("portfolio", str(trial.path), "--as-of", PAST, "--format", "json")))["registers"][0]
    assert again == row
    today = json.loads(cli("portfolio", str(trial.path), "--format", "json").stdout)["registers"][0]
    assert today["open"] == 4  # T2, T4, T5 and T6; T7 completed


def _problems(cli: Any, folder: Path, *args: str) -> list[dict[str, Any]]:
    result = cli("lint", "--format", "json", "--no-cache", *args, cwd=folder)
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout))


def test_lint_of_a_past_date_judges_the_register_as_it_stood(cli: Any, trial: GitRepo) -> None:
    today = _problems(cli, trial.path)
    assert [p["record"] for p in today if p["rule"] == "completion-without-change"] == ["ACT-T7"]
    past = _problems(cli, trial.path, "--as-of", PAST)
    assert not [p for p in past if p["rule"] == "completion-without-change"], past  # completed in October
    october = _problems(cli, trial.path, "--as-of", OCTOBER)
    late = {p["record"]: p for p in october if p["rule"] == "overdue"}
    assert sorted(late) == ["ACT-T2", "ACT-T4", "ACT-T5"]
    # the problem points at the real file's line: ACT-T4's due date, 31 Dec today, line 8
    assert late["ACT-T4"]["path"] == "actions/ACT-T4.yaml" and late["ACT-T4"]["line"] == 8
    assert "2026-09-30" in late["ACT-T4"]["message"] or "30 Sep" in late["ACT-T4"]["message"]


def test_a_past_date_needs_no_git(cli: Any, trial: GitRepo, tmp_path: Path) -> None:
    download = tmp_path / "download"
    shutil.copytree(trial.path, download, ignore=shutil.ignore_patterns(".git"))
    assert statuses(cli, download, OCTOBER) == statuses(cli, trial.path, OCTOBER)
    plan = ok(cli("report", "action-plan", "--as-of", PAST, "--format", "markdown", cwd=download))
    assert "Sam Patel" not in plan and "ACT-T6" not in plan


def test_a_future_date_keeps_todays_meaning(cli: Any, trial: GitRepo) -> None:
    future = statuses(cli, trial.path, FUTURE)
    as_filed = json.loads(ok(cli("list", "--format", "json", cwd=trial.path)))
    assert future == {row["id"]: row["status"] for row in as_filed}
    assert future["ACT-T3"] == "closed" and future["ACT-T6"] == "open" and future["ACT-T7"] == "completed"


def test_a_source_report_for_a_source_recorded_later_says_so(cli: Any, trial: GitRepo) -> None:
    trial.write("sources/SRC-AUD2.yaml", SOURCE.replace("SRC-AUD1", "SRC-AUD2").replace("2026-06-01", "2026-11-01"))
    result = cli("report", "source", "SRC-AUD2", "--as-of", PAST, cwd=trial.path)
    assert result.exit_code == 2
    assert "no source SRC-AUD2 in the register on 2026-08-31 (it was recorded after that --as-of date)" in result.stderr


def test_changes_as_of_a_past_date_lints_the_changed_records_as_they_stood(cli: Any, trial: GitRepo) -> None:
    result = cli("changes", "HEAD~3..HEAD", "--format", "json", "--as-of", PAST, cwd=trial.path)
    problems = json.loads(result.stdout)["problems"]
    assert not [p for p in problems if p["rule"] in ("completion-without-change", "future-date")], problems
    today = json.loads(cli("changes", "HEAD~3..HEAD", "--format", "json", cwd=trial.path).stdout)["problems"]
    assert [p["record"] for p in today if p["rule"] == "completion-without-change"] == ["ACT-T7"]


def test_a_suppression_of_a_later_entry_is_not_unused_on_a_past_date(cli: Any, trial: GitRepo) -> None:
    path = trial.path / "actions" / "ACT-T7.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  change: Done.\n", "  # govtool: ignore[completion-without-change] agreed with the "
                                                        "inspector on 20 October\n  change: Done.\n"), encoding="utf-8")
    assert not [p for p in _problems(cli, trial.path) if p["record"] == "ACT-T7" or p["path"] == "actions/ACT-T7.yaml"]
    past = _problems(cli, trial.path, "--as-of", PAST)
    assert not [p for p in past if p["rule"] == "unused-suppression"], past
