"""The table's header: which member-school key each column names.

A header is a key as the cluster file spells it, nested with dots
(`vet_coordinator.name`, `governance_nominee.role`). The keys come from the schema of
a `member_schools` item, so a key added to the schema can be imported with no change
here. A list (`vet_certificates`) cannot come from one cell. An unknown header is an
error at its cell, with the key it most likely meant.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.cluster.fields import Rule, Schema
from docgen.cluster.suggest import closest
from docgen.errors import InputError, Problem
from docgen.tables.sheet import Table, problem


@dataclass(frozen=True, slots=True)
class Column:
    """A table column naming a member-school key: its number, key path and schema rule."""

    number: int
    path: tuple[str, ...]
    rule: Rule
    order: int = 0
    """Where the key comes in the schema: a new school's keys are written in this order."""

    @property
    def key(self) -> str:
        """The key path joined with dots (`vet_coordinator.name`)."""
        return ".".join(self.path)


def importable(item: Schema, prefix: tuple[str, ...] = ()) -> dict[str, tuple[tuple[str, ...],
                                                                                Rule]]:
    """Every key one cell can hold (groups flattened with dots), in the schema's order."""
    keys: dict[str, tuple[tuple[str, ...], Rule]] = {}
    for key, rule in item.items():
        path = (*prefix, key)
        if rule.get("type") == "dict":
            keys |= importable(rule.get("schema") or {}, path)
        elif rule.get("type") != "list":
            keys[".".join(path)] = (path, rule)
    return keys


def unknown_header(header: str, item: Schema, keys: list[str]) -> str:
    """Why a header names no importable key, and the one it most likely meant."""
    rule = item.get(header)
    if rule is not None and rule.get("type") == "list":
        return (f"'{header}' is a list, which one cell cannot hold; edit it in the cluster "
                "file")
    if rule is not None and rule.get("type") == "dict":
        inside = [key for key in keys if key.startswith(header + ".")]
        return f"'{header}' is a group of keys; name one of them: {', '.join(inside)}"
    ending = [key for key in keys if key.rsplit(".", 1)[-1] == header.casefold()]
    meant = ending[0] if len(ending) == 1 else closest(header, keys)
    hint = f"; did you mean '{meant}'?" if meant else f" (the keys: {', '.join(keys)})"
    return f"unknown column '{header}': not a member-school key{hint}"


def columns(table: Table, item: Schema) -> list[Column]:
    """The table's columns, each naming a key of `item`; InputError with every bad header."""
    keys = importable(item)
    found: list[Column] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for cell in table.header:
        header = str(cell.value).strip()
        if header not in keys:
            problems.append(problem(table.name, 1, cell.column,
                                    unknown_header(header, item, list(keys))))
        elif header in first:
            problems.append(problem(table.name, 1, cell.column, f"'{header}' names column "
                                    f"{first[header]} already; keep one of the two"))
        else:
            first[header] = cell.column
            found.append(Column(cell.column, *keys[header], order=list(keys).index(header)))
    if problems:
        raise InputError(problems)
    return found
