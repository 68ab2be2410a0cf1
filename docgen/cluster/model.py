"""The cluster as frozen dataclasses, made once from the validated data (`assemble.py`).

After `assemble.from_data` nothing downstream touches dicts from YAML again. Totals
are pure functions of the model. The schools, people, LLENs, partners and groups are
in `members.py`; every class of the model is imported from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from docgen.cluster.members import (
    Group,
    GroupMember,
    Llen,
    Nominee,
    Partner,
    Person,
    Position,
    School,
    SharedCourse,
    TradeTrainingCentre,
    VetCertificate,
)

__all__ = [  # the members are named here too: the whole model comes from one module
    "Action", "Assessment", "Cluster", "Confirmation", "Contributions", "DocumentControl",
    "Endorsement", "FundingApplication", "FundingOverrides", "Group", "GroupMember",
    "HistoryEntry", "Llen", "MembershipChange", "Mou", "Nominee", "Partner", "Person",
    "Position", "RateOverride", "School", "SharedCourse", "TradeTrainingCentre",
    "VetCertificate", "employing_llen", "total_vdss_enrolments",
]


@dataclass(frozen=True, slots=True)
class Contributions:
    """What members contribute under the MoU, by `model`."""

    model: str
    rate_per_school: Decimal | None = None
    rate_per_enrolment: Decimal | None = None
    llen_contribution: Decimal | None = None
    notes: str | None = None
    shared_amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Mou:
    """The MoU's terms: dates, contributions, child safety, data sharing."""

    commencement: dt.date
    review_date: dt.date
    contributions: Contributions
    child_safety_lead: str
    child_safety_commitments: tuple[str, ...] = ()
    data_sharing: tuple[str, ...] = ()
    term: str | None = None
    withdrawal_notice: str | None = None


@dataclass(frozen=True, slots=True)
class Endorsement:
    """One endorsement of the funding application."""

    name: str
    role: str
    organisation: str


@dataclass(frozen=True, slots=True)
class RateOverride:
    """A rate the cluster file gives in place of the reference rate, and where it comes from."""

    value: Decimal
    source: str


@dataclass(frozen=True, slots=True)
class FundingOverrides:
    """Rates the cluster file gives in place of the reference rates."""

    coordinator_salary: RateOverride | None = None
    admin_salary: RateOverride | None = None
    on_cost_rate: RateOverride | None = None


@dataclass(frozen=True, slots=True)
class FundingApplication:
    """The transition funding application: dates, endorsements, overrides."""

    approval_date: dt.date
    long_term_funding: str
    submission_date: dt.date | None = None
    mou_signed: dt.date | None = None
    tor_adopted: dt.date | None = None
    endorsements: tuple[Endorsement, ...] = ()
    overrides: FundingOverrides = FundingOverrides()


@dataclass(frozen=True, slots=True)
class Action:
    """One row of the implementation plan."""

    function: str
    action: str
    lead: str
    timeframe: str
    measure: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """The cluster's self-assessment of one function (rating ids from rating_scale.yaml)."""

    function: str
    rating: str
    evidence: str | None = None
    priority: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One row of the documents' version history."""

    version: str
    date: dt.date
    author: str
    changes: str


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A school that joined, left or was renamed: one row of the MoU's schedule of variations."""

    date: dt.date
    school: str
    change: str
    former_name: str | None = None
    from_cluster: str | None = None
    to_cluster: str | None = None
    dept_notified: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A fact of unverified reference data the JSPM confirmed (`cluster/unverified.py`)."""

    item: str
    date: dt.date
    by: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentControl:
    """The `document:` section: this set of documents' version, date, status and history."""

    version: str
    date: dt.date
    prepared_by: str
    status: str = "Draft"
    history: tuple[HistoryEntry, ...] = ()
    protective_marking: str | None = None
    logo: str | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """One VET cluster, as its file describes it."""

    name: str
    region: str
    area: str
    facilitation: str
    status: str
    vision: str
    document_control: DocumentControl
    """The file's `document:` section: version, date, status, author, history."""
    jspm: Person
    coordinator: Position
    enrolment_year: int
    enrolment_source: str
    member_schools: tuple[School, ...]
    governance_group: Group
    operations_group: Group
    mou: Mou
    funding: FundingApplication
    actions: tuple[Action, ...]
    llens: tuple[Llen, ...] = ()
    admin_support: Position | None = None
    partners: tuple[Partner, ...] = ()
    shared_provision: tuple[SharedCourse, ...] = ()
    ttcs: tuple[TradeTrainingCentre, ...] = ()
    objectives: tuple[str, ...] = ()
    established: int | None = None
    membership_changes: tuple[MembershipChange, ...] = ()
    self_assessment: tuple[Assessment, ...] = ()
    reference_confirmed: tuple[Confirmation, ...] = ()


def total_vdss_enrolments(cluster: Cluster) -> int:
    """VDSS enrolments summed over the member schools (the transition funding basis)."""
    return sum(school.vdss_enrolments for school in cluster.member_schools)


def employing_llen(cluster: Cluster) -> Llen | None:
    """The LLEN that employs the coordinator (the first LLEN if none is named)."""
    employer = cluster.coordinator.employer
    for llen in cluster.llens:
        if employer in (llen.name, llen.short_name):
            return llen
    return cluster.llens[0] if cluster.llens else None
