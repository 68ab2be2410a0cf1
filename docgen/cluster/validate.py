"""Check a cluster file against the schema and the cross-field rules; collect every problem.

Cerberus does the shape; its errors are flattened to one `Problem` per leaf, each
with the line of the offending value (or key), a dotted key path and a message
written for a coordinator. Rules that span several fields live in `rules.py`.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from functools import cache
from typing import Any

from cerberus import TypeDefinition, Validator
from cerberus import errors as codes
from cerberus.errors import ValidationError

from docgen.cluster.bounds import WHOLE_NUMBER, bound_message, too_long_message
from docgen.cluster.invisible import hidden_characters, is_blank
from docgen.cluster.load import LoadedFile, capped
from docgen.cluster.schema import CLUSTER_SCHEMA
from docgen.cluster.values import Document, Path, build_document, dotted
from docgen.errors import Problem, Severity

DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_PROBLEMS_PER_FILE = 200
"""Problems reported per file; then one line says how many more (a pasted file can
hold tens of thousands of stray keys)."""
BLANK = "blank"
"""The error `visible` records; `blank_message` words it."""
KIND_WORDS = {
    "string": "text", "integer": "a whole number", "decimal": "a number",
    "date": "a date written YYYY-MM-DD", "boolean": "true or false",
    "dict": "a group of 'key: value' lines", "list": "a list of '- ' items",
}


class ClusterValidator(Validator):
    """Cerberus with an exact decimal type (money and FTEs are never floats) and a rule
    refusing text that shows nothing."""

    types_mapping = Validator.types_mapping.copy()
    types_mapping["decimal"] = TypeDefinition("decimal", (Decimal, int), (bool,))

    def _validate_visible(self, visible: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        if visible and isinstance(value, str) and value and is_blank(value):
            self._error(field, BLANK)


@cache
def cluster_validator() -> ClusterValidator:
    """One validator per process: Cerberus checks its own schema, slowly, on creation."""
    return ClusterValidator(CLUSTER_SCHEMA)


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
            rule = inner.get(part) if rule.get("type") == "dict" and inner else None
        rule = rule if isinstance(rule, dict) else None
    return rule


def suggestion(word: str, choices: list[str]) -> str:
    """' Did you mean 'x'?' when a close match exists."""
    folded = {str(choice).casefold(): str(choice) for choice in choices}
    close = difflib.get_close_matches(str(word).casefold(), list(folded), n=1, cutoff=0.6)
    return f"; did you mean '{folded[close[0]]}'?" if close else ""


def description(path: Path) -> str:
    """The schema's description of the field at `path`, without its final full stop."""
    rule = rule_at(path) or {}
    return str(rule.get("meta", {}).get("description", "")).rstrip(".")


def type_message(error: ValidationError, path: Path) -> str:
    """A wrong kind of value, with what to write instead."""
    wanted = KIND_WORDS.get(str(error.constraint), str(error.constraint))
    value = error.value
    if error.constraint in ("dict", "list"):
        return structure_message(str(error.constraint), path)
    if isinstance(value, str) and error.constraint in ("integer", "decimal"):
        if WHOLE_NUMBER.fullmatch(value):  # too long to read as a number (tree.py)
            return too_long_message(value, rule_at(path) or {})
        if value.lstrip("+-").startswith("0") and value.lstrip("+-")[1:2].isdigit():
            return f"expected {wanted}, found '{value}' (a number may not start with 0)"
        if any(c in value for c in ",$ "):
            return f"expected {wanted}, found '{value}'; write digits only, e.g. 15000"
    if isinstance(value, str) and error.constraint == "boolean":
        return f"expected true or false, found '{value}' (yes/no/on/off are not accepted)"
    if isinstance(value, str) and error.constraint == "date":
        if DATE_SHAPE.fullmatch(value):
            return f"'{value}' is not a real date"
        return f"expected a date written YYYY-MM-DD, found '{value}'"
    if error.constraint == "string" and isinstance(value, (dict, list)):
        found = KIND_WORDS["dict" if isinstance(value, dict) else "list"]
        return f"expected {wanted}, found {found}; if it is text, put the whole value in quotes"
    return f"expected {wanted}, found '{value}'" if value is not None else f"expected {wanted}"


