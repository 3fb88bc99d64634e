"""The action plan shows each source's response deadline and whether it was met.

A source's ``response_due`` (the action plan CQC asks for after a requirement notice, say) is
shown with its source, judged as lint's ``response-due``, the digest and the calendar judge
it: due, overdue (passed while a finding has no action), met, or, when the day the response
was sent is recorded (``response_sent``), met or late by that day. Actions typed in after the
date with no day sent recorded say what the register shows ("Date sent not recorded"), never
that the response was late. In Markdown, HTML, JSON and Word, and in the source report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from icalendar import Calendar

from govtool.lint.engine import lint_register
from tests.conftest import GitRepo

from .report_support import assert_written

AS_OF = "2026-11-26"


def _source(source_id: str, response_due: str | None, findings: int = 2, kind: str = "inspection_report",
            sent: str | None = None) -> str:
    due = f"response_due: {response_due}\n" if response_due else ""
    due += f"response_sent: {sent}\n" if sent else ""
    listed = "".join(f"  - {{id: F{n}, text: Finding {n} of {source_id}., regulation: '12'}}\n"
                     for n in range(1, findings + 1))
    return (f"id: {source_id}\ntype: {kind}\ntitle: Report {source_id}\ndate: 2026-10-01\n{due}"
            + (f"findings:\n{listed}" if listed else ""))


def _action(action_id: str, source_id: str, finding: str | None, created: str) -> str:
    answers = f"finding: {finding}\n" if finding else ""  # none: it answers a source with no findings
    return (f"id: {action_id}\ntitle: Audit 10 MAR charts every week for {action_id}\nsource: {source_id}\n"
            f"{answers}owner: jane.smith\npriority: high\ncreated: {created}\ndue: 2027-03-31\n"
            "status: open\nmeasure: {target: 98% of charts complete in three audits}\n")


def _register(register: GitRepo) -> Path:
    sources = {
        "SRC-OVERDUE": _source("SRC-OVERDUE", "2026-10-29"),  # F2 never answered
        "SRC-MET": _source("SRC-MET", "2026-10-29", findings=1),
        "SRC-LATE": _source("SRC-LATE", "2026-10-29", findings=1),  # answered a week after
        "SRC-SOON": _source("SRC-SOON", "2026-12-01"),  # F2 not yet answered
        "SRC-NODATE": _source("SRC-NODATE", None, findings=1),
        # no findings: nothing recorded, or answered as a whole by an action on it (in time, late)
        "SRC-NOTHING": _source("SRC-NOTHING", "2026-10-29", findings=0),
        "SRC-WHOLE": _source("SRC-WHOLE", "2026-10-29", findings=0, kind="complaint"),
        "SRC-WHOLELATE": _source("SRC-WHOLELATE", "2026-10-29", findings=0, kind="complaint"),
        # the day the response was sent recorded: it decides, whenever the actions were typed in
        "SRC-SENT": _source("SRC-SENT", "2026-10-29", findings=1, sent="2026-10-27"),
        "SRC-SENTLATE": _source("SRC-SENTLATE", "2026-10-29", findings=1, sent="2026-11-02"),
        "SRC-SENTGAP": _source("SRC-SENTGAP", "2026-10-29", sent="2026-10-28"),  # F2 has no action here
    }
    actions = {
        "ACT-O1": _action("ACT-O1", "SRC-OVERDUE", "F1", "2026-10-10"),
        "ACT-M1": _action("ACT-M1", "SRC-MET", "F1", "2026-10-15"),
        "ACT-L1": _action("ACT-L1", "SRC-LATE", "F1", "2026-11-05"),
        "ACT-S1": _action("ACT-S1", "SRC-SOON", "F1", "2026-10-15"),
        "ACT-N1": _action("ACT-N1", "SRC-NODATE", "F1", "2026-10-15"),
        "ACT-W1": _action("ACT-W1", "SRC-WHOLE", None, "2026-10-15"),
        "ACT-WL1": _action("ACT-WL1", "SRC-WHOLELATE", None, "2026-11-05"),
        "ACT-SE1": _action("ACT-SE1", "SRC-SENT", "F1", "2026-11-05"),  # typed in after the date
        "ACT-SL1": _action("ACT-SL1", "SRC-SENTLATE", "F1", "2026-10-15"),
        "ACT-SG1": _action("ACT-SG1", "SRC-SENTGAP", "F1", "2026-10-15"),
    }
    for source_id, text in sources.items():
        register.write(f"sources/{source_id}.yaml", text)
    for action_id, text in actions.items():
        register.write(f"actions/{action_id}.yaml", text)
    register.commit("Eleven reports and their actions", date="2026-11-20")
    return register.path


EXPECTED = {
    "SRC-OVERDUE": ("2026-10-29", "overdue", "Overdue by 28 days", "finding F2 has no action"),
    "SRC-MET": ("2026-10-29", "met", "Met", "every finding has an action"),
    # actions typed in after the date, the day sent not recorded: what the register shows, not "late"
    "SRC-LATE": ("2026-10-29", "sent_not_recorded", "Date sent not recorded",
                 "action for finding F1 entered in this register on 5 Nov 2026; record the day the response was "
                 "sent to CQC: govtool edit SRC-LATE --response-sent DATE --reason …"),
    "SRC-SOON": ("2026-12-01", "due", "Due in 5 days", "finding F2 has no action yet"),
    # nothing shows the response was made: overdue, never met
    "SRC-NOTHING": ("2026-10-29", "overdue", "Overdue by 28 days", "no findings and no action recorded"),
    "SRC-WHOLE": ("2026-10-29", "met", "Met", "an action answers it (the source lists no findings)"),
    "SRC-WHOLELATE": ("2026-10-29", "sent_not_recorded", "Date sent not recorded",
                      "action on it entered in this register on 5 Nov 2026; record the day the response was sent: "
                      "govtool edit SRC-WHOLELATE --response-sent DATE --reason …"),
    "SRC-SENT": ("2026-10-29", "met", "Sent 27 Oct 2026", "met"),
    "SRC-SENTLATE": ("2026-10-29", "met_late", "Sent 2 Nov 2026", "4 days late"),
    "SRC-SENTGAP": ("2026-10-29", "met", "Sent 28 Oct 2026", "met; finding F2 has no action recorded here"),
}
#: the plan as it is, and grouped by the framework: both show each source's response deadline
VIEWS = {"by-source": (), "by-framework": ("--by-framework",)}


def _shown(due: str, label: str, detail: str) -> str:
    return f"{dt.date.fromisoformat(due).day} {dt.date.fromisoformat(due):%b %Y} · {label}: {detail}"


def _html_responses(page: str) -> dict[str, tuple[str, str]]:
    """Source ID -> (state, the words shown) of each source's "Response due" in the HTML plan."""
    found = {}
    for part in re.split(r'(?=<section class="(?:page )?source")', page)[1:]:
        source = re.match(r'<section class="(?:page )?source" id="(SRC-[A-Z]+)"', part)
        shown = re.search(r'<dd class="response response-(\w+)">(.*?)</dd>', part, re.S)
        assert source is not None
        if shown:
            found[source.group(1)] = (shown.group(1), " ".join(re.sub(r"<[^>]+>", "", shown.group(2)).split()))
    return found


