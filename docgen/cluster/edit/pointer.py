"""An operation's members read as RFC 6901 JSON Pointers and RFC 6902 values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from docgen.cluster.edit.values import Path, Refused, describe, show, where

MAX_VALUE_DEPTH = 32
"""Nesting of a value in a patch (a cluster file nests about six levels)."""
INDEX = re.compile(r"0|[1-9][0-9]*")
MISSING = object()


def pointer_tokens(operation: Mapping[str, Any], member: str) -> list[str]:
    """The JSON Pointer in `member` as its reference tokens (RFC 6901)."""
    pointer = operation.get(member, MISSING)
    if pointer is MISSING:
        raise Refused(f"the operation has no '{member}'")
    if not isinstance(pointer, str):
        raise Refused(f"'{member}' must be a JSON Pointer string such as /member_schools/0")
    if pointer and not pointer.startswith("/"):
        raise Refused(f"'{member}' {pointer!r} must start with '/'")
    if re.search(r"~(?![01])", pointer):
        raise Refused(f"'{member}' {pointer!r} has a '~' that is not ~0 or ~1")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def value_member(operation: Mapping[str, Any]) -> Any:
    """The operation's `value` (RFC 6902), refused if missing or nested too deep."""
    if "value" not in operation:
        raise Refused(f"a '{operation.get('op')}' operation needs a 'value'")
    value = operation["value"]
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > MAX_VALUE_DEPTH:
            raise Refused(f"the value nests more than {MAX_VALUE_DEPTH} levels deep")
        if isinstance(item, dict | list):
            items = item.values() if isinstance(item, dict) else item
            stack += [(child, level + 1) for child in items]
    return value


def index_in(count: int, token: str, path: Path, end: bool) -> int:
    """The list index `token` names in a list of `count` items (`-`: after the last)."""
    if token == "-" and end:
        return count
    if not INDEX.fullmatch(token):
        raise Refused(f"{where(path)} is a list, so {show(token)} must be an item number"
                      + (" or '-' (after the last item)" if end else ""))
    index = int(token) if len(token) < 10 else 10**10
    if index > count or index == count and not end:
        items = f"{count} item" + ("" if count == 1 else "s")
        raise Refused(f"{where(path)} has {items}, so there is no item {token}")
    return index


def data_child(value: Any, token: str, path: Path) -> tuple[Any, str | int]:
    """The value `token` names in a plain value (inside a flow collection)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if (key if isinstance(key, str) else str(key)) == token:
                return item, token
        raise Refused(f"{where(path)} has no key {show(token)}")
    if isinstance(value, list):
        index = index_in(len(value), token, path, end=False)
        return value[index], index
    raise Refused(f"{where(path)} is {describe(value)}, so it has no '{token}'")
