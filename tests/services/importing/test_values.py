"""Cell values as people type them: UK dates, statuses, regulations."""

from __future__ import annotations

import datetime as dt

import pytest

from govtool.services.importing.values import ValueProblem, read_date, read_level, read_regulation, read_status


@pytest.mark.parametrize("typed, expected", [
    ("31/01/2027", dt.date(2027, 1, 31)),
    ("3/4/2027", dt.date(2027, 4, 3)),  # day first, as in the UK
    ("31.01.27", dt.date(2027, 1, 31)),
    ("31 Jan 2027", dt.date(2027, 1, 31)),
    ("31st January 2027", dt.date(2027, 1, 31)),
    ("Fri 31 Dec 2027", dt.date(2027, 12, 31)),
    ("by 28-Feb-2027", dt.date(2027, 2, 28)),
    ("2027-01-31", dt.date(2027, 1, 31)),
    ("2027-01-31 00:00:00", dt.date(2027, 1, 31)),
    ("31/01/2027 00:00", dt.date(2027, 1, 31)),  # a date-time cell, as Excel writes it to a CSV
    (dt.datetime(2027, 1, 31, 0, 0), dt.date(2027, 1, 31)),
])
def test_dates_typed_as_text_in_uk_style_are_read_day_first(typed: object, expected: dt.date) -> None:
    assert read_date(typed).date == expected  # type: ignore[arg-type]


def test_a_month_alone_is_read_as_its_last_day_and_says_so() -> None:
    read = read_date("End of March 2027")
    assert read.date == dt.date(2027, 3, 31)
    assert read.note and "last day" in read.note


@pytest.mark.parametrize("typed, after, expected", [
    ("end of Jan", dt.date(2026, 11, 12), dt.date(2027, 1, 31)),  # the next end of January after the visit
    ("End of March", dt.date(2026, 11, 12), dt.date(2027, 3, 31)),
    ("end of Nov", dt.date(2026, 11, 12), dt.date(2026, 11, 30)),  # the visit's own month
    ("by end of Sept", dt.date(2026, 11, 12), dt.date(2027, 9, 30)),
    ("Q4 2026/27", None, dt.date(2027, 3, 31)),  # a UK financial year: Q4 is January to March
    ("Q2 27-28", None, dt.date(2027, 9, 30)),
])
def test_a_month_with_no_year_is_read_after_the_source_s_date_and_a_financial_quarter_as_its_end(
        typed: str, after: dt.date | None, expected: dt.date) -> None:
    read = read_date(typed, after)
    assert read.date == expected
    assert read.note is not None and expected.isoformat() in read.note


def test_a_month_with_no_year_and_no_source_date_asks_for_the_year() -> None:
    with pytest.raises(ValueProblem, match=r"'end of Jan' has no year: add the year: e.g. 'end of Jan \d{4}'"):
        read_date("end of Jan")


@pytest.mark.parametrize("typed, says", [
    ("Ongoing", "not a date"),
    ("12/31/2027", "day first"),  # a US date
    ("31/02/2027", "not a real date"),
    ("Q1 2027", "ambiguous"),  # January to March, or the financial year's April to June?
    ("Q4 9999", "not a real date"),  # its quarter would end after the last year a date can hold
    (46418, "a number"),
])
def test_what_is_not_a_date_is_refused_with_the_reason(typed: object, says: str) -> None:
    with pytest.raises(ValueProblem, match=says):
        read_date(typed)  # type: ignore[arg-type]


@pytest.mark.parametrize("typed, status", [
    ("Not started", "open"), ("Red", "open"), ("Amber - on track", "in_progress"), ("In Progress", "in_progress"),
    ("Complete", "completed"), ("GREEN", "completed"), ("Blue", "closed"), ("Signed off", "closed"),
    ("No longer required", "cancelled"),
])
def test_statuses_and_rag_colours(typed: str, status: str) -> None:
    assert read_status(typed) == status


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValueProblem, match="not a status"):
        read_status("Waiting for Bob")


@pytest.mark.parametrize("typed, number", [
    ("Regulation 12: Safe care and treatment", "12"), ("Reg 17(2)(b)", "17"), (18, "18"),
    ("HSCA 2008 (RA) Regulations 2014 Regulation 9a", "9A"),
])
def test_regulations(typed: object, number: str) -> None:
    assert read_regulation(typed) == number  # type: ignore[arg-type]


def test_levels() -> None:
    assert read_level("Must do") == "must"
    assert read_level("Recommendation") == "should"
