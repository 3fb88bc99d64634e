"""``govtool lint`` and ``govtool rules``: check the register, and say what each rule checks."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click
from click.shell_completion import CompletionItem

from govtool.cli.output import emit, output_target, shown_folder
from govtool.cli.session import AS_OF_PAST, Session
from govtool.lint.branch_gate import Branch, branch, failing
from govtool.lint.branch_gate import verdict as branch_verdict
from govtool.lint.config import RuleNames
from govtool.lint.docs import explain, table
from govtool.lint.engine import LintResult, in_files, lint_register, narrowed
from govtool.lint.formats import FORMATS, OutputView, render
from govtool.lint.formats.github import annotation
from govtool.lint.formats.text import statistics as statistics_lines
from govtool.lint.formats.view import Earlier, repository_prefix
from govtool.lint.rule import RuleSpec, all_rules
from govtool.register.as_of import is_past
from govtool.register.dates import parse_user_date
from govtool.support.errors import GovtoolError
from govtool.support.terminal import as_typed, printable

if TYPE_CHECKING:
    from govtool.lint.commit_gate import Blobs

#: Formats read by GitHub, which matches files by their path in the repository.
_REPOSITORY_RELATIVE = {"sarif", "github"}


def _complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Shell completion of rule names (for --explain, --select, --ignore)."""
    last = incomplete.rsplit(",", 1)
    done, typed = (last[0] + ",", last[1]) if len(last) == 2 else ("", last[0])
    return [CompletionItem(done + spec.name, help=spec.summary) for spec in all_rules().values()
            if spec.name.startswith(typed) or spec.code.lower().startswith(typed.lower())]


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for people; json for scripts; sarif for GitHub code scanning; github for annotations.")
@click.option("--output-file", "output_files", multiple=True, metavar="[FORMAT:]FILE",
              help="Also write the problems to FILE, in the format its suffix names (.sarif, .json, .txt) or "
                   "FORMAT (sarif:lint.out); repeatable. The screen keeps --format.")
@click.option("--base", metavar="REV",
              help="Pull-request mode: history rules check only commits after REV; exit 1 only for them and for "
                   "problems on the lines changed since REV.")
@click.option("--require-history", is_flag=True,
              help="Exit 2 when Git history cannot be read (shallow clone, no Git) instead of skipping the history rules.")
@click.option("--staged", is_flag=True,
              help="Lint the record files as they are staged for the next commit (the pre-commit hook); "
                   "untracked drafts are left out. Exit 1 only for errors on the lines the commit writes, "
                   "not for lateness or findings not yet answered.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Lint every record afresh instead of taking unchanged records' problems from the last run.")
@click.option("--as-of", "as_of", metavar="DATE",
              help=f"Lint as if today were DATE (YYYY-MM-DD or DD/MM/YYYY). {AS_OF_PAST}")
@click.option("--select", "selected", multiple=True, metavar="RULES", shell_complete=_complete_rules,
              help="Report only these rules (names or codes, comma-separated or repeated).")
@click.option("--ignore", "ignored", multiple=True, metavar="RULES", shell_complete=_complete_rules,
              help="Do not report these rules (names or codes, comma-separated or repeated).")
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found (2 still means lint could not run).")
@click.option("-q", "--quiet", is_flag=True, help="Print the problems only: no summary line and no notices.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour in text output; auto: on a terminal unless NO_COLOR is set (FORCE_COLOR forces it).")
@click.option("--statistics", is_flag=True, help="Also count the problems per rule.")
@click.option("--explain", "explain_rule", metavar="RULE", shell_complete=_complete_rules,
              help="Show what RULE checks, with examples, and stop.")
