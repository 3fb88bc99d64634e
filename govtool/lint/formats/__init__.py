"""Lint output formats: one module each, every one a :class:`Layout` and its ``render(result, view) -> str``."""

from __future__ import annotations

from collections.abc import Callable

from govtool.lint.engine import LintResult
from govtool.lint.formats import github, jsonout, sarif, stored, text
from govtool.lint.formats.layout import Layout
from govtool.lint.formats.view import OutputView

Renderer = Callable[[LintResult, OutputView], str]

LAYOUTS: dict[str, Layout] = {
    "text": text.LAYOUT,
    "json": jsonout.LAYOUT,
    "sarif": sarif.LAYOUT,
    "github": github.LAYOUT,
}
FORMATS: dict[str, Renderer] = {name: layout.render for name, layout in LAYOUTS.items()}


def render(name: str, result: LintResult, view: OutputView) -> str:
    """``result`` in the format ``name``, joining the stored output of the files it kept whole."""
    return stored.render(LAYOUTS[name], name, result, view)


__all__ = ["FORMATS", "LAYOUTS", "OutputView", "Renderer", "render"]
