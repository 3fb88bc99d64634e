"""The command line reads dates as import does: '1 Feb 2027' and '31/01/27' are dates there too.

The trial that found this: import took "1 Feb 2027" from a sheet, but ``--due "1 Feb 2027"``
was refused, as was "31/01/27".
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from govtool.register.dates import parse_user_date
from govtool.services.importing.values import read_date

TYPED = [  # the trial's two, and a few more of the ways import reads (tests/services/importing/test_values.py)
    ("1 Feb 2027", dt.date(2027, 2, 1)),
    ("31/01/27", dt.date(2027, 1, 31)),
    ("3/4/2027", dt.date(2027, 4, 3)),
    ("Fri 31 Dec 2027", dt.date(2027, 12, 31)),
    # the end of a month names its last day (a manager's trial: the import took 'End of Feb')
    ("end of Feb 2027", dt.date(2027, 2, 28)), ("by the end of March 2027", dt.date(2027, 3, 31)),
]


@pytest.mark.parametrize(("typed", "day"), TYPED)
def test_new_action_takes_a_due_date_typed_as_import_reads_it(plan, typed, day) -> None:
    result = plan.run("new", "action", "--title", "Fit a call bell in room 14 and test it every week",
                      "--source", plan.source, "--finding", "F2", "--owner", "jane.smith", "--due", typed,
                      "--target", "Call bell answered within 3 minutes in 4 weekly tests",
                      # agreed on a fixed day, so the due dates (early 2027) are after it on any day this runs
                      "--created", "2026-03-10")
    assert result.exit_code == 0, result.output
    action = result.output.strip().splitlines()[-1]
    assert yaml.safe_load(plan.action_text(action))["due"] == day
    assert read_date(typed).date == day  # one reader for both


@pytest.mark.parametrize(("typed", "says"), [
    ("12/31/2027", "--to '12/31/2027' is not a real date: dates are read day first (DD/MM/YYYY), as in the UK"),
    ("March 2027", "--to 'March 2027' is a month, not a day: give the day, e.g. 31/03/2027"),
    ("31/02/2027", "--to '31/02/2027' is not a real date: February 2027 has 28 days"),
    ("2027-13-01", "--to '2027-13-01' is not a real date"),
    ("next week", "--to 'next week' is not a date: use YYYY-MM-DD or DD/MM/YYYY (or 1 Feb 2027)"),
    ("end of Feb", "--to 'end of Feb' has no year: give it, e.g. 'end of Feb {year}' or 28/02/{year}"),
])
def test_an_ambiguous_or_impossible_date_is_refused_with_the_reason(plan, typed, says) -> None:
    before = plan.action_text()
    result = plan.run("redate", plan.action, "--to", typed, "--reason", "Supplier cannot deliver until March",
                      "--by", "jane.smith")
    assert result.exit_code == 2, result.output
    year = dt.date.today().year + (dt.date.today().month > 2)  # the next end of February
    assert result.stderr == f"govtool: error: {says.format(year=year)}\n"
    assert plan.action_text() == before


def test_today_is_still_a_date() -> None:
    assert parse_user_date("today") == dt.date.today()
