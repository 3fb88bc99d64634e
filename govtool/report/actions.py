"""One action as a report shows it: owner's name and role, RAG status, trail, evidence links."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from govtool.history.trail_order import in_written_order, same_day_kinds, written_steps
from govtool.lint.options import quiet_days
from govtool.register.frameworks.load import framework_of
from govtool.register.frameworks.model import Framework
from govtool.register.model import Action, Completion, Edit, Evidence, Register, SignOff
from govtool.register.rag import next_milestone, rag_status
from govtool.register.recorded import Recorded
from govtool.register.safefile import real_path
from govtool.register.unread import Unreadable, unreadable
from govtool.report.domain import status_label
from govtool.report.render import plural
from govtool.report.views import (
    ActionView,
    CompletionView,
    EditView,
    EvidenceView,
    MeasureView,
    MilestoneView,
    PersonView,
    Rag,
    RedateView,
    ReopeningView,
    RiskLinkView,
    SignOffView,
    TrailStep,
    UpdateView,
)

#: Every (colour, word) a status can show, in the order summaries list them.
RAG_LABELS = [("red", "Red"), ("amber", "Amber"), ("green", "Green"), ("blue", "Blue"), ("grey", "Cancelled")]
#: What the plan says of an evidence file kept in the register, whose path it shows instead of a link
HELD = "held by the provider, available on request"
#: A trail list's field, as a TrailStep names its kind
STEP_KINDS = {"redates": "redate", "reopened": "reopening", "edits": "edit"}


class ActionViewBuilder:
    """Builds :class:`ActionView` objects for one register and date."""

    def __init__(self, register: Register, as_of: dt.date, recorded: Mapping[str, Recorded] | None = None):
        self.register = register
        self.as_of = as_of
        #: who typed in each action's completion and sign-off, from Git (the action plan reads it)
        self.recorded: Mapping[str, Recorded] = recorded or {}
        self._framework: Framework | None = None
        self._quiet_days: int | None = None
        self._unreadable: list[Unreadable] | None = None

    def unreadable_answers(self, source_id: str, finding_id: str) -> list[str]:
        """The action files that could not be read as records and may answer the finding."""
        if self._unreadable is None:
            self._unreadable = unreadable(self.register, "action")
        return [u.path.as_posix() for u in self._unreadable
                if u.may_link("source", source_id) and u.may_link("finding", finding_id)]

    # -- framework -------------------------------------------------------------------------
    @property
    def framework(self) -> Framework:
        """The register's framework, read on first use (only a finding with a reference needs it)."""
        if self._framework is None:
            self._framework = framework_of(self.register.root, self.register.settings.framework)
        return self._framework

    def framework_title(self, code: str | None) -> str | None:
        statement = self.framework.statement(code) if code is not None else None
        return statement.title if statement else None

    # -- people ----------------------------------------------------------------------------
    def person(self, who: str | None) -> PersonView | None:
        if who is None:
            return None
        found = self.register.person(who)
        if found is None:
            return PersonView(id=None, name=who, role=None, in_directory=False)
        still_here = found.in_post_on(self.as_of)
        return PersonView(id=found.id, name=found.name, role=found.role, in_directory=still_here, left=found.left)

    def name(self, who: str | None) -> str | None:
        return self.register.display_name(who) if who else None

    # -- status ----------------------------------------------------------------------------
    def rag(self, action: Action) -> Rag:
        if self._quiet_days is None:
            self._quiet_days = quiet_days(self.register.settings)
        # the one definition, shared with the export: gone quiet as lint's stale-action, no Blue for a self-assured closure
        status = rag_status(action, self.as_of, self.register, self._quiet_days, self.recorded.get(action.id))
        return Rag(status.colour, status.label, status.reason)

    def overdue_days(self, action: Action) -> int | None:
        if action.is_overdue(self.as_of) and action.due is not None:
            return int((self.as_of - action.due).days)
        return None

    def next_milestone(self, action: Action) -> MilestoneView | None:
        milestone = next_milestone(action, self.as_of)
        return MilestoneView(milestone.text, milestone.due, milestone.past) if milestone else None

    # -- evidence --------------------------------------------------------------------------
    def evidence(self, item: Evidence) -> EvidenceView:
        if item.path:
            return self._file_evidence(item.path, item.description)
        if item.url:
            label = item.description or item.url
            if urlsplit(item.url).scheme.lower() in ("http", "https"):
                return EvidenceView(label=label, href=item.url, kind="url")
            return EvidenceView(label=label, href=None, kind="text", note=f"not a web address: {item.url}")
        return EvidenceView(label=item.description or "(no path or address)", href=None, kind="text")

    def _file_evidence(self, path: str, description: str | None) -> EvidenceView:
        """A file in the register shows as its path there, held by the provider: never a link,
        which would point nowhere once the report is emailed or printed."""
        label = description or path
        root = self.register.root
        target = real_path(root / path)  # None: a link loop or a name the system refuses
        if target is None or Path(path).is_absolute() or not (target == root or root in target.parents):
            return EvidenceView(label, None, "text", note=f"{path} is outside the register (not linked)")
        if not target.is_file():
            return EvidenceView(label, None, "file", note=f"{path}: file not found")
        shown = os.path.normpath(path).replace(os.sep, "/")  # as written: "./evidence/x.pdf" is evidence/x.pdf
        return EvidenceView(label, None, "file", note=f"{shown}, {HELD}" if description else HELD, path=shown)

    # -- the whole action ------------------------------------------------------------------
    def build(self, action: Action) -> ActionView:
        measure = action.measure
        # a measure with nothing in it (``measure: {}``) reads as none: "No measure recorded"
        shown = (MeasureView(measure.target, measure.baseline, measure.method)
                 if measure and (measure.target or measure.baseline or measure.method) else None)
        latest = action.latest_update
        completion = action.completion
        redates = [RedateView(r.date, r.from_, r.to, r.reason, self.name(r.by), days_after_due(r.date, r.from_))
                   for r in action.redates]
        return ActionView(
            id=action.id,
            title=action.title,
            reference=action.reference,
            description=action.description,
            owner=self.person(action.owner),
            priority=action.priority,
            created=action.created,
            due=action.due,
            status=action.status,
            status_label=status_label(action.status),
            rag=self.rag(action),
            overdue_days=self.overdue_days(action),
            redates=redates,
            redate_summary=redate_summary(redates),
            measure=shown,
            measure_missing=None if shown else missing_measure_words(action.status),
            edits=[self._edit(e) for e in action.edits],
            reopenings=[ReopeningView(r.date, self.name(r.by), r.reason, self._completion(r.completion),
                                      self.sign_off(r.closure)) for r in action.reopenings],
            trail_order=self.trail_order(action),
            latest_update=UpdateView(latest.date, self.name(latest.by), latest.note) if latest else None,
            next_milestone=self.next_milestone(action),
            completion=self._completion(completion, self._typist(action, "completion")),
            closure=self.sign_off(action.closure, self._typist(action, "closure")),
            cancellation=self.sign_off(action.cancellation),
            risk_link=self.risk_link(action),
            parent_id=action.parent_id,
            child_ids=sorted(child.id for child in action.children),
            source_id=action.source_id,
            finding_id=action.finding_id,
            path=action.path.as_posix(),
        )

    def trail_order(self, action: Action) -> list[TrailStep]:
        """The re-dates, reopenings and corrections by date; one day's in the order they were
        written, which only Git knows when they are of different kinds (read only then)."""
        entries = [*action.redates, *action.reopenings, *action.edits]
        steps = written_steps(self.register.root, action) if same_day_kinds(entries) else {}
        return [TrailStep(STEP_KINDS[str(e.field_path[0])], e.index) for e in in_written_order(entries, steps)]

    def sign_off(self, entry: SignOff | None, typist: str | None = None) -> SignOffView | None:
        return SignOffView(entry.date, self.name(entry.by), entry.text, typist) if entry else None

    def _completion(self, entry: Completion | None, typist: str | None = None) -> CompletionView | None:
        if entry is None:
            return None
        return CompletionView(entry.date, self.name(entry.by), entry.change, [self.evidence(e) for e in entry.evidence],
                              typist)

    def _typist(self, action: Action, part: str) -> str | None:
        """The name of whoever typed in the action's ``part`` (its commit's author), when it is
        not the person the entry names: "Signed off ... by Dr Helen Ward (recorded by Aisha
        Rahman)". None when they are the same, or Git does not tell."""
        recorded = self.recorded.get(action.id)
        typist = getattr(recorded, part) if recorded is not None else None
        entry = action.completion if part == "completion" else action.closure
        if typist is None or entry is None or self.register.same_person(typist, entry.by):
            return None
        return self.name(typist)

    def _edit(self, entry: Edit) -> EditView:
        fields = [f.replace("measure.", "measure ") for f in entry.fields if f != "owner"]
        was = self.name(entry.was.get("owner"))
        if entry.owner_corrected:  # not a handover: a correction naming the owner recorded by mistake
            fields.append(f"owner: {was} recorded by mistake" if was else "owner")
            return EditView(entry.date, self.name(entry.by), fields, None, entry.reason)
        handed_over = was or ("a previous owner" if "owner" in entry.fields else None)
        return EditView(entry.date, self.name(entry.by), fields, handed_over, entry.reason)

    def risk_link(self, action: Action) -> RiskLinkView | None:
        if not action.risk_id:
            return None
        risk, control = action.risk, action.control
        return RiskLinkView(
            risk_id=action.risk_id,
            risk_title=risk.title if risk else None,
            control_id=action.control_id,
            control_description=control.description if control else None,
            found=risk is not None and (action.control_id is None or control is not None),
        )


