"""A commit that cannot be made leaves the register exactly as it was, and says why (exit 2).

Each cause is made real in a real repository: a pre-commit hook that refuses, a merge left
half-way, another Git program's index.lock, no identity. A retry after the cause is fixed
adds the entry once.
"""

from __future__ import annotations

import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import MILESTONE
from tests.conftest import GIT_IDENTITY, GitRepo
from tests.lint.casebuild import base_files, write_files


def _state(repo: GitRepo) -> tuple[dict[str, bytes], str, str, str]:
    """Every file of the register's folders, the index, the working tree status and HEAD."""
    files = {p.relative_to(repo.path).as_posix(): p.read_bytes()
             for p in sorted(repo.path.rglob("*")) if p.is_file() and ".git" not in p.parts}
    return files, repo.git("ls-files", "-s"), repo.git("status", "--porcelain"), repo.git("rev-parse", "HEAD")


def _refusing_hook(repo: GitRepo) -> Path:
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'policy: commits are frozen until the audit is signed off' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    return hook


def _update(plan, note: str = "First weekly audit at 90%"):
    return plan.run("update", plan.action, "--note", note, *MILESTONE, "--by", "jane.smith", "--commit")


def test_a_refusing_pre_commit_hook_changes_nothing_and_a_retry_adds_one_entry(plan) -> None:
    hook = _refusing_hook(plan.repo)
    before = _state(plan.repo)
    result = _update(plan)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nothing was changed: the commit was refused" in result.stderr
    assert "commits are frozen until the audit is signed off" in result.stderr
    assert _state(plan.repo) == before
    hook.unlink()
    assert _update(plan).exit_code == 0
    assert plan.action_text().count("First weekly audit at 90%") == 1
    assert plan.repo.log()[0] == f"{plan.action}: progress note"


def test_a_refusal_by_govtool_s_own_hook_names_what_stops_the_commit(plan) -> None:
    hook = _refusing_hook(plan.repo)
    hook.write_text("#!/bin/sh\necho 'actions/ACT-X.yaml:2: error vague-action action ...' \n"
                    "echo 'govtool: the commit is stopped by 2 problems in the files it changes; the first: "
                    "actions/ACT-X.yaml:2: error vague-action action ...' >&2\necho '2 errors' \nexit 1\n")
    result = _update(plan)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert ("the commit was refused: the commit is stopped by 2 problems in the files it changes; the first: "
            "actions/ACT-X.yaml:2: error vague-action action ...") in result.stderr


def test_a_refused_commit_of_a_new_record_leaves_no_file(plan) -> None:
    _refusing_hook(plan.repo)
    before = _state(plan.repo)
    result = plan.run("new", "action", "--title", "Audit the fridge temperature log every week at the governance meeting",
                      "--source", plan.source, "--finding", "F2", "--owner", "jane.smith", "--due", "2030-06-30",
                      "--target", "Every fridge reading recorded for four weeks", "--commit")
    assert result.exit_code == 2 and "commits are frozen" in result.stderr
    assert _state(plan.repo) == before


def test_the_users_own_staged_version_of_the_file_is_kept(plan) -> None:
    """What the user had staged for the record stays staged, not the half-done change."""
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed by the quality lead\n", encoding="utf-8")
    plan.repo.git("add", path.as_posix())
    _refusing_hook(plan.repo)
    before = _state(plan.repo)
    assert _update(plan).exit_code == 2
    assert _state(plan.repo) == before


def test_a_merge_in_progress_is_named_and_nothing_changes(plan) -> None:
    repo = plan.repo
    repo.git("checkout", "-q", "-b", "other")
    repo.write("notes.txt", "other side\n")
    repo.commit("Other side", date="2026-03-11")
    repo.git("checkout", "-q", "main")
    repo.write("notes.txt", "main side\n")
    repo.commit("Main side", date="2026-03-11")
    with pytest.raises(subprocess.CalledProcessError):
        repo.git("merge", "other")  # a conflict: MERGE_HEAD stays
    assert (repo.path / ".git" / "MERGE_HEAD").exists()
    before = _state(repo)
    result = _update(plan)
    assert result.exit_code == 2 and "a merge is in progress" in result.stderr and "git merge --abort" in result.stderr
    assert _state(repo) == before


