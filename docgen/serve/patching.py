"""The user's edits made in the file's text, by the editor the API's PATCH uses.

Operations come from the form (`edits.py`) or a guided task (`tasks.py`) with Python
values; here they become a JSON Patch (dates as YYYY-MM-DD, numbers as JSON numbers)
and go to `docgen.cluster.edit`, the one YAML editor of `docgen serve` and `docgen
import`: untouched lines stay byte-identical, comments keep their places, and a text
value YAML 1.1 would misread is quoted. Until that editor is in the package,
`interim_patch.py` (ruamel.yaml) stands in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from importlib.util import find_spec
from typing import Any

from docgen.refdata import reference_data
from docgen.serve.edits import Operation
from docgen.serve.house import restyle_reason


class PatchFailed(Exception):
    """The operations could not be applied to the text (the message says why)."""


@dataclass(frozen=True)
class Patched:
    """The new text, and what the editor had to rewrite beyond the edits (said before a
    save: a file not in the house style is normalised once)."""

    text: bytes
    notes: tuple[str, ...] = ()


def json_value(value: Any) -> Any:
    """A value as JSON holds it: dates as YYYY-MM-DD, exact numbers as JSON numbers."""
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) \
            else float(value)
    return value


def json_patch(operations: list[Operation]) -> list[Operation]:
    return [{**op, "value": json_value(op["value"])} if "value" in op else op
            for op in operations]


def patched(saved: bytes, operations: list[Operation]) -> Patched:
    """`saved` with `operations` applied; `PatchFailed` if they cannot be."""
    if not operations:
        return Patched(saved)
    patch = json_patch(operations)
    if find_spec("docgen.cluster.edit") is None:
        return interim(saved, patch)
    from docgen.cluster.edit import (  # type: ignore[import-not-found,unused-ignore]
        EditError,
        apply_patch,
    )
    try:
        result = apply_patch(saved.decode("utf-8"), patch, value_kinds())
    except (EditError, UnicodeDecodeError) as exc:
        raise PatchFailed(str(exc)) from None
    return Patched(result.text.encode("utf-8"), tuple(result.notes))


def value_kinds() -> Any:
    """What the schema expects at a path ('text', 'date', ...), so the editor writes each
    value as docgen reads it (`0427` as text is quoted)."""
    if find_spec("docgen.cluster.kinds") is None:
        return None
    from docgen.cluster.kinds import (  # type: ignore[import-not-found,unused-ignore]
        value_kinds as kinds_of,
    )

    return kinds_of(reference_data())


def interim(saved: bytes, patch: list[Operation]) -> Patched:
    from docgen.serve.interim_patch import apply_patch as ruamel_patch

    try:
        text = ruamel_patch(saved, patch)
    except (ValueError, LookupError, TypeError) as exc:
        raise PatchFailed(str(exc)) from None
    reason = restyle_reason(saved)
    return Patched(text, (f"the file's layout is rewritten in docgen's style ({reason})",)
                   if reason else ())
