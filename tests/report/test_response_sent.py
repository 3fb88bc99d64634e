"""The day a response went to the regulator (``response_sent``) decides whether it was met.

A manager emails her action plan to CQC on 18 November, before the 20 November deadline, and
types it into govtool on 4 December. The plan must not call the response late because of the
day it was typed in: it says what the register shows and how to record the day it was sent
(``govtool edit SRC-… --response-sent DATE --reason …``), and once that is recorded, "Sent
18 Nov 2026: met". The reason written in a ``# govtool: ignore[response-due] <why>`` comment
beside the response is shown in the plan, where an inspector reads it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import docx
from icalendar import Calendar

from govtool.lint.engine import lint_register
from govtool.register.load import load_register
from tests.conftest import GitRepo

from .report_support import assert_written

SOURCE = """\
id: SRC-CQC
type: inspection_report
title: CQC inspection report, October 2026
date: 2026-10-23
response_due: 2026-11-20
findings:
  - id: F1
    text: Medicines were not managed safely.
    regulation: '12'
  - id: F2{comment}
    text: Systems to monitor quality were not effective.
    regulation: '17'
"""
EXCUSE = "  # govtool: ignore[response-due] plan sent to CQC by email on 18 Nov 2026, entered here later"


def _action(action_id: str, finding: str) -> str:
    return (f"id: {action_id}\ntitle: Audit 10 MAR charts every week for {finding}\nsource: SRC-CQC\n"
            f"finding: {finding}\nowner: jane.smith\npriority: high\ncreated: 2026-12-04\ndue: 2027-03-31\n"
            "status: open\nmeasure: {target: 98% of charts complete in three audits}\n")


def _typed_in_late(register: GitRepo, comment: str = "") -> Path:
    """The source and its two actions, entered on 4 December: after the 20 November deadline."""
    register.write("sources/SRC-CQC.yaml", SOURCE.format(comment=comment))
    register.write("actions/ACT-F1.yaml", _action("ACT-F1", "F1"))
    register.write("actions/ACT-F2.yaml", _action("ACT-F2", "F2"))
    register.commit("The CQC report and the plan sent to CQC", date="2026-12-04")
    return register.path


def _response_line(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("**Response due:**"))


def test_a_plan_typed_in_after_the_deadline_is_not_called_late(register: GitRepo, cli: Any) -> None:
    root = _typed_in_late(register)
    plan = ("report", "action-plan", "--source-type", "inspection_report", "--as-of", "2026-12-04")
    line = _response_line(cli(*plan, cwd=root).stdout)
    assert line == ("**Response due:** 20 Nov 2026 · **Date sent not recorded**: actions for findings F1, F2 "
                    "entered in this register on 4 Dec 2026; record the day the response was sent to CQC: "
                    "govtool edit SRC-CQC --response-sent DATE --reason …")
    assert "late" not in line.casefold()

    problems = [p for p in lint_register(root, dt.date(2026, 12, 4)).problems if p.rule == "response-due"]
    assert [(p.severity, p.line) for p in problems] == [("warning", 7), ("warning", 10)]
    for problem in problems:  # the day it was sent is asked for first, then a later agreed date
        assert "the register does not say when the response was sent" in problem.message
        assert problem.message.index("--response-sent") < problem.message.index("--response-due")


def test_recording_the_day_it_was_sent_makes_the_plan_say_met(register: GitRepo, cli: Any, tmp_path: Path) -> None:
    root = _typed_in_late(register)
    result = cli("edit", "SRC-CQC", "--response-sent", "18/11/2026", "--reason", "Action plan emailed to CQC",
                 "--by", "jane.smith", "--commit", cwd=root)
    assert result.exit_code == 0, result.output
    source = load_register(root).sources["SRC-CQC"]
    assert source.response_sent == dt.date(2026, 11, 18)
    assert (source.edits[-1].fields, source.edits[-1].reason) == (["response_sent"], "Action plan emailed to CQC")
    assert register.log()[0].startswith("SRC-CQC: edited response_sent")

    plan = ("report", "action-plan", "--source-type", "inspection_report")
    assert _response_line(cli(*plan, cwd=root).stdout) == "**Response due:** 20 Nov 2026 · **Sent 18 Nov 2026**: met"
    data = json.loads(cli(*plan, "--format", "json", cwd=root).stdout)
    assert data["sources"][0]["response"] == {"due": "2026-11-20", "state": "met", "label": "Sent 18 Nov 2026",
                                              "detail": "met", "sent": "2026-11-18", "notes": []}
    page = cli(*plan, "--format", "html", cwd=root).stdout
    assert '<dd class="response response-met"><time datetime="2026-11-20">20 Nov 2026</time> · ' \
           "<strong>Sent 18 Nov 2026</strong>: met</dd>" in page
    word = tmp_path / "plan.docx"
    assert_written(cli(*plan, "-o", word, cwd=root))
    assert "Response due: 20 Nov 2026 · Sent 18 Nov 2026: met" in [p.text for p in docx.Document(str(word)).paragraphs]

    assert "  responded:   2026-11-18 (in time)" in cli("show", "SRC-CQC", cwd=root).stdout
    today = dt.date.today()
    assert not [p for p in lint_register(root, today).problems if p.rule in ("response-due", "silent-edit")]

    removed = cli("edit", "SRC-CQC", "--response-sent", "-", "--reason", "Recorded on the wrong source",
                  "--by", "jane.smith", cwd=root)
    assert removed.exit_code == 0, removed.output
    source = load_register(root).sources["SRC-CQC"]
    assert source.response_sent is None and source.edits[-1].was == {"response_sent": "2026-11-18"}


def test_a_response_sent_after_the_deadline_says_how_late(register: GitRepo, cli: Any) -> None:
    root = _typed_in_late(register)
    assert cli("edit", "SRC-CQC", "--response-sent", "2026-11-25", "--reason", "Emailed to CQC",
               "--by", "jane.smith", cwd=root).exit_code == 0
    line = _response_line(cli("report", "action-plan", cwd=root).stdout)
    assert line == "**Response due:** 20 Nov 2026 · **Sent 25 Nov 2026**: 5 days late"
    problems = [p for p in lint_register(root, dt.date.today()).problems if p.rule == "response-due"]
    assert [(p.severity, p.line) for p in problems] == [("warning", 6)]
    assert "was sent on 2026-11-25, 5 days late" in problems[0].message


def test_the_day_sent_is_refused_in_the_future_or_before_the_source(register: GitRepo, cli: Any) -> None:
    root = _typed_in_late(register)
    before = (root / "sources/SRC-CQC.yaml").read_bytes()
    for typed, says in (("01/01/2099", "--response-sent 2099-01-01 is in the future"),
                        ("01/10/2026", "--response-sent 2026-10-01 is before the source's date 2026-10-23"),
                        ("soon", "--response-sent")):
        result = cli("edit", "SRC-CQC", "--response-sent", typed, "--reason", "x", "--by", "jane.smith", cwd=root)
        assert result.exit_code == 2, result.output
        assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output
    assert (root / "sources/SRC-CQC.yaml").read_bytes() == before


def test_new_source_records_the_day_the_response_was_sent(register: GitRepo, cli: Any) -> None:
    report = ("new", "source", "--type", "inspection_report", "--title", "CQC inspection report, October 2026",
              "--date", "23/10/2026", "--response-due", "20/11/2026", "--finding", "MAR charts had gaps.")
    result = cli(*report, "--response-sent", "18/11/2026", cwd=register.path)
    assert result.exit_code == 0, result.output
    source = load_register(register.path).sources[result.stdout.strip().splitlines()[-1]]
    assert (source.response_due, source.response_sent) == (dt.date(2026, 11, 20), dt.date(2026, 11, 18))
    refused = cli(*report, "--response-sent", "01/10/2026", cwd=register.path)
    assert refused.exit_code == 2 and "is before the source's date" in refused.stderr


def test_the_reason_given_beside_a_finding_is_shown_with_the_response(register: GitRepo, cli: Any,
                                                                      tmp_path: Path) -> None:
    root = _typed_in_late(register, comment=EXCUSE)
    problems = [p for p in lint_register(root, dt.date(2026, 12, 4)).problems if p.rule == "response-due"]
    assert [p.line for p in problems] == [7]  # F2 is excused; F1 is not
    plan = ("report", "action-plan", "--source-type", "inspection_report", "--as-of", "2026-12-04")
    note = "Note on finding F2:"
    reason = "plan sent to CQC by email on 18 Nov 2026, entered here later"
    assert _response_line(cli(*plan, cwd=root).stdout).endswith(f" · *{note}* {reason}")
    page = cli(*plan, "--format", "html", cwd=root).stdout
    assert f'<span class="response-note"><em>{note}</em> {reason}</span></dd>' in page
    data = json.loads(cli(*plan, "--format", "json", cwd=root).stdout)
    assert data["sources"][0]["response"]["notes"] == [{"finding": "F2", "reason": reason}]
    word = tmp_path / "plan.docx"
    assert_written(cli(*plan, "-o", word, cwd=root))
    assert any(p.text.startswith("Response due: 20 Nov 2026 · Date sent not recorded") and
               p.text.endswith(f" · {note} {reason}") for p in docx.Document(str(word)).paragraphs)


def test_a_response_already_sent_is_not_chased_by_the_digest_or_the_calendar(register: GitRepo, cli: Any) -> None:
    """Sent before its date, with F2 still to be typed in: nothing to chase CQC about."""
    register.write("sources/SRC-CQC.yaml", SOURCE.format(comment="").replace(
        "response_due: 2026-11-20\n", "response_due: 2026-11-20\nresponse_sent: 2026-11-14\n"))
    register.write("sources/SRC-DUE.yaml", SOURCE.format(comment="").replace("SRC-CQC", "SRC-DUE"))
    register.commit("Two reports, one response sent", date="2026-11-15")
    root = register.path
    digest = json.loads(cli("digest", "--as-of", "2026-11-15", "--format", "json", cwd=root).stdout)
    assert [r["id"] for r in digest["responses"]] == ["SRC-DUE"]
    feed = Calendar.from_ical(cli("calendar", "--as-of", "2026-11-15", cwd=root).stdout)
    chased = {str(e["UID"]).split(".")[0] for e in feed.walk("VEVENT") if ".response." in str(e["UID"])}
    assert chased == {"SRC-DUE"}
    data = json.loads(cli("report", "action-plan", "--as-of", "2026-11-15", "--format", "json", cwd=root).stdout)
    response = next(s["response"] for s in data["sources"] if s["id"] == "SRC-CQC")
    assert (response["label"], response["detail"]) == (
        "Sent 14 Nov 2026", "met; findings F1, F2 have no action recorded here")
