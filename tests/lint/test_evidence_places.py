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


def _evidence_files(root: Path, folder: str, count: int) -> list[str]:
    (root / folder).mkdir(parents=True)
    names = [f"{folder}/audit-{n}.pdf" for n in range(count)]
    for name in names:
        (root / name).write_bytes(b"%PDF")
    return names


def _count_lstats(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The paths ``os.lstat`` is asked about from now on (no path is ever resolved)."""
    calls: list[Any] = []
    real_lstat = os.lstat

    def counting_lstat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        calls.append(path)
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counting_lstat)
    monkeypatch.setattr(links, "real_path", lambda path: pytest.fail(f"resolved {path}"))
    return calls


def test_plain_files_cost_one_lstat_each_and_one_per_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "register"
    names = _evidence_files(root, "evidence/2026/audits", 60)
    calls = _count_lstats(monkeypatch)
    monkeypatch.setattr(links, "LISTED_FROM", 10 ** 9)
    assert set(places_of(root, names).values()) == {PRESENT}
    assert len(calls) <= len(names) + 3  # each file, and evidence/, 2026/, audits/ once


def test_a_folder_of_many_evidence_files_is_listed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "register"
    names = _evidence_files(root, "evidence/audits", 200)
    calls = _count_lstats(monkeypatch)
    assert set(places_of(root, names).values()) == {PRESENT}
    assert len(calls) == 2  # evidence/ and audits/: the files are known from the folder's listing


def test_a_listed_folder_gives_the_answers_looking_one_by_one_gives(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Links, folders, missing and differently written names in a listed folder."""
    root = tmp_path / "register"
    folder = root / "evidence"
    (folder / "sub").mkdir(parents=True)
    (root / "govtool.yaml").write_text("provider: Test\n")
    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF")
    for n in range(12):
        (folder / f"plain-{n}.pdf").write_bytes(b"%PDF")
    (folder / "out.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    (folder / "inside.pdf").symlink_to(folder / "plain-0.pdf")
    (folder / "settings.yaml").symlink_to(root / "govtool.yaml")
    (folder / "broken.pdf").symlink_to(folder / "nothing.pdf")
    (root / "linked").symlink_to(folder)
    paths = [*(f"evidence/plain-{n}.pdf" for n in range(12)), "evidence/out.pdf", "evidence/inside.pdf",
             "evidence/settings.yaml", "evidence/broken.pdf", "evidence/sub", "evidence/missing.pdf",
             "evidence/PLAIN-1.PDF", "evidence/plain-1.pdf/x", "evidence/./plain-2.pdf", "evidence//plain-3.pdf",
             *(f"linked/plain-{n}.pdf" for n in range(12)), "linked/out.pdf", "c:evidence/plain-4.pdf"]
    listed = places_of(root, paths)
    monkeypatch.setattr(links, "LISTED_FROM", 10 ** 9)
    assert listed == places_of(root, paths)
    assert listed["evidence/plain-5.pdf"] == PRESENT and listed["evidence/out.pdf"] == OUTSIDE
    assert listed["evidence/inside.pdf"] == PRESENT and listed["evidence/settings.yaml"] == NOT_EVIDENCE
    assert listed["linked/plain-5.pdf"] == PRESENT and listed["evidence/missing.pdf"] == MISSING
