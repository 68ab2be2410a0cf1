"""Cerberus's errors in a coordinator's words: what is wrong and what to write instead.

Each message names the value and, where it helps, what the schema says the field
is for (its `meta.description`) and the key that was probably meant.
"""

from __future__ import annotations

import re

from cerberus import errors as codes
from cerberus.errors import ValidationError

from docgen.cluster.bounds import WHOLE_NUMBER, bound_message, too_long_message
from docgen.cluster.fields import Schema, description, fields_at, rule_at
from docgen.cluster.invisible import hidden_characters
from docgen.cluster.suggest import suggestion
from docgen.cluster.values import ValuePath, dotted

DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
BLANK = "blank"
"""The error the `visible` rule records; `blank_message` words it."""
KIND_WORDS = {
    "string": "text", "integer": "a whole number", "decimal": "a number",
    "date": "a date written YYYY-MM-DD", "boolean": "true or false",
    "dict": "a group of 'key: value' lines", "list": "a list of '- ' items",
}


def named(path: ValuePath) -> str:
    """'name' in quotes for a key, 'this item' for a list item."""
    return f"'{path[-1]}'" if path and isinstance(path[-1], str) else "this item"


def type_message(error: ValidationError, path: ValuePath, schema: Schema) -> str:
    """A wrong kind of value, with what to write instead."""
    wanted = KIND_WORDS.get(str(error.constraint), str(error.constraint))
    value = error.value
    if error.constraint in ("dict", "list"):
        return structure_message(str(error.constraint), path, schema)
    if isinstance(value, str) and error.constraint in ("integer", "decimal"):
        if WHOLE_NUMBER.fullmatch(value):  # too long to read as a number (values.py)
            return too_long_message(value, rule_at(schema, path) or {})
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


def structure_message(kind: str, path: ValuePath, schema: Schema) -> str:
    """A single value where a group of keys or a list belongs."""
    if kind == "list":
        return (f"{named(path)} holds a list: write each item on its own line below it, "
                "starting '- '")
    rule = rule_at(schema, path) or {}
    keys = [k for k, r in (rule.get("schema") or {}).items() if r.get("required")]
    example = f" ({', '.join(keys[:3])}{', ...' if len(keys) > 3 else ''})" if keys else ""
    return f"{named(path)} holds a group of keys{example}: write them on indented lines below it"


def empty_message(path: ValuePath, schema: Schema) -> str:
    """A key written with nothing after it."""
    rule = rule_at(schema, path) or {}
    if rule.get("type") == "dict":
        return f"{named(path)} is empty; write its keys on indented lines below it"
    if rule.get("type") == "list":
        return f"{named(path)} is empty; write its items below it, each starting '- '"
    return f"{named(path)} is empty; write a value after the colon"


def blank_message(value: str, path: ValuePath) -> str:
    """Text that prints as nothing: spaces, or characters that do not show."""
    hidden = hidden_characters(value)
    what = f"invisible characters ({', '.join(hidden[:3])})" if hidden else "spaces"
    return f"{named(path)} is blank: it holds only {what}; write a value that shows"


def unknown_key_message(path: ValuePath, schema: Schema) -> str:
    """An unknown key, with the key it was probably meant to be or where it belongs."""
    key = str(path[-1])
    known = sorted(fields_at(schema, path[:-1]))
    close = suggestion(key, known)
    return f"unknown key '{key}'{close or placement_hint(path, known, schema)}"


def placement_hint(path: ValuePath, siblings: list[str], schema: Schema) -> str:
    """'; it belongs ...' when the key is known one level up or one level down."""
    key = path[-1]
    for depth in range(len(path) - 2, -1, -1):
        if key in fields_at(schema, path[:depth]):
            where = dotted(path[:depth]) or "the top level"
            return f"; '{key}' belongs to {where}: check its indentation"
    for sibling in siblings:
        if key in fields_at(schema, (*path[:-1], sibling)):
            return f"; '{key}' belongs inside '{sibling}': indent it below that key"
    return ""


def missing_message(path: ValuePath, schema: Schema) -> str:
    """A required key that is not there, with what it is for."""
    about = description(schema, path)
    about = f" ({about})" if about else ""
    if len(path) == 1:
        return f"'{path[0]}' is required: add a '{path[0]}:' section{about}"
    return f"'{path[-1]}' is required here: add '{path[-1]}:'{about}"


def leaf_message(error: ValidationError, path: ValuePath, schema: Schema) -> str:
    """Cerberus's error in a coordinator's words."""
    code = error.code
    if code == codes.REQUIRED_FIELD.code:
        return missing_message(path, schema)
    if code == codes.UNKNOWN_FIELD.code:
        return unknown_key_message(path, schema)
    if code == codes.BAD_TYPE.code:
        return type_message(error, path, schema)
    if code in (codes.EMPTY_NOT_ALLOWED.code, codes.NOT_NULLABLE.code):
        return empty_message(path, schema)
    if code == codes.CUSTOM.code and error.info == (BLANK,):
        return blank_message(str(error.value), path)
    if code == codes.UNALLOWED_VALUE.code:
        allowed = [str(a) for a in error.constraint]
        return (f"'{error.value}' is not one of {', '.join(allowed)}"
                f"{suggestion(str(error.value), allowed)}")
    return limit_message(error, path, schema)


def limit_message(error: ValidationError, path: ValuePath, schema: Schema) -> str:
    """Numbers out of range, too few items, text not in the expected form."""
    code = error.code
    if code in (codes.MIN_VALUE.code, codes.MAX_VALUE.code):
        return bound_message(code == codes.MIN_VALUE.code, error.constraint, error.value)
    if code == codes.MIN_LENGTH.code:
        return f"needs at least {error.constraint} item{'s' if error.constraint != 1 else ''}"
    if code == codes.REGEX_MISMATCH.code:
        about = description(schema, path)
        return f"'{error.value}' is not in the expected form" + (f" ({about})" if about else "")
    return f"{error.rule or 'invalid'}: {error.value!r}"
