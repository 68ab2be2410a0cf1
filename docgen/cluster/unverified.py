"""What a cluster's documents rest on that nobody has confirmed, and where `check` says so.

The reference data marks what the public material does not give `verified: false`: the
funding bands, the salaries and on-cost rate, the self-assessment's rating scale,
operational functions 4 and 5, function 3's incomplete list of key activities, some
priority pathway names, the SRP rural rate. Documents print these without comment (the
funding application marks its estimates "indicative"); what is still to confirm is said
here instead, once per fact, as a `docgen check` warning of one kind (starting
"unconfirmed:") at the line that uses it, and in the review checklist `docgen build`
writes beside the documents.

A cluster silences a warning by recording the JSPM's confirmation under
`reference_confirmed` (the fact's id, a date, who confirmed it); reference data marked
`verified: true` raises no warning at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docgen.cluster.model import Cluster
from docgen.cluster.suggest import suggestion
from docgen.cluster.values import ValuePath
from docgen.errors import Severity
from docgen.refdata import ReferenceData

Data = dict[str, Any]
Finding = tuple[ValuePath, Severity, str]
PREFIX = "unconfirmed: "
"""Every warning about unverified reference data starts so (one kind, one wording)."""
BANDS_FACT, ON_COST_FACT, RURAL_RATE_FACT = "funding_bands", "on_cost_rate", "srp_rural_rate"
"""The ids of the funding's unverified facts, as `reference_confirmed` names them."""
POSITIONS = (("coordinator", "coordinator_salary", "ES 1-4-1"),
             ("admin_support", "admin_salary", "ES 1-2-1"))


@dataclass(frozen=True, slots=True)
class Uses:
    """What of the reference data one cluster's documents use, beyond what all use."""

    salaries: tuple[str, ...] = ()
    """Classifications costed at the reference salary (no override in the cluster file)."""
    on_cost: bool = True
    """Whether the reference on-cost rate is used (no override)."""
    pathways: tuple[str, ...] = ()
    """Pathway ids of the shared certificates, in the file's order."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One unverified fact a cluster's documents rest on: its id, what it is, and why
    the reference data cannot vouch for it."""

    item: str
    what: str
    why: str
    topic: str


def salary_fact(classification: str) -> str:
    """The id of the fact 'the salary of `classification`' (e.g. 'salary/ES 1-4-1')."""
    return f"salary/{classification}"


def funding_fact(item: str) -> bool:
    """Whether the fact `item` names is one the transition funding rests on."""
    return item in (BANDS_FACT, ON_COST_FACT, RURAL_RATE_FACT) or item.startswith("salary/")


def money(value: Any) -> str:
    """$84,000 or $12.50 (the reference data's figures; documents word their own)."""
    amount = Decimal(str(value))
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"


def percent(value: Any) -> str:
    """A rate as a percentage (0.3 as 30%, 0.125 as 12.5%)."""
    return f"{(Decimal(str(value)) * 100).normalize():f}%"


def funding_facts(uses: Uses, reference: ReferenceData) -> Iterator[Fact]:
    """The bands, the salaries and the on-cost rate the budget rests on."""
    if not reference.funding_bands["verified"]:
        yield Fact(BANDS_FACT, "the funding band thresholds and the FTE each band funds",
                   "illustrative; the department's Transition Funding Application Process, "
                   "which is not public, sets them", "Funding")
    rates = reference.salary_rates
    for classification in dict.fromkeys(uses.salaries):
        rate = rates["rates"].get(classification)
        if rate is not None and not (rates["verified"] and rate.get("verified")):
            yield Fact(salary_fact(classification), f"the {classification} salary of "
                       f"{money(rate['annual'])} a year", rate["source"], "Funding")
    if uses.on_cost and not rates["verified"]:
        yield Fact(ON_COST_FACT, f"the on-cost rate of {percent(rates['on_cost_rate'])}",
                   rates["on_cost_source"], "Funding")
    rural = reference.srp["rural"]
    if not rural["verified"]:
        yield Fact(RURAL_RATE_FACT, f"the SRP rural rate of {money(rural['rate'])} in the "
                   "funding application's VDSS funding context", "Reference 56 gives the "
                   "formula but no figure", "Funding")


def function_name(entry: dict[str, Any]) -> str:
    """A framework function as warnings name it: operational function 4 ('Title')."""
    return f"{entry['kind']} function {entry['number']} ('{entry['title']}')"


