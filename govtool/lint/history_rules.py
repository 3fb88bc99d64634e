"""The object history rules see as ``ctx.history``, and the functions that build it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

from govtool.history import engine, gitlog
from govtool.history.errors import HistoryUnavailable, UnknownRevision
from govtool.history.model import AcknowledgedMistake, Acknowledgement, Change, ReadStats
from govtool.history.recorders import recorded_by
from govtool.history.snapshot import Snapshot
from govtool.lint.config import merged_options
from govtool.lint.rule import LintContext, Report, all_rules
from govtool.register.model import Register
from govtool.register.people import default_person
from govtool.register.recorded import Recorded
from govtool.support.gitcommand import commit_standing_on

#: What a ``--staged`` run in a shallow clone leaves out, said once on standard error.
STAGED_ONLY = ("history rules judged only the staged changes: this is a shallow clone, so the commits before HEAD "
               "were not checked (git fetch --unshallow fetches them)")


class History:
    """The register's changes (oldest first) and what is needed to report on them."""

    def __init__(
        self,
        register: Register | None,
        changes: list[Change],
        in_scope: set[str] | None,
        current: Callable[[str], Snapshot | None],
        acknowledgements: list[Acknowledgement],
        stats: ReadStats,
        tip: str | None,
        base: str | None = None,
        descends: Callable[[str, str], bool] | None = None,
        prefix: str = "",
        limited: str | None = None,
    ):
        self.register = register
        #: every change, whatever the base (for lint: only those a rule could object to)
        self.all_changes = changes
        #: the changes the rules judge: after --base (plus staged and working tree), or all
        self.changes = [c for c in changes if in_scope is None or c.where.commit is None or c.where.commit.sha in in_scope]
        #: record ID -> its snapshot now (in the working tree, or at ``head``)
        self.current = current
        self.acknowledgements = acknowledgements
        self.stats = stats
        self.tip = tip
        #: the commit --base resolved to (None: no --base)
        self.base = base
        #: whether a commit (the first) is an ancestor of another (None: not known)
        self.descends = descends
        #: the register's folder within its repository ("" at the top): a Git command a message
        #: gives names a file from the top, to work wherever in the repository it is typed
        self.prefix = prefix
        #: what was not judged, in one line for the user (a shallow clone: its commits), else None
        self.limited = limited
        #: problems found but acknowledged in govtool.yaml: reports still show them
        self.acknowledged: list[AcknowledgedMistake] = []

    @cached_property
    def recorded(self) -> dict[str, Recorded]:
        """Record ID -> who typed in its completion and closure, from every change (before
        ``--base`` too: a completion committed earlier still counts), read once per run for
        the rule that asks and the action plan alike."""
        register = self.register
        if register is None:
            return recorded_by(self.all_changes, {})
        return recorded_by(self.all_changes, register.people, lambda: default_person(register.people, register.root))

    def current_snapshot(self, record_id: str) -> Snapshot | None:
        return self.current(record_id)

    def location(self, change: Change, field_path: tuple[str | int, ...]) -> tuple[str, int | None]:
        """Where to point the user: the record's file now (with the field's line), else the
        path the change touched."""
        record = self.register.record(change.record_id) if self.register else None
        if record is not None:
            return str(record.path), record.line(*field_path)
        return change.path, None

    def report(self, rule: str, change: Change, field_path: tuple[str | int, ...], message: str) -> Iterator[Report]:
        """Yield the problem unless govtool.yaml acknowledges the commit that made it, marked as
        about ``change`` (:attr:`Report.change`: the gates read it, never the message)."""
        record = change.record_id
        for ack in self.acknowledgements:
            if ack.covers(change.where, rule, record):
                self.acknowledged.append(AcknowledgedMistake(rule, record, change.where, message, ack))
                return
        path, line = self.location(change, field_path)
        yield Report(path, line, record, message, change=change.where.kind)


def acknowledgements_of(register: Register) -> list[Acknowledgement]:
    result = []
    for entry in register.settings.lint.get("acknowledged") or []:
        if isinstance(entry, dict) and isinstance(entry.get("commit"), str):
            result.append(Acknowledgement(
                commit=entry["commit"],
                reason=str(entry.get("reason") or ""),
                rule=entry.get("rule") if isinstance(entry.get("rule"), str) else None,
                record=entry.get("record") if isinstance(entry.get("record"), str) else None,
            ))
    return result


