"""JSON output: one array of problems (SPEC.md: rule, severity, path, line, record, message)."""

from __future__ import annotations

import json

from govtool.lint.engine import LintResult
from govtool.lint.formats.view import OutputView


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
    return json.dumps(problems, indent=2, ensure_ascii=False) + "\n"
