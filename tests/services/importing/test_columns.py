"""Headings as real plans write them, and the heading row found below title rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from govtool.services.importing.columns import find_layout, parse_maps, recognise
from govtool.services.importing.sheet import Sheet


@pytest.mark.parametrize("heading, field", [
    ("Action", "title"), ("Action required", "title"), ("Actions to be taken", "title"), ("What we will do", "title"),
    ("Lead", "owner"), ("Responsible person", "owner"), ("Person responsible", "owner"), ("Assigned lead", "owner"),
    ("By when", "due"), ("By when?", "due"), ("Timescale", "due"), ("Target date", "due"),
    ("Estimated completion date", "due"), ("RAG", "rag"), ("RAG status", "rag"), ("BRAG rating", "rag"),
    ("Progress update", "progress"), ("Progress to date", "progress"), ("Evidence", "evidence"),
    ("Evidence of completion", "evidence"), ("Regulation", "regulation"), ("Finding", "finding"),
    ("Item to be rectified", "finding"), ("How the regulation was not being met:", "finding"),
    ("Area for improvement", "finding"), ("Must / should", "level"), ("Key question", "key_question"),
    ("KLOE", "key_question"), ("Target (measure)", "measure_target"),
    ("How will the improvement be monitored and sustained?", "measure_method"),
    ("Re-date reason", "redate_reason"), ("New progress note", "new_note"),
    ("Action required\n(what will be done, by whom)", "title"), ("Lead - name and role", "owner"),
    # A plan's own numbering, kept as the action's reference
    ("Ref", "ref"), ("Ref.", "ref"), ("REF", "ref"), ("Reference", "ref"), ("Ref No.", "ref"), ("Ref #", "ref"),
    ("No.", "ref"), ("#", "ref"), ("Item", "ref"), ("Item no.", "ref"), ("Action no", "ref"), ("Action No.", "ref"),
    ("Action #", "ref"), ("Action ref", "ref"), ("Reference number", "ref"),
    # Alternatives across a slash name the field their known parts agree on (a manager's trial)
    ("Area / Finding", "finding"), ("Lead / Responsible person", "owner"),
])
def test_headings_people_use(heading: str, field: str) -> None:
    assert recognise(heading) == field


def test_unknown_headings_are_not_guessed() -> None:
    assert recognise("Sign-off comments") is None and recognise("Root cause") is None
    assert recognise("Action / Progress") is None  # two fields: which one is not guessed


def sheet(rows: list[list[object]]) -> Sheet:
    return Sheet(Path("plan.xlsx"), "Plan", rows, list(range(1, len(rows) + 1)))  # type: ignore[arg-type]


def test_the_heading_row_is_the_one_naming_most_fields_below_titles() -> None:
    layout = find_layout(sheet([
        ["Action plan: Willowbrook House"],
        ["Action", "Prepared by the RM"],  # a title row that happens to say 'Action'
        ["Finding", "Action required", "Lead", "By when", "RAG"],
        ["Gaps in MAR charts", "Weekly MAR audit", "Jane Smith", "31/01/2030", "Amber"],
    ]))
    assert layout is not None and layout.header_row == 3
    assert layout.fields == {"finding": 0, "title": 1, "owner": 2, "due": 3, "rag": 4}


def test_map_names_a_column_by_heading_or_letter_and_can_ignore_one() -> None:
    rows: list[list[object]] = [["What's happening", "Who's on it", "Action", "Lead"], ["a", "b", "c", "d"]]
    layout = find_layout(sheet(rows), parse_maps(["What's happening=title", "B=owner", "C=ignore", "Lead=ignore"]))
    assert layout is not None and layout.fields == {"title": 0, "owner": 1}
