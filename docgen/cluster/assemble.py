"""The validated data of a cluster file assembled into the model (`model.py`), once.

`from_data` takes the plain values `validate.py` passed (every required key present,
every value of its type) and builds the frozen dataclasses; defaults the schema leaves
to docgen (classifications, a short name, location index 0) are filled in here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docgen.cluster.model import (
    Action,
    Assessment,
    Cluster,
    Confirmation,
    Contributions,
    DocumentControl,
    Endorsement,
    FundingApplication,
    FundingOverrides,
    Group,
    GroupMember,
    HistoryEntry,
    Llen,
    MembershipChange,
    Mou,
    Nominee,
    Partner,
    Person,
    Position,
    RateOverride,
    School,
    SharedCourse,
    TradeTrainingCentre,
    VetCertificate,
)


def _person(data: dict[str, Any]) -> Person:
    return Person(**data)


def _position(data: dict[str, Any], default_classification: str) -> Position:
    fields = {k: v for k, v in data.items() if k != "vacant"}
    fields.setdefault("classification", default_classification)
    fields["selection_criteria"] = tuple(data.get("selection_criteria", ()))
    return Position(**fields)


def _school(data: dict[str, Any]) -> School:
    fields = dict(data)
    fields["vet_coordinator"] = _person(data["vet_coordinator"])
    fields["governance_nominee"] = Nominee(**data["governance_nominee"])
    fields.setdefault("location_index", Decimal(0))
    fields["vet_certificates"] = tuple(VetCertificate(**c)
                                       for c in data.get("vet_certificates", []))
    return School(**fields)


def _group(data: dict[str, Any]) -> Group:
    fields = dict(data)
    fields["other_members"] = tuple(GroupMember(**m) for m in data.get("other_members", []))
    return Group(**fields)


def _llen(data: dict[str, Any]) -> Llen:
    fields = dict(data)
    fields["executive_officer"] = _person(data["executive_officer"])
    fields.setdefault("short_name", data["name"])
    return Llen(**fields)


def _mou(data: dict[str, Any]) -> Mou:
    safety = data["child_safety"]
    return Mou(
        commencement=data["commencement"], review_date=data["review_date"],
        contributions=Contributions(**data["contributions"]),
        child_safety_lead=safety["lead"],
        child_safety_commitments=tuple(safety.get("commitments", ())),
        data_sharing=tuple(data.get("data_sharing", ())),
        term=data.get("term"), withdrawal_notice=data.get("withdrawal_notice"),
    )


def _funding(data: dict[str, Any]) -> FundingApplication:
    fields = dict(data)
    fields["endorsements"] = tuple(Endorsement(**e) for e in data.get("endorsements", []))
    fields["overrides"] = FundingOverrides(**{
        name: RateOverride(entry.get("annual", entry.get("rate")), entry["source"])
        for name, entry in data.get("overrides", {}).items()})
    return FundingApplication(**fields)


def _document_control(data: dict[str, Any]) -> DocumentControl:
    fields = dict(data)
    fields["history"] = tuple(HistoryEntry(**h) for h in data.get("history", []))
    return DocumentControl(**fields)


def from_data(data: dict[str, Any]) -> Cluster:
    """The model of a cluster file that has passed validation."""
    identity = data["cluster"]
    admin = data.get("admin_support")
    return Cluster(
        name=identity["name"], region=identity["region"], area=identity["area"],
        facilitation=identity["facilitation"], status=identity["status"],
        vision=identity["vision"], objectives=tuple(identity.get("objectives", ())),
        established=identity.get("established"),
        document_control=_document_control(data["document"]),
        llens=tuple(_llen(llen) for llen in data.get("llens", [])),
        jspm=_person(data["jspm"]),
        coordinator=_position(data["coordinator"], "ES 1-4-1"),
        admin_support=_position(admin, "ES 1-2-1") if admin else None,
        enrolment_year=data["enrolments"]["data_year"],
        enrolment_source=data["enrolments"]["source"],
        member_schools=tuple(_school(s) for s in data["member_schools"]),
        partners=tuple(Partner(**p) for p in data.get("partners", [])),
        shared_provision=tuple(SharedCourse(**c) for c in data.get("shared_provision", [])),
        ttcs=tuple(TradeTrainingCentre(**t) for t in data.get("ttc", [])),
        governance_group=_group(data["governance"]["governance_group"]),
        operations_group=_group(data["governance"]["operations_group"]),
        mou=_mou(data["mou"]),
        funding=_funding(data["funding_application"]),
        actions=tuple(Action(**a) for a in data["implementation_plan"]["actions"]),
        membership_changes=tuple(MembershipChange(**m)
                                 for m in data.get("membership_changes", [])),
        self_assessment=tuple(Assessment(function=function_id, **entry) for function_id, entry
                              in data.get("self_assessment", {}).items()),
        reference_confirmed=tuple(Confirmation(**c) for c in data.get("reference_confirmed", [])),
    )
