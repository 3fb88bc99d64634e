"""Two govtool processes editing one register at once lose neither change.

The edit lock (register_lock on a file in .git, see govtool/services/edits.py) is held from the read
of the record to the write (and the commit), so the second process reads the first one's
result instead of the file both started from. These tests use real processes started
together, many times, and a lock held by the test itself to show the edit waits for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from govtool.register.edit import register_lock
from govtool.register.load import load_register
from govtool.support.gitrepo import lock_folder
from tests.conftest import PROJECT_ROOT, GitRepo

ROUNDS = 6
ACTION = """\
# hand-written comment
id: ACT-LOCK
title: Record every night check on the falls chart
risk: RSK-LOCK
control: C1
owner: jane.smith
created: 2026-01-05
due: 2026-06-30
status: in_progress
measure:
  target: 10 of 10 nights recorded
"""
RISK = """\
id: RSK-LOCK
title: Falls on the stairs at night
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Night checks every 2 hours, effectiveness: partial}
"""


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "govtool", "-C", str(root), *args], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _finish(process: subprocess.Popen[str]) -> None:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err


def test_two_updates_at_once_keep_both_notes(register: GitRepo) -> None:
    register.write("actions/ACT-LOCK.yaml", ACTION)
    register.write("risks/RSK-LOCK.yaml", RISK)
    register.commit("Add the action")
    expected = []
    for round_number in range(ROUNDS):
        notes = [f"Round {round_number}: night {side} recorded" for side in ("A", "B")]
        expected += notes
        both = [_start(register.path, "update", "ACT-LOCK", "--note", note, "--by", "jane.smith", "--commit")
                for note in notes]
        for process in both:
            _finish(process)
    loaded = load_register(register.path)
    assert loaded.problems == []
    kept = [u.note for u in loaded.actions["ACT-LOCK"].updates]
    assert sorted(kept) == sorted(expected), "an update was lost"
    assert "# hand-written comment" in (register.path / "actions/ACT-LOCK.yaml").read_text()
    assert len(register.log()) == 2 + 2 * ROUNDS  # every change committed, none swallowed


def test_two_reviews_at_once_keep_both(register: GitRepo) -> None:
    register.write("risks/RSK-LOCK.yaml", RISK)
    register.commit("Add the risk")
    rounds = 3
    for round_number in range(rounds):
        both = [_start(register.path, "review", "RSK-LOCK", "--likelihood", str(score), "--consequence", "4",
                       "--note", f"Round {round_number} review {score}", "--by", "jane.smith", "--no-commit")
                for score in (2, 3)]
        for process in both:
            _finish(process)
    reviews = load_register(register.path).risks["RSK-LOCK"].reviews
    assert len(reviews) == 2 * rounds


def test_an_edit_waits_for_the_lock_and_reads_after_it(register: GitRepo) -> None:
    """While another holder has the lock, an update neither reads nor writes; then it does both."""
    path = register.write("actions/ACT-LOCK.yaml", ACTION)
    register.write("risks/RSK-LOCK.yaml", RISK)
    register.commit("Add the action")
    with register_lock(lock_folder(register.path)):
        process = _start(register.path, "update", "ACT-LOCK", "--note", "Waited for the lock", "--by", "jane.smith",
                         "--no-commit")
        time.sleep(2.0)
        assert process.poll() is None, "the update did not wait for the lock"
        # a change made while holding the lock must be seen by the waiting process
        path.write_text(ACTION + "description: added while the lock was held\n")
    _finish(process)
    text = path.read_text()
    assert "description: added while the lock was held" in text, "the update wrote from a stale read"
    assert "Waited for the lock" in text


def test_editing_a_file_with_conflict_markers_is_refused_in_one_line(register: GitRepo) -> None:
    conflicted = ACTION.replace("due: 2026-06-30\n", "<<<<<<< HEAD\ndue: 2026-06-30\n=======\ndue: 2026-09-30\n>>>>>>> b\n")
    register.write("risks/RSK-LOCK.yaml", RISK)
    path = register.write("actions/ACT-LOCK.yaml", conflicted)
    before = path.read_bytes()
    process = _start(register.path, "update", "ACT-LOCK", "--note", "Re-audit begun", "--by", "jane.smith", "--no-commit")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err.count("\n") == 1 and "merge-conflict marker" in err and "actions/ACT-LOCK.yaml:8" in err, err
    assert path.read_bytes() == before
