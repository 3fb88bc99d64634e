"""A source after it was recorded: corrections, and withdrawal of one recorded by mistake.

A source's title, date, reference, summary, response date and the day its response was sent,
and a finding's text,
regulation, key question and level, are corrected with an ``edits`` entry naming the fields, what they held
and why (as ``govtool edit`` does for an action). A source recorded by mistake is cancelled
with a reason: the file stays (records are never deleted), its findings stop asking for
actions, and lint's ``history-rewritten`` accepts both, because both only add to the trail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govtool.register.edit import append_entry, set_field
from govtool.register.model import FINDING_EDITABLE_FIELDS, SOURCE_EDITABLE_FIELDS, Record, Source
from govtool.register.schema import schema_for
from govtool.register.vocabulary import KEY_QUESTIONS, LEVELS, choice
from govtool.services.create import check_response_due, check_response_sent, check_source_date, part_id, regulation
from govtool.services.edits import SavedChange, edit_record, subject_line
from govtool.services.lifecycle import reason_text, refuse_future, say_dated, text
from govtool.support.errors import GovtoolError

#: The order of a source's fields in its schema; a field the CLI adds goes after its elders.
SOURCE_FIELD_ORDER = tuple(schema_for("source")["properties"])
#: A source's own fields that ``govtool edit SRC-...`` corrects, and a finding's.
SOURCE_FIELDS = SOURCE_EDITABLE_FIELDS
FINDING_FIELDS = FINDING_EDITABLE_FIELDS
#: Fields that may be emptied with '-' (a finding's optional parts, a source's optional text and response date).
OPTIONAL = ("reference", "summary", "response_due", "response_sent", "regulation", "key_question", "level")
#: The fields that hold a date (typed as a user types dates; '-' empties the optional one).
DATES = ("date", "response_due", "response_sent")
#: The command-line option that sets each field.
OPTIONS = {name: "--" + name.replace("_", "-") for name in (*SOURCE_FIELDS, *FINDING_FIELDS)}
#: The order of a finding's fields in a file the CLI writes.
FINDING_ORDER = ("id", "text", "regulation", "key_question", "quality_statement", "framework_ref", "level")


def _after(key: str, order: tuple[str, ...] = SOURCE_FIELD_ORDER) -> tuple[str, ...]:
    return order[: order.index(key)]


def cleaned(values: Mapping[str, str | dt.date | None], finding: str | None, today: dt.date) -> dict[str, object]:
    """The fields given (None: not given), each checked; None as a value: remove it ('-')."""
    allowed = FINDING_FIELDS if finding else SOURCE_FIELDS
    result: dict[str, object] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name not in allowed:
            if finding:
                raise GovtoolError(f"{OPTIONS[name]} is the source's, not a finding's: correct it in its own "
                                   f"'govtool edit' without --finding")
            raise GovtoolError(f"{OPTIONS[name]} is a finding's: say which finding with --finding F1")
        result[name] = _value(name, value, today)
    if not result:
        options = ", ".join(OPTIONS[name] for name in allowed)
        raise GovtoolError(f"nothing to edit: give at least one of {options}"
                           + ("" if finding else " (or --finding F1 with a finding's --text, --regulation, "
                                                 "--key-question or --level)"))
    return result


def _value(name: str, value: str | dt.date, today: dt.date) -> object:
    if isinstance(value, dt.date):
        # The source's date is when it happened, and so is the day its response was sent; a
        # response date is a plan. Each is checked against the source's date once the edit
        # knows both (see correct).
        if name == "response_sent":
            return check_response_sent(value, None, today)
        return check_source_date(value, today) if name == "date" else value
    if value.strip() == "-" and name in OPTIONAL:
        return None
    given = text(value, OPTIONS[name])
    if name == "regulation":
        return regulation(given)
    if name == "key_question":
        return choice(given, "--key-question", KEY_QUESTIONS)
    if name == "level":
        return choice(given, "--level", LEVELS)
    return " ".join(given.split()) if name in ("title", "text") else given


def correct(
    root: Path, source_id: str, *, values: Mapping[str, object], finding: str | None, reason: str, by: str,
    today: dt.date, commit: bool = False,
) -> SavedChange:
    """Change the given fields of the source, or of its finding ``finding``, and append the ``edits`` entry.

    ``values`` are as :func:`cleaned` returns them.
    """
    reason = text(reason, "--reason")

    def apply(source: Source, data: CommentedMap) -> SavedChange:
        finding_id, target = _finding_data(source, data, finding) if finding else (None, data)
        changed = {name: value for name, value in values.items() if _stored(target.get(name)) != _stored(value)}
        if not changed:
            raise GovtoolError(f"{source.id}{' ' + finding_id if finding_id else ''} already says that: nothing to edit")
        if not finding and ("date" in changed or "response_due" in changed):
            date = changed.get("date", source.date)
            due = changed["response_due"] if "response_due" in changed else source.response_due
            if isinstance(date, dt.date) and (due is None or isinstance(due, dt.date)):
                check_response_due(due, date)
        if not finding and ("date" in changed or "response_sent" in changed):
            date = changed.get("date", source.date)
            sent = changed["response_sent"] if "response_sent" in changed else source.response_sent
            if isinstance(date, dt.date) and isinstance(sent, dt.date):
                check_response_sent(sent, date, today)
        was = {name: _stored(old) for name in changed if (old := target.get(name)) is not None}
        for name, value in changed.items():
            if value is None:
                del target[name]
            elif finding_id:
                set_field(target, name, value, _after(name, FINDING_ORDER))
            else:
                set_field(target, name, value, _after(name))
        fields = CommentedSeq(changed)
        fields.fa.set_flow_style()  # fields: [regulation, level]
        append_entry(data, "edits", {"date": today, "by": by, "finding": finding_id, "fields": fields,
                                     "from": was or None, "reason": reason}, _after("edits"))
        data["edits"][-1]["fields"] = fields  # new_map rebuilt the list in block style
        what = f"edited {finding_id + ' ' if finding_id else ''}{', '.join(changed)}"
        lines = [f"{name}: {was.get(name, '(none)')} -> {_stored(value) or '(none)'}" for name, value in changed.items()]
        return SavedChange(source.id, source.path, subject_line(source.id, what, reason),
                           body="\n".join([reason, "", *lines]))

    return _edit_source(root, source_id, apply, commit)


def _finding_data(source: Source, data: CommentedMap, finding: str) -> tuple[str, CommentedMap]:
    """The finding ``finding`` names (``f2`` is ``F2``), as its ID and its part of the file."""
    found = source.finding(part_id(finding, [f.id for f in source.findings]))
    if found is None:
        known = ", ".join(f.id for f in source.findings)
        has = f"it has {known}" if known else "it has none"
        raise GovtoolError(f"{source.id} has no finding {finding}: {has}: to add one, give its words with "
                           f'govtool edit {source.id} --add-finding "..." --reason "..."')
    entry = data["findings"][found.index]
    assert isinstance(entry, CommentedMap)  # a loaded finding is a mapping
    return found.id, entry


def next_finding_id(ids: Sequence[str]) -> str:
    """The ID a finding added to a source gets: one past the highest ``F<n>`` (F1 for the first)."""
    numbers = [int(match.group(1)) for fid in ids if (match := re.fullmatch(r"[Ff](\d{1,9})", fid))]
    number = max(numbers, default=0) + 1
    while f"F{number}" in ids:
        number += 1
    return f"F{number}"


def add_finding(
    root: Path, source_id: str, *, values: Mapping[str, object], reason: str, by: str, today: dt.date,
    commit: bool = False,
) -> SavedChange:
    """Add a finding to a recorded source (one read in the report after the source was made):
    the next ID (``F1``, ``F2``, ...), and an ``edits`` entry naming it, its fields and the
    reason. ``values`` are as :func:`cleaned` returns them for a finding, ``text`` among them."""
    reason = text(reason, "--reason")
    if not values.get("text"):
        raise GovtoolError("--add-finding is empty: give the finding's words, as the source writes them")

    def apply(source: Source, data: CommentedMap) -> SavedChange:
        if source.is_cancelled:
            raise GovtoolError(f"{source.id} is cancelled (recorded by mistake): its findings need no actions")
        ids = [f.id for f in source.findings]
        same = next((f.id for f in source.findings if f.text and _fold(f.text) == _fold(str(values["text"]))), None)
        if same is not None:
            raise GovtoolError(f"{source.id} already has this finding as {same}: nothing to add")
        finding_id = next_finding_id(ids)
        entry = {"id": finding_id, **{name: values.get(name) for name in FINDING_ORDER[1:]}}
        append_entry(data, "findings", entry, _after("findings"))
        fields = CommentedSeq(name for name in FINDING_FIELDS if values.get(name) is not None)
        fields.fa.set_flow_style()
        append_entry(data, "edits", {"date": today, "by": by, "finding": finding_id, "fields": fields,
                                     "reason": reason}, _after("edits"))
        data["edits"][-1]["fields"] = fields  # new_map rebuilt the list in block style
        change = SavedChange(source.id, source.path, subject_line(source.id, f"added finding {finding_id}", reason),
                             body="\n".join([reason, "", f"{finding_id}: {values['text']}"]))
        change.notes.append(f"the finding is {finding_id}: answer it with govtool new action --source {source.id} "
                            f"--finding {finding_id} ...")
        return change

    return _edit_source(root, source_id, apply, commit)


def _fold(words: str) -> str:
    return " ".join(words.casefold().split())


def _stored(value: object) -> str | None:
    """A field's value as text, to compare and to record in ``from`` (dates as YYYY-MM-DD)."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def cancel(root: Path, source_id: str, *, reason: str, by: str, today: dt.date,
           answered_by: Mapping[str, str], commit: bool = False, on: dt.date | None = None) -> SavedChange:
    """Withdraw a source recorded by mistake: a ``cancellation`` entry, dated ``on`` (default
    ``today``; never after it, which lint's ``future-date`` reports); the file stays.

    ``answered_by`` maps the IDs of the actions that answer the source to their status: a
    source that work has been done on was not a mistake, so it is refused while any action
    that is not cancelled answers it.
    """
    reason = reason_text(reason, "cancel_source")
    if on is not None:
        refuse_future(on, today, "cancellation")
    live = {action_id: status for action_id, status in answered_by.items() if status != "cancelled"}
    if live:
        listed = ", ".join(f"{action_id} ({status.replace('_', ' ')})" for action_id, status in sorted(live.items()))
        if "closed" in live.values():
            raise GovtoolError(f"{source_id} is answered by {listed}: work signed off against it shows it was "
                               "not recorded by mistake, so it stays")
        raise GovtoolError(f"{source_id} is answered by {listed}: cancel those first, each with its reason "
                           "(govtool cancel ACT-... --reason ...)")

    def apply(source: Source, data: CommentedMap) -> SavedChange:
        if source.is_cancelled:
            raise GovtoolError(f"{source.id} is already cancelled")
        set_field(data, "cancellation", {"date": on or today, "by": by, "reason": reason}, _after("cancellation"))
        change = SavedChange(source.id, source.path, subject_line(source.id, "cancelled", reason), body=reason)
        change.notes.append("the file stays, marked cancelled: its findings need no actions, and it leaves the action plan")
        return say_dated(change, "cancellation", on, today)

    return _edit_source(root, source_id, apply, commit)


def _edit_source(root: Path, source_id: str, apply: Callable[[Source, CommentedMap], SavedChange],
                 commit: bool) -> SavedChange:
    def checked(record: Record, data: CommentedMap) -> SavedChange:
        assert isinstance(record, Source)  # edit_record(..., "source", ...) only yields sources
        return apply(record, data)

    return edit_record(root, source_id, "source", checked, commit)
