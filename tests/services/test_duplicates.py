"""services.duplicates: the action a new one would repeat, read from a real register's files."""

from __future__ import annotations

from typing import Any

import pytest

from govtool.register.load import load_register
from govtool.register.model import Register
from govtool.services.create import Links
from govtool.services.duplicates import duplicate_of, same_title_key

TITLE = "Weekly audit of 10 MAR charts, reported to governance"


@pytest.mark.parametrize("typed", [TITLE, TITLE + ".", "  weekly AUDIT of 10  MAR charts,\treported to governance . "])
def test_case_spaces_and_a_final_full_stop_are_ignored(typed: str) -> None:
    assert same_title_key(typed) == same_title_key(TITLE)


@pytest.mark.parametrize("typed", ["Weekly audit of 10 MAR charts reported to governance",
                                   "Weekly audit of 10 MAR charts, reported to governance!",
                                   "Weekly audit of 20 MAR charts, reported to governance"])
def test_other_words_or_punctuation_are_another_title(typed: str) -> None:
    assert same_title_key(typed) != same_title_key(TITLE)


def _register(git_repo: Any, statuses: dict[str, str]) -> Register:
    """A source with findings F1 and F2, one without findings, and an action per ``statuses``
    entry, all titled TITLE and answering SRC-AAAAAA F1 (ID -> status)."""
    git_repo.write("govtool.yaml", "provider: P\nlocation: L\npeople:\n  jane.smith: {name: Jane Smith}\n")
    git_repo.write("sources/SRC-AAAAAA.yaml", """
        id: SRC-AAAAAA
        type: audit
        title: Medicines audit
        date: 2026-03-02
        findings:
          - {id: F1, text: MAR charts had gaps.}
          - {id: F2, text: Fridge temperatures were not recorded.}
        """)
    git_repo.write("sources/SRC-BBBBBB.yaml", """
        id: SRC-BBBBBB
        type: complaint
        title: Complaint about missed doses
        date: 2026-03-05
        """)
    for action_id, status in statuses.items():
        git_repo.write(f"actions/{action_id}.yaml", f"""
            id: {action_id}
            title: {TITLE}
            source: SRC-AAAAAA
            finding: F1
            owner: jane.smith
            created: 2026-03-10
            due: 2030-12-31
            status: {status}
            """)
    git_repo.commit("register", date="2026-03-10")
    return load_register(git_repo.path)


def test_the_open_action_on_the_same_finding_is_found(git_repo: Any) -> None:
    register = _register(git_repo, {"ACT-CCCCCC": "open"})
    found = duplicate_of(register, TITLE.upper() + ".", Links("SRC-AAAAAA", "f1"))
    assert found is not None and found.id == "ACT-CCCCCC"
    assert found.path.as_posix() == "actions/ACT-CCCCCC.yaml"


@pytest.mark.parametrize("status", ["open", "in_progress", "completed"])
def test_every_status_short_of_closed_or_cancelled_blocks(git_repo: Any, status: str) -> None:
    register = _register(git_repo, {"ACT-CCCCCC": status})
    assert duplicate_of(register, TITLE, Links("SRC-AAAAAA", "F1")) is not None


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_a_closed_or_cancelled_action_does_not_block(git_repo: Any, status: str) -> None:
    register = _register(git_repo, {"ACT-CCCCCC": status})
    assert duplicate_of(register, TITLE, Links("SRC-AAAAAA", "F1")) is None


def test_of_several_the_one_still_open_is_found(git_repo: Any) -> None:
    register = _register(git_repo, {"ACT-CCCCCC": "cancelled", "ACT-DDDDDD": "in_progress"})
    found = duplicate_of(register, TITLE, Links("SRC-AAAAAA", "F1"))
    assert found is not None and found.id == "ACT-DDDDDD"


def test_another_finding_or_source_does_not_block(git_repo: Any) -> None:
    register = _register(git_repo, {"ACT-CCCCCC": "open"})
    assert duplicate_of(register, TITLE, Links("SRC-AAAAAA", "F2")) is None
    assert duplicate_of(register, TITLE, Links("SRC-BBBBBB")) is None


def test_a_sub_action_naming_only_its_parent_answers_the_parents_finding(git_repo: Any) -> None:
    register = _register(git_repo, {"ACT-CCCCCC": "open"})
    found = duplicate_of(register, TITLE, Links(parent="ACT-CCCCCC"))
    assert found is not None and found.id == "ACT-CCCCCC"


def test_a_source_without_findings_compares_the_source(git_repo: Any) -> None:
    _register(git_repo, {})
    git_repo.write("actions/ACT-EEEEEE.yaml", f"""
        id: ACT-EEEEEE
        title: {TITLE}
        source: SRC-BBBBBB
        owner: jane.smith
        created: 2026-03-10
        due: 2030-12-31
        status: open
        """)
    register = load_register(git_repo.path)
    found = duplicate_of(register, TITLE, Links("SRC-BBBBBB"))
    assert found is not None and found.id == "ACT-EEEEEE"
    assert duplicate_of(register, TITLE, Links("SRC-AAAAAA", "F1")) is None
