"""The guided path: answering govtool's prompts on a terminal gives a register that lints clean."""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from govtool.lint.engine import lint_register
from govtool.services.checks import set_up_checks
from tests.cli.conftest import new_id


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal (CliRunner's is not): every module that asks sees one."""
    # Imported before patching: a module first imported after it would keep the patched function.
    import govtool.cli.ask
    import govtool.cli.commands.edit
    import govtool.cli.commands.lifecycle
    import govtool.cli.commands.new
    import govtool.cli.commands.review
    import govtool.cli.options
    import govtool.cli.which

    modules = (govtool.cli.ask, govtool.cli.commands.edit, govtool.cli.commands.lifecycle, govtool.cli.commands.new,
               govtool.cli.commands.review, govtool.cli.options, govtool.cli.which)
    for module in modules:
        monkeypatch.setattr(module, "interactive", lambda: True)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Jane Smith")  # --by defaults to her directory entry
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "jane@example.org")  # (conftest's email is test.author's)


def _answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _source(register: Any, cli: Any) -> str:
    return new_id(cli("new", "source", "--type", "audit", "--title", "Medicines audit, March 2026",
                      "--date", "2026-03-02", "--finding", "MAR charts had gaps on night shifts.",
                      cwd=register.path))


def _problems(root: Any, path: str | None = None) -> list[tuple[str, str]]:
    result = lint_register(root, today=dt.date.today())
    return [(p.rule, p.message) for p in result.problems if path is None or p.path == path]


def test_new_action_asks_for_the_measure_and_update_for_the_next_milestone(register: Any, cli: Any, terminal: None) -> None:
    source = _source(register, cli)
    in_a_month = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    after_due = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "Audit 10 MAR charts every week and report the results to the governance meeting",
        source, "F1", "Sam Patel", in_a_year,
        "98% of MAR charts complete in three consecutive weekly audits",
        "82% complete in the March audit",
        "Clinical lead audits 10 charts every Friday",
    ))
    assert result.exit_code == 0, result.output
    action_id = result.stdout.strip().splitlines()[-1]
    path = f"actions/{action_id}.yaml"
    data = yaml.safe_load((register.path / path).read_text())
    assert data["measure"] == {"baseline": "82% complete in the March audit",
                               "target": "98% of MAR charts complete in three consecutive weekly audits",
                               "method": "Clinical lead audits 10 charts every Friday"}
    assert _problems(register.path) == []

    result = cli("update", action_id, cwd=register.path, input=_answers(
        "Audit tool agreed; first audit 90%.", "", "Third consecutive audit at 98%", "01/01/2020", after_due, in_a_month,
    ))
    assert result.exit_code == 0, result.output
    assert "an in-progress action needs its next milestone" in result.stderr  # the empty answer
    assert "is in the past" in result.stderr  # the 2020 date
    assert f"after {action_id}'s due date {in_a_year}: a milestone comes before the action is due" in result.stderr
    update = yaml.safe_load((register.path / path).read_text())["updates"][0]
    assert (update["by"], update["next_milestone"]) == ("jane.smith", "Third consecutive audit at 98%")
    assert update["milestone_due"] == dt.datetime.strptime(in_a_month, "%d/%m/%Y").date()
    assert _problems(register.path, path) == []
    assert _problems(register.path) == []

    # A milestone still to come may be kept: an empty answer adds the note alone.
    result = cli("update", action_id, cwd=register.path, input=_answers("Second audit 95%.", ""))
    assert result.exit_code == 0, result.output
    assert "next_milestone" not in yaml.safe_load((register.path / path).read_text())["updates"][1]
    assert _problems(register.path, path) == []


