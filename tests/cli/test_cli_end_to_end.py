"""The whole lifecycle as a user runs it: separate govtool processes on a fresh register."""

from __future__ import annotations

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import yaml

from tests.cli.conftest import MILESTONE


def run(cli, cwd, *args):
    done = cli.subprocess(*args, cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" or not done.stderr.startswith("govtool: error"), done.stderr
    return done.stdout


def test_init_to_close_in_separate_processes(tmp_path, cli) -> None:
    run(cli, tmp_path, "init", "home", "--provider", "Willowbrook Care Ltd", "--location", "Willowbrook House",
        "--auto-commit")
    root = tmp_path / "home"
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text().replace("people: {}", (
        "people:\n"
        "  jane.smith: {name: Jane Smith, role: Registered Manager}\n"
        "  sam.patel: {name: Sam Patel, role: Deputy Manager}\n")))
    source = run(cli, root, "new", "source", "--type", "inspection_report", "--title", "CQC inspection, March 2026",
                 "--date", "02/03/2026", "--finding", "Medicines were not managed safely.", "--regulation", "12"
                 ).splitlines()[-1]
    action = run(cli, root, "new", "action", "--title", "Weekly audit of 10 MAR charts", "--source", source,
                 "--finding", "F1", "--owner", "Sam Patel", "--due", "31/12/2030").splitlines()[-1]
    run(cli, root, "update", action, "--note", "Audit tool agreed", *MILESTONE, "--by", "sam.patel")
    run(cli, root, "redate", action, "--to", "2031-03-31", "--reason", "supplier delay", "--by", "jane.smith")
    (root / "evidence" / "audit.csv").write_text("week,score\n1,99\n")
    run(cli, root, "complete", action, "--change", "MAR completeness 82% -> 99%", "--evidence", "evidence/audit.csv",
        "--by", "sam.patel")
    run(cli, root, "close", action, "--note", "Checked at the April governance meeting", "--by", "jane.smith")

    log = run(cli, root, "show", action)
    assert "closed by Jane Smith: Checked at the April governance meeting" in log
    subjects = log.split("Timeline (from Git)\n")[1].splitlines()
    assert [line.split("  ")[-1] for line in subjects] == [
        "created",
        "status open → in_progress; progress note added",
        "re-dated 2030-12-31 → 2031-03-31 (supplier delay)",
        "completed",
        "closed",
    ]
    subjects = subprocess.run(["git", "log", "--reverse", "--format=%s"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.splitlines()
    assert subjects[-5:] == [
        f'{action}: created "Weekly audit of 10 MAR charts"',
        f"{action}: progress note",
        f"{action}: re-dated to 2031-03-31 (supplier delay)",
        f"{action}: completed",
        f"{action}: closed",
    ]
    data = yaml.safe_load((root / "actions" / f"{action}.yaml").read_text())
    assert data["status"] == "closed" and data["owner"] == "sam.patel"
    (row,) = json.loads(run(cli, root, "list", "--format", "json", "--status", "closed"))
    assert row["id"] == action and row["rag"] == "Blue" and row["times_redated"] == 1



def test_concurrent_updates_from_separate_processes_all_survive(plan) -> None:
    """The register lock serialises edits: six notes written at once are six notes in the file."""
    notes = [f"Weekly audit {n}" for n in range(1, 7)]
    with ThreadPoolExecutor(max_workers=len(notes)) as pool:
        results = list(pool.map(
            lambda note: plan.cli.subprocess("update", plan.action, "--note", note, *MILESTONE, "--commit", cwd=plan.root), notes))
    assert [r.returncode for r in results] == [0] * len(notes), [r.stderr for r in results]
    data = yaml.safe_load(plan.action_text())
    assert sorted(u["note"] for u in data["updates"]) == notes
    assert plan.repo.log().count(f"{plan.action}: progress note") == len(notes)
