"""One cell as the value the schema wants there: read, never guessed.

- Text stays as written: a CSV's `0427` keeps its zero. A whole number a spreadsheet
  stored as a number where text is wanted (`8214`, `8214.0`) becomes its digits, with
  a warning (a leading zero the spreadsheet dropped cannot be known); any other number,
  a date or a yes/no where text is wanted is an error.
- Whole numbers and decimals: digits (and a decimal point), or a spreadsheet number.
- Yes/no: `true` or `false` in any case (spreadsheets write `TRUE`), or a yes/no cell.
- Dates: a date cell, `YYYY-MM-DD` text, or a date serial where a date is wanted.
  Text such as `10/02/2025` is refused with the reason: it reads as 10 February in
  Australia and as 2 October in the United States.
- A choice (`sector`) is one of its words, in any case.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from docgen.cluster.fields import Rule
from docgen.cluster.suggest import suggestion
from docgen.tables.sheet import Cell, Table, Value

Typed = str | int | Decimal | bool | dt.date
"""A cell's value as the cluster file holds it."""

WHOLE = re.compile(r"[-+]?[0-9]+(?:\.0+)?")
DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
EXACT_FLOAT = 2 ** 53
"""Past this a float no longer holds every whole number: its digits would be a guess."""


class CellError(Exception):
    """Why a cell cannot be read as its column's value (the message names no cell)."""


def shown(value: Value) -> str:
    """A spreadsheet value in a message, as the spreadsheet shows it."""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value) if not isinstance(value, str) else f"'{value}'"


def what(value: Value) -> str:
    """The kind of a value that is not text, in words."""
    if isinstance(value, bool):
        return f"a yes/no cell ({shown(value)})"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, dt.datetime | dt.date):
        return f"a date ({shown(value)})"
    return f"a time ({value})"


def typed(cell: Cell, rule: Rule, table: Table) -> tuple[Typed, str | None]:
    """The cell's value for `rule`, and a warning if one is due; CellError if none can be."""
    kind = rule.get("type")
    value = cell.value
    if kind == "integer":
        return whole(value), None
    if kind == "decimal":
        return decimal(value), None
    if kind == "boolean":
        return yes_no(value), None
    if kind == "date":
        return day(value, table.epoch), None
    text, warning = as_text(value)
    return choice(text, rule), warning


def as_text(value: Value) -> tuple[str, str | None]:
    """Text as written; a whole number's digits with a warning; CellError for the rest."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and float(value).is_integer() and abs(value) < EXACT_FLOAT:
        digits = str(int(value))
        return digits, (f"{shown(value)} was stored as a number; read as the text '{digits}' "
                        "(a leading zero the spreadsheet dropped cannot be known: check it, "
                        "and format the column as Text)")
    raise CellError(f"expected text, found {what(value)}; format the column as Text and "
                    "type the value again")


def choice(text: str, rule: Rule) -> str:
    """`text`, or the allowed word it is in another case; CellError if it is none of them."""
    allowed: list[str] | None = rule.get("allowed")
    if allowed is None or text in allowed:
        return text
    same = [word for word in allowed if word.casefold() == text.casefold()]
    if same:
        return same[0]
    raise CellError(f"'{text}' is not one of {', '.join(allowed)}"
                    f"{suggestion(text, allowed)}")


def whole(value: Value) -> int:
    """A whole number: digits (`164`, `164.0`) or a spreadsheet number with no fraction."""
    if isinstance(value, str) and WHOLE.fullmatch(value):
        return int(Decimal(value))
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and float(value).is_integer() and abs(value) < EXACT_FLOAT:
        return int(value)
    found = f"'{value}'" if isinstance(value, str) else what(value)
    raise CellError(f"expected a whole number, found {found}; write digits only, e.g. 164")


def decimal(value: Value) -> Decimal:
    """A number: digits with or without a point (`0.85`), or a spreadsheet number."""
    if isinstance(value, str) and DECIMAL.fullmatch(value):
        return Decimal(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return Decimal(repr(value)).normalize() if isinstance(value, float) \
                else Decimal(value)
        except InvalidOperation:  # inf, nan
            pass
    found = f"'{value}'" if isinstance(value, str) else what(value)
    raise CellError(f"expected a number, found {found}; write digits with a point, e.g. 0.85")


def yes_no(value: Value) -> bool:
    """`true` or `false` in any case, or a yes/no cell."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.casefold() in ("true", "false"):
        return value.casefold() == "true"
    found = f"'{value}'" if isinstance(value, str) else what(value)
    raise CellError(f"expected true or false, found {found}")


def day(value: Value, epoch: dt.datetime) -> dt.date:
    """A date from a date cell, ISO text or a date serial (days since the workbook's epoch)."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise CellError(f"expected a date, found a date and time ({value}); keep the "
                            "date only")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return date_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool) \
            and float(value).is_integer() and 0 < value < 2_958_466:  # to 9999-12-31
        return serial_date(int(value), epoch)
    raise CellError(f"expected a date, found {what(value)}")


def serial_date(serial: int, epoch: dt.datetime) -> dt.date:
    """A spreadsheet's day number as a date (the 1900 system counts 1900-02-29, which
    never was: serials before 61 are a day off, as openpyxl's `from_excel` has it)."""
    from openpyxl.utils.datetime import from_excel

    moment: dt.datetime = from_excel(serial, epoch)  # a datetime for any serial from 1
    return moment.date()


def date_text(text: str) -> dt.date:
    """`YYYY-MM-DD`; any other way of writing a date is refused with the reason."""
    if ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CellError(f"'{text}' is not a date in the calendar") from None
    found = DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        raise CellError(f"expected a date written YYYY-MM-DD, found '{text}'")
    first, second, year = (int(part) for part in found.groups())
    readings = [f"{year:04d}-{month:02d}-{day_:02d}"
                for day_, month in ((first, second), (second, first))
                if 1 <= month <= 12 and valid(year, month, day_)]
    readings = list(dict.fromkeys(readings))
    if len(readings) == 2:
        raise CellError(f"'{text}' is ambiguous: day/month gives {readings[0]}, month/day "
                        f"gives {readings[1]}; write the date as YYYY-MM-DD")
    hint = f" ({readings[0]})" if readings else ""
    raise CellError(f"expected a date written YYYY-MM-DD{hint}, found '{text}' (docgen "
                    "does not guess the order of day and month)")


def valid(year: int, month: int, day_: int) -> bool:
    """Whether `year`, `month` and `day_` make a day of the calendar."""
    try:
        dt.date(year, month, day_)
    except ValueError:
        return False
    return True

