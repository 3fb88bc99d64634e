"""What a branch did to the plan: the view model behind ``govtool changes BASE..HEAD``.

The plan at the fork point is compared with the plan at the branch's head (so work that
landed on the base branch meanwhile is not counted), and the history rules are run on the
branch's own commits only. Every record that differs gets one line in the words ``govtool
show`` uses for a commit (the history reader's :func:`describe_change`), so nothing a branch
did to a record goes unseen; the sections beside it give each new entry's own words (the note,
the reason, the change to practice).

For a past day (``govtool changes --as-of DATE``) both ends are taken as they stood at the end
of that day, as ``lint --as-of`` reads history: each revision's newest commit made on or before
it (:func:`~govtool.support.gitcommand.commit_standing_on`). So commits made later are left out,
and a branch merged into BASE since is still that day's branch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from govtool.history import engine, gitlog
from govtool.history.errors import HistoryUnavailable
from govtool.history.model import Change, Where, added_entries
from govtool.history.record_timeline import describe_change
from govtool.history.snapshot import FOLDER_KINDS, Snapshot
from govtool.lint.history_rules import lint_history, run_history_rules
from govtool.lint.rule import Problem, all_rules
from govtool.register.model import Register
from govtool.support.gitcommand import commit_standing_on


@dataclass(frozen=True)
class Item:
    """One line of the summary: a record and what happened to it."""

    record: str
    title: str | None
    detail: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class RecordChange:
    """One record the branch changed, added or removed, and everything it did to it."""

    record: str
    kind: str | None  # action, source or risk
    title: str | None
    #: what changed, in the words of ``govtool show``'s timeline ("handed over from jane.smith
    #: (on leave)", "risk review added", "re-dated 2026-03-31 → 2026-04-30 (supplier)", ...)
    summaries: list[str]


@dataclass
class BranchSummary:
    base: str
    head: str
    fork_point: str | None
    #: the past day BASE and HEAD were taken as they stood at the end of (None: as they are)
    as_of: str | None = None
    #: every record that differs between the fork point and HEAD, by ID
    records: list[RecordChange] = field(default_factory=list)
    #: new records of every kind: actions, sources, risks
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    #: ``edits`` entries: corrections of a record's own fields, and hand-overs to a new owner
    edited: list[Item] = field(default_factory=list)
    reviewed: list[Item] = field(default_factory=list)
    reopened: list[Item] = field(default_factory=list)
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


def summarise(register: Register, base: str, head: str, today: dt.date, stood_on: dt.date | None = None) -> BranchSummary:
    """Raises HistoryUnavailable (bad revision, shallow clone, not a repository, or with
    ``stood_on`` a HEAD with no commit made by then).

    ``stood_on``: a past day; BASE and HEAD are each taken as the newest commit of their line
    made on or before it (a BASE with none by then holds nothing: all of HEAD's is the branch's).
    """
    view = engine.open_view(register.root)
    resolved = {name: gitlog.resolve(view.repo, name) for name in (base, head)}
    for name, sha in resolved.items():
        if sha is None:
            raise HistoryUnavailable(f"no such revision: {name} (fetch it first, or check the name)")
    head_sha, base_sha = resolved[head] or "", resolved[base]
    if stood_on is not None:
        standing = commit_standing_on(view.repo.top, stood_on, head_sha)
        if standing is None:
            raise HistoryUnavailable(f"{head} has no commit made on or before {stood_on.isoformat()}: "
                                     "there was nothing to summarise that day")
        head_sha, base_sha = standing, commit_standing_on(view.repo.top, stood_on, base_sha or "")
    fork = gitlog.merge_base(view.repo, (base_sha, head_sha)) if base_sha else None
    reader = engine.Reader(view)
    before = engine.snapshots_at(reader, fork) if fork else {}
    after = engine.snapshots_at(reader, head_sha)
    summary = BranchSummary(base=base, head=head, fork_point=fork,
                            as_of=stood_on.isoformat() if stood_on is not None else None)
    for record_id in sorted({*before, *after}):
        _describe(summary, record_id, before.get(record_id), after.get(record_id))
    history = lint_history(register, fork or base_sha, head=head_sha)
    severities = register.settings.lint.get("severity") or {}
    specs = all_rules()
    for rule_name, report in run_history_rules(register, history, today, fork or base_sha):
        severity = severities.get(rule_name, specs[rule_name].severity)
        if severity == "off":
            continue
        summary.problems.append(Problem(rule_name, severity, str(report.path), report.line, report.record, report.message,
                                        report.change))
    return summary


_STATUS_WORDS = {"in_progress": "in progress"}
_FOLDERS = {kind: folder for folder, kind in FOLDER_KINDS.items()}


def _describe(summary: BranchSummary, record_id: str, old: Snapshot | None, new: Snapshot | None) -> None:
    if old == new:
        return
    latest = new if new is not None else old
    assert latest is not None  # the record is in one of the two plans
    kind, title = _text(latest.get("kind")), _text(latest.get("title"))
    summary.changed.append(record_id)
    summary.records.append(RecordChange(record_id, kind, title, describe_change(_change(record_id, kind, old, new))))
    if new is None:
        summary.removed.append(Item(record_id, title, f"the {kind or 'record'} file was removed"))
        return
    if old is None:
        summary.added.append(Item(record_id, title, _new_record(new)))
        return
    for entry in added_entries(old, new, "edits"):
        summary.edited.append(Item(record_id, title, _edit(entry, new), _text(entry.get("date"))))
    for entry in added_entries(old, new, "reviews"):
        score = f"residual {entry.get('likelihood')} × {entry.get('consequence')}"
        note = _text(entry.get("note"))
        summary.reviewed.append(Item(record_id, title, f"{score}: {note}" if note else score, _text(entry.get("date"))))
    for entry in added_entries(old, new, "reopened"):
        summary.reopened.append(Item(record_id, title, _text(entry.get("reason")), _text(entry.get("date"))))
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


def _change(record_id: str, kind: str | None, old: Snapshot | None, new: Snapshot | None) -> Change:
    """The fork point's version against HEAD's, as the history reader hands one change to a
    timeline, so that the branch's records are described in ``govtool show``'s words."""
    path = f"{_FOLDERS.get(kind or '', 'records')}/{record_id}.yaml"
    status = "A" if old is None else "D" if new is None else "M"
    return Change(Where("commit"), status, path, None, old, new)


def _new_record(new: Snapshot) -> str | None:
    """What a reviewer wants to know of a new record at a glance."""
    kind = new.get("kind")
    if kind == "action":
        return f"due {new.get('due')}" if new.get("due") else None
    fields = new.get("fields") or {}
    if kind == "source":
        findings = len({name.split("/")[1] for name in fields if name.startswith("findings/")})
        said = [f"{findings} finding{'' if findings == 1 else 's'}"]
        if fields.get("response_due"):
            said.append(f"response due {fields['response_due']}")
        if fields.get("response_sent"):
            said.append(f"response sent {fields['response_sent']}")
        return ", ".join(said)
    if kind == "risk":
        likelihood, consequence = fields.get("residual.likelihood"), fields.get("residual.consequence")
        return f"residual {likelihood} × {consequence}" if likelihood and consequence else None
    return None


def _edit(entry: dict[str, Any], new: Snapshot) -> str:
    """'owner jane.smith → sam.patel: on leave', 'title, measure.target: the audit is monthly'."""
    listed, was = entry.get("fields"), entry.get("from")
    fields = [f for f in listed if isinstance(f, str)] if isinstance(listed, list) else []
    was = was if isinstance(was, dict) else {}
    finding = _text(entry.get("finding"))
    said = [f for f in fields if f != "owner"]
    words = [f"{'finding ' + finding + ' ' if finding else ''}{', '.join(said)} corrected"] if said else []
    if "owner" in fields:
        handed = "handed over" if entry.get("handover") is not False else "owner corrected"
        words.insert(0, f"{handed} from {was.get('owner') or 'no owner'} to {new.get('owner') or 'no owner'}")
    reason = _text(entry.get("reason"))
    return "; ".join(words or ["edited"]) + (f": {reason}" if reason else "")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
