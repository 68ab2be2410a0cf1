"""The funding calculation as a person reads it (text with the working) or a tool (JSON).

Pure: a cluster model and the reference data in, lines of text or JSON out; `docgen
funding` prints them. The working is `documents/working.py`'s, the same words the
funding application prints; amounts go into the JSON exactly (`jsontext.py`).
"""

from __future__ import annotations

import textwrap
from typing import Any

from docgen.cluster.model import Cluster, Confirmation
from docgen.cluster.unverified import funding_fact
from docgen.documents.wording import (
    MODEL_WORDS,
    dollars,
    dollars_and_cents,
    fte,
    long_date,
)
from docgen.documents.working import (
    band_reasoning,
    budget_working,
    certificate_step,
    chain_step,
    contribution_basis,
    to_confirm,
)
from docgen.funding import srp
from docgen.funding.contributions import MemberContributions, member_contributions
from docgen.funding.transition import TransitionFunding, transition_funding
from docgen.refdata import BANDS, POLICY, SALARIES, SRP, ReferenceData

MARK = " *"  # beside a figure that rests on unverified reference data
WIDTH = 78


def row(label: str, value: str, mark: bool = False, indent: int = 2) -> str:
    """`label ..... value` across the page (a long label folds), then the indicative mark."""
    room = WIDTH - len(value) - 1 - indent
    folded = textwrap.wrap(label, room, subsequent_indent="  ", break_on_hyphens=False) or [""]
    lines = [" " * indent + part for part in folded]
    lines[-1] = f"{lines[-1]:<{WIDTH - len(value) - 1}} {value}{MARK if mark else ''}"
    return "\n".join(lines)


def wrapped(text: str, indent: int) -> list[str]:
    """`text` folded to the page width, every line indented by `indent`."""
    return textwrap.wrap(text, WIDTH, initial_indent=" " * indent,
                         subsequent_indent=" " * (indent + 2), break_on_hyphens=False)


def band_section(cluster: Cluster, figures: TransitionFunding) -> list[str]:
    """How the band was reached: each school's enrolments, the total, the band and its source."""
    lines = ["How the band was reached"]
    lines += [row(school.name, f"{school.vdss_enrolments:,}") for school in cluster.member_schools]
    lines.append(row(f"Total VDSS enrolments ({figures.enrolment_source}, {figures.data_year})",
                     f"{figures.total_enrolments:,}"))
    verified = "verified" if figures.bands_verified else "illustrative, verified: false"
    lines += wrapped(f"→ {band_reasoning(figures)}.{'' if figures.bands_verified else MARK}", 2)
    lines += wrapped(f"source: {BANDS}.yaml ({verified})", 4)
    return lines


def staffing_section(figures: TransitionFunding) -> list[str]:
    """Each position's requested and funded FTE, noting where the band caps it."""
    lines = ["", "Staffing", f"  {'Position':<28}{'Requested FTE':>15}{'Funded FTE':>13}"]
    for staff in figures.staffing:
        note = (f"   band {figures.band.band} funds at most {fte(staff.band_fte)}"
                if staff.capped else "")
        lines.append(f"  {staff.position:<28}{fte(staff.requested_fte):>15}"
                     f"{fte(staff.funded_fte):>13}{note}")
    return lines


def budget_section(figures: TransitionFunding) -> list[str]:
    """Each budget line with its working and where its rate comes from, then the total."""
    lines = ["", "Budget (quantity × rate = amount; where the rate comes from)"]
    for line in figures.lines:
        lines.append(row(line.item, dollars_and_cents(line.amount), line.indicative))
        lines += wrapped(budget_working(line), 6)
        lines += wrapped(f"rate: {line.source}", 6)
    lines.append(row("Total", dollars_and_cents(figures.total), figures.indicative))
    return lines