@click.pass_obj
def lint(
    session: Session,
    paths: tuple[Path, ...],
    output_format: str,
    output_files: tuple[str, ...],
    base: str | None,
    require_history: bool,
    staged: bool,
    no_cache: bool,
    as_of: str | None,
    selected: tuple[str, ...],
    ignored: tuple[str, ...],
    strict: bool,
    exit_zero: bool,
    quiet: bool,
    color: str,
    statistics: bool,
    explain_rule: str | None,
) -> None:
    """Check the register: every record, its links, and the plan as a whole.

    PATH limits the problems reported to those files or folders (every record is still read,
    because links need them). PATHs in several registers (clients/acme clients/willow) lint
    each register on its own; with --staged, those the commit changes. --staged where there
    is no register (the root of a repository with one folder per client) lints each register
    below that has staged changes. Exit status: 0 no errors, 1 errors (or warnings with --strict),
    2 a usage or settings error. Lint never changes a file.

    \b
    Example (CI: text in the log, SARIF for code scanning, history required):
      govtool lint --require-history --base origin/main --output-file lint.sarif
    """
    if explain_rule is not None:
        click.echo(explain(find_rule(explain_rule)), nl=False)
        return
    today = parse_user_date(as_of, "--as-of") if as_of else session.today
    extra_outputs = [_output_file(written) for written in output_files]
    for _, file_path in extra_outputs:  # a typo in a folder is refused before the run, not after
        output_target(file_path, session.start, "--output-file")
    only, without = _rule_names(selected, "--select"), _rule_names(ignored, "--ignore")
    targets = [(session.start / path).resolve() for path in paths]
    for target in targets:
        if not target.exists():
            raise GovtoolError(f"no such file or folder: {target}")
    whole = staged and _run_by_hand(session, targets)
    if whole:
        targets = targets or _registers_here(session)
    run = _Run(today=today, as_it_stood=is_past(today, session.today), base=base, require_history=require_history, staged=staged, whole=whole, no_cache=no_cache,
               only=only, without=without, output_format=output_format, extra_outputs=extra_outputs,
               color=color, statistics=statistics, quiet=quiet, strict=strict, start=session.start)
    several = _several_registers(session, targets, staged and not whole)
    if several is None:
        root = session.root_at(targets[0]) if targets else session.root
        status = run.one(root, targets)
    else:
        status = _lint_each(run, several, output_format, extra_outputs)
    click.get_current_context().exit(0 if exit_zero and status < 2 else status)


def _run_by_hand(session: Session, targets: list[Path]) -> bool:
    """True, with a notice, when ``--staged`` finds nothing staged: no commit is being made
    (``pre-commit run --all-files`` in CI, a run by hand), so the run lints as ``govtool lint``
    does and every error counts; before, it passed a register full of errors (a consultant's trial)."""
    from govtool.lint.staged_registers import nothing_staged

    # Git sets GIT_INDEX_FILE for the hooks of 'git commit': an amended message or an empty
    # commit stages nothing, and is still a commit the hook judges by what it changes.
    if os.environ.get("GIT_INDEX_FILE") or not nothing_staged(targets[0] if targets else session.start):
        return False
    click.echo("govtool: notice: nothing is staged for a commit, so every problem in the register as Git "
               "holds it counts, as in 'govtool lint'", err=True)
    return True


def _registers_here(session: Session) -> list[Path]:
    """No paths given: the register here, or where there is none (a repository's root holding a
    folder per client) every register below it, each to be linted whole."""
    from govtool.register.find import registers_below

    try:
        session.root_at()
        return []
    except GovtoolError:
        return [(session.start / below).resolve() for below in registers_below(session.start)]


