"""A record version reduced to what history rules and timelines compare: its trail.

A snapshot is plain JSON-able data (so the cache can hold it without pickle): the record's
id, due date, status, the fields ``govtool edit`` corrects (title, owner, measure, ...), the
append-only lists (updates, redates, reviews, edits, reopened) and the one-off entries
(completion, closure, cancellation). A source's and a risk's snapshot also hold ``fields``:
the fields only a recorded entry should change (see :func:`guarded_fields`). ``None`` stands
for "no usable record" (the file is absent, or did not parse as a record at that commit).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from govtool.register.load import parse_record
from govtool.register.model import (
    CONTROL_REVIEWED_FIELDS,
    EDITABLE_FIELDS,
    FINDING_EDITABLE_FIELDS,
    RISK_REVIEWED_SCORES,
    SOURCE_EDITABLE_FIELDS,
    editable_value,
)

Snapshot = dict[str, Any]

#: the plain fields compared between versions: what timelines name and ``silent-edit`` guards
SCALARS = ("id", "due", "status", *EDITABLE_FIELDS)
TRAIL_LISTS = ("updates", "redates", "reviews", "edits", "reopened")
TRAIL_SINGLES = ("completion", "closure", "cancellation")
#: how each trail part is named in a message
ENTRY_NAMES = {
    "updates": "progress note",
    "redates": "re-date entry",
    "reviews": "risk review",
    "edits": "edit entry",
    "reopened": "reopening entry",
    "completion": "completion entry",
    "closure": "closure entry",
    "cancellation": "cancellation entry",
}
FOLDER_KINDS = {"actions": "action", "sources": "source", "risks": "risk"}
#: kind -> (its own guarded fields, the list of parts it holds, each part's guarded fields)
GUARDED = {
    "source": (SOURCE_EDITABLE_FIELDS, "findings", FINDING_EDITABLE_FIELDS),
    "risk": (RISK_REVIEWED_SCORES, "controls", CONTROL_REVIEWED_FIELDS),
}


@lru_cache(maxsize=65536)
def kind_of(relative: str) -> str | None:
    """'actions/ACT-1.yaml' -> 'action'; None for anything that is not a record file."""
    folder, _, name = relative.partition("/")
    if not name or "/" in name or name.startswith(".") or not name.endswith((".yaml", ".yml")):
        return None
    return FOLDER_KINDS.get(folder)


def from_data(kind: str, data: Any) -> Snapshot | None:
    if not isinstance(data, dict):
        return None
    snap: Snapshot = {"kind": kind}
    for key in SCALARS:
        value = data.get(key) if "." not in key else editable_value(data, key)
        snap[key] = value if isinstance(value, str) else None
    for key in TRAIL_LISTS:
        value = data.get(key)
        snap[key] = [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []
    for key in TRAIL_SINGLES:
        value = data.get(key)
        snap[key] = value if isinstance(value, dict) else None
    if kind in GUARDED:  # an action's are its EDITABLE_FIELDS, above
        snap["fields"] = guarded_fields(kind, data)
    return snap


def guarded_fields(kind: str, data: dict[str, Any]) -> dict[str, str | None]:
    """A source's or a risk's fields that only a recorded entry should change, by name, as text.

    Its own fields by dotted name (``response_due``, ``residual.likelihood``), present only when
    set; each finding's or control's as ``findings/F1/level`` (IDs may hold dots, never a slash),
    present (None when unset) for every finding or control the version has, so that a
    comparison can tell a part that changed from one added or removed.
    """
    own, parts, part_fields = GUARDED[kind]
    fields: dict[str, str | None] = {name: value for name in own if (value := editable_value(data, name)) is not None}
    items = data.get(parts)
    seen: set[str] = set()
    for item in items if isinstance(items, list) else []:
        part_id = editable_value(item, "id")
        if part_id is None or part_id in seen:  # a repeated ID: the first counts (lint reports the rest)
            continue
        seen.add(part_id)
        for name in part_fields:
            fields[f"{parts}/{part_id}/{name}"] = editable_value(item, name)
    return fields


def from_blob(raw: bytes, relative: str) -> Snapshot | None:
    """Parse one file version with the register's own loader (no schema check: old versions
    are compared, not validated, and the check would triple the cost of a first run)."""
    kind = kind_of(relative)
    if kind is None:
        return None
    record, _problems = parse_record(raw, kind, PurePosixPath(relative), validate_schema=False)  # type: ignore[arg-type]
    return from_data(kind, record.data) if record is not None else None


def entry_key(entry: Any) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


def entry_digest(entry: Any) -> str:
    """A short name for one trail entry's content (the same entry in any version has the same)."""
    return hashlib.blake2b(entry_key(entry).encode(), digest_size=8).hexdigest()


def three_way(base: Snapshot | None, parents: list[Snapshot | None], merged: Snapshot | None) -> Snapshot | None:
    """What a clean merge of ``parents`` (forked at ``base``) holds: each side's changes kept.

    A merge is judged against this, not against one parent, so that taking one side's
    re-date or note is no change at all, while a resolution that loses one side's entry
    (or makes a change of its own) shows up as a change made by the merge.
    """
    exists = _merge_value(base is not None, [p is not None for p in parents], merged is not None)
    if not exists:
        return None
    base_ = base or {}
    present = [p for p in parents if p is not None]
    result: Snapshot = {"kind": (merged or present[0])["kind"]}
    for key in (*SCALARS, *TRAIL_SINGLES):
        result[key] = _merge_value(base_.get(key), [p.get(key) for p in present], (merged or {}).get(key))
    for key in TRAIL_LISTS:
        result[key] = _merge_list(base_.get(key) or [], [p.get(key) or [] for p in present])
    if "fields" in (merged or present[0]):
        result["fields"] = _merge_fields(base_.get("fields") or {}, [p.get("fields") or {} for p in present],
                                         (merged or {}).get("fields") or {})
    return result


_ABSENT = object()


def _merge_fields(base: dict[str, Any], sides: list[dict[str, Any]], merged: dict[str, Any]) -> dict[str, Any]:
    """Each guarded field merged on its own, a part's field absent where the merge drops the part."""
    result = {}
    for name in dict.fromkeys([*base, *(name for side in sides for name in side)]):
        value = _merge_value(base.get(name, _ABSENT), [side.get(name, _ABSENT) for side in sides],
                             merged.get(name, _ABSENT))
        if value is not _ABSENT:
            result[name] = value
    return result


def _merge_value(base: Any, sides: list[Any], merged: Any) -> Any:
    changed = [v for v in sides if v != base]
    if not changed:
        return base
    if all(v == changed[0] for v in changed):
        return changed[0]
    return merged if merged in sides else changed[0]  # a conflict: any side's value is fair


def _merge_list(base: list[Any], sides: list[list[Any]]) -> list[Any]:
    """Entries of the base that no side removed, plus what any side added, in side order."""
    base_count = Counter(entry_key(e) for e in base)
    side_counts = [Counter(entry_key(e) for e in side) for side in sides]
    expected: Counter[str] = Counter()
    for key in set(base_count).union(*side_counts):
        kept = min(count[key] for count in side_counts) if base_count[key] else 0
        added = max(count[key] - base_count[key] for count in side_counts)
        expected[key] = min(base_count[key], kept) + max(added, 0)
    result: list[Any] = []
    for side in sides:
        for entry in side:
            key = entry_key(entry)
            if expected[key] > 0:
                expected[key] -= 1
                result.append(entry)
    return result