def structure_message(kind: str, path: Path) -> str:
    """A single value where a group of keys or a list belongs."""
    name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"
    if kind == "list":
        return f"{name} holds a list: write each item on its own line below it, starting '- '"
    keys = [k for k, r in ((rule_at(path) or {}).get("schema") or {}).items() if r.get("required")]
    example = f" ({', '.join(keys[:3])}{', ...' if len(keys) > 3 else ''})" if keys else ""
    return f"{name} holds a group of keys{example}: write them on indented lines below it"


def empty_message(path: Path) -> str:
    """A key written with nothing after it."""
    rule = rule_at(path) or {}
    name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"
    if rule.get("type") == "dict":
        return f"{name} is empty; write its keys on indented lines below it"
    if rule.get("type") == "list":
        return f"{name} is empty; write its items below it, each starting '- '"
    return f"{name} is empty; write a value after the colon"


def blank_message(value: str, path: Path) -> str:
    """Text that prints as nothing: spaces, or characters that do not show."""
    name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"
    hidden = hidden_characters(value)
    what = f"invisible characters ({', '.join(hidden[:3])})" if hidden else "spaces"
    return f"{name} is blank: it holds only {what}; write a value that shows"


def unknown_key_message(path: Path) -> str:
    """An unknown key, with the key it was probably meant to be or where it belongs."""
    key = str(path[-1])
    known = sorted(fields_at(path[:-1]))
    close = suggestion(key, known)
    return f"unknown key '{key}'{close or placement_hint(path, known)}"


def fields_at(path: Path) -> dict[str, Any]:
    """The named fields of the group at `path` (of each item, for a list of groups)."""
    rule = rule_at(path) or {}
    if rule.get("type") == "list":
        rule = rule.get("schema") or {}
    return (rule.get("schema") or {}) if rule.get("type") == "dict" else {}


def placement_hint(path: Path, siblings: list[str]) -> str:
    """'; it belongs ...' when the key is known one level up or one level down."""
    key = path[-1]
    for depth in range(len(path) - 2, -1, -1):
        if key in fields_at(path[:depth]):
            where = dotted(path[:depth]) or "the top level"
            return f"; '{key}' belongs to {where}: check its indentation"
    for sibling in siblings:
        if key in fields_at((*path[:-1], sibling)):
            return f"; '{key}' belongs inside '{sibling}': indent it below that key"
    return ""


def missing_message(path: Path) -> str:
    """A required key that is not there, with what it is for."""
    about = description(path)
    about = f" ({about})" if about else ""
    if len(path) == 1:
        return f"'{path[0]}' is required: add a '{path[0]}:' section{about}"
    return f"'{path[-1]}' is required here: add '{path[-1]}:'{about}"


def leaf_message(error: ValidationError, path: Path) -> str:
    """Cerberus's error in a coordinator's words."""
    code = error.code
    if code == codes.REQUIRED_FIELD.code:
        return missing_message(path)
    if code == codes.UNKNOWN_FIELD.code:
        return unknown_key_message(path)
    if code == codes.BAD_TYPE.code:
        return type_message(error, path)
    if code in (codes.EMPTY_NOT_ALLOWED.code, codes.NOT_NULLABLE.code):
        return empty_message(path)
    if code == codes.CUSTOM.code and error.info == (BLANK,):
        return blank_message(str(error.value), path)
    if code == codes.UNALLOWED_VALUE.code:
        allowed = [str(a) for a in error.constraint]
        return (f"'{error.value}' is not one of {', '.join(allowed)}"
                f"{suggestion(str(error.value), allowed)}")
    return limit_message(error, path)