@dataclass(frozen=True)
class _Run:
    """One ``govtool lint`` invocation's options, to lint one register with them."""

    today: dt.date
    #: ``today`` is a past --as-of day: the register is judged as it stood then
    as_it_stood: bool
    base: str | None
    require_history: bool
    staged: bool
    #: --staged with nothing staged (pre-commit run --all-files): the index's content, judged
    #: whole, as 'govtool lint' judges the working tree
    whole: bool
    no_cache: bool
    only: frozenset[str] | None
    without: frozenset[str] | None
    output_format: str
    extra_outputs: list[tuple[str, Path]]
    color: str
    statistics: bool
    quiet: bool
    strict: bool
    start: Path

    def one(self, root: Path, targets: list[Path], shown: str | None = None) -> int:
        """Lint the register at ``root`` (problems in ``targets`` only, if any) and print it; its
        exit status. ``shown`` (the register's folder as typed, one of several): text paths start
        with it, and so does the pre-commit verdict."""
        output_format = self.output_format
        try:
            result = lint_register(root, today=self.today, base=self.base,
                                   paths=[_inside(root, t) for t in targets] or None,
                                   require_history=self.require_history, staged=self.staged,
                                   incremental=not self.no_cache, as_it_stood=self.as_it_stood)
        except GovtoolError as error:
            if output_format == "github":  # a broken govtool.yaml on the pull request's files too
                click.echo(printable(annotation("error", _repository_path(root, error.path), error.line, "govtool",
                                                error.message)))
            raise
        result = narrowed(result, self.only, self.without)
        if not self.quiet:
            for notice in result.notices:
                click.echo(f"govtool: notice: {notice}", err=True)
        changes = self._branch(root, result)
        earlier = Earlier(changes.base, lambda problem: not changes.wrote(problem)) if changes is not None else None
        for file_format, file_path in self.extra_outputs:
            emit(render(file_format, result, _view(root, file_format, False, False, False, earlier)), file_path,
                 self.start, "the lint output", option="--output-file")
        view = _view(root, output_format, output_format == "text" and colour_wanted(self.color, sys.stdout),
                     self.statistics and output_format == "text", self.quiet, earlier)
        if shown is not None and output_format == "text":
            view = replace(view, prefix=f"{shown}/", reach=f"-C {as_typed(shown)}")
        committed = _committed(root, result) if self.staged and not self.whole and result.count else None
        shown_result = result
        if committed is not None and output_format == "text":
            shown_result = in_files(result, committed.keys())
            view = replace(view, left_alone=result.count - shown_result.count)
        emit(render(output_format, shown_result, view), None, self.start, color=view.color)
        if self.statistics and output_format != "text":
            for line in statistics_lines(result):
                click.echo(line, err=True)
        if self.base is not None and not result.count and not self.quiet:
            # A consultant's trial read "No problems found." in CI as the register's verdict: the
            # history rules judged only the commits since the base.
            click.echo(f"govtool: the history rules judged the commits since {self.base}; 'govtool lint' "
                       "without --base judges the whole history", err=True)
        status = exit_code(result, self.strict)
        if committed is not None and status:
            status = _commit_status(root, result, committed, self.strict, self.quiet, shown)
        elif changes is not None and status:
            status = _branch_status(result, changes, self.strict, self.quiet, shown)
        return status

    def _branch(self, root: Path, result: LintResult) -> Branch | None:
        """With ``--base`` (not ``--staged``, whose commit is judged by the hook's rules), what the
        changes since the base wrote, when there is a problem to judge by it: one that could fail
        the run, or any in the github format (those already there before are notices)."""
        if self.base is None or self.staged or not result.count:
            return None
        github = "github" in (self.output_format, *(name for name, _path in self.extra_outputs))
        if not (github or exit_code(result, self.strict)):
            return None
        return branch(root, self.base, result, self.today if self.as_it_stood else None)


#: The formats whose output for several registers, one after another, is still one valid output.
_SEVERAL_FORMATS = ("text", "github")


def _several_registers(session: Session, targets: list[Path], staged: bool) -> dict[Path, list[Path]] | None:
    """The registers to lint, each with its PATHs, when a run covers several (None: one register,
    linted as ever). Several PATHs in different registers are each linted; with --staged, only
    those the commit changes. ``lint --staged`` where there is no register (a repository's root
    holding one folder per client) lints each register below with staged changes."""
    from govtool.lint.staged_registers import staged_registers

    if targets:
        grouped: dict[Path, list[Path]] = {}
        for target in targets:
            grouped.setdefault(session.root_at(target), []).append(target)
        if len(grouped) == 1:
            return None
        if not staged:
            return grouped
        changed = {root: paths for root, paths in grouped.items() if root in staged_registers(root)}
        for root in grouped.keys() - changed.keys():
            click.echo(f"govtool: notice: {shown_folder(root, session.start)} has no staged changes: not linted", err=True)
        return changed
    if not staged:
        return None
    try:
        session.root_at()
        return None
    except GovtoolError as no_register:
        try:
            return {root: [] for root in staged_registers(session.start)}
        except GovtoolError:
            raise no_register from None


def _lint_each(run: _Run, several: dict[Path, list[Path]], output_format: str,
               extra_outputs: list[tuple[str, Path]]) -> int:
    """Each register on its own (its heading, its problems, its pre-commit verdict); the worst status."""
    if output_format not in _SEVERAL_FORMATS or extra_outputs:
        raise GovtoolError(f"{'--output-file' if extra_outputs else '--format ' + output_format} writes one "
                           "register's problems: lint several registers one at a time (govtool lint clients/acme)")
    if not several:
        if not run.quiet:
            click.echo("govtool: no register here has staged changes: nothing to lint", err=True)
        return 0
    statuses = []
    for root, targets in several.items():
        shown = shown_folder(root, run.start)
        if output_format == "text":
            click.echo(f"register {shown}:")
        try:
            statuses.append(run.one(root, targets, shown))
        except GovtoolError as error:  # one register that cannot be linted does not hide the others
            click.echo(printable(f"govtool: error: {shown}: {error}"), err=True)
            statuses.append(2)
    return max(statuses)


def _committed(root: Path, result: LintResult) -> dict[str, Blobs]:
    """The register paths a pre-commit run's commit changes: as its history rules read them,
    or asked of Git."""
    from govtool.lint.commit_gate import committed_paths

    return result.committed if result.committed is not None else committed_paths(root)


