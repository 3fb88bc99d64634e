"""Build a rule case (tests/lint/cases/*.yaml) as a real register in a folder, and lint it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).parent / "cases"
DEFAULT_TODAY = dt.date(2026, 11, 26)


@dataclass
class Case:
    rule: str
    name: str
    expect: str
    files: dict[str, Any]
    today: dt.date
    options: dict[str, Any] = field(default_factory=dict)
    commits: list[dict[str, Any]] = field(default_factory=list)
    line: int | None = None
    message: str | None = None
    count: int | None = None
    severity: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def base_files() -> dict[str, Any]:
    return yaml.safe_load((CASES / "_base.yaml").read_text("utf-8"))["files"]


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        assert data["rule"] == path.stem, f"{path.name} declares rule {data['rule']}"
        for entry in data["cases"]:
            cases.append(Case(
                rule=data["rule"],
                name=entry["name"],
                expect=entry["expect"],
                files=entry.get("files") or {},
                today=_date(entry.get("today", data.get("today", DEFAULT_TODAY))),
                options=entry.get("options", data.get("options")) or {},
                commits=entry.get("commits") or [],
                line=entry.get("line"),
                message=entry.get("message"),
                count=entry.get("count"),
                severity=entry.get("severity"),
            ))
    return cases


def write_files(root: Path, files: dict[str, Any]) -> None:
    """Write a case's files: text, bytes (!!binary), null (remove), {symlink}, or {repeat, times}."""
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.exists():
            target.unlink()
        if content is None:
            continue
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        elif "symlink" in content:
            target.symlink_to(content["symlink"])
        else:
            target.write_text(content["repeat"] * content["times"], encoding="utf-8")


def _git(root: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def build(case: Case, root: Path, with_git: bool = False) -> Path:
    """The case's register at ``root``: base files, commits (if any), then the case's own files."""
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, base_files())
    if case.commits or with_git:
        _git(root, "init", "-q", "-b", "main")
        first = str(case.commits[0]["date"]) if case.commits else "2026-01-05"
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "Base register", date=first)
        for commit in case.commits:
            write_files(root, commit.get("files") or {})
            _git(root, "add", "-A")
            author = ["--author", str(commit["author"])] if commit.get("author") else []  # who typed it in
            _git(root, "commit", "-q", "--allow-empty", *author, "-m", commit.get("message", "Change"),
                 date=str(commit["date"]))
    write_files(root, case.files)
    if case.options:
        _merge_options(root / "govtool.yaml", case.rule, case.options)
    return root


def _merge_options(settings: Path, rule: str, options: dict[str, Any]) -> None:
    data = yaml.safe_load(settings.read_text("utf-8")) or {}
    data.setdefault("lint", {}).setdefault("options", {})[rule] = options
    settings.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
