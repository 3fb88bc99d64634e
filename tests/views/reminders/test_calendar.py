"""govtool calendar: an RFC 5545 feed that parses back, with UIDs that survive a second run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from icalendar import Calendar

from tests.views.reminders.conftest import action

RISK = """\
id: RSK-FALLS
title: Residents fall at night
owner: sam.patel
created: 2026-09-01
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Hourly night checks, effectiveness: partial}
reviews:
  - {date: 2026-10-01, by: sam.patel, likelihood: 3, consequence: 4, note: Two falls in September.}
"""


def feed(cli: Any, repo: Any, *args: str) -> dict[str, Any]:
    """UID -> event, from the feed parsed back with the icalendar library."""
    result = cli("calendar", *args, cwd=repo.path)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.output)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"].startswith("-//govtool//")
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_parses_back_with_every_kind_of_date(cli: Any, reminders: Any) -> None:
    reminders.write("risks/RSK-FALLS.yaml", RISK)
    events = feed(cli, reminders)
    by_kind = {uid.split("@")[0]: event for uid, event in events.items()}
    kinds = sorted(key.rsplit(".", 1)[0] for key in by_kind)
    # five open actions' due dates, two milestones, one risk review, one response deadline
    assert kinds == ["ACT-FAR.due", "ACT-NOMAIL.due", "ACT-OVER.due", "ACT-OVER.milestone", "ACT-QUIET.due",
                     "ACT-QUIET.milestone", "ACT-SOON.due", "RSK-FALLS.review", "SRC-CQC1.response"]
    key = next(iter(by_kind)).rsplit(".", 1)[1]
    due = by_kind[f"ACT-SOON.due.{key}"]
    assert due.decoded("DTSTART") == dt.date(2026, 12, 5) and due.decoded("DTEND") == dt.date(2026, 12, 6)
    assert "Weekly audit of 10 MAR charts for ACT-SOON" in str(due["SUMMARY"]) and "Sam Patel" in str(due["DESCRIPTION"])
    # high risk (12): reviewed every 90 days from the last review
    assert by_kind[f"RSK-FALLS.review.{key}"].decoded("DTSTART") == dt.date(2026, 12, 30)
    response = by_kind[f"SRC-CQC1.response.{key}"]
    assert response.decoded("DTSTART") == dt.date(2026, 12, 9) and "F2" in str(response["DESCRIPTION"])
    assert all("DTSTAMP" in event for event in events.values())


def test_a_second_run_keeps_every_uid_and_a_moved_date_keeps_its_uid(cli: Any, reminders: Any) -> None:
    first = feed(cli, reminders)
    assert feed(cli, reminders).keys() == first.keys()
    path = reminders.path / "actions" / "ACT-FAR.yaml"
    path.write_text(path.read_text().replace("due: 2027-06-01", "due: 2027-07-01"))
    moved = feed(cli, reminders)
    assert moved.keys() == first.keys()
    uid = next(uid for uid in first if uid.startswith("ACT-FAR.due."))
    assert moved[uid].decoded("DTSTART") == dt.date(2027, 7, 1)


def test_owner_keeps_their_dates_and_a_file_is_written(cli: Any, reminders: Any, tmp_path: Path) -> None:
    sam = feed(cli, reminders, "--owner", "Sam Patel")
    assert sorted(uid.split(".")[0] for uid in sam) == ["ACT-FAR", "ACT-SOON"]
    target = tmp_path / "plan.ics"
    assert cli("calendar", "-o", str(target), cwd=reminders.path).exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_register_text_cannot_break_out_of_its_property(cli: Any, reminders: Any) -> None:
    path = reminders.path / "actions" / "ACT-SOON.yaml"
    path.write_text(path.read_text().replace(
        "title: Weekly", 'title: "Audit\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nUID:forged; Weekly'))
    path.write_text(path.read_text().replace("ACT-SOON\nsource", 'ACT-SOON"\nsource'))
    events = feed(cli, reminders)
    assert "forged" not in events and len(events) == 8  # five due dates, two milestones, one response
    assert all(not line.startswith("UID:forged") for line in cli("calendar", cwd=reminders.path).output.splitlines())


def test_as_of_says_what_is_overdue_that_day_and_gives_the_same_file_twice(cli: Any, reminders: Any) -> None:
    before = feed(cli, reminders, "--as-of", "2026-11-26")
    after = feed(cli, reminders, "--as-of", "06/12/2026")
    soon = next(uid for uid in before if uid.startswith("ACT-SOON.due."))  # due 2026-12-05
    assert "Overdue" not in str(before[soon]["DESCRIPTION"])
    assert str(after[soon]["DESCRIPTION"]).startswith("Overdue by 1 day (as of 2026-12-06). Owner: Sam Patel.")
    assert after[soon].decoded("DTSTAMP") == dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    first = cli("calendar", "--as-of", "2026-12-06", cwd=reminders.path).output
    assert cli("calendar", "--as-of", "2026-12-06", cwd=reminders.path).output == first
    refused = cli("calendar", "--as-of", "soon", cwd=reminders.path)
    assert refused.exit_code == 2 and "--as-of" in refused.output


def test_a_date_on_the_last_day_of_the_calendar_is_an_event_not_a_crash(cli: Any, reminders: Any) -> None:
    """A due date written by hand as 9999-12-31: the day after it cannot be written, so the
    event has no DTEND (an all-day event then lasts its day)."""
    path = reminders.path / "actions" / "ACT-FAR.yaml"
    path.write_text(path.read_text().replace("due: 2027-06-01", "due: 9999-12-31"))
    events = feed(cli, reminders)
    far = next(event for uid, event in events.items() if uid.startswith("ACT-FAR.due."))
    assert far.decoded("DTSTART") == dt.date(9999, 12, 31) and "DTEND" not in far


def test_a_response_met_before_its_date_leaves_the_feed_as_lint_and_the_digest_see_it(
        cli: Any, reminders: Any) -> None:
    """The trial's finding: a source whose every finding had an action before its response date
    showed as 'Response due … Overdue by 169 days' for ever, while lint and the digest were
    silent. The three now ask the same question of a source (register/deadlines.py)."""
    def response(as_of: str) -> Any:
        return next((e for uid, e in feed(cli, reminders, "--as-of", as_of).items()
                     if uid.startswith("SRC-CQC1.response.")), None)

    late = response("2026-12-20")  # F2 still has no action, eleven days after 2026-12-09
    assert late is not None and str(late["DESCRIPTION"]).startswith("Overdue by 11 days (as of 2026-12-20).")
    assert "F2" in str(late["DESCRIPTION"])
    reminders.write("actions/ACT-F2.yaml", action("ACT-F2", "jane.smith", "2027-01-31", status="open",
                                                   created="2026-11-30").replace("finding: F1", "finding: F2"))
    reminders.commit("Answer F2", date="2026-11-30")
    assert response("2026-12-20") is None  # met: nothing is overdue about it
    assert response("2026-12-01") is not None  # still to come: the date stays in the feed
    assert "response-due" not in cli("lint", "--as-of", "2026-12-20", cwd=reminders.path).output
    digest = json.loads(cli("digest", "--as-of", "2026-12-20", "--format", "json", cwd=reminders.path).output)
    assert digest["responses"] == []


def test_a_cancelled_action_answers_no_finding_in_the_feed_the_digest_or_lint(cli: Any, reminders: Any) -> None:
    reminders.write("actions/ACT-F2.yaml", action(
        "ACT-F2", "jane.smith", "2027-01-31", status="cancelled", created="2026-11-30",
        extra="cancellation: {date: 2026-12-01, by: jane.smith, reason: Recorded against the wrong finding}\n",
    ).replace("finding: F1", "finding: F2"))
    reminders.commit("Answer F2, then cancel it", date="2026-12-01")
    event = next(e for uid, e in feed(cli, reminders, "--as-of", "2026-12-20").items()
                 if uid.startswith("SRC-CQC1.response."))
    assert "Findings with no action yet: F2." in str(event["DESCRIPTION"])
    digest = json.loads(cli("digest", "--as-of", "2026-12-20", "--format", "json", cwd=reminders.path).output)
    assert [(r["id"], r["unanswered"]) for r in digest["responses"]] == [("SRC-CQC1", ["F2"])]
    assert "finding F2 has no action" in cli("lint", "--as-of", "2026-12-20", cwd=reminders.path).output
