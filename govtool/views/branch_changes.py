"""What a branch did to the plan: the view model behind ``govtool changes BASE..HEAD``.

The plan at the fork point is compared with the plan at the branch's head (so work that
landed on the base branch meanwhile is not counted), and the history rules are run on the
branch's own commits only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from govtool.history import engine, gitlog
from govtool.history.errors import HistoryUnavailable
from govtool.history.model import added_entries
from govtool.history.snapshot import Snapshot
from govtool.lint.history_rules import lint_history, run_history_rules
from govtool.lint.rule import Problem, all_rules
from govtool.register.model import Register


@dataclass(frozen=True)
class Item:
    """One line of the summary: a record and what happened to it."""

    record: str
    title: str | None
    detail: str | None = None
    date: str | None = None


@dataclass
class BranchSummary:
    base: str
    head: str
    fork_point: str | None
    added: list[Item] = field(default_factory=list)
    progress: list[Item] = field(default_factory=list)
    status_changes: list[Item] = field(default_factory=list)
    redated: list[Item] = field(default_factory=list)
    completed: list[Item] = field(default_factory=list)
    closed: list[Item] = field(default_factory=list)
    cancelled: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: every record the branch changed or added
    changed: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def errors(self) -> int:
        return sum(problem.severity == "error" for problem in self.problems)


def parse_range(text: str) -> tuple[str, str]:
    """'main..HEAD', 'main...feature' or just 'main' (meaning main..HEAD)."""
    for separator in ("...", ".."):
        if separator in text:
            base, _, head = text.partition(separator)
            return base or "HEAD", head or "HEAD"
    return text, "HEAD"


def summarise(register: Register, base: str, head: str, today: dt.date) -> BranchSummary:
    """Raises HistoryUnavailable (bad revision, shallow clone, not a repository)."""
    view = engine.open_view(register.root)
    head_sha = gitlog.resolve(view.repo, head)
    base_sha = gitlog.resolve(view.repo, base)
    for name, sha in ((base, base_sha), (head, head_sha)):
        if sha is None:
            raise HistoryUnavailable(f"no such revision: {name} (fetch it first, or check the name)")
    fork = gitlog.merge_base(view.repo, (base_sha, head_sha))  # type: ignore[arg-type]
    reader = engine.Reader(view)
    before = engine.snapshots_at(reader, fork) if fork else {}
    after = engine.snapshots_at(reader, head_sha)  # type: ignore[arg-type]
    summary = BranchSummary(base=base, head=head, fork_point=fork)
    for record_id in sorted(after):
        _describe(summary, record_id, before.get(record_id), after[record_id])
    history = lint_history(register, fork or base_sha, head=head_sha)
    severities = register.settings.lint.get("severity") or {}
    specs = all_rules()
    for rule_name, report in run_history_rules(register, history, today, fork or base_sha):
        severity = severities.get(rule_name, specs[rule_name].severity)
        if severity == "off":
            continue
        summary.problems.append(Problem(rule_name, severity, str(report.path), report.line, report.record, report.message))
    return summary


_STATUS_WORDS = {"in_progress": "in progress"}


def _describe(summary: BranchSummary, record_id: str, old: Snapshot | None, new: Snapshot) -> None:
    title = new.get("title")
    if old != new:
        summary.changed.append(record_id)
    if old is None:
        if new.get("kind") == "action":
            summary.added.append(Item(record_id, title, f"due {new.get('due')}" if new.get("due") else None))
        return
    for entry in added_entries(old, new, "updates"):
        milestone = entry.get("next_milestone")
        detail = _text(entry.get("note")) or ""
        if isinstance(milestone, str):
            due = entry.get("milestone_due")
            detail += f" (next: {milestone}{f', by {due}' if due else ''})"
        summary.progress.append(Item(record_id, title, detail or None, _text(entry.get("date"))))
    if old.get("status") != new.get("status") and new.get("kind") == "action":
        before, after = (_STATUS_WORDS.get(s, s) if s else "none" for s in (old.get("status"), new.get("status")))
        summary.status_changes.append(Item(record_id, title, f"{before} → {after}"))
    for entry in added_entries(old, new, "redates"):
        detail = f"{entry.get('from')} → {entry.get('to')}: {entry.get('reason') or 'no reason given'}"
        summary.redated.append(Item(record_id, title, detail, _text(entry.get("date"))))
    for part, target, text_key in (("completion", summary.completed, "change"),
                                   ("closure", summary.closed, "note"),
                                   ("cancellation", summary.cancelled, "reason")):
        for entry in added_entries(old, new, part):
            target.append(Item(record_id, title, _text(entry.get(text_key)), _text(entry.get("date"))))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
