"""Membership change notice (PAL "Membership, roles and responsibilities", seed 001).

Written by `docgen diff OLD NEW --notice FILE.docx`. When a school joins or leaves a
cluster, the clusters concerned must inform the department at
pathways.reform@education.vic.gov.au, and schools and coordinators liaise with the
regional Jobs, Skills and Pathways Manager. The notice says what changed, what follows
for the MoU, the governance membership and the funding band, and whom it goes to; the
chair of the Cluster Governance Group signs it. Its own variables live under `change`
(docgen/notice.py); the rest is the usual context of the new version.
"""

from __future__ import annotations

from docx.document import Document
from templatekit import (
    add_rows,
    bullets,
    details_table,
    fixed_bullets,
    heading,
    keep_together,
    new_document,
    para,
    right_align,
    signature_table,
    table,
    tag,
    title_block,
)

SCHOOL_COLUMNS = ["School", "Sector", "School number", "VDSS enrolments"]
NOTICE_FOOTER = "Notice {{ change.reference }}, {{ change.date }}"
NUMBER = "{{ s.number_text }}"


def addressees(doc: Document) -> None:
    heading(doc, "To")
    tag(doc, "{%p if change.addressees %}")
    table(doc, ["Addressee", "Email", "Why they are told"],
          ["{{ a.who }}", "{% if a.email %}{{ a.email }}{% endif %}", "{{ a.reason }}"],
          loop="a in change.addressees", widths=[5.0, 5.4, 6.6])
    tag(doc, "{%p else %}")
    para(doc, "No school joins or leaves, so the department need not be told. This notice is "
              "for the members' records and for the Jobs, Skills and Pathways Manager, "
              "{{ jspm.name }}.")
    tag(doc, "{%p endif %}")
    para(doc, "Copy to:")
    fixed_bullets(doc, ["The principals of the member schools and of every school named in "
                        "this notice"])
    bullets(doc, "l in llens", "{{ l.executive_officer.name }}, Executive Officer, "
                               "{{ l.short_name }}")
    tag(doc, "{%p if not coordinator.vacant %}")
    fixed_bullets(doc, ["{{ coordinator.holder }}, Cluster Coordinator"])
    tag(doc, "{%p endif %}")


def notice_control(doc: Document) -> None:
    """The notice's own document control: its reference and date, not the cluster
    documents' version and history (section 1 says which version they move to)."""
    heading(doc, "Document control", 2)
    details_table(doc, [
        ("Document", "{{ doc.title }}"),
        ("Cluster", "{{ cluster.name }}"),
        ("Reference", "{{ change.reference }}"),
        ("Date", "{{ change.date }}"),
        ("Prepared by", "{{ doc.prepared_by }}"),
    ])


def summary(doc: Document) -> None:
    heading(doc, "1. The change")
    details_table(doc, [
        ("Cluster", "{{ cluster.name }}"),
        ("Region and area", "{{ cluster.region }}, {{ cluster.area }}"),
        ("Effective date", "{{ change.effective_date }}"),
        ("Schools joining", "{{ change.joining|length }}"),
        ("Schools leaving", "{{ change.leaving|length }}"),
        ("Schools renamed", "{{ change.renamed|length }}"),
        ("Member schools after the change", "{{ cluster.school_count }}"),
        ("Cluster documents", "{% if change.version_changed %}Version "
                              "{{ change.previous_version }} is replaced by version "
                              "{{ doc.version }}{% else %}Version {{ doc.version }}{% endif %}"),
    ])
    keep_together(doc.tables[-1])


def moving_schools(doc: Document, key: str, title: str, other: str, none: str) -> None:
    """A table of the schools joining (or leaving), or a line saying there are none."""
    heading(doc, title, 2)
    tag(doc, f"{{%p if change.{key} %}}")
    table(doc, [*SCHOOL_COLUMNS, other],
          ["{{ s.name }}", "{{ s.sector }}", NUMBER, "{{ s.enrolments }}",
           "{% if s.other_cluster %}{{ s.other_cluster }}{% endif %}"],
          loop=f"s in change.{key}", widths=[5.2, 2.4, 2.4, 2.6, 4.4])
    right_align(doc.tables[-1], 3)  # enrolments
    tag(doc, "{%p else %}")
    para(doc, none)
    tag(doc, "{%p endif %}")


def schools(doc: Document) -> None:
    heading(doc, "2. Schools joining, leaving and renamed")
    moving_schools(doc, "joining", "Joining the cluster", "Coming from",
                   "No school joins the cluster.")
    moving_schools(doc, "leaving", "Leaving the cluster", "Moving to",
                   "No school leaves the cluster.")
    tag(doc, "{%p if change.renamed %}")
    heading(doc, "Renamed", 2)
    table(doc, ["Former name", "New name", "School number"],
          ["{{ r.before }}", "{{ r.after }}", "{{ r.school_number }}"],
          loop="r in change.renamed", widths=[6.5, 6.5, 4.0])
    tag(doc, "{%p endif %}")


