"""VET Cluster Transition Funding: pure calculations over the model, in exact Decimal.

Every figure carries its working (quantity × rate = amount, and where the rate
comes from) and whether it rests on unverified reference data ("indicative").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from docgen.model import Cluster, Position, total_vdss_enrolments
from docgen.refdata import reference

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One line of the budget: what it is, how it was worked out, and the amount."""

    item: str
    working: str
    source: str
    amount: Decimal
    indicative: bool


@dataclass(frozen=True, slots=True)
class Band:
    band: str
    min_enrolments: int
    max_enrolments: int | None
    coordinator_fte: Decimal
    admin_fte: Decimal


@dataclass(frozen=True, slots=True)
class TransitionFunding:
    """The application's figures: enrolments → band → budget lines → total; the period."""

    total_enrolments: int
    data_year: int
    band: Band
    lines: tuple[BudgetLine, ...]
    period_start: dt.date
    period_end: dt.date
    capped_at_program_end: bool

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def indicative(self) -> bool:
        return any(line.indicative for line in self.lines) or bands_indicative()


def money(amount: Decimal) -> Decimal:
    """Round to the cent, half up: the one place amounts are rounded."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def bands_indicative() -> bool:
    return not reference("funding_bands")["verified"]


def band_for(total_enrolments: int) -> Band:
    """The funding band whose enrolment range holds `total_enrolments`."""
    for row in reference("funding_bands")["bands"]:
        high = row.get("max_enrolments")
        if row["min_enrolments"] <= total_enrolments and (high is None or total_enrolments <= high):
            return Band(str(row["band"]), row["min_enrolments"], high,
                        Decimal(str(row["coordinator_fte"])), Decimal(str(row["admin_fte"])))
    raise ValueError(f"no funding band covers {total_enrolments} enrolments")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (clamped to the month's end)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def salary_line(item: str, position: Position, band_fte: Decimal) -> BudgetLine:
    """A salary line: annual rate × FTE × (1 + on-cost rate), FTE capped at the band's."""
    rates = reference("salary_rates")
    rate = rates["rates"].get(position.classification) or rates["rates"]["ES 1-4-1"]
    annual, on_cost = Decimal(rate["annual"]), Decimal(rates["on_cost_rate"])
    fte = min(position.fte, band_fte)
    amount = money(annual * fte * (1 + on_cost))
    working = (f"{fte} FTE × ${annual:,} ({position.classification}) "
               f"× (1 + {on_cost * 100:.0f}% on-costs)")
    return BudgetLine(item, working, rate["source"], amount, not rate.get("verified", False))


def transition_funding(cluster: Cluster) -> TransitionFunding:
    """The transition funding application's figures for `cluster`."""
    policy = reference("policy")["transition_funding"]
    total = total_vdss_enrolments(cluster)
    band = band_for(total)
    lines = [salary_line("Cluster Coordinator salary", cluster.coordinator, band.coordinator_fte)]
    if cluster.admin_support is not None:
        lines.append(salary_line("Administration support salary", cluster.admin_support,
                                 band.admin_fte))
    misc = Decimal(policy["miscellaneous_administration"])
    lines.append(BudgetLine("Miscellaneous administration", "fixed amount",
                            "VET Cluster Framework Guide", money(misc), False))
    start = cluster.funding.approval_date
    end = add_months(start, policy["period_months"])
    program_end: dt.date = policy["program_end"]
    return TransitionFunding(total, cluster.enrolment_year, band, tuple(lines), start,
                             min(end, program_end), end > program_end)


def as_dict(funding: TransitionFunding) -> dict[str, Any]:
    """The JSON shape of `docgen funding --format json`."""
    return {
        "total_vdss_enrolments": funding.total_enrolments,
        "data_year": funding.data_year,
        "band": funding.band.band,
        "lines": [{"item": line.item, "working": line.working, "source": line.source,
                   "amount": float(line.amount), "indicative": line.indicative}
                  for line in funding.lines],
        "total": float(funding.total),
        "period": {"start": funding.period_start.isoformat(),
                   "end": funding.period_end.isoformat()},
        "verified": not funding.indicative,
    }
