"""The edit lock itself (govtool/support/lockfile.py): an operating-system lock while held, gone
after; a soft lock where the system has none, which a second holder waits for and which says
which file to delete when a crash left it behind."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from govtool.register.edit import register_lock
from govtool.support import lockfile
from govtool.support.errors import GovtoolError


def _free(path: Path) -> bool:
    """Whether another open file description can take ``path``'s flock right now."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops a lock taken here
    return True


def test_the_register_lock_is_an_os_lock_while_held_and_free_after(tmp_path: Path) -> None:
    lock = tmp_path / ".git" / "govtool.lock"
    with register_lock(lock.parent):
        assert lock.is_file() and not _free(lock)
    assert _free(lock)
    assert not (tmp_path / ".git" / "govtool.lock.held").exists()  # no marker where the system locks


def test_without_posix_locks_a_marker_stands_in_and_a_second_holder_waits_for_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lockfile, "_fcntl", lambda: None)  # as on a system without fcntl
    marker = tmp_path / "govtool.lock.held"
    with register_lock(tmp_path):
        assert marker.read_text() == f"{os.getpid()}\n"
        with pytest.raises(GovtoolError) as held, lockfile.soft_lock(tmp_path / "govtool.lock", patience=0.1):
            pass
        assert f"delete {marker}" in str(held.value)
    assert not marker.exists()
    with lockfile.soft_lock(tmp_path / "govtool.lock", patience=0.1):  # free again
        assert marker.exists()


def test_a_file_system_without_flock_falls_back_to_the_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lockfile, "_fcntl", lambda: SimpleNamespace(flock=refuse, LOCK_EX=2, LOCK_UN=8))
    with register_lock(tmp_path):
        assert (tmp_path / "govtool.lock.held").exists()
    assert not (tmp_path / "govtool.lock.held").exists()


def test_another_flock_error_is_not_taken_for_a_missing_flock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(fd: int, operation: int) -> None:
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(lockfile, "_fcntl", lambda: SimpleNamespace(flock=refuse, LOCK_EX=2, LOCK_UN=8))
    with pytest.raises(OSError) as failed, register_lock(tmp_path):
        pass
    assert failed.value.errno == errno.EBADF and not (tmp_path / "govtool.lock.held").exists()
