"""Carry out a plan through the command line's own services, and lint what it made.

Every write goes through :mod:`govtool.services.create`, :mod:`govtool.services.lifecycle` and
:mod:`govtool.services.edits`, so an imported action is saved, checked and committed exactly as
``govtool new action`` and ``govtool update`` would save it. A dry run does the whole import
in a scratch copy of the register (its record files and settings, no Git) and lints the
result there; ``--apply`` does that first too, then repeats in the register itself only the
rows that went through whole, so a row is imported entirely or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from govtool.lint.engine import lint_register
from govtool.lint.rule import Problem
from govtool.register.edit import append_entry
from govtool.register.evidence import EvidenceItem, resolve_evidence
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.register.frameworks.load import REGISTER_FOLDER as FRAMEWORKS_FOLDER
from govtool.register.ids import ALPHABET, LENGTH, PREFIXES
from govtool.register.load import load_register, load_settings
from govtool.register.model import Record, Register, Source
from govtool.services import create, lifecycle
from govtool.services.directory import add_person
from govtool.services.edits import ChangeSeries, SavedChange, edit_record, subject_line
from govtool.services.importing.plan import FindingPlan, NewAction, Plan, Revision, Row, SourcePlan
from govtool.services.importing.values import claims_done
from govtool.support.errors import GovtoolError


@dataclass
class RowResult:
    row: Row
    done: list[str] = field(default_factory=list)  # what was (or would be) done, in order
    record: str | None = None  # the action it made or changed
    refused: str | None = None  # a service refused a step: nothing of the row is kept
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Result:
    rows: list[RowResult]
    changes: list[SavedChange] = field(default_factory=list)  # everything written, in order
    series: ChangeSeries | None = None  # --apply's: the changes with what each left in its files
    setup: list[str] = field(default_factory=list)  # people and sources, before the rows
    source_problems: list[Problem] = field(default_factory=list)
    source_ids: dict[str, str] = field(default_factory=dict)  # SourcePlan.key -> ID
    finding_ids: dict[int, str] = field(default_factory=dict)  # id(FindingPlan) -> its ID in this run
    #: the IDs this run gave new records, which a dry run does not show (the real run gives others)
    new_ids: set[str] = field(default_factory=set)
    show_new_ids: bool = True

    def saved(self, change: SavedChange) -> SavedChange:
        """``change`` was saved: it is one of the result's changes (and of its series, to commit)."""
        if self.series is not None:
            self.series.add(change)  # its changes are the result's
        else:
            self.changes.append(change)
        return change

    def named(self, record_id: str) -> str:
        """' ACT-7Q2K9D', or '' for a record a dry run made in its scratch copy."""
        return "" if record_id in self.new_ids and not self.show_new_ids else f" {record_id}"

    def without_new_ids(self, text: str) -> str:
        """``text`` as a dry run shows it: an ID made in the scratch copy (which the real run
        will not give) written ``ACT-…``, so the dry run's output is the same on every run."""
        if self.show_new_ids or not self.new_ids:
            return text
        new_ids = self.new_ids
        return _GIVEN_ID.sub(lambda found: found[0].split("-", 1)[0] + "-…" if found[0] in new_ids else found[0], text)


Progress = Callable[[int, int], None]

#: An ID as :func:`govtool.register.ids.new_id` gives one: what a run's new records are called.
#: Found in a line by this one pattern and looked up, a line costs the same whether the run
#: made 10 records or 10,000 (a pattern of every new ID made the dry run's report quadratic).
_GIVEN_ID = re.compile(f"(?:{'|'.join(PREFIXES.values())})-[{ALPHABET}]{{{LENGTH}}}")


