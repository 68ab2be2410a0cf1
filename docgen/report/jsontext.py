"""JSON for tools, with every amount exact: a `Decimal` is written as the number it is.

`json.dumps` knows no `Decimal`, and a float is not money. Here a `Decimal` becomes
a JSON number written from its digits (whole amounts without a point, others without
trailing zeros: 15000, 1234.5), which `json.loads(..., parse_float=Decimal)` reads
back exactly. Everything else is laid out as `json.dumps(indent=2, ensure_ascii=False)`
lays it out.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

INDENT = "  "


def number(value: Decimal) -> str:
    """A Decimal as a JSON number: 15000, 1234.5, 0.45 (never an exponent, never a float)."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def dumps(value: Any, level: int = 0) -> str:
    """`value` as indented JSON (two spaces), with Decimals as exact numbers."""
    if isinstance(value, Decimal):
        return number(value)
    inner, outer = INDENT * (level + 1), INDENT * level
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(str(key), ensure_ascii=False)}: {dumps(item, level + 1)}"
                 for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{outer}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(f"{inner}{dumps(item, level + 1)}" for item in value) \
            + f"\n{outer}]"
    return json.dumps(value, ensure_ascii=False)
