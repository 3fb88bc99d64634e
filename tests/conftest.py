"""Shared fixtures: real Git repositories in temporary folders, real files, the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_REGISTER = PROJECT_ROOT / "examples" / "register"

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
}


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's ~/.gitconfig or commits as them."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("GOVTOOL_DEBUG", raising=False)


@dataclass
class GitRepo:
    """A real repository in a temporary folder, with helpers for dated commits."""

    path: Path

    def git(self, *args: str, date: str | None = None) -> str:
        env = dict(os.environ)
        if date:
            stamp = f"{date}T12:00:00+00:00" if len(date) == 10 else date
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=env, check=True, capture_output=True, text=True
        )
        return done.stdout.strip()

    def write(self, relative: str, text: str) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def commit(self, message: str, date: str | None = None, paths: tuple[str, ...] = (".",)) -> str:
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")

    def log(self) -> list[str]:
        return self.git("log", "--format=%s").splitlines()


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    path = tmp_path / "repo"
    path.mkdir()
    repo = GitRepo(path)
    repo.git("init", "-q", "-b", "main")
    return repo


MINIMAL_SETTINGS = """\
provider: Willowbrook Care Ltd
location: Willowbrook House
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}
  sam.patel: {name: Sam Patel, role: Deputy Manager}
  amy.jones: {name: Amy Jones, role: Clinical Lead, left: 2026-06-30}
  test.author: {name: Test Author, role: Administrator, email: author@example.org}
"""


@pytest.fixture
def register(git_repo: GitRepo) -> GitRepo:
    """A committed, empty register at the root of a real repository."""
    git_repo.write("govtool.yaml", MINIMAL_SETTINGS)
    for folder in ("actions", "sources", "risks"):
        (git_repo.path / folder).mkdir()
    git_repo.commit("Start the register", date="2026-01-05")
    return git_repo


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[CliCall]:
    yield CliCall()


class CliCall:
    """Run govtool in-process through click (fast); ``.subprocess`` for end-to-end runs."""

    def __call__(self, *args: str | Path, cwd: Path | None = None, input: str | None = None) -> Result:
        from govtool.cli import main

        runner = CliRunner()
        argv = [str(a) for a in args]
        if cwd is not None:
            argv = ["-C", str(cwd), *argv]
        return runner.invoke(main, argv, input=input, catch_exceptions=False)

    @staticmethod
    def subprocess(*args: str | Path, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        return subprocess.run(
            [sys.executable, "-m", "govtool", *map(str, args)],
            cwd=cwd, env=env, input=input, capture_output=True, text=True, timeout=120,
        )
