"""Template variables every document shares: people, schools, the cluster, document control.

Also the policy facts the position description and MoU quote. Every value is text
ready to print (`wording.py` words dates, money and choices).
"""

from __future__ import annotations

from typing import Any

from docgen.cluster.model import Cluster, Llen, Person, Position, School, employing_llen
from docgen.documents.catalogue import DocumentSpec
from docgen.documents.logo import LOGO_MARK
from docgen.documents.wording import (
    BLANK,
    ROLE_WORDS,
    SECTOR_WORDS,
    breakable_address,
    cluster_words,
    llen_contact,
    long_date,
    nobreak_code,
    position_fte,
    school_number_text,
    yes_no,
)
from docgen.refdata import ReferenceData

Context = dict[str, Any]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each folded onto one line."""
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def person(p: Person) -> Context:
    """A named person; `name_and_title` is 'Name (Title)', or the name alone."""
    return {"name": p.name, "title": p.title, "email": breakable_address(p.email),
            "phone": p.phone,
            "name_and_title": f"{p.name} ({p.title})" if p.title else p.name}


def position(p: Position, words: str) -> Context:
    """A position and its holder ("Vacant (to be recruited)" if none); `words` names its class."""
    return {
        "holder": p.name or "Vacant (to be recruited)", "vacant": p.vacant,
        "email": breakable_address(p.email), "classification": nobreak_code(p.classification),
        "classification_words": nobreak_code(words),
        "fte": position_fte(p.fte), "employer": p.employer, "location": p.location,
        "start_date": long_date(p.start_date), "tenure": p.tenure, "reports_to": p.reports_to,
        "instrument": p.instrument, "under_vgsa": (p.instrument or "").upper() == "VGSA 2022",
    }


def llen(entry: Llen) -> Context:
    """An LLEN and its executive officer; `abn_text`, `address_text` a blank if unknown."""
    return {"name": entry.name, "short_name": entry.short_name, "abn": entry.abn,
            "address": entry.address, "abn_text": entry.abn or BLANK,
            "address_text": entry.address or BLANK,
            "executive_officer": person(entry.executive_officer), "contact": llen_contact(entry)}


def school(entry: School) -> Context:
    """A member school: sector, people, enrolments, RTO and Trade Training Centre, in words."""
    return {
        "name": entry.name, "sector": SECTOR_WORDS[entry.sector],
        "school_number": entry.school_number,
        "number_text": school_number_text(entry.school_number, entry.sector),
        "address": entry.address,
        "principal": entry.principal, "vet_coordinator": person(entry.vet_coordinator),
        "nominee": entry.governance_nominee.name,
        "nominee_role": ROLE_WORDS[entry.governance_nominee.role],
        "enrolments": f"{entry.vdss_enrolments:,}",
        "location_index": f"{entry.location_index:.2f}",
        "rto": f"Yes (RTO {entry.rto_code})" if entry.rto_code else "No",
        "ttc_host": yes_no(entry.ttc_host),
    }


def cluster_identity(cluster: Cluster) -> Context:
    """The `cluster` variables: name, region, facilitation, status, vision, sectors, employer."""
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


def document_control(cluster: Cluster, spec: DocumentSpec) -> Context:
    """The `doc` variables: the document's name and title, version, date, status and history."""
    d = cluster.document_control
    history = [{"version": h.version, "date": long_date(h.date), "author": h.author,
                "changes": h.changes} for h in d.history]
    return {"id": spec.name, "title": spec.title, "version": d.version,
            "date": long_date(d.date), "status": d.status, "prepared_by": d.prepared_by,
            "history": history, "protective_marking": d.protective_marking,
            "logo_mark": LOGO_MARK if d.logo else ""}


def policy(reference: ReferenceData) -> Context:
    """The policy facts templates quote, with `citations` naming each one's source as a
    reader would cite it (policy.yaml's `citations` and its facts' own `citation` keys)."""
    p = reference.policy
    funding = p["transition_funding"]
    return {
        "pathways_reform": p["addresses"]["pathways_reform"],  # in running text: whole
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
        "standard_vet_agreements": p["standard_vet_agreements"],
        "citations": {**p["citations"], "transition_funding": funding["citation"],
                      "program_end": funding["program_end_citation"],
                      "miscellaneous_administration":
                          funding["miscellaneous_administration_citation"],
                      "es_conditions": p["es_conditions"]["citation"]},
    }
