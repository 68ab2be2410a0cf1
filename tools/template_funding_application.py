"""VET Cluster Transition Funding application (seed 000; domain brief (a) 4 and (b.5)).

Every figure comes from `docgen/funding*.py` with its basis: how the band was reached,
each budget line as quantity × rate = amount with the rate's source, and "(indicative)"
beside any figure that rests on unverified reference data. What the cluster must
still confirm is not the application's business: `docgen check` warns of it and
`docgen build` lists it in the review checklist beside the documents.
"""

from __future__ import annotations

from docx.document import Document
from docx.table import Table
from templatekit import (
    add_rows,
    bullets,
    details_table,
    document_control,
    heading,
    keep_rows_whole,
    lead_in,
    new_document,
    para,
    right_align,
    signature_block,
    table,
    tag,
    title_block,
)


def money_table(grid: Table, *amount_columns: int, total: bool = False) -> None:
    """Amount columns right-aligned, rows kept whole, a total row in bold."""
    right_align(grid, *amount_columns)
    keep_rows_whole(grid)
    if total:
        bold_last_row(grid)


def bold_last_row(grid: Table) -> None:
    """The total row stands out."""
    for cell in grid.rows[-1].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def cluster_details(doc: Document) -> None:
    heading(doc, "1. Cluster details")
    details_table(doc, [
        ("Cluster", "{{ cluster.name }}"),
        ("Department region", "{{ cluster.region }}"),
        ("Department area", "{{ cluster.area }}"),
        ("Facilitation model", "{{ cluster.facilitation }}"),
        ("LLEN(s)", "{{ llen_words.names_listed }}"),
        ("Jobs, Skills and Pathways Manager", "{{ jspm.name }}{% if jspm.email %} "
                                              "({{ jspm.email }}){% endif %}"),
        ("Department's VDSS team", "{{ policy.vdss_team }}"),
        ("Cluster Coordinator", "{{ coordinator.holder }}"),
    ])


def enrolments_and_band(doc: Document) -> None:
    heading(doc, "2. Member schools, VDSS enrolments and funding band")
    lead_in(para(doc, "The transition funding band is set by the total VDSS enrolments of the "
                      "member schools. Enrolments are from {{ cluster.enrolment_source }} for "
                      "{{ cluster.enrolment_year }}."))
    grid = table(doc, ["School", "Sector", "School number", "VDSS enrolments"],
                 ["{{ s.name }}", "{{ s.sector }}",
                  "{{ s.number_text }}",
                  "{{ s.enrolments }}"],
                 loop="s in schools", widths=[7.5, 3.0, 3.0, 3.5])
    add_rows(grid, [["Total", "", "", "{{ funding.total_enrolments }}"]])
    money_table(grid, 3, total=True)
    para(doc, "Band {{ funding.band_text }}. {{ funding.band_reasoning }}.",
         bold_lead="Funding band: ")
    tag(doc, "{%p if funding.band_indicative %}")
    para(doc, "The department sets out the funding bands in its VET Cluster Framework Policy "
              "and VET Cluster Transition Funding Application Process, both available from the "
              "Regional Pathways Workforce (VET Cluster Framework Guide, Department of "
              "Education, 2024). The band thresholds and the FTE for each band used here are "
              "the cluster's estimates, and the figures that rest on them are marked "
              "indicative.")
    tag(doc, "{%p endif %}")


def governance_documents(doc: Document) -> None:
    heading(doc, "3. Cluster status and governance documents")
    details_table(doc, [
        ("Cluster status", "{{ cluster.status }}"),
        ("Memorandum of Understanding", "{% if funding.mou_signed %}Signed "
                                        "{{ funding.mou_signed }}{% else %}Not yet signed"
                                        "{% endif %}"),
        ("Governance Terms of Reference", "{% if funding.tor_adopted %}Adopted "
                                          "{{ funding.tor_adopted }}{% else %}Not yet adopted"
                                          "{% endif %}"),
        ("Cluster Governance Group", "Chaired by {{ governance_group.chair }}. Meetings: "
                                     "{{ governance_group.meeting_frequency }}"),
        ("Cluster Operations Group", "Chaired by {{ operations_group.chair }}. Meetings: "
                                     "{{ operations_group.meeting_frequency }}"),
    ])


