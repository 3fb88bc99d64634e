"""An action's lifecycle: progress notes, re-dates, completion, closure, cancellation, reopening.

open -> in_progress -> completed -> closed, and cancelled from any state but closed; a
completed or closed action can be reopened (back to in_progress). Each step appends to the
action's trail (never edits it) and is refused, with nothing written, when the action is not
in a state the step follows. Completion and sign-off are judged before they are written: a
change that ``completion-without-change`` rejects is refused, not recorded. The functions take values already checked and
resolved (dates as dates, people as the IDs to store); they know nothing of the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml.comments import CommentedMap

from govtool.register.edit import append_entry, set_field
from govtool.register.evidence import EvidenceItem
from govtool.register.load import load_settings
from govtool.register.model import Action, Record, Register
from govtool.register.stated_deadline import long_date, stated_deadline
from govtool.services.edits import SavedChange, after, edit_record, subject_line
from govtool.services.evidence_files import copied_in, copy_notes
from govtool.support.errors import GovtoolError

if TYPE_CHECKING:  # the judging itself is imported by the steps that judge
    from govtool.history.model import Change
    from govtool.services.precheck import Judged

#: The states each step may start from.
ALLOWED_FROM = {
    "update": ("open", "in_progress"),
    "redate": ("open", "in_progress", "completed"),
    "complete": ("open", "in_progress"),
    "close": ("completed",),
    "cancel": ("open", "in_progress", "completed"),
    "reopen": ("completed", "closed"),
    "edit": ("open", "in_progress", "completed"),
    "add_evidence": ("completed", "closed"),
}

_WHY_NOT = {
    ("update", "completed"): "progress notes are for open and in-progress actions: sign it off with 'govtool close'",
    ("update", "closed"): "it is signed off: if work on it goes on after all, reopen it first with 'govtool reopen "
                          "ID --reason ...'; news that came after, such as a re-audit, goes on with "
                          "'govtool complete ID --evidence ...'",
    ("update", "cancelled"): "a cancelled action is kept as it was cancelled: open a new action if the work is "
                             "needed after all",
    ("redate", "closed"): "it is signed off, so it has no due date left to move",
    ("close", "open"): "only a completed action can be signed off: record its completion first with 'govtool complete'",
    ("close", "in_progress"): "only a completed action can be signed off: record its completion first with 'govtool complete'",
    ("complete", "completed"): "it is already completed: sign it off with 'govtool close', "
                               "or if the completion was wrong, reopen it first with 'govtool reopen'",
    ("cancel", "cancelled"): "it is already cancelled",
    ("cancel", "closed"): "a closed action stays closed: open a new action if more work is needed",
    ("complete", "closed"): "it is already closed: if the completion was wrong, reopen it first with 'govtool reopen'",
    ("reopen", "open"): "only a completed or closed action can be reopened",
    ("reopen", "in_progress"): "only a completed or closed action can be reopened",
    ("reopen", "cancelled"): "a cancelled action stays cancelled: open a new action if the work is needed after all",
    ("edit", "closed"): "it is signed off as it stands: if the action itself was wrong, reopen it first with 'govtool reopen'",
    ("edit", "cancelled"): "a cancelled action is kept as it was cancelled",
    ("add_evidence", "open"): "evidence goes with its completion: record it with 'govtool complete ID --change ... --evidence ...'",
    ("add_evidence", "in_progress"): "evidence goes with its completion: record it with 'govtool complete ID --change ... --evidence ...'",
}


def check_step(action: Action, step: str) -> None:
    status = action.status or "unknown"
    if status in ALLOWED_FROM[step]:
        return
    why = _WHY_NOT.get((step, status)) or f"a {status} action cannot be {_PAST[step]}"
    raise GovtoolError(f"{action.id} is {status.replace('_', ' ')}: {why}")


#: Each step's trail entry: the part of the file it goes to, and what a refusal calls it.
ENTRIES = {
    "update": ("updates", "progress note"),
    "redate": ("redates", "re-date"),
    "complete": ("completion", "completion"),
    "close": ("closure", "sign-off"),
    "cancel": ("cancellation", "cancellation"),
    "reopen": ("reopened", "reopening"),
    "add_evidence": ("completion", "addition of evidence"),
}


def check_entry_date(action: Action, step: str, on: dt.date, today: dt.date) -> None:
    """Refuse ``--date`` for the entry ``step`` writes when lint would report the entry: dated
    after ``today`` (``future-date``), or before what it follows (``trail-date-order``: the
    action's creation, the entry of its list before it, for a completion the last progress
    note and reopening, for a progress note the last reopening, the completion a sign-off
    signs off, the completion and sign-off a reopening sets aside). A completion is not dated
    before the last re-date either: every re-date on file was made before it. Evidence added to a completion is not dated before that
    completion."""
    from govtool.lint.rules.dates import SET_ASIDE, date_floors

    part, noun = ENTRIES[step]
    refuse_future(on, today, noun)
    given = f"--date {on.isoformat()}"
    completion = action.completion
    if step != "add_evidence":
        floors = [(floor.kind, floor.date, floor.label) for floor in date_floors(action, part, recording=True)]
    elif completion is not None and completion.date is not None:
        floors = [("completed", completion.date, completion.label)]
    else:
        floors = []
    broken = [floor for floor in floors if on < floor[1]]
    if not broken:
        return
    kind, date, label = max(broken, key=lambda floor: floor[1])  # the latest day it must follow names the fix
    day = date.isoformat()
    set_aside, done = SET_ASIDE.get(label, ("completion", "completed"))
    conflict = {
        "created": f"is before {action.id} was created ({day})",
        "earlier": f"is before its last {noun} ({label}, {day}): entries go oldest first",
        "signed-off": f"is before the completion it signs off ({day})",
        "completed": f"is before the completion it is added to ({day})",
        "progress": f"is before the last progress note ({label}, {day}): the work was still going on then",
        "reopened": (f"is before the last reopening ({label}, {day}), which set the earlier completion aside"
                     if step != "update" else f"is before the last reopening ({label}, {day}): a note written "
                                              "since is part of the reopened work"),
        "re-dated": f"is before the last re-date ({label}, {day}), which gave the work more time",
        "set-aside": f"is before the {set_aside} it sets aside ({day}): an action is reopened after it was {done}",
    }[kind]
    fix = f"give the day the {noun} happened, on or after {day}"
    if kind in ("progress", "reopened", "re-dated"):
        fix = f"date the {noun} on or after {day}, or leave out --date to record it today"
    rule = "" if kind in ("completed", "re-dated") else " (lint's trail-date-order reports an entry dated earlier)"
    tip = ""
    if kind == "created":
        # The work began before the action was typed in: the action's own date is the fix.
        tip = (f"; for work done before the action was recorded, record the action with the day it began "
               f"(govtool new action ... --created {on.isoformat()}) and cancel {action.id} "
               f"(govtool cancel {action.id} --reason \"Recorded again with the day the work began\")")
    raise GovtoolError(f"{given} {conflict}: {fix}{rule}{tip}")


def refuse_future(on: dt.date, today: dt.date, noun: str) -> None:
    """Refuse ``--date`` after ``today``: a trail entry records what has happened (lint's
    ``future-date``)."""
    from govtool.lint.rules.dates import in_future

    if in_future(on, today):
        raise GovtoolError(f"--date {on.isoformat()} is in the future: give the day the {noun} happened, today "
                           f"({today.isoformat()}) at the latest (lint's future-date reports an entry dated later)")


def say_dated(change: SavedChange, noun: str, on: dt.date | None, today: dt.date) -> SavedChange:
    """Say in the output and in the commit's body that the entry carries the day it happened,
    when that is not the day it is recorded (Git dates the commit today)."""
    if on is not None and on != today:
        change.notes.insert(0, f"the {noun} is dated {on.isoformat()}, the day it happened (recorded {today.isoformat()})")
        dated = f"Dated {on.isoformat()}, the day it happened; recorded {today.isoformat()}."
        change.body = f"{change.body}\n\n{dated}" if change.body else dated
    return change


_PAST = {"update": "updated", "redate": "re-dated", "complete": "completed", "close": "closed", "cancel": "cancelled",
         "reopen": "reopened", "edit": "edited", "add_evidence": "given evidence"}


def text(value: str, option: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise GovtoolError(f"{option} is empty: say what happened")
    return cleaned


#: What a reason for each step should say, with an example: said when one says nothing.
REASON_HELP = {
    "redate": "say what delayed it (e.g. 'Supplier cannot deliver the new hoist until March')",
    "cancel": "say why the action is no longer needed and what answers the finding instead "
              "(e.g. 'Superseded by ACT-7Q2K9E, which replaces paper MAR charts with eMAR')",
    "reopen": "say what showed the work is not finished (e.g. 'The re-audit found old consent forms still "
              "in use on Oak unit')",
    "cancel_source": "say why it was recorded by mistake (e.g. 'Recorded twice: the same inspection report is SRC-7Q2K9D')",
}


def reason_text(value: str, step: str, option: str = "--reason") -> str:
    """A reason for ``step`` (a key of :data:`REASON_HELP`) as given, refused when it says nothing
    ("n/a", "not needed", "x"): the reason is all an inspector learns of why a date moved or an
    action was dropped or reopened."""
    return _says_something(value, option, f"does not say why: {REASON_HELP[step]}")


def _says_something(value: str, option: str, refusal: str) -> str:
    """``value`` cleaned, refused with ``refusal`` when it says nothing (:func:`says_nothing`)."""
    from govtool.judgement.reason import says_nothing

    cleaned = text(value, option)
    if says_nothing(cleaned):
        raise GovtoolError(f"{option} {cleaned!r} {refusal}")
    return cleaned


#: What a progress note says, with an example: said when one says nothing.
PROGRESS_HELP = ("a progress note says what happened since the last one (e.g. '12 of 20 care plans re-audited; "
                 "8 still lack a falls risk assessment, due by Friday')")


def progress_note_text(value: str, option: str = "--note") -> str:
    """A progress note typed at the command line, refused when it says nothing ("ongoing", "ok",
    ".", "see above"): it goes into the trail for good, and an inspector reads "ongoing" as no
    progress. Imports keep a sheet's notes as written (a published plan's "Ongoing" is its
    history), so this is the command's check, not :func:`update`'s."""
    return _says_something(value, option, f"says nothing: {PROGRESS_HELP}")


#: What a sign-off note says, with an example: said when one says nothing.
CLOSURE_HELP = ("a sign-off note says which evidence was checked, by whom, and what it shows is now different, "
                "measured (e.g. 'March governance meeting checked the three weekly MAR audits: 99% complete, was 82%')")

#: A sign-off note that only repeats that the action was signed off ("Signed off", "Approved",
#: "Checked"): it says neither what was checked nor what it showed.
_SIGN_OFF_STAMP = re.compile(
    r"^\W*(?:(?:evidence\s+)?(?:checked|seen|reviewed|verified|confirmed)|signed[\s-]*off|sign[\s-]*off|closed?|"
    r"complete[d]?|approved|agreed|accepted|yes|fine|good|all\s+good|ok(?:ay)?\s+to\s+close)\W*$",
    re.IGNORECASE,
)


def closure_note_text(value: str, option: str = "--note") -> str:
    """A sign-off note as given, refused when it says nothing ("ok", "done", "n/a", ".") or only
    repeats the sign-off ("Signed off", "Approved"): the note is an inspector's only account of
    what governance checked before the action was closed, and it cannot be changed once written."""
    from govtool.judgement.reason import says_nothing

    cleaned = text(value, option)
    if says_nothing(cleaned) or _SIGN_OFF_STAMP.match(cleaned):
        raise GovtoolError(f"{option} {cleaned!r} does not say what was checked: {CLOSURE_HELP}")
    return cleaned


def said_change(value: str, action_id: str, option: str = "--change") -> str:
    """A completion's change as given, refused when it says nothing ("ok", "done", "n/a", ".")
    whatever govtool.yaml grades ``completion-without-change``: that rule reports every such
    note, and is given the last word only on a change that says something. The refusal is in the
    rule's words."""
    from govtool.judgement.reason import says_nothing

    cleaned = text(value, option)
    if says_nothing(cleaned):
        from govtool.lint.rules.judgement import no_change_message

        why = no_change_message(cleaned) or f"completion {cleaned!r} says nothing: say what is now different and how you know"
        raise GovtoolError(f"{action_id}: the completion is not recorded: {why}")
    return cleaned


