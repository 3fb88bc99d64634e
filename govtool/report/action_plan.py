"""The action plan: every source, each finding with its actions, and a summary on top.

With ``--source-type inspection_report`` it is the provider's response to a CQC report, in
the columns CQC expects (regulation and how it was not met, action, who is responsible,
the date it is due, how it is monitored, progress, evidence), ready to send as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govtool.register.model import Action, Register
from govtool.register.recorded import Recorded
from govtool.register.vocabulary import STATUS_LABELS
from govtool.report.action_dates import quarter_windows
from govtool.report.actions import RAG_LABELS, ActionViewBuilder, sort_key
from govtool.report.by_framework import FrameworkGrouping, group_by_framework
from govtool.report.domain import source_type_label, status_label
from govtool.report.header import build_header
from govtool.report.source_view import ActionFilter, build_source_view, source_order
from govtool.report.views import (
    AcknowledgedView,
    ActionView,
    Header,
    RagCount,
    SourceView,
    StatusCount,
    UnexplainedView,
)

if TYPE_CHECKING:  # Git's history is read only when a plan is written
    from govtool.history.model import AcknowledgedMistake
    from govtool.lint.rule import Report


@dataclass(frozen=True)
class PlanFilters:
    """What to include; every filter is a set of accepted values (empty = everything)."""

    source_types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    #: group the findings by the register's framework instead of by source
    by_framework: bool = False

    def describe(self, register: Register) -> list[str]:
        parts = []
        if self.source_types:
            parts.append("source type: " + ", ".join(source_type_label(t) for t in self.source_types))
        if self.sources:
            parts.append("source: " + ", ".join(self.sources))
        if self.statuses:
            parts.append("status: " + ", ".join(status_label(s) for s in self.statuses))
        if self.owners:
            parts.append("owner: " + ", ".join(register.display_name(o) for o in self.owners))
        return parts

    @property
    def narrows_actions(self) -> bool:
        return bool(self.statuses or self.owners)

    @property
    def narrows_sources(self) -> bool:
        return bool(self.source_types or self.sources)


@dataclass
class PlanSummary:
    actions: int
    by_status: list[StatusCount]
    by_rag: list[RagCount]
    overdue: int
    closed_this_quarter: int
    quarter_start: dt.date
    findings: int
    unanswered_findings: int


@dataclass
class ActionPlan:
    header: Header
    summary: PlanSummary
    #: True for the post-inspection response (only CQC inspection report sources).
    response: bool
    sources: list[SourceView]
    #: Actions raised from the risk register with no source.
    risk_actions: list[ActionView] = field(default_factory=list)
    #: Actions naming a source that does not exist in the register.
    unlinked_actions: list[ActionView] = field(default_factory=list)
    #: The findings by the framework's statements, when asked for (then shown instead of by source).
    by_framework: FrameworkGrouping | None = None
    #: Mistakes in the trail that govtool.yaml acknowledges: lint is quiet about them, the plan is not.
    acknowledged: list[AcknowledgedView] = field(default_factory=list)
    #: Changes to the trail that nothing explains yet (lint's history errors): the plan shows
    #: them too, or a due date moved by hand would read as the plan's own (a consultant's trial).
    unexplained: list[UnexplainedView] = field(default_factory=list)


def build_action_plan(
    register: Register,
    as_of: dt.date,
    filters: PlanFilters = PlanFilters(),
) -> ActionPlan:
    story = read_trail(register, as_of)  # Git once: who typed the entries in, and what is unexplained
    builder = ActionViewBuilder(register, as_of, story.recorded)
    keep = _action_filter(register, filters)
    sources = [
        build_source_view(source, builder, keep, keep_unanswered=not filters.narrows_actions)
        for source in sorted(register.sources.values(), key=source_order)
        if _source_wanted(source.id, source.type, filters) and not source.is_cancelled  # cancelled: recorded by mistake
    ]
    if filters.narrows_actions:
        sources = [s for s in sources if s.findings or s.other_actions]

    loose = [a for a in register.actions.values() if a.source is None and keep(a)]
    risk_only = [a for a in loose if not a.source_id]
    unlinked = [a for a in loose if a.source_id and _source_wanted(a.source_id, None, filters)]
    if filters.narrows_sources:
        risk_only = []
    risk_actions = sorted((builder.build(a) for a in risk_only), key=sort_key)
    unlinked_actions = sorted((builder.build(a) for a in unlinked), key=sort_key)

    response = filters.source_types == ("inspection_report",)
    title = "Action plan: response to the CQC inspection report" if response else "Improvement action plan"
    header = build_header(register, as_of, title, filters=filters.describe(register))
    shown = [a for s in sources for f in s.findings for a in f.actions]
    shown += [a for s in sources for a in s.other_actions] + risk_actions + unlinked_actions
    unexplained, acknowledged = trail_views(story, {a.id for a in shown})
    return ActionPlan(
        header=header,
        summary=_summary(register, shown, sources, as_of),
        response=response,
        sources=sources,
        risk_actions=risk_actions,
        unlinked_actions=unlinked_actions,
        by_framework=group_by_framework(builder.framework, sources) if filters.by_framework else None,
        acknowledged=acknowledged,
        unexplained=unexplained,
    )


@dataclass(frozen=True)
class TrailStory:
    """What the plan takes from Git's history, read once: the history rules' reports, the
    mistakes govtool.yaml acknowledges, and who typed in each completion and sign-off."""

    reports: list[tuple[str, Report]] = field(default_factory=list)
    mistakes: list[AcknowledgedMistake] = field(default_factory=list)
    recorded: dict[str, Recorded] = field(default_factory=dict)


def read_trail(register: Register, as_of: dt.date) -> TrailStory:
    """The history, as the plan needs it. Outside Git there is no history to show, and the
    report says nothing of it rather than fail."""
    from govtool.history.errors import HistoryUnavailable
    from govtool.lint.history_rules import trail_story  # Git only when a plan is written

    try:
        return TrailStory(*trail_story(register, as_of))
    except HistoryUnavailable:
        return TrailStory()


def trail_views(story: TrailStory, shown: set[str]) -> tuple[list[UnexplainedView], list[AcknowledgedView]]:
    """The changes to the trails of the actions shown that nothing explains (the history
    rules' errors), and the mistakes govtool.yaml acknowledges (docs/history.md)."""
    from govtool.lint.rule import all_rules

    rules = all_rules()
    unexplained = [
        UnexplainedView(report.record, name, report.message.split(": ", 1)[0])
        for name, report in story.reports
        if report.record in shown and (report.severity or rules[name].severity) == "error"
    ]
    acknowledged = [
        AcknowledgedView(m.record, m.rule, m.where.describe(), _what_went_wrong(rules[m.rule].summary)
                         if m.rule in rules else m.rule, m.acknowledgement.reason)
        for m in story.mistakes if m.record in shown
    ]
    return unexplained, acknowledged


def _what_went_wrong(summary: str) -> str:
    """A rule's summary as a clause: "A due date changed (in a commit, ...) with no re-date
    entry." -> "a due date changed with no re-date entry"."""
    plain = re.sub(r"\s*\([^()]*\)", "", summary).strip().rstrip(".")
    return plain[:1].lower() + plain[1:]


def _source_wanted(source_id: str, source_type: str | None, filters: PlanFilters) -> bool:
    if filters.sources and source_id not in filters.sources:
        return False
    if filters.source_types and source_type not in filters.source_types:
        return False
    return True


def _action_filter(register: Register, filters: PlanFilters) -> ActionFilter:
    owners = {_owner_key(register, o) for o in filters.owners}

    def keep(action: Action) -> bool:
        if filters.statuses and action.status not in filters.statuses:
            return False
        if owners and _owner_key(register, action.owner) not in owners:
            return False
        return True

    return keep


def _owner_key(register: Register, who: str | None) -> str:
    """Owners compare by directory entry when there is one, else by the folded text."""
    person = register.person(who)
    return f"id:{person.id}" if person else f"text:{(who or '').strip().casefold()}"


def _summary(register: Register, shown: list[ActionView], sources: list[SourceView], as_of: dt.date) -> PlanSummary:
    (quarter_start, _), _ = quarter_windows(as_of)
    statuses = Counter(a.status for a in shown)
    by_status = [StatusCount(s, label, statuses.get(s, 0)) for s, label in STATUS_LABELS.items()]
    unknown = sum(n for s, n in statuses.items() if s not in STATUS_LABELS)
    if unknown:
        by_status.append(StatusCount("unknown", "No valid status", unknown))
    rags = Counter((a.rag.colour, a.rag.label) for a in shown)
    by_rag = [RagCount(colour, label, rags.pop((colour, label), 0)) for colour, label in RAG_LABELS]
    by_rag += [RagCount(colour, label, n) for (colour, label), n in sorted(rags.items())]
    closed_this_quarter = 0
    for view in shown:
        action = register.actions.get(view.id)
        closed = action.closed_on if action else None
        if closed is not None and quarter_start <= closed <= as_of:
            closed_this_quarter += 1
    findings = [f for s in sources for f in s.findings]
    return PlanSummary(
        actions=len(shown),
        by_status=by_status,
        by_rag=by_rag,
        overdue=sum(1 for a in shown if a.overdue_days),
        closed_this_quarter=closed_this_quarter,
        quarter_start=quarter_start,
        findings=len(findings),
        unanswered_findings=sum(1 for f in findings if f.unanswered and not f.unreadable_answers),
    )
