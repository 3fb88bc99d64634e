"""Loading a whole register: every record validated and linked, every bad file a problem."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from govtool.register import find_register, load_register
from govtool.support.errors import GovtoolError

from ..conftest import EXAMPLE_REGISTER, GitRepo

ACTION = """\
id: ACT-1
title: Add the financial-consent section to every elective surgical consent form
source: SRC-1
finding: F1
owner: jane.smith
priority: high
created: 2026-01-12
due: 2026-03-31
status: open
measure:
  target: 100% of sampled forms include the section
"""
SOURCE = """\
id: SRC-1
type: audit
title: Consent audit, January 2026
date: 2026-01-10
findings:
  - id: F1
    text: 22% of consent forms lacked the financial-consent section.
"""


def problems(root: Path) -> list[tuple[str, str, int | None]]:
    return [(p.rule, str(p.path), p.line) for p in load_register(root).problems]


def test_the_example_register_loads_without_a_file_problem() -> None:
    register = load_register(EXAMPLE_REGISTER)
    assert register.problems == []
    assert len(register.actions) >= 20 and len(register.sources) == 6 and len(register.risks) == 3


def test_links_resolve_both_ways(register: GitRepo) -> None:
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", ACTION)
    register.write("actions/ACT-2.yaml", ACTION.replace("ACT-1", "ACT-2") + "parent: ACT-1\n")
    loaded = load_register(register.path)
    action = loaded.actions["ACT-1"]
    assert action.source is loaded.sources["SRC-1"]
    assert action.finding is not None and action.finding.id == "F1"
    assert loaded.sources["SRC-1"].findings[0].actions == [action, loaded.actions["ACT-2"]]
    assert action.children == [loaded.actions["ACT-2"]]
    assert loaded.actions["ACT-2"].parent is action


def test_schema_errors_carry_the_line_of_the_field(register: GitRepo) -> None:
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", ACTION.replace("owner:", "ownr:").replace("status: open", "status: pending"))
    found = {(rule, line): None for rule, _, line in problems(register.path)}
    messages = [p.message for p in load_register(register.path).problems]
    assert ("schema", 5) in found  # ownr: did you mean owner?
    assert ("schema", 9) in found  # status: pending
    assert any("did you mean 'owner'" in m for m in messages)
    assert any("'pending' is not one of" in m for m in messages)


def test_impossible_date_is_a_schema_problem_not_a_crash(register: GitRepo) -> None:
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", ACTION.replace("2026-03-31", "2026-02-30"))
    loaded = load_register(register.path)
    assert [(p.rule, p.line) for p in loaded.problems] == [("schema", 8)]
    assert loaded.actions["ACT-1"].due is None


def test_file_name_must_match_the_id_and_ids_are_unique(register: GitRepo) -> None:
    register.write("sources/SRC-1.yaml", SOURCE)
    register.write("actions/ACT-1.yaml", ACTION)
    register.write("actions/ACT-9.yaml", ACTION)
    found = problems(register.path)
    assert ("id-mismatch", "actions/ACT-9.yaml", 1) in found
    assert ("duplicate-id", "actions/ACT-9.yaml", 1) in found


def test_symlink_leaving_the_register_is_refused(register: GitRepo, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(ACTION)
    os.symlink(outside, register.path / "actions" / "ACT-1.yaml")
    loaded = load_register(register.path)
    assert [p.rule for p in loaded.problems] == ["unsafe-path"]
    assert loaded.actions == {}


def test_broken_settings_is_one_clear_error(register: GitRepo) -> None:
    register.write("govtool.yaml", "provider: X\npeople:\n  jane: {name: Jane, rol: RM}\n")
    with pytest.raises(GovtoolError) as caught:
        load_register(register.path)
    assert str(caught.value) == "govtool.yaml:3: unknown field 'people.jane.rol': did you mean 'role'?"


def test_register_is_found_from_a_subfolder_of_the_repository(git_repo: GitRepo) -> None:
    git_repo.write("clients/willowbrook/govtool.yaml", "provider: X\n")
    (git_repo.path / "clients/willowbrook/actions/deep").mkdir(parents=True)
    assert find_register(git_repo.path / "clients/willowbrook/actions/deep") == (git_repo.path / "clients/willowbrook").resolve()
    with pytest.raises(GovtoolError, match=r"there are registers below it \(clients/willowbrook\): point at one"):
        find_register(git_repo.path)


def test_the_hint_for_a_register_below_quotes_a_folder_name_with_a_space(git_repo: GitRepo, monkeypatch) -> None:
    """Copied as shown, the hint runs: 'govtool -C Moorview Surgery ...' gave "No such command
    'Surgery'". Double quotes work in Windows cmd, PowerShell and POSIX shells alike."""
    monkeypatch.chdir(git_repo.path)  # the hint is typed from where the command runs
    git_repo.write("Moorview Surgery/govtool.yaml", "provider: X\n")
    with pytest.raises(GovtoolError) as caught:
        find_register(git_repo.path)
    assert '(e.g. govtool -C "Moorview Surgery" ...)' in str(caught.value)
    hint = str(caught.value).split("(e.g. ")[1]
    assert shlex.split(hint)[:3] == ["govtool", "-C", "Moorview Surgery"]


def test_the_hint_for_a_register_below_leaves_a_plain_folder_name_bare(git_repo: GitRepo, monkeypatch) -> None:
    monkeypatch.chdir(git_repo.path)
    git_repo.write("clients/willowbrook/govtool.yaml", "provider: X\n")
    with pytest.raises(GovtoolError) as caught:
        find_register(git_repo.path)
    assert "(e.g. govtool -C clients/willowbrook ...)" in str(caught.value)
