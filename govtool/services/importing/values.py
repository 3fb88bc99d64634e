"""Cell values as people type them in a plan: UK dates, statuses and RAG colours, regulations.

Each reader takes what the cell held (text, a number, or a real date from a spreadsheet)
and returns the value govtool stores, or raises :class:`ValueProblem` with a message that
says what was expected; the caller adds the row and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from govtool.register.dates import (
    MONTH_NAME,
    DateProblem,
    ReadDate,
    full_year,
    month_end,
    month_number,
    read_typed_date,
)
from govtool.register.vocabulary import KEY_QUESTIONS, LEVELS, PRIORITIES, cited_regulation

CellValue = str | int | float | dt.date | None


class ValueProblem(Exception):
    """A cell that cannot be read as the value its column holds."""


def text_of(value: CellValue) -> str:
    """The cell as one line of text ('' when empty); whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def note_text(value: CellValue) -> str:
    """A cell of prose: line breaks inside it kept, blank edges trimmed."""
    if isinstance(value, str):
        lines = [" ".join(line.split()) for line in value.strip().splitlines()]
        return "\n".join(line for line in lines if line)
    return text_of(value)


DATE_HINT = "type a date such as 31/03/2027 or 31 Mar 2027"


def read_date(value: CellValue, after: dt.date | None = None) -> ReadDate:
    """A date from a cell: a spreadsheet date, or text read as the command line reads a typed
    date (:func:`govtool.register.dates.read_typed_date`: ISO, or UK style, day first).

    A plan's timescale also says less than a date: a month with no year ('end of Jan',
    'March') is read, when ``after`` (the day the plan was written: its source's date) is
    given, as the first end of that month on or after it, with a note saying so; without it,
    refused asking for the year. A quarter is read only when it names a financial year
    ('Q1 2027/28' ends 30 June 2027); 'Q1 2027' alone is refused, as it may mean January to
    March (the calendar year) or April to June (the financial year)."""
    if isinstance(value, dt.datetime):
        return ReadDate(value.date())
    if isinstance(value, dt.date):
        return ReadDate(value)
    if isinstance(value, (int, float)):
        raise ValueProblem(f"{text_of(value)!r} is a number, not a date: {DATE_HINT}")
    try:
        return read_typed_date(str(value))
    except DateProblem as problem:
        if problem.says == "is empty":
            raise ValueProblem("is empty") from None
        if problem.kind == "month-first":  # its own reason says what to do
            raise ValueProblem(str(problem)) from None
        try:
            loose = _loose_date(" ".join(str(value).split()), after)
        except ValueError:  # a quarter or month end past the last year a date can hold ('Q4 9999')
            raise ValueProblem(f"{problem.typed!r} is not a real date: {DATE_HINT}") from None
        if loose is not None:
            return loose
        raise ValueProblem(f"{problem.typed!r} {problem.says}: {DATE_HINT}") from None


_YEARLESS = re.compile(rf"^(?:(?:by|before|due)\s+)?(?:the\s+)?(?:end\s+(?:of\s+)?)?{MONTH_NAME}$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:(?:by|before|due)\s+)?(?:the\s+)?(?:end\s+(?:of\s+)?)?q(?:uarter\s*)?([1-4])\b[\s,]*"
                      r"(?:of\s+)?(fy|financial\s+year)?\s*(\d{4}|\d{2})(?:\s*[/-]\s*(\d{4}|\d{2}))?$",
                      re.IGNORECASE)


def _loose_date(text: str, after: dt.date | None) -> ReadDate | None:
    """A month with no year, or a quarter (see :func:`read_date`); None when ``text`` is neither.
    Raises :class:`ValueProblem` when it is one but cannot be read as one day."""
    if match := _YEARLESS.match(text):
        month = month_number(match[1])
        name = calendar.month_name[month]
        if after is None:
            example = _month_end_from(dt.date.today(), month)
            raise ValueProblem(f"{text!r} has no year: add the year: e.g. 'end of {name[:3]} {example.year}' or "
                               f"{example:%d/%m/%Y}")
        last = _month_end_from(after, month)
        return ReadDate(last, f"{text!r} has no year: read as {last.isoformat()}, the first end of {name} on or "
                              f"after the source's date ({after.isoformat()}); if the plan meant another year, "
                              "type the date in the sheet")
    if match := _QUARTER.match(text):
        quarter, first = int(match[1]), full_year(match[3])
        second = full_year(match[4]) if match[4] else None
        year_name = f"{first}/{str(first + 1)[2:]}"  # the UK financial year that starts in April of ``first``
        if second is not None and second != first + 1:
            raise ValueProblem(f"{text!r} names no financial year (a UK financial year runs April to March, as in "
                               f"'Q{quarter} {year_name}'): {DATE_HINT}")
        # Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March of the next year
        financial_end = month_end(first + (quarter == 4), (quarter * 3 + 3 - 1) % 12 + 1)
        if second is None:
            calendar_end = month_end(first, quarter * 3)
            raise ValueProblem(
                f"{text!r} is ambiguous: Q{quarter} of the calendar year {first} ends {calendar_end:%d/%m/%Y}, Q{quarter} "
                f"of the {year_name} financial year ends {financial_end:%d/%m/%Y}: type the date "
                f"the plan means (e.g. {calendar_end:%d/%m/%Y}), or write the financial year (Q{quarter} {year_name})")
        return ReadDate(financial_end, f"{text!r} read as the last day of quarter {quarter} of the {year_name} "
                                       f"financial year (April to March), {financial_end.isoformat()}")
    return None


