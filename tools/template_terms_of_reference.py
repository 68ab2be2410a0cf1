"""Governance Terms of Reference (domain brief (a) 2; PAL governance and membership guidance).

The PAL encourages a two-tier model: a Cluster Governance Group that sets strategic
direction and decides, and a Cluster Operations Group, chaired by the Cluster
Coordinator, that runs operations and escalates. The department's template text was
not available; the layout follows the DE TTC Governance Committee ToR (purpose,
background, groups, roles, conduct) and the wording is docgen's own.
"""

from __future__ import annotations

from docx.document import Document
from templatekit import (
    bullets,
    details_table,
    document_control,
    heading,
    new_document,
    para,
    table,
    tag,
    title_block,
)

MEMBER_COLUMNS = ["Name", "Organisation", "Role", "Voting"]
MEMBER_CELLS = ["{{ m.name }}", "{{ m.organisation }}", "{{ m.role }}", "{{ m.voting }}"]
MEMBER_WIDTHS = [3.6, 6.0, 5.8, 1.6]


def bullet(doc: Document, text: str, guard: str | None = None) -> None:
    """One bullet, shown only when `guard` (a flag in the context) holds."""
    if guard:
        tag(doc, f"{{%p if {guard} %}}")
    para(doc, text, "List Bullet")
    if guard:
        tag(doc, "{%p endif %}")


def meetings(doc: Document, group: str) -> None:
    """Chair, deputy, frequency, quorum, decisions and secretariat of one group."""
    details_table(doc, [
        ("Chair", f"{{{{ {group}.chair }}}}"),
        (f"{{%tr if {group}.deputy_chair %}}", ""),
        ("Deputy chair", f"{{{{ {group}.deputy_chair }}}}"),
        ("{%tr endif %}", ""),
        ("Meets", f"{{{{ {group}.meeting_frequency }}}}"),
        ("Quorum", f"{{{{ {group}.quorum }}}}"),
        ("Decisions", f"{{{{ {group}.decision_rule }}}}"),
        (f"{{%tr if {group}.secretariat %}}", ""),
        ("Secretariat", f"{{{{ {group}.secretariat }}}}"),
        ("{%tr endif %}", ""),
    ])


def functions(doc: Document, kind: str) -> None:
    """The department's functions of one kind, as a short labelled list."""
    para(doc, f"The cluster's {kind} functions are:")
    bullets(doc, f"f in {kind}_functions",
            "{{ f.title }}")


def purpose(doc: Document) -> None:
    heading(doc, "1. Purpose")
    para(doc, "These Terms of Reference set out how {{ cluster.name }} is governed: the two "
              "groups that lead and run the cluster, who belongs to them, how they meet and "
              "make decisions, and how they report. They sit alongside the cluster's "
              "Memorandum of Understanding (MoU), which {{ mou.signing_members }} sign.")


def background(doc: Document) -> None:
    heading(doc, "2. Background")
    para(doc, "A VET cluster is a network of schools in an area that work together, often with "
              "the support of a Local Learning and Employment Network (LLEN), to improve the "
              "availability of VET delivered to school students (VDSS). The department's VET "
              "Clusters policy requires every cluster to have an MoU and encourages a two-tier "
              "governance model, which these Terms of Reference put in place.")
    details_table(doc, [
        ("Cluster", "{{ cluster.name }}{% if cluster.established %} (formed "
                    "{{ cluster.established }}){% endif %}"),
        ("Department region and area", "{{ cluster.region }}, {{ cluster.area }}"),
        ("Facilitation", "{{ cluster.facilitation }}"),
        ("Member schools", "{{ cluster.school_count }} ({{ cluster.sectors }})"),
        ("{%tr if llens %}", ""),
        ("{{ llen_words.abbreviation }}", "{{ llen_words.short_names_listed }}"),
        ("{%tr endif %}", ""),
        ("Cluster Coordinator", "{% if coordinator.vacant %}To be recruited{% else %}"
                                "{{ coordinator.holder }}{% endif %}"),
    ], widths=(5.0, 12.0))
    para(doc, "The cluster's shared vision:")
    tag(doc, "{%p for text in cluster.vision %}")
    para(doc, "{{ text }}", "Quote")
    tag(doc, "{%p endfor %}")


