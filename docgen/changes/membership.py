"""What changed between two versions of a cluster, and who must be told: pure comparison.

Schools are matched by school number where both versions give one, else by name, so a
school whose number stays and whose name changes is a rename, not a departure and an
arrival. The policy's membership rule (PAL "Membership, roles and responsibilities",
seed 001): when a school joins or leaves, the clusters concerned inform the department
at pathways.reform@education.vic.gov.au and liaise with the regional JSPM; the Catholic
or independent sector contact (reference data `contacts`) is told when such a school is
involved.

Every change is a record of names and numbers; `phrases.py` words it for the notice
and for `docgen diff`, and `report/diff.py` gives tools the records themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal

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
    "document_control": "document",
}
REPORTED_ELSEWHERE = {"member_schools", "governance_group", "operations_group",
                      "document_control"}
GOVERNANCE, OPERATIONS = "governance_group", "operations_group"


@dataclass(frozen=True, slots=True)
class Rename:
    """The same school (same school number) under a new name."""

    before: School
    after: School


@dataclass(frozen=True, slots=True)
class GovernanceChange:
    """One change to who sits on a governance tier (`group`: GOVERNANCE or OPERATIONS).

    `role` is chair, deputy_chair, member (other than the schools'), school_nominee or
    school_vet_coordinator; `change` is replaced (`before` → `after`), joined or left
    (`person`). `organisation` is a member's organisation, or the school for a school's
    nominee or VET coordinator.
    """

    group: str
    role: str
    change: str
    person: str | None = None
    organisation: str | None = None
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True, slots=True)
class EnrolmentChange:
    """A school in both versions whose VDSS enrolments changed."""

    school: str
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class Addressee:
    """Someone the change must be reported to, and why (`reason`: department, jspm,
    other_cluster for the cluster the `schools` come from or move to, or the sector,
    catholic or independent, of the `schools` involved)."""

    name: str
    organisation: str
    email: str | None
    reason: str
    schools: tuple[str, ...] = ()


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
    school_changes: tuple[EnrolmentChange, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the enrolments, the band or the total changed."""
        return (self.enrolments_before, self.band_before, self.total_before) != \
            (self.enrolments_after, self.band_after, self.total_after)


@dataclass(frozen=True, slots=True)
class MembershipDiff:
    """Everything `docgen diff` reports about two versions of one cluster file."""

    cluster: str
    added: tuple[School, ...]
    removed: tuple[School, ...]
    renamed: tuple[Rename, ...]
    governance: tuple[GovernanceChange, ...]
    funding: FundingEffect
    other_sections: tuple[str, ...]
    notify: tuple[Addressee, ...]
    identical: bool
    other_clusters: tuple[tuple[str, str], ...] = ()
    """(school, cluster) for schools recorded as coming from or moving to another cluster."""

    @property
    def membership_changed(self) -> bool:
        """Whether a school joined, left or was renamed."""
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

def chair_changes(group: str, old: Group, new: Group) -> list[GovernanceChange]:
    """The chair and deputy chair of one tier, where they changed."""
    return [GovernanceChange(group, role, "replaced", before=before, after=after)
            for role, before, after in (("chair", old.chair, new.chair),
                                        ("deputy_chair", old.deputy_chair, new.deputy_chair))
            if before != after]


def group_changes(group: str, old: Group, new: Group) -> list[GovernanceChange]:
    """Chair, deputy chair and other members of one governance tier."""
    old_names = {m.name: m for m in old.other_members}
    new_names = {m.name: m for m in new.other_members}
    return (chair_changes(group, old, new)
            + [GovernanceChange(group, "member", "joined", m.name, m.organisation)
               for name, m in new_names.items() if name not in old_names]
            + [GovernanceChange(group, "member", "left", m.name, m.organisation)
               for name, m in old_names.items() if name not in new_names])


def nominee_changes(pairs: list[tuple[School, School]], added: list[School],
                    removed: list[School]) -> list[GovernanceChange]:
    """School nominees to the Governance Group and VET coordinators on the Operations Group."""
    changes = [GovernanceChange(GOVERNANCE, "school_nominee", "replaced", organisation=a.name,
                                before=b.governance_nominee.name,
                                after=a.governance_nominee.name)
               for b, a in pairs if b.governance_nominee != a.governance_nominee]
    for change, schools in (("joined", added), ("left", removed)):
        for school in schools:
            changes += [GovernanceChange(GOVERNANCE, "school_nominee", change,
                                         school.governance_nominee.name, school.name),
                        GovernanceChange(OPERATIONS, "school_vet_coordinator", change,
                                         school.vet_coordinator.name, school.name)]
    return changes


def funding_effect(old: Cluster, new: Cluster, pairs: list[tuple[School, School]],
                   reference: ReferenceData) -> FundingEffect:
    """Enrolments, band and transition funding total before and after the change."""
    before, after = transition_funding(old, reference), transition_funding(new, reference)
    schools = [EnrolmentChange(b.name, b.vdss_enrolments, a.vdss_enrolments)
               for b, a in pairs if b.vdss_enrolments != a.vdss_enrolments]
    old_total, new_total = total_vdss_enrolments(old), total_vdss_enrolments(new)
    return FundingEffect(old_total, new_total, band_for(old_total, reference).band,
                         band_for(new_total, reference).band,
                         before.total, after.total, before.indicative or after.indicative,
                         tuple(schools))


def jspm_addressees(old: Cluster, new: Cluster) -> list[Addressee]:
    """The JSPM to tell, and the former JSPM too when the JSPM changed."""
    people: list[Person] = [new.jspm] + ([old.jspm] if old.jspm.name != new.jspm.name else [])
    return [Addressee(p.name, p.title or "Jobs, Skills and Pathways Manager", p.email, "jspm")
            for p in people]


def cluster_addressees(moves: tuple[tuple[str, str], ...]) -> list[Addressee]:
    """The other cluster of each move: the respective clusters must each inform the
    department (seed 001), so each is told of the other's notice."""
    clusters: dict[str, list[str]] = {}
    for school, other in moves:
        clusters.setdefault(other, []).append(school)
    return [Addressee(other, other, None, "other_cluster", tuple(schools))
            for other, schools in clusters.items()]


def addressees(old: Cluster, new: Cluster, moved: list[School], reference: ReferenceData,
               moves: tuple[tuple[str, str], ...] = ()) -> tuple[Addressee, ...]:
    """Who must be told when `moved` schools joined or left (nobody when none did).

    The department is addressed by the one address the source gives (seed 001), not by a
    unit's name; `moves` are (school, other cluster) for schools changing cluster.
    """
    if not moved:
        return ()
    contacts = reference.contacts
    out = [Addressee("Department of Education", "Department of Education",
                     contacts["department"]["pathways_reform"], "department")]
    out += jspm_addressees(old, new)
    out += cluster_addressees(moves)
    for sector in ("catholic", "independent"):
        involved = tuple(s.name for s in moved if s.sector == sector)
        if involved:
            person = contacts["sectors"][sector]
            out.append(Addressee(person["name"], person["organisation"], person.get("email"),
                                 sector, involved))
    return tuple(out)


def other_sections(old: Cluster, new: Cluster, pairs: list[tuple[School, School]]) -> list[str]:
    """Top-level keys of the cluster file whose content changed, besides those reported."""
    changed = {SECTION_OF.get(f.name, f.name) for f in fields(Cluster)
               if f.name not in REPORTED_ELSEWHERE and getattr(old, f.name) != getattr(new, f.name)}
    reported = ("name", "governance_nominee", "vdss_enrolments")
    if any(replace(b, **{key: getattr(a, key) for key in reported}) != a for b, a in pairs):
        changed.add("member_schools")
    if old.document_control != new.document_control:
        changed.add(SECTION_OF["document_control"])
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
    moves = other_clusters(new, added, removed)
    governance = (group_changes(GOVERNANCE, old.governance_group, new.governance_group)
                  + nominee_changes(pairs, added, removed)
                  + group_changes(OPERATIONS, old.operations_group, new.operations_group))
    return MembershipDiff(
        cluster=new.name, added=tuple(added), removed=tuple(removed), renamed=tuple(renamed),
        governance=tuple(governance), funding=funding_effect(old, new, pairs, reference),
        other_sections=tuple(other_sections(old, new, pairs)),
        notify=addressees(old, new, added + removed, reference, moves), identical=old == new,
        other_clusters=moves,
    )
