"""History rules on real repositories with dated commits."""

from __future__ import annotations

from tests.history.helpers import TODAY, action, note, redate, run_rule


def _commit_action(reg, date: str, message: str = "Change ACT-1", **fields):  # type: ignore[no-untyped-def]
    reg.write("actions/ACT-1.yaml", action(**fields))
    return reg.commit(message, date=date)


# -- silent-redate -------------------------------------------------------------------------

def test_silent_redate_in_a_commit_names_the_commit_and_the_fix(reg):
    _commit_action(reg, "2026-02-01")
    sha = _commit_action(reg, "2026-03-20", due="2026-04-30")
    [problem] = run_rule(reg.path, "silent-redate")
    assert problem.record == "ACT-1" and problem.path == "actions/ACT-1.yaml"
    assert problem.line == 6  # the due: line in the file as it is now
    assert f"commit {sha[:7]} (2026-03-20, Test Author)" in problem.message
    assert ('record why it moved with: govtool redate ACT-1 --to 2026-04-30 --reason "..." (it adds the missing '
            "entry, from 2026-03-31 to 2026-04-30, and leaves the date as it is)") in problem.message


def test_silent_redate_of_a_date_moved_again_since_names_the_command_with_the_date_it_has_now(reg):
    """`redate --to` the date the action has now records every move made by hand, an older one
    too: the message for a move the date has moved on from names that command."""
    _commit_action(reg, "2026-02-01")
    _commit_action(reg, "2026-03-20", due="2026-04-30")
    _commit_action(reg, "2026-03-25", due="2026-05-31", redates=[redate("2026-03-25", "2026-04-30", "2026-05-31")])
    [problem] = run_rule(reg.path, "silent-redate")
    assert ('record why it moved with: govtool redate ACT-1 --to 2026-05-31 --reason "..." (it adds the missing '
            "entry, from 2026-03-31 to 2026-04-30, and leaves the date as it is)") in problem.message


def test_silent_redate_of_a_closed_action_names_the_entry_to_write(reg):
    """A closed action is not re-dated: the message says which entry to add by hand."""
    _commit_action(reg, "2026-02-01")
    _commit_action(reg, "2026-03-20", due="2026-04-30")
    _commit_action(reg, "2026-04-20", due="2026-04-30", status="closed",
                   completion={"date": "2026-04-18", "by": "jane.smith", "change": "MAR gaps fell from 12 to 0"},
                   closure={"date": "2026-04-20", "by": "sam.patel", "note": "Evidence checked"})
    [problem] = run_rule(reg.path, "silent-redate")
    assert "add a redates entry with from: 2026-03-31, to: 2026-04-30, reason: <why it moved>" in problem.message


def test_silent_redate_staged(reg):
    _commit_action(reg, "2026-02-01")
    reg.write("actions/ACT-1.yaml", action(due="2026-05-31"))
    reg.git("add", "actions/ACT-1.yaml")
    [problem] = run_rule(reg.path, "silent-redate")
    assert problem.message.startswith("the staged changes moved the due date of ACT-1 from 2026-03-31 to 2026-05-31")


def test_silent_redate_in_the_working_tree(reg):
    _commit_action(reg, "2026-02-01")
    reg.write("actions/ACT-1.yaml", action(due="2026-05-31"))
    [problem] = run_rule(reg.path, "silent-redate")
    assert problem.message.startswith("ACT-1's due date was changed in the file by hand, from 2026-03-31 to "
                                      "2026-05-31, and not yet committed, with no re-date entry saying why: ")
    assert "working tree" not in problem.message


def test_a_proper_redate_passes(reg):
    _commit_action(reg, "2026-02-01")
    _commit_action(reg, "2026-03-20", due="2026-04-30", redates=[redate("2026-03-20", "2026-03-31", "2026-04-30")])
    reg.write("actions/ACT-1.yaml", action(due="2026-06-30", redates=[
        redate("2026-03-20", "2026-03-31", "2026-04-30"),
        redate("2026-04-20", "2026-04-30", "2026-06-30", "Staff sickness"),
    ]))
    assert run_rule(reg.path, "silent-redate") == []


