"""A cancelled source's report says it was cancelled, when, by whom and why.

A source recorded by mistake is cancelled with a reason (govtool cancel SRC-...): its findings
ask for no action and the action plan leaves it out. Its own report said "No: the loop is
still open" and "No action recorded for this finding" without a word about the cancellation.
`report all`, which writes one report per inspection report, leaves it out as the plan does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import GitRepo

AS_OF = "2026-11-26"
REASON = "Entered for the wrong location: it is Oak House's report"


def _report(source_id: str, extra: str = "") -> str:
    return (f"id: {source_id}\ntype: inspection_report\ntitle: CQC inspection report {source_id}\ndate: 2026-10-01\n"
            "findings:\n  - {id: F1, text: Medicines were not managed safely., regulation: '12', level: must}\n"
            + extra)


CANCELLED = f"cancellation: {{date: 2026-10-30, by: jane.smith, reason: \"{REASON}\"}}\n"
ACTION = """\
id: ACT-OK1
title: Audit 10 MAR charts every week until 4 weeks in a row have no gaps
source: SRC-OK
finding: F1
owner: jane.smith
created: 2026-10-05
due: 2027-01-31
status: open
measure: {target: 0 gaps in 10 MAR charts for 4 weeks in a row}
"""


def _register(register: GitRepo) -> Path:
    register.write("sources/SRC-OK.yaml", _report("SRC-OK"))
    register.write("sources/SRC-WRONG.yaml", _report("SRC-WRONG", CANCELLED))
    register.write("actions/ACT-OK1.yaml", ACTION)
    register.commit("Two reports, one entered by mistake and cancelled", date="2026-11-20")
    return register.path


def test_a_cancelled_sources_report_says_it_was_cancelled_with_the_reason(register: GitRepo, cli: Any) -> None:
    root = _register(register)
    markdown = cli("report", "source", "SRC-WRONG", "--as-of", AS_OF, cwd=root).stdout
    said = f"the source was cancelled 30 Oct 2026 by Jane Smith: {REASON}"
    assert f"**No action needed:** {said}" in markdown
    assert f"**Cancelled** 30 Oct 2026 by Jane Smith: {REASON}" in markdown
    assert "No action needed: the source was cancelled." in markdown  # under its finding
    assert "still open" not in markdown and "No action recorded" not in markdown

    page = cli("report", "source", "SRC-WRONG", "--format", "html", "--as-of", AS_OF, cwd=root).stdout
    flat = " ".join(page.replace("&#39;", "'").split())
    assert '<strong>No action needed:</strong> the source was cancelled <time datetime="2026-10-30">' in flat
    assert f"by Jane Smith: {REASON}</p>" in flat
    assert "No action recorded" not in flat


def test_an_action_still_open_on_a_cancelled_source_keeps_its_loop_open(register: GitRepo, cli: Any) -> None:
    root = _register(register)
    register.write("actions/ACT-W1.yaml", ACTION.replace("ACT-OK1", "ACT-W1").replace("SRC-OK", "SRC-WRONG"))
    register.commit("An action raised before the source was cancelled", date="2026-11-21")
    markdown = cli("report", "source", "SRC-WRONG", "--as-of", AS_OF, cwd=root).stdout
    assert ("**No: the loop is still open.** Actions on it are not closed, though the source was cancelled "
            f"30 Oct 2026 by Jane Smith: {REASON}") in markdown
    assert "- Action ACT-W1 is open, not yet closed" in markdown


def test_report_all_leaves_a_cancelled_source_out_as_the_plan_does(register: GitRepo, cli: Any,
                                                                    tmp_path: Path) -> None:
    root = _register(register)
    result = cli("report", "all", "-o", tmp_path / "reports", "--as-of", AS_OF, cwd=root)
    assert result.exit_code == 0, result.output
    written = {Path(line).name for line in result.stdout.splitlines()}
    assert {"source-SRC-OK.md", "source-SRC-OK.html", "source-SRC-OK.json"} <= written
    assert not any("SRC-WRONG" in name for name in written)
    assert "SRC-WRONG" not in (tmp_path / "reports" / "action-plan.md").read_text(encoding="utf-8")
