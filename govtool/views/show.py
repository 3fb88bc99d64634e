"""``govtool show``: one record as text, with its links both ways and its trail.

An action shows what it answers (source, finding, risk, control, parent) and what hangs off it
(sub-actions); a source shows each finding with the actions answering it; a risk shows its
scores, controls, pending actions and review history. The Git timeline comes last, from
:func:`govtool.views.show_timeline.timeline`; an action's trail reads in the order it was
written (by date, and on one day in the order Git saw the entries added).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable

from govtool.history.trail_order import Place, in_written_order, steps_from_events
from govtool.register.around import loaded_record
from govtool.register.model import (
    Action,
    Completion,
    Edit,
    Finding,
    Redate,
    Register,
    Reopening,
    Risk,
    SignOff,
    Source,
    TrailEntry,
    Update,
)
from govtool.register.risk import describe
from govtool.views.show_timeline import timeline

INDENT = "  "


def show_record(register: Register, record_id: str, today: dt.date) -> str:
    record = loaded_record(register, record_id)
    # The file Git knows the record by, even when it was renamed by hand since.
    events, timeline_text = timeline(register.root, record.path.with_name(f"{record.id}.yaml"))
    if isinstance(record, Action):
        body = _action(register, record, today, steps_from_events(events, record.data))
    elif isinstance(record, Source):
        body = _source(register, record, today)
    else:
        assert isinstance(record, Risk)
        body = _risk(register, record, today)
    body += ["", "Timeline (from Git)", *(INDENT + line for line in timeline_text)]
    return "\n".join(body) + "\n"


# -- pieces -------------------------------------------------------------------------------

def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "?"


def _field(label: str, value: object) -> str:
    return f"{INDENT}{label + ':':<13}{value}".rstrip()


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent) or [indent]


def _person(register: Register, who: str | None) -> str:
    person = register.person(who)
    if person is None:
        return who or "?"
    left = f", left {person.left.isoformat()}" if person.left else ""
    return f"{person.label} [{person.id}{left}]"


def _status(action: Action, today: dt.date) -> str:
    status = (action.status or "?").replace("_", " ")
    if action.is_overdue(today) and action.due:
        return f"{status}, OVERDUE by {(today - action.due).days} days"
    return status


def action_line(register: Register, action: Action, today: dt.date) -> str:
    """``ACT-…  in progress  due 2026-03-31  Jane Smith  title``: an action in a list of links."""
    return (f"{action.id}  {_status(action, today)}  due {_date(action.due)}  "
            f"{register.display_name(action.owner)}  {action.title or ''}")


def _finding_label(finding: Finding) -> str:
    tags = [f"regulation {finding.regulation}" if finding.regulation else None,
            finding.key_question, finding.framework_ref, finding.level]
    shown = ", ".join(t for t in tags if t)
    return f"{finding.id}{f' ({shown})' if shown else ''}: {finding.text or ''}"


# -- actions --------------------------------------------------------------------------------

def _action(register: Register, action: Action, today: dt.date, steps: dict[Place, int]) -> list[str]:
    lines = [f"{action.id}  {action.title or '(no title)'}", ""]
    lines.append(_field("status", _status(action, today)))
    lines.append(_field("owner", _person(register, action.owner)))
    lines.append(_field("due", _date(action.due) + (f" (re-dated {len(action.redates)}x)" if action.redates else "")))
    lines.append(_field("created", _date(action.created)))
    if action.priority:
        lines.append(_field("priority", action.priority))
    if action.reference:
        lines.append(_field("reference", action.reference))
    if action.description:
        lines += [_field("description", ""), *_wrapped(action.description, INDENT * 3)]
    lines += _action_links(register, action, today)
    measure = action.measure
    if measure:
        lines.append(_field("measure", ""))
        lines += [f"{INDENT * 3}{k}: {v}" for k, v in
                  (("baseline", measure.baseline), ("target", measure.target), ("method", measure.method)) if v]
    trail = _trail(register, action, steps)
    lines += ["", "Trail", *(trail or [INDENT + "(nothing recorded yet)"])]
    return lines


def _action_links(register: Register, action: Action, today: dt.date) -> list[str]:
    lines = []
    if action.source_id:
        source = action.source
        lines.append(_field("source", f"{action.source_id}  " + (
            f"{source.title} ({source.type}, {_date(source.date)})" if source else "NOT FOUND")))
    if action.finding_id:
        finding = action.finding
        lines.append(_field("finding", _finding_label(finding) if finding else f"{action.finding_id}  NOT FOUND"))
    if action.risk_id:
        risk = action.risk
        lines.append(_field("risk", f"{action.risk_id}  " + (
            f"{risk.title} (residual {describe(risk.residual, register.settings.risk_bands)})" if risk else "NOT FOUND")))
    if action.control_id:
        control = action.control
        lines.append(_field("control", f"{action.control_id}  " + (
            f"{control.description} ({control.effectiveness})" if control else "NOT FOUND")))
    if action.parent_id:
        parent = action.parent
        lines.append(_field("parent", action_line(register, parent, today) if parent else f"{action.parent_id}  NOT FOUND"))
    if action.children:
        lines.append(_field("sub-actions", ""))
        lines += [INDENT * 3 + action_line(register, child, today) for child in action.children]
    return lines


def _trail(register: Register, action: Action, steps: dict[Place, int]) -> list[str]:
    """Updates, re-dates, reopenings, edits, completion, closure and cancellation, in the order
    they were written: by date, and on one day in the order Git saw them added (``steps``);
    outside Git, one day's entries in that order of kinds (a reopening before the corrections
    after it, before the new completion)."""
    entries: list[TrailEntry] = [*action.updates, *action.redates, *action.reopenings, *action.edits]
    entries += [e for e in (action.completion, action.closure, action.cancellation) if e is not None]
    return [line for entry in in_written_order(entries, steps) for line in _trail_lines(register, entry)]


def _trail_lines(register: Register, entry: TrailEntry) -> list[str]:
    """One trail entry: its date and what it says, and its details indented below."""
    def lines(head: str, *more: str) -> list[str]:
        return [f"{INDENT}{_date(entry.date)}  {head}", *(f"{INDENT * 7}{m}" for m in more)]

    name = register.display_name
    if isinstance(entry, Update):
        milestone = ([f"next milestone: {entry.next_milestone} (due {_date(entry.milestone_due)})"]
                     if entry.next_milestone else [])
        return lines(f"progress note by {name(entry.by)}: {entry.note or ''}", *milestone)
    if isinstance(entry, Redate):
        return lines(f"re-dated {_date(entry.from_)} -> {_date(entry.to)}"
                     f"{f' by {name(entry.by)}' if entry.by else ''}: {entry.reason or ''}")
    if isinstance(entry, Reopening):
        set_aside = [f"set aside: {line}" for line in _done_lines(register, entry.completion, entry.closure)]
        return lines(f"reopened by {name(entry.by)}: {entry.reason or ''}", *set_aside)
    if isinstance(entry, Edit):
        if entry.fields == ["owner"]:
            what = "handed over" if entry.handover else "owner corrected (recorded by mistake, not a handover)"
        else:
            what = f"edited {', '.join(entry.fields) or '?'}"
            what += " (the owner recorded by mistake, not a handover)" if entry.owner_corrected else ""
        return lines(f"{what} by {name(entry.by)}: {entry.reason or ''}",
                     *(f"{field} was: {name(old) if field == 'owner' else old}" for field, old in entry.was.items()))
    if isinstance(entry, Completion):
        evidence = [f"evidence: {e.target}{f' ({e.description})' if e.description else ''}"
                    + (f", added {_date(e.added)} by {name(e.by)}" if e.added else "") for e in entry.evidence]
        return lines(f"completed by {name(entry.by)}: {entry.change or ''}", *evidence)
    assert isinstance(entry, SignOff)
    label = "closed" if entry.kind == "closure" else "cancelled"
    return lines(f"{label} by {name(entry.by)}: {entry.text or ''}")


def _done_lines(register: Register, completion: Completion | None, closure: SignOff | None) -> list[str]:
    """A completion and sign-off a reopening set aside, one line each."""
    lines = []
    if completion:
        lines.append(f"completion of {_date(completion.date)} by {register.display_name(completion.by)}: "
                     f"{completion.change or ''}")
    if closure:
        lines.append(f"sign-off of {_date(closure.date)} by {register.display_name(closure.by)}: {closure.text or ''}")
    return lines


# -- sources --------------------------------------------------------------------------------

def _source(register: Register, source: Source, today: dt.date) -> list[str]:
    lines = [f"{source.id}  {source.title or '(no title)'}", ""]
    if source.cancellation:
        c = source.cancellation
        lines.append(_field("status", f"cancelled {_date(c.date)} by {register.display_name(c.by)}: {c.text or ''}"))
    lines.append(_field("type", source.type or "?"))
    lines.append(_field("date", _date(source.date)))
    if source.reference:
        lines.append(_field("reference", source.reference))
    if source.response_due:
        days = (source.response_due - today).days
        count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
        when = f"{count} ago" if days < 0 else ("today" if days == 0 else f"in {count}")
        lines.append(_field("respond by", f"{_date(source.response_due)} ({when})"))
    if source.response_sent:
        sent = source.response_sent
        late = (sent - source.response_due).days if source.response_due else 0
        verdict = f" ({late} day{'s' if late != 1 else ''} late)" if late > 0 else " (in time)" if source.response_due else ""
        lines.append(_field("responded", f"{_date(sent)}{verdict}"))
    if source.summary:
        lines += [_field("summary", ""), *_wrapped(source.summary, INDENT * 3)]
    findings = source.findings
    if findings:
        lines += ["", "Findings"]
        for finding in findings:
            lines += _wrapped(_finding_label(finding), INDENT)
            lines += _answers(register, finding.actions, today, "no action answers this finding yet")
    loose = [a for a in source.actions if not source.finding(a.finding_id)]
    if loose or not findings:
        lines += ["", "Actions" if findings == [] else "Actions not tied to a listed finding"]
        lines += _answers(register, loose, today, "no actions yet")
    if source.edits:
        lines += ["", "Corrections"]
        for e in source.edits:
            what = f"{e.finding + ' ' if e.finding else ''}{', '.join(e.fields) or '?'}"
            lines.append(f"{INDENT}{_date(e.date)}  edited {what} by {register.display_name(e.by)}: {e.reason or ''}")
            lines += [f"{INDENT * 7}{name} was: {old}" for name, old in e.was.items()]
    return lines


def _answers(register: Register, actions: Iterable[Action], today: dt.date, empty: str) -> list[str]:
    lines = [INDENT * 3 + "-> " + action_line(register, a, today) for a in actions]
    return lines or [f"{INDENT * 3}({empty})"]


# -- risks ----------------------------------------------------------------------------------

def _risk(register: Register, risk: Risk, today: dt.date) -> list[str]:
    bands = register.settings.risk_bands
    lines = [f"{risk.id}  {risk.title or '(no title)'}", ""]
    lines.append(_field("owner", _person(register, risk.owner)))
    lines.append(_field("inherent", describe(risk.inherent, bands)))
    lines.append(_field("residual", describe(risk.residual, bands)))
    if risk.target is not None:
        lines.append(_field("target", describe(risk.target, bands)))
    lines += ["", "Controls"]
    for control in risk.controls:
        lines += _wrapped(f"{control.id} ({control.effectiveness}): {control.description or ''}", INDENT)
        lines += _answers(register, control.actions, today, "no action strengthens this control")
    if not risk.controls:
        lines.append(INDENT + "(no controls recorded)")
    pending = [a for a in risk.actions if a.is_active]
    lines += ["", "Actions pending", *_answers(register, pending, today, "none")]
    lines += ["", "Score history"]
    lines.append(f"{INDENT}{_date(risk.created) if risk.created else 'at entry':<10}  inherent {describe(risk.inherent, bands)}")
    for review in risk.reviews:
        lines += _wrapped(f"{_date(review.date)}  {describe(review.score, bands)} "
                          f"({register.display_name(review.by)}): {review.note or ''}", INDENT)
    return lines
