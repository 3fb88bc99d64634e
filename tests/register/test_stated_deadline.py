"""Reading the deadline an action's words state, and whether a due date keeps it."""

from __future__ import annotations

import datetime as dt

import pytest

from govtool.register.stated_deadline import long_date, stated_deadline

D = dt.date


@pytest.mark.parametrize(("text", "words", "day", "month"), [
    ("Complete fire risk assessment actions by 31 January 2027", "by 31 January 2027", D(2027, 1, 31), False),
    ("Fit sensors, no later than Friday 29th January 2027.", "no later than Friday 29th January 2027", D(2027, 1, 29), False),
    ("Audit (deadline: 31.01.27)", "deadline: 31.01.27", D(2027, 1, 31), False),
    ("Audit due on 2027-01-31", "due on 2027-01-31", D(2027, 1, 31), False),
    ("Audit by 31st of January, 2027", "by 31st of January, 2027", D(2027, 1, 31), False),
    ("Audit by January 31, 2027", "by January 31, 2027", D(2027, 1, 31), False),
    ("Audit by the end of Sept 2027", "by the end of Sept 2027", D(2027, 9, 30), True),
    ("Audit BY FEBRUARY 2028", "BY FEBRUARY 2028", D(2028, 2, 29), True),
    ("Fit the hold-open devices to the doors by rooms 18 and 26, by 31 October 2026", "by 31 October 2026",
     D(2026, 10, 31), False),
])
def test_the_words_and_the_date_they_state(text: str, words: str, day: dt.date, month: bool) -> None:
    stated = stated_deadline(text)
    assert stated is not None
    assert (stated.words, stated.date, stated.month) == (words, day, month)


@pytest.mark.parametrize("text", [
    None, "", "Weigh every resident monthly", "Reduce falls by 50%", "Review by 31 January", "by the end of March",
    "by Q1 2027", "by 2027", "by 31/02/2027", "by 12/31/2027", "delayed due to the 31 January 2027 inspection",
    "overdue since 31 January 2026", "Dated 31 January 2027", "by 1 January 0001", "by 31 January 20271",
])
def test_no_deadline(text: str | None) -> None:
    assert stated_deadline(text) is None


def test_a_day_is_kept_by_that_day_only() -> None:
    stated = stated_deadline("by 31/01/2027")
    assert stated is not None
    assert [stated.kept_by(day) for day in (D(2027, 1, 30), D(2027, 1, 31), D(2027, 2, 1))] == [False, True, False]


def test_before_a_day_is_kept_by_the_day_before_it_or_by_that_day() -> None:
    stated = stated_deadline("before 1 April 2027")
    assert stated is not None and stated.promised == D(2027, 3, 31)
    assert [stated.kept_by(day) for day in (D(2027, 3, 30), D(2027, 3, 31), D(2027, 4, 1), D(2027, 4, 2))] == [
        False, True, True, False]


def test_a_month_is_kept_by_any_day_up_to_its_last() -> None:
    by = stated_deadline("by March 2027")
    before = stated_deadline("before March 2027")
    before_end = stated_deadline("before the end of March 2027")
    assert by is not None and before is not None and before_end is not None
    assert (by.promised, before.promised, before_end.promised) == (D(2027, 3, 31), D(2027, 2, 28), D(2027, 3, 31))
    assert by.kept_by(D(2026, 6, 1)) and by.kept_by(D(2027, 3, 31)) and not by.kept_by(D(2027, 4, 1))
    assert before.kept_by(D(2027, 2, 28)) and not before.kept_by(D(2027, 3, 1))


def test_a_step_on_the_way_may_come_before_the_due_date_but_not_after_it() -> None:
    stated = stated_deadline("Replace paper MARs with e-MAR, live by 31 May 2026, then show 8 clean weekly reports")
    assert stated is not None and stated.step
    assert stated.kept_by(D(2026, 7, 31)) and stated.kept_by(D(2026, 5, 31)) and not stated.kept_by(D(2026, 5, 1))
    next_sentence = stated_deadline("live by 31 May 2026. Then 8 clean weekly reports")
    assert next_sentence is not None and not next_sentence.step


def test_of_several_deadlines_the_latest_counts() -> None:
    stated = stated_deadline("Order the sensors by 31 December 2026, then fit them by 31/01/2027")
    assert stated is not None
    assert (stated.words, stated.step) == ("by 31/01/2027", False)


def test_only_the_head_is_read() -> None:
    assert stated_deadline("x " * 1_500 + "by 31 January 2027") is None
    assert stated_deadline("x " * 900 + "by 31 January 2027") is not None


def test_long_date() -> None:
    assert long_date(D(2026, 12, 8)) == "8 December 2026"