def test_redate_entry_with_the_wrong_dates_does_not_count(reg):
    _commit_action(reg, "2026-02-01")
    _commit_action(reg, "2026-03-20", due="2026-04-30", redates=[redate("2026-03-20", "2026-03-31", "2026-05-31")])
    assert len(run_rule(reg.path, "silent-redate")) == 1


def test_recording_the_move_afterwards_settles_a_past_commit(reg):
    _commit_action(reg, "2026-02-01")
    _commit_action(reg, "2026-03-20", due="2026-04-30")
    _commit_action(reg, "2026-03-22", due="2026-04-30", redates=[redate("2026-03-22", "2026-03-31", "2026-04-30")])
    assert run_rule(reg.path, "silent-redate") == []


# -- history-rewritten ---------------------------------------------------------------------

def test_edited_update_is_reported(reg):
    _commit_action(reg, "2026-02-01", status="in_progress", updates=[note("2026-02-01", "Training booked.")])
    sha = _commit_action(reg, "2026-02-20", status="in_progress", updates=[note("2026-02-01", "Training delivered.")])
    [problem] = run_rule(reg.path, "history-rewritten")
    assert f"commit {sha[:7]} (2026-02-20, Test Author) changed the progress note of 2026-02-01 of ACT-1" in problem.message
    assert "restore the entry as it was; add a new one instead" in problem.message
    assert problem.line == 11  # the updates[0] item in the current file


def test_removed_update_is_reported_and_restoring_it_settles_it(reg):
    _commit_action(reg, "2026-02-01", status="in_progress", updates=[note("2026-02-01"), note("2026-02-15", "Second.")])
    _commit_action(reg, "2026-02-20", status="in_progress", updates=[note("2026-02-01")])
    [problem] = run_rule(reg.path, "history-rewritten")
    assert "removed the progress note of 2026-02-15" in problem.message
    _commit_action(reg, "2026-02-21", status="in_progress", updates=[note("2026-02-01"), note("2026-02-15", "Second.")])
    assert run_rule(reg.path, "history-rewritten") == []


def test_appending_entries_is_fine(reg):
    _commit_action(reg, "2026-02-01", status="in_progress", updates=[note("2026-02-01")])
    _commit_action(reg, "2026-02-20", status="in_progress", updates=[note("2026-02-01"), note("2026-02-20", "More.")])
    assert run_rule(reg.path, "history-rewritten") == []


def test_deleted_record_file_is_reported(reg):
    _commit_action(reg, "2026-02-01")
    reg.git("rm", "-q", "actions/ACT-1.yaml")
    sha = reg.commit("Remove ACT-1", date="2026-02-10")
    [problem] = run_rule(reg.path, "history-rewritten")
    assert problem.path == "actions/ACT-1.yaml" and problem.record == "ACT-1"
    assert f"commit {sha[:7]} (2026-02-10, Test Author) deleted actions/ACT-1.yaml" in problem.message
    assert "cancel, don't delete" in problem.message


def test_deleting_a_file_in_the_working_tree_is_reported(reg):
    _commit_action(reg, "2026-02-01")
    (reg.path / "actions/ACT-1.yaml").unlink()
    [problem] = run_rule(reg.path, "history-rewritten")
    assert "the changes not yet committed deleted actions/ACT-1.yaml" in problem.message


def test_changed_closure_is_reported(reg):
    closure = {"date": "2026-03-01", "by": "jane.smith", "note": "Evidence checked at governance meeting."}
    _commit_action(reg, "2026-03-01", status="closed", closure=closure)
    reg.write("actions/ACT-1.yaml", action(status="closed", closure={**closure, "note": "Checked."}))
    [problem] = run_rule(reg.path, "history-rewritten")
    assert "changed the closure entry of 2026-03-01" in problem.message


# -- backdated-entry -----------------------------------------------------------------------

def test_backdated_entry_warns_with_the_gap(reg):
    _commit_action(reg, "2026-02-01", status="in_progress")
    _commit_action(reg, "2026-05-20", status="in_progress", updates=[note("2026-02-01")])
    [problem] = run_rule(reg.path, "backdated-entry")
    assert "progress note dated 2026-02-01" in problem.message and "108 days after" in problem.message


