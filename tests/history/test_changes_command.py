"""``govtool changes BASE..HEAD`` on a real branch."""

from __future__ import annotations

import json
import re

from tests.history.helpers import action, note, redate


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
    assert ("**1 added, 0 progress notes, 2 status changes, 1 re-dated, 1 completed, 0 closed, 1 cancelled**"
            in out)
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
    assert "None: the changed records lint clean" in result.output
