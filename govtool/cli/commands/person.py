"""``govtool person add|edit|leave``: keep the people directory in govtool.yaml without hand-editing it."""

from __future__ import annotations

from collections.abc import Mapping

import click

from govtool.cli.ask import ask, ask_date, interactive
from govtool.cli.options import commit_option, report, settings_of, wants_commit
from govtool.cli.session import Session
from govtool.register.around import load_owned
from govtool.register.model import Person
from govtool.register.person_ids import PERSON_ID
from govtool.register.vocabulary import ACTIVE_STATUSES
from govtool.services import directory
from govtool.support.errors import GovtoolError

pass_session = click.make_pass_decorator(Session)


@click.group()
def person() -> None:
    """Add people to the directory in govtool.yaml, change their details, or record that someone left."""


@person.command("add")
@click.argument("person_id", metavar="[ID]", required=False)
@click.option("--name", help="Full name, e.g. 'Jane Smith'.")
@click.option("--role", help="Role or post, e.g. 'Registered Manager'.")
@click.option("--email", help="Email address (also matched to Git's user.email for --by).")
@commit_option
@pass_session
def add(session: Session, person_id: str | None, name: str | None, role: str | None, email: str | None,
        commit: bool | None) -> None:
    """Add someone who owns or signs off actions; actions store the ID.

    At a terminal, what is left out is asked: the name first, then the ID, proposed from the
    name (jane.smith for Jane Smith), then the role. A script gives the ID and --name and --role.

    \b
    Examples:
      govtool person add jane.smith --name "Jane Smith" --role "Registered Manager" --email jane@example.org
      govtool person add            # asks for the name, the ID and the role
    """
    settings = settings_of(session)
    if person_id is None and not interactive():
        raise GovtoolError("missing ID: give the person's ID first, e.g. "
                           "govtool person add jane.smith --name \"Jane Smith\" --role \"Registered Manager\"")
    if person_id is not None and name is None:
        _name_for_an_id(settings.people, person_id, role)
    asked = interactive()
    name = ask(name, "--name", "Full name")
    if person_id is None:
        person_id = _ask_id(settings.people, name)
    role = ask(role, "--role", "Role or post")
    if email is None and asked:  # what --by matches to Git's user.email: asked, never required
        email = _ask_email()
    report(directory.add_person(session.root, person_id, name=name, role=role, email=email,
                                commit=wants_commit(session.root, settings, commit)))


def _ask_id(people: Mapping[str, Person], name: str) -> str:
    """The new person's ID, asked until it is one the directory can take: a trial typed the
    role there, and the whole command ended, the name typed with it."""
    proposed = directory.free_id(people, name)
    while True:
        typed = click.prompt("ID (what actions store; Enter takes the one proposed)", default=proposed).strip()
        taken = next((pid for pid in people if pid.casefold() == typed.casefold()), None)
        if PERSON_ID.fullmatch(typed) and taken is None:
            return typed
        click.echo(f"  {typed!r} is already in the directory" if taken else
                   f"  {typed!r} is not an ID: letters, digits, '.', '_' or '-', e.g. {proposed}", err=True)


def _ask_email() -> str | None:
    """An email address, or None when left blank: matched to Git's user.email, it tells
    govtool who is running a command without --by."""
    while True:
        typed = click.prompt("Email (Enter to leave it out; matched to Git's user.email for --by)",
                             default="", show_default=False).strip()
        if not typed:
            return None
        try:
            return directory.email_address(typed)
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)


def _name_for_an_id(people: Mapping[str, Person], typed: str, role: str | None) -> None:
    """'govtool person add "Sandra Hughes" --role ...': the name given where the ID goes. Said
    (with an ID made from it) rather than only "missing --name"; an ID may hold capitals, so
    one that is a valid ID ('Sandra') is named as the ID taken only when --name must be given."""
    typed = typed.strip()
    valid = PERSON_ID.fullmatch(typed) is not None
    if valid and (interactive() or typed == typed.lower()):
        return
    example = (f'govtool person add {directory.free_id(people, typed)} --name "{typed}" '
               + (f'--role "{role}"' if role else "--role ROLE"))
    if not valid:
        raise GovtoolError(f"{typed!r} looks like a name, not an ID (the first argument is the ID actions store): "
                           f"give an ID and the name, e.g. {example}")
    raise GovtoolError(f"missing --name: {typed!r} is taken as the ID; if it is the person's name, give an ID "
                       f"and the name, e.g. {example}")


@person.command("edit")
@click.argument("who", metavar="ID")
@click.option("--name", help="The new full name.")
@click.option("--role", help="The new role or post, e.g. after a promotion.")
@click.option("--email", help="The new email address ('' removes it).")
@commit_option
@pass_session
def edit(session: Session, who: str, name: str | None, role: str | None, email: str | None,
         commit: bool | None) -> None:
    """Change someone's name, role or email in the people directory.

    Actions, risks and their trails store the person's ID, which never changes, so nothing
    else is edited: they name the person by the new details from now on. To change who owns
    an action, use 'govtool edit ACTION-ID --owner WHO --reason ...'. At a terminal with no
    option given, each detail is asked, the current one offered.

    \b
    Examples:
      govtool person edit jane.smith --email jane.smith@newdomain.example
      govtool person edit sam.patel --role "Registered Manager"
    """
    settings = settings_of(session)
    if name is None and role is None and email is None and interactive():
        current = directory.one_person(settings.people, who)
        name = click.prompt("Full name", default=current.name).strip()
        role = click.prompt("Role or post", default=current.role or "").strip() or None
        email = click.prompt("Email ('-' for none)", default=current.email or "-").strip()
        email = "" if email == "-" else email
        if email == "" and current.email is None:
            email = None
    report(directory.edit_person(session.root, settings, who, name=name, role=role, email=email,
                                 commit=wants_commit(session.root, settings, commit)))


@person.command("leave")
@click.argument("person_id", metavar="ID")
@click.option("--date", "left", metavar="DATE",
              help="Their last working day (YYYY-MM-DD, DD/MM/YYYY or today): on it they still own and sign.")
@commit_option
@pass_session
def leave(session: Session, person_id: str, left: str | None, commit: bool | None) -> None:
    """Record that someone left: they keep their entry, but from the day after their last
    working day (--date) they can no longer own or sign actions.

    The actions they still own are listed, to hand over with 'govtool edit ID --owner'.
    For someone who already left, --date corrects the leaving date (the commit names both).

    \b
    Example:
      govtool person leave amy.jones --date 30/06/2026
    """
    # The settings, and only the actions they still own (found through the backlinks index).
    register = load_owned(session.root, person_id.strip(), ACTIVE_STATUSES)
    listed = directory.listed(register, person_id)  # before asking anything
    if listed.id != person_id.strip():  # named, not by ID: the actions are found by the ID
        register = load_owned(session.root, listed.id, ACTIVE_STATUSES)
    already = f" (recorded now: {listed.left.isoformat()})" if listed.left else ""
    when = ask_date(left, "--date", f"Their last working day{already}")
    report(directory.record_leaving(register, listed.id, left=when, commit=wants_commit(register.root, register.settings, commit)))


COMMANDS = [person]
