"""``govtool changes BASE..HEAD``: what a branch did to the plan, for a pull-request comment."""

from __future__ import annotations

import datetime as dt

import click

from govtool.cli.session import AS_OF_PAST, Session
from govtool.history.errors import HistoryUnavailable
from govtool.lint.engine import lint_register
from govtool.lint.rule import Problem
from govtool.register.as_of import is_past
from govtool.register.dates import parse_user_date
from govtool.register.model import Register
from govtool.report.markdown import escape
from govtool.support.errors import GovtoolError
from govtool.support.terminal import dumps_json
from govtool.views.branch_changes import BranchSummary, Item, parse_range, summarise


def _md(text: str | None) -> str:
    """Register text inside a pull-request comment: the reports' Markdown escaping (control
    characters made inert, markup, @mentions and bare links neutralised), on one line."""
    return str(escape(text or ""))


#: the counts that take a plural ("2 risk reviews"); the rest are past participles ("2 added")
_COUNTED = {"risk review", "progress note", "status change"}


def render_markdown(summary: BranchSummary) -> str:
    counts = [
        (len(summary.added), "added"), (len(summary.removed), "removed"),
        (len(summary.edited), "edited or handed over"), (len(summary.reviewed), "risk review"),
        (len(summary.progress), "progress note"), (len(summary.status_changes), "status change"),
        (len(summary.redated), "re-dated"), (len(summary.completed), "completed"), (len(summary.closed), "closed"),
        (len(summary.reopened), "reopened"), (len(summary.cancelled), "cancelled"),
    ]
    revisions = f"{summary.base}..{summary.head}".replace("`", "")
    stood = f" as it stood on {summary.as_of}" if summary.as_of else ""
    lines = [f"## Action plan changes: `{revisions}`{stood}", ""]
    changed = len(summary.records)
    said = ", ".join(f"{n} {word}{'s' if n > 1 and word in _COUNTED else ''}" for n, word in counts if n)
    lines.append(f"**{changed} record{'' if changed == 1 else 's'} changed**" + (f": {said}" if said else ""))

    def section(heading: str, items: list[Item]) -> None:
        if not items:
            return
        lines.extend(["", f"### {heading}", ""])
        for item in items:
            detail = f": {_md(item.detail)}" if item.detail else ""
            dated = f" ({_md(item.date)})" if item.date else ""
            lines.append(f"- **{_md(item.record)}** {_md(item.title)}{dated}{detail}")

    if summary.records:
        lines.extend(["", "### Records changed", ""])
        for record in summary.records:
            lines.append(f"- **{_md(record.record)}** {_md(record.title)}: {_md('; '.join(record.summaries))}")
    section("Added", summary.added)
    section("Removed", summary.removed)
    section("Edits and hand-overs", summary.edited)
    section("Risk reviews", summary.reviewed)
    section("Progress notes", summary.progress)
    section("Status changes", summary.status_changes)
    section("Re-dated", summary.redated)
    section("Completed (change to practice)", summary.completed)
    section("Closed", summary.closed)
    section("Reopened", summary.reopened)
    section("Cancelled", summary.cancelled)
    lines.extend(["", "### Problems in this change", ""])
    if not summary.problems:
        lines.append("None from the history rules: every re-date is recorded and the trail is intact "
                     "(govtool lint judges the records themselves).")
    for problem in summary.problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        lines.append(f"- **{problem.severity}** `{problem.rule}` {_md(where)}: {_md(problem.message)}")
    return "\n".join(lines) + "\n"


@click.command("changes")
@click.argument("revision_range", metavar="BASE..HEAD")
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="Markdown for a pull-request comment, or JSON for scripts.")
@click.option("--as-of", "as_of", metavar="DATE",
              help=f"Judge dates as if today were DATE (default today). {AS_OF_PAST} A past DATE also takes BASE "
                   "and HEAD as they stood at the end of it: the newest commit of each made on or before DATE.")
@click.pass_obj
def changes(session: Session, revision_range: str, output_format: str, as_of: str | None) -> None:
    """Summarise what a branch did to the plan (for a pull-request comment).

    Lists every record that changed between the fork point of BASE and HEAD (as 'govtool show'
    tells each change), then the records added or removed, edits and hand-overs, risk reviews,
    progress notes, status changes, re-dates (with reasons), completions (with the change to
    practice), closures, reopenings and cancellations, the history problems the branch's own
    commits introduced, and lint's problems in the records it changed. BASE alone means BASE..HEAD. Exit status 1
    when any of those problems is an error (a pull request check can gate on it). With a past
    --as-of DATE, BASE and HEAD are taken as they stood at the end of DATE (as 'govtool lint
    --as-of' reads history): commits made later are left out.

    \b
    Example (a pull-request comment):
      govtool changes origin/main..HEAD > comment.md
    """
    base, head = parse_range(revision_range)
    today = parse_user_date(as_of, "--as-of") if as_of else session.today
    register = session.load()
    past = is_past(today, session.today)
    try:
        summary = summarise(register, base, head, today, today if past else None)
    except HistoryUnavailable as exc:
        raise GovtoolError(f"cannot summarise {revision_range}: {exc}") from None
    summary.problems += _lint_of_changed_records(register, summary, today, past)
    if output_format == "json":
        click.echo(dumps_json(summary.as_json(), indent=2))
    else:
        click.echo(render_markdown(summary), nl=False)
    click.get_current_context().exit(1 if summary.errors else 0)


def _lint_of_changed_records(register: Register, summary: BranchSummary, today: dt.date,
                             as_it_stood: bool) -> list[Problem]:
    """Lint's record problems (not the history ones, already in the summary) in the records the
    branch changed, as the working tree holds them: HEAD's content when HEAD is checked out;
    ``as_it_stood``: as it stood on ``today``, a past --as-of day (as ``govtool lint`` judges it)."""
    if not summary.changed:
        return []
    result = lint_register(register.root, today=today, register=register, as_it_stood=as_it_stood)
    changed = set(summary.changed)
    history = {spec.name for spec in result.rules if spec.needs_history}
    return [p for p in result.problems if p.record in changed and p.rule not in history]


COMMANDS = [changes]
