"""Options and outcomes shared by the commands that change the register.

``--commit/--no-commit`` (default: the ``commit`` setting), ``--by`` (default: the person Git
says you are), and the way every change is reported back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shlex
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.identity import offer_identity_if_unknown
from govtool.cli.output import say_deleted
from govtool.cli.session import Session
from govtool.register.load import load_settings
from govtool.register.model import Settings
from govtool.register.people import AuthorProblem, default_person, git_author_problem
from govtool.services.edits import SavedChange, found_note
from govtool.services.people_lookup import resolve_recorded_person
from govtool.support.errors import GovtoolError
from govtool.support.gitcommand import GitFailed, GitNotFound, find_repository
from govtool.support.terminal import printable

if TYPE_CHECKING:  # the judging itself is imported by the commands that judge
    from govtool.services.precheck import Judged

F = TypeVar("F", bound=Callable[..., Any])


class WordsChoice(click.Choice[str]):
    """A choice of snake_case names that also takes them as people write them ("inspection
    report", "Inspection-Report"): a manager's trial typed the words import had taken."""

    def normalize_choice(self, choice: object, ctx: click.Context | None) -> str:
        return " ".join(str(choice).casefold().replace("_", " ").replace("-", " ").split())


def commit_option(command: F) -> F:
    return click.option(
        "--commit/--no-commit",
        default=None,
        help="Commit the change to Git (default: the 'commit' setting in govtool.yaml).",
    )(command)


#: What the default of --by is, as its help says it.
_YOU = "default: you, as Git knows you; refused in a script when govtool.yaml's people do not list that name"
#: A lifecycle step's --by: the person who did it, not necessarily the one typing it in.
_TYPIST = " The person typing it in may be someone else: Git records who typed it, and the action plan shows both when they differ."


def by_option_for(who: str, default: str = _YOU, typist: str = _TYPIST) -> Callable[[F], F]:
    """``--by`` of a lifecycle step: ``who`` did it (the reports read ``by`` as the person who
    did it: "Signed off ... by Dr Helen Ward"), which a manager's trial read as "who is typing
    this" and filled in with someone else's name for her own work. The help says so."""
    return click.option("--by", metavar="WHO", help=f"{who}: a people-directory ID or name ({default}).{typist}")


#: ``--by`` of a change that is not a trail entry (edit, import): who makes it.
by_option = by_option_for("Who is recording this", typist="")


def date_option(command: F) -> F:
    return click.option(
        "--date",
        "happened",
        metavar="DATE",
        help="The day it happened, when it is recorded later (the meeting whose minutes are typed up "
             "since): YYYY-MM-DD, DD/MM/YYYY or 1 Feb 2027 (default: today; never asked for). Not after "
             "today, not before the action was created or the entry it follows (lint's future-date and "
             "trail-date-order). Git still dates the commit today.",
    )(command)


def settings_of(session: Session) -> Settings:
    return load_settings(session.root)


def wants_commit(root: Path, settings: Settings, flag: bool | None) -> bool:
    """Whether this change is committed: ``--commit/--no-commit``, else the ``commit`` setting. A
    commit Git could not make for want of a name is offered the fix first at a terminal (else the
    change is refused before anything is written, by the service that commits)."""
    wanted = settings.auto_commit if flag is None else flag
    if wanted:
        offer_identity_if_unknown(root)
    elif flag is None and "commit" not in settings.data:  # no one chose: report() says how to commit
        context = click.get_current_context(silent=True)
        if context is not None:
            context.meta[_COMMIT_SETTING_OFF] = root
    return wanted


# The register whose change went uncommitted because its govtool.yaml has no "commit" setting
# at all (no --commit or --no-commit given either). A manager who took over a register, or
# opened the example, saw "saved ..." and nothing else, and found later that Git had kept none
# of the trail: the report now says so, once per change, and how to choose. "commit: false",
# written by init or by hand, is a choice made, and is not questioned.
_COMMIT_SETTING_OFF = "govtool.commit-setting-off"
_NOT_COMMITTED = ("not committed to Git: add the line 'commit: true' to govtool.yaml to keep every "
                  "change in the register's history (or 'commit: false' if you commit yourself), or "
                  "add --commit to this command")


def git_author(session: Session, settings: Settings, on: dt.date | None = None) -> tuple[str | None, AuthorProblem | None]:
    """Who ``--by`` means when it is left out: (the value to store, None); (None, why not) when
    Git names someone the people directory does not know, or who had left by ``on`` (default
    today); (None, None) when Git has no name at all."""
    found = default_person(settings.people, session.root)
    if found is None:
        return None, None
    problem = git_author_problem(settings.people, found, on or session.today)
    return (found, None) if problem is None else (None, problem)


def person(session: Session, settings: Settings, typed: str | None, option: str, prompt: str,
           on: dt.date | None = None, *, ask_first: bool = False) -> str:
    """A person to store for ``option``: as typed (checked), else who Git says you are, else asked.
    Someone who had left by ``on`` (the entry's day, ``--date``; default today) is refused.

    ``ask_first``: at a terminal, ``--by`` left out is asked for, Enter taking who Git says you
    are (``close``: the sign-off is someone else's check, so storing the typist's name unasked
    recorded a manager's own work as signed off by her). In a script the default stays Git's.

    ``--by`` left out in a script, with Git naming someone the people directory does not know
    (or who has left), is refused: the trail entry would be written for good under a name lint's
    ``unknown-owner`` reports, and a pre-commit hook would then stop the commit.
    """
    def resolve(text: str) -> str:
        found = resolve_recorded_person(settings.people, text, option, on or session.today)
        if found.how is not None:  # 'Registered Manager' -> jane.smith: say whom it was read as
            click.echo(printable(f"{option}: {found.how}"), err=True)
        return found.stored

    if typed is None and option == "--by":
        found, problem = git_author(session, settings, on)
        if found is not None and ask_first and interactive():
            offer_people(settings, on or session.today)
            return ask(None, option, f"{prompt} (Enter: you)", resolve, default=found)
        if found is not None:  # a directory ID, still in post; or any name, without a directory
            return found
        if problem is not None and not interactive():
            raise GovtoolError(f"missing --by: {problem}")
        if problem is not None:  # at a terminal, who it is is asked (a name outside the directory is never stored)
            click.echo(problem.problem + (f" (if you are not in the list below, add yourself with '{problem.add}')."
                                          if problem.add else "."), err=True)
    if typed is None and interactive():
        offer_people(settings, on or session.today)
    return resolve(typed) if typed is not None else ask(None, option, prompt, resolve)


#: How many people the prompt lists before it only counts the rest.
_PEOPLE_LISTED = 12


def offer_people(settings: Settings, on: dt.date) -> None:
    """Before asking who at a terminal, show whom the answer may name: the people directory's
    entries still in post, by ID and name (a new-user trial was asked "Who is writing this
    note:" and "Owner (one named person):" with no idea what the register would accept)."""
    here = [p for p in settings.people.values() if p.in_post_on(on)]
    if not here:
        return
    shown = "; ".join(f"{p.id} ({p.name}{', ' + p.role if p.role else ''})" for p in here[:_PEOPLE_LISTED])
    more = f", and {len(here) - _PEOPLE_LISTED} more in govtool.yaml" if len(here) > _PEOPLE_LISTED else ""
    click.echo(printable(f"People in govtool.yaml (type an ID or a name): {shown}{more}"), err=True)


def report(change: SavedChange, recorded: str | None = None) -> None:
    """Tell the user what changed (and was committed), with any advice; ``recorded``: whom the
    trail entry names (:func:`govtool.cli.recorded_as.recorded_as`), said next."""
    click.echo(change.subject)
    if recorded:
        click.echo(printable(f"  {recorded}"))
    click.echo(f"  saved {change.path.as_posix()}")
    for note in change.notes:
        click.echo(f"  note: {note}")
    if change.found_commit:  # what the files held uncommitted before: its own commit, first
        click.echo(f"  {found_note(change.found, change.found_commit)}")
    if change.commit:
        click.echo(f"  committed {change.commit[:7]}")
    elif _left_uncommitted_by_setting():
        click.echo(f"  note: {_NOT_COMMITTED}")
    session = click.get_current_context().find_object(Session)
    root = vars(session).get("root") if session is not None else None  # the register the command found
    if root is not None:  # a record file deleted by hand is named, whatever was committed
        say_deleted(root)


def _left_uncommitted_by_setting() -> bool:
    """True when this command's change went uncommitted for want of any "commit" setting, in a
    register Git keeps (outside a repository there is nothing to commit to)."""
    context = click.get_current_context(silent=True)
    root = context.meta.get(_COMMIT_SETTING_OFF) if context is not None else None
    if root is None:
        return False
    try:
        return find_repository(root) is not None
    except (GitNotFound, GitFailed):
        return False


def show_judged(problems: list[Judged], what: str, refused: list[Judged] | None = None) -> bool:
    """Print what lint will report for the record about to be saved (standard error).

    On a terminal, ask whether to save it as it is; False means the user wants to reword it.
    Without a terminal the record is saved and the problems stay printed for the log.
    ``refused``: those of them Git's pre-commit check will refuse to commit
    (:func:`~govtool.services.precheck.refused_at_commit`). Saving them as they are is never
    offered (a manager said yes, and the refused commit lost every answer): False on a
    terminal, to ask again; a one-line refusal, before anything is written, in a script.
    """
    if not problems:
        return True
    click.echo(f"lint will report for {what}:", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)
    if refused:
        said = f"Git's pre-commit check (govtool lint) refuses to commit {what} with {_these_errors(refused)}"
        if not interactive():
            raise GovtoolError(f"nothing saved: {said}: reword it and run the command again")
        click.echo(f"{said}: reword it.", err=True)
        return False
    return not interactive() or click.confirm("Save it as it is?", default=False, err=True)


def _these_errors(refused: list[Judged]) -> str:
    rules = sorted({problem.rule for problem in refused})
    return f"the {' and '.join(rules)} error" + ("s" if len(rules) > 1 else "")


def refuse_unsaved(what: str) -> GovtoolError:
    return GovtoolError(f"nothing saved: reword {what} and run the command again")


@contextlib.contextmanager
def answers_kept(command: str, options: Iterable[tuple[str, object]]) -> Iterator[None]:
    """At a terminal, a change refused after its prompts (a commit the pre-commit check
    refuses, Git's index locked) ends with the command line that makes it again with the
    answers given: a manager's trial lost every answer to a refused commit. ``options``: each
    option with its value (None: left out; True: a flag)."""
    try:
        yield
    except GovtoolError as error:
        if interactive():
            error.message += f"\nyour answers, to run it again: {redo_line(command, options)}"
        raise


def redo_line(command: str, options: Iterable[tuple[str, object]]) -> str:
    """``govtool new action --title "..." --owner jane.smith ...``, as typed in any shell."""
    root = click.get_current_context().find_root().params.get("directory")
    words = ["govtool", *(["-C", _shell_word(str(root))] if root is not None else []), command]
    for option, value in options:
        if value is True:
            words.append(option)
        elif value is not None and value is not False:
            words += [option, _shell_word(str(value))]
    return " ".join(words)


def _shell_word(text: str) -> str:
    """``text`` as one word of a command line: bare when nothing in it is special; else in double
    quotes, which Windows cmd, PowerShell and POSIX shells all read alike (a Windows folder's
    backslashes included); else (a quote or a dollar inside, which a POSIX shell would read) in
    POSIX single quotes."""
    if re.fullmatch(r"[\w.,:/@%+=-]+", text):
        return text
    return f'"{text}"' if not re.search(r'["$`]|\\(?=[\\"$`]|$)', text) else shlex.quote(text)
