"""The yearly enrolment refresh: `vdss_enrolments` from a VASS export, in every cluster file.

`docgen import TABLE --into FOLDER/ --only enrolments`: the table's `school_number` and
`vdss_enrolments` columns (other member-school columns are read past; unknown headers
are still errors) update each school of each cluster file in the folder that has that
school number. Nothing else changes. Rows whose school is in no cluster file are listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docgen.cluster.check import discover
from docgen.cluster.fields import fields_at
from docgen.errors import InputError, Problem, Severity
from docgen.refdata import ReferenceData
from docgen.tables.columns import columns
from docgen.tables.merge import Imported, Outcome, applied, read_cluster
from docgen.tables.plan import SCHOOLS, FieldChange, Plan, SchoolChange, pointer, same
from docgen.tables.rows import Row, typed_rows
from docgen.tables.sheet import Table, problem

NUMBER, ENROLMENTS = "school_number", "vdss_enrolments"


def enrolments_by_number(table: Table, reference: ReferenceData) \
        -> tuple[dict[str, Row], list[Problem]]:
    """Each row by its school number, and the table's problems."""
    from docgen.cluster.schema import cluster_schema

    found = columns(table, fields_at(cluster_schema(reference), (SCHOOLS,)))
    used = [column for column in found if column.key in (NUMBER, ENROLMENTS)]
    if len(used) < 2:
        raise InputError([problem(table.name, 1, 1, f"the enrolment refresh needs the "
                                  f"columns {NUMBER} and {ENROLMENTS}")])
    rows, problems = typed_rows(table, used)
    by_number: dict[str, Row] = {}
    for row in rows:
        number, enrolments = row.value(NUMBER), row.value(ENROLMENTS)
        column = (row.cell(NUMBER) or row.cell(ENROLMENTS) or row.given[0].cell).column \
            if row.given else 1
        if number is None:
            problems.append(problem(table.name, row.number, column, f"no {NUMBER}: the "
                                    "refresh matches schools by number only"))
        elif str(number) in by_number:
            problems.append(problem(table.name, row.number, column, f"school {number} is in "
                                    f"row {by_number[str(number)].number} already"))
        else:
            by_number[str(number)] = row
            if enrolments is None:
                problems.append(problem(table.name, row.number, column, f"no {ENROLMENTS}: "
                                        "this school's figure is left as it is",
                                        Severity.WARNING))
    return by_number, problems


def refresh_enrolments(table: Table, paths: Sequence[Path],
                       reference: ReferenceData) -> Imported:
    """Every cluster file under `paths` with its schools' enrolments from `table`."""
    by_number, problems = enrolments_by_number(table, reference)
    imported = Imported(problems=problems)
    if imported.failed:
        return imported
    matched: set[str] = set()
    for path in discover(list(paths)):
        try:
            original, checked = read_cluster(path, reference)
        except InputError as exc:
            imported.problems += exc.problems
            continue
        schools = checked.values.get(SCHOOLS)
        plan = refreshed(schools if isinstance(schools, list) else [], by_number, matched)
        outcome = Outcome(path, checked.name, original, plan)
        imported.outcomes.append(applied(outcome, table.name, reference))
    imported.not_found = [(row.number, number) for number, row in by_number.items()
                          if number not in matched]
    return imported


def refreshed(schools: list[Any], by_number: dict[str, Row], matched: set[str]) -> Plan:
    """The plan for one file: each school whose number the table has, its new figure."""
    plan = Plan()
    for index, school in enumerate(schools):
        school = school if isinstance(school, dict) else {}
        name, number = str(school.get("name", "(no name)")), school.get(NUMBER)
        row = by_number.get(number) if isinstance(number, str) else None
        if row is None:
            plan.changes.append(SchoolChange("kept", name, number, None))
            continue
        matched.add(str(number))
        new, old = row.value(ENROLMENTS), school.get(ENROLMENTS)
        if new is None or same(old, new):
            plan.changes.append(SchoolChange("unchanged", name, number, row.number))
            continue
        plan.operations.append({"op": "replace" if ENROLMENTS in school else "add",
                                "path": pointer(SCHOOLS, index, ENROLMENTS), "value": new})
        plan.changes.append(SchoolChange("updated", name, number, row.number,
                                         (FieldChange(ENROLMENTS, old, new),)))
        cell = row.cell(ENROLMENTS)
        if cell is not None:
            plan.places[f"{SCHOOLS}[{index}].{ENROLMENTS}"] = (cell.row, cell.column)
    return plan
