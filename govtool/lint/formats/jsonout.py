"""JSON output: one array of problems (SPEC.md: rule, severity, path, line, record, message)."""

from __future__ import annotations


from govtool.lint.engine import LintResult
from govtool.lint.formats.view import OutputView
from govtool.terminal import dumps_json


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
    return dumps_json(problems, indent=2) + "\n"