def run(plan: Plan, root: Path, *, by: str | None, today: dt.date, cwd: Path, register_root: Path, commit: bool,
        dry_run: bool, only: set[int] | None = None, progress: Progress | None = None, no_author: str = "",
        series: ChangeSeries | None = None) -> Result:
    """Do ``plan`` in the register at ``root`` (the register itself, or its scratch copy, whose
    evidence is still looked for in ``register_root``); ``only`` limits it to those sheet rows.

    ``by`` None: no one to record on a trail entry (``no_author`` says why), so a row that would
    write one is refused; rows that only create records are imported. ``series`` (given, the
    result's changes are its changes) is the caller's: each change is added to it as it is saved,
    with what it left in its files, to be committed one by one, or put back if the run fails."""
    rows = [r for r in plan.importable if only is None or r.number in only]
    result = Result([RowResult(row) for row in rows], changes=series.changes if series is not None else [],
                    series=series, show_new_ids=not dry_run)
    used = [r.row for r in result.rows]
    # Only what an imported row answers is made: a finding written for a refused row alone is not.
    wanted = {id(r.new.finding) for r in used if r.new and r.new.finding}
    wanted |= {id(r.lone_finding) for r in plan.rows if r.lone_finding is not None}
    people = [p for p in plan.new_people if any(r.new and r.new.owner.new == p for r in used)]
    for person in people:  # each its own change, as 'govtool person add' makes it
        result.saved(add_person(root, person.id, name=person.name, role=person.role, commit=commit))
    if people:
        result.setup.append("add to the people directory: " + ", ".join(f"{p.id} ({p.name})" for p in people))
    register = load_register(root)
    for source in plan.sources:
        new = [f for f in source.new_findings if id(f) in wanted]
        if new or (source.id is None and any(r.new and r.new.source is source for r in used)):
            _prepare_source(register, source, new, plan, result, commit)
    register = load_register(root)
    for number, outcome in enumerate(result.rows, start=1):
        try:
            _row(register, outcome, result, plan, root=root, by=_Author(by, no_author), today=today, cwd=cwd,
                 evidence_root=register_root, commit=commit)
        except GovtoolError as error:
            outcome.refused = in_sheet_words(str(error))
        if progress is not None:
            progress(number, len(result.rows))
    return result


@dataclass(frozen=True)
class _Author:
    """Who the trail entries an import writes are by, or why there is no one (``who`` None)."""

    who: str | None
    why_not: str

    def of(self, entry: str) -> str:
        """The ``by`` of ``entry`` ('a progress note'); refuses the row when there is no one."""
        if self.who is None:
            raise GovtoolError(f"{entry} records who made it: {self.why_not}")
        return self.who


#: The command-line options a lifecycle step's refusal names, as the exported sheet names them.
_SHEET_WORDS = {"--reason": "'Re-date reason'", "--to": "the new 'Due' date", "--note": "'New progress note'",
                "--next-milestone": "'Next milestone'", "--milestone-due": "'Milestone due'"}
_OPTION = re.compile(r"(?<![\w-])(" + "|".join(re.escape(option) for option in _SHEET_WORDS) + r")(?![\w-])")


def in_sheet_words(message: str) -> str:
    """A step's refusal with the options it names put as the sheet's columns ("--reason 'x' does
    not say why" -> "'Re-date reason' 'x' does not say why"): the user wrote a sheet, not options."""
    return _OPTION.sub(lambda found: _SHEET_WORDS[found.group(1)], message)


def _prepare_source(register: Register, source: SourcePlan, new: list[FindingPlan], plan: Plan, result: Result,
                    commit: bool) -> None:
    """Create a new source with the ``new`` findings, or add them to an existing one.

    The plan is left as it is (a dry run and the real run each number their own records):
    the IDs given go into ``result``.
    """
    if source.id is None:
        if source.type is None or source.date is None:
            raise GovtoolError(f"the new source {source.title!r} needs --source-type and --source-date")
        change = create.new_source(
            register, type=source.type, title=source.title or "", date=source.date,
            findings=[create.FindingInput(f.text, f.regulation, f.key_question, f.level) for f in new],
            commit=commit,
        )
        result.source_ids[source.key] = change.record_id
        result.new_ids.add(change.record_id)
        for number, finding in enumerate(new, start=1):
            result.finding_ids[id(finding)] = f"F{number}"
        result.saved(change)
        result.setup.append(f"create source{result.named(change.record_id)} ({source.type}, {source.date.isoformat()}) "
                            f"{source.title!r} with {len(new)} finding{'' if len(new) == 1 else 's'}")
        return
    result.source_ids[source.key] = source.id
    if not new:
        return
    change = _add_findings(register, source, new, result, plan.sheet.file.name, commit)
    result.saved(change)
    result.setup.append(f"add {len(new)} finding{'' if len(new) == 1 else 's'} to {source.id}: "
                        + ", ".join(result.finding_ids[id(f)] for f in new))


