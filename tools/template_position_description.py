"""VET Cluster Coordinator position description (seed 001; seed 000; domain brief (a) 3).

Responsibilities follow the three groups the department recommends (seed 001) and the
cluster's functions; conditions quote VGSA 2022 only where the coordinator is employed
under it, and otherwise defer to the employing LLEN's instrument "or equivalent".
"""

from __future__ import annotations

from docx.document import Document
from docx.shared import Pt
from docx.table import _Cell
from templatekit import (
    bullets,
    details_table,
    document_control,
    fixed_bullets,
    heading,
    keep_row_together,
    new_document,
    para,
    signature_table,
    table,
    tag,
    title_block,
)

EMPLOYER = "{{ coordinator.employer_name }}"
EMPLOYER_SHORT = "{{ coordinator.employer_short }}"
CLASSIFICATION = "{{ coordinator.classification_text }}"
FUNCTION_TITLE = "{{ f.title }}"

def cell_paragraphs(cell: _Cell, texts: list[str], style: str | None = None) -> None:
    """Replace a cell's text with one paragraph per text (a `{%p %}` tag is a text too)."""
    cell.text = texts[0]
    if style and not texts[0].startswith("{%p"):
        cell.paragraphs[0].style = style
    for text in texts[1:]:
        cell.add_paragraph(text, style=None if text.startswith("{%p") else style)




def position_details(doc: Document) -> None:
    heading(doc, "1. Position details")
    grid = details_table(doc, [
        ("Position title", "VET Cluster Coordinator"),
        ("Cluster", "{{ cluster.name }}"),
        ("Classification", CLASSIFICATION),
        ("Employer", EMPLOYER),
        ("{%tr if coordinator.location %}", ""),
        ("Location", "{{ coordinator.location }}"),
        ("{%tr endif %}", ""),
        ("Time fraction", "{{ coordinator.time_fraction }}"),
        ("{%tr if coordinator.tenure %}", ""),
        ("Tenure", "{{ coordinator.tenure }}"),
        ("{%tr endif %}", ""),
        ("{%tr if coordinator.start_date %}", ""),
        ("Start date", "{{ coordinator.start_date }}"),
        ("{%tr endif %}", ""),
        ("Reports to", "{% if coordinator.reports_to %}{{ coordinator.reports_to }}"
                       "{% elif cluster.employer %}Executive Officer, "
                       "{{ cluster.employer.short_name }}{% else %}The chair of the Cluster "
                       "Governance Group{% endif %}"),
        ("Key relationships", ""),
        ("{%tr if not coordinator.vacant %}", ""),
        ("Current occupant", "{{ coordinator.holder }}"),
        ("{%tr endif %}", ""),
    ])
    relationships = next(row for row in grid.rows if row.cells[0].text == "Key relationships")
    cell_paragraphs(relationships.cells[1], [
        "Chair of the Cluster Governance Group ({{ governance_group.chair }})",
        "Jobs, Skills and Pathways Manager, Department of Education ({{ jspm.name }})",
        "{%p for l in llens %}",
        "Executive Officer, {{ l.short_name }} ({{ l.executive_officer.name }})",
        "{%p endfor %}",
        "Principals and VET coordinators of the member schools",
        "TAFE, RTO and industry partners",
        "{%p for t in ttcs %}",
        "Host school and centre manager of {{ t.name }}",
        "{%p endfor %}",
        "{%p if admin %}",
        "Administration support officer ({{ admin.fte }} FTE)",
        "{%p endif %}",
    ], style="List Bullet")