def period_section(figures: TransitionFunding) -> list[str]:
    """The funding period: 12 months from approval, or fewer days where the program end cuts it."""
    text = (f"  {long_date(figures.period_start)} to {long_date(figures.period_end)}: "
            f"12 months from approval on {long_date(figures.period_start)}")
    if figures.capped_at_program_end:
        text = (f"  {long_date(figures.period_start)} to {long_date(figures.period_end)}: "
                f"{figures.period_days} of {figures.full_period_days} days, cut short by the "
                f"program end")
    return ["", "Funding period", text,
            f"  (the transition funding program ends {long_date(figures.program_end)})"]


def contributions_section(shares: MemberContributions,
                          figures: TransitionFunding) -> list[str]:
    """Each member's yearly contribution with its basis, the total, and the budget beside it."""
    words = MODEL_WORDS[shares.model]
    lines = ["", f"Member contributions a year ({shares.model}: {words})"]
    for share in shares.shares:
        lines.append(row(f"{share.contributor}: {contribution_basis(share.basis)}",
                         dollars_and_cents(share.amount)))
    lines.append(row("Total", dollars_and_cents(shares.total)))
    lines += wrapped("For comparison, the transition budget above is "
                     f"{dollars_and_cents(figures.total)} for the funding period.", 2)
    return lines


def srp_section(schools: list[srp.SchoolFunding], reference: ReferenceData) -> list[str]:
    """The SRP context: the core chain, then each school's certificates (or why none), by step."""
    data = reference.srp
    lines = ["", f"VDSS funding context: SRP Reference 56, {data['year']} rates (indicative)"]
    lines += [row("{} ({})".format(*chain_step(step)), dollars_and_cents(step.amount), True)
              for step in srp.core_srp_steps(reference)]
    listed = [entry for entry in schools if entry.certificates or
              (entry.school.vet_certificates and not entry.eligible)]
    for entry in listed:
        if not entry.eligible:
            lines.append(f"  {entry.school.name}: not a government school, so no SRP or "
                         f"targeted VET funding")
            continue
        lines.append(f"  {entry.school.name}" + (" (rural loading applies)" if entry.rural
                                                 else ""))
        for line in entry.certificates:
            lines.append(f"    {line.certificate.certificate}")
            lines += [row("{}: {}".format(*certificate_step(step, line)),
                          dollars_and_cents(step.amount), True, 6)
                      for step in line.components]
        lines.append(row("School total", dollars_and_cents(entry.total), True, 4))
    if any(line.indicative_rates for entry in listed for line in entry.certificates):
        lines += wrapped(f"The rural rate ({dollars(srp.rural_rate(reference))}) and the "
                         f"TAFE supplement's rural loading are illustrative ({SRP}.yaml, "
                         f"verified: false).", 2)
    if not listed:
        lines += wrapped("No member school lists vet_certificates; add them to a school to see "
                         "its SRP and targeted VET funding.", 2)
    return lines


def text_report(cluster: Cluster, reference: ReferenceData) -> list[str]:
    """The whole calculation with its working, line by line."""
    figures = transition_funding(cluster, reference)
    lines = [f"VET Cluster Transition Funding: {cluster.name}"]
    if figures.indicative:
        lines.append("INDICATIVE: figures marked * rest on unverified reference data.")
    lines.append("")
    lines += band_section(cluster, figures)
    lines += staffing_section(figures)
    lines += budget_section(figures)
    lines += period_section(figures)
    lines += contributions_section(member_contributions(cluster), figures)
    lines += srp_section([srp.school_funding(school, reference)
                          for school in cluster.member_schools], reference)
    lines += ["", "To confirm with the Jobs, Skills and Pathways Manager:"]
    for note in to_confirm(figures.unconfirmed):
        lines += wrapped(f"- {note}", 2)
    confirmed = funding_confirmations(cluster)
    if confirmed:
        lines += ["", "Confirmed (reference_confirmed in the cluster file):"]
        for confirmation in confirmed:
            by = f" by {confirmation.by}" if confirmation.by else ""
            lines += wrapped(f"- {confirmation.item}: {confirmation.date.isoformat()}{by}", 2)
    return lines


