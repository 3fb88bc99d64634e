"""``govtool changes BASE..HEAD`` on a real branch."""

from __future__ import annotations

import json
import re

import yaml

from tests.history.helpers import SOURCE, action, branch_moving_two_dates, note, redate


def _branch(reg):  # type: ignore[no-untyped-def]
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[note("2026-02-01")]))
    reg.write("actions/ACT-2.yaml", action("ACT-2", title="Old action"))
    reg.write("actions/ACT-3.yaml", action("ACT-3", due="2026-06-30"))
    reg.commit("Start", date="2026-02-01")
    reg.write("actions/ACT-3.yaml", action("ACT-3", due="2026-07-31"))  # an old mistake on main
    reg.commit("Old silent move", date="2026-02-02")
    reg.git("checkout", "-q", "-b", "march-update")
    reg.write("actions/ACT-1.yaml", action(
        status="completed", updates=[note("2026-02-01")], due="2026-04-30",
        redates=[redate("2026-03-01", "2026-03-31", "2026-04-30", "Audit tool <late>")],
        completion={"date": "2026-03-02", "by": "jane.smith", "change": "MAR completeness 82% → 98% in three audits",
                    "evidence": [{"path": "evidence/audit.pdf"}]}))
    reg.write("actions/ACT-2.yaml", action("ACT-2", title="Old action", status="cancelled",
                                           cancellation={"date": "2026-03-02", "by": "jane.smith", "reason": "Superseded by ACT-4"}))
    reg.write("actions/ACT-4.yaml", action("ACT-4", title="Replace the MAR chart supplier", due="2026-09-30"))
    reg.commit("March update", date="2026-03-02")
    reg.write("actions/ACT-4.yaml", action("ACT-4", title="Replace the MAR chart supplier", due="2026-10-31"))
    sha = reg.commit("Move ACT-4", date="2026-03-03")
    return sha


def test_changes_markdown_summarises_the_branch(reg, cli):
    sha = _branch(reg)
    result = cli("changes", "main..HEAD", "--as-of", "2026-03-10", cwd=reg.path)
    assert result.exit_code == 1, result.output  # the branch's silent re-date is an error
    out = result.output
    assert "**3 records changed**: 1 added, 2 status changes, 1 re-dated, 1 completed, 1 cancelled" in out
    assert "- **ACT-1** Weekly audit" in out and "in progress → completed" in out
    assert "open → cancelled" in out
    assert "- **ACT-4** Replace the MAR chart supplier: due 2026-10-31" in out
    assert "2026-03-31 → 2026-04-30: Audit tool \\<late\\>" in out
    assert "MAR completeness 82% → 98% in three audits" in out
    assert "Superseded by ACT-4" in out
    assert "### Problems in this change" in out
    assert "`broken-link` actions/ACT-1.yaml" in out  # lint's problem in a record the branch changed
    assert f"`silent-redate` actions/ACT-4.yaml:6: commit {sha[:7]}" in out
    assert "ACT-3" not in out  # main's old mistake is not this branch's


def test_changes_json(reg, cli):
    _branch(reg)
    result = cli("changes", "main", "--format", "json", "--as-of", "2026-03-10", cwd=reg.path)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [i["record"] for i in data["added"]] == ["ACT-4"]
    assert data["redated"][0]["detail"].startswith("2026-03-31 → 2026-04-30")
    assert [p["rule"] for p in data["problems"]] == ["silent-redate", "broken-link"]
    assert data["problems"][0]["severity"] == "error"


def test_changes_with_an_unknown_base_is_one_line_exit_2(reg, cli):
    result = cli.subprocess("changes", "nope..HEAD", cwd=reg.path)
    assert result.returncode == 2
    assert result.stderr.strip() == "govtool: error: cannot summarise nope..HEAD: no such revision: nope (fetch it first, or check the name)"


HOSTILE = "\x1b]0;owned\x07\x1b[2J Fix \u202egnp.exe\u202c @everyone see https://evil.example/x and www.evil.example"