def _add_findings(register: Register, plan: SourcePlan, new: list[FindingPlan], result: Result, file_name: str,
                  commit: bool) -> SavedChange:
    assert plan.id is not None
    taken = {f.id for f in register.sources[plan.id].findings}
    number = 0
    for finding in new:
        number += 1
        while f"F{number}" in taken:
            number += 1
        result.finding_ids[id(finding)] = f"F{number}"
    ids = ", ".join(result.finding_ids[id(f)] for f in new)

    def apply(record: Record, data: CommentedMap) -> SavedChange:
        assert isinstance(record, Source)
        for finding in new:
            append_entry(data, "findings", {
                "id": result.finding_ids[id(finding)], "text": finding.text, "regulation": finding.regulation,
                "key_question": finding.key_question, "level": finding.level,
            })
        return SavedChange(record.id, record.path, subject_line(record.id, f"findings {ids} added", f"import of {file_name}"))

    return edit_record(register.root, plan.id, "source", apply, commit)


def _row(register: Register, outcome: RowResult, result: Result, plan: Plan, *, root: Path, by: _Author,
         today: dt.date, cwd: Path, evidence_root: Path, commit: bool) -> None:
    row = outcome.row
    outcome.notes.extend(row.notes)
    if row.revision is not None:
        _revise(root, outcome, result, row.revision, by=by, today=today, commit=commit)
    elif row.new is not None:
        _create(register, outcome, result, plan, row.new, root=root, by=by, today=today, cwd=cwd,
                evidence_root=evidence_root, commit=commit)


def _create(register: Register, outcome: RowResult, result: Result, plan: Plan, new: NewAction, *, root: Path,
            by: _Author, today: dt.date, cwd: Path, evidence_root: Path, commit: bool) -> None:
    source_id = result.source_ids.get(new.source.key, new.source.id)
    finding_id = (new.finding.id or result.finding_ids.get(id(new.finding))) if new.finding else None
    source = register.sources.get(source_id or "")
    if finding_id is None and source is not None and source.findings:
        raise GovtoolError(_which_finding(source, result, plan))
    # A row added to a sheet govtool exported is new today: the source's date would show it in
    # the plan as raised at the inspection (a manager's trial: 'Improve handover', typed in
    # December, read as answering the October report from the start).
    created = new.created or (today if plan.exported else _created(source, new.due, today))
    if created > today:
        created = today
    dated = _note_date(new, today, outcome) if new.progress else None
    if dated is not None and new.created is None and dated < created:
        created = dated  # the plan's progress was written before the day it is otherwise dated: raised by then
    change = create.new_action(
        register, title=new.title, owner=new.owner.stored, due=new.due, created=created,
        links=create.Links(source=source_id, finding=finding_id),
        priority=new.priority, description=new.description, measure=new.measure, reference=new.reference,
        commit=commit,
    )
    action_id = outcome.record = change.record_id
    result.new_ids.add(action_id)
    answers = (result.named(source_id or "") or " the new source").strip() + (f" {finding_id}" if finding_id else "")
    outcome.done.append(f"create action{result.named(action_id)} {new.title!r}, owner {new.owner.stored}, "
                        f"due {new.due.isoformat()}, answering {answers}")
    outcome.notes.extend(change.notes)
    if dated is not None:  # the row has a progress cell
        _first_note(outcome, result, new, change, action_id, dated, root=root, by=by, today=today, cwd=cwd,
                    evidence_root=evidence_root)
    result.saved(change)  # with its first progress note, when the row has one: the plan as received
    _claimed_status(outcome, result, new, action_id, root=root, by=by, today=today, cwd=cwd,
                    evidence_root=evidence_root, commit=commit)


