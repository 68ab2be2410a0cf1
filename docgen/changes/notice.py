"""The membership change notice and the documents a change affects, rendered in memory.

`change_context` is the one place that names the notice's own template variables
(under `change`); everything else the notice prints comes from `build_context` of the
new version. Nothing here writes a file: the command does, through `write_atomic`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from docgen.changes.membership import MembershipDiff
from docgen.changes.phrases import enrolment_sentence, governance_sentence, reason, who
from docgen.cluster.model import Cluster, MembershipChange, School
from docgen.documents.catalogue import DOCUMENTS, MEMBERSHIP_CHANGE_NOTICE
from docgen.documents.context import Context, build_context
from docgen.documents.context.common import school
from docgen.documents.generate import cluster_logo, render_cluster
from docgen.documents.properties import core_xml
from docgen.documents.render import render_docx
from docgen.documents.templates import compiled_template
from docgen.documents.textdump import docx_text
from docgen.documents.wording import (
    breakable_address,
    dollars,
    long_date,
    school_number_text,
)
from docgen.errors import UsageError
from docgen.refdata import ReferenceData

TITLES = {spec.name: spec.title for spec in DOCUMENTS}


def involved_names(diff: MembershipDiff) -> set[str]:
    """Every name of every school that joined, left or was renamed (old and new names)."""
    names = {s.name for s in diff.added + diff.removed}
    return names | {r.before.name for r in diff.renamed} | {r.after.name for r in diff.renamed}


def recorded_changes(new: Cluster, diff: MembershipDiff) -> list[MembershipChange]:
    """The new version's `membership_changes` entries about the schools in this change."""
    names = involved_names(diff)
    return [m for m in new.membership_changes if m.school in names or m.former_name in names]


def effective_date(new: Cluster, diff: MembershipDiff) -> dt.date:
    """The latest date recorded for these schools in `membership_changes`, else the
    new version's document date."""
    dates = [m.date for m in recorded_changes(new, diff)]
    return max(dates) if dates else new.document_control.date


def latest_entry(new: Cluster, name: str, change: str) -> MembershipChange | None:
    """The last `membership_changes` entry recording this change of school `name`, if any."""
    entries = [m for m in new.membership_changes if m.school == name and m.change == change]
    return entries[-1] if entries else None


def moving_school(new: Cluster, entry: School, change: str) -> Context:
    """A joining or leaving school: its details plus the other cluster and notice date."""
    recorded = latest_entry(new, entry.name, change)
    other = None
    if recorded is not None:
        other = recorded.from_cluster if change == "joined" else recorded.to_cluster
    return {**school(entry), "other_cluster": other,
            "dept_notified": long_date(recorded.dept_notified) if recorded else None}


def chair(new: Cluster) -> Context:
    """The Governance Group chair, who signs the notice, and whom they represent."""
    name = new.governance_group.chair
    organisation = next((s.name for s in new.member_schools
                         if s.governance_nominee.name == name), None)
    organisation = organisation or next((m.organisation for m in
                                         new.governance_group.other_members if m.name == name),
                                        new.name)
    return {"name": name, "role": "Chair, Cluster Governance Group",
            "organisation": organisation}


def mou_schedule(diff: MembershipDiff) -> list[str]:
    """What changes in the MoU's schedule of member schools (its parties)."""
    lines = [f"{s.name} is added as a party and signs the MoU." for s in diff.added]
    lines += [f"{s.name} is removed as a party." for s in diff.removed]
    lines += [f"{r.before.name} is shown under its new name, {r.after.name}."
              for r in diff.renamed]
    if lines:
        lines.append("The change is recorded in the MoU's schedule of variations.")
    return lines


def funding_context(diff: MembershipDiff) -> Context:
    """The notice's funding variables: enrolments, band and total before and after, in words."""
    f = diff.funding
    return {"enrolments_before": f"{f.enrolments_before:,}",
            "enrolments_after": f"{f.enrolments_after:,}",
            "band_before": f.band_before, "band_after": f.band_after,
            "band_changed": f.band_before != f.band_after,
            "total_before": dollars(f.total_before), "total_after": dollars(f.total_after),
            "indicative": f.indicative,
            "school_changes": [enrolment_sentence(c) for c in f.school_changes]}


