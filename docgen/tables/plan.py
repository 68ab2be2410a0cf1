"""What importing the table does to the cluster file: a JSON Patch, and its changes in words.

A matched school gets the values its row gives (`replace` where it has the key, `add`
where not; a group such as `vet_coordinator` is added whole when the school has none).
A value already equal is left alone, so an import run twice changes nothing the second
time. A row matching no school adds one (`/member_schools/-`, its keys in the schema's
order); with `remove_missing`, a school no row matches is removed. The operations run
in an order in which each index still means what it meant when the file was read:
updates, then additions at the end, then removals from the last.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from docgen.cluster.invisible import comparable
from docgen.cluster.values import dotted
from docgen.tables.rows import Given, Row

SCHOOLS = "member_schools"
Operation = dict[str, Any]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One key of one school: its value before (None if it had none) and after."""

    key: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class SchoolChange:
    """One school: 'updated', 'added', 'removed', 'unchanged' or 'kept' (not in the table)."""

    kind: str
    name: str
    school_number: str | None
    row: int | None
    fields: tuple[FieldChange, ...] = ()


@dataclass
class Plan:
    """The patch, the changes school by school, and where each value came from in the table.

    `places` maps a value's path in the patched file (`member_schools[4].principal`, and
    `member_schools[4]` for the school) to its (row, column) in the table, so a problem
    `check` finds in the result is reported at the cell it came from.
    """

    operations: list[Operation] = field(default_factory=list)
    changes: list[SchoolChange] = field(default_factory=list)
    places: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the patch changes anything."""
        return bool(self.operations)


def as_patch(value: Any) -> Any:
    """A value as a JSON Patch carries it: a decimal as its digits, a date as YYYY-MM-DD."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_patch(item) for key, item in value.items()}
    return value


def same(old: Any, new: Any) -> bool:
    """Equal values of one type (1 is not true; '8214' is not 8214)."""
    return type(old) is type(new) and bool(old == new)


def pointer(*parts: str | int) -> str:
    """A JSON Pointer to `parts`, unescaped (they are schema keys and indexes)."""
    return "".join(f"/{part}" for part in parts)


def school_label(school: Any, row: Row | None = None) -> tuple[str, str | None]:
    """A school's name and number for the preview (from its row when the file has none)."""
    school = school if isinstance(school, dict) else {}
    name = school.get("name") or (row.value("name") if row else None) or "(no name)"
    number = school.get("school_number") or (row.value("school_number") if row else None)
    return str(name), None if number is None else str(number)


def with_row(school: dict[str, Any], givens: Sequence[Given]) -> dict[str, Any]:
    """A copy of `school` holding every value given (groups made where missing)."""
    result = copy.deepcopy(school)
    for given in sorted(givens, key=lambda given: given.column.order):
        *groups, key = given.column.path
        target = result
        for group in groups:
            if not isinstance(target.get(group), dict):
                target[group] = {}
            target = target[group]
        target[key] = given.value
    return result


def differences(old: dict[str, Any], new: dict[str, Any], path: tuple[str | int, ...]) \
        -> list[Operation]:
    """The operations that make mapping `old` into `new` (which only adds or changes keys)."""
    operations: list[Operation] = []
    for key, value in new.items():
        where = pointer(*path, key)
        if key not in old:
            operations.append({"op": "add", "path": where, "value": as_patch(value)})
        elif isinstance(old[key], dict) and isinstance(value, dict):
            operations += differences(old[key], value, (*path, key))
        elif not same(old[key], value):
            operations.append({"op": "replace", "path": where, "value": as_patch(value)})
    return operations


def value_at(school: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at `path` inside a school (None where it has none)."""
    value: Any = school
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def plan_import(rows: Sequence[Row], matched: Sequence[int | None], schools: Sequence[Any],
                *, remove_missing: bool, listed: bool = True) -> Plan:
    """The patch that merges `rows` into `schools` (`matched`: each row's school, or None).

    `listed` is False when the file has no `member_schools` yet: the first school makes it.
    """
    plan = Plan()
    claimed = set(matched)
    removed = [index for index in range(len(schools)) if index not in claimed] \
        if remove_missing else []
    final = {index: index - sum(r < index for r in removed) for index in range(len(schools))}
    for row, index in sorted(zip(rows, matched, strict=True),
                             key=lambda pair: -1 if pair[1] is None else pair[1]):
        if index is not None:
            update(plan, row, index, schools[index], final[index])
    count = len(schools) - len(removed)
    for row in (row for row, index in zip(rows, matched, strict=True) if index is None):
        add(plan, row, count, listed)
        count, listed = count + 1, True
    for index in range(len(schools)):
        if index not in claimed:
            kind = "removed" if index in removed else "kept"
            plan.changes.append(SchoolChange(kind, *school_label(schools[index]), None))
    plan.operations += [{"op": "remove", "path": pointer(SCHOOLS, index)}
                        for index in sorted(removed, reverse=True)]
    return plan


def renames(given: Given, school: dict[str, Any]) -> bool:
    """Whether a name cell names the school otherwise than it is named (not only in case,
    spacing or invisible characters, which matching ignores too)."""
    name = school.get("name")
    return given.column.key != "name" or not isinstance(name, str) \
        or comparable(name) != comparable(str(given.value))


def update(plan: Plan, row: Row, index: int, school: Any, final: int) -> None:
    """A matched school's changes: only the values that differ."""
    before = school if isinstance(school, dict) else {}
    givens = [given for given in row.given if renames(given, before)]
    operations = differences(before, with_row(before, givens), (SCHOOLS, index))
    fields = tuple(FieldChange(g.column.key, value_at(before, g.column.path), g.value)
                   for g in givens if not same(value_at(before, g.column.path), g.value))
    plan.operations += operations
    kind = "updated" if operations else "unchanged"
    plan.changes.append(SchoolChange(kind, *school_label(school), row.number, fields))
    record_places(plan, row, final)


def add(plan: Plan, row: Row, final: int, listed: bool) -> None:
    """A new school at the end of the list, its keys in the schema's (the columns') order."""
    school = with_row({}, row.given)
    path = pointer(SCHOOLS, "-") if listed else pointer(SCHOOLS)
    plan.operations.append({"op": "add", "path": path,
                            "value": as_patch(school) if listed else [as_patch(school)]})
    fields = tuple(FieldChange(g.column.key, None, g.value)
                   for g in sorted(row.given, key=lambda given: given.column.order))
    plan.changes.append(SchoolChange("added", *school_label({}, row), row.number, fields))
    record_places(plan, row, final)


def record_places(plan: Plan, row: Row, final: int) -> None:
    """Note the cell each value of the school (at `final` in the patched file) came from."""
    plan.places[dotted((SCHOOLS, final))] = (row.number, row.first_column())
    for given in row.given:
        plan.places[dotted((SCHOOLS, final, *given.column.path))] = (given.cell.row,
                                                                       given.cell.column)
