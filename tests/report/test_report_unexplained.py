"""A change to an action's trail that nothing explains shows in the plan, not only in lint.

A consultant's trial: a due date moved by hand in a text editor and committed past the hook
(lint's silent-redate proves it from Git) read in the CQC plan as the plan's own date, Amber
and on track, with nothing to say it had moved. The plan (Markdown, HTML, Word, JSON) now lists
it under "Changes to the trail not yet explained", and stops listing it once the re-date is
recorded. Each register is a real repository with dated commits.
"""

from __future__ import annotations

import json
from typing import Any

import docx

from tests.conftest import MINIMAL_SETTINGS, GitRepo
from tests.history.helpers import action

from .test_report_late_redate import AS_OF, _start

HEADING = "Changes to the trail not yet explained"
MOVED = "moved the due date of ACT-1 from 2026-10-31 to 2027-03-31 with no re-date entry"


def _moved_by_hand(register: GitRepo) -> GitRepo:
    path = register.path / "actions" / "ACT-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("due: '2026-10-31'", "due: '2027-03-31'"),
                    encoding="utf-8")
    register.commit("Notepad edit", date="2026-10-20")
    return register


def _plan(cli: Any, register: GitRepo, fmt: str, *as_of: str) -> str:
    result = cli("report", "action-plan", *(as_of or ("--as-of", AS_OF)), "--format", fmt, cwd=register.path)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_a_due_date_moved_by_hand_is_listed_in_every_form_of_the_plan(register: GitRepo, cli: Any, tmp_path) -> None:
    _moved_by_hand(_start(register))
    markdown = _plan(cli, register, "markdown")
    assert f"## {HEADING}" in markdown
    assert "- **ACT-1**: commit " in markdown and MOVED in markdown
    assert "govtool redate" not in markdown.split(HEADING, 1)[1]  # what happened, not lint's advice
    assert HEADING in _plan(cli, register, "html") and MOVED in _plan(cli, register, "html")
    [listed] = json.loads(_plan(cli, register, "json"))["unexplained"]
    assert (listed["record"], listed["rule"]) == ("ACT-1", "silent-redate")
    target = tmp_path / "plan.docx"
    result = cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=register.path)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert HEADING in text and MOVED in text


def test_once_the_re_date_is_recorded_the_plan_lists_nothing(register: GitRepo, cli: Any) -> None:
    _moved_by_hand(_start(register))
    result = cli("redate", "ACT-1", "--to", "2027-03-31", "--reason", "Supplier moved the install to March",
                 "--by", "jane.smith", "--commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    # recorded today: the plan of today lists nothing; the plan of a day before it still does
    assert HEADING not in _plan(cli, register, "markdown", "--as-of", "today")
    assert json.loads(_plan(cli, register, "json", "--as-of", "today"))["unexplained"] == []
    assert HEADING in _plan(cli, register, "markdown")


def test_a_register_outside_git_still_gets_its_plan(tmp_path, cli: Any) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "actions").mkdir()
    (tmp_path / "govtool.yaml").write_text(MINIMAL_SETTINGS, encoding="utf-8")
    (tmp_path / "actions" / "ACT-1.yaml").write_text(action(created="2026-09-01", due="2026-12-31"), encoding="utf-8")
    result = cli("report", "action-plan", "--as-of", AS_OF, "--format", "markdown", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert HEADING not in result.stdout
