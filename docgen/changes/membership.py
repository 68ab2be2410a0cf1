"""What changed between two versions of a cluster, and who must be told: pure comparison.

Schools are matched by school number where both versions give one, else by name, so a
school whose number stays and whose name changes is a rename, not a departure and an
arrival. The policy's membership rule (PAL "Membership, roles and responsibilities",
seed 001): when a school joins or leaves, the clusters concerned inform the department
at pathways.reform@education.vic.gov.au and liaise with the regional JSPM; the Catholic
or independent sector contact (reference data `contacts`) is told when such a school is
involved.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from docgen.cluster.model import Cluster, Group, Person, School, total_vdss_enrolments
from docgen.cluster.policy import band_for
from docgen.funding.transition import transition_funding
from docgen.refdata import ReferenceData

SECTION_OF = {  # model field → the cluster file's top-level key, for "other sections changed"
    "name": "cluster", "region": "cluster", "area": "cluster", "facilitation": "cluster",
    "status": "cluster", "vision": "cluster", "objectives": "cluster", "established": "cluster",
    "enrolment_year": "enrolments", "enrolment_source": "enrolments", "ttcs": "ttc",
    "governance_group": "governance", "operations_group": "governance",
    "funding": "funding_application", "actions": "implementation_plan",
}
REPORTED_ELSEWHERE = {"member_schools", "governance_group", "operations_group", "document"}


@dataclass(frozen=True, slots=True)
class Rename:
    """The same school (same school number) under a new name."""

    before: School
    after: School


@dataclass(frozen=True, slots=True)
class Addressee:
    """Someone the change must be reported to, and why."""

    name: str
    organisation: str
    email: str | None
    reason: str

    @property
    def address(self) -> str:
        return self.email or f"{self.name} ({self.organisation}; no email in the cluster file)"


@dataclass(frozen=True, slots=True)
class FundingEffect:
    """Total VDSS enrolments, the funding band and the transition funding, before and after."""

    enrolments_before: int
    enrolments_after: int
    band_before: str
    band_after: str
    total_before: Decimal
    total_after: Decimal
    indicative: bool
    school_changes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return (self.enrolments_before, self.band_before, self.total_before) != \
            (self.enrolments_after, self.band_after, self.total_after)


@dataclass(frozen=True, slots=True)
class MembershipDiff:
    """Everything `docgen diff` reports about two versions of one cluster file."""

    cluster: str
    added: tuple[School, ...]
    removed: tuple[School, ...]
    renamed: tuple[Rename, ...]
    governance: tuple[str, ...]
    funding: FundingEffect
    other_sections: tuple[str, ...]
    notify: tuple[Addressee, ...]
    identical: bool
    other_clusters: tuple[tuple[str, str], ...] = ()
    """(school, cluster) for schools recorded as coming from or moving to another cluster."""

    @property
    def membership_changed(self) -> bool:
        return bool(self.added or self.removed or self.renamed)


def match_schools(old: tuple[School, ...], new: tuple[School, ...]
                  ) -> tuple[list[tuple[School, School]], list[School], list[School]]:
    """(matched pairs, removed, added): by school number where both have one, else by name."""
    pairs: list[tuple[School, School]] = []
    old_left, new_left = list(old), list(new)
    for key in ("school_number", "name"):
        for before in list(old_left):
            value = getattr(before, key)
            after = next((s for s in new_left if value and getattr(s, key) == value), None)
            if after is not None:
                pairs.append((before, after))
                old_left.remove(before)
                new_left.remove(after)
    return pairs, old_left, new_left


def changed_line(label: str, before: object, after: object) -> list[str]:
    """`label: before → after`, or nothing when equal."""
    return [] if before == after else [f"{label}: {before or 'none'} → {after or 'none'}"]


def group_changes(label: str, old: Group, new: Group) -> list[str]:
    """Chair, deputy chair and other members of one governance tier."""
    lines = changed_line(f"{label} chair", old.chair, new.chair)
    lines += changed_line(f"{label} deputy chair", old.deputy_chair, new.deputy_chair)
    old_names = {m.name: m for m in old.other_members}
    new_names = {m.name: m for m in new.other_members}
    lines += [f"{m.name} ({m.organisation}) joins the {label}"
              for name, m in new_names.items() if name not in old_names]
    lines += [f"{m.name} ({m.organisation}) leaves the {label}"
              for name, m in old_names.items() if name not in new_names]
    return lines


def nominee_changes(pairs: list[tuple[School, School]], added: list[School],
                    removed: list[School]) -> list[str]:
    """School nominees to the Governance Group and VET coordinators on the Operations Group."""
    lines = []
    for before, after in pairs:
        old_nominee, new_nominee = before.governance_nominee, after.governance_nominee
        if old_nominee != new_nominee:
            lines.append(f"{after.name}: Governance Group nominee {old_nominee.name} → "
                         f"{new_nominee.name}")
    for school in added:
        lines.append(f"{school.governance_nominee.name} joins the Governance Group for "
                     f"{school.name}")
        lines.append(f"{school.vet_coordinator.name} joins the Operations Group for {school.name}")
    for school in removed:
        lines.append(f"{school.governance_nominee.name} leaves the Governance Group "
                     f"({school.name})")
        lines.append(f"{school.vet_coordinator.name} leaves the Operations Group ({school.name})")
    return lines


def funding_effect(old: Cluster, new: Cluster, pairs: list[tuple[School, School]],
                   reference: ReferenceData) -> FundingEffect:
    """Enrolments, band and transition funding total before and after the change."""
    before, after = transition_funding(old, reference), transition_funding(new, reference)
    schools = [f"{b.name}: {a.vdss_enrolments - b.vdss_enrolments:+,} enrolments "
               f"({b.vdss_enrolments:,} → {a.vdss_enrolments:,})"
               for b, a in pairs if b.vdss_enrolments != a.vdss_enrolments]
    old_total, new_total = total_vdss_enrolments(old), total_vdss_enrolments(new)
    return FundingEffect(old_total, new_total, band_for(old_total, reference).band,
                         band_for(new_total, reference).band,
                         before.total, after.total, before.indicative or after.indicative,
                         tuple(schools))


def jspm_addressees(old: Cluster, new: Cluster) -> list[Addressee]:
    people: list[Person] = [new.jspm] + ([old.jspm] if old.jspm.name != new.jspm.name else [])
    return [Addressee(p.name, p.title or "Jobs, Skills and Pathways Manager", p.email,
                      "the regional JSPM liaises with schools and clusters on membership changes")
            for p in people]


def addressees(old: Cluster, new: Cluster, moved: list[School],
               reference: ReferenceData) -> tuple[Addressee, ...]:
    """Who must be told when `moved` schools joined or left (nobody when none did)."""
    if not moved:
        return ()
    contacts = reference.contacts
    out = [Addressee("Senior Secondary Pathways Reform", "Department of Education",
                     contacts["department"]["pathways_reform"],
                     "a school changing cluster must be reported to the department")]
    out += jspm_addressees(old, new)
    for sector in ("catholic", "independent"):
        involved = [s.name for s in moved if s.sector == sector]
        if involved:
            person = contacts["sectors"][sector]
            out.append(Addressee(person["name"], person["organisation"], person.get("email"),
                                 f"{sector.capitalize()} school involved: "
                                 f"{', '.join(involved)}"))
    return tuple(out)


def other_sections(old: Cluster, new: Cluster, pairs: list[tuple[School, School]]) -> list[str]:
    """Top-level keys of the cluster file whose content changed, besides those reported."""
    changed = {SECTION_OF.get(f.name, f.name) for f in fields(Cluster)
               if f.name not in REPORTED_ELSEWHERE and getattr(old, f.name) != getattr(new, f.name)}
    reported = ("name", "governance_nominee", "vdss_enrolments")
    if any(replace(b, **{key: getattr(a, key) for key in reported}) != a for b, a in pairs):
        changed.add("member_schools")
    if old.document != new.document:
        changed.add("document")
    return sorted(changed)


def other_clusters(new: Cluster, added: list[School], removed: list[School]
                   ) -> tuple[tuple[str, str], ...]:
    """Where joining schools came from and leaving schools went, as `membership_changes`
    in the new version records it (the latest entry per school)."""
    found: dict[str, str] = {}
    names = {s.name for s in added} | {s.name for s in removed}
    for entry in new.membership_changes:
        other = entry.from_cluster if entry.change == "joined" else entry.to_cluster
        if entry.school in names and other:
            found[entry.school] = other
    return tuple(found.items())


def compare(old: Cluster, new: Cluster, reference: ReferenceData) -> MembershipDiff:
    """What changed from `old` to `new`: members, governance, funding, who to notify."""
    pairs, removed, added = match_schools(old.member_schools, new.member_schools)
    renamed = [Rename(b, a) for b, a in pairs if b.name != a.name]
    governance = (group_changes("Governance Group", old.governance_group, new.governance_group)
                  + nominee_changes(pairs, added, removed)
                  + group_changes("Operations Group", old.operations_group,
                                  new.operations_group))
    return MembershipDiff(
        cluster=new.name, added=tuple(added), removed=tuple(removed), renamed=tuple(renamed),
        governance=tuple(governance), funding=funding_effect(old, new, pairs, reference),
        other_sections=tuple(other_sections(old, new, pairs)),
        notify=addressees(old, new, added + removed, reference), identical=old == new,
        other_clusters=other_clusters(new, added, removed),
    )


def summary(diff: MembershipDiff) -> str:
    """One sentence for a version history row: what changed in membership and funding."""
    parts = [f"{s.name} joined the cluster" for s in diff.added]
    parts += [f"{s.name} left the cluster" for s in diff.removed]
    parts += [f"{r.before.name} renamed {r.after.name}" for r in diff.renamed]
    if diff.funding.band_before != diff.funding.band_after:
        parts.append(f"funding band {diff.funding.band_before} → {diff.funding.band_after}")
    if not parts and diff.governance:
        parts.append("governance membership updated")
    if not parts:
        parts.append(f"updated {', '.join(diff.other_sections) or 'document control'}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def as_dict(diff: MembershipDiff, documents: list[str]) -> dict[str, Any]:
    """The JSON shape of `docgen diff --format json`."""
    f = diff.funding
    return {
        "cluster": diff.cluster, "changed": not diff.identical,
        "members_added": [s.name for s in diff.added],
        "members_removed": [s.name for s in diff.removed],
        "other_clusters": dict(diff.other_clusters),
        "members_renamed": [{"from": r.before.name, "to": r.after.name,
                             "school_number": r.after.school_number} for r in diff.renamed],
        "governance_changes": list(diff.governance),
        "funding": {"total_vdss_enrolments": {"before": f.enrolments_before,
                                              "after": f.enrolments_after},
                    "band": {"before": f.band_before, "after": f.band_after},
                    "total": {"before": float(f.total_before), "after": float(f.total_after)},
                    "school_changes": list(f.school_changes), "verified": not f.indicative},
        "other_sections_changed": list(diff.other_sections),
        "documents_affected": documents,
        "notify": [a.address for a in diff.notify],
        "notify_detail": [{"name": a.name, "organisation": a.organisation, "email": a.email,
                           "reason": a.reason} for a in diff.notify],
    }
