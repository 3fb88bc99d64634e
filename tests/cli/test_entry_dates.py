"""--date on the lifecycle steps: an entry dated the day it happened, held to lint's date rules.

A governance meeting's minutes are typed up days later: the sign-off happened at the meeting.
Each refusal here is one lint would report of the same entry written by hand (future-date,
trail-date-order), which the tests check by writing it by hand and linting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from govtool.lint.engine import lint_register
from tests.cli.conftest import CLOSURE_NOTE, MILESTONE, new_id
from tests.cli.test_guided import terminal  # noqa: F401  (a fixture)


def today() -> dt.date:
    """The day the CLI dates an entry by: read when a test asks, not when this file loads, as a run
    may cross midnight between the two."""
    return dt.date.today()


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


CHANGE = "MAR charts 99% complete in three weekly audits (was 82%)"


@pytest.fixture
def action(plan: Any) -> str:
    """An action agreed 10 days ago (entries may be dated from then on), committed."""
    created = new_id(plan.run(
        "new", "action", "--title", "Weekly audit of 10 MAR charts on night shifts, reported to governance",
        "--source", plan.source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-12-31",
        "--target", "98% of MAR charts complete in three consecutive audits", "--created", ago(10).isoformat()))
    plan.repo.commit("The night-shift action")
    return created


def load(plan: Any, action_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(plan.action_text(action_id))
    return data


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def problems(plan: Any, *records: str) -> list[tuple[str, str]]:
    """Lint's errors and date warnings for these records (the plan fixture leaves F2 unanswered)."""
    return [(p.rule, p.message) for p in lint_register(plan.root, today=today()).problems
            if p.record in records and (p.severity == "error" or p.rule == "backdated-entry")]


def test_minutes_typed_up_later_carry_the_meetings_days_in_file_show_report_and_lint(plan: Any, action: str) -> None:
    ok(plan.run("update", action, "--note", "Audit tool agreed at the governance meeting", "--date", uk(ago(8)),
                "--next-milestone", "First weekly audit", "--milestone-due", "2030-01-15", "--by", "sam.patel",
                "--commit"))
    ok(plan.run("complete", action, "--change", CHANGE, "--evidence", "https://docs.example.org/mar-audits",
                "--date", ago(6).isoformat(), "--by", "sam.patel", "--commit"))
    closed = ok(plan.run("close", action, "--note", CLOSURE_NOTE, "--date", uk(ago(3)), "--by", "jane.smith",
                         "--commit"))
    assert (f"  note: the sign-off is dated {ago(3).isoformat()}, the day it happened "
            f"(recorded {today().isoformat()})") in closed.output
    data = load(plan, action)
    assert data["updates"][0]["date"] == ago(8)
    assert data["completion"]["date"] == ago(6)
    assert data["closure"] == {"date": ago(3), "by": "jane.smith", "note": CLOSURE_NOTE}
    # the commits are made as ever (dated today, when it was recorded); each says the entry's day
    assert plan.repo.log()[:3] == [f"{action}: closed", f"{action}: completed", f"{action}: progress note"]
    assert (f"Dated {ago(3).isoformat()}, the day it happened; recorded {today().isoformat()}."
            in plan.repo.git("log", "-1", "--format=%b"))
    assert plan.repo.git("status", "--porcelain") == ""
    shown = ok(plan.run("show", action)).output
    assert f"{ago(8).isoformat()}  progress note by Sam Patel" in shown
    assert f"{ago(6).isoformat()}  completed by Sam Patel" in shown
    assert f"{ago(3).isoformat()}  closed by Jane Smith" in shown
    report = ok(plan.run("report", "action-plan", "--format", "json")).output
    assert ago(3).isoformat() in report and ago(6).isoformat() in report
    markdown = ok(plan.run("report", "action-plan", "--format", "markdown")).output
    assert f"**Signed off** {ago(3).day} {ago(3):%b %Y} by Jane Smith" in markdown
    assert problems(plan, action) == []  # within backdated-entry's 14 days: nothing to say


