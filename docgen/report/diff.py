"""`docgen diff` for people (a report section by section, with rows to paste) and tools (JSON).

The text reads the change's records through `changes/phrases.py`, the notice's own
words. The JSON gives the records themselves: names, numbers as JSON numbers (money
exact, `jsontext.py`), and no sentences.
"""

from __future__ import annotations

from typing import Any

from docgen.changes.membership import MembershipDiff
from docgen.changes.phrases import (
    address,
    enrolment_sentence,
    governance_sentence,
    reason,
    who,
)
from docgen.cluster.model import School
from docgen.documents.wording import dollars_and_cents
from docgen.report.jsontext import dumps

INDICATIVE_NOTE = ("indicative: the band thresholds and salary rates are the cluster's "
                   "estimates, as in the funding application")


def school_line(school: School) -> str:
    """A school with its sector, number and VDSS enrolments, on one line."""
    number = f", school {school.school_number}" if school.school_number else ""
    return (f"{school.name} ({school.sector.capitalize()}{number}, "
            f"{school.vdss_enrolments:,} VDSS enrolments)")


def member_lines(diff: MembershipDiff) -> list[str]:
    """The Members section: schools that joined, left or were renamed (and any other cluster)."""
    other = dict(diff.other_clusters)
    lines = [f"  joined   {school_line(s)}"
             + (f", from {other[s.name]}" if s.name in other else "") for s in diff.added]
    lines += [f"  left     {school_line(s)}"
              + (f", to {other[s.name]}" if s.name in other else "") for s in diff.removed]
    lines += [f"  renamed  {r.before.name} → {r.after.name}"
              + (f" (school {r.after.school_number})" if r.after.school_number else "")
              for r in diff.renamed]
    return ["Members", *lines] if lines else ["Members: no school joined, left or was renamed"]


def funding_lines(diff: MembershipDiff) -> list[str]:
    """The Funding section: enrolments, band and transition funding, before and after."""
    f = diff.funding
    if not f.changed:
        return [f"Funding: unchanged (total VDSS enrolments {f.enrolments_after:,}, "
                f"band {f.band_after})"]
    lines = ["Funding" + (f" ({INDICATIVE_NOTE})" if f.indicative else ""),
             f"  Total VDSS enrolments  {f.enrolments_before:,} → {f.enrolments_after:,}",
             f"  Funding band           {f.band_before} → {f.band_after}"
             + ("" if f.band_before != f.band_after else " (unchanged)"),
             f"  Transition funding     {dollars_and_cents(f.total_before)} → "
             f"{dollars_and_cents(f.total_after)}"
             + ("" if f.total_before != f.total_after else " (unchanged)")]
    return lines + [f"  {enrolment_sentence(change)}" for change in f.school_changes]


def notify_lines(diff: MembershipDiff) -> list[str]:
    """The Notify section: whom to tell of the change, and why."""
    if not diff.notify:
        return ["Notify: nobody (no school joined or left)"]
    return ["Notify:", *[f"  {address(a)}  ({who(a)}: {reason(a)})" if a.email
                        else f"  {address(a)}: {reason(a)}" for a in diff.notify]]


def text_report(diff: MembershipDiff, documents: list[str], names: tuple[str, str],
                proposals: list[str]) -> list[str]:
    """The report for people, section by section, then the rows to paste into the file."""
    if diff.identical:
        return [f"No changes: {names[0]} and {names[1]} describe the same cluster."]
    lines = [f"{diff.cluster}: {names[0]} → {names[1]}", "", *member_lines(diff), ""]
    lines += (["Governance", *[f"  {governance_sentence(change)}" for change in diff.governance]]
              if diff.governance else ["Governance: no change to chairs or members"])
    lines += ["", *funding_lines(diff)]
    if diff.other_sections:
        lines += ["", f"Other sections changed: {', '.join(diff.other_sections)}"]
    lines += ["", "Documents affected (rebuild with `docgen build`): "
              + (", ".join(documents) or "none beyond document control")]
    lines += ["", *notify_lines(diff)]
    return lines + [line for proposal in proposals for line in ("", proposal)]


def as_dict(diff: MembershipDiff, documents: list[str]) -> dict[str, Any]:
    """`docgen diff --format json`: the change as records (amounts as `Decimal`)."""
    f = diff.funding
    return {
        "cluster": diff.cluster, "changed": not diff.identical,
        "members_added": [s.name for s in diff.added],
        "members_removed": [s.name for s in diff.removed],
        "other_clusters": dict(diff.other_clusters),
        "members_renamed": [{"from": r.before.name, "to": r.after.name,
                             "school_number": r.after.school_number} for r in diff.renamed],
        "governance_changes": [{"group": c.group, "role": c.role, "change": c.change,
                                "person": c.person, "organisation": c.organisation,
                                "before": c.before, "after": c.after} for c in diff.governance],
        "funding": {"total_vdss_enrolments": {"before": f.enrolments_before,
                                              "after": f.enrolments_after},
                    "band": {"before": f.band_before, "after": f.band_after},
                    "total": {"before": f.total_before, "after": f.total_after},
                    "school_changes": [{"school": c.school, "before": c.before,
                                        "after": c.after, "change": c.after - c.before}
                                       for c in f.school_changes],
                    "verified": not f.indicative},
        "other_sections_changed": list(diff.other_sections),
        "documents_affected": documents,
        "notify": [address(a) for a in diff.notify],
        "notify_detail": [{"name": a.name, "organisation": a.organisation, "email": a.email,
                           "reason": a.reason, "schools": list(a.schools)}
                          for a in diff.notify],
    }


def json_report(diff: MembershipDiff, documents: list[str]) -> str:
    """`as_dict` as JSON text."""
    return dumps(as_dict(diff, documents))
