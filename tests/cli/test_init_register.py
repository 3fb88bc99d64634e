"""govtool init: a new register, in a new or an existing repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from govtool.register.load import load_register
from govtool.services.checks import commit_checked, git_hook_script, pre_commit_config, set_up_checks
from tests.conftest import EXAMPLE_REGISTER, GitRepo


def test_init_makes_a_repository_settings_folders_and_hook(tmp_path, cli) -> None:
    target = tmp_path / "willowbrook"
    result = cli("init", str(target), "--provider", "Willowbrook Care Ltd", "--location", "Willowbrook House",
                 "--commit", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (target / ".git").is_dir()
    settings = yaml.safe_load((target / "govtool.yaml").read_text())
    assert settings == {"provider": "Willowbrook Care Ltd", "location": "Willowbrook House",
                        "commit": False, "people": {}}
    assert "#   jane.smith:\n#     name: Jane Smith" in (target / "govtool.yaml").read_text()
    # the next steps name import too, for a plan already kept in a spreadsheet
    next_line, last = result.stdout.splitlines()[-2:]
    assert next_line.startswith("Next: ") and "'govtool person add'" in next_line and "'govtool import FILE'" in next_line
    # each change will not be committed ('commit: false'): said once, with both ways to keep the trail
    assert last.startswith("Changes are saved but not committed to Git") and "'commit: true'" in last
    for folder in ("sources", "actions", "risks", "evidence"):
        assert (target / folder / ".gitkeep").is_file()
    hook = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())
    (entry,) = hook["repos"][0]["hooks"]
    assert entry["id"] == "govtool-lint"
    assert entry.get("pass_filenames", False) is False
    register = load_register(target)
    assert register.problems == [] and register.settings.provider == "Willowbrook Care Ltd"
    files = subprocess.run(["git", "ls-files"], cwd=target, capture_output=True, text=True, check=True).stdout.split()
    assert sorted(files) == sorted([".pre-commit-config.yaml", "actions/.gitkeep", "evidence/.gitkeep",
                                    "govtool.yaml", "risks/.gitkeep", "sources/.gitkeep"])


def test_init_in_a_subfolder_of_an_existing_repository_writes_the_hook_at_its_root(git_repo, cli) -> None:
    result = cli("init", "clients/oak-lodge", "--provider", "Oak Lodge Ltd", "--auto-commit", cwd=git_repo.path)
    assert result.exit_code == 0, result.output
    assert "Initialised a Git repository" not in result.output
    assert not (git_repo.path / "clients" / "oak-lodge" / ".git").exists()
    hook = yaml.safe_load((git_repo.path / ".pre-commit-config.yaml").read_text())
    assert "args" not in hook["repos"][0]["hooks"][0]  # at the root the hook lints every register it must
    settings = yaml.safe_load((git_repo.path / "clients/oak-lodge/govtool.yaml").read_text())
    assert settings["commit"] is True and settings["location"] == "Oak Lodge Ltd"
    assert git_repo.log() == ["Start the govtool register for Oak Lodge Ltd"]


def test_init_adds_the_hook_to_an_existing_pre_commit_config_keeping_its_entries(git_repo, cli) -> None:
    mine = ("# our own checks\nrepos:\n- repo: https://github.com/pre-commit/pre-commit-hooks\n  rev: v4.6.0\n"
            "  hooks:\n  - id: trailing-whitespace  # keep this one\n")
    git_repo.write(".pre-commit-config.yaml", mine)
    result = cli("init", "--provider", "Oak Lodge Ltd", cwd=git_repo.path)
    assert result.exit_code == 0, result.output
    text = (git_repo.path / ".pre-commit-config.yaml").read_text()
    assert text.startswith(mine)  # nothing of the user's changed, comments included
    repos = yaml.safe_load(text)["repos"]
    assert [r["repo"] for r in repos] == ["https://github.com/pre-commit/pre-commit-hooks", "local"]
    assert repos[1]["hooks"][0]["id"] == "govtool-lint" and repos[1]["hooks"][0]["entry"] == "govtool lint --staged"
    assert "Added the govtool-lint hook to .pre-commit-config.yaml" in result.output
    git_repo.write(".pre-commit-config.yaml", "repos: []\n")  # an empty list in flow style becomes a block
    (git_repo.path / "govtool.yaml").unlink()
    assert cli("init", "--provider", "Oak Lodge Ltd", cwd=git_repo.path).exit_code == 0
    assert yaml.safe_load((git_repo.path / ".pre-commit-config.yaml").read_text())["repos"][0]["repo"] == "local"


def test_init_refuses_an_existing_register(register, cli) -> None:
    before = (register.path / "govtool.yaml").read_bytes()
    result = cli("init", "--provider", "Someone Else", cwd=register.path)
    assert result.exit_code == 2
    assert "a register already exists here" in result.output
    assert (register.path / "govtool.yaml").read_bytes() == before


def test_init_without_provider_and_without_a_terminal_names_the_option(tmp_path, cli) -> None:
    result = cli("init", str(tmp_path / "new"), cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output.strip() == "govtool: error: missing --provider: give it on the command line"
    assert not (tmp_path / "new" / "govtool.yaml").exists()


def test_a_second_client_register_uses_the_hook_already_there(git_repo, cli) -> None:
    assert cli("init", "clients/acme", "--provider", "Acme Care Ltd", cwd=git_repo.path).exit_code == 0
    config = (git_repo.path / ".pre-commit-config.yaml").read_text()
    second = cli("init", "clients/willow", "--provider", "Willow Care Ltd", cwd=git_repo.path)
    assert second.exit_code == 0, second.output
    assert "runs govtool-lint already: it lints this register too" in second.output
    assert "add this hook" not in second.output
    assert (git_repo.path / ".pre-commit-config.yaml").read_text() == config


def test_init_inside_a_register_is_refused_and_names_the_outer_one(register, cli) -> None:
    result = cli("init", "clients/acme", "--provider", "Acme Care Ltd", cwd=register.path)
    assert result.exit_code == 2
    assert f"is inside the register at {register.path.resolve()}: make the new register beside it" in result.output
    assert not (register.path / "clients").exists()


def test_init_commits_only_where_git_finds_a_repository(tmp_path, cli, monkeypatch) -> None:
    """GIT_CEILING_DIRECTORIES stops Git looking above a folder: init then makes its own repository."""
    outer = tmp_path / "trial"
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    (outer / "work").mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(outer))
    result = cli("init", "reg", "--provider", "Oak Lodge Ltd", "--commit", cwd=outer / "work")
    assert result.exit_code == 0, result.output
    assert "Initialised a Git repository in reg" in result.output
    assert (outer / "work" / "reg" / ".git").is_dir() and (outer / "work" / "reg" / ".pre-commit-config.yaml").is_file()
    outer_log = subprocess.run(["git", "-C", str(outer), "rev-list", "--all"], capture_output=True, text=True)
    assert outer_log.stdout == ""  # nothing committed in the enclosing repository


def test_the_generated_hook_runs_the_installed_govtool_and_says_what_to_change(tmp_path, cli) -> None:
    assert cli("init", "reg", "--provider", "Oak Lodge Ltd", cwd=tmp_path).exit_code == 0
    text = (tmp_path / "reg" / ".pre-commit-config.yaml").read_text()
    (repo,) = yaml.safe_load(text)["repos"]
    assert repo["repo"] == "local" and repo["hooks"][0]["entry"] == "govtool lint --staged"
    assert "#   - repo: https://github.com/YOUR-ORG/govtool   # where your govtool comes from" in text
    assert "#     rev: COMMIT" in text and "rev: v" not in text  # no release tag is published to pin


def test_init_in_an_existing_register_sets_up_its_checks_without_asking_anything(register, cli) -> None:
    """The trial's finding: `govtool init .` in a register asked for --provider first; then it
    refused, leaving a register taken over with no way to set up its checks."""
    result = cli.subprocess("init", ".", cwd=register.path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "A register already exists in .: its settings and records are kept."
    refused = cli.subprocess("init", ".", "--provider", "Someone Else", cwd=register.path)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        f"govtool: error: {register.path.resolve() / 'govtool.yaml'}: a register already exists here (govtool.yaml): "
        "init does not change its settings (edit govtool.yaml); run 'govtool init' without options to set up its "
        "checks on this computer; nothing changed")
    inside = cli.subprocess("init", "clients/acme", cwd=register.path)
    assert inside.returncode == 2 and "is inside the register at" in inside.stderr and "--provider" not in inside.stderr


def test_a_pre_commit_config_that_cannot_be_read_is_left_as_it_is_and_the_hook_shown(git_repo, cli) -> None:
    git_repo.write(".pre-commit-config.yaml", "repos: [\n")
    result = cli("init", "--provider", "Oak Lodge Ltd", cwd=git_repo.path)
    assert result.exit_code == 0, result.output
    assert (git_repo.path / ".pre-commit-config.yaml").read_text() == "repos: [\n"
    assert "Could not add the govtool-lint hook to .pre-commit-config.yaml (cannot edit: not valid YAML" in result.output
    assert "      - id: govtool-lint" in result.output


def test_an_init_whose_commit_is_refused_puts_the_user_s_pre_commit_config_back(git_repo, cli) -> None:
    mine = "# ours\nrepos:\n- repo: local\n  hooks: []\n"
    git_repo.write(".pre-commit-config.yaml", mine)
    hook = git_repo.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'not today' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = cli("init", "--provider", "Oak Lodge Ltd", "--commit", cwd=git_repo.path)
    assert result.exit_code == 2 and "not today" in result.output
    assert (git_repo.path / ".pre-commit-config.yaml").read_text() == mine
    assert not (git_repo.path / "govtool.yaml").exists()


# -- an existing register: after a clone, or copied in -------------------------------------------

def _git_commit(folder: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """``git commit`` as a user runs it, with ``path`` as PATH (default: only where git is)."""
    env = dict(os.environ, PATH=path if path is not None else _only_git())
    return subprocess.run(["git", "commit", "-q", *args], cwd=folder, env=env, capture_output=True, text=True,
                          timeout=300)


def _only_git() -> str:
    """A PATH with Git and the shell but no govtool: as Git runs hooks from a desktop app."""
    git = shutil.which("git")
    assert git is not None
    folders = list(dict.fromkeys([str(Path(git).parent), "/usr/bin", "/bin"]))
    path = os.pathsep.join(folders)
    if shutil.which("govtool", path=path) is not None:
        pytest.skip("govtool is installed beside git: the hook would find it on PATH anyway")
    return path


def test_init_in_a_clone_installs_git_s_hook_once_and_says_so(register, cli, tmp_path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(register.path), str(clone)], check=True)
    hook = clone / ".git" / "hooks" / "pre-commit"
    assert not hook.exists()  # Git does not clone hooks
    first = cli("init", cwd=clone)
    assert first.exit_code == 0, first.output
    assert "Wrote .pre-commit-config.yaml: the govtool-lint hook, for pre-commit and CI." in first.output
    assert "Installed Git's pre-commit hook: each commit is linted first, by this govtool." in first.output
    assert os.access(hook, os.X_OK) and Path(sys.executable).as_posix() in hook.read_text()
    before = {path: path.read_bytes() for path in (hook, clone / ".pre-commit-config.yaml")}
    again = cli("init", cwd=clone)
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[1:] == [".pre-commit-config.yaml runs govtool-lint already.",
                                             "Git's pre-commit hook runs govtool already."]
    assert {path: path.read_bytes() for path in before} == before


def test_the_hook_runs_the_govtool_that_installed_it_when_govtool_is_not_on_path(register, cli) -> None:
    assert cli("init", cwd=register.path).exit_code == 0
    register.write("actions/ACT-DRAFT.yaml", 'id: ACT-DRAFT\ntitle: "half written\n')
    register.git("add", "actions/ACT-DRAFT.yaml")
    stopped = _git_commit(register.path, "-m", "A draft")
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert "actions/ACT-DRAFT.yaml:2: error invalid-yaml" in stopped.stderr
    assert "govtool: the commit is stopped by 1 problem in the files it changes" in stopped.stderr
    assert register.log() == ["Start the register"]


def test_a_hook_whose_govtool_is_gone_stops_the_commit_with_one_line_saying_how_to_mend_it(register, tmp_path) -> None:
    done = set_up_checks(register.path, python=str(tmp_path / "uninstalled" / "bin" / "python"))
    assert done.hook == "installed"
    register.write("README.md", "Our register\n")
    register.git("add", "README.md")
    stopped = _git_commit(register.path, "-m", "A readme")
    assert stopped.returncode == 1
    assert stopped.stderr.strip() == (
        f"govtool: the pre-commit hook cannot find govtool (not in {(tmp_path / 'uninstalled/bin/python').as_posix()}, "
        "nor on PATH): install govtool, then run 'govtool init' in the register to set the hook up again")
    assert set_up_checks(register.path).hook == "updated"  # init again: the hook runs this govtool
    assert _git_commit(register.path, "-m", "A readme").returncode == 0


def test_someone_else_s_hook_is_left_alone(register, cli) -> None:
    hook = register.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho our own checks\n")
    hook.chmod(0o755)
    result = cli("init", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert hook.read_text() == "#!/bin/sh\necho our own checks\n"
    assert "is someone else's and was left alone: add the line 'govtool lint --staged' to it" in result.output


def test_a_register_copied_in_is_committed_as_received_and_then_only_new_problems_stop_a_commit(tmp_path, cli) -> None:
    copied = tmp_path / "inherited"
    shutil.copytree(EXAMPLE_REGISTER, copied)
    repo = GitRepo(copied)

    set_up = cli("init", cwd=copied)  # no Git repository yet: one is made, and the hook installed
    assert set_up.exit_code == 0, set_up.output
    assert "Initialised a Git repository in ." in set_up.output
    assert "run 'govtool init --commit' to commit it as received" in set_up.output
    repo.git("add", "-A")
    first = _git_commit(copied, "-m", "Everything", path=os.environ["PATH"])
    assert first.returncode == 1 and "govtool: the commit is stopped by" in first.stderr  # old problems, all new to Git

    taken = cli("init", "--commit", cwd=copied)
    assert taken.exit_code == 0, taken.output
    assert "Committed the register as received (" in taken.output
    assert repo.log() == ["Take over the govtool register for Meadowvale Care Homes Ltd as received"]
    assert repo.git("status", "--porcelain") == ""
    assert "error vague-action" in cli("lint", cwd=copied).stdout  # its old problems are still listed

    added = cli("person", "add", "ravi.shah", "--name", "Ravi Shah", "--role", "Quality Lead", "--commit", cwd=copied)
    assert added.exit_code == 0, added.output  # through the hook, past the old problems
    repo.write("actions/ACT-NEWONE.yaml", (copied / "actions" / "ACT-FBGA2H.yaml").read_text().replace(
        "ACT-FBGA2H", "ACT-NEWONE"))
    repo.git("add", "actions/ACT-NEWONE.yaml")
    stopped = _git_commit(copied, "-m", "A copy of a vague action")
    assert stopped.returncode == 1 and "actions/ACT-NEWONE.yaml:2: error vague-action" in stopped.stderr
    assert "govtool: the commit is stopped by" in stopped.stderr


def test_init_rating_is_written_to_the_settings_and_shown_on_the_reports(tmp_path, cli) -> None:
    """Before, there was no --rating: the rating every report and the portfolio show had to be
    typed into govtool.yaml by hand."""
    target = tmp_path / "oakfield"
    result = cli("init", str(target), "--provider", "Oakfield Care Ltd", "--rating", "requires improvement",
                 "--no-auto-commit", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    text = (target / "govtool.yaml").read_text()
    assert yaml.safe_load(text)["rating"] == "Requires Improvement"  # typed as people type it, stored as CQC writes it
    assert "# the current CQC rating" in text  # its comment says what it is for
    register = load_register(target)
    assert register.problems == [] and register.settings.rating == "Requires Improvement"
    report = cli("report", "action-plan", cwd=target)
    assert "| **CQC rating** | Requires Improvement |" in report.output
    assert "--rating RATING" in cli("init", "--help").output


def test_init_without_rating_leaves_it_out_and_shows_how_to_add_it(tmp_path, cli) -> None:
    target = tmp_path / "oakfield"
    assert cli("init", str(target), "--provider", "Oakfield Care Ltd", "--no-auto-commit", cwd=tmp_path).exit_code == 0
    text = (target / "govtool.yaml").read_text()
    assert "rating" not in yaml.safe_load(text)
    assert "# rating: Requires Improvement" in text


def test_init_refuses_a_rating_cqc_does_not_give_before_making_anything(tmp_path, cli) -> None:
    target = tmp_path / "oakfield"
    result = cli("init", str(target), "--provider", "Oakfield Care Ltd", "--rating", "Fair", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "govtool: error: --rating 'Fair' is not one of: Outstanding, Good, Requires Improvement, Inadequate"]
    assert not target.exists()


def test_init_rating_is_refused_in_an_existing_register_as_the_other_settings_are(register, cli) -> None:
    before = (register.path / "govtool.yaml").read_text()
    result = cli("init", "--rating", "Good", cwd=register.path)
    assert result.exit_code == 2
    assert "init does not change its settings" in result.stderr
    assert (register.path / "govtool.yaml").read_text() == before


def test_the_guided_init_asks_for_the_rating_and_asks_again_on_a_wrong_one(tmp_path, cli, monkeypatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.init

    for module in (govtool.cli.ask, govtool.cli.commands.init):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = cli("init", "oakfield", cwd=tmp_path, input="Oakfield Care Ltd\nOakfield House\nOK\ngood\nn\n")
    assert result.exit_code == 0, result.output
    assert "Current CQC rating (Outstanding, Good, Requires Improvement, Inadequate; blank if not yet rated)" \
        in result.output
    assert "--rating 'OK' is not one of" in result.stderr
    assert yaml.safe_load((tmp_path / "oakfield" / "govtool.yaml").read_text())["rating"] == "Good"


def test_commands_know_whether_git_s_hook_lints_with_govtool(register) -> None:
    """What a command refuses up front (a vague action the hook would refuse) needs the hook to be there."""
    hooks = register.path / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    hook = hooks / "pre-commit"
    assert not commit_checked(register.path)  # no hook
    hook.write_text("#!/bin/sh\necho 'commits are frozen' >&2\nexit 1\n")
    hook.chmod(0o755)
    assert not commit_checked(register.path)  # someone else's
    hook.write_text("#!/usr/bin/env python3\n# File generated by pre-commit: https://pre-commit.com\n")
    assert not commit_checked(register.path)  # pre-commit's, with no govtool hook in its config
    (register.path / ".pre-commit-config.yaml").write_text(pre_commit_config())
    assert commit_checked(register.path)
    hook.write_text(git_hook_script(sys.executable))
    assert commit_checked(register.path / "actions")
    hook.chmod(0o644)  # Git runs no hook it cannot execute
    assert not commit_checked(register.path)
