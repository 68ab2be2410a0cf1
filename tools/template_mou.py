"""Memorandum of Understanding (domain brief (a) 1; PAL "Membership, roles and responsibilities").

The PAL says an MoU sets out the members, the governance arrangements, the agreed
terms of the partnership and the child safety obligations. The department's own
template text was not available, so the clauses here are docgen's plain wording;
policy facts (roles, the pathways.reform address, transition funding) come from the
reference data through the context, or are quoted from the domain brief.
"""

from __future__ import annotations

from docx.document import Document
from docx.shared import Cm
from templatekit import (
    bullets,
    details_table,
    document_control,
    heading,
    new_document,
    para,
    signature_block,
    table,
    tag,
    title_block,
)


def parties(doc: Document) -> None:
    heading(doc, "1. Parties")
    para(doc, "This Memorandum of Understanding (MoU) is made between {{ mou.parties }}, listed "
              "below (the members).")
    heading(doc, "Member schools", 2)
    table(doc, ["School", "Sector", "School number", "Address", "Principal"],
          ["{{ s.name }}", "{{ s.sector }}", "{{ s.number_text }}", "{{ s.address }}",
           "{{ s.principal }}"],
          loop="s in schools", widths=[4.3, 2.6, 2.0, 4.9, 3.2])
    tag(doc, "{%p if llens %}")
    heading(doc, "{{ llen_words.network }}", 2)
    table(doc, ["Legal name", "ABN", "Address", "Executive Officer"],
          ["{{ l.name }}", "{{ l.abn_text }}", "{{ l.address_text }}",
           "{{ l.executive_officer.name }}"],
          loop="l in llens", widths=[5.6, 2.9, 5.0, 3.5])
    tag(doc, "{%p endif %}")
    para(doc, "The Department of Education supports the cluster through the Jobs, Skills and "
              "Pathways Manager for the {{ cluster.area }} area, {{ jspm.name }}, and the "
              "Regional Pathways Workforce. The department is not a party to this MoU.")


def purpose(doc: Document) -> None:
    heading(doc, "2. Purpose and shared vision")
    para(doc, "The members form {{ cluster.name }}, {{ cluster.kind }} in the "
              "{{ cluster.area }} area of the department's {{ cluster.region }} region, to "
              "improve their students' access to high-quality VET delivered to school "
              "students (VDSS). In line with the department's VET Clusters policy, this MoU "
              "sets out:")
    bullets(doc, "item in policy.mou_must_set_out", "{{ item }}")
    heading(doc, "Shared vision", 2)
    tag(doc, "{%p for text in cluster.vision %}")
    para(doc, "{{ text }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if cluster.objectives %}")
    heading(doc, "Objectives", 2)
    para(doc, "To realise this vision the members will work together to:")
    bullets(doc, "objective in cluster.objectives", "{{ objective }}")
    tag(doc, "{%p endif %}")


def term(doc: Document) -> None:
    heading(doc, "3. Term and review")
    details_table(doc, [
        ("Commencement", "{{ mou.commencement }}"),
        ("Term", "{{ mou.term }}"),
        ("Next review due", "{{ mou.review_date }}"),
    ])
    para(doc, "The Cluster Governance Group must review this MoU regularly, so that it keeps "
              "reflecting what the cluster does, and in any case by the review date above. A "
              "review may lead to a variation under section 11.")


def governance(doc: Document) -> None:
    heading(doc, "4. Governance arrangements")
    para(doc, "The cluster is governed in two tiers. Their membership, meetings, quorum and "
              "decision rules are set out in the cluster's Governance Terms of Reference, "
              "which the members adopt and follow alongside this MoU.")
    grid = table(doc, ["Tier", "What it does", "Chair", "Meets"],
                 ["Cluster Governance Group", "The cluster's ultimate decision-making body. "
                  "It sets the cluster's strategic direction, decides matters escalated to "
                  "it and reviews this MoU.", "{{ governance_group.chair }}",
                  "{{ governance_group.meeting_frequency }}"],
                 widths=[3.6, 7.0, 3.2, 3.2])
    row = grid.add_row().cells
    for cell, text in zip(row, [
            "Cluster Operations Group", "Carries out the cluster's operational functions "
            "with the Cluster Coordinator. School VET coordinators take part, and the group "
            "may escalate matters to the Governance Group.",
            "{{ operations_group.chair }}{% if operations_group.chair_is_coordinator %}"
            " (Cluster Coordinator){% endif %}", "{{ operations_group.meeting_frequency }}"],
            strict=True):
        cell.text = text
    for cell, width in zip(row, [3.6, 7.0, 3.2, 3.2], strict=True):
        cell.width = Cm(width)
    para(doc, "Each member school nominates a member of the Cluster Governance Group. The "
              "cluster has agreed these nominees:")
    table(doc, ["School", "Nominee", "Nominee's role"],
          ["{{ s.name }}", "{{ s.nominee }}", "{{ s.nominee_role }}"],
          loop="s in schools", widths=[7.0, 5.0, 5.0])