def _commit_status(root: Path, result: LintResult, committed: Mapping[str, Blobs], strict: bool, quiet: bool,
                   shown: str | None = None) -> int:
    """A pre-commit run's exit status: 1 only for what stops the commit (:mod:`govtool.lint.commit_gate`),
    said in one line on standard error (the last line Git shows when a hook refuses). One of
    several registers (``shown``): the paths in the line start with its folder, and a commit
    that may go ahead names it."""
    from govtool.lint.commit_gate import stopping, verdict

    stopped = stopping(result, committed, strict, root)
    if not quiet:
        if shown is None:
            said = verdict(stopped)
        elif stopped:
            said = verdict([replace(problem, path=f"{shown}/{problem.path}") for problem in stopped])
        else:
            said = f"{shown}: {verdict(stopped)}"
        click.echo(f"govtool: {printable(said)}", err=True)
    return 1 if stopped else 0


def _branch_status(result: LintResult, changes: Branch, strict: bool, quiet: bool, shown: str | None = None) -> int:
    """A ``--base`` run's exit status: 1 only for the problems the changes since the base made
    (:mod:`govtool.lint.branch_gate`), said in one line on standard error."""
    failed = failing(result, changes, strict)
    if not quiet:
        if shown is None:
            said = branch_verdict(changes, failed)
        elif failed:
            said = branch_verdict(changes, [replace(problem, path=f"{shown}/{problem.path}") for problem in failed])
        else:
            said = f"{shown}: {branch_verdict(changes, failed)}"
        click.echo(f"govtool: {printable(said)}", err=True)
    return 1 if failed else 0


def _repository_path(root: Path, path: Path | str | None) -> str | None:
    """A file named by an error, as GitHub names it (from the repository root), if it can."""
    if path is None:
        return None
    written = Path(path)
    if written.is_absolute():
        try:
            written = written.relative_to(root)
        except ValueError:
            return None
    return repository_prefix(root) + written.as_posix()


def _view(root: Path, output_format: str, color: bool, statistics: bool, quiet: bool,
          earlier: Earlier | None = None) -> OutputView:
    """How to show ``root``'s problems in ``output_format``; ``earlier``: a ``--base`` run's
    problems already there before it, which the github format shows as notices."""
    return OutputView(
        prefix=repository_prefix(root) if output_format in _REPOSITORY_RELATIVE else "",
        color=color, statistics=statistics, quiet=quiet, earlier=earlier if output_format == "github" else None,
    )


_FORMAT_OF_SUFFIX = {".sarif": "sarif", ".json": "json", ".txt": "text", ".log": "text"}


def _output_file(written: str) -> tuple[str, Path]:
    """``--output-file [FORMAT:]FILE`` as (format, path); a bare FILE's suffix names the format."""
    named, sep, rest = written.partition(":")
    if sep and named in FORMATS:
        return named, Path(rest)
    path = Path(written)
    if path.suffix.lower() not in _FORMAT_OF_SUFFIX:
        raise GovtoolError(f"--output-file {written}: name the format, e.g. sarif:{written}, "
                           f"or use a suffix: {', '.join(_FORMAT_OF_SUFFIX)}")
    return _FORMAT_OF_SUFFIX[path.suffix.lower()], path


def _rule_names(written: tuple[str, ...], option: str) -> frozenset[str] | None:
    """Rule names from ``--select``/``--ignore`` values (comma-separated names or codes)."""
    if not written:
        return None
    names = RuleNames(all_rules())
    found = set()
    for item in (part.strip() for value in written for part in value.split(",")):
        if not item:
            continue
        name = names.lookup(item)
        if name is None:
            raise GovtoolError(f"{option}: no rule named {item!r}{names.suggest(item)}")
        found.add(name)
    return frozenset(found)


def colour_wanted(choice: str, stream: TextIO) -> bool:
    """--color always/never decide; auto: NO_COLOR turns colour off, FORCE_COLOR on, else a terminal.

    See https://no-color.org and https://force-color.org; an empty variable counts as unset.
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    forced = os.environ.get("FORCE_COLOR")
    if forced:
        return forced.lower() not in ("0", "false")
    return stream.isatty()


def exit_code(result: LintResult, strict: bool) -> int:
    return 1 if result.errors or (strict and result.warnings) else 0


def _inside(root: Path, target: Path) -> str:
    """A lint PATH as a register-relative posix path; it must be inside the register."""
    try:
        relative = target.relative_to(root).as_posix()
    except ValueError:
        raise GovtoolError(f"{target} is not inside the register at {root}") from None
    return relative


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
