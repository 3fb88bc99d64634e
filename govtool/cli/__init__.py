"""The ``govtool`` command line.

Each command lives in a module of ``govtool/cli/commands/`` that lists its click commands in
``COMMANDS``; this package gathers them into one group, so adding a command touches one file.
A run imports only the module holding its command (``COMMAND_MODULES`` names those that
live in a module named otherwise); ``--help`` and an unknown command import every module.
Commands parse their options, call one function of the model, lint or report packages, and
map the result to an exit code. An expected failure is a :class:`GovtoolError`: one line on
standard error and exit 2. Anything else is a bug, reported as one line too (set
GOVTOOL_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import os
import pkgutil
import sys
from pathlib import Path
from typing import Any

import click

from govtool import __version__
from govtool.cli.session import Session
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable

INTERNAL_ERROR_EXIT = 70


class GovtoolGroup(click.Group):
    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            _gather_commands(cmd_name)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _gather_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        # The words after the group's options (click keeps the command's name apart): what a
        # usage error's hint quotes back.
        given = [*(getattr(ctx, "_protected_args", None) or []), *ctx.args]
        swallowed = _option_taken_as_value(given)
        if swallowed is not None:
            # 'redate ACT-1 --to --commit': click would give '--commit' to --to as its value and
            # the command would refuse it as a date, or record it as a note; name the option.
            path, empty, taken = swallowed
            click.echo(f"govtool: error: {empty} has no value: it took {taken!r}, the next option, as its "
                       f"value ('{path} --help' shows what it takes)", err=True)
            ctx.exit(2)
        try:
            return super().invoke(ctx)
        except GovtoolError as error:
            click.echo(f"govtool: error: {printable(str(error))}", err=True)
            ctx.exit(error.exit_code)
        except click.UsageError as error:
            if isinstance(error, click.exceptions.NoArgsIsHelpError) and error.ctx is not None:
                # 'govtool report' alone asks which reports there are: its help answers, as
                # '--help' would, not a usage error wrapped round it (a manager's trial).
                click.echo(error.ctx.get_help())
                ctx.exit(0)
            said = _unexpected(error, given) or _usage_in_one_line(error, given)
            click.echo(f"govtool: error: {printable(said)}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("govtool: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # the reader went away (`govtool lint | head`): nothing is wrong
            sys.stdout = open(os.devnull, "w")
            ctx.exit(1)
        except OSError as error:  # the system refused (a full disk, a vanished folder): not a bug
            where = f" ({printable(str(error.filename))})" if error.filename else ""
            click.echo(f"govtool: error: {printable(error.strerror or str(error))}{where}", err=True)
            ctx.exit(2)
        except Exception as error:  # a bug: say so in one line, never a traceback
            if os.environ.get("GOVTOOL_DEBUG"):
                raise
            click.echo(
                f"govtool: internal error: {type(error).__name__}: {printable(str(error))} "
                "(this is a bug in govtool; set GOVTOOL_DEBUG=1 to see where)",
                err=True,
            )
            ctx.exit(INTERNAL_ERROR_EXIT)


#: Reports asked for as commands of their own ("govtool momentum"): where they are.
_REPORT_NAMES = frozenset({"action-plan", "momentum", "risks", "source", "all"})


def _usage_in_one_line(error: click.UsageError, given: list[str]) -> str:
    """click's usage block ("Usage: ... Try ... Error: Invalid value for '--format' ...") as the
    one line every refusal is, with where to look: a command's own --help, or for a report asked
    for as a command of its own, the report command."""
    import re

    message = error.format_message().rstrip(".")
    unknown = re.match(r"No such command '(.+?)'", message)
    if unknown and unknown.group(1) in _REPORT_NAMES:
        return f"{message}: did you mean 'govtool report {unknown.group(1)}'?"
    path = _command_path(error, given)
    return f"{message} ('{path} --help' shows what it takes)"


def _command_path(error: click.UsageError, given: list[str]) -> str:
    """The command the error is about, as typed: "govtool report all" (the program's own name,
    whatever the entry point was called). click leaves the context out of some errors (an option
    missing its value): the command is then read from the words given."""
    if error.ctx is not None:
        return " ".join(["govtool", *error.ctx.command_path.split()[1:]])
    return _typed_command(given)[0]


def _typed_command(given: list[str]) -> tuple[str, click.Command | None]:
    """The command named by the words given, as typed ("govtool report all"), and that command
    (None when the words name only a group, or nothing)."""
    words: list[str] = []
    group: click.Group | None = main
    found: click.Command | None = None
    for word in given:
        if group is main and not word.startswith("-") and word not in main.commands:
            _gather_commands(word)  # commands are imported when first named
        command = group.commands.get(word) if group is not None and not word.startswith("-") else None
        if command is None:
            break
        words.append(word)
        found = command
        group = command if isinstance(command, click.Group) else None
    return " ".join(["govtool", *words]), None if isinstance(found, click.Group) else found


def _unexpected(error: click.UsageError, given: list[str]) -> str | None:
    """click's "Got unexpected extra arguments (done well)" as one line that names the words and,
    when they look like text that lost its quotes, says how to type it; None for another error."""
    import re

    found = re.match(r"Got unexpected extra arguments? \((.*)\)$", error.message)
    if not found:
        return None
    extra = found.group(1)
    said = f"unexpected word{'s' if ' ' in extra else ''} ({extra})"
    command = error.ctx.command if error.ctx is not None else None
    hint = _quote_hint(extra, given)
    if hint:
        return f"{said}: {hint}"
    path = _command_path(error, given)
    # Words (not a date, a number or an ID) typed as if they were the value of an option.
    prose = re.search(r"[^\W\d_]{2}", extra) and _read_as_date(extra) is None and not re.fullmatch(r"[A-Za-z]{3}-\S+", extra)
    option = _text_option(command, given) if command is not None and prose else None
    if option is not None:  # 'govtool complete ACT-001 done well': text given without its option
        return (f"{said}: text goes after its option, in double quotes when it has spaces "
                f"(e.g. {option} \"{extra}\"; '{path} --help' lists the options)")
    return f"{said}: '{path} --help' shows what it takes"


def _option_taken_as_value(given: list[str]) -> tuple[str, str, str] | None:
    """(the command as typed, option, the option after it) when an option of the command the
    words name that takes a value was typed with none, and so took the next option's name as its
    value ("--title --date 20/11/2026"); None otherwise."""
    path, command = _typed_command(given)
    if command is None:
        return None
    takes_value = {name for param in command.params if isinstance(param, click.Option) and not param.is_flag
                   and not param.count for name in param.opts}
    named = {name for param in command.params
             for name in [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]}
    for option, value in zip(given, given[1:], strict=False):
        if option in takes_value and value in named:
            return path, option, value
    return None


def _quote_hint(extra: str, given: list[str]) -> str:
    """For the words ``extra`` left over after ``--date 3 Dec 2026``: the value with a space was
    read as three words, so say it needs quotes, as it would be typed (double quotes work in
    Windows cmd, PowerShell and POSIX shells alike); "" when the words follow no option's value."""
    for at, word in enumerate(given):
        if not word.startswith("--"):
            continue
        option, joined, value = word.partition("=")  # --note=Supplier delayed: one word, then the rest
        start = at + 1 if joined else at + 2
        if not joined and (start > len(given) or given[at + 1].startswith("-")):
            continue
        value = value if joined else given[at + 1]
        for end in range(start + 1, len(given) + 1):
            if " ".join(given[start:end]) != extra:
                continue
            whole = " ".join([value, *given[start:end]])
            day = _read_as_date(whole)
            if day is not None:
                return f"a date with spaces needs quotes: {option} \"{whole}\" (or write it {day:%d/%m/%Y})"
            return f"text with spaces needs quotes: {option} \"{whole}\""
    return ""