#: What the plan says of an action with no measure that lint's missing-measure leaves alone:
#: a closed action was signed off as it stood, a cancelled one needs none.
NO_MEASURE_NEEDED = {"cancelled": "None: the action was cancelled", "closed": "None recorded before sign-off"}


def missing_measure_words(status: str | None) -> str:
    """'No measure recorded' where lint's missing-measure warns (an action not yet signed
    off), or why none is asked for now; the same words in Markdown, HTML and Word."""
    return NO_MEASURE_NEEDED.get(status or "", "No measure recorded")


def days_after_due(recorded: dt.date | None, moved_from: dt.date | None) -> int | None:
    """How many days after the due date it moved a re-date was recorded: the first thing an
    inspector asks of a slipping plan is whether the date was moved before it was missed.
    The entry's own date is what the register records (a due date moved by hand earlier and
    recorded later reads from the entry, as the trail does)."""
    if recorded is None or moved_from is None or recorded <= moved_from:
        return None
    return (recorded - moved_from).days


def redate_summary(redates: list[RedateView]) -> str | None:
    """The Due date column's line: how often the date moved, and how often after it was due."""
    if not redates:
        return None
    late = [r.days_after_due for r in redates if r.days_after_due is not None]
    if len(redates) == 1:
        when = f" {plural(late[0], 'day')} after it was due" if late else " 1×"
        return f"Re-dated{when} (see progress)"
    after = f", {len(late)} of them after the due date had passed" if late else ""
    return f"Re-dated {len(redates)}× (see progress){after}"


def sort_key(action: ActionView) -> tuple[bool, dt.date, str]:
    """Cancelled last; earliest due first; undated last; then by ID for a stable order."""
    return (action.status == "cancelled", action.due or dt.date.max, action.id)
