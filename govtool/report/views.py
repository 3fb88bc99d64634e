"""View models: what a report shows, as plain data (text, numbers, dates), nothing else.

Templates read these and only these; JSON output is these dumped as they are. A field that
the register did not supply is None (or an empty list), never missing, so a template running
under StrictUndefined only fails on a real mistake in the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Header:
    """Who the report is about and the date it is computed for."""

    title: str
    provider: str | None
    location: str | None
    rating: str | None
    as_of: dt.date
    generator: str
    subtitle: str | None = None
    filters: list[str] = field(default_factory=list)
    #: Record files that could not be read (invalid YAML, ...): the report cannot show them.
    unreadable: list[str] = field(default_factory=list)


@dataclass
class PersonView:
    id: str | None
    name: str
    role: str | None
    #: False when the owner is not in the people directory (or has left).
    in_directory: bool
    left: dt.date | None = None


@dataclass
class Rag:
    """A status colour with its word, so that colour is never the only signal."""

    colour: str  # red, amber, green, blue, grey
    label: str  # "Red", "Amber", ...
    reason: str  # "overdue by 12 days", "on track", ...


@dataclass
class RedateView:
    date: dt.date | None
    from_: dt.date | None
    to: dt.date | None
    reason: str | None
    by: str | None
    #: how many days after the due date it moved (``from``) the re-date was recorded (its
    #: ``date``); None when recorded on or before that date, or either date is missing
    days_after_due: int | None = None


@dataclass
class EvidenceView:
    label: str
    #: A link a reader can follow (an http(s) address), or None for text only: a file in the
    #: register is never linked, as a link would point nowhere once the report is emailed.
    href: str | None
    kind: str  # "file", "url", "text"
    #: What a reader needs beside the label: where a file is kept ("evidence/audit.xlsx, held
    #: by the provider, available on request"), or a warning ("file not found").
    note: str | None = None
    #: a file's path within the register (only for a file found there)
    path: str | None = None


@dataclass
class SignOffView:
    date: dt.date | None
    by: str | None
    text: str | None
    #: who typed it in (its commit's author), when not ``by`` and Git tells (the action plan only)
    recorded_by: str | None = None


@dataclass
class CompletionView:
    date: dt.date | None
    by: str | None
    change: str | None
    evidence: list[EvidenceView]
    #: who typed it in (its commit's author), when not ``by`` and Git tells (the action plan only)
    recorded_by: str | None = None


@dataclass
class ReopeningView:
    """A completed or closed action sent back to in progress, with what it set aside."""

    date: dt.date | None
    by: str | None
    reason: str | None
    completion: CompletionView | None
    closure: SignOffView | None


@dataclass
class EditView:
    """A recorded correction of the action's own fields; an owner change is a handover."""

    date: dt.date | None
    by: str | None
    fields: list[str]  # as a reader names them: "title", "measure target", ...
    handed_over_from: str | None  # the previous owner's name, when the owner changed
    reason: str | None


@dataclass
class TrailStep:
    """One re-date, correction or reopening of an action, in the order the trail was written."""

    kind: str  # "redate", "edit" or "reopening"
    index: int  # its place in the action's ``redates``, ``edits`` or ``reopenings``


@dataclass
class MeasureView:
    target: str | None
    baseline: str | None
    method: str | None


@dataclass
class RiskLinkView:
    """'strengthens control C2 of RSK-… (title)'."""

    risk_id: str
    risk_title: str | None
    control_id: str | None
    control_description: str | None
    found: bool


@dataclass
class UpdateView:
    date: dt.date | None
    by: str | None
    note: str | None


@dataclass
class MilestoneView:
    text: str | None
    due: dt.date | None
    past: bool


@dataclass
class ActionView:
    id: str
    title: str | None
    #: its number in the plan it came from ('1.2', 'R3'), shown beside the ID
    reference: str | None
    description: str | None
    owner: PersonView | None
    priority: str | None
    created: dt.date | None
    due: dt.date | None
    status: str | None
    status_label: str
    rag: Rag
    overdue_days: int | None
    redates: list[RedateView]
    #: the Due date column's line about the re-dates ("Re-dated 2× (see progress)", "Re-dated
    #: 5 days after it was due (see progress)", ...); None when never re-dated
    redate_summary: str | None
    measure: MeasureView | None
    #: what every format prints in place of a missing measure: "No measure recorded" exactly
    #: where lint's missing-measure warns, else why none is needed now; None with a measure
    measure_missing: str | None
    edits: list[EditView]
    reopenings: list[ReopeningView]
    #: the re-dates, corrections and reopenings together, by date, and one day's in the order
    #: they were written (from Git; outside Git: re-dates, reopenings, corrections)
    trail_order: list[TrailStep]
    latest_update: UpdateView | None
    next_milestone: MilestoneView | None
    completion: CompletionView | None
    closure: SignOffView | None
    cancellation: SignOffView | None
    risk_link: RiskLinkView | None
    parent_id: str | None
    child_ids: list[str]
    source_id: str | None
    finding_id: str | None
    path: str


