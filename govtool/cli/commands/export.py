"""``govtool export``: every action as CSV, JSON or a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.session import Session
from govtool.errors import GovtoolError
from govtool.export import export_table, to_csv, to_json, write_xlsx
from govtool.register.dates import parse_user_date
from govtool.register.edit import write_atomic

pass_session = click.make_pass_decorator(Session)


@click.command()
@click.option("--format", "output_format", type=click.Choice(["csv", "json", "xlsx"]), default="csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (required for xlsx; csv and json go to standard output without it).")
@click.option("--as-of", metavar="DATE", help="The date RAG status is judged on (default today).")
@pass_session
def export(session: Session, output_format: str, output: Path | None, as_of: str | None) -> None:
    """Export every action, with its source, finding, owner and trail, for spreadsheets."""
    register = session.load()
    table = export_table(register, parse_user_date(as_of, "--as-of") if as_of else session.today)
    if output_format == "xlsx" and output is None:
        raise GovtoolError("xlsx needs -o FILE: a spreadsheet cannot go to the terminal")
    if output is None:
        click.echo(to_csv(table) if output_format == "csv" else to_json(table), nl=False)
        return
    target = output if output.is_absolute() else session.start / output
    if output_format == "xlsx":
        write_xlsx(table, target)
    else:
        write_atomic(target, to_csv(table) if output_format == "csv" else to_json(table))
    count = len(table.rows)
    click.echo(f"Exported {count} action{'' if count == 1 else 's'} to {output}", err=True)


COMMANDS = [export]