@pytest.mark.parametrize("view", VIEWS)
def test_each_source_shows_its_response_deadline_and_whether_it_was_met(register: GitRepo, cli: Any,
                                                                         tmp_path: Path, view: str) -> None:
    root = _register(register)
    plan = ("report", "action-plan", *VIEWS[view], "--as-of", AS_OF)

    data = json.loads(cli(*plan, "--format", "json", cwd=root).stdout)
    responses = {s["id"]: s["response"] for s in data["sources"]}
    assert responses["SRC-NODATE"] is None
    assert {k: (v["due"], v["state"], v["label"], v["detail"]) for k, v in responses.items() if v} == EXPECTED
    assert responses["SRC-SENT"]["sent"] == "2026-10-27" and responses["SRC-LATE"]["sent"] is None

    markdown = cli(*plan, cwd=root).stdout
    for due, _, label, detail in EXPECTED.values():
        line = f"**Response due:** {_shown(due, label, detail).replace(f' · {label}:', f' · **{label}**:')}"
        assert line in markdown
    assert markdown.count("**Response due:**") == len(EXPECTED)  # none for the source without a deadline

    page = cli(*plan, "--format", "html", cwd=root).stdout
    assert _html_responses(page) == {source_id: (state, _shown(due, label, detail))
                                     for source_id, (due, state, label, detail) in EXPECTED.items()}
    assert '<time datetime="2026-10-29">' in page

    word = tmp_path / "plan.docx"
    assert_written(cli(*plan, "-o", word, cwd=root))
    facts = [p.text for p in docx.Document(str(word)).paragraphs if p.text.startswith("Response due: ")]
    assert sorted(facts) == sorted(f"Response due: {_shown(*v[:1], *v[2:])}" for v in EXPECTED.values())

    source = cli("report", "source", "SRC-OVERDUE", "--as-of", AS_OF, cwd=root).stdout
    assert "**Response due:** 29 Oct 2026 · **Overdue by 28 days**: finding F2 has no action" in source


