"""govtool portfolio: one row per register under the folders, neediest first, totals that are
the sum of each register's own momentum report, and a second run that reads its summaries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE_REGISTER
from tests.report.report_support import FIXTURE_REGISTER

AS_OF = "2026-11-26"
SUMMED = ("open", "overdue", "closed_trailing_quarter", "closed_previous_quarter", "redated")


def git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-11-20T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-20T12:00:00+00:00"}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def committed_copy(source: Path, target: Path) -> Path:
    """``source`` copied to ``target`` as its own repository, its files dated an hour ago (so a
    summary made now is settled and kept)."""
    shutil.copytree(source, target)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Register")
    an_hour_ago = time.time() - 3600
    for path in target.rglob("*"):
        if ".git" not in path.parts:
            os.utime(path, (an_hour_ago, an_hour_ago))
    return target


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    """Three clients: two registers at different depths, and one whose settings are broken;
    and a hidden folder whose register is not looked at."""
    folder = tmp_path / "clients"
    committed_copy(EXAMPLE_REGISTER, folder / "willowbrook")
    committed_copy(FIXTURE_REGISTER, folder / "north" / "oakfield")
    broken = folder / "ashgrove"
    broken.mkdir(parents=True)
    (broken / "govtool.yaml").write_text("provider: [unclosed\n")
    committed_copy(FIXTURE_REGISTER, folder / ".archive" / "old")
    return folder


def portfolio_json(cli: Any, folder: Path, *more: str) -> tuple[dict[str, Any], str]:
    result = cli("portfolio", str(folder), "--as-of", AS_OF, "--format", "json", *more)
    out, _, note = result.output.rpartition("}\n")
    data = json.loads(out + "}")
    # a register that cannot be read makes the run exit 1 (the roll-up is still written)
    assert result.exit_code == (1 if data["totals"]["unreadable"] else 0), result.output
    return data, note


def test_one_row_per_register_with_the_spec_keys_unreadable_first(cli: Any, clients: Path) -> None:
    data, _ = portfolio_json(cli, clients)
    rows = data["registers"]
    assert rows[0]["path"] == f"{clients}/ashgrove"  # cannot be read: first
    assert sorted(r["path"] for r in rows[1:]) == [f"{clients}/north/oakfield", f"{clients}/willowbrook"]

    def need(row: dict[str, Any]) -> tuple[int, ...]:
        fall = row["closed_previous_quarter"] - row["closed_trailing_quarter"]
        return (-row["overdue"], -row["lint_errors"], -fall, -row["open"])

    assert need(rows[1]) <= need(rows[2])
    keys = ["path", "provider", "location", "rating", "open", "overdue", "closed_trailing_quarter",
            "closed_previous_quarter", "median_days_to_close", "redated", "lint_errors", "last_change"]
    assert all(list(r)[:len(keys)] == keys for r in rows)
    # the error is reported where the unclosed flow sequence starts (line 1), as lint reports it
    assert rows[0]["error"].startswith("govtool.yaml:1: YAML syntax error") and rows[0]["open"] is None
    willowbrook = next(r for r in rows if r["path"].endswith("willowbrook"))
    assert willowbrook["provider"] == "Meadowvale Care Homes Ltd" and willowbrook["last_change"] == "2026-11-20"
    for row in rows[1:]:
        said = [f"{row['overdue']} overdue"] if row["overdue"] else []
        said += [f"{row['lint_errors']} lint errors"] if row["lint_errors"] > 1 else []
        assert row["needs"][:len(said)] == said
    assert data["totals"]["registers"] == 3 and data["totals"]["unreadable"] == 1


def test_figures_and_totals_equal_each_registers_own_momentum_report(cli: Any, clients: Path) -> None:
    data, _ = portfolio_json(cli, clients)
    rows = [r for r in data["registers"] if r["error"] is None]
    for row in rows:
        own = json.loads(cli("report", "momentum", "--format", "json", "--as-of", AS_OF, cwd=Path(row["path"])).stdout)
        for key in (*SUMMED, "median_days_to_close"):
            assert row[key] == own[key], (row["path"], key)
    for key in SUMMED:
        assert data["totals"][key] == sum(r[key] for r in rows)


def test_lint_errors_are_what_lint_counts_on_that_day(cli: Any, tmp_path: Path) -> None:
    root = committed_copy(EXAMPLE_REGISTER, tmp_path / "one" / "willowbrook")
    today = time.strftime("%Y-%m-%d")
    result = cli("portfolio", str(tmp_path / "one"), "--as-of", today, "--format", "json")
    row = json.loads(result.output.rpartition("}\n")[0] + "}")["registers"][0]
    problems = json.loads(cli("lint", "--format", "json", cwd=root).output)
    assert row["lint_errors"] == sum(p["severity"] == "error" for p in problems)


def test_a_second_run_reads_the_summaries_and_a_change_is_seen(cli: Any, clients: Path) -> None:
    first, note = portfolio_json(cli, clients)
    assert "3 registers, 0 unchanged since the last run" in note
    second, note = portfolio_json(cli, clients)
    assert second == first and "3 registers, 2 unchanged since the last run" in note  # the broken one is read each time
    for path in (clients / "willowbrook" / "actions").glob("*.yaml"):
        content = path.read_text()
        if "status: in_progress" in content and "due: 2027" in content:
            path.write_text(content.replace("due: 2027", "due: 2026", 1))
            break
    else:
        pytest.fail("the example register has no in-progress action due in 2027")
    third, note = portfolio_json(cli, clients)
    assert "3 registers, 1 unchanged since the last run" in note
    before = next(r for r in first["registers"] if r["path"].endswith("willowbrook"))
    after = next(r for r in third["registers"] if r["path"].endswith("willowbrook"))
    assert after["overdue"] == before["overdue"] + 1
    # a different as-of date is a different summary
    _, note = portfolio_json(cli, clients, "--as-of", "2026-11-27")
    assert "3 registers, 0 unchanged since the last run" in note


def test_another_versions_summary_unused_for_two_weeks_is_deleted(cli: Any, clients: Path) -> None:
    portfolio_json(cli, clients)
    cache_folder = clients / "willowbrook" / ".git" / "govtool"
    (mine,) = cache_folder.glob("portfolio-*.json")
    old, recent = (mine.with_name(mine.stem.rsplit("-", 1)[0] + f"-{tag}.json") for tag in ("oldversion", "newversion"))
    for path, days in ((old, 15), (recent, 3)):
        path.write_text(mine.read_text())
        os.utime(path, (time.time() - days * 86400,) * 2)
    git(clients / "willowbrook", "commit", "-q", "--allow-empty", "-m", "A change, so the row is stored again")
    portfolio_json(cli, clients)
    assert mine.exists() and recent.exists() and not old.exists()


def test_a_new_commit_is_a_change(cli: Any, clients: Path) -> None:
    portfolio_json(cli, clients)
    git(clients / "north" / "oakfield", "commit", "-q", "--allow-empty", "-m", "Nothing in the files")
    _, note = portfolio_json(cli, clients)
    assert "3 registers, 1 unchanged since the last run" in note


def test_markdown_and_html_look_like_the_reports_and_escape_register_text(cli: Any, clients: Path,
                                                                          tmp_path: Path) -> None:
    settings = clients / "north" / "oakfield" / "govtool.yaml"
    settings.write_text(settings.read_text().replace("provider:", 'provider: "<b>Oak</b> | *field*"\nold_provider:', 1)
                        .replace("old_provider:", "# was:", 1))
    target = tmp_path / "portfolio.html"
    result = cli("portfolio", str(clients), "--as-of", AS_OF, "-o", str(target))
    assert result.exit_code == 1, result.output  # ashgrove cannot be read; the file is written all the same
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and '<header class="report-header">' in html and "--accent" in html
    assert "&lt;b&gt;Oak&lt;/b&gt;" in html and "<b>Oak" not in html and "Cannot be read:" in html
    assert "http" not in html.replace("http-equiv", "")  # self-contained: no external assets
    markdown = cli("portfolio", str(clients), "--as-of", AS_OF).output
    assert "\\<b\\>Oak\\</b\\> \\| \\*field\\*" in markdown and "| **Total** |" in markdown


def test_no_register_or_no_folder_is_refused(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    empty = cli("portfolio", str(tmp_path / "empty"))
    assert empty.exit_code == 2 and "no register" in empty.output
    missing = cli("portfolio", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and f"{tmp_path / 'nowhere'}: no such folder\n" in missing.output
    typo = cli("portfolio", str(tmp_path / "emtpy"))  # the folder meant is named
    assert typo.exit_code == 2 and f"no such folder (did you mean {tmp_path / 'empty'}?)" in typo.output
    no_folder = cli("portfolio")  # not a terminal: nothing to ask
    assert no_folder.exit_code == 2 and "missing DIR" in no_folder.output
    monkeypatch.setattr("govtool.cli.ask.interactive", lambda: True)  # as on a terminal: the folder is asked for
    asked = cli("portfolio", input=f"{tmp_path / 'empty'}\n")
    assert "Folder holding the registers" in asked.output and "no register" in asked.output


@pytest.mark.parametrize("command", ["digest", "calendar", "portfolio"])
def test_help_shows_an_example(cli: Any, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.output and f"govtool {command} " in result.output


def test_a_register_that_cannot_be_read_makes_the_run_exit_1_for_a_cron_job(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    committed_copy(FIXTURE_REGISTER, folder / "oakfield")
    assert cli("portfolio", str(folder), "--as-of", AS_OF).exit_code == 0
    broken = folder / "ashgrove"
    broken.mkdir()
    (broken / "govtool.yaml").write_text("provider: [unclosed\n")
    target = tmp_path / "portfolio.md"
    result = cli("portfolio", str(folder), "--as-of", AS_OF, "-o", str(target))
    assert result.exit_code == 1
    assert "Cannot be read:" in target.read_text()  # the roll-up is written all the same
    assert result.stderr.splitlines()[-1] == "govtool: 1 of 2 registers could not be read (their rows say why)"