def test_every_step_that_writes_a_dated_entry_takes_date(plan: Any, action: str) -> None:
    ok(plan.run("update", action, "--note", "Audit tool agreed", *MILESTONE, "--date", ago(9).isoformat(), "--by", "sam.patel"))
    ok(plan.run("redate", action, "--to", "2031-03-31", "--reason", "Auditor off sick until March",
                "--date", ago(8).isoformat(), "--by", "jane.smith"))
    ok(plan.run("complete", action, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
                "--date", ago(7).isoformat(), "--by", "sam.patel"))
    ok(plan.run("complete", action, "--evidence", "https://docs.example.org/b", "--date", ago(6).isoformat(),
                "--by", "sam.patel"))  # evidence that came later
    ok(plan.run("reopen", action, "--reason", "The re-audit found gaps on Oak unit's night shift",
                "--date", ago(5).isoformat(), "--by", "jane.smith"))
    ok(plan.run("cancel", action, "--reason", "Superseded by the e-MAR roll-out, which answers the finding",
                "--date", ago(4).isoformat(), "--by", "jane.smith"))
    data = load(plan, action)
    assert [data["updates"][0]["date"], data["redates"][0]["date"], data["reopened"][0]["date"],
            data["cancellation"]["date"]] == [ago(9), ago(8), ago(5), ago(4)]
    kept = data["reopened"][0]["completion"]  # the completion it set aside, with its dates
    assert kept["date"] == ago(7) and kept["evidence"][1]["added"] == ago(6)
    source = new_id(plan.run("new", "source", "--type", "incident", "--title", "Fall on Oak unit",
                             "--date", ago(20).isoformat()))
    ok(plan.run("cancel", source, "--reason", "Recorded twice: the same fall is in the March audit",
                "--date", ago(2).isoformat(), "--by", "jane.smith"))
    assert yaml.safe_load((plan.root / "sources" / f"{source}.yaml").read_text())["cancellation"]["date"] == ago(2)
    assert problems(plan, action, source) == []


def test_without_date_the_entry_is_dated_today(plan: Any, action: str) -> None:
    result = ok(plan.run("update", action, "--note", "Audit tool agreed", *MILESTONE, "--by", "sam.patel"))
    assert load(plan, action)["updates"][0]["date"] == today() and "the day it happened" not in result.output


def _complete(plan: Any, action: str, day: dt.date) -> None:
    ok(plan.run("complete", action, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
                "--evidence-note", "Audit results", "--date", day.isoformat(), "--by", "sam.patel"))


