"""What the plan and lint say of an open action untouched for months, and of a sign-off by the
person who completed the action (found in a new manager's trial: 11 of 16 actions with no note
in two months read "Open – on track"; "Completed by Aisha Rahman" and "Signed off by Aisha
Rahman" read Blue, complete and assured, with nothing from lint)."""

from __future__ import annotations

import json
from typing import Any

AS_OF = "2026-12-04"
SETTINGS = """\
provider: Rowan Home Care
location: Rowan House
people:
  aisha.rahman: {name: Aisha Rahman, role: Registered Manager}
  tom.okafor: {name: Tom Okafor, role: Deputy Manager}
  grace.bell: {name: Grace Bell, role: Nominated Individual}
"""
SOURCE = """\
id: SRC-AUDIT
type: audit
title: Medicines audit, July 2026
date: 2026-07-20
findings:
  - {id: F1, text: MAR charts had gaps on 4 of 20 charts sampled.}
  - {id: F2, text: PRN protocols were missing for 3 people.}
  - {id: F3, text: Fridge temperatures were not recorded daily.}
"""
MEASURE = "measure: {target: 20 of 20 sampled MAR charts complete in two monthly audits}\n"


def action(action_id: str, finding: str, status: str, created: str, extra: str = "", owner: str = "tom.okafor") -> str:
    return (f"id: {action_id}\ntitle: Audit 20 MAR charts monthly and report gaps to the governance meeting\n"
            f"source: SRC-AUDIT\nfinding: {finding}\nowner: {owner}\npriority: high\ncreated: {created}\n"
            f"due: 2027-03-31\nstatus: {status}\n{MEASURE}{extra}")


DONE = ("completion:\n  date: 2026-11-02\n  by: aisha.rahman\n  change: 20 of 20 sampled MAR charts complete in the "
        "October and November audits (16 of 20 in July)\n  evidence:\n    - url: https://intranet.example/mar-audits\n")


def closure(by: str) -> str:
    return (f"closure:\n  date: 2026-11-20\n  by: {by}\n  note: Governance meeting checked both audits, 20 of 20 "
            "complete (16 of 20 in July)\n")


def build(register: Any) -> None:
    register.write("govtool.yaml", SETTINGS)
    register.write("sources/SRC-AUDIT.yaml", SOURCE)
    register.write("actions/ACT-OPEN.yaml", action("ACT-OPEN", "F1", "open", "2026-08-01"))
    register.write("actions/ACT-NEW.yaml", action("ACT-NEW", "F1", "open", "2026-11-20"))
    register.write("actions/ACT-SELF.yaml", action("ACT-SELF", "F2", "closed", "2026-08-01", DONE + closure("aisha.rahman")))
    register.write("actions/ACT-PEER.yaml", action("ACT-PEER", "F3", "closed", "2026-08-01", DONE + closure("grace.bell")))
    register.commit("The July audit's actions", date="2026-08-01")


def plan_json(cli: Any, register: Any) -> dict[str, Any]:
    result = cli("report", "action-plan", "--as-of", AS_OF, "--format", "json", cwd=register.path)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def rags(cli: Any, register: Any) -> dict[str, dict[str, str]]:
    return {a["id"]: a["rag"] for s in plan_json(cli, register)["sources"] for f in s["findings"] for a in f["actions"]}


def lint(cli: Any, register: Any) -> list[dict[str, Any]]:
    result = cli("lint", "--as-of", AS_OF, "--format", "json", cwd=register.path)
    problems: list[dict[str, Any]] = json.loads(result.stdout)
    return problems


