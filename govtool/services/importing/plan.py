"""Decide what each row of a plan becomes, before anything is written.

A row becomes a new action (answering a finding of a source), or, in a sheet written by
``govtool export``, the lifecycle steps people asked for in it: a new progress note is an
update, a moved due date with a reason is a re-date. A row is refused, whole, with the row
and column named, when it cannot become valid records (no action, no owner, no readable due
date, an unknown ID) or when it changes what the trail already says. Everything else is
imported, even when lint will object: the point of importing an old plan is to see its
problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from govtool.register.ids import kind_of
from govtool.register.model import Action, Register
from govtool.register.vocabulary import SOURCE_TYPES, STATUS_LABELS
from govtool.report.domain import REGULATIONS
from govtool.services.create import Measure
from govtool.services.importing.columns import Layout
from govtool.services.importing.owners import NewPerson, Owner, OwnerMatcher
from govtool.services.importing.sheet import FORMULA, Sheet
from govtool.services.importing.values import (
    CellValue,
    ValueProblem,
    leading_date,
    note_text,
    read_date,
    read_key_question,
    read_level,
    read_priority,
    read_regulation,
    read_status,
    text_of,
)
from govtool.services.lifecycle import ALLOWED_FROM
from govtool.support.errors import GovtoolError
from govtool.support.terminal import as_typed, printable
from govtool.views.export import COLUMNS, export_table

T = TypeVar("T")


class RowRefused(Exception):
    """The row cannot be imported; each message names the column and the fix (a row with
    several problems lists them all, one a line)."""

    def __init__(self, *problems: str):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass
class FindingPlan:
    """A finding a row answers: one already in the source (``id``), or one to add."""

    text: str
    id: str | None = None
    regulation: str | None = None
    key_question: str | None = None
    level: str | None = None


@dataclass
class SourcePlan:
    """The source rows answer: an existing one (``id``), or one this import creates."""

    key: str
    id: str | None = None
    title: str | None = None
    type: str | None = None
    date: dt.date | None = None
    findings: dict[str, FindingPlan] = field(default_factory=dict)  # folded text -> finding

    @property
    def new_findings(self) -> list[FindingPlan]:
        return [f for f in self.findings.values() if f.id is None]


@dataclass
class NewAction:
    title: str
    owner: Owner
    due: dt.date
    source: SourcePlan
    finding: FindingPlan | None
    created: dt.date | None = None
    reference: str | None = None  # the row's Ref ('1.2', 'R3'), kept on the action
    description: str | None = None
    priority: str | None = None
    measure: Measure = Measure()
    progress: str | None = None
    progress_from_plan: bool = False  # the plan's progress cell (not an exported sheet's 'New progress note')
    progress_date: dt.date | None = None  # the day the sheet gives for it (a date column, or the date it starts with)
    next_milestone: str | None = None
    milestone_due: dt.date | None = None
    status: str | None = None
    status_cell: str | None = None
    change: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass
class Revision:
    """What people asked for in a row of an exported sheet."""

    action_id: str
    note: str | None = None
    next_milestone: str | None = None
    milestone_due: dt.date | None = None
    redate_from: dt.date | None = None
    redate_to: dt.date | None = None
    redate_reason: str | None = None


@dataclass
class Row:
    number: int
    ref: str | None = None
    action_id: str | None = None  # the action a row of an exported sheet changes
    new: NewAction | None = None
    revision: Revision | None = None
    refused: str | None = None
    skipped: str | None = None
    notes: list[str] = field(default_factory=list)
    lone_finding: FindingPlan | None = None  # a finding written on a row with no action

    @property
    def label(self) -> str:
        if self.action_id is not None:
            return f"row {self.number} ({self.action_id})"
        return f"row {self.number}" + (f" (ref {self.ref})" if self.ref else "")


@dataclass
class SourceDefaults:
    """What the command line says about the source of a plain plan (``--source`` etc.)."""

    source_id: str | None = None
    type: str | None = None
    title: str | None = None
    date: dt.date | None = None


@dataclass
class Plan:
    sheet: Sheet
    layout: Layout
    rows: list[Row]
    sources: list[SourcePlan]
    people: OwnerMatcher
    exported: bool  # a sheet written by govtool export

    @property
    def new_people(self) -> list[NewPerson]:
        used = {row.new.owner.new.id for row in self.rows if row.new and row.new.owner.new and not row.refused}
        return [p for p in self.people.proposed.values() if p.id in used]

    @property
    def importable(self) -> list[Row]:
        return [row for row in self.rows if not row.refused and not row.skipped]


#: Export columns that show an action's trail: the sheet cannot change them.
TRAIL_COLUMNS = frozenset({
    "original_due", "times_redated", "last_redate", "last_redate_reason", "latest_update_date", "latest_update", "next_milestone", "milestone_due",
    "completed", "completed_by", "change", "evidence", "closed", "closed_by", "closure_note", "cancelled",
    "cancellation_reason",
})
#: Export columns that show the last re-date: typed in, they are most likely a new re-date's.
_LAST_REDATE_COLUMNS = frozenset({"last_redate", "last_redate_reason"})
#: Export columns that name the owner: matched to the directory as a new row's owner cell is.
_OWNER_COLUMNS = frozenset({"owner", "owner_name"})
#: Export columns that carry the edits people may make, or that depend on the day (RAG).
_INPUT_COLUMNS = frozenset({"due", "rag", "new_note", "redate_reason"})
_EXPORT_HEADERS = {column.header.casefold(): column for column in COLUMNS}


def is_exported(layout: Layout) -> bool:
    """A sheet written by govtool export: its ID column and most of its headings."""
    known = sum(heading.casefold() in _EXPORT_HEADERS for heading in layout.headings if heading)
    return "id" in layout.fields and known >= 10


_SOURCE_TYPE_WORDS = (
    ("mock_inspection", ("mock",)), ("inspection_report", ("cqc", "inspection", "requirement notice", "warning notice")),
    ("safeguarding", ("safeguarding",)), ("complaint", ("complaint",)), ("incident", ("incident", "serious event", "psii")),
    ("audit", ("audit", "review", "assessment", "spot check")),
)


def source_type_of(text: str) -> str | None:
    """'CQC inspection, October 2026' -> inspection_report; 'Falls audit' -> audit."""
    folded = text.casefold().replace("_", " ")
    for source_type in SOURCE_TYPES:
        if folded == source_type.replace("_", " "):
            return source_type
    for source_type, words in _SOURCE_TYPE_WORDS:
        if any(re.search(rf"\b{re.escape(word)}", folded) for word in words):
            return source_type
    return None


class Planner:
    def __init__(self, register: Register, sheet: Sheet, layout: Layout, defaults: SourceDefaults, today: dt.date):
        self.register = register
        self.sheet = sheet
        self.layout = layout
        self.defaults = defaults
        self.today = today
        self.exported = is_exported(layout)
        self.matcher = OwnerMatcher(register.people, today=today)
        self.sources: dict[str, SourcePlan] = {}
        self.key_question: str | None = None  # from a heading row across the sheet ("SAFE")
        #: the finding of the nearest row above that has one, per source: a blank finding cell continues it
        self.above: dict[str, FindingPlan] = {}

    def plan(self) -> Plan:
        rows = []
        start = self.sheet.numbers.index(self.layout.header_row) + 1
        for number, cells in zip(self.sheet.numbers[start:], self.sheet.rows[start:], strict=True):
            row = Row(number)
            try:
                self._row(row, cells)
            except RowRefused as refusal:
                row.refused, row.new, row.revision = str(refusal), None, None
            except GovtoolError as error:
                row.refused, row.new, row.revision = error.message, None, None
            rows.append(row)
        answered = {id(row.new.finding) for row in rows if row.new and row.new.finding}
        for row in rows:
            if row.lone_finding is not None and id(row.lone_finding) in answered:
                row.skipped = "no action on this row: its finding is the one the rows below it answer"
        return Plan(self.sheet, self.layout, rows, list(self.sources.values()), self.matcher, self.exported)

    # -- reading one row's cells --------------------------------------------------------------
    def _cell(self, cells: Sequence[CellValue], name: str) -> CellValue:
        """The field's cell; when it is empty, a second column naming the same field (an
        exported sheet's 'Owner' beside an empty 'Owner ID' in a row people added)."""
        index = self.layout.column(name)
        if index is None:
            return None
        for column in (index, *(i for i, also in self.layout.duplicates if also == name)):
            value = cells[column] if column < len(cells) else None
            if value == FORMULA:
                raise RowRefused(f"{self.layout.describe(column)}: a formula with no value saved in the file: "
                                 "open the file in Excel and save it (or type the value instead of the formula)")
            if value is not None and text_of(value) != "":
                return value
        return None

    def _text(self, cells: Sequence[CellValue], name: str, prose: bool = False) -> str | None:
        value = self._cell(cells, name)
        text = note_text(value) if prose else text_of(value)
        return text or None

    def _read(self, cells: Sequence[CellValue], name: str, reader: Callable[[CellValue], T], row: Row,
              required: bool = False) -> T | None:
        value = self._cell(cells, name)
        if value is None or text_of(value) == "":
            return None
        try:
            return reader(value)
        except ValueProblem as problem:
            where = self.layout.describe(self.layout.fields[name])
            if required:
                raise RowRefused(f"{where}: {problem}") from None
            row.notes.append(f"{where}: {problem}: left out")
            return None

    def _date(self, cells: Sequence[CellValue], name: str, row: Row, required: bool = False,
              after: dt.date | None = None) -> dt.date | None:
        """A date column's date; ``after``: the day the plan was written, after which a month
        with no year ('end of Jan') is read (:func:`read_date`)."""
        read = self._read(cells, name, lambda value: read_date(value, after), row, required)
        if read is None:
            return None
        if read.note:
            row.notes.append(f"{self.layout.describe(self.layout.fields[name])}: {read.note}")
        return read.date

    # -- one row ------------------------------------------------------------------------------
    def _row(self, row: Row, cells: Sequence[CellValue]) -> None:
        texts = [text_of(c) for c in cells if c is not None and c != FORMULA]
        texts = [t for t in texts if t]
        if not texts:
            row.skipped = "blank"
            return
        row.ref = self._text(cells, "ref")
        action_id = self._text(cells, "id")
        if action_id and kind_of(action_id.upper()) == "action":
            if action_id not in self.register.actions:
                raise RowRefused(f"{self.layout.describe(self.layout.fields['id'])}: there is no action {action_id} "
                                 "in this register: clear the ID to import the row as a new action")
            if not self.exported:
                raise RowRefused(f"{action_id} is already in the register: only a sheet written by "
                                 "'govtool export' can change it")
            row.action_id = action_id
            row.revision = self._revision(row, cells, self.register.actions[action_id])
            return
        title = self._text(cells, "title")
        if title is None:
            self._banner(row, cells, texts)
            return
        action = self._new_action(row, cells, title)
        twin = self._already_imported(action)
        if twin is not None:
            row.skipped = f"already in the register as {twin} (the same action on the same source)"
            return
        row.new = action

    def _already_imported(self, action: NewAction) -> str | None:
        """An action with this title on this source: the row was imported before (a sheet
        imported again once its refused rows were put right)."""
        if action.source.id is None:
            return None
        title = _fold(action.title)
        return next((a.id for a in self.register.sources[action.source.id].actions
                     if _fold(a.title or "") == title), None)

    def _banner(self, row: Row, cells: Sequence[CellValue], texts: list[str]) -> None:
        """A row with no action: a finding still to answer, a heading across the sheet, or a note."""
        if len(texts) == 1 and len(texts[0]) <= 40:  # "SAFE", "Is the service well-led?"
            try:
                self.key_question = read_key_question(texts[0])
                self.above.clear()  # a new section: its findings are written below the heading
                row.ref = None  # the heading's text, in whichever column it was typed
                row.skipped = f"a heading: the rows below answer the key question {self.key_question}"
                return
            except ValueProblem:
                pass
        finding = self._text(cells, "finding", prose=True)
        if finding is not None:
            source = self._source(row, cells)
            row.lone_finding = self.above[source.key] = self._finding(row, cells, source, finding)
            row.skipped = "no action on this row: its finding is imported (lint reports it unanswered)"
            return
        column = self.layout.describe(self.layout.fields["title"])
        row.skipped = f"{column} is empty: no action to import"

    def _new_action(self, row: Row, cells: Sequence[CellValue], title: str) -> NewAction:
        """The row's new action; refused with every problem the row has, not only the first, so
        the sheet is put right in one go."""
        problems: list[str] = []

        def attempt(step: Callable[[], T]) -> T | None:
            try:
                return step()
            except RowRefused as refusal:
                problems.extend(refusal.problems)
            except GovtoolError as error:
                problems.append(error.message)
            return None

        # The finding first: a refused row's finding cell still heads the blank ones below it.
        source = attempt(lambda: self._source(row, cells))
        finding = attempt(lambda: self._answers(row, cells, source)) if source is not None else None
        owner = attempt(lambda: self._owner(row, cells))
        after = self._source_day(source) if source is not None else None
        due = attempt(lambda: self._due(row, cells, after))
        created = attempt(lambda: self._date(cells, "created", row))
        if created is not None and due is not None and created > due:
            problems.append(f"{self.layout.describe(self.layout.fields['due'])} {due.isoformat()} is before "
                            f"{self.layout.describe(self.layout.fields['created'])} {created.isoformat()}: an action "
                            "is due after it is raised: correct one of the two dates")
        status = attempt(lambda: self._status(row, cells))
        if problems or source is None or owner is None or due is None:
            raise RowRefused(*problems)
        progress = self._text(cells, "progress", prose=True)
        action = NewAction(
            title=" ".join(title.split()), owner=owner, due=due, source=source, finding=finding,
            created=created, reference=row.ref,
            description=self._text(cells, "description", prose=True),
            priority=self._read(cells, "priority", read_priority, row),
            progress=progress or self._text(cells, "new_note", prose=True),
            progress_from_plan=progress is not None,
            change=self._text(cells, "change", prose=True),
            evidence=_evidence_items(self._text(cells, "evidence", prose=True)),
        )
        if status is not None:
            action.status, action.status_cell = status
        if progress is not None:
            action.progress_date = self._date(cells, "progress_date", row) or leading_date(progress)
        self._measure(row, cells, action)
        self._milestone(row, cells, action, after)
        return action

    def _source_day(self, source: SourcePlan) -> dt.date | None:
        """The day the plan was written for (its source's date): what a month with no year is read after."""
        if source.id is not None:
            known = self.register.sources.get(source.id)
            return known.date if known is not None else None
        return source.date

    def _owner(self, row: Row, cells: Sequence[CellValue]) -> Owner:
        owner_cell = self._text(cells, "owner") or self._text(cells, "owner_name")
        owner_column = self.layout.column("owner") if self.layout.column("owner") is not None else self.layout.column("owner_name")
        if owner_column is None:
            raise RowRefused("no owner column: name it with --map \"HEADING=owner\"")
        try:
            owner = self.matcher.match(owner_cell or "")
        except GovtoolError as error:
            raise RowRefused(f"{self.layout.describe(owner_column)}: {error.message}") from None
        if owner.as_written:  # in the sheet's terms: the row is on its line, the cell's column here
            row.notes.append(f"{self.layout.describe(owner_column)}: {owner.how}")
        elif owner.how:
            row.notes.append(f"owner {owner.how}")
        return owner

    def _due(self, row: Row, cells: Sequence[CellValue], after: dt.date | None) -> dt.date:
        if self.layout.column("due") is None:
            raise RowRefused("no due-date column: name it with --map \"HEADING=due\"")
        due = self._date(cells, "due", row, required=True, after=after)
        if due is None:
            raise RowRefused(f"{self.layout.describe(self.layout.fields['due'])} is empty: every action needs a due date")
        return due

    def _measure(self, row: Row, cells: Sequence[CellValue], action: NewAction) -> None:
        target = self._text(cells, "measure_target", prose=True)
        baseline = self._text(cells, "measure_baseline", prose=True)
        method = self._text(cells, "measure_method", prose=True)
        if (baseline or method) and not target:
            row.notes.append("a baseline or monitoring method with no target (measure): left out, as a measure "
                             "needs the result that means the action worked")
            return
        action.measure = Measure(target, baseline, method)

    def _milestone(self, row: Row, cells: Sequence[CellValue], action: NewAction, after: dt.date | None) -> None:
        milestone = self._text(cells, "next_milestone", prose=True)
        when = self._date(cells, "milestone_due", row, after=after)
        if milestone and when and action.progress:
            if when < self.today:
                row.notes.append(f"next milestone due {when.isoformat()} has passed: left out")
                return
            action.next_milestone, action.milestone_due = milestone, when
        elif milestone or when:
            row.notes.append("a next milestone is recorded with a progress note, and needs both what and when: left out")

    def _status(self, row: Row, cells: Sequence[CellValue]) -> tuple[str, str | None] | None:
        """The status the sheet gives (its Status, else its RAG), and the cell as typed."""
        status_column = "status" if self._cell(cells, "status") is not None else "rag"
        status = self._read(cells, status_column, read_status, row, required=True)
        if status is None:
            return None
        return status, self._text(cells, status_column)

    def _source(self, row: Row, cells: Sequence[CellValue]) -> SourcePlan:
        source_id = self._text(cells, "source_id") or self.defaults.source_id
        if source_id:
            if source_id not in self.register.sources:
                where = "--source" if source_id == self.defaults.source_id else self.layout.describe(self.layout.fields["source_id"])
                raise RowRefused(f"{where}: there is no source {source_id} in this register")
            return self._existing_source(source_id)
        title = self._text(cells, "source") or self.defaults.title or f"Action plan imported from {self.sheet.file.name}"
        same = source_titled(self.register, title)
        if same is not None:  # imported before: answer it again rather than make a second one
            return self._existing_source(same)
        key = "new:" + title.casefold()
        if key not in self.sources:
            type_cell = self._text(cells, "source_type")
            self.sources[key] = SourcePlan(
                key, title=title,
                type=source_type_of(type_cell or "") or self.defaults.type or source_type_of(title),
                date=self._date(cells, "source_date", row) or self.defaults.date,
            )
        return self.sources[key]

    def _existing_source(self, source_id: str) -> SourcePlan:
        plan = self.sources.get(source_id)
        if plan is None:
            plan = self.sources[source_id] = SourcePlan(source_id, id=source_id)
            for finding in self.register.sources[source_id].findings:
                plan.findings[_fold(finding.text or finding.id)] = FindingPlan(
                    finding.text or finding.id, finding.id, regulation=_regulation_of(finding.regulation))
        return plan

    def _answers(self, row: Row, cells: Sequence[CellValue], source: SourcePlan) -> FindingPlan | None:
        """The finding a row's action answers, read as a person reads a published plan: its
        finding cell (or Finding ID); a blank finding cell continues the finding of the row
        above (the finding is written once, above its actions), unless the row names another
        regulation; a regulation alone joins the source's finding under that regulation."""
        text = self._text(cells, "finding", prose=True)
        if text is not None or self._text(cells, "finding_id"):
            finding = self._finding(row, cells, source, text)
        else:
            regulation = self._read(cells, "regulation", read_regulation, row)
            above = None if self.exported else self.above.get(source.key)
            if above is not None and (regulation is None or above.regulation in (None, regulation)):
                return above
            if regulation is None:
                return None
            finding = self._under_regulation(source, regulation) or self._finding(row, cells, source, None)
        self.above[source.key] = finding
        return finding

    def _under_regulation(self, source: SourcePlan, regulation: str) -> FindingPlan | None:
        """The source's one finding under ``regulation``; None when it has none (a finding named
        after the regulation is added); refused when it has several, as the row cannot say which."""
        under = [f for f in source.findings.values() if f.regulation == regulation]
        if len(under) > 1:
            where = self.layout.describe(self.layout.fields["finding"]) if "finding" in self.layout.fields else None
            which = ", ".join(repr(f.text) for f in under)
            raise RowRefused(f"{'the finding cell is blank and ' if where else ''}{source.id or 'the new source'} has "
                             f"{len(under)} findings under Regulation {regulation} ({which}): say which this row "
                             f"answers: " + (f"type its text in {where}" if where else
                                             "add a Finding column with its text, or --map \"HEADING=finding\""))
        return under[0] if under else None

    def _finding(self, row: Row, cells: Sequence[CellValue], source: SourcePlan, text: str | None) -> FindingPlan:
        finding_id = self._text(cells, "finding_id")
        if finding_id:
            known = next((f for f in source.findings.values() if f.id == finding_id), None)
            if known is None:
                where = self.layout.describe(self.layout.fields["finding_id"])
                raise RowRefused(f"{where}: {source.id or 'the new source'} has no finding {finding_id}")
            return known
        regulation = self._read(cells, "regulation", read_regulation, row)
        if text is None and regulation is not None:
            text = f"Regulation {regulation}: {REGULATIONS[regulation]}"
        assert text is not None
        existing = source.findings.get(_fold(text))
        if existing is not None:
            if regulation is not None and existing.regulation not in (None, regulation):
                # The same finding under two regulations: the first row's stands, and the row says so.
                where = self.layout.describe(self.layout.fields["regulation"])
                row.notes.append(f"{where}: Regulation {regulation} differs from the finding's Regulation "
                                 f"{existing.regulation}, given on an earlier row: kept {existing.regulation} "
                                 "(write the finding's text differently if this row answers another finding)")
            return existing
        finding = FindingPlan(
            text, regulation=regulation,
            key_question=self._read(cells, "key_question", read_key_question, row) or self.key_question,
            level=self._read(cells, "level", read_level, row),
        )
        source.findings[_fold(text)] = finding
        return finding

    # -- a row of an exported sheet -----------------------------------------------------------
    def _revision(self, row: Row, cells: Sequence[CellValue], action: Action) -> Revision:
        current = dict(zip((c.key for c in COLUMNS), export_table(self.register, self.today, [action]).rows[0], strict=True))
        changed: list[str] = []
        for index, heading in enumerate(self.layout.headings):
            column = _EXPORT_HEADERS.get(heading.casefold()) if heading else None
            if column is None or column.key in _INPUT_COLUMNS:
                continue
            value = cells[index] if index < len(cells) else None
            if value == FORMULA:
                raise RowRefused(f"{self.layout.describe(index)}: a formula with no value saved in the file")
            # A sheet shows a code in words ('In progress'); one exported before that, the code.
            if _same(value, column.shown(current[column.key])) or _same(value, current[column.key]):
                continue
            if isinstance(recorded_day := current[column.key], dt.date) and _same_day(value, recorded_day):
                continue  # the same day as Excel rewrote it ('20/10/2026' for 2026-10-20, in a CSV it saved)
            if column.key == "reference" and _same_number(value, current[column.key]):
                continue  # '1.10' that Excel made the number 1.1 (a CSV opened in Excel, "Convert to Number")
            if column.key in _OWNER_COLUMNS and action.owner and self.matcher.names(text_of(value), action.owner):
                continue  # the same owner retyped ('Sean O Murchu' for 'Seán Ó Murchú'), as a new row's is matched
            changed.append(column.key)
        recorded = self._already_recorded(row, cells, action, changed)
        if recorded is not None:
            row.skipped = recorded
            return Revision(action.id)
        revision = Revision(action.id, note=self._text(cells, "new_note", prose=True))
        milestone_moved = {"next_milestone", "milestone_due"} & set(changed)
        if milestone_moved and revision.note:
            changed = [key for key in changed if key not in milestone_moved]
            revision.next_milestone = self._text(cells, "next_milestone", prose=True)
            revision.milestone_due = self._date(cells, "milestone_due", row)
        self._refuse_changes(action, changed, cells)
        self._redate(row, cells, action, revision)
        if revision.note is None and revision.redate_to is None:
            row.skipped = "unchanged"
        else:
            _refuse_when_finished(action, revision)
        return revision

    def _already_recorded(self, row: Row, cells: Sequence[CellValue], action: Action, changed: list[str]) -> str | None:
        """Why the row is skipped when the register already has what it asks for: a sheet applied
        once and imported again. Its note is a progress note recorded after the one the sheet
        shows, its re-date one recorded after the re-dates it counts, and the columns it differs
        in are only those that recording them changed. None when the row asks for anything else."""
        note = self._text(cells, "new_note", prose=True)
        reason = self._text(cells, "redate_reason", prose=True)
        if not (note or reason) or not set(changed) <= _CHANGED_BY_IMPORT:
            return None
        found = []
        if note:
            notes = [_comparable(update.note) for update in action.updates]
            shown = _comparable(_sheet_value(self.layout, cells, "latest_update"))
            at = next((i for i in reversed(range(len(notes))) if notes[i] == _comparable(note)), None)
            if at is None or shown != (notes[at - 1] if at else ""):
                return None
            when = action.updates[at].date
            found.append(f"its progress note (recorded {when.isoformat()})" if when else "its progress note")
        if reason:
            due = self._date(cells, "due", row)
            counted = text_of(_sheet_value(self.layout, cells, "times_redated"))
            at = next((i for i in reversed(range(len(action.redates)))
                       if _fold(action.redates[i].reason or "") == _fold(reason) and action.redates[i].to == due), None)
            if at is None or due is None or (counted.isdigit() and int(counted) != at):
                return None
            found.append(f"its re-date to {due.isoformat()}")
        return (f"already imported: {' and '.join(found)} {'is' if len(found) == 1 else 'are'} in {action.id} "
                "(this sheet was imported before): nothing to do")

    def _refuse_changes(self, action: Action, changed: list[str], cells: Sequence[CellValue]) -> None:
        if not changed:
            return
        headers = {c.key: c.header for c in COLUMNS}
        names = ", ".join(repr(headers[key]) for key in changed)
        trail = [key for key in changed if key in TRAIL_COLUMNS]
        if ("status" in changed and set(changed) & _COMPLETION_COLUMNS and set(changed) <= {"status", *_COMPLETION_COLUMNS}
                and action.completion is None):
            raise RowRefused(self._completed_in_sheet(action, changed, cells))  # marked done, with what changed
        if trail:
            if _stale(action, cells, self.layout):
                raise RowRefused(f"{action.id} has changed in the register since this sheet was exported "
                                 f"({names} differ): export again and redo this row")
            misplaced = self._misplaced_reason(action, changed, cells)
            if misplaced is not None:
                raise RowRefused(misplaced)
            raise RowRefused(f"{action.id}: {names} changed: the trail is append-only, so an entry already recorded "
                             "cannot be edited: put it back as exported, and write a 'New progress note' instead")
        if changed == ["status"]:
            raise RowRefused(self._status_changed(action, cells))
        said = f"{action.id}: {names} changed: the import records new progress notes and re-dates only: put it back as exported"
        if action.status == "cancelled":  # 'govtool edit' refuses it too
            raise RowRefused(f"{said}: a cancelled action is kept as it was cancelled")
        command = self._edit_command(action, changed, cells)
        if action.status == "closed":  # signed off as it stands: reopened first, then edited
            raise RowRefused(f"{said}: {action.id} is signed off (closed) as it stands: if it was wrong, reopen it first "
                             f'(govtool reopen {action.id} --reason "...")' + (f", then {command}" if command else ""))
        raise RowRefused(f"{said}, and change it with " + (command if command else "govtool's own commands"))

    def _completed_in_sheet(self, action: Action, changed: list[str], cells: Sequence[CellValue]) -> str:
        """Why a row marked complete in the sheet, with its change and evidence typed beside it, is
        refused, and the 'govtool complete' that records it (the evidence checked as it is saved)."""
        headers = {c.key: c.header for c in COLUMNS}
        names = ", ".join(repr(headers[key]) for key in changed)
        change = self._text(cells, "change")
        evidence = _evidence_items(text_of(_sheet_value(self.layout, cells, "evidence")) or None)
        command = (f"govtool complete {action.id} --change {as_typed(change) if change else chr(34) + '...' + chr(34)} "
                   + (" ".join(f"--evidence {as_typed(item)}" for item in evidence) or "--evidence FILE"))
        return (f"{action.id}: {names} changed: a completion is recorded with its evidence, not by the import: put "
                f"the row back as exported, and record it with {command}")

    def _status_changed(self, action: Action, cells: Sequence[CellValue]) -> str:
        """Why a row whose Status was changed is refused, and the command that records the step it
        asks for (a completion with its change and evidence, a sign-off, a cancellation's reason)."""
        typed = _sheet_value(self.layout, cells, "status")
        was = STATUS_LABELS.get(action.status or "", action.status or "")
        said = f"{action.id}: 'Status' changed from {was!r} to {text_of(typed)!r}"
        try:
            wanted = read_status(typed) if typed is not None else None
        except ValueProblem:
            wanted = None
        note = self._text(cells, "new_note", prose=True)
        step = _status_step(action, wanted, note)
        if step is None:
            return f"{said}: the import records new progress notes and re-dates only: put it back as exported"
        return (f"{said}: the import records new progress notes and re-dates only: put it back as exported, "
                f"and {step}")

    def _edit_command(self, action: Action, changed: list[str], cells: Sequence[CellValue]) -> str | None:
        """The ``govtool edit`` that makes the changes of a row's columns (its new Ref, title, owner,
        measure), as typed in the sheet; None when one of them is not what ``edit`` changes."""
        options: dict[str, str] = {}
        for key in changed:
            option = _EDIT_OPTIONS.get(key)
            if option is None:
                return None
            value = _sheet_value(self.layout, cells, key)
            text = text_of(value)
            if not text:
                if key != "reference":
                    return None  # a title or owner cannot be emptied
                text = "-"  # the Ref cleared: no reference
            if options.setdefault(option, text) != text:
                return None  # 'Owner' and 'Owner ID' changed to different people
        given = " ".join(f"{option} {as_typed(text)}" for option, text in options.items())
        return f"govtool edit {action.id} {given} --reason \"...\""

    def _misplaced_reason(self, action: Action, changed: list[str], cells: Sequence[CellValue]) -> str | None:
        """Why a row whose 'Why it last moved' (or 'Last re-dated') was filled in is refused, when
        that reads as a new re-date's reason typed in the column beside the one for it; None
        otherwise. 'Why it last moved' shows the re-date already recorded; a new one's reason
        goes in 'Re-date reason'."""
        moved = [key for key in changed if key in _LAST_REDATE_COLUMNS]
        if not moved or set(changed) - _LAST_REDATE_COLUMNS or self._text(cells, "redate_reason", prose=True):
            return None
        headers = {c.key: c.header for c in COLUMNS}
        names = " and ".join(repr(headers[key]) for key in moved)
        due = self.layout.describe(self.layout.fields["due"]) if "due" in self.layout.fields else "'Due'"
        if not action.redates:
            return (f"{action.id}: {names} changed, but {action.id} has never been re-dated ({names} "
                    f"{'show' if len(moved) > 1 else 'shows'} the last re-date once there is one): to move the due "
                    f"date, put the reason in 'Re-date reason' beside the new date in {due}, and leave {names} empty")
        last = action.redates[-1]
        was = f" (to {last.to.isoformat()}: {last.reason!r})" if last.to and last.reason else ""
        return (f"{action.id}: {names} changed: {'they show' if len(moved) > 1 else 'it shows'} the re-date already "
                f"recorded{was}, which is not edited: to move the due date again, put the reason in 'Re-date reason' "
                f"beside the new date in {due}, and put {names} back as exported")

    def _redate(self, row: Row, cells: Sequence[CellValue], action: Action, revision: Revision) -> None:
        reason = self._text(cells, "redate_reason", prose=True)
        due = self._date(cells, "due", row, required=True) if self.layout.column("due") is not None else action.due
        where = self.layout.describe(self.layout.fields["due"]) if "due" in self.layout.fields else "Due"
        if due is None:
            raise RowRefused(f"{where} is empty: put the due date back, or give the new one and a 'Re-date reason'")
        if due == action.due:
            if reason:
                raise RowRefused(f"'Re-date reason' is given but {where} still says {due.isoformat()}: "
                                 "change the due date too, or clear the reason")
            return
        if not reason:
            was = action.due.isoformat() if action.due else "empty"
            raise RowRefused(f"{where} moved from {was} to {due.isoformat()} with no 'Re-date reason': a due date "
                             "moves only with its reason: give it, or put the date back")
        revision.redate_from, revision.redate_to, revision.redate_reason = action.due, due, reason