# Each refusal: the step, what is recorded before it, the --date, the one-line error, and the entry
# lint reports when the same date is written by hand (the YAML appended, the rule that reports it).
# Every date is a lambda, worked out when the test runs: a run may cross midnight after this file loads.
REFUSALS = [
    pytest.param(
        ("update", "--note", "Audit tool agreed", "--by", "sam.patel"), None, lambda: ago(-1),
        lambda a: (f"--date {ago(-1).isoformat()} is in the future: give the day the progress note happened, today "
                   f"({today().isoformat()}) at the latest (lint's future-date reports an entry dated later)"),
        lambda: f"updates:\n  - {{date: {ago(-1).isoformat()}, by: sam.patel, note: Audit tool agreed.}}\n",
        "future-date", id="future"),
    pytest.param(
        ("update", "--note", "Audit tool agreed", "--by", "sam.patel"), None, lambda: ago(11),
        lambda a: (f"--date {ago(11).isoformat()} is before {a} was created ({ago(10).isoformat()}): give the day "
                   f"the progress note happened, on or after {ago(10).isoformat()} (lint's trail-date-order reports "
                   "an entry dated earlier); for work done before the action was recorded, record the action with "
                   f"the day it began (govtool new action ... --created {ago(11).isoformat()}) and cancel {a} "
                   f'(govtool cancel {a} --reason "Recorded again with the day the work began")'),
        lambda: f"updates:\n  - {{date: {ago(11).isoformat()}, by: sam.patel, note: Audit tool agreed.}}\n",
        "trail-date-order", id="before-created"),
    pytest.param(
        ("update", "--note", "First audit at 90%", "--by", "sam.patel"),
        lambda: ("update", "--note", "Audit tool agreed", *MILESTONE, "--by", "sam.patel", "--date", ago(5).isoformat()),
        lambda: ago(7),
        lambda a: (f"--date {ago(7).isoformat()} is before its last progress note (update 1, {ago(5).isoformat()}): "
                   f"entries go oldest first: give the day the progress note happened, on or after "
                   f"{ago(5).isoformat()} (lint's trail-date-order reports an entry dated earlier)"),
        lambda: f"  - {{date: {ago(7).isoformat()}, by: sam.patel, note: First audit at 90%.}}\n",
        "trail-date-order", id="before-the-last-note"),
    pytest.param(
        ("redate", "--to", "2031-06-30", "--reason", "Auditor off sick", "--by", "jane.smith"),
        lambda: ("redate", "--to", "2031-03-31", "--reason", "Supplier delay", "--by", "jane.smith",
                 "--date", ago(4).isoformat()),
        lambda: ago(6),
        lambda a: (f"--date {ago(6).isoformat()} is before its last re-date (re-date 1, {ago(4).isoformat()}): "
                   f"entries go oldest first: give the day the re-date happened, on or after {ago(4).isoformat()} "
                   "(lint's trail-date-order reports an entry dated earlier)"),
        lambda: (f"  - {{date: {ago(6).isoformat()}, from: 2031-03-31, to: 2031-06-30, reason: Auditor off sick,"
                 " by: jane.smith}\n"),
        "trail-date-order", id="before-the-last-redate"),
    pytest.param(
        ("complete", "--change", CHANGE, "--evidence", "https://docs.example.org/a", "--by", "sam.patel"),
        lambda: ("update", "--note", "First audit at 90%", *MILESTONE, "--by", "sam.patel", "--date", ago(3).isoformat()),
        lambda: ago(5),
        lambda a: (f"--date {ago(5).isoformat()} is before the last progress note (update 1, {ago(3).isoformat()}): "
                   f"the work was still going on then: date the completion on or after {ago(3).isoformat()}, or leave "
                   "out --date to record it today (lint's trail-date-order reports an entry dated earlier)"),
        lambda: (f"completion: {{date: {ago(5).isoformat()}, by: sam.patel, change: '{CHANGE}', "
                 "evidence: [{url: 'https://docs.example.org/a'}]}\n"),
        "trail-date-order", id="completion-before-the-last-note"),
    pytest.param(
        ("close", "--note", CLOSURE_NOTE, "--by", "jane.smith"), "complete", lambda: ago(5),
        lambda a: (f"--date {ago(5).isoformat()} is before the completion it signs off ({ago(4).isoformat()}): "
                   f"give the day the sign-off happened, on or after {ago(4).isoformat()} (lint's trail-date-order "
                   "reports an entry dated earlier)"),
        lambda: f"closure: {{date: {ago(5).isoformat()}, by: jane.smith, note: '{CLOSURE_NOTE}'}}\n",
        "trail-date-order", id="sign-off-before-completion"),
    pytest.param(
        ("reopen", "--reason", "The re-audit found gaps on Oak unit's night shift", "--by", "jane.smith"),
        "complete", lambda: ago(5),
        lambda a: (f"--date {ago(5).isoformat()} is before the completion it sets aside ({ago(4).isoformat()}): an "
                   f"action is reopened after it was completed: give the day the reopening happened, on or after "
                   f"{ago(4).isoformat()} (lint's trail-date-order reports an entry dated earlier)"),
        lambda: (f"reopened:\n  - date: {ago(5).isoformat()}\n    by: jane.smith\n    reason: Gaps on nights.\n"
                 f"    completion: {{date: {ago(4).isoformat()}, by: sam.patel, change: '{CHANGE}'}}\n"),
        "trail-date-order", id="reopening-before-completion"),
    pytest.param(
        ("reopen", "--reason", "The re-audit found gaps on Oak unit's night shift", "--by", "jane.smith"),
        "close", lambda: ago(3),
        lambda a: (f"--date {ago(3).isoformat()} is before the sign-off it sets aside ({ago(2).isoformat()}): an "
                   f"action is reopened after it was signed off: give the day the reopening happened, on or after "
                   f"{ago(2).isoformat()} (lint's trail-date-order reports an entry dated earlier)"),
        lambda: (f"reopened:\n  - date: {ago(3).isoformat()}\n    by: jane.smith\n    reason: Gaps on nights.\n"
                 f"    completion: {{date: {ago(4).isoformat()}, by: sam.patel, change: '{CHANGE}'}}\n"
                 f"    closure: {{date: {ago(2).isoformat()}, by: jane.smith, note: '{CLOSURE_NOTE}'}}\n"),
        "trail-date-order", id="reopening-before-sign-off"),
]


