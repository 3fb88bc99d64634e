"""Every rule case in tests/lint/cases/ (one YAML file per rule), built as a real register and linted."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtool.lint.engine import lint_register
from govtool.lint.rule import all_rules
from tests.lint.casebuild import Case, build, load_cases

ALL_CASES = load_cases()


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_rule_case(case: Case, tmp_path: Path) -> None:
    spec = all_rules()[case.rule]
    root = build(case, tmp_path / "register", with_git=spec.needs_history)
    result = lint_register(root, today=case.today)

    crashes = [p.message for p in result.problems if p.rule == "internal-error"]
    assert not crashes, crashes
    found = [p for p in result.problems if p.rule == case.rule]
    if case.expect == "pass":
        assert not found, [f"{p.path}:{p.line} {p.message}" for p in found]
        return
    assert case.expect == "fail", f"expect must be pass or fail, not {case.expect!r}"
    assert found, f"{case.rule} reported nothing; all problems: {[(p.rule, p.message) for p in result.problems]}"
    if case.line is not None:
        assert found[0].line == case.line, f"{found[0].path}:{found[0].line} {found[0].message}"
    if case.message is not None:
        assert case.message in found[0].message, found[0].message
    if case.count is not None:
        assert len(found) == case.count, [p.message for p in found]
    if case.severity is not None:
        assert found[0].severity == case.severity