#: The export columns that recording a row's progress note and re-date changes (the status:
#: a first note moves an open action to in progress).
_CHANGED_BY_IMPORT = frozenset({
    "latest_update_date", "latest_update", "next_milestone", "milestone_due", "status", "times_redated",
    "last_redate", "last_redate_reason",
})


def _sheet_value(layout: Layout, cells: Sequence[CellValue], key: str) -> CellValue:
    """The cell of the export column ``key`` in an exported sheet's row (None when it has no such column)."""
    header = next(c.header for c in COLUMNS if c.key == key)
    for index, heading in enumerate(layout.headings):
        if heading.casefold() == header.casefold() and index < len(cells):
            return cells[index]
    return None


def _stale(action: Action, cells: Sequence[CellValue], layout: Layout) -> bool:
    """The register has moved on since the export: more re-dates or a newer progress note than the sheet shows."""
    redates = text_of(_sheet_value(layout, cells, "times_redated"))
    if redates.isdigit() and int(redates) < len(action.redates):
        return True
    shown = _comparable(_sheet_value(layout, cells, "latest_update"))
    earlier = {_comparable(update.note) for update in action.updates[:-1]}
    return bool(action.updates) and (not shown or shown in earlier)


def _status_step(action: Action, wanted: str | None, note: str | None) -> str | None:
    """What records the status a sheet asks for, as a command: None when nothing does."""
    status, at = action.status, action.id
    reason = as_typed(" ".join(note.split())) if note else '"..."'
    if wanted == "completed" and status in ALLOWED_FROM["complete"]:
        return f'record the completion with govtool complete {at} --change "..." --evidence FILE'
    if wanted == "closed" and status in ALLOWED_FROM["close"]:
        return f'sign it off with govtool close {at} --note "..."'
    if wanted == "closed" and status in ALLOWED_FROM["complete"]:
        return (f'record the completion first (govtool complete {at} --change "..." --evidence FILE), then sign it '
                f'off (govtool close {at} --note "...")')
    if wanted == "cancelled" and status in ALLOWED_FROM["cancel"]:
        return f"cancel it with govtool cancel {at} --reason {reason}" + (
            " (the 'New progress note' as its reason)" if note else "")
    if wanted == "in_progress" and status == "open":
        return "write a 'New progress note': the first one moves it to in progress"
    if wanted in ("open", "in_progress") and status in ALLOWED_FROM["reopen"]:
        return f'reopen it with govtool reopen {at} --reason "..."'
    return None


