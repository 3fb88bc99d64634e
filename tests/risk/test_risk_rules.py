"""The risk rules on real registers: options, the interlock lifecycle end to end, and docs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from govtool.lint.rule import all_rules
from govtool.register.load import load_register

RISK_RULES = ("uncontrolled-risk", "reassessment-due", "residual-above-inherent", "residual-unjustified",
              "risk-not-reviewed", "residual-differs-from-review")

def _with_c1(effectiveness: str, residual: str = "{likelihood: 3, consequence: 4}", reviewed: str = "2026-10-01") -> str:
    return f"""\
id: RSK-BASE
title: Medication errors cause harm because MAR charts are not checked
owner: jane.smith
inherent: {{likelihood: 4, consequence: 4}}
residual: {residual}
controls:
  - id: C1
    description: Weekly MAR audit by the clinical lead
    effectiveness: {effectiveness}
reviews:
  - date: {reviewed}
    by: jane.smith
    likelihood: 3
    consequence: 4
    note: Two omissions in September.
"""


def _rules_reporting(root: Any, run_rule: Any, today: dt.date = dt.date(2026, 11, 26)) -> dict[str, list[str]]:
    reported = {name: [r.message for r in run_rule(root, name, today)] for name in RISK_RULES}
    return {name: messages for name, messages in reported.items() if messages}


def test_partial_controls_need_an_action_only_when_asked(base_register: Any, run_rule: Any) -> None:
    repo = base_register({"actions/ACT-BASE.yaml": None, "risks/RSK-BASE.yaml": _with_c1("partial")})
    assert run_rule(repo.path, "uncontrolled-risk") == []
    (report,) = run_rule(repo.path, "uncontrolled-risk", options={"include_partial": True})
    assert (str(report.path), report.line, report.record) == ("risks/RSK-BASE.yaml", 9, "RSK-BASE")
    assert report.message.startswith("control C1 is partial and no open action strengthens it")


def test_partial_controls_justify_a_lower_residual_unless_refused(base_register: Any, run_rule: Any) -> None:
    repo = base_register({"risks/RSK-BASE.yaml": _with_c1("partial")})
    assert run_rule(repo.path, "residual-unjustified") == []
    (report,) = run_rule(repo.path, "residual-unjustified", options={"accept_partial": False})
    assert "controls: C1 partial" in report.message and report.line == 5


def test_grace_days_is_an_option(base_register: Any, run_rule: Any, base_action: Any) -> None:
    repo = base_register({"actions/ACT-BASE.yaml": base_action("closed")})
    closed_plus_3 = dt.date(2026, 10, 28)
    assert run_rule(repo.path, "reassessment-due", closed_plus_3) == []
    (report,) = run_rule(repo.path, "reassessment-due", closed_plus_3, {"grace_days": 2})
    assert "(3 days, 2 allowed)" in report.message
    assert "govtool review RSK-BASE" in report.message


def test_review_intervals_are_options_per_band(base_register: Any, run_rule: Any) -> None:
    repo = base_register()  # 12 high, reviewed 2026-10-01
    assert run_rule(repo.path, "risk-not-reviewed") == []
    (report,) = run_rule(repo.path, "risk-not-reviewed", options={"days": {"high": 30}})
    assert "high risks are reviewed every 30 days (due 2026-10-31)" in report.message
    assert report.line == 11  # the last review's entry
    settings = repo.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "risk_bands: {green: 1, amber: 6, red: 12}\n")
    (report,) = run_rule(repo.path, "risk-not-reviewed", options={"default_days": 45})
    assert "red risks are reviewed every 45 days" in report.message


def test_the_interlock_from_gap_to_re_assessment(base_register: Any, run_rule: Any, cli: Any, base_action: Any) -> None:
    # 1. An inadequate control with nothing on the way (16 extreme, reviewed 2026-10-20).
    repo = base_register({"actions/ACT-BASE.yaml": None, "risks/RSK-BASE.yaml": _with_c1("inadequate", "{likelihood: 4, consequence: 4}", "2026-10-20")})
    risk_file = repo.path / "risks/RSK-BASE.yaml"
    risk_file.write_text(risk_file.read_text().replace("likelihood: 3\n    consequence: 4", "likelihood: 4\n    consequence: 4"))
    assert set(_rules_reporting(repo.path, run_rule, dt.date(2026, 10, 21))) == {"uncontrolled-risk"}

    # 2. An action answers the control: nothing to report while it is in progress.
    repo.write("actions/ACT-BASE.yaml", base_action("in_progress"))
    assert _rules_reporting(repo.path, run_rule, dt.date(2026, 10, 21)) == {}

    # 3. It closes: the review is due after 14 days' grace (and no new action is asked for).
    repo.write("actions/ACT-BASE.yaml", base_action("closed"))
    assert _rules_reporting(repo.path, run_rule, dt.date(2026, 11, 8)) == {}
    assert set(_rules_reporting(repo.path, run_rule, dt.date(2026, 11, 9))) == {"reassessment-due"}

    # 4. The review re-rates the control and lowers the residual: everything is answered.
    result = cli("review", "RSK-BASE", "--likelihood", "2", "--consequence", "4", "--control", "C1=effective",
                 "--date", "2026-11-10", "--note", "Weekly audits at 98-100% since ACT-BASE closed.", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    assert "re-assesses the risk after ACT-BASE closed on 2026-10-25" in result.stdout
    assert _rules_reporting(repo.path, run_rule, dt.date(2026, 11, 26)) == {}


def test_a_review_that_keeps_the_control_inadequate_reopens_the_gap(base_register: Any, run_rule: Any, cli: Any, base_action: Any) -> None:
    repo = base_register({"actions/ACT-BASE.yaml": base_action("closed")})
    result = cli("review", "RSK-BASE", "--likelihood", "3", "--consequence", "4", "--date", "2026-11-02",
                 "--note", "Audits lapsed again while the clinical lead was on leave.", cwd=repo.path)
    assert result.exit_code == 0, result.stderr
    assert "govtool new action --risk RSK-BASE --control C1" in result.stderr
    reported = _rules_reporting(repo.path, run_rule)
    assert set(reported) == {"uncontrolled-risk"}
    assert "the review on 2026-11-02 still rated it inadequate after ACT-BASE closed" in reported["uncontrolled-risk"][0]


def test_out_of_range_scores_are_the_schema_checks_and_the_rules_do_not_crash(base_register: Any, run_rule: Any) -> None:
    """Why there is no risk-score-range rule: the schema already reports each bad score, with its line."""
    bad = _with_c1("inadequate", "{likelihood: 6, consequence: 2.5}").replace("likelihood: 3\n", 'likelihood: "3"\n')
    repo = base_register({"risks/RSK-BASE.yaml": bad})
    problems = [(p.rule, p.line, p.message) for p in load_register(repo.path).problems]
    assert ("schema", 5, "residual.likelihood: 6 is greater than the maximum of 5") in problems
    assert ("schema", 5, "residual.consequence: expected a whole number, got a number 2.5") in problems
    assert ("schema", 13, "reviews[0].likelihood: expected a whole number, got text '3'") in problems
    for name in RISK_RULES:
        run_rule(repo.path, name)  # the lenient model reads bad scores as missing: no crash


@pytest.mark.parametrize("name", RISK_RULES)
def test_each_rule_is_documented_with_examples(name: str) -> None:
    spec = all_rules()[name]
    assert re.fullmatch(r"GT4\d\d", spec.code)
    assert "Anti-pattern:" in spec.doc and "Best practice:" in spec.doc
    assert spec.doc.count("```yaml") >= 2
