"""VDSS funding context per member school: SRP Reference 56 (2019), in exact Decimal.

Government schools fund VET from the core SRP (a share per FTE certificate) plus
targeted VET funding (band weighting × base rate, pro rata below the full hours),
a rural loading where the location index is at least 0.2, and a TAFE supplement
where a Skills First rate is configured. Rates are reference data
(`docgen/data/srp_vet_2019.yaml`); the core SRP chain rounds to the dollar at each
step, as the source does. All of it is historical context, always "indicative".
Each step keeps the figures of its working; `documents/working.py` words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docgen.cluster.model import School, VetCertificate
from docgen.cluster.policy import targeted_band_names
from docgen.funding.money import ZERO, cents, whole_dollars
from docgen.refdata import SRP, ReferenceData


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a worked chain: which step (`STEPS`), the figures it works from, the amount.

    The figures, by step: gross (gross); net (gross, net proportion); delivery (net,
    delivery proportion); per_subject (delivery, subjects); targeted (band rate); core
    (core SRP, subjects); rural (location index, rural rate); tafe (Skills First rate,
    core SRP per FTE, band rate, and the rural loading factor where it applies).
    """

    kind: str
    amount: Decimal
    figures: tuple[Decimal, ...]


STEPS = ("gross", "net", "delivery", "per_subject", "targeted", "core", "rural", "tafe")


@dataclass(frozen=True, slots=True)
class BandRate:
    """A targeted VET funding band: weighting × base rate = rate per FTE certificate."""

    band: str
    weighting: Decimal
    rate: Decimal
    full_time_hours: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CertificateFunding:
    """One certificate line of a school's context, with its working per component."""

    certificate: VetCertificate
    band: BandRate
    fte: Decimal
    components: tuple[Step, ...]
    indicative_rates: bool  # rests on a figure marked verified: false (rural rate, TAFE)

    @property
    def total(self) -> Decimal:
        """The certificate line's amount: its components added."""
        return sum((step.amount for step in self.components), ZERO)


@dataclass(frozen=True, slots=True)
class SchoolFunding:
    """A member school's VDSS funding context (government schools only receive SRP)."""

    school: School
    eligible: bool
    rural: bool
    certificates: tuple[CertificateFunding, ...]

    @property
    def total(self) -> Decimal:
        """The school's funding context: its certificate lines added."""
        return sum((line.total for line in self.certificates), ZERO)


def core_srp_steps(reference: ReferenceData, subjects: int | None = None) -> tuple[Step, ...]:
    """Gross SRP → net → share for program delivery → per subject (Reference 56's chain)."""
    core = reference.srp["core_srp"]
    subjects = subjects or core["default_subjects"]
    gross = Decimal(core["gross_per_student"])
    net_rate, delivery_rate = Decimal(core["net_proportion"]), Decimal(core["delivery_proportion"])
    net = whole_dollars(gross * net_rate)
    delivery = whole_dollars(net * delivery_rate)
    per_subject = whole_dollars(delivery / subjects)
    return (
        Step("gross", gross, (gross,)),
        Step("net", net, (gross, net_rate)),
        Step("delivery", delivery, (net, delivery_rate)),
        Step("per_subject", per_subject, (delivery, Decimal(subjects))),
    )


def core_srp_per_certificate(reference: ReferenceData, subjects: int | None = None) -> Decimal:
    """$1,225 (VET one of five subjects) or $1,021 (one of six)."""
    return core_srp_steps(reference, subjects)[-1].amount


def band_rates(reference: ReferenceData) -> tuple[BandRate, ...]:
    """Every targeted funding band, in the source's order, with its rate to the cent."""
    targeted = reference.srp["targeted"]
    base = Decimal(targeted["base_rate"])
    return tuple(
        BandRate(row["band"], Decimal(row["weighting"]), cents(Decimal(row["weighting"]) * base),
                 int(row.get("full_time_hours", targeted["full_time_hours"])), row.get("note"))
        for row in targeted["bands"])