def _set_status(action: Action, data: CommentedMap, status: str) -> str:
    set_field(data, "status", status, after("status"))
    return f"{action.status} -> {status}"


def update(
    root: Path, action_id: str, *, note: str, by: str, today: dt.date,
    next_milestone: str | None = None, milestone_due: dt.date | None = None, commit: bool = False,
    on: dt.date | None = None, with_new_record: bool = False,
) -> SavedChange:
    """Add a progress note, dated ``on`` (the day it happened; default ``today``); the first one
    moves an open action to in_progress. ``with_new_record``: the note is saved with the action
    it is added to, in one change (an imported plan's progress cell): lint's backdated-entry
    does not judge entries that arrive with their record, so the date is not judged by it here."""
    note = text(note, "--note")
    if (next_milestone is None) != (milestone_due is None):
        missing = "--milestone-due" if milestone_due is None else "--next-milestone"
        raise GovtoolError(f"missing {missing}: a next milestone needs both what it is and when")
    if milestone_due is not None and milestone_due < (on or today):
        # Recorded late (--date), the milestone was still to come on the day the note is dated.
        raise GovtoolError(f"--milestone-due {milestone_due.isoformat()} is {_before_the_entry(on)}: the next "
                           "milestone is still to come")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        if milestone_due is not None:
            check_milestone_due(action, milestone_due)
        append_entry(data, "updates", {
            "date": on or today, "by": by, "note": note,
            "next_milestone": text(next_milestone, "--next-milestone") if next_milestone else None,
            "milestone_due": milestone_due,
        }, after("updates"))
        change = SavedChange(action.id, action.path, subject_line(action.id, "progress note"), body=note)
        if action.status == "open":
            change.notes.append(f"status {_set_status(action, data, 'in_progress')}")
        return change

    return take_step(root, action_id, "update", apply, commit, on, today, judge_backdated=not with_new_record)