def test_new_action_on_a_terminal_takes_no_measure_as_the_options_do(register: Any, cli: Any, terminal: None,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty answer to the measure used to be asked again, for ever; the options never insisted.
    The example offered fits the finding (falls), not MAR charts."""
    source = new_id(cli("new", "source", "--type", "audit", "--title", "Quarterly audit, May 2026",
                        "--date", "2026-05-01", "--finding", "Falls risk assessments were not reviewed after a fall.",
                        cwd=register.path))
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    title = "Add the review date to the front sheet of each care plan"
    guided = cli("new", "action", cwd=register.path, input=_answers(title, source, "F1", "Sam Patel", in_a_year, ""))
    assert guided.exit_code == 0, guided.output
    assert "e.g. every falls risk assessment reviewed within the month" in guided.stdout
    assert f"Source ID (see 'govtool list sources') [{source}]:" in guided.stdout  # 'govtool list' alone lists actions
    assert "MAR" not in guided.output
    assert guided.stdout.count("Measure: the result that means it worked") == 1
    assert "where things stand now" not in guided.stdout  # no target: no baseline or method asked
    guided_path = f"actions/{new_id(guided)}.yaml"
    assert "measure" not in yaml.safe_load((register.path / guided_path).read_text())

    import govtool.cli.ask
    import govtool.cli.commands.new

    for module in (govtool.cli.ask, govtool.cli.commands.new):  # the same command from options, in a script
        monkeypatch.setattr(module, "interactive", lambda: False)
    scripted = cli("new", "action", "--title", title, "--source", source, "--finding", "F1", "--owner", "sam.patel",
                   "--due", in_a_year, "--allow-duplicate", cwd=register.path)  # the same action, made twice on purpose
    assert scripted.exit_code == 0, scripted.output
    scripted_path = f"actions/{new_id(scripted)}.yaml"
    # the same record, and the same advice (lint's) for both
    assert (yaml.safe_load((register.path / guided_path).read_text()).keys()
            == yaml.safe_load((register.path / scripted_path).read_text()).keys())
    def advice(path: str) -> list[tuple[str, str]]:  # each names its own action's ID
        action_id = path.removeprefix("actions/").removesuffix(".yaml")
        return [(rule, message.replace(action_id, "ACT-…")) for rule, message in _problems(register.path, path)]

    assert advice(guided_path) == advice(scripted_path) == [(
        "missing-measure", "no measure: add its target, the result that shows the action worked "
        '(govtool edit ACT-… --target "every falls risk assessment reviewed within the month in three consecutive audits" '
        '--reason "..."; that target is only an example: write this action\'s own)')]


def test_new_action_on_a_terminal_with_a_baseline_asks_for_its_target_until_given(register: Any, cli: Any,
                                                                                  terminal: None) -> None:
    """As --baseline without --target is refused, a baseline given asks for the target."""
    source = _source(register, cli)
    result = cli("new", "action", "--baseline", "82% complete in the March audit", cwd=register.path, input=_answers(
        "Audit 10 MAR charts every week and report the results to the governance meeting", source, "F1", "Sam Patel",
        (dt.date.today() + dt.timedelta(days=365)).isoformat(), "", "98% of MAR charts complete in three weekly audits",
        ""))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Measure: the result that means it worked (e.g. 98% of MAR charts") == 2
    data = yaml.safe_load((register.path / f"actions/{new_id(result)}.yaml").read_text())
    assert data["measure"] == {"baseline": "82% complete in the March audit",
                               "target": "98% of MAR charts complete in three weekly audits"}


def test_a_vague_action_declined_asks_for_the_title_again_and_keeps_every_other_answer(
        register: Any, cli: Any, terminal: None) -> None:
    """Answering no used to save nothing ("run the command again"): every answer was lost."""
    source = _source(register, cli)
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "Improve medicines management", source, "F1", "Sam Patel", in_a_year,
        "Better medicines management", "", "",
        "n",  # Save it as it is?
        "Improve MAR charts",  # still vague: shown again, asked again
        "n",
        "Audit 10 MAR charts every week and report the results to the governance meeting",
    ))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("vague-action (error): action 'Improve") == 2  # why, each time
    assert "uses the vague verb 'improve'" in result.stderr
    assert result.stdout.count("Action, reworded (what will be different, for whom)") == 2
    data = yaml.safe_load((register.path / f"actions/{new_id(result)}.yaml").read_text())
    assert data["title"] == "Audit 10 MAR charts every week and report the results to the governance meeting"
    assert (data["source"], data["finding"], data["owner"], data["due"].isoformat()) == (
        source, "F1", "sam.patel", in_a_year)
    assert data["measure"] == {"target": "Better medicines management"}


def test_a_vague_action_can_still_be_saved_as_it_is(register: Any, cli: Any, terminal: None) -> None:
    source = _source(register, cli)
    result = cli("new", "action", "--source", source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-01-31",
                 "--title", "Improve medicines management", cwd=register.path,
                 input=_answers("Better medicines management", "", "", "y"))
    assert result.exit_code == 0, result.output
    assert "Save it as it is?" in result.stderr
    assert "Improve medicines management" in (register.path / f"actions/{new_id(result)}.yaml").read_text()


def test_a_wrong_answer_is_explained_and_asked_again_at_its_own_prompt(register: Any, cli: Any, terminal: None) -> None:
    """A due date before today used to be accepted, then refused after the measure (exit 2, all lost)."""
    source = _source(register, cli)
    today = dt.date.today()
    yesterday = today - dt.timedelta(days=1)
    in_a_year = (today + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "Audit 10 MAR charts every week and report the results to the governance meeting",
        "SRC-NOPE", source, "F1", "Sam Patel",
        yesterday.strftime("%d/%m/%Y"), "31/02/2030", "9999-12-31", in_a_year,
        "98% of MAR charts complete in three consecutive weekly audits", "", "",
    ))
    assert result.exit_code == 0, result.output
    assert f"unknown source SRC-NOPE: known: {source}" in result.stderr
    assert (f"--due {yesterday.isoformat()} is before the action is created ({today.isoformat()}): "
            f"give {today.isoformat()} or a later date") in result.stderr
    assert "--due '31/02/2030' is not a real date" in result.stderr
    assert "--due 9999-12-31 is out of range" in result.stderr
    assert result.stdout.count("Due date (YYYY-MM-DD or DD/MM/YYYY)") == 4
    data = yaml.safe_load((register.path / f"actions/{new_id(result)}.yaml").read_text())
    assert (data["source"], data["due"].isoformat()) == (source, in_a_year)


def test_complete_on_a_terminal_explains_and_asks_again_for_an_activity(plan: Any, cli: Any, terminal: None) -> None:
    result = cli("complete", plan.action, "--evidence", "https://intranet.example/audits/mar",
                 "--evidence-note", "MAR audits", cwd=plan.root, input=_answers(
                          "Training delivered to all night staff",
                          "MAR charts 99% complete in three weekly audits of 20 charts (was 82%)"))
    assert result.exit_code == 0, result.output
    assert "completion-without-change: completion 'Training delivered to all night staff'" in result.stderr
    change = yaml.safe_load(plan.action_text())["completion"]["change"]
    assert change == "MAR charts 99% complete in three weekly audits of 20 charts (was 82%)"


def test_edit_on_a_terminal_asks_which_field_and_why(plan: Any, cli: Any, terminal: None) -> None:
    result = cli("edit", plan.action, cwd=plan.root, input=_answers("owner", "Sam Patel", "handover", "Jane on leave"))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(plan.action_text())
    assert data["owner"] == "sam.patel" and "handover" not in data["edits"][0]
    assert data["edits"][0]["reason"] == "Jane on leave" and data["edits"][0]["by"] == "jane.smith"


def test_new_source_asks_each_findings_regulation_key_question_and_level_by_name(register: Any, cli: Any,
                                                                                terminal: None) -> None:
    result = cli("new", "source", cwd=register.path, input=_answers(
        "inspection_report", "CQC inspection report, October 2026", "14/10/2026",
        "MAR charts had gaps.", "12", "safe", "must",
        "12",  # a regulation typed where the next finding's words go: explained, asked again
        "Audits did not find the gaps.", "Reg 17", "well-led", "",
        "",  # no more findings
        "",  # the response date offered
    ))
    assert result.exit_code == 0, result.output
    assert "Finding F1, in the source's words (empty line: no more findings)" in result.stdout
    assert "F1 regulation breached (e.g. 12; empty if none)" in result.stdout
    assert "F2 must or should" in result.stdout
    assert "'12' is a regulation, key question or level, not a finding's words" in result.stderr
    source_id = result.stdout.strip().splitlines()[-1]
    data = yaml.safe_load((register.path / "sources" / f"{source_id}.yaml").read_text())
    assert data["findings"] == [
        {"id": "F1", "text": "MAR charts had gaps.", "regulation": "12", "key_question": "safe", "level": "must"},
        {"id": "F2", "text": "Audits did not find the gaps.", "regulation": "17", "key_question": "well-led"},
    ]


def test_new_source_of_an_audit_asks_only_for_the_findings_words(register: Any, cli: Any, terminal: None) -> None:
    result = cli("new", "source", cwd=register.path, input=_answers(
        "audit", "Medicines audit, March 2026", "02/03/2026", "MAR charts had gaps on night shifts.", ""))
    assert result.exit_code == 0, result.output
    assert "regulation" not in result.stdout
    source_id = result.stdout.strip().splitlines()[-1]
    data = yaml.safe_load((register.path / "sources" / f"{source_id}.yaml").read_text())
    assert data["findings"] == [{"id": "F1", "text": "MAR charts had gaps on night shifts."}]


def test_edit_of_a_source_asks_which_field_or_finding_and_its_new_value(register: Any, cli: Any, terminal: None) -> None:
    source = _source(register, cli)
    result = cli("edit", source, cwd=register.path, input=_answers(
        "finding", "F1", "level", "must", "The audit report calls it a breach"))
    assert result.exit_code == 0, result.output
    assert "  F1: MAR charts had gaps on night shifts." in result.stdout
    data = yaml.safe_load((register.path / "sources" / f"{source}.yaml").read_text())
    assert data["findings"][0]["level"] == "must"
    assert data["edits"][0]["finding"] == "F1" and data["edits"][0]["fields"] == ["level"]
    assert _problems(register.path, f"sources/{source}.yaml") == [
        ("unaddressed-finding", "finding F1 'MAR charts had gaps on night shifts.' has no action: add one "
                                f"(govtool new action --source {source} --finding F1)")]


def test_a_group_as_owner_declined_asks_for_the_owner_again(git_repo: Any, cli: Any, terminal: None) -> None:
    """Without a people directory owners are plain names, so a group reaches the judge."""
    git_repo.write("govtool.yaml", "provider: Oak Lodge Ltd\n")
    source = new_id(cli("new", "source", "--type", "complaint", "--title", "Complaint about meal times",
                        "--date", "2026-02-01", "--finding", "Lunch was often late.", cwd=git_repo.path))
    result = cli("new", "action", "--title", "Serve lunch at 12:30 every day from 1 March", "--source", source,
                 "--finding", "F1", "--due", "2030-03-01", "--target", "Lunch served by 12:45 on 28 of 30 days checked",
                 cwd=git_repo.path, input=_answers("Care team", "n", "Mary O'Neil"))
    assert result.exit_code == 0, result.output
    assert "collective-owner" in result.stderr
    assert yaml.safe_load((git_repo.path / f"actions/{new_id(result)}.yaml").read_text())["owner"] == "Mary O'Neil"


def test_new_risk_asks_for_each_control_and_the_residual_score(register: Any, cli: Any, terminal: None) -> None:
    """The guided risk used to ask only for the inherent score: no controls, residual = inherent."""
    result = cli("new", "risk", cwd=register.path, input=_answers(
        "Residents are harmed by missed doses because MAR charts are not checked", "Jane Smith",
        "4", "4",
        "Weekly MAR audit by the deputy manager", "great",  # not a rating: explained, asked again
        "inadequate",
        "Two-person check of controlled drugs", "effective",
        "",  # no more controls
        "5", "4",  # 20 is above the inherent 16: explained, both asked again
        "6",  # not on the 5x5 matrix: asked again
        "3", "",  # consequence: the inherent 4 offered
    ))
    assert result.exit_code == 0, result.output
    assert "Likelihood with no controls (1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain)" in result.stdout
    assert "Control C1 (empty line: no more controls)" in result.stdout
    assert "C2 works: effective, partial, inadequate" in result.stdout
    assert "--control effectiveness 'great' is not one of: effective" in result.stderr
    assert ("the residual score 20 (5x4) is above the inherent 16 (4x4): controls cannot make a risk worse"
            in result.stderr)
    assert "--residual-likelihood '6' is not a score" in result.stderr
    assert "Residual score 12 high (possible x major)." in result.stdout
    risk_id = new_id(result)
    path = f"risks/{risk_id}.yaml"
    data = yaml.safe_load((register.path / path).read_text())
    assert data["owner"] == "jane.smith"
    assert data["inherent"] == {"likelihood": 4, "consequence": 4}
    assert data["residual"] == {"likelihood": 3, "consequence": 4}
    assert data["controls"] == [
        {"id": "C1", "description": "Weekly MAR audit by the deputy manager", "effectiveness": "inadequate"},
        {"id": "C2", "description": "Two-person check of controlled drugs", "effectiveness": "effective"},
    ]
    # The inadequate control wants its action: the one thing lint asks of a risk answered this way.
    assert [rule for rule, _ in _problems(register.path, path)] == ["uncontrolled-risk"]


def test_new_risk_with_no_controls_keeps_the_inherent_score_without_asking(register: Any, cli: Any,
                                                                          terminal: None) -> None:
    result = cli("new", "risk", "--title", "Falls at night on the first floor", "--owner", "jane.smith",
                 "--likelihood", "3", "--consequence", "3", cwd=register.path, input=_answers(""))
    assert result.exit_code == 0, result.output
    assert "Control C1 (empty line: no more controls)" in result.stdout  # asked, and none given
    assert "with the controls" not in result.stdout
    data = yaml.safe_load((register.path / f"risks/{new_id(result)}.yaml").read_text())
    assert data["residual"] == data["inherent"] == {"likelihood": 3, "consequence": 3}
    assert "controls" not in data


def test_new_risk_with_controls_given_asks_only_for_the_residual(register: Any, cli: Any, terminal: None) -> None:
    result = cli("new", "risk", "--title", "Falls at night on the first floor", "--owner", "jane.smith",
                 "--likelihood", "3", "--consequence", "4", "--control", "Hourly night checks:partial",
                 cwd=register.path, input=_answers("2", ""))
    assert result.exit_code == 0, result.output
    assert "Control C1" not in result.stdout
    data = yaml.safe_load((register.path / f"risks/{new_id(result)}.yaml").read_text())
    assert data["residual"] == {"likelihood": 2, "consequence": 4}
    assert data["controls"] == [{"id": "C1", "description": "Hourly night checks", "effectiveness": "partial"}]


def test_edit_of_a_source_offers_its_response_date(register: Any, cli: Any, terminal: None) -> None:
    source = _source(register, cli)
    result = cli("edit", source, cwd=register.path, input=_answers(
        "response_due", "30/03/2026", "The audit report asks for a plan within four weeks"))
    assert result.exit_code == 0, result.output
    assert "response_due" in result.stdout.split("Which field", 1)[1].splitlines()[0]  # among the choices
    assert "New response due ('-' for none)" in result.stdout
    data = yaml.safe_load((register.path / "sources" / f"{source}.yaml").read_text())
    assert data["response_due"] == dt.date(2026, 3, 30)
    assert data["edits"][0]["fields"] == ["response_due"]


def test_new_action_offers_the_only_source_and_says_how_to_stop_at_an_empty_answer(
        register: Any, cli: Any, terminal: None) -> None:
    """With one source, 'Source ID' offered nothing and an empty answer repeated the prompt
    without a word; an ID typed where the action goes was taken as its title."""
    source = _source(register, cli)
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "",  # the title left empty: said what to type and how to stop
        source,  # the source's ID typed where the action goes: refused
        "Audit 10 MAR charts every week and report the results to the governance meeting",
        "",  # Enter takes the one source offered
        "F1", "Sam Patel", in_a_year, ""))
    assert result.exit_code == 0, result.output
    assert "type what will be done, and for whom (Ctrl+C stops without saving anything)" in result.stderr
    assert f"--title {source!r} is a record ID, not the action: say what will be done" in result.stderr
    assert f"Source ID (see 'govtool list sources') [{source}]:" in result.stdout
    action_id = result.stdout.strip().splitlines()[-1]
    data = yaml.safe_load((register.path / "actions" / f"{action_id}.yaml").read_text())
    assert (data["title"], data["source"], data["finding"]) == (
        "Audit 10 MAR charts every week and report the results to the governance meeting", source, "F1")


def test_an_empty_source_id_with_several_sources_says_what_to_type(register: Any, cli: Any, terminal: None) -> None:
    first = _source(register, cli)
    second = new_id(cli("new", "source", "--type", "complaint", "--title", "Complaint about late calls",
                        "--date", "2026-03-04", cwd=register.path, input=_answers("")))  # a complaint: no findings
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "Audit 10 MAR charts every week and report the results to the governance meeting",
        "", first, "F1", "Sam Patel", in_a_year, ""))
    assert result.exit_code == 0, result.output
    assert "Source ID (see 'govtool list sources'):" in result.stdout  # two sources: none offered
    assert "type the ID of the source this action answers (e.g. " in result.stderr
    assert "(Ctrl+C stops without saving anything)" in result.stderr
    assert second != first


def test_a_record_id_given_as_the_title_is_refused_from_a_script_too(register: Any, cli: Any) -> None:
    source = _source(register, cli)
    result = cli("new", "action", "--title", source, "--source", source, "--finding", "F1", "--owner", "sam.patel",
                 "--due", "2030-12-31", cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr == (f"govtool: error: --title {source!r} is a record ID, not the action: say what will be "
                             "done (e.g. 'Audit 10 MAR charts every week and report the results to governance')\n")
    assert list((register.path / "actions").glob("*.yaml")) == []


@pytest.mark.parametrize(("confirm", "findings"), [("n", ["Fire doors were wedged open."]), ("y", [])])
def test_an_inspection_report_with_no_findings_is_confirmed_first(register: Any, cli: Any, terminal: None,
                                                                  confirm: str, findings: list[str]) -> None:
    """Enter at the first finding saved a CQC inspection report with no findings at once."""
    answers = ["inspection_report", "CQC inspection report, October 2026", "14/10/2026", "", confirm]
    if confirm == "n":  # asked for the first finding again
        answers += ["Fire doors were wedged open.", "", "", "", ""]
    result = cli("new", "source", cwd=register.path, input=_answers(*answers, "none"))
    assert result.exit_code == 0, result.output
    assert "Record this CQC inspection report with no findings? An inspection lists its findings" in result.stdout
    source_id = result.stdout.strip().splitlines()[-1]
    data = yaml.safe_load((register.path / "sources" / f"{source_id}.yaml").read_text())
    assert [f["text"] for f in data.get("findings") or []] == findings


def test_new_action_takes_the_finding_however_its_id_is_typed_and_says_what_to_type(register: Any, cli: Any,
                                                                                   terminal: None) -> None:
    """The choice of finding repeated itself with no word on an empty answer; "2" for F2 was refused."""
    source = new_id(cli("new", "source", "--type", "audit", "--title", "Medicines audit, March 2026",
                        "--date", "2026-03-02", "--finding", "MAR charts had gaps on night shifts.",
                        "--finding", "Fridge temperatures were not recorded at weekends.", cwd=register.path))
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "Record the treatment-room fridge temperature twice daily, weekends included, on the new log",
        source, "", "F7", "2", "Sam Patel", in_a_year,
        "Every day's two readings recorded for eight consecutive weeks", "Weekends unrecorded in March",
        "Deputy manager checks the log every Monday",
    ))
    assert result.exit_code == 0, result.output
    assert "Which finding does it answer (F1, F2)" in result.output
    assert "type one of F1, F2 (Ctrl+C stops without saving anything)" in result.stderr
    assert "'F7' is not one of F1, F2: type the ID as listed above" in result.stderr
    action_id = result.stdout.strip().splitlines()[-1]
    assert yaml.safe_load((register.path / f"actions/{action_id}.yaml").read_text())["finding"] == "F2"


def test_a_finding_id_given_as_the_title_is_refused(register: Any, cli: Any) -> None:
    """A new-user trial answered the prompts in the wrong order: "F7" was saved as the action."""
    source = _source(register, cli)
    result = cli("new", "action", "--title", "F1", "--source", source, "--finding", "F1", "--owner", "sam.patel",
                 "--due", "2030-12-31", cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr.startswith("govtool: error: --title 'F1' is a finding's ID, not the action: say what will be done")
    assert list((register.path / "actions").glob("*.yaml")) == []


def _checked_on_commit(register: Any, settings: str = "") -> None:
    """What a manager's register holds: each change committed, Git's hook running govtool lint."""
    # As 'govtool init' does (not run here: a command module first imported under the terminal
    # fixture would keep its patched terminal for the tests after this one).
    assert set_up_checks(register.path).hook == "installed"  # Git's pre-commit hook: govtool lint --staged
    settings_file = register.path / "govtool.yaml"
    settings_file.write_text(settings_file.read_text() + "commit: true\n" + settings)
    register.commit("Commit every change, checked by the hook")


SPECIFIC = "Audit 10 MAR charts every week and report the results to the governance meeting"


def test_a_vague_action_the_commit_check_refuses_is_not_offered_as_it_is_but_asked_again(
        register: Any, cli: Any, terminal: None) -> None:
    """A manager's trial: 'Save it as it is?', yes, then the hook refused the commit (exit 2,
    naming a file that was gone) and every answer was lost."""
    _checked_on_commit(register)
    source = _source(register, cli)
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        "Improve medicines management", source, "F1", "Sam Patel", in_a_year, "Better medicines management", "", "",
        SPECIFIC,  # asked again, not offered as it is
    ))
    assert result.exit_code == 0, result.output
    assert "Save it as it is?" not in result.stderr
    assert "vague-action (error): action 'Improve medicines management' uses the vague verb" in result.stderr
    assert "Git's pre-commit check (govtool lint) refuses to commit the new action with the vague-action error" \
        in result.stderr
    action = new_id(result)
    assert yaml.safe_load((register.path / f"actions/{action}.yaml").read_text())["title"] == SPECIFIC
    assert register.log()[0].startswith(f"{action}: created")


def test_a_vague_action_graded_a_warning_is_still_offered_as_it_is_where_the_hook_runs(
        register: Any, cli: Any, terminal: None) -> None:
    _checked_on_commit(register, "lint:\n  severity: {vague-action: warning}\n")
    source = _source(register, cli)
    result = cli("new", "action", "--source", source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-01-31",
                 "--title", "Improve medicines management", cwd=register.path,
                 input=_answers("Better medicines management", "", "", "y"))
    assert result.exit_code == 0, result.output
    assert "Save it as it is?" in result.stderr
    assert register.log()[0].startswith(f"{new_id(result)}: created")


def test_from_a_script_what_the_commit_check_refuses_is_refused_before_anything_is_written(
        register: Any, cli: Any) -> None:
    _checked_on_commit(register)
    source = _source(register, cli)
    head = register.git("rev-parse", "HEAD")
    result = cli("new", "action", "--source", source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-01-31",
                 "--title", "Improve medicines management", "--target", "Better medicines management",
                 cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "govtool: error: nothing saved: Git's pre-commit check (govtool lint) refuses to commit the new action with "
        "the vague-action error: reword it and run the command again")
    assert register.git("rev-parse", "HEAD") == head and not list((register.path / "actions").iterdir())


def test_edit_to_a_title_the_commit_check_refuses_asks_for_the_title_again(plan: Any, terminal: None) -> None:
    _checked_on_commit(plan.repo)
    result = plan.cli("edit", plan.action, "--title", "Improve medicines management", "--target",
                      "Better medicines management", cwd=plan.root,
                      input=_answers(SPECIFIC, "Reworded as the governance meeting asked"))
    assert result.exit_code == 0, result.output
    assert "Save it as it is?" not in result.stderr
    assert f"refuses to commit {plan.action} with the vague-action error" in result.stderr
    assert "New title, reworded (what will be different, for whom)" in result.stdout
    assert yaml.safe_load(plan.action_text())["title"] == SPECIFIC
    assert plan.repo.log()[0].startswith(f"{plan.action}: ")


def _commits_refused(root: Path, commit: Callable[[str], object]) -> Path:
    """The register commits every change, and a team's own pre-commit hook refuses every commit;
    the hook, to remove when the commit can be made."""
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text() + "commit: true\n")
    commit("Commit every change")
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'policy: commits are frozen until the audit is signed off' >&2\nexit 1\n")
    hook.chmod(0o755)
    return hook


def _record_made_by_running_again(cli: Any, redo: str, hook: Path, folder: Path) -> Any:
    """Run the printed command line once the commit can be made (the hook removed): the data
    of the record it makes in ``folder``."""
    hook.unlink()
    again = cli(*shlex.split(redo.partition(": govtool ")[2]))
    assert again.exit_code == 0, again.output
    return yaml.safe_load((folder / f"{new_id(again)}.yaml").read_text())


def test_a_commit_refused_after_the_prompts_prints_the_command_that_makes_it_with_the_answers(
        register: Any, cli: Any, terminal: None) -> None:
    """Any other refusal (here a team's own hook) still loses nothing typed: the command line
    with every answer is printed, and it makes the action once the commit can be made."""
    source = _source(register, cli)
    hook = _commits_refused(register.path, register.commit)
    in_a_year = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    result = cli("new", "action", cwd=register.path, input=_answers(
        SPECIFIC, source, "F1", "Sam Patel", in_a_year, "98% of MAR charts complete in three weekly audits",
        "82% complete in March", "Clinical lead audits 10 charts every Friday"))
    assert result.exit_code == 2
    assert "the commit was refused: policy: commits are frozen" in result.stderr
    redo = result.stderr.splitlines()[-1]
    assert redo == (f'your answers, to run it again: govtool -C {register.path} new action --title "{SPECIFIC}" '
                    f'--source {source} '
                    f'--finding F1 --owner sam.patel --due {in_a_year} --target "98% of MAR charts complete in three '
                    'weekly audits" --baseline "82% complete in March" --method "Clinical lead audits 10 charts every '
                    'Friday"')
    data = _record_made_by_running_again(cli, redo, hook, register.path / "actions")
    assert (data["title"], data["owner"], data["measure"]["method"]) == (
        SPECIFIC, "sam.patel", "Clinical lead audits 10 charts every Friday")


def test_an_edit_refused_after_its_prompts_prints_the_command_with_its_answers(plan: Any, terminal: None) -> None:
    _commits_refused(plan.root, plan.repo.commit)
    result = plan.cli("edit", plan.action, "--title", SPECIFIC, cwd=plan.root,
                      input=_answers("Worded as the governance meeting asked"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f'your answers, to run it again: govtool -C {plan.root} edit {plan.action} --title "{SPECIFIC}" '
        '--reason "Worded as the governance meeting asked" --by jane.smith')


def test_a_new_source_refused_after_its_prompts_prints_the_command_that_makes_it(
        register: Any, cli: Any, terminal: None) -> None:
    hook = _commits_refused(register.path, register.commit)
    result = cli("new", "source", cwd=register.path, input=_answers(
        "inspection report", "CQC inspection report, March 2026", "02/03/2026",
        "MAR charts had gaps.", "12", "safe", "must",
        "Consent was not recorded.", "", "effective", "should", "",
        "",  # the usual response date
    ))
    assert result.exit_code == 2
    redo = result.stderr.splitlines()[-1]
    assert redo == (f'your answers, to run it again: govtool -C {register.path} new source --type inspection_report '
                    '--title "CQC inspection report, March 2026" --date 2026-03-02 --finding "MAR charts had gaps." '
                    '--regulation 12 --key-question safe --level must --finding "Consent was not recorded." '
                    '--regulation - --key-question effective --level should --response-due 2026-03-30')
    data = _record_made_by_running_again(cli, redo, hook, register.path / "sources")
    assert [(f["text"], f.get("regulation"), f["key_question"], f["level"]) for f in data["findings"]] == [
        ("MAR charts had gaps.", "12", "safe", "must"), ("Consent was not recorded.", None, "effective", "should")]


def test_a_new_risk_refused_after_its_prompts_prints_the_command_that_makes_it(
        register: Any, cli: Any, terminal: None) -> None:
    hook = _commits_refused(register.path, register.commit)
    result = cli("new", "risk", cwd=register.path, input=_answers(
        "Residents are harmed by missed doses because MAR charts are not checked", "Jane Smith", "4", "4",
        "Weekly MAR audit by the deputy manager", "inadequate", "", "3", ""))
    assert result.exit_code == 2
    redo = result.stderr.splitlines()[-1]
    assert redo == (f'your answers, to run it again: govtool -C {register.path} new risk --title "Residents are harmed '
                    'by missed doses because MAR charts are not checked" --owner jane.smith --likelihood 4 '
                    '--consequence 4 --control "Weekly MAR audit by the deputy manager:inadequate" '
                    '--residual-likelihood 3 --residual-consequence 4')
    data = _record_made_by_running_again(cli, redo, hook, register.path / "risks")
    assert (data["residual"], data["controls"][0]["effectiveness"]) == ({"likelihood": 3, "consequence": 4}, "inadequate")
