"""``govtool export``: every action as CSV, JSON or a spreadsheet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from govtool.cli.output import emit, emit_bytes, format_of_suffix, is_stdout, output_target, warn_unreadable
from govtool.cli.session import AS_OF_PAST, Session
from govtool.register.dates import parse_user_date
from govtool.support.errors import GovtoolError
from govtool.views.export import export_table, to_csv, to_json, write_xlsx

pass_session = click.make_pass_decorator(Session)


@click.command()
@click.option("--format", "output_format", type=click.Choice(["csv", "json", "xlsx"]), default=None,
              help="Default: from the -o file's suffix (.csv, .json, .xlsx; another is refused), else csv.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write to FILE (required for xlsx unless piped); '-' or none: standard output.")
@click.option("--as-of", metavar="DATE", help=f"The date RAG status is judged on (default today). {AS_OF_PAST}")
@pass_session
def export(session: Session, output_format: str | None, output: Path | None, as_of: str | None) -> None:
    """Export every action, with its source, finding, owner and trail, for spreadsheets.

    A CSV file starts with a UTF-8 byte-order mark, so that Excel on Windows reads '£' and
    accents right; standard output does not (scripts read it). Records that cannot be read
    are named on standard error, and the exit status is then 1.

    \b
    Example:
      govtool export -o plan.xlsx
      govtool export --format csv -o - | head
    """
    fmt = output_format or ("csv" if is_stdout(output) else format_of_suffix(Path(str(output)), _FORMAT_OF_SUFFIX))
    day = parse_user_date(as_of, "--as-of") if as_of else session.today
    register = session.load_as_of(day)
    table = export_table(register, day)
    if fmt == "xlsx":
        if is_stdout(output) and sys.stdout.isatty():
            raise GovtoolError("xlsx needs -o FILE: a spreadsheet cannot go to the terminal")
        if is_stdout(output):
            stream = io.BytesIO()
            write_xlsx(table, stream)
            emit_bytes(stream.getvalue())
        else:
            assert output is not None
            write_xlsx(table, output_target(output, session.start))
    else:
        text = to_csv(table) if fmt == "csv" else to_json(table)
        if fmt == "csv" and not is_stdout(output):
            text = BOM + text
        emit(text, output, session.start, "the export")
    if not is_stdout(output):
        count = len(table.rows)
        click.echo(f"Exported {count} action{'' if count == 1 else 's'} to {output}", err=True)
    click.get_current_context().exit(warn_unreadable(register))


_FORMAT_OF_SUFFIX = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
#: The byte-order mark Excel needs to read a CSV file as UTF-8.
BOM = "\ufeff"


COMMANDS = [export]
