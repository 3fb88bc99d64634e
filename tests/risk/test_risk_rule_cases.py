"""The risk rules' pass/fail cases in tests/lint/cases/, run directly on each rule.

The linter's parametrised runner runs every case file through the whole engine once the
branches merge; this runner checks the risk rules' cases today, against the rule alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from govtool.register.load import load_register

CASES = Path(__file__).resolve().parent.parent / "lint" / "cases"
RISK_RULES = (
    "uncontrolled-risk", "reassessment-due", "residual-above-inherent", "residual-unjustified",
    "risk-not-reviewed", "residual-differs-from-review",
)


def _cases() -> list[Any]:
    params = []
    for name in RISK_RULES:
        spec = yaml.safe_load((CASES / f"{name}.yaml").read_text("utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec, case, id=f"{name}: {case['name']}"))
    return params


@pytest.mark.parametrize(("spec", "case"), _cases())
def test_rule_case(spec: dict[str, Any], case: dict[str, Any], base_register: Any, run_rule: Any) -> None:
    assert "commits" not in case  # none of the risk rules reads history
    repo = base_register(case.get("files") or {})
    assert load_register(repo.path).problems == []  # the case is about the rule, not a broken file
    today = spec.get("today", dt.date(2026, 11, 26))
    reports = run_rule(repo.path, spec["rule"], today, spec.get("options"))
    if case["expect"] == "pass":
        assert reports == [], [r.message for r in reports]
        return
    assert reports, "expected the rule to report a problem"
    first = reports[0]
    if "line" in case:
        assert first.line == case["line"], first
    if "message" in case:
        assert case["message"] in first.message, first.message
    assert Path(first.path).parts[0] == "risks"


@pytest.mark.parametrize("name", RISK_RULES)
def test_every_risk_rule_has_cases_that_pass_and_fail(name: str) -> None:
    spec = yaml.safe_load((CASES / f"{name}.yaml").read_text("utf-8"))
    assert spec["rule"] == name
    assert {case["expect"] for case in spec["cases"]} == {"pass", "fail"}