def _before_the_entry(on: dt.date | None) -> str:
    """What a date before the entry's own day is: 'in the past', or, for an entry recorded late
    with --date, before that day."""
    return f"before {on.isoformat()}, the day the entry is dated (--date)" if on is not None else "in the past"


def check_milestone_due(action: Action, milestone_due: dt.date, option: str = "--milestone-due") -> None:
    """Refuse a next milestone after the action's due date (lint's ``no-trajectory`` reports one):
    a step that comes after the deadline says the action will be late."""
    if action.due is not None and milestone_due > action.due:
        raise GovtoolError(
            f"{option} {milestone_due.isoformat()} is after {action.id}'s due date {action.due.isoformat()}: "
            f"a milestone comes before the action is due: bring it forward, or move the due date first "
            f"(govtool redate {action.id} --to ... --reason ...)"
        )


def redate(
    root: Path, action_id: str, *, to: dt.date, reason: str, by: str, today: dt.date, commit: bool = False,
    on: dt.date | None = None,
) -> SavedChange:
    """Move the due date, recording from, to, why and who, dated ``on`` (the day it was agreed;
    default ``today``).

    When the action is already due on ``to`` because someone changed the date by hand (a
    change of ``due`` with no re-date entry, which ``silent-redate`` reports), the missing
    entries are recorded instead, one for each such change Git holds (oldest first): from the
    date before it to the date after it, with the reason, dated ``on`` (default ``today``).
    """
    reason = reason_text(reason, "redate")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        if action.due == to:
            return _record_hand_move(root, action, data, to=to, reason=reason, by=by, day=on or today)
        if to < (on or today):  # recorded late (--date): still to come on the day it was agreed
            raise GovtoolError(f"--to {to.isoformat()} is {_before_the_entry(on)}: a new due date is still to come")
        append_entry(data, "redates", {
            "date": on or today, "from": action.due, "to": to, "reason": reason, "by": by,
        }, after("redates"))
        set_field(data, "due", to, after("due"))
        slips = len(action.redates) + 1
        change = SavedChange(action.id, action.path, subject_line(action.id, f"re-dated to {to.isoformat()}", reason),
                        body=f"From {action.due.isoformat() if action.due else '?'}: {reason}")
        if slips >= 3:
            change.notes.append(f"this action has now been re-dated {slips} times: is its scope still right?")
        pending = action.milestone_update
        if action.status == "in_progress" and pending and pending.milestone_due and pending.milestone_due > to:
            change.notes.append(f"the next milestone ({pending.next_milestone}) is due on {pending.milestone_due.isoformat()}, "
                                f"after the new due date: lint reports it (no-trajectory) until a progress note "
                                f"sets one before it (govtool update {action.id} --next-milestone ... --milestone-due ...)")
        change.notes.extend(_deadline_still_stated(action, to))
        return change

    return take_step(root, action_id, "redate", apply, commit, on, today)


