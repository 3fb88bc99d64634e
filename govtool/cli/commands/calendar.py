"""``govtool calendar``: the register's dates as an iCalendar feed (RFC 5545)."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.output import emit
from govtool.cli.session import Session


@click.command("calendar")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), metavar="FILE.ics",
              help="Write the feed to FILE.ics (atomically); '-' or none: standard output.")
@click.option("--owner", metavar="WHO", help="Only this person's actions and risks (people-directory ID or name).")
@click.pass_obj
def calendar(session: Session, output: Path | None, owner: str | None) -> None:
    """An iCalendar feed of due dates, next milestones, risk reviews due and source response
    deadlines, one all-day event each, for Outlook, Google Calendar or any calendar app.

    Every event keeps its UID from one run to the next (register, record and kind of date),
    so importing a new feed over an old one moves the events that changed instead of
    adding copies.

    \b
    Examples:
      govtool calendar -o plan.ics
      govtool calendar --owner jane.smith -o jane.ics
    """
    from govtool.views.calendar import build_calendar

    feed = build_calendar(session.load(), owner).to_ical().decode("utf-8")
    if emit(feed, output, session.start, "the calendar") is not None:
        click.echo(f"wrote {output}", err=True)


COMMANDS = [calendar]
