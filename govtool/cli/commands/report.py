"""``govtool report``: the action plan, momentum, one source, the risk register, or all of them.

Each subcommand builds its view model (govtool.report.*) for the as-of date and renders it
(govtool.report.render) as Markdown, HTML or JSON, to standard output or a file written
atomically. Relative ``-o`` and ``--templates`` paths are taken from the folder the command was
started in: ``-C DIR`` when given (as if started there), else the current folder.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from govtool.cli.completion import record_ids
from govtool.cli.filters import filter_person
from govtool.cli.options import WordsChoice
from govtool.cli.output import (
    emit,
    format_of_suffix,
    from_start,
    is_stdout,
    new_folder,
    output_target,
    say_written,
    warn_unreadable,
)
from govtool.cli.session import AS_OF_PAST, Session
from govtool.register.dates import parse_user_date
from govtool.register.edit import write_atomic
from govtool.register.model import Register
from govtool.register.vocabulary import SOURCE_TYPE_LABELS, STATUS_LABELS
from govtool.report.action_plan import PlanFilters, build_action_plan
from govtool.report.docx_momentum import render_momentum_docx
from govtool.report.docx_plan import render_docx
from govtool.report.momentum import build_momentum
from govtool.report.render import EXTENSIONS, FORMATS, render
from govtool.report.risks import build_risk_register
from govtool.report.source_report import build_source_report, source_named
from govtool.support.errors import GovtoolError

_FORMAT_OF_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json",
                     ".docx": "docx"}
#: The action plan and the momentum report are also Word documents; the others are not (yet).
WORD_FORMATS = (*FORMATS, "docx")
#: report name -> what writes its Word document (``report all``)
WORD_DOCUMENTS: dict[str, Callable[[Any], bytes]] = {"action-plan": render_docx, "momentum": render_momentum_docx}


def _output_options_for(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format (one of ``formats``), -o, --as-of and --templates: the same on every report."""
    return functools.partial(_add_output_options, formats=formats)


