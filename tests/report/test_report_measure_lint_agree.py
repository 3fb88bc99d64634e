"""The plan and lint's missing-measure agree about an action with no measure.

"No measure recorded" is printed exactly where lint's missing-measure warns: an action not yet
signed off (open, in progress, or completed and awaiting its sign-off). A closed action was
signed off as it stood and a cancelled one needs none: lint leaves them alone, and the plan
says what happened instead ("None recorded before sign-off", "None: the action was cancelled").
The Markdown, HTML and Word plans say it in the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import docx

from govtool.lint.engine import lint_register
from tests.conftest import GitRepo

from .report_support import assert_written

AS_OF = "2026-11-26"
SOURCE = """\
id: SRC-1
type: audit
title: Care plan audit, September 2026
date: 2026-09-01
findings:
  - {id: F1, text: Care plans did not record people's consent., key_question: effective}
"""
DONE = """\
completion:
  date: 2026-11-01
  by: sam.patel
  change: 10 of 10 sampled care plans now have a signed consent section (4 of 10 before)
  evidence:
    - url: https://docs.example.org/consent-audit
"""
TRAIL = {
    "open": "",
    "in_progress": "updates:\n  - {date: 2026-10-01, by: sam.patel, note: Form drafted., next_milestone: Form in use,"
                   " milestone_due: 2026-12-10}\n",
    "completed": DONE,
    "closed": DONE + "closure: {date: 2026-11-10, by: jane.smith, note: Audit checked at the governance meeting.}\n",
    "cancelled": "cancellation: {date: 2026-09-20, by: jane.smith, reason: Merged into the consent form work in ACT-OPEN}\n",
}
IDS = {"open": "ACT-OPEN", "in_progress": "ACT-INPROG", "completed": "ACT-DONE", "closed": "ACT-CLOSED",
       "cancelled": "ACT-CANC"}


def _register(register: GitRepo) -> Path:
    register.write("sources/SRC-1.yaml", SOURCE)
    for status, action_id in IDS.items():
        register.write(f"actions/{action_id}.yaml", (
            f"id: {action_id}\ntitle: Add a signed consent section to every care plan ({status})\nsource: SRC-1\n"
            f"finding: F1\nowner: sam.patel\npriority: high\ncreated: 2026-09-05\ndue: 2027-01-31\nstatus: {status}\n"
            + TRAIL[status]))
    register.commit("Consent actions in every state", date="2026-11-20")
    return register.path


def _html_cells(page: str) -> dict[str, str]:
    cells = {}
    for row in re.finditer(r'<tr id="(ACT-[A-Z]+)".*?</tr>', page, re.S):
        cell = re.search(r'<td data-label="How it will be monitored">(.*?)</td>', row.group(0), re.S)
        assert cell is not None
        cells[row.group(1)] = " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())
    return cells


def _markdown_lines(text: str) -> dict[str, str]:
    """Each action's "How it will be monitored" line in the Markdown plan, by the action's ID."""
    lines = {}
    for entry in re.finditer(r"^- \*\*(ACT-[A-Z]+)\*\*.*?(?=^- \*\*ACT-|^#|^---|\Z)", text, re.M | re.S):
        said = re.findall(r"^  - \*\*How it will be monitored:\*\* (.*)$", entry.group(0), re.M)
        assert len(said) == 1, entry.group(0)  # one line for every action, measure or not
        lines[entry.group(1)] = said[0]
    return lines


def test_no_measure_recorded_is_printed_where_lint_warns_and_only_there(register: GitRepo, cli: Any,
                                                                        tmp_path: Path) -> None:
    root = _register(register)
    warned = {p.record for p in lint_register(root, dt.date.fromisoformat(AS_OF)).problems
              if p.rule == "missing-measure"}
    # a completed action awaits the sign-off its measure is for: lint warns about it too
    assert warned == {"ACT-OPEN", "ACT-INPROG", "ACT-DONE"}

    expected = {action_id: "No measure recorded" for action_id in warned}
    expected |= {"ACT-CLOSED": "None recorded before sign-off", "ACT-CANC": "None: the action was cancelled"}
    page = cli("report", "action-plan", "--format", "html", "--as-of", AS_OF, cwd=root).stdout
    assert _html_cells(page) == expected

    markdown = cli("report", "action-plan", "--as-of", AS_OF, cwd=root).stdout
    assert _markdown_lines(markdown) == expected

    word = tmp_path / "plan.docx"
    assert_written(cli("report", "action-plan", "--as-of", AS_OF, "-o", word, cwd=root))
    rows = {row.cells[0].paragraphs[1].text.split(" ")[0]: row.cells[3].text
            for table in docx.Document(str(word)).tables if len(table.columns) == 6 for row in table.rows[1:]}
    assert rows == expected


def test_the_edit_lint_proposes_for_a_completed_action_clears_the_warning_and_the_plan_line(
        register: GitRepo, cli: Any) -> None:
    root = _register(register)
    done = cli("edit", "ACT-DONE", "--measure-target", "10 of 10 sampled care plans have a signed consent section",
               "--reason", "Measure agreed before sign-off", "--by", "jane.smith", cwd=root)
    assert done.exit_code == 0, done.output
    warned = {p.record for p in lint_register(root, dt.date.today()).problems if p.rule == "missing-measure"}
    assert "ACT-DONE" not in warned
    page = cli("report", "action-plan", "--format", "html", cwd=root).stdout
    assert _html_cells(page)["ACT-DONE"] == "Target: 10 of 10 sampled care plans have a signed consent section"
