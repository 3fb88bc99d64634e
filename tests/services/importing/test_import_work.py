"""What an import of many rows does per row: no work that grows with the rows already done.

Counted, never timed: an import of N rows once listed the record folders for every new action
(N listings of up to N files) and built a pattern of every new ID for every line of the dry
run's report (N lines x N IDs), which made a 1,500-row plan take most of a minute."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from govtool.services.importing.run import Result

ROWS = 40


def plan_csv(path: Path, rows: int) -> Path:
    lines = ["Finding,Regulation,Action,Lead,By when,Progress update"]
    for number in range(rows):
        note = f"Audit tool agreed for unit {number}" if number % 2 else ""
        lines.append(f"MAR charts had gaps on unit {number // 4},12,Audit 10 MAR charts on unit {number} every week "
                     f"and report the results to the governance meeting,Jane Smith,28/0{number % 3 + 1}/2030,{note}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_lists_the_actions_folder_a_bounded_number_of_times(register: Any, cli: Any, tmp_path: Path,
                                                                     monkeypatch: Any) -> None:
    listings: list[str] = []
    real_listdir, real_scandir = os.listdir, os.scandir

    def listdir(path: Any = ".") -> list[str]:
        listings.append(str(path))  # a path, or a folder's descriptor (never 'actions')
        return real_listdir(path)

    def scandir(path: Any = ".") -> Any:
        listings.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("import", plan_csv(tmp_path / "plan.csv", ROWS), "--source-type", "inspection_report",
                 "--source-date", "14/10/2026", "--by", "jane.smith", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert f"{ROWS} rows would be imported" in result.output
    of_actions = [path for path in listings if Path(path).name == "actions"]
    assert len(of_actions) < 10, len(of_actions)  # a few loads of the register, never one per row


def test_the_dry_runs_report_hides_new_ids_without_a_pattern_per_line(monkeypatch: Any) -> None:
    new_ids = {f"ACT-{n:06d}".translate(str.maketrans("01", "XY")) for n in range(2000)}
    result = Result(rows=[], new_ids=new_ids, show_new_ids=False)
    built: list[object] = []
    real_escape = re.escape
    monkeypatch.setattr(re, "escape", lambda text: built.append(text) or real_escape(text))
    some = sorted(new_ids)[:3]
    lines = [f"row {n}: create action {some[n % 3]} answering SRC-KEEP22 F1" for n in range(500)]
    shown = [result.without_new_ids(line) for line in lines]
    assert shown[0] == "row 0: create action ACT-… answering SRC-KEEP22 F1"  # an existing source keeps its ID
    assert built == []  # no pattern of the 2,000 IDs made for each of the 500 lines


def test_a_dry_run_flushes_nothing_to_disk_and_apply_flushes_what_it_writes(register: Any, cli: Any, tmp_path: Path,
                                                                           monkeypatch: Any) -> None:
    flushed: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append(fd) or real_fsync(fd))
    plan = plan_csv(tmp_path / "plan.csv", 4)
    options = ("--source-type", "inspection_report", "--source-date", "14/10/2026", "--by", "jane.smith")
    dry = cli("import", plan, *options, cwd=register.path)
    assert dry.exit_code == 0, dry.output
    assert flushed == []  # the scratch copy is thrown away
    applied = cli("import", plan, *options, "--apply", cwd=register.path)
    assert applied.exit_code == 0, applied.output
    assert len(flushed) >= 7  # the source, four actions and two progress notes, each flushed before its rename
