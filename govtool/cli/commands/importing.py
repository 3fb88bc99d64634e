"""``govtool import FILE``: an action plan from a spreadsheet, or an exported sheet brought back."""

from __future__ import annotations

from pathlib import Path

import click

from govtool.cli.ask import ask, ask_date, interactive
from govtool.cli.options import by_option, commit_option, git_author, person, settings_of, wants_commit
from govtool.cli.progress import ProgressLine
from govtool.cli.session import Session
from govtool.register import vocabulary
from govtool.register.dates import parse_user_date
from govtool.register.model import Register, Settings
from govtool.services import create
from govtool.services.edits import found_note
from govtool.services.importing.apply import Doing, apply, dry_run
from govtool.services.importing.columns import FIELDS, Layout, check_maps, find_layout, parse_maps
from govtool.services.importing.plan import Plan, Planner, SourceDefaults, is_exported, source_titled, source_type_of
from govtool.services.importing.run import Result
from govtool.services.importing.sheet import Sheet, column_letter, date_above_headings, read_file, title_above_headings
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable

pass_session = click.make_pass_decorator(Session)

_FIELD_LIST = ", ".join(FIELDS)


@click.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", "source_id", metavar="ID", help="The existing source every row answers.")
@click.option("--source-type", metavar="TYPE",
              help=f"For a new source (no --source): one of {', '.join(vocabulary.SOURCE_TYPES)}.")
@click.option("--source-title", metavar="TEXT", help="For a new source: its title (default: from the file name; asked at a terminal, "
                   "offering the sheet's own title).")
@click.option("--source-date", metavar="DATE",
              help="For a new source: the date of the report, audit, visit or event (it dates the plan's "
                   "progress notes, and a timescale with no year is read after it).")
@click.option("--map", "maps", multiple=True, metavar='"COLUMN=field"',
              help=f"Read a column (its heading or letter) as a field; repeatable. Fields: {_FIELD_LIST}.")
@click.option("--sheet", "sheet_name", metavar="NAME", help="The worksheet to read (default: the one with a plan).")
@click.option("--apply", "apply_changes", is_flag=True,
              help="Write the records (without it nothing is written: you see what would happen).")
