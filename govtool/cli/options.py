"""Options and outcomes shared by the commands that change the register.

``--commit/--no-commit`` (default: the ``commit`` setting), ``--by`` (default: the person Git
says you are), and the way every change is reported back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.session import Session
from govtool.register.load import load_settings
from govtool.register.model import Settings
from govtool.register.people import default_person, resolve_person
from govtool.services.edits import SavedChange
from govtool.support.errors import GovtoolError

if TYPE_CHECKING:  # the judging itself is imported by the commands that judge
    from govtool.services.precheck import Judged

F = TypeVar("F", bound=Callable[..., Any])


def commit_option(command: F) -> F:
    return click.option(
        "--commit/--no-commit",
        default=None,
        help="Commit the change to Git (default: the 'commit' setting in govtool.yaml).",
    )(command)


def by_option(command: F) -> F:
    return click.option(
        "--by",
        metavar="WHO",
        help="Who is recording this: a people-directory ID or name (default: you, as Git knows you).",
    )(command)


def settings_of(session: Session) -> Settings:
    return load_settings(session.root)


def wants_commit(settings: Settings, flag: bool | None) -> bool:
    return settings.auto_commit if flag is None else flag


def person(session: Session, settings: Settings, typed: str | None, option: str, prompt: str) -> str:
    """A person to store for ``option``: as typed (checked), else who Git says you are, else asked."""
    def resolve(text: str) -> str:
        return resolve_person(settings.people, text, option, today=session.today)

    if typed is None and option == "--by":
        found = default_person(settings.people, session.root)
        if found is not None and (found in settings.people or not settings.people or not interactive()):
            # a directory ID; or, for a script, the name Git knows you by, stored as it is (lint's
            # unknown-owner reports it until govtool.yaml's people name that person)
            return found
        if found is not None:  # at a terminal, a name outside the directory is asked about first
            click.echo(f"Git knows you as {found!r}, who is not in govtool.yaml's people "
                       "(add yourself with 'govtool person add').", err=True)
    return resolve(typed) if typed is not None else ask(None, option, prompt, resolve)


def report(change: SavedChange) -> None:
    """Tell the user what changed (and was committed), with any advice."""
    click.echo(change.subject)
    click.echo(f"  saved {change.path.as_posix()}")
    for note in change.notes:
        click.echo(f"  note: {note}")
    if change.commit:
        click.echo(f"  committed {change.commit[:7]}")


def show_judged(problems: list[Judged], what: str) -> bool:
    """Print what lint will report for the record about to be saved (standard error).

    On a terminal, ask whether to save it as it is; False means the user wants to reword it.
    Without a terminal the record is saved and the problems stay printed for the log.
    """
    if not problems:
        return True
    click.echo(f"lint will report for {what}:", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)
    return not interactive() or click.confirm("Save it as it is?", default=False, err=True)


def refuse_unsaved(what: str) -> GovtoolError:
    return GovtoolError(f"nothing saved: reword {what} and run the command again")
