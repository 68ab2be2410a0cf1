"""The user's unsaved edits: the saved file with the form's operations applied, checked.

A `Draft` is what the page would save: the version the form was made from, the
operations (`edits.py`), the text they give (made by the same JSON Patch editor the
API's PATCH uses, so the check sees exactly the bytes a save would write) and that
text checked as `docgen check` checks it. Every problem is then placed: the form
input it belongs beside and its place in words ("School 2 (Banksia Rise) > VDSS
enrolments").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.cluster.check import CheckedFile
from docgen.cluster.schema import cluster_schema
from docgen.errors import Problem
from docgen.refdata import reference_data
from docgen.serve import labels
from docgen.serve.edits import Edits, Submission, form_edits
from docgen.serve.formtree import TITLE_KEYS, dom_id
from docgen.serve.patching import patched
from docgen.serve.work import Rendered, check_bytes

DOTTED_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


@dataclass(frozen=True)
class Draft:
    """The saved version, the user's operations on it, and the result checked."""

    saved: bytes
    edits: Edits
    text: bytes
    checked: CheckedFile
    notes: tuple[str, ...] = ()
    """What saving rewrites besides the edits (the editor's notes)."""

    @property
    def changed(self) -> bool:
        """Whether the user has edited anything."""
        return bool(self.edits.operations)

    @property
    def errors(self) -> int:
        """How many errors the edited text has."""
        return sum(p.is_error for p in self.checked.problems)


def saved_values(path: Path, saved: bytes) -> dict[str, Any]:
    """The saved file's values as the form shows them (empty when it does not load)."""
    return check_bytes(path, saved).values


def make_draft(path: Path, saved: bytes, submission: Submission) -> Draft:
    """The form's edits to the version `saved` of the cluster file `path`, checked.

    Raises `PatchFailed` if the edits cannot be made in the text.
    """
    schema = cluster_schema(reference_data())
    edits = form_edits(schema, saved_values(path, saved), submission)
    made = patched(saved, edits.operations)
    return Draft(saved, edits, made.text, check_bytes(path, made.text), made.notes)


@dataclass(frozen=True)
class Placed:
    """One problem as the page shows it: beside `target` (an element id) and in the summary."""

    severity: str
    message: str
    where: str
    target: str
    line: int
    column: int


def value_path(dotted: str) -> tuple[str | int, ...]:
    """('member_schools', 1, 'name') from 'member_schools[1].name'."""
    return tuple(int(index) if index else key for index, key in DOTTED_PART.findall(dotted))


def place(problems: list[Problem], edits: Edits, values: dict[str, Any]) -> list[Placed]:
    """Each problem with the input it belongs beside (by the edited text's paths)."""
    schema = cluster_schema(reference_data())
    placed = []
    for problem in problems:
        path = value_path(problem.path) if problem.path else ()
        target = dom_id(edits.form_path(path)) if path else ""
        where = describe(path, values, schema) if path else f"Line {problem.line}"
        placed.append(Placed(str(problem.severity), problem.message, where, target,
                             problem.line, problem.column))
    return placed


def describe(path: tuple[str | int, ...], values: Any, schema: Any) -> str:
    """A value's place in words: 'Member schools > School 2 (Banksia Rise) > VDSS enrolments'."""
    words: list[str] = []
    value: Any = values
    key = ""
    for part in path:
        value = value[part] if is_inside(value, part) else None
        if isinstance(part, int):
            title = title_of(value)
            words.append(f"{labels.item_noun(key).capitalize()} {part + 1}"
                         + (f" ({title})" if title else ""))
        else:
            key = part
            words.append(labels.label(part) if not words or part in labels_known(schema)
                         else part)
    return " > ".join(words)


def is_inside(value: Any, part: str | int) -> bool:
    """Whether `value` has the key or index `part`."""
    if isinstance(part, int):
        return isinstance(value, list) and 0 <= part < len(value)
    return isinstance(value, dict) and part in value


def title_of(value: Any) -> str:
    """What names a list item in a place's words: its name (or like) field, or its short text."""
    if isinstance(value, dict):
        return next((str(value[k]) for k in TITLE_KEYS if isinstance(value.get(k), str)), "")
    return value if isinstance(value, str) and len(value) <= 60 else ""


def labels_known(schema: Any) -> set[str]:
    """Every key the schema names anywhere (an unknown key is shown as written)."""
    found: set[str] = set()

    def walk(fields: dict[str, Any]) -> None:
        for key, rule in fields.items():
            found.add(key)
            inner = rule.get("schema")
            if rule.get("type") == "list" and isinstance(inner, dict):
                inner = inner.get("schema") if inner.get("type") == "dict" else None
            if isinstance(inner, dict):
                walk(inner)

    walk(schema)
    return found


def render_draft(path: Path, text: bytes, documents: tuple[str, ...],
                 templates_dir: Path | None) -> Rendered:
    """The documents of an unsaved version, as `work.render_saved` makes the saved file's
    (run where the API's runner runs it: a thread, or the child for untrusted templates)."""
    from docgen.documents.catalogue import select
    from docgen.documents.generate import render_cluster
    from docgen.errors import RenderError

    checked = check_bytes(path, text)
    if checked.cluster is None:
        return Rendered(tuple(checked.problems))
    try:
        files = render_cluster(checked.cluster, select(list(documents)), reference_data(),
                               templates_dir)
    except RenderError as exc:
        return Rendered(tuple(checked.problems), str(exc))
    return Rendered(tuple(checked.problems), None, checked.cluster.name, files)
