"""Text output: ``path:line: severity rule message``, then one summary line."""

from __future__ import annotations

from collections import Counter

import click

from govtool.lint.engine import LintResult
from govtool.lint.formats.layout import Layout
from govtool.lint.formats.view import OutputView
from govtool.lint.rule import Problem
from govtool.support.terminal import printable

_COLOURS = {"error": "red", "warning": "yellow"}


def _item(problem: Problem, view: OutputView) -> str:
    # Register text is cleaned first and coloured after: cleaning after colouring would turn
    # the escape codes themselves into U+FFFD.
    where = printable(view.path(problem.path)) + (f":{problem.line}" if problem.line else "")
    severity = problem.severity
    if view.color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=_COLOURS.get(severity))
    return f"{where}: {severity} {problem.rule} {printable(view.command_in(problem.message))}\n"


def _frame(result: LintResult, view: OutputView, body: str, _count: int) -> str:
    lines = []
    if view.statistics:
        lines.extend(statistics(result))
    if not view.quiet:
        lines.append(summary(result) if not view.left_alone else _commit_summary(result, view.left_alone))
    return body + "".join(line + "\n" for line in lines)


LAYOUT = Layout("", lambda _result, view: view, _item, _frame)
render = LAYOUT.render


def summary(result: LintResult) -> str:
    if not result.count:
        return "No problems found."
    return (f"{counted(result.errors, 'error')}, {counted(result.warnings, 'warning')} "
            f"in {counted(result.files, 'file')}")


def _commit_summary(result: LintResult, left_alone: int) -> str:
    """A pre-commit run lists the problems of the files its commit changes; the rest of the
    register's are counted, not listed: a hook that printed the whole register's problems on
    every commit buried the few the commit was about."""
    elsewhere = f"{counted(left_alone, 'problem')} in files it leaves alone ('govtool lint' lists them)"
    if not result.count:
        return f"No problems in the files this commit changes; {elsewhere}."
    return (f"{counted(result.errors, 'error')}, {counted(result.warnings, 'warning')} in "
            f"{counted(result.files, 'file')} this commit changes; {elsewhere}.")


def statistics(result: LintResult) -> list[str]:
    """Counts per rule, most frequent first: where to start cleaning up."""
    codes = {spec.name: spec.code for spec in result.rules}
    counts = Counter(problem.rule for problem in result.problems)
    return [
        f"{count:6d}  {codes.get(name, ''):6}  {name}"
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def counted(n: int, noun: str) -> str:
    """"1 error", "2 errors"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
