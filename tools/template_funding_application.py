"""VET Cluster Transition Funding application (seed 000; domain brief (a) 4)."""

from __future__ import annotations

from docx.document import Document

from templatekit import (
    add_rows, bullets, details_table, document_control, heading, new_document, para, table, tag,
    title_block,
)


def build() -> Document:
    doc = new_document()
    title_block(doc, "VET Cluster Transition Funding Application", "{{ cluster.name }}")
    document_control(doc)

    heading(doc, "1. Cluster details")
    details_table(doc, [
        ("Cluster", "{{ cluster.name }}"),
        ("Department region", "{{ cluster.region }}"),
        ("Department area", "{{ cluster.area }}"),
        ("Facilitation model", "{{ cluster.facilitation }}"),
        ("LLEN(s)", "{% for l in llens %}{{ l.name }}{% if not loop.last %}; {% endif %}"
                    "{% else %}None{% endfor %}"),
        ("Jobs, Skills and Pathways Manager", "{{ jspm.name }}{% if jspm.email %} "
                                              "({{ jspm.email }}){% endif %}"),
        ("Cluster Coordinator", "{{ coordinator.holder }}"),
    ])

    heading(doc, "2. Member schools and VDSS enrolments")
    para(doc, "The transition funding band is set by the total VDSS enrolments of the member "
              "schools. Enrolments are from {{ cluster.enrolment_source }} for "
              "{{ cluster.enrolment_year }}.")
    table(doc, ["School", "Sector", "School number", "VDSS enrolments"],
          ["{{ s.name }}", "{{ s.sector }}",
           "{% if s.school_number %}{{ s.school_number }}{% else %}Not given{% endif %}",
           "{{ s.enrolments }}"],
          loop="s in schools", widths=[7.5, 3.0, 3.0, 3.5])
    para(doc, "{{ funding.total_enrolments }}", bold_lead="Total VDSS enrolments: ")
    para(doc, "Band {{ funding.band }}{% if funding.band_indicative %} (indicative: the "
              "band thresholds are to be confirmed with the JSPM){% endif %}",
         bold_lead="Funding band: ")

    heading(doc, "3. Cluster status and governance documents")
    details_table(doc, [
        ("Cluster status", "{{ cluster.status }}"),
        ("Memorandum of Understanding", "{% if funding.mou_signed %}Signed "
                                        "{{ funding.mou_signed }}{% else %}Not yet signed"
                                        "{% endif %}"),
        ("Governance Terms of Reference", "{% if funding.tor_adopted %}Adopted "
                                          "{{ funding.tor_adopted }}{% else %}Not yet adopted"
                                          "{% endif %}"),
        ("Cluster Governance Group", "Chaired by {{ governance_group.chair }}; meets "
                                     "{{ governance_group.meeting_frequency|lower }}"),
        ("Cluster Operations Group", "Chaired by {{ operations_group.chair }}; meets "
                                     "{{ operations_group.meeting_frequency|lower }}"),
    ])

    heading(doc, "4. Proposed staffing")
    staffing = table(doc, ["Position", "Classification", "FTE", "Employer", "Status"],
                     ["Cluster Coordinator", "{{ coordinator.classification_words }}",
                      "{{ coordinator.fte }}",
                      "{% if coordinator.employer %}{{ coordinator.employer }}{% else %}"
                      "To be confirmed{% endif %}",
                      "{% if coordinator.vacant %}To be recruited{% else %}Filled "
                      "({{ coordinator.holder }}){% endif %}"],
                     widths=[3.5, 5.5, 1.5, 3.5, 3.0])
    add_rows(staffing, [
        ["{%tr if admin %}"],
        ["Administration support", "{{ admin.classification_words }}", "{{ admin.fte }}",
         "{% if admin.employer %}{{ admin.employer }}{% else %}To be confirmed{% endif %}",
         "{% if admin.vacant %}To be recruited{% else %}Filled ({{ admin.holder }}){% endif %}"],
        ["{%tr endif %}"],
    ])

    heading(doc, "5. Budget")
    para(doc, "Transition funding is paid to the employing LLEN. Salary figures below are "
              "calculated from reference rates; each line shows its working.")
    table(doc, ["Item", "Working", "Amount"],
          ["{{ line.item }}", "{{ line.working }}{% if line.indicative %} (indicative)"
                              "{% endif %}", "{{ line.amount }}"],
          loop="line in funding.lines", widths=[4.5, 9.5, 3.0])
    para(doc, "{{ funding.total }}{% if funding.indicative %} (indicative){% endif %}",
         bold_lead="Total requested: ")
    tag(doc, "{%p if funding.indicative %}")
    para(doc, "Figures marked indicative rest on reference data that the public material "
              "does not give (salary rates, on-costs and band thresholds). The exact level of "
              "funding is settled with the Jobs, Skills and Pathways Manager through the "
              "implementation plan.", bold_lead="Note: ")
    tag(doc, "{%p endif %}")

    heading(doc, "6. Funding period")
    para(doc, "Funding is provided for 12 months from approval. With approval on "
              "{{ funding.approval_date }}, the funding period runs from "
              "{{ funding.period_start }} to {{ funding.period_end }}.")
    tag(doc, "{%p if funding.capped_at_program_end %}")
    para(doc, "The period ends on {{ funding.program_end }}, when establishment funding for "
              "clusters ends.")
    tag(doc, "{%p endif %}")

    heading(doc, "7. Sustainability and long-term funding")
    para(doc, "{{ funding.long_term_funding }}")
    para(doc, "Member contributions: {{ mou.contributions.model }}"
              "{% if mou.contributions.rate_per_school %}, {{ mou.contributions.rate_per_school }}"
              " per school a year{% endif %}{% if mou.contributions.rate_per_enrolment %}, "
              "{{ mou.contributions.rate_per_enrolment }} per VDSS enrolment a year{% endif %}."
              "{% if mou.contributions.llen_contribution %} The LLEN contributes "
              "{{ mou.contributions.llen_contribution }} a year.{% endif %}")
    para(doc, "Schools may draw on these sources for their contributions:")
    bullets(doc, "source in policy.school_funding_sources", "{{ source }}")

    heading(doc, "8. Endorsements")
    tag(doc, "{%p if funding.endorsements %}")
    para(doc, "This application has been developed jointly by the member schools and the LLEN "
              "with the Regional Pathways Workforce, and is endorsed by:")
    tag(doc, "{%p for e in funding.endorsements %}")
    details_table(doc, [
        ("Name", "{{ e.name }}"), ("Role", "{{ e.role }}"),
        ("Organisation", "{{ e.organisation }}"), ("Signature", " "), ("Date", " "),
    ])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "Endorsements are to be added before submission.")
    tag(doc, "{%p endif %}")
    return doc
