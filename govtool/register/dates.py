"""Dates: ISO ``YYYY-MM-DD`` in files; typed, the ways people in the UK write them.

One reader of typed dates serves the command line and ``govtool import``: ``31/01/2027``,
``31/01/27``, ``31.01.2027``, ``1 Feb 2027``, ``31st January 2027``, ``Fri 31 Dec 2027``,
``by 28-Feb-2027`` and ISO ``2027-01-31``. Numbers are read day first, as in the UK; a date
that only reads month first (``12/31/2027``) is refused as ambiguous rather than guessed. A
month alone (``March 2027``) is read as its last day with a note saying so: an imported plan's
"By when" often says that much; the command line asks for the day instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from govtool.support.errors import GovtoolError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

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
    """A date typed by a user (:func:`read_typed_date`), or 'today', within :data:`USER_DATE_RANGE`.

    A month alone is refused here: a due date or a re-date names a day. Raises GovtoolError."""
    value = text.strip()
    if value.lower() == "today":
        return dt.date.today()
    try:
        read = read_typed_date(value)
    except DateProblem as problem:
        yearless = _END_OF_MONTH.match(value) if problem.kind == "not-a-date" else None
        if yearless:  # 'end of Jan' (an import reads it from the source's date; here there is none)
            month = _MONTHS[yearless[1].casefold()]
            year = dt.date.today().year + (month < dt.date.today().month)
            raise GovtoolError(f"{what} {value!r} has no year: give it, e.g. 'end of {calendar.month_abbr[month]} "
                               f"{year}' or {month_end(year, month):%d/%m/%Y}") from None
        hint = ": use YYYY-MM-DD or DD/MM/YYYY (or 1 Feb 2027)" if problem.kind == "not-a-date" else ""
        raise GovtoolError(f"{what} {problem.typed!r} {problem.says}{hint}") from None
    day = read.date
    # 'end of Feb 2027' names a day, its last; 'Feb 2027' alone a month (a manager's trial: the
    # import took 'End of Feb', the re-date refused it)
    if read.note is not None and not _END_OF_MONTH.match(value):
        raise GovtoolError(f"{what} {value!r} is a month, not a day: give the day, e.g. {day:%d/%m/%Y}")
    first, last = USER_DATE_RANGE
    if not first <= day <= last:
        raise GovtoolError(f"{what} {value} is out of range: give a date from {first} to {last}")
    return day


@dataclass(frozen=True)
class ReadDate:
    date: dt.date
    note: str | None = None  # how a loose date was read, e.g. "March 2027" as its last day


class DateProblem(ValueError):
    """Typed text that is no date. ``kind``: ``not-a-date``, ``not-real`` (31/02/2027) or
    ``month-first`` (12/31/2027, refused as ambiguous); ``says`` is the reason, in words that
    follow the quoted text ("is not a real date")."""

    def __init__(self, kind: str, typed: str, says: str):
        super().__init__(f"{typed!r} {says}")
        self.kind, self.typed, self.says = kind, typed, says


_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
#: A month written as a name or an abbreviation ("January", "Jan", "Sept."), as a pattern of
#: one group: for readers that find dates inside prose (govtool/register/stated_deadline.py).
MONTH_NAME = _MONTH
#: "end of Feb", "by the end of March 2027": the last day of a month, said as one
_END_OF_MONTH = re.compile(rf"^\s*(?:(?:by|before|due)\s+)?(?:the\s+)?end\s+(?:of\s+)?{_MONTH}(?:[\s,\-/]*(?:\d{{2}}|\d{{4}}))?\s*$",
                           re.IGNORECASE)
_LOOSE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
#: A time after the day is dropped, as after an ISO date: Excel writes a date-time cell to a CSV
#: as '20/10/2026 00:00'.
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})[\s\-/]*{_MONTH}[\s,\-/]*(\d{{2}}|\d{{4}})$", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^(?:(?:the\s+)?end\s+(?:of\s+)?)?{_MONTH}[\s,\-/]*(\d{{2}}|\d{{4}})$", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_LEADING = re.compile(r"^(by|before|due|on)\s+", re.IGNORECASE)


def read_typed_date(typed: str) -> ReadDate:
    """A date as people type it (see the module's account); raises :class:`DateProblem`."""
    text = _LEADING.sub("", _WEEKDAY.sub("", " ".join(typed.split())))
    text = _ORDINAL.sub(r"\1", text)
    if not text:
        raise DateProblem("not-a-date", typed, "is empty")
    if match := _LOOSE_ISO.match(text):
        return ReadDate(_real(text, *map(int, match.groups()[:3])))
    if match := _NUMERIC.match(text):
        day, month, year = int(match[1]), int(match[2]), full_year(match[3])
        if month > 12 and day <= 12:
            raise DateProblem("month-first", text, "is not a real date: dates are read day first (DD/MM/YYYY), "
                                                   "as in the UK")
        return ReadDate(_real(text, year, month, day))
    if match := _DAY_MONTH_YEAR.match(text):
        return ReadDate(_real(text, full_year(match[3]), _MONTHS[match[2].casefold()], int(match[1])))
    if match := _MONTH_DAY_YEAR.match(text):
        return ReadDate(_real(text, int(match[3]), _MONTHS[match[1].casefold()], int(match[2])))
    if match := _MONTH_YEAR.match(text):
        year, month = full_year(match[2]), _MONTHS[match[1].casefold()]
        if not 1 <= year <= 9999:
            raise DateProblem("not-real", text, "is not a real date")
        last = month_end(year, month)
        return ReadDate(last, f"{text!r} read as the last day of that month, {last.isoformat()}")
    raise DateProblem("not-a-date", text, "is not a date")


def _real(text: str, year: int, month: int, day: int) -> dt.date:
    """The date, or why ``text`` is no real one: a day past the month's end is said with the
    month's length ("31/02/2027": February 2027 has 28 days), which a person can act on."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        if 1 <= year <= 9999 and 1 <= month <= 12 and day > 28:
            last = month_end(year, month)
            raise DateProblem("not-real", text, f"is not a real date: {last:%B %Y} has {last.day} days") from None
        raise DateProblem("not-real", text, "is not a real date") from None


def full_year(text: str) -> int:
    """A year typed with two digits is this century's: '27' is 2027."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def month_number(name: str) -> int:
    """The month a name or abbreviation matched by :data:`MONTH_NAME` stands for ('Sept.' is 9)."""
    return _MONTHS[name.casefold().rstrip(".")]


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` in ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])
