"""The findings a provider must act on come first: an inspector reads the must-dos first.

Within each source, CQC's "must" findings (a breach of a regulation, `level: must`) are listed
before the rest, in every format of the plan and in the source report; the rest keep their
order (key question, then regulation, then the order in the file). Grouped by the framework,
each statement lists its "must" findings first too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx

from tests.conftest import GitRepo

from .report_support import assert_written

AS_OF = "2026-11-26"
REPORT = """\
id: SRC-CQC
type: inspection_report
title: CQC inspection report, October 2026
date: 2026-10-20
findings:
  - {id: F1, text: PRN protocols were missing., regulation: '12', key_question: safe, level: should}
  - {id: F2, text: Consent was not recorded., regulation: '11', key_question: effective, level: must}
  - {id: F3, text: MAR charts had gaps., regulation: '12', key_question: safe, level: must}
  - {id: F4, text: Audits were not followed up., regulation: '17', key_question: well-led}
  - {id: F5, text: Call bells were answered slowly., regulation: '9', key_question: caring, level: should}
"""
#: a later mock inspection, filed under the same statement as F3 and F1 (medicines)
MOCK = """\
id: SRC-MOCK
type: mock_inspection
title: Mock inspection, November 2026
date: 2026-11-10
findings:
  - {id: F1, text: Controlled drugs were not counted at handover., regulation: '12', key_question: safe,
     quality_statement: Medicines optimisation, level: must}
"""
#: must first (F3 safe, F2 effective), then the rest as before (F1 safe, F5 caring, F4 well-led)
ORDER = ["F3", "F2", "F1", "F5", "F4"]


def _register(register: GitRepo) -> Path:
    text = REPORT.replace("key_question: safe, level", "key_question: safe, quality_statement: Medicines "
                                                        "optimisation, level")
    register.write("sources/SRC-CQC.yaml", text)
    register.write("sources/SRC-MOCK.yaml", MOCK)
    register.commit("A report and a mock inspection", date="2026-11-20")
    return register.path


def test_must_findings_come_first_within_each_source_in_every_format(register: GitRepo, cli: Any,
                                                                     tmp_path: Path) -> None:
    root = _register(register)
    plan = ("report", "action-plan", "--source", "SRC-CQC", "--as-of", AS_OF)

    data = json.loads(cli(*plan, "--format", "json", cwd=root).stdout)
    assert [f["id"] for f in data["sources"][0]["findings"]] == ORDER

    markdown = cli(*plan, cwd=root).stdout
    assert re.findall(r"^### (F\d)", markdown, re.M) == ORDER
    assert re.findall(r"^### F\d.*?(MUST|SHOULD)?$", markdown, re.M) == ["MUST", "MUST", "SHOULD", "SHOULD", ""]

    page = cli(*plan, "--format", "html", cwd=root).stdout
    assert re.findall(r'<section class="finding" id="SRC-CQC-(F\d)">', page) == ORDER

    word = tmp_path / "plan.docx"
    assert_written(cli(*plan, "-o", word, cwd=root))
    headings = [p.text.split(" ")[0] for p in docx.Document(str(word)).paragraphs if p.style.name == "Heading 2"]
    assert headings == ORDER

    source = cli("report", "source", "SRC-CQC", "--as-of", AS_OF, cwd=root).stdout
    assert re.findall(r"^### (F\d)", source, re.M) == ORDER


def test_grouped_by_the_framework_each_statement_lists_its_must_findings_first(register: GitRepo,
                                                                               cli: Any) -> None:
    root = _register(register)
    data = json.loads(cli("report", "action-plan", "--by-framework", "--format", "json", "--as-of", AS_OF,
                          cwd=root).stdout)
    medicines = next(s for s in data["by_framework"]["sections"] if s["code"] == "medicines-optimisation")
    # the inspection report's sources come first, but the mock inspection's must comes before its should
    assert [(f["source_id"], f["finding"]["id"], f["finding"]["level"]) for f in medicines["findings"]] == [
        ("SRC-CQC", "F3", "must"), ("SRC-MOCK", "F1", "must"), ("SRC-CQC", "F1", "should")]