def test_changes_output_carries_no_escapes_mentions_or_bare_links(reg, cli):
    """Register text reaches a pull-request comment (and a terminal) inert."""
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Start", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "hostile")
    reg.write("actions/ACT-1.yaml", action(status="cancelled", cancellation={
        "date": "2026-03-02", "by": "jane.smith", "reason": HOSTILE}))
    reg.write("actions/ACT-9.yaml", action("ACT-9", title=HOSTILE))
    reg.commit("Hostile text", date="2026-03-02")
    out = cli("changes", "main..HEAD", cwd=reg.path).output
    for raw in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert raw not in out, raw
    for live in (r"(?<!\\)@everyone", r"https(?<!\\)://", r"www(?<!\\)\.evil"):
        assert not re.search(live, out), live
    assert "\\@everyone" in out and "https\\://evil" in out and "www\\.evil" in out
    data = cli("changes", "main", "--format", "json", cwd=reg.path).output
    assert "\x1b" not in data and "\u202e" not in data
    assert json.loads(data)["cancelled"][0]["detail"] == HOSTILE  # JSON keeps the data, escaped


def test_changes_lists_progress_notes_and_exits_0_for_a_clean_change(reg, cli):
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Start", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "progress")
    reg.write("actions/ACT-1.yaml", action(status="in_progress", updates=[
        {**note("2026-02-10", "First audit at 90%"), "next_milestone": "Second audit", "milestone_due": "2026-02-24"}]))
    reg.commit("Progress", date="2026-02-10")
    result = cli("changes", "main", "--as-of", "2026-02-11", cwd=reg.path)
    assert result.exit_code == 0, result.output
    assert "- **ACT-1** Weekly audit of 10 MAR charts reported to the governance meeting (2026-02-10): " \
           "First audit at 90% (next: Second audit, by 2026-02-24)" in result.output
    assert "open → in progress" in result.output
    assert "None from the history rules: every re-date is recorded" in result.output


RISK = {"id": "RSK-1", "title": "Residents fall at night", "owner": "jane.smith", "created": "2026-01-10",
        "inherent": {"likelihood": 4, "consequence": 4}, "residual": {"likelihood": 3, "consequence": 4},
        "controls": [{"id": "C1", "description": "Hourly night checks", "effectiveness": "partial"}],
        "reviews": [{"date": "2026-01-10", "by": "jane.smith", "likelihood": 3, "consequence": 4, "note": "Entered."}]}


def test_changes_shows_every_change_a_branch_made_to_records(reg, cli):
    """The trial's finding: a branch that handed an action over, reviewed a risk, added a source
    and removed a file was summarised as '0 added' and the source only as a lint problem. A
    reviewer now sees each record the branch touched, in the words of govtool show."""
    reg.write("sources/SRC-1.yaml", SOURCE)
    reg.write("actions/ACT-1.yaml", action())
    reg.write("actions/ACT-2.yaml", action("ACT-2", title="Replace the sensor mats in rooms 1 to 12"))
    reg.write("risks/RSK-1.yaml", yaml.safe_dump(RISK, sort_keys=False))
    reg.commit("Start", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "handover")
    reg.write("actions/ACT-1.yaml", action(owner="sam.patel", title="Weekly audit of 20 MAR charts", edits=[{
        "date": "2026-02-10", "by": "jane.smith", "fields": ["owner", "title"],
        "from": {"owner": "jane.smith", "title": "Weekly audit of 10 MAR charts reported to the governance meeting"},
        "reason": "Jane is on leave until June"}]))
    reg.write("risks/RSK-1.yaml", yaml.safe_dump({**RISK, "residual": {"likelihood": 2, "consequence": 4}, "reviews": [
        *RISK["reviews"], {"date": "2026-02-10", "by": "jane.smith", "likelihood": 2, "consequence": 4,
                           "note": "No falls at night for six weeks"}]}, sort_keys=False))
    reg.write("sources/SRC-2.yaml", "id: SRC-2\ntype: incident\ntitle: Fall in room 12 at night\ndate: 2026-02-09\n"
                                    "findings:\n  - {id: F1, text: The sensor mat was switched off.}\n")
    (reg.path / "actions" / "ACT-2.yaml").unlink()
    reg.commit("Hand-over, review, new incident", date="2026-02-10")
    result = cli("changes", "main..handover", "--as-of", "2026-02-11", cwd=reg.path)
    out = result.output
    assert "**4 records changed**: 1 added, 1 removed, 1 edited or handed over, 1 risk review" in out
    assert ("- **ACT-1** Weekly audit of 20 MAR charts: edited title; handed over from jane.smith "
            "(Jane is on leave until June)" in out)  # the history reader's own words, as show prints them
    assert "- **RSK-1** Residents fall at night: risk review added" in out
    assert "- **SRC-2** Fall in room 12 at night: created" in out
    assert "- **ACT-2** Replace the sensor mats in rooms 1 to 12: deleted (the file was removed)" in out
    assert ("### Edits and hand-overs\n\n- **ACT-1** Weekly audit of 20 MAR charts (2026-02-10): handed over from "
            "jane.smith to sam.patel; title corrected: Jane is on leave until June") in out
    assert ("### Risk reviews\n\n- **RSK-1** Residents fall at night (2026-02-10): residual 2 × 4: "
            "No falls at night for six weeks") in out
    assert "### Added\n\n- **SRC-2** Fall in room 12 at night: 1 finding" in out
    data = json.loads(cli("changes", "main..handover", "--format", "json", "--as-of", "2026-02-11", cwd=reg.path).output)
    assert [(r["record"], r["kind"]) for r in data["records"]] == [
        ("ACT-1", "action"), ("ACT-2", "action"), ("RSK-1", "risk"), ("SRC-2", "source")]
    assert [i["record"] for i in data["removed"]] == ["ACT-2"]
    assert data["changed"] == ["ACT-1", "ACT-2", "RSK-1", "SRC-2"]


