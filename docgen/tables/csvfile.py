"""A CSV table: UTF-8 with or without a byte-order mark, separated by `,`, `;` or tabs.

Excel writes `;` where the decimal mark is a comma, and tab-separated "Unicode text";
the separator is the one that splits the header row into the most columns (`,` when
none does). Every cell is text: a CSV holds nothing else, so `0427` keeps its zero.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from docgen.errors import InputError
from docgen.tables.sheet import MAX_COLUMNS, TableError, problem, too_many_columns

SEPARATORS = (",", ";", "\t")
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def decoded(data: bytes, name: str) -> str:
    """The text of a UTF-8 CSV, its byte-order mark dropped; a problem at the first bad byte."""
    if data.startswith(UTF16_MARKS):
        raise TableError(f"{name}: saved as UTF-16 ('Unicode text'); save it as "
                         "'CSV UTF-8' instead")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = data.count(b",", start, exc.start) + data.count(b";", start, exc.start) + 1
        raise InputError([problem(name, row, column, f"the file is not valid UTF-8 (byte "
                                  f"0x{data[exc.start]:02X}); save it as 'CSV UTF-8'")]) \
            from None


def separator(text: str) -> str:
    """The separator that splits the header row into the most columns (',' on a tie)."""
    first = text.split("\n", 1)[0]

    def columns(candidate: str) -> int:
        try:
            return len(next(csv.reader([first], delimiter=candidate), []))
        except csv.Error:
            return 0

    return max(SEPARATORS, key=lambda candidate: (columns(candidate), candidate == ","))


def csv_rows(data: bytes, name: str) -> Iterator[tuple[int, list[str | None]]]:
    """(row number, cells) for each record of the CSV, the header being row 1."""
    text = decoded(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=True)
    number = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a stray quote, a NUL byte, a field past csv's size limit
            raise InputError([problem(name, number + 1, 1, f"this row cannot be read as CSV "
                                      f"({exc}); check its quotes")]) from None
        number += 1
        if len(fields) > MAX_COLUMNS:
            extra = next((column for column, field in enumerate(fields, start=1)
                          if column > MAX_COLUMNS and field.strip()), None)
            if extra is not None:
                raise too_many_columns(name, number, extra)
            del fields[MAX_COLUMNS:]
        yield number, list[str | None](fields)
