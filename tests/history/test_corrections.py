"""Corrections on real, dated Git histories: what reopen and edit write is accepted by the
history rules, and the same change made by hand is still reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from govtool.history.record_timeline import record_timeline
from govtool.lint.engine import lint_register
from govtool.register.evidence import resolve_evidence
from govtool.services import correct, lifecycle
from tests.history.helpers import action

HISTORY_RULES = {"history-rewritten", "status-regressed", "silent-redate", "silent-edit", "backdated-entry"}
ACT = "actions/ACT-1.yaml"


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _problems(root: Path, today: str) -> list[tuple[str, str]]:
    result = lint_register(root, today=_day(today))
    return [(p.rule, p.message) for p in result.problems if p.rule in HISTORY_RULES]


def _complete(root: Path, day: str, change: str) -> None:
    evidence = [(resolve_evidence(root, root, "https://intranet.example/audits/mar"), "MAR audit results")]
    lifecycle.complete(root, "ACT-1", change_text=change, evidence=evidence, by="jane.smith", today=_day(day))


def _start(reg: Any) -> None:
    reg.write(ACT, action(due="2026-12-31"))
    reg.commit("Add ACT-1", date="2026-01-10")


def test_complete_reopen_complete_again_is_accepted_and_keeps_both_completions(reg: Any) -> None:
    _start(reg)
    root = reg.path
    _complete(root, "2026-03-01", "MAR charts 97% complete in the February audit of 40 charts (was 82%)")
    reg.commit("ACT-1: completed", date="2026-03-01")
    lifecycle.close(root, "ACT-1", note="Audit checked at the March governance meeting", by="sam.patel",
                    today=_day("2026-03-05"))
    reg.commit("ACT-1: closed", date="2026-03-05")
    lifecycle.reopen(root, "ACT-1", reason="The April re-audit found gaps on the night shift again",
                     by="sam.patel", today=_day("2026-04-02"))
    reg.commit("ACT-1: reopened", date="2026-04-02")
    lifecycle.update(root, "ACT-1", note="Night-shift MAR checks added to the handover", by="jane.smith",
                     today=_day("2026-04-03"), next_milestone="May re-audit", milestone_due=_day("2026-05-01"))
    reg.commit("ACT-1: progress note", date="2026-04-03")
    _complete(root, "2026-05-02", "MAR charts 99% complete in the May audit of 40 charts, night shift included (was 82%)")
    reg.commit("ACT-1: completed", date="2026-05-02")

    assert _problems(root, "2026-05-03") == []
    data = yaml.safe_load((root / ACT).read_text())
    assert data["status"] == "completed"
    assert data["completion"]["change"].startswith("MAR charts 99% complete in the May audit")
    (reopening,) = data["reopened"]
    assert reopening["reason"] == "The April re-audit found gaps on the night shift again"
    assert reopening["completion"]["change"].startswith("MAR charts 97% complete in the February audit")
    assert reopening["closure"]["by"] == "sam.patel"
    summaries = [s for event in record_timeline(root, ACT) for s in event.summaries]
    assert "reopened (The April re-audit found gaps on the night shift again)" in summaries
    assert not any("trail rewritten" in s for s in summaries)


def test_a_hand_made_reopening_is_still_reported(reg: Any) -> None:
    _start(reg)
    root = reg.path
    _complete(root, "2026-03-01", "MAR charts 97% complete in the February audit of 40 charts (was 82%)")
    reg.commit("ACT-1: completed", date="2026-03-01")
    data = yaml.safe_load((root / ACT).read_text())
    data["status"] = "in_progress"
    del data["completion"]
    (root / ACT).write_text(yaml.safe_dump(data, sort_keys=False))
    reg.commit("Undo the completion by hand", date="2026-04-02")

    rules = sorted({rule for rule, _ in _problems(root, "2026-04-03")})
    assert rules == ["history-rewritten", "status-regressed"]


def test_edit_title_and_handover_are_accepted_while_the_same_hand_edits_are_reported(reg: Any) -> None:
    _start(reg)
    root = reg.path
    correct.edit(root, "ACT-1", values={"title": "Weekly audit of 20 MAR charts reported to the governance meeting"},
                 reason="Sample size agreed with the pharmacist", by="jane.smith", today=_day("2026-02-01"))
    reg.commit("ACT-1: edited title", date="2026-02-01")
    correct.edit(root, "ACT-1", values={"owner": "sam.patel"}, reason="Jane on leave until August",
                 by="jane.smith", today=_day("2026-02-10"))
    reg.commit("ACT-1: handed over to sam.patel", date="2026-02-10")
    assert _problems(root, "2026-02-11") == []
    summaries = [s for event in record_timeline(root, ACT) for s in event.summaries]
    assert "edited title (Sample size agreed with the pharmacist)" in summaries
    assert "handed over from jane.smith (Jane on leave until August)" in summaries

    text = (root / ACT).read_text()
    (root / ACT).write_text(text.replace("owner: sam.patel", "owner: jane.smith")
                            .replace("Weekly audit of 20", "Weekly audit of 30"))
    reg.commit("Hand edit", date="2026-02-20")
    found = _problems(root, "2026-02-21")
    assert sorted(rule for rule, _ in found) == ["silent-edit", "silent-edit"]
    messages = " ".join(message for _, message in found)
    assert "changed the owner of ACT-1 from 'sam.patel' to 'jane.smith' with no edit entry" in messages
    assert "changed the title of ACT-1" in messages
    # committed: a later edit would not settle it, so the acknowledgement is what is given
    assert '--rule silent-edit --record ACT-1 --reason "..."' in messages


def test_a_silent_edit_in_the_working_tree_is_reported_before_it_is_committed(reg: Any) -> None:
    _start(reg)
    root = reg.path
    text = (root / ACT).read_text()
    (root / ACT).write_text(text.replace("98% of MAR charts", "90% of MAR charts"))
    found = _problems(root, "2026-02-21")
    assert [rule for rule, _ in found] == ["silent-edit"]
    assert "the measure target of ACT-1 was changed in the file by hand" in found[0][1]


def test_redate_to_the_date_already_set_by_hand_records_the_missing_entry(reg: Any, cli: Any) -> None:
    """The trial's finding: fixing a silent-redate needed hand-written YAML, because `redate --to`
    the date the file already had said 'nothing to re-date'. It now records the move made by
    hand, from the date Git had before, and lint's message points to that command."""
    _start(reg)
    (reg.path / ACT).write_text(action(due="2027-01-31"))
    sha = reg.commit("Move the date", date="2026-11-20")
    [(rule, message)] = _problems(reg.path, "2026-12-03")
    assert rule == "silent-redate" and (
        "record why it moved with: govtool redate ACT-1 --to 2027-01-31 --reason \"...\" (it adds the missing entry, "
        "from 2026-12-31 to 2027-01-31, and leaves the date as it is)") in message
    result = cli("redate", "ACT-1", "--to", "31/01/2027", "--reason", "Care plan software migration moved to January",
                 "--by", "jane.smith", "--date", "2026-12-03", cwd=reg.path)  # the day the lint below calls today
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ACT-1: re-date to 2027-01-31 recorded (Care plan software")
    assert (f"ACT-1 was already due on 2027-01-31: this records the change from 2026-12-31 made earlier by hand "
            f"(commit {sha[:7]}) without a re-date entry") in result.output
    data = yaml.safe_load((reg.path / ACT).read_text())
    assert str(data["due"]) == "2027-01-31"  # left as it is
    [entry] = data["redates"]
    assert isinstance(entry.pop("date"), dt.date)  # the day it is recorded
    assert entry == {"from": dt.date(2026, 12, 31), "to": dt.date(2027, 1, 31),
                     "reason": "Care plan software migration moved to January", "by": "jane.smith"}
    assert _problems(reg.path, "2026-12-03") == []  # uncommitted, and settled
    reg.commit("Record the re-date", date="2026-12-03")
    assert _problems(reg.path, "2026-12-03") == []


def test_redate_records_every_move_made_by_hand_and_lint_is_clean_after_it(reg: Any, cli: Any) -> None:
    """Two hand moves of the date in two commits: lint reports both, and its message for each
    (the earlier one too) gives the one command that records them both, oldest first, each from
    the date Git had before it to the date after it; lint is clean after it. (It used to record
    only the latest move, and the earlier one could be settled only by writing YAML by hand.)"""
    _start(reg)
    (reg.path / ACT).write_text(action(due="2027-01-31"))
    first = reg.commit("Moved by hand", date="2026-11-05")
    (reg.path / ACT).write_text(action(due="2027-02-28"))
    second = reg.commit("Moved again by hand", date="2026-11-20")
    found = _problems(reg.path, "2026-12-03")
    assert [rule for rule, _ in found] == ["silent-redate", "silent-redate"]
    earlier = next(message for _, message in found if first[:7] in message)
    assert ("moved the due date of ACT-1 from 2026-12-31 to 2027-01-31 with no re-date entry: record why it moved with: "
            "govtool redate ACT-1 --to 2027-02-28 --reason \"...\" (it adds the missing entry for each of the 2 moves "
            "made by hand, this one from 2026-12-31 to 2027-01-31 among them, and leaves the date as it is)") in earlier
    result = cli("redate", "ACT-1", "--to", "2027-02-28", "--reason", "The MAR supplier delayed go-live twice",
                 "--by", "jane.smith", "--date", "2026-12-03", cwd=reg.path)  # the day the lint below calls today
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ACT-1: 2 re-dates made by hand recorded (The MAR supplier")
    assert ("this records the 2 changes of its due date made earlier by hand without a re-date entry, each with your "
            f"reason: from 2026-12-31 to 2027-01-31 (commit {first[:7]}), from 2027-01-31 to 2027-02-28 "
            f"(commit {second[:7]})") in result.output
    data = yaml.safe_load((reg.path / ACT).read_text())
    assert str(data["due"]) == "2027-02-28"  # left as it is
    assert [(r["from"], r["to"], r["reason"]) for r in data["redates"]] == [
        (dt.date(2026, 12, 31), dt.date(2027, 1, 31), "The MAR supplier delayed go-live twice"),
        (dt.date(2027, 1, 31), dt.date(2027, 2, 28), "The MAR supplier delayed go-live twice")]
    assert _problems(reg.path, "2026-12-03") == []
    reg.commit("Record the re-dates", date="2026-12-03")
    assert _problems(reg.path, "2026-12-03") == []
    # (open since January with nothing recorded: stale-action, a warning about the plan, not its history)
    assert [p for p in lint_register(reg.path, today=_day("2026-12-03"), base=second).problems
            if p.rule != "stale-action"] == []


def test_redate_records_a_hand_move_left_behind_a_recorded_one(reg: Any) -> None:
    """A date moved by hand, then re-dated properly: the hand move is recorded by re-dating to
    the date the action has now (the command lint names), no longer refused as 'nothing to
    re-date (and every earlier change of its due date has its re-date entry)'."""
    _start(reg)
    (reg.path / ACT).write_text(action(due="2027-01-31"))
    reg.commit("Moved by hand", date="2026-11-05")
    lifecycle.redate(reg.path, "ACT-1", to=_day("2027-03-31"), reason="Contractor booked for March",
                     by="jane.smith", today=_day("2026-11-20"))
    reg.commit("Re-dated", date="2026-11-20")
    [(rule, message)] = _problems(reg.path, "2026-12-03")
    assert rule == "silent-redate" and "govtool redate ACT-1 --to 2027-03-31 --reason" in message
    assert "(it adds the missing entry, from 2026-12-31 to 2027-01-31, and leaves the date as it is)" in message
    lifecycle.redate(reg.path, "ACT-1", to=_day("2027-03-31"), reason="Contractor cancelled the January visit",
                     by="jane.smith", today=_day("2026-12-03"))
    data = yaml.safe_load((reg.path / ACT).read_text())
    assert [(str(r["from"]), str(r["to"])) for r in data["redates"]] == [
        ("2027-01-31", "2027-03-31"), ("2026-12-31", "2027-01-31")]
    assert _problems(reg.path, "2026-12-03") == []


def test_redate_records_a_move_made_by_hand_and_not_yet_committed(reg: Any) -> None:
    _start(reg)
    (reg.path / ACT).write_text(action(due="2027-02-28"))
    lifecycle.redate(reg.path, "ACT-1", to=_day("2027-02-28"), reason="Waiting for the new MAR supplier's contract",
                     by="jane.smith", today=_day("2026-12-03"))
    data = yaml.safe_load((reg.path / ACT).read_text())
    assert [(r["from"], r["to"]) for r in data["redates"]] == [(dt.date(2026, 12, 31), dt.date(2027, 2, 28))]
    assert _problems(reg.path, "2026-12-03") == []


def test_redate_to_the_same_date_with_nothing_to_record_is_still_refused(reg: Any, cli: Any) -> None:
    _start(reg)
    result = cli.subprocess("redate", "ACT-1", "--to", "2026-12-31", "--reason", "Supplier delay", "--by", "jane.smith",
                            cwd=reg.path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("govtool: error: ACT-1 is already due on 2026-12-31: nothing to re-date "
                                     "(and every earlier change of its due date has its re-date entry)")
    lifecycle.redate(reg.path, "ACT-1", to=_day("2027-01-31"), reason="Supplier delay", by="jane.smith",
                     today=_day("2026-12-03"))
    reg.commit("Re-dated", date="2026-12-03")
    again = cli.subprocess("redate", "ACT-1", "--to", "2027-01-31", "--reason", "Supplier delay", "--by", "jane.smith",
                           cwd=reg.path)
    assert again.returncode == 2 and "nothing to re-date" in again.stderr