@by_option
@commit_option
@pass_session
def import_plan(session: Session, file: Path | None, source_id: str | None, source_type: str | None,
                source_title: str | None, source_date: str | None, maps: tuple[str, ...], sheet_name: str | None,
                apply_changes: bool, by: str | None, commit: bool | None) -> None:
    """Import an action plan from a spreadsheet (.xlsx or .csv), or bring back an exported one.

    \b
    Try it first (nothing is written), then apply it:
      govtool import "CQC action plan.xlsx" --source-type inspection_report \\
          --source-date 14/10/2026 --map "Who's doing it=owner"
      govtool import "CQC action plan.xlsx" --source-type inspection_report \\
          --source-date 14/10/2026 --map "Who's doing it=owner" --apply

    Columns are found by their headings ("Action required", "Lead", "By when", "RAG",
    "Progress update", "Evidence", "Regulation", "Finding", ...); --map names the rest
    (a heading, or a column letter: --map "D=description").
    Without --source, the rows answer a new source, made from --source-type, --source-title
    and --source-date (or a "Source" column: one new source per title), with a finding for
    each different text in the "Finding" column. A blank finding cell continues the
    finding of the row above; a Regulation alone joins the source's finding under it.
    Nothing is made for a refused row alone (not even its finding).

    A sheet written by 'govtool export --format xlsx' comes back as lifecycle steps: a
    "New progress note" becomes an update, a changed "Due" a re-date when "Re-date reason"
    says why. A row that edits the trail, or cannot become a valid record, is refused with
    its row and column; rows lint would reject are imported and their problems shown:
    the plan comes in as received, and 'govtool lint' lists its problems afterwards.

    With commit: true (or --commit), --apply commits each change on its own, with its own
    message, as the command for it would, without the pre-commit check (as 'init --commit'
    takes over a register as received): from then on the check judges what each commit
    changes. If Git refuses, every file is put back and nothing is committed.

    Exit status: 0 every row imported, 1 some rows refused, 2 nothing could be done.
    """
    root = session.root
    settings = settings_of(session)
    file = ask(file, "FILE", "Spreadsheet to import (.xlsx or .csv)", lambda text: Path(text.strip().strip("'\"")))
    path = file if file.is_absolute() else session.start / file
    parsed_maps = parse_maps(maps)
    sheet, layout = _read(path, sheet_name, parsed_maps)
    check_maps(layout, parsed_maps)
    register = session.load()
    defaults = SourceDefaults(
        source_id=source_id, type=vocabulary.choice(source_type, "--source-type", vocabulary.SOURCE_TYPES) if source_type else None,
        title=source_title, date=parse_user_date(source_date, "--source-date") if source_date else None,
    )
    if source_id and source_id not in register.sources:
        create.check_links(register, create.Links(source=source_id))  # says which sources exist
    _ask_new_source(path, sheet, layout, defaults, register)
    plan = Planner(register, sheet, layout, defaults, session.today).plan()
    _complete_new_sources(plan)
    who, no_author = _author(session, settings, by)
    committing = wants_commit(session.root, settings, commit)
    owners_as_typed = _warn_owners_kept_as_typed(plan, applying=apply_changes)  # first: what to do before anything
    _describe_sheet(plan)
    doing = Doing(root, who, no_author, session.today, session.start)
    progress = ProgressLine("importing", "rows")
    preview = dry_run(plan, doing, progress)
    progress.close()
    if not apply_changes:
        _report(plan, preview, applied=False)
        return _finish(plan, preview, applied=False, people_first=owners_as_typed)
    progress, commits = ProgressLine("writing", "rows"), ProgressLine("committing", "changes")

    def committed(done: int, total: int) -> None:
        progress.close()  # the rows are written: the line says how far the commits are
        commits(done, total)

    try:
        result = apply(plan, doing, preview, commit=committing, progress=progress, committing=committed)
    finally:
        progress.close()
        commits.close()
    _report(plan, result, applied=True)
    for change in result.changes:
        if change.found_commit:
            click.echo(found_note(change.found, change.found_commit))
    _finish(plan, result, applied=True)


def _author(session: Session, settings: Settings, by: str | None) -> tuple[str | None, str]:
    """Who the progress notes, re-dates, completions and cancellations the import writes are by.

    In a script with ``--by`` left out and Git naming no one the people directory knows, there
    is no one to record: (None, why). The import goes on, and only the rows that would write one
    of those trail entries are refused, in the dry run as with ``--apply`` (a new action records
    no author). Everywhere else, as the lifecycle commands do: asked at a terminal, refused when
    ``--by`` names no one.
    """
    if by is None and not interactive():
        found, problem = git_author(session, settings)
        if found is None:
            return None, (str(problem) if problem is not None
                          else "--by was left out and Git has no name for you: give --by WHO")
        return found, ""
    return person(session, settings, by, "--by", "Who is importing (recorded on progress notes)"), ""


def _read(path: Path, sheet_name: str | None, maps: list[tuple[str, str]]) -> tuple[Sheet, Layout]:
    def choose(sheets: list[Sheet]) -> Sheet:
        if sheet_name is not None:
            for sheet in sheets:
                if sheet.name and sheet.name.casefold() == sheet_name.casefold():
                    return sheet
            names = ", ".join(repr(s.name) for s in sheets)
            raise GovtoolError(f"{path.name} has no sheet {sheet_name!r}: its sheets are {names}")
        if len(sheets) == 1:
            return sheets[0]
        with_plan = [s for s in sheets if find_layout(s, maps) is not None]
        if len(with_plan) == 1:
            chosen = with_plan[0]
            others = ", ".join(repr(s.name) for s in sheets if s is not chosen)
            chosen.notes.append(f"the other sheets ({others}) have no plan headings: not read")
            return chosen
        names = ", ".join(repr(s.name) for s in (with_plan or sheets))
        what = "several sheets hold a plan" if with_plan else "no sheet has headings govtool knows"
        raise GovtoolError(f"{path.name}: {what} ({names}): choose one with --sheet NAME"
                           + ("" if with_plan else " and name its columns with --map"))

    sheet = read_file(path, choose)
    layout = find_layout(sheet, maps)
    if layout is None:
        raise GovtoolError(
            f"{sheet.label}: no heading row found in its first rows: govtool looks for headings such as "
            "'Action', 'Lead', 'By when' (an action column and at least one more): name yours with "
            "--map \"HEADING=title\" --map \"HEADING=owner\" --map \"HEADING=due\"")
    return sheet, layout


