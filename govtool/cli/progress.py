"""A progress line on a terminal, for work that takes more than a second."""

from __future__ import annotations

import sys
import time

import click


class ProgressLine:
    """``importing: 40/200 rows`` on standard error, rewritten in place; shown only on a
    terminal, and only once the work has taken a second (a quick run prints nothing)."""

    DELAY = 1.0

    def __init__(self, label: str, unit: str):
        self.label = label
        self.unit = unit
        self.started = time.monotonic()
        self.shown = False
        self.width = 0
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (not self.shown and time.monotonic() - self.started < self.DELAY):
            return
        self.shown = True
        text = f"{self.label}: {done}/{total} {self.unit}"
        self.width = len(text)
        click.echo(f"\r{text}", err=True, nl=False)

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * self.width + "\r", err=True, nl=False)  # a clean line for what follows
            self.shown = False
