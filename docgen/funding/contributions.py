"""Member contributions toward long-term coordination (PAL "Cluster coordination funding").

By default every school pays one rate (`flat_per_school`); where that is markedly
inequitable a cluster may share by enrolments (`per_enrolment`) or combine a base
per school with a per-enrolment part (`hybrid`). The LLEN pays its stated share.

Two ways to state it in the cluster file:
- rates only: each school pays its rate(s); the shared amount is what they add up to;
- `shared_amount`: the yearly amount to share. The schools split what the LLEN does
  not pay, by the model, with a largest-remainder allocation so the shares add up to
  the shared amount to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docgen.cluster.model import Cluster, Contributions
from docgen.funding.money import ZERO, allocate, cents, dollars_text, json_number

MODEL_WORDS = {
    "flat_per_school": "the same amount from each school",
    "per_enrolment": "an amount per VDSS enrolment",
    "hybrid": "a base amount per school plus an amount per VDSS enrolment",
    "none": "no member contributions",
}


@dataclass(frozen=True, slots=True)
class Share:
    """What one contributor pays a year, and how it was worked out."""

    contributor: str
    basis: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class MemberContributions:
    """Each school's share, the LLEN's share, and the amount they share."""

    model: str
    schools: tuple[Share, ...]
    llen: Share | None
    from_rates: bool  # True: the rates set the shares; False: a shared amount was split

    @property
    def school_total(self) -> Decimal:
        return sum((share.amount for share in self.schools), ZERO)

    @property
    def total(self) -> Decimal:
        return self.school_total + (self.llen.amount if self.llen else ZERO)

    @property
    def shares(self) -> tuple[Share, ...]:
        return self.schools + ((self.llen,) if self.llen else ())


def shares_from_rates(terms: Contributions, enrolments: list[int]) -> list[tuple[str, Decimal]]:
    """Each school's basis and amount when the rates alone set them."""
    base = terms.rate_per_school or ZERO
    rate = terms.rate_per_enrolment or ZERO
    out = []
    for count in enrolments:
        per_enrolment = cents(rate * count)
        if terms.model == "flat_per_school":
            out.append((f"flat rate {dollars_text(base)}", cents(base)))
        elif terms.model == "per_enrolment":
            out.append((f"{count} × {dollars_text(rate)} per enrolment", per_enrolment))
        else:
            out.append((f"{dollars_text(base)} + {count} × {dollars_text(rate)}",
                        cents(base) + per_enrolment))
    return out


def split_shared_amount(terms: Contributions, enrolments: list[int],
                        schools_amount: Decimal) -> list[tuple[str, Decimal]]:
    """Each school's basis and share of `schools_amount`, allocated to the cent."""
    total = sum(enrolments)
    if terms.model == "flat_per_school":
        shares = allocate(schools_amount, [Decimal(1)] * len(enrolments))
        return [(f"equal share of {dollars_text(schools_amount)}", s) for s in shares]
    if terms.model == "per_enrolment":
        shares = allocate(schools_amount, [Decimal(n) for n in enrolments])
        return [(f"{n} of {total} enrolments × {dollars_text(schools_amount)}", s)
                for n, s in zip(enrolments, shares, strict=True)]
    base = cents(terms.rate_per_school or ZERO)
    rest = schools_amount - base * len(enrolments)
    if rest < 0:
        raise ValueError(f"the base of {dollars_text(base)} per school is more than the "
                         f"{dollars_text(schools_amount)} the schools share")
    parts = allocate(rest, [Decimal(n) for n in enrolments])
    return [(f"{dollars_text(base)} + {n} of {total} enrolments × {dollars_text(rest)}",
             base + part) for n, part in zip(enrolments, parts, strict=True)]


def member_contributions(cluster: Cluster) -> MemberContributions:
    """The cluster's contributions, school by school, plus the LLEN's share."""
    terms = cluster.mou.contributions
    names = [school.name for school in cluster.member_schools]
    enrolments = [school.vdss_enrolments for school in cluster.member_schools]
    llen_amount = cents(terms.llen_contribution or ZERO)
    llen_name = " and ".join(llen.short_name for llen in cluster.llens) or "The LLEN"
    llen = Share(llen_name, "stated contribution", llen_amount) \
        if terms.llen_contribution is not None else None
    if terms.model == "none":
        return MemberContributions(terms.model, (), llen, True)
    if terms.shared_amount is None:
        rows = shares_from_rates(terms, enrolments)
    else:
        schools_amount = cents(terms.shared_amount) - llen_amount
        if schools_amount < 0:
            raise ValueError(f"the LLEN's {dollars_text(llen_amount)} is more than the shared "
                             f"amount of {dollars_text(terms.shared_amount)}")
        rows = split_shared_amount(terms, enrolments, schools_amount)
    schools = tuple(Share(name, basis, amount)
                    for name, (basis, amount) in zip(names, rows, strict=True))
    return MemberContributions(terms.model, schools, llen, terms.shared_amount is None)


def as_dict(contributions: MemberContributions) -> dict[str, Any]:
    """The contributions part of `docgen funding --format json`."""
    return {
        "model": contributions.model,
        "from_rates": contributions.from_rates,
        "schools": [{"school": s.contributor, "basis": s.basis, "amount": json_number(s.amount)}
                    for s in contributions.schools],
        "llen": None if contributions.llen is None else {
            "name": contributions.llen.contributor,
            "amount": json_number(contributions.llen.amount)},
        "total": json_number(contributions.total),
    }
