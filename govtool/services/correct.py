"""``govtool edit``: correct an action's own fields, and say in its trail what changed and why.

The title, description, priority, owner and measure are what the action commits to, and its
reference is how the plan it came from numbers it ('1.2', 'R3'); a change to any of them is
appended to the trail as an ``edits`` entry naming the fields, what they held before and the
reason, so lint's ``silent-edit`` sees a recorded change.
A new owner is a handover, recorded the same way. An owner typed wrongly is corrected with
``correction=True`` (``--correction``): the entry says ``handover: false``, so the plan shows a
correction naming the owner recorded by mistake, not a handover; the entry, with the owner it
held before, stays in the trail like any other. The due date is never changed here: that is
``govtool redate``, with its own entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govtool.history.snapshot import TRAIL_LISTS, TRAIL_SINGLES
from govtool.register.edit import append_entry, new_map, set_field
from govtool.register.ids import action_title
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
        if name == "title":
            action_title(value)
        if name in OPTIONAL and value.casefold() in (REMOVED, "none"):
            value = REMOVED
        result[name] = choice(value, "--priority", PRIORITIES) if name == "priority" else value
    if not result:
        raise GovtoolError("nothing to edit: give at least one of " + ", ".join(OPTIONS.values()))
    return result


def edit(
    root: Path, action_id: str, *, values: Mapping[str, str | None], reason: str | None, by: str | None,
    today: dt.date, commit: bool = False, correction: bool = False,
) -> SavedChange:
    """Change the given fields (see :func:`cleaned`) and append the ``edits`` entry; with
    ``correction``, a new owner corrects one recorded by mistake instead of a handover.

    An action Git has never committed (:func:`is_draft`) is a draft: its fields change in place
    with no entry, and no reason is asked. Its history begins at its first commit, and a trial's
    vague title reworded before then went into the plan sent to CQC as a "correction"."""
    wanted = cleaned(values)
    if correction and "owner" not in wanted:
        raise GovtoolError("--correction says the owner was recorded by mistake: give the right one with --owner")

    def apply(action: Action, data: CommentedMap) -> SavedChange:
        changed = {name: value for name, value in wanted.items()
                   if editable_value(data, name) != (None if value == REMOVED and name in OPTIONAL else value)}
        if not changed:
            raise GovtoolError(f"{action.id} already says that: nothing to edit")
        if correction and "owner" not in changed:
            raise GovtoolError(f"{action.id} is already owned by {wanted['owner']}: nothing to correct")
        was = {name: old for name in changed if (old := editable_value(data, name)) is not None}
        for name, value in changed.items():
            _set(data, name, value)
        if is_draft(root, action):
            change = SavedChange(action.id, action.path, subject_line(action.id, f"edited {', '.join(changed)}"))
            change.notes.append("never committed yet: changed in place, with no edit entry (its history begins "
                                "when it is first committed)")
            return change
        if reason is None or by is None:
            raise GovtoolError(f"missing --{'reason' if reason is None else 'by'}: {action.id} is committed, so "
                               "the change is recorded with who made it and why")
        reason_given = text(reason, "--reason")
        fields = CommentedSeq(changed)
        fields.fa.set_flow_style()  # fields: [title, owner]
        append_entry(data, "edits", {"date": today, "by": by, "fields": fields, "from": was or None,
                                     "handover": False if correction else None, "reason": reason_given},
                     after("edits"))
        data["edits"][-1]["fields"] = fields  # new_map rebuilt the list in block style
        change = SavedChange(action.id, action.path, subject_line(action.id, _what(changed, correction), reason_given),
                             body=_body(changed, was, reason_given))
        if correction:
            change.notes.append(f"recorded as a correction, not a handover: the plan says {was.get('owner') or 'no owner'} "
                                "was recorded by mistake, and the trail keeps the change")
        return change

    return take_step(root, action_id, "edit", apply, commit)


def is_draft(root: Path, action: Action) -> bool:
    """Whether ``action`` is a draft: in a Git repository that has never committed its file,
    and with no trail entry of its own yet."""
    if any(action.data.get(key) for key in (*TRAIL_LISTS, *TRAIL_SINGLES)):
        return False
    from govtool.support.gitrepo import never_committed  # Git only for an edit

    return never_committed(root, action.path)


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


def _what(changed: Mapping[str, str], correction: bool = False) -> str:
    """'handed over to sam.patel', 'owner corrected to sam.patel' or 'edited title,
    measure.target' (the commit's subject)."""
    if "owner" not in changed:
        return f"edited {', '.join(changed)}"
    owner = f"{'owner corrected' if correction else 'handed over'} to {changed['owner']}"
    return owner if list(changed) == ["owner"] else f"edited {', '.join(changed)}, {owner}"


def _body(changed: Mapping[str, str], was: Mapping[str, str], reason: str) -> str:
    lines = [f"{name}: {was.get(name, '(none)')} -> {'(none)' if name in OPTIONAL and value == REMOVED else value}"
             for name, value in changed.items()]
    return "\n".join([reason, "", *lines])
