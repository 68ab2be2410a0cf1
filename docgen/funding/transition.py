"""VET Cluster Transition Funding: pure calculations over the model, in exact Decimal.

Total VDSS enrolments → band (`funding_bands.yaml`) → budget lines (salaries from
`salary_rates.yaml` or the cluster's own stated rates, on-costs, the $15,000
miscellaneous administration) → total, for 12 months from approval and never past
the program end. Every line carries the figures of its working (quantity × rate =
amount), where its rate comes from, and whether it rests on unverified data
("indicative"); `documents/working.py` puts the working into words.

How the band relates to FTE: the band data (the cluster's estimate while
`funding_bands.yaml` is unverified) give the most FTE of each position the budget
costs. The budget costs the FTE the cluster asks for, up to that figure; when the
cluster asks for more, both figures are reported for it to settle with its JSPM.

Each line names its source as a reader would cite it (the reference data's
`citation`), or says that the figure is the cluster's estimate where no published
source gives it; a `Rate` keeps the reference data's own note too, for reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from docgen.cluster.model import Cluster, Position, RateOverride, total_vdss_enrolments
from docgen.cluster.policy import Band, band_for, funding_period
from docgen.cluster.unverified import BANDS_FACT, ON_COST_FACT, salary_fact
from docgen.funding.money import ZERO, cents
from docgen.refdata import SALARIES, ReferenceData


@dataclass(frozen=True, slots=True)
class SalaryWorking:
    """Funded FTE × annual salary (pro rata `days` of a full period, when cut short)."""

    fte: Decimal
    annual: Decimal
    classification: str
    days: tuple[int, int]


@dataclass(frozen=True, slots=True)
class OnCostWorking:
    """The on-cost rate × the salary line's amount."""

    rate: Decimal
    salary: Decimal


@dataclass(frozen=True, slots=True)
class FixedWorking:
    """A fixed amount (the miscellaneous administration), with an example of its use."""

    example: str


Working = SalaryWorking | OnCostWorking | FixedWorking


ESTIMATE = "Cluster's estimate (indicative)"
"""The source of a figure no published material gives, as the funding application prints it."""


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate and where it comes from: cited as a reader would, and in the data's words."""

    value: Decimal
    citation: str
    note: str
    verified: bool


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of the budget: what it is, the figures of its working, and the amount."""

    item: str
    working: Working
    source: str
    amount: Decimal
    indicative: bool


@dataclass(frozen=True, slots=True)
class Staffing:
    """A funded position: the FTE the cluster asks for and the FTE the band funds."""

    position: str
    classification: str
    requested_fte: Decimal
    band_fte: Decimal

    @property
    def funded_fte(self) -> Decimal:
        """The FTE the budget costs: what the cluster asks for, up to the band's FTE."""
        return min(self.requested_fte, self.band_fte)

    @property
    def capped(self) -> bool:
        """Whether the cluster asks for more FTE than the band funds."""
        return self.requested_fte > self.band_fte


@dataclass(frozen=True, slots=True)
class Unconfirmed:
    """What the cluster must still confirm with its JSPM before relying on the figures:
    unverified reference data it has not listed under `reference_confirmed` (the same
    facts `docgen check` warns of)."""

    bands: bool  # the band thresholds and FTEs are illustrative
    salaries: tuple[tuple[str, Decimal, str], ...]  # (position, annual salary, its source)
    on_cost: tuple[Decimal, str] | None  # (rate, its source) when unverified
    pro_rata: bool  # the program end cuts the period short


@dataclass(frozen=True, slots=True)
class TransitionFunding:
    """The application's figures: enrolments → band → budget lines → total; the period."""

    total_enrolments: int
    data_year: int
    enrolment_source: str
    school_count: int
    band: Band
    bands_verified: bool
    staffing: tuple[Staffing, ...]
    lines: tuple[BudgetLine, ...]
    period_start: dt.date
    period_end: dt.date  # the last day funded
    full_period_end: dt.date  # the last day of a full 12 months
    program_end: dt.date
    unconfirmed: Unconfirmed

    @property
    def total(self) -> Decimal:
        """The budget's total: its lines added."""
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def indicative(self) -> bool:
        """Whether any figure rests on unverified reference data."""
        return not self.bands_verified or any(line.indicative for line in self.lines)

    @property
    def capped_at_program_end(self) -> bool:
        """Whether the program end cuts the 12 months short."""
        return self.period_end < self.full_period_end

    @property
    def period_days(self) -> int:
        """The days funded, first and last included."""
        return (self.period_end - self.period_start).days + 1

    @property
    def full_period_days(self) -> int:
        """The days of a full 12 months, first and last included."""
        return (self.full_period_end - self.period_start).days + 1