def model(doc: Document) -> None:
    heading(doc, "3. Governance model")
    para(doc, "The cluster is governed in two tiers:")
    grid = table(doc, ["Tier", "Purpose", "Chair", "Meets"],
                 ["Cluster Governance Group", "The cluster's ultimate decision-making body. "
                  "Sets strategic direction and decides matters escalated to it.",
                  "{{ governance_group.chair }}", "{{ governance_group.meeting_frequency }}"],
                 widths=[3.6, 7.0, 3.2, 3.2])
    cells = grid.add_row().cells
    for cell, text in zip(cells, [
            "Cluster Operations Group", "Carries out the cluster's operational functions day "
            "to day and escalates matters to the Governance Group.",
            "{{ operations_group.chair }}", "{{ operations_group.meeting_frequency }}"],
            strict=True):
        cell.text = text
    heading(doc, "Escalation", 2)
    para(doc, "Matters are settled at the lowest level that can settle them, and move up in "
              "this order:")
    bullet(doc, "A school VET coordinator raises an operational matter with the Cluster "
                "Coordinator, who resolves it or takes it to the Cluster Operations Group.")
    bullet(doc, "The Operations Group settles it where it can. It escalates to the Cluster "
                "Governance Group any matter that needs a strategic decision, would change "
                "member contributions, the MoU or these Terms of Reference, or that it cannot "
                "settle.")
    bullet(doc, "The Governance Group decides. Its decision is final for the cluster.")


def governance_group(doc: Document) -> None:
    heading(doc, "4. Cluster Governance Group")
    heading(doc, "Role", 2)
    para(doc, "The Cluster Governance Group is the cluster's ultimate decision-making body. "
              "It will:")
    bullet(doc, "set the cluster's strategic direction, in line with its shared vision")
    bullet(doc, "make the cluster's decisions, including on matters the Operations Group "
                "escalates")
    bullet(doc, "review the MoU regularly so that it keeps reflecting the cluster's activities "
                "(next review due {{ mou.review_date }})")
    bullet(doc, "agree the cluster's long-term funding arrangements and member contributions")
    bullet(doc, "oversee the cluster's strategic functions (listed below)")
    tag(doc, "{%p if ttcs %}")
    bullet(doc, "receive reports from the principal, or delegate, of each member school hosting "
                "a Trade Training Centre (TTC) or Australian Technical College (ATC), and be "
                "consulted by the host school on key decisions about the facility, such as "
                "expansion or equipment upgrades; the host school keeps decision-making "
                "authority over the facility")
    bullet(doc, "make sure TTC and ATC enrolment and utilisation data is reported to the "
                "department through the cluster each semester")
    tag(doc, "{%p endif %}")
    functions(doc, "strategic")
    heading(doc, "Membership", 2)
    para(doc, "Each member school nominates one member: a principal-class staff member or its "
              "VET coordinator, as the cluster has decided for that school.{% if llens %} "
              "{{ llen_words.officers_take_part }}{% endif %} The members are:")
    table(doc, MEMBER_COLUMNS, MEMBER_CELLS, loop="m in governance_group.members",
          widths=MEMBER_WIDTHS)
    heading(doc, "Meetings and decisions", 2)
    meetings(doc, "governance_group")
    para(doc, "Meetings may be held in person or online. Papers go to members before each "
              "meeting, and minutes recording decisions, actions and declared conflicts of "
              "interest go to members after it.")


def operations_group(doc: Document) -> None:
    heading(doc, "5. Cluster Operations Group")
    heading(doc, "Role", 2)
    para(doc, "The Cluster Operations Group brings the school VET coordinators together to "
              "manage the everyday workings of the cluster with the Cluster Coordinator. It "
              "will:")
    bullet(doc, "carry out the cluster's operational functions (listed below)")
    bullet(doc, "pool its members' knowledge and experience, and provide professional learning "
                "for one another")
    bullet(doc, "report to the Cluster Governance Group at each of its meetings, and escalate "
                "matters as set out in section 3")
    functions(doc, "operational")
    heading(doc, "Membership", 2)
    para(doc, "The Cluster Coordinator chairs and manages the Operations Group. "
              "{% if operations_group.chair_is_coordinator %}The chair is "
              "{{ operations_group.chair }}, the Cluster Coordinator.{% else %}At present the "
              "group is chaired by {{ operations_group.chair }}.{% endif %} Each member school "
              "makes sure its VET coordinator can attend and take part. The members are:")
    table(doc, MEMBER_COLUMNS, MEMBER_CELLS, loop="m in operations_group.members",
          widths=MEMBER_WIDTHS)
    heading(doc, "Meetings and decisions", 2)
    meetings(doc, "operations_group")


