"""Check a cluster file against the schema and the cross-field rules; collect every problem.

Cerberus does the shape; its errors are flattened to one `Problem` per leaf, each
with the line of the offending value (or key), a dotted key path and a message
written for a coordinator (`messages.py`). Rules that span several fields live in
`rules.py`. The schema and the rules read reference data, given as a value.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from cerberus import TypeDefinition, Validator
from cerberus import errors as codes
from cerberus.errors import ValidationError

from docgen.cluster.fields import Schema, fields_at
from docgen.cluster.invisible import is_blank
from docgen.cluster.load import LoadedFile, capped
from docgen.cluster.messages import BLANK, leaf_message, unknown_key_message
from docgen.cluster.rules import RULE_TRIPS, RULES
from docgen.cluster.schema import cluster_schema
from docgen.cluster.suggest import closest
from docgen.cluster.values import ParsedFile, ValuePath, dotted, parse_values
from docgen.errors import Problem, Severity
from docgen.refdata import ReferenceData

MAX_PROBLEMS_PER_FILE = 200
"""Problems reported per file; then one line says how many more (a pasted file can
hold tens of thousands of stray keys)."""


class ClusterValidator(Validator):  # type: ignore[misc]  # Cerberus has no types
    """Cerberus with an exact decimal type (money and FTEs are never floats) and a rule
    refusing text that shows nothing."""

    types_mapping = Validator.types_mapping.copy()
    types_mapping["decimal"] = TypeDefinition("decimal", (Decimal, int), (bool,))

    def _validate_visible(self, visible: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        if visible and isinstance(value, str) and value and is_blank(value):
            self._error(field, BLANK)


@cache
def validator_for(reference: ReferenceData) -> ClusterValidator:
    """One validator per process: Cerberus checks its own schema, slowly, on creation."""
    return ClusterValidator(cluster_schema(reference))


def leaf_errors(errors: list[ValidationError]) -> list[ValidationError]:
    """Every leaf of Cerberus's error tree, in the order of the file."""
    out = []
    for error in errors:
        if error.is_group_error:
            out.extend(leaf_errors(error.child_errors))
        else:
            out.append(error)
    return out


def misspelt_keys(unknown: list[ValuePath], schema: Schema) -> set[ValuePath]:
    """Paths of keys that an unknown key next to them was probably meant to be."""
    meant = set()
    for path in unknown:
        close = closest(str(path[-1]), fields_at(schema, path[:-1]))
        meant |= {(*path[:-1], close)} if close else set()
        for depth in range(len(path) - 2, -1, -1):  # indented under the wrong key
            if path[-1] in fields_at(schema, path[:depth]):
                meant.add((*path[:depth], path[-1]))
                break
    return meant


def unknown_key_problems(parsed: ParsedFile, schema: Schema) -> list[Problem]:
    """Keys the schema does not know, each at its own line (the tree left them out).

    Reported here, and hidden from Cerberus, which sorts its error list after every
    error: a pasted file with thousands of stray keys would take minutes. Only the
    first keys, all a report can show, get a did-you-mean; the rest are only counted.
    """
    return [Problem(parsed.name, *parsed.mark_of(path, key=True), Severity.ERROR,
                    unknown_key_message(path, schema) if i <= MAX_PROBLEMS_PER_FILE
                    else "unknown key", dotted(path))
            for i, path in enumerate(parsed.unknown_keys)]


def pruned(value: Any, drop: set[ValuePath], path: ValuePath = ()) -> Any:
    """`value` without the keys at the paths in `drop` (a copy; the original is kept)."""
    if not drop:
        return value
    if isinstance(value, dict):
        return {k: pruned(v, drop, (*path, k)) for k, v in value.items() if (*path, k) not in drop}
    if isinstance(value, list):
        return [pruned(v, drop, (*path, i)) for i, v in enumerate(value)]
    return value


def schema_problems(parsed: ParsedFile, reference: ReferenceData) -> list[Problem]:
    """Shape problems: unknown keys, then every Cerberus leaf error, each with its place."""
    schema = cluster_schema(reference)
    validator = validator_for(reference)
    validator.validate(pruned(parsed.data, set(parsed.unknown_keys)), normalize=False)  # 5x
    problems = unknown_key_problems(parsed, schema)
    meant = misspelt_keys(parsed.unknown_keys[:MAX_PROBLEMS_PER_FILE + 1], schema)
    for error in leaf_errors(validator._errors):
        path: ValuePath = tuple(error.document_path)
        if error.code == codes.REQUIRED_FIELD.code and path in meant:
            continue  # "unknown key 'aera'; did you mean 'area'?" says it already
        on_key = error.code == codes.UNKNOWN_FIELD.code
        if error.code == codes.REQUIRED_FIELD.code:
            line, column = parsed.mark_of(path[:-1])
        else:
            line, column = parsed.mark_of(path, key=on_key)
        problems.append(Problem(parsed.name, line, column, Severity.ERROR,
                                leaf_message(error, path, schema), dotted(path)))
    return problems


def cross_field_problems(parsed: ParsedFile, reference: ReferenceData, *,
                         shape_ok: bool = True) -> list[Problem]:
    """Every cross-field finding (`rules.py`), placed at its value's line and column.

    When the file has shape errors each rule still runs on what is there, so one typo
    does not hide the rest; a rule that trips over a missing or mistyped value is
    skipped (the shape problem already says what is wrong). With a valid shape a
    rule that raises is a bug and stays loud.
    """
    problems = []
    for rule in RULES:
        try:
            findings = list(rule(parsed.data, reference))
        except RULE_TRIPS:
            if shape_ok:
                raise
            continue
        for path, severity, message in findings:
            line, column = parsed.mark_of(path)
            problems.append(Problem(parsed.name, line, column, severity, message, dotted(path)))
    return problems


def validate(loaded: LoadedFile, reference: ReferenceData) -> tuple[ParsedFile, list[Problem]]:
    """The file's typed values and every problem in them (schema, then cross-field rules),
    sorted by place."""
    parsed = parse_values(loaded, cluster_schema(reference))
    problems = parsed.problems + schema_problems(parsed, reference)
    broken = [p.path for p in problems if p.is_error]
    findings = cross_field_problems(parsed, reference, shape_ok=not broken)
    problems += [f for f in findings
                 if not any(within(f.path, b) or within(b, f.path) for b in broken)]
    problems.sort(key=lambda p: (p.line, p.column, p.message))
    return parsed, capped(problems, "problems in this file", MAX_PROBLEMS_PER_FILE)


def within(path: str, outer: str) -> bool:
    """Whether dotted `path` is `outer` or inside it.

    A finding at or inside a broken value would repeat its problem, and one about a
    group holding a broken value (a total over the schools) rests on it.
    """
    return path == outer or (path.startswith(outer) and path[len(outer)] in ".[")
