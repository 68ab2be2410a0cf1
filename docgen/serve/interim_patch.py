"""Interim: JSON Patch on YAML text with ruamel.yaml, until the API's PATCH editor lands.

The pages call `patching.patched`, which uses the same editor as the API's PATCH
(keeping every untouched line byte for byte); this stand-in keeps comments and order
but may re-indent. To be removed when that editor is in.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def _parts(pointer: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() or "." in str(value) \
            else int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value
    return value


def _step(container: Any, part: str) -> Any:
    if isinstance(container, list):
        return int(part)
    return part


def apply_patch(text: bytes, operations: list[dict[str, Any]]) -> bytes:
    yaml = _yaml()
    data = yaml.load(text.decode("utf-8"))
    for operation in operations:
        parts = _parts(operation["path"])
        parent = data
        for part in parts[:-1]:
            parent = parent[_step(parent, part)]
        last = parts[-1]
        op = operation["op"]
        if op == "remove":
            del parent[_step(parent, last)]
        elif op in ("add", "replace"):
            value = _plain(operation["value"])
            if isinstance(parent, list):
                if last == "-":
                    parent.append(value)
                elif op == "add":
                    parent.insert(int(last), value)
                else:
                    parent[int(last)] = value
            else:
                parent[last] = value
        elif op == "move":
            source = _parts(operation["from"])
            holder = data
            for part in source[:-1]:
                holder = holder[_step(holder, part)]
            value = holder[_step(holder, source[-1])]
            del holder[_step(holder, source[-1])]
            parent.insert(int(last), value)
        else:
            raise ValueError(f"unknown op {op}")
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().encode("utf-8")
