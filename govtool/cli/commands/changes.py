"""``govtool changes BASE..HEAD``: what a branch did to the plan, for a pull-request comment."""

from __future__ import annotations

import click

from govtool.cli.session import Session
from govtool.errors import GovtoolError
from govtool.history.summary import BranchSummary, Item, parse_range, summarise
from govtool.lint.rule import HistoryUnavailable
from govtool.report.markdown import escape
from govtool.terminal import dumps_json


def _md(text: str | None) -> str:
    """Register text inside a pull-request comment: the reports' Markdown escaping (control
    characters made inert, markup, @mentions and bare links neutralised), on one line."""
    return str(escape(text or ""))


def render_markdown(summary: BranchSummary) -> str:
    counts = [
        (len(summary.added), "added"), (len(summary.redated), "re-dated"), (len(summary.completed), "completed"),
        (len(summary.closed), "closed"), (len(summary.cancelled), "cancelled"),
    ]
    revisions = f"{summary.base}..{summary.head}".replace("`", "")
    lines = [f"## Action plan changes: `{revisions}`", ""]
    lines.append("**" + ", ".join(f"{n} {word}" for n, word in counts) + "**")

    def section(heading: str, items: list[Item]) -> None:
        if not items:
            return
        lines.extend(["", f"### {heading}", ""])
        for item in items:
            detail = f": {_md(item.detail)}" if item.detail else ""
            dated = f" ({_md(item.date)})" if item.date else ""
            lines.append(f"- **{_md(item.record)}** {_md(item.title)}{dated}{detail}")

    section("Added", summary.added)
    section("Re-dated", summary.redated)
    section("Completed (change to practice)", summary.completed)
    section("Closed", summary.closed)
    section("Cancelled", summary.cancelled)
    lines.extend(["", "### History problems introduced", ""])
    if not summary.problems:
        lines.append("None: every re-date is recorded and the trail is intact.")
    for problem in summary.problems:
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        lines.append(f"- **{problem.severity}** `{problem.rule}` {_md(where)}: {_md(problem.message)}")
    return "\n".join(lines) + "\n"


@click.command("changes")
@click.argument("revision_range", metavar="BASE..HEAD")
@click.option("--format", "output_format", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True, help="Markdown for a pull-request comment, or JSON for scripts.")
@click.pass_obj
def changes(session: Session, revision_range: str, output_format: str) -> None:
    """Summarise what a branch did to the plan (for a pull-request comment).

    Lists the actions added, re-dated (with reasons), completed (with the change to
    practice), closed and cancelled between the fork point of BASE and HEAD, and the
    history problems the branch's own commits introduced. BASE alone means BASE..HEAD.
    """
    base, head = parse_range(revision_range)
    register = session.load()
    try:
        summary = summarise(register, base, head, session.today)
    except HistoryUnavailable as exc:
        raise GovtoolError(f"cannot summarise {revision_range}: {exc}") from None
    if output_format == "json":
        click.echo(dumps_json(summary.as_json(), indent=2))
    else:
        click.echo(render_markdown(summary), nl=False)


COMMANDS = [changes]
