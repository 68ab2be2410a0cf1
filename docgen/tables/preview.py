"""What an import would change, in words: file by file, school by school, field by field.

```
clusters/southern-shores.yaml: 1 updated, 1 added, 3 unchanged
  Seaholme Bay Secondary College (8214), row 2: updated
    vdss_enrolments: 164 -> 170
  Emu Flat College (0427), row 6: added
    name: 'Emu Flat College'
```
Text is shown in quotes, anything that could break the line or steer a terminal
(control, bidi and separator characters) as an escape.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from docgen.tables.merge import Imported, Outcome
from docgen.tables.plan import SchoolChange
from docgen.tables.sheet import printable

ORDER = ("updated", "added", "removed", "unchanged", "kept")
MAX_LISTED = 20
"""Schools named in one 'not in the table' line; the rest are counted."""


def shown(value: Any) -> str:
    """A value as the preview shows it."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{printable(value)}'"


def school(change: SchoolChange) -> str:
    """A school as the preview names it: name (number), row."""
    number = f" ({shown(change.school_number)[1:-1]})" if change.school_number else ""
    row = f", row {change.row}" if change.row else ""
    return f"{shown(change.name)[1:-1]}{number}{row}"


def counts(outcome: Outcome) -> str:
    """How many schools of each kind: "1 updated, 1 added, 3 unchanged", or "no change"."""
    kinds = [change.kind for change in outcome.plan.changes if change.kind != "kept"]
    if not outcome.plan.changed:
        return "no change"
    return ", ".join(f"{kinds.count(kind)} {kind}" for kind in ORDER if kind in kinds)


def file_lines(outcome: Outcome) -> list[str]:
    """One file's changes; schools not in the table (kept as they are) on one line."""
    lines = [f"{outcome.name}: {counts(outcome)}"]
    for change in outcome.plan.changes:
        if change.kind in ("updated", "added"):
            lines.append(f"  {school(change)}: {change.kind}")
            lines += [f"    {field.key}: {shown(field.new)}" if change.kind == "added" else
                      f"    {field.key}: {shown(field.old)} -> {shown(field.new)}"
                      for field in change.fields]
        elif change.kind == "removed":
            lines.append(f"  {school(change)}: removed (not in the table)")
    kept = [school(change) for change in outcome.plan.changes if change.kind == "kept"]
    if kept:
        more = f" and {len(kept) - MAX_LISTED} more" if len(kept) > MAX_LISTED else ""
        lines.append(f"  not in the table, kept as they are: {'; '.join(kept[:MAX_LISTED])}"
                     f"{more}")
    lines += [f"  note: {note}" for note in outcome.notes]
    return lines


def preview_lines(imported: Imported) -> list[str]:
    """Every file's changes, then the table's rows that matched no school (a refresh)."""
    lines = [line for outcome in imported.outcomes
             if outcome.plan.changed or not outcome.failed for line in file_lines(outcome)]
    if imported.not_found:
        rows = "; ".join(f"{shown(number)[1:-1]} (row {row})"
                         for row, number in imported.not_found[:MAX_LISTED])
        more = (f" and {len(imported.not_found) - MAX_LISTED} more"
                if len(imported.not_found) > MAX_LISTED else "")
        lines.append(f"Schools in the table but in no cluster file "
                     f"({len(imported.not_found)}): {rows}{more}")
    return lines
