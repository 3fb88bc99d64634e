"""A source with its findings and the actions that answer each one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from govtool.lint.suppress import scan_bytes
from govtool.register.deadlines import (
    LateAnswer,
    days_late,
    late_answers,
    nothing_recorded,
    sent_on,
    unanswered_findings,
)
from govtool.register.model import Action, Finding, Source
from govtool.register.safefile import read_record_bytes
from govtool.register.yamlload import YamlProblem
from govtool.report.actions import ActionViewBuilder, sort_key
from govtool.report.domain import (
    key_question_label,
    key_question_order,
    regulation_label,
    regulation_sort_key,
    source_type_label,
)
from govtool.report.render import format_date, plural
from govtool.report.views import ActionView, FindingView, ResponseDueView, ResponseNote, SourceView

#: the lint rule whose excuses are the response's explanations
RULE = "response-due"

ActionFilter = Callable[[Action], bool]


def _everything(_: Action) -> bool:
    return True


def finding_order(finding: Finding) -> tuple[bool, int, tuple[int, str], int]:
    """What the provider must do first (a breach: CQC's "must" findings), as an inspector reads
    a plan; then grouped by key question, then regulation, as CQC's reports are; file order within."""
    return (not must_first(finding.level), key_question_order(finding.key_question),
            regulation_sort_key(finding.regulation), finding.index)


def must_first(level: str | None) -> bool:
    """Whether a finding's level puts it before the rest: a "must" (the schema's lowercase word)."""
    return level == "must"


def build_source_view(
    source: Source,
    builder: ActionViewBuilder,
    keep: ActionFilter = _everything,
    keep_unanswered: bool = True,
) -> SourceView:
    """The source, its findings in report order and the actions ``keep`` lets through.

    A finding that no action answers at all is kept (``unanswered``) when ``keep_unanswered``:
    an inspector must see the gap. A finding whose actions were all filtered out is dropped.
    """
    findings = []
    finding_ids = set()
    for finding in sorted(source.findings, key=finding_order):
        finding_ids.add(finding.id)
        every_action = finding.actions
        shown = _views(every_action, builder, keep)
        if not shown and (every_action or not keep_unanswered):
            continue
        findings.append(
            FindingView(
                id=finding.id,
                text=finding.text,
                regulation=finding.regulation,
                regulation_label=regulation_label(finding.regulation),
                key_question=finding.key_question,
                key_question_label=key_question_label(finding.key_question),
                quality_statement=finding.quality_statement,
                framework_ref=finding.framework_ref,
                framework_title=builder.framework_title(finding.framework_ref),
                level=finding.level,
                actions=shown,
                unanswered=not every_action,
                unreadable_answers=[] if every_action else builder.unreadable_answers(source.id, finding.id),
            )
        )
    others = [a for a in source.actions if a.finding_id not in finding_ids]
    return SourceView(
        id=source.id,
        type=source.type,
        type_label=source_type_label(source.type),
        title=source.title,
        date=source.date,
        reference=source.reference,
        summary=source.summary,
        findings=findings,
        other_actions=_views(others, builder, keep),
        path=source.path.as_posix(),
        heading=source_heading(source_type_label(source.type), source.title, source.id),
        response=response_view(source, builder.as_of, builder.register.root),
        cancellation=builder.sign_off(source.cancellation),
    )


def response_view(source: Source, as_of: dt.date, root: Path | None = None) -> ResponseDueView | None:
    """Where the source's ``response_due`` stands on ``as_of``, by the test lint's
    ``response-due``, the digest and the calendar use.

    When the day the response was sent is recorded (``response_sent``, on or before ``as_of``),
    it decides: met (sent by the date) or late by so many days. Otherwise: due (still to come),
    overdue (passed while a finding has no action, or while a source with no findings has no
    action either: nothing shows the response was made), met (every finding had an action by
    then), or "date sent not recorded" when actions were only entered after the date: the day a
    plan was typed in is not the day it was sent, so the plan says what the register shows and
    how to record the day it was sent, never that it was late. With ``root``, the reasons
    written beside the response's lines (``# govtool: ignore[response-due] …``) go with it."""
    due = source.response_due
    if due is None:
        return None
    notes = response_notes(root, source) if root is not None else []
    if source.is_cancelled:
        return ResponseDueView(due, "not_needed", "Not needed", "the source was cancelled", notes=notes)
    missing = [f.id for f in unanswered_findings(source)]
    gap = (_no_action(missing) if missing
           else "no findings and no action recorded" if nothing_recorded(source) else "")
    sent, late_by = sent_on(source, as_of), days_late(source, as_of)
    if sent is not None and late_by is not None:
        verdict = "met" if late_by <= 0 else f"{plural(late_by, 'day')} late"
        here = f"; {gap.removesuffix(' recorded')} recorded here" if gap else ""
        return ResponseDueView(due, "met" if late_by <= 0 else "met_late", f"Sent {format_date(sent)}",
                               verdict + here, sent=sent, notes=notes)
    days = (due - as_of).days
    if days >= 0:
        label = "Due today" if days == 0 else f"Due in {plural(days, 'day')}"
        return ResponseDueView(due, "due", label, gap + " yet" if gap else _answered(source), notes=notes)
    entered = _entered(late_answers(source, as_of))
    if gap:
        detail = gap + (f"; {entered}" if entered else "")
        return ResponseDueView(due, "overdue", f"Overdue by {plural(-days, 'day')}", detail, notes=notes)
    if entered:
        to = " to CQC" if source.type == "inspection_report" else ""
        return ResponseDueView(due, "sent_not_recorded", "Date sent not recorded",
                               f"{entered}; record the day the response was sent{to}: "
                               f"govtool edit {source.id} --response-sent DATE --reason …", notes=notes)
    return ResponseDueView(due, "met", "Met", _answered(source), notes=notes)


def _entered(late: list[LateAnswer]) -> str:
    """What the register shows of answers typed in after the deadline, by the day they were
    entered: 'actions for findings F1, F2 entered in this register on 4 Dec 2026'."""
    by_day: dict[dt.date, list[str]] = {}
    for answer in late:
        by_day.setdefault(answer.raised, []).append(answer.finding.id if answer.finding else "")
    said = []
    for day, findings in sorted(by_day.items()):
        named = [f for f in findings if f]
        if not named:
            what = "action on it"
        elif len(named) == 1:
            what = f"action for finding {named[0]}"
        else:
            what = f"actions for findings {', '.join(named)}"
        said.append(f"{what} entered in this register on {format_date(day)}")
    return "; ".join(said)


def response_notes(root: Path, source: Source) -> list[ResponseNote]:
    """The reasons given in ``# govtool: ignore[response-due] <why>`` comments on the source's
    response lines (``response_due``, ``response_sent``) and its findings' lines: lint is quiet
    about what they excuse, and the plan shows why. The file as it is on disk; one that cannot
    be read gives none."""
    try:
        raw = read_record_bytes(root / source.path)
    except YamlProblem:
        return []
    comments = [c for c in scan_bytes(raw, source.path.as_posix()) if RULE in c.rules and c.reason]
    if not comments:
        return []
    lines: dict[int, str | None] = {}
    for name in ("response_due", "response_sent"):
        line = source.line(name) if name in source.data else None
        if line is not None:
            lines[line] = None
    for finding in source.findings:
        line = source.line("findings", finding.index, "id")
        if line is not None:
            lines.setdefault(line, finding.id)
    notes = []
    for comment in comments:
        on = next((line for line in comment.covers if line in lines), None)
        if on is not None:
            notes.append(ResponseNote(lines[on], comment.reason))
    return notes


def _answered(source: Source) -> str:
    """What answers the response when nothing is missing."""
    return "every finding has an action" if source.findings else "an action answers it (the source lists no findings)"


def _no_action(finding_ids: list[str]) -> str:
    """'finding F2 has no action', 'findings F2, F3 have no action'."""
    if len(finding_ids) == 1:
        return f"finding {finding_ids[0]} has no action"
    return f"findings {', '.join(finding_ids)} have no action"


def source_heading(type_label: str, title: str | None, source_id: str) -> str:
    """The source's title after its type, unless the title already starts with the type."""
    if not title:
        return f"{type_label}: {source_id}"
    if title.casefold().startswith(type_label.casefold()):
        return title
    return f"{type_label}: {title}"


def _views(actions: list[Action], builder: ActionViewBuilder, keep: ActionFilter) -> list[ActionView]:
    return sorted((builder.build(a) for a in actions if keep(a)), key=sort_key)


def source_order(source: Source) -> tuple[int, str, str]:
    """CQC inspection reports first, then the other types; newest first within a type."""
    order = ["inspection_report", "mock_inspection", "audit", "safeguarding", "complaint", "incident"]
    rank = order.index(source.type) if source.type in order else len(order)
    newest_first = "~" if source.date is None else f"{99999999 - int(source.date.strftime('%Y%m%d')):08d}"
    return (rank, newest_first, source.id)
