"""How an output format is put together: a frame around the problems, each formatted alone.

Every format writes one item per problem, in the problems' order, joined by one separator, and
frames them with what depends on the whole run (a summary, counts, the rules table). Kept
apart, a file's items can be stored and joined again on a later run that did not relint the
file (:mod:`govtool.lint.formats.stored`), and still give the very bytes a cold run gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govtool.lint.engine import LintResult
from govtool.lint.formats.view import OutputView
from govtool.lint.rule import Problem


@dataclass(frozen=True)
class Layout:
    #: between two items (an item carries its own line end where the format has one per line)
    separator: str
    #: what every item needs of the run (the rules' codes, say), made once
    context: Callable[[LintResult, OutputView], Any]
    #: one problem's item (None: the format leaves it out)
    item: Callable[[Problem, Any], str | None]
    #: the whole output from the joined items and their number
    frame: Callable[[LintResult, OutputView, str, int], str]

    def items(self, problems: list[Problem], context: Any) -> tuple[str, int]:
        """The items of ``problems``, joined, and how many there are."""
        made = [text for text in (self.item(problem, context) for problem in problems) if text is not None]
        return self.separator.join(made), len(made)

    def render(self, result: LintResult, view: OutputView) -> str:
        """Every problem formatted afresh."""
        body, count = self.items(result.problems, self.context(result, view))
        return self.frame(result, view, body, count)