def framework_facts(uses: Uses, reference: ReferenceData) -> Iterator[Fact]:
    """Functions, their key activities, the rating scale and the pathways used."""
    for entry in reference.functions:
        if not entry["verified"]:
            yield Fact(f"function/{entry['id']}", "the title and key activities of "
                       f"{function_name(entry)}", "the department's page could not be read "
                       "past operational function 3", "Functions")
        elif entry.get("activities_complete") is False:
            yield Fact(f"activities/{entry['id']}", "the key activities of "
                       f"{function_name(entry)}", "the department's page lists more than the "
                       "reference copy holds", "Functions")
    if not reference.rating_scale["verified"]:
        yield Fact("rating_scale", "the self-assessment's rating scale", "docgen's own, not "
                   "yet aligned with the department's self-assessment tool", "Self-assessment")
    names = {p["id"]: p for p in reference.pathways}
    for pathway in dict.fromkeys(uses.pathways):
        if pathway in names and not names[pathway]["verified"]:
            yield Fact(f"pathway/{pathway}", f"the pathway name '{names[pathway]['name']}'",
                       "not yet confirmed on the department's pages", "Pathways")


def unverified(uses: Uses, reference: ReferenceData) -> list[Fact]:
    """Every unverified fact the documents of a cluster with `uses` rest on."""
    return [*funding_facts(uses, reference), *framework_facts(uses, reference)]


def uses_in_data(data: Data) -> Uses:
    """`Uses` of a cluster file's checked values."""
    overrides = data["funding_application"].get("overrides", {})
    salaries = tuple(data[key].get("classification", default)
                     for key, override, default in POSITIONS
                     if key in data and override not in overrides)
    return Uses(salaries, "on_cost_rate" not in overrides,
                tuple(c["pathway"] for c in data.get("shared_provision", [])))


def uses_in_cluster(cluster: Cluster) -> Uses:
    """`Uses` of a cluster's model."""
    overrides = cluster.funding.overrides
    positions = ((cluster.coordinator, overrides.coordinator_salary),
                 (cluster.admin_support, overrides.admin_salary))
    return Uses(tuple(p.classification for p, override in positions
                      if p is not None and override is None),
                overrides.on_cost_rate is None,
                tuple(c.pathway for c in cluster.shared_provision))


def first_use(data: Data, function: str) -> ValuePath:
    """Where a function is first used: an action, else its self-assessment, else the plan."""
    for i, action in enumerate(data["implementation_plan"]["actions"]):
        if action["function"] == function:
            return ("implementation_plan", "actions", i, "function")
    if function in data.get("self_assessment", {}):
        return ("self_assessment", function)
    return ("implementation_plan",)


def place(item: str, data: Data) -> ValuePath:
    """The line a fact's warning goes to: the value in the file that uses it."""
    kind, _, key = item.partition("/")
    if kind == "salary":
        for position, _override, default in POSITIONS:
            if data.get(position, {}).get("classification", default) == key:
                return (position, "classification") if "classification" in data[position] \
                    else (position,)
    if kind == "pathway":
        pathways = [c["pathway"] for c in data.get("shared_provision", [])]
        return ("shared_provision", pathways.index(key), "pathway")
    if kind in ("function", "activities"):
        return first_use(data, key)
    if kind == "rating_scale":  # the self-assessment, and the plan's baselines
        return ("self_assessment",) if "self_assessment" in data else ("implementation_plan",)
    return ("funding_application",) if kind == "on_cost_rate" else ("member_schools",)


def known_items(reference: ReferenceData) -> list[str]:
    """Every id `reference_confirmed` may name, verified or not."""
    items = [BANDS_FACT, ON_COST_FACT, "rating_scale", RURAL_RATE_FACT]
    items += [salary_fact(c) for c in reference.salary_rates["rates"]]
    items += [f"{kind}/{f['id']}" for f in reference.functions
              for kind in ("function", "activities")]
    return items + [f"pathway/{p['id']}" for p in reference.pathways]


def unconfirmed_facts(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """A warning for each unverified fact the cluster has not recorded as confirmed, and
    a problem for each confirmation that names no fact needing one."""
    facts = unverified(uses_in_data(data), reference)
    confirmed = data.get("reference_confirmed", [])
    named = {entry["item"] for entry in confirmed}
    for fact in facts:
        if fact.item not in named:
            yield (place(fact.item, data), Severity.WARNING,
                   f"{PREFIX}{fact.what}: {fact.why}; when it is confirmed, list "
                   f"'{fact.item}' under reference_confirmed")
    needed, known = {fact.item for fact in facts}, known_items(reference)
    for i, entry in enumerate(confirmed):
        item = entry["item"]
        if item not in known:
            yield (("reference_confirmed", i, "item"), Severity.ERROR,
                   f"'{item}' is not an unverified fact docgen knows"
                   f"{suggestion(item, known)}")
        elif item not in needed:
            yield (("reference_confirmed", i, "item"), Severity.WARNING,
                   f"'{item}' needs no confirmation: docgen's reference data verifies it or "
                   "this cluster's documents do not use it; remove the entry")
