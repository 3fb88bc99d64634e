"""A past --as-of date: a measure added by an edit after that day reads as no measure at all.

An action whose measure ``govtool edit`` added on 3 December had none on 27 November: the
plan of 27 November says so the way it does for an action that never had one, in Markdown,
HTML and Word ("No measure recorded", never an empty "How it will be monitored").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx

from tests.conftest import GitRepo

from .report_support import assert_written

SOURCE = """\
id: SRC-1
type: audit
title: Medicines audit, October 2026
date: 2026-10-01
findings:
  - {id: F1, text: Three MAR charts had gaps in the October sample., key_question: safe}
"""


def _action(number: int, title: str, body: str = "") -> str:
    return f"""\
id: ACT-{number}
title: {title}
source: SRC-1
finding: F1
owner: jane.smith
created: 2026-10-02
due: 2027-03-31
status: open
{body}"""


ADDED_LATER = """\
measure:
  target: 0 gaps in 20 MAR charts for 4 weeks in a row
  method: Deputy manager audits 20 charts every Monday
edits:
  - date: 2026-12-03
    by: jane.smith
    fields: [measure.target, measure.method]
    reason: Measure agreed at the December governance meeting
"""


def _register(register: GitRepo) -> Path:
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", _action(1, "Audit 20 MAR charts a week until 4 weeks in a row have no gaps"))
    register.write("actions/ACT-2.yaml", _action(2, "Retrain the 6 night nurses in MAR chart recording, in person",
                                                 ADDED_LATER))
    register.commit("The October audit's plan", date="2026-12-03")
    return register.path


def _markdown_entry(text: str, action_id: str) -> str:
    """An action's entry in the Markdown plan, from its line to the next action's, less the ID and title."""
    entry = re.search(rf"^- \*\*{action_id}\*\*[^\n]*\n(.*?)(?=^- \*\*ACT-|^#|^---|\Z)", text, re.M | re.S)
    assert entry is not None, text
    return entry.group(1)


def _html_cell(page: str, action_id: str) -> str:
    row = re.search(rf'<tr id="{action_id}".*?</tr>', page, re.S)
    assert row is not None, page
    cell = re.search(r'<td data-label="How it will be monitored">(.*?)</td>', row.group(0), re.S)
    assert cell is not None
    return " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())


def test_a_measure_added_after_the_day_reads_as_never_recorded_in_every_format(
        register: GitRepo, cli: Any, tmp_path: Path) -> None:
    root = _register(register)
    before = "27/11/2026"
    md = tmp_path / "plan.md"
    assert_written(cli("report", "action-plan", "--as-of", before, "-o", md, cwd=root))
    text = md.read_text(encoding="utf-8")
    assert "How it will be monitored:** \n" not in text  # never the heading with nothing after it
    assert _markdown_entry(text, "ACT-2") == _markdown_entry(text, "ACT-1")
    assert "  - **How it will be monitored:** No measure recorded\n" in _markdown_entry(text, "ACT-2")

    page = cli("report", "action-plan", "--format", "html", "--as-of", before, cwd=root).stdout
    assert _html_cell(page, "ACT-2") == _html_cell(page, "ACT-1") == "No measure recorded"

    word = tmp_path / "plan.docx"
    assert_written(cli("report", "action-plan", "--as-of", before, "-o", word, cwd=root))
    rows = {row.cells[0].paragraphs[1].text.split(" ")[0]: row.cells[3].text
            for table in docx.Document(str(word)).tables if len(table.columns) == 6 for row in table.rows[1:]}
    assert rows["ACT-2"] == rows["ACT-1"] == "No measure recorded"

    # from the day of the edit on, the measure is there
    after = cli("report", "action-plan", "--format", "html", "--as-of", "2026-12-03", cwd=root).stdout
    assert "Deputy manager audits 20 charts every Monday" in _html_cell(after, "ACT-2")
