"""Where a command's output goes: standard output for ``-`` (or no file), else a file written
atomically, with a relative path taken from the folder the command was started in (``-C DIR``
when given: govtool runs as if started there, as ``git -C`` does)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import click

from govtool.register.find import deleted_notice, deleted_records
from govtool.register.model import LoadProblem, Register
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable

STDOUT = "-"


def shown_folder(folder: Path, start: Path) -> str:
    """``folder`` as the user would type it from ``start``, where they run the command ("." for
    that folder itself; the whole path for one outside it)."""
    try:
        return folder.relative_to(start.resolve()).as_posix()
    except ValueError:
        return str(folder)


def is_stdout(output: Path | str | None) -> bool:
    """True for no output file, and for ``-``, the usual name for standard output."""
    return output is None or str(output) == STDOUT


def target_path(output: Path, start: Path) -> Path:
    return output if output.is_absolute() else start / output


def from_start(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """A click callback for a path option (``--templates DIR``): a relative path is taken from
    where the command runs, ``-C DIR`` when given, as ``-o`` is, not from the process's folder."""
    start = getattr(ctx.find_root().obj, "start", None)
    if value is None or not isinstance(start, Path):
        return value
    return target_path(value, start)


def output_target(output: Path, start: Path, option: str = "-o") -> Path:
    """Where ``output`` goes, refused in one line when its folder does not exist.

    A missing folder is far more often a typo (``reprots/plan.html``) than a wish, and
    creating it would leave the file somewhere nobody looks.
    """
    target = target_path(output, start)
    folder = target.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist: create it first, or"
        raise GovtoolError(f"{option} {output}: {folder} {what} correct the name")
    return target


def new_folder(folder: Path, start: Path, option: str) -> Path:
    """A folder to write several files into: created when missing, but only inside one that exists."""
    target = target_path(folder, start)
    if target.exists() and not target.is_dir():
        raise GovtoolError(f"{option} {folder}: it is a file, not a folder")
    output_target(folder, start, option)
    return target


def format_of_suffix(output: Path, suffixes: Mapping[str, str], formats: tuple[str, ...] | None = None) -> str:
    """The format the ``-o`` file's suffix names; a suffix that names none of ``formats`` is refused.

    ``plan.txt`` or a typo (``plan.xlsx2``) would otherwise get some default format under a name
    that says otherwise, and the file would open wrong, or not at all, in the program it was for.
    """
    known = [suffix for suffix, name in suffixes.items() if formats is None or name in formats]
    chosen = suffixes.get(output.suffix.lower())
    if chosen is not None and (formats is None or chosen in formats):
        return chosen
    said = f"{output.suffix!r} names no format this command writes" if output.suffix else "the name has no suffix"
    choices = ", ".join(known[:-1]) + f" or {known[-1]}" if len(known) > 1 else known[0]
    raise GovtoolError(f"-o {output}: {said}: end the name with {choices}, or choose one with --format")


def emit(text: str, output: Path | None, start: Path, what: str = "the output", color: bool | None = None,
         option: str = "-o") -> Path | None:
    """Print ``text``, or write it to ``output`` atomically (its folder must exist); the file written, if any."""
    if is_stdout(output):
        # click strips colour codes when colour is off: a pass and a copy of the whole text (a
        # MB of JSON from a pre-commit lint of a large register) that finds nothing to strip
        # when the text holds no escape character at all.
        click.echo(text, nl=False, color=color if color or "\x1b" in text else True)
        return None
    assert output is not None
    target = output_target(output, start, option)
    # Imported here, not at the top: govtool.register.edit brings ruamel.yaml
    # (about 8 ms of start-up), which a command printing to the terminal (a pre-commit
    # `govtool lint`) never needs.
    from govtool.register.edit import write_atomic

    try:
        write_atomic(target, text)
    except OSError as exc:
        raise GovtoolError(f"cannot write {what}: {exc.strerror or exc}", output) from None
    return target


def say_written(target: Path) -> None:
    """'wrote FILE' on standard error, the file named from the folder the command was typed in:
    with ``-C DIR`` a relative ``-o`` goes into DIR, and the line says so (a manager's trial:
    the Word plan landed in the register folder, not where she looked)."""
    try:
        shown = target.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        shown = str(target.resolve())
    click.echo(f"wrote {printable(shown)}", err=True)


def emit_bytes(data: bytes) -> None:
    """Binary output (a spreadsheet, a Word document) to standard output, after any text."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def unreadable(register: Register) -> list[LoadProblem]:
    """The problems of record files that could not be read at all (so are in no list)."""
    loaded = {record.path for records in (register.actions, register.sources, register.risks)
              for record in records.values()}
    seen: set[Path] = set()
    found = []
    for problem in register.problems:
        if problem.path not in loaded and problem.path not in seen:
            seen.add(problem.path)
            found.append(problem)
    return found


#: How many deleted record files a command names, one line each; more are counted.
DELETED_SHOWN = 5


def say_deleted(root: Path) -> None:
    """Name, on standard error, each record file deleted in the working tree and not committed,
    with how to put it back: a command that commits something else, or lists the register,
    would otherwise leave the deletion there without a word, for the pre-commit check to refuse
    later. One ``git diff`` when nothing is deleted; nothing outside Git."""
    deleted = deleted_records(root)
    for relative in deleted[:DELETED_SHOWN]:
        click.echo(printable(f"govtool: notice: {deleted_notice(root, relative)}"), err=True)
    if len(deleted) > DELETED_SHOWN:
        click.echo(f"govtool: notice: and {len(deleted) - DELETED_SHOWN} more record files deleted and not committed "
                   "('git status' lists them)", err=True)


def warn_unreadable(register: Register) -> int:
    """Name every record file that could not be read, on standard error; the exit status (0 or 1).

    A list, an export, a report or a digest that silently left a record out would be trusted as
    complete.
    """
    say_deleted(register.root)  # left out too, without a file to name as unreadable
    missing = unreadable(register)
    for problem in missing:
        where = f"{problem.path.as_posix()}:{problem.line}" if problem.line else problem.path.as_posix()
        click.echo(printable(f"govtool: warning: {where}: left out, the file cannot be read: {problem.message} "
                             "(fix the file; govtool lint shows every problem)"), err=True)
    return 1 if missing else 0
