"""The register as one table of actions, for people who live in spreadsheets.

:func:`export_table` builds the table once (typed values: text, numbers, real dates); the
writers only format it: CSV and XLSX with readable headers, JSON with stable keys. Text from
the register is untrusted: a cell that a spreadsheet would run as a formula ("=HYPERLINK(…)")
is written as text in XLSX and prefixed with an apostrophe in CSV (the OWASP advice).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from govtool.register.model import Action, Register
from govtool.register.rag import Milestone, next_milestone, rag_status
from govtool.register.vocabulary import LEVELS, PRIORITIES, SOURCE_TYPE_LABELS, STATUS_LABELS
from govtool.report.domain import KEY_QUESTIONS
from govtool.support.atomicfile import replace_atomically
from govtool.support.terminal import dumps_json, printable

Value = str | int | dt.date | None


@dataclass(frozen=True)
class Column:
    key: str  # JSON key
    header: str  # CSV / spreadsheet header
    value: Callable[[Register, Action, dt.date], Value]
    width: int = 14  # the widest the spreadsheet column is made (in characters); longer text wraps
    #: The words a sheet shows for a code the file holds ('In progress' for in_progress), as the
    #: reports print it; JSON keeps the code, for scripts.
    words: Mapping[str, str] | None = None
    #: What the column is for, as a note on its heading in the spreadsheet (the columns left
    #: empty for 'govtool import').
    note: str | None = None

    def shown(self, value: Value) -> Value:
        """``value`` as a spreadsheet or CSV file shows it."""
        if self.words is not None and isinstance(value, str):
            return self.words.get(value, value)
        return value


def _person_name(register: Register, who: str | None) -> str | None:
    return register.display_name(who) if who else None


def _role(register: Register, who: str | None) -> str | None:
    person = register.person(who)
    return person.role if person else None


def rag(action: Action, today: dt.date, register: Register | None = None) -> str:
    """The RAG word the reports show (govtool.register.rag: the one definition)."""
    return rag_status(action, today, register).label


def _milestone(action: Action, today: dt.date) -> Milestone | None:
    return next_milestone(action, today)


def _evidence(action: Action) -> str | None:
    completion = action.completion
    if not completion or not completion.evidence:
        return None
    return "; ".join(f"{e.target} ({e.description})" if e.description else e.target for e in completion.evidence)


def _original_due(action: Action) -> dt.date | None:
    redates = action.redates
    due: dt.date | None = redates[0].from_ if redates else action.due
    return due


def _c(key: str, header: str, value: Callable[[Register, Action, dt.date], Value], width: int = 14,
       words: Mapping[str, str] | None = None, note: str | None = None) -> Column:
    return Column(key, header, value, width, words, note)


#: The words the reports print for each code (the action plan's "CQC inspection report",
#: "In progress", "Well-led", "MUST", "High").
PRIORITY_WORDS = {value: value.capitalize() for value in PRIORITIES}
LEVEL_WORDS = {value: value.upper() for value in LEVELS}
#: Said on the headings of the two columns left empty for people to fill in.
REDATE_NOTE = ("Left empty for you: to move the due date, type the new date in 'Due' and why here; "
               "'govtool import' records it as a re-date. 'Why it last moved' shows the last one recorded.")
NEW_NOTE_NOTE = "Left empty for you: a progress note typed here becomes one with 'govtool import'."


COLUMNS: tuple[Column, ...] = (
    # The plan's own number for the action ('1.2', 'R3'), first, as plans show it: text, never a number.
    _c("reference", "Ref", lambda r, a, t: a.reference, 10),
    _c("id", "ID", lambda r, a, t: a.id, 12),
    _c("title", "Action", lambda r, a, t: a.title, 50),
    _c("description", "Description", lambda r, a, t: a.description, 30),
    _c("source", "Source ID", lambda r, a, t: a.source_id, 12),
    _c("source_title", "Source", lambda r, a, t: a.source.title if a.source else None, 30),
    _c("source_type", "Source type", lambda r, a, t: a.source.type if a.source else None, 16, SOURCE_TYPE_LABELS),
    _c("source_date", "Source date", lambda r, a, t: a.source.date if a.source else None, 12),
    _c("finding", "Finding ID", lambda r, a, t: a.finding_id, 10),
    _c("finding_text", "Finding", lambda r, a, t: a.finding.text if a.finding else None, 50),
    _c("regulation", "Regulation", lambda r, a, t: a.finding.regulation if a.finding else None, 11),
    _c("key_question", "Key question", lambda r, a, t: a.finding.key_question if a.finding else None, 12, KEY_QUESTIONS),
    _c("level", "Must / should", lambda r, a, t: a.finding.level if a.finding else None, 9, LEVEL_WORDS),
    _c("risk", "Risk ID", lambda r, a, t: a.risk_id, 12),
    _c("control", "Control ID", lambda r, a, t: a.control_id, 10),
    _c("parent", "Parent action", lambda r, a, t: a.parent_id, 12),
    _c("owner", "Owner ID", lambda r, a, t: a.owner, 14),
    _c("owner_name", "Owner", lambda r, a, t: _person_name(r, a.owner), 20),
    _c("owner_role", "Owner role", lambda r, a, t: _role(r, a.owner), 20),
    _c("priority", "Priority", lambda r, a, t: a.priority, 9, PRIORITY_WORDS),
    _c("created", "Created", lambda r, a, t: a.created, 12),
    _c("original_due", "Original due date", lambda r, a, t: _original_due(a), 12),
    _c("due", "Due", lambda r, a, t: a.due, 12),
    _c("times_redated", "Times re-dated", lambda r, a, t: len(a.redates), 9),
    # Left empty for people editing the sheet: 'govtool import' turns a new due date with its
    # reason here into a re-date.
    _c("redate_reason", "Re-date reason", lambda r, a, t: None, 30, note=REDATE_NOTE),
    # What the plan's reader wants beside "Times re-dated": why it last moved, and when.
    _c("last_redate", "Last re-dated", lambda r, a, t: a.redates[-1].date if a.redates else None, 12),
    _c("last_redate_reason", "Why it last moved", lambda r, a, t: a.redates[-1].reason if a.redates else None, 30),
    _c("status", "Status", lambda r, a, t: a.status, 12, STATUS_LABELS),
    _c("rag", "RAG", lambda r, a, t: rag(a, t, r), 7),
    _c("measure_target", "Target (measure)", lambda r, a, t: a.measure.target if a.measure else None, 30),
    _c("measure_baseline", "Baseline", lambda r, a, t: a.measure.baseline if a.measure else None, 30),
    _c("measure_method", "How it is checked", lambda r, a, t: a.measure.method if a.measure else None, 30),
    _c("latest_update_date", "Latest update date", lambda r, a, t: a.latest_update.date if a.latest_update else None, 12),
    _c("latest_update", "Latest update", lambda r, a, t: a.latest_update.note if a.latest_update else None, 40),
    _c("next_milestone", "Next milestone", lambda r, a, t: m.text if (m := _milestone(a, t)) else None, 30),
    _c("milestone_due", "Milestone due", lambda r, a, t: m.due if (m := _milestone(a, t)) else None, 12),
    # Left empty: 'govtool import' turns a note written here into a progress note.
    _c("new_note", "New progress note", lambda r, a, t: None, 40, note=NEW_NOTE_NOTE),
    _c("completed", "Completion date", lambda r, a, t: a.completion.date if a.completion else None, 12),
    _c("completed_by", "Completed by", lambda r, a, t: _person_name(r, a.completion.by) if a.completion else None, 20),
    _c("change", "Change to practice", lambda r, a, t: a.completion.change if a.completion else None, 40),
    _c("evidence", "Evidence", lambda r, a, t: _evidence(a), 40),
    _c("closed", "Closure date", lambda r, a, t: a.closure.date if a.closure else None, 12),
    _c("closed_by", "Closed by", lambda r, a, t: _person_name(r, a.closure.by) if a.closure else None, 20),
    _c("closure_note", "Closure note", lambda r, a, t: a.closure.text if a.closure else None, 40),
    _c("cancelled", "Cancellation date", lambda r, a, t: a.cancellation.date if a.cancellation else None, 12),
    _c("cancellation_reason", "Cancellation reason", lambda r, a, t: a.cancellation.text if a.cancellation else None, 30),
)


@dataclass
class Table:
    columns: tuple[Column, ...]
    rows: list[list[Value]]


def plan_order(action: Action) -> tuple[Any, ...]:
    """Source, then the finding's place in it, then due date: the order a plan is read in."""
    finding_index = action.finding.index if action.finding else -1
    return (action.source_id or "~", finding_index, action.due or dt.date.max, action.id)


