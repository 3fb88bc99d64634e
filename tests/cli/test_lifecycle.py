"""The lifecycle on a real repository: update, redate, complete, close, cancel, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from tests.cli.conftest import CLOSURE_NOTE, MILESTONE


def load(plan, action_id=None):
    return yaml.safe_load(plan.action_text(action_id))


def test_update_adds_a_note_and_moves_open_to_in_progress(plan) -> None:
    result = plan.run("update", plan.action, "--note", "Audit tool agreed", "--next-milestone", "First audit",
                      "--milestone-due", "2030-01-15", "--by", "Sam Patel")
    assert result.exit_code == 0, result.output
    data = load(plan)
    assert data["status"] == "in_progress"
    assert data["updates"] == [{"date": dt.date.today(), "by": "sam.patel", "note": "Audit tool agreed",
                                "next_milestone": "First audit", "milestone_due": dt.date(2030, 1, 15)}]
    again = plan.run("update", plan.action, "--note", "Second audit done", "--by", "jane.smith")
    assert again.exit_code == 0
    assert [u["note"] for u in load(plan)["updates"]] == ["Audit tool agreed", "Second audit done"]


def test_a_milestone_after_the_due_date_is_refused_until_the_action_is_redated(plan) -> None:
    before = plan.action_text()
    late = plan.run("update", plan.action, "--note", "Audit tool agreed", "--next-milestone", "First audit",
                    "--milestone-due", "2031-03-01", "--by", "Sam Patel")
    assert late.exit_code == 2
    assert late.output.strip() == (
        f"govtool: error: --milestone-due 2031-03-01 is after {plan.action}'s due date 2030-12-31: a milestone comes "
        f"before the action is due: bring it forward, or move the due date first "
        f"(govtool redate {plan.action} --to ... --reason ...)")
    assert plan.action_text() == before
    assert plan.run("redate", plan.action, "--to", "2031-04-30", "--reason", "Supplier delay").exit_code == 0
    assert plan.run("update", plan.action, "--note", "Audit tool agreed", "--next-milestone", "First audit",
                    "--milestone-due", "2031-03-01", "--by", "Sam Patel").exit_code == 0
    # bringing the due date forward past the milestone is allowed, and says what lint will say
    earlier = plan.run("redate", plan.action, "--to", "2031-02-28", "--reason", "CQC asked for it by February")
    assert earlier.exit_code == 0, earlier.output
    assert ("the next milestone (First audit) is due on 2031-03-01, after the new due date: lint reports it "
            "(no-trajectory)") in earlier.output


def test_redate_records_from_to_reason_and_moves_due(plan) -> None:
    result = plan.run("redate", plan.action, "--to", "30/04/2031", "--reason", "supplier delay", "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    data = load(plan)
    assert data["due"] == dt.date(2031, 4, 30)
    assert data["redates"] == [{"date": dt.date.today(), "from": dt.date(2030, 12, 31), "to": dt.date(2031, 4, 30),
                                "reason": "supplier delay", "by": "jane.smith"}]
    assert "&id" not in plan.action_text() and "*id" not in plan.action_text()  # no YAML anchors


def test_redate_says_when_the_title_still_states_the_old_deadline(plan) -> None:
    created = plan.run("new", "action", "--title", "Replace the 6 sensor mats over 5 years old by 31 December 2030",
                       "--source", plan.source, "--finding", "F2", "--owner", "jane.smith", "--due", "2030-12-31",
                       "--target", "6 new sensor mats in use, tested nightly")
    assert created.exit_code == 0, created.output
    action = created.output.strip().splitlines()[-1]
    moved = plan.run("redate", action, "--to", "2031-03-31", "--reason", "Supplier cannot deliver before March")
    assert moved.exit_code == 0, moved.output  # a hint, not a refusal: the title may be what is out of date
    assert (f"  note: the title says 'by 31 December 2030', not 31 March 2031: lint warns (deadline-mismatch) until "
            f'they agree: edit it (govtool edit {action} --title "..." --reason "...")') in moved.output
    assert load(plan, action)["due"] == dt.date(2031, 3, 31)
    lint = plan.run("lint", "--select", "deadline-mismatch")
    assert "the title still says 'by 31 December 2030' but the action was re-dated" in lint.output
    back = plan.run("redate", action, "--to", "31/12/2030", "--reason", "Supplier found stock after all")
    assert back.exit_code == 0, back.output
    assert "deadline-mismatch" not in back.output
    assert "deadline-mismatch" not in plan.run("lint", "--select", "deadline-mismatch").output


def test_redate_to_the_same_date_is_refused(plan) -> None:
    before = plan.action_text()
    result = plan.run("redate", plan.action, "--to", "2030-12-31", "--reason", "no change")
    assert result.exit_code == 2
    assert "already due on 2030-12-31" in result.output
    assert plan.action_text() == before


def test_full_lifecycle_with_commit_builds_the_trail_in_file_and_git_log(plan) -> None:
    (plan.root / "evidence").mkdir()
    (plan.root / "evidence" / "mar-audit.pdf").write_bytes(b"%PDF audit")
    steps = [
        ("update", plan.action, "--note", "First weekly audit at 90%", *MILESTONE, "--commit"),
        ("redate", plan.action, "--to", "2031-04-30", "--reason", "supplier delay", "--commit"),
        ("complete", plan.action, "--change", "MAR completeness rose from 82% to 99% in three audits",
         "--evidence", "evidence/mar-audit.pdf", "--evidence-note", "Three weekly audits",
         "--evidence", "https://docs.example.org/audit", "--commit"),
        ("close", plan.action, "--note", "Audits checked at the governance meeting", "--by", "sam.patel", "--commit"),
    ]
    for step in steps:
        result = plan.run(*step)
        assert result.exit_code == 0, result.output
    data = load(plan)
    assert data["status"] == "closed"
    assert data["completion"]["evidence"] == [
        {"path": "evidence/mar-audit.pdf", "description": "Three weekly audits"},
        {"url": "https://docs.example.org/audit", "description": "https://docs.example.org/audit"},
    ]
    assert data["closure"] == {"date": dt.date.today(), "by": "sam.patel", "note": "Audits checked at the governance meeting"}
    assert plan.repo.log()[:4] == [
        f"{plan.action}: closed",
        f"{plan.action}: completed",
        f"{plan.action}: re-dated to 2031-04-30 (supplier delay)",
        f"{plan.action}: progress note",
    ]
    # Each commit holds exactly the action (and, for completion, its evidence file).
    files = plan.repo.git("show", "--name-only", "--format=", "HEAD~1").splitlines()
    assert files == [f"actions/{plan.action}.yaml", "evidence/mar-audit.pdf"]
    assert plan.repo.git("status", "--porcelain") == ""
    # The default --by is who Git says you are: the directory entry with Git's email (conftest's identity).
    assert data["updates"][0]["by"] == "test.author"


def test_commit_takes_only_the_changed_record_not_other_staged_work(plan) -> None:
    plan.repo.write("notes.txt", "draft\n")
    plan.repo.git("add", "notes.txt")
    result = plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--commit")
    assert result.exit_code == 0, result.output
    assert plan.repo.git("show", "--name-only", "--format=", "HEAD").splitlines() == [f"actions/{plan.action}.yaml"]
    assert plan.repo.git("diff", "--cached", "--name-only") == "notes.txt"


def test_commit_setting_commits_and_no_commit_overrides_it(plan) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + "commit: true\n")
    plan.repo.commit("Commit every change", date="2026-03-11")
    assert plan.run("update", plan.action, "--note", "first", *MILESTONE).exit_code == 0
    assert plan.repo.log()[0] == f"{plan.action}: progress note"
    assert plan.run("update", plan.action, "--note", "second", "--no-commit").exit_code == 0
    assert plan.repo.log()[0] == f"{plan.action}: progress note"
    assert plan.repo.git("status", "--porcelain") == f"M actions/{plan.action}.yaml"


def test_cancel_from_in_progress_records_the_reason(plan) -> None:
    plan.run("update", plan.action, "--note", "started", *MILESTONE)
    result = plan.run("cancel", plan.action, "--reason", "Superseded by the new e-MAR system", "--commit")
    assert result.exit_code == 0, result.output
    data = load(plan)
    assert data["status"] == "cancelled"
    assert data["cancellation"]["reason"] == "Superseded by the new e-MAR system"
    assert plan.repo.log()[0] == f"{plan.action}: cancelled (Superseded by the new e-MAR system)"


@pytest.mark.parametrize(
    ("setup", "step", "message"),
    [
        ([], ("close", "--note", "signed"), "is open: only a completed action can be signed off"),
        ([("update", "--note", "Re-audit of 20 care plans begun", *MILESTONE)], ("close", "--note", "signed"), "is in progress"),
        # the state is said first, before what was typed is judged (a trial's "x" was refused as a note first)
        ([("update", "--note", "Re-audit of 20 care plans begun", *MILESTONE)], ("close", "--note", "x"), "is in progress"),
        ([("cancel", "--reason", "gone")], ("update", "--note", "Re-audit of 20 care plans begun"), "is cancelled"),
        ([("cancel", "--reason", "gone")], ("redate", "--to", "2031-01-01", "--reason", "Supplier delay"), "is cancelled"),
        ([("cancel", "--reason", "gone")], ("cancel", "--reason", "again"), "already cancelled"),
        ([("complete", "--change", "MAR charts 99% complete in three audits (was 82%)", "--evidence", "https://x.org/a")],
         ("complete", "--change", "again", "--evidence", "https://x.org/a"), "already completed"),
        ([("complete", "--change", "MAR charts 99% complete in three audits (was 82%)", "--evidence", "https://x.org/a"),
          ("close", "--note", CLOSURE_NOTE)], ("cancel", "--reason", "Superseded by a wider action"), "a closed action stays closed"),
        ([("complete", "--change", "MAR charts 99% complete in three audits (was 82%)", "--evidence", "https://x.org/a"),
          ("close", "--note", CLOSURE_NOTE)], ("redate", "--to", "2031-01-01", "--reason", "Supplier delay"), "is closed"),
        ([("complete", "--change", "MAR charts 99% complete in three audits (was 82%)", "--evidence", "https://x.org/a"),
          ("close", "--note", CLOSURE_NOTE)], ("update", "--note", "Re-audit of 20 care plans begun"),
         "is closed: it is signed off: if work on it goes on after all, reopen it first with 'govtool reopen"),
    ],
)
def test_steps_out_of_order_are_refused_and_leave_the_file_byte_identical(plan, setup, step, message) -> None:
    for command, *options in setup:
        assert plan.run(command, plan.action, *options).exit_code == 0
    before = (plan.root / "actions" / f"{plan.action}.yaml").read_bytes()
    command, *options = step
    result = plan.run(command, plan.action, *options)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (plan.root / "actions" / f"{plan.action}.yaml").read_bytes() == before


def test_comments_and_key_order_in_a_hand_edited_file_survive_every_edit(plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    text = path.read_text()
    text = "# Agreed at the March governance meeting\n" + text.replace(
        "priority: high", "priority: high  # the CQC asked for this first")
    text = text.replace("measure:\n", "measure:  # checked monthly\n")
    path.write_text(text)
    (plan.root / "evidence").mkdir()
    (plan.root / "evidence" / "audit.xlsx").write_bytes(b"audit")
    for step in (
        ("update", plan.action, "--note", "Started", "--next-milestone", "Audit 2", "--milestone-due", "2030-12-01"),
        ("redate", plan.action, "--to", "2031-01-31", "--reason", "staff sickness"),
        ("update", plan.action, "--note", "Back on track", "--next-milestone", "Audit 3", "--milestone-due", "2031-01-10"),
        ("complete", plan.action, "--change", "MAR charts 99% complete in three audits (was 82%)", "--evidence", "evidence/audit.xlsx"),
        ("close", plan.action, "--note", CLOSURE_NOTE),
    ):
        assert plan.run(*step).exit_code == 0
        now = path.read_text()
        assert now.startswith("# Agreed at the March governance meeting\nid: ")
        assert "priority: high  # the CQC asked for this first\n" in now
        assert "measure:  # checked monthly\n  target: " in now  # nested mapping keeps its 2-space indent
    keys = list(yaml.safe_load(path.read_text()))
    assert keys[:13] == ["id", "title", "source", "finding", "owner", "priority", "created", "due", "status",
                         "measure", "updates", "redates", "completion"][:13]


def test_dates_in_uk_form_are_written_iso(plan) -> None:
    assert plan.run("redate", plan.action, "--to", "05/06/2031", "--reason", "Supplier delay").exit_code == 0
    assert "due: 2031-06-05\n" in plan.action_text()
    assert "to: 2031-06-05\n" in plan.action_text()


def test_a_file_in_another_indentation_style_keeps_it(plan) -> None:
    path = plan.root / "actions" / "ACT-HAND1.yaml"
    original = (
        "id: ACT-HAND1\n"
        "title: Replace the sluice room door closer\n"
        f"source: {plan.source}\n"
        "finding: F1\n"
        "owner: jane.smith\n"
        "created: 2026-03-01\n"
        "due: 2030-04-01\n"
        "status: in_progress\n"
        "measure:\n"
        "    target: The door closes unaided in 10 of 10 checks\n"
        "updates:\n"
        "- date: 2026-03-02\n"
        "  by: jane.smith\n"
        "  note: Ordered\n"
        "  next_milestone: Closer fitted and checked\n"  # still to come: a note may leave it out
        "  milestone_due: 2030-03-01\n"
    )
    path.write_text(original)
    assert plan.run("update", "ACT-HAND1", "--note", "Fitted", "--by", "jane.smith").exit_code == 0
    today = dt.date.today().isoformat()
    assert path.read_text() == original + f"- date: {today}\n  by: jane.smith\n  note: Fitted\n"


@pytest.mark.parametrize("step", [
    ("cancel", "--reason", "Not needed"),
    ("cancel", "--reason", "n/a"),
    ("redate", "--to", "2031-01-01", "--reason", "."),
    ("redate", "--to", "2031-01-01", "--reason", "TBC"),
    ("redate", "--to", "2031-01-01", "--reason", "Delay"),
    ("cancel", "--reason", "As discussed"),
])
def test_a_reason_that_says_nothing_is_refused_before_anything_is_written(plan, step) -> None:
    """Lint reports a cancellation whose reason says nothing, and once written the entry cannot
    be taken back (trail entries are append-only): so the command refuses it first."""
    before = plan.action_text()
    command, *options = step
    result = plan.run(command, plan.action, *options)
    assert result.exit_code == 2 and "does not say why: say " in result.stderr, result.output
    assert plan.action_text() == before


#: Re-date reasons that give a state or a pointer instead of a cause (the trial's list): refused.
PLACEHOLDER_REASONS = ["delay", "tbc", "waiting", "busy", "see notes", "see above", "as per notes", "pending",
                       "Still waiting...", "on hold", "as agreed", "more time needed", "see email",
                       # the second trial's: a state with nothing named for it to wait on
                       "Waiting on it", "not done yet", "ran out of time", "pending review"]
#: Short reasons that name their cause: accepted.
SHORT_REASONS = ["staff sickness", "awaiting contractor", "waiting for the electrician",
                 "pending the board's decision in March", "busy period: flu outbreak closed the home",
                 "Pending review of the falls policy by the governance group on 12 March"]


@pytest.mark.parametrize("note", [".", "ok", "ongoing", "n/a", "see above", "in progress"])
def test_update_refuses_a_progress_note_that_says_nothing(plan, note) -> None:
    """A note goes into the trail for good, and the action plan prints it as the latest
    progress: "ongoing" tells an inspector nothing happened."""
    before = plan.action_text()
    result = plan.run("update", plan.action, "--note", note, "--by", "jane.smith")
    assert result.exit_code == 2, result.output
    assert f"--note {note!r} says nothing: a progress note says what happened" in result.stderr
    assert plan.action_text() == before


def test_update_accepts_a_short_note_that_says_what_happened(plan) -> None:
    result = plan.run("update", plan.action, "--note", "Ongoing: 12 of 20 plans re-audited", *MILESTONE, "--by", "jane.smith")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("reason", PLACEHOLDER_REASONS)
def test_redate_refuses_a_reason_that_gives_no_cause(plan, reason) -> None:
    before = plan.action_text()
    result = plan.run("redate", plan.action, "--to", "2031-01-31", "--reason", reason, "--by", "jane.smith")
    assert result.exit_code == 2, result.output
    assert f"--reason {reason!r} does not say why: say what delayed it" in result.stderr
    assert plan.action_text() == before


@pytest.mark.parametrize("reason", SHORT_REASONS)
def test_redate_accepts_a_short_reason_that_names_its_cause(plan, reason) -> None:
    result = plan.run("redate", plan.action, "--to", "2031-01-31", "--reason", reason, "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert f"reason: {reason}" in plan.action_text() or f"reason: '{reason}'" in plan.action_text() \
        or f'reason: "{reason}"' in plan.action_text()


def test_a_reason_that_says_nothing_is_asked_again_at_the_prompt(plan, monkeypatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Jane Smith")  # --by defaults to her directory entry
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "jane@example.org")  # (conftest's email is test.author's)
    result = plan.cli("cancel", plan.action, cwd=plan.root,
                      input="not needed\nSuperseded by a wider action on every unit\n")
    assert result.exit_code == 0, result.output
    assert "'not needed' does not say why" in result.stderr
    assert "reason: Superseded by a wider action on every unit" in plan.action_text()


def test_at_a_terminal_a_git_name_outside_the_directory_is_asked_about_not_stored(plan, monkeypatch) -> None:
    """Git knows the user as 'Pat Doe', whom govtool.yaml's people do not list: at a terminal
    the command asks who it is (a script is refused: see test_people_resolution.py)."""
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Pat Doe")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "pat.doe@example.org")
    result = plan.cli("cancel", plan.action, "--reason", "Superseded by a wider action on every unit", cwd=plan.root,
                      input="sam.patel\n")
    assert result.exit_code == 0, result.output
    assert ("Git knows you as 'Pat Doe', who is not in govtool.yaml's people (if you are not in the list "
            "below, add yourself with 'govtool person add pat.doe --name \"Pat Doe\" --role ROLE')") in result.stderr
    # whom the answer may name is shown before the question
    assert ("People in govtool.yaml (type an ID or a name): jane.smith (Jane Smith, Registered Manager); "
            "sam.patel (Sam Patel, Deputy Manager)") in result.stderr
    assert "by: sam.patel" in plan.action_text() and "Pat Doe" not in plan.action_text()


def test_a_change_left_uncommitted_by_the_setting_says_how_to_commit(plan) -> None:
    """A manager who took over a register (no "commit: true") saw only "saved ..." and learnt
    later that Git had kept none of the trail: the report says so, and how to turn it on."""
    note = ("update", plan.action, "--note", "Night staff shown the new fridge log", "--by", "jane.smith", *MILESTONE)
    uncommitted = plan.run(*note)
    assert uncommitted.exit_code == 0, uncommitted.output
    assert "not committed to Git: add the line 'commit: true' to govtool.yaml" in uncommitted.output
    asked_not_to = plan.run(*note, "--no-commit")
    assert asked_not_to.exit_code == 0 and "not committed to Git" not in asked_not_to.output
    committed = plan.run(*note, "--commit")
    assert committed.exit_code == 0 and "not committed to Git" not in committed.output
    assert "committed " in committed.output
