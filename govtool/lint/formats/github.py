"""GitHub Actions workflow commands: one ``::error file=…,line=…,title=…::message`` per problem.

GitHub shows these as annotations on the pull request's changed files; ``file`` must be the
path from the repository root. Escaping follows the runner's rules: in the message ``%``, CR
and LF are percent-encoded; in properties ``:`` and ``,`` are too.
"""

from __future__ import annotations

from govtool.lint.engine import LintResult
from govtool.lint.formats.view import OutputView
from govtool.terminal import printable


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult, view: OutputView) -> str:
    lines = []
    for problem in result.problems:
        properties = [f"file={escape_property(view.path(problem.path))}"]
        if problem.line:
            properties.append(f"line={problem.line}")
        properties.append(f"title={escape_property(f'govtool {problem.rule}')}")
        lines.append(f"::{problem.severity} {','.join(properties)}::{escape_data(problem.message)}")
    return printable("".join(line + "\n" for line in lines))