@pytest.mark.parametrize(("step", "before", "day", "message", "by_hand", "rule"), REFUSALS)
def test_a_date_lint_would_report_is_refused_in_one_line_and_lint_agrees(
        plan: Any, action: str, step: tuple[str, ...], before: Any, day: Any, message: Any, by_hand: Any,
        rule: str) -> None:
    if before in ("complete", "close"):
        _complete(plan, action, ago(4))
    if before == "close":
        ok(plan.run("close", action, "--note", CLOSURE_NOTE, "--date", ago(2).isoformat(), "--by", "jane.smith"))
    elif callable(before):
        entry = before()
        ok(plan.run(entry[0], action, *entry[1:]))
    text = plan.action_text(action)
    refused = plan.run(step[0], action, *step[1:], "--date", day().isoformat())
    assert refused.exit_code == 2
    assert refused.output == f"govtool: error: {message(action)}\n"
    assert plan.action_text(action) == text  # nothing written
    # the same entry written by hand is what lint reports
    path = plan.root / "actions" / f"{action}.yaml"
    path.write_text(text + by_hand())  # a list item goes on the list the file ends with
    if step[0] == "close":
        path.write_text(path.read_text().replace("status: completed", "status: closed"))
    reported = [(p.rule, p.message) for p in lint_register(plan.root, today=today()).problems if p.severity == "error"]
    assert [m for r, m in reported if r == rule and day().isoformat() in m], reported


def test_a_completion_is_not_dated_before_the_last_re_date_but_a_completed_action_may_be_re_dated(
        plan: Any, action: str) -> None:
    ok(plan.run("redate", action, "--to", "2031-03-31", "--reason", "Auditor off sick until March",
                "--date", ago(3).isoformat(), "--by", "jane.smith"))
    text = plan.action_text(action)
    refused = plan.run("complete", action, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
                       "--date", ago(5).isoformat(), "--by", "sam.patel")
    assert refused.exit_code == 2
    assert refused.output == (f"govtool: error: --date {ago(5).isoformat()} is before the last re-date (re-date 1, "
                              f"{ago(3).isoformat()}), which gave the work more time: date the completion on or after "
                              f"{ago(3).isoformat()}, or leave out --date to record it today\n")
    assert plan.action_text(action) == text
    _complete(plan, action, ago(2))
    # a completed action can still be re-dated: a re-date after its completion is no problem
    ok(plan.run("redate", action, "--to", "2031-06-30", "--reason", "Governance meets in June to sign it off",
                "--by", "jane.smith"))
    assert problems(plan, action) == []


def test_after_a_reopening_only_the_new_completion_follows_the_notes(plan: Any, action: str) -> None:
    ok(plan.run("update", action, "--note", "Audit tool agreed", *MILESTONE, "--date", ago(9).isoformat(), "--by", "sam.patel"))
    _complete(plan, action, ago(8))
    ok(plan.run("reopen", action, "--reason", "The re-audit found gaps on Oak unit's night shift",
                "--date", ago(6).isoformat(), "--by", "jane.smith"))
    # notes after the completion the reopening set aside are the reopened work's
    ok(plan.run("update", action, "--note", "Oak unit re-audit at 95%", "--date", ago(4).isoformat(),
                "--by", "sam.patel"))
    refused = plan.run("complete", action, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
                       "--date", ago(7).isoformat(), "--by", "sam.patel")
    assert refused.exit_code == 2 and len(refused.output.splitlines()) == 1
    assert f"is before the last progress note (update 2, {ago(4).isoformat()})" in refused.output
    _complete(plan, action, ago(4))
    ok(plan.run("close", action, "--note", CLOSURE_NOTE, "--date", ago(3).isoformat(), "--by", "jane.smith"))
    assert problems(plan, action) == []


