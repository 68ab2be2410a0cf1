"""Model → template variables: the one place that names what templates may use.

Everything a template prints is prepared here as text (dates, money, yes/no), so
templates hold wording and layout only. Values absent from the cluster file are
None and templates guard them with `{% if %}`; the renderer refuses to print None.
Plurals, names joined into prose and sentences that depend on the data come ready-made
from `wording.py`, so no template needs more than a flag to test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

from docgen.cluster.model import (
    Assessment,
    Cluster,
    Group,
    Llen,
    Person,
    Position,
    School,
    employing_llen,
)
from docgen.cluster.policy import add_months
from docgen.documents.catalogue import DocumentSpec
from docgen.documents.funding_context import funding_figures
from docgen.documents.wording import (
    cluster_words,
    coordinator_words,
    llen_contact,
    llen_words,
    mou_words,
    school_number_text,
    ttc_management_funding,
    where_and_when,
)
from docgen.funding.transition import TransitionFunding, transition_funding
from docgen.refdata import ReferenceData

Context = dict[str, Any]

SECTOR_WORDS = {"government": "Government", "catholic": "Catholic", "independent": "Independent"}
ROLE_WORDS = {"principal_class": "Principal class", "vet_coordinator": "VET coordinator"}
CONTRIBUTION_WORDS = {
    "flat_per_school": "a single annual contribution from each member school",
    "per_enrolment": "an annual contribution from each member school per VDSS enrolment",
    "hybrid": "an annual base contribution from each member school plus an amount per VDSS "
              "enrolment",
    "none": "no member contributions at present",
}
INDICATIVE = "indicative"


def long_date(day: dt.date | None) -> str | None:
    """3 March 2025."""
    return f"{day.day} {day:%B %Y}" if day else None


def dollars(amount: Decimal | None) -> str | None:
    """$15,000 or $1,234.50."""
    if amount is None:
        return None
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each folded onto one line."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def person(p: Person) -> Context:
    """A named person; `name_and_title` is 'Name (Title)', or the name alone."""
    return {"name": p.name, "title": p.title, "email": p.email, "phone": p.phone,
            "name_and_title": f"{p.name} ({p.title})" if p.title else p.name}


def position(p: Position, words: str) -> Context:
    return {
        "holder": p.name or "Vacant (to be recruited)", "vacant": p.vacant, "email": p.email,
        "classification": p.classification, "classification_words": words,
        "fte": f"{p.fte:.1f}", "employer": p.employer, "location": p.location,
        "start_date": long_date(p.start_date), "tenure": p.tenure, "reports_to": p.reports_to,
        "instrument": p.instrument, "under_vgsa": (p.instrument or "").upper() == "VGSA 2022",
    }


def llen(entry: Llen) -> Context:
    return {"name": entry.name, "short_name": entry.short_name, "abn": entry.abn,
            "address": entry.address, "executive_officer": person(entry.executive_officer),
            "contact": llen_contact(entry)}


def school(entry: School) -> Context:
    return {
        "name": entry.name, "sector": SECTOR_WORDS[entry.sector],
        "school_number": entry.school_number, "number_text": school_number_text(entry),
        "address": entry.address,
        "principal": entry.principal, "vet_coordinator": person(entry.vet_coordinator),
        "nominee": entry.governance_nominee.name,
        "nominee_role": ROLE_WORDS[entry.governance_nominee.role],
        "enrolments": f"{entry.vdss_enrolments:,}",
        "location_index": f"{entry.location_index:.2f}",
        "rto": f"Yes (RTO {entry.rto_code})" if entry.rto_code else "No",
        "ttc_host": yes_no(entry.ttc_host),
    }


def group(entry: Group, school_members: list[Context], coordinator: str | None) -> Context:
    """A governance tier; `coordinator` is the Cluster Coordinator's name, if filled."""
    others = [{"name": m.name, "organisation": m.organisation, "role": m.role,
               "voting": yes_no(m.voting)} for m in entry.other_members]
    return {"chair": entry.chair, "deputy_chair": entry.deputy_chair,
            "meeting_frequency": entry.meeting_frequency, "quorum": entry.quorum,
            "decision_rule": entry.decision_rule, "secretariat": entry.secretariat,
            "members": school_members + others,
            "member_count": len(school_members) + len(others),
            "chair_is_coordinator": entry.chair == coordinator}


