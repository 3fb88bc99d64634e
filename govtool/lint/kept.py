"""Problems of whole files taken from the lint memo and not yet built: a pre-commit run on a
register with thousands of standing problems joins their stored output instead.

A run that relints a few records takes every other record file's problems as stored
(:mod:`govtool.lint.incremental`). Building each of those problems, sorting them with the
fresh ones and formatting every one costs in proportion to the answer, not to the change. A
file's stored problems are named by a *stamp*, a digest of its path and its stored reports;
a file kept whole (not relinted, not read in this run, no problem but its stored ones: no
history rule's, no suppression comment) is held here by its stamp, and its problems are built
only when something asks for them (:attr:`govtool.lint.engine.LintResult.problems`). An output
format serves such a file's formatted problems from the output memo only under the same stamp
(:mod:`govtool.lint.formats.stored`), which is keyed on everything else the formatting reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govtool.lint.rule import Problem

#: a stored report: rule, line, record ID, message, the rule's own severity
StoredReport = tuple[str, "int | None", "str | None", str, "str | None"]


def report_stamp(path: str, reports: Sequence[StoredReport]) -> str:
    """A file's stored reports (and its path), in a few bytes: their formatted problems are
    served only under this stamp."""
    text = repr((path, [tuple(report) for report in reports]))
    return hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=12).hexdigest()


def with_history(stamp: str, reports: Sequence[tuple[object, ...]]) -> str:
    """The stamp of a file's problems found from its stored reports (``stamp``, "" for none) and
    the history rules' ``reports`` on it (each with the change it is about), which are found
    afresh on every run."""
    text = repr(("with history", stamp, [tuple(report) for report in reports]))
    return hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=12).hexdigest()


def count(problems: Sequence[Problem]) -> tuple[int, int]:
    """Errors and warnings among ``problems``."""
    errors = sum(p.severity == "error" for p in problems)
    return errors, len(problems) - errors


@dataclass(slots=True)
class KeptFile:
    """One record file whose problems are its stored ones, not yet built."""

    path: str
    stamp: str
    #: its problems, built on first need (sorted as the run sorts them)
    built: list[Problem] | None = None
    #: its errors and warnings, from its problems or from a stored output of them
    counts: tuple[int, int] | None = None


@dataclass
class KeptProblems:
    """The files kept whole, by path, and how to build their problems; the stamp of every
    file whose problems are its stored reports alone (kept or relinted), whose formatted
    problems may be stored for a later run; and where and under what key they are kept."""

    files: list[KeptFile]
    #: a file's problems from its stored reports, as the run sifts and sorts them
    build: Callable[[str], list[Problem]]
    stamps: dict[str, str]
    #: the lint memo's key (settings, day, frameworks) and its folder's register
    key: str
    root: Path
    #: a cold run's problems, should a kept file's stored reports be unusable after all
    cold: Callable[[], list[Problem]]
    joined: bool = field(default=False)

    def problems(self, kept: KeptFile) -> list[Problem]:
        if kept.built is None:
            kept.built = self.build(kept.path)
            kept.counts = count(kept.built)
        return kept.built

    def counts(self, kept: KeptFile) -> tuple[int, int]:
        if kept.counts is None:
            self.problems(kept)
        assert kept.counts is not None
        return kept.counts
