"""The kind of value the schema expects at a path, for writing a value as docgen reads it.

An editor that writes a value into the YAML text (`docgen serve`'s PATCH) must know
whether `0427` is text (then quoted, or a YAML 1.1 reader takes it for a number) or
`2025-03-03` a date (then plain). `values.py` reads scalars by the same schema types.
"""

from __future__ import annotations

from collections.abc import Callable

from docgen.cluster.fields import rule_at
from docgen.cluster.schema import cluster_schema
from docgen.refdata import ReferenceData

KIND_OF_TYPE = {"string": "text", "date": "date", "integer": "integer", "decimal": "number",
                "boolean": "boolean"}
"""Cerberus type → the editor's word for it. Groups and lists have no kind (None)."""

ValueKinds = Callable[[tuple[str | int, ...]], str | None]


def value_kinds(reference: ReferenceData) -> ValueKinds:
    """`kinds(path)`: 'text', 'date', 'integer', 'number', 'boolean' or None (a group, a
    list, or a path the schema does not know), for ('member_schools', 2, 'principal')."""
    schema = cluster_schema(reference)

    def kinds(path: tuple[str | int, ...]) -> str | None:
        rule = rule_at(schema, path)
        return KIND_OF_TYPE.get(str(rule.get("type"))) if rule else None

    return kinds
