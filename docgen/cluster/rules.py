"""Rules that span several fields, run once the file has the right shape.

Each rule is a small function over the typed values and the reference data that
yields `(path, severity, message)`; `validate.cross_field_problems` runs them all
and places each finding with the file's marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from docgen.cluster.invisible import comparable, hidden_characters
from docgen.cluster.logo import logo_named
from docgen.cluster.policy import band_for, funding_period, targeted_band_names
from docgen.cluster.suggest import suggestion
from docgen.cluster.timeline import RULES as TIMELINE_RULES
from docgen.cluster.unverified import unconfirmed_facts
from docgen.cluster.values import ValuePath
from docgen.errors import Severity
from docgen.refdata import SRP, ReferenceData

Finding = tuple[ValuePath, Severity, str]
Data = dict[str, Any]
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def school_names(data: Data) -> list[str]:
    """The member schools' names, in the file's order."""
    return [school["name"] for school in data["member_schools"]]


def llen_names(data: Data) -> set[str]:
    """The LLENs' names and short names."""
    names = set()
    for llen in data.get("llens", []):
        names.add(llen["name"])
        if "short_name" in llen:
            names.add(llen["short_name"])
    return names


def unique_schools(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """No school listed twice, by name or by school number."""
    for key in ("name", "school_number"):
        first: dict[str, int] = {}
        for i, school in enumerate(data["member_schools"]):
            value = school.get(key)
            if value is None:
                continue
            same = comparable(str(value))  # 'X College' = 'x  college', ignoring invisibles
            if same in first:
                hidden = hidden_characters(str(value))
                note = f"; this one holds invisible characters {', '.join(hidden)}" \
                    if hidden else ""
                yield (("member_schools", i, key), ERROR,
                       f"'{value}' is listed twice (also member_schools[{first[same]}]{note})")
            else:
                first[same] = i


def llen_named(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """An LLEN-facilitated cluster names its LLEN; the coordinator's employer is one."""
    if data["cluster"]["facilitation"] == "llen" and not data.get("llens"):
        yield (("cluster", "facilitation"), ERROR,
               "an LLEN-facilitated cluster must list its LLEN under 'llens'")
    for position in ("coordinator", "admin_support"):
        employer = data.get(position, {}).get("employer")
        names = llen_names(data)
        if employer and names and employer not in names:
            yield ((position, "employer"), ERROR, f"'{employer}' is not one of the cluster's "
                   f"LLENs{suggestion(employer, sorted(names))}")


def positions_filled_or_vacant(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """A position names its holder or says it is vacant, not both."""
    for position in ("coordinator", "admin_support"):
        details = data.get(position)
        if details is None:
            continue
        if not details.get("name") and not details.get("vacant"):
            yield ((position,), ERROR, "give the holder's 'name', or 'vacant: true'")
        if details.get("name") and details.get("vacant"):
            yield ((position, "vacant"), ERROR, "a position with a 'name' cannot be vacant")


def chairs(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """The Governance Group chair is a member; the coordinator chairs the Operations Group."""
    groups = data["governance"]
    nominees = {s["governance_nominee"]["name"] for s in data["member_schools"]}
    members = nominees | {m["name"] for m in groups["governance_group"].get("other_members", [])}
    chair = groups["governance_group"]["chair"]
    if chair not in members:
        yield (("governance", "governance_group", "chair"), ERROR,
               f"'{chair}' is not a Governance Group member (a school nominee or other member)"
               f"{suggestion(chair, sorted(members))}")
    coordinator = data["coordinator"].get("name")
    ops_chair = groups["operations_group"]["chair"]
    if coordinator and ops_chair != coordinator:
        yield (("governance", "operations_group", "chair"), WARNING,
               f"the framework has the Cluster Coordinator ({coordinator}) chair the "
               f"Operations Group, not '{ops_chair}'")


LOOKS_LIKE_A_SCHOOL = re.compile(r"\b(school|college|secondary)\b", re.IGNORECASE)


def governance_members_from_schools(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Governance Group members who name a school name a member school; the deputy is a member."""
    group = data["governance"]["governance_group"]
    schools = school_names(data)
    others = group.get("other_members", [])
    elsewhere = {p["name"] for p in data.get("partners", [])} | llen_names(data)
    for i, member in enumerate(others):
        organisation = member["organisation"]
        if organisation in schools or organisation in elsewhere:
            continue
        close = suggestion(organisation, schools)
        if close or LOOKS_LIKE_A_SCHOOL.search(organisation):
            yield (("governance", "governance_group", "other_members", i, "organisation"), ERROR,
                   f"'{organisation}' is not a member school; a Governance Group member from a "
                   f"school must come from a member school{close}")
    deputy = group.get("deputy_chair")
    members = {s["governance_nominee"]["name"] for s in data["member_schools"]}
    members |= {m["name"] for m in others}
    if deputy and deputy not in members:
        yield (("governance", "governance_group", "deputy_chair"), ERROR,
               f"'{deputy}' is not a Governance Group member (a school nominee or other member)"
               f"{suggestion(deputy, sorted(members))}")


def dates_in_order(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """MoU commencement before review; approval not after the program end, nor submission."""
    mou = data["mou"]
    if mou["review_date"] <= mou["commencement"]:
        yield (("mou", "review_date"), ERROR, "the review date must be after the commencement")
    program_end = reference.policy["transition_funding"]["program_end"]
    approval = data["funding_application"]["approval_date"]
    if approval > program_end:
        yield (("funding_application", "approval_date"), ERROR,
               f"approval is after the transition funding program ends ({program_end:%d %B %Y})")
    submitted = data["funding_application"].get("submission_date")
    if submitted and submitted > approval:
        yield (("funding_application", "submission_date"), ERROR,
               "the application cannot be submitted after its approval date")


def contribution_rates(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """A contribution model comes with the rate(s) it needs."""
    contributions = data["mou"]["contributions"]
    needs = {"flat_per_school": ["rate_per_school"], "per_enrolment": ["rate_per_enrolment"],
             "hybrid": ["rate_per_school", "rate_per_enrolment"], "none": []}
    if contributions.get("shared_amount") is not None:  # the amount, not rates, sets the shares
        needs = {"flat_per_school": [], "per_enrolment": [], "hybrid": ["rate_per_school"],
                 "none": []}
    for rate in needs[contributions["model"]]:
        if contributions.get(rate) is None:
            yield (("mou", "contributions", "model"), ERROR,
                   f"the '{contributions['model']}' model needs '{rate}'")


def references_to_schools(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Host schools are member schools; pathways are known; providers are known."""
    schools = school_names(data)
    providers = schools + [p["name"] for p in data.get("partners", [])]
    pathways = [p["id"] for p in reference.pathways]
    for i, course in enumerate(data.get("shared_provision", [])):
        if course["pathway"] not in pathways:
            yield (("shared_provision", i, "pathway"), ERROR, f"unknown pathway "
                   f"'{course['pathway']}'{suggestion(course['pathway'], pathways)}")
        if course["provider"] not in providers:
            yield (("shared_provision", i, "provider"), ERROR,
                   f"'{course['provider']}' is neither a partner nor a member school"
                   f"{suggestion(course['provider'], providers)}")
        if course.get("host_school") and course["host_school"] not in schools:
            yield (("shared_provision", i, "host_school"), ERROR,
                   f"'{course['host_school']}' is not a member school"
                   f"{suggestion(course['host_school'], schools)}")
    for i, centre in enumerate(data.get("ttc", [])):
        if centre["host_school"] not in schools:
            yield (("ttc", i, "host_school"), ERROR, f"'{centre['host_school']}' is not a "
                   f"member school{suggestion(centre['host_school'], schools)}")


def membership_changes_recorded(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Joins and departures are reported to the department (PAL, Membership); the schedule
    of variations agrees with the member list."""
    schools = school_names(data)
    address = reference.contacts["department"]["pathways_reform"]
    latest: dict[str, tuple[int, str]] = {}
    for i, entry in enumerate(data.get("membership_changes", [])):
        if entry["change"] in ("joined", "left") and entry.get("dept_notified") is None:
            yield (("membership_changes", i), WARNING, f"no 'dept_notified' date: a school "
                   f"joining or leaving a cluster must be reported to {address}")
        latest[entry["school"]] = (i, entry["change"])
    for name, (i, change) in latest.items():
        if change == "left" and name in schools:
            yield (("membership_changes", i, "school"), WARNING,
                   f"'{name}' is recorded as having left but is still in member_schools")
        elif change != "left" and name not in schools:
            yield (("membership_changes", i, "school"), WARNING,
                   f"'{name}' is not in member_schools{suggestion(name, schools)}")


def certificates(data: Data) -> Iterator[tuple[ValuePath, Data]]:
    """Every VET certificate line of every school, with its path."""
    for i, school in enumerate(data["member_schools"]):
        for j, certificate in enumerate(school.get("vet_certificates", [])):
            yield ("member_schools", i, "vet_certificates", j), certificate


def positive_quantities(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """FTEs are in (0, 1] (the schema already refuses more than 1); hours are more than 0."""
    for position in ("coordinator", "admin_support"):
        fte = data.get(position, {}).get("fte")
        if fte is not None and fte <= 0:
            yield ((position, "fte"), ERROR, f"FTE must be more than 0 (and at most 1), "
                   f"found {fte}")
    for path, certificate in certificates(data):
        if certificate["hours"] <= 0:
            yield (path + ("hours",), ERROR,
                   f"hours must be more than 0, found {certificate['hours']}")


def funding_bands_known(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Certificate bands are targeted VET bands; the total enrolments fall in a funding band."""
    names = targeted_band_names(reference)
    for path, certificate in certificates(data):
        if certificate["band"] not in names:
            yield (path + ("band",), ERROR, f"unknown band '{certificate['band']}': "
                   f"{SRP}.yaml has bands {', '.join(names)}"
                   f"{suggestion(certificate['band'], names)}")
    total = sum(school["vdss_enrolments"] for school in data["member_schools"])
    try:
        band_for(total, reference)
    except LookupError as exc:
        yield (("member_schools",), ERROR, str(exc))


def salary_rates_known(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Each funded position has a salary: from salary_rates.yaml or a stated override."""
    rates = sorted(reference.salary_rates["rates"])
    overrides = data["funding_application"].get("overrides", {})
    for position, key, default in (("coordinator", "coordinator_salary", "ES 1-4-1"),
                                   ("admin_support", "admin_salary", "ES 1-2-1")):
        if position not in data or key in overrides:
            continue
        classification = data[position].get("classification", default)
        if classification not in rates:
            yield ((position, "classification"), ERROR,
                   f"salary_rates.yaml has no salary for '{classification}'"
                   f"{suggestion(classification, rates)}; or give "
                   f"funding_application.overrides.{key} with the salary and its source")


def to_cents(amount: object) -> Decimal:
    """An amount rounded to the cent, half up, as the contribution split rounds it."""
    return Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def shared_amount_covers(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """A shared amount is at least the LLEN's share plus any per-school base."""
    terms = data["mou"]["contributions"]
    shared = terms.get("shared_amount")
    if shared is None or terms["model"] == "none":
        return
    llen = to_cents(terms.get("llen_contribution") or 0)  # as the split rounds them
    base = to_cents(terms.get("rate_per_school") or 0) * len(data["member_schools"]) \
        if terms["model"] == "hybrid" else 0
    if llen + base > to_cents(shared):
        yield (("mou", "contributions", "shared_amount"), ERROR,
               f"the shared amount ({shared}) is less than the LLEN's contribution ({llen})"
               f"{f' plus the base per school ({base} in all)' if base else ''}")


def funding_period_cut_short(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Warn when the program end leaves less than 12 months of funding."""
    approval = data["funding_application"]["approval_date"]
    start, end, full_end = funding_period(approval, reference)
    if start <= end < full_end:
        yield (("funding_application", "approval_date"), WARNING,
               f"funding stops at the program end ({end:%d %B %Y}), "
               f"{(full_end - end).days} days short of 12 months from approval")


RULES: list[Callable[[Data, ReferenceData], Iterator[Finding]]] = [
    unique_schools, llen_named, positions_filled_or_vacant, chairs,
    governance_members_from_schools, dates_in_order,
    contribution_rates, references_to_schools, membership_changes_recorded,
    positive_quantities, funding_bands_known, salary_rates_known, shared_amount_covers,
    funding_period_cut_short, unconfirmed_facts, logo_named, *TIMELINE_RULES,
]
RULE_TRIPS = (LookupError, TypeError, AttributeError, ValueError, ArithmeticError)
"""What a rule raises when a value it reads is missing or of the wrong kind."""
