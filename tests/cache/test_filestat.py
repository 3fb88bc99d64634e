"""A file's stat signature, taken one file at a time or for a folder's files in one loop: the
two must agree, since the backlinks index takes the second and compares with what it stored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govtool.cache.filestat import signatures_in, stat_signature


def test_a_folders_signatures_are_each_files_signature(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text("id: ACT-OLD\n", encoding="utf-8")
    os.utime(tmp_path / "old.yaml", ns=(10**18, 10**18))  # modified long ago (its change time is now)
    (tmp_path / "new.yaml").write_text("id: ACT-NEW\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "old.yaml")
    (tmp_path / "folder.yaml").mkdir()
    names = ["old.yaml", "new.yaml", "link.yaml", "folder.yaml"]
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for started_ns, racy_ns in ((10**20, 0), (10**20, 10**20), (0, 0)):
            one_by_one = [stat_signature(os.lstat(tmp_path / name), started_ns, racy_ns) for name in names]
            assert signatures_in(fd, names, started_ns, racy_ns) == one_by_one
        old, new, link, folder = signatures_in(fd, names, 10**20, 0)
        assert old is not None and new is not None  # regular, old enough
        assert link is None and folder is None  # never trusted by stat
        with pytest.raises(FileNotFoundError):
            signatures_in(fd, ["gone.yaml"], 10**20, 0)
    finally:
        os.close(fd)
