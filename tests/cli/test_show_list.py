"""govtool show (links both ways, trail, Git timeline) and govtool list (filters, formats)."""

from __future__ import annotations

import csv
import io
import json

from tests.cli.conftest import MILESTONE


def child_of(plan):
    result = plan.run("new", "action", "--title", "Train night staff on the MAR audit tool", "--parent", plan.action,
                      "--owner", "sam.patel", "--due", "2030-06-30")
    return result.output.strip().splitlines()[-1]


def test_show_action_links_to_source_finding_parent_and_sub_actions(plan) -> None:
    child = child_of(plan)
    plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--commit")
    plan.run("redate", plan.action, "--to", "2031-03-31", "--reason", "new e-MAR supplier", "--commit")
    shown = plan.run("show", plan.action)
    assert shown.exit_code == 0, shown.output
    text = shown.output
    assert f"source:      {plan.source}  CQC inspection report, March 2026 (inspection_report, 2026-03-02)" in text
    assert "finding:     F1 (regulation 12): The provider did not ensure medicines were managed safely." in text
    assert "owner:       Jane Smith (Registered Manager) [jane.smith]" in text
    assert f"{child}  open  due 2030-06-30  Sam Patel  Train night staff" in text
    assert "re-dated 2030-12-31 -> 2031-03-31 by Test Author: new e-MAR supplier" in text
    assert "progress note by Test Author: Audit tool agreed" in text
    timeline = text.split("Timeline (from Git)\n", 1)[1].splitlines()
    assert timeline[0].endswith("Test Author  created")
    assert timeline[-1].endswith("re-dated 2030-12-31 → 2031-03-31 (new e-MAR supplier)")
    child_text = plan.run("show", child).output
    assert f"parent:      {plan.action}  open" not in child_text  # the parent is in progress now
    assert f"parent:      {plan.action}  in progress  due 2031-03-31  Jane Smith" in child_text
    assert "(never committed)" in child_text


def test_show_source_lists_each_finding_with_the_actions_answering_it(plan) -> None:
    text = plan.run("show", plan.source).output
    f1, f2 = text.split("Findings\n", 1)[1].split("  F2 ")
    assert plan.action in f1 and "Weekly audit of 10 MAR charts" in f1
    assert "no action answers this finding yet" in f2
    assert "reference:   INS2-1234" in text


def test_show_risk_has_controls_pending_actions_and_score_history(register, cli) -> None:
    register.write("risks/RSK-MEDS.yaml", """
        id: RSK-MEDS
        title: Medication errors cause harm
        owner: jane.smith
        inherent: {likelihood: 4, consequence: 4}
        residual: {likelihood: 3, consequence: 4}
        controls:
          - id: C1
            description: Weekly MAR audit
            effectiveness: inadequate
        reviews:
          - date: 2026-10-01
            by: jane.smith
            likelihood: 3
            consequence: 4
            note: Two omissions in September.
    """)
    action = cli("new", "action", "--title", "Make the MAR audit weekly", "--risk", "RSK-MEDS", "--control", "C1",
                 "--owner", "sam.patel", "--due", "2030-01-31", cwd=register.path).output.strip().splitlines()[-1]
    text = cli("show", "RSK-MEDS", cwd=register.path).output
    assert "inherent:    16 extreme (likely x major)" in text
    assert "residual:    12 high (possible x major)" in text
    assert "C1 (inadequate): Weekly MAR audit" in text
    pending = text.split("Actions pending\n", 1)[1].split("Score history")[0]
    assert action in pending
    assert "2026-10-01  12 high (possible x major) (Jane Smith): Two omissions in September." in text
    assert "control:     C1  Weekly MAR audit (inadequate)" in cli("show", action, cwd=register.path).output


def test_show_unknown_id_suggests_and_exits_2(plan) -> None:
    result = plan.run("show", plan.action[:-1] + ("X" if plan.action[-1] != "X" else "Y"))
    assert result.exit_code == 2
    assert f"did you mean {plan.action}?" in result.output