def governance(cluster: Cluster) -> Context:
    nominees = [{"name": s.governance_nominee.name, "organisation": s.name,
                 "role": f"School nominee ({ROLE_WORDS[s.governance_nominee.role]})",
                 "voting": "Yes"} for s in cluster.member_schools]
    coordinators = [{"name": s.vet_coordinator.name, "organisation": s.name,
                     "role": "School VET coordinator", "voting": "Yes"}
                    for s in cluster.member_schools]
    holder = cluster.coordinator.name
    return {"governance_group": group(cluster.governance_group, nominees, holder),
            "operations_group": group(cluster.operations_group, coordinators, holder)}


def pathway_names(reference: ReferenceData) -> dict[str, Context]:
    return {p["id"]: p for p in reference.pathways}


def provision(cluster: Cluster, reference: ReferenceData) -> Context:
    names = pathway_names(reference)
    courses = [{"certificate": c.certificate, "pathway": names[c.pathway]["name"],
                "pathway_indicative": not names[c.pathway]["verified"],
                "provider": c.provider, "host_school": c.host_school, "delivery": c.delivery,
                "where_and_when": where_and_when(c.host_school, c.delivery)}
               for c in cluster.shared_provision]
    partners = [{"name": p.name, "kind": "TAFE" if p.kind == "tafe" else "RTO",
                 "rto_code": p.rto_code, "contact": p.contact} for p in cluster.partners]
    ttcs = [{"name": t.name, "type": t.type, "host_school": t.host_school,
             "centre_manager": t.centre_manager, "arrangements": t.arrangements,
             "shared_funding": t.funding_model == "shared_per_enrolment",
             "fee_per_enrolment": dollars(t.fee_per_enrolment),
             "management_funding": ttc_management_funding(
                 t.funding_model == "shared_per_enrolment", dollars(t.fee_per_enrolment))}
            for t in cluster.ttcs]
    return {"courses": courses, "partners": partners, "ttcs": ttcs}


def contributions(cluster: Cluster) -> Context:
    c = cluster.mou.contributions
    return {"model": CONTRIBUTION_WORDS[c.model], "rate_per_school": dollars(c.rate_per_school),
            "rate_per_enrolment": dollars(c.rate_per_enrolment),
            "llen_contribution": dollars(c.llen_contribution), "notes": c.notes}


def mou(cluster: Cluster) -> Context:
    m = cluster.mou
    return {"commencement": long_date(m.commencement), "review_date": long_date(m.review_date),
            "term": m.term or "until the members vary or end it in writing",
            "withdrawal_notice": m.withdrawal_notice or "one school term",
            "contributions": contributions(cluster), "child_safety_lead": m.child_safety_lead,
            "child_safety_commitments": list(m.child_safety_commitments),
            "data_sharing": list(m.data_sharing), **mou_words(cluster)}


def funding(cluster: Cluster, figures: TransitionFunding, reference: ReferenceData) -> Context:
    f = cluster.funding
    policy = reference.policy["transition_funding"]
    employer = employing_llen(cluster)
    return {
        "approval_date": long_date(f.approval_date),
        "submission_date": long_date(f.submission_date),
        "mou_signed": long_date(f.mou_signed), "tor_adopted": long_date(f.tor_adopted),
        "long_term_funding": " ".join(f.long_term_funding.split()),
        "endorsements": [{"name": e.name, "role": e.role, "organisation": e.organisation}
                         for e in f.endorsements],
        # band, staffing, budget, contributions, SRP:
        **funding_figures(cluster, figures, reference),
        "period_start": long_date(figures.period_start),
        "period_end": long_date(figures.period_end),
        "capped_at_program_end": figures.capped_at_program_end,
        "program_end": long_date(policy["program_end"]),
        "paid_to": employer.short_name if employer else "the LLEN",
        "miscellaneous_administration": dollars(Decimal(policy["miscellaneous_administration"])),
    }


NOT_ASSESSED = "Not yet assessed"


