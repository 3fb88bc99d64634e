"""One register summed up for the portfolio: its own momentum figures, its lint errors and
the date of its last change; kept between runs in the register's Git directory.

The figures are exactly what ``govtool report momentum --format json`` gives for the same
date (the same :func:`build_momentum`), and lint errors are what ``govtool lint`` counts
(history rules included; a row says when they could not run, and why: a shallow clone). A
register that cannot be read becomes a row that says why.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from govtool.cache.store import code_version, drop_stale_versions, read_checked, register_cache_path, write_checked
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable
from govtool.views.portfolio.signature import Signature, signature

CACHE_FORMAT = "govtool-portfolio-row"
#: The momentum figures a row carries, by their momentum JSON key.
FIGURES = ("open", "overdue", "closed_trailing_quarter", "closed_previous_quarter", "median_days_to_close", "redated")


@dataclass
class RegisterRow:
    """One register's line in the portfolio (the JSON keys of SPEC.md, then ``error``)."""

    path: str
    provider: str | None = None
    location: str | None = None
    rating: str | None = None
    open: int | None = None
    overdue: int | None = None
    closed_trailing_quarter: int | None = None
    closed_previous_quarter: int | None = None
    median_days_to_close: float | int | None = None
    redated: int | None = None
    lint_errors: int | None = None
    last_change: dt.date | None = None
    #: why the register could not be read (its other figures are then None)
    error: str | None = None
    #: why lint's history rules did not run (a shallow clone, no Git): its lint errors leave
    #: out what they find; None when they ran
    history_unchecked: str | None = None
    #: what needs attention, in words ("3 overdue", "closures fell from 5 to 2")
    needs: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    row: RegisterRow
    #: True when the row came from the cache: nothing in the register had changed
    cached: bool


def summarise(root: Path, shown_as: str, as_of: dt.date, as_it_stood: bool = False) -> Outcome:
    """The row for the register at ``root`` (displayed as ``shown_as``), from the cache when
    its signature is unchanged. ``as_it_stood``: ``as_of`` is a past day, and the row is the
    register as it stood then (as ``govtool lint`` and ``report momentum`` read a past --as-of)."""
    day = _cache_day(as_of, as_it_stood)
    try:
        before = signature(root, day)
    except OSError as error:
        return Outcome(RegisterRow(shown_as, error=f"cannot read the folder: {error.strerror}"), False)
    cache_path = register_cache_path(root, "portfolio", code_version(), ".json")
    if cache_path is not None:
        stored, _reason = read_checked(cache_path, CACHE_FORMAT, code_version())
        if isinstance(stored, dict) and stored.get("key") == before.key:
            row = _row_from_json(shown_as, stored.get("row"))
            if row is not None:
                return Outcome(row, True)
    row = _compute(root, shown_as, as_of, as_it_stood)
    if cache_path is not None and row.error is None:
        _keep(cache_path, root, day, before, row)
    return Outcome(row, False)


def _cache_day(as_of: dt.date, as_it_stood: bool) -> str:
    """The as-of date as the row's signature holds it: a date read as it stood (once past) gives
    other figures than the same date read from the files as they are (today or later)."""
    return f"{as_of.isoformat()} as it stood" if as_it_stood else as_of.isoformat()


def _compute(root: Path, shown_as: str, as_of: dt.date, as_it_stood: bool) -> RegisterRow:
    from govtool.lint.engine import lint_register
    from govtool.report.momentum import build_momentum
    from govtool.support.gitrepo import last_commit_date

    try:
        result = lint_register(root, as_of, as_it_stood=as_it_stood)
        momentum = build_momentum(result.register, as_of)
        settings = result.register.settings
        row = RegisterRow(shown_as, settings.provider, settings.location, settings.rating,
                          lint_errors=result.errors,
                          last_change=last_commit_date(root, as_of if as_it_stood else None),
                          history_unchecked=result.history_unchecked)
        for name in FIGURES:
            setattr(row, name, getattr(momentum, name))
        row.needs = needs(row)
        return row
    except GovtoolError as error:
        return RegisterRow(shown_as, error=printable(str(error)))
    except OSError as error:
        return RegisterRow(shown_as, error=f"cannot read {error.filename or 'a file'}: {error.strerror}")
    except Exception as error:  # a bug must cost one row, not the whole roll-up
        if os.environ.get("GOVTOOL_DEBUG"):
            raise
        return RegisterRow(shown_as, error=f"internal error ({type(error).__name__}: {printable(str(error))}): "
                                           "this is a bug in govtool")
    finally:
        # A register's model is full of reference cycles (sources <-> actions) and the CLI runs
        # with the cyclic collector off: free each register before reading the next.
        gc.collect()


def needs(row: RegisterRow) -> list[str]:
    """What asks for attention in a readable register, most pressing first."""
    said = []
    if row.overdue:
        said.append(f"{row.overdue} overdue")
    if row.lint_errors:
        said.append(f"{row.lint_errors} lint error{'s' if row.lint_errors != 1 else ''}")
    trailing, previous = row.closed_trailing_quarter or 0, row.closed_previous_quarter or 0
    if trailing < previous:
        said.append(f"closures fell from {previous} to {trailing} a quarter")
    if row.history_unchecked:
        said.append(f"history not checked: {row.history_unchecked}")
    return said


def _keep(cache_path: Path, root: Path, day: str, before: Signature, row: RegisterRow) -> None:
    """Store the row under the signature it was made for, if nothing moved meanwhile."""
    try:
        after = signature(root, day)
    except OSError:
        return
    # Reading the working tree's state through Git may refresh the index's stat data: the
    # content must be what it was, and the index is taken as it is now.
    if after.content != before.content or not after.settled():
        return
    payload = {"key": after.key, "row": _row_to_json(row)}
    if write_checked(cache_path, CACHE_FORMAT, code_version(), payload):
        drop_stale_versions(cache_path)  # other govtool versions' rows, unused for two weeks


def _row_to_json(row: RegisterRow) -> dict[str, Any]:
    data = {f.name: getattr(row, f.name) for f in fields(row) if f.name != "path"}
    data["last_change"] = row.last_change.isoformat() if row.last_change else None
    return data


def _row_from_json(shown_as: str, data: Any) -> RegisterRow | None:
    """The stored row, or None when it is not one (a cache from something else)."""
    if not isinstance(data, dict):
        return None
    try:
        last = data.get("last_change")
        values = {f.name: data[f.name] for f in fields(RegisterRow) if f.name != "path"}
        values["last_change"] = dt.date.fromisoformat(last) if isinstance(last, str) else None
        return RegisterRow(shown_as, **values)
    except (KeyError, TypeError, ValueError):
        return None