def _ask_new_source(path: Path, sheet: Sheet, layout: Layout, defaults: SourceDefaults, register: Register) -> None:
    """At a terminal, the one new source a plain plan answers, asked for before its rows are read
    (a timescale with no year is read after the source's date): its title first, offering the
    sheet's own title (the text above its headings) or else the file's name, then, for a title
    no source has yet, its type (unless the title says it) and its date (offering a date the
    sheet gives above its headings, such as 'Date of visit: 12/11/2026')."""
    if (defaults.source_id or not interactive() or is_exported(layout) or layout.column("source") is not None
            or layout.column("source_id") is not None):
        return
    if defaults.title is None:
        offered = title_above_headings(sheet, layout.header_row) or path.stem
        defaults.title = " ".join(click.prompt("Title of the source this plan answers (the inspection, visit, "
                                               "audit, ...)", default=offered).split()) or offered
    if source_titled(register, defaults.title) is not None:
        return  # imported before: its rows answer that source again
    if defaults.type is None:
        defaults.type = source_type_of(defaults.title) or _ask_type(defaults.title)
    if defaults.date is None:
        defaults.date = ask_date(None, "--source-date", f"Date of the source {defaults.title!r}",
                                 default=date_above_headings(sheet, layout.header_row))


def _ask_type(title: str | None) -> str:
    return ask(None, "--source-type", f"Type of the source {title!r} ({', '.join(vocabulary.SOURCE_TYPES)})",
               lambda text: vocabulary.choice(text, "--source-type", vocabulary.SOURCE_TYPES),
               takes=f"one of {', '.join(vocabulary.SOURCE_TYPES)}")


def _complete_new_sources(plan: Plan) -> None:
    """A new source needs a type and a date: asked for on a terminal, else a one-line error."""
    for source in plan.sources:
        used = any(r.new and r.new.source is source for r in plan.importable)
        if source.id is not None or not (used or source.findings):
            continue
        if source.type is None:
            source.type = _ask_type(source.title)
        if source.date is None:
            source.date = ask_date(None, "--source-date", f"Date of the source {source.title!r}")


def _describe_sheet(plan: Plan) -> None:
    layout, sheet = plan.layout, plan.sheet
    kind = "a sheet written by govtool export" if plan.exported else "a plan"
    click.echo(printable(f"{sheet.label}: {kind}, headings on row {layout.header_row}"))
    if plan.exported:
        click.echo("  reads 'New progress note', 'Due' and 'Re-date reason'; a change to any other column refuses "
                   "its row; a row without an ID is a new action")
    else:
        read = [f"{column_letter(i)} {layout.headings[i]!r} -> {name}" for name, i in
                sorted(layout.fields.items(), key=lambda item: item[1])]
        click.echo(printable("  columns: " + ", ".join(read)))
        for index in layout.unused:
            click.echo(printable(f"  not read: {column_letter(index)} {layout.headings[index]!r} "
                                 f"(--map \"{layout.headings[index]}=FIELD\" to read it)"))
        for index, name in layout.duplicates:
            click.echo(printable(f"  {column_letter(index)} {layout.headings[index]!r}: {name} when "
                                 f"column {column_letter(layout.fields[name])} is empty"))
    for note in sheet.notes:
        click.echo(printable(f"  {note}"))


