"""``govtool lint`` and ``govtool rules``: check the register, and say what each rule checks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from govtool.cli.session import Session
from govtool.errors import GovtoolError
from govtool.lint.config import RuleNames
from govtool.lint.docs import explain, table
from govtool.lint.engine import LintResult, lint_register
from govtool.lint.formats import FORMATS, OutputView
from govtool.lint.formats.text import statistics as statistics_lines
from govtool.lint.formats.view import repository_prefix
from govtool.lint.rule import RuleSpec, all_rules
from govtool.register.dates import parse_user_date

#: Formats read by GitHub, which matches files by their path in the repository.
_REPOSITORY_RELATIVE = {"sarif", "github"}


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for people; json for scripts; sarif for GitHub code scanning; github for annotations.")
@click.option("--base", metavar="REV", help="Pull-request mode: history rules check only commits after REV.")
@click.option("--as-of", "as_of", metavar="DATE", help="Lint as if today were DATE (YYYY-MM-DD or DD/MM/YYYY).")
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option("--statistics", is_flag=True, help="Also count the problems per rule.")
@click.option("--explain", "explain_rule", metavar="RULE", help="Show what RULE checks, with examples, and stop.")
@click.pass_obj
def lint(
    session: Session,
    paths: tuple[Path, ...],
    output_format: str,
    base: str | None,
    as_of: str | None,
    strict: bool,
    statistics: bool,
    explain_rule: str | None,
) -> None:
    """Check the register: every record, its links, and the plan as a whole.

    PATH limits the problems reported to those files or folders (every record is still read,
    because links need them). Exit status: 0 no errors, 1 errors (or warnings with --strict),
    2 a usage or settings error. Lint never changes a file.
    """
    if explain_rule is not None:
        click.echo(explain(find_rule(explain_rule)), nl=False)
        return
    today = parse_user_date(as_of, "--as-of") if as_of else session.today
    targets = [(session.start / path).resolve() for path in paths]
    for target in targets:
        if not target.exists():
            raise GovtoolError(f"no such file or folder: {target}")
    root = session.root_at(targets[0]) if targets else session.root
    result = lint_register(root, today=today, base=base, paths=[_inside(root, t) for t in targets] or None)
    for notice in result.notices:
        click.echo(f"govtool: notice: {notice}", err=True)
    view = OutputView(
        prefix=repository_prefix(root) if output_format in _REPOSITORY_RELATIVE else "",
        color=output_format == "text" and _colour_wanted(),
        statistics=statistics and output_format == "text",
    )
    click.echo(FORMATS[output_format](result, view), nl=False, color=view.color)
    if statistics and output_format != "text":
        for line in statistics_lines(result):
            click.echo(line, err=True)
    click.get_current_context().exit(exit_code(result, strict))


def exit_code(result: LintResult, strict: bool) -> int:
    return 1 if result.errors or (strict and result.warnings) else 0


def _inside(root: Path, target: Path) -> str:
    """A lint PATH as a register-relative posix path; it must be inside the register."""
    try:
        relative = target.relative_to(root).as_posix()
    except ValueError:
        raise GovtoolError(f"{target} is not inside the register at {root}: lint one register at a time") from None
    return relative


def _colour_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def find_rule(written: str) -> RuleSpec:
    """The rule named (or coded) ``written``, or a one-line error with the closest name."""
    rules = all_rules()
    names = RuleNames(rules)
    name = names.lookup(written)
    if name is None:
        raise GovtoolError(f"no rule named {written!r}{names.suggest(written)}")
    return rules[name]


@click.command("rules")
def rules() -> None:
    """List every lint rule: code, name, default severity and what it catches."""
    click.echo(table(all_rules()), nl=False)


COMMANDS = [lint, rules]
