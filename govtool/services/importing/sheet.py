"""Read a spreadsheet (xlsx) or a CSV file into numbered rows of cell values.

What real plans do to a sheet, and what this makes of it:

* merged cells: the value of a merged range belongs to every row it spans (a finding merged
  down beside its three actions answers all three), in the range's first column;
* formulas: the value Excel saved with the file is used; a formula without a saved value
  (a file written by a program, never opened in Excel) is a :data:`FORMULA` marker, which
  the caller refuses by row and column if it is in a column it reads;
* several sheets: the caller chooses (``--sheet``, or the one sheet with headings it knows);
* CSV: UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text") or
  Windows-1252 (Excel's "CSV" on Windows); commas, semicolons or tabs. A byte that is text in
  none of them is refused with its row and column.

Cell values are text, numbers or dates, as the file typed them; a number with a fixed number of
decimals or a percentage as its format is the text the cell shows (1.1 formatted ``0.00`` is
"1.10", 0.98 formatted ``0%`` is "98%"), as a person reads it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from govtool.register.dates import DateProblem, read_typed_date
from govtool.services.importing.values import CellValue, text_of
from govtool.support.errors import GovtoolError

#: A formula cell with no value saved in the file.
FORMULA = "\x00formula"
#: A spreadsheet bigger than this is not an action plan; nor is a workbook whose parts
#: unpack to more than MAX_UNPACKED (a zip bomb unpacks a few kilobytes to gigabytes).
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")


@dataclass
class Sheet:
    """One table of cells: ``rows[i]`` is sheet row ``numbers[i]`` (1-based, as Excel shows it)."""

    file: Path
    name: str | None  # the worksheet's name; None for a CSV file
    rows: list[list[CellValue]]
    numbers: list[int]
    notes: list[str] = field(default_factory=list)
    #: what each row number's merged cells came from, for messages: (row, column) -> "B4:B6"
    merged_from: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.file.name}, sheet {self.name!r}" if self.name else self.file.name


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_file(path: Path, choose: Callable[[list[Sheet]], Sheet]) -> Sheet:
    """The sheet to import from ``path``; ``choose`` picks one of a workbook's sheets."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise GovtoolError(f"cannot import {path.name}: give an .xlsx workbook or a .csv file "
                           "(in Excel: File > Save As > Excel Workbook or CSV UTF-8)")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise GovtoolError(f"{path}: no such file") from None
    if size > MAX_BYTES:
        raise GovtoolError(f"{path.name} is {size // (1024 * 1024)} MiB: an action plan is far smaller; "
                           "save only the plan's sheet, as .xlsx or .csv")
    if suffix in (".csv", ".txt"):
        return read_csv(path)
    return choose(read_workbook(path))


# -- xlsx -------------------------------------------------------------------------------------

def read_workbook(path: Path) -> list[Sheet]:
    """Every worksheet of an .xlsx file (formulas replaced by the values saved with them)."""
    from openpyxl import load_workbook  # imported here: only import needs it

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise GovtoolError(f"{path.name} unpacks to {unpacked // (1024 * 1024)} MiB: far more than an action "
                               "plan; save only the plan's sheet in a new workbook")
        formulas = load_workbook(path, data_only=False)
        values = load_workbook(path, data_only=True)
    except GovtoolError:
        raise
    except Exception as error:  # a damaged or hostile file fails inside openpyxl in many ways
        why = " ".join(str(error).split())[:160]  # openpyxl's messages run over several lines
        raise GovtoolError(f"{path.name} is not a readable .xlsx workbook ({why}): "
                           "open it in Excel and save it again as an Excel Workbook") from None
    return [_sheet(path, typed, values[typed.title]) for typed in formulas.worksheets]


def _sheet(path: Path, typed: Any, saved: Any) -> Sheet:
    """One worksheet: ``typed`` as written (formulas), ``saved`` with the values Excel saved."""
    sheet = Sheet(path, typed.title, [], [])
    grid: dict[int, list[CellValue]] = {}
    for row in typed.iter_rows():
        for cell in row:
            value = cell.value
            if value is None:
                continue
            if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
                value = saved.cell(row=cell.row, column=cell.column).value
                if value is None:
                    value = FORMULA
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                value = shown_number(value, cell.number_format) or value
            elif not isinstance(value, (str, int, float, dt.date)):
                value = str(value)  # a rich-text or array-formula object: its text
            _put(grid, cell.row, cell.column - 1, value)
    for merged in typed.merged_cells.ranges:
        first = grid.get(merged.min_row, [])
        value = first[merged.min_col - 1] if merged.min_col - 1 < len(first) else None
        if value is None:
            continue
        for number in range(merged.min_row + 1, merged.max_row + 1):
            _put(grid, number, merged.min_col - 1, value)
            sheet.merged_from[(number, merged.min_col - 1)] = merged.coord
    for number in sorted(grid):
        sheet.numbers.append(number)
        sheet.rows.append(grid[number])
    return sheet


