"""Momentum figures worked out by hand for a small register with known dates.

As of 2026-06-30 the trailing quarter is 2026-04-01..2026-06-30 (91 days) and the previous
quarter 2025-12-31..2026-03-31 (91 days); the actions close exactly on those boundaries.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SETTINGS = """\
provider: Test Care Ltd
location: Test House
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}
  sam.patel: {name: Sam Patel, role: Deputy Manager}
  amy.jones: {name: Amy Jones, role: Clinical Lead}
"""


def closed(action_id: str, created: str, closed_on: str, due: str, owner: str = "jane.smith") -> str:
    return f"""\
id: {action_id}
title: Closed action {action_id}
source: SRC-1
owner: {owner}
priority: low
created: {created}
due: {due}
status: closed
completion: {{date: {closed_on}, by: {owner}, change: 10 of 10 checked}}
closure: {{date: {closed_on}, by: jane.smith, note: checked}}
"""


ACTIONS = {
    # closes on the first day of the trailing quarter: 90 days after it was created
    "ACT-C1": closed("ACT-C1", "2026-01-01", "2026-04-01", "2026-05-01"),
    # closes on the last day of the previous quarter: 30 days
    "ACT-C2": closed("ACT-C2", "2026-03-01", "2026-03-31", "2026-04-30"),
    # closes on the first day of the previous quarter: 30 days
    "ACT-C3": closed("ACT-C3", "2025-12-01", "2025-12-31", "2026-01-31"),
    # closes the day before the previous quarter: in neither; 30 days
    "ACT-C4": closed("ACT-C4", "2025-11-30", "2025-12-30", "2026-01-31"),
    # closes the day after the as-of date: still open (and overdue) on the as-of date
    "ACT-C5": closed("ACT-C5", "2026-06-01", "2026-07-01", "2026-06-15", owner="amy.jones"),
    "ACT-O1": """\
id: ACT-O1
title: Open action re-dated once
source: SRC-1
owner: jane.smith
priority: low
created: 2026-02-01
due: 2026-12-31
status: open
redates:
  - {date: 2026-05-01, from: 2026-05-31, to: 2026-12-31, reason: waiting for the supplier}
""",
    "ACT-O2": """\
id: ACT-O2
title: In progress and overdue
source: SRC-1
owner: sam.patel
priority: low
created: 2026-03-01
due: 2026-06-01
status: in_progress
""",
    "ACT-X1": """\
id: ACT-X1
title: Cancelled in May, overdue in March
source: SRC-1
owner: sam.patel
priority: low
created: 2026-01-15
due: 2026-02-28
status: cancelled
cancellation: {date: 2026-05-01, by: jane.smith, reason: replaced}
""",
    "ACT-F1": """\
