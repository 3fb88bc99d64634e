"""``govtool digest``: reminders per owner, as a report, as email files, or sent by SMTP."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from govtool.cli.filters import filter_person
from govtool.cli.output import emit, from_start, new_folder, say_written, warn_unreadable
from govtool.cli.progress import ProgressLine
from govtool.cli.session import AS_OF_PAST, Session
from govtool.register.dates import parse_user_date
from govtool.register.edit import write_atomic
from govtool.register.model import Settings
from govtool.report.render import render
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable
from govtool.views.reminders.digest import DEFAULT_WITHIN_DAYS, build_digest

if TYPE_CHECKING:
    from govtool.views.reminders.mail import Letter

FORMATS = ("text", "markdown", "html", "json")


@click.command("digest")
@click.option("--as-of", "as_of", metavar="DATE",
              help=f"Remind as of DATE (YYYY-MM-DD or DD/MM/YYYY; default today). {AS_OF_PAST}")
@click.option("--within", "within", metavar="DAYS", type=click.IntRange(0, 366), default=DEFAULT_WITHIN_DAYS,
              show_default=True, help="'Due soon' means due within DAYS of the as-of date.")
@click.option("--owner", metavar="WHO",
              help="Only this owner's reminders: a people-directory ID or name, or a role one person holds.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="How to print the digest (ignored with --eml and --send).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the digest to FILE (atomically); '-' or none: standard output.")
@click.option("--eml", "eml_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Write one email file per owner (OWNER-ID.eml, text and HTML) into DIR.")
@click.option("--send", is_flag=True, help="Send each owner's email through the SMTP server in govtool.yaml.")
@click.option("--resend", is_flag=True, help="With --send: send again what was already sent today.")
@click.option("--lead", metavar="WHO", help="With --eml or --send: also email the whole-register digest to WHO "
                                             "(a people-directory ID or name, or a role one person holds).")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), callback=from_start,
              help="A folder of templates that override the built-in ones (digest.txt.j2, digest.html.j2, ...).")
@click.pass_obj
def digest(session: Session, as_of: str | None, within: int, owner: str | None, fmt: str, output: Path | None,
           eml_dir: Path | None, send: bool, resend: bool, lead: str | None, templates: Path | None) -> None:
    """Reminders: per owner, what is overdue, due soon, which milestones fall due, and which
    actions have gone quiet (open or in progress with no progress note for longer than the
    stale-action rule's 'days', default 60: the actions that rule warns about; a re-date or an
    edit is not progress), and which of their risks are due a review (on lint's risk-not-reviewed and
    reassessment-due settings); then the whole register, for the quality lead: response
    deadlines, and completed actions awaiting sign-off (govtool close).

    \b
    Examples:
      govtool digest --within 7
      govtool digest --owner jane.smith --format html -o jane.html
      govtool digest --eml outbox/            # one .eml per owner, to their email in govtool.yaml
      govtool digest --send --lead amy.jones  # through smtp: in govtool.yaml; password in GOVTOOL_SMTP_PASSWORD

    Exit status: 0 done; 1 some owner with reminders could not be emailed (no address, or the
    server refused it: the others were still sent), or a record file could not be read (left
    out of the digest, and named on standard error with its line); 2 nothing could be done.
    """
    day = parse_user_date(as_of, "--as-of") if as_of else session.today
    register = session.load_as_of(day)
    view = build_digest(register, day, within, filter_person(register, owner))
    if eml_dir is None and not send:
        if lead is not None or resend:
            raise GovtoolError("--lead and --resend go with --eml or --send")
        written = emit(render("digest", fmt, view, templates), output, session.start, "the digest")
        if written is not None:
            say_written(written)
        click.get_current_context().exit(warn_unreadable(register))

    from govtool.views.reminders.mail import letters

    if lead is not None and register.people:  # 'Quality Lead' is the one person who holds the post
        lead = filter_person(register, lead, "--lead")
    made, undeliverable = letters(register, view, lead, templates)
    for missing in undeliverable:
        click.echo(f"not emailed: {printable(str(missing))}", err=True)
    failed = bool(undeliverable)
    if eml_dir is not None:
        eml_dir = new_folder(eml_dir, session.start, "--eml")
        for letter in made:
            target = eml_dir / letter.file_name
            write_atomic(target, letter.as_file_text())
            click.echo(f"wrote {target} (to {printable(letter.address)})")
    if send:
        failed = _send(session, register.settings, made, resend) or failed
    if not made and not undeliverable:
        click.echo("nobody has reminders due", err=True)
    if warn_unreadable(register) or failed:
        raise click.exceptions.Exit(1)


def _send(session: Session, settings: Settings, made: list[Letter], resend: bool) -> bool:
    """Send ``made``; True when some letter was refused."""
    from govtool.views.reminders.send import deliver, sent_log_held, smtp_settings

    smtp = smtp_settings(settings)
    progress = ProgressLine("sending", "emails")
    try:
        with sent_log_held(session.root) as log:
            outcome = deliver(made, smtp, log, session.today, resend, progress)
    finally:
        progress.close()
    for letter in outcome.sent:
        click.echo(f"sent to {printable(letter.name)} <{printable(letter.address)}>")
    for letter in outcome.skipped:
        click.echo(f"already sent today to {printable(letter.address)} (--resend sends it again)")
    for letter, reason in outcome.refused:
        click.echo(f"refused: {printable(letter.name)} <{printable(letter.address)}>: {printable(reason)}", err=True)
    return bool(outcome.refused)


COMMANDS = [digest]
