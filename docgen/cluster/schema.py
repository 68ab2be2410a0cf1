"""The cluster file's shape, as Cerberus data: the one source of truth.

`values.py` reads scalar types from it (so `0123` stays text where text is meant),
`validate.py` runs Cerberus over it, and `docgen schema` exports it as JSON Schema
(`json_schema.py`). Every field carries a `meta.description` written for a
coordinator. The field kinds are `fields.py`'s; the self-assessment's ratings come
from reference data, so the whole schema is `cluster_schema(reference)`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from docgen.cluster.fields import (
    MAX_DOLLARS,
    MAX_ENROLMENTS,
    MAX_HOURS,
    MAX_RATE,
    Rule,
    Schema,
    choice,
    day,
    dollars,
    flag,
    listing,
    mapping,
    number,
    person,
    position,
    strings,
    text,
    whole,
)
from docgen.refdata import ReferenceData

REGIONS = ["North-Eastern Victoria", "North-Western Victoria", "South-Eastern Victoria",
           "South-Western Victoria"]
SECTORS = ["government", "catholic", "independent"]
NOMINEE_ROLES = ["principal_class", "vet_coordinator"]
CONTRIBUTION_MODELS = ["flat_per_school", "per_enrolment", "hybrid", "none"]
FUNCTION_IDS = ["governance_and_vision", "cross_sector_collaboration", "shared_provision",
                "operational_function_4", "operational_function_5", "barriers_to_participation",
                "demand_and_opportunities", "improved_practice"]


GROUP_MEMBER = mapping("A member other than the school nominees.", {
    "name": text("Full name.", required=True),
    "organisation": text("Organisation they represent.", required=True),
    "role": text("Their role in the group, e.g. 'LLEN Executive Officer'.", required=True),
    "voting": flag("true if they vote on decisions (default true)."),
})


def group(description: str) -> Rule:
    """A governance tier: chair, members and rules of meeting."""
    return mapping(description, {
        "chair": text("Name of the chair.", required=True),
        "deputy_chair": text("Name of the deputy chair."),
        "other_members": listing("Members besides the school nominees.", GROUP_MEMBER),
        "meeting_frequency": text("How often it meets, e.g. 'Once a term'.", required=True),
        "quorum": text("What makes a quorum.", required=True),
        "decision_rule": text("How decisions are made.", required=True),
        "secretariat": text("Who keeps agendas and minutes."),
    }, required=True)


VET_CERTIFICATE = mapping("The school's enrolments in one VET certificate (SRP context).", {
    "certificate": text("Certificate title.", required=True),
    "band": text("Targeted VET funding band: 1 to 8 or 5a (srp_vet_2019.yaml).", required=True),
    "enrolments": whole("Students enrolled in it.", required=True, min=0, max=MAX_ENROLMENTS),
    "hours": number("Training hours per enrolment this year (more than 0).", required=True,
                    min=0, max=MAX_HOURS),
    "subjects": whole("Subjects in a student's program: 5 (default) or 6.", min=5, max=6),
    "skills_first_rate": dollars("Skills First subsidy per FTE enrolment, where the course is "
                                 "bought from a TAFE (for the TAFE supplement)."),
})

SCHOOL = mapping("A member school.", {
    "name": text("School name, exactly as it should appear.", required=True),
    "sector": choice("government, catholic or independent.", SECTORS, required=True),
    "school_number": text("Department school number, in quotes (e.g. '8214').",
                          regex=r"[0-9A-Za-z-]+"),
    "address": text("Street address.", required=True),
    "principal": text("Principal's name.", required=True),
    "vet_coordinator": person("The school's VET coordinator.", required=True),
    "governance_nominee": mapping("The school's nominee to the Cluster Governance Group.", {
        "name": text("Nominee's name.", required=True),
        "role": choice("principal_class or vet_coordinator.", NOMINEE_ROLES, required=True),
    }, required=True),
    "vdss_enrolments": whole("VDSS enrolments in the data year.", required=True, min=0,
                             max=MAX_ENROLMENTS),
    "location_index": number("Department location index (0 to 1).", min=0, max=1),
    "rto_code": text("The school's RTO code, if it is an RTO, in quotes."),
    "ttc_host": flag("true if the school hosts a Trade Training Centre or ATC."),
    "vet_certificates": listing("Optional: VET enrolments by certificate, for the SRP "
                                "funding context.", VET_CERTIFICATE),
}, required=False)

PARTNER = mapping("A TAFE or other registered training organisation.", {
    "name": text("Provider name.", required=True),
    "kind": choice("tafe or rto.", ["tafe", "rto"], required=True),
    "rto_code": text("National RTO code, in quotes."),
    "contact": text("Contact person."),
})

COURSE = mapping("A certificate shared between member schools.", {
    "certificate": text("Certificate title, e.g. 'Certificate II in Construction Pathways'.",
                        required=True),
    "pathway": text("Priority or flexible pathway id (see `docgen schema`).", required=True),
    "provider": text("Who delivers it: a partner or a member school.", required=True),
    "host_school": text("The member school where it is delivered."),
    "delivery": text("When and how, e.g. 'Wednesday afternoons, Terms 1 to 4'."),
})

TTC = mapping("A Trade Training Centre or Australian Technical College.", {
    "name": text("Centre name.", required=True),
    "type": choice("TTC or ATC.", ["TTC", "ATC"], required=True),
    "host_school": text("The member school that hosts it.", required=True),
    "centre_manager": text("Centre manager's name."),
    "funding_model": choice("shared_per_enrolment or other.",
                            ["shared_per_enrolment", "other"], required=True),
    "fee_per_enrolment": dollars("Fee per student enrolment, in dollars."),
    "arrangements": text("How the centre is shared and managed, in plain words."),
})

HISTORY_ENTRY = mapping("One row of the version history.", {
    "version": text("Version, in quotes (e.g. '1.0').", required=True),
    "date": day("Date of this version.", required=True),
    "author": text("Who made the change.", required=True),
    "changes": text("What changed.", required=True),
})

MEMBERSHIP_CHANGE = mapping("A school joining, leaving or renamed: a row of the MoU's "
                            "schedule of variations.", {
    "date": day("Date the change takes effect.", required=True),
    "school": text("The school's name (its new name, for a rename).", required=True),
    "change": choice("joined, left or renamed.", ["joined", "left", "renamed"], required=True),
    "former_name": text("For a rename: the school's previous name."),
    "from_cluster": text("For a school that joined: the cluster it came from, if any."),
    "to_cluster": text("For a school that left: the cluster it moved to, if any."),
    "dept_notified": day("Date the department was told at "
                         "pathways.reform@education.vic.gov.au."),
})

ACTION = mapping("One action of the implementation plan.", {
    "function": choice("Which cluster function this action serves.", FUNCTION_IDS,
                       required=True),
    "action": text("What will be done.", required=True),
    "lead": text("Who leads it.", required=True),
    "timeframe": text("When, e.g. 'Term 2 2025'.", required=True),
    "measure": text("How success will be seen.", required=True),
})

def rate_override(what: str, key: str, most: int) -> Rule:
    """A rate given in the cluster file, with where it comes from (shown in the working)."""
    return mapping(f"{what}, with its source.", {
        key: number(f"{what}.", required=True, min=0, max=most),
        "source": text("Where the figure comes from, e.g. 'LLEN offer letter 2025'.",
                       required=True),
    })


ENDORSEMENT = mapping("A person endorsing the application.", {
    "name": text("Full name.", required=True),
    "role": text("Role, e.g. 'Chair, Cluster Governance Group'.", required=True),
    "organisation": text("Organisation.", required=True),
})


CONFIRMATION = mapping("A fact of docgen's unverified reference data that the JSPM confirmed.", {
    "item": text("The fact, as `docgen check` names it: e.g. 'funding_bands', "
                 "'salary/ES 1-4-1', 'function/operational_function_4'.", required=True),
    "date": day("When the JSPM confirmed it.", required=True),
    "by": text("Who confirmed it, e.g. 'Anneliese Ford, JSPM'."),
})


def self_assessment(scale: dict[str, Any]) -> Rule:
    """Ratings per function id; the scale and priorities are reference data (rating_scale)."""
    assessment = mapping("The cluster's self-assessment of one function.", {
        "rating": choice("Rating on the scale in rating_scale.yaml (indicative until confirmed).",
                         [r["id"] for r in scale["ratings"]], required=True),
        "evidence": text("What shows the rating: documents, data, meetings."),
        "priority": choice("How urgent improving this function is.",
                           [p["id"] for p in scale["priorities"]]),
    })
    return mapping("Self-assessment per cluster function (id: rating, evidence, priority).",
                   {function_id: assessment for function_id in FUNCTION_IDS})


SECTIONS: Schema = {
    "cluster": mapping("Who the cluster is.", {
        "name": text("The cluster's name.", required=True),
        "region": choice("Department region.", REGIONS, required=True),
        "area": text("Department area, e.g. 'Bayside Peninsula'.", required=True),
        "facilitation": choice("llen (LLEN-facilitated) or school (school-facilitated).",
                               ["llen", "school"], required=True),
        "status": choice("new or existing.", ["new", "existing"], required=True),
        "established": whole("Year the cluster was formed.", min=1990, max=2100),
        "vision": text("The shared vision, a paragraph or two.", required=True),
        "objectives": strings("What the cluster sets out to achieve."),
    }, required=True),
    "document": mapping("Document control for every generated document.", {
        "version": text("Version of this set of documents, in quotes (e.g. '1.0').",
                        required=True),
        "date": day("Date of this version; it goes into every document.", required=True),
        "status": choice("Draft or Final.", ["Draft", "Final"]),
        "prepared_by": text("Who prepared the documents.", required=True),
        "history": listing("Earlier versions, oldest first.", HISTORY_ENTRY),
        "protective_marking": text("Optional protective marking, e.g. 'OFFICIAL', shown "
                                   "centred in every document's header and footer."),
        "logo": text("Optional: the cluster's logo for the header, a PNG or JPEG file of at "
                     "most 1 MB, as a path from this file, e.g. 'logos/cluster.png'."),
    }, required=True),
    "llens": listing("The LLEN(s) supporting the cluster.", mapping("An LLEN.", {
        "name": text("Legal name.", required=True),
        "short_name": text("Short name used in the documents, e.g. 'Southern Shores LLEN'."),
        "abn": text("ABN, in quotes."),
        "address": text("Street address."),
        "executive_officer": person("The LLEN's Executive Officer.", required=True),
    })),
    "jspm": person("The department's Jobs, Skills and Pathways Manager for the area.",
                   required=True),
    "coordinator": position("The Cluster Coordinator position.", "ES 1-4-1", required=True,
                            criteria=True),
    "admin_support": position("The administration support position.", "ES 1-2-1"),
    "enrolments": mapping("Where the VDSS enrolment figures come from.", {
        "data_year": whole("Year of the enrolment data.", required=True, min=2000, max=2100),
        "source": text("Source of the figures, e.g. 'VASS'.", required=True),
    }, required=True),
    "member_schools": listing("The member schools.", SCHOOL, required=True, minlength=1),
    "partners": listing("TAFE and RTO partners.", PARTNER),
    "shared_provision": listing("Certificates shared across the cluster.", COURSE),
    "ttc": listing("Trade Training Centres and ATCs used by the cluster.", TTC),
    "governance": mapping("The two governance tiers.", {
        "governance_group": group("The Cluster Governance Group (strategy and decisions)."),
        "operations_group": group("The Cluster Operations Group (day-to-day operations)."),
    }, required=True),
    "mou": mapping("Terms of the Memorandum of Understanding.", {
        "commencement": day("Date the MoU takes effect.", required=True),
        "review_date": day("Date of the next review.", required=True),
        "term": text("How long it runs, e.g. 'Until varied or ended by the members'."),
        "withdrawal_notice": text("Notice a member gives to withdraw, e.g. 'one school term'."),
        "contributions": mapping("How members share coordination costs.", {
            "model": choice("flat_per_school, per_enrolment, hybrid or none.",
                            CONTRIBUTION_MODELS, required=True),
            "rate_per_school": dollars("Dollars per school a year."),
            "rate_per_enrolment": dollars("Dollars per VDSS enrolment a year."),
            "llen_contribution": dollars("The LLEN's contribution, dollars a year."),
            "notes": text("Anything else about contributions."),
            "shared_amount": dollars("Optional: the yearly amount the LLEN and schools share; "
                                     "schools split what the LLEN does not pay."),
        }, required=True),
        "child_safety": mapping("Child safety obligations.", {
            "lead": text("Who leads child safety for cluster activities.", required=True),
            "commitments": strings("Commitments beyond the standard clause."),
        }, required=True),
        "data_sharing": strings("Extra data-sharing terms beyond the standard clause."),
    }, required=True),
    "funding_application": mapping("Inputs to the VET Cluster Transition Funding application.", {
        "approval_date": day("Date of approval (or expected approval).", required=True),
        "submission_date": day("Date the application is submitted."),
        "mou_signed": day("Date the MoU was signed, if it has been."),
        "tor_adopted": day("Date the Terms of Reference were adopted, if they have been."),
        "long_term_funding": text("How coordination will be funded after transition funding.",
                                  required=True),
        "endorsements": listing("Who endorses the application.", ENDORSEMENT),
        "overrides": mapping("Optional: rates to use instead of the reference rates.", {
            "coordinator_salary": rate_override("Coordinator's annual salary", "annual",
                                                MAX_DOLLARS),
            "admin_salary": rate_override("Administration support annual salary", "annual",
                                          MAX_DOLLARS),
            "on_cost_rate": rate_override("On-cost rate, e.g. 0.22 for 22%", "rate", MAX_RATE),
        }),
    }, required=True),
    "implementation_plan": mapping("The implementation plan.", {
        "actions": listing("Actions against the cluster's functions.", ACTION, required=True,
                           minlength=1),
    }, required=True),
    "membership_changes": listing("Schools that joined, left or were renamed, oldest first; "
                                  "the MoU lists them as a schedule of variations.",
                                  MEMBERSHIP_CHANGE),
    "reference_confirmed": listing("What the JSPM has confirmed of the facts docgen's reference "
                                   "data leaves unverified; `docgen check` warns of the rest.",
                                   CONFIRMATION),
}
"""Every section of a cluster file but `self_assessment`, whose ratings are reference data."""


@cache
def cluster_schema(reference: ReferenceData) -> Schema:
    """The whole cluster file's schema, with the rating scale of `reference`."""
    return {**SECTIONS, "self_assessment": self_assessment(reference.rating_scale)}