def _deadline_still_stated(action: Action, to: dt.date) -> list[str]:
    """A hint for each of the action's title and description that states a deadline the new due
    date does not keep (what lint's deadline-mismatch will warn about): the re-date is recorded
    all the same, since the words may be what is out of date."""
    if not action.is_active:
        return []  # a completed action's words are history; lint does not judge them either
    notes = []
    for field_name, text in (("title", action.title), ("description", action.description)):
        stated = stated_deadline(text)
        if stated is not None and not stated.kept_by(to):
            notes.append(f"the {field_name} says '{stated.words}', not {long_date(to)}: lint warns (deadline-mismatch) "
                         f'until they agree: edit it (govtool edit {action.id} --{field_name} "..." --reason "...")')
    return notes


def _record_hand_move(root: Path, action: Action, data: CommentedMap, *, to: dt.date, reason: str, by: str,
                      day: dt.date) -> SavedChange:
    """The re-date entries for the moves of the due date (now ``to``) made earlier by hand: each
    change Git holds of this action (committed, staged or in the working tree) that moved its
    date with no entry saying why (the test ``silent-redate`` applies), oldest first, each from
    the date it had before to the date after, all with ``reason``, dated ``day``. Every such
    move is recorded, not only the last: ``silent-redate`` reports each one, and this is the
    command its message gives for all of them."""
    from govtool.history.engine import open_view, read_changes
    from govtool.history.errors import HistoryUnavailable
    from govtool.history.model import unrecorded_move
    from govtool.history.snapshot import from_data

    nothing = f"{action.id} is already due on {to.isoformat()}: nothing to re-date"
    try:
        changes, _reader, _tip = read_changes(open_view(root), for_lint=True)
    except HistoryUnavailable:
        raise GovtoolError(nothing) from None
    current = from_data("action", action.data)
    found = [(change, moved) for change in changes if change.record_id == action.id
             and (moved := unrecorded_move(change, current)) is not None]
    if not found:
        raise GovtoolError(f"{nothing} (and every earlier change of its due date has its re-date entry)")
    moves = []
    for change, (old, new) in found:
        try:
            dates = dt.date.fromisoformat(old), dt.date.fromisoformat(new)
        except ValueError:  # a date Git holds that is no date: the entry is written by hand
            raise GovtoolError(f"{action.id}'s due date was changed by hand from {old!r} to {new!r} "
                               f"({_where(change)}), which is not a date govtool can record: add that re-date "
                               "entry by hand (redates: - date, from, to, reason, by)") from None
        moves.append((change, old, new, dates))
    for _change, _old, _new, (old_date, new_date) in moves:
        append_entry(data, "redates", {
            "date": day, "from": old_date, "to": new_date, "reason": reason, "by": by,
        }, after("redates"))
    told = [f"from {old} to {new} ({_where(change)})" for change, old, new, _dates in moves]
    if len(moves) == 1:
        (change, old, new, _dates), = moves
        saved = SavedChange(action.id, action.path, subject_line(action.id, f"re-date to {new} recorded", reason),
                            body=f"From {old}: {reason}. The due date had been changed by hand ({_where(change)}) "
                                 f"without a re-date entry; this records it.")
        saved.notes.append(f"{action.id} was already due on {to.isoformat()}: this records the change from {old} made "
                           f"earlier by hand ({_where(change)}) without a re-date entry, with your reason")
    else:
        saved = SavedChange(action.id, action.path,
                            subject_line(action.id, f"{len(moves)} re-dates made by hand recorded", reason),
                            body=f"{reason}. The due date had been changed by hand {len(moves)} times without a "
                                 f"re-date entry; this records each change, with this reason:\n"
                                 + "\n".join(f"- {line}" for line in told))
        saved.notes.append(f"{action.id} was already due on {to.isoformat()}: this records the {len(moves)} changes of "
                           f"its due date made earlier by hand without a re-date entry, each with your reason: "
                           + ", ".join(told))
    slips = len(action.redates) + len(moves)
    if slips >= 3:
        saved.notes.append(f"this action has now been re-dated {slips} times: is its scope still right?")
    saved.records_hand = ("due",)  # a move not yet committed goes into this commit, with its entry
    return saved