id: ACT-F1
title: Created after the as-of date
source: SRC-1
owner: jane.smith
priority: low
created: 2026-07-15
due: 2026-09-30
status: open
""",
}


def _register(git_repo: Any) -> Path:
    git_repo.write("govtool.yaml", SETTINGS)
    git_repo.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: Audit\ndate: 2025-11-01\n")
    for action_id, text in ACTIONS.items():
        git_repo.write(f"actions/{action_id}.yaml", text)
    git_repo.commit("register", date="2026-07-20")
    return git_repo.path


def _momentum(cli: Any, root: Path, as_of: str) -> dict[str, Any]:
    result = cli("report", "momentum", "--format", "json", "--as-of", as_of, cwd=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_momentum_figures_by_hand(git_repo: Any, cli: Any) -> None:
    figures = _momentum(cli, _register(git_repo), "2026-06-30")
    assert figures["as_of"] == "2026-06-30"
    assert figures["open"] == 3  # O1, O2, and C5 (closed only on 1 July)
    assert figures["overdue"] == 2  # O2 (due 1 June), C5 (due 15 June)
    assert figures["closed_trailing_quarter"] == 1  # C1 on 1 April
    assert figures["closed_previous_quarter"] == 2  # C2 on 31 March, C3 on 31 December
    assert figures["closed_by_month"] == {  # from November 2025, when the plan began (C4's created date)
        "2025-11": 0, "2025-12": 2, "2026-01": 0, "2026-02": 0, "2026-03": 1, "2026-04": 1,
        "2026-05": 0, "2026-06": 0,
    }
    assert figures["plan_start"] == "2025-11-30"
    assert figures["median_days_to_close"] == 30  # 90, 30, 30, 30
    assert figures["redated"] == 1  # O1
    assert figures["by_owner"] == {
        "jane.smith": {"open": 1, "overdue": 0},
        "sam.patel": {"open": 1, "overdue": 1},
        "amy.jones": {"open": 1, "overdue": 1},
    }
    assert figures["trailing_quarter"]["start"] == "2026-04-01"
    assert figures["previous_quarter"] == {"start": "2025-12-31", "end": "2026-03-31", "closed": 2, "created": 5}
    # created then: C1, C2, O1, O2, X1


def test_quarter_boundaries_move_with_the_as_of_date(git_repo: Any, cli: Any) -> None:
    figures = _momentum(cli, _register(git_repo), "2026-07-01")
    # trailing 2026-04-02..2026-07-01 holds C5; previous 2026-01-01..2026-04-01 holds C1 and C2
    assert figures["closed_trailing_quarter"] == 1
    assert figures["closed_previous_quarter"] == 2
    assert figures["open"] == 2  # C5 is closed now
    assert figures["closed_by_month"]["2026-07"] == 1
    assert "2025-07" not in figures["closed_by_month"]


def test_backlog_on_a_past_date_comes_from_the_file_dates(git_repo: Any, cli: Any) -> None:
    figures = _momentum(cli, _register(git_repo), "2026-06-30")
    weeks = {point["date"]: point for point in figures["backlog"]}
    assert len(figures["backlog"]) == 26
    assert figures["backlog"][-1] == {"date": "2026-06-30", "open": 3, "overdue": 2}
    # 17 March: C1, C2, O1, O2 and X1 were open; X1 (due 28 February, cancelled in May) overdue.
    # O1 was due 31 May then (its re-date came on 1 May), so it was not overdue.
    assert weeks["2026-03-17"] == {"date": "2026-03-17", "open": 5, "overdue": 1}


def test_momentum_of_an_empty_register(register: Any, cli: Any) -> None:
    figures = _momentum(cli, register.path, "2026-11-26")
    assert figures["open"] == 0 and figures["median_days_to_close"] is None
    assert figures["by_owner"] == {} and sum(figures["closed_by_month"].values()) == 0
    for fmt in ("markdown", "html"):
        assert cli("report", "momentum", "--format", fmt, "--as-of", "2026-11-26", cwd=register.path).exit_code == 0


def test_momentum_svg_carries_no_raw_control_characters(git_repo: Any, cli: Any) -> None:
    root = _register(git_repo)
    hostile = 'jane.smith: {name: "Jane\\e[2J\\a Smith\\u202e\\f", role: Registered Manager}'
    (root / "govtool.yaml").write_text(SETTINGS.replace("jane.smith: {name: Jane Smith, role: Registered Manager}", hostile))
    result = cli("report", "momentum", "--format", "html", "--as-of", "2026-06-30", cwd=root)
    assert result.exit_code == 0, result.output
    svg = result.output[result.output.index("<svg"):]
    assert "Jane\ufffd[2J\ufffd Smith" in svg
    assert not any(ch in svg for ch in "\x1b\x07\x0c\u202e")


def test_as_of_at_the_ends_of_the_calendar_is_one_line_not_a_crash(register: Any, cli: Any) -> None:
    for report in ("momentum", "action-plan", "risks"):
        for as_of in ("0001-01-01", "9999-12-31"):
            result = cli.subprocess("report", report, "--format", "json", "--as-of", as_of, cwd=register.path)
            assert result.returncode == 2, result.stderr
            assert result.stderr.strip() == (f"govtool: error: --as-of {as_of} is out of range: give a date "
                                             "from 1900-01-01 to 9000-12-31")
    assert cli("report", "momentum", "--format", "json", "--as-of", "1900-01-01", cwd=register.path).exit_code == 0


def _new_register(git_repo: Any) -> Path:
    """A plan carried over from a spreadsheet: three actions created on 10 November 2026, a
    fourth on 1 December, one closed on 20 January 2027; first committed on 2 December 2026."""
    git_repo.write("govtool.yaml", SETTINGS)
    git_repo.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: Audit\ndate: 2026-11-01\n")
    for number in (1, 2, 3):
        git_repo.write(f"actions/ACT-N{number}.yaml", ACTIONS["ACT-O2"].replace("ACT-O2", f"ACT-N{number}")
                       .replace("2026-03-01", "2026-11-10").replace("2026-06-01", "2027-03-31"))
    git_repo.write("actions/ACT-N4.yaml", closed("ACT-N4", "2026-12-01", "2027-01-20", "2027-01-31"))
    git_repo.commit("register", date="2026-12-02")
    return git_repo.path


def test_months_and_weeks_start_when_the_plan_began(git_repo: Any, cli: Any) -> None:
    """A register begun in November shows November on, not a year of empty months (and weeks)
    that read as a year without progress. Before, every report showed 12 months and 26 weeks."""
    root = _new_register(git_repo)
    figures = _momentum(cli, root, "2027-02-05")
    assert figures["plan_start"] == "2026-11-10"  # the spreadsheet's dates, before the first commit
    assert figures["closed_by_month"] == {"2026-11": 0, "2026-12": 0, "2027-01": 1, "2027-02": 0}
    weeks = [point["date"] for point in figures["backlog"]]
    assert weeks[0] == "2026-11-13" and weeks[-1] == "2027-02-05" and len(weeks) == 13
    assert figures["backlog"][0]["open"] == 3
    markdown = cli("report", "momentum", "--as-of", "2027-02-05", cwd=root).stdout
    assert "## Backlog over the last 13 weeks" in markdown
    began = "The plan began on 10 Nov 2026 (its first action's created date): the {} before it are not shown."
    assert began.format("weeks") in markdown and began.format("months") in markdown
    assert "| Oct 2026 |" not in markdown and "| Nov 2026 | 0 |" in markdown
    html = cli("report", "momentum", "--format", "html", "--as-of", "2027-02-05", cwd=root).stdout
    assert "Open backlog over the last 13 weeks" in html and "The plan began on 10 Nov 2026" in html
    # the same date gives the same report; a past date starts where the plan did by then
    assert _momentum(cli, root, "2027-02-05") == figures
    earlier = _momentum(cli, root, "2026-11-20")
    assert earlier["closed_by_month"] == {"2026-11": 0}
    assert [point["date"] for point in earlier["backlog"]] == ["2026-11-13", "2026-11-20"]


def test_a_long_running_plan_still_shows_26_weeks_and_every_month_from_its_first_closure(git_repo: Any, cli: Any) -> None:
    figures = _momentum(cli, _register(git_repo), "2027-06-30")
    assert len(figures["backlog"]) == 26
    assert list(figures["closed_by_month"])[0] == "2025-12" and len(figures["closed_by_month"]) == 19
    markdown = cli("report", "momentum", "--as-of", "2027-06-30", cwd=git_repo.path).stdout
    assert "## Backlog over the last 26 weeks" in markdown and "The plan began" not in markdown


def test_a_register_with_no_action_yet_shows_only_the_as_of_week_and_month(register: Any, cli: Any) -> None:
    figures = _momentum(cli, register.path, "2026-11-26")
    assert figures["closed_by_month"] == {"2026-11": 0}
    assert figures["backlog"] == [{"date": "2026-11-26", "open": 0, "overdue": 0}]
