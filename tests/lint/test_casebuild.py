"""The case builder makes real registers, with real dated commits for history-rule cases."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from tests.lint.casebuild import Case, build


def test_commits_are_real_and_dated_and_case_files_stay_uncommitted(tmp_path: Path) -> None:
    case = Case(
        rule="overdue", name="history", expect="pass", today=dt.date(2026, 11, 26),
        commits=[
            {"date": "2026-03-01", "message": "Add an action",
             "files": {"actions/ACT-H.yaml": "id: ACT-H\ndue: 2026-04-30\n"}},
            {"date": dt.date(2026, 4, 2), "message": "Move the date",
             "files": {"actions/ACT-H.yaml": "id: ACT-H\ndue: 2026-06-30\n"}},
        ],
        files={"actions/ACT-H.yaml": "id: ACT-H\ndue: 2026-09-30\n", "actions/ACT-BASE2.yaml": None},
    )
    root = build(case, tmp_path / "reg")

    log = subprocess.run(["git", "log", "--format=%ad %s", "--date=short"], cwd=root,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert log == ["2026-04-02 Move the date", "2026-03-01 Add an action", "2026-03-01 Base register"]
    committed = subprocess.run(["git", "show", "HEAD:actions/ACT-H.yaml"], cwd=root,
                               capture_output=True, text=True, check=True).stdout
    assert "2026-06-30" in committed
    assert "2026-09-30" in (root / "actions/ACT-H.yaml").read_text()
    assert not (root / "actions/ACT-BASE2.yaml").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    assert " M actions/ACT-H.yaml" in status and " D actions/ACT-BASE2.yaml" in status
