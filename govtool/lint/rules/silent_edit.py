"""History rule: a record's own fields change only with the trail entry that records why."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import Change, FieldEdit, acknowledge_hint, acknowledgement, records, silent_edits
from govtool.history.snapshot import Snapshot, entry_key
from govtool.lint.rule import LintContext, Report, rule

NAME = "silent-edit"


@rule(NAME, "GT305", severity="warning", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A record's own fields changed with no entry saying why (an edit entry; for a risk, a review).

    What an action commits to, and who answers for it, is part of the record an inspector
    reads: a title reworded after the event, a target quietly lowered or an owner swapped
    looks like moving the goalposts unless the plan says when and why. Make the change with
    ``govtool edit ID --title ... --reason ...`` (a new ``--owner`` is a handover), which
    adds an ``edits`` entry naming the fields, what they held and the reason. An entry added
    later that records the same field and its old value also settles a past change.

    The same holds for a source: its title, date, reference, summary and ``response_due``,
    and a finding's text, regulation, key question and level (a "must" quietly become a
    "should", a response date moved) change with ``govtool edit SRC-... --reason ...``.
    A finding added or removed is not an edit of one.

    A risk's inherent and residual scores and its controls' effectiveness change at a
    review: ``govtool review RSK-...`` records who scored it, when and why, beside the new
    score and ratings (a control flipped from inadequate to effective by hand silences
    ``uncontrolled-risk`` with nothing to show for it). A review added in the same change
    accounts for the residual score and the controls, and for the inherent score when it
    records the re-score (``--inherent-likelihood``, ``--inherent-consequence``); a review
    recorded later settles a past change the same way.

    Anti-pattern:

    ```yaml
    owner: sam.patel        # was jane.smith; nothing says why
    ```

    Best practice:

    ```yaml
    owner: sam.patel
    edits:
      - date: 2026-05-02
        by: jane.smith
        fields: [owner]
        from: {owner: jane.smith}
        reason: Handed over to the deputy manager while Jane is on leave until August.
    ```
    """
    history = ctx.history
    for change in history.changes:
        edits = silent_edits(change.before, change.after)
        if not edits:
            continue
        current = history.current_snapshot(change.record_id)
        kind = str((change.after or {}).get("kind"))
        for edit in edits:
            if _recorded_later(kind, change, current, edit):
                continue
            if change.where.kind == "working":  # a command records its change in an entry
                message = (f"the {edit.named} of {change.record_id} was changed in the file by hand "
                           f"{_from_to(edit)}, and not yet committed, {_advice(kind, change, edit)}")
            else:
                message = (
                    f"{change.where.describe()} changed the {edit.named} of {change.record_id} "
                    f"{_from_to(edit)} {_advice(kind, change, edit)}"
                )
            yield from history.report(NAME, change, _field_path(history, change, edit), message)


def _recorded_later(kind: str, change: Change, current: Snapshot | None, edit: FieldEdit) -> bool:
    """The record now holds an entry that accounts for the change: an edits entry naming the
    field and the value it replaced, or (a risk) a review added since the change."""
    if kind == "risk":
        there = {entry_key(entry) for entry in (change.after or {}).get("reviews") or []}
        return any(entry_key(entry) not in there and records(kind, entry, edit.field)
                   for entry in (current or {}).get("reviews") or [])
    name = edit.part[2] if edit.part else edit.field  # a finding's edit entry names the field alone
    for entry in (current or {}).get("edits") or []:
        was = entry.get("from")
        if records(kind, entry, edit.field) and isinstance(was, dict) and _text(was.get(name)) == edit.old:
            return True
    return False


def _text(value: Any) -> str | None:
    """A recorded value as the snapshot holds it (a regulation typed 12 is '12')."""
    return None if value is None or isinstance(value, (bool, dict, list)) else str(value)


def _advice(kind: str, change: Change, edit: FieldEdit) -> str:
    """What to do, as the change stands. A change not yet committed is put back by hand and made
    again with the command (which refuses a value the file holds already). A commit made is
    history that a later edit entry does not settle (it records the value it replaces, this
    change's new one), so the way out is the acknowledgement, its entry given in full. A risk's
    later review does settle a past change (:func:`_recorded_later`)."""
    if kind == "risk":
        return _risk_fix(change.record_id, edit) + acknowledge_hint(change.where)
    commit = change.where.commit
    if commit is not None:
        return (f"with no edit entry saying why. That commit is made: a govtool edit now would record a "
                f"later change, not this one, so acknowledge it with why it changed: "
                f"{acknowledgement(commit.short, NAME, change.record_id)}")
    back = "remove it again" if edit.old is None else f"put it back to {_whole(edit.old)}"
    return (f"with no edit entry saying why: {back} by hand, then make the change with "
            f"{_command(change.record_id, edit)}")


def _risk_fix(record_id: str, edit: FieldEdit) -> str:
    part = edit.part
    if edit.field.startswith("inherent."):
        return (f"with no review re-scoring it: re-score it in a review (govtool review {record_id} "
                "--likelihood N --consequence N --inherent-likelihood N --inherent-consequence N --note ...)")
    rating = f" --control {part[1]}={edit.new or 'RATING'}" if part else ""
    return (f"with no review saying why: record it in a review (govtool review {record_id} "
            f"--likelihood N --consequence N{rating} --note ...)")


def _command(record_id: str, edit: FieldEdit) -> str:
    """The command that makes the change with its edit entry."""
    part = edit.part
    if part is not None:  # a finding's field
        option = f"--finding {part[1]} --{part[2].replace('_', '-')}"
    else:
        option = "--" + edit.field.replace(".", "-").replace("_", "-")
    return f"govtool edit {record_id} {option} ... --reason ..."


#: How much of a value a message quotes.
_SHOWN = 40
#: How much of a value to put back by hand a message quotes: all of it, unless it is huge.
_WHOLE = 300


def _shown(value: str | None, start: int = 0) -> str:
    if value is None:
        return "(none)"
    part = value[start:start + _SHOWN - 1] + ("…" if len(value) > start + _SHOWN - 1 else "")
    return repr(("…" if start else "") + part)


def _whole(value: str) -> str:
    """The value to type back, whole: a cut one cannot be typed back."""
    return repr(value if len(value) <= _WHOLE else value[:_WHOLE - 1] + "…")


def _from_to(edit: FieldEdit) -> str:
    """'from X to Y', each cut to fit; two long values that open alike are quoted from a little
    before where they differ, so that the message shows the change (a trial saw two titles cut
    to the same 39 characters)."""
    old, new = edit.old, edit.new
    start = 0
    if old is not None and new is not None and max(len(old), len(new)) > _SHOWN - 1:
        same = len(os.path.commonprefix([old, new]))
        if same >= _SHOWN - 11:
            start = old.rfind(" ", 0, same - 10) + 1 or same - 10
    return f"from {_shown(old, start)} to {_shown(new, start)}"


def _field_path(history: Any, change: Change, edit: FieldEdit) -> tuple[str | int, ...]:
    """Where the field is in the record's file now: a finding's or a control's by its place."""
    part = edit.part
    if part is None:
        return tuple(edit.field.split("."))
    parts, part_id, name = part
    record = history.register.record(change.record_id) if history.register else None
    items = record.data.get(parts) if record is not None else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and str(item.get("id")) == part_id:
            return parts, index, name
    return (parts,)
