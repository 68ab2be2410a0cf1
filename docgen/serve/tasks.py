"""Guided tasks: a school joins, leaves, or moves to another cluster, as `docgen diff` sees it.

Each task is a short form (its fields are schema rules, so `form.py` draws them and
`edits.py` reads them back), then the same steps a coordinator takes at the command
line, made for them: the school added or removed, the next `document.history` row
and the `membership_changes` row `changes/proposals.py` proposes, all as JSON Patch
operations on the saved file; then the result checked and compared with the saved
version, and the report `docgen diff` prints. The page saves the operations through
the same path as the form, and offers the change notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.changes.membership import compare
from docgen.changes.notice import affected_documents
from docgen.changes.proposals import history_entry
from docgen.cluster.check import CheckedFile
from docgen.cluster.fields import Rule, choice, day, mapping, text
from docgen.cluster.schema import SCHOOL
from docgen.errors import RenderError
from docgen.refdata import reference_data
from docgen.report.diff import text_report
from docgen.serve.drafts import Placed, place
from docgen.serve.edits import Edits, Operation, pointer
from docgen.serve.patching import json_value, patched
from docgen.serve.work import check_bytes

JOINING = {"name", "sector", "school_number", "address", "principal", "vet_coordinator",
           "governance_nominee", "vdss_enrolments"}
"""What the join form asks about a school: what the documents need, and its number."""


def subset(rule: Rule, keys: set[str]) -> Rule:
    """A group rule with only `keys` (a person's group with only name and email)."""
    fields = {key: inner for key, inner in rule["schema"].items() if key in keys}
    for key, inner in fields.items():
        if inner.get("type") == "dict":
            fields[key] = {**inner, "schema": {k: v for k, v in inner["schema"].items()
                                               if k in ("name", "email", "role")}}
    return {**rule, "schema": fields}


def labelled(rule: Rule, label: str) -> Rule:
    """`rule` with `label` as its label in the form."""
    return {**rule, "meta": {**rule.get("meta", {}), "label": label}}


def join_form() -> dict[str, Rule]:
    """The fields of "a school joins"."""
    return {
        "school": labelled({**subset(SCHOOL, JOINING), "required": True}, "The school"),
        "date": labelled(day("The day the school becomes a member (it goes in the MoU's "
                             "schedule of variations).", required=True), "Date it joins"),
        "from_cluster": labelled(text("If the school comes from another VET cluster: that "
                                      "cluster's name."), "Cluster it comes from"),
    }


def leave_form(schools: list[str], chair_choices: list[str]) -> dict[str, Rule]:
    """The fields of "a school leaves": which school, when, where to, and a new chair."""
    return {
        "school": labelled(choice("The member school that leaves.", schools, required=True),
                           "School that leaves"),
        "date": labelled(day("The day the school stops being a member.", required=True),
                         "Date it leaves"),
        "to_cluster": labelled(text("If the school moves to another VET cluster: that "
                                    "cluster's name."), "Cluster it moves to"),
        "chair": labelled(choice("Only if the leaving school's nominee chairs the Governance "
                                 "Group: who chairs it now.", chair_choices), "New chair"),
    }


def move_form(schools: list[str], clusters: dict[str, str]) -> dict[str, Rule]:
    """The fields of "a school moves to another cluster" (one of this folder's, by file
    name → cluster name)."""
    destination = labelled(choice("The cluster it joins (a cluster file in this folder).",
                                  list(clusters), required=True), "Cluster it joins")
    destination["meta"]["names"] = clusters
    return {
        "school": labelled(choice("The member school that moves.", schools, required=True),
                           "School that moves"),
        "destination": destination,
        "date": labelled(day("The day the school changes cluster.", required=True),
                         "Date of the move"),
    }


def task_rule(fields: dict[str, Rule]) -> Rule:
    """A task's fields as one required group."""
    return mapping("", fields, required=True)


@dataclass
class Outcome:
    """A task's result on one cluster file: the new text and what `docgen diff` says."""

    stem: str
    saved: bytes
    operations: list[Operation]
    text: bytes
    problems: list[Placed] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What else the change does, in words (a certificate losing its host school)."""

    @property
    def ok(self) -> bool:
        """Whether the result has no error."""
        return not any(p.severity == "error" for p in self.problems)


def append(values: dict[str, Any], at: tuple[str, ...], row: dict[str, Any]) -> Operation:
    """Add `row` at the end of the list at `at`, or start that list."""
    holder: Any = values
    for key in at:
        holder = holder.get(key) if isinstance(holder, dict) else None
    if isinstance(holder, list):
        return {"op": "add", "path": pointer((*at, "-")), "value": json_value(row)}
    return {"op": "add", "path": pointer(at), "value": [json_value(row)]}


def recorded(path: Path, saved: bytes, change: list[Operation], row: dict[str, Any],
             today: dt.date, placements: Edits, templates_dir: Path | None = None) -> Outcome:
    """The change, plus the history and membership rows that record it, checked and diffed.

    `row` is the `membership_changes` row (date, school, change, and the other cluster);
    the history row is `changes/proposals.py`'s, from the change alone.
    """
    reference = reference_data()
    before = check_bytes(path, saved)
    outcome = Outcome(path.stem, saved, change, saved)
    if before.cluster is None:
        outcome.problems = place(before.problems, Edits(), before.values)
        return outcome
    first = check_bytes(path, patched(saved, change).text)
    if refused(outcome, first, placements) or first.cluster is None:
        return outcome
    diff = compare(before.cluster, first.cluster, reference)
    history = history_entry(before.cluster, first.cluster, diff, today)
    operations = list(change)
    if history is not None:
        operations += [
            {"op": "replace", "path": "/document/version", "value": history["version"]},
            {"op": "replace", "path": "/document/date", "value": json_value(history["date"])},
            append(before.values, ("document", "history"), history)]
        outcome.rows.append(("document.history", history))
    operations.append(append(before.values, ("membership_changes",), row))
    outcome.rows.append(("membership_changes", row))
    outcome.operations, outcome.text = operations, patched(saved, operations).text
    after = check_bytes(path, outcome.text)
    if refused(outcome, after, placements) or after.cluster is None:
        return outcome
    final = compare(before.cluster, after.cluster, reference)
    try:
        documents = affected_documents(before.cluster, after.cluster, final, reference,
                                       templates_dir)
    except RenderError as exc:  # a template from elsewhere that does not render
        outcome.problems.append(Placed("error", f"the documents cannot be made: {exc}",
                                       "Templates", "", 1, 1))
        return outcome
    outcome.report = text_report(final, documents, (f"{path.name} (saved)",
                                                    f"{path.name} (after this change)"), [])
    return outcome


def refused(outcome: Outcome, checked: CheckedFile, placements: Edits) -> bool:
    """Record the check's problems; whether any is an error."""
    outcome.problems = place(checked.problems, placements, checked.values)
    return not outcome.ok


def school_index(values: dict[str, Any], name: str) -> int | None:
    """The index of the member school named `name`, if any."""
    schools = values.get("member_schools")
    if not isinstance(schools, list):
        return None
    return next((i for i, s in enumerate(schools) if isinstance(s, dict) and s.get("name") == name),
                None)


def joining(values: dict[str, Any], school: dict[str, Any]) -> tuple[list[Operation], Edits]:
    """Add `school` at the end of the member schools; its problems go by the join form."""
    placements = Edits()
    schools = values.get("member_schools")
    at = len(schools) if isinstance(schools, list) else 0
    placements.placements[("member_schools", at)] = ("school",)
    return [append(values, ("member_schools",), school)], placements


def recording(values: dict[str, Any], placements: Edits) -> Edits:
    """Problems of the new `membership_changes` row go by the task's own fields."""
    rows = values.get("membership_changes")
    placements.placements[("membership_changes", len(rows) if isinstance(rows, list) else 0)] = ()
    return placements
