"""A trail entry's ``by`` is who did it; Git's commit is who typed it in. From a registered
manager's trial: Aisha Rahman completed an action herself, then ran ``govtool close ID --by
"Helen Ward"``; the plan for CQC showed it Blue, "Signed off ... by Dr Helen Ward", and lint
said nothing, though one person typed every step.

Each register is a real repository; each step is committed by govtool as the person Git
names (GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, as a second computer would be).
"""

from __future__ import annotations

import json
from typing import Any

import docx
import pytest

AS_OF = "2026-12-04"
SETTINGS = """\
provider: Rowan Home Care
location: Rowan House
commit: true
people:
  aisha.rahman: {name: Aisha Rahman, role: Registered Manager, email: aisha@rowan.example}
  helen.ward: {name: Dr Helen Ward, role: Nominated Individual, email: helen@rowan.example}
  sam.patel: {name: Sam Patel, role: Senior Carer, email: sam@rowan.example}
  tom.okafor: {name: Tom Okafor, role: Deputy Manager}
"""
SOURCE = """\
id: SRC-CQC
type: inspection_report
title: CQC inspection report, October 2026
date: 2026-10-14
findings:
  - {id: F1, text: MAR charts had gaps on 4 of 20 charts sampled., regulation: 12, key_question: safe, level: must}
"""
ACTION = """\
id: {id}
title: Audit 20 MAR charts monthly and report gaps to the governance meeting
source: SRC-CQC
finding: F1
owner: tom.okafor
priority: high
created: 2026-10-20
due: 2027-03-31
status: in_progress
measure: {{target: 20 of 20 sampled MAR charts complete in two monthly audits}}
"""
CHANGE = "20 of 20 sampled MAR charts complete in the October and November audits (16 of 20 in July)"
NOTE = "Governance meeting checked both audits: 20 of 20 complete (16 of 20 in July)"
WHO = {"aisha.rahman": ("Aisha Rahman", "aisha@rowan.example"), "helen.ward": ("Dr Helen Ward", "helen@rowan.example"),
       "sam.patel": ("Sam Patel", "sam@rowan.example")}
SIGNED = "Signed off 4 Dec 2026 by Dr Helen Ward"
MD_SIGNED = "**Signed off** 4 Dec 2026 by Dr Helen Ward"  # as Markdown marks it


