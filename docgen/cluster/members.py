"""Who and what a cluster is made of: its schools, people, LLENs, partners and groups.

Frozen dataclasses like the rest of the model (`model.py`, which names them too), made
once from the validated data by `assemble.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Person:
    """A named person and how to reach them."""

    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Llen:
    """A Local Learning and Employment Network the cluster works with."""

    name: str
    short_name: str
    executive_officer: Person
    abn: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """A funded position (coordinator or admin support), filled or vacant."""

    fte: Decimal
    classification: str
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    instrument: str | None = None
    employer: str | None = None
    location: str | None = None
    start_date: dt.date | None = None
    tenure: str | None = None
    reports_to: str | None = None
    selection_criteria: tuple[str, ...] = ()

    @property
    def vacant(self) -> bool:
        """Whether nobody holds the position yet (no name)."""
        return self.name is None


@dataclass(frozen=True, slots=True)
class Nominee:
    """A school's nominee to the governance group."""

    name: str
    role: str


@dataclass(frozen=True, slots=True)
class VetCertificate:
    """A school's VET enrolments in one certificate (for the SRP funding context)."""

    certificate: str
    band: str
    enrolments: int
    hours: Decimal
    subjects: int | None = None
    skills_first_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class School:
    """One member school: its people, enrolments and VET certificates."""

    name: str
    sector: str
    address: str
    principal: str
    vet_coordinator: Person
    governance_nominee: Nominee
    vdss_enrolments: int
    school_number: str | None = None
    location_index: Decimal = Decimal(0)
    rto_code: str | None = None
    ttc_host: bool = False
    vet_certificates: tuple[VetCertificate, ...] = ()


@dataclass(frozen=True, slots=True)
class Partner:
    """A TAFE or RTO the cluster works with."""

    name: str
    kind: str
    rto_code: str | None = None
    contact: str | None = None


@dataclass(frozen=True, slots=True)
class SharedCourse:
    """A certificate the member schools share: its pathway and provider."""

    certificate: str
    pathway: str
    provider: str
    host_school: str | None = None
    delivery: str | None = None


@dataclass(frozen=True, slots=True)
class TradeTrainingCentre:
    """A Trade Training Centre and how it is funded."""

    name: str
    type: str
    host_school: str
    funding_model: str
    centre_manager: str | None = None
    fee_per_enrolment: Decimal | None = None
    arrangements: str | None = None


@dataclass(frozen=True, slots=True)
class GroupMember:
    """A group member who is not there for a member school."""

    name: str
    organisation: str
    role: str
    voting: bool = True


@dataclass(frozen=True, slots=True)
class Group:
    """The governance or operations group: chair, meetings, quorum, members."""

    chair: str
    meeting_frequency: str
    quorum: str
    decision_rule: str
    other_members: tuple[GroupMember, ...] = ()
    deputy_chair: str | None = None
    secretariat: str | None = None
