"""``govtool show ID``: one record, its links both ways, its trail and its Git timeline."""

from __future__ import annotations

import click

from govtool.cli.completion import record_ids
from govtool.cli.session import Session
from govtool.cli.which import Pick, which
from govtool.register.around import load_around
from govtool.register.find import Misnamed
from govtool.register.vocabulary import PENDING_STATUSES
from govtool.support.terminal import printable
from govtool.views.show import show_record

pass_session = click.make_pass_decorator(Session)

#: show without an ID: every kind of record (the actions not yet closed or cancelled listed).
_PICK = Pick("show", "show", taken=("action", "source", "risk"), states=PENDING_STATUSES, reads=True)


@click.command()
@click.argument("record_id", metavar="ID", required=False, shell_complete=record_ids())
@pass_session
def show(session: Session, record_id: str | None) -> None:
    """Show an action, source or risk with everything linked to it."""
    record_id = which(session, record_id, _PICK)
    # Only the records linked to it either way are parsed, not the whole register.
    try:
        register = load_around(session.root, record_id, linking=True)
    except Misnamed as misnamed:  # shown from the file it is in, with how to name that file again
        click.echo(printable(f"govtool: notice: {misnamed.notice}"), err=True)
        register = load_around(session.root, record_id, linking=True, misnamed=misnamed)
    click.echo(printable(show_record(register, record_id, session.today)), nl=False)


COMMANDS = [show]
