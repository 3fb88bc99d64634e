"""The history engine: scope, acknowledgements, renames, merges, degradation and the cache."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from govtool.history.cache import VERSION, cache_file
from govtool.history.errors import HistoryUnavailable
from govtool.lint.history_rules import acknowledged_mistakes, lint_history
from govtool.register.load import load_register
from tests.conftest import MINIMAL_SETTINGS
from tests.history.helpers import SOURCE, TODAY, action, note, redate, run_rule


def _silent_redate(reg, date: str, due: str, record: str = "ACT-1") -> str:  # type: ignore[no-untyped-def]
    reg.write(f"actions/{record}.yaml", action(record, due=due))
    return reg.commit(f"Move {record}", date=date)


def test_base_limits_history_rules_to_the_branch(reg):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add ACT-1", date="2026-02-01")
    _silent_redate(reg, "2026-02-10", "2026-04-30")  # an old mistake on main
    reg.git("checkout", "-q", "-b", "feature")
    reg.write("actions/ACT-2.yaml", action("ACT-2"))
    reg.commit("Add ACT-2", date="2026-03-01")
    assert len(run_rule(reg.path, "silent-redate")) == 1
    assert run_rule(reg.path, "silent-redate", base="main") == []
    sha = _silent_redate(reg, "2026-03-05", "2026-05-31", "ACT-2")
    [problem] = run_rule(reg.path, "silent-redate", base="main")
    assert problem.record == "ACT-2" and sha[:7] in problem.message


def test_unknown_base_is_unavailable_with_a_reason(reg):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    with pytest.raises(HistoryUnavailable, match="origin/nope"):
        run_rule(reg.path, "silent-redate", base="origin/nope")


def test_acknowledgement_silences_lint_but_is_listed(reg):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    sha = _silent_redate(reg, "2026-02-10", "2026-04-30")
    settings = MINIMAL_SETTINGS + f"lint:\n  acknowledged:\n    - commit: {sha[:8]}\n      reason: Agreed at the March governance meeting\n"
    reg.write("govtool.yaml", settings)
    reg.commit("Acknowledge", date="2026-02-11")
    assert run_rule(reg.path, "silent-redate") == []
    [mistake] = acknowledged_mistakes(load_register(reg.path), TODAY)
    assert mistake.rule == "silent-redate" and mistake.record == "ACT-1"
    assert mistake.where.commit.sha == sha and "March governance" in mistake.acknowledgement.reason


def test_acknowledgement_for_another_rule_does_not_silence(reg):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    sha = _silent_redate(reg, "2026-02-10", "2026-04-30")
    reg.write("govtool.yaml", MINIMAL_SETTINGS + f"lint:\n  acknowledged:\n    - {{commit: {sha}, rule: history-rewritten, reason: x}}\n")
    reg.commit("Acknowledge", date="2026-02-11")
    assert len(run_rule(reg.path, "silent-redate")) == 1


def test_rename_is_followed_not_a_deletion(reg):
    reg.write("actions/ACT-OLD.yaml", action("ACT-OLD", status="in_progress", updates=[note("2026-02-01")]))
    reg.commit("Add", date="2026-02-01")
    reg.git("mv", "actions/ACT-OLD.yaml", "actions/ACT-NEW.yaml")
    reg.write("actions/ACT-NEW.yaml", action("ACT-NEW", status="in_progress", updates=[note("2026-02-01")]))
    reg.commit("Rename to the new ID", date="2026-02-05")
    assert run_rule(reg.path, "history-rewritten") == []
    # an edit made together with the rename is still seen
    reg.git("mv", "actions/ACT-NEW.yaml", "actions/ACT-NEWER.yaml")
    reg.write("actions/ACT-NEWER.yaml", action("ACT-NEWER", status="in_progress", updates=[note("2026-02-01", "Edited")]))
    reg.commit("Rename again and edit", date="2026-02-06")
    [problem] = run_rule(reg.path, "history-rewritten")
    assert problem.record == "ACT-NEWER" and "changed the progress note" in problem.message


def _two_branches_touch_the_same_action(reg, merge_text=None):  # type: ignore[no-untyped-def]
    base_updates = [note("2026-02-01")]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=base_updates))
    reg.commit("Add", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "redate")
    moved = [redate("2026-02-10", "2026-03-31", "2026-04-30")]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", due="2026-04-30", updates=base_updates, redates=moved))
    reg.commit("Re-date", date="2026-02-10")
    reg.git("checkout", "-q", "main")
    more = base_updates + [note("2026-02-12", "Second audit 94%.")]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=more))
    reg.commit("Progress", date="2026-02-12")
    subprocess.run(["git", "merge", "-q", "--no-commit", "redate"], cwd=reg.path, capture_output=True)
    good = action(status="in_progress", due="2026-04-30", updates=more, redates=moved)
    reg.write("actions/ACT-1.yaml", merge_text(more, moved) if merge_text else good)
    return reg.commit("Merge redate", date="2026-02-14")


def test_merge_of_two_branches_that_both_touched_an_action_is_clean(reg):
    _two_branches_touch_the_same_action(reg)
    for name in ("silent-redate", "history-rewritten", "status-regressed", "backdated-entry"):
        assert run_rule(reg.path, name) == [], name


def test_merge_that_drops_one_sides_note_is_reported_on_the_merge(reg):
    sha = _two_branches_touch_the_same_action(
        reg, lambda more, moved: action(status="in_progress", due="2026-04-30", updates=more[:1], redates=moved))
    [problem] = run_rule(reg.path, "history-rewritten")
    assert problem.message.startswith(f"merge {sha[:7]} (2026-02-14, Test Author) removed the progress note of 2026-02-12")
    assert run_rule(reg.path, "silent-redate") == []


def test_merge_that_moves_the_date_itself_is_reported(reg):
    _two_branches_touch_the_same_action(
        reg, lambda more, moved: action(status="in_progress", due="2026-06-30", updates=more, redates=moved))
    [problem] = run_rule(reg.path, "silent-redate")
    assert "from 2026-04-30 to 2026-06-30" in problem.message or "from 2026-03-31 to 2026-06-30" in problem.message


def test_mistake_on_a_merged_branch_is_still_reported(reg):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "side")
    sha = _silent_redate(reg, "2026-02-03", "2026-04-30")
    reg.git("checkout", "-q", "main")
    reg.write("sources/SRC-2.yaml", SOURCE.replace("SRC-1", "SRC-2"))
    reg.commit("Other work", date="2026-02-04")
    reg.git("merge", "-q", "--no-edit", "side", date="2026-02-05")
    [problem] = run_rule(reg.path, "silent-redate")
    assert f"commit {sha[:7]}" in problem.message


def test_outside_git_the_reason_says_how_to_fix(tmp_path: Path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "govtool.yaml").write_text(MINIMAL_SETTINGS)
    with pytest.raises(HistoryUnavailable, match="not in a Git repository: run 'git init'"):
        lint_history(load_register(tmp_path / "plain"), None)


def test_shallow_clone_the_reason_says_how_to_fix(reg, tmp_path: Path):
    for day in ("2026-02-01", "2026-02-02"):
        reg.write("actions/ACT-1.yaml", action(due=f"2026-04-{day[-2:]}"))
        reg.commit("Change", date=day)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{reg.path}", str(clone)], check=True)
    with pytest.raises(HistoryUnavailable, match="fetch-depth: 0"):
        lint_history(load_register(clone), None)


def test_no_commits_yet_history_is_the_working_tree(git_repo):
    git_repo.write("govtool.yaml", MINIMAL_SETTINGS)
    git_repo.write("actions/ACT-1.yaml", action())
    history = lint_history(load_register(git_repo.path), None)
    assert history.changes == [] and history.tip is None
    git_repo.git("add", "-A")
    history = lint_history(load_register(git_repo.path), None)
    assert [(c.where.kind, c.created) for c in history.changes] == [("staged", True)]


def test_register_in_a_subfolder_reads_only_its_own_history(git_repo):
    for client in ("client-a", "client-b"):
        git_repo.write(f"{client}/govtool.yaml", MINIMAL_SETTINGS)
        git_repo.write(f"{client}/actions/ACT-1.yaml", action())
    git_repo.commit("Two registers", date="2026-02-01")
    git_repo.write("client-b/actions/ACT-1.yaml", action(due="2026-09-30"))
    git_repo.commit("Move client B's action", date="2026-02-02")
    assert run_rule(git_repo.path / "client-a", "silent-redate") == []
    [problem] = run_rule(git_repo.path / "client-b", "silent-redate")
    assert problem.path == "actions/ACT-1.yaml"


def _history(root: Path, use_cache: bool = True):  # type: ignore[no-untyped-def]
    return lint_history(load_register(root), None, use_cache=use_cache)


def _summary(history):  # type: ignore[no-untyped-def]
    return [(c.where.label, c.status, c.path, c.before, c.after) for c in history.changes]


def _cache_files(reg):  # type: ignore[no-untyped-def]
    folder = reg.path / ".git" / "govtool"
    return {name: next(folder.glob(f"history-{name}-v{VERSION}-*.json")) for name in ("cache", "lint")}


def test_second_run_reads_no_blobs_and_only_new_commits_after(reg):
    for i, day in enumerate(("2026-02-01", "2026-02-02", "2026-02-03")):
        reg.write(f"actions/ACT-{i}.yaml", action(f"ACT-{i}"))
        reg.commit("Add", date=day)
    first = _history(reg.path)
    assert first.stats.blobs_read == 4 and first.stats.cache == "no cache yet"
    second = _history(reg.path)
    assert second.stats.blobs_read == 0 and second.stats.commits_listed == 0
    assert second.stats.cache == "lint digest used"
    assert _summary(second) == _summary(first)
    reg.write("actions/ACT-0.yaml", action("ACT-0", due="2026-05-31"))
    reg.commit("Move", date="2026-02-04")
    third = _history(reg.path)  # only the new commit is listed, only its two versions read
    assert third.stats.cache == "lint digest extended"
    assert third.stats.commits_listed == 1 and third.stats.blobs_read == 2
    assert [c.where.label for c in third.changes] == [reg.git("rev-parse", "--short=7", "HEAD")]
    assert _summary(third) == _summary(_history(reg.path, use_cache=False))
    # a staged edit reads only its own two versions
    reg.write("actions/ACT-1.yaml", action("ACT-1", status="in_progress"))
    reg.git("add", "-A")
    fourth = _history(reg.path)
    assert fourth.stats.cache == "lint digest used" and fourth.stats.blobs_read == 2
    # the cache lives inside .git, never in the working tree
    reg.git("reset", "-q", "--hard")
    assert reg.git("status", "--porcelain", "--ignored") == ""
    assert set(_cache_files(reg)) == {"cache", "lint"}


@pytest.mark.parametrize("which", ["cache", "lint"])
@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "old-version"])
def test_corrupt_cache_is_rebuilt_with_identical_results(reg, damage: str, which: str):
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01")]))
    reg.commit("Add", date="2026-02-01")
    _silent_redate(reg, "2026-02-10", "2026-04-30")
    uncached = _history(reg.path, use_cache=False)
    first = _history(reg.path)
    assert _summary(first) == _summary(uncached)
    files = _cache_files(reg)
    for name, path in files.items():
        if name != which:  # the other file goes too: the damaged one must be read
            path.unlink()
    path = files[which]
    raw = path.read_bytes()
    damaged = {
        "truncate": raw[: len(raw) // 2],
        "flip": raw.replace(b"2026-04-30", b"2026-04-31", 1),
        "garbage": b"\x80\x00 not json",
        "old-version": raw.replace(f'"version": {VERSION}'.encode(), f'"version": {VERSION - 1}'.encode(), 1),
    }[damage]
    assert damaged != raw
    path.write_bytes(damaged)
    rebuilt = _history(reg.path)
    assert rebuilt.stats.cache != "used" and rebuilt.stats.blobs_read > 0
    assert _summary(rebuilt) == _summary(first)
    assert _history(reg.path).stats.cache == "lint digest used"
    assert len(run_rule(reg.path, "silent-redate")) == 1


def test_cache_file_is_per_register(tmp_path: Path):
    assert cache_file(tmp_path, ["a/actions"]) != cache_file(tmp_path, ["b/actions"])


def test_digest_extended_by_new_commits_and_merges_matches_a_full_read(reg):
    _silent_redate(reg, "2026-02-01", "2026-03-31")
    _history(reg.path)  # makes the digest for this tip
    sha = _two_branches_touch_the_same_action(
        reg, lambda more, moved: action(status="in_progress", due="2026-04-30", updates=more[:1], redates=moved))
    extended = _history(reg.path)
    assert extended.stats.cache == "lint digest extended"
    assert _summary(extended) == _summary(_history(reg.path, use_cache=False))
    assert any(c.where.merge and c.where.commit.sha == sha for c in extended.changes)


def test_switching_branches_lists_only_the_difference(reg):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "other")
    _silent_redate(reg, "2026-02-02", "2026-04-30")
    on_other = _history(reg.path)
    reg.git("checkout", "-q", "main")
    _silent_redate(reg, "2026-02-03", "2026-05-31")
    on_main = _history(reg.path)
    assert on_main.stats.commits_listed == 1  # only main's new commit, not the whole history
    assert [c.after["due"] for c in on_main.changes] == ["2026-05-31"]
    assert _summary(on_main) == _summary(_history(reg.path, use_cache=False))
    reg.git("checkout", "-q", "other")
    back = _history(reg.path)
    assert _summary(back) == _summary(on_other)


def test_the_lint_digest_leaves_out_only_what_no_rule_objects_to(reg):
    """Lint judges committed changes from its digest; a full read must find the same problems."""
    from govtool.history.engine import current_snapshots, open_view, read_changes
    from govtool.lint.history_rules import History, run_history_rules

    reg.write("actions/ACT-1.yaml", action(updates=[note("2026-02-01")]))
    reg.write("actions/ACT-2.yaml", action("ACT-2"))
    reg.commit("Add", date="2026-02-01")
    moved = [redate("2026-02-05", "2026-03-31", "2026-04-30")]
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30", updates=[note("2026-02-01")], redates=moved))
    reg.commit("Re-dated with its entry", date="2026-02-05")  # nothing to object to: not in the digest
    backdated = moved + [redate("2026-01-02", "2026-04-30", "2026-05-31")]
    reg.write("actions/ACT-1.yaml", action(due="2026-05-31", updates=[note("2026-02-01")], redates=backdated))
    reg.commit("Re-dated with an entry dated six weeks back", date="2026-02-15")
    _silent_redate(reg, "2026-02-20", "2026-06-30", "ACT-2")
    reg.write("actions/ACT-1.yaml", action(due="2026-05-31", status="open", updates=[], redates=backdated))
    reg.commit("A progress note removed", date="2026-02-25")

    register = load_register(reg.path)
    digest = lint_history(register)
    view = open_view(register.root)
    changes, reader, tip = read_changes(view, use_cache=False, include_uncommitted=False)
    full = History(register, changes, None, current_snapshots(register), [], reader.stats, tip)
    assert len(digest.changes) < len(full.changes)  # the well-recorded re-date (and the additions) left out

    def problems(history: History) -> list[tuple[str, str | None, str]]:
        found = run_history_rules(register, history, TODAY)
        return sorted((rule, report.record, report.message) for rule, report in found)

    assert problems(lint_history(register)) == problems(full)  # the second run, from the digest
    assert {rule for rule, *_ in problems(full)} == {"silent-redate", "backdated-entry", "history-rewritten"}


def test_the_action_plan_shows_acknowledged_mistakes(reg, cli):
    """docs/history.md: lint is quiet about an acknowledged mistake; the report still shows it."""
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    sha = _silent_redate(reg, "2026-02-10", "2026-04-30")
    reg.write("govtool.yaml", MINIMAL_SETTINGS + f"lint:\n  acknowledged:\n    - commit: {sha[:8]}\n"
                                                   "      reason: Agreed at the March governance meeting\n")
    reg.commit("Acknowledge", date="2026-02-11")
    markdown = cli("report", "action-plan", "--as-of", "2026-02-12", cwd=reg.path).stdout
    assert "## Acknowledged mistakes in the trail" in markdown
    # in the reader's words: what went wrong and the reason, not lint's advice on what to run
    assert (f"- **ACT-1**: commit {sha[:7]} (2026-02-10, Test Author): a due date changed with no re-date "
            "entry. Reason given: Agreed at the March governance meeting") in markdown
    assert "--reason" not in markdown.split("## Acknowledged mistakes in the trail")[1]
    html = cli("report", "action-plan", "--as-of", "2026-02-12", "--format", "html", cwd=reg.path).stdout
    assert "Acknowledged mistakes in the trail</h2>" in html and "Agreed at the March governance meeting" in html
    word = cli("report", "action-plan", "--as-of", "2026-02-12", "-o", "plan.docx", cwd=reg.path)
    assert word.exit_code == 0, word.output  # the Word plan, the form most providers send, shows it too
    import docx

    paragraphs = [p.text for p in docx.Document(str(reg.path / "plan.docx")).paragraphs]
    assert "Acknowledged mistakes in the trail" in paragraphs
    assert any(text.startswith("ACT-1: commit ") and "Reason given: Agreed at the March governance meeting" in text
               for text in paragraphs)
    other = cli("report", "action-plan", "--as-of", "2026-02-12", "--owner", "sam.patel", cwd=reg.path).stdout
    assert "Acknowledged mistakes" not in other  # only for the actions the report shows


def test_writing_the_history_cache_deletes_its_older_versions_and_nothing_else(reg, tmp_path: Path):
    """history-cache-v2 files (and older, of any register here) go when v3 is written; a newer
    govtool's, other names, a link's target and anything outside .git/govtool stay."""
    from govtool.cache.store import write_checked

    folder = reg.path / ".git" / "govtool"
    folder.mkdir(parents=True, exist_ok=True)
    older = [f"history-cache-v{VERSION - 1}-{'a' * 16}.json", f"history-lint-v{VERSION - 1}-{'a' * 16}.json",
             f"history-cache-v1-{'b' * 16}.json"]  # the last: another register of the repository
    for name in older:
        write_checked(folder / name, f"govtool-history-cache:{name.split('-')[1]}", int(name.split("-")[2][1:]), {})
    outside = tmp_path / "elsewhere.json"
    outside.write_text("not a cache of this repository")
    link = folder / f"history-lint-v1-{'c' * 16}.json"
    link.symlink_to(outside)
    kept = [folder / f"history-cache-v{VERSION + 1}-{'a' * 16}.json",  # a newer govtool's
            folder / f"history-cache-v1-{'a' * 15}.json", folder / "history-cache-v1-notes.json",
            folder / f"history-cache-v1-{'a' * 16}.json.bak", reg.path / ".git" / f"history-cache-v1-{'a' * 16}.json"]
    for path in kept:
        path.write_text("{}")
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Add", date="2026-02-01")
    _history(reg.path)
    assert not [name for name in older if (folder / name).exists()]
    assert not link.is_symlink() and outside.read_text() == "not a cache of this repository"
    assert all(path.exists() for path in kept)
    assert set(_cache_files(reg)) == {"cache", "lint"}
