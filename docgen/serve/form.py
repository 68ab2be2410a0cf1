"""The cluster form, generated from the schema: one input per field, a fieldset per group.

`build_form` walks the Cerberus schema (`cluster/schema.py`) and a cluster file's
values together and gives a tree the page's templates render: a `Leaf` per field
(its label, the schema's description as help, an input chosen by type), a `Group`
per group of fields, a `Listing` per list (items can be added, removed, reordered).
Cross-references (a host school, a chair) are `select`s of other fields' values.

Every input is named by its form path (`formtree.py`); `edits.py` reads a submitted
form back by those names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from docgen.cluster.fields import Rule, Schema
from docgen.cluster.policy import targeted_band_names
from docgen.cluster.schema import cluster_schema
from docgen.refdata import ReferenceData
from docgen.serve import labels
from docgen.serve.formtree import (
    ITEM_KEY,
    MISSING,
    TITLE_KEYS,
    FormPath,
    Group,
    Item,
    Leaf,
    Listing,
    Node,
    Unknown,
    new_item_key,
)


@dataclass(frozen=True)
class Context:
    """What every field of one form needs: the schema, reference words, choice values."""

    schema: Schema
    names: dict[str, str]
    fixed: dict[tuple[str, ...], list[str]]
    sources: dict[str, list[str]]
    overrides: dict[str, str] = field(default_factory=dict)
    """Input name → a value the user had typed, shown instead of the file's."""
    marked: bool = True
    """Whether an input showing an override says so (after a reload; not in a task's form)."""


def form_context(data: Any, reference: ReferenceData,
                 overrides: dict[str, str] | None = None, *, marked: bool = True) -> Context:
    """The schema and choices for a form over `data` (the file's values, or {})."""
    fixed = {("shared_provision", "pathway"): [p["id"] for p in reference.pathways],
             ("member_schools", "vet_certificates", "band"): targeted_band_names(reference)}
    return Context(cluster_schema(reference), labels.choice_names(reference), fixed,
                   source_values(data), overrides or {}, marked)