def _add_output_options(func: Callable[..., Any], formats: tuple[str, ...]) -> Callable[..., Any]:
    options = [
        click.option("--format", "fmt", type=click.Choice(formats),
                     help="Output format (default: from the -o file's extension, else markdown)."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                     help="Write to FILE (atomically); '-' or none: standard output."),
        click.option("--as-of", "as_of", metavar="DATE",
                     help=f"Compute the report for DATE (YYYY-MM-DD or DD/MM/YYYY; default today). {AS_OF_PAST}"),
        click.option("--templates", type=click.Path(file_okay=False, path_type=Path), callback=from_start,
                     help="A folder of templates that override the built-in ones (same file names)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_output_options = _output_options_for(FORMATS)

def _as_of(session: Session, text: str | None) -> dt.date:
    # Reports look back (twelve months, two quarters, 26 weeks) and ahead from the as-of date:
    # the range every typed date is held to (USER_DATE_RANGE) leaves room for both.
    return parse_user_date(text, "--as-of") if text else session.today


def _format(fmt: str | None, output: Path | None, formats: tuple[str, ...] = FORMATS) -> str:
    if fmt:
        return fmt
    if not is_stdout(output):
        assert output is not None
        return format_of_suffix(output, _FORMAT_OF_SUFFIX, formats)
    return "markdown"


def _emit_docx(document: Callable[[], bytes], output: Path | None, templates: Path | None, start: Path) -> None:
    """A report as a Word document (``document`` makes its bytes): always to a file (it is not
    text a terminal can show)."""
    if is_stdout(output):
        raise GovtoolError("a Word document needs -o FILE.docx: it cannot go to standard output")
    if templates is not None:
        raise GovtoolError("--templates changes the Markdown and HTML reports; the Word document has a fixed layout")
    assert output is not None
    target = output_target(output, start)
    try:
        write_atomic(target, document())
    except OSError as exc:
        raise GovtoolError(f"cannot write the report: {exc.strerror}", output) from None
    say_written(target)


def _emit(text: str, output: Path | None, start: Path) -> None:
    written = emit(text, output, start, "the report")
    if written is not None:
        say_written(written)


@click.group("report")
def report() -> None:
    """Reports an inspector, a board or a script reads, from the register's files.

    Every report renders whatever is valid in the register, lint problems or not, and is
    reproducible: --as-of fixes the date it is computed for.

    Exit status: 0 written; 1 written, but a record file could not be read (it is left out,
    named on standard error with its line and in the report's banner); 2 nothing written.
    """


@report.command("action-plan")
@click.option("--source-type", "source_types", multiple=True, type=WordsChoice(list(SOURCE_TYPE_LABELS)),
              help="Only sources of this type (repeatable). inspection_report gives the response to send to CQC.")
@click.option("--source", "sources", multiple=True, metavar="ID", help="Only this source (repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(list(STATUS_LABELS)),
              help="Only actions with this status (repeatable).")
@click.option("--owner", "owners", multiple=True, metavar="WHO",
              help="Only actions owned by WHO: a people-directory ID or name, or a role one person holds (repeatable).")
@click.option("--by-framework", "by_framework", is_flag=True,
              help="Group the findings by the register's framework (its codes and titles) instead of by source.")
@_output_options_for(WORD_FORMATS)
@click.pass_obj
def action_plan(session: Session, source_types: tuple[str, ...], sources: tuple[str, ...],
                statuses: tuple[str, ...], owners: tuple[str, ...], by_framework: bool, fmt: str | None,
                output: Path | None, as_of: str | None, templates: Path | None) -> None:
    """The action plan: each source's findings with the actions that answer them.

    \b
    Examples:
      govtool report action-plan -o plan.html
      govtool report action-plan --source-type inspection_report -o response-to-cqc.docx
      govtool report action-plan --by-framework -o plan-by-statement.html
    """
    day = _as_of(session, as_of)
    register = session.load_as_of(day)
    chosen_sources = tuple(source_named(register, source_id).id for source_id in sources)
    chosen_owners = tuple(filter_person(register, owner) for owner in owners)
    filters = PlanFilters(tuple(source_types), chosen_sources, tuple(statuses), chosen_owners, by_framework)
    view = build_action_plan(register, day, filters)
    chosen = _format(fmt, output, WORD_FORMATS)
    if chosen == "docx":
        _emit_docx(lambda: render_docx(view), output, templates, session.start)
    else:
        _emit(render("action-plan", chosen, view, templates), output, session.start)
    _exit_naming_unreadable(register)


@report.command("momentum")
@_output_options_for(WORD_FORMATS)
@click.pass_obj
def momentum(session: Session, fmt: str | None, output: Path | None, as_of: str | None,
             templates: Path | None) -> None:
    """Backlog over time, closures per month and quarter, time to close, slips, load per owner.

    \b
    Examples:
      govtool report momentum -o momentum.html
      govtool report momentum -o momentum.docx      # Word: the charts as tables
    """
    day = _as_of(session, as_of)
    register = session.load_as_of(day)
    view = build_momentum(register, day)
    chosen = _format(fmt, output, WORD_FORMATS)
    if chosen == "docx":
        _emit_docx(lambda: render_momentum_docx(view), output, templates, session.start)
    else:
        _emit(render("momentum", chosen, view, templates), output, session.start)
    _exit_naming_unreadable(register)


@report.command("source")
@click.argument("source_id", metavar="ID", shell_complete=record_ids("source"))
@_output_options
@click.pass_obj
def source(session: Session, source_id: str, fmt: str | None, output: Path | None, as_of: str | None,
           templates: Path | None) -> None:
    """One source with all its findings and actions, and whether its loop is closed."""
    day = _as_of(session, as_of)
    register = session.load_as_of(day)
    view = build_source_report(register, source_id, day)
    _emit(render("source", _format(fmt, output), view, templates), output, session.start)
    _exit_naming_unreadable(register)


@report.command("risks")
@_output_options
@click.pass_obj
def risks(session: Session, fmt: str | None, output: Path | None, as_of: str | None,
          templates: Path | None) -> None:
    """The risk register: heat maps, scores, controls and the actions strengthening them."""
    day = _as_of(session, as_of)
    register = session.load_as_of(day)
    view = build_risk_register(register, day)
    _emit(render("risks", _format(fmt, output), view, templates), output, session.start)
    _exit_naming_unreadable(register)


@report.command("all")
@click.option("-o", "--output", "folder", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the reports into (created if missing; relative to -C DIR when given).")
@click.option("--as-of", "as_of", metavar="DATE", help=f"Compute the reports for DATE (default today). {AS_OF_PAST}")
@click.option("--templates", type=click.Path(file_okay=False, path_type=Path), callback=from_start,
              help="A folder of templates that override the built-in ones.")
@click.pass_obj
def all_reports(session: Session, folder: Path, as_of: str | None, templates: Path | None) -> None:
    """Every report in every format into a folder; prints the files written.

    The action plan, the momentum report, the risk register, and one report per CQC
    inspection report source (source-<ID>.*; a cancelled one is left out, as the plan leaves
    it out), each as .md, .html and .json, and the action plan as a Word document
    (action-plan.docx). A relative -o folder is taken from -C DIR
    when given, as every -o is.
    The momentum report is a Word document too (momentum.docx).

    \b
    Examples:
      govtool report all -o reports/
      govtool -C clients/acme report all -o reports/   # writes clients/acme/reports/
    """
    if is_stdout(folder):
        raise GovtoolError("report all writes several files: give a folder to -o, not '-'")
    day = _as_of(session, as_of)
    register = session.load_as_of(day)
    # Created if missing, as the help says; a relative folder is taken from -C DIR, as every -o is.
    base = new_folder(folder, session.start, "-o").resolve()
    views: list[tuple[str, str, Any]] = [
        ("action-plan", "action-plan", build_action_plan(register, day, PlanFilters())),
        ("momentum", "momentum", build_momentum(register, day)),
        ("risks", "risks", build_risk_register(register, day)),
    ]
    for src in sorted(register.sources.values(), key=lambda s: s.id):
        if src.type == "inspection_report" and not src.is_cancelled:  # recorded by mistake: as the plan, left out
            views.append(("source", f"source-{src.id}", build_source_report(register, src.id, day)))
    for report_name, stem, view in views:
        for fmt in FORMATS:
            target = folder / f"{stem}.{EXTENSIONS[fmt]}"
            try:
                write_atomic(base / target.name, render(report_name, fmt, view, templates))
            except OSError as exc:
                raise GovtoolError(f"cannot write the report: {exc.strerror}", target) from None
            click.echo(str(target))
        word = WORD_DOCUMENTS.get(report_name)
        if word is not None:
            target = folder / f"{stem}.docx"
            try:
                write_atomic(base / target.name, word(view))
            except OSError as exc:
                raise GovtoolError(f"cannot write the report: {exc.strerror}", target) from None
            click.echo(str(target))
    _exit_naming_unreadable(register)


def _exit_naming_unreadable(register: Register) -> None:
    """After the report is written: name each record file it had to leave out (standard error)
    and exit 1, as list and export do. The report itself says so in its banner, but a script or
    a scheduled run reads only the exit status, and must not send an incomplete plan unawares."""
    click.get_current_context().exit(warn_unreadable(register))


COMMANDS = [report]