def limit_message(error: ValidationError, path: Path) -> str:
    """Numbers out of range, too few items, text not in the expected form."""
    code = error.code
    if code in (codes.MIN_VALUE.code, codes.MAX_VALUE.code):
        return bound_message(code == codes.MIN_VALUE.code, error.constraint, error.value)
    if code == codes.MIN_LENGTH.code:
        return f"needs at least {error.constraint} item{'s' if error.constraint != 1 else ''}"
    if code == codes.REGEX_MISMATCH.code:
        about = description(path)
        return f"'{error.value}' is not in the expected form" + (f" ({about})" if about else "")
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


def misspelt_keys(unknown: list[Path]) -> set[Path]:
    """Paths of keys that an unknown key next to them was probably meant to be."""
    meant = set()
    for path in unknown:
        known = fields_at(path[:-1])
        close = difflib.get_close_matches(str(path[-1]).casefold(), list(known), n=1,
                                          cutoff=0.6)
        meant |= {(*path[:-1], close[0])} if close else set()
        for depth in range(len(path) - 2, -1, -1):  # indented under the wrong key
            if path[-1] in fields_at(path[:depth]):
                meant.add((*path[:depth], path[-1]))
                break
    return meant


def unknown_key_problems(doc: Document) -> list[Problem]:
    """Keys the schema does not know, each at its own line (the tree left them out).

    Reported here, and hidden from Cerberus, which sorts its error list after every
    error: a pasted file with thousands of stray keys would take minutes. Only the
    first keys, all a report can show, get a did-you-mean; the rest are only counted.
    """
    return [Problem(doc.name, *doc.mark_of(path, key=True), Severity.ERROR,
                    unknown_key_message(path) if i <= MAX_PROBLEMS_PER_FILE else "unknown key",
                    dotted(path)) for i, path in enumerate(doc.unknown_keys)]


def pruned(value: Any, drop: set[Path], path: Path = ()) -> Any:
    """`value` without the keys at the paths in `drop` (a copy; the original is kept)."""
    if not drop:
        return value
    if isinstance(value, dict):
        return {k: pruned(v, drop, (*path, k)) for k, v in value.items() if (*path, k) not in drop}
    if isinstance(value, list):
        return [pruned(v, drop, (*path, i)) for i, v in enumerate(value)]
    return value


def schema_problems(doc: Document) -> list[Problem]:
    """Shape problems: unknown keys, then every Cerberus leaf error, each with its place."""
    validator = cluster_validator()
    validator.validate(pruned(doc.data, set(doc.unknown_keys)), normalize=False)  # 5x faster
    problems = unknown_key_problems(doc)
    meant = misspelt_keys(doc.unknown_keys[:MAX_PROBLEMS_PER_FILE + 1])
    for error in leaf_errors(validator._errors):
        path: Path = tuple(error.document_path)
        if error.code == codes.REQUIRED_FIELD.code and path in meant:
            continue  # "unknown key 'aera'; did you mean 'area'?" says it already
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
    from docgen.cluster.rules import cross_field_problems

    doc = build_document(loaded, CLUSTER_SCHEMA)
    problems = doc.problems + schema_problems(doc)
    broken = [p.path for p in problems if p.is_error]
    findings = cross_field_problems(doc, shape_ok=not broken)
    problems += [f for f in findings
                 if not any(within(f.path, b) or within(b, f.path) for b in broken)]
    problems.sort(key=lambda p: (p.line, p.column, p.message))
    return doc, capped(problems, "problems in this file", MAX_PROBLEMS_PER_FILE)


def within(path: str, outer: str) -> bool:
    """Whether dotted `path` is `outer` or inside it.

    A finding at or inside a broken value would repeat its problem, and one about a
    group holding a broken value (a total over the schools) rests on it.
    """
    return path == outer or (path.startswith(outer) and path[len(outer)] in ".[")