def source_values(data: Any, path: tuple[str | int, ...] = ()) -> dict[str, list[str]]:
    """Every value of a `labels.SOURCES` field in `data`, by tag, in file order, once each."""
    found: dict[str, list[str]] = {}

    def walk(value: Any, where: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, (*where, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, (*where, index))
        elif isinstance(value, str) and value:
            tag = labels.SOURCES.get(labels.shape(where))
            if tag and value not in found.setdefault(tag, []):
                found[tag].append(value)

    walk(data, path)
    return found


def build_form(data: Any, reference: ReferenceData,
               overrides: dict[str, str] | None = None) -> list[Node]:
    """The whole form: one node per top-level section of the schema, filled from `data`
    (`overrides`: input name → a value to show instead, marked as the user's)."""
    context = form_context(data, reference, overrides)
    values = data if isinstance(data, dict) else {}
    return [node(rule, (key,), values.get(key, MISSING), context)
            for key, rule in context.schema.items()]


def node(rule: Rule, path: FormPath, value: Any, context: Context) -> Node:
    """The form node for one field of the schema, holding `value` (MISSING when left out)."""
    kind = rule.get("type")
    meta = rule.get("meta", {})
    about = labels.help_text(str(meta.get("description", "")))
    key = path[-1]
    if kind == "dict":
        return group(rule, path, value, context, about)
    if kind == "list":
        items = value if isinstance(value, list) else []
        noun = labels.item_noun(key)
        return Listing(path, labels.label(key), about, bool(rule.get("required")), noun,
                       [item(rule["schema"], (*path, str(i)), i + 1, noun, inner, context)
                        for i, inner in enumerate(items)])
    return leaf(rule, path, value, context, about)


def group(rule: Rule, path: FormPath, value: Any, context: Context, about: str) -> Group:
    """A fieldset for a group of the schema, with the keys there the schema does not know."""
    fields: Schema = rule.get("schema", {})
    values = value if isinstance(value, dict) else {}
    unknown = [Unknown((*path, str(k)), str(k), shown(v)) for k, v in values.items()
               if k not in fields]
    children = [node(inner, (*path, k), values.get(k, MISSING), context)
                for k, inner in fields.items()]
    title = context.names.get(path[-1]) if path[:1] == ("self_assessment",) else None
    title = rule.get("meta", {}).get("label") or title
    return Group(path, title or labels.label(path[-1]), about, bool(rule.get("required")),
                 isinstance(value, dict), children, unknown)


def item(rule: Rule, path: FormPath, number: int, noun: str, value: Any,
         context: Context) -> Item:
    """One list item; its heading is 'School 2' and, once it has one, its name."""
    inner = node(rule, path, value, context)
    named = f"{noun.capitalize()} {number or ''}".strip()
    if isinstance(inner, Leaf):  # a line of a list of lines: named by its place, no help
        inner = replace(inner, label=named, help="", required=True,
                        widget="textarea" if inner.widget == "text" else inner.widget)
    elif isinstance(inner, Group):
        inner = replace(inner, label=named)
    title = ""
    if isinstance(value, dict):
        title = next((str(value[k]) for k in TITLE_KEYS if isinstance(value.get(k), str)), "")
    elif isinstance(value, str):
        title = value
    return Item(path, number, noun, inner, title)


def blank_item(list_path: FormPath, reference: ReferenceData, data: Any) -> Item:
    """A new, empty item for the list at `list_path`; ValueError for a path the form lacks."""
    context = form_context(data, reference)
    rule = rule_for(context.schema, list_path)
    if rule is None or rule.get("type") != "list":
        raise ValueError(f"no list at {'/'.join(list_path)}")
    return item(rule["schema"], (*list_path, new_item_key()), 0,
                labels.item_noun(list_path[-1]), MISSING, context)


def rule_for(schema: Schema, path: FormPath) -> Rule | None:
    """The schema rule at a form path (item keys checked against ITEM_KEY), or None."""
    rule: Rule | None = {"type": "dict", "schema": schema}
    for part in path:
        if rule is None:
            return None
        if rule.get("type") == "list":
            rule = rule["schema"] if ITEM_KEY.fullmatch(part) else None
        elif rule.get("type") == "dict":
            rule = rule.get("schema", {}).get(part)
        else:
            return None
    return rule


def leaf(rule: Rule, path: FormPath, value: Any, context: Context, about: str) -> Leaf:
    """One input, showing the saved value, or the user's (with a note) after a reload."""
    found = plain_leaf(rule, path, value, context, about)
    typed = context.overrides.get(found.name)
    if typed is None:
        return found
    if not context.marked:
        return replace(found, value=typed, choices=options(
            [v for v, _ in found.choices], typed, context.names) if found.choices else ())
    saved = found.value if found.widget != "checkbox" else \
        ("ticked" if found.checked else "not ticked")
    note = f"Your unsaved value. The saved file has: {saved or 'nothing'}."
    choices = found.choices
    if found.widget == "select":
        choices = options([v for v, _ in found.choices], typed, context.names)
    return replace(found, value=typed, note=note, choices=choices,
                   widget="textarea" if "\n" in typed and found.widget == "text" else found.widget)


def plain_leaf(rule: Rule, path: FormPath, value: Any, context: Context, about: str) -> Leaf:
    """The input for one field, showing the file's value: a checkbox, a select, or one by type."""
    key, kind, shape = path[-1], rule.get("type"), labels.shape(path)
    named = rule.get("meta", {}).get("label")
    required = bool(rule.get("required"))
    text = displayed(value)
    source = labels.SOURCES.get(shape)
    if kind == "boolean":
        on = value is True or (value is MISSING and key in labels.DEFAULT_TRUE)
        return Leaf(path, named or labels.label(key), about, required, "checkbox",
                    "true" if on else "false")
    allowed = rule.get("allowed") or context.fixed.get(shape)
    references = labels.REFERENCES.get(shape, ())
    if allowed or references:
        values = list(allowed or [v for tag in references for v in context.sources.get(tag, [])])
        names = {**context.names, **rule.get("meta", {}).get("names", {})}
        return Leaf(path, named or labels.label(key), about, required, "select", text,
                    options(values, text, names), references, source)
    widget = {"integer": "integer", "decimal": "decimal", "date": "date"}.get(str(kind), "text")
    if widget == "date" and text and not is_date(text):
        widget = "text"  # the file's value is no date: shown as written, its problem beside it
    if widget == "text" and (key in labels.LONG_TEXT or "\n" in text):
        widget = "textarea"
    return Leaf(path, named or labels.label(key), about, required, widget, text, source=source)


def options(values: list[str], current: str, names: dict[str, str]
            ) -> tuple[tuple[str, str], ...]:
    """A select's options, once each; a current value not among them is kept, and says so."""
    unique = list(dict.fromkeys(values))
    shown = [(value, names.get(value) or words(value)) for value in unique]
    if current and current not in unique:
        shown.append((current, f"{current} (not one of the choices)"))
    return tuple(shown)


def words(value: str) -> str:
    """A choice as words: 'government' → 'Government'; names as written stay as written."""
    return value[:1].upper() + value[1:].replace("_", " ") if value.islower() else value


def displayed(value: Any) -> str:
    """A value as its input shows it: text as written, a date as YYYY-MM-DD."""
    if value is MISSING or value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # text as written; a date as YYYY-MM-DD; a number as written


def is_date(text: str) -> bool:
    """Whether `text` is a date written YYYY-MM-DD."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def shown(value: Any) -> str:
    """A short view of an unknown key's value."""
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    text = displayed(value)
    return text if len(text) <= 80 else text[:77] + "..."