def reference(new: Cluster, diff: MembershipDiff) -> str:
    """The notice's own reference: 'MC-' and the change's date, with the version the
    cluster documents move to ('MC-2025-09-01-v1.1'), the same however often it is made."""
    return f"MC-{effective_date(new, diff).isoformat()}-v{new.document_control.version}"


def control_not_moved_on(old: Cluster, new: Cluster) -> str | None:
    """Why the new version's document control still reads as the old one, if it does:
    a notice of a change should come with the documents' next version and date."""
    before, after = old.document_control, new.document_control
    stale = [f"document.{key} ({shown})" for key, shown, same in (
        ("version", after.version, after.version == before.version),
        ("date", long_date(after.date), after.date <= before.date)) if same]
    if not stale:
        return None
    return (f"{' and '.join(stale)} not moved on from the previous version; the reissued "
            "documents will read as before: set the next version and date (docgen diff "
            "prints the history row to paste)")


def change_context(old: Cluster, new: Cluster, diff: MembershipDiff,
                   documents: list[str]) -> Context:
    """The notice's `change` variables: its reference and date, who moves, what follows,
    who is told."""
    return {
        "reference": reference(new, diff), "date": long_date(effective_date(new, diff)),
        "effective_date": long_date(effective_date(new, diff)),
        "previous_version": old.document_control.version,
        "version_changed": old.document_control.version != new.document_control.version,
        "dept_notified": [f"{m.school}: {long_date(m.dept_notified)}"
                          for m in recorded_changes(new, diff) if m.dept_notified],
        "joining": [moving_school(new, s, "joined") for s in diff.added],
        "leaving": [moving_school(new, s, "left") for s in diff.removed],
        "renamed": [{"before": r.before.name, "after": r.after.name,
                     "school_number": school_number_text(r.after.school_number,
                                                         r.after.sector)}
                    for r in diff.renamed],
        "mou_schedule": mou_schedule(diff),
        "governance": [governance_sentence(change) for change in diff.governance],
        "funding": funding_context(diff),
        "addressees": [{"name": a.name, "organisation": a.organisation, "who": who(a),
                        "email": breakable_address(a.email),
                        "reason": reason(a)[:1].upper() + reason(a)[1:]}
                       for a in diff.notify],
        "documents": [TITLES.get(name, name) for name in documents],
        "chair": chair(new),
    }


def render_notice(old: Cluster, new: Cluster, diff: MembershipDiff, documents: list[str],
                  reference: ReferenceData, templates_dir: Path | None = None,
                  source: Path | None = None) -> bytes:
    """The membership change notice's bytes: its own reference and date (`change`), the
    new version's cluster; `source`, the new version's file on disk, places its logo."""
    spec = MEMBERSHIP_CHANGE_NOTICE
    context = build_context(new, spec, reference)
    context["change"] = change_context(old, new, diff, documents)
    return render_docx(compiled_template(spec.template, templates_dir), context,
                       core_xml(new, spec), cluster_logo(new, source))


def affected_documents(old: Cluster, new: Cluster, diff: MembershipDiff,
                       reference: ReferenceData, templates_dir: Path | None = None) -> list[str]:
    """The documents whose text changes, document control aside: each is rendered from
    both versions (with the old version's document control) and the texts compared."""
    if diff.identical:
        return []
    comparable = replace(new, document_control=old.document_control)
    affected = []
    for spec in DOCUMENTS:
        try:
            before = render_cluster(old, (spec,), reference, templates_dir)[spec.name]
            after = render_cluster(comparable, (spec,), reference, templates_dir)[spec.name]
        except UsageError:  # no template to compare: say it is affected rather than guess
            affected.append(spec.name)
            continue
        if docx_text(before, properties=False) != docx_text(after, properties=False):
            affected.append(spec.name)
    return affected
