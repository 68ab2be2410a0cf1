"""VET Cluster Transition Funding: pure calculations over the model, in exact Decimal.

Total VDSS enrolments → band (`funding_bands.yaml`) → budget lines (salaries from
`salary_rates.yaml` or the cluster's own stated rates, on-costs, the $15,000
miscellaneous administration) → total, for 12 months from approval and never past
the program end. Every line carries its working (quantity × rate = amount), where
its rate comes from, and whether it rests on unverified data ("indicative").

How the band relates to FTE: a band sets the most FTE transition funding pays for
each position. The budget pays for the FTE the cluster asks for, up to that cap;
when the cluster asks for more, both figures are reported and the difference is
the cluster's (or the LLEN's) to fund.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docgen.cluster.model import Cluster, Position, RateOverride, total_vdss_enrolments
from docgen.cluster.policy import Band, band_for, funding_period
from docgen.funding.money import ZERO, cents, dollars_text, json_number, number_text
from docgen.refdata import SALARIES, ReferenceData


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of the budget: what it is, how it was worked out, and the amount."""

    item: str
    working: str
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
        return min(self.requested_fte, self.band_fte)

    @property
    def capped(self) -> bool:
        return self.requested_fte > self.band_fte


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
    to_confirm: tuple[str, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def indicative(self) -> bool:
        return not self.bands_verified or any(line.indicative for line in self.lines)

    @property
    def capped_at_program_end(self) -> bool:
        return self.period_end < self.full_period_end

    @property
    def period_days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    @property
    def full_period_days(self) -> int:
        return (self.full_period_end - self.period_start).days + 1

    @property
    def band_reasoning(self) -> str:
        """How the band was reached, in one sentence."""
        b = self.band
        return (f"{self.total_enrolments:,} VDSS enrolments ({self.enrolment_source}, "
                f"{self.data_year}) over {self.school_count} member schools fall in band "
                f"{b.band} ({range_text(b)}), which funds up to {fte_text(b.coordinator_fte)} "
                f"FTE Cluster Coordinator and {fte_text(b.admin_fte)} FTE administration "
                f"support")


def fte_text(fte: Decimal) -> str:
    """An FTE with at least one decimal place: 1.0, 0.8, 0.45."""
    text = number_text(fte)
    return text if "." in text else f"{text}.0"


def range_text(band: Band) -> str:
    """'0 to 499 enrolments', or '1,500 or more enrolments' for the top band."""
    if band.max_enrolments is None:
        return f"{band.min_enrolments:,} or more enrolments"
    return f"{band.min_enrolments:,} to {band.max_enrolments:,} enrolments"


def salary_rate(position: Position, override: RateOverride | None,
                reference: ReferenceData) -> tuple[Decimal, str, bool]:
    """Annual salary, where it comes from, and whether that is verified.

    A rate stated in the cluster file (with its source) wins over the reference rate.
    """
    if override is not None:
        return override.value, f"cluster file: {override.source}", True
    rates = reference.salary_rates
    rate = rates["rates"].get(position.classification)
    if rate is None:
        raise LookupError(f"no salary for '{position.classification}' in {SALARIES}.yaml; "
                          f"give funding_application.overrides with the salary and its source")
    verified = bool(rates["verified"]) and bool(rate.get("verified", False))
    return Decimal(str(rate["annual"])), f"{SALARIES}.yaml: {rate['source']}", verified


def on_cost_rate(override: RateOverride | None,
                 reference: ReferenceData) -> tuple[Decimal, str, bool]:
    """The on-cost rate (superannuation, WorkCover, leave loading, payroll tax) and its source."""
    if override is not None:
        return override.value, f"cluster file: {override.source}", True
    rates = reference.salary_rates
    return (Decimal(str(rates["on_cost_rate"])), f"{SALARIES}.yaml: {rates['on_cost_source']}",
            bool(rates["verified"]))


def salary_lines(staffing: Staffing, position: Position, salary: RateOverride | None,
                 on_cost: RateOverride | None, days: tuple[int, int],
                 bands_verified: bool, reference: ReferenceData) -> list[BudgetLine]:
    """Salary (funded FTE × annual rate, pro rata if the period is cut short) and on-costs."""
    annual, source, verified = salary_rate(position, salary, reference)
    fte = staffing.funded_fte
    part, full = days
    share = f" × {part}/{full} days" if part < full else ""
    salary_amount = cents(fte * annual * part / full)
    salary_line = BudgetLine(
        f"{staffing.position} salary",
        f"{fte_text(fte)} FTE × {dollars_text(annual)} a year ({position.classification})"
        f"{share} = {dollars_text(salary_amount)}",
        source, salary_amount, not (verified and bands_verified))
    rate, rate_source, rate_verified = on_cost_rate(on_cost, reference)
    on_cost_amount = cents(salary_amount * rate)
    on_cost_line = BudgetLine(
        f"{staffing.position} on-costs",
        f"{number_text(rate * 100)}% × {dollars_text(salary_amount)} = "
        f"{dollars_text(on_cost_amount)}",
        rate_source, on_cost_amount, salary_line.indicative or not rate_verified)
    return [salary_line, on_cost_line]


def miscellaneous_line(reference: ReferenceData) -> BudgetLine:
    policy = reference.policy["transition_funding"]
    amount = cents(Decimal(str(policy["miscellaneous_administration"])))
    return BudgetLine("Miscellaneous administration",
                      f"fixed amount for the cluster to direct (e.g. "
                      f"{policy['miscellaneous_example']}) = {dollars_text(amount)}",
                      "VET Cluster Framework Guide, \"Funding rationale\" (seed 000)",
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


def to_confirm(cluster: Cluster, band: Band, bands_verified: bool, capped: bool,
               reference: ReferenceData) -> tuple[str, ...]:
    """What the cluster must confirm with its JSPM before relying on the figures."""
    notes = []
    if not bands_verified:
        notes.append("the band thresholds and the FTE each band funds (funding_bands.yaml "
                     "holds illustrative values)")
    overrides = cluster.funding.overrides
    for staff, position, key in positions(cluster, band):
        annual, source, verified = salary_rate(position, getattr(overrides, key), reference)
        if not verified:
            notes.append(f"the salary for the {staff.position} position, "
                         f"{dollars_text(annual)} a year ({source})")
    rate, source, verified = on_cost_rate(overrides.on_cost_rate, reference)
    if not verified:
        notes.append(f"the on-cost rate of {number_text(rate * 100)}% ({source})")
    if capped:
        notes.append("whether salaries are paid pro rata when the program end cuts the "
                     "12-month period short")
    notes.append("the exact level of transition funding, settled through the implementation "
                 "plan")
    return tuple(notes)


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
        to_confirm(cluster, band, bands_verified, end < full_end, reference))


def as_dict(funding: TransitionFunding) -> dict[str, Any]:
    """The JSON shape of `docgen funding --format json` (the transition funding part)."""
    b = funding.band
    return {
        "total_vdss_enrolments": funding.total_enrolments,
        "data_year": funding.data_year,
        "enrolment_source": funding.enrolment_source,
        "band": b.band,
        "band_basis": {"min_enrolments": b.min_enrolments, "max_enrolments": b.max_enrolments,
                       "coordinator_fte": json_number(b.coordinator_fte),
                       "admin_fte": json_number(b.admin_fte),
                       "verified": funding.bands_verified, "reasoning": funding.band_reasoning},
        "staffing": [{"position": s.position, "classification": s.classification,
                      "requested_fte": json_number(s.requested_fte),
                      "funded_fte": json_number(s.funded_fte)} for s in funding.staffing],
        "lines": [{"item": line.item, "working": line.working, "source": line.source,
                   "amount": json_number(line.amount), "indicative": line.indicative}
                  for line in funding.lines],
        "total": json_number(funding.total),
        "period": {"start": funding.period_start.isoformat(),
                   "end": funding.period_end.isoformat(),
                   "capped_at_program_end": funding.capped_at_program_end,
                   "program_end": funding.program_end.isoformat()},
        "verified": not funding.indicative,
        "to_confirm": list(funding.to_confirm),
    }
