"""The report commands: filters, output files, errors, overrides, and broken registers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .report_support import AS_OF, LEFT_OUT, assert_written


def test_report_all_writes_every_report_in_every_format(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = cli("report", "all", "--as-of", AS_OF, "-o", out, cwd=fixture_register)
    assert_written(result)
    names = sorted(p.name for p in out.iterdir())
    expected = sorted([f"{stem}.{ext}" for stem in ("action-plan", "momentum", "risks", "source-SRC-CQC1")
                       for ext in ("md", "html", "json")] + ["action-plan.docx", "momentum.docx"])
    assert names == expected
    assert result.stdout.splitlines() == [str(out / n) for n in (
        "action-plan.md", "action-plan.html", "action-plan.json", "action-plan.docx", "momentum.md", "momentum.html",
        "momentum.json", "momentum.docx", "risks.md", "risks.html", "risks.json", "source-SRC-CQC1.md",
        "source-SRC-CQC1.html", "source-SRC-CQC1.json")]
    assert json.loads((out / "momentum.json").read_text())["as_of"] == AS_OF


def test_output_format_follows_the_file_extension(fixture_register: Path, cli: Any) -> None:
    target = fixture_register / "plan.html"
    assert_written(cli("report", "action-plan", "--as-of", AS_OF, "-o", target, cwd=fixture_register))
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_filters_narrow_the_plan(fixture_register: Path, cli: Any) -> None:
    def plan(*args: str) -> dict[str, Any]:
        result = cli("report", "action-plan", "--format", "json", "--as-of", AS_OF, *args, cwd=fixture_register)
        assert_written(result)
        return json.loads(result.stdout)

    def action_ids(view: dict[str, Any]) -> set[str]:
        ids = {a["id"] for s in view["sources"] for f in s["findings"] for a in f["actions"]}
        ids |= {a["id"] for s in view["sources"] for a in s["other_actions"]}
        return ids | {a["id"] for a in view["risk_actions"]}

    everything = plan()
    assert action_ids(everything) == {"ACT-A1", "ACT-A2", "ACT-A3", "ACT-A4", "ACT-A5", "ACT-R1", "ACT-S1"}
    assert [f["id"] for f in everything["sources"][0]["findings"] if f["unanswered"]] == ["F3"]
    assert action_ids(plan("--status", "closed")) == {"ACT-A1", "ACT-R1"}
    assert action_ids(plan("--owner", "Sam Patel")) == {"ACT-A2", "ACT-R1"}
    assert action_ids(plan("--owner", "sam.patel", "--owner", "jane.smith")) == {"ACT-A1", "ACT-A2", "ACT-A5", "ACT-R1"}
    response = plan("--source-type", "inspection_report")
    assert response["response"] is True and [s["id"] for s in response["sources"]] == ["SRC-CQC1"]
    assert action_ids(response) == {"ACT-A1", "ACT-A2", "ACT-A3", "ACT-A4"}
    # typed as import takes it, in words (a manager's trial)
    assert plan("--source-type", "Inspection report") == response
    assert action_ids(plan("--source", "SRC-INC1")) == {"ACT-A5", "ACT-S1"}
    # a status filter hides findings whose actions were filtered out, not only unanswered ones
    assert [f["id"] for f in plan("--status", "completed")["sources"][0]["findings"]] == ["F2"]


def test_summary_counts(fixture_register: Path, cli: Any) -> None:
    result = cli("report", "action-plan", "--format", "json", "--as-of", AS_OF, cwd=fixture_register)
    summary = json.loads(result.stdout)["summary"]
    counts = {c["status"]: c["count"] for c in summary["by_status"]}
    assert counts == {"open": 2, "in_progress": 1, "completed": 1, "closed": 2, "cancelled": 1}
    assert summary["overdue"] == 1  # ACT-A2, due 15 November
    assert summary["closed_this_quarter"] == 2  # ACT-A1 on 6 Oct, ACT-R1 on 8 Sep (from 28 Aug)
    assert {c["label"]: c["count"] for c in summary["by_rag"]} == {
        "Red": 2, "Amber": 1, "Green": 1, "Blue": 2, "Cancelled": 1}
    # Red: ACT-A2 overdue and ACT-A5 past its milestone date; Amber: ACT-S1 (no due date)


def test_risks_flag_reassessment_after_a_linked_action_closes(fixture_register: Path, cli: Any) -> None:
    result = cli("report", "risks", "--format", "json", "--as-of", AS_OF, cwd=fixture_register)
    view = json.loads(result.stdout)
    assert view["reassessment_due"] == ["RSK-1"]  # ACT-R1 closed 8 Sep, last review 14 Jul
    rsk1 = next(r for r in view["risks"] if r["id"] == "RSK-1")
    assert (rsk1["residual"]["score"], rsk1["residual"]["band"]) == (12, "high")
    assert [c["actions"][0]["id"] if c["actions"] else None for c in rsk1["controls"]] == [None, "ACT-A5", "ACT-R1"]
    cell = view["residual_map"]["rows"][2][3]  # likelihood 3, consequence 4
    assert (cell["likelihood"], cell["consequence"], cell["risk_ids"]) == (3, 4, ["RSK-1"])
    # as of the day before the closure, nothing is due yet
    earlier = json.loads(cli("report", "risks", "--format", "json", "--as-of", "2026-09-07",
                             cwd=fixture_register).stdout)
    assert earlier["reassessment_due"] == []


def test_source_loop(fixture_register: Path, cli: Any) -> None:
    cqc = json.loads(cli("report", "source", "SRC-CQC1", "--format", "json", "--as-of", AS_OF,
                         cwd=fixture_register).stdout)["loop"]
    assert cqc["closed"] is False
    assert cqc["gaps"] == ["Finding F3: no action recorded", "Action ACT-A2 is in progress, not yet closed",
                           "Action ACT-A3 is completed, not yet closed"]


def test_source_loop_closed_when_everything_is_answered_and_closed(register: Any, cli: Any) -> None:
    register.write("sources/SRC-1.yaml", "id: SRC-1\ntype: complaint\ntitle: C\ndate: 2026-01-01\n"
                   "findings:\n  - {id: F1, text: late reply}\n")
    register.write("actions/ACT-1.yaml", """\
        id: ACT-1
        title: Reply within 20 working days
        source: SRC-1
        finding: F1
        owner: jane.smith
        priority: low
        created: 2026-01-02
        due: 2026-02-01
        status: closed
        completion: {date: 2026-01-20, by: jane.smith, change: 5 of 5 replies on time}
        closure: {date: 2026-01-25, by: sam.patel, note: checked}
        """)
    result = cli("report", "source", "SRC-1", "--as-of", AS_OF, cwd=register.path)
    assert "**Yes: the loop is closed.**" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["source", "SRC-NOPE"], "no source SRC-NOPE in the register: 'govtool list sources' shows their IDs"),
    (["action-plan", "--source", "SRC-NOPE"], "no source SRC-NOPE in the register: 'govtool list sources' shows their IDs"),
    # a typo is answered with the ID meant, as 'govtool show' answers it (a consultant's trial)
    (["source", "SRC-CQC"], "no source SRC-CQC in the register: did you mean SRC-CQC1?"),
    (["action-plan", "--source", "SRC-INC"], "no source SRC-INC in the register: did you mean SRC-INC1?"),
    (["momentum", "--as-of", "31/02/2026"], "is not a real date"),
    (["momentum", "--as-of", "soon"], "is not a date"),
    (["risks", "--templates", "no-such-folder"], "is not a folder"),
])
def test_bad_input_is_one_line_and_exit_2(fixture_register: Path, cli: Any, args: list[str], message: str) -> None:
    result = cli("report", *args, cwd=fixture_register)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_source_id_is_taken_whatever_its_case(fixture_register: Path, cli: Any) -> None:
    typed, exact = (cli("report", "source", source_id, cwd=fixture_register) for source_id in ("src-cqc1", "SRC-CQC1"))
    assert typed.exit_code == exact.exit_code and "SRC-CQC1" in typed.stdout and typed.stdout == exact.stdout


def test_user_templates_override_builtin_ones(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    mine = tmp_path / "my-templates"
    mine.mkdir()
    (mine / "action-plan.md.j2").write_text(
        '{% extends "base.md.j2" %}{% block content %}OUR PLAN: {{ view.summary.actions }} actions, '
        "{{ view.header.provider }}\n{% endblock %}")
    (mine / "style.css").write_text("body { background: #fafafa; } /* our house style */")
    md = cli("report", "action-plan", "--as-of", AS_OF, "--templates", mine, cwd=fixture_register).stdout
    assert "OUR PLAN: 7 actions, Fernhill Care Ltd" in md
    assert md.startswith("# Improvement action plan")  # the built-in base still applies
    html = cli("report", "action-plan", "--format", "html", "--as-of", AS_OF, "--templates", mine,
               cwd=fixture_register).stdout
    assert "our house style" in html and "ACT-A1" in html  # the built-in HTML template, our stylesheet


def test_template_mistake_is_reported_not_crashed(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    (tmp_path / "momentum.md.j2").write_text("{{ view.no_such_field }}")
    result = cli("report", "momentum", "--templates", tmp_path, cwd=fixture_register)
    assert result.exit_code == 2 and "template error" in result.stderr


def test_a_misspelt_field_names_the_template_file_and_line(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    """As docs/reports.md promises: the template (its path) and the line, also inside a macro file."""
    (tmp_path / "momentum.md.j2").write_text("Our figures\n\n{{ view.header.provider }}\n{{ view.no_such_field }}\n")
    result = cli("report", "momentum", "--templates", tmp_path, cwd=fixture_register)
    assert result.exit_code == 2
    assert f"{tmp_path / 'momentum.md.j2'}:4: template error: " in result.stderr and "no_such_field" in result.stderr
    (tmp_path / "momentum.md.j2").unlink()
    (tmp_path / "_bits.md.j2").write_text("{% macro bit(v) %}\n{{ v.misspelt }}\n{% endmacro %}\n")
    (tmp_path / "momentum.md.j2").write_text('{% from "_bits.md.j2" import bit %}{{ bit(view) }}\n')
    result = cli("report", "momentum", "--templates", tmp_path, cwd=fixture_register)
    assert result.exit_code == 2 and f"{tmp_path / '_bits.md.j2'}:2: template error: " in result.stderr


def test_a_register_full_of_problems_still_renders(register: Any, cli: Any) -> None:
    """Wrong types, missing fields, dangling links: every report renders what it can."""
    register.write("sources/SRC-1.yaml", "id: SRC-1\ntype: nonsense\nfindings: [{id: F1}, 7, {text: no id}]\n")
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: only a title\n")
    register.write("actions/ACT-2.yaml", """\
        id: ACT-2
        title: [a, list]
        source: SRC-1
        finding: F9
        owner: {name: a map}
        due: 2026-02-30
        created: yesterday
        status: closed
        redates: oops
        updates: [{note: no date}, 3]
        completion: {evidence: [{path: ../../etc/passwd}, {url: ftp://x}, 5]}
        closure: text
        risk: RSK-NONE
        parent: ACT-NONE
        """)
    register.write("actions/ACT-3.yaml", "id: ACT-3\nsource: SRC-GONE\nstatus: in_progress\ndue: 2026-01-01\n")
    register.write("risks/RSK-1.yaml", "id: RSK-1\ninherent: {likelihood: 9, consequence: x}\n"
                   "residual: 12\ncontrols: [{id: C1}, nope]\nreviews: [{note: undated}]\n")
    register.commit("broken", date="2026-03-01")
    for report in (["action-plan"], ["momentum"], ["risks"], ["source", "SRC-1"]):
        for fmt in ("markdown", "html", "json"):
            result = cli("report", *report, "--format", fmt, "--as-of", AS_OF, cwd=register.path)
            assert result.exit_code == 0, (report, fmt, result.output)
    plan = cli("report", "action-plan", "--as-of", AS_OF, cwd=register.path).stdout
    assert "only a title" in plan  # an action with no source still shows
    assert "ACT-3" in plan and "Actions whose source is missing" in plan
    assert "../../etc/passwd is outside the register" in plan


def test_readme_command_end_to_end(fixture_register: Path, cli: Any, tmp_path: Path) -> None:
    """`govtool -C REGISTER report all --as-of DATE -o reports/`: -o is taken from -C's folder,
    as every other command's -o is (it used to be taken from where you stand, for this one only)."""
    here = tmp_path / "work"
    here.mkdir()
    done = cli.subprocess("-C", fixture_register, "report", "all", "--as-of", "26/11/2026", "-o", "reports/", cwd=here)
    assert done.returncode == 1 and LEFT_OUT in done.stderr, done.stderr  # the fixture's ACT-BROKEN
    assert (fixture_register / "reports" / "action-plan.html").is_file()
    assert not (here / "reports").exists()
    assert len(done.stdout.splitlines()) == 14  # 4 reports × 3 formats, and the plan and momentum as .docx
    iso = cli("report", "momentum", "--format", "json", "--as-of", AS_OF, cwd=fixture_register).stdout
    assert (fixture_register / "reports" / "momentum.json").read_text() == iso  # UK and ISO dates agree


def test_an_empty_risk_register_says_so(register: Any, cli: Any) -> None:
    """Not a table of headers with nothing under them."""
    for fmt in ("html", "markdown"):
        result = cli("report", "risks", "--format", fmt, "--as-of", AS_OF, cwd=register.path)
        assert result.exit_code == 0, result.output
        assert "No risks recorded." in result.stdout
        assert "Last review" not in result.stdout


def test_a_finding_an_unreadable_action_may_answer_is_not_called_unanswered(fixture_register: Path, cli: Any) -> None:
    """A manager's trial: one stray ':' in an action made the plan tell the inspector 'No action
    recorded for this finding' and count the finding among those with no action."""
    (fixture_register / "actions" / "ACT-BROKEN.yaml").write_text(
        "id: ACT-BROKEN\nsource: SRC-CQC1\nfinding: F3\ntitle: Life histories: typed in a text editor: oops\n",
        encoding="utf-8")
    plan = cli("report", "action-plan", "--as-of", AS_OF, "--format", "markdown", cwd=fixture_register).stdout
    assert ("**⚠ No action can be shown for this finding:** actions/ACT-BROKEN.yaml, which may answer it, could "
            "not be read. Run `govtool lint` to see why.") in plan
    assert "No action recorded for this finding" not in plan
    assert "- **0** of 3 findings with no action recorded" in plan
    html = cli("report", "action-plan", "--as-of", AS_OF, "--format", "html", cwd=fixture_register).stdout
    assert "No action can be shown for this finding: actions/ACT-BROKEN.yaml, which may answer it" in html
