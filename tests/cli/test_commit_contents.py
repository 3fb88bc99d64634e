"""A govtool commit holds what the written record depends on: a clone of the repository is a register.

The trial that found this: init without committing, person add, new source, then
``new action --commit``: the commit held only the action, so a clone said "no govtool register
here" and ``show SRC-…`` said "(never committed)".
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import new_id

TITLE = "Review every fall at the daily huddle and record the review on the falls log"


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def _committed_files(folder: Path) -> list[str]:
    return sorted(_git(folder, "ls-files").split())


def _new_action(cli: Any, root: Path, source: str, *extra: str) -> Any:
    return cli("new", "action", "--source", source, "--finding", "F1", "--owner", "Sam Patel",
               "--due", "2027-01-31", "--title", TITLE, "--priority", "high",
               "--target", "100% of falls reviewed within 24 hours in three monthly audits", *extra, cwd=root)


@pytest.fixture
def uncommitted_register(tmp_path: Path, cli: Any) -> tuple[Path, str]:
    """The trial's steps before the first commit: init, person add and new source, none committed."""
    root = tmp_path / "oakfield"
    assert cli("init", str(root), "--provider", "Oakfield Care Ltd", "--no-auto-commit", cwd=tmp_path).exit_code == 0
    assert cli("person", "add", "sam.patel", "--name", "Sam Patel", "--role", "Deputy Manager",
               cwd=root).exit_code == 0
    source = new_id(cli("new", "source", "--type", "audit", "--title", "Falls audit, October 2026",
                        "--date", "2026-10-01", "--finding", "Falls were not reviewed.", cwd=root))
    assert _git(root, "log", "--oneline", "--all") == ""  # nothing committed yet
    return root, source


def test_the_first_commit_holds_the_settings_and_the_source_an_action_answers(uncommitted_register, cli,
                                                                              tmp_path) -> None:
    root, source = uncommitted_register
    (root / "notes.txt").write_text("my own draft, not the register's\n")
    result = _new_action(cli, root, source, "--commit")
    assert result.exit_code == 0, result.output
    action = new_id(result)
    assert _committed_files(root) == sorted([
        ".pre-commit-config.yaml", "actions/.gitkeep", f"actions/{action}.yaml", "evidence/.gitkeep",
        "govtool.yaml", "risks/.gitkeep", f"sources/{source}.yaml", "sources/.gitkeep"])
    assert "also committed what this change depends on, not committed before: govtool.yaml, " \
           f"sources/{source}.yaml" in result.output
    assert f"- sources/{source}.yaml" in _git(root, "log", "-1", "--format=%B")
    assert _git(root, "status", "--porcelain") == "?? notes.txt\n"  # the user's own file stays theirs

    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(root), str(clone))
    listed = cli("list", cwd=clone)
    assert listed.exit_code == 0 and action in listed.output, listed.output
    shown = cli("show", source, cwd=clone)
    assert shown.exit_code == 0 and "(never committed)" not in shown.output, shown.output


def test_a_first_commit_of_the_settings_takes_what_init_made(tmp_path, cli) -> None:
    root = tmp_path / "oakfield"
    assert cli("init", str(root), "--provider", "Oakfield Care Ltd", "--no-auto-commit", cwd=tmp_path).exit_code == 0
    result = cli("person", "add", "sam.patel", "--name", "Sam Patel", "--role", "Deputy Manager", "--commit",
                 cwd=root)
    assert result.exit_code == 0, result.output
    assert _committed_files(root) == sorted([".pre-commit-config.yaml", "actions/.gitkeep", "evidence/.gitkeep",
                                             "govtool.yaml", "risks/.gitkeep", "sources/.gitkeep"])
    assert _git(root, "status", "--porcelain") == ""


def test_a_person_added_without_committing_goes_into_the_commit_of_the_note_they_sign(plan, cli) -> None:
    root = plan.root
    assert cli("person", "add", "priya.shah", "--name", "Priya Shah", "--role", "Clinical Lead", "--no-commit",
               cwd=root).exit_code == 0
    (root / "sources" / "draft-notes.txt").write_text("not a record\n")
    result = cli("update", plan.action, "--by", "priya.shah", "--note", "First weekly audit: 9 of 10 complete",
                 "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert sorted(_git(root, "show", "--name-only", "--format=", "HEAD").split()) == \
        sorted(["govtool.yaml", f"actions/{plan.action}.yaml"])
    committed = yaml.safe_load(_git(root, "show", "HEAD:govtool.yaml"))
    assert committed["people"]["priya.shah"]["name"] == "Priya Shah"
    assert "sources/draft-notes.txt" in _git(root, "status", "--porcelain")


def test_what_is_committed_already_is_not_named_again(plan, cli) -> None:
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete",
                 "--commit", cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert "also committed" not in result.output
    assert _git(plan.root, "show", "--name-only", "--format=", "HEAD").split() == [f"actions/{plan.action}.yaml"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.init

    for module in (govtool.cli.ask, govtool.cli.commands.init):
        monkeypatch.setattr(module, "interactive", lambda: True)


@pytest.mark.parametrize(("answer", "committed"), [("y", True), ("n", False)])
def test_the_guided_init_asks_whether_to_commit_each_change(terminal, tmp_path, cli, answer, committed) -> None:
    result = cli("init", "oakfield", cwd=tmp_path, input=f"Oakfield Care Ltd\nOakfield House\n\n{answer}\n")
    assert result.exit_code == 0, result.output
    assert "Git keeps the register's history" in result.output
    assert "Commit each change to Git automatically? [Y/n]" in result.output
    root = tmp_path / "oakfield"
    assert yaml.safe_load((root / "govtool.yaml").read_text())["commit"] is committed
    assert ("govtool.yaml" in _committed_files(root)) is committed
    assert "'govtool person add'" in result.output and "add your people to govtool.yaml" not in result.output


def test_the_guided_init_says_at_once_when_git_cannot_commit_for_want_of_a_name(
        terminal, tmp_path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before, every question was answered and then nothing was made: now it is said at the answer,
    and 'no' still makes the register."""
    home = tmp_path / "home"
    home.mkdir()
    for variable in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    result = cli("init", "oakfield", cwd=tmp_path, input="Oakfield Care Ltd\nOakfield House\n\ny\nn\n")
    assert result.exit_code == 0, result.output
    assert "Git does not know your name yet, so it cannot commit" in result.stderr
    assert yaml.safe_load((tmp_path / "oakfield" / "govtool.yaml").read_text())["commit"] is False
