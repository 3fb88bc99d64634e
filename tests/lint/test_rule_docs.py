"""Every rule documents itself, has cases, and the committed rules page is up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govtool.lint.docs import SECTIONS, markdown_page, rule_doc
from govtool.lint.engine import ENGINE_RULES
from govtool.lint.rule import all_rules
from tests.lint.casebuild import CASES

PROJECT = Path(__file__).resolve().parents[2]
RULES = all_rules()
#: a crash cannot be written as data: tests/lint/test_engine.py makes a rule crash instead
NO_CASES = {"internal-error"}


def test_docs_page_is_up_to_date() -> None:
    committed = (PROJECT / "docs" / "rules.md").read_text("utf-8")
    assert committed == markdown_page(RULES), "regenerate: python -m govtool.lint.docs > docs/rules.md"


@pytest.mark.parametrize("name", list(RULES))
def test_rule_has_docs_with_both_sections_and_examples(name: str) -> None:
    doc = rule_doc(RULES[name])
    lines = doc.splitlines()
    assert RULES[name].summary and RULES[name].summary.endswith((".", ")")), "a one-line summary sentence"
    for section in SECTIONS:
        assert section in lines, f"{name}: no '{section}' section"
        after = [line for line in lines[lines.index(section) + 1:] if line.strip()]
        assert after and after[0].startswith("```"), f"{name}: '{section}' needs a fenced example"


@pytest.mark.parametrize("name", [n for n in RULES if n not in NO_CASES])
def test_rule_has_cases_that_fail_and_pass(name: str) -> None:
    path = CASES / f"{name}.yaml"
    assert path.exists(), f"add {path.relative_to(PROJECT)}"
    text = path.read_text("utf-8")
    assert "expect: fail" in text and "expect: pass" in text


def test_codes_are_unique_and_well_formed() -> None:
    codes = [spec.code for spec in RULES.values()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"GT[1-9]\d\d", code) for code in codes)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in RULES)
    assert ENGINE_RULES <= set(RULES)


def test_every_cases_file_names_a_rule() -> None:
    for path in CASES.glob("*.yaml"):
        assert path.name.startswith("_") or path.stem in RULES, f"{path.name} is for no rule"
