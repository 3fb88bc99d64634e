"""govtool digest: who is reminded of what, in every format."""

from __future__ import annotations

import json
from typing import Any

from .conftest import AS_OF


def digest_json(cli: Any, repo: Any, *args: str) -> dict[str, Any]:
    result = cli("digest", "--as-of", AS_OF, "--format", "json", *args, cwd=repo.path)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def test_each_owner_is_told_what_is_overdue_due_soon_at_a_milestone_and_gone_quiet(cli: Any, reminders: Any) -> None:
    data = digest_json(cli, reminders)
    owners = {o["owner"]: o for o in data["owners"]}
    assert list(owners) == ["jane.smith", "pat.lee", "sam.patel"]  # overdue owners first
    jane = owners["jane.smith"]
    assert ids(jane["overdue"]) == ["ACT-OVER"] and jane["overdue"][0]["why"] == "overdue by 31 days"
    assert ids(jane["milestones"]) == ["ACT-OVER", "ACT-QUIET"]
    assert [m["why"] for m in jane["milestones"]] == ["milestone missed 22 days ago", "milestone due in 10 days"]
    assert ids(jane["quiet"]) == ["ACT-QUIET"] and jane["quiet"][0]["last_entry"] == "2026-08-01"
    assert ids(owners["sam.patel"]["due_soon"]) == ["ACT-SOON"]  # ACT-FAR is months away: not listed
    assert owners["sam.patel"]["overdue"] == [] and owners["sam.patel"]["active"] == 2
    assert data["totals"] == {"overdue": 2, "due_soon": 1, "milestones": 2, "quiet": 1, "active": 5, "reviews": 0,
                              "awaiting_sign_off": 0}
    # the inspection report's response is due in a week and F2 has no action yet
    assert data["responses"] == [{"id": "SRC-CQC1", "title": "CQC inspection report, October 2026",
                                  "type": "inspection_report", "response_due": "2026-12-09",
                                  "why": "due in 7 days", "unanswered": ["F2"], "nothing_recorded": False}]


def test_within_and_the_stale_action_days_setting_move_the_thresholds(cli: Any, reminders: Any) -> None:
    narrow = digest_json(cli, reminders, "--within", "2")
    assert "sam.patel" not in [o["owner"] for o in narrow["owners"]]  # ACT-SOON is 3 days off: nothing to say
    assert narrow["totals"]["due_soon"] == 0
    settings = reminders.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n  options:\n    stale-action: {days: 150}\n")
    jane = digest_json(cli, reminders)["owners"][0]
    assert jane["quiet"] == [] and digest_json(cli, reminders)["quiet_days"] == 150


def test_owner_keeps_one_owner_and_drops_the_register_section(cli: Any, reminders: Any) -> None:
    data = digest_json(cli, reminders, "--owner", "Sam Patel")
    assert [o["owner"] for o in data["owners"]] == ["sam.patel"]
    assert data["whole_register"] is False and data["responses"] == []
    text = cli("digest", "--as-of", AS_OF, "--owner", "sam.patel", cwd=reminders.path).output
    assert "Sam Patel (Deputy Manager): 0 overdue, 1 due soon" in text and "Whole register" not in text
    refused = cli("digest", "--owner", "nobody", cwd=reminders.path)
    assert refused.exit_code == 2 and "not in the people directory" in refused.output


def test_text_markdown_and_html_say_the_same_things(cli: Any, reminders: Any) -> None:
    outputs = {fmt: cli("digest", "--as-of", AS_OF, "--format", fmt, cwd=reminders.path).output
               for fmt in ("text", "markdown", "html")}
    for fmt, out in outputs.items():
        assert "Jane Smith (Registered Manager)" in out, fmt
        assert "ACT-QUIET" in out and "last progress 1 Aug 2026: no progress note for 123 days" in out, fmt
        assert "Whole register" in out and "SRC-CQC1" in out, fmt
    assert outputs["html"].startswith("<!DOCTYPE html>") and "<style>" in outputs["html"]


def test_register_text_is_escaped_in_markdown_and_html_and_inert_in_text(cli: Any, reminders: Any) -> None:
    path = reminders.path / "actions" / "ACT-SOON.yaml"
    path.write_text(path.read_text().replace("title: Weekly", 'title: "<script>x</script> *bold* \\e[2J Weekly'))
    path.write_text(path.read_text().replace("ACT-SOON\nsource", 'ACT-SOON"\nsource'))
    html = cli("digest", "--as-of", AS_OF, "--format", "html", cwd=reminders.path).output
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    markdown = cli("digest", "--as-of", AS_OF, "--format", "markdown", cwd=reminders.path).output
    assert "\\*bold\\*" in markdown and "\\<script" in markdown
    text = cli("digest", "--as-of", AS_OF, cwd=reminders.path).output
    assert "\x1b" not in text and "\ufffd[2J" in text


def test_a_digest_to_a_file(cli: Any, reminders: Any, tmp_path: Any) -> None:
    target = tmp_path / "digest.md"
    result = cli("digest", "--as-of", AS_OF, "--format", "markdown", "-o", str(target), cwd=reminders.path)
    assert result.exit_code == 0 and target.read_text().startswith("# Reminders")


