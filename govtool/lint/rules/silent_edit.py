"""History rule: an action's own fields change only with an ``edits`` entry saying why."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import FieldEdit, acknowledge_hint, silent_edits
from govtool.history.snapshot import Snapshot
from govtool.lint.rule import LintContext, Report, rule

NAME = "silent-edit"


@rule(NAME, "GT305", severity="warning", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action's title, description, priority, owner or measure changed with no edit entry.

    What an action commits to, and who answers for it, is part of the record an inspector
    reads: a title reworded after the event, a target quietly lowered or an owner swapped
    looks like moving the goalposts unless the plan says when and why. Make the change with
    ``govtool edit ID --title ... --reason ...`` (a new ``--owner`` is a handover), which
    adds an ``edits`` entry naming the fields, what they held and the reason. An entry added
    later that records the same field and its old value also settles a past change.

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
        for edit in edits:
            if _recorded_later(current, edit):
                continue
            message = (
                f"{change.where.describe()} changed the {_named(edit.field)} of {change.record_id} "
                f"{_from_to(edit)} with no edit entry saying why: make the change with "
                f"govtool edit {change.record_id} --{edit.field.replace('.', '-')} ... --reason ..."
                f"{acknowledge_hint(change.where)}"
            )
            yield from history.report(NAME, change, _field_path(edit.field), message)


def _recorded_later(current: Snapshot | None, edit: FieldEdit) -> bool:
    """An edits entry now in the record names the field and the value it replaced."""
    for entry in (current or {}).get("edits") or []:
        fields, was = entry.get("fields"), entry.get("from")
        if isinstance(fields, list) and edit.field in fields and isinstance(was, dict) and was.get(edit.field) == edit.old:
            return True
    return False


def _named(field: str) -> str:
    return field.replace("measure.", "measure ")


def _from_to(edit: FieldEdit) -> str:
    def shown(value: str | None) -> str:
        if value is None:
            return "(none)"
        return repr(value if len(value) <= 40 else value[:39] + "…")
    return f"from {shown(edit.old)} to {shown(edit.new)}"


def _field_path(field: str) -> tuple[str, ...]:
    return tuple(field.split("."))
