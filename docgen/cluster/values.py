"""Turn a YAML node tree into plain values, typed by the schema, keeping each place.

PyYAML's YAML 1.1 resolver turns `NO` into False, `0123` into 83 and `10:30` into
630. Here no scalar is typed by its looks: a field the schema calls text keeps its
text exactly as written, and a number, date or true/false is read only where the
schema expects one and only in its plain form. Anything else is left as text so the
validator reports it, with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from docgen.cluster.load import LoadedFile, forbidden_character_message
from docgen.errors import Problem, Severity

ValuePath = tuple[str | int, ...]
"""Where a value is: ('member_schools', 2, 'name') for member_schools[2].name."""
Mark = tuple[int, int]

_NULLS = {"", "~", "null", "Null", "NULL"}
_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_INTEGER_CHARS = 100
"""Longer whole numbers stay text: `int()` refuses over 4,300 digits and slows long before.
Any such number is far past its field's bound; the validator says so."""
MAX_ITEMS = 200
"""More list items than any cluster needs; each one costs the validator time."""
_GLUED_COMMENT = re.compile(r"\s+(#\S.*)")
# In a folded (>) block a lone line break is what a blank line became: a paragraph
# break. Doubling it lets documents read '>' and '|' blocks by one rule.
_FOLDED_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n])")
_BOOLEANS = {"true": True, "True": True, "TRUE": True,
             "false": False, "False": False, "FALSE": False}


@dataclass
class ParsedFile:
    """A cluster file's values, typed by the schema, with the place of every key and value."""

    name: str
    data: dict[str, Any]
    value_marks: dict[ValuePath, Mark] = field(default_factory=dict)
    key_marks: dict[ValuePath, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unknown_keys: list[ValuePath] = field(default_factory=list)
    """Keys the schema does not know (in `data` too); the validator reports them itself."""

    def mark_of(self, path: ValuePath, *, key: bool = False) -> Mark:
        """The place of `path`, or of its nearest ancestor that has one."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(path), -1, -1):
            found = marks.get(path[:end]) or self.value_marks.get(path[:end])
            if found:
                return found
        return (1, 1)


def dotted(path: ValuePath) -> str:
    """`member_schools[2].name` from ('member_schools', 2, 'name')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def typed_scalar(node: yaml.ScalarNode, kind: str | None) -> Any:
    """The value of one scalar, read as the schema's `kind` expects; else its text."""
    raw = node.value
    plain = not node.style  # C composer: "", Python composer: None
    if plain and raw in _NULLS:
        return None
    if kind == "integer" and plain and len(raw) <= MAX_INTEGER_CHARS and _INTEGER.fullmatch(raw):
        return int(raw)
    if kind == "decimal" and plain and _DECIMAL.fullmatch(raw):
        return Decimal(raw)
    if kind == "boolean" and plain and raw in _BOOLEANS:
        return _BOOLEANS[raw]
    if kind == "date" and _DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return raw
    if node.style == ">":
        return _FOLDED_BREAK.sub("\n\n", raw)
    return raw


class _Builder:
    """Walks nodes and schema together, recording marks and structural problems."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.parsed = ParsedFile(loaded.name, {})
        self.lines = loaded.text.split("\n")
        self.seen: set[int] = set()

    def error(self, mark: Mark, message: str, path: ValuePath,
              severity: Severity = Severity.ERROR) -> None:
        self.parsed.problems.append(
            Problem(self.parsed.name, mark[0], mark[1], severity, message, dotted(path)))

    def value(self, node: yaml.Node, rule: dict[str, Any] | None, path: ValuePath) -> Any:
        self.parsed.value_marks[path] = _mark(node)
        if id(node) in self.seen:
            self.error(_mark(node), "anchors and aliases (&name, *name) are not allowed in a "
                       "cluster file; write the value out in full", path)
            return None
        self.seen.add(id(node))
        kind = rule.get("type") if rule else None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, rule if kind == "dict" else None, path)
        if isinstance(node, yaml.SequenceNode):
            item = rule.get("schema") if rule and kind == "list" else None
            return [self.value(child, item, (*path, i)) for i, child in
                    enumerate(self.bounded(node, path))]
        assert isinstance(node, yaml.ScalarNode)
        value = typed_scalar(node, kind)
        if isinstance(value, str):
            self.check_characters(value, node, path)
            self.check_comment(node, path)
        return value

    def bounded(self, node: yaml.SequenceNode, path: ValuePath) -> list[yaml.Node]:
        """The list's first MAX_ITEMS items; more is an error (and would slow every check)."""
        if len(node.value) > MAX_ITEMS:
            self.error(_mark(node.value[MAX_ITEMS]), f"this list has {len(node.value):,} items; "
                       f"a cluster file's lists hold at most {MAX_ITEMS}", path)
        items: list[yaml.Node] = node.value[:MAX_ITEMS]
        return items

    def check_characters(self, value: str, node: yaml.Node, path: ValuePath) -> None:
        """Characters written as escapes ("\\x0b", "\\N", "\\uFDD0") refused like literal ones."""
        message = forbidden_character_message(value)
        if message:
            self.error(_mark(node), message, path)

    def check_comment(self, node: yaml.ScalarNode, path: ValuePath) -> None:
        """Warn when ' #' cut a plain value short: `Room #3` is read as `Room`."""
        end = node.end_mark
        if node.style or end.line >= len(self.lines):
            return
        rest = _GLUED_COMMENT.match(self.lines[end.line][end.column:])
        if rest:
            self.error(_mark(node), f"'{rest.group(1)}' is read as a comment and left out of "
                       f"the value '{node.value}'; if it belongs to the value, put the whole "
                       "value in quotes", path, Severity.WARNING)

    def duplicate(self, key: str, here: Mark, first_seen: dict[str, Mark], path: ValuePath) -> bool:
        """Report a key already in this group; True when it means a list item lost its '- '."""
        first = first_seen[key][0]
        if path and isinstance(path[-1], int) and key == next(iter(first_seen)):
            self.error(here, f"'{key}' again (first at line {first}): a new list item must start "
                       f"with '- ' (write '- {key}: ...')", (*path, key))
            return True
        self.error(here, f"duplicate key '{key}': first at line {first}, again at line "
                   f"{here[0]}; keep one", (*path, key))
        return False

    def mapping(self, node: yaml.MappingNode, rule: dict[str, Any] | None,
                path: ValuePath) -> dict[str, Any]:
        fields = rule.get("schema", {}) if rule else {}
        out: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        missing_dash = False  # once found, the item's other repeated keys say nothing new
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                if rule is None:  # a group where text belongs: the schema check says so
                    continue
                self.error(_mark(key_node), "a key must be a plain name (a value starting "
                           "with '{' or '[' is read as a group or list: put it in quotes)", path)
                continue
            key = key_node.value
            self.check_characters(key, key_node, (*path, key))
            here = _mark(key_node)
            if key in first_seen:
                missing_dash = missing_dash or self.duplicate(key, here, first_seen, path)
                continue
            first_seen[key] = here
            self.parsed.key_marks[(*path, key)] = here
            if rule is not None and key not in fields:
                self.parsed.unknown_keys.append((*path, key))
            out[key] = self.value(value_node, fields.get(key), (*path, key))
        return out


def parse_values(loaded: LoadedFile, schema: dict[str, Any]) -> ParsedFile:
    """Values of `loaded`, typed by `schema`, with marks and any structural problems."""
    builder = _Builder(loaded)
    builder.parsed.data = builder.mapping(loaded.root, {"schema": schema}, ())
    return builder.parsed