def roles(doc: Document) -> None:
    heading(doc, "5. Roles and responsibilities")
    heading(doc, "Member schools", 2)
    para(doc, "Each member school will:")
    bullets(doc, "role in policy.member_school_roles", "{{ role }}")
    tag(doc, "{%p if llens %}")
    heading(doc, "The {{ llen_words.abbreviation }}", 2)
    para(doc, "{{ mou.llen_partnership }} The {{ llen_words.abbreviation }} will:")
    bullets(doc, "role in policy.llen_roles", "{{ role }}")
    tag(doc, "{%p endif %}")
    heading(doc, "Cluster Coordinator", 2)
    para(doc, "{{ coordinator.position_summary }} The coordinator's responsibilities include:")
    tag(doc, "{%p for area in policy.coordinator_responsibilities %}")
    para(doc, "", bold_lead="{{ area.group }}")
    bullets(doc, "duty in area.duties", "{{ duty }}")
    tag(doc, "{%p endfor %}")
    heading(doc, "Regional Pathways Workforce and Jobs, Skills and Pathways Manager", 2)
    para(doc, "The department's Regional Pathways Workforce, led in this area by the Jobs, "
              "Skills and Pathways Manager, {{ jspm.name }}, supports the cluster. Its support "
              "includes:")
    bullets(doc, "role in policy.rpw_roles", "{{ role }}")
    para(doc, "The Jobs, Skills and Pathways Manager is the members' first contact at the "
              "department. For further information, the department's VET Delivered to School "
              "Students (VDSS) team can be reached at {{ policy.vdss_team }} "
              "({{ policy.citations.vdss_team }}).")
    tag(doc, "{%p if ttcs %}")
    heading(doc, "Host schools of Trade Training Centres", 2)
    para(doc, "A member school that hosts a Trade Training Centre (TTC) or Australian "
              "Technical College (ATC) keeps decision-making authority over the facility. It is "
              "responsible for the centre's operations, maintenance, utilities, VET purchasing "
              "and contracting, and compliance and risk, including the Child Safe Standards, "
              "and may delegate these to a centre manager. The host school consults the "
              "Cluster Governance Group on key decisions about the facility, such as expansion "
              "or equipment upgrades, and its principal or delegate reports to that group.")
    tag(doc, "{%p endif %}")


def provision(doc: Document) -> None:
    heading(doc, "6. Shared provision")
    para(doc, "The members plan and share VET provision through the cluster so that every "
              "student can access at least one certificate from each of the six VCE VET "
              "priority industry areas, and so that no school has to run a program alone.")
    tag(doc, "{%p if courses %}")
    para(doc, "The members currently share these certificates:")
    table(doc, ["Certificate", "Pathway", "Delivered by", "Where and when"],
          ["{{ c.certificate }}",
           "{{ c.pathway }}",
           "{{ c.provider }}",
           "{{ c.where_and_when }}"],
          loop="c in courses", widths=[5.0, 3.3, 3.8, 4.9])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if partners %}")
    para(doc, "The cluster works with these training providers:")
    table(doc, ["Provider", "Type", "RTO code", "Contact"],
          ["{{ p.name }}", "{{ p.kind }}",
           "{{ p.rto_code_text }}", "{{ p.contact_text }}"],
          loop="p in partners", widths=[6.0, 1.8, 2.5, 6.7])
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if provision.member_school_delivers %}")
    heading(doc, "Contracts and agreements for shared delivery", 2)
    para(doc, "A government member school that arranges VET delivery with an RTO, or buys VET "
              "from another government school, uses the department's standard template for "
              "the arrangement and has a valid, signed contract or agreement "
              "({{ policy.citations.standard_vet_agreements }}). The standard contracts and "
              "agreements are:")
    bullets(doc, "a in policy.standard_vet_agreements", "{{ a }}")
    tag(doc, "{%p endif %}")
    heading(doc, "Trade Training Centres and Australian Technical Colleges", 2)
    tag(doc, "{%p if ttcs %}")
    para(doc, "Host schools use the cluster to plan and share access to their TTC or ATC, "
              "including transport, trainer recruitment, shared RTOs and enrolment. The "
              "facilities are prioritised for VDSS. The centres and their management funding "
              "arrangements are:")
    table(doc, ["Centre", "Host school", "Centre manager", "Management funding"],
          ["{{ t.name }} ({{ t.type }})", "{{ t.host_school }}",
           "{% if t.centre_manager %}{{ t.centre_manager }}{% else %}Not appointed{% endif %}",
           "{{ t.management_funding }}"],
          loop="t in ttcs", widths=[4.2, 4.2, 3.0, 5.6])
    tag(doc, "{%p for t in ttcs %}")
    tag(doc, "{%p if t.arrangements %}")
    para(doc, "{{ t.arrangements }}", bold_lead="{{ t.name }}: ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    para(doc, "No member school hosts a Trade Training Centre or Australian Technical College "
              "at present. If one does, the members will record its access and management "
              "funding arrangements, and the host school's role, in this MoU.")
    tag(doc, "{%p endif %}")


