"""``govtool calendar``: the register's dates as an iCalendar feed (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from govtool.cli.filters import filter_person
from govtool.cli.output import emit, say_written, warn_unreadable
from govtool.cli.session import AS_OF_PAST, Session
from govtool.register.dates import parse_user_date


@click.command("calendar")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), metavar="FILE.ics",
              help="Write the feed to FILE.ics (atomically); '-' or none: standard output.")
@click.option("--owner", metavar="WHO",
              help="Only this person's actions and risks: a people-directory ID or name, or a role one person holds.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Make the feed as if today were DATE (YYYY-MM-DD or DD/MM/YYYY): what is overdue on that "
                   f"day, and that day as the feed's time stamp (the same day, the same file). {AS_OF_PAST}")
@click.pass_obj
def calendar(session: Session, output: Path | None, owner: str | None, as_of: str | None) -> None:
    """An iCalendar feed of due dates, next milestones, risk reviews due and source response
    deadlines, one all-day event each, for Outlook, Google Calendar or any calendar app.

    Every event keeps its UID from one run to the next (register, record and kind of date),
    so importing a new feed over an old one moves the events that changed instead of
    adding copies.

    \b
    Examples:
      govtool calendar -o plan.ics
      govtool calendar --owner jane.smith -o jane.ics
      govtool calendar --as-of 2026-11-26 -o plan.ics

    Exit status: 0 written; 1 written, but a record file could not be read (it is left out, and
    named on standard error with its line); 2 nothing written.
    """
    from govtool.views.calendar import build_calendar

    day = parse_user_date(as_of, "--as-of") if as_of else session.today
    # As of a given day, the feed is stamped with that day's start: the same day, the same file.
    stamp = dt.datetime.combine(day, dt.time(), dt.UTC) if as_of else None
    register = session.load_as_of(day)
    feed = build_calendar(register, filter_person(register, owner), stamp=stamp, as_of=day).to_ical().decode("utf-8")
    written = emit(feed, output, session.start, "the calendar")
    if written is not None:
        say_written(written)
    # A record file that cannot be read is left out of the feed: say which, and exit 1, as list,
    # export, report and digest do, so a scheduled job does not publish a short calendar unawares.
    click.get_current_context().exit(warn_unreadable(register))


COMMANDS = [calendar]