def test_a_new_source_says_when_its_response_was_due_and_when_it_was_sent(reg, cli):
    """A reviewer of the branch that records a CQC report sees the deadline and that it was met."""
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("Start", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "report")
    reg.write("sources/SRC-2.yaml", "id: SRC-2\ntype: inspection_report\ntitle: CQC inspection, January 2026\n"
                                    "date: 2026-01-20\nresponse_due: 2026-02-17\nresponse_sent: 2026-02-10\n")
    reg.commit("CQC report", date="2026-02-12")
    result = cli("changes", "main", "--format", "json", "--as-of", "2026-02-20", cwd=reg.path)
    (added,) = json.loads(result.output)["added"]
    assert added["record"] == "SRC-2"
    assert added["detail"] == "0 findings, response due 2026-02-17, response sent 2026-02-10"


def test_changes_as_of_a_past_day_takes_both_ends_as_they_stood_then(reg, cli):
    """A past --as-of reads the range as lint --as-of reads history: the newest commit of each
    end made on or before the day. Before, the range was today's (here: merged, so empty)
    whatever the date, and a commit made after the day was summarised and judged."""
    early, late = branch_moving_two_dates(reg)
    result = cli("changes", "main..fix", "--format", "json", "--as-of", "2026-02-10", cwd=reg.path)
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["changed"] == ["ACT-1"]  # ACT-2 was moved on 20 February; SRC-2 is main's
    assert data["as_of"] == "2026-02-10"
    assert [(p["rule"], p["record"]) for p in data["problems"]] == [("silent-redate", "ACT-1")]
    assert early[:7] in data["problems"][0]["message"] and late[:7] not in result.output
    out = cli("changes", "main..fix", "--as-of", "2026-02-25", cwd=reg.path).output
    assert "## Action plan changes: `main..fix` as it stood on 2026-02-25" in out
    assert "**2 records changed**" in out and "SRC-2" not in out
    # today the branch is merged: nothing of its own is left to summarise
    today = json.loads(cli("changes", "main..fix", "--format", "json", cwd=reg.path).output)
    assert today["as_of"] is None and today["changed"] == []


def test_changes_as_of_a_day_before_head_had_a_commit_is_one_line_exit_2(reg, cli):
    branch_moving_two_dates(reg)
    result = cli.subprocess("changes", "main..fix", "--as-of", "2025-12-01", cwd=reg.path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("govtool: error: cannot summarise main..fix: fix has no commit made on or "
                                     "before 2025-12-01: there was nothing to summarise that day")