def rating_scale(reference: ReferenceData) -> Context:
    """The self-assessment scale (reference data; indicative until verified)."""
    scale = reference.rating_scale
    return {"indicative": not scale["verified"], "source": " ".join(scale["source"].split()),
            "ratings": [{"name": r["name"], "description": r["description"]}
                        for r in scale["ratings"]]}


def assessment(entry: Assessment | None, reference: ReferenceData) -> Context | None:
    """One function's self-assessment as text, or None when the cluster has not rated it."""
    if entry is None:
        return None
    scale = reference.rating_scale
    rating = next(r for r in scale["ratings"] if r["id"] == entry.rating)
    priority = next((p["name"] for p in scale["priorities"] if p["id"] == entry.priority), None)
    scale_word = " (indicative scale)" if not scale["verified"] else ""
    return {"rating": rating["name"], "description": rating["description"],
            "evidence": entry.evidence, "priority": priority,
            "summary": f"{rating['name']}{scale_word}: {rating['description']}"}


def baseline(rated: Context | None, reference: ReferenceData) -> str:
    """The implementation plan's baseline: the self-assessment rating, marked if indicative."""
    if rated is None:
        return NOT_ASSESSED
    return f"{rated['rating']} ({INDICATIVE})" if not reference.rating_scale["verified"] \
        else rated["rating"]


def functions(cluster: Cluster, reference: ReferenceData) -> list[Context]:
    out = []
    ratings = {a.function: a for a in cluster.self_assessment}
    for entry in reference.functions:
        actions = [{"action": a.action, "lead": a.lead, "timeframe": a.timeframe,
                    "measure": a.measure} for a in cluster.actions if a.function == entry["id"]]
        rated = assessment(ratings.get(entry["id"]), reference)
        out.append({"id": entry["id"], "kind": entry["kind"],
                    "label": f"{entry['kind'].capitalize()} function {entry['number']}",
                    "title": entry["title"], "indicative": not entry["verified"],
                    "activities": list(entry["activities"]), "actions": actions,
                    "assessment": rated, "baseline": baseline(rated, reference),
                    "priority": rated and rated["priority"],
                    "evidence": rated and rated["evidence"],
                    "rating_summary": rated["summary"] if rated else NOT_ASSESSED})
    return out


def function_lists(every: list[Context]) -> Context:
    """The functions by kind and priority, for templates that list only some of them."""
    return {"functions": every,
            "operational_functions": [f for f in every if f["kind"] == "operational"],
            "strategic_functions": [f for f in every if f["kind"] == "strategic"],
            "high_priority_functions": [f for f in every if f["priority"] == "High"],
            "function_titles_indicative": any(f["indicative"] for f in every)}


MILESTONES = (  # (key, milestone, target in months after the funding period starts)
    ("mou", "Memorandum of Understanding signed by all members", 1),
    ("tor", "Governance Terms of Reference adopted", 2),
    ("governance_meeting", "First meeting of the Cluster Governance Group", 2),
    ("coordinator", "Cluster Coordinator recruited", 3),
    ("operations_meeting", "First meeting of the Cluster Operations Group", 4),
    ("provision_mapped", "Shared provision mapped against the six priority pathways", 6),
    ("long_term_funding", "Long-term funding arrangements agreed with the LLEN", 10),
)


def milestones_done(cluster: Cluster) -> dict[str, str]:
    """The milestones the cluster file shows are done, each with its status text."""
    f, c = cluster.funding, cluster.coordinator
    done = {}
    if f.mou_signed:
        done["mou"] = f"Done {long_date(f.mou_signed)}"
    if f.tor_adopted:  # adopting the ToR takes a Governance Group meeting
        done["tor"] = f"Done {long_date(f.tor_adopted)}"
        done["governance_meeting"] = f"Done (met by {long_date(f.tor_adopted)})"
    if not c.vacant:
        done["coordinator"] = f"Done {long_date(c.start_date)}" if c.start_date else "Done"
    return done


def milestones(cluster: Cluster, figures: TransitionFunding,
               reference: ReferenceData) -> list[Context]:
    """The plan's milestones: done (from the cluster file) or a target month in the period."""
    done = milestones_done(cluster)
    priority = {p["id"] for p in reference.pathways if p["priority"]}
    covered = len(priority & {course.pathway for course in cluster.shared_provision})
    out = []
    for key, name, months in MILESTONES:
        target = min(add_months(figures.period_start, months), figures.period_end)
        note = (f"{covered} of {len(priority)} priority pathways have shared provision now"
                if key == "provision_mapped" else None)
        out.append({"key": key, "milestone": name, "target": f"{target:%B %Y}",
                    "done": key in done, "status": done.get(key, "Planned"), "note": note})
    return out


