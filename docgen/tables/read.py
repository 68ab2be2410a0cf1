"""Reading a table file: a `.csv` or a `.xlsx`, an ordinary file under a byte cap.

The one entry point for `docgen import`'s TABLE; `csvfile` and `xlsxfile` read each
kind into rows, `sheet.tabulate` checks them into a `Table`.
"""

from __future__ import annotations

from pathlib import Path

from docgen.errors import UsageError
from docgen.files import FileTooLarge, NotRegularFile, display_name, read_regular
from docgen.tables.sheet import Table, TableError, tabulate

MAX_TABLE_BYTES = 5_000_000
"""A school list or a VASS export of a region is well under a megabyte."""
SUFFIXES = (".csv", ".xlsx")


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The table in `path` (a `.csv`, or a `.xlsx`'s first sheet or the one named `sheet`).

    Raises UsageError for a file that is missing or of another kind, TableError for one
    that cannot be read as a table, InputError with the cells' problems otherwise.
    """
    name = display_name(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " (save it as .xlsx)" if suffix in (".xls", ".ods", ".numbers") else ""
        raise UsageError(f"{name}: a table must be a .csv or .xlsx file{hint}")
    if sheet is not None and suffix == ".csv":
        raise UsageError("--sheet names a sheet of a .xlsx workbook; a .csv has one table")
    data = read_table_bytes(path, name)
    if suffix == ".csv":
        from docgen.tables.csvfile import csv_rows

        return tabulate(name, csv_rows(data, name))
    from docgen.tables.xlsxfile import xlsx_rows

    rows, epoch = xlsx_rows(data, name, sheet)
    return tabulate(name, rows, spreadsheet=True, epoch=epoch)


def read_table_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, if it is an ordinary file of at most MAX_TABLE_BYTES."""
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"no such file: {name}")
    try:
        return read_regular(path, MAX_TABLE_BYTES)
    except NotRegularFile as exc:
        raise TableError(f"{name}: this is {exc.kind}, not a table file") from None
    except FileTooLarge:
        raise TableError(f"{name}: larger than {MAX_TABLE_BYTES:,} bytes; a table of "
                         "schools is far smaller") from None
    except OSError as exc:
        raise TableError(f"{name}: cannot read it ({exc.strerror or exc})") from None
