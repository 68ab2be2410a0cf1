"""A submitted form read back as JSON Patch operations: only what the user changed.

The page (`form.py`) names every input by its form path; a hidden `@<list path>`
input per list (and one per item, holding the item's key) gives the lists' order as
the user left it. `form_edits` compares what was submitted with the saved file's
values and gives RFC 6902 operations, with paths (JSON Pointers) into the saved file:
a field whose text the user did not change gives none, so saving an untouched form
writes nothing. Lists become `remove`, `move` and `add` operations, so items the user
did not touch keep their lines and comments.

Problems found in the edited text have paths in the edited order; `Edits.form_path`
turns one back into the form path of the input it belongs beside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from docgen.cluster.fields import Rule, Schema
from docgen.cluster.values import ValuePath, typed_scalar
from docgen.serve.form import displayed
from docgen.serve.formtree import ITEM_KEY, MISSING, FormPath
from docgen.serve.labels import DEFAULT_TRUE

Operation = dict[str, Any]
LIST_MARK, DROP = "@", "~drop"
"""`@member_schools` = '' (the list is in the form) and one item key per item, in order;
`~drop` = the form path of an unknown key to remove."""


class NotInForm:
    """What the form gives for a part it does not show: the saved value stays as it is."""

    def __repr__(self) -> str:
        return "NOT_IN_FORM"


NOT_IN_FORM: Any = NotInForm()


@dataclass
class Submission:
    """A submitted form: each input's last value, each list's order, unknown keys to drop."""

    values: dict[str, str] = field(default_factory=dict)
    orders: dict[str, list[str]] = field(default_factory=dict)
    drops: set[str] = field(default_factory=set)


def read_submission(pairs: Iterable[tuple[str, str]]) -> Submission:
    """Form fields as the browser sent them (in page order; a checkbox sends a hidden
    'false' and, when ticked, 'true' after it: the last value counts)."""
    submission = Submission()
    for name, value in pairs:
        if name == DROP:
            submission.drops.add(value)
        elif name.startswith(LIST_MARK):
            order = submission.orders.setdefault(name[1:], [])
            if value and ITEM_KEY.fullmatch(value) and value not in order:
                order.append(value)
        else:
            submission.values[name] = value.replace("\r\n", "\n").replace("\r", "\n")
    return submission


@dataclass
class Edits:
    """The operations, and where each list item of the edited text sits in the form."""

    operations: list[Operation] = field(default_factory=list)
    placements: dict[ValuePath, FormPath] = field(default_factory=dict)

    def form_path(self, path: ValuePath) -> FormPath:
        """The form path of the value at `path` in the edited text."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.placements:
                return self.placements[path[:end]] + tuple(str(p) for p in path[end:])
        return tuple(str(p) for p in path)


