"""What `docgen diff` proposes to add to the cluster file: the next version-history row
and the `membership_changes` rows the MoU's schedule of variations needs.

Proposals are YAML text for a person to paste and edit; docgen never edits the
cluster file itself (its comments and layout are the coordinator's).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

import yaml

from docgen.changes.membership import MembershipDiff
from docgen.changes.phrases import summary
from docgen.cluster.model import Cluster

Entry = dict[str, Any]


def next_version(version: str) -> str:
    """'1.0' → '1.1', '2' → '3', '1.9' → '1.10'; any other form gets '.1' added."""
    head, dot, last = version.rpartition(".")
    counts = last.isascii() and last.isdigit() and len(last) < 20  # not '²', not 5,000 digits
    return f"{head}{dot}{int(last) + 1}" if counts else f"{version}.1"


def author(prepared_by: str) -> str:
    """'Priya Raman, Cluster Coordinator' → 'Priya Raman' (a placeholder to confirm)."""
    return prepared_by.split(",")[0].strip() or prepared_by


def history_entry(old: Cluster, new: Cluster, diff: MembershipDiff, today: dt.date
                  ) -> Entry | None:
    """The next `document.history` row, or None when the new version already has one."""
    document = new.document_control
    if document.version != old.document_control.version:
        if any(h.version == document.version for h in document.history):
            return None
        version, date = document.version, document.date
    else:
        version, date = next_version(document.version), today
    return {"version": version, "date": date, "author": author(document.prepared_by),
            "changes": summary(diff)}


def recorded(new: Cluster, school: str, change: str) -> bool:
    """Whether `membership_changes` already records this change of `school`."""
    return any(m.school == school and m.change == change for m in new.membership_changes)


def membership_entries(new: Cluster, diff: MembershipDiff, today: dt.date) -> list[Entry]:
    """`membership_changes` rows for joins, departures and renames not yet recorded."""
    rows: list[Entry] = []
    for school in diff.added:
        if not recorded(new, school.name, "joined"):
            rows.append({"date": today, "school": school.name, "change": "joined"})
    for school in diff.removed:
        if not recorded(new, school.name, "left"):
            rows.append({"date": today, "school": school.name, "change": "left"})
    for rename in diff.renamed:
        if not recorded(new, rename.after.name, "renamed"):
            rows.append({"date": today, "school": rename.after.name, "change": "renamed",
                         "former_name": rename.before.name})
    return rows


def as_yaml(rows: list[Entry], indent: int) -> str:
    """List items as the cluster files write them, indented to sit under their key."""
    text = yaml.safe_dump(rows, sort_keys=False, allow_unicode=True, width=1000,
                          default_flow_style=False)
    return textwrap.indent(text, " " * indent).rstrip("\n")


def proposals(old: Cluster, new: Cluster, diff: MembershipDiff, today: dt.date) -> list[str]:
    """The YAML snippets to print, each with a line saying where it goes."""
    out = []
    entry = history_entry(old, new, diff, today)
    if entry is not None:
        out.append(f"# Add under document.history, and set document.version to "
                   f"\"{entry['version']}\" and document.date to {entry['date']}:\n"
                   + as_yaml([entry], 4))
    rows = membership_entries(new, diff, today)
    if rows:
        notice = "add dept_notified: YYYY-MM-DD once pathways.reform@education.vic.gov.au " \
                 "is told" if diff.notify else "no department notice is needed for a rename"
        out.append(f"# Add to membership_changes (the MoU's schedule of variations); "
                   f"{notice}:\nmembership_changes:\n" + as_yaml(rows, 2))
    return out
