"""The action plan shows a finding's framework code and title, and can group by the framework."""

from __future__ import annotations

import json
from typing import Any

import pytest

SOURCE = """\
id: SRC-1
type: inspection_report
title: CQC inspection report, March 2026
date: 2026-03-02
findings:
  - {id: F1, text: Medicines were not managed safely., regulation: "12", framework_ref: medicines-optimisation, level: must}
  - {id: F2, text: Care plans lacked consent., regulation: "11", quality_statement: Consent to care and treatment}
  - {id: F3, text: Staff rotas were late., regulation: "18"}
  - {id: F4, text: Leaders did not check audits., regulation: "17", framework_ref: learning-culture}
"""


@pytest.fixture
def plan(register: Any) -> Any:
    register.write("sources/SRC-1.yaml", SOURCE)
    return register


def test_a_findings_code_and_title_show_beside_its_regulation(cli: Any, plan: Any) -> None:
    result = cli("report", "action-plan", "--as-of", "2026-11-26", cwd=plan.path)
    assert result.exit_code == 0, result.output
    assert "### F1 · Regulation 12: Safe care and treatment · Medicines optimisation (medicines-optimisation) · MUST" \
        in result.output
    html = cli("report", "action-plan", "--format", "html", "--as-of", "2026-11-26", cwd=plan.path).output
    assert 'Medicines optimisation <span class="id">(medicines-optimisation)</span>' in html


def test_by_framework_groups_findings_in_the_frameworks_order(cli: Any, plan: Any) -> None:
    result = cli("report", "action-plan", "--by-framework", "--as-of", "2026-11-26", cwd=plan.path)
    assert result.exit_code == 0, result.output
    headings = [line for line in result.output.splitlines() if line.startswith("## ") and "·" in line
                or line.startswith("## Not filed")]
    assert headings == [
        "## Safe · Learning culture (learning-culture)",
        "## Safe · Medicines optimisation (medicines-optimisation)",
        "## Effective · Consent to care and treatment (consent-to-care-and-treatment)",
        "## Not filed under a statement of cqc-saf-2023",
    ]
    data = json.loads(cli("report", "action-plan", "--by-framework", "--format", "json", "--as-of", "2026-11-26",
                          cwd=plan.path).output)
    sections = data["by_framework"]["sections"]
    assert [(s["code"], [f["finding"]["id"] for f in s["findings"]]) for s in sections] == [
        ("learning-culture", ["F4"]), ("medicines-optimisation", ["F1"]),
        ("consent-to-care-and-treatment", ["F2"]), (None, ["F3"]),
    ]


def test_the_word_plan_groups_by_the_framework_too(cli: Any, plan: Any, tmp_path: Any) -> None:
    """--by-framework --format docx: the same sections as the Markdown plan, in the same order."""
    import docx

    target = tmp_path / "plan.docx"
    result = cli("report", "action-plan", "--by-framework", "--format", "docx", "-o", str(target),
                 "--as-of", "2026-11-26", cwd=plan.path)
    assert result.exit_code == 0, result.output
    headings = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert headings[headings.index("Summary") + 1:] == [
        "Sources",  # each source once, with its response deadline: the sections name only its record
        "Safe · Learning culture (learning-culture)",
        "Safe · Medicines optimisation (medicines-optimisation)",
        "Effective · Consent to care and treatment (consent-to-care-and-treatment)",
        "Not filed under a statement of cqc-saf-2023",
    ]
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "From CQC inspection report: CQC inspection report, March 2026 (record SRC-1)" in text
