"""A table of rows from a `.csv` or `.xlsx` file: its header and its non-empty rows.

The file is untrusted (`read.py` reads it through a byte cap): a table may hold at most
MAX_ROWS rows of data and MAX_COLUMNS columns. Rows and
columns are counted as a spreadsheet shows them: the header is row 1, columns count
from 1, and a problem names its cell so (`TABLE:ROW:COLUMN`). Empty rows anywhere,
and empty columns after the last header, are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docgen.errors import DocgenError, InputError, Problem, Severity

MAX_ROWS = 10_000
"""Rows of data (the header aside): more schools than a whole state has."""
MAX_COLUMNS = 200
"""Columns: a member school has about twenty keys."""

Value = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta
"""What a cell can hold: text only from a CSV; numbers, dates and the like from a workbook."""


class TableError(DocgenError):
    """A table file that cannot be read at all, with the reason (exit 1)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell: its row and column (from 1) and its value, text stripped."""

    row: int
    column: int
    value: Value


@dataclass(frozen=True, slots=True)
class Table:
    """A table read: the header cells (row 1), then each non-empty row's non-empty cells."""

    name: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    spreadsheet: bool = False
    """True for a workbook, whose cells hold numbers and dates; a CSV holds only text."""
    epoch: dt.datetime = dt.datetime(1899, 12, 30)
    """Day 0 of the workbook's date serials (1904-based workbooks differ)."""


def printable(text: object) -> str:
    """Text from the file, fit for a message: what would steer a terminal as escapes."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in str(text))


def problem(table: str, row: int, column: int, message: str,
            severity: Severity = Severity.ERROR, path: str = "") -> Problem:
    """A problem at a table's cell: `TABLE:ROW:COLUMN`."""
    return Problem(table, row, column, severity, message, path)


def too_many_columns(name: str, row: int, column: int) -> InputError:
    """The error for a value past column MAX_COLUMNS."""
    return InputError([problem(name, row, column, f"more than {MAX_COLUMNS} columns; a member "
                               "school has about twenty keys")])


def cleaned(value: Value | None) -> Value | None:
    """A cell's value with text stripped; blank text is an empty cell."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def tabulate(name: str, rows: Iterable[tuple[int, Sequence[Value | None]]], *,
             spreadsheet: bool = False, epoch: dt.datetime = dt.datetime(1899, 12, 30)) \
        -> Table:
    """The header and data rows from (row number, values from column 1) pairs, checked.

    Raises InputError: no header, too many rows or columns, a value under no header.
    """
    header: tuple[Cell, ...] = ()
    body: list[tuple[Cell, ...]] = []
    problems: list[Problem] = []
    for number, values in rows:
        cells = tuple(Cell(number, column, value) for column, raw in enumerate(values, start=1)
                      if (value := cleaned(raw)) is not None)
        if number == 1:
            header = cells
        elif cells:
            if len(body) == MAX_ROWS:
                raise InputError([problem(name, number, 1, f"more than {MAX_ROWS:,} rows of "
                                          "data; split the table")])
            body.append(cells)
        if cells and cells[-1].column > MAX_COLUMNS:
            raise too_many_columns(name, number, cells[-1].column)
    if not header:
        raise InputError([problem(name, 1, 1, "row 1 must name the columns (school_number, "
                                  "name, ...), but it is empty")])
    named = {cell.column for cell in header}
    problems += [problem(name, cell.row, cell.column, "a value in a column with no header; "
                         "name the column in row 1, or clear the value")
                 for row in body for cell in row if cell.column not in named]
    if problems:
        raise InputError(problems[:50])
    return Table(name, header, tuple(body), spreadsheet, epoch)