def salary_rate(position: Position, override: RateOverride | None,
                reference: ReferenceData) -> Rate:
    """Annual salary and its source. A rate stated in the cluster file (with its source)
    wins over the reference rate."""
    if override is not None:
        return Rate(override.value, override.source, override.source, True)
    rates = reference.salary_rates
    rate = rates["rates"].get(position.classification)
    if rate is None:
        raise LookupError(f"no salary for '{position.classification}' in {SALARIES}.yaml; "
                          f"give funding_application.overrides with the salary and its source")
    verified = bool(rates["verified"]) and bool(rate.get("verified", False))
    return Rate(Decimal(str(rate["annual"])), rate.get("citation") or ESTIMATE,
                f"{SALARIES}.yaml: {rate['source']}", verified)


def on_cost_rate(override: RateOverride | None, reference: ReferenceData) -> Rate:
    """The on-cost rate (superannuation, WorkCover, leave loading, payroll tax) and its source."""
    if override is not None:
        return Rate(override.value, override.source, override.source, True)
    rates = reference.salary_rates
    return Rate(Decimal(str(rates["on_cost_rate"])), rates.get("on_cost_citation") or ESTIMATE,
                f"{SALARIES}.yaml: {rates['on_cost_source']}", bool(rates["verified"]))


def salary_lines(staffing: Staffing, position: Position, salary: RateOverride | None,
                 on_cost: RateOverride | None, days: tuple[int, int],
                 bands_verified: bool, reference: ReferenceData) -> list[BudgetLine]:
    """Salary (funded FTE × annual rate, pro rata if the period is cut short) and on-costs."""
    annual = salary_rate(position, salary, reference)
    fte = staffing.funded_fte
    part, full = days
    salary_amount = cents(fte * annual.value * part / full)
    salary_line = BudgetLine(
        f"{staffing.position} salary",
        SalaryWorking(fte, annual.value, position.classification, days),
        annual.citation, salary_amount, not (annual.verified and bands_verified))
    rate = on_cost_rate(on_cost, reference)
    on_cost_line = BudgetLine(
        f"{staffing.position} on-costs", OnCostWorking(rate.value, salary_amount),
        rate.citation, cents(salary_amount * rate.value),
        salary_line.indicative or not rate.verified)
    return [salary_line, on_cost_line]


def miscellaneous_line(reference: ReferenceData) -> BudgetLine:
    """The fixed miscellaneous administration line, from the policy reference data."""
    policy = reference.policy["transition_funding"]
    amount = cents(Decimal(str(policy["miscellaneous_administration"])))
    return BudgetLine("Miscellaneous administration",
                      FixedWorking(policy["miscellaneous_example"]),
                      policy["miscellaneous_administration_citation"],
                      amount, False)


def positions(cluster: Cluster, band: Band) -> list[tuple[Staffing, Position, str]]:
    """The funded positions with their band caps and override keys."""
    out = [(Staffing("Cluster Coordinator", cluster.coordinator.classification,
                     cluster.coordinator.fte, band.coordinator_fte),
            cluster.coordinator, "coordinator_salary")]
    if cluster.admin_support is not None:
        out.append((Staffing("Administration support", cluster.admin_support.classification,
                             cluster.admin_support.fte, band.admin_fte),
                    cluster.admin_support, "admin_salary"))
    return out


def unconfirmed(cluster: Cluster, band: Band, bands_verified: bool, capped: bool,
                reference: ReferenceData) -> Unconfirmed:
    """The figures resting on unverified reference data the cluster has not confirmed
    (`cluster/unverified.py` names each fact), and a period cut short."""
    overrides = cluster.funding.overrides
    confirmed = {confirmation.item for confirmation in cluster.reference_confirmed}
    salaries = []
    for staff, position, key in positions(cluster, band):
        annual = salary_rate(position, getattr(overrides, key), reference)
        if not annual.verified and salary_fact(staff.classification) not in confirmed:
            salaries.append((staff.position, annual.value, annual.note))
    rate = on_cost_rate(overrides.on_cost_rate, reference)
    on_cost = None if rate.verified or ON_COST_FACT in confirmed else (rate.value, rate.note)
    return Unconfirmed(not bands_verified and BANDS_FACT not in confirmed,
                       tuple(salaries), on_cost, capped)


def transition_funding(cluster: Cluster, reference: ReferenceData) -> TransitionFunding:
    """The transition funding application's figures for `cluster`."""
    total = total_vdss_enrolments(cluster)
    band = band_for(total, reference)
    bands_verified = bool(reference.funding_bands["verified"])
    start, end, full_end = funding_period(cluster.funding.approval_date, reference)
    days = ((end - start).days + 1, (full_end - start).days + 1)
    overrides = cluster.funding.overrides
    lines: list[BudgetLine] = []
    staffing = []
    for staff, position, key in positions(cluster, band):
        staffing.append(staff)
        lines += salary_lines(staff, position, getattr(overrides, key), overrides.on_cost_rate,
                              days, bands_verified, reference)
    lines.append(miscellaneous_line(reference))
    program_end = reference.policy["transition_funding"]["program_end"]
    return TransitionFunding(
        total, cluster.enrolment_year, cluster.enrolment_source, len(cluster.member_schools),
        band, bands_verified, tuple(staffing), tuple(lines), start, end, full_end, program_end,
        unconfirmed(cluster, band, bands_verified, end < full_end, reference))
