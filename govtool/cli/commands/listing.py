"""``govtool list [actions|sources|risks]``: a filterable table of actions, or the sources or risks."""

from __future__ import annotations

import shutil

import click

from govtool.cli.filters import filter_person
from govtool.cli.output import warn_unreadable
from govtool.cli.session import AS_OF_PAST, Session
from govtool.register.dates import parse_user_date
from govtool.register.model import Register
from govtool.register.vocabulary import STATUSES
from govtool.support.errors import GovtoolError
from govtool.views.export import Column, Table, export_table, to_csv, to_json
from govtool.views.listing import (
    KINDS,
    Filters,
    action_table,
    risk_rows,
    risk_table,
    select_actions,
    source_rows,
    source_table,
)

pass_session = click.make_pass_decorator(Session)


@click.command("list")
@click.argument("what", type=click.Choice(KINDS), default="actions", metavar="[actions|sources|risks]")
@click.option("--status", "statuses", multiple=True, metavar="S", help=f"Only these statuses (repeatable): {', '.join(STATUSES)}.")
@click.option("--owner", metavar="WHO",
              help="Only this owner: a people-directory ID or name, or a role one person holds.")
@click.option("--source-type", metavar="T", help="Only actions answering this type of source.")
@click.option("--source", metavar="ID", help="Only actions answering this source.")
@click.option("--overdue", is_flag=True, help="Only open or in-progress actions past their due date.")
@click.option("--due-before", metavar="DATE", help="Only actions due before this date.")
@click.option("--as-of", metavar="DATE", help=f"The date 'overdue' is judged on (default today). {AS_OF_PAST}")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="csv and json give every exported field.")
@pass_session
def list_actions(session: Session, what: str, statuses: tuple[str, ...], owner: str | None, source_type: str | None,
                 source: str | None, overdue: bool, due_before: str | None, as_of: str | None,
                 output_format: str) -> None:
    """List actions, soonest due first; or the sources, or the risks.

    Sources show how many findings no action answers yet (--source-type filters them);
    risks show their current score and band, highest first (--owner filters them).

    \b
    Examples:
      govtool list --status in_progress --owner jane.smith
      govtool list sources --source-type inspection_report
      govtool list risks --format csv
    """
    if what != "actions":
        register = session.load()
        only_actions = {"--status": statuses, "--source": source, "--overdue": overdue,
                        "--due-before": due_before, "--as-of": as_of,
                        "--owner": owner if what == "sources" else None,
                        "--source-type": source_type if what == "risks" else None}
        given = [option for option, value in only_actions.items() if value]
        if given:
            raise GovtoolError(f"{given[0]} does not apply to 'govtool list {what}'")
        _list_records(register, what, filter_person(register, owner), source_type, output_format)
        click.get_current_context().exit(warn_unreadable(register))
    day = parse_user_date(as_of, "--as-of") if as_of else session.today
    register = session.load_as_of(day)
    filters = Filters(statuses, filter_person(register, owner), source_type, source, overdue,
                      parse_user_date(due_before, "--due-before") if due_before else None)
    actions = select_actions(register, filters, day)
    if output_format == "csv":
        click.echo(to_csv(export_table(register, day, actions)), nl=False)
    elif output_format == "json":
        click.echo(to_json(export_table(register, day, actions)), nl=False)
    elif not actions:
        click.echo("No actions match.", err=True)
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        click.echo("\n".join(action_table(register, actions, day, width)))
    click.get_current_context().exit(warn_unreadable(register))


def _list_records(register: Register, what: str, owner: str | None, source_type: str | None, output_format: str) -> None:
    """``govtool list sources`` or ``govtool list risks``, as a table, CSV or JSON."""
    rows = source_rows(register, source_type) if what == "sources" else risk_rows(register, owner)
    if output_format in ("csv", "json"):  # the export's writers: formulas defused, text cleaned
        keys = list(rows[0]) if rows else []
        table = Table(tuple(Column(key, key, _not_an_action) for key in keys),
                      [[row[key] for key in keys] for row in rows])  # type: ignore[misc]
        click.echo((to_csv if output_format == "csv" else to_json)(table), nl=False)
    elif not rows:
        click.echo(f"No {what} match.", err=True)
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        click.echo("\n".join((source_table if what == "sources" else risk_table)(rows, width)))


def _not_an_action(*_: object) -> None:
    """The rows are built already; a Column's per-action value is never asked for."""


COMMANDS = [list_actions]
