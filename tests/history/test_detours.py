"""History that takes a detour is judged as if it had not: every version of a record is
compared with its last readable version (deleted and restored, renamed, a field missing for a
while, unreadable in between, across merges), and lint's answer never depends on its caches."""

from __future__ import annotations

from pathlib import Path

from tests.history.helpers import action, note, redate, run_rule

NOTE = note("2026-02-01", "Audit tool agreed.")
EDITED = note("2026-02-01", "Audit done, 100% compliant.")


def _rules(root: Path) -> set[tuple[str, str]]:
    found = set()
    for name in ("silent-redate", "history-rewritten", "status-regressed"):
        found |= {(name, report.record) for report in run_rule(root, name)}
    return found


def _start(reg) -> None:  # type: ignore[no-untyped-def]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[NOTE]))
    reg.commit("Add ACT-1", date="2026-02-01")


def _delete_and_restore(reg, name: str = "ACT-1", **fields) -> None:  # type: ignore[no-untyped-def]
    """ACT-1 added, deleted in the next commit, and added back (as ``name``) in the one after."""
    _start(reg)
    (reg.path / "actions/ACT-1.yaml").unlink()
    reg.commit("Remove ACT-1", date="2026-02-02")
    reg.write(f"actions/{name}.yaml", action(status="in_progress", **fields))
    reg.commit("Add ACT-1 back", date="2026-02-03")


def test_deleted_then_restored_edited_is_compared_with_what_was_deleted(reg):
    _delete_and_restore(reg, due="2026-06-30", updates=[EDITED])
    assert _rules(reg.path) == {("silent-redate", "ACT-1"), ("history-rewritten", "ACT-1")}


def test_restored_exactly_as_it_was_is_no_problem(reg):
    _delete_and_restore(reg, updates=[NOTE])
    assert _rules(reg.path) == set()


def test_deleted_and_added_under_another_name_is_a_rename(reg):
    _delete_and_restore(reg, "ACT-1-renamed", due="2026-06-30", updates=[NOTE])
    assert ("silent-redate", "ACT-1") in _rules(reg.path)


def test_restored_in_the_working_tree_is_compared_too(reg):
    _start(reg)
    (reg.path / "actions/ACT-1.yaml").unlink()
    reg.commit("Remove ACT-1", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-06-30", updates=[NOTE]))
    reg.git("add", "-A")  # what a pre-commit hook sees
    assert _rules(reg.path) == {("silent-redate", "ACT-1")}


def test_a_deletion_on_another_branch_does_not_count(reg):
    _start(reg)
    reg.git("checkout", "-q", "-b", "other")
    (reg.path / "actions/ACT-1.yaml").unlink()
    reg.commit("Remove ACT-1 on a branch", date="2026-02-02")
    reg.git("checkout", "-q", "main")
    reg.write("actions/ACT-2.yaml", action("ACT-2", due="2026-06-30"))
    reg.commit("A new action", date="2026-02-03")
    (reg.path / "actions/ACT-1.yaml").unlink()
    reg.commit("Remove ACT-1 on main", date="2026-02-04")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[NOTE]))
    reg.commit("Add ACT-1 back", date="2026-02-05")
    assert _rules(reg.path) == set()


def test_due_removed_then_added_with_another_date(reg):
    _start(reg)
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due=None, updates=[NOTE]))
    reg.commit("Drop the due date", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-06-30", updates=[NOTE]))
    reg.commit("A new due date", date="2026-02-03")
    assert _rules(reg.path) == {("silent-redate", "ACT-1")}


def test_status_removed_then_set_back(reg):
    reg.write("actions/ACT-1.yaml", action(status="completed", updates=[NOTE]))
    reg.commit("Add ACT-1", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(status=None, updates=[NOTE]))
    reg.commit("Drop the status", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="open", updates=[NOTE]))
    reg.commit("Open again", date="2026-02-03")
    assert _rules(reg.path) == {("status-regressed", "ACT-1")}


def test_due_removed_with_its_entry_added_later_is_fine(reg):
    _start(reg)
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due=None, updates=[NOTE]))
    reg.commit("Drop the due date", date="2026-02-02")
    moved = [redate("2026-02-03", "2026-03-31", "2026-06-30")]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-06-30", updates=[NOTE], redates=moved))
    reg.commit("Re-dated", date="2026-02-03")
    assert _rules(reg.path) == set()


def _unreadable_then_silent_redate(reg) -> None:  # type: ignore[no-untyped-def]
    reg.write("actions/ACT-1.yaml", "id: ACT-1\ndue: [unclosed\n")
    reg.commit("Break the file", date="2026-02-02")


def test_unreadable_in_between_warm_and_cold_agree(reg):
    _start(reg)
    _unreadable_then_silent_redate(reg)
    run_rule(reg.path, "silent-redate")  # a warm cache made while the file is broken
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-06-30", updates=[NOTE]))
    reg.commit("Fix it, and move the date", date="2026-02-03")
    warm = _rules(reg.path)
    for cache in (reg.path / ".git" / "govtool").glob("history-*"):
        cache.unlink()
    assert warm == _rules(reg.path) == {("silent-redate", "ACT-1")}


def test_unreadable_then_fixed_in_the_working_tree(reg):
    _start(reg)
    _unreadable_then_silent_redate(reg)
    run_rule(reg.path, "silent-redate")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-06-30", updates=[]))
    assert _rules(reg.path) == {("silent-redate", "ACT-1"), ("history-rewritten", "ACT-1")}


def test_detour_across_a_merge(reg):
    """A branch drops the due date, the other side's line brings it back moved: the merge
    (and the commit after it) are still compared with the last date."""
    _start(reg)
    reg.git("checkout", "-q", "-b", "side")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due=None, updates=[NOTE]))
    reg.commit("Drop the due date on a branch", date="2026-02-02")
    reg.git("checkout", "-q", "main")
    reg.write("actions/ACT-2.yaml", action("ACT-2"))
    reg.commit("Another action", date="2026-02-03")
    reg.git("merge", "-q", "--no-edit", "side", date="2026-02-04")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-07-31", updates=[NOTE]))
    reg.commit("A new date after the merge", date="2026-02-05")
    assert _rules(reg.path) == {("silent-redate", "ACT-1")}


def test_an_editable_field_removed_by_hand_is_itself_a_silent_edit(reg):
    """Only due, status and id are carried over a gap: removing the owner is a change of its own."""
    _start(reg)
    reg.write("actions/ACT-1.yaml", action(status="in_progress", owner=None, updates=[NOTE]))
    reg.commit("Drop the owner", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", owner="sam.patel", updates=[NOTE]))
    reg.commit("A new owner", date="2026-02-03")
    found = run_rule(reg.path, "silent-edit")
    assert [r.record for r in found] == ["ACT-1", "ACT-1"]  # the removal, and the new owner
