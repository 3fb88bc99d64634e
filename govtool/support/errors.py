"""The one expected-failure type.

A :class:`GovtoolError` means the user asked for something govtool cannot do (unknown ID, bad
date, a step out of lifecycle order, a broken govtool.yaml). The CLI prints its message as one
line on standard error and exits 2; anything else escaping a command is a bug and says so.
"""

from __future__ import annotations

from pathlib import Path


class GovtoolError(Exception):
    """A failure to report to the user in one line; ``where`` is a file (and line) if known."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"
