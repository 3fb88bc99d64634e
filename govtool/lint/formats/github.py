"""GitHub Actions workflow commands: one ``::error file=…,line=…,title=…::message`` per problem.

GitHub shows these as annotations on the pull request's changed files; ``file`` must be the
path from the repository root. Escaping follows the runner's rules: in the message ``%``, CR
and LF are percent-encoded; in properties ``:`` and ``,`` are too. GitHub shows at most
10 error and 10 warning annotations per step, so past that a notice gives the totals and
says where to read them all. A ``--base`` run's problems on lines not changed since its base
(:mod:`govtool.lint.branch_gate`) are notices, which do not fail the check: a first notice
counts them.
"""

from __future__ import annotations

from collections import Counter

from govtool.lint.engine import LintResult
from govtool.lint.formats.layout import Layout
from govtool.lint.formats.text import counted
from govtool.lint.formats.view import Earlier, OutputView
from govtool.lint.rule import Problem
from govtool.support.terminal import printable

#: Annotations of each level GitHub shows for one step; the rest are dropped silently.
GITHUB_SHOWS = 10


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _item(problem: Problem, view: OutputView) -> str:
    level = "notice" if view.earlier is not None and view.earlier.holds(problem) else problem.severity
    return printable(annotation(level, view.path(problem.path), problem.line, f"govtool {problem.rule}",
                                problem.message) + "\n")


def _frame(result: LintResult, view: OutputView, body: str, _count: int) -> str:
    if view.earlier is not None:
        return _frame_since(result, view.earlier, body)
    if result.errors > GITHUB_SHOWS or result.warnings > GITHUB_SHOWS:
        body += printable(
            f"::notice title=govtool lint::{result.errors} errors and {result.warnings} warnings in "
            f"{result.files} files; GitHub shows the first {GITHUB_SHOWS} of each here: run 'govtool lint' "
            "for all of them, or upload SARIF to code scanning\n"
        )
    return body


def _frame_since(result: LintResult, earlier: Earlier, body: str) -> str:
    """A ``--base`` run's annotations, the problems already there before its base as notices:
    a first notice says so, with the totals when GitHub shows only some of them (it keeps the
    first notices of a step, as it does the first errors and warnings)."""
    before = [problem for problem in result.problems if earlier.holds(problem)]
    if not before:
        return _frame(result, OutputView(), body, 0)
    errors = sum(problem.severity == "error" for problem in before)
    warnings = len(before) - errors
    shown = Counter(problem.severity for problem in result.problems if not earlier.holds(problem))
    head = (f"{counted(errors, 'error')} and {counted(warnings, 'warning')} on lines not changed since {earlier.base}: "
            "shown as notices, they do not fail this check")
    if len(before) >= GITHUB_SHOWS or max(shown.values(), default=0) > GITHUB_SHOWS:
        head += (f"; GitHub shows the first {GITHUB_SHOWS} of each kind here: run 'govtool lint' for all of them, "
                 "or upload SARIF to code scanning")
    return printable(f"::notice title=govtool lint::{escape_data(head)}\n") + body


LAYOUT = Layout("", lambda _result, view: view, _item, _frame)
render = LAYOUT.render


def annotation(level: str, path: str | None, line: int | None, title: str, message: str) -> str:
    """One workflow command: ``::error file=…,line=…,title=…::message``."""
    properties = [f"file={escape_property(path)}"] if path else []
    if line:
        properties.append(f"line={line}")
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}"