def test_the_plan_and_lint_agree_about_which_response_is_overdue_or_late(register: GitRepo, cli: Any) -> None:
    root = _register(register)
    data = json.loads(cli("report", "action-plan", "--as-of", AS_OF, "--format", "json", cwd=root).stdout)
    states = {s["id"]: s["response"]["state"] for s in data["sources"] if s["response"]}
    problems = [p for p in lint_register(root, dt.date.fromisoformat(AS_OF)).problems if p.rule == "response-due"]
    assert {p.record for p in problems if p.severity == "error"} == {k for k, v in states.items() if v == "overdue"}
    entered = {p.record for p in problems if p.severity == "warning" and "was entered on" in p.message}
    assert entered == {k for k, v in states.items() if v == "sent_not_recorded"}
    late = {p.record for p in problems if p.severity == "warning" and "days late" in p.message}
    assert late == {k for k, v in states.items() if v == "met_late"} == {"SRC-SENTLATE"}


def test_a_finding_answered_later_is_no_longer_overdue_and_the_plan_asks_when_it_was_sent(register: GitRepo,
                                                                                         cli: Any) -> None:
    root = _register(register)
    register.write("actions/ACT-O2.yaml", _action("ACT-O2", "SRC-OVERDUE", "F2", "2026-11-20"))
    register.commit("F2 answered", date="2026-11-20")
    data = json.loads(cli("report", "action-plan", "--as-of", AS_OF, "--format", "json", cwd=root).stdout)
    response = next(s["response"] for s in data["sources"] if s["id"] == "SRC-OVERDUE")
    assert (response["state"], response["label"]) == ("sent_not_recorded", "Date sent not recorded")
    assert response["detail"].startswith("action for finding F2 entered in this register on 20 Nov 2026; ")
    assert "late" not in response["detail"]


def test_the_plan_the_digest_and_the_calendar_chase_the_same_responses(register: GitRepo, cli: Any) -> None:
    """A response still to come or overdue is in the digest and the calendar; a met one is not.
    A source with no findings and no action is overdue in all three: nothing shows it was made."""
    root = _register(register)
    data = json.loads(cli("report", "action-plan", "--as-of", AS_OF, "--format", "json", cwd=root).stdout)
    pending = {s["id"] for s in data["sources"] if s["response"] and s["response"]["state"] in ("due", "overdue")}
    assert pending == {"SRC-OVERDUE", "SRC-SOON", "SRC-NOTHING"}

    digest = json.loads(cli("digest", "--as-of", AS_OF, "--format", "json", cwd=root).stdout)
    assert {r["id"] for r in digest["responses"]} == pending
    nothing = next(r for r in digest["responses"] if r["id"] == "SRC-NOTHING")
    assert (nothing["why"], nothing["unanswered"], nothing["nothing_recorded"]) == ("was due 28 days ago", [], True)
    text = cli("digest", "--as-of", AS_OF, cwd=root).stdout
    assert "response due 29 Oct 2026: was due 28 days ago; no findings and no action recorded" in text

    feed = Calendar.from_ical(cli("calendar", "--as-of", AS_OF, cwd=root).stdout)
    events = {str(e["UID"]).split(".")[0]: str(e["DESCRIPTION"]) for e in feed.walk("VEVENT")
              if ".response." in str(e["UID"])}
    assert set(events) == pending
    assert "No findings and no action recorded yet." in events["SRC-NOTHING"]
