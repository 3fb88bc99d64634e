"""A record's timeline from Git."""

from __future__ import annotations

from govtool.history.record_timeline import format_timeline, record_timeline
from tests.history.helpers import action, note, redate


def test_timeline_of_a_record_tells_its_story(reg):
    reg.write("actions/ACT-OLD.yaml", action("ACT-OLD"))
    first = reg.commit("Add", date="2026-02-01")
    reg.git("mv", "actions/ACT-OLD.yaml", "actions/ACT-1.yaml")
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("New ID", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-10")]))
    reg.commit("Progress", date="2026-02-10")
    moved = [redate("2026-03-20", "2026-03-31", "2026-04-30", "supplier delay")]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-10")], due="2026-04-30", redates=moved))
    reg.commit("Re-date", date="2026-03-20")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-10")], due="2026-05-31", redates=moved))
    reg.commit("Move again", date="2026-04-25")
    done = {"date": "2026-05-20", "by": "jane.smith", "change": "98% in three audits", "evidence": [{"path": "evidence/a.pdf"}]}
    reg.write("actions/ACT-1.yaml", action(status="completed", updates=[note("2026-02-10")], due="2026-05-31", redates=moved, completion=done))
    events = record_timeline(reg.path, "actions/ACT-1.yaml")
    assert [e.summaries for e in events] == [
        ["created"],
        ["renamed from actions/ACT-OLD.yaml"],
        ["status open → in_progress", "progress note added"],
        ["re-dated 2026-03-31 → 2026-04-30 (supplier delay)"],
        ["due date changed 2026-04-30 → 2026-05-31 without a re-date entry"],
        ["completed"],
    ]
    assert events[0].commit == first and events[0].date == "2026-02-01" and events[0].author == "Test Author"
    lines = format_timeline(events)
    assert lines[0] == f"2026-02-01  {first[:7]}      Test Author  created"
    assert lines[-1].startswith("now         uncommitted  completed")


def test_timeline_shows_closure_cancellation_and_rewrites(reg):
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01")]))
    reg.commit("Add", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01", "edited")]))
    reg.commit("Edit", date="2026-02-02")
    reg.write("actions/ACT-1.yaml", action(status="cancelled", updates=[note("2026-02-01", "edited")],
                                           cancellation={"date": "2026-02-03", "by": "jane.smith", "reason": "Superseded"}))
    reg.commit("Cancel", date="2026-02-03")
    summaries = [e.summaries for e in record_timeline(reg.path, reg.path / "actions/ACT-1.yaml")]
    assert summaries[1] == ["changed the progress note of 2026-02-01 (trail rewritten)"]
    assert summaries[2] == ["cancelled"]