def mou(doc: Document) -> None:
    heading(doc, "3. Memorandum of Understanding")
    tag(doc, "{%p if change.mou_schedule %}")
    para(doc, "The schedule of member schools in the MoU changes as follows:")
    bullets(doc, "line in change.mou_schedule", "{{ line }}")
    tag(doc, "{%p else %}")
    para(doc, "The schedule of member schools in the MoU does not change.")
    tag(doc, "{%p endif %}")
    para(doc, "After the change the member schools are:")
    table(doc, ["School", "Sector", "School number", "Principal"],
          ["{{ s.name }}", "{{ s.sector }}", NUMBER, "{{ s.principal }}"],
          loop="s in schools", widths=[6.0, 2.6, 2.6, 5.8])


def governance(doc: Document) -> None:
    heading(doc, "4. Governance membership")
    tag(doc, "{%p if change.governance %}")
    para(doc, "The Cluster Governance Group and Operations Group change as follows:")
    bullets(doc, "line in change.governance", "{{ line }}")
    tag(doc, "{%p else %}")
    para(doc, "The membership of the Cluster Governance Group and Operations Group does not "
              "change.")
    tag(doc, "{%p endif %}")
    para(doc, "The Cluster Governance Group is chaired by {{ governance_group.chair }} and has "
              "{{ governance_group.member_count }} members after the change.")


def funding(doc: Document) -> None:
    heading(doc, "5. Funding band")
    para(doc, "The transition funding band is set by the total VDSS enrolments of the member "
              "schools ({{ cluster.enrolment_source }}, {{ cluster.enrolment_year }}).")
    table(doc, ["", "Before", "After"],
          ["Total VDSS enrolments", "{{ change.funding.enrolments_before }}",
           "{{ change.funding.enrolments_after }}"], widths=[7.0, 5.0, 5.0])
    add_rows(doc.tables[-1], [
        ["Funding band", "{{ change.funding.band_before }}", "{{ change.funding.band_after }}"],
        ["Transition funding requested", "{{ change.funding.total_before }}",
         "{{ change.funding.total_after }}"],
    ])
    right_align(doc.tables[-1], 1, 2)
    tag(doc, "{%p if change.funding.school_changes %}")
    para(doc, "Enrolment figures of continuing members also changed:")
    bullets(doc, "line in change.funding.school_changes", "{{ line }}")
    tag(doc, "{%p endif %}")
    para(doc, "{% if change.funding.band_changed %}The cluster moves from band "
              "{{ change.funding.band_before }} to band {{ change.funding.band_after }}; the "
              "funding application is revised to match.{% else %}The funding band does not "
              "change.{% endif %}{% if change.funding.indicative %} These figures rest on the "
              "cluster's estimates of the band thresholds and salary rates, as its funding "
              "application shows.{% endif %}")


def follow_up(doc: Document) -> None:
    heading(doc, "6. Notification and documents")
    para(doc, "A school that changes cluster, government or non-government, must be reported "
              "to the department at {{ policy.pathways_reform }}; the schools and the Cluster "
              "Coordinator liaise with the Jobs, Skills and Pathways Manager, {{ jspm.name }}.")
    tag(doc, "{%p if change.addressees %}")
    tag(doc, "{%p if change.dept_notified %}")
    para(doc, "The department was told on these dates:")
    bullets(doc, "line in change.dept_notified", "{{ line }}")
    tag(doc, "{%p else %}")
    para(doc, "Date the department was told: ____________________")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if change.documents %}")
    para(doc, "The following cluster documents are reissued{% if change.version_changed %} as "
              "version {{ doc.version }}{% endif %}:")
    bullets(doc, "title in change.documents", "{{ title }}")
    tag(doc, "{%p endif %}")


def signature(doc: Document) -> None:
    heading(doc, "7. Authorisation")
    para(doc, "Issued for the members of {{ cluster.name }} by the chair of the Cluster "
              "Governance Group.")
    signature_table(doc, "{{ change.chair.name }}", "{{ change.chair.role }}",
                    "{{ change.chair.organisation }}")


def build() -> Document:
    doc = new_document(footer_lead=NOTICE_FOOTER)
    title_block(doc, "Membership Change Notice", "{{ cluster.name }}")
    notice_control(doc)
    for section in (addressees, summary, schools, mou, governance, funding, follow_up,
                    signature):
        section(doc)
    return doc