def _where(change: Change) -> str:
    """Where a change was made, as a note names it: 'commit 1a2b3c4', or 'the staged changes'."""
    return f"commit {change.where.label}" if change.where.commit is not None else change.where.describe()


def complete(
    root: Path, action_id: str, *, change_text: str, evidence: Sequence[tuple[EvidenceItem, str]],
    by: str, today: dt.date, commit: bool = False, on: dt.date | None = None,
) -> SavedChange:
    """Record completion: what is now different, and the evidence that shows it, dated ``on``
    (the day it was completed; default ``today``). A file to copy in (``copy_from``) is copied
    into the register first, and removed again if the completion is not saved."""
    what_changed = said_change(change_text, action_id)
    given = evidence
    if not evidence:
        raise GovtoolError("missing --evidence: give at least one file in the register or web address")
    from govtool.services.precheck import Judge, refuse_completion  # only the steps that judge import it

    judge = Judge(load_settings(root))

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        judged = judge.completion(action.path, what_changed)
        refuse_completion(judged, action.id, "the completion is not recorded")
        set_field(data, "completion", {
            "date": on or today, "by": by, "change": what_changed,
            "evidence": [item.entry(text(description, "--evidence-note")) for item, description in evidence],
        }, after("completion"))
        _set_status(action, data, "completed")
        change = SavedChange(
            action.id, action.path, subject_line(action.id, "completed"), body=what_changed,
            also_commit=[Path(item.path) for item, _ in evidence if item.path],
        )
        if judged is not None:  # graded a warning in govtool.yaml: recorded, with lint's words
            change.notes.append(f"lint will report {judged}")
        return change

    with copied_in(root, given, on or today) as evidence:  # apply() reads the files as copied
        return _told_copies(take_step(root, action_id, "complete", apply, commit, on, today), evidence)


