"""A `.xlsx` table: one sheet's values as the spreadsheet last calculated them.

The workbook is untrusted. Before openpyxl sees it, its zip members are checked as a
.docx's are (`documents/docxsafe.py`: names, count, compression) and each is inflated
under a cap, so a zip bomb stops early; a member with a DOCTYPE (how XML entity bombs
start; Excel never writes one) is refused. openpyxl then reads it `read_only` (streamed)
and `data_only` (the values a spreadsheet saved, not its formulas), bounded to
MAX_COLUMNS columns.

Refused, naming the cell, never guessed: a formula with no saved value (a file written
by a program, never opened and saved in a spreadsheet: `data_only` reads it as empty,
so the formulas are read a second time to tell it from an empty cell); an error value
(`#DIV/0!`); and merged cells, whose value sits in the first cell only (a merged header
would leave columns unnamed): each must be unmerged and filled in.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterator
from typing import Any

from docgen.errors import InputError, Problem, UsageError
from docgen.tables.sheet import MAX_COLUMNS, MAX_ROWS, TableError, Value, printable, problem

EXCEL_ROWS = 1_048_576
"""The most rows a sheet can have; a dimension claiming more is not believed."""
ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!"})
FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
MERGED = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"")
DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
WIDE_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{2,3})([0-9]+)\""
                       rb"[^>]*?(/>|>.*?</(?:\w+:)?c>)", re.DOTALL)
"""A cell named by a reference of two or three letters (column 27 on), with its content."""
MAX_PROBLEMS = 50
Row = tuple[int, tuple[Value | None, ...]]


def checked_parts(data: bytes, name: str) -> dict[str, bytes]:
    """Every member of the workbook's zip, read as docgen reads a .docx (`docxsafe`)."""
    from docgen.documents.docxsafe import DocxError, NotAZip, zip_members

    try:
        parts = dict(zip_members(data, "a workbook"))
    except NotAZip as exc:
        raise TableError(f"{name}: not an Excel workbook (.xlsx): {printable(exc)}") from None
    except DocxError as exc:
        raise TableError(f"{name}: {printable(exc)}") from None
    for member, content in parts.items():
        if DOCTYPE.search(content, 0, 4096):
            raise TableError(f"{name}: {printable(member)} has a DOCTYPE declaration, which "
                             "no spreadsheet writes; save the file again from Excel or "
                             "LibreOffice Calc")
    return parts


