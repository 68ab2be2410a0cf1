"""The funding calculation as a person reads it (text with the working) or a tool (JSON).

Pure: a cluster model in, lines of text or a dict out; `docgen funding` prints them.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import Any

from docgen.cluster.model import Cluster
from docgen.funding import contributions, srp
from docgen.funding import transition as funding
from docgen.funding.money import dollars_text
from docgen.funding.transition import fte_text
from docgen.refdata import BANDS, POLICY, SALARIES, SRP, ReferenceData

MARK = " *"  # beside a figure that rests on unverified reference data
WIDTH = 78


def amount(value: Decimal) -> str:
    """Money aligned in a column: $1,234.50."""
    return f"${value:,.2f}"


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


def long_date(day: Any) -> str:
    return f"{day.day} {day:%B %Y}"


def band_section(cluster: Cluster, figures: funding.TransitionFunding) -> list[str]:
    lines = ["How the band was reached"]
    lines += [row(school.name, f"{school.vdss_enrolments:,}") for school in cluster.member_schools]
    lines.append(row(f"Total VDSS enrolments ({figures.enrolment_source}, {figures.data_year})",
                     f"{figures.total_enrolments:,}"))
    verified = "verified" if figures.bands_verified else "illustrative, verified: false"
    lines += wrapped(f"→ {figures.band_reasoning}.{'' if figures.bands_verified else MARK}", 2)
    lines += wrapped(f"source: {BANDS}.yaml ({verified})", 4)
    return lines


def staffing_section(figures: funding.TransitionFunding) -> list[str]:
    lines = ["", "Staffing", f"  {'Position':<28}{'Requested FTE':>15}{'Funded FTE':>13}"]
    for staff in figures.staffing:
        note = (f"   band {figures.band.band} funds at most {fte_text(staff.band_fte)}"
                if staff.capped else "")
        lines.append(f"  {staff.position:<28}{fte_text(staff.requested_fte):>15}"
                     f"{fte_text(staff.funded_fte):>13}{note}")
    return lines


def budget_section(figures: funding.TransitionFunding) -> list[str]:
    lines = ["", "Budget (quantity × rate = amount; where the rate comes from)"]
    for line in figures.lines:
        lines.append(row(line.item, amount(line.amount), line.indicative))
        lines += wrapped(line.working, 6)
        lines += wrapped(f"rate: {line.source}", 6)
    lines.append(row("Total", amount(figures.total), figures.indicative))
    return lines


def period_section(figures: funding.TransitionFunding) -> list[str]:
    text = (f"  {long_date(figures.period_start)} to {long_date(figures.period_end)}: "
            f"12 months from approval on {long_date(figures.period_start)}")
    if figures.capped_at_program_end:
        text = (f"  {long_date(figures.period_start)} to {long_date(figures.period_end)}: "
                f"{figures.period_days} of {figures.full_period_days} days, cut short by the "
                f"program end")
    return ["", "Funding period", text,
            f"  (the transition funding program ends {long_date(figures.program_end)})"]


def contributions_section(shares: contributions.MemberContributions,
                          figures: funding.TransitionFunding) -> list[str]:
    words = contributions.MODEL_WORDS[shares.model]
    lines = ["", f"Member contributions a year ({shares.model}: {words})"]
    for share in shares.shares:
        lines.append(row(f"{share.contributor}: {share.basis}", amount(share.amount)))
    lines.append(row("Total", amount(shares.total)))
    lines += wrapped(f"For comparison, the transition budget above is {amount(figures.total)} "
                     f"for the funding period.", 2)
    return lines


def srp_section(schools: list[srp.SchoolFunding], reference: ReferenceData) -> list[str]:
    data = reference.srp
    lines = ["", f"VDSS funding context: SRP Reference 56, {data['year']} rates (indicative)"]
    lines += [row(f"{step.label} ({step.working})", amount(step.amount), True)
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
            lines += [row(f"{step.label}: {step.working}", amount(step.amount), True, 6)
                      for step in line.components]
        lines.append(row("School total", amount(entry.total), True, 4))
    if any(line.indicative_rates for entry in listed for line in entry.certificates):
        lines += wrapped(f"The rural rate ({dollars_text(srp.rural_rate(reference))}) and the "
                         f"TAFE supplement's rural loading are illustrative ({SRP}.yaml, "
                         f"verified: false).", 2)
    if not listed:
        lines += wrapped("No member school lists vet_certificates; add them to a school to see "
                         "its SRP and targeted VET funding.", 2)
    return lines


def text_report(cluster: Cluster, reference: ReferenceData) -> list[str]:
    """The whole calculation with its working, line by line."""
    figures = funding.transition_funding(cluster, reference)
    lines = [f"VET Cluster Transition Funding: {cluster.name}"]
    if figures.indicative:
        lines.append("INDICATIVE: figures marked * rest on unverified reference data.")
    lines.append("")
    lines += band_section(cluster, figures)
    lines += staffing_section(figures)
    lines += budget_section(figures)
    lines += period_section(figures)
    lines += contributions_section(contributions.member_contributions(cluster), figures)
    lines += srp_section([srp.school_funding(school, reference)
                          for school in cluster.member_schools], reference)
    lines += ["", "To confirm with the Jobs, Skills and Pathways Manager:"]
    for note in figures.to_confirm:
        lines += wrapped(f"- {note}", 2)
    return lines


def json_report(cluster: Cluster, reference: ReferenceData) -> dict[str, Any]:
    """`docgen funding --format json`: the contract's keys, then contributions and SRP."""
    figures = funding.transition_funding(cluster, reference)
    report = {"cluster": cluster.name, **funding.as_dict(figures)}
    report["contributions"] = contributions.as_dict(contributions.member_contributions(cluster))
    report["srp_context"] = srp.as_dict([srp.school_funding(s, reference)
                                         for s in cluster.member_schools], reference)
    report["reference_data"] = {name: {"as_of": str(reference[name]["as_of"]),
                                       "verified": bool(reference[name]["verified"])}
                                for name in (BANDS, SALARIES, POLICY, SRP)}
    return report
