"""The funding figures as template variables: every amount as text, with its basis.

`context.funding` merges these into `funding`; templates print them as they are.
A figure resting on unverified reference data carries `indicative: true` (and the
text "(indicative)" where the template shows it), so no document states an
unconfirmed figure as fact.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docgen.cluster.model import Cluster, Position
from docgen.funding import srp
from docgen.funding.contributions import MODEL_WORDS, MemberContributions, member_contributions
from docgen.funding.money import dollars_text, number_text
from docgen.funding.transition import Staffing, TransitionFunding, fte_text, range_text
from docgen.refdata import ReferenceData

Context = dict[str, Any]
INDICATIVE = "indicative"


def money(amount: Decimal, indicative: bool = False) -> str:
    """$1,234.50, or "$1,234.50 (indicative)"."""
    text = f"${amount:,.2f}"
    return f"{text} ({INDICATIVE})" if indicative else text


def funded_fte_words(staff: Staffing, band: str, indicative: bool) -> str:
    """'0.8', or '0.8 (band B limit, indicative)' where the band caps the request."""
    if not staff.capped:
        return fte_text(staff.funded_fte)
    return f"{fte_text(staff.funded_fte)} (band {band} limit{', indicative' * indicative})"


def position_words(position: Position, classification_words: str) -> Context:
    """A staffing row's classification, employer and whether the position is filled."""
    return {"classification_words": classification_words,
            "employer_text": position.employer or "To be confirmed",
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
    return [{"position": s.position, "classification": s.classification,
             "requested_fte": fte_text(s.requested_fte), "funded_fte": fte_text(s.funded_fte),
             "funded_fte_words": funded_fte_words(s, figures.band.band, indicative),
             "band_fte": fte_text(s.band_fte), "capped": s.capped, **words}
            for s, words in zip(figures.staffing, staffed_positions(cluster, reference),
                                strict=True)]


def budget(cluster: Cluster, figures: TransitionFunding, reference: ReferenceData) -> Context:
    lines = [{"item": line.item, "working": line.working, "source": line.source,
              "amount": money(line.amount, line.indicative), "indicative": line.indicative}
             for line in figures.lines]
    band = figures.band
    return {
        "total_enrolments": f"{figures.total_enrolments:,}", "band": band.band,
        "band_range": range_text(band), "band_indicative": not figures.bands_verified,
        "band_text": f"{band.band} ({INDICATIVE})" if not figures.bands_verified else band.band,
        "band_reasoning": figures.band_reasoning,
        "band_coordinator_fte": fte_text(band.coordinator_fte),
        "band_admin_fte": fte_text(band.admin_fte),
        "staffing": staffing(cluster, figures, reference),
        "fte_capped": any(s.capped for s in figures.staffing),
        "lines": lines, "total": money(figures.total, figures.indicative),
        "indicative": figures.indicative, "to_confirm": list(figures.to_confirm),
        "period_days": figures.period_days, "full_period_days": figures.full_period_days,
    }


def contributions(shares: MemberContributions, figures: TransitionFunding) -> Context:
    rows = [{"contributor": s.contributor, "basis": s.basis, "amount": money(s.amount)}
            for s in shares.shares]
    return {"model": shares.model, "model_words": MODEL_WORDS[shares.model], "rows": rows,
            "any": bool(rows), "total": money(shares.total),
            "from_rates": shares.from_rates, "budget_total": money(figures.total,
                                                                   figures.indicative)}


def srp_school(entry: srp.SchoolFunding) -> Context:
    rows = [{"certificate": "" if n else f"{line.certificate.certificate} (band "
                                         f"{line.certificate.band}, {line.certificate.enrolments}"
                                         f" × {number_text(line.certificate.hours)} h)",
             "component": step.label, "working": step.working, "amount": money(step.amount)}
            for line in entry.certificates for n, step in enumerate(line.components)]
    return {"name": entry.school.name, "eligible": entry.eligible, "rural": entry.rural,
            "rows": rows, "total": money(entry.total, True)}


def srp_context(cluster: Cluster, reference: ReferenceData) -> Context:
    """Reference 56's chain and band table, and each school's certificates where listed."""
    data = reference.srp
    schools = [srp.school_funding(s, reference) for s in cluster.member_schools
               if s.vet_certificates]
    return {
        "year": data["year"], "source": " ".join(data["source"].split()),
        "core_chain": [{"label": s.label, "working": s.working, "amount": dollars_text(s.amount)}
                       for s in srp.core_srp_steps(reference)],
        "core_six": dollars_text(srp.core_srp_per_certificate(reference, 6)),
        "band_table": [{"band": rate.band, "weighting": f"{rate.weighting:.3f}",
                        "targeted": money(rate.rate), "core": dollars_text(core),
                        "total": money(total), "hours": rate.full_time_hours}
                       for rate, core, total in srp.band_table(reference)],
        "rural_threshold": data["rural"]["location_index_threshold"],
        "rural_rate": dollars_text(Decimal(data["rural"]["rate"])),
        "rural_rate_indicative": not data["rural"]["verified"],
        "schools": [srp_school(entry) for entry in schools],
    }


def funding_figures(cluster: Cluster, figures: TransitionFunding,
                    reference: ReferenceData) -> Context:
    """Band, staffing, budget, contributions and SRP context, ready to print."""
    return {**budget(cluster, figures, reference),
            "contributions": contributions(member_contributions(cluster), figures),
            "srp": srp_context(cluster, reference)}