def test_list_filters_by_status_owner_source_type_overdue_and_due_before(plan) -> None:
    late = plan.run("new", "action", "--title", "Fix the consent form", "--source", plan.source, "--finding", "F2",
                    "--owner", "Sam Patel", "--due", "2026-12-01", "--created", "2026-03-10").output.strip().splitlines()[-1]
    table = plan.run("list").output.splitlines()
    assert table[0].split() == ["ID", "STATUS", "DUE", "OWNER", "TITLE"]
    assert [line.split()[0] for line in table[1:]] == [late, plan.action]  # soonest due first

    def ids(*options: str) -> list[str]:
        result = plan.run("list", "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return [row["id"] for row in json.loads(result.output)]

    assert ids("--owner", "sam patel") == [late]
    assert ids("--owner", "jane.smith") == [plan.action]
    assert ids("--overdue", "--as-of", "2027-01-01") == [late]
    assert ids("--due-before", "01/01/2027") == [late]
    assert ids("--source-type", "inspection_report") == [late, plan.action]
    assert ids("--source-type", "complaint") == []
    assert ids("--source", plan.source, "--status", "open") == [late, plan.action]
    plan.run("update", plan.action, "--note", "started", *MILESTONE)
    assert ids("--status", "in_progress") == [plan.action]
    assert ids("--status", "open", "--status", "in_progress") == [late, plan.action]
    overdue = plan.run("list", "--as-of", "2027-01-01").output
    assert "open (overdue)" in overdue


def test_list_table_truncates_titles_and_csv_has_headers(plan) -> None:
    rows = list(csv.DictReader(io.StringIO(plan.run("list", "--format", "csv").output)))
    assert rows[0]["ID"] == plan.action and rows[0]["Owner"] == "Jane Smith"
    bad = plan.run("list", "--status", "done")
    assert bad.exit_code == 2 and "--status 'done' is not one of: open, in_progress" in bad.output


def test_list_titles_are_cut_to_the_terminal_width(plan) -> None:
    import datetime as dt

    from govtool.register.load import load_register
    from govtool.views.listing import action_table

    register = load_register(plan.root)
    lines = action_table(register, list(register.actions.values()), dt.date(2026, 11, 26), width=70)
    assert all(len(line) <= 70 for line in lines[1:])
    assert lines[1].endswith("…")
    wide = action_table(register, list(register.actions.values()), dt.date(2026, 11, 26), width=200)
    assert wide[1].endswith("Weekly audit of 10 MAR charts, reported to governance")


def test_list_sources_and_risks(plan) -> None:
    plan.repo.write("risks/RSK-1.yaml", """\
        id: RSK-1
        title: Medication errors harm residents because MAR charts are not checked
        owner: jane.smith
        inherent: {likelihood: 4, consequence: 4}
        residual: {likelihood: 3, consequence: 4}
        controls:
          - {id: C1, description: Weekly MAR audit, effectiveness: inadequate}
        """)
    sources = plan.run("list", "sources")
    assert sources.exit_code == 0, sources.output
    header, row = sources.stdout.splitlines()
    assert header.split() == ["ID", "TYPE", "DATE", "FINDINGS", "NO", "ACTION", "ACTIVE", "TITLE"]
    assert row.split()[:6] == [plan.source, "inspection_report", "2026-03-02", "2", "1", "1"]  # F2 has no action
    risks = plan.run("list", "risks", "--owner", "Jane Smith")
    assert risks.exit_code == 0, risks.output
    assert risks.stdout.splitlines()[1].split()[:5] == ["RSK-1", "12", "high", "16", "1"]
    rows = json.loads(plan.run("list", "risks", "--format", "json").stdout)
    assert rows[0]["id"] == "RSK-1" and rows[0]["unanswered_controls"] == 1 and rows[0]["owner_name"] == "Jane Smith"
    csv_text = plan.run("list", "sources", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,type,date,reference,findings,unanswered")
    assert plan.run("list", "risks", "--owner", "sam.patel").stderr == "No risks match.\n"
    assert plan.run("list", "actions").stdout == plan.run("list").stdout


def test_list_options_that_do_not_apply_are_refused(plan) -> None:
    result = plan.run("list", "sources", "--status", "open")
    assert (result.exit_code, result.stderr) == (2, "govtool: error: --status does not apply to 'govtool list sources'\n")
    assert plan.run("list", "things").exit_code == 2


def _trail(text: str) -> list[str]:
    return text.split("Trail\n", 1)[1].split("\n\n", 1)[0].splitlines()


def test_show_lists_one_days_trail_in_the_order_it_was_written(plan) -> None:
    """A re-date then a note on one day read re-date first; a note then a re-date, note first."""
    plan.run("redate", plan.action, "--to", "2031-03-31", "--reason", "new e-MAR supplier", "--commit")
    plan.run("update", plan.action, "--note", "Audit tool agreed with the new supplier", *MILESTONE, "--commit")
    trail = _trail(plan.run("show", plan.action).output)
    assert ["re-dated" in trail[0], "progress note" in trail[1]] == [True, True], trail
    plan.run("update", plan.action, "--note", "First weekly audit booked", "--commit")
    plan.run("redate", plan.action, "--to", "2031-06-30", "--reason", "supplier training moved to April", "--commit")
    trail = _trail(plan.run("show", plan.action).output)
    entries = [line for line in trail if not line.startswith("    ")]  # not a note's next milestone below it
    assert [line.split("  ", 2)[2].split(" ")[0] for line in entries] == ["re-dated", "progress", "progress", "re-dated"]