def the_cluster(doc: Document) -> None:
    heading(doc, "2. The cluster")
    para(doc, "The {{ cluster.name }} is a network of {{ cluster.school_count }} schools in "
              "the {{ cluster.area }} area of the Department of Education's "
              "{{ cluster.region }} region. Its members work together so that their students "
              "can reach a broader range of VET delivered to school students (VDSS) than any "
              "one school could offer alone.{% if cluster.llen_facilitated %} The cluster is "
              "facilitated by {{ llen_words.short_names }}.{% endif %}")
    table(doc, ["Member school", "Sector", "Address"],
          ["{{ s.name }}", "{{ s.sector }}", "{{ s.address }}"],
          loop="s in schools", widths=[6.0, 2.8, 8.2])
    tag(doc, "{%p if cluster.vision %}")
    para(doc, "The cluster's shared vision:", bold_lead="")
    tag(doc, "{%p for v in cluster.vision %}")
    para(doc, "{{ v }}", style="Quote")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def purpose(doc: Document) -> None:
    heading(doc, "3. Purpose of the position")
    para(doc, "The VET Cluster Coordinator is the cluster's dedicated coordinator. The "
              "coordinator runs the cluster day to day, chairs and manages the Cluster "
              "Operations Group, and is the central point of contact between the member "
              "schools, the LLEN, training providers, employers and the department. Its aim "
              "is that more students in every member school can take up high-quality VET, "
              "while each school carries less of the administrative load.")
    para(doc, "The coordinator is employed by " + EMPLOYER + ", which has direct oversight "
              "of the position. The Cluster Governance Group sets the cluster's strategic "
              "direction and the coordinator's priorities within it.")
    para(doc, "The position is funded in the first instance by VET Cluster Transition Funding "
              "for the period {{ funding.period_start }} to {{ funding.period_end }}. During "
              "this period the member schools and the LLEN will use their experience of the "
              "role to refine this position description and to settle how the position will "
              "be funded in the long term.")


