"""Rules that span several fields, run once the file has the right shape.

Each rule is a small function over the typed data that yields `(path, severity,
message)`; `cross_field_problems` places them with the document's marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docgen.errors import Problem, Severity
from docgen.refdata import reference
from docgen.tree import Document, Path, dotted
from docgen.validate import suggestion

Finding = tuple[Path, Severity, str]
Data = dict[str, Any]
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def school_names(data: Data) -> list[str]:
    return [school["name"] for school in data["member_schools"]]


def llen_names(data: Data) -> set[str]:
    names = set()
    for llen in data.get("llens", []):
        names.add(llen["name"])
        if "short_name" in llen:
            names.add(llen["short_name"])
    return names


def unique_schools(data: Data) -> Iterator[Finding]:
    """No school listed twice, by name or by school number."""
    for key in ("name", "school_number"):
        first: dict[str, int] = {}
        for i, school in enumerate(data["member_schools"]):
            value = school.get(key)
            if value is None:
                continue
            if value in first:
                yield (("member_schools", i, key), ERROR,
                       f"'{value}' is listed twice (also member_schools[{first[value]}])")
            else:
                first[value] = i


def llen_named(data: Data) -> Iterator[Finding]:
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


def positions_filled_or_vacant(data: Data) -> Iterator[Finding]:
    """A position names its holder or says it is vacant, not both."""
    for position in ("coordinator", "admin_support"):
        details = data.get(position)
        if details is None:
            continue
        if not details.get("name") and not details.get("vacant"):
            yield ((position,), ERROR, "give the holder's 'name', or 'vacant: true'")
        if details.get("name") and details.get("vacant"):
            yield ((position, "vacant"), ERROR, "a position with a 'name' cannot be vacant")


def chairs(data: Data) -> Iterator[Finding]:
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


def dates_in_order(data: Data) -> Iterator[Finding]:
    """MoU commencement before review; approval not after the program end."""
    mou = data["mou"]
    if mou["review_date"] <= mou["commencement"]:
        yield (("mou", "review_date"), ERROR, "the review date must be after the commencement")
    program_end = reference("policy")["transition_funding"]["program_end"]
    approval = data["funding_application"]["approval_date"]
    if approval > program_end:
        yield (("funding_application", "approval_date"), ERROR,
               f"approval is after the transition funding program ends ({program_end:%d %B %Y})")


def contribution_rates(data: Data) -> Iterator[Finding]:
    """A contribution model comes with the rate(s) it needs."""
    contributions = data["mou"]["contributions"]
    needs = {"flat_per_school": ["rate_per_school"], "per_enrolment": ["rate_per_enrolment"],
             "hybrid": ["rate_per_school", "rate_per_enrolment"], "none": []}
    for rate in needs[contributions["model"]]:
        if contributions.get(rate) is None:
            yield (("mou", "contributions", "model"), ERROR,
                   f"the '{contributions['model']}' model needs '{rate}'")


def references_to_schools(data: Data) -> Iterator[Finding]:
    """Host schools are member schools; pathways are known; providers are known."""
    schools = school_names(data)
    providers = schools + [p["name"] for p in data.get("partners", [])]
    pathways = [p["id"] for p in reference("priority_pathways")["pathways"]]
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


def membership_changes_recorded(data: Data) -> Iterator[Finding]:
    """Joins and departures are reported to the department (PAL, Membership); the schedule
    of variations agrees with the member list."""
    schools = school_names(data)
    address = reference("contacts")["department"]["pathways_reform"]
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


RULES: list[Callable[[Data], Iterator[Finding]]] = [
    unique_schools, llen_named, positions_filled_or_vacant, chairs, dates_in_order,
    contribution_rates, references_to_schools, membership_changes_recorded,
]


def cross_field_problems(doc: Document) -> list[Problem]:
    """Every cross-field finding, placed at its value's line and column."""
    problems = []
    for rule in RULES:
        for path, severity, message in rule(doc.data):
            line, column = doc.mark_of(path)
            problems.append(Problem(doc.name, line, column, severity, message, dotted(path)))
    return problems
