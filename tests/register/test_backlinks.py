"""The backlinks index finds exactly the records a full load links to a record, however the
files changed behind its back (``review``'s reads are counted in tests/cli/test_bounded_reads.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from govtool.cache.store import read_checked, write_checked
from govtool.register import backlinks
from govtool.register.around import load_around, load_owned
from govtool.register.load import load_register
from govtool.register.safefile import READS
from govtool.register.vocabulary import ACTIVE_STATUSES
from govtool.services.directory import still_owned

RISK = """\
id: RSK-FALLS
title: Residents fall at night
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Sensor mats checked daily, effectiveness: inadequate}
"""


def action(action_id: str, risk: str | None, status: str = "open") -> str:
    link = f"risk: {risk}\ncontrol: C1\n" if risk else ""
    return (f"id: {action_id}\ntitle: Check every sensor mat on Oak unit daily and log the result\n{link}"
            f"owner: jane.smith\npriority: high\ncreated: 2026-01-10\ndue: 2030-06-30\nstatus: {status}\n")


@pytest.fixture
def trusted_at_once() -> Iterator[None]:
    """Files just written count as old enough to be known by their stat (in a test every file is
    seconds old, so otherwise none would be, and the index would never be used)."""
    margin = backlinks.RACY_NS
    backlinks.RACY_NS = -(10 ** 12)
    yield
    backlinks.RACY_NS = margin


def linked(register: Any, risk_id: str) -> list[tuple[str, str]]:
    return [(a.id, a.status or "") for a in register.risks[risk_id].actions]


def assert_same_as_a_full_load(root: Path) -> None:
    around = load_around(root, "RSK-FALLS", linking=True)
    assert linked(around, "RSK-FALLS") == linked(load_register(root, use_cache=False), "RSK-FALLS")


def keep_size_and_mtime(path: Path, text: str) -> None:
    """Rewrite ``path`` with ``text`` of the same length, putting its modification time back."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.usefixtures("trusted_at_once")
@pytest.mark.parametrize(("outright", "few_ids"), [(backlinks.PARSED_OUTRIGHT, backlinks.FEW_IDS), (0, 0)],
                         ids=["parsed-ids-searched", "from-the-parse-cache-lines-split"])
