"""Member contributions toward long-term coordination (PAL "Cluster coordination funding").

By default every school pays one rate (`flat_per_school`); where that is markedly
inequitable a cluster may share by enrolments (`per_enrolment`) or combine a base
per school with a per-enrolment part (`hybrid`). The LLEN pays its stated share.

Two ways to state it in the cluster file:
- rates only: each school pays its rate(s); the shared amount is what they add up to;
- `shared_amount`: the yearly amount to share. The schools split what the LLEN does
  not pay, by the model, with a largest-remainder allocation so the shares add up to
  the shared amount to the cent.

Each share keeps the figures it was worked from (`Basis`); `documents/working.py`
words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docgen.cluster.model import Cluster, Contributions
from docgen.funding.money import ZERO, allocate, cents


@dataclass(frozen=True, slots=True)
class Basis:
    """How a share was worked out: its `kind` (`BASES`) and the figures it used."""

    kind: str
    base: Decimal | None = None  # the rate per school
    rate: Decimal | None = None  # the rate per enrolment
    enrolments: int | None = None  # the school's VDSS enrolments
    total_enrolments: int | None = None  # every member school's, for a share by enrolments
    pool: Decimal | None = None  # the amount shared (by enrolments, for hybrid)


BASES = ("flat_rate", "rate_per_enrolment", "base_and_rate", "equal_share", "enrolment_share",
         "base_and_enrolment_share", "stated")


@dataclass(frozen=True, slots=True)
class Share:
    """What one contributor pays a year, and how it was worked out."""

    contributor: str
    basis: Basis
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
        """What the member schools pay together a year."""
        return sum((share.amount for share in self.schools), ZERO)

    @property
    def total(self) -> Decimal:
        """What the schools and the LLEN pay together a year."""
        return self.school_total + (self.llen.amount if self.llen else ZERO)

    @property
    def shares(self) -> tuple[Share, ...]:
        """Every share: the schools', then the LLEN's."""
        return self.schools + ((self.llen,) if self.llen else ())


def shares_from_rates(terms: Contributions, enrolments: list[int]) -> list[tuple[Basis, Decimal]]:
    """Each school's basis and amount when the rates alone set them."""
    base = terms.rate_per_school or ZERO
    rate = terms.rate_per_enrolment or ZERO
    out = []
    for count in enrolments:
        per_enrolment = cents(rate * count)
        if terms.model == "flat_per_school":
            out.append((Basis("flat_rate", base=base), cents(base)))
        elif terms.model == "per_enrolment":
            out.append((Basis("rate_per_enrolment", rate=rate, enrolments=count), per_enrolment))
        else:
            out.append((Basis("base_and_rate", base=base, rate=rate, enrolments=count),
                        cents(base) + per_enrolment))
    return out


def split_shared_amount(terms: Contributions, enrolments: list[int],
                        schools_amount: Decimal) -> list[tuple[Basis, Decimal]]:
    """Each school's basis and share of `schools_amount`, allocated to the cent."""
    total = sum(enrolments)
    if terms.model == "flat_per_school":
        shares = allocate(schools_amount, [Decimal(1)] * len(enrolments))
        return [(Basis("equal_share", pool=schools_amount), s) for s in shares]
    if terms.model == "per_enrolment":
        shares = allocate(schools_amount, [Decimal(n) for n in enrolments])
        return [(Basis("enrolment_share", enrolments=n, total_enrolments=total,
                       pool=schools_amount), s)
                for n, s in zip(enrolments, shares, strict=True)]
    base = cents(terms.rate_per_school or ZERO)
    rest = schools_amount - base * len(enrolments)
    if rest < 0:
        raise ValueError(f"the base of {base} per school is more than the {schools_amount} "
                         "the schools share")
    parts = allocate(rest, [Decimal(n) for n in enrolments])
    return [(Basis("base_and_enrolment_share", base=base, enrolments=n, total_enrolments=total,
                   pool=rest), base + part)
            for n, part in zip(enrolments, parts, strict=True)]


def member_contributions(cluster: Cluster) -> MemberContributions:
    """The cluster's contributions, school by school, plus the LLEN's share."""
    terms = cluster.mou.contributions
    names = [school.name for school in cluster.member_schools]
    enrolments = [school.vdss_enrolments for school in cluster.member_schools]
    llen_amount = cents(terms.llen_contribution or ZERO)
    llen_name = " and ".join(llen.short_name for llen in cluster.llens) or "The LLEN"
    llen = Share(llen_name, Basis("stated"), llen_amount) \
        if terms.llen_contribution is not None else None
    if terms.model == "none":
        return MemberContributions(terms.model, (), llen, True)
    if terms.shared_amount is None:
        rows = shares_from_rates(terms, enrolments)
    else:
        schools_amount = cents(terms.shared_amount) - llen_amount
        if schools_amount < 0:
            raise ValueError(f"the LLEN's {llen_amount} is more than the shared amount of "
                             f"{terms.shared_amount}")
        rows = split_shared_amount(terms, enrolments, schools_amount)
    schools = tuple(Share(name, basis, amount)
                    for name, (basis, amount) in zip(names, rows, strict=True))
    return MemberContributions(terms.model, schools, llen, terms.shared_amount is None)