def open_workbook(data: bytes, name: str, *, data_only: bool) -> Any:
    """openpyxl's streaming reader over the (checked) bytes."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # "no default style" and the like: not the user's
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # an untrusted file handed to a third-party parser
        raise unreadable(name, exc) from None


def unreadable(name: str, exc: Exception) -> TableError:
    """A workbook openpyxl cannot read, with its reason (the file's own text escaped)."""
    return TableError(f"{name}: not an Excel workbook (.xlsx) docgen can read "
                      f"({type(exc).__name__}: {printable(exc)[:200]})")


def chosen_sheet(workbook: Any, wanted: str | None, name: str) -> Any:
    """The first worksheet, or the one named `wanted` (a usage error naming the others)."""
    sheets = list(workbook.worksheets)
    if not sheets:
        raise TableError(f"{name}: the workbook has no worksheet")
    if wanted is None:
        return sheets[0]
    for sheet in sheets:
        if sheet.title == wanted:
            return sheet
    from docgen.cluster.suggest import suggestion

    titles = [printable(sheet.title) for sheet in sheets]
    raise UsageError(f"{name} has no sheet named '{printable(wanted)}'"
                     f"{suggestion(wanted, titles)} (its sheets: {', '.join(titles)})")


def sheet_values(sheet: Any, name: str) -> Iterator[tuple[Value | None, ...]]:
    """Each row's values from column 1 to one past MAX_COLUMNS, row 1 first, gaps filled.

    openpyxl parses the sheet as it goes, so a malformed one fails here, part way.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield from sheet.iter_rows(min_row=1, max_row=EXCEL_ROWS, max_col=MAX_COLUMNS + 1,
                                       values_only=True)
    except Exception as exc:  # an untrusted file handed to a third-party parser
        raise unreadable(name, exc) from None


def refuse_wide_cells(xml: bytes, name: str) -> None:
    """A value past column MAX_COLUMNS is refused, not dropped (the rows are read only that
    far). A cell there holding only a format is nothing and passes."""
    from openpyxl.utils.cell import column_index_from_string

    from docgen.tables.sheet import too_many_columns

    for match in WIDE_CELL.finditer(xml):
        column = column_index_from_string(match.group(1).decode("ascii"))
        if column > MAX_COLUMNS and re.search(rb"<(?:\w+:)?(?:v|is|f)\b", match.group(3)):
            raise too_many_columns(name, int(match.group(2)), column)


def merged_problems(xml: bytes, name: str) -> list[Problem]:
    """Each merged range of the sheet, refused at its first cell."""
    from openpyxl.utils.cell import range_boundaries

    found = []
    for match in MERGED.finditer(xml):
        cells = match.group(1).decode("ascii").upper()
        column, row, _, _ = range_boundaries(cells)
        where = "header cells" if row == 1 else "cells"
        found.append(problem(name, row or 1, column or 1, f"{where} {cells} are merged; "
                             "unmerge them and give each cell its own value"
                             + (" (each column its own header, such as vet_coordinator.name)"
                                if row == 1 else "")))
    return found


def xlsx_rows(data: bytes, name: str, wanted: str | None) -> tuple[list[Row], dt.datetime]:
    """The chosen sheet's non-empty rows (row number, values) and the workbook's date epoch."""
    parts = checked_parts(data, name)
    workbook = open_workbook(data, name, data_only=True)
    try:
        sheet = chosen_sheet(workbook, wanted, name)
        # openpyxl keeps the sheet's part name only privately; requirements.lock pins it.
        xml = parts.get(str(getattr(sheet, "_worksheet_path", "")), b"")
        if problems := merged_problems(xml, name):
            raise InputError(problems[:MAX_PROBLEMS])
        refuse_wide_cells(xml, name)
        rows = non_empty_rows(sheet_values(sheet, name))
        epoch: dt.datetime = workbook.epoch
        formulas = FORMULA.search(xml) is not None
        title = sheet.title
    finally:
        workbook.close()
    if formulas:
        refuse_formulas_without_values(data, name, title, rows)
    refuse_error_values(rows, name)
    return rows, epoch


def non_empty_rows(values: Iterator[tuple[Value | None, ...]]) -> list[Row]:
    """Rows holding a value (an empty text too: a formula's result), trailing empty cells
    dropped; one past MAX_ROWS at most."""
    rows: list[Row] = []
    for number, row in enumerate(values, start=1):
        filled = [i for i, value in enumerate(row) if value is not None]
        if filled:
            rows.append((number, tuple(row[:filled[-1] + 1])))
            if len(rows) > MAX_ROWS + 1:  # the header and one too many: the table says so
                break
    return rows


def refuse_formulas_without_values(data: bytes, name: str, title: str, rows: list[Row]) -> None:
    """Cells empty as values but holding a formula: never calculated, so never saved."""
    workbook = open_workbook(data, name, data_only=False)
    try:
        formulas = formula_cells(sheet_values(chosen_sheet(workbook, title, name), name))
    finally:
        workbook.close()
    values = {(number, column) for number, row in rows
              for column, value in enumerate(row, start=1) if value is not None}
    problems = [problem(name, number, column, f"a formula ({str(text)[:60]}) with no saved "
                        "value: open the file in Excel or LibreOffice Calc and save it, or "
                        "paste the values in its place")
                for number, column, text in formulas if (number, column) not in values]
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])


def formula_cells(values: Iterator[tuple[Value | None, ...]]) -> list[tuple[int, int, Any]]:
    """(row, column, formula) of each formula cell, as the formula view reads them."""
    found = []
    for number, row in enumerate(values, start=1):
        for column, value in enumerate(row, start=1):
            text = getattr(value, "text", value)  # an array formula keeps its text there
            if isinstance(text, str) and text.startswith("="):
                found.append((number, column, text))
    return found


def refuse_error_values(rows: list[Row], name: str) -> None:
    """Refuse the table if a cell shows a spreadsheet error (#REF!, #N/A...)."""
    problems = [problem(name, number, column, f"the cell shows the error {value}; fix its "
                        "formula or clear it")
                for number, row in rows for column, value in enumerate(row, start=1)
                if isinstance(value, str) and value.strip() in ERROR_VALUES]
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
