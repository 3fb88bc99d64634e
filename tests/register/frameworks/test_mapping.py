"""govtool frameworks map: propose finding by finding, write only with --apply, keep the original."""

from __future__ import annotations

from typing import Any

import pytest

from tests.register.frameworks.test_frameworks import HOUSE

SOURCE = """\
id: SRC-1
type: inspection_report
title: CQC inspection report, March 2026
date: 2026-03-02
findings:
  # medicines first: the inspector's main concern
  - id: F1
    text: Medicines were not managed safely.
    regulation: "12"
    quality_statement: Medicines optimisation
    level: must
  - id: F2
    text: Governance did not find the gaps.
    framework_ref: governance-management-and-sustainability
  - id: F3
    text: Staff were kind.
    quality_statement: Kindness, compassion and dignity
  - id: F4
    text: No reference at all.
"""

MAPPING = """\
from: cqc-saf-2023
to: house-2026
source: {title: Willowbrook's own mapping, date: 2026-12-01}
map:
  medicines-optimisation: S1
  governance-management-and-sustainability: W1
"""


@pytest.fixture
def mapped(register: Any) -> Any:
    register.write("frameworks/house-2026.yaml", HOUSE)
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("saf-to-house.yaml", MAPPING)
    register.commit("A source and a house framework", date="2026-03-03")
    return register


def test_without_apply_it_proposes_finding_by_finding_and_writes_nothing(cli: Any, mapped: Any) -> None:
    result = cli("frameworks", "map", "cqc-saf-2023", "house-2026", "--mapping", "saf-to-house.yaml", cwd=mapped.path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "SRC-1 F1: medicines-optimisation (Medicines optimisation) -> S1 (Medicines)",
        "SRC-1 F2: governance-management-and-sustainability (Governance, management and sustainability) "
        "-> W1 (Governance)",
        "SRC-1 F3: kindness-compassion-and-dignity (Kindness, compassion and dignity): "
        "the mapping gives no new code for kindness-compassion-and-dignity",
        "SRC-1 F4: refers to nothing in cqc-saf-2023",
        "2 of 4 findings would get a framework_ref of house-2026: run again with --apply to record them",
    ]
    assert (mapped.path / "sources/SRC-1.yaml").read_text() == SOURCE


def test_apply_records_framework_ref_keeps_the_original_and_comments_and_commits(cli: Any, mapped: Any) -> None:
    settings = mapped.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "commit: true\n")
    mapped.commit("Commit every change", date="2026-03-04")
    result = cli("frameworks", "map", "cqc-saf-2023", "house-2026", "--mapping", "saf-to-house.yaml", "--apply",
                 cwd=mapped.path)
    assert result.exit_code == 0, result.output
    assert "recorded framework_ref on 2 findings in 1 sources" in result.output
    assert "note: set 'framework: house-2026' in govtool.yaml" in result.output
    text = (mapped.path / "sources/SRC-1.yaml").read_text()
    assert "  # medicines first: the inspector's main concern\n" in text
    assert ("    quality_statement: Medicines optimisation\n    framework_ref: S1\n    level: must\n") in text
    # F2's old reference was a framework_ref: its statement's title is kept as quality_statement
    assert ("    text: Governance did not find the gaps.\n"
            "    quality_statement: Governance, management and sustainability\n"
            "    framework_ref: W1\n") in text
    assert mapped.log()[0] == "SRC-1: 2 findings mapped to house-2026"
    assert mapped.git("status", "--porcelain") == ""
    again = cli("frameworks", "map", "cqc-saf-2023", "house-2026", "--mapping", "saf-to-house.yaml", cwd=mapped.path)
    assert "SRC-1 F1: medicines-optimisation (Medicines optimisation): already mapped to S1" in again.output
    assert "0 of 4 findings would get a framework_ref" in again.output


def test_after_moving_to_the_new_framework_lint_checks_its_codes(cli: Any, mapped: Any) -> None:
    cli("frameworks", "map", "cqc-saf-2023", "house-2026", "--mapping", "saf-to-house.yaml", "--apply",
        cwd=mapped.path)
    settings = mapped.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "framework: house-2026\n")
    result = cli("lint", "--format", "json", cwd=mapped.path)
    assert "unknown-framework-ref" not in result.output


@pytest.mark.parametrize(("change", "expected"), [
    (("W1\n", "W9\n"), "saf-to-house.yaml:6: governance-management-and-sustainability: "
                       "'W9' is not a code of house-2026"),
    (("medicines-optimisation:", "medicine-optimisation:"), "saf-to-house.yaml:5: 'medicine-optimisation' "
                                                             "is not a code of cqc-saf-2023"),
    (("to: house-2026", "to: cqc-saf-2023"), "saf-to-house.yaml:2: to: 'cqc-saf-2023', but the command maps"),
    (("map:", "mapping:"), "saf-to-house.yaml:1: missing required field 'map' (and 1 more)"),
])
def test_a_bad_mapping_is_one_line_with_file_and_line_and_nothing_changes(
    cli: Any, mapped: Any, change: tuple[str, str], expected: str
) -> None:
    mapped.write("saf-to-house.yaml", MAPPING.replace(*change))
    result = cli("frameworks", "map", "cqc-saf-2023", "house-2026", "--mapping", "saf-to-house.yaml", "--apply",
                 cwd=mapped.path)
    assert result.exit_code == 2
    assert result.output.startswith(f"govtool: error: {expected}")
    assert len(result.output.strip().splitlines()) == 1
    assert (mapped.path / "sources/SRC-1.yaml").read_text() == SOURCE