def _month_end_from(day: dt.date, month: int) -> dt.date:
    """The first last day of ``month`` on or after ``day``."""
    return month_end(day.year if month >= day.month else day.year + 1, month)


_CLAIMS_DONE = re.compile(r"^(?:all\s+)?(?:complete|completed|done|finished|achieved|actioned|closed|met)\b"
                          r"(?!\s*(?:\d|by\b|for\b|of\b|on\s+\d|in\s+\d|with\b))", re.IGNORECASE)


def claims_done(note: str) -> bool:
    """A progress cell that says the action is done ('Complete', 'Done.', 'Completed - log now
    kept daily'), rather than how far it has got ('Completed 34 of 60', 'Done for 9 of 14')."""
    return bool(_CLAIMS_DONE.match(note.strip()))


_LEADING_DATE = re.compile(r"^\s*(?:(?:update|updated|as\s+at|as\s+of)\s*)?"
                           r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+"
                           rf"{MONTH_NAME}\s+\d{{4}})\s*[:\-–—)]", re.IGNORECASE)


def leading_date(note: str) -> dt.date | None:
    """The date a progress cell starts with ('20/11/2026: flags added', 'Update 20 Nov 2026 - ...'):
    the day that update was written. None when it starts with none."""
    match = _LEADING_DATE.match(note)
    if match is None:
        return None
    try:
        read = read_typed_date(match[1])
    except DateProblem:
        return None
    return read.date if read.note is None else None


# -- statuses ---------------------------------------------------------------------------------

_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "open": ("open", "not started", "not yet started", "new", "to do", "todo", "planned", "pending", "red", "r"),
    "in_progress": (
        "in progress", "in_progress", "inprogress", "ongoing", "on going", "on track", "started", "underway",
        "under way", "partially met", "partially complete", "partly complete", "behind", "delayed",
        "overdue", "at risk", "off track", "amber", "a", "wip",
    ),
    "completed": ("complete", "completed", "done", "achieved", "met", "finished", "green", "g"),
    "closed": ("closed", "signed off", "sign off", "assured", "embedded", "complete and assured", "blue", "b"),
    "cancelled": (
        "cancelled", "canceled", "no longer required", "not required", "withdrawn", "superseded", "n/a",
        "not applicable",
    ),
}
_STATUS = {word: status for status, words in _STATUS_WORDS.items() for word in words}
STATUS_HINT = "use Not started, In progress, Complete, Closed or Cancelled, or a RAG colour"


def read_status(value: CellValue) -> str:
    """open, in_progress, completed, closed or cancelled, from a status or a RAG colour.

    Red means off track: the work is still to do, so it reads as open (or in progress once a
    progress note is recorded); Amber in progress; Green completed; Blue closed (assured).
    """
    text = text_of(value).casefold().strip(" .!")
    text = re.sub(r"\s*[-–(].*$", "", text) if text not in _STATUS else text  # "Amber - on track"
    if text in _STATUS:
        return _STATUS[text]
    raise ValueProblem(f"{text_of(value)!r} is not a status govtool knows: {STATUS_HINT}")


# -- finding details --------------------------------------------------------------------------

def read_regulation(value: CellValue) -> str:
    """'Regulation 12: Safe care and treatment', 'Reg 17(2)(b)', '18' -> '12', '17', '18'
    (the reader ``--regulation`` uses too: :func:`govtool.register.vocabulary.cited_regulation`)."""
    text = text_of(value)
    cited = cited_regulation(text)
    if cited is None:
        raise ValueProblem(f"{text!r} names no regulation of the 2014 Regulations (9 to 20A)")
    return cited.number


def read_key_question(value: CellValue) -> str:
    """'Is the service safe?', 'Well led', 'EFFECTIVE' -> the key question."""
    folded = re.sub(r"[\s_]+", "-", text_of(value).casefold())
    found = [kq for kq in KEY_QUESTIONS if re.search(rf"(^|[^a-z]){re.escape(kq)}($|[^a-z])", folded)]
    if len(found) != 1:
        raise ValueProblem(f"{text_of(value)!r} is not one key question ({', '.join(KEY_QUESTIONS)})")
    return found[0]


def read_level(value: CellValue) -> str:
    """'Must', 'Must do', 'Requirement' -> must; 'Should', 'Recommendation' -> should."""
    folded = text_of(value).casefold()
    found = [level for level in LEVELS if level in folded.split() or folded.startswith(level)]
    if not found:
        found = ["must"] if "requirement" in folded or "breach" in folded else (
            ["should"] if "recommend" in folded or "improvement" in folded else [])
    if len(found) != 1:
        raise ValueProblem(f"{text_of(value)!r} is neither must nor should")
    return found[0]


_PRIORITY_WORDS = {"h": "high", "urgent": "high", "critical": "high", "m": "medium", "med": "medium",
                   "moderate": "medium", "l": "low", "1": "high", "2": "medium", "3": "low"}


def read_priority(value: CellValue) -> str:
    folded = text_of(value).casefold()
    priority = folded if folded in PRIORITIES else _PRIORITY_WORDS.get(folded)
    if priority is None:
        raise ValueProblem(f"{text_of(value)!r} is not a priority ({', '.join(PRIORITIES)})")
    return priority
