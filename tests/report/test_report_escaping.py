"""Register text is untrusted: in HTML it is escaped, in Markdown it is inert text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

PAYLOAD = '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](https://evil.example) | *bold* &lt;b&gt;'
P = '"' + PAYLOAD.replace('"', '\\"') + '"'  # as a double-quoted YAML scalar

SETTINGS = f"""\
provider: {P}
location: {P}
rating: Good
people:
  jane.smith: {{name: {P}, role: {P}}}
"""
SOURCE = f"""\
id: SRC-X
type: inspection_report
title: {P}
date: 2026-03-01
reference: {P}
summary: {P}
findings:
  - {{id: F1, text: {P}, regulation: "12", key_question: safe, quality_statement: {P}, level: must}}
  - {{id: F2, text: {P}}}
"""
CLOSED = f"""\
id: ACT-1
title: {P}
description: {P}
source: SRC-X
finding: F1
risk: RSK-X
control: C1
owner: jane.smith
priority: high
created: 2026-03-02
due: 2026-04-30
status: closed
measure: {{target: {P}, baseline: {P}, method: {P}}}
updates:
  - {{date: 2026-03-10, by: jane.smith, note: {P}, next_milestone: {P}, milestone_due: 2026-03-20}}
redates:
  - {{date: 2026-03-15, from: 2026-03-31, to: 2026-04-30, reason: {P}, by: jane.smith}}