def add_evidence(
    root: Path, action_id: str, *, evidence: Sequence[tuple[EvidenceItem, str]], by: str, today: dt.date,
    commit: bool = False, on: dt.date | None = None,
) -> SavedChange:
    """Add evidence to a completed or closed action's completion, without reopening it.

    The completion's date, who and change stay as they were; each new item is appended to its
    ``evidence`` list with the day it was added and who added it, so the trail shows it came
    later. Lint's history rules accept this one change to a completion (nothing else in it
    changes, and nothing is removed). Files to copy in are copied as for :func:`complete`.
    """
    given = evidence
    if not evidence:
        raise GovtoolError("missing --evidence: give at least one file in the register or web address")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        completion = data.get("completion")
        if not isinstance(completion, CommentedMap):
            raise GovtoolError(f"{action.id} has no completion to add evidence to: run 'govtool lint' to see why")
        held = completion.get("evidence")
        recorded = {str(entry.get("path") or entry.get("url")) for entry in held if isinstance(entry, dict)} \
            if isinstance(held, list) else set()
        again = [item.target for item, _ in evidence if item.target in recorded]
        if again:
            raise GovtoolError(f"{action.id}'s completion already lists {', '.join(again)}: nothing to add")
        items = [{**item.entry(text(description, "--evidence-note")), "added": on or today, "by": by}
                 for item, description in evidence]
        append_entry(completion, "evidence", items[0], ("date", "by", "change"))
        for item in items[1:]:
            append_entry(completion, "evidence", item)
        targets = ", ".join(item.target for item, _ in evidence)
        return SavedChange(
            action.id, action.path, subject_line(action.id, "evidence added", targets), body=targets,
            also_commit=[Path(item.path) for item, _ in evidence if item.path],
        )

    with copied_in(root, given, on or today) as evidence:  # apply() reads the files as copied
        return _told_copies(take_step(root, action_id, "add_evidence", apply, commit, on, today), evidence)


def _told_copies(change: SavedChange, evidence: Sequence[tuple[EvidenceItem, str]]) -> SavedChange:
    change.notes[:0] = copy_notes(evidence)
    return change


