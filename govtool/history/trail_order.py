"""The order in which an action's trail entries were written, for readers of the trail.

An action keeps its trail in one list per kind (``updates``, ``redates``, ``edits``,
``reopened``) and one field each for the completion, closure and cancellation: each list is in
the order it was written, but nothing in the file says whether a progress note written on the
same day as a re-date came before it or after it. Git does: the record's timeline
(:func:`.record_timeline.record_timeline`) names, for each change, the entries it added. So a
trail reads by date, and entries of one day in the order they were written: first by the
change that added them (commits oldest first, then staged, then uncommitted edits), then in
file order. Outside Git (or for an entry no change added, such as one edited in place), the
order given by the caller stands for entries of one day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from govtool.history.errors import HistoryUnavailable
from govtool.history.snapshot import TRAIL_LISTS, TRAIL_SINGLES, entry_digest
from govtool.register.model import Action, TrailEntry

if TYPE_CHECKING:
    from govtool.history.record_timeline import TimelineEvent

#: where an entry is in the record: ("redates", 2), ("completion",), as TrailEntry.field_path
Place = tuple[str | int, ...]
Entry = TypeVar("Entry", bound=TrailEntry)


def steps_from_events(events: Sequence[TimelineEvent], data: Mapping[str, Any]) -> dict[Place, int]:
    """For each trail entry of ``data`` (a record's current content), the number of the event
    (0 = oldest) that wrote it; entries no event added are left out."""
    found: dict[tuple[str, str], deque[int]] = defaultdict(deque)
    last_single: dict[str, int] = {}
    for number, event in enumerate(events):
        for part, digest in event.added:
            found[(part, digest)].append(number)
            if part in TRAIL_SINGLES:
                last_single[part] = number  # the current one is the latest written
    steps: dict[Place, int] = {}
    for part in TRAIL_LISTS:
        entries = data.get(part)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and found[(part, entry_digest(entry))]:
                steps[(part, index)] = found[(part, entry_digest(entry))].popleft()
    for part in TRAIL_SINGLES:
        if isinstance(data.get(part), dict) and part in last_single:
            steps[(part,)] = last_single[part]
    return steps


def written_steps(root: Path, action: Action) -> dict[Place, int]:
    """:func:`steps_from_events` for an action, from its Git timeline (empty outside Git).
    Reports ask only when :func:`same_day_kinds` says the order is not known without it."""
    from govtool.history.record_timeline import record_timeline  # Git only when asked

    try:
        events = record_timeline(root, action.path)
    except HistoryUnavailable:
        return {}
    return steps_from_events(events, action.data)


def same_day_kinds(entries: Iterable[TrailEntry]) -> bool:
    """Whether two entries of different kinds share a date: only then does Git decide the order."""
    kinds: dict[dt.date | None, set[str | int]] = defaultdict(set)
    for entry in entries:
        kinds[entry.date].add(entry.field_path[0])
    return any(len(found) > 1 for found in kinds.values())


def in_written_order(entries: Sequence[Entry], steps: Mapping[Place, int]) -> list[Entry]:
    """``entries`` by date (undated first), entries of one day in the order they were written
    (``steps``, from :func:`written_steps`), else in the order given."""
    unknown = max(steps.values(), default=0) + 1  # after every entry whose change is known
    return [entry for _, entry in sorted(
        enumerate(entries),
        key=lambda item: (item[1].date or dt.date.min, steps.get(item[1].field_path, unknown), item[0]))]
