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


_ACTION = """\
id: ACT-BASE
title: Introduce a weekly audit of 10 MAR charts, with results reported to the monthly governance meeting
source: SRC-BASE
finding: F1
risk: RSK-BASE
control: C1
owner: jane.smith
priority: high
created: 2026-03-10
due: 2026-12-31
status: {status}
measure:
  target: 98% of MAR charts complete in three consecutive weekly audits
"""
_COMPLETION = """\
completion:
  date: 2026-10-20
  by: jane.smith
  change: Three consecutive weekly audits found 98%, 100% and 100% of 10 MAR charts complete
  evidence:
    - url: https://intranet.example.org/audits/mar-weekly
      description: Weekly MAR audit results
"""
_CLOSURE = """\
closure:
  date: 2026-10-25
  by: sam.patel
  note: Audit results checked at the governance meeting.
"""


@pytest.fixture
def base_action() -> Callable[[str], str]:
    """``base_action("closed")``: ACT-BASE (answering RSK-BASE's C1) in that status, with the
    completion (2026-10-20) and closure (2026-10-25) entries the status needs."""

    def text(status: str) -> str:
        entries = {"completed": _COMPLETION, "closed": _COMPLETION + _CLOSURE}.get(status, "")
        return _ACTION.format(status=status) + entries

    return text
