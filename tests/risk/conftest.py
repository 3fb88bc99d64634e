"""Fixtures for the risk tests: the rule-case base register (tests/lint/cases/_base.yaml) in a
real Git repository with files replaced or removed per test, and running one rule on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from govtool.lint.rule import LintContext, Report, all_rules
from govtool.register.load import load_register

CASES = Path(__file__).resolve().parent.parent / "lint" / "cases"
TODAY = dt.date(2026, 11, 26)


def _apply(repo: Any, files: Mapping[str, str | None]) -> None:
    """Write each file (``None`` removes it), as the rule-case format does."""
    for relative, text in files.items():
        if text is None:
            (repo.path / relative).unlink(missing_ok=True)
        else:
            repo.write(relative, text)


@pytest.fixture
def base_register(git_repo: Any) -> Callable[..., Any]:
    """``base_register({"actions/ACT-BASE.yaml": None, ...})``: the base register committed,
    then those files replaced (or removed, for None) in the working tree."""

    def build(files: Mapping[str, str | None] | None = None) -> Any:
        _apply(git_repo, yaml.safe_load((CASES / "_base.yaml").read_text("utf-8"))["files"])
        git_repo.commit("Base register", date="2026-03-10")
        _apply(git_repo, files or {})
        return git_repo

    return build


@pytest.fixture
def run_rule() -> Callable[..., list[Report]]:
    """``run_rule(root, name, today=2026-11-26, options=None)``: one rule's reports, the way the
    engine calls it (default options overridden by ``options``)."""

    def run(root: Path, name: str, today: dt.date = TODAY, options: Mapping[str, Any] | None = None) -> list[Report]:
        spec = all_rules()[name]
        merged = {**spec.options, **(options or {})}
        ctx = LintContext(register=load_register(root), today=today, options={name: merged})
        return list(spec.check(ctx, merged))

    return run