def test_an_open_action_untouched_for_months_is_stale_and_not_on_track(register: Any, cli: Any) -> None:
    build(register)
    stale = {p["record"]: p["message"] for p in lint(cli, register) if p["rule"] == "stale-action"}
    assert list(stale) == ["ACT-OPEN"]  # ACT-NEW is two weeks old
    assert stale["ACT-OPEN"].startswith("open with no progress note since it was created on 2026-08-01 (125 days)")
    shown = rags(cli, register)
    assert shown["ACT-OPEN"] == {"colour": "amber", "label": "Amber",
                                 "reason": "not started: no progress note since it was created 125 days ago"}
    assert shown["ACT-NEW"]["reason"] == "on track"
    markdown = cli("report", "action-plan", "--as-of", AS_OF, "--format", "markdown", cwd=register.path).stdout
    assert "Open – not started: no progress note since it was created 125 days ago" in markdown

    digest = json.loads(cli("digest", "--as-of", AS_OF, "--format", "json", cwd=register.path).stdout)
    quiet = [item for owner in digest["owners"] for item in owner["quiet"]]
    assert [(q["id"], q["why"], q["last_entry"]) for q in quiet] == [
        ("ACT-OPEN", "not started: no progress note for 125 days", "2026-08-01")]

    # A note saying when the work starts ends it, in lint, the plan and the digest alike.
    path = register.path / "actions" / "ACT-OPEN.yaml"
    path.write_text(path.read_text() + "updates:\n  - {date: 2026-11-30, by: tom.okafor, note: Starts on 7 December "
                    "once the new MAR folders arrive.}\n")
    assert [p for p in lint(cli, register) if p["rule"] == "stale-action"] == []
    assert rags(cli, register)["ACT-OPEN"]["reason"] == "on track"


def test_a_sign_off_by_the_person_who_completed_the_action_is_warned_and_not_blue(register: Any, cli: Any) -> None:
    build(register)
    problems = [p for p in lint(cli, register) if p["rule"] == "self-assured-closure"]
    assert [(p["record"], p["severity"]) for p in problems] == [("ACT-SELF", "warning")]
    assert problems[0]["message"].startswith("signed off by Aisha Rahman, who also recorded its completion")
    assert "nominated individual" in problems[0]["message"]
    shown = rags(cli, register)
    assert shown["ACT-SELF"]["colour"] == "green" and "not independently assured" in shown["ACT-SELF"]["reason"]
    assert shown["ACT-PEER"] == {"colour": "blue", "label": "Blue", "reason": "closed: complete and assured"}
    summary = {c["label"]: c["count"] for c in plan_json(cli, register)["summary"]["by_rag"]}
    assert summary["Blue"] == 1 and summary["Green"] == 1
    for fmt, said in (("markdown", "**Green** · Closed – not independently assured"),
                      ("html", "Closed – not independently assured")):
        out = cli("report", "action-plan", "--as-of", AS_OF, "--format", fmt, cwd=register.path).stdout
        assert said in out, fmt


def test_the_owner_signing_off_is_closed_by_owner_alone(register: Any, cli: Any) -> None:
    """Completed and signed off by the owner: one warning (closed-by-owner), not two; still not Blue."""
    build(register)
    register.write("actions/ACT-SELF.yaml", action("ACT-SELF", "F2", "closed", "2026-08-01",
                                                   DONE + closure("aisha.rahman"), owner="aisha.rahman"))
    rules = sorted(p["rule"] for p in lint(cli, register) if p["record"] == "ACT-SELF" and p["rule"] != "silent-edit")
    assert rules == ["closed-by-owner"]  # (silent-edit: the owner changed in the working tree, not through edit)
    assert rags(cli, register)["ACT-SELF"]["colour"] == "green"


def test_close_says_when_the_person_signing_off_recorded_the_completion(register: Any, cli: Any) -> None:
    build(register)
    register.write("actions/ACT-SELF.yaml", action("ACT-SELF", "F2", "completed", "2026-08-01", DONE))
    register.commit("Completed", date="2026-11-02")
    result = cli("close", "ACT-SELF", "--by", "Aisha Rahman", "--note",
                 "Checked both audits, 20 of 20 complete (16 of 20 in July)", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "signed off by the person who recorded its completion: no one else checked the evidence" in result.output
