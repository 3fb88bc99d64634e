"""Run the history rules' data cases (tests/lint/cases/<rule>.yaml with ``commits:``).

The lint engine's parametrised runner runs every case file; this runner covers the history
rules' files on their own, so that they are checked in a branch without that engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import GitRepo
from tests.history.helpers import run_rule

CASES = Path(__file__).resolve().parent.parent / "lint" / "cases"
RULES = ["silent-redate", "history-rewritten", "backdated-entry", "status-regressed"]


def _cases() -> list[Any]:
    found = []
    for rule in RULES:
        spec = yaml.safe_load((CASES / f"{rule}.yaml").read_text())
        for case in spec["cases"]:
            found.append(pytest.param(spec, case, id=f"{rule}: {case['name']}"))
    return found


def _apply(repo: GitRepo, files: dict[str, str | None]) -> None:
    for relative, text in (files or {}).items():
        target = repo.path / relative
        if text is None:
            target.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("spec,case", _cases())
def test_history_rule_case(spec: dict[str, Any], case: dict[str, Any], git_repo: GitRepo) -> None:
    base = yaml.safe_load((CASES / "_base.yaml").read_text())
    _apply(git_repo, base["files"])
    for commit in case.get("commits") or []:
        _apply(git_repo, commit["files"])
        git_repo.commit(commit["message"], date=str(commit["date"]))
    _apply(git_repo, case.get("files") or {})
    today = spec.get("today") or dt.date(2026, 11, 26)
    options = {**(spec.get("options") or {}), **(case.get("options") or {})}
    problems = run_rule(git_repo.path, spec["rule"], today=today, options=options)
    if case["expect"] == "pass":
        assert problems == []
        return
    assert problems, "expected a problem"
    if "line" in case:
        assert problems[0].line == case["line"]
    if "message" in case:
        assert case["message"] in problems[0].message
