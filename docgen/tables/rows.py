"""Each row of the table as the values it gives: every non-empty cell typed by its column.

An empty cell gives nothing (a matched school keeps its value). A cell that cannot be
read as its column's value is an error at `TABLE:ROW:COLUMN`, and so is text holding a
character a Word document cannot (the same rule as the cluster file's, `cluster/load`).
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.cluster.load import forbidden_character_message
from docgen.errors import Problem, Severity
from docgen.tables.cells import CellError, Typed, typed
from docgen.tables.columns import Column
from docgen.tables.sheet import Cell, Table, problem

WARNINGS_PER_COLUMN = 5
"""Warnings shown one by one per column (a VASS export stores every school number as a
number); the rest are counted in one line."""


@dataclass(frozen=True, slots=True)
class Given:
    """One value a row gives: its column, its cell and the value read from it."""

    column: Column
    cell: Cell
    value: Typed


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the table: its number (the header is row 1) and the values it gives."""

    number: int
    given: tuple[Given, ...]

    def value(self, key: str) -> Typed | None:
        """The value the row gives for the column `key`, if any."""
        return next((g.value for g in self.given if g.column.key == key), None)

    def cell(self, key: str) -> Cell | None:
        """The cell the row gives `key` in, if any."""
        return next((g.cell for g in self.given if g.column.key == key), None)

    def first_column(self) -> int:
        """The column of the row's first value (1 if it gives none)."""
        return self.given[0].cell.column if self.given else 1


def given_value(cell: Cell, column: Column, table: Table) -> tuple[Given | None,
                                                                  Problem | None]:
    """What a cell gives, or the problem that stops it (a warning comes with a value)."""
    try:
        value, warning = typed(cell, column.rule, table)
    except CellError as exc:
        return None, problem(table.name, cell.row, cell.column, str(exc), path=column.key)
    refused = forbidden_character_message(value) if isinstance(value, str) else None
    if refused:
        return None, problem(table.name, cell.row, cell.column, refused, path=column.key)
    note = problem(table.name, cell.row, cell.column, warning, Severity.WARNING,
                   column.key) if warning else None
    return Given(column, cell, value), note


def typed_rows(table: Table, columns: list[Column]) -> tuple[list[Row], list[Problem]]:
    """Every row's values in `columns` (others are passed over), and the problems of the
    cells that cannot be read (and warnings)."""
    by_number = {column.number: column for column in columns}
    rows: list[Row] = []
    problems: list[Problem] = []
    warned: dict[int, int] = {}
    for cells in table.rows:
        given = []
        for cell in cells:
            if cell.column not in by_number:  # a column this import does not use
                continue
            value, note = given_value(cell, by_number[cell.column], table)
            if note is not None and not note.is_error:
                warned[cell.column] = warned.get(cell.column, 0) + 1
                note = note if warned[cell.column] <= WARNINGS_PER_COLUMN else None
            problems += [note] if note else []
            given += [value] if value else []
        rows.append(Row(cells[0].row, tuple(given)))
    problems += [problem(table.name, 1, number, f"{count - WARNINGS_PER_COLUMN:,} more cells "
                         f"of this column as the ones above (warnings not shown one by one)",
                         Severity.WARNING, by_number[number].key)
                 for number, count in warned.items() if count > WARNINGS_PER_COLUMN]
    return rows, problems
