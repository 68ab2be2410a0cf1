"""Template variables of the funding application: every figure as text, with its basis.

A figure resting on unverified reference data carries `indicative: true` (and the
text "(indicative)" where the template shows it), so no document states an
unconfirmed figure as fact. The working is `working.py`'s, the words `wording.py`'s.
"""

from __future__ import annotations

from decimal import Decimal

from docgen.cluster.model import Cluster, Position, employing_llen
from docgen.documents.context.common import Context
from docgen.documents.wording import (
    BLANK,
    INDICATIVE,
    MODEL_WORDS,
    dollars,
    dollars_and_cents,
    fte,
    long_date,
    nobreak_code,
    number,
)
from docgen.documents.working import (
    band_range,
    band_reasoning,
    budget_working,
    certificate_step,
    chain_step,
    contribution_basis,
)
from docgen.funding import srp
from docgen.funding.contributions import MemberContributions, member_contributions
from docgen.funding.transition import Staffing, TransitionFunding
from docgen.refdata import ReferenceData


def funding_application(cluster: Cluster, figures: TransitionFunding,
                        reference: ReferenceData) -> Context:
    """The `funding` variables: dates, endorsements, and every figure with its basis."""
    f = cluster.funding
    policy = reference.policy["transition_funding"]
    employer = employing_llen(cluster)
    return {
        "approval_date": long_date(f.approval_date),
        "submission_date": long_date(f.submission_date),
        "mou_signed": long_date(f.mou_signed), "tor_adopted": long_date(f.tor_adopted),
        "long_term_funding": " ".join(f.long_term_funding.split()),
        "endorsements": [{"name": e.name, "role": e.role, "organisation": e.organisation}
                         for e in f.endorsements],
        # band, staffing, budget, contributions, SRP:
        **funding_figures(cluster, figures, reference),
        "period_start": long_date(figures.period_start),
        "period_end": long_date(figures.period_end),
        "capped_at_program_end": figures.capped_at_program_end,
        "program_end": long_date(policy["program_end"]),
        "paid_to": employer.short_name if employer else "the LLEN",
        "miscellaneous_administration": dollars(Decimal(policy["miscellaneous_administration"])),
    }


def funded_fte_words(staff: Staffing, band: str, indicative: bool) -> str:
    """'0.8', or '0.8 (band B limit, cluster's estimate)' where the band caps the request."""
    if not staff.capped:
        return fte(staff.funded_fte)
    estimate = ", cluster's estimate" if indicative else ""
    return f"{fte(staff.funded_fte)} (band {band} limit{estimate})"


def position_words(position: Position, classification_words: str) -> Context:
    """A staffing row's classification, employer and whether the position is filled."""
    return {"classification_words": nobreak_code(classification_words),
            "employer_text": position.employer or BLANK,
            "status": "To be recruited" if position.vacant else f"Filled ({position.name})"}


def staffed_positions(cluster: Cluster, reference: ReferenceData) -> list[Context]:
    """The words for each funded position, in the order `figures.staffing` lists them."""
    classes = reference.policy["classifications"]
    out = [position_words(cluster.coordinator, classes["coordinator"]["words"])]
    if cluster.admin_support is not None:
        out.append(position_words(cluster.admin_support, classes["admin_support"]["words"]))
    return out


def staffing(cluster: Cluster, figures: TransitionFunding,
             reference: ReferenceData) -> list[Context]:
    """The funded positions: FTE requested and funded, and who fills each."""
    indicative = not figures.bands_verified
    return [{"position": s.position, "classification": nobreak_code(s.classification),
             "requested_fte": fte(s.requested_fte), "funded_fte": fte(s.funded_fte),
             "funded_fte_words": funded_fte_words(s, figures.band.band, indicative),
             "band_fte": fte(s.band_fte), "capped": s.capped, **words}
            for s, words in zip(figures.staffing, staffed_positions(cluster, reference),
                                strict=True)]


