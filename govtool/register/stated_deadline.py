"""A deadline an action's own words state ("... by 31 January 2027"), and whether its due date keeps it.

A title or a description often carries its own date: an imported plan's "Complete fire risk
assessment actions by 31 January 2027", or a title written before the action was re-dated and
never changed. The plan then makes two commitments. A date counts when a word makes it a
deadline (by, before, no later than, deadline, due) and it is written the way UK plans write
dates; it is read by the reader of typed dates the command line and import share
(:func:`govtool.register.dates.read_typed_date`):

- a day: "31 January 2027", "31st Jan 2027", "Friday 31 January 2027", "31/01/2027",
  "31/01/27", "31.01.2027", "2027-01-31". The due date should be that day ("before" a day: that
  day or the one before it).
- a month: "January 2027", "the end of January 2027", "end Jan 2027". Finishing earlier than
  promised is fine: the due date should fall on or before the month's last day ("before
  January 2027": before the month starts).

Left unread, because they do not say which day: a date without a year ("by 31 January", "by the
end of March"), a quarter ("Q1 2027": of the calendar year or of the financial year?), a year
alone. When a text states several deadlines ("order by 31 December 2026 and fit by 31 January
2027"), the latest is the action's. A deadline followed in its sentence by more work ("live by
31 May 2026, then 8 clean weekly reports", "audit by 31 July 2026 and again in October") is a
step on the way: the due date may come after it, not before it.

The work is bounded: only the first :data:`READ_CHARACTERS` of a text are read (as the text
judges do), a text with no digit or no deadline word is passed over by one search, and a date
is read only where the pattern of one follows such a word.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from govtool.register.dates import MONTH_NAME, USER_DATE_RANGE, DateProblem, read_typed_date

#: How much of a text is read: a deadline is stated in an action's first sentences.
READ_CHARACTERS = 2_000

_WORD = re.compile(r"\b(?:by|before|no later than|deadline|due)\b", re.IGNORECASE)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,? "
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_FORMS = (
    r"\d{4}-\d{1,2}-\d{1,2}(?!\d)",  # 2027-01-31
    r"\d{1,2}(?P<sep>[/.\-])\d{1,2}(?P=sep)(?:\d{4}|\d{2})(?![\d/\-]|\.\d)",  # 31/01/2027, 31.01.27
    rf"\d{{1,2}}{_ORDINAL}(?: of)?[ \-]?{MONTH_NAME}[ ,\-]{{0,2}}\d{{4}}(?!\d)",  # 31st of January 2027
    rf"{MONTH_NAME} \d{{1,2}}{_ORDINAL},? \d{{4}}(?!\d)",  # January 31, 2027
)
_MONTH_FORM = rf"{MONTH_NAME},? \d{{4}}(?!\d)"  # January 2027
_STATED = re.compile(
    r"\b(?P<word>by|before|no later than|(?:deadline|due)(?: date)?(?: by| on| in| of| is)?)"
    r"(?: ?[:\-\u2013] ?| )(?:the )?(?P<end>(?:end|close) (?:of )?)?"
    rf"(?P<date>(?:{_WEEKDAY})?(?:{'|'.join(_DAY_FORMS)})|{_MONTH_FORM})",
    re.IGNORECASE,
)
#: More work after the deadline, in the same sentence: the deadline is a step on the way.
_MORE_WORK = re.compile(r"\b(?:then|again|followed by|after (?:that|which)|thereafter|and (?:each|every))\b",
                        re.IGNORECASE)
_SENTENCE_ENDS = (". ", "; ")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


@dataclass(frozen=True)
class StatedDeadline:
    """A deadline as the text states it."""

    #: as written, e.g. "by 31 January 2027", "by the end of January 2027"
    words: str
    #: the day stated, or the last day of the month stated
    date: dt.date
    #: only a month was stated: any due date up to its last day keeps it
    month: bool
    #: stated with "before" (and not "before the end of"): the promise ends the day before
    before: bool
    #: more work follows it in its sentence: a step on the way, the due date may come later
    step: bool

    @property
    def promised(self) -> dt.date:
        """The last due date the words allow: the due date that would make them agree."""
        if not self.before:
            return self.date
        start = self.date.replace(day=1) if self.month else self.date
        return start - dt.timedelta(days=1)

    def kept_by(self, due: dt.date) -> bool:
        """Whether a due date of ``due`` says what the words say."""
        if self.month:
            return self.step or due <= self.promised
        earliest = self.promised
        latest = self.date  # "before 1 April" is kept by 31 March, and by 1 April as people mean it
        return earliest <= due and (self.step or due <= latest)


def stated_deadline(text: str | None) -> StatedDeadline | None:
    """The latest deadline ``text`` states (see the module's account), or None."""
    if not text:
        return None
    head = " ".join(text[:READ_CHARACTERS].split())
    if not any(ch.isdigit() for ch in head) or _WORD.search(head) is None:
        return None
    latest: StatedDeadline | None = None
    for match in _STATED.finditer(head):
        stated = _read(head, match)
        if stated is not None and (latest is None or stated.date > latest.date):
            latest = stated
    return latest


def _read(head: str, match: re.Match[str]) -> StatedDeadline | None:
    typed = re.sub(r" of ", " ", match["date"], flags=re.IGNORECASE)
    try:
        read = read_typed_date(typed)
    except DateProblem:
        return None  # 31/02/2027, 12/31/2027: no date to hold the due date to
    first, last = USER_DATE_RANGE
    if not first <= read.date <= last:
        return None
    stop = min((found for mark in _SENTENCE_ENDS if (found := head.find(mark, match.end())) != -1), default=len(head))
    return StatedDeadline(
        words=match[0],
        date=read.date,
        month=read.note is not None,
        before=match["word"].casefold() == "before" and match["end"] is None,
        step=_MORE_WORK.search(head, match.end(), stop) is not None,
    )


def long_date(day: dt.date) -> str:
    """A date as a sentence writes it: "18 December 2026" (in English whatever the locale)."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