def staffing(doc: Document) -> None:
    heading(doc, "4. Proposed staffing")
    lead_in(para(doc, "The cluster has costed each position at the FTE requested, up to the "
                      "FTE it estimates its funding band provides for (section 2)."))
    grid = table(doc, ["Position", "Classification", "Requested FTE", "Funded FTE", "Employer",
                "Status"],
          ["{{ p.position }}",
           "{{ p.classification_words }}", "{{ p.requested_fte }}", "{{ p.funded_fte_words }}",
           "{{ p.employer_text }}", "{{ p.status }}"],
          loop="p in funding.staffing", widths=[2.7, 3.8, 2.4, 2.5, 2.7, 2.9])
    keep_rows_whole(grid)
    tag(doc, "{%p if funding.fte_capped %}")
    para(doc, "Where the FTE requested is more than the cluster estimates band "
              "{{ funding.band }} provides for, the budget in section 5 costs the lower FTE; "
              "the cluster will discuss the difference with the Jobs, Skills and Pathways "
              "Manager as it settles the exact level of funding it requires.", bold_lead="Note: ")
    tag(doc, "{%p endif %}")


def budget(doc: Document) -> None:
    heading(doc, "5. Budget")
    lead_in(para(doc, "Transition funding is paid to the employing LLEN. Each line shows its "
                      "working (quantity × rate = amount) and where the rate comes from."))
    grid = table(doc, ["Item", "Working", "Source of the rate", "Amount"],
                 ["{{ line.item }}", "{{ line.working }}", "{{ line.source }}",
                  "{{ line.amount }}"],
                 loop="line in funding.lines", widths=[3.4, 5.4, 5.0, 3.2])
    add_rows(grid, [["Total requested", "", "", "{{ funding.total }}"]])
    money_table(grid, 3, total=True)
    tag(doc, "{%p if funding.indicative %}")
    para(doc, "Figures marked indicative rest on the cluster's estimates of rates the "
              "published material does not give. The cluster will settle them, and the exact "
              "level of funding, with the Jobs, Skills and Pathways Manager ({{ jspm.name }}).")
    tag(doc, "{%p endif %}")


def period(doc: Document) -> None:
    heading(doc, "6. Funding period")
    tag(doc, "{%p if funding.capped_at_program_end %}")
    para(doc, "Transition funding is provided for 12 months following approval "
              "({{ policy.citations.transition_funding }}), and funding for cluster "
              "establishment runs until {{ funding.program_end }} "
              "({{ policy.citations.program_end }}). With approval on {{ funding.approval_date }}, "
              "the funding period therefore runs from {{ funding.period_start }} to "
              "{{ funding.period_end }}: {{ funding.period_days }} of "
              "{{ funding.full_period_days }} days. Salaries above are costed for those days.")
    tag(doc, "{%p else %}")
    para(doc, "Funding is provided for the full 12 months following approval. With approval "
              "on {{ funding.approval_date }}, the funding period runs from "
              "{{ funding.period_start }} to {{ funding.period_end }}.")
    tag(doc, "{%p endif %}")