#: Number formats whose text is plain to work out: fixed decimals, thousands, a percentage
#: ('0.00', '#,##0', '0.0%'); other formats (General, dates, currencies, fractions) are left to the number.
_PLAIN_FORMAT = re.compile(r"(#,##)?0(?:\.(0+))?(%?)")


def shown_number(value: int | float, number_format: str | None) -> str | None:
    """The text a number cell shows under ``number_format`` ('0.00': 1.1 -> '1.10'), rounded as
    Excel rounds (half away from zero); None for a format whose text is not worked out here."""
    found = _PLAIN_FORMAT.fullmatch((number_format or "").strip())
    if found is None or not math.isfinite(value):
        return None
    thousands, decimals, percent = found[1], len(found[2] or ""), found[3]
    number = Decimal(repr(value)) * (100 if percent else 1)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if thousands else f"{rounded:.{decimals}f}"
    return text + percent


def _put(grid: dict[int, list[CellValue]], row: int, column: int, value: CellValue) -> None:
    cells = grid.setdefault(row, [])
    if len(cells) <= column:
        cells.extend([None] * (column + 1 - len(cells)))
    cells[column] = value


# -- csv --------------------------------------------------------------------------------------

#: Bytes that Windows-1252 leaves undefined: a file holding one is in neither encoding.
_CP1252_HOLES = "\x81\x8d\x8f\x90\x9d"


def read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    text, encoding = _decode(path, raw)
    sheet = Sheet(path, None, [], [])
    if encoding != "UTF-8":
        sheet.notes.append(f"read as {encoding} text")
    dialect = _dialect(text)
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        sheet.numbers.append(number)
        sheet.rows.append([_csv_cell(cell) for cell in row])
    return sheet


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise GovtoolError(f"{path.name} starts like UTF-16 text but is not: save it as CSV UTF-8") from None
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        latin = raw.decode("latin-1")  # byte for byte, to say where the bad byte is
        for number, row in enumerate(csv.reader(io.StringIO(latin, newline=""), _dialect(latin)), start=1):
            for index, cell in enumerate(row):
                bad = next((c for c in cell if c in _CP1252_HOLES), None)
                if bad is not None:
                    raise GovtoolError(
                        f"{path.name}: row {number}, column {column_letter(index)}: byte 0x{ord(bad):02X} is not "
                        "text in UTF-8 or Windows-1252: save the file from Excel as 'CSV UTF-8'") from None
        raise GovtoolError(f"{path.name} is not text (UTF-8 or Windows-1252): save it from Excel as 'CSV UTF-8'") from None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:20_000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


_DEFUSED = ("'=", "'+", "'-", "'@")


def _csv_cell(text: str) -> CellValue:
    """A CSV cell: empty is None; govtool's own export writes formula-like text as '=…."""
    if not text.strip():
        return None
    if text.startswith(_DEFUSED):
        return text[1:]  # text that govtool's export (or Excel) kept from running as a formula
    if text.startswith("=") and len(text) > 1:
        return FORMULA  # a formula has no value in a CSV file
    return text


def _above_headings(sheet: Sheet, header_row: int) -> list[list[str]]:
    """The texts of each row above the heading row (a title, the provider, the date of the visit)."""
    rows = []
    for number, cells in zip(sheet.numbers, sheet.rows, strict=True):
        if number >= header_row:
            break
        rows.append([text for text in (text_of(cell) for cell in cells if cell != FORMULA) if text])
    return rows


def title_above_headings(sheet: Sheet, header_row: int) -> str | None:
    """The sheet's title: the first row above its headings with one text only (a title merged across)."""
    return next((texts[0] for texts in _above_headings(sheet, header_row) if len(texts) == 1 and len(texts[0]) <= 200), None)


_DATED = re.compile(r"\bdate\b[^:]{0,30}:\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+\s+\d{4})",
                    re.IGNORECASE)


def date_above_headings(sheet: Sheet, header_row: int) -> dt.date | None:
    """A date the sheet names above its headings ('Date of visit: 12/11/2026'), if one reads as a day."""
    for texts in _above_headings(sheet, header_row):
        for text in texts:
            for found in _DATED.finditer(text):
                try:
                    read = read_typed_date(found[1])
                except DateProblem:
                    continue
                if read.note is None:
                    return read.date
    return None
