"""``govtool init [DIR]``: start a register, or set up the checks of one that is there already."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.identity import offer_identity
from govtool.cli.options import wants_commit
from govtool.cli.output import shown_folder
from govtool.cli.session import Session
from govtool.register.find import SETTINGS_FILE
from govtool.register.load import load_settings
from govtool.register.vocabulary import RATINGS, choice
from govtool.services.checks import describe
from govtool.services.scaffold import (
    TakenOver,
    check_target,
    existing_register,
    init_register,
    knows_git_identity,
    take_over,
)
from govtool.support.errors import GovtoolError
from govtool.support.terminal import GIT_IDENTITY_COMMANDS

pass_session = click.make_pass_decorator(Session)

#: Said before the guided init asks about committing, for someone who has never used Git.
AUTO_COMMIT_EXPLAINED = ("Git keeps the register's history: each change, who made it and when, which is your "
                         "evidence that the plan moved as it says.")


@click.command()
@click.argument("folder", metavar="[DIR]", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--provider", help="The registered provider's name.")
@click.option("--location", help="The location (service) this register is for (default: the provider).")
@click.option("--rating", metavar="RATING",
              help=f"The service's current overall CQC rating: {', '.join(RATINGS)} (leave it out if not yet "
                   "rated). Written to govtool.yaml; shown at the top of every report and in the portfolio.")
@click.option("--auto-commit/--no-auto-commit", default=None,
              help="Write 'commit: true' in the settings: the new register and every later change are "
                   "committed to Git (asked at a terminal; default without one: --no-auto-commit).")
@click.option("--commit", is_flag=True,
              help="Commit the new register to Git. In an existing register never committed (one copied in), "
                   "commit it as received.")
@pass_session
def init(session: Session, folder: Path | None, provider: str | None, location: str | None,
         rating: str | None, auto_commit: bool | None, commit: bool) -> None:
    """Start a register: settings, folders, pre-commit hook, and a Git repository if needed.

    At a terminal, what is left out is asked, including the current CQC rating (blank if not
    yet rated) and whether govtool should commit each change to Git for you ('commit: true'
    in govtool.yaml).

    In a register that is there already (after 'git clone', or one copied in), init sets up
    only what this computer lacks, and says what it did: a Git repository if there is none,
    govtool's hook in .pre-commit-config.yaml (added to the file there, keeping its entries),
    and Git's pre-commit hook, which runs this govtool (Git does not clone hooks). Running it
    again changes nothing. With --commit (or 'commit: true'), a register never committed is
    committed as received, without the check: lint still lists its old problems, and from
    then on the check judges only what each commit changes.

    \b
    Examples:
      govtool init willowbrook --provider "Willowbrook Care Ltd" --location "Willowbrook House" \\
          --rating "Requires Improvement" --auto-commit
      govtool init            # asks for each setting
      govtool init --commit   # in a register you took over: set up the checks, commit it as received
    """
    target = session.start / folder if folder is not None else session.start
    existing = existing_register(target)
    if existing is not None:
        if provider is not None or location is not None or rating is not None or auto_commit is not None:
            raise GovtoolError(f"a register already exists here ({SETTINGS_FILE}): init does not change its "
                               f"settings (edit {SETTINGS_FILE}); run 'govtool init' without options to set up "
                               "its checks on this computer; nothing changed", existing / SETTINGS_FILE)
        _take_over(session, existing, commit)
        return
    check_target(target)  # a register there already, or around it: said before any question
    if rating is not None:
        rating = choice(rating, "--rating", RATINGS)  # a wrong value is said before any question
    provider = ask(provider, "--provider", "Provider (the registered provider's name)")
    if location is None and interactive():
        location = click.prompt("Location (the service)", default=provider)
    if rating is None and interactive():
        rating = _ask_rating()
    asked = auto_commit is None and interactive()
    if asked:
        click.echo(AUTO_COMMIT_EXPLAINED)
        auto_commit = click.confirm("Commit each change to Git automatically?", default=True)
    if (auto_commit or commit) and interactive() and not knows_git_identity(target):
        # Asked now, not after every question has been answered and nothing could be made.
        if not offer_identity(target) and asked:
            auto_commit = False
            click.echo("  Then each change is saved without being committed. Once Git knows your name "
                       f"({GIT_IDENTITY_COMMANDS}), write 'commit: true' in govtool.yaml.")
    made = init_register(target, provider=provider, location=location, auto_commit=bool(auto_commit),
                         commit=commit, rating=rating)
    shown = shown_folder(made.root, session.start)
    if made.created_repository:
        click.echo(f"Initialised a Git repository in {shown}")
    click.echo(f"Created a govtool register in {shown}:")
    for path in made.written:
        click.echo(f"  {path.as_posix()}")
    if made.checks is not None:
        for line in describe(made.checks, shown_folder(made.checks.top, session.start), new_register=True):
            click.echo(line)
    if made.commit:
        click.echo(f"Committed {made.commit[:7]}")
    click.echo("Next: add the people who own and sign off actions with 'govtool person add' (it asks for each "
               "detail), then record what prompted the actions with 'govtool new source'; a plan kept in a "
               "spreadsheet comes in with 'govtool import FILE'.")
    if not auto_commit:
        # A trial answered "no" and then built a whole plan that Git never kept: say it once here,
        # where the choice was made, with both ways to keep the trail.
        click.echo("Changes are saved but not committed to Git, so the register's history (the trail an inspector "
                   "can rely on) is kept only when you commit them: 'git add -A' then 'git commit -m \"...\"', "
                   "or write 'commit: true' in govtool.yaml to have govtool commit each change.")


def _ask_rating() -> str | None:
    """The current CQC rating, asked at a terminal; blank for a service not yet rated."""
    while True:
        answer = click.prompt(f"Current CQC rating ({', '.join(RATINGS)}; blank if not yet rated)",
                              default="", show_default=False).strip()
        if not answer:
            return None
        try:
            return choice(answer, "--rating", RATINGS)
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)


def _take_over(session: Session, root: Path, commit: bool) -> None:
    settings = load_settings(root)  # a broken govtool.yaml is said now, in one line
    done: TakenOver = take_over(root, provider=settings.provider, commit=wants_commit(root, settings, commit or None))
    shown = shown_folder(root, session.start)
    click.echo(f"A register already exists in {shown}: its settings and records are kept.")
    if done.created_repository:
        click.echo(f"Initialised a Git repository in {shown}")
    for line in describe(done.checks, shown_folder(done.checks.top, session.start)):
        click.echo(line)
    if done.commit and done.never_committed:
        click.echo(f"Committed the register as received ({done.committed_files} files, without the check): "
                   f"{done.commit[:7]}")
        click.echo("'govtool lint' lists the problems it came with; the check judges only what later commits change.")
    elif done.commit:
        click.echo(f"Committed {done.commit[:7]}")
    elif done.never_committed:
        click.echo("Nothing of this register is committed yet, and the check would judge every line of a first "
                   "commit: run 'govtool init --commit' to commit it as received, without the check.")


COMMANDS = [init]
