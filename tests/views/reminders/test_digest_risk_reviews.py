"""govtool digest reminds each risk's owner of its reviews: the routine one, due by the interval
for its band, and the re-assessment owed after a linked action closed, both on lint's schedule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import AS_OF, action
from .test_eml import read_eml

RISKS = {
    # extreme (16): reviewed every 30 days; last reviewed 2026-10-01, so due 2026-10-31: overdue
    "RSK-LATE": ("id: RSK-LATE\ntitle: Residents fall at night\nowner: amy.jones\ncreated: 2026-01-05\n"
                 "inherent: {likelihood: 4, consequence: 4}\nresidual: {likelihood: 4, consequence: 4}\n"
                 "reviews:\n  - {date: 2026-10-01, by: amy.jones, likelihood: 4, consequence: 4, note: No change.}\n"),
    # low (2): reviewed every 365 days; never reviewed, entered 2025-12-10: due 2026-12-10, within the fortnight
    "RSK-SOON": ("id: RSK-SOON\ntitle: Kitchen fridge fails\nowner: sam.patel\ncreated: 2025-12-10\n"
                 "inherent: {likelihood: 1, consequence: 2}\n"),
    # reviewed lately, but ACT-CLOSED, strengthening its control, closed after: re-assessment due 2026-12-09
    "RSK-MEDS": ("id: RSK-MEDS\ntitle: Medicines given late\nowner: jane.smith\ncreated: 2026-01-05\n"
                 "inherent: {likelihood: 2, consequence: 2}\nresidual: {likelihood: 2, consequence: 2}\n"
                 "controls:\n  - {id: C1, description: Weekly MAR audit, effectiveness: partial}\n"
                 "reviews:\n  - {date: 2026-11-20, by: jane.smith, likelihood: 2, consequence: 2, note: Steady.}\n"),
}
CLOSED = action("ACT-CLOSED", "jane.smith", "2026-11-30", status="closed", extra=(
    "risk: RSK-MEDS\ncontrol: C1\n"
    "completion:\n  date: 2026-11-24\n  by: jane.smith\n  change: 10 of 10 MAR charts complete in three weekly audits "
    "(6 of 10 in October)\n  evidence:\n    - {path: 'https://example.org/audit', description: The three audits}\n"
    "closure: {date: 2026-11-25, by: amy.jones, note: Audits seen at the governance meeting.}\n"))


def _with_risks(repo: Any) -> Any:
    for risk_id, text in RISKS.items():
        repo.write(f"risks/{risk_id}.yaml", text)
    repo.write("actions/ACT-CLOSED.yaml", CLOSED)
    repo.commit("Risks", date="2026-11-27")
    return repo


def test_each_risk_owner_is_told_which_reviews_fall_due(cli: Any, reminders: Any) -> None:
    _with_risks(reminders)
    result = cli("digest", "--as-of", AS_OF, "--format", "json", cwd=reminders.path)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    reviews = {o["owner"]: o["reviews"] for o in data["owners"]}
    assert reviews["amy.jones"] == [{
        "id": "RSK-LATE", "title": "Residents fall at night", "due": "2026-10-31", "why": "review overdue by 32 days",
        "detail": "last reviewed 1 Oct 2026; extreme risks are reviewed every 30 days"}]  # she owns no action
    assert [(r["id"], r["due"], r["why"]) for r in reviews["sam.patel"]] == [
        ("RSK-SOON", "2026-12-10", "review due in 8 days")]
    assert [(r["id"], r["due"], r["why"], r["detail"]) for r in reviews["jane.smith"]] == [
        ("RSK-MEDS", "2026-12-09", "re-assessment due in 7 days",
         "ACT-CLOSED closed on 25 Nov 2026: re-score the risk and re-rate its control")]
    assert data["totals"]["reviews"] == 3

    # the same dates lint reports a review missed on, from the same settings
    lint = cli("lint", "--as-of", "2026-12-11", "--format", "json", cwd=reminders.path)
    missed = {(p["record"], p["rule"]) for p in json.loads(lint.stdout)
              if p["rule"] in ("risk-not-reviewed", "reassessment-due")}
    assert missed == {("RSK-LATE", "risk-not-reviewed"), ("RSK-SOON", "risk-not-reviewed"),
                      ("RSK-MEDS", "reassessment-due")}
    assert "(due 2026-10-31)" in next(p["message"] for p in json.loads(lint.stdout) if p["record"] == "RSK-LATE")
    reminders.write("govtool.yaml", reminders.path.joinpath("govtool.yaml").read_text()
                    + "lint:\n  options:\n    risk-not-reviewed: {days: {low: 400}}\n")
    later = json.loads(cli("digest", "--as-of", AS_OF, "--format", "json", "--owner", "sam.patel",
                           cwd=reminders.path).output)
    assert later["owners"][0]["reviews"] == []  # a longer interval set for lint holds for the digest


def test_risk_reviews_in_text_markdown_html_and_each_owner_s_email(cli: Any, reminders: Any, tmp_path: Path) -> None:
    _with_risks(reminders)
    text = cli("digest", "--as-of", AS_OF, "--owner", "amy.jones", cwd=reminders.path).output
    assert ("Amy Jones (Quality Lead): 0 overdue, 0 due soon, 0 milestones, 0 gone quiet, 1 risk review\n"
            "  Risk reviews\n    RSK-LATE  Residents fall at night\n"
            "        due 31 Oct 2026: review overdue by 32 days (last reviewed 1 Oct 2026; extreme risks are "
            "reviewed every 30 days)\n") in text
    whole = cli("digest", "--as-of", AS_OF, cwd=reminders.path).output
    assert "  Risk reviews due: 3\n" in whole
    markdown = cli("digest", "--as-of", AS_OF, "--format", "markdown", cwd=reminders.path).output
    assert "### Risk reviews\n" in markdown and "| RSK-SOON | Kitchen fridge fails | due 10 Dec 2026: review due in 8 days" in markdown
    html = cli("digest", "--as-of", AS_OF, "--format", "html", cwd=reminders.path).output
    assert "<caption>Risk reviews</caption>" in html and "re-assessment due in 7 days" in html

    outbox = tmp_path / "outbox"
    cli("digest", "--as-of", AS_OF, "--eml", str(outbox), cwd=reminders.path)
    amy = read_eml(outbox / "amy.jones.eml")
    assert amy["Subject"].endswith("0 gone quiet, 1 risk review")
    body = amy.get_body(("plain",))
    assert body is not None and "RSK-LATE  Residents fall at night" in body.get_content()
    html_part = amy.get_body(("html",))
    assert html_part is not None and "review overdue by 32 days" in html_part.get_content()
