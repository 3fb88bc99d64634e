"""Where a command's output goes: standard output for ``-`` (or no file), else a file written
atomically, with a relative path taken from the folder the command was started in."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.errors import GovtoolError
from govtool.register.edit import write_atomic

STDOUT = "-"


def is_stdout(output: Path | str | None) -> bool:
    """True for no output file, and for ``-``, the usual name for standard output."""
    return output is None or str(output) == STDOUT


def target_path(output: Path, start: Path) -> Path:
    return output if output.is_absolute() else start / output


def emit(text: str, output: Path | None, start: Path, what: str = "the output", color: bool | None = None) -> Path | None:
    """Print ``text``, or write it to ``output`` atomically; the file written, if any."""
    if is_stdout(output):
        click.echo(text, nl=False, color=color)
        return None
    assert output is not None
    target = target_path(output, start)
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise GovtoolError(f"cannot write {what}: {exc.strerror or exc}", output) from None
    return target