def test_a_date_is_read_as_every_other_date_and_a_non_date_is_refused(plan: Any, action: str) -> None:
    before = plan.action_text(action)
    for typed, error in (("31/02/2026", "--date '31/02/2026' is not a real date"),
                         ("12/31/2026", "--date '12/31/2026'")):
        refused = plan.run("close", action, "--note", CLOSURE_NOTE, "--date", typed)
        assert refused.exit_code == 2 and refused.output.startswith(f"govtool: error: {error}"), refused.output
        assert len(refused.output.strip().splitlines()) == 1
    assert plan.action_text(action) == before
    ok(plan.run("update", action, "--note", "Audit tool agreed", *MILESTONE, "--by", "sam.patel",
                "--date", f"{ago(2).day} {ago(2):%B %Y}"))
    assert load(plan, action)["updates"][0]["date"] == ago(2)


def test_the_state_is_refused_before_the_date(plan: Any, action: str) -> None:
    refused = plan.run("close", action, "--note", CLOSURE_NOTE, "--date", ago(30).isoformat())
    assert refused.exit_code == 2
    assert "only a completed action can be signed off" in refused.output


def test_someone_who_left_after_the_day_may_sign_it(plan: Any, action: str) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + f"  kim.lee: {{name: Kim Lee, role: Night Nurse, left: {ago(2).isoformat()}}}\n")
    _complete(plan, action, ago(6))
    gone = plan.run("close", action, "--note", CLOSURE_NOTE, "--by", "kim.lee")
    assert gone.exit_code == 2 and f"Kim Lee (kim.lee) left on {ago(2).isoformat()}" in gone.output
    ok(plan.run("close", action, "--note", CLOSURE_NOTE, "--by", "kim.lee", "--date", ago(4).isoformat()))
    assert load(plan, action)["closure"]["by"] == "kim.lee"
    assert problems(plan, action) == []


def test_the_leaving_day_is_a_working_day_for_the_commands_and_for_lint(plan: Any, action: str) -> None:
    """Kim Lee's last day was two days ago: she may sign an entry dated that day (her handover),
    not one dated the day after; lint reports exactly the entry the command refuses."""
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + f"  kim.lee: {{name: Kim Lee, role: Night Nurse, left: {ago(2).isoformat()}}}\n")
    _complete(plan, action, ago(6))
    before = plan.action_text(action)
    refused = plan.run("close", action, "--note", CLOSURE_NOTE, "--by", "kim.lee", "--date", ago(1).isoformat())
    assert refused.exit_code == 2
    assert refused.output == (f"govtool: error: --by: Kim Lee (kim.lee) left on {ago(2).isoformat()}: choose someone "
                              "still in post\n")
    assert plan.action_text(action) == before
    ok(plan.run("close", action, "--note", CLOSURE_NOTE, "--by", "kim.lee", "--date", ago(2).isoformat()))
    assert load(plan, action)["closure"]["by"] == "kim.lee"
    assert problems(plan, action) == []  # lint agrees: signed on her last day
    path = plan.root / "actions" / f"{action}.yaml"
    path.write_text(path.read_text().replace(f"date: {ago(2).isoformat()}", f"date: {ago(1).isoformat()}"))
    assert problems(plan, action) == [(
        "unknown-owner", f"closure by Kim Lee is dated {ago(1).isoformat()}, after they left on {ago(2).isoformat()}: "
                         "correct who wrote it")]


