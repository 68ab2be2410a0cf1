"""The funding figures' working in words: quantity × rate = amount, and how the band was reached.

`funding/` keeps the figures each line, step and share was worked from; this module
words them (with `wording.py`'s money and quantities), the same for the funding
application, `docgen funding` and its JSON.
"""

from __future__ import annotations

from docgen.cluster.policy import Band
from docgen.documents.wording import dollars, fte, number
from docgen.funding.contributions import Basis
from docgen.funding.money import ZERO
from docgen.funding.srp import CertificateFunding, Step
from docgen.funding.transition import (
    BudgetLine,
    FixedWorking,
    OnCostWorking,
    SalaryWorking,
    TransitionFunding,
    Unconfirmed,
)
from docgen.refdata import BANDS

CHAIN_LABELS = {
    "gross": "Indicative gross SRP (Years 11 and 12)",
    "net": "Indicative net SRP",
    "delivery": "Proportion for program delivery",
    "per_subject": "Core SRP per FTE VET certificate",
    "rural": "Rural loading",
    "tafe": "TAFE supplement",
}


def budget_working(line: BudgetLine) -> str:
    """'0.8 FTE × $98,000 a year (ES 1-4-1) × 170/365 days = $36,515.07' and the like."""
    working = line.working
    if isinstance(working, SalaryWorking):
        part, full = working.days
        share = f" × {part}/{full} days" if part < full else ""
        return (f"{fte(working.fte)} FTE × {dollars(working.annual)} a year "
                f"({working.classification}){share} = {dollars(line.amount)}")
    if isinstance(working, OnCostWorking):
        return (f"{number(working.rate * 100)}% × {dollars(working.salary)} = "
                f"{dollars(line.amount)}")
    assert isinstance(working, FixedWorking)
    return (f"fixed amount for the cluster to direct (e.g. {working.example}) = "
            f"{dollars(line.amount)}")


def band_range(band: Band) -> str:
    """'0 to 499 enrolments', or '1,500 or more enrolments' for the top band."""
    if band.max_enrolments is None:
        return f"{band.min_enrolments:,} or more enrolments"
    return f"{band.min_enrolments:,} to {band.max_enrolments:,} enrolments"


def band_reasoning(figures: TransitionFunding) -> str:
    """How the band was reached, in one sentence."""
    b = figures.band
    funds = "funds" if figures.bands_verified else "by the cluster's estimate funds"
    return (f"{figures.total_enrolments:,} VDSS enrolments ({figures.enrolment_source}, "
            f"{figures.data_year}) over {figures.school_count} member schools fall in band "
            f"{b.band} ({band_range(b)}), which {funds} up to {fte(b.coordinator_fte)} "
            f"FTE Cluster Coordinator and {fte(b.admin_fte)} FTE administration support")


def to_confirm(unconfirmed: Unconfirmed) -> list[str]:
    """What the cluster must confirm with its JSPM before relying on the figures, naming
    the reference data (for `docgen funding`; documents never name a data file)."""
    notes = []
    if unconfirmed.bands:
        notes.append(f"the band thresholds and the FTE each band funds ({BANDS}.yaml holds "
                     "illustrative values)")
    for position, annual, source in unconfirmed.salaries:
        notes.append(f"the salary for the {position} position, {dollars(annual)} a year "
                     f"({source})")
    if unconfirmed.on_cost is not None:
        rate, source = unconfirmed.on_cost
        notes.append(f"the on-cost rate of {number(rate * 100)}% ({source})")
    if unconfirmed.pro_rata:
        notes.append("whether salaries are paid pro rata when the program end cuts the "
                     "12-month period short")
    notes.append("the exact level of transition funding, settled through the implementation "
                 "plan")
    return notes


def chain_step(step: Step) -> tuple[str, str]:
    """A step of Reference 56's core SRP chain: its label and its working."""
    figures = step.figures
    if step.kind == "gross":
        working = dollars(figures[0])
    elif step.kind == "net":
        working = f"{dollars(figures[0])} × {figures[1] * 100:.1f}%"
    elif step.kind == "delivery":
        working = f"{dollars(figures[0])} × {figures[1]:.0%}"
    else:
        working = f"{dollars(figures[0])} ÷ {figures[1]}"
    return CHAIN_LABELS[step.kind], working


def enrolment_hours(line: CertificateFunding) -> str:
    """'18 FTE' when every enrolment is full time, else '10 × 120/180 h' (exact)."""
    certificate, full = line.certificate, line.band.full_time_hours
    if certificate.hours >= full:
        return f"{certificate.enrolments} FTE"
    return f"{certificate.enrolments} × {number(certificate.hours)}/{full} h"


def certificate_step(step: Step, line: CertificateFunding) -> tuple[str, str]:
    """A component of one certificate's SRP funding: its label and its working."""
    quantity, figures = enrolment_hours(line), step.figures
    if step.kind == "targeted":
        return (f"Targeted VET funding, band {line.band.band}",
                f"{quantity} × {dollars(figures[0])}")
    if step.kind == "core":
        return (f"Core SRP (VET one of {figures[1]} subjects)",
                f"{quantity} × {dollars(figures[0])}")
    if step.kind == "rural":
        return (CHAIN_LABELS["rural"],
                f"{quantity} × location index {figures[0]} × {dollars(figures[1])}")
    skills_first, core, band_rate, *loading = figures
    gap = f"{dollars(skills_first)} − {dollars(core)} − {dollars(band_rate)}"
    extra = f" × {loading[0]:.0%}" if loading else ""
    return CHAIN_LABELS["tafe"], f"{quantity} × ({gap}, at least $0){extra}"


def contribution_basis(basis: Basis) -> str:
    """How one member's contribution was worked out, e.g. '120 × $25 per enrolment'."""
    base, rate, pool = basis.base or ZERO, basis.rate or ZERO, basis.pool or ZERO
    share_of = f"{basis.enrolments} of {basis.total_enrolments} enrolments"
    match basis.kind:
        case "flat_rate":
            return f"flat rate {dollars(base)}"
        case "rate_per_enrolment":
            return f"{basis.enrolments} × {dollars(rate)} per enrolment"
        case "base_and_rate":
            return f"{dollars(base)} + {basis.enrolments} × {dollars(rate)}"
        case "equal_share":
            return f"equal share of {dollars(pool)}"
        case "enrolment_share":
            return f"{share_of} × {dollars(pool)}"
        case "base_and_enrolment_share":
            return f"{dollars(base)} + {share_of} × {dollars(pool)}"
    return "stated contribution"
