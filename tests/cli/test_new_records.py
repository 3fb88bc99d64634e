"""govtool new source|action|risk: IDs, fields, link checks, and nothing written on refusal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from govtool.register.load import load_register


def records(root, folder):
    return sorted(p.name for p in (root / folder).glob("*.yaml"))


def test_new_source_numbers_findings_in_order_and_prints_the_id_last(register, cli) -> None:
    result = cli("new", "source", "--type", "Inspection report", "--title", "CQC inspection, March 2026",
                 "--date", "02/03/2026", "--reference", "INS2-1234", "--summary", "Rated Requires Improvement.",
                 "--finding", "Medicines were not managed safely.", "--regulation", "Reg 12",
                 "--key-question", "safe", "--level", "must",
                 "--finding", "Consent was not recorded.", "--regulation", "11", "--key-question", "Effective",
                 "--finding", "Audits did not find the gaps.", cwd=register.path)
    assert result.exit_code == 0, result.output
    source_id = result.output.strip().splitlines()[-1]
    assert re.fullmatch(r"SRC-[2-9A-HJKMNP-TV-Z]{6}", source_id)
    data = yaml.safe_load((register.path / "sources" / f"{source_id}.yaml").read_text())
    assert data == {
        "id": source_id, "type": "inspection_report", "title": "CQC inspection, March 2026",
        "date": dt.date(2026, 3, 2), "reference": "INS2-1234", "summary": "Rated Requires Improvement.",
        "findings": [
            {"id": "F1", "text": "Medicines were not managed safely.", "regulation": "12", "key_question": "safe", "level": "must"},
            {"id": "F2", "text": "Consent was not recorded.", "regulation": "11", "key_question": "effective"},
            {"id": "F3", "text": "Audits did not find the gaps."},
        ],
    }
    assert load_register(register.path).problems == []


def test_new_action_defaults_created_today_and_status_open(plan) -> None:
    data = yaml.safe_load(plan.action_text())
    assert data["created"] == dt.date.today()
    assert data["status"] == "open"
    assert data["owner"] == "jane.smith" and data["finding"] == "F1"
    assert list(data) == ["id", "title", "source", "finding", "owner", "priority", "created", "due", "status", "measure"]


def test_new_ids_are_distinct(plan) -> None:
    ids = {plan.action}
    for _ in range(5):
        result = plan.run("new", "action", "--title", "Another", "--source", plan.source, "--finding", "F2",
                          "--owner", "sam.patel", "--due", "2030-06-30", "--allow-duplicate")
        ids.add(result.output.strip().splitlines()[-1])
    assert len(ids) == 6
    assert len(records(plan.root, "actions")) == 6


def test_sub_action_inherits_the_parents_source_and_finding(plan) -> None:
    result = plan.run("new", "action", "--title", "Train night staff on the audit tool", "--parent", plan.action,
                      "--owner", "Sam Patel", "--due", "2030-06-30")
    assert result.exit_code == 0, result.output
    child = result.output.strip().splitlines()[-1]
    data = yaml.safe_load(plan.action_text(child))
    assert (data["source"], data["finding"], data["parent"], data["owner"]) == (plan.source, "F1", plan.action, "sam.patel")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--source", "SRC-NOPE", "--finding", "F1"], "unknown source SRC-NOPE"),
        (["--source", "{source}", "--finding", "F9"], "has no finding F9: it has F1, F2"),
        (["--source", "{source}"], "missing --finding: {source} has findings F1, F2"),
        (["--source", "{source}", "--finding", "F1", "--parent", "ACT-NOPE"], "unknown action ACT-NOPE"),
        (["--risk", "RSK-NOPE", "--control", "C1"], "unknown risk RSK-NOPE"),
        (["--source", "{source}", "--finding", "F1", "--due", "2020-01-01"], "is before the action is created"),
        (["--source", "{source}", "--finding", "F1", "--priority", "urgent"], "--priority 'urgent' is not one of"),
        (["--source", "{source}", "--finding", "F1", "--baseline", "78%"], "missing --target"),
    ],
)
def test_a_bad_link_or_value_is_one_line_exit_2_and_nothing_written(plan, options, message) -> None:
    before = records(plan.root, "actions")
    options = [o.format(source=plan.source) for o in options]
    due = [] if "--due" in options else ["--due", "2030-06-30"]
    result = plan.run("new", "action", "--title", "Fit a lock to the sluice room door", "--owner", "jane.smith", *due, *options)
    assert result.exit_code == 2
    assert message.format(source=plan.source) in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert records(plan.root, "actions") == before


def test_new_risk_with_controls_and_an_action_on_its_control(register, cli) -> None:
    result = cli("new", "risk", "--title", "Medication errors cause harm", "--owner", "Jane Smith",
                 "--likelihood", "4", "--consequence", "4", "--residual-likelihood", "3", "--residual-consequence", "4",
                 "--control", "Weekly MAR audit by the clinical lead:inadequate",
                 "--control", "Two-person check of controlled drugs: effective", cwd=register.path)
    assert result.exit_code == 0, result.output
    risk_id = result.output.strip().splitlines()[-1]
    data = yaml.safe_load((register.path / "risks" / f"{risk_id}.yaml").read_text())
    assert data["inherent"] == {"likelihood": 4, "consequence": 4}
    assert data["residual"] == {"likelihood": 3, "consequence": 4}
    assert data["controls"] == [
        {"id": "C1", "description": "Weekly MAR audit by the clinical lead", "effectiveness": "inadequate"},
        {"id": "C2", "description": "Two-person check of controlled drugs", "effectiveness": "effective"},
    ]
    action = cli("new", "action", "--title", "Make the MAR audit weekly", "--risk", risk_id, "--control", "C1",
                 "--owner", "sam.patel", "--due", "2030-01-31", cwd=register.path)
    assert action.exit_code == 0, action.output
    bad = cli("new", "action", "--title", "x", "--risk", risk_id, "--control", "C7",
              "--owner", "sam.patel", "--due", "2030-01-31", cwd=register.path)
    assert bad.exit_code == 2 and f"{risk_id} has no control C7: it has C1, C2" in bad.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--likelihood", "6", "--consequence", "3"], "--likelihood '6' is not a score"),
        (["--likelihood", "3", "--consequence", "3", "--control", "No colon"], "DESCRIPTION:EFFECTIVENESS"),
        (["--likelihood", "3", "--consequence", "3", "--control", "Audit:great"], "is not one of: effective"),
        (["--likelihood", "3"], "missing --consequence"),
    ],
)
def test_new_risk_refuses_bad_scores_and_controls(register, cli, options, message) -> None:
    result = cli("new", "risk", "--title", "A risk", "--owner", "jane.smith", *options, cwd=register.path)
    assert result.exit_code == 2
    assert message in result.output
    assert records(register.path, "risks") == []


def test_new_source_refuses_unknown_type_and_regulation(register, cli) -> None:
    bad_type = cli("new", "source", "--type", "rumour", "--title", "x", "--date", "2026-01-01", cwd=register.path)
    assert bad_type.exit_code == 2 and "--type 'rumour' is not one of: incident" in bad_type.output
    bad_reg = cli("new", "source", "--type", "audit", "--title", "x", "--date", "2026-01-01",
                  "--finding", "a", "--regulation", "99", cwd=register.path)
    assert bad_reg.exit_code == 2 and "--regulation '99' is not one of" in bad_reg.output
    assert records(register.path, "sources") == []


def test_new_source_dated_in_the_future_is_refused(register, cli) -> None:
    later = (dt.date.today() + dt.timedelta(days=150)).isoformat()
    result = cli("new", "source", "--type", "incident", "--title", "Fall in the lounge", "--date", later, cwd=register.path)
    assert result.exit_code == 2
    assert result.output.strip() == (f"govtool: error: --date {later} is in the future: a source records what has "
                                     "happened: give the date of the report, incident or audit")
    assert records(register.path, "sources") == []


def test_new_risk_with_a_residual_above_the_inherent_score_is_refused(register, cli) -> None:
    result = cli("new", "risk", "--title", "Falls at night", "--owner", "jane.smith", "--likelihood", "2",
                 "--consequence", "2", "--residual-likelihood", "4", "--residual-consequence", "4", cwd=register.path)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "the residual score 16 (4x4) is above the inherent 4 (2x2): controls cannot make a risk worse" in result.output
    assert records(register.path, "risks") == []