def test_a_busy_index_lock_is_named_by_its_path(plan) -> None:
    lock = plan.root / ".git" / "index.lock"
    lock.write_text("")
    before = _state(plan.repo)
    result = _update(plan)
    assert result.exit_code == 2 and f"{lock} exists" in result.stderr
    assert _state(plan.repo) == before
    lock.unlink()
    assert _update(plan).exit_code == 0


def test_without_an_identity_nothing_changes(plan, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in GIT_IDENTITY:
        monkeypatch.delenv(key)
    before = _state(plan.repo)
    result = _update(plan)
    assert result.exit_code == 2 and "Git does not know who you are" in result.stderr
    # Double quotes: single ones make Windows cmd set the name to 'Your (and refuse Name').
    assert 'git config --global user.name "Your Name"' in result.stderr and "'Your Name'" not in result.stderr
    assert _state(plan.repo) == before


def test_a_refused_review_commit_leaves_the_risk_as_it_was(register: GitRepo, cli) -> None:
    register.write("risks/RSK-FALL.yaml", """
        id: RSK-FALL
        title: Falls on the stairs at night
        owner: jane.smith
        inherent: {likelihood: 4, consequence: 4}
        residual: {likelihood: 3, consequence: 4}
    """)
    register.commit("Add the risk", date="2026-01-06")
    _refusing_hook(register)
    before = _state(register)
    result = cli("review", "RSK-FALL", "--likelihood", "2", "--consequence", "4", "--note", "Night checks in place",
                 "--by", "jane.smith", "--commit", cwd=register.path)
    assert result.exit_code == 2 and "commits are frozen" in result.stderr, result.output
    assert _state(register) == before


def test_init_auto_commit_without_identity_leaves_nothing_then_works(tmp_path: Path, cli,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for key in GIT_IDENTITY:
        monkeypatch.delenv(key)
    args = ("init", "willowbrook", "--provider", "Willowbrook Care Ltd", "--auto-commit")
    result = cli(*args, cwd=tmp_path)
    assert result.exit_code == 2 and "Git needs your name and email" in result.stderr
    assert 'git config --global user.name "Your Name"' in result.stderr and "'Your Name'" not in result.stderr
    assert not (tmp_path / "willowbrook").exists()
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)
    again = cli(*args, cwd=tmp_path)
    assert again.exit_code == 0, again.output
    assert "Committed" in again.stdout and (tmp_path / "willowbrook" / "govtool.yaml").is_file()


def test_init_whose_commit_is_refused_removes_what_it_made(git_repo: GitRepo, cli) -> None:
    git_repo.write("README.md", "client registers\n")
    git_repo.commit("Start", date="2026-01-01")
    _refusing_hook(git_repo)
    before = _state(git_repo)
    result = cli("init", "clients/acme", "--provider", "Acme Care", "--commit", cwd=git_repo.path)
    assert result.exit_code == 2 and "nothing was made" in result.stderr and "commits are frozen" in result.stderr
    assert _state(git_repo) == before and not (git_repo.path / "clients").exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB file system of its own (tmpfs), to be filled; skipped where mounting is not allowed."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_disk_that_fills_during_the_commit_leaves_the_record_as_it_was(small_disk: Path, cli) -> None:
    repo = GitRepo(small_disk / "repo")
    repo.path.mkdir()
    repo.git("init", "-q", "-b", "main")
    write_files(repo.path, base_files())  # a small register that lints clean
    repo.commit("The plan", date="2026-01-06")
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    # The hook fills the disk and lets the commit go on: Git then cannot write the commit.
    hook.write_text(f"#!/bin/sh\ncat /dev/zero > {small_disk}/filler 2>/dev/null\nexit 0\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    before = _state(repo)
    result = cli("update", "ACT-BASE", "--note", "First weekly audit at 90%", "--by", "jane.smith", "--commit",
                 cwd=repo.path)
    assert result.exit_code == 2, result.output
    assert "nothing was changed" in result.stderr and "space" in result.stderr.lower(), result.stderr
    (small_disk / "filler").unlink()
    assert _state(repo) == before


def test_a_refused_commit_of_a_person_leaves_the_settings_as_they_were(register: GitRepo, cli) -> None:
    _refusing_hook(register)
    before = _state(register)
    result = cli("person", "add", "lee.brown", "--name", "Lee Brown", "--role", "Senior Carer", "--commit",
                 cwd=register.path)
    assert result.exit_code == 2 and "commits are frozen" in result.stderr, result.output
    assert _state(register) == before
