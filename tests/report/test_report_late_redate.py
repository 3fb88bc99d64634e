"""A re-date recorded after the due date it moved had passed says so in the plan and momentum.

The first thing an inspector asks of a slipping plan is whether the date was moved before or
after it was missed. The plan (Markdown, HTML in a real browser, Word, JSON) reads the re-date
entry's own date against the date it moved ("Re-dated 5 Nov 2026 (5 days after it was due)");
momentum counts the open actions whose due date moved after it had passed, as Git saw each move
(as it counts slips). Each register is a real repository with dated commits; each case failed
before: a late re-date read as an ordinary one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import GitRepo
from tests.history.helpers import action, redate

from .report_support import Browser, assert_written, chromium

AS_OF = "2026-11-26"
SOURCE = """\
id: SRC-1
type: audit
title: Call monitoring audit, August 2026
date: 2026-08-20
"""
LATE = "Beth off sick for two weeks in October"


def _start(register: GitRepo) -> GitRepo:
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", action(source="SRC-1", created="2026-09-01", due="2026-10-31"))
    register.write("actions/ACT-2.yaml", action(
        "ACT-2", source="SRC-1", created="2026-09-01", due="2026-12-15",
        redates=[redate("2026-10-20", "2026-10-31", "2026-12-15", "Supplier delivers the new phones in December")]))
    register.commit("Plan", date="2026-09-01")
    return register


def _redate_by_hand_then_record(register: GitRepo, cli: Any, monkeypatch: pytest.MonkeyPatch,
                                moved_on: str | None) -> None:
    """ACT-1's due date moved by hand from 31 Oct to 30 Nov (committed on ``moved_on``, or left
    in the working tree), then recorded as lint's silent-redate asks, on 5 Nov."""
    path = register.path / "actions" / "ACT-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("due: '2026-10-31'", "due: '2026-11-30'"), encoding="utf-8")
    if moved_on:
        register.commit("Notepad edit", date=moved_on)
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-05T09:12:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-05T09:12:00+00:00")
    result = cli("redate", "ACT-1", "--to", "2026-11-30", "--reason", LATE, "--date", "2026-11-05",
                 "--by", "jane.smith", "--commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    assert register.git("status", "--porcelain") == ""


@pytest.fixture
def late(register: GitRepo, cli: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The trial's case: the date moved by hand after it had passed, then recorded."""
    _redate_by_hand_then_record(_start(register), cli, monkeypatch, moved_on=None)
    return register.path


def _report(cli: Any, root: Path, *args: str) -> str:
    result = cli("report", *args, "--as-of", AS_OF, cwd=root)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _flat(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split()).replace(" )", ")").replace("( ", "(")


def test_markdown_says_the_re_date_came_after_the_due_date(late: Path, cli: Any) -> None:
    page = _report(cli, late, "action-plan")
    assert ("**Re-dated** 31 Oct 2026 → 30 Nov 2026 on 5 Nov 2026 (**5 days after it was due**) "
            f"by Jane Smith: {LATE}") in page
    # the one recorded before the date it moved reads as it did
    assert "**Re-dated** 31 Oct 2026 → 15 Dec 2026 on 20 Oct 2026: Supplier" in page
    assert page.count("after it was due") == 1


def test_json_gives_the_days_after_the_due_date(late: Path, cli: Any) -> None:
    view = json.loads(_report(cli, late, "action-plan", "--format", "json"))
    actions = {a["id"]: a for f in view["sources"][0]["findings"] or [{"actions": []}] for a in f["actions"]}
    actions |= {a["id"]: a for a in view["sources"][0]["other_actions"]}
    assert [r["days_after_due"] for r in actions["ACT-1"]["redates"]] == [5]
    assert actions["ACT-1"]["redate_summary"] == "Re-dated 5 days after it was due (see progress)"
    assert [r["days_after_due"] for r in actions["ACT-2"]["redates"]] == [None]
    assert actions["ACT-2"]["redate_summary"] == "Re-dated 1× (see progress)"


def test_the_word_plan_says_so_in_the_due_date_and_progress_columns(late: Path, cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    assert_written(cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=late))
    rows = {row.cells[0].paragraphs[1].text.split(" ")[0]: [c.text for c in row.cells]
            for table in docx.Document(str(target)).tables if len(table.columns) == 6 for row in table.rows[1:]}
    assert "Re-dated 5 days after it was due (see progress)" in rows["ACT-1"][2]
    assert (f"Re-dated 5 Nov 2026 (5 days after it was due) by Jane Smith from 31 Oct 2026 to 30 Nov 2026: {LATE}"
            in rows["ACT-1"][4])
    assert "after it was due" not in rows["ACT-2"][2] + rows["ACT-2"][4]


def test_the_html_plan_says_so_in_a_browser(late: Path, cli: Any, tmp_path: Path) -> None:
    browser = Browser(chromium(), tmp_path / "browser")
    target = tmp_path / "out" / "plan.html"
    target.parent.mkdir()
    assert_written(cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=late))
    dom = browser.run(target, "--dump-dom").stdout
    rows = dict(re.findall(r'<tr id="(ACT-\d)"(.*?)</tr>', dom, re.S))
    first, second = _flat(rows["ACT-1"]), _flat(rows["ACT-2"])
    assert "Re-dated 5 days after it was due (see progress)" in first
    assert (f"Re-dated 5 Nov 2026 (5 days after it was due) by Jane Smith from 31 Oct 2026 to 30 Nov 2026: {LATE}"
            in first)
    assert "after it was due" not in second and "Re-dated 1× (see progress)" in second
    assert browser.page_requests() == []


def test_several_re_dates_say_how_many_came_after_the_due_date(register: GitRepo, cli: Any) -> None:
    _start(register)
    register.write("actions/ACT-1.yaml", action(source="SRC-1", created="2026-09-01", due="2026-12-31", redates=[
        redate("2026-10-25", "2026-10-31", "2026-11-15"), redate("2026-11-20", "2026-11-15", "2026-12-31")]))
    register.commit("Re-dated twice", date="2026-11-20")
    view = json.loads(_report(cli, register.path, "action-plan", "--format", "json"))
    [act] = [a for a in view["sources"][0]["other_actions"] if a["id"] == "ACT-1"]
    assert [r["days_after_due"] for r in act["redates"]] == [None, 5]
    assert act["redate_summary"] == "Re-dated 2× (see progress), 1 of them after the due date had passed"


def _momentum(cli: Any, root: Path, as_of: str = AS_OF) -> dict[str, Any]:
    result = cli("report", "momentum", "--format", "json", "--as-of", as_of, cwd=root)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_momentum_counts_the_actions_re_dated_after_the_due_date(late: Path, cli: Any) -> None:
    figures = _momentum(cli, late)
    assert (figures["redated"], figures["redated_after_due"]) == (2, 1)
    assert "| Of them, re-dated after the due date had passed | 1 |" in _report(cli, late, "momentum")
    html = _flat(_report(cli, late, "momentum", "--format", "html"))
    assert "2 open actions re-dated at least once (1 of them after the due date had passed)" in html
    # on 4 November the date had not moved yet: a past day reads the commits made by then
    before = _momentum(cli, late, "2026-11-04")
    assert (before["redated"], before["redated_after_due"]) == (1, 0)
    # one action is said as one: not "(0 of them after the due date had passed)"
    result = cli("report", "momentum", "--format", "html", "--as-of", "2026-11-04", cwd=late)
    html = _flat(result.stdout)
    assert "1 open action re-dated at least once (before its due date)" in html


def test_momentum_reads_when_git_saw_the_move_the_plan_reads_the_entry(
        register: GitRepo, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moved by hand on 20 October, before it was due, and recorded on 5 November: the plan
    shows the entry as written (after the due date), momentum the move as Git saw it (before)."""
    _redate_by_hand_then_record(_start(register), cli, monkeypatch, moved_on="2026-10-20")
    assert "(**5 days after it was due**)" in _report(cli, register.path, "action-plan")
    figures = _momentum(cli, register.path)
    assert (figures["redated"], figures["redated_after_due"]) == (2, 0)


def test_momentum_outside_git_reads_the_entries(late: Path, cli: Any, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(late, copy, ignore=shutil.ignore_patterns(".git"))
    figures = _momentum(cli, copy)
    assert (figures["redated"], figures["redated_after_due"]) == (2, 1)
