"""``govtool frameworks``: the frameworks a register can use, one framework's codes, and
``frameworks map`` to move a plan's references from one framework to another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from govtool.cli.ask import ask
from govtool.cli.options import commit_option, wants_commit
from govtool.cli.session import Session
from govtool.register.frameworks.load import DEFAULT_FRAMEWORK, available, load_named, read_framework
from govtool.register.frameworks.model import Framework
from govtool.services import framework_mapping as mapping_
from govtool.support.errors import GovtoolError
from govtool.support.terminal import dumps_json, printable

pass_session = click.make_pass_decorator(Session)
FORMATS = click.Choice(["text", "json"])


class _FrameworksGroup(click.Group):
    """``govtool frameworks NAME`` shows a framework; ``govtool frameworks map`` is a command."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)


def _register_root(session: Session) -> Path | None:
    """The register, if there is one here: outside one, only the shipped frameworks exist."""
    try:
        return session.root
    except GovtoolError:
        return None


@click.group(cls=_FrameworksGroup, invoke_without_command=True)
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True,
              help="text for people; json for scripts.")
@click.pass_context
def frameworks(ctx: click.Context, output_format: str) -> None:
    """List the assessment frameworks: those govtool ships and the register's frameworks/.

    \b
    Examples:
      govtool frameworks
      govtool frameworks cqc-saf-2023 --format json
      govtool frameworks map cqc-saf-2023 house-2026 --mapping saf-to-house.yaml --apply
    """
    if ctx.invoked_subcommand is not None:
        return
    session: Session = ctx.ensure_object(Session)
    root = _register_root(session)
    chosen = _chosen(session, root)
    found: list[Framework] = []
    broken: list[GovtoolError] = []
    for file in available(root).values():
        try:
            found.append(read_framework(file))
        except GovtoolError as error:
            broken.append(error)
    if output_format == "json":
        click.echo(dumps_json([_summary(f, f.name == chosen) for f in found], indent=2))
    else:
        click.echo(printable(_table(found, chosen)), nl=False)
    for problem in broken:
        click.echo(f"govtool: error: {printable(str(problem))}", err=True)
    if broken:
        ctx.exit(2)


def _chosen(session: Session, root: Path | None) -> str | None:
    if root is None:
        return None
    from govtool.register.load import load_settings

    return load_settings(root).framework or DEFAULT_FRAMEWORK


def _summary(framework: Framework, in_use: bool) -> dict[str, Any]:
    return {
        "name": framework.name, "title": framework.title, "version": framework.version,
        "status": framework.status, "publisher": framework.publisher, "origin": framework.origin,
        "source": {"title": framework.source_title, "url": framework.source_url,
                   "date": framework.source_date.isoformat() if framework.source_date else None},
        "statements": len(framework.statements), "in_use": in_use,
    }


def _table(found: list[Framework], chosen: str | None) -> str:
    if not found:
        return "no frameworks\n"
    rows: list[tuple[str, ...]] = [("", "name", "status", "version", "codes", "from", "title")]
    rows += [("*" if f.name == chosen else "", f.name, f.status, f.version, str(len(f.statements)),
              f.origin, f.title) for f in found]
    if chosen is None:
        rows = [row[1:] for row in rows]
    last = len(rows[0]) - 1
    widths = [max(len(row[i]) for row in rows) for i in range(last)]
    lines = ["  ".join(cell.ljust(widths[i]) if i < last else cell for i, cell in enumerate(row)).rstrip()
             for row in rows]
    if chosen:
        lines.append(f"\n* this register's framework ('framework:' in govtool.yaml; default {DEFAULT_FRAMEWORK})")
    return "\n".join(lines) + "\n"


@frameworks.command("show", hidden=True)
@click.argument("name")
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True,
              help="text for people; json: a list of {code, key_question, title}.")
@pass_session
def show(session: Session, name: str, output_format: str) -> None:
    """One framework's key questions and codes."""
    framework = load_named(name, _register_root(session))
    if output_format == "json":
        click.echo(dumps_json([{"code": s.code, "key_question": s.key_question, "title": s.title}
                               for s in framework.statements.values()], indent=2))
        return
    click.echo(printable(_describe(framework)), nl=False)


def _describe(framework: Framework) -> str:
    lines = [f"{framework.name}: {framework.title}, version {framework.version} ({framework.status})"]
    source = ", ".join(str(part) for part in (framework.publisher, framework.source_title, framework.source_date,
                                               framework.source_url) if part)
    if source:
        lines.append(f"source: {source}")
    width = max(len(code) for code in framework.statements)
    for question in framework.key_questions:
        lines.append(f"\n{question.title}")
        lines += [f"  {s.code.ljust(width)}  {s.title}" for s in framework.statements.values()
                  if s.key_question == question.id]
    return "\n".join(lines) + "\n"


@frameworks.command("map")
@click.argument("from_name", metavar="FROM", required=False)
@click.argument("to_name", metavar="TO", required=False)
@click.option("--mapping", "mapping_file", metavar="FILE", type=click.Path(path_type=Path),
              help="The mapping file: from, to, and map: {OLD_CODE: NEW_CODE}.")
@click.option("--apply", "apply_", is_flag=True,
              help="Record each proposed code as framework_ref (the old reference stays).")
@commit_option
@pass_session
def map_(session: Session, from_name: str | None, to_name: str | None, mapping_file: Path | None,
         apply_: bool, commit: bool | None) -> None:
    """Propose, finding by finding, the code of TO that a mapping file gives for each
    reference to FROM; with --apply, record it as framework_ref.

    Nothing is written without --apply. Applying keeps quality_statement and every comment,
    writes each source file atomically and commits it when asked (--commit, or commit: true).

    \b
    Example:
      govtool frameworks map cqc-saf-2023 house-2026 --mapping saf-to-house.yaml
      govtool frameworks map cqc-saf-2023 house-2026 --mapping saf-to-house.yaml --apply
    """
    register = session.load()
    old = load_named(ask(from_name, "FROM", "Framework the findings refer to now"), register.root)
    new = load_named(ask(to_name, "TO", "Framework to move them to"), register.root)
    file = ask(mapping_file, "--mapping", "Mapping file", Path)
    path = session.start / file
    mapping = mapping_.read_mapping(path, str(file), old, new)
    proposals = mapping_.propose(register, mapping)
    for proposal in proposals:
        click.echo(printable(_proposal_line(proposal)))
    ready = [p for p in proposals if p.new is not None]
    if not apply_:
        click.echo(f"{len(ready)} of {len(proposals)} findings would get a framework_ref of {new.name}"
                   + (": run again with --apply to record them" if ready else ""))
        return
    changes = mapping_.apply(register, mapping, proposals, wants_commit(register.root, register.settings, commit))
    for change in changes:
        committed = f" (committed {change.commit[:7]})" if change.commit else ""
        click.echo(f"saved {change.path.as_posix()}{committed}")
    click.echo(f"recorded framework_ref on {len(ready)} findings in {len(changes)} sources")
    if ready and register.settings.framework != new.name:
        click.echo(f"note: set 'framework: {new.name}' in govtool.yaml so that lint checks the new codes")


def _proposal_line(proposal: mapping_.Proposal) -> str:
    finding = proposal.finding
    where = f"{finding.source.id} {finding.id}"
    old = f"{proposal.old.code} ({proposal.old.title})" if proposal.old else ""
    if proposal.new is None:
        return f"{where}: {old + ': ' if old else ''}{proposal.why_not}"
    return f"{where}: {old} -> {proposal.new.code} ({proposal.new.title})"


COMMANDS = [frameworks]
