"""``govtool edit``: correct an action's own fields, and say in its trail what changed and why.

The title, description, priority, owner and measure are what the action commits to, and its
reference is how the plan it came from numbers it ('1.2', 'R3'); a change to any of them is
appended to the trail as an ``edits`` entry naming the fields, what they held before and the
reason, so lint's ``silent-edit`` sees a recorded change.
A new owner is a handover, recorded the same way. The due date is never changed here: that
is ``govtool redate``, with its own entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govtool.register.edit import append_entry, new_map, set_field
from govtool.register.model import EDITABLE_FIELDS, Action, editable_value
from govtool.register.vocabulary import PRIORITIES, choice
from govtool.services.edits import SavedChange, after, subject_line
from govtool.services.lifecycle import take_step, text
from govtool.support.errors import GovtoolError

#: The command-line option that sets each editable field.
OPTIONS = {name: "--" + name.replace(".", "-") for name in EDITABLE_FIELDS}
#: The order of a measure's parts in a file the CLI writes.
MEASURE_ORDER = ("baseline", "target", "method")
#: The fields that may be emptied (given as '-'): the reference, which an action may be without.
OPTIONAL = ("reference",)
#: What '-' (or 'none') asks for: the optional field removed.
REMOVED = "-"


def cleaned(values: Mapping[str, str | None]) -> dict[str, str]:
    """The fields given (None: not given), each checked: text not empty, a known priority."""
    result = {}
    for name, value in values.items():
        if value is None:
            continue
        if name not in OPTIONS:
            raise GovtoolError(f"{name} cannot be edited: only {', '.join(EDITABLE_FIELDS)}")
        if name in OPTIONAL and not value.strip():
            raise GovtoolError(f"{OPTIONS[name]} is empty: give the action's number in its plan (1.2, R3), "
                               "or '-' for none")
        value = " ".join(text(value, OPTIONS[name]).split()) if name in ("title", "reference") else text(value, OPTIONS[name])
        if name in OPTIONAL and value.casefold() in (REMOVED, "none"):
            value = REMOVED
        result[name] = choice(value, "--priority", PRIORITIES) if name == "priority" else value
    if not result:
        raise GovtoolError("nothing to edit: give at least one of " + ", ".join(OPTIONS.values()))
    return result


def edit(
    root: Path, action_id: str, *, values: Mapping[str, str | None], reason: str, by: str, today: dt.date,
    commit: bool = False,
) -> SavedChange:
    """Change the given fields (see :func:`cleaned`) and append the ``edits`` entry."""
    wanted = cleaned(values)
    reason = text(reason, "--reason")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        changed = {name: value for name, value in wanted.items()
                   if editable_value(data, name) != (None if value == REMOVED and name in OPTIONAL else value)}
        if not changed:
            raise GovtoolError(f"{action.id} already says that: nothing to edit")
        was = {name: old for name in changed if (old := editable_value(data, name)) is not None}
        for name, value in changed.items():
            _set(data, name, value)
        fields = CommentedSeq(changed)
        fields.fa.set_flow_style()  # fields: [title, owner]
        append_entry(data, "edits", {"date": today, "by": by, "fields": fields, "from": was or None,
                                     "reason": reason}, after("edits"))
        data["edits"][-1]["fields"] = fields  # new_map rebuilt the list in block style
        return SavedChange(action.id, action.path, subject_line(action.id, _what(changed), reason),
                      body=_body(changed, was, reason))

    return take_step(root, action_id, "edit", apply, commit)


def _set(data: CommentedMap, name: str, value: str) -> None:
    head, _, part = name.partition(".")
    if name in OPTIONAL and value == REMOVED:
        data.pop(name, None)  # the reference removed: the action has none
        return
    if not part:
        set_field(data, head, value, after(head))
        return
    measure = data.get("measure")
    if not isinstance(measure, dict):
        if part != "target":
            raise GovtoolError(
                "the action has no measure yet: give --measure-target too (a measure needs the result that means it worked)"
            )
        measure = new_map({})
        set_field(data, "measure", measure, after("measure"))
        measure = data["measure"]
    set_field(measure, part, value, MEASURE_ORDER[: MEASURE_ORDER.index(part)])


def _what(changed: Mapping[str, str]) -> str:
    """'handed over to sam.patel' or 'edited title, measure.target' (the commit's subject)."""
    if list(changed) == ["owner"]:
        return f"handed over to {changed['owner']}"
    named = ", ".join(changed)
    return f"edited {named}" + (f", handed over to {changed['owner']}" if "owner" in changed else "")


def _body(changed: Mapping[str, str], was: Mapping[str, str], reason: str) -> str:
    lines = [f"{name}: {was.get(name, '(none)')} -> {'(none)' if name in OPTIONAL and value == REMOVED else value}"
             for name, value in changed.items()]
    return "\n".join([reason, "", *lines])
