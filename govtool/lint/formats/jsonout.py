"""JSON output: one array of problems (SPEC.md: rule, severity, path, line, record, message).

One problem per line: still one JSON document, easy to grep and to diff, and written by
json's C encoder (an indented dump goes through its pure-Python one, a tenth of a
pre-commit run on a register with thousands of problems)."""

from __future__ import annotations

from typing import Any

from govtool.lint.engine import LintResult
from govtool.lint.formats.layout import Layout
from govtool.lint.formats.view import OutputView
from govtool.lint.rule import Problem
from govtool.support.terminal import dumps_json


def _context(result: LintResult, view: OutputView) -> tuple[dict[str, str], OutputView]:
    return {spec.name: spec.code for spec in result.rules}, view


def _item(p: Problem, context: tuple[dict[str, str], OutputView]) -> str:
    codes, view = context
    problem: dict[str, Any] = {
        "rule": p.rule,
        "code": codes.get(p.rule),
        "severity": p.severity,
        "path": view.path(p.path),
        "line": p.line,
        "record": p.record,
        "message": p.message,
    }
    return f"  {dumps_json(problem)}"


def _frame(_result: LintResult, _view: OutputView, body: str, count: int) -> str:
    return f"[\n{body}\n]\n" if count else "[]\n"  # one copy of a body of a MB or more, not two


LAYOUT = Layout(",\n", _context, _item, _frame)
render = LAYOUT.render
