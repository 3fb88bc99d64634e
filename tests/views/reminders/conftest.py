"""A small register with one action in each reminder state, committed in a real repository."""

from __future__ import annotations

from typing import Any

import pytest

AS_OF = "2026-12-02"  # due soon: by 2026-12-16 (14 days); gone quiet: no entry since before 2026-10-03

SETTINGS = """\
provider: Willowbrook Care Ltd
location: Willowbrook House
people:
  jane.smith: {name: Jane Smith, role: Registered Manager, email: jane@example.org}
  sam.patel: {name: Sam Patel, role: Deputy Manager, email: sam@example.org}
  pat.lee: {name: Pat Lee, role: Chef Manager}
  amy.jones: {name: Amy Jones, role: Quality Lead, email: amy@example.org}
"""

SOURCE = """\
id: SRC-CQC1
type: inspection_report
title: CQC inspection report, October 2026
date: 2026-10-14
response_due: 2026-12-09
findings:
  - {id: F1, text: MAR charts had gaps., regulation: '12'}
  - {id: F2, text: Care plans did not record consent., regulation: '11'}
"""


def action(action_id: str, owner: str, due: str, status: str = "in_progress", created: str = "2026-10-20",
           extra: str = "") -> str:
    return (f"id: {action_id}\ntitle: Weekly audit of 10 MAR charts for {action_id}\nsource: SRC-CQC1\n"
            f"finding: F1\nowner: {owner}\npriority: high\ncreated: {created}\ndue: {due}\nstatus: {status}\n"
            "measure: {target: 98% of charts complete in three audits}\n" + extra)


ACTIONS = {
    # overdue, and its milestone was missed
    "ACT-OVER": action("ACT-OVER", "jane.smith", "2026-11-01", extra=(
        "updates:\n  - {date: 2026-10-25, by: jane.smith, note: Audit tool agreed.,"
        " next_milestone: First audit at 90%, milestone_due: 2026-11-10}\n")),
    "ACT-SOON": action("ACT-SOON", "sam.patel", "2026-12-05", status="open", created="2026-11-20"),
    # no entry since August: gone quiet; its milestone falls due within the fortnight
    "ACT-QUIET": action("ACT-QUIET", "jane.smith", "2027-03-01", created="2026-07-01", extra=(
        "updates:\n  - {date: 2026-08-01, by: jane.smith, note: Started.,"
        " next_milestone: Second audit, milestone_due: 2026-12-12}\n")),
    "ACT-FAR": action("ACT-FAR", "sam.patel", "2027-06-01", status="open", created="2026-11-25"),
    "ACT-DONE": action("ACT-DONE", "jane.smith", "2026-10-01", status="cancelled", extra=(
        "cancellation: {date: 2026-10-02, by: jane.smith, reason: Duplicate of ACT-OVER}\n")),
    "ACT-NOMAIL": action("ACT-NOMAIL", "pat.lee", "2026-11-20", status="open", created="2026-11-01"),
}


@pytest.fixture
def reminders(git_repo: Any) -> Any:
    git_repo.write("govtool.yaml", SETTINGS)
    git_repo.write("sources/SRC-CQC1.yaml", SOURCE)
    for action_id, text in ACTIONS.items():
        git_repo.write(f"actions/{action_id}.yaml", text)
    git_repo.commit("Reminders register", date="2026-11-26")
    return git_repo