def test_the_index_answers_as_a_full_load_after_changes_behind_its_back(
        register: Any, outright: int, few_ids: int, monkeypatch: pytest.MonkeyPatch) -> None:
    root = register.path
    register.write("risks/RSK-FALLS.yaml", RISK)
    register.write("risks/RSK-OTHER.yaml", RISK.replace("RSK-FALLS", "RSK-OTHER"))
    for n in range(6):
        register.write(f"actions/ACT-F{n}.yaml", action(f"ACT-F{n}", "RSK-FALLS" if n % 2 else "RSK-OTHER"))
    register.commit("Falls actions")
    # a few changed files are parsed; past PARSED_OUTRIGHT, the parse cache (filled here) is asked
    monkeypatch.setattr(backlinks, "PARSED_OUTRIGHT", outright)
    # a few IDs are each searched for in a folder's lines; past FEW_IDS, every line is split
    monkeypatch.setattr(backlinks, "FEW_IDS", few_ids)
    load_register(root)
    assert_same_as_a_full_load(root)  # builds the index
    assert [a for a, _ in linked(load_around(root, "RSK-FALLS", linking=True), "RSK-FALLS")] == \
        ["ACT-F1", "ACT-F3", "ACT-F5"]

    # an edit that moves an action to the risk, same size and same modification time
    path = root / "actions" / "ACT-F0.yaml"
    keep_size_and_mtime(path, path.read_text(encoding="utf-8").replace("RSK-OTHER", "RSK-FALLS"))
    assert_same_as_a_full_load(root)
    # and one that moves an action away from it, and one that changes a linked action's status
    path = root / "actions" / "ACT-F1.yaml"
    keep_size_and_mtime(path, path.read_text(encoding="utf-8").replace("RSK-FALLS", "RSK-OTHER"))
    path = root / "actions" / "ACT-F3.yaml"
    keep_size_and_mtime(path, path.read_text(encoding="utf-8").replace("status: open", "status: done"))
    assert_same_as_a_full_load(root)
    # an action added, one deleted
    register.write("actions/ACT-F9.yaml", action("ACT-F9", "RSK-FALLS", "in_progress"))
    (root / "actions" / "ACT-F5.yaml").unlink()
    assert_same_as_a_full_load(root)
    # a second file holding a linked action's ID, earlier in the order: a full load keeps the first
    register.write("actions/ACT-F0.yml", action("ACT-F9", None))
    register.write("actions/ACT-E0.yaml", action("ACT-F9", None))
    assert_same_as_a_full_load(root)
    # a file that no longer parses, and a corrupt index
    (root / "actions" / "ACT-F3.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert_same_as_a_full_load(root)
    index = next((root / ".git" / "govtool").glob("backlinks-*.json"))
    index.write_bytes(index.read_bytes()[:-20])
    assert_same_as_a_full_load(root)
    # links: one to a file inside the register is read through, one leading out is refused
    outside = root.parent / f"{root.name}-outside.yaml"
    outside.write_text(action("ACT-OUT", "RSK-FALLS"), encoding="utf-8")
    (root / "actions" / "ACT-OUT.yaml").symlink_to(outside)
    (root / "actions" / "ACT-IN.yaml").symlink_to(root / "actions" / "ACT-F9.yaml")
    assert_same_as_a_full_load(root)


@pytest.mark.usefixtures("trusted_at_once")
def test_the_index_reads_only_changed_files(register: Any) -> None:
    root = register.path
    register.write("risks/RSK-FALLS.yaml", RISK)
    for n in range(20):
        register.write(f"actions/ACT-F{n:02d}.yaml", action(f"ACT-F{n:02d}", "RSK-FALLS" if n < 2 else None))
    backlinks.files_around(root, "RSK-FALLS")
    before = READS.files
    assert backlinks.files_around(root, "RSK-FALLS") == [
        ("action", Path("actions/ACT-F00.yaml")), ("action", Path("actions/ACT-F01.yaml")),
        ("risk", Path("risks/RSK-FALLS.yaml"))]
    assert READS.files == before
    (root / "actions" / "ACT-F07.yaml").write_text(action("ACT-F07", "RSK-FALLS"), encoding="utf-8")
    assert len(backlinks.files_around(root, "RSK-FALLS") or []) == 4
    assert READS.files == before + 1


def test_outside_git_there_is_no_index(tmp_path: Path) -> None:
    assert backlinks.files_around(tmp_path, "RSK-FALLS") is None


def _rewrite_index(root: Path, change: Any) -> None:
    """Apply ``change`` to the stored entries and write the index back as govtool would (so that
    it passes the checks a corrupt file fails: this is an index forged with care)."""
    where = next((root / ".git" / "govtool").glob("backlinks-*.json"))
    version = backlinks._version()
    entries, _ = read_checked(where, backlinks.FORMAT, version)
    assert isinstance(entries, dict)
    change(entries)
    assert write_checked(where, backlinks.FORMAT, version, entries)


def names_around(root: Path, record_id: str) -> list[str]:
    return [relative.name for _, relative in backlinks.files_around(root, record_id) or []]


@pytest.mark.usefixtures("trusted_at_once")
def test_fields_and_names_holding_the_separators_give_a_full_loads_answer(register: Any) -> None:
    """A field holding the characters a line is written with is escaped, and found exactly as
    written; a file name may hold any of them (names are joined with a slash, which none holds)."""
    root = register.path
    odd = "ACT-F1|x;y~\\\\z\\t\\n"  # as a double-quoted YAML string: the text ACT-F1|x;y~\z, a tab, a newline
    register.write("risks/RSK-FALLS.yaml", RISK)
    register.write("actions/ACT-F1.yaml", action("ACT-F1", "RSK-FALLS"))
    register.write("actions/ACT-F2.yaml", action("ACT-F2", "RSK-FALLS") + f'parent: "{odd}"\n')
    register.write("actions/ACT-F3.yaml", action("ACT-F3", None).replace("id: ACT-F3", 'id: "ACT-F1;"'))
    register.write("actions/ACT-F4.yaml", action("ACT-F4", None).replace("id: ACT-F4", 'id: "~"'))
    register.write("actions/ACT-F5|;~\\.yaml", action("ACT-F5", "RSK-FALLS"))
    register.write("actions/ACT-F6\n\t.yaml", action("ACT-F6", "RSK-FALLS"))
    register.write("actions/ACT-F7.yaml", action("ACT-F7", '"~"'))  # names the record whose ID is "~"
    register.write("actions/ACT-F8.yaml", action("ACT-F8", None).replace("owner: jane.smith", "owner: ~"))
    assert_same_as_a_full_load(root)  # builds the index
    assert_same_as_a_full_load(root)  # read from the index
    assert names_around(root, "RSK-FALLS") == sorted(
        ["ACT-F1.yaml", "ACT-F2.yaml", "ACT-F5|;~\\.yaml", "ACT-F6\n\t.yaml", "RSK-FALLS.yaml"])
    assert names_around(root, "ACT-F1") == ["ACT-F1.yaml"]  # ACT-F2's parent and ACT-F3's ID only look like it
    assert names_around(root, "ACT-F1|x;y~\\z\t\n") == ["ACT-F2.yaml"]  # found by its parent, exactly as written
    assert names_around(root, "act-f1;") == ["ACT-F3.yaml"]  # found by its ID, case aside
    assert names_around(root, "~") == ["ACT-F4.yaml", "ACT-F7.yaml"]  # an ID "~" is not an absent one
    # an owner "~" (YAML's null) is absent: nobody owns ACT-F8
    assert backlinks.files_owned(root, "~", ACTIVE_STATUSES) == []


def _forge_actions(root: Path, change: Any) -> None:
    """Apply ``change`` to the actions folder's stored [names, signatures, lines]."""
    def forge(folders: dict[str, Any]) -> None:
        folders["actions"] = change(folders["actions"])

    _rewrite_index(root, forge)


def _lines(stored: list[str]) -> list[str]:
    return stored[2].split(backlinks.LINE)[1:]


def _with_lines(stored: list[str], lines: list[str]) -> list[str]:
    return [stored[0], stored[1], "".join(backlinks.LINE + line for line in lines)]


@pytest.mark.usefixtures("trusted_at_once")
def test_a_forged_or_ill_shaped_folder_gives_a_full_loads_answer(register: Any) -> None:
    """A folder's lines are trusted as a whole while its files are as they were, and counted, not
    each checked: a line of the wrong shape is caught when an answer consults it, and the index
    is then brought up to date with every line checked."""
    root = register.path
    register.write("risks/RSK-FALLS.yaml", RISK)
    for n in range(6):
        register.write(f"actions/ACT-F{n}.yaml", action(f"ACT-F{n}", "RSK-FALLS" if n < 3 else None))
    assert_same_as_a_full_load(root)  # builds the index
    field = backlinks.FIELD

    def shifted(stored: list[str]) -> list[str]:
        """A field moved from a line the answer needs to one it does not: the same count of each."""
        lines = _lines(stored)
        linked = next(n for n, line in enumerate(lines) if "RSK-FALLS" in line)
        other = next(n for n, line in enumerate(lines) if "RSK-FALLS" not in line)
        lines[linked] = lines[linked].rpartition(field)[0]
        lines[other] = lines[other] + field + "open"
        return _with_lines(stored, lines)

    _forge_actions(root, shifted)
    before = READS.files
    assert names_around(root, "RSK-FALLS") == ["ACT-F0.yaml", "ACT-F1.yaml", "ACT-F2.yaml", "RSK-FALLS.yaml"]
    assert READS.files - before == 2  # the two ill-shaped lines' files, read again
    assert names_around(root, "RSK-FALLS") == ["ACT-F0.yaml", "ACT-F1.yaml", "ACT-F2.yaml", "RSK-FALLS.yaml"]
    assert READS.files - before == 2  # and the index written back whole

    def cut_short(stored: list[str]) -> list[str]:
        lines = _lines(stored)
        return _with_lines(stored, [lines[0].rpartition(field)[0], *lines[1:]])

    _forge_actions(root, cut_short)
    before = READS.files
    assert names_around(root, "RSK-FALLS") == ["ACT-F0.yaml", "ACT-F1.yaml", "ACT-F2.yaml", "RSK-FALLS.yaml"]
    assert READS.files - before == 1  # the folder's lines miscounted: its file by file, that line's file read

    forgeries = [
        lambda stored: _with_lines(stored, _lines(stored)[1:]),  # a line short: nothing lines up
        lambda stored: _with_lines(stored, [*_lines(stored), field.join(["act-f9", "~", "RSK-FALLS", "~", "~", "~"])]),
        lambda stored: [stored[0], stored[1], stored[2].replace(backlinks.LINE, "", 1)],  # lines run together
        lambda stored: [stored[0], stored[1].replace("/", "", 1), stored[2]],  # signatures run together
        lambda stored: stored[2],  # not the three parts
        lambda stored: [stored[0], stored[1], 7],
    ]
    for forgery in forgeries:
        _forge_actions(root, forgery)
        before = READS.files
        assert_same_as_a_full_load(root)
        assert READS.files - before >= 6  # every action read again (then the answer's few)
        assert names_around(root, "RSK-FALLS") == ["ACT-F0.yaml", "ACT-F1.yaml", "ACT-F2.yaml", "RSK-FALLS.yaml"]


@pytest.mark.usefixtures("trusted_at_once")
@pytest.mark.parametrize("few_ids", [backlinks.FEW_IDS, 0], ids=["ids-searched", "lines-split"])
def test_the_actions_someone_owns_are_a_full_loads_after_changes_behind_the_index(
        register: Any, few_ids: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backlinks, "FEW_IDS", few_ids)
    root = register.path
    for n in range(6):
        register.write(f"actions/ACT-O{n}.yaml", action(f"ACT-O{n}", None, "in_progress" if n % 3 else "open")
                       .replace("owner: jane.smith", f"owner: {'jane.smith' if n % 2 else 'sam.patel'}"))
    register.commit("Owned actions")

    def assert_owned_as_a_full_load() -> None:
        for person in ("jane.smith", "sam.patel"):
            assert [a.id for a in still_owned(load_owned(root, person, ACTIVE_STATUSES), person)] == \
                [a.id for a in still_owned(load_register(root, use_cache=False), person)]

    assert_owned_as_a_full_load()  # builds the index
    assert [relative.name for _, relative in backlinks.files_owned(root, "jane.smith", ACTIVE_STATUSES) or []] == [
        "ACT-O1.yaml", "ACT-O3.yaml", "ACT-O5.yaml"]
    # handed over, same size and modification time; a duplicate of an owned action's ID, earlier
    path = root / "actions" / "ACT-O1.yaml"
    keep_size_and_mtime(path, path.read_text(encoding="utf-8").replace("owner: jane.smith", "owner: sam.patel "))
    register.write("actions/ACT-A0.yaml", action("ACT-O3", None, "cancelled"))
    assert_owned_as_a_full_load()
    assert [relative.name for _, relative in backlinks.files_owned(root, "jane.smith", ACTIVE_STATUSES) or []] == [
        "ACT-A0.yaml", "ACT-O3.yaml", "ACT-O5.yaml"]
    # one of them completed: not theirs to hand over any more
    path = root / "actions" / "ACT-O5.yaml"
    keep_size_and_mtime(path, path.read_text(encoding="utf-8").replace("status: in_progress", "status: completed  "))
    assert_owned_as_a_full_load()
    assert [relative.name for _, relative in backlinks.files_owned(root, "jane.smith", ACTIVE_STATUSES) or []] == [
        "ACT-A0.yaml", "ACT-O3.yaml"]
