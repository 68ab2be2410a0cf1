"""Money as exact `Decimal`: rounding where a policy rounds, and fair shares to the cent.

Amounts are rounded once, explicitly, at the step where the source rounds (to the
cent for budget lines, to the dollar in the SRP chain of Reference 56). Shares of a
total are allocated by the largest-remainder method, so they always add up to it.
Money in words is `documents/wording.py`'s; money in JSON, `report/jsontext.py`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
DOLLAR = Decimal("1")
ZERO = Decimal("0")


def cents(amount: Decimal) -> Decimal:
    """Rounded to the cent, half up (a budget line, a share)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def whole_dollars(amount: Decimal) -> Decimal:
    """Rounded to the dollar, half up (as Reference 56 rounds its core SRP chain)."""
    return amount.quantize(DOLLAR, rounding=ROUND_HALF_UP)


def allocate(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`amount` (to the cent) split in proportion to `weights`; the shares add up to it.

    Largest remainder: every share gets the whole cents of its exact quota, and the
    cents left over go one each to the largest fractional parts (ties to the earlier
    entry, so the result is deterministic). All-zero weights split equally.
    """
    if amount < 0:
        raise ValueError(f"cannot share a negative amount ({amount})")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    if not weights:
        return []
    total_cents = int(cents(amount) / CENT)
    exact = [Fraction(weight) for weight in weights]
    if sum(exact) == 0:
        exact = [Fraction(1)] * len(exact)
    total_weight = sum(exact)
    quotas = [total_cents * weight / total_weight for weight in exact]
    floors = [quota.numerator // quota.denominator for quota in quotas]
    left_over = total_cents - sum(floors)  # fewer than len(weights), as each floor < 1 short
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in by_remainder[:left_over]:
        floors[i] += 1
    return [Decimal(share) * CENT for share in floors]
