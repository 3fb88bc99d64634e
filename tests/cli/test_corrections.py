"""reopen and edit through the real CLI, and the irreversible steps judging before they write."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
import yaml

from tests.cli.conftest import CLOSURE_NOTE
from tests.cli.test_cli_errors import refused
from tests.conftest import PROJECT_ROOT

GOOD_CHANGE = "MAR charts 99% complete in three weekly audits of 20 charts (was 82%)"
ACTIVITY_ONLY = "Training delivered to all staff and policy updated"
URL = "https://intranet.example/audits/mar"


def load(plan):
    return yaml.safe_load(plan.action_text())


def _completed(plan, *more: str) -> None:
    result = plan.run("complete", plan.action, "--change", GOOD_CHANGE, "--evidence", URL, *more)
    assert result.exit_code == 0, result.output


def test_reopen_keeps_the_completion_and_sign_off_and_complete_adds_a_new_one(plan) -> None:
    _completed(plan)
    assert plan.run("close", plan.action, "--note", "Audits checked at governance", "--by", "sam.patel").exit_code == 0
    result = plan.run("reopen", plan.action, "--reason", "Re-audit found gaps on nights", "--by", "sam.patel", "--commit")
    assert result.exit_code == 0, result.output
    assert "status closed -> in_progress" in result.stdout
    data = load(plan)
    assert data["status"] == "in_progress" and "completion" not in data and "closure" not in data
    (entry,) = data["reopened"]
    assert (entry["date"], entry["by"], entry["reason"]) == (dt.date.today(), "sam.patel", "Re-audit found gaps on nights")
    assert entry["completion"]["change"] == GOOD_CHANGE
    assert entry["closure"]["note"] == "Audits checked at governance"
    assert plan.repo.log()[0] == f"{plan.action}: reopened (Re-audit found gaps on nights)"

    new_change = "MAR charts 100% complete in three weekly audits including nights (was 82%)"
    result = plan.run("complete", plan.action, "--change", new_change, "--evidence", URL)
    assert result.exit_code == 0, result.output
    data = load(plan)
    assert data["completion"]["change"] == new_change
    assert data["reopened"][0]["completion"]["change"] == GOOD_CHANGE

    shown = plan.run("show", plan.action).stdout
    assert "reopened by Sam Patel: Re-audit found gaps on nights" in shown
    assert f"set aside: completion of {dt.date.today().isoformat()} by Test Author: {GOOD_CHANGE}" in shown
    assert f"completed by Test Author: {new_change}" in shown


@pytest.mark.parametrize("setup, message", [
    ((), "only a completed or closed action can be reopened"),
    ((("cancel", "--reason", "Superseded by the new e-MAR system"),), "a cancelled action stays cancelled"),
])
def test_reopen_of_an_action_that_is_not_done_is_refused(plan, setup, message) -> None:
    for command, *options in setup:
        assert plan.run(command, plan.action, *options).exit_code == 0
    refused(plan, "reopen", plan.action, "--reason", "The re-audit found old forms", message=message)


def test_completing_twice_points_at_reopen(plan) -> None:
    _completed(plan)
    refused(plan, "complete", plan.action, "--change", GOOD_CHANGE, "--evidence", URL,
            message="if the completion was wrong, reopen it first with 'govtool reopen'")


def test_complete_with_an_activity_is_refused_with_the_rules_reason(plan) -> None:
    head = plan.repo.git("rev-parse", "HEAD")
    line = refused(plan, "complete", plan.action, "--change", ACTIVITY_ONLY, "--evidence", URL, "--commit",
                   message="the completion is not recorded: completion-without-change: ")
    assert "say what is now different" in line
    assert plan.repo.git("rev-parse", "HEAD") == head


def test_complete_follows_the_registers_grading_of_the_rule(plan) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n  severity: {completion-without-change: warning}\n")
    result = plan.run("complete", plan.action, "--change", ACTIVITY_ONLY, "--evidence", URL)
    assert result.exit_code == 0, result.output
    assert "note: lint will report completion-without-change (warning):" in result.stdout


def test_complete_reads_the_rules_settings_among_other_rules_settings(plan) -> None:
    """Judging before writing reads only the judgement rules' settings (by name or code) and
    passes over the other rules' settings, which lint checks."""
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n  severity: {GT203: warning, overdue: warning}\n"
                        "  options: {overdue: {grace_days: 7}}\n  ignore: [stale-action]\n")
    result = plan.run("complete", plan.action, "--change", ACTIVITY_ONLY, "--evidence", URL)
    assert result.exit_code == 0, result.output
    assert "note: lint will report completion-without-change (warning):" in result.stdout