def close(root: Path, action_id: str, *, note: str, by: str, today: dt.date, commit: bool = False,
          on: dt.date | None = None) -> SavedChange:
    """Governance sign-off of a completed action: the evidence was checked, dated ``on`` (the day
    of the meeting or check; default ``today``)."""
    note = closure_note_text(note)
    from govtool.services.precheck import Judge, refuse_completion  # only the steps that judge import it

    judge = Judge(load_settings(root))

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        completion = action.completion
        if action.status == "completed" and completion is not None and completion.change:
            refuse_completion(
                judge.completion(action.path, completion.change), action.id,
                f"its completion cannot be signed off (reopen it with 'govtool reopen {action.id} --reason ...' "
                "and complete it again with what is now different)",
            )
        set_field(data, "closure", {"date": on or today, "by": by, "note": note}, after("closure"))
        _set_status(action, data, "closed")
        change = SavedChange(action.id, action.path, subject_line(action.id, "closed"), body=note)
        if by == action.owner:
            change.notes.append("signed off by the action's own owner: an inspector expects someone else to check the evidence")
        elif completion is not None and Register(root, judge.settings).same_person(by, completion.by):
            change.notes.append("signed off by the person who recorded its completion: no one else checked the evidence, "
                                "so the plan shows it Green (not independently assured), not Blue")
        return change

    return take_step(root, action_id, "close", apply, commit, on, today)


def cancel(root: Path, action_id: str, *, reason: str, by: str, today: dt.date, commit: bool = False,
           on: dt.date | None = None) -> SavedChange:
    """Cancel an action that is no longer needed (the file stays: records are never deleted),
    dated ``on`` (the day it was decided; default ``today``)."""
    reason = reason_text(reason, "cancel")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        set_field(data, "cancellation", {"date": on or today, "by": by, "reason": reason}, after("cancellation"))
        _set_status(action, data, "cancelled")
        return SavedChange(action.id, action.path, subject_line(action.id, "cancelled", reason), body=reason)

    return take_step(root, action_id, "cancel", apply, commit, on, today)


def reopen(root: Path, action_id: str, *, reason: str, by: str, today: dt.date, commit: bool = False,
           on: dt.date | None = None) -> SavedChange:
    """Send a completed or closed action back to in progress, keeping what it sets aside.

    The completion (and the sign-off, for a closed action) move, exactly as they were, into
    a new ``reopened`` entry with the date (``on``, default ``today``), who and why; the next
    ``complete`` records a new completion. History rules see the entry and accept the change (no ``history-rewritten``,
    no ``status-regressed``).
    """
    reason = reason_text(reason, "reopen")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        set_aside = {part: data.pop(part) for part in ("completion", "closure") if part in data}
        append_entry(data, "reopened", {"date": on or today, "by": by, "reason": reason}, after("reopened"))
        data["reopened"][-1].update(set_aside)  # as they were: not rebuilt, so nothing is dropped
        was = _set_status(action, data, "in_progress")
        change = SavedChange(action.id, action.path, subject_line(action.id, "reopened", reason), body=reason)
        change.notes.append(f"status {was}; the earlier completion is kept in the reopening entry")
        change.notes.append(f"next: 'govtool update {action.id} --note ... --next-milestone ... --milestone-due ...', "
                            f"then 'govtool complete {action.id}' with what is now different")
        return change

    return take_step(root, action_id, "reopen", apply, commit, on, today)


def _backdated(root: Path, action: Action, step: str, on: dt.date, today: dt.date) -> Judged | None:
    """What ``backdated-entry`` will say of an entry dated ``on`` recorded ``today``: refused when
    govtool.yaml grades the rule an error, else said after the change."""
    from govtool.services.precheck import backdated

    judged = backdated(load_settings(root), action.path, ENTRIES[step][1], on, today)
    if judged is not None and judged.severity == "error":
        raise GovtoolError(f"{action.id}: nothing recorded: {judged.rule}: {judged.message}")
    return judged


def take_step(root: Path, action_id: str, step: str, apply: Callable[[Action, CommentedMap], SavedChange], commit: bool,
              on: dt.date | None = None, today: dt.date | None = None, judge_backdated: bool = True) -> SavedChange:
    """Edit the action with ``apply`` once it is known to be in a state ``step`` may follow, and,
    for an entry dated ``on`` (``--date``) rather than ``today``, that lint accepts the date."""
    def checked(record: Record, data: CommentedMap) -> SavedChange:
        assert isinstance(record, Action)  # edit_record(..., "action", ...) only yields actions
        check_step(record, step)
        if on is None or today is None:
            return apply(record, data)
        check_entry_date(record, step, on, today)
        late = _backdated(root, record, step, on, today) if judge_backdated else None
        change = say_dated(apply(record, data), ENTRIES[step][1], on, today)
        if late is not None:
            change.notes.append(f"lint will report {late}")
        return change

    return edit_record(root, action_id, "action", checked, commit)