completion:
  date: 2026-04-20
  by: jane.smith
  change: {P}
  evidence:
    - {{url: "https://evil.example/\\"><script>alert(3)</script>", description: {P}}}
    - {{url: "javascript:alert(4)", description: {P}}}
    - {{path: "evidence/<script>.csv", description: {P}}}
closure: {{date: 2026-05-01, by: jane.smith, note: {P}}}
"""
OPEN = f"""\
id: ACT-2
title: {P}
source: SRC-X
finding: F1
owner: {P}
priority: low
created: 2026-03-02
due: 2026-12-31
status: in_progress
updates:
  - {{date: 2026-10-10, by: {P}, note: {P}, next_milestone: {P}, milestone_due: 2026-12-20}}
"""
CANCELLED = f"""\
id: ACT-3
title: {P}
source: SRC-X
finding: F1
owner: jane.smith
priority: low
created: 2026-03-02
due: 2026-12-31
status: cancelled
cancellation: {{date: 2026-04-01, by: {P}, reason: {P}}}
"""
RISK = f"""\
id: RSK-X
title: {P}
owner: {P}
inherent: {{likelihood: 4, consequence: 4}}
residual: {{likelihood: 3, consequence: 4}}
controls:
  - {{id: C1, description: {P}, effectiveness: inadequate}}
reviews:
  - {{date: 2026-03-01, by: {P}, likelihood: 3, consequence: 4, note: {P}}}
"""

REPORTS = [["action-plan"], ["momentum"], ["risks"], ["source", "SRC-X"]]


@pytest.fixture
def hostile_register(git_repo: Any) -> Path:
    git_repo.write("govtool.yaml", SETTINGS)
    git_repo.write("sources/SRC-X.yaml", SOURCE)
    git_repo.write("actions/ACT-1.yaml", CLOSED)
    git_repo.write("actions/ACT-2.yaml", OPEN)
    git_repo.write("actions/ACT-3.yaml", CANCELLED)
    git_repo.write("risks/RSK-X.yaml", RISK)
    (git_repo.path / "evidence").mkdir()
    (git_repo.path / "evidence" / "<script>.csv").write_text("x\n")
    git_repo.commit("hostile", date="2026-05-01")
    return git_repo.path


def _render(cli: Any, root: Path, report: list[str], fmt: str) -> str:
    result = cli("report", *report, "--format", fmt, "--as-of", "2026-11-26", cwd=root)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r[0])
def test_html_escapes_every_register_string(hostile_register: Path, cli: Any, report: list[str]) -> None:
    html = _render(cli, hostile_register, report, "html")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "javascript:" not in re.findall(r'href="[^"]*"', html.lower()).__str__()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the text shows as written: an entity in the register is not decoded into markup
    assert "&amp;lt;b&amp;gt;" in html


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r[0])
def test_markdown_keeps_register_text_inert(hostile_register: Path, cli: Any, report: list[str]) -> None:
    md = _render(cli, hostile_register, report, "markdown")
    assert not re.search(r"(?<!\\)<(script|img)", md)
    assert r"\<script\>alert(1)\</script\>" in md
    # no link, emphasis, table cell or entity can be injected
    assert "[click](" not in md and r"\[click\](https\://evil.example)" in md
    assert r"\*bold\*" in md and r"\|" in md and "&amp;lt;b&amp;gt;" in md
    # the only raw '<' left are our own link destinations: ](<...>)
    assert all(md[i - 2:i] == "](" for i in _unescaped(md, "<"))
    assert "javascript:" not in "".join(re.findall(r"\]\(<[^>]*>\)", md))


def _unescaped(text: str, char: str) -> list[int]:
    return [i for i, c in enumerate(text) if c == char and (i == 0 or text[i - 1] != "\\")]


def test_evidence_links_are_only_http_addresses(hostile_register: Path, cli: Any) -> None:
    """A file in the register shows as its path there (escaped), never as a link."""
    html = _render(cli, hostile_register, ["action-plan"], "html")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    assert "evidence/<wbr>&lt;script&gt;.csv, held by the provider, available on request" in html
    assert "not a web address: javascript:alert(4)" in html


@pytest.mark.parametrize(("typed", "shown"), [
    # nothing in these starts a block, so nothing is escaped (the trial saw `91\.5`)
    ("91.5", "91.5"), ("-3", "-3"), ("+44 20 7946 0000", "+44 20 7946 0000"), ("#3 in the queue", "#3 in the queue"),
    ("2026-12-03", "2026-12-03"), ("1.5 days", "1.5 days"), ("--flag", "--flag"),
    # these would: a numbered item, a heading, a bullet, a rule, a setext underline
    ("1. Done", "1\\. Done"), ("12) Done", "12\\) Done"), ("3.", "3\\."), ("# Heading", "\\# Heading"),
    ("###", "\\###"), ("- item", "\\- item"), ("+ item", "\\+ item"), ("-", "\\-"), ("---", "\\---"),
    ("-- -", "\\-- -"), ("===", "\\==="), ("==", "\\=="),
    # escaped wherever they stand, as before
    ("> quote", "\\> quote"), ("* item", "\\* item"), ("```", "\\`\\`\\`"), ("~~~", "\\~\\~\\~"),
])
def test_markdown_escapes_only_what_would_be_markup(typed: str, shown: str) -> None:
    from govtool.report.markdown import escape

    assert str(escape(typed)) == shown


def test_a_figure_in_a_markdown_report_is_printed_as_a_figure(register: Any, cli: Any) -> None:
    """A median of 91.5 days showed as `91\\.5` in the momentum and portfolio reports."""
    for record_id, created in (("ACT-1", "2026-01-01"), ("ACT-2", "2026-01-02")):
        register.write(f"actions/{record_id}.yaml", f"""\
id: {record_id}
title: Weekly audit of 10 MAR charts reported to the governance meeting
owner: jane.smith
created: {created}
due: 2026-06-30
status: closed
measure: {{target: 98% of MAR charts complete in three weekly audits}}
completion: {{date: 2026-04-01, by: jane.smith, change: MAR charts 98% complete (was 82%), evidence: [{{url: "https://intranet.example/a"}}]}}
closure: {{date: 2026-04-02, by: jane.smith, note: Governance checked the three audits at 98%}}
""")
    register.commit("Two closed actions", date="2026-04-02")
    momentum = cli("report", "momentum", "--as-of", "2026-04-10", cwd=register.path).stdout
    assert "| Median days from created to closed | 90.5 |" in momentum  # 91 and 90 days
    portfolio = cli("portfolio", str(register.path), "--as-of", "2026-04-10", "--format", "markdown").stdout
    assert "| 90.5 |" in portfolio and "90\\.5" not in portfolio


def test_an_ampersand_that_opens_no_entity_reads_as_typed_in_the_markdown() -> None:
    """A manager opening the .md in a text editor read 'A&amp;E'; only an '&' that would open an
    entity ("&lt;") needs escaping for the text to show as typed."""
    from govtool.report.markdown import escape

    assert escape("A&E handover audit & re-audit") == "A&E handover audit & re-audit"
    assert escape("&lt;b&gt; and &#60;") == "&amp;lt;b&amp;gt; and &amp;#60;"