def finance(doc: Document) -> None:
    heading(doc, "7. Financial arrangements")
    heading(doc, "Member contributions", 2)
    para(doc, "The members share the cost of cluster coordination through "
              "{{ mou.contributions.model }}.")
    tag(doc, "{%p if mou.contributions.rate_per_school %}")
    para(doc, "{{ mou.contributions.rate_per_school }} a year", "List Bullet",
         bold_lead="Contribution per member school: ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if mou.contributions.rate_per_enrolment %}")
    para(doc, "{{ mou.contributions.rate_per_enrolment }} a year for each VDSS enrolment",
         "List Bullet", bold_lead="Contribution per enrolment: ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if mou.contributions.llen_contribution %}")
    para(doc, "{{ mou.contributions.llen_contribution }} a year, in line with the School to "
              "Work program", "List Bullet",
         bold_lead="LLEN contribution: ")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if mou.contributions.notes %}")
    para(doc, "{{ mou.contributions.notes }}")
    tag(doc, "{%p endif %}")
    para(doc, "A single rate per school is the usual model. Where that would be significantly "
              "inequitable, for example because enrolments differ widely between schools, the "
              "members may adjust contributions by enrolment. Schools may draw on sources such "
              "as:")
    bullets(doc, "source in policy.school_funding_sources", "{{ source }}")
    heading(doc, "Transition funding", 2)
    para(doc, "VET Cluster Transition Funding supports the employment of the Cluster "
              "Coordinator. It is paid to {{ funding.paid_to }} for 12 months from the "
              "department's approval{% if funding.capped_at_program_end %}, and funding for "
              "cluster establishment runs until {{ funding.program_end }}: with approval on "
              "{{ funding.approval_date }}, the funding period is therefore "
              "{{ funding.period_start }} to {{ funding.period_end }}{% else %}: with approval "
              "on {{ funding.approval_date }}, from {{ funding.period_start }} to "
              "{{ funding.period_end }}{% endif %}.")
    para(doc, "Before transition funding ends the members will put in place the cluster's "
              "long-term funding arrangements. The members' current plan: "
              "{{ funding.long_term_funding }}")


def data_sharing(doc: Document) -> None:
    heading(doc, "8. Data sharing and privacy")
    para(doc, "Each member school provides student application and enrolment data to the "
              "cluster so that enrolment trends can be analysed and access and provision "
              "challenges addressed.{% if ttcs %} Schools report TTC and ATC enrolment and "
              "utilisation data to the department through the cluster each semester.{% endif %}")
    tag(doc, "{%p if mou.data_sharing %}")
    para(doc, "The members have also agreed that:")
    bullets(doc, "term in mou.data_sharing", "{{ term }}")
    tag(doc, "{%p endif %}")
    para(doc, "Each member handles personal information it receives through the cluster under "
              "the privacy law and policies that apply to it. Members use such information only "
              "for the cluster's purposes, share it only with people who need it for those "
              "purposes, keep it secure, and report any loss or misuse to the member that "
              "provided it.")