#: The next milestone of an imported action in progress whose plan names none: its own timescale.
PLAN_MILESTONE = "Action complete by its due date"


def _note_date(new: NewAction, today: dt.date, outcome: RowResult) -> dt.date:
    """The day an imported progress note carries: the day the sheet gives for it, else the day of
    the import, when govtool received it (a manager's trial: dated the inspection's day, last
    week's update read in the CQC plan as written months before, and lint called every action
    quiet since then); never after today, nor before the action was raised when the sheet says
    when that was. A note typed in an exported sheet's 'New progress note' column is today's."""
    if not new.progress_from_plan:
        return today
    given = new.progress_date
    if given is not None and given > today:
        outcome.notes.append(f"the progress update's date {given.isoformat()} is after today: not used")
        given = None
    day = given or today
    if new.created is not None and day < new.created:
        outcome.notes.append(f"the progress update is dated {new.created.isoformat()}, the day the action was "
                             f"raised, not {day.isoformat()}, before it")
        day = new.created
    return day


def _first_note(outcome: RowResult, result: Result, new: NewAction, change: SavedChange, action_id: str,
                dated: dt.date, *, root: Path, by: _Author, today: dt.date, cwd: Path, evidence_root: Path) -> None:
    """The row's progress cell as the new action's first progress note, saved with the action (one
    change: the plan as received). From a plan, it says so and is dated as :func:`_note_date`
    says; a cell that says the work is done ('Complete') while the row is not recorded as
    completed is kept as the plan's claim, not as the action's latest progress. With no next
    milestone in the sheet, the plan's own due date is the next milestone (an action in
    progress says where it is heading: lint's no-trajectory)."""
    assert new.progress is not None
    note = new.progress
    claim = False
    if new.progress_from_plan:
        claim = claims_done(note) and not _will_complete(new, action_id, root, evidence_root, cwd)
        note = (f'From the imported plan: "{note}" (the plan\'s claim: not recorded as completed in govtool)' if claim
                else f"From the imported plan: {note}")
    milestone, milestone_due = new.next_milestone, new.milestone_due
    if milestone is None:
        if new.due >= today:
            milestone, milestone_due = PLAN_MILESTONE, new.due
        else:
            outcome.notes.append(f"no next milestone: the plan's due date {new.due.isoformat()} has passed: add the "
                                 f"next step (govtool update {action_id} --note … --next-milestone … --milestone-due …)")
    noted = lifecycle.update(
        root, action_id, note=note, by=by.of("a progress note"), today=today, next_milestone=milestone,
        milestone_due=milestone_due, on=dated, with_new_record=True)
    what = "progress note"
    if new.progress_from_plan:
        what += f" from the plan, dated {dated.isoformat()}"
        if new.progress_date is None:
            what += " (the day of the import: a 'Date of update' column gives the day it was written)"
    if milestone == PLAN_MILESTONE:
        what += f", next milestone its due date {new.due.isoformat()}"
    outcome.done.append(what)
    outcome.notes.extend(n for n in noted.notes if n.startswith("status "))
    if claim:
        said = (f"progress {_short(new.progress, 30)!r} says the work is done, but it is not recorded as completed: "
                "the note keeps it as the plan's claim")
        if new.status not in ("completed", "closed"):  # else the status's own note says how to record it
            said += f"; record the completion with 'govtool complete {action_id} --change … --evidence …'"
        outcome.notes.append(said)
    change.body = (f"{change.body}\n\n" if change.body else "") + f"With the plan's progress note, dated {dated.isoformat()}:\n{note}"


def _will_complete(new: NewAction, action_id: str, root: Path, evidence_root: Path, cwd: Path) -> bool:
    """Whether the row's status, change and evidence record a completion (:func:`_claimed_status`)."""
    if new.status not in ("completed", "closed") or not new.change:
        return False
    evidence, _unusable = _evidence(evidence_root, cwd, new.evidence)
    if not evidence:
        return False
    from govtool.services.precheck import Judge  # as lifecycle.complete judges it

    judged = Judge(load_settings(root)).completion(Path("actions") / f"{action_id}.yaml", new.change)
    return judged is None or judged.severity != "error"