def sustainability(doc: Document) -> None:
    heading(doc, "7. Sustainability and long-term funding")
    para(doc, "{{ funding.long_term_funding }}")
    tag(doc, "{%p if funding.contributions.any %}")
    lead_in(para(doc, "Member contributions toward coordination each year "
                      "({{ funding.contributions.model_words }}):"))
    grid = table(doc, ["Contributor", "Basis", "Amount a year"],
                 ["{{ r.contributor }}", "{{ r.basis }}", "{{ r.amount }}"],
                 loop="r in funding.contributions.rows", widths=[6.5, 7.0, 3.5])
    add_rows(grid, [["Total", "", "{{ funding.contributions.total }}"]])
    money_table(grid, 2, total=True)
    para(doc, "For comparison, the transition budget in section 5 is "
              "{{ funding.contributions.budget_total }} for the funding period.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if mou.contributions.notes %}")
    para(doc, "{{ mou.contributions.notes }}")
    tag(doc, "{%p endif %}")
    para(doc, "Schools may draw on these sources for their contributions:")
    bullets(doc, "source in policy.school_funding_sources", "{{ source }}")


def srp_context(doc: Document) -> None:
    heading(doc, "8. VDSS funding context (indicative)")
    para(doc, "For context, government schools fund VET from their Student Resource Package "
              "(SRP). The figures below apply the department's {{ funding.srp.year }} rates "
              "(SRP Reference 56), which are historical and indicative; current rates are set "
              "in SRP Reference 143.")
    heading(doc, "Core SRP per FTE VET certificate", 2)
    grid = table(doc, ["Step", "Working", "Amount"],
                 ["{{ c.label }}", "{{ c.working }}", "{{ c.amount }}"],
                 loop="c in funding.srp.core_chain", widths=[7.0, 6.5, 3.5])
    money_table(grid, 2)
    para(doc, "Where VET is one of six subjects the amount is {{ funding.srp.core_six }}.")
    heading(doc, "Targeted VET funding bands", 2)
    grid = table(doc, ["Band", "Weighting", "Targeted", "Core SRP", "Per FTE certificate"],
                 ["{{ b.band }}", "{{ b.weighting }}", "{{ b.targeted }}", "{{ b.core }}",
                  "{{ b.total }}"],
                 loop="b in funding.srp.band_table", widths=[2.0, 2.6, 3.8, 3.4, 5.2])
    money_table(grid, 1, 2, 3, 4)
    para(doc, "Enrolments under 180 hours (360 hours in band 5a) are funded pro rata. Schools "
              "with a location index of {{ funding.srp.rural_threshold }} or more also receive "
              "a rural loading (FTE × location index × rural rate; the rural rate of "
              "{{ funding.srp.rural_rate }} used here is indicative).")
    tag(doc, "{%p for s in funding.srp.schools %}")
    heading(doc, "{{ s.name }}", 2)
    tag(doc, "{%p if s.eligible %}")
    grid = table(doc, ["Certificate", "Component", "Working", "Amount"],
                 ["{{ r.certificate }}", "{{ r.component }}", "{{ r.working }}",
                  "{{ r.amount }}"],
                 loop="r in s.rows", widths=[4.6, 3.4, 6.0, 3.0])
    add_rows(grid, [["School total", "", "", "{{ s.total }}"]])
    money_table(grid, 3, total=True)
    tag(doc, "{%p else %}")
    para(doc, "Not a government school: the SRP and targeted VET funding do not apply.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def endorsements(doc: Document) -> None:
    heading(doc, "9. Endorsements")
    tag(doc, "{%p if funding.endorsements %}")
    para(doc, "This application has been developed jointly by the member schools and the LLEN "
              "with the Regional Pathways Workforce, and is endorsed by:")
    signature_block(doc, "e in funding.endorsements", "{{ e.name }}", "{{ e.role }}",
                    "{{ e.organisation }}")
    tag(doc, "{%p else %}")
    para(doc, "Endorsements are to be added before submission.")
    tag(doc, "{%p endif %}")


def build() -> Document:
    doc = new_document()
    title_block(doc, "VET Cluster Transition Funding Application", "{{ cluster.name }}")
    document_control(doc)
    for section in (cluster_details, enrolments_and_band, governance_documents, staffing,
                    budget, period, sustainability, srp_context, endorsements):
        section(doc)
    return doc
