"""The portfolio: one row per register, the one needing attention first, and the totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from govtool import __version__
from govtool.register.as_of import is_past
from govtool.report.views import Header
from govtool.views.portfolio.find import find_registers
from govtool.views.portfolio.summary import RegisterRow, summarise

#: The figures that add up across registers (a median does not).
SUMMED = ("open", "overdue", "closed_trailing_quarter", "closed_previous_quarter", "redated", "lint_errors")


@dataclass
class Totals:
    registers: int
    unreadable: int
    open: int
    overdue: int
    closed_trailing_quarter: int
    closed_previous_quarter: int
    redated: int
    lint_errors: int


@dataclass
class Portfolio:
    header: Header
    as_of: dt.date
    folders: list[str]
    registers: list[RegisterRow]
    totals: Totals


def need_order(row: RegisterRow) -> tuple[object, ...]:
    """Unreadable registers first (nobody knows their state), then the most overdue, then the
    most lint errors, then the steepest fall in closures, then the largest backlog."""
    if row.error is not None:
        return (0, 0, 0, 0, 0, row.path)
    fall = (row.closed_previous_quarter or 0) - (row.closed_trailing_quarter or 0)
    return (1, -(row.overdue or 0), -(row.lint_errors or 0), -fall, -(row.open or 0), row.path)


def build_portfolio(folders: Sequence[Path], shown: Sequence[str], as_of: dt.date,
                    progress: Callable[[int, int], None] | None = None,
                    today: dt.date | None = None) -> tuple[Portfolio, int]:
    """Every register under ``folders`` (each displayed from its ``shown`` spelling), and how
    many rows came from the cache (registers unchanged since the last run). An ``as_of``
    before ``today`` reads each register as it stood then (:func:`register_as_of`)."""
    as_it_stood = today is not None and is_past(as_of, today)
    found: dict[Path, str] = {}
    for folder, spelling in zip(folders, shown, strict=True):
        for root in find_registers(folder):
            relative = root.relative_to(folder).as_posix()
            found.setdefault(root.resolve(), spelling if relative == "." else f"{spelling.rstrip('/')}/{relative}")
    rows: list[RegisterRow] = []
    cached = 0
    for number, (root, shown_as) in enumerate(found.items(), 1):
        outcome = summarise(root, shown_as, as_of, as_it_stood)
        rows.append(outcome.row)
        cached += outcome.cached
        if progress is not None:
            progress(number, len(found))
    rows.sort(key=need_order)
    readable = [r for r in rows if r.error is None]
    totals = Totals(len(rows), len(rows) - len(readable),
                    **{name: sum(getattr(r, name) or 0 for r in readable) for name in SUMMED})
    header = Header(title="Portfolio", provider=None, location=None, rating=None, as_of=as_of,
                    generator=f"govtool {__version__}",
                    subtitle="Every register, the one needing attention first")
    return Portfolio(header, as_of, list(shown), rows, totals), cached