def responsibilities(doc: Document) -> None:
    heading(doc, "4. Key responsibilities")
    para(doc, "The department recommends that a cluster coordinator's responsibilities cover "
              "three areas. In this cluster the coordinator will:")
    tag(doc, "{%p for g in policy.coordinator_responsibilities %}")
    heading(doc, "{{ g.group }}", 3)
    bullets(doc, "d in g.duties", "{{ d }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "Duties across the cluster's functions", 3)
    para(doc, "Clusters carry out five operational and three strategic functions. The "
              "coordinator leads or supports the cluster's work on each of them, including:")
    grid = table(doc, ["Function", "Duties"], ["", ""], loop="f in functions",
                 widths=[6.0, 11.0])
    keep_row_together(grid.rows[2])
    cells = grid.rows[2].cells
    cell_paragraphs(cells[0], ["{{ f.label }}", FUNCTION_TITLE])
    cells[0].paragraphs[0].runs[0].bold = True
    cells[0].paragraphs[0].paragraph_format.space_after = Pt(0)  # the label sits on its title
    cell_paragraphs(cells[1], ["{%p for a in f.activities %}", "{{ a }}", "{%p endfor %}"],
                    style="List Bullet")
    tag(doc, "{%p if ttcs %}")
    heading(doc, "Trade Training Centres", 3)
    tag(doc, "{%p for t in ttcs %}")
    para(doc, "Work with {{ t.host_school }} and the cluster's schools to plan and share "
              "access to {{ t.name }}, giving priority to VET delivered to school students, "
              "and collate the centre's enrolment and utilisation data each semester for "
              "reporting to the department through the cluster.", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def selection_criteria(doc: Document) -> None:
    heading(doc, "5. Key selection criteria")
    para(doc, "The {{ cluster.name }} will assess applicants against the following criteria.")
    bullets(doc, "c in coordinator.selection_criteria", "{{ c }}", style="List Number")
    heading(doc, "Requirements", 3)
    fixed_bullets(doc, [
        "A current Working with Children Check (employee), held before starting and kept "
        "current throughout employment.",
        "Willingness to travel regularly between member schools, training providers and "
        "workplaces; a current driver's licence.",
    ])


def conditions(doc: Document) -> None:
    heading(doc, "6. Conditions of employment")
    tag(doc, "{%p if coordinator.under_vgsa %}")
    para(doc, "Salary and conditions follow the {{ policy.es.instrument }}, at "
              + CLASSIFICATION + ". Salary is paid at the rate for the classification in that "
              "agreement. Its education support conditions include:")
    para(doc, "{{ policy.es.hours_per_week }} hours a week for a full-time employee; part-time "
              "hours are pro rata.", style="List Bullet", bold_lead="Hours: ")
    para(doc, "up to {{ policy.es.max_hours_per_day }} hours a day, {{ policy.es.span }}. "
              "Start and finish times are agreed at appointment; if none are agreed they are "
              "{{ policy.es.default_times }}.", style="List Bullet", bold_lead="Attendance: ")
    para(doc, "{{ policy.es.lunch_break }}.", style="List Bullet", bold_lead="Lunch break: ")
    para(doc, "{{ policy.es.time_in_lieu }}", style="List Bullet",
         bold_lead="Time in lieu: ")
    tag(doc, "{%p else %}")
    para(doc, "Salary and conditions, including hours of work, leave and time in lieu, are "
              "those of {{ coordinator.instrument_words }}, or equivalent. The position is "
              "classified at " + CLASSIFICATION + "{% if coordinator.recommended_classification "
              "%}, the salary level the VET Cluster Framework recommends for the role"
              "{% endif %}.")
    tag(doc, "{%p endif %}")
    para(doc, "Transition funding for the position is paid to the LLEN for "
              "{{ funding.period_start }} to {{ funding.period_end }}. Employment beyond that "
              "date depends on the long-term funding arrangements the member schools and the "
              "LLEN are putting in place.", bold_lead="Funding: ")


def statements(doc: Document) -> None:
    heading(doc, "7. Child safety")
    para(doc, "The {{ cluster.name }}, " + EMPLOYER_SHORT + " and every member school are "
              "committed to the safety and wellbeing of all children and young people, and "
              "have zero tolerance of child abuse. The coordinator works in line with the "
              "Child Safe Standards and the child safety policies of the employer and of each "
              "school whose students, staff or sites they work with, and must report any "
              "concern for a child's safety as those policies require.")
    para(doc, "Before starting, the successful applicant must hold a current Working with "
              "Children Check (employee) and must keep it current while in the position.")
    heading(doc, "8. Equal opportunity")
    para(doc, "{{ cluster.employer_words }} is an equal opportunity employer. Applications "
              "are welcome from people of every background, including Aboriginal and Torres "
              "Strait Islander people, people with disability, and people of all ages, genders, "
              "cultures, faiths and sexual orientations. Reasonable adjustments are available "
              "during recruitment and employment on request.")
    tag(doc, "{%p if cluster.employer %}")
    heading(doc, "9. Enquiries")
    para(doc, "Enquiries about the position are welcome: {{ cluster.employer.contact }}.")
    tag(doc, "{%p endif %}")


def approval(doc: Document) -> None:
    heading(doc, "Approval")
    para(doc, "This position description is endorsed by the Cluster Governance Group and "
              "approved by the employer.")
    signature_table(doc, "{{ governance_group.chair }}", "Chair, Cluster Governance Group",
                    "{{ cluster.name }}")
    tag(doc, "{%p if cluster.employer %}")
    signature_table(doc, "{{ cluster.employer.executive_officer.name }}", "Executive Officer",
                    "{{ cluster.employer.name }}")
    tag(doc, "{%p endif %}")


def build() -> Document:
    doc = new_document()
    title_block(doc, "Position Description", "VET Cluster Coordinator, {{ cluster.name }}")
    document_control(doc)
    position_details(doc)
    the_cluster(doc)
    purpose(doc)
    responsibilities(doc)
    selection_criteria(doc)
    conditions(doc)
    statements(doc)
    approval(doc)
    return doc
