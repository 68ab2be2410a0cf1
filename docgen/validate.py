"""Check a cluster file against the schema and the cross-field rules; collect every problem.

Cerberus does the shape; its errors are flattened to one `Problem` per leaf, each
with the line of the offending value (or key), a dotted key path and a message
written for a coordinator. Rules that span several fields live in `rules.py`.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

from cerberus import TypeDefinition, Validator
from cerberus import errors as codes
from cerberus.errors import ValidationError

from docgen.errors import Problem, Severity
from docgen.load import LoadedFile
from docgen.schema import CLUSTER_SCHEMA
from docgen.tree import Document, Path, build_document, dotted

KIND_WORDS = {
    "string": "text", "integer": "a whole number", "decimal": "a number",
    "date": "a date written YYYY-MM-DD", "boolean": "true or false",
    "dict": "a group of 'key: value' lines", "list": "a list of '- ' items",
}


class ClusterValidator(Validator):
    """Cerberus with an exact decimal type (money and FTEs are never floats)."""

    types_mapping = Validator.types_mapping.copy()
    types_mapping["decimal"] = TypeDefinition("decimal", (Decimal, int), (bool,))


def rule_at(path: Path) -> dict[str, Any] | None:
    """The schema rule for a document path, or None where the schema has none."""
    rule: dict[str, Any] | None = {"type": "dict", "schema": CLUSTER_SCHEMA}
    for part in path:
        if rule is None:
            return None
        inner = rule.get("schema")
        if isinstance(part, int):
            rule = inner if rule.get("type") == "list" else None
        else:
            rule = inner.get(part) if isinstance(inner, dict) else None
    return rule


def suggestion(word: str, choices: list[str]) -> str:
    """' Did you mean 'x'?' when a close match exists."""
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def type_message(error: ValidationError) -> str:
    wanted = KIND_WORDS.get(str(error.constraint), str(error.constraint))
    value = error.value
    if isinstance(value, str) and error.constraint in ("integer", "decimal"):
        if value.lstrip("+-").startswith("0") and value.lstrip("+-")[1:2].isdigit():
            return f"expected {wanted}, found '{value}' (a number may not start with 0)"
        if any(c in value for c in ",$ "):
            return f"expected {wanted}, found '{value}'; write digits only, e.g. 15000"
    if isinstance(value, str) and error.constraint == "boolean":
        return f"expected true or false, found '{value}' (yes/no/on/off are not accepted)"
    if isinstance(value, str) and error.constraint == "date":
        return f"expected a date written YYYY-MM-DD, found '{value}'"
    if error.constraint == "string" and isinstance(value, (dict, list)):
        found = KIND_WORDS["dict" if isinstance(value, dict) else "list"]
        return f"expected {wanted}, found {found}"
    return f"expected {wanted}, found '{value}'" if value is not None else f"expected {wanted}"


def leaf_message(error: ValidationError, path: Path) -> str:
    """Cerberus's error in a coordinator's words."""
    code = error.code
    if code == codes.REQUIRED_FIELD.code:
        return f"'{path[-1]}' is required here"
    if code == codes.UNKNOWN_FIELD.code:
        parent = rule_at(path[:-1]) or {}
        known = sorted((parent.get("schema") or {}).keys())
        return f"unknown key '{path[-1]}'{suggestion(str(path[-1]), known)}"
    if code == codes.BAD_TYPE.code:
        return type_message(error)
    if code in (codes.EMPTY_NOT_ALLOWED.code, codes.NOT_NULLABLE.code):
        return "a value is needed here; it is empty"
    if code == codes.UNALLOWED_VALUE.code:
        allowed = list(error.constraint)
        return (f"'{error.value}' is not one of {', '.join(allowed)}"
                f"{suggestion(str(error.value), allowed)}")
    if code == codes.MIN_VALUE.code:
        return f"must be at least {error.constraint}, found {error.value}"
    if code == codes.MAX_VALUE.code:
        return f"must be at most {error.constraint}, found {error.value}"
    if code == codes.MIN_LENGTH.code:
        return f"needs at least {error.constraint} item(s)"
    if code == codes.REGEX_MISMATCH.code:
        return f"'{error.value}' is not in the expected form"
    return f"{error.rule or 'invalid'}: {error.value!r}"


def leaf_errors(errors: list[ValidationError]) -> list[ValidationError]:
    """Every leaf of Cerberus's error tree, in document order."""
    out = []
    for error in errors:
        if error.is_group_error:
            out.extend(leaf_errors(error.child_errors))
        else:
            out.append(error)
    return out


def schema_problems(doc: Document) -> list[Problem]:
    """Shape problems: every Cerberus leaf error as a Problem with its place."""
    validator = ClusterValidator(CLUSTER_SCHEMA)
    validator.validate(doc.data)
    problems = []
    for error in leaf_errors(validator._errors):
        path: Path = tuple(error.document_path)
        on_key = error.code == codes.UNKNOWN_FIELD.code
        if error.code == codes.REQUIRED_FIELD.code:
            line, column = doc.mark_of(path[:-1])
        else:
            line, column = doc.mark_of(path, key=on_key)
        problems.append(Problem(doc.name, line, column, Severity.ERROR,
                                leaf_message(error, path), dotted(path)))
    return problems


def validate(loaded: LoadedFile) -> tuple[Document, list[Problem]]:
    """The typed document and every problem in it (schema, then cross-field), sorted by place."""
    from docgen.rules import cross_field_problems

    doc = build_document(loaded, CLUSTER_SCHEMA)
    problems = doc.problems + schema_problems(doc)
    if not any(p.is_error for p in problems):
        problems += cross_field_problems(doc)
    return doc, sorted(problems, key=lambda p: (p.line, p.column, p.message))