@pytest.fixture
def rowan(register: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    register.write("govtool.yaml", SETTINGS)
    register.write("sources/SRC-CQC.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", ACTION.format(id="ACT-1"))
    register.commit("The CQC report's action", date="2026-10-20")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-12-04T10:00:00+00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-12-04T10:00:00+00:00")
    return register


def as_person(monkeypatch: pytest.MonkeyPatch, person: str) -> None:
    """Git names ``person`` from now on: the next commit is theirs."""
    name, email = WHO[person]
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", name)
        monkeypatch.setenv(f"GIT_{role}_EMAIL", email)


def step(cli: Any, rowan: Any, *args: str) -> Any:
    result = cli(*args, "--date", "2026-12-04", cwd=rowan.path)
    assert result.exit_code == 0, result.output
    return result


def complete(cli: Any, rowan: Any, by: str) -> Any:
    return step(cli, rowan, "complete", "ACT-1", "--by", by, "--change", CHANGE,
                "--evidence", "https://intranet.example/mar-audits", "--evidence-note", "Both audits")


def close(cli: Any, rowan: Any, by: str = "Helen Ward") -> Any:
    return step(cli, rowan, "close", "ACT-1", "--by", by, "--note", NOTE)


def plan(cli: Any, rowan: Any, fmt: str) -> str:
    result = cli("report", "action-plan", "--as-of", AS_OF, "--format", fmt, cwd=rowan.path)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def the_action(cli: Any, rowan: Any) -> dict[str, Any]:
    [source] = json.loads(plan(cli, rowan, "json"))["sources"]
    [found] = [a for f in source["findings"] for a in f["actions"]]
    return dict(found)


def lint(cli: Any, rowan: Any) -> list[dict[str, Any]]:
    result = cli("lint", "--as-of", AS_OF, "--format", "json", cwd=rowan.path)
    problems: list[dict[str, Any]] = json.loads(result.stdout)
    return [p for p in problems if p["record"] == "ACT-1"]


def test_the_managers_trial_a_sign_off_she_typed_for_her_own_work_is_not_blue(rowan: Any, cli: Any,
                                                                               monkeypatch: pytest.MonkeyPatch,
                                                                               tmp_path: Any) -> None:
    as_person(monkeypatch, "aisha.rahman")
    done = complete(cli, rowan, "aisha.rahman")
    assert "  completed ACT-1 as completed by Aisha Rahman\n" in done.stdout
    closed = close(cli, rowan)
    # whom the entry names, who typed it in, and what that means, before she finds it in the plan
    assert "  closed ACT-1 as signed off by Dr Helen Ward; Git records Aisha Rahman as typing it in" in closed.stdout
    assert "you (Aisha Rahman) completed this action and typed in its sign-off" in closed.stdout

    shown = the_action(cli, rowan)
    assert shown["rag"]["colour"] == "green" and "not independently assured" in shown["rag"]["reason"]
    assert (shown["closure"]["by"], shown["closure"]["recorded_by"]) == ("Dr Helen Ward", "Aisha Rahman")
    assert shown["completion"]["recorded_by"] is None  # she did the work and typed it in
    said = f"{SIGNED} (recorded by Aisha Rahman)"
    markdown = plan(cli, rowan, "markdown")
    assert f"{MD_SIGNED} (recorded by Aisha Rahman)" in markdown and "not independently assured" in markdown
    assert said in plan(cli, rowan, "html")
    target = tmp_path / "plan.docx"
    assert cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=rowan.path).exit_code == 0
    text = "\n".join(cell.text for table in docx.Document(str(target)).tables for row in table.rows for cell in row.cells)
    assert said in text

    [warned] = [p for p in lint(cli, rowan) if p["rule"] == "self-recorded-closure"]
    assert warned["severity"] == "warning"
    assert warned["message"].startswith("the sign-off by Dr Helen Ward was typed in by Aisha Rahman (")
    assert "ask Dr Helen Ward to record the sign-off themselves, or record why" in warned["message"]
    assert not [p for p in lint(cli, rowan) if p["rule"] in ("self-assured-closure", "closed-by-owner")]


def test_a_sign_off_the_signer_records_herself_is_blue_and_says_nothing_more(rowan: Any, cli: Any,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "aisha.rahman")
    complete(cli, rowan, "aisha.rahman")
    as_person(monkeypatch, "helen.ward")
    closed = step(cli, rowan, "close", "ACT-1", "--note", NOTE)  # in a script: --by is who Git says she is
    assert "  closed ACT-1 as signed off by Dr Helen Ward\n" in closed.stdout
    shown = the_action(cli, rowan)
    assert shown["rag"] == {"colour": "blue", "label": "Blue", "reason": "closed: complete and assured"}
    assert shown["closure"]["recorded_by"] is None
    assert "recorded by" not in plan(cli, rowan, "markdown")
    assert not [p for p in lint(cli, rowan) if p["rule"] == "self-recorded-closure"]