def lint_history(register: Register, base: str | None = None, head: str | None = None, use_cache: bool = True,
                 staged_only: bool = False, view: engine.RepositoryView | None = None) -> History:
    """The history the rules judge. Raises HistoryUnavailable (one reason, with the fix).

    ``base``: judge only what happened after it (``base..HEAD``, the staged index and the
    working tree). ``head``: stop at that commit instead (no staged or working changes).
    ``staged_only``: the staged changes but not the working tree's (what a commit would take).
    ``view``: the register's repository as this run already found it (``lint --staged`` finds it
    to read Git's index; finding it again is one more Git process); None: found here.
    A register cut back to a past ``--as-of`` day (and no ``head``) is judged as on that day:
    only the commits the branch held at its end (:func:`commit_standing_on`: made on or before
    it), each record then as that commit holds it, and nothing staged or uncommitted; ``base``
    too is taken as it stood then, so a branch merged into it later is still that day's branch
    (a base with no commit by then held nothing: every commit of the branch is judged). The
    problems point at the lines of today's files. Not with ``staged_only``: what the commit
    being made does is judged now, whatever the day (the day still sets the other rules' today).
    In a shallow clone only ``staged_only`` (with a ``view`` opened in it) reads anything: the
    staged changes against HEAD, which the clone holds, and no commit (:attr:`History.limited`).
    """
    day = register.as_of if head is None and not staged_only else None
    register = register.as_filed
    if view is None:
        view = engine.open_view(register.root)
    if view.repo.shallow:
        if not staged_only or head is not None or base is not None:
            raise HistoryUnavailable(engine.SHALLOW_FIX)
        changes, reader, tip = engine.read_changes(view, include_working=False, committed=False)
        return History(register, changes, None, engine.current_snapshots(register), acknowledgements_of(register),
                       reader.stats, tip, None, lambda older, newer: gitlog.is_ancestor(view.repo, older, newer),
                       view.prefix, limited=STAGED_ONLY)
    base_sha = None
    if base is not None:  # before reading anything: a misspelt base is the user's to fix
        base_sha = gitlog.resolve(view.repo, base)
        if base_sha is None:
            raise UnknownRevision(f"--base {base}: no such revision in this clone (fetch it first, e.g. git fetch origin {base})")
    current: Callable[[str], Snapshot | None]
    if day is not None:
        tip = commit_standing_on(view.repo.top, day)
        if base_sha is not None:  # the base as it stood then too: a branch merged into it since was not yet
            base_sha = commit_standing_on(view.repo.top, day, base_sha)
        changes, reader = engine.read_changes_until(view, tip, use_cache=use_cache)
        current = engine.snapshots_at(reader, tip).get if tip else _nothing
    else:
        changes, reader, tip = engine.read_changes(
            view, head=head, use_cache=use_cache, include_uncommitted=head is None, for_lint=head is None,
            include_working=not staged_only,
        )
        current = engine.snapshots_at(reader, tip).get if head is not None and tip else engine.current_snapshots(register)
    # A base with no commit by the --as-of day (base_sha None) held nothing: all is the branch's.
    in_scope = None if base is None else (gitlog.commits_in_range(view.repo, base_sha, tip) or set()) if tip else set()
    return History(register, changes, in_scope, current, acknowledgements_of(register), reader.stats, tip,
                   base_sha, lambda older, newer: gitlog.is_ancestor(view.repo, older, newer), view.prefix)


def _nothing(record_id: str) -> Snapshot | None:
    """No record: nothing was committed by the day."""
    return None


def history_rules() -> list[Any]:
    return [spec for spec in all_rules().values() if spec.needs_history]


def run_history_rules(register: Register, history: History, today: Any, base: str | None = None) -> list[tuple[str, Report]]:
    """Every history rule's reports as (rule name, report), with options from govtool.yaml."""
    options = register.settings.lint.get("options") or {}
    ctx = LintContext(register=register, today=today, base=base, history_loader=lambda: history)
    found = []
    for spec in history_rules():
        merged = merged_options(spec, options.get(spec.name), lambda *path: None)
        found += [(spec.name, report) for report in spec.check(ctx, merged)]
    return found


def acknowledged_mistakes(register: Register, today: Any, base: str | None = None) -> list[AcknowledgedMistake]:
    """History problems that lint does not report because govtool.yaml acknowledges them,
    so that reports can still show them (with the reason given)."""
    return trail_story(register, today, base)[1]


def trail_story(register: Register, today: Any, base: str | None = None) -> tuple[
        list[tuple[str, Report]], list[AcknowledgedMistake], dict[str, Recorded]]:
    """What the history rules report (rule name, report), what govtool.yaml acknowledges
    instead, and who typed in each completion and sign-off: one reading of the history for
    the action plan, which shows all three."""
    history = lint_history(register, base)
    reports = run_history_rules(register, history, today, base)
    return reports, history.acknowledged, history.recorded