def test_backdated_entry_says_how_to_excuse_an_entry_typed_up_late_and_the_comment_it_gives_excuses_it(reg):
    """--date gives an entry the day it happened: the message no longer asks to date it the day
    it is written, but to say why one recorded later than the rule allows was typed up late."""
    from govtool.lint.engine import lint_register

    _commit_action(reg, "2026-02-01", status="in_progress")
    sha = _commit_action(reg, "2026-05-20", status="in_progress", updates=[note("2026-02-01")])
    [problem] = run_rule(reg.path, "backdated-entry")
    assert problem.message == (
        f"the progress note dated 2026-02-01 in ACT-1 was added by commit {sha[:7]} (2026-05-20, Test Author), "
        "108 days after the date it carries (entries are recorded within 14 days): if it was typed up late, say "
        "why in a comment on the entry's first line (# govtool: ignore[backdated-entry] why it was typed up late); "
        f'if it cannot be put right, acknowledge it with the reason: govtool acknowledge {sha[:7]} --reason "..."')
    path = reg.path / "actions" / "ACT-1.yaml"
    lines = path.read_text().splitlines()
    lines[problem.line - 1] += "  # govtool: ignore[backdated-entry] the February audit sheet was found in May"
    path.write_text("\n".join(lines) + "\n")
    found = lint_register(reg.path, today=TODAY).problems
    assert [p for p in found if p.rule in ("backdated-entry", "unused-suppression")] == []


def test_backdated_entry_not_yet_committed_may_still_have_its_date_corrected(reg):
    _commit_action(reg, "2026-02-01", status="in_progress")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-10-01")]))
    [problem] = run_rule(reg.path, "backdated-entry")
    assert problem.message.endswith(
        "56 days after the date it carries (entries are recorded within 14 days): if the date is wrong, correct it; "
        "if it was typed up late, say why in a comment on the entry's first line "
        "(# govtool: ignore[backdated-entry] why it was typed up late)")


def test_backdated_entry_dated_after_its_commit_was_dated_wrongly(reg):
    _commit_action(reg, "2026-02-01", status="in_progress")
    _commit_action(reg, "2026-03-01", status="in_progress", updates=[note("2026-04-01")])
    [problem] = run_rule(reg.path, "backdated-entry")
    assert ("31 days before the date it carries: an entry records what has happened, so it is dated on or before "
            "the day it is recorded: it was dated wrongly; if it cannot be put right") in problem.message


def test_backdated_entry_respects_the_days_option_and_new_records(reg):
    _commit_action(reg, "2026-02-01", status="in_progress", updates=[note("2025-10-01")])  # carried over
    _commit_action(reg, "2026-02-20", status="in_progress", updates=[note("2025-10-01"), note("2026-02-01")])
    assert run_rule(reg.path, "backdated-entry", options={"days": 30}) == []
    assert len(run_rule(reg.path, "backdated-entry", options={"days": 14})) == 1


def test_entry_in_the_working_tree_is_compared_with_today(reg):
    _commit_action(reg, "2026-02-01", status="in_progress")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-11-20")]))
    assert run_rule(reg.path, "backdated-entry") == []  # today is 2026-11-26


# -- status-regressed ----------------------------------------------------------------------

def test_status_regression_without_a_note(reg):
    closure = {"date": "2026-03-01", "by": "jane.smith", "note": "Evidence checked."}
    _commit_action(reg, "2026-03-01", status="closed", closure=closure)
    sha = _commit_action(reg, "2026-04-01", status="in_progress", closure=closure)
    [problem] = run_rule(reg.path, "status-regressed")
    assert f"commit {sha[:7]}" in problem.message and "back from closed to in_progress" in problem.message
    assert problem.line == 7


def test_status_regression_with_a_note_passes(reg):
    _commit_action(reg, "2026-03-01", status="completed")
    _commit_action(reg, "2026-04-01", status="in_progress", updates=[note("2026-04-01", "Re-audit failed; re-opened.")])
    assert run_rule(reg.path, "status-regressed") == []


def test_forward_moves_are_not_regressions(reg):
    for day, status in (("2026-02-01", "open"), ("2026-02-10", "in_progress"), ("2026-03-01", "completed"), ("2026-04-01", "cancelled")):
        _commit_action(reg, day, status=status)
    assert run_rule(reg.path, "status-regressed") == []