def _which_finding(source: Source, result: Result, plan: Plan) -> str:
    """Why a row that names no finding cannot answer a source that has findings, in the sheet's terms."""
    shown = ", ".join(f"{f.id} {_short(f.text or '')!r}" for f in source.findings[:4])
    more = ", …" if len(source.findings) > 4 else ""
    layout = plan.layout
    if "finding" in layout.fields:
        fix = (f"{layout.describe(layout.fields['finding'])} is blank, with no finding on a row above: type the "
               "finding's text (or its ID) there")
    else:
        fix = ("the sheet has no Finding column: add one with the finding's text (or its ID), or name the column "
               "that holds it with --map \"HEADING=finding\"")
    return f"which finding does this row answer? {source.id} has findings {shown}{more}: {fix}"


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _created(source: Source | None, due: dt.date, today: dt.date) -> dt.date:
    """When a row says nothing: the source's date (the plan answers it), never after the due date."""
    start = source.date if source and source.date else today
    return min(start, due, today)


def _claimed_status(outcome: RowResult, result: Result, new: NewAction, action_id: str, *, root: Path, by: _Author,
                    today: dt.date, cwd: Path, evidence_root: Path, commit: bool) -> None:
    """What the sheet's status column says, done the way govtool records it (or said why not)."""
    status, cell = new.status, new.status_cell
    if status in (None, "open"):
        return
    if status == "in_progress":
        if not new.progress:
            outcome.notes.append(f"status {cell!r}: stays open until its first progress note")
        return
    if status == "cancelled":
        reason = new.progress or f"marked {cell!r} in the imported plan"
        _done(outcome, result, lifecycle.cancel(root, action_id, reason=reason, by=by.of("a cancellation"), today=today,
                                                commit=commit),
              "cancel")
        return
    evidence, unusable = _evidence(evidence_root, cwd, new.evidence)
    if new.change and evidence:
        signer = by.of("a completion")  # outside the try: no one to record refuses the row
        try:
            completed = lifecycle.complete(
                root, action_id, change_text=new.change, by=signer, today=today, commit=commit,
                evidence=[(item, item.default_description) for item in evidence])
        except GovtoolError as refusal:  # judged before it is written: the action stays as it is
            outcome.notes.append(f"status {cell!r}: not recorded as completed: {refusal.message}")
            return
        _done(outcome, result, completed, "record completion")
        if status == "closed":
            outcome.notes.append(f"status {cell!r}: sign it off with 'govtool close {action_id}' once governance "
                                 "has checked the evidence")
        return
    missing = []
    if not new.change:
        missing.append("no change to practice (a column such as 'Outcome' or 'Change to practice')")
    if not evidence:
        missing.append("no evidence that is a web address or a file in the register"
                       + (f" ({'; '.join(unusable)})" if unusable else ""))
    outcome.notes.append(f"status {cell!r}: not recorded as completed: {' and '.join(missing)}: record it with "
                         f"'govtool complete {action_id} --change … --evidence …'")


def _evidence(root: Path, cwd: Path, given: list[str]) -> tuple[list[EvidenceItem], list[str]]:
    items, unusable = [], []
    for text in given:
        try:
            items.append(resolve_evidence(root, cwd, text))
        except GovtoolError:
            unusable.append(text)
    return items, unusable


def _revise(root: Path, outcome: RowResult, result: Result, revision: Revision, *, by: _Author, today: dt.date,
            commit: bool) -> None:
    outcome.record = revision.action_id
    if revision.note:
        milestone = (f", next milestone {_short(revision.next_milestone)!r} due {revision.milestone_due.isoformat()}"
                     if revision.next_milestone and revision.milestone_due else "")
        _done(outcome, result, lifecycle.update(
            root, revision.action_id, note=revision.note, by=by.of("a progress note"), today=today,
            next_milestone=revision.next_milestone, milestone_due=revision.milestone_due, commit=commit),
            f"progress note {_short(revision.note, 60)!r}{milestone}")
    if revision.redate_to is not None:
        moved = f"from {revision.redate_from.isoformat()} " if revision.redate_from else ""
        _done(outcome, result, lifecycle.redate(
            root, revision.action_id, to=revision.redate_to, reason=revision.redate_reason or "", by=by.of("a re-date"),
            today=today,
            commit=commit), f"re-date {moved}to {revision.redate_to.isoformat()} "
                            f"({_short(revision.redate_reason or '')!r})")


