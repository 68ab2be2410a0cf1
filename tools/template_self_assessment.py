"""VET cluster self-assessment (domain brief (a) 4 item 4 and (c) 7; functions from b.3).

Each of the 5 operational and 3 strategic functions with the cluster's rating, evidence
and priority, and the key activities it is rated against. The rating scale is reference data
(`docgen/data/rating_scale.yaml`): the cluster's own until it is aligned with the
department's self-assessment tool, whose content is not in shared/reference. The
ratings become the baseline column of the implementation plan.
"""

from __future__ import annotations

from docx.document import Document
from templatekit import (
    bullets,
    details_table,
    document_control,
    heading,
    keep_row_with_next,
    keep_together,
    lead_in,
    new_document,
    para,
    table,
    tag,
    title_block,
)

RATED = "{% if f.assessment %}"
NOT_ASSESSED = "Not yet assessed"






def introduction(doc: Document) -> None:
    heading(doc, "1. About this self-assessment")
    para(doc, "{{ cluster.name }} has rated how far it has put in place each of the five "
              "operational and three strategic functions of a VET cluster. The ratings support "
              "the cluster's VET Cluster Transition Funding application and are the baseline "
              "of its implementation plan, so progress over the funding period can be seen.")
    para(doc, "A function the cluster has not yet rated is shown as \u201cNot yet assessed\u201d.")
    heading(doc, "Rating scale", 2)
    table(doc, ["Rating", "What it means"], ["{{ r.name }}", "{{ r.description }}"],
          loop="r in rating_scale.ratings", widths=[3.5, 13.5])
    tag(doc, "{%p if rating_scale.indicative %}")
    para(doc, "This rating scale is the cluster's own. The department publishes a VET "
              "cluster self-assessment tool with its VET Clusters policy on the Policy and "
              "Advisory Library, to monitor a cluster's progress against these functions; the "
              "cluster will align its ratings with that tool with the Jobs, Skills and "
              "Pathways Manager ({{ jspm.name }}).")
    tag(doc, "{%p endif %}")


def summary(doc: Document) -> None:
    heading(doc, "2. Summary of ratings")
    table(doc, ["Function", "Rating", "Priority"],
          ["{{ f.label }}: {{ f.title }}",
           f"{RATED}{{{{ f.assessment.rating }}}}{{% else %}}{NOT_ASSESSED}{{% endif %}}",
           "{% if f.priority %}{{ f.priority }}{% endif %}"],
          loop="f in functions", widths=[11.0, 3.5, 2.5])
    tag(doc, "{%p if rating_scale.indicative %}")
    para(doc, "Ratings use the cluster's scale described in section 1.")
    tag(doc, "{%p endif %}")


def function_detail(doc: Document, number: int, kind: str, heading_text: str) -> None:
    """One section per function of `kind`: its rating, evidence and priority, then the
    key activities it is rated against.

    The heading, the rating table and the first activity keep together; a list of
    activities that does not fit at the foot of a page runs on to the next, so no page
    is left half empty and no rating is parted from its function's heading.
    """
    heading(doc, f"{number}. {heading_text}")
    tag(doc, f"{{%p for f in {kind}_functions %}}")
    heading(doc, "{{ f.label }}: {{ f.title }}", 2)
    rated = details_table(doc, [
        ("Rating", "{{ f.rating_summary }}"),
        ("Evidence", "{% if f.evidence %}{{ f.evidence }}{% endif %}"),
        ("Priority", "{% if f.priority %}{{ f.priority }}{% endif %}"),
    ], widths=(3.5, 13.5))
    keep_together(rated)
    keep_row_with_next(rated.rows[-1])
    lead_in(doc.paragraphs[-1])  # the space below the table, before "Key activities"
    lead_in(para(doc, "", bold_lead="Key activities"))
    bullets(doc, "a in f.activities", "{{ a }}")
    tag(doc, "{%p endfor %}")


def next_steps(doc: Document) -> None:
    heading(doc, "5. Priorities and next steps")
    para(doc, "Each rating is the baseline for its function in the implementation plan. "
              "Functions the cluster gives high priority:")
    tag(doc, "{%p for f in high_priority_functions %}")
    doc.add_paragraph("{{ f.label }}: {{ f.title }} (rated {{ f.assessment.rating }})",
                      style="List Bullet")
    tag(doc, "{%p else %}")
    doc.add_paragraph("No function is marked high priority yet.", style="List Bullet")
    tag(doc, "{%p endfor %}")
    para(doc, "The cluster reviews this self-assessment with its Governance Group and the "
              "Jobs, Skills and Pathways Manager at least once during the funding period.")
    para(doc, "Prepared by {{ doc.prepared_by }}, {{ doc.date }}.")


def build() -> Document:
    doc = new_document()
    title_block(doc, "VET Cluster Self-Assessment", "{{ cluster.name }}")
    document_control(doc)
    introduction(doc)
    summary(doc)
    function_detail(doc, 3, "operational", "Operational functions")
    function_detail(doc, 4, "strategic", "Strategic functions")
    next_steps(doc)
    return doc