def child_safety(doc: Document) -> None:
    heading(doc, "9. Child safety")
    para(doc, "The members put the safety and wellbeing of children and young people first. "
              "Each member meets the Child Safe Standards as they apply to it, including for "
              "students of other member schools who attend its site or take part in cluster "
              "activities. Each member makes sure that the staff, trainers and contractors it "
              "engages for cluster activities understand and follow its child safety policies.")
    para(doc, "{{ mou.child_safety_lead }}", bold_lead="Child safety lead for cluster "
                                                        "activities: ")
    tag(doc, "{%p if mou.child_safety_commitments %}")
    para(doc, "The members also commit that:")
    bullets(doc, "commitment in mou.child_safety_commitments", "{{ commitment }}")
    tag(doc, "{%p endif %}")
    para(doc, "A concern about a child's safety is acted on and reported under the procedures "
              "of the school the student attends and of the site where the concern arose.")


def membership(doc: Document) -> None:
    heading(doc, "10. Membership changes")
    para(doc, "A school's assignment to a cluster is not final: with the clusters concerned, a "
              "school may review which cluster it is best suited to work with. Before a change, "
              "the school considers the practicalities of active collaboration with the "
              "cluster, including shared provision of VET, and the school and the Cluster "
              "Coordinator liaise with the Jobs, Skills and Pathways Manager, {{ jspm.name }}.")
    para(doc, "If a school, government or non-government, changes cluster, the clusters "
              "concerned must inform the department at "
              "{{ policy.pathways_reform }}.")
    para(doc, "A school joins by signing this MoU with the agreement of the Cluster Governance "
              "Group. The Cluster Coordinator then updates the parties schedule and the "
              "cluster's other documents.")


def disputes(doc: Document) -> None:
    heading(doc, "11. Disputes, withdrawal and variation")
    heading(doc, "Disputes", 2)
    para(doc, "Members first try to settle a disagreement about the cluster's operations "
              "through the Cluster Coordinator and the Cluster Operations Group. A matter that "
              "cannot be settled there is escalated to the Cluster Governance Group, whose "
              "decision is final for the cluster. The members may ask the Jobs, Skills and "
              "Pathways Manager for advice at any stage.")
    heading(doc, "Withdrawal", 2)
    para(doc, "A member may withdraw from this MoU by giving written notice to the chair of "
              "the Cluster Governance Group at least {{ mou.withdrawal_notice }} ahead. A "
              "withdrawing "
              "member works with the Cluster Coordinator so that students already enrolled in "
              "shared provision can complete their program.")
    heading(doc, "Variation", 2)
    para(doc, "This MoU may be varied in writing with the agreement of the Cluster Governance "
              "Group. Each variation is recorded as a new version in the document control "
              "table and given to every member.")


def variations(doc: Document) -> None:
    """Schedule of variations: schools that joined, left or were renamed (membership_changes)."""
    tag(doc, "{%p if membership_changes %}")
    heading(doc, "Schedule of variations")
    para(doc, "Since this MoU commenced, schools have joined, left or been renamed as shown "
              "below. The parties in section 1 and the signatures that follow reflect these "
              "changes, and each variation is recorded as a new version in the document "
              "control table.")
    table(doc, ["Date", "School", "Change", "Details", "Department told"],
          ["{{ v.date }}", "{{ v.school }}", "{{ v.change }}",
           "{% if v.detail %}{{ v.detail }}{% else %}None{% endif %}",
           "{% if v.dept_notified %}{{ v.dept_notified }}{% elif v.notice_required %}Not yet"
           "{% else %}Not required{% endif %}"],
          loop="v in membership_changes", widths=[2.8, 4.6, 3.0, 3.8, 2.8])
    tag(doc, "{%p endif %}")


def signatures(doc: Document) -> None:
    heading(doc, "12. Signatures")
    para(doc, "Signed {{ mou.signatories }}, as agreement to the terms of this MoU.")
    heading(doc, "Member schools", 2)
    signature_block(doc, "s in schools", "{{ s.principal }}", "Principal", "{{ s.name }}")
    tag(doc, "{%p if llens %}")
    heading(doc, "{{ llen_words.network }}", 2)
    signature_block(doc, "l in llens", "{{ l.executive_officer.name }}", "Executive Officer",
                    "{{ l.name }}")
    tag(doc, "{%p endif %}")


def build() -> Document:
    doc = new_document()
    title_block(doc, "Memorandum of Understanding", "{{ cluster.name }}")
    document_control(doc)
    for section in (parties, purpose, term, governance, roles, provision, finance,
                    data_sharing, child_safety, membership, disputes, variations, signatures):
        section(doc)
    return doc

