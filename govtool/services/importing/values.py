"""Cell values as people type them in a plan: UK dates, statuses and RAG colours, regulations.

Each reader takes what the cell held (text, a number, or a real date from a spreadsheet)
and returns the value govtool stores, or raises :class:`ValueProblem` with a message that
says what was expected; the caller adds the row and column.
"""

from __future__ import annotations

import datetime as dt
import re

from govtool.register.dates import DateProblem, ReadDate, read_typed_date
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


def read_date(value: CellValue) -> ReadDate:
    """A date from a cell: a spreadsheet date, or text read as the command line reads a typed
    date (:func:`govtool.register.dates.read_typed_date`: ISO, or UK style, day first)."""
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
        raise ValueProblem(f"{problem.typed!r} {problem.says}: {DATE_HINT}") from None


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