def test_judging_before_writing_imports_only_the_judgement_rules(plan) -> None:
    script = ("import sys; from pathlib import Path; from govtool.services.precheck import Judge; "
              "from govtool.register.load import load_settings; "
              f"Judge(load_settings(Path({str(plan.root)!r}))).completion(Path('actions/A.yaml'), 'Done'); "
              "print(sorted(m for m in sys.modules if m.startswith('govtool.lint.rules.')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.stdout.strip() == "['govtool.lint.rules.judgement']"


def test_close_refuses_to_sign_off_a_completion_lint_rejects(plan) -> None:
    _completed(plan)
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace(GOOD_CHANGE, "Done"))
    line = refused(plan, "close", plan.action, "--note", CLOSURE_NOTE, message="its completion cannot be signed off")
    assert f"govtool reopen {plan.action}" in line and "completion-without-change" in line


def test_edit_records_the_fields_their_old_values_and_the_reason(plan) -> None:
    old_title = load(plan)["title"]
    result = plan.run("edit", plan.action, "--title", "Weekly audit of 20 MAR charts, reported to governance",
                      "--measure-method", "Weekly audit by the clinical lead", "--priority", "Medium",
                      "--reason", "Sample agreed with the pharmacist", "--by", "jane.smith", "--commit")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # nothing for lint to report
    data = load(plan)
    assert data["title"] == "Weekly audit of 20 MAR charts, reported to governance"
    assert data["priority"] == "medium"
    assert data["measure"]["method"] == "Weekly audit by the clinical lead"
    assert data["edits"] == [{
        "date": dt.date.today(), "by": "jane.smith", "fields": ["title", "priority", "measure.method"],
        "from": {"title": old_title, "priority": "high"}, "reason": "Sample agreed with the pharmacist",
    }]
    assert "fields: [title, priority, measure.method]\n" in plan.action_text()
    assert plan.repo.log()[0].startswith(f"{plan.action}: edited title, priority, measure.method (Sample agreed")
    assert data["due"] == dt.date(2030, 12, 31)


def test_edit_refuses_a_record_id_as_the_title_as_new_action_does(plan) -> None:
    """An ID pasted where the title goes would leave the plan with no action in words."""
    refused(plan, "edit", plan.action, "--title", plan.action.lower(), "--reason", "Typed in the wrong box",
            message=f"--title {plan.action.lower()!r} is a record ID, not the action: say what will be done")


def test_a_new_owner_is_a_handover(plan) -> None:
    result = plan.run("edit", plan.action, "--owner", "Sam Patel", "--reason", "Jane on leave until August")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{plan.action}: handed over to sam.patel (Jane on leave until August)")
    data = load(plan)
    assert data["owner"] == "sam.patel"
    assert data["edits"][0]["fields"] == ["owner"] and data["edits"][0]["from"] == {"owner": "jane.smith"}
    shown = plan.run("show", plan.action).stdout
    assert "handed over by Test Author: Jane on leave until August" in shown
    assert "owner was: Jane Smith" in shown


def test_edit_prints_what_lint_will_report_before_saving(plan) -> None:
    result = plan.run("edit", plan.action, "--title", "Improve medicines management",
                      "--measure-target", "Better medicines management", "--reason", "Shorter", "--by", "jane.smith")
    assert result.exit_code == 0, result.output  # without a terminal it is saved, and the problem printed
    assert result.stderr.startswith(f"lint will report for {plan.action}:\n  vague-action (error): ")
    assert load(plan)["title"] == "Improve medicines management"