def budget(cluster: Cluster, figures: TransitionFunding, reference: ReferenceData) -> Context:
    """The band and how it was reached, the staffing, the budget lines and the total."""
    lines = [{"item": line.item, "working": nobreak_code(budget_working(line)),
              "source": line.source,
              "amount": dollars_and_cents(line.amount, line.indicative),
              "indicative": line.indicative}
             for line in figures.lines]
    band = figures.band
    return {
        "total_enrolments": f"{figures.total_enrolments:,}", "band": band.band,
        "band_range": band_range(band), "band_indicative": not figures.bands_verified,
        "band_text": f"{band.band} ({INDICATIVE})" if not figures.bands_verified else band.band,
        "band_reasoning": band_reasoning(figures),
        "band_coordinator_fte": fte(band.coordinator_fte),
        "band_admin_fte": fte(band.admin_fte),
        "staffing": staffing(cluster, figures, reference),
        "fte_capped": any(s.capped for s in figures.staffing),
        "lines": lines, "total": dollars_and_cents(figures.total, figures.indicative),
        "indicative": figures.indicative,
        "period_days": figures.period_days, "full_period_days": figures.full_period_days,
    }


def contribution_shares(shares: MemberContributions, figures: TransitionFunding) -> Context:
    """Each member's yearly contribution, with its basis, and the total."""
    rows = [{"contributor": s.contributor, "basis": contribution_basis(s.basis),
             "amount": dollars_and_cents(s.amount)} for s in shares.shares]
    return {"model": shares.model, "model_words": MODEL_WORDS[shares.model], "rows": rows,
            "any": bool(rows), "total": dollars_and_cents(shares.total),
            "from_rates": shares.from_rates,
            "budget_total": dollars_and_cents(figures.total, figures.indicative)}


def srp_row(line: srp.CertificateFunding, step: srp.Step, first: bool) -> Context:
    """One component of one certificate line (the certificate named on its first row)."""
    certificate = line.certificate
    label, working = certificate_step(step, line)
    named = (f"{certificate.certificate} (band {certificate.band}, {certificate.enrolments} × "
             f"{number(certificate.hours)} h)")
    return {"certificate": named if first else "", "component": label, "working": working,
            "amount": dollars_and_cents(step.amount)}


def srp_school(entry: srp.SchoolFunding) -> Context:
    """One school's SRP context: a row per component of each certificate, and its total."""
    rows = [srp_row(line, step, n == 0)
            for line in entry.certificates for n, step in enumerate(line.components)]
    return {"name": entry.school.name, "eligible": entry.eligible, "rural": entry.rural,
            "rows": rows, "total": dollars_and_cents(entry.total, True)}


def srp_context(cluster: Cluster, reference: ReferenceData) -> Context:
    """Reference 56's chain and band table, and each school's certificates where listed."""
    data = reference.srp
    schools = [srp.school_funding(s, reference) for s in cluster.member_schools
               if s.vet_certificates]
    return {
        "year": data["year"], "source": " ".join(data["source"].split()),
        "core_chain": [dict(zip(("label", "working"), chain_step(s), strict=True),
                            amount=dollars(s.amount)) for s in srp.core_srp_steps(reference)],
        "core_six": dollars(srp.core_srp_per_certificate(reference, 6)),
        "band_table": [{"band": rate.band, "weighting": f"{rate.weighting:.3f}",
                        "targeted": dollars_and_cents(rate.rate), "core": dollars(core),
                        "total": dollars_and_cents(total), "hours": rate.full_time_hours}
                       for rate, core, total in srp.band_table(reference)],
        "rural_threshold": data["rural"]["location_index_threshold"],
        "rural_rate": dollars(Decimal(data["rural"]["rate"])),
        "rural_rate_indicative": not data["rural"]["verified"],
        "schools": [srp_school(entry) for entry in schools],
    }


def funding_figures(cluster: Cluster, figures: TransitionFunding,
                    reference: ReferenceData) -> Context:
    """Band, staffing, budget, contributions and SRP context, ready to print."""
    return {**budget(cluster, figures, reference),
            "contributions": contribution_shares(member_contributions(cluster), figures),
            "srp": srp_context(cluster, reference)}