def test_someone_leaving_today_still_owns_and_signs_today_and_lint_says_hand_over_tomorrow(
        plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + f"  kim.lee: {{name: Kim Lee, role: Night Nurse, "
                                               f"email: kim.lee@example.org, left: {today().isoformat()}}}\n")
    owned = new_id(plan.run(
        "new", "action", "--title", "Weekly audit of 10 MAR charts on night shifts, reported to governance",
        "--source", plan.source, "--finding", "F1", "--owner", "kim.lee", "--due", "2030-12-31",
        "--target", "98% of MAR charts complete in three consecutive audits"))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Kim Lee")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "kim.lee@example.org")
    ok(plan.run("update", owned, "--note", "Handover: audit tool agreed, first audit booked with the pharmacy",
                "--next-milestone", "First weekly audit", "--milestone-due", "2030-01-15"))
    assert load(plan, owned)["updates"][0]["by"] == "kim.lee"  # --by: Git's identity, in post today
    assert problems(plan, owned) == []
    tomorrow = [(p.rule, p.message) for p in lint_register(plan.root, today=ago(-1)).problems
                if p.record == owned and p.rule == "unknown-owner"]
    assert tomorrow == [("unknown-owner", f"owner Kim Lee left on {today().isoformat()}: hand it over to someone who "
                                          "works here now")]


def test_a_day_past_backdated_entrys_limit_is_recorded_with_its_warning_or_refused_when_graded_an_error(
        plan: Any, cli: Any) -> None:
    late = new_id(plan.run(
        "new", "action", "--title", "Weekly audit of 10 MAR charts on Oak unit, reported to governance",
        "--source", plan.source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-12-31",
        "--target", "98% of MAR charts complete in three consecutive audits", "--created", ago(60).isoformat()))
    plan.repo.commit("The Oak unit action")
    result = ok(plan.run("update", late, "--note", "Audit tool agreed at the September meeting", *MILESTONE, "--by", "sam.patel",
                         "--date", ago(30).isoformat(), "--commit"))
    assert (f"  note: lint will report backdated-entry (warning): the progress note dated {ago(30).isoformat()} is "
            "recorded 30 days later, more than the 14 the rule allows: if it was typed up late, say why in a comment "
            "on the entry's first line (# govtool: ignore[backdated-entry] why it was typed up late)\n") in result.output
    warned = [p for p in lint_register(plan.root, today=today()).problems if p.rule == "backdated-entry"]
    assert len(warned) == 1 and warned[0].severity == "warning"
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n  severity:\n    backdated-entry: error\n")
    before = plan.action_text(late)
    refused = plan.run("update", late, "--note", "First audit at 90%", *MILESTONE, "--by", "sam.patel",
                       "--date", ago(20).isoformat())
    assert refused.exit_code == 2
    assert refused.output.startswith(f"govtool: error: {late}: nothing recorded: backdated-entry: the progress note "
                                     f"dated {ago(20).isoformat()} is recorded 20 days later")
    assert plan.action_text(late) == before


def test_at_a_terminal_a_refused_date_is_said_before_anything_is_asked(plan: Any, action: str, cli: Any,
                                                                       terminal: None) -> None:  # noqa: F811
    _complete(plan, action, ago(4))
    refused = cli("close", action, "--date", ago(5).isoformat(), cwd=plan.root, input="")
    assert refused.exit_code == 2
    assert "Sign-off note" not in refused.output and "is before the completion it signs off" in refused.output


@pytest.mark.parametrize("command", ["update", "redate", "complete", "close", "cancel", "reopen"])
def test_the_help_says_date_exists(plan: Any, command: str) -> None:
    text = " ".join(ok(plan.run(command, "-h")).output.split())
    assert "--date DATE The day it happened, when it is recorded later" in text
    assert "Git still dates the commit today" in text


def test_work_done_before_the_action_was_typed_in_is_recorded_as_the_refusal_says(plan: Any, action: str) -> None:
    """'complete --date' before the action's creation said only "give the day ... on or after" the
    day it was typed in, which cannot be true of work done before: the refusal now names
    'new action --created', and following it leaves lint with nothing new to report."""
    def errors() -> list[tuple[str, str]]:
        return [(p.rule, p.message) for p in lint_register(plan.root, today=today()).problems if p.severity == "error"]

    before = errors()
    refused = plan.run("complete", action, "--change", CHANGE, "--evidence", "https://docs.example.org/a",
                       "--date", ago(12).isoformat(), "--by", "sam.patel")
    assert refused.exit_code == 2 and f"--created {ago(12).isoformat()}" in refused.stderr
    again = plan.run("new", "action", "--title", "Audit 10 MAR charts every week and report to the governance meeting",
                     "--source", plan.source, "--finding", "F1", "--owner", "sam.patel", "--due", "2030-12-31",
                     "--target", "98% of MAR charts complete in three consecutive audits", "--created", ago(14).isoformat())
    ok(again)
    redone = again.output.strip().splitlines()[-1]
    _complete(plan, redone, ago(12))
    ok(plan.run("cancel", action, "--reason", f"Recorded again as {redone} with the day the work began", "--by", "jane.smith"))
    assert errors() == before


