"""The slips momentum counts, read from Git (``govtool.history.slips``), and the small file that
keeps them for a tip: read again only when the tip moves, never trusted when it is damaged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govtool.history.cache import VERSION
from govtool.history.slips import slips
from tests.conftest import GitRepo
from tests.history.helpers import action, redate

DAY = dt.date(2026, 6, 1)


def _slipped(root: Path, as_of: dt.date = DAY, past: bool = True) -> list[tuple[str, str | None, str]]:
    return [(s.record, s.day.isoformat() if s.day else None, s.seen_in) for s in slips(root, as_of, past)]


def _slips_file(reg: GitRepo) -> Path:
    [path] = (reg.path / ".git" / "govtool").glob(f"history-slips-v{VERSION}-*.json")
    return path


def test_each_move_is_its_commit_and_the_file_follows_the_tip(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.write("actions/ACT-2.yaml", action("ACT-2", due="2026-04-30",
                                           redates=[redate("2026-01-20", "2026-03-31", "2026-04-30")]))
    reg.commit("Two actions", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("Move ACT-1 by hand", date="2026-03-05")
    first = [("ACT-2", "2026-01-20", "entry"), ("ACT-1", "2026-03-05", "commit")]
    assert _slipped(reg.path) == first
    kept = _slips_file(reg).read_bytes()
    assert _slipped(reg.path) == first and _slips_file(reg).read_bytes() == kept  # read, not rewritten
    reg.write("actions/ACT-2.yaml", action("ACT-2", due="2026-05-31", redates=[
        redate("2026-01-20", "2026-03-31", "2026-04-30"), redate("2026-03-10", "2026-04-30", "2026-05-31")]))
    reg.commit("Re-date ACT-2, typed up late", date="2026-04-15")
    assert _slipped(reg.path) == [*first, ("ACT-2", "2026-04-15", "commit")]
    assert _slipped(reg.path, dt.date(2026, 4, 14)) == first


def test_a_damaged_slips_file_is_read_again_from_git(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    reg.commit("Move ACT-1 by hand", date="2026-03-05")
    expected = _slipped(reg.path)
    path = _slips_file(reg)
    path.write_bytes(path.read_bytes().replace(b"ACT-1", b"ACT-9"))  # the checksum no longer matches
    assert _slipped(reg.path) == expected


def test_uncommitted_moves_are_todays(reg: GitRepo) -> None:
    reg.write("actions/ACT-1.yaml", action())
    reg.commit("ACT-1", date="2026-02-01")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    assert _slipped(reg.path) == []
    assert _slipped(reg.path, DAY, past=False) == [("ACT-1", None, "working")]
    reg.git("add", "-A")
    assert _slipped(reg.path, DAY, past=False) == [("ACT-1", None, "staged")]