def funding_confirmations(cluster: Cluster) -> list[Confirmation]:
    """The cluster's confirmations of the reference figures its funding rests on."""
    return [c for c in cluster.reference_confirmed if funding_fact(c.item)]


def transition_json(figures: TransitionFunding) -> dict[str, Any]:
    """The transition funding part of `docgen funding --format json`."""
    b = figures.band
    return {
        "total_vdss_enrolments": figures.total_enrolments,
        "data_year": figures.data_year,
        "enrolment_source": figures.enrolment_source,
        "band": b.band,
        "band_basis": {"min_enrolments": b.min_enrolments, "max_enrolments": b.max_enrolments,
                       "coordinator_fte": b.coordinator_fte, "admin_fte": b.admin_fte,
                       "verified": figures.bands_verified, "reasoning": band_reasoning(figures)},
        "staffing": [{"position": s.position, "classification": s.classification,
                      "requested_fte": s.requested_fte, "funded_fte": s.funded_fte}
                     for s in figures.staffing],
        "lines": [{"item": line.item, "working": budget_working(line), "source": line.source,
                   "amount": line.amount, "indicative": line.indicative}
                  for line in figures.lines],
        "total": figures.total,
        "period": {"start": figures.period_start.isoformat(),
                   "end": figures.period_end.isoformat(),
                   "capped_at_program_end": figures.capped_at_program_end,
                   "program_end": figures.program_end.isoformat()},
        "verified": not figures.indicative,
        "to_confirm": to_confirm(figures.unconfirmed),
    }


def contributions_json(shares: MemberContributions) -> dict[str, Any]:
    """The contributions part of `docgen funding --format json`."""
    return {
        "model": shares.model,
        "from_rates": shares.from_rates,
        "schools": [{"school": s.contributor, "basis": contribution_basis(s.basis),
                     "amount": s.amount} for s in shares.schools],
        "llen": None if shares.llen is None else {"name": shares.llen.contributor,
                                                  "amount": shares.llen.amount},
        "total": shares.total,
    }


def srp_json(schools: list[srp.SchoolFunding], reference: ReferenceData) -> dict[str, Any]:
    """The SRP context part of `docgen funding --format json` (always indicative)."""
    data = reference.srp
    return {
        "source": " ".join(data["source"].split()), "year": data["year"], "indicative": True,
        "core_srp": [dict(zip(("item", "working"), chain_step(s), strict=True), amount=s.amount)
                     for s in srp.core_srp_steps(reference)],
        "schools": [{
            "school": entry.school.name, "eligible": entry.eligible, "rural": entry.rural,
            "certificates": [{
                "certificate": line.certificate.certificate, "band": line.certificate.band,
                "enrolments": line.certificate.enrolments, "hours": line.certificate.hours,
                "components": [dict(zip(("item", "working"), certificate_step(s, line),
                                        strict=True), amount=s.amount)
                               for s in line.components],
                "total": line.total} for line in entry.certificates],
            "total": entry.total} for entry in schools],
    }


def json_report(cluster: Cluster, reference: ReferenceData) -> dict[str, Any]:
    """`docgen funding --format json`: the contract's keys, then contributions and SRP
    (amounts as `Decimal`: print it with `jsontext.dumps`)."""
    figures = transition_funding(cluster, reference)
    confirmed = [{"item": c.item, "date": c.date.isoformat(), "by": c.by}
                 for c in funding_confirmations(cluster)]
    return {"cluster": cluster.name, **transition_json(figures), "confirmed": confirmed,
              "contributions": contributions_json(member_contributions(cluster)),
              "srp_context": srp_json([srp.school_funding(s, reference)
                                       for s in cluster.member_schools], reference),
              "reference_data": {name: {"as_of": str(reference[name]["as_of"]),
                                        "verified": bool(reference[name]["verified"])}
                                 for name in (BANDS, SALARIES, POLICY, SRP)}}
