"""The policy facts a cluster file is checked against and its funding worked from.

Pure look-ups in reference data (given as a value): the transition funding band
that holds a number of enrolments, the funding period that follows an approval, and
the names of the targeted VET funding bands. `rules.py` checks a cluster file
against them; `funding/` works the figures from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from docgen.refdata import BANDS, ReferenceData


@dataclass(frozen=True, slots=True)
class Band:
    """A transition funding band: its enrolment range and the FTE it funds at most."""

    band: str
    min_enrolments: int
    max_enrolments: int | None
    coordinator_fte: Decimal
    admin_fte: Decimal


def bands(reference: ReferenceData) -> tuple[Band, ...]:
    """Every transition funding band, from `funding_bands.yaml`."""
    return tuple(Band(str(row["band"]), int(row["min_enrolments"]),
                      None if row.get("max_enrolments") is None else int(row["max_enrolments"]),
                      Decimal(str(row["coordinator_fte"])), Decimal(str(row["admin_fte"])))
                 for row in reference.funding_bands["bands"])


def band_for(total_enrolments: int, reference: ReferenceData) -> Band:
    """The band whose enrolment range holds `total_enrolments`; LookupError if none does."""
    for band in bands(reference):
        high = band.max_enrolments
        if band.min_enrolments <= total_enrolments and (high is None or total_enrolments <= high):
            return band
    raise LookupError(f"no band in {BANDS}.yaml covers {total_enrolments:,} enrolments")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (clamped to the end of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(days=day.day - 1),
               next_month - dt.timedelta(days=1))


def funding_period(approval: dt.date,
                   reference: ReferenceData) -> tuple[dt.date, dt.date, dt.date]:
    """Start, last funded day, and the last day of a full period (before the program cap).

    Funding runs for the full 12 months following approval (approval in July 2024 funds
    the cluster through to July 2025), and not past the program end (31 December 2026).
    """
    policy = reference.policy["transition_funding"]
    full_end = add_months(approval, policy["period_months"]) - dt.timedelta(days=1)
    return approval, min(full_end, policy["program_end"]), full_end


def targeted_band_names(reference: ReferenceData) -> list[str]:
    """The targeted VET funding bands of SRP Reference 56, in the source's order."""
    return [row["band"] for row in reference.srp["targeted"]["bands"]]