def test_a_note_is_not_dated_before_the_reopening_it_follows(plan: Any, action: str) -> None:
    """A progress note written after a reopening is the reopened work's: update --date refuses a
    day before the reopening in one line, and lint's trail-date-order reports the same note
    written by hand. A note written before the completion the reopening set aside stays in order."""
    ok(plan.run("update", action, "--note", "Audit tool agreed", *MILESTONE, "--date", ago(9).isoformat(), "--by", "sam.patel"))
    _complete(plan, action, ago(8))
    ok(plan.run("reopen", action, "--reason", "The re-audit found gaps on Oak unit's night shift",
                "--date", ago(5).isoformat(), "--by", "jane.smith"))
    text = plan.action_text(action)
    refused = plan.run("update", action, "--note", "Oak unit re-audit booked", "--date", ago(6).isoformat(),
                       "--by", "sam.patel")
    assert refused.exit_code == 2
    assert refused.output == (f"govtool: error: --date {ago(6).isoformat()} is before the last reopening (reopening 1, "
                              f"{ago(5).isoformat()}): a note written since is part of the reopened work: date the "
                              f"progress note on or after {ago(5).isoformat()}, or leave out --date to record it today "
                              "(lint's trail-date-order reports an entry dated earlier)\n")
    assert plan.action_text(action) == text  # nothing written
    def out_of_order() -> list[str]:
        return [message for rule, message in problems(plan, action) if rule == "trail-date-order"]

    assert out_of_order() == []  # the note before the completion is in order
    path = plan.root / "actions" / f"{action}.yaml"
    data = yaml.safe_load(text)
    data["updates"].append({"date": ago(6), "by": "sam.patel", "note": "Oak unit re-audit booked."})
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert [m for m in out_of_order() if f"update 2 ({ago(6).isoformat()}) is dated before reopening 1" in m] != []
    path.write_text(text)
    ok(plan.run("update", action, "--note", "Oak unit re-audit booked", "--date", ago(5).isoformat(), "--by", "sam.patel"))
    assert out_of_order() == []


def test_a_date_still_to_come_on_the_entry_s_own_day_is_accepted_when_recorded_late(plan: Any, action: str) -> None:
    # A consultant's trial: the milestone and the new due date were still to come at the meeting
    # the entries record, a week ago, though they have passed by the day they are typed in.
    ok(plan.run("update", action, "--note", "Audit tool agreed", "--date", ago(8).isoformat(),
                "--next-milestone", "First weekly audit", "--milestone-due", ago(2).isoformat(), "--by", "sam.patel"))
    assert load(plan, action)["updates"][0]["milestone_due"] == ago(2)
    # the action is due in 2030: move it to a day that has passed since the meeting agreed it
    moved = plan.run("redate", action, "--to", ago(1).isoformat(), "--reason", "Brought forward at the meeting",
                     "--date", ago(5).isoformat(), "--by", "jane.smith")
    ok(moved)
    assert load(plan, action)["due"] == ago(1)
    # before the entry's own day it was never to come: refused, naming that day
    refused = plan.run("redate", action, "--to", ago(7).isoformat(), "--reason", "Brought forward again",
                       "--date", ago(4).isoformat(), "--by", "jane.smith")
    assert refused.exit_code == 2
    assert (f"--to {ago(7).isoformat()} is before {ago(4).isoformat()}, the day the entry is dated (--date): "
            "a new due date is still to come") in refused.stderr
