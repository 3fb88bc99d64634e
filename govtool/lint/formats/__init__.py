"""Lint output formats: one module each, every one a ``render(result, view) -> str``."""

from __future__ import annotations

from collections.abc import Callable

from govtool.lint.engine import LintResult
from govtool.lint.formats import github, jsonout, sarif, text
from govtool.lint.formats.view import OutputView

Renderer = Callable[[LintResult, OutputView], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": jsonout.render,
    "sarif": sarif.render,
    "github": github.render,
}

__all__ = ["FORMATS", "OutputView", "Renderer"]
