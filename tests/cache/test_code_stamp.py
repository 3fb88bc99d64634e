"""The lint memo's version: any change to govtool's own files is seen from their stat signatures."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import govtool
from govtool.cache import store


def test_a_source_file_rewritten_changes_the_stamp_even_with_its_size_and_time_put_back(
        tmp_path: Path, monkeypatch: Any) -> None:
    package = tmp_path / "govtool"
    (package / "lint").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    rule = package / "lint" / "rule.py"
    rule.write_text("LIMIT = 14\n")
    (package / "lint" / "notes.txt").write_text("not a source file")
    monkeypatch.setattr(govtool, "__file__", str(package / "__init__.py"))
    stamp = store.code_stamp.__wrapped__  # type: ignore[attr-defined]  # not the process's cached one

    first = stamp()
    assert stamp() == first
    (package / "lint" / "notes.txt").write_text("still not a source file")
    assert stamp() == first
    before = rule.stat()
    time.sleep(0.02)  # past the file system clock's tick (a few ms), which change times are stamped with
    rule.write_text("LIMIT = 28\n")  # same size; then the same modification time
    os.utime(rule, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert stamp() != first
    second = stamp()
    (package / "lint" / "new_rule.py").write_text("")
    assert stamp() != second
