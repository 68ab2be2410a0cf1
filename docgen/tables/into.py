"""`docgen import TABLE --into CLUSTER.yaml`: the table's schools merged into one file.

Read the header against the member-school keys, type every cell, match each row to a
school, plan the patch, apply it to the file's text and check the result
(`merge.applied`). Problems of the table stop before the file is touched; problems of
the result are `check`'s, at the table's cells where the values came from.
"""

from __future__ import annotations

from pathlib import Path

from docgen.cluster.fields import Schema, fields_at
from docgen.errors import InputError, UsageError
from docgen.refdata import ReferenceData
from docgen.tables.columns import columns
from docgen.tables.match import match_rows
from docgen.tables.merge import Imported, Outcome, applied, read_cluster
from docgen.tables.plan import SCHOOLS, Plan, plan_import
from docgen.tables.rows import Row, typed_rows
from docgen.tables.sheet import Table, problem

IDENTITY = ("school_number", "name")


def run_import(table_path: Path, into: Path, reference: ReferenceData, *,
               sheet: str | None = None, only: str | None = None,
               remove_missing: bool = False) -> Imported:
    """`docgen import`: the table read, then merged into `into` (or, with `only`, the
    enrolments refreshed across it). A table that cannot be read gives its problems."""
    from docgen.tables.read import read_table
    from docgen.tables.refresh import refresh_enrolments

    if not into.exists() and not into.is_symlink():
        raise UsageError(f"no such file or folder: {into}")
    if into.is_dir() and only is None:
        raise UsageError(f"{into} is a folder: add --only enrolments to refresh the "
                         "enrolments of its cluster files, or name one cluster file")
    if only and remove_missing:
        raise UsageError("--remove-missing cannot go with --only enrolments")
    try:
        table = read_table(table_path, sheet)
        if only:
            return refresh_enrolments(table, [into], reference)
        return import_table(table, into, reference, remove_missing=remove_missing)
    except InputError as exc:
        return Imported(problems=exc.problems)


def import_table(table: Table, path: Path, reference: ReferenceData, *,
                 remove_missing: bool = False) -> Imported:
    """The outcome of importing `table` into the cluster file `path` (nothing written)."""
    from docgen.cluster.schema import cluster_schema

    original, checked = read_cluster(path, reference)
    found = columns(table, fields_at(cluster_schema(reference), (SCHOOLS,)))
    if not any(column.key in IDENTITY for column in found):
        raise InputError([problem(table.name, 1, 1, "no school_number or name column: the "
                                  "table must say which school each row is")])
    rows, problems = typed_rows(table, found)
    schools = checked.values.get(SCHOOLS)
    if schools is not None and not isinstance(schools, list):
        raise InputError([problem(checked.name, 1, 1, f"{SCHOOLS} is not a list; fix the "
                                  "cluster file first (docgen check)")])
    matched, more = match_rows(rows, schools or [], table.name)
    item = fields_at(cluster_schema(reference), (SCHOOLS,))
    more += [problem(table.name, row.number, row.first_column(), f"a new school (no school "
                     f"has this row's school_number or name) needs {', '.join(missing)}: add "
                     f"{'that column' if len(missing) == 1 else 'those columns'}")
             for row, index in zip(rows, matched, strict=True)
             if index is None and row.given and (missing := missing_keys(row, item))]
    outcome = Outcome(path, checked.name, original, Plan(), problems + more)
    if not outcome.failed:
        outcome.plan = plan_import(rows, matched, schools or [], remove_missing=remove_missing,
                                   listed=schools is not None)
    return Imported([applied(outcome, table.name, reference)])


def missing_keys(row: Row, item: Schema, prefix: tuple[str, ...] = ()) -> list[str]:
    """The required keys (dotted) a new school made from `row` would not have."""
    given = {g.column.path for g in row.given}
    missing = []
    for key, rule in item.items():
        path = (*prefix, key)
        inside = any(found[:len(path)] == path for found in given)
        if rule.get("type") == "dict" and (rule.get("required") or inside):
            missing += missing_keys(row, rule.get("schema") or {}, path)
        elif rule.get("required") and not inside:
            missing.append(".".join(path))
    return missing
