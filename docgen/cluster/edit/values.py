"""Plain values as a JSON Patch sees them: equality, size, and how messages show them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

Path = tuple[str | int, ...]
Kinds = Callable[[Path], str | None]


class Refused(Exception):
    """Why the current operation cannot be applied (a PatchError, with its index)."""


def as_json(value: Any) -> Any:
    """`value` as a JSON Patch sees it: dates as ISO text, keys as text."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def same(one: Any, two: Any) -> bool:
    """RFC 6902 equality (1 equals 1.0, not true), a date equal to its ISO text."""
    one, two = (v.isoformat() if isinstance(v, dt.date) else v for v in (one, two))
    if isinstance(one, bool) or isinstance(two, bool):
        return type(one) is type(two) and one == two
    if isinstance(one, int | float) and isinstance(two, int | float):
        return one == two
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(
            k in two and same(v, two[k]) for k, v in one.items())
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(map(same, one, two))
    return type(one) is type(two) and bool(one == two)


def size(value: Any) -> int:
    """How many values `value` holds, itself included (the work of copying it)."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def show(value: Any) -> str:
    """A value in a message: as JSON, cut short."""
    shown = json.dumps(as_json(value), ensure_ascii=False, default=str)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def where(path: Path) -> str:
    """A path in a message: its JSON Pointer, or "the document"."""
    pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
    return pointer or "the document"


def describe(value: Any) -> str:
    """A value in a message: "a mapping", "a list" or the value itself."""
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return f"the value {show(value)}"
