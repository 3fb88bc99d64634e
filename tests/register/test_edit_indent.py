"""Editing keeps the file's own indentation and its comments where the user put them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govtool.register.edit import append_entry, dump, read_for_edit

ACTION = """\
id: ACT-1
measure:
  target: 100% of 10 sampled care plans  # audited monthly
updates:
  - date: 2026-02-10
    note: Form approved.
"""


@pytest.mark.parametrize(
    "text",
    [
        ACTION,
        ACTION.replace("  target", "    target"),  # 4-space mappings, lists indented by 2
        "measure:\n  target: x\nupdates:\n- date: 2026-02-10\n  note: a\n",  # lists not indented
        "updates:\n  - date: 2026-02-10\n    evidence:\n      path: a.pdf\n",  # mapping inside a list item
    ],
)
def test_a_round_trip_changes_nothing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "ACT-1.yaml"
    path.write_text(text)
    data, yaml = read_for_edit(path)
    assert dump(data, yaml) == text


def test_an_appended_entry_leaves_the_nested_mapping_alone(tmp_path: Path) -> None:
    path = tmp_path / "ACT-1.yaml"
    path.write_text(ACTION)
    data, yaml = read_for_edit(path)
    append_entry(data, "updates", {"date": dt.date(2026, 3, 1), "note": "First audit: 9 of 10."})
    assert dump(data, yaml) == ACTION + "  - date: 2026-03-01\n    note: 'First audit: 9 of 10.'\n"


def test_comment_lines_after_a_list_stay_below_it(tmp_path: Path) -> None:
    path = tmp_path / "ACT-1.yaml"
    path.write_text(ACTION + "# Sign-off below, after the governance meeting\nstatus: open\n")
    data, yaml = read_for_edit(path)
    append_entry(data, "updates", {"date": dt.date(2026, 3, 1), "note": "Second audit"})
    assert dump(data, yaml) == ACTION + (
        "  - date: 2026-03-01\n    note: Second audit\n# Sign-off below, after the governance meeting\nstatus: open\n"
    )
