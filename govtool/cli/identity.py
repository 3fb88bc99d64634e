"""Git's name and email for the person at the keyboard, asked for where a commit needs them.

Git refuses to commit without a name and an email. A registered manager who never types
``git`` meets that on a new laptop, or on the first change to a register a consultant set up:
at a terminal govtool asks for both once and gives them to Git (``git config --global``), as
``init`` does; without a terminal the command refuses before writing, naming the two Git
commands and ``--no-commit``.
"""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.ask import ask, interactive
from govtool.register.people import git_identity
from govtool.services.scaffold import knows_git_identity, set_git_identity
from govtool.support.errors import GovtoolError


def offer_identity_if_unknown(folder: Path) -> bool:
    """At a terminal, when Git does not know who is committing, offer to tell it. True when Git
    knows a name and an email now (it did already, or was just told)."""
    if knows_git_identity(folder):
        return True
    return interactive() and offer_identity(folder)


def offer_identity(folder: Path) -> bool:
    """Ask for the name and email and give them to Git. True when Git knows them now."""
    click.echo("Git records who made each change, by name and email, and does not know yours on this computer yet.")
    if not click.confirm("Give Git your name and email now?", default=True):
        return False
    known_name, known_email = git_identity(folder)
    name = ask(None, "--name", "Your name, as the register's history should show it", _name,
               default=known_name, needed="type your name as your colleagues know it")
    email = ask(None, "--email", "Your email address", _email, default=known_email,
                needed="type your email address (e.g. jane.smith@example.org)")
    set_git_identity(folder, name, email)
    click.echo(f"  Git will record your changes as {name} <{email}>: set for your user account on this computer "
               "(git config --global), so every register you keep here uses it.")
    return True


def _name(answer: str) -> str:
    if not any(ch.isalpha() for ch in answer) or any(ch in answer for ch in "<>\n"):
        raise GovtoolError(f"{answer!r} is not a name: type your name as your colleagues know it (e.g. Jane Smith)")
    return answer


def _email(answer: str) -> str:
    local, at, domain = answer.partition("@")
    if not (local and at and "." in domain) or any(ch.isspace() or ch in "<>" for ch in answer):
        raise GovtoolError(f"{answer!r} is not an email address: type it as jane.smith@example.org")
    return answer
