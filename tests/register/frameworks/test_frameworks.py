"""Frameworks as data: the shipped file, a register's own, and every way one can be wrong."""

from __future__ import annotations

import json
from typing import Any

from govtool.register.frameworks.load import load_named

#: DOMAIN.md's list of the 34 quality statements, by key question, in CQC's order.
QUALITY_STATEMENTS = {
    "safe": ["Learning culture", "Safe systems, pathways and transitions", "Safeguarding",
             "Involving people to manage risks", "Safe environments", "Safe and effective staffing",
             "Infection prevention and control", "Medicines optimisation"],
    "effective": ["Assessing needs", "Delivering evidence-based care and treatment",
                  "How staff, teams and services work together", "Supporting people to live healthier lives",
                  "Monitoring and improving outcomes", "Consent to care and treatment"],
    "caring": ["Kindness, compassion and dignity", "Treating people as individuals",
               "Independence, choice and control", "Responding to people's immediate needs",
               "Workforce wellbeing and enablement"],
    "responsive": ["Person-centred care", "Care provision, integration and continuity", "Providing information",
                   "Listening to and involving people", "Equity in access", "Equity in experiences and outcomes",
                   "Planning for the future"],
    "well-led": ["Shared direction and culture", "Capable, compassionate and inclusive leaders",
                 "Freedom to speak up", "Workforce equality, diversity and inclusion",
                 "Governance, management and sustainability", "Partnerships and communities",
                 "Learning, improvement and innovation",
                 "Environmental sustainability – sustainable development"],
}

HOUSE = """\
name: house-2026
title: Willowbrook governance framework
version: "1"
status: house
source: {title: Willowbrook quality handbook, date: 2026-01-05}
key_questions:
  - id: safe
    title: Safe
    statements:
      - {code: S1, title: Medicines}
      - {code: S2, title: Risks to people}
  - id: well-led
    title: Well-led
    statements:
      - {code: W1, title: Governance}
"""


def test_the_shipped_framework_holds_the_34_quality_statements_with_their_source() -> None:
    framework = load_named("cqc-saf-2023", None)
    by_question = {q.id: [s.title for s in framework.statements.values() if s.key_question == q.id]
                   for q in framework.key_questions}
    assert by_question == QUALITY_STATEMENTS
    assert framework.status == "final"
    assert framework.source_url and framework.source_url.startswith("https://www.cqc.org.uk/")
    assert framework.statement("medicines-optimisation").title == "Medicines optimisation"


def test_frameworks_name_json_lists_code_key_question_and_title(cli: Any, register: Any) -> None:
    result = cli("frameworks", "cqc-saf-2023", "--format", "json", cwd=register.path)
    assert result.exit_code == 0, result.output
    statements = json.loads(result.output)
    assert len(statements) == 34
    assert statements[0] == {"code": "learning-culture", "key_question": "safe", "title": "Learning culture"}
    assert set(statements[-1]) == {"code", "key_question", "title"}


def test_a_register_adds_its_own_framework_and_chooses_it(cli: Any, register: Any) -> None:
    register.write("frameworks/house-2026.yaml", HOUSE)
    (register.path / "govtool.yaml").write_text(
        (register.path / "govtool.yaml").read_text() + "framework: house-2026\n")
    listed = cli("frameworks", cwd=register.path)
    assert listed.exit_code == 0, listed.output
    chosen = [line for line in listed.output.splitlines() if line.startswith("*  ")]
    assert len(chosen) == 1 and "house-2026" in chosen[0] and "frameworks/house-2026.yaml" in chosen[0]
    assert "cqc-saf-2023" in listed.output
    shown = cli("frameworks", "house-2026", cwd=register.path)
    assert "S1  Medicines" in shown.output and "Well-led" in shown.output


def test_a_duplicate_code_is_one_line_with_file_and_line(cli: Any, register: Any) -> None:
    register.write("frameworks/house-2026.yaml", HOUSE.replace("{code: W1", "{code: S2"))
    result = cli("frameworks", "house-2026", cwd=register.path)
    assert result.exit_code == 2
    assert result.output.strip() == (
        "govtool: error: frameworks/house-2026.yaml:15: code 'S2' appears twice (first on line 11): "
        "every statement needs its own code")


def test_an_invalid_framework_file_is_named_but_the_others_still_list(cli: Any, register: Any) -> None:
    register.write("frameworks/house-2026.yaml", HOUSE.replace("status: house", "status: maybe"))
    result = cli("frameworks", cwd=register.path)
    assert result.exit_code == 2
    assert "cqc-saf-2023" in result.output
    assert "govtool: error: frameworks/house-2026.yaml:4: status: 'maybe' is not one of" in result.output


def test_a_framework_setting_that_names_nothing_stops_every_command_with_its_line(cli: Any, register: Any) -> None:
    settings = (register.path / "govtool.yaml").read_text()
    (register.path / "govtool.yaml").write_text(settings + "framework: cqc-saf-2032\n")
    result = cli("lint", cwd=register.path)
    assert result.exit_code == 2
    line = len(settings.splitlines()) + 1
    assert result.output.startswith(f"govtool: error: govtool.yaml:{line}: no framework called 'cqc-saf-2032': "
                                    "did you mean cqc-saf-2023?")


def test_lint_stops_with_exit_2_when_the_chosen_framework_file_is_broken(cli: Any, register: Any) -> None:
    register.write("frameworks/house-2026.yaml", HOUSE.replace('version: "1"\n', ""))
    (register.path / "govtool.yaml").write_text(
        (register.path / "govtool.yaml").read_text() + "framework: house-2026\n")
    register.write("sources/SRC-1.yaml", """\
        id: SRC-1
        type: audit
        title: Medicines audit
        date: 2026-03-02
        findings:
          - {id: F1, text: PRN protocols missing., framework_ref: S1}
        """)
    result = cli("lint", cwd=register.path)
    assert result.exit_code == 2
    assert "frameworks/house-2026.yaml:1: missing required field 'version'" in result.output