def _refuse_when_finished(action: Action, revision: Revision) -> None:
    """A closed or cancelled action takes no progress note nor re-date: refused in the sheet's
    words, saying what to do instead (reopen a closed one first; a cancelled one stays so)."""
    asked = " and ".join(what for what, given in (("a 'New progress note'", revision.note),
                                                  ("a new 'Due' date", revision.redate_to)) if given)
    if action.status == "closed":
        when = f" on {action.closure.date.isoformat()}" if action.closure and action.closure.date else ""
        raise RowRefused(f"{action.id} was signed off (closed){when}, so {asked} cannot be recorded on it: if the work "
                         f'is not finished, reopen it first (govtool reopen {action.id} --reason "...") and import the '
                         "sheet again; otherwise clear the row's changes")
    if action.status == "cancelled":
        when = f" on {action.cancellation.date.isoformat()}" if action.cancellation and action.cancellation.date else ""
        raise RowRefused(f"{action.id} was cancelled{when}, so {asked} cannot be recorded on it: a cancelled action "
                         "stays as it was cancelled: if the work is needed after all, add it as a new row without an "
                         "ID (a new action); otherwise clear the row's changes")


#: The export columns a completion fills in.
_COMPLETION_COLUMNS = frozenset({"completed", "completed_by", "change", "evidence"})
#: The export columns ``govtool edit`` changes, and its option for each.
_EDIT_OPTIONS = {
    "reference": "--reference", "title": "--title", "description": "--description", "priority": "--priority",
    "owner": "--owner", "owner_name": "--owner", "measure_target": "--target", "measure_baseline": "--baseline",
    "measure_method": "--method",
}
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def _same_number(sheet: CellValue, recorded: object) -> bool:
    """A Ref that Excel turned into a number ('1.10' read as 1.1, in a number cell or a CSV file
    Excel saved) is the reference recorded: the same number, written as Excel writes it."""
    text = text_of(sheet)
    if not isinstance(recorded, str) or not _DECIMAL.fullmatch(text) or not _DECIMAL.fullmatch(recorded):
        return False
    return Decimal(text) == Decimal(recorded)


