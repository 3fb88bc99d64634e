"""``govtool init [DIR]``: start a register."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.output import shown_folder
from govtool.cli.session import Session
from govtool.services.scaffold import check_target, init_register, knows_git_identity

pass_session = click.make_pass_decorator(Session)

#: Said before the guided init asks about committing, for someone who has never used Git.
AUTO_COMMIT_EXPLAINED = ("Git keeps the register's history: each change, who made it and when, which is your "
                         "evidence that the plan moved as it says.")


@click.command()
@click.argument("folder", metavar="[DIR]", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--provider", help="The registered provider's name.")
@click.option("--location", help="The location (service) this register is for (default: the provider).")
@click.option("--auto-commit/--no-auto-commit", default=None,
              help="Write 'commit: true' in the settings: the new register and every later change are "
                   "committed to Git (asked at a terminal; default without one: --no-auto-commit).")
@click.option("--commit", is_flag=True, help="Commit the new register to Git.")
@pass_session
def init(session: Session, folder: Path | None, provider: str | None, location: str | None,
         auto_commit: bool | None, commit: bool) -> None:
    """Start a register: settings, folders, pre-commit hook, and a Git repository if needed.

    At a terminal, what is left out is asked, including whether govtool should commit each
    change to Git for you ('commit: true' in govtool.yaml).

    \b
    Examples:
      govtool init willowbrook --provider "Willowbrook Care Ltd" --location "Willowbrook House" --auto-commit
      govtool init            # asks for each setting
    """
    target = session.start / folder if folder is not None else session.start
    check_target(target)  # a register there already, or around it: said before any question
    provider = ask(provider, "--provider", "Provider (the registered provider's name)")
    if location is None and interactive():
        location = click.prompt("Location (the service)", default=provider)
    if auto_commit is None and interactive():
        click.echo(AUTO_COMMIT_EXPLAINED)
        auto_commit = click.confirm("Commit each change to Git automatically?", default=True)
        if auto_commit and not knows_git_identity(target):
            # Said now, not after every question has been answered and nothing could be made.
            click.echo("  Git does not know your name yet, so it cannot commit: run git config --global "
                       "user.name 'Your Name' and git config --global user.email you@example.org, or answer "
                       "no now and set 'commit: true' in govtool.yaml later.", err=True)
            auto_commit = click.confirm("Commit each change to Git automatically?", default=False)
    made = init_register(target, provider=provider, location=location, auto_commit=bool(auto_commit),
                         commit=commit)
    shown = shown_folder(made.root, session.start)
    if made.created_repository:
        click.echo(f"Initialised a Git repository in {shown}")
    click.echo(f"Created a govtool register in {shown}:")
    for path in made.written:
        click.echo(f"  {path.as_posix()}")
    if made.hook_present:
        click.echo("The repository's .pre-commit-config.yaml runs govtool-lint already: it lints this register "
                   "too, in the commits that change it.")
    if made.hook_hint:
        click.echo("A .pre-commit-config.yaml exists already; add this hook to it to lint every commit:")
        click.echo(made.hook_hint.split("repos:\n", 1)[-1].rstrip())
    if made.commit:
        click.echo(f"Committed {made.commit[:7]}")
    click.echo("To lint every commit, run 'pre-commit install' once in the repository (https://pre-commit.com).")
    click.echo("Next: add the people who own and sign off actions with 'govtool person add' (it asks for each "
               "detail), then record what prompted the actions with 'govtool new source'.")


COMMANDS = [init]
