"""The 5x5 matrix, configurable bands, and the interlock helpers in govtool.register.risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govtool.register.load import load_register, load_settings
from govtool.register.risk import (
    POSSIBLE_SCORES,
    band_of,
    band_problems,
    closures_awaiting_review,
    last_review,
    pending_actions,
    reassessment_due,
    review_interval_days,
    review_schedule,
    unanswered_controls,
)
from govtool.support.errors import GovtoolError


def test_only_fourteen_scores_can_occur() -> None:
    assert POSSIBLE_SCORES == (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25)


@pytest.mark.parametrize(("score", "band"), [(1, "low"), (3, "low"), (4, "moderate"), (6, "moderate"),
                                              (8, "high"), (12, "high"), (15, "extreme"), (25, "extreme")])
def test_default_bands_are_the_npsa_ones(score: int, band: str) -> None:
    assert band_of(score) == band


def test_default_bands_are_valid() -> None:
    assert band_problems({"low": 1, "moderate": 4, "high": 8, "extreme": 15}) == []


@pytest.mark.parametrize(
    ("bands", "band", "says"),
    [
        ({"moderate": 4, "high": 8}, "moderate", "the first band must start at 1"),
        ({"low": 1, "high": 8, "moderate": 4}, "moderate", "not above 'high' (8)"),
        ({"low": 1, "amber": 1}, "amber", "starts at 1, not above 'low'"),
        ({"low": 1, "odd": 13, "high": 15}, "odd", "no score from 13 to 14 can occur"),
        ({"low": 1, "top": 26}, "top", "from 1 to 25"),
        ({}, None, "risk_bands is empty"),
    ],
)
def test_unusable_bands_are_explained(bands: dict[str, int], band: str | None, says: str) -> None:
    problems = band_problems(bands)
    assert problems and problems[0].band == band
    assert says in problems[0].message


def test_bad_bands_in_settings_stop_every_command_with_the_line(register: Any, cli: Any) -> None:
    settings = register.path / "govtool.yaml"
    line = len(settings.read_text().splitlines()) + 4  # of 'moderate', the fourth line added
    settings.write_text(settings.read_text() + "risk_bands:\n  low: 1\n  high: 8\n  moderate: 4\n")
    with pytest.raises(GovtoolError) as caught:
        load_settings(register.path)
    assert caught.value.line == line and "list the bands lowest first" in caught.value.message
    result = cli("review", "RSK-X", "--likelihood", "2", "--consequence", "2", "--note", "n", cwd=register.path)
    assert result.exit_code == 2
    assert f"govtool.yaml:{line}: risk_bands.moderate: starts at 4, not above 'high' (8)" in result.stderr


def test_custom_bands_decide_the_band_and_the_review_interval(base_register: Any) -> None:
    repo = base_register()
    settings = repo.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "risk_bands: {green: 1, amber: 5, red: 12}\n")
    risk = load_register(repo.path).risks["RSK-BASE"]  # residual 12
    schedule = review_schedule(risk, load_register(repo.path).settings.risk_bands, {"red": 28})
    assert schedule is not None
    assert (schedule.band, schedule.interval_days, schedule.due) == ("red", 28, dt.date(2026, 10, 29))
    assert review_interval_days("amber", {"red": 28}, default=60) == 60


def test_pending_actions_and_the_control_they_answer(base_register: Any) -> None:
    risk = load_register(base_register().path).risks["RSK-BASE"]
    assert [a.id for a in pending_actions(risk)] == ["ACT-BASE"]
    assert [a.id for a in pending_actions(risk, "C1")] == ["ACT-BASE"]
    assert pending_actions(risk, "C2") == []
    assert unanswered_controls(risk) == []


def test_a_closed_action_waits_for_the_review_then_stops_answering(base_register: Any, base_action: Any) -> None:
    repo = base_register({"actions/ACT-BASE.yaml": base_action("closed")})
    risk = load_register(repo.path).risks["RSK-BASE"]
    assert pending_actions(risk) == []
    assert [a.id for a in closures_awaiting_review(risk)] == ["ACT-BASE"]
    assert unanswered_controls(risk) == []  # the review is the next step, not a new action
    assert reassessment_due(risk, dt.date(2026, 11, 8)) == []  # 14 days' grace to 2026-11-08
    (due,) = reassessment_due(risk, dt.date(2026, 11, 9))
    assert (due.action.id, due.closed_on, due.due_on) == ("ACT-BASE", dt.date(2026, 10, 25), dt.date(2026, 11, 8))

    text = (repo.path / "risks/RSK-BASE.yaml").read_text()
    (repo.path / "risks/RSK-BASE.yaml").write_text(
        text + "  - date: 2026-11-02\n    by: jane.smith\n    likelihood: 3\n    consequence: 4\n"
        "    note: Audits lapsed again while the clinical lead was on leave.\n"
    )
    risk = load_register(repo.path).risks["RSK-BASE"]
    assert last_review(risk) is not None and last_review(risk).date == dt.date(2026, 11, 2)  # type: ignore[union-attr]
    assert closures_awaiting_review(risk) == [] and reassessment_due(risk, dt.date(2026, 12, 1)) == []
    assert [c.id for c in unanswered_controls(risk)] == ["C1"]  # still inadequate: needs a new action


@given(st.lists(st.integers(min_value=0, max_value=27), min_size=1, max_size=6))
def test_accepted_bands_give_every_score_a_band_and_every_band_a_score(starts: list[int]) -> None:
    configured = {f"band{i}": start for i, start in enumerate(starts)}
    if band_problems(configured):
        return
    assert all(band_of(score, configured) is not None for score in POSSIBLE_SCORES)
    assert {band_of(score, configured) for score in POSSIBLE_SCORES} == set(configured)
