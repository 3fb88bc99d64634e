"""Where evidence paths lead, as both evidence rules see it: the plain case (no link on the way)
is known from one ``lstat`` per file and per folder, and gives the answer resolving gives."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from govtool.lint.rules import links
from govtool.lint.rules.links import MISSING, NOT_EVIDENCE, OUTSIDE, PRESENT, places_of


def test_every_kind_of_place(tmp_path: Path) -> None:
    root = tmp_path / "register"
    (root / "evidence" / "2026").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "govtool.yaml").write_text("provider: Test\n")
    (root / "evidence" / "2026" / "audit.pdf").write_bytes(b"%PDF")
    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF")
    (root / "evidence" / "out.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    (root / "evidence" / "settings.yaml").symlink_to(root / "govtool.yaml")
    (root / "evidence" / "loop").symlink_to(root / "evidence" / "loop")
    places = places_of(root, [
        "evidence/2026/audit.pdf", "evidence/2026/missing.pdf", "evidence/nowhere/x.pdf", "evidence/2026",
        "../elsewhere.pdf", "/etc/passwd", "evidence/out.pdf", "evidence/settings.yaml", "evidence/loop",
        ".git/config", "govtool.yaml", "GOVTOOL.YAML", "evidence/2026/audit.pdf/inside", None,
    ])
    assert places == {
        "evidence/2026/audit.pdf": PRESENT, "evidence/2026/missing.pdf": MISSING, "evidence/nowhere/x.pdf": MISSING,
        "evidence/2026": PRESENT, "../elsewhere.pdf": OUTSIDE, "/etc/passwd": OUTSIDE, "evidence/out.pdf": OUTSIDE,
        "evidence/settings.yaml": NOT_EVIDENCE, "evidence/loop": OUTSIDE, ".git/config": NOT_EVIDENCE,
        "govtool.yaml": NOT_EVIDENCE, "GOVTOOL.YAML": NOT_EVIDENCE, "evidence/2026/audit.pdf/inside": MISSING,
    }


def test_plain_files_cost_one_lstat_each_and_one_per_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "register"
    folder = root / "evidence" / "2026" / "audits"
    folder.mkdir(parents=True)
    names = [f"evidence/2026/audits/audit-{n}.pdf" for n in range(60)]
    for name in names:
        (root / name).write_bytes(b"%PDF")
    calls = []
    real_lstat = os.lstat

    def counting_lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        calls.append(path)
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counting_lstat)
    monkeypatch.setattr(links, "real_path", lambda path: pytest.fail(f"resolved {path}"))
    assert set(places_of(root, names).values()) == {PRESENT}
    assert len(calls) <= len(names) + 3  # each file, and evidence/, 2026/, audits/ once
