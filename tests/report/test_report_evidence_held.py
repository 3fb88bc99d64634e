"""Evidence kept in the register shows as its path there, held by the provider, never as a link.

A home-care manager wrote the plan to a folder beside the register and emailed the Word file:
its evidence links (Target="../trial/CQC%20plan/evidence/…") pointed nowhere, and nothing said
the evidence is held by the provider. Now a file in the register reads "evidence/Call
monitoring Jan 2027.xlsx (held by the provider, available on request)" in Markdown, HTML (in a
real browser) and Word, wherever the report is written; web addresses stay links. Each case
failed before: the file was a link relative to the report's folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import GitRepo
from tests.history.helpers import action

from .report_support import Browser, assert_written, chromium

AS_OF = "2026-11-26"
HELD = "held by the provider, available on request"
SOURCE = """\
id: SRC-1
type: audit
title: Call monitoring audit, August 2026
date: 2026-08-20
"""
COMPLETION = {
    "date": "2026-11-20", "by": "jane.smith",
    "change": "Late calls fell from 14% to 3% of calls in the four weeks to 20 November",
    "evidence": [
        {"path": "evidence/Call monitoring Jan 2027.xlsx"},
        {"path": "evidence/rota & <cover>.pdf", "description": "Rota with cover for <every> run"},
        {"url": "https://intranet.example/call-monitoring?week=46", "description": "Call monitoring dashboard"},
    ],
}


@pytest.fixture
def plan(tmp_path: Path, cli: Any) -> Path:
    """A register in a folder with a space in its name ("CQC plan"), as in the trial."""
    repo = GitRepo(tmp_path / "trial" / "CQC plan")
    repo.path.mkdir(parents=True)
    repo.git("init", "-q", "-b", "main")
    repo.write("govtool.yaml", "provider: Test Care Ltd\nlocation: Test House\npeople:\n"
                               "  jane.smith: {name: Jane Smith, role: Registered Manager}\n")
    repo.write("sources/SRC-1.yaml", SOURCE)
    repo.write("actions/ACT-1.yaml", action(source="SRC-1", created="2026-09-01", due="2026-11-30",
                                            status="completed", completion=COMPLETION))
    repo.write("evidence/Call monitoring Jan 2027.xlsx", "x\n")
    repo.write("evidence/rota & <cover>.pdf", "x\n")
    repo.commit("Plan", date="2026-11-20")
    return repo.path


def _write(cli: Any, register: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    assert_written(cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=register))
    return target


def test_the_word_plan_names_the_file_and_links_only_web_addresses(plan: Path, cli: Any, tmp_path: Path) -> None:
    document = docx.Document(str(_write(cli, plan, tmp_path / "out" / "plan.docx")))
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links == ["https://intranet.example/call-monitoring?week=46"]
    [row] = [row for table in document.tables if len(table.columns) == 6 for row in table.rows[1:]]
    evidence = row.cells[5].text
    assert f"evidence/Call monitoring Jan 2027.xlsx ({HELD})" in evidence
    assert f"Rota with cover for <every> run (evidence/rota & <cover>.pdf, {HELD})" in evidence
    assert "Call monitoring dashboard" in evidence


def test_the_html_plan_names_the_file_in_a_browser(plan: Path, cli: Any, tmp_path: Path) -> None:
    browser = Browser(chromium(), tmp_path / "browser")
    dom = browser.run(_write(cli, plan, tmp_path / "out" / "plan.html"), "--dump-dom").stdout
    hrefs = re.findall(r'href="([^"]*)"', dom)
    assert [h for h in hrefs if not h.startswith("#")] == ["https://intranet.example/call-monitoring?week=46"]
    text = " ".join(re.sub(r"<[^>]+>", "", dom).split())
    assert f"evidence/Call monitoring Jan 2027.xlsx ({HELD})" in text
    # register text stays escaped: the path and description show as typed, never as markup
    assert f"Rota with cover for &lt;every&gt; run (evidence/rota &amp; &lt;cover&gt;.pdf, {HELD})" in text
    assert "<every>" not in dom and "<cover>" not in dom
    assert browser.page_requests() == []


def test_markdown_names_the_file_and_keeps_web_links(plan: Path, cli: Any, tmp_path: Path) -> None:
    page = _write(cli, plan, tmp_path / "out" / "plan.md").read_text(encoding="utf-8")
    line = next(ln for ln in page.splitlines() if "**Evidence:**" in ln)
    assert f"evidence/Call monitoring Jan 2027.xlsx ({HELD})" in line
    assert rf"Rota with cover for \<every\> run (evidence/rota & \<cover\>.pdf, {HELD})" in line
    assert "[Call monitoring dashboard](<https://intranet.example/call-monitoring?week=46>)" in line
    assert "](<../" not in page and "](<evidence" not in page


def test_json_gives_the_path_within_the_register_and_no_link(plan: Path, cli: Any) -> None:
    result = cli("report", "action-plan", "--format", "json", "--as-of", AS_OF, cwd=plan)
    assert result.exit_code == 0, result.output
    [act] = json.loads(result.stdout)["sources"][0]["other_actions"]
    first = act["completion"]["evidence"][0]
    assert (first["href"], first["path"], first["note"]) == (None, "evidence/Call monitoring Jan 2027.xlsx", HELD)


def test_the_same_report_wherever_it_is_written(plan: Path, cli: Any, tmp_path: Path) -> None:
    """The trial wrote the plan beside the register: what it says no longer depends on where."""
    inside = _write(cli, plan, plan / "reports" / "plan.html").read_text(encoding="utf-8")
    outside = _write(cli, plan, tmp_path / "elsewhere" / "plan.html").read_text(encoding="utf-8")
    assert inside == outside
