"""Which school of the cluster file each row of the table is: by school number, then name.

A row whose `school_number` is a school's is that school; failing that, a row whose
`name` is a school's name is that school, case, spacing, Unicode form and invisible
characters aside (`cluster/invisible.comparable`: the rule `check` uses for duplicate
names). A row matching no school adds one. Two rows may not be one school.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docgen.cluster.invisible import comparable
from docgen.errors import Problem
from docgen.tables.rows import Row
from docgen.tables.sheet import problem


def school_keys(schools: Sequence[Any]) -> tuple[dict[str, int], dict[str, int]]:
    """Each school's index by its school number and by its name as compared."""
    numbers: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, school in enumerate(schools):
        if not isinstance(school, dict):
            continue
        if isinstance(school.get("school_number"), str):
            numbers.setdefault(school["school_number"].strip(), index)
        if isinstance(school.get("name"), str):
            names.setdefault(comparable(school["name"]), index)
    return numbers, names


def row_keys(row: Row) -> tuple[str | None, str | None]:
    """The row's school number and its name as compared, where it gives them."""
    number, name = row.value("school_number"), row.value("name")
    return (str(number) if number is not None else None,
            comparable(str(name)) if name is not None else None)


def match_rows(rows: Sequence[Row], schools: Sequence[Any], table: str) \
        -> tuple[list[int | None], list[Problem]]:
    """For each row, the index of the school it is (None: a new school), and the problems."""
    numbers, names = school_keys(schools)
    matched: list[int | None] = []
    problems: list[Problem] = []
    claimed: dict[int, int] = {}  # a school's index → the row that is it
    added: dict[tuple[str, str], int] = {}  # a new school's number or name → its row
    for row in rows:
        number, name = row_keys(row)
        index = numbers.get(number) if number else None
        key = "school_number"
        if index is None and name:
            index, key = names.get(name), "name"
        cell = row.cell(key) or row.cell("school_number") or row.cell("name")
        column = cell.column if cell else row.first_column()
        if number is None and name is None:
            problems.append(problem(table, row.number, column, "this row gives neither a "
                                    "school_number nor a name, so it is no school"))
        elif index is not None and index in claimed:
            problems.append(problem(table, row.number, column, f"row {claimed[index]} is this "
                                    "school already; give each school one row"))
        elif index is not None:
            claimed[index] = row.number
        else:
            for identity in (("number", number or ""), ("name", name or "")):
                if not identity[1]:
                    continue
                if identity in added:
                    problems.append(problem(table, row.number, column, f"row "
                                            f"{added[identity]} adds this school already; "
                                            "give each school one row"))
                    break
                added[identity] = row.number
        matched.append(index)
    return matched, problems