def roles(doc: Document) -> None:
    heading(doc, "6. Roles")
    heading(doc, "Chair of the Governance Group", 2)
    para(doc, "The chair, {{ governance_group.chair }}, will:")
    bullet(doc, "chair meetings and make sure every member can contribute")
    bullet(doc, "set each agenda{% if governance_group.secretariat %} with the secretariat"
                "{% endif %}")
    bullet(doc, "make sure decisions, actions and declared conflicts of interest are recorded")
    bullet(doc, "speak for the cluster between meetings on matters the group has delegated to "
                "the chair")
    tag(doc, "{%p if governance_group.deputy_chair %}")
    para(doc, "The deputy chair, {{ governance_group.deputy_chair }}, acts as chair when the "
              "chair is absent.")
    tag(doc, "{%p endif %}")
    heading(doc, "Members", 2)
    para(doc, "Members of both groups will:")
    bullet(doc, "attend meetings having read the papers")
    bullet(doc, "bring their organisation's views and take the group's decisions back to it")
    bullet(doc, "act in the interest of students across the whole cluster")
    bullet(doc, "declare any conflict of interest")
    heading(doc, "Cluster Coordinator", 2)
    para(doc, "{{ coordinator.reporting_line }} The coordinator is responsible for:")
    bullets(doc, "area in policy.coordinator_responsibilities",
            "{{ area.group }}: {{ area.duties_listed }}")
    tag(doc, "{%p if llens %}")
    heading(doc, "{{ llen_words.executive_officers }}", 2)
    para(doc, "{{ llen_words.named_officers_take_part }} The {{ llen_words.abbreviation }} will:")
    bullets(doc, "role in policy.llen_roles", "{{ role }}")
    tag(doc, "{%p endif %}")
    heading(doc, "Jobs, Skills and Pathways Manager and Regional Pathways Workforce", 2)
    para(doc, "{{ jspm.name_and_title }} leads the "
              "department's Regional Pathways Workforce support for the cluster and advises "
              "the Governance Group. The Regional Pathways Workforce will:")
    bullets(doc, "role in policy.rpw_roles", "{{ role }}")
    tag(doc, "{%p if governance_group.secretariat %}")
    heading(doc, "Secretariat", 2)
    para(doc, "The secretariat ({{ governance_group.secretariat }}) prepares agendas and papers "
              "with the chair, takes minutes and keeps the group's records.")
    tag(doc, "{%p endif %}")


def conduct(doc: Document) -> None:
    heading(doc, "7. Conduct")
    heading(doc, "Conflicts of interest", 2)
    para(doc, "A member with a personal, financial or organisational interest in a matter before "
              "a group, for example a decision about provision their own school or organisation "
              "delivers, declares it at the start of the meeting or as soon as they become "
              "aware of it. The chair, with the group, decides how it is managed, for example "
              "by the member leaving the discussion or not voting, and the minutes record the "
              "declaration and the decision.")
    heading(doc, "Confidentiality", 2)
    para(doc, "Members keep confidential any personal information about students, families or "
              "staff, and any papers a group marks confidential. Student data shared for "
              "cluster planning is used only for that purpose and handled under each member's "
              "privacy obligations, as the MoU sets out.")
    heading(doc, "Working together", 2)
    para(doc, "Members act in good faith and in the interest of students across the cluster and "
              "every school sector, and respect each school's responsibility for its own "
              "students.")


def reporting(doc: Document) -> None:
    heading(doc, "8. Reporting")
    bullet(doc, "The Operations Group reports to the Governance Group at each Governance Group "
                "meeting, through its chair.")
    bullet(doc, "The Governance Group's decisions and minutes go to every member school's "
                "principal after each meeting.")
    bullet(doc, "{{ llen_words.officers_report }}", guard="llens")
    bullet(doc, "The cluster reports to the department through the Jobs, Skills and Pathways "
                "Manager, as the department asks. If a school changes cluster, the clusters "
                "concerned must inform the department at {{ policy.pathways_reform }}.")
    bullet(doc, "Schools report TTC and ATC enrolment and utilisation data to the department "
                "through the cluster each semester.", guard="ttcs")


def review(doc: Document) -> None:
    heading(doc, "9. Review of these Terms of Reference")
    para(doc, "The Cluster Governance Group reviews these Terms of Reference when it reviews the "
              "MoU, and in any case by {{ mou.review_date }}, or sooner if the cluster's "
              "membership or structure changes. Changes are agreed by the Governance Group and "
              "recorded as a new version in the document control table.")
    tag(doc, "{%p if funding.tor_adopted %}")
    para(doc, "These Terms of Reference were adopted by the Cluster Governance Group on "
              "{{ funding.tor_adopted }}.")
    tag(doc, "{%p endif %}")


def build() -> Document:
    doc = new_document()
    title_block(doc, "Governance Terms of Reference", "{{ cluster.name }}")
    document_control(doc)
    for section in (purpose, background, model, governance_group, operations_group, roles,
                    conduct, reporting, review):
        section(doc)
    return doc