def _done(outcome: RowResult, result: Result, change: SavedChange, what: str) -> None:
    outcome.done.append(what)
    outcome.notes.extend(change.notes)
    result.saved(change)


# -- the scratch copy and lint ----------------------------------------------------------------

@contextmanager
def scratch_copy(root: Path) -> Iterator[Path]:
    """A copy of what lint reads in the register (settings, record files, the register's own
    frameworks), outside any Git repository; evidence files are copied as needed."""
    with tempfile.TemporaryDirectory(prefix="govtool-import-") as folder:
        copy = Path(folder) / "register"
        copy.mkdir()
        shutil.copy2(root / SETTINGS_FILE, copy / SETTINGS_FILE)
        for name in (*RECORD_FOLDERS.values(), FRAMEWORKS_FOLDER):
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name, symlinks=True)
        yield copy


def copy_evidence(root: Path, copy: Path, result: Result) -> None:
    """The evidence files the touched actions point to, so lint in the copy finds them."""
    register = load_register(copy, use_cache=False)
    for outcome in result.rows:
        action = register.actions.get(outcome.record or "")
        if action is None or action.completion is None:
            continue
        for item in action.completion.evidence:
            if item.path and (root / item.path).is_file() and not (copy / item.path).exists():
                (copy / item.path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(root / item.path, copy / item.path)


class IdSwap:
    """Writes each record ID of a map (scratch copy -> register) as its new ID, in any text: the
    map is read once, so renaming every problem of a large import costs one pass per text."""

    def __init__(self, ids: Mapping[str, str]):
        self.moved = {old: new for old, new in ids.items() if old != new}  # an existing action keeps its ID
        self.pattern: re.Pattern[str] | None = None
        if self.moved and all(_GIVEN_ID.fullmatch(old) for old in self.moved):
            self.pattern = _GIVEN_ID  # found by the one pattern of a new ID, then looked up
        elif self.moved:
            self.pattern = re.compile("|".join(re.escape(i) for i in sorted(self.moved, key=len, reverse=True)))

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        moved = self.moved
        return self.pattern.sub(lambda found: moved.get(found[0], found[0]), text)


def renamed(problems: list[Problem], ids: Mapping[str, str] | IdSwap) -> list[Problem]:
    """``problems`` with the records ``ids`` maps (scratch copy -> register) named by their new IDs."""
    swap = ids if isinstance(ids, IdSwap) else IdSwap(ids)
    if swap.pattern is None:
        return problems
    return [replace(p, path=swap(p.path), record=swap(p.record) if p.record else p.record,
                    message=swap(p.message)) for p in problems]


def with_ids(text: str, ids: Mapping[str, str] | IdSwap) -> str:
    """``text`` with each record ID ``ids`` maps (scratch copy -> register) written as its new ID."""
    return (ids if isinstance(ids, IdSwap) else IdSwap(ids))(text)


def attach_problems(root: Path, result: Result, today: dt.date) -> list[str]:
    """Lint the records the import made or changed; each problem goes to its row."""
    by_path = {f"actions/{o.record}.yaml": o for o in result.rows if o.record and not o.refused}
    sources = {f"sources/{sid}.yaml" for sid in result.source_ids.values()}
    if not by_path and not sources:
        return []
    linted = lint_register(root, today, paths=sorted({*by_path, *sources}))
    for problem in linted.problems:
        if problem.path in by_path:
            by_path[problem.path].problems.append(problem)
        else:
            result.source_problems.append(problem)
    return linted.notices
