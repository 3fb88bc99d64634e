"""Writers and planted files: a link, a pipe or a device that someone put where govtool
writes (a name committed into the register, a file left in .git/govtool) is never followed,
never blocks a command and never receives what govtool writes."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from tests.cli.conftest import MILESTONE

VICTIM_TEXT = "the user's own file\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text(VICTIM_TEXT, encoding="utf-8")
    return path


def test_xlsx_export_never_writes_through_a_committed_link(plan, victim: Path) -> None:
    """The old writer used the fixed name '.plan.xlsx.tmp': a link committed there was followed."""
    for name in (".plan.xlsx.tmp", ".plan.xlsx", "plan.xlsx.tmp"):
        (plan.root / name).symlink_to(victim)
    plan.repo.commit("Plant links", date="2026-03-11")
    result = plan.run("export", "--format", "xlsx", "-o", "plan.xlsx")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert openpyxl.load_workbook(plan.root / "plan.xlsx").active.max_row == 2
    assert os.readlink(plan.root / ".plan.xlsx.tmp") == str(victim)
    assert not [p for p in plan.root.iterdir() if p.name.startswith(".plan.xlsx.") and p.name != ".plan.xlsx.tmp"]


@pytest.mark.parametrize("command", [
    ("export", "--format", "xlsx"), ("export", "--format", "csv"), ("export", "--format", "json"),
    ("report", "action-plan", "--format", "html"),  # '.file' names no format: --format says which
])
def test_an_output_that_is_a_link_is_replaced_not_written_through(plan, victim: Path, command: tuple[str, ...]) -> None:
    target = plan.root / "out.file"
    target.symlink_to(victim)
    result = plan.run(*command, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert target.is_file() and not target.is_symlink()


def test_an_edit_never_writes_through_a_link_beside_the_record(plan, victim: Path) -> None:
    record = plan.root / "actions" / f"{plan.action}.yaml"
    for name in (f".{record.name}.tmp", f"{record.name}.tmp", f".{record.name}"):
        (record.parent / name).symlink_to(victim)
    result = plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE, "--by", "jane.smith")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert "Audit tool agreed" in record.read_text(encoding="utf-8")


def _plant(path: Path, what: str, victim: Path) -> None:
    path.unlink(missing_ok=True)
    if what == "fifo":
        os.mkfifo(path)
    elif what == "device":
        path.symlink_to("/dev/zero")  # a device cannot be made without privileges: reach one by a link
    else:
        path.symlink_to(victim)


@pytest.mark.parametrize("what", ["fifo", "device", "link"])
def test_the_lock_file_must_be_a_plain_file(plan, victim: Path, what: str) -> None:
    lock = plan.root / ".git" / "govtool.lock"
    _plant(lock, what, victim)
    before = (plan.root / "actions" / f"{plan.action}.yaml").read_bytes()
    result = plan.run("update", plan.action, "--note", "Re-audit begun", *MILESTONE, "--by", "jane.smith")
    assert result.exit_code == 2
    assert "lock file is not a plain file" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (plan.root / "actions" / f"{plan.action}.yaml").read_bytes() == before
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


def test_the_lock_of_a_register_outside_git_must_be_a_plain_file(plan, cli, victim: Path) -> None:
    import shutil

    outside = plan.root.parent / "no-git"
    shutil.copytree(plan.root, outside, ignore=shutil.ignore_patterns(".git"))
    (outside / ".govtool").mkdir()
    os.mkfifo(outside / ".govtool" / "govtool.lock")
    result = cli("update", plan.action, "--note", "Re-audit begun", *MILESTONE, "--by", "jane.smith", cwd=outside)
    assert result.exit_code == 2 and "lock file is not a plain file" in result.output


@pytest.mark.parametrize("what", ["fifo", "device", "link"])
def test_planted_cache_files_are_ignored_and_replaced(plan, victim: Path, what: str) -> None:
    first = plan.run("lint", "--format", "json")
    caches = [p for p in (plan.root / ".git" / "govtool").rglob("*") if p.is_file()]
    assert len(caches) >= 3  # history cache and digest, parse-cache shards, verdicts
    for path in caches:
        _plant(path, what, victim)
    again = plan.run("lint", "--format", "json")
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert all(path.is_file() and not path.is_symlink() for path in caches if path.exists())


@pytest.mark.parametrize("given", [".git/config", "govtool.yaml", "evidence/../.git/HEAD", "evidence/settings"])
def test_evidence_into_git_or_at_the_settings_is_refused(plan, given: str) -> None:
    (plan.root / "evidence").mkdir()
    (plan.root / "evidence" / "settings").symlink_to(plan.root / "govtool.yaml")
    before = plan.action_text()
    result = plan.run("complete", plan.action, "--change", "MAR completeness 82% -> 99%", "--evidence", given)
    assert result.exit_code == 2, result.output
    assert "Git's own folder" in result.output or "settings file" in result.output
    assert plan.action_text() == before


def test_lint_reports_evidence_that_leads_into_git_or_the_settings(plan) -> None:
    import json

    (plan.root / "evidence").mkdir()
    (plan.root / "evidence" / "audit.csv").write_text("week,score\n1,99\n", encoding="utf-8")
    (plan.root / "evidence" / "hooks").symlink_to(plan.root / ".git" / "hooks")
    result = plan.run("complete", plan.action, "--change", "MAR completeness 82% -> 99%",
                      "--evidence", "evidence/audit.csv")
    assert result.exit_code == 0, result.output
    path = plan.root / "actions" / f"{plan.action}.yaml"
    text = path.read_text(encoding="utf-8")
    planted = ["evidence/audit.csv", ".git/config", "govtool.yaml", ".Git/HEAD", "evidence/hooks/pre-commit.sample"]
    line = next(line for line in text.splitlines() if line.strip() == "- path: evidence/audit.csv")
    indent = line[: line.index("-")]
    text = text.replace(line, "\n".join(f"{indent}- path: {p}" for p in planted), 1)
    path.write_text(text, encoding="utf-8")
    out = json.loads(plan.run("lint", "--format", "json").output)
    problems = out["problems"] if isinstance(out, dict) else out
    flagged = sorted(p["message"].split()[2] for p in problems if p["rule"] == "evidence-outside-register")
    assert flagged == sorted(planted[1:])


@pytest.mark.parametrize("what", ["fifo", "device"])
def test_a_plan_number_typed_for_an_id_is_looked_up_without_waiting_on_a_planted_file(plan, victim: Path,
                                                                                     what: str) -> None:
    # The did-you-mean for a plan's own number reads the head of every action file: a named pipe
    # or a device among them is passed over, not read (a pipe would wait for ever, a device
    # never end).
    _plant(plan.root / "actions" / "ACT-PIPE00.yaml", what, victim)
    result = plan.cli.subprocess("show", "1.2", cwd=plan.root)
    assert result.returncode == 2
    assert result.stderr.startswith("govtool: error: '1.2' is not a record ID")