def export_table(register: Register, today: dt.date, actions: Iterable[Action] | None = None) -> Table:
    """Every action (or the given ones) as rows of typed values, one column per field."""
    chosen = sorted(register.actions.values(), key=plan_order) if actions is None else list(actions)
    return Table(COLUMNS, [[column.value(register, a, today) for column in COLUMNS] for a in chosen])


# -- writers ----------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = printable(str(value))
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell_text(column.shown(v)) for column, v in zip(table.columns, row, strict=True)])
    return out.getvalue()


def to_json(table: Table) -> str:
    records = [
        {c.key: v.isoformat() if isinstance(v, dt.date) else v for c, v in zip(table.columns, row, strict=True)}
        for row in table.rows
    ]
    return dumps_json(records, indent=2) + "\n"


#: The heading colour of the columns left empty for people to fill in (pale yellow, as input cells go).
INPUT_FILL = "FFF2CC"
RAG_FILLS = {"Red": "F4B6B6", "Amber": "FFD899", "Green": "B9E0B9", "Blue": "B7D3F2", "Cancelled": "D9D9D9"}


#: The date format of UK spreadsheets (Excel shows 31/01/2027 whatever the machine's locale).
UK_DATE = "dd/mm/yyyy"
#: Columns whose text is a number when it is all digits (regulation 12, but 9a stays text).
_NUMBER_TEXT = frozenset({"regulation"})
#: Columns whose cells are formatted as text ('@'), so that Excel keeps '1.10' as typed and does
#: not make it the number 1.1, in the rows exported and in rows people add below them.
_TEXT_COLUMNS = frozenset({"reference"})
#: Excel's number format for text.
TEXT_FORMAT = "@"
#: The narrowest a column is made, in characters.
_NARROWEST = 6


