"""Implementation plan for the transition funding period (seed 000; domain brief (a) 5).

One section per cluster function (the five operational, then the three strategic):
its key activities and the cluster's actions. The page does not say which functions the
reference data could not confirm: `docgen check` and the review checklist do.
Milestones are worked out in `docgen/context.py` from what the cluster file records.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt
from docx.table import Table, _Row
from templatekit import (
    bullets,
    details_table,
    document_control,
    heading,
    keep_row_together,
    keep_row_with_next,
    keep_together,
    lead_in,
    new_document,
    para,
    set_widths,
    table,
    tag,
    title_block,
)

# Landscape A4 less 2 cm margins each side: 25.7 cm of text width.
TEXT_WIDTH = 25.7
ACTION_WIDTHS = [9.0, 4.6, 3.8, 8.3]
FUNCTION_TITLE = "{{ f.label }}: {{ f.title }}"
KEY_ACTIVITIES = "Key activities"
BASELINE = ("Baseline (self-assessment rating): {{ f.baseline }}{% if f.priority %}. "
            "Priority: {{ f.priority }}{% endif %}")




def purpose(doc: Document) -> None:
    heading(doc, "1. Purpose of this plan")
    para(doc, "This plan sets out what the {{ cluster.name }} will do during its VET Cluster "
              "Transition Funding period, from {{ funding.period_start }} to "
              "{{ funding.period_end }}. It forms part of the cluster's application for "
              "transition funding. {{ llen_words.schools_and_llens }} developed it together, with "
              "support from the department's Jobs, Skills and Pathways Manager, "
              "{{ jspm.name }}.")
    tag(doc, "{%p if funding.capped_at_program_end %}")
    para(doc, "The period ends on {{ funding.program_end }}, when the department's funding for "
              "cluster establishment ends.")
    tag(doc, "{%p endif %}")
    para(doc, "The department means the 12 months of transition funding to give schools "
              "time to:")
    bullets(doc, "p in policy.twelve_month_purposes", "{{ p }}")
    para(doc, "The plan is organised by the cluster's five operational and three strategic "
              "functions. For each function it lists the function's key activities and the "
              "actions this cluster has agreed for the period, with who leads each action, "
              "when, and how success will be recognised.")
    details_table(doc, [
        ("Cluster", "{{ cluster.name }}"),
        ("Cluster status", "{{ cluster.status }}"),
        ("Department region and area", "{{ cluster.region }}, {{ cluster.area }}"),
        ("Member schools", "{{ cluster.school_count }} ({{ cluster.sectors }})"),
        ("{%tr if llens %}", ""),
        ("LLEN(s)", "{{ llen_words.short_names }}"),
        ("{%tr endif %}", ""),
        ("Cluster Coordinator", "{% if coordinator.vacant %}To be recruited{% else %}"
                                "{{ coordinator.holder }}{% endif %} ({{ coordinator.fte }} FTE)"),
        ("Funding period", "{{ funding.period_start }} to {{ funding.period_end }}"),
    ], widths=(6.0, 19.7))


def milestones(doc: Document) -> None:
    heading(doc, "2. Milestones")
    para(doc, "These milestones mark the cluster's progress through the funding period. "
              "Target months count from the start of the period; a milestone already reached "
              "shows when.")
    grid = table(doc, ["Milestone", "Target", "Status"],
                 ["{{ m.milestone }}", "{{ m.target }}",
                  "{{ m.status }}{% if m.note %} ({{ m.note }}){% endif %}"],
                 loop="m in milestones", widths=[12.0, 4.0, 9.7])
    keep_row_together(grid.rows[2])


def full_width_row(grid: Table, texts: list[str], style: str | None = None) -> _Row:
    """A row appended to `grid` whose cells are merged into one, holding `texts`."""
    row = grid.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    cell.text = texts[0]
    for text in texts[1:]:
        cell.add_paragraph(text, style=None if text.startswith("{%p") else style)
    return row


def box(doc: Document) -> Table:
    """An empty one-column table, placed like every other table."""
    grid = doc.add_table(rows=0, cols=1)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    return grid


def joint(doc: Document) -> None:
    """The thinnest paragraph Word allows between two tables that read as one block; it
    keeps the first table with the second."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)
    paragraph.paragraph_format.keep_with_next = True


def function_section(doc: Document, kind: str) -> None:
    """Per function of one kind: a heading, its key activities and baseline, its actions.

    The heading, activities, baseline, column headings and first action keep together on
    one page; the actions are a table of their own whose header row repeats when a long
    list runs onto the next page, so a block that does not fit splits between actions.
    """
    tag(doc, f"{{%p for f in {kind}_functions %}}")
    heading(doc, FUNCTION_TITLE, 2)
    about = box(doc)
    activities = full_width_row(about, [KEY_ACTIVITIES, "{%p for x in f.activities %}",
                                        "{{ x }}", "{%p endfor %}"], style="List Bullet")
    activities.cells[0].paragraphs[0].runs[0].bold = True
    full_width_row(about, [BASELINE])
    set_widths(about, [TEXT_WIDTH])
    keep_together(about)
    keep_row_with_next(about.rows[-1])
    joint(doc)
    tag(doc, "{%p if f.actions %}")
    actions = table(doc, ["Action", "Lead", "Timeframe", "Success measure"],
                    ["{{ a.action }}", "{{ a.lead }}", "{{ a.timeframe }}", "{{ a.measure }}"],
                    loop="a in f.actions", widths=ACTION_WIDTHS)
    keep_row_with_next(actions.rows[2])  # every action, so a short list stays whole
    tag(doc, "{%p else %}")
    full_width_row(box(doc), ["No actions are planned for this function in this period."])
    set_widths(doc.tables[-1], [TEXT_WIDTH])
    doc.add_paragraph()
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def functions(doc: Document) -> None:
    heading(doc, "3. Operational functions")
    lead_in(para(doc, "Operational functions are the everyday work of running the cluster."))
    function_section(doc, "operational")
    heading(doc, "4. Strategic functions")
    lead_in(para(doc, "Strategic functions expand the volume and breadth of VET available to "
                      "school students and grow the cluster's capabilities."))
    function_section(doc, "strategic")


def monitoring(doc: Document) -> None:
    heading(doc, "5. Monitoring and review")
    para(doc, "The Cluster Operations Group, chaired by {{ operations_group.chair }}, tracks "
              "the actions in this plan at each of its meetings. The Cluster Coordinator "
              "reports progress against the plan and its milestones to every meeting of the "
              "Cluster Governance Group, which may change actions, leads or timeframes as "
              "needs change.")
    para(doc, "Before the funding period ends, the Governance Group reviews the plan with the "
              "Jobs, Skills and Pathways Manager and confirms how cluster coordination will be "
              "funded from then on.")
    heading(doc, "Long-term funding", 3)
    para(doc, "{{ funding.long_term_funding }}")


def build() -> Document:
    doc = new_document(landscape=True)
    title_block(doc, "Implementation Plan", "{{ cluster.name }}: VET Cluster Transition "
                                            "Funding period")
    document_control(doc)
    purpose(doc)
    milestones(doc)
    functions(doc)
    monitoring(doc)
    return doc
