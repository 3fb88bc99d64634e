"""Real spreadsheet files for the import tests, built the way Excel users leave them."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Row = Sequence[Any]


def workbook(path: Path, rows: Sequence[Row], *, title: str = "Action plan", start_row: int = 1,
             merges: Sequence[str] = (), extra_sheets: dict[str, Sequence[Row]] | None = None,
             first_sheets: dict[str, Sequence[Row]] | None = None) -> Path:
    """An .xlsx with ``rows`` from ``start_row`` (rows above it left empty), merged ranges applied."""
    book = Workbook()
    book.remove(book.active)
    for name, sheet_rows in (first_sheets or {}).items():
        _fill(book.create_sheet(name), sheet_rows, 1)
    sheet = book.create_sheet(title)
    _fill(sheet, rows, start_row)
    for cells in merges:
        sheet.merge_cells(cells)
    for name, sheet_rows in (extra_sheets or {}).items():
        _fill(book.create_sheet(name), sheet_rows, 1)
    book.save(path)
    return path


def _fill(sheet: Any, rows: Sequence[Row], start_row: int) -> None:
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=start_row + offset, column=column, value=value)


def save_cached_values(path: Path, cached: dict[str, str], sheet_file: str = "xl/worksheets/sheet1.xml") -> None:
    """Give formula cells the text value Excel saves beside a formula (openpyxl cannot write one;
    it writes an empty value, as ``<v/>`` or ``<v></v>`` depending on its XML writer)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[sheet_file].decode()
    for cell, value in cached.items():
        xml, count = re.subn(rf'<c r="{cell}"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)', rf'<c r="{cell}"\1 t="str"><f>\2</f><v>{value}</v>', xml)
        assert count == 1, cell
    parts[sheet_file] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def csv_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path
