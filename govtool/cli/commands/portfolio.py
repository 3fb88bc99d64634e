"""``govtool portfolio``: every register under some folders, one row each, neediest first."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.ask import ask
from govtool.cli.output import emit, format_of_suffix, from_start, is_stdout, say_written
from govtool.cli.progress import ProgressLine
from govtool.cli.session import AS_OF_PAST, Session
from govtool.register.dates import parse_user_date
from govtool.report.render import FORMATS, render
from govtool.support.closest import folder_guess
from govtool.support.errors import GovtoolError

_FORMAT_OF_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


@click.command("portfolio")
@click.argument("folders", nargs=-1, metavar="DIR...",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--as-of", "as_of", metavar="DATE",
              help=f"Compute for DATE (YYYY-MM-DD or DD/MM/YYYY; default today). {AS_OF_PAST}")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the -o file's suffix: .md, .html or .json; another is refused).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write to FILE (atomically); '-' or none: standard output.")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), callback=from_start,
              help="A folder of templates that override the built-in ones (portfolio.html.j2, style.css, ...).")
@click.pass_obj
def portfolio(session: Session, folders: tuple[Path, ...], as_of: str | None, fmt: str | None,
              output: Path | None, templates: Path | None) -> None:
    """Every register (a folder with govtool.yaml) under the DIRs, one row each: provider,
    location, rating, open, overdue, closed in the last 91 days against the 91 before, median
    days to close, re-dated, lint errors and the last change; the register needing attention
    first, and the totals. A register that cannot be read is a row that says why, and the
    exit status is 1 (0 when every register was read, 2 when nothing could be done).

    Each register's figures are its own 'govtool report momentum' for the date. A register
    unchanged since the last run (same files, same Git tip) is read from a summary kept in
    its .git folder, so a second run over many clients takes a moment.

    \b
    Examples:
      govtool portfolio ~/clients
      govtool portfolio north/ south/ --as-of 2026-12-31 -o portfolio.html
      govtool portfolio ~/clients --format json
    """
    from govtool.views.portfolio.view import build_portfolio

    if not folders:  # asked for on a terminal, else one line saying what is missing
        folders = (Path(ask(None, "DIR", "Folder holding the registers")),)
    day = parse_user_date(as_of, "--as-of") if as_of else session.today
    resolved = [folder if folder.is_absolute() else session.start / folder for folder in folders]
    for folder, typed in zip(resolved, folders, strict=True):
        if not folder.is_dir():
            why = "is a file, not a folder" if folder.exists() else f"no such folder{folder_guess(typed, folder)}"
            raise GovtoolError(f"{typed}: {why}")
    progress = ProgressLine("portfolio", "registers")
    try:
        view, cached = build_portfolio(resolved, [str(f) for f in folders], day, progress, session.today)
    finally:
        progress.close()
    if not view.registers:
        raise GovtoolError(f"no register (a folder with govtool.yaml) under {', '.join(map(str, folders))}")
    chosen = fmt or ("markdown" if is_stdout(output) else format_of_suffix(Path(str(output)), _FORMAT_OF_SUFFIX))
    written = emit(render("portfolio", chosen, view, templates), output, session.start, "the portfolio")
    if written is not None:
        say_written(written)
    click.echo(f"{len(view.registers)} registers, {cached} unchanged since the last run", err=True)
    if view.totals.unreadable:  # the roll-up is written, but a cron job must hear of it
        click.echo(f"govtool: {view.totals.unreadable} of {len(view.registers)} registers could not be read "
                   "(their rows say why)", err=True)
        click.get_current_context().exit(1)


COMMANDS = [portfolio]
