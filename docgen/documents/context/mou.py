"""Template variables of the MoU: shared provision, contributions, terms, schedule of variations.
"""

from __future__ import annotations

from docgen.cluster.model import Cluster
from docgen.documents.context.common import Context
from docgen.documents.wording import (
    BLANK,
    CHANGE_WORDS,
    CONTRIBUTION_WORDS,
    dollars,
    long_date,
    mou_words,
    ttc_management_funding,
    where_and_when,
)
from docgen.refdata import ReferenceData


def pathway_names(reference: ReferenceData) -> dict[str, Context]:
    """The priority pathways' reference entries, by id."""
    return {p["id"]: p for p in reference.pathways}


def provision(cluster: Cluster, reference: ReferenceData) -> Context:
    """Shared courses, partners and centres; `provision.member_school_delivers` when a
    member school delivers a shared course to the others (the MoU then lists the
    department's standard VET agreements)."""
    names = pathway_names(reference)
    courses = [{"certificate": c.certificate, "pathway": names[c.pathway]["name"],
                "pathway_indicative": not names[c.pathway]["verified"],
                "provider": c.provider, "host_school": c.host_school, "delivery": c.delivery,
                "where_and_when": where_and_when(c.host_school, c.delivery)}
               for c in cluster.shared_provision]
    partners = [{"name": p.name, "kind": "TAFE" if p.kind == "tafe" else "RTO",
                 "rto_code": p.rto_code, "contact": p.contact,
                 "rto_code_text": p.rto_code or BLANK, "contact_text": p.contact or BLANK}
                for p in cluster.partners]
    ttcs = [{"name": t.name, "type": t.type, "host_school": t.host_school,
             "centre_manager": t.centre_manager, "arrangements": t.arrangements,
             "shared_funding": t.funding_model == "shared_per_enrolment",
             "fee_per_enrolment": dollars(t.fee_per_enrolment),
             "management_funding": ttc_management_funding(
                 t.funding_model == "shared_per_enrolment", dollars(t.fee_per_enrolment))}
            for t in cluster.ttcs]
    members = {s.name for s in cluster.member_schools}
    delivers = any(c.provider in members for c in cluster.shared_provision)
    return {"courses": courses, "partners": partners, "ttcs": ttcs,
            "provision": {"member_school_delivers": delivers}}


def contribution_terms(cluster: Cluster) -> Context:
    """The MoU's contribution terms: the model in words, the rates, the LLEN's part, notes."""
    c = cluster.mou.contributions
    return {"model": CONTRIBUTION_WORDS[c.model], "rate_per_school": dollars(c.rate_per_school),
            "rate_per_enrolment": dollars(c.rate_per_enrolment),
            "llen_contribution": dollars(c.llen_contribution), "notes": c.notes}


def mou(cluster: Cluster) -> Context:
    """The `mou` variables: dates, term, withdrawal notice, contributions, child safety, data."""
    m = cluster.mou
    return {"commencement": long_date(m.commencement), "review_date": long_date(m.review_date),
            "term": m.term or "until the members vary or end it in writing",
            "withdrawal_notice": m.withdrawal_notice or "one school term",
            "contributions": contribution_terms(cluster), "child_safety_lead": m.child_safety_lead,
            "child_safety_commitments": list(m.child_safety_commitments),
            "data_sharing": list(m.data_sharing), **mou_words(cluster)}


def membership_changes(cluster: Cluster) -> list[Context]:
    """The MoU's schedule of variations: schools that joined, left or were renamed."""
    rows = []
    for entry in cluster.membership_changes:
        detail = (f"From {entry.from_cluster}" if entry.from_cluster else
                  f"To {entry.to_cluster}" if entry.to_cluster else
                  f"Formerly {entry.former_name}" if entry.former_name else None)
        rows.append({"date": long_date(entry.date), "school": entry.school,
                     "change": CHANGE_WORDS[entry.change], "detail": detail,
                     "notice_required": entry.change != "renamed",
                     "dept_notified": long_date(entry.dept_notified)})
    return rows
