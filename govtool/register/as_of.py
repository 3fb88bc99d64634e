"""The register as it stood on a past date, worked out from today's files alone.

A past ``--as-of DATE`` means one thing for every command that takes it: today's files, with
every trail entry (progress notes, re-dates, edits and hand-overs, completion and its later
evidence, closure, reopening, cancellation, risk reviews) and every record (source, action,
risk) dated after DATE left out. What the files say of the time before an entry undoes it:

- a re-date left out gives back the due date it moved (its ``from``);
- an edit left out gives back the fields it changed (its ``from``; a hand-over, the owner),
  and takes away those it added (a field its ``from`` leaves out was not there: a measure
  whose parts an edit added is no measure at all, as for an action that never had one);
- a reopening left out gives back the completion and closure it set aside;
- a status follows what is left: cancelled, closed, completed, or else in progress when a
  progress note or a reopening is left (``govtool update`` and ``reopen`` set it), else open;
- a risk's residual score is the one its last review on or before DATE gave; reviewed only
  later, the one it was raised with, which the first later review records as its ``from``
  (one that does not leaves it "not yet reviewed": :func:`not_yet_reviewed`).

No Git is read, so it works on a download of the files as well as on a clone. The records keep
their files' line numbers (a problem still points at the line in today's file). An entry
with no readable date is kept: nothing says it came later. Today and later dates leave the
register as it is (an entry dated after today is a mistake lint reports, not the past).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from govtool.register.dates import parse_file_date
from govtool.register.model import Action, Register, Risk, Score, Source
from govtool.register.yamlload import LoadedYaml, Path_

#: An action's trail lists, each entry dated by its ``date``.
ACTION_LISTS = ("updates", "redates", "edits")
#: The single entries that end (or set aside) an action's work.
ACTION_SIGN_OFFS = ("completion", "closure", "cancellation")


def is_past(day: dt.date, today: dt.date) -> bool:
    """Whether ``--as-of day`` asks for the register as it stood then (a day before today)."""
    return day < today


def register_as_of(register: Register, day: dt.date, today: dt.date) -> Register:
    """The register every command shows for ``--as-of day``: as it stood at the end of ``day``
    when that is before ``today``, else ``register`` itself (no cost, no copy)."""
    return stood_on(register, day) if is_past(day, today) else register


def stood_on(register: Register, day: dt.date) -> Register:
    """``register`` as it stood at the end of ``day`` (see the module's docstring); a new
    register with its own linked records, carrying the files' one as ``as_filed``."""
    if register.as_of is not None:  # already cut: cut what the files hold
        register = register.as_filed
    cut = Register(root=register.root, settings=register.settings, as_of=day, files=register)
    left_out: set[str] = set()
    for source in register.sources.values():
        if _after(source.date, day):
            left_out.add(source.path.as_posix())
        else:
            cut.sources[source.id] = _source_on(source, day)
    for risk in register.risks.values():
        if _after(risk.created, day):
            left_out.add(risk.path.as_posix())
        else:
            cut.risks[risk.id] = _risk_on(risk, day)
    for action in register.actions.values():
        # an action answering a source or risk not yet recorded was not there either
        if (_after(action.created, day) or (action.source_id is not None and action.source_id not in cut.sources
                                             and action.source_id in register.sources)
                or (action.risk_id is not None and action.risk_id not in cut.risks and action.risk_id in register.risks)):
            left_out.add(action.path.as_posix())
        else:
            cut.actions[action.id] = _action_on(action, day)
    cut.problems = [p for p in register.problems if p.path.as_posix() not in left_out]
    cut.link()
    return cut


def left_out_files(register: Register) -> set[str]:
    """The record files (register-relative, posix) a cut register leaves out: records dated
    after its day. Empty for a register as the files hold it."""
    if register.as_of is None:
        return set()
    kept = {r.path.as_posix() for records in (register.actions, register.sources, register.risks)
            for r in records.values()}
    whole = register.as_filed
    return {r.path.as_posix() for records in (whole.actions, whole.sources, whole.risks)
            for r in records.values()} - kept


def not_yet(register: Register, record_id: str) -> str:
    """' (recorded after 2026-08-31, the --as-of date)' for a record a register cut back to a
    past day leaves out, to say why it is missing; '' otherwise."""
    if register.as_of is None or register.record(record_id) is not None or register.as_filed.record(record_id) is None:
        return ""
    return f" on {register.as_of.isoformat()} (it was recorded after that --as-of date)"


def not_yet_reviewed(register: Register, risk: Risk) -> bool:
    """Whether ``risk`` (a record of ``register``) had a residual score on a cut register's day
    that the files do not give: it was raised with one, and every review came later without
    recording the score it replaced (a review written before ``govtool review`` did). Its
    residual score is then said to be "not yet reviewed", not "not scored"."""
    if register.as_of is None or risk.residual.value is not None:
        return False
    filed = register.as_filed.risks.get(risk.id)
    return filed is not None and filed.residual.value is not None


def redates_by_day(action: Action) -> tuple[tuple[dt.date, dt.date | None], ...]:
    """(day, due date before it) for each of the action's dated re-dates, oldest first (the
    file's order breaking a tie)."""
    dated = sorted((r.date, r.index, r.from_) for r in action.redates if r.date is not None)
    return tuple((day, from_) for day, _, from_ in dated)


def due_in_force(due: dt.date | None, redates: Sequence[tuple[dt.date, dt.date | None]],
                 day: dt.date) -> dt.date | None:
    """The due date in force on ``day``: the re-dates recorded after it undone, so the due date
    before the first of them (``redates`` as :func:`redates_by_day` gives them). The one
    answer for a cut register and for the momentum report's backlog on each past week."""
    for redate_day, due_before in redates:
        if redate_day > day:
            return due_before or due
    return due


# -- one record -------------------------------------------------------------------------------
def _after(date: dt.date | None, day: dt.date) -> bool:
    return date is not None and date > day


def _late(entry: Any, day: dt.date, key: str = "date") -> bool:
    """A trail entry (raw mapping) dated after ``day``."""
    return isinstance(entry, dict) and _after(parse_file_date(entry.get(key)), day)


class _Cut:
    """A record's data being cut back, with where each kept part's lines now are."""

    def __init__(self, doc: LoadedYaml):
        self.doc = doc
        self.data: dict[str, Any] = dict(doc.data) if isinstance(doc.data, dict) else {}
        #: list path -> {old index: new index} for a list some of whose entries were left out
        self.lists: dict[Path_, dict[int, int]] = {}
        #: new path -> old path, for a part moved back where it was (a reopening's completion)
        self.moved: dict[Path_, Path_] = {}
        #: top-level keys left out (their lines go too)
        self.dropped: set[str] = set()

    def keep_entries(self, key: str, day: dt.date) -> list[Any]:
        """Leave out the entries of list ``key`` dated after ``day``; the ones left out."""
        raw = self.data.get(key)
        if not isinstance(raw, list):
            return []
        late = [i for i, entry in enumerate(raw) if _late(entry, day)]
        if late:
            kept = _renumbered(len(raw), late)
            self.lists[(key,)] = kept
            self.data[key] = [raw[i] for i in kept]
            if not self.data[key]:
                self.drop(key)
        return [raw[i] for i in late]

    def drop(self, key: str) -> None:
        self.data.pop(key, None)
        self.dropped.add(key)
        self.lists.pop((key,), None)
        self.moved = {new: old for new, old in self.moved.items() if new[0] != key}

    def put_back(self, key: str, value: Any, old: Path_) -> None:
        """``key`` takes ``value``, which the file holds at ``old``."""
        self.drop(key)
        self.dropped.discard(key)
        self.data[key] = value
        self.moved[(key,)] = old

    def loaded(self) -> LoadedYaml:
        lines: dict[Path_, int] = {}
        for path, line in self.doc.lines.items():
            if path and path[0] in self.dropped and (path[0],) not in self.moved:
                continue
            if path and (path[0],) in self.moved:
                continue  # the key now holds what was elsewhere: its lines come from there
            mapped = self._mapped(path)
            if mapped is not None:
                lines[mapped] = line
        for new, old in self.moved.items():
            depth = len(old)
            for path, line in self.doc.lines.items():
                if path[:depth] == old:
                    mapped = self._mapped(new + path[depth:])
                    if mapped is not None:
                        lines[mapped] = line
        return LoadedYaml(self.data, lines, self.doc.duplicates)

    def _mapped(self, path: Path_) -> Path_ | None:
        for prefix, renumbered in self.lists.items():
            depth = len(prefix)
            index = path[depth] if len(path) > depth else None
            if path[:depth] == prefix and isinstance(index, int):
                new = renumbered.get(index)
                if new is None:
                    return None
                path = (*prefix, new, *path[depth + 1:])
        return path


def _renumbered(length: int, left_out: Iterable[int]) -> dict[int, int]:
    """{old index: new index} of the entries of a list of ``length`` kept when ``left_out`` go."""
    gone = set(left_out)
    return {old: new for new, old in enumerate(i for i in range(length) if i not in gone)}


def _undo_edits(cut: _Cut, late: Iterable[Any], fields: Iterable[str] | None = None) -> None:
    """Give back what the edits left out changed, latest first, so the earliest one's ``from`` stands."""
    for entry in reversed(list(late)):
        if not isinstance(entry, dict) or entry.get("finding") is not None:
            continue
        was, changed = _was(entry)
        for name in changed:
            if not isinstance(name, str) or (fields is not None and name not in fields):
                continue
            head, _, part = name.partition(".")
            if part:
                holder = cut.data.get(head)
                holder = dict(holder) if isinstance(holder, dict) else {}
                _restore(holder, part, was, name)
                if holder:
                    cut.data[head] = holder
                    cut.dropped.discard(head)
                else:  # every part was added later: the record had none (a measure the edit added)
                    cut.drop(head)
            else:
                _restore(cut.data, head, was, name)


def _was(entry: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """An edit entry's ``from`` (the fields' values before) and ``fields`` (the fields it changed)."""
    was, changed = entry.get("from"), entry.get("fields")
    return (was if isinstance(was, dict) else {}), (changed if isinstance(changed, list) else [])


def _restore(holder: dict[str, Any], key: str, was: dict[str, Any], name: str) -> None:
    if was.get(name) not in (None, ""):
        holder[key] = was[name]
    else:  # the entry leaves out a field that was empty: the record did not have it
        holder.pop(key, None)


def _undo_finding_edits(cut: _Cut, late: Iterable[Any]) -> None:
    findings = cut.data.get("findings")
    if not isinstance(findings, list):
        return
    copies = [dict(f) if isinstance(f, dict) else f for f in findings]
    for entry in reversed(list(late)):
        if not isinstance(entry, dict) or entry.get("finding") is None:
            continue
        target = next((f for f in copies if isinstance(f, dict) and f.get("id") == entry.get("finding")), None)
        was, changed = _was(entry)
        if target is not None:
            for name in changed:
                if isinstance(name, str):
                    _restore(target, name, was, name)
    cut.data["findings"] = copies


def _action_on(action: Action, day: dt.date) -> Action:
    if not _changes(action, day):
        return Action(action.id, action.path, action.doc)
    cut = _Cut(action.doc)
    data = cut.data
    status_parts_left_out = False
    reopened = data.get("reopened")
    if isinstance(reopened, list):
        first_late = next((i for i, entry in enumerate(reopened) if _late(entry, day)), None)
        if first_late is not None:
            # what the first reopening after ``day`` set aside is what stood on ``day``
            undone = reopened[first_late]
            for part in ("completion", "closure"):
                if part in undone:
                    cut.put_back(part, undone[part], ("reopened", first_late, part))
                else:
                    cut.drop(part)
            cut.lists[("reopened",)] = {i: i for i in range(first_late)}
            data["reopened"] = reopened[:first_late]
            if not data["reopened"]:
                cut.drop("reopened")
            status_parts_left_out = True
    late_updates = cut.keep_entries("updates", day)
    late_redates = cut.keep_entries("redates", day)
    late_edits = cut.keep_entries("edits", day)
    _undo_edits(cut, late_edits)
    if late_redates:
        due = due_in_force(action.due, redates_by_day(action), day)
        if due is not None:
            data["due"] = due.isoformat()
    completion = data.get("completion")
    if _late(completion, day):
        cut.drop("completion")
        status_parts_left_out = True
    elif isinstance(completion, dict) and isinstance(completion.get("evidence"), list):
        evidence = completion["evidence"]
        later = [i for i, item in enumerate(evidence) if _late(item, day, "added")]
        if later:
            kept = _renumbered(len(evidence), later)
            cut.lists[("completion", "evidence")] = kept
            data["completion"] = {**completion, "evidence": [evidence[i] for i in kept]}
    for part in ("closure", "cancellation"):
        if _late(data.get(part), day):
            cut.drop(part)
            status_parts_left_out = True
    if status_parts_left_out or late_updates:
        data["status"] = _status(data)
    return Action(action.id, action.path, cut.loaded())


def _changes(action: Action, day: dt.date) -> bool:
    """Whether anything in the action's file is dated after ``day`` (its trail, later evidence)."""
    for entry in action.trail:
        if _after(entry.date, day):
            return True
    completion = action.completion
    return completion is not None and any(_after(item.added, day) for item in completion.evidence)


def _status(data: dict[str, Any]) -> str:
    """The status the parts that stood on the day give."""
    if "cancellation" in data:
        return "cancelled"
    if "completion" in data:
        return "closed" if "closure" in data else "completed"
    return "in_progress" if data.get("updates") or data.get("reopened") else "open"


def _source_on(source: Source, day: dt.date) -> Source:
    if not any(_after(entry.date, day) for entry in source.trail):
        return Source(source.id, source.path, source.doc)
    cut = _Cut(source.doc)
    late_edits = cut.keep_entries("edits", day)
    _undo_edits(cut, late_edits)
    _undo_finding_edits(cut, late_edits)
    if _late(cut.data.get("cancellation"), day):
        cut.drop("cancellation")
    return Source(source.id, source.path, cut.loaded())


def _risk_on(risk: Risk, day: dt.date) -> Risk:
    if not any(_after(review.date, day) for review in risk.reviews):
        return Risk(risk.id, risk.path, risk.doc)
    cut = _Cut(risk.doc)
    late = cut.keep_entries("reviews", day)
    reviews = cut.data.get("reviews")
    kept: list[Any] = reviews if isinstance(reviews, list) else []
    last = next((r for r in reversed(kept) if isinstance(r, dict)), None)
    if last is not None:
        cut.data["residual"] = {"likelihood": last.get("likelihood"), "consequence": last.get("consequence")}
    elif late:
        # reviewed only later: the score the first of those replaced is the one it was raised
        # with, when that review records it (``govtool review`` writes its ``from``)
        first = late[0]
        raised = first.get("from") if isinstance(first, dict) else None
        if isinstance(raised, dict) and Score.of(raised).value is not None:
            index = next(i for i, entry in enumerate(cut.doc.data["reviews"]) if entry is first)
            cut.put_back("residual", {"likelihood": raised["likelihood"], "consequence": raised["consequence"]},
                         ("reviews", index, "from"))
        else:  # not in the files: the risk shows as not yet reviewed (:func:`not_yet_reviewed`)
            cut.drop("residual")
    rescored = next((r.get("inherent") for r in reversed(kept) if isinstance(r, dict) and "inherent" in r), None)
    if rescored is not None:
        cut.data["inherent"] = rescored
    return Risk(risk.id, risk.path, cut.loaded())


__all__ = ["due_in_force", "is_past", "left_out_files", "not_yet", "not_yet_reviewed", "redates_by_day", "register_as_of",
           "stood_on"]