@dataclass
class FindingView:
    id: str
    text: str | None
    regulation: str | None
    regulation_label: str | None
    key_question: str | None
    key_question_label: str | None
    quality_statement: str | None
    #: the finding's framework_ref, and that statement's title in the register's framework
    framework_ref: str | None
    framework_title: str | None
    level: str | None
    actions: list[ActionView]
    #: True when no action at all answers the finding (not merely none matching a filter).
    unanswered: bool
    #: the action files that could not be read and may answer it (a manager's trial: a stray
    #: ":" typed in one action made the plan tell the inspector its finding had no action)
    unreadable_answers: list[str] = field(default_factory=list)


@dataclass
class ResponseNote:
    """Why the response stands as it does, in the words of a ``# govtool: ignore[response-due]``
    comment in the source's file: the explanation an inspector reading the plan needs."""

    #: the finding whose line carries the comment; None for the source's response lines
    finding: str | None
    reason: str


@dataclass
class ResponseDueView:
    """A source's ``response_due`` (e.g. the action plan CQC asked for) and where it stands.

    Judged as lint's ``response-due``, the digest and the calendar judge it
    (``register/deadlines.py``): the day the response was sent (``response_sent``) decides
    when it is recorded; otherwise a finding is answered by an action that is not cancelled.
    """

    due: dt.date
    #: "due", "overdue" (a finding with no action, or a source with neither findings nor
    #: actions: nothing shows the response was made), "met" (sent by the date, or every finding
    #: had an action by then), "met_late" (sent after the date), "sent_not_recorded" (actions
    #: entered after the date and the day the response was sent not recorded: the register
    #: cannot say whether it was late) or "not_needed" (the source was cancelled)
    state: str
    #: "Due in 5 days", "Overdue by 13 days", "Sent 18 Nov 2026", "Met", "Date sent not recorded", ...
    label: str
    #: "met", "3 days late", "finding F2 has no action", "every finding has an action", ... (may be empty)
    detail: str
    #: the day the response was sent (``response_sent``), when recorded by the as-of date
    sent: dt.date | None = None
    #: the reasons written beside the response's lines (``# govtool: ignore[response-due] …``)
    notes: list[ResponseNote] = field(default_factory=list)


@dataclass
class SourceView:
    id: str
    type: str | None
    type_label: str
    title: str | None
    date: dt.date | None
    reference: str | None
    summary: str | None
    findings: list[FindingView]
    #: Actions on the source that answer no finding listed in it.
    other_actions: list[ActionView]
    path: str | None
    #: "CQC inspection report: Willowbrook House", without saying the type twice when the title
    #: already starts with it ("CQC inspection report, Willowbrook House").
    heading: str = ""
    #: the response the source asks for by a date, when it has a ``response_due``
    response: ResponseDueView | None = None
    #: when, by whom and why the source was cancelled (recorded by mistake): its findings
    #: then ask for no action
    cancellation: SignOffView | None = None


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class UnexplainedView:
    """A change to an action's trail that the trail does not explain (lint reports it as an
    error until it is put right or acknowledged): the plan shows it, not only lint."""

    record: str
    rule: str
    #: what lint found, without its advice on what to run ("commit 70eda48 (...) moved the due
    #: date of ACT-8TXSWM from 2026-09-30 to 2027-03-31 with no re-date entry")
    what: str


@dataclass
class AcknowledgedView:
    """A history mistake that cannot be undone, acknowledged in govtool.yaml with its reason."""

    record: str
    rule: str
    where: str  # "commit 1a2b3c4 (2026-03-03, Jane Smith)"
    #: what went wrong, in the rule's words ("a record's own fields changed with no entry
    #: saying why"): not lint's message, whose advice on what to run is no reader's business
    what: str
    reason: str


@dataclass
class RagCount:
    colour: str
    label: str
    count: int
