"""Dates: ISO ``YYYY-MM-DD`` in files; the CLI also takes UK ``DD/MM/YYYY``."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from govtool.support.errors import GovtoolError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

#: The dates a user may type. Commands count days and months from the dates they are given
#: (a digest looks ahead, a report back over quarters, a calendar event ends the next day), and
#: Python's dates stop at 0001-01-01 and 9999-12-31: a date far from either end keeps all of
#: that arithmetic inside, and no plan needs a date outside it.
USER_DATE_RANGE = (dt.date(1900, 1, 1), dt.date(9000, 12, 31))


def parse_file_date(value: object) -> dt.date | None:
    """A date as stored in a record, or None when absent or not a real ISO date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    return _parse_iso(value)


@lru_cache(maxsize=8192)
def _parse_iso(value: str) -> dt.date | None:
    """Remembered: a register repeats the same few hundred dates thousands of times."""
    match = _ISO.match(value)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def parse_user_date(text: str, what: str = "date") -> dt.date:
    """A date typed by a user: ISO or DD/MM/YYYY, or 'today', within :data:`USER_DATE_RANGE`.

    Raises GovtoolError."""
    value = text.strip()
    if value.lower() == "today":
        return dt.date.today()
    iso = _ISO.match(value)
    uk = _UK.match(value)
    try:
        if iso:
            day = dt.date(*map(int, iso.groups()))
        elif uk:
            day_of_month, month, year = map(int, uk.groups())
            day = dt.date(year, month, day_of_month)
        else:
            raise GovtoolError(f"{what} {text!r} is not a date: use YYYY-MM-DD or DD/MM/YYYY")
    except ValueError:
        raise GovtoolError(f"{what} {text!r} is not a real date") from None
    first, last = USER_DATE_RANGE
    if not first <= day <= last:
        raise GovtoolError(f"{what} {value} is out of range: give a date from {first} to {last}")
    return day
