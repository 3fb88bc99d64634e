"""JSON output: one array of problems (SPEC.md: rule, severity, path, line, record, message).

One problem per line: still one JSON document, easy to grep and to diff, and written by
json's C encoder (an indented dump goes through its pure-Python one, a tenth of a
pre-commit run on a register with thousands of problems)."""

from __future__ import annotations

from govtool.lint.engine import LintResult
from govtool.lint.formats.view import OutputView
from govtool.support.terminal import dumps_json


def render(result: LintResult, view: OutputView) -> str:
    codes = {spec.name: spec.code for spec in result.rules}
    problems = [
        {
            "rule": p.rule,
            "code": codes.get(p.rule),
            "severity": p.severity,
            "path": view.path(p.path),
            "line": p.line,
            "record": p.record,
            "message": p.message,
        }
        for p in result.problems
    ]
    if not problems:
        return "[]\n"
    return "[\n" + ",\n".join(f"  {dumps_json(problem)}" for problem in problems) + "\n]\n"
