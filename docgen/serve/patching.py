"""The user's edits made in the file's text, by the editor the API's PATCH uses.

Operations come from the form (`edits.py`) or a guided task (`tasks.py`) with Python
values; here they become a JSON Patch (dates as YYYY-MM-DD, numbers as JSON numbers)
and go to `docgen.cluster.edit`, the one YAML editor of `docgen serve` and `docgen
import`: untouched lines stay byte-identical, comments keep their places, and a text
value YAML 1.1 would misread is quoted. A check of the user's edits sees exactly the
bytes a save through the API's PATCH writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.cluster.edit import EditError, apply_patch
from docgen.cluster.kinds import value_kinds
from docgen.refdata import reference_data
from docgen.serve.api import Api
from docgen.serve.edits import Operation


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
    """The operations with their values as JSON holds them (`json_value`)."""
    return [{**op, "value": json_value(op["value"])} if "value" in op else op
            for op in operations]


def patched(saved: bytes, operations: list[Operation]) -> Patched:
    """`saved` with `operations` applied; `PatchFailed` if they cannot be."""
    if not operations:
        return Patched(saved)
    try:
        result = apply_patch(saved.decode("utf-8"), json_patch(operations),
                             value_kinds(reference_data()))
    except (EditError, UnicodeDecodeError) as exc:
        raise PatchFailed(str(exc)) from None
    return Patched(result.text.encode("utf-8"), tuple(result.notes))


def save_patch(api: Api, path: Path, tag: str, operations: list[Operation]) -> str:
    """Save `operations` through the API's PATCH with `If-Match: tag`; the new ETag.

    The API's refusals (412 when the file changed, 422 when the result has errors) raise
    `ApiError`, and nothing is written. Call with `api.saving` held, in a worker thread.
    """
    answer = api.save_change(path, tag, api.patch(path, json_patch(operations)))
    return str(answer.headers["ETag"])
