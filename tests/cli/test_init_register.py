"""govtool init: a new register, in a new or an existing repository."""

from __future__ import annotations

import subprocess

import yaml

from govtool.register.load import load_register


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


def test_init_keeps_an_existing_pre_commit_config_and_shows_the_hook(git_repo, cli) -> None:
    git_repo.write(".pre-commit-config.yaml", "repos: []\n")
    result = cli("init", "--provider", "Oak Lodge Ltd", cwd=git_repo.path)
    assert result.exit_code == 0, result.output
    assert (git_repo.path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "id: govtool-lint" in result.output


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


def test_init_in_an_existing_register_says_so_before_asking_for_anything(register, cli) -> None:
    """The trial's finding: `govtool init .` in a register asked for --provider first."""
    result = cli.subprocess("init", ".", cwd=register.path)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"govtool: error: {register.path.resolve() / 'govtool.yaml'}: a register already "
                                     "exists here (govtool.yaml): nothing changed")
    inside = cli.subprocess("init", "clients/acme", cwd=register.path)
    assert inside.returncode == 2 and "is inside the register at" in inside.stderr and "--provider" not in inside.stderr
