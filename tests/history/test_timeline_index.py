"""show reads one record's committed story from the per-tip index, and tells exactly what a
read of the whole history tells: renames followed, uncommitted edits, a new commit, a corrupt index."""

from __future__ import annotations

import shutil
from pathlib import Path

from govtool.history import record_timeline as timeline
from govtool.history.record_timeline import record_timeline
from tests.history.helpers import action, note

PATHS = ("actions/ACT-1.yaml", "actions/ACT-2.yaml", "actions/ACT-OLD.yaml", "actions/ACT-3.yaml")


def cold(root: Path, path: str) -> list[timeline.TimelineEvent]:
    for folder in (root / ".git" / "govtool").glob("timeline-index-*"):
        shutil.rmtree(folder)
    return record_timeline(root, path)


def history(reg) -> None:  # type: ignore[no-untyped-def]
    reg.write("actions/ACT-OLD.yaml", action("ACT-OLD"))
    reg.write("actions/ACT-2.yaml", action("ACT-2"))
    reg.commit("Add", date="2026-02-01")
    reg.git("mv", "actions/ACT-OLD.yaml", "actions/ACT-1.yaml")
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("New ID", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-10")]))
    reg.write("actions/ACT-OLD.yaml", action("ACT-OLD", title="A new action under the old name"))
    reg.commit("Progress", date="2026-02-10")


def test_the_index_tells_each_record_what_the_whole_history_tells(reg):
    history(reg)
    expected = {path: cold(reg.path, path) for path in PATHS}
    timeline.HISTORY_READS.clear()
    assert {path: record_timeline(reg.path, path) for path in PATHS} == expected
    assert timeline.HISTORY_READS == []  # every one from the index the first read wrote
    assert [e.summaries for e in expected["actions/ACT-1.yaml"]][:2] == [["created"], ["renamed from actions/ACT-OLD.yaml"]]


def test_uncommitted_edits_and_new_commits_are_never_served_stale(reg):
    history(reg)
    record_timeline(reg.path, "actions/ACT-2.yaml")
    reg.write("actions/ACT-2.yaml", action("ACT-2", status="in_progress"))  # not committed
    timeline.HISTORY_READS.clear()
    shown = record_timeline(reg.path, "actions/ACT-2.yaml")
    assert shown[-1].label == "uncommitted" and timeline.HISTORY_READS == ["actions/ACT-2.yaml"]
    assert shown == cold(reg.path, "actions/ACT-2.yaml")
    reg.commit("Start ACT-2", date="2026-02-12")
    record_timeline(reg.path, "actions/ACT-1.yaml")  # a new tip: the index is written again
    assert record_timeline(reg.path, "actions/ACT-2.yaml")[-1].summaries == ["status open → in_progress"]


def test_a_corrupt_or_forged_index_changes_nothing(reg):
    history(reg)
    expected = cold(reg.path, "actions/ACT-1.yaml")
    [folder] = (reg.path / ".git" / "govtool").glob("timeline-index-*")
    for shard in folder.glob("*.json"):
        header, _, body = shard.read_bytes().partition(b"\n")
        shard.write_bytes(header + b"\n" + body.replace(b"created", b"forged"))  # checksum no longer matches
    assert record_timeline(reg.path, "actions/ACT-1.yaml") == expected
    for shard in folder.glob("*.json"):
        shard.write_bytes(b"garbage")
    assert record_timeline(reg.path, "actions/ACT-1.yaml") == expected
