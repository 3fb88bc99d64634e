"""``govtool list``: a filterable table of actions."""

from __future__ import annotations

import shutil

import click

from govtool.cli.session import Session
from govtool.create import STATUSES
from govtool.export import export_table, to_csv, to_json
from govtool.listing import Filters, action_table, select_actions
from govtool.register.dates import parse_user_date

pass_session = click.make_pass_decorator(Session)


@click.command("list")
@click.option("--status", "statuses", multiple=True, metavar="S", help=f"Only these statuses (repeatable): {', '.join(STATUSES)}.")
@click.option("--owner", metavar="WHO", help="Only this owner (people-directory ID or name).")
@click.option("--source-type", metavar="T", help="Only actions answering this type of source.")
@click.option("--source", metavar="ID", help="Only actions answering this source.")
@click.option("--overdue", is_flag=True, help="Only open or in-progress actions past their due date.")
@click.option("--due-before", metavar="DATE", help="Only actions due before this date.")
@click.option("--as-of", metavar="DATE", help="The date 'overdue' is judged on (default today).")
@click.option("--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="csv and json give every exported field.")
@pass_session
def list_actions(session: Session, statuses: tuple[str, ...], owner: str | None, source_type: str | None,
                 source: str | None, overdue: bool, due_before: str | None, as_of: str | None,
                 output_format: str) -> None:
    """List actions, soonest due first."""
    register = session.load()
    day = parse_user_date(as_of, "--as-of") if as_of else session.today
    filters = Filters(statuses, owner, source_type, source, overdue,
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


COMMANDS = [list_actions]