def policy(reference: ReferenceData) -> Context:
    p = reference.policy
    return {
        "pathways_reform": p["addresses"]["pathways_reform"],
        "vdss_team": p["addresses"]["vdss_team"],
        "mou_must_set_out": p["mou_must_set_out"],
        "member_school_roles": p["member_school_roles"], "llen_roles": p["llen_roles"],
        "rpw_roles": p["regional_pathways_workforce_roles"],
        "coordinator_responsibilities": [
            {**area, "duties_listed": "; ".join(area["duties"])}
            for area in p["coordinator_responsibilities"]],
        "es": p["es_conditions"], "twelve_month_purposes":
            p["transition_funding"]["twelve_month_purposes"],
        "school_funding_sources": p["transition_funding"]["school_funding_sources"],
        "classifications": p["classifications"],
    }


CHANGE_WORDS = {"joined": "Joined the cluster", "left": "Left the cluster", "renamed": "Renamed"}


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


def document_control(cluster: Cluster, spec: DocumentSpec) -> Context:
    d = cluster.document
    history = [{"version": h.version, "date": long_date(h.date), "author": h.author,
                "changes": h.changes} for h in d.history]
    return {"id": spec.name, "title": spec.title, "version": d.version,
            "date": long_date(d.date), "status": d.status, "prepared_by": d.prepared_by,
            "history": history}


def cluster_identity(cluster: Cluster) -> Context:
    employer = employing_llen(cluster)
    sectors = sorted({s.sector for s in cluster.member_schools}, key=list(SECTOR_WORDS).index)
    return {
        "name": cluster.name, "region": cluster.region, "area": cluster.area,
        "facilitation": "LLEN-facilitated" if cluster.facilitation == "llen"
        else "School-facilitated",
        "llen_facilitated": cluster.facilitation == "llen",
        "status": "New cluster" if cluster.status == "new" else "Existing cluster",
        "is_new": cluster.status == "new", "established": cluster.established,
        "vision": paragraphs(cluster.vision), "objectives": list(cluster.objectives),
        "school_count": len(cluster.member_schools),
        "sectors": ", ".join(SECTOR_WORDS[s] for s in sectors),
        "employer": llen(employer) if employer else None,
        "enrolment_year": cluster.enrolment_year, "enrolment_source": cluster.enrolment_source,
        **cluster_words(cluster),
    }


def build_context(cluster: Cluster, spec: DocumentSpec, reference: ReferenceData) -> Context:
    """Every variable a template may use, for one document of one cluster."""
    return {"doc": document_control(cluster, spec), **cluster_context(cluster, reference)}


@lru_cache(maxsize=1)  # a cluster's documents share all but `doc`: work it out once
def cluster_context(cluster: Cluster, reference: ReferenceData) -> Context:
    """The variables every document of `cluster` shares (templates never change them)."""
    figures = transition_funding(cluster, reference)
    classes = reference.policy["classifications"]
    admin = cluster.admin_support
    return {
        "cluster": cluster_identity(cluster),
        "llens": [llen(entry) for entry in cluster.llens],
        "llen_words": llen_words(cluster.llens),
        "jspm": person(cluster.jspm),
        "coordinator": {**position(cluster.coordinator, classes["coordinator"]["words"]),
                        **coordinator_words(cluster, classes["coordinator"]["words"],
                                            classes["coordinator"]["code"])},
        "admin": position(admin, classes["admin_support"]["words"]) if admin else None,
        "schools": [school(entry) for entry in cluster.member_schools],
        **provision(cluster, reference),
        **governance(cluster),
        "mou": mou(cluster),
        "funding": funding(cluster, figures, reference),
        **function_lists(functions(cluster, reference)),
        "rating_scale": rating_scale(reference),
        "milestones": milestones(cluster, figures, reference),
        "policy": policy(reference),
        "contacts": reference.contacts,
        "membership_changes": membership_changes(cluster),
    }
