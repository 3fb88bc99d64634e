"""A govtool commit holds only the change its message names, and what the written record depends
on is committed too: a clone of the repository is a register.

The trial that found the second: init without committing, person add, new source, then
``new action --commit``: the commit held only the action, so a clone said "no govtool register
here" and ``show SRC-…`` said "(never committed)". The trial that found the first: a rating
typed into govtool.yaml in Notepad went into the commit of ``person edit`` ("people: changed
dawn.ellis"), and a measure baseline typed by hand into the commit of ``redate``, where lint
then reported the re-date's commit as a silent edit for good. What was there before a command,
not committed, is now committed first, on its own, under a message that says so.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.conftest import MILESTONE, new_id

TITLE = "Review every fall at the daily huddle and record the review on the falls log"


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def _changed_lines(folder: Path, commit: str) -> list[str]:
    """The lines ``commit`` adds or removes, each with its + or -."""
    return [line for line in _git(folder, "show", "--format=", commit).splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _committed_files(folder: Path) -> list[str]:
    return sorted(_git(folder, "ls-files").split())


def _new_action(cli: Any, root: Path, source: str, *extra: str) -> Any:
    return cli("new", "action", "--source", source, "--finding", "F1", "--owner", "Sam Patel",
               "--due", "2030-01-31", "--title", TITLE, "--priority", "high",
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
    assert "the changes already in govtool.yaml, " f"sources/{source}.yaml" in result.output
    # the action's commit holds the action alone; what it depends on is in the commit before it, named as found
    assert _git(root, "show", "--name-only", "--format=", "HEAD").split() == [f"actions/{action}.yaml"]
    assert f"- sources/{source}.yaml" in _git(root, "log", "-1", "--format=%B", "HEAD~1")
    assert _git(root, "log", "-1", "--format=%s", "HEAD~1").startswith("Uncommitted changes to govtool.yaml and ")
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


def test_a_person_added_without_committing_is_committed_on_their_own_before_the_note_they_sign(plan, cli) -> None:
    root = plan.root
    assert cli("person", "add", "priya.shah", "--name", "Priya Shah", "--role", "Clinical Lead", "--no-commit",
               cwd=root).exit_code == 0
    (root / "sources" / "draft-notes.txt").write_text("not a record\n")
    result = cli("update", plan.action, "--by", "priya.shah", "--note", "First weekly audit: 9 of 10 complete", *MILESTONE,
                 "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert _git(root, "show", "--name-only", "--format=", "HEAD").split() == [f"actions/{plan.action}.yaml"]
    assert _git(root, "show", "--name-only", "--format=%s", "HEAD~1").split("\n") == [
        "Uncommitted changes to govtool.yaml, committed as found", "", "govtool.yaml", ""]
    committed = yaml.safe_load(_git(root, "show", "HEAD~1:govtool.yaml"))
    assert committed["people"]["priya.shah"]["name"] == "Priya Shah"
    assert "sources/draft-notes.txt" in _git(root, "status", "--porcelain")


def test_a_rating_typed_by_hand_is_not_committed_as_the_person_edit(plan, cli) -> None:
    """The trial: rating typed into govtool.yaml in Notepad, then person edit --email."""
    root = plan.root
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text() + "rating: Requires Improvement\n")
    result = cli("person", "edit", "jane.smith", "--email", "jane@example.org", "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert "not made by this command and not committed before" in result.output
    assert _git(root, "log", "-2", "--format=%s").splitlines() == [
        "people: changed jane.smith (email jane@example.org)", "Uncommitted changes to govtool.yaml, committed as found"]
    own = _changed_lines(root, "HEAD")
    assert len(own) == 2 and "jane@example.org" in own[1] and "rating" not in "".join(own)
    assert _changed_lines(root, "HEAD~1") == ["+rating: Requires Improvement"]
    assert _git(root, "status", "--porcelain") == ""


def test_a_baseline_typed_by_hand_is_not_committed_as_the_redate_and_lint_names_its_own_commit(plan, cli) -> None:
    """The trial: a measure baseline typed by hand, then redate: the re-date's commit was reported
    as a silent edit for good. Now the hand edit has its own commit, and that is what lint names."""
    root = plan.root
    path = root / "actions" / f"{plan.action}.yaml"
    text = path.read_text()
    path.write_text(text.replace("  target: ", "  baseline: not known\n  target: ", 1))
    result = cli("redate", plan.action, "--to", "2031-01-31", "--reason", "Supplier delay", "--by", "jane.smith",
                 "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    redate, found = _git(root, "log", "-2", "--format=%h %s").splitlines()
    assert redate.endswith(f"{plan.action}: re-dated to 2031-01-31 (Supplier delay)")
    assert found.endswith(f"Uncommitted changes to actions/{plan.action}.yaml, committed as found")
    assert "baseline" not in "".join(_changed_lines(root, "HEAD"))
    assert _changed_lines(root, "HEAD~1") == ["+  baseline: not known"]
    linted = cli("lint", cwd=root)
    assert f"commit {found.split()[0]} " in linted.output and "silent-edit" in linted.output, linted.output
    assert f"commit {redate.split()[0]} " not in linted.output


def test_a_due_date_moved_by_hand_still_goes_with_the_redate_that_records_it(plan, cli) -> None:
    """redate records a move made by hand: that move stays in its commit (a commit of its own
    would be the silent re-date the pre-commit hook refuses); the rest found is committed first."""
    root = plan.root
    path = root / "actions" / f"{plan.action}.yaml"
    text = path.read_text()
    path.write_text(text.replace("due: 2030-12-31", "due: 2031-03-31").replace("  target: ", "  baseline: none\n  target: ", 1))
    result = cli("redate", plan.action, "--to", "2031-03-31", "--reason", "Supplier delay", "--by", "jane.smith",
                 "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert _changed_lines(root, "HEAD~1") == ["+  baseline: none"]
    own = _changed_lines(root, "HEAD")
    assert own[:2] == ["-due: 2030-12-31", "+due: 2031-03-31"] and "baseline" not in "".join(own)
    assert "silent-redate" not in cli("lint", cwd=root).output


def test_a_due_date_alone_moved_by_hand_makes_no_commit_of_its_own(plan, cli) -> None:
    root = plan.root
    path = root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("due: 2030-12-31", "due: 2031-03-31"))
    before = _git(root, "rev-parse", "HEAD")
    result = cli("redate", plan.action, "--to", "2031-03-31", "--reason", "Supplier delay", "--by", "jane.smith",
                 "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert "first, on its own" not in result.output
    assert _git(root, "rev-parse", "HEAD~1") == before


def test_changes_found_that_git_refuses_leave_everything_as_it_was(plan, cli) -> None:
    root = plan.root
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\ngit diff --cached --name-only | grep -q govtool.yaml && "
                    "{ echo 'settings are frozen' >&2; exit 1; }\nexit 0\n")
    hook.chmod(0o755)
    settings = root / "govtool.yaml"
    typed = settings.read_text() + "rating: Good\n"
    settings.write_text(typed)
    action = root / "actions" / f"{plan.action}.yaml"
    kept = action.read_bytes()
    head = _git(root, "rev-parse", "HEAD")
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete", *MILESTONE,
                 "--commit", cwd=root)
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()
    assert first == ("govtool: error: nothing was changed: govtool.yaml already had changes made outside this command "
                     "(by hand, or by a command run with --no-commit), which must be committed first, on their own, "
                     "and Git's pre-commit check refused them: settings are frozen"), result.stderr
    assert second.startswith("(put them right and run the command again; to undo it instead: git checkout -- govtool.yaml")
    assert _git(root, "rev-parse", "HEAD") == head and action.read_bytes() == kept and settings.read_text() == typed


def test_a_due_date_moved_by_hand_that_the_hook_refuses_is_named_in_plain_words_with_the_redate(plan, cli) -> None:
    """The pre-commit check govtool init sets up refuses a due date moved by hand (silent-redate):
    the refusal says so first, in words a manager acts on, with the command that records why;
    Git's part follows on its own line."""
    root = plan.root
    assert cli("init", cwd=root).exit_code == 0  # Git's pre-commit hook: govtool lint --staged
    path = root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("due: 2030-12-31", "due: 2031-02-28"))
    head = _git(root, "rev-parse", "HEAD")
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete",
                 "--next-milestone", "Second audit", "--milestone-due", "2030-06-30", "--commit", cwd=root)
    assert result.exit_code == 2
    first, second = result.stderr.splitlines()
    assert first == (f"govtool: error: {plan.action}'s due date was changed in the file by hand (31 Dec 2030 → "
                     f"28 Feb 2031) and not yet saved with a reason: record why with govtool redate {plan.action} "
                     f"--to 2031-02-28 --reason \"...\", then run this command again (nothing was changed)")
    assert second.startswith("(") and f"git checkout -- actions/{plan.action}.yaml" in second
    assert "staged" not in result.stderr and "--no-commit" not in result.stderr
    assert _git(root, "rev-parse", "HEAD") == head and "2031-02-28" in path.read_text()
    fixed = cli("redate", plan.action, "--to", "2031-02-28", "--reason", "Supplier delay", "--by", "jane.smith",
                "--commit", cwd=root)
    assert fixed.exit_code == 0, fixed.output
    again = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete",
                "--next-milestone", "Second audit", "--milestone-due", "2030-06-30", "--commit", cwd=root)
    assert again.exit_code == 0, again.output