def _text_option(command: click.Command, given: list[str]) -> str | None:
    """The command's first option for free text (``--note``, ``--change``, ``--title``) that was
    not given: where words typed on their own were most likely meant to go."""
    for param in command.params:
        if (isinstance(param, click.Option) and not param.is_flag and not param.hidden
                and isinstance(param.type, click.types.StringParamType) and param.metavar in (None, "TEXT")
                and not any(word == name or word.startswith(f"{name}=") for name in param.opts for word in given)):
            return max(param.opts, key=len)
    return None


def _read_as_date(text: str) -> dt.date | None:
    from govtool.register.dates import DateProblem, read_typed_date

    try:
        return read_typed_date(text).date
    except DateProblem:
        return None


def _folders(incomplete: str) -> list[Any]:
    """Let the shell complete -C with folder names, as click.Path(file_okay=False) did."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="dir")]


def _not_a_folder(directory: Path) -> str:
    """'-C oakhil: no such folder (did you mean oakhill?)', in the one-line form of every error."""
    if directory.exists():
        return f"-C {directory}: is a file, not a folder"
    from govtool.support.closest import folder_guess

    return f"-C {directory}: no such folder{folder_guess(directory, directory)}"


@click.group(cls=GovtoolGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directory",
    # Checked in main(), not by click, so that a missing folder is one 'govtool: error:' line.
    type=click.Path(path_type=Path),
    shell_complete=lambda _ctx, _param, incomplete: _folders(incomplete),
    help="Run as if started in DIR: the register is found from there upwards, and relative paths "
         "(-o, --templates, files) are taken from there.",
)
@click.version_option(__version__, prog_name="govtool")
@click.pass_context
def main(ctx: click.Context, directory: Path | None) -> None:
    """Improvement action plans for CQC-regulated services, kept as YAML in Git.

    Record what you will do about a finding, who owns it and by when; record progress,
    re-dates, completion with evidence of change, and sign-off. The linter keeps the plan
    inspection-ready; the reports turn it into the plan an inspector reads.
    """
    if directory is not None and not directory.is_dir():
        raise GovtoolError(_not_a_folder(directory))
    ctx.obj = Session(start=directory or Path.cwd())


_gathered: set[str] = set()
#: Commands that live in a module named otherwise (the rest live in the module named like them).
COMMAND_MODULES = {
    "list": "listing",
    "import": "importing",
    "rules": "lint",
    **dict.fromkeys(("update", "redate", "complete", "close", "cancel", "reopen"), "lifecycle"),
}


def _gather_commands(wanted: str | None = None) -> None:
    """Add the commands of the module that holds ``wanted``, else of every module.

    Importing only the module a run needs keeps start-up short: ``govtool lint`` in a
    pre-commit hook never loads the report templates, the spreadsheet writer or the editor.
    """
    from govtool.cli import commands

    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    module = COMMAND_MODULES.get(wanted, wanted) if wanted is not None else None
    if module in names:
        _import_commands(f"{commands.__name__}.{module}")
        if wanted in main.commands:
            return
    for name in names:  # an unknown command (for did-you-mean), or --help
        _import_commands(f"{commands.__name__}.{name}")


def _import_commands(module_name: str) -> None:
    if module_name in _gathered:
        return
    _gathered.add(module_name)
    module = importlib.import_module(module_name)
    for command in getattr(module, "COMMANDS", ()):
        main.add_command(command)


def run() -> None:
    """The ``govtool`` executable: run one command, flush its output, and end the process at once.

    A lint of a large register leaves a few hundred thousand objects alive; a normal interpreter
    exit frees them one by one and tears every module down, about a fifth of a pre-commit run
    on 2,000 actions. Nothing is left to do by then (files are written and closed, locks
    released), so the process ends with ``os._exit`` as mypy's does. For the same reason the
    cyclic collector stays off for the run: a one-command process frees its acyclic garbage
    by reference counting and gives everything back on exit. Tests that drive :func:`main`
    in-process never come here; ``tests/cli/test_process_exit.py`` runs this in real processes.
    """
    gc.disable()
    status: object = 0
    try:
        main(prog_name="govtool", args=sys.argv[1:])
    except SystemExit as done:
        status = done.code
    except BrokenPipeError:  # while writing --help or --version: the reader went away
        status = 1
    except OSError as error:  # while writing --help or --version (a full disk, say)
        status = _unwritable(error)
    os._exit(_exit_status(status))


def _exit_status(status: object) -> int:
    """What ``sys.exit(status)`` would have made of it, after flushing the output streams
    (an output that could not be written is a failure, as it is for Python itself)."""
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (`govtool list | head`): nothing to say it to
            pass
        except (OSError, ValueError) as error:
            failed = _unwritable(error) if stream is sys.stdout else 2
            status = status or failed
    return status or 0


def _unwritable(error: Exception) -> int:
    """Say in one line that the output could not be written; the exit status for it."""
    print(f"govtool: error: cannot write the output: {getattr(error, 'strerror', None) or error}",
          file=sys.stderr, flush=True)
    return 2