def test_a_progress_note_ends_the_quiet_and_a_redate_or_an_edit_does_not(cli: Any, reminders: Any) -> None:
    """Gone quiet is lint's stale-action: a re-date or an edit (a handover, a re-worded target)
    says nothing about how the work stands."""
    path = reminders.path / "actions" / "ACT-QUIET.yaml"
    path.write_text(path.read_text() + (
        "redates:\n  - {date: 2026-11-18, from: 2027-02-01, to: 2027-03-01, reason: Auditor off sick, by: jane.smith}\n"
        "edits:\n  - {date: 2026-11-20, by: jane.smith, fields: [title], from: {title: Old title},"
        " reason: Clearer title}\n"))
    jane = digest_json(cli, reminders)["owners"][0]
    assert ids(jane["quiet"]) == ["ACT-QUIET"]
    assert jane["quiet"][0]["why"] == "no progress note for 123 days" and jane["quiet"][0]["last_entry"] == "2026-08-01"
    path.write_text(path.read_text().replace(
        "redates:", "  - {date: 2026-11-25, by: jane.smith, note: Second audit booked for 10 December.}\nredates:"))
    assert digest_json(cli, reminders)["owners"][0]["quiet"] == []


def test_lint_and_the_digest_agree_on_which_actions_have_gone_quiet(cli: Any, reminders: Any) -> None:
    """One definition (govtool/register/quiet.py): the digest's "Gone quiet" lists exactly the
    actions lint's stale-action warns about, from the same day, on the same register."""
    import datetime as dt

    from govtool.lint.engine import lint_register

    from .conftest import action

    old_note = "updates:\n  - {date: 2026-08-01, by: jane.smith, note: Audit tool agreed., next_milestone: Audit, milestone_due: 2027-01-20}\n"
    extra = {
        # a re-date and an edit since the last note: still quiet
        "ACT-REDATED": action("ACT-REDATED", "jane.smith", "2027-03-01", created="2026-07-01", extra=old_note + (
            "redates:\n  - {date: 2026-11-20, from: 2027-02-01, to: 2027-03-01, reason: Auditor off sick, by: jane.smith}\n")),
        "ACT-EDITED": action("ACT-EDITED", "sam.patel", "2027-03-01", created="2026-07-01", extra=old_note + (
            "edits:\n  - {date: 2026-11-20, by: jane.smith, fields: [owner], from: {owner: jane.smith},"
            " reason: Sam leads the audits now}\n")),
        # reopened lately: the work started again; reopened long ago with nothing since: quiet
        "ACT-REOPENED": action("ACT-REOPENED", "jane.smith", "2027-03-01", created="2026-06-01", extra=old_note + (
            "reopened:\n  - {date: 2026-11-16, by: jane.smith, reason: The November re-audit found gaps on nights}\n")),
        "ACT-LONGAGO": action("ACT-LONGAGO", "jane.smith", "2027-03-01", created="2026-06-01", extra=old_note + (
            "reopened:\n  - {date: 2026-08-20, by: jane.smith, reason: The August re-audit found gaps on nights}\n")),
        # open since July with nothing recorded: quiet too, counted from the day it was created
        "ACT-UNSTARTED": action("ACT-UNSTARTED", "sam.patel", "2027-03-01", status="open", created="2026-07-01"),
        # open, created lately: not yet
        "ACT-NEW": action("ACT-NEW", "sam.patel", "2027-03-01", status="open", created="2026-11-01"),
    }
    for action_id, text in extra.items():
        reminders.write(f"actions/{action_id}.yaml", text)

    linted = {p.record: p.message for p in lint_register(reminders.path, dt.date.fromisoformat(AS_OF)).problems
              if p.rule == "stale-action"}
    data = digest_json(cli, reminders)
    quiet = {item["id"]: item for owner in data["owners"] for item in owner["quiet"]}
    assert sorted(quiet) == sorted(linted) == ["ACT-EDITED", "ACT-LONGAGO", "ACT-QUIET", "ACT-REDATED", "ACT-UNSTARTED"]
    for action_id, item in quiet.items():  # the same day and the same count of days
        days = (dt.date.fromisoformat(AS_OF) - dt.date.fromisoformat(item["last_entry"])).days
        never = "not started: no progress note" if action_id == "ACT-UNSTARTED" else "no progress note"
        assert item["why"] == f"{never} for {days} days"
        since = {"ACT-LONGAGO": "it was reopened on ", "ACT-UNSTARTED": "it was created on "}.get(action_id, "")
        assert f"since {since}{item['last_entry']} ({days} days)" in linted[action_id]
    assert quiet["ACT-UNSTARTED"]["last_entry"] == "2026-07-01"
    assert "open with no progress note since it was created on 2026-07-01" in linted["ACT-UNSTARTED"]
    assert data["totals"]["quiet"] == 5
    # a consultant's trial: 'last progress 1 Jul 2026' read as progress on the day it was created
    text = cli("digest", "--as-of", AS_OF, cwd=reminders.path).output
    assert "created 1 Jul 2026: not started: no progress note for" in text
    assert "last progress 1 Jul 2026" not in text