def _same_day(sheet: CellValue, recorded: dt.date) -> bool:
    """A date cell that names the recorded day however it is written (20/10/2026, 20 Oct 2026), as
    a date column is read. A month alone ('Oct 2026', read as its last day) names no day."""
    try:
        read = read_date(sheet)
    except ValueProblem:
        return False
    return read.note is None and read.date == recorded


def _same(sheet: CellValue, exported: object) -> bool:
    """Equal as a spreadsheet shows them (dates as dates, text without its control characters)."""
    return _comparable(sheet) == _comparable(exported)  # type: ignore[arg-type]


def _comparable(value: CellValue) -> str:
    if isinstance(value, str):
        value = printable(value).replace("\ufffd", "")
    return text_of(value)


def _regulation_of(recorded: str | None) -> str | None:
    """A finding's recorded regulation ('17', 'Regulation 17(2)(b)') as the sheet's are read: '17'."""
    try:
        return read_regulation(recorded) if recorded else None
    except ValueProblem:
        return None


def source_titled(register: Register, title: str) -> str | None:
    """The ID of the one source whose title is ``title`` (case and spacing aside): a plan imported
    before answers it again. None when no source, or more than one, has that title."""
    same = [s.id for s in register.sources.values() if _fold(s.title or "") == _fold(title)]
    return same[0] if len(same) == 1 else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


_EVIDENCE_SPLIT = re.compile(r"\s*[;\n]\s*")


def _evidence_items(text: str | None) -> list[str]:
    return [item for item in _EVIDENCE_SPLIT.split(text) if item] if text else []