def band_rate(band: str, reference: ReferenceData) -> BandRate:
    """The band called `band` (e.g. '5a'); KeyError for an unknown band."""
    for rate in band_rates(reference):
        if rate.band == band:
            return rate
    raise KeyError(f"unknown targeted VET funding band '{band}' (known: "
                   f"{', '.join(targeted_band_names(reference))}; {SRP}.yaml)")


def fte(hours: Decimal, full_time_hours: int) -> Decimal:
    """Full-time equivalent of one enrolment: hours over the full hours, at most 1."""
    return min(Decimal(hours), Decimal(full_time_hours)) / full_time_hours


def targeted_per_enrolment(band: str, hours: Decimal, reference: ReferenceData) -> Decimal:
    """Targeted funding for one enrolment of `hours`: the band rate, pro rata below full."""
    rate = band_rate(band, reference)
    return cents(rate.rate * min(Decimal(hours), Decimal(rate.full_time_hours))
                 / rate.full_time_hours)


def rural_rate(reference: ReferenceData) -> Decimal:
    """The rural rate per FTE × location index (illustrative: Reference 56 gives none)."""
    return Decimal(reference.srp["rural"]["rate"])


def rural_applies(school: School, reference: ReferenceData) -> bool:
    """Whether the school's location index earns the rural loading."""
    threshold = Decimal(reference.srp["rural"]["location_index_threshold"])
    return school.location_index >= threshold


def tafe_supplement_per_fte(band: BandRate, skills_first_rate: Decimal, rural: bool,
                            reference: ReferenceData) -> Decimal:
    """The gap between the Skills First rate and $1,225 + the band rate (never below 0)."""
    data = reference.srp["tafe_supplement"]
    gap = max(ZERO, skills_first_rate - Decimal(data["core_srp_per_fte"]) - band.rate)
    return gap * (1 + Decimal(data["rural_loading"])) if rural else gap


def certificate_funding(school: School, certificate: VetCertificate,
                        reference: ReferenceData) -> CertificateFunding:
    """Targeted + core SRP (+ rural loading, + TAFE supplement) for one certificate line."""
    band = band_rate(certificate.band, reference)
    total_fte = certificate.enrolments * fte(certificate.hours, band.full_time_hours)
    subjects = certificate.subjects or reference.srp["core_srp"]["default_subjects"]
    core = core_srp_per_certificate(reference, subjects)
    steps = [Step("targeted", cents(total_fte * band.rate), (band.rate,)),
             Step("core", cents(total_fte * core), (core, Decimal(subjects)))]
    rural = rural_applies(school, reference)
    if rural:
        rate = rural_rate(reference)
        steps.append(Step("rural", cents(total_fte * school.location_index * rate),
                          (school.location_index, rate)))
    if certificate.skills_first_rate is not None:
        data = reference.srp["tafe_supplement"]
        per_fte = tafe_supplement_per_fte(band, certificate.skills_first_rate, rural, reference)
        loading = (1 + Decimal(data["rural_loading"]),) if rural else ()
        steps.append(Step("tafe", cents(total_fte * per_fte),
                          (certificate.skills_first_rate, Decimal(data["core_srp_per_fte"]),
                           band.rate, *loading)))
    unverified = rural or certificate.skills_first_rate is not None
    return CertificateFunding(certificate, band, total_fte, tuple(steps), unverified)


def school_funding(school: School, reference: ReferenceData) -> SchoolFunding:
    """A school's context: only government schools receive the SRP and targeted funding."""
    eligible = school.sector == "government"
    lines = tuple(certificate_funding(school, c, reference) for c in school.vet_certificates) \
        if eligible else ()
    return SchoolFunding(school, eligible, rural_applies(school, reference), lines)


def band_table(reference: ReferenceData) -> tuple[tuple[BandRate, Decimal, Decimal], ...]:
    """Reference 56's table: each band's rate, core SRP ($1,225) and their sum."""
    core = core_srp_per_certificate(reference)
    return tuple((rate, core, rate.rate + core) for rate in band_rates(reference))