def pointer(path: Iterable[str | int]) -> str:
    """A JSON Pointer: '/member_schools/2/name'."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def form_value(rule: Rule, form: FormPath, submission: Submission) -> Any:
    """The value the form gives for the part `rule` describes at `form` (MISSING if none)."""
    value = _Walk(submission).collect(rule, form, ())
    return MISSING if value is NOT_IN_FORM else value


def form_edits(schema: Schema, saved: dict[str, Any], submission: Submission) -> Edits:
    """The operations that turn the saved values into what the form says."""
    walk = _Walk(submission)
    walk.group({"type": "dict", "schema": schema, "required": True}, saved, (), (), ())
    return walk.edits


class _Walk:
    """Schema, saved values and submission walked together; operations collected in order."""

    def __init__(self, submission: Submission) -> None:
        self.submission = submission
        self.edits = Edits()

    def emit(self, op: str, at: ValuePath, value: Any = MISSING, source: str = "") -> None:
        operation: Operation = {"op": op, "path": pointer(at)}
        if source:
            operation["from"] = source
        if value is not MISSING:
            operation["value"] = value
        self.edits.operations.append(operation)

    def node(self, rule: Rule, old: Any, form: FormPath, at: ValuePath, new: ValuePath) -> None:
        kind = rule.get("type")
        if kind == "dict":
            self.group(rule, old, form, at, new)
        elif kind == "list":
            self.listing(rule, old, form, at, new)
        else:
            self.scalar(rule, old, form, at)

    def group(self, rule: Rule, old: Any, form: FormPath, at: ValuePath, new: ValuePath) -> None:
        fields: Schema = rule.get("schema", {})
        if not isinstance(old, dict):
            value = self.collect(rule, form, new)
            if value is not MISSING and value is not NOT_IN_FORM:
                self.emit("add" if old is MISSING else "replace", at, value)
            return
        if not rule.get("required") and self.collect(rule, form, new) is MISSING:
            self.emit("remove", at)  # an optional group emptied: the whole group goes
            return
        for key, inner in fields.items():
            self.node(inner, old.get(key, MISSING), (*form, key), (*at, key), (*new, key))
        for key in old:
            if key not in fields and "/".join((*form, str(key))) in self.submission.drops:
                self.emit("remove", (*at, key))

    def listing(self, rule: Rule, old: Any, form: FormPath, at: ValuePath,
                new: ValuePath) -> None:
        order = self.submission.orders.get("/".join(form))
        if order is None:
            return  # not in the form: as saved
        if not isinstance(old, list):
            value = self.collect(rule, form, new)
            if value is not MISSING and value is not NOT_IN_FORM:
                self.emit("add" if old is MISSING else "replace", at, value)
            return
        if not order and not rule.get("required"):
            self.emit("remove", at)  # every item removed from an optional list: the list goes
            return
        kept = [int(key) for key in order if key.isdigit() and int(key) < len(old)]
        for index in kept:
            position = order.index(str(index))
            self.edits.placements[(*new, position)] = (*form, str(index))
            self.node(rule["schema"], old[index], (*form, str(index)), (*at, index),
                      (*new, position))
        self.restructure(rule, old, kept, order, form, at, new)

    def restructure(self, rule: Rule, old: list[Any], kept: list[int], order: list[str],
                    form: FormPath, at: ValuePath, new: ValuePath) -> None:
        """Removals (last first), moves into the new order, then the new items."""
        current = list(range(len(old)))
        for index in sorted(set(current) - set(kept), reverse=True):
            self.emit("remove", (*at, index))
            current.remove(index)
        for position, index in enumerate(kept):
            found = current.index(index)
            if found != position:
                self.emit("move", (*at, position), source=pointer((*at, found)))
                current.insert(position, current.pop(found))
        for position, key in enumerate(order):
            if key.isdigit() and int(key) < len(old):
                continue
            value = self.collect(rule["schema"], (*form, key), (*new, position))
            self.edits.placements[(*new, position)] = (*form, key)
            blank = {} if rule["schema"].get("type") == "dict" else ""
            self.emit("add", (*at, position if position < len(current) else "-"),
                      blank if value is MISSING or value is NOT_IN_FORM else value)
            current.insert(position, -1)

    def scalar(self, rule: Rule, old: Any, form: FormPath, at: ValuePath) -> None:
        text = self.submission.values.get("/".join(form))
        if text is None or text == shown(rule, form[-1] if form else "", old):
            return
        value = typed(rule, text)
        if value is MISSING:
            if old is not MISSING:
                self.emit("remove", at)
        else:
            self.emit("add" if old is MISSING else "replace", at, value)

    def collect(self, rule: Rule, form: FormPath, new: ValuePath) -> Any:
        """The value the form gives for a part the saved file lacks (MISSING when empty)."""
        kind = rule.get("type")
        if kind == "dict":
            out, seen = {}, False
            for key, inner in rule.get("schema", {}).items():
                value = self.collect(inner, (*form, key), (*new, key))
                seen = seen or value is not NOT_IN_FORM
                if value is not MISSING and value is not NOT_IN_FORM:
                    out[key] = value
            return out or (MISSING if seen else NOT_IN_FORM)
        if kind == "list":
            order = self.submission.orders.get("/".join(form))
            if order is None:
                return NOT_IN_FORM
            items = []
            for position, key in enumerate(order):
                self.edits.placements[(*new, position)] = (*form, key)
                value = self.collect(rule["schema"], (*form, key), (*new, position))
                items.append({} if value is MISSING and rule["schema"].get("type") == "dict"
                             else "" if value is MISSING else value)
            return items or MISSING
        text = self.submission.values.get("/".join(form))
        if text is None:
            return NOT_IN_FORM
        if kind == "boolean" and text == shown(rule, form[-1] if form else "", MISSING):
            return MISSING  # a yes/no left at its default stays out of the file
        return typed(rule, text)


def shown(rule: Rule, key: str, value: Any) -> str:
    """The text the form showed for a saved value (what `form.leaf` put in the input)."""
    if rule.get("type") == "boolean":
        on = value is True or (value is MISSING and key in DEFAULT_TRUE)
        return "true" if on else "false"
    return displayed(value)


def typed(rule: Rule, text: str) -> Any:
    """The value typed text stands for: a number, date or yes/no where the schema wants
    one and the text is one as docgen reads it (`values.typed_scalar`); else the text, so
    the check says what is wrong with it. Nothing (or only spaces, where the field is no
    text) is MISSING."""
    kind = str(rule.get("type"))
    if kind == "string":
        return text if text else MISSING
    stripped = text.strip()
    if not stripped:
        return MISSING
    value = typed_scalar(yaml.ScalarNode("tag:yaml.org,2002:str", stripped), kind)
    return stripped if value is None else value