def write_xlsx(table: Table, path: Path | BinaryIO, title: str = "Actions") -> None:
    """A workbook with a frozen, filterable header row, real dates in UK style, numbers as
    numbers, RAG colours, columns fitted to their content, and set up to print (landscape, one
    page wide, the header row on every page). ``path`` may be an open binary stream."""
    from openpyxl import Workbook  # imported here: only this writer needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    # Write-only mode streams rows, and each style object is made once and shared: styling
    # cell by cell costs openpyxl a style lookup per cell (18 s for 2,000 actions, against 3 s).
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    rows = [[_sheet_value(value, column) for column, value in zip(table.columns, row, strict=True)] for row in table.rows]
    for number, column in enumerate(table.columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(number)]
        dimension.width = _fitted_width(column, rows, number - 1)
        if column.key in _TEXT_COLUMNS:
            dimension.number_format = TEXT_FORMAT  # a cell typed below the rows is text too
    keys = [c.key for c in table.columns]
    # The header row, and the columns up to the ID (the Ref beside it), stay in view.
    sheet.freeze_panes = f"{get_column_letter(keys.index('id') + 2)}2" if "id" in keys else "A2"
    last = get_column_letter(len(table.columns))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4 (ECMA-376 paper size 9)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # one page wide, as long as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"  # the header row on every printed page

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    fills = {name: PatternFill("solid", start_color=rgb, end_color=rgb) for name, rgb in RAG_FILLS.items()}
    rag_column = next((i for i, c in enumerate(table.columns) if c.key == "rag"), None)
    text_columns = {i for i, c in enumerate(table.columns) if c.key in _TEXT_COLUMNS}

    def cell(value: Value, index: int) -> Any:  # openpyxl's stubs type WriteOnlyCell as a function
        out = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]  # it writes dates; its stubs say datetime
        if isinstance(value, str):
            out.data_type = "s"  # register text is never a formula
            if len(value) > table.columns[index].width:
                out.alignment = wrap
            if index == rag_column and value in fills:
                out.fill = fills[value]
        elif isinstance(value, dt.date):
            out.number_format = UK_DATE
        if index in text_columns:
            out.number_format = TEXT_FORMAT
        return out

    header = []
    to_fill = PatternFill("solid", start_color=INPUT_FILL, end_color=INPUT_FILL)
    for c in table.columns:
        head = WriteOnlyCell(sheet, value=c.header)
        head.font, head.alignment = bold, wrap
        if c.note:  # a column left empty for people to fill in: shaded, and its heading says what for
            head.fill = to_fill
            head.comment = Comment(c.note, "govtool", width=300, height=110)
        header.append(head)
    sheet.append(header)
    for row in rows:
        sheet.append([cell(value, i) for i, value in enumerate(row)])
    if not isinstance(path, Path):
        book.save(path)
        return
    replace_atomically(path, book.save)


def _sheet_value(value: Value, column: Column) -> Value:
    """A value as its cell holds it: a code in words, text made safe for a sheet, digits as a
    number where meant."""
    value = column.shown(value)
    if isinstance(value, str):
        if column.key in _NUMBER_TEXT and value.isdigit():
            return int(value)
        return _sheet_text(value)
    return value


def _fitted_width(column: Column, rows: list[list[Value]], index: int) -> float:
    """The width that shows the column's longest value (or header word), up to ``column.width``."""
    def shown(value: Value) -> int:
        if isinstance(value, dt.date):
            return len("31/12/2026")
        return len(str(value)) if value is not None else 0

    longest = max([max(len(word) for word in column.header.split()), *(shown(row[index]) for row in rows)])
    return min(max(longest + 2, _NARROWEST), max(column.width, _NARROWEST))


#: Control characters a worksheet cannot hold (openpyxl refuses the whole file for one).
_SHEET_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The most characters Excel shows in one cell; a longer cell makes Excel "repair" the file.
SHEET_CELL_LIMIT = 32_767


def _sheet_text(text: str) -> str:
    """Register text as a cell can hold it: control characters shown as U+FFFD, long text cut."""
    text = _SHEET_ILLEGAL.sub("\ufffd", text)
    if len(text) > SHEET_CELL_LIMIT:
        text = text[: SHEET_CELL_LIMIT - 1] + "…"
    return text