def test_edit_takes_the_measure_options_named_as_new_action_names_them(plan) -> None:
    """new action takes --target and --baseline; edit said "No such option" to them."""
    result = plan.run("edit", plan.action, "--target", "100% of MAR charts complete, nights included",
                      "--baseline", "82% in January", "--reason", "Measure agreed at governance", "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert load(plan)["measure"] == {"baseline": "82% in January", "target": "100% of MAR charts complete, nights included"}
    result = plan.run("edit", plan.action, "--measure-method", "Deputy manager audits 10 charts weekly",
                      "--reason", "Who checks", "--by", "jane.smith")  # the older name still works
    assert result.exit_code == 0, result.output
    assert load(plan)["measure"]["method"] == "Deputy manager audits 10 charts weekly"
    help_text = plan.run("edit", "--help").output
    assert "--target, --measure-target" in help_text and "--baseline, --measure-baseline" in help_text
    refused(plan, "edit", plan.source, "--target", "x", "--reason", "x", message="--target is an action's: a source has none")


@pytest.mark.parametrize("options, message", [
    ((), "nothing to edit: give at least one of --title"),
    (("--title", "Weekly audit of 10 MAR charts, reported to governance"), "already says that: nothing to edit"),
    (("--priority", "urgent"), "--priority 'urgent' is not one of: high, medium, low"),
    (("--owner", "Nobody Known"), "is not in the people directory"),
    (("--title", "   "), "--title is empty"),
])
def test_edit_refusals_change_nothing(plan, options, message) -> None:
    refused(plan, "edit", plan.action, *options, "--reason", "x", message=message)


def test_edit_never_moves_the_due_date_and_says_what_does(plan) -> None:
    """edit --due was click's bare "No such option '--due'", which says nothing of where the date moves."""
    line = refused(plan, "edit", plan.action, "--due", "2031-03-01", "--reason", "Supplier delay",
                   message=f"'govtool redate {plan.action} --to DATE --reason ...'")
    assert "edit does not move the due date" in line and "trail" in line
    assert "--due" not in plan.run("edit", "--help").output  # not offered as an option


def test_edit_of_a_signed_off_action_says_to_reopen_it(plan) -> None:
    _completed(plan)
    assert plan.run("close", plan.action, "--note", CLOSURE_NOTE, "--by", "sam.patel").exit_code == 0
    refused(plan, "edit", plan.action, "--title", "Something else entirely, audited weekly", "--reason", "x",
            message="reopen it first with 'govtool reopen'")


def test_a_measure_part_without_a_target_is_refused_when_there_is_no_measure(register, cli) -> None:
    register.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: MAR audit\ndate: 2026-01-05\n")
    register.write("actions/ACT-1.yaml", """\
        id: ACT-1
        title: Weekly audit of 10 MAR charts reported to the governance meeting
        source: SRC-1
        owner: jane.smith
        created: 2026-01-10
        due: 2030-03-31
        status: open
        """)
    register.commit("The action", date="2026-01-10")  # committed: the edit is recorded in its trail
    result = cli("edit", "ACT-1", "--measure-baseline", "82% in January", "--reason", "x", cwd=register.path)
    assert result.exit_code == 2 and "give --measure-target too" in result.stderr
    result = cli("edit", "ACT-1", "--measure-target", "98% complete in three audits", "--measure-baseline",
                 "82% in January", "--reason", "Measure agreed", "--by", "jane.smith", cwd=register.path)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((register.path / "actions/ACT-1.yaml").read_text())
    assert data["measure"] == {"baseline": "82% in January", "target": "98% complete in three audits"}
    assert "from" not in data["edits"][0]


def test_new_action_prints_a_collective_owner_before_saving(tmp_path, git_repo, cli) -> None:
    git_repo.write("govtool.yaml", "provider: Willowbrook Care Ltd\n")
    git_repo.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: MAR audit\ndate: 2026-01-05\n")
    (git_repo.path / "actions").mkdir()
    result = cli("new", "action", "--source", "SRC-1", "--owner", "Nursing team", "--due", "2030-01-31",
                 "--title", "Weekly audit of 10 MAR charts reported to governance", "--target", "98% complete",
                 cwd=git_repo.path)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("lint will report for the new action:\n  collective-owner (error): ")
    assert result.stdout.strip().splitlines()[-1].startswith("ACT-")


def test_the_action_plan_shows_reopenings_corrections_and_handovers(plan) -> None:
    _completed(plan)
    assert plan.run("reopen", plan.action, "--reason", "Re-audit found gaps on nights", "--by", "sam.patel").exit_code == 0
    assert plan.run("edit", plan.action, "--owner", "sam.patel", "--title", "Weekly audit of 20 MAR charts, nights included",
                    "--reason", "Nights added after the re-audit", "--by", "jane.smith").exit_code == 0
    today = dt.date.today()
    day = f"{today.day} {today:%b %Y}"
    markdown = plan.run("report", "action-plan", "--format", "markdown").stdout
    assert (f"**Corrected** (title; handed over from Jane Smith) on {day} by Jane Smith: "
            "Nights added after the re-audit") in markdown
    assert (f"**Reopened** {day} by Sam Patel: Re-audit found gaps on nights "
            f"(set aside: the completion of {day}: {GOOD_CHANGE})\n") in markdown  # its own line
    html = plan.run("report", "action-plan", "--format", "html").stdout
    assert f"Handed over {day} from Jane Smith: Nights added after the re-audit" in html
    assert f"Corrected {day} by Jane Smith (title): Nights added after the re-audit" in html
    assert f'<span class="label">Reopened {day} by Sam Patel:</span> Re-audit found gaps on nights' in html


@pytest.mark.parametrize("note", ["ok", "done", "n/a", ".", "Signed off", "Checked", "Approved"])
def test_close_refuses_a_sign_off_note_that_says_nothing(plan, note) -> None:
    """A closure is written once: 'ok' would be all an inspector ever reads of what governance checked."""
    _completed(plan)
    line = refused(plan, "close", plan.action, "--note", note, "--by", "sam.patel", message="")
    assert line == (
        f"govtool: error: --note {note!r} does not say what was checked: a sign-off note says which evidence was "
        "checked, by whom, and what it shows is now different, measured (e.g. 'March governance meeting checked "
        "the three weekly MAR audits: 99% complete, was 82%')")
    assert load(plan)["status"] == "completed"


def test_at_a_terminal_a_sign_off_note_that_says_nothing_is_asked_again(plan, monkeypatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    _completed(plan)
    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = plan.cli("close", plan.action, "--by", "sam.patel", cwd=plan.root, input=f"done\n{CLOSURE_NOTE}\n")
    assert result.exit_code == 0, result.output
    assert "'done' does not say what was checked" in result.stderr
    assert load(plan)["closure"]["note"] == CLOSURE_NOTE


@pytest.mark.parametrize("grading", ["warning", "off"])
@pytest.mark.parametrize("change", ["ok", "done", "n/a", "."])
def test_complete_refuses_a_change_that_says_nothing_however_the_rule_is_graded(plan, grading, change) -> None:
    """Graded a warning or off in govtool.yaml, completion-without-change lets complete record a
    change lint would report; a change that says nothing at all is refused whatever the grading,
    in the rule's own words (the ones lint uses for the same text written by hand)."""
    from govtool.lint.rules.judgement import no_change_message

    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + f"lint:\n  severity: {{completion-without-change: {grading}}}\n")
    line = refused(plan, "complete", plan.action, "--change", change, "--evidence", URL, message="")
    lint_says = no_change_message(change)
    assert lint_says is not None and lint_says.startswith(f"completion {change!r} ")
    assert line == f"govtool: error: {plan.action}: the completion is not recorded: {lint_says}"
    # A change that says something is still the register's to grade.
    assert plan.run("complete", plan.action, "--change", ACTIVITY_ONLY, "--evidence", URL).exit_code == 0


def test_at_a_terminal_a_change_that_says_nothing_is_asked_again(plan, monkeypatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n  severity: {completion-without-change: off}\n")
    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = plan.cli("complete", plan.action, "--evidence", URL, "--evidence-note", "Audit results",
                      cwd=plan.root, input=f"n/a\n{GOOD_CHANGE}\n")
    assert result.exit_code == 0, result.output
    assert "completion 'n/a' is a completion stamp, not a change to practice" in result.stderr
    assert load(plan)["completion"]["change"] == GOOD_CHANGE


def test_every_reason_that_says_nothing_is_a_change_lint_reports() -> None:
    """complete refuses what says_nothing catches, whatever the grading: lint's rule must report
    the same texts, so that the command is never stricter than the rule it speaks for."""
    from govtool.judgement.reason import says_nothing
    from govtool.lint.rules.judgement import no_change_message

    placeholders = ["ok", "OK.", "okay", "done", "Done!", "n/a", "NA", "none", "nil", "tbc", "tbd", "x", "?", "-", "...",
                    ".", "no reason", "not needed", "not required", "duplicate", "cancelled", "delay", "delayed",
                    "slippage", "wrong", "error", "mistake", "changed", "as discussed", "see above", "various",
                    "other", "waiting", "busy", "see notes", "as per notes", "pending", "on hold", "as agreed",
                    "more time needed", "see email"]
    assert all(says_nothing(text) for text in placeholders)
    assert [text for text in placeholders if no_change_message(text) is None] == []


def test_show_and_the_reports_list_one_days_reopening_correction_and_re_date_in_the_order_written(plan, tmp_path) -> None:
    """Git knows the order of one day's entries of different kinds; the file keeps one list per kind."""
    _completed(plan, "--commit")
    steps = [("reopen", plan.action, "--reason", "Re-audit found gaps on nights"),
             ("edit", plan.action, "--measure-target", "100% of MAR charts complete, nights included",
              "--reason", "the re-audit showed nights must be counted"),
             ("redate", plan.action, "--to", "2031-03-31", "--reason", "night audits need the new e-MAR tool")]
    for step in steps:
        result = plan.run(*step, "--by", "sam.patel", "--commit")
        assert result.exit_code == 0, result.output

    shown = plan.run("show", plan.action).stdout.split("Trail\n", 1)[1].split("Timeline")[0]
    assert shown.index("reopened by") < shown.index("edited measure.target") < shown.index("re-dated")
    markdown = plan.run("report", "action-plan", "--format", "markdown").stdout
    assert markdown.index("**Reopened**") < markdown.index("**Corrected**") < markdown.index("**Re-dated**")
    html = plan.run("report", "action-plan", "--format", "html").stdout
    progress = html.split('data-label="Progress and status"', 1)[1]
    assert progress.index(">Reopened ") < progress.index(">Re-dated ")
    word = tmp_path / "plan.docx"
    assert plan.run("report", "action-plan", "--format", "docx", "-o", str(word)).exit_code == 0
    import docx  # the Word plan's progress cell, as the HTML's
    cells = [cell.text for table in docx.Document(str(word)).tables for row in table.rows for cell in row.cells]
    (cell,) = {c for c in cells if "night audits need" in c}
    assert "Reopened" in cell and cell.index("Reopened ") < cell.index("Re-dated ")


def test_an_action_never_committed_is_a_draft_edited_in_place_with_no_reason(register, cli) -> None:
    """A trial's vague title, reworded before the action was ever committed, went into the plan
    sent to CQC as a correction with its reason: a draft has no history to account to."""
    register.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: MAR audit\ndate: 2026-01-05\n")
    register.commit("The source", date="2026-01-06")
    made = cli("new", "action", "--source", "SRC-1", "--title", "Improve medicines management", "--owner",
               "jane.smith", "--due", "2030-03-31", "--no-commit", cwd=register.path)
    action = made.stdout.split()[-1]
    path = register.path / "actions" / f"{action}.yaml"
    edited = cli("edit", action, "--title", "Weekly audit of 10 MAR charts reported to the governance meeting",
                 cwd=register.path)  # no --reason, no --by: nothing is asked of a script either
    assert edited.exit_code == 0, edited.output
    assert "never committed yet: changed in place, with no edit entry" in edited.stdout
    data = yaml.safe_load(path.read_text())
    assert data["title"].startswith("Weekly audit") and "edits" not in data
    register.commit("The action", date="2026-01-07")
    refused = cli("edit", action, "--title", "Weekly audit of 12 MAR charts reported to the governance meeting",
                  cwd=register.path)  # committed now: the change needs its reason
    assert refused.exit_code == 2 and "missing --reason" in refused.stderr


def test_edit_reports_only_what_the_change_brings_not_what_was_there_already(plan) -> None:
    # A manager's trial: a new, specific title was refused at the prompt for the group owner the
    # edit had not touched ("reword it", she was told, of the title).
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("owner: jane.smith", "owner: All staff"), encoding="utf-8")
    plan.repo.commit("Owner typed by hand")
    result = plan.run("edit", plan.action, "--title", "Audit 10 MAR charts on night shifts every week",
                      "--reason", "Clearer", "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert "collective-owner" not in result.stderr
    result = plan.run("edit", plan.action, "--title", "Improve medicines management",
                      "--measure-target", "Better medicines management", "--reason", "Shorter", "--by", "jane.smith")
    assert result.stderr.startswith(f"lint will report for {plan.action}:\n  vague-action (error): ")
    assert "collective-owner" not in result.stderr
