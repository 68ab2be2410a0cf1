"""A table merged into one cluster file: planned, applied in its text, and checked.

The plan (`plan.py`) becomes the file's new text through the round-trip editor
(`cluster/edit.apply_patch`, the one `docgen serve` saves with): comments stay in their
places, key order and quoting as they were, and each value is written as docgen's
loader reads it (`0427` as text stays quoted). The new text is then checked as
`docgen check` would check it; a problem in a value that came from the table is
reported at its cell. Nothing is written here: the command writes `Outcome.text`,
once, atomically, and only if there is no error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.cluster.check import CheckedFile, check_source
from docgen.cluster.fields import rule_at
from docgen.errors import InputError, Problem
from docgen.files import display_name
from docgen.refdata import ReferenceData
from docgen.tables.plan import Plan
from docgen.tables.sheet import problem

KINDS = {"string": "text", "date": "date", "integer": "integer", "decimal": "number",
         "boolean": "boolean"}
"""Cerberus type → the editor's word for how to write a value."""
AFTER = " (in the file as the import would leave it)"


@dataclass
class Outcome:
    """One cluster file imported into: its plan, its new text if any, and the problems."""

    path: Path
    name: str
    original: bytes
    plan: Plan
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None
    """The new text, when the plan changes the file and could be applied."""
    notes: tuple[str, ...] = ()
    """What the editor rewrote beyond the edit (a flow list in block style, line ends)."""

    @property
    def failed(self) -> bool:
        """Whether the file has an error."""
        return any(p.is_error for p in self.problems)

    @property
    def writes(self) -> bool:
        """Whether the import writes the file: it has new text and no error."""
        return self.text is not None and not self.failed


@dataclass
class Imported:
    """What an import finds and would do: each file's outcome, and (for the enrolment
    refresh) problems of the table as a whole and the rows that matched no school."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    not_found: list[tuple[int, str]] = field(default_factory=list)
    """(row, school number) of each row no cluster file has a school for."""

    @property
    def failed(self) -> bool:
        """Whether the table or any file has an error."""
        return any(p.is_error for p in self.problems) or any(o.failed for o in self.outcomes)

    @property
    def all_problems(self) -> list[Problem]:
        """The table's problems, then each file's."""
        return [*self.problems, *(p for outcome in self.outcomes for p in outcome.problems)]


def read_cluster(path: Path, reference: ReferenceData) -> tuple[bytes, CheckedFile]:
    """The cluster file's bytes and the file checked (its values, errors or not)."""
    from docgen.cluster.load import read_bytes

    name = display_name(path)
    data = read_bytes(path, name)
    checked = check_source(path, name, lambda: data, reference)
    if not checked.values:  # it did not load: nothing to merge into
        raise InputError(checked.problems)
    return data, checked


def kinds_for(reference: ReferenceData) -> Callable[[tuple[str | int, ...]], str | None]:
    """How the editor must write the value at a path: as text, a date, a number, ..."""
    from docgen.cluster.schema import cluster_schema

    schema = cluster_schema(reference)

    def kinds(path: tuple[str | int, ...]) -> str | None:
        rule = rule_at(schema, path)
        return KINDS.get(str(rule.get("type"))) if rule else None

    return kinds


def applied(outcome: Outcome, table: str, reference: ReferenceData) -> Outcome:
    """`outcome` with its plan applied to the file's text and the result checked."""
    from docgen.cluster.edit import PatchError, SourceError, apply_patch

    if outcome.failed or not outcome.plan.changed:
        return outcome
    try:
        text = outcome.original.decode("utf-8")
        result = apply_patch(text, outcome.plan.operations, kinds_for(reference))
    except (PatchError, SourceError) as exc:
        outcome.problems.append(problem(outcome.name, 1, 1, f"the import cannot be made in "
                                        f"this file: {exc}"))
        return outcome
    encoded = result.text.encode("utf-8")
    checked = check_source(outcome.path, outcome.name, lambda: encoded, reference)
    outcome.problems += [placed(p, outcome.plan, table) for p in checked.problems
                         if p.is_error]
    outcome.text, outcome.notes = result.text, result.notes
    return outcome


def placed(found: Problem, plan: Plan, table: str) -> Problem:
    """A problem of the patched file at the table's cell its value came from, if it did."""
    path = found.path
    while path:
        if path in plan.places:
            row, column = plan.places[path]
            return problem(table, row, column, found.message, found.severity, found.path)
        path = path[:max(path.rfind("."), path.rfind("["), 0)]
    return Problem(found.file, found.line, found.column, found.severity, found.message + AFTER,
                   found.path)


def unchanged_on_disk(outcome: Outcome) -> bool:
    """Whether the file still holds the bytes it was imported from (no edit in between)."""
    from docgen.cluster.load import read_bytes

    try:
        return read_bytes(outcome.path, outcome.name) == outcome.original
    except InputError:
        return False
