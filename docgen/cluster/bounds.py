"""Numbers and dates past their schema bounds, in a coordinator's words.

`schema.py` sets the bounds (so `funding`, `build` and `pack` never meet a number
Decimal cannot hold); `validate.py` finds values past them and words each one here:
thousands separators, dates as dates, and a number too long to read by its length.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

WHOLE_NUMBER = re.compile(r"[-+]?[1-9][0-9]*")
MAX_SHOWN_DIGITS = 40
"""A number longer than this is described by its length in a message, not printed."""


def bound_message(lower: bool, bound: Any, value: Any) -> str:
    """'must be at most 1,000,000,000, found 2,500,000,000'; dates 'on or before'."""
    if isinstance(bound, dt.date):
        return f"must be on or {'after' if lower else 'before'} {bound}, found {value}"
    return f"must be at {'least' if lower else 'most'} {number_shown(bound)}, found " \
           f"{number_shown(value)}"


def too_long_message(digits: str, rule: dict[str, Any]) -> str:
    """A whole number left as text because it is too long to read (values.py), by its bound."""
    lower = digits.startswith("-")
    return bound_message(lower, rule.get("min" if lower else "max"), digits)


def number_shown(value: Any) -> str:
    """A number with thousands separators; one too long to read, by its length."""
    text = str(value)
    if len(text) > MAX_SHOWN_DIGITS:
        return f"a number of {sum(c.isdigit() for c in text):,} digits"
    return f"{value:,}" if isinstance(value, (int, Decimal)) else text