def _report(plan: Plan, result: Result, applied: bool) -> None:
    def say(line: str) -> None:
        click.echo(printable(result.without_new_ids(line)))

    outcomes = {o.row.number: o for o in result.rows}
    if result.setup:
        click.echo("done first:" if applied else "would first:")
        for line in result.setup:
            say(f"  {line}")
    for row in plan.rows:
        if row.skipped in ("blank", "unchanged"):
            continue  # counted in the summary: an exported sheet has a row for every action
        outcome = outcomes.get(row.number)
        refused = row.refused or (outcome.refused if outcome else None)
        if refused:
            reasons = refused.split("\n")  # every problem of the row, one a line
            if len(reasons) == 1:
                say(f"{row.label}: refused: {refused}")
            else:
                say(f"{row.label}: refused, {len(reasons)} problems:")
                for reason in reasons:
                    say(f"  {reason}")
            for note in row.notes:  # what else the row says (an owner kept as written), to put right at once
                say(f"  note: {note}")
            continue
        if row.skipped:
            say(f"{row.label}: skipped: {row.skipped}")
            continue
        if outcome is None:
            continue
        say(f"{row.label}: {'; '.join(outcome.done)}")
        for note in outcome.notes:
            say(f"  note: {note}")
        for problem in outcome.problems:
            where = f" line {problem.line}" if problem.line else ""
            say(f"  {problem.severity} {problem.rule}{where}: {problem.message}")
    for problem in result.source_problems:
        where = f" line {problem.line}" if problem.line else ""
        say(f"source {problem.record or ''}: {problem.severity} {problem.rule}{where}: {problem.message}")


def _finish(plan: Plan, result: Result, applied: bool, people_first: bool = False) -> None:
    outcomes = {o.row.number: o for o in result.rows}
    refused = [r for r in plan.rows if r.refused or (r.number in outcomes and outcomes[r.number].refused)]
    done = [o for o in result.rows if not o.refused and o.done]
    skipped = [r for r in plan.rows if r.skipped and r.skipped != "blank"]
    # A refused row's problems are in its refusal: only what is (or would be) imported is counted.
    problems = [p for o in done for p in o.problems] + result.source_problems
    errors = sum(p.severity == "error" for p in problems)
    verb = "imported" if applied else "would be imported"
    summary = (f"{len(done)} row{'' if len(done) == 1 else 's'} {verb}, {len(refused)} refused, {len(skipped)} skipped; "
               f"{len(problems)} lint problem{'' if len(problems) == 1 else 's'} ({errors} error{'' if errors == 1 else 's'}) "
               "on the imported records")
    if applied:
        commits = len({c.commit for c in result.changes if c.commit})
        summary += f"; {len(result.changes)} change{'' if len(result.changes) == 1 else 's'} saved" + (
            f" in {commits} commit{'' if commits == 1 else 's'}" if commits else "")
    elif people_first:
        summary += (". Nothing was written: add the people first (the first line says how), then run again "
                    "with --apply to import")
    else:
        summary += ". Nothing was written: run again with --apply to import"
    click.echo(summary)
    if applied and problems and any(c.commit for c in result.changes):
        click.echo("Committed as received, without the pre-commit check: 'govtool lint' lists these problems; "
                   "the check judges what each later commit changes.")
    if refused:
        raise click.exceptions.Exit(1)


def _warn_owners_kept_as_typed(plan: Plan, applying: bool) -> bool:
    """With no people in govtool.yaml nothing can be matched: 'RM', 'Jane Smith' and 'Jane Smith
    (Registered Manager)' would be stored as three owners. Said first, before the sheet and its
    rows (the thing to do before applying must not be the last line of a long dry run); True
    when said."""
    if plan.people.people:
        return False
    typed = sorted({row.new.owner.stored for row in plan.rows if row.new and not row.refused and not row.skipped})
    if len(typed) < 2:
        return False
    shown = ", ".join(repr(name) for name in typed[:4]) + (f" and {len(typed) - 4} more" if len(typed) > 4 else "")
    if applying:
        click.echo(f"note: govtool.yaml lists no people, so {len(typed)} owners are kept exactly as typed ({shown}): "
                   "to have the import match names, roles and initials to people, add each person first "
                   "(govtool person add ID --name NAME --role ROLE)", err=True)
    else:
        click.echo(f"First add the people: govtool.yaml lists no people, so {len(typed)} owners would be kept "
                   f"exactly as typed ({shown}): add each person (govtool person add ID --name NAME --role ROLE), "
                   "then import again, and the import matches names, roles and initials to them", err=True)
    return True


COMMANDS = [import_plan]
