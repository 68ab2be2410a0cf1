"""The Cerberus schema (`schema.py`) as JSON Schema draft 2020-12, for editors and tools.

`schema.py` stays the one source of truth; this module only translates it, so
yaml-language-server (VS Code and others) can offer completion, hover help and
early errors while a coordinator edits a cluster file.

Translation rules, chosen to agree with what `docgen check` accepts:
- `decimal` → number, `integer` → integer, `boolean` → boolean;
- `date` → a string with `format: date` and a YYYY-MM-DD pattern (editors read
  YAML 1.2, where an unquoted 2025-03-03 is a string);
- `string` → string, even for codes and versions that look like numbers (school
  numbers, RTO codes, versions): an editor then asks for the quotes docgen's
  comments ask for, so `'0123'` never becomes 123 in another tool;
- `empty: False` → `minLength: 1`; `regex` → an anchored `pattern` (Cerberus
  matches the whole value); `visible` (not blank) → a pattern needing one character
  that shows; `allowed` → `enum`; `min`/`max` → `minimum`/`maximum`,
  and for a date, whose bounds are whole years, a pattern of those years;
- every group of fields is closed (`additionalProperties: false`), as Cerberus is.
"""

from __future__ import annotations

from typing import Any

from docgen import __version__
from docgen.cluster.fields import Rule
from docgen.cluster.invisible import VISIBLE_PATTERN
from docgen.cluster.schema import cluster_schema
from docgen.refdata import ReferenceData

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

SCALAR_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
}
LIMITS = {"min": "minimum", "max": "maximum"}


def scalar(rule: Rule) -> dict[str, Any]:
    """A text, number, date or true/false field."""
    out = dict(SCALAR_TYPES[rule["type"]])
    if rule.get("empty") is False:
        out["minLength"] = 1
    pattern = text_pattern(rule)
    if pattern:
        out["pattern"] = pattern
    if "allowed" in rule:
        out["enum"] = list(rule["allowed"])
    if rule["type"] == "date":
        out["pattern"] = date_pattern(rule)
        return out
    for cerberus_name, json_name in LIMITS.items():
        if cerberus_name in rule:
            out[json_name] = rule[cerberus_name]
    return out


def text_pattern(rule: Rule) -> str | None:
    """The pattern of a text field: its regex (anchored, as Cerberus matches the whole
    value) and, for `visible`, at least one character that shows."""
    regex, visible = rule.get("regex"), rule.get("visible")
    if regex and visible:
        return f"^(?=[\\s\\S]*{VISIBLE_PATTERN})(?:{regex})$"
    if regex:
        return f"^(?:{regex})$"
    return VISIBLE_PATTERN if visible else None


def date_pattern(rule: Rule) -> str:
    """YYYY-MM-DD with the year from the rule's first to last (1 January to 31 December)."""
    first, last = rule.get("min"), rule.get("max")
    if first is None or last is None:
        return DATE_PATTERN
    if (first.month, first.day, last.month, last.day) != (1, 1, 12, 31):
        raise ValueError(f"date bounds {first} to {last} are not whole years")
    return f"^(?:{year_pattern(first.year, last.year)})-[0-9]{{2}}-[0-9]{{2}}$"


def year_pattern(first: int, last: int) -> str:
    """An alternation matching the four-digit years `first` to `last` (a decade at a time)."""
    parts, year = [], first
    while year <= last:
        if year % 10 == 0 and year + 9 <= last:
            parts.append(f"{year // 10}[0-9]")
            year += 10
        else:
            parts.append(str(year))
            year += 1
    return "|".join(parts)


def group(fields: dict[str, Rule]) -> dict[str, Any]:
    """A closed object: its fields, the required ones listed in schema order."""
    out: dict[str, Any] = {
        "type": "object",
        "properties": {name: translate(rule) for name, rule in fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, rule in fields.items() if rule.get("required")]
    if required:
        out["required"] = required
    return out


def translate(rule: Rule) -> dict[str, Any]:
    """One Cerberus rule as a JSON Schema, with its description first for readability."""
    kind = rule["type"]
    out: dict[str, Any] = {}
    description = rule.get("meta", {}).get("description")
    if description:
        out["description"] = description
    if kind == "dict":
        out.update(group(rule["schema"]))
    elif kind == "list":
        out["type"] = "array"
        out["items"] = translate(rule["schema"])
        if rule.get("minlength"):
            out["minItems"] = rule["minlength"]
    elif kind in SCALAR_TYPES:
        out.update(scalar(rule))
    else:
        raise ValueError(f"no JSON Schema translation for Cerberus type {kind!r}")
    return out


def cluster_json_schema(reference: ReferenceData) -> dict[str, Any]:
    """The JSON Schema of a whole cluster file."""
    return {
        "$schema": DRAFT,
        "title": "docgen cluster file",
        "description": (f"One Victorian VET cluster, as read by docgen {__version__}. "
                        "Generated by `docgen schema` from docgen's own validation rules; "
                        "`docgen check` also applies cross-field rules this schema cannot say."),
        **group(cluster_schema(reference)),
    }
