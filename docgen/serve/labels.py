"""The form's words: a label for every key, help without YAML advice, names for choices.

The schema's descriptions were written for someone editing YAML ("in quotes",
"true if ..."); the form keeps them as help but drops what only a YAML editor needs.
Cross-references (a host school, a chair) name where their choices come from:
`SOURCES` tags the inputs whose values are choices, `REFERENCES` says which tags a
field offers, so the page (and `static/form.js`, as names change) builds its options.
"""

from __future__ import annotations

import re

from docgen.refdata import ReferenceData

LABELS = {
    "abn": "ABN", "admin_support": "Administration support", "approval_date": "Approval date",
    "coordinator": "Cluster Coordinator", "coordinator_salary": "Coordinator's salary",
    "admin_salary": "Administration support salary", "data_sharing": "Data-sharing terms",
    "deputy_chair": "Deputy chair", "dept_notified": "Department notified",
    "document": "Document control", "enrolments": "Enrolment figures",
    "executive_officer": "Executive Officer", "fee_per_enrolment": "Fee per enrolment",
    "from_cluster": "Came from cluster", "fte": "FTE (time fraction)",
    "funding_application": "Funding application", "governance_group":
    "Cluster Governance Group", "governance_nominee": "Governance Group nominee",
    "implementation_plan": "Implementation plan", "jspm": "Jobs, Skills and Pathways Manager",
    "llen_contribution": "LLEN contribution", "llens": "LLENs",
    "location_index": "Location index", "long_term_funding": "Long-term funding",
    "member_schools": "Member schools", "membership_changes": "Membership changes",
    "mou": "Memorandum of Understanding", "mou_signed": "MoU signed",
    "on_cost_rate": "On-cost rate", "operations_group": "Cluster Operations Group",
    "other_members": "Other members", "rate_per_enrolment": "Rate per enrolment",
    "rate_per_school": "Rate per school", "rto_code": "RTO code",
    "reference_confirmed": "Reference data confirmed by the JSPM", "by": "Confirmed by",
    "item": "Fact confirmed",
    "self_assessment": "Self-assessment", "shared_provision": "Shared provision",
    "skills_first_rate": "Skills First rate", "to_cluster": "Moved to cluster",
    "tor_adopted": "Terms of Reference adopted", "ttc": "Trade Training Centres and ATCs",
    "ttc_host": "Hosts a Trade Training Centre or ATC", "vdss_enrolments": "VDSS enrolments",
    "vet_certificates": "VET certificates", "vet_coordinator": "VET coordinator",
}

ITEMS = {
    "member_schools": "school", "other_members": "member", "partners": "partner",
    "shared_provision": "shared certificate", "ttc": "centre", "history": "version",
    "membership_changes": "change", "actions": "action", "llens": "LLEN",
    "endorsements": "endorsement", "vet_certificates": "certificate",
    "objectives": "objective", "commitments": "commitment", "data_sharing": "term",
    "reference_confirmed": "confirmation",
}
"""A list's key → what one of its items is called ("Add a school", "School 2")."""

LONG_TEXT = {"vision", "long_term_funding", "decision_rule", "quorum", "arrangements",
             "evidence", "notes", "changes", "measure", "action", "term", "lead", "delivery"}
"""Text fields that get a box of several lines."""

DEFAULT_TRUE = {"voting"}
"""Yes/no fields that mean yes when left out of the file."""

SOURCES: dict[tuple[str, ...], str] = {
    ("member_schools", "name"): "school",
    ("member_schools", "governance_nominee", "name"): "nominee",
    ("member_schools", "vet_coordinator", "name"): "vet-coordinator",
    ("governance", "governance_group", "other_members", "name"): "governance-member",
    ("governance", "operations_group", "other_members", "name"): "operations-member",
    ("partners", "name"): "partner",
    ("llens", "name"): "llen", ("llens", "short_name"): "llen",
    ("coordinator", "name"): "coordinator",
}
"""A field (its keys, list indexes left out) whose values are another field's choices."""

REFERENCES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("shared_provision", "host_school"): ("school",),
    ("ttc", "host_school"): ("school",),
    ("shared_provision", "provider"): ("partner", "school"),
    ("governance", "governance_group", "chair"): ("nominee", "governance-member"),
    ("governance", "governance_group", "deputy_chair"): ("nominee", "governance-member"),
    ("governance", "operations_group", "chair"): ("coordinator", "vet-coordinator",
                                                 "operations-member"),
    ("governance", "operations_group", "deputy_chair"): ("coordinator", "vet-coordinator",
                                                        "operations-member"),
    ("coordinator", "employer"): ("llen",),
    ("admin_support", "employer"): ("llen",),
}
"""A field offered as a choice of other fields' values, by their `SOURCES` tags."""

_YAML_ONLY = [
    (re.compile(r",? in quotes(?= \(|[.,]|$)"), ""),
    (re.compile(r"^true (if|while) "), r"Tick \1 "),
    (re.compile(r" \(default true\)"), " (ticked unless you untick it)"),
    (re.compile(r" \(see `docgen schema`\)"), ""),
    (re.compile(r", YYYY-MM-DD"), ""),
]


def label(key: str) -> str:
    """'vdss_enrolments' → 'VDSS enrolments'; 'meeting_frequency' → 'Meeting frequency'."""
    return LABELS.get(key) or key.replace("_", " ").capitalize()


def item_noun(key: str) -> str:
    """What one item of the list `key` is called: 'school', 'member', 'item'."""
    return ITEMS.get(key, "item")


def help_text(description: str) -> str:
    """The schema's description, without advice that only someone writing YAML needs."""
    for pattern, replacement in _YAML_ONLY:
        description = pattern.sub(replacement, description)
    return description


ITEM_KEY = re.compile(r"[0-9]{1,3}|n[0-9a-f]{8}")
"""A list item's key in a form path: its position in the saved file, or a new item's."""


def shape(path: tuple[str | int, ...]) -> tuple[str, ...]:
    """The keys of a path, list items left out: the key of `SOURCES` and `REFERENCES`."""
    return tuple(part for part in path if isinstance(part, str) and not ITEM_KEY.fullmatch(part))


def choice_names(reference: ReferenceData) -> dict[str, str]:
    """Words for fixed choices: function, pathway, rating and priority ids → their names."""
    names = {"principal_class": "Principal class", "vet_coordinator": "VET coordinator",
             "flat_per_school": "Flat rate per school", "per_enrolment": "Rate per enrolment",
             "hybrid": "Hybrid (per school and per enrolment)", "none": "None",
             "shared_per_enrolment": "Shared per enrolment", "llen": "LLEN-facilitated",
             "school": "School-facilitated", "tafe": "TAFE", "rto": "RTO"}
    for function in reference.functions:
        names[function["id"]] = (f"{str(function.get('kind', '')).capitalize()} function "
                                 f"{function.get('number', '')}: {function['title']}")
    for pathway in reference.pathways:
        names[pathway["id"]] = pathway["name"]
    for scale in ("ratings", "priorities"):
        for entry in reference.rating_scale.get(scale, []):
            names[entry["id"]] = entry.get("name", entry["id"])
    return names