def test_work_typed_in_by_the_manager_and_signed_off_by_another_is_blue_with_who_typed_it(
        rowan: Any, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sam did the work and typed in his completion; the manager typed in Dr Ward's sign-off
    from the meeting: she neither did the work nor typed in its completion, so it is Blue, and
    the plan says who typed the sign-off in."""
    as_person(monkeypatch, "sam.patel")
    complete(cli, rowan, "sam.patel")
    as_person(monkeypatch, "aisha.rahman")
    close(cli, rowan)
    shown = the_action(cli, rowan)
    assert shown["rag"]["colour"] == "blue"
    assert f"{MD_SIGNED} (recorded by Aisha Rahman)" in plan(cli, rowan, "markdown")
    assert not [p for p in lint(cli, rowan) if p["rule"] == "self-recorded-closure"]


def test_a_completion_and_its_sign_off_both_typed_in_by_the_manager_are_not_blue(
        rowan: Any, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    as_person(monkeypatch, "aisha.rahman")
    complete(cli, rowan, "sam.patel")  # Sam's work, typed in by her
    close(cli, rowan)  # Dr Ward's sign-off, typed in by her too
    shown = the_action(cli, rowan)
    assert shown["rag"]["colour"] == "green"
    assert "**Completed** 4 Dec 2026 by Sam Patel (recorded by Aisha Rahman)" in plan(cli, rowan, "markdown")
    assert [p["rule"] for p in lint(cli, rowan) if p["rule"] == "self-recorded-closure"] == ["self-recorded-closure"]


def test_a_sign_off_that_came_with_the_file_names_no_typist(rowan: Any, cli: Any) -> None:
    """A plan carried over (imported, or written in one commit) tells nothing of who typed what."""
    rowan.write("actions/ACT-2.yaml", ACTION.format(id="ACT-2").replace("status: in_progress", "status: closed") + (
        f"completion: {{date: 2026-11-02, by: aisha.rahman, change: '{CHANGE}', evidence: [{{url: "
        f"'https://intranet.example/mar-audits'}}]}}\nclosure: {{date: 2026-11-20, by: helen.ward, note: '{NOTE}'}}\n"))
    rowan.commit("Carried over", date="2026-11-21")
    assert "recorded by" not in plan(cli, rowan, "markdown")
    assert not [p for p in json.loads(cli("lint", "--as-of", AS_OF, "--format", "json", cwd=rowan.path).stdout)
                if p["rule"] == "self-recorded-closure"]


def test_help_says_by_is_who_did_it(cli: Any) -> None:
    for command, who in (("update", "Who wrote the note / did the work"),
                         ("complete", "Who completed the action (did the work)"),
                         ("close", "Who signed it off (checked the evidence)"),
                         ("redate", "Who agreed the new date")):
        shown = " ".join(cli(command, "--help").stdout.split())
        assert f"--by WHO {who}" in shown and "Git records who typed it" in shown, command


def test_close_at_a_terminal_asks_who_signed_it_off(rowan: Any, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    as_person(monkeypatch, "aisha.rahman")
    complete(cli, rowan, "sam.patel")
    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = cli("close", "ACT-1", "--note", NOTE, cwd=rowan.path, input="helen.ward\n")
    assert result.exit_code == 0, result.output
    assert "People in govtool.yaml (type an ID or a name): aisha.rahman (Aisha Rahman" in result.stderr
    assert "Who signed it off (checked the evidence) (Enter: you) [aisha.rahman]" in result.output
    assert "by: helen.ward" in (rowan.path / "actions" / "ACT-1.yaml").read_text(encoding="utf-8")


def test_close_at_a_terminal_takes_enter_for_yourself(rowan: Any, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    as_person(monkeypatch, "sam.patel")
    complete(cli, rowan, "sam.patel")
    as_person(monkeypatch, "aisha.rahman")
    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = cli("close", "ACT-1", "--note", NOTE, cwd=rowan.path, input="\n")
    assert result.exit_code == 0, result.output
    assert "  closed ACT-1 as signed off by Aisha Rahman\n" in result.stdout
    assert "by: aisha.rahman" in (rowan.path / "actions" / "ACT-1.yaml").read_text(encoding="utf-8")


def test_a_pull_request_is_told_only_of_the_sign_off_it_brings(rowan: Any, cli: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """--base: the sign-off committed before the base is the base's; the completion committed
    before it still counts when the branch brings the sign-off."""
    as_person(monkeypatch, "aisha.rahman")
    complete(cli, rowan, "aisha.rahman")
    base = rowan.git("rev-parse", "HEAD")
    close(cli, rowan)

    def warned(*since: str) -> list[str]:
        result = cli("lint", "--as-of", AS_OF, "--format", "json", *since, cwd=rowan.path)
        return [p["record"] for p in json.loads(result.stdout) if p["rule"] == "self-recorded-closure"]

    assert warned("--base", base) == ["ACT-1"]
    assert warned("--base", "HEAD") == []
