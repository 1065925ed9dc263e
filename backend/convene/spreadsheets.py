"""Tables as CSV and XLSX files that a spreadsheet opens safely and shows as typed.

Names, functions and phone numbers come from focal points, so an export must
never let one of them run as a formula in the secretariat's spreadsheet:

- CSV has no cell types, so a cell that a spreadsheet would read as a formula
  (starting with ``=``, ``+``, ``-``, ``@``, TAB or CR) is prefixed with an
  apostrophe, and every cell is quoted, so that a spreadsheet that splits on
  ``;`` (as Excel does in many locales) cannot cut ``Jo;=CMD()`` into a
  formula cell.
- XLSX has cell types: every cell is written as a text cell, so ``+43 1 26060``
  reads exactly as typed and ``=HYPERLINK(...)`` stays text. Characters that
  XML cannot carry (control characters) become U+FFFD instead of breaking the
  whole export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"

Table = Sequence[Sequence[str]]
"""A header row, then one row per record: every cell already text."""


def csv_bytes(table: Table) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads it as UTF-8), every cell quoted and inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    for row in table:
        writer.writerow([_inert(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(table: Table, sheet_title: str) -> bytes:
    """One sheet of text cells, its header row frozen."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = sheet_title
    for row_number, row in enumerate(table, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value)
            cell.data_type = TYPE_STRING  # openpyxl would otherwise store "=..." as a formula
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text