def test_a_risk_review_commits_only_itself(register, cli) -> None:
    root = register.path
    risk = new_id(cli("new", "risk", "--title", "Medicines given late on night shifts", "--owner", "jane.smith",
                      "--likelihood", "4", "--consequence", "3", "--control", "Night-shift MAR check:inadequate",
                      cwd=root))
    register.commit("Record the risk", date="2026-03-10")
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text() + "rating: Good\n")
    result = cli("review", risk, "--likelihood", "3", "--consequence", "3", "--note", "Checks started",
                 "--by", "jane.smith", "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert _git(root, "show", "--name-only", "--format=", "HEAD").split() == [f"risks/{risk}.yaml"]
    assert _git(root, "show", "--name-only", "--format=%s", "HEAD~1").split("\n")[0] == \
        "Uncommitted changes to govtool.yaml, committed as found"


def test_what_is_committed_already_is_not_named_again(plan, cli) -> None:
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete", *MILESTONE,
                 "--commit", cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert "also committed" not in result.output
    assert _git(plan.root, "show", "--name-only", "--format=", "HEAD").split() == [f"actions/{plan.action}.yaml"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.init
    import govtool.cli.identity

    for module in (govtool.cli.ask, govtool.cli.commands.init, govtool.cli.identity):
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


@pytest.fixture
def nameless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Git knows no name or email (a new Windows PC): its global settings file, empty."""
    home = tmp_path / "home"
    home.mkdir()
    for variable in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return home / "gitconfig"


def test_the_guided_init_says_at_once_when_git_cannot_commit_for_want_of_a_name(terminal, nameless, tmp_path,
                                                                               cli) -> None:
    """Before, every question was answered and then nothing was made: now it is said at the answer,
    and 'no' still makes the register, without asking again whether to commit (the default flipped)."""
    result = cli("init", "oakfield", cwd=tmp_path, input="Oakfield Care Ltd\nOakfield House\n\ny\nn\n")
    assert result.exit_code == 0, result.output
    assert "Git records who made each change, by name and email, and does not know yours" in result.output
    assert "Give Git your name and email now? [Y/n]" in result.output
    assert result.output.count("Commit each change to Git automatically?") == 1 and "[y/N]" not in result.output
    assert "Then each change is saved without being committed" in result.output
    assert yaml.safe_load((tmp_path / "oakfield" / "govtool.yaml").read_text())["commit"] is False
    assert not nameless.exists()


def test_the_guided_init_asks_for_the_name_git_lacks_and_commits_with_it(terminal, nameless, tmp_path, cli) -> None:
    """'Git does not know your name yet: run git config --global …' stopped someone who never
    used Git; now init asks for the name and email, gives them to Git and goes on."""
    result = cli("init", "oakfield", cwd=tmp_path, input="Oakfield Care Ltd\nOakfield House\n\ny\n"
                 "\n"  # yes, give them now (the default)
                 "\nAisha Rahman\n"  # an empty name: said what to type, and how to stop
                 "aisha at oakfield\naisha.rahman@oakfield.example\n")
    assert result.exit_code == 0, result.output
    assert "type your name as your colleagues know it (Ctrl+C stops without saving anything)" in result.stderr
    assert "'aisha at oakfield' is not an email address" in result.stderr
    assert "Git will record your changes as Aisha Rahman <aisha.rahman@oakfield.example>" in result.output
    root = tmp_path / "oakfield"
    assert yaml.safe_load((root / "govtool.yaml").read_text())["commit"] is True
    assert _git(root, "log", "-1", "--format=%an <%ae>").strip() == "Aisha Rahman <aisha.rahman@oakfield.example>"
    assert _git(root, "config", "--global", "user.name").strip() == "Aisha Rahman"


def test_init_from_a_script_without_a_name_refuses_in_one_line_naming_what_to_set(nameless, tmp_path, cli) -> None:
    result = cli("init", "oakfield", "--provider", "Oakfield Care Ltd", "--auto-commit", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == ('govtool: error: cannot commit: Git needs your name and email to record who made each '
                             'change: run git config --global user.name "Your Name" and git config --global '
                             'user.email you@example.org, then run this command again (nothing was made)\n')
    assert not (tmp_path / "oakfield").exists()


def test_a_refused_command_commit_after_the_found_one_says_what_was_committed(plan, cli) -> None:
    root = plan.root
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\ngit diff --cached | grep -q '^+updates:' && { echo 'no notes today' >&2; exit 1; }\n"
                    "exit 0\n")
    hook.chmod(0o755)
    path = root / "actions" / f"{plan.action}.yaml"
    typed = path.read_text().replace("  target: ", "  baseline: not known\n  target: ", 1)
    path.write_text(typed)
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete", *MILESTONE,
                 "--commit", cwd=root)
    assert result.exit_code == 2
    found = _git(root, "log", "-1", "--format=%h %s").split(" ", 1)
    assert found[1] == f"Uncommitted changes to actions/{plan.action}.yaml, committed as found\n"
    assert result.stderr == (f"govtool: error: your change was not saved, but the changes found uncommitted before it "
                             f"were committed on their own ({found[0]}): the commit was refused: no notes today\n")
    assert path.read_text() == typed and _git(root, "status", "--porcelain") == ""


def test_a_progress_note_on_a_new_laptop_asks_for_the_name_git_lacks_and_commits_with_it(plan, terminal, nameless,
                                                                                       cli) -> None:
    """Only init offered this: a manager whose consultant set the register up met 'run git config
    --global ...' on the first note. Every committing command now asks, once, at a terminal."""
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete",
                 *MILESTONE, "--commit", cwd=plan.root, input="\nAisha Rahman\naisha.rahman@oakfield.example\n")
    assert result.exit_code == 0, result.output
    assert "Give Git your name and email now? [Y/n]" in result.output
    assert _git(plan.root, "log", "-1", "--format=%an <%ae>").strip() == "Aisha Rahman <aisha.rahman@oakfield.example>"
    again = cli("update", plan.action, "--by", "jane.smith", "--note", "Second weekly audit: 10 of 10 complete",
                "--commit", cwd=plan.root)
    assert again.exit_code == 0 and "Give Git your name" not in again.output


def test_a_change_from_a_script_without_a_name_refuses_before_writing(plan, nameless, cli) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    before = path.read_bytes()
    result = cli("update", plan.action, "--by", "jane.smith", "--note", "First weekly audit: 9 of 10 complete",
                 *MILESTONE, "--commit", cwd=plan.root)
    assert result.exit_code == 2
    assert "Git does not know who you are" in result.stderr and "--no-commit" in result.stderr
    assert path.read_bytes() == before and not nameless.exists()
